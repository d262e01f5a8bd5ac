"""Grading (4.1, 5.7): 100-point score → letter → digital equivalent → traditional grade.

Scores may be fractional (an average of several examiners). **The threshold** (5.7: a score
*below* 50 is not recognised) is applied to the score as the commission gave it: 49.5 is below
50 and is not recognised. **Rounding** only finds the letter band, because the scale and the
transcript are in whole points: a score is rounded half up (94.5 → 95 → A, 94.49 → 94 → A-),
except that a score below the lowest positive band is never rounded into it (49.5 → 49 → FX,
not 50 → D), so that a refused score never shows a passing letter. Rounding is exact (decimal),
never binary floating point. The scale itself is data
(``data/regulation/grading-scales.yaml``), versioned by date.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from recognition.findings import Finding, Status, finding
from recognition.kazakh import decimal
from recognition.parameters import NotInForce

MAX_POINTS = 100


class Band(BaseModel):
    """One letter of the scale and the whole points it covers (both ends included)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    letter: str = Field(min_length=1, max_length=3)
    min_points: int = Field(ge=0, le=MAX_POINTS)
    max_points: int = Field(ge=0, le=MAX_POINTS)
    gpa: Decimal = Field(ge=0, le=5, description="digital equivalent")
    traditional_kk: str
    traditional_ru: str
    ects: str = Field(pattern=r"^(A|B|C|D|E|FX|F)$", description="the ECTS grade (5.7)")
    positive: bool = Field(description="a positive grade in the sense of 4.1 and 5.7")

    @model_validator(mode="after")
    def _ordered(self) -> Band:
        if self.min_points > self.max_points:
            raise ValueError(f"band {self.letter}: min_points is above max_points")
        return self


class ScaleVersion(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    effective_from: date = Field(alias="from")
    reference: str = Field(min_length=1)
    bands: list[Band]

    @field_validator("bands")
    @classmethod
    def _covers_scale(cls, bands: list[Band]) -> list[Band]:
        """Bands must cover 0–100 with no gap or overlap; higher points never earn a lower GPA."""
        ordered = sorted(bands, key=lambda b: b.min_points)
        if not ordered or ordered[0].min_points != 0 or ordered[-1].max_points != MAX_POINTS:
            raise ValueError("bands must cover the whole scale from 0 to 100 points")
        for lower, upper in itertools.pairwise(ordered):
            if upper.min_points != lower.max_points + 1:
                raise ValueError(
                    f"bands {lower.letter} and {upper.letter} leave a gap or overlap "
                    f"({lower.max_points} → {upper.min_points})"
                )
            if upper.gpa < lower.gpa:
                raise ValueError(f"band {upper.letter} has a lower GPA than {lower.letter}")
        letters = [b.letter for b in ordered]
        if len(set(letters)) != len(letters):
            raise ValueError("a letter appears twice")
        return ordered

    def band_for(self, points: int) -> Band:
        for band in self.bands:
            if band.min_points <= points <= band.max_points:
                return band
        raise ValueError(f"{points} points are outside the scale")  # unreachable after validation


class GradingScale(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    name_kk: str
    name_en: str
    versions: list[ScaleVersion] = Field(min_length=1)

    @field_validator("versions")
    @classmethod
    def _distinct_dates(cls, versions: list[ScaleVersion]) -> list[ScaleVersion]:
        days = [v.effective_from for v in versions]
        if len(set(days)) != len(days):
            raise ValueError("two versions take effect on the same date")
        return sorted(versions, key=lambda v: v.effective_from)

    def at(self, day: date) -> ScaleVersion:
        in_force = [v for v in self.versions if v.effective_from <= day]
        if not in_force:
            raise NotInForce(f"grading scale {self.id}: no version in force on {day.isoformat()}")
        return in_force[-1]


@dataclass(frozen=True, slots=True)
class Grade:
    """A score as the transcript shows it."""

    score: Decimal  # as given by the commission
    points: int  # rounded half up
    letter: str
    gpa: Decimal
    traditional_kk: str
    traditional_ru: str
    ects: str  # the ECTS grade 5.7 asks for beside the letter and its digital equivalent
    positive: bool


def to_points(score: Decimal | int | str) -> int:
    """Round a 0–100 score half up to whole points (see the module docstring)."""
    try:
        value = Decimal(str(score))
    except InvalidOperation as exc:
        raise ValueError(f"score {score!r} is not a number") from exc
    if not value.is_finite() or not 0 <= value <= MAX_POINTS:
        raise ValueError(f"score {score} is outside the 100-point scale (0–100)")
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def grade(score: Decimal | int | str, scale: ScaleVersion) -> Grade:
    """Grade a score on one version of a scale (4.1, 5.7)."""
    points = to_points(score)
    lowest_pass = min((b.min_points for b in scale.bands if b.positive), default=None)
    if lowest_pass is not None and Decimal(str(score)) < lowest_pass <= points:
        points = lowest_pass - 1  # 49.5 is below the pass mark: never rounded up into it
    band = scale.band_for(points)
    return Grade(
        score=Decimal(str(score)),
        points=points,
        letter=band.letter,
        gpa=band.gpa,
        traditional_kk=band.traditional_kk,
        traditional_ru=band.traditional_ru,
        ects=band.ects,
        positive=band.positive,
    )


def check_threshold(result: Grade, threshold: int, reference: str, *, formal: bool) -> Finding:
    """Only positive grades are recognised (4.1); a non-formal outcome whose score, as given,
    is below ``threshold`` points is not recognised (5.7). Formal outcomes are held to 4.1
    with their earlier grade."""
    clause = "4.1" if formal else "5.7"
    given = format(result.score.normalize(), "f")  # as the commission gave it: 49.5
    shown = f"{given} ({result.letter}, {result.gpa})"
    shown_kk = f"{decimal(given)} ({result.letter}, {decimal(result.gpa)})"
    if result.score < threshold or not result.positive:
        what_kk = "оқу нәтижелері" if formal else "бейресми білім беру жолымен алынған нәтижелер"
        what_en = "the outcomes are" if formal else "non-formal outcomes are"
        return finding(
            clause,
            "grade.threshold",
            Status.REFUSED,
            f"Баға {shown_kk}: {threshold} балдан аз немесе оң баға емес, {what_kk} танылмайды.",
            f"Grade {shown}: below {threshold} points or not a positive grade; {what_en} not "
            f"recognised ({reference}).",
        )
    return finding(
        clause,
        "grade.threshold",
        Status.OK,
        f"Баға: {shown_kk}, {result.traditional_kk}; оң баға, {threshold} балдан кем емес.",
        f"Grade {shown}: a positive grade, at least {threshold} points.",
    )
