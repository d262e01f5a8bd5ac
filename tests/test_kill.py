"""The kill test: `tanu intake` killed with SIGKILL at random moments while it takes a batch,
started again after each kill, until the inbox is empty. Every file ends archived once, with
one evidence row: lost 0, duplicated 0."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from flows.datafiles import Catalog
from flows.intake.folders import Folders
from flows.store.db.engine import open_database
from flows.store.db.models import EvidenceRow
from tests.test_two_workers import _inbox

pytestmark = pytest.mark.long

TANU = str(Path(sys.executable).parent / "tanu")
KILLS = 30


def test_intake_survives_sigkill_at_random_points(tmp_path: Path, catalog: Catalog) -> None:
    var = tmp_path / "var"
    folders = Folders.under(var)
    folders.create()
    files = _inbox(catalog, folders.inbox, 24)
    url = f"sqlite:///{tmp_path / 'tanu.sqlite'}"
    open_database(url)
    env = {**os.environ, "TANU_VAR_DIR": str(var), "TANU_DATABASE_URL": url}
    env.pop("TANU_ISSUER_STAND_INS", None)
    # kills at random, not a file that kills its worker: none is set aside for its put-backs
    # here (that limit has its own test below), every file must end archived
    env["TANU_INTAKE__MOST_PUT_BACKS"] = "1000"
    rng = random.Random(11)
    kills = 0
    runs = 0
    while kills < KILLS or any(p.is_file() for p in folders.inbox.rglob("*")):
        runs += 1
        assert runs < KILLS + 40, "intake does not finish"
        worker = subprocess.Popen(
            [TANU, "intake", "--stable-seconds", "0.1"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        if kills < KILLS:
            time.sleep(rng.uniform(0.3, 2.5))  # start-up, the stability wait, or mid-batch
            if worker.poll() is None:
                os.kill(worker.pid, signal.SIGKILL)
                kills += 1
        worker.wait(timeout=300)
    archived = sorted(p.name for p in folders.archive.rglob("*.pdf"))
    with open_database(url)() as session:
        evidence = session.scalar(select(func.count()).select_from(EvidenceRow))
    lost = len({p.name for p in files} - set(archived))
    duplicated = len(archived) - len(set(archived)) + (evidence or 0) - len(files)
    print(
        f"kill test: {kills} kills, {runs} runs, {len(files)} files, lost {lost}, "
        f"duplicated {duplicated}"
    )
    assert kills == KILLS and lost == 0 and duplicated == 0
    assert not [p for p in folders.failed.rglob("*") if p.is_file()]


def test_a_file_whose_worker_keeps_dying_is_set_aside(tmp_path: Path, catalog: Catalog) -> None:
    """A file that crashes the OCR engine, or needs more memory than there is, kills the worker
    taking it every time: killed (SIGKILL) while taking the same phone photo three times, the
    next worker sets it aside in failed/ with the reason instead of taking it again; the other
    file goes on."""
    from flows.bench import content, unlisted
    from flows.bench.corpus import write_item

    var = tmp_path / "var"
    folders = Folders.under(var)
    folders.create()
    folder = folders.inbox / "6B06101" / "MLB3215" / "L-0001"
    folder.mkdir(parents=True)
    rng = random.Random(3)
    photo = write_item(folder, "photo", "photo", content.coursera(rng), rng).path
    (folder / "photo.truth.json").unlink()
    url = f"sqlite:///{tmp_path / 'tanu.sqlite'}"
    open_database(url)
    env = {
        **os.environ,
        "TANU_VAR_DIR": str(var),
        "TANU_DATABASE_URL": url,
        "TANU_INTAKE__MOST_PUT_BACKS": "2",
    }
    env.pop("TANU_ISSUER_STAND_INS", None)
    for _ in range(3):  # each worker dies while the photo is claimed
        worker = subprocess.Popen(
            [TANU, "intake", "--stable-seconds", "0.1"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 120
        while not list(folders.claims.glob(f"*~{worker.pid}/*/*/*/{photo.name}")):  # its claim
            assert worker.poll() is None and time.monotonic() < deadline, "never claimed"
            time.sleep(0.02)
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=60)
    certificate = folder / "later.pdf"
    write_item(folder, "later", "text-pdf", unlisted.generic(rng), rng)
    (folder / "later.truth.json").unlink()
    done = subprocess.run(
        [TANU, "intake", "--stable-seconds", "0.1"], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    failed = folders.failed / "6B06101" / "MLB3215" / "L-0001"
    assert (failed / photo.name).is_file() and not photo.exists()
    reason = (failed / f"{photo.name}.reason.txt").read_text(encoding="utf-8")
    assert "stopped 3 times" in reason
    assert not certificate.exists()  # the other file was taken
