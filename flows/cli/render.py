"""``tanu render``: Kazakh documents from the database."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from flows.cli.common import (
    CommissionOption,
    DateOption,
    NumberOption,
    catalog_of,
    db_session,
    group,
    reports_errors,
    sitting_day,
)
from flows.errors import UsageError

render_app = group("Kazakh documents from the database.")


def render_out(kind: str, context: Any, out: Path | None, name: str, pdf: bool) -> None:
    from flows.documents.render import render, to_pdf
    from flows.settings import Settings

    settings = Settings.from_env()
    folder = out or settings.var_dir / "outbox"
    docx = render(kind, context, folder / f"{name}.docx")
    console = Console()
    console.print(f"written: {docx}")
    if pdf:
        pdfs = to_pdf([docx], folder)
        if pdfs:
            console.print(f"written: {pdfs[0]}")
        else:
            console.print(
                "LibreOffice is not installed: kept the DOCX only "
                "(apt-get install libreoffice-writer-nogui)"
            )


def _sitting_id(session: Any, number: str, commission: str | None) -> int:
    """A sitting by its protocol number (and commission, when two share the number)."""
    from sqlalchemy import select
    from sqlalchemy.engine import make_url

    from flows.settings import Settings
    from flows.store.db.models import SittingRow

    query = select(SittingRow).where(SittingRow.number == number)
    if commission:
        query = query.where(SittingRow.commission_id == commission)
    found = session.scalars(query).all()
    if not found:
        settings = Settings.from_env()
        where = make_url(settings.database_url).render_as_string(hide_password=True)
        demo = settings.var_dir / "demo" / "tanu.sqlite"
        hint = (
            f"; the demo keeps its own ledger: TANU_DATABASE_URL=sqlite:///{demo} tanu render …"
            if demo.is_file() and not where.endswith(str(demo))
            else ""
        )
        raise UsageError(f"no sitting with protocol number {number!r} in {where}{hint}")
    if len(found) > 1:
        raise UsageError(
            f"several commissions have a sitting {number!r}: add --commission "
            f"({', '.join(s.commission_id for s in found)})"
        )
    return int(found[0].id)


@render_app.command("application")
@reports_errors
def render_application(
    case: Annotated[int, typer.Option(help="case number in the database")],
    out: Annotated[Path | None, typer.Option(help="folder (default var/outbox)")] = None,
    pdf: Annotated[bool, typer.Option(help="also a PDF copy")] = True,
) -> None:
    """Өтініш (Appendix 1), prefilled from a case."""
    from flows.documents import assemble
    from flows.settings import Settings

    with db_session() as session:
        ctx = assemble.application(catalog_of(Settings.from_env()), session, case)
    render_out("application", ctx, out, f"otinish-case-{case}", pdf)


@render_app.command("protocol")
@reports_errors
def render_protocol(
    sitting: Annotated[str, typer.Option(help="the sitting's protocol number")],
    commission: Annotated[str | None, typer.Option(help="commission id, if needed")] = None,
    out: Annotated[Path | None, typer.Option(help="folder (default var/outbox)")] = None,
    pdf: Annotated[bool, typer.Option(help="also a PDF copy")] = True,
) -> None:
    """Хаттама of a commission sitting (5.9)."""
    from flows.documents import assemble
    from flows.settings import Settings

    with db_session() as session:
        ctx = assemble.protocol(
            catalog_of(Settings.from_env()), session, _sitting_id(session, sitting, commission)
        )
    render_out("protocol", ctx, out, f"hattama-{ctx.number}", pdf)


@render_app.command("transcript")
@reports_errors
def render_transcript(
    learner: Annotated[str, typer.Option(help="learner id")],
    sitting: Annotated[str | None, typer.Option(help="only this sitting's decisions")] = None,
    commission: Annotated[str | None, typer.Option(help="commission id, if needed")] = None,
    out: Annotated[Path | None, typer.Option(help="folder (default var/outbox)")] = None,
    pdf: Annotated[bool, typer.Option(help="also a PDF copy")] = True,
) -> None:
    """Транскриптке енгізу (5.10, 5.11) of a learner's recognised components."""
    from flows.documents import assemble
    from flows.settings import Settings

    with db_session() as session:
        ctx = assemble.transcript(
            catalog_of(Settings.from_env()),
            session,
            learner,
            None if sitting is None else _sitting_id(session, sitting, commission),
        )
    render_out("transcript", ctx, out, f"transcript-{learner}", pdf)


@render_app.command("register")
@reports_errors
def render_register(
    sitting: Annotated[list[str], typer.Option(help="protocol numbers of sittings; repeat")],
    commission: Annotated[str | None, typer.Option(help="commission id, if needed")] = None,
    out: Annotated[Path | None, typer.Option(help="folder (default var/outbox)")] = None,
    pdf: Annotated[bool, typer.Option(help="also a PDF copy")] = True,
) -> None:
    """Тіркеу кеңсесінің тізілімі: one row per decision of the sittings."""
    from flows.documents import assemble
    from flows.settings import Settings

    with db_session() as session:
        ctx = assemble.register(
            catalog_of(Settings.from_env()),
            session,
            [_sitting_id(session, n, commission) for n in sitting],
        )
    render_out("register", ctx, out, "tizilim", pdf)


@render_app.command("agenda")
@reports_errors
def render_agenda(
    commission: CommissionOption,
    number: NumberOption,
    held_on: DateOption = None,
    out: Annotated[Path | None, typer.Option(help="folder (default var/sittings/C-N/)")] = None,
    pdf: Annotated[bool, typer.Option(help="a PDF copy too")] = True,
) -> None:
    """Күн тәртібі: the agenda of a sitting for the commission's members — each ready case with
    its evidence and what its checks found."""
    from flows.documents.batch import agenda_document
    from flows.settings import Settings
    from flows.sitting.agenda import commission_of
    from flows.store.db.engine import open_database

    settings = Settings.from_env()
    catalog = catalog_of(settings)
    found = commission_of(catalog, commission)
    day = sitting_day(settings, held_on)
    folder = out or settings.var_dir / "sittings" / f"{commission}-{number}"
    with open_database(settings.database_url)() as session:
        written = agenda_document(catalog, session, found, number, day, folder, pdf)
    for path in written:
        Console().print(f"written: {path}", highlight=False)
