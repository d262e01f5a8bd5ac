"""A learner's lifelong ledger as the Registrar reads it (4.3): every recognised component in
every programme, with the grade that stands (an amendment's, read on that programme's scale,
5.8), where a re-counted row came from (4.2), and per programme the non-formal credits against
its share (4.6). Annulled decisions' rows no longer count and are left out."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from flows.datafiles import Catalog
from flows.errors import UsageError
from flows.store import ledger
from flows.store.db.models import RecognisedCreditRow
from recognition.cap import cap_credits
from recognition.case import Education


def component_name(catalog: Catalog, row: RecognisedCreditRow) -> str:
    """A ledger row's component by its Kazakh name, or its code when its programme or its
    curriculum no longer has it."""
    programme = catalog.programmes.get(row.programme)
    try:
        return row.component if programme is None else programme.component(row.component).name_kk
    except KeyError:  # the curriculum changed since: the code is all that is known
        return row.component


def learner_credits(
    catalog: Catalog, session: Session, learner_id: str, day: date
) -> dict[str, Any]:
    """The ledger of ``learner_id``, by programme (the learner's present one first), with the
    share in force on ``day``."""
    learner = catalog.learners.get(learner_id)
    if learner is None:
        raise UsageError(f"no learner {learner_id!r} in data/learners.yaml")
    rows = ledger.learner_ledger(session, learner_id)
    by_id = {r.id: r for r in rows}
    share = catalog.parameters.at(day).cap_share
    programmes: dict[str, list[dict[str, Any]]] = {learner.programme: []}
    for r in rows:
        programme = catalog.programmes.get(r.programme)
        points, basis = r.points, r.source
        amended = ledger.amendment_of(session, r)
        if amended is not None and amended.points is not None:
            points = amended.points
            basis += f"; amended № {amended.number} of {amended.decided_on.isoformat()}"
        letter = r.letter
        if programme is not None:
            letter = catalog.scale_for(programme, r.recognised_on).band_for(points).letter
        origin = by_id.get(r.carried_from) if r.carried_from is not None else None
        programmes.setdefault(r.programme, []).append(
            {
                "component": r.component,
                "name": component_name(catalog, r),
                "credits": r.credits,
                "education": r.education,
                "points": points,
                "letter": letter,
                "recognised_on": r.recognised_on.isoformat(),
                "carried_from": f"{origin.programme} {origin.component}" if origin else None,
                "basis": basis,
            }
        )
    out = []
    for code, items in programmes.items():
        programme = catalog.programmes.get(code)
        non_formal = sum(i["credits"] for i in items if i["education"] == Education.NON_FORMAL)
        out.append(
            {
                "programme": code,
                "present": code == learner.programme,
                "credits": sum(i["credits"] for i in items),
                "non_formal_credits": non_formal,
                # 4.6: at most this many non-formal credits of the programme's total
                "cap_credits": (
                    float(cap_credits(programme.total_credits, share)) if programme else None
                ),
                "rows": items,
            }
        )
    return {"learner": learner_id, "programme": learner.programme, "programmes": out}
