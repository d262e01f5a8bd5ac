"""What the corpus's documents say: certificates and screenshots of each platform, in English,
Russian and Kazakh, with the truth of every field. Layout and degradation are in corpus.py.

The content varies the way real certificates do (../shared/corpus/real shows it): a
platform's wording in another interface language (Russian Coursera, Spanish Udemy), older ID
and address forms (Udemy's 8-character IDs, verify.edx.org, stepic.org), names of one word and
of five, titles long enough to wrap, unlisted issuers. A line's style is "regular", "bold" or
"label" (drawn as regular; some PDFs draw their labels as shapes, with no text)."""

from __future__ import annotations

import random
import uuid

from flows.bench.unlisted import RU_SHORT_MONTHS, generic
from flows.bench.unlisted.draws import drawn_of
from flows.bench.words import (
    ABROAD,
    EDX_ORGS,
    EN_MONTHS,
    KK_NAMES,
    KK_TITLES,
    ORGS,
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
    signature,
)
from recognition.kazakh import MONTHS as KK_MONTHS


def coursera(rng: random.Random) -> Doc:
    name = latin_person(rng)
    title = en_title(rng)
    org = rng.choice(ORGS)
    d = random_day(rng)
    ident = alnum(rng, 12)
    kind = rng.choice(["course", "course", "specialization", "professional-certificate"])
    russian = rng.random() < 0.2  # the Russian interface prints Russian labels
    if kind == "course":
        label = (
            "Учащийся успешно прошел онлайн-курс без права на зачетные единицы"
            if russian
            else "has successfully completed"
        )
        after = f"an online non-credit course authorized by {org} and offered through Coursera"
        url = f"https://coursera.org/verify/{ident}"
    elif kind == "specialization":
        label = (
            "Учащийся успешно прошел онлайн-специализацию без права на зачетные единицы"
            if russian
            else "has successfully completed the online, non-credit Specialization"
        )
        after = "Those who earn the Specialization have completed a series of rigorous courses."
        url = f"https://coursera.org/verify/specialization/{ident}"
    else:
        label = "has successfully completed the online, non-credit Professional Certificate"
        after = f"Professional Certificate offered by {org} through Coursera"
        url = f"https://coursera.org/verify/professional-cert/{ident}"
    date_text = en_date(d, rng) if rng.random() < 0.8 else f"{d.month:02d}/{d.day:02d}/{d.year}"
    verify = "Подтвердить сертификат:" if russian else "Verify at:"
    if kind == "course" and not russian and rng.random() < 0.25:  # another interface language
        form, months, label, after, verify = ABROAD[rng.choice(sorted(ABROAD))]
        month = months.split()[d.month - 1]
        date_text, after = form.format(d=d.day, m=month, y=d.year), after.format(org=org)
    lines = [
        ("coursera", 20, "bold"),
        (date_text, 12, "regular"),
        (name, 26, "bold"),
        (label, 12, "label"),
        (title, 22, "bold"),
        (after, 10, "regular"),
        *signature(rng),
        (verify, 9, "label"),
        (url.replace("https://", ""), 9, "regular"),
        (
            "Coursera has confirmed the identity of this individual and their participation.",
            8,
            "regular",
        ),
    ]
    return certificate_doc(lines, "coursera", name, title, d, ident, url)


def edx(rng: random.Random, platform: str = "edx") -> Doc:
    latin = latin_person(rng)
    short, org, code = rng.choice(EDX_ORGS)
    title = en_title(rng)
    d = random_day(rng)
    ident = uuid.UUID(int=rng.getrandbits(128)).hex
    host = "courses.edx.org" if platform == "edx" else "courses.openedu.kz"
    url = f"https://{host}/certificates/{ident}"
    if platform == "edx" and rng.random() < 0.25:  # older certificates print another address
        url = f"https://verify.edx.org/cert/{ident}"
    code_text = f"{code}.{rng.randint(1, 9)}x" if rng.random() < 0.7 else ""
    shown_title = f"{code_text}: {title}" if code_text else title
    if platform == "edx":
        issued = f"Issued {en_date(d, rng)}"
        through = (
            f"a course of study offered by {short}, an online learning initiative of {org} "
            "through edX."
        )
    else:
        issued = f"Issued {d.day:02d}.{d.month:02d}.{d.year}"
        through = "a course of study offered through the national Open edX platform."
    lines = [
        ("edX" if platform == "edx" else "Open edX · openedu.kz", 20, "bold"),
        ("VERIFIED CERTIFICATE of ACHIEVEMENT", 14, "regular"),
        ("This is to certify that", 12, "label"),
        (latin, 26, "bold"),
        ("successfully completed and received a passing grade in", 12, "label"),
        (shown_title, 20, "bold"),
        (through, 10, "regular"),
        *signature(rng),
        (issued, 11, "regular"),
        (f"VALID CERTIFICATE ID {ident}", 8, "regular"),
        (url, 8, "regular"),
    ]
    return certificate_doc(lines, platform, latin, shown_title, d, ident, url)


def stepik(rng: random.Random) -> Doc:
    name = rng.choice(RU_NAMES + [k for k, _ in KK_NAMES])
    title = ru_title(rng)
    d = random_day(rng)
    ident = str(rng.randint(100000, 9999999))
    host = "stepic.org" if rng.random() < 0.15 else "stepik.org"  # the older address
    url = f"https://{host}/cert/{ident}"
    grade = rng.choice([None, 78.0, 85.0, 92.0, 100.0])
    hours = rng.choice([None, 12.0, 36.0, 40.0])
    if rng.random() < 0.5:  # the current template: labels apart, the title unquoted
        lines = [
            ("stepik", 20, "bold"),
            ("Настоящий сертификат подтверждает, что", 12, "label"),
            (name, 24, "bold"),
            ("успешно завершил/а курс", 12, "label"),
            (title, 20, "bold"),
        ]
        if grade is not None:
            lines += [("Результат", 11, "label"), (f"{grade:.0f}%", 16, "bold")]
    else:
        lines = [
            ("Stepik", 20, "bold"),
            ("СЕРТИФИКАТ", 24, "bold"),
            ("Настоящим подтверждается, что", 12, "label"),
            (name, 24, "bold"),
            ("успешно завершил(а) курс", 12, "label"),
            (f"«{title}»", 20, "bold"),
        ]
        if grade is not None:
            lines.append((f"с результатом {grade:.0f}%", 12, "regular"))
    if hours is not None:
        lines.append((f"Объём курса: {hours:.0f} часов", 11, "regular"))
    lines += [
        (f"Дата выдачи: {d.day} {RU_MONTHS_GEN[d.month - 1]} {d.year} г.", 11, "regular"),
        (f"Сертификат № {ident}", 10, "regular"),
        (url, 9, "regular"),
    ]
    return certificate_doc(
        lines, "stepik", name, title, d, ident, url, grade_percent=grade, hours=hours
    )


ES_MONTHS = [
    "Enero", "Febrero", "Marzo", "Abril", "Mayo", "Junio", "Julio", "Agosto", "Septiembre",
    "Octubre", "Noviembre", "Diciembre",
]  # fmt: skip


DE_MONTHS = [
    "Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
    "Oktober", "November", "Dezember",
]  # fmt: skip


def udemy_uuid_id(rng: random.Random) -> str:
    """A Udemy certificate's ID since 2020: "UC-" and a UUID."""
    return f"UC-{uuid.UUID(int=rng.getrandbits(128))}"


def udemy(rng: random.Random) -> Doc:
    latin = latin_person(rng)
    title = en_title(rng)
    d = random_day(rng)
    old = rng.random() < 0.3  # before 2020: eight characters, and a sentence template
    if old:
        ident = "UC-" + "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789") for _ in range(8))
    else:
        ident = udemy_uuid_id(rng)
    hours = rng.choice([4.5, 10.0, 22.5, 31.5, 61.0])
    month = EN_MONTHS[d.month - 1]
    shown = f"{month[:3]}. {d.day}, {d.year}" if month != "May" else f"May {d.day}, {d.year}"
    if old and rng.random() < 0.5:  # the Spanish interface: one sentence holds every field
        lines = [
            ("Certificado de finalización", 22, "bold"),
            (
                f"Este documento certifica que {latin} ha completado con éxito {hours:g} horas "
                f"del curso en línea {title} el {d.day} de {ES_MONTHS[d.month - 1]} de {d.year}",
                14,
                "regular",
            ),
            ("Jose Portilla, Instructor", 10, "regular"),
            ("Udemy", 16, "bold"),
            (f"Número de certificado: {ident}", 8, "regular"),
            (f"Url del certificado: ude.my/{ident}", 8, "regular"),
        ]
    elif rng.random() < 0.25:  # the Russian interface: its labels, a short month, "всего"
        lines = [
            ("udemy", 18, "bold"),
            ("СЕРТИФИКАТ ОБ ОКОНЧАНИИ", 12, "bold"),
            (title, 24, "bold"),
            ("Преподаватели Jose Portilla, Angela Yu", 11, "regular"),
            (latin, 24, "bold"),
            (f"Дата {d.day} {RU_SHORT_MONTHS[d.month - 1]} {d.year} г.", 11, "regular"),
            (f"Продолжительность {hours:g} всего часов".replace(".", ","), 11, "regular"),
            (f"Номер сертификата: {ident}", 8, "regular"),
            (f"URL-адрес сертификата: ude.my/{ident}", 8, "regular"),
        ]
    else:
        lines = [
            ("udemy", 18, "bold"),
            ("CERTIFICATE OF COMPLETION", 12, "bold"),
            (title, 24, "bold"),
            ("Instructors Jose Portilla, Angela Yu", 11, "regular"),
            (latin, 24, "bold"),
            (f"Date {shown}", 11, "regular"),
            (f"Length {hours:g} total hours", 11, "regular"),
            (f"Certificate no: {ident}", 8, "regular"),
            (f"Certificate url: ude.my/{ident}", 8, "regular"),
        ]
        own = drawn_of(latin, title, "udemy interface")  # after the corpus's own draws
        if own.random() < 0.2:  # the Spanish or the German interface: their labels
            spanish = own.random() < 0.5
            lines[1], lines[3], lines[5], lines[6] = (
                (
                    ("CERTIFICADO DE FINALIZACIÓN", 12, "bold"),
                    ("Instructores Jose Portilla", 11, "regular"),
                    (
                        f"Fecha {d.day} de {ES_MONTHS[d.month - 1].lower()} de {d.year}",
                        11,
                        "regular",
                    ),
                    (f"Duración {hours:g} horas en total".replace(".", ","), 11, "regular"),
                )
                if spanish
                else (
                    ("ABSCHLUSSZERTIFIKAT", 12, "bold"),
                    ("Kursleiter Jose Portilla", 11, "regular"),
                    (f"Datum {d.day}. {DE_MONTHS[d.month - 1]} {d.year}", 11, "regular"),
                    (f"Länge {hours:g} Gesamtstunden".replace(".", ","), 11, "regular"),
                )
            )
    return certificate_doc(
        lines, "udemy", latin, title, d, ident, f"https://ude.my/{ident}", hours=hours
    )


def futurelearn(rng: random.Random) -> Doc:
    latin = latin_person(rng)
    title = en_title(rng)
    d = random_day(rng)
    ident = "".join(
        rng.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(9)
    ) + rng.choice("0123456789")
    url = f"https://www.futurelearn.com/certificates/{ident}"
    lines = [
        ("FutureLearn", 20, "bold"),
        ("Certificate of Achievement", 16, "regular"),
        (latin, 26, "bold"),
        ("has completed the following course:", 12, "label"),
        (title, 20, "bold"),
        (rng.choice(ORGS), 11, "regular"),
        (f"Issued on {d.day} {EN_MONTHS[d.month - 1]} {d.year}", 11, "regular"),
        (f"Certificate ID: {ident}", 9, "regular"),
        (url, 8, "regular"),
    ]
    return certificate_doc(lines, "futurelearn", latin, title, d, ident, url)


def skills_enbek(rng: random.Random) -> Doc:
    name = rng.choice(KK_NAMES)[0]
    title = rng.choice(KK_TITLES)
    d = random_day(rng)
    ident = f"SE-{rng.randint(10_000_000, 99_999_999)}"
    url = f"https://skills.enbek.kz/certificate/{ident}"
    hours = float(rng.choice([16, 24, 36, 72]))
    date_text = (
        f"{d.year} жылғы {d.day} {KK_MONTHS[d.month - 1]}"
        if rng.random() < 0.6
        else f"{d.day:02d}.{d.month:02d}.{d.year} ж."
    )
    lines = [
        ("Skills Enbek", 20, "bold"),
        ("СЕРТИФИКАТ", 26, "bold"),
        ("Осымен расталады:", 12, "label"),
        (name, 24, "bold"),
        (f"«{title}» онлайн-курсын сәтті аяқтады", 14, "regular"),
        (f"Курс көлемі: {hours:.0f} академиялық сағат", 11, "regular"),
        (f"Берілген күні: {date_text}", 11, "regular"),
        (f"Сертификат № {ident}", 10, "regular"),
        (url.replace("https://", ""), 9, "regular"),
    ]
    return certificate_doc(lines, "skills-enbek", name, title, d, ident, url, hours=hours)


def openu(rng: random.Random) -> Doc:
    d = random_day(rng)
    ident = f"OU-{d.year}-{rng.randint(100000, 999999)}"
    url = f"https://openu.kz/certificate/{ident}"
    hours = float(rng.choice([36, 72, 108]))
    if rng.random() < 0.5:
        name = rng.choice(KK_NAMES)[0]
        title = rng.choice(KK_TITLES)
        lines = [
            ("Қазақстанның ашық университеті", 18, "bold"),
            ("СЕРТИФИКАТ", 26, "bold"),
            (name, 24, "bold"),
            (f"«{title}» курсын сәтті аяқтады", 14, "regular"),
            (f"Көлемі: {hours:.0f} сағат", 11, "regular"),
            (f"{d.day:02d}.{d.month:02d}.{d.year} ж.", 11, "regular"),
            (f"Тіркеу нөмірі: {ident}", 10, "regular"),
            (url, 9, "regular"),
        ]
    else:
        name = rng.choice(RU_NAMES)
        title = ru_title(rng)
        lines = [
            ("Открытый университет Казахстана", 18, "bold"),
            ("СЕРТИФИКАТ", 26, "bold"),
            ("Настоящий сертификат подтверждает, что", 12, "label"),
            (name, 24, "bold"),
            ("успешно прошел(а) обучение по курсу", 12, "label"),
            (f"«{title}»", 20, "bold"),
            (f"в объеме {hours:.0f} часов", 11, "regular"),
            (f"Дата выдачи: {d.day:02d}.{d.month:02d}.{d.year}", 11, "regular"),
            (f"Регистрационный номер: {ident}", 10, "regular"),
            (url, 9, "regular"),
        ]
    return certificate_doc(lines, "openu-kz", name, title, d, ident, url, hours=hours)


CERTIFICATES = [
    coursera,
    edx,
    lambda r: edx(r, "open-edu-kz"),
    stepik,
    udemy,
    futurelearn,
    skills_enbek,
    openu,
    generic,
]
