"""A commission sitting from the secretary's record: who attended, and for each case the
interview, the score and the votes (5.6, 5.7, 5.9). The record is a typed model — a YAML file
today (``tanu sitting record --file``), the Prefect form when the sitting flow waits for it.
Applying it decides the cases (5.9, grading, the cap over the ledger) and writes the decisions
and the ledger in one transaction."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, model_validator
from sqlalchemy import select
from sqlalchemy.orm import Session

from flows.cases.casework import (
    SittingItem,
    assess_case,
    commission_tally,
    decide_sitting,
)
from flows.datafiles import Catalog, read_model
from flows.errors import UsageError
from flows.store import ledger
from flows.store.db.models import CaseRow, DecisionRow, EvidenceRow, SittingRow
from recognition.assessment import CaseStatus, CommissionInput, Decision
from recognition.vote import Ballot


class Votes(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    votes_for: int = Field(alias="for", ge=0)
    against: int = Field(default=0, ge=0)
    abstained: int = Field(default=0, ge=0)


class CaseDecision(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    case: int = Field(description="the case number shown by `tanu status`")
    reviewed: bool | None = Field(
        default=None,
        description="the documents' correspondence to the component's programme reviewed (5.6)",
    )
    interview: str | None = Field(
        default=None, description="interview or written test held, and its result (5.6)"
    )
    score: Decimal | None = Field(default=None, ge=0, le=100)
    votes: Votes
    chair: Ballot | None = Field(default=None, description="the chair's own vote")
    override: str | None = Field(
        default=None,
        min_length=3,
        description="the commission's reason for recognising although the evidence did not "
        "pass its checks (printed in the protocol)",
    )


class SittingRecord(BaseModel):
    """What the secretary records for a sitting (the Prefect form has the same fields)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    number: str = Field(min_length=1, description="protocol number")
    commission: str
    held_on: date
    present: list[str] = Field(min_length=1, description="member ids present")
    cases: list[CaseDecision] = Field(min_length=1)

    @model_validator(mode="after")
    def _distinct(self) -> SittingRecord:
        if len(set(self.present)) != len(self.present):
            raise ValueError("a member is listed twice among those present")
        ids = [c.case for c in self.cases]
        if len(set(ids)) != len(ids):
            raise ValueError("a case is decided twice")
        return self


def load_record(path: Path) -> SittingRecord:
    return read_model(path, SittingRecord, *_RECORD)


_RECORD = ("the sitting's record", "record it again (nothing was recorded)")


def apply_record(
    catalog: Catalog, session: Session, record: SittingRecord
) -> tuple[SittingRow, list[Decision]]:
    """Decide the record's cases; the caller commits."""
    commission = next((c for c in catalog.commissions.values() if c.id == record.commission), None)
    if commission is None:
        raise UsageError(f"no commission {record.commission!r} in data/commissions.yaml")
    members = {m.id for m in commission.members}
    strangers = sorted(set(record.present) - members)
    if strangers:
        raise UsageError(f"not members of {commission.id}: {', '.join(strangers)}")
    if (
        session.query(SittingRow)
        .filter_by(commission_id=commission.id, number=record.number)
        .first()
    ):
        raise UsageError(f"sitting {record.number} of {commission.id} is already recorded")
    items = []
    for decided in record.cases:
        case = session.get(CaseRow, decided.case)
        if case is None:
            raise UsageError(f"no case #{decided.case}")
        if catalog.commission_for(catalog.programmes[case.programme]).id != commission.id:
            raise UsageError(f"case #{case.id} belongs to another faculty's commission")
        if case.status == ledger.WITHDRAWN:  # its rules may still hold: the application does not
            raise UsageError(
                f"case #{case.id} was withdrawn by the applicant: take it out of the record"
            )
        # the documents' dates are in the evidence; re-assess at the sitting's day
        assessment = assess_case(catalog, session, case, record.held_on)
        if assessment.status is not CaseStatus.READY:
            raise UsageError(
                f"case #{case.id} is not ready for the commission "
                f"({assessment.status.value}): see `tanu status`"
            )
        tally = commission_tally(
            commission,
            decided.votes.votes_for,
            decided.votes.against,
            decided.votes.abstained,
            present=len(record.present),
            chair_present=commission.chair in record.present,
            chair_vote=decided.chair,
        )
        given = CommissionInput(tally, decided.score, decided.interview, decided.reviewed)
        items.append(SittingItem(assessment, given, case, decided.override))
    decisions = decide_sitting(
        catalog,
        session,
        commission,
        items,
        number=record.number,
        held_on=record.held_on,
        present=len(record.present),
        record=True,
        present_members=record.present,
    )
    for item, decision in zip(items, decisions, strict=True):
        assert item.case is not None
        doubts = evidence_doubts(session, item.case)
        if decision.recognised and doubts and not item.override:
            raise UsageError(
                f"case #{item.case.id}: the commission voted to recognise it, but its evidence "
                f"did not pass its checks ({'; '.join(doubts)}); a decision cannot outrun its "
                "evidence: record the commission's reason as `override:` for this case, or "
                "decide again"
            )
    sitting = (
        session.query(SittingRow).filter_by(commission_id=commission.id, number=record.number).one()
    )
    return sitting, decisions


def check_record(catalog: Catalog, session: Session, record: SittingRecord) -> None:
    """Every check of the record, with nothing kept: raises what :func:`apply_record` would."""
    try:
        apply_record(catalog, session, record)
    finally:
        session.rollback()


def recorded_decisions(session: Session, commission: str, number: str) -> list[str]:
    """The decisions of a recorded sitting, one line each (what the secretary is shown)."""
    sitting = session.scalar(
        select(SittingRow).where(
            SittingRow.commission_id == commission, SittingRow.number == number
        )
    )
    if sitting is None:
        return []
    lines = []
    for decision in session.scalars(
        select(DecisionRow).where(DecisionRow.sitting_id == sitting.id).order_by(DecisionRow.id)
    ):
        case = session.get(CaseRow, decision.case_id)
        assert case is not None
        lines.append(f"{case.learner_id} {case.component}: {decision.outcome} ({decision.clauses})")
    return lines


def evidence_doubts(session: Session, case: CaseRow) -> list[str]:
    """Why the case's certificates do not confirm it: each certificate's latest verdict when
    none of them is *verified* (refused, needs review, pending). A case without certificate
    files (documents handed in on paper) has none."""
    found = []
    for evidence in session.scalars(
        select(EvidenceRow).where(EvidenceRow.case_id == case.id, EvidenceRow.kind == "certificate")
    ):
        verdict = ledger.latest_verdict(session, evidence.id)
        status = verdict.status if verdict else "not checked"
        if status == "verified":
            return []
        found.append(f"{evidence.original_name or 'a certificate'}: {status}")
    return found
