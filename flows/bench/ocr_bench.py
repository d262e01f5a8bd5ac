"""``tanu bench ocr``: cold OCR of scans, photos, image PDFs and screenshots through the
pipeline, beside raw ``tesseract`` and beside OCRmyPDF (``--skip-text``, then its text layer),
on the same files, same run, each with its field accuracy and its peak memory.

- **pipeline**: ``tanu``'s extractor in a process of its own, ``workers`` OCR threads.
- **raw Tesseract**: the ``tesseract`` command, one single-threaded process per image (each
  page of an image PDF as one would hand it over: its JPEG, else its image at the image's own
  resolution — 200 dpi for a page without one), as many
  at a time as the pipeline has workers, every language of the list. Its fields: the same
  page read by the same Tesseract (in process, no preparation, no second look) and given to
  the same field reader — what a reader of raw Tesseract output would get at best.
- **OCRmyPDF**: installed in the bench's own environment (``var/bench/ocrmypdf-env``, made on
  first use from PyPI; not a dependency of tanu), one file per process, ``-j 1``, as many at a
  time; its fields: the text layer it wrote, read by tanu's text-layer reader (words with
  their boxes, as ``pdftotext -bbox`` gives them).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import venv
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from PIL import Image
from rich.console import Console

from extractors.layout import Document, PageLayout
from extractors.model import Extraction, TextSource
from extractors.ocr import OcrSettings, tesseract
from extractors.pdf import PdfFile, lines_of, page_text, usable_text
from extractors.pipeline import Extractor
from flows.bench.corpus import OCR_FORMS
from flows.bench.measure import Figure, run_child
from flows.bench.scoring import Case, Score

RAW_LANGUAGES = "kaz+rus+eng"
OCRMYPDF = "ocrmypdf==17.13.0"


@dataclass
class Contender:
    name: str
    seconds: float
    peak_mib: float
    score: Score
    # the CPU seconds of the work: on a machine shared with others, a steadier measure of how
    # much work each does than the seconds on the clock (which the others' load stretches)
    cpu_seconds: float


def ocr_cases(cases: Sequence[Case], per_form: int | None) -> list[Case]:
    """The image documents of a corpus, ``per_form`` of each OCR form (all when None)."""
    chosen: list[Case] = []
    for form in OCR_FORMS:
        of_form = [c for c in cases if c.form == form]
        chosen += of_form if per_form is None else of_form[:per_form]
    return chosen


def page_images(case: Case, folder: Path) -> list[Path]:
    """What one would give Tesseract by hand: an image file as it is; for each PDF page
    without a usable text layer, its JPEG when it is one, else its image at its own
    resolution (``pdfimages``), or the page at 200 dpi when it holds none."""
    if case.path.suffix.lower() != ".pdf":
        return [case.path]
    out = []
    with PdfFile(case.path) as pdf:
        for page in pdf.pages():
            if page.has_text and usable_text(page_text(page)):
                continue
            jpeg = pdf.embedded_jpeg(page.index)
            target = folder / f"{case.path.stem}-{page.index}.{'jpg' if jpeg else 'png'}"
            if jpeg:
                target.write_bytes(jpeg)
            else:  # the page's image at its own resolution, as `pdfimages` would give it
                pdf.render(page.index, min(page.image_dpi or 200, 600)).save(target)
            out.append(target)
    return out


def raw_command(image: Path) -> list[str]:
    """Raw Tesseract on one page image, as one would run it by hand."""
    return ["tesseract", str(image), "-", "-l", RAW_LANGUAGES, "--psm", "3", "tsv"]


def single_threaded() -> dict[str, str]:
    """The environment of a raw Tesseract process: one thread, as the pipeline's workers."""
    return {**os.environ, "OMP_THREAD_LIMIT": "1"}


def run_pool(
    workers: int, commands: Sequence[Sequence[str]], env: dict[str, str]
) -> tuple[float, float]:
    """Run the commands, ``workers`` at a time: the largest peak of one process, and the CPU
    seconds of all of them."""
    runs = []

    def one(cmd: Sequence[str]) -> None:
        run = run_child(cmd, env)
        if run.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd[:2])} failed: {run.stderr[-300:]}")
        runs.append(run)

    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(one, commands))
    return max((r.peak_mib for r in runs), default=0.0), sum(r.cpu_seconds for r in runs)


def pipeline(cases: Sequence[Case], workers: int, data_dir: Path, work: Path) -> Contender:
    out = work / "pipeline.json"
    run = run_child(
        [sys.executable, "-m", "flows.bench.ocr_child", str(out), str(workers), str(data_dir)]
        + [str(c.path) for c in cases]
    )
    if run.returncode != 0:
        raise RuntimeError(f"the pipeline's process failed: {run.stderr[-500:]}")
    data = json.loads(out.read_text(encoding="utf-8"))
    score = Score()
    for case in cases:
        got = data["results"].get(str(case.path))
        score.add(case, None if got is None else Extraction.from_json(got))
    return Contender("pipeline", data["seconds"], run.peak_mib, score, data["cpu_seconds"])


def raw_tesseract(
    cases: Sequence[Case], images: dict[Path, list[Path]], workers: int, reader: Extractor
) -> Contender:
    commands = [raw_command(p) for c in cases for p in images[c.path]]
    started = time.perf_counter()
    peak, cpu = run_pool(workers, commands, single_threaded())
    seconds = time.perf_counter() - started
    settings = OcrSettings(languages=RAW_LANGUAGES)
    score = Score()
    for case in cases:
        pages = []
        for n, path in enumerate(images[case.path]):
            with Image.open(path) as im:
                width, height = im.size
            pages.append(PageLayout(n, width, height, tesseract(path, settings, n)))
        score.add(case, reader.read(Document(pages, TextSource.OCR, from_image=True)))
    name = f"raw tesseract ({workers} at a time)"
    return Contender(name, seconds, peak * workers, score, cpu)


def ocrmypdf_env(folder: Path, console: Console) -> Path | None:
    """The bench's own OCRmyPDF, installed on first use; None when it cannot be."""
    exe = folder / "bin" / "ocrmypdf"
    if exe.exists():
        return exe
    console.print(f"installing {OCRMYPDF} into {folder} (the bench's own environment)")
    venv.create(folder, with_pip=True)
    done = subprocess.run(
        [str(folder / "bin" / "pip"), "install", "-q", OCRMYPDF], capture_output=True, text=True
    )
    if done.returncode != 0 or not exe.exists():
        console.print(f"[yellow]OCRmyPDF could not be installed: {done.stderr[-300:]}[/]")
        shutil.rmtree(folder, ignore_errors=True)
        return None
    return exe


def ocrmypdf(
    cases: Sequence[Case], exe: Path, workers: int, reader: Extractor, work: Path
) -> Contender:
    outputs = {c.path: work / f"{c.path.stem}.ocr.pdf" for c in cases}
    commands = []
    for c in cases:
        cmd = [str(exe), "--skip-text", "--output-type", "pdf", "-l", RAW_LANGUAGES, "-j", "1"]
        cmd += ["--optimize", "0", "-q"]
        if c.path.suffix.lower() != ".pdf":
            cmd += ["--image-dpi", "200"]  # a photo or a screenshot says no resolution
        commands.append([*cmd, str(c.path), str(outputs[c.path])])
    started = time.perf_counter()
    peak, cpu = run_pool(workers, commands, single_threaded())
    seconds = time.perf_counter() - started
    score = Score()
    for case in cases:
        with PdfFile(outputs[case.path]) as pdf:
            pages = [PageLayout(p.index, p.width, p.height, lines_of(p)) for p in pdf.pages()]
        score.add(case, reader.read(Document(pages, TextSource.PDF_TEXT)))
    return Contender(f"OCRmyPDF ({workers} at a time)", seconds, peak * workers, score, cpu)


def run(
    cases: Sequence[Case],
    reader: Extractor,
    data_dir: Path,
    bench_dir: Path,
    console: Console,
    *,
    workers: int | None = None,
    with_ocrmypdf: bool = True,
) -> list[Figure]:
    workers = workers or max(1, os.cpu_count() or 1)
    work = Path(tempfile.mkdtemp(prefix="tanu-bench-ocr-"))
    try:
        images = {c.path: page_images(c, work) for c in cases}
        console.print(
            f"OCR: {len(cases)} files ({sum(len(v) for v in images.values())} page images), "
            f"{workers} at a time"
        )
        contenders = [pipeline(cases, workers, data_dir, work)]
        contenders.append(raw_tesseract(cases, images, workers, reader))
        exe = ocrmypdf_env(bench_dir / "ocrmypdf-env", console) if with_ocrmypdf else None
        if exe is not None:
            contenders.append(ocrmypdf(cases, exe, workers, reader, work))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    ours = contenders[0]
    figures = []
    for c in contenders:
        right, total = c.score.counts()
        console.print(
            f"  {c.name}: {c.seconds:.1f} s, {len(cases) / c.seconds * 60:.0f} files/min, "
            f"CPU {c.cpu_seconds:.1f} s, fields right {right}/{total} "
            f"({c.score.accuracy():.1%}), peak {c.peak_mib:.0f} MiB"
        )
    for other, target in zip(contenders[1:], (1.3, 3.0), strict=False):
        speed = other.seconds / ours.seconds
        figures.append(
            Figure(
                "ocr",
                f"pipeline throughput vs {other.name}",
                f"{speed:.2f}× (fields {ours.score.accuracy():.1%} vs "
                f"{other.score.accuracy():.1%})",
                f"{other.seconds:.1f} s vs {ours.seconds:.1f} s; in CPU seconds "
                f"{other.cpu_seconds / max(ours.cpu_seconds, 1e-9):.2f}× "
                f"({other.cpu_seconds:.1f} s vs {ours.cpu_seconds:.1f} s)",
                f"≥ {target}× at equal or better accuracy",
                speed >= target and ours.score.accuracy() >= other.score.accuracy(),
            )
        )
    figures.append(
        Figure(
            "ocr",
            "pipeline peak memory",
            f"{ours.peak_mib:.0f} MiB",
            f"raw tesseract {contenders[1].peak_mib:.0f} MiB",
        )
    )
    return figures


def scanned_pdf(path: Path, pages: int) -> Path:
    """A scanned PDF of ``pages`` image pages of a few typed lines each (no text layer)."""
    from PIL import ImageDraw

    sheets = []
    for n in range(pages):
        sheet = Image.new("1", (1240, 1754), 1)
        draw = ImageDraw.Draw(sheet)
        for row in range(12):
            draw.text((120, 160 + row * 120), f"Page {n + 1}, line {row + 1}", fill=0)
        sheets.append(sheet)
    sheets[0].save(path, save_all=True, append_images=sheets[1:], resolution=150)
    return path


def many_pages(pages: int, console: Console) -> Figure:
    """A scanned PDF of ``pages`` image pages read by one ``tanu extract`` call (the page
    limit raised for it): its peak memory, which should not grow with the page count."""
    from flows.bench.measure import tanu_command

    with tempfile.TemporaryDirectory(prefix="tanu-bench-pages-") as tmp:
        pdf = scanned_pdf(Path(tmp) / f"scan-{pages}.pdf", pages)
        env = {
            **os.environ,
            "TANU_EXTRACTION__MAX_PAGES": str(pages + 1),
            "TANU_EXTRACTION__MAX_OCR_SECONDS": str(pages * 10),
        }
        run = run_child([*tanu_command(), "extract", "--json", str(pdf)], env)
    console.print(
        f"a {pages}-page image PDF: {run.seconds:.0f} s, peak {run.peak_mib:.0f} MiB "
        f"(exit {run.returncode})"
    )
    return Figure(
        "ocr", f"a {pages}-page image PDF, peak memory", f"{run.peak_mib:.0f} MiB",
        f"{run.seconds:.0f} s", "< 500 MiB", run.returncode == 0 and run.peak_mib < 500,
    )  # fmt: skip
