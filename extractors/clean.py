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
import statistics
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
# "authorized bydeeplearning.ai": a word glued to the host after it; never inside an address
# ("https://atlas-skills.org", "www.bytes.kz")
_GLUED_BEFORE = re.compile(rf"(?<![/.@-])\b(by|from|at|through)(?=[a-z0-9-]+\.{_TLD}\b)")
_GLUED_AFTER = re.compile(rf"(\.{_TLD})(and|offered|through|in|on)\b")

# For IDs and URLs only: Cyrillic letters OCR puts where Latin ones stand (capitals and the
# lower-case shapes п/n, г/r, к/k, м/m, т/t, н/h, ь/b as well).
CYR_TO_LAT = str.maketrans(  # (Kazakh Ү is the shape of Y: OCR's Kazakh model reads it so)
    "АВЕКМНОРСТХУЅІЈҮаеорсхуіјԁһпгкмтнь",
    "ABEKMHOPCTXYSIJYaeopcxyijdhnrkmthb",
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
# Letters only Kazakh writes: in a line that has them, Latin "i" and "k" are look-alikes of
# Kazakh "і" and "к" too ("Өтепов Cepik" is "Өтепов Серік"; a Russian "Pi" stays Latin).
_KAZAKH_ONLY = set("ӘәҒғҚқҢңӨөҰұҮүҺһІі")
_KK_LAT_TO_CYR = str.maketrans("ABEKMHOPCTXYaeopcxyƏəİik", "АВЕКМНОРСТХУаеорсхуӘәІік")
_KK_LOOKALIKE_LAT = _LOOKALIKE_LAT | set("ik")


_CAPS_BANG = re.compile(r"^([A-ZА-ЯЁ]{2,})!$")
# OCR's "1" for the capital І that begins a Ukrainian or Kazakh word ("1рина" for "Ірина")
_ONE_FOR_I = re.compile(r"^1(?=[а-яіїєґәғқңөұүһ]{3,}$)")


def normalize_word(text: str) -> str:
    """One word (or run of words) of a text layer or of OCR, repaired."""
    text = _CAPS_BANG.sub(r"\1I", text)  # OCR's "!" for the I ending a word in capitals
    text = _ONE_FOR_I.sub("І", text)
    text = unicodedata.normalize("NFC", text)
    for lig, plain in LIGATURES.items():
        text = text.replace(lig, plain)
    text = text.replace("\u00a0", " ").replace("\u200b", "").replace("\u00ad", "")
    if "\ufffd" in text:
        text = _BROKEN_RE.sub(_join_ligature, text).replace("\ufffd", "")
    text = _GLUED_AFTER.sub(r"\1 \2", text)
    return _GLUED_BEFORE.sub(r"\1 ", text).strip()


LIGATURE_LETTERS = ("ffi", "ffl", "fi", "fl", "ff")


def ligature_gaps(line: Line) -> list[int]:
    """Where a text layer's line may have lost a ligature glyph: the indexes ``i`` of words
    followed by a gap, between letters, narrower than an em (the glyph's width) and where the
    layer wrote no space. A layer that writes no spaces at all: a gap wider than the line's
    spaces and than a space's usual ink gap (its advance and the letters' side bearings)."""
    gaps = sorted(b.x0 - a.x1 for a, b in itertools.pairwise(line.words))
    # the line's space; too few words to tell: its usual ink gap, about 0.45 em
    space = gaps[len(gaps) // 2] if len(gaps) >= 3 else 0.45 * line.words[0].size
    out = []
    for i, (a, b) in enumerate(itertools.pairwise(line.words)):
        if b.spaced:  # the text layer wrote a space there: a word ends
            continue
        least = 0.3 * a.size if b.spaced is False else max(1.3 * space, 0.6 * a.size)
        if least < b.x0 - a.x1 < a.size and (
            re.search(r"[^\W\d_]$", a.text) and re.match(r"[^\W\d_]", b.text)
        ):
            out.append(i)
    return out


def join_words_at(line: Line, joins: dict[int, str]) -> Line:
    """``line`` with each word ``i`` of ``joins`` joined to the next by ``joins[i]``."""
    if not joins:
        return line
    out: list[Word] = []
    for i, word in enumerate(line.words):
        if i - 1 in joins:
            prev = out[-1]
            out[-1] = replace(prev, text=f"{prev.text}{joins[i - 1]}{word.text}", x1=word.x1)
        else:
            out.append(word)
    return Line(out, line.page)


def rejoin_ligatures(line: Line, words: frozenset[str]) -> Line:
    """A text layer's word cut where a ligature glyph had no text ("Classi cation",
    "futurelearn.com/certi cates/…"): at a gap a lost glyph may have left, the ligature's
    letters that join the pieces into a word of ``words``."""
    joins: dict[int, str] = {}
    for i in ligature_gaps(line):
        head = re.search(r"[^\W\d_]+$", line.words[i].text)
        tail = re.match(r"[^\W\d_]+", line.words[i + 1].text)
        if head is None or tail is None:
            continue
        for lig in LIGATURE_LETTERS:
            if f"{head.group(0)}{lig}{tail.group(0)}".casefold() in words:
                joins[i] = lig
                break
    return join_words_at(line, joins)


def join_letter_spacing(line: Line) -> Line:
    """Words set letter by letter, as designers space capitals ("C E R T I F I C A T E",
    "A I G E R I M   N U R L A N O V A"), whose letters a text layer or OCR gives as words
    of one letter each: joined, a word ending where the gap is wider than the letters'."""
    words, out, i = line.words, [], 0
    while i < len(words):
        j = i
        while j < len(words) and len(words[j].text) == 1 and words[j].text.isalpha():
            j += 1
        run = words[i:j]
        if len(run) >= 6 or (len(run) >= 4 and all(w.text.isupper() for w in run)):
            gaps = [b.x0 - a.x1 for a, b in itertools.pairwise(run)]
            letter_gap = max(statistics.median(gaps), 0.05 * run[0].size)
            piece = [run[0]]
            for word, gap in zip(run[1:], gaps, strict=True):
                if gap > 1.6 * letter_gap:
                    out.append(_joined(piece))
                    piece = []
                piece.append(word)
            out.append(_joined(piece))
        else:
            out.extend(run)
        if j < len(words) and j == i:
            out.append(words[j])
            j += 1
        i = j
    return line if len(out) == len(words) else Line(out, line.page)


def _joined(letters: list[Word]) -> Word:
    return replace(letters[0], text="".join(w.text for w in letters), x1=letters[-1].x1)


def clean_line(line: Line, ocr: bool) -> Line:
    """A line with its words repaired; OCR lines also get mixed-script words put right."""
    if len(line.words) >= 4:
        line = join_letter_spacing(line)
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
    """A word OCR read with both scripts: turn look-alikes into the word's own script. The
    halves of a hyphenated word each have their own ("Python-разработка", "IT-специалист")."""
    if "-" in word.strip("-"):
        return "-".join(_one_script(part) for part in word.split("-"))
    return _one_script(word)


def _one_script(word: str) -> str:
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
    kazakh = any(c in _KAZAKH_ONLY for c in line)
    look_lat, to_cyr = (
        (_KK_LOOKALIKE_LAT, _KK_LAT_TO_CYR) if kazakh else (_LOOKALIKE_LAT, LAT_TO_CYR)
    )
    lat = sum(1 for w in words for c in w if _LAT.match(c) and c not in look_lat)
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
            w.translate(to_cyr)
            if set(w) <= look_lat | _PUNCT and (cyr > 3 * lat or not w.isupper())
            else w
            for w in words
        ]
    if cyr >= 3:  # Russian words that OCR reads as Latin look-alikes ("по" as "no") beside
        # Latin words that keep the line from counting as Cyrillic ("курс no JavaScript")
        words = [_LATIN_READ_RUSSIAN.get(w, w) for w in words]
    return " ".join(words)


# short Russian words whose Latin reading (п as n, и as u) is no word of a course's title
_LATIN_READ_RUSSIAN = {"no": "по", "ha": "на", "Ha": "на", "npu": "при", "u": "и", "nod": "под"}
_PUNCT = set(".,:;!?()-«»\"'")
_DIGITS = set("0123456789")


def unlike_latin(text: str) -> int:
    """Cyrillic letters that no Latin letter resembles (б, д, ж, қ, ә …): the sign of Cyrillic
    text, where "тіп" may be a small "min" misread."""
    return sum(1 for c in text if _CYR.match(c) and c not in _LATIN_LOOKING)


def latin(text: str) -> str:
    """IDs and URLs are Latin: OCR's Cyrillic look-alikes (О, С, Р, М, Т …) made Latin."""
    return text.translate(CYR_TO_LAT)
