"""Opening the database: SQLite under var/ by default, PostgreSQL by URL; migrated to head."""

from __future__ import annotations

import fcntl
import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def _alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def make_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": SQLITE_PATIENCE_S})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            try:
                cursor.execute("PRAGMA foreign_keys=ON")
                _write_ahead(cursor)
            finally:
                cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True)


SQLITE_PATIENCE_S = 60.0
"""How long a process waits for an SQLite ledger another holds (a first migration on a loaded
machine takes longer than SQLite's default 5 s) before it gives up with `database is locked`."""


def _write_ahead(cursor: Any) -> None:
    """Put the file in WAL mode (kept in the file, so readers never wait for a writer). The
    switch needs the whole file for a moment, and SQLite may answer `database is locked` at
    once instead of waiting, so it is tried again until ``SQLITE_PATIENCE_S`` has passed."""
    deadline = time.monotonic() + SQLITE_PATIENCE_S
    pause = 0.02
    while True:
        try:
            if cursor.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() + pause > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 1.0)


def migrate(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to ``revision`` (Alembic upgrade). Processes that open a fresh database
    at once (two flow runs, two workers) take turns: a lock held for the migration (an
    advisory lock on PostgreSQL, a lock file beside an SQLite file), and whoever comes second
    finds the schema migrated and does nothing."""
    cfg = _alembic_config()
    if revision == "head" and _at_head(engine):
        return  # the usual case: no lock taken
    with _migration_lock(engine), engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY})
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, revision)


_LOCK_KEY = 0x74616E75  # "tanu": the advisory lock of migrations on PostgreSQL


def _at_head(engine: Engine) -> bool:
    current, head = revisions(engine)
    return current is not None and current == head


@contextmanager
def _migration_lock(engine: Engine) -> Iterator[None]:
    """For an SQLite file, an exclusive lock on ``<file>.migrate.lock``; else nothing (the
    PostgreSQL lock is taken inside the migration's transaction)."""
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        yield
        return
    lock = Path(f"{database}.migrate.lock")
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def revisions(engine: Engine) -> tuple[str | None, str | None]:
    """The schema's revision in the database and the newest the code knows; nothing changed."""
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    with engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
    return current, ScriptDirectory.from_config(_alembic_config()).get_current_head()


@contextmanager
def existing_ledger(url: str) -> Iterator[Session | None]:
    """A session on the ledger as it is, for reading: None when there is none yet (an SQLite
    file not made) or its schema is not the newest (``tanu db upgrade`` first). Neither
    creates nor migrates anything."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and not (
        parsed.database and Path(parsed.database).is_file()
    ):
        yield None
        return
    engine = make_engine(url)
    try:
        current, head = revisions(engine)
        if current != head:
            yield None
            return
        with sessionmaker(engine)() as session:
            yield session
    finally:
        engine.dispose()


def downgrade(engine: Engine, revision: str) -> None:
    cfg = _alembic_config()
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.downgrade(cfg, revision)


def open_database(url: str) -> sessionmaker[Any]:
    """An engine migrated to the newest schema, as a session factory."""
    engine = make_engine(url)
    migrate(engine)
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def scratch_database(server: str, prefix: str = "tanu_scratch") -> Iterator[str]:
    """A fresh, empty database on the PostgreSQL ``server`` (a URL to any of its databases),
    dropped afterwards: for the tests and the benchmarks, never for the ledger."""
    import uuid

    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(server).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
