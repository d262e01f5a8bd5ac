"""The cap (4.6 with 4.3): examples and properties."""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from recognition.cap import CapRequest, allocate
from recognition.findings import Status

FIFTH = Fraction(1, 5)
D = date(2026, 11, 1)


def test_exactly_at_the_cap_fits_one_more_credit_does_not() -> None:
    [fits] = allocate(
        [CapRequest("X", 6, D)], total_credits=240, share=FIFTH, already_recognised=42
    )
    assert fits.fits and fits.finding.status is Status.OK and fits.finding.clause == "4.6"
    [over] = allocate(
        [CapRequest("X", 7, D)], total_credits=240, share=FIFTH, already_recognised=42
    )
    assert not over.fits and over.finding.status is Status.REFUSED


def test_fractional_cap_is_exact() -> None:
    """20% of 121 is 24.2: 24 credits fit, 25 do not."""
    [a] = allocate([CapRequest("X", 24, D)], total_credits=121, share=FIFTH, already_recognised=0)
    [b] = allocate([CapRequest("X", 25, D)], total_credits=121, share=FIFTH, already_recognised=0)
    assert a.fits and not b.fits


def test_batch_order_is_by_submission_then_code_and_smaller_later_requests_still_fit() -> None:
    requests = [
        CapRequest("C-late", 3, D + timedelta(days=2)),
        CapRequest("B", 6, D),
        CapRequest("A", 5, D),  # same day as B: A comes first by code
    ]
    items = allocate(requests, total_credits=60, share=FIFTH, already_recognised=0)  # cap 12
    assert [(i.request.component, i.fits) for i in items] == [
        ("A", True),
        ("B", True),
        ("C-late", False),
    ]
    items = allocate(requests, total_credits=60, share=FIFTH, already_recognised=2)  # 10 left
    assert [(i.request.component, i.fits) for i in items] == [
        ("A", True),
        ("B", False),
        ("C-late", True),
    ]


requests_st = st.lists(
    st.builds(
        CapRequest,
        component=st.text("ABCDEFGH", min_size=1, max_size=3),
        credits=st.integers(1, 15),
        submitted_on=st.dates(date(2024, 1, 1), date(2027, 1, 1)),
    ),
    max_size=12,
    unique_by=lambda r: r.component,
)


@given(
    requests=requests_st,
    total=st.integers(30, 300),
    prior=st.integers(0, 60),
    share=st.sampled_from([Fraction(1, 5), Fraction(1, 4), Fraction(1, 10)]),
)
def test_cap_properties(
    requests: list[CapRequest], total: int, prior: int, share: Fraction
) -> None:
    items = allocate(requests, total_credits=total, share=share, already_recognised=prior)
    cap = total * share
    granted = sum(i.request.credits for i in items if i.fits)
    # Never more than the cap, counting the ledger (unless the ledger alone is already over).
    assert prior + granted <= max(cap, Fraction(prior))
    # Whole or nothing, each request decided once.
    assert sorted(i.request.component for i in items) == sorted(r.component for r in requests)
    # A refusal happens only when the request did not fit at its turn.
    for item in items:
        assert item.fits is (item.used_before + item.request.credits <= cap)
    # Stable: the order of the input does not matter.
    again = allocate(
        list(reversed(requests)), total_credits=total, share=share, already_recognised=prior
    )
    assert [(i.request, i.fits) for i in again] == [(i.request, i.fits) for i in items]
