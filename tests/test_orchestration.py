"""Real Prefect flow runs against Prefect's test harness (a temporary server, started once), and
their batches spread over a real Dask cluster."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from itertools import combinations
from pathlib import Path
from typing import Any

import pytest
from distributed import Client, LocalCluster
from prefect.testing.utilities import prefect_test_harness
from sqlalchemy import create_engine, func, select, update

from flows.datafiles import load_catalog
from flows.demo.evidence import coursera_certificate as certificate
from flows.demo.issuer_stand_in import StandInCertificate, answering, issuer_server
from flows.intake.flow import intake_flow
from flows.nightly.flow import nightly_flow
from flows.runtime import task_runner
from flows.settings import Settings
from flows.store.db.engine import open_database, scratch_database
from flows.store.db.models import EvidenceRow, IssuerCheckRow
from tests.conftest import postgres_server

pytestmark = pytest.mark.long


@pytest.fixture(scope="module", autouse=True)
def prefect_server() -> Iterator[None]:
    # a fresh database takes 20–30 s to start here: be generous
    with prefect_test_harness(server_startup_timeout=180):
        yield


@pytest.fixture
def var(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TANU_VAR_DIR", str(tmp_path))
    monkeypatch.setenv("TANU_DATABASE_URL", f"sqlite:///{tmp_path / 'tanu.sqlite'}")
    monkeypatch.delenv("TANU_ISSUER_STAND_INS", raising=False)
    return tmp_path


def test_intake_flow_takes_the_inbox_in_batches(var: Path) -> None:
    folder = var / "inbox" / "6B06101" / "MLB3215" / "L-0001"
    folder.mkdir(parents=True)
    certificate(folder / "cert.pdf", "Aliya Saduakassova", "QWERTY123456")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7 not a pdf")
    (folder / "Thumbs.db").write_bytes(b"junk")
    results = intake_flow(str(var), stable_seconds=0.3, batch_size=1)
    outcomes = {r["file"]: r["outcome"] for r in results}
    assert outcomes == {"cert.pdf": "processed", "broken.pdf": "failed"}
    assert (var / "archive" / "6B06101" / "MLB3215" / "L-0001" / "cert.pdf").exists()
    assert (var / "failed" / "6B06101" / "MLB3215" / "L-0001" / "broken.pdf.reason.txt").exists()
    assert (folder / "Thumbs.db").exists()
    # a second pass finds nothing new
    assert intake_flow(str(var), stable_seconds=0.3) == []


def test_the_intake_deployment_waits_as_tanu_serve_says(var: Path) -> None:
    """The intake deployment of `tanu serve --stable-seconds 5`, its parameters run as a real
    flow: a file is taken only after staying unchanged for those 5 seconds."""
    from flows.serving import deployments, serve_settings
    from flows.settings import Settings

    folder = var / "inbox" / "6B06101" / "MLB3215" / "L-0001"
    folder.mkdir(parents=True)
    (folder / "notes.txt").write_text("not evidence", encoding="utf-8")
    settings = serve_settings(Settings.from_env(), 5.0, None)
    intake = next(d for d in deployments(settings) if d.name == "intake")
    started = time.monotonic()
    taken = intake_flow(str(var), **intake.parameters)
    assert time.monotonic() - started >= 5.0
    assert [t["file"] for t in taken] == ["notes.txt"]


def test_nightly_flow_writes_its_report(var: Path) -> None:
    folder = var / "inbox" / "6B06101" / "MLB3215" / "L-0001"
    folder.mkdir(parents=True)
    certificate(folder / "cert.pdf", "Aliya Saduakassova", "QWERTY123456")
    intake_flow(str(var), stable_seconds=0.3)  # the issuer is unreachable here: pending
    report = Path(nightly_flow(batch_size=1))
    text = report.read_text(encoding="utf-8")
    assert report.parent == var / "reports"
    assert "evidence verified again: 1" in text and "cases assessed again: 1" in text


def test_prefect_deploy_accepts_prefect_yaml(tmp_path: Path) -> None:
    """`prefect deploy --all` against the local test server, as an operator would run it."""
    import os
    import subprocess
    import sys

    from prefect.settings import get_current_settings

    api = get_current_settings().api.url
    assert api
    root = Path(__file__).resolve().parent.parent
    prefect = str(Path(sys.executable).parent / "prefect")
    env = {**os.environ, "PREFECT_API_URL": str(api), "TANU_HOME": str(root)}
    pool = subprocess.run(
        [prefect, "work-pool", "create", "tanu", "--type", "process"],
        capture_output=True,
        text=True,
        env=env,
        cwd=root,
        check=False,
    )
    assert pool.returncode == 0, pool.stdout + pool.stderr
    deploy = subprocess.run(
        [prefect, "--no-prompt", "deploy", "--all"],
        capture_output=True,
        text=True,
        env=env,
        cwd=root,
        check=False,
        timeout=300,
    )
    assert deploy.returncode == 0, deploy.stdout + deploy.stderr
    listed = subprocess.run(
        [prefect, "deployment", "ls"],
        capture_output=True,
        text=True,
        env={**env, "COLUMNS": "200"},
        cwd=root,
        check=False,
    )
    for name in (
        "tanu-intake/intake",
        "tanu-file/file",
        "tanu-sitting/sitting",
        "tanu-nightly/nightly",
    ):
        assert name in listed.stdout, listed.stdout


def test_watcher_end_to_end(var: Path) -> None:
    """With the watcher running: a file copied slowly is taken only when complete; the same
    file dropped twice gives one case; a broken file lands in failed/ with its reason while the
    others go on."""
    import threading
    import time

    from sqlalchemy import func, select
    from sqlalchemy.orm import Session

    from flows.intake.flow import file_flow
    from flows.intake.folders import sha256_of
    from flows.intake.watcher import HEARTBEAT, watch
    from flows.store.db.models import CaseRow, EvidenceRow

    inbox = var / "inbox"
    folder = inbox / "6B06101" / "MLB3215" / "L-0001"
    folder.mkdir(parents=True)
    whole = certificate(var / "source.pdf", "Aliya Saduakassova", "QWERTY123456").read_bytes()
    taken: list[tuple[str, int]] = []

    def on_ready(path: Path) -> None:
        size = path.stat().st_size
        file_flow(str(var), str(path), sha256_of(path))
        taken.append((path.name, size))

    stop = threading.Event()
    watcher = threading.Thread(
        target=watch,
        args=(inbox, on_ready),
        kwargs={"stable_seconds": 1.0, "rescan_seconds": 2.0, "stop": stop},
        daemon=True,
    )
    watcher.start()
    try:
        target = folder / "slow.pdf"
        with target.open("wb") as fh:  # a slow copy: chunks with pauses
            for start in range(0, len(whole), len(whole) // 4 + 1):
                fh.write(whole[start : start + len(whole) // 4 + 1])
                fh.flush()
                time.sleep(0.4)
        (folder / "broken.pdf").write_bytes(b"%PDF-1.7 broken")
        deadline = time.monotonic() + 60
        while len(taken) < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
        (folder / "again.pdf").write_bytes(whole)  # the same certificate dropped again
        while len(taken) < 3 and time.monotonic() < deadline:
            time.sleep(0.2)
    finally:
        stop.set()
        watcher.join(timeout=10)
    assert sorted(name for name, _ in taken) == ["again.pdf", "broken.pdf", "slow.pdf"]
    assert dict(taken)["slow.pdf"] == len(whole)  # never taken half-written
    assert (var / HEARTBEAT).is_file()  # the watcher was seen (tanu doctor reads it)
    archive = var / "archive" / "6B06101" / "MLB3215" / "L-0001"
    assert (archive / "slow.pdf").read_bytes() == whole and (archive / "again.pdf").exists()
    failed = var / "failed" / "6B06101" / "MLB3215" / "L-0001"
    assert "broken.pdf" in (failed / "broken.pdf.reason.txt").read_text(encoding="utf-8")
    engine = create_engine(f"sqlite:///{var / 'tanu.sqlite'}")
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(CaseRow)) == 1
        assert session.scalar(select(func.count()).select_from(EvidenceRow)) == 1
    engine.dispose()


def test_the_sitting_suspends_and_resumes_by_file_and_by_api(var: Path) -> None:
    """The sitting flow waits without holding a process; the secretary's record resumes it —
    once through `tanu sitting record --file`, once through the Prefect API."""
    import asyncio
    import os
    import subprocess
    import sys
    import threading
    import time

    from prefect.client.orchestration import get_client
    from prefect.client.schemas.objects import FlowRun
    from prefect.deployments import run_deployment
    from prefect.flow_runs import resume_flow_run
    from prefect.input.actions import read_flow_run_input
    from prefect.runner import Runner
    from prefect.settings import get_current_settings

    from flows.datafiles import load_catalog
    from flows.sitting.flow import sitting_flow
    from flows.store.db.engine import open_database
    from tests.test_sitting import ready_cases

    catalog = load_catalog(Path(__file__).resolve().parent.parent / "data")
    sessions = open_database(f"sqlite:///{var / 'tanu.sqlite'}")
    with sessions() as session:
        first, second = ready_cases(catalog, session)
    sessions.kw["bind"].dispose()

    runner = Runner(name="tanu-test", query_seconds=1)
    runner.add_flow(sitting_flow, name="sitting")
    thread = threading.Thread(target=lambda: asyncio.run(runner.start()), daemon=True)
    thread.start()

    async def state(run_id: object) -> str:
        async with get_client() as client:
            kind = (await client.read_flow_run(run_id)).state_type  # type: ignore[arg-type]
            return "" if kind is None else str(kind.value)

    def started(name: str, **kw: Any) -> FlowRun:
        run = run_deployment(name, **kw)  # typed as sync-or-async; called sync here
        assert isinstance(run, FlowRun)
        return run

    def wait_for(run_id: object, wanted: set[str], seconds: float = 120) -> str:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            now = asyncio.run(state(run_id))
            if now in wanted:
                return now
            time.sleep(0.5)
        raise AssertionError(f"flow run stayed {now}")

    try:
        by_file = started(
            "tanu-sitting/sitting", timeout=0, parameters={"commission": "FIT-2026", "number": "31"}
        )
        assert wait_for(by_file.id, {"PAUSED"}) == "PAUSED"  # suspended: no process held
        # opened, it has rendered its agenda for the members
        assert (var / "sittings" / "FIT-2026-31" / "kun-tartibi-31.docx").is_file()
        record = var / "decisions.yaml"
        record.write_text(
            "number: '31'\ncommission: FIT-2026\nheld_on: 2026-11-25\n"
            "present: [m1, m2, m3, m4, m5, m6, m7]\n"
            f"cases:\n  - {{case: {first}, score: 91, votes: {{for: 7}}}}\n",
            encoding="utf-8",
        )
        env = {**os.environ, "PREFECT_API_URL": str(get_current_settings().api.url)}
        tanu = str(Path(sys.executable).parent / "tanu")
        out = subprocess.run(
            [tanu, "sitting", "record", "--file", str(record)],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        assert out.returncode == 0 and "resumed the waiting sitting run" in out.stdout, out.stderr
        assert wait_for(by_file.id, {"COMPLETED", "FAILED", "CRASHED"}) == "COMPLETED"
        assert (var / "outbox" / "FIT-2026-31" / "manifest.json").exists()

        by_api = started(
            "tanu-sitting/sitting", timeout=0, parameters={"commission": "FIT-2026", "number": "32"}
        )
        assert wait_for(by_api.id, {"PAUSED"}) == "PAUSED"
        # the form shows the agenda, pre-filled with the ready case, its votes at nought
        agenda: str = read_flow_run_input("suspended-record-1-description", by_api.id)  # type: ignore[assignment]
        assert f"case {second}" in agenda and "evidence" in agenda, agenda

        # sent as it came (nobody's vote counted), it is refused: nothing written, the run
        # waits again with the reason at the top of its form
        def resume(votes_for: int) -> None:
            resume_flow_run(
                by_api.id,
                run_input={
                    "held_on": "2026-11-26",
                    "present": ["m1", "m2", "m3", "m4", "m5"],
                    "cases": [{"case": second, "score": 60, "votes": {"for": votes_for}}],
                },
            )

        resume(0)
        deadline = time.monotonic() + 120
        while read_flow_run_input("suspended-record-2-description", by_api.id) is None:
            assert time.monotonic() < deadline, asyncio.run(state(by_api.id))
            time.sleep(0.5)
        assert wait_for(by_api.id, {"PAUSED"}) == "PAUSED"
        again: str = read_flow_run_input("suspended-record-2-description", by_api.id)  # type: ignore[assignment]
        assert "the record was refused" in again and "does not add up" in again, again
        assert not (var / "outbox" / "FIT-2026-32").exists()
        resume(5)
        assert wait_for(by_api.id, {"COMPLETED", "FAILED", "CRASHED"}) == "COMPLETED"
        assert (var / "outbox" / "FIT-2026-32" / "manifest.json").exists()
    finally:
        runner.stop()
        thread.join(timeout=10)


def test_a_file_dropped_again_is_taken_again(var: Path) -> None:
    """Each sighting of a stable file is its own `tanu-file` run (no idempotency key on the
    bytes, which handed back the old run and left the file waiting); intake's claim decides:
    the same file dropped again, or moved back from failed/, is taken again."""
    from prefect.runner import Runner

    from flows.intake.flow import file_flow
    from flows.intake.folders import sha256_of
    from flows.serving import start_file_run

    Runner(name="tanu-sightings").add_flow(file_flow, name="file")  # the deployment only
    folder = var / "inbox" / "6B06101" / "MLB3215" / "L-0001"
    folder.mkdir(parents=True)
    pdf = certificate(folder / "cert.pdf", "Aliya Saduakassova", "QWERTY123456")
    assert start_file_run(var, pdf) != start_file_run(var, pdf)
    data = pdf.read_bytes()
    [first] = file_flow(str(var), str(pdf), sha256_of(pdf))
    assert first["outcome"] == "processed" and not pdf.exists()
    pdf.write_bytes(data)  # the teacher drops it again
    [again] = file_flow(str(var), str(pdf), sha256_of(pdf))
    assert again["outcome"] == "duplicate" and not pdf.exists()  # taken, known by its hash


# -- scale-out that is real: an intake pass of 40 files and a nightly run through Prefect's
# DaskTaskRunner on a `distributed.LocalCluster` of 2 worker processes, against PostgreSQL.
# The workers' own records (each batch says which process ran it, and when) show that batches
# ran on both workers and at once; every file is taken exactly once.

DATA = Path(__file__).resolve().parent.parent / "data"
LEARNERS = {"L-0001": "Aliya Saduakassova", "L-0002": "Yerlan Zhumabekov"}
FILES = 40


@pytest.fixture(scope="module")
def postgres() -> Iterator[str]:
    with scratch_database(postgres_server(), "tanu_dask") as url:
        yield url


def _ident(n: int) -> str:
    return f"DASK{n:08d}"


def _overlap(batches: list[dict[str, Any]]) -> bool:
    """Two batches of different processes ran at the same moment."""
    return any(
        a["pid"] != b["pid"] and a["at"] < b["ended"] and b["at"] < a["ended"]
        for a, b in combinations(batches, 2)
    )


def test_batches_spread_over_a_dask_cluster(
    tmp_path: Path, postgres: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    learners = sorted(LEARNERS)
    certificates = [
        StandInCertificate(
            platform="coursera", id=_ident(n), learner=LEARNERS[learners[n % 2]],
            course="Machine Learning", issued_on="2026-11-10",
        )
        for n in range(FILES)
    ]  # fmt: skip
    answer = answering(certificates, delay=0.05)
    catalog = load_catalog(DATA)
    with issuer_server(answer=answer) as server:
        hosts = [h for p in catalog.platforms.values() for h in p.hosts]
        # the workers' environment: they are started after it is set, and inherit it
        monkeypatch.setenv("TANU_VAR_DIR", str(tmp_path))
        monkeypatch.setenv("TANU_DATABASE_URL", postgres)
        monkeypatch.setenv("TANU_ISSUER_STAND_INS", ",".join(f"{h}={server.base}" for h in hosts))
        monkeypatch.setenv("TANU_ISSUER_INTERVAL_SECONDS", "0")  # a stand-in, not an issuer
        for n in range(FILES):
            learner = learners[n % 2]
            folder = tmp_path / "inbox" / "6B06101" / "MLB3215" / learner
            folder.mkdir(parents=True, exist_ok=True)
            certificate(folder / f"{_ident(n)}.pdf", LEARNERS[learner], _ident(n))
        with (
            LocalCluster(  # type: ignore[no-untyped-call]
                n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
            ) as cluster,
            Client(cluster) as client,  # type: ignore[no-untyped-call]
        ):
            workers = set(client.run(os.getpid).values())
            assert len(workers) == 2
            # the runner a worker with TANU_DASK_ADDRESS set gives the flows
            runner = task_runner(
                Settings.from_env({"TANU_DASK_ADDRESS": cluster.scheduler_address})
            )
            assert type(runner).__name__ == "DaskTaskRunner"
            taken = intake_flow.with_options(task_runner=runner)(
                str(tmp_path), stable_seconds=0.3, batch_size=4
            )
            # every file taken exactly once, each by a worker of the cluster
            assert sorted(r["file"] for r in taken) == sorted(
                f"{_ident(n)}.pdf" for n in range(FILES)
            )
            assert {r["outcome"] for r in taken} == {"processed"}
            batches = list(
                {(r["batch"]["pid"], r["batch"]["at"]): r["batch"] for r in taken}.values()
            )
            assert {b["pid"] for b in batches} == workers
            assert _overlap(batches), batches
            assert not list((tmp_path / "inbox").rglob("*.pdf"))
            assert len(list((tmp_path / "archive").rglob("*.pdf"))) == FILES
            with open_database(postgres)() as session:
                assert session.scalar(select(func.count()).select_from(EvidenceRow)) == FILES

                # a week later, the cases still undecided: the issuers are asked again
                session.execute(
                    update(IssuerCheckRow).values(checked_at=datetime.now(UTC) - timedelta(days=8))
                )
                session.commit()
            report = Path(nightly_flow.with_options(task_runner=runner)(batch_size=4)).read_text(
                encoding="utf-8"
            )
    assert f"evidence verified again: {FILES}" in report, report
    pids = {
        int(line.split("(process ")[1].split(")")[0])
        for line in report.splitlines()
        if line.startswith("batch:")
    }
    assert pids == workers, report
