"""The demo's main job, as people meet it: teachers' files in the inbox, intake, the
commission's record of a sitting, the documents in the Registrar's outbox."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import httpx
from rich.console import Console
from rich.progress import Progress
from sqlalchemy.orm import Session

from flows.datafiles import Catalog
from flows.delivery.outbox import close_sitting
from flows.demo.evidence import coursera_certificate, stepik_certificate
from flows.demo.issuer_stand_in import (
    DEMO_CERTIFICATES,
    answering,
    issuer_server,
    stand_in_verifier,
)
from flows.intake.folders import Folders, Stability
from flows.intake.inbox import Intake
from flows.sitting.record import SittingRecord, apply_record

MANIFEST = "purpose: full-replacement\ndocuments: [application, identity-document]\n"


def build_inbox(inbox: Path) -> None:
    """What teachers drop: certificates, a paper-documents manifest, a broken file, OS junk."""
    first = inbox / "6B06101" / "DSC3216" / "L-0005"
    second = inbox / "6B06101" / "SEC3214" / "L-0011"
    for folder in (first, second):
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "manifest.yaml").write_text(MANIFEST, encoding="utf-8")
    coursera_certificate(first / "coursera-certificate.pdf", "Inzhu Abdirakhmanova", "DEMOINZHU026")
    stepik_certificate(
        second / "stepik-sertifikat.pdf", "Үмбетова Дана Ержанқызы", "5550777", "12 ноября 2026 г."
    )
    (second / "scan-damaged.pdf").write_bytes(b"%PDF-1.4\n%broken in the scanner")
    (second / ".DS_Store").write_bytes(b"\0")


def run_pipeline(catalog: Catalog, session: Session, root: Path, console: Console) -> int:
    folders = Folders.under(root)
    folders.create()
    surprises = 0
    with (
        Progress(console=console) as bar,
        issuer_server(answer=answering(DEMO_CERTIFICATES)) as server,
        httpx.Client() as client,
    ):
        step = bar.add_task("inbox → intake → sitting → outbox", total=4)
        build_inbox(folders.inbox)
        bar.advance(step)
        verifier = stand_in_verifier(catalog, session, server.base, client)
        intake = Intake(catalog, session, verifier, folders, Stability(0.0))
        taken = [intake.take(path) for path in intake.settled_files()]
        bar.advance(step)
        cases = sorted({t.case_id for t in taken if t.case_id is not None})
        record = SittingRecord.model_validate(
            {
                "number": "16",
                "commission": "FIT-2026",
                "held_on": date(2026, 11, 25),
                "present": ["m1", "m2", "m3", "m4", "m5", "m6", "m7"],
                "cases": [
                    {
                        "case": cases[0],
                        "score": 88,
                        "reviewed": True,
                        "interview": "сұхбат өткізілді",
                        "votes": {"for": 7},
                    },
                    {
                        "case": cases[1],
                        "score": 79.5,
                        "reviewed": True,
                        "votes": {"for": 5, "against": 2},
                    },
                ],
            }
        )
        sitting, decisions = apply_record(catalog, session, record)
        session.commit()
        bar.advance(step)
        outbox, note = close_sitting(catalog, session, sitting, decisions, root, {})
        bar.advance(step)
    for t in taken:
        console.print(f"intake: {t.outcome:9} {t.path.name} {t.reason}".rstrip())
    for d in decisions:
        console.print(
            f"sitting № 16: {d.assessment.request.learner_id} "
            f"{d.assessment.request.component} {d.outcome.value} "
            f"({', '.join(d.clauses)})"
        )
    if note:
        console.print(f"[yellow]{note}[/]")
    console.print(f"the Registrar's outbox: {outbox}")
    for path in sorted(outbox.iterdir()):
        console.print(f"  {path.name}")
    expected = {
        "coursera-certificate.pdf": "processed",
        "stepik-sertifikat.pdf": "processed",
        "scan-damaged.pdf": "failed",
    }
    if {t.path.name: t.outcome for t in taken} != expected or [
        d.outcome.value for d in decisions
    ] != ["recognised", "recognised"]:
        surprises += 1
        console.print("[bold red]the inbox was not taken as expected[/]")
    return surprises
