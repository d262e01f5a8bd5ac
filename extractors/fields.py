"""From cleaned lines to fields. Each rule says how sure it is; an unsure value is left out
with a warning rather than guessed, because a wrong date or name can approve a wrong case."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from extractors.clean import latin
from extractors.dates import find_dates
from extractors.model import EvidenceKind, Line
from extractors.platforms import PlatformMatcher

_I = re.IGNORECASE
_UP = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІ"
_LOW = "a-zа-яёәғқңөұүһі"
_NAME_WORD = re.compile(
    rf"^(?:[{_UP}][{_LOW}]+|[{_UP}]{{2,}})(?:[-'’](?:[{_UP}][{_LOW}]+|[{_UP}]{{2,}}|[{_LOW}]+))*$"
)
_NOT_NAME = re.compile(
    r"certific|course|universit|coursera|udemy|stepik|edx|skills|online|complet|program|"
    r"специализ|сертификат|курс|университет|программ|успешно|дата|date|grade|verify|"
    r"instructor|learning|science|data|machine|python|introduction|basics|foundations|"
    r"тану|бағдарлама|білім|сәтті|оқу|platform|академ|institute|школа|school",
    _I,
)


@dataclass(frozen=True, slots=True)
class Value:
    value: object
    confidence: float


def looks_like_name(text: str) -> bool:
    words = text.split()
    return (
        2 <= len(words) <= 4
        and all(_NAME_WORD.match(w) for w in words)
        and not _NOT_NAME.search(text)
        and len(text) <= 60
    )


def _clean_name(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip(" \t.,:;!\"'«»")).strip()


# ---------------------------------------------------------------- kind
_IDENTITY = re.compile(
    r"ЖЕКЕ\s+КУӘЛІК|УДОСТОВЕРЕНИЕ\s+ЛИЧНОСТИ|IDENTITY\s+CARD|\bPASSPORT\b|\bПАСПОРТ\b", _I
)
_APPLICATION = re.compile(r"\bөтініш\b", _I)
_APPLICATION_BODY = re.compile(r"президент|сұраймын|прошу", _I)
_CERT_WORDS = re.compile(
    r"certificate|certif(?:y|ies)|successfully\s+completed|has\s+completed|сертификат|"
    r"свидетельство|удостоверение\s+о|успешно|сәтті\s+аяқта|куәлік|awarded|statement\s+of",
    _I,
)
_SHOT_WORDS = re.compile(
    r"grade\s+received|to\s+pass|latest\s+submission|your\s+grade|submitted|submission|"
    r"\bquiz\b|assignment|week\s+\d|\bmodule\s+\d|progress|прогресс|пройдено|выполнено|"
    r"модуль\s+\d|тапсырма|орындалды|\bdue\b|attempt|попытк|next\s+item|retake|"
    r"курс\s+барысы|аяқталды|оценка\s+за|тест\b",
    _I,
)


def classify(text: str, from_image: bool) -> tuple[EvidenceKind, float]:
    if _IDENTITY.search(text):
        return EvidenceKind.IDENTITY_DOCUMENT, 0.9
    if _APPLICATION.search(text) and _APPLICATION_BODY.search(text):
        return EvidenceKind.APPLICATION, 0.9
    cert = len(_CERT_WORDS.findall(text))
    shot = len(_SHOT_WORDS.findall(text))
    if shot >= 2 and shot > cert:
        return EvidenceKind.SCREENSHOT, 0.85 if cert == 0 else 0.7
    if cert >= 1:
        return EvidenceKind.CERTIFICATE, 0.9 if cert >= 2 else 0.75
    if from_image and shot >= 1:
        return EvidenceKind.SCREENSHOT, 0.6
    return EvidenceKind.OTHER, 0.5


# ---------------------------------------------------------------- learner name
_NAME_LABELS = [
    r"this\s+is\s+to\s+certify\s+that",
    r"certif(?:y|ies)\s+that",
    r"(?:is\s+)?(?:hereby\s+)?(?:awarded|presented)\s+to",
    r"completed\s+by",
    r"(?:learner|recipient|student|name)\s*:",
    r"настоящий\s+сертификат\s+подтверждает,?\s+что",
    r"настоящим\s+(?:подтверждается|удостоверяется|сертификатом\s+подтверждается),?\s+что",
    r"(?:сертификат|свидетельство)\s+(?:подтверждает|удостоверяет),?\s+что",
    r"выдан[ао]?\s*:",
    r"(?:слушатель|фио|ф\.\s*и\.\s*о\.)\s*:",
    r"осымен\s+(?:расталады|куәландырылады)\s*:?",
    r"(?:тыңдаушы|аты-жөні|білім\s+алушы)\s*:",
]
_NAME_LABEL = re.compile(r"^(?:.*?\b)?(?:" + "|".join(_NAME_LABELS) + r")\s*(?P<rest>.*)$", _I)
_AFTER_NAME = re.compile(
    r"^(?:has\s+(?:successfully\s+)?completed|successfully\s+completed|has\s+successfully|"
    r"успешно|прош[её]л|прошла|окончил|завершил|"
    r"[«\"“].{2,}[»\"”]\s+курсын|курсын|сәтті\s+аяқта)",
    _I,
)
_DATE_LABEL_LINE = re.compile(r"^(?:date|дата|күні)\b", _I)


def learner_name(lines: Sequence[Line]) -> Value | None:
    candidates: list[Value] = []
    for i, line in enumerate(lines):
        m = _NAME_LABEL.match(line.text)
        if m:
            rest = _clean_name(m.group("rest"))
            if rest and looks_like_name(rest):
                candidates.append(Value(rest, 0.95 * line.confidence))
            elif not rest and i + 1 < len(lines):
                nxt = _clean_name(lines[i + 1].text)
                if looks_like_name(nxt):
                    candidates.append(Value(nxt, 0.95 * lines[i + 1].confidence))
        if _AFTER_NAME.match(line.text) and i > 0:
            prev = _clean_name(lines[i - 1].text)
            if looks_like_name(prev):
                candidates.append(Value(prev, 0.9 * lines[i - 1].confidence))
        if _DATE_LABEL_LINE.match(line.text) and i > 0:
            prev = _clean_name(lines[i - 1].text)
            if looks_like_name(prev):
                candidates.append(Value(prev, 0.8 * lines[i - 1].confidence))
    return _agree(candidates)


def _agree(candidates: list[Value]) -> Value | None:
    """All rules that found something must agree; disagreement is no answer."""
    if not candidates:
        return None
    values = {str(c.value).casefold() for c in candidates}
    if len(values) > 1:
        return None
    best = max(candidates, key=lambda c: c.confidence)
    return Value(best.value, min(1.0, best.confidence + 0.03 * (len(candidates) - 1)))


# ---------------------------------------------------------------- course title
_TITLE_LABELS = [
    r"successfully\s+completed\s+and\s+received\s+a\s+passing\s+grade\s+in",
    r"(?:has\s+)?successfully\s+completed\s+the\s+online,?\s+non-credit\s+"
    r"(?:specialization|professional\s+certificate|course)",
    r"has\s+completed\s+the\s+following\s+(?:course|program)\s*:?",
    r"(?:has\s+)?successfully\s+completed(?:\s+the(?:\s+online)?\s+course)?",
    r"has\s+completed(?:\s+the(?:\s+online)?\s+course)?",
    r"for\s+(?:successfully\s+)?completing(?:\s+the\s+course)?",
    r"успешно\s+(?:прош[её]л(?:\(а\))?|прошла|завершил(?:\(а\))?|завершила|окончил(?:\(а\))?|освоил(?:\(а\))?)"
    r"(?:\s+(?:онлайн-)?курс|\s+обучение\s+по\s+(?:курсу|программе))?",
    r"прош[её]л(?:\(а\))?\s+обучение\s+по\s+(?:курсу|программе)",
    r"certificate\s+of\s+completion",
]
_TITLE_LABEL = re.compile(
    r"^(?:.*?\b)?(?:" + "|".join(_TITLE_LABELS) + r")\s*:?\s*(?P<rest>.*)$", _I
)
_TITLE_STOP = re.compile(
    r"^(?:an?\s+(?:online|course|non-credit)|the\s+online|offered|authorized|through|with\b|"
    r"on\s|at\s|by\s|date\b|issued|instructors?\b|length\b|verify|certificate\s+(?:id|no)|"
    r"credential|grade|score|дата\b|выдан|оценка|объ[её]м|длительность|берілген|күні|сағат|№|"
    r"https?://|www\.|this\s+is|signed|ceo\b|director|president|директор|"
    r"has\s+successfully|successfully)",
    _I,
)
_QUOTED = re.compile(r"[«“\"]\s*([^«»“”\"]{3,200}?)\s*[»”\"]", re.S)
_QUOTE_CONTEXT = re.compile(r"курс|course|бағдарлама|программ", _I)
_COURSE_CODE = re.compile(r"^[A-Za-z]{0,8}\d[\w.]*[xX]\s*:\s+")
_LABEL_PREFIX = re.compile(r"^(?:course|курс|пән)\s*:\s*", _I)


def _tidy_title(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip(' \t.,;:«»"“”')
    text = _LABEL_PREFIX.sub("", text)
    code = _COURSE_CODE.match(latin(text))  # OCR may read the code in Cyrillic look-alikes
    return text[code.end() :].strip() if code else text


def course_title(lines: Sequence[Line]) -> Value | None:
    text = "\n".join(line.text for line in lines)
    for m in _QUOTED.finditer(text):
        after = text[m.end() : m.end() + 40]
        before = text[max(0, m.start() - 60) : m.start()]
        if _QUOTE_CONTEXT.search(after) or _QUOTE_CONTEXT.search(before):
            title = _tidy_title(m.group(1))
            line_no = text.count("\n", 0, m.start())
            if len(title) >= 3:
                return Value(title, 0.95 * lines[line_no].confidence)
    for i, line in enumerate(lines):
        label = _TITLE_LABEL.match(line.text)
        if not label:
            continue
        rest = _tidy_title(label.group("rest"))
        if rest and not _TITLE_STOP.match(rest):
            return Value(rest, 0.9 * line.confidence)
        parts: list[Line] = []
        for nxt in lines[i + 1 : i + 3]:
            if _TITLE_STOP.match(nxt.text) or find_dates(nxt.text):
                break
            # A second line continues the title only when the first plainly runs on.
            if parts and not (
                parts[-1].text.endswith((":", ",", "-", "–", "&", " and")) or nxt.text[:1].islower()
            ):
                break
            parts.append(nxt)
        if parts:
            title = _tidy_title(" ".join(p.text for p in parts))
            if len(title) >= 3:
                return Value(title, 0.9 * min(p.confidence for p in parts))
    return None


# ---------------------------------------------------------------- issue date
_ISSUE_LABEL = re.compile(
    r"(?:issued(?:\s+on)?|issue\s+date|date\s+of\s+issue|date|completed(?:\s+on)?|"
    r"completion\s+date|awarded(?:\s+on)?|дата(?:\s+выдачи)?|выдан[ао]?|"
    r"берілген\s+күні|берілген|күні)\s*:?\s*$",
    _I,
)


def issued_on(lines: Sequence[Line], slash_order: str | None) -> tuple[Value | None, list[str]]:
    labelled: list[Value] = []
    unlabelled: list[Value] = []
    unreadable = False
    for i, line in enumerate(lines):
        for found in find_dates(line.text, slash_order):
            if found.value is None:
                unreadable = True
                continue
            before = line.text[: found.start]
            prev = lines[i - 1].text if i > 0 else ""
            if _ISSUE_LABEL.search(before) or (not before.strip() and _ISSUE_LABEL.search(prev)):
                labelled.append(Value(found.value, 0.95 * line.confidence))
            else:
                unlabelled.append(Value(found.value, 0.85 * line.confidence))
    warnings: list[str] = []
    for group in (labelled, unlabelled):
        distinct = {v.value for v in group}
        if len(distinct) == 1:
            return max(group, key=lambda v: v.confidence), warnings
        if len(distinct) > 1:
            warnings.append("issued_on: several dates and none marked as the date of issue")
            return None, warnings
    if unreadable:
        warnings.append("issued_on: a date with slashes could be day/month or month/day")
    return None, warnings


# ---------------------------------------------------------------- ID and URL
_ID_LABEL = re.compile(
    r"(?:certificate\s*(?:id|no\.?|number|#)|credential\s*(?:id|url)?|verification\s*(?:code|id)|"
    r"verify\s+at|\bid\b|№|\bno\.|номер(?:\s+сертификата)?|сертификат\s*№|нөмірі|"
    r"тіркеу\s+нөмірі|регистрационный\s+номер|код\s+проверки|certificate\s+url)\s*[:#]?\s*",
    _I,
)


def _url_text(text: str) -> str:
    """Text for URL matching: Latin letters, and OCR's spaces inside addresses closed."""
    t = latin(text)
    t = re.sub(r"(?<=[/.:])\s+(?=[A-Za-z0-9])", "", t)
    return re.sub(r"(?<=[A-Za-z0-9])\s+(?=[/.](?:[A-Za-z0-9]))", "", t)


def identifiers(
    lines: Sequence[Line], barcodes: Sequence[str], matcher: PlatformMatcher | None
) -> tuple[Value | None, Value | None, list[str]]:
    """The certificate ID and the canonical verification URL, which must agree."""
    warnings: list[str] = []
    if matcher is None or matcher.certificate_id is None:
        return None, None, warnings
    text = "\n".join(line.text for line in lines)
    url_ids: list[Value] = []
    for source, conf in [(_url_text(text), _mean_conf(lines))] + [(b, 1.0) for b in barcodes]:
        for _, pattern in matcher.urls:
            for m in pattern.finditer(source):
                repaired = repair_id(m.group("id"), matcher.certificate_id)
                if repaired is not None:
                    url_ids.append(Value(repaired, 0.97 * conf))
    label_ids: list[Value] = []
    for line in lines:
        for m in _ID_LABEL.finditer(line.text):
            token = latin(line.text[m.end() :].strip().split(" ")[0]).strip(".,;:()[]")
            repaired = repair_id(token, matcher.certificate_id)
            if repaired is not None:
                label_ids.append(Value(repaired, 0.93 * line.confidence))
    if not url_ids and matcher.loose_url is not None:
        # OCR damaged the path ("Vverify"): any address on the platform's host, last segment
        for m in matcher.loose_url.finditer(_url_text(text)):
            repaired = repair_id(m.group("id"), matcher.certificate_id)
            if repaired is not None:
                url_ids.append(Value(repaired, 0.85 * _mean_conf(lines)))
    if not url_ids and not label_ids:
        for line in lines:
            for m in matcher.certificate_id.finditer(latin(line.text)):
                token = m.group(1)
                if re.search(r"\d", token) and re.search(r"[A-Za-z]", token):
                    label_ids.append(Value(token, 0.8 * line.confidence))
    found = {str(v.value) for v in url_ids + label_ids}
    if not found:
        return None, None, warnings
    if len(found) > 1:
        warnings.append(
            "certificate_id: the document shows different IDs (in the text and in the "
            "verification URL); left empty"
        )
        return None, None, warnings
    best = max(url_ids + label_ids, key=lambda v: v.confidence)
    ident = str(best.value)
    url = matcher.canonical_url(ident, text)
    return best, (Value(url, best.confidence) if url else None), warnings


# OCR's usual confusions between letters and digits, tried when an ID does not fit its pattern.
_TO_DIGITS = str.maketrans({"l": "1", "I": "1", "i": "1", "|": "1", "O": "0", "o": "0"})
_TO_LOWER_HEX = str.maketrans(
    {"O": "0", "o": "0", "l": "1", "I": "1", "i": "1", "S": "5", "B": "8", "!": "1", "|": "1"}
)
_TO_LETTERS = str.maketrans({"5": "S", "0": "O", "1": "I", "8": "B", "2": "Z", "6": "G"})


def _literal_prefix(pattern: re.Pattern[str]) -> str:
    """The letters an ID pattern starts with (``UC-``, ``SE-``), if any."""
    inner = re.search(r"\(((?:[A-Za-z]|\\-|-)+)", pattern.pattern)
    return inner.group(1).replace("\\", "") if inner else ""


def repair_id(token: str, pattern: re.Pattern[str]) -> str | None:
    """The token as an ID of the platform, with OCR's letter/digit confusions undone if that is
    what makes it fit; None when nothing fits."""
    prefix = _literal_prefix(pattern)
    if prefix and not token.startswith(prefix):
        head = token[: len(prefix)]
        if head.upper().translate(_TO_LETTERS) == prefix.upper():
            token = prefix + token[len(prefix) :]
    for candidate in (
        token,
        token.translate(_TO_DIGITS),
        token.translate(_TO_LOWER_HEX).lower(),
        token.translate(_TO_DIGITS).upper(),
    ):
        m = pattern.fullmatch(candidate)
        if m:
            return m.group(1) if m.groups() else candidate
    return None


def _mean_conf(lines: Sequence[Line]) -> float:
    return sum(line.confidence for line in lines) / len(lines) if lines else 0.0


# ---------------------------------------------------------------- numbers
_NUM = r"(\d{1,3}(?:[.,]\d{1,2})?)"
_HOURS_LABELLED = re.compile(
    rf"(?:length|duration|total|study\s+time|объ[её]м\w*|продолжительность|трудо[её]мкость|көлемі|ұзақтығы)"
    rf"(?:\s+[^\W\d]+)?\s*:?\s*{_NUM}\s*(?:total\s+)?(?:hours?|hrs?|ч\b|час\w*|академ\w*\s+час\w*|"
    rf"академиялық\s+сағат|сағат)",
    _I,
)
_HOURS = re.compile(
    rf"{_NUM}\s*(?:total\s+)?(?:hours?\b|hrs\b|академических\s+час\w*|час(?:ов|а)?\b|"
    rf"академиялық\s+сағат|сағат)",
    _I,
)
_GRADE_STRONG = re.compile(
    rf"(?:grade\s+received|latest\s+submission\s+grade|your\s+grade|final\s+grade|"
    rf"with\s+(?:a\s+)?grade\s+of|итоговая\s+оценка|ваша\s+оценка|оценк\w*|результат\w*|"
    rf"қорытынды\s+баға|бағасы|баға|нәтижесі|grade|score)\s*:?\s*\n?\s*{_NUM}\s*%",
    _I,
)
_PASS_CONTEXT = re.compile(
    r"(?:to\s+pass|pass(?:ing)?\s+(?:grade|score)|для\s+прохождения|"
    r"проходн\w+|өту\s+үшін|or\s+higher|и\s+выше|және\s+одан\s+жоғары)",
    _I,
)
_PROGRESS = [
    re.compile(
        rf"(?:course\s+progress|your\s+progress|progress|"
        rf"прогресс(?:\s+по\s+курсу|\s+курса)?|пройдено|выполнено|"
        rf"курс\s+барысы|орындалды|аяқталды)\s*:?\s*(?:на\s+)?{_NUM}\s*%",
        _I,
    ),
    re.compile(rf"{_NUM}\s*%\s*(?:complete(?:d)?|пройдено|выполнено|орындалды|аяқталды)", _I),
]


def _percent(text: str) -> float | None:
    value = float(text.replace(",", "."))
    return value if 0 <= value <= 100 else None


def hours(lines: Sequence[Line]) -> Value | None:
    for pattern, strength in ((_HOURS_LABELLED, 0.95), (_HOURS, 0.85)):
        found: list[Value] = []
        for line in lines:
            for m in pattern.finditer(line.text):
                found.append(Value(float(m.group(1).replace(",", ".")), strength * line.confidence))
        if len({v.value for v in found}) == 1:
            return max(found, key=lambda v: v.confidence)
        if found:
            return None
    return None


def grade_percent(lines: Sequence[Line]) -> Value | None:
    text = "\n".join(line.text for line in lines)
    found: list[Value] = []
    for m in _GRADE_STRONG.finditer(text):
        if _PASS_CONTEXT.search(text[max(0, m.start() - 25) : m.start()] + m.group(0)):
            continue
        value = _percent(m.group(1))
        if value is not None:
            line_no = text.count("\n", 0, m.end())
            found.append(Value(value, 0.92 * lines[min(line_no, len(lines) - 1)].confidence))
    return _single(found)


def progress_percent(lines: Sequence[Line]) -> Value | None:
    found: list[Value] = []
    for line in lines:
        for pattern in _PROGRESS:
            for m in pattern.finditer(line.text):
                value = _percent(m.group(1))
                if value is not None:
                    found.append(Value(value, 0.9 * line.confidence))
    return _single(found)


def _single(found: list[Value]) -> Value | None:
    if len({v.value for v in found}) == 1:
        return max(found, key=lambda v: v.confidence)
    return None


FieldRule = Callable[[Sequence[Line]], Value | None]


def iso(value: object) -> date | None:
    return value if isinstance(value, date) else None
