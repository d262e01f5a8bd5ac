"""Files → text → fields, as a pipeline of small named steps.

1. ``sniff``: PDF or image, by content rather than by name.
2. ``plan``: a PDF's pages with a real text layer are read directly; the others are rendered
   (one thread: pdfium is not thread-safe) and sent to OCR; images go to OCR whole.
3. ``ocr``: in a thread pool across files and pages, one single-threaded Tesseract each.
4. ``read_fields``: cleaned lines → kind, platform and the fields, each with its confidence.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

from extractors import barcodes as barcode_reader
from extractors import fields as rules
from extractors.clean import continues_url, latin, normalize_line
from extractors.errors import ExtractionError, UnreadableFile, UnsupportedFile
from extractors.model import DocumentText, EvidenceKind, Extraction, Line, TextSource
from extractors.ocr import OcrSettings, join_tiles, prepare, tesseract, tiles
from extractors.pdf import read_pages, render_page
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


OcrHook = Callable[[Image.Image], None]


@dataclass
class _PageWork:
    lines: list[Line] | None = None  # from the text layer
    future: Future[tuple[list[Line], list[str]]] | None = None


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
        ocr_hook: OcrHook | None = None,
    ) -> None:
        self.settings = settings or ExtractSettings()
        self.matchers = build_matchers(platforms)
        self._ocr_hook = ocr_hook  # sees every prepared image sent to Tesseract (benchmarks)

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
        with ThreadPoolExecutor(self.settings.workers, thread_name_prefix="ocr") as pool:
            pending: deque[tuple[Path, _Planned | ExtractionError]] = deque()
            for path in paths:
                try:
                    pending.append((path, self._plan(path, pool)))
                except ExtractionError as exc:
                    pending.append((path, exc))
                while len(pending) > window:
                    yield self._finish(*pending.popleft())
            while pending:
                yield self._finish(*pending.popleft())

    # -- steps ---------------------------------------------------------------------------
    def _plan(self, path: Path, pool: ThreadPoolExecutor) -> _Planned:
        if not path.is_file():
            raise UnreadableFile(path, "no such file")
        if sniff(path) == "pdf":
            pages = []
            for page in read_pages(path):
                if page.text is not None:
                    pages.append(_PageWork(lines=[Line(t, 1.0, page.index)
                                                  for t in page.text.splitlines() if t.strip()]))
                else:
                    dpi = page.image_dpi or self.settings.dpi
                    dpi = min(max(dpi, 150), self.settings.max_dpi)
                    image = render_page(path, page.index, round(dpi))
                    pages.append(_PageWork(future=pool.submit(self._ocr, image, page.index)))
            if not pages:
                raise UnreadableFile(path, "the PDF has no pages")
            return _Planned(path, pages, from_image=False)
        frames = pool.submit(load_image_frames, path)
        work = [_PageWork(future=pool.submit(self._ocr_frames, frames))]
        return _Planned(path, work, from_image=True)

    def _ocr_frames(self, frames: Future[list[Image.Image]]) -> tuple[list[Line], list[str]]:
        lines: list[Line] = []
        codes: list[str] = []
        for index, frame in enumerate(frames.result()):
            got, found = self._ocr(frame, index)
            lines += got
            codes += found
        return lines, codes

    def _ocr(self, image: Image.Image, page: int) -> tuple[list[Line], list[str]]:
        codes = barcode_reader.decode(image)
        prepared = prepare(image, self.settings.ocr)
        parts = []
        for tile in tiles(prepared, self.settings.ocr):
            if self._ocr_hook is not None:
                self._ocr_hook(tile)
            parts.append(tesseract(tile, self.settings.ocr))
        return [Line(x.text, x.confidence, page) for x in join_tiles(parts)], codes

    def _finish(
        self, path: Path, planned: _Planned | ExtractionError
    ) -> tuple[Path, Extraction | ExtractionError]:
        if isinstance(planned, ExtractionError):
            return path, planned
        try:
            lines: list[Line] = []
            codes: list[str] = []
            ocr = False
            for page in planned.pages:
                if page.lines is not None:
                    lines += page.lines
                elif page.future is not None:
                    got, found = page.future.result()
                    lines += got
                    codes += found
                    ocr = True
            doc = DocumentText(lines, TextSource.OCR if ocr else TextSource.PDF_TEXT, codes)
            result = self.read_fields(doc, planned.from_image)
            if self._wants_barcodes(result, doc):
                doc.barcodes += barcode_reader.decode(
                    render_page(path, 0, self.settings.barcode_dpi)
                )
                if doc.barcodes:
                    result = self.read_fields(doc, planned.from_image)
            return path, result
        except ExtractionError as exc:
            return path, exc
        except Exception as exc:  # Tesseract failure, a broken image: keep the file, say why
            return path, UnreadableFile(path, f"{type(exc).__name__}: {exc}")

    def _wants_barcodes(self, result: Extraction, doc: DocumentText) -> bool:
        return (
            doc.source is TextSource.PDF_TEXT
            and result.kind is EvidenceKind.CERTIFICATE
            and result.verify_url is None
            and not doc.barcodes
        )

    def read_fields(self, doc: DocumentText, from_image: bool) -> Extraction:
        lines = clean_lines(doc.lines, ocr=doc.source is TextSource.OCR)
        text = "\n".join(line.text for line in lines)
        kind, kind_conf = rules.classify(text, from_image)
        matcher = detect_platform(
            self.matchers, text, latin("\n".join([text, *doc.barcodes]))
        )
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
            if kind is EvidenceKind.CERTIFICATE and result.value(name) is None and not any(
                w.startswith(name) for w in result.warnings
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
