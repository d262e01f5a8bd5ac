"""Documents as pictures: certificates rendered, browser print-outs, screenshots, and the
ways a picture degrades (a scan, a phone photo), stored as an image PDF."""

from __future__ import annotations

import io
import random
from pathlib import Path

import segno
from PIL import Image, ImageDraw, ImageFilter, ImageOps
from pypdf import PdfReader, PdfWriter
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from flows.bench.fonts import PAGE, family_of, pil_font, place
from flows.bench.words import Doc


# ------------------------------------------------------------------ certificates as images
def render_certificate(doc: Doc, rng: random.Random, width: int = 2000) -> Image.Image:
    height = int(width * PAGE[1] / PAGE[0])
    scale = width / PAGE[0]
    img = Image.new("RGB", (width, height), (252, 250, 245))
    draw = ImageDraw.Draw(img)
    accent = rng.choice([(20, 60, 120), (120, 30, 40), (30, 90, 60), (60, 60, 60)])
    draw.rectangle((30, 30, width - 30, height - 30), outline=accent, width=8)
    family = family_of(doc)
    for p in place(doc):
        font = pil_font(family, p.style, int(p.size * scale))
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
    font = pil_font("dejavu-sans", "regular", max(14, img.width // 90))
    printed = f"{rng.randint(1, 12)}/{rng.randint(1, 28)}/2025"
    draw.text((40, margin // 3), printed, fill="black", font=font)
    draw.text((img.width // 2, margin // 3), "Certificate | Online course", fill="black", font=font)
    footer = str(doc.truth.get("verify_url") or "https://example.org/dashboard")
    draw.text((40, img.height + margin + margin // 3), footer, fill="black", font=font)
    draw.text((img.width - 120, img.height + margin + margin // 3), "1/1", fill="black", font=font)
    return sheet.rotate(rng.choice([90, 270]), expand=True)


def browser_window(img: Image.Image, doc: Doc, own: random.Random) -> Image.Image:
    """A certificate's page captured with the browser around it, as teachers capture one: tabs,
    the address bar (the certificate's own address when it has one, else the site's start
    page), a bookmarks bar in English, light or dark; the certificate at screen size."""
    width = own.choice([1366, 1440, 1920])
    cert = img.resize((int(width * 0.8), int(img.height * width * 0.8 / img.width)))
    dark = own.random() < 0.4
    chrome, ink = ((32, 33, 36), (232, 234, 237)) if dark else ((241, 243, 244), (32, 33, 36))
    field = (53, 54, 58) if dark else (255, 255, 255)
    shot = Image.new("RGB", (width, cert.height + 180), chrome)
    draw = ImageDraw.Draw(shot)
    font = pil_font("dejavu-sans", "regular", 15)
    draw.rectangle((10, 8, 270, 38), fill=field)
    draw.text((22, 14), own.choice(["Certificate", "My certificate", "Accomplishment"]), fill=ink,
              font=font)  # fmt: skip
    draw.text((290, 14), "New Tab", fill=ink, font=font)
    draw.rounded_rectangle((100, 48, width - 140, 80), 14, fill=field)
    address = str(doc.truth.get("verify_url") or "https://www.google.com/")
    draw.text((122, 55), address.removeprefix("https://"), fill=ink, font=font)
    draw.text((20, 55), "<  >  C", fill=ink, font=font)
    bookmarks = "Bookmarks   Gmail   YouTube   Maps   Translate   News"
    draw.text((20, 96), bookmarks, fill=ink, font=font)
    shot.paste(cert, ((width - cert.width) // 2, 150))
    return shot


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
    _header(draw, doc, width, bar)
    y = 90.0
    for text, size, style in doc.lines:
        px = int(size * 1.45)
        font = pil_font("dejavu-sans", style, px)
        if text.startswith("BANNER:"):
            text = text.removeprefix("BANNER:")
            draw.rectangle((40, y - 14, width - 40, y + px + 16), fill=(31, 131, 84))
            draw.text((64, y), text, fill=(255, 255, 255), font=font)
        elif text.startswith("BAR:"):  # a progress bar, its percentage at its end
            share = float(text.removeprefix("BAR:").rstrip("%")) / 100
            top, length = y + px * 0.3, 420
            draw.rectangle((64, top, 64 + length, top + px * 0.45), fill=(222, 226, 230))
            draw.rectangle((64, top, 64 + length * share, top + px * 0.45), fill=(46, 160, 90))
            draw.text((64 + length + 24, y), text.removeprefix("BAR:"), fill=fg, font=font)
        else:
            draw.text((64, y), text, fill=fg, font=font)
        y += px * gap
    return img


def _header(draw: ImageDraw.ImageDraw, doc: Doc, width: int, bar: tuple[int, int, int]) -> None:
    """The page's header, right: the account's name when the page shows one, and — drawn
    apart from the corpus's sequence, so that no other document of a seed changes — often an
    avatar with initials and the interface's language beside it."""
    draw_for = random.Random(f"{doc.truth.get('course_title')}/header")
    language = draw_for.choice([None, None, "English", "Русский", "Қазақша"])
    avatar = draw_for.random() < 0.5
    ink = "white" if bar[0] < 100 else "black"
    font = pil_font("dejavu-sans", "regular", 18)
    if site := doc.style.get("site"):  # the site's name at the bar's left, its navigation
        name, links = site
        bold = pil_font("dejavu-sans", "bold", 24)
        draw.text((40, 16), name, fill=ink, font=bold)
        draw.text((40 + draw.textlength(name, font=bold) + 80, 22), links, fill=ink, font=font)
    x = width - 40.0
    account = doc.truth.get("learner_name")
    if account:
        x -= draw.textlength(str(account), font=font)
        draw.text((x, 22), str(account), fill=ink, font=font)
        x -= 24
    if avatar:
        initials = "".join(w[0] for w in str(account or "Ali Sadu").split()[:2]).upper()
        draw.ellipse((x - 36, 14, x, 50), fill=(92, 107, 192))
        draw.text((x - 29, 22), initials, fill="white", font=pil_font("dejavu-sans", "bold", 15))
        x -= 60
    if language:
        x -= draw.textlength(language, font=font)
        draw.text((x, 22), language, fill=ink, font=font)


# ------------------------------------------------------------------ degradations
def as_scan(img: Image.Image, rng: random.Random) -> Image.Image:
    gray = ImageOps.grayscale(img).rotate(rng.uniform(-1.5, 1.5), expand=True, fillcolor=250)
    noise = Image.effect_noise(gray.size, rng.uniform(8, 18)).convert("L")
    gray = Image.blend(gray, noise, 0.06)
    return gray.filter(ImageFilter.GaussianBlur(rng.uniform(0.2, 0.6))).convert("RGB")


def as_photo(
    img: Image.Image,
    rng: random.Random,
    orientation: int | None = None,
    filled: float | None = None,
) -> tuple[Image.Image, int]:
    """A phone photo of a printed certificate; returns the image and an EXIF orientation.
    Lying on a table, lit darker towards one corner; or, with ``filled``, the page filling the
    frame (held close, cropped by the phone) in light falling off across it by that share —
    a lamp to one side, the phone's own shadow."""
    margin = int(img.width * 0.08)
    table = Image.new(
        "RGB",
        (img.width + 2 * margin, img.height + 2 * margin),
        (rng.randint(70, 120), rng.randint(70, 120), rng.randint(70, 120)),
    )
    table.paste(img, (margin, margin))
    angle = rng.uniform(-3.5, 3.5)
    photo = table.rotate(
        angle / 2 if filled else angle,
        expand=False,
        resample=Image.Resampling.BICUBIC,
        fillcolor=(80, 80, 80),
    )
    # uneven light: darker towards one corner
    turn = rng.choice([0, 90, 180, 270])
    shade = Image.linear_gradient("L").resize(photo.size).rotate(turn)
    darkening = [rng.uniform(0.15, 0.3) for _ in range(256)]  # per level, as ever drawn
    if filled:  # the page alone, its corners cut (no table in sight), the light falling off
        inset = margin + int(img.width * 0.02)  # a sliver of table may show in a corner
        photo = photo.crop((inset, inset, photo.width - inset, photo.height - inset))
        shade = Image.linear_gradient("L").rotate(turn).resize(photo.size)
        darkening = [filled] * 256
    shade = shade.point(lambda v: int(255 - v * darkening[v]))
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
