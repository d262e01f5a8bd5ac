"""An application withdrawn by the applicant before the commission decides it: the case is
closed without a decision, in Kazakh and English words the case's history keeps. The
application is the one 5.2 asks for (Appendix 1); a decided case is corrected instead
(:mod:`flows.cases.corrections`)."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from flows.errors import UsageError
from flows.store import ledger
from flows.store.db.models import FindingRow
from recognition.kazakh import long_date


def withdraw_case(session: Session, case_id: int, day: date, reason: str) -> FindingRow:
    """Close case ``case_id`` as withdrawn by the applicant's written request of ``day``, in
    the caller's transaction."""
    reason = " ".join(reason.split())
    if not reason:
        raise UsageError("give the reason, as the applicant's request states it (--reason)")
    reason_kk = (
        f"Өтініш берушінің {long_date(day)} жазбаша арызы бойынша өтініш кері қайтарып "
        f"алынды. Себебі: {reason}"
    )
    reason_en = f"The applicant withdrew the application (written request of {day}): {reason}"
    try:
        return ledger.withdraw(session, case_id, reason_kk, reason_en)
    except LookupError as exc:
        raise UsageError(f"{exc} (`tanu status` lists the cases)") from exc
    except ValueError as exc:
        raise UsageError(str(exc)) from exc
