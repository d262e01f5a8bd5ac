"""Two workers on one inbox (the README's several-machines setup), as two real `tanu intake`
processes on one database (SQLite and PostgreSQL): no crash, nothing lost, nothing taken twice.
The claim is one atomic rename; a learner both add at once is no error."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from flows.bench import unlisted
from flows.bench.corpus import write_item
from flows.datafiles import Catalog
from flows.intake.folders import Folders, recover_claims
from flows.store.db.engine import open_database
from flows.store.db.models import CaseRow, EvidenceRow

TANU = str(Path(sys.executable).parent / "tanu")


def _inbox(catalog: Catalog, inbox: Path, count: int, per_pair: int = 1) -> list[Path]:
    """Certificates of an issuer with no online check (nothing leaves the machine): several
    per learner, ``per_pair`` for each learner and component."""
    programme = catalog.programmes["6B06101"]
    learners = [x.id for x in catalog.learners.values() if x.programme == programme.code]
    components = [c.code for c in programme.components if c.kind != "diploma"][8:]
    files = []
    for n in range(count):
        pair = n // per_pair
        learner = learners[pair % len(learners)]
        component = components[pair // len(learners)]
        folder = inbox / programme.code / component / learner
        folder.mkdir(parents=True, exist_ok=True)
        rng = random.Random(500 + n)
        item = write_item(folder, f"cert-{n:03d}", "text-pdf", unlisted.generic(rng), rng)
        (folder / f"cert-{n:03d}.truth.json").unlink()
        files.append(item.path)
    return files


@pytest.mark.parametrize("per_pair", [1, 3])
def test_two_intakes_at_once_take_every_file_once(
    tmp_path: Path, catalog: Catalog, db_url: str, per_pair: int
) -> None:
    """``per_pair`` 3: three files of one learner for one component, taken by both workers at
    once, still make one case."""
    var = tmp_path / "var"
    folders = Folders.under(var)
    folders.create()
    files = _inbox(catalog, folders.inbox, 48, per_pair)
    open_database(db_url)  # migrated once, before the workers start
    env = {
        **os.environ,
        "TANU_VAR_DIR": str(var),
        "TANU_DATABASE_URL": db_url,
        "COLUMNS": "200",
    }
    env.pop("TANU_ISSUER_STAND_INS", None)
    workers = [
        subprocess.Popen(
            [TANU, "intake", "--stable-seconds", "0.3"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [w.communicate(timeout=600) for w in workers]
    for w, (_, err) in zip(workers, outputs, strict=True):
        assert w.returncode == 0, err
    lines = [line.split()[0] for out, _ in outputs for line in out.splitlines() if line.strip()]
    assert set(lines) <= {"processed", "skipped", "again"}
    if "again" in lines:  # the database was busy for one: the next pass takes it
        subprocess.run([TANU, "intake", "--stable-seconds", "0.3"], env=env, check=True)
    else:
        assert lines.count("processed") == len(files), outputs
    # both worked: each took some of the files (the other skipped those)
    assert all("processed" in out for out, _ in outputs), outputs
    archived = sorted(p.name for p in folders.archive.rglob("*.pdf"))
    assert archived == sorted(p.name for p in files)  # each once: nothing lost, nothing twice
    assert not [p for p in folders.failed.rglob("*") if p.is_file()]
    assert not [p for p in folders.inbox.rglob("*") if p.is_file()]
    assert not [p for p in folders.claims.rglob("*") if p.is_file()]
    with open_database(db_url)() as session:
        assert session.scalar(select(func.count()).select_from(EvidenceRow)) == len(files)
        pairs = session.execute(
            select(CaseRow.learner_id, CaseRow.component, func.count()).group_by(
                CaseRow.learner_id, CaseRow.component
            )
        ).all()
    assert len(pairs) == len(files) // per_pair
    assert {n for _, _, n in pairs} == {1}, pairs  # one case per learner and component


def test_the_claims_of_a_dead_worker_come_back_to_the_inbox(tmp_path: Path) -> None:
    folders = Folders.under(tmp_path / "var")
    folders.create()
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    import socket

    mine = folders.claims / f"{socket.gethostname()}~{os.getpid()}" / "6B06101" / "A" / "L-0001"
    gone = (
        folders.claims
        / f"{socket.gethostname()}~{dead.stdout.strip()}"
        / "6B06101"
        / "A"
        / "L-0001"
    )
    for folder in (mine, gone):
        folder.mkdir(parents=True)
        (folder / "cert.pdf").write_bytes(b"%PDF-1.4")
    back = recover_claims(folders)
    assert back == [folders.inbox / "6B06101" / "A" / "L-0001" / "cert.pdf"]
    assert (mine / "cert.pdf").exists()  # a live worker's claim is its own
