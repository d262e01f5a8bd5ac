"""The watched folder: stable files only, each file once, failures kept with their reason."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from flows.datafiles import Catalog
from flows.demo.evidence import coursera_certificate as certificate
from flows.demo.issuer_stand_in import Route, coursera_page, issuer_server, stand_in_verifier
from flows.intake.folders import Folders, Stability, is_junk
from flows.intake.inbox import Intake, Taken
from flows.store.db.models import CaseRow, EvidenceRow

TANU = str(Path(sys.executable).parent / "tanu")


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def intake(tmp_path: Path, catalog: Catalog, session: Session) -> Iterator[tuple[Intake, Clock]]:
    with issuer_server() as server, httpx.Client() as client:
        server.routes["/verify/QWERTY123456"] = Route(
            body=coursera_page("Aliya Saduakassova", "Machine Learning", "Nov 10, 2026")
        )
        verifier = stand_in_verifier(catalog, session, server.base, client)
        folders = Folders.under(tmp_path)
        folders.create()
        clock = Clock()
        yield Intake(catalog, session, verifier, folders, Stability(2.0, clock)), clock


def learner_dir(folders: Folders, learner: str = "L-0001") -> Path:
    folder = folders.inbox / "6B06101" / "MLB3215" / learner
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def hand_in(job: Intake, clock: Clock, file: Path, data: bytes) -> Taken:
    """``data`` written to ``file`` in the inbox and taken once it has stood still."""
    file.write_bytes(data)
    job.run_once()  # first sight
    clock.now += 3
    [taken] = job.run_once()
    return taken


def test_a_file_written_in_chunks_is_taken_only_when_complete(
    tmp_path: Path, intake: tuple[Intake, Clock], session: Session
) -> None:
    job, clock = intake
    whole = certificate(tmp_path / "src.pdf", "Aliya Saduakassova", "QWERTY123456").read_bytes()
    target = learner_dir(job.folders) / "cert.pdf"
    half = len(whole) // 2
    target.write_bytes(whole[:half])
    assert job.run_once() == []  # first sight
    clock.now += 5
    with target.open("ab") as fh:  # still being copied
        fh.write(whole[half:])
    assert job.run_once() == []
    clock.now += 1
    assert job.run_once() == []  # not yet stable long enough
    clock.now += 2
    [taken] = job.run_once()
    assert taken.outcome == "processed" and taken.reason == "verified"
    assert taken.where.parent.name == "L-0001" and taken.where.is_relative_to(job.folders.archive)
    assert not target.exists()
    case = session.get(CaseRow, taken.case_id)
    assert case is not None and case.component == "MLB3215"
    stored = list(job.folders.store.rglob("*.pdf"))
    assert len(stored) == 1 and stored[0].read_bytes() == whole


def test_the_same_file_twice_makes_one_case(
    tmp_path: Path, intake: tuple[Intake, Clock], session: Session
) -> None:
    job, clock = intake
    pdf = certificate(tmp_path / "src.pdf", "Aliya Saduakassova", "QWERTY123456")
    folder = learner_dir(job.folders)
    first = hand_in(job, clock, folder / "a.pdf", pdf.read_bytes())
    second = hand_in(job, clock, folder / "copy of a.pdf", pdf.read_bytes())
    assert (first.outcome, second.outcome) == ("processed", "duplicate")
    assert session.scalar(select(func.count()).select_from(CaseRow)) == 1
    assert session.scalar(select(func.count()).select_from(EvidenceRow)) == 1
    assert second.where.is_relative_to(job.folders.archive)


def test_a_file_checked_with_tanu_verify_is_taken_into_the_case(
    tmp_path: Path, intake: tuple[Intake, Clock], session: Session
) -> None:
    """`tanu verify` stores evidence with no case; the same file dropped into the inbox
    afterwards is taken into the learner's case, not set aside as a duplicate."""
    job, clock = intake
    pdf = certificate(tmp_path / "src.pdf", "Aliya Saduakassova", "QWERTY123456")
    checked = job.verifier.verify(pdf, "L-0001", "MLB3215")
    session.commit()
    assert session.get(EvidenceRow, checked.evidence_id).case_id is None  # type: ignore[union-attr]
    folder = learner_dir(job.folders)
    taken = hand_in(job, clock, folder / "cert.pdf", pdf.read_bytes())
    assert taken.outcome == "processed" and taken.case_id is not None
    evidence = session.scalars(select(EvidenceRow)).all()
    assert [(e.id, e.case_id) for e in evidence] == [(checked.evidence_id, taken.case_id)]
    again = hand_in(job, clock, folder / "again.pdf", pdf.read_bytes())  # now a duplicate
    assert again.outcome == "duplicate" and again.case_id == taken.case_id


def test_a_broken_file_fails_with_its_reason_and_the_others_go_on(
    tmp_path: Path, intake: tuple[Intake, Clock]
) -> None:
    job, clock = intake
    folder = learner_dir(job.folders)
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7 not really")
    certificate(folder / "good.pdf", "Aliya Saduakassova", "QWERTY123456")
    (folder / ".DS_Store").write_bytes(b"junk")
    (folder / "download.pdf.crdownload").write_bytes(b"partial")
    wrong = job.folders.inbox / "6B06101" / "MLB3215" / "L-9999"
    wrong.mkdir(parents=True)
    (wrong / "x.pdf").write_bytes(b"%PDF-1.4")
    moved = job.folders.inbox / "6B07201" / "FIL2101" / "L-0001"  # L-0001 studies 6B06101
    moved.mkdir(parents=True)
    (moved / "y.pdf").write_bytes(b"%PDF-1.4")
    job.run_once()
    clock.now += 3
    taken = {t.path.name: t for t in job.run_once()}
    assert set(taken) == {"broken.pdf", "good.pdf", "x.pdf", "y.pdf"}
    assert "put the file under inbox/6B06101/<component>/L-0001/" in taken["y.pdf"].reason
    assert taken["good.pdf"].outcome == "processed"
    broken = taken["broken.pdf"]
    assert broken.outcome == "failed" and broken.where.is_relative_to(job.folders.failed)
    reason = broken.where.with_name("broken.pdf.reason.txt").read_text(encoding="utf-8")
    assert "broken.pdf" in reason
    assert "no learner 'L-9999'" in taken["x.pdf"].reason
    assert (folder / ".DS_Store").exists() and (folder / "download.pdf.crdownload").exists()


def test_each_file_is_logged_with_learner_and_outcome_and_no_personal_data(
    tmp_path: Path, intake: tuple[Intake, Clock], caplog: pytest.LogCaptureFixture
) -> None:
    """The operator's log: one line per file with its name, the learner's id, the outcome and
    the case; never the learner's IIN or name, nor what was read from the certificate."""
    import logging

    job, clock = intake
    folder = learner_dir(job.folders)
    certificate(folder / "cert.pdf", "Aliya Saduakassova", "QWERTY123456")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7 not really")
    job.run_once()
    clock.now += 3
    with caplog.at_level(logging.DEBUG):
        taken = {t.path.name: t for t in job.run_once()}
    ours = ("flows", "extractors", "verifiers", "recognition")
    lines = [r.getMessage() for r in caplog.records if r.name.split(".")[0] in ours]
    case = taken["cert.pdf"].case_id
    assert f"intake: cert.pdf of L-0001: processed, case {case}" in lines, lines
    assert any(line.startswith("intake: broken.pdf of L-0001: failed") for line in lines)
    learner = job.catalog.learners["L-0001"]
    for text in (learner.iin, learner.full_name, "Saduakassova", "QWERTY123456"):
        assert not [line for line in lines if text in line], text


def test_junk() -> None:
    for name in (".DS_Store", "Thumbs.db", "~$report.docx", "a.pdf.part", "b.crdownload"):
        assert is_junk(Path(name))
    assert not is_junk(Path("certificate.pdf"))


def test_status_shows_cases_and_what_is_missing(tmp_path: Path) -> None:
    env = {**os.environ, "TANU_VAR_DIR": str(tmp_path)}
    env.pop("TANU_DATABASE_URL", None)
    folder = tmp_path / "inbox" / "6B06101" / "MLB3215" / "L-0001"
    folder.mkdir(parents=True)
    certificate(folder / "cert.pdf", "Aliya Saduakassova", "QWERTY123456")
    (folder / "manifest.yaml").write_text("purpose: full-replacement\n", encoding="utf-8")
    run = subprocess.run(
        [TANU, "intake", "--stable-seconds", "0.2"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert "processed" in run.stdout  # the issuer is unreachable here: the verdict is pending
    out = subprocess.run(
        [TANU, "status", "--learner", "L-0001", "--json"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    [case] = json.loads(out.stdout)
    assert case["component"] == "MLB3215" and case["status"] == "incomplete"
    missing = {(f["clause"], f["status"]) for f in case["open"]}
    assert ("5.2", "missing") in missing  # no application, no identity document copy
    assert ("4.4", "missing") not in missing  # the certificate that arrived counts
    assert ("1.1", "missing") not in missing  # and so does its platform
    assert case["evidence"][0]["verdict"] == "pending"
