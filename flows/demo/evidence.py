"""The demo's sample evidence: certificates written as files, an issuer stand-in that knows the
genuine ones, and a verdict for each through the same code as ``tanu verify``."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import httpx
from pypdf import PdfWriter
from rich.console import Console
from sqlalchemy.orm import Session

from flows.bench.textpdf import text_pdf
from flows.bench.words import Doc
from flows.cli.report import findings_table
from flows.datafiles import Catalog
from flows.demo.issuer_stand_in import (
    Route,
    coursera_page,
    issuer_server,
    stand_in_verifier,
    stepik_json,
)
from recognition.case import Purpose
from verifiers.fetch import FetchPolicy


@dataclass(frozen=True)
class Sample:
    file: str
    learner: str
    component: str
    purpose: Purpose
    note: str


def coursera_certificate(
    path: Path, name: str, ident: str, producer: str = "Skia/PDF m120"
) -> Path:
    """A Coursera course certificate as a text PDF, as the platform makes it."""
    text_pdf(
        Doc(
            [
                ("coursera", 20, "bold"),
                ("Nov 10, 2026", 12, "regular"),
                (name, 26, "bold"),
                ("has successfully completed", 13, "regular"),
                ("Machine Learning", 22, "bold"),
                (
                    "an online non-credit course authorized by Stanford University and offered "
                    "through Coursera",
                    10,
                    "regular",
                ),
                ("Verify at:", 9, "regular"),
                (f"coursera.org/verify/{ident}", 9, "regular"),
            ],
            {},
            style={"producer": producer},
        ),
        path,
        random.Random(1),
    )
    return path


def stepik_certificate(path: Path, name: str, ident: str, day: str) -> None:
    text_pdf(
        Doc(
            [
                ("Stepik", 20, "bold"),
                ("СЕРТИФИКАТ", 24, "bold"),
                ("Настоящим подтверждается, что", 12, "regular"),
                (name, 24, "bold"),
                ("успешно завершил(а) курс", 12, "regular"),
                ("«Программирование на Python»", 20, "bold"),
                (f"Дата выдачи: {day}", 11, "regular"),
                (f"Сертификат № {ident}", 10, "regular"),
                (f"https://stepik.org/cert/{ident}", 9, "regular"),
            ],
            {},
            style={"producer": "ReportLab PDF Library"},
        ),
        path,
        random.Random(2),
    )


def write_samples(folder: Path) -> list[Sample]:
    folder.mkdir(parents=True, exist_ok=True)
    coursera_certificate(folder / "coursera-saduakassova.pdf", "Aliya Saduakassova", "DEMO7K2M9Q4X")
    stepik_certificate(
        folder / "stepik-kim.pdf", "Ким Анастасия Сергеевна", "5550123", "10 ноября 2026 г."
    )
    # someone else's genuine certificate, the name changed in an office editor and re-saved
    edited = folder / "coursera-edited.pdf"
    coursera_certificate(edited, "Dmitriy Ivanov", "DEMO7K2M9Q4X", producer="LibreOffice 7.5")
    writer = PdfWriter(edited, incremental=True)
    writer.add_metadata({"/ModDate": "D:20261118120000Z"})
    writer.write(edited)
    return [
        Sample(
            "coursera-saduakassova.pdf",
            "L-0001",
            "MLB3215",
            Purpose.FULL_REPLACEMENT,
            "a genuine Coursera certificate",
        ),
        Sample(
            "stepik-kim.pdf",
            "L-0007",
            "PAY3215",
            Purpose.PARTIAL_REPLACEMENT,
            "a genuine Stepik certificate, for partial replacement (5.3)",
        ),
        Sample(
            "coursera-edited.pdf",
            "L-0012",
            "MLB3215",
            Purpose.FULL_REPLACEMENT,
            "another person's certificate with the name edited: the ID alone would pass",
        ),
        Sample(
            "coursera-saduakassova.pdf",
            "L-0002",
            "MLB3215",
            Purpose.FULL_REPLACEMENT,
            "the first learner's certificate handed in by another learner",
        ),
    ]


def verify_samples(catalog: Catalog, session: Session, folder: Path, console: Console) -> int:
    """Write the samples, start the stand-in issuer, verify each; the number of surprises."""
    samples = write_samples(folder)
    expected = ["verified", "verified", "refused", "refused"]
    surprises = 0
    with issuer_server() as server, httpx.Client() as client:
        server.routes["/verify/DEMO7K2M9Q4X"] = Route(
            body=coursera_page("Aliya Saduakassova", "Machine Learning", "Nov 10, 2026")
        )
        server.routes["/api/certificates/5550123"] = Route(
            body=stepik_json(
                "Ким Анастасия Сергеевна", "Программирование на Python", "2026-11-10", 100
            )
        )
        verifier = stand_in_verifier(
            catalog, session, server.base, client, FetchPolicy(min_interval=0.0, retries=0)
        )
        arrived = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
        for sample, want in zip(samples, expected, strict=True):
            result = verifier.verify(
                folder / sample.file, sample.learner, sample.component, sample.purpose, arrived
            )
            status = result.verdict.status.value
            console.print(
                f"[bold]{sample.file}[/] · {sample.learner} · {sample.note} · "
                f"verdict: [bold]{status}[/]"
            )
            console.print(findings_table(result.verdict.findings))
            if status != want:
                surprises += 1
                console.print(f"[bold red]unexpected:[/] verdict {status}, expected {want}")
    return surprises
