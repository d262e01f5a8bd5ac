"""Reading and writing the ledger: cases, findings, decisions and recognised credits (4.3).

The cap (4.6) is always counted from what the database holds, never from memory: a learner's
earlier recognitions, of any year, count.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, date, datetime

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from flows.store.db.models import (
    CaseRow,
    CorrectionRow,
    DecisionRow,
    FindingRow,
    LearnerRow,
    RecognisedCreditRow,
    RecountRow,
    SittingRow,
    VerdictRow,
)
from recognition.assessment import Assessment, CaseStatus, Decision, Outcome
from recognition.case import Education
from recognition.catalog import Learner
from recognition.findings import Finding
from recognition.grading import Grade


def _now() -> datetime:
    return datetime.now(UTC)


def latest_verdict(session: Session, evidence_id: int) -> VerdictRow | None:
    """The current verdict of a piece of evidence: its latest check (the others are history)."""
    return session.scalars(
        select(VerdictRow)
        .where(VerdictRow.evidence_id == evidence_id)
        .order_by(VerdictRow.id.desc())
    ).first()


def ensure_learner(session: Session, learner: Learner) -> LearnerRow:
    """The learner's row, added when missing; another worker adding it at the same moment is
    no error (a savepoint keeps the rest of the transaction)."""
    row = session.get(LearnerRow, learner.id)
    if row is None:
        try:
            with session.begin_nested():
                row = LearnerRow(
                    id=learner.id,
                    full_name=learner.full_name,
                    name_latin=learner.name_latin,
                    programme=learner.programme,
                )
                session.add(row)
        except IntegrityError:
            row = session.get(LearnerRow, learner.id, populate_existing=True)
            assert row is not None  # the other worker's row
    row.full_name = learner.full_name
    row.name_latin = learner.name_latin
    row.programme = learner.programme
    session.flush()  # cases refer to it; no relationship tells the unit of work the order
    return row


def current() -> ColumnElement[bool]:
    """The ledger's rows that count: those whose decision (for a re-counted row, the decision
    it was first recognised by) no correction annulled."""
    annulled = select(CorrectionRow.decision_id).where(CorrectionRow.kind == ANNULLED)
    origin = func.coalesce(RecognisedCreditRow.origin_decision_id, RecognisedCreditRow.decision_id)
    return or_(origin.is_(None), origin.not_in(annulled))


def origin_of(row: RecognisedCreditRow) -> int | None:
    return row.origin_decision_id if row.origin_decision_id is not None else row.decision_id


def amendment_of(session: Session, row: RecognisedCreditRow) -> CorrectionRow | None:
    """The latest amendment of the grade a ledger row was recognised with, if any."""
    amended = [c for c in corrections_of(session, origin_of(row) or 0) if c.points is not None]
    return amended[-1] if amended else None


def learner_ledger(session: Session, learner_id: str) -> list[RecognisedCreditRow]:
    """Every row of the learner's ledger that counts, in every programme, oldest first (4.3)."""
    return list(
        session.scalars(
            select(RecognisedCreditRow)
            .where(RecognisedCreditRow.learner_id == learner_id, current())
            .order_by(RecognisedCreditRow.recognised_on, RecognisedCreditRow.id)
        )
    )


def prior_non_formal_credits(session: Session, learner_id: str, programme: str) -> int:
    """Non-formal credits already recognised for this learner in this programme (4.3, 4.6);
    an annulled decision's credits are released."""
    total = session.scalar(
        select(func.coalesce(func.sum(RecognisedCreditRow.credits), 0)).where(
            RecognisedCreditRow.learner_id == learner_id,
            RecognisedCreditRow.programme == programme,
            RecognisedCreditRow.education == Education.NON_FORMAL.value,
            current(),
        )
    )
    return int(total or 0)


def recognised_components(session: Session, learner_id: str, programme: str) -> frozenset[str]:
    rows = session.scalars(
        select(RecognisedCreditRow.component).where(
            RecognisedCreditRow.learner_id == learner_id,
            RecognisedCreditRow.programme == programme,
            current(),
        )
    )
    return frozenset(rows)


ANNULLED, AMENDED = "annulled", "amended"
# a case not yet decided: the nightly run and a transfer assess it again
OPEN = tuple(s.value for s in (CaseStatus.READY, CaseStatus.INCOMPLETE, CaseStatus.WAITING))
# not decided by the commission: open, or refused by a rule (new evidence may still mend it)
UNDECIDED = (*OPEN, CaseStatus.REFUSED.value)


WITHDRAWN = "withdrawn"  # the applicant took the application back: no decision is made on it


def withdraw(session: Session, case_id: int, reason_kk: str, reason_en: str) -> FindingRow:
    """The case's application withdrawn by the applicant: the case leaves the agenda, the
    nightly run and a transfer's re-assessment; its evidence and findings stay, and the
    withdrawal is appended to them. Only an undecided case is withdrawn: a decision is
    corrected (:func:`correct`), not withdrawn."""
    case = session.get(CaseRow, case_id)
    if case is None:
        raise LookupError(f"no case #{case_id}")
    if case.status == WITHDRAWN:
        raise ValueError(f"case #{case_id} is already withdrawn")
    if case.status not in UNDECIDED:  # a decision sets the case's status to its outcome
        raise ValueError(
            f"case #{case_id} is decided ({case.status}): a decision is corrected by an appeal "
            "or by the commission (`tanu case correct`), not withdrawn"
        )
    row = FindingRow(
        stage="withdrawal",
        clause="5.2",
        rule="application-withdrawn",
        status=WITHDRAWN,
        reason_kk=reason_kk,
        reason_en=reason_en,
        recorded_at=_now(),
    )
    case.findings.append(row)
    case.status = WITHDRAWN
    session.flush()
    return row


def open_cases(session: Session, learner_id: str | None = None) -> list[int]:
    """The undecided cases (of ``learner_id``, when given), oldest first."""
    query = select(CaseRow.id).where(CaseRow.status.in_(OPEN))
    if learner_id is not None:
        query = query.where(CaseRow.learner_id == learner_id)
    return list(session.scalars(query.order_by(CaseRow.id)))


def correct(
    session: Session,
    decision_id: int,
    kind: str,
    body: str,
    number: str,
    day: date,
    reason: str,
    grade: Grade | None = None,
) -> CorrectionRow:
    """An appeal's or the commission's correction of a decision, appended: ``annulled``
    releases its credits (the cap, the transcript) and leaves its case *annulled*;
    ``amended`` replaces its grade with ``grade``. Nothing is deleted; a decision already
    annulled cannot be corrected again."""
    decision = session.get(DecisionRow, decision_id)
    if decision is None:
        raise LookupError(f"no decision #{decision_id}")
    if session.scalar(
        select(CorrectionRow.id).where(
            CorrectionRow.decision_id == decision_id, CorrectionRow.kind == ANNULLED
        )
    ):
        raise ValueError(f"decision #{decision_id} is already annulled")
    if kind == AMENDED and (grade is None or decision.outcome != "recognised"):
        raise ValueError("only a recognition's grade can be amended, and a new grade is needed")
    row = CorrectionRow(
        decision_id=decision_id,
        kind=kind,
        body=body,
        number=number,
        decided_on=day,
        reason=reason,
        score=None if grade is None else grade.score,
        points=None if grade is None else grade.points,
        letter=None if grade is None else grade.letter,
        gpa=None if grade is None else grade.gpa,
        created_at=_now(),
    )
    session.add(row)
    if kind == ANNULLED:
        case = session.get(CaseRow, decision.case_id)
        assert case is not None
        case.status = ANNULLED
    session.flush()
    return row


def corrections_of(session: Session, decision_id: int) -> list[CorrectionRow]:
    return list(
        session.scalars(
            select(CorrectionRow)
            .where(CorrectionRow.decision_id == decision_id)
            .order_by(CorrectionRow.id)
        )
    )


def _finding_rows(findings: tuple[Finding, ...], stage: str) -> list[FindingRow]:
    now = _now()
    return [
        FindingRow(
            stage=stage,
            clause=f.clause,
            rule=f.rule,
            status=f.status.value,
            reason_kk=f.reason_kk,
            reason_en=f.reason_en,
            recorded_at=now,
        )
        for f in findings
    ]


def record_assessment(
    session: Session, assessment: Assessment, case: CaseRow | None = None
) -> CaseRow:
    """A new case with the findings of its assessment; or, given an open case, its new
    assessment appended (earlier findings are kept)."""
    request = assessment.request
    if case is None:
        case = CaseRow(
            learner_id=request.learner_id,
            programme=request.programme,
            component=request.component,
            created_at=_now(),
        )
        session.add(case)
    case.purpose = request.purpose.value
    case.education = request.education.value
    case.platform = request.platform
    case.correspondence = request.correspondence.value
    case.earlier_score = request.earlier_score
    case.submitted_on = request.submitted_on
    case.documents = ",".join(d.kind.value for d in request.documents)
    case.status = assessment.status.value
    case.findings.extend(_finding_rows(assessment.findings, "assessment"))
    session.flush()
    return case


def open_sitting(
    session: Session,
    commission_id: str,
    number: str,
    held_on: date,
    members: int,
    present_members: list[str],
) -> SittingRow:
    sitting = SittingRow(
        commission_id=commission_id,
        number=number,
        held_on=held_on,
        members=members,
        present=len(present_members),
        present_members=",".join(present_members),
    )
    session.add(sitting)
    session.flush()
    return sitting


def record_decision(
    session: Session,
    case: CaseRow,
    decision: Decision,
    sitting: SittingRow | None,
    day: date,
    interview: str | None = None,
    override: str | None = None,
    reviewed: bool | None = None,
) -> DecisionRow:
    """The decision, its findings, and — when recognised — the ledger row (4.3, 5.10, 5.11)."""
    vote = decision.vote
    row = DecisionRow(
        case_id=case.id,
        sitting_id=None if sitting is None else sitting.id,
        decided_on=day,
        outcome=decision.outcome.value,
        score=None if decision.grade is None else decision.grade.score,
        points=None if decision.grade is None else decision.grade.points,
        letter=None if decision.grade is None else decision.grade.letter,
        gpa=None if decision.grade is None else decision.grade.gpa,
        traditional_kk=None if decision.grade is None else decision.grade.traditional_kk,
        votes_for=None if vote is None else vote.tally.votes_for,
        votes_against=None if vote is None else vote.tally.votes_against,
        abstained=None if vote is None else vote.tally.abstained,
        chair_vote=None
        if vote is None or vote.tally.chair_vote is None
        else vote.tally.chair_vote.value,
        casting_vote=bool(vote and vote.casting_vote),
        interview=interview,
        reviewed=reviewed,
        override=override,
        clauses=",".join(decision.clauses),
        created_at=_now(),
    )
    session.add(row)
    session.flush()
    for f in _finding_rows(decision.findings, "decision"):
        f.decision_id = row.id
        case.findings.append(f)
    # without a decision (5.9: neither a majority nor a tie; 5.5: the file incomplete) the
    # case keeps the status its rules give it: back on the agenda, re-checked at night
    undecided = decision.outcome is Outcome.NO_DECISION
    case.status = decision.assessment.status.value if undecided else decision.outcome.value
    if decision.recognised:
        assert decision.grade is not None
        component = decision.assessment.context.component
        if component.code in recognised_components(session, case.learner_id, case.programme):
            # the constraint the ledger had: one current recognition per component (4.3)
            raise ValueError(f"{component.code} is already recognised for {case.learner_id}")
        source = f"хаттама № {sitting.number}, {sitting.held_on:%d.%m.%Y} ж." if sitting else ""
        session.add(
            RecognisedCreditRow(
                learner_id=case.learner_id,
                programme=case.programme,
                component=component.code,
                education=case.education,
                credits=component.credits,
                hours=component.hours,
                points=decision.grade.points,
                letter=decision.grade.letter,
                gpa=decision.grade.gpa,
                recognised_on=day,
                decision_id=row.id,
                origin_decision_id=row.id,
                source=source,
            )
        )
    session.flush()
    return row


def record_recount(
    session: Session,
    learner_id: str,
    programme: str,
    day: date,
    basis: str,
    findings: Sequence[Finding],
    carried: Sequence[tuple[RecognisedCreditRow, RecognisedCreditRow]],
) -> RecountRow:
    """The Registrar's re-count (4.2): its record, and per carried recognition a new ledger row
    in ``programme`` (the pair: the earlier row, the new row's values) that keeps the earlier
    row's origin, so an annulment of the first decision releases it too."""
    recount = RecountRow(
        learner_id=learner_id,
        programme=programme,
        recounted_on=day,
        basis=basis,
        findings=json.dumps([f.as_dict() for f in findings], ensure_ascii=False),
        created_at=_now(),
    )
    session.add(recount)
    session.flush()
    done = recognised_components(session, learner_id, programme)
    for earlier, new in carried:
        if new.component in done:
            raise ValueError(f"{new.component} is already recognised for {learner_id}")
        new.learner_id = learner_id
        new.programme = programme
        new.carried_from = earlier.id
        new.origin_decision_id = origin_of(earlier)
        new.recount_id = recount.id
        session.add(new)
    session.flush()
    return recount
