"""Dates as certificates write them: English, Russian and Kazakh, and the Spanish, French and
German of platforms' localised templates.

"04/22/2020" · "Aug 30, 2024" · "Sept. 25, 2016" · "Issued January 5th, 2015" · "february 01 of
2019" · "12.11.2024" · "25 ноября 2024 г." · "13 ноября, 2024" · "2024 жылғы 25 қараша" ·
"25.11.2024 ж." · "2024-11-25" · "27 de Enero de 2019" · "8 mai 2020" · "3. März 2021". Numeric
dates with slashes follow the platform's ``date_order``; when that is unknown and the day could be
the month, the date is left out rather than guessed. A month and a year alone ("Май 2024",
"marzo 2017") are not a date: :func:`month_year` finds them, so that the reader can say so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_EN = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_RU = {
    "январ": 1,
    "феврал": 2,
    "март": 3,
    "апрел": 4,
    "ма": 5,
    "июн": 6,
    "июл": 7,
    "август": 8,
    "сентябр": 9,
    "октябр": 10,
    "ноябр": 11,
    "декабр": 12,
    # abbreviated, as Russian-interface pages print them ("3 дек. 2021 г.")
    "янв": 1,
    "фев": 2,
    "мар": 3,
    "апр": 4,
    "авг": 8,
    "сен": 9,
    "окт": 10,
    "ноя": 11,
    "дек": 12,
}
_UK = {  # Ukrainian, in the genitive certificates write ("14 травня 2021 р.")
    "січ": 1,
    "лют": 2,
    "берез": 3,
    "квіт": 4,
    "трав": 5,
    "черв": 6,
    "лип": 7,
    "серп": 8,
    "верес": 9,
    "жовт": 10,
    "листопад": 11,
    "груд": 12,
}
_ES = {
    "enero": 1,
    "febrero": 2,
    "marzo": 3,
    "abril": 4,
    "mayo": 5,
    "junio": 6,
    "julio": 7,
    "agosto": 8,
    "septiembre": 9,
    "setiembre": 9,
    "octubre": 10,
    "noviembre": 11,
    "diciembre": 12,
    # abbreviated ("5 de nov. de 2023")
    "ene": 1,
    "feb": 2,
    "mar": 3,
    "abr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "ago": 8,
    "sep": 9,
    "set": 9,
    "oct": 10,
    "nov": 11,
    "dic": 12,
}
_PT = {  # Portuguese, written as Spanish is ("15 de março de 2024")
    "janeiro": 1,
    "fevereiro": 2,
    "março": 3,
    "marco": 3,
    "maio": 5,
    "junho": 6,
    "julho": 7,
    "setembro": 9,
    "outubro": 10,
    "novembro": 11,
    "dezembro": 12,
}
_IBERIAN = {**_PT, **_ES}  # full names before the abbreviations that begin them
_TR = {
    "ocak": 1,
    "şubat": 2,
    "subat": 2,
    "mart": 3,
    "nisan": 4,
    "mayıs": 5,
    "mayis": 5,
    "haziran": 6,
    "temmuz": 7,
    "ağustos": 8,
    "agustos": 8,
    "eylül": 9,
    "eylul": 9,
    "ekim": 10,
    "kasım": 11,
    "kasim": 11,
    "aralık": 12,
    "aralik": 12,
}
_FR = {
    "janvier": 1,
    "février": 2,
    "fevrier": 2,
    "mars": 3,
    "avril": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7,
    "août": 8,
    "aout": 8,
    "septembre": 9,
    "octobre": 10,
    "novembre": 11,
    "décembre": 12,
    "decembre": 12,
}
_IT = {  # written as French is ("10 ottobre 2022")
    "gennaio": 1,
    "febbraio": 2,
    "marzo": 3,
    "aprile": 4,
    "maggio": 5,
    "giugno": 6,
    "luglio": 7,
    "agosto": 8,
    "settembre": 9,
    "ottobre": 10,
    "novembre": 11,
    "dicembre": 12,
}
_FR_IT = {**_FR, **_IT}
_DE = {
    "januar": 1,
    "februar": 2,
    "märz": 3,
    "maerz": 3,
    "marz": 3,  # as OCR without the German model reads it
    "april": 4,
    "mai": 5,
    "juni": 6,
    "juli": 7,
    "august": 8,
    "september": 9,
    "oktober": 10,
    "november": 11,
    "dezember": 12,
}
_KK = {
    "қаңтар": 1,
    "ақпан": 2,
    "наурыз": 3,
    "сәуір": 4,
    "мамыр": 5,
    "маусым": 6,
    "шілде": 7,
    "тамыз": 8,
    "қыркүйек": 9,
    "қазан": 10,
    "қараша": 11,
    "желтоқсан": 12,
    # abbreviated, as Kazakh-interface pages print them ("5 қар. 2023 ж.")
    "қаң": 1,
    "ақп": 2,
    "нау": 3,
    "сәу": 4,
    "мам": 5,
    "мау": 6,
    "шіл": 7,
    "там": 8,
    "қыр": 9,
    "қаз": 10,
    "қар": 11,
    "жел": 12,
}

# Kazakh in the Latin alphabet, 2021's letters (qaraşa, säuır) or 2018's (qarasha, sáýir), and
# as OCR without a Kazakh Latin model gives them back (the marks lost): looked up bare
_KK_LATN = {
    "qantar": 1,
    "aqpan": 2,
    "nauryz": 3,
    "sauir": 4,
    "mamyr": 5,
    "mausym": 6,
    "shilde": 7,
    "silde": 7,
    "tamyz": 8,
    "qyrkuiek": 9,
    "qazan": 10,
    "qarasha": 11,
    "qarasa": 11,
    "jeltoqsan": 12,
}
_KK_LATN_BARE = str.maketrans(
    {**dict(zip("äáğǵıíñńöóūúüýș", "aaggiinnoouuuus", strict=True)), "ş": "sh"}
)

_EN_MONTH = r"(?P<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"  # noqa: E501
_RU_MONTH = r"(?P<rmon>январ[яь]|феврал[яь]|марта?|апрел[яь]|ма[яй]|июн[яь]|июл[яь]|августа?|сентябр[яь]|октябр[яь]|ноябр[яь]|декабр[яь]|(?:янв|февр?|мар|апр|июн|июл|авг|сент?|окт|нояб?|дек)\.)"  # noqa: E501
_KK_MONTH = r"(?P<kmon>(?:қаңтар|ақпан|наурыз|сәуір|мамыр|маусым|шілде|тамыз|қыркүйек|қазан|қараша|желтоқсан)[а-яәғқңөұүһі]*|(?:қаң|ақп|нау|сәу|мам|мау|шіл|там|қыр|қаз|қар|жел)\.)"  # noqa: E501
_KL_MONTH = r"(?P<lmon>(?:qa[ńñn]tar|aqpan|na[uýy]ryz|s[aáä][uýy][iıí]r|mamyr|ma[uýy]sym|(?:ş|sh|s)[iıí]lde|tamyz|qyrk[uúü][iıí]ek|qazan|qara(?:ş|sh|s)a|jeltoqsan)[a-zäáğǵıíñńöóşūúüý]*)"  # noqa: E501
_ES_MONTH = r"(?P<smon>" + "|".join(_IBERIAN) + r")"
_TR_MONTH = r"(?P<tmon>" + "|".join(_TR) + r")"
_UK_MONTH = r"(?P<umon>січня|лютого|березня|квітня|травня|червня|липня|серпня|вересня|жовтня|листопада|грудня)"  # noqa: E501
_FR_MONTH = r"(?P<fmon>" + "|".join(_FR_IT) + r")"
_DE_MONTH = r"(?P<gmon>" + "|".join(_DE) + r")"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?[»\"”]?"  # official forms quote it: «05» ноября
_YEAR = r"(?P<year>(?:19|20)\d\d)"

# a day, month and year one of whose dots OCR lost in small print ("12.012024", "1201.2024"):
# only with a two-digit day and month, so that the digits part in one way alone, and only
# when they make a date
_LOST_DOT = (
    re.compile(r"\b(?P<dd>[0-3]\d)\.(?P<mm>[01]\d)(?P<yyyy>(?:19|20)\d\d)(?!\d)"),
    re.compile(r"\b(?P<dd>[0-3]\d)(?P<mm>[01]\d)\.(?P<yyyy>(?:19|20)\d\d)(?!\d)"),
)

_DAY_O = re.compile(r"\b[Oo](?=\d(?:st|nd|rd|th)?\s+\S)")
# an official form's quoted day read by OCR in letters: З for 3, О or O for 0 ("«З» сәуір")
_QUOTED_DAY = re.compile(r"(?<=[«\"“])[0-3ЗзОO]?[0-9ЗзОO](?=[»\"”])")
_DAY_LETTERS = str.maketrans("ЗзОO", "3300")
# a speck OCR reads between the opening quote and the day («<3» for «3»): the quote moves
# next to the day (the text keeps its length, the dates' places stay)
_QUOTE_SPECK = re.compile(r"([«\"“])[<(\[|'`‹]+(?=[0-3ЗзОO]?[0-9ЗзОO][»\"”])")

_PATTERNS = [
    # letter-spaced PDFs may leave the month glued to the day ("Aug30, 2024")
    re.compile(rf"\b{_EN_MONTH}\s*{_DAY}\s?,?\s+(?:of\s+)?{_YEAR}\b", re.IGNORECASE),
    # "05-Jun-2023", as Indian issuers print it
    re.compile(rf"\b{_DAY}-{_EN_MONTH}-{_YEAR}\b", re.IGNORECASE),
    # "5 November, 2023", "5th of November 2023", "the 5th day of November, 2023"
    re.compile(rf"\b{_DAY}\s+(?:day\s+)?(?:of\s+)?{_EN_MONTH},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_DAY}\s+{_RU_MONTH},?\s+{_YEAR}(?:\s*г(?:ода|\.)?)?", re.IGNORECASE),
    re.compile(rf"\b{_YEAR}\s*(?:жыл(?:ғы|ы)?|ж\.)\s+[«\"“]?{_DAY}\s+{_KK_MONTH}", re.IGNORECASE),
    re.compile(rf"\b{_DAY}\s+{_KK_MONTH}\s+{_YEAR}(?:\s*ж\.?)?", re.IGNORECASE),
    re.compile(rf"\b{_YEAR}\s*(?:jyl[ğǵg]?y|j\.)\s+[«\"“]?{_DAY}\s+{_KL_MONTH}", re.IGNORECASE),
    re.compile(rf"\b{_DAY}\s+{_KL_MONTH}\s+{_YEAR}(?:\s*j\.?)?", re.IGNORECASE),
    re.compile(rf"\b{_DAY}\s+de\s+{_ES_MONTH}\.?\s+(?:de(?:l)?\s+)?{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_DAY}\s+{_FR_MONTH}\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_DAY}\s+{_TR_MONTH}\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_DAY}\s+{_UK_MONTH}\s+{_YEAR}(?:\s*р(?:оку|\.)?)?", re.IGNORECASE),
    re.compile(rf"\b{_DAY}\.\s+{_DE_MONTH}\s+{_YEAR}\b", re.IGNORECASE),
    # the year first is always year, month, day: 2023-11-05, 2023/11/05, 2023.11.05
    re.compile(rf"\b{_YEAR}(?P<sep>[-/.])(?P<nmon>[01]?\d)(?P=sep)(?P<nday>[0-3]?\d)(?!\d)"),
    # the year may be glued to its "ж." or "г." ("05.11.2023ж."): no word boundary after it
    re.compile(r"\b(?P<dd>[0-3]?\d)\.(?P<mm>[01]?\d)\.(?P<yyyy>(?:19|20)\d\d)(?!\d)"),
    *_LOST_DOT,
    # day and month in either order, by slashes or dashes: read as the platform writes them
    re.compile(
        r"\b(?P<a>[01]?\d|[23]\d)(?P<sep>[/-])(?P<b>[0-3]?\d)(?P=sep)(?P<yyyy>(?:19|20)\d\d)(?!\d)"
    ),
    # the year in two digits, last, day and month in two as well: 15.03.24 (day first, as
    # dots are written here), 15/03/24 (read as the platform writes them); standing alone,
    # not part of a version number ("2.10.23") or a longer one
    re.compile(r"(?<![\d.])(?P<dd>[0-3]\d)\.(?P<mm>[01]\d)\.(?P<yy>[1-3]\d)(?![\d.]?\d)"),
    re.compile(
        r"(?<![\d/.-])(?P<a>[0-3]\d)(?P<sep>[/-])(?P<b>[0-3]\d)(?P=sep)(?P<yy>[1-3]\d)(?![\d/.-]?\d)"
    ),
]
_MONTH_YEAR = re.compile(
    rf"\b(?:{_EN_MONTH}|{_ES_MONTH}|{_FR_MONTH}|"
    r"(?P<rnom>январ[ья]|феврал[ья]|март|апрел[ья]|ма[йя]|июн[ья]|июл[ья]|август|сентябр[ья]|"
    r"октябр[ья]|ноябр[ья]|декабр[ья]))"
    rf",?\s+(?:de(?:l)?\s+)?{_YEAR}\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class FoundDate:
    value: date | None  # None: a date is there but cannot be read without guessing
    start: int
    end: int
    text: str


def _month(table: dict[str, int], word: str) -> int | None:
    word = word.lower().rstrip(".")
    for stem in sorted(table, key=len, reverse=True):
        if word.startswith(stem):
            return table[stem]
    return None


def _make(year: int, month: int | None, day: int) -> date | None:
    if month is None:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _year(groups: dict[str, str | None]) -> int:
    """A numeric date's year: as printed, or 20yy for two digits (no MOOC certificate is
    older than 2010)."""
    four = groups.get("yyyy")
    return int(four) if four else 2000 + int(groups["yy"] or 0)


def find_dates(text: str, slash_order: str | None = None) -> list[FoundDate]:
    """Every date in ``text``, left to right; overlapping matches are kept once."""
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []
    text = _DAY_O.sub("0", text)  # OCR's O for the 0 of a day ("O5th Jun 2023"); same length
    text = _QUOTE_SPECK.sub(lambda m: " " * (len(m.group(0)) - 1) + m.group(1), text)
    text = _QUOTED_DAY.sub(lambda m: m.group(0).translate(_DAY_LETTERS), text)
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            g = m.groupdict()
            value: date | None
            if g.get("mon"):
                value = _make(int(g["year"]), _month(_EN, g["mon"]), int(g["day"]))
            elif g.get("rmon"):
                value = _make(int(g["year"]), _month(_RU, g["rmon"]), int(g["day"]))
            elif g.get("kmon"):
                value = _make(int(g["year"]), _month(_KK, g["kmon"]), int(g["day"]))
            elif g.get("lmon"):
                bare = g["lmon"].lower().translate(_KK_LATN_BARE)
                value = _make(int(g["year"]), _month(_KK_LATN, bare), int(g["day"]))
            elif g.get("smon"):
                value = _make(int(g["year"]), _month(_IBERIAN, g["smon"]), int(g["day"]))
            elif g.get("tmon"):
                value = _make(int(g["year"]), _month(_TR, g["tmon"]), int(g["day"]))
            elif g.get("umon"):
                value = _make(int(g["year"]), _month(_UK, g["umon"]), int(g["day"]))
            elif g.get("fmon"):
                value = _make(int(g["year"]), _month(_FR_IT, g["fmon"]), int(g["day"]))
            elif g.get("gmon"):
                value = _make(int(g["year"]), _month(_DE, g["gmon"]), int(g["day"]))
            elif g.get("nmon"):
                value = _make(int(g["year"]), int(g["nmon"]), int(g["nday"]))
            elif g.get("dd"):
                value = _make(_year(g), int(g["mm"]), int(g["dd"]))
            else:
                a, b, year = int(g["a"]), int(g["b"]), _year(g)
                if a > 12:
                    value = _make(year, b, a)
                elif b > 12 or a == b or slash_order == "mdy":
                    value = _make(year, a, b)
                elif slash_order == "dmy":
                    value = _make(year, b, a)
                else:
                    value = None
            if value is None and pattern in _LOST_DOT:
                continue
            taken.append((m.start(), m.end()))
            found.append(FoundDate(value, m.start(), m.end(), m.group(0)))
    return sorted(found, key=lambda f: f.start)


def month_year(text: str) -> str | None:
    """A month and a year printed without a day ("Май 2024", "marzo 2017"), if any."""
    full = [(f.start, f.end) for f in find_dates(text)]
    for m in _MONTH_YEAR.finditer(text):
        if not any(s < m.end() and m.start() < e for s, e in full):
            return m.group(0)
    return None


# Words that only a text in a language writing the day first would hold many of (Spanish,
# Portuguese, French, Italian, German), against English's own: an unlisted issuer's "05/08/2022"
# in such a text is the 5th of August. English is left to the platform (US and UK differ).
_DAY_FIRST_WORDS = re.compile(
    r"\b(?:de|del|el|la|las|los|que|por|con|para|le|les|du|des|pour|avec|il|di|che|della|"
    r"der|die|das|und|hat|den|em|com|do|da|os|ao)\b",
    re.IGNORECASE,
)
_ENGLISH_WORDS = re.compile(r"\b(?:the|of|and|has|have|this|that|for|with|is|to|on)\b", re.I)
_CYRILLIC = re.compile(r"[а-яёәғқңөұүһі]", re.IGNORECASE)
_LATIN = re.compile(r"[a-z]", re.IGNORECASE)


def written_order(text: str) -> str | None:
    """How the document's own language orders a numeric date: "dmy" for Cyrillic text and for
    text mostly in a day-first Latin-script language, else unknown."""
    if len(_CYRILLIC.findall(text)) > len(_LATIN.findall(text)):
        return "dmy"
    day_first = len(_DAY_FIRST_WORDS.findall(text))
    if day_first >= 3 and day_first > 2 * len(_ENGLISH_WORDS.findall(text)):
        return "dmy"
    return None
