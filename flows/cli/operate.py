"""``tanu intake``, ``tanu nightly``, ``tanu serve``, ``tanu doctor``, ``tanu backup`` /
``tanu restore`` and ``tanu demo``: running tanu."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from extractors.errors import ExitCode
from flows.cli.common import reports_errors


@reports_errors
def intake(
    root: Annotated[Path | None, typer.Option(help="folder holding inbox/ (default var/)")] = None,
    stable_seconds: Annotated[
        float | None, typer.Option(help="unchanged this long = complete (setting by default)")
    ] = None,
) -> None:
    """One pass over inbox/<programme>/<component>/<learner>/: take every complete file."""
    from flows.intake.folders import Folders, Stability
    from flows.intake.inbox import Intake
    from flows.runtime import work_context

    console = Console()
    with work_context() as ctx:
        folders = Folders.under(root or ctx.settings.var_dir)
        folders.create()
        wait = Stability(stable_seconds or ctx.settings.intake.stable_seconds)
        limit = ctx.settings.intake.most_put_backs
        job = Intake(ctx.catalog, ctx.session, ctx.verifier, folders, wait, limit)
        for taken in [job.take(path) for path in job.settled_files()]:
            console.print(
                f"{taken.outcome:9} {taken.path.name} → {taken.where} {taken.reason}".rstrip()
            )


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
    from flows.nightly.recheck import run_nightly, write_report
    from flows.runtime import work_context
    from flows.settings import Settings

    base = Settings.from_env()
    settings = base.but(
        issuer_max_age_days=max_age_days or base.issuer_max_age_days,
        nightly={"stuck_days": stuck_days or base.nightly.stuck_days},
    )
    with work_context(settings) as ctx:
        report = run_nightly(ctx.catalog, ctx.session, ctx.verifier, settings, day=settings.today())
    path = write_report(report, settings)
    Console().print(report.text() + f"report: {path}")


@reports_errors
def serve(
    stable_seconds: Annotated[
        float | None, typer.Option(help="unchanged this long = complete (setting by default)")
    ] = None,
    rescan_seconds: Annotated[
        float | None, typer.Option(help="the watcher's safety-net rescan (setting by default)")
    ] = None,
    watch_only: Annotated[
        bool,
        typer.Option(
            "--watch-only",
            help="only the inbox watcher: the runs it starts go to the tanu pool's workers",
        ),
    ] = False,
) -> None:
    """Run everything on this machine against a Prefect server (PREFECT_API_URL): the
    deployments of prefect.yaml (intake, file, sitting, nightly) and the inbox watcher. With
    several machines (workers of the tanu pool), run `tanu serve --watch-only` on one."""
    from flows.serving import run, serve_settings
    from flows.settings import Settings

    settings = serve_settings(Settings.from_env(), stable_seconds, rescan_seconds)
    run(settings, watch_only)


@reports_errors
def demo(
    scenarios: Annotated[Path | None, typer.Option(help="scenario file")] = None,
    fill_inbox: Annotated[
        bool,
        typer.Option(
            "--fill-inbox",
            help="only put the demo's files into var/inbox/ (a trial of `tanu serve`)",
        ),
    ] = False,
) -> None:
    """Load the sample data, decide the sample cases into a fresh demo ledger, print findings.
    With --fill-inbox, only drop the demo's files (two certificates, their manifests, a
    damaged scan) into the inbox, for a trial with `tanu serve` and `tanu stand-in`."""
    from flows.settings import Settings

    if fill_inbox:
        from flows.demo.pipeline import build_inbox
        from flows.intake.folders import Folders

        folders = Folders.under(Settings.from_env().var_dir)
        folders.create()
        build_inbox(folders.inbox)
        Console().print(f"the demo's files are in {folders.inbox}", highlight=False)
        return
    from flows.demo.run import run_demo

    raise typer.Exit(run_demo(Settings.from_env(), scenarios))


@reports_errors
def doctor() -> None:
    """Check that this machine can run tanu: data files, database, Tesseract and its
    languages, LibreOffice, fonts, free disk, folders, the Prefect server, the watcher."""
    from flows.operations.doctor import run_checks
    from flows.settings import Settings

    checks = run_checks(Settings.from_env())
    console = Console()
    for check in checks:
        style = "green" if check.ok else ("red" if check.needed else "yellow")
        console.print(f"[{style}]{escape(check.line())}[/]", highlight=False)
    if any(not c.ok and c.needed for c in checks):
        raise typer.Exit(ExitCode.ERROR)


@reports_errors
def backup(
    to: Annotated[
        Path | None, typer.Option(help="folder for the archive (default var/backups/)")
    ] = None,
) -> None:
    """Write the database, the evidence and document folders and the data files into one
    archive (copy it off this machine)."""
    from flows.operations.backup import backup as write_backup
    from flows.settings import Settings

    settings = Settings.from_env()
    path = write_backup(settings, to or settings.var_dir / "backups")
    size = path.stat().st_size / 2**20
    Console().print(f"backup written: {path} ({size:.1f} MiB)", highlight=False)


@reports_errors
def restore(
    archive: Annotated[Path, typer.Argument(help="a tanu-backup-….tar.gz")],
    replace: Annotated[
        bool, typer.Option("--replace", help="put it in place of what var/ holds now")
    ] = False,
) -> None:
    """Put a backup back: the database, the folders under var/, the data files."""
    from flows.operations.backup import restore as put_back
    from flows.settings import Settings

    if not archive.is_file():
        raise FileNotFoundError(2, "no such file", str(archive))
    for line in put_back(Settings.from_env(), archive, replace):
        Console().print(f"restored {line}", highlight=False)


@reports_errors
def stand_in(
    port: Annotated[int, typer.Option(help="port on 127.0.0.1")] = 8765,
    certificates: Annotated[
        Path | None,
        typer.Option(help="YAML: `certificates:` with platform, id, learner, course, issued_on"),
    ] = None,
) -> None:
    """A local issuer stand-in for trials without network: it answers the checks of the
    certificates given (by default the demo's) as their issuers' pages would. Export the
    printed TANU_ISSUER_STAND_INS where tanu runs; stop it with Ctrl-C."""

    import contextlib
    import threading

    from flows.datafiles import load_catalog, read_model
    from flows.demo.issuer_stand_in import DEMO_CERTIFICATES, StandInFile, answering, issuer_server
    from flows.settings import Settings

    given = (
        read_model(certificates, StandInFile, "the stand-in's certificates", "start it again")
        if certificates is not None
        else StandInFile(certificates=DEMO_CERTIFICATES)
    )
    catalog = load_catalog(Settings.from_env().data_dir)
    platforms = {c.platform for c in given.certificates}
    hosts = [h for p in catalog.platforms.values() if p.verifier in platforms for h in p.hosts]
    with issuer_server(port, answering(given.certificates)) as server:
        console = Console()
        console.print(
            f"issuer stand-in on {server.base}, answering for {len(given.certificates)} "
            "certificate(s); where tanu runs:",
            highlight=False,
            soft_wrap=True,
        )
        console.print(
            "export TANU_ISSUER_STAND_INS=" + ",".join(f"{h}={server.base}" for h in hosts),
            highlight=False,
            soft_wrap=True,
        )
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()
