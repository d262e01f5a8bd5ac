"""Shared fixtures: the sample catalog, and a fresh database on every configured engine.

The database fixtures run each test on SQLite (a file in tmp_path) and on PostgreSQL when
``TANU_TEST_POSTGRES_URL`` points at a server (``make test`` starts one). With
``TANU_REQUIRE_POSTGRES=1`` a missing server fails the tests instead of skipping them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from flows.datafiles import Catalog, load_catalog
from flows.store.db.engine import open_database, scratch_database

PROJECT = Path(__file__).resolve().parent.parent
DATA = PROJECT / "data"


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog(DATA)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Modules marked ``long`` (real processes, minutes each) run first: ``make test`` spreads
    the test files over the cores, and a long module taken last would keep one core busy while
    the others have finished."""
    items.sort(key=lambda item: item.get_closest_marker("long") is None)


def _postgres_url() -> str | None:
    url = os.environ.get("TANU_TEST_POSTGRES_URL")
    if not url and os.environ.get("TANU_REQUIRE_POSTGRES") == "1":
        pytest.fail("TANU_REQUIRE_POSTGRES=1 but TANU_TEST_POSTGRES_URL is not set")
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL to an empty database, once per engine."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'tanu.sqlite'}"
        return
    with scratch_database(postgres_server(), "tanu_test") as url:
        yield url


def postgres_server() -> str:
    """The test PostgreSQL server's URL; the test is skipped without one (failed when
    ``TANU_REQUIRE_POSTGRES=1``)."""
    base = _postgres_url()
    if not base:
        pytest.skip("no PostgreSQL server (set TANU_TEST_POSTGRES_URL; `make test` does)")
    return base


@pytest.fixture
def session(db_url: str) -> Iterator[Session]:
    sessions = open_database(db_url)
    with sessions() as s:
        yield s
    engine = sessions.kw["bind"]
    engine.dispose()
