"""``tanu bench extract``: accuracy on the corpus, and throughput against raw Tesseract."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from extractors.model import FIELD_NAMES, Extraction
from extractors.ocr import OcrSettings
from extractors.pdf import embedded_jpeg, read_pages, render_page
from extractors.pipeline import Extractor, ExtractSettings
from flows.bench.corpus import OCR_FORMS, Item, generate, load
from flows.bench.scoring import Score
from recognition.catalog import Platform


def ensure_corpus(corpus: Path, count: int, console: Console) -> None:
    if any(corpus.glob("*.truth.json")):
        return
    with Progress(console=console, transient=True) as bar:
        task = bar.add_task("generating the corpus", total=count)
        generate(corpus, count=count, progress=lambda n: bar.update(task, completed=n))


def run(
    corpus: Path,
    platforms: list[Platform],
    console: Console,
    *,
    count: int = 180,
    workers: int | None = None,
    show_mistakes: int = 30,
    raw_compare: bool = True,
    ocr: OcrSettings | None = None,
) -> Score:
    ensure_corpus(corpus, count, console)
    items = load(corpus)
    settings = ExtractSettings(
        workers=workers or max(1, os.cpu_count() or 1), ocr=ocr or OcrSettings()
    )
    keep = Path(tempfile.mkdtemp(prefix="tanu-bench-"))
    prepared: list[Path] = []

    def remember(path: Path) -> None:  # a copy of each file Tesseract reads, for the raw run
        copy = keep / f"{len(prepared)}{path.suffix}"
        shutil.copyfile(path, copy)
        prepared.append(copy)

    extractor = Extractor(platforms, settings, ocr_hook=remember if raw_compare else None)
    score = Score()
    by_path = {item.path: item for item in items}
    started = time.perf_counter()
    per_form_time: dict[str, float] = {}
    with Progress(console=console, transient=True) as bar:
        task = bar.add_task("extracting", total=len(items))
        last = time.perf_counter()
        for path, result in extractor.extract_many([i.path for i in items]):
            now = time.perf_counter()
            truth = by_path[path].truth
            form = str(truth["form"])
            per_form_time[form] = per_form_time.get(form, 0.0) + (now - last)
            last = now
            if isinstance(result, Extraction):
                score.add(path.name, truth, result)
            else:
                score.failures.append(f"{path.name}: {result}")
                score.add(path.name, truth, None)
            bar.advance(task)
    elapsed = time.perf_counter() - started

    table = Table(title=f"extraction accuracy on {len(items)} files ({corpus})")
    table.add_column("field")
    forms = score.forms()
    for form in forms:
        table.add_column(form, justify="right")
    for name in FIELD_NAMES:
        cells = []
        for form in forms:
            total = score.total.get((form, name), 0)
            cells.append(f"{score.accuracy({form}, name):.1%}" if total else "–")
        table.add_row(name, *cells)
    table.add_row("all fields", *[f"{score.accuracy({f}):.1%}" for f in forms], style="bold")
    table.add_row(
        "values where truth has none",
        *[str(score.invented_count({f})) for f in forms],
        style="bold",
    )
    console.print(table)
    ocr_forms = set(OCR_FORMS)
    console.print(
        f"text PDFs: {score.accuracy({'text-pdf'}):.2%} of fields right · scans, photos and "
        f"screenshots: {score.accuracy(ocr_forms):.2%} · values given where the truth has none: "
        f"{score.invented_count()} · failures: {len(score.failures)}"
    )
    counts: dict[str, int] = {}
    for item in items:
        counts[str(item.truth["form"])] = counts.get(str(item.truth["form"]), 0) + 1
    console.print(
        f"time: {elapsed:.1f} s for {len(items)} files with {settings.workers} workers; "
        + ", ".join(
            f"{form} {per_form_time[form] / counts[form]:.2f} s/file"
            for form in sorted(per_form_time)
        )
    )
    text_pdfs = [i.path for i in items if i.truth["form"] == "text-pdf"]
    if text_pdfs:
        single = Extractor(platforms, ExtractSettings(workers=1))
        t0 = time.perf_counter()
        for path in text_pdfs:
            single.extract(path)
        per = (time.perf_counter() - t0) / len(text_pdfs)
        console.print(f"a text-layer certificate is read in {per * 1000:.1f} ms (one thread)")
    if raw_compare and prepared:
        # 1. the target: Tesseract run by hand on the same input images (the image files, and
        #    the page images of PDFs without text), with the same number of processes
        inputs = _input_images(items, keep)
        raw = _raw_tesseract(inputs, settings)
        console.print(
            f"raw Tesseract on the {len(inputs)} input images ({settings.workers} at a time): "
            f"{raw:.1f} s; the whole pipeline, text PDFs included: {elapsed:.1f} s; "
            f"overhead {elapsed / raw - 1:+.1%}"
        )
        # 2. for transparency: Tesseract alone on the very files the pipeline handed it
        inner = _raw_tesseract(prepared, settings)
        console.print(
            f"Tesseract alone on the {len(prepared)} files the pipeline gave it: {inner:.1f} s; "
            f"everything around it costs {elapsed / inner - 1:+.1%}"
        )
        shutil.rmtree(keep, ignore_errors=True)
    for line in score.failures[:10]:
        console.print(f"[red]failed[/] {line}")
    for line in score.mistakes[:show_mistakes]:
        console.print(f"[yellow]wrong[/] {line}")
    if len(score.mistakes) > show_mistakes:
        console.print(f"… and {len(score.mistakes) - show_mistakes} more")
    return score


def _input_images(items: list[Item], keep: Path) -> list[Path]:
    """What one would give Tesseract by hand: image files as they are; for PDF pages without a
    text layer, the page's JPEG when it is one, else the page rendered at 200 dpi."""
    out: list[Path] = []
    for item in items:
        path = item.path
        if path.suffix.lower() != ".pdf":
            out.append(path)
            continue
        for page in read_pages(path):
            if page.text is not None:
                continue
            jpeg = embedded_jpeg(path, page.index)
            target = keep / f"input-{len(out)}.{'jpg' if jpeg else 'png'}"
            if jpeg:
                target.write_bytes(jpeg)
            else:
                render_page(path, page.index, 200).save(target)
            out.append(target)
    return out


def _raw_tesseract(paths: list[Path], settings: ExtractSettings) -> float:
    """The tesseract command on the exact image files the pipeline gave it, same parallelism."""
    if True:
        env = {**os.environ, "OMP_THREAD_LIMIT": "1"}

        def one(p: Path) -> None:
            subprocess.run(
                [
                    "tesseract",
                    str(p),
                    "-",
                    "-l",
                    settings.ocr.languages,
                    "--psm",
                    str(settings.ocr.psm),
                    "tsv",
                ],
                check=True,
                capture_output=True,
                env=env,
            )

        started = time.perf_counter()
        with ThreadPoolExecutor(settings.workers) as pool:
            list(pool.map(one, paths))
        return time.perf_counter() - started
