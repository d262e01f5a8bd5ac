"""The Kazakh individual identification number (ЖСН / IIN): 12 digits with a check digit.

Layout: YYMMDD, a digit for century and sex (1–6), four serial digits, the check digit. The check
digit is the weighted sum of the first 11 digits modulo 11 with weights 1…11; when that gives 10
the weights 3…11, 1, 2 are used; when it gives 10 again, the number is never issued.
"""

from __future__ import annotations

from datetime import date

_FIRST = tuple(range(1, 12))
_SECOND = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)
_CENTURY = {1: 1800, 2: 1800, 3: 1900, 4: 1900, 5: 2000, 6: 2000}


def check_digit(first_eleven: str) -> int | None:
    """The check digit for 11 digits, or None when no valid IIN can start with them."""
    digits = [int(c) for c in first_eleven]
    for weights in (_FIRST, _SECOND):
        rest = sum(d * w for d, w in zip(digits, weights, strict=True)) % 11
        if rest != 10:
            return rest
    return None


def iin_problem(iin: str) -> str | None:
    """Why ``iin`` is not a valid IIN, or None when it is. Never echoes the number itself."""
    if len(iin) != 12 or not iin.isdigit():
        return "an IIN has exactly 12 digits"
    century_digit = int(iin[6])
    if century_digit not in _CENTURY:
        return "the 7th digit (century and sex) must be 1–6"
    year = _CENTURY[century_digit] + int(iin[0:2])
    try:
        date(year, int(iin[2:4]), int(iin[4:6]))
    except ValueError:
        return "the first six digits are not a valid date of birth"
    expected = check_digit(iin[:11])
    if expected is None:
        return "no valid IIN starts with these 11 digits"
    if expected != int(iin[11]):
        return "the check digit does not match"
    return None


def mask(iin: str) -> str:
    """What logs and screens may show of an IIN."""
    return f"{iin[:2]}********{iin[-2:]}" if len(iin) == 12 else "************"
