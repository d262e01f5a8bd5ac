"""Repairs for what real documents do to text, before fields are read.

- ligatures as single characters (ﬁ) or dropped ("certi cate");
- letter-spaced lines from Chromium-made PDFs ("A ug 30,  2024", "Cour ser a  ha s");
- words glued to domain names ("authorized bydeeplearning.aiand offered");
- URLs broken across lines;
- OCR mixing Cyrillic and Latin look-alikes inside one word.
"""

from __future__ import annotations

import re
import unicodedata

LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}

# Words seen broken where a ligature glyph had no text mapping: "certi cate", "quali ed".
_LIGATURE_WORDS = [
    "certificate",
    "certificates",
    "certified",
    "certifies",
    "certify",
    "certification",
    "qualification",
    "qualified",
    "official",
    "officially",
    "specification",
    "profile",
    "field",
    "final",
    "finance",
    "financial",
    "scientific",
    "efficient",
    "first",
    "fluency",
    "workflow",
    "workflows",
    "influence",
    "reflection",
    "offered",
    "effective",
    "difficult",
    "confirmed",
    "confirms",
    "confirm",
    "verified",
    "verifies",
    "verify",
    "identified",
    "specified",
    "classified",
    "artificial",
    "benefits",
    "fifth",
    "modified",
    "justified",
    "flexible",
    "fluent",
    "conflict",
    "affiliate",
    "affiliated",
]
_BROKEN_LIGATURE = {}
for _word in _LIGATURE_WORDS:
    for _lig in ("ffi", "ffl", "fi", "fl", "ff"):
        _at = _word.find(_lig)
        if _at > 0:
            _BROKEN_LIGATURE[(_word[:_at], _word[_at + len(_lig) :])] = _word
            break
_BROKEN_RE = re.compile(
    r"\b("
    + "|".join(sorted({re.escape(a) for a, _ in _BROKEN_LIGATURE}, key=len, reverse=True))
    + r")[\s\ufffd\u0000-\u001f]{1,2}("
    + "|".join(sorted({re.escape(b) for _, b in _BROKEN_LIGATURE}, key=len, reverse=True))
    + r")\b",
    re.IGNORECASE,
)

_TLD = r"(?:ai|com|org|edu|net|io|kz|ru|uk)"
_GLUED_BEFORE = re.compile(rf"\b(by|from|at|through)(?=[a-z0-9-]+\.{_TLD}\b)")
_GLUED_AFTER = re.compile(rf"(\.{_TLD})(and|offered|through|in|on)\b")

_URL_PIECE = re.compile(r"^[A-Za-z0-9\-._~/%?=&#]+$")
_URL_AT_END = re.compile(r"(?:https?://|www\.)\S*$", re.IGNORECASE)

# For IDs and URLs only: Cyrillic letters OCR puts where Latin ones stand (capitals and the
# lower-case shapes п/n, г/r, к/k, м/m, т/t, н/h, ь/b as well).
CYR_TO_LAT = str.maketrans(
    "АВЕКМНОРСТХУЅІЈаеорсхуіјԁһпгкмтнь",
    "ABEKMHOPCTXYSIJaeopcxyijdhnrkmthb",
)
LAT_TO_CYR = str.maketrans("ABEKMHOPCTXYaeopcxy", "АВЕКМНОРСТХУаеорсху")
_SAME_SHAPE_TO_LAT = str.maketrans("АВЕКМНОРСТХУЅІЈаеорсхуіјԁһ", "ABEKMHOPCTXYSIJaeopcxyijdh")
_CYR = re.compile(r"[\u0400-\u04FF]")
_LAT = re.compile(r"[A-Za-z]")
_LOOKALIKE_CYR = set("АВЕКМНОРСТХУЅІЈаеорсхуіјԁһ")  # the same shapes in both scripts
_LOOKALIKE_LAT = set("ABEKMHOPCTXYaeopcxy")


def normalize_line(text: str, ocr: bool) -> str:
    """One line repaired; OCR lines also get their mixed-script words put right. Letter
    spacing, a property of a whole text-layer page, is undone before (collapse_spaced_page)."""
    text = normalize(text, letter_spaced=False)
    return harmonise_scripts(text) if ocr else text


def _spaced_groups(line: str) -> list[str] | None:
    """The words of a letter-spaced line (fragments joined), or None when it is not one."""
    stripped = line.strip()
    if "  " not in stripped:
        return None
    groups = re.split(r" {2,}", stripped)
    fragments = [f for g in groups for f in g.split(" ") if f]
    short = sum(1 for f in fragments if len(f) <= 3)
    if len(fragments) < 3 or short / len(fragments) < 0.5 or not any(" " in g for g in groups):
        return None
    return [g.replace(" ", "") for g in groups]


def collapse_spaced_page(lines: list[str]) -> list[str]:
    """Undo the letter spacing of Chromium-made PDFs, page by page.

    In layout-mode text, single spaces split the glyph runs of a word and wider gaps separate
    words ("Cour ser a  ha s"). A page shows the pattern on several lines when it is spaced;
    then every line is collapsed, one-word lines too ("Fu tureL earn", "0 4/2 5 /20 25"). An
    ordinary page is left alone, but for its runs of spaces.
    """
    spaced = sum(1 for line in lines if _spaced_groups(line) is not None)
    if spaced < 2:
        return [re.sub(r" {2,}", " ", line.strip()) for line in lines]
    out = []
    for line in lines:
        stripped = line.strip()
        if "  " in stripped:  # words apart by wide gaps, glyph runs by single spaces
            out.append(" ".join(g.replace(" ", "") for g in re.split(r" {2,}", stripped)))
        else:  # a one-word line
            out.append(stripped.replace(" ", ""))
    return out


def normalize(text: str, letter_spaced: bool = True) -> str:
    text = unicodedata.normalize("NFC", text)
    for lig, plain in LIGATURES.items():
        text = text.replace(lig, plain)
    text = text.replace("\u00a0", " ").replace("\u200b", "")
    text = _BROKEN_RE.sub(_join_ligature, text)
    lines = text.splitlines()
    if letter_spaced:
        lines = [collapse_letter_spacing(line) for line in lines]
    lines = _join_broken_urls(lines)
    text = "\n".join(lines)
    text = _GLUED_AFTER.sub(r"\1 \2", text)
    text = _GLUED_BEFORE.sub(r"\1 ", text)
    return text


def _join_ligature(m: re.Match[str]) -> str:
    word = _BROKEN_LIGATURE.get((m.group(1).lower(), m.group(2).lower()))
    if word is None:
        return m.group(0)
    return word.capitalize() if m.group(1)[0].isupper() else word


def collapse_letter_spacing(line: str) -> str:
    """Undo letter spacing: within words single spaces split glyph runs, between words two.

    Only lines that show the pattern (a double space, and mostly very short fragments) are
    touched, so ordinary text is left alone.
    """
    stripped = line.strip()
    if "  " not in stripped:
        # a single letter-spaced word or number: "0 4/2 5 /20 25"
        fragments = stripped.split(" ")
        if len(fragments) >= 4 and all(len(f) <= 3 for f in fragments):
            return stripped.replace(" ", "")
        return line
    groups = re.split(r" {2,}", stripped)
    fragments = [f for g in groups for f in g.split(" ") if f]
    if len(fragments) < 3:
        return line
    short = sum(1 for f in fragments if len(f) <= 3)
    if short / len(fragments) < 0.5 or not any(" " in g for g in groups):
        return re.sub(r" {2,}", " ", line)
    return " ".join(g.replace(" ", "") for g in groups)


def continues_url(previous: str, line: str) -> bool:
    """``line`` is the rest of a URL that ``previous`` ends with."""
    stripped = line.strip()
    return bool(
        _URL_AT_END.search(previous)
        and stripped
        and _URL_PIECE.match(stripped)
        and (
            previous.endswith(("/", "-", "_", ".", "=")) or re.search(r"/[A-Za-z0-9-]*$", previous)
        )
    )


def _join_broken_urls(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        if out and continues_url(out[-1], line):
            out[-1] += line.strip()
        else:
            out.append(line)
    return out


def fix_mixed_script(word: str) -> str:
    """A word OCR read with both scripts: turn look-alikes into the word's own script."""
    if not (_CYR.search(word) and _LAT.search(word)):
        return word
    cyr_only = sum(1 for c in word if _CYR.match(c) and c not in _LOOKALIKE_CYR)
    lat_only = sum(1 for c in word if _LAT.match(c) and c not in _LOOKALIKE_LAT)
    if cyr_only > lat_only:
        return word.translate(LAT_TO_CYR)
    if lat_only > cyr_only:
        return word.translate(CYR_TO_LAT)
    return word


def harmonise_scripts(line: str) -> str:
    """OCR reading a Latin line with Cyrillic look-alikes (or the reverse): mixed words are put
    right, and words made only of look-alikes take the script that dominates the line."""
    words = [fix_mixed_script(w) for w in line.split(" ")]
    lat = sum(1 for w in words for c in w if _LAT.match(c) and c not in _LOOKALIKE_LAT)
    cyr = sum(1 for w in words for c in w if _CYR.match(c) and c not in _LOOKALIKE_CYR)
    if lat > 3 * cyr:
        words = [
            w.translate(_SAME_SHAPE_TO_LAT) if set(w) <= _LOOKALIKE_CYR | _PUNCT else w
            for w in words
        ]
    elif cyr > 3 * lat:
        words = [w.translate(LAT_TO_CYR) if set(w) <= _LOOKALIKE_LAT | _PUNCT else w for w in words]
    return " ".join(words)


_PUNCT = set(".,:;!?()-«»\"'")


def latin(text: str) -> str:
    """IDs and URLs are Latin: OCR's Cyrillic look-alikes (О, С, Р, М, Т …) made Latin."""
    return text.translate(CYR_TO_LAT)
