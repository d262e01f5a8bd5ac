"""Certificates with a real text layer, with the quirks real PDF makers leave in it:
letter-spaced runs, dropped ligatures, glued words, broken addresses, labels as pictures, a
page stored turned."""

from __future__ import annotations

import random
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw
from pypdf import PdfReader, PdfWriter, Transformation
from reportlab import rl_config
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from flows.bench.fonts import PAGE, Placed, family_of, font_file, pil_font, place, text_width
from flows.bench.words import Doc

# ------------------------------------------------------------------ text PDFs
rl_config.useA85 = 0  # binary streams, as scanners and platforms write them


@cache
def _rl_font(family: str, style: str) -> str:
    name = f"T-{family}-{'bold' if style == 'bold' else 'regular'}"
    pdfmetrics.registerFont(TTFont(name, str(font_file(family, style))))
    return name


def text_pdf(doc: Doc, path: Path, rng: random.Random) -> None:
    """A certificate with a real text layer; ``doc.style`` picks the quirks to reproduce."""
    w, h = PAGE
    c = canvas.Canvas(str(path), pagesize=(w, h))
    c.setProducer(doc.style.get("producer", "Skia/PDF m120"))
    c.setStrokeColorRGB(0.1, 0.25, 0.5)
    c.setLineWidth(3)
    c.rect(14, 14, w - 28, h - 28)
    family = family_of(doc)
    placed = place(doc)
    if doc.style.get("broken_url"):
        placed = _broken_urls(placed)
    for p in placed:
        font = _rl_font(family, p.style)
        y = h - p.y - p.size  # reportlab's baseline, y up
        if p.style == "label" and doc.style.get("label_shapes"):
            _draw_as_picture(c, p, family, y)
        elif doc.style.get("spaced"):
            _draw_spaced(c, p.text, font, p.size, p.x, y, rng)
        elif doc.style.get("glued"):
            _draw_glued(c, p.text, font, p.size, p.x, y)
        elif doc.style.get("dropped_ligature") and "fi" in p.text:
            _draw_dropped_ligature(c, p, font, family, y)
        else:
            c.setFont(font, p.size)
            c.drawString(p.x, y, p.text)
    c.showPage()
    c.save()
    if doc.style.get("rotated"):
        _store_turned(path)


def _broken_urls(placed: list[Placed]) -> list[Placed]:
    """An address too long for its box, broken after its path (as Chromium lays it out)."""
    out = []
    for p in placed:
        cut = p.text.find("/verify/") if "/verify/" in p.text else p.text.rfind("/")
        url = "://" in p.text or p.text.startswith(("coursera.org", "ude.my", "www."))
        if url and cut > 0:
            cut += len("/verify/") if "/verify/" in p.text else 1
            out.append(Placed(p.text[:cut], p.x, p.y, p.size, p.style))
            out.append(Placed(p.text[cut:], p.x, p.y + p.size * 1.25, p.size, p.style))
        else:
            out.append(p)
    return out


def _draw_as_picture(c: canvas.Canvas, p: Placed, family: str, y: float) -> None:
    """A label drawn as a picture: visible, with no text in the text layer."""
    scale = 4
    font = pil_font(family, "regular", int(p.size * scale))
    w = int(text_width(p.text, family, "regular", p.size) * scale) + 8
    img = Image.new("RGB", (w, int(p.size * scale * 1.4)), "white")
    ImageDraw.Draw(img).text((2, 0), p.text, fill=(60, 60, 60), font=font)
    c.drawImage(ImageReader(img), p.x, y - p.size * 0.3, width=w / scale, height=img.height / scale)


def _store_turned(path: Path) -> None:
    """The page stored turned a quarter, with ``/Rotate`` to show it upright: the text runs
    up the page in PDF space, as some PDF makers (Prince) write landscape certificates."""
    writer = PdfWriter(clone_from=PdfReader(path))
    page = writer.pages[0]
    w, h = float(page.mediabox.width), float(page.mediabox.height)
    page.add_transformation(Transformation().rotate(90).translate(h, 0))
    page.mediabox.upper_right = (h, w)
    page.rotation = 90
    with path.open("wb") as fh:
        writer.write(fh)


def _draw_spaced(
    c: canvas.Canvas, text: str, font: str, px: float, x: float, y: float, rng: random.Random
) -> None:
    """Chromium-style: glyph runs placed one by one, so text extraction sees gaps in words."""
    words = text.split(" ")
    t = c.beginText(x, y)
    t.setFont(font, px)
    for i, word in enumerate(words):
        rest = word
        while rest:
            n = rng.randint(1, 4)
            frag, rest = rest[:n], rest[n:]
            last = not rest
            # a glyph run, then a move of a few hundredths of an em (Chromium's rounding):
            # unseen on the page, but text extraction sees a space inside the word
            piece = frag + (" " if last and i < len(words) - 1 else "")
            gap = px * rng.uniform(0.03, 0.08)
            t.textOut(piece)
            t.setXPos(pdfmetrics.stringWidth(piece, font, px) + gap)
    c.drawText(t)


def _draw_glued(c: canvas.Canvas, text: str, font: str, px: float, x: float, y: float) -> None:
    """Each word drawn apart with no space character between them: only the gap separates
    words (naive text extraction glues them: "ThisistocertifythatAliyaSaduakassova")."""
    for word in text.split(" "):
        c.setFont(font, px)
        c.drawString(x, y, word)
        x += pdfmetrics.stringWidth(word + " ", font, px)


def _draw_dropped_ligature(c: canvas.Canvas, p: Placed, font: str, family: str, y: float) -> None:
    """An 'fi' ligature glyph without a text mapping: the page shows it, the text layer has a
    gap ("certi cate"). The glyph is drawn as a picture, so no character stands for it."""
    parts = p.text.split("fi")
    gap = pdfmetrics.stringWidth("fi", font, p.size)
    t = c.beginText(p.x, y)
    t.setFont(font, p.size)
    x = p.x
    for n, part in enumerate(parts):
        t.textOut(part)
        width = pdfmetrics.stringWidth(part, font, p.size)
        t.setXPos(width + gap)
        x += width
        if n < len(parts) - 1:
            style = "bold" if p.style == "bold" else "regular"
            _glyph_picture(c, "fi", family, style, p.size, x, y)
            x += gap
    c.drawText(t)


def _glyph_picture(
    c: canvas.Canvas, text: str, family: str, style: str, size: float, x: float, y: float
) -> None:
    """``text`` as a transparent picture whose baseline sits at ``y``."""
    scale = 4
    font = pil_font(family, style, int(size * scale))
    ascent, descent = font.getmetrics()
    img = Image.new("LA", (int(font.getlength(text)) + 2, ascent + descent), (0, 0))
    ImageDraw.Draw(img).text((0, 0), text, fill=(0, 255), font=font)
    c.drawImage(
        ImageReader(img.convert("RGBA")),
        x,
        y - descent / scale,
        width=img.width / scale,
        height=img.height / scale,
        mask="auto",
    )
