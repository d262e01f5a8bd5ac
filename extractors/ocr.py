"""Tesseract OCR, with preprocessing only where it pays.

A small grayscale probe of each image (JPEG's DCT scaling makes it nearly free) decides what the
image needs: bands of light text on dark backgrounds inverted (coloured banners, dark themes),
the background flattened (uneven light in photos), the page straightened (photos, scans), tiny
images upscaled, tall screenshots cut into tiles. An image that needs nothing goes to Tesseract as
the file it is; one that does is prepared once at full size and written uncompressed.

Each Tesseract process runs single-threaded (``OMP_THREAD_LIMIT=1``); parallelism comes from
running several at once across pages and files (see :mod:`extractors.pipeline`), which is several
times faster than Tesseract's own threads.
"""

from __future__ import annotations

import itertools
import os
import re
import statistics
import tempfile
import threading
import time
import unicodedata
from collections.abc import Callable, Sequence, Set
from dataclasses import dataclass, replace
from pathlib import Path
from xml.etree import ElementTree

import numpy as np
import pytesseract
from PIL import Image, ImageFilter, ImageOps

from extractors import engine
from extractors.clean import latin, unlike_latin
from extractors.layout import Line, PageLayout, Word, make_lines
from extractors.limits import DEFAULT_LIMITS

PROBE_SIDE = 500  # pixels: the probe's longer side
DIRECT_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp"}  # Tesseract reads these


@dataclass(frozen=True, slots=True)
class OcrSettings:
    languages: str = "eng+rus+kaz"
    # lines in Latin letters read a second time (names, IDs, addresses): by the Latin-script
    # network when it is installed (extractors.models), which writes Ş, Ğ, Ä, í …
    latin_languages: str = "eng"
    tessdata_dir: str = ""  # where ``languages`` are, when not Tesseract's own folder
    latin_tessdata: str = ""  # where ``latin_languages`` are
    psm: int = 3  # fully automatic page segmentation
    timeout_seconds: float = 180
    # Tesseract's library in the worker, its models loaded once per thread; off: the
    # ``tesseract`` command for each image (slower; a crash in Tesseract cannot end the worker)
    in_process: bool = DEFAULT_LIMITS.ocr_in_process
    budget: OcrBudget | None = None  # one file's OCR seconds, shared by its readings
    min_width: int = 1200  # only images narrower than this (tiny crops) are upscaled
    max_side: int = 3600  # pixels: larger images are reduced to this (A4 at 300 dpi is 3508)
    max_upscale: float = 2.5
    tile_height: int = 2400  # tall screenshots are cut into tiles this high …
    tile_overlap: int = 160  # … overlapping so that no line is cut in two
    dark_background: int = 110  # background darker than this: light text, inverted
    max_skew: float = 6.0  # degrees; photos and scans are straightened up to this …
    min_skew: float = 0.3  # … when tilted more than this
    uneven_light: float = 0.5  # background darkest/brightest below this: flattened …
    # … else, its light (a smooth surface fitted to the background) darkest/brightest below
    # this: evened out (a photo lit from one side, shade across a page)
    even_light: float = 0.85
    min_quality: float = 0.5  # a page read worse than this is checked for orientation
    # a prepared page read into fewer surely read letters than this is read again with only
    # its straightening and scale (its preparation hid the text)
    min_read_letters: int = 24
    min_text_height: float = 10  # pixels: words read smaller than this are read again …
    target_text_height: float = 24  # … enlarged to about this height
    max_text_height: float = 48  # pixels: words read poorly larger than this are read again reduced
    small_line_height: float = 14  # pixels: lines smaller than this are read again enlarged …
    max_reread_lines: int = 16  # … at most this many per page
    # a tall page's later tiles read in English alone when its first is all Latin; a line
    # with a word read less surely than this is read again in every language
    min_latin_conf: float = 0.4
    probe_height: int = 1200  # pixels: the first tile of a tall page, read in every language
    osd_side: int = 1600  # pixels: the image Tesseract's orientation check looks at
    min_osd_confidence: float = 2.0


class OcrBudget:
    """The seconds of OCR one file may still take (``ExtractSettings.max_ocr_seconds``): each
    reading is given at most what is left, and what it took is spent (pages read at once
    spend together)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._spent = 0.0
        self._lock = threading.Lock()

    def left(self) -> float:
        with self._lock:
            return self.seconds - self._spent

    def spend(self, seconds: float) -> None:
        with self._lock:
            self._spent += seconds


@dataclass(frozen=True, slots=True)
class Plan:
    """What one image needs before Tesseract, decided on its probe."""

    bands: tuple[tuple[float, float, float, float], ...]  # boxes to invert, as fractions
    flatten: bool
    angle: float
    scale: float
    light: Light | None = None  # a photo's light, falling off across the page: evened

    @property
    def nothing(self) -> bool:
        return (
            not self.bands
            and self.light is None
            and not self.flatten
            and self.angle == 0
            and self.scale == 1
        )


@dataclass(frozen=True, slots=True)
class Light:
    """The light on a page as a smooth surface, quadratic in the page's coordinates (0–1):
    ``c0 + c1·x + c2·y + c3·x² + c4·xy + c5·y²``, fitted to the page's background."""

    coefficients: tuple[float, float, float, float, float, float]

    def surface(self, width: int, height: int) -> np.ndarray:
        y, x = np.mgrid[0:height, 0:width].astype(np.float32)
        x /= max(1, width - 1)
        y /= max(1, height - 1)
        c0, c1, c2, c3, c4, c5 = self.coefficients
        return np.asarray(c0 + c1 * x + c2 * y + c3 * x * x + c4 * x * y + c5 * y * y)


class ImageSource:
    """An image to OCR: a file Tesseract can read as it is, or pixels already in memory."""

    def __init__(self, path: Path | None = None, image: Image.Image | None = None) -> None:
        if (path is None) == (image is None):
            raise ValueError("give a path or an image")
        self.path = path
        self._image = image

    def _open(self) -> Image.Image:
        if self._image is not None:
            return self._image
        assert self.path is not None
        return Image.open(self.path)

    @property
    def direct(self) -> bool:
        """Tesseract can read the file as it is: a known format, upright, one frame."""
        if self.path is None or self.path.suffix.lower() not in DIRECT_SUFFIXES:
            return False
        with Image.open(self.path) as img:
            upright = img.getexif().get(0x0112, 1) == 1
            return upright and getattr(img, "n_frames", 1) == 1

    def size(self) -> tuple[int, int]:
        img = self._open()
        return img.size

    def spill(self, folder: Path, name: str) -> None:
        """Pixels held in memory written to ``folder`` and let go: read again from there when
        asked (a second look, barcodes), so a file's pages do not all stay in memory."""
        if self._image is None:
            return
        self.path = _spill(self._image, folder, name)
        self._image = None

    def gray(self, max_side: int | None = None) -> Image.Image:
        """Grayscale pixels, upright, at most ``max_side`` on the longer side when given."""
        img = self._open()
        if img.format == "JPEG":  # decode straight to grayscale, and small when asked (DCT)
            img.draft("L", (max_side, max_side) if max_side is not None else img.size)
        img = ImageOps.exif_transpose(img)
        gray = ImageOps.grayscale(img) if img.mode != "L" else img
        if max_side is not None and max(gray.size) > max_side:
            gray = gray.copy()
            gray.thumbnail((max_side, max_side), Image.Resampling.BILINEAR)
        return gray


def make_plan(
    probe: Image.Image, full_width: int, settings: OcrSettings, full_height: int = 0
) -> Plan:
    bands = dark_bands(probe, settings.dark_background)
    work = _invert(probe, bands) if bands else probe
    background = page_background(work)
    lo, hi = np.percentile(np.asarray(background), [2, 98])
    flatten = lo < settings.uneven_light * hi  # the whole page: uneven light
    light = None if flatten else light_falloff(background, settings.even_light)
    if flatten:
        work = flatten_background(work)
    elif light is not None:  # less uneven: its light alone evened, the design kept
        work = even_out(work, light)
    angle = skew_angle(work, settings.max_skew) if settings.max_skew > 0 else 0.0
    if abs(angle) < settings.min_skew:
        angle = 0.0
    scale = 1.0
    if full_width < settings.min_width:
        scale = min(settings.max_upscale, settings.min_width / full_width)
    elif max(full_width, full_height) > settings.max_side:  # a 30-megapixel export
        scale = settings.max_side / max(full_width, full_height)
    return Plan(bands, flatten, angle, scale, light)


def sideways(probe: Image.Image, ratio: float = 2.0) -> bool:
    """Text running up or down the page (a page printed or scanned turned): lines of text
    alternate ink and gaps across rows; turned, across columns."""
    a = np.asarray(probe, dtype=np.float32)
    ink = (a < a.mean() - a.std()).astype(np.float32)
    rows, cols = ink.sum(axis=1), ink.sum(axis=0)
    if rows.mean() < 0.5:
        return False
    across_rows = float((np.diff(rows) ** 2).mean() / rows.mean() ** 2)
    across_cols = float((np.diff(cols) ** 2).mean() / cols.mean() ** 2)
    return across_cols > ratio * across_rows


def apply_plan(gray: Image.Image, plan: Plan) -> Image.Image:
    if plan.bands:
        gray = _invert(gray, plan.bands)
    if plan.light is not None:
        gray = even_out(gray, plan.light)
    if plan.flatten:
        gray = flatten_background(gray)
    if plan.angle:
        gray = gray.rotate(
            plan.angle, resample=Image.Resampling.BILINEAR, expand=True, fillcolor=255
        )
    if plan.scale != 1:
        gray = gray.resize(
            (round(gray.width * plan.scale), round(gray.height * plan.scale)),
            Image.Resampling.LANCZOS,
        )
    return gray


def prepare(image: Image.Image, settings: OcrSettings) -> Image.Image:
    """The whole preparation of an image in memory (probe, plan, apply)."""
    source = ImageSource(image=image)
    gray = source.gray()
    probe = source.gray(PROBE_SIDE)
    return apply_plan(gray, make_plan(probe, gray.width, settings))


def dark_bands(gray: Image.Image, threshold: int) -> tuple[tuple[float, float, float, float], ...]:
    """Bands of light text on a dark background, as fractions of the image: runs of rows that
    are dark across most of their width, tall enough for a line of text and with light text
    in them. Text, even large and bold, never darkens most of a row, so ordinary lines are not
    taken for a band; a printed border or the dark table around a photographed page has no
    light text, so it is not inverted either."""
    pixels = np.asarray(gray)
    if np.median(pixels) < threshold:
        return ((0.0, 0.0, 1.0, 1.0),)  # a dark theme: the whole page
    dark = pixels < threshold
    rows = dark.mean(axis=1) > 0.5
    if not rows.any():
        return ()
    h, w = dark.shape
    edges = np.flatnonzero(np.diff(np.concatenate(([0], rows.astype(np.int8), [0]))))
    boxes = []
    for top, bottom in zip(edges[::2], edges[1::2], strict=True):
        if bottom - top < max(4, h // 60):
            continue
        if (top == 0 or bottom == h) and bottom - top > 0.12 * h:
            continue  # the dark table around a photographed page (a web page's bar is thin)
        cols = np.flatnonzero(dark[top:bottom].any(axis=0))
        band = pixels[top:bottom, cols.min() : cols.max() + 1]
        if (band > np.median(band) + 60).mean() < 0.003:
            continue  # nothing light inside: not text on a dark background
        boxes.append((cols.min() / w, top / h, (cols.max() + 1) / w, bottom / h))
    return tuple((float(a), float(b), float(c), float(d)) for a, b, c, d in boxes)


def _invert(gray: Image.Image, bands: tuple[tuple[float, float, float, float], ...]) -> Image.Image:
    """Each band inverted and its background made white (flattened within the band only)."""
    out = gray.copy()
    w, h = gray.size
    for left, top, right, bottom in bands:
        box = (round(left * w), round(top * h), round(right * w), round(bottom * h))
        out.paste(flatten_background(ImageOps.invert(gray.crop(box))), box[:2])
    return out


def page_background(probe: Image.Image) -> Image.Image:
    """The paper's level around each point of a probe, at a quarter of its size (the
    brightest nearby, so that ink does not count)."""
    return probe.reduce(4).filter(ImageFilter.MaxFilter(3))


def light_falloff(background: Image.Image, even: float, margin: float = 8.0) -> Light | None:
    """The light of a photographed page when it falls off across the page (a lamp to one side,
    the phone's shadow) by more than ``even`` allows; None when it is even enough.

    Tesseract separates ink from paper with one threshold for the whole page, so paper in the
    shade reads as ink there. The light is smooth, and a page's own design is not: a surface
    of low order fitted to the page's brightest levels (its background, upper envelope: levels
    below the fit are ink, panels or highlights, left out of the next fit, closer each time,
    down to ``margin / 2``) follows the light, so evening it out keeps grey panels grey and
    their text dark — which dividing by the local background (:func:`flatten_background`)
    does not. A page's design may still bend the surface a little (a panel over a third of
    the page): evened, such a page only comes out a little lighter. ``background`` is the
    page's :func:`page_background`."""
    levels = np.asarray(background, dtype=np.float64)
    h, w = levels.shape
    if h < 8 or w < 8:
        return None
    y, x = np.mgrid[0:h, 0:w]
    u, v = (x / (w - 1)).ravel(), (y / (h - 1)).ravel()
    terms = np.stack([np.ones_like(u), u, v, u * u, u * v, v * v], axis=1)
    values = levels.ravel()
    keep = np.ones(values.shape, dtype=bool)
    coefficients = np.zeros(6)
    for allowed in (4 * margin, 2 * margin, margin, margin / 2, margin / 2):
        if keep.sum() < 12:
            return None
        coefficients = np.linalg.lstsq(terms[keep], values[keep], rcond=None)[0]
        keep = values >= terms @ coefficients - allowed  # closer to the upper envelope
    fitted = terms @ coefficients
    low, high = float(fitted.min()), float(fitted.max())
    if high <= 0 or low >= even * high:
        return None
    c = tuple(float(k) for k in coefficients)
    return Light((c[0], c[1], c[2], c[3], c[4], c[5]))


def even_out(gray: Image.Image, light: Light) -> Image.Image:
    """The page as under even light: each pixel divided by the light where it lies, the
    brightest light kept as it is. The surface is computed on an eighth-size grid and
    enlarged (it is smooth), so a full page costs an interpolation and a multiplication."""
    w, h = gray.size
    grid = light.surface(max(2, w // 8), max(2, h // 8))
    grid = np.maximum(grid, max(16.0, float(grid.max()) / 8))
    return _gained(gray, float(grid.max()) / grid)


def flatten_background(gray: Image.Image) -> Image.Image:
    """Divide by the local background (the brightest nearby level): uneven light in photos,
    grey banners and inverted dark themes all become dark text on white. The background is
    found on an eighth-size copy; at full size it costs an interpolation and a multiplication."""
    cell = 8 if min(gray.size) >= 128 else 1
    small = gray.reduce(cell) if cell > 1 else gray
    background = np.asarray(small.filter(ImageFilter.MaxFilter(5)), dtype=np.float32)
    return _gained(gray, 255.0 / np.maximum(background, 16.0))


def _gained(gray: Image.Image, gain: np.ndarray) -> Image.Image:
    """Each pixel multiplied by ``gain``, given on a smaller grid and enlarged to the page
    (it varies slowly), capped at white."""
    grid = Image.fromarray(gain.astype(np.float32), mode="F")
    out = np.asarray(gray, dtype=np.float32)
    out *= np.asarray(grid.resize(gray.size, Image.Resampling.BILINEAR))
    np.minimum(out, 255.0, out=out)
    return Image.fromarray(out.astype(np.uint8))


def skew_angle(gray: Image.Image, max_skew: float) -> float:
    """The rotation that makes text lines horizontal: the angle whose horizontal projection of
    ink has the sharpest peaks (largest variance), searched coarse then fine on a small copy."""
    small = gray.copy()
    small.thumbnail((500, 500))
    arr = np.asarray(small, dtype=np.float32)
    ink = Image.fromarray(((arr < arr.mean() - 2 * arr.std() / 3) * 255).astype(np.uint8))

    def score(angle: float) -> float:
        rotated = np.asarray(ink.rotate(angle, resample=Image.Resampling.NEAREST))
        return float(rotated.sum(axis=1, dtype=np.float64).var())

    coarse = max(np.arange(-max_skew, max_skew + 0.01, 1.0), key=score)
    near = np.arange(coarse - 0.8, coarse + 0.81, 0.2)
    fine = max(near[np.abs(near) <= max_skew + 1e-6], key=score)  # never past the limit
    return float(fine)


def tiles(
    image: Image.Image, settings: OcrSettings, first: int | None = None
) -> list[tuple[int, Image.Image]]:
    """Cut a tall image (a full-page screenshot) into overlapping tiles, each with its top
    (the first ``first`` pixels high, when given); others stay whole."""
    if image.height <= settings.tile_height * 1.25:
        return [(0, image)]
    out = []
    top, height = 0, first or settings.tile_height
    while True:
        out.append((top, image.crop((0, top, image.width, min(top + height, image.height)))))
        if top + height >= image.height:
            return out
        top, height = top + height - settings.tile_overlap, settings.tile_height


_BBOX = re.compile(r"bbox (-?\d+) (-?\d+) (-?\d+) (-?\d+)")
_XSIZE = re.compile(r"x_size ([\d.]+)")
_WCONF = re.compile(r"x_wconf (\d+)")
_XHTML = "{http://www.w3.org/1999/xhtml}"
_LINE_CLASSES = {"ocr_line", "ocr_caption", "ocr_header", "ocr_textfloat"}


class OcrPage:
    """What Tesseract read on one image: its words laid out, how well it read them, and the
    image those words' boxes refer to (for a second look at a region)."""

    def __init__(
        self,
        layout: PageLayout,
        image: Image.Image | Callable[[], Image.Image],
        turns: int = 0,
        scale: float = 1.0,
    ) -> None:
        self.layout = layout
        self._image = image
        self.turns = turns  # quarter turns counter-clockwise applied first (a sideways page)
        self.scale = scale  # pixels of the image read per pixel of the source image

    @property
    def image(self) -> Image.Image:
        if callable(self._image):
            self._image = self._image()
        return self._image

    @property
    def quality(self) -> float:
        return read_quality(self.layout)

    def with_layout(self, layout: PageLayout) -> OcrPage:
        return OcrPage(layout, self._image, self.turns, self.scale)

    def spill(self, folder: Path, name: str, source: ImageSource) -> None:
        """The image read written to ``folder`` and let go (read back only for a second look);
        when it is the source's own pixels, the source's spilled copy serves."""
        image = self._image
        if not isinstance(image, Image.Image):
            return  # not held: it is made again when needed
        if image is source._image:
            source.spill(folder, name)
            self._image = source.gray
            return
        file = _spill(image, folder, f"{name}-read")
        self._image = lambda: _load(file)


def _spill(image: Image.Image, folder: Path, name: str) -> Path:
    """Raw pixels (PGM or PPM: no compression to pay for) when the mode allows, else PNG."""
    folder.mkdir(parents=True, exist_ok=True)
    suffix = {"L": ".pgm", "RGB": ".ppm"}.get(image.mode, ".png")
    file = folder / f"{name}{suffix}"
    image.save(file, compress_level=1) if suffix == ".png" else image.save(file)
    return file


def _load(file: Path) -> Image.Image:
    img = Image.open(file)
    img.load()  # one frame: the file is closed once its pixels are in
    return img


def read_quality(layout: PageLayout) -> float:
    """The share of characters Tesseract read with confidence: low on sideways pages."""
    chars = [(len(w.text), w.conf) for line in layout.lines for w in line.words]
    total = sum(n for n, _ in chars)
    return sum(n for n, c in chars if c >= 0.6) / total if total else 0.0


def ocr_source(
    source: ImageSource,
    settings: OcrSettings,
    page: int = 0,
    straighten: bool = True,
) -> OcrPage:
    """One image read, in steps that each look at what the previous one read:
    1. read it: straight from its file when it needs nothing, else prepared (and, when the
       preparation left nothing to read, again only straightened and scaled);
    2. upright: a page read poorly is checked for orientation and read turned;
    3. enlarged: text read tiny (a full-screen capture) is read again larger;
    4. small lines (dates and addresses in a corner) are read again enlarged, one sheet;
    5. large lines read poorly (a name in 100-pixel letters) are read again reduced."""
    width, height = source.size()
    probe = source.gray(PROBE_SIDE)
    plan = make_plan(probe, width, settings, height)
    if not straighten:
        plan = replace(plan, angle=0.0)
    turns = 0
    if straighten and sideways(probe):  # turned: settle the orientation before reading
        prepared = apply_plan(source.gray(), replace(plan, angle=0.0))
        turns = orientation(prepared, settings)
        if turns:
            prepared = prepared.rotate(90 * turns, expand=True)
        result = OcrPage(
            _read_image(prepared, settings, page, probe=True), prepared, turns, plan.scale
        )
    elif plan.nothing and source.direct and height <= settings.tile_height * 1.25:
        assert source.path is not None
        lines = tesseract(source.path, settings, page)
        result = OcrPage(PageLayout(page, width, height, lines), source.gray)
    else:
        prepared = apply_plan(source.gray(), plan)
        result = OcrPage(
            _read_image(prepared, settings, page, probe=True), prepared, scale=plan.scale
        )
        result = _lightly_prepared(result, source, plan, settings, page)
    if not turns:  # read poorly, or turned after all: settle the orientation and read again
        result = _upright(result, settings, page)
    return _enlarged(result, settings, page)


def _sure_letters(layout: PageLayout) -> int:
    return sum(len(w.text) for line in layout.lines for w in line.words if w.conf >= 0.6)


def _lightly_prepared(
    result: OcrPage, source: ImageSource, plan: Plan, settings: OcrSettings, page: int
) -> OcrPage:
    """A page its preparation left nearly unreadable (inverted bands of a dark surface and a
    flattened background together can turn a photo's streaks of light into rules that
    Tesseract takes for a table, and read nothing): read again with only its straightening and
    scale, and the reading with more surely read letters kept."""
    if _sure_letters(result.layout) >= settings.min_read_letters or not (
        plan.bands or plan.flatten or plan.light is not None
    ):
        return result
    light = replace(plan, bands=(), flatten=False, light=None)
    prepared = apply_plan(source.gray(), light)
    again = OcrPage(_read_image(prepared, settings, page, probe=True), prepared, scale=plan.scale)
    return again if _sure_letters(again.layout) > _sure_letters(result.layout) else result


def accents(read: OcrPage, lines: Sequence[Line], settings: OcrSettings) -> OcrPage:
    """Names and titles read again for the letters the first reading's language lacks: in
    Latin letters by the Latin-script network (García for Garcia, Şahin for Sahin), in
    Cyrillic by Kazakh first (Құдайбергенов for Кудайбергенов, басқару for баскару). Word by
    word, a reading that differs only by such letters is taken; any other difference is left
    to the first reading."""
    kazakh = replace(settings, languages="kaz+rus", psm=6)
    latin_script = _latin_script(settings)
    groups: dict[int, tuple[OcrSettings, list[tuple[Line, tuple[int, int, int, int], float]]]]
    groups = {0: (latin_script, []), 1: (kazakh, [])}
    for line in dict.fromkeys(lines):
        letters = [c for c in line.text if c.isalpha()]
        if not letters:
            continue
        cyrillic = sum("\u0400" <= c <= "\u04ff" for c in letters) > len(letters) / 2
        if not cyrillic and settings.latin_languages == "eng":
            continue  # no Latin-script network installed: nothing to add
        groups[int(cyrillic)][1].append(_line_crop(line, read.image, settings))
    out = list(read.layout.lines)
    for config, crops in groups.values():
        if not crops:
            continue
        for old, new in read_crops(read.image, crops, config, read.layout.index):
            if old not in out or len(new.words) != len(old.words):
                continue  # words split otherwise: they cannot be compared one by one
            words = [_marked(o, n) for o, n in zip(old.words, new.words, strict=True)]
            if words != old.words:
                out[out.index(old)] = Line(words, old.page)
    layout = read.layout
    return read.with_layout(PageLayout(layout.index, layout.width, layout.height, out))


def _line_crop(
    line: Line, image: Image.Image, settings: OcrSettings, factor: float | None = None
) -> tuple[Line, tuple[int, int, int, int], float]:
    """A line's box with a margin, and its enlargement (by default, to the height Tesseract
    reads best): one crop of a sheet read again (:func:`read_crops`)."""
    h = _line_height(line)
    box = (
        max(0, round(line.x0 - 0.6 * h)),
        max(0, round(line.y0 - 0.35 * h)),
        min(image.width, round(line.x1 + 0.6 * h)),
        min(image.height, round(line.y1 + 0.35 * h)),
    )
    if factor is None:
        factor = min(3.0, max(0.3, settings.target_text_height * 1.4 / h))
    return line, box, factor


def _in_place_of(old: Line, new: Line) -> Line:
    """A line read again, measured as the first reading was (the page's measure of its size
    stays the same)."""
    return Line([replace(w, size=old.size, y0=old.y0, y1=old.y1) for w in new.words], old.page)


def _latin_script(settings: OcrSettings) -> OcrSettings:
    """The settings that read in Latin letters alone (the Latin-script network if installed)."""
    return replace(
        settings, languages=settings.latin_languages, tessdata_dir=settings.latin_tessdata, psm=6
    )


def _cyrillic_script(settings: OcrSettings) -> OcrSettings:
    """The settings that read in Cyrillic letters alone (the page's languages but English)."""
    languages = "+".join(x for x in settings.languages.split("+") if x != "eng")
    return replace(settings, languages=languages or settings.languages, psm=6)


def scripts(
    read: OcrPage,
    lines: Sequence[Line],
    settings: OcrSettings,
    names: Sequence[Line] = (),
    name: str = "",
) -> OcrPage:
    """Names and titles with Cyrillic words on a Latin page (a Latin name on an English
    certificate read as Cyrillic, "Temirlan" as "Тетігіап"), and on any page a name most of
    whose letters are Latin (a Latin account name on a Russian page, "Аідегіт Toleuova": a
    name is written in one script), read again in Latin letters alone; a word is taken when
    it comes back in Latin letters and read about as surely. ``name``, the name as read:
    its script decides, and only its words change on a Cyrillic page (a page header's
    "Қазақша Аптап Seiitkali" holds the interface's language beside an account's name).
    The converse too: a Cyrillic name with a word read in Latin letters ("Cepnk Жанибеков",
    its n and k no look-alikes of и and к) is read again in Cyrillic letters alone."""
    page_script = _script(" ".join(x.text for x in read.layout.lines), digits=True)
    # Latin words in Cyrillic text are common: a Cyrillic page's titles are left as read
    wanted = list(lines) if page_script == "latin" else []
    wanted += [x for x in names if _script(name or x.text) == "latin"]
    own = {latin(part).casefold() for part in name.split()}  # (look-alikes made Latin)
    others = {id(w) for x in names for w in x.words if latin(w.text).casefold() not in own}
    kept = others if name and page_script != "latin" else set()  # a Cyrillic page's words
    # beside the name, as read
    strays = _strays(wanted, "latin")
    read = _in_script(read, strays, _latin_script(settings), "latin", kept, names)
    if not name or _script(name) != "cyrillic":
        return read
    current = {id(x) for x in read.layout.lines}  # (a name line the pass above changed is
    # read already)
    strays = _strays([x for x in names if id(x) in current], "cyrillic", others)
    return _in_script(read, strays, _cyrillic_script(settings), "cyrillic", others, names)


def _strays(lines: Sequence[Line], script: str, skip: Set[int] = frozenset()) -> list[Line]:
    """The lines with a word (not in ``skip``) read in the other script."""
    return [
        line
        for line in dict.fromkeys(lines)
        if any(
            _word_script(w.text) not in (script, "either") for w in line.words if id(w) not in skip
        )
    ]


def _in_script(
    read: OcrPage,
    strays: Sequence[Line],
    config: OcrSettings,
    script: str,
    kept: set[int],
    names: Sequence[Line] = (),
) -> OcrPage:
    """``strays`` read again with ``config``: a word not of ``script`` (and not in ``kept``)
    is taken when it comes back in ``script`` and read about as surely. A name is written in
    one script: the words of a line of ``names`` change all or none ("Серик Жанибеков" read
    in Latin letters alone as "Cepnk KaHn6ekoB", the second word unsure, stays as read)."""
    if not strays:
        return read
    whole = {id(x) for x in names}
    crops = [_line_crop(line, read.image, config) for line in strays]
    out = list(read.layout.lines)
    for old, new in read_crops(read.image, crops, config, read.layout.index):
        if old not in out or len(new.words) != len(old.words):
            continue
        pairs = list(zip(old.words, new.words, strict=True))
        stray = [
            (o, n)
            for o, n in pairs
            if id(o) not in kept and _word_script(o.text) not in (script, "either")
        ]
        taken = {id(o) for o, n in stray if _script(n.text) == script and n.conf >= o.conf - 0.05}
        if id(old) in whole and any(id(o) not in taken for o, _ in stray):
            continue
        words = [replace(o, text=n.text, conf=n.conf) if id(o) in taken else o for o, n in pairs]
        if words != old.words:
            out[out.index(old)] = Line(words, old.page)
    layout = read.layout
    return read.with_layout(PageLayout(layout.index, layout.width, layout.height, out))


def _word_script(text: str) -> str:
    """A word's script, a single digit among three letters or more taken for the letter OCR
    made of it ("5уаПа" for "Syafiq" is a word, not a code)."""
    if sum(c.isdigit() for c in text) == 1 and sum(c.isalpha() for c in text) >= 3:
        return _script(re.sub(r"\d", "", text))
    return _script(text)


def unread_name_lines(layout: PageLayout) -> list[Line]:
    """Lines that may hold a learner's name no reading found: set large (half as tall again
    as the page's typical line), of two to six words, in Latin letters but for a word with
    Cyrillic ones ("Ahmad Nur 5уаПа bin Rahman"), to be read in Latin letters alone."""
    heights = sorted(x.y1 - x.y0 for x in layout.lines)
    if not heights:
        return []
    typical = heights[len(heights) // 2]
    return [
        x
        for x in layout.lines
        if x.y1 - x.y0 >= 1.5 * typical
        and 2 <= len(x.words) <= 6
        and _script(x.text, digits=True) == "latin"
        and any(_word_script(w.text) == "cyrillic" for w in x.words)
    ]


def _folded(text: str) -> str:
    """Letters without their diacritics, lower case (ı and ł folded too), Cyrillic letters
    that look Latin as Latin ("А:" and "A:" are one reading)."""
    return latin(_unmarked(text))


def _unmarked(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(c for c in plain if not unicodedata.combining(c)).casefold().strip()


def _marks(text: str) -> int:
    """Letters that carry a mark (é, ё, ә …)."""
    return sum(1 for c in text if c.isalpha() and _unmarked(c) != c.casefold())


def _marked(old: Word, new: Word) -> Word:
    """The second reading of a word when it differs only by letters with marks and adds or
    mends them (never drops one); else the first. The Latin-script network writes a
    capital Ş as "$"."""
    text = new.text
    if text.startswith("$") and old.text[:1] == "S":
        text = "Ş" + text[1:]
    if text == old.text or _folded(text) != _folded(old.text) or _marks(text) < _marks(old.text):
        return old
    if _script_turned(old.text, text):  # "курс" read by the Latin network as "kypc": no mark
        return old
    return replace(old, text=text)


_FOLD = str.maketrans(
    {
        "ı": "i", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ø": "o", "Ø": "O",
        # Kazakh letters a Russian reading turns into their neighbours (і it drops)
        "қ": "к", "Қ": "К", "ғ": "г", "Ғ": "Г", "ң": "н", "Ң": "Н", "ә": "а", "Ә": "А",
        "ө": "о", "Ө": "О", "ұ": "у", "Ұ": "У", "ү": "у", "Ү": "У", "һ": "х", "Һ": "Х",
        "і": "", "І": "", "э": "а", "Э": "А", "ё": "е", "Ё": "Е",
    }
)  # fmt: skip


def look_again(
    read: OcrPage,
    lines: Sequence[Line],
    regions: Sequence[tuple[tuple[float, float, float, float], float]],
    settings: OcrSettings,
) -> OcrPage:
    """A second look at what the fields need: ``lines`` read again at the height Tesseract
    reads best (small print enlarged, large letters reduced, lines in Latin letters in
    English alone), all on one sheet; ``regions`` (where a label promises a value nothing
    was read for) read on their own. What is read more surely replaces the first reading."""
    page = read.layout.index
    targets = []
    for line in dict.fromkeys(lines):
        h = _line_height(line)
        if h < settings.small_line_height:
            factor = min(3.0, max(1.5, settings.target_text_height / h))
        elif h > settings.max_text_height:
            factor = max(0.15, 1.6 * settings.target_text_height / h)
        else:
            factor = 1.5
        targets.append((line, factor))
    layout = read.layout
    if targets:
        layout = _reread_lines(
            read.image, layout, targets[: settings.max_reread_lines], settings, page
        )
    found: list[Line] = []
    for box, size in regions:
        found += read_region(read.image, box, size, settings, page)
    if found:
        layout = merge_lines(layout, found)
    return read.with_layout(layout)


_PROMISES_MORE = ("/", ":", "-", "#", "№")


def with_unread_tail(line: Line, image: Image.Image) -> Line:
    """Small print that ends where its value should follow (``…/verify/``, ``ID:``, a
    hyphen) and whose ink runs on past the last word read (an underlined link's ID that
    Tesseract dropped): the line with its last word's box widened over that ink, as far as
    a gap of two letters' height, so that a second look reads it whole. Only a line that
    promises more (a seal or a signature beside a whole address is not its continuation),
    and only to the right (what runs on to the left is as often a panel's edge)."""
    if not line.text.rstrip().endswith(_PROMISES_MORE):
        return line
    h = max(1.0, line.y1 - line.y0)
    top, bottom = max(0, round(line.y0)), min(image.height, round(line.y1))
    start = min(image.width - 1, round(line.x1))
    if bottom - top < 2 or start < 0:
        return line
    band = np.asarray(image.crop((start, top, image.width, bottom)).convert("L")) < 150
    inked = [bool(v) for v in np.any(band, axis=0)]
    reach, last = max(2, round(2 * h)), 0
    for x, ink in enumerate(inked):
        if x - last > reach:
            break
        if ink:
            last = x
    if last <= h:
        return line
    words = list(line.words)
    words[-1] = replace(words[-1], x1=max(words[-1].x1, start + last))
    return Line(words, line.page)


def small_lines(layout: PageLayout, settings: OcrSettings, scale: float = 1.0) -> list[Line]:
    """Lines in letters too small to read surely (``scale`` times the usual limit)."""
    limit = settings.small_line_height * scale
    return [line for line in layout.lines if _line_height(line) < limit]


def large_poor_lines(layout: PageLayout, settings: OcrSettings) -> list[Line]:
    """Lines holding words set much larger than Tesseract reads well (a name in 100-pixel
    letters on a guilloche) and read poorly."""
    poor = {id(w) for w in _large_and_unread(layout, settings)}
    return [line for line in layout.lines if any(id(w) in poor for w in line.words)]


def _stacked(layout: PageLayout) -> bool:
    """Text read turned: words stacked into lines far taller than wide."""
    letters = [(len(x.text), (x.y1 - x.y0) > 2 * (x.x1 - x.x0)) for x in layout.lines]
    total = sum(n for n, _ in letters)
    return total > 0 and sum(n for n, tall in letters if tall) > 0.4 * total


def _upright(result: OcrPage, settings: OcrSettings, page: int) -> OcrPage:
    if result.quality >= settings.min_quality and not _stacked(result.layout):
        return result
    turns = orientation(result.image, settings)
    if not turns:
        return result
    turned = result.image.rotate(90 * turns, expand=True)
    again = OcrPage(_read_image(turned, settings, page), turned, turns, result.scale)
    if _stacked(result.layout) and not _stacked(again.layout):
        return again if again.quality >= result.quality - 0.2 else result
    return again if again.quality > result.quality else result


def _enlarged(result: OcrPage, settings: OcrSettings, page: int) -> OcrPage:
    small = text_height(result.layout)
    if small is None or small >= settings.min_text_height:
        return result
    factor = min(settings.max_upscale, settings.target_text_height / small)
    if factor < 1.3:
        return result
    base = result.image
    bigger = base.resize(
        (round(base.width * factor), round(base.height * factor)), Image.Resampling.LANCZOS
    )
    again = OcrPage(
        _read_image(bigger, settings, page), bigger, result.turns, result.scale * factor
    )
    return again if again.quality >= result.quality - 0.05 else result


def _large_and_unread(layout: PageLayout, settings: OcrSettings) -> list[Word]:
    """Words set much larger than Tesseract reads well (a name in 100-pixel letters on a
    guilloche) and read poorly."""
    return [
        w
        for line in layout.lines
        for w in line.words
        if w.conf < 0.6 and (w.y1 - w.y0) > settings.max_text_height
    ]


def _line_height(line: Line) -> float:
    heights = sorted(w.y1 - w.y0 for w in line.words)
    return heights[len(heights) // 2]


def _reread_lines(
    image: Image.Image,
    layout: PageLayout,
    targets: Sequence[tuple[Line, float]],
    settings: OcrSettings,
    page: int,
) -> PageLayout:
    """Lines cut out, scaled by their factors and read again, all in one sheet (one sheet
    for lines in Latin letters, read in English alone — addresses, IDs —, one for the
    others); a line read more surely replaces its first reading."""
    crops: list[tuple[Line, tuple[int, int, int, int], float]] = []
    for line, factor in targets:
        # small print is cut out with the ink it runs on into (what the first reading dropped)
        small = _line_height(line) < 1.4 * settings.small_line_height
        wide = with_unread_tail(line, image) if small else line
        _, box, factor = _line_crop(wide, image, settings, factor)
        crops.append((line, box, factor))
    lines = list(layout.lines)
    page_script = _script(" ".join(x.text for x in layout.lines), digits=True)
    for group, config in (
        ([c for c in crops if _latin(c[0])], replace(settings, languages="eng", tessdata_dir="")),
        ([c for c in crops if not _latin(c[0])], settings),
    ):
        if group:
            for old, new in read_crops(image, group, config, page):
                if old in lines:
                    lines[lines.index(old)] = merge_readings(
                        old, _in_place_of(old, new), page_script
                    )
    return PageLayout(page, layout.width, layout.height, lines)


def merge_readings(old: Line, new: Line, page_script: str = "either") -> Line:
    """Two readings of one line, word by word: where words of both readings cover the same
    place, the reading Tesseract was surer of there; a word only one reading has is kept.
    (A line read again in other languages may turn one Latin word Cyrillic: that word's
    first reading stays when it was surer.)"""
    groups: list[tuple[list[Word], list[Word]]] = []
    for word in old.words:
        near = [n for n in new.words if min(word.x1, n.x1) - max(word.x0, n.x0) > 0]
        joined = next((g for g in groups if any(n in g[1] for n in near)), None)
        if joined is None:
            groups.append(([word], near))
        else:
            joined[0].append(word)
            joined[1].extend(n for n in near if n not in joined[1])
    placed = {id(n) for _, ns in groups for n in ns}
    words = [n for n in new.words if id(n) not in placed]
    for olds, news in groups:
        words += news if news and _better(olds, news, page_script) else olds
    return Line(sorted(words, key=lambda w: w.x0), old.page)


def _better(olds: Sequence[Word], news: Sequence[Word], page_script: str = "either") -> bool:
    """The second reading of a place, read at a better measure, is taken unless Tesseract is
    clearly less sure of it or it lost a letter or an accent; one that changes the script
    away from the page's (a Latin word read as Cyrillic on a Latin page) only when far
    surer."""
    gain = statistics.fmean(n.conf for n in news) - statistics.fmean(o.conf for o in olds)
    before, after = "".join(o.text for o in olds), "".join(n.text for n in news)
    if _letters(after) < _letters(before) or _marks(after) < _marks(before):
        return False  # a letter or an accent lost
    if "№" in before and "№" not in after:
        return False  # the sign of a number ("Рег. №" read again as "Рег. Х>")
    if _script_turned(before, after):
        # Latin words stand in Cyrillic text (Power BI, Excel) but Cyrillic words rarely in
        # Latin text: only on a Latin page is a turn to the page's script likely a mend
        return gain >= -0.05 if _script(after) == page_script == "latin" else gain > 0.1
    return gain >= -0.05


def _script_turned(before: str, after: str) -> bool:
    """Whether a second reading turned a word, or a half of a hyphenated word (the "Python"
    of "Python-разработка"), to the other script."""
    olds, news = before.split("-"), after.split("-")
    pairs = zip(olds, news, strict=True) if len(olds) == len(news) else [(before, after)]
    return any(
        "either" not in (_script(a), _script(b)) and _script(a) != _script(b) for a, b in pairs
    )


def _letters(text: str) -> int:
    return sum(c.isalnum() for c in text)


def _script(text: str, digits: bool = False) -> str:
    """Latin or Cyrillic, by most letters; "either" for a code with digits (an ID's letters
    are Latin whatever OCR made of them) unless ``digits`` (a whole page)."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 2 or (not digits and any(c.isdigit() for c in text)):
        return "either"
    cyrillic = sum("\u0400" <= c <= "\u04ff" for c in letters)
    return "cyrillic" if cyrillic * 2 > len(letters) else "latin"


_ADDRESSISH = re.compile(r"\S*[/:.]\S*[/.]\S{3,}")


def _latin(line: Line) -> bool:
    """A line in Latin letters, or one that looks like an address whatever OCR made of its
    letters ("Нарм/сошезега:огв/уегИу" is https://coursera.org/verify): read in English."""
    letters = [c for c in line.text if c.isalpha()]
    if _ADDRESSISH.search(line.text):
        return True
    return bool(letters) and sum(c.isascii() for c in letters) >= 0.7 * len(letters)


def read_crops(
    image: Image.Image,
    crops: list[tuple[Line, tuple[int, int, int, int], float]],
    settings: OcrSettings,
    page: int,
) -> list[tuple[Line, Line]]:
    """Each crop enlarged, all on one sheet, read at once; for each crop, the line read
    nearest its middle, in the page's coordinates."""
    parts = [
        image.crop(box).resize(
            (round((box[2] - box[0]) * f), round((box[3] - box[1]) * f)), Image.Resampling.LANCZOS
        )
        for _, box, f in crops
    ]
    out = []
    for n, line in read_sheet(parts, settings, page).items():
        old, box, f = crops[n]
        words = [
            replace(
                w,
                x0=w.x0 / f + box[0],
                x1=w.x1 / f + box[0],
                y0=w.y0 / f + box[1],
                y1=w.y1 / f + box[1],
                size=w.size / f,
            )
            for w in line.words
        ]
        out.append((old, Line(words, page)))
    return out


def read_sheet(parts: Sequence[Image.Image], settings: OcrSettings, page: int) -> dict[int, Line]:
    """Small images pasted one under another on one sheet and read at once (one reading
    instead of one per image); for each image, the line read nearest its middle, in that
    image's own coordinates."""
    gap = max(p.height for p in parts)
    width = max(p.width for p in parts) + 20
    sheet = Image.new("L", (width, sum(p.height + gap for p in parts)), 255)
    tops = []
    y = gap // 2
    for part in parts:
        sheet.paste(part, (10, y))
        tops.append(y)
        y += part.height + gap
    best: dict[int, tuple[float, Line]] = {}  # part → (distance from its middle, line)
    for line in _read_image(sheet, settings, page).lines:
        cy = (line.y0 + line.y1) / 2
        for n, (top, part) in enumerate(zip(tops, parts, strict=True)):
            if top <= cy <= top + part.height:
                off = abs(cy - (top + part.height / 2))
                if n not in best or off < best[n][0]:
                    best[n] = (off, line)
                break
    return {
        n: Line(
            [_shift(replace(w, x0=w.x0 - 10, x1=w.x1 - 10), -tops[n]) for w in line.words], page
        )
        for n, (_, line) in sorted(best.items())
    }


def read_region(
    image: Image.Image,
    box: tuple[float, float, float, float],
    size: float,
    settings: OcrSettings,
    page: int = 0,
) -> list[Line]:
    """A region read again on its own: contrast stretched (a highlighter, a tinted band),
    scaled so that text of about ``size`` pixels is read at the height Tesseract reads best;
    its lines in the image's coordinates."""
    x0, y0, x1, y1 = (round(v) for v in box)
    if x1 - x0 < 4 or y1 - y0 < 4:
        return []
    crop = ImageOps.autocontrast(image.crop((x0, y0, x1, y1)).convert("L"), cutoff=1)
    factor = min(3.0, max(0.3, 1.4 * settings.target_text_height / max(size, 1.0)))
    crop = crop.resize(
        (max(1, round(crop.width * factor)), max(1, round(crop.height * factor))),
        Image.Resampling.LANCZOS,
    )
    out = []
    for line in _read_image(crop, replace(settings, psm=6), page).lines:
        words = [
            replace(
                w,
                x0=w.x0 / factor + x0,
                x1=w.x1 / factor + x0,
                y0=w.y0 / factor + y0,
                y1=w.y1 / factor + y0,
                size=w.size / factor,
            )
            for w in line.words
        ]
        out.append(Line(words, page))
    return out


def unread_ink(
    image: Image.Image, layout: PageLayout, most: int = 3
) -> list[tuple[tuple[float, float, float, float], float]]:
    """Bands of ink between the lines read, as tall as a line of text, that no line covers,
    each with the height of its ink: a line Tesseract's page analysis dropped (small print
    under a large heading, or blurred at the foot of the page). Looked for only from the
    leftmost word read to the rightmost or the page's margin, so that a frame does not count;
    a solid rule is not text. When there are more than ``most``, the ones in the most pieces
    across are kept (in the page's order): a line of characters is many pieces of ink, a
    signature, a seal's rim or a drawing few."""
    lines = [x for x in layout.lines if x.text.strip()]
    if len(lines) < 3:
        return []
    heights = sorted(x.y1 - x.y0 for x in lines)
    body = heights[len(heights) // 2]
    left, right = min(x.x0 for x in lines), max(x.x1 for x in lines)
    scale = min(1.0, 1200 / max(image.width, image.height))
    small = image.convert("L").resize(
        (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    )
    dark = np.asarray(small) < 176  # small print, blurred, is grey rather than black
    # what was read is not looked for again; what was read as garbage was not read (a logo's
    # line that swallowed the small print beside it: "Udemy … oan")
    for x in (x for x in lines if x.conf >= 0.5):
        dark[
            max(0, int(x.y0 * scale) - 2) : int(x.y1 * scale) + 3,
            max(0, int(x.x0 * scale) - 2) : int(x.x1 * scale) + 3,
        ] = False
    dark[:, : int(left * scale)] = False
    # to the right, as far as the page's margin: a date at the far end of the foot
    dark[:, int(max(right, 0.96 * image.width) * scale) + 1 :] = False
    _clear_tall_strokes(dark, round(3 * body * scale))
    rows = dark.sum(axis=1) >= max(3, 0.01 * dark.shape[1])
    bands: list[tuple[int, tuple[float, float, float, float], float]] = []  # (pieces, box, h)
    y = 0
    while y < len(rows):
        if not rows[y]:
            y += 1
            continue
        end = y
        while end < len(rows) and rows[end]:
            end += 1
        tall = (end - y) / scale
        if max(5.0, 0.25 * body) <= tall <= 3 * body:  # small print, a third of the body
            inked = dark[y:end].any(axis=0)
            cols = np.nonzero(inked)[0]
            solid = len(cols) and dark[y:end, cols[0] : cols[-1] + 1].mean() > 0.6  # a rule
            if len(cols) and not solid and (cols[-1] - cols[0]) / scale >= 2 * body:
                pad = 0.4 * body
                box = (
                    max(0.0, cols[0] / scale - pad),
                    max(0.0, y / scale - pad),
                    min(float(image.width), cols[-1] / scale + pad),
                    min(float(image.height), end / scale + pad),
                )
                pieces = int((np.diff(inked.astype(np.int8), prepend=0) == 1).sum())
                bands.append((pieces, box, tall))
        y = end
    kept = sorted(sorted(bands, key=lambda b: -b[0])[:most], key=lambda b: b[1][1])
    return [(box, tall) for _, box, tall in kept]


def _clear_tall_strokes(dark: np.ndarray, longest: int) -> None:
    """Ink running down a column further than ``longest`` (a rule, a frame, the edge of a
    drawing) taken out, so that a line of small print beside it is a band of its own."""
    edges = np.diff(np.pad(dark, ((1, 1), (0, 0))).astype(np.int8), axis=0).T
    cols, tops = np.nonzero(edges == 1)
    _, bottoms = np.nonzero(edges == -1)  # the same runs, in the same order (column, row)
    for col, top, bottom in zip(cols, tops, bottoms, strict=True):
        if bottom - top > longest:
            dark[top:bottom, col] = False


def merge_lines(layout: PageLayout, found: Sequence[Line]) -> PageLayout:
    """A page's lines with lines read again: a new line replaces the lines it covers when it
    is read more surely, and is added where nothing was read. Of a line read poorly on the
    whole (an address beside another one blurred past reading), only the words read surely
    are taken, when they stand at one end of it: words read surely between words read poorly
    on both sides are a garbled line's (a name in a script face: "Olbanoba Mapua He
    lempobna"), not a value of their own."""
    lines = list(layout.lines)
    for new in found:
        if new.conf < 0.5:  # read poorly as a whole: its words read surely may stand alone
            at = [i for i, w in enumerate(new.words) if _sure_alone(w)]
            if not at or (at[0] > 0 and at[-1] < len(new.words) - 1):
                continue
            new = Line([new.words[i] for i in at], new.page)
        covered = [
            old for old in lines if _overlap_share(old, new) > 0.5 or _overlap_share(new, old) > 0.5
        ]
        if not covered:
            lines.append(new)
        elif new.conf > max(old.conf for old in covered) + 0.03 or (
            len(covered) > 1 and new.conf >= min(old.conf for old in covered) - 0.02
        ):  # surer, or one line where the first reading broke it in pieces
            lines = [old for old in lines if old not in covered] + [new]
    lines.sort(key=lambda line: (line.y0, line.x0))
    return PageLayout(layout.index, layout.width, layout.height, lines)


def _sure_alone(word: Word) -> bool:
    """A word of a line read poorly that may stand without the rest: an address's or a
    number's (its form is checked later) read fairly surely, a word of letters only surely
    (nothing checks a name's letters)."""
    return word.conf >= 0.75 or (word.conf >= 0.6 and bool(re.search(r"[\d/.]", word.text)))


def _overlap_share(a: Line, b: Line) -> float:
    """The share of ``a``'s box that ``b``'s box covers."""
    dx = min(a.x1, b.x1) - max(a.x0, b.x0)
    dy = min(a.y1, b.y1) - max(a.y0, b.y0)
    area = max(1e-6, (a.x1 - a.x0) * (a.y1 - a.y0))
    return dx * dy / area if dx > 0 and dy > 0 else 0.0


def text_height(layout: PageLayout) -> float | None:
    """The typical height of the words read (pixels), from their boxes."""
    heights = sorted(
        w.y1 - w.y0
        for line in layout.lines
        for w in line.words
        if sum(c.isalnum() for c in w.text) >= 2
    )
    if len(heights) < 5:
        return None
    return heights[len(heights) // 2]


def orientation(image: Image.Image, settings: OcrSettings) -> int:
    """Quarter turns counter-clockwise that put the text upright, by Tesseract's OSD."""
    small = image.copy()
    small.thumbnail((settings.osd_side, settings.osd_side))
    try:
        osd = pytesseract.image_to_osd(
            small,
            config="--psm 0",
            timeout=_time_left(settings),
            output_type=pytesseract.Output.DICT,
        )
    except (pytesseract.TesseractError, RuntimeError):
        return 0  # too little text to tell
    if float(osd.get("orientation_conf", 0)) < settings.min_osd_confidence:
        return 0
    return (-int(osd.get("rotate", 0)) // 90) % 4


def _read_image(
    image: Image.Image, settings: OcrSettings, page: int, probe: bool = False
) -> PageLayout:
    """A prepared image read in tiles; a word in the overlap of two tiles is kept once, from
    the tile in which it lies further from the cut. With ``probe``, a tall image is read from
    a short first tile in every language; when that holds Latin letters alone, the next tiles
    are read in English alone (the other languages' networks cost as much again on every line
    read less than surely). A tile in which English doubts more than one line (Cyrillic text
    lower on an English page) is read again in every language, and so are the tiles after
    it; a single doubtful line is read again on its own (:func:`_latin_tiles_checked`)."""
    parts = tiles(image, settings, settings.probe_height if probe else None)
    lines: list[Line] = []
    config = settings
    doubtful: list[Line] = []
    for n, (top, tile) in enumerate(parts):
        upper = top + settings.tile_overlap / 2 if n > 0 else -1.0
        lower = parts[n + 1][0] + settings.tile_overlap / 2 if n + 1 < len(parts) else float("inf")
        found = _tile_lines(tile, top, upper, lower, config, page)
        if config is not settings:
            doubts = [x for x in found if min(w.conf for w in x.words) < settings.min_latin_conf]
            if len(doubts) > 1:
                config = settings
                found = _tile_lines(tile, top, upper, lower, config, page)
            else:
                doubtful += doubts
        lines += found
        if probe and n == 0 and len(parts) > 1 and _latin_only(lines, settings):
            config = replace(settings, languages="eng", tessdata_dir="")
    layout = PageLayout(page, image.width, image.height, lines)
    return _latin_tiles_checked(image, layout, doubtful, settings)


def _tile_lines(
    tile: Image.Image, top: int, upper: float, lower: float, settings: OcrSettings, page: int
) -> list[Line]:
    """A tile's lines in the image's coordinates, the words between ``upper`` and ``lower``."""
    out = []
    for line in tesseract(tile, settings, page):
        words = [_shift(w, top) for w in line.words]
        words = [w for w in words if upper <= w.cy < lower]
        if words:
            out.append(Line(words, page))
    return out


def _latin_only(lines: Sequence[Line], settings: OcrSettings, least: int = 40) -> bool:
    """Enough letters read, next to none of them Cyrillic letters unlike any Latin one (a
    small "min" read "тіп" does not count), on a page read in more than English."""
    text = " ".join(line.text for line in lines)
    letters = sum(c.isalpha() for c in text)
    return (
        settings.languages != "eng"
        and "eng" in settings.languages.split("+")
        and letters >= least
        and unlike_latin(text) <= 0.01 * letters
    )


def _latin_tiles_checked(
    image: Image.Image, layout: PageLayout, doubtful: Sequence[Line], settings: OcrSettings
) -> PageLayout:
    """Lines read in English alone with a word read poorly read again in every language, on
    one sheet; the new reading replaces the line when Tesseract is about as sure of it."""
    if not doubtful:
        return layout
    crops = [_line_crop(line, image, settings) for line in doubtful]
    lines = list(layout.lines)
    for old, new in read_crops(image, crops, settings, layout.index):
        mean = statistics.fmean(w.conf for w in new.words)
        if old in lines and mean >= statistics.fmean(w.conf for w in old.words):
            lines[lines.index(old)] = _in_place_of(old, new)  # what every language reads there
    return PageLayout(layout.index, layout.width, layout.height, lines)


def _shift(word: Word, dy: float) -> Word:
    return replace(word, y0=word.y0 + dy, y1=word.y1 + dy) if dy else word


def tesseract(image: Image.Image | Path, settings: OcrSettings, page: int = 0) -> list[Line]:
    """OCR one image (a file as it is, or pixels) into lines of words with their boxes, sizes
    and confidences: by Tesseract's library in this process (:mod:`extractors.engine`), or by
    the ``tesseract`` command when ``settings.in_process`` is off or the library is missing.
    A reading gets at most ``timeout_seconds`` and what is left of the file's budget."""
    limit = _time_left(settings)
    started = time.monotonic()
    try:
        return parse_hocr(_hocr(image, settings, limit), page)
    finally:
        if settings.budget is not None:
            settings.budget.spend(time.monotonic() - started)


def _time_left(settings: OcrSettings) -> float:
    """The most one reading may take: its timeout, or what is left of the file's budget."""
    if settings.budget is None:
        return settings.timeout_seconds
    left = settings.budget.left()
    if left <= 0:
        raise engine.OcrTimeout(f"the file's {settings.budget.seconds:g} s of OCR are spent")
    return min(settings.timeout_seconds, left)


def _hocr(image: Image.Image | Path, settings: OcrSettings, limit: float) -> bytes:
    if settings.in_process and engine.available():
        return engine.read_hocr(
            image, settings.languages, settings.psm, limit, settings.tessdata_dir
        )
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    config = f"--psm {settings.psm}"
    if settings.tessdata_dir:
        config += f' --tessdata-dir "{settings.tessdata_dir}"'
    with tempfile.TemporaryDirectory(prefix="tanu-ocr-") as scratch:
        if not isinstance(image, Path):  # as a BMP, which the library is handed too (96 dpi)
            image.save(Path(scratch) / "image.bmp")
            image = Path(scratch) / "image.bmp"
        try:
            data: bytes = pytesseract.image_to_pdf_or_hocr(
                str(image),
                lang=settings.languages,
                extension="hocr",
                config=config,
                timeout=limit,
            )
        except RuntimeError as exc:
            if "timeout" in str(exc).lower():
                raise engine.OcrTimeout(f"reading an image took more than {limit:g} s") from exc
            raise
    return data


_ASCENDING = set("bdfhklt0123456789ijбйё!?%&#@()[]{}/\\|")  # reach above the x-height
_DESCENDING = set("gjpqyдруфцщ,;()[]{}|")  # reach below the baseline


def em_size(text: str, height: float) -> float | None:
    """A word's font size from its box height and the shapes of its letters: a box holds
    ascenders and descenders (0.93 em), ascenders or capitals only (0.72), descenders only
    (0.71) or only the x-height (0.5)."""
    letters = [c for c in text if c.isalnum()]
    if not letters or height <= 0:
        return None
    up = any(c.isupper() or c in _ASCENDING for c in letters)
    down = any(c in _DESCENDING for c in text)
    factor = 0.93 if up and down else 0.72 if up else 0.71 if down else 0.5
    return height / factor


def _weighted_median(values: list[tuple[float, int]]) -> float:
    """The median of values, each counted ``weight`` times (a word's size, by its letters)."""
    values = sorted(values)
    half = sum(n for _, n in values) / 2
    acc = 0
    for value, weight in values:
        acc += weight
        if acc >= half:
            return value
    return values[-1][0]


def parse_hocr(data: bytes, page: int = 0) -> list[Line]:
    """Tesseract's lines, each cut where a gap is wider than its columns allow (and where it
    joined two columns, :func:`_columns`). A word's size is measured from its own box
    (Tesseract's line size estimate is too rough to tell a title from the line under it)."""
    root = ElementTree.fromstring(data)
    out: list[Line] = []
    for span in root.iter(f"{_XHTML}span"):
        if span.get("class") not in _LINE_CLASSES:
            continue
        title = span.get("title", "")
        size_m = _XSIZE.search(title)
        raw: list[tuple[str, tuple[float, float, float, float], float]] = []
        for child in span:
            if child.get("class") != "ocrx_word":
                continue
            text = "".join(child.itertext()).strip()
            box = _BBOX.search(child.get("title", ""))
            conf = _WCONF.search(child.get("title", ""))
            if not text or box is None:
                continue
            x0, y0, x1, y1 = (float(v) for v in box.groups())
            raw.append((text, (x0, y0, x1, y1), float(conf.group(1)) / 100 if conf else 0.5))
        if not raw:
            continue
        fallback = float(size_m.group(1)) if size_m else None
        parts = _columns(raw)
        sizes = [_part_size(part, fallback) for part in parts]
        if max(sizes) < 1.5 * min(sizes):  # columns of one size: the line's one size
            sizes = [_part_size([w for part in parts for w in part], fallback)] * len(parts)
        column: dict[int, int] = {}  # a word's column within the line
        words: list[Word] = []
        for n, (part, size) in enumerate(zip(parts, sizes, strict=True)):
            for t, b, c in part:
                words.append(Word(t, *b, size, c))
                column[id(words[-1])] = n
        # the rows are found among all the line's words (a word whose box an icon swelled
        # joins its row through its neighbours), then cut where the columns meet
        for line in make_lines(words, page):
            cut = [0] + [
                i
                for i in range(1, len(line.words))
                if column[id(line.words[i])] != column[id(line.words[i - 1])]
            ]
            out += [Line(line.words[a:b], page) for a, b in itertools.pairwise([*cut, None])]
    return out


_RawWord = tuple[str, tuple[float, float, float, float], float]


def _part_size(words: list[_RawWord], fallback: float | None) -> float:
    """The font size of words read as one line: the median of their own sizes by letters."""
    sizes = [(e, len(t)) for t, b, _ in words if (e := em_size(t, b[3] - b[1])) is not None]
    if sizes:
        return _weighted_median(sizes)
    return fallback or words[0][1][3] - words[0][1][1]


def _columns(raw: list[_RawWord], gap: float = 1.6) -> list[list[_RawWord]]:
    """A Tesseract line cut where it joined two columns. Measured on the line's one size, a
    title's gap to a side column's small print is narrow (the title's size sets it), and the
    two were read as one line, the title led by the column's words. So a gap wider than
    ``gap`` font sizes of the smaller text beside it cuts the line when the texts either side
    differ in size (by their medians, one side of two words or more: one word's box may be
    swollen by an icon or a tilt), or when an unsure speck read as a mark ("—") sits in it;
    the speck is dropped. :func:`make_lines` cuts the rest."""
    pieces: list[tuple[list[_RawWord], bool]] = [([], False)]  # words; after specks dropped
    edge, last_size = 0.0, 0.0  # the right edge of the last word kept; the last letters' size
    specks: list[_RawWord] = []
    for word in raw:
        size = em_size(word[0], word[1][3] - word[1][1])
        if size is None and word[2] < 0.5:
            specks.append(word)
            continue
        small = min(last_size, size or last_size)
        if small and word[1][0] - edge > gap * small:
            pieces.append(([], bool(specks)))
        else:
            pieces[-1][0].extend(specks)
        specks = []
        pieces[-1][0].append(word)
        edge, last_size = word[1][2], size or last_size
    pieces[-1][0].extend(specks)
    parts = [pieces[0][0]]
    for (words, specked), (before, _) in zip(pieces[1:], pieces, strict=False):
        if specked or _sizes_differ(before, words):
            parts.append(list(words))
        else:
            parts[-1] += words
    return [part for part in parts if part]


def _sizes_differ(a: list[_RawWord], b: list[_RawWord]) -> bool:
    sizes = [[e for t, box, _ in side if (e := em_size(t, box[3] - box[1]))] for side in (a, b)]
    if not all(sizes) or max(len(s) for s in sizes) < 2:
        return False
    small, large = sorted(statistics.median(s) for s in sizes)
    return large > 1.5 * small
