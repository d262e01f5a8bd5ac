"""The throughput sub-benchmarks run and report what they measured (their figures are read by
people, not asserted here: timing belongs to `tanu bench`, not to tests). Each on a small
workload, through the same code and the same child processes as `tanu bench all`."""

from __future__ import annotations

import re
from pathlib import Path

from rich.console import Console

from extractors.pipeline import Extractor
from flows.bench import cli_bench, documents_bench, nightly_bench, ocr_bench
from flows.bench.corpus import generate
from flows.bench.measure import Figure
from flows.bench.scoring import load_generated
from flows.datafiles import Catalog

DATA = Path(__file__).resolve().parent.parent / "data"


def _by_name(figures: list[Figure]) -> dict[str, Figure]:
    return {f.name: f for f in figures}


def test_the_nightly_bench_reads_no_file(catalog: Catalog) -> None:
    figures = _by_name(nightly_bench.run(catalog, Console(), items=300, latency=0.0, data_dir=DATA))
    assert figures["files read (OCR) at night"].value == "0"
    assert figures["files read (OCR) at night"].holds
    assert figures["peak memory"].value.endswith("MiB")
    assert "stored items" in next(iter(figures))


def test_the_ocr_and_cli_benches_compare_on_the_same_files(
    tmp_path: Path, catalog: Catalog
) -> None:
    generate(tmp_path / "corpus", count=10)
    cases = load_generated(tmp_path / "corpus")
    platforms = list(catalog.platforms.values())
    chosen = ocr_bench.ocr_cases(cases, 1)
    assert {c.form for c in chosen} == {"image-pdf", "scan-pdf", "photo", "screenshot"}
    figures = ocr_bench.run(
        chosen, Extractor(platforms), DATA, tmp_path, Console(), with_ocrmypdf=False
    )
    [versus] = [f for f in figures if "raw tesseract" in f.name]
    assert "fields" in versus.value and versus.holds is not None
    # the work in CPU seconds beside the clock's: both sides measured, neither empty
    cpu = re.search(r"CPU seconds [\d.]+× \(([\d.]+) s vs ([\d.]+) s\)", versus.reference)
    assert cpu is not None and float(cpu[1]) > 0 and float(cpu[2]) > 0, versus.reference
    text_pdfs = [c for c in cases if c.form == "text-pdf"]
    cli = _by_name(cli_bench.run(platforms, text_pdfs, Console(), times=1))
    assert {"tanu --help", "a text-layer certificate, in process"} <= set(cli)


def test_the_documents_bench_renders_a_sitting(catalog: Catalog) -> None:
    figures = _by_name(documents_bench.run(catalog, Console(), data_dir=DATA, rounds=1))
    assert figures["DOCX rendered"].value.endswith("per second")
