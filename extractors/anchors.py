"""The anchors file (``anchors.yaml``): label templates, platform wordings, headings.

A template is compiled once into a regular expression over a block's text, whose lines are
joined by newlines: literal words match case-insensitively with any whitespace between them,
each ``{slot}`` becomes a named group. A slot at the start or the end of a template is not part
of the expression: the reader looks for its value beside the words or in the block above or
below them (see :mod:`extractors.fields.anchoring`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

ANCHORS_FILE = Path(__file__).with_name("anchors.yaml")

SLOTS = {
    "name": "learner_name",
    "title": "course_title",
    "date": "issued_on",
    "id": "certificate_id",
    "hours": "hours",
    "grade": "grade_percent",
    "progress": "progress_percent",
    "person": "person",  # a signatory or an instructor: never the learner
}
_SLOT = re.compile(r"\{(\w+)\}")


class AnchorError(ValueError):
    """The anchors file is wrong; the message names the entry."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Entry(_Model):
    template: str
    platform: str | None = None
    kind: Literal["screenshot"] | None = None


class _PlatformReading(_Model):
    wordings: list[str] = []
    anchors: list[str | _Entry] = []


class _AnchorFile(_Model):
    languages: dict[str, list[str | _Entry]]
    platforms: dict[str, _PlatformReading] = {}
    screens: list[str] = []
    verification: list[str] = []
    headings: list[str] = []


@dataclass(frozen=True, slots=True)
class Anchor:
    template: str
    lang: str
    slots: tuple[str, ...]  # field names of the slots, in order
    regex: re.Pattern[str]  # the words, with the inner slots as groups s1, s2 …
    lead: bool  # the first slot comes before any words
    tail: bool  # the last slot comes after all words
    platform: str | None = None
    screen_only: bool = False

    @property
    def fields(self) -> set[str]:
        return set(self.slots)


@dataclass(frozen=True, slots=True)
class Reading:
    """Everything the anchors file says, compiled."""

    anchors: tuple[Anchor, ...]
    screens: tuple[Anchor, ...]
    wordings: dict[str, tuple[re.Pattern[str], ...]]  # platform id → its phrases
    headings: re.Pattern[str]
    labels: re.Pattern[str]  # any anchor's words: a block that is only these is a label
    screen_labels: re.Pattern[str]  # the words of the course-page anchors
    # the words of anchors whose value follows them ("Course:", "has completed the course"):
    # a block that begins with these is a sentence announcing a value, not one ("Complete
    # Python Bootcamp" begins with the words after which "45%" would be a progress)
    openers: re.Pattern[str]
    # the words before a verification address, ending at most a few words before it
    verification: re.Pattern[str] | None = None
    # the openers of anchors whose value is not a number: a block that begins with the words
    # of a length's, a grade's, a progress's or a date's label alone ("Total", "Score",
    # "Data") announces its value only when a number follows ("Total Quality Management",
    # "Data Science: R Basics" are courses)
    unnumbered: re.Pattern[str] | None = None

    def for_document(self, platform: str | None, screenshot: bool) -> list[Anchor]:
        return [
            a
            for a in self.anchors
            if (a.platform is None or a.platform == platform) and (screenshot or not a.screen_only)
        ] + (list(self.screens) if screenshot else [])


# Ukrainian "пі" read as one "ш" by a reading without a Ukrainian model ("шдтверджує")
_PI_MISREAD = "(?:п[іi!1l|]|ш)"


def ocr_tolerant(literal: str) -> str:
    """A literal part of a pattern as OCR may give it back: its spaces (outside character
    classes) match any whitespace, its Kazakh (and Ukrainian) letters the Russian ones OCR reads
    for them ("сәтті аяқтады" as "сэтт! аяктады"; Ukrainian "пі" as "ш"), its accented Latin
    letters the bare ones, and "№" the letters OCR reads for it."""
    out = []
    depth = 0
    escaped = False
    for i, ch in enumerate(literal):
        if ch == "і" and i and literal[i - 1] == "п" and not depth and not escaped:
            continue  # taken with its п, below
        if ch == "п" and literal[i + 1 : i + 2] == "і" and not depth and not escaped:
            out.append(_PI_MISREAD)
            continue
        if escaped:
            out.append(ch)
            escaped = False
        elif ch == "\\":
            out.append(ch)
            escaped = True
        elif ch == "[":
            depth += 1
            out.append(ch)
        elif ch == "]" and depth:
            depth -= 1
            out.append(ch)
        elif ch == " " and not depth:
            if not out or out[-1] != r"\s+":
                out.append(r"\s+")
        elif ch in _KAZAKH_MISREAD and not depth:
            out.append(_KAZAKH_MISREAD[ch])
        elif ch in _ACCENTS_LOST and not depth:
            out.append(_ACCENTS_LOST[ch])
        elif ch == "№" and not depth:
            out.append(_NUMBER_SIGN)
        else:
            out.append(ch)
    return "".join(out)


# Latin letters with accents as OCR without that language's model gives them back: bare, or
# with another accent ("avec succès" as "avec succés", "com êxito" as "com éxito", "código"
# as "cédigo").
# Kazakh in the Latin alphabet (2018: á ǵ ń ó ú ý ı; 2021: ä ğ ñ ö ū ü ş ç ı) is written
# either way: each of its letters matches the other alphabet's too.
_ACCENTS_LOST = {
    "à": "[àáa]", "á": "[áàäa]", "â": "[âàáa]", "ã": "[ãáa]", "ä": "[äáa]", "ç": "[çc]",
    "è": "[èéêe]", "é": "[éèêe]", "ê": "[êéèe]", "í": "[íìi]", "ı": "[ıi]", "ó": "[óòöoé]",
    "ô": "[ôóo]", "õ": "[õóo]", "ö": "[öóo]", "ú": "[úùüu]", "ü": "[üúu]", "ş": "[şs]",
    "ñ": "[ñńn]", "ń": "[ńñn]", "ǵ": "[ǵğg]", "ğ": "[ğǵg]", "ū": "[ūu]", "ý": "[ýu]",
}  # fmt: skip


# the sign of a number as OCR gives it back: "Ne", "No", "N°" in Latin, "Ме", "Мо", "Хе" in
# Cyrillic ("Тіркеу № 000451" read as "Тіркеу Ме 000451")
_NUMBER_SIGN = "(?:№|[nнмхx][eoº°ео](?![^\\W\\d_])\\.?)"  # never a word's first letters

# A platform's wording is one phrase: its words may wrap onto the next line of a block, but
# never run from one block into the next ("Online course" in a browser's header, then a
# certificate's heading "CERTIFICATE", is not "course certificate"); see wording_text.
_SPACE = r"\s+"
_ONE_BREAK = r"(?:[^\S\n]+\n?|\n)[^\S\n]*"

# Kazakh letters as OCR often gives them back: their Russian neighbours ("сәтті аяқтады" read
# as "сэтт! аяктады"). An anchor's words match either.
_KAZAKH_MISREAD = {
    "ә": "[әэа]", "Ә": "[ӘЭА]", "қ": "[қк]", "Қ": "[ҚК]", "ғ": "[ғг]", "Ғ": "[ҒГ]",
    "ң": "[ңн]", "Ң": "[ҢН]", "ө": "[өое]", "Ө": "[ӨОЕ]", "ұ": "[ұу]", "Ұ": "[ҰУ]",
    "ү": "[үу]", "Ү": "[ҮУ]", "һ": "[һх]", "Һ": "[ҺХ]", "і": "[іi!1l|]", "І": "[ІI1l|]",
    # Ukrainian letters, read without a Ukrainian model ("підтверджуе")
    "є": "[єе]", "Є": "[ЄЕ]", "ї": "[їі]", "Ї": "[ЇІ]", "ґ": "[ґг]", "Ґ": "[ҐГ]",
}  # fmt: skip


def compile_template(
    template: str, lang: str, platform: str | None = None, screen_only: bool = False
) -> Anchor:
    parts = _SLOT.split(template)  # literal, slot, literal, slot, … literal
    literals, names = parts[0::2], parts[1::2]
    if not names:
        raise AnchorError(f"{template!r}: no slot such as {{name}} or {{title}}")
    unknown = [n for n in names if n not in SLOTS]
    if unknown:
        raise AnchorError(
            f"{template!r}: unknown slot {{{unknown[0]}}} (known: {', '.join(SLOTS)})"
        )
    lead = not literals[0].strip()
    tail = not literals[-1].strip()
    pieces: list[str] = []
    for i, literal in enumerate(literals):
        if literal.strip():
            pieces.append(ocr_tolerant(literal.strip()))
        if i < len(names) and not (i == 0 and lead) and not (i == len(names) - 1 and tail):
            pieces.append(rf"\s*(?P<s{i}>[\s\S]+?)\s*")
    body = "".join(pieces)
    if not body:
        raise AnchorError(f"{template!r}: no words around the slot")
    last = next(lit for lit in reversed(literals) if lit.strip())
    end = r"(?!\w)" if re.search(r"\w$", last.strip()) else ""
    try:
        regex = re.compile(rf"(?<![\w-]){body}{end}", re.IGNORECASE | re.MULTILINE)
    except re.error as exc:
        raise AnchorError(f"{template!r}: not a valid pattern ({exc})") from exc
    return Anchor(
        template=template,
        lang=lang,
        slots=tuple(SLOTS[n] for n in names),
        regex=regex,
        lead=lead,
        tail=tail,
        platform=platform,
        screen_only=screen_only,
    )


def load_reading(path: Path = ANCHORS_FILE, platform_ids: set[str] | None = None) -> Reading:
    """Read and compile the anchors file; a mistake is an :class:`AnchorError` naming it."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        data = _AnchorFile.model_validate(raw)
    except (OSError, yaml.YAMLError) as exc:
        raise AnchorError(f"{path}: cannot be read ({exc})") from exc
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise AnchorError(f"{path}: {where}: {first['msg']}") from exc
    anchors: list[Anchor] = []

    def add(entry: str | _Entry, lang: str, platform: str | None = None) -> None:
        if isinstance(entry, str):
            entry = _Entry(template=entry, platform=platform)
        if platform_ids is not None and entry.platform and entry.platform not in platform_ids:
            raise AnchorError(f"{path}: {entry.template!r}: unknown platform {entry.platform!r}")
        anchors.append(
            compile_template(entry.template, lang, entry.platform, entry.kind == "screenshot")
        )

    for lang, entries in data.languages.items():
        for entry in entries:
            add(entry, lang)
    wordings: dict[str, tuple[re.Pattern[str], ...]] = {}
    for pid, reading in data.platforms.items():
        if platform_ids is not None and pid not in platform_ids:
            raise AnchorError(f"{path}: platforms.{pid}: not in platforms.yaml")
        for entry in reading.anchors:
            add(entry, "platform", pid)
        phrases = (ocr_tolerant(w).replace(_SPACE, _ONE_BREAK) for w in reading.wordings)
        wordings[pid] = tuple(re.compile(rf"(?<!\w){p}(?!\w)", re.IGNORECASE) for p in phrases)
    screens = tuple(compile_template(t, "screen", screen_only=True) for t in data.screens)
    headings = re.compile(
        # (a bracket or a bar OCR made of a frame's edge may stand before it)
        r"^\s*[(\[|]?\s*(?:" + "|".join(ocr_tolerant(h) for h in data.headings) + r")\s*[.:!]?\s*$",
        re.IGNORECASE,
    )
    verification = (
        re.compile(
            r"(?<!\w)(?:" + "|".join(ocr_tolerant(v) for v in data.verification) + r")[^\n]{0,60}$",
            re.IGNORECASE,
        )
        if data.verification
        else None
    )
    # A label is an anchor's words alone: the inner slots become plain groups here.
    return Reading(
        tuple(anchors),
        screens,
        wordings,
        headings,
        _any_of(anchors),
        _any_of(screens),
        _any_of([a for a in anchors if not a.lead]),
        verification,
        _any_of([a for a in anchors if not a.lead and a.slots[-1] not in _NUMBERS]),
    )


# the fields whose values are written with digits (an anchor's slots name its fields)
_NUMBERS = {"hours", "grade_percent", "progress_percent", "issued_on"}


def _any_of(anchors: Sequence[Anchor]) -> re.Pattern[str]:
    """The words of any of the anchors (their inner slots as plain groups)."""
    parts = [re.sub(r"\(\?P<s\d+>", "(?:", a.regex.pattern) for a in anchors] or ["(?!)"]
    return re.compile("|".join(f"(?:{p})" for p in parts), re.IGNORECASE | re.MULTILINE)
