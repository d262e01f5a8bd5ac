"""Extraction rules without OCR: pages sketched as words with boxes (as the PDF text layer and
Tesseract both give them) go through the same field reader as real files; dates, text repairs,
identifiers and the glyph rule for O/0 are checked on their own."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from functools import partial
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from extractors.anchors import AnchorError, Reading, load_reading
from extractors.clean import (
    clean_page,
    harmonise_scripts,
    join_letter_spacing,
    latin,
    normalize_word,
    rejoin_ligatures,
)
from extractors.dates import find_dates
from extractors.fields import values
from extractors.fields.identifiers import alternates, joined_tails, lookalikes, repair
from extractors.fields.kind import classify
from extractors.fields.reader import read_fields
from extractors.glyphs import decide, word_glyphs
from extractors.layout import Document, Line, PageLayout, Word, make_lines
from extractors.model import EvidenceKind, Extraction, TextSource
from extractors.models import english_words
from extractors.ocr import _marked, merge_readings
from extractors.platforms import PlatformMatcher, build_matchers, detect_platform
from flows.datafiles import Catalog

WIDTH = 800.0
Row = tuple[str, float, float] | tuple[str, float, float, str | float]


@pytest.fixture(scope="module")
def reading(catalog: Catalog) -> Reading:
    return load_reading(platform_ids=set(catalog.platforms))


@pytest.fixture(scope="module")
def matchers(catalog: Catalog, reading: Reading) -> list[PlatformMatcher]:
    return build_matchers(list(catalog.platforms.values()), reading.wordings)


def sketch(*rows: Row, ocr: bool = False, barcodes: Sequence[str] = ()) -> Document:
    """A page from rows of (text, top, font size[, left|center|right]): each word gets a box
    half an em wide per letter, as a proportional font sets it."""
    words = []
    for text, top, size, *where in rows:
        parts = text.split()
        width = sum(len(p) * 0.5 * size for p in parts) + 0.3 * size * (len(parts) - 1)
        align = where[0] if where else "center"
        x = (  # or where it begins
            float(align)
            if isinstance(align, int | float)
            else {"left": 60.0, "center": (WIDTH - width) / 2, "right": WIDTH - 60 - width}[align]
        )
        for part in parts:
            w = len(part) * 0.5 * size
            words.append(Word(part, x, top, x + w, top + size, size, 0.96 if ocr else 1.0))
            x += w + 0.3 * size
    page = PageLayout(0, WIDTH, 600.0, make_lines(words))
    source = TextSource.OCR if ocr else TextSource.PDF_TEXT
    return Document([page], source, from_image=ocr, barcodes=list(barcodes))


Read = Callable[..., Extraction]  # rows → the fields read (ocr=, barcodes= as for sketch)


@pytest.fixture
def read(reading: Reading, matchers: list[PlatformMatcher]) -> Read:
    def _read(*rows: Row, ocr: bool = False, barcodes: Sequence[str] = ()) -> Extraction:
        return read_fields(sketch(*rows, ocr=ocr, barcodes=barcodes), reading, matchers)

    return _read


COURSERA_HEAD: tuple[Row, ...] = (
    ("coursera", 40, 16, "left"),
    ("Aug 30, 2024", 100, 12, "left"),
    ("Aliya Saduakassova", 160, 28, "left"),
    ("has successfully completed", 210, 12, "left"),
    ("Machine Learning", 240, 24, "left"),
)


# ------------------------------------------------------------------ dates and text repairs
@pytest.mark.parametrize(
    ("text", "order", "expected"),
    [
        ("04/22/2020", "mdy", date(2020, 4, 22)),
        ("15 de março de 2024", None, date(2024, 3, 15)),
        ("course on O5th Jun 2023", None, date(2023, 6, 5)),  # OCR's O for a day's 0
        ("05-Jun-2023", None, date(2023, 6, 5)),
        ("June 5 , 2023", None, date(2023, 6, 5)),  # OCR's space before the comma
        ("1 de maio de 2022", None, date(2022, 5, 1)),
        ("15 de marco de 2024", None, date(2024, 3, 15)),  # OCR without Portuguese
        ("15 Mart 2024", None, date(2024, 3, 15)),
        ("3 Kasım 2023", None, date(2023, 11, 3)),
        ("15. Marz 2024", None, date(2024, 3, 15)),  # OCR without German
        ("Aug 30, 2024", None, date(2024, 8, 30)),
        ("Sept. 25, 2016", None, date(2016, 9, 25)),
        ("Issued January 5th, 2015", None, date(2015, 1, 5)),
        ("12.11.2024", None, date(2024, 11, 12)),
        ("25 ноября 2024 г.", None, date(2024, 11, 25)),
        ("2024 жылғы 25 қараша", None, date(2024, 11, 25)),
        ("25.11.2024 ж.", None, date(2024, 11, 25)),
        ("2026 жылғы 25 қарашадағы", None, date(2026, 11, 25)),
        ("1 мая 2023 г.", None, date(2023, 5, 1)),
        ("2024-11-25", None, date(2024, 11, 25)),
        ("22/04/2020", None, date(2020, 4, 22)),  # the day cannot be a month
        ("22-04-2020", None, date(2020, 4, 22)),
        ("2023/11/05", None, date(2023, 11, 5)),  # the year first: year, month, day
        ("2023.11.05", None, date(2023, 11, 5)),
        ("5th of November 2023", None, date(2023, 11, 5)),
        ("Given this 5th day of November, 2023", None, date(2023, 11, 5)),
        ("«05» ноября 2023 г.", None, date(2023, 11, 5)),  # official forms quote the day
        ("2023 жылғы «05» қараша", None, date(2023, 11, 5)),
        ("3 дек. 2021 г.", None, date(2021, 12, 3)),  # a Russian interface's short months
        ("5 нояб. 2023 г.", None, date(2023, 11, 5)),
        ("5 мар. 2020 г.", None, date(2020, 3, 5)),
        ("5 қар. 2023 ж.", None, date(2023, 11, 5)),  # a Kazakh interface's
        ("2023 ж. 5 қараша", None, date(2023, 11, 5)),
        ("05.11.2023ж.", None, date(2023, 11, 5)),  # the year's letter glued to it
        ("12.012024", None, date(2024, 1, 12)),  # a dot lost in small print
        ("1201.2024", None, date(2024, 1, 12)),
        ("30.092021", None, date(2021, 9, 30)),
        ("5 de nov. de 2023", None, date(2023, 11, 5)),
        ("14 травня 2021 р.", None, date(2021, 5, 14)),  # Ukrainian
        ("12 грудня 2023", None, date(2023, 12, 12)),
        ("Ақтау қ., 2024 жылғы «<3» сәуір", None, date(2024, 4, 3)),  # a speck by the quote
        ("15.03.24", None, date(2024, 3, 15)),  # the year in two digits
        ("15/03/24", None, date(2024, 3, 15)),
        ("03/15/24", None, date(2024, 3, 15)),
        ("05/04/23", "mdy", date(2023, 5, 4)),
        ("Дата выдачи: 05.11.23г.", None, date(2023, 11, 5)),
        ("Napoli, 10 ottobre 2022", None, date(2022, 10, 10)),  # Italian
        ("em 11 de novembro de 2022", None, date(2022, 11, 11)),
        # Kazakh in the Latin alphabet: 2021's letters, 2018's, and as OCR drops the marks
        ("Berılgen künı: 2024 jylğy 5 qaraşa", None, date(2024, 11, 5)),
        ("2023 jylǵy 12 sáýir", None, date(2023, 4, 12)),
        ("14 şılde 2021", None, date(2021, 7, 14)),
        ("3 qyrkuiek 2022 j.", None, date(2022, 9, 3)),
        ("2020 jylgy 1 jeltoqsan", None, date(2020, 12, 1)),
    ],
)
def test_dates_as_certificates_write_them(text: str, order: str | None, expected: date) -> None:
    [found] = find_dates(normalize_word(text), order)
    assert found.value == expected


@pytest.mark.parametrize("text", ["31.132024", "3.102019", "12012024", "v1.12019", "45.012024"])
def test_digits_that_only_a_lost_dot_would_make_a_date_are_none(text: str) -> None:
    assert find_dates(text) == []


@pytest.mark.parametrize(
    "text", ["version 2.10.23", "3/10/20 items", "v1.15.03.24", "ID 12-05-23-7781", "1.05.12.24"]
)
def test_short_numbers_that_are_not_a_two_digit_years_date(text: str) -> None:
    """A date whose year has two digits is written with two for the day and the month, and
    stands alone: a version number, a count or a longer code is not one."""
    assert find_dates(text) == []


def test_ambiguous_slash_date_is_left_unread_without_the_platforms_order() -> None:
    [found] = find_dates("05/04/2021", None)
    assert found.value is None
    assert find_dates("05/04/2021", "dmy")[0].value == date(2021, 4, 5)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("This certi\ufffdcate is issued", "This certificate is issued"),
        ("The ﬁnal ﬂow", "The final flow"),
        ("authorized bydeeplearning.aiand offered", "authorized by deeplearning.ai and offered"),
    ],
)
def test_text_repairs(raw: str, clean: str) -> None:
    assert normalize_word(raw) == clean


def test_a_ligature_the_text_layer_dropped_is_rejoined_by_the_word_list() -> None:
    """Where the layer wrote no space but left a gap (the glyph's width), the ligature's
    letters that make an English word; a layer without spaces: a gap wider than its spaces."""

    def line(*words: tuple[str, float, bool | None]) -> Line:
        out, x = [], 0.0
        for text, gap, spaced in words:
            x += gap
            out.append(Word(text, x, 0, x + 6 * len(text), 12, 12, spaced=spaced))
            x += 6 * len(text)
        return Line(out)

    words = english_words()
    cut = line(("Classi", 0, None), ("cation", 6, False), ("of", 5, True), ("Images", 5, True))
    assert rejoin_ligatures(cut, words).text == "Classification of Images"
    spaced = line(("Classi", 0, None), ("cation", 6, True), ("of", 5, True), ("Images", 5, True))
    assert rejoin_ligatures(spaced, words).text == "Classi cation of Images"
    unknown = line(("Zorb", 0, None), ("quux", 6, False), ("of", 5, True), ("Images", 5, True))
    assert rejoin_ligatures(unknown, words).text == "Zorb quux of Images"  # no "Zorbfiquux"
    no_spaces = line(("Classi", 0, None), ("cation", 9, None), ("of", 5, None), ("Images", 5, None))
    assert rejoin_ligatures(no_spaces, words).text == "Classification of Images"
    a_space = line(("Classi", 0, None), ("cation", 5, None), ("of", 5, None), ("Images", 5, None))
    assert rejoin_ligatures(a_space, words).text == "Classi cation of Images"


def test_mixed_scripts_from_ocr() -> None:
    assert harmonise_scripts("Соursera has соnfirmed") == "Coursera has confirmed"
    assert harmonise_scripts("Нұрсұлтaн Маратұлы") == "Нұрсұлтан Маратұлы"
    # a Kazakh line: "i" and "k" are look-alikes of "і" and "к" as well; a Russian one keeps "Pi"
    assert harmonise_scripts("Өтепов Cepik") == "Өтепов Серік"
    assert harmonise_scripts("Введение в Raspberry Pi") == "Введение в Raspberry Pi"
    assert latin("https://соursera.оrg/verify/АВС123") == "https://coursera.org/verify/ABC123"


# ------------------------------------------------------------------ fields by layout
def test_a_coursera_certificate(read: Read) -> None:
    result = read(
        *COURSERA_HEAD,
        (
            "an online non-credit course authorized by Stanford and offered through Coursera",
            280,
            10,
            "left",
        ),
        ("Verify at coursera.org/verify/ABCDEF123456", 560, 9, "right"),
    )
    assert result.kind is EvidenceKind.CERTIFICATE and result.platform == "coursera"
    assert result.learner_name == "Aliya Saduakassova"
    assert result.course_title == "Machine Learning"
    assert result.issued_on == date(2024, 8, 30)
    assert result.certificate_id == "ABCDEF123456"
    assert result.verify_url == "https://coursera.org/verify/ABCDEF123456"
    assert result.hours is None and any(w.startswith("hours:") for w in result.warnings)


def test_coursera_in_russian_with_a_title_over_two_lines(read: Read) -> None:
    result = read(
        ("coursera", 40, 16, "left"),
        ("1 марта 2024 г.", 100, 12, "left"),
        ("Айгерим Нурланова", 160, 28, "left"),
        ("Учащийся успешно прошел онлайн-курс без права на зачетные единицы", 210, 12, "left"),
        ("Основы программирования на Python для анализа", 240, 22, "left"),
        ("данных и машинного обучения", 268, 22, "left"),
        ("Подтвердить сертификат: coursera.org/verify/XK7PQ2M9ZL4T", 560, 9, "right"),
    )
    assert result.learner_name == "Айгерим Нурланова"
    assert result.course_title == (
        "Основы программирования на Python для анализа данных и машинного обучения"
    )
    assert result.issued_on == date(2024, 3, 1)
    assert result.certificate_id == "XK7PQ2M9ZL4T"


def test_edx_kazakh_and_stepik_wordings(read: Read) -> None:
    edx = read(
        ("This is to certify that", 100, 14),
        ("Arman Seiitkali", 140, 30),
        ("successfully completed and received a passing grade in", 190, 14),
        ("PH125.1x: Data Science: R Basics", 220, 22),
        (
            "a course of study offered by HarvardX, an online learning initiative of Harvard "
            "University through edX.",
            260,
            11,
        ),
    )
    assert edx.platform == "edx" and edx.learner_name == "Arman Seiitkali"
    assert edx.course_title is not None and edx.course_title.endswith("Data Science: R Basics")
    kk = read(
        ("СЕРТИФИКАТ", 60, 30),
        ("Осымен расталады:", 120, 14),
        ("Сәдуақасова Әлия", 150, 26),
        ("«Цифрлық сауаттылық» онлайн-курсын сәтті аяқтады", 200, 14),
        ("Берілген күні: 2024 жылғы 25 қараша", 500, 11, "left"),
    )
    assert kk.learner_name == "Сәдуақасова Әлия" and kk.course_title == "Цифрлық сауаттылық"
    assert kk.issued_on == date(2024, 11, 25) and kk.platform is None
    assert any(w.startswith("platform:") for w in kk.warnings)
    stepik = read(
        ("Stepik", 40, 16, "left"),
        ("Сертификат", 100, 30),
        ("Настоящим подтверждается, что", 150, 14),
        ("Ерлан Бекович Ахметов", 180, 26),
        ("успешно завершил/а курс", 230, 14),
        ("«Алгоритмы: теория и практика.", 260, 20),
        ("Методы»", 285, 20),
        ("Всего 19ч", 400, 12),
        ("stepik.org/cert/1234567", 560, 9, "right"),
    )
    assert stepik.learner_name == "Ерлан Бекович Ахметов"  # three words, not glued
    assert stepik.course_title == "Алгоритмы: теория и практика. Методы"  # not "/а курс"
    assert stepik.hours == 19.0 and stepik.certificate_id == "1234567"


def _spaced(read: Read, *texts: str) -> Extraction:
    """Lines far enough apart that each is its own block, as certificates space them; "#"
    marks the large line of a name or a title."""
    rows = ((t.lstrip("#"), 60 + 70 * n, 26 if t[0] == "#" else 14) for n, t in enumerate(texts))
    return read(*rows)


def test_unlisted_issuers_wordings_line_by_line(read: Read) -> None:
    """Issuers not on the list, each line its own block as such certificates space them: a few
    of the issuer's words between the verb and the kind of course ("the free online course
    on", "the self-paced learning path", "for completing the online course"); Russian
    "освоила онлайн-курс" and a retraining diploma; Kazakh "«…» онлайн-курсын" with its verb
    on the next line; Spanish "Curso completado por"."""

    spaced = partial(_spaced, read)

    free = spaced(
        "Certificate of Completion",
        "This is to certify that",
        "#Dana Umbetova",
        "has successfully completed the free online course on",
        "#Python for Data Science",
        "Issued on: 14th June 2022",
    )
    assert (free.learner_name, free.course_title, free.issued_on) == (
        "Dana Umbetova",
        "Python for Data Science",
        date(2022, 6, 14),
    )
    path = spaced("#Timur Akhmetov", "has completed the self-paced learning path", "#Azure Basics")
    assert (path.learner_name, path.course_title) == ("Timur Akhmetov", "Azure Basics")
    presented = spaced(
        "CERTIFICATE",
        "is presented to",
        "#Zhanar Ospanova",
        "for completing the online course",
        "#Project Management Essentials",
        "December 1st, 2023",
    )
    assert presented.course_title == "Project Management Essentials"
    assert presented.learner_name == "Zhanar Ospanova"
    online = spaced(
        "СЕРТИФИКАТ",
        "Подтверждает, что",
        "#Асель Касымова",
        "освоила онлайн-курс",
        "#«Общая физика. Механика»",
        "Дата выдачи: 12.12.2022",
    )
    assert (online.learner_name, online.course_title) == (
        "Асель Касымова",
        "Общая физика. Механика",
    )
    diploma = spaced(
        "ДИПЛОМ",
        "Настоящий диплом свидетельствует о том, что",
        "#Ахметова Динара Болатовна",
        "прошла профессиональную переподготовку по программе",
        "#«Аналитик данных»",
        "в объёме 520 часов",
    )
    assert (diploma.course_title, diploma.hours) == ("Аналитик данных", 520.0)
    kk = spaced(
        "СЕРТИФИКАТ",
        "Осы сертификат",
        "#Сейітов Нұрлан Ержанұлы",
        "«Python бағдарламалау негіздері» онлайн-курсын",
        "сәтті аяқтағанын растайды",
        "Берілген күні: 2024 жылғы 15 мамыр",
    )
    assert kk.course_title == "Python бағдарламалау негіздері"
    assert kk.learner_name == "Сейітов Нұрлан Ержанұлы" and kk.issued_on == date(2024, 5, 15)
    es = spaced("Curso completado por", "#Ana María López", "12 de mayo de 2022")
    assert es.kind is EvidenceKind.CERTIFICATE and es.learner_name == "Ana María López"
    assert es.issued_on == date(2022, 5, 12)


def test_more_unlisted_issuers_wordings(read: Read) -> None:
    """ "in recognition of the successful completion of"; "has completed" alone on its line;
    a diploma "awarded" for passing a course; a qualification certificate "по дополнительной
    профессиональной программе"; Kazakh "«…» курсы бойынша оқудан өтті" and "«…»
    онлайн-курстан өтті" under the name; "for successfully completing the" ending its line."""

    spaced = partial(_spaced, read)

    recognition = spaced(
        "Certificate of Completion",
        "awarded to",
        "#Gulnara Abenova",
        "in recognition of the successful completion of",
        "#Cloud Computing Basics",
        "Awarded: Nov 5, 2023",
    )
    assert (recognition.learner_name, recognition.course_title) == (
        "Gulnara Abenova",
        "Cloud Computing Basics",
    )
    alone = spaced("#Yerbol Kassenov", "has completed", "#Machine Learning Foundations")
    assert alone.course_title == "Machine Learning Foundations"
    for article, course in (  # the course on the line below the article
        ("the", "Data Analyst Nanodegree Program"),
        ("a", "Data Analyst Nanodegree Program"),
        ("an", "Applied Data Analysis Program"),
    ):
        completing = spaced(
            "Certificate of completion awarded to",
            "#Daniyar Seitkali",
            f"for successfully completing {article}",
            f"#{course}",
            "Issued on April 4, 2020",
        )
        assert completing.course_title == course
    awarded = spaced(
        "ДИПЛОМ",
        "награждается",
        "#Ким Виктория Олеговна",
        "за успешное прохождение курса",
        "#«Финансовая грамотность»",
        "12 марта 2024 г.",
    )
    assert (awarded.learner_name, awarded.course_title) == (
        "Ким Виктория Олеговна",
        "Финансовая грамотность",
    )
    upgrade = spaced(
        "УДОСТОВЕРЕНИЕ",
        "Настоящее удостоверение свидетельствует о том, что",
        "#Жумабаева Сауле Каиратовна",
        "прошла повышение квалификации по дополнительной профессиональной программе",
        "#«Цифровые технологии в образовании»",
    )
    assert upgrade.course_title == "Цифровые технологии в образовании"
    kk = read(
        ("СЕРТИФИКАТ", 60, 26),
        ("Мұратова Дана Ерланқызы", 92, 24),
        ("«Деректер қорын жобалау» курсы бойынша оқудан өтті", 160, 14),
    )
    assert (kk.learner_name, kk.course_title) == (
        "Мұратова Дана Ерланқызы",
        "Деректер қорын жобалау",
    )
    for ending in ("онлайн-курстан өтті", "курсынан сәтті өтті", "бағдарламасынан өтті"):
        passed = read(
            ("СЕРТИФИКАТ", 60, 26),
            ("Өтепов Серік", 92, 24),
            (f"«Excel бағдарламасында жұмыс» {ending}", 130, 14),
            ("Берілген күні: 18.10.2021", 160, 11),
        )
        assert (passed.learner_name, passed.course_title) == (
            "Өтепов Серік",
            "Excel бағдарламасында жұмыс",
        )


def test_certification_programmes_forms_and_learners_in_the_dative(read: Read) -> None:
    """ "has completed the" / the course / "certification program"; "the requirements to be
    recognized as a" / the certification; "has completed with distinction" and its "Final
    mark"; a value over its caption; "Course completed:"; "Certification code/number:";
    Russian "обучение по онлайн-курсу" and "Курс «…» успешно прошёл <ФИО>"; Kazakh "Бұл
    сертификат" over the learner in the dative and "Берілді: <ФИО>"."""
    spaced = partial(_spaced, read)
    programme = spaced(
        "#Leilani Castellanos",
        "has completed the",
        "#Inbound Marketing",
        "certification program",
        "Certification code: 7f3a91c2e0d84b55a1e6",
    )
    assert (programme.course_title, programme.certificate_id) == (
        "Inbound Marketing",
        "7f3a91c2e0d84b55a1e6",
    )
    recognised = spaced(
        "#Dariusz Okonkwo",
        "Has successfully completed the requirements to be recognized as a",
        "#Caspian Certified: Azure Fundamentals",
        "Certification number: H724-9031",
    )
    assert (recognised.course_title, recognised.certificate_id) == (
        "Caspian Certified: Azure Fundamentals",
        "H724-9031",
    )
    distinction = spaced(
        "#Jakub Nowakowski",
        "has completed with distinction",
        "#Advanced Excel for Finance",
        "Final mark: 97 %",
        "Certificate ID: TNH 7ZK Q4M",
    )
    assert (distinction.course_title, distinction.grade_percent) == (
        "Advanced Excel for Finance",
        97,
    )
    assert distinction.certificate_id == "TNH 7ZK Q4M"  # even groups, as printed
    captions = read(
        ("CERTIFICATE OF COMPLETION", 40, 22),
        ("Hannah Kowalczyk", 100, 24),
        ("Name of the participant", 128, 9),
        ("Digital Marketing Strategy", 180, 20),
        ("Course title", 204, 9),
    )
    assert (captions.learner_name, captions.course_title) == (
        "Hannah Kowalczyk",
        "Digital Marketing Strategy",
    )
    form = read(
        ("LearnHub", 40, 16, "left"),
        ("Learner name: Chen Jiahui", 100, 13, "left"),
        ("Course completed: Introduction to Docker", 130, 13, "left"),
    )
    assert (form.learner_name, form.course_title) == ("Chen Jiahui", "Introduction to Docker")
    dative = spaced(
        "Настоящий сертификат выдан",
        "#Петровой Анне Сергеевне",
        "в том, что она успешно прошла обучение по онлайн-курсу",
        "#«Основы анализа данных»",
    )
    assert (dative.learner_name, dative.course_title) == (
        "Петровой Анне Сергеевне",
        "Основы анализа данных",
    )
    course_first = spaced(
        "СЕРТИФИКАТ", "Курс «Основы SQL для аналитиков» успешно прошёл", "#Иванов Сергей Петрович"
    )
    assert (course_first.learner_name, course_first.course_title) == (
        "Иванов Сергей Петрович",
        "Основы SQL для аналитиков",
    )
    usual = spaced("#Иванов Сергей Петрович", "успешно прошёл курс «Основы SQL для аналитиков»")
    assert (usual.learner_name, usual.course_title) == (
        "Иванов Сергей Петрович",
        "Основы SQL для аналитиков",
    )
    kk = spaced(
        "Бұл сертификат",
        "#Асқаров Нұрланға",
        "#«Python тілінде бағдарламалау негіздері»",
        "онлайн-курсын сәтті аяқтағаны үшін берілді",
    )
    assert kk.learner_name == "Асқаров Нұрланға"
    given = read(("КУӘЛІК", 40, 24, "left"), ("Берілді: Оспанов Ерлан Маратұлы", 100, 13, "left"))
    assert given.learner_name == "Оспанов Ерлан Маратұлы"


@pytest.mark.parametrize(
    ("line", "grade"),
    [
        ("Grade: 8.5/10", 85.0),
        ("Score: 450/500", 90.0),
        ("Final score: 18 out of 20", 90.0),
        ("Оценка: отлично (92 балла)", 92.0),
        ("Итоговая оценка: 9,5 из 10", 95.0),
        ("Корытынды тест: 61 упай", 61.0),  # OCR's у for the Kazakh ұ
        ("Score: 2/3", None),  # a count, not a scale
        ("Оценка: отлично", None),
    ],
)
def test_a_grade_on_another_scale_or_in_words_with_its_points(
    read: Read, line: str, grade: float | None
) -> None:
    """A grade after its label on a scale whose top is printed, or a word with its points in
    brackets; the learner of a statement's bare "completed the course" too."""
    result = _spaced(
        read, "#Ewa Zielinska", "completed the course", "#Statistics for Data Science", line
    )
    assert (result.learner_name, result.course_title) == (
        "Ewa Zielinska",
        "Statistics for Data Science",
    )
    assert result.grade_percent == grade


def test_a_labelled_hexadecimal_code_read_by_ocr_has_its_digits_back(read: Read) -> None:
    """An unlisted issuer's long hexadecimal code after its label, a 1 read as l by OCR: the
    digit is put back; from a text layer, the token is as printed."""
    rows = (("#Leilani Castellanos", 60, 26), ("Certification code: 7f3a91c2e0d84b55ale6", 130, 14))
    plain = [(t.lstrip("#"), top, size) for t, top, size in rows]
    assert read(*plain, ocr=True).certificate_id == "7f3a91c2e0d84b55a1e6"
    assert read(*plain).certificate_id == "7f3a91c2e0d84b55ale6"


def test_a_verb_or_a_programme_kind_ending_its_line_puts_the_course_below(read: Read) -> None:
    """ "has earned the certificate", Kazakh "курсты сәтті аяқтады", Russian "освоила программу
    профессиональной переподготовки" ending their line, the course on the next; and hours
    after a label that is the unit ("Hours: 48")."""
    spaced = partial(_spaced, read)
    for verb in ("has earned the certificate", "earned a credential in", "has earned the badge"):
        earned = spaced(
            "Nomad Code Camp", "Certificate", "#Aliya Serikova", verb, "#Web Development Basics"
        )
        assert earned.course_title == "Web Development Basics", verb
    for verb in ("курсты сәтті аяқтады", "бағдарламаны меңгерді", "оқуды аяқтаған"):
        kk = spaced("СЕРТИФИКАТ", "#Әлібек Нұрсұлтан", verb, "#Деректер қорын басқару")
        assert kk.course_title == "Деректер қорын басқару", verb
    for kind in (
        "профессиональной переподготовки",
        "повышения квалификации",
        "дополнительного профессионального образования",
    ):
        ru = spaced(
            "Академия цифровых профессий",
            "ДИПЛОМ",
            "Настоящий диплом подтверждает, что",
            "#Ким Виктория Олеговна",
            f"освоила программу {kind}",
            "#«Аналитик данных»",
        )
        assert ru.course_title == "Аналитик данных", kind
    for label in ("Hours", "Academic hours", "Contact hours"):
        table = read(
            ("CERTIFICATE", 60, 26),
            ("Full name: Nurlan Abenov", 120, 14, "left"),
            ("Course: Advanced SQL for Analysts", 150, 14, "left"),
            (f"{label}: 48", 180, 14, "left"),
        )
        assert table.hours == 48.0, label


@pytest.mark.parametrize(
    "verb", ["курсты сэтт! аяктады", "курсты сәтті аяқтады", "курсты сэтті аяктады"]
)
def test_a_kazakh_verb_ocr_read_with_russian_letters_still_makes_a_certificate(
    read: Read, verb: str
) -> None:
    """OCR gives Kazakh letters back as their Russian neighbours ("сәтті аяқтады" as "сэтт!
    аяктады"): the wording still tells a certificate, and the name above it."""
    result = read(
        ("Маңғыстау IT мектебі", 40, 16),
        ("Әлібек Нұрсұлтан", 100, 26),
        (verb, 150, 14),
        ("Деректер қорын басқару", 190, 22),
        ocr=True,
    )
    assert result.kind is EvidenceKind.CERTIFICATE
    assert (result.learner_name, result.course_title) == (
        "Әлібек Нұрсұлтан",
        "Деректер қорын басқару",
    )


# Coursera's certificate in its other interface languages: the date, the name, the verb
# beginning its line, the course, the course's provider; each also as OCR without that
# language's model gives it back (accents lost or changed)
CERTIFICATES_ABROAD = [
    ("15 de marzo de 2024", "ha completado con éxito", "ha completado con exito"),
    ("15 mars 2024", "a suivi avec succès", "a suivi avec succés"),
    ("15 de março de 2024", "concluiu com êxito", "concluiu com éxito"),
    ("15. März 2024", "hat erfolgreich abgeschlossen", "hat erfolgreich abgeschlossen"),
]


@pytest.mark.parametrize(("day", "printed", "read_back"), CERTIFICATES_ABROAD)
@pytest.mark.parametrize("ocr", [False, True])
def test_a_coursera_certificate_in_another_interface_language(
    read: Read, day: str, printed: str, read_back: str, ocr: bool
) -> None:
    result = read(
        ("coursera", 40, 16, "left"),
        (day if not ocr else day.replace("ä", "a").replace("ç", "c"), 100, 12, "left"),
        ("Madina Zhakupova", 150, 28, "left"),
        (read_back if ocr else printed, 200, 12, "left"),
        ("Fundamentos de Python", 230, 24, "left"),
        ("Universidade de Sao Paulo", 270, 10, "left"),
        ocr=ocr,
    )
    assert result.kind is EvidenceKind.CERTIFICATE
    assert (result.learner_name, result.course_title) == (
        "Madina Zhakupova",
        "Fundamentos de Python",
    )
    assert result.issued_on == date(2024, 3, 15)


def test_a_name_cut_by_a_sentence_is_not_taken_before_its_verb(read: Read) -> None:
    """ "ha completado con éxito" inside a sentence that wraps: the words before it on its line
    are the end of the name, not the name (the sentence's anchor has it whole)."""
    result = read(
        ("Certificado de finalización", 40, 30),
        ("Este documento certifica que Juan Fernando", 100, 14),
        ("Garcia Mejia ha completado con éxito 7 horas del", 118, 14),
        ("curso en línea GIT+GitHub: Todo un sistema de", 136, 14),
        ("control de versiones de cero el 27 de Enero de 2019", 154, 14),
    )
    assert result.learner_name == "Juan Fernando Garcia Mejia"


@pytest.mark.parametrize(
    ("row", "hours"), [("Duração 9 horas no total", 9.0), ("Uzunluk toplam 12 saat", 12.0)]
)
def test_udemy_in_portuguese_and_turkish_gives_its_length(
    read: Read, row: str, hours: float
) -> None:
    result = read(
        ("udemy", 20, 16, "left"),
        ("CERTIFICADO DE CONCLUSÃO", 60, 11, "left"),
        ("Python para Iniciantes", 120, 26, "left"),
        ("Aruzhan Bekova", 300, 24, "left"),
        ("Data 15 de março de 2024", 340, 11, "left"),
        (row, 360, 11, "left"),
    )
    assert result.hours == hours and result.issued_on == date(2024, 3, 15)


@pytest.mark.parametrize("ocr", [False, True])
@pytest.mark.parametrize("joined", [False, True])  # OCR may make heading and title one block
def test_a_course_printed_as_the_headline_over_the_sentence(
    read: Read, ocr: bool, joined: bool
) -> None:
    """The course as the headline under "Certificate", the sentence below ending in "the
    course" with nothing after it but labelled lines: the headline is the course, and "Date:
    …" under the sentence is not."""
    head: list[Row] = (
        [("Certificate", 60, 27), ("The Fundamentals of Digital Marketing", 94, 24)]
        if joined
        else [("Certificate", 40, 30), ("The Fundamentals of Digital Marketing", 110, 24)]
    )
    result = read(
        ("Google Digital Garage", 10, 16),
        *head,
        ("This certifies that", 170, 12),
        ("Timur Bekov", 200, 28),
        ("has successfully completed the course", 250, 12),
        ("Date: 24/11/2022", 268, 12),
        ("Certificate number: ABC 123 456", 286, 11),
        ocr=ocr,
    )
    assert result.course_title == "The Fundamentals of Digital Marketing"
    assert result.learner_name == "Timur Bekov" and result.issued_on == date(2022, 11, 24)


def test_requirements_satisfied_for_a_course(read: Read) -> None:
    spaced = partial(_spaced, read)
    for verb in (
        "has successfully satisfied the requirements for:",
        "has met all the requirements of",
    ):
        result = spaced(
            "IBM SkillsBuild",
            "Completion Certificate",
            "#Madina Zhakupova",
            verb,
            "#Artificial Intelligence Fundamentals",
        )
        assert (result.learner_name, result.course_title) == (
            "Madina Zhakupova",
            "Artificial Intelligence Fundamentals",
        ), verb


@pytest.mark.parametrize(
    ("name", "sentence", "issued"),
    [  # the 2018 Latin alphabet (acutes), and the 2021 one (umlauts, ğ, ş, ı)
        (
            "Ábenov Nurlan Serikuly",
            "«Python negizderi» kursyn sátti aıaqtaǵanyn rastaıdy",
            "Berilgen kúni: 05.06.2024",
        ),
        (
            "Äbenov Nurlan Serıkūly",
            "«Python negızderı» kursyn sätti aiaqtağanyn rastaidy",
            "Berılgen künı: 05.06.2024",
        ),
    ],
)
def test_a_kazakh_certificate_in_the_latin_alphabet(
    read: Read, name: str, sentence: str, issued: str
) -> None:
    result = read(
        ("Aqtau Digital", 30, 16),
        ("SERTIFIKAT", 70, 28),
        ("Osy sertifikat", 120, 13),
        (name, 150, 24),
        (sentence, 200, 13),
        (issued, 230, 12),
        (f"Kurs kólemi: 36 {'saǵat' if 'ú' in issued else 'sağat'}", 250, 12),
    )
    assert result.kind is EvidenceKind.CERTIFICATE
    assert result.learner_name == name and result.issued_on == date(2024, 6, 5)
    assert result.course_title == sentence[1:].split("»")[0] and result.hours == 36.0


@pytest.mark.parametrize("language", ["С++", "С#", "с++"])  # Cyrillic С, as OCR reads it
def test_c_plus_plus_in_a_russian_title_is_latin(read: Read, language: str) -> None:
    spaced = partial(_spaced, read)
    result = spaced(
        "СЕРТИФИКАТ",
        "Настоящий сертификат подтверждает, что",
        "#Сидоров Алексей Петрович",
        "прошел(а) онлайн-курс",
        f"#«Введение в программирование на {language}»",
    )
    latin_c = language.replace("С", "C").replace("с", "C")
    assert result.course_title == f"Введение в программирование на {latin_c}"


def test_names_courses_and_hours_whose_label_says_it(read: Read) -> None:
    """ "Congratulations, <name>"; a sentence ending in a colon above the course; hours in a
    word ("a 16-hour course") or in the label ("Количество часов: 24"); Kazakh "«…» курсын
    тыңдағаны туралы берілді"."""
    spaced = partial(_spaced, read)
    congratulated = spaced(
        "Certificate of Completion",
        "Congratulations, Aliya Nurlanova",
        "You have successfully completed",
        "#Introduction to Databases",
    )
    assert congratulated.learner_name == "Aliya Nurlanova"
    assert congratulated.course_title == "Introduction to Databases"
    statement = spaced(
        "Statement of Participation",
        "#Kamila Zhaksylykova",
        "has completed the free course including any mandatory tests for:",
        "#Introduction to cyber security",
        "This free 24-hour course explored how to protect yourself online.",
    )
    assert (statement.course_title, statement.hours) == ("Introduction to cyber security", 24.0)
    counted = spaced(
        "СЕРТИФИКАТ",
        "Настоящим удостоверяется, что",
        "#Ахметов Бауыржан Серикович",
        "успешно завершил обучение по курсу",
        "#«Администрирование Linux»",
        "Количество часов: 24",
    )
    assert (counted.course_title, counted.hours) == ("Администрирование Linux", 24.0)
    heard = spaced(
        "КУӘЛІК",
        "#Асанова Әсел Бекқызы",
        "«Жасанды интеллект негіздері» курсын тыңдағаны туралы берілді",
        "Көлемі: 36 сағат",
    )
    assert (heard.course_title, heard.hours) == ("Жасанды интеллект негіздері", 36.0)
    # a number beside a label that is not about hours stays no length
    assert spaced("#Dana Umbetova", "has completed", "#Statistics", "Score: 24").hours is None
    scored = spaced(
        "#Dana Umbetova",
        "has completed",
        "#Statistics",
        "Final score: 87/100",
        "Total: 40 academic hours",
        "Serial No. NSB-004512",
    )
    assert (scored.grade_percent, scored.hours, scored.certificate_id) == (87.0, 40.0, "NSB-004512")
    assert counted.grade_percent is None
    udemy = spaced(
        "udemy",
        "СЕРТИФИКАТ ОБ ОКОНЧАНИИ",
        "#Полный курс по Python",
        "Преподаватели Jose Portilla",
        "#Алия Нурланова",
        "Дата 5 нояб. 2023 г.",
        "Продолжительность 22,5 всего часов",
    )
    assert (udemy.hours, udemy.issued_on) == (22.5, date(2023, 11, 5))
    stepik = spaced(
        "Certificate",
        "This is to certify that",
        "#Aigerim Bekova",
        "successfully completed the course",
        "#«Introduction to Python»",
        "with 95% score",
        "Total 20h",
    )
    assert (stepik.grade_percent, stepik.hours) == (95.0, 20.0)
    quoted = spaced("#Ерлан Сапаров", "успешно завершил(а)", "#«Машинное обучение»")
    assert quoted.course_title == "Машинное обучение"
    # modules of "15h" each listed under the course's own "269 hours": the total, not a module
    modules = spaced(
        "#Kamila Valieva",
        "has completed professional retraining over the course of 269 hours",
        "Manual testing 15h",
        "Automation 26h",
    )
    assert modules.hours == 269.0
    ballot = spaced(
        "#Ахметов Бауыржан",
        "успешно завершил обучение по курсу",
        "#«Linux»",
        "Итоговый балл: 91 из 100",
    )
    assert ballot.grade_percent == 91.0


def test_qualification_and_participation_wordings(read: Read) -> None:
    """Kazakh "«…» тақырыбындағы біліктілікті арттыру курсынан өткені туралы" and "Тіркеу №";
    Russian "прошла обучение на курсе", "принял участие в онлайн-курсе", "ак. часов"; English
    "for attending the online workshop"."""
    spaced = partial(_spaced, read)
    orleu = spaced(
        "СЕРТИФИКАТ",
        "Берілді",
        "#Асанова Әсел Бекқызы",
        "«Цифрлық сауаттылық» тақырыбындағы",
        "біліктілікті арттыру курсынан өткені туралы",
        "72 сағат көлемінде",
        "Тіркеу № 1234",
    )
    assert (orleu.course_title, orleu.certificate_id, orleu.hours) == (
        "Цифрлық сауаттылық",
        "1234",
        72.0,
    )
    course = spaced(
        "СЕРТИФИКАТ",
        "#Петрова Анна Сергеевна",
        "прошла обучение на курсе",
        "#«Основы проектного управления»",
        "в объёме 40 ак. часов",
    )
    assert (course.course_title, course.hours) == ("Основы проектного управления", 40.0)
    took_part = spaced(
        "СЕРТИФИКАТ", "#Нурланов Арман", "принял участие в онлайн-курсе", "#«Культура речи»"
    )
    assert took_part.course_title == "Культура речи"
    attended = spaced(
        "CERTIFICATE OF ATTENDANCE",
        "This certificate is presented to",
        "#Dinara Tulegenova",
        "for attending the online workshop",
        "#Agile Retrospectives",
    )
    assert attended.course_title == "Agile Retrospectives"
    academy = read(
        ("Certificate of Course Completion", 60, 20),
        ("Aigerim Bekova", 110, 26),
        (
            "has successfully achieved student level credential for completing Introduction to "
            "Cybersecurity course,",
            170,
            11,
        ),
        ("administered by the undersigned instructor.", 190, 11),
    )
    assert academy.course_title == "Introduction to Cybersecurity"
    the = read(  # a title that begins with "The": the title, not "the course …"
        ("Certificate of Course Completion", 60, 20),
        ("Aigerim Bekova", 110, 26),
        (
            "has successfully achieved student level credential for completing The Science of "
            "Well-Being course,",
            170,
            11,
        ),
        ("administered by the undersigned instructor.", 190, 11),
    )
    assert the.course_title == "The Science of Well-Being"
    assert (
        spaced("CERTIFICATE", "#Dana Umbetova", "for completing the online course").course_title
        is None
    )
    addressed = spaced("This is to certify that", "#Mr. Arman Bekov", "has completed", "#Cloud")
    assert addressed.learner_name == "Arman Bekov"
    # their completion words alone make a certificate, in a photo whose heading was not read
    profession = spaced(
        "СЕРТИФИКАТ",
        "#Иванов Пётр Сергеевич",
        "успешно прошёл профессию",
        "#«Фронтенд-разработчик»",
        "Номер: 45872",
    )
    assert (profession.course_title, profession.certificate_id) == ("Фронтенд-разработчик", "45872")
    ukrainian = spaced(
        "СЕРТИФІКАТ",
        "#Олена Коваленко",
        "успішно закінчила курс",
        "#«Основи програмування»",
        "Дата видачі: 14 травня 2021 р.",
    )
    assert (ukrainian.learner_name, ukrainian.course_title, ukrainian.issued_on) == (
        "Олена Коваленко",
        "Основи програмування",
        date(2021, 5, 14),
    )
    ablative = spaced(
        "СЕРТИФИКАТ", "#Қасымова Айгерім", "«Excel-де деректерді талдау» онлайн-курстан өтті"
    )
    assert ablative.course_title == "Excel-де деректерді талдау"
    for text in ("«Python» курсынан өтті", "прошла обучение на курсе «Linux»"):
        assert classify(text, True, False)[0] is EvidenceKind.CERTIFICATE, text


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (  # the course's name begins with "Curso": kept, as printed
            ("CERTIFICADO DE APROBACIÓN", "Otorgado a", "#María José Hernández",
             "por haber aprobado el", "#Curso Básico de Python", "el 15 de marzo de 2023"),
            ("María José Hernández", "Curso Básico de Python", date(2023, 3, 15), None),
        ),
        (  # addressed: "D./Dña." is not the name
            ("La Universidad certifica que", "#D./Dña. Carlos Ruiz Gómez", "ha superado el curso",
             "#Introducción a la Programación en Java", "con una duración estimada de 30 horas",
             "Valencia, 20 de junio de 2021"),
            ("Carlos Ruiz Gómez", "Introducción a la Programación en Java", date(2021, 6, 20),
             30.0),
        ),
        (
            ("CONSTANCIA", "Se extiende la presente a", "#Lucía Fernández Torres",
             "por haber acreditado el curso en línea", "#Fundamentos de Marketing Digital",
             "Ciudad de México, a 3 de noviembre de 2020"),
            ("Lucía Fernández Torres", "Fundamentos de Marketing Digital", date(2020, 11, 3),
             None),
        ),
        (
            ("CERTIFICAT DE RÉUSSITE", "Décerné à", "#Camille Durand",
             "pour avoir réussi le cours", "#Gestion de projet", "le 7 février 2022"),
            ("Camille Durand", "Gestion de projet", date(2022, 2, 7), None),
        ),
        (
            ("Cette attestation certifie que", "#Mme Chloé Lefèvre",
             "a suivi avec succès le MOOC", "#Python 3 : des fondamentaux aux concepts avancés",
             "Délivrée le 12/04/2023"),
            ("Chloé Lefèvre", "Python 3 : des fondamentaux aux concepts avancés",
             date(2023, 4, 12), None),
        ),
        (
            ("Hiermit wird bestätigt, dass", "#Lena Hoffmann", "am Onlinekurs",
             "#Einführung in das maschinelle Lernen",
             "im Umfang von 24 Stunden erfolgreich teilgenommen hat.", "Berlin, den 03.03.2024"),
            ("Lena Hoffmann", "Einführung in das maschinelle Lernen", date(2024, 3, 3), 24.0),
        ),
        (  # day first, as Portuguese writes it; November spelt out
            ("CERTIFICADO", "Certificamos que", "#Ana Beatriz Souza", "concluiu o curso",
             "#Lógica de Programação", "com carga horária de 20 horas, em 05/08/2022."),
            ("Ana Beatriz Souza", "Lógica de Programação", date(2022, 8, 5), 20.0),
        ),
        (
            ("CERTIFICADO", "Certificamos que", "#João Pedro Almeida", "finalizou o treinamento",
             "#Gestão de Projetos Ágeis", "em 11 de novembro de 2022."),
            ("João Pedro Almeida", "Gestão de Projetos Ágeis", date(2022, 11, 11), None),
        ),
        (  # Italian months; hours in "ore"
            ("ATTESTATO DI PARTECIPAZIONE", "Si attesta che", "#Giulia Bianchi",
             "ha completato con successo il corso", "#Fondamenti di Data Science",
             "Durata: 25 ore", "Napoli, 10 ottobre 2022"),
            ("Giulia Bianchi", "Fondamenti di Data Science", date(2022, 10, 10), 25.0),
        ),
    ],
)  # fmt: skip
def test_spanish_portuguese_french_italian_and_german_issuers_own_wordings(
    read: Read, lines: tuple[str, ...], expected: tuple[str, str, date, float | None]
) -> None:
    """Unlisted issuers' own sentences in the languages whose platforms' templates were known
    already: the learner after "Otorgado a", "certifica que", "Décerné à", "Si attesta che";
    the course after "por haber aprobado el", "pour avoir réussi le cours", "am Onlinekurs";
    a numeric date read day first because the text is in a day-first language."""
    got = _spaced(read, *lines)
    assert got.kind is EvidenceKind.CERTIFICATE
    assert (got.learner_name, got.course_title, got.issued_on, got.hours) == expected


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (("CERTIFICATE", "We hereby confirm that", "#Aizhan Serikbayeva",
          "has attended and successfully completed the training", "#Project Management Essentials"),
         ("Aizhan Serikbayeva", "Project Management Essentials", None)),
        (("Certificate of Excellence", "This certificate is awarded to", "#Nurlan Abenov",
          "for outstanding performance in", "#Advanced Algorithms and Data Structures"),
         ("Nurlan Abenov", "Advanced Algorithms and Data Structures", None)),
        (("СЕРТИФИКАТ", "Подтверждаем, что", "#Ким Анастасия Олеговна",
          "выполнила все требования курса", "#«Frontend-разработка: HTML, CSS, JavaScript»",
          "и получила итоговую оценку 87%"),
         ("Ким Анастасия Олеговна", "Frontend-разработка: HTML, CSS, JavaScript", 87.0)),
    ],
)  # fmt: skip
def test_confirmed_attended_outstanding_and_every_requirement_met(
    read: Read, lines: tuple[str, ...], expected: tuple[str, str, float | None]
) -> None:
    got = _spaced(read, *lines)
    assert (got.learner_name, got.course_title, got.grade_percent) == expected


def test_a_course_name_label_across_its_row(read: Read) -> None:
    got = read(
        ("CERTIFICATE OF COMPLETION", 60, 24),
        ("Participant's name: Timur Zhakenov", 140, 14),
        ("Course name: Introduction to Cloud Computing", 170, 14),
        ("Completion date: 30/06/2024", 200, 14),
    )
    assert (got.learner_name, got.course_title) == (
        "Timur Zhakenov",
        "Introduction to Cloud Computing",
    )


def test_a_heading_in_the_names_block_is_not_part_of_the_name(read: Read) -> None:
    """ "Leistungsnachweis" set close over the learner (one block) above "hat den Onlinekurs"."""
    got = read(
        ("Leistungsnachweis", 60, 26),
        ("Jonas Weber", 94, 28),
        ("hat den Onlinekurs", 150, 12),
        ("Objektorientierte Programmierung in Java", 190, 20),
        ("erfolgreich abgeschlossen und dabei 87% der erreichbaren Punkte erzielt.", 240, 11),
        ("Potsdam, 14. Juni 2023", 280, 11),
    )
    assert (got.learner_name, got.course_title, got.grade_percent) == (
        "Jonas Weber",
        "Objektorientierte Programmierung in Java",
        87.0,
    )


def test_a_slash_date_is_read_day_first_only_in_a_day_first_language(read: Read) -> None:
    english = _spaced(
        read, "This is to certify that", "#Ana Souza", "has completed the course", "#Logic",
        "on 05/08/2022",
    )  # fmt: skip
    assert english.issued_on is None and english.has_warning("issued_on")


def test_hours_per_week_are_multiplied_and_short_udemy_ids_are_read(read: Read) -> None:
    futurelearn = read(
        ("FutureLearn", 40, 16, "left"),
        ("Dana Omarova", 150, 28),
        ("has completed the following course:", 200, 12),
        ("Digital Skills: Artificial Intelligence", 230, 20),
        ("3 weeks, 3 hours per week", 300, 11),
        ("Issued 12 March 2025", 500, 10, "left"),
    )
    assert futurelearn.hours == 9.0 and futurelearn.issued_on == date(2025, 3, 12)
    udemy = read(
        ("Udemy", 40, 16, "left"),
        ("Certificate no: UC-1A2B3C4D", 60, 9, "right"),
        ("Certificate url: ude.my/UC-1A2B3C4D", 75, 9, "right"),
        ("CERTIFICATE OF COMPLETION", 140, 14, "left"),
        ("The Complete SQL Bootcamp", 180, 28, "left"),
        ("Instructors Jose Portilla", 230, 11, "left"),
        ("Timur Zhakenov", 400, 24, "left"),
        ("Date Jan. 5, 2023", 440, 11, "left"),
        ("Length 9 total hours", 460, 11, "left"),
    )
    assert udemy.certificate_id == "UC-1A2B3C4D" and udemy.hours == 9.0
    assert udemy.learner_name == "Timur Zhakenov"  # not the instructor
    assert udemy.course_title == "The Complete SQL Bootcamp"


@pytest.mark.parametrize(
    ("header", "title", "rows", "grade", "progress"),
    [
        ("Mi aprendizaje    Salir", "Aprendizaje Automático",
         ("Calificación final: 92%", "Calificación para aprobar: 80%", "Semana 1 Cuestionario"),
         92.0, None),
        ("Meu aprendizado    Sair", "Fundamentos de Python",
         ("Nota geral: 88%", "Progresso do curso: 40%", "Semana 2 Teste prático"), 88.0, 40.0),
        ("Mes cours    Tableau de bord", "Introduction à l'informatique",
         ("Votre note actuelle : 78 %", "Note de passage : 70 %", "Semaine 3 : Module 3"),
         78.0, None),
        ("Meine Kurse    Abmelden", "Einführung in Java",
         ("Fortschritt: 55%", "Woche 4: Schleifen"), None, 55.0),
        ("Mis cursos    Perfil", "Curso de Git y GitHub",
         ("Has completado el 70% del curso", "Clase 12: Ramas"), None, 70.0),
    ],
)  # fmt: skip
def test_course_pages_in_spanish_portuguese_french_and_german(
    read: Read,
    header: str,
    title: str,
    rows: tuple[str, ...],
    grade: float | None,
    progress: float | None,
) -> None:
    """The page's grade after its label and a colon (never the pass mark: "Calificación para
    aprobar", "Note de passage"), its progress, its heading the course's title (the header's
    links are not)."""
    shot = read(
        ("openLERN", 20, 20, "left"),
        (header, 24, 12, "right"),
        (title, 80, 24, "left"),
        *((row, 140 + 40 * n, 14, "left") for n, row in enumerate(rows)),
        ocr=True,
    )
    assert shot.kind is EvidenceKind.SCREENSHOT
    assert (shot.course_title, shot.grade_percent, shot.progress_percent) == (
        title,
        grade,
        progress,
    )


def test_a_title_beginning_with_complete_under_its_label_on_a_certificate_page(read: Read) -> None:
    """Udemy's certificate page: the course under "About the Course:" in body-like type
    begins with "Complete", the word after which "45%" would be a progress; it is a title,
    not a label (a block is a label's sentence only when it begins with the words of a label
    whose value follows them)."""
    page = read(
        ("Udemy", 20, 20, "left"),
        ("Categories    My learning", 24, 12, "right"),
        ("Certificate Recipient:", 100, 14, 600),
        ("Madina Akhmetova", 130, 14, 620),
        ("About the Course:", 180, 14, 600),
        ("Complete Python Bootcamp From Zero to Hero", 205, 13, 600),
        ("Jose Portilla", 225, 11, 600),
        ("Certificate no: UC-7d2e4b1a-9c3f-4e8a-b6d5-2f1e0c9a8b7d", 300, 11, 600),
        ("Date Jan 5, 2024", 320, 11, 600),
        ocr=True,
    )
    assert (page.learner_name, page.course_title) == (
        "Madina Akhmetova",
        "Complete Python Bootcamp From Zero to Hero",
    )


def test_a_badge_page_names_its_earner_and_its_badge(read: Read) -> None:
    """ "This badge was issued to … on …"; the badge's name is the page's largest heading of
    words (not the site's logo). The line over "Issued by …" is not taken for a course: on a
    certificate it is as often a signatory's."""
    page = read(
        ("Credly", 20, 20, "left"),
        ("Data Science Foundations - Level 1", 100, 26, 300),
        ("Issued by IBM", 140, 14, 300),
        ("This badge was issued to Dana Umbetova on March 3, 2024", 200, 14, 300),
        ("Skills", 240, 14, 300),
        ocr=True,
    )
    assert page.kind is EvidenceKind.CERTIFICATE
    assert (page.learner_name, page.course_title, page.issued_on) == (
        "Dana Umbetova",
        "Data Science Foundations - Level 1",
        date(2024, 3, 3),
    )


def test_the_line_over_issued_by_is_not_the_course(read: Read) -> None:
    signed = read(
        ("Certificate of Completion", 40, 26),
        ("This is to certify that", 90, 12),
        ("Dana Umbetova", 120, 26),
        ("has successfully completed the course", 170, 12),
        ("Python for Data Science", 200, 22),
        ("Aliya Bekova, Director", 300, 12),
        ("Issued by Caspian Digital Academy", 330, 12),
    )
    assert signed.course_title == "Python for Data Science"


def test_a_heading_of_words_is_taken_at_a_lower_ocr_confidence(
    reading: Reading, matchers: list[PlatformMatcher]
) -> None:
    """OCR is less sure of letters its models lack ("Einfuhrung"): a heading of two or more
    words of letters is taken at 0.55, an icon read as letters ("© Ge") still needs 0.7."""

    def heading(text: str, conf: float) -> str | None:
        doc = sketch(
            ("openLERN", 20, 20, "left"),
            ("Meine Kurse    Abmelden", 24, 12, "right"),
            (text, 80, 24, "left"),
            ("Fortschritt: 55%", 140, 14, "left"),
            ("Woche 4: Schleifen", 180, 14, "left"),
            ocr=True,
        )
        for line in doc.pages[0].lines:
            if line.text == text:
                line.words[:] = [replace(w, conf=conf) for w in line.words]
        return read_fields(doc, reading, matchers).course_title

    assert heading("Einfuhrung in Java", 0.6) == "Einfuhrung in Java"
    assert heading("Einfuhrung in Java", 0.5) is None
    assert heading("Ge 0O Bsx", 0.6) is None


@pytest.mark.parametrize(
    "row",
    [
        "Your current grade: 85%",
        "Current grade 85%",
        "Overall grade: 85%",
        "Your overall grade is 85%",
    ],
)
def test_a_progress_page_gives_the_current_or_overall_grade(read: Read, row: str) -> None:
    shot = read(
        ("edX", 20, 20, "left"),
        ("Course     Progress     Dates     Discussion", 24, 12, "right"),
        ("Data Science Fundamentals", 80, 24, "left"),
        (row, 200, 14, "left"),
        ("Week 1: Basics   10/10", 260, 12, "left"),
        ocr=True,
    )
    assert shot.kind is EvidenceKind.SCREENSHOT and shot.grade_percent == 85.0


@pytest.mark.parametrize(
    "words",
    [
        "27% complete",
        "27% completed",
        "27% done",
        # as the items done of all: 42 of 155 is 27.1%
        "42 of 155 complete",
        "42 of 155 items completed",
        "42/155 complete",
    ],
)
def test_a_course_list_gives_the_progress_before_complete(read: Read, words: str) -> None:
    shot = read(
        ("Udemy", 20, 20, "left"),
        ("My learning     Wishlist", 24, 12, "right"),
        ("The Complete Python Bootcamp", 80, 22, "left"),
        ("Jose Portilla", 110, 12, "left"),
        (words, 160, 12, "left"),
        ("Leave a rating", 160, 11, "right"),
        ocr=True,
    )
    assert shot.kind is EvidenceKind.SCREENSHOT
    assert shot.progress_percent == (27.0 if "%" in words else 27.1)


def test_a_quiz_screenshot_gives_the_grade_not_the_pass_mark(read: Read) -> None:
    shot = read(
        ("coursera", 30, 14, "left"),
        ("Practice Quiz: Week 2", 80, 20, "left"),
        ("Congratulations! You passed!", 130, 14, "left"),
        ("Grade received 95%     To pass 80% or higher", 160, 12, "left"),
        ("Next item", 240, 11, "right"),
        ocr=True,
    )
    assert shot.kind is EvidenceKind.SCREENSHOT and shot.grade_percent == 95.0
    assert shot.certificate_id is None and shot.learner_name is None


@pytest.mark.parametrize(
    ("header", "name"),
    [
        ("Ivan Petrov", "Ivan Petrov"),
        ("English IP Ivan Petrov", "Ivan Petrov"),
        ("Русский СИ Smolina Irina", "Smolina Irina"),
        ("ХА Русский", None),  # an avatar and the interface's language: nobody's name
        ("ӨТ са", None),
        ("Қазақша", None),
        ("Pycckuň Assem Zhaksylykova", "Assem Zhaksylykova"),  # "Русский" read in Latin
    ],
)
def test_the_account_name_in_a_pages_header_is_not_its_avatar_or_language(
    read: Read, header: str, name: str | None
) -> None:
    shot = read(
        ("stepik", 20, 14, "left"),
        (header, 20, 12, "right"),
        ("Java. Базовый курс", 80, 20, "left"),
        ("Прогресс по курсу", 130, 14, "left"),
        ("66%", 160, 14, "left"),
        ocr=True,
    )
    assert shot.kind is EvidenceKind.SCREENSHOT
    assert shot.learner_name == name


@pytest.mark.parametrize(
    ("article", "authorized"),
    [("an", "authorized"), ("kn", "authorized"), ("An", "authorised"), ("‘an", "authorszed")],
)
def test_coursera_template_sentence_is_never_the_title(
    read: Read, article: str, authorized: str
) -> None:
    """The title under a highlighter, unread: the template's sentence below it ("an online
    non-credit course authorized by …", its words smudged by OCR) is not taken for it."""
    sentence = f"{article} online non-credit course {authorized} by EIT Digital and offered through"
    result = read(
        ("coursera", 40, 16, "left"),
        ("Jul 1, 2020", 100, 12, "left"),
        ("Dmytro Nikulin", 130, 30, "left"),
        ("has successfully completed", 180, 24, "left"),
        (f"{sentence} Coursera", 230, 24, "left"),
        ("Verify at coursera.org/verify/6ZV294TY7Q29", 500, 20, "left"),
        ocr=True,
    )
    assert result.course_title is None
    assert result.learner_name == "Dmytro Nikulin"


# ------------------------------------------------------------------ identifiers
def test_the_printed_address_wins_over_a_label_that_disagrees(read: Read) -> None:
    result = read(
        *COURSERA_HEAD,
        ("Certificate ID: ABCDEF123456", 540, 9, "right"),
        ("Verify at coursera.org/verify/ZZZZZZ999999", 560, 9, "right"),
    )
    assert result.certificate_id == "ZZZZZZ999999"
    assert result.confidence["certificate_id"] < 0.8  # doubtful, and said why
    assert any("ABCDEF123456" in w for w in result.warnings)


UNLISTED_HEAD: tuple[Row, ...] = (
    ("ACME ACADEMY", 40, 20),
    ("This certifies that", 100, 14),
    ("Aruzhan Bekova", 130, 28),
    ("has successfully completed", 180, 14),
    ("Data Visualisation Basics", 210, 22),
    ("Issued on June 5, 2023", 260, 12),
)


@pytest.mark.parametrize(
    "words",
    [
        "Verify this certification at",
        "Verify at",
        "To verify, visit",
        "Validate this credential:",
        "Confirm at",
        "Подлинность сертификата можно проверить по ссылке:",
        "Сертификаттың түпнұсқалығын тексеру:",
        "Verifica en",
    ],
)
@pytest.mark.parametrize("apart", [False, True])  # the address on the words' line, or below
@pytest.mark.parametrize("ocr", [False, True])
@pytest.mark.parametrize(
    ("address", "ident"),
    [
        ("confirm.acme-academy.io/KTGE7ZQF", "KTGE7ZQF"),
        ("https://acme-academy.io/certification/aruzhan/data-visualisation", None),
    ],
)
def test_an_address_that_the_words_before_it_say_verifies_is_reported(
    read: Read, words: str, apart: bool, ocr: bool, address: str, ident: str | None
) -> None:
    """An issuer not on the list whose address has no verification word in its path: the
    words before it say what it is. Its last part is the ID when it can be one (a digit in
    it); the address is reported as printed either way, and is the one to check."""
    rows = (
        [(f"{words} {address}", 520, 10)] if not apart else [(words, 510, 10), (address, 524, 10)]
    )
    result = read(*UNLISTED_HEAD, *rows, ocr=ocr)
    url = address if address.startswith("https://") else f"https://{address}"
    assert result.verify_url == url and result.check_url == url
    assert result.certificate_id == ident
    assert result.learner_name == "Aruzhan Bekova"
    # no ID form checks such an address: read by OCR, it is not given as sure
    assert result.confidence["verify_url"] < 0.9 if ocr else result.confidence["verify_url"] >= 0.9


@pytest.mark.parametrize(
    "row",
    [
        "Learn more at www.acme-academy.io/courses/data-viz-101",
        "www.acme-academy.io/courses/data-viz-101",
        "Follow us: acme-academy.io/news/2023",
    ],
)
def test_an_address_no_words_say_verifies_is_no_verification_address(read: Read, row: str) -> None:
    result = read(*UNLISTED_HEAD, (row, 520, 10))
    assert result.verify_url is None and result.certificate_id is None


@pytest.mark.parametrize(
    ("ocr", "kept"), [(False, True), (True, False)]
)  # exact in a text layer; OCR may have misread it
def test_the_platforms_own_address_whose_id_fits_no_form_is_kept_and_flagged(
    read: Read, ocr: bool, kept: bool
) -> None:
    """The platform's ID forms in the data files may miss one it issues: an ID in its own
    verification address, from a text layer, is kept for the commission with a warning;
    read by OCR it may be a misreading, and is left."""
    result = read(
        ("FutureLearn", 40, 20),
        ("Marat Akhmetov", 120, 28),
        ("has completed the following course:", 170, 12),
        ("Introduction to Cyber Security", 200, 20),
        ("Issued 21 October 2021", 260, 11),
        ("futurelearn.com/certificates/abc123xyz", 520, 10),
        ocr=ocr,
    )
    assert result.platform == "futurelearn"
    if kept:
        assert result.certificate_id == "abc123xyz"
        assert result.verify_url == "https://futurelearn.com/certificates/abc123xyz"
        assert result.confidence["certificate_id"] <= 0.8
        assert any("fits no known FutureLearn ID form" in w for w in result.warnings)
    else:
        assert result.certificate_id is None and result.verify_url is None


def test_an_ocr_damaged_platform_address_is_not_reported_as_printed(read: Read) -> None:
    """Words say the address verifies, but it is the platform's own form with its ID misread
    (no ID form fits): a wrong address is worse than none."""
    result = read(
        *COURSERA_HEAD, ("Verify at coursera.org/verify/6ZV2g4T¥7029", 560, 9, "right"), ocr=True
    )
    assert result.verify_url is None and result.certificate_id is None


@pytest.mark.parametrize("sign", ["№", "Ne", "No", "N°", "No."])
@pytest.mark.parametrize("word", ["Сертификат", "Диплом", "Тіркеу"])
def test_the_number_sign_as_ocr_reads_it_still_labels_an_id(
    read: Read, sign: str, word: str
) -> None:
    result = read(*UNLISTED_HEAD, (f"{word} {sign} 2024-001234", 520, 11), ocr=True)
    assert result.certificate_id == "2024-001234"


def test_only_an_id_printed_gives_the_check_address_of_its_kind(read: Read) -> None:
    result = read(
        *COURSERA_HEAD,
        ("Specialization", 300, 12, "left"),
        ("Certificate ID: ABCDEF123456", 560, 9, "right"),
    )
    assert result.certificate_id == "ABCDEF123456" and result.verify_url is None
    assert result.check_url == "https://coursera.org/verify/specialization/ABCDEF123456"


def test_a_qr_code_gives_the_id_and_settles_a_look_alike(read: Read) -> None:
    only_qr = read(*COURSERA_HEAD, ocr=True, barcodes=["https://coursera.org/verify/QWERTY123456"])
    assert only_qr.certificate_id == "QWERTY123456" and only_qr.verify_url is None
    printed: Row = ("Verify at coursera.org/verify/7KQ2OX9W4P3M", 560, 9, "right")
    doubtful = read(*COURSERA_HEAD, printed, ocr=True)
    assert doubtful.certificate_id == "7KQ2OX9W4P3M"
    assert (
        doubtful.id_alternates == ["7KQ20X9W4P3M"] and doubtful.confidence["certificate_id"] < 0.9
    )
    settled = read(*COURSERA_HEAD, printed, ocr=True, barcodes=["coursera.org/verify/7KQ20X9W4P3M"])
    assert settled.certificate_id == "7KQ20X9W4P3M" and not settled.id_alternates
    assert settled.confidence["certificate_id"] >= 0.95


def test_a_bracket_read_for_a_letter_inside_an_id(
    read: Read, matchers: list[PlatformMatcher]
) -> None:
    """OCR reads a J as ")" (or an I as "|") inside an ID: the ID stops there unless the
    bracket, read as the letter it resembles, makes the platform's form."""
    udemy = next(m for m in matchers if m.id == "udemy")
    assert repair("UC-3)WLDL8F", udemy) is not None
    assert repair("UC-3)WLDL8F", udemy)[0] == "UC-3JWLDL8F"  # type: ignore[index]
    assert repair("UC-3)WLDL8", udemy) is None  # one short: no form, no guess
    shot = read(
        ("udemy", 40, 16, "left"),
        ("CERTIFICATE OF COMPLETION", 90, 12),
        ("Certificate no: UC-3)WLDL8F", 500, 9, "left"),
        ocr=True,
    )
    assert shot.certificate_id == "UC-3JWLDL8F"


@pytest.mark.parametrize(
    ("printed", "ident"),
    [
        ("coursera.org/verify/2FXB4X]XQD5S", "2FXB4XJXQD5S"),  # a letter read as a bracket
        ("coursera.org/verify/2FXB4X)XQD5S", "2FXB4XJXQD5S"),
        ("coursera.org/verify/SJ)XX87KLM2QA", "SJXX87KLM2QA"),  # a speck beside a letter
    ],
)
def test_a_bracket_inside_an_address_is_a_letter_or_a_speck_as_the_form_says(
    read: Read, printed: str, ident: str
) -> None:
    """Coursera's IDs have 12 characters: whichever reading of the bracket gives 12."""
    result = read(*COURSERA_HEAD, (f"Verify at {printed}", 560, 9, "right"), ocr=True)
    assert result.certificate_id == ident
    assert result.verify_url == f"https://coursera.org/verify/{ident}"


def test_readings_of_one_id_are_reconciled_by_vote(read: Read) -> None:
    result = read(
        *COURSERA_HEAD,
        ("Verify at coursera.org/verify/7KQ2HX9W4P3M", 560, 9, "right"),
        ("Certificate ID 7KQ2HX9W4P3M", 580, 9, "right"),
        ("7KQ2NX9W4P3M", 30, 9, "right"),  # a third printing, misread once
        ocr=True,
    )
    assert result.certificate_id == "7KQ2HX9W4P3M"


def test_a_look_alike_read_twice_is_read_once(read: Read) -> None:
    """OCR reads an ambiguous glyph as both of its readings ("S5"): the one the form allows."""
    result = read(
        ("FutureLearn", 40, 16, "left"),
        ("Dana Omarova", 150, 28),
        ("has completed the following course:", 200, 12),
        ("Digital Skills: Artificial Intelligence", 230, 20),
        ("www.futurelearn.com/certificates/fdxeS5may50", 560, 9, "right"),
        ocr=True,
    )
    assert result.certificate_id == "fdxe5may50"


def test_alternates_are_few_and_fewest_swaps_first(catalog: Catalog) -> None:
    [coursera] = build_matchers([catalog.platforms["coursera"]])
    family = coursera.family("7KQ2OX9W4P3M")
    assert family is not None
    assert lookalikes("7KQ2OX9W4P3M", family) == {4: "0"}
    many = "O1OSO1OSO1OS"  # twelve look-alikes: 4095 other readings
    alts, complete = alternates(many, family)
    assert len(alts) == 4 and not complete  # the issuer is asked for four, the rest flagged
    assert all(sum(a != b for a, b in zip(alt, many, strict=True)) == 1 for alt in alts)
    assert alternates("7KQ2OX9W4P3M", family) == (["7KQ20X9W4P3M"], True)


def test_an_address_split_by_ocr_is_joined(read: Read) -> None:
    assert joined_tails(" e6c76ed2485e 1df3a350 more") == [
        "e6c76ed2485e",
        "e6c76ed2485e1df3a350",
        "e6c76ed2485e1df3a350more",
    ]
    result = read(
        *COURSERA_HEAD, ("Verify at coursera.org/verify/ABC DEF 123456", 560, 9, "right"), ocr=True
    )
    assert result.certificate_id == "ABCDEF123456"


@pytest.mark.parametrize(
    ("printed", "address"),
    [
        ("httnsi//coursera,org/verify/3WNV7M356BV2", "https://coursera.org/verify/3WNV7M356BV2"),
        ("htps;//coursera.org/verify/3WNV7M356BV2", "https://coursera.org/verify/3WNV7M356BV2"),
        ("hitps:/stepik,org/cert/2010389", "https://stepik.org/cert/2010389"),
        ("https//stepik.orgicert/2010389", "https://stepik.org/cert/2010389"),
        ("| nttps://stepik.org/cert/2153906", "https://stepik.org/cert/2153906"),
        ("ttps://coursera.org/verify/3WNV7M356BV2", "https://coursera.org/verify/3WNV7M356BV2"),
        ("Ditpsi//coursera,org (verify/3WNV7M356BV2_", "https://coursera.org/verify/3WNV7M356BV2"),
        ("http://stepik.org/cert/2010389", "http://stepik.org/cert/2010389"),  # as printed
        ("https://coursera..org/verify/3WNV7M356BV2", "https://coursera.org/verify/3WNV7M356BV2"),
    ],
)
def test_an_address_whose_scheme_or_dot_ocr_misread_is_read(
    read: Read, printed: str, address: str
) -> None:
    """Small print under blur or tilt: the scheme's letters, the dot before the top-level
    domain and the slash after it come back as look-alikes ("httnsi//", "coursera,org",
    "orgicert") or the dot doubled by a speck; the address is still one."""
    result = read(
        *COURSERA_HEAD, ("Verify at:", 540, 9, "left"), (printed, 556, 9, "left"), ocr=True
    )
    assert result.verify_url == address
    assert result.certificate_id == address.rsplit("/", 1)[1]


def test_a_comma_in_ordinary_text_makes_no_address(read: Read) -> None:
    result = read(
        *COURSERA_HEAD, ("Python,Data/Science and Cloud,Org/Ops", 540, 9, "left"), ocr=True
    )
    assert not any("Data/Science" in link or "Org/Ops" in link for link in result.links)
    assert result.verify_url is None


# ------------------------------------------------------------------ platform and kind
def test_platform_detection(matchers: list[PlatformMatcher]) -> None:
    def detect(text: str, machine: Sequence[str] = ()) -> str | None:
        guess = detect_platform(matchers, text, list(machine))
        return None if guess.matcher is None else guess.matcher.id

    assert detect("Verify at coursera.org/verify/ABCDEF123456") == "coursera"
    assert detect("https://stepik.org/cert/1234567") == "stepik"
    assert detect("СЕРТИФИКАТ Skills Enbek") == "skills-enbek"
    assert detect("Caspian Digital Academy") is None
    assert detect("Coursera and Udemy") is None  # a tie is no answer
    assert detect("Certificate", ["https://ude.my/UC-1A2B3C4D"]) == "udemy"  # by its QR code
    # a course's number as edX prints it, its logo misread
    assert detect("еах Course Progress\nData Science: R Basics\nHarvardX PH125.1x") == "edx"
    assert detect("MITx 6.00.1x Introduction to Computer Science") == "edx"
    assert detect("Python 3.x for everyone") is None
    # "Моё обучение" is any site's navigation, not Stepik's wording: the name decides
    assert detect("Udemy\n\nМое обучение Профиль\n\nВы прошли 45% курса") == "udemy"
    # the Open edX software's own certificate, printed by edX and by the Kazakh universities'
    # Open edX alike: its words name neither, the name decides ("edX" inside "Open edX" is
    # not edX's)
    open_edx = "VERIFIED CERTIFICATE of ACHIEVEMENT\n\nVALID CERTIFICATE ID 8053ca06"
    assert detect(f"Open edX : openedu.kz\n\n{open_edx}") == "open-edu-kz"
    assert detect(f"edX\n\n{open_edx}") == "edx"
    assert detect(open_edx) is None


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("This is to certify that X has successfully completed", EvidenceKind.CERTIFICATE),
        ("Grade received 100% To pass 80% Next item Quiz", EvidenceKind.SCREENSHOT),
        ("ҚАЗАҚСТАН РЕСПУБЛИКАСЫ ЖЕКЕ КУӘЛІК", EvidenceKind.IDENTITY_DOCUMENT),
        ("Есенов Университеті Президенті Өтініш сұраймын", EvidenceKind.APPLICATION),
        ("Lorem ipsum dolor sit amet", EvidenceKind.OTHER),
        # course pages in other words: a current grade, a share of the course done
        (
            "Courses Dashboard Your current grade: 78% A passing grade is 70%",
            EvidenceKind.SCREENSHOT,
        ),
        ("Мое обучение Вы прошли 45% курса", EvidenceKind.SCREENSHOT),
        ("Мої курси Ваш прогрес: 55% Тиждень 4", EvidenceKind.SCREENSHOT),
        ("Курстарым Сіз курстың 60%-ын аяқтадыңыз", EvidenceKind.SCREENSHOT),
    ],
)
def test_kinds(text: str, kind: EvidenceKind) -> None:
    assert classify(text, from_image=False, named=False)[0] is kind


# ------------------------------------------------------------------ glyph shapes
FONTS = Path("/usr/share/fonts/truetype")
Box = tuple[float, float, float, float]


def _render(text: str, font_file: str, size: int = 32) -> tuple[Image.Image, Box]:
    font = ImageFont.truetype(str(FONTS / font_file), size)
    image = Image.new("L", (size * (len(text) + 4), size * 3), 235)
    draw = ImageDraw.Draw(image)
    draw.text((size, size // 2), text, font=font, fill=30)
    return image, draw.textbbox((size, size // 2), text, font=font)


@pytest.mark.parametrize(
    "font_file", ["dejavu/DejaVuSans.ttf", "liberation2/LiberationSans-Regular.ttf"]
)
@pytest.mark.parametrize(
    ("printed", "misread"), [("71QW0XIM4P3L", "71QWOXIM4P3L"), ("71QWOXIM4P3L", "71QW0XIM4P3L")]
)
def test_o_and_zero_are_told_apart_by_their_width(
    font_file: str, printed: str, misread: str
) -> None:
    """Whatever OCR read, the printed glyph's width against the characters beside it decides
    (an ID whose characters differ in width: a proportional font shows as one)."""
    if not (FONTS / font_file).exists():
        pytest.skip(f"{font_file} is not installed (make test installs it)")
    image, box = _render(printed, font_file)
    shapes = word_glyphs(image, box, misread)
    assert shapes is not None and len(shapes) == len(misread)
    other = {"O": "0", "0": "O"}[misread[4]]
    assert decide(misread, shapes, {4: other}) == {4: printed[4]}


def test_a_monospaced_font_decides_nothing() -> None:
    font_file = "dejavu/DejaVuSansMono.ttf"
    if not (FONTS / font_file).exists():
        pytest.skip(f"{font_file} is not installed")
    image, box = _render("71QW0XIM4P3L", font_file)
    shapes = word_glyphs(image, box, "71QW0XIM4P3L")
    assert shapes is not None and decide("71QW0XIM4P3L", shapes, {4: "O"}) == {}


# ------------------------------------------------------------------ the anchors file
def test_the_anchors_file_is_checked(tmp_path: Path) -> None:
    bad = tmp_path / "anchors.yaml"
    bad.write_text("languages:\n  en:\n    - 42\n", encoding="utf-8")
    with pytest.raises(AnchorError, match=r"anchors\.yaml"):
        load_reading(bad)
    unknown = tmp_path / "unknown.yaml"
    unknown.write_text(
        "languages: {}\nplatforms:\n  nowhere:\n    anchors: []\nscreens: []\nheadings: [x]\n",
        encoding="utf-8",
    )
    with pytest.raises(AnchorError, match="nowhere"):
        load_reading(unknown, platform_ids={"coursera"})


@pytest.mark.parametrize(
    "provider",
    [  # (who, top, size): under the title (17 px, 90 to 107)
        ("DeepLearning.AI", 112, 13),
        ("Google", 112, 13),
        ("Princeton", 112, 13),
        ("IBM Skills Network", 112, 13),
        ("Univer sity", 112, 13),
        ("Princeton University", 112, 14),
        ("Princeton University", 122, 16),  # hardly smaller, set apart: an organisation
    ],
)
@pytest.mark.parametrize(
    "title", ["Computer Science: Programming with a Purpose", "Machine Learning Specialization"]
)
def test_a_course_pages_title_is_not_the_provider_printed_under_it(
    read: Read, title: str, provider: tuple[str, float, float]
) -> None:
    """A course page's side panel: the title, under it who offers the course in smaller print
    (a company, a university whose name is cut by OCR), then the page's navigation; the
    header's search box above it all."""
    shot = read(
        ("coursera", 20, 16, "left"),
        ("What do you want to learn?", 20, 16, "center"),
        (title, 90, 17, "left"),
        (*provider, "left"),
        ("Overview", 170, 16, "left"),
        ("Grades", 210, 16, "left"),
        ("Notes", 250, 16, "left"),
        ocr=True,
    )
    assert shot.kind is EvidenceKind.SCREENSHOT
    assert shot.course_title == title


@pytest.mark.parametrize(
    ("printed", "name"),
    [
        ("Dr. Aliya Bekova", "Aliya Bekova"),
        ("Prof. Aliya Bekova", "Aliya Bekova"),
        ("Timur Abenov, PhD", "Timur Abenov"),
        ("Timur Abenov, MBA", "Timur Abenov"),
        ("Timur Abenov Ph.D.", "Timur Abenov"),
    ],
)
@pytest.mark.parametrize("ocr", [False, True])
def test_a_title_or_degree_beside_the_learners_name_is_not_part_of_it(
    read: Read, printed: str, name: str, ocr: bool
) -> None:
    """Where the certificate's wording points at the learner, an academic title before the
    name and a degree after it are dropped; the register holds the name without them."""
    result = read(
        ("Caspian Data Academy", 40, 18),
        ("This is to certify that", 100, 12),
        (printed, 130, 28),
        ("has successfully completed the course", 180, 12),
        ("Applied Statistics", 210, 22),
        ("June 5, 2023", 260, 12),
        ocr=ocr,
    )
    assert result.learner_name == name


def test_a_doctors_signature_is_still_not_the_learner(read: Read) -> None:
    """A line "Dr. …" that no wording points at is a signatory's, as before."""
    result = read(
        ("Certificate of Completion", 40, 24),
        ("Applied Statistics", 120, 22),
        ("June 5, 2023", 200, 12),
        ("Dr. Andrew Smith", 300, 12),
        ("Director", 320, 10),
    )
    assert result.learner_name is None


@pytest.mark.parametrize(  # "_": OCR's reading of a rule or a wide gap before the host
    ("ocr", "lead"), [(False, ""), (True, ""), (True, "_"), (True, "__ ")]
)
@pytest.mark.parametrize("what", ["course", "track", "specialization"])
def test_an_address_whose_path_names_a_statement_gives_its_token(
    read: Read, ocr: bool, lead: str, what: str
) -> None:
    """An unlisted issuer's address whose path says it is a statement of accomplishment, a
    word for what was completed between that and the token ("…/statement-of-accomplishment/
    course/<hex>"), printed with no words before it; OCR's underscore before its host is a
    speck, and a long hexadecimal token's l for 1 is put right."""
    token = "8f1e2d3c4b5a69788796a5b4c3d2e1f0a9b8c7d6"
    read_as = token.replace("1", "l") if ocr else token
    result = read(
        *UNLISTED_HEAD,
        (f"Certificate {lead}acme.com/statement-of-accomplishment/{what}/{read_as}", 520, 9),
        ocr=ocr,
    )
    assert result.certificate_id == token
    assert result.verify_url == f"https://acme.com/statement-of-accomplishment/{what}/{token}"


def test_a_token_that_is_not_hexadecimal_is_left_as_read(read: Read) -> None:
    result = read(*UNLISTED_HEAD, ("acme.com/certificates/Al8Kx2lmn0pqrstuv9", 520, 9), ocr=True)
    assert result.certificate_id == "Al8Kx2lmn0pqrstuv9"


@pytest.mark.parametrize("kind", ["біліктілікті арттыру", "қайта даярлау", ""])
@pytest.mark.parametrize("sign", ["№", "Ne"])
@pytest.mark.parametrize("size", [26, 16])  # the name larger than the course's, or smaller
def test_a_kazakh_qualification_certificate(read: Read, kind: str, sign: str, size: int) -> None:
    """A куәлік: its number under the heading (OCR reads № as "Ne"), "Осы куәлік" alone
    above the name (the verb ends the sentence), the course's name in quotes on its own line,
    the kind of course between it and "курсынан өткенін растайды"."""
    result = read(
        ("Маңғыстау цифрлық орталығы", 40, 16),
        ("КУӘЛІК", 80, 28),
        (f"{sign} KZ-2023-0457", 120, 11),
        ("Осы куәлік", 150, 12),
        ("Сейітқали Данияр Болатұлы", 180, size),
        ("«Деректерді талдау негіздері»", 230, 20),
        (" ".join(filter(None, [kind, "курсынан өткенін растайды"])), 270, 12),
        ("Берілген күні: 2023 жылғы 15 мамыр", 330, 11),
        ocr=sign == "Ne",
    )
    assert result.learner_name == "Сейітқали Данияр Болатұлы"
    assert result.course_title == "Деректерді талдау негіздері"
    assert result.certificate_id == "KZ-2023-0457"
    assert result.issued_on == date(2023, 5, 15)


@pytest.mark.parametrize("ocr", [False, True])
@pytest.mark.parametrize(
    "title", ["Excel Essential Training (Microsoft 365)", "Algorithms, Part I"]
)
@pytest.mark.parametrize("top", [160, 180])  # close under the name's line (one block), or apart
def test_congratulations_then_the_course_then_when_it_was_completed(
    read: Read, ocr: bool, title: str, top: int
) -> None:
    """A learning network's certificate: "Congratulations, <name>", the course alone on its
    line, "Course completed on <date> … • <length>" under it."""
    result = read(
        ("Caspian Learning", 40, 16),
        ("Certificate of Completion", 80, 26),
        ("Congratulations, Aigerim Nurlanova", 130, 22),
        (title, top, 20),
        ("Course completed on Feb 08, 2023 at 10:05AM UTC • 2 hours 15 min", 220, 11),
        ocr=ocr,
    )
    assert result.learner_name == "Aigerim Nurlanova"
    assert result.course_title == title
    assert (result.issued_on, result.hours) == (date(2023, 2, 8), 2.25)


@pytest.mark.parametrize(
    ("read_as", "title"),
    [
        ("Управление ІТ-проектами", "Управление IT-проектами"),
        ("Введение в ІоТ-системы", "Введение в IoT-системы"),
        ("Іс-шара ұйымдастыру", "Іс-шара ұйымдастыру"),  # a Kazakh word: one capital
        ("Інтернет-маркетинг", "Інтернет-маркетинг"),  # a Ukrainian word
    ],
)
def test_a_latin_abbreviation_read_in_cyrillic_before_a_hyphen(
    read: Read, read_as: str, title: str
) -> None:
    """OCR with the Kazakh model reads the I of "IT-…" in a Russian title as the Kazakh І,
    which Russian has not: the abbreviation is Latin."""
    result = read(
        ("СЕРТИФИКАТ", 60, 26),
        ("Петров Алексей Сергеевич", 110, 24),
        ("успешно прошёл курс", 160, 12),
        (f"«{read_as}»", 190, 20),
        ocr=True,
    )
    assert result.course_title == title


def _spaced_letters(text: str, top: float, size: float) -> list[Row]:
    """``text`` set letter by letter (a third of an em between letters, as the sketch sets
    words), its words an em and a half apart: a row per word."""
    rows: list[Row] = []
    x = 150.0
    for word in text.split():
        rows.append((" ".join(word), top, size, x))
        x += len(word) * 0.5 * size + (len(word) - 1) * 0.3 * size + 1.5 * size
    return rows


@pytest.mark.parametrize("ocr", [False, True])
def test_words_set_letter_by_letter_are_words(
    reading: Reading, matchers: list[PlatformMatcher], ocr: bool
) -> None:
    """Capitals spaced out by the designer come back one letter per word, from a text layer
    and from OCR alike: joined as its lines are cleaned, a word ending at the wider gap."""
    doc = sketch(
        ("Caspian Data Academy", 40, 14),
        *_spaced_letters("CERTIFICATE", 80, 26),
        ("THIS IS PROUDLY PRESENTED TO", 130, 10),
        *_spaced_letters("AIGERIM NURLANOVA", 160, 26),
        ("for successfully completing the course", 210, 12),
        ("Data Visualisation with Python", 240, 22),
        ("June 5, 2023", 290, 12),
        ocr=ocr,
    )
    cleaned = Document([clean_page(doc.pages[0], ocr_words=ocr)], doc.source, from_image=ocr)
    result = read_fields(cleaned, reading, matchers)
    assert result.kind is EvidenceKind.CERTIFICATE
    assert result.learner_name == "AIGERIM NURLANOVA"
    assert result.course_title == "Data Visualisation with Python"


@pytest.mark.parametrize(
    "text",
    ["и в с к о", "A B C", "Part I and II", "J R R Tolkien"],  # short runs, words of one letter
)
def test_words_of_one_letter_in_ordinary_text_stay_apart(text: str) -> None:
    words = []
    x = 0.0
    for w in text.split():
        words.append(Word(w, x, 0, x + 6 * len(w), 12, 12))
        x += 6 * len(w) + 5
    assert join_letter_spacing(Line(words)).text == text


@pytest.mark.parametrize(
    ("learner", "name", "course"),
    [
        ("Name of the learner:", "Daniyar Seitkali", "Course:"),
        # a name of one word in body type: the label says it is the learner's; "Course name:"
        # names the course, not the learner
        ("Learner:", "Lahari", "Course name:"),
        ("Participant name:", "Juan Fernando García Mejía", "Course name:"),
    ],
)
@pytest.mark.parametrize("ocr", [False, True])
def test_a_forms_table_gives_each_value_across_its_row(
    read: Read, ocr: bool, learner: str, name: str, course: str
) -> None:
    """Labels in one column ending in a colon, their values in another across the rows: each
    value is the one on its label's row, never the next label below it."""
    rows = [
        (learner, name),
        (course, "Cloud Computing Fundamentals"),
        ("Duration:", "40 hours"),
        ("Score obtained:", "87%"),
        ("Date of completion:", "12 January 2024"),
        ("Certificate number:", "IT-2024-55821"),
    ]
    table = [
        row
        for i, (label, value) in enumerate(rows)
        for row in ((label, 140 + 22 * i, 12, 60.0), (value, 140 + 22 * i, 12, 320.0))
    ]
    result = read(
        ("INFOTECH LEARNING", 40, 16), ("Certificate of Completion", 80, 22), *table, ocr=ocr
    )
    assert result.learner_name == name
    assert result.course_title == "Cloud Computing Fundamentals"
    assert (result.hours, result.grade_percent) == (40.0, 87.0)
    assert result.issued_on == date(2024, 1, 12)
    assert result.certificate_id == "IT-2024-55821"


@pytest.mark.parametrize(
    ("caption", "above"),
    [
        ("(фамилия, имя, отчество)", "Настоящее удостоверение свидетельствует о том, что"),
        ("(тегі, аты, әкесінің аты)", "КУӘЛІК"),
    ],
)
def test_a_name_over_its_caption_on_an_official_form(read: Read, caption: str, above: str) -> None:
    """The name on an official form: its surname and given names over two lines, the caption
    under them; the sentence after it with dates of its own ("с 01.03.2023 по …")."""
    result = read(
        ("УДОСТОВЕРЕНИЕ", 40, 24),
        ("о повышении квалификации", 80, 14),
        (above, 120, 11),
        ("Петров", 150, 18),
        ("Алексей Сергеевич", 172, 18),
        (caption, 196, 7),
        ("с 01.03.2023 г. по 14.03.2023 г. прошёл(а) обучение", 220, 11),
        ("по дополнительной профессиональной программе", 236, 11),
        ("«Управление проектами»", 260, 16),
        ("Дата выдачи 15.03.2023", 320, 10),
    )
    assert result.learner_name == "Петров Алексей Сергеевич"
    assert result.course_title == "Управление проектами"
    assert result.issued_on == date(2023, 3, 15)


@pytest.mark.parametrize(
    "label",
    ["Тегі, аты, әкесінің аты:", "Фамилия, имя, отчество:", "ФИО:"],
)
def test_the_full_name_label_of_kazakh_and_russian_forms(read: Read, label: str) -> None:
    result = read(
        ("СЕРТИФИКАТ", 40, 26),
        (f"{label} Жұмабаева Әйгерім Серікқызы", 100, 12),
        ("Курс атауы: Python бағдарламалау тілі", 120, 12),
        ("Берілген күні: 05.09.2023", 140, 12),
    )
    assert result.learner_name == "Жұмабаева Әйгерім Серікқызы"


@pytest.mark.parametrize(
    ("read_as", "word"),
    [
        ("1рина", "Ірина"),  # Ukrainian
        ("1нжу", "Інжу"),  # Kazakh
        ("1st", "1st"),
        ("1ый", "1ый"),  # an ordinal's ending, too short to be a word
        ("1000", "1000"),
        ("1Рина", "1Рина"),
    ],
)
def test_a_one_read_for_the_capital_i_of_a_cyrillic_word(read_as: str, word: str) -> None:
    assert normalize_word(read_as) == word


def test_a_count_across_a_row_is_no_percentage(read: Read) -> None:
    """A module's "Шагов пройдено:" with its count across the row ("2 из 12") is not the
    course's progress; the percentage printed for the course is."""
    shot = read(
        ("Stepik", 20, 20, "left"),
        ("Введение в Linux", 60, 20, "left"),
        ("Прогресс по курсу: 75%", 100, 16, "left"),
        ("Модуль 1. Тема 1", 140, 14, "left"),
        ("Шагов пройдено:", 170, 12, 60.0),
        ("2 из 12", 170, 12, 200.0),
        ocr=True,
    )
    assert shot.progress_percent == 75.0


@pytest.mark.parametrize("nav", ["My learning", "Моё обучение", "Dashboard"])
def test_a_pages_navigation_is_no_course_title(read: Read, nav: str) -> None:
    """A course page with its progress in a panel at the right, under the header's
    navigation: the course is the heading at the left, not the navigation item above
    "Your progress"; "42 of 155 complete." is 27.1%."""
    shot = read(
        ("Udemy", 20, 20, "left"),
        (nav, 24, 12, 440.0),
        ("Your progress", 60, 14, 440.0),
        ("The Complete Python Bootcamp From Zero to Hero", 62, 16, 40.0),
        ("42 of 155 complete.", 84, 12, 440.0),
        ("Overview   Q&A   Notes   Reviews", 110, 12, 40.0),
        ("Section 1: Course Overview", 150, 13, 40.0),
        ocr=True,
    )
    assert shot.kind is EvidenceKind.SCREENSHOT
    assert shot.course_title == "The Complete Python Bootcamp From Zero to Hero"
    assert shot.progress_percent == 27.1


@pytest.mark.parametrize("label", ["Reg. No.", "Registration number:", "Reg. number"])
def test_a_registration_number_is_an_id(read: Read, label: str) -> None:
    result = read(*UNLISTED_HEAD, (f"{label} 2023/118", 520, 11))
    assert result.certificate_id == "2023/118"


def test_a_state_forms_blank_series_does_not_hide_its_registration_number(read: Read) -> None:
    """The state form prints its blank's series and number ("Серия ПК № 0012345") and the
    registration number the issuer's register keeps: the ID is the registration number."""
    result = read(
        ("УДОСТОВЕРЕНИЕ", 40, 24),
        ("о повышении квалификации", 80, 14),
        ("Серия ПК № 0012345", 100, 10),
        ("Петров Алексей Сергеевич", 130, 20),
        ("прошёл обучение по программе", 170, 12),
        ("«Управление проектами»", 200, 16),
        ("Регистрационный номер 0457", 260, 11),
    )
    assert result.certificate_id == "0457"


@pytest.mark.parametrize("bar", ["es", "—————", ""])  # what OCR makes of the bar, or nothing
@pytest.mark.parametrize("gap", [4, 30])  # the bar close under its label (one block), or apart
@pytest.mark.parametrize(
    ("label", "field"),
    [("Курс барысы", "progress_percent"), ("Course progress", "progress_percent")],
)
def test_a_progress_bar_gives_the_percentage_at_its_end(
    read: Read, bar: str, gap: int, label: str, field: str
) -> None:
    """A course page's progress: its label, under it a bar with the percentage at its end
    (the bar itself reads as specks, or as nothing)."""
    top = 128 + 16 + gap
    rows: list[Row] = [
        ("Skills Enbek", 20, 20, "left"),
        ("Кәсіпкерлік негіздері", 80, 24, "left"),
        (label, 128, 16, 60.0),
        ("45%", top, 16, 300.0),
        ("1-модуль. Кіріспе", top + 50, 15, 60.0),
    ]
    if bar:
        rows.append((bar, top, 16, 60.0))
    shot = read(*rows, ocr=True)
    assert getattr(shot, field) == 45.0


# ------------------------------------------------------------------ round 21's wordings
@pytest.mark.parametrize(
    "address",
    ["https://atlas-skills.org/validate", "www.bytes-academy.kz/verify", "https://fromzero.io/c"],
)
def test_an_address_beginning_with_a_preposition_is_not_split(address: str) -> None:
    """A host may begin with "at", "by" or "from": only a word glued to a host after it
    ("authorized bydeeplearning.ai") is parted."""
    assert normalize_word(f"Validate at {address}") == f"Validate at {address}"


@pytest.mark.parametrize(
    ("text", "ident"),
    [
        ("ЦМ-0912", "ЦМ-0912"),
        ("ОУП-22-1507", "ОУП-22-1507"),
        ("ЦM-0912", "ЦМ-0912"),  # OCR's Latin M among Cyrillic capitals
        ("ҚБО/2024/17", "ҚБО/2024/17"),
        ("ПК", None),  # a blank's series: no digits
        ("МОДУЛЬ12", None),  # a word with a number glued to it
        ("курс 12", None),
    ],
)
def test_a_code_of_cyrillic_capitals_and_digits_is_an_id(text: str, ident: str | None) -> None:
    assert values.certificate_id(text) == ident


@pytest.mark.parametrize(
    ("text", "grade"),
    [("78 баллов из 100", 78.0), ("87 points out of 100", 87.0), ("(94%)", 94.0)],
)
def test_points_out_of_a_hundred_with_their_unit(text: str, grade: float) -> None:
    assert values.percent(text) == grade


@pytest.mark.parametrize(
    ("text", "hours"),
    [("5h 30m", 5.5), ("прошёл 16-часовой онлайн-курс", 16.0), ("a 12-hour course", 12.0)],
)
def test_hours_with_minutes_as_letters_and_hours_as_an_adjective(text: str, hours: float) -> None:
    assert values.hours(text, labelled=True) == hours


@pytest.mark.parametrize("ocr", [False, True])
@pytest.mark.parametrize("label", ["awarded to:", "presented to:"])
@pytest.mark.parametrize(
    "completing", ["in recognition of completing", "upon successful completion of the course"]
)
def test_a_code_printed_apart_from_the_address_where_it_is_entered(
    read: Read, ocr: bool, label: str, completing: str
) -> None:
    result = read(
        ("ATLAS SKILLS INSTITUTE", 40, 14),
        ("CERTIFICATE", 80, 30),
        (label, 130, 12),
        ("Ms. Aliya Bekova", 150, 26),
        (completing, 190, 12),
        ("Introduction to Financial Accounting", 210, 20),
        ("Issued: 2023-08-21", 250, 11),
        ("Validation code: ASI-8K2P-77QD", 265, 10),
        ("Validate at https://atlas-skills.org/validate", 280, 9),
        ocr=ocr,
    )
    assert result.learner_name == "Aliya Bekova"
    assert result.course_title == "Introduction to Financial Accounting"
    assert result.certificate_id == "ASI-8K2P-77QD"
    assert result.verify_url == "https://atlas-skills.org/validate"
    assert result.check_url is None  # it holds no ID: nothing to check there


def test_a_distinction_inside_the_sentence_and_a_generic_grade_label(read: Read) -> None:
    """ "has completed with Distinction the online course"; "Grade Achieved" is printed by
    other issuers than Coursera too: it names no platform."""
    result = read(
        ("NORTHBRIDGE ONLINE", 40, 16),
        ("This is to certify that", 100, 12),
        ("Jean-Pierre Dubois-Martin", 120, 28),
        ("has completed with Distinction the online course", 160, 12),
        ("Renewable Energy Systems", 180, 22),
        ("Grade Achieved: 92.5%", 220, 11),
        ("Total learning time: 5h 30m", 235, 11),
        ("ID BPA/2023/09/5521", 250, 10),
    )
    assert result.course_title == "Renewable Energy Systems"
    assert (result.platform, result.grade_percent, result.hours) == (None, 92.5, 5.5)
    assert result.certificate_id == "BPA/2023/09/5521"


@pytest.mark.parametrize("variant", ["test", "listener"])
def test_russian_wordings_of_a_course_mastered(read: Read, variant: str) -> None:
    head: tuple[Row, ...] = (
        ("Цифровая академия Каспия", 40, 16),
        ("СЕРТИФИКАТ", 80, 26),
    )
    if variant == "test":
        rows: tuple[Row, ...] = (
            ("Подтверждает, что", 120, 12),
            ("Нурмагамбетов Руслан", 140, 24),
            ("прошёл 16-часовой онлайн-курс", 175, 12),
            ("«Основы кибербезопасности»", 195, 18),
            ("и успешно сдал итоговый тест (94%)", 225, 11),
        )
    else:
        rows = (
            ("об успешном освоении онлайн-курса", 120, 12),
            ("«Основы кибербезопасности»", 140, 18),
            ("Слушатель: Нурмагамбетов Руслан", 175, 14),
            ("Объём: 16 академических часов", 200, 11),
            ("Оценка: 94 баллов из 100", 215, 11),
        )
    result = read(
        *head, *rows, ("Дата выдачи: 30.06.2022", 250, 11), ("Рег. № ОУП-22-1507", 265, 10)
    )
    assert result.learner_name == "Нурмагамбетов Руслан"
    assert result.course_title == "Основы кибербезопасности"
    assert (result.hours, result.grade_percent) == (16.0, 94.0)
    assert result.certificate_id == "ОУП-22-1507"


@pytest.mark.parametrize("sign", ["№", "Хе"])  # OCR reads № in Cyrillic text as "Хе"
def test_the_sign_of_a_number_as_ocr_reads_it_in_cyrillic(read: Read, sign: str) -> None:
    result = read(
        ("СЕРТИФИКАТ", 40, 26),
        ("Ахметов Нұрлан Серікұлы", 90, 24),
        ("«Деректерді талдау негіздері» онлайн-курсын", 130, 13),
        ("2023 жылғы 12 қазанда сәтті аяқтады", 150, 13),
        (f"Тіркеу {sign} ЦМ-0912", 190, 10),
        ocr=True,
    )
    assert result.certificate_id == "ЦМ-0912"


def test_a_second_reading_never_takes_the_sign_of_a_number_away() -> None:
    """Read again enlarged, "Рег. № ОУП-22-1507" came back as "Рег. Х> ОУП-22-1507": the
    first reading of the sign stays, and with it the ID's label."""
    old = Line([Word("Рег.", 0, 0, 40, 20, 20, 0.93), Word("№", 45, 0, 60, 20, 20, 0.9)], 0)
    new = Line([Word("Рег.", 0, 0, 40, 20, 20, 0.95), Word("Х>", 45, 0, 60, 20, 20, 0.92)], 0)
    assert merge_readings(old, new).text == "Рег. №"


@pytest.mark.parametrize(
    ("line", "progress"),
    [
        ("Пройдено 12 из 15 модулей", 80.0),
        ("You have completed 18 of 24 lessons", 75.0),
        ("Курс пройден на 45%", 45.0),
    ],
)
def test_a_course_pages_parts_done_and_its_title_under_the_header_bar(
    read: Read, line: str, progress: float
) -> None:
    """The site's name in a header bar beside its navigation is not the course's title; the
    parts of the course done of all its parts are its progress."""
    shot = read(
        ("Учебный портал «Каспий»", 20, 24, 30.0),
        ("Мои курсы    Выход", 24, 22, 620.0),
        ("Бухгалтерский учёт для начинающих", 84, 26, 60.0),
        (line, 132, 16, 60.0),
        ("Тема 4. Баланс предприятия    Не начата", 200, 14, 60.0),
        ocr=True,
    )
    assert shot.kind is EvidenceKind.SCREENSHOT
    assert shot.course_title == "Бухгалтерский учёт для начинающих"
    assert shot.progress_percent == progress


def test_a_modules_own_count_of_steps_is_not_the_courses_progress(read: Read) -> None:
    shot = read(
        ("Stepik", 20, 26, 30.0),
        ("Основы статистики", 84, 26, 60.0),
        ("1.1 Введение", 132, 16, 60.0),
        ("Шагов пройдено: 12 из 12", 160, 14, 60.0),
        ("1.2 Описательная статистика", 200, 16, 60.0),
        ("Шагов пройдено: 3 из 10", 228, 14, 60.0),
        ocr=True,
    )
    assert shot.progress_percent is None


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Ақтау қ., 2024 жылғы «З» сәуір", date(2024, 4, 3)),  # OCR's З for the 3
        ("«О5» ноября 2023 г.", date(2023, 11, 5)),
        ("«12» мая 2024 г.", date(2024, 5, 12)),
    ],
)
def test_an_official_forms_quoted_day_read_in_letters(text: str, day: date) -> None:
    [found] = find_dates(text, None)
    assert found.value == day


def test_all_requirements_of_a_programme_a_letter_grade_and_a_serial(read: Read) -> None:
    result = read(
        ("GLOBAL SKILLS NETWORK", 40, 16),
        ("Certificate", 80, 30),
        ("Zhanna Kaliyeva", 130, 28),
        ("has completed all requirements of the online programme", 170, 12),
        ("Human Resource Management", 190, 22),
        ("and is awarded this certificate on the 5th of May, 2022", 225, 11),
        ("Grade: A (95%)", 245, 11),
        ("Serial: GSN-HRM-77241", 265, 10),
    )
    assert result.course_title == "Human Resource Management"
    assert result.issued_on == date(2022, 5, 5)
    assert (result.grade_percent, result.certificate_id) == (95.0, "GSN-HRM-77241")


@pytest.mark.parametrize("title", ["Score-Based Risk Models", "Total Quality Management"])
def test_a_title_beginning_with_a_number_labels_word_over_completed_by(
    read: Read, title: str
) -> None:
    """A title that begins with the word of a length's or a score's label ("Total", "Score")
    and no number after it is a title, also where the page's type is mostly large (its
    body size then near the title's), and the first part of a compound ("Score-Based")."""
    passive = read(
        ("Mangystau Skills Hub", 40, 18),
        ("Certificate of Completion", 80, 22),
        ("The course", 130, 12),
        (title, 160, 20),
        ("has been successfully completed by", 200, 12),
        ("Nursultan Yessengaliyev", 230, 24),
        ("Issued on: August 13, 2023", 280, 11),
    )
    assert (passive.course_title, passive.learner_name) == (title, "Nursultan Yessengaliyev")
    row = read(
        ("AKTAU IT SCHOOL", 40, 16),
        ("Statement of Accomplishment", 80, 22),
        ("Learner", 130, 10, 80),
        ("Course", 130, 10, 330),
        ("Arman Kudaibergenov", 150, 14, 80),
        (title, 150, 14, 330),
    )
    assert (row.course_title, row.learner_name) == (title, "Arman Kudaibergenov")
    numbered = read(
        ("Certificate", 40, 24), ("Timur Akhmetov", 100, 26), ("Total 40 hours", 150, 14)
    )
    assert numbered.hours == 40


@pytest.mark.parametrize(
    ("verb", "title"),
    [
        ("has successfully completed the course", "Network Security"),  # "Ne", OCR's №
        ("has successfully completed the course", "Total Quality Management"),
        ("has successfully completed the course", "Progress Tracking with Jira"),
        ("успешно окончил курс", "Оценка бизнеса"),
        ("успешно окончил курс", "Дата-инженерия"),
        ("успешно окончил курс", "Объём продаж: как его растить"),
    ],
)
def test_a_title_that_begins_with_a_labels_word_is_a_title(
    read: Read, verb: str, title: str
) -> None:
    result = read(
        ("EDUNOVA", 40, 16),
        ("Certificate of Completion", 80, 24),
        ("This certifies that", 118, 12),
        ("Timur Akhmetov", 142, 26),
        (verb, 180, 12),
        (title, 201, 20),
        ("Issued on: 3 March 2023", 231, 11),
        ("Дата выдачи: 03.03.2023", 246, 11),
    )
    assert result.course_title == title


@pytest.mark.parametrize(
    ("verb", "title"),
    [
        ("has passed the course", "Network Fundamentals"),
        ("participated in the online workshop", "Introduction to Generative AI"),
        ("успешно сдал итоговый экзамен по курсу", "Информационная безопасность"),
        ("успешно сдала экзамен по дисциплине", "Основы маркетинга"),
    ],
)
def test_a_course_passed_or_taken_part_in_is_the_title(read: Read, verb: str, title: str) -> None:
    result = read(
        ("DIGITAL SKILLS HUB", 30, 16),
        ("CERTIFICATE", 70, 28),
        ("This certifies that", 110, 12),
        ("Bauyrzhan Tokayev", 135, 26),
        (verb, 172, 12),
        (title, 193, 20),
        ("Date of issue: 2023-11-17", 228, 11),
    )
    assert (result.learner_name, result.course_title) == ("Bauyrzhan Tokayev", title)


@pytest.mark.parametrize(
    "letterhead", ["LEARNHUB", "ИНСТИТУТ ДИСТАНЦИОННОГО ОБУЧЕНИЯ", "Institute of Modern Skills"]
)
def test_the_issuers_letterhead_over_the_heading_is_not_the_course(
    read: Read, letterhead: str
) -> None:
    """Over a heading that opens a labelled body, a line in capitals or an organisation's
    name is the issuer's: with no course named, no title rather than the issuer."""
    result = read(
        (letterhead, 30, 16),
        ("CERTIFICATE", 70, 28),
        ("This is to certify that", 110, 12),
        ("Bauyrzhan Tokayev", 135, 26),
        ("Date of issue: 2023-11-17", 180, 11),
    )
    assert result.learner_name == "Bauyrzhan Tokayev"
    assert result.course_title is None


def test_the_rest_of_a_heading_on_its_own_line_is_not_the_course(read: Read) -> None:
    """ "CERTIFICATE / of achievement / is presented to …": with the course's sentence not
    known, no title rather than the heading's second line."""
    result = read(
        ("CERTIFICATE", 40, 28),
        ("of achievement", 75, 16),
        ("is presented to", 110, 12),
        ("Aigerim Sadykova", 135, 26),
        ("for having taken part in the quiz", 172, 12),
        ("Date: 18/04/2024", 230, 11),
    )
    assert result.learner_name == "Aigerim Sadykova"
    assert result.course_title is None


def test_a_course_set_over_the_heading_is_the_title(read: Read) -> None:
    """ "Elements of AI / CERTIFICATE OF COMPLETION / Presented to …": the course first."""
    result = read(
        ("UNIVERSITY OF HELSINKI", 20, 10),
        ("Elements of AI", 50, 20),
        ("CERTIFICATE OF COMPLETION", 90, 32),
        ("Presented to", 135, 14),
        ("Nadia Lotfi", 160, 40),
        ("November 1, 2019", 260, 11),
    )
    assert (result.learner_name, result.course_title) == ("Nadia Lotfi", "Elements of AI")


def test_a_result_in_words_with_its_percentage(read: Read) -> None:
    result = read(
        ("SKILLSET INSTITUTE", 30, 16),
        ("CERTIFICATE", 70, 28),
        ("This is to certify that", 110, 12),
        ("Ruslan Kenzhebekov", 135, 26),
        ("has completed the programme", 172, 12),
        ("Mobile App Development with Flutter", 193, 20),
        ("Result: Pass with Distinction (91%)", 228, 11),
        ("Date: 18/04/2024", 246, 11),
    )
    assert result.grade_percent == 91.0


@pytest.mark.parametrize(
    ("sentence", "below", "title"),
    [
        (
            "Awarded to Nurlan Akhmetov for completing Project Management Essentials",
            None,
            "Project Management Essentials",
        ),
        (
            "Nurlan Akhmetov has successfully completed Data Visualization with Tableau",
            None,
            "Data Visualization with Tableau",
        ),
        # what the sentence says after the course is not the course
        (
            "This is to certify that Nurlan Akhmetov successfully completed Network Security "
            "Basics on 12 May 2024.",
            None,
            "Network Security Basics",
        ),
        (
            "Nurlan Akhmetov has completed the course Excel for Business with a score of 93%",
            None,
            "Excel for Business",
        ),
        # a sentence in capitals ending in "of": the course is below it
        (
            "NURLAN AKHMETOV HAS COMPLETED THE ACADEMY'S ONLINE OFFERING OF",
            "Gamification",
            "Gamification",
        ),
    ],
)
def test_a_course_in_a_titles_capitals_after_the_verb_is_the_title(
    read: Read, sentence: str, below: str | None, title: str
) -> None:
    lines: list[Row] = [("SKILLUP ONLINE", 30, 16), ("CERTIFICATE", 70, 28), (sentence, 120, 11)]
    if below:
        lines.append((below, 150, 20))
    result = read(*lines, ("Issued: 3 October 2023", 190, 12))
    assert result.course_title == title
    assert result.learner_name in ("Nurlan Akhmetov", "NURLAN AKHMETOV")


@pytest.mark.parametrize(
    ("words", "titled"),
    [
        ("Project Management Essentials", True),
        ("Data Visualization with Tableau", True),
        ("Python 3 Programming", True),
        ("all modules of the course", False),  # a sentence's case
        ("THE UNIVERSITY'S ONLINE OFFERING OF", False),  # capitals throughout
        ("Introduction to", False),  # ends in a short word: the title is further on
        ("Essentials", False),  # one word says too little
        ("Project Management on 3 October 2023", False),  # a date among the words
        ("Анализ Данных", False),  # title case is English's
    ],
)
def test_words_in_an_english_titles_capitals(words: str, titled: bool) -> None:
    assert values.title_cased(words) is titled


def test_a_courses_bracketed_length_and_a_score_in_percent_words(read: Read) -> None:
    result = read(
        ("WEBLEARN", 30, 16),
        ("Certificate of Completion", 70, 26),
        ("Awarded to", 110, 12),
        ("Yerbol Tursynov", 135, 28),
        ("Course: Digital Marketing Strategy (40 hours)", 180, 14),
        ("with an overall score of 88 percent", 205, 12),
        ("Completion date: 3 March 2023", 230, 11),
    )
    assert (result.course_title, result.hours) == ("Digital Marketing Strategy", 40.0)
    assert result.grade_percent == 88.0


@pytest.mark.parametrize(
    ("heading", "instructors", "when", "length", "day", "hours"),
    [
        (
            "CERTIFICADO DE FINALIZACIÓN",
            "Instructores Carlos Gómez",
            "Fecha 2 de febrero de 2022",
            "Duración 12,5 horas en total",
            date(2022, 2, 2),
            12.5,
        ),
        (
            "ABSCHLUSSZERTIFIKAT",
            "Kursleiter Thomas Müller",
            "Datum 15. März 2024",
            "Länge 6 Gesamtstunden",
            date(2024, 3, 15),
            6.0,
        ),
    ],
)
def test_a_udemy_certificate_in_its_spanish_and_german_interface(
    read: Read, heading: str, instructors: str, when: str, length: str, day: date, hours: float
) -> None:
    """The learner over the date's label, the instructors under the course, in the
    interface's language; the heading is a heading, not the learner."""
    ident = "UC-1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"
    result = read(
        ("udemy", 30, 20, "left"),
        (heading, 90, 12, "left"),
        ("Projektmanagement Grundlagen", 120, 26, "left"),
        (instructors, 160, 11, "left"),
        ("Dana Akhmetova", 400, 26, "left"),
        (when, 440, 11, "left"),
        (length, 460, 11, "left"),
        (f"Certificate no: {ident}", 30, 8, "right"),
        (f"Certificate url: ude.my/{ident}", 45, 8, "right"),
    )
    assert (result.platform, result.learner_name) == ("udemy", "Dana Akhmetova")
    assert result.course_title == "Projektmanagement Grundlagen"
    assert (result.issued_on, result.hours) == (day, hours)


@pytest.mark.parametrize("top", [120, 102])  # the name apart from the heading, or in its block
def test_the_learner_and_the_course_over_completed_on_a_date(read: Read, top: int) -> None:
    """ "… / Cybersecurity Essentials / successfully completed on 12 May 2024": the course is
    the sentence's line above, the learner the name over it, not the course."""
    result = read(
        ("LEARNHUB", 30, 16),
        ("CERTIFICATE", 70, 28),
        ("Aigerim Nurlanova", top, 26),
        ("Cybersecurity Essentials", 160, 20),
        ("successfully completed on 12 May 2024", 195, 12),
    )
    assert (result.learner_name, result.course_title, result.issued_on) == (
        "Aigerim Nurlanova",
        "Cybersecurity Essentials",
        date(2024, 5, 12),
    )


def test_a_persons_name_with_a_patronymic_is_never_the_course(read: Read) -> None:
    """The course first, then "успешно прошёл" over the learner: the line under the verb is
    a person (a patronymic), so not the course; no course is better than the learner's name."""
    result = read(
        ("ЦЕНТР ЦИФРОВЫХ КОМПЕТЕНЦИЙ", 30, 12),
        ("СЕРТИФИКАТ", 70, 28),
        ("Курс", 110, 12),
        ("«Управление проектами в IT»", 130, 18),
        ("успешно прошёл", 160, 12),
        ("Жумабаев Арман Серикович", 180, 20),
        ("Дата: 12.12.2023", 215, 11),
    )
    assert result.course_title != "Жумабаев Арман Серикович"
    assert values.course_title("Ахметова Айгерим Болатқызы") is None
    assert values.course_title("Управление проектами в IT") == "Управление проектами в IT"


@pytest.mark.parametrize(
    ("size", "tops"),
    [
        (26, (120, 157, 176, 213)),  # two blocks, the name's label out of the line's reach
        (30, (120, 153, 170, 235)),  # close enough to be one paragraph, but for the line
    ],
)
def test_a_name_is_not_joined_to_a_course_over_a_line_between_them(
    read: Read, size: int, tops: tuple[int, int, int, int]
) -> None:
    """Udemy's instructors' line between the course and the learner keeps them apart: neither
    one paragraph nor a name over two blocks."""
    ident = "UC-1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"
    result = read(
        ("udemy", 30, 20, "left"),
        ("ABSCHLUSSZERTIFIKAT", 90, 12, "left"),
        ("Projektmanagement Grundlagen", tops[0], size, "left"),
        ("Kursleiter Thomas Müller", tops[1], 10, "left"),
        ("Dana Akhmetova", tops[2], size, "left"),
        ("Datum 15. März 2024", tops[3], 10, "left"),
        (f"Zertifikats-URL: ude.my/{ident}", 45, 8, "right"),
    )
    assert (result.learner_name, result.course_title) == (
        "Dana Akhmetova",
        "Projektmanagement Grundlagen",
    )


@pytest.mark.parametrize("line", ["Қорытынды тест: 92 ұпай", "Қорытынды емтихан нәтижесі: 92%"])
def test_a_kazakh_final_tests_points(read: Read, line: str) -> None:
    result = read(
        ("Skills Enbek", 20, 16, "left"),
        ("Python тілінде бағдарламалау негіздері", 60, 20, "left"),
        ("Курс барысы: 100%", 95, 15, "left"),
        (line, 125, 15, "left"),
        ocr=True,
    )
    assert (result.grade_percent, result.progress_percent) == (92.0, 100.0)


def test_the_course_over_completed_by_is_the_title(read: Read) -> None:
    result = read(
        ("LEARNLY", 30, 16),
        ("Certificate of Completion", 70, 24),
        ("Machine Learning Foundations", 110, 24),
        ("completed by", 145, 12),
        ("Gulnara Iskakova", 170, 26),
        ("on 17 February 2024", 210, 12),
    )
    assert (result.course_title, result.learner_name) == (
        "Machine Learning Foundations",
        "Gulnara Iskakova",
    )


@pytest.mark.parametrize("length", ["(72 ак. ч.)", "(72 ак. 4.)", "72 акад. часа"])
def test_an_educational_programme_mastered_and_its_academic_hours(read: Read, length: str) -> None:
    """ "освоил(а) образовательную программу «…»", the hours abbreviated ("ак. ч.", whose ч
    OCR reads as 4)."""
    result = read(
        ("АКАДЕМИЯ ЦИФРОВЫХ ТЕХНОЛОГИЙ", 30, 12),
        ("СЕРТИФИКАТ", 70, 28),
        ("подтверждает, что", 110, 12),
        ("Ким Александр Сергеевич", 135, 20),
        ("освоил(а) образовательную программу", 170, 12),
        ("«Анализ данных на Python»", 192, 16),
        (length, 220, 11),
        ("Дата выдачи: 30.08.2024", 245, 11),
    )
    assert (result.course_title, result.hours) == ("Анализ данных на Python", 72.0)


@pytest.mark.parametrize(
    "sentence",
    [
        "an online non-credit course authorized by EIT Digital and offered through Coursera",
        "an online non-credit project authorized by Coursera Project Network",
        "an online non-credit specialization authorized by University of Michigan and offered "
        "through Coursera",
    ],
)
def test_a_sentence_in_large_letters_under_a_lost_title_is_not_the_title(
    read: Read, sentence: str
) -> None:
    """The title hidden (a highlighter, a smudge): the issuer's sentence under it, as large
    as a title, begins with three words and more of a label's: no title rather than that."""
    result = read(
        ("COURSE CERTIFICATE", 30, 18),
        ("07/01/2020", 90, 11),
        ("Dmytro Nikulin", 110, 26),
        ("has successfully completed", 150, 11),
        (sentence, 215, 27),
        ("Verify at coursera.org/verify/6ZV294TY7Q29", 300, 10),
    )
    assert result.course_title is None
    assert result.learner_name == "Dmytro Nikulin"


@pytest.mark.parametrize(
    "label", ["Certificate holder:", "Сертификат иегері:", "Владелец сертификата:", "Қатысушы:"]
)
def test_the_holder_of_the_certificate_is_the_learner(read: Read, label: str) -> None:
    result = read(
        ("СЕРТИФИКАТ", 40, 26),
        (f"{label} Жұмабаева Әйгерім", 90, 14),
        ("Курс: Python негіздері", 110, 12),
        ("Күні: 05.09.2023", 130, 11),
    )
    assert result.learner_name == "Жұмабаева Әйгерім"


@pytest.mark.parametrize(
    ("line", "progress"),
    [
        ("Ваш прогресс: 12 из 40 лекций", 30.0),
        ("Progress: 18/24 lessons completed", 75.0),
        ("Курс барысы: 8/10 сабақ", 80.0),
        ("Баллы: 10 из 10", None),  # points, not parts of the course
        # the share of the course done, in other words
        ("You've completed 64% of the steps", 64.0),
        ("Вы прошли 45% курса", 45.0),
        ("Ваш прогрес: 55%", 55.0),
        ("Сіз курстың 60%-ын аяқтадыңыз", 60.0),
    ],
)
def test_a_count_of_the_courses_parts_after_a_progress_label(
    read: Read, line: str, progress: float | None
) -> None:
    shot = read(
        ("SkillForge", 20, 24, 30.0),
        ("My courses    Account", 24, 16, 600.0),
        ("Excel for Business Analysis", 84, 26, 60.0),
        (line, 132, 16, 60.0),
        ("Lesson 19. Pivot tables    Not started", 200, 14, 60.0),
        ocr=True,
    )
    assert shot.progress_percent == progress


@pytest.mark.parametrize(
    ("rows", "name", "title"),
    [
        (
            [
                ("The course", 100, 12),
                ("Data Privacy Essentials", 120, 22),
                ("has been successfully completed by", 150, 12),
                ("Aliya Sadykova", 170, 28),
            ],
            "Aliya Sadykova",
            "Data Privacy Essentials",
        ),
        (
            [
                ("Курс", 100, 12),
                ("«Основы SQL для аналитиков»", 120, 20),
                ("успешно пройден слушателем", 150, 12),
                ("Иванов Иван Петрович", 170, 26),
            ],
            "Иванов Иван Петрович",
            "Основы SQL для аналитиков",
        ),
        (
            [
                ("«Python бағдарламалау негіздері» курсы бойынша", 100, 13),
                ("Жұмабаева Әйгерімге", 125, 26),
                ("берілді", 160, 13),
            ],
            "Жұмабаева Әйгерімге",  # as printed: the identity check knows the dative
            "Python бағдарламалау негіздері",
        ),
        (
            [
                ("Сертифікат підтверджує, що Олена Коваленко успішно завершила курс", 100, 12),
                ("«Основи публічних закупівель»", 125, 20),
            ],
            "Олена Коваленко",
            "Основи публічних закупівель",
        ),
    ],
)
def test_the_course_first_then_the_learner(
    read: Read, rows: list[Row], name: str, title: str
) -> None:
    result = read(("СЕРТИФИКАТ", 40, 28), *rows, ("15.03.2024", 220, 11))
    assert (result.learner_name, result.course_title) == (name, title)


def test_a_credential_label_gives_the_id(read: Read) -> None:
    result = read(*UNLISTED_HEAD, ("Credential: LW-ML-88213", 520, 10))
    assert result.certificate_id == "LW-ML-88213"


def test_a_signatorys_role_past_another_label_does_not_take_the_learner(read: Read) -> None:
    """ "Director of the Academy" under the date: the learner's name above the date is not
    the director's."""
    result = read(
        ("Aktau IT School", 40, 18),
        ("Certificate of Completion", 70, 22),
        ("The course", 100, 12),
        ("Web Design for Everybody", 120, 20),
        ("has been successfully completed by", 150, 12),
        ("Inzhu Abdirakhmanova", 170, 24),
        ("Issued on: Jan 18, 2020", 205, 11),
        ("Director of the Academy", 225, 9),
    )
    assert result.learner_name == "Inzhu Abdirakhmanova"


def test_ukrainian_letters_read_as_russian_ones_still_match(read: Read) -> None:
    """OCR without a Ukrainian model reads є as е ("підтверджуе"), and "пі" as "ш"."""
    result = read(
        ("СЕРТИФІКАТ", 40, 28),
        ("Сертифікат підтверджуе, що Олена Коваленко успішно завершила курс", 100, 12),
        ("«Публічні закупівлі»", 125, 20),
        ocr=True,
    )
    assert (result.learner_name, result.course_title) == ("Олена Коваленко", "Публічні закупівлі")
    # and "пі" as one "ш" ("шдтверджуе"), in a photo
    photo = read(
        ("СЕРТИФІКАТ", 40, 28),
        ("Сертифікат шдтверджуе, що Олена Коваленко успішно завершила курс", 100, 12),
        ocr=True,
    )
    assert photo.learner_name == "Олена Коваленко"


def test_a_row_of_headings_names_the_values_in_the_row_under_it(read: Read) -> None:
    """A table whose headings stand alone in a row ("Learner", "Course") and whose values
    stand in the row under them, each in its heading's column."""
    result = read(
        ("GLOBAL DATA SCHOOL", 60, 16),
        ("Statement of Accomplishment", 90, 24),
        ("Learner", 140, 10, 120),
        ("Course", 140, 10, 460),
        ("Yerbol Kassymov", 160, 14, 120),
        ("Applied Statistics with R", 160, 14, 460),
        ("Completed", 200, 10, 120),
        ("Score", 200, 10, 460),
        ("June 30, 2024", 218, 13, 120),
        ("91%", 218, 13, 460),
    )
    assert (result.learner_name, result.course_title, result.grade_percent) == (
        "Yerbol Kassymov",
        "Applied Statistics with R",
        91.0,
    )
    one_word = read(  # a name of one word, in the type of the row, under its heading
        ("Learner", 140, 10, 120),
        ("Course", 140, 10, 460),
        ("Madina", 160, 14, 120),
        ("Machine Learning", 160, 14, 460),
        ("Completed", 200, 10, 120),
        ("December 3, 2020", 218, 13, 120),
    )
    assert (one_word.learner_name, one_word.course_title) == ("Madina", "Machine Learning")
    # a heading set over two lines is no heading row: "COURSE" over "CERTIFICATE" names none
    coursera = read(
        ("COURSE", 73, 20, 556),
        ("CERTIFICATE", 96, 20, 556),
        ("Nguyen Duc Thien", 210, 31, 81),
        ("has successfully completed", 255, 12, 80),
        ("Build a Google Firebase Web Application", 281, 18, 80),
    )
    assert coursera.course_title == "Build a Google Firebase Web Application"


def test_proficiency_shown_and_a_course_listened_to(read: Read) -> None:
    """ "for demonstrating proficiency in"; Russian "Удостоверяем, что" and "прослушал(а)
    курс", its grade in points with no scale printed ("с оценкой 92 балла")."""
    spaced = partial(_spaced, read)
    shown = spaced(
        "Certificate of Proficiency",
        "is hereby granted to",
        "#Arailym Zhumagulova",
        "for demonstrating proficiency in",
        "#Cloud Computing Fundamentals",
    )
    assert shown.course_title == "Cloud Computing Fundamentals"
    listened = spaced(
        "СВИДЕТЕЛЬСТВО",
        "Удостоверяем, что",
        "#Ахметов Ержан Болатович",
        "прослушал(а) курс",
        "#«Основы финансовой грамотности»",
        "и успешно сдал(а) итоговую аттестацию с оценкой 92 балла",
    )
    assert (listened.learner_name, listened.course_title, listened.grade_percent) == (
        "Ахметов Ержан Болатович",
        "Основы финансовой грамотности",
        92.0,
    )


@pytest.mark.parametrize(
    ("text", "grade"),
    [("92 балла", 92.0), ("81 балл.", 81.0), ("87 ұпай", 87.0), ("4 балла", None),
     ("45 баллов из 50", None), ("150 баллов", None), ("12 баллов 5", None)],
)  # fmt: skip
def test_points_of_the_hundred_point_scale(text: str, grade: float | None) -> None:
    """Points with their unit are a percentage when no other scale follows them and they are
    10–100 (a 5-point scale's mark is one digit)."""
    assert values.points(text) == grade


def test_a_short_russian_word_beside_a_latin_one_is_russian() -> None:
    """OCR reads "по" as "no" and "и" as "u"; beside "JavaScript" the line is no longer
    counted Cyrillic, so each is put right by itself."""
    assert harmonise_scripts("Полный курс no JavaScript") == "Полный курс по JavaScript"
    assert harmonise_scripts("Основы HTML u CSS") == "Основы HTML и CSS"
    assert harmonise_scripts("No Code Development") == "No Code Development"


def test_a_letters_second_reading_never_turns_its_script() -> None:
    """The Latin-script network reads "курс" as "kypc" (the same shapes, no mark): the word
    stays as first read; a mark it adds is taken."""
    word = Word("курс", 0, 0, 40, 20, 20, 0.96)
    assert _marked(word, replace(word, text="kypc")).text == "курс"
    garcia = replace(word, text="Garcia")
    assert _marked(garcia, replace(word, text="García")).text == "García"


def test_round_37_wordings_of_issuers_abroad_and_at_home(read: Read) -> None:
    """A course named inside the sentence whose line ends without a comma, its next line
    "administered by …" (never a course); "has satisfactorily completed" and "has completed
    to satisfaction"; the sign of a number OCR read as "Ме" ("Тіркеу Ме 000451"), while a
    word beginning with those letters ("Network …") is no number's label; Kazakh "өтті" read
    as "етт!"."""
    spaced = partial(_spaced, read)
    cisco = spaced(
        "Certificate of Course Completion",
        "#Nurlan Seitkali",
        "has successfully achieved student level credential for completing Introduction to "
        "Cybersecurity course",
        "administered by the undersigned instructor. The student was able to proficiently:",
    )
    assert (cisco.learner_name, cisco.course_title) == (
        "Nurlan Seitkali",
        "Introduction to Cybersecurity",
    )
    for verb in ("has satisfactorily completed", "has completed to satisfaction"):
        done = spaced("Mangystau Skills Hub", "#Talgat Bekmukhambetov", verb, "#Data Ethics")
        assert done.kind is EvidenceKind.CERTIFICATE, verb
        assert (done.learner_name, done.course_title) == ("Talgat Bekmukhambetov", "Data Ethics")
    register = read(
        ("СЕРТИФИКАТ", 40, 26),
        ("Осы сертификат", 100, 14),
        ("Сейтқали Айгерім", 150, 26),
        ("«Цифрлық сауаттылық негіздері» онлайн курсын сәтті аяқтағаны үшін берілді", 210, 13),
        ("Тіркеу Ме 000451", 300, 11),
        ocr=True,
    )
    assert register.certificate_id == "000451"
    table = read(
        ("Statement of Accomplishment", 40, 22),
        ("Learner", 100, 10, 100),
        ("Course", 100, 10, 500),
        ("Arman Kudaibergenov", 120, 16, 100),
        ("Network Security Basics", 120, 16, 500),
    )
    assert (table.learner_name, table.course_title) == (
        "Arman Kudaibergenov",
        "Network Security Basics",
    )
    passed = spaced("СЕРТИФИКАТ", "#Кудайбергенов Арман", "«Жобаларды басқару» онлайн-курстан етт!")
    assert passed.course_title == "Жобаларды басқару"


def test_a_kazakh_course_page_in_the_genitive(read: Read) -> None:
    """ "Курстың барысы" (the course's progress), a week's and a lesson's words: a course page
    (printed to PDF too), its course and progress read."""
    page = read(
        ("Менің курстарым", 30, 11, "left"),
        ("Алгоритмдер және деректер құрылымы", 70, 18, "left"),
        ("Курстың барысы: 75%", 110, 12, "left"),
        ("2-апта: Сабақ 3. Аралық бағалау", 140, 11, "left"),
    )
    assert page.kind is EvidenceKind.SCREENSHOT
    assert (page.course_title, page.progress_percent) == ("Алгоритмдер және деректер құрылымы", 75)


def test_a_quoted_course_opening_a_sentence_is_no_name_before_its_verb() -> None:
    """ "«Excel негіздері» онлайн курсын аяқтағаны үшін берілді": the words before "берілді"
    begin with a quoted course, so they are not the learner in the dative ("Excel")."""
    assert values.learner_name("«Excel негіздері» онлайн курсын аяқтағаны үшін", True) is None
    assert values.learner_name("Жұмабаева Гүлбикеге", True) == "Жұмабаева Гүлбикеге"


def test_a_heading_after_a_bracket_ocr_made_of_a_frame_is_a_heading(read: Read) -> None:
    """ "(СЕРТИФИКАТ ОБ ОКОНЧАНИИ": the bracket is OCR's reading of an edge before the heading,
    which still names the course under it (a Udemy certificate captured in a browser)."""
    udemy = read(
        ("udemy", 40, 16, "left"),
        ("(СЕРТИФИКАТ ОБ ОКОНЧАНИИ", 70, 9, "left"),
        ("Project Management Foundations", 100, 22, "left"),
        ("Преподаватели Jose Portilla", 140, 10, "left"),
        ("Arman Seiitkali", 200, 24, "left"),
        ("Дата 27 апр. 2020 г.", 240, 10, "left"),
        ocr=True,
    )
    assert (udemy.course_title, udemy.learner_name) == (
        "Project Management Foundations",
        "Arman Seiitkali",
    )


def test_round_38_wordings(read: Read) -> None:
    """A learning platform's "Completed on <date>" under the course with no verb; a grade as
    a share of "the maximum number of points"; Portuguese "Certificamos que <name> concluiu o
    curso <course>" on one line (a course in title case with accents and "de"); Spanish
    "Diploma del Curso de <course>"; Kazakh "… оқуды аяқтады" over "Оқу көлемі: 120 сағат"
    (a length under its label, never the course); a number that begins with a date."""
    spaced = partial(_spaced, read)
    platform = spaced(
        "CERTIFICATE OF COMPLETION",
        "#Yerbol Nurlanov",
        "#Python Fundamentals",
        "Completed on March 3, 2022",
        "Duration 5h 12m",
    )
    assert (platform.course_title, platform.issued_on) == ("Python Fundamentals", date(2022, 3, 3))
    assert platform.hours == 5.2
    points = spaced(
        "Record of Achievement",
        "#Marat Ospanov",
        "successfully completed the course",
        "#Introduction to Successful Remote Teamwork",
        "offered from May 4, 2021 to May 18, 2021 with 90% of the maximum number of points.",
    )
    assert (points.course_title, points.grade_percent) == (
        "Introduction to Successful Remote Teamwork",
        90,
    )
    pt = spaced(
        "CERTIFICADO",
        "Certificamos que João Pedro Silva concluiu o curso Gestão de Projetos Ágeis",
        "com carga horária de 20 horas em 10/05/2021.",
    )
    assert (pt.learner_name, pt.course_title, pt.hours) == (
        "João Pedro Silva",
        "Gestão de Projetos Ágeis",
        20,
    )
    es = spaced("#Diploma del Curso de Python Básico", "Otorgado a", "#Juan Carlos Pérez")
    assert (es.learner_name, es.course_title) == ("Juan Carlos Pérez", "Python Básico")
    kk = spaced(
        "СЕРТИФИКАТ",
        "#Бекова Алия",
        "«Frontend-әзірлеу» бағдарламасы бойынша оқуды аяқтады",
        "Оқу көлемі: 120 сағат",
    )
    assert (kk.course_title, kk.hours) == ("Frontend-әзірлеу", 120)
    capitals = spaced(
        "FOR SUCCESSFULLY COMPLETING",
        "#Statistics Fundamentals with Python",
        "LENGTH",
        "#20 HOURS",
        "COMPLETED ON",
        "JAN 02, 2023",
    )
    assert (capitals.course_title, capitals.hours) == ("Statistics Fundamentals with Python", 20)
    assert values.certificate_id("2023-07-14-00123") == "2023-07-14-00123"
    assert values.certificate_id("2023-07-14") is None


def test_a_dates_label_opens_a_course_only_with_a_number_after_it(read: Read) -> None:
    """ "Data Science: R Basics" and "Date and Time in Python" begin with the words of a
    date's label ("Data", "Date"): with no number after them they are courses, under the
    course's label or joined to a "Congratulations, …" line; "Congratulations, <one word>"
    addresses the learner by a name of one word."""
    spaced = partial(_spaced, read)
    joined = read(
        ("Certificate of Completion", 40, 24),
        ("Congratulations, Aliya Saduakassova", 100, 21),
        ("Data Science: R Basics", 126, 21),
        ("Course completed on Oct 18, 2023 at 10:05AM UTC • 3 hours 45 min", 190, 11),
    )
    assert (joined.learner_name, joined.course_title) == (
        "Aliya Saduakassova",
        "Data Science: R Basics",
    )
    assert joined.hours == 3.75
    table = read(
        ("Statement of Accomplishment", 40, 22),
        ("Learner", 100, 10, 100),
        ("Course", 100, 10, 500),
        ("Nursultan Yessengaliyev", 120, 14, 100),
        ("Date and Time in Python", 120, 14, 500),
        ("Completed", 170, 10, 100),
        ("June 14th, 2022", 190, 13, 100),
    )
    assert table.course_title == "Date and Time in Python"
    one = spaced(
        "Certificate of Completion",
        "Congratulations, Temirlan",
        "You have successfully completed",
        "#SQL for Data Science",
    )
    assert (one.learner_name, one.course_title) == ("Temirlan", "SQL for Data Science")


def test_the_kazakh_u_in_a_latin_code_is_the_y_it_looks_like() -> None:
    """OCR's Kazakh model reads a code's Y as Ү (the same shape)."""
    assert latin("05Ү/2022/02/7369") == "05Y/2022/02/7369"


def test_course_pages_navigation_row_mastery_and_a_russian_progress(read: Read) -> None:
    """A site's navigation row over the course ("Moodle | Dashboard My courses") is never the
    course's heading; "Course mastery: 67%" is the progress; Russian "Прогресс:" with the
    modules done is not the Ukrainian "Прогрес" (whose value, looked for below, was the grade
    on the next line)."""
    moodle = read(
        ("Moodle | Dashboard My courses", 20, 16, "left"),
        ("Introduction to Databases", 70, 26, "left"),
        ("User report - Aliya Bekova", 120, 13, "left"),
        ("Quiz 1: SQL basics   90.00 %", 170, 13, "left"),
        ("Assignment: ER diagram   80.00 %", 200, 13, "left"),
        ("Final exam   84.00 %", 230, 13, "left"),
        ocr=True,
    )
    assert moodle.course_title == "Introduction to Databases"
    khan = read(
        ("Khan Academy   Courses   Search", 20, 14, "left"),
        ("Algebra 1", 70, 26, "left"),
        ("Course mastery: 67%", 120, 16, "left"),
        ("Unit 1: Algebra foundations   Mastered", 170, 13, "left"),
        ocr=True,
    )
    assert (khan.kind, khan.progress_percent) == (EvidenceKind.SCREENSHOT, 67)
    ru = read(
        ("Мои курсы   Оценки   Выход", 20, 14, "left"),
        ("Основы цифровой грамотности", 70, 24, "left"),
        ("Прогресс: 8 из 10 модулей", 120, 14, "left"),
        ("Итоговая оценка: 92 балла из 100", 150, 14, "left"),
        ocr=True,
    )
    assert (ru.progress_percent, ru.grade_percent) == (80, 92)
    assert values.navigation_row("Moodle | Dashboard My courses")
    assert not values.navigation_row("Home Automation with Arduino")
