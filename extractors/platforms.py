"""Platform detection and certificate IDs/URLs, built from the platform data (platforms.yaml)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from recognition.catalog import Platform, VerifyUrl


@dataclass(frozen=True)
class PlatformMatcher:
    platform: Platform
    urls: tuple[tuple[VerifyUrl, re.Pattern[str]], ...]
    certificate_id: re.Pattern[str] | None
    aliases: re.Pattern[str] | None
    hosts: re.Pattern[str] | None
    loose_url: re.Pattern[str] | None = None  # any path on the platform's hosts

    def canonical_url(self, certificate_id: str, text: str) -> str | None:
        """The verification address for an ID; the kind is chosen by its marker words."""
        if not self.platform.verify_urls:
            return None
        chosen = next(
            (u for u in self.platform.verify_urls if u.marker and u.marker.lower() in text.lower()),
            next((u for u in self.platform.verify_urls if not u.marker), None),
        )
        return None if chosen is None else chosen.template.replace("{id}", certificate_id)


def _url_pattern(url: VerifyUrl, hosts: Sequence[str], id_regex: str) -> re.Pattern[str]:
    path = url.template.split("/", 3)[3]  # after https://host/
    host_alt = "|".join(re.escape(h.removeprefix("www.")) for h in hosts)
    # The ID part is loose here; extractors.fields.repair_id holds it to the platform's pattern
    # after undoing OCR's letter/digit confusions.
    del id_regex
    escaped = re.escape(path).replace(re.escape("{id}"), r"(?P<id>[A-Za-z0-9|-]{4,80})")
    return re.compile(rf"(?i:(?:https?://)?(?:www\.)?(?:{host_alt}))/{escaped}(?![A-Za-z0-9])")


def _loose_url(hosts: Sequence[str]) -> re.Pattern[str]:
    host_alt = "|".join(re.escape(h.removeprefix("www.")) for h in hosts)
    return re.compile(
        rf"(?i:(?:https?://)?(?:www\.)?(?:{host_alt}))/(?:[\w.-]+/)*(?P<id>[A-Za-z0-9|-]{{4,80}})"
        r"(?![A-Za-z0-9/])"
    )


def build_matchers(platforms: Sequence[Platform]) -> list[PlatformMatcher]:
    matchers = []
    for p in platforms:
        id_regex = p.certificate_id
        urls = tuple((u, _url_pattern(u, p.hosts, id_regex)) for u in p.verify_urls if id_regex)
        aliases = (
            re.compile(r"(?i)(?<!\w)(?:" + "|".join(re.escape(a) for a in p.aliases) + r")(?!\w)")
            if p.aliases
            else None
        )
        hosts = (
            re.compile(
                r"(?i)(?<![\w.])(?:www\.)?(?:"
                + "|".join(re.escape(h.removeprefix("www.")) for h in p.hosts)
                + r")\b"
            )
            if p.hosts
            else None
        )
        matchers.append(
            PlatformMatcher(
                platform=p,
                urls=urls,
                certificate_id=re.compile(rf"(?<![A-Za-z0-9-])({id_regex})(?![A-Za-z0-9])")
                if id_regex
                else None,
                aliases=aliases,
                hosts=hosts,
                loose_url=_loose_url(p.hosts) if urls else None,
            )
        )
    return matchers


def detect_platform(
    matchers: Sequence[PlatformMatcher], text: str, latin_text: str
) -> PlatformMatcher | None:
    """The platform whose verification URL, host or name the document shows most clearly.

    A verification URL decides; then hosts; then names. A tie between platforms is no answer.
    """

    def by_url(m: PlatformMatcher) -> int:
        return sum(len(p.findall(latin_text)) for _, p in m.urls)

    def by_host(m: PlatformMatcher) -> int:
        return len(m.hosts.findall(latin_text)) if m.hosts else 0

    def by_name(m: PlatformMatcher) -> int:
        return len(m.aliases.findall(text)) if m.aliases else 0

    for weight_of in (by_url, by_host, by_name):
        scores = [(weight_of(m), m) for m in matchers]
        scores = [(s, m) for s, m in scores if s > 0]
        if scores:
            best = max(s for s, _ in scores)
            top = [m for s, m in scores if s == best]
            return top[0] if len(top) == 1 else None
    return None
