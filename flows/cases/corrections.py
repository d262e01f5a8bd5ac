"""Corrections of decisions against the catalog and the ledger: an appeal's or the commission's
annulment, or an amendment of the grade graded on the scale the decision was made on."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from flows.datafiles import Catalog
from flows.errors import UsageError
from flows.store import ledger
from flows.store.db.models import CaseRow, CorrectionRow, DecisionRow
from recognition.grading import grade


def correct_decision(
    catalog: Catalog,
    session: Session,
    decision_id: int,
    *,
    body: str,
    number: str,
    day: date,
    reason: str,
    score: Decimal | None,
) -> CorrectionRow:
    """Annul decision ``decision_id`` (``score`` None) or amend its grade to ``score``, in the
    caller's transaction. A score below the pass mark is no amendment: it is an annulment."""
    row = session.get(DecisionRow, decision_id)
    if row is None:
        raise UsageError(f"no decision #{decision_id} (`tanu status` lists them)")
    new = None
    if score is not None:
        case = session.get(CaseRow, row.case_id)
        assert case is not None
        programme = catalog.programmes[case.programme]
        scale = catalog.scales[catalog.commission_for(programme).grading_scale]
        new = grade(score, scale.at(row.decided_on))
        threshold = catalog.parameters.at(row.decided_on).pass_threshold
        if not new.positive or new.score < threshold:
            raise UsageError(
                f"a score of {score} is below the pass mark ({threshold}, 5.7): that is an "
                "annulment (--annul), not an amendment"
            )
    kind = ledger.ANNULLED if score is None else ledger.AMENDED
    try:
        return ledger.correct(session, decision_id, kind, body, number, day, reason, new)
    except ValueError as exc:
        raise UsageError(str(exc)) from exc
