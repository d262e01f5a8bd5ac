"""The ledger on SQLite and PostgreSQL: migrations, lifelong accumulation (4.3), integrity."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import func, inspect, select, text
from sqlalchemy.orm import Session

from flows.cases.casework import SittingItem, assess_request, decide_sitting
from flows.datafiles import Catalog
from flows.store import ledger
from flows.store.db.engine import downgrade, make_engine, migrate, open_database
from flows.store.db.models import Base, CaseRow, DecisionRow, FindingRow, RecognisedCreditRow
from recognition.assessment import CommissionInput
from recognition.case import CaseRequest, Document, DocumentKind, Education, Purpose
from recognition.vote import Tally


def test_migrations_build_exactly_the_models(db_url: str) -> None:
    engine = make_engine(db_url)
    migrate(engine)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []
    downgrade(engine, "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    migrate(engine)
    assert "recognised_credits" in inspect(engine).get_table_names()
    engine.dispose()


def test_a_ledger_of_cases_left_without_a_decision_opens_them_again(db_url: str) -> None:
    """A ledger written before undecided cases stayed open (their status was "no-decision"):
    migrated, they are ready again, back on the agenda; other cases keep their status."""
    engine = make_engine(db_url)
    migrate(engine, "0007")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO learners (id, full_name, name_latin, programme)"
                " VALUES ('L-0001', 'Сәрсенбаев Нұрлан', 'Sarsenbayev Nurlan', '6B06101')"
            )
        )
        for status in ("no-decision", "recognised", "incomplete"):
            conn.execute(
                text(
                    "INSERT INTO cases (learner_id, programme, component, purpose, education,"
                    " correspondence, submitted_on, status, created_at) VALUES ('L-0001',"
                    " '6B06101', 'MLB3215', 'full-replacement', 'non-formal', 'full',"
                    " '2026-11-10', :status, '2026-11-10 10:00:00')"
                ),
                {"status": status},
            )
    migrate(engine)
    with engine.connect() as conn:
        statuses = conn.execute(text("SELECT status FROM cases ORDER BY id")).scalars().all()
    assert statuses == ["ready", "recognised", "incomplete"]
    engine.dispose()


def _request(learner: str, component: str, day: date, **kw: object) -> CaseRequest:
    return CaseRequest(
        learner_id=learner,
        programme="6B06101",
        component=component,
        purpose=kw.pop("purpose", Purpose.FULL_REPLACEMENT),  # type: ignore[arg-type]
        education=kw.pop("education", Education.NON_FORMAL),  # type: ignore[arg-type]
        submitted_on=day,
        platform="coursera",
        documents=(
            Document(DocumentKind.APPLICATION),
            Document(DocumentKind.IDENTITY_DOCUMENT),
            Document(DocumentKind.CERTIFICATE, day),
            Document(DocumentKind.TRANSCRIPT),
        ),
        **kw,  # type: ignore[arg-type]
    )


def _decide(
    catalog: Catalog,
    session: Session,
    request: CaseRequest,
    day: date,
    number: str,
    score: int = 85,
) -> None:
    assessment, row = assess_request(catalog, session, request, day, record=True)
    commission = catalog.commission_for(catalog.programmes[request.programme])
    n = len(commission.members)
    decide_sitting(
        catalog,
        session,
        commission,
        [SittingItem(assessment, CommissionInput(Tally(n, n, n, 0, 0), Decimal(score)), row)],
        number=number,
        held_on=day,
        present=n,
        record=True,
    )


def test_recognised_credits_accumulate_across_years(catalog: Catalog, session: Session) -> None:
    _decide(
        catalog,
        session,
        _request("L-0001", "PRG1205", date(2024, 10, 1)),
        date(2024, 10, 20),
        "A-1",
    )
    session.commit()
    _decide(
        catalog,
        session,
        _request("L-0001", "DBS2207", date(2025, 10, 1)),
        date(2025, 10, 20),
        "A-2",
    )
    _decide(
        catalog,
        session,
        _request(
            "L-0001",
            "NET2208",
            date(2025, 10, 1),
            education=Education.FORMAL,
            purpose=Purpose.TRANSFER,
            earlier_score=Decimal(77),
        ),
        date(2025, 10, 20),
        "A-3",
    )
    session.commit()
    assert ledger.prior_non_formal_credits(session, "L-0001", "6B06101") == 12  # formal excluded
    assert ledger.recognised_components(session, "L-0001", "6B06101") == {
        "PRG1205",
        "DBS2207",
        "NET2208",
    }
    assert ledger.prior_non_formal_credits(session, "L-0002", "6B06101") == 0
    rows = session.scalars(select(RecognisedCreditRow).order_by(RecognisedCreditRow.id)).all()
    assert next((r.component, r.letter, r.source) for r in rows) == (
        "PRG1205",
        "B+",
        "хаттама № A-1, 20.10.2024 ж.",
    )
    # Every decision keeps its findings with their clauses.
    decision = session.scalars(select(DecisionRow)).first()
    assert decision is not None and "5.9" in decision.clauses.split(",")
    n_findings = session.scalar(select(func.count()).select_from(FindingRow))
    assert n_findings and n_findings > 20


def test_a_component_cannot_enter_the_ledger_twice(catalog: Catalog, session: Session) -> None:
    """One current recognition per component (4.3): decided again, it is refused as already
    recognised (record_decision would refuse a second row too); once its decision is annulled,
    the component may be recognised anew — both rows kept, one of them current."""
    from sqlalchemy import func, select

    from flows.store import ledger

    def decide(day: date, number: str) -> None:
        _decide(catalog, session, _request("L-0002", "PRG1205", day), day, number)

    decide(date(2025, 10, 20), "B-1")
    session.commit()
    decide(date(2026, 1, 20), "B-2")
    session.commit()
    rows = session.scalars(select(RecognisedCreditRow)).all()
    assert [r.component for r in rows] == ["PRG1205"]
    first = rows[0].decision_id
    assert first is not None
    ledger.correct(session, first, ledger.ANNULLED, "appeals", "A-1", date(2026, 2, 1), "x")
    session.commit()
    assert "PRG1205" not in ledger.recognised_components(session, "L-0002", "6B06101")
    decide(date(2026, 3, 20), "B-3")
    session.commit()
    assert session.scalar(select(func.count()).select_from(RecognisedCreditRow)) == 2
    assert "PRG1205" in ledger.recognised_components(session, "L-0002", "6B06101")
    session.rollback()


def test_the_ledger_survives_reopening(catalog: Catalog, db_url: str) -> None:
    sessions = open_database(db_url)
    with sessions() as s:
        _decide(
            catalog, s, _request("L-0003", "PRG1205", date(2025, 10, 1)), date(2025, 10, 20), "C-1"
        )
        s.commit()
    sessions.kw["bind"].dispose()
    again = open_database(db_url)  # migrating an up-to-date database changes nothing
    with again() as s:
        assert ledger.prior_non_formal_credits(s, "L-0003", "6B06101") == 6
        case = s.scalars(select(CaseRow)).one()
        assert case.status == "recognised"
    again.kw["bind"].dispose()


def test_processes_opening_a_fresh_database_at_once_take_turns(db_url: str) -> None:
    """Two flow runs started together on a new set-up both open the database: the migration is
    run once, the others wait and find it done (seen as `table learners already exists`
    when `tanu serve` took its first two files at once)."""
    import subprocess
    import sys
    import time

    script = (  # imported first, then all start at the same moment
        "import sys, time\n"
        "from flows.store.db.engine import open_database\n"
        "time.sleep(max(0.0, float(sys.argv[2]) - time.time()))\n"
        "open_database(sys.argv[1])\n"
    )
    start = str(time.time() + 8)
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", script, db_url, start], stderr=subprocess.PIPE, text=True
        )
        for _ in range(10)
    ]
    errors = [w.communicate(timeout=120)[1] for w in workers]
    assert [w.returncode for w in workers] == [0] * 10, "\n".join(errors)
    engine = make_engine(db_url)
    try:
        assert "learners" in inspect(engine).get_table_names()
    finally:
        engine.dispose()


def test_a_process_opening_an_sqlite_file_another_holds_waits_its_turn(tmp_path: Path) -> None:
    """A process that opens the SQLite ledger while another holds it whole (a first migration
    that takes longer than SQLite's default 5 s on a loaded machine: CI saw `database is
    locked` from the journal-mode pragma) waits and goes on, rather than failing."""
    import sqlite3
    import subprocess
    import sys
    import time

    path = tmp_path / "tanu.sqlite"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("CREATE TABLE held (x)")
    opener = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys\nfrom flows.store.db.engine import open_database\n"
            "open_database(sys.argv[1])\n",
            f"sqlite:///{path}",
        ],
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(7)  # longer than SQLite's default wait
    assert opener.poll() is None, opener.communicate()[1]  # still waiting, not failed
    holder.execute("COMMIT")
    holder.close()
    _, errors = opener.communicate(timeout=120)
    assert opener.returncode == 0, errors
    engine = make_engine(f"sqlite:///{path}")
    try:
        assert {"learners", "held"} <= set(inspect(engine).get_table_names())
    finally:
        engine.dispose()
