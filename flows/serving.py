"""``tanu serve``: every deployment served from this machine (Prefect's ``serve``) and the
inbox watcher starting one ``tanu-file`` run per ready file (:mod:`flows.intake.dispatch`:
taken here while the server is away). If the watcher stops, the process ends (exit 70) so that
its supervisor starts it again."""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from uuid import UUID

import httpx
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

from extractors.errors import ExitCode
from flows.errors import TanuError, UsageError
from flows.intake.dispatch import Dispatcher
from flows.intake.flow import file_flow, intake_flow
from flows.intake.folders import Folders, Stability, sha256_of
from flows.intake.inbox import Intake
from flows.intake.watcher import watch
from flows.nightly.flow import nightly_flow
from flows.runtime import work_context
from flows.settings import Settings
from flows.sitting.flow import sitting_flow
from flows.sitting.record import SittingRecord
from flows.store.db.engine import make_engine, migrate

DEFAULTS = Settings.from_env({})  # what prefect.yaml declares
log = logging.getLogger(__name__)


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
    """One flow run for one sighting of a stable file. No idempotency key: intake's claim
    decides what is taken (a file dropped again is taken again; a second run for the same
    sighting finds the file claimed and skips it)."""
    run = run_deployment(
        "tanu-file/file",
        parameters={"root": str(root), "path": str(path), "sha256": sha256_of(path)},
        timeout=0,
    )
    assert isinstance(run, FlowRun)  # called synchronously
    return run.id


def taker(settings: Settings) -> Callable[[Path, Path], str]:
    """The file taken in this process, as a ``tanu-file`` run would take it."""

    def take(root: Path, path: Path) -> str:
        with work_context(settings) as ctx:
            wait = Stability(settings.intake.stable_seconds)  # found stable by the watcher
            taken = Intake(
                ctx.catalog,
                ctx.session,
                ctx.verifier,
                Folders.under(root),
                wait,
                settings.intake.most_put_backs,
            )
            result = taken.take(path)
        return f"{result.outcome} {result.reason}".strip()

    return take


def api_url() -> str:
    """The Prefect server's address, or a usage error: without one, Prefect would start a
    private temporary server that no other shell (nor the secretary's browser) can reach."""
    from prefect.settings import get_current_settings

    url = get_current_settings().api.url
    if not url:
        raise UsageError(
            "PREFECT_API_URL is not set: start the Prefect server (`prefect server start`, or "
            "its service) and export PREFECT_API_URL=http://127.0.0.1:4200/api"
        )
    return str(url)


def _watch_or_end(settings: Settings, stop: threading.Event) -> None:
    root = settings.var_dir
    dispatch = Dispatcher(root, start_file_run, taker(settings))
    try:
        watch(
            root / "inbox",
            dispatch,
            stable_seconds=settings.intake.stable_seconds,
            rescan_seconds=settings.intake.rescan_seconds,
            stop=stop,
        )
    except BaseException:
        log.exception("watcher: stopped by an error; tanu serve ends so that it is restarted")
        os._exit(ExitCode.SOFTWARE)  # the serving thread cannot be stopped from here


def wait_for_server(url: str, seconds: float, pause: float = 2.0) -> None:
    """The Prefect server answering, waited for at the start: services are started together
    (systemd orders them but does not wait for the server to be ready). Not within
    ``seconds``: an error, and the supervisor starts ``tanu serve`` again."""
    deadline = time.monotonic() + seconds
    waiting = False
    while True:
        try:
            if httpx.get(f"{url}/health", timeout=5).status_code == 200:
                if waiting:
                    log.info("the Prefect server answers")
                return
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            raise TanuError(
                f"the Prefect server at {url} did not answer within {seconds:.0f} s: is it "
                "running? (`tanu doctor` checks it; tanu serve ends so that it is restarted)"
            )
        if not waiting:
            log.warning("waiting for the Prefect server at %s …", url)
            waiting = True
        time.sleep(pause)


def run(settings: Settings, watch_only: bool = False) -> None:
    """Serve every deployment and watch the inbox; with ``watch_only``, only watch: the runs it
    starts are taken by the workers of the ``tanu`` pool (prefect.yaml's deployments)."""
    url = api_url()
    logging.getLogger("flows").setLevel(logging.INFO)  # each file's hand-off and outcome
    wait_for_server(url, settings.prefect_wait_seconds)
    engine = make_engine(settings.database_url)  # migrated once, before any run opens it
    migrate(engine)
    engine.dispose()
    stop = threading.Event()
    if watch_only:
        _watch_or_end(settings, stop)
        return
    watcher = threading.Thread(target=_watch_or_end, args=(settings, stop), daemon=True)
    watcher.start()
    try:
        serve(*deployments(settings))
    except httpx.HTTPError as exc:  # the server went away while the deployments were made
        raise TanuError(
            f"the Prefect server at {url} stopped answering ({exc}); tanu serve ends so that "
            "it is restarted"
        ) from exc
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


def open_sitting(commission: str, number: str) -> UUID:
    """Start the ``tanu-sitting`` run of a sitting: it suspends until its record arrives."""
    api_url()
    run = run_deployment(
        "tanu-sitting/sitting",
        parameters={"commission": commission, "number": str(number)},
        timeout=0,
    )
    assert isinstance(run, FlowRun)  # called synchronously
    return run.id


async def _state_of(run_id: UUID) -> tuple[str, str]:
    async with get_client() as client:
        run_ = await client.read_flow_run(run_id)
    state = run_.state
    return (state.type.value, state.message or "") if state else ("PENDING", "")


def wait_for_end(run_id: UUID, timeout: float, poll: float = 1.0) -> tuple[str, str]:
    """The run's final state (``COMPLETED``, ``FAILED``, ``CRASHED``, ``CANCELLED``) and its
    message, or its state when ``timeout`` seconds have passed."""
    import asyncio
    import time

    deadline = time.monotonic() + timeout
    while True:
        kind, message = asyncio.run(_state_of(run_id))
        if kind in ("COMPLETED", "FAILED", "CRASHED", "CANCELLED") or time.monotonic() > deadline:
            return kind, message
        time.sleep(poll)
