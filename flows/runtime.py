"""What a command or a flow run works with, built once from the settings and passed down:
the data files, a database session and a verifier with its HTTP client (opened per use: a flow
run may be in another process)."""

from __future__ import annotations

import logging
import os
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import httpx
from prefect.task_runners import TaskRunner, ThreadPoolTaskRunner
from sqlalchemy.orm import Session

from extractors.pipeline import Extractor, ExtractSettings
from flows.datafiles import Catalog, load_catalog
from flows.errors import UsageError
from flows.intake.verification import Verifier, issuer_max_age, make_fetcher
from flows.settings import Settings
from flows.store.db.engine import open_database


@dataclass
class WorkContext:
    settings: Settings
    catalog: Catalog
    session: Session
    verifier: Verifier


@contextmanager
def work_context(settings: Settings | None = None) -> Iterator[WorkContext]:
    """Settings, data files, a database session and a verifier with its HTTP client: what a
    command or a flow run needs, opened per use (a run may be in another process)."""
    settings = settings or Settings.from_env()
    # tanu's own lines (a file's outcome, a sitting refused) at INFO wherever it runs: in a
    # flow run's process Prefect leaves them at the root's WARNING
    logging.getLogger("flows").setLevel(logging.INFO)
    catalog = load_catalog(settings.data_dir)
    sessions = open_database(settings.database_url)
    with httpx.Client() as client, sessions() as session:
        verifier = Verifier(
            catalog,
            session,
            Extractor(
                list(catalog.platforms.values()),
                ExtractSettings.within(settings.extraction.limits()),
            ),
            make_fetcher(catalog, settings, client),
            issuer_max_age(settings),
            settings.day_of,
        )
        yield WorkContext(settings, catalog, session, verifier)


def task_runner(settings: Settings | None = None) -> TaskRunner[Any]:
    """Where a flow run's batches run (``Settings.dask_address``, ``Settings.task_workers``):
    a Dask cluster by its scheduler's address, else threads of the flow run's process. Read
    when the flows are imported: a worker's environment decides for the runs it executes."""
    settings = settings or Settings.from_env()
    if not settings.dask_address:
        return ThreadPoolTaskRunner(max_workers=settings.task_workers)
    if settings.database_url.startswith("sqlite"):
        raise UsageError(
            "TANU_DASK_ADDRESS is set but the ledger is SQLite, which takes one writer at a "
            "time: a Dask cluster's workers need TANU_DATABASE_URL on PostgreSQL"
        )
    try:
        from prefect_dask.task_runners import DaskTaskRunner
    except ImportError as exc:
        raise UsageError(
            "TANU_DASK_ADDRESS is set but prefect-dask is not installed here: "
            "`.venv/bin/pip install -e '.[dask]'`"
        ) from exc
    runner: TaskRunner[Any] = DaskTaskRunner(address=settings.dask_address)
    return runner


def where() -> dict[str, Any]:
    """Which process ran a batch, and when: the worker's own record of its work (a Dask
    cluster's spread is seen in these, README "Several machines")."""
    return {"host": socket.gethostname(), "pid": os.getpid(), "at": time.time()}


def finished(began: dict[str, Any], **counts: int) -> dict[str, Any]:
    """The record of a batch that began at ``began`` (:func:`where`) and ends now."""
    return {**began, "ended": time.time(), **counts}
