"""Certificates of certification programmes and of forms, and Russian and Kazakh ones whose
learner is named in the dative or after the verb: "has completed the" / the course /
"certification program", "has successfully completed the requirements to be recognized as a" /
"<Issuer> Certified: <course>", "has completed with distinction" or "completed the course"
with a mark out of 100, 10 or 500, values over their captions ("Name of the participant",
"Course title"), "Course completed:", codes in even groups ("TNH 7ZK Q4M") or long
hexadecimal after "Certification code:"; "Настоящий сертификат выдан <кому> в том, что …
прошла обучение по онлайн-курсу", "Курс «…» успешно прошёл <ФИО>" and "Оценка: отлично (92
балла)", "Бұл сертификат <кімге> … берілді", "Берілді: <ФИО>"."""

from __future__ import annotations

import random
from datetime import date

from flows.bench.identity import kazakh_dative, russian_dative
from flows.bench.unlisted.draws import ACADEMIES, Line
from flows.bench.words import (
    EN_MONTHS,
    KK_NAMES,
    KK_TITLES,
    RU_MONTHS_GEN,
    RU_NAMES,
    Doc,
    alnum,
    certificate_doc,
    en_date,
    en_title,
    latin_person,
    ru_title,
)


def credential(rng: random.Random, d: date) -> Doc:
    """One such certificate, its wording drawn."""
    maker = rng.choice([_programme, _programme, _captions, _russian, _kazakh])
    return maker(rng, d)


def _programme(rng: random.Random, d: date) -> Doc:
    name, title, academy = latin_person(rng), en_title(rng), rng.choice(ACADEMIES)
    style = rng.randrange(3)
    titles: str | list[str] = title
    grade = hours = None
    if style == 0:  # a certification programme's, valid for a while, its long code
        ident = "".join(rng.choice("0123456789abcdef") for _ in range(20))
        lines: list[Line] = [
            (f"{academy}", 16, "bold"),
            ("Certificate", 24, "bold"),
            (name, 26, "bold"),
            ("has completed the", 12, "label"),
            (title, 22, "bold"),
            ("certification program", 12, "label"),
            (f"Awarded: {en_date(d, rng)}", 10, "regular"),
            (f"Expires: {EN_MONTHS[d.month - 1]} {d.day}, {d.year + 2}", 10, "regular"),
            (f"Certification code: {ident}", 9, "regular"),
        ]
        titles = [title, f"{title} certification program"]
    elif style == 1:  # recognised as a certified …, a certification number
        issuer = academy.split()[0]
        ident = f"{alnum(rng, 1)}{rng.randint(100, 999)}-{rng.randint(1000, 9999)}"
        lines = [
            (issuer, 16, "bold"),
            ("CERTIFIED", 12, "bold"),
            (name, 26, "bold"),
            ("Has successfully completed the requirements to be recognized as a", 11, "label"),
            (f"{issuer} Certified: {title}", 20, "bold"),
            (f"Date of achievement: {en_date(d, rng)}", 10, "regular"),
            (f"Certification number: {ident}", 10, "regular"),
        ]
        titles = [f"{issuer} Certified: {title}", title]
    else:  # with distinction, its mark (on a scale of 100, 10 or 500) and length; a code
        # in groups of three
        grade, hours = float(2 * rng.randint(43, 50)), float(rng.choice([8, 16, 24]))
        ident = " ".join(alnum(rng, 3) for _ in range(3))
        mark = rng.choice(
            [
                f"Final mark: {grade:.0f} %",
                f"Grade: {grade / 10:.1f}/10",
                f"Score: {grade * 5:.0f}/500",
            ]
        )
        lines = [
            ("Certificate of Completion", 22, "bold"),
            (name, 26, "bold"),
            (rng.choice(["has completed with distinction", "completed the course"]), 12, "label"),
            (title, 20, "bold"),
            (mark, 11, "regular"),
            (f"Length: {hours:.0f} hours", 11, "regular"),
            (f"Date: {d.isoformat()}", 11, "regular"),
            (f"Certificate ID: {ident}", 10, "regular"),
        ]
    return certificate_doc(lines, None, name, titles, d, ident, grade_percent=grade, hours=hours)


def _captions(rng: random.Random, d: date) -> Doc:
    name, title, academy = latin_person(rng), en_title(rng), rng.choice(ACADEMIES)
    if rng.random() < 0.5:  # each value over its caption, in small type
        lines: list[Line] = [
            (academy.upper(), 14, "bold"),
            ("CERTIFICATE OF COMPLETION", 22, "bold"),
            (name, 24, "bold"),
            (
                rng.choice(["Name of the participant", "Participant's name", "Full name"]),
                9,
                "label",
            ),
            (title, 20, "bold"),
            (rng.choice(["Course title", "Name of the course"]), 9, "label"),
            (f"{d.year}.{d.month:02d}.{d.day:02d}", 11, "regular"),
            ("Date", 9, "label"),
        ]
        return certificate_doc(lines, None, name, title, d)
    ident = f"{alnum(rng, 2)}-{alnum(rng, 4)}-{alnum(rng, 4)}"
    lines = [
        (academy, 16, "bold"),
        ("Certificate", 24, "bold"),
        (f"Learner name: {name}", 13, "regular"),
        (f"Course completed: {title}", 13, "regular"),
        (f"Completed on: {en_date(d, rng)}", 12, "regular"),
        (f"Verification code: {ident}", 11, "regular"),
    ]
    return certificate_doc(lines, None, name, title, d, ident)


def _russian(rng: random.Random, d: date) -> Doc:
    name, title = rng.choice(RU_NAMES), ru_title(rng)
    surname, given, *_ = name.split()
    woman = surname.endswith("а")
    when = f"{d.day} {RU_MONTHS_GEN[d.month - 1]} {d.year} г."
    if rng.random() < 0.5:  # given to the learner, in the dative
        hours = float(rng.choice([36, 72]))
        ident = f"{rng.randint(100, 999):04d}"  # (never a year's four digits)
        given_to = russian_dative(surname, given)
        lines: list[Line] = [
            ("СЕРТИФИКАТ", 24, "bold"),
            (f"№ {ident}", 12, "regular"),
            ("Настоящий сертификат выдан", 12, "label"),
            (given_to, 24, "bold"),
            (
                f"в том, что {'она успешно прошла' if woman else 'он успешно прошёл'} обучение "
                "по онлайн-курсу",
                12,
                "label",
            ),
            (f"«{title}»", 20, "bold"),
            (f"в объёме {hours:.0f} часов", 12, "label"),
            (f"Дата выдачи: {d.day:02d}.{d.month:02d}.{d.year}", 10, "regular"),
        ]
        return certificate_doc(lines, None, given_to, title, d, ident, hours=hours)
    grade = rng.randint(86, 100)
    lines = [  # the course first, the learner after the verb; a grade in words, its points
        ("СЕРТИФИКАТ", 24, "bold"),
        (f"Курс «{title}» успешно {'прошла' if woman else 'прошёл'}", 13, "label"),
        (name, 24, "bold"),
        (f"Оценка: отлично ({grade} {_points_word(grade)})", 11, "regular"),
        (f"Дата: {when}", 10, "regular"),
    ]
    return certificate_doc(lines, None, name, title, d, grade_percent=float(grade))


def _points_word(n: int) -> str:
    """ "балл" as a Russian number takes it: 91 балл, 92 балла, 95 баллов."""
    if n % 10 == 1 and n % 100 != 11:
        return "балл"
    return "балла" if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14) else "баллов"


def _kazakh(rng: random.Random, d: date) -> Doc:
    name, title = rng.choice(KK_NAMES)[0], rng.choice(KK_TITLES)
    hours = float(rng.choice([36, 48, 72]))
    if rng.random() < 0.5:  # "Бұл сертификат" / the learner in the dative / … "берілді"
        *rest, last = name.split()
        name = " ".join([*rest, kazakh_dative(last)])
        lines: list[Line] = [
            ("СЕРТИФИКАТ", 24, "bold"),
            ("Бұл сертификат", 12, "label"),
            (name, 24, "bold"),
            (f"«{title}»", 18, "bold"),
            ("онлайн-курсын сәтті аяқтағаны үшін берілді", 12, "label"),
            (f"Көлемі: {hours:.0f} сағат", 11, "regular"),
            (f"Берілген күні: {d.day:02d}.{d.month:02d}.{d.year}", 10, "regular"),
        ]
        return certificate_doc(lines, None, name, title, d, hours=hours)
    lines = [  # a form: "Берілді:" before the learner
        ("КУӘЛІК", 24, "bold"),
        (f"Берілді: {name}", 13, "regular"),
        (f"Курс: {title}", 13, "regular"),
        (f"Көлемі: {hours:.0f} сағат", 12, "regular"),
        (f"Берілген күні: {d.day:02d}.{d.month:02d}.{d.year}", 12, "regular"),
    ]
    doc = certificate_doc(lines, None, name, title, d, hours=hours)
    doc.style["layout"] = "left"
    return doc
