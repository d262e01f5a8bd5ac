"""Where the applicant submits documents (5.1)."""

from __future__ import annotations

from enum import StrEnum

from recognition.case import Purpose
from recognition.findings import Finding, Status, finding


class Destination(StrEnum):
    ADMISSIONS_COMMITTEE = "admissions-committee"
    REGISTRAR = "registrar"
    TEACHER = "teacher"

    @property
    def kk(self) -> str:
        """The destination in the dative, as in 'құжаттар ... тапсырылады'."""
        return {
            "admissions-committee": "қабылдау комиссиясына",
            "registrar": "тіркеу кеңсесіне (ТК)",
            "teacher": "пән оқытушысына",
        }[self.value]

    @property
    def en(self) -> str:
        return {
            "admissions-committee": "the admissions committee",
            "registrar": "the Registrar's Office",
            "teacher": "the discipline's teacher",
        }[self.value]


_ROUTES = {
    Purpose.ADMISSION: Destination.ADMISSIONS_COMMITTEE,
    Purpose.TRANSFER: Destination.REGISTRAR,
    Purpose.READMISSION: Destination.REGISTRAR,
    Purpose.ORIENTATION_PLAN: Destination.REGISTRAR,
    Purpose.FULL_REPLACEMENT: Destination.REGISTRAR,
    Purpose.PARTIAL_REPLACEMENT: Destination.TEACHER,
    Purpose.PARTIAL_TOPICS: Destination.TEACHER,
    Purpose.ALONGSIDE_LECTURES: Destination.TEACHER,
    Purpose.INDEPENDENT_WORK: Destination.TEACHER,
}


def route(purpose: Purpose) -> tuple[Destination, Finding]:
    """5.1: admission → admissions committee; transfer, re-admission, orientation-week plan,
    full replacement by a MOOC → Registrar's Office; partial MOOC use → the teacher."""
    destination = _ROUTES[purpose]
    return destination, finding(
        "5.1",
        "routing",
        Status.OK,
        f"Мақсаты: {purpose.kk}; құжаттар {destination.kk} тапсырылады.",
        f"Purpose {purpose.value}: documents go to {destination.en}.",
    )
