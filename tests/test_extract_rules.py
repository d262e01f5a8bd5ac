"""Extraction rules without OCR: dates, text repairs, platform patterns and field rules."""

from __future__ import annotations

import re
from datetime import date

import pytest

from extractors.clean import (
    collapse_spaced_page,
    harmonise_scripts,
    latin,
    normalize,
)
from extractors.dates import find_dates
from extractors.fields import (
    classify,
    course_title,
    grade_percent,
    hours,
    identifiers,
    issued_on,
    learner_name,
    progress_percent,
    repair_id,
)
from extractors.model import EvidenceKind, Line
from extractors.platforms import build_matchers, detect_platform
from flows.datafiles import Catalog


def lines(*texts: str, conf: float = 1.0) -> list[Line]:
    return [Line(t, conf) for t in texts]


@pytest.mark.parametrize(
    ("text", "order", "expected"),
    [
        ("04/22/2020", "mdy", date(2020, 4, 22)),
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
    ],
)
def test_dates_as_certificates_write_them(text: str, order: str | None, expected: date) -> None:
    [found] = find_dates(normalize(text), order)
    assert found.value == expected


def test_ambiguous_slash_date_is_left_unread_without_the_platforms_order() -> None:
    [found] = find_dates("05/04/2021", None)
    assert found.value is None
    assert find_dates("05/04/2021", "dmy")[0].value == date(2021, 4, 5)


def test_letter_spaced_pages_are_collapsed() -> None:
    page = [
        "cour s e ra",
        "0 4/2 5 /20 25",
        "Meru yert  Ospa nova",
        "ha s  s u cc essf ul ly  comp let ed",
        "A ug 30,  2024",
    ]
    assert collapse_spaced_page(page) == [
        "coursera",
        "04/25/2025",
        "Meruyert Ospanova",
        "has successfully completed",
        "Aug30, 2024",
    ]
    assert find_dates("Aug30, 2024")[0].value == date(2024, 8, 30)


def test_ordinary_pages_are_left_alone() -> None:
    page = ["Python for Everybody", "No. 12 of 20", "Issued  on 6 October 2023"]
    assert collapse_spaced_page(page) == [
        "Python for Everybody",
        "No. 12 of 20",
        "Issued on 6 October 2023",
    ]


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("This certi cate is issued", "This certificate is issued"),
        ("This certi\ufffdcate is issued", "This certificate is issued"),
        ("Certi cate of completion", "Certificate of completion"),
        ("The ﬁnal ﬂow", "The final flow"),
        (
            "authorized bydeeplearning.aiand offered through Coursera",
            "authorized by deeplearning.ai and offered through Coursera",
        ),
        (
            "Verify at https://coursera.org/verify/\nABCD1234EFGH",
            "Verify at https://coursera.org/verify/ABCD1234EFGH",
        ),
    ],
)
def test_text_repairs(raw: str, clean: str) -> None:
    assert normalize(raw) == clean


def test_mixed_scripts_from_ocr() -> None:
    assert harmonise_scripts("Соursera has соnfirmed") == "Coursera has confirmed"
    assert harmonise_scripts("Introduction to Python а course") == (
        "Introduction to Python a course"
    )
    assert harmonise_scripts("Нұрсұлтaн Маратұлы") == "Нұрсұлтан Маратұлы"
    assert latin("https://соursera.оrg/verify/АВС123") == "https://coursera.org/verify/ABC123"


def test_ids_are_repaired_to_the_platforms_pattern() -> None:
    se = re.compile(r"(?<![A-Za-z0-9-])(SE-[0-9]{8})(?![A-Za-z0-9])")
    hexid = re.compile(r"(?<![A-Za-z0-9-])([0-9a-f]{32})(?![A-Za-z0-9])")
    assert repair_id("5E-41429916", se) == "SE-41429916"
    assert repair_id("3423a4b83093cecafB2b51da5ed7936l", hexid) == (
        "3423a4b83093cecaf82b51da5ed79361"
    )
    assert repair_id("not-an-id", se) is None


def test_platform_detection(catalog: Catalog) -> None:
    matchers = build_matchers(list(catalog.platforms.values()))

    def detect(text: str) -> str | None:
        m = detect_platform(matchers, text, latin(text))
        return None if m is None else m.platform.id

    assert detect("Verify at coursera.org/verify/ABCDEF123456") == "coursera"
    assert detect("https://stepik.org/cert/1234567") == "stepik"
    assert detect("СЕРТИФИКАТ Skills Enbek") == "skills-enbek"
    assert detect("Caspian Digital Academy") is None
    assert detect("Coursera and Udemy") is None  # a tie is no answer


def test_id_and_url_must_agree(catalog: Catalog) -> None:
    matchers = {m.platform.id: m for m in build_matchers(list(catalog.platforms.values()))}
    coursera = matchers["coursera"]
    ident, url, warnings = identifiers(
        lines("Verify at coursera.org/verify/ABCDEF123456"), [], coursera
    )
    assert ident and ident.value == "ABCDEF123456"
    assert url and url.value == "https://coursera.org/verify/ABCDEF123456"
    ident, url, warnings = identifiers(
        lines("Certificate ID: ABCDEF123456", "coursera.org/verify/ZZZZZZ999999"), [], coursera
    )
    assert ident is None and url is None and "different IDs" in warnings[0]
    # Only the ID printed: the canonical URL is built, by kind (a specialization)
    ident, url, _ = identifiers(
        lines("Specialization", "Certificate ID: ABCDEF123456"), [], coursera
    )
    assert url and url.value == "https://coursera.org/verify/specialization/ABCDEF123456"
    # The URL from a QR code alone
    stepik = matchers["stepik"]
    ident, url, _ = identifiers(lines("Сертификат"), ["https://stepik.org/cert/7654321"], stepik)
    assert ident and ident.value == "7654321"


def test_names_titles_and_dates_by_label() -> None:
    doc = lines(
        "coursera",
        "Aug 30, 2024",
        "Aliya Saduakassova",
        "has successfully completed",
        "Machine Learning",
        "an online non-credit course authorized by Stanford",
    )
    assert learner_name(doc).value == "Aliya Saduakassova"  # type: ignore[union-attr]
    assert course_title(doc).value == "Machine Learning"  # type: ignore[union-attr]
    day, _ = issued_on(doc, "mdy")
    assert day and day.value == date(2024, 8, 30)
    edx = lines(
        "This is to certify that",
        "Arman Seiitkali",
        "successfully completed and received a passing grade in",
        "PH125.1x: Data Science: R Basics",
        "a course of study offered by HarvardX",
    )
    assert learner_name(edx).value == "Arman Seiitkali"  # type: ignore[union-attr]
    assert course_title(edx).value == "Data Science: R Basics"  # type: ignore[union-attr]
    kk = lines(
        "Осымен расталады:",
        "Сәдуақасова Әлия",
        "«Цифрлық сауаттылық» онлайн-курсын сәтті аяқтады",
        "Берілген күні: 2024 жылғы 25 қараша",
    )
    assert learner_name(kk).value == "Сәдуақасова Әлия"  # type: ignore[union-attr]
    assert course_title(kk).value == "Цифрлық сауаттылық"  # type: ignore[union-attr]
    assert issued_on(kk, None)[0].value == date(2024, 11, 25)  # type: ignore[union-attr]


def test_several_unmarked_dates_are_not_guessed() -> None:
    day, warnings = issued_on(lines("Course ran 1 March 2024 – 30 April 2024"), None)
    assert day is None and "several dates" in warnings[0]


def test_a_line_that_is_not_a_name_is_not_taken_for_one() -> None:
    assert learner_name(lines("This is to certify that", "Machine Learning Specialization")) is None


def test_grade_is_not_the_pass_threshold() -> None:
    quiz = lines("Congratulations! You passed!", "Grade received 95%     To pass 80% or higher")
    assert grade_percent(quiz).value == 95.0  # type: ignore[union-attr]
    assert grade_percent(lines("To pass 80% or higher")) is None
    assert grade_percent(lines("с результатом 92%")).value == 92.0  # type: ignore[union-attr]


def test_hours_and_progress() -> None:
    assert hours(lines("Length 22.5 total hours")).value == 22.5  # type: ignore[union-attr]
    assert hours(lines("Объём курса: 36 часов")).value == 36.0  # type: ignore[union-attr]
    assert hours(lines("Курс көлемі: 24 академиялық сағат")).value == 24.0  # type: ignore[union-attr]
    assert hours(lines("10 hours", "12 hours")) is None  # two values: no answer
    assert progress_percent(lines("Прогресс по курсу: 45%")).value == 45.0  # type: ignore[union-attr]
    assert progress_percent(lines("Course progress: 65% complete")).value == 65.0  # type: ignore[union-attr]
    assert progress_percent(lines("Курс барысы: 70%")).value == 70.0  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("This is to certify that X has successfully completed", EvidenceKind.CERTIFICATE),
        ("Grade received 100% To pass 80% Next item Quiz", EvidenceKind.SCREENSHOT),
        ("ҚАЗАҚСТАН РЕСПУБЛИКАСЫ ЖЕКЕ КУӘЛІК", EvidenceKind.IDENTITY_DOCUMENT),
        ("Есенов Университеті Президенті Өтініш сұраймын", EvidenceKind.APPLICATION),
        ("Lorem ipsum dolor sit amet", EvidenceKind.OTHER),
    ],
)
def test_kinds(text: str, kind: EvidenceKind) -> None:
    assert classify(text, from_image=False)[0] is kind
