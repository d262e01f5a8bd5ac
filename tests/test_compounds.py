"""Words of the other script on a page. Hyphenated words of both scripts in Cyrillic titles
("Python-разработка", "IT-маман"): the hyphen is found in the word's image, the halves are
read apart, each in its own script, and no later step turns a half back to the other
script. A Latin account name on a Russian or Kazakh page is read in Latin letters."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from extractors.clean import fix_mixed_script, harmonise_scripts
from extractors.compounds import find_hyphen
from extractors.layout import Line, Word
from extractors.model import Extraction
from extractors.ocr import merge_readings
from extractors.pipeline import Extractor
from flows.bench.corpus import generate, write_item
from flows.bench.fonts import families, pil_font
from flows.bench.scoring import load_generated, same
from flows.bench.words import KK_COMPOUND_TITLES, RU_COMPOUND_TITLES, Doc, truth_of
from flows.datafiles import Catalog


def _word(text: str, family: str, px: int) -> tuple[np.ndarray, tuple[float, float]]:
    """A word drawn black on white, cut to its ink, and where its hyphen's ink lies."""
    font = pil_font(family, "regular", px)
    image = Image.new("L", (px * len(text) + 40, px * 3), 255)
    ImageDraw.Draw(image).text((20, px), text, font=font, fill=0)
    box = image.point(lambda v: 255 - v).getbbox()
    assert box is not None
    at = text.index("-") if "-" in text else 0
    start = 20 + font.getlength(text[:at]) - box[0]
    return np.asarray(image.crop(box)), (start, start + font.getlength("-"))


@pytest.mark.parametrize("px", [14, 20, 28, 40])
@pytest.mark.parametrize(
    "text", ["Python-разработка", "IT-маман", "SQL-запросы", "Excel-таблицы", "бизнес-аналитик"]
)
def test_the_hyphen_is_found_in_a_words_image(text: str, px: int) -> None:
    for family in families():
        gray, (start, end) = _word(text, family, px)
        share = (text.index("-") + 0.5) / len(text)
        found = find_hyphen(gray, share)
        assert found is not None, (family, px)
        assert start - 2 <= found.x0 and found.x1 <= end + 2, (family, px, found, start, end)


@pytest.mark.parametrize(
    "text", ["разработка", "таблицы", "Программирование", "шығармашылық", "Excel", "LT"]
)
def test_a_word_without_a_hyphen_has_none(text: str) -> None:
    """The bar of a т, the foot of an L, the arms of a ж: level strokes, no hyphens."""
    for family in families():
        for px in (14, 24, 40):
            gray, _ = _word(text, family, px)
            assert find_hyphen(gray, 0.4) is None, (family, px)


def test_each_half_keeps_its_own_script() -> None:
    # look-alikes are put right half by half: "Руthоn" is Latin, "разработке" Cyrillic
    assert fix_mixed_script("Руthоn-разработке") == "Python-разработке"
    assert fix_mixed_script("Wеb-әзірлеу") == "Web-әзірлеу"
    assert harmonise_scripts("Полный курс по Python-разработке") == (
        "Полный курс по Python-разработке"
    )
    # a word of one script is as it was
    assert fix_mixed_script("онлаин-курс") == "онлаин-курс"


def _line(text: str, conf: float) -> Line:
    return Line([Word(text, 10, 10, 200, 40, 24, conf)], 0)


def test_a_second_reading_does_not_turn_a_half_to_the_other_script() -> None:
    first = _line("Python-разработке", 0.92)
    assert merge_readings(first, _line("Руіһоп-разработке", 0.91)).text == first.text
    # a reading that keeps the scripts of the halves is taken as any other
    assert merge_readings(first, _line("Python-разработки", 0.95)).text == "Python-разработки"


def _progress_page(title: str, kazakh: bool) -> Doc:
    platform, label = ("skills-enbek", "Курс барысы") if kazakh else ("stepik", "Прогресс по курсу")
    lines = [
        ("Skills Enbek" if kazakh else "Stepik", 16, "bold"),
        (title, 16, "bold"),
        (f"{label}: 60%", 12, "regular"),
        ("1-модуль. Тапсырма орындалды" if kazakh else "Модуль 1. Тема 1", 11, "regular"),
    ]
    truth = truth_of(
        kind="screenshot", platform=platform, progress_percent=60.0, course_title=title
    )
    return Doc(lines, truth, kind="screenshot")


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="Tesseract is not installed")
def test_course_titles_with_words_of_both_scripts_are_read(
    tmp_path: Path, catalog: Catalog
) -> None:
    """Progress pages of Russian and Kazakh courses named with such words, as screenshots:
    every title read as it is written (read as one word, most came back in one script)."""
    extractor = Extractor(list(catalog.platforms.values()))
    items = [
        write_item(tmp_path, f"page-{n}", "screenshot", _progress_page(title, kazakh), rng)
        for n, (title, kazakh) in enumerate(
            [(t, False) for t in RU_COMPOUND_TITLES] + [(t, True) for t in KK_COMPOUND_TITLES]
        )
        for rng in [random.Random(n)]
    ]
    wrong = []
    for item, (_, result) in zip(
        items, extractor.extract_many([i.path for i in items]), strict=True
    ):
        got = result.to_json() if not isinstance(result, Exception) else {}
        wrong += [
            f"{item.path.name}: {name} {got.get(name)!r} != {item.truth[name]!r}"
            for name in ("course_title", "progress_percent")
            if not same(name, got.get(name), item.truth[name])
        ]
    assert not wrong, "\n".join(wrong)


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="Tesseract is not installed")
def test_a_latin_account_name_on_a_russian_or_kazakh_page_is_read_in_latin(
    tmp_path: Path, catalog: Catalog
) -> None:
    """The account's name in the header of the generated corpus's Russian and Kazakh course
    pages, in Latin letters: a name is written in one script, so one read partly in Cyrillic
    look-alikes ("Үепап Zhumabekov") is read again in Latin letters."""
    generate(tmp_path, count=40, seed=7, forms=("screenshot",))
    cases = [
        c
        for c in load_generated(tmp_path)
        if c.truth.get("platform") in ("stepik", "skills-enbek")
        and str(c.truth.get("learner_name") or "").isascii()
        and c.truth.get("learner_name")
    ]
    assert len(cases) >= 4
    extractor = Extractor(list(catalog.platforms.values()))
    wrong = []
    for case, (_, result) in zip(
        cases, extractor.extract_many([c.path for c in cases]), strict=True
    ):
        assert isinstance(result, Extraction), result
        got = result.to_json()["learner_name"]
        if not same("learner_name", got, case.truth["learner_name"]):
            wrong.append(f"{case.path.name}: {got}")
    assert not wrong, "\n".join(wrong)
