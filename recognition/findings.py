"""What every rule returns: a finding that cites its clause, with a status and bilingual reasons."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Status(StrEnum):
    """How a rule came out for one case."""

    OK = "ok"  # the rule is satisfied
    REFUSED = "refused"  # the rule refuses recognition
    MISSING = "missing"  # something must be supplied before the case can go on
    PENDING = "pending"  # nothing wrong, but the case waits (vacation, agenda)
    WARNING = "warning"  # for the commission's attention; decides nothing by itself

    @property
    def blocks(self) -> bool:
        """True when this status stops the case from going to (or passing) the commission."""
        return self in (Status.REFUSED, Status.MISSING, Status.PENDING)


@dataclass(frozen=True, slots=True)
class Finding:
    """One rule's outcome for one case.

    ``clause`` is the regulation's own number (``"4.6"``, ``"3(3)"``); ``rule`` a stable short
    name other programs may key on (``"cap.within"``).
    """

    clause: str
    rule: str
    status: Status
    reason_kk: str
    reason_en: str

    def as_dict(self) -> dict[str, str]:
        return {
            "clause": self.clause,
            "rule": self.rule,
            "status": self.status.value,
            "reason_kk": self.reason_kk,
            "reason_en": self.reason_en,
        }


def finding(clause: str, rule: str, status: Status, kk: str, en: str) -> Finding:
    """Shorthand used by the rule modules."""
    return Finding(clause=clause, rule=rule, status=status, reason_kk=kk, reason_en=en)
