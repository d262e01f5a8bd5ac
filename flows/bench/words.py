"""The words of the corpus's documents: names, titles, organisations, month names, and the
``Doc`` that holds a document's lines with the truth of its fields."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from extractors.model import FIELD_NAMES

KK_NAMES = [
    ("Сәдуақасова Әлия", "Aliya Saduakassova"),
    ("Жұмабеков Ерлан", "Yerlan Zhumabekov"),
    ("Төлеуова Айгерім", "Aigerim Toleuova"),
    ("Қасымов Дәурен", "Dauren Kassymov"),
    ("Әбдірахманова Інжу", "Inzhu Abdirakhmanova"),
    ("Нұрланов Ғалым", "Galym Nurlanov"),
    ("Сейітқали Арман", "Arman Seiitkali"),
    ("Оспанова Меруерт", "Meruyert Ospanova"),
    ("Есенғалиев Нұрсұлтан", "Nursultan Yessengaliyev"),
    ("Үмбетова Дана", "Dana Umbetova"),
    ("Бекмұхамбетов Талғат", "Talgat Bekmukhambetov"),
    ("Ғабдуллина Самал", "Samal Gabdullina"),
    ("Құдайбергенов Арман", "Arman Kudaibergenov"),
    ("Жақсылықова Әсем", "Assem Zhaksylykova"),
    ("Өтепов Серік", "Serik Otepov"),
    ("Мұратова Айжан", "Aizhan Muratova"),
]
ONE_WORD_NAMES = ["Aruzhan", "Dinara", "Lahari", "Madina", "Temirlan"]
LONG_NAMES = [
    "Juan Fernando García Mejía",
    "María José de la Cruz Ortega",
    "Ahmad Nur Syafiq bin Rahman",
    "Şolpan Ğabdullina Äset Qyzy",
]
RU_NAMES = [
    "Ким Анастасия Сергеевна",
    "Иванов Дмитрий Александрович",
    "Петрова Елена Викторовна",
    "Ахметов Руслан Маратович",
    "Смирнова Ольга Игоревна",
    "Цой Виктор Робертович",
    "Байжанова Ляззат Тулегеновна",
    "Сидоров Артём Павлович",
]
EN_TITLES = [
    "Machine Learning",
    "Supervised Machine Learning: Regression and Classification",
    "Python for Everybody",
    "Introduction to Data Science in Python",
    "Google Data Analytics",
    "Deep Learning",
    "SQL for Data Science",
    "Foundations of Project Management",
    "Introduction to Cloud Computing",
    "Data Science: R Basics",
    "Computer Science for Web Programming",
    "Statistics and R",
    "Cybersecurity Fundamentals",
    "The Science of Well-Being",
    "Agile with Atlassian Jira",
    "Financial Markets",
    "Algorithms, Part I",
    "Web Design for Everybody",
    "Introduction to Linux",
    "English for Career Development",
    "Generative AI for Everyone",
    "AI For Everyone",
]
LONG_TITLES = [  # long enough to wrap over two lines
    "Automation of Software Testing with Selenium WebDriver and Python for Beginners",
    "Data Analysis and Visualization with Python, Pandas and Matplotlib from Scratch",
    "Project Management Foundations: Initiation, Planning and Execution in Practice",
]
RU_LONG_TITLES = [
    "Автоматизация тестирования веб-приложений с помощью Selenium и Python",
    "Power BI: от новичка до уверенного бизнес-пользователя аналитических систем",
]
RU_TITLES = [
    "Программирование на Python",
    "Основы статистики",
    "Введение в Linux",
    "Алгоритмы: теория и практика",
    "Основы SQL",
    "Введение в анализ данных",
    "Веб-разработка для начинающих",
    "Математический анализ",
]
KK_TITLES = [
    "Python тілінде бағдарламалау негіздері",
    "Деректерді талдау негіздері",
    "Кәсіпкерлік негіздері",
    "Цифрлық сауаттылық",
    "Ақпараттық қауіпсіздік негіздері",
    "Жобаларды басқару",
    "Excel бағдарламасында жұмыс",
    "Веб-әзірлеу негіздері",
]
# hyphenated words of both scripts, which OCR reads in one ("Руіһоп-разработка")
RU_COMPOUND_TITLES = [
    "Python-разработка с нуля",
    "SQL-запросы для аналитиков",
    "Профессия IT-специалист",
    "Excel-таблицы в бизнесе",
    "Java-программирование для начинающих",
    "Frontend-разработчик",
]
# a short Russian word beside a Latin one (OCR reads "по" as "no" there)
RU_LATIN_WORD_TITLES = [
    "Полный курс по JavaScript",
    "Основы HTML и CSS",
    "Практикум по Python и SQL",
]
KK_COMPOUND_TITLES = [
    "Python-бағдарламалау негіздері",
    "Web-әзірлеу курсы",
    "Excel-кестелермен жұмыс",
    "IT-маман мамандығы",
]
ORGS = [
    "Stanford University",
    "DeepLearning.AI",
    "University of Michigan",
    "Google",
    "IBM",
    "Duke University",
    "Yale University",
    "University of Leeds",
]
EDX_ORGS = [
    ("HarvardX", "Harvard University", "PH125"),
    ("MITx", "Massachusetts Institute of Technology", "6.00"),
    ("BerkeleyX", "University of California, Berkeley", "CS169"),
    ("UBCx", "The University of British Columbia", "SPD1"),
]
EN_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
# Coursera's other interface languages: its date, its verb, its line under the course, its
# verification label ("{org}" is the course's provider)
ABROAD = {
    "es": (
        "{d} de {m} de {y}",
        "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
        "ha completado con éxito",
        "un curso en línea no acreditado autorizado por {org} y ofrecido a través de Coursera",
        "Verifique en:",
    ),
    "fr": (
        "{d} {m} {y}",
        "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
        "a suivi avec succès",
        "un cours en ligne non crédité autorisé par {org} et proposé via Coursera",
        "Vérifier sur :",
    ),
    "pt": (
        "{d} de {m} de {y}",
        "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro",
        "concluiu com êxito",
        "um curso online sem crédito autorizado por {org} e oferecido por meio do Coursera",
        "Verifique em:",
    ),
    "de": (
        "{d}. {m} {y}",
        "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
        "hat erfolgreich abgeschlossen",
        "einen nicht akkreditierten Onlinekurs, autorisiert von {org} und angeboten über Coursera",
        "Überprüfen unter:",
    ),
}

RU_MONTHS_GEN = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
]


@dataclass
class Doc:
    """One document: its lines (text, size, style) and the truth of its fields."""

    lines: Sequence[tuple[str, float, str]]
    truth: dict[str, Any]
    kind: str = "certificate"  # or screenshot
    style: dict[str, Any] = field(default_factory=dict)


def truth_of(**kw: Any) -> dict[str, Any]:
    base: dict[str, Any] = dict.fromkeys(FIELD_NAMES)
    base.update(kw)
    return base


def certificate_doc(
    lines: Sequence[tuple[str, float, str]],
    platform: str | None,
    name: str,
    title: str | list[str],  # a list: any of these forms is right
    issued: date,
    ident: str | None = None,
    url: str | None = None,
    **extra: Any,
) -> Doc:
    """A certificate document and its truth."""
    return Doc(
        lines,
        truth_of(
            kind="certificate",
            platform=platform,
            learner_name=name,
            course_title=title,
            issued_on=issued.isoformat(),
            certificate_id=ident,
            verify_url=url,
            **extra,
        ),
    )


def random_day(rng: random.Random) -> date:
    return date(2020, 1, 1) + timedelta(days=rng.randrange(0, 6 * 365))


def alnum(rng: random.Random, n: int) -> str:
    return (
        "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789") for _ in range(n - 2))
        + rng.choice("0123456789")
        + rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ")
    )


def en_date(d: date, rng: random.Random) -> str:
    style = rng.choice(["short", "long", "ordinal", "sept"])
    month = EN_MONTHS[d.month - 1]
    if style == "short":
        return f"{month[:3]} {d.day}, {d.year}"
    if style == "ordinal":
        suffix = (
            "th" if 11 <= d.day % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(d.day % 10, "th")
        )
        return f"{month} {d.day}{suffix}, {d.year}"
    if style == "sept" and d.month == 9:
        return f"Sept. {d.day}, {d.year}"
    return f"{month} {d.day}, {d.year}"


def latin_person(rng: random.Random) -> str:
    """A learner's name as typed on an international platform: mostly a Kazakh name in Latin
    letters, sometimes one word, sometimes five, sometimes in capitals."""
    roll = rng.random()
    if roll < 0.08:
        return rng.choice(ONE_WORD_NAMES)
    if roll < 0.16:
        return rng.choice(LONG_NAMES)
    name = rng.choice(KK_NAMES)[1]
    return name.upper() if roll > 0.9 else name


def en_title(rng: random.Random) -> str:
    return rng.choice(LONG_TITLES) if rng.random() < 0.15 else rng.choice(EN_TITLES)


def ru_title(rng: random.Random) -> str:
    return rng.choice(RU_LONG_TITLES) if rng.random() < 0.15 else rng.choice(RU_TITLES)


def signature(rng: random.Random) -> list[tuple[str, float, str]]:
    """A signatory under the text: a person's name and role (never the learner)."""
    who = rng.choice(["Andrew Ng", "Charles Severance", "Anna Petrova", "Ерлан Сапаров"])
    role = rng.choice(["Instructor", "Director, Online Learning", "Professor", "Директор"])
    return [(who, 9, "regular"), (role, 8, "regular")]
