"""Name pairs for measuring the identity matcher, and the measurement (`tanu bench identity`).

True pairs: one person's name as the record has it (Cyrillic, passport Latin) against the ways
evidence writes it: passport Latin, the 2021 Kazakh Latin alphabet, Russian-style
transliteration, Kazakh letters replaced by Russian ones, another word order, with or without
the patronymic, upper case, an initial, in the dative of a Russian or Kazakh sentence. Hard
negatives: the same surname with another given name (siblings, namesakes), the same given name
with another surname, a brother's or sister's name, a namesake in the dative.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from pathlib import Path

from verifiers.identity import NameMatch, match_name

PEOPLE = [
    ("Сәдуақасова", "Әлия", "Нұрланқызы", "SADUAKASSOVA", "ALIYA"),
    ("Жұмабеков", "Ерлан", "Асқарұлы", "ZHUMABEKOV", "YERLAN"),
    ("Төлеуова", "Айгерім", "Серікқызы", "TOLEUOVA", "AIGERIM"),
    ("Қасымов", "Дәурен", "Болатұлы", "KASSYMOV", "DAUREN"),
    ("Әбдірахманова", "Інжу", "Маратқызы", "ABDIRAKHMANOVA", "INZHU"),
    ("Нұрланов", "Ғалым", "Ержанұлы", "NURLANOV", "GALYM"),
    ("Сейітқали", "Арман", "Қайратұлы", "SEIITKALI", "ARMAN"),
    ("Оспанова", "Меруерт", "Ғалымқызы", "OSPANOVA", "MERUYERT"),
    ("Есенғалиев", "Нұрсұлтан", "Маратұлы", "YESSENGALIYEV", "NURSULTAN"),
    ("Үмбетова", "Дана", "Ержанқызы", "UMBETOVA", "DANA"),
    ("Бекмұхамбетов", "Талғат", "Өмірзақұлы", "BEKMUKHAMBETOV", "TALGAT"),
    ("Ғабдуллина", "Самал", "Асқарқызы", "GABDULLINA", "SAMAL"),
    ("Құдайбергенов", "Арман", "Ғабитұлы", "KUDAIBERGENOV", "ARMAN"),
    ("Жақсылықова", "Әсем", "Болатқызы", "ZHAKSYLYKOVA", "ASSEM"),
    ("Өтепов", "Серік", "Қалиұлы", "OTEPOV", "SERIK"),
    ("Мұратова", "Айжан", "Ерланқызы", "MURATOVA", "AIZHAN"),
    ("Ким", "Анастасия", "Сергеевна", "KIM", "ANASTASIYA"),
    ("Иванов", "Дмитрий", "Александрович", "IVANOV", "DMITRIY"),
    ("Шәріпова", "Ұлжан", "Жұмабайқызы", "SHARIPOVA", "ULZHAN"),
    ("Хасанов", "Ілияс", "Ғалымұлы", "KHASSANOV", "ILIYAS"),
    ("Көшербаева", "Гүлназ", "Өмірбекқызы", "KOSHERBAYEVA", "GULNAZ"),
    ("Тұрсынбаев", "Ақжол", "Нұрланұлы", "TURSYNBAYEV", "AKZHOL"),
    ("Байжанова", "Ләззат", "Төлегенқызы", "BAIZHANOVA", "LAZZAT"),
    ("Ахметов", "Ержан", "Нұрланұлы", "AKHMETOV", "YERZHAN"),
]
OTHER_GIVEN = [
    "Айгүл",
    "Бауыржан",
    "Жанар",
    "Мадина",
    "Нұрлан",
    "Әйгерім",
    "Ерболат",
    "Сәуле",
    "Асхат",
    "Гаухар",
    "Данияр",
    "Камила",
]
OTHER_SURNAMES = ["Серікбаев", "Тоқтарова", "Исаев", "Жанұзақова", "Байтұрсынов", "Әлімова"]

KZ_2021 = {
    "ә": "ä",
    "ғ": "ğ",
    "қ": "q",
    "ң": "ñ",
    "ө": "ö",
    "ұ": "ū",
    "ү": "ü",
    "ш": "ş",
    "і": "i",
    "ы": "y",
    "ж": "j",
    "х": "h",
    "я": "ia",
    "ю": "iu",
    "й": "i",
    "ц": "c",
    "ч": "ch",
    "щ": "şş",
    "э": "e",
    "ё": "io",
    "ь": "",
    "ъ": "",
    "һ": "h",
}
RU_STYLE = {
    "ә": "a",
    "ғ": "g",
    "қ": "k",
    "ң": "n",
    "ө": "o",
    "ұ": "u",
    "ү": "u",
    "ш": "sh",
    "і": "i",
    "ы": "y",
    "ж": "zh",
    "х": "kh",
    "я": "ya",
    "ю": "yu",
    "й": "y",
    "ц": "ts",
    "ч": "ch",
    "щ": "shch",
    "э": "e",
    "ё": "yo",
    "ь": "",
    "ъ": "",
    "һ": "h",
}
BASIC = dict(zip("абвгдезиклмнопрстуф", "abvgdeziklmnoprstuf", strict=True))
KZ_TO_RU = str.maketrans("әғқңөұүһі", "агкноуухи")
KZ_2017 = {
    "ә": "a'",
    "ғ": "g'",
    "қ": "q",
    "ң": "n'",
    "ө": "o'",
    "ұ": "u'",
    "ү": "ý",
    "у": "ý",
    "ш": "s'",
    "ч": "c'",
    "і": "i",
    "ы": "y",
    "ж": "j",
    "х": "h",
    "я": "ia",
    "ю": "iý",
    "й": "i",
    "ц": "ts",
    "щ": "s's'",
    "э": "e",
    "ё": "io",
    "ь": "",
    "ъ": "",
    "һ": "h",
}
NEAR = {
    "Ерлан": "Ержан",
    "Арман": "Арнат",
    "Дана": "Дина",
    "Самал": "Самат",
    "Серік": "Берік",
    "Айжан": "Айжас",
    "Ержан": "Ерлан",
}


def translit(word: str, table: dict[str, str]) -> str:
    out = "".join(table.get(c, BASIC.get(c, c)) for c in word.lower())
    if word.lower().startswith("е") and table is RU_STYLE:
        out = "ye" + out[1:]
    return out.capitalize()


@dataclass(frozen=True)
class Pair:
    evidence: str
    full_name: str
    name_latin: str
    same: bool
    kind: str


def make_pairs(seed: int = 7) -> list[Pair]:
    rng = random.Random(seed)
    pairs: list[Pair] = []
    for surname, given, patronymic, lat_s, lat_g in PEOPLE:
        full = f"{surname} {given} {patronymic}"
        latin = f"{lat_s} {lat_g}"

        def add(evidence: str, same: bool, kind: str, full: str = full, latin: str = latin) -> None:
            pairs.append(Pair(evidence, full, latin, same, kind))

        add(f"{lat_g.capitalize()} {lat_s.capitalize()}", True, "passport latin, given first")
        add(f"{translit(given, KZ_2021)} {translit(surname, KZ_2021)}", True, "2021 latin")
        add(f"{translit(surname, RU_STYLE)} {translit(given, RU_STYLE)}", True, "russian-style")
        add(f"{surname.translate(KZ_TO_RU)} {given.translate(KZ_TO_RU)}", True, "russian letters")
        add(f"{given} {surname} {patronymic}", True, "cyrillic, other order")
        add(f"{surname.upper()} {given.upper()}", True, "cyrillic upper case")
        add(f"{translit(surname, RU_STYLE)} {translit(given, RU_STYLE)[0]}.", True, "initial")
        add(
            f"{translit(given, RU_STYLE)} {translit(surname, RU_STYLE)} "
            f"{translit(patronymic, RU_STYLE)}",
            True,
            "latin with patronymic",
        )
        add(f"{translit(given, KZ_2017)} {translit(surname, KZ_2017)}", True, "2017 latin")
        ocr = translit(surname, RU_STYLE)
        at = rng.randrange(1, len(ocr) - 1)
        add(
            f"{translit(given, RU_STYLE)} {ocr[:at]}{rng.choice('aeoiun')}{ocr[at + 1 :]}",
            True,
            "one letter misread",
        )
        add(f"{translit(surname, RU_STYLE)}", True, "surname only")
        # hard negatives
        other = rng.choice([g for g in OTHER_GIVEN if g != given])
        add(
            f"{translit(other, RU_STYLE)} {translit(surname, RU_STYLE)}",
            False,
            "same surname, other given name",
        )
        add(f"{surname} {other} {patronymic}", False, "sibling: same surname and patronymic")
        if given in NEAR:
            add(
                f"{translit(NEAR[given], RU_STYLE)} {translit(surname, RU_STYLE)}",
                False,
                "same surname, given name one letter apart",
            )
        other_s = rng.choice(OTHER_SURNAMES)
        add(
            f"{translit(given, RU_STYLE)} {translit(other_s, RU_STYLE)}",
            False,
            "same given name, other surname",
        )
        # a Russian certificate's "выдан …": the name in the dative (no draw: the pairs
        # above stay as they were)
        add(russian_dative(surname, given), True, "russian dative")
        add(russian_dative(surname, other), False, "russian dative, other given name")
        add(f"{surname} {kazakh_dative(given)}", True, "kazakh dative")
        add(f"{surname} {kazakh_dative(other)}", False, "kazakh dative, other given name")
    return pairs


def kazakh_dative(word: str) -> str:
    """To whom, in Kazakh ("Әйгерімге берілді", "Арманға"): -ға/-ге after a vowel or a voiced
    sound, -қа/-ке after a voiceless one; -ге/-ке when the last vowel is a front one."""
    vowels = [c for c in word.casefold() if c in "аоұыяуәеіөүэи"]
    front = bool(vowels) and vowels[-1] in "әеіөүэи"
    voiceless = word[-1] in "кқпстфхцчшщ"
    return word + {(True, True): "ке", (True, False): "ге", (False, True): "қа"}.get(
        (front, voiceless), "ға"
    )


def russian_dative(surname: str, given: str) -> str:
    """The name as a Russian sentence gives it to someone ("Сертификат выдан Сәдуақасовой
    Әлии"): a woman's surname in -а takes -ой and her given name in a consonant stays; a
    man's surname and given name in a consonant take -у; -ия, -а and -й take -ии, -е, -ю;
    names ending in another vowel (Інжу, Сейітқали) do not change."""
    woman = surname.endswith("а")
    if woman:
        surname = surname[:-1] + "ой"
    elif surname[-1] not in "аеиоуыэюяәөұүі":
        surname += "у"
    if given.endswith("ия"):
        given = given[:-1] + "и"
    elif given.endswith("а"):
        given = given[:-1] + "е"
    elif given.endswith("й"):
        given = given[:-1] + "ю"
    elif not woman and given[-1] not in "аеиоуыэюяәөұүі":
        given += "у"
    return f"{surname} {given}"


def write_pairs(path: Path, pairs: list[Pair]) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["evidence", "full_name", "name_latin", "same_person", "kind"])
        for p in pairs:
            w.writerow([p.evidence, p.full_name, p.name_latin, "yes" if p.same else "no", p.kind])


def read_pairs(path: Path) -> list[Pair]:
    with path.open(encoding="utf-8") as fh:
        return [
            Pair(
                r["evidence"], r["full_name"], r["name_latin"], r["same_person"] == "yes", r["kind"]
            )
            for r in csv.DictReader(fh)
        ]


@dataclass(frozen=True)
class IdentityScore:
    true_pairs: int
    negatives: int
    matched: int  # true pairs: match
    probable: int  # true pairs: probable
    false_matches: list[Pair]  # negatives: match
    false_probable: list[Pair]  # negatives: probable
    missed: list[Pair]  # true pairs: no match

    @property
    def recall(self) -> float:
        return (self.matched + self.probable) / self.true_pairs if self.true_pairs else 1.0

    @property
    def precision(self) -> float:
        said = self.matched + len(self.false_matches)
        return self.matched / said if said else 1.0


def score(pairs: list[Pair]) -> IdentityScore:
    matched = probable = 0
    false_matches: list[Pair] = []
    false_probable: list[Pair] = []
    missed: list[Pair] = []
    for p in pairs:
        outcome = match_name(p.evidence, p.full_name, p.name_latin).outcome
        if p.same:
            matched += outcome is NameMatch.MATCH
            probable += outcome is NameMatch.PROBABLE
            if outcome is NameMatch.NO_MATCH:
                missed.append(p)
        elif outcome is NameMatch.MATCH:
            false_matches.append(p)
        elif outcome is NameMatch.PROBABLE:
            false_probable.append(p)
    return IdentityScore(
        sum(p.same for p in pairs),
        sum(not p.same for p in pairs),
        matched,
        probable,
        false_matches,
        false_probable,
        missed,
    )
