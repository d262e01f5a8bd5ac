"""The date of issue (or of completion): a date after its label wins; otherwise the one full
date the document prints. The end of a period ("from … to …", "с … по …", "del … al …") is the
completion; a licence's date, or a date a browser printed in its header, is not the
certificate's. A month and a year alone are said to be only that."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from datetime import date

from extractors.dates import FoundDate, find_dates, month_year
from extractors.fields.anchoring import Candidate, ocr_factor
from extractors.layout import Document, Line

# Lines whose dates belong to something else than the certificate.
_OTHER_DOCUMENT = re.compile(
    r"licen[cs]e|лицензи|аккредитац|accredit|огрн|инн\b|бин\b|valid\s+(?:until|through|thru)|"
    r"действител\w*\s+до|expir|born|дата\s+рождения|туған",
    re.IGNORECASE,
)
_RANGE = re.compile(
    r"^\s*(?:-|–|—|to|until|till|through|thru|по|до|al|hasta|au|bis|дейін)\s*$", re.IGNORECASE
)
_PAGE_MARK = re.compile(r"^\s*\d+\s*/\s*\d+\s*$|^\s*page\s+\d+", re.IGNORECASE)


def _header_or_footer(line: Line, doc: Document) -> bool:
    """A browser's print header or footer: a line in the top or bottom strip of a page whose
    strips also hold a page counter ("1/1"); a certificate's own address and date may sit in
    its bottom strip too, without a counter."""
    page = next((p for p in doc.pages if p.index == line.page), None)
    if page is None or not page.height:
        return False

    def at_edge(x: Line) -> bool:
        return x.y1 < 0.08 * page.height or x.y0 > 0.92 * page.height

    if not at_edge(line):
        return False
    return any(at_edge(other) and _PAGE_MARK.match(other.text) for other in page.lines)


def dates_in(line: Line, order: str | None) -> list[FoundDate]:
    """The line's full dates; of a period only its end."""
    found = [f for f in find_dates(line.text, order)]
    ends: list[FoundDate] = []
    skip: set[int] = set()
    for i, (a, b) in enumerate(itertools.pairwise(found)):
        between = line.text[a.end : b.start]
        if _RANGE.match(between) or re.match(r"^\s*(?:al|to|по|-|–|—)\s+", between):
            skip.add(i)
    for i, f in enumerate(found):
        if i not in skip:
            ends.append(f)
    return ends


def read_issue_date(
    doc: Document, labelled: Sequence[Candidate], order: str | None
) -> tuple[Candidate | None, list[str]]:
    warnings: list[str] = []
    if labelled:
        values = {c.value for c in labelled}
        if len(values) == 1:
            return max(labelled, key=lambda c: c.conf), warnings
        warnings.append(
            "issued_on: different dates after date labels ("
            + ", ".join(sorted(str(v) for v in values))
            + "); left empty"
        )
        return None, warnings
    found: dict[date, Candidate] = {}
    unreadable = False
    for line in doc.lines:
        if _OTHER_DOCUMENT.search(line.text) or _header_or_footer(line, doc):
            continue
        for f in dates_in(line, order):
            if f.value is None:
                unreadable = True
                continue
            cand = Candidate(
                "issued_on",
                f.value,
                0.92 * ocr_factor(line.conf),
                "the only date printed",
                line.page,
            )
            if f.value not in found or found[f.value].conf < cand.conf:
                found[f.value] = cand
    if len(found) == 1:
        return next(iter(found.values())), warnings
    if len(found) > 1:
        warnings.append(
            "issued_on: several dates ("
            + ", ".join(sorted(d.isoformat() for d in found))
            + ") and none marked as the date of issue; left empty"
        )
        return None, warnings
    if unreadable:
        warnings.append("issued_on: a date with slashes could be day/month or month/day")
        return None, warnings
    partial = month_year(doc.text)
    if partial:
        warnings.append(f"issued_on: only a month and year are printed ({partial})")
    return None, warnings
