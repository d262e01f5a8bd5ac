"""Values found beside their labels: each anchor of ``anchors.yaml`` that matches a block gives
a candidate for its field, with how it was found and how sure that is.

Where the value is looked for (a slot at the end of the template; the start is the mirror):
1. on the same line after the words (a title only when quoted, after a colon, in an English
   title's capitals, or on a new line);
2. the next lines of the same block, when the words end their line;
3. the block below, in the same column, within a few font sizes — skipping a label or heading
   block in between (a label wrapping onto a second line of another size).
A block that is itself only a label or a heading is never taken as a value.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from extractors.anchors import Anchor, Reading
from extractors.fields import values
from extractors.layout import Block, Line, PageLayout, above, below, horizontal_overlap

REACH = 2.6  # font sizes between a label and its value in the block below or above
SCREEN_REACH = 4.0  # course pages are airier
_BASE = {"sentence": 0.95, "inline": 0.93, "next-line": 0.95, "block": 0.95, "skip": 0.9}
_NUMERIC = {"hours", "grade_percent", "progress_percent"}
_PERCENT = {"grade_percent", "progress_percent"}


@dataclass(frozen=True, slots=True)
class Candidate:
    field: str
    value: Any
    conf: float
    how: str  # e.g. "below 'This is to certify that'"
    page: int = 0
    block: Block | None = None
    ref: int = 0  # the label block it was found from (agreeing labels count once each)
    label: str = ""  # the label's words ("Learner:"), when a label gave it


@dataclass(frozen=True, slots=True)
class Gap:
    """Where a label promises a value that nothing read there gives: worth a second look."""

    field: str
    page: int
    box: tuple[float, float, float, float]  # x0, y0, x1, y1 in the page's units
    size: float  # the label's font size


_LOOK_AGAIN = {"learner_name", "course_title"}

Validator = Callable[[str, bool], Any]  # (text, inline): inline values sit amid other words


def _validators(date_order: str | None) -> dict[str, Validator]:
    return {
        "learner_name": lambda text, inline: values.learner_name(text, inline, addressed=True),
        "person": lambda text, inline: values.learner_name(text, inline, addressed=True),
        # a title within a line needs quotes; a block of its own, or a sentence's slot, not
        "course_title": lambda text, inline: values.course_title(text, plain_ok=not inline),
        "issued_on": lambda text, inline: values.first_date(text, date_order),
        "certificate_id": lambda text, inline: values.certificate_id(text),
        "hours": lambda text, inline: values.hours(text, labelled=True),
        "grade_percent": lambda text, inline: values.percent(text),
        "progress_percent": lambda text, inline: values.percent(text),
    }


def ocr_factor(conf: float) -> float:
    """How much an OCR reading lowers a value's confidence (1 for a text layer)."""
    return 1.0 if conf >= 0.95 else max(0.3, 0.55 + 0.45 * conf)


class PageAnchors:
    """The anchors' candidates on one page (one view of it)."""

    def __init__(
        self,
        page: PageLayout,
        reading: Reading,
        anchors: Sequence[Anchor],
        date_order: str | None,
        screen: bool = False,
    ) -> None:
        self.page = page
        self.reading = reading
        self.anchors = anchors
        self.trigger = reading.screen_labels if screen else reading.labels
        self.screen = screen
        self.reach = SCREEN_REACH if screen else REACH
        self.gaps: list[Gap] = []
        self.labelled: set[str] = set()  # fields whose labels are on the page
        self.blocks = page.blocks
        self.validate = _validators(date_order)
        self._labels = {id(b) for b in self.blocks if self.is_label(b)}

    def is_label(self, block: Block) -> bool:
        """A heading, a label's words alone, or a sentence that begins with a label's words
        ("an online non-credit course authorized by …", "Instructors Jose Portilla"): not a
        value for another label."""
        text = block.text
        if self.reading.headings.match(text):
            return True
        found = list(self.reading.labels.finditer(block.flow))
        covered = sum(m.end() - m.start() for m in found)
        if not found or covered >= 0.6 * len(text):
            return bool(found)
        # a sentence that begins with the words of a label whose value follows them; in large
        # type with no colon after them, a title that begins with such a word or two ("Total
        # Quality Management", "Оценка бизнеса") — not a phrase of three ("an online
        # non-credit course authorized by …" in large letters, under a highlighted title)
        first = self.reading.openers.match(block.flow)
        if first is None:
            return False
        after = block.flow[first.end() :]
        if after[:1] in ("-", "‐"):
            return False  # the first part of a compound ("Score-Based Risk Models")
        if not self._announces(block.flow, first):
            return False
        return (
            block.size <= 1.3 * self.page.body_size
            or len(first.group(0).split()) >= 3
            or ":" in block.flow[first.end() : first.end() + 2]
            or first.group(0).rstrip().endswith(":")
        )

    def _labelled(self, text: str) -> bool:
        """A line holds a label's words that announce a value."""
        return any(self._announces(text, m) for m in self.trigger.finditer(text))

    def _announces(self, text: str, found: re.Match[str]) -> bool:
        """A label's words found in ``text`` announce a value — unless they open only a
        number's or a date's label and no number follows them ("Total Quality Management",
        "Data Science: R Basics" are courses)."""
        unnumbered = self.reading.unnumbered
        if unnumbered is None or unnumbered.match(text, found.start()):
            return True
        return re.search(r"\d", text[found.end() : found.end() + 30]) is not None

    def label_blocks(self) -> list[Block]:
        return [b for b in self.blocks if id(b) in self._labels]

    def candidates(self) -> Iterator[Candidate]:
        for block in self.blocks:
            flow = block.flow
            if not self.trigger.search(flow):
                continue
            for anchor in self.anchors:
                for m in anchor.regex.finditer(flow):
                    yield from self._from_match(anchor, block, flow, m.start(), m.end(), m)

    # ---------------------------------------------------------------- one match
    def _from_match(
        self, anchor: Anchor, block: Block, flow: str, start: int, end: int, m: Any
    ) -> Iterator[Candidate]:
        label = " ".join(flow[start:end].split())
        inner: list[Candidate] = []
        for i, field in enumerate(anchor.slots):
            text = m.groupdict().get(f"s{i}")
            if text is None:
                continue
            text = " ".join(text.split())  # bounded by the sentence's words on both sides
            value = (
                values.course_title(text)
                if field == "course_title"
                else self.validate[field](text, True) or _by_unit(field, label, text)
            )
            if value is None:
                return  # a slot inside the sentence holds no such value: not this sentence
            inner.append(self._candidate(field, value, "sentence", label, block, block.conf))
        self.labelled.update(anchor.slots)
        yield from inner
        if anchor.tail:
            yield from self._after(anchor.slots[-1], label, block, flow, end)
        if anchor.lead:
            yield from self._before(anchor.slots[0], label, block, flow, start)

    def _after(
        self, field: str, label: str, block: Block, flow: str, end: int
    ) -> Iterator[Candidate]:
        rest = flow[end:]
        line, _, more = rest.partition("\n")
        if line.strip():
            value: Any
            if field == "course_title":
                plain = rest.lstrip().startswith(":") or label.endswith(":")
                inline = line.lstrip(" :")
                cut = values.before_its_clause(inline)
                if not plain and values.quoted(inline) is None and values.title_cased(cut):
                    inline, plain = cut, True
                value = values.course_title(inline, plain)
            else:
                value = self.validate[field](line, True) or _by_unit(field, label, line)
                if value is None and more:  # a value broken over the line end
                    value = self.validate[field](f"{line} {more.split(chr(10))[0]}", True)
                if value is None and field in _PERCENT:
                    words = block.lines[min(flow[:end].rstrip().count("\n"), len(block.lines) - 1)]
                    if bar := self._under_a_bar(field, label, words, block):
                        yield bar
                        return
            if value is not None:
                yield self._candidate(field, value, "inline", label, block, block.conf)
            return  # the words are amid a sentence: what lies below is not their value
        elif (partner := self._row_partner(block, flow, end)) is not None:
            # a form's table: the label ends its line with a colon, the value is across the
            # row ("Name of the learner:      Daniyar Seitkali"), in a column of its own
            value = self.validate[field](partner.text, False)
            if value is None and field == "hours":  # a percentage must say it is one
                value = values.leading_number(partner.text)
            if value is not None:
                yield self._candidate(field, value, "inline", label, Block([partner]), partner.conf)
                return
        if not line.strip() and more.strip() and not more.split("\n")[0].rstrip().endswith(":"):
            # the words end their line: the value is the block's next line(s), unless that is
            # another label (a form's column of labels, their values across the rows)
            text = more if field == "course_title" else more.split("\n")[0]
            found = self.validate[field](text, False)
            if found is None and field in _NUMERIC:
                found = values.leading_number(text)
            if found is not None:
                yield self._candidate(field, found, "next-line", label, block, block.conf)
                return
        yield from self._related(field, label, block, below(self.blocks, block, self.reach), +1)

    def _row_partner(self, block: Block, flow: str, end: int) -> Line | None:
        """The line across the row from a label that ends its line with a colon."""
        at = flow[:end].count("\n")
        if at >= len(block.lines) or not block.lines[at].text.rstrip().endswith(":"):
            return None
        return self._across(block.lines[at], block)

    def _under_a_bar(self, field: str, label: str, words: Line, block: Block) -> Candidate | None:
        """A progress bar under its label, the percentage at the bar's end ("Курс барысы" /
        ▬▬▬▬ 45%): the bar reads as specks, as nothing, or joins the label's block; the
        percentage is the first line on the row under the label's words, right of them."""
        if field not in _PERCENT:
            return None
        under = [
            (line.y0, line.x0, line)
            for other in self.blocks
            if other is not block
            for line in other.lines
            if words.y1 <= line.y0 < words.y1 + 2 * words.size and line.x0 > words.x1
        ]
        if not under:
            return None
        _, _, line = min(under, key=lambda u: (u[0], u[1]))
        value = self.validate[field](line.text, True)
        if value is None:
            return None
        return self._candidate(field, value, "skip", label, Block([line]), line.conf, block)

    def _across(self, line: Line, block: Block) -> Line | None:
        """The nearest line to the right of ``line`` on the same baseline, in another block."""
        height = line.y1 - line.y0
        across = [
            other_line
            for other in self.blocks
            if other is not block
            for other_line in other.lines
            if other_line.x0 > line.x1
            and other_line.x0 - line.x1 < 0.5 * self.page.width
            and min(other_line.y1, line.y1) - max(other_line.y0, line.y0) > 0.5 * height
        ]
        return min(across, key=lambda found: found.x0) if across else None

    def _before(
        self, field: str, label: str, block: Block, flow: str, start: int
    ) -> Iterator[Candidate]:
        head = flow[:start]
        earlier, _, line = head.rpartition("\n")
        if field in _NUMERIC:  # the unit is the anchor's word: the number just before it
            text = line if line.strip() else earlier
            number = values.trailing_number(text, percent=field != "hours")
            if number is None and field == "progress_percent":
                number = values.trailing_progress(text)
            if number is not None:
                yield self._candidate(field, number, "inline", label, block, block.conf)
            return
        if line.strip():
            if field == "course_title":  # quoted, or before a separator (a breadcrumb's ">")
                value = values.course_title(line, plain_ok=not label[:1].isalnum())
            else:
                value = self.validate[field](line, True)
            if value is not None:
                yield self._candidate(field, value, "inline", label, block, block.conf)
            return
        if earlier.strip():  # the words begin a line of the block: the value is the line above
            # (a course the lines above, up to a heading: "Certificate of Completion / <the
            # course> / completed by" set in one block)
            above_lines = (
                self._unlabelled(earlier.split("\n"), -1) or earlier
                if field == "course_title"
                else earlier.split("\n")[-1]
            )
            value = self.validate[field](above_lines, False)
            if value is not None:
                yield self._candidate(field, value, "next-line", label, block, block.conf)
            return
        yield from self._related(field, label, block, above(self.blocks, block, self.reach), -1)

    def _over_its_provider(self, block: Block) -> Block:
        """On a course page, who offers the course (a company, a university) is printed under
        its title in smaller type, between the title and the page's navigation: the title is
        the block right over that line."""
        if len(block.lines) != 1:
            return block
        over = above(self.blocks, block, 1.0)
        if not over or id(over[0]) in self._labels:
            return block
        ratio = block.size / max(over[0].lines[-1].size, 1e-6)  # type smaller than the title's
        provider = ratio < 0.85 or (ratio <= 1.0 and values.organisation_only(block.text))
        titled = self.validate["course_title"](over[0].flow, False) is not None
        return over[0] if provider and titled else block

    def _related(
        self, field: str, label: str, ref: Block, nearby: list[Block], side: int
    ) -> Iterator[Candidate]:
        skipped = 0
        for other in nearby:
            if id(other) in self._labels:
                # a label's block that joined the value on its side ("Congratulations, …"
                # over the course): that line alone, when it holds no label's words
                near = other.lines[-1] if side < 0 else other.lines[0]
                if len(other.lines) > 1 and not self._labelled(near.text):
                    value = self.validate[field](near.text, False)
                    if value is not None:
                        yield self._candidate(field, value, "block", label, other, near.conf, ref)
                        return
                skipped += 1
                if skipped > 1 or field == "person":  # a signatory's name is next to their
                    # role: past another label lies someone else's (the learner's)
                    break
                continue
            if field == "course_title" and side < 0 and self.screen:
                other = self._over_its_provider(other)
            text = other.flow
            if field in ("course_title", "learner_name") and len(other.lines) > 1:
                text = self._nearest_unlabelled(other, side)
            value = self.validate[field](text, False)
            if value is None and len(other.lines) > 1:
                # a block that joined a heading to the value ("СЕРТИФИКАТ" over the name):
                # the line next to the label alone
                near = other.lines[0] if side > 0 else other.lines[-1]
                value = self.validate[field](near.text, False)
            if value is not None:
                if field == "learner_name":
                    value = self._name_over_two_blocks(value, other, nearby, side)
                how = "skip" if skipped else "block"
                yield self._candidate(field, value, how, label, other, other.conf, ref)
                return
            break
        if side > 0 and (bar := self._under_a_bar(field, label, ref.lines[-1], ref)):
            yield bar
            return
        if field in _LOOK_AGAIN:
            self.gaps.append(self._gap(field, ref, side))

    def _nearest_unlabelled(self, block: Block, side: int) -> str:
        """The lines of a block next to a label, up to one that is a heading or holds a
        label's words ("Certificate of Completion / Congratulations, … / <the course>"
        above "Course completed on", "Leistungsnachweis / <the learner>" above "hat den
        Onlinekurs"): those are not part of the value."""
        return self._unlabelled([line.text for line in block.lines], side) or block.flow

    def _unlabelled(self, lines: list[str], side: int) -> str | None:
        """Of a block's lines next to a label (below it for ``side`` > 0, above it else), those
        before the first heading or label; None when there is none of them, or no other. The
        nearest line is kept even with a label's word in it when a heading follows ("Score-Based
        Risk Models" under "Certificate of Completion"): a heading is never between a label and
        its value."""
        ordered = lines if side > 0 else lines[::-1]
        kept: list[str] = []
        for text in ordered:
            if self.reading.headings.match(text) or (kept and self._labelled(text)):
                break
            kept.append(text)
        if not kept or len(kept) == len(ordered):
            return None
        return "\n".join(kept if side > 0 else kept[::-1])

    def _name_over_two_blocks(self, name: Any, block: Block, nearby: list[Block], side: int) -> Any:
        """A form's name set over two lines far enough apart to be two blocks (the surname
        over the given names): the next block on, as close and as large and a name too,
        completes it."""
        at = nearby.index(block)
        if at + 1 >= len(nearby) or id(nearby[at + 1]) in self._labels:
            return name
        more = nearby[at + 1]
        upper, lower = (block, more) if side > 0 else (more, block)
        small, large = sorted((block.size, more.size))
        if large > 1.25 * small or lower.y0 - upper.y1 > 1.2 * large:
            return name
        if any(  # a line between them (Udemy's instructors under the course, over the name)
            upper.y1 <= b.y0 and b.y1 <= lower.y0 and horizontal_overlap(b, lower) > 0
            for b in self.blocks
        ):
            return name
        joined = values.learner_name(f"{upper.flow}\n{lower.flow}", False)
        return joined if joined is not None and len(joined.split()) <= 5 else name

    def _gap(self, field: str, ref: Block, side: int) -> Gap:
        """The region beside a label where its value should be: as deep as a large value
        set at the label's reach, as wide as a title may run."""
        depth = 2.2 * self.reach * ref.size
        x0 = max(0.0, ref.x0 - 2 * ref.size)
        x1 = min(self.page.width, max(ref.x1 + 2 * ref.size, ref.x0 + 40 * ref.size))
        if side > 0:
            y0, y1 = ref.y1, min(self.page.height, ref.y1 + depth)
        else:
            y0, y1 = max(0.0, ref.y0 - depth), ref.y0
        return Gap(field, self.page.index, (x0, y0, x1, y1), ref.size)

    def _candidate(
        self,
        field: str,
        value: Any,
        how: str,
        label: str,
        block: Block,
        conf: float,
        ref: Block | None = None,
    ) -> Candidate:
        where = {
            "sentence": "in the sentence",
            "inline": "after" if ref is None else "beside",
            "next-line": "on the line next to",
            "block": "in the block beside",
            "skip": "past a label from",
        }[how]
        return Candidate(
            field,
            value,
            _BASE[how] * ocr_factor(conf),
            f"{where} '{label}'",
            self.page.index,
            block,
            id(ref if ref is not None else block),
            label,
        )


def _by_unit(field: str, label: str, text: str) -> float | None:
    """A number whose unit the label names or follows it: hours ("Количество часов: 24"), the
    parts of a course done ("Пройдено 12 из 15 модулей", "Progress: 18/24 lessons"), or a
    grade other than in percent ("с оценкой 92 балла", "Grade: 8.5/10")."""
    if field == "progress_percent":
        return values.parts_done(label, text)
    if field == "grade_percent":
        return values.graded(text)
    return values.bare_hours(label, text) if field == "hours" else None
