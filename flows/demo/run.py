"""``tanu demo``: the sample data and scenarios, decided into a fresh ledger under var/demo/."""

from __future__ import annotations

import shutil
from pathlib import Path

from rich.console import Console
from rich.rule import Rule
from sqlalchemy import select

from flows.cli.report import print_case
from flows.datafiles import load_catalog, summary
from flows.demo.evidence import verify_samples
from flows.demo.pipeline import run_pipeline
from flows.demo.scenarios import load_scenarios, run_scenario
from flows.documents.batch import sitting_documents
from flows.settings import Settings
from flows.store.db.engine import open_database
from flows.store.db.models import SittingRow

DEMO_SITTING = "13"  # the sitting whose documents the demo writes (the cap scenario)


def run_demo(settings: Settings, scenario_file: Path | None = None) -> int:
    console = Console()
    catalog = load_catalog(settings.data_dir)
    console.print(
        "[bold]tanu demo[/] · data: " + ", ".join(f"{n} {what}" for what, n in summary(catalog))
    )
    path = scenario_file or settings.data_dir / "demo" / "scenarios.yaml"
    scenarios = load_scenarios(path)

    demo_dir = settings.var_dir / "demo"
    shutil.rmtree(demo_dir, ignore_errors=True)  # the demo always starts from an empty ledger
    url = f"sqlite:///{demo_dir / 'tanu.sqlite'}"
    sessions = open_database(url)

    failures = 0
    with sessions() as session:
        for scenario in scenarios:
            console.print(Rule(f"{scenario.name}  [dim]({', '.join(scenario.clauses)})[/]"))
            if scenario.description:
                console.print(scenario.description, style="dim")
            run = run_scenario(scenario, catalog, session)
            for result in run.cases:
                learner = catalog.learners[result.spec.learner]
                print_case(console, learner, result.assessment, result.decision)
            for wrong in run.problems():
                failures += 1
                console.print(f"[bold red]unexpected:[/] {wrong}")
        console.print(Rule("Evidence: issuer, identity, deadlines, reuse, tampering"))
        failures += verify_samples(catalog, session, demo_dir / "evidence", console)
        session.commit()
        console.print(Rule("Documents for the Registrar"))
        sitting = session.scalar(select(SittingRow).where(SittingRow.number == DEMO_SITTING))
        if sitting is None:
            failures += 1
            console.print(f"[bold red]no sitting {DEMO_SITTING} to write documents for[/]")
        else:
            docx, pdfs, note = sitting_documents(catalog, session, sitting, demo_dir / "outbox")
            for path in [*docx, *pdfs]:
                console.print(f"written: {path}")
            if note:
                console.print(f"[yellow]{note}[/]")
        console.print(Rule("The main job: inbox → intake → sitting → the Registrar's outbox"))
        failures += run_pipeline(catalog, session, demo_dir, console)
    console.print(Rule())
    console.print(f"ledger: {demo_dir / 'tanu.sqlite'} · sample evidence: {demo_dir / 'evidence'}")
    if failures:
        console.print(f"[bold red]{failures} result(s) differ from the scenarios' expectations[/]")
        return 1
    console.print(f"[green]{len(scenarios)} scenarios decided as the regulation expects[/]")
    return 0
