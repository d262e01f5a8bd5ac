"""A stand-in issuer on 127.0.0.1 serving pages shaped like the issuers' own.

For the tests and the demo only: tanu never contacts a loopback address unless such a stand-in
is configured for a host explicitly (``TANU_ISSUER_STAND_INS``).
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


@dataclass
class Route:
    status: int = 200
    body: str | bytes = ""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    fail_first: int = 0  # answer 500 this many times first
    drip: float = 0.0  # seconds between single bytes of the body (an issuer that stalls)


@dataclass
class IssuerServer:
    base: str
    routes: dict[str, Route]
    hits: list[str]


def coursera_page(name: str, course: str, day: str) -> str:
    return (
        f"<html><body><h2>Course Certificate</h2><p>Completed by {name} on {day}</p>"
        f'<p><a href="https://www.coursera.org/learn/x">{course}</a></p>'
        "<p>Coursera certifies their successful completion.</p></body></html>"
    )


def edx_page(name: str, course: str, day: str) -> str:
    return (
        f'<html><body><span class="accomplishment-recipient hd-1">{name}</span>'
        f'<span class="accomplishment-course-name">{course}</span>'
        f"<dl><dt>Issued On</dt><dd>{day}</dd></dl></body></html>"
    )


def stepik_json(name: str, course: str, day: str, grade: int) -> str:
    return json.dumps(
        {
            "certificates": [
                {
                    "id": 1,
                    "saved_fullname": name,
                    "course_title": course,
                    "issue_date": f"{day}T10:00:00Z",
                    "grade": grade,
                }
            ]
        }
    )


def udemy_page(name: str, course: str, day: str) -> str:
    return (
        f"<html><head><meta name='description' content='x'></head><body><p>This is to "
        f"certify that {name} successfully completed {course} online course on {day}</p>"
        "</body></html>"
    )


class StandInCertificate(BaseModel):
    """A certificate the stand-in confirms, as its issuer's page would (``tanu stand-in``)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    platform: Literal["coursera", "edx", "stepik", "udemy"]
    id: str = Field(min_length=4)
    learner: str = Field(min_length=2)
    course: str = Field(min_length=2)
    issued_on: date
    grade: int = Field(default=100, ge=0, le=100)  # Stepik's answer carries it

    def page(self) -> str:
        day = self.issued_on
        if self.platform == "coursera":
            return coursera_page(self.learner, self.course, day.strftime("%b %d, %Y"))
        if self.platform == "edx":
            return edx_page(self.learner, self.course, day.strftime("%B %d, %Y"))
        if self.platform == "stepik":
            return stepik_json(self.learner, self.course, day.isoformat(), self.grade)
        return udemy_page(self.learner, self.course, day.strftime("%b. %d, %Y"))


class StandInFile(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    certificates: list[StandInCertificate] = Field(min_length=1)


DEMO_CERTIFICATES = [  # those of the demo's inbox (flows.demo.pipeline.build_inbox)
    StandInCertificate(
        platform="coursera",
        id="DEMOINZHU026",
        learner="Inzhu Abdirakhmanova",
        course="Machine Learning",
        issued_on=date(2026, 11, 10),
    ),
    StandInCertificate(
        platform="stepik",
        id="5550777",
        learner="Үмбетова Дана Ержанқызы",
        course="Программирование на Python",
        issued_on=date(2026, 11, 12),
        grade=95,
    ),
]


def answering(
    certificates: Sequence[StandInCertificate], delay: float = 0.0
) -> Callable[[str], Route | None]:
    """Routes by certificate ID: a request whose address ends with a known ID gets that
    certificate's page, whatever path its platform's check uses, after ``delay`` seconds (an
    issuer's latency)."""
    pages = {c.id: Route(body=c.page(), delay=delay) for c in certificates}

    def answer(path: str) -> Route | None:
        last = path.split("?")[0].rstrip("/").rsplit("/", 1)[-1]
        return pages.get(last)

    return answer


@contextmanager
def issuer_server(
    port: int = 0, answer: Callable[[str], Route | None] | None = None
) -> Iterator[IssuerServer]:
    """The stand-in on 127.0.0.1 (``port`` 0: any free one); ``routes`` by exact path first,
    then ``answer``."""
    routes: dict[str, Route] = {}
    hits: list[str] = []
    counts: dict[str, int] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            route = routes.get(self.path) or (answer(self.path) if answer else None)
            if route is None:
                self.send_response(404)
                self.end_headers()
                return
            counts[self.path] = counts.get(self.path, 0) + 1
            if route.delay:
                time.sleep(route.delay)
            if counts[self.path] <= route.fail_first:
                self.send_response(500)
                self.end_headers()
                return
            body = route.body.encode() if isinstance(route.body, str) else route.body
            self.send_response(route.status)
            for k, v in route.headers.items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            with suppress(BrokenPipeError, ConnectionResetError):
                if not route.drip:
                    self.wfile.write(body)
                for byte in body if route.drip else b"":
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(route.drip)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield IssuerServer(f"http://127.0.0.1:{server.server_address[1]}", routes, hits)
    finally:
        server.shutdown()
        server.server_close()


def stand_in_verifier(
    catalog: Any, session: Any, base: str, client: Any, policy: Any = None
) -> Any:
    """A Verifier whose every issuer host is the stand-in at ``base`` (tests and the demo)."""
    from extractors.pipeline import Extractor, ExtractSettings
    from flows.intake.verification import Verifier, issuer_max_age, make_fetcher
    from flows.settings import Settings
    from verifiers.fetch import FetchPolicy

    hosts = [h for p in catalog.platforms.values() for h in p.hosts]
    settings = Settings.from_env({"TANU_ISSUER_STAND_INS": ",".join(f"{h}={base}" for h in hosts)})
    fetcher = make_fetcher(catalog, settings, client, policy or FetchPolicy(min_interval=0))
    limits = settings.extraction.limits()
    extractor = Extractor(list(catalog.platforms.values()), ExtractSettings.within(limits))
    return Verifier(catalog, session, extractor, fetcher, issuer_max_age(settings), settings.day_of)
