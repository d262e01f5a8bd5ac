"""Parameters of the regulation as dated values with their legal reference (OpenFisca style).

A change of the regulation is a change of ``data/regulation/parameters.yaml``: a new value with the
date it takes effect. Rules ask for the values in force on the day a case is decided, so earlier
decisions keep the law of their day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import Annotated, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, field_validator
from pydantic.functional_validators import BeforeValidator

T = TypeVar("T")


class NotInForce(LookupError):
    """No value of a parameter (or version of a scale) is in force on the asked day."""


def _to_fraction(value: object) -> Fraction:
    """Read a share written as ``20%``, ``2/3``, ``0.2`` or ``1``; exact, never binary floats."""
    if isinstance(value, Fraction):
        return value
    if isinstance(value, bool):
        raise ValueError("a share must be a number such as 20%, 2/3 or 0.2")
    if isinstance(value, int | float | str):
        text = str(value).strip()
        try:
            if text.endswith("%"):
                return Fraction(text[:-1].strip()) / 100
            return Fraction(text)
        except (ValueError, ZeroDivisionError) as exc:
            raise ValueError(f"{text!r} is not a share such as 20%, 2/3 or 0.2") from exc
    raise ValueError("a share must be a number such as 20%, 2/3 or 0.2")


Share = Annotated[Fraction, BeforeValidator(_to_fraction), PlainSerializer(str)]


class Dated(BaseModel, Generic[T]):
    """One value of a parameter, in force from ``effective_from`` until the next value's date."""

    model_config = ConfigDict(frozen=True, populate_by_name=True, extra="forbid")

    effective_from: date = Field(alias="from")
    value: T
    reference: str = Field(min_length=1, description="legal reference, e.g. 'Ережелер 4.6'")


def value_at(values: list[Dated[T]], day: date, name: str) -> Dated[T]:
    """The value in force on ``day``: the latest whose date is not after it."""
    in_force = [v for v in values if v.effective_from <= day]
    if not in_force:
        raise NotInForce(f"{name}: no value in force on {day.isoformat()}")
    return max(in_force, key=lambda v: v.effective_from)


def check_dates(values: list[Dated[T]]) -> list[Dated[T]]:
    """Values must exist and have distinct dates; they are kept sorted by date."""
    if not values:
        raise ValueError("at least one dated value is required")
    days = [v.effective_from for v in values]
    if len(set(days)) != len(days):
        raise ValueError("two values take effect on the same date")
    return sorted(values, key=lambda v: v.effective_from)


class Parameter(BaseModel, Generic[T]):
    model_config = ConfigDict(frozen=True, extra="forbid")

    description: str
    values: list[Dated[T]]

    @field_validator("values")
    @classmethod
    def _dates(cls, values: list[Dated[T]]) -> list[Dated[T]]:
        return check_dates(values)


class RegulationParameters(BaseModel):
    """The numbers of the regulation; each field's values carry their clause in ``reference``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    non_formal_credit_cap: Parameter[Share]  # 4.6: share of the curriculum's total credits
    pass_threshold: Parameter[int]  # 5.7: fewer points than this → not recognised
    quorum: Parameter[Share]  # 5.9: share of the commission's members that must be present

    @field_validator("non_formal_credit_cap", "quorum")
    @classmethod
    def _share_in_range(cls, p: Parameter[Fraction]) -> Parameter[Fraction]:
        for v in p.values:
            if not 0 < v.value <= 1:
                raise ValueError(f"share {v.value} (from {v.effective_from}) must be in (0, 1]")
        return p

    @field_validator("pass_threshold")
    @classmethod
    def _threshold_in_range(cls, p: Parameter[int]) -> Parameter[int]:
        for v in p.values:
            if not 0 <= v.value <= 100:
                raise ValueError(f"threshold {v.value} must be within the 100-point scale")
        return p

    def at(self, day: date) -> ParametersInForce:
        cap = value_at(self.non_formal_credit_cap.values, day, "non_formal_credit_cap")
        threshold = value_at(self.pass_threshold.values, day, "pass_threshold")
        quorum = value_at(self.quorum.values, day, "quorum")
        return ParametersInForce(
            day=day,
            cap_share=cap.value,
            cap_reference=cap.reference,
            pass_threshold=threshold.value,
            pass_threshold_reference=threshold.reference,
            quorum_share=quorum.value,
            quorum_reference=quorum.reference,
        )


@dataclass(frozen=True, slots=True)
class ParametersInForce:
    """The regulation's numbers on one day, ready for the rules."""

    day: date
    cap_share: Fraction
    cap_reference: str
    pass_threshold: int
    pass_threshold_reference: str
    quorum_share: Fraction
    quorum_reference: str
