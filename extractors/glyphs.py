"""Look-alike characters of an ID told apart by their shapes on the page.

Tesseract reads a capital O where a narrow zero is printed ("…67G0W" as "…67GOW") because its
network leans on the letters around; re-reading does not change its mind. The printed glyphs
do differ, measured against the other characters of the same ID (same font, same size):

- **O / 0**: a capital O is round, wider than the digits beside it (1.2–1.6× their width in
  the proportional fonts measured; a zero 0.9–1.2×); a zero is as wide as the other digits;
- **o / 0**: a small o stands at the x-height (about ¾ of a digit's height), a zero reaches
  the top of the digits.

A typewriter (monospaced) font gives every character the same width: there O and 0 cannot be
told apart this way, and nothing is decided. Whatever is not decided stays flagged with its
alternates. The glyphs are found as connected runs of ink in the word's box; when no threshold
parts them one to one with the characters read, nothing is decided either.
"""

from __future__ import annotations

import itertools
import statistics
from collections import deque
from dataclasses import dataclass

import numpy as np
from PIL import Image

_DIGITS = set("2346789")  # digits without a look-alike among letters
_ASCENDERS = set("bdhkl")  # f descends in italics, t is shorter
_MONO_SPREAD = 0.12  # spread of glyph spacing below which a font is taken as monospaced


@dataclass(frozen=True, slots=True)
class Glyph:
    """A character's ink: its box in the crop."""

    x0: int
    y0: int
    x1: int
    y1: int

    @property
    def width(self) -> int:
        return self.x1 - self.x0

    @property
    def height(self) -> int:
        return self.y1 - self.y0

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2


def _otsu(a: np.ndarray) -> int:
    hist = np.bincount(a.ravel(), minlength=256).astype(float)
    total = a.size
    w0 = np.cumsum(hist)
    m0 = np.cumsum(hist * np.arange(256))
    w1 = total - w0
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (m0[-1] * w0 / total - m0) ** 2 / (w0 * w1)
    return int(np.nanargmax(between[:-1]))


def ink_masks(gray: Image.Image) -> list[np.ndarray]:
    """Dark pixels of a crop at Otsu's threshold, then at stricter ones (blur joins
    neighbouring letters; a stricter threshold parts them again). Light text on a dark
    ground is turned over first."""
    a = np.asarray(gray.convert("L"), dtype=np.uint8)
    threshold = _otsu(a)
    if (a <= threshold).mean() > 0.5:
        a = 255 - a
        threshold = 255 - threshold
    return [a <= threshold * f for f in (1.0, 0.85, 0.7, 0.55)]


def glyphs(mask: np.ndarray) -> list[Glyph]:
    """Connected runs of ink (8-neighbours), left to right; pieces stacked over each other
    (the dot of an i, a broken stroke) are one glyph."""
    h, w = mask.shape
    seen = np.zeros_like(mask, dtype=bool)
    boxes: list[list[int]] = []
    for y, x in zip(*np.nonzero(mask), strict=True):
        if seen[y, x]:
            continue
        seen[y, x] = True
        queue = deque([(int(y), int(x))])
        box = [int(x), int(y), int(x) + 1, int(y) + 1]
        while queue:
            cy, cx = queue.popleft()
            box[0], box[1] = min(box[0], cx), min(box[1], cy)
            box[2], box[3] = max(box[2], cx + 1), max(box[3], cy + 1)
            for ny in (cy - 1, cy, cy + 1):
                for nx in (cx - 1, cx, cx + 1):
                    if 0 <= ny < h and 0 <= nx < w and mask[ny, nx] and not seen[ny, nx]:
                        seen[ny, nx] = True
                        queue.append((ny, nx))
        boxes.append(box)
    if not boxes:
        return []
    tallest = max(b[3] - b[1] for b in boxes)
    boxes = [b for b in boxes if (b[3] - b[1]) * (b[2] - b[0]) > 0.004 * tallest**2]  # specks
    boxes.sort(key=lambda b: b[0])
    merged: list[list[int]] = []
    for b in boxes:
        if merged:
            m = merged[-1]
            shared = min(m[2], b[2]) - max(m[0], b[0])
            if shared > 0.5 * min(m[2] - m[0], b[2] - b[0]):
                merged[-1] = [min(m[0], b[0]), min(m[1], b[1]), max(m[2], b[2]), max(m[3], b[3])]
                continue
        merged.append(b)
    return [Glyph(*b) for b in merged]


def monospaced(shapes: list[Glyph]) -> bool:
    """Glyphs set at one pitch: a typewriter font, whose O and 0 are equally wide."""
    if len(shapes) < 6:
        return True  # too few to tell: assume the worst
    steps = [b.cx - a.cx for a, b in itertools.pairwise(shapes)]
    mean = statistics.fmean(steps)
    return mean <= 0 or statistics.pstdev(steps) / mean < _MONO_SPREAD


def _interlocked(shapes: list[Glyph]) -> bool:
    """Neighbouring glyphs whose boxes overlap: a slanted or tightly kerned face, where runs
    of ink may not be one character each."""
    overlaps = sum(1 for a, b in itertools.pairwise(shapes) if a.x1 - b.x0 > 0.05 * a.height)
    return overlaps >= 2


def _plausible(text: str, shapes: list[Glyph], lookalikes: dict[int, str]) -> bool:
    """Runs of ink that fit the characters they are matched with: capitals and digits all
    of one height, small letters lower than the tall characters. A run that is a piece of
    a letter, or two letters, shows here."""
    known = [i for i in range(len(text)) if i not in lookalikes]
    tall = [shapes[i].height for i in known if text[i] in _DIGITS or text[i].isupper()]
    tall += [shapes[i].height for i in known if text[i] in _ASCENDERS]
    if len(tall) < 2:
        return False
    top = statistics.median(tall)
    for i in known:
        h, ch = shapes[i].height, text[i]
        if (ch in _DIGITS or ch in _ASCENDERS or (ch.isupper() and ch not in "QJ")) and not (
            0.85 * top <= h <= 1.15 * top
        ):
            return False
        if ch in "acemnrsuvwxz" and not 0.5 * top <= h <= 0.85 * top:
            return False
        w = shapes[i].width
        if w > 1.5 * top and ch not in "MWmw":  # two letters in one run
            return False
        narrowest = 0.75 if ch in "MWmw" else 0.0 if ch in "1IJiljrtf" else 0.45
        if ch.isalnum() and w < narrowest * top:  # a piece of a letter
            return False
    for i in lookalikes:  # O, 0 and o are round: no sliver, no two letters
        if not 0.45 * top <= shapes[i].width <= 1.4 * top or shapes[i].height > 1.15 * top:
            return False
    return True


def decide(text: str, shapes: list[Glyph], lookalikes: dict[int, str]) -> dict[int, str]:
    """For each position of ``text`` whose character has a look-alike (position → the other
    character: O/0, o/0), the character its glyph's shape shows, where the shape decides;
    ``shapes`` are the glyphs of ``text``, one per character."""
    if (
        len(shapes) != len(text)
        or monospaced(shapes)
        or _interlocked(shapes)
        or not _plausible(text, shapes, lookalikes)
    ):
        return {}
    others = [i for i in range(len(text)) if i not in lookalikes]
    digits = [shapes[i] for i in others if text[i] in _DIGITS]
    capitals = [shapes[i] for i in others if text[i].isupper() and text[i] not in "IJL"]
    tall = [shapes[i] for i in others if text[i] in _DIGITS or text[i] in _ASCENDERS]
    digits = digits if len(digits) >= 2 else []
    tall = tall if len(tall) >= 2 else []
    out: dict[int, str] = {}
    for i, other in lookalikes.items():
        g, pair = shapes[i], {text[i], other}
        aspect = g.width / g.height if g.height else 0.0
        if pair == {"O", "0"} and digits:
            ratio = g.width / statistics.median(d.width for d in digits)
            if ratio >= 1.3 and aspect >= 0.8:
                out[i] = "O"
            elif ratio <= 1.1 and aspect <= 0.8:
                out[i] = "0"
        elif pair == {"O", "0"} and len(capitals) >= 2:
            ratio = g.width / statistics.median(c.width for c in capitals)
            if ratio >= 1.1 and aspect >= 0.85:
                out[i] = "O"
            elif ratio <= 0.93 and aspect <= 0.76:
                out[i] = "0"
        elif pair == {"o", "0"} and tall:
            ratio = g.height / statistics.median(t.height for t in tall)
            if ratio <= 0.85:
                out[i] = "o"
            elif ratio >= 0.93:
                out[i] = "0"
    return out


def word_glyphs(
    image: Image.Image,
    box: tuple[float, float, float, float],
    reading: str,
    start: int = 0,
) -> list[Glyph] | None:
    """The glyphs of ``reading[start:]`` in a word OCR read as ``reading``, one per
    character; None when they cannot be matched one to one. The part is the whole word or
    what follows its last slash (an ID at the end of an address).

    Runs of ink are counted at Otsu's threshold, then at stricter ones (blur joins letters,
    a stricter threshold parts them); only a count equal to the characters' is taken."""
    if start > 0 and (reading[start - 1] != "/" or "/" in reading[start:]):
        return None
    x0, y0, x1, y1 = box
    pad = max(2.0, (y1 - y0) * 0.15)
    crop = image.crop((int(x0 - pad), int(y0 - pad), int(x1 + pad), int(y1 + pad))).convert("L")
    if crop.height > 64 or crop.height < 40:  # small print enlarged, large reduced
        crop = crop.resize(
            (max(1, round(crop.width * 64 / crop.height)), 64), Image.Resampling.LANCZOS
        )
    for mask in ink_masks(crop):
        runs = glyphs(mask)
        if start > 0:
            slashes = [i for i, run in enumerate(runs) if _slash(mask, run, runs)]
            runs = runs[slashes[-1] + 1 :] if slashes else []
        if len(runs) == len(reading) - start:
            return runs
    return None


def _slash(mask: np.ndarray, run: Glyph, runs: list[Glyph]) -> bool:
    """A run shaped like "/": as tall as the tallest, narrow, its top right of its foot."""
    tallest = max(r.height for r in runs)
    if run.height < 0.8 * tallest or run.width > 0.7 * run.height or run.width < 2:
        return False
    part = mask[run.y0 : run.y1, run.x0 : run.x1]
    third = max(1, run.height // 3)
    top_cols = np.nonzero(part[:third].any(axis=0))[0]
    foot_cols = np.nonzero(part[-third:].any(axis=0))[0]
    if not len(top_cols) or not len(foot_cols):
        return False
    return float(top_cols.mean()) - float(foot_cols.mean()) > 0.3 * run.width
