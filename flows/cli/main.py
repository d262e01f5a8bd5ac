"""The ``tanu`` command line (Typer): one module per command group; each command parses, calls
one function of the step it belongs to, and prints. Errors print their message and exit with
their code (flows.errors)."""

from __future__ import annotations

from typing import Any

import typer

from flows.cli import bench, case, data, evidence, learner, operate, render, sitting
from flows.cli.common import EXIT_CODES

app = typer.Typer(
    help="tanu: recognition of non-formal learning outcomes (Esenov University regulation).",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    epilog=EXIT_CODES,
)

app.add_typer(sitting.sitting_app, name="sitting")
app.add_typer(data.templates_app, name="templates")
app.add_typer(render.render_app, name="render")
app.add_typer(bench.bench_app, name="bench")
app.add_typer(data.data_app, name="data")
app.add_typer(case.case_app, name="case")
app.add_typer(data.db_app, name="db")
app.add_typer(learner.learner_app, name="learner")
for command in (
    operate.demo,
    evidence.extract,
    evidence.verify,
    operate.intake,
    case.status,
    operate.nightly,
    operate.serve,
    operate.doctor,
    operate.backup,
    operate.restore,
    operate.stand_in,
):
    app.command(epilog=EXIT_CODES)(command)


@app.callback()
def _logging() -> None:
    """tanu reports unreadable files itself, with the reason; pypdf's own warnings about the
    same files ("EOF marker not found") would only repeat it less clearly."""
    import logging

    logging.getLogger("pypdf").setLevel(logging.ERROR)


def main(argv: list[str] | None = None) -> Any:
    return app(argv)
