"""The nightly batch: pending issuer checks asked again, deadlines applied as time passes,
stuck cases escalated."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import select
from sqlalchemy.orm import Session

from extractors.model import Extraction
from extractors.pipeline import Extractor
from flows.datafiles import Catalog
from flows.demo.evidence import coursera_certificate as certificate
from flows.demo.issuer_stand_in import Route, coursera_page, issuer_server, stand_in_verifier
from flows.demo.scenarios import Scenario, run_scenario
from flows.intake.verification import Verifier
from flows.nightly.recheck import batches, run_nightly
from flows.settings import Settings
from flows.store.db.models import CaseRow
from recognition.case import Purpose


class _Unread(Extractor):
    def extract(self, path: Path) -> Extraction:
        raise AssertionError(f"{path.name} was read again: the stored extraction is the cache")


def test_batches() -> None:
    assert [list(b) for b in batches(list(range(5)), 2)] == [[0, 1], [2, 3], [4]]


def test_the_night_asks_again_applies_time_and_escalates(
    tmp_path: Path, catalog: Catalog, session: Session
) -> None:
    extractor = Extractor(list(catalog.platforms.values()))
    pdf = certificate(tmp_path / "c.pdf", "Aliya Saduakassova", "QWERTY123456")
    day_of = Settings.from_env({}).day_of
    offline = Verifier(catalog, session, extractor, None, timedelta(days=7), day_of)  # no issuer
    first = offline.verify(
        pdf, "L-0001", "MLB3215", Purpose.FULL_REPLACEMENT, datetime(2026, 11, 20, tzinfo=UTC)
    )
    assert first.verdict.status.value == "pending"
    run_scenario(
        Scenario.model_validate(
            {
                "name": "waits",
                "today": "2026-11-25",
                "cases": [
                    {
                        "learner": "L-0013",
                        "component": "GEO1205",
                        "purpose": "readmission",
                        "education": "formal-previous-level",
                        "earlier_score": 90,
                        "submitted_on": "2026-11-16",
                        "documents": ["application", "identity-document", "transcript"],
                    }
                ],
            }
        ),
        catalog,
        session,
    )
    waiting = session.scalars(select(CaseRow).where(CaseRow.learner_id == "L-0013")).one()
    assert waiting.status == "waiting"
    waiting.created_at = datetime.now(UTC) - timedelta(days=45)
    session.commit()

    with issuer_server() as server, httpx.Client() as client:
        server.routes["/verify/QWERTY123456"] = Route(
            body=coursera_page("Aliya Saduakassova", "Machine Learning", "Nov 10, 2026")
        )
        online = stand_in_verifier(catalog, session, server.base, client)
        online.extractor = _Unread(list(catalog.platforms.values()))  # the night reads no file
        settings = Settings.from_env({"TANU_NIGHTLY__BATCH_SIZE": "1"})
        report = run_nightly(catalog, session, online, settings, day=date(2027, 1, 20))
    assert report.rechecked == 1 and server.hits == ["/verify/QWERTY123456"]
    assert any("pending → verified" in c for c in report.changed)
    assert any("L-0013 GEO1205): waiting → ready" in c for c in report.changed)
    assert any("L-0013" in e for e in report.escalated)
    assert "evidence verified again: 1" in report.text()
    session.refresh(waiting)
    assert waiting.status == "ready"


def test_a_stored_extraction_reads_back_as_it_was(tmp_path: Path, catalog: Catalog) -> None:
    """What the night verifies from: the extraction stored at intake, read back whole."""
    pdf = certificate(tmp_path / "c.pdf", "Aliya Saduakassova", "QWERTY123456")
    read = Extractor(list(catalog.platforms.values())).extract(pdf)
    assert read.certificate_id == "QWERTY123456" and read.issued_on is not None
    again = Extraction.from_json(json.loads(json.dumps(read.to_json())))
    assert again.to_json() == read.to_json()


def test_old_answers_are_asked_again_only_while_the_case_is_open(
    catalog: Catalog, session: Session
) -> None:
    """An issuer answer older than the cache's age is asked again for evidence of an undecided
    case (or of none yet); a decided case's evidence is history, not asked every night."""
    from flows.nightly.recheck import evidence_to_recheck
    from flows.store import ledger
    from flows.store.db.models import EvidenceRow, IssuerCheckRow

    ledger.ensure_learner(session, catalog.learners["L-0001"])
    long_ago = datetime.now(UTC) - timedelta(days=30)
    ids = {}
    for name, status in (("open", "ready"), ("decided", "recognised"), ("none", None)):
        case = None
        if status:
            case = CaseRow(
                learner_id="L-0001", programme="6B06101", component="MLB3215",
                purpose="full-replacement", education="non-formal", correspondence="same",
                submitted_on=date(2026, 11, 1), status=status, created_at=long_ago,
            )  # fmt: skip
            session.add(case)
            session.flush()
        evidence = EvidenceRow(
            learner_id="L-0001", case_id=case.id if case else None, sha256=name * 8,
            kind="certificate", original_name=f"{name}.pdf", arrived_at=long_ago,
            platform="coursera", certificate_id=f"ID{name.upper()}",
        )  # fmt: skip
        session.add(evidence)
        check = IssuerCheckRow(
            platform="coursera", certificate_id=f"ID{name.upper()}", outcome="verified",
            checked_at=long_ago,
        )  # fmt: skip
        session.add(check)
        session.flush()
        ids[name] = evidence.id
    assert evidence_to_recheck(session, timedelta(days=7)) == sorted([ids["open"], ids["none"]])
    assert evidence_to_recheck(session, timedelta(days=60)) == []


def test_a_case_or_evidence_the_data_files_no_longer_know_does_not_stop_its_batch(
    tmp_path: Path, catalog: Catalog, session: Session
) -> None:
    """A learner removed from data/learners.yaml (graduated, expelled) or a component removed
    from a curriculum: the night says which case or evidence and why, and goes on with the rest
    of the batch (one batch holds them all here)."""
    extractor = Extractor(list(catalog.platforms.values()))
    pdf = certificate(tmp_path / "c.pdf", "Aliya Saduakassova", "QWERTY123456")
    day_of = Settings.from_env({}).day_of
    offline = Verifier(catalog, session, extractor, None, timedelta(days=7), day_of)
    offline.verify(
        pdf, "L-0001", "MLB3215", Purpose.FULL_REPLACEMENT, datetime(2026, 11, 20, tzinfo=UTC)
    )
    case = {
        "purpose": "readmission",
        "education": "formal-previous-level",
        "earlier_score": 90,
        "submitted_on": "2026-11-16",
        "documents": ["application", "identity-document", "transcript"],
    }
    run_scenario(
        Scenario.model_validate(
            {
                "name": "three open cases",
                "today": "2026-11-25",
                "cases": [
                    {**case, "learner": "L-0013", "component": "GEO1205"},
                    {**case, "learner": "L-0010", "component": "GEO1205"},
                    {**case, "learner": "L-0009", "component": "GEO1205"},
                ],
            }
        ),
        catalog,
        session,
    )
    session.commit()
    learners = {k: v for k, v in catalog.learners.items() if k not in ("L-0001", "L-0013")}
    renamed = catalog.learners["L-0009"].model_copy(update={"programme": "NOPE"})
    later = replace(catalog, learners={**learners, "L-0009": renamed})
    later = replace(later, programmes={**later.programmes, "NOPE": later.programmes["6B06101"]})
    verifier = Verifier(later, session, extractor, None, timedelta(days=7), day_of)
    settings = Settings.from_env({"TANU_NIGHTLY__BATCH_SIZE": "50"})
    report = run_nightly(later, session, verifier, settings, day=date(2027, 1, 20))
    text = report.text()
    assert "no learner 'L-0001'" in text and "(L-0013 GEO1205)" in text, text
    assert "no learner 'L-0013'" in text
    assert report.reassessed == 2, text  # L-0010's, and L-0009's (transferred: 4.2)
    assert any("4.2" in f.clause for f in _findings(session, "L-0009")), text


def _findings(session: Session, learner: str) -> list[Any]:
    row = session.scalars(select(CaseRow).where(CaseRow.learner_id == learner)).one()
    return list(row.findings)
