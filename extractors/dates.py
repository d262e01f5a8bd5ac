"""Dates as certificates write them, in English, Russian and Kazakh.

"04/22/2020" · "Aug 30, 2024" · "Sept. 25, 2016" · "Issued January 5th, 2015" · "12.11.2024" ·
"25 ноября 2024 г." · "2024 жылғы 25 қараша" · "25.11.2024 ж." · "2024-11-25". Numeric dates with
slashes follow the platform's ``date_order``; when that is unknown and the day could be the month,
the date is left out rather than guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_EN = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_RU = {
    "январ": 1,
    "феврал": 2,
    "март": 3,
    "апрел": 4,
    "ма": 5,
    "июн": 6,
    "июл": 7,
    "август": 8,
    "сентябр": 9,
    "октябр": 10,
    "ноябр": 11,
    "декабр": 12,
}
_KK = {
    "қаңтар": 1,
    "ақпан": 2,
    "наурыз": 3,
    "сәуір": 4,
    "мамыр": 5,
    "маусым": 6,
    "шілде": 7,
    "тамыз": 8,
    "қыркүйек": 9,
    "қазан": 10,
    "қараша": 11,
    "желтоқсан": 12,
}

_EN_MONTH = r"(?P<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"  # noqa: E501
_RU_MONTH = r"(?P<rmon>январ[яь]|феврал[яь]|марта?|апрел[яь]|ма[яй]|июн[яь]|июл[яь]|августа?|сентябр[яь]|октябр[яь]|ноябр[яь]|декабр[яь])"  # noqa: E501
_KK_MONTH = r"(?P<kmon>қаңтар|ақпан|наурыз|сәуір|мамыр|маусым|шілде|тамыз|қыркүйек|қазан|қараша|желтоқсан)[а-яәғқңөұүһі]*"  # noqa: E501
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"

_PATTERNS = [
    # letter-spaced PDFs may leave the month glued to the day ("Aug30, 2024")
    re.compile(rf"\b{_EN_MONTH}\s*{_DAY},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_DAY}\s+{_EN_MONTH},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_DAY}\s+{_RU_MONTH}\s+{_YEAR}(?:\s*г(?:ода|\.)?)?", re.IGNORECASE),
    re.compile(rf"\b{_YEAR}\s+жыл(?:ғы|ы)?\s+{_DAY}\s+{_KK_MONTH}", re.IGNORECASE),
    re.compile(rf"\b{_DAY}\s+{_KK_MONTH}\s+{_YEAR}(?:\s*ж\.?)?", re.IGNORECASE),
    re.compile(rf"\b{_YEAR}-(?P<nmon>[01]\d)-(?P<nday>[0-3]\d)\b"),
    re.compile(r"\b(?P<dd>[0-3]?\d)\.(?P<mm>[01]?\d)\.(?P<yyyy>(?:19|20)\d\d)\b"),
    re.compile(r"\b(?P<a>[01]?\d|[23]\d)/(?P<b>[0-3]?\d)/(?P<yyyy>(?:19|20)\d\d)\b"),
]


@dataclass(frozen=True, slots=True)
class FoundDate:
    value: date | None  # None: a date is there but cannot be read without guessing
    start: int
    end: int
    text: str


def _month(table: dict[str, int], word: str) -> int | None:
    word = word.lower().rstrip(".")
    for stem in sorted(table, key=len, reverse=True):
        if word.startswith(stem):
            return table[stem]
    return None


def _make(year: int, month: int | None, day: int) -> date | None:
    if month is None:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def find_dates(text: str, slash_order: str | None = None) -> list[FoundDate]:
    """Every date in ``text``, left to right; overlapping matches are kept once."""
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            g = m.groupdict()
            value: date | None
            if g.get("mon"):
                value = _make(int(g["year"]), _month(_EN, g["mon"]), int(g["day"]))
            elif g.get("rmon"):
                value = _make(int(g["year"]), _month(_RU, g["rmon"]), int(g["day"]))
            elif g.get("kmon"):
                value = _make(int(g["year"]), _month(_KK, g["kmon"]), int(g["day"]))
            elif g.get("nmon"):
                value = _make(int(g["year"]), int(g["nmon"]), int(g["nday"]))
            elif g.get("dd"):
                value = _make(int(g["yyyy"]), int(g["mm"]), int(g["dd"]))
            else:
                a, b, year = int(g["a"]), int(g["b"]), int(g["yyyy"])
                if a > 12:
                    value = _make(year, b, a)
                elif b > 12 or a == b or slash_order == "mdy":
                    value = _make(year, a, b)
                elif slash_order == "dmy":
                    value = _make(year, b, a)
                else:
                    value = None
            taken.append((m.start(), m.end()))
            found.append(FoundDate(value, m.start(), m.end(), m.group(0)))
    return sorted(found, key=lambda f: f.start)
