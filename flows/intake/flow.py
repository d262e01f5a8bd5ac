"""The Prefect flows of intake: a pass over the watched inbox (``tanu-intake``) and one run per
file the watcher found stable (``tanu-file``). They orchestrate
:mod:`flows.intake.inbox`; no rule lives here."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger, task, unmapped

from flows.intake.folders import Folders, Stability
from flows.intake.inbox import Intake, fail_batch
from flows.nightly.recheck import batches
from flows.runtime import finished, task_runner, where, work_context

context = work_context  # what a flow run needs, opened per run


@task(retries=2, retry_delay_seconds=10)
def take_batch(root: str, paths: list[str]) -> list[dict[str, Any]]:
    """A batch of stable files: each hashed, stored, checked; the original moved after commit.
    Runs wherever the task runner puts it (a thread here, a Dask worker elsewhere): it gets
    only strings and opens its own database session. Each file's record says which process
    took it and when (``batch``)."""
    began = where()
    with context() as ctx:
        wait = Stability(ctx.settings.intake.stable_seconds)  # the files were found stable
        folders = Folders.under(Path(root))
        limit = ctx.settings.intake.most_put_backs
        job = Intake(ctx.catalog, ctx.session, ctx.verifier, folders, wait, limit)
        taken = [job.take(Path(p)) for p in paths if Path(p).exists()]
    batch = finished(began, files=len(paths))
    return [
        {
            "file": t.path.name,
            "outcome": t.outcome,
            "where": str(t.where),
            "reason": t.reason,
            "case": t.case_id,
            "batch": batch,
        }
        for t in taken
    ]


@flow(name="tanu-file")
def file_flow(root: str, path: str, sha256: str) -> list[dict[str, Any]]:
    """One file the watcher found stable. Intake's claim decides what is taken: a second run
    for the same sighting skips it; the same bytes handed in again are known by their hash."""
    get_run_logger().info("taking %s (%s…)", Path(path).name, sha256[:12])
    return take_batch(root, [path])


@flow(name="tanu-intake", task_runner=task_runner())
def intake_flow(
    root: str | None = None, stable_seconds: float | None = None, batch_size: int | None = None
) -> list[dict[str, Any]]:
    """A pass over the inbox (the startup scan and the periodic safety net): every file that
    stays unchanged for ``stable_seconds`` is taken, in batches. A parameter left out is the
    worker's setting (flows.settings)."""
    with context() as ctx:
        intake = ctx.settings.intake
        folders = Folders.under(Path(root) if root else ctx.settings.var_dir)
        folders.create()
        stability = Stability(stable_seconds or intake.stable_seconds)
        limit = intake.most_put_backs
        probe = Intake(ctx.catalog, ctx.session, ctx.verifier, folders, stability, limit)
        ready = [str(p) for p in probe.settled_files()]
    parts = [list(b) for b in batches(ready, batch_size or intake.batch_size)]
    root_dir = str(folders.inbox.parent)
    futures = take_batch.map(unmapped(root_dir), parts)  # on the task runner, at once
    results: list[dict[str, Any]] = []
    for part, future in zip(parts, futures, strict=True):
        try:
            results += future.result()
        except Exception as exc:  # retried by Prefect and still failing: its files not stuck
            get_run_logger().error("intake: a batch of %d file(s) failed: %s", len(part), exc)
            results += [
                {"file": Path(p).name, "outcome": "failed", "where": str(w), "reason": why}
                for p, w, why in fail_batch(folders, part, exc)
            ]
    get_run_logger().info("intake: %d file(s) taken", len(results))
    return results
