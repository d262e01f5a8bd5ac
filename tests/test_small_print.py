"""Small print that Tesseract's page analysis drops — an address and a date at the foot of a
certificate, a third of the body's height, grey when the picture is blurred, beside a drawing
whose dark edge runs down to the foot — is found as unread ink and read again enlarged."""

from __future__ import annotations

import math
import random
import shutil
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from extractors.layout import Line, PageLayout, Word, make_lines
from extractors.ocr import (
    OcrPage,
    OcrSettings,
    merge_lines,
    scripts,
    unread_ink,
    unread_name_lines,
    with_unread_tail,
)
from extractors.pipeline import Extractor
from flows.bench.fonts import pil_font
from flows.datafiles import Catalog

FOOT = 560  # the top of the small print


def _certificate(
    rng: random.Random, blur: float, seal: bool = False
) -> tuple[Image.Image, str, list[Line]]:
    """A Stepik-like certificate 1130 × 640: a drawing down the left edge, large lines, and
    at the foot in 11-pixel letters the certificate's address and its date. With ``seal``, a
    university's: a signature and a round seal with its ring of small letters above the foot,
    and the course's address before the certificate's."""
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
    address = f"https://stepik.org/cert/{cert}"
    if seal:
        _seal_and_signature(draw, rng, small)
        address = f"https://stepik.org/course/{rng.randint(10_000, 99_999)} | {address}"
    draw.text((280, FOOT), address, fill=40, font=small)
    draw.text((960, FOOT), "29.03.2023", fill=40, font=small)
    if blur:
        page = page.filter(ImageFilter.GaussianBlur(blur))
    return page, cert, make_lines(words)


def _seal_and_signature(
    draw: ImageDraw.ImageDraw, rng: random.Random, font: ImageFont.FreeTypeFont
) -> None:
    """Between the last large line and the foot, one below the other: a signature's loops, a
    round seal ringed with small letters, and the flourish under the signature (each a band of
    ink of its own, as tall as a line)."""
    draw.line([(560 + 14 * k, 386 + rng.randint(-12, 12)) for k in range(16)], fill=50, width=2)
    cx, cy, r = 700 + rng.randint(-30, 30), 455, 42
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=90, width=3)
    for n, letter in enumerate("МИНИСТЕРСТВО НАУКИ И ОБРАЗОВАНИЯ"):
        angle = math.radians(n * 360 / 32)
        x, y = cx + (r - 9) * math.cos(angle), cy + (r - 9) * math.sin(angle)
        draw.text((x - 3, y - 5), letter, fill=100, font=font)
    draw.arc((540, 506, 900, 546), 190, 350, fill=60, width=3)
    draw.text((800, 440), "Директор Центра", fill=20, font=pil_font("free-serif", "bold", 20))


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


@pytest.mark.parametrize("seed", [3, 4])
def test_the_foot_line_outranks_a_seal_and_a_signature(seed: int) -> None:
    """More bands of unread ink than are read again: the line of characters is kept before
    the seal's rim and the signature's loops (many pieces of ink across, not few)."""
    page, _, lines = _certificate(random.Random(seed), 0.8, seal=True)
    everything = unread_ink(page, PageLayout(0, page.width, page.height, lines), most=20)
    assert len(everything) > 3, everything  # the seal and the signature are bands too
    bands = unread_ink(page, PageLayout(0, page.width, page.height, lines))
    assert len(bands) == 3 and any(box[1] <= FOOT + 6 <= box[3] for box, _ in bands), bands


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_line_read_again_poorly_gives_its_words_read_surely(seed: int) -> None:
    """The foot read again: the course's address blurred past reading, the certificate's
    address read surely beside it. The line's confidence, on the whole, is below what is
    taken; the sure address is taken alone, the garbage is not, and a line with no sure word
    adds nothing."""
    rng = random.Random(seed)
    cert = str(rng.randint(1_000_000, 2_999_999))
    page, _, lines = _certificate(rng, 0.8, seal=True)
    layout = PageLayout(0, page.width, page.height, lines)
    top, bottom = FOOT, FOOT + 13
    garbage = "".join(rng.choice("Іінгзтеркогусмз/-") for _ in range(rng.randint(40, 48)))
    poor = Line(
        [
            Word(garbage, 280, top, 520, bottom, 13, rng.uniform(0.05, 0.2)),
            Word("|", 526, top, 530, bottom, 13, 0.3),
            Word(f"https://stepik.org/cert/{cert}", 536, top, 760, bottom, 13, 0.82),
        ],
        0,
    )
    assert poor.conf < 0.5
    smudge = Line([Word("—_——_—", 560, 520, 700, 534, 14, 0.07)], 0)
    merged = merge_lines(layout, [poor, smudge])
    added = [x for x in merged.lines if x not in lines]
    assert [x.text for x in added] == [f"https://stepik.org/cert/{cert}"]


def test_words_read_surely_amid_a_garbled_line_are_not_taken() -> None:
    """A name in a script face read again: a few words come back surely between words read
    poorly on both sides ("Olbanoba Mapua He lempobna" for "Иванова Мария Петровна"); they
    are not a name of their own, and a line whose words are only fairly sure adds nothing."""
    layout = PageLayout(0, 800, 600, [Line([Word("СЕРТИФИКАТ", 300, 40, 500, 80, 40)], 0)])
    garbled = Line(
        [
            Word("Olbanoba", 200, 200, 330, 250, 50, 0.19),
            Word("Mapua", 340, 200, 440, 250, 50, 0.8),
            Word("He", 450, 200, 490, 250, 50, 0.82),
            Word("lempobna", 500, 200, 640, 250, 50, 0.31),
        ],
        0,
    )
    fair = Line(
        [
            Word("soba", 200, 300, 260, 340, 40, 0.6),
            Word("Mapua", 270, 300, 360, 340, 40, 0.64),
            Word("Серов", 370, 300, 460, 340, 40, 0.0),
        ],
        0,
    )
    assert garbled.conf < 0.5 and fair.conf < 0.5
    assert merge_lines(layout, [garbled, fair]).lines == layout.lines


def _link_foot(rng: random.Random, beside: str = "") -> tuple[Image.Image, Line, int]:
    """A foot line 'Verify at: https://coursera.org/verify/ID', underlined as a link, whose ID
    a first reading dropped (the line read ends after 'verify/'); ``beside`` is printed two
    and a half letters' height after the ID."""
    page = Image.new("L", (1200, 200), 255)
    draw = ImageDraw.Draw(page)
    font = pil_font("free-sans", "regular", 14)
    ident = "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(12))
    head = "https://coursera.org/verify/"
    x = 300 + rng.randint(0, 80)
    draw.text((x, 100), head + ident, fill=30, font=font)
    end = x + round(draw.textlength(head + ident, font=font))
    draw.line([(x, 117), (end, 117)], fill=30, width=1)
    if beside:
        draw.text((end + 35, 100), beside, fill=30, font=font)
    read_to = x + round(draw.textlength(head, font=font))
    return page, Line([Word(head, x, 101, read_to, 115, 14, 0.12)], 0), end


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_line_that_promises_more_is_cut_out_with_the_ink_it_runs_on_into(seed: int) -> None:
    page, line, end = _link_foot(random.Random(seed))
    wide = with_unread_tail(line, page)
    assert end - 2 <= wide.x1 <= end + 3  # the ID's ink, up to its last letter
    assert wide.text == line.text and wide.x0 == line.x0


def test_the_tail_stops_at_a_gap_and_a_whole_address_is_not_widened() -> None:
    page, line, end = _link_foot(random.Random(4), beside="Help Center")
    assert with_unread_tail(line, page).x1 <= end + 3  # not across the gap to the next words
    whole = Line([replace(line.words[0], text="https://coursera.org/verify/ABC")], 0)
    assert with_unread_tail(whole, page) is whole  # nothing promised: a seal is not its end


def test_a_line_read_as_garbage_does_not_hide_the_small_print_under_its_box() -> None:
    """A logo's line that Tesseract ran on over the small print beside it ("Udemy … oan", one
    line as tall as the logo): its box covers the print, but what was read there is garbage,
    so the print is still unread ink."""
    page, _, lines = _certificate(random.Random(6), 0.0)
    garbage = Line([Word("oan", 270, FOOT - 40, 1100, FOOT + 40, 80, 0.31)], 0)
    bands = unread_ink(page, PageLayout(0, page.width, page.height, [*lines, garbage]))
    assert any(box[1] <= FOOT + 6 <= box[3] for box, _ in bands), bands
    read = Line([replace(garbage.words[0], text="Udemy", conf=0.9)], 0)
    bands = unread_ink(page, PageLayout(0, page.width, page.height, [*lines, read]))
    assert not any(box[1] <= FOOT + 6 <= box[3] for box, _ in bands), bands  # read is read


def test_a_latin_name_read_with_cyrillic_letters_is_a_line_to_read_again() -> None:
    """A learner's name no anchor took because OCR read a word of it in Cyrillic look-alikes
    and a digit ("Ahmad Nur 5уаПа bin Rahman" for "… Syafiq …", a bold serif): large type,
    Latin but for that word — read again in Latin letters alone. Not a Russian name, not
    the page's body, not a code with a digit in it."""
    page = _page(
        ("udemy", 40, 30),
        ("ABSCHLUSSZERTIFIKAT", 90, 18),
        ("SQL for Data Science", 140, 40),
        ("Kursleiter Jose Portilla", 200, 18),
        ("Ahmad Nur 5уаПа bin Rahman", 240, 40),
        ("Иванов Сергей Петрович", 300, 40),
        ("Datum 15. Juni 2024", 360, 18),
        ("Lange 31,5 Gesamtstunden", 380, 18),
        ("Certificate no: UC-e272738a-c307 ЗА1", 400, 16),
        ("Certificate url: ude.my/UC-e272738a-c307", 420, 16),
    )
    assert [x.text for x in unread_name_lines(page)] == ["Ahmad Nur 5уаПа bin Rahman"]


def _page(*rows: tuple[str, float, float]) -> PageLayout:
    """A page read by OCR: rows of (text, top, height), each word half an em wide a letter."""
    words = []
    for text, top, size in rows:
        x = 60.0
        for part in text.split():
            words.append(Word(part, x, top, x + 0.5 * size * len(part), top + size, size, 0.9))
            x += 0.5 * size * (len(part) + 1)
    return PageLayout(0, 1200.0, 800.0, make_lines(words))


def test_a_latin_account_name_beside_a_cyrillic_word_is_read_again_alone() -> None:
    """A Kazakh page's header: the interface's language and the account's Latin name on one
    line, the name's first word read in Cyrillic look-alikes ("Қазақша Аптап Seiitkali").
    The name's script decides (the line's is Cyrillic), and only the name's words change:
    the language's word stays as read, whatever the Latin reading makes of it."""
    image = Image.new("L", (900, 120), 255)
    draw = ImageDraw.Draw(image)
    font = pil_font("free-sans", "regular", 34)
    x, words = 30.0, []
    for part, read_as in (("Қазақша", "Қазақша"), ("Arman", "Аптап"), ("Seiitkali", "Seiitkali")):
        draw.text((x, 40), part, fill=20, font=font)
        width = draw.textlength(part, font=font)
        words.append(Word(read_as, x, 40, x + width, 80, 34, 0.9))
        x += width + 14
    line = make_lines(words)[0]
    page = OcrPage(PageLayout(0, 900.0, 120.0, [line]), image)
    named = scripts(page, [line], OcrSettings(), [line], "Аптап Seiitkali")
    assert [w.text for w in named.layout.lines[0].words] == ["Қазақша", "Arman", "Seiitkali"]
    # without the name, the line's script (Cyrillic) leaves it as read
    left = scripts(page, [line], OcrSettings(), [line])
    assert left.layout.lines[0].text == "Қазақша Аптап Seiitkali"


def _drawn_line(parts: Sequence[tuple[str, str]], width: int = 900) -> tuple[OcrPage, Line]:
    """A line drawn in a sans-serif face, each word as OCR is said to have read it."""
    image = Image.new("L", (width, 120), 255)
    draw = ImageDraw.Draw(image)
    font = pil_font("free-sans", "regular", 34)
    x, words = 30.0, []
    for part, read_as in parts:
        draw.text((x, 40), part, fill=20, font=font)
        end = x + draw.textlength(part, font=font)
        words.append(Word(read_as, x, 40, end, 80, 34, 0.9))
        x = end + 14
    line = make_lines(words)[0]
    return OcrPage(PageLayout(0, float(width), 120.0, [line]), image), line


def test_a_cyrillic_name_with_a_word_read_in_latin_letters_is_read_again_in_cyrillic() -> None:
    """ "Cepnk Жанибеков": the name is Cyrillic by most letters, and its n and k are no
    look-alikes of и and к that a table could put right: the word is read again in the
    page's Cyrillic languages alone."""
    page, line = _drawn_line([("Серик", "Cepnk"), ("Жанибеков", "Жанибеков")])
    named = scripts(page, [line], OcrSettings(), [line], "Cepnk Жанибеков")
    assert named.layout.lines[0].text == "Серик Жанибеков"


def test_a_name_changes_script_whole_or_not_at_all() -> None:
    """A Cyrillic name on a page OCR counted Latin (a browser's English tabs and bookmarks
    around a Russian certificate) is read again in Latin letters; a word that comes back
    unsure leaves the whole name as read, never half in each script ("Cepnk Жанибеков")."""
    page, line = _drawn_line([("Серик", "Серик"), ("Жанибеков", "Жанибеков")])
    tabs = [Word(w, 30 + 150 * i, 5, 130 + 150 * i, 25, 20, 0.95) for i, w in
            enumerate(["Bookmarks", "Gmail", "YouTube", "Translate", "News"])]  # fmt: skip
    layout = PageLayout(0, 900.0, 120.0, [*make_lines(tabs), line])
    named = scripts(OcrPage(layout, page.image), [line], OcrSettings(), [line], "Серик Жанибеков")
    assert named.layout.lines[-1].text == "Серик Жанибеков"
