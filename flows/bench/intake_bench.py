"""``tanu bench intake``: files end to end through the Prefect flow of an intake pass, against
a temporary Prefect server, beside the reading of the same files alone (in process, same
number of OCR threads), so the figure says where a file's time goes: reading it, checking and
storing it (issuer stand-in answering at once, identity, reuse, the database, moving the
file), and orchestration (the flow and its task runs)."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console

from extractors.pipeline import Extractor, ExtractSettings
from flows.bench.measure import Figure
from flows.bench.scoring import Case
from flows.datafiles import Catalog


def run(
    catalog: Catalog, cases: Sequence[Case], console: Console, *, data_dir: Path
) -> list[Figure]:
    from prefect.testing.utilities import prefect_test_harness

    from flows.bench.scale_bench import environment
    from flows.demo.issuer_stand_in import Route, issuer_server
    from flows.intake.flow import intake_flow

    files = [c.path for c in cases]
    reader = Extractor(list(catalog.platforms.values()), ExtractSettings())
    started = time.perf_counter()
    list(reader.extract_many(files))
    reading = time.perf_counter() - started
    work = Path(tempfile.mkdtemp(prefix="tanu-bench-intake-"))
    try:
        inbox = work / "inbox" / "6B06101" / "MLB3215" / "L-0001"
        inbox.mkdir(parents=True)
        for path in files:
            shutil.copy(path, inbox / path.name)
        hosts = [h for p in catalog.platforms.values() for h in p.hosts]
        with (
            issuer_server(answer=lambda _: Route(status=404)) as server,
            prefect_test_harness(server_startup_timeout=180),
            environment(
                {
                    "TANU_DATA_DIR": str(data_dir),
                    "TANU_VAR_DIR": str(work),
                    "TANU_DATABASE_URL": f"sqlite:///{work / 'tanu.sqlite'}",
                    "TANU_ISSUER_STAND_INS": ",".join(f"{h}={server.base}" for h in hosts),
                    "TANU_ISSUER_INTERVAL_SECONDS": "0",
                    "TANU_INTAKE__STABLE_SECONDS": "0.1",  # the files are all there
                }
            ),
        ):
            started = time.perf_counter()
            taken = intake_flow(str(work))
            total = time.perf_counter() - started
    finally:
        shutil.rmtree(work, ignore_errors=True)
    batches = {(r["batch"]["pid"], r["batch"]["at"]): r["batch"] for r in taken if "batch" in r}
    in_batches = sum(b["ended"] - b["at"] for b in batches.values())
    per_minute = len(taken) / total * 60
    console.print(
        f"intake: {len(taken)} files through the flow in {total:.1f} s ({per_minute:.0f} per "
        f"minute, {os.cpu_count()} cores): reading alone {reading:.1f} s, checking and storing "
        f"{max(0.0, in_batches - reading):.1f} s, the pass's own wait and orchestration "
        f"{max(0.0, total - in_batches):.1f} s"
    )
    return [
        Figure(
            "intake", f"{len(taken)} files end to end through the intake flow",
            f"{per_minute:.0f} per minute",
            f"reading alone {reading / total:.0%} of the time, batches {in_batches / total:.0%}",
        ),
    ]  # fmt: skip
