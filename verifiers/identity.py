"""Does the name on the evidence belong to the learner? (3(3), 4.4: the confirming document must
be the applicant's own.)

Names are compared as skeletons: Cyrillic transliterated, every Kazakh letter folded with its
Latin spellings (Ә/Ä/A, Ғ/Ğ/G/Gh, Қ/Q/K, Ң/Ñ/N/Ng, Ө/Ö/O, Ұ/Ū/U, Ү/Ü/U, Ж/J/Zh, Х/H/Kh, Ш/Ş/Sh,
І/I, Ы/Y, Я/Ya/Ia, Ю/Yu/Iu), doubled letters single (Kassymov), patronymics (-ұлы, -қызы, -ович,
-овна) set aside, word order free; a Russian or Kazakh sentence's cases of a Cyrillic name
("выдан Петровой Анне", "Әйгерімге берілді") are that name. Outcomes:

- **match**: surname and given name agree;
- **probable**: they agree up to an initial or one letter (OCR, a rare spelling), or the
  evidence shows only one of the two: the commission decides, with the reason;
- **no match**: the surname or the given name differs (a namesake is not the learner).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

_CYR = {
    "а": "a",
    "ә": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "ғ": "g",
    "д": "d",
    "е": "e",
    "ё": "yo",
    "ж": "zh",
    "з": "z",
    "и": "i",
    "й": "y",
    "к": "k",
    "қ": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "ң": "n",
    "о": "o",
    "ө": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ұ": "u",
    "ү": "u",
    "ф": "f",
    "х": "kh",
    "һ": "h",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ъ": "",
    "ы": "y",
    "і": "i",
    "ь": "",
    "э": "e",
    "ю": "yu",
    "я": "ya",
}
# Spellings that mean the same sound, folded to one (order matters: longest first).
_FOLD = [
    ("shch", "sh"),
    ("kh", "h"),
    ("zh", "j"),
    ("gh", "g"),
    ("ng", "n"),
    ("ts", "c"),
    ("ia", "ya"),
    ("iu", "yu"),
    ("ye", "e"),
    ("yo", "e"),
    ("q", "k"),
    ("x", "h"),
    ("w", "u"),
    ("iy", "i"),
    ("yi", "i"),
    ("y", "i"),
    ("dj", "j"),
]
_PATRONYMIC = re.compile(
    r"(?:улы|ұлы|uly|ulu|kyzy|qyzy|кызы|қызы|ovich|evich|ovna|evna|ович|евич|овна|евна|ична|"
    r"ичь|ich|ichna|"
    # and in the other cases of Russian grammar ("выдан … Сергеевне", "… Александровичу")
    r"ович[ауе]|евич[ауе]|ович[ео]м|евич[ео]м|овн[ыеу]|евн[ыеу]|овной|евной|ичн[ыеу]|ичной)$",
    re.IGNORECASE,
)
_VOWELS = "аеёиоуыэюяәөұүі"


def case_forms(word: str) -> set[str]:
    """A Cyrillic name in the nominative and in the other cases Russian and Kazakh grammar put
    it in ("Сертификат выдан Петровой Анне", "награждается Ивановым Дмитрием", "Жұмабаева
    Әйгерімге берілді"): the endings of
    surnames in -ов/-ева/-ин/-ский, of given names in a consonant, -й, -ь, -а, -я, -ия.
    Kazakh given names that Russian leaves undeclined (Айгерим) are among the consonant
    names' forms as they are. Latin words have no forms but themselves."""
    w = word.casefold()
    if not re.fullmatch(r"[а-яёәғқңөұүһі-]+", w):
        return {w}
    stem1, stem2 = w[:-1], w[:-2]
    forms = {w}
    if w.endswith(("ова", "ева", "ёва", "ина", "ына")):  # a woman's surname
        forms |= {stem1 + "ой", stem1 + "у"}
    if w.endswith("ая"):
        forms |= {stem2 + "ой", stem2 + "ую"}
    elif w.endswith("ий"):  # Дмитрий; -ский surnames
        forms |= {stem2 + e for e in ("ия", "ию", "ием", "ии", "ого", "ому", "им", "ом")}
    elif w.endswith(("й", "ь")):  # Алексей, Игорь
        forms |= {stem1 + e for e in ("я", "ю", "ем", "е")}
    elif w.endswith("ия"):  # Мария
        forms |= {stem1 + e for e in ("и", "ю", "ей")}
    elif w.endswith(("а", "я")):  # Анна, Илья; and a woman's surname's other endings
        forms |= {stem1 + e for e in ("ы", "и", "е", "у", "ю", "ой", "ей")}
    elif w[-1] not in _VOWELS:  # Иванов, Руслан
        forms |= {w + e for e in ("а", "у", "ом", "ым", "ем", "е")}
    # Kazakh puts the suffix on the name's last word: to whom ("Әйгерімге берілді"), whose,
    # whom — each in its sound-harmony variants
    forms |= {w + e for e in _KAZAKH_CASES}
    return forms


_KAZAKH_CASES = (
    "ға", "ге", "қа", "ке", "на", "не",
    "ның", "нің", "дың", "дің", "тың", "тің",
    "ны", "ні", "ды", "ді", "ты", "ті",
)  # fmt: skip


class NameMatch(StrEnum):
    MATCH = "match"
    PROBABLE = "probable"
    NO_MATCH = "no-match"


@dataclass(frozen=True, slots=True)
class IdentityResult:
    outcome: NameMatch
    reason: str


# Kazakh in Latin letters (2021: Ş, Ç, Ğ, Ñ, dotless I for ы; 2018: Ý for у; 2017: letters
# marked with an apostrophe): letters whose mark changes the sound are spelled out before the
# other marks are stripped (Ş would become S, ı would be lost), as the Cyrillic ones are.
_LATIN_KK = {"ş": "sh", "ç": "ch", "ğ": "g", "ñ": "n", "ı": "y", "ý": "u", "'": "", "’": ""}


def skeleton(word: str) -> str:
    """A word reduced to what any spelling of it shares."""
    w = unicodedata.normalize("NFC", word.casefold())
    w = "".join(_CYR.get(c, _LATIN_KK.get(c, c)) for c in w)
    w = "".join(c for c in unicodedata.normalize("NFKD", w) if not unicodedata.combining(c))
    w = re.sub(r"[^a-z]", "", w)
    for a, b in _FOLD:
        w = w.replace(a, b)
    return re.sub(r"(.)\1+", r"\1", w)  # Kassymov = Kasymov


def _parts(name: str) -> list[str]:
    """The name's words as written, without patronymics."""
    raw = [w for w in re.split(r"[\s,]+", name.strip()) if w]
    return [w for w in raw if not (_PATRONYMIC.search(w.rstrip(".")) and len(w) > 5)]


def _words(name: str) -> tuple[list[str], bool]:
    """Skeletons of the name's words without patronymics; whether an initial stood in it."""
    initials = False
    out = []
    for w in _parts(name):
        if re.fullmatch(r"[^\W\d_]\.?", w):
            initials = True
            out.append(skeleton(w)[:1] + ".")
            continue
        s = skeleton(w)
        if s:
            out.append(s)
    return out, initials


def _close(a: str, b: str) -> bool:
    """Equal but for one letter (edit distance 1), for words of five letters or more."""
    if min(len(a), len(b)) < 5 or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def match_name(evidence: str, full_name: str, name_latin: str = "") -> IdentityResult:
    """Compare the name on the evidence with the learner's record (Cyrillic and passport Latin)."""
    got, _ = _words(evidence)
    if not got:
        return IdentityResult(NameMatch.NO_MATCH, "the evidence shows no name")
    best: IdentityResult | None = None
    for record in (full_name, name_latin):
        if not record:
            continue
        want, _ = _words(record)
        result = _compare(got, want)
        if result.outcome is not NameMatch.MATCH:
            declined = _declined(got, record)
            if declined is not None:
                result = declined
        if best is None or _rank(result) > _rank(best):
            best = result
    assert best is not None
    return best


def _declined(got: list[str], record: str) -> IdentityResult | None:
    """The record's surname and given name both on the evidence in another grammatical case
    ("Петровой Анне" for Петрова Анна, "Жұмабаева Әйгерімге"): a match, said so."""
    words = _parts(record)
    if len(words) < 2:
        return None
    surname, given = ({skeleton(f) for f in case_forms(w)} for w in words[:2])
    full = [w for w in got if not w.endswith(".")]
    if any(w in surname for w in full) and any(w in given for w in full):
        extra = [w for w in full if w not in surname | given]
        if not extra:
            return IdentityResult(
                NameMatch.MATCH,
                "surname and given name agree (declined, as the sentence puts them)",
            )
    return None


def _rank(r: IdentityResult) -> int:
    return {NameMatch.NO_MATCH: 0, NameMatch.PROBABLE: 1, NameMatch.MATCH: 2}[r.outcome]


def _compare(got: list[str], want: list[str]) -> IdentityResult:
    """``want`` is surname then given name (the record's order); ``got`` in any order."""
    if len(want) < 2:
        return IdentityResult(NameMatch.NO_MATCH, "the record has no given name")
    surname, given = want[0], want[1]
    full = [w for w in got if not w.endswith(".")]
    initials = [w[0] for w in got if w.endswith(".")]

    def found(target: str) -> str:
        if target in full:
            return "same"
        if any(_close(target, w) for w in full):
            return "close"
        if target[0] in initials:
            return "initial"
        return "absent"

    s, g = found(surname), found(given)
    extra = [
        w
        for w in full
        if w not in (surname, given) and not _close(w, surname) and not _close(w, given)
    ]
    if s == "same" and g == "same":
        return IdentityResult(NameMatch.MATCH, "surname and given name agree")
    if "absent" in (s, g):
        if s == "same" and g == "absent" and not extra:
            return IdentityResult(NameMatch.PROBABLE, "only the surname is shown")
        if g == "same" and s == "absent" and not extra:
            return IdentityResult(NameMatch.PROBABLE, "only the given name is shown")
        which = "surname" if s == "absent" else "given name"
        return IdentityResult(NameMatch.NO_MATCH, f"the {which} differs")
    reasons = {"close": "differs by one letter", "initial": "is an initial"}
    parts = [
        f"the surname {reasons[s]}" if s != "same" else "",
        f"the given name {reasons[g]}" if g != "same" else "",
    ]
    return IdentityResult(NameMatch.PROBABLE, "; ".join(p for p in parts if p))
