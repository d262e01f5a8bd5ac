"""The nightly re-check of everything pending, in coarse batches (one task per batch, not per
item: a task run costs about 10 ms of orchestration, tens of thousands overload a server).

- evidence whose issuer was unreachable, or whose issuer answer is older than ``max_age`` while
  its case is undecided (or it has none yet), is verified again (the cache is bypassed for
  these), from the fields stored at intake: no file is read again;
- cases waiting for a vacation (5.12) or otherwise not decided are assessed again on today's
  date, so deadlines and the calendar are applied as time passes;
- cases left undecided longer than ``stuck_after`` are escalated in the report.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from extractors.errors import ExtractionError
from extractors.model import Extraction
from flows.cases.casework import assess_case
from flows.cases.consistency import unassessable
from flows.datafiles import Catalog
from flows.errors import TanuError
from flows.intake.folders import Folders
from flows.intake.verification import Verifier, issuer_max_age
from flows.privacy.personal import purge_identity_copies
from flows.settings import Settings
from flows.store import ledger
from flows.store.db.models import CaseRow, EvidenceRow, IssuerCheckRow, VerdictRow

T = TypeVar("T")


def batches(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


@dataclass
class NightlyReport:
    day: date
    rechecked: int = 0
    changed: list[str] = field(default_factory=list)
    reassessed: int = 0
    escalated: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    purged: list[str] = field(default_factory=list)  # retention: what was removed, per learner
    # where each batch ran and when (runtime.where): how the night was spread over workers
    batches: list[dict[str, Any]] = field(default_factory=list)

    def text(self) -> str:
        lines = [
            f"tanu nightly report {self.day.isoformat()}",
            f"evidence verified again: {self.rechecked}",
            f"cases assessed again: {self.reassessed}",
        ]
        lines += [f"changed: {c}" for c in self.changed]
        lines += [f"stuck, to the dean's office: {c}" for c in self.escalated]
        lines += [f"identity-document copies past their keeping: {p}" for p in self.purged]
        lines += [f"error: {e}" for e in self.errors]
        lines += [
            f"batch: {b['items']} on {b['host']} (process {b['pid']}), {b['ended'] - b['at']:.1f} s"
            for b in self.batches
        ]
        return "\n".join(lines) + "\n"


def evidence_to_recheck(session: Session, max_age: timedelta) -> list[int]:
    """Evidence whose latest verdict is pending, or whose issuer answer has grown old while
    its case is undecided: two queries over the whole store, not two per item (the ledger
    only grows, 4.3)."""
    old = datetime.now(UTC) - max_age
    latest = (
        select(VerdictRow.evidence_id, func.max(VerdictRow.id).label("id"))
        .group_by(VerdictRow.evidence_id)
        .subquery()
    )
    pending = set(
        session.scalars(
            select(latest.c.evidence_id)
            .join(VerdictRow, VerdictRow.id == latest.c.id)
            .join(EvidenceRow, EvidenceRow.id == latest.c.evidence_id)
            .where(VerdictRow.status == "pending", EvidenceRow.kind == "certificate")
        )
    )
    stale = {
        evidence_id
        for evidence_id, checked_at in session.execute(
            select(EvidenceRow.id, IssuerCheckRow.checked_at)
            .join(
                IssuerCheckRow,
                (IssuerCheckRow.platform == EvidenceRow.platform)
                & (IssuerCheckRow.certificate_id == EvidenceRow.certificate_id),
            )
            .outerjoin(CaseRow, CaseRow.id == EvidenceRow.case_id)
            # a decided case's evidence is history: its issuer is not asked every night
            .where(
                EvidenceRow.kind == "certificate",
                or_(EvidenceRow.case_id.is_(None), CaseRow.status.in_(ledger.OPEN)),
            )
        )
        if _aware(checked_at) < old  # compared here: SQLite keeps no time zone
    }
    return sorted(pending | stale)


def recheck_evidence(
    catalog: Catalog,
    session: Session,
    verifier: Verifier,
    ids: Sequence[int],
    report: NightlyReport,
    at_once: int = 1,
) -> None:
    """One batch: verify again, asking the issuers afresh (``at_once`` at a time)."""
    rows = {e.id: e for e in session.scalars(select(EvidenceRow).where(EvidenceRow.id.in_(ids)))}
    stored = {i: Extraction.from_json(json.loads(e.fields)) for i, e in rows.items() if e.fields}
    verifier.ask_ahead(list(stored.values()), at_once)
    for evidence_id in ids:
        e = rows.get(evidence_id)
        if e is None or not e.stored_path or not Path(e.stored_path).is_file():
            report.errors.append(f"evidence #{evidence_id}: the stored file is missing")
            continue
        before = ledger.latest_verdict(session, e.id)
        if e.certificate_id:  # forget the old answer so the issuer is asked again
            for row in session.scalars(
                select(IssuerCheckRow).where(
                    IssuerCheckRow.platform == e.platform,
                    IssuerCheckRow.certificate_id == e.certificate_id,
                )
            ):
                session.delete(row)
            session.flush()
        component = before.component if before else None
        # what was read from the file at intake, by its hash: the night reads no file again
        fields = stored.get(evidence_id)
        try:
            result = verifier.verify(
                Path(e.stored_path),
                e.learner_id,
                component,
                arrived_at=_aware(e.arrived_at),
                stored=None if fields is None else (e.sha256, fields),
            )
        except (ExtractionError, TanuError) as exc:  # e.g. its learner left data/learners.yaml
            report.errors.append(f"evidence #{evidence_id} ({e.learner_id}): {exc}")
            continue
        report.rechecked += 1
        now = result.verdict.status.value
        if before is None or before.status != now:
            report.changed.append(
                f"evidence #{e.id} ({e.learner_id}): {before.status if before else '—'} → {now}"
            )


def reassess_cases(
    catalog: Catalog,
    session: Session,
    ids: Sequence[int],
    day: date,
    stuck_after: timedelta,
    report: NightlyReport,
) -> None:
    """One batch: apply today's calendar and deadlines to undecided cases."""
    for case_id in ids:
        case = session.get(CaseRow, case_id)
        if case is None:
            continue
        before = case.status
        try:
            assessment = assess_case(catalog, session, case, day)
        except TanuError as exc:  # its learner or component left the data files: say which
            report.errors.append(unassessable(case, exc))
            continue
        ledger.record_assessment(session, assessment, case)
        report.reassessed += 1
        if case.status != before:
            report.changed.append(
                f"case #{case.id} ({case.learner_id} {case.component}): {before} → {case.status}"
            )
        if _aware(case.created_at) < datetime.now(UTC) - stuck_after:
            report.escalated.append(
                f"case #{case.id} ({case.learner_id} {case.component}) "
                f"{case.status} since {case.created_at.date().isoformat()}"
            )


def run_nightly(
    catalog: Catalog, session: Session, verifier: Verifier, settings: Settings, *, day: date
) -> NightlyReport:
    """The whole night's work without orchestration; the Prefect flow maps the batches."""
    report = NightlyReport(day)
    size = settings.nightly.batch_size
    for batch in batches(evidence_to_recheck(session, issuer_max_age(settings)), size):
        recheck_evidence(catalog, session, verifier, batch, report, settings.nightly.concurrency)
        session.commit()
    for batch in batches(ledger.open_cases(session), size):
        reassess_cases(catalog, session, batch, day, stuck_after(settings), report)
        session.commit()
    report.purged = retain(session, settings, day)
    return report


def retain(session: Session, settings: Settings, day: date) -> list[str]:
    """Retention: identity-document copies past ``retention.identity_days`` removed."""
    folders = Folders.under(settings.var_dir)
    removals = purge_identity_copies(session, folders, day, settings.retention.identity_days)
    return [r.text() for r in removals]


def stuck_after(settings: Settings) -> timedelta:
    return timedelta(days=settings.nightly.stuck_days)


def write_report(report: NightlyReport, settings: Settings) -> Path:
    """The night's report as ``var/reports/nightly-<day>.txt``."""
    folder = settings.var_dir / "reports"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"nightly-{report.day.isoformat()}.txt"
    path.write_text(report.text(), encoding="utf-8")
    return path


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
