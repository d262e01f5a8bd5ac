"""What a command or a flow run works with, built once from the settings and passed down:
the data files, a database session and a verifier with its HTTP client (opened per use: a flow
run may be in another process)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import httpx
from sqlalchemy.orm import Session

from extractors.pipeline import Extractor, ExtractSettings
from flows.datafiles import Catalog, load_catalog
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
