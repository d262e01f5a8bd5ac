"""``tanu bench all`` and its parts: each sub-benchmark builds its own workload, prints what it
measured, and returns its figures; the suite prints them in one table with their targets and
says whether every target held (``docs/performance.md`` lists them with the machine)."""

from __future__ import annotations

import os
import platform
from collections.abc import Sequence

from rich.console import Console

from flows.bench.measure import Figure, print_figures
from flows.datafiles import load_catalog
from flows.errors import UsageError
from flows.settings import Settings

QUICK_CORPUS = 20  # 4 documents of each form
QUICK_PER_FORM = 2
FULL_PER_FORM = 11  # 44 image documents, the size of a morning's pile


def run_suite(names: Sequence[str], quick: bool) -> bool:
    from flows.bench import (
        cli_bench,
        documents_bench,
        intake_bench,
        nightly_bench,
        ocr_bench,
        scale_bench,
    )
    from flows.bench.extract_bench import ensure_corpus
    from flows.bench.scoring import load_generated

    console = Console()
    settings = Settings.from_env()
    catalog = load_catalog(settings.data_dir)
    platforms = list(catalog.platforms.values())
    bench_dir = settings.var_dir / "bench"
    corpus = bench_dir / "quick-corpus" if quick else settings.var_dir / "corpus"
    console.print(
        f"tanu bench {'(quick) ' if quick else ''}on {platform.node()}: {os.cpu_count()} cores, "
        f"Python {platform.python_version()}"
    )
    cases = []
    if {"cli", "ocr", "scale", "intake"} & set(names):
        ensure_corpus(corpus, QUICK_CORPUS if quick else 180, console)
        cases = load_generated(corpus)
    figures: list[Figure] = []
    for name in names:
        if name == "cli":
            text_pdfs = [c for c in cases if c.form == "text-pdf"][: 5 if quick else 20]
            figures += cli_bench.run(platforms, text_pdfs, console, times=3 if quick else 5)
        elif name == "ocr":
            from extractors.pipeline import Extractor

            chosen = ocr_bench.ocr_cases(cases, QUICK_PER_FORM if quick else FULL_PER_FORM)
            figures += ocr_bench.run(
                chosen, Extractor(platforms), settings.data_dir, bench_dir, console
            )
            if not quick:
                from flows.bench.extract_bench import tall_ratios

                ratios = tall_ratios(platforms, cases)
                if ratios is not None:
                    figures.append(
                        Figure("ocr", "a tall screenshot vs a normal page", f"{ratios[0]:.2f}×",
                               f"vs a normal screenshot {ratios[1]:.2f}×", "≤ 3×",
                               ratios[0] <= 3)
                    )  # fmt: skip
                figures.append(ocr_bench.many_pages(500, console))
        elif name == "documents":
            figures += documents_bench.run(
                catalog, console, data_dir=settings.data_dir, rounds=3 if quick else 10
            )
        elif name == "nightly":
            figures += nightly_bench.run(
                catalog,
                console,
                items=1_000 if quick else 10_000,
                latency=0.05,
                data_dir=settings.data_dir,
            )
        elif name == "intake":
            mixed = [c for c in cases if c.form == "text-pdf"][: 4 if quick else 20]
            mixed += ocr_bench.ocr_cases(cases, 1 if quick else 5)
            figures += intake_bench.run(catalog, mixed, console, data_dir=settings.data_dir)
        elif name == "scale":
            import importlib.util

            if not all(importlib.util.find_spec(m) for m in ("distributed", "prefect_dask")):
                raise UsageError(
                    "tanu bench scale runs a Dask cluster: install the dask extra first "
                    "(`.venv/bin/pip install -e '.[dask]'`; `make test` does)"
                )
            chosen = ocr_bench.ocr_cases(cases, QUICK_PER_FORM if quick else 4)
            figures += scale_bench.run(
                catalog,
                chosen,
                console,
                items=4_000 if quick else 10_000,
                data_dir=settings.data_dir,
            )
        else:
            raise ValueError(f"no sub-benchmark {name!r}")
    print_figures(console, figures, "tanu bench" + (" --quick" if quick else ""))
    missed = [f for f in figures if f.holds is False]
    if missed:
        console.print(f"[yellow]{len(missed)} figure(s) short of their target[/]")
    return not missed
