"""A line Tesseract joined across two columns — a side column's small print and the main
column's title, or a sentence and the signatory's column beside it — is cut back into its
columns, measured against the smaller text at the gap (the line's one size is the title's, by
which the gap looks narrow). Seen on a Coursera specialization certificate re-saved as JPEG:
the title came back as "tmimatenwinonser JavaScript for Beginners" and the sentence before it
ran on into "— Design Department &", so neither title nor name was found."""

from __future__ import annotations

import random
from xml.sax.saxutils import escape

import pytest

from extractors.anchors import load_reading
from extractors.fields.reader import read_fields
from extractors.layout import Document, PageLayout
from extractors.model import TextSource
from extractors.ocr import parse_hocr
from extractors.platforms import build_matchers
from flows.datafiles import Catalog

HocrWord = tuple[str, float, float, float, float, int]  # text, x0, y0, x1, y1, confidence %


def hocr(*lines: list[HocrWord]) -> bytes:
    """Tesseract's hOCR for the given lines, each as Tesseract grouped its words."""
    spans = []
    for n, words in enumerate(lines):
        inner = "".join(
            f"<span class='ocrx_word' title='bbox {x0:.0f} {y0:.0f} {x1:.0f} {y1:.0f}; "
            f"x_wconf {conf}'>{escape(text)}</span> "
            for text, x0, y0, x1, y1, conf in words
        )
        spans.append(f"<span class='ocr_line' id='line_{n}' title='bbox 0 0 1 1'>{inner}</span>")
    body = "".join(spans)
    return f'<html xmlns="http://www.w3.org/1999/xhtml"><body>{body}</body></html>'.encode()


def run(words: str, x: float, top: float, size: float, conf: int = 93) -> list[HocrWord]:
    """Words set from ``x`` at ``top`` in letters of ``size`` (capital height 0.72 em, half an
    em a letter, 0.3 em between words)."""
    out = []
    for word in words.split():
        width = 0.5 * size * len(word)
        out.append((word, x, top, x + width, top + 0.72 * size, conf))
        x += width + 0.3 * size
    return out


def test_a_side_columns_words_are_cut_from_the_title_they_were_read_with() -> None:
    side = run("Animation with JavaScript", 66, 424, 14, conf=40)
    title = run("JavaScript for Beginners", 300, 406, 44)
    listed, heading = sorted(parse_hocr(hocr(side + title)), key=lambda line: line.x0)
    assert (listed.text, heading.text) == ("Animation with JavaScript", "JavaScript for Beginners")
    assert heading.size > 2 * listed.size


def test_a_speck_in_the_gap_does_not_bridge_it_and_is_dropped() -> None:
    sentence = run("has completed the online Specialization", 299, 334, 16)
    speck = [("—", sentence[-1][3] + 12, 334, sentence[-1][3] + 24, 336, 29)]
    beside = run("Design Department &", speck[0][3] + 12, 334, 16)
    lines = parse_hocr(hocr(sentence + speck + beside))
    assert [line.text for line in lines] == [
        "has completed the online Specialization",
        "Design Department &",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The Science of Well-Being > Week 1 > Graded Quiz",  # a breadcrumb's wide separators
        "Python — Data Structures",  # a dash read surely is part of the line
        "Certificate No: 12345",
    ],
)
def test_one_columns_line_stays_one(text: str) -> None:
    words = run(text, 64, 152, 15)
    assert [line.text for line in parse_hocr(hocr(words))] == [text]


@pytest.mark.parametrize("seed", range(4))
def test_a_specialization_certificate_whose_columns_ocr_joined(catalog: Catalog, seed: int) -> None:
    """Generated variants: the side column's list of courses at the title's height and the
    signatory's column at the sentence's, joined by Tesseract; the name, the title and the
    platform are read as on the page."""
    rng = random.Random(seed)
    name = rng.choice(["Anna Sofronova", "Dana Abenova", "Timur Sadykov"])
    course = rng.choice(["JavaScript for Beginners", "Data Science Foundations", "Deep Learning"])
    listed = rng.choice(["Animation with JavaScript", "Introduction to R", "Applied Statistics"])
    title_size = rng.uniform(34, 46)
    gap = rng.uniform(1.7, 2.6) * 14  # wider than the list's letters allow, narrow for the title
    side = run(listed, 66, 424, 14, conf=rng.randint(10, 60))
    title = run(course, side[-1][3] + gap, 406, title_size)
    sentence = run("has successfully completed the online non-credit Specialization", 299, 334, 16)
    signatory = run("Design Department &", sentence[-1][3] + rng.uniform(2.2, 3) * 16, 334, 16)
    page = parse_hocr(
        hocr(
            run("coursera", 66, 100, 26),
            run("Dec 3, 2021", 299, 260, 17),
            run(name, 299, 297, 28) + run("William Mead", 862, 304, 15),
            run("Instructor and Lecturer", 862, 324, 14),
            sentence + signatory,
            side + title,
        )
    )
    doc = Document([PageLayout(0, 1200, 927, page)], TextSource.OCR, from_image=True)
    reading = load_reading(platform_ids=set(catalog.platforms))
    matchers = build_matchers(list(catalog.platforms.values()), reading.wordings)
    result = read_fields(doc, reading, matchers)
    assert (result.platform, result.learner_name, result.course_title) == ("coursera", name, course)
