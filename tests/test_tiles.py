"""A tall page is read in tiles: the first, short one in every language; when it holds Latin
letters alone, the rest in English alone (half the time), and a line there that English reads
poorly — Kazakh or Russian text lower on an English page — is read again in every language.
A page whose first tile holds Cyrillic text is read in every language throughout."""

from __future__ import annotations

import itertools
import random
import shutil
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from extractors import ocr
from extractors.layout import Line
from extractors.ocr import OcrSettings, _read_image, tiles
from flows.bench.fonts import pil_font
from flows.bench.words import EN_TITLES, KK_TITLES, RU_TITLES

needs_tesseract = pytest.mark.skipif(
    shutil.which("tesseract") is None, reason="Tesseract is not installed (make test installs it)"
)
SETTINGS = OcrSettings()


@pytest.mark.parametrize("height", [2401, 3000, 3280, 5000, 8722])
@pytest.mark.parametrize("first", [None, 1200])
def test_tiles_cover_the_page_and_overlap(height: int, first: int | None) -> None:
    parts = tiles(Image.new("L", (20, height), 255), SETTINGS, first)
    if height <= SETTINGS.tile_height * 1.25:
        assert [(top, part.height) for top, part in parts] == [(0, height)]
        return
    assert parts[0][0] == 0 and parts[0][1].height == (first or SETTINGS.tile_height)
    assert parts[-1][0] + parts[-1][1].height == height
    for (top, part), (next_top, _) in itertools.pairwise(parts):
        assert top + part.height - next_top == SETTINGS.tile_overlap  # no line cut in two
        assert part.height <= SETTINGS.tile_height


def _page(top: list[str], lower: list[str], rng: random.Random) -> Image.Image:
    """A full-page capture: ``top`` lines from the start, ``lower`` from 2600 px down."""
    font = pil_font(rng.choice(["dejavu-sans", "dejavu-serif"]), "regular", rng.randint(15, 18))
    image = Image.new("L", (rng.randint(1200, 1500), 4400), 255)
    draw = ImageDraw.Draw(image)
    for first_y, lines in ((40, top), (2600, lower)):
        for n, text in enumerate(lines):
            draw.text((40, first_y + 48 * n), text, font=font, fill=0)
    return image


def _found(lines: list[str], read: list[str]) -> float:
    """The share of the lines' words that were read (lines may be read cut in pieces)."""
    words = [w for text in lines for w in text.split()]
    seen = {w for x in read for w in x.split()}
    return sum(w in seen for w in words) / len(words)


@pytest.fixture
def languages(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The languages of every Tesseract call (the real calls, watched)."""
    calls: list[str] = []
    real = ocr.tesseract

    def watched(image: Image.Image | Path, settings: OcrSettings, page: int = 0) -> list[Line]:
        calls.append(settings.languages)
        return real(image, settings, page)

    monkeypatch.setattr(ocr, "tesseract", watched)
    return calls


@needs_tesseract
@pytest.mark.parametrize("seed", [1, 2])
def test_cyrillic_lines_lower_on_an_english_page_are_read_in_cyrillic(
    seed: int, languages: list[str]
) -> None:
    rng = random.Random(seed)
    english = [f"Week {n + 1}: {rng.choice(EN_TITLES)} video lecture" for n in range(30)]
    cyrillic = [f"{n + 1}-сабақ: {t}" for n, t in enumerate(rng.sample(KK_TITLES + RU_TITLES, 10))]
    page = _page(english, cyrillic, rng)
    read = [x.text for x in _read_image(page, SETTINGS, 0, probe=True).lines]
    assert "eng" in languages  # the English tiles were read in English alone
    everywhere = [x.text for x in _read_image(page, SETTINGS, 0).lines]  # every language
    assert _found(english, read) >= _found(english, everywhere) - 0.05 >= 0.9
    assert _found(cyrillic, read) >= _found(cyrillic, everywhere) - 0.1 >= 0.75, read[-12:]


@needs_tesseract
def test_a_page_that_starts_in_cyrillic_is_read_in_every_language(languages: list[str]) -> None:
    rng = random.Random(3)
    russian = [f"Модуль {n + 1}. {rng.choice(RU_TITLES)}" for n in range(30)]
    kazakh = [f"{n + 1}-сабақ: {t}" for n, t in enumerate(rng.sample(KK_TITLES, 8))]
    read = [x.text for x in _read_image(_page(russian, kazakh, rng), SETTINGS, 0, True).lines]
    assert set(languages) == {SETTINGS.languages}
    assert _found(russian, read) >= 0.9 and _found(kazakh, read) >= 0.75
