"""Formal outcomes (5.8, 5.12) and disciplines that do not match by name (5.13, 5.14)."""

from __future__ import annotations

from datetime import date

from recognition.case import CaseRequest, Correspondence, DocumentKind, Education
from recognition.catalog import AcademicCalendar
from recognition.findings import Finding, Status, finding
from recognition.kazakh import numeric_date


def check_earlier_grade(request: CaseRequest) -> list[Finding]:
    """5.8: formal outcomes are recognised keeping the earlier grade; it must be on file."""
    if not request.education.formal:
        return []
    if request.earlier_score is None:
        return [
            finding(
                "5.8",
                "formal.earlier-grade",
                Status.MISSING,
                "Ресми оқыту нәтижесінің бұрынғы бағасы (балы) көрсетілмеген.",
                "The earlier grade (score) of the formal outcome is not given.",
            )
        ]
    return [
        finding(
            "5.8",
            "formal.earlier-grade",
            Status.OK,
            f"Бұрынғы баға сақталады: {request.earlier_score} балл.",
            f"The earlier grade is kept: {request.earlier_score} points.",
        )
    ]


def check_vacation(request: CaseRequest, calendar: AcademicCalendar, day: date) -> list[Finding]:
    """5.12: results of a previous level of formal education are re-counted in vacation time.

    Outside a vacation the case is not refused: it waits (PENDING) for the next vacation.
    """
    if request.education is not Education.FORMAL_PREVIOUS_LEVEL:
        return []
    vacations = calendar.vacations()
    current = next((v for v in vacations if v.starts_on <= day <= v.ends_on), None)
    if current is not None:
        return [
            finding(
                "5.12",
                "formal.vacation",
                Status.OK,
                f"Қайта есептеу демалыс уақытында жүргізіледі ({current.name_kk}).",
                f"Re-counting takes place during a vacation ({current.starts_on.isoformat()}–"
                f"{current.ends_on.isoformat()}).",
            )
        ]
    upcoming = next((v for v in vacations if v.starts_on > day), None)
    if upcoming is None:
        return [
            finding(
                "5.12",
                "formal.vacation",
                Status.MISSING,
                "Академиялық күнтізбеде алдағы демалыс кезеңі жоқ.",
                "The academic calendar has no vacation ahead.",
            )
        ]
    return [
        finding(
            "5.12",
            "formal.vacation",
            Status.PENDING,
            f"Алдыңғы деңгейдегі ресми білім беру нәтижелері демалыс уақытында қайта есептеледі: "
            f"{upcoming.name_kk}, {numeric_date(upcoming.starts_on)} басталады.",
            f"Previous-level formal outcomes are re-counted in vacation time: scheduled for the "
            f"vacation starting {upcoming.starts_on.isoformat()}.",
        )
    ]


def check_department_conclusion(request: CaseRequest) -> list[Finding]:
    """5.13, 5.14: another name, or several disciplines summed, need the department's reasoned
    conclusion on file before the commission."""
    if request.correspondence is Correspondence.SAME:
        return []
    clause = "5.13" if request.correspondence is Correspondence.OTHER_NAME else "5.14"
    what_kk = (
        "Атауы басқа, мазмұны сәйкес пән"
        if clause == "5.13"
        else "Бірнеше өткен пәннің жиынтығы бойынша қайта есептеу"
    )
    what_en = "A discipline of another name" if clause == "5.13" else "Several disciplines combined"
    if request.has(DocumentKind.DEPARTMENT_CONCLUSION):
        return [
            finding(
                clause,
                "department-conclusion",
                Status.OK,
                f"{what_kk}: кафедраның дәлелді қорытындысы бар.",
                f"{what_en}: the department's reasoned conclusion is on file.",
            )
        ]
    return [
        finding(
            clause,
            "department-conclusion",
            Status.MISSING,
            f"{what_kk}: алдымен кафедраның дәлелді қорытындысы қажет.",
            f"{what_en}: needs the department's reasoned conclusion first.",
        )
    ]
