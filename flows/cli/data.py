"""``tanu data``, ``tanu db`` and ``tanu templates``: the data files, the database, the DOCX
templates."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from extractors.errors import ExitCode
from flows.cli.common import group, reports_errors

data_app = group("The university's data files.")


db_app = group("The ledger database.")
templates_app = group("The DOCX templates in templates/.")


@data_app.command("check")
@reports_errors
def data_check(
    data_dir: Annotated[
        Path | None, typer.Option(help="data folder (default: TANU_DATA_DIR or data/)")
    ] = None,
) -> None:
    """Validate every data file; exit 1 listing each problem with its file, entry and field.
    Then the ledger's undecided cases against them (when there is a ledger): exit 1 listing
    each case they can no longer assess (a learner, programme or component taken out)."""
    from flows.cases.consistency import cases_left_unassessable
    from flows.datafiles import load_catalog, summary
    from flows.settings import Settings
    from flows.store.db.engine import existing_ledger

    settings = Settings.from_env()
    catalog = load_catalog(data_dir or settings.data_dir)
    console = Console()
    counts = ", ".join(f"{n} {what}" for what, n in summary(catalog))
    console.print(f"[green]data OK[/] ({data_dir or settings.data_dir}): {counts}")
    with existing_ledger(settings.database_url) as session:
        if session is None:
            console.print("no ledger at the newest schema here: no cases checked")
            return
        problems = cases_left_unassessable(catalog, session, settings.today())
        session.rollback()  # a check: nothing it touched is kept
    if not problems:
        console.print("[green]the ledger's undecided cases OK[/]")
        return
    for problem in problems:
        console.print(f"[red]{problem}[/]", highlight=False)
    raise typer.Exit(ExitCode.ERROR)


@db_app.command("upgrade")
@reports_errors
def db_upgrade() -> None:
    """Create or migrate the database to the newest schema."""
    from flows.settings import Settings
    from flows.store.db.engine import open_database

    settings = Settings.from_env()
    open_database(settings.database_url)
    Console().print("database is at the newest schema")


@templates_app.command("check")
@reports_errors
def templates_check() -> None:
    """List every placeholder of each template; fail on a name the code does not provide or a
    provided field that no template uses."""
    from flows.documents.render import check_templates

    console = Console()
    failed = False
    for report in check_templates():
        mark = "[green]ok[/]" if report.ok else "[red]fails[/]"
        console.print(f"{report.kind}.docx {mark}: {', '.join(sorted(report.used))}")
        for name in sorted(report.unknown):
            console.print(f"  [red]unknown placeholder[/] {name}: the code provides no such field")
        for name in sorted(report.unused):
            console.print(
                f"  [red]unused field[/] {name}: provided, but the template never uses it"
            )
        failed |= not report.ok
    if failed:
        raise typer.Exit(ExitCode.ERROR)


@templates_app.command("build")
@reports_errors
def templates_build(
    force: Annotated[bool, typer.Option(help="overwrite templates staff may have edited")] = False,
) -> None:
    """Write the first versions of the templates (kept when they exist, unless --force)."""
    from flows.documents.builder import build
    from flows.documents.render import TEMPLATES

    written = build(TEMPLATES, force=force)
    Console().print(f"written: {', '.join(p.name for p in written) or 'nothing (they exist)'}")
