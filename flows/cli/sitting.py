"""``tanu sitting``: a commission sitting recorded from the secretary's record."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from flows.cli.common import catalog_of, group, reports_errors
from flows.settings import Settings
from flows.store.db.engine import open_database

sitting_app = group("Commission sittings.")


@sitting_app.command("record")
@reports_errors
def sitting_record(
    file: Annotated[Path, typer.Option("--file", help="the secretary's record (YAML)")],
    outbox: Annotated[Path | None, typer.Option(help="the Registrar's outbox")] = None,
    pdf: Annotated[bool, typer.Option(help="PDF copies")] = True,
) -> None:
    """Decide a sitting from its record (presence, interviews, scores, votes), write decisions
    and the ledger, render the documents and deliver them to the Registrar's outbox."""
    from flows.delivery.outbox import close_sitting
    from flows.sitting.record import apply_record, load_record

    settings = Settings.from_env()
    catalog = catalog_of(settings)
    record = load_record(file)
    console = Console()
    if os.environ.get("PREFECT_API_URL"):  # a sitting flow may be waiting for this record
        import asyncio

        from flows.serving import resume_sitting, suspended_sitting

        waiting = asyncio.run(suspended_sitting(record.commission, record.number))
        if waiting is not None:
            resume_sitting(waiting, record)
            console.print(f"resumed the waiting sitting run {waiting}")
            return
    sessions = open_database(settings.database_url)
    with sessions() as session:
        sitting, decisions = apply_record(catalog, session, record)
        session.commit()
        folder, note = close_sitting(
            catalog,
            session,
            sitting,
            decisions,
            settings.var_dir,
            settings.smtp,
            pdf=pdf,
            outbox=outbox,
        )
    for d in decisions:
        console.print(
            f"{d.assessment.request.learner_id} {d.assessment.request.component}: "
            f"{d.outcome.value} ({', '.join(d.clauses)})"
        )
    if note:
        console.print(f"[yellow]{note}[/]")
    console.print(f"delivered to {folder}")
