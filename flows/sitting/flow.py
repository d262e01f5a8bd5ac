"""The Prefect flow of a commission sitting (``tanu-sitting``): suspended until the secretary's
record arrives, then decided, written to the ledger, rendered and delivered. It orchestrates
:mod:`flows.sitting.record` and :mod:`flows.delivery.outbox`; no rule lives here."""

from __future__ import annotations

from datetime import date
from typing import Any

from prefect import flow, suspend_flow_run
from prefect.input import RunInput

from flows.delivery.outbox import close_sitting
from flows.runtime import work_context
from flows.sitting.record import CaseDecision, SittingRecord, apply_record

context = work_context  # what a flow run needs, opened per run


class SittingInput(RunInput):
    """The form the secretary fills in the Prefect UI (or `tanu sitting record`)."""

    held_on: date
    present: list[str]
    cases: list[CaseDecision]


@flow(name="tanu-sitting")
def sitting_flow(commission: str, number: str, wait_days: int = 60) -> dict[str, Any]:
    """Opens a sitting and waits for its record without holding a process (suspended); then
    decides, writes the ledger, renders the documents and delivers them to the outbox."""
    given = suspend_flow_run(wait_for_input=SittingInput, timeout=wait_days * 86400)
    assert given is not None
    record = SittingRecord(
        number=number,
        commission=commission,
        held_on=given.held_on,
        present=given.present,
        cases=given.cases,
    )
    with context() as ctx:
        sitting, decisions = apply_record(ctx.catalog, ctx.session, record)
        ctx.session.commit()
        folder, _ = close_sitting(
            ctx.catalog, ctx.session, sitting, decisions, ctx.settings.var_dir, ctx.settings.smtp
        )
        outcomes = [
            {
                "learner": d.assessment.request.learner_id,
                "component": d.assessment.request.component,
                "outcome": d.outcome.value,
            }
            for d in decisions
        ]
    return {"outbox": str(folder), "decisions": outcomes}
