"""``tanu bench cli``: what a user waits for before any work — ``tanu --help`` beside the bare
interpreter's start (the floor) — and a text-layer certificate read in process and by one
``tanu extract`` call."""

from __future__ import annotations

import statistics
import sys
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console

from extractors.pipeline import Extractor, ExtractSettings
from flows.bench.measure import Figure, median_seconds, run_child, tanu_command
from flows.bench.scoring import Case
from recognition.catalog import Platform


def _median_run(cmd: list[str], times: int) -> float:
    return statistics.median(run_child(cmd).seconds for _ in range(times))


def run(
    platforms: list[Platform], text_pdfs: Sequence[Case], console: Console, *, times: int
) -> list[Figure]:
    tanu = tanu_command()
    floor = _median_run([sys.executable, "-c", "pass"], times)
    help_seconds = _median_run([*tanu, "--help"], times)
    figures = [
        Figure("cli", "tanu --help", f"{help_seconds:.2f} s",
               f"python -c pass {floor:.2f} s", "≤ 0.3 s", help_seconds <= 0.3),
    ]  # fmt: skip
    if not text_pdfs:
        return figures
    extractor = Extractor(platforms, ExtractSettings(workers=1))
    paths = [c.path for c in text_pdfs]
    extractor.extract(paths[0])  # the first reading loads what every reading needs

    def seconds(path: Path) -> float:
        return median_seconds(lambda: extractor.extract(path), 3)

    per_file = statistics.median(seconds(p) for p in paths)
    call = _median_run([*tanu, "extract", str(paths[0]), "--json"], times)
    console.print(
        f"cli: tanu --help {help_seconds:.2f} s (the interpreter alone {floor:.2f} s); a "
        f"text-layer certificate {per_file * 1000:.0f} ms in process (median of {len(paths)}), "
        f"{call:.2f} s per tanu extract call"
    )
    figures += [
        Figure("cli", "a text-layer certificate, in process", f"{per_file * 1000:.0f} ms",
               f"median of {len(paths)} files", "≤ 50 ms", per_file <= 0.05),
        Figure("cli", "a text-layer certificate, one tanu extract call", f"{call:.2f} s",
               f"in process {per_file * 1000:.0f} ms"),
    ]  # fmt: skip
    return figures
