from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from recognition.iin import check_digit, iin_problem, mask

VALID = ["050722624714", "040315553053", "980514306145"]


@pytest.mark.parametrize("iin", VALID)
def test_sample_iins_are_valid(iin: str) -> None:
    assert iin_problem(iin) is None


@pytest.mark.parametrize(
    ("iin", "problem"),
    [
        ("05072262471", "exactly 12 digits"),
        ("05072262471a", "exactly 12 digits"),
        ("050722724714", "7th digit"),
        ("051322624714", "date of birth"),
        ("050722624715", "check digit"),
    ],
)
def test_invalid_iins_say_why(iin: str, problem: str) -> None:
    reason = iin_problem(iin)
    assert reason is not None and problem in reason
    assert iin not in reason  # the number itself is never echoed


@given(st.from_regex(r"\A[0-9]{2}(0[1-9]|1[0-2])(0[1-9]|1[0-9]|2[0-8])[1-6][0-9]{4}\Z"))
def test_exactly_one_check_digit_is_accepted(first_eleven: str) -> None:
    digit = check_digit(first_eleven)
    accepted = [d for d in range(10) if iin_problem(first_eleven + str(d)) is None]
    assert accepted == ([] if digit is None else [digit])


def test_mask_hides_the_middle() -> None:
    assert mask("050722624714") == "05********14"
