"""English certificates of unlisted issuers: eight wordings, a form's table, a learning
network's, letter-spaced capitals, academic titles beside the name, verification addresses
that only the words before them or their path call one."""

from __future__ import annotations

import random
import unicodedata
from datetime import date, timedelta

from flows.bench.unlisted.draws import ACADEMIES, Line, drawn_of, ordinal
from flows.bench.unlisted.layouts import form_table, network
from flows.bench.words import (
    EN_MONTHS,
    Doc,
    alnum,
    certificate_doc,
    en_date,
    en_title,
    latin_person,
)

LABEL_WORD_TITLES = [
    "Total Quality Management",
    "Network Security Basics",
    "Progress Tracking with Jira",
    "Date and Time in Python",
    "Score-Based Risk Models",
]


def english(rng: random.Random, d: date) -> Doc:
    name, title, academy = latin_person(rng), en_title(rng), rng.choice(ACADEMIES)
    if drawn_of(name, title, "label word").random() < 0.1:  # a title that begins with a word
        # labels begin with too
        title = drawn_of(title, name).choice(LABEL_WORD_TITLES)
    style = rng.randrange(8)
    given_id = url = None
    hours = grade = None
    # an ID printed on its own, in place of any verification address drawn below
    apart: tuple[list[Line], str, str | None] | None = None
    if style == 0:  # the verb ends its line, the kind of course before it or not
        kind = rng.choice(["the course", "the free online course on", "the online training"])
        given_id = f"{alnum(rng, 3)}-{alnum(rng, 6)}" if kind != "the course" else None
        lines: list[Line] = [
            (academy, 18, "bold"),
            ("Certificate of Completion", 22, "bold"),
            ("This is to certify that", 12, "label"),
            (_titled(name, title), 24, "bold"),
            (f"has successfully completed {kind}", 12, "label"),
            (title, 20, "bold"),
            (f"Issued on: {en_date(d, rng)}", 11, "regular"),
            (
                f"{rng.choice(['Certificate ID:', 'Serial No.'])} {given_id}"
                if given_id
                else "Director of the Academy",
                10,
                "regular",
            ),
        ]
        if drawn_of(name, title, "passive").random() < 0.25:  # the course first, the learner
            # after a passive sentence
            lines[2:6] = [
                ("The course", 12, "label"),
                (title, 20, "bold"),
                ("has been successfully completed by", 12, "label"),
                (name, 24, "bold"),
            ]
            if drawn_of(name, title, "completed by").random() < 0.4:  # the course under the
                # heading, "completed by" alone under it
                lines[2:6] = [
                    (title, 22, "bold"),
                    ("completed by", 12, "label"),
                    (name, 24, "bold"),
                ]
        elif drawn_of(name, title, "passed").random() < 0.15:  # "has passed the course", the
            # academy's name in capitals over the heading
            lines[0] = (academy.upper(), 16, "bold")
            lines[4] = ("has passed the course", 12, "label")
        elif drawn_of(name, title, "confirm").random() < 0.2:  # "We hereby confirm that" /
            # … / "has attended and successfully completed the training"
            lines[2] = ("We hereby confirm that", 12, "label")
            lines[4] = ("has attended and successfully completed the training", 12, "label")
        elif drawn_of(name, title, "inline course").random() < 0.15 and len(title) <= 40:
            # the course inline in the sentence, its score after it
            grade = float(drawn_of(name, title, "inline course").randint(60, 100))
            lines[4:6] = [
                (f"has completed the course {title} with a score of {grade:.0f}%", 13, "regular")
            ]
    elif style == 1:  # labels in capitals above their values, DataCamp-like
        lines = [
            ("STATEMENT OF ACCOMPLISHMENT", 22, "bold"),
            (f"#{rng.randint(100, 999)},{rng.randint(100, 999)}", 9, "regular"),
            ("HAS BEEN AWARDED TO", 11, "label"),
            (name, 26, "bold"),
            ("FOR SUCCESSFULLY COMPLETING", 11, "label"),
            (title, 22, "bold"),
            ("COMPLETED ON", 10, "label"),
            (f"{EN_MONTHS[d.month - 1][:3].upper()} {d.day:02d}, {d.year}", 14, "bold"),
            (academy, 14, "bold"),
        ]
        if drawn_of(name, title, "length").random() < 0.4:  # the course's length in the
            # same capitals, over "COMPLETED ON"
            hours = float(drawn_of(name, title, "length").choice([4, 12, 20, 36]))
            lines[6:6] = [("LENGTH", 10, "label"), (f"{hours:.0f} HOURS", 14, "bold")]
    elif style == 2:  # presented to …, for completing the online course …
        lines = [
            ("CERTIFICATE", 26, "bold"),
            ("of achievement", 14, "regular"),
            ("is presented to", 12, "label"),
            # addressed as Mr. or Ms. (a full name only): the name is without it
            ((rng.choice(["", "", "Mr. ", "Ms. "]) if " " in name else "") + name, 24, "bold"),
            (
                rng.choice(
                    [
                        "for completing the online course",
                        "for completing the program",
                        "for attending the online workshop",
                    ]
                ),
                12,
                "label",
            ),
            (title, 20, "bold"),
            (en_date(d, rng), 11, "regular"),
            (academy, 12, "bold"),
        ]
        if drawn_of(name, title, "outstanding").random() < 0.15:  # an excellence award's
            lines[4] = ("for outstanding performance in", 12, "label")
        elif drawn_of(name, title, "participated").random() < 0.15:  # a participation's
            lines[2] = ("This certifies that", 12, "label")
            lines[4] = ("participated in the online workshop", 12, "label")
        elif drawn_of(name, title, "proficiency").random() < 0.15:  # proficiency shown in it
            lines[2], lines[4] = (
                ("is hereby granted to", 12, "label"),
                (
                    "for demonstrating proficiency in",
                    12,
                    "label",
                ),
            )
    elif style == 3:  # awarded to …, in recognition of the successful completion of …
        lines = [
            ("Certificate of Completion", 24, "bold"),
            ("awarded to", 12, "label"),
            (name, 24, "bold"),
            ("in recognition of the successful completion of", 12, "label"),
            (title, 20, "bold"),
            (
                f"Awarded: {en_date(d, rng) if rng.random() < 0.5 else d.strftime('%Y/%m/%d')}",
                11,
                "regular",
            ),
            (academy, 12, "bold"),
        ]
        if rng.random() < 0.5:
            hours = float(rng.choice([16, 40, 72]))
            lines.insert(5, (f"Total: {hours:.0f} academic hours", 11, "regular"))
        own = drawn_of(name, title, "awarded")  # after the corpus's own draws
        if own.random() < 0.4:  # the label with a colon, other words for the completion,
            # a code printed apart from the address where it is entered
            lines[1] = (own.choice(["awarded to:", "presented to:"]), 12, "label")
            lines[3] = (
                own.choice(
                    ["in recognition of completing", "upon successful completion of the course"]
                ),
                12,
                "label",
            )
            code = f"{alnum(own, 3)}-{alnum(own, 4)}-{alnum(own, 4)}"
            host = "-".join(academy.lower().split())
            apart = (
                [
                    (f"Validation code: {code}", 10, "regular"),
                    (f"Validate at https://{host}.org/validate", 9, "regular"),
                ],
                code,
                f"https://{host}.org/validate",
            )
        elif drawn_of(name, title, "awarded inline").random() < 0.25 and len(title) <= 40:
            # one sentence: the learner and the course inline, the course in a title's capitals
            lines[1:5] = [(f"Awarded to {name} for completing {title}", 14, "regular")]
    elif style == 5:  # a statement of participation: the sentence ends in a colon, its hours
        hours = float(rng.choice([8, 12, 24]))
        lines = [
            ("Statement of Participation", 24, "bold"),
            (name, 26, "bold"),
            ("has completed the free course including any mandatory tests for:", 12, "label"),
            (title, 22, "bold"),
            (
                f"This free {hours:.0f}-hour course explored the subject step by step.",
                11,
                "regular",
            ),
            (f"Issue date: {d.day} {EN_MONTHS[d.month - 1]} {d.year}", 11, "regular"),
        ]
    elif style == 6:  # congratulations, …: the name inline, the course below
        lines = [
            ("Certificate of Completion", 24, "bold"),
            (f"Congratulations, {name}", 22, "bold"),
            ("You have successfully completed", 12, "label"),
            (title, 22, "bold"),
            (f"Date: {d.day:02d}.{d.month:02d}.{d.year}", 11, "regular"),
            (academy, 12, "bold"),
        ]
        if rng.random() < 0.5:  # points out of 100, or in percent in words
            grade = float(rng.randint(70, 100))
            score = (
                f"with an overall score of {grade:.0f} percent"
                if drawn_of(name, title, "percent word").random() < 0.3
                else f"Final score: {grade:.0f}/100"
            )
            lines.insert(4, (score, 12, "regular"))
        own = drawn_of(name, title, "upon")  # after the corpus's own draws
        if drawn_of(name, title).random() < 0.4:  # a learning network's: the course under the
            # name, then when it was completed and its length on one line (LinkedIn-like)
            lines, grade, hours = network(drawn_of(title, name), name, title, academy, d)
        elif own.random() < 0.3:  # "upon … completion of the course", an ID after a bare "ID"
            code = f"{alnum(own, 3)}/{d.year}/{d.month:02d}/{own.randint(1000, 9999)}"
            lines[2] = ("upon successful completion of the course", 12, "label")
            apart = ([(f"ID {code}", 10, "regular")], code, None)
    elif style == 7:  # the course inside the sentence, unquoted (a networking academy's)
        lines = [
            ("Certificate of Course Completion", 22, "bold"),
            (name, 26, "bold"),
            (
                "has successfully achieved student level credential for completing "
                f"{title} course" + ("," if drawn_of(name, title, "comma").random() < 0.5 else ""),
                11,
                "regular",
            ),
            ("administered by the undersigned instructor.", 11, "regular"),
            (f"{d.day:02d} {EN_MONTHS[d.month - 1][:3]} {d.year}", 11, "regular"),
            ("Date", 9, "regular"),
        ]
    else:  # the name, "has completed" alone on its line, the course, a distinction
        own = drawn_of(name, title, "distinction")  # after the corpus's own draws
        lines = [
            (academy, 16, "bold"),
            (name, 26, "bold"),
            (
                drawn_of(name, title, "satisfaction").choice(
                    ["has completed"] * 4
                    + ["has completed to satisfaction", "has satisfactorily completed"]
                ),
                12,
                "label",
            ),
            (title, 22, "bold"),
            ("with distinction", 12, "regular"),
            (
                f"{d.day:02d} {EN_MONTHS[d.month - 1][:3]} {d.year}"
                if rng.random() < 0.5
                else f"Given this {ordinal(d.day)} day of {EN_MONTHS[d.month - 1]}, {d.year}",
                11,
                "regular",
            ),
        ]
        if own.random() < 0.4:  # the distinction inside the sentence, the length in h and m
            whole, minutes = own.randint(2, 9), own.choice([15, 30, 45])
            hours = whole + minutes / 60
            lines[2:5] = [
                ("has completed with distinction the online course", 12, "label"),
                (title, 22, "bold"),
                (f"Total learning time: {whole}h {minutes}m", 11, "regular"),
            ]
        elif own.random() < 0.4:  # "all requirements of", a letter grade with its percentage,
            # a serial number after a colon
            grade = float(own.randint(90, 100))
            serial = f"{alnum(own, 3)}-{own.randint(10000, 99999)}"
            apart = ([(f"Serial: {serial}", 10, "regular")], serial, None)
            lines[2:5] = [
                ("has completed all requirements of the online programme", 12, "label"),
                (title, 22, "bold"),
                (
                    f"Grade: A ({grade:.0f}%)"
                    if drawn_of(name, title, "result").random() < 0.6
                    else f"Result: Pass with Distinction ({grade:.0f}%)",
                    11,
                    "regular",
                ),
            ]
        elif (when := drawn_of(name, title, "completed on").random()) < 0.2:  # the learner,
            # the course, then only when: "successfully completed on …" or, a learning
            # platform's, "Completed on …" and the time the course takes in hours and minutes
            lines[2:6] = [
                (title, 22, "bold"),
                (f"successfully completed on {en_date(d, own)}", 12, "regular"),
            ]
            if when < 0.08:
                whole, minutes = own.randint(2, 9), own.choice([12, 24, 36, 48])
                hours = whole + minutes / 60
                lines[1:6] = [
                    ("CERTIFICATE OF COMPLETION", 20, "bold"),
                    (name, 26, "bold"),
                    (title, 22, "bold"),
                    (f"Completed on {en_date(d, own)}", 12, "regular"),
                    (f"Duration {whole}h {minutes}m", 11, "regular"),
                ]
        elif drawn_of(name, title, "points").random() < 0.15:  # a grade as a share of the
            # points, in the sentence that says when the course ran
            grade = float(own.randint(60, 100))
            start = d - timedelta(days=own.choice([14, 28, 42]))
            lines[2:6] = [
                ("successfully completed the course", 12, "label"),
                (title, 22, "bold"),
                (
                    f"offered from {en_date(start, own)} to {en_date(d, own)} with "
                    f"{grade:.0f}% of the maximum number of points.",
                    11,
                    "regular",
                ),
            ]
    more: list[Line] = []
    if given_id is None and rng.random() < 0.4:
        more, given_id, url = _verification(rng, academy, name, title)
    if apart is not None:
        more, given_id, url = apart
    lines += more
    own = drawn_of(name, title, academy)  # after the corpus's own draws: they stay as they were
    if own.random() < 0.1:  # a form: labels in a column, their values across the rows
        lines, hours, grade, given_id = form_table(own, academy, name, title, d)
        url = None
    elif drawn_of(name, title, "heading row").random() < 0.08:  # a table: a row of headings,
        # the values in the row under them
        grade = float(drawn_of(name, title, "heading row").randint(70, 100))
        lines = [
            (academy.upper(), 16, "bold"),
            ("Statement of Accomplishment", 22, "bold"),
            ("Learner\tCourse", 10, "regular"),
            (f"{name}\t{title}", 14, "bold"),
            ("Completed\tScore", 10, "regular"),
            (f"{en_date(d, drawn_of(name, academy))}\t{grade:.0f}%", 13, "regular"),
        ]
        hours, given_id, url = None, None, None
    elif style == 2 and own.random() < 0.4:  # the heading and the name letter-spaced
        lines = [
            (_letter_spaced(text) if text in ("CERTIFICATE", name) else text, size, kind)
            for text, size, kind in lines
        ]
    return certificate_doc(
        lines, None, name, title, d, given_id, url, hours=hours, grade_percent=grade
    )


def _letter_spaced(text: str) -> str:
    """Capitals spaced out letter by letter, as designers set headings and names."""
    return "   ".join(" ".join(word) for word in text.upper().split())


def _titled(name: str, title: str) -> str:
    """The learner's name as some certificates print it: with an academic title before it or
    a degree after it (the name is without them)."""
    draw = drawn_of(name, title, "titled")
    if " " not in name or draw.random() < 0.7:
        return name
    return draw.choice([f"Dr. {name}", f"Prof. {name}", f"{name}, PhD", f"{name}, MBA"])


def _verification(
    rng: random.Random, academy: str, name: str, title: str
) -> tuple[list[Line], str | None, str]:
    """A verification address that only the words before it call one: on the words' line or
    under them; its last part is the ID ("confirm.<issuer>.io/KTGE7ZQF"), or the learner's
    and the course's names, which is no ID. Or an address whose path says what it is, a long
    hexadecimal token after a word for the course ("…/statement-of-accomplishment/course/…"),
    with no words before it."""
    host = "-".join(academy.lower().split())
    ident: str | None
    if rng.random() < 0.5:
        ident = alnum(rng, 8)
        address = f"confirm.{host}.io/{ident}"
    else:
        ident = None
        user = "".join(ch for ch in _ascii(name.lower()) if ch.isalpha())
        course = "-".join("".join(ch for ch in w if ch.isalnum()) for w in title.lower().split())
        address = f"https://{host}.org/certification/{user}/{course}"
    words = rng.choice(
        ["Verify this certificate at", "Verify at", "To verify, visit", "Confirm at"]
    )
    lines: list[Line] = (
        [(f"{words} {address}", 9, "regular")]
        if rng.random() < 0.5
        else [(words, 9, "regular"), (address, 9, "regular")]
    )
    url = address if address.startswith("https://") else f"https://{address}"
    own = drawn_of(name, title, "statement")  # after the corpus's own draws: they stay as they were
    if own.random() < 0.25:
        ident = "".join(own.choice("0123456789abcdef") for _ in range(40))
        what = own.choice(["course", "track"])
        address = f"{host}.com/statement-of-accomplishment/{what}/{ident}"
        lines, url = [(address, 8, "regular")], f"https://{address}"
    return lines, ident, url


def _ascii(text: str) -> str:
    """A name as an address holds it: Latin letters without their marks ("şolpan" →
    "solpan")."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
