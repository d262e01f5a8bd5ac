"""A Russian or Kazakh certificate names its holder in the case its sentence wants
("Сертификат выдан Петровой Анне Сергеевне", "Удостоверение выдано Цою Виктору Робертовичу",
"Сертификат Жұмабаева Әйгерімге берілді"): the same person as the register's nominative, not
a namesake. Examples written as the grammars have them; a declined namesake stays apart."""

from __future__ import annotations

import pytest

from verifiers.identity import NameMatch, case_forms, match_name


@pytest.mark.parametrize(
    ("evidence", "record"),
    [
        ("Петровой Анне Сергеевне", "Петрова Анна Сергеевна"),  # dative
        ("Петровой Анны Сергеевны", "Петрова Анна Сергеевна"),  # genitive
        ("Иванову Дмитрию Александровичу", "Иванов Дмитрий Александрович"),
        ("Ивановым Дмитрием Александровичем", "Иванов Дмитрий Александрович"),  # instrumental
        ("Цою Виктору Робертовичу", "Цой Виктор Робертович"),
        ("Ким Анастасии Сергеевне", "Ким Анастасия Сергеевна"),  # Ким: not declined
        ("Смирнову Алексею", "Смирнов Алексей Игоревич"),
        ("Жумабаевой Айгерим Сериковне", "Жумабаева Айгерим Сериковна"),  # Айгерим: not declined
        ("Нұрланову Ғалыму", "Нұрланов Ғалым Ержанұлы"),
        ("Алексею Смирнову", "Смирнов Алексей"),  # another order
        # Kazakh: the suffix on the last word, in its sound-harmony variant
        ("Жұмабаева Әйгерімге", "Жұмабаева Әйгерім Серікқызы"),
        ("Оспанова Меруертке", "Оспанова Меруерт Ғалымқызы"),
        ("Сейітқали Арманға", "Сейітқали Арман"),
        ("Үмбетова Данаға", "Үмбетова Дана"),
        ("Жұмабаева Әйгерімнің", "Жұмабаева Әйгерім"),  # whose
    ],
)
def test_a_declined_name_is_the_holder(evidence: str, record: str) -> None:
    result = match_name(evidence, record)
    assert result.outcome is NameMatch.MATCH, result


@pytest.mark.parametrize(
    ("evidence", "record"),
    [
        ("Петровой Марии Сергеевне", "Петрова Анна Сергеевна"),  # a sister
        ("Иванову Павлу", "Иванов Дмитрий"),
        ("Сидоровой Анне", "Петрова Анна"),
        ("Петрову Андрею", "Петрова Анна"),  # her brother
        ("Жұмабаева Айгүлге", "Жұмабаева Әйгерім"),  # her sister
        ("Қасымов Ерланға", "Қасымов Дәурен"),
    ],
)
def test_a_declined_namesake_stays_apart(evidence: str, record: str) -> None:
    assert match_name(evidence, record).outcome is not NameMatch.MATCH


def test_latin_words_have_only_themselves_and_undeclined_ones_only_kazakh_suffixes() -> None:
    assert case_forms("Aigerim") == {"aigerim"}
    assert {form for form in case_forms("Інжу") if not form.startswith("інжу")} == set()
    assert "інжуға" in case_forms("Інжу") and "інжуа" not in case_forms("Інжу")
