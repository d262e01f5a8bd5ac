"""The Prefect flows: intake of the watched folder, one run per file (its SHA-256 as the
idempotency key), the commission sitting (suspended until the secretary's record arrives), and
the nightly batch (02:00 Asia/Almaty). They orchestrate :mod:`flows.intake`,
:mod:`flows.sitting`, :mod:`flows.delivery` and :mod:`flows.nightly`; no rule lives here."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger, suspend_flow_run, task
from prefect.input import RunInput

from flows.delivery import close_sitting
from flows.intake import Folders, Intake, Stability
from flows.nightly import (
    NightlyReport,
    batches,
    evidence_to_recheck,
    open_cases,
    reassess_cases,
    recheck_evidence,
)
from flows.settings import Settings
from flows.sitting import CaseDecision, SittingRecord, apply_record
from flows.verification import work_context

context = work_context  # what a flow run needs, opened per run


# ------------------------------------------------------------------ intake
@task
def take_batch(root: str, paths: list[str]) -> list[dict[str, Any]]:
    """A batch of stable files: each hashed, stored, checked; the original moved after commit."""
    with context() as ctx:
        job = Intake(ctx.catalog, ctx.session, ctx.verifier, Folders.under(Path(root)))
        taken = [job.take(Path(p)) for p in paths if Path(p).exists()]
    return [
        {
            "file": t.path.name,
            "outcome": t.outcome,
            "where": str(t.where),
            "reason": t.reason,
            "case": t.case_id,
        }
        for t in taken
    ]


@flow(name="tanu-file")
def file_flow(root: str, path: str, sha256: str) -> list[dict[str, Any]]:
    """One file. Started by the watcher with the file's SHA-256 as idempotency key, so a file
    seen twice makes one run; a resubmitted file is also known by its hash in the database."""
    get_run_logger().info("taking %s (%s…)", Path(path).name, sha256[:12])
    return take_batch(root, [path])


@flow(name="tanu-intake")
def intake_flow(
    root: str | None = None, stable_seconds: float = 2.0, batch_size: int = 20
) -> list[dict[str, Any]]:
    """A pass over the inbox (the startup scan and the periodic safety net): every file that
    stays unchanged for ``stable_seconds`` is taken, in batches."""
    import time

    settings = Settings.from_env()
    folders = Folders.under(Path(root) if root else settings.var_dir)
    folders.create()
    stability = Stability(stable_seconds)
    with context() as ctx:
        probe = Intake(ctx.catalog, ctx.session, ctx.verifier, folders, stability)
        probe.ready_files()
        time.sleep(stable_seconds)
        ready = [str(p) for p in probe.ready_files()]
    results: list[dict[str, Any]] = []
    for batch in batches(ready, batch_size):
        results += take_batch(str(folders.inbox.parent), list(batch))
    get_run_logger().info("intake: %d file(s) taken", len(results))
    return results


# ------------------------------------------------------------------ the sitting
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


# ------------------------------------------------------------------ the night
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
