"""Kazakh forms used in findings and documents (see ``shared/kazakh.md``)."""

from __future__ import annotations

from datetime import date

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
