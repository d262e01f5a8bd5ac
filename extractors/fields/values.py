"""What a value of each field looks like: the checks a candidate passes before it is taken.
A label, or part of one, is never a value; a date is not a title; a seal's ring text or a
signatory's job is not a name."""

from __future__ import annotations

import re
from datetime import date

from extractors.clean import LAT_TO_CYR, latin
from extractors.dates import find_dates

# ------------------------------------------------------------------ names
_PARTICLES = {
    "de", "del", "della", "der", "di", "da", "dos", "das", "du", "la", "le", "van", "von",
    "ten", "ter", "bin", "ibn", "al", "el", "y", "e", "ul", "uly", "kyzy",
    "улы", "ұлы", "қызы", "кызы", "оглы", "кизи",
}  # fmt: skip
_NOT_NAME_WORDS = {
    # what certificates print near names: titles, roles, organisations, document words
    "certificate", "certificates", "certify", "certifies", "certified", "course", "courses",
    "university", "college", "school", "institute", "academy", "foundation", "department",
    "faculty", "online", "completed", "completion", "program", "programme", "specialization",
    "professional", "director", "professor", "instructor", "instructors", "lecturer", "ceo",
    "cto", "president", "founder", "manager", "head", "chief", "officer", "dean", "rector",
    "learning", "training", "education", "verified", "verify", "achievement", "accomplishment",
    "statement", "diploma", "award", "awarded", "presented", "date", "issued", "grade", "score",
    "coursera", "udemy", "stepik", "edx", "futurelearn", "linkedin", "google", "ibm",
    "data", "science", "python", "javascript", "java", "sql", "introduction", "basics",
    "fundamentals", "essentials", "engineering", "assurance", "of", "the", "and", "for", "in",
    "at", "by", "with", "to", "on", "is", "has", "this", "that", "your", "our", "inc", "llc",
    "ltd", "signature", "seal", "hours", "length", "id", "no", "number", "success",
    "learner", "student", "participant", "recipient", "graduate", "you", "we", "i",
    "search", "explore", "login", "sign", "help", "menu", "поиск", "каталог", "войти", "выйти",
    "меню", "іздеу",
    "учащийся", "учащаяся", "студент", "слушатель", "участник", "выпускник",
    "тыңдаушы", "студенті", "қатысушы",
    "сертификат", "сертификата", "диплом", "курс", "курса", "курсы", "университет",
    "университета", "институт", "академия", "школа", "программа", "программы", "директор",
    "преподаватель", "руководитель", "ректор", "декан", "обучение", "успешно", "дата",
    "подтверждает", "что", "выпускника", "организаторы", "ооо", "тоо", "ао",
    "куәлік", "бағдарлама", "білім", "оқытушы", "жетекші", "берілді",
    "certificado", "curso", "universidad", "certificat", "cours", "zertifikat",
}  # fmt: skip
# Stems of words for organisations and documents, in any of their forms (университеті,
# академиясы, Institute, школы …): a block holding one is not a person's name.
_NOT_NAME_STEMS = (
    "universit", "университет", "academ", "академи", "institut", "институт", "college",
    "колледж", "school", "школ", "мектеб", "centre", "center", "центр", "орталы",
    "foundation", "department", "faculty", "факультет", "certific", "сертифик", "diplom",
    "диплом", "настоящ", "подтвержд", "удостовер", "программ", "бағдарлам", "сертифік",
    "свідоцтв",
)  # fmt: skip


# what a web page's header prints beside the account's name: the interface's language and
# the menu (never a word of the account's name there)
_HEADER_WORDS = {
    "english", "русский", "қазақша", "қазақ", "español", "français", "deutsch", "українська",
    "o'zbekcha", "menu", "меню", "мәзір", "profile", "профиль",
    "войти", "выйти", "кіру", "шығу", "notifications", "уведомления", "хабарламалар",
}  # fmt: skip


_KAZAKH_AS_READ = str.maketrans("әғқңөұүһі", "агкноуухи")  # what OCR reads them as, often
# what is left of a word once Cyrillic look-alikes are Latin (clean.latin) and the vowels
# OCR reads for "и", "й" are one: "Русский" and its reading "Pycckuň" are one skeleton
_VOWELS_READ = str.maketrans("ийň", "uuu")


def _skeleton(word: str) -> str:
    folded = word.casefold().strip(".,:;|·•").translate(_KAZAKH_AS_READ)
    return latin(folded).casefold().translate(_VOWELS_READ)


_HEADER_WORDS_READ = {_skeleton(w) for w in _HEADER_WORDS}


def header_word(word: str) -> bool:
    """A word of a web page's header that is not a person's: the interface's language, the
    menu — Kazakh letters also read as their Russian look-alikes ("Казакша"), Cyrillic ones as
    their Latin look-alikes ("Pycckuň")."""
    return _skeleton(word) in _HEADER_WORDS_READ


def _not_name(word: str) -> bool:
    folded = word.casefold().strip(".,:;")
    return folded in _NOT_NAME_WORDS or folded.startswith(_NOT_NAME_STEMS)


_INITIALS = re.compile(r"^(?:[^\W\d_]\.){1,3}$|^[^\W\d_]\.?$")
_DELIMITERS = re.compile(r"\s*(?:[(,;|•]|\s[-–—]\s|\n)")


def _name_part(part: str, loose: bool) -> bool:
    if not part or not all(c.isalpha() for c in part):
        return False
    if part[0].isupper():
        return part[1:] == "" or any(c.islower() for c in part[1:]) or part.isupper()
    return loose and part.islower() and len(part) >= 2


def name_word(word: str, loose: bool = False) -> bool:
    """A word of a person's name: Capitalised, ALL CAPS, an initial ("K", "Д.В."), or — in a
    block that holds nothing else — lower case ("Kanithi surya")."""
    if _INITIALS.match(word):
        return word[0].isupper()
    parts = re.split(r"[-'’]", word)
    return all(_name_part(p, loose) for p in parts)


# how a learner is addressed ("Mr. Arman Bekov", "D./Dña. …", "Mme …"; OCR drops ñ's tilde);
# Dr and Prof only where the certificate's wording points at the learner: elsewhere a line
# "Dr. …" is a signatory's
_HONORIFIC = re.compile(
    r"^(?:(?:mr|mrs|ms|miss|mx|г-н|г-жа|sra?|srta|d[ñn]a|mme|mlle|sig\.?ra)\.?|d\./d[ñn]a\.|d\.ª|doña"
    r"|madame|monsieur|herr|frau)\s+",
    re.IGNORECASE,
)
_ACADEMIC = re.compile(r"^(?:dr|prof|professor|д-р|проф)\.?\s+", re.IGNORECASE)
# degrees written after a name ("Timur Abenov, PhD"): not part of the name
_DEGREES = re.compile(
    r",?\s+(?:ph\.?\s?d|d\.?\s?phil|ed\.?\s?d|m\.?\s?d|mba|m\.?\s?sc|b\.?\s?sc|m\.?\s?a|b\.?\s?a)"
    r"\.?$",
    re.IGNORECASE,
)


def learner_name(text: str, inline: bool, addressed: bool = False) -> str | None:
    """The name in ``text``: for an inline value the name words at its start; for a block,
    the whole block when it is a name of one to five words on at most two lines.
    ``addressed``: the certificate's wording names this as the learner, so an academic title
    before the name is dropped too ("Dr. Aliya Bekova")."""
    if inline and text.lstrip()[:1] in "«“„":
        return None  # a quoted course opens the sentence ("«Excel негіздері» … берілді")
    text = text.strip().strip("\"'«»“”„:.,;!")
    text = _HONORIFIC.sub("", text)  # "Mr. Arman Bekov": the name is Arman Bekov
    if addressed:
        text = _ACADEMIC.sub("", text)
    text = _DEGREES.sub("", text)
    if inline:
        text = _DELIMITERS.split(text, maxsplit=1)[0]
    elif text.count("\n") > 1:
        return None
    words = text.replace("\n", " ").split()
    if inline:
        taken: list[str] = []
        for w in words:
            bare = w.rstrip(".,:;!")
            if name_word(bare) or (taken and bare.casefold() in _PARTICLES):
                taken.append(bare if not _INITIALS.match(bare) else w.rstrip(",:;!"))
            else:
                break
        while taken and taken[-1].casefold() in _PARTICLES:
            taken.pop()
        words = taken
    else:
        words = [w.rstrip(",;:!") for w in words]
        loose = len(words) <= 4 and any(w[:1].isupper() for w in words)
        if not all(
            name_word(w, loose) or (0 < i < len(words) - 1 and w.casefold() in _PARTICLES)
            for i, w in enumerate(words)
        ):
            return None
    core = [w for w in words if w.casefold() not in _PARTICLES]
    if not 1 <= len(core) <= 5 or len(words) > 7:
        return None
    if any(_not_name(w) for w in words):
        return None
    name = " ".join(words)
    if sum(c.isalpha() for c in name) < 2:
        return None
    return name


# ------------------------------------------------------------------ titles
_QUOTED = re.compile(r"[«“„\"']\s*([^«»“”„\"]{2,250}?)\s*[»”“\"']")
_ORG_ONLY = re.compile(
    r"^(?:the\s+)?(?:[\w.&-]+\s+){0,4}(?:university|universidad|college|institute|school|"
    r"academy|foundation|университет|институт|академия|школа|университеті)(?:\s+of\s+[\w\s]+)?$"
    r"|^(?:university|universidad|университет)\s+(?:of|de)\s+",
    re.IGNORECASE,
)
_URLISH = re.compile(r"https?://|www\.|\.(?:com|org|ru|kz|net|io)/", re.IGNORECASE)


def quoted(text: str) -> str | None:
    m = _QUOTED.search(text)
    return m.group(1).strip() if m else None


_GENERIC = {
    "a", "an", "the", "of", "free", "online", "offering", "following", "course", "courses",
    "program", "programme", "non-credit", "this", "that", "in", "on", "for", "credits", "ects",
    "курс", "курса", "онлайн", "программа", "программы", "по", "на", "обучение",
}  # fmt: skip


# a course page's navigation, never a course's name ("My learning" over "Your progress")
_NAVIGATION = {
    "my learning", "my courses", "my learning plan", "мое обучение", "моё обучение",
    "мои курсы", "менің оқуым", "менің курстарым", "курстарым", "catalog", "каталог", "explore",
    "home", "dashboard", "browse", "wishlist", "notifications",
    "mi aprendizaje", "mis cursos", "meu aprendizado", "meus cursos", "mes cours",
    "tableau de bord", "meine kurse", "catálogo", "catalogue", "katalog",
}  # fmt: skip
# the other words of a site's header bar, beside its name: its account's, its languages
_ACCOUNT = {
    "профиль", "выход", "шығу", "account", "log out", "sign out", "sign in", "войти", "кіру",
    "english", "русский", "қазақша", "perfil", "salir", "sair", "mon compte", "déconnexion",
    "abmelden", "anmelden", "profil",
}  # fmt: skip
_HEADER_BAR = re.compile(
    "|".join(rf"(?<!\w){re.escape(w)}(?!\w)" for w in sorted(_NAVIGATION | _ACCOUNT)),
    re.IGNORECASE,
)


def navigation(text: str) -> bool:
    """The text holds a site's navigation or account links ("Мои курсы    Выход")."""
    return _HEADER_BAR.search(" ".join(text.split())) is not None


def navigation_row(text: str) -> bool:
    """The text is a site's navigation row ("Moodle | Dashboard My courses"): two of its
    links or more, or one beside a bar; a course's name may hold one such word ("Home
    Automation with Arduino")."""
    found = len(_HEADER_BAR.findall(" ".join(text.split())))
    return found >= 2 or (found == 1 and any(bar in text for bar in "|•·"))


def organisation_only(text: str) -> bool:
    """The text names an organisation and nothing else ("Princeton University")."""
    return bool(_ORG_ONLY.match(" ".join(text.split())))


# the short words an English title leaves in lower case ("Data Visualization with Tableau")
_TITLE_SMALL = {
    "a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the",
    "to", "with", "vs", "via", "&", "-", "–", ":",
    # and a Romance or German one's ("Gestão de Projetos Ágeis", "Análisis de Datos con Excel")
    "de", "del", "da", "do", "das", "dos", "la", "las", "los", "el", "en", "y", "e", "con",
    "com", "para", "al", "ao", "à", "des", "du", "le", "les", "et", "pour", "di", "della",
    "der", "die", "und", "für", "mit", "im", "von",
}  # fmt: skip


# what a sentence says after the course it names inline: its grade, its distinction
_AFTER_THE_COURSE = re.compile(
    r"\s+with\s+(?:(?:a|an)\s+(?:[\w-]+\s+){0,2}?(?:score|grade|mark|result)\b|"
    r"(?:high\s+)?(?:distinction|honou?rs|merit)\b).*$",
    re.IGNORECASE | re.DOTALL,
)


def before_its_clause(text: str) -> str:
    """An inline course's words without what the sentence says after it: "Network Security
    Basics on 12 May 2024." → "Network Security Basics", "Excel for Business with a score of
    93%" → "Excel for Business"."""
    dates = find_dates(text)
    if dates:
        text = text[: dates[0].start]
    text = _AFTER_THE_COURSE.sub("", text)
    return re.sub(r"(?:\s+(?:on|in|dated))*[\s.,;]*$", "", text, flags=re.IGNORECASE)


_CYRILLIC_LETTER = re.compile(r"[\u0400-\u04ff]")


def title_cased(text: str) -> bool:
    """Words written as an English title is ("Project Management Essentials"): two words at
    least, each capitalised but the short ones (not every letter), ending in a word of its
    own, no date among them. Unquoted after the sentence's verb on its line ("… for
    completing Project Management Essentials"), such words are the course, where words in a
    sentence's case are more of the sentence."""
    words = text.split()
    if len(words) < 2 or find_dates(text) or not words[0][:1].isupper():
        return False
    if text.isupper() or words[-1].strip(".,;:").casefold() in _TITLE_SMALL:
        return False  # a sentence set in capitals ("THE UNIVERSITY'S ONLINE OFFERING OF")
    for word in words:
        bare = word.strip("\"'“”‘’(),.;!?")
        if not bare or bare.casefold() in _TITLE_SMALL or bare[0].isdigit():
            continue
        if not (bare[0].isupper() and bare[0].isalpha()) or _CYRILLIC_LETTER.search(bare):
            return False  # (Russian capitalises names, not a title's words)
    return True


def course_title(text: str, plain_ok: bool = True) -> str | None:
    """A course title: the quoted words when there are quotes; else the text itself when that
    is allowed (a block of its own, or words after a colon or on a new line)."""
    inside = quoted(text)
    if inside is not None:
        text = inside
    elif not plain_ok:
        return None
    if text.count("\n") > 3:
        return None  # a paragraph, not a title
    if inside is None and text.rstrip().endswith(":"):
        return None  # a label ("Score obtained:"), never a course
    lines = text.split("\n")
    if len(lines) > 1 and _ORG_ONLY.match(lines[-1].strip()):
        text = "\n".join(lines[:-1])  # the university under a course's name on its page
    text = re.sub(r"(?<=\w)\s+\|\s*$", " I", text.rstrip())  # OCR's bar for a final "I"
    title = re.sub(r"\s+", " ", text).strip(" \t.,;:!-–—|")
    length = _BRACKETED_LENGTH.search(title)  # "Digital Marketing Strategy (40 hours)"
    if length and (hours(length.group(1)) or _CREDITS.search(length.group(1))):
        title = title[: length.start()]
    if len(title) < 2 or len(title) > 250 or sum(c.isalpha() for c in title) < 2:
        return None
    if _URLISH.search(title) or "@" in title or _ORG_ONLY.match(title):
        return None
    if re.fullmatch(r"\d+(?:[.,]\d+)?\s*[^\W\d_]+\.?", title) and hours(title):
        return None  # "20 HOURS": a length's value, never a course
    if _LENGTH_ROW.match(title) and hours(title.rsplit(":", 1)[1]):
        return None  # "Оқу көлемі: 120 сағат": the course's length under its label
    if _AGENT_CLAUSE.match(title):
        return None  # "administered by the undersigned instructor": the sentence goes on
    if _PERSONS_FULL_NAME.match(title):
        return None  # a person's name with a patronymic under "успешно прошёл" is the learner
    words = [w.strip(".,:;()").casefold() for w in title.split()]
    if all(w in _GENERIC or w.isdigit() for w in words):
        return None  # "a free online offering of the following", "2 ECTS credits online"
    if " ".join(words) in _NAVIGATION:
        return None
    # OCR reads the capital I of "AI" as a lower-case l in sans-serif type ("Elements of Al")
    title = re.sub(r"(?<![\w-])Al(?![\w-])", "AI", title) if title.isascii() else title
    # and the C of C++ and C# in a Russian title as the Cyrillic С
    title = re.sub(r"(?<!\w)[Сс](?=\+\+|#)", "C", title)
    # and a Latin abbreviation before a hyphen as Cyrillic look-alikes with the Kazakh І,
    # which Russian has not ("ІТ-проектами" for "IT-проектами", "ІоТ-…" for "IoT-…")
    title = _CYRILLIC_ABBREVIATION.sub(lambda m: latin(m.group(0)), title)
    dates = find_dates(title)
    if dates and sum(d.end - d.start for d in dates) > 0.6 * len(title):
        return None
    if dates and any(_LABELLED_LINE.match(line) for line in lines):
        return None  # "Date: 24/11/2022 Certificate number: …": the labelled lines under a
        # sentence whose course was printed elsewhere (above it, as the headline)
    return title


# two to four capitalised Cyrillic words, one of them a patronymic: a person, never a course
_PERSONS_FULL_NAME = re.compile(
    r"^(?=(?:\S+ ){1,3}\S+$)(?=.*(?:ович|евич|овна|евна|ична|ұлы|қызы|улы|кызы)\b)"
    r"(?:[А-ЯЁӘҒҚҢӨҰҮҺІ][а-яёәғқңөұүһі-]+ ?){2,4}$"
)
# a label and its colon before the rest ("Duration: 20 hours", "Оқу көлемі: 120 сағат")
_LENGTH_ROW = re.compile(r"^[^\W\d][\w .'’-]{1,30}:\s*\d")
# a participle and its agent open the rest of a sentence, never a course's name ("for
# completing X course" / "administered by the undersigned instructor")
_AGENT_CLAUSE = re.compile(
    r"^(?:administered|offered|provided|issued|authori[sz]ed|presented|taught|organi[sz]ed|"
    r"delivered|conducted|powered|signed)\s+by\b",
    re.IGNORECASE,
)
# the course's length or credits in brackets after its name: not part of the name
_BRACKETED_LENGTH = re.compile(r"\s*\(([^()]{1,40})\)$")
_CREDITS = re.compile(r"\d\s*(?:ECTS|credits?|кредит\w*)", re.IGNORECASE)
_CYRILLIC_ABBREVIATION = re.compile(  # two capitals at least: "Іс-шара" is a Kazakh word
    r"(?<!\w)(?=[АВЕКМНОРСТХ]*І)(?=(?:[аеорсух]*[АВЕКМНОРСТХІ]){2})[АВЕКМНОРСТХІаеорсух]{2,5}(?=-[а-яё])"
)
# a line that begins with a label and its colon ("Date: …", "Дата выдачи: …")
_LABELLED_LINE = re.compile(r"^\s*[^\W\d][\w .'’-]{1,30}:\s*\S")


# ------------------------------------------------------------------ dates, numbers, IDs
def first_date(text: str, order: str | None) -> date | None:
    for found in find_dates(text, order):
        if found.value is not None:
            return found.value
    return None


_NUM = r"(\d{1,4}(?:[.,]\d{1,2})?)"
# "ак. ч." (academic hours) comes back from OCR as "ак. 4.": after "ак." it is the unit
_HOUR_UNIT = (
    r"(?:hours?\b|hrs?\b|academic\s+hours?\b|часов|часа|час\b|ч\b\.?|академических\s+час\w*|ак(?:ад)?\.\s*(?:час\w*|[ч4]\b\.?)|академиялық\s+сағат|"
    r"сағат\w*|sa[ǵğg]at\w*|horas?\b|heures?\b|(?:gesamt)?stunden?\b|ore\b|hodin\b|saat\b)"
)
_HOURS = re.compile(
    rf"{_NUM}\s*-?\s*(?:total\s+|всего\s+)?{_HOUR_UNIT}", re.IGNORECASE
)  # "16-часовой"
_HOUR_WORD = re.compile(_HOUR_UNIT, re.IGNORECASE)
# "Total 20h": a glued "h" only beside a label of length (a page's list of modules, "15h"
# each, is not the course's length)
_GLUED_H = re.compile(rf"{_NUM}h\b", re.IGNORECASE)
_MINUTES = re.compile(r"(\d{1,3})\s*(?:minutes?|mins?\b|m\b|минут\w*|мин\b)", re.IGNORECASE)
_PER_WEEK = re.compile(
    rf"(\d{{1,2}})\s*(?:weeks?|недел\w*|апта\w*)\W+{_NUM}\s*{_HOUR_UNIT}\s*(?:per|a|/|в)\s*"
    r"(?:week|неделю|аптасына)",
    re.IGNORECASE,
)


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def hours(text: str, labelled: bool = False) -> float | None:
    """A course's length in hours: "20 HOURS", "6,5 total heures", "1 hour 55 minutes" (1.92),
    "3 weeks, 3 hours per week" (9)."""
    week = _PER_WEEK.search(text)
    if week:
        return round(int(week.group(1)) * _number(week.group(2)), 2)
    m = _HOURS.search(text) or (_GLUED_H.search(text) if labelled else None)
    if not m:
        return None
    value = _number(m.group(1))
    rest = _MINUTES.match(text[m.end() :].lstrip(" ,и&and"))
    if rest:
        value += int(rest.group(1)) / 60
    return round(value, 2) if 0 < value < 5000 else None


# a percentage, or points out of 100 ("87/100", "87 из 100", "78 баллов из 100", "87 out of 100",
# "88 percent")
_PERCENT = re.compile(
    r"(?<![\d.,])(\d{1,3}(?:[.,]\d{1,2})?)\s*(?:%|(?:percent|per\s+cent|процент\w*|пайыз)\b|/\s*100\b|"
    r"(?:(?:балл\w*|points?|marks?|[ұу]пай\w*)\s+)?(?:из|out\s+of|of)\s+100\b)",
    re.IGNORECASE,
)


def bare_hours(label: str, text: str) -> float | None:
    """Hours as a bare number, when its label names the unit ("Количество часов: 24", "a
    16-hour course")."""
    if not _HOUR_WORD.search(label):
        return None
    number = leading_number(text)
    return number if number is not None and 0 < number < 5000 else None


# the parts a course is counted in ("12 из 15 модулей", "18 of 24 lessons")
_COURSE_PARTS = re.compile(
    r"\b(?:lessons?|modules?|units?|lectures?|sections?|weeks?|модул\w*|урок\w*|лекци\w*|"
    r"тем\b|темы|недел\w*|заняти\w*|раздел\w*|сабақ\w*|тақырып\w*|апта\w*)",
    re.IGNORECASE,
)


def parts_done(label: str, text: str) -> float | None:
    """Progress as the parts of a course done of all its parts, when the label or the count
    names the course's parts ("Пройдено 12 из 15 модулей", "Ваш прогресс: 12 из 40 лекций");
    a module's own count of steps is not the course's."""
    m = re.fullmatch(
        r"\s*(\d{1,4})\s*(?:/|из|of|out\s+of)\s*(\d{1,4})\s*([^\W\d]+)?"
        r"(?:\s+(?:completed|complete|done|пройдено|пройден[аы]?|выполнено|өтілді|аяқталды))?[.\s]*",
        text,
        re.IGNORECASE,
    )
    if not m or not _COURSE_PARTS.search(f"{label} {m.group(3) or ''}"):
        return None
    return _share_done(m.group(1), m.group(2))


def _share_done(done_text: str, total_text: str) -> float | None:
    """The percentage of the parts done of all ("12", "15": 80.0); none past all of them."""
    done, total = int(done_text), int(total_text)
    return round(100 * done / total, 1) if total > 0 and done <= total else None


def leading_number(text: str) -> float | None:
    """The number a text starts with ("6,5" before "total heures" on the next line)."""
    m = re.match(r"\s*(\d{1,4}(?:[.,]\d{1,2})?)(?!\d)", text)
    return _number(m.group(1)) if m else None


def trailing_number(text: str, percent: bool = False) -> float | None:
    """The number a text ends with ("… a validé 6,5" before "total heures du cours"); with
    ``percent``, only a percentage ("66%" before "материалов пройдено")."""
    unit = r"\s*%" if percent else ""
    m = re.search(rf"(?<![\d.,])(\d{{1,4}}(?:[.,]\d{{1,2}})?){unit}\s*$", text)
    return _number(m.group(1)) if m else None


def percent(text: str) -> float | None:
    m = _PERCENT.search(text)
    if not m:
        return None
    value = _number(m.group(1))
    return value if 0 <= value <= 100 else None


# points with their unit and no other scale after them ("92 балла", "87 ұпай", which OCR
# may give back as "87 упай")
_POINTS = re.compile(
    r"\s*(\d{2,3})\s+(?:балл(?:а|ов)?|[ұу]пай\w*)(?!\s*(?:из|/|out\s+of|of|\d))[.,;)\s]*",
    re.IGNORECASE,
)


def points(text: str) -> float | None:
    """A grade given in points of the 100-point scale the university and Russian and Kazakh
    issuers grade on, the scale not printed ("с оценкой 92 балла"): a number of 10–100 (a
    single digit is a 5-point scale's mark, not a percentage)."""
    m = _POINTS.fullmatch(text)
    if m is None:
        return None
    value = int(m.group(1))
    return float(value) if 10 <= value <= 100 else None


# a score on a scale other than 100, the scale printed ("8.5/10", "450 out of 500 points")
_ON_A_SCALE = re.compile(
    r"\s*(\d{1,4}(?:[.,]\d{1,2})?)\s*(?:/|out\s+of|of|из)\s*(\d{1,4})"
    r"(?:\s+(?:points?|marks?|балл\w*|[ұу]пай\w*))?[.,;)\s]*",
    re.IGNORECASE,
)
# a grade in words, its points or percentage in brackets after it ("отлично (92 балла)")
_WORD_THEN_POINTS = re.compile(r"\s*[^\W\d]+\s*\(([^()]{2,30})\)[.,;\s]*")


def graded(text: str) -> float | None:
    """A grade after its label, given other than in percent: in points of the 100-point scale
    ("92 балла"), as a score on another scale whose top is printed ("8.5/10", "450/500"; a
    scale of 5 at least: "2/3" is a count), or as a word with its points in brackets."""
    if (value := points(text)) is not None:
        return value
    if (m := _ON_A_SCALE.fullmatch(text)) is not None:
        got, top = _number(m.group(1)), _number(m.group(2))
        return round(100 * got / top, 1) if 5 <= top <= 1000 and got <= top else None
    if (m := _WORD_THEN_POINTS.fullmatch(text)) is not None:
        return points(m.group(1)) or percent(m.group(1))
    return None


def trailing_progress(text: str) -> float | None:
    """Progress as the items done of all that a text ends with, a word for the items after
    them or not ("42 of 155 items" before "complete": 27.1%). Only there: a module's "Шагов
    пройдено: 12 из 12" is that module's, not the course's."""
    m = re.search(r"(?<![\d./])(\d{1,4})\s*(?:/|of|out\s+of)\s*(\d{1,4})(?:\s+[^\W\d]+)?\s*$", text)
    if m is None:
        return None
    return _share_done(m.group(1), m.group(2))


_ID_TOKEN = re.compile(r"[A-Za-z0-9\u0400-\u04FF][A-Za-z0-9\u0400-\u04FF\-_/.]{2,100}")
_GROUPED_NUMBER = re.compile(r"^\d{1,3}(?:[,\s]\d{3})+$")
_CAPITALS = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІ"
_CYRILLIC_CODE = re.compile(rf"[{_CAPITALS}0-9]+(?:[-/._][{_CAPITALS}0-9]+)*")
# an issuer's code printed in groups of three or four capitals and digits, the line's end
_SPACED_ID = re.compile(r"^(?:[A-Z0-9]{3,4} ){2,3}[A-Z0-9]{3,4}(?=\s{2,}|\s*$)")
_SPLIT_HEAD = re.compile(r"^([A-Za-z0-9]{1,3}) (?=[A-Za-z0-9]{8})")


def _spaced_id(text: str) -> str | None:
    """An issuer's code in even groups of capitals and digits ("TNH 7ZK Q4M"), as printed."""
    m = _SPACED_ID.match(text)
    if m is None or len({len(g) for g in m.group(0).split()}) != 1:
        return None
    code = m.group(0)
    return code if re.search(r"\d", code) and re.search(r"[A-Z]", code) else None


def certificate_id(text: str) -> str | None:
    """The first ID-shaped token: letters, digits and - _ / . with at least one digit; not a
    number with thousands separators (a running count), not a date or a year."""
    text = text.strip().lstrip("#№:").strip()
    # OCR splits a long ID after its first characters ("1 bf3909bf64…"): joined again
    text = _SPLIT_HEAD.sub(r"\1", text)
    if _GROUPED_NUMBER.match(text.split("  ")[0].strip(".,;")):
        return None
    if (spaced := _spaced_id(text)) is not None:
        return spaced
    m = _ID_TOKEN.match(text)
    if not m:
        return None
    raw = m.group(0).rstrip(".-_/")
    if _URLISH.search(raw):
        return None  # an address (its ID, if any, is read from it as an address's)
    token = latin(raw)
    if re.search(r"[\u0400-\u04FF]", token):
        # letters only Cyrillic writes: a Kazakh or Russian issuer's code ("ЦМ-0912",
        # "ОУП-22-1507": capitals in short groups beside digits) in its own script, else a word
        if not _CYRILLIC_CODE.fullmatch(raw) or re.search(r"[^\W\d_]{6}", raw):
            return None
        token = raw.translate(LAT_TO_CYR)
    if not re.search(r"\d", token) or len(token) < 4:
        return None
    if re.fullmatch(r"(?:19|20)\d\d", token):
        return None
    if (dates := find_dates(token)) and sum(d.end - d.start for d in dates) >= len(token) - 2:
        return None  # a date, not an issuer's number that begins with one ("2023-07-14-00123")
    return token
