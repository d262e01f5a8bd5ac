"""``tanu bench``: benchmarks that print figures."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from flows.cli.common import catalog_of, group, reports_errors

bench_app = group("Benchmarks that print figures.")

RealCorpus = Annotated[
    Path | None,
    typer.Option(help="a real corpus: files and truth.json (default ../shared/corpus/real)"),
]


def real_corpus(given: Path | None) -> Path:
    """The real corpus given, or the one beside the project."""
    from flows.settings import PROJECT_ROOT

    return given or PROJECT_ROOT.parent / "shared" / "corpus" / "real"


@bench_app.command("extract")
@reports_errors
def bench_extract(
    corpus: Annotated[Path | None, typer.Argument(help="corpus folder (made when empty)")] = None,
    real: RealCorpus = None,
    count: Annotated[int, typer.Option(help="files to generate when the corpus is empty")] = 180,
    seed: Annotated[
        int | None,
        typer.Option(help="another seed makes another corpus (documents not tuned on)"),
    ] = None,
    workers: Annotated[int | None, typer.Option(help="OCR processes at a time")] = None,
    mistakes: Annotated[int, typer.Option(help="wrong values to list")] = 30,
) -> None:
    """Accuracy per field and form on the real corpus and the generated one, values given
    where the truth has none, how well confidence predicts a right value, and throughput
    against raw Tesseract on the same images."""
    from flows.bench.extract_bench import run
    from flows.settings import Settings

    settings = Settings.from_env()
    catalog = catalog_of(settings)
    folder = corpus or settings.var_dir / "corpus"
    run(
        folder,
        list(catalog.platforms.values()),
        Console(),
        real=real_corpus(real),
        count=count,
        seed=seed,
        workers=workers,
        show_mistakes=mistakes,
    )


@bench_app.command("damage")
@reports_errors
def bench_damage(
    real: RealCorpus = None,
    only: Annotated[
        str | None, typer.Option(help="damages to apply, by name, comma-separated")
    ] = None,
) -> None:
    """The real corpus's pictures shaded, blurred, made smaller, tilted and compressed, each
    scored beside the same pictures undamaged (what a phone or a messenger hands in)."""
    from extractors.pipeline import Extractor
    from flows.bench.damage_bench import DAMAGES, run
    from flows.errors import UsageError
    from flows.settings import Settings

    damages = list(DAMAGES) if only is None else [d.strip() for d in only.split(",")]
    unknown = [d for d in damages if d not in DAMAGES]
    if unknown:
        raise UsageError(f"no damage named {', '.join(unknown)}: choose from {', '.join(DAMAGES)}")
    folder = real_corpus(real)
    if not (folder / "truth.json").is_file():
        raise UsageError(f"no real corpus at {folder} (its truth.json is missing): give --real")
    catalog = catalog_of(Settings.from_env())
    run(Extractor(list(catalog.platforms.values())), folder, Console(), damages)


@bench_app.command("identity")
@reports_errors
def bench_identity(
    pairs: Annotated[Path | None, typer.Argument(help="CSV of name pairs")] = None,
) -> None:
    """Precision and recall of the identity matcher on labelled name pairs."""
    from flows.bench.identity import read_pairs, score
    from flows.settings import PROJECT_ROOT

    path = pairs or PROJECT_ROOT / "tests" / "identity_pairs.csv"
    s = score(read_pairs(path))
    console = Console()
    console.print(
        f"{s.true_pairs} true pairs, {s.negatives} hard negatives ({path.name})\n"
        f"true pairs matched {s.matched}, probable {s.probable}, missed {len(s.missed)}: "
        f"recall (match or probable) {s.recall:.1%}\n"
        f"hard negatives taken for a match {len(s.false_matches)}: precision {s.precision:.1%}; "
        f"sent to the commission as probable {len(s.false_probable)}"
    )
    for p in s.false_matches:
        console.print(f"[red]false match[/] {p.evidence} ~ {p.full_name} ({p.kind})")
    for p in s.missed:
        console.print(f"[yellow]missed[/] {p.evidence} ~ {p.full_name} ({p.kind})")


QuickOption = Annotated[
    bool, typer.Option("--quick", help="a smaller workload, under 2 minutes (before a commit)")
]


@bench_app.command("all")
@reports_errors
def bench_all(quick: QuickOption = False) -> None:
    """Every throughput sub-benchmark (cli, ocr, documents, nightly; intake and scale,
    without --quick), one table of figures, each beside its reference measured in the same run and
    its target."""
    import importlib.util

    from flows.bench.suite import run_suite

    names = ["cli", "ocr", "documents", "nightly"] + ([] if quick else ["intake"])
    if not quick and importlib.util.find_spec("prefect_dask"):
        names.append("scale")
    elif not quick:
        Console().print("scale: skipped, the dask extra is not installed (`make test` installs it)")
    if not run_suite(names, quick):
        raise typer.Exit(1)


def _one(name: str, quick: bool) -> None:
    from flows.bench.suite import run_suite

    if not run_suite([name], quick):
        raise typer.Exit(1)


@bench_app.command("cli")
@reports_errors
def bench_cli(quick: QuickOption = False) -> None:
    """`tanu --help` beside the interpreter's start; a text-layer certificate in process and
    per `tanu extract` call."""
    _one("cli", quick)


@bench_app.command("ocr")
@reports_errors
def bench_ocr(quick: QuickOption = False) -> None:
    """Cold OCR of image PDFs, scans, photos and screenshots: the pipeline beside raw
    `tesseract` and beside OCRmyPDF on the same files, with field accuracy and peak memory."""
    _one("ocr", quick)


@bench_app.command("documents")
@reports_errors
def bench_documents(quick: QuickOption = False) -> None:
    """A sitting's documents rendered per second; PDF copies per document in one batch."""
    _one("documents", quick)


@bench_app.command("nightly")
@reports_errors
def bench_nightly(quick: QuickOption = False) -> None:
    """The night's re-check over 10,000 stored certificates (1,000 with --quick) against the
    issuer stand-in answering in 50 ms: seconds, files read (none), peak memory."""
    _one("nightly", quick)


@bench_app.command("scale")
@reports_errors
def bench_scale(quick: QuickOption = False) -> None:
    """The night and an OCR-heavy intake pass with their batches on a Dask cluster of 1 and of
    2 worker processes on this machine (needs the `dask` extra)."""
    _one("scale", quick)


@bench_app.command("intake")
@reports_errors
def bench_intake(quick: QuickOption = False) -> None:
    """Files end to end through the intake flow against a temporary Prefect server: files per
    minute, and how much of it is reading, checking and storing, and orchestration."""
    _one("intake", quick)
