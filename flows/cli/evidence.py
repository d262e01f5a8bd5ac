"""``tanu extract`` and ``tanu verify``: the fields of evidence files; one file checked."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from flows.cli.common import catalog_of, reports_errors
from flows.errors import UsageError
from recognition.case import (
    Purpose,
)


@reports_errors
def extract(
    paths: Annotated[list[Path], typer.Argument(help="PDF or image files")],
    as_json: Annotated[bool, typer.Option("--json", help="one JSON object per file")] = False,
) -> None:
    """Read the fields of evidence files (certificates, screenshots …)."""
    from extractors.errors import ExtractionError
    from extractors.pipeline import Extractor, ExtractSettings
    from flows.settings import Settings

    settings = Settings.from_env()
    catalog = catalog_of(settings)
    extractor = Extractor(
        list(catalog.platforms.values()), ExtractSettings.within(settings.extraction.limits())
    )
    exit_code = 0
    console = Console()
    for path, result in extractor.extract_many(paths):
        if isinstance(result, ExtractionError):
            exit_code = max(exit_code, result.exit_code)
            Console(stderr=True).print(f"[bold red]error:[/] {result}", highlight=False)
            continue
        data = result.to_json()
        if as_json:
            payload = data if len(paths) == 1 else {"file": str(path), **data}
            sys.stdout.write(json.dumps(payload, ensure_ascii=False) + "\n")
        else:
            _print_extraction(console, path, data)
    if exit_code:
        raise typer.Exit(exit_code)


def _print_extraction(console: Console, path: Path, data: dict[str, Any]) -> None:
    """One file's fields for a person: value, confidence and how it was found; then what a
    check will use and every warning."""
    from extractors.model import FIELD_NAMES

    console.print(f"[bold]{escape(str(path))}[/] ({data['text_source']})", highlight=False)
    for name in FIELD_NAMES:
        value = data.get(name)
        conf = data["confidence"].get(name)
        source = data["sources"].get(name, "")
        shown = "—" if value is None else escape(str(value))
        extra = f"  [dim]{conf:.2f} {escape(source)}[/]" if conf is not None else ""
        console.print(f"  {name:17} {shown}{extra}", highlight=False)
    if data["check_url"] and data["check_url"] != data["verify_url"]:
        console.print(f"  {'checked at':17} {escape(data['check_url'])}", highlight=False)
    if data["id_alternates"]:
        console.print(
            f"  {'other readings':17} {escape(', '.join(data['id_alternates']))}", highlight=False
        )
    for link in data["links"]:
        console.print(f"  {'link / QR':17} {escape(link)}", highlight=False)
    for warning in data["warnings"]:
        console.print(f"  [yellow]warning:[/] {escape(warning)}", highlight=False)


@reports_errors
def verify(
    path: Annotated[Path, typer.Argument(help="certificate or screenshot")],
    learner: Annotated[str, typer.Option(help="learner id")],
    component: Annotated[str | None, typer.Option(help="component code (for deadlines)")] = None,
    purpose: Annotated[Purpose | None, typer.Option(help="partial replacement: 5.3")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="one JSON object on stdout")] = False,
) -> None:
    """Run every check on one file — issuer, identity, deadlines, reuse, tampering — store the
    evidence and its verdict, and print the verdict."""
    from extractors.errors import ExtractionError
    from flows.cli.report import findings_table
    from flows.runtime import work_context
    from flows.store.db.models import EvidenceRow

    with work_context() as ctx:
        try:
            result = ctx.verifier.verify(path, learner, component, purpose)
        except ExtractionError as exc:
            raise UsageError(str(exc)) from exc
        ctx.session.commit()
        row = ctx.session.get(EvidenceRow, result.evidence_id)
        case_id = row.case_id if row is not None else None
        programme = ctx.catalog.learners[learner].programme
    if as_json:
        payload = {**result.as_json(), "case": case_id}
        sys.stdout.write(json.dumps(payload, ensure_ascii=False) + "\n")
        return
    console = Console()
    fields = result.verdict.extraction.to_json()
    console.print(
        f"[bold]{path.name}[/] · {learner} · evidence #{result.evidence_id} · "
        f"verdict: [bold]{result.verdict.status.value}[/]"
    )
    console.print(
        ", ".join(
            f"{k}: {v}"
            for k, v in fields.items()
            if v is not None and k not in ("confidence", "warnings")
        )
    )
    console.print(findings_table(result.verdict.findings))
    if case_id is not None:
        console.print(f"evidence #{result.evidence_id} belongs to case #{case_id}")
    else:
        console.print(
            f"evidence #{result.evidence_id} is in no case: to open one, or to add it to the "
            f"learner's, drop the file into inbox/{programme}/{component or '<component>'}/"
            f"{learner}/ (it is taken into the case, not set aside as a duplicate)",
            highlight=False,
        )
