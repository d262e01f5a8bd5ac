"""The commission's vote (4.5, 5.9).

- Valid only if at least ``quorum`` (two thirds) of the commission's members are present, the
  count rounded up: 7 members → 5 present; 9 → 6.
- Passes with more than half of the votes of those present (abstentions count as present).
- Rejected when more than half of those present vote against.
- For and against equal (at least one vote cast): the chair's vote decides; a chair who abstained
  or is absent cannot, and no decision is taken.
- Otherwise (neither a majority nor a tie, e.g. 3 for, 2 against, 2 abstained): no decision; the
  case stays on the agenda.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from recognition.findings import Finding, Status, finding
from recognition.kazakh import share_in_words


class Ballot(StrEnum):
    FOR = "for"
    AGAINST = "against"
    ABSTAINED = "abstained"


class VoteOutcome(StrEnum):
    ADOPTED = "adopted"
    REJECTED = "rejected"
    NO_DECISION = "no-decision"


@dataclass(frozen=True, slots=True)
class Tally:
    """Presence and votes of one sitting on one case."""

    members: int
    present: int
    votes_for: int
    votes_against: int
    abstained: int
    chair_present: bool = True
    chair_vote: Ballot | None = None

    def __post_init__(self) -> None:
        if min(self.members, self.present, self.votes_for, self.votes_against, self.abstained) < 0:
            raise ValueError("counts cannot be negative")
        if self.members == 0:
            raise ValueError("a commission has at least one member")
        if self.present > self.members:
            raise ValueError(f"{self.present} present but the commission has {self.members}")
        if self.votes_for + self.votes_against + self.abstained != self.present:
            raise ValueError(
                f"for {self.votes_for} + against {self.votes_against} + abstained "
                f"{self.abstained} must equal the {self.present} present"
            )
        if self.chair_vote is not None and not self.chair_present:
            raise ValueError("the chair's vote is given but the chair is absent")
        if self.chair_present and self.present == 0:
            raise ValueError("the chair is present, so at least one member is")
        counts = {
            Ballot.FOR: self.votes_for,
            Ballot.AGAINST: self.votes_against,
            Ballot.ABSTAINED: self.abstained,
        }
        if self.chair_vote is not None and counts[self.chair_vote] == 0:
            raise ValueError(f"the chair voted {self.chair_vote.value} but no such vote is counted")


@dataclass(frozen=True, slots=True)
class VoteResult:
    tally: Tally
    outcome: VoteOutcome
    quorum_needed: int
    quorum_met: bool
    casting_vote: bool  # the chair's vote decided a tie
    findings: tuple[Finding, ...]


def quorum_needed(members: int, share: Fraction) -> int:
    return math.ceil(members * share)


def count(tally: Tally, quorum_share: Fraction) -> VoteResult:
    need = quorum_needed(tally.members, quorum_share)
    share_kk, share_en = share_in_words(quorum_share)
    if tally.present < need:
        f = finding(
            "5.9",
            "vote.quorum",
            Status.PENDING,
            f"Кворум жоқ: {tally.members} мүшенің {tally.present}-і қатысты, кемінде {need} "
            f"қажет ({share_kk}). Шешім заңды емес; іс күн тәртібінде қалады.",
            f"No quorum: {tally.present} of {tally.members} members present, at least {need} "
            f"needed ({share_en}). No valid decision; the case stays on the agenda.",
        )
        return VoteResult(tally, VoteOutcome.NO_DECISION, need, False, False, (f,))

    quorum = finding(
        "5.9",
        "vote.quorum",
        Status.OK,
        f"Кворум бар: {tally.members} мүшенің {tally.present}-і қатысты (кемінде {need}).",
        f"Quorum: {tally.present} of {tally.members} members present (at least {need}).",
    )
    votes_kk = (
        f"жақтап {tally.votes_for}, қарсы {tally.votes_against}, қалыс қалды {tally.abstained}"
    )
    votes_en = f"for {tally.votes_for}, against {tally.votes_against}, abstained {tally.abstained}"
    half = Fraction(tally.present, 2)

    if tally.votes_for > half:
        return _result(
            tally,
            VoteOutcome.ADOPTED,
            need,
            quorum,
            Status.OK,
            False,
            f"Көпшілік дауыспен қабылданды: {votes_kk}.",
            f"Adopted by a majority of those present: {votes_en}.",
        )
    if tally.votes_against > half:
        return _result(
            tally,
            VoteOutcome.REJECTED,
            need,
            quorum,
            Status.REFUSED,
            False,
            f"Көпшілік дауыспен қабылданбады: {votes_kk}.",
            f"Rejected by a majority of those present: {votes_en}.",
        )
    if tally.votes_for == tally.votes_against and tally.votes_for > 0:
        if tally.chair_vote is Ballot.FOR:
            return _result(
                tally,
                VoteOutcome.ADOPTED,
                need,
                quorum,
                Status.OK,
                True,
                f"Дауыстар тең ({votes_kk}); төрағаның дауысы шешуші: жақтап.",
                f"A tie ({votes_en}); the chair's casting vote decides: for.",
            )
        if tally.chair_vote is Ballot.AGAINST:
            return _result(
                tally,
                VoteOutcome.REJECTED,
                need,
                quorum,
                Status.REFUSED,
                True,
                f"Дауыстар тең ({votes_kk}); төрағаның дауысы шешуші: қарсы.",
                f"A tie ({votes_en}); the chair's casting vote decides: against.",
            )
        return _result(
            tally,
            VoteOutcome.NO_DECISION,
            need,
            quorum,
            Status.PENDING,
            False,
            f"Дауыстар тең ({votes_kk}), төрағаның шешуші дауысы жоқ: шешім "
            "қабылданбады, іс күн тәртібінде қалады.",
            f"A tie ({votes_en}) without the chair's casting vote: no decision, the "
            "case stays on the agenda.",
        )
    return _result(
        tally,
        VoteOutcome.NO_DECISION,
        need,
        quorum,
        Status.PENDING,
        False,
        f"Қатысушылардың көпшілік дауысы жиналмады ({votes_kk}): шешім қабылданбады, "
        "іс күн тәртібінде қалады.",
        f"No majority of those present ({votes_en}): no decision, the case stays on the agenda.",
    )


def _result(
    tally: Tally,
    outcome: VoteOutcome,
    need: int,
    quorum: Finding,
    status: Status,
    casting: bool,
    kk: str,
    en: str,
) -> VoteResult:
    rule = "vote.casting" if casting else "vote.majority"
    return VoteResult(
        tally, outcome, need, True, casting, (quorum, finding("5.9", rule, status, kk, en))
    )
