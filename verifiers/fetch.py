"""Fetching issuer pages safely (httpx, given by the caller; no global state).

- Only the platform's own hosts (platforms.yaml) are contacted, and a redirect is followed only
  to another of them (a Coursera check never ends on another platform's page).
- An address that resolves to a private, loopback, link-local or otherwise non-public IP is
  refused, unless a *stand-in* is configured for that host explicitly (tests, the demo). The
  address checked is the address connected to (the name is not resolved a second time, so a
  DNS answer that changes in between cannot redirect the request); TLS still verifies the
  certificate against the host's name.
- Explicit timeouts and a total deadline per request (retries, redirects and a slow drip of
  bytes included); bounded retries with exponential backoff on network errors and 5xx; a
  per-host minimum interval; a cap on the response size: an answer over it is not retried, it
  is checked by hand.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx


class FetchRefused(Exception):
    """The request was not made: the host or address is not allowed. Not retried."""


class FetchUnusable(FetchRefused):
    """The issuer answered with something tanu cannot check (too large); asking again would
    give the same: not retried, checked by hand."""


class FetchFailed(Exception):
    """The issuer could not be reached or answered badly; try again later."""


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    connect_timeout: float = 5.0
    read_timeout: float = 10.0
    retries: int = 2  # after the first try
    backoff: float = 0.5  # seconds before the first retry, doubled each time
    min_interval: float = 1.0  # seconds between two requests to one host
    max_bytes: int = 2_000_000
    max_redirects: int = 3
    total_seconds: float = 30.0  # one request, its retries and redirects, ends by then


@dataclass(frozen=True, slots=True)
class Target:
    """Where a request goes: the URL to connect to (the checked IP, or a stand-in) and the
    host's name for the Host header and TLS (None: the URL's own)."""

    url: str
    host: str | None = None


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str  # the canonical URL finally answered (after redirects)
    status: int
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")


Resolver = Callable[[str], list[str]]


def resolve(host: str) -> list[str]:
    try:
        return sorted({str(info[4][0]) for info in socket.getaddrinfo(host, 443)})
    except socket.gaierror as exc:
        raise FetchFailed(f"{host}: cannot be resolved ({exc})") from exc


@dataclass
class IssuerFetcher:
    client: httpx.Client
    allowed_hosts: frozenset[str]
    stand_ins: Mapping[str, str] = field(default_factory=dict)  # host → http://127.0.0.1:port
    policy: FetchPolicy = field(default_factory=FetchPolicy)
    resolver: Resolver = resolve
    sleep: Callable[[float], None] = time.sleep
    _last: dict[str, float] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def get(self, url: str, hosts: frozenset[str] | None = None) -> Fetched:
        """GET ``url`` under the rules above; 404 is an answer, not an error. ``hosts``: the
        platform's own hosts, the only ones this request and its redirects may reach."""
        allowed = self.allowed_hosts if hosts is None else self.allowed_hosts & hosts
        deadline = time.monotonic() + self.policy.total_seconds
        current = url
        for _ in range(self.policy.max_redirects + 1):
            response = self._with_retries(current, allowed, deadline)
            if response.status in (301, 302, 303, 307, 308):
                location = response.body.decode("latin-1")
                current = urljoin(current, location)
                continue
            return Fetched(current, response.status, response.body)
        raise FetchFailed(f"{url}: more than {self.policy.max_redirects} redirects")

    # -- steps --------------------------------------------------------------------------
    def _target(self, url: str, allowed: frozenset[str]) -> Target:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        if host not in allowed:
            raise FetchRefused(f"{host or url!r} is not an allowed issuer host")
        stand_in = self.stand_ins.get(host)
        if stand_in is not None:  # configured explicitly: loopback allowed for this host only
            base = urlsplit(stand_in)
            return Target(urlunsplit((base.scheme, base.netloc, parts.path, parts.query, "")))
        if parts.scheme != "https":
            raise FetchRefused(f"{url}: issuers are contacted over https only")
        addresses = [ipaddress.ip_address(a) for a in self.resolver(host)]
        for ip in addresses:
            if not ip.is_global:
                raise FetchRefused(f"{host} resolves to a non-public address ({ip})")
        if not addresses:
            raise FetchFailed(f"{host}: no address")
        ip = addresses[0]
        netloc = f"[{ip}]" if ip.version == 6 else str(ip)
        if parts.port:
            netloc += f":{parts.port}"
        pinned = urlunsplit((parts.scheme, netloc, parts.path, parts.query, ""))
        return Target(pinned, host)

    def _pace(self, host: str) -> None:
        with self._lock:
            wait = self._last.get(host, -1e9) + self.policy.min_interval - time.monotonic()
            self._last[host] = time.monotonic() + max(0.0, wait)
        if wait > 0:
            self.sleep(wait)

    def _with_retries(self, url: str, allowed: frozenset[str], deadline: float) -> Fetched:
        target = self._target(url, allowed)
        host = urlsplit(url).hostname or ""
        delay = self.policy.backoff
        last: Exception | None = None
        for attempt in range(self.policy.retries + 1):
            if attempt:
                self.sleep(delay)
                delay *= 2
            if time.monotonic() >= deadline:
                last = FetchFailed(f"no answer within {self.policy.total_seconds:g} s")
                break
            self._pace(host)
            try:
                fetched = self._once(target, deadline)
            except (httpx.TransportError, FetchFailed) as exc:
                last = exc
                continue
            if fetched.status >= 500:
                last = FetchFailed(f"{url}: the issuer answered {fetched.status}")
                continue
            if fetched.status in (301, 302, 303, 307, 308):
                location = urljoin(url, fetched.body.decode("latin-1"))
                self._target(location, allowed)  # refuse a redirect off the hosts now
                return Fetched(url, fetched.status, location.encode("latin-1"))
            return Fetched(url, fetched.status, fetched.body)
        raise FetchFailed(f"{url}: {last}") from last

    def _once(self, target: Target, deadline: float) -> Fetched:
        left = max(0.1, deadline - time.monotonic())
        timeout = httpx.Timeout(
            min(self.policy.read_timeout, left), connect=min(self.policy.connect_timeout, left)
        )
        headers = {"Host": target.host} if target.host else None
        extensions = {"sni_hostname": target.host} if target.host else None
        with self.client.stream(
            "GET",
            target.url,
            headers=headers,
            extensions=extensions,
            timeout=timeout,
            follow_redirects=False,
        ) as r:
            if r.status_code in (301, 302, 303, 307, 308):
                return Fetched(
                    target.url,
                    r.status_code,
                    r.headers.get("location", "").encode("latin-1", errors="replace"),
                )
            size = int(r.headers.get("content-length") or 0)
            if size > self.policy.max_bytes:
                raise FetchUnusable(f"the answer is {size} bytes, over {self.policy.max_bytes}")
            body = bytearray()
            for chunk in r.iter_bytes():
                body += chunk
                if len(body) > self.policy.max_bytes:
                    raise FetchUnusable(f"the answer is over {self.policy.max_bytes} bytes")
                if time.monotonic() > deadline:  # a drip of bytes never trips the read timeout
                    raise FetchFailed(
                        f"the answer did not end within {self.policy.total_seconds:g} s"
                    )
            return Fetched(target.url, r.status_code, bytes(body))
