"""``tanu sitting``: a commission sitting recorded from the secretary's record."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from flows.cli.common import (
    CommissionOption,
    DateOption,
    NumberOption,
    catalog_of,
    group,
    reports_errors,
    sitting_day,
    write_out,
)

sitting_app = group("Commission sittings.")


@sitting_app.command("open")
@reports_errors
def sitting_open(
    commission: CommissionOption,
    number: NumberOption,
) -> None:
    """Open a sitting on the Prefect server: its run waits (suspended) for the record, given in
    the Prefect UI's form or with `tanu sitting record`."""
    from flows.serving import open_sitting
    from flows.settings import Settings
    from flows.sitting.agenda import commission_of

    commission_of(catalog_of(Settings.from_env()), commission)
    run_id = open_sitting(commission, number)
    Console().print(
        f"sitting {number} of {commission} is open (flow run {run_id}); it waits for its "
        f"record: `tanu sitting template --commission {commission} --number {number}`, fill "
        "it in, then `tanu sitting record --file …` — or the form of the run in the Prefect UI",
        highlight=False,
    )


@sitting_app.command("template")
@reports_errors
def sitting_template(
    commission: CommissionOption,
    number: NumberOption,
    held_on: DateOption = None,
    out: Annotated[Path | None, typer.Option(help="the file to write (default: printed)")] = None,
) -> None:
    """The decisions file for a sitting, with the cases ready for the commission and every
    field explained in Kazakh and English."""
    from flows.settings import Settings
    from flows.sitting.agenda import agenda, commission_of, template
    from flows.store.db.engine import open_database

    settings = Settings.from_env()
    catalog = catalog_of(settings)
    found = commission_of(catalog, commission)
    day = sitting_day(settings, held_on)
    with open_database(settings.database_url)() as session:
        write_out(template(found, agenda(catalog, session, found), number, day), out)


@sitting_app.command("record")
@reports_errors
def sitting_record(
    file: Annotated[Path, typer.Option("--file", help="the secretary's record (YAML)")],
    outbox: Annotated[Path | None, typer.Option(help="the Registrar's outbox")] = None,
    pdf: Annotated[bool, typer.Option(help="PDF copies")] = True,
    wait: Annotated[
        float, typer.Option(help="seconds to wait for a resumed sitting run to end")
    ] = 600,
) -> None:
    """Decide a sitting from its record (presence, interviews, scores, votes), write decisions
    and the ledger, render the documents and deliver them to the Registrar's outbox. The whole
    record is checked first; a sitting run waiting on the Prefect server is resumed with it
    and followed to its end."""
    from flows.delivery.outbox import close_sitting, sitting_folder
    from flows.errors import TanuError
    from flows.settings import Settings
    from flows.sitting.record import apply_record, check_record, load_record, recorded_decisions
    from flows.store.db.engine import open_database

    settings = Settings.from_env()
    catalog = catalog_of(settings)
    record = load_record(file)
    console = Console()
    sessions = open_database(settings.database_url)
    with sessions() as session:
        check_record(catalog, session, record)
    if os.environ.get("PREFECT_API_URL"):  # a sitting flow may be waiting for this record
        import asyncio

        from flows.serving import resume_sitting, suspended_sitting, wait_for_end

        waiting = asyncio.run(suspended_sitting(record.commission, record.number))
        if waiting is not None:
            resume_sitting(waiting, record)
            console.print(f"resumed the waiting sitting run {waiting}; waiting for its end …")
            state, message = wait_for_end(waiting, wait)
            if state != "COMPLETED":
                raise TanuError(
                    f"the sitting run {waiting} is {state.lower()}"
                    + (f": {message}" if message else "")
                    + " — see its log in the Prefect UI"
                )
            with sessions() as session:
                for line in recorded_decisions(session, record.commission, record.number):
                    console.print(line, highlight=False)
            folder = sitting_folder(settings.var_dir / "outbox", record.commission, record.number)
            console.print(f"delivered to {folder}")
            return
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
