"""A corpus of evidence with its truth, made reproducibly from a seed.

Forms: ``text-pdf`` (a real text layer, sometimes with the quirks of Chromium-made PDFs: letter
spacing, dropped ligatures, words glued to domains, URLs broken across lines), ``image-pdf`` (a
single image in a PDF, as Udemy's), ``scan-pdf``, ``photo`` (JPEG, rotation, blur, noise, EXIF
orientation) and ``screenshot`` (PNG/JPEG/WebP, coloured banners, tall full pages). Each file
``X.ext`` has ``X.truth.json`` beside it.
"""

from __future__ import annotations

import io
import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import segno
from PIL import Image, ImageDraw, ImageFilter, ImageFont, ImageOps
from reportlab import rl_config
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from flows.bench.content import CERTIFICATES, SCREENSHOTS, Doc

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONTS = {"regular": "DejaVuSans.ttf", "bold": "DejaVuSans-Bold.ttf"}
SERIF = {"regular": "DejaVuSerif.ttf", "bold": "DejaVuSerif-Bold.ttf"}
FORMS = ("text-pdf", "image-pdf", "scan-pdf", "photo", "screenshot")
OCR_FORMS = ("image-pdf", "scan-pdf", "photo", "screenshot")


class MissingFonts(RuntimeError):
    pass


def _font_path(style: str, serif: bool) -> Path:
    path = FONT_DIR / (SERIF if serif else FONTS)[style]
    if not path.is_file():
        raise MissingFonts(f"{path} is missing: install the Debian package fonts-dejavu-core")
    return path


_pil_fonts: dict[tuple[str, bool, int], ImageFont.FreeTypeFont] = {}


def _pil_font(style: str, serif: bool, px: int) -> ImageFont.FreeTypeFont:
    key = (style, serif, px)
    if key not in _pil_fonts:
        _pil_fonts[key] = ImageFont.truetype(str(_font_path(style, serif)), px)
    return _pil_fonts[key]


# ------------------------------------------------------------------ certificates as images
def render_certificate(doc: Doc, rng: random.Random, width: int = 2000) -> Image.Image:
    height = int(width * 0.707)
    img = Image.new("RGB", (width, height), (252, 250, 245))
    draw = ImageDraw.Draw(img)
    accent = rng.choice([(20, 60, 120), (120, 30, 40), (30, 90, 60), (60, 60, 60)])
    draw.rectangle((30, 30, width - 30, height - 30), outline=accent, width=8)
    serif = bool(doc.style.get("serif"))
    scale = width / 842 * 1.0
    total = sum(size * scale * 1.9 for _, size, _ in doc.lines)
    y = max(80.0, (height - total) / 2)
    for text, size, style in doc.lines:
        px = int(size * scale)
        font = _pil_font(style, serif, px)
        while draw.textlength(text, font=font) > width * 0.86 and px > 12:
            px -= 2
            font = _pil_font(style, serif, px)
        w = draw.textlength(text, font=font)
        draw.text(((width - w) / 2, y), text, fill=(20, 20, 20), font=font)
        y += px * 1.9
    url = doc.truth.get("verify_url")
    if url and doc.style.get("qr"):
        buf = io.BytesIO()
        segno.make(url, error="m").save(buf, kind="png", scale=6, border=2)
        buf.seek(0)
        qr = Image.open(buf).convert("RGB")
        img.paste(qr, (width - qr.width - 70, height - qr.height - 70))
    return img


# ------------------------------------------------------------------ screenshots
def render_screenshot(doc: Doc, rng: random.Random) -> Image.Image:
    width = rng.choice([1280, 1366, 1440])
    tall = bool(doc.style.get("tall"))
    gap = 2.6 if not tall else 3.2
    height = int(140 + sum(size * 1.45 * gap for _, size, _ in doc.lines) + 60)
    height = max(height, 760)
    dark = bool(doc.style.get("dark"))
    bg, fg = ((24, 26, 30), (230, 230, 230)) if dark else ((255, 255, 255), (30, 30, 30))
    img = Image.new("RGB", (width, height), bg)
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, 0, width, 64), fill=(40, 44, 52) if dark else (245, 246, 248))
    y = 90.0
    for text, size, style in doc.lines:
        px = int(size * 1.45)
        font = _pil_font(style, False, px)
        if text.startswith("BANNER:"):
            text = text.removeprefix("BANNER:")
            draw.rectangle((40, y - 14, width - 40, y + px + 16), fill=(31, 131, 84))
            draw.text((64, y), text, fill=(255, 255, 255), font=font)
        else:
            draw.text((64, y), text, fill=fg, font=font)
        y += px * gap
    return img


# ------------------------------------------------------------------ degradations
def as_scan(img: Image.Image, rng: random.Random) -> Image.Image:
    gray = ImageOps.grayscale(img).rotate(rng.uniform(-1.5, 1.5), expand=True, fillcolor=250)
    noise = Image.effect_noise(gray.size, rng.uniform(8, 18)).convert("L")
    gray = Image.blend(gray, noise, 0.06)
    return gray.filter(ImageFilter.GaussianBlur(rng.uniform(0.2, 0.6))).convert("RGB")


def as_photo(
    img: Image.Image, rng: random.Random, orientation: int | None = None
) -> tuple[Image.Image, int]:
    """A phone photo of a printed certificate; returns the image and an EXIF orientation."""
    margin = int(img.width * 0.08)
    table = Image.new(
        "RGB",
        (img.width + 2 * margin, img.height + 2 * margin),
        (rng.randint(70, 120), rng.randint(70, 120), rng.randint(70, 120)),
    )
    table.paste(img, (margin, margin))
    photo = table.rotate(
        rng.uniform(-3.5, 3.5),
        expand=False,
        resample=Image.Resampling.BICUBIC,
        fillcolor=(80, 80, 80),
    )
    # uneven light: darker towards one corner
    shade = Image.linear_gradient("L").resize(photo.size).rotate(rng.choice([0, 90, 180, 270]))
    shade = shade.point(lambda v: int(255 - v * rng.uniform(0.15, 0.3)))
    photo = Image.composite(photo, Image.new("RGB", photo.size, (0, 0, 0)), shade)
    photo = photo.filter(ImageFilter.GaussianBlur(rng.uniform(0.5, 1.1)))
    noise = Image.effect_noise(photo.size, rng.uniform(10, 20)).convert("RGB")
    photo = Image.blend(photo, noise, 0.05)
    orientation = orientation or rng.choice([1, 1, 1, 6, 8])
    if orientation == 6:  # stored rotated; EXIF says turn it 90° clockwise to view
        photo = photo.transpose(Image.Transpose.ROTATE_90)
    elif orientation == 8:
        photo = photo.transpose(Image.Transpose.ROTATE_270)
    return photo, orientation


def image_pdf(img: Image.Image, path: Path, quality: int = 85) -> None:
    buf = io.BytesIO()
    img.convert("RGB").save(buf, "JPEG", quality=quality)
    buf.seek(0)
    w, h = landscape(A4)
    c = canvas.Canvas(str(path), pagesize=(w, h))
    c.setProducer("Udemy certificate service")
    c.drawImage(ImageReader(buf), 0, 0, width=w, height=h)
    c.showPage()
    c.save()


# ------------------------------------------------------------------ text PDFs
_registered = False
rl_config.useA85 = 0  # binary streams, as scanners and platforms write them


def _register_fonts() -> None:
    global _registered
    if not _registered:
        for style in ("regular", "bold"):
            pdfmetrics.registerFont(TTFont(f"DV-{style}", str(_font_path(style, False))))
        _registered = True


def text_pdf(doc: Doc, path: Path, rng: random.Random) -> None:
    """A certificate with a real text layer; ``doc.style`` picks the quirks to reproduce."""
    _register_fonts()
    w, h = landscape(A4)
    c = canvas.Canvas(str(path), pagesize=(w, h))
    c.setProducer(doc.style.get("producer", "Skia/PDF m120"))
    c.setStrokeColorRGB(0.1, 0.25, 0.5)
    c.setLineWidth(3)
    c.rect(14, 14, w - 28, h - 28)
    lines = list(doc.lines)
    if doc.style.get("broken_url"):
        out = []
        for text, size, style in lines:
            cut = text.find("/verify/") if "/verify/" in text else text.rfind("/")
            if ("://" in text or text.startswith(("coursera.org", "ude.my", "www."))) and cut > 0:
                cut += len("/verify/") if "/verify/" in text else 1
                out += [(text[:cut], size, style), (text[cut:], size, style)]
            else:
                out.append((text, size, style))
        lines = out
    total = sum(size * 1.9 for _, size, _ in lines)
    y = h - max(40.0, (h - total) / 2)
    for text, size, style in lines:
        font = f"DV-{style}"
        px = float(size)
        while pdfmetrics.stringWidth(text, font, px) > w * 0.88 and px > 6:
            px -= 0.5
        if doc.style.get("spaced"):
            _draw_spaced(c, text, font, px, w, y, rng)
        elif doc.style.get("dropped_ligature") and "fi" in text:
            _draw_dropped_ligature(c, text, font, px, w, y)
        else:
            c.setFont(font, px)
            c.drawCentredString(w / 2, y, text)
        y -= px * 1.9
    c.showPage()
    c.save()


def _draw_spaced(
    c: canvas.Canvas, text: str, font: str, px: float, w: float, y: float, rng: random.Random
) -> None:
    """Chromium-style: glyph runs placed one by one, so text extraction sees gaps in words."""
    words = text.split(" ")
    pieces: list[tuple[str, float]] = []  # (fragment, gap after)
    for i, word in enumerate(words):
        frags: list[str] = []
        rest = word
        while rest:
            n = rng.randint(1, 4)
            frags.append(rest[:n])
            rest = rest[n:]
        for j, f in enumerate(frags):
            last = j == len(frags) - 1
            # the space glyph is drawn too, then a move: extraction sees two spaces
            if last and i < len(words) - 1:
                pieces.append((f + " ", px * 0.3))
            else:
                pieces.append((f, px * 0.18))
    width = sum(pdfmetrics.stringWidth(f, font, px) + g for f, g in pieces)
    t = c.beginText((w - width) / 2, y)
    t.setFont(font, px)
    offset = 0.0
    for f, g in pieces:  # one text object, glyph runs moved along the line (Td dx 0)
        t.textOut(f)
        offset += pdfmetrics.stringWidth(f, font, px) + g
        t.setXPos(pdfmetrics.stringWidth(f, font, px) + g)
    c.drawText(t)


def _draw_dropped_ligature(
    c: canvas.Canvas, text: str, font: str, px: float, w: float, y: float
) -> None:
    """An 'fi' glyph without a text mapping: extraction sees a gap ("certi cate")."""
    parts = text.split("fi")
    gap = pdfmetrics.stringWidth("fi", font, px)
    width = sum(pdfmetrics.stringWidth(p, font, px) for p in parts) + gap * (len(parts) - 1)
    t = c.beginText((w - width) / 2, y)
    t.setFont(font, px)
    for part in parts:
        t.textOut(part)
        t.setXPos(pdfmetrics.stringWidth(part, font, px) + gap)
    c.drawText(t)


# ------------------------------------------------------------------ the corpus
@dataclass(frozen=True)
class Item:
    path: Path
    truth: dict[str, object]


def write_item(item_dir: Path, name: str, form: str, doc: Doc, rng: random.Random) -> Item:
    """Render ``doc`` in ``form`` as ``name.<ext>`` with its truth beside it."""
    truth = dict(doc.truth)
    if form == "text-pdf":
        path = item_dir / f"{name}.pdf"
        text_pdf(doc, path, rng)
    elif form == "screenshot":
        img = render_screenshot(doc, rng)
        ext = rng.choice(["png", "png", "png", "jpg", "webp"])
        path = item_dir / f"{name}.{ext}"
        img.save(path, quality=90) if ext != "png" else img.save(path)
    else:
        # a platform's own image; a 300 dpi scan of A4; a 12-megapixel phone photo
        width = {"image-pdf": 2000, "scan-pdf": 3500, "photo": rng.randint(2600, 3200)}[form]
        img = render_certificate(doc, rng, width)
        if form == "image-pdf":
            path = item_dir / f"{name}.pdf"
            image_pdf(img, path)
        elif form == "scan-pdf":
            path = item_dir / f"{name}.pdf"
            image_pdf(as_scan(img, rng), path, quality=70)
        else:
            photo, orientation = as_photo(img, rng, doc.style.get("orientation"))
            path = item_dir / f"{name}.jpg"
            exif = Image.Exif()
            exif[0x0112] = orientation
            photo.save(path, "JPEG", quality=rng.randint(60, 85), exif=exif.tobytes())
    truth["form"] = form
    (item_dir / f"{name}.truth.json").write_text(
        json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    return Item(path, truth)


def generate(
    out: Path,
    count: int = 180,
    seed: int = 20261125,
    forms: tuple[str, ...] = FORMS,
    progress: Callable[[int], None] | None = None,
) -> list[Item]:
    """``count`` documents spread over the forms and platforms; same seed, same corpus."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    items = []
    for n in range(count):
        form = forms[n % len(forms)]
        if form == "screenshot":
            doc = SCREENSHOTS[(n // len(forms)) % len(SCREENSHOTS)](rng)
            doc.style["dark"] = rng.random() < 0.15 and not doc.style.get("tall")
        else:
            doc = CERTIFICATES[(n // len(forms)) % len(CERTIFICATES)](rng)
            doc.style["serif"] = rng.random() < 0.3
            doc.style["qr"] = rng.random() < 0.3
            if form == "text-pdf":
                quirk = rng.choice(["plain", "plain", "spaced", "dropped_ligature", "broken_url"])
                doc.style[quirk] = True
        items.append(
            write_item(out, f"{n:04d}-{form}-{doc.truth['platform'] or 'generic'}", form, doc, rng)
        )
        if progress:
            progress(n + 1)
    return items


def load(corpus: Path) -> list[Item]:
    items = []
    for truth_path in sorted(corpus.glob("*.truth.json")):
        stem = truth_path.name.removesuffix(".truth.json")
        files = [p for p in corpus.glob(f"{stem}.*") if not p.name.endswith(".truth.json")]
        if len(files) == 1:
            items.append(Item(files[0], json.loads(truth_path.read_text(encoding="utf-8"))))
    return items
