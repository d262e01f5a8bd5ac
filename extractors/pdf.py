"""PDF pages: the text layer as words with their boxes, page images for OCR, link addresses.

pypdfium2 gives every character of the text layer with its box, angle, size and weight; words
are made here from the gaps between glyphs rather than from the spaces the PDF happens to
contain, so letter-spaced Chromium output ("Cour ser a") is whole again and glued runs are
split where the page shows a gap. The page's ``/Rotate`` and text drawn sideways are both undone:
characters are turned into the frame in which the page's main text reads left to right, and page
images for OCR are rendered in that same frame, so the two can be laid over each other.

pypdf reads the structure: the scanned image of a page, its resolution, link annotations.
Neither library is thread-safe: a :class:`PdfFile` is used from one thread.
"""

from __future__ import annotations

import ctypes
import itertools
import math
import re
import unicodedata
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from extractors.errors import TooLarge, UnreadableFile
from extractors.layout import Line, PageLayout, Word, make_lines

# Word breaks, in font sizes: a gap this wide always splits; a space the PDF itself marks
# splits when the gap is at least the smaller width (Chromium marks letter-spacing as spaces).
_GAP_SPLIT = 0.28
_GAP_MARKED = 0.1
_MIN_VIEW_CHARS = 20  # text at another angle forms its own view only when there is this much
_BOLD_WEIGHT = 600


@dataclass(frozen=True, slots=True)
class _Char:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    size: float
    turn: int  # quarter turns clockwise of the glyph's baseline, on the displayed page
    bold: bool
    marked_space: bool  # pdfium put a space before this one (it guesses them from gaps)
    spaced: bool = False  # the PDF itself has a space character before this one


@dataclass
class PdfPage:
    index: int
    width: float  # points, displayed
    height: float
    rotate: int  # the page's /Rotate
    views: list[PageLayout]  # text-layer views: the main orientation first; [] without text
    turns: int  # quarter turns counter-clockwise that make the main text upright
    image_dpi: float | None  # resolution of the page's largest image, if any
    text_chars: int  # characters in the text layer (after duplicates are dropped)

    @property
    def has_text(self) -> bool:
        return bool(self.views)


class PdfFile:
    """One PDF opened with both libraries; close it (or use ``with``)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.reader = PdfReader(path)
            if self.reader.is_encrypted:
                try:
                    self.reader.decrypt("")
                except Exception as exc:
                    raise UnreadableFile(path, "the PDF is password-protected") from exc
            self.pdf = pdfium.PdfDocument(str(path))
        except UnreadableFile:
            raise
        except (PdfReadError, OSError, ValueError, pdfium.PdfiumError) as exc:
            raise UnreadableFile(path, f"not a readable PDF ({exc})") from exc

    def __enter__(self) -> PdfFile:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        self.pdf.close()

    def __len__(self) -> int:
        return len(self.pdf)

    def pages(self) -> Iterator[PdfPage]:
        for index in range(len(self.pdf)):
            yield self.page(index)

    def page(self, index: int) -> PdfPage:
        page = self.pdf[index]
        try:
            rotate = page.get_rotation() % 360
            left, bottom, right, top = page.get_cropbox()
            width, height = right - left, top - bottom
            chars = _chars(page, (left, bottom, width, height), rotate)
        finally:
            page.close()
        shown_w, shown_h = (height, width) if rotate in (90, 270) else (width, height)
        views, turns = _views(chars, index, shown_w, shown_h)
        return PdfPage(
            index=index,
            width=shown_w,
            height=shown_h,
            rotate=rotate,
            views=views,
            turns=turns,
            image_dpi=self._image_dpi(index, shown_w),
            text_chars=len(chars),
        )

    def render(
        self,
        index: int,
        dpi: float,
        turns: int = 0,
        max_pixels: int | None = None,
        mode: str = "RGB",
    ) -> Image.Image:
        """The page as an image in ``mode`` ("L" for OCR: a third of the memory of RGB, and
        what OCR reads anyway), turned ``turns`` quarter turns counter-clockwise. A page
        too large for ``max_pixels`` at ``dpi`` is rendered at a lower resolution, down to 72
        dpi; larger still, it is refused before any memory is taken."""
        if max_pixels is not None:
            width, height = self.pdf[index].get_size()
            fit = 72 * math.sqrt(max_pixels / max(1.0, width * height))
            if fit < 72:
                raise TooLarge(
                    self.path,
                    f"page {index + 1} is {width / 72 * 2.54:.0f}×{height / 72 * 2.54:.0f} cm, "
                    f"more than {max_pixels / 1e6:.0f} megapixels even at 72 dpi, the most tanu "
                    "reads (extraction's max_pixels)",
                )
            dpi = min(dpi, fit)
        try:
            bitmap = self.pdf[index].render(scale=dpi / 72)
            image: Image.Image = bitmap.to_pil().convert(mode)
        except pdfium.PdfiumError as exc:
            raise UnreadableFile(self.path, f"the page cannot be rendered ({exc})") from exc
        return image.rotate(90 * turns, expand=True) if turns % 4 else image

    def links(self) -> list[str]:
        """Addresses of the link annotations (not printed: they confirm, never stand alone)."""
        found: list[str] = []
        for page in self.reader.pages:
            try:
                for annot in page.get("/Annots") or []:
                    action = annot.get_object().get("/A")
                    uri = action.get_object().get("/URI") if action is not None else None
                    if isinstance(uri, str) and uri not in found:
                        found.append(uri)
            except (KeyError, TypeError, AttributeError, ValueError, PdfReadError):
                continue
        return found

    def _image_dpi(self, index: int, shown_width: float) -> float | None:
        """How finely the page's largest image is sampled, from its size in pixels and the
        page width (no decoding): an image-only page is rendered at about that resolution."""
        try:
            page: Any = self.reader.pages[index]
            xobjects = page["/Resources"]["/XObject"]
            widths = [
                max(int(obj["/Width"]), int(obj["/Height"]))
                for obj in (x.get_object() for x in xobjects.values())
                if obj.get("/Subtype") == "/Image"
            ]
        except (KeyError, TypeError, AttributeError, ValueError, PdfReadError):
            return None
        inches = max(shown_width, 1) / 72
        return max(widths) / inches if widths else None

    def check_limits(self, index: int, max_stream_bytes: int, max_pixels: int) -> None:
        """Refuse a page before either library inflates it: content streams that inflate to
        more than ``max_stream_bytes`` (a few KB of zeros compress from gigabytes), or an image
        of more than ``max_pixels`` (decoded whole before it is scaled to the page)."""
        try:
            page: Any = self.reader.pages[index]
            contents: Any = page.get("/Contents")
            contents = contents.get_object() if contents is not None else None
            streams = list(contents) if isinstance(contents, list) else [contents]
            inflated = sum(_inflated_size(x.get_object(), max_stream_bytes) for x in streams if x)
            images = _images(page.get("/Resources"))
        except (KeyError, TypeError, AttributeError, ValueError, PdfReadError) as exc:
            raise UnreadableFile(self.path, f"page {index + 1} cannot be read ({exc})") from exc
        if inflated > max_stream_bytes:
            raise TooLarge(
                self.path,
                f"page {index + 1} holds more than {max_stream_bytes / 2**20:.0f} MiB of drawing "
                "instructions once unpacked, the most tanu reads (extraction's max_stream_bytes)",
            )
        for width, height in images:
            if width * height > max_pixels:
                raise TooLarge(
                    self.path,
                    f"page {index + 1} holds a picture of {width}×{height} pixels, more than "
                    f"{max_pixels / 1e6:.0f} megapixels, the most tanu reads (extraction's "
                    "max_pixels)",
                )

    def embedded_jpeg(self, index: int) -> bytes | None:
        """The JPEG of a page that is one upright JPEG image and nothing else (a scan, Udemy's
        certificates): Tesseract can read it as it is, with no rendering."""
        try:
            page: Any = self.reader.pages[index]
            if int(page.get("/Rotate", 0) or 0) % 360:
                return None
            xobjects: Any = page["/Resources"]["/XObject"]
            images = [x.get_object() for x in xobjects.values()]
            if len(images) != 1 or images[0].get("/Subtype") != "/Image":
                return None
            filters = images[0].get("/Filter")
            names = [str(f) for f in filters] if isinstance(filters, list) else [str(filters)]
            transport = {"/ASCII85Decode", "/ASCIIHexDecode", "/FlateDecode"}
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


def _inflated_size(stream: Any, limit: int) -> int:
    """The size of a stream once its Flate compression is undone, counted in pieces and
    given up just past ``limit`` (never held whole). Other encodings grow it little."""
    raw: bytes = getattr(stream, "_data", b"") or b""
    filters = stream.get("/Filter") if hasattr(stream, "get") else None
    names = [str(f) for f in filters] if isinstance(filters, list) else [str(filters)]
    if names[:1] != ["/FlateDecode"]:
        return len(raw)
    inflate = zlib.decompressobj()
    total, data = 0, raw
    while data:
        try:
            out = inflate.decompress(data, 1 << 20)
        except zlib.error:
            return total  # broken: pdfium stops where pypdf would, at the damage
        total += len(out)
        if total > limit or not out:
            return total
        data = inflate.unconsumed_tail
    return total


def _images(resources: Any, depth: int = 0) -> Iterator[tuple[int, int]]:
    """The sizes of the images a page draws, forms (drawings within it) included."""
    if resources is None or depth > 3:
        return
    xobjects = resources.get_object().get("/XObject")
    if xobjects is None:
        return
    for ref in xobjects.get_object().values():
        obj = ref.get_object()
        if obj.get("/Subtype") == "/Image":
            yield int(obj.get("/Width", 0)), int(obj.get("/Height", 0))
        elif obj.get("/Subtype") == "/Form":
            yield from _images(obj.get("/Resources"), depth + 1)


_CM = re.compile(
    rb"(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)\s+cm"
)


# ------------------------------------------------------------------ characters
def _shown(
    x: float, y: float, box: tuple[float, float, float, float], rotate: int
) -> tuple[float, float]:
    """A point of PDF user space (y up) on the displayed page (y down), after ``/Rotate``."""
    left, bottom, w, h = box
    x, y = x - left, y - bottom
    if rotate == 90:
        return y, x
    if rotate == 180:
        return w - x, y
    if rotate == 270:
        return h - y, w - x
    return x, h - y


def _usable_char(text: str) -> bool:
    return unicodedata.category(text) not in ("Co", "Cn", "Cc", "Cs")


def _chars(
    page: pdfium.PdfPage, box: tuple[float, float, float, float], rotate: int
) -> list[_Char]:
    textpage = page.get_textpage()
    try:
        raw = textpage.raw
        count = pdfium_c.FPDFText_CountChars(raw)
        rect = pdfium_c.FS_RECTF()
        left, right = ctypes.c_double(), ctypes.c_double()
        bottom, top = ctypes.c_double(), ctypes.c_double()
        out: list[_Char] = []
        seen: dict[tuple[str, int, int], list[tuple[float, float]]] = {}
        space = False
        real_space = False
        for i in range(count):
            code = pdfium_c.FPDFText_GetUnicode(raw, i)
            text = chr(code) if 0 < code < 0x110000 else ""
            generated = pdfium_c.FPDFText_IsGenerated(raw, i)
            if text.isspace() or (not text and generated):
                space = True
                real_space = real_space or (text == " " and not generated)
                continue
            if not text or text == "\ufffe":
                text = "\ufffd"  # a glyph without text (a ligature, mostly): clean.py mends it
            elif not _usable_char(text):
                continue
            if not pdfium_c.FPDFText_GetLooseCharBox(raw, i, rect):
                continue
            pdfium_c.FPDFText_GetCharBox(raw, i, left, right, bottom, top)
            angle = pdfium_c.FPDFText_GetCharAngle(raw, i)
            quarter = round(angle / (math.pi / 2)) % 4 if angle >= 0 else 0  # clockwise
            # Along the baseline the tight box (the ink: gaps between glyphs); across it the
            # loose box (the font's height, the same for every glyph of a size).
            if quarter % 2 == 0:
                ux0, ux1, uy0, uy1 = left.value, right.value, rect.bottom, rect.top
                size = rect.top - rect.bottom
            else:
                ux0, ux1, uy0, uy1 = rect.left, rect.right, bottom.value, top.value
                size = rect.right - rect.left
            if size <= 0:
                continue
            a = _shown(ux0, uy0, box, rotate)
            b = _shown(ux1, uy1, box, rotate)
            x0, x1 = sorted((a[0], b[0]))
            y0, y1 = sorted((a[1], b[1]))
            turn = (quarter + rotate // 90) % 4
            # the same glyph drawn twice (fake bold, a second text layer): keep one
            near = max(size * 0.06, 0.1)
            gx, gy = int(x0 // near), int(y0 // near)
            if any(
                abs(px - x0) < near and abs(py - y0) < near
                for dx in (-1, 0, 1)
                for dy in (-1, 0, 1)
                for px, py in seen.get((text, gx + dx, gy + dy), ())
            ):
                continue
            seen.setdefault((text, gx, gy), []).append((x0, y0))
            weight = pdfium_c.FPDFText_GetFontWeight(raw, i)
            out.append(
                _Char(text, x0, y0, x1, y1, size, turn, weight >= _BOLD_WEIGHT, space, real_space)
            )
            space = real_space = False
        return out
    finally:
        textpage.close()


def _turn_box(c: _Char, turns: int, w: float, h: float) -> tuple[float, float, float, float]:
    """The character's box after turning the page ``turns`` times counter-clockwise."""
    x0, y0, x1, y1 = c.x0, c.y0, c.x1, c.y1
    for _ in range(turns % 4):
        x0, y0, x1, y1 = y0, w - x1, y1, w - x0
        w, h = h, w
    return x0, y0, x1, y1


def _views(
    chars: list[_Char], index: int, width: float, height: float
) -> tuple[list[PageLayout], int]:
    """One layout per text orientation that carries enough text, the main one first."""
    by_turn = Counter(c.turn for c in chars)
    if not by_turn:
        return [], 0
    views: list[PageLayout] = []
    main_turns = 0
    for n, (turn, count) in enumerate(by_turn.most_common()):
        if n > 0 and count < _MIN_VIEW_CHARS:
            break
        turns = turn  # glyphs turned clockwise by `turn` are upright after as many CCW turns
        if n == 0:
            main_turns = turns
        w, h = (height, width) if turns % 2 else (width, height)
        words = _words([c for c in chars if c.turn == turn], turns, width, height)
        views.append(PageLayout(index, w, h, make_lines(words, index)))
    return views, main_turns


def _words(chars: list[_Char], turns: int, width: float, height: float) -> list[Word]:
    """Characters into words. Runs of characters along one baseline are cut into words where
    the gap is wide for that run: letter-spaced runs ("H AS B E E N") have wide gaps inside
    words too, so the threshold rises with the run's typical gap."""
    boxed = [(c, _turn_box(c, turns, width, height)) for c in chars]
    runs: list[list[tuple[_Char, tuple[float, float, float, float]]]] = []
    for c, box in boxed:
        if runs:
            prev, pbox = runs[-1][-1]
            em = max(prev.size, c.size)
            gap = box[0] - pbox[2]
            same_row = abs((box[1] + box[3]) - (pbox[1] + pbox[3])) / 2 < 0.45 * em
            if same_row and -0.6 * em <= gap <= 1.5 * em:
                runs[-1].append((c, box))
                continue
        runs.append([(c, box)])
    words: list[Word] = []
    for run in runs:
        gaps = [max(0.0, b[0] - a[2]) for (_, a), (_, b) in itertools.pairwise(run)]
        typical = sorted(gaps)[len(gaps) // 2] if gaps else 0.0
        # A run whose maker wrote space characters says itself where its words end: only a
        # wide gap splits it further. Without them, the gaps decide.
        spelled = any(c.spaced for c, _ in run[1:])
        start = 0
        for i, gap in enumerate(gaps, start=1):
            c = run[i][0]
            em = max(run[i - 1][0].size, c.size)
            if spelled:
                split = c.spaced or gap > 0.6 * em
            else:
                split = gap > max(_GAP_SPLIT * em, typical + 0.22 * em) or (
                    c.marked_space and gap > max(_GAP_MARKED * em, typical + 0.12 * em)
                )
            if split:
                words.append(_word(run[start:i], spelled and start > 0))
                start = i
        words.append(_word(run[start:], spelled and start > 0))
    return words


def _word(run: list[tuple[_Char, tuple[float, float, float, float]]], spelled: bool) -> Word:
    boxes = [b for _, b in run]
    return Word(
        unicodedata.normalize("NFC", "".join(c.text for c, _ in run)),
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
        sorted(c.size for c, _ in run)[len(run) // 2],
        1.0,
        sum(1 for c, _ in run if c.bold) * 2 > len(run),
        run[0][0].spaced if spelled else None,
    )


def page_text(page: PdfPage) -> str:
    """The text of a page's main view, line by line (for quick checks and tests)."""
    return "\n".join(line.text for line in page.views[0].lines) if page.views else ""


def lines_of(page: PdfPage) -> list[Line]:
    return [line for view in page.views for line in view.lines]


def usable_text(text: str) -> bool:
    """Real text, not empty and not glyph garbage (unmapped glyphs, private-use characters).
    A page with a few real words (a name and a date over a scanned picture) counts: what the
    picture holds is read by OCR beside it."""
    visible = [c for c in text if not c.isspace()]
    if len(visible) < 8:
        return False
    ordinary = sum(
        1 for c in visible if c.isalnum() or unicodedata.category(c)[0] in "PS" or c in "%/:+"
    )
    letters = sum(1 for c in visible if c.isalpha())
    words = re.findall(r"[^\W\d_]{2,}", text)
    return ordinary / len(visible) >= 0.9 and letters / len(visible) >= 0.3 and len(words) >= 2
