"""Words with their boxes, grouped into lines and blocks: what the field readers look at.

A page is read as a picture is: words sit on lines, lines of one size and alignment that follow
each other closely form a block (a paragraph, a name printed over two lines, a wrapped title), and
a value is found beside or below its label. Both readers produce the same shapes: the PDF text
layer (pypdfium2's characters with their boxes) and Tesseract (hOCR words with their boxes).

Coordinates are page units with y growing downwards (points for a text layer, pixels for an
image); ``size`` is a word's font height in the same units, so sizes compare within a page.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

from extractors.model import TextSource


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    size: float  # font height, page units
    conf: float = 1.0  # 0–1: Tesseract's confidence; 1 for a text layer
    bold: bool = False
    # a text layer that writes spaces: whether it wrote one before this word (False: the word
    # was cut at a gap, where a glyph without text may be); None: not known (OCR, no spaces)
    spaced: bool | None = None

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2


def _overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    return max(0.0, min(a1, b1) - max(a0, b0))


@dataclass(eq=False)
class Line:
    """Words on one baseline, with no wide gap between them (columns are separate lines)."""

    words: list[Word]
    page: int = 0

    @cached_property
    def text(self) -> str:
        return join_words(self.words)

    @cached_property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @cached_property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @cached_property
    def y0(self) -> float:
        return min(w.y0 for w in self.words)

    @cached_property
    def y1(self) -> float:
        return max(w.y1 for w in self.words)

    @cached_property
    def size(self) -> float:
        return statistics.median(w.size for w in self.words)

    @cached_property
    def conf(self) -> float:
        weight = sum(len(w.text) for w in self.words)
        return sum(w.conf * len(w.text) for w in self.words) / weight if weight else 0.0

    @cached_property
    def bold(self) -> bool:
        return sum(len(w.text) for w in self.words if w.bold) * 2 > len(self.text)

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @cached_property
    def pitch(self) -> float:
        """Width per character: a second measure of the font's size, which OCR's noisy box
        heights do not disturb."""
        return (self.x1 - self.x0) / max(1, len(self.text))


def join_words(words: Sequence[Word]) -> str:
    return " ".join(w.text for w in words)


@dataclass(eq=False)
class Block:
    """Lines of one size and alignment that follow each other closely: one paragraph."""

    lines: list[Line]

    @cached_property
    def text(self) -> str:
        return join_lines([line.text for line in self.lines])

    @cached_property
    def flow(self) -> str:
        """The text with its line breaks kept (anchors look for the end of a line)."""
        return join_lines([line.text for line in self.lines], "\n")

    @property
    def page(self) -> int:
        return self.lines[0].page

    @cached_property
    def x0(self) -> float:
        return min(line.x0 for line in self.lines)

    @cached_property
    def x1(self) -> float:
        return max(line.x1 for line in self.lines)

    @property
    def y0(self) -> float:
        return self.lines[0].y0

    @property
    def y1(self) -> float:
        return self.lines[-1].y1

    @cached_property
    def size(self) -> float:
        return statistics.median(line.size for line in self.lines)

    @cached_property
    def conf(self) -> float:
        weight = sum(len(line.text) for line in self.lines)
        return sum(line.conf * len(line.text) for line in self.lines) / weight if weight else 0.0

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2


_HYPHEN_END = re.compile(r"([^\W\d_]+)-$")


def join_lines(texts: Sequence[str], sep: str = " ") -> str:
    """Lines of a paragraph as one text, joined by ``sep``. A word broken by a hyphen at a
    line end stays one word: in prose (three lines or more) the hyphen of a broken lower-case
    word is dropped ("Learn-" + "ing"); in a short block it is kept ("e-" + "legion")."""
    out = ""
    prose = len(texts) >= 3
    for text in texts:
        if not out:
            out = text
            continue
        broken = _HYPHEN_END.search(out)
        if broken and text[:1].isalpha():
            keep = not (prose and text[:1].islower() and len(broken.group(1)) >= 3)
            out = (out if keep else out[:-1]) + text
        else:
            out += sep + text
    return out


@dataclass
class PageLayout:
    index: int
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)

    @cached_property
    def blocks(self) -> list[Block]:
        return make_blocks(self.lines)

    @cached_property
    def body_size(self) -> float:
        """The size of the page's ordinary text (the median over its characters)."""
        sizes = [w.size for line in self.lines for w in line.words for _ in w.text]
        return statistics.median(sizes) if sizes else 1.0


# ------------------------------------------------------------------ building lines
def make_lines(words: Sequence[Word], page: int = 0, gap: float = 1.6) -> list[Line]:
    """Words into lines: rows of words that share most of their height, cut where the gap
    between neighbours is wider than ``gap`` font sizes (another column or a far corner)."""
    rows: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.cy, w.x0)):
        for row in reversed(rows[-6:]):
            ref = row[-1]
            small, large = sorted((word.size, ref.size))
            # centres within a third of the smaller size: a font's loose box is taller than
            # its line spacing, so overlapping boxes do not make one row
            if abs(word.cy - ref.cy) <= 0.35 * small and large <= 1.7 * small:
                row.append(word)
                break
        else:
            rows.append([word])
    lines: list[Line] = []
    for row in rows:
        row.sort(key=lambda w: w.x0)
        current = [row[0]]
        for word in row[1:]:
            prev = current[-1]
            if word.x0 - prev.x1 > gap * max(prev.size, word.size) or word.x0 < prev.x0:
                lines.append(Line(current, page))
                current = [word]
            else:
                current.append(word)
        lines.append(Line(current, page))
    lines.sort(key=lambda line: (line.y0, line.x0))
    return lines


# ------------------------------------------------------------------ building blocks
def _aligned(a: Line | Block, b: Line) -> bool:
    """Shares a left edge, a centre or a right edge (within a font size), or overlaps."""
    tol = max(a.size, b.size)
    return (
        abs(a.x0 - b.x0) <= tol
        or abs(a.cx - b.cx) <= tol
        or abs(a.x1 - b.x1) <= tol
        or _overlap(a.x0, a.x1, b.x0, b.x1) >= 0.6 * min(a.x1 - a.x0, b.x1 - b.x0)
    )


def continues(block: Block, line: Line) -> bool:
    """``line`` is the next line of ``block``'s paragraph: same size and alignment, close
    below its last line."""
    last = block.lines[-1]
    small, large = sorted((last.size, line.size))
    # a sentence running on (no closing stop, a lower-case start) forgives OCR's rough sizes
    running_on = line.text[:1].islower() and not last.text.rstrip().endswith((".", "!", "?", ":"))
    if large > (1.5 if running_on else 1.18) * small or last.bold != line.bold:
        return False
    if min(len(last.text), len(line.text)) >= 8:
        narrow, wide = sorted((last.pitch, line.pitch))
        if wide > 1.4 * narrow:
            return False
    gap = line.y0 - last.y1
    return -0.3 * small <= gap <= 0.75 * large and _aligned(last, line)


def make_blocks(lines: Sequence[Line]) -> list[Block]:
    blocks: list[Block] = []
    open_blocks: list[Block] = []
    placed: list[Line] = []  # the page's lines so far
    for line in sorted(lines, key=lambda x: (x.page, x.y0, x.x0)):
        target = next(
            (
                b
                for b in open_blocks
                if b.page == line.page
                and continues(b, line)
                and not _between(b.lines[-1], line, placed)
            ),
            None,
        )
        placed.append(line)
        if target is not None:
            target.lines.append(line)
            for name in ("text", "flow", "x0", "x1", "size", "conf"):
                target.__dict__.pop(name, None)
        else:
            block = Block([line])
            blocks.append(block)
            open_blocks.append(block)
        # blocks whose last line is far above can no longer grow
        open_blocks = [
            b for b in open_blocks if b.page == line.page and line.y0 - b.y1 < 3 * b.size
        ]
    return [part for block in blocks for part in _split_heading(block)]


def _between(last: Line, line: Line, placed: Sequence[Line]) -> bool:
    """Another line lies between a block's last line and ``line``, under both (Udemy's
    instructors' line between the course and the learner): they are not one paragraph. OCR's
    specks (fewer than three letters or digits) do not part them."""
    return any(
        other is not last
        and sum(c.isalnum() for c in other.text) >= 3
        and other.page == line.page
        and other.y0 >= last.y1 - 0.3 * other.size
        and other.y1 <= line.y0 + 0.3 * other.size
        and _overlap(other.x0, other.x1, line.x0, line.x1) > 0
        for other in placed[-12:]
    )


def _split_heading(block: Block) -> list[Block]:
    """A first line clearly larger than the paragraph under it is a heading of its own (OCR's
    sizes are rough, so a title set close above its description can join it)."""
    if len(block.lines) < 3:
        return [block]
    rest = statistics.median(line.size for line in block.lines[1:])
    if block.lines[0].size >= 1.2 * rest:
        return [Block(block.lines[:1]), Block(block.lines[1:])]
    return [block]


# ------------------------------------------------------------------ relations
def horizontal_overlap(a: Line | Block, b: Line | Block) -> float:
    return _overlap(a.x0, a.x1, b.x0, b.x1)


def below(page_blocks: Sequence[Block], ref: Line | Block, reach: float) -> list[Block]:
    """Blocks under ``ref`` in its column, nearest first, starting within ``reach`` sizes."""
    out = []
    for b in page_blocks:
        if b.y0 < ref.y1 - 0.3 * ref.size or b.lines[0] is ref:
            continue
        if b.y0 - ref.y1 > reach * max(ref.size, b.size):
            continue
        if horizontal_overlap(b, ref) > 0 or abs(b.cx - ref.cx) < 2 * ref.size:
            out.append(b)
    return sorted(out, key=lambda b: b.y0)


def above(page_blocks: Sequence[Block], ref: Line | Block, reach: float) -> list[Block]:
    """Blocks over ``ref`` in its column, nearest first, ending within ``reach`` sizes."""
    out = []
    for b in page_blocks:
        if b.y1 > ref.y0 + 0.3 * ref.size or b.lines[-1] is ref:
            continue
        if ref.y0 - b.y1 > reach * max(ref.size, b.size):
            continue
        if horizontal_overlap(b, ref) > 0 or abs(b.cx - ref.cx) < 2 * ref.size:
            out.append(b)
    return sorted(out, key=lambda b: -b.y1)


@dataclass
class Document:
    """Everything read from one file: page layouts (a page may have several views: text at
    another angle), the addresses the file carries in link annotations and QR codes."""

    pages: list[PageLayout]
    source: TextSource
    from_image: bool = False
    links: list[str] = field(default_factory=list)  # link annotations of a PDF
    barcodes: list[str] = field(default_factory=list)  # QR codes and barcodes
    warnings: list[str] = field(default_factory=list)

    @property
    def lines(self) -> list[Line]:
        return [line for page in self.pages for line in page.lines]

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)
