"""``tanu bench damage``: the real corpus's pictures as a phone or a careless export would
hand them in — shaded, blurred, smaller, tilted, compressed — each scored beside the same
pictures undamaged, in one run.

The real corpus is the yardstick, but its pictures are mostly clean exports; the documents a
teacher drops are photographed under a lamp, resized by a messenger, scanned askew. A rule that
holds only on clean pictures fails there first, and this bench shows it without a single new
document: the damage is the variable, the truth is the real corpus's own. Beside each
figure, how many of the values given with confidence ≥ 0.9 are right: damage may cost fields,
but a value the reader says it is sure of must stay right. The damaged copies
are written to a temporary folder and removed (the real documents never enter the repository).
"""

from __future__ import annotations

import random
import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageFilter, ImageOps
from rich.console import Console
from rich.table import Table

from extractors.errors import ExtractionError
from extractors.pipeline import Extractor
from flows.bench.scoring import Case, Score, load_real

PICTURES = {".jpg", ".jpeg", ".png", ".webp"}
Damage = Callable[[Image.Image, random.Random], Image.Image]


def _shade(img: Image.Image, rng: random.Random) -> Image.Image:
    """Light falling off across the page to 44% (a lamp to one side), from a random side."""
    a = np.asarray(img, dtype=np.float32)
    h, w = a.shape[:2]
    ramp = np.linspace(1.0, 0.55, w)[None, :, None] * np.linspace(1.0, 0.8, h)[:, None, None]
    if rng.random() < 0.5:
        ramp = ramp[:, ::-1]
    return Image.fromarray(np.clip(a * ramp, 0, 255).astype(np.uint8))


def _tilt(img: Image.Image, rng: random.Random) -> Image.Image:
    return img.rotate(
        rng.choice([-1, 1]) * 2.5,
        resample=Image.Resampling.BICUBIC,
        expand=True,
        fillcolor=(255, 255, 255),
    )


def _scaled(factor: float) -> Damage:
    def scale(img: Image.Image, _: random.Random) -> Image.Image:
        size = (round(img.width * factor), round(img.height * factor))
        return img.resize(size, Image.Resampling.LANCZOS)

    return scale


DAMAGES: dict[str, tuple[Damage, int]] = {  # name → (damage, JPEG quality it is saved at)
    "none": (lambda img, _: img, 85),
    "shade": (_shade, 85),
    "blur": (lambda img, _: img.filter(ImageFilter.GaussianBlur(0.8)), 85),
    "0.7×": (_scaled(0.7), 85),
    "tilt": (_tilt, 85),
    "jpeg": (lambda img, _: img, 45),
}


@dataclass(frozen=True)
class DamageFigure:
    damage: str
    score: Score


def damaged_corpus(cases: Sequence[Case], damage: str, folder: Path, seed: int = 7) -> list[Case]:
    """The pictures of ``cases`` damaged, saved as JPEG in ``folder``, with their truth."""
    make, quality = DAMAGES[damage]
    rng = random.Random(seed)
    out = []
    for case in cases:
        with Image.open(case.path) as opened:
            img = ImageOps.exif_transpose(opened).convert("RGB")
        path = folder / f"{case.path.stem}.{damage}.jpg".replace("×", "x")
        make(img, rng).save(path, quality=quality)
        out.append(Case(path, case.form, case.truth))
    return out


def run(
    extractor: Extractor,
    real: Path,
    console: Console,
    damages: Sequence[str] = tuple(DAMAGES),
) -> list[DamageFigure]:
    pictures = [c for c in load_real(real) if c.path.suffix.lower() in PICTURES]
    work = Path(tempfile.mkdtemp(prefix="tanu-bench-damage-"))
    figures = []
    try:
        for damage in damages:
            cases = damaged_corpus(pictures, damage, work)
            score = Score()
            by_path = {c.path: c for c in cases}
            for path, got in extractor.extract_many([c.path for c in cases]):
                score.add(by_path[path], None if isinstance(got, ExtractionError) else got)
            figures.append(DamageFigure(damage, score))
            for case in cases:
                case.path.unlink(missing_ok=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    table = Table(title=f"the real corpus's {len(pictures)} pictures, damaged")
    for column in (
        "damage", "fields right", "values where the truth has none", "sure (≥ 0.9) and right",
        "vs none",
    ):  # fmt: skip
        table.add_column(column)
    base = figures[0].score.accuracy() if figures and figures[0].damage == "none" else None
    for figure in figures:
        right, total = figure.score.counts()
        sure_right, sure = figure.score.sure_right()
        versus = "" if base is None else f"{figure.score.accuracy() - base:+.1%}"
        table.add_row(
            figure.damage,
            f"{figure.score.accuracy():.1%} ({right}/{total})",
            str(figure.score.invented_count()),
            f"{sure_right}/{sure}",  # a value said sure must stay right under damage
            versus,
        )
    console.print(table)
    return figures
