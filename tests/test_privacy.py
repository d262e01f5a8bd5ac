"""A learner's personal data, through real intake: `tanu learner export` gives everything held;
`tanu learner erase` removes the files and what was read from them, keeps what the law needs
(name, cases, decisions, credits, each file's hash) and never another learner's copy of the
same bytes; it can be run again. Retention removes identity-document copies a set time after
the decision, and nothing else."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from flows.bench.textpdf import text_pdf
from flows.bench.words import Doc
from flows.datafiles import Catalog
from flows.demo.evidence import coursera_certificate
from flows.demo.issuer_stand_in import Route, coursera_page, issuer_server, stand_in_verifier
from flows.intake.folders import Folders, Stability
from flows.intake.inbox import Intake
from flows.nightly.recheck import retain
from flows.privacy.personal import (
    ERASED,
    UnknownLearner,
    erase_learner,
    export_learner,
    purge_identity_copies,
)
from flows.settings import Settings
from flows.store.db.models import CaseRow, DecisionRow, EvidenceRow, LearnerRow

TANU = str(Path(sys.executable).parent / "tanu")
NAME = "Aliya Saduakassova"
IIN = "990101300123"


def _identity_card(path: Path) -> Path:
    text_pdf(
        Doc(
            [
                ("ҚАЗАҚСТАН РЕСПУБЛИКАСЫ", 14, "bold"),
                ("ЖЕКЕ КУӘЛІК / УДОСТОВЕРЕНИЕ ЛИЧНОСТИ", 16, "bold"),
                ("САДУАКАСОВА АЛИЯ", 14, "regular"),
                (f"ЖСН / ИИН {IIN}", 12, "regular"),
            ],
            {},
        ),
        path,
        random.Random(3),
    )
    return path


@pytest.fixture
def taken(tmp_path: Path, catalog: Catalog, session: Session) -> Iterator[Folders]:
    """Two learners through intake: L-0001 with a certificate and an identity card; L-0002
    with the very same certificate file (the store holds one copy of those bytes)."""
    with issuer_server() as server, httpx.Client() as client:
        server.routes["/verify/QWERTY123456"] = Route(
            body=coursera_page(NAME, "Machine Learning", "Nov 10, 2026")
        )
        verifier = stand_in_verifier(catalog, session, server.base, client)
        folders = Folders.under(tmp_path / "var")
        folders.create()
        first = folders.inbox / "6B06101" / "MLB3215" / "L-0001"
        second = folders.inbox / "6B06101" / "MLB3215" / "L-0002"
        first.mkdir(parents=True)
        second.mkdir(parents=True)
        cert = coursera_certificate(first / "cert.pdf", NAME, "QWERTY123456")
        (second / "cert.pdf").write_bytes(cert.read_bytes())
        _identity_card(first / "id-card.pdf")
        job = Intake(catalog, session, verifier, folders, Stability(0.0))
        outcomes = [job.take(p).outcome for p in job.settled_files()]
        assert outcomes.count("processed") >= 2, outcomes
        yield folders


def _files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()]


def test_export_gives_everything_held_about_the_learner(taken: Folders, session: Session) -> None:
    data = json.loads(json.dumps(export_learner(session, "L-0001")))  # JSON all through
    assert data["learner"]["id"] == "L-0001"
    kinds = sorted(e["kind"] for e in data["evidence"])
    assert kinds == ["certificate", "identity-document"]
    read = {e["kind"]: e["fields"] for e in data["evidence"]}
    assert read["certificate"]["learner_name"] == NAME
    assert data["cases"] and data["verdicts"] and data["issuer_statements"]
    with pytest.raises(UnknownLearner, match="L-9999"):
        export_learner(session, "L-9999")


def test_erasure_removes_files_and_readings_and_keeps_what_the_law_needs(
    taken: Folders, session: Session
) -> None:
    shared = session.scalars(select(EvidenceRow).where(EvidenceRow.learner_id == "L-0002")).one()
    shared_copy = Path(str(shared.stored_path))
    assert shared_copy.is_file()
    before = {p for p in _files(taken.store)}
    removal = erase_learner(session, taken, "L-0001")
    text = removal.text()
    assert NAME not in text and IIN not in text and "removed" in text
    assert removal.readings == 2 and removal.files >= 3  # the ID copy, two archived originals
    # the learner's originals are gone from archive/, their store copies too …
    assert not _files(taken.archive / "6B06101" / "MLB3215" / "L-0001")
    assert shared_copy.is_file()  # … but not the copy L-0002's evidence still holds
    assert len(before - set(_files(taken.store))) == 1  # only the identity card's copy
    rows = session.scalars(select(EvidenceRow).where(EvidenceRow.learner_id == "L-0001")).all()
    assert all(r.fields is None and r.stored_path is None for r in rows)
    assert all(r.original_name == ERASED and len(r.sha256) == 64 for r in rows)
    # what the law needs stays: the learner and the cases
    assert session.get(LearnerRow, "L-0001") is not None
    assert session.scalars(select(CaseRow).where(CaseRow.learner_id == "L-0001")).all()
    # nothing of it is left in the ledger's text
    assert IIN not in json.dumps(export_learner(session, "L-0001"), ensure_ascii=False)
    again = erase_learner(session, taken, "L-0001")
    assert (again.files, again.readings) == (0, 0)


def test_identity_copies_go_a_set_time_after_the_decision(taken: Folders, session: Session) -> None:
    card = session.scalars(select(EvidenceRow).where(EvidenceRow.kind == "identity-document")).one()
    assert card.case_id is not None
    decided = date(2026, 11, 1)
    session.add(
        DecisionRow(
            case_id=card.case_id,
            decided_on=decided,
            outcome="recognised",
            clauses="5.9",
            created_at=datetime.now(UTC),
        )
    )
    session.commit()
    copy = Path(str(card.stored_path))
    settings = Settings.from_env(
        {"TANU_VAR_DIR": str(taken.inbox.parent), "TANU_RETENTION__IDENTITY_DAYS": "30"}
    )
    assert purge_identity_copies(session, taken, date(2026, 11, 20), keep_days=30) == []
    assert copy.is_file()  # 19 days after the decision: kept
    [said] = retain(session, settings, date(2026, 12, 1))  # what the nightly run does
    assert said.startswith("L-0001: removed 2 file(s)")  # the copy, the archived original
    assert NAME not in said and IIN not in said
    assert not copy.exists()
    session.refresh(card)
    assert card.fields is None and card.sha256
    certificates = session.scalars(select(EvidenceRow).where(EvidenceRow.kind == "certificate"))
    assert all(c.stored_path and Path(c.stored_path).is_file() for c in certificates)
    assert purge_identity_copies(session, taken, date(2026, 12, 2), keep_days=30) == []


def test_the_commands(taken: Folders, db_url: str, tmp_path: Path) -> None:
    env = {
        **os.environ,
        "TANU_VAR_DIR": str(taken.inbox.parent),
        "TANU_DATABASE_URL": db_url,
    }
    out = tmp_path / "L-0001.json"
    done = subprocess.run(
        [TANU, "learner", "export", "L-0001", "--out", str(out)],
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["learner"]["id"] == "L-0001"
    assert oct(out.stat().st_mode & 0o777) == oct(0o600)
    done = subprocess.run(
        [TANU, "learner", "erase", "L-0001", "--yes"], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0 and "kept (the law needs them)" in done.stdout, done.stderr
    done = subprocess.run(
        [TANU, "learner", "erase", "L-9999", "--yes"], env=env, capture_output=True, text=True
    )
    assert done.returncode == 2 and "no learner L-9999" in done.stderr
