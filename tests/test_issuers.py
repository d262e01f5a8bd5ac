"""Issuer checks over real HTTP, against local servers shaped like the issuers' pages."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

import httpx
import pytest

from flows.datafiles import Catalog
from flows.demo.issuer_stand_in import (
    IssuerServer,
    Route,
    coursera_page,
    edx_page,
    issuer_server,
    stepik_json,
    udemy_page,
)
from recognition.catalog import Platform
from verifiers.fetch import FetchPolicy, FetchRefused, IssuerFetcher
from verifiers.issuers import Claim, IssuerOutcome, check_issuer

NAME, LATIN = "Сәдуақасова Әлия Нұрланқызы", "SADUAKASSOVA ALIYA"
FAST = FetchPolicy(
    connect_timeout=1, read_timeout=0.5, retries=2, backoff=0.01, min_interval=0.0, max_bytes=50_000
)


@pytest.fixture
def server() -> Iterator[IssuerServer]:
    with issuer_server() as s:
        yield s


def fetcher_for(
    catalog: Catalog, server: IssuerServer, policy: FetchPolicy = FAST, **kw: object
) -> IssuerFetcher:
    hosts = frozenset(h for p in catalog.platforms.values() for h in p.hosts)
    stand_ins = {h: server.base for h in hosts if h not in ("courses.openedu.kz",)}
    return IssuerFetcher(httpx.Client(), hosts, stand_ins, policy, **kw)  # type: ignore[arg-type]


def claim(url: str, ident: str, **kw: object) -> Claim:
    base: dict[str, object] = dict(
        certificate_id=ident,
        check_url=url,
        learner_name="Aliya Saduakassova",
        course_title="Machine Learning",
        issued_on=date(2024, 8, 30),
        grade_percent=None,
        record_full_name=NAME,
        record_latin=LATIN,
    )
    base.update(kw)
    return Claim(**base)  # type: ignore[arg-type]


def coursera(catalog: Catalog) -> Platform:
    return catalog.platforms["coursera"]


def test_coursera_verified_and_cached_shape(catalog: Catalog, server: IssuerServer) -> None:
    server.routes["/verify/ABCDEF123456"] = Route(
        body=coursera_page("Aliya Saduakassova", "Machine Learning", "Aug 30, 2024")
    )
    result = check_issuer(
        fetcher_for(catalog, server),
        coursera(catalog),
        claim("https://coursera.org/verify/ABCDEF123456", "ABCDEF123456"),
    )
    assert result.outcome is IssuerOutcome.VERIFIED, result
    assert result.record and result.record.name == "Aliya Saduakassova"
    assert server.hits == ["/verify/ABCDEF123456"]  # built from the ID, on the canonical path


def test_an_edited_pdf_keeping_a_valid_id_is_a_mismatch(
    catalog: Catalog, server: IssuerServer
) -> None:
    """The document shows our learner, but the ID belongs to someone else's certificate."""
    server.routes["/verify/ABCDEF123456"] = Route(
        body=coursera_page("Dana Umbetova", "Machine Learning", "Aug 30, 2024")
    )
    result = check_issuer(
        fetcher_for(catalog, server),
        coursera(catalog),
        claim("https://coursera.org/verify/ABCDEF123456", "ABCDEF123456"),
    )
    assert result.outcome is IssuerOutcome.MISMATCH
    assert any(d.startswith("learner") for d in result.differences)


def test_coursera_not_found(catalog: Catalog, server: IssuerServer) -> None:
    result = check_issuer(
        fetcher_for(catalog, server),
        coursera(catalog),
        claim("https://coursera.org/verify/ZZZZZZ999999", "ZZZZZZ999999"),
    )
    assert result.outcome is IssuerOutcome.NOT_FOUND


def test_an_ocr_ambiguous_id_is_found_under_one_of_its_alternates(
    catalog: Catalog, server: IssuerServer
) -> None:
    """Issue 9: O/0 read wrong; the issuer is asked for the flagged readings before not-found."""
    server.routes["/verify/ABC0EF123456"] = Route(
        body=coursera_page("Aliya Saduakassova", "Machine Learning", "Aug 30, 2024")
    )
    result = check_issuer(
        fetcher_for(catalog, server),
        coursera(catalog),
        claim("https://coursera.org/verify/ABCOEF123456", "ABCOEF123456"),
        alternates=["ABCOEF12345G", "ABC0EF123456"],
    )
    assert result.outcome is IssuerOutcome.VERIFIED, result
    assert "ABC0EF123456" in result.reason
    assert server.hits == [
        "/verify/ABCOEF123456",
        "/verify/ABCOEF12345G",
        "/verify/ABC0EF123456",
    ]


def test_alternates_are_asked_at_most_four_times(catalog: Catalog, server: IssuerServer) -> None:
    alternates = [f"ZZZZZZ99999{i}" for i in range(8)]
    result = check_issuer(
        fetcher_for(catalog, server),
        coursera(catalog),
        claim("https://coursera.org/verify/ZZZZZZ999999", "ZZZZZZ999999"),
        alternates=alternates,
    )
    assert result.outcome is IssuerOutcome.NOT_FOUND
    assert len(server.hits) == 5  # the reading itself and four alternates


def test_edx_verified_and_course_mismatch(catalog: Catalog, server: IssuerServer) -> None:
    ident = "0123456789abcdef0123456789abcdef"
    server.routes[f"/certificates/{ident}"] = Route(
        body=edx_page("Aliya Saduakassova", "Data Science: R Basics", "August 30, 2024")
    )
    url = f"https://courses.edx.org/certificates/{ident}"
    edx = catalog.platforms["edx"]
    ok = check_issuer(
        fetcher_for(catalog, server),
        edx,
        claim(url, ident, course_title="PH125.1x: Data Science: R Basics"),
    )
    assert ok.outcome is IssuerOutcome.VERIFIED, ok
    bad = check_issuer(
        fetcher_for(catalog, server), edx, claim(url, ident, course_title="Statistics and R")
    )
    assert bad.outcome is IssuerOutcome.MISMATCH and bad.differences[0].startswith("course")


def test_stepik_json_api_with_grade(catalog: Catalog, server: IssuerServer) -> None:
    server.routes["/api/certificates/1234567"] = Route(
        body=stepik_json("Сәдуақасова Әлия", "Основы статистики", "2024-11-25", 92),
        headers={"Content-Type": "application/json"},
    )
    stepik = catalog.platforms["stepik"]
    url = "https://stepik.org/cert/1234567"
    c = claim(
        url,
        "1234567",
        learner_name="Сәдуақасова Әлия",
        course_title="Основы статистики",
        issued_on=date(2024, 11, 25),
        grade_percent=92.0,
    )
    assert check_issuer(fetcher_for(catalog, server), stepik, c).outcome is IssuerOutcome.VERIFIED
    wrong = check_issuer(
        fetcher_for(catalog, server),
        stepik,
        claim(
            url,
            "1234567",
            learner_name="Сәдуақасова Әлия",
            course_title="Основы статистики",
            issued_on=date(2024, 11, 25),
            grade_percent=100.0,
        ),
    )
    assert wrong.outcome is IssuerOutcome.MISMATCH and "grade" in wrong.differences[0]
    assert (
        check_issuer(
            fetcher_for(catalog, server), stepik, claim("https://stepik.org/cert/7", "7")
        ).outcome
        is IssuerOutcome.NOT_FOUND
    )


def test_udemy_redirect_within_its_hosts(catalog: Catalog, server: IssuerServer) -> None:
    ident = "UC-0a1b2c3d-1111-2222-3333-444455556666"
    server.routes[f"/{ident}"] = Route(
        status=302, headers={"Location": f"https://www.udemy.com/certificate/{ident}/"}
    )
    server.routes[f"/certificate/{ident}/"] = Route(
        body=udemy_page("Aliya Saduakassova", "Machine Learning", "Aug. 30, 2024")
    )
    result = check_issuer(
        fetcher_for(catalog, server),
        catalog.platforms["udemy"],
        claim(f"https://ude.my/{ident}", ident),
    )
    assert result.outcome is IssuerOutcome.VERIFIED, result
    assert server.hits == [f"/{ident}", f"/certificate/{ident}/"]


def test_a_redirect_to_another_host_is_refused(catalog: Catalog, server: IssuerServer) -> None:
    server.routes["/verify/ABCDEF123456"] = Route(
        status=302, headers={"Location": "https://coursera-verify.example.com/ABCDEF123456"}
    )
    result = check_issuer(
        fetcher_for(catalog, server),
        coursera(catalog),
        claim("https://coursera.org/verify/ABCDEF123456", "ABCDEF123456"),
    )
    assert result.outcome is IssuerOutcome.REFUSED
    assert "not an allowed issuer host" in result.reason


def test_private_and_loopback_addresses_are_refused(catalog: Catalog) -> None:
    hosts = frozenset({"coursera.org", "localhost"})
    for address in ("10.0.0.5", "127.0.0.1", "169.254.169.254", "192.168.1.10", "::1"):

        def resolver(host: str, a: str = address) -> list[str]:
            return [a]

        f = IssuerFetcher(httpx.Client(), hosts, {}, FAST, resolver=resolver)
        with pytest.raises(FetchRefused, match="non-public"):
            f.get("https://coursera.org/verify/ABCDEF123456")
    # the real resolver on a loopback name, and a host outside the list: refused, not contacted
    with pytest.raises(FetchRefused):
        IssuerFetcher(httpx.Client(), hosts).get("https://localhost/verify/X")
    with pytest.raises(FetchRefused, match="not an allowed"):
        IssuerFetcher(httpx.Client(), hosts).get("https://example.com/")


def test_slow_issuer_is_unreachable_after_bounded_retries(
    catalog: Catalog, server: IssuerServer
) -> None:
    server.routes["/verify/ABCDEF123456"] = Route(body="late", delay=1.5)
    sleeps: list[float] = []
    result = check_issuer(
        fetcher_for(catalog, server, sleep=sleeps.append),
        coursera(catalog),
        claim("https://coursera.org/verify/ABCDEF123456", "ABCDEF123456"),
    )
    assert result.outcome is IssuerOutcome.UNREACHABLE
    assert server.hits.count("/verify/ABCDEF123456") == 3  # the try and two retries
    assert sleeps == [0.01, 0.02]  # exponential backoff


def test_a_failing_issuer_is_retried(catalog: Catalog, server: IssuerServer) -> None:
    server.routes["/verify/ABCDEF123456"] = Route(
        body=coursera_page("Aliya Saduakassova", "Machine Learning", "Aug 30, 2024"), fail_first=2
    )
    result = check_issuer(
        fetcher_for(catalog, server, sleep=lambda s: None),
        coursera(catalog),
        claim("https://coursera.org/verify/ABCDEF123456", "ABCDEF123456"),
    )
    assert result.outcome is IssuerOutcome.VERIFIED


def test_an_oversized_answer_is_cut_off_and_not_asked_again(
    catalog: Catalog, server: IssuerServer
) -> None:
    server.routes["/verify/ABCDEF123456"] = Route(body=b"x" * 200_000)
    result = check_issuer(
        fetcher_for(catalog, server, sleep=lambda s: None),
        coursera(catalog),
        claim("https://coursera.org/verify/ABCDEF123456", "ABCDEF123456"),
    )
    assert result.outcome is IssuerOutcome.UNUSABLE and "bytes" in result.reason
    assert server.hits == ["/verify/ABCDEF123456"]  # the same answer again would not help


def test_a_redirect_to_another_platform_is_refused(catalog: Catalog, server: IssuerServer) -> None:
    """Both hosts are on the list, but a Coursera check ends only on Coursera's hosts."""
    server.routes["/verify/ABCDEF123456"] = Route(
        status=302, headers={"Location": "https://www.udemy.com/certificate/UC-1A2B3C4D/"}
    )
    result = check_issuer(
        fetcher_for(catalog, server),
        coursera(catalog),
        claim("https://coursera.org/verify/ABCDEF123456", "ABCDEF123456"),
    )
    assert result.outcome is IssuerOutcome.REFUSED and "www.udemy.com" in result.reason
    assert server.hits == ["/verify/ABCDEF123456"]


def test_a_slow_drip_is_cut_at_the_total_deadline(catalog: Catalog, server: IssuerServer) -> None:
    """One byte every 0.2 s never trips a 1-second read timeout; the total deadline ends it."""
    import time

    server.routes["/verify/ABCDEF123456"] = Route(body=b"x" * 100, drip=0.2)
    policy = FetchPolicy(read_timeout=1.0, retries=2, backoff=0.01, total_seconds=1.5)
    started = time.monotonic()
    result = check_issuer(
        fetcher_for(catalog, server, policy, sleep=lambda s: None),
        coursera(catalog),
        claim("https://coursera.org/verify/ABCDEF123456", "ABCDEF123456"),
    )
    assert result.outcome is IssuerOutcome.UNREACHABLE and "1.5 s" in result.reason
    assert time.monotonic() - started < 3.0


def test_per_host_rate_limit(catalog: Catalog, server: IssuerServer) -> None:
    server.routes["/verify/ABCDEF123456"] = Route(
        body=coursera_page("Aliya Saduakassova", "Machine Learning", "Aug 30, 2024")
    )
    sleeps: list[float] = []
    f = fetcher_for(catalog, server, FetchPolicy(min_interval=5.0), sleep=sleeps.append)
    f.get("https://coursera.org/verify/ABCDEF123456")
    f.get("https://coursera.org/verify/ABCDEF123456")
    assert len(sleeps) == 1 and 4.5 < sleeps[0] <= 5.0


def test_a_platform_without_an_online_check(catalog: Catalog, server: IssuerServer) -> None:
    result = check_issuer(
        fetcher_for(catalog, server),
        catalog.platforms["futurelearn"],
        claim("https://www.futurelearn.com/certificates/abc", "abc"),
    )
    assert result.outcome is IssuerOutcome.UNSUPPORTED and server.hits == []


UDEMY_ID = "UC-0a1b2c3d-1111-2222-3333-444455556666"
EDX_ID = "0123456789abcdef0123456789abcdef"
# platform: (certificate id, canonical url, path the issuer answers on, page builder)
SHAPES: dict[str, tuple[str, str, str, Callable[[str], str]]] = {
    "coursera": (
        "ABCDEF123456",
        "https://coursera.org/verify/ABCDEF123456",
        "/verify/ABCDEF123456",
        lambda name: coursera_page(name, "Machine Learning", "Aug 30, 2024"),
    ),
    "edx": (
        EDX_ID,
        f"https://courses.edx.org/certificates/{EDX_ID}",
        f"/certificates/{EDX_ID}",
        lambda name: edx_page(name, "Machine Learning", "August 30, 2024"),
    ),
    "stepik": (
        "1234567",
        "https://stepik.org/cert/1234567",
        "/api/certificates/1234567",
        lambda name: stepik_json(name, "Machine Learning", "2024-08-30", 90),
    ),
    "udemy": (
        UDEMY_ID,
        f"https://ude.my/{UDEMY_ID}",
        f"/{UDEMY_ID}",
        lambda name: udemy_page(name, "Machine Learning", "Aug. 30, 2024"),
    ),
}


@pytest.mark.parametrize("platform", sorted(SHAPES))
@pytest.mark.parametrize("outcome", ["verified", "mismatch", "not-found", "unreachable"])
def test_every_outcome_for_every_adapter(
    catalog: Catalog, server: IssuerServer, platform: str, outcome: str
) -> None:
    ident, url, path, page = SHAPES[platform]
    if outcome == "verified":
        server.routes[path] = Route(body=page("Aliya Saduakassova"))
    elif outcome == "mismatch":  # the real holder of this certificate is someone else
        server.routes[path] = Route(body=page("Ким Анастасия"))
    elif outcome == "unreachable":
        server.routes[path] = Route(body="down", fail_first=10)
    result = check_issuer(
        fetcher_for(catalog, server, sleep=lambda s: None),
        catalog.platforms[platform],
        claim(url, ident),
    )
    assert result.outcome.value == outcome, result
    if outcome == "mismatch":
        assert result.differences and result.differences[0].startswith("learner")


def test_the_checked_address_is_the_one_connected_to() -> None:
    """DNS rebinding: the name resolves to a public address when checked and to a private one
    a moment later. The request goes to the address that was checked — httpx never resolves
    the name again — with the host's name in the Host header and for TLS (SNI and the
    certificate check). The transport records the request instead of sending it: no network."""
    answers = [["93.184.216.34"], ["127.0.0.1"]]
    asked: list[str] = []

    def resolver(host: str) -> list[str]:
        asked.append(host)
        return answers[min(len(asked) - 1, 1)]

    seen: list[httpx.Request] = []

    def transport(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, text="ok")

    client = httpx.Client(transport=httpx.MockTransport(transport))
    hosts = frozenset({"coursera.org"})
    f = IssuerFetcher(client, hosts, {}, FAST, resolver=resolver)
    assert f.get("https://coursera.org/verify/ABCDEF123456").status == 200
    [request] = seen
    assert asked == ["coursera.org"]
    assert request.url.host == "93.184.216.34" and request.url.path == "/verify/ABCDEF123456"
    assert request.headers["host"] == "coursera.org"
    assert request.extensions["sni_hostname"] == "coursera.org"
    with pytest.raises(FetchRefused, match="non-public"):  # the next request sees the rebinding
        f.get("https://coursera.org/verify/ABCDEF123456")
