"""Files → layout → fields, as a pipeline of small named steps.

1. ``sniff``: PDF or image, by content rather than by name.
2. ``plan``: a PDF page with a text layer is read as words with their boxes (pypdfium2); a page
   without one is rendered (or its scanned JPEG taken as it is) and sent to OCR; an image goes
   to OCR whole. OCR runs in a thread pool across files and pages, one single-threaded
   Tesseract each; pdfium, not thread-safe, stays in the calling thread.
3. ``read``: the layout's fields (:mod:`extractors.fields`), each with its confidence.
4. ``complement``: a text layer that lacks what a certificate's fields hang on (labels drawn
   as shapes, a scan under a few real words) has its page OCRed as well; words the text layer
   does not cover are added to it, and the fields are read again.
5. ``barcodes``: only when the platform or the ID is still unknown or the ID doubtful, QR codes
   are decoded: they confirm an ID and tell the platform, they never stand for printed text.
6. ``settle look-alikes``: an OCR-read ID whose O/0 (o/0) its form allows both ways has those
   characters told apart by their glyphs' shapes on the page where the shapes are clear.
"""

from __future__ import annotations

import itertools
import os
import re
import shutil
import statistics
import tempfile
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field, replace
from pathlib import Path

from PIL import Image, ImageDraw, ImageOps, ImageSequence, UnidentifiedImageError

from extractors import barcodes as barcode_reader
from extractors.anchors import Reading, load_reading
from extractors.clean import LIGATURE_LETTERS, clean_page, join_words_at, latin, ligature_gaps
from extractors.compounds import compounds
from extractors.engine import OcrTimeout
from extractors.errors import (
    ExtractionError,
    ReaderFault,
    TooLarge,
    UnreadableFile,
    UnsupportedFile,
)
from extractors.fields.anchoring import Gap
from extractors.fields.identifiers import LOOKALIKE_NOTE, alternates, lookalike_note, lookalikes
from extractors.fields.reader import ReaderSettings, read_fields
from extractors.glyphs import Glyph, decide, word_glyphs
from extractors.layout import Document, Line, PageLayout, Word
from extractors.limits import DEFAULT_LIMITS, Limits
from extractors.model import EvidenceKind, Extraction, TextSource
from extractors.models import LATIN_NAMES, latin_names
from extractors.ocr import (
    ImageSource,
    OcrBudget,
    OcrPage,
    OcrSettings,
    accents,
    large_poor_lines,
    look_again,
    ocr_source,
    read_crops,
    scripts,
    small_lines,
    unread_ink,
    unread_name_lines,
)
from extractors.pdf import PdfFile, PdfPage, page_text, usable_text
from extractors.platforms import PlatformMatcher, build_matchers
from recognition.catalog import Platform

Image.MAX_IMAGE_PIXELS = 120_000_000  # large phone photos are fine; decompression bombs are not
IMAGE_SUFFIXES = {".pdf", ".png", ".jpg", ".jpeg", ".webp", ".tif", ".tiff", ".bmp"}


@dataclass(frozen=True)
class ExtractSettings:
    ocr: OcrSettings = field(default_factory=OcrSettings)
    reader: ReaderSettings = field(default_factory=ReaderSettings)
    dpi: int = 200  # rendering of pages without a text layer and without a scanned image
    max_dpi: int = 300  # a scanned page is rendered at its image's resolution, up to this
    min_side: int = 2400  # pixels: a rendered page is at least this long
    complement_dpi: int = 200  # a text page rendered to OCR what its text layer lacks
    barcode_dpi: int = 150  # rendering of text pages when only a QR code may tell the platform
    workers: int = max(1, os.cpu_count() or 1)
    max_pages: int = DEFAULT_LIMITS.max_pages  # extractors.limits: the limits' defaults
    max_pixels: int = DEFAULT_LIMITS.max_pixels
    max_stream_bytes: int = DEFAULT_LIMITS.max_stream_bytes
    max_ocr_seconds: float = DEFAULT_LIMITS.max_ocr_seconds
    max_second_looks: int = 3  # regions read again per file where a value was expected
    latin_names: bool = True  # read names in Latin letters again with the Latin-script model

    @classmethod
    def within(cls, limits: Limits) -> ExtractSettings:
        """The settings with these limits (the operator's, from ``flows.settings``)."""
        return cls(
            ocr=OcrSettings(in_process=limits.ocr_in_process),
            max_pages=limits.max_pages,
            max_pixels=limits.max_pixels,
            max_stream_bytes=limits.max_stream_bytes,
            max_ocr_seconds=limits.max_ocr_seconds,
        )


@dataclass
class _Page:
    index: int
    text: PdfPage | None = None  # a page with a text layer
    ocr: Future[OcrPage] | None = None  # a page (or an image's frame) sent to OCR
    source: ImageSource | None = None


def _discard(planned: _Planned) -> None:
    """A file done with (read, or failed part-way): pages not yet read are dropped, those
    being read are waited for, and its scratch folder goes (nothing left behind on disk)."""
    reads = [p.ocr for p in planned.pages if p.ocr is not None]
    for read in reads:
        read.cancel()
    wait(reads)
    if planned.scratch is not None:
        shutil.rmtree(planned.scratch, ignore_errors=True)


@dataclass
class _Planned:
    path: Path
    pages: list[_Page]
    from_image: bool
    ocr: OcrSettings = field(default_factory=OcrSettings)  # with the file's own OCR budget
    links: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    scratch: Path | None = None  # the file's own folder for page images; removed when read


def sniff(path: Path, max_pixels: int) -> str:
    """ "pdf" or "image"; an image over ``max_pixels`` is refused from its header alone."""
    with path.open("rb") as fh:
        head = fh.read(1024)
    if b"%PDF-" in head:
        return "pdf"
    limit = f"{max_pixels / 1e6:.0f} megapixels, the most tanu reads (extraction's max_pixels)"
    try:
        with Image.open(path) as img:
            if img.width * img.height > max_pixels:
                raise TooLarge(
                    path,
                    f"the picture is {img.width}×{img.height} pixels, more than {limit}: "
                    "send a smaller picture or a PDF",
                )
            img.verify()
    except Image.DecompressionBombError as exc:
        raise TooLarge(path, f"the picture is larger than {limit}: send a smaller one") from exc
    except (UnidentifiedImageError, OSError, SyntaxError) as exc:
        if path.suffix.lower() in IMAGE_SUFFIXES:
            raise UnreadableFile(path, "the file is damaged or not what its name says") from exc
        raise UnsupportedFile(path) from exc
    return "image"


def image_frames(path: Path, most: int) -> Iterator[Image.Image]:
    """The first ``most`` frames (a multi-page TIFF) in grayscale, one at a time, turned
    upright by their EXIF orientation (phone photos); the frames after them are never decoded
    (a 200-frame TIFF is not 7 GB)."""
    try:
        with Image.open(path) as img:
            for frame in itertools.islice(ImageSequence.Iterator(img), most):
                yield ImageOps.exif_transpose(frame.convert("L"))
    except (OSError, ValueError, Image.DecompressionBombError) as exc:
        raise UnreadableFile(path, f"the image cannot be decoded ({exc})") from exc


class Extractor:
    """Reads evidence files. Holds no global state; one per set of platforms and settings."""

    def __init__(
        self,
        platforms: Sequence[Platform],
        settings: ExtractSettings | None = None,
        reading: Reading | None = None,
    ) -> None:
        self.settings = settings or ExtractSettings()
        if self.settings.latin_names and self.settings.ocr.latin_languages == "eng":
            folder = latin_names()
            if folder is not None:
                ocr = replace(
                    self.settings.ocr, latin_languages=LATIN_NAMES, latin_tessdata=str(folder)
                )
                self.settings = replace(self.settings, ocr=ocr)
        self.reading = reading or load_reading(platform_ids={p.id for p in platforms})
        self.matchers: list[PlatformMatcher] = build_matchers(platforms, self.reading.wordings)

    def extract(self, path: Path) -> Extraction:
        [(_, result)] = list(self.extract_many([path]))
        if isinstance(result, ExtractionError):
            raise result
        return result

    def extract_many(
        self, paths: Iterable[Path]
    ) -> Iterator[tuple[Path, Extraction | ExtractionError]]:
        """Results in the order of ``paths``; a file that fails gives its error, the rest go on."""
        window = self.settings.workers * 2
        with (
            ThreadPoolExecutor(self.settings.workers, thread_name_prefix="ocr") as pool,
            tempfile.TemporaryDirectory(prefix="tanu-pages-") as scratch,
        ):
            pending: deque[tuple[Path, _Planned | ExtractionError]] = deque()
            for n, path in enumerate(paths):
                pending.append(
                    (
                        path,
                        self._guarded(
                            path, "planning", self._plan, path, pool, Path(scratch) / str(n)
                        ),
                    )
                )
                while len(pending) > window:
                    yield self._finish(*pending.popleft(), pool)
            while pending:
                yield self._finish(*pending.popleft(), pool)

    def _guarded(
        self, path: Path, step: str, fn: object, *args: object
    ) -> _Planned | ExtractionError:
        try:
            return fn(*args)  # type: ignore[operator,no-any-return]
        except ExtractionError as exc:
            return exc
        except OcrTimeout as exc:
            return self._over_time(path, exc)
        except (OSError, ValueError, Image.DecompressionBombError) as exc:
            return UnreadableFile(path, f"the file cannot be read ({exc})")
        except Exception as exc:  # a fault of the program: say so, keep the file
            return ReaderFault(path, step, exc)

    def _over_time(self, path: Path, exc: OcrTimeout) -> TooLarge:
        return TooLarge(
            path,
            f"reading it takes more than {self.settings.max_ocr_seconds:g} s of OCR, the most "
            f"tanu spends on one file (extraction's max_ocr_seconds; {exc})",
        )

    # -- step: plan --------------------------------------------------------------------------
    def _plan(self, path: Path, pool: ThreadPoolExecutor, scratch: Path) -> _Planned:
        if not path.is_file():
            raise UnreadableFile(path, "no such file")
        ocr = replace(self.settings.ocr, budget=OcrBudget(self.settings.max_ocr_seconds))
        image = sniff(path, self.settings.max_pixels) == "image"
        planned = _Planned(path, [], from_image=image, ocr=ocr, scratch=scratch)
        try:
            return self._plan_image(planned, pool) if image else self._plan_pdf(planned, pool)
        except BaseException:
            _discard(planned)
            raise

    def _plan_pdf(self, planned: _Planned, pool: ThreadPoolExecutor) -> _Planned:
        path, ocr, scratch = planned.path, planned.ocr, planned.scratch
        assert scratch is not None
        with PdfFile(path) as pdf:
            if len(pdf) == 0:
                raise UnreadableFile(path, "the PDF has no pages")
            if len(pdf) > self.settings.max_pages:
                planned.warnings.append(
                    f"file: only the first {self.settings.max_pages} of {len(pdf)} pages are read"
                )
            planned.links = pdf.links()
            for index in range(min(len(pdf), self.settings.max_pages)):
                pdf.check_limits(index, self.settings.max_stream_bytes, self.settings.max_pixels)
                page = pdf.page(index)
                if page.has_text and usable_text(page_text(page)):
                    planned.pages.append(_Page(index, text=page))
                    continue
                self._make_room(planned)
                source = self._page_image(pdf, page, scratch)
                read = pool.submit(self._read_page, ocr, source, index, scratch)
                planned.pages.append(_Page(index, ocr=read, source=source))
        return planned

    def _make_room(self, planned: _Planned) -> None:
        """Pages are rendered (or frames decoded) only as fast as they are read: at most one
        per OCR worker waits in memory, so memory stays flat whatever the page count."""
        reading = [p.ocr for p in planned.pages if p.ocr is not None and not p.ocr.done()]
        if len(reading) >= self.settings.workers:
            wait(reading, return_when=FIRST_COMPLETED)

    def _page_image(self, pdf: PdfFile, page: PdfPage, scratch: Path) -> ImageSource:
        jpeg = pdf.embedded_jpeg(page.index) if page.turns == 0 else None
        if jpeg is not None:  # a scan: Tesseract reads its JPEG, nothing is rendered
            scratch.mkdir(parents=True, exist_ok=True)
            image_file = scratch / f"page-{page.index}.jpg"
            image_file.write_bytes(jpeg)
            return ImageSource(path=image_file)
        dpi = float(min(max(page.image_dpi or self.settings.dpi, 72), self.settings.max_dpi))
        longest = max(page.width, page.height) / 72 * dpi
        if longest < self.settings.min_side:  # a small picture: enlarged for its small print
            dpi = min(self.settings.max_dpi, dpi * self.settings.min_side / longest)
        image = pdf.render(page.index, dpi, page.turns, self.settings.max_pixels, mode="L")
        return ImageSource(image=image)

    def _plan_image(self, planned: _Planned, pool: ThreadPoolExecutor) -> _Planned:
        path, ocr, scratch = planned.path, planned.ocr, planned.scratch
        assert scratch is not None
        with Image.open(path) as img:
            frames = getattr(img, "n_frames", 1)
        if frames == 1:
            source = ImageSource(path=path)
            read = pool.submit(self._read_page, ocr, source, 0, scratch)
            planned.pages.append(_Page(0, ocr=read, source=source))
            return planned
        for index, frame in enumerate(image_frames(path, self.settings.max_pages)):
            source = ImageSource(image=frame)
            read = pool.submit(self._read_page, ocr, source, index, scratch)
            planned.pages.append(_Page(index, ocr=read, source=source))
            self._make_room(planned)
        if frames > self.settings.max_pages:
            planned.warnings.append(
                f"file: only the first {self.settings.max_pages} of {frames} frames are read"
            )
        return planned

    @staticmethod
    def _ocr(
        settings: OcrSettings,
        source: ImageSource,
        page: int,
        straighten: bool = True,
        languages: str = "",
    ) -> OcrPage:
        if languages:
            settings = replace(settings, languages=languages)
        return compounds(ocr_source(source, settings, page, straighten), settings)

    @classmethod
    def _read_page(
        cls, settings: OcrSettings, source: ImageSource, page: int, scratch: Path
    ) -> OcrPage:
        """A page read, then its pixels written to the file's scratch folder and let go."""
        read = cls._ocr(settings, source, page)
        read.spill(scratch, f"page-{page}", source)
        source.spill(scratch, f"page-{page}")
        return read

    # -- steps: read, complement, barcodes -----------------------------------------------
    def _finish(
        self, path: Path, planned: _Planned | ExtractionError, pool: ThreadPoolExecutor
    ) -> tuple[Path, Extraction | ExtractionError]:
        if isinstance(planned, ExtractionError):
            return path, planned
        try:
            doc = self._document(planned)
            gaps: list[Gap] = []
            result = self.read(doc, gaps)
            if self._look_again(planned, result, gaps):
                doc = self._document(planned)
                result = self.read(doc)
            if self._wants_complement(planned, result, doc):
                doc = self._complement(planned, doc, pool)
                result = self.read(doc)
            if self._wants_barcodes(result):
                found = self._barcodes(planned)
                if found:
                    doc.barcodes = found
                    result = self.read(doc)
            self._settle_lookalikes(planned, result)
            return path, result
        except ExtractionError as exc:
            return path, exc
        except OcrTimeout as exc:
            return path, self._over_time(path, exc)
        except (OSError, Image.DecompressionBombError) as exc:
            return path, UnreadableFile(path, f"the image cannot be decoded ({exc})")
        except Exception as exc:  # a fault of the program: say so, keep the file
            return path, ReaderFault(path, "reading its fields", exc)
        finally:
            _discard(planned)

    def read(self, doc: Document, gaps: list[Gap] | None = None) -> Extraction:
        return read_fields(doc, self.reading, self.matchers, self.settings.reader, gaps)

    def _look_again(self, planned: _Planned, result: Extraction, gaps: Sequence[Gap]) -> bool:
        """A second look at OCR pages, only where the fields need it: small lines that may
        hold a missing date or ID, large lines read poorly when the name or title is
        missing, the lines of values read with doubt, and the regions beside labels whose
        value was not read (a title under a highlighter). True when anything was read."""
        wanted = _wanted(result)
        if not wanted and not gaps:
            return False
        settings = planned.ocr
        looked = False
        for page in planned.pages:
            if page.ocr is None:
                continue
            read = page.ocr.result()
            layout = read.layout
            lines: list[Line] = []
            if wanted & {"certificate_id", "verify_url"}:  # short small print: IDs, addresses
                lines += [
                    x
                    for x in small_lines(layout, settings, 1.4)
                    if _IDISH.search(x.text) and len(x.text) <= 80
                ]
            if "issued_on" in wanted:
                lines += [
                    x
                    for x in small_lines(layout, settings)
                    if _DATEISH.search(x.text) and len(x.text) <= 60
                ]
            if wanted & {"learner_name", "course_title"}:
                lines += large_poor_lines(layout, settings)
            if "learner_name" in wanted and result.kind is EvidenceKind.SCREENSHOT:
                lines += [  # the account's name in a web page's header, right
                    x
                    for x in layout.lines
                    if x.y1 < 0.2 * layout.height and x.x0 > 0.6 * layout.width
                ]
            for name, (where, box) in result.boxes.items():
                if where == page.index and name in wanted:
                    lines += [x for x in layout.lines if _inside(x, box)]
            regions = []
            for box, size in dict.fromkeys((g.box, g.size) for g in gaps if g.page == page.index):
                there = [x.y1 - x.y0 for x in layout.lines if _overlaps(x, box)]
                # read, but not as a value: the region again, at the measure of what is there
                regions.append((box, statistics.median(there) if there else size))
            missing = {n for n in wanted if result.value(n) is None}
            if missing & {"issued_on", "certificate_id", "course_title", "learner_name"}:
                # lines Tesseract's page analysis dropped: ink between the lines read
                regions += unread_ink(read.image, layout)
            regions = regions[: self.settings.max_second_looks]
            if lines or regions:
                read = look_again(read, lines, regions, settings)
                looked = True
            words: dict[str, list[Line]] = {}  # names and titles: their letters read again
            for name in ("learner_name", "course_title"):
                at = result.boxes.get(name)
                if at and at[0] == page.index and result.value(name):
                    words[name] = [x for x in read.layout.lines if _overlaps(x, at[1])]
            if result.value("learner_name") is None:  # a Latin name OCR read with Cyrillic
                # letters, which no anchor then takes for a name
                words["learner_name"] = unread_name_lines(read.layout)
            both = [x for found in words.values() for x in found]
            if both:
                named = scripts(
                    read,
                    both,
                    settings,
                    words.get("learner_name", []),
                    str(result.value("learner_name") or ""),
                )
                again = accents(named, both, settings)
                looked = looked or again.layout.lines != read.layout.lines
                read = again
            page.ocr = _done(read)
        return looked

    def _settle_lookalikes(self, planned: _Planned, result: Extraction) -> None:
        """Look-alike characters of an OCR-read ID (O/0, o/0) told apart by the shapes of
        their glyphs on the page (:mod:`extractors.glyphs`); what the shapes do not decide
        stays flagged, with its alternates."""
        ident = result.certificate_id
        if ident is None or result.text_source is TextSource.PDF_TEXT:
            return
        matcher = next((m for m in self.matchers if m.id == result.platform), None)
        family = matcher.family(ident) if matcher is not None else None
        if family is not None:
            others = lookalikes(ident, family) if result.id_alternates else {}
        elif matcher is None or not matcher.ids:  # an issuer whose ID form is not known
            others = _zero_lookalikes(ident)
        else:
            return
        if not others:
            return
        seen: dict[int, set[str]] = {}
        for page in planned.pages:
            if page.ocr is None:
                continue
            read = page.ocr.result()
            for line in read.layout.lines:
                for shapes in _id_glyphs(read.image, line, ident):
                    for i, ch in decide(ident, shapes, others).items():
                        seen.setdefault(i, set()).add(ch)
        settled = {i: next(iter(chs)) for i, chs in seen.items() if len(chs) == 1}
        if not settled:
            return
        new = "".join(settled.get(i, c) for i, c in enumerate(ident))
        result.certificate_id = new
        for name in ("verify_url", "check_url"):
            url = getattr(result, name)
            if url:
                setattr(result, name, url.replace(ident, new))
        result.sources["certificate_id"] += ", look-alike characters told apart by their shapes"
        if family is None:
            return
        open_positions = [i for i in others if i not in settled]
        alts, complete = alternates(new, family, open_positions)
        result.id_alternates = alts
        result.warnings = [w for w in result.warnings if not w.startswith(LOOKALIKE_NOTE)]
        if alts:
            result.warnings.append(lookalike_note(alts, complete))

    def _document(self, planned: _Planned) -> Document:
        layouts: list[PageLayout] = []
        ocr = False
        for page in planned.pages:
            if page.text is not None:
                layouts += [clean_page(view, ocr_words=False) for view in page.text.views]
            elif page.ocr is not None:
                layouts.append(clean_page(page.ocr.result().layout, ocr_words=True))
                ocr = True
        source = TextSource.OCR if ocr else TextSource.PDF_TEXT
        if ocr and any(p.text is not None for p in planned.pages):
            source = TextSource.MIXED
        return Document(
            layouts, source, planned.from_image, list(planned.links), [], list(planned.warnings)
        )

    @staticmethod
    def _wants_complement(planned: _Planned, result: Extraction, doc: Document) -> bool:
        """A text layer that gives no certificate or screenshot, or a certificate without its
        learner or its course (its words may be drawn as shapes), or with a name or title
        read from a line that may have lost a ligature glyph."""
        if not any(p.text is not None for p in planned.pages):
            return False
        if result.kind is EvidenceKind.OTHER:
            return True
        if result.kind is not EvidenceKind.CERTIFICATE:
            return False
        if result.learner_name is None or result.course_title is None:
            return True
        if doc.source is not TextSource.PDF_TEXT:
            return False
        for name in ("learner_name", "course_title"):
            where, box = result.boxes.get(name, (-1, (0.0, 0.0, 0.0, 0.0)))
            for page in doc.pages:
                if page.index == where and any(
                    _overlaps(line, box) and ligature_gaps(line)
                    for line in page.lines
                    if len(line.words) > 1
                ):
                    return True
        return False

    def _complement(self, planned: _Planned, doc: Document, pool: ThreadPoolExecutor) -> Document:
        """Text pages rendered with their text layer's words painted out (Tesseract reads
        only what the layer lacks), in the languages of the layer's script."""
        jobs: list[tuple[_Page, float, Future[OcrPage]]] = []
        images: dict[int, Image.Image] = {}
        with PdfFile(planned.path) as pdf:
            for page in planned.pages:
                if page.text is None:
                    continue
                dpi = float(self.settings.complement_dpi)
                image = pdf.render(page.index, dpi, page.text.turns, self.settings.max_pixels)
                page.source = ImageSource(image=image)
                images[id(page)] = image
                masked = ImageSource(image=_paint_out(image, page.text.views[0], dpi))
                languages = languages_for(page_text(page.text), planned.ocr.languages)
                job = pool.submit(self._ocr, planned.ocr, masked, page.index, False, languages)
                jobs.append((page, dpi, job))
        merged = {id(page): (dpi, future.result()) for page, dpi, future in jobs}
        layouts: list[PageLayout] = []
        for page in planned.pages:
            if page.text is not None:
                views = [clean_page(v, ocr_words=False) for v in page.text.views]
                dpi, read = merged[id(page)]
                views[0] = self._read_ligatures(planned.ocr, images[id(page)], views[0], dpi)
                views[0] = overlay(views[0], clean_page(read.layout, ocr_words=True), dpi, read)
                layouts += views
            elif page.ocr is not None:
                layouts.append(clean_page(page.ocr.result().layout, ocr_words=True))
        return replace(doc, pages=layouts, source=TextSource.MIXED)

    def _read_ligatures(
        self, settings: OcrSettings, image: Image.Image, view: PageLayout, dpi: float
    ) -> PageLayout:
        """Words the text layer cut where a ligature glyph has no text, and the word list
        did not rejoin (names): each such word read from the page picture, all on one sheet."""
        k = dpi / 72
        crops = []
        for line in view.lines:
            for i in ligature_gaps(line):
                a, b, pad = line.words[i], line.words[i + 1], 0.25 * line.size
                box = (
                    int((a.x0 - pad) * k),
                    int((line.y0 - pad) * k),
                    int((b.x1 + pad) * k) + 1,
                    int((line.y1 + pad) * k) + 1,
                )
                height = (line.y1 - line.y0) * k
                crops.append(
                    (
                        line,
                        box,
                        min(3.0, max(0.3, settings.target_text_height * 1.4 / height)),
                    )
                )
        if not crops:
            return view
        crops = crops[: self.settings.max_second_looks * 4]
        to_pt = 1 / k
        words = [
            replace(w, x0=w.x0 * to_pt, y0=w.y0 * to_pt, x1=w.x1 * to_pt, y1=w.y1 * to_pt)
            for _, line in read_crops(image, crops, settings, view.index)
            for w in line.words
        ]
        return replace(view, lines=[_ligatures_read(line, words) for line in view.lines])

    @staticmethod
    def _wants_barcodes(result: Extraction) -> bool:
        """A QR code is looked for when the platform or the ID is unknown, or the ID was read
        with doubt (its look-alikes, readings that differ): the code settles it."""
        if result.kind is not EvidenceKind.CERTIFICATE:
            return False
        doubtful = bool(result.id_alternates) or result.confidence.get("certificate_id", 1) < 0.9
        return result.platform is None or result.certificate_id is None or doubtful

    def _barcodes(self, planned: _Planned) -> list[str]:
        found: list[str] = []
        sources = [p.source for p in planned.pages if p.source is not None]
        if not sources and not planned.from_image:
            with PdfFile(planned.path) as pdf:
                sources = [
                    ImageSource(
                        image=pdf.render(0, self.settings.barcode_dpi, 0, self.settings.max_pixels)
                    )
                ]
        for source in sources:
            width, height = source.size()
            for text in barcode_reader.decode(source.gray(max(1600, max(width, height) // 2))):
                if text not in found:
                    found.append(text)
        return found


_DATEISH = re.compile(r"\d{1,2}\D{0,3}\d{2}\D{0,3}\d{2,4}|\d{6,8}|\b(?:19|20)\d\d\b")
_IDISH = re.compile(
    r"[/.:#№]\s*\S*\d|\d\S*[/.-]|[A-Za-z]+\d|\d+[A-Za-z]|\S+/\S+/|\w{2,}-\w{4,}", re.IGNORECASE
)
_SECOND_LOOK_BELOW = 0.95  # a value read less surely than this is read again


def _wanted(result: Extraction) -> set[str]:
    """The fields a second look may give: missing or read with doubt from OCR."""
    if result.kind is EvidenceKind.CERTIFICATE:
        fields = {"learner_name", "course_title", "issued_on", "certificate_id", "verify_url"}
    elif result.kind is EvidenceKind.SCREENSHOT:
        fields = {"course_title", "grade_percent", "progress_percent", "learner_name"}
    else:
        return set()
    return {
        name
        for name in fields
        if result.value(name) is None or result.confidence.get(name, 1.0) < _SECOND_LOOK_BELOW
    }


def _id_glyphs(image: Image.Image, line: Line, ident: str) -> Iterator[list[Glyph]]:
    """The glyphs of each place on a line where OCR read the ID, one per character: the ID
    ends a word (or an address), and may run over words OCR split it into."""
    texts = [latin(w.text) for w in line.words]
    for first in range(len(texts)):
        for last in range(first, min(first + 3, len(texts))):
            joined = "".join(texts[first : last + 1])
            at = _reading_of(joined, ident)
            if at is None or at + len(ident) != len(joined) or at >= len(texts[first]):
                continue
            words = line.words[first : last + 1]  # one box: OCR's boxes of split words overlap
            box = (
                min(w.x0 for w in words),
                min(w.y0 for w in words),
                max(w.x1 for w in words),
                max(w.y1 for w in words),
            )
            shapes = word_glyphs(image, box, joined, at)
            if shapes is not None:
                yield shapes
            break


def _reading_of(text: str, ident: str) -> int | None:
    """Where in a word OCR's reading of the ID stands (look-alikes aside), if it does."""
    n = len(ident)
    for at in range(len(text) - n + 1):
        part = text[at : at + n]
        if part == ident or part.translate(_LOOKALIKE_FOLD) == ident.translate(_LOOKALIKE_FOLD):
            return at
    return None


def _zero_lookalikes(ident: str) -> dict[int, str]:
    """O/0 and o/0 in an ID of unknown form: a zero's look-alike is the letter of the ID's
    case (lower case when it has small letters)."""
    small = any(c.islower() for c in ident)
    letter = "o" if small else "O"
    return {i: "0" if c in "Oo" else letter for i, c in enumerate(ident) if c in "Oo0"}


_LOOKALIKE_FOLD = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1"})


def _overlaps(line: Line, box: tuple[float, float, float, float]) -> bool:
    x0, y0, x1, y1 = box
    return line.x0 < x1 and line.x1 > x0 and line.y0 < y1 and line.y1 > y0


def _inside(line: Line, box: tuple[float, float, float, float]) -> bool:
    x0, y0, x1, y1 = box
    return line.x0 >= x0 - 2 and line.x1 <= x1 + 2 and line.y0 >= y0 - 2 and line.y1 <= y1 + 2


def _paint_out(image: Image.Image, view: PageLayout, dpi: float) -> Image.Image:
    """The page image with the text layer's lines painted white, except where a line may have
    lost a ligature glyph (its ink is left for OCR to read)."""
    out = image.copy()
    draw = ImageDraw.Draw(out)
    k = dpi / 72
    for line in view.lines:
        pad = 0.1 * line.size
        kept = set(ligature_gaps(line)) if len(line.words) > 1 else set()
        x0 = line.x0 - pad
        for i, word in enumerate(line.words):
            if i in kept or i == len(line.words) - 1:
                x1 = line.x1 + pad if i == len(line.words) - 1 else word.x1
                draw.rectangle(
                    ((x0 * k, (line.y0 - pad) * k), (x1 * k, (line.y1 + pad) * k)), fill="white"
                )
                x0 = line.words[i + 1].x0 if i + 1 < len(line.words) else x0
    return out


def languages_for(text: str, default: str) -> str:
    """Tesseract's languages for a page whose other words are ``text``: English alone for a
    Latin page, the Cyrillic languages first for a Cyrillic one."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 20:
        return default
    latin = sum(c.isascii() for c in letters) / len(letters)
    if latin >= 0.95:
        return "eng"
    if latin <= 0.5:
        return "rus+kaz+eng"
    return default


def _done(value: OcrPage) -> Future[OcrPage]:
    future: Future[OcrPage] = Future()
    future.set_result(value)
    return future


def overlay(text: PageLayout, read: PageLayout, dpi: float, ocr: OcrPage) -> PageLayout:
    """The text layer with the OCR words it does not cover (words drawn as shapes), in the
    text layer's units. OCR sizes are brought to the text layer's measure by the words both
    read."""
    to_pt = 72.0 / dpi / ocr.scale
    words = [
        replace(
            w,
            x0=w.x0 * to_pt,
            y0=w.y0 * to_pt,
            x1=w.x1 * to_pt,
            y1=w.y1 * to_pt,
            size=w.size * to_pt,
        )
        for line in read.lines
        for w in line.words
    ]
    covered: list[Word] = [w for line in text.lines for w in line.words]
    spans = [  # each text line's box, as a word: OCR noise around its letters is covered too
        Word(line.text, line.x0, line.y0, line.x1, line.y1, line.size) for line in text.lines
    ]
    ratios = []
    extra: list[Word] = []
    for w in words:
        hits = [c for c in covered if _shared_area(w, c) > 0.3 * _area(w)]
        if hits:
            ratios.append(statistics.median(c.size for c in hits) / w.size)
        elif any(_shared_area(w, line) > 0.3 * _area(w) for line in spans):
            continue
        elif w.conf >= 0.3 and (len(w.text) > 1 or w.conf >= 0.6):
            extra.append(w)
    factor = statistics.median(ratios) if len(ratios) >= 3 else 1.0
    extra = [replace(w, size=w.size * factor) for w in extra]
    lines = list(text.lines)
    if extra:
        from extractors.layout import make_lines

        lines += make_lines(extra, text.index)
    lines.sort(key=lambda line: (line.y0, line.x0))
    return PageLayout(text.index, text.width, text.height, lines)


def _ligatures_read(line: Line, ocr_words: Sequence[Word]) -> Line:
    """A text layer's word cut where a ligature glyph had no text, and not rejoined by the word
    list (a name: "Sya q"): the ligature's letters as OCR read the glyph in the gap (the page
    is read with the text layer's words painted out), or the word whole."""
    joins: dict[int, str] = {}
    for i in ligature_gaps(line):
        a, b = line.words[i], line.words[i + 1]
        for w in ocr_words:
            if min(w.y1, a.y1) - max(w.y0, a.y0) < 0.5 * (a.y1 - a.y0):
                continue
            read, head, tail = w.text.casefold(), a.text.casefold(), b.text.casefold()
            if (
                a.x1 - 0.2 * a.size <= (w.x0 + w.x1) / 2 <= b.x0 + 0.2 * a.size
                and read in LIGATURE_LETTERS
            ):
                joins[i] = read
                break
            if w.x0 <= a.x0 + 0.5 * a.size and w.x1 >= b.x1 - 0.5 * a.size:
                middle = read[len(head) : len(read) - len(tail)]
                if read.startswith(head) and read.endswith(tail) and middle in LIGATURE_LETTERS:
                    joins[i] = middle
                    break
    return join_words_at(line, joins)


def _area(w: Word) -> float:
    return max(0.0, w.x1 - w.x0) * max(0.0, w.y1 - w.y0) or 1e-6


def _shared_area(a: Word, b: Word) -> float:
    dx = min(a.x1, b.x1) - max(a.x0, b.x0)
    dy = min(a.y1, b.y1) - max(a.y0, b.y0)
    return dx * dy if dx > 0 and dy > 0 else 0.0


__all__ = ["ExtractSettings", "Extractor", "Line", "overlay", "sniff"]
