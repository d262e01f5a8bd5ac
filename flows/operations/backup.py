"""``tanu backup`` and ``tanu restore``: the ledger and the files, in one archive.

The archive (``tanu-backup-<time>.tar.gz``, readable by its owner only) holds a consistent copy
of the database (SQLite's online backup, or ``pg_dump``), the folders under ``var/`` that hold
evidence and documents, and the university's data files. Restoring puts them back on an empty
set-up, or over an existing one when asked to (``--replace``)."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.engine import URL, make_url

from flows.errors import TanuError, UsageError
from flows.intake.folders import private_dir
from flows.settings import Settings
from flows.store.db.engine import make_engine, revisions

PARTS = ("inbox", "store", "archive", "failed", "outbox", "reports")  # of var/
MANIFEST = "tanu-backup.json"


class BackupError(TanuError):
    """A backup or restore that could not be made; nothing was changed by a failed restore
    before the step named."""


def backup(settings: Settings, into: Path, now: datetime | None = None) -> Path:
    """Write the archive into ``into``; its path."""
    now = now or datetime.now(UTC)
    private_dir(into)
    target = into / f"tanu-backup-{now:%Y%m%d-%H%M%S}.tar.gz"
    if target.exists():
        raise UsageError(f"{target} exists already")
    url = make_url(settings.database_url)
    engine = make_engine(settings.database_url)
    try:
        schema = revisions(engine)[0]
    finally:
        engine.dispose()
    with tempfile.TemporaryDirectory(dir=into, prefix=".tanu-backup-") as scratch:
        dump = _dump(url, Path(scratch))
        parts = [p for p in PARTS if (settings.var_dir / p).is_dir()]
        manifest = {
            "created": now.isoformat(),
            "database": url.get_backend_name(),
            "schema": schema,
            "parts": parts,
        }
        (Path(scratch) / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
        partial = Path(scratch) / target.name
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh, tarfile.open(fileobj=fh, mode="w:gz") as tar:
            tar.add(Path(scratch) / MANIFEST, arcname=MANIFEST)
            tar.add(dump, arcname=f"database/{dump.name}")
            for part in parts:
                tar.add(settings.var_dir / part, arcname=f"var/{part}")
            if settings.data_dir.is_dir():
                tar.add(settings.data_dir, arcname="data")
        partial.replace(target)  # whole, or not there
    return target


def _dump(url: URL, folder: Path) -> Path:
    if url.get_backend_name() == "sqlite":
        out = folder / "tanu.sqlite"
        source = sqlite3.connect(f"file:{url.database}?mode=ro", uri=True)
        copy = sqlite3.connect(out)
        try:
            source.backup(copy)  # consistent while others write
        finally:
            copy.close()
            source.close()
        return out
    out = folder / "tanu.pgdump"
    _pg("pg_dump", url, ["--format=custom", "--no-owner", "--file", str(out)])
    return out


def _pg(program: str, url: URL, args: list[str]) -> None:
    """A PostgreSQL client program against ``url``; the password in its environment, never
    on its command line (which other users can see)."""
    found = shutil.which(program)
    if found is None:
        raise BackupError(f"{program} is not installed (apt-get install postgresql-client)")
    env = {**os.environ, "PGPASSWORD": url.password or ""} if url.password else dict(os.environ)
    command = [found, "--host", url.host or "localhost", "--dbname", url.database or "postgres"]
    if url.port:
        command += ["--port", str(url.port)]
    if url.username:
        command += ["--username", url.username]
    done = subprocess.run(command + args, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BackupError(f"{program} failed: {done.stderr.strip()[:500]}")


def restore(settings: Settings, archive: Path, replace: bool = False) -> list[str]:
    """Put an archive back; what was restored, one line each."""
    with tarfile.open(archive, "r:gz") as tar:
        try:
            manifest = json.load(tar.extractfile(MANIFEST))  # type: ignore[arg-type]
        except (KeyError, json.JSONDecodeError) as exc:
            raise UsageError(f"{archive} is not a tanu backup (no {MANIFEST})") from exc
        url = make_url(settings.database_url)
        if manifest["database"] != url.get_backend_name():
            raise UsageError(
                f"{archive} holds a {manifest['database']} database; this set-up uses "
                f"{url.get_backend_name()} (TANU_DATABASE_URL)"
            )
        busy = [p for p in PARTS if any((settings.var_dir / p).glob("*"))]
        if busy and not replace:
            raise UsageError(
                f"{settings.var_dir} already holds {', '.join(busy)}: restore onto an empty "
                "set-up, or give --replace to put the backup in their place"
            )
        private_dir(settings.var_dir)
        with tempfile.TemporaryDirectory(prefix=".tanu-restore-", dir=settings.var_dir) as tmp:
            tar.extractall(tmp, filter="data")  # no links out, no absolute paths
            unpacked = Path(tmp)
            done = [_restore_database(url, unpacked / "database")]
            for part in manifest["parts"]:
                target = settings.var_dir / part
                if target.exists():
                    shutil.rmtree(target)
                private_dir(target.parent)
                shutil.move(str(unpacked / "var" / part), target)
                done.append(f"var/{part}")
            if (unpacked / "data").is_dir():
                shutil.copytree(unpacked / "data", settings.data_dir, dirs_exist_ok=True)
                done.append(f"data files into {settings.data_dir}")
    return done


def _restore_database(url: URL, folder: Path) -> str:
    if url.get_backend_name() == "sqlite":
        assert url.database
        target = Path(url.database)
        for extra in (Path(f"{target}-wal"), Path(f"{target}-shm")):
            extra.unlink(missing_ok=True)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(folder / "tanu.sqlite", target)
        os.chmod(target, 0o600)
        return f"the database into {target}"
    _pg("pg_restore", url, ["--clean", "--if-exists", "--no-owner", str(folder / "tanu.pgdump")])
    return f"the database into {url.render_as_string(hide_password=True)}"
