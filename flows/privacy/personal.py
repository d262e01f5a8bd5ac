"""A learner's personal data: what tanu holds about one learner (``tanu learner export``), its
erasure (``tanu learner erase``), and the retention of identity-document copies (the nightly
run). The IIN and ID copies are the most sensitive of it.

Erasure removes the copies of the learner's files (the store, ``archive/``, ``failed/``), what
was read from them and what issuers stated about them. It keeps what the law needs kept: the
learner's name and programme, the cases, the commission's decisions and the recognised credits
(5.10, 5.11: the protocol and the transcript insert), and the hash and certificate ID of each
piece of evidence (so that the same certificate handed in again is still known, 4.4).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from flows.errors import UsageError
from flows.intake.folders import Folders, sha256_of
from flows.store.db.models import (
    Base,
    CaseRow,
    CorrectionRow,
    DecisionRow,
    EvidenceRow,
    FindingRow,
    IssuerCheckRow,
    LearnerRow,
    RecognisedCreditRow,
    RecountRow,
    VerdictRow,
)

ERASED = "(erased)"
FINAL = ("recognised", "not-recognised")  # a decision after which nothing is read again


class UnknownLearner(UsageError):
    """A learner the ledger does not know (exit 2, as everywhere)."""


@dataclass
class Removal:
    """What one erasure or one retention pass removed and what it kept: counts only, no
    personal data (it is printed and logged)."""

    learner: str
    files: int = 0  # copies on disk: the store, archive/, failed/ (with their reason files)
    readings: int = 0  # evidence items whose extracted fields and file names were removed
    issuer_statements: int = 0
    kept: dict[str, int] = field(default_factory=dict)

    def text(self) -> str:
        kept = ", ".join(f"{n} {what}" for what, n in self.kept.items())
        return (
            f"{self.learner}: removed {self.files} file(s), the readings of {self.readings} "
            f"evidence item(s), {self.issuer_statements} issuer statement(s)"
            + (f"; kept (the law needs them): {kept}" if kept else "")
        )


def _learner(session: Session, learner_id: str) -> LearnerRow:
    learner = session.get(LearnerRow, learner_id)
    if learner is None:
        raise UnknownLearner(f"no learner {learner_id} in the ledger")
    return learner


def _evidence_of(session: Session, learner_id: str) -> list[EvidenceRow]:
    return list(session.scalars(select(EvidenceRow).where(EvidenceRow.learner_id == learner_id)))


def _row(row: Base) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for column in row.__table__.columns:
        value = getattr(row, column.key)
        if isinstance(value, date | datetime):
            value = value.isoformat()
        elif isinstance(value, Decimal):
            value = str(value)
        out[column.key] = value
    return out


def export_learner(session: Session, learner_id: str) -> dict[str, Any]:
    """Everything the ledger holds about one learner, as plain data (JSON-ready): the learner,
    evidence (with what was read from each file), verdicts, issuer statements about the
    learner's certificates, cases with their findings and decisions, recognised credits and
    their re-counts into other programmes."""
    learner = _learner(session, learner_id)
    evidence = _evidence_of(session, learner_id)
    cases = list(session.scalars(select(CaseRow).where(CaseRow.learner_id == learner_id)))
    case_ids = [c.id for c in cases]
    out: dict[str, Any] = {
        "learner": _row(learner),
        "evidence": [_evidence(e) for e in evidence],
        "verdicts": [
            _row(v)
            for v in session.scalars(select(VerdictRow).where(VerdictRow.learner_id == learner_id))
        ],
        "issuer_statements": [_row(c) for c in _issuer_checks(session, evidence)],
        "cases": [_row(c) for c in cases],
        "findings": [
            _row(f)
            for f in session.scalars(select(FindingRow).where(FindingRow.case_id.in_(case_ids)))
        ],
        "decisions": [
            _row(d)
            for d in session.scalars(select(DecisionRow).where(DecisionRow.case_id.in_(case_ids)))
        ],
        "corrections": [
            _row(c)
            for c in session.scalars(
                select(CorrectionRow)
                .join(DecisionRow, DecisionRow.id == CorrectionRow.decision_id)
                .where(DecisionRow.case_id.in_(case_ids))
            )
        ],
        "recognised_credits": [
            _row(r)
            for r in session.scalars(
                select(RecognisedCreditRow).where(RecognisedCreditRow.learner_id == learner_id)
            )
        ],
        "recounts": [
            _row(r)
            for r in session.scalars(select(RecountRow).where(RecountRow.learner_id == learner_id))
        ],
    }
    return out


def _evidence(row: EvidenceRow) -> dict[str, Any]:
    data = _row(row)
    if row.fields:
        data["fields"] = json.loads(row.fields)
    return data


def _issuer_checks(session: Session, evidence: Iterable[EvidenceRow]) -> list[IssuerCheckRow]:
    pairs = {(e.platform, e.certificate_id) for e in evidence if e.certificate_id}
    return [
        check
        for platform, certificate_id in sorted(pairs, key=str)
        for check in session.scalars(
            select(IssuerCheckRow).where(
                IssuerCheckRow.platform == platform,
                IssuerCheckRow.certificate_id == certificate_id,
            )
        )
    ]


def erase_learner(session: Session, folders: Folders, learner_id: str) -> Removal:
    """Remove the learner's personal data that the law does not need kept (module docstring).
    The rows are blanked and committed first, then the files removed: a failure between the
    two leaves files that no row names, which the same command removes when run again (the
    store's copies are found by the hash the rows keep)."""
    _learner(session, learner_id)
    evidence = _evidence_of(session, learner_id)
    removal = Removal(learner_id)
    for check in _issuer_checks(session, evidence):
        if _shared(session, check, learner_id):
            continue  # another learner's evidence names this certificate: theirs to keep
        if check.record is not None:
            check.record = None
            removal.issuer_statements += 1
    paths = _forget(session, folders, evidence, removal)
    paths += _learner_files(folders, learner_id)
    session.commit()
    removal.files = _remove(paths)
    case_ids = list(session.scalars(select(CaseRow.id).where(CaseRow.learner_id == learner_id)))
    removal.kept = {
        "case(s)": len(case_ids),
        "decision(s)": session.scalar(
            select(func.count()).select_from(DecisionRow).where(DecisionRow.case_id.in_(case_ids))
        )
        or 0,
        "recognised credit(s)": session.scalar(
            select(func.count())
            .select_from(RecognisedCreditRow)
            .where(RecognisedCreditRow.learner_id == learner_id)
        )
        or 0,
    }
    return removal


def _shared(session: Session, check: IssuerCheckRow, learner_id: str) -> bool:
    return (
        session.scalar(
            select(func.count())
            .select_from(EvidenceRow)
            .where(
                EvidenceRow.platform == check.platform,
                EvidenceRow.certificate_id == check.certificate_id,
                EvidenceRow.learner_id != learner_id,
            )
        )
        or 0
    ) > 0


def _forget(
    session: Session, folders: Folders, evidence: Iterable[EvidenceRow], removal: Removal
) -> list[Path]:
    """The evidence rows' readings and file names blanked; their copies in the store (named
    by the hash the rows keep), unless another learner's row holds the same bytes."""
    copies: list[Path] = []
    for row in evidence:
        if row.fields is not None or row.original_name != ERASED or row.stored_path is not None:
            removal.readings += 1
        others = session.scalar(
            select(func.count())
            .select_from(EvidenceRow)
            .where(
                EvidenceRow.sha256 == row.sha256,
                EvidenceRow.learner_id != row.learner_id,
                EvidenceRow.stored_path.is_not(None),
            )
        )
        if not others:
            copies += [
                p for p in (folders.store / row.sha256[:2]).glob(f"{row.sha256}*") if p.is_file()
            ]
        row.fields = None
        row.original_name = ERASED
        row.stored_path = None
    session.flush()
    return copies


def _learner_files(folders: Folders, learner_id: str) -> list[Path]:
    """The learner's originals in ``archive/`` and ``failed/``:
    ``<folder>/<programme>/<component>/<learner>/…``."""
    found: list[Path] = []
    for root in (folders.archive, folders.failed):
        for folder in root.glob(f"*/*/{learner_id}"):
            found += [p for p in folder.rglob("*") if p.is_symlink() or p.is_file()]
    return found


def _remove(paths: Iterable[Path]) -> int:
    removed = 0
    for path in dict.fromkeys(paths):
        try:
            path.unlink()
            removed += 1
        except FileNotFoundError:
            continue
    return removed


def purge_identity_copies(
    session: Session, folders: Folders, today: date, keep_days: int
) -> list[Removal]:
    """Retention: the copies of identity documents (and what was read from them: the IIN) of
    cases decided ``keep_days`` or more days ago are removed; the evidence rows stay, with
    their hash. Committed before the files go, as in :func:`erase_learner`."""
    cutoff = today - timedelta(days=keep_days)
    decided = (
        select(DecisionRow.case_id)
        .where(DecisionRow.outcome.in_(FINAL), DecisionRow.decided_on <= cutoff)
        .scalar_subquery()
    )
    rows = list(
        session.scalars(
            select(EvidenceRow).where(
                EvidenceRow.kind == "identity-document",
                EvidenceRow.case_id.in_(decided),
                EvidenceRow.original_name != ERASED,
            )
        )
    )
    removals: dict[str, Removal] = {}
    paths: dict[str, list[Path]] = {}
    hashed: dict[str, list[tuple[Path, str | None]]] = {}  # each learner's files, read once
    for row in rows:
        removal = removals.setdefault(row.learner_id, Removal(row.learner_id))
        found = paths.setdefault(row.learner_id, [])
        found += _forget(session, folders, [row], removal)
        if row.learner_id not in hashed:
            hashed[row.learner_id] = [
                (p, _sha256(p)) for p in _learner_files(folders, row.learner_id)
            ]
        found += [p for p, digest in hashed[row.learner_id] if digest == row.sha256]
    session.commit()
    for learner_id, removal in removals.items():
        removal.files = _remove(paths[learner_id])
    return list(removals.values())


def _sha256(path: Path) -> str | None:
    """A file's hash; none for a link (never read through) or a file that cannot be read."""
    try:
        return sha256_of(path, follow=False)
    except OSError:
        return None
