"""What every sub-benchmark of ``tanu bench`` shares: a figure printed beside its reference
measured in the same run (the machine is shared and noisy: ratios hold where seconds do not),
the target it is held to, and peak memory of a process measured by the kernel."""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.table import Table


@dataclass(frozen=True)
class Figure:
    """One measured figure; ``holds`` says whether it meets ``target`` (None: no target)."""

    bench: str
    name: str
    value: str
    reference: str = ""
    target: str = ""
    holds: bool | None = None


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mib: float  # the process's own peak resident memory (with its waited-for children)
    returncode: int
    stdout: str
    stderr: str
    cpu_seconds: float = 0.0  # user + system time of the process and its waited-for children


TIME = "/usr/bin/time"  # GNU time: a small process between the bench and the measured one


def run_child(cmd: Sequence[str], env: dict[str, str] | None = None) -> Run:
    """Run ``cmd`` and measure its wall time, its CPU time and peak memory (the process and the
    children it waited for). Through GNU time when installed: a child forked from the bench
    itself would report the bench's own memory at the fork as its peak (Linux keeps the
    high-water mark across ``exec``)."""
    with tempfile.TemporaryDirectory(prefix="tanu-run-") as tmp:
        peak_file = Path(tmp) / "peak"
        timed = Path(TIME).exists()
        argv = [TIME, "-f", "%M", "-o", str(peak_file), *cmd] if timed else list(cmd)
        with open(Path(tmp) / "out", "w+") as out, open(Path(tmp) / "err", "w+") as err:
            started = time.perf_counter()
            proc = subprocess.Popen(argv, stdout=out, stderr=err, text=True, env=env)
            _, status, usage = os.wait4(proc.pid, 0)
            seconds = time.perf_counter() - started
            proc.returncode = os.waitstatus_to_exitcode(status)
            out.seek(0)
            err.seek(0)
            kib = usage.ru_maxrss
            if timed and peak_file.exists():
                lines = peak_file.read_text().split()
                kib = int(lines[-1]) if lines and lines[-1].isdigit() else kib
            cpu = usage.ru_utime + usage.ru_stime
            return Run(seconds, kib / 1024, proc.returncode, out.read(), err.read(), cpu)


def own_peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def median_seconds(action: Callable[[], object], times: int) -> float:
    samples = []
    for _ in range(times):
        t0 = time.perf_counter()
        action()
        samples.append(time.perf_counter() - t0)
    return statistics.median(samples)


def print_figures(console: Console, figures: Sequence[Figure], title: str) -> None:
    table = Table(title=title, show_lines=False)
    for column in ("bench", "figure", "value", "reference (same run)", "target"):
        table.add_column(column)
    for f in figures:
        mark = {True: "[green]✓[/]", False: "[red]✗[/]", None: ""}[f.holds]
        table.add_row(f.bench, f.name, f.value, f.reference, f"{f.target} {mark}".strip())
    console.print(table)


def tanu_command() -> list[str]:
    """The ``tanu`` of this environment (beside the running interpreter)."""
    import sys

    return [str(Path(sys.executable).parent / "tanu")]
