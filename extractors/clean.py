"""Repairs for what real documents do to text, line by line, before fields are read.

- ligatures as single characters (ﬁ), or glyphs without text where a ligature stood
  ("Certi�cate", "certi cate");
- words glued to domain names ("authorized bydeeplearning.aiand offered");
- OCR mixing Cyrillic and Latin look-alikes inside one word.

Letter spacing and glued words of text layers are undone by position (:mod:`extractors.pdf`),
URLs broken over lines by the layout (:mod:`extractors.fields.identifiers`).
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import replace

from extractors.layout import Line, PageLayout, Word
from extractors.models import english_words

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

# For IDs and URLs only: Cyrillic letters OCR puts where Latin ones stand (capitals and the
# lower-case shapes п/n, г/r, к/k, м/m, т/t, н/h, ь/b as well).
CYR_TO_LAT = str.maketrans(
    "АВЕКМНОРСТХУЅІЈаеорсхуіјԁһпгкмтнь",
    "ABEKMHOPCTXYSIJaeopcxyijdhnrkmthb",
)
# Latin letters OCR writes for Cyrillic ones, the Kazakh Ә and І among them (Ə and İ are Latin)
LAT_TO_CYR = str.maketrans("ABEKMHOPCTXYaeopcxyƏəİ", "АВЕКМНОРСТХУаеорсхуӘәІ")
_SAME_SHAPE_TO_LAT = str.maketrans("АВЕКМНОРСТХУЅІЈаеорсхуіјԁһ", "ABEKMHOPCTXYSIJaeopcxyijdh")
_CYR = re.compile(r"[\u0400-\u04FF]")
_LAT = re.compile(r"[A-Za-zƏəİ]")
_LOOKALIKE_CYR = set("АВЕКМНОРСТХУЅІЈаеорсхуіјԁһ")  # the same shapes in both scripts
_LOOKALIKE_LAT = set("ABEKMHOPCTXYaeopcxyƏəİ")
# In a line that is otherwise Latin, these Cyrillic letters were Latin ones misread.
_LATIN_LOOKING = _LOOKALIKE_CYR | set("пгкмтнь")
_LINE_TO_LAT = CYR_TO_LAT


_CAPS_BANG = re.compile(r"^([A-ZА-ЯЁ]{2,})!$")


def normalize_word(text: str) -> str:
    """One word (or run of words) of a text layer or of OCR, repaired."""
    text = _CAPS_BANG.sub(r"\1I", text)  # OCR's "!" for the I ending a word in capitals
    text = unicodedata.normalize("NFC", text)
    for lig, plain in LIGATURES.items():
        text = text.replace(lig, plain)
    text = text.replace("\u00a0", " ").replace("\u200b", "").replace("\u00ad", "")
    if "\ufffd" in text:
        text = _BROKEN_RE.sub(_join_ligature, text).replace("\ufffd", "")
    text = _GLUED_AFTER.sub(r"\1 \2", text)
    return _GLUED_BEFORE.sub(r"\1 ", text).strip()


def rejoin_ligatures(line: Line, words: frozenset[str]) -> Line:
    """A text layer's word cut where a ligature glyph had no text ("Classi cation",
    "futurelearn.com/certi cates/…"): a gap wider than the line's spaces (the ligature's
    width) between letters that the ligature's letters join into a word of ``words``."""
    gaps = sorted(b.x0 - a.x1 for a, b in itertools.pairwise(line.words))
    # the line's space; too few words to tell: a quarter of an em, as most fonts set it
    space = gaps[len(gaps) // 2] if len(gaps) >= 3 else 0.25 * line.words[0].size
    out: list[Word] = []
    for word in line.words:
        prev = out[-1] if out else None
        gap = word.x0 - prev.x1 if prev is not None else 0.0
        if prev is None or not (max(1.3 * space, 0.3 * prev.size) < gap < prev.size):
            out.append(word)
            continue
        head = re.search(r"[^\W\d_]+$", prev.text)
        tail = re.match(r"[^\W\d_]+", word.text)
        joined = None
        if head and tail:
            for lig in ("ffi", "ffl", "fi", "fl", "ff"):
                if f"{head.group(0)}{lig}{tail.group(0)}".casefold() in words:
                    joined = f"{prev.text}{lig}{word.text}"
                    break
        if joined is None:
            out.append(word)
        else:
            out[-1] = replace(prev, text=joined, x1=word.x1)
    return Line(out, line.page) if len(out) != len(line.words) else line


def clean_line(line: Line, ocr: bool) -> Line:
    """A line with its words repaired; OCR lines also get mixed-script words put right."""
    if not ocr and len(line.words) > 1:
        line = rejoin_ligatures(line, english_words())
    texts = [normalize_word(w.text) for w in line.words]
    if ocr:
        texts = harmonise_scripts(" ".join(texts)).split(" ") if all(texts) else texts
    if len(texts) != len(line.words):
        texts = [normalize_word(w.text) for w in line.words]
    words = [replace(w, text=t) for w, t in zip(line.words, texts, strict=True) if t]
    return Line(words, line.page) if words else line


def clean_page(page: PageLayout, ocr_words: bool) -> PageLayout:
    """Every line of a page repaired (OCR words are those with a confidence below 1)."""
    lines = []
    for line in page.lines:
        ocr = ocr_words and any(w.conf < 1.0 for w in line.words)
        lines.append(clean_line(line, ocr))
    return PageLayout(page.index, page.width, page.height, lines)


def _join_ligature(m: re.Match[str]) -> str:
    word = _BROKEN_LIGATURE.get((m.group(1).lower(), m.group(2).lower()))
    if word is None:
        return m.group(0)
    return word.capitalize() if m.group(1)[0].isupper() else word


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
    if lat > 3 * cyr:  # a Latin line: Cyrillic words of Latin-looking letters ("іп" = "in")
        words = [
            w.translate(_LINE_TO_LAT) if set(w) <= _LATIN_LOOKING | _PUNCT | _DIGITS else w
            for w in words
        ]
    elif cyr > lat:
        # A Cyrillic line: words of look-alikes read as Latin take Cyrillic ("Ha" = "на"),
        # but for words in capitals (PHP, CSS stay Latin in a Russian title) unless the line
        # is Cyrillic throughout.
        words = [
            w.translate(LAT_TO_CYR)
            if set(w) <= _LOOKALIKE_LAT | _PUNCT and (cyr > 3 * lat or not w.isupper())
            else w
            for w in words
        ]
    return " ".join(words)


_PUNCT = set(".,:;!?()-«»\"'")
_DIGITS = set("0123456789")


def latin(text: str) -> str:
    """IDs and URLs are Latin: OCR's Cyrillic look-alikes (О, С, Р, М, Т …) made Latin."""
    return text.translate(CYR_TO_LAT)
