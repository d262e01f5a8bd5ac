"""Fuzzing, for a bounded time: the date and field parsers and document rendering take any
Unicode (control characters, bidi marks, surrogate-free junk, long runs) without an uncaught
exception, and what they return keeps its type."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors.anchors import load_reading
from extractors.clean import harmonise_scripts, latin, normalize_word
from extractors.dates import find_dates
from extractors.fields import values
from extractors.fields.reader import read_fields
from extractors.layout import Document, PageLayout, Word, make_lines
from extractors.model import TextSource
from extractors.platforms import build_matchers
from flows.datafiles import load_catalog
from flows.documents.contexts import TranscriptContext, TranscriptRow
from flows.documents.render import render
from tests.conftest import DATA

TEXT = st.text(
    alphabet=st.characters(codec="utf-8"),  # any character a file name or a PDF can hold
    max_size=200,
)
# what certificates are made of, so that the parsers' deeper paths are reached too
PIECES = st.lists(
    st.sampled_from(
        [
            "Aug 30, 2024",
            "25 ноября 2024 г.",
            "2024 жылғы 25 қараша",
            "04/22/2020",
            "12.11.2024",
            "Certificate ID:",
            "coursera.org/verify/",
            "UC-1A2B3C4D",
            "has successfully completed",
            "«",
            "»",
            "%",
            "Grade received 95%",
            "3 weeks, 3 hours per week",
            "Всего 19ч",
            "\u202e",
            "\u200b",
            "ﬁ",
            "O0l1S5",
        ]
    )
    | TEXT,
    max_size=12,
).map(" ".join)
FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(PIECES, st.sampled_from([None, "mdy", "dmy"]))
def test_dates_never_fail(text: str, order: str | None) -> None:
    for found in find_dates(text, order):
        assert found.value is None or isinstance(found.value, date)


@FUZZ
@given(PIECES)
def test_text_repairs_and_value_parsers_never_fail(text: str) -> None:
    for fn in (normalize_word, harmonise_scripts, latin):
        assert isinstance(fn(text), str)
    assert values.learner_name(text, inline=False) is None or isinstance(
        values.learner_name(text, inline=False), str
    )
    for parse in (values.hours, values.percent, values.leading_number):
        got = parse(text)
        assert got is None or isinstance(got, float)
    assert values.course_title(text) is None or isinstance(values.course_title(text), str)


CATALOG = load_catalog(DATA)
READING = load_reading(platform_ids=set(CATALOG.platforms))
MATCHERS = build_matchers(list(CATALOG.platforms.values()), READING.wordings)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(PIECES, st.floats(6, 40)), min_size=1, max_size=12), st.booleans())
def test_the_field_reader_never_fails(rows: list[tuple[str, float]], ocr: bool) -> None:
    words = []
    for n, (text, size) in enumerate(rows):
        x = 40.0
        for part in text.split():
            width = 0.5 * size * len(part)
            words.append(Word(part, x, 30.0 * n, x + width, 30.0 * n + size, size, 0.9))
            x += width + 0.3 * size
    if not words:
        return
    page = PageLayout(0, 800.0, 600.0, make_lines(words))
    source = TextSource.OCR if ocr else TextSource.PDF_TEXT
    result = read_fields(Document([page], source, from_image=ocr), READING, MATCHERS)
    for name in ("learner_name", "course_title", "certificate_id", "verify_url"):
        value = result.value(name)
        assert value is None or isinstance(value, str)
    assert result.issued_on is None or isinstance(result.issued_on, date)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT, TEXT)
def test_documents_render_any_unicode(name: str, course: str) -> None:
    context = TranscriptContext(
        university="Есенов Университеті",
        learner=name,
        learner_id="L-0012",
        programme="6B06101",
        rows=[
            TranscriptRow(
                code="X1",
                name=course,
                credits=5,
                hours=150,
                score="90",
                letter="A-",
                gpa="3,67",
                traditional="өте жақсы",
                ects="A",
                basis="хаттама № 1",
            )
        ],
        exemption="Соңғы жол.",
        date="2026 жылғы 25 қараша",
        registrar="Т. Г. А.",
    )
    with tempfile.TemporaryDirectory() as folder:
        out = render("transcript", context, Path(folder) / "t.docx")
        assert out.stat().st_size > 0
