"""Kazakh forms used in findings and documents (see ``shared/kazakh.md``)."""

from __future__ import annotations

from datetime import date


def numeric_date(day: date) -> str:
    """``25.11.2026 ж.``"""
    return f"{day:%d.%m.%Y} ж."


def decimal(value: object) -> str:
    """Decimal comma, as Kazakh documents write numbers: ``3,67``."""
    return str(value).replace(".", ",")
