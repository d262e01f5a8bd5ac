"""The same certificate or file from two learners is reuse; from one learner twice it is the
same evidence, not a new case (4.4: the confirming document must be the applicant's own)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from recognition.findings import Finding, Status, finding


@dataclass(frozen=True, slots=True)
class EarlierEvidence:
    learner_id: str
    sha256: str
    certificate_id: str | None
    platform: str | None
    arrived_at: datetime


def check_reuse(
    learner_id: str,
    sha256: str,
    platform: str | None,
    certificate_id: str | None,
    earlier: Sequence[EarlierEvidence],
) -> Finding:
    def same(e: EarlierEvidence) -> str | None:
        if e.sha256 == sha256:
            return "file"
        if certificate_id and e.certificate_id == certificate_id and e.platform == platform:
            return "certificate ID"
        return None

    others = [(e, what) for e in earlier if (what := same(e)) and e.learner_id != learner_id]
    if others:
        e, what = others[0]
        return finding(
            "4.4",
            "reuse",
            Status.REFUSED,
            f"Бұл {'файл' if what == 'file' else 'сертификат нөмірі'} басқа білім "
            f"алушыдан ({e.learner_id}) {e.arrived_at:%d.%m.%Y} ж. түскен.",
            f"The same {what} came from another learner ({e.learner_id}) on "
            f"{e.arrived_at.date().isoformat()}: reused evidence.",
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
