"""Certificates of issuers not on the recognised list, in the wordings such issuers print:
their fields are read all the same, their platform is none.

Each wording is a class seen on issuers' certificates, not one document: a few of the issuer's
own words between the verb and the course ("has completed the free online course on", "in
recognition of the successful completion of"), a sentence ending in a colon above the course,
"Congratulations, <name>", hours in a word ("a 12-hour course"); Russian certificates, diplomas and
qualification certificates ("освоила онлайн-курс", "прошёл(а) повышение квалификации по
дополнительной профессиональной программе", "за успешное прохождение курса"), Kazakh ones
("«…» онлайн-курсын / сәтті аяқтағанын растайды", "«…» курсы бойынша оқудан өтті", "«…» курсын
тыңдағаны туралы берілді"), Spanish, Portuguese, French, Italian and German issuers' own
("Otorgado a" / … / "por haber aprobado el", "Si attesta che", "hat den Onlinekurs"), each
sentence broken over lines where such certificates break it; certification programmes',
forms' values over their captions, and learners named in the dative or after the verb
(`credentials.py`)."""

from __future__ import annotations

import random

from flows.bench.unlisted.credentials import credential
from flows.bench.unlisted.cyrillic import RU_SHORT_MONTHS, kazakh, russian, ukrainian
from flows.bench.unlisted.draws import drawn_of
from flows.bench.unlisted.english import english
from flows.bench.unlisted.european import european
from flows.bench.words import Doc, random_day

__all__ = ["RU_SHORT_MONTHS", "generic"]


def generic(rng: random.Random) -> Doc:
    """One certificate of an unlisted issuer, its language and wording drawn."""
    maker = rng.choice([english, english, english, russian, russian, kazakh, ukrainian])
    day = random_day(rng)
    doc = maker(rng, day)
    # drawn of its own, after the corpus's draws: the rest of a seed's corpus stays as it was
    own = drawn_of(day.isoformat(), str(doc.truth["learner_name"]), "european")
    if own.random() < 0.15:
        return european(own, day)
    own = drawn_of(day.isoformat(), str(doc.truth["learner_name"]), "credential")
    return credential(own, day) if own.random() < 0.12 else doc
