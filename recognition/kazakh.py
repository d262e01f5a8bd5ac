"""Kazakh forms used in findings and documents (see ``shared/kazakh.md``)."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

MONTHS = [
    "қаңтар",
    "ақпан",
    "наурыз",
    "сәуір",
    "мамыр",
    "маусым",
    "шілде",
    "тамыз",
    "қыркүйек",
    "қазан",
    "қараша",
    "желтоқсан",
]
_BACK = set("аоұыу")
_FRONT = set("әеөүіи")
_VOWELS = _BACK | _FRONT | set("эюяё")
_VOICELESS = set("пфкқтсшщхцчһ")


def locative_attributive(word: str) -> str:
    """The suffix -дағы/-дегі/-тағы/-тегі by vowel harmony and the last sound:
    қаңтар → қаңтардағы, сәуір → сәуірдегі, шілде → шілдедегі, қыркүйек → қыркүйектегі."""
    last = word[-1].lower()
    vowels = [c for c in word.lower() if c in _BACK or c in _FRONT]
    front = bool(vowels) and vowels[-1] in _FRONT
    consonant = "т" if last in _VOICELESS else "д"
    return f"{word}{consonant}{'егі' if front else 'ағы'}"


def long_date(day: date, attributive: bool = True) -> str:
    """``2026 жылғы 25 қарашадағы``; without the suffix ``2026 жылғы 25 қараша`` (a date standing
    alone, beside a signature). Month names are not capitalised."""
    month = MONTHS[day.month - 1]
    return f"{day.year} жылғы {day.day} {locative_attributive(month) if attributive else month}"


def numeric_date(day: date) -> str:
    """``25.11.2026 ж.``"""
    return f"{day:%d.%m.%Y} ж."


def decimal(value: object) -> str:
    """Decimal comma, as Kazakh documents write numbers: ``3,67``."""
    return str(value).replace(".", ",")


def initials(full_name: str) -> str:
    """``Сәдуақасова Әлия Нұрланқызы`` → ``Сәдуақасова Ә. Н.``"""
    parts = full_name.split()
    if not parts:
        return full_name
    return " ".join([parts[0], *(f"{p[0]}." for p in parts[1:3])])


def in_words(number: int) -> str:
    """A whole number in Kazakh words (num2words' ``kz``): 240 → екі жүз қырық."""
    from num2words import num2words  # imported here: only the documents need it

    return str(num2words(number, lang="kz"))


# A share in words, as the regulation writes the quorum (5.9: "үштен екісі", two thirds): the
# denominator in the ablative, the numerator with its possessive ending.
_DENOMINATOR_KK = {
    2: "екіден", 3: "үштен", 4: "төрттен", 5: "бестен", 6: "алтыдан",
    7: "жетіден", 8: "сегізден", 9: "тоғыздан", 10: "оннан",
}  # fmt: skip
_NUMERATOR_KK = {
    1: "бірі", 2: "екісі", 3: "үші", 4: "төрті", 5: "бесі",
    6: "алтысы", 7: "жетісі", 8: "сегізі", 9: "тоғызы",
}  # fmt: skip
_NUMERATOR_EN = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_DENOMINATOR_EN = {
    2: "half", 3: "third", 4: "quarter", 5: "fifth", 6: "sixth",
    7: "seventh", 8: "eighth", 9: "ninth", 10: "tenth",
}  # fmt: skip


def share_in_words(share: Fraction) -> tuple[str, str]:
    """A share of the members in Kazakh and English words: 2/3 is ("үштен екісі", "two
    thirds"), 1/2 ("екіден бірі", "one half"); one the tables do not name, in percent."""
    n, d = share.numerator, share.denominator
    if d not in _DENOMINATOR_KK or not 0 < n < d:
        percent = f"{float(share) * 100:g}%"
        return percent, percent
    english = f"{_NUMERATOR_EN[n]} {_DENOMINATOR_EN[d]}" + ("s" if n > 1 else "")
    return f"{_DENOMINATOR_KK[d]} {_NUMERATOR_KK[n]}", english
