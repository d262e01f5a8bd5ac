"""What every command shares: errors turned into messages and exit codes, the data files and
the database of the settings."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ParamSpec, TypeVar

import typer
from rich.console import Console
from rich.markup import escape

from extractors.errors import ExitCode
from flows.errors import TanuError, UsageError

if TYPE_CHECKING:
    from flows.datafiles import Catalog
    from flows.settings import Settings

# Only what `tanu --help` needs is imported here and at the top of the command modules: the
# database, the data files' schemas and Prefect are imported by the commands that use them
# (tests/test_cli.py::test_help_loads_no_heavy_modules).

EXIT_CODES = f"Exit codes: {ExitCode.explained()}."
P = ParamSpec("P")
R = TypeVar("R")


def write_out(text: str, out: Path | None) -> None:
    """``text`` on stdout, or into ``out`` for tanu's user only (it may hold personal data)."""
    from flows.intake.folders import write_private

    if out is None:
        sys.stdout.write(text)
        return
    write_private(out, text)
    Console(stderr=True).print(f"written to {out}", highlight=False)


def group(help: str) -> typer.Typer:
    """A command group, its help ending with the exit codes."""
    return typer.Typer(help=help, no_args_is_help=True, epilog=EXIT_CODES)


def reports_errors(fn: Callable[P, R]) -> Callable[P, R]:
    """Turn a :class:`TanuError` into its message on stderr and its exit code; a file the
    command was given that is missing, a folder, or not readable is a usage error (exit 2)."""

    @wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fn(*args, **kwargs)
        except TanuError as exc:
            _say(str(exc))
            raise typer.Exit(exc.exit_code) from exc
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError, PermissionError) as exc:
            what = {
                FileNotFoundError: "no such file",
                IsADirectoryError: "a folder, not a file",
                NotADirectoryError: "a file where a folder is expected",
                PermissionError: "not accessible to this user (see its permissions)",
            }[type(exc)]
            _say(f"{exc.filename}: {what}")
            raise typer.Exit(UsageError.exit_code) from exc

    return wrapper


def _say(message: str) -> None:
    # one line per message, unwrapped: a service's log (journalctl) keeps it whole
    Console(stderr=True, soft_wrap=True).print(
        f"[bold red]error:[/] {escape(message)}", highlight=False
    )


def catalog_of(settings: Settings) -> Catalog:
    from flows.datafiles import load_catalog

    return load_catalog(settings.data_dir)


def db_session() -> Any:
    """A session on the database of the settings (the caller closes it)."""
    from flows.settings import Settings
    from flows.store.db.engine import open_database

    settings = Settings.from_env()
    return open_database(settings.database_url)()


# The options that name a sitting, the same for every command that takes them.
CommissionOption = Annotated[str, typer.Option(help="the commission, e.g. FIT-2026")]
NumberOption = Annotated[str, typer.Option(help="the sitting's protocol number")]
DateOption = Annotated[
    str | None, typer.Option("--date", help="the sitting's date, YYYY-MM-DD (today)")
]


def sitting_day(settings: Settings, held_on: str | None) -> date:
    """The sitting's date from ``--date``, or today in the university's time zone."""
    try:
        return date.fromisoformat(held_on) if held_on else settings.today()
    except ValueError as exc:
        raise UsageError(f"--date {held_on!r} is not a date (YYYY-MM-DD)") from exc
