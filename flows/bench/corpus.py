"""A corpus of evidence with its truth, made reproducibly from a seed.

Forms: ``text-pdf`` (a real text layer), ``image-pdf`` (a single image in a PDF, as Udemy's),
``scan-pdf``, ``photo`` (JPEG, tilt, blur, noise, EXIF orientation) and ``screenshot``
(PNG/JPEG/WebP, coloured banners, dark themes, tall full pages). Each file ``X.ext`` has
``X.truth.json`` beside it.

Beyond the content (content.py), the ways real documents vary are axes of the layout:
- fonts: DejaVu, Liberation and FreeFont families, sans and serif (what is installed);
- layouts: centred, left-aligned, left-aligned beside a column of other course names; long
  titles wrapped over two lines;
- text layers as real PDF makers leave them: letter-spaced glyph runs, dropped ligatures,
  words placed apart with no space character ("glued"), addresses broken over lines, labels
  drawn as pictures (no text), the page stored turned with ``/Rotate``;
- scans stored sideways, and browser print-outs: the page with its print header and footer,
  turned a quarter;
- screenshots with a header bar holding the account's name.
"""

from __future__ import annotations

import io
import json
import random
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import segno
from PIL import Image, ImageDraw, ImageFilter, ImageFont, ImageOps
from pypdf import PdfReader, PdfWriter, Transformation
from reportlab import rl_config
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from flows.bench.content import CERTIFICATES, KK_NAMES, SCREENSHOTS, Doc

FORMS = ("text-pdf", "image-pdf", "scan-pdf", "photo", "screenshot")
OCR_FORMS = ("image-pdf", "scan-pdf", "photo", "screenshot")
TEXT_QUIRKS = (
    "plain",
    "plain",
    "spaced",
    "dropped_ligature",
    "broken_url",
    "glued",
    "label_shapes",
    "rotated",
)
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


def _font_file(family: str, style: str) -> Path:
    return _FONTS / FAMILIES[family]["bold" if style == "bold" else "regular"]


@cache
def _pil_font(family: str, style: str, px: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(_font_file(family, style)), max(1, px))


def _family(doc: Doc) -> str:
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


def _width(text: str, family: str, style: str, size: float) -> float:
    return float(_pil_font(family, style, 100).getlength(text)) * size / 100


def place(doc: Doc, width: float = PAGE[0], height: float = PAGE[1]) -> list[Placed]:
    """Where each line of ``doc`` goes on a page: centred, or left-aligned (beside a column
    of other course names when ``sidebar``); a line too wide is wrapped when ``wrap`` (a
    long title), else set smaller."""
    family = _family(doc)
    layout = doc.style.get("layout", "center")
    left = width * (0.3 if doc.style.get("sidebar") else 0.08)
    usable = width * 0.84 if layout == "center" else width - left - width * 0.06
    rows: list[tuple[str, float, str, float]] = []  # text, size, style, space after
    for text, size, style in doc.lines:
        px = float(size)
        if _width(text, family, style, px) > usable and doc.style.get("wrap") and size >= 16:
            chars = max(12, int(len(text) * usable / _width(text, family, style, px)))
            parts = textwrap.wrap(text, chars)
            while chars > 12 and any(_width(p, family, style, px) > usable for p in parts):
                chars -= 2  # letters differ in width: wrapped until every line fits
                parts = textwrap.wrap(text, chars)
            rows += [
                (part, px, style, 1.25 if n < len(parts) - 1 else 1.7)
                for n, part in enumerate(parts)
            ]
            continue
        while _width(text, family, style, px) > usable and px > 6:
            px -= 0.5
        rows.append((text, px, style, 1.7))
    total = sum(size * after for _, size, _, after in rows)
    y = max(30.0, (height - total) / 2)
    out = []
    for text, size, style, after in rows:
        w = _width(text, family, style, size)
        x = (width - w) / 2 if layout == "center" else left
        out.append(Placed(text, x, y, size, style))
        y += size * after
    if doc.style.get("sidebar"):
        y = height * 0.25
        for course in doc.style.get("sidebar_courses", ()):
            out.append(Placed(str(course), width * 0.05, y, 8.0, "bold"))
            y += 16
    return out


# ------------------------------------------------------------------ certificates as images
def render_certificate(doc: Doc, rng: random.Random, width: int = 2000) -> Image.Image:
    height = int(width * PAGE[1] / PAGE[0])
    scale = width / PAGE[0]
    img = Image.new("RGB", (width, height), (252, 250, 245))
    draw = ImageDraw.Draw(img)
    accent = rng.choice([(20, 60, 120), (120, 30, 40), (30, 90, 60), (60, 60, 60)])
    draw.rectangle((30, 30, width - 30, height - 30), outline=accent, width=8)
    family = _family(doc)
    for p in place(doc):
        font = _pil_font(family, p.style, int(p.size * scale))
        draw.text((p.x * scale, p.y * scale), p.text, fill=(20, 20, 20), font=font)
    url = doc.truth.get("verify_url")
    if url and doc.style.get("qr"):
        qr = _qr(str(url))
        img.paste(qr, (width - qr.width - 70, height - qr.height - 70))
    return img


def _qr(payload: str) -> Image.Image:
    buf = io.BytesIO()
    segno.make(payload, error="m").save(buf, kind="png", scale=6, border=2)
    buf.seek(0)
    return Image.open(buf).convert("RGB")


def browser_print(img: Image.Image, doc: Doc, rng: random.Random) -> Image.Image:
    """A browser's print-out of a certificate page: its header (the print date, the page's
    title), its footer (the address, "1/1"); the whole sheet turned a quarter, as a portrait
    printer stores a landscape page."""
    margin = img.height // 10
    sheet = Image.new("RGB", (img.width, img.height + 2 * margin), "white")
    sheet.paste(img, (0, margin))
    draw = ImageDraw.Draw(sheet)
    font = _pil_font("dejavu-sans", "regular", max(14, img.width // 90))
    printed = f"{rng.randint(1, 12)}/{rng.randint(1, 28)}/2025"
    draw.text((40, margin // 3), printed, fill="black", font=font)
    draw.text((img.width // 2, margin // 3), "Certificate | Online course", fill="black", font=font)
    footer = str(doc.truth.get("verify_url") or "https://example.org/dashboard")
    draw.text((40, img.height + margin + margin // 3), footer, fill="black", font=font)
    draw.text((img.width - 120, img.height + margin + margin // 3), "1/1", fill="black", font=font)
    return sheet.rotate(rng.choice([90, 270]), expand=True)


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
    bar = (40, 44, 52) if dark or doc.style.get("dark_bar") else (245, 246, 248)
    draw.rectangle((0, 0, width, 64), fill=bar)
    account = doc.truth.get("learner_name")
    if account:
        light = bar[0] < 100
        font = _pil_font("dejavu-sans", "regular", 18)
        w = draw.textlength(str(account), font=font)
        draw.text((width - w - 40, 22), str(account), fill="white" if light else "black", font=font)
    y = 90.0
    for text, size, style in doc.lines:
        px = int(size * 1.45)
        font = _pil_font("dejavu-sans", style, px)
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


def image_pdf(img: Image.Image, path: Path, quality: int = 85, rotate: int = 0) -> None:
    """One JPEG filling one page; with ``rotate`` the picture is stored turned and the page
    carries ``/Rotate`` to show it upright (as scanners write it)."""
    if rotate:
        img = img.rotate(rotate, expand=True)  # counter-clockwise; /Rotate turns it back
    buf = io.BytesIO()
    img.convert("RGB").save(buf, "JPEG", quality=quality)
    buf.seek(0)
    w, h = (PAGE[1], PAGE[0]) if img.height > img.width else PAGE
    c = canvas.Canvas(str(path), pagesize=(w, h))
    c.setProducer("Udemy certificate service")
    c.drawImage(ImageReader(buf), 0, 0, width=w, height=h)
    c.showPage()
    c.save()
    if rotate:  # set afterwards: reportlab turns the page box too, cutting the picture
        writer = PdfWriter(clone_from=PdfReader(path))
        writer.pages[0].rotation = rotate
        with path.open("wb") as fh:
            writer.write(fh)


# ------------------------------------------------------------------ text PDFs
rl_config.useA85 = 0  # binary streams, as scanners and platforms write them


@cache
def _rl_font(family: str, style: str) -> str:
    name = f"T-{family}-{'bold' if style == 'bold' else 'regular'}"
    pdfmetrics.registerFont(TTFont(name, str(_font_file(family, style))))
    return name


def text_pdf(doc: Doc, path: Path, rng: random.Random) -> None:
    """A certificate with a real text layer; ``doc.style`` picks the quirks to reproduce."""
    w, h = PAGE
    c = canvas.Canvas(str(path), pagesize=(w, h))
    c.setProducer(doc.style.get("producer", "Skia/PDF m120"))
    c.setStrokeColorRGB(0.1, 0.25, 0.5)
    c.setLineWidth(3)
    c.rect(14, 14, w - 28, h - 28)
    family = _family(doc)
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
    font = _pil_font(family, "regular", int(p.size * scale))
    w = int(_width(p.text, family, "regular", p.size) * scale) + 8
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
    font = _pil_font(family, style, int(size * scale))
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
            if doc.style.get("browser_print"):
                image_pdf(as_scan(browser_print(img, doc, rng), rng), path, quality=75)
            else:
                image_pdf(as_scan(img, rng), path, quality=70, rotate=doc.style.get("rotate", 0))
        else:
            photo, orientation = as_photo(img, rng, doc.style.get("orientation"))
            path = item_dir / f"{name}.jpg"
            exif = Image.Exif()
            exif[0x0112] = orientation
            photo.save(path, "JPEG", quality=rng.randint(60, 85), exif=exif.tobytes())
    truth["form"] = form
    truth["axes"] = {k: v for k, v in doc.style.items() if isinstance(v, str | int | float | bool)}
    (item_dir / f"{name}.truth.json").write_text(
        json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    return Item(path, truth)


_SIDEBAR = ["Foundations of Data", "Ask Questions", "Prepare Data", "Process Data", "Analyze"]


def vary(doc: Doc, form: str, rng: random.Random) -> Doc:
    """The axes of layout a document gets, drawn at random (content.py varies the words)."""
    doc.style["family"] = rng.choice(families())
    doc.style["layout"] = rng.choice(["center", "center", "left"])
    doc.style["wrap"] = True
    if doc.style["layout"] == "left" and rng.random() < 0.4:
        doc.style["sidebar"] = True
        doc.style["sidebar_courses"] = rng.sample(_SIDEBAR, 4)
    doc.style["qr"] = rng.random() < 0.3
    if form == "text-pdf":
        doc.style[rng.choice(TEXT_QUIRKS)] = True
    elif form == "scan-pdf":
        roll = rng.random()
        if roll < 0.15:
            doc.style["browser_print"] = True
        elif roll < 0.3:
            doc.style["rotate"] = rng.choice([90, 270])
    return doc


DEFAULT_SEED = 20261125


def generate(
    out: Path,
    count: int = 180,
    seed: int = DEFAULT_SEED,
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
            doc.style["dark_bar"] = rng.random() < 0.5
            if rng.random() < 0.5:  # the account's name in the page's header
                doc.truth["learner_name"] = _account(rng)
        else:
            doc = vary(CERTIFICATES[(n // len(forms)) % len(CERTIFICATES)](rng), form, rng)
        name = f"{n:04d}-{form}-{doc.truth['platform'] or 'generic'}"
        items.append(write_item(out, name, form, doc, rng))
        if progress:
            progress(n + 1)
    return items


def _account(rng: random.Random) -> str:
    return rng.choice(KK_NAMES)[1]


def load(corpus: Path) -> list[Item]:
    items = []
    for truth_path in sorted(corpus.glob("*.truth.json")):
        stem = truth_path.name.removesuffix(".truth.json")
        files = [p for p in corpus.glob(f"{stem}.*") if not p.name.endswith(".truth.json")]
        if len(files) == 1:
            items.append(Item(files[0], json.loads(truth_path.read_text(encoding="utf-8"))))
    return items


def forms_of(items: Sequence[Item]) -> list[str]:
    return sorted({str(i.truth["form"]) for i in items})
