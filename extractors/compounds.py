"""Compound words of two scripts ("Python-разработка", "SQL-запросы", "IT-специалист",
"Web-әзірлеу"): Tesseract reads a hyphenated word in one language, so one half comes back in
the other script's look-alikes ("Руіһоп-разработке", "501-запросы", "П-специалист") and a
course title is lost or misspelt. Each such word of a page with Cyrillic text is read once
more with its halves set apart, as two words, which Tesseract then reads each in its own
language; the two readings are joined by the hyphen again when the halves come back in
different scripts. Words read in one script both times stay as they were read.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, replace

import numpy as np
from PIL import Image

from extractors.layout import Line, PageLayout, Word
from extractors.ocr import OcrPage, OcrSettings, _script, read_sheet

# a word of two halves joined by a hyphen, each with a letter or digit (in quotes or not)
_COMPOUND = re.compile(r"^[«\"“„(]?[^\W_][^-\s]*-[^\W_][^-\s]*$")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
MOST_COMPOUNDS = 12  # on one page: the ones of its titles and names, not a page of prose
# Cyrillic letters a page has at least: a Russian or Kazakh page (its title alone may have
# been read all in Latin letters, "Frontend-paspa6oTunk")
MIN_CYRILLIC = 12


@dataclass(frozen=True, slots=True)
class _Hyphen:
    """The columns of a word's image that the hyphen's ink spans (``x1`` past the last)."""

    x0: int
    x1: int


def compounds(read: OcrPage, settings: OcrSettings) -> OcrPage:
    """The compound words of a page with Cyrillic text read again as two words, on
    one sheet; a word whose halves come back in two scripts takes that reading."""
    found: list[tuple[Word, Image.Image, int]] = []  # the word, its halves apart, the cut
    text = " ".join(line.text for line in read.layout.lines)
    if len(_CYRILLIC.findall(text)) < MIN_CYRILLIC:
        return read
    for line in read.layout.lines:
        for word in line.words:
            if len(found) < MOST_COMPOUNDS and _COMPOUND.match(word.text):
                apart = _set_apart(read.image, word)
                if apart is not None:
                    found.append((word, *apart))
    if not found:
        return read
    readings = read_sheet([image for _, image, _ in found], settings, read.layout.index)
    mended: dict[int, Word] = {}
    for n, (word, _, cut) in enumerate(found):
        again = readings.get(n)
        if again is not None:
            joined = _joined(word, again, cut)
            if joined is not None:
                mended[id(word)] = joined
    if not mended:
        return read
    lines = [
        Line([mended.get(id(w), w) for w in line.words], line.page) for line in read.layout.lines
    ]
    layout = read.layout
    return read.with_layout(PageLayout(layout.index, layout.width, layout.height, lines))


def _joined(word: Word, again: Line, cut: int) -> Word | None:
    """The halves read apart, joined by the hyphen again, when they are two words of two
    scripts (each with two letters at least) read about as surely as the word was."""
    left = [w for w in again.words if (w.x0 + w.x1) / 2 < cut]
    right = [w for w in again.words if (w.x0 + w.x1) / 2 >= cut]
    if len(left) != 1 or len(right) != 1:
        return None
    a, b = left[0], right[0]
    scripts = {_script(a.text), _script(b.text)}
    if scripts != {"latin", "cyrillic"}:
        return None
    text = f"{a.text}-{b.text}"
    if text == word.text:
        return None
    conf = (a.conf * len(a.text) + b.conf * len(b.text)) / (len(a.text) + len(b.text))
    if conf < word.conf - 0.05:
        return None
    return replace(word, text=text, conf=conf)


def _set_apart(image: Image.Image, word: Word) -> tuple[Image.Image, int] | None:
    """The word's image with the hyphen replaced by a wide blank, and where the blank is;
    None when no hyphen's ink is found where the reading puts it."""
    box = (
        max(0, round(word.x0) - 2),
        max(0, round(word.y0) - 2),
        min(image.width, round(word.x1) + 2),
        min(image.height, round(word.y1) + 2),
    )
    if box[2] - box[0] < 8 or box[3] - box[1] < 8:
        return None
    crop = image.crop(box).convert("L")
    at = word.text.index("-")
    hyphen = find_hyphen(np.asarray(crop), (at + 0.5) / len(word.text))
    if hyphen is None:
        return None
    height = crop.height
    blank = max(4, round(0.6 * height))
    left = crop.crop((0, 0, hyphen.x0, height))
    right = crop.crop((hyphen.x1, 0, crop.width, height))
    margin = height // 2
    apart = Image.new(
        "L", (left.width + blank + right.width + 2 * margin, height + 2 * margin), 255
    )
    apart.paste(left, (margin, margin))
    apart.paste(right, (margin + left.width + blank, margin))
    factor = min(3.0, max(1.0, 40 / height))  # small print enlarged, as a second look does
    if factor > 1.0:
        apart = apart.resize(
            (round(apart.width * factor), round(apart.height * factor)), Image.Resampling.LANCZOS
        )
    return apart, round((margin + left.width + blank / 2) * factor)


def find_hyphen(gray: np.ndarray, share: float) -> _Hyphen | None:
    """A hyphen in a word's image: a run of columns whose ink is one short, level stroke in
    the middle of the word's height, as wide as a fifth of that height at least, standing
    free (no ink beside its ends: the bar of a т meets its stem) and above the feet of the
    letters on both sides (the foot of an L is level too, but at theirs); of such runs, the
    one nearest ``share`` of the width (where the reading puts the hyphen)."""
    if gray.size == 0:
        return None
    low, high = float(gray.min()), float(gray.max())
    if high - low < 40:
        return None
    ink = gray < (low + high) / 2
    height, width = ink.shape
    runs = []
    for first, last in _level_runs(ink):
        if last - first + 1 < 0.2 * height:
            continue
        top, bottom = _band(ink, first, last)
        if _free(ink, first, last, top, bottom) and _above_neighbours(ink, first, last, bottom):
            runs.append((first, last))
    if not runs:
        return None
    want = share * width
    first, last = min(runs, key=lambda r: abs((r[0] + r[1]) / 2 - want))
    if abs((first + last) / 2 - want) > 0.25 * width:
        return None
    return _Hyphen(first, last + 1)


def _level_runs(ink: np.ndarray) -> list[tuple[int, int]]:
    """Runs of columns whose ink is one thin stroke in the middle rows, at one level."""
    height, width = ink.shape
    rows = np.arange(height)
    runs: list[tuple[int, int]] = []
    start, middles = -1, [0.0]
    for x in range(width + 1):
        middle = -1.0
        if x < width and ink[:, x].any():
            ys = rows[ink[:, x]]
            top, bottom = int(ys[0]), int(ys[-1])
            if bottom - top + 1 <= 0.2 * height and len(ys) == bottom - top + 1:
                middle = (top + bottom) / 2
        level = 0.3 * height <= middle <= 0.75 * height
        if level and start >= 0 and abs(middle - statistics.fmean(middles)) <= 0.06 * height:
            middles.append(middle)
            continue
        if start >= 0:
            runs.append((start, x - 1))
        start, middles = (x, [middle]) if level else (-1, [0.0])
    return runs


def _band(ink: np.ndarray, first: int, last: int) -> tuple[int, int]:
    """The top and bottom rows of the stroke in columns ``first``…``last``."""
    rows = np.flatnonzero(ink[:, first : last + 1].any(axis=1))
    return int(rows[0]), int(rows[-1])


def _free(ink: np.ndarray, first: int, last: int, top: int, bottom: int) -> bool:
    """The stroke is not a bar of a letter: the columns just beside it carry no ink that
    runs through its rows on up or down (a stem, a bowl). A letter's bar over the hyphen,
    a T's kerned over it, does not touch it."""
    for x in (first - 1, last + 1):
        if not 0 <= x < ink.shape[1]:
            return False
        column = ink[:, x]
        if column[top : bottom + 1].any() and column[max(0, top - 2) : bottom + 3].sum() > (
            bottom - top + 1
        ):
            return False
    return True


def _above_neighbours(ink: np.ndarray, first: int, last: int, bottom: int) -> bool:
    """The stroke in columns ``first``…``last`` (its lowest row ``bottom``) lies clearly
    above the lowest ink of the letters on each side of it (within half the word's height)."""
    height = ink.shape[0]
    reach = max(2, height // 2)
    for side in (ink[:, max(0, first - reach) : first], ink[:, last + 1 : last + 1 + reach]):
        below = np.flatnonzero(side.any(axis=1))
        if below.size == 0 or int(below[-1]) - bottom < 0.15 * height:
            return False
    return True
