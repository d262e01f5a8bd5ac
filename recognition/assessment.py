"""A case from request to decision: every rule applied in one place, each finding citing its clause.

``assess`` runs before the commission (1.1, 3(3), 4.3, 4.4, 4.6, 4.7, 5.1–5.3, 5.8, 5.12–5.14) and
says whether the case is ready or what is missing. ``decide`` applies the sitting's vote (5.9), the
grade (4.1, 5.7, 5.8) and the cap over the whole batch (4.6) and returns the decisions.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from recognition.cap import CapRequest, allocate
from recognition.case import CaseRequest, Education
from recognition.catalog import AcademicCalendar, Component, Platform, Programme, Syllabus
from recognition.completeness import check_documents, check_partial_replacement
from recognition.eligibility import (
    check_component,
    check_not_yet_recognised,
    check_platform,
    check_programme,
)
from recognition.findings import Finding, Status, finding
from recognition.formal import check_department_conclusion, check_earlier_grade, check_vacation
from recognition.grading import Grade, ScaleVersion, check_threshold, grade
from recognition.parameters import ParametersInForce
from recognition.routing import Destination, route
from recognition.vote import Tally, VoteOutcome, VoteResult, count


class CaseStatus(StrEnum):
    READY = "ready"  # ready for the commission
    INCOMPLETE = "incomplete"  # something is missing
    WAITING = "waiting"  # waits for a vacation (5.12) or data
    REFUSED = "refused"  # a rule refuses recognition


class Outcome(StrEnum):
    RECOGNISED = "recognised"  # танылды
    NOT_RECOGNISED = "not-recognised"  # танылмады
    NO_DECISION = "no-decision"  # шешім қабылданбады: stays on the agenda

    @property
    def kk(self) -> str:
        return {
            "recognised": "танылды",
            "not-recognised": "танылмады",
            "no-decision": "шешім қабылданбады",
        }[self.value]


@dataclass(frozen=True, slots=True)
class CaseContext:
    """What the rules need to know besides the request; looked up by the caller."""

    programme: Programme
    component: Component
    platform: Platform | None
    syllabus: Syllabus | None
    calendar: AcademicCalendar
    parameters: ParametersInForce
    prior_non_formal_credits: int  # from the ledger (4.3): earlier recognised non-formal credits
    day: date  # the day of the assessment
    studies: str = ""  # the programme the learner is in on that day; empty: the request's


@dataclass(frozen=True, slots=True)
class Assessment:
    request: CaseRequest
    context: CaseContext
    destination: Destination
    findings: tuple[Finding, ...]
    status: CaseStatus


def status_of(findings: Sequence[Finding]) -> CaseStatus:
    statuses = {f.status for f in findings}
    if Status.REFUSED in statuses:
        return CaseStatus.REFUSED
    if Status.MISSING in statuses:
        return CaseStatus.INCOMPLETE
    if Status.PENDING in statuses:
        return CaseStatus.WAITING
    return CaseStatus.READY


def assess(request: CaseRequest, ctx: CaseContext) -> Assessment:
    destination, routed = route(request.purpose)
    findings: list[Finding] = [routed]
    findings += check_programme(request, ctx.studies)
    findings += check_documents(request)
    findings += check_partial_replacement(request, ctx.syllabus)
    findings += check_platform(request, ctx.platform, request.submitted_on)
    findings += check_component(request, ctx.component)
    findings += check_not_yet_recognised(request, ctx.component)
    findings += check_earlier_grade(request)
    findings += check_vacation(request, ctx.calendar, ctx.day)
    findings += check_department_conclusion(request)
    if request.education is Education.NON_FORMAL:
        # The request alone against the ledger; the batch is counted again by decide().
        findings += [
            allocate(
                [CapRequest(ctx.component.code, ctx.component.credits, request.submitted_on)],
                total_credits=ctx.programme.total_credits,
                share=ctx.parameters.cap_share,
                already_recognised=ctx.prior_non_formal_credits,
            )[0].finding
        ]
    return Assessment(request, ctx, destination, tuple(findings), status_of(findings))


@dataclass(frozen=True, slots=True)
class CommissionInput:
    """What the secretary records for one case at a sitting (5.6, 5.7, 5.9)."""

    tally: Tally
    score: Decimal | None = None  # 100-point score set by the commission
    interview: str | None = None  # interview or written test held, and its result (5.6)
    reviewed: bool | None = None  # the correspondence review (5.6) as recorded; None: not said


@dataclass(frozen=True, slots=True)
class Decision:
    assessment: Assessment
    outcome: Outcome
    grade: Grade | None
    vote: VoteResult | None
    findings: tuple[Finding, ...]  # the decision's own findings, in the order applied

    @property
    def credits(self) -> int:
        return self.assessment.context.component.credits if self.recognised else 0

    @property
    def recognised(self) -> bool:
        return self.outcome is Outcome.RECOGNISED

    @property
    def all_findings(self) -> tuple[Finding, ...]:
        """The case's whole record: the assessment's findings, except those the sitting
        re-decided (same rule, e.g. the cap counted again over the batch), then the decision's."""
        redecided = {f.rule for f in self.findings}
        kept = tuple(f for f in self.assessment.findings if f.rule not in redecided)
        return kept + self.findings

    @property
    def clauses(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for f in self.findings:
            seen.setdefault(f.clause, None)
        return tuple(seen)


def decide(
    items: Sequence[tuple[Assessment, CommissionInput]],
    *,
    scale: ScaleVersion,
    parameters: ParametersInForce,
    prior_non_formal_credits: Mapping[tuple[str, str], int],
) -> list[Decision]:
    """Decide a sitting's cases; the cap counts each learner's programme over the whole batch."""
    provisional: list[tuple[Assessment, Outcome, Grade | None, VoteResult | None, list[Finding]]]
    provisional = []
    for assessment, given in items:
        outcome, result, vote, found = _decide_one(assessment, given, scale, parameters)
        provisional.append((assessment, outcome, result, vote, found))

    # 4.6 over the batch: the candidates that passed vote and grade, per learner and programme.
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for index, (a, outcome, _, _, _) in enumerate(provisional):
        if outcome is Outcome.RECOGNISED and a.request.education is Education.NON_FORMAL:
            groups[(a.request.learner_id, a.request.programme)].append(index)
    for key, indices in groups.items():
        first = provisional[indices[0]][0]
        by_component = {provisional[i][0].context.component.code: i for i in indices}
        placed = allocate(
            [
                CapRequest(
                    provisional[i][0].context.component.code,
                    provisional[i][0].context.component.credits,
                    provisional[i][0].request.submitted_on,
                )
                for i in indices
            ],
            total_credits=first.context.programme.total_credits,
            share=parameters.cap_share,
            already_recognised=prior_non_formal_credits.get(key, 0),
        )
        for item in placed:
            i = by_component[item.request.component]
            a, _, result, vote, found = provisional[i]
            found.append(item.finding)
            outcome = Outcome.RECOGNISED if item.fits else Outcome.NOT_RECOGNISED
            provisional[i] = (a, outcome, result, vote, found)

    decisions = []
    for a, outcome, result, vote, found in provisional:
        if outcome is Outcome.RECOGNISED:
            found.append(_transcript_finding(a, result))
        decisions.append(Decision(a, outcome, result, vote, tuple(found)))
    return decisions


def _review_finding(given: CommissionInput) -> Finding:
    """5.6: the commission reviews the documents' correspondence to the component's programme
    and, when needed, holds an interview or a written test. The finding states only what the
    sitting's record says: a review recorded as done (with the interview held, or none), one
    recorded as not done (no decision can rest on it), or a record silent on it."""
    held_kk = given.interview or "сұхбат немесе жазбаша бақылау өткізілмеді"
    held_en = given.interview or "no interview or written test was held"
    if given.reviewed is None:
        return finding(
            "5.6",
            "review.correspondence",
            Status.WARNING,
            "Отырыс жазбасында құжаттардың компонент бағдарламасына сәйкестігінің қаралғаны "
            f"көрсетілмеген; {held_kk}.",
            "The record does not say whether the correspondence to the component's programme "
            f"was reviewed; {held_en}.",
        )
    if not given.reviewed:
        return finding(
            "5.6",
            "review.correspondence",
            Status.MISSING,
            "Құжаттардың компонент бағдарламасына сәйкестігі қаралмаған: шешім қабылданбайды.",
            "The correspondence to the component's programme was not reviewed: no decision "
            "rests on it.",
        )
    return finding(
        "5.6",
        "review.correspondence",
        Status.OK,
        f"Құжаттардың компонент бағдарламасына сәйкестігі қаралды; {held_kk}.",
        f"Correspondence to the component's programme reviewed; {held_en}.",
    )


def _transcript_finding(assessment: Assessment, result: Grade | None) -> Finding:
    """5.10, 5.11: what the Registrar's Office copies into the transcript; the exemption."""
    c = assessment.context.component
    shown = "" if result is None else f", {result.points} балл ({result.letter})"
    return finding(
        "5.11",
        "transcript.insert",
        Status.OK,
        f"Транскриптке енгізіледі: {c.name_kk}, {c.credits} кредит / {c.hours} сағат{shown}; "
        "білім алушы келесі семестрлерде бұл компонентті оқудан босатылады.",
        f"Into the transcript: {c.code}, {c.credits} credits / {c.hours} hours{shown}; the "
        "learner is exempt from studying this component in later semesters.",
    )


def _decide_one(
    assessment: Assessment,
    given: CommissionInput,
    scale: ScaleVersion,
    parameters: ParametersInForce,
) -> tuple[Outcome, Grade | None, VoteResult | None, list[Finding]]:
    request = assessment.request
    if assessment.status is CaseStatus.REFUSED:  # a rule refuses it, whatever the vote
        refused = [f for f in assessment.findings if f.status is Status.REFUSED]
        return Outcome.NOT_RECOGNISED, None, None, refused
    if assessment.status is not CaseStatus.READY:
        return (
            Outcome.NO_DECISION,
            None,
            None,
            [
                finding(
                    "5.5",
                    "case.not-ready",
                    Status.PENDING,
                    "Іс комиссияның қарауына дайын емес (құжаттар толық емес немесе іс күтуде).",
                    f"The case is not ready for the commission (status {assessment.status.value}).",
                )
            ],
        )

    vote = count(given.tally, parameters.quorum_share)
    found = list(vote.findings)
    if vote.quorum_met:
        found.append(_review_finding(given))
        if given.reviewed is False:  # 5.6 not done: the vote cannot decide the case
            return Outcome.NO_DECISION, None, vote, found
    if vote.outcome is VoteOutcome.NO_DECISION:
        return Outcome.NO_DECISION, None, vote, found
    if vote.outcome is VoteOutcome.REJECTED:
        return Outcome.NOT_RECOGNISED, None, vote, found

    if request.education.formal:
        assert request.earlier_score is not None  # assess() reports it missing otherwise
        result = grade(request.earlier_score, scale)
        found.append(
            finding(
                "5.8",
                "formal.earlier-grade",
                Status.OK,
                f"Ресми оқыту нәтижесі бұрынғы бағасымен танылады: {result.points} балл, "
                f"{result.letter}.",
                f"The formal outcome keeps its earlier grade: {result.points}, {result.letter}.",
            )
        )
        if given.score is not None and grade(given.score, scale).points != result.points:
            found.append(
                finding(
                    "5.8",
                    "formal.score-ignored",
                    Status.WARNING,
                    "Комиссия қойған балл ескерілмейді: бұрынғы баға сақталады.",
                    "The score given at the sitting is ignored: the earlier grade is kept.",
                )
            )
    else:
        if given.score is None:
            found.append(
                finding(
                    "5.7",
                    "grade.score",
                    Status.MISSING,
                    "Комиссия 100 балдық шкала бойынша баға қоймаған.",
                    "The commission has not set a score on the 100-point scale.",
                )
            )
            return Outcome.NO_DECISION, None, vote, found
        result = grade(given.score, scale)

    threshold = check_threshold(
        result,
        parameters.pass_threshold,
        parameters.pass_threshold_reference,
        formal=request.education.formal,
    )
    found.append(threshold)
    if threshold.status is Status.REFUSED:
        return Outcome.NOT_RECOGNISED, result, vote, found
    return Outcome.RECOGNISED, result, vote, found
