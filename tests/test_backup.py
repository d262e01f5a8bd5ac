"""`tanu backup` and `tanu restore` as processes, on SQLite and PostgreSQL: a set-up with a
case taken through real intake is backed up, lost (folders removed, the database emptied),
restored, and holds the same ledger and the same files; a restore onto a set-up that holds
files is refused unless asked to replace them."""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import httpx
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from flows.datafiles import Catalog
from flows.demo.evidence import coursera_certificate
from flows.demo.issuer_stand_in import Route, coursera_page, issuer_server, stand_in_verifier
from flows.intake.folders import Folders, Stability
from flows.intake.inbox import Intake
from flows.settings import PROJECT_ROOT
from flows.store.db.engine import make_engine, open_database
from flows.store.db.models import CaseRow, EvidenceRow, VerdictRow

TANU = str(Path(sys.executable).parent / "tanu")


def _digests(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _ledger(url: str) -> tuple[int, int, int]:
    with open_database(url)() as session:
        return tuple(  # type: ignore[return-value]
            session.scalar(select(func.count()).select_from(table)) or 0
            for table in (CaseRow, EvidenceRow, VerdictRow)
        )


def _empty(url: str) -> None:
    engine = make_engine(url)
    try:
        if engine.dialect.name == "sqlite":
            engine.dispose()
            database = str(engine.url.database)
            for path in (database, f"{database}-wal", f"{database}-shm"):
                Path(path).unlink(missing_ok=True)
            return
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
    finally:
        engine.dispose()


def test_a_backup_restores_the_ledger_and_the_files(
    tmp_path: Path, catalog: Catalog, session: Session, db_url: str
) -> None:
    var = tmp_path / "var"
    data = tmp_path / "data"
    shutil.copytree(PROJECT_ROOT / "data", data)
    with issuer_server() as server, httpx.Client() as client:
        server.routes["/verify/QWERTY123456"] = Route(
            body=coursera_page("Aliya Saduakassova", "Machine Learning", "Nov 10, 2026")
        )
        folders = Folders.under(var)
        folders.create()
        folder = folders.inbox / "6B06101" / "MLB3215" / "L-0001"
        folder.mkdir(parents=True)
        coursera_certificate(folder / "cert.pdf", "Aliya Saduakassova", "QWERTY123456")
        (folder / "broken.pdf").write_bytes(b"%PDF-1.4 broken")
        verifier = stand_in_verifier(catalog, session, server.base, client)
        job = Intake(catalog, session, verifier, folders, Stability(0.0))
        outcomes = sorted(job.take(p).outcome for p in job.settled_files())
    assert outcomes == ["failed", "processed"]
    session.close()
    env = {
        **os.environ,
        "TANU_VAR_DIR": str(var),
        "TANU_DATA_DIR": str(data),
        "TANU_DATABASE_URL": db_url,
    }
    before = (_ledger(db_url), _digests(var / "store"), _digests(var / "archive"))
    before_failed = _digests(var / "failed")
    made = subprocess.run(
        [TANU, "backup", "--to", str(tmp_path / "kept")], env=env, capture_output=True, text=True
    )
    assert made.returncode == 0, made.stderr
    [archive] = (tmp_path / "kept").glob("tanu-backup-*.tar.gz")
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    # a restore over what is there is refused unless asked for
    refused = subprocess.run(
        [TANU, "restore", str(archive)], env=env, capture_output=True, text=True
    )
    assert refused.returncode == 2 and "--replace" in refused.stderr
    # the machine is lost
    for part in ("store", "archive", "failed", "inbox"):
        shutil.rmtree(var / part)
    _empty(db_url)
    done = subprocess.run([TANU, "restore", str(archive)], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "restored the database" in done.stdout
    assert (_ledger(db_url), _digests(var / "store"), _digests(var / "archive")) == before
    assert _digests(var / "failed") == before_failed
    status = subprocess.run([TANU, "status"], env=env, capture_output=True, text=True)
    assert "L-0001" in status.stdout and "MLB3215" in status.stdout, status.stderr
