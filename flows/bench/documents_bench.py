"""``tanu bench documents``: the documents of a sitting (the demo's sitting 13: protocol,
register, applications, transcript inserts) rendered from their templates, documents per
second; and their PDF copies made in one LibreOffice call, seconds per document, beside one
document converted alone (LibreOffice's start, paid once per batch)."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from pydantic import BaseModel
from rich.console import Console
from sqlalchemy import select

from flows.bench.measure import Figure
from flows.datafiles import Catalog
from flows.demo.run import DEMO_SITTING
from flows.demo.scenarios import load_scenarios, run_scenario
from flows.documents import assemble
from flows.documents.render import render, soffice, to_pdf
from flows.store.db.engine import open_database
from flows.store.db.models import CaseRow, DecisionRow, SittingRow


def sitting_contexts(catalog: Catalog, data_dir: Path, db: Path) -> list[tuple[str, BaseModel]]:
    """The contexts of every document of the demo's sitting, from a fresh ledger."""
    [scenario] = [
        s
        for s in load_scenarios(data_dir / "demo" / "scenarios.yaml")
        if s.sitting and s.sitting.number == DEMO_SITTING
    ]
    with open_database(f"sqlite:///{db}")() as session:
        run_scenario(scenario, catalog, session)
        session.commit()
        sitting = session.scalars(select(SittingRow).where(SittingRow.number == DEMO_SITTING)).one()
        out: list[tuple[str, BaseModel]] = [
            ("protocol", assemble.protocol(catalog, session, sitting.id)),
            ("register", assemble.register(catalog, session, [sitting.id])),
        ]
        learners = set()
        for d in session.scalars(select(DecisionRow).where(DecisionRow.sitting_id == sitting.id)):
            case = session.get(CaseRow, d.case_id)
            assert case is not None
            out.append(("application", assemble.application(catalog, session, case.id)))
            if d.outcome == "recognised" and case.learner_id not in learners:
                learners.add(case.learner_id)
                ctx = assemble.transcript(catalog, session, case.learner_id, sitting.id)
                out.append(("transcript", ctx))
    return out


def run(catalog: Catalog, console: Console, *, data_dir: Path, rounds: int) -> list[Figure]:
    with tempfile.TemporaryDirectory(prefix="tanu-bench-docs-") as tmp:
        work = Path(tmp)
        contexts = sitting_contexts(catalog, data_dir, work / "ledger.sqlite")
        made: list[Path] = []
        started = time.perf_counter()
        for n in range(rounds):
            for i, (kind, ctx) in enumerate(contexts):
                made.append(render(kind, ctx, work / "docx" / f"{n}-{i}-{kind}.docx"))
        per_second = len(made) / (time.perf_counter() - started)
        console.print(
            f"documents: {len(made)} DOCX ({len(contexts)} kinds of a sitting × {rounds}) at "
            f"{per_second:.0f} per second"
        )
        figures = [
            Figure("documents", "DOCX rendered", f"{per_second:.0f} per second",
                   f"{len(made)} documents", "≥ 50 per second", per_second >= 50),
        ]  # fmt: skip
        if soffice() is None:
            console.print("[yellow]LibreOffice is not installed: no PDF figures[/]")
            return figures
        batch = made[: max(2, min(len(made), 24))]
        t0 = time.perf_counter()
        to_pdf(batch[:1], work / "alone")
        alone = time.perf_counter() - t0
        t0 = time.perf_counter()
        pdfs = to_pdf(batch, work / "pdf")
        per_doc = (time.perf_counter() - t0) / max(1, len(pdfs))
        console.print(
            f"PDF: {len(pdfs)} documents in one LibreOffice call, {per_doc:.2f} s each; one "
            f"document alone {alone:.2f} s"
        )
        figures.append(
            Figure("documents", "PDF per document, in a batch", f"{per_doc:.2f} s",
                   f"one alone {alone:.2f} s", "≤ 0.5 s", per_doc <= 0.5)
        )  # fmt: skip
    return figures
