"""Grading (4.1, 5.7): every boundary of both scales, the rounding rule, and properties."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from flows.datafiles import Catalog
from recognition.findings import Status
from recognition.grading import Band, ScaleVersion, check_threshold, grade, to_points

DAY = date(2026, 11, 25)

# The credit-technology scale as the issue states it: letter, min, max, GPA, traditional (kk).
EXPECTED = [
    ("A", 95, 100, "4.0", "өте жақсы"),
    ("A-", 90, 94, "3.67", "өте жақсы"),
    ("B+", 85, 89, "3.33", "жақсы"),
    ("B", 80, 84, "3.0", "жақсы"),
    ("B-", 75, 79, "2.67", "жақсы"),
    ("C+", 70, 74, "2.33", "қанағаттанарлық"),
    ("C", 65, 69, "2.0", "қанағаттанарлық"),
    ("C-", 60, 64, "1.67", "қанағаттанарлық"),
    ("D+", 55, 59, "1.33", "қанағаттанарлық"),
    ("D", 50, 54, "1.0", "қанағаттанарлық"),
    ("FX", 25, 49, "0.5", "қанағаттанарлықсыз"),
    ("F", 0, 24, "0", "қанағаттанарлықсыз"),
]


@pytest.fixture(scope="module")
def credit(catalog: Catalog) -> ScaleVersion:
    return catalog.scales["credit-technology"].at(DAY)


@pytest.fixture(scope="module")
def single_f(catalog: Catalog) -> ScaleVersion:
    return catalog.scales["single-f"].at(DAY)


@pytest.mark.parametrize(("letter", "low", "high", "gpa", "kk"), EXPECTED)
def test_every_boundary_of_the_credit_scale(
    credit: ScaleVersion, letter: str, low: int, high: int, gpa: str, kk: str
) -> None:
    for score in (low, high):
        g = grade(score, credit)
        assert (g.letter, g.gpa, g.traditional_kk) == (letter, Decimal(gpa), kk)
        assert g.positive is (low >= 50)
    # Rounding half up: half a point below the band's lowest score already reaches it,
    # anything less stays in the band below.
    if low > 0 and low != 50:  # 49.5 stays below the pass mark: test_documented_rounding
        assert grade(Decimal(low) - Decimal("0.5"), credit).letter == letter
        assert grade(Decimal(low) - Decimal("0.51"), credit).letter != letter
    if high < 100:
        assert grade(Decimal(high) + Decimal("0.49"), credit).letter == letter


@pytest.mark.parametrize(
    ("score", "points", "letter"),
    [
        ("94.5", 95, "A"),
        ("94.49", 94, "A-"),
        ("49.5", 49, "FX"),  # below 50 as given (5.7): never rounded up into a pass
        ("49.99", 49, "FX"),
        ("50", 50, "D"),
        ("49.4", 49, "FX"),
        ("0", 0, "F"),
        ("100", 100, "A"),
        ("24.5", 25, "FX"),
        ("74,5".replace(",", "."), 75, "B-"),
    ],
)
def test_documented_rounding(credit: ScaleVersion, score: str, points: int, letter: str) -> None:
    g = grade(score, credit)
    assert (g.points, g.letter) == (points, letter)


def test_single_f_scale_has_no_fx(single_f: ScaleVersion) -> None:
    for score in (0, 24, 25, 49):
        assert grade(score, single_f).letter == "F"
    assert grade(50, single_f).letter == "D"


@pytest.mark.parametrize("score", ["-0.1", "100.01", "NaN", "abc", "Infinity"])
def test_scores_outside_the_scale_are_refused(credit: ScaleVersion, score: str) -> None:
    with pytest.raises(ValueError):
        grade(score, credit)


scores = st.decimals(min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False)


@given(a=scores, b=scores)
def test_a_higher_score_never_earns_a_lower_grade(catalog: Catalog, a: Decimal, b: Decimal) -> None:
    scale = catalog.scales["credit-technology"].at(DAY)
    low, high = sorted((a, b))
    assert grade(low, scale).gpa <= grade(high, scale).gpa


@given(score=scores)
def test_every_score_has_exactly_one_band_and_rounds_half_up(
    catalog: Catalog, score: Decimal
) -> None:
    scale = catalog.scales["credit-technology"].at(DAY)
    points = to_points(score)
    assert abs(Decimal(points) - score) <= Decimal("0.5")
    assert score - points != Decimal("0.5")  # halves go up, never down
    assert sum(b.min_points <= points <= b.max_points for b in scale.bands) == 1


@given(score=scores)
def test_threshold_refuses_exactly_below_fifty(catalog: Catalog, score: Decimal) -> None:
    """5.7: recognised iff the score, as the commission gave it, reaches 50 points; a refused
    score never shows a passing letter."""
    scale = catalog.scales["credit-technology"].at(DAY)
    result = grade(score, scale)
    f = check_threshold(result, 50, "5.7", formal=False)
    assert f.clause == "5.7"
    assert (f.status is Status.OK) is (score >= 50)
    assert result.positive is (score >= 50)


def test_formal_outcomes_cite_4_1(credit: ScaleVersion) -> None:
    f = check_threshold(grade(40, credit), 50, "4.1", formal=True)
    assert (f.clause, f.status) == ("4.1", Status.REFUSED)


def _band(letter: str, low: int, high: int, gpa: str) -> dict[str, object]:
    return {
        "letter": letter,
        "min_points": low,
        "max_points": high,
        "gpa": gpa,
        "traditional_kk": "x",
        "traditional_ru": "x",
        "ects": "A" if low >= 50 else "F",
        "positive": low >= 50,
    }


def test_a_scale_with_a_gap_is_rejected() -> None:
    with pytest.raises(ValidationError, match="gap or overlap"):
        ScaleVersion.model_validate(
            {
                "from": "2020-01-01",
                "reference": "r",
                "bands": [_band("A", 51, 100, "4"), _band("F", 0, 49, "0")],
            }
        )


def test_a_scale_that_does_not_reach_100_is_rejected() -> None:
    with pytest.raises(ValidationError, match="whole scale"):
        ScaleVersion.model_validate(
            {
                "from": "2020-01-01",
                "reference": "r",
                "bands": [_band("A", 50, 99, "4"), _band("F", 0, 49, "0")],
            }
        )


def test_band_min_above_max_is_rejected() -> None:
    with pytest.raises(ValidationError):
        Band.model_validate(_band("A", 90, 80, "4"))


@pytest.mark.parametrize(
    ("score", "letter", "ects"),
    [(100, "A", "A"), (91, "A-", "A"), (86, "B+", "B"), (77, "B-", "C"), (66, "C", "D"),
     (52, "D", "E"), (30, "FX", "FX"), (10, "F", "F")],
)  # fmt: skip
def test_a_grade_is_also_given_in_ects(
    credit: ScaleVersion, score: int, letter: str, ects: str
) -> None:
    """5.7: the grade in the letter system with its digital equivalent and in ECTS; the ECTS
    grade is a column of the grading scale (data), versioned with it."""
    result = grade(score, credit)
    assert (result.letter, result.ects) == (letter, ects)


def test_a_band_without_its_ects_grade_is_a_data_error() -> None:
    band = _band("A", 50, 100, "4.0")
    band["ects"] = "A+"
    with pytest.raises(ValidationError, match="ects"):
        Band.model_validate(band)
