"""Fonts and placement: the font families installed, and lines of a document placed on a
page (centred, left-aligned, beside a column of other course names; long titles wrapped)."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PIL import ImageFont
from reportlab.lib.pagesizes import A4, landscape

from flows.bench.words import Doc

_FONTS = Path("/usr/share/fonts/truetype")
FAMILIES = {  # family → style → file; DejaVu ships with the demo, the others with the tests
    "dejavu-sans": {"regular": "dejavu/DejaVuSans.ttf", "bold": "dejavu/DejaVuSans-Bold.ttf"},
    "dejavu-serif": {"regular": "dejavu/DejaVuSerif.ttf", "bold": "dejavu/DejaVuSerif-Bold.ttf"},
    "liberation-sans": {
        "regular": "liberation2/LiberationSans-Regular.ttf",
        "bold": "liberation2/LiberationSans-Bold.ttf",
    },
    "liberation-serif": {
        "regular": "liberation2/LiberationSerif-Regular.ttf",
        "bold": "liberation2/LiberationSerif-Bold.ttf",
    },
    "free-sans": {"regular": "freefont/FreeSans.ttf", "bold": "freefont/FreeSansBold.ttf"},
    "free-serif": {"regular": "freefont/FreeSerif.ttf", "bold": "freefont/FreeSerifBold.ttf"},
}
PAGE = landscape(A4)  # points


class MissingFonts(RuntimeError):
    pass


@cache
def families() -> tuple[str, ...]:
    """The font families installed (DejaVu at least)."""
    found = tuple(
        name
        for name, files in FAMILIES.items()
        if all((_FONTS / f).is_file() for f in files.values())
    )
    if "dejavu-sans" not in found:
        raise MissingFonts("DejaVu fonts are missing: install the Debian package fonts-dejavu-core")
    return found


def font_file(family: str, style: str) -> Path:
    return _FONTS / FAMILIES[family]["bold" if style == "bold" else "regular"]


@cache
def pil_font(family: str, style: str, px: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(font_file(family, style)), max(1, px))


def family_of(doc: Doc) -> str:
    chosen = str(doc.style.get("family", "dejavu-sans"))
    return chosen if chosen in families() else "dejavu-sans"


# ------------------------------------------------------------------ placing lines on a page
@dataclass(frozen=True)
class Placed:
    text: str
    x: float  # left edge, points
    y: float  # top, points (y down)
    size: float
    style: str  # regular | bold | label


def text_width(text: str, family: str, style: str, size: float) -> float:
    return float(pil_font(family, style, 100).getlength(text)) * size / 100


def place(doc: Doc, width: float = PAGE[0], height: float = PAGE[1]) -> list[Placed]:
    """Where each line of ``doc`` goes on a page: centred, or left-aligned (beside a column
    of other course names when ``sidebar``); a line too wide is wrapped when ``wrap`` (a
    long title), else set smaller. A line "label<TAB>value" is a row of a form's table: the
    label in a column at the left, the value in one at the middle of the page."""
    family = family_of(doc)
    layout = doc.style.get("layout", "center")
    left = width * (0.3 if doc.style.get("sidebar") else 0.08)
    usable = width * 0.84 if layout == "center" else width - left - width * 0.06
    rows: list[tuple[str, float, str, float]] = []  # text, size, style, space after
    for text, size, style in doc.lines:
        px = float(size)
        if "\t" in text:  # the value's column runs from the middle to the margin
            while text_width(text.split("\t")[1], family, style, px) > width * 0.44 and px > 6:
                px -= 0.5
            rows.append((text, px, style, 1.7))
            continue
        if text_width(text, family, style, px) > usable and doc.style.get("wrap") and size >= 16:
            chars = max(12, int(len(text) * usable / text_width(text, family, style, px)))
            parts = textwrap.wrap(text, chars)
            while chars > 12 and any(text_width(p, family, style, px) > usable for p in parts):
                chars -= 2  # letters differ in width: wrapped until every line fits
                parts = textwrap.wrap(text, chars)
            rows += [
                (part, px, style, 1.25 if n < len(parts) - 1 else 1.7)
                for n, part in enumerate(parts)
            ]
            continue
        while text_width(text, family, style, px) > usable and px > 6:
            px -= 0.5
        rows.append((text, px, style, 1.7))
    total = sum(size * after for _, size, _, after in rows)
    y = max(30.0, (height - total) / 2)
    out = []
    for text, size, style, after in rows:
        if "\t" in text:
            label, value = text.split("\t", 1)
            out.append(Placed(label, max(left, width * 0.12), y, size, style))
            out.append(Placed(value, width * 0.5, y, size, style))
            y += size * after
            continue
        w = text_width(text, family, style, size)
        x = (width - w) / 2 if layout == "center" else left
        out.append(Placed(text, x, y, size, style))
        y += size * after
    if doc.style.get("sidebar"):
        y = height * 0.25
        for course in doc.style.get("sidebar_courses", ()):
            out.append(Placed(str(course), width * 0.05, y, 8.0, "bold"))
            y += 16
    return out
