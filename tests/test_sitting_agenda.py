"""The secretary's path: `tanu sitting template` writes the decisions file with the ready cases
of the commission, every field explained; left unfilled it is refused when read, filled it is
recorded; `tanu sitting record` checks the whole record before anything is written or
resumed; `tanu sitting open` needs a Prefect server and says so."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from flows.datafiles import Catalog
from flows.errors import DataError
from flows.sitting.agenda import agenda, commission_of, template
from flows.sitting.record import apply_record, load_record
from flows.store.db.models import DecisionRow, SittingRow
from tests.test_sitting import ready_cases

TANU = str(Path(sys.executable).parent / "tanu")


def test_the_template_lists_the_ready_cases_and_must_be_filled(
    tmp_path: Path, catalog: Catalog, session: Session
) -> None:
    cases = ready_cases(catalog, session)
    commission = commission_of(catalog, "FIT-2026")
    items = agenda(catalog, session, commission)
    mine = [c for c in cases if c in {i.case for i in items}]
    assert mine and [i.case for i in items] == mine
    assert all(i.learner and i.component for i in items)
    text = template(commission, items, "31", date(2026, 11, 27))
    assert "сұхбат" in text and "interview" in text and "(5.9)" in text
    unfilled = tmp_path / "unfilled.yaml"
    unfilled.write_text(text, encoding="utf-8")
    with pytest.raises(DataError, match=r"cases\.0\.votes\.for"):
        load_record(unfilled)
    data = yaml.safe_load(text)
    assert data["present"] == [m.id for m in commission.members]
    for case in data["cases"]:
        case["score"] = 85
        case["votes"] = {"for": len(data["present"]), "against": 0, "abstained": 0}
    filled = tmp_path / "filled.yaml"
    filled.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    sitting, decisions = apply_record(catalog, session, load_record(filled))
    assert sitting.number == "31" and [d.recognised for d in decisions] == [True] * len(mine)


def test_an_unknown_commission_is_named(catalog: Catalog) -> None:
    from flows.errors import UsageError

    with pytest.raises(UsageError, match=r"no commission 'XYZ'.*FIT-2026"):
        commission_of(catalog, "XYZ")


def test_a_record_that_fails_writes_nothing(tmp_path: Path, db_url: str) -> None:
    """`tanu sitting record` with a case that is not the commission's to decide: refused
    before anything is written (the same check runs before a waiting run is resumed)."""
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")},
        "TANU_VAR_DIR": str(tmp_path),
        "TANU_DATABASE_URL": db_url,
    }
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        'number: "40"\ncommission: FIT-2026\nheld_on: 2026-11-27\npresent: [m1, m2]\n'
        "cases:\n  - case: 9999\n    votes: {for: 2}\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [TANU, "sitting", "record", "--file", str(bad)], env=env, capture_output=True, text=True
    )
    assert done.returncode == 2 and "no case #9999" in done.stderr, done.stderr
    from flows.store.db.engine import open_database

    with open_database(db_url)() as session:
        assert session.scalars(select(SittingRow)).all() == []
        assert session.scalars(select(DecisionRow)).all() == []


def test_opening_a_sitting_needs_the_server(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env |= {"TANU_VAR_DIR": str(tmp_path), "PREFECT_HOME": str(tmp_path / "prefect")}
    done = subprocess.run(
        [TANU, "sitting", "open", "--commission", "FIT-2026", "--number", "17"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2 and "PREFECT_API_URL is not set" in done.stderr


def test_the_agenda_document_lists_each_ready_case_for_the_members(
    tmp_path: Path, catalog: Catalog, session: Session
) -> None:
    """Күн тәртібі, the fifth document: each case ready for the commission with its learner,
    discipline, evidence and what its checks found, in Kazakh; printed (PDF) without a word
    broken in its table."""
    import pypdfium2 as pdfium
    from docx import Document

    from flows.documents.batch import agenda_document
    from flows.documents.render import soffice

    cases = ready_cases(catalog, session)
    commission = commission_of(catalog, "FIT-2026")
    written = agenda_document(
        catalog, session, commission, "31", date(2026, 11, 27), tmp_path, pdf=True
    )
    doc = Document(str(written[0]))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Күн тәртібі" in text and "№ 31 отырыстың күн тәртібі" in text
    assert "2026 жылғы 27 қараша" in text
    header, *rows = doc.tables[0].rows
    assert [c.text for c in header.cells][:4] == ["№", "Іс", "Білім алушы", "Пән"]
    listed = [int(r.cells[1].text) for r in rows]
    assert listed and set(listed) <= set(cases)
    for row in rows:
        learner = row.cells[2].text
        assert "(L-" in learner and row.cells[3].text and row.cells[4].text
    if soffice() is not None:
        [pdf] = written[1:]
        printed = set(
            " ".join(
                p.get_textpage().get_text_range() for p in pdfium.PdfDocument(str(pdf))
            ).split()
        )
        words = [w for r in doc.tables[0].rows for c in r.cells for w in c.text.split()]
        assert not [w for w in words if w not in printed]
