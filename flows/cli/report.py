"""How findings and decisions look on a terminal and as JSON (the JSON shape is stable)."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from recognition.assessment import Assessment, Decision
from recognition.catalog import Learner
from recognition.findings import Finding, Status
from recognition.kazakh import decimal

_STYLE = {
    Status.OK: "green",
    Status.REFUSED: "bold red",
    Status.MISSING: "yellow",
    Status.PENDING: "cyan",
    Status.WARNING: "magenta",
}


def findings_table(findings: tuple[Finding, ...], title: str | None = None) -> Table:
    table = Table(title=title, show_lines=False, expand=True, title_justify="left")
    table.add_column("clause", no_wrap=True, width=6)
    table.add_column("status", no_wrap=True, width=8)
    table.add_column("finding (kk / en)", ratio=1)
    for f in findings:
        reason = Text(f.reason_kk)
        reason.append("\n" + f.reason_en, style="dim")
        table.add_row(f.clause, Text(f.status.value, style=_STYLE[f.status]), reason)
    return table


def headline(learner: Learner, assessment: Assessment, decision: Decision | None) -> Text:
    c = assessment.context.component
    text = Text()
    text.append(f"{learner.id} {learner.full_name}", style="bold")
    text.append(f" · {assessment.request.programme} {c.code} {c.name_kk} ({c.credits} кредит)")
    text.append(f" · {assessment.request.purpose.value} → {assessment.destination.value}")
    text.append(f"\ncase: {assessment.status.value}")
    if decision is not None:
        style = "green" if decision.recognised else "red"
        text.append(" · decision: ")
        text.append(f"{decision.outcome.value} ({decision.outcome.kk})", style=f"bold {style}")
        if decision.grade is not None:
            g = decision.grade
            text.append(f" · {g.points} балл, {g.letter}, {decimal(g.gpa)}, {g.traditional_kk}")
    return text


def print_case(
    console: Console, learner: Learner, assessment: Assessment, decision: Decision | None
) -> None:
    console.print(headline(learner, assessment, decision))
    findings = assessment.findings if decision is None else decision.all_findings
    console.print(findings_table(findings))


def case_json(assessment: Assessment, decision: Decision | None) -> dict[str, Any]:
    request, component = assessment.request, assessment.context.component
    out: dict[str, Any] = {
        "learner": request.learner_id,
        "programme": request.programme,
        "component": component.code,
        "credits": component.credits,
        "hours": component.hours,
        "purpose": request.purpose.value,
        "education": request.education.value,
        "destination": assessment.destination.value,
        "status": assessment.status.value,
        "findings": [f.as_dict() for f in assessment.findings],
        "decision": None,
    }
    if decision is not None:
        g = decision.grade
        out["decision"] = {
            "outcome": decision.outcome.value,
            "clauses": list(decision.clauses),
            "grade": None
            if g is None
            else {
                "score": str(g.score),
                "points": g.points,
                "letter": g.letter,
                "gpa": str(g.gpa),
                "traditional_kk": g.traditional_kk,
                "traditional_ru": g.traditional_ru,
            },
            "casting_vote": bool(decision.vote and decision.vote.casting_vote),
            "findings": [f.as_dict() for f in decision.findings],
        }
    return out
