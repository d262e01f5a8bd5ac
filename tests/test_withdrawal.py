"""An application the applicant withdraws before the commission decides it: the case leaves the
agenda, the nightly run and the sitting's record, keeps its evidence and history, and the same
certificate handed in again opens a new case. A decided case is corrected, not withdrawn. On
SQLite and PostgreSQL, and through the command line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from flows.cases.overview import case_overview
from flows.cases.withdrawal import withdraw_case
from flows.datafiles import Catalog
from flows.demo.evidence import coursera_certificate as certificate
from flows.errors import UsageError
from flows.intake.inbox import Intake
from flows.sitting.agenda import agenda, commission_of
from flows.sitting.record import apply_record
from flows.store import ledger
from flows.store.db.engine import open_database
from flows.store.db.models import CaseRow, EvidenceRow
from tests.test_intake import Clock, hand_in, intake, learner_dir
from tests.test_sitting import ready_cases, record

__all__ = ["intake"]  # the fixture, shared with the intake's tests

TANU = str(Path(sys.executable).parent / "tanu")


def test_a_withdrawn_application_is_not_decided_and_keeps_its_history(
    catalog: Catalog, session: Session
) -> None:
    first, second = ready_cases(catalog, session)
    withdraw_case(session, first, date(2026, 11, 20), "  басқа курсты  таңдады ")
    session.commit()
    case = session.get(CaseRow, first)
    assert case is not None and case.status == ledger.WITHDRAWN
    # out of every queue: the agenda, the nightly run's open cases, the sitting's record
    commission = commission_of(catalog, "FIT-2026")
    assert [item.case for item in agenda(catalog, session, commission)] == [second]
    assert first not in ledger.open_cases(session)
    with pytest.raises(UsageError, match=f"case #{first} was withdrawn"):
        apply_record(catalog, session, record([first, second]))
    # its history stays, the withdrawal in Kazakh beside it; nothing is waited for any more
    [shown] = [c for c in case_overview(session) if c["case"] == first]
    assert shown["status"] == "withdrawn" and shown["open"] == []
    assert shown["withdrawn"]["reason_kk"] == (
        "Өтініш берушінің 2026 жылғы 20 қарашадағы жазбаша арызы бойынша өтініш кері қайтарып "
        "алынды. Себебі: басқа курсты таңдады"
    )
    assert "written request of 2026-11-20" in shown["withdrawn"]["reason_en"]
    assert any(f.stage == "assessment" for f in case.findings)
    with pytest.raises(UsageError, match="already withdrawn"):
        withdraw_case(session, first, date(2026, 11, 21), "again")
    with pytest.raises(UsageError, match="no case #999"):
        withdraw_case(session, 999, date(2026, 11, 21), "nobody's")
    with pytest.raises(UsageError, match="give the reason"):
        withdraw_case(session, second, date(2026, 11, 21), "   ")


def test_a_decided_case_is_corrected_not_withdrawn(catalog: Catalog, session: Session) -> None:
    cases = ready_cases(catalog, session)
    apply_record(catalog, session, record(cases))
    session.commit()
    with pytest.raises(UsageError, match="tanu case correct"):
        withdraw_case(session, cases[0], date(2026, 11, 26), "too late")
    assert session.get(CaseRow, cases[0]).status == "recognised"  # type: ignore[union-attr]


def test_the_same_certificate_handed_in_again_opens_a_new_case(
    tmp_path: Path, intake: tuple[Intake, Clock], session: Session
) -> None:
    """Withdrawn, then handed in again for a new application: not a duplicate of the closed
    case, but the new case's evidence."""
    job, clock = intake
    pdf = certificate(tmp_path / "src.pdf", "Aliya Saduakassova", "QWERTY123456")
    folder = learner_dir(job.folders)
    taken = hand_in(job, clock, folder / "cert.pdf", pdf.read_bytes())
    assert taken.case_id is not None
    withdraw_case(session, taken.case_id, date(2026, 11, 20), "қате компонент")
    session.commit()
    again = hand_in(job, clock, folder / "cert again.pdf", pdf.read_bytes())
    assert again.outcome == "processed" and again.case_id not in (None, taken.case_id)
    statuses = {c.id: c.status for c in session.scalars(select(CaseRow))}
    assert statuses[taken.case_id] == "withdrawn" and statuses[again.case_id] != "withdrawn"
    [evidence] = session.scalars(select(EvidenceRow)).all()  # one file, one evidence row
    assert evidence.case_id == again.case_id
    third = hand_in(job, clock, folder / "third.pdf", pdf.read_bytes())  # the open case's
    assert third.outcome == "duplicate" and third.case_id == again.case_id


def test_tanu_case_withdraw(tmp_path: Path, catalog: Catalog) -> None:
    url = f"sqlite:///{tmp_path / 'tanu.sqlite'}"
    with open_database(url)() as session:
        first, _ = ready_cases(catalog, session)
    env = {**os.environ, "TANU_VAR_DIR": str(tmp_path), "TANU_DATABASE_URL": url}
    env["COLUMNS"] = "200"

    def tanu(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([TANU, *args], capture_output=True, text=True, env=env, check=False)

    common = ["case", "withdraw", "--reason", "басқа курсты таңдады"]
    bad_date = tanu(*common, "--case", str(first), "--date", "20.11.2026")
    assert bad_date.returncode == 2 and "is not a date" in bad_date.stderr, bad_date.stderr
    unknown = tanu(*common, "--case", "999", "--date", "2026-11-20")
    assert unknown.returncode == 2 and "no case #999" in unknown.stderr, unknown.stderr
    done = tanu(*common, "--case", str(first), "--date", "2026-11-20")
    assert done.returncode == 0 and f"case #{first} withdrawn" in done.stdout, done.stderr
    shown = tanu("status")
    assert "withdrawn" in shown.stdout and "written request of 2026-11-20" in shown.stdout
    [listed] = [c for c in json.loads(tanu("status", "--json").stdout) if c["case"] == first]
    assert listed["status"] == "withdrawn" and listed["withdrawn"]["reason_kk"]
    again = tanu(*common, "--case", str(first), "--date", "2026-11-21")
    assert again.returncode == 2 and "already withdrawn" in again.stderr
