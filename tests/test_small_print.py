"""Small print that Tesseract's page analysis drops — an address and a date at the foot of a
certificate, a third of the body's height, grey when the picture is blurred, beside a drawing
whose dark edge runs down to the foot — is found as unread ink and read again enlarged."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFilter

from extractors.layout import Line, PageLayout, Word, make_lines
from extractors.ocr import unread_ink
from extractors.pipeline import Extractor
from flows.bench.fonts import pil_font
from flows.datafiles import Catalog

FOOT = 560  # the top of the small print


def _certificate(rng: random.Random, blur: float) -> tuple[Image.Image, str, list[Line]]:
    """A Stepik-like certificate 1130 × 640: a drawing down the left edge, large lines, and
    at the foot in 11-pixel letters the certificate's address and its date."""
    page = Image.new("L", (1130, 640), 255)
    draw = ImageDraw.Draw(page)
    draw.rectangle((0, 0, 230, 640), fill=205)  # a pale drawing …
    draw.rectangle((128, 120, 136, 640), fill=30)  # … with a dark stroke down to the foot
    cert = str(rng.randint(1_000_000, 2_999_999))
    large = pil_font("free-sans", "regular", 30)
    rows = [
        ("stepik", 40, 34),
        ("Настоящий сертификат подтверждает, что", 150, 22),
        ("Астраханцева Олеся", 200, 34),
        ("успешно завершил/а курс", 290, 22),
        ("Тестирование ПО: Postman для тестирования API", 330, 30),
    ]
    words: list[Word] = []
    for text, top, size in rows:
        draw.text((280, top), text, fill=20, font=pil_font("free-sans", "regular", size))
        x = 280.0
        for part in text.split():  # the lines a first reading got, with their boxes
            w = draw.textlength(part, font=large) * size / 30
            words.append(Word(part, x, top, x + w, top + size, size, 0.92))
            x += w + size * 0.3
    small = pil_font("free-sans", "regular", 13)
    draw.text((280, FOOT), f"https://stepik.org/cert/{cert}", fill=40, font=small)
    draw.text((960, FOOT), "29.03.2023", fill=40, font=small)
    if blur:
        page = page.filter(ImageFilter.GaussianBlur(blur))
    return page, cert, make_lines(words)


@pytest.mark.parametrize("blur", [0.0, 0.8, 1.0])
def test_small_print_beside_a_drawing_is_unread_ink_of_its_own_height(blur: float) -> None:
    page, _, lines = _certificate(random.Random(5), blur)
    bands = unread_ink(page, PageLayout(0, page.width, page.height, lines))
    feet = [(box, height) for box, height in bands if box[1] <= FOOT + 6 <= box[3]]
    assert feet, bands
    (box, height), *_ = feet
    assert 6 <= height <= 20  # the small print's own height, not the drawing's
    assert box[0] < 300 and box[2] > 1000  # the address and the date, not the drawing


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="Tesseract is not installed")
@pytest.mark.parametrize("seed", [1, 2])
def test_a_blurred_certificates_address_at_its_foot_is_read(
    tmp_path: Path, catalog: Catalog, seed: int
) -> None:
    page, cert, _ = _certificate(random.Random(seed), 0.8)
    path = tmp_path / "blurred.jpg"
    page.save(path, quality=85)
    result = Extractor(list(catalog.platforms.values())).extract(path)
    assert result.certificate_id == cert
    assert result.verify_url == f"https://stepik.org/cert/{cert}"
