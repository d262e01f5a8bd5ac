"""The steps of a scenario before its sitting: earlier decisions in the ledger (``history``),
with their corrections, and the Registrar's re-count after a transfer (``recount``). Each runs
through the same code the commands use (:mod:`flows.cases`)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from flows.cases.casework import (
    SittingItem,
    assess_request,
    case_request,
    commission_tally,
    decide_sitting,
)
from flows.cases.corrections import correct_decision
from flows.cases.recount import Recount, recount_learner
from flows.datafiles import Catalog
from flows.errors import UsageError
from flows.store.db.models import DecisionRow
from recognition.assessment import CommissionInput
from recognition.case import Education, Purpose
from recognition.findings import Status
from recognition.recount import Conclusion
from recognition.vote import Ballot


class _Spec(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class CorrectionSpec(_Spec):
    """A correction of a history decision: an amended ``score``, or without one an annulment."""

    by: Literal["appeals", "commission"] = "appeals"
    number: str
    decided_on: date
    reason: str
    score: Decimal | None = None


class HistorySpec(_Spec):
    """An earlier decision, recorded through the same rules before the scenario's cases."""

    learner: str
    component: str
    programme: str | None = None  # the learner's programme then, when it was another (4.2)
    education: Education = Education.NON_FORMAL
    platform: str = "coursera"
    submitted_on: date
    decided_on: date
    score: Decimal = Decimal(85)
    correction: CorrectionSpec | None = None


class EquivalentSpec(_Spec):
    earlier: str
    to: str


class RecountExpect(_Spec):
    earlier: str  # the component as recognised before
    carried: bool
    to: str | None = None  # the component it becomes, when carried
    clause: str | None = None
    status: Status | None = None
    rule: str | None = None
    letter: str | None = None  # the grade read on the new programme's scale


class RecountSpec(_Spec):
    """The Registrar's re-count after a transfer (4.2): run after the history, before the
    cases; the learner's programme in data/learners.yaml is the one moved to."""

    learner: str
    recounted_on: date
    basis: str = "ауыстыру туралы бұйрық"
    equivalents: list[EquivalentSpec] = []
    conclusion: str = ""
    expect: list[RecountExpect] = Field(min_length=1)


def record_history(h: HistorySpec, catalog: Catalog, session: Session) -> None:
    """An earlier decision, voted unanimously, in the programme the learner was in then; and
    its correction, when the history gives one."""
    then = catalog
    if h.programme is not None:  # before a transfer: data/learners.yaml said another programme
        learner = catalog.learners[h.learner].model_copy(update={"programme": h.programme})
        then = replace(catalog, learners={**catalog.learners, h.learner: learner})
    formal = h.education is Education.FORMAL
    request = case_request(
        then,
        h.learner,
        h.component,
        h.submitted_on,
        purpose=Purpose.TRANSFER if formal else Purpose.FULL_REPLACEMENT,
        education=h.education,
        platform=None if formal else h.platform,
        earlier_score=h.score if formal else None,
    )
    assessment, row = assess_request(then, session, request, h.submitted_on, record=True)
    commission = then.commission_for(then.programmes[request.programme])
    members = len(commission.members)
    tally = commission_tally(commission, members, chair_vote=Ballot.FOR)  # unanimous
    [decision] = decide_sitting(
        then,
        session,
        commission,
        [SittingItem(assessment, CommissionInput(tally, h.score, reviewed=True), row)],
        number=f"{h.decided_on:%Y%m%d}-{h.component}",
        held_on=h.decided_on,
        present=members,
        record=True,
    )
    if not decision.recognised:
        raise UsageError(
            f"history: {h.learner} {h.component} on {h.decided_on} was not recognised "
            f"({', '.join(f.rule for f in decision.findings if f.status.blocks)})"
        )
    if h.correction is not None:
        assert row is not None
        c = h.correction
        decision_id = session.scalar(
            select(DecisionRow.id)
            .where(DecisionRow.case_id == row.id)
            .order_by(DecisionRow.id.desc())
        )
        assert decision_id is not None
        correct_decision(
            catalog, session, decision_id, body=c.by, number=c.number, day=c.decided_on,
            reason=c.reason, score=c.score,
        )  # fmt: skip


def run_recount(spec: RecountSpec, catalog: Catalog, session: Session) -> Recount:
    learner = catalog.learners.get(spec.learner)
    if learner is None:
        raise UsageError(f"recount: no learner {spec.learner!r}")
    return recount_learner(
        catalog,
        session,
        spec.learner,
        to=learner.programme,
        day=spec.recounted_on,
        basis=spec.basis,
        conclusions=[Conclusion(e.earlier, e.to, spec.conclusion) for e in spec.equivalents],
        record=True,
    )


def recount_mismatches(spec: RecountSpec, result: Recount) -> list[str]:
    """How the re-count differs from what the scenario expects; every earlier recognition it
    considered must be expected."""
    got = {i.earlier.component: i for i in result.items}
    wrong: list[str] = []
    for want in spec.expect:
        item = got.pop(want.earlier, None)
        if item is None:
            wrong.append(f"re-count: {want.earlier} was not considered")
            continue
        f = item.finding
        said = "carried" if item.carried else "not carried"
        if item.carried != want.carried:
            wrong.append(f"re-count: {want.earlier} {said} ({f.rule}), expected otherwise")
        to = item.component.code if item.component else None
        if want.to is not None and to != want.to:
            wrong.append(f"re-count: {want.earlier} went to {to}, expected {want.to}")
        for name, have, expected in (
            ("clause", f.clause, want.clause),
            ("status", f.status, want.status),
            ("rule", f.rule, want.rule),
            ("letter", item.band.letter if item.band else None, want.letter),
        ):
            if expected is not None and have != expected:
                wrong.append(f"re-count: {want.earlier} {name} {have}, expected {expected}")
    wrong += [f"re-count: {code} considered but not expected" for code in got]
    return wrong
