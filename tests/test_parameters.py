"""Parameters are dated values: a change of the regulation takes effect from its date."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest
from pydantic import ValidationError

from recognition.parameters import NotInForce, RegulationParameters

BASE = {
    "non_formal_credit_cap": {
        "description": "cap",
        "values": [
            {"from": "2023-09-01", "value": "20%", "reference": "4.6"},
            {"from": "2027-09-01", "value": "25%", "reference": "4.6 as amended"},
        ],
    },
    "pass_threshold": {
        "description": "threshold",
        "values": [{"from": "2023-09-01", "value": 50, "reference": "5.7"}],
    },
    "quorum": {
        "description": "quorum",
        "values": [{"from": "2023-09-01", "value": "2/3", "reference": "5.9"}],
    },
}


def test_value_in_force_follows_the_date() -> None:
    params = RegulationParameters.model_validate(BASE)
    assert params.at(date(2027, 8, 31)).cap_share == Fraction(1, 5)
    assert params.at(date(2027, 9, 1)).cap_share == Fraction(1, 4)
    assert params.at(date(2027, 9, 1)).cap_reference == "4.6 as amended"
    assert params.at(date(2024, 1, 1)).quorum_share == Fraction(2, 3)


def test_nothing_in_force_before_the_first_date() -> None:
    params = RegulationParameters.model_validate(BASE)
    with pytest.raises(NotInForce):
        params.at(date(2020, 1, 1))


@pytest.mark.parametrize("share", ["0.2", 0.2, "20%", "1/5"])
def test_shares_are_exact_in_any_spelling(share: object) -> None:
    raw = {
        **BASE,
        "non_formal_credit_cap": {
            "description": "c",
            "values": [{"from": "2023-09-01", "value": share, "reference": "4.6"}],
        },
    }
    assert RegulationParameters.model_validate(raw).at(date(2024, 1, 1)).cap_share == Fraction(1, 5)


@pytest.mark.parametrize("share", ["120%", "0", "two thirds", True])
def test_bad_shares_are_rejected(share: object) -> None:
    raw = {
        **BASE,
        "quorum": {
            "description": "q",
            "values": [{"from": "2023-09-01", "value": share, "reference": "5.9"}],
        },
    }
    with pytest.raises(ValidationError):
        RegulationParameters.model_validate(raw)


def test_two_values_on_one_date_are_rejected() -> None:
    values = [
        {"from": "2023-09-01", "value": 50, "reference": "5.7"},
        {"from": "2023-09-01", "value": 60, "reference": "5.7"},
    ]
    raw = {**BASE, "pass_threshold": {"description": "t", "values": values}}
    with pytest.raises(ValidationError, match="same date"):
        RegulationParameters.model_validate(raw)
