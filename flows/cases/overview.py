"""The cases as they stand: each with its evidence, the latest verdict of each, and what is still
open (the findings of its latest assessment that are not met), for `tanu status` and other
programs (its JSON shape is stable)."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from flows.store import ledger
from flows.store.db.models import CaseRow, DecisionRow, EvidenceRow


def _history(session: Session, case_id: int) -> list[dict[str, Any]]:
    """The case's decisions, oldest first, each with the corrections that followed it."""
    return [
        {
            "decision": d.id,
            "decided_on": d.decided_on.isoformat(),
            "outcome": d.outcome,
            "letter": d.letter,
            "corrections": [
                {
                    "kind": c.kind,
                    "body": c.body,
                    "number": c.number,
                    "decided_on": c.decided_on.isoformat(),
                    "reason": c.reason,
                    "letter": c.letter,
                }
                for c in ledger.corrections_of(session, d.id)
            ],
        }
        for d in session.scalars(
            select(DecisionRow).where(DecisionRow.case_id == case_id).order_by(DecisionRow.id)
        )
    ]


def case_overview(session: Session, learner: str | None = None) -> list[dict[str, Any]]:
    """Every case (of ``learner``, when given), oldest first. A case's current findings are those
    of its latest assessment; earlier assessments are history."""
    out: list[dict[str, Any]] = []
    query = select(CaseRow).order_by(CaseRow.id)
    if learner:
        query = query.where(CaseRow.learner_id == learner)
    for case in session.scalars(query):
        latest = [f for f in case.findings if f.stage == "assessment"]
        last_time = max((f.recorded_at for f in latest), default=None)
        current = [f for f in latest if f.recorded_at == last_time]
        withdrawn = next((f for f in case.findings if f.stage == "withdrawal"), None)
        evidence = []
        for e in session.scalars(select(EvidenceRow).where(EvidenceRow.case_id == case.id)):
            verdict = ledger.latest_verdict(session, e.id)
            evidence.append(
                {
                    "file": e.original_name,
                    "kind": e.kind,
                    "verdict": verdict.status if verdict else None,
                    "checks": json.loads(verdict.findings) if verdict else [],
                }
            )
        out.append(
            {
                "case": case.id,
                "learner": case.learner_id,
                "programme": case.programme,
                "component": case.component,
                "purpose": case.purpose,
                "status": case.status,
                "evidence": evidence,
                "decisions": _history(session, case.id),
                "open": [
                    {
                        "clause": f.clause,
                        "status": f.status,
                        "reason_kk": f.reason_kk,
                        "reason_en": f.reason_en,
                    }
                    for f in current
                    if f.status != "ok" and withdrawn is None  # a withdrawn case waits for nothing
                ],
                "withdrawn": None
                if withdrawn is None
                else {"reason_kk": withdrawn.reason_kk, "reason_en": withdrawn.reason_en},
            }
        )
    return out
