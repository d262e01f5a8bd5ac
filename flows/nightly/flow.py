"""The Prefect flow of the night (``tanu-nightly``, 02:00 Asia/Almaty): everything pending
re-checked in coarse batches, one task per batch. It orchestrates :mod:`flows.nightly.recheck`;
no rule lives here."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from prefect import flow, task

from flows.intake.verification import issuer_max_age
from flows.nightly.recheck import (
    NightlyReport,
    batches,
    evidence_to_recheck,
    open_cases,
    reassess_cases,
    recheck_evidence,
    retain,
    write_report,
)
from flows.runtime import work_context

context = work_context  # what a flow run needs, opened per run


@task
def recheck_batch(ids: list[int]) -> dict[str, Any]:
    with context() as ctx:
        report = NightlyReport(ctx.settings.today())
        at_once = ctx.settings.nightly.concurrency
        recheck_evidence(ctx.catalog, ctx.session, ctx.verifier, ids, report, at_once)
        ctx.session.commit()
    return {"rechecked": report.rechecked, "changed": report.changed, "errors": report.errors}


@task
def reassess_batch(ids: list[int], stuck_days: int) -> dict[str, Any]:
    with context() as ctx:
        day = ctx.settings.today()
        report = NightlyReport(day)
        reassess_cases(ctx.catalog, ctx.session, ids, day, timedelta(days=stuck_days), report)
        ctx.session.commit()
    return {
        "reassessed": report.reassessed,
        "changed": report.changed,
        "escalated": report.escalated,
    }


@task
def retention_task(identity_days: int) -> list[str]:
    with context() as ctx:
        settings = ctx.settings.but(retention={"identity_days": identity_days})
        return retain(ctx.session, settings, settings.today())


@flow(name="tanu-nightly")
def nightly_flow(
    max_age_days: int | None = None, stuck_days: int | None = None, batch_size: int | None = None
) -> str:
    """Everything pending, re-checked in coarse batches (one task per batch); a report file.
    A parameter left out is the worker's setting (flows.settings)."""
    with context() as ctx:
        settings = ctx.settings.but(
            issuer_max_age_days=max_age_days or ctx.settings.issuer_max_age_days,
            nightly={
                "stuck_days": stuck_days or ctx.settings.nightly.stuck_days,
                "batch_size": batch_size or ctx.settings.nightly.batch_size,
            },
        )
        evidence = evidence_to_recheck(ctx.session, issuer_max_age(settings))
        cases = open_cases(ctx.session)
    report = NightlyReport(settings.today())
    for part in batches(evidence, settings.nightly.batch_size):
        r = recheck_batch(list(part))
        report.rechecked += r["rechecked"]
        report.changed += r["changed"]
        report.errors += r["errors"]
    for part in batches(cases, settings.nightly.batch_size):
        r = reassess_batch(list(part), settings.nightly.stuck_days)
        report.reassessed += r["reassessed"]
        report.changed += r["changed"]
        report.escalated += r["escalated"]
    report.purged = retention_task(settings.retention.identity_days)
    return str(write_report(report, settings))
