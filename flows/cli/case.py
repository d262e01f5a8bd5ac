"""``tanu case assess`` and ``tanu status``: one request under the regulation; the cases as
they stand."""

from __future__ import annotations

import json
import sys
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Annotated

import typer
from rich.console import Console

from flows.cli.common import catalog_of, group, reports_errors
from flows.errors import UsageError
from recognition.case import (
    Correspondence,
    Document,
    DocumentKind,
    Education,
    Purpose,
)
from recognition.vote import Ballot

case_app = group("Recognition cases.")


def _parse_document(text: str) -> Document:
    kind, _, day = text.partition(":")
    try:
        return Document(DocumentKind(kind), date.fromisoformat(day) if day else None)
    except ValueError as exc:
        kinds = ", ".join(k.value for k in DocumentKind)
        raise UsageError(
            f"--document {text!r}: expected KIND or KIND:YYYY-MM-DD, KIND one of {kinds}"
        ) from exc


def _parse_score(text: str | None) -> Decimal | None:
    """A 0–100 score; a decimal comma is accepted (87,5)."""
    from recognition.grading import to_points

    if text is None:
        return None
    try:
        score = Decimal(text.replace(",", "."))
    except InvalidOperation as exc:
        raise UsageError(f"score {text!r} is not a number (e.g. 87 or 87,5)") from exc
    try:
        to_points(score)
    except ValueError as exc:
        raise UsageError(f"score {text!r}: {exc}") from exc
    return score


@case_app.command("assess")
@reports_errors
def case_assess(
    learner: Annotated[str, typer.Option(help="learner id, e.g. L-0001")],
    component: Annotated[str, typer.Option(help="component code in the learner's programme")],
    score: Annotated[str | None, typer.Option(help="the commission's 100-point score")] = None,
    purpose: Annotated[Purpose, typer.Option()] = Purpose.FULL_REPLACEMENT,
    education: Annotated[Education, typer.Option()] = Education.NON_FORMAL,
    platform: Annotated[str | None, typer.Option(help="platform id from platforms.yaml")] = None,
    document: Annotated[
        list[str] | None,
        typer.Option(help="KIND[:ISSUED] given; repeat. Default: a complete set for today"),
    ] = None,
    submitted: Annotated[str | None, typer.Option(help="YYYY-MM-DD, default today")] = None,
    correspondence: Annotated[Correspondence, typer.Option()] = Correspondence.SAME,
    earlier_score: Annotated[str | None, typer.Option(help="formal outcomes: grade kept")] = None,
    present: Annotated[int | None, typer.Option(help="members present (default: all)")] = None,
    votes_for: Annotated[int | None, typer.Option("--for", help="votes for")] = None,
    against: Annotated[int, typer.Option(help="votes against")] = 0,
    abstained: Annotated[int, typer.Option(help="abstentions")] = 0,
    chair_vote: Annotated[Ballot | None, typer.Option(help="the chair's own vote")] = None,
    chair_absent: Annotated[bool, typer.Option(help="the chair did not attend")] = False,
    reviewed: Annotated[
        bool | None,
        typer.Option(
            "--reviewed/--not-reviewed",
            help="the correspondence to the programme reviewed (5.6); unsaid: not recorded",
        ),
    ] = None,
    interview: Annotated[
        str | None, typer.Option(help="the interview or written test held, and its result")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="one JSON object on stdout")] = False,
) -> None:
    """Apply the regulation to one request and print every finding with its clause.

    Reads earlier recognitions from the ledger; records nothing. With --for (a vote), also
    decides as the commission would: 5.9, grading and the cap.
    """
    from flows.cases.casework import (
        SittingItem,
        assess_request,
        case_request,
        commission_tally,
        decide_sitting,
    )
    from flows.cli.report import case_json, print_case
    from flows.settings import Settings
    from flows.store.db.engine import open_database
    from recognition.assessment import CommissionInput

    settings = Settings.from_env()
    catalog = catalog_of(settings)
    try:
        day = date.fromisoformat(submitted) if submitted else settings.today()
    except ValueError as exc:
        raise UsageError(f"--submitted {submitted!r} is not a date YYYY-MM-DD") from exc
    given_score = _parse_score(score)  # checked whether a vote is given or not
    if given_score is not None and votes_for is None:
        raise UsageError("--score is the commission's: give the vote too (--for, --present …)")
    request = case_request(
        catalog,
        learner,
        component,
        day,
        purpose=purpose,
        education=education,
        documents=[_parse_document(d) for d in document] if document else None,
        platform=platform,
        correspondence=correspondence,
        earlier_score=_parse_score(earlier_score),
    )
    found = catalog.learners[request.learner_id]
    sessions = open_database(settings.database_url)
    with sessions() as session:
        assessment, _ = assess_request(catalog, session, request, day, record=False)
        decision = None
        if votes_for is not None:
            commission = catalog.commission_for(assessment.context.programme)
            tally = commission_tally(
                commission,
                votes_for,
                against,
                abstained,
                present=present,
                chair_present=not chair_absent,
                chair_vote=chair_vote,
            )
            [decision] = decide_sitting(
                catalog,
                session,
                commission,
                [
                    SittingItem(
                        assessment, CommissionInput(tally, given_score, interview, reviewed), None
                    )
                ],
                number="-",
                held_on=day,
                present=tally.present,
                record=False,
            )
        session.rollback()
    if as_json:
        sys.stdout.write(json.dumps(case_json(assessment, decision), ensure_ascii=False) + "\n")
    else:
        print_case(Console(), found, assessment, decision)


@reports_errors
def status(
    learner: Annotated[str | None, typer.Option(help="only this learner")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Each case, its evidence and checks, and what is missing, with the clause."""
    from flows.cases.overview import case_overview
    from flows.settings import Settings
    from flows.store.db.engine import open_database

    settings = Settings.from_env()
    if learner and learner not in catalog_of(settings).learners:
        raise UsageError(f"no learner {learner!r} in data/learners.yaml")
    with open_database(settings.database_url)() as session:
        out = case_overview(session, learner)
    if as_json:
        sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
        return
    console = Console()
    if not out:
        console.print("no cases")
    for c in out:
        console.print(
            f"[bold]case #{c['case']}[/] {c['learner']} {c['programme']} "
            f"{c['component']} ({c['purpose']}): [bold]{c['status']}[/]"
        )
        for e in c["evidence"]:
            console.print(f"  evidence {e['file']} ({e['kind']}): {e['verdict']}")
            for check in e["checks"]:
                if check["status"] != "ok":
                    console.print(f"    {check['clause']} {check['status']}: {check['reason_en']}")
        for f in c["open"]:
            console.print(f"  [yellow]{f['clause']} {f['status']}[/]: {f['reason_en']}")
        if c["withdrawn"]:
            console.print(f"  {c['withdrawn']['reason_en']}")
        for d in c["decisions"]:
            grade = f", {d['letter']}" if d["letter"] else ""
            console.print(
                f"  decision #{d['decision']} of {d['decided_on']}: {d['outcome']}{grade}"
            )
            for k in d["corrections"]:
                shown = f", now {k['letter']}" if k["letter"] else ""
                console.print(
                    f"    {k['kind']} by the {k['body']} (№ {k['number']}, {k['decided_on']})"
                    f"{shown}: {k['reason']}"
                )


class Body(StrEnum):
    """Who corrects a decision: the Appeals Commission, or the faculty commission itself."""

    APPEALS = "appeals"
    COMMISSION = "commission"


@case_app.command("correct")
@reports_errors
def correct(
    decision: Annotated[int, typer.Option(help="the decision corrected (see `tanu status`)")],
    by: Annotated[Body, typer.Option(help="who decided the correction")],
    number: Annotated[str, typer.Option(help="the correcting decision's number")],
    reason: Annotated[str, typer.Option(help="its reason, as written in it")],
    on: Annotated[str, typer.Option("--date", help="its date, YYYY-MM-DD")],
    annul: Annotated[bool, typer.Option("--annul", help="the decision is annulled")] = False,
    score: Annotated[
        str | None, typer.Option("--score", help="the amended score (an amendment of the grade)")
    ] = None,
) -> None:
    """Record an appeal's or the commission's correction of a decision: --annul releases its
    credits (the 20% cap, the transcript); --score amends its grade. Appended to the ledger,
    nothing deleted; `tanu status` shows the history."""
    from flows.cases.corrections import correct_decision
    from flows.cli.render import render_out
    from flows.documents.correction import correction as extract_of
    from flows.settings import Settings
    from flows.store.db.engine import open_database

    if annul == (score is not None):
        raise UsageError("give --annul, or --score for an amended grade (one of them)")
    try:
        day = date.fromisoformat(on)
    except ValueError as exc:
        raise UsageError(f"--date {on!r} is not a date (YYYY-MM-DD)") from exc
    settings = Settings.from_env()
    catalog = catalog_of(settings)
    with open_database(settings.database_url)() as session:
        fix = correct_decision(
            catalog, session, decision, body=by.value, number=number, day=day, reason=reason,
            score=_parse_score(score),
        )  # fmt: skip
        session.commit()
        extract = extract_of(catalog, session, fix.id)
    what = "annulled: its credits no longer count" if annul else f"amended to {fix.letter}"
    Console().print(f"decision #{decision} {what} (№ {number} of {day})", highlight=False)
    folder = settings.var_dir / "outbox" / "corrections"  # the extract for the Registrar
    render_out("correction", extract, folder, f"tuzetu-{decision}-{fix.id}", pdf=True)


@case_app.command("withdraw")
@reports_errors
def withdraw(
    case: Annotated[int, typer.Option("--case", help="the case (see `tanu status`)")],
    on: Annotated[str, typer.Option("--date", help="the applicant's request's date, YYYY-MM-DD")],
    reason: Annotated[str, typer.Option(help="its reason, as the request states it")],
) -> None:
    """Record that the applicant withdrew an application the commission has not decided: the
    case leaves the agenda and the nightly run, keeps its evidence and history, and new
    evidence for the component opens a new case. A decided case is corrected instead."""
    from flows.cases.withdrawal import withdraw_case
    from flows.settings import Settings
    from flows.store.db.engine import open_database

    try:
        day = date.fromisoformat(on)
    except ValueError as exc:
        raise UsageError(f"--date {on!r} is not a date (YYYY-MM-DD)") from exc
    settings = Settings.from_env()
    with open_database(settings.database_url)() as session:
        withdraw_case(session, case, day, reason)
        session.commit()
    Console().print(f"case #{case} withdrawn by the applicant ({day})", highlight=False)
