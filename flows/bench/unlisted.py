"""Certificates of issuers not on the recognised list, in the wordings such issuers print:
their fields are read all the same, their platform is none.

Each wording is a class seen on issuers' certificates, not one document: a few of the issuer's
own words between the verb and the course ("has completed the free online course on", "in
recognition of the successful completion of"), a sentence ending in a colon above the course,
"Congratulations, <name>", hours in a word ("a 12-hour course"); Russian certificates, diplomas and
qualification certificates ("освоила онлайн-курс", "прошёл(а) повышение квалификации по
дополнительной профессиональной программе", "за успешное прохождение курса"), Kazakh ones
("«…» онлайн-курсын / сәтті аяқтағанын растайды", "«…» курсы бойынша оқудан өтті", "«…» курсын
тыңдағаны туралы берілді"), each
sentence broken over lines where such certificates break it."""

from __future__ import annotations

import random
import unicodedata
from datetime import date

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
    random_day,
    ru_title,
)
from recognition.kazakh import MONTHS as KK_MONTHS

RU_SHORT_MONTHS = [
    "янв.",
    "февр.",
    "мар.",
    "апр.",
    "мая",
    "июн.",
    "июл.",
    "авг.",
    "сент.",
    "окт.",
    "нояб.",
    "дек.",
]
RU_LATIN_TITLES = [
    "Управление IT-проектами",
    "Основы IT-безопасности",
    "Введение в IoT-системы",
    "SQL для аналитиков",
]
ACADEMIES = ["Caspian Digital Academy", "Aktau IT School", "Mangystau Skills Hub"]
Line = tuple[str, float, str]


def generic(rng: random.Random) -> Doc:
    """One certificate of an unlisted issuer, its language and wording drawn."""
    maker = rng.choice([_english, _english, _english, _russian, _russian, _kazakh, _ukrainian])
    return maker(rng, random_day(rng))


def _english(rng: random.Random, d: date) -> Doc:
    name, title, academy = latin_person(rng), en_title(rng), rng.choice(ACADEMIES)
    style = rng.randrange(8)
    given_id = None
    hours = grade = None
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
        if rng.random() < 0.5:  # points out of 100
            grade = float(rng.randint(70, 100))
            lines.insert(4, (f"Final score: {grade:.0f}/100", 12, "regular"))
        if _own(name, title).random() < 0.4:  # a learning network's: the course under the
            # name, then when it was completed and its length on one line (LinkedIn-like)
            lines, grade, hours = _network(_own(title, name), name, title, academy, d)
    elif style == 7:  # the course inside the sentence, unquoted (a networking academy's)
        lines = [
            ("Certificate of Course Completion", 22, "bold"),
            (name, 26, "bold"),
            (
                "has successfully achieved student level credential for completing "
                f"{title} course,",
                11,
                "regular",
            ),
            ("administered by the undersigned instructor.", 11, "regular"),
            (f"{d.day:02d} {EN_MONTHS[d.month - 1][:3]} {d.year}", 11, "regular"),
            ("Date", 9, "regular"),
        ]
    else:  # the name, "has completed" alone on its line, the course, a distinction
        lines = [
            (academy, 16, "bold"),
            (name, 26, "bold"),
            ("has completed", 12, "label"),
            (title, 22, "bold"),
            ("with distinction", 12, "regular"),
            (
                f"{d.day:02d} {EN_MONTHS[d.month - 1][:3]} {d.year}"
                if rng.random() < 0.5
                else f"Given this {_ordinal(d.day)} day of {EN_MONTHS[d.month - 1]}, {d.year}",
                11,
                "regular",
            ),
        ]
    url = None
    if given_id is None and rng.random() < 0.4:
        more, given_id, url = _verification(rng, academy, name, title)
        lines += more
    return certificate_doc(
        lines, None, name, title, d, given_id, url, hours=hours, grade_percent=grade
    )


def _own(*fields: str) -> random.Random:
    """Draws of a document's own, seeded by what it holds: an axis added later leaves every
    other document of a corpus's seed as it was."""
    return random.Random("/".join(fields))


def _network(
    rng: random.Random, name: str, title: str, academy: str, d: date
) -> tuple[list[Line], None, float]:
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


def _titled(name: str, title: str) -> str:
    """The learner's name as some certificates print it: with an academic title before it or
    a degree after it (the name is without them)."""
    draw = _own(name, title, "titled")
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
    own = _own(name, title, "statement")  # after the corpus's own draws: they stay as they were
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


def _russian(rng: random.Random, d: date) -> Doc:
    name, title = rng.choice(RU_NAMES), ru_title(rng)
    if _own(name, title).random() < 0.15:  # a Latin abbreviation in a Russian title
        title = _own(title, name).choice(RU_LATIN_TITLES)
    when = f"{d.day} {RU_MONTHS_GEN[d.month - 1]} {d.year} года"
    style = rng.randrange(4)
    if style == 0:  # a certificate of an online course, its registration number
        given_id = str(rng.randint(1_000_000, 9_999_999))
        verb = rng.choice(
            [
                "освоил онлайн-курс",
                "освоила онлайн-курс",
                "успешно освоил курс",
                "успешно завершил обучение по курсу",
                "прошла обучение на курсе",
                "успешно прошёл профессию",
                "принял участие в онлайн-курсе",
            ]
        )
        hours = float(rng.choice([16, 24, 36]))
        grade = float(rng.randint(60, 100))
        lines: list[Line] = [
            ("Цифровая академия Каспия", 18, "bold"),
            ("СЕРТИФИКАТ", 26, "bold"),
            ("Подтверждает, что", 12, "label"),
            (name, 24, "bold"),
            (verb, 12, "label"),
            (f"«{title}»", 20, "bold"),
            (f"Количество часов: {hours:.0f}", 11, "regular"),
            (f"Итоговый балл: {grade:.0f} из 100", 11, "regular"),
            (f"Дата выдачи: {when}", 11, "regular"),
            (f"Регистрационный номер: {given_id}", 10, "regular"),
        ]
        return certificate_doc(
            lines, None, name, title, d, given_id, hours=hours, grade_percent=grade
        )
    if style == 3:  # a diploma "awarded" for passing the course
        lines = [
            ("ДИПЛОМ", 26, "bold"),
            ("награждается", 14, "label"),
            (name, 24, "bold"),
            ("за успешное прохождение курса", 12, "label"),
            (f"«{title}»", 20, "bold"),
            (
                when.replace("года", "г.")
                if rng.random() < 0.5
                else f"{d.day} {RU_SHORT_MONTHS[d.month - 1]} {d.year} г.",  # a web page's
                11,
                "regular",
            ),
        ]
        return certificate_doc(lines, None, name, title, d)
    hours = float(rng.choice([72, 144]) if style == 2 else rng.choice([256, 320, 520]))
    heading, what, done, this = (
        (
            "ДИПЛОМ",
            "о профессиональной переподготовке",
            "профессиональную переподготовку",
            "ий диплом",
        )
        if style == 1
        else (
            "УДОСТОВЕРЕНИЕ",
            "о повышении квалификации",
            "повышение квалификации",
            "ее удостоверение",
        )
    )
    programme = rng.choice(["программе", "дополнительной профессиональной программе"])
    if rng.random() < 0.5:  # the official form: the day in quotes
        when = f"«{d.day:02d}» {RU_MONTHS_GEN[d.month - 1]} {d.year} г."
    lines = [
        ("АНО ДПО «Цифровая школа Каспия»", 16, "bold"),
        (heading, 26, "bold"),
        (what, 14, "regular"),
        (f"Настоящ{this} свидетельствует о том, что", 12, "label"),
        (name, 24, "bold"),
        (f"прошёл(а) {done} по {programme}", 12, "label"),
        (f"«{title}»", 20, "bold"),
        (f"в объёме {hours:.0f} часов", 11, "regular"),
        (f"Дата выдачи {when}", 11, "regular"),
    ]
    return certificate_doc(lines, None, name, title, d, hours=hours)


def _kazakh(rng: random.Random, d: date) -> Doc:
    name, title = rng.choice(KK_NAMES)[0], rng.choice(KK_TITLES)
    when = f"{d.year} жылғы {d.day} {KK_MONTHS[d.month - 1]}"
    if rng.random() < 0.5:  # the course's name before "онлайн-курсын", the verb below
        lines: list[Line] = [
            ("Маңғыстау цифрлық академиясы", 18, "bold"),
            ("СЕРТИФИКАТ", 26, "bold"),
            ("Осы сертификат", 12, "label"),
            (name, 24, "bold"),
            (f"«{title}» онлайн-курсын", 14, "regular"),
            ("сәтті аяқтағанын растайды", 14, "regular"),
            (f"Берілген күні: {when}", 11, "regular"),
        ]
        return certificate_doc(lines, None, name, title, d)
    hours = float(rng.choice([36, 72]))
    done = rng.choice(
        [
            "курсы бойынша оқудан өтті",
            "курсын тыңдағаны туралы берілді",
            "тақырыбындағы біліктілікті арттыру курсынан өтті",
            "онлайн-курстан өтті",
        ]
    )
    lines = [
        ("СЕРТИФИКАТ", 26, "bold"),
        (name, 24, "bold"),
        (f"«{title}» {done}", 14, "regular"),
        (f"Көлемі: {hours:.0f} сағат", 11, "regular"),
        (
            f"Берілген күні: {d.day:02d}.{d.month:02d}.{d.year}{rng.choice(['', 'ж.'])}",
            11,
            "regular",
        ),
    ]
    own = _own(name, title, when)  # after the corpus's own draws
    if own.random() < 0.3:  # a qualification certificate (куәлік): its number under the
        # heading, the course's name alone on its line, the kind of course before the verb
        given_id = f"KZ-{d.year}-{own.randint(1, 9999):04d}"
        lines = [
            ("Маңғыстау цифрлық орталығы", 16, "bold"),
            ("КУӘЛІК", 28, "bold"),
            (f"№ {given_id}", 11, "regular"),
            ("Осы куәлік", 12, "label"),
            (name, 24, "bold"),
            (f"«{title}»", 20, "bold"),
            (
                own.choice(["біліктілікті арттыру", "қайта даярлау"])
                + " курсынан өткенін растайды",
                12,
                "regular",
            ),
            (f"Көлемі: {hours:.0f} сағат", 11, "regular"),
            (f"Берілген күні: {when}", 11, "regular"),
        ]
        return certificate_doc(lines, None, name, title, d, given_id, hours=hours)
    return certificate_doc(lines, None, name, title, d, hours=hours)


def _ordinal(day: int) -> str:
    return f"{day}{'th' if 11 <= day <= 13 else {1: 'st', 2: 'nd', 3: 'rd'}.get(day % 10, 'th')}"


UK_NAMES = ["Олена Коваленко", "Андрій Шевченко", "Ірина Бондаренко", "Тарас Мельник"]
UK_TITLES = ["Основи програмування", "Публічні закупівлі", "Англійська для програмістів"]
UK_MONTHS = "січня лютого березня квітня травня червня липня серпня вересня жовтня листопада грудня"


def _ukrainian(rng: random.Random, d: date) -> Doc:
    """A Ukrainian platform's certificate (Prometheus-like)."""
    name, title = rng.choice(UK_NAMES), rng.choice(UK_TITLES)
    when = (
        f"{d.day} {UK_MONTHS.split()[d.month - 1]} {d.year} р."
        if rng.random() < 0.5
        else f"{d.day:02d}.{d.month:02d}.{d.year}"
    )
    lines: list[Line] = [
        ("СЕРТИФІКАТ", 26, "bold"),
        (name, 24, "bold"),
        (rng.choice(["успішно закінчила курс", "успішно закінчив курс"]), 12, "label"),
        (f"«{title}»", 20, "bold"),
        (f"Дата видачі: {when}", 11, "regular"),
    ]
    return certificate_doc(lines, None, name, title, d)
