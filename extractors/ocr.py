"""Tesseract OCR with the preprocessing that pays: grayscale, light text on coloured banners
turned dark-on-light, small text upscaled, tall screenshots cut into tiles.

Each Tesseract process runs single-threaded (``OMP_THREAD_LIMIT=1``); parallelism comes from
running several at once across pages and files (see :mod:`extractors.pipeline`), which is several
times faster than Tesseract's own threads.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import numpy as np
import pytesseract
from PIL import Image, ImageFilter, ImageOps

from extractors.model import Line


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
    max_skew: float = 6.0  # degrees; photos and scans are straightened up to this


def prepare(image: Image.Image, settings: OcrSettings) -> Image.Image:
    """Grayscale, light-on-dark bands inverted, straightened, contrast stretched, small images
    upscaled."""
    gray = ImageOps.grayscale(image)
    gray = _light_text_to_dark(gray, settings.dark_background)
    gray = flatten_background(gray)
    gray = deskew(gray, settings.max_skew)
    if gray.width < settings.min_width:
        factor = min(settings.max_upscale, settings.min_width / gray.width)
        gray = gray.resize(
            (round(gray.width * factor), round(gray.height * factor)), Image.Resampling.LANCZOS
        )
    return gray


def _light_text_to_dark(gray: Image.Image, threshold: int) -> Image.Image:
    """Invert bands of light text on a dark background (a coloured banner, a dark theme). A
    band is a run of rows dark across most of their width: text, even large and bold, never
    darkens most of a row, so ordinary lines are left alone. What is left grey afterwards is
    made white by :func:`flatten_background`."""
    factor = 4 if min(gray.size) >= 64 else 1
    small = gray.reduce(factor) if factor > 1 else gray
    dark = np.asarray(small) < threshold
    rows = dark.mean(axis=1) > 0.5
    if not rows.any():
        return gray
    out = gray.copy()
    edges = np.flatnonzero(np.diff(np.concatenate(([0], rows.astype(np.int8), [0]))))
    for top, bottom in zip(edges[::2], edges[1::2], strict=True):
        cols = np.flatnonzero(dark[top:bottom].any(axis=0))
        box = (int(cols.min()) * factor, int(top) * factor,
               min(gray.width, (int(cols.max()) + 1) * factor), min(gray.height, int(bottom) * factor))
        out.paste(ImageOps.invert(gray.crop(box)), box[:2])
    return out


def flatten_background(gray: Image.Image) -> Image.Image:
    """Divide by the local background (the brightest nearby level): uneven light in photos,
    grey banners and inverted dark themes all become dark text on white."""
    factor = 4 if min(gray.size) >= 64 else 1
    small = gray.reduce(factor) if factor > 1 else gray
    background = small.filter(ImageFilter.MaxFilter(5)).resize(
        gray.size, Image.Resampling.BILINEAR
    )
    a = np.asarray(gray, dtype=np.float32)
    b = np.maximum(np.asarray(background, dtype=np.float32), 16.0)
    return Image.fromarray(np.clip(a * (255.0 / b), 0, 255).astype(np.uint8))


def skew_angle(gray: Image.Image, max_skew: float) -> float:
    """The rotation that makes text lines horizontal: the angle whose horizontal projection
    of ink has the sharpest peaks (largest variance), searched coarse then fine."""
    small = gray.copy()
    small.thumbnail((900, 900))
    arr = np.asarray(small, dtype=np.float32)
    ink = Image.fromarray(((arr < arr.mean() - 2 * arr.std() / 3) * 255).astype(np.uint8))

    def score(angle: float) -> float:
        rotated = np.asarray(ink.rotate(angle, resample=Image.Resampling.NEAREST))
        return float(rotated.sum(axis=1, dtype=np.float64).var())

    coarse = max(np.arange(-max_skew, max_skew + 0.01, 0.5), key=score)
    fine = max(np.arange(coarse - 0.5, coarse + 0.51, 0.1), key=score)
    return float(fine)


def deskew(gray: Image.Image, max_skew: float) -> Image.Image:
    if max_skew <= 0:
        return gray
    angle = skew_angle(gray, max_skew)
    if abs(angle) < 0.3:
        return gray
    return gray.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)


def tiles(image: Image.Image, settings: OcrSettings) -> list[Image.Image]:
    """Cut a tall image (a full-page screenshot) into overlapping tiles; others stay whole."""
    if image.height <= settings.tile_height * 1.25:
        return [image]
    step = settings.tile_height - settings.tile_overlap
    tops = list(range(0, image.height - settings.tile_overlap, step))
    return [image.crop((0, top, image.width, min(top + settings.tile_height, image.height)))
            for top in tops]


def tesseract(image: Image.Image, settings: OcrSettings) -> list[Line]:
    """OCR one prepared image into lines, each with the mean confidence of its words (0–1)."""
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    data = pytesseract.image_to_data(
        image,
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
