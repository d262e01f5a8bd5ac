"""A sitting recorded from the secretary's file: decisions, ledger, documents, the outbox and
e-mail to the Registrar (a real SMTP server on 127.0.0.1)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from email import message_from_bytes
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select
from sqlalchemy.orm import Session

from flows.datafiles import Catalog
from flows.delivery.outbox import MailSettings, deliver, mail
from flows.demo.scenarios import Scenario, run_scenario
from flows.errors import UsageError
from flows.sitting.agenda import agenda, commission_of
from flows.sitting.record import SittingRecord, apply_record
from flows.store import ledger
from flows.store.db.models import (
    CaseRow,
    DecisionRow,
    EvidenceRow,
    RecognisedCreditRow,
    SittingRow,
    VerdictRow,
)

TANU = str(Path(sys.executable).parent / "tanu")


def ready_cases(catalog: Catalog, session: Session) -> list[int]:
    scenario = Scenario.model_validate(
        {
            "name": "ready",
            "cases": [
                {
                    "learner": "L-0001",
                    "component": "MLB3215",
                    "platform": "coursera",
                    "submitted_on": "2026-11-10",
                },
                {
                    "learner": "L-0006",
                    "component": "CLD3217",
                    "platform": "udemy",
                    "submitted_on": "2026-11-11",
                },
            ],
        }
    )
    run_scenario(scenario, catalog, session)
    session.commit()
    return [c.id for c in session.scalars(select(CaseRow).order_by(CaseRow.id))]


def record(ids: list[int], **kw: object) -> SittingRecord:
    base: dict[str, object] = {
        "number": "21",
        "commission": "FIT-2026",
        "held_on": "2026-11-25",
        "present": ["m1", "m2", "m3", "m4", "m5", "m7"],
        "cases": [
            {"case": ids[0], "score": 87, "interview": "сұхбат өткізілді", "votes": {"for": 6}},
            {"case": ids[1], "score": 74.5, "votes": {"for": 3, "against": 3}, "chair": "for"},
        ],
    }
    base.update(kw)
    return SittingRecord.model_validate(base)


def test_a_record_decides_and_fills_the_ledger(catalog: Catalog, session: Session) -> None:
    cases = ready_cases(catalog, session)
    sitting, decisions = apply_record(catalog, session, record(cases))
    session.commit()
    assert [d.outcome.value for d in decisions] == ["recognised", "recognised"]
    assert decisions[1].vote and decisions[1].vote.casting_vote
    assert sitting.present_members == "m1,m2,m3,m4,m5,m7"
    rows = session.scalars(select(DecisionRow)).all()
    assert [r.interview for r in rows] == ["сұхбат өткізілді", None]
    assert len(session.scalars(select(RecognisedCreditRow)).all()) == 2
    with pytest.raises(UsageError, match="already recorded"):
        apply_record(catalog, session, record(cases))


def test_a_record_is_checked_before_anything_is_written(catalog: Catalog, session: Session) -> None:
    cases = ready_cases(catalog, session)
    with pytest.raises(UsageError, match="not members"):
        apply_record(catalog, session, record(cases, present=["m1", "x9"]))
    with pytest.raises(UsageError, match="no case #999"):
        apply_record(catalog, session, record([999, cases[1]]))
    assert session.scalars(select(SittingRow)).all() == []


def test_a_case_without_a_decision_stays_on_the_agenda(catalog: Catalog, session: Session) -> None:
    """Neither a majority nor a tie (5.9): no decision is taken, and the case comes to the
    next sitting's agenda, stays in the nightly re-check and can still be withdrawn; the
    next sitting decides it."""
    cases = ready_cases(catalog, session)
    undecided = {"case": cases[1], "score": 74.5, "votes": {"for": 3, "against": 2, "abstained": 1}}
    _, decisions = apply_record(catalog, session, record(cases, cases=[undecided]))
    session.commit()
    assert [d.outcome.value for d in decisions] == ["no-decision"]
    case = session.get(CaseRow, cases[1])
    assert case is not None and case.status == "ready"
    fit = commission_of(catalog, "FIT-2026")
    assert [item.case for item in agenda(catalog, session, fit)] == cases
    assert case.status in ledger.OPEN and case.status in ledger.UNDECIDED
    again = {"case": cases[1], "score": 74.5, "votes": {"for": 5, "abstained": 1}}
    _, decisions = apply_record(catalog, session, record(cases, number="22", cases=[again]))
    session.commit()
    assert [d.outcome.value for d in decisions] == ["recognised"]
    assert [item.case for item in agenda(catalog, session, fit)] == [cases[0]]
    outcomes = session.scalars(
        select(DecisionRow.outcome).where(DecisionRow.case_id == cases[1])
    ).all()
    assert outcomes == ["no-decision", "recognised"]  # the first sitting's vote is history


def _refused_certificate(session: Session, case_id: int) -> None:
    """The case's certificate was refused (its evidence reused by another learner)."""
    from datetime import UTC, datetime

    case = session.get(CaseRow, case_id)
    assert case is not None
    evidence = EvidenceRow(
        learner_id=case.learner_id,
        case_id=case.id,
        sha256="0" * 64,
        kind="certificate",
        original_name="cert.pdf",
        arrived_at=datetime.now(UTC),
    )
    session.add(evidence)
    session.flush()
    session.add(
        VerdictRow(
            evidence_id=evidence.id,
            learner_id=case.learner_id,
            component=case.component,
            status="refused",
            findings="[]",
            created_at=datetime.now(UTC),
        )
    )
    session.commit()


def test_a_decision_never_outruns_its_evidence(
    tmp_path: Path, catalog: Catalog, session: Session
) -> None:
    """Recognising a case whose only certificate was refused needs the commission's reason,
    recorded with the decision and printed in the protocol."""
    from flows.documents.assemble import protocol

    cases = ready_cases(catalog, session)
    _refused_certificate(session, cases[0])
    with pytest.raises(UsageError, match=r"case #\d+: .*cert\.pdf: refused.*override"):
        apply_record(catalog, session, record(cases))
    session.rollback()
    assert session.scalars(select(DecisionRow)).all() == []
    reason = "түпнұсқа сертификатты комиссия отырысында тексерді"
    given = record(cases).model_dump(by_alias=True)
    given["cases"][0]["override"] = reason
    sitting, decisions = apply_record(catalog, session, SittingRecord.model_validate(given))
    session.commit()
    assert decisions[0].recognised
    row = session.scalars(select(DecisionRow).where(DecisionRow.case_id == cases[0])).one()
    assert row.override == reason
    context = protocol(catalog, session, sitting.id)
    assert reason in context.cases[0].verification


def test_delivery_and_mail(tmp_path: Path, catalog: Catalog, session: Session) -> None:
    cases = ready_cases(catalog, session)
    sitting, _ = apply_record(catalog, session, record(cases))
    session.commit()
    doc = tmp_path / "hattama-21.docx"
    doc.write_bytes(b"PK fake docx")
    folder = deliver([doc], sitting, tmp_path / "outbox", [{"learner": "L-0001"}])
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert folder.name == "FIT-2026-21" and manifest["files"][0]["file"] == "hattama-21.docx"
    assert len(manifest["files"][0]["sha256"]) == 64

    received: list[bytes] = []

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            received.append(envelope.content)
            return "250 OK"

    with socket.socket() as probe:  # a free port on the loopback
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        mail(folder, MailSettings("127.0.0.1", port, to=("registrar@yu.edu.kz",)))
    finally:
        controller.stop()
    [raw] = received
    message = message_from_bytes(raw)
    assert "registrar@yu.edu.kz" in message["To"]
    names = [part.get_filename() for part in message.walk() if part.get_filename()]
    assert names == ["hattama-21.docx"]


def test_tanu_sitting_record_delivers_the_documents(tmp_path: Path, catalog: Catalog) -> None:
    env = {**os.environ, "TANU_VAR_DIR": str(tmp_path), "COLUMNS": "160"}
    env.pop("TANU_DATABASE_URL", None)
    from flows.store.db.engine import open_database

    sessions = open_database(f"sqlite:///{tmp_path / 'tanu.sqlite'}")
    with sessions() as session:
        cases = ready_cases(catalog, session)
    sessions.kw["bind"].dispose()
    decisions = tmp_path / "decisions.yaml"
    decisions.write_text(
        "number: '21'\ncommission: FIT-2026\nheld_on: 2026-11-25\n"
        "present: [m1, m2, m3, m4, m5, m6, m7]\n"
        f"cases:\n  - {{case: {cases[0]}, score: 91, votes: {{for: 7}}}}\n"
        f"  - {{case: {cases[1]}, score: 45, votes: {{for: 7}}}}\n",
        encoding="utf-8",
    )
    out = subprocess.run(
        [TANU, "sitting", "record", "--file", str(decisions), "--no-pdf"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    assert "L-0001 MLB3215: recognised" in out.stdout
    assert "L-0006 CLD3217: not-recognised" in out.stdout
    folder = tmp_path / "outbox" / "FIT-2026-21"
    files = sorted(p.name for p in folder.iterdir())
    assert "manifest.json" in files and "hattama-21.docx" in files
    assert "transcript-L-0001.docx" in files and "transcript-L-0006.docx" not in files
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "number: '22'\ncommission: FIT-2026\nheld_on: 2026-11-25\npresent: []\ncases: []\n",
        encoding="utf-8",
    )
    out = subprocess.run(
        [TANU, "sitting", "record", "--file", str(bad)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert out.returncode == 1 and "bad.yaml" in out.stderr and "present" in out.stderr


def test_mail_settings_from_the_environment() -> None:
    from flows.delivery.outbox import mail_settings
    from flows.settings import Settings

    assert mail_settings(Settings.from_env({}).smtp) is None
    smtp = mail_settings(
        Settings.from_env(
            {
                "TANU_SMTP_HOST": "mail.yu.edu.kz",
                "TANU_SMTP_PORT": "587",
                "TANU_SMTP_STARTTLS": "1",
                "TANU_SMTP_TO": "registrar@yu.edu.kz, archive@yu.edu.kz",
            }
        ).smtp
    )
    assert smtp is not None and smtp.port == 587 and smtp.starttls
    assert smtp.to == ("registrar@yu.edu.kz", "archive@yu.edu.kz")
