"""The ledger's undecided cases held against the data files as they are now. An edit of the
data files (a learner, a programme or a component taken out or renamed) can leave a case that
nobody can assess any more: the nightly run reports it the night after; `tanu data check`
finds it when the files are edited, with the same words."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from flows.cases.casework import assess_case
from flows.datafiles import Catalog
from flows.errors import TanuError
from flows.store import ledger
from flows.store.db.models import CaseRow


def unassessable(case: CaseRow, error: TanuError) -> str:
    """One case the data files cannot assess, and what to do."""
    return (
        f"case #{case.id} ({case.learner_id} {case.component}): {error}; correct the data "
        "files, or withdraw the case (`tanu case withdraw`): until then it stays as it is"
    )


def cases_left_unassessable(catalog: Catalog, session: Session, day: date) -> list[str]:
    """Every undecided case the data files cannot assess on ``day``; nothing is recorded."""
    out = []
    for case_id in ledger.open_cases(session):
        case = session.get(CaseRow, case_id)
        if case is None:
            continue
        try:
            assess_case(catalog, session, case, day)
        except TanuError as exc:
            out.append(unassessable(case, exc))
    return out
