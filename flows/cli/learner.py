"""``tanu learner``: what tanu holds about one learner (export), and its erasure."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from flows.cli.common import group, reports_errors, write_out
from flows.errors import UsageError
from flows.intake.folders import Folders
from flows.privacy.personal import erase_learner, export_learner
from flows.settings import Settings
from flows.store.db.engine import open_database

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
