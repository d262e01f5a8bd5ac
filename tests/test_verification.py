"""One evidence file verified end to end: real PDFs, a local issuer, the database."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from pypdf import PdfReader, PdfWriter
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from extractors.pipeline import Extractor
from flows.bench.corpus import write_item
from flows.bench.screens import coursera_progress
from flows.datafiles import Catalog
from flows.demo.evidence import coursera_certificate as certificate
from flows.demo.issuer_stand_in import (
    IssuerServer,
    Route,
    coursera_page,
    issuer_server,
    stand_in_verifier,
)
from flows.intake.verification import Verifier
from flows.settings import Settings
from flows.store.db.models import EvidenceRow, IssuerCheckRow, VerdictRow
from recognition.case import Purpose
from recognition.findings import Status
from verifiers.fetch import FetchPolicy

TANU = str(Path(sys.executable).parent / "tanu")
ARRIVED = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)


@pytest.fixture
def server() -> Iterator[IssuerServer]:
    with issuer_server() as s:
        s.routes["/verify/QWERTY123456"] = Route(
            body=coursera_page("Aliya Saduakassova", "Machine Learning", "Nov 10, 2026")
        )
        yield s


@pytest.fixture
def verifier(catalog: Catalog, session: Session, server: IssuerServer) -> Iterator[Verifier]:
    with httpx.Client() as client:
        yield stand_in_verifier(
            catalog, session, server.base, client, FetchPolicy(min_interval=0, retries=0)
        )


def statuses(result: object) -> dict[str, Status]:
    return {f.rule: f.status for f in result.verdict.findings}  # type: ignore[attr-defined]


def test_a_genuine_certificate_is_verified_and_stored(
    tmp_path: Path, verifier: Verifier, session: Session, server: IssuerServer
) -> None:
    pdf = certificate(tmp_path / "cert.pdf", "Aliya Saduakassova", "QWERTY123456")
    result = verifier.verify(pdf, "L-0001", "MLB3215", Purpose.FULL_REPLACEMENT, ARRIVED)
    assert result.verdict.status.value == "verified", result.verdict.findings
    assert statuses(result) == {
        "evidence.kind": Status.OK,
        "issuer": Status.OK,
        "identity": Status.OK,
        "reuse": Status.OK,
        "tamper": Status.OK,
    }
    session.commit()
    row = session.get(EvidenceRow, result.evidence_id)
    assert row and row.certificate_id == "QWERTY123456" and row.arrived_at is not None
    assert session.scalar(select(func.count()).select_from(VerdictRow)) == 1
    # a second look uses the cached answer of the issuer
    verifier.verify(pdf, "L-0001", "MLB3215", Purpose.FULL_REPLACEMENT, ARRIVED)
    assert server.hits == ["/verify/QWERTY123456"]
    assert session.scalar(select(func.count()).select_from(IssuerCheckRow)) == 1


def test_an_edited_pdf_with_a_valid_id_is_refused_with_warnings(
    tmp_path: Path, verifier: Verifier
) -> None:
    """Someone else's real certificate, the name changed in an editor and saved again."""
    pdf = certificate(
        tmp_path / "edited.pdf", "Dana Umbetova", "QWERTY123456", producer="LibreOffice 7.5"
    )
    writer = PdfWriter(pdf, incremental=True)  # an edit appended to the file
    writer.add_metadata({"/ModDate": "D:20261118120000Z"})
    with (tmp_path / "edited.pdf").open("wb") as fh:
        writer.write(fh)
    assert len(PdfReader(pdf).pages) == 1
    result = verifier.verify(pdf, "L-0011", "MLB3215", Purpose.FULL_REPLACEMENT, ARRIVED)
    s = statuses(result)
    assert result.verdict.status.value == "refused"
    assert s["issuer"] is Status.REFUSED  # the issuer names another person
    assert s["identity"] is Status.OK  # the edited name matches: the ID check alone would pass
    assert s["tamper.editor"] is Status.WARNING and s["tamper.incremental"] is Status.WARNING


def test_reused_and_resubmitted_certificates(tmp_path: Path, verifier: Verifier) -> None:
    original = certificate(tmp_path / "a.pdf", "Aliya Saduakassova", "QWERTY123456")
    verifier.verify(original, "L-0001", "MLB3215", Purpose.FULL_REPLACEMENT, ARRIVED)
    again = verifier.verify(original, "L-0001", "MLB3215", Purpose.FULL_REPLACEMENT, ARRIVED)
    assert statuses(again)["reuse.same-evidence"] is Status.OK
    copy = certificate(tmp_path / "b.pdf", "Yerlan Zhumabekov", "QWERTY123456")
    reused = verifier.verify(copy, "L-0002", "MLB3215", Purpose.FULL_REPLACEMENT, ARRIVED)
    assert statuses(reused)["reuse"] is Status.REFUSED
    assert reused.verdict.status.value == "refused"


def test_reuse_is_the_later_submitters_never_the_first_holders(
    tmp_path: Path, verifier: Verifier
) -> None:
    """Learner A's verified certificate, then learner B's copy of the same file: B's is the
    reuse; A's checked again (the nightly run) stays as it was, the later copy noted."""
    original = certificate(tmp_path / "a.pdf", "Aliya Saduakassova", "QWERTY123456")
    first = verifier.verify(original, "L-0001", "MLB3215", Purpose.FULL_REPLACEMENT, ARRIVED)
    assert first.verdict.status.value != "refused"
    copy = tmp_path / "b.pdf"
    copy.write_bytes(original.read_bytes())
    later = ARRIVED + timedelta(days=2)
    reused = verifier.verify(copy, "L-0002", "MLB3215", Purpose.FULL_REPLACEMENT, later)
    assert statuses(reused)["reuse"] is Status.REFUSED
    again = verifier.verify(original, "L-0001", "MLB3215", Purpose.FULL_REPLACEMENT, ARRIVED)
    assert statuses(again)["reuse.later-copy"] is Status.OK
    assert "reuse" not in statuses(again)
    assert again.verdict.status == first.verdict.status
    # B's checked again is still the reuse: the order of arrival decides, not of checking
    twice = verifier.verify(copy, "L-0002", "MLB3215", Purpose.FULL_REPLACEMENT, later)
    assert statuses(twice)["reuse"] is Status.REFUSED


def test_unreachable_issuer_leaves_the_verdict_pending(
    tmp_path: Path, catalog: Catalog, session: Session
) -> None:
    settings = Settings.from_env({})
    extractor = Extractor(list(catalog.platforms.values()))
    verifier = Verifier(catalog, session, extractor, None, timedelta(days=7), settings.day_of)
    pdf = certificate(tmp_path / "c.pdf", "Aliya Saduakassova", "QWERTY123456")
    result = verifier.verify(pdf, "L-0001", "MLB3215", Purpose.FULL_REPLACEMENT, ARRIVED)
    assert statuses(result)["issuer"] is Status.PENDING
    assert result.verdict.status.value == "pending"


@pytest.mark.skipif(__import__("shutil").which("tesseract") is None, reason="no Tesseract")
def test_screenshot_progress_against_the_syllabus_checkpoints(
    tmp_path: Path, verifier: Verifier
) -> None:
    """Submitted 20.11.2026: the 15.11 checkpoint asks 60% of MLB3215."""
    rng = random.Random(3)
    low = coursera_progress(rng)
    low.lines = [
        (
            t.replace(t, "Course progress: 45% complete") if "progress" in t.lower() else t,
            size,
            style,
        )
        for t, size, style in low.lines
    ]
    shot = write_item(tmp_path, "progress", "screenshot", low, rng)
    result = verifier.verify(shot.path, "L-0001", "MLB3215", Purpose.PARTIAL_REPLACEMENT, ARRIVED)
    assert statuses(result)["deadline.progress"] is Status.REFUSED
    assert "60%" in next(
        f.reason_en for f in result.verdict.findings if f.rule == "deadline.progress"
    )


def test_tanu_verify_json(tmp_path: Path, server: IssuerServer, catalog: Catalog) -> None:
    pdf = certificate(tmp_path / "cert.pdf", "Aliya Saduakassova", "QWERTY123456")
    hosts = [h for p in catalog.platforms.values() for h in p.hosts]
    env = {
        **os.environ,
        "TANU_VAR_DIR": str(tmp_path),
        "TANU_ISSUER_STAND_INS": ",".join(f"{h}={server.base}" for h in hosts),
    }
    env.pop("TANU_DATABASE_URL", None)
    out = subprocess.run(
        [TANU, "verify", str(pdf), "--learner", "L-0001", "--component", "MLB3215", "--json"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["status"] == "verified" and data["issuer"]["outcome"] == "verified"
    assert {c["rule"] for c in data["checks"]} >= {"issuer", "identity", "reuse", "tamper"}
    table = subprocess.run(
        [TANU, "verify", str(pdf), "--learner", "L-0001"],
        capture_output=True,
        text=True,
        env={**env, "COLUMNS": "150"},
        check=False,
    )
    assert table.returncode == 0 and "verdict: verified" in table.stdout
