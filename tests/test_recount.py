"""The Registrar's re-count into another programme (4.2, 4.3, 5.13): the rules on their own,
the ledger that follows the learner (an annulment releases the carried row too, a second
re-count carries nothing twice), the transcript insert, and the command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from flows.cases.casework import assess_request, case_request
from flows.cases.recount import recount_learner
from flows.datafiles import Catalog
from flows.demo.scenario_steps import HistorySpec, record_history
from flows.documents import assemble
from flows.errors import UsageError
from flows.nightly.recheck import NightlyReport, reassess_cases
from flows.sitting.agenda import agenda, commission_of
from flows.store import ledger
from flows.store.db.engine import open_database
from flows.store.db.models import DecisionRow, RecognisedCreditRow
from recognition.case import Education, Purpose
from recognition.catalog import Component, ComponentKind, Level, Programme
from recognition.recount import Conclusion, Earlier, recount

TANU = str(Path(sys.executable).parent / "tanu")
PROJECT = Path(__file__).resolve().parent.parent


def _programme(*components: tuple[str, str, int, ComponentKind]) -> Programme:
    parts = [
        Component(code=c, name_kk=n, credits=k, hours=k * 30, kind=t) for c, n, k, t in components
    ]
    return Programme(
        code="NEW", name_kk="Жаңа", level=Level.BACHELOR, faculty="F",
        total_credits=sum(p.credits for p in parts), components=parts,
    )  # fmt: skip


NEW = _programme(
    ("A1", "Философия", 5, ComponentKind.COMPULSORY),
    ("A2", "Физика", 5, ComponentKind.UNIVERSITY),
    ("A3", "Python тілінде бағдарламалау", 6, ComponentKind.ELECTIVE),
    ("A4", "Дипломдық жоба", 12, ComponentKind.DIPLOMA),
    ("A5", "Бос пән", 32, ComponentKind.ELECTIVE),
)  # 60 credits: the cap at 20% is 12


def _earlier(ref: int, name: str, credits: int = 5, points: int = 80, **kw: object) -> Earlier:
    values: dict[str, object] = {
        "ref": ref, "programme": "OLD", "component": f"X{ref}", "name_kk": name,
        "credits": credits, "education": Education.NON_FORMAL,
        "recognised_on": date(2025, 1, ref), "points": points,
    }  # fmt: skip
    values.update(kw)
    return Earlier(**values)  # type: ignore[arg-type]


def _run(earlier: list[Earlier], **kw: object) -> dict[str, tuple[bool, str, str | None]]:
    from flows.datafiles import load_catalog

    scale = load_catalog(PROJECT / "data").scales["credit-technology"].at(date(2026, 9, 1))
    args: dict[str, object] = {
        "recognised": frozenset(), "non_formal_credits": 0, "share": Fraction(1, 5),
        "scale": scale,
    }  # fmt: skip
    args.update(kw)
    items = recount(earlier, NEW, **args)  # type: ignore[arg-type]
    return {
        i.earlier.component: (i.carried, i.finding.rule, i.component.code if i.component else None)
        for i in items
    }


@pytest.mark.parametrize(
    ("earlier", "expected"),
    [
        # the same discipline whatever the letter case and spacing (4.2)
        (_earlier(1, "  ФИЛОСОФИЯ "), (True, "recount.carried", "A1")),
        # no discipline of that name: the department's conclusion is missing (5.13)
        (_earlier(1, "Тарих"), (False, "recount.match", None)),
        # 5 credits do not cover a 6-credit discipline: whole or not at all
        (_earlier(1, "Python тілінде бағдарламалау", 5), (False, "recount.credits", "A3")),
        # more credits than needed cover it
        (_earlier(1, "Python тілінде бағдарламалау", 8), (True, "recount.carried", "A3")),
        # diploma work never from non-formal learning (4.7)
        (_earlier(1, "Дипломдық жоба", 12), (False, "recount.diploma", "A4")),
        # only positive grades are carried (4.2)
        (_earlier(1, "Физика", points=45), (False, "recount.grade", "A2")),
    ],
)
def test_the_rules_of_the_recount(earlier: Earlier, expected: tuple[bool, str, str]) -> None:
    assert _run([earlier])[earlier.component] == expected


def test_a_conclusion_carries_another_name_and_a_component_is_taken_once() -> None:
    got = _run(
        [_earlier(1, "Тарих"), _earlier(2, "Философия"), _earlier(3, "философия")],
        conclusions=[Conclusion("X1", "A2", "№ 4")],
    )
    assert got["X1"] == (True, "recount.carried", "A2")
    assert got["X2"] == (True, "recount.carried", "A1")
    assert got["X3"] == (False, "recount.once", "A1")  # the earlier of the two took it
    assert _run([_earlier(1, "Физика")], recognised=frozenset({"A2"}))["X1"][1] == "recount.once"
    with pytest.raises(KeyError):
        _run([_earlier(1, "Тарих")], conclusions=[Conclusion("X9", "A2", "№ 4")])


def test_the_new_programmes_cap_counts_non_formal_credits_only() -> None:
    earlier = [
        _earlier(1, "Философия"),
        _earlier(2, "Физика", education=Education.FORMAL),
        _earlier(3, "Python тілінде бағдарламалау", 6),
    ]
    # 3 already recognised + 5 (philosophy) = 8; physics is formal; 8 + 6 = 14 > 12
    got = _run(earlier, non_formal_credits=3)
    assert got == {
        "X1": (True, "recount.carried", "A1"),
        "X2": (True, "recount.carried", "A2"),
        "X3": (False, "cap.within", "A3"),
    }


def test_a_component_the_cap_refuses_is_still_open_to_a_formal_claimant() -> None:
    """Two earlier recognitions of one discipline: the earlier, non-formal, is over the cap;
    the later, formal, is outside it and carries the discipline (not "already recognised")."""
    earlier = [
        _earlier(1, "Философия"),
        _earlier(2, "философия", education=Education.FORMAL),
        _earlier(3, "Философия"),
    ]
    got = _run(earlier, non_formal_credits=10)  # 10 + 5 > 12
    assert got == {
        "X1": (False, "cap.within", "A1"),
        "X2": (True, "recount.carried", "A1"),
        "X3": (False, "recount.once", "A1"),
    }
    # within the cap the earliest claimant takes it, as before
    assert _run(earlier)["X1"] == (True, "recount.carried", "A1")
    assert _run(earlier)["X2"] == (False, "recount.once", "A1")


def _history(catalog: Catalog, session: Session) -> None:
    for component, score in (("HMK1101", 85), ("PRG1205", 90), ("FIL2101", 70)):
        record_history(
            HistorySpec(
                learner="L-0007", programme="6B06101", component=component,
                submitted_on=date(2025, 2, 1), decided_on=date(2025, 2, 20), score=Decimal(score),
            ),
            catalog,
            session,
        )  # fmt: skip


def test_the_ledger_follows_the_learner(catalog: Catalog, session: Session) -> None:
    _history(catalog, session)
    day = date(2026, 9, 1)
    with pytest.raises(UsageError, match="record the transfer there first"):
        recount_learner(catalog, session, "L-0007", to="6B06101", day=day, basis="-", record=True)
    done = recount_learner(
        catalog, session, "L-0007", to="6B07201", day=day, basis="№ 312-б бұйрық",
        conclusions=[Conclusion("PRG1205", "PAY3215", "кафедраның № 4 қорытындысы")],
        record=True,
    )  # fmt: skip
    session.commit()
    assert {i.component.code for i in done.carried if i.component} == {
        "HMK1101", "PAY3215", "FIL2101",
    }  # fmt: skip
    assert ledger.prior_non_formal_credits(session, "L-0007", "6B07201") == 15
    # the earlier programme keeps its own rows: the ledger belongs to the learner (4.3)
    assert ledger.prior_non_formal_credits(session, "L-0007", "6B06101") == 16
    insert = assemble.transcript(catalog, session, "L-0007")
    rows = {r.code: r for r in insert.rows}
    assert set(rows) == {"HMK1101", "PAY3215", "FIL2101"}
    assert rows["PAY3215"].credits == 5 and rows["PAY3215"].letter == "A-"
    assert "6B06101 PRG1205" in rows["PAY3215"].basis
    assert "қайта есептеу: № 312-б бұйрық" in rows["PAY3215"].basis
    assert "кафедраның қорытындысы: кафедраның № 4 қорытындысы (5.13)" in rows["PAY3215"].basis

    from flows.privacy.personal import export_learner

    [stored] = export_learner(session, "L-0007")["recounts"]  # a request for one's data
    assert stored["programme"] == "6B07201" and "recount.carried" in stored["findings"]
    again = recount_learner(
        catalog, session, "L-0007", to="6B07201", day=day, basis="№ 312-б бұйрық", record=True
    )
    assert again.items == [] and again.already == 3  # nothing carried twice

    # an appeal annuls the first decision: the carried row no longer counts either
    [hmk] = session.scalars(
        select(RecognisedCreditRow).where(
            RecognisedCreditRow.component == "HMK1101", RecognisedCreditRow.programme == "6B06101"
        )
    ).all()
    assert hmk.decision_id is not None
    ledger.correct(
        session, hmk.decision_id, ledger.ANNULLED, "appeals", "А-1", date(2026, 10, 1), "—"
    )
    session.commit()
    assert ledger.prior_non_formal_credits(session, "L-0007", "6B07201") == 10
    assert "HMK1101" not in {r.code for r in assemble.transcript(catalog, session, "L-0007").rows}
    assert session.get(DecisionRow, hmk.decision_id) is not None  # nothing deleted


def test_a_case_left_in_the_old_programme_is_to_be_filed_again(
    catalog: Catalog, session: Session
) -> None:
    """An undecided case filed before the transfer: the night assesses it (instead of failing
    its batch every night) as to be filed again for the new programme (4.2), which takes it off
    the agenda; the re-count assesses it at once and says so; a new request for the old
    programme stays the user's error."""
    learner = catalog.learners["L-0007"].model_copy(update={"programme": "6B06101"})
    then = replace(catalog, learners={**catalog.learners, "L-0007": learner})
    filed = date(2026, 8, 3)
    request = case_request(
        then, "L-0007", "FIL2101", filed, purpose=Purpose.FULL_REPLACEMENT,
        education=Education.NON_FORMAL, platform="coursera",
    )  # fmt: skip
    _, row = assess_request(then, session, request, filed, record=True)
    assert row is not None and row.status == "ready"
    session.commit()
    fit = commission_of(catalog, "FIT-2026")
    assert row.id in {i.case for i in agenda(catalog, session, fit)}

    night = NightlyReport(date(2026, 9, 2))
    reassess_cases(catalog, session, [row.id], night.day, timedelta(days=30), night)
    session.commit()
    assert row.status == "incomplete" and night.changed, night.text()
    [moved] = [f for f in row.findings if f.rule == "case.programme"]
    assert moved.clause == "4.2" and "6B07201" in moved.reason_en
    assert row.id not in {
        i.case for i in agenda(catalog, session, commission_of(catalog, "FIT-2026"))
    }

    result = recount_learner(
        catalog, session, "L-0007", to="6B07201", day=night.day, basis="№ 1", record=False
    )
    assert result.left == [(row.id, "6B06101 FIL2101", "incomplete")]
    with pytest.raises(UsageError, match="studies 6B07201"):
        assess_request(catalog, session, request, night.day, record=False)


def test_tanu_learner_recount(tmp_path: Path, catalog: Catalog) -> None:
    url = f"sqlite:///{tmp_path / 'tanu.sqlite'}"
    with open_database(url)() as session:
        _history(catalog, session)
        session.commit()
    env = {**os.environ, "TANU_VAR_DIR": str(tmp_path), "TANU_DATABASE_URL": url}
    env["COLUMNS"] = "200"

    def tanu(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([TANU, *args], capture_output=True, text=True, env=env, check=False)

    common = ["learner", "recount", "L-0007", "--basis", "№ 312-б", "--date", "2026-09-01"]
    wrong = tanu(*common, "--to", "6B06101")
    assert wrong.returncode == 2 and "record the transfer there first" in wrong.stderr
    lonely = tanu(*common, "--to", "6B07201", "--equivalent", "PRG1205=PAY3215")
    assert lonely.returncode == 2 and "needs --conclusion" in lonely.stderr
    unknown = tanu(*common, "--to", "6B07201", "--equivalent", "PRG1205=NOPE", "--conclusion", "x")
    assert unknown.returncode == 2 and "no component 'NOPE'" in unknown.stderr
    dry = tanu(*common, "--to", "6B07201", "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "would carry 2 of 3 (10 credits)" in dry.stdout, dry.stdout
    assert "6B06101 PRG1205 (6 cr, 90 pts) — not carried" in dry.stdout
    carried = tanu(
        *common, "--to", "6B07201", "--equivalent", "PRG1205=PAY3215", "--conclusion", "№ 4"
    )
    assert carried.returncode == 0, carried.stderr
    assert "carried 3 of 3 (15 credits) into 6B07201" in carried.stdout, carried.stdout
    rendered = tanu(
        "render", "transcript", "--learner", "L-0007", "--out", str(tmp_path), "--no-pdf"
    )
    assert rendered.returncode == 0, rendered.stderr
    from docx import Document

    doc = Document(str(tmp_path / "transcript-L-0007.docx"))
    cells = " ".join(c.text for t in doc.tables for row in t.rows for c in row.cells)
    assert "PAY3215" in cells and "қайта есептеу: № 312-б" in cells, cells

    # the Registrar reads the lifelong ledger: both programmes, what came from where
    credits = tanu("learner", "credits", "L-0007", "--json", "--date", "2026-09-01")
    assert credits.returncode == 0, credits.stderr
    data = json.loads(credits.stdout)
    [new, old] = data["programmes"]
    assert (new["programme"], new["present"], old["programme"]) == ("6B07201", True, "6B06101")
    assert {r["component"] for r in old["rows"]} == {"HMK1101", "PRG1205", "FIL2101"}
    assert {r["carried_from"] for r in new["rows"]} == {
        "6B06101 HMK1101", "6B06101 PRG1205", "6B06101 FIL2101"
    }  # fmt: skip
    assert new["non_formal_credits"] == sum(r["credits"] for r in new["rows"])
    assert new["cap_credits"] is not None and new["non_formal_credits"] <= new["cap_credits"]
    text = tanu("learner", "credits", "L-0007", "--date", "2026-09-01")
    assert "6B07201 (present programme)" in text.stdout, text.stdout
    assert "carried from 6B06101 PRG1205" in text.stdout
    assert tanu("learner", "credits", "L-9999").returncode == 2
