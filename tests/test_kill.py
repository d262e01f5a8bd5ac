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

from sqlalchemy import func, select

from flows.datafiles import Catalog
from flows.intake.folders import Folders
from flows.store.db.engine import open_database
from flows.store.db.models import EvidenceRow
from tests.test_two_workers import _inbox

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
