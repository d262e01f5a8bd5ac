"""The Prefect flow of the night (``tanu-nightly``, 02:00 Asia/Almaty): everything pending
re-checked in coarse batches, one task per batch. It orchestrates :mod:`flows.nightly.recheck`;
no rule lives here."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import timedelta
from typing import Any

from prefect import flow, task, unmapped
from prefect.futures import PrefectFuture

from flows.intake.verification import issuer_max_age
from flows.nightly.recheck import (
    NightlyReport,
    batches,
    evidence_to_recheck,
    reassess_cases,
    recheck_evidence,
    retain,
    write_report,
)
from flows.runtime import finished, task_runner, where, work_context
from flows.store import ledger

context = work_context  # what a flow run needs, opened per run


@task(retries=2, retry_delay_seconds=10)
def recheck_batch(ids: list[int]) -> dict[str, Any]:
    """Evidence verified again (a thread here, a Dask worker elsewhere: only ids in, its own
    session); with the worker's own record of where and when it ran (``batch``)."""
    began = where()
    with context() as ctx:
        report = NightlyReport(ctx.settings.today())
        at_once = ctx.settings.nightly.concurrency
        recheck_evidence(ctx.catalog, ctx.session, ctx.verifier, ids, report, at_once)
        ctx.session.commit()
    return {
        "rechecked": report.rechecked,
        "changed": report.changed,
        "errors": report.errors,
        "batch": finished(began, items=len(ids)),
    }


@task(retries=2, retry_delay_seconds=10)
def reassess_batch(ids: list[int], stuck_days: int) -> dict[str, Any]:
    began = where()
    with context() as ctx:
        day = ctx.settings.today()
        report = NightlyReport(day)
        reassess_cases(ctx.catalog, ctx.session, ids, day, timedelta(days=stuck_days), report)
        ctx.session.commit()
    return {
        "reassessed": report.reassessed,
        "changed": report.changed,
        "escalated": report.escalated,
        "batch": finished(began, items=len(ids)),
    }


@task
def retention_task(identity_days: int) -> list[str]:
    with context() as ctx:
        settings = ctx.settings.but(retention={"identity_days": identity_days})
        return retain(ctx.session, settings, settings.today())


@flow(name="tanu-nightly", task_runner=task_runner())
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
        cases = ledger.open_cases(ctx.session)
    report = NightlyReport(settings.today())
    size = settings.nightly.batch_size
    checks = [list(p) for p in batches(evidence, size)]
    for r in _gathered(checks, recheck_batch.map(checks), report):
        report.rechecked += r["rechecked"]
        report.changed += r["changed"]
        report.errors += r["errors"]
    reassess = [list(p) for p in batches(cases, size)]
    futures = reassess_batch.map(reassess, unmapped(settings.nightly.stuck_days))
    for r in _gathered(reassess, futures, report):
        report.reassessed += r["reassessed"]
        report.changed += r["changed"]
        report.escalated += r["escalated"]
    report.purged = retention_task(settings.retention.identity_days)
    return str(write_report(report, settings))


def _gathered(
    parts: list[list[int]], futures: Iterable[PrefectFuture[dict[str, Any]]], report: NightlyReport
) -> Iterator[dict[str, Any]]:
    """Each batch's result, with where it ran in the report; a batch that failed for good
    (its retries spent) is reported and the others are kept: it is tried again the next
    night."""
    for part, future in zip(parts, futures, strict=True):
        try:
            result = future.result()
        except Exception as exc:
            report.errors.append(f"a batch of {len(part)} failed, tried again tomorrow: {exc}")
            continue
        report.batches.append(result["batch"])
        yield result
