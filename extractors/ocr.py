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

import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytesseract
from PIL import Image, ImageFilter, ImageOps

from extractors.model import Line

PROBE_SIDE = 500  # pixels: the probe's longer side
DIRECT_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp"}  # Tesseract reads these


@dataclass(frozen=True, slots=True)
class OcrSettings:
    languages: str = "kaz+rus+eng"
    psm: int = 3  # fully automatic page segmentation
    timeout_seconds: float = 180
    min_width: int = 1200  # only images narrower than this (tiny crops) are upscaled
    max_upscale: float = 2.5
    tile_height: int = 2400  # tall screenshots are cut into tiles this high …
    tile_overlap: int = 160  # … overlapping so that no line is cut in two
    dark_background: int = 110  # background darker than this: light text, inverted
    max_skew: float = 6.0  # degrees; photos and scans are straightened up to this …
    min_skew: float = 0.3  # … when tilted more than this
    uneven_light: float = 0.5  # background darkest/brightest below this: flattened


@dataclass(frozen=True, slots=True)
class Plan:
    """What one image needs before Tesseract, decided on its probe."""

    bands: tuple[tuple[float, float, float, float], ...]  # boxes to invert, as fractions
    flatten: bool
    angle: float
    scale: float

    @property
    def nothing(self) -> bool:
        return not self.bands and not self.flatten and self.angle == 0 and self.scale == 1


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


def make_plan(probe: Image.Image, full_width: int, settings: OcrSettings) -> Plan:
    bands = dark_bands(probe, settings.dark_background)
    work = _invert(probe, bands) if bands else probe
    background = work.reduce(4).filter(ImageFilter.MaxFilter(3))
    lo, hi = np.percentile(np.asarray(background), [2, 98])
    flatten = lo < settings.uneven_light * hi  # the whole page: uneven light
    if flatten:
        work = flatten_background(work)
    angle = skew_angle(work, settings.max_skew) if settings.max_skew > 0 else 0.0
    if abs(angle) < settings.min_skew:
        angle = 0.0
    scale = 1.0
    if full_width < settings.min_width:
        scale = min(settings.max_upscale, settings.min_width / full_width)
    return Plan(bands, flatten, angle, scale)


def apply_plan(gray: Image.Image, plan: Plan) -> Image.Image:
    if plan.bands:
        gray = _invert(gray, plan.bands)
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
        if top == 0 or bottom == h:
            continue  # the dark table around a photographed page, not a banner in it
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


def flatten_background(gray: Image.Image) -> Image.Image:
    """Divide by the local background (the brightest nearby level): uneven light in photos,
    grey banners and inverted dark themes all become dark text on white. The background is
    found on an eighth-size copy; at full size it costs an interpolation and a multiplication."""
    cell = 8 if min(gray.size) >= 128 else 1
    small = gray.reduce(cell) if cell > 1 else gray
    background = np.asarray(small.filter(ImageFilter.MaxFilter(5)), dtype=np.float32)
    gain = Image.fromarray(255.0 / np.maximum(background, 16.0), mode="F")
    out = np.asarray(gray, dtype=np.float32)
    out *= np.asarray(gain.resize(gray.size, Image.Resampling.BILINEAR))
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
    fine = max(np.arange(coarse - 0.8, coarse + 0.81, 0.2), key=score)
    return float(fine)


def tiles(image: Image.Image, settings: OcrSettings) -> list[Image.Image]:
    """Cut a tall image (a full-page screenshot) into overlapping tiles; others stay whole."""
    if image.height <= settings.tile_height * 1.25:
        return [image]
    step = settings.tile_height - settings.tile_overlap
    tops = list(range(0, image.height - settings.tile_overlap, step))
    return [
        image.crop((0, top, image.width, min(top + settings.tile_height, image.height)))
        for top in tops
    ]


FileHook = Callable[[Path], None]


def ocr_source(
    source: ImageSource, settings: OcrSettings, hook: FileHook | None = None
) -> list[Line]:
    """Lines of one image: straight from its file when it needs nothing, else prepared."""
    width, height = source.size()
    probe = source.gray(PROBE_SIDE)
    plan = make_plan(probe, width, settings)
    if plan.nothing and source.direct and height <= settings.tile_height * 1.25:
        assert source.path is not None
        return tesseract_file(source.path, settings, hook)
    prepared = apply_plan(source.gray(), plan)
    parts = []
    with tempfile.TemporaryDirectory(prefix="tanu-ocr-") as tmp:
        for n, tile in enumerate(tiles(prepared, settings)):
            path = Path(tmp) / f"{n}.bmp"
            tile.save(path)  # uncompressed: writing costs next to nothing
            parts.append(tesseract_file(path, settings, hook))
    return join_tiles(parts)


def tesseract_file(path: Path, settings: OcrSettings, hook: FileHook | None = None) -> list[Line]:
    """OCR one image file into lines, each with the mean confidence of its words (0–1)."""
    if hook is not None:
        hook(path)
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    data = pytesseract.image_to_data(
        str(path),
        lang=settings.languages,
        config=f"--psm {settings.psm}",
        output_type=pytesseract.Output.DICT,
        timeout=settings.timeout_seconds,
    )
    lines: dict[tuple[int, int, int], list[tuple[str, float]]] = {}
    for i, word in enumerate(data["text"]):
        word = word.strip()
        conf = float(data["conf"][i])
        if not word or conf < 0:
            continue
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        lines.setdefault(key, []).append((word, conf))
    out = []
    for words in lines.values():
        text = " ".join(w for w, _ in words)
        weight = sum(len(w) for w, _ in words)
        conf = sum(c * len(w) for w, c in words) / weight / 100 if weight else 0.0
        out.append(Line(text, conf))
    return out


def join_tiles(parts: list[list[Line]]) -> list[Line]:
    """Lines of consecutive tiles, without the lines repeated in their overlap."""
    merged: list[Line] = []
    for part in parts:
        tail = {line.text for line in merged[-8:]}
        start = 0
        while start < len(part) and start < 8 and part[start].text in tail:
            start += 1
        merged.extend(part[start:])
    return merged
