"""``tanu bench scale``: a flow run's batches on a Dask cluster of 1 and of 2 worker processes
on this machine (``distributed.LocalCluster``), same workload, same run, against a temporary
Prefect server: the night over the bench's stored certificates (the issuer stand-in answering
in 50 ms) and an OCR-heavy intake pass. On 2 cores the night should gain (its batches wait on
issuers and the database) and OCR should not lose (the cores are the limit here; on several
machines each brings its own)."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from prefect.task_runners import TaskRunner
from rich.console import Console

from flows.bench.measure import Figure
from flows.bench.scoring import Case
from flows.datafiles import Catalog


@contextmanager
def environment(values: dict[str, str]) -> Iterator[None]:
    """The tanu workers' environment, which the Dask worker processes inherit."""
    before = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in before.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


@contextmanager
def postgres_server(console: Console) -> Iterator[str | None]:
    """``TANU_BENCH_POSTGRES_URL``, else the throwaway server of scripts/pg-test-server.sh
    (started and stopped here), else None."""
    given = os.environ.get("TANU_BENCH_POSTGRES_URL")
    if given:
        yield given
        return
    from flows.settings import PROJECT_ROOT

    script = PROJECT_ROOT / "scripts" / "pg-test-server.sh"
    started = subprocess.run([str(script), "start"], capture_output=True, text=True)
    if started.returncode != 0:
        console.print(f"[yellow]no PostgreSQL for the scale bench: {started.stderr.strip()}[/]")
        yield None
        return
    try:
        yield started.stdout.strip().splitlines()[-1]
    finally:
        subprocess.run([str(script), "stop"], capture_output=True)


def _on_cluster(workers: int, env: dict[str, str], run: Callable[[str], object]) -> float:
    """Seconds of ``run(scheduler_address)`` on a fresh cluster of ``workers`` processes."""
    from distributed import LocalCluster

    with (
        environment(env),
        LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.WARNING,
        ) as cluster,
    ):
        started = time.perf_counter()
        run(cluster.scheduler_address)
        return time.perf_counter() - started


def _runner(address: str) -> TaskRunner[Any]:
    from flows.runtime import task_runner
    from flows.settings import Settings

    return task_runner(Settings.from_env({"TANU_DASK_ADDRESS": address}))


def run(
    catalog: Catalog,
    ocr_cases: Sequence[Case],
    console: Console,
    *,
    items: int,
    data_dir: Path,
) -> list[Figure]:
    from prefect.settings import get_current_settings
    from prefect.testing.utilities import prefect_test_harness

    from flows.bench.nightly_bench import build_ledger, certificate_id, stand_in_certificates
    from flows.demo.evidence import coursera_certificate
    from flows.demo.issuer_stand_in import answering, issuer_server
    from flows.intake.flow import intake_flow
    from flows.nightly.flow import nightly_flow
    from flows.store.db.engine import scratch_database

    night: dict[int, float] = {}
    intake: dict[int, float] = {}
    work = Path(tempfile.mkdtemp(prefix="tanu-bench-scale-"))
    try:
        with postgres_server(console) as server_url:
            if server_url is None:
                return []
            certificate = coursera_certificate(work / "certificate.pdf", "Aliya Saduakassova", "X")
            # every certificate the ledger will hold (build_ledger makes the same ones each time)
            answer = answering(
                stand_in_certificates(catalog, [certificate_id(n) for n in range(items)]), 0.05
            )
            hosts = [h for p in catalog.platforms.values() for h in p.hosts]
            with (
                issuer_server(answer=answer) as server,
                prefect_test_harness(server_startup_timeout=180),
            ):
                stand_ins = ",".join(f"{h}={server.base}" for h in hosts)
                # the Dask workers report to the same Prefect server, as every machine's
                # PREFECT_API_URL says in production (else each starts a server of its own)
                api = {"PREFECT_API_URL": str(get_current_settings().api.url)}
                for workers in (1, 2):
                    with scratch_database(server_url, "tanu_bench") as url:
                        asked = build_ledger(catalog, url, items, certificate)
                        env = {
                            **api,
                            "TANU_DATA_DIR": str(data_dir),
                            "TANU_VAR_DIR": str(work / f"night-{workers}"),
                            "TANU_DATABASE_URL": url,
                            "TANU_ISSUER_STAND_INS": stand_ins,
                            # small batches, so that both workers have their share
                            "TANU_NIGHTLY__BATCH_SIZE": "20",
                            # the stand-in is no real issuer: a tenth of the real pace
                            "TANU_ISSUER_INTERVAL_SECONDS": "0.1",
                        }

                        def the_night(address: str) -> object:
                            return nightly_flow.with_options(task_runner=_runner(address))()

                        night[workers] = _on_cluster(workers, env, the_night)
                    console.print(
                        f"scale: the night over {items} items ({len(asked)} asked) with "
                        f"{workers} Dask worker(s): {night[workers]:.1f} s"
                    )
                for workers in (1, 2):
                    run_dir = work / f"intake-{workers}"
                    inbox = run_dir / "inbox" / "6B06101" / "MLB3215" / "L-0001"
                    inbox.mkdir(parents=True)
                    for case in ocr_cases:
                        shutil.copy(case.path, inbox / case.path.name)
                    with scratch_database(server_url, "tanu_bench") as url:
                        env = {
                            **api,
                            "TANU_DATA_DIR": str(data_dir),
                            "TANU_VAR_DIR": str(run_dir),
                            "TANU_DATABASE_URL": url,
                            "TANU_ISSUER_STAND_INS": stand_ins,
                            "TANU_INTAKE__STABLE_SECONDS": "0.1",  # the files are all there
                        }
                        size = max(1, len(ocr_cases) // 4)

                        def a_pass(address: str, root: str = str(run_dir), n: int = size) -> object:
                            flow = intake_flow.with_options(task_runner=_runner(address))
                            return flow(root, batch_size=n)

                        intake[workers] = _on_cluster(workers, env, a_pass)
                    console.print(
                        f"scale: {len(ocr_cases)} image files taken with {workers} Dask "
                        f"worker(s): {intake[workers]:.1f} s"
                    )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    night_gain = night[1] / night[2]
    intake_gain = intake[1] / intake[2]
    return [
        Figure("scale", f"the night over {items} items, 2 Dask workers vs 1",
               f"{night_gain:.2f}×", f"{night[1]:.1f} s vs {night[2]:.1f} s", "≥ 1.6×",
               night_gain >= 1.6),
        Figure("scale", f"intake of {len(ocr_cases)} image files, 2 Dask workers vs 1",
               f"{intake_gain:.2f}×", f"{intake[1]:.1f} s vs {intake[2]:.1f} s",
               "≥ 1.0× (no slower)", intake_gain >= 1.0),
    ]  # fmt: skip
