"""``tanu learner``: what tanu holds about one learner (export), its erasure, its lifelong
ledger (credits), and the Registrar's re-count of its recognitions into the programme it moved
to (4.2)."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from flows.cli.common import catalog_of, group, reports_errors, sitting_day, write_out
from flows.errors import UsageError

learner_app = group("A learner's personal data.")
log = logging.getLogger(__name__)


@learner_app.command("export")
@reports_errors
def learner_export(
    learner_id: Annotated[str, typer.Argument(help="the learner's ID, e.g. L-0001")],
    out: Annotated[
        Path | None, typer.Option(help="write the JSON to this file (readable by you only)")
    ] = None,
) -> None:
    """Everything the ledger holds about one learner, as JSON (a request for one's data)."""
    from flows.privacy.personal import export_learner
    from flows.settings import Settings
    from flows.store.db.engine import open_database

    settings = Settings.from_env()
    with open_database(settings.database_url)() as session:
        data = export_learner(session, learner_id)
    write_out(json.dumps(data, ensure_ascii=False, indent=2) + "\n", out)


@learner_app.command("erase")
@reports_errors
def learner_erase(
    learner_id: Annotated[str, typer.Argument(help="the learner's ID, e.g. L-0001")],
    yes: Annotated[bool, typer.Option("--yes", help="erase without asking")] = False,
) -> None:
    """Remove a learner's files and what was read from them; keep the decisions and credits
    the law needs (printed)."""
    from flows.intake.folders import Folders
    from flows.privacy.personal import erase_learner
    from flows.settings import Settings
    from flows.store.db.engine import open_database

    settings = Settings.from_env()
    if not yes and not typer.confirm(
        f"Erase the files of {learner_id} and what was read from them? Decisions and credits "
        "are kept."
    ):
        raise UsageError("nothing erased")
    folders = Folders.under(settings.var_dir)
    with open_database(settings.database_url)() as session:
        removal = erase_learner(session, folders, learner_id)
        session.commit()
    log.info("learner erased: %s", removal.text())
    Console().print(removal.text(), highlight=False)


@learner_app.command("credits")
@reports_errors
def learner_credits(
    learner_id: Annotated[str, typer.Argument(help="the learner's ID, e.g. L-0001")],
    on: Annotated[
        str | None, typer.Option("--date", help="the share in force on this day, YYYY-MM-DD")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """The learner's lifelong ledger (4.3): what is recognised in every programme, the grade
    that stands, what a re-count carried from where, and the non-formal credits against each
    programme's share (4.6)."""
    from flows.cases.credits import learner_credits as ledger_of
    from flows.settings import Settings
    from flows.store.db.engine import open_database

    settings = Settings.from_env()
    catalog = catalog_of(settings)
    day = sitting_day(settings, on)
    with open_database(settings.database_url)() as session:
        data = ledger_of(catalog, session, learner_id, day)
    if as_json:
        write_out(json.dumps(data, ensure_ascii=False) + "\n", None)
        return
    console = Console(highlight=False)
    for p in data["programmes"]:
        cap = "" if p["cap_credits"] is None else f" of at most {p['cap_credits']:g}"
        console.print(
            f"[bold]{p['programme']}[/]{' (present programme)' if p['present'] else ''}: "
            f"{p['credits']} credits recognised, {p['non_formal_credits']} non-formal{cap}"
        )
        if not p["rows"]:
            console.print("  nothing recognised")
        for r in p["rows"]:
            carried = f", carried from {r['carried_from']}" if r["carried_from"] else ""
            console.print(
                f"  {r['recognised_on']} {r['component']} «{r['name']}» {r['credits']} cr, "
                f"{r['points']} pts {r['letter']}, {r['education']}{carried} — {r['basis']}"
            )


@learner_app.command("recount")
@reports_errors
def learner_recount(
    learner_id: Annotated[str, typer.Argument(help="the learner's ID, e.g. L-0001")],
    to: Annotated[
        str, typer.Option(help="the programme the learner moved to (as data/learners.yaml says)")
    ],
    basis: Annotated[str, typer.Option(help="the order of the transfer: its number and date")],
    equivalent: Annotated[
        list[str],
        typer.Option(
            help="EARLIER=NEW: a discipline of another name re-counted on the department's "
            "conclusion (5.13); repeat for each pair"
        ),
    ] = [],  # noqa: B006 - typer reads the default, never mutates it
    conclusion: Annotated[
        str | None,
        typer.Option(help="the department's reasoned conclusion for --equivalent: number, date"),
    ] = None,
    on: Annotated[
        str | None, typer.Option("--date", help="the day of the re-count, YYYY-MM-DD (today)")
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="show what would be carried; record nothing")
    ] = False,
) -> None:
    """Carry a transferred learner's earlier recognitions into the new programme (4.2, 4.3):
    disciplines of the same name by themselves, others on the department's conclusion (5.13);
    the new programme's 20% counts what is carried. Record the transfer in data/learners.yaml
    first. The transcript insert then shows the carried rows."""
    from flows.cases.recount import recount_learner
    from flows.settings import Settings
    from flows.store.db.engine import open_database
    from recognition.recount import Conclusion

    if equivalent and not conclusion:
        raise UsageError("--equivalent needs --conclusion: the department's reasoned conclusion")
    pairs = []
    for pair in equivalent:
        earlier, sep, new = pair.partition("=")
        if not sep or not earlier.strip() or not new.strip():
            raise UsageError(
                f"--equivalent {pair!r}: write it as EARLIER=NEW, e.g. PRG1205=PAY3215"
            )
        pairs.append(Conclusion(earlier.strip(), new.strip(), conclusion or ""))
    settings = Settings.from_env()
    catalog = catalog_of(settings)
    day = sitting_day(settings, on)
    programme = catalog.programmes.get(to)
    if programme is None:
        raise UsageError(f"no programme {to!r} in data/programmes/")
    codes = {c.code for c in programme.components}
    for c in pairs:
        if c.component not in codes:
            raise UsageError(f"--equivalent: programme {to} has no component {c.component!r}")
    with open_database(settings.database_url)() as session:
        result = recount_learner(
            catalog, session, learner_id, to=to, day=day, basis=basis,
            conclusions=pairs, record=not dry_run,
        )  # fmt: skip
        if not dry_run:
            session.commit()
    console = Console()
    if result.already:
        console.print(f"{result.already} recognition(s) were carried by an earlier re-count")
    for case, component, status in result.left:
        console.print(
            f"case #{case} ({component}) {'would be' if dry_run else 'is now'} {status}: "
            f"filed for another programme, to be filed again for {to} (4.2)",
            highlight=False,
        )
    if not result.items:
        console.print(f"nothing to re-count for {learner_id} into {to}", highlight=False)
        return
    for item in result.items:
        e = item.earlier
        mark = "carried" if item.carried else "not carried"
        console.print(
            f"{e.programme} {e.component} ({e.credits} cr, {e.points} pts) — {mark}: "
            f"{item.finding.reason_en} [{item.finding.clause}]",
            highlight=False,
        )
    total = sum(i.component.credits for i in result.carried if i.component)
    verb = "would carry" if dry_run else "carried"
    console.print(
        f"{verb} {len(result.carried)} of {len(result.items)} ({total} credits) into {to}",
        highlight=False,
    )
    if not dry_run and result.carried:
        console.print(f"the transcript insert: tanu render transcript --learner {learner_id}")
