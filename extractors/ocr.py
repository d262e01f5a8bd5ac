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
from PIL import Image, ImageOps

from extractors.model import Line


@dataclass(frozen=True, slots=True)
class OcrSettings:
    languages: str = "kaz+rus+eng"
    psm: int = 3  # fully automatic page segmentation
    timeout_seconds: float = 180
    min_width: int = 1700  # narrower images (screenshots) are upscaled to about this width
    max_upscale: float = 2.5
    tile_height: int = 2400  # tall screenshots are cut into tiles this high …
    tile_overlap: int = 160  # … overlapping so that no line is cut in two
    dark_background: int = 110  # background darker than this: light text, inverted


def prepare(image: Image.Image, settings: OcrSettings) -> Image.Image:
    """Grayscale, dark regions inverted, contrast stretched, small images upscaled."""
    gray = ImageOps.grayscale(image)
    gray = _light_text_to_dark(gray, settings.dark_background)
    gray = ImageOps.autocontrast(gray, cutoff=1)
    if gray.width < settings.min_width:
        factor = min(settings.max_upscale, settings.min_width / gray.width)
        gray = gray.resize(
            (round(gray.width * factor), round(gray.height * factor)), Image.Resampling.LANCZOS
        )
    return gray


def _light_text_to_dark(gray: Image.Image, threshold: int) -> Image.Image:
    """Invert the bands where light text sits on a dark background (a coloured banner, a dark
    theme). A band is a run of rows that are dark across most of their width: text, even large
    and bold, never darkens most of a row, so ordinary dark-on-light lines are left alone."""
    small = gray.reduce(4) if min(gray.size) >= 64 else gray
    dark = np.asarray(small) < threshold
    rows = dark.mean(axis=1) > 0.5
    if not rows.any():
        return gray
    mask_small = np.zeros(dark.shape, dtype=np.uint8)
    for r in np.flatnonzero(rows):
        cols = np.flatnonzero(dark[r])
        mask_small[r, cols.min(): cols.max() + 1] = 255
    mask = Image.fromarray(mask_small).resize(gray.size, Image.Resampling.NEAREST)
    return Image.composite(ImageOps.invert(gray), gray, mask)


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
