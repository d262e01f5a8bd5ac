"""Corrections of decisions: an appeal's or the commission's annulment releases the credits from
the 20% cap (4.6) and the transcript; an amendment replaces the grade; nothing is deleted and
`tanu status` shows the history. On SQLite and PostgreSQL, and through the command line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from flows.cases.overview import case_overview
from flows.datafiles import Catalog
from flows.documents import assemble
from flows.errors import UsageError
from flows.sitting.record import apply_record
from flows.store import ledger
from flows.store.db.models import CorrectionRow, DecisionRow, RecognisedCreditRow
from recognition.grading import grade
from tests.test_sitting import ready_cases, record

TANU = str(Path(sys.executable).parent / "tanu")


def _decided(catalog: Catalog, session: Session) -> tuple[DecisionRow, DecisionRow]:
    cases = ready_cases(catalog, session)
    _, decisions = apply_record(catalog, session, record(cases))
    session.commit()
    assert all(d.recognised for d in decisions)
    rows = session.scalars(select(DecisionRow).order_by(DecisionRow.id)).all()
    return rows[0], rows[1]


def test_an_annulment_releases_the_cap_and_the_transcript(
    catalog: Catalog, session: Session
) -> None:
    first, _ = _decided(catalog, session)
    before = ledger.prior_non_formal_credits(session, "L-0001", "6B06101")
    credits = session.scalar(
        select(RecognisedCreditRow.credits).where(RecognisedCreditRow.decision_id == first.id)
    )
    assert credits is not None and before >= credits > 0
    assert "MLB3215" in ledger.recognised_components(session, "L-0001", "6B06101")
    ledger.correct(
        session, first.id, ledger.ANNULLED, "appeals", "А-3", date(2026, 12, 2), "appeal upheld"
    )
    session.commit()
    assert ledger.prior_non_formal_credits(session, "L-0001", "6B06101") == before - credits
    assert "MLB3215" not in ledger.recognised_components(session, "L-0001", "6B06101")
    # nothing deleted: the decision and its ledger row stay, the correction beside them
    assert session.get(DecisionRow, first.id) is not None
    assert session.scalar(select(func.count()).select_from(RecognisedCreditRow)) == 2
    [case] = [c for c in case_overview(session, "L-0001") if c["component"] == "MLB3215"]
    assert case["status"] == "annulled"
    [history] = case["decisions"]
    assert history["outcome"] == "recognised"
    assert history["corrections"][0]["kind"] == "annulled"
    assert history["corrections"][0]["body"] == "appeals"
    with pytest.raises(UsageError, match="nothing recognised"):
        assemble.transcript(catalog, session, "L-0001")  # nothing left to put in it
    with pytest.raises(ValueError, match="already annulled"):
        ledger.correct(
            session, first.id, ledger.ANNULLED, "commission", "4", date(2026, 12, 3), "again"
        )


def test_an_amendment_replaces_the_grade_in_the_transcript(
    catalog: Catalog, session: Session
) -> None:
    _, second = _decided(catalog, session)
    assert second.letter != "A"
    scale = catalog.scales[catalog.commission_for(catalog.programmes["6B06101"]).grading_scale]
    new = grade(Decimal(96), scale.at(second.decided_on))
    ledger.correct(
        session, second.id, ledger.AMENDED, "commission", "22", date(2026, 12, 1), "recount", new
    )
    session.commit()
    insert = assemble.transcript(catalog, session, "L-0006")
    [row] = insert.rows
    assert (row.score, row.letter, row.ects) == ("96", "A", "A")
    assert "факультет комиссиясының шешімі № 22, 01.12.2026 ж." in row.basis
    assert session.scalar(select(func.count()).select_from(CorrectionRow)) == 1
    # the cap counts the same credits: an amendment changes the grade, not the recognition
    assert "CLD3217" in ledger.recognised_components(session, "L-0006", "6B06101")


def test_tanu_case_correct(tmp_path: Path) -> None:
    """The command: an amendment below the pass mark is refused as what it is (an
    annulment); an annulment is recorded and `tanu status` shows it."""
    env = {**os.environ, "TANU_VAR_DIR": str(tmp_path), "COLUMNS": "200"}
    env["TANU_DATABASE_URL"] = f"sqlite:///{tmp_path / 'tanu.sqlite'}"
    demo = subprocess.run(
        [TANU, "demo"], capture_output=True, text=True, env=env, check=False, timeout=600
    )
    assert demo.returncode == 0, demo.stderr
    env["TANU_DATABASE_URL"] = f"sqlite:///{tmp_path / 'demo' / 'tanu.sqlite'}"

    def tanu(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([TANU, *args], capture_output=True, text=True, env=env, check=False)

    cases = json.loads(tanu("status", "--json").stdout)
    decision = next(
        d["decision"]
        for c in cases
        for d in c["decisions"]
        if d["outcome"] == "recognised" and not d["corrections"]
    )
    common = ["--decision", str(decision), "--by", "appeals", "--number", "A-7"]
    common += ["--reason", "апелляция қанағаттандырылды", "--date", "2026-12-02"]
    low = tanu("case", "correct", *common, "--score", "40")
    assert low.returncode == 2 and "annulment (--annul)" in low.stderr, low.stderr
    both = tanu("case", "correct", *common, "--score", "90", "--annul")
    assert both.returncode == 2 and "one of them" in both.stderr
    done = tanu("case", "correct", *common, "--annul")
    assert done.returncode == 0 and "annulled" in done.stdout, done.stderr
    # the extract for the Registrar, in Kazakh: the decision as it was, the correction, what
    # the transcript does
    from docx import Document

    [extract] = (tmp_path / "outbox" / "corrections").glob(f"tuzetu-{decision}-*.docx")
    text = "\n".join(p.text for p in Document(str(extract)).paragraphs)
    for needle in (
        "Комиссия шешіміне түзету туралы үзінді",
        "Бастапқы шешім: хаттама №",
        "апелляциялық комиссияның 2026 жылғы 2 желтоқсандағы № A-7 шешімі: шешімнің күші жойылды",
        "Негіздеме: апелляция қанағаттандырылды.",
        "транскрипттен алынады",
    ):
        assert needle in text, (needle, text)
    printed_pdf = extract.with_suffix(".pdf")
    if printed_pdf.exists():  # LibreOffice made its PDF: no word broken in it
        import pypdfium2 as pdfium

        pages = pdfium.PdfDocument(str(printed_pdf))
        printed = set(" ".join(p.get_textpage().get_text_range() for p in pages).split())
        assert not [w for w in text.split() if w not in printed]
    shown = tanu("status")
    assert "annulled by the appeals (№ A-7, 2026-12-02)" in shown.stdout, shown.stdout
    again = tanu("case", "correct", *common, "--annul")
    assert again.returncode == 2 and "already annulled" in again.stderr


def test_the_learners_export_includes_the_corrections(catalog: Catalog, session: Session) -> None:
    from flows.privacy.personal import export_learner

    first, _ = _decided(catalog, session)
    ledger.correct(session, first.id, ledger.ANNULLED, "appeals", "А-5", date(2026, 12, 2), "x")
    session.commit()
    data = json.loads(json.dumps(export_learner(session, "L-0001"), default=str))
    assert [(c["decision_id"], c["kind"]) for c in data["corrections"]] == [(first.id, "annulled")]
    assert not export_learner(session, "L-0006")["corrections"]
