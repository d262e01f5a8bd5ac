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

DEFAULTS = Settings.from_env({})  # what prefect.yaml declares


def deployments(settings: Settings) -> list[Any]:
    """The deployments of ``prefect.yaml``, built from the code and the settings (a test holds
    the two together). Intake parameters differing from the defaults (``tanu serve
    --stable-seconds 5``) are passed to the intake deployment."""
    intake = {
        name: value
        for name, value in settings.intake.model_dump().items()
        if name in ("stable_seconds", "batch_size") and value != DEFAULTS.intake.model_dump()[name]
    }
    return [
        intake_flow.to_deployment(
            name="intake", interval=settings.intake.pass_interval_seconds, parameters=intake
        ),
        file_flow.to_deployment(name="file"),
        sitting_flow.to_deployment(name="sitting"),
        nightly_flow.to_deployment(
            name="nightly", schedule=Cron(settings.nightly.cron, timezone=settings.time_zone)
        ),
    ]


def serve_settings(
    settings: Settings, stable_seconds: float | None, rescan_seconds: float | None
) -> Settings:
    """The settings with ``tanu serve``'s options applied."""
    changes: dict[str, float] = {}
    if stable_seconds is not None:
        changes["stable_seconds"] = stable_seconds
    if rescan_seconds is not None:
        changes["rescan_seconds"] = rescan_seconds
    return settings.but(intake=changes) if changes else settings


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


def run(settings: Settings) -> None:
    root = settings.var_dir
    stop = threading.Event()
    watcher = threading.Thread(
        target=watch,
        args=(root / "inbox", lambda p: start_file_run(root, p)),
        kwargs={
            "stable_seconds": settings.intake.stable_seconds,
            "rescan_seconds": settings.intake.rescan_seconds,
            "stop": stop,
        },
        daemon=True,
    )
    watcher.start()
    try:
        serve(*deployments(settings))
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
