"""The ``tanu`` command line (Typer). Errors print their message and exit with their code."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import wraps
from pathlib import Path
from typing import Annotated, Any, ParamSpec, TypeVar

import typer
from rich.console import Console
from rich.markup import escape

from flows.cases.casework import (
    SittingItem,
    assess_request,
    case_request,
    commission_tally,
    decide_sitting,
)
from flows.cli.report import case_json, print_case
from flows.datafiles import Catalog, load_catalog, summary
from flows.errors import TanuError, UsageError
from flows.settings import Settings
from flows.store.db.engine import open_database
from recognition.assessment import CommissionInput
from recognition.case import (
    Correspondence,
    Document,
    DocumentKind,
    Education,
    Purpose,
)
from recognition.grading import to_points
from recognition.vote import Ballot

app = typer.Typer(
    help="tanu: recognition of non-formal learning outcomes (Esenov University regulation).",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
data_app = typer.Typer(help="The university's data files.", no_args_is_help=True)
case_app = typer.Typer(help="Recognition cases.", no_args_is_help=True)
db_app = typer.Typer(help="The ledger database.", no_args_is_help=True)
bench_app = typer.Typer(help="Benchmarks that print figures.", no_args_is_help=True)
templates_app = typer.Typer(help="The DOCX templates in templates/.", no_args_is_help=True)
render_app = typer.Typer(help="Kazakh documents from the database.", no_args_is_help=True)
sitting_app = typer.Typer(help="Commission sittings.", no_args_is_help=True)
app.add_typer(sitting_app, name="sitting")
app.add_typer(templates_app, name="templates")
app.add_typer(render_app, name="render")
app.add_typer(bench_app, name="bench")
app.add_typer(data_app, name="data")
app.add_typer(case_app, name="case")
app.add_typer(db_app, name="db")


@app.callback()
def _logging() -> None:
    """tanu reports unreadable files itself, with the reason; pypdf's own warnings about the
    same files ("EOF marker not found") would only repeat it less clearly."""
    import logging

    logging.getLogger("pypdf").setLevel(logging.ERROR)


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


def _catalog(settings: Settings) -> Catalog:
    return load_catalog(settings.data_dir)


@data_app.command("check")
@reports_errors
def data_check(
    data_dir: Annotated[
        Path | None, typer.Option(help="data folder (default: TANU_DATA_DIR or data/)")
    ] = None,
) -> None:
    """Validate every data file; exit 1 listing each problem with its file, entry and field."""
    settings = Settings.from_env()
    catalog = load_catalog(data_dir or settings.data_dir)
    console = Console()
    counts = ", ".join(f"{n} {what}" for what, n in summary(catalog))
    console.print(f"[green]data OK[/] ({data_dir or settings.data_dir}): {counts}")


@db_app.command("upgrade")
@reports_errors
def db_upgrade() -> None:
    """Create or migrate the database to the newest schema."""
    settings = Settings.from_env()
    open_database(settings.database_url)
    Console().print("database is at the newest schema")


def _parse_document(text: str) -> Document:
    kind, _, day = text.partition(":")
    try:
        return Document(DocumentKind(kind), date.fromisoformat(day) if day else None)
    except ValueError as exc:
        kinds = ", ".join(k.value for k in DocumentKind)
        raise UsageError(
            f"--document {text!r}: expected KIND or KIND:YYYY-MM-DD, KIND one of {kinds}"
        ) from exc


def _parse_score(text: str | None) -> Decimal | None:
    """A 0–100 score; a decimal comma is accepted (87,5)."""
    if text is None:
        return None
    try:
        score = Decimal(text.replace(",", "."))
        to_points(score)
    except (InvalidOperation, ValueError) as exc:
        raise UsageError(f"score {text!r}: {exc}") from exc
    return score


@case_app.command("assess")
@reports_errors
def case_assess(
    learner: Annotated[str, typer.Option(help="learner id, e.g. L-0001")],
    component: Annotated[str, typer.Option(help="component code in the learner's programme")],
    score: Annotated[str | None, typer.Option(help="the commission's 100-point score")] = None,
    purpose: Annotated[Purpose, typer.Option()] = Purpose.FULL_REPLACEMENT,
    education: Annotated[Education, typer.Option()] = Education.NON_FORMAL,
    platform: Annotated[str | None, typer.Option(help="platform id from platforms.yaml")] = None,
    document: Annotated[
        list[str] | None,
        typer.Option(help="KIND[:ISSUED] given; repeat. Default: a complete set for today"),
    ] = None,
    submitted: Annotated[str | None, typer.Option(help="YYYY-MM-DD, default today")] = None,
    correspondence: Annotated[Correspondence, typer.Option()] = Correspondence.SAME,
    earlier_score: Annotated[str | None, typer.Option(help="formal outcomes: grade kept")] = None,
    present: Annotated[int | None, typer.Option(help="members present (default: all)")] = None,
    votes_for: Annotated[int | None, typer.Option("--for", help="votes for")] = None,
    against: Annotated[int, typer.Option(help="votes against")] = 0,
    abstained: Annotated[int, typer.Option(help="abstentions")] = 0,
    chair_vote: Annotated[Ballot | None, typer.Option(help="the chair's own vote")] = None,
    chair_absent: Annotated[bool, typer.Option(help="the chair did not attend")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="one JSON object on stdout")] = False,
) -> None:
    """Apply the regulation to one request and print every finding with its clause.

    Reads earlier recognitions from the ledger; records nothing. With --for (a vote), also
    decides as the commission would: 5.9, grading and the cap.
    """
    settings = Settings.from_env()
    catalog = _catalog(settings)
    try:
        day = date.fromisoformat(submitted) if submitted else date.today()
    except ValueError as exc:
        raise UsageError(f"--submitted {submitted!r} is not a date YYYY-MM-DD") from exc
    request = case_request(
        catalog,
        learner,
        component,
        day,
        purpose=purpose,
        education=education,
        documents=[_parse_document(d) for d in document] if document else None,
        platform=platform,
        correspondence=correspondence,
        earlier_score=_parse_score(earlier_score),
    )
    found = catalog.learners[request.learner_id]
    sessions = open_database(settings.database_url)
    with sessions() as session:
        assessment, _ = assess_request(catalog, session, request, day, record=False)
        decision = None
        if votes_for is not None:
            commission = catalog.commission_for(assessment.context.programme)
            tally = commission_tally(
                commission,
                votes_for,
                against,
                abstained,
                present=present,
                chair_present=not chair_absent,
                chair_vote=chair_vote,
            )
            [decision] = decide_sitting(
                catalog,
                session,
                commission,
                [SittingItem(assessment, CommissionInput(tally, _parse_score(score)), None)],
                number="-",
                held_on=day,
                present=tally.present,
                record=False,
            )
        session.rollback()
    if as_json:
        sys.stdout.write(json.dumps(case_json(assessment, decision), ensure_ascii=False) + "\n")
    else:
        print_case(Console(), found, assessment, decision)


@app.command()
@reports_errors
def demo(
    scenarios: Annotated[Path | None, typer.Option(help="scenario file")] = None,
) -> None:
    """Load the sample data, decide the sample cases into a fresh demo ledger, print findings."""
    from flows.demo.run import run_demo

    raise typer.Exit(run_demo(Settings.from_env(), scenarios))


def main(argv: list[str] | None = None) -> Any:
    return app(argv)


@app.command()
@reports_errors
def extract(
    paths: Annotated[list[Path], typer.Argument(help="PDF or image files")],
    as_json: Annotated[bool, typer.Option("--json", help="one JSON object per file")] = False,
) -> None:
    """Read the fields of evidence files (certificates, screenshots …)."""
    from extractors.errors import ExtractionError
    from extractors.pipeline import Extractor

    catalog = _catalog(Settings.from_env())
    extractor = Extractor(list(catalog.platforms.values()))
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


@bench_app.command("extract")
@reports_errors
def bench_extract(
    corpus: Annotated[Path | None, typer.Argument(help="corpus folder (made when empty)")] = None,
    real: Annotated[
        Path | None,
        typer.Option(help="a real corpus: files and truth.json (default ../shared/corpus/real)"),
    ] = None,
    count: Annotated[int, typer.Option(help="files to generate when the corpus is empty")] = 180,
    seed: Annotated[
        int | None,
        typer.Option(help="another seed makes another corpus (documents not tuned on)"),
    ] = None,
    workers: Annotated[int | None, typer.Option(help="OCR processes at a time")] = None,
    mistakes: Annotated[int, typer.Option(help="wrong values to list")] = 30,
) -> None:
    """Accuracy per field and form on the real corpus and the generated one, values given
    where the truth has none, how well confidence predicts a right value, and throughput
    against raw Tesseract on the same images."""
    from flows.bench.extract_bench import run
    from flows.settings import PROJECT_ROOT

    settings = Settings.from_env()
    catalog = _catalog(settings)
    folder = corpus or settings.var_dir / "corpus"
    run(
        folder,
        list(catalog.platforms.values()),
        Console(),
        real=real or PROJECT_ROOT.parent / "shared" / "corpus" / "real",
        count=count,
        seed=seed,
        workers=workers,
        show_mistakes=mistakes,
    )


@bench_app.command("identity")
@reports_errors
def bench_identity(
    pairs: Annotated[Path | None, typer.Argument(help="CSV of name pairs")] = None,
) -> None:
    """Precision and recall of the identity matcher on labelled name pairs."""
    from flows.bench.identity import read_pairs, score
    from flows.settings import PROJECT_ROOT

    path = pairs or PROJECT_ROOT / "tests" / "identity_pairs.csv"
    s = score(read_pairs(path))
    console = Console()
    console.print(
        f"{s.true_pairs} true pairs, {s.negatives} hard negatives ({path.name})\n"
        f"true pairs matched {s.matched}, probable {s.probable}, missed {len(s.missed)}: "
        f"recall (match or probable) {s.recall:.1%}\n"
        f"hard negatives taken for a match {len(s.false_matches)}: precision {s.precision:.1%}; "
        f"sent to the commission as probable {len(s.false_probable)}"
    )
    for p in s.false_matches:
        console.print(f"[red]false match[/] {p.evidence} ~ {p.full_name} ({p.kind})")
    for p in s.missed:
        console.print(f"[yellow]missed[/] {p.evidence} ~ {p.full_name} ({p.kind})")


@app.command()
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
    from flows.intake.verification import work_context

    with work_context() as ctx:
        try:
            result = ctx.verifier.verify(path, learner, component, purpose)
        except ExtractionError as exc:
            raise UsageError(str(exc)) from exc
        ctx.session.commit()
    if as_json:
        sys.stdout.write(json.dumps(result.as_json(), ensure_ascii=False) + "\n")
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
        raise typer.Exit(1)


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


def _render_out(kind: str, context: Any, out: Path | None, name: str, pdf: bool) -> None:
    from flows.documents.render import render, to_pdf

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


def _db_session() -> Any:
    settings = Settings.from_env()
    return open_database(settings.database_url)()


def _sitting_id(session: Any, number: str, commission: str | None) -> int:
    """A sitting by its protocol number (and commission, when two share the number)."""
    from sqlalchemy import select

    from flows.store.db.models import SittingRow

    query = select(SittingRow).where(SittingRow.number == number)
    if commission:
        query = query.where(SittingRow.commission_id == commission)
    found = session.scalars(query).all()
    if not found:
        raise UsageError(f"no sitting with protocol number {number!r} in the database")
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

    with _db_session() as session:
        ctx = assemble.application(_catalog(Settings.from_env()), session, case)
    _render_out("application", ctx, out, f"otinish-case-{case}", pdf)


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

    with _db_session() as session:
        ctx = assemble.protocol(
            _catalog(Settings.from_env()), session, _sitting_id(session, sitting, commission)
        )
    _render_out("protocol", ctx, out, f"hattama-{ctx.number}", pdf)


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

    with _db_session() as session:
        ctx = assemble.transcript(
            _catalog(Settings.from_env()),
            session,
            learner,
            None if sitting is None else _sitting_id(session, sitting, commission),
        )
    _render_out("transcript", ctx, out, f"transcript-{learner}", pdf)


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

    with _db_session() as session:
        ctx = assemble.register(
            _catalog(Settings.from_env()),
            session,
            [_sitting_id(session, n, commission) for n in sitting],
        )
    _render_out("register", ctx, out, "tizilim", pdf)


@app.command()
@reports_errors
def intake(
    root: Annotated[Path | None, typer.Option(help="folder holding inbox/ (default var/)")] = None,
    stable_seconds: Annotated[
        float | None, typer.Option(help="unchanged this long = complete (setting by default)")
    ] = None,
) -> None:
    """One pass over inbox/<programme>/<component>/<learner>/: take every complete file."""
    from flows.intake.inbox import Folders, Intake, Stability
    from flows.intake.verification import work_context

    console = Console()
    with work_context() as ctx:
        folders = Folders.under(root or ctx.settings.var_dir)
        folders.create()
        wait = Stability(stable_seconds or ctx.settings.intake.stable_seconds)
        job = Intake(ctx.catalog, ctx.session, ctx.verifier, folders, wait)
        for taken in [job.take(path) for path in job.settled_files()]:
            console.print(
                f"{taken.outcome:9} {taken.path.name} → {taken.where} {taken.reason}".rstrip()
            )


@app.command()
@reports_errors
def status(
    learner: Annotated[str | None, typer.Option(help="only this learner")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Each case, its evidence and checks, and what is missing, with the clause."""
    from sqlalchemy import select

    from flows.store.db.models import CaseRow, EvidenceRow, VerdictRow

    settings = Settings.from_env()
    sessions = open_database(settings.database_url)
    out = []
    with sessions() as session:
        query = select(CaseRow).order_by(CaseRow.id)
        if learner:
            query = query.where(CaseRow.learner_id == learner)
        for case in session.scalars(query):
            latest = [f for f in case.findings if f.stage == "assessment"]
            last_time = max((f.recorded_at for f in latest), default=None)
            current = [f for f in latest if f.recorded_at == last_time]
            evidence = []
            for e in session.scalars(select(EvidenceRow).where(EvidenceRow.case_id == case.id)):
                verdict = session.scalars(
                    select(VerdictRow)
                    .where(VerdictRow.evidence_id == e.id)
                    .order_by(VerdictRow.id.desc())
                ).first()
                evidence.append(
                    {
                        "file": e.original_name,
                        "kind": e.kind,
                        "verdict": verdict.status if verdict else None,
                        "checks": json.loads(verdict.findings) if verdict else [],
                    }
                )
            out.append(
                {
                    "case": case.id,
                    "learner": case.learner_id,
                    "programme": case.programme,
                    "component": case.component,
                    "purpose": case.purpose,
                    "status": case.status,
                    "evidence": evidence,
                    "open": [
                        {
                            "clause": f.clause,
                            "status": f.status,
                            "reason_kk": f.reason_kk,
                            "reason_en": f.reason_en,
                        }
                        for f in current
                        if f.status != "ok"
                    ],
                }
            )
    if as_json:
        sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
        return
    console = Console()
    if not out:
        console.print("no cases")
    for c in out:
        console.print(
            f"[bold]case #{c['case']}[/] {c['learner']} {c['programme']} "
            f"{c['component']} ({c['purpose']}): [bold]{c['status']}[/]"
        )
        for e in c["evidence"]:
            console.print(f"  evidence {e['file']} ({e['kind']}): {e['verdict']}")
            for check in e["checks"]:
                if check["status"] != "ok":
                    console.print(f"    {check['clause']} {check['status']}: {check['reason_en']}")
        for f in c["open"]:
            console.print(f"  [yellow]{f['clause']} {f['status']}[/]: {f['reason_en']}")


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
    catalog = _catalog(settings)
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


@app.command()
@reports_errors
def nightly(
    max_age_days: Annotated[
        int | None, typer.Option(help="ask issuers again after this many days (setting)")
    ] = None,
    stuck_days: Annotated[
        int | None, typer.Option(help="escalate cases undecided this long (setting)")
    ] = None,
) -> None:
    """Re-check everything pending (issuer checks, deadlines) and write a short report."""
    from datetime import date

    from flows.intake.verification import work_context
    from flows.nightly.recheck import run_nightly, write_report

    base = Settings.from_env()
    settings = base.but(
        issuer_max_age_days=max_age_days or base.issuer_max_age_days,
        nightly={"stuck_days": stuck_days or base.nightly.stuck_days},
    )
    with work_context(settings) as ctx:
        report = run_nightly(ctx.catalog, ctx.session, ctx.verifier, settings, day=date.today())
    path = write_report(report, settings)
    Console().print(report.text() + f"report: {path}")


@app.command()
@reports_errors
def serve(
    stable_seconds: Annotated[
        float | None, typer.Option(help="unchanged this long = complete (setting by default)")
    ] = None,
    rescan_seconds: Annotated[
        float | None, typer.Option(help="the watcher's safety-net rescan (setting by default)")
    ] = None,
) -> None:
    """Run everything on this machine against a Prefect server (PREFECT_API_URL): the
    deployments of prefect.yaml (intake, file, sitting, nightly) and the inbox watcher."""
    from flows.serving import run, serve_settings

    run(serve_settings(Settings.from_env(), stable_seconds, rescan_seconds))
