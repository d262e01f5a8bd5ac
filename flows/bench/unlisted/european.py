"""Spanish, Portuguese, French, Italian and German certificates of unlisted issuers, in their
own wordings (not a platform's template translated): the learner after "certifica que",
"Otorgado a", "Décerné à", "Si attesta che" or above "hat den Onlinekurs", sometimes addressed
("D./Dña. …", "Mme …"); the course after "por haber aprobado el", "ha superado el curso",
"pour avoir réussi le cours", "concluiu o curso", "am Onlinekurs" (a Spanish course's name may
begin with "Curso de …"); hours, points, a folio or an authentication code; the date in words or
with slashes, day first as these languages write it."""

from __future__ import annotations

import random
from datetime import date

from flows.bench.unlisted.draws import Line, drawn_of
from flows.bench.words import ABROAD, Doc, alnum, certificate_doc

IT_MONTHS = (
    "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre"
)
_NAMES = {
    "es": ["María José Hernández", "Carlos Ruiz Gómez", "Lucía Fernández Torres", "Pablo Martínez"],
    "pt": ["Ana Beatriz Souza", "João Pedro Almeida", "Mariana Costa Lima", "Rafael Oliveira"],
    "fr": ["Camille Durand", "Lucas Martin", "Chloé Lefèvre", "Hugo Bernard"],
    "it": ["Giulia Bianchi", "Marco Rossi", "Francesca Romano", "Luca Esposito"],
    "de": ["Jonas Weber", "Lena Hoffmann", "Felix Schäfer", "Anna Becker"],
}
TITLES = {
    "es": [
        "Introducción a la Programación en Java",
        "Fundamentos de Marketing Digital",
        "Curso Básico de Python",
        "Curso de Análisis de Datos con Excel",
    ],
    "pt": [
        "Lógica de Programação",
        "Gestão de Projetos Ágeis",
        "Introdução ao Desenvolvimento Web",
    ],
    "fr": [
        "Apprenez à créer votre site web avec HTML5 et CSS3",
        "Python 3 : des fondamentaux aux concepts avancés",
        "Gestion de projet",
    ],
    "it": [
        "Fondamenti di Data Science",
        "Programmazione in Python",
        "Sicurezza informatica di base",
    ],
    "de": [
        "Objektorientierte Programmierung in Java",
        "Grundlagen der Datenanalyse",
        "Einführung in das maschinelle Lernen",
    ],
}
_CITIES = {"es": "Valencia", "pt": "São Paulo", "fr": "Paris", "it": "Napoli", "de": "Potsdam"}
_ACADEMY = {
    "es": "Academia Digital del Caspio",
    "pt": "Escola Virtual do Cáspio",
    "fr": "Académie numérique de la Caspienne",
    "it": "Accademia Digitale del Caspio",
    "de": "Digitale Akademie Kaspisches Meer",
}


def _in_words(lang: str, d: date) -> str:
    if lang == "it":
        return f"{d.day} {IT_MONTHS.split()[d.month - 1]} {d.year}"
    form, months, *_ = ABROAD[lang]
    return form.format(d=d.day, m=months.split()[d.month - 1], y=d.year)


def european(rng: random.Random, d: date) -> Doc:
    lang = rng.choice(list(_NAMES))
    name, title = rng.choice(_NAMES[lang]), rng.choice(TITLES[lang])
    printed_name = name
    hours: float | None = float(rng.choice([12, 20, 30, 40]))
    grade: float | None = None
    given_id: str | None = None
    slashes = rng.random() < 0.4  # day first: "05/08/2022" (or dots, in German)
    numeric = f"{d:%d.%m.%Y}" if lang == "de" else f"{d:%d/%m/%Y}"
    when = numeric if slashes else _in_words(lang, d)
    academy = _ACADEMY[lang]
    lines: list[Line]
    if lang == "es":
        heading = rng.choice(
            ["CERTIFICADO DE APROBACIÓN", "Certificado de participación", "CONSTANCIA"]
        )
        intro = rng.choice(
            ["Otorgado a", "Se otorga el presente certificado a", "Se extiende la presente a",
             f"{academy} certifica que", "Certificamos que"]
        )  # fmt: skip
        if "certifica" in intro and rng.random() < 0.5:
            printed_name = f"D./Dña. {name}"
        verb = rng.choice(
            ["por haber aprobado el", "ha superado el curso",
             "por haber acreditado el curso en línea", "ha completado el curso",
             "ha participado en el taller"]
        )  # fmt: skip
        given_id = f"{alnum(rng, 2)}-{d.year}-{rng.randint(10000, 99999)}"
        lines = [
            (academy, 16, "bold"),
            (heading, 24, "bold"),
            (intro, 12, "label"),
            (printed_name, 26, "bold"),
            (verb, 12, "label"),
            (title, 20, "bold"),
            (f"con una duración de {hours:.0f} horas", 11, "regular"),
            (f"{_CITIES[lang]}, a {when}" if not slashes else f"Fecha: {when}", 11, "regular"),
            (f"Folio: {given_id}", 9, "regular"),
        ]
        if not title.startswith("Curso") and drawn_of(name, title, "diploma").random() < 0.25:
            # the course in the heading, a platform's diploma ("Diploma del Curso de …")
            heading_line: Line = (f"Diploma del Curso de {title}", 22, "bold")
            lines[1:6] = [heading_line, ("Otorgado a", 12, "label"), (name, 26, "bold")]
    elif lang == "pt":
        verb = rng.choice(
            ["concluiu o curso", "concluiu com sucesso o curso", "participou do curso online",
             "finalizou o treinamento"]
        )  # fmt: skip
        given_id = "-".join(alnum(rng, 4) for _ in range(3))
        lines = [
            (academy, 16, "bold"),
            ("CERTIFICADO", 28, "bold"),
            (
                rng.choice(["Certificamos que", "Certificamos para os devidos fins que"]),
                12,
                "label",
            ),
            (name, 26, "bold"),
            (verb, 12, "label"),
            (title, 20, "bold"),
            (f"com carga horária de {hours:.0f} horas, em {when}.", 11, "regular"),
            (f"Código de autenticação: {given_id}", 9, "regular"),
        ]
        if drawn_of(name, title, "one line").random() < 0.3:  # the sentence on one line, the
            # course inline after its verb
            lines[2:6] = [(f"Certificamos que {name} {verb} {title}", 13, "regular")]
    elif lang == "fr":
        intro = rng.choice(
            ["Décerné à", "Délivrée à", "Nous certifions que", "Cette attestation certifie que"]
        )
        if (
            "certifi" in intro
            and name in ("Camille Durand", "Chloé Lefèvre")
            and rng.random() < 0.5
        ):
            printed_name = f"Mme {name}"
        verb = rng.choice(
            ["pour avoir réussi le cours", "a suivi avec succès le MOOC", "a terminé la formation",
             "pour avoir suivi le parcours"]
        )  # fmt: skip
        given_id = str(rng.randint(10**9, 10**10 - 1))
        hours = None
        lines = [
            (academy, 16, "bold"),
            (
                rng.choice(["CERTIFICAT DE RÉUSSITE", "ATTESTATION DE SUIVI AVEC SUCCÈS"]),
                22,
                "bold",
            ),
            (intro, 12, "label"),
            (printed_name, 26, "bold"),
            (verb, 12, "label"),
            (title, 18, "bold"),
            (f"Délivrée le {when}" if slashes else f"le {when}", 11, "regular"),
            (f"Numéro du certificat : {given_id}", 9, "regular"),
        ]
    elif lang == "it":
        lines = [
            (academy, 16, "bold"),
            ("ATTESTATO DI PARTECIPAZIONE", 22, "bold"),
            (rng.choice(["Si attesta che", "Si certifica che", "Rilasciato a"]), 12, "label"),
            (name, 26, "bold"),
            (
                rng.choice(["ha completato con successo il corso", "ha frequentato il corso",
                            "ha superato il corso online"]),
                12,
                "label",
            ),
            (title, 20, "bold"),
            (f"Durata: {hours:.0f} ore", 11, "regular"),
            (f"{_CITIES[lang]}, {when}", 11, "regular"),
        ]  # fmt: skip
    else:
        dated = f"{_CITIES[lang]}, den {when}"
        if rng.random() < 0.5:
            lines = [
                (academy, 16, "bold"),
                ("TEILNAHMEBESTÄTIGUNG", 24, "bold"),
                ("Hiermit wird bestätigt, dass", 12, "label"),
                (name, 26, "bold"),
                ("am Onlinekurs", 12, "label"),
                (title, 20, "bold"),
                (f"im Umfang von {hours:.0f} Stunden erfolgreich teilgenommen hat.", 11, "regular"),
                (dated, 11, "regular"),
            ]
        else:
            hours, grade = None, float(rng.randint(60, 100))
            lines = [
                (academy, 16, "bold"),
                ("Leistungsnachweis", 26, "bold"),
                (name, 26, "bold"),
                ("hat den Onlinekurs", 12, "label"),
                (title, 20, "bold"),
                (f"erfolgreich abgeschlossen und dabei {grade:.0f}% der erreichbaren Punkte "
                 "erzielt.", 11, "regular"),
                (dated, 11, "regular"),
            ]  # fmt: skip
    return certificate_doc(lines, None, name, title, d, given_id, hours=hours, grade_percent=grade)
