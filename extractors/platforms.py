"""Platforms as the reader knows them: their hosts, names, wordings, ID forms and verification
addresses, built from ``platforms.yaml`` (the university's list) and ``anchors.yaml`` (the
phrases of their templates).

Which platform a document is from is decided by every signal it carries, strongest first: a
verification address of the platform, its host, an ID of a shape only it issues, its name, its
template wording. A document that names no known platform has none (DataCamp, AWS … are not on
the list, and no listed platform is guessed for them); two platforms equally named is no answer.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from extractors.clean import latin
from extractors.layout import Document
from recognition.catalog import IdForm, Platform, VerifyUrl

# Characters OCR confuses in IDs, by shape.
LOOKALIKES = (("O", "0"), ("I", "1"), ("o", "0"), ("l", "1"), ("S", "5"))


@dataclass(frozen=True)
class IdFamily:
    form: str
    regex: re.Pattern[str]  # the whole ID
    alphabet: re.Pattern[str] | None  # one character of the ID, when letters and digits mix
    distinct: bool  # a shape no other platform shares: recognisable without a label

    def fits(self, token: str) -> bool:
        return self.regex.fullmatch(token) is not None

    def ambiguous(self, token: str) -> list[int]:
        """Positions whose character has a look-alike that the alphabet allows too."""
        if self.alphabet is None:
            return []
        out = []
        for i, ch in enumerate(token):
            for a, b in LOOKALIKES:
                other = b if ch == a else a if ch == b else None
                if other is not None and self.alphabet.fullmatch(other):
                    out.append(i)
                    break
        return out


def _family(form: IdForm) -> IdFamily:
    alphabet = re.compile(f"[{form.alphabet}]") if form.alphabet else None
    distinct = bool(re.match(r"[A-Z]{2}-", form.pattern)) or bool(
        re.search(r"\{(?:2\d|3\d)\}", form.pattern)
    )
    return IdFamily(form.form, re.compile(form.pattern), alphabet, distinct)


@dataclass(frozen=True)
class PlatformMatcher:
    platform: Platform
    ids: tuple[IdFamily, ...]
    urls: tuple[tuple[VerifyUrl, re.Pattern[str]], ...]
    hosts: re.Pattern[str] | None
    aliases: re.Pattern[str] | None
    wordings: tuple[re.Pattern[str], ...] = ()
    prefix: str = field(default="")  # letters every ID starts with ("UC-"), if any

    @property
    def id(self) -> str:
        return self.platform.id

    def family(self, token: str) -> IdFamily | None:
        return next((f for f in self.ids if f.fits(token)), None)

    def canonical_url(self, certificate_id: str, kind: str | None, text: str) -> str | None:
        """The address a check uses for an ID: of the printed kind when an address was
        printed, else of the kind the document's marker words select."""
        usable = [u for u in self.platform.verify_urls if not u.printed_only]
        chosen = None
        if kind is not None:
            chosen = next((u for u in usable if u.kind == kind), None)
        if chosen is None:
            lowered = text.lower()
            chosen = next(
                (u for u in usable if u.marker and u.marker.lower() in lowered),
                next((u for u in usable if not u.marker), None),
            )
        return None if chosen is None else chosen.template.replace("{id}", certificate_id)


def _host_alternatives(hosts: Sequence[str]) -> str:
    return "|".join(re.escape(h.removeprefix("www.")) for h in hosts)


def _url_pattern(url: VerifyUrl, hosts: Sequence[str]) -> re.Pattern[str]:
    path = url.template.split("/", 3)[3]  # after https://host/
    host = url.template.split("/")[2].removeprefix("www.")
    # The ID part is loose: OCR's confusions are undone against the platform's ID forms after.
    escaped = re.escape(path).replace(re.escape("{id}"), r"(?P<id>[A-Za-z0-9|-]{4,80})")
    return re.compile(rf"(?i:(?:https?://)?(?:www\.)?{re.escape(host)})/{escaped}(?![A-Za-z0-9])")


def build_matchers(
    platforms: Sequence[Platform], wordings: Mapping[str, Sequence[re.Pattern[str]]] | None = None
) -> list[PlatformMatcher]:
    matchers = []
    for p in platforms:
        ids = tuple(_family(f) for f in p.certificate_ids)
        urls = tuple((u, _url_pattern(u, p.hosts)) for u in p.verify_urls)
        aliases = (
            re.compile(
                r"(?i)(?<![\w.])(?:" + "|".join(re.escape(a) for a in p.aliases) + r")(?!\w)"
            )
            if p.aliases
            else None
        )
        hosts = (
            re.compile(rf"(?i)(?<![\w.])(?:www\.)?(?:{_host_alternatives(p.hosts)})\b")
            if p.hosts
            else None
        )
        prefixes = {
            m.group(1) for f in p.certificate_ids if (m := re.match(r"([A-Z]{2}-)", f.pattern))
        }
        matchers.append(
            PlatformMatcher(
                platform=p,
                ids=ids,
                urls=urls,
                hosts=hosts,
                aliases=aliases,
                wordings=tuple((wordings or {}).get(p.id, ())),
                prefix=prefixes.pop() if len(prefixes) == 1 else "",
            )
        )
    return matchers


def _named(matcher: PlatformMatcher, matchers: Sequence[PlatformMatcher], text: str) -> bool:
    """The platform's name is in the text, and not only inside another platform's longer
    name ("edX" in "Open edX")."""
    assert matcher.aliases is not None
    longer = [
        (m.start(), m.end())
        for other in matchers
        if other is not matcher and other.aliases is not None
        for m in other.aliases.finditer(text)
    ]
    return any(
        not any(
            a <= m.start() and m.end() <= b and (b - a) > (m.end() - m.start()) for a, b in longer
        )
        for m in matcher.aliases.finditer(text)
    )


@dataclass(frozen=True)
class PlatformGuess:
    matcher: PlatformMatcher | None
    confidence: float
    how: str  # the signal that decided, or why there is no answer


def detect_platform(
    matchers: Sequence[PlatformMatcher],
    text: str,
    machine: Sequence[str] = (),
    blocks: str | None = None,
) -> PlatformGuess:
    """The platform the document shows most clearly: printed verification address (5), host
    (4), a host in a QR code or link (3), an ID of a shape only it issues (3), its name (2 per
    kind of mention), its template wording (2 each; looked for in ``blocks``, the text with a
    blank line between its blocks, so that a phrase never runs from one block into the next).
    Two platforms with the same score: none."""
    lat = latin(text)
    links = "\n".join(machine)
    scored: list[tuple[float, str, PlatformMatcher]] = []
    for m in matchers:
        score = 0.0
        reasons: list[str] = []
        if any(p.search(lat) for _, p in m.urls):
            score += 5
            reasons.append("its verification address")
        elif m.hosts and m.hosts.search(lat):
            score += 4
            reasons.append("its web address")
        if m.hosts and m.hosts.search(links):
            score += 3
            reasons.append("its address in a QR code or link")
        if any(
            f.distinct and m.prefix and re.search(rf"\b{re.escape(m.prefix)}", lat) for f in m.ids
        ):
            score += 3
            reasons.append("an ID of its form")
        if m.aliases and _named(m, matchers, text):
            score += 2
            reasons.append("its name")
        said = [w for w in m.wordings if w.search(text if blocks is None else blocks)]
        if said:
            score += 2 * min(len(said), 2)
            reasons.append("its template wording")
        if score > 0:
            scored.append((score, ", ".join(reasons), m))
    if not scored:
        return PlatformGuess(None, 0.0, "the document names no platform on the list")
    scored.sort(key=lambda s: -s[0])
    best, how, matcher = scored[0]
    if len(scored) > 1 and scored[1][0] == best:
        names = ", ".join(s[2].id for s in scored[:2])
        return PlatformGuess(None, 0.0, f"the document names several platforms ({names})")
    confidence = 0.97 if best >= 4 else 0.93 if best >= 3 else 0.85
    if len(scored) > 1:
        confidence -= 0.1
    return PlatformGuess(matcher, confidence, f"by {how}")


def wording_text(doc: Document) -> str:
    """The document's text with a blank line between its blocks (for platform wordings)."""
    return "\n\n".join(block.flow for page in doc.pages for block in page.blocks)
