"""PDF pages: the text layer when it is real text, otherwise a rendered image for OCR."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
from PIL import Image
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from extractors.errors import UnreadableFile

_CID = re.compile(r"\(cid:\d+\)")


@dataclass(frozen=True, slots=True)
class PdfPage:
    index: int
    text: str | None  # None when the page has no usable text layer
    image_dpi: float | None = None  # resolution of the largest image on the page, if any


def _image_dpi(page: Any) -> float | None:
    """How finely the page's largest image is sampled, from its size in pixels and the page
    width (no decoding): an image-only page is rendered at about that resolution."""
    try:
        xobjects = page["/Resources"]["/XObject"]
        widths = [
            int(obj["/Width"])
            for obj in (x.get_object() for x in xobjects.values())
            if obj.get("/Subtype") == "/Image"
        ]
        page_inches = float(page.mediabox.width) / 72
    except (KeyError, TypeError, AttributeError, ValueError):
        return None
    return max(widths) / page_inches if widths and page_inches > 0 else None


def usable_text(text: str) -> bool:
    """Real text, not empty and not glyph garbage (unmapped glyphs, private-use characters)."""
    visible = [c for c in text if not c.isspace()]
    if len(visible) < 25 or _CID.search(text):
        return False
    ordinary = sum(
        1 for c in visible if c.isalnum() or unicodedata.category(c)[0] in "P" or c in "%/:+"
    )
    private = sum(1 for c in visible if unicodedata.category(c) in ("Co", "Cn", "Cc"))
    letters = sum(1 for c in visible if c.isalpha())
    words = re.findall(r"[^\W\d_]{3,}", text)
    return (
        ordinary / len(visible) >= 0.9
        and private / len(visible) < 0.02
        and letters / len(visible) >= 0.4
        and len(words) >= 4
    )


def read_pages(path: Path) -> list[PdfPage]:
    try:
        reader = PdfReader(path)
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception as exc:
                raise UnreadableFile(path, "the PDF is password-protected") from exc
        pages = []
        for index, page in enumerate(reader.pages):
            try:
                # Layout mode places glyph runs by position: word gaps stay wider than the gaps
                # inside letter-spaced words, which clean.collapse_letter_spacing relies on.
                text = page.extract_text(extraction_mode="layout") or ""
            except Exception:  # a broken content stream: OCR the rendering instead
                text = ""
            good = usable_text(text)
            pages.append(PdfPage(index, text if good else None, None if good else _image_dpi(page)))
        return pages
    except (PdfReadError, OSError, ValueError) as exc:
        raise UnreadableFile(path, f"not a readable PDF ({exc})") from exc


def render_page(path: Path, index: int, dpi: int) -> Image.Image:
    """The page as an RGB image. pypdfium2 is not thread-safe: call from one thread."""
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        raise UnreadableFile(path, f"the PDF cannot be rendered ({exc})") from exc
    try:
        bitmap = pdf[index].render(scale=dpi / 72)
        image: Image.Image = bitmap.to_pil().convert("RGB")
        return image
    finally:
        pdf.close()


_CM = re.compile(
    rb"(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)\s+cm"
)


def embedded_jpeg(path: Path, index: int) -> bytes | None:
    """The JPEG of a page that is one upright JPEG image and nothing else (a scan, Udemy's
    certificates): Tesseract can read it as it is, with no rendering."""
    try:
        page = PdfReader(path).pages[index]
        if int(page.get("/Rotate", 0) or 0) % 360:
            return None
        xobjects: Any = page["/Resources"]["/XObject"]  # type: ignore[index]
        images = [x.get_object() for x in xobjects.values()]
        if len(images) != 1 or images[0].get("/Subtype") != "/Image":
            return None
        filters = images[0].get("/Filter")
        names = [str(f) for f in filters] if isinstance(filters, list) else [str(filters)]
        transport = {"/ASCII85Decode", "/ASCIIHexDecode", "/FlateDecode"}  # undone by get_data
        if names[-1:] != ["/DCTDecode"] or not set(names[:-1]) <= transport:
            return None
        content = page.get_contents()
        raw = content.get_data() if content is not None else b""
        for m in _CM.finditer(raw):
            if float(m.group(2)) != 0 or float(m.group(3)) != 0 or float(m.group(1)) < 0:
                return None  # rotated or mirrored on the page
        data: bytes = images[0].get_data()
        return data if data[:2] == b"\xff\xd8" else None
    except (KeyError, TypeError, AttributeError, ValueError, PdfReadError, OSError):
        return None
