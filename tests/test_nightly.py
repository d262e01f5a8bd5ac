"""The nightly batch: pending issuer checks asked again, deadlines applied as time passes,
stuck cases escalated."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx
from sqlalchemy import select
from sqlalchemy.orm import Session

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
        settings = Settings.from_env({"TANU_NIGHTLY__BATCH_SIZE": "1"})
        report = run_nightly(catalog, session, online, settings, day=date(2027, 1, 20))
    assert report.rechecked == 1 and server.hits == ["/verify/QWERTY123456"]
    assert any("pending → verified" in c for c in report.changed)
    assert any("L-0013 GEO1205): waiting → ready" in c for c in report.changed)
    assert any("L-0013" in e for e in report.escalated)
    assert "evidence verified again: 1" in report.text()
    session.refresh(waiting)
    assert waiting.status == "ready"
