"""Cases against the catalog and the ledger: look up what the rules need, run them, store them.

The one place where :mod:`recognition` meets the data files and the database; the CLI, the demo,
the scenario tests and (later) the Prefect flows all go through here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from flows.datafiles import Catalog
from flows.errors import UsageError
from flows.store import ledger
from flows.store.db.models import CaseRow
from recognition.assessment import (
    Assessment,
    CaseContext,
    CommissionInput,
    Decision,
    assess,
    decide,
)
from recognition.case import (
    CaseRequest,
    Correspondence,
    Document,
    DocumentKind,
    Education,
    Purpose,
    complete_documents,
)
from recognition.catalog import Commission, Syllabus
from recognition.vote import Ballot, Tally


def case_request(
    catalog: Catalog,
    learner_id: str,
    component: str,
    submitted_on: date,
    *,
    purpose: Purpose,
    education: Education,
    documents: Sequence[Document] | None = None,
    platform: str | None = None,
    correspondence: Correspondence = Correspondence.SAME,
    earlier_score: Decimal | None = None,
    programme: str | None = None,
) -> CaseRequest:
    """A learner's request for one component, in the learner's programme (data/learners.yaml).
    Without ``documents``: the complete set the education calls for, dated ``submitted_on``
    (3(3), 5.2). ``programme``: a stored case's own (the learner may have moved since). The
    one place a request is made (the CLI, intake, the ledger, scenarios)."""
    learner = catalog.learners.get(learner_id)
    if learner is None:
        raise UsageError(f"no learner {learner_id!r} in data/learners.yaml")
    return CaseRequest(
        learner_id=learner.id,
        programme=programme or learner.programme,
        component=component,
        purpose=purpose,
        education=education,
        submitted_on=submitted_on,
        platform=platform,
        documents=(
            complete_documents(education, submitted_on) if documents is None else tuple(documents)
        ),
        correspondence=correspondence,
        earlier_score=earlier_score,
    )


def request_from_case(catalog: Catalog, case: CaseRow) -> CaseRequest:
    """The request a stored case was assessed on."""
    return case_request(
        catalog,
        case.learner_id,
        case.component,
        case.submitted_on,
        programme=case.programme,
        purpose=Purpose(case.purpose),
        education=Education(case.education),
        documents=[Document(DocumentKind(k)) for k in (case.documents or "").split(",") if k],
        platform=case.platform,
        correspondence=Correspondence(case.correspondence),
        earlier_score=case.earlier_score,
    )


def assess_case(catalog: Catalog, session: Session, case: CaseRow, day: date) -> Assessment:
    """A stored case assessed again on ``day`` (the night, a sitting, a transfer), without
    recording it; its learner may have moved to another programme since (4.2)."""
    request = request_from_case(catalog, case)
    assessment, _ = assess_request(catalog, session, request, day, record=False, stored=True)
    return assessment


def commission_tally(
    commission: Commission,
    votes_for: int,
    against: int = 0,
    abstained: int = 0,
    *,
    present: int | None = None,
    chair_present: bool = True,
    chair_vote: Ballot | None = None,
) -> Tally:
    """The vote on one case against the commission's membership (4.5, 5.9); everyone present
    unless said. A vote that does not add up is the user's error, said as such."""
    members = len(commission.members)
    try:
        return Tally(
            members,
            members if present is None else present,
            votes_for,
            against,
            abstained,
            chair_present,
            chair_vote,
        )
    except ValueError as exc:
        raise UsageError(f"the vote does not add up: {exc}") from exc


def syllabus_for(catalog: Catalog, programme: str, component: str, day: date) -> Syllabus | None:
    """The syllabus whose period contains ``day``, else the latest that started before it."""
    candidates = catalog.syllabi.get((programme, component), [])
    current = [s for s in candidates if s.starts_on <= day <= s.ends_on]
    if current:
        return current[0]
    started = sorted((s for s in candidates if s.starts_on <= day), key=lambda s: s.starts_on)
    return started[-1] if started else None


def context_for(catalog: Catalog, session: Session, request: CaseRequest, day: date) -> CaseContext:
    programme = catalog.programmes.get(request.programme)
    if programme is None:
        raise UsageError(f"no programme {request.programme!r} in the data files")
    try:
        component = programme.component(request.component)
    except KeyError as exc:
        raise UsageError(
            f"programme {programme.code} has no component {request.component!r}; "
            "see data/programmes/"
        ) from exc
    learner = catalog.learners.get(request.learner_id)
    return CaseContext(
        programme=programme,
        component=component,
        platform=catalog.platforms.get(request.platform) if request.platform else None,
        syllabus=syllabus_for(catalog, programme.code, component.code, request.submitted_on),
        calendar=catalog.calendar,
        parameters=catalog.parameters.at(day),
        prior_non_formal_credits=ledger.prior_non_formal_credits(
            session, request.learner_id, programme.code
        ),
        day=day,
        studies=learner.programme if learner is not None else "",
    )


def assess_request(
    catalog: Catalog,
    session: Session,
    request: CaseRequest,
    day: date,
    *,
    record: bool,
    stored: bool = False,
) -> tuple[Assessment, CaseRow | None]:
    """Assess a request against the ledger; with ``record`` the case is stored. A new
    request (``stored`` false) for a programme the learner does not study is the user's
    error; a stored case whose learner was transferred since is assessed, and says so (4.2)."""
    learner = catalog.learners.get(request.learner_id)
    if learner is None:
        raise UsageError(f"no learner {request.learner_id!r} in data/learners.yaml")
    if learner.programme != request.programme and not stored:
        raise UsageError(
            f"learner {learner.id} studies {learner.programme}, not {request.programme}"
        )
    done = ledger.recognised_components(session, learner.id, request.programme)
    request = replace(request, already_recognised=done)
    assessment = assess(request, context_for(catalog, session, request, day))
    if not record:
        return assessment, None
    ledger.ensure_learner(session, learner)
    return assessment, ledger.record_assessment(session, assessment)


@dataclass(frozen=True, slots=True)
class SittingItem:
    assessment: Assessment
    given: CommissionInput
    case: CaseRow | None
    override: str | None = None  # recognised although the evidence failed its checks: why


def attendance(commission: Commission, present: int, chair_present: bool) -> list[str]:
    """Who attended, when only the count is known: the chair (if present), then members in
    the order of the dean's order."""
    others = [m.id for m in commission.members if m.id != commission.chair]
    chosen = ([commission.chair] if chair_present else []) + others
    return chosen[:present]


def decide_sitting(
    catalog: Catalog,
    session: Session,
    commission: Commission,
    items: Sequence[SittingItem],
    *,
    number: str,
    held_on: date,
    present: int,
    record: bool,
    chair_present: bool = True,
    present_members: list[str] | None = None,
) -> list[Decision]:
    """Apply 5.9, the grading and the cap to a sitting's cases; with ``record``, write the
    decisions and the ledger in the caller's transaction."""
    scale = catalog.scales[commission.grading_scale].at(held_on)
    prior = {
        (i.assessment.request.learner_id, i.assessment.request.programme): (
            ledger.prior_non_formal_credits(
                session, i.assessment.request.learner_id, i.assessment.request.programme
            )
        )
        for i in items
    }
    decisions = decide(
        [(i.assessment, i.given) for i in items],
        scale=scale,
        parameters=catalog.parameters.at(held_on),
        prior_non_formal_credits=prior,
    )
    if record:
        sitting = ledger.open_sitting(
            session,
            commission.id,
            number,
            held_on,
            len(commission.members),
            present_members or attendance(commission, present, chair_present),
        )
        for item, decision in zip(items, decisions, strict=True):
            if item.case is None:
                raise ValueError("a recorded decision needs a recorded case")
            ledger.record_decision(
                session,
                item.case,
                decision,
                sitting,
                held_on,
                item.given.interview,
                item.override,
                item.given.reviewed,
            )
    return decisions
