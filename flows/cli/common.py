"""What every command shares: errors turned into messages and exit codes, the data files and
the database of the settings."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, ParamSpec, TypeVar

import typer
from rich.console import Console

from flows.datafiles import Catalog, load_catalog
from flows.errors import TanuError
from flows.settings import Settings
from flows.store.db.engine import open_database

P = ParamSpec("P")
R = TypeVar("R")


def reports_errors(fn: Callable[P, R]) -> Callable[P, R]:
    """Turn a :class:`TanuError` into its message on stderr and its exit code."""

    @wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fn(*args, **kwargs)
        except TanuError as exc:
            Console(stderr=True).print(f"[bold red]error:[/] {exc}", highlight=False)
            raise typer.Exit(exc.exit_code) from exc

    return wrapper


def catalog_of(settings: Settings) -> Catalog:
    return load_catalog(settings.data_dir)


def db_session() -> Any:
    """A session on the database of the settings (the caller closes it)."""
    settings = Settings.from_env()
    return open_database(settings.database_url)()
