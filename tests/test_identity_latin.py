"""Names in the Kazakh Latin alphabet of 2021 (Ş, Ğ, Ñ, Ä, Ö, Ū, Ü, dotless ı for і, Q) are the
same names as in Cyrillic: `Şolpan Ğabdullina` is Ғабдуллина Шолпан, `Ermek Täjıbaev` is
Тәжібаев Ермек. The rule is tested on every learner of the data files, each name written out
in that alphabet by a generator (given name first and surname first), and on the issue's own
examples; the hard negatives of the identity bench stay apart."""

from __future__ import annotations

import pytest

from flows.bench.identity import read_pairs, score
from flows.datafiles import Catalog
from flows.settings import PROJECT_ROOT
from verifiers.identity import NameMatch, match_name

LATIN_2021 = str.maketrans(
    {
        "а": "a", "ә": "ä", "б": "b", "в": "v", "г": "g", "ғ": "ğ", "д": "d", "е": "e",
        "ё": "io", "ж": "j", "з": "z", "и": "i", "й": "i", "к": "k", "қ": "q", "л": "l",
        "м": "m", "н": "n", "ң": "ñ", "о": "o", "ө": "ö", "п": "p", "р": "r", "с": "s",
        "т": "t", "у": "u", "ұ": "ū", "ү": "ü", "ф": "f", "х": "h", "һ": "h", "ц": "ts",
        "ч": "ç", "ш": "ş", "щ": "şş", "ъ": "", "ы": "y", "і": "ı", "ь": "", "э": "e",
        "ю": "iu", "я": "ia",
    }
)  # fmt: skip


def latin_2021(cyrillic: str) -> str:
    return " ".join(w.lower().translate(LATIN_2021).capitalize() for w in cyrillic.split())


@pytest.mark.parametrize(
    ("evidence", "full_name"),
    [
        ("Şolpan Ğabdullina", "Ғабдуллина Шолпан Ерланқызы"),
        ("Ermek Täjıbaev", "Тәжібаев Ермек"),
        ("Aşat Işan", "Ішан Ашат"),
        ("Dıñmūhamed Şoqai", "Шоқай Дінмұхамед"),
    ],
)
def test_names_of_the_issue_match(evidence: str, full_name: str) -> None:
    assert match_name(evidence, full_name).outcome is NameMatch.MATCH


def test_every_learner_written_in_the_2021_alphabet_matches(catalog: Catalog) -> None:
    for learner in catalog.learners.values():
        surname, given, *_ = learner.full_name.split()
        for shown in (f"{given} {surname}", f"{surname} {given}"):
            written = latin_2021(shown)
            result = match_name(written, learner.full_name, learner.name_latin)
            assert result.outcome is NameMatch.MATCH, (written, learner.full_name, result)


def test_the_hard_negatives_stay_apart() -> None:
    found = score(read_pairs(PROJECT_ROOT / "tests" / "identity_pairs.csv"))
    assert found.false_matches == []
    assert found.recall >= 0.98
