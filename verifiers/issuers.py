"""Issuer adapters: look a certificate up at its issuer and compare what the issuer says.

Each adapter builds the issuer's address from the certificate ID (never the URL printed on the
document), reads the page or API, and returns what it states. ``check_issuer`` compares every
field it can — learner name, course title, completion date, grade — and gives one outcome:
verified, mismatch (with the fields), not found, unreachable (retry later), unsupported.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from extractors.dates import find_dates
from recognition.catalog import Platform
from verifiers.fetch import FetchFailed, FetchRefused, FetchUnusable, IssuerFetcher
from verifiers.identity import NameMatch, match_name


class IssuerOutcome(StrEnum):
    VERIFIED = "verified"
    MISMATCH = "mismatch"
    NOT_FOUND = "not-found"
    UNREACHABLE = "unreachable"
    UNSUPPORTED = "unsupported"
    REFUSED = "refused"  # the address was not allowed (not contacted)
    UNUSABLE = "unusable"  # an answer tanu cannot check (too large): checked by hand


@dataclass(frozen=True, slots=True)
class IssuerRecord:
    """What the issuer states about a certificate."""

    name: str | None
    course: str | None
    completed_on: date | None
    grade: float | None = None


@dataclass(frozen=True, slots=True)
class IssuerResult:
    outcome: IssuerOutcome
    url: str | None
    record: IssuerRecord | None = None
    differences: tuple[str, ...] = ()  # field: evidence vs issuer
    reason: str = ""


def _text(page: str) -> str:
    """Visible text of an HTML page, one line per block."""
    page = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", page)
    page = re.sub(r"(?i)<br\s*/?>|</(p|div|h\d|li|span|a|td|dd|dt)>", "\n", page)
    page = html.unescape(re.sub(r"<[^>]+>", " ", page))
    return "\n".join(line.strip() for line in page.splitlines() if line.strip())


def _class(page: str, name: str) -> str | None:
    m = re.search(rf'(?is)class="[^"]*\b{re.escape(name)}\b[^"]*"[^>]*>(.*?)</', page)
    return html.unescape(re.sub(r"<[^>]+>", "", m.group(1))).strip() if m else None


def _first_date(text: str, order: str) -> date | None:
    found = [f.value for f in find_dates(text, order) if f.value is not None]
    return found[0] if found else None


def coursera(
    fetcher: IssuerFetcher, platform: Platform, url: str, ident: str
) -> IssuerRecord | None:
    """The verify page: "Completed by NAME", the date, and a link to the course."""
    page = fetcher.get(url, frozenset(platform.hosts))
    if page.status == 404:
        return None
    text = _text(page.text)
    name = re.search(r"Completed by\s+(.+?)(?:\s+on\s+|\n|$)", text)
    course = re.search(
        r'(?is)<a[^>]+href="[^"]*/(?:learn|specializations|professional-certificates)/'
        r'[^"]*"[^>]*>(.*?)</a>',
        page.text,
    )
    return IssuerRecord(
        name=name.group(1).strip() if name else None,
        course=html.unescape(re.sub(r"<[^>]+>", "", course.group(1))).strip() if course else None,
        completed_on=_first_date(text, platform.date_order),
    )


def edx(fetcher: IssuerFetcher, platform: Platform, url: str, ident: str) -> IssuerRecord | None:
    """The certificate page: the recipient, the course and "Issued On"."""
    page = fetcher.get(url, frozenset(platform.hosts))
    if page.status == 404:
        return None
    text = _text(page.text)
    issued = re.search(r"Issued On\s*:?\s*\n?(.+)", text)
    return IssuerRecord(
        name=_class(page.text, "accomplishment-recipient"),
        course=_class(page.text, "accomplishment-course-name"),
        completed_on=_first_date(issued.group(1), platform.date_order) if issued else None,
    )


def stepik(fetcher: IssuerFetcher, platform: Platform, url: str, ident: str) -> IssuerRecord | None:
    """The JSON API: saved_fullname, course_title, issue_date, grade."""
    host = platform.hosts[0]
    page = fetcher.get(f"https://{host}/api/certificates/{ident}", frozenset(platform.hosts))
    if page.status == 404:
        return None
    try:
        found = json.loads(page.text)["certificates"]
    except (ValueError, KeyError, TypeError) as exc:
        raise FetchFailed(f"unexpected answer from {host}") from exc
    if not found:
        return None
    cert = found[0]
    issued = str(cert.get("issue_date") or "")[:10]
    grade = cert.get("grade")
    return IssuerRecord(
        name=cert.get("saved_fullname"),
        course=cert.get("course_title"),
        completed_on=date.fromisoformat(issued)
        if re.fullmatch(r"\d{4}-\d\d-\d\d", issued)
        else None,
        grade=float(grade) if isinstance(grade, int | float) else None,
    )


def udemy(fetcher: IssuerFetcher, platform: Platform, url: str, ident: str) -> IssuerRecord | None:
    """ude.my redirects to the certificate page: "This is to certify that NAME successfully
    completed COURSE online course on DATE"."""
    page = fetcher.get(url, frozenset(platform.hosts))
    if page.status == 404:
        return None
    text = " ".join(_text(page.text).split())
    m = re.search(
        r"certify that (.+?) successfully completed (.+?) online course on (.+?\d{4})", text
    )
    if not m:
        return IssuerRecord(None, None, None)
    return IssuerRecord(
        m.group(1).strip(), m.group(2).strip(), _first_date(m.group(3), platform.date_order)
    )


Adapter = Callable[[IssuerFetcher, Platform, str, str], IssuerRecord | None]
ADAPTERS: dict[str, Adapter] = {
    "coursera": coursera,
    "edx": edx,
    "stepik": stepik,
    "udemy": udemy,
}


@dataclass(frozen=True, slots=True)
class Claim:
    """What the evidence and the learner's record say, to compare with the issuer."""

    certificate_id: str
    check_url: str  # the platform's canonical address for the ID, not the printed one
    learner_name: str | None
    course_title: str | None
    issued_on: date | None
    grade_percent: float | None
    record_full_name: str
    record_latin: str


def _same_title(a: str, b: str) -> bool:
    def norm(s: str) -> str:
        s = re.sub(r"^[A-Za-z]{0,8}\d[\w.]*x\s*:\s*", "", s.strip())  # edX course codes
        return re.sub(r"[^\w]+", " ", s.casefold()).strip()

    return norm(a) == norm(b)


@dataclass(frozen=True, slots=True)
class IssuerAnswer:
    """What asking the issuer gave, before any comparison: this is what is cached."""

    outcome: IssuerOutcome  # VERIFIED here means "found": ``judge`` decides the rest
    url: str | None
    record: IssuerRecord | None = None
    reason: str = ""


def ask_issuer(fetcher: IssuerFetcher, platform: Platform, url: str, ident: str) -> IssuerAnswer:
    adapter = ADAPTERS.get(platform.verifier or "")
    if adapter is None:
        return IssuerAnswer(
            IssuerOutcome.UNSUPPORTED, url, reason=f"no online check for {platform.name}"
        )
    try:
        record = adapter(fetcher, platform, url, ident)
    except FetchUnusable as exc:
        return IssuerAnswer(IssuerOutcome.UNUSABLE, url, reason=str(exc))
    except FetchRefused as exc:
        return IssuerAnswer(IssuerOutcome.REFUSED, url, reason=str(exc))
    except FetchFailed as exc:
        return IssuerAnswer(IssuerOutcome.UNREACHABLE, url, reason=str(exc))
    if record is None:
        return IssuerAnswer(
            IssuerOutcome.NOT_FOUND, url, reason=f"{platform.name} has no certificate {ident}"
        )
    return IssuerAnswer(IssuerOutcome.VERIFIED, url, record)


MAX_ALTERNATES = 4  # issue 9: the issuer is asked for at most four other readings of an ID


def ask_with_alternates(
    ask: Callable[[str, str], IssuerAnswer], url: str, ident: str, alternates: Sequence[str]
) -> IssuerAnswer:
    """Ask for the ID as read; when the issuer has no such certificate, ask for the other
    readings OCR could not rule out (O/0, I/1, …), at most :data:`MAX_ALTERNATES`, before
    saying *not found*. ``ask(url, ident)`` is the (possibly cached) question."""
    answer = ask(url, ident)
    if answer.outcome is not IssuerOutcome.NOT_FOUND:
        return answer
    for other in list(dict.fromkeys(a for a in alternates if a != ident))[:MAX_ALTERNATES]:
        found = ask(url.replace(ident, other), other)
        if found.outcome is IssuerOutcome.VERIFIED:
            return replace(found, reason=f"found as {other}; the document was read as {ident}")
        if found.outcome is not IssuerOutcome.NOT_FOUND:
            return found  # unreachable or refused: ask again later rather than say not found
    return answer


def judge(answer: IssuerAnswer, claim: Claim) -> IssuerResult:
    """Compare every field the issuer states with the document and the learner's record."""
    record = answer.record
    if answer.outcome is not IssuerOutcome.VERIFIED or record is None:
        return IssuerResult(answer.outcome, answer.url, record, (), answer.reason)
    differences = []
    if record.name:
        # the issuer's name must be the learner's (the document may have been edited)
        if (
            match_name(record.name, claim.record_full_name, claim.record_latin).outcome
            is NameMatch.NO_MATCH
        ):
            differences.append(f"learner: the issuer names {record.name!r}")
        elif (
            claim.learner_name
            and match_name(claim.learner_name, record.name).outcome is NameMatch.NO_MATCH
        ):
            differences.append(
                f"learner: {claim.learner_name!r} on the document, {record.name!r} at the issuer"
            )
    if record.course and claim.course_title and not _same_title(record.course, claim.course_title):
        differences.append(
            f"course: {claim.course_title!r} on the document, {record.course!r} at the issuer"
        )
    if (
        record.completed_on
        and claim.issued_on
        and abs((record.completed_on - claim.issued_on).days) > 1
    ):
        differences.append(
            f"date: {claim.issued_on.isoformat()} on the document, "
            f"{record.completed_on.isoformat()} at the issuer"
        )
    if (
        record.grade is not None
        and claim.grade_percent is not None
        and abs(record.grade - claim.grade_percent) > 0.5
    ):
        differences.append(
            f"grade: {claim.grade_percent:g}% on the document, {record.grade:g}% at the issuer"
        )
    outcome = IssuerOutcome.MISMATCH if differences else IssuerOutcome.VERIFIED
    return IssuerResult(outcome, answer.url, record, tuple(differences), answer.reason)


def check_issuer(
    fetcher: IssuerFetcher, platform: Platform, claim: Claim, alternates: Sequence[str] = ()
) -> IssuerResult:
    def ask(url: str, ident: str) -> IssuerAnswer:
        return ask_issuer(fetcher, platform, url, ident)

    return judge(ask_with_alternates(ask, claim.check_url, claim.certificate_id, alternates), claim)
