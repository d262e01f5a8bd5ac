"""The same certificate or file from two learners is reuse; from one learner twice it is the
same evidence, not a new case (4.4: the confirming document must be the applicant's own).

Reuse is the later submitter's: whoever handed the certificate in first stays its holder when
another learner hands in the same one afterwards, and when the holder's evidence is checked
again (the nightly run) the later copy is noted beside it, and changes nothing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from recognition.findings import Finding, Status, finding


@dataclass(frozen=True, slots=True)
class EarlierEvidence:
    learner_id: str
    sha256: str
    certificate_id: str | None
    platform: str | None
    arrived_at: datetime
    evidence_id: int  # of two that arrived at the same moment, the one stored first is earlier


def check_reuse(
    learner_id: str,
    sha256: str,
    platform: str | None,
    certificate_id: str | None,
    arrived_at: datetime,
    evidence_id: int,
    earlier: Sequence[EarlierEvidence],
) -> Finding:
    """``earlier``: the ledger's evidence with the same bytes or certificate ID (of any time);
    ``arrived_at`` and ``evidence_id``: this evidence's arrival and row."""

    def same(e: EarlierEvidence) -> str | None:
        if e.sha256 == sha256:
            return "file"
        if certificate_id and e.certificate_id == certificate_id and e.platform == platform:
            return "certificate ID"
        return None

    others = [(e, what) for e in earlier if (what := same(e)) and e.learner_id != learner_id]
    this = (_utc(arrived_at), evidence_id)
    before = [(e, what) for e, what in others if (_utc(e.arrived_at), e.evidence_id) < this]
    if before:
        e, what = min(before, key=lambda pair: _utc(pair[0].arrived_at))
        return finding(
            "4.4",
            "reuse",
            Status.REFUSED,
            f"Бұл {'файл' if what == 'file' else 'сертификат нөмірі'} басқа білім "
            f"алушыдан ({e.learner_id}) {e.arrived_at:%d.%m.%Y} ж. түскен.",
            f"The same {what} came from another learner ({e.learner_id}) on "
            f"{e.arrived_at.date().isoformat()}: reused evidence.",
        )
    if others:  # handed in by others only after this learner: theirs is the reuse
        e, what = min(others, key=lambda pair: _utc(pair[0].arrived_at))
        return finding(
            "4.4",
            "reuse.later-copy",
            Status.OK,  # noted for the commission; the holder's evidence stays as checked
            f"Бұл {'файл' if what == 'file' else 'сертификат нөмірі'} кейін басқа білім "
            f"алушыдан да ({e.learner_id}) {_utc(e.arrived_at):%d.%m.%Y} ж. түсті; "
            "алғашқы тапсырушы осы білім алушы.",
            f"The same {what} was handed in later by another learner ({e.learner_id}) on "
            f"{_utc(e.arrived_at).date().isoformat()}; this learner handed it in first.",
        )
    mine = [e for e in earlier if same(e) and e.learner_id == learner_id]
    if mine:
        first = min(mine, key=lambda e: e.arrived_at)
        return finding(
            "4.4",
            "reuse.same-evidence",
            Status.OK,
            f"Бұл дәлел бұрын {first.arrived_at:%d.%m.%Y} ж. тапсырылған; жаңа іс емес.",
            f"The learner handed in the same evidence on "
            f"{first.arrived_at.date().isoformat()}: not a new case.",
        )
    return finding(
        "4.4",
        "reuse",
        Status.OK,
        "Басқа білім алушыда мұндай дәлел жоқ.",
        "No other learner handed in this certificate or file.",
    )


def _utc(moment: datetime) -> datetime:
    """A stored moment as UTC (SQLite gives it back without its zone)."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
