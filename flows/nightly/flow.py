"""The Prefect flow of the night (``tanu-nightly``, 02:00 Asia/Almaty): everything pending
re-checked in coarse batches, one task per batch. It orchestrates :mod:`flows.nightly.recheck`;
no rule lives here."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from prefect import flow, task

from flows.intake.verification import work_context
from flows.nightly.recheck import (
    NightlyReport,
    batches,
    evidence_to_recheck,
    open_cases,
    reassess_cases,
    recheck_evidence,
)

context = work_context  # what a flow run needs, opened per run


@task
def recheck_batch(ids: list[int]) -> dict[str, Any]:
    with context() as ctx:
        report = NightlyReport(date.today())
        recheck_evidence(ctx.catalog, ctx.session, ctx.verifier, ids, report)
        ctx.session.commit()
    return {"rechecked": report.rechecked, "changed": report.changed, "errors": report.errors}


@task
def reassess_batch(ids: list[int], stuck_days: int) -> dict[str, Any]:
    with context() as ctx:
        report = NightlyReport(date.today())
        reassess_cases(
            ctx.catalog, ctx.session, ids, date.today(), timedelta(days=stuck_days), report
        )
        ctx.session.commit()
    return {
        "reassessed": report.reassessed,
        "changed": report.changed,
        "escalated": report.escalated,
    }


@flow(name="tanu-nightly")
def nightly_flow(max_age_days: int = 7, stuck_days: int = 30, batch_size: int = 200) -> str:
    """Everything pending, re-checked in coarse batches (one task per batch); a report file."""
    with context() as ctx:
        evidence = evidence_to_recheck(ctx.session, timedelta(days=max_age_days))
        cases = open_cases(ctx.session)
        var = ctx.settings.var_dir
    report = NightlyReport(date.today())
    for part in batches(evidence, batch_size):
        r = recheck_batch(list(part))
        report.rechecked += r["rechecked"]
        report.changed += r["changed"]
        report.errors += r["errors"]
    for part in batches(cases, batch_size):
        r = reassess_batch(list(part), stuck_days)
        report.reassessed += r["reassessed"]
        report.changed += r["changed"]
        report.escalated += r["escalated"]
    folder = var / "reports"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"nightly-{report.day.isoformat()}.txt"
    path.write_text(report.text(), encoding="utf-8")
    return str(path)
