"""``tanu serve``: every deployment served from this machine (Prefect's ``serve``) and the
inbox watcher starting one ``tanu-file`` run per ready file, keyed by its SHA-256."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any
from uuid import UUID

from prefect import serve
from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import (
    DeploymentFilter,
    DeploymentFilterName,
    FlowRunFilter,
    FlowRunFilterState,
    FlowRunFilterStateType,
)
from prefect.client.schemas.objects import FlowRun, StateType
from prefect.deployments import run_deployment
from prefect.flow_runs import resume_flow_run
from prefect.schedules import Cron

from flows.intake.flow import file_flow, intake_flow
from flows.intake.verification import sha256_of
from flows.intake.watcher import watch
from flows.nightly.flow import nightly_flow
from flows.settings import Settings
from flows.sitting.flow import sitting_flow
from flows.sitting.record import SittingRecord


def deployments() -> list[Any]:
    return [
        intake_flow.to_deployment(name="intake", interval=900),
        file_flow.to_deployment(name="file"),
        sitting_flow.to_deployment(name="sitting"),
        nightly_flow.to_deployment(
            name="nightly", schedule=Cron("0 2 * * *", timezone="Asia/Almaty")
        ),
    ]


def start_file_run(root: Path, path: Path) -> UUID:
    """One flow run per file; the SHA-256 as idempotency key makes a file seen twice one run."""
    digest = sha256_of(path)
    run = run_deployment(
        "tanu-file/file",
        parameters={"root": str(root), "path": str(path), "sha256": digest},
        idempotency_key=digest,
        timeout=0,
    )
    assert isinstance(run, FlowRun)  # called synchronously
    return run.id


def run(stable_seconds: float = 2.0, rescan_seconds: float = 300.0) -> None:
    settings = Settings.from_env()
    root = settings.var_dir
    stop = threading.Event()
    watcher = threading.Thread(
        target=watch,
        args=(root / "inbox", lambda p: start_file_run(root, p)),
        kwargs={"stable_seconds": stable_seconds, "rescan_seconds": rescan_seconds, "stop": stop},
        daemon=True,
    )
    watcher.start()
    try:
        serve(*deployments())
    finally:
        stop.set()


async def suspended_sitting(commission: str, number: str) -> UUID | None:
    """The suspended run of ``tanu-sitting`` for this sitting, if one waits."""
    async with get_client() as client:
        runs = await client.read_flow_runs(
            deployment_filter=DeploymentFilter(name=DeploymentFilterName(any_=["sitting"])),
            flow_run_filter=FlowRunFilter(
                state=FlowRunFilterState(type=FlowRunFilterStateType(any_=[StateType.PAUSED]))
            ),
        )
    for run_ in runs:
        params = run_.parameters or {}
        if params.get("commission") == commission and str(params.get("number")) == number:
            return run_.id
    return None


def resume_sitting(run_id: UUID, record: SittingRecord) -> None:
    """Resume the waiting run with the secretary's record as its input."""
    resume_flow_run(
        run_id,
        run_input=record.model_dump(
            mode="json", by_alias=True, include={"held_on", "present", "cases"}
        ),
    )
