"""Files → text → fields, as a pipeline of small named steps.

1. ``sniff``: PDF or image, by content rather than by name.
2. ``plan``: a PDF's pages with a real text layer are read directly; the others are rendered
   (one thread: pdfium is not thread-safe) and sent to OCR; images go to OCR whole.
3. ``ocr``: in a thread pool across files and pages, one single-threaded Tesseract each.
4. ``read_fields``: cleaned lines → kind, platform and the fields, each with its confidence.
"""

from __future__ import annotations

import os
import tempfile
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

from extractors import barcodes as barcode_reader
from extractors import fields as rules
from extractors.clean import collapse_spaced_page, continues_url, latin, normalize_line
from extractors.errors import ExtractionError, UnreadableFile, UnsupportedFile
from extractors.model import DocumentText, EvidenceKind, Extraction, Line, TextSource
from extractors.ocr import FileHook, ImageSource, OcrSettings, ocr_source
from extractors.pdf import embedded_jpeg, read_pages, render_page
from extractors.platforms import build_matchers, detect_platform
from recognition.catalog import Platform

Image.MAX_IMAGE_PIXELS = 120_000_000  # large phone photos are fine; decompression bombs are not


@dataclass(frozen=True)
class ExtractSettings:
    ocr: OcrSettings = field(default_factory=OcrSettings)
    dpi: int = 200  # rendering of pages without a text layer and without a scanned image
    max_dpi: int = 300  # a scanned page is rendered at its image's resolution, up to this
    barcode_dpi: int = 150  # rendering of text pages when only a QR code may carry the URL
    workers: int = max(1, os.cpu_count() or 1)
    min_confidence: float = 0.55  # a value read less surely is left empty, with a warning


@dataclass
class _PageWork:
    lines: list[Line] | None = None  # from the text layer
    future: Future[tuple[list[Line], list[ImageSource]]] | None = None


@dataclass
class _Planned:
    path: Path
    pages: list[_PageWork]
    from_image: bool


def sniff(path: Path) -> str:
    with path.open("rb") as fh:
        head = fh.read(1024)
    if b"%PDF-" in head:
        return "pdf"
    try:
        with Image.open(path) as img:
            img.verify()
    except (UnidentifiedImageError, OSError, SyntaxError) as exc:
        if path.suffix.lower() in {".pdf", ".png", ".jpg", ".jpeg", ".webp", ".tif", ".tiff"}:
            raise UnreadableFile(path, "the file is damaged or not what its name says") from exc
        raise UnsupportedFile(path) from exc
    return "image"


def load_image_frames(path: Path) -> list[Image.Image]:
    """Every frame (multi-page TIFF), turned upright by its EXIF orientation (phone photos)."""
    try:
        with Image.open(path) as img:
            return [ImageOps.exif_transpose(f.convert("RGB")) for f in ImageSequence.Iterator(img)]
    except (OSError, ValueError, Image.DecompressionBombError) as exc:
        raise UnreadableFile(path, f"the image cannot be decoded ({exc})") from exc


class Extractor:
    """Reads evidence files. Holds no global state; one per set of platforms and settings."""

    def __init__(
        self,
        platforms: Sequence[Platform],
        settings: ExtractSettings | None = None,
        ocr_hook: FileHook | None = None,
    ) -> None:
        self.settings = settings or ExtractSettings()
        self.matchers = build_matchers(platforms)
        self._ocr_hook = ocr_hook  # sees every image file given to Tesseract (benchmarks)

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
                try:
                    pending.append((path, self._plan(path, pool, Path(scratch) / str(n))))
                except ExtractionError as exc:
                    pending.append((path, exc))
                while len(pending) > window:
                    yield self._finish(*pending.popleft())
            while pending:
                yield self._finish(*pending.popleft())

    # -- steps ---------------------------------------------------------------------------
    def _plan(self, path: Path, pool: ThreadPoolExecutor, scratch: Path) -> _Planned:
        if not path.is_file():
            raise UnreadableFile(path, "no such file")
        if sniff(path) == "pdf":
            pages = []
            for page in read_pages(path):
                if page.text is not None:
                    lines = [Line(t, 1.0, page.index) for t in page.text.splitlines() if t.strip()]
                    pages.append(_PageWork(lines=lines))
                    continue
                jpeg = embedded_jpeg(path, page.index)
                if jpeg is not None:  # a scan: Tesseract reads its JPEG, nothing is rendered
                    scratch.mkdir(parents=True, exist_ok=True)
                    image_file = scratch / f"page-{page.index}.jpg"
                    image_file.write_bytes(jpeg)
                    source = ImageSource(path=image_file)
                else:
                    dpi = min(max(page.image_dpi or self.settings.dpi, 150), self.settings.max_dpi)
                    source = ImageSource(image=render_page(path, page.index, round(dpi)))
                pages.append(_PageWork(future=pool.submit(self._ocr, source, page.index)))
            if not pages:
                raise UnreadableFile(path, "the PDF has no pages")
            return _Planned(path, pages, from_image=False)
        return _Planned(path, [_PageWork(future=pool.submit(self._ocr_file, path))], True)

    def _ocr_file(self, path: Path) -> tuple[list[Line], list[ImageSource]]:
        with Image.open(path) as img:
            frames = getattr(img, "n_frames", 1)
        if frames == 1:
            return self._ocr(ImageSource(path=path), 0)
        lines: list[Line] = []
        sources: list[ImageSource] = []
        for index, frame in enumerate(load_image_frames(path)):  # multi-page TIFF
            got, seen = self._ocr(ImageSource(image=frame), index)
            lines += got
            sources += seen
        return lines, sources

    def _ocr(self, source: ImageSource, page: int) -> tuple[list[Line], list[ImageSource]]:
        try:
            lines = ocr_source(source, self.settings.ocr, self._ocr_hook)
        except (OSError, ValueError, Image.DecompressionBombError) as exc:
            raise UnreadableFile(
                source.path or Path("page"), f"the image cannot be decoded ({exc})"
            ) from exc
        return [Line(x.text, x.confidence, page) for x in lines], [source]

    def _finish(
        self, path: Path, planned: _Planned | ExtractionError
    ) -> tuple[Path, Extraction | ExtractionError]:
        if isinstance(planned, ExtractionError):
            return path, planned
        try:
            lines: list[Line] = []
            sources: list[ImageSource] = []
            for page in planned.pages:
                if page.lines is not None:
                    lines += page.lines
                elif page.future is not None:
                    got, seen = page.future.result()
                    lines += got
                    sources += seen
            doc = DocumentText(lines, TextSource.OCR if sources else TextSource.PDF_TEXT)
            result = self.read_fields(doc, planned.from_image)
            if self._wants_barcodes(result):
                # Only now, and only for these: a QR code may carry what the text did not.
                for source in sources or [
                    ImageSource(image=render_page(path, 0, self.settings.barcode_dpi))
                ]:
                    width, height = source.size()
                    doc.barcodes += barcode_reader.decode(
                        source.gray(max(1600, max(width, height) // 2))
                    )
                if doc.barcodes:
                    result = self.read_fields(doc, planned.from_image)
            return path, result
        except ExtractionError as exc:
            return path, exc
        except Exception as exc:  # Tesseract failure, a broken image: keep the file, say why
            return path, UnreadableFile(path, f"{type(exc).__name__}: {exc}")

    def _wants_barcodes(self, result: Extraction) -> bool:
        return result.kind is EvidenceKind.CERTIFICATE and (
            result.verify_url is None or result.platform is None
        )

    def read_fields(self, doc: DocumentText, from_image: bool) -> Extraction:
        lines = clean_lines(doc.lines, ocr=doc.source is TextSource.OCR)
        text = "\n".join(line.text for line in lines)
        kind, kind_conf = rules.classify(text, from_image)
        matcher = detect_platform(self.matchers, text, latin("\n".join([text, *doc.barcodes])))
        result = Extraction(kind=kind, text_source=doc.source, warnings=list(doc.warnings))
        result.confidence["kind"] = kind_conf
        if matcher is not None:
            self._set(result, "platform", rules.Value(matcher.platform.id, 0.9))
        if kind is EvidenceKind.CERTIFICATE:
            self._set(result, "learner_name", rules.learner_name(lines))
            self._set(result, "course_title", rules.course_title(lines))
            order = matcher.platform.date_order if matcher else None
            day, notes = rules.issued_on(lines, order)
            result.warnings += notes
            self._set(result, "issued_on", day)
            ident, url, notes = rules.identifiers(lines, doc.barcodes, matcher)
            result.warnings += notes
            self._set(result, "certificate_id", ident)
            self._set(result, "verify_url", url)
            self._set(result, "hours", rules.hours(lines))
            self._set(result, "grade_percent", rules.grade_percent(lines))
        elif kind is EvidenceKind.SCREENSHOT:
            self._set(result, "grade_percent", rules.grade_percent(lines))
            self._set(result, "progress_percent", rules.progress_percent(lines))
        for name in ("learner_name", "course_title", "issued_on"):
            if (
                kind is EvidenceKind.CERTIFICATE
                and result.value(name) is None
                and not any(w.startswith(name) for w in result.warnings)
            ):
                result.warnings.append(f"{name}: not found")
        return result

    def _set(self, result: Extraction, name: str, value: rules.Value | None) -> None:
        if value is None:
            return
        if value.confidence < self.settings.min_confidence:
            result.warnings.append(
                f"{name}: read with low confidence ({value.confidence:.2f}); left empty"
            )
            return
        setattr(result, name, value.value)
        result.confidence[name] = value.confidence


def clean_lines(lines: Sequence[Line], ocr: bool) -> list[Line]:
    if not ocr:  # letter spacing is undone page by page, before anything else
        pages: dict[int, list[Line]] = {}
        for line in lines:
            pages.setdefault(line.page, []).append(line)
        lines = [
            Line(text, line.confidence, line.page)
            for page in pages.values()
            for line, text in zip(page, collapse_spaced_page([x.text for x in page]), strict=True)
        ]
    out: list[Line] = []
    for line in lines:
        text = normalize_line(line.text, ocr).strip()
        if not text:
            continue
        if out and continues_url(out[-1].text, text):
            prev = out[-1]
            out[-1] = Line(prev.text + text, min(prev.confidence, line.confidence), prev.page)
        else:
            out.append(Line(text, line.confidence, line.page))
    return out
