"""Russian, Kazakh and Ukrainian certificates of unlisted issuers: certificates, diplomas and
qualification certificates (the state form with its caption under the name), Kazakh
certificates and куәлік, a Ukrainian platform's."""

from __future__ import annotations

import random
from datetime import date

from flows.bench.identity import kazakh_dative
from flows.bench.unlisted.draws import Line, drawn_of
from flows.bench.words import (
    KK_COMPOUND_TITLES,
    KK_NAMES,
    KK_TITLES,
    RU_COMPOUND_TITLES,
    RU_MONTHS_GEN,
    RU_NAMES,
    Doc,
    certificate_doc,
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
    *RU_COMPOUND_TITLES,
]

RU_LABEL_WORD_TITLES = [
    "Оценка бизнеса",
    "Дата-инженерия",
    "Объём продаж и его рост",
    "Результат-ориентированное управление",
]


def russian(rng: random.Random, d: date) -> Doc:
    name, title = rng.choice(RU_NAMES), ru_title(rng)
    if drawn_of(name, title).random() < 0.15:  # a Latin abbreviation in a Russian title
        title = drawn_of(title, name).choice(RU_LATIN_TITLES)
    elif drawn_of(name, title, "label word").random() < 0.1:  # a title that begins with a
        # word labels begin with too
        title = drawn_of(title, name, "label word").choice(RU_LABEL_WORD_TITLES)
    when = f"{d.day} {RU_MONTHS_GEN[d.month - 1]} {d.year} года"
    if drawn_of(name, title, "short year").random() < 0.1:  # the year in two digits
        when = f"{d:%d.%m.%y}"
    style = rng.randrange(4)
    if style == 0:  # a certificate of an online course, its registration number
        given_id = str(rng.randint(1_000_000, 9_999_999))
        if drawn_of(name, title, "dated number").random() < 0.15:  # the day it was given, then
            # the day's serial ("2023-07-14-00123")
            given_id = f"{d.isoformat()}-{int(given_id) % 1000:05d}"
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
        result = f"Итоговый балл: {grade:.0f} из 100"
        if drawn_of(name, title, "requirements").random() < 0.15:  # every requirement met,
            # the grade in the sentence after
            verb, result = (
                "выполнил(а) все требования курса",
                f"и получил(а) итоговую оценку {grade:.0f}%",
            )
        lines: list[Line] = [
            ("Цифровая академия Каспия", 18, "bold"),
            ("СЕРТИФИКАТ", 26, "bold"),
            ("Подтверждает, что", 12, "label"),
            (name, 24, "bold"),
            (verb, 12, "label"),
            (f"«{title}»", 20, "bold"),
            (f"Количество часов: {hours:.0f}", 11, "regular"),
            (result, 11, "regular"),
            (f"Дата выдачи: {when}", 11, "regular"),
            (f"Регистрационный номер: {given_id}", 10, "regular"),
        ]
        own = drawn_of(name, title, "online")  # after the corpus's own draws
        if own.random() < 0.4:  # the course's length and a test's result inside the
            # sentence, or the certificate "об успешном освоении" a course and its listener;
            # points out of 100 with their unit; a number of Cyrillic capitals and digits
            given_id = (
                f"{own.choice(['ЦАК', 'ОУП', 'ЦШ'])}-{d.year % 100:02d}-{own.randint(100, 9999)}"
            )
            if own.random() < 0.5:
                lines[2:8] = [
                    ("Подтверждает, что", 12, "label"),
                    (name, 24, "bold"),
                    (f"прошёл(а) {hours:.0f}-часовой онлайн-курс", 12, "label"),
                    (f"«{title}»", 20, "bold"),
                    (f"и успешно сдал(а) итоговый тест ({grade:.0f}%)", 11, "regular"),
                ]
            else:
                lines[2:8] = [
                    ("об успешном освоении онлайн-курса", 12, "label"),
                    (f"«{title}»", 20, "bold"),
                    (f"Слушатель: {name}", 14, "regular"),
                    (f"Объём: {hours:.0f} академических часов", 11, "regular"),
                    (f"Оценка: {grade:.0f} баллов из 100", 11, "regular"),
                ]
            lines[-1] = (f"Рег. № {given_id}", 10, "regular")
        elif drawn_of(name, title, "exam").random() < 0.12:  # the course named by its final
            # exam, the issuer's name in capitals over the heading
            lines[0] = ("ИНСТИТУТ ДИСТАНЦИОННОГО ОБУЧЕНИЯ", 14, "bold")
            lines[4] = ("успешно сдал итоговый экзамен по курсу", 12, "label")
        elif drawn_of(name, title, "listened").random() < 0.2:  # "Удостоверяем, что", a course
            # listened to, a grade in points with no scale printed
            lines[2] = ("Удостоверяем, что", 12, "label")
            lines[4] = ("прослушал(а) курс", 12, "label")
            lines[7] = (
                f"и успешно сдал(а) итоговую аттестацию с оценкой {_points(grade)}",
                11,
                "regular",
            )
        elif drawn_of(name, title, "programme").random() < 0.12:  # an educational programme
            # mastered, its length in academic hours abbreviated, in brackets
            lines[4] = ("освоил(а) образовательную программу", 12, "label")
            lines[6] = (f"({hours:.0f} ак. ч.)", 11, "regular")
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
        if drawn_of(name, title, "course first").random() < 0.3:  # the course first, the
            # listener after a passive sentence
            lines[1:5] = [
                ("Курс", 12, "label"),
                (f"«{title}»", 20, "bold"),
                ("успешно пройден слушателем", 12, "label"),
                (name, 24, "bold"),
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
    if drawn_of(name, title, heading).random() < 0.4 and " " in name:
        # the state form: the surname over the given names, the caption under them, the
        # dates of study in the sentence after
        surname, given = name.split(" ", 1)
        start = date.fromordinal(d.toordinal() - 14)
        lines[4:6] = [
            (surname, 20, "bold"),
            (given, 20, "bold"),
            ("(фамилия, имя, отчество)", 7, "regular"),
            (f"с {start:%d.%m.%Y} г. по {d:%d.%m.%Y} г. прошёл(а) {done}", 12, "label"),
            (f"по {programme}", 12, "label"),
        ]
    return certificate_doc(lines, None, name, title, d, hours=hours)


def _points(grade: float) -> str:
    """Points in words as Russian writes them: 81 балл, 92 балла, 85 баллов."""
    n = int(grade)
    if n % 10 == 1 and n % 100 != 11:
        return f"{n} балл"
    if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14):
        return f"{n} балла"
    return f"{n} баллов"


def kazakh(rng: random.Random, d: date) -> Doc:
    name, title = rng.choice(KK_NAMES)[0], rng.choice(KK_TITLES)
    if drawn_of(name, title, "compound").random() < 0.15:  # a word of both scripts
        title = drawn_of(name, title, "compound").choice(KK_COMPOUND_TITLES)
    when = f"{d.year} жылғы {d.day} {KK_MONTHS[d.month - 1]}"
    dated = f"Берілген күні: {when}"
    if drawn_of(name, title, "quoted").random() < 0.3:  # an official form's: the town, the
        # day quoted
        dated = f"Ақтау қ., {d.year} жылғы «{d.day}» {KK_MONTHS[d.month - 1]}"
    if rng.random() < 0.5:  # the course's name before "онлайн-курсын", the verb below
        lines: list[Line] = [
            ("Маңғыстау цифрлық академиясы", 18, "bold"),
            ("СЕРТИФИКАТ", 26, "bold"),
            ("Осы сертификат", 12, "label"),
            (name, 24, "bold"),
            (f"«{title}» онлайн-курсын", 14, "regular"),
            ("сәтті аяқтағанын растайды", 14, "regular"),
            (dated, 11, "regular"),
        ]
        if drawn_of(name, title, "given to").random() < 0.3:  # the course first, the learner
            # in the dative before "берілді" on its own line (the name as printed)
            *rest, last = name.split()
            name = " ".join([*rest, kazakh_dative(last)])
            lines[2:6] = [
                (f"«{title}» курсы бойынша", 14, "regular"),
                (name, 24, "bold"),
                ("берілді", 14, "regular"),
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
    length = f"Көлемі: {hours:.0f} сағат"
    if drawn_of(name, title, "programme").random() < 0.25:  # a programme's training finished,
        # the verb ending its line, the length's label of two words under it
        done, length = "бағдарламасы бойынша оқуды аяқтады", f"Оқу көлемі: {hours:.0f} сағат"
    lines = [
        ("СЕРТИФИКАТ", 26, "bold"),
        (name, 24, "bold"),
        (f"«{title}» {done}", 14, "regular"),
        (length, 11, "regular"),
        (
            f"Берілген күні: {d.day:02d}.{d.month:02d}.{d.year}{rng.choice(['', 'ж.'])}",
            11,
            "regular",
        ),
    ]
    own = drawn_of(name, title, when)  # after the corpus's own draws
    if own.random() < 0.3:  # a qualification certificate (куәлік): its number under the
        # heading, the course's name alone on its line, the kind of course before the verb
        given_id = f"KZ-{d.year}-{own.randint(1, 9999):04d}"
        if drawn_of(name, title, "cyrillic").random() < 0.4:  # the issuer's own capitals
            given_id = f"{drawn_of(name, when).choice(['МЦ', 'ЦА', 'ҚБО'])}-{given_id[3:]}"
        lines = [
            ("Маңғыстау цифрлық орталығы", 16, "bold"),
            ("КУӘЛІК", 28, "bold"),
            # the number's label as registers print it, or the sign alone
            (
                f"{'Тіркеу ' if drawn_of(name, 'register').random() < 0.3 else ''}№ {given_id}",
                11,
                "regular",
            ),
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
            (dated, 11, "regular"),
        ]
        return certificate_doc(lines, None, name, title, d, given_id, hours=hours)
    return certificate_doc(lines, None, name, title, d, hours=hours)


UK_NAMES = ["Олена Коваленко", "Андрій Шевченко", "Ірина Бондаренко", "Тарас Мельник"]
UK_TITLES = ["Основи програмування", "Публічні закупівлі", "Англійська для програмістів"]
UK_MONTHS = "січня лютого березня квітня травня червня липня серпня вересня жовтня листопада грудня"


def ukrainian(rng: random.Random, d: date) -> Doc:
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
    if drawn_of(name, title, "inline").random() < 0.3:  # the learner inside one sentence
        verb = "завершила" if name.split()[0][-1] == "а" else "завершив"
        lines[1:3] = [(f"Сертифікат підтверджує, що {name} успішно {verb} курс", 12, "label")]
    return certificate_doc(lines, None, name, title, d)
