"""A photographed page in light that falls off across it (a lamp to one side, the phone's
shadow) is evened out before Tesseract, whose single threshold would read the shaded paper as
ink; a page's own design (a grey panel, a highlighted line) is left as it is; and generated
photos of whole pages in such light are read right, field by field. A page that its
preparation left unreadable is read again prepared lightly."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from extractors.layout import PageLayout
from extractors.model import FIELD_NAMES
from extractors.ocr import (
    PROBE_SIDE,
    ImageSource,
    OcrPage,
    OcrSettings,
    Plan,
    _lightly_prepared,
    apply_plan,
    even_out,
    light_falloff,
    make_plan,
    ocr_source,
    page_background,
    tesseract,
)
from extractors.pipeline import Extractor
from flows.bench import content
from flows.bench.corpus import write_item
from flows.bench.fonts import pil_font
from flows.bench.images import as_photo
from flows.bench.scoring import same
from flows.datafiles import Catalog

EVEN = OcrSettings().even_light


def _page(panel: bool = False, highlight: bool = False) -> Image.Image:
    """A landscape page of lines of text, with a grey side panel or a highlighted line."""
    page = Image.new("L", (1600, 1100), 245)
    draw = ImageDraw.Draw(page)
    if panel:
        draw.rectangle((0, 0, 480, 1100), fill=150)
    font = pil_font("free-serif", "regular", 34)
    for n in range(14):
        y = 80 + n * 70
        if highlight and n == 6:
            draw.rectangle((540, y - 8, 1500, y + 44), fill=200)
        draw.text((560, y), f"Line {n} of a certificate, Course Title {n}", fill=30, font=font)
        if panel:
            draw.text((40, y), f"Panel {n}", fill=20, font=font)
    return page


def _shaded(page: Image.Image, darkest: float, turn: int = 0) -> Image.Image:
    """The page in light falling linearly to ``darkest`` of its brightest, across ``turn``."""
    a = np.asarray(page, dtype=np.float32)
    h, w = a.shape
    ramp = np.linspace(1.0, darkest, w)[None, :] * np.ones((h, 1))
    if turn:
        ramp = np.linspace(1.0, darkest, h)[:, None] * np.ones((1, w))
    return Image.fromarray(np.clip(a * ramp, 0, 255).astype(np.uint8))


def _probe(image: Image.Image) -> Image.Image:
    probe = image.copy()
    probe.thumbnail((PROBE_SIDE, PROBE_SIDE))
    return probe


def _background_spread(image: Image.Image) -> float:
    """Darkest over brightest paper: the 90th percentile of each column band's levels."""
    a = np.asarray(image, dtype=np.float32)
    bands = [np.percentile(a[:, i : i + 100], 90) for i in range(560, a.shape[1] - 100, 100)]
    return float(min(bands) / max(bands))


@pytest.mark.parametrize("darkest", [0.55, 0.7])
@pytest.mark.parametrize("turn", [0, 90])
def test_light_falling_off_is_found_and_evened(darkest: float, turn: int) -> None:
    shaded = _shaded(_page(), darkest, turn)
    light = light_falloff(page_background(_probe(shaded)), EVEN)
    assert light is not None
    evened = even_out(shaded, light)
    if turn == 0:  # across the lines: every band of paper as bright again
        assert _background_spread(shaded) < 0.85
        assert _background_spread(evened) > 0.95
    plan = make_plan(_probe(shaded), shaded.width, OcrSettings(), shaded.height)
    assert plan.light is not None and not plan.flatten and plan.angle == 0


@pytest.mark.parametrize("design", ["plain", "highlight"])
def test_a_pages_own_design_is_not_light(design: str) -> None:
    page = _page(highlight=design == "highlight")
    assert light_falloff(page_background(_probe(page)), EVEN) is None
    plan = make_plan(_probe(page), page.width, OcrSettings(), page.height)
    assert plan.light is None and plan.nothing


@pytest.mark.parametrize("darkest", [None, 0.6])
def test_a_grey_panel_stays_grey_and_its_text_dark(darkest: float | None) -> None:
    """A third of the page in a grey panel, lit evenly or not: what is evened is the light —
    the paper as bright on both sides — while the panel stays grey and its text dark
    (dividing by the local background would whiten the panel)."""
    page = _page(panel=True)
    shot = _shaded(page, darkest) if darkest else page
    light = light_falloff(page_background(_probe(shot)), EVEN)
    if darkest:
        assert light is not None
    evened = np.asarray(even_out(shot, light) if light else shot, dtype=np.float32)
    panel, ink = np.median(evened[:, 300:460]), np.percentile(evened[:, 40:300], 1)
    left, right = np.median(evened[:, 500:540]), np.median(evened[:, 1520:1600])
    assert abs(left - right) < 0.05 * max(left, right)
    assert panel < 0.8 * min(left, right) and ink < 60


MAKERS = [content.coursera, content.stepik, content.openu, content.udemy, content.edx,
          content.skills_enbek]  # fmt: skip


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="Tesseract is not installed")
def test_photos_of_whole_pages_in_falling_light_are_read(tmp_path: Path, catalog: Catalog) -> None:
    """Twelve photos, six platforms' certificates in English, Russian and Kazakh, each page
    filling the frame in light falling to 55% across it: each is seen as uneven, and nearly
    every field is read right (without evening, most of them lose every field)."""
    extractor = Extractor(list(catalog.platforms.values()))
    right = total = 0
    misses = []
    for maker in MAKERS:
        for seed in (41, 42):
            rng = random.Random(seed)
            doc = maker(rng)
            doc.style.update(filled=0.45, orientation=1)
            item = write_item(tmp_path, f"{maker.__name__}-{seed}", "photo", doc, rng)
            source = ImageSource(path=item.path)
            width, height = source.size()
            plan = make_plan(source.gray(PROBE_SIDE), width, OcrSettings(), height)
            assert plan.light is not None or plan.flatten, item.path.name
            result = extractor.extract(item.path).to_json()
            for name in FIELD_NAMES:
                if item.truth[name] is None:
                    assert result[name] is None, (item.path.name, name, result[name])
                else:
                    total += 1
                    if same(name, result[name], item.truth[name]):
                        right += 1
                    else:
                        misses.append(f"{item.path.name} {name}: {result[name]!r}")
    assert right / total >= 0.95, f"{right}/{total}; missed: {misses}"


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="Tesseract is not installed")
def test_the_damage_bench_scores_damaged_copies_beside_the_undamaged(
    tmp_path: Path, catalog: Catalog
) -> None:
    """`tanu bench damage` on a corpus in the real corpus's form: each damage scored on copies
    made in a temporary folder and removed; the corpus itself untouched."""
    import json

    from rich.console import Console

    from flows.bench.damage_bench import run

    real = tmp_path / "real"
    real.mkdir()
    truth = {}
    for n, maker in enumerate((content.coursera, content.stepik)):
        rng = random.Random(60 + n)
        item = write_item(real, f"pic-{n}", "photo", maker(rng), rng)
        (real / f"pic-{n}.truth.json").unlink()
        fields = {k: v for k, v in item.truth.items() if k in FIELD_NAMES and v is not None}
        truth[item.path.name] = {"truth": {**fields, "form": "real-image"}}
    (real / "truth.json").write_text(json.dumps(truth, default=str), encoding="utf-8")
    before = sorted(p.name for p in real.iterdir())
    console = Console(record=True, width=120)
    figures = run(Extractor(list(catalog.platforms.values())), real, console, ["none", "shade"])
    assert [f.damage for f in figures] == ["none", "shade"]
    totals = {f.score.counts()[1] for f in figures}
    assert len(totals) == 1 and totals.pop() >= 10  # every printed field scored, each time
    assert figures[0].score.counts()[0] > 0  # and read
    assert sorted(p.name for p in real.iterdir()) == before
    assert "the real corpus's 2 pictures, damaged" in console.export_text()


def _certificate() -> Image.Image:
    page = Image.new("RGB", (2000, 1414), "white")
    draw = ImageDraw.Draw(page)
    draw.rectangle((40, 40, 1960, 1374), outline=(40, 40, 40), width=6)
    y = 420
    for text, size in [
        ("Caspian Digital Academy", 40),
        ("Certificate of Completion", 52),
        ("This is to certify that", 28),
        ("Dana Umbetova", 60),
        ("has successfully completed the course", 28),
        ("Computer Science for Web Programming", 44),
        ("Issued on: October 16, 2023", 26),
    ]:
        font = pil_font("dejavu-sans", "regular", size)
        left = (2000 - draw.textlength(text, font=font)) / 2
        draw.text((left, y), text, fill=(20, 20, 20), font=font)
        y += size + 40
    return page


def _texts(page: OcrPage) -> list[str]:
    return [" ".join(w.text for w in line.words) for line in page.layout.lines]


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="Tesseract is not installed")
def test_a_photo_its_preparation_left_unreadable_is_read_lightly(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A photo on a dark table in streaky light (the generated corpus's photos, one in about
    thirty): its dark bands inverted and its background flattened together, Tesseract reads
    nothing; read again only straightened, it reads every line. (The photo's sensor noise is
    drawn here from a seeded generator: Pillow's own draws from the C library's, whose state
    depends on what ran before in the process.)"""
    noise = np.random.default_rng(38)

    def seeded_noise(size: tuple[int, int], sigma: float) -> Image.Image:
        levels = noise.normal(128, sigma, (size[1], size[0])).clip(0, 255)
        return Image.fromarray(levels.astype(np.uint8), "L")

    monkeypatch.setattr(Image, "effect_noise", seeded_noise)
    settings = OcrSettings()
    photo, _ = as_photo(_certificate(), random.Random(38), orientation=1)
    source = ImageSource(image=photo)
    width, height = source.size()
    plan = make_plan(source.gray(PROBE_SIDE), width, settings, height)
    assert plan.bands and plan.flatten  # the class this test is about
    assert tesseract(apply_plan(source.gray(), plan), settings) == [], "no longer hidden"
    lines = _texts(ocr_source(source, settings))
    assert "Certificate of Completion" in lines and "Dana Umbetova" in lines, lines


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="Tesseract is not installed")
def test_only_a_page_read_into_nearly_nothing_is_read_again() -> None:
    settings = OcrSettings()
    page = _certificate().convert("L")
    source = ImageSource(image=page)
    flattened = Plan(bands=(), flatten=True, angle=0.0, scale=1.0)
    empty = OcrPage(PageLayout(0, page.width, page.height, []), page)
    again = _lightly_prepared(empty, source, flattened, settings, 0)
    assert "Dana Umbetova" in _texts(again)
    assert _lightly_prepared(again, source, flattened, settings, 0) is again  # read enough
    nothing = Plan(bands=(), flatten=False, angle=0.0, scale=1.0)
    assert _lightly_prepared(empty, source, nothing, settings, 0) is empty  # as prepared
