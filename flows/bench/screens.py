"""What the corpus's screenshots show: course pages of each platform (quizzes with their grade,
progress pages, a tall full-page capture), in English, Russian and Kazakh (Coursera's progress
pages also in its Spanish, Portuguese, French and German interface), with their truth."""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any

from flows.bench.content import udemy_uuid_id
from flows.bench.unlisted.european import TITLES as ABROAD_TITLES
from flows.bench.words import (
    EN_MONTHS,
    EN_TITLES,
    KK_COMPOUND_TITLES,
    KK_TITLES,
    RU_COMPOUND_TITLES,
    RU_LATIN_WORD_TITLES,
    RU_TITLES,
    Doc,
    certificate_doc,
    en_date,
    en_title,
    latin_person,
    random_day,
    truth_of,
)


def _screenshot(lines: Sequence[tuple[str, float, str]], **truth: Any) -> Doc:
    return Doc(lines, truth_of(kind="screenshot", **truth), kind="screenshot")


def coursera_quiz(rng: random.Random) -> Doc:
    grade = float(rng.choice([80, 85, 90, 95, 100]))
    title = rng.choice(EN_TITLES)
    lines = [
        ("coursera", 16, "bold"),
        (f"{title}  >  Week {rng.randint(1, 4)}  >  Graded Quiz", 10, "regular"),
        ("Graded Quiz: Module review", 18, "bold"),
        ("BANNER:Congratulations! You passed!", 14, "bold"),
        (f"BANNER:Grade received {grade:.0f}%     To pass 80% or higher", 13, "regular"),
        ("1. Which of the following is a supervised learning task?", 11, "regular"),
        ("Correct", 10, "regular"),
        ("2. What does the cost function measure?", 11, "regular"),
        ("Correct", 10, "regular"),
        ("Next item", 11, "regular"),
    ]
    return _screenshot(lines, platform="coursera", grade_percent=grade, course_title=title)


def coursera_progress(rng: random.Random, abroad_too: bool = True) -> Doc:
    progress = float(rng.choice([20, 35, 50, 65, 80, 95]))
    title = rng.choice(EN_TITLES)
    lines: list[tuple[str, float, str]] = [
        ("coursera", 16, "bold"),
        (title, 16, "bold"),
        (
            f"Course progress: {progress:.0f}% complete"
            if rng.random() < 0.5
            else _items_done(title, progress) or f"Your progress: {progress:.0f}%",
            12,
            "regular",
        ),
    ]
    own = random.Random(f"{title}/{progress}/parts")  # drawn of the page's own
    if own.random() < 0.3:  # the lessons done of all the course's lessons
        total = own.choice([20, 40])
        done = round(total * progress / 100)
        lines[2] = (
            own.choice(
                [
                    f"You have completed {done} of {total} lessons",
                    f"Progress: {done}/{total} lessons completed",
                ]
            ),
            12,
            "regular",
        )
    else:
        lines[2] = _worded(lines[2], title, progress, _EN_SHARES)
    for week in range(1, rng.randint(4, 7)):
        lines.append((f"Week {week}: Module {week} overview", 11, "regular"))
        lines.append(
            ("Video  ·  12 min     Reading  ·  10 min     Practice assignment", 9, "regular")
        )
    doc = _screenshot(lines, platform="coursera", progress_percent=progress, course_title=title)
    abroad = random.Random(f"{title}/{progress}/abroad")  # drawn of the page's own
    if abroad.random() < 0.2 and abroad_too:
        page = _abroad(doc, abroad, progress)
        return _in_header_bar(page, own, page.style.pop("links"))
    return _in_header_bar(doc, own, "My learning    Log out")


# Coursera's interface in other languages: its progress, its weeks, its header's links
_ABROAD_PAGES = {
    "es": ("Progreso del curso: {}%", "Semana {}: Módulo", "Mi aprendizaje    Salir"),
    "pt": ("Progresso do curso: {}%", "Semana {}: Módulo", "Meu aprendizado    Sair"),
    "fr": ("Progression : {} %", "Semaine {} : Module", "Mes cours    Déconnexion"),
    "de": ("Fortschritt: {}%", "Woche {}: Modul", "Meine Kurse    Abmelden"),
}


def _abroad(doc: Doc, own: random.Random, progress: float) -> Doc:
    """The same page in another interface language, a course of that language."""
    lang = own.choice(sorted(_ABROAD_PAGES))
    share, week, links = _ABROAD_PAGES[lang]
    title = own.choice(ABROAD_TITLES[lang])
    lines = [doc.lines[0], (title, 16, "bold"), (share.format(f"{progress:.0f}"), 12, "regular")]
    weeks = [line for line in doc.lines[3:] if line[0].startswith("Week")]
    for n in range(1, len(weeks) + 1):
        lines.append((f"{week.format(n)} {n}", 11, "regular"))
        lines.append(("Video  ·  12 min     Quiz  ·  10 min", 9, "regular"))
    page = _screenshot(lines, platform="coursera", progress_percent=progress, course_title=title)
    page.style["links"] = links
    return page


# the share of the course done, as other pages word it
_EN_SHARES = (
    "You've completed {}% of the course",
    "You've completed {}% of the steps",
    "Course mastery: {}%",  # a practice site's
)
_RU_SHARES = ("Вы прошли {}% курса",)
_KK_SHARES = ("Сіз курстың {}%-ын аяқтадыңыз",)


def _worded(
    line: tuple[str, float, str], title: str, progress: float, shares: Sequence[str]
) -> tuple[str, float, str]:
    """One page in five (drawn of its own) words its progress as a share of the course."""
    own = random.Random(f"{title}/{progress}/share")
    if own.random() < 0.2:
        return (own.choice(shares).format(f"{progress:.0f}"), line[1], line[2])
    return line


def _in_header_bar(doc: Doc, own: random.Random, links: str) -> Doc:
    """On two pages in five, the site's name is in the header bar beside its navigation, not
    above the course's title."""
    if own.random() < 0.4:
        doc.style["site"] = (doc.lines[0][0], links)
        doc.lines = doc.lines[1:]
    return doc


def _items_done(title: str, progress: float) -> str | None:
    """Progress as the items done of all ("13 of 20 items complete") on a third of the pages
    that show it: drawn of the page's own, so the corpus's other documents stay as they were."""
    draw = random.Random(f"{title}/{progress}")
    if draw.random() > 1 / 3:
        return None
    total = draw.choice([20, 40, 60])
    return f"{round(total * progress / 100)} of {total} items complete"


def stepik_progress(rng: random.Random) -> Doc:
    progress = float(rng.choice([15, 30, 45, 60, 75, 90]))
    title = _compound(rng.choice(RU_TITLES), progress, RU_COMPOUND_TITLES)
    grade: float | None = None
    if rng.random() < 0.5:
        lines: list[tuple[str, float, str]] = [
            ("Stepik", 16, "bold"),
            (title, 16, "bold"),
            (f"Прогресс по курсу: {progress:.0f}%", 12, "regular"),
        ]
    else:  # the course page's side panel
        lines = [
            ("stepik    Каталог    Моё обучение", 11, "regular"),
            (title, 16, "bold"),
            (f"{progress:.0f}% материалов пройдено", 10, "regular"),
            (f"{int(progress)}/100 баллов получено", 10, "regular"),
        ]
    own = random.Random(f"{title}/{progress}/parts")  # drawn of the page's own
    if lines[0][0] == "Stepik" and own.random() < 0.4:  # the modules done, or the course's
        # share as "пройден на"
        total = 20  # progress is a multiple of 5: a whole number of the 20 modules
        lines[2] = (
            f"Пройдено {round(total * progress / 100)} из {total} модулей"
            if own.random() < 0.5
            else f"Курс пройден на {progress:.0f}%",
            12,
            "regular",
        )
        if own.random() < 0.3:  # the modules under "Прогресс:", the course's grade under it
            done = round(total * progress / 100)
            lines[2] = (f"Прогресс: {done} из {total} модулей", 12, "regular")
            grade = float(own.randint(60, 100))
            lines.insert(3, (f"Итоговая оценка: {grade:.0f} баллов из 100", 12, "regular"))
    elif lines[0][0] == "Stepik":
        lines[2] = _worded(lines[2], title, progress, _RU_SHARES)
    for module in range(1, rng.randint(4, 7)):
        lines.append((f"Модуль {module}. Тема {module}", 11, "regular"))
        lines.append(("Шагов пройдено: 12 из 12     Баллы: 10 из 10", 9, "regular"))
    doc = _screenshot(
        lines, platform="stepik", progress_percent=progress, course_title=title, grade_percent=grade
    )
    return _in_header_bar(doc, own, "Мои курсы    Выход") if lines[0][0] == "Stepik" else doc


def _compound(title: str, progress: float, compounds: Sequence[str]) -> str:
    """One page in four (drawn of its own) names a course with a word of both scripts; of
    the others, a Russian one in ten with a short Russian word beside a Latin one."""
    own = random.Random(f"{title}/{progress}/compound")
    if own.random() < 0.25:
        return own.choice(compounds)
    if compounds is RU_COMPOUND_TITLES and own.random() < 0.1:
        return own.choice(RU_LATIN_WORD_TITLES)
    return title


def enbek_progress(rng: random.Random) -> Doc:
    progress = float(rng.choice([25, 40, 55, 70, 85]))
    title = _compound(rng.choice(KK_TITLES), progress, KK_COMPOUND_TITLES)
    lines: list[tuple[str, float, str]] = [
        ("Skills Enbek", 16, "bold"),
        (title, 16, "bold"),
        (f"Курс барысы: {progress:.0f}%", 12, "regular"),
    ]
    if random.Random(f"{title}/{progress}/bar").random() < 0.4:  # drawn of the page's own
        # the label alone, under it a bar with the percentage at its end
        lines[2:] = [("Курс барысы", 12, "regular"), (f"BAR:{progress:.0f}%", 12, "regular")]
    else:
        lines[2] = _worded(lines[2], title, progress, _KK_SHARES)
    if random.Random(f"{title}/{progress}/genitive").random() < 0.3:  # drawn of the page's
        # own: the course's progress in the genitive ("Курстың барысы"), weeks and lessons
        lines = [(t.replace("Курс барысы", "Курстың барысы"), z, w) for t, z, w in lines]
        lines.append(("2-апта: Сабақ 3. Аралық бағалау", 11, "regular"))
    grade = None
    own = random.Random(f"{title}/{progress}/final test")  # drawn of the page's own
    if own.random() < 0.3:  # the final test's points under the progress
        grade = float(own.randint(60, 100))
        lines.append((f"Қорытынды тест: {grade:.0f} ұпай", 12, "regular"))
    for module in range(1, rng.randint(4, 6)):
        lines.append((f"{module}-модуль. Тапсырма орындалды", 11, "regular"))
    doc = _screenshot(
        lines,
        platform="skills-enbek",
        progress_percent=progress,
        course_title=title,
        grade_percent=grade,
    )
    return _in_header_bar(doc, random.Random(f"{title}/{progress}/site"), "Курстарым    Шығу")


def tall_progress(rng: random.Random) -> Doc:
    """A full-page screenshot: long, with the progress near the end."""
    doc = coursera_progress(rng, abroad_too=False)  # its weeks are written in English
    at = 1 if "site" in doc.style else 2  # the title and its progress, or the title alone
    head, rest = doc.lines[:at], doc.lines[at:]
    filler = []
    for week in range(1, 26):
        filler.append((f"Week {week}: Lesson {week} video lecture", 11, "regular"))
        filler.append(
            ("Video  ·  8 min     Reading  ·  15 min     Discussion prompt", 9, "regular")
        )
    doc.lines = [*head, *filler, *rest]
    doc.style["tall"] = True
    return doc


# course titles that begin with a word some labels end in ("45% complete")
COMPLETE_TITLES = [
    "Complete Python Bootcamp From Zero to Hero",
    "Complete Guide to SQL for Data Analysis",
    "Complete Web Developer Course",
]


def certificate_page(rng: random.Random) -> Doc:
    """A certificate's own web page, captured: Udemy's (the recipient and the course under
    their labels, in body type, beside the certificate's image) or a badge's ("This badge was
    issued to … on …", its name over "Issued by …")."""
    name, d = latin_person(rng), random_day(rng)
    if rng.random() < 0.5:
        title = rng.choice(COMPLETE_TITLES) if rng.random() < 0.5 else en_title(rng)
        ident = udemy_uuid_id(rng)
        hours = rng.choice([4.5, 10.0, 22.0, 31.5])
        lines = [  # the certificate's image, then the page's own pane beside it
            ("Udemy", 16, "bold"),
            ("CERTIFICATE OF COMPLETION", 10, "bold"),
            (title, 14, "bold"),
            ("Instructors Jose Portilla", 9, "regular"),
            (name, 16, "bold"),
            (f"Date {EN_MONTHS[d.month - 1][:3]} {d.day}, {d.year}", 9, "regular"),
            (f"Length {hours:g} total hours", 9, "regular"),
            ("Certificate Recipient:", 13, "bold"),
            (name, 13, "regular"),
            ("About the Course:", 13, "bold"),
            (title, 12, "bold"),
            ("Jose Portilla", 11, "regular"),
            (f"Certificate no: {ident}", 10, "regular"),
            (f"Certificate url: ude.my/{ident}", 10, "regular"),
            (f"Reference Number: {rng.randint(1, 9999):04d}", 10, "regular"),
        ]
        return certificate_doc(
            lines, "udemy", name, title, d, ident, f"https://ude.my/{ident}", hours=hours
        )
    title = rng.choice(["Data Science Foundations - Level 1", "Cloud Practitioner Essentials",
                        "Cybersecurity Fundamentals", en_title(rng)])  # fmt: skip
    lines = [
        ("Credly", 16, "bold"),
        (title, 20, "bold"),
        (f"Issued by {rng.choice(['IBM', 'Amazon Web Services', 'Cisco'])}", 12, "regular"),
        ("This badge earner understands the foundational concepts of the field.", 11, "regular"),
        (f"This badge was issued to {name} on {en_date(d, rng)}", 12, "regular"),
        ("Skills", 12, "bold"),
        ("Methodology    Open Source    Analysis", 11, "regular"),
    ]
    return certificate_doc(lines, None, name, title, d)


SCREENSHOTS = [coursera_quiz, coursera_progress, stepik_progress, enbek_progress, tall_progress]
