"""Layouts of unlisted issuers' English certificates other than a sentence's: a learning
network's and a form's."""

from __future__ import annotations

import random
from datetime import date

from flows.bench.unlisted.draws import Line, drawn_of
from flows.bench.words import EN_MONTHS, alnum, en_date


def network(
    rng: random.Random, name: str, title: str, academy: str, d: date
) -> tuple[list[Line], None, float]:
    """A learning network's: the course under the name, then when it was completed and its
    length on one line (LinkedIn-like)."""
    whole, minutes = rng.choice([1, 2, 3]), rng.choice([0, 15, 30, 45])
    lines: list[Line] = [
        (academy, 14, "bold"),
        ("Certificate of Completion", 24, "regular"),
        (f"Congratulations, {name}", 22, "bold"),
        (title, 20, "bold"),
        (
            f"Course completed on {EN_MONTHS[d.month - 1][:3]} {d.day:02d}, {d.year} at "
            f"10:05AM UTC • {whole} hours {minutes} min",
            11,
            "regular",
        ),
        ("By continuing to learn, you have expanded your perspective.", 9, "regular"),
    ]
    return lines, None, whole + minutes / 60


def form_table(
    rng: random.Random, academy: str, name: str, title: str, d: date
) -> tuple[list[Line], float, float, str]:
    """A certificate set as a form: each label ending in a colon, its value across the row."""
    hours, grade = float(rng.choice([16, 24, 40])), float(rng.randint(70, 100))
    ident = f"{alnum(rng, 2)}-{d.year}-{rng.randint(10000, 99999)}"
    rows = [
        (
            rng.choice(
                ["Name of the learner:", "Learner:", "Participant name:", "Certificate holder:"]
            ),
            name,
        ),
        (rng.choice(["Course:", "Course title:", "Programme:"]), title),
        (rng.choice(["Duration:", "Total hours:"]), f"{hours:.0f} hours"),
        (rng.choice(["Score:", "Score obtained:", "Final score:"]), f"{grade:.0f}%"),
        (rng.choice(["Date of completion:", "Completed on:", "Issue date:"]), en_date(d, rng)),
        (
            rng.choice(
                ["Certificate number:", "Certificate No.:", "Credential ID:", "Credential:"]
            ),
            ident,
        ),
    ]
    if drawn_of(name, title, "course name").random() < 0.25:
        rows[1] = ("Course name:", title)
    if drawn_of(name, title, "bracketed length").random() < 0.25:  # the length after the course
        rows[1] = (rows[1][0], f"{title} ({hours:.0f} hours)")
    lines: list[Line] = [(academy.upper(), 16, "bold"), ("Certificate of Completion", 22, "bold")]
    lines += [(f"{label}\t{value}", 12, "regular") for label, value in rows]
    return lines, hours, grade, ident
