"""Delivery to the Registrar's Office: one outbox folder per sitting with a manifest, and
optionally the same files by e-mail (SMTP)."""

from __future__ import annotations

import hashlib
import json
import mimetypes
import shutil
import smtplib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path

from sqlalchemy.orm import Session

from flows.datafiles import Catalog
from flows.store.db.models import SittingRow
from recognition.assessment import Decision


@dataclass(frozen=True)
class MailSettings:
    host: str
    port: int = 25
    sender: str = "tanu@yu.edu.kz"
    to: tuple[str, ...] = ()
    starttls: bool = False
    username: str | None = None
    password: str | None = None
    timeout: float = 30.0


def mail_settings(smtp: dict[str, str]) -> MailSettings | None:
    """From the TANU_SMTP_* settings; None when no host is configured."""
    if not smtp.get("host"):
        return None
    return MailSettings(
        host=smtp["host"],
        port=int(smtp.get("port", "25")),
        sender=smtp.get("from", "tanu@yu.edu.kz"),
        to=tuple(a.strip() for a in smtp.get("to", "").split(",") if a.strip()),
        starttls=smtp.get("starttls") == "1",
        username=smtp.get("user"),
        password=smtp.get("password"),
    )


def sitting_folder(outbox: Path, commission: str, number: str) -> Path:
    """Where a sitting's documents are delivered: ``outbox/<commission>-<number>/``."""
    return outbox / f"{commission}-{number}"


def deliver(
    files: list[Path], sitting: SittingRow, outbox: Path, decisions: list[dict[str, object]]
) -> Path:
    """Copy the sitting's documents into ``outbox/<commission>-<number>/`` with a manifest;
    the manifest is written last, so a folder with a manifest is complete."""
    folder = sitting_folder(outbox, sitting.commission_id, sitting.number)
    folder.mkdir(parents=True, exist_ok=True)
    entries = []
    for f in files:
        target = folder / f.name
        if f.resolve() != target.resolve():
            shutil.copyfile(f, target)
        entries.append(
            {
                "file": f.name,
                "bytes": target.stat().st_size,
                "sha256": hashlib.sha256(target.read_bytes()).hexdigest(),
            }
        )
    manifest = {
        "sitting": sitting.number,
        "commission": sitting.commission_id,
        "held_on": sitting.held_on.isoformat(),
        "delivered_at": datetime.now(UTC).isoformat(),
        "files": entries,
        "decisions": decisions,
    }
    (folder / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    return folder


def mail(folder: Path, settings: MailSettings) -> str:
    """Send the folder's documents in one message; returns its Message-ID."""
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    msg = EmailMessage()
    msg["From"] = settings.sender
    msg["To"] = ", ".join(settings.to)
    msg["Subject"] = (
        f"Хаттама № {manifest['sitting']} ({manifest['commission']}): оқу нәтижелерін тану"
    )
    msg["Message-ID"] = f"<tanu-{manifest['commission']}-{manifest['sitting']}@yu.edu.kz>"
    msg.set_content(
        "Тіркеу кеңсесіне: комиссия отырысының құжаттары қоса беріліп отыр.\n"
        "To the Registrar's Office: the documents of the commission's sitting are attached.\n"
    )
    for entry in manifest["files"]:
        path = folder / entry["file"]
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        maintype, subtype = kind.split("/", 1)
        msg.add_attachment(
            path.read_bytes(), maintype=maintype, subtype=subtype, filename=path.name
        )
    with smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout) as smtp:
        if settings.starttls:
            smtp.starttls()
        if settings.username and settings.password:
            smtp.login(settings.username, settings.password)
        smtp.send_message(msg)
    return str(msg["Message-ID"])


def close_sitting(
    catalog: Catalog,
    session: Session,
    sitting: SittingRow,
    decisions: Sequence[Decision],
    var_dir: Path,
    smtp: dict[str, str],
    pdf: bool = True,
    outbox: Path | None = None,
) -> tuple[Path, str | None]:
    """After the decisions are committed: the documents rendered, the outbox folder with its
    manifest, and the e-mail when SMTP is configured. Returns the folder and a note (e.g. no
    LibreOffice for PDF copies)."""
    from flows.documents.batch import sitting_documents  # the documents need docxtpl

    docx, pdfs, note = sitting_documents(catalog, session, sitting, var_dir / "documents", pdf=pdf)
    summary: list[dict[str, object]] = [
        {
            "learner": d.assessment.request.learner_id,
            "component": d.assessment.request.component,
            "outcome": d.outcome.value,
            "clauses": list(d.clauses),
        }
        for d in decisions
    ]
    folder = deliver([*docx, *pdfs], sitting, outbox or var_dir / "outbox", summary)
    settings = mail_settings(smtp)
    if settings is not None and settings.to:
        mail(folder, settings)
    return folder, note
