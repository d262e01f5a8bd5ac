"""``tanu bench extract``: accuracy on the real corpus and on the generated one, how well the
confidence predicts a right value, and throughput against raw Tesseract on the same images.

Every figure is measured in the same run as its reference (the machine is shared and noisy):
the pipeline's time beside raw ``tesseract`` on the same input images with the same number of
processes, a tall screenshot's time beside a normal page's.
"""

from __future__ import annotations

import os
import shutil
import statistics
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from extractors.errors import ExtractionError
from extractors.ocr import OcrSettings
from extractors.pipeline import Extractor, ExtractSettings
from flows.bench.corpus import DEFAULT_SEED, generate
from flows.bench.ocr_bench import (
    RAW_LANGUAGES,
    page_images,
    raw_command,
    run_pool,
    single_threaded,
)
from flows.bench.scoring import SCORED, Case, Score, load_generated, load_real
from recognition.catalog import Platform


@dataclass
class Figures:
    """What one bench run measured (printed, and returned for tests and the README)."""

    real: Score | None = None
    generated: Score = field(default_factory=Score)
    seconds: float = 0.0
    raw_seconds: float | None = None
    tall_ratio: float | None = None  # over a normal page
    tall_screenshot_ratio: float | None = None  # over a normal screenshot
    text_pdf_ms: float | None = None


def ensure_corpus(corpus: Path, count: int, console: Console, seed: int | None = None) -> None:
    if any(corpus.glob("*.truth.json")):
        return
    with Progress(console=console, transient=True) as bar:
        task = bar.add_task("generating the corpus", total=count)
        generate(
            corpus,
            count=count,
            seed=DEFAULT_SEED if seed is None else seed,
            progress=lambda n: bar.update(task, completed=n),
        )


def score(
    extractor: Extractor, cases: Sequence[Case], console: Console, what: str
) -> tuple[Score, float]:
    result = Score()
    by_path = {c.path: c for c in cases}
    started = time.perf_counter()
    with Progress(console=console, transient=True) as bar:
        task = bar.add_task(f"reading the {what}", total=len(cases))
        for path, got in extractor.extract_many([c.path for c in cases]):
            if isinstance(got, ExtractionError):
                result.failures.append(f"{path.name}: {got}")
                result.add(by_path[path], None)
            else:
                result.add(by_path[path], got)
            bar.advance(task)
    return result, time.perf_counter() - started


def run(
    corpus: Path,
    platforms: list[Platform],
    console: Console,
    *,
    real: Path | None = None,
    count: int = 180,
    seed: int | None = None,
    workers: int | None = None,
    show_mistakes: int = 30,
    raw_compare: bool = True,
    ocr: OcrSettings | None = None,
) -> Figures:
    ensure_corpus(corpus, count, console, seed)
    settings = ExtractSettings(
        workers=workers or max(1, os.cpu_count() or 1), ocr=ocr or OcrSettings()
    )
    extractor = Extractor(platforms, settings)
    figures = Figures()
    generated = load_generated(corpus)
    if real is not None and (real / "truth.json").is_file():
        figures.real, _ = score(extractor, load_real(real), console, "real corpus")
        print_score(console, figures.real, f"real corpus ({real})")
    elif real is not None:
        console.print(f"[yellow]no real corpus at {real} (truth.json missing); skipped[/]")
    figures.generated, figures.seconds = score(extractor, generated, console, "generated corpus")
    print_score(console, figures.generated, f"generated corpus ({corpus}, {len(generated)} files)")
    print_calibration(console, figures)
    if raw_compare:
        inputs_dir = Path(tempfile.mkdtemp(prefix="tanu-bench-"))
        try:
            inputs = input_images(generated, inputs_dir)
            figures.raw_seconds = raw_tesseract(inputs, settings)
        finally:
            shutil.rmtree(inputs_dir, ignore_errors=True)
        console.print(
            f"throughput: the pipeline read the {len(generated)} generated files in "
            f"{figures.seconds:.1f} s; raw Tesseract ({RAW_LANGUAGES}, "
            f"{settings.workers} at a time) on the {len(inputs)} input images: "
            f"{figures.raw_seconds:.1f} s; pipeline / raw = "
            f"{figures.seconds / figures.raw_seconds:.2f}"
        )
    ratios = tall_ratios(platforms, generated)
    if ratios is not None:
        figures.tall_ratio, figures.tall_screenshot_ratio = ratios
        console.print(
            f"a tall screenshot costs {figures.tall_ratio:.2f}× a normal page (the median of a "
            f"photo, a scan, an image PDF and a screenshot) and "
            f"{figures.tall_screenshot_ratio:.2f}× a normal screenshot (one thread, each the "
            "median of 3, same run)"
        )
    text_pdfs = [c.path for c in generated if c.form == "text-pdf"][:20]
    if text_pdfs:
        single = Extractor(platforms, ExtractSettings(workers=1))
        t0 = time.perf_counter()
        for path in text_pdfs:
            single.extract(path)
        figures.text_pdf_ms = (time.perf_counter() - t0) / len(text_pdfs) * 1000
        console.print(
            f"a text-layer certificate is read in {figures.text_pdf_ms:.1f} ms (one thread; "
            "those whose labels are drawn as shapes are OCRed as well)"
        )
    for which, result in (("real", figures.real), ("generated", figures.generated)):
        if result is None:
            continue
        for line in result.failures[:10]:
            console.print(f"[red]failed[/] ({which}) {line}")
        for line in result.mistakes[:show_mistakes]:
            console.print(f"[yellow]wrong[/] ({which}) {line}")
        if len(result.mistakes) > show_mistakes:
            console.print(f"… and {len(result.mistakes) - show_mistakes} more ({which})")
    return figures


def print_score(console: Console, result: Score, title: str) -> None:
    forms = result.forms()
    table = Table(title=f"extraction accuracy: {title}")
    table.add_column("field")
    for form in forms:
        table.add_column(form, justify="right")
    table.add_column("all", justify="right")
    for name in SCORED:
        cells = [
            f"{result.accuracy({f}, name):.1%}" if result.total.get((f, name)) else "–"
            for f in forms
        ]
        total = sum(result.total.get((f, name), 0) for f in forms)
        table.add_row(name, *cells, f"{result.accuracy(None, name):.1%}" if total else "–")
    table.add_row(
        "all fields",
        *[f"{result.accuracy({f}):.1%}" for f in forms],
        f"{result.accuracy():.1%}",
        style="bold",
    )
    table.add_row(
        "values where the truth has none",
        *[str(result.invented_count({f})) for f in forms],
        str(result.invented_count()),
        style="bold",
    )
    console.print(table)
    right, total = result.counts()
    worst = min((result.accuracy({f}) for f in forms), default=1.0)
    console.print(
        f"{title}: {result.accuracy():.1%} of fields right ({right}/{total}), "
        f"{result.invented_count()} values where the truth has none, weakest form "
        f"{worst:.1%}, {len(result.failures)} files not read, "
        f"{len(result.warnings_missing)} empty fields without a warning, "
        f"{len(result.other_without_reason)} 'other' without a reason"
    )


def print_calibration(console: Console, figures: Figures) -> None:
    table = Table(title="confidence: values given, and how many right")
    table.add_column("confidence")
    corpora = [("real", figures.real), ("generated", figures.generated)]
    corpora = [(name, s) for name, s in corpora if s is not None]
    for name, _ in corpora:
        table.add_column(name, justify="right")
    rows = [s.calibration_table() for _, s in corpora if s is not None]
    for i, (band, _, _) in enumerate(rows[0]):
        cells = []
        for table_rows in rows:
            _, right, given = table_rows[i]
            cells.append(f"{right}/{given} = {right / given:.1%}" if given else "–")
        table.add_row(band, *cells)
    console.print(table)
    for name, s in corpora:
        if s is None:
            continue
        right, given = s.sure_right()
        share = right / given if given else 1.0
        console.print(
            f"{name}: values given with confidence ≥ 0.9 are right {right}/{given} = {share:.1%}"
        )


def input_images(cases: Sequence[Case], keep: Path) -> list[Path]:
    """What one would give Tesseract by hand, every file's pages (:func:`page_images`)."""
    return [p for case in cases for p in page_images(case, keep)]


def raw_tesseract(paths: Sequence[Path], settings: ExtractSettings) -> float:
    """The tesseract command on the image files, with the pipeline's number of processes."""
    started = time.perf_counter()
    run_pool(settings.workers, [raw_command(p) for p in paths], single_threaded())
    return time.perf_counter() - started


def tall_ratios(platforms: list[Platform], cases: Sequence[Case]) -> tuple[float, float] | None:
    """A tall (full-page) screenshot's reading time over a normal page's (the median of one
    file of each image form: a photo, a scan, an image PDF, a screenshot) and over a normal
    screenshot's; one thread, each file the median of 3 readings."""
    shots = [c for c in cases if c.form == "screenshot"]
    tall = next((c for c in shots if "tall" in c.truth.get("axes", {})), None)
    normal = [
        next((c for c in cases if c.form == form and "tall" not in c.truth.get("axes", {})), None)
        for form in ("photo", "scan-pdf", "image-pdf", "screenshot")
    ]
    pages = [c for c in normal if c is not None]
    if tall is None or normal[-1] is None:
        return None
    extractor = Extractor(platforms, ExtractSettings(workers=1))

    def seconds(path: Path) -> float:
        times = []
        for _ in range(3):
            t0 = time.perf_counter()
            extractor.extract(path)
            times.append(time.perf_counter() - t0)
        return statistics.median(times)

    times = {c.path: seconds(c.path) for c in pages}
    tall_seconds = seconds(tall.path)
    shot = normal[-1]
    return tall_seconds / statistics.median(times.values()), tall_seconds / times[shot.path]
