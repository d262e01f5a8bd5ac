"""The commission vote (5.9, 4.5): each path, and properties over every tally."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from recognition.findings import Status
from recognition.vote import Ballot, Tally, VoteOutcome, count, quorum_needed

TWO_THIRDS = Fraction(2, 3)


@pytest.mark.parametrize(("members", "needed"), [(1, 1), (3, 2), (6, 4), (7, 5), (9, 6), (10, 7)])
def test_quorum_is_two_thirds_rounded_up(members: int, needed: int) -> None:
    assert quorum_needed(members, TWO_THIRDS) == needed


def test_without_quorum_no_decision_and_the_case_stays() -> None:
    r = count(Tally(7, 4, 4, 0, 0), TWO_THIRDS)
    assert r.outcome is VoteOutcome.NO_DECISION and not r.quorum_met
    assert r.findings[0].rule == "vote.quorum" and r.findings[0].status is Status.PENDING


def test_majority_of_those_present_adopts() -> None:
    r = count(Tally(7, 5, 3, 1, 1), TWO_THIRDS)
    assert r.outcome is VoteOutcome.ADOPTED and not r.casting_vote


def test_majority_against_rejects() -> None:
    r = count(Tally(7, 7, 2, 4, 1), TWO_THIRDS)
    assert r.outcome is VoteOutcome.REJECTED


@pytest.mark.parametrize(
    ("chair", "outcome"),
    [(Ballot.FOR, VoteOutcome.ADOPTED), (Ballot.AGAINST, VoteOutcome.REJECTED)],
)
def test_a_tie_is_decided_by_the_chair(chair: Ballot, outcome: VoteOutcome) -> None:
    r = count(Tally(7, 6, 3, 3, 0, chair_vote=chair), TWO_THIRDS)
    assert r.outcome is outcome and r.casting_vote
    assert r.findings[-1].rule == "vote.casting"


def test_a_tie_with_abstentions_is_still_a_tie() -> None:
    r = count(Tally(7, 7, 3, 3, 1, chair_vote=Ballot.FOR), TWO_THIRDS)
    assert r.outcome is VoteOutcome.ADOPTED and r.casting_vote


def test_a_tie_without_the_chairs_vote_takes_no_decision() -> None:
    r = count(Tally(7, 6, 2, 2, 2, chair_vote=Ballot.ABSTAINED), TWO_THIRDS)
    assert r.outcome is VoteOutcome.NO_DECISION
    r = count(Tally(7, 6, 3, 3, 0, chair_present=False), TWO_THIRDS)
    assert r.outcome is VoteOutcome.NO_DECISION


def test_neither_majority_nor_tie_takes_no_decision() -> None:
    r = count(Tally(7, 7, 3, 2, 2, chair_vote=Ballot.FOR), TWO_THIRDS)
    assert r.outcome is VoteOutcome.NO_DECISION and r.quorum_met
    assert r.findings[-1].status is Status.PENDING


def test_all_abstaining_is_not_a_tie() -> None:
    r = count(Tally(6, 6, 0, 0, 6, chair_vote=Ballot.ABSTAINED), TWO_THIRDS)
    assert r.outcome is VoteOutcome.NO_DECISION


@pytest.mark.parametrize(
    "kwargs",
    [
        {"members": 7, "present": 8, "votes_for": 8, "votes_against": 0, "abstained": 0},
        {"members": 7, "present": 6, "votes_for": 3, "votes_against": 1, "abstained": 0},
        {
            "members": 7,
            "present": 6,
            "votes_for": 6,
            "votes_against": 0,
            "abstained": 0,
            "chair_present": False,
            "chair_vote": Ballot.FOR,
        },
        {
            "members": 7,
            "present": 6,
            "votes_for": 6,
            "votes_against": 0,
            "abstained": 0,
            "chair_vote": Ballot.AGAINST,
        },
    ],
)
def test_inconsistent_tallies_are_refused(kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        Tally(**kwargs)  # type: ignore[arg-type]


@st.composite
def tallies(draw: st.DrawFn) -> Tally:
    members = draw(st.integers(1, 15))
    present = draw(st.integers(1, members))
    votes_for = draw(st.integers(0, present))
    against = draw(st.integers(0, present - votes_for))
    abstained = present - votes_for - against
    options = [
        b
        for b, n in (
            (Ballot.FOR, votes_for),
            (Ballot.AGAINST, against),
            (Ballot.ABSTAINED, abstained),
        )
        if n > 0
    ]
    chair = draw(st.sampled_from([*options, None]))
    return Tally(members, present, votes_for, against, abstained, True, chair)


@given(tallies())
def test_vote_properties(t: Tally) -> None:
    r = count(t, TWO_THIRDS)
    quorum = 3 * t.present >= 2 * t.members
    assert r.quorum_met is quorum
    if not quorum:
        assert r.outcome is VoteOutcome.NO_DECISION
        return
    if 2 * t.votes_for > t.present:
        assert r.outcome is VoteOutcome.ADOPTED and not r.casting_vote
    elif 2 * t.votes_against > t.present:
        assert r.outcome is VoteOutcome.REJECTED
    elif t.votes_for == t.votes_against > 0 and t.chair_vote in (Ballot.FOR, Ballot.AGAINST):
        assert r.casting_vote
        assert r.outcome is (
            VoteOutcome.ADOPTED if t.chair_vote is Ballot.FOR else VoteOutcome.REJECTED
        )
    else:
        assert r.outcome is VoteOutcome.NO_DECISION
    assert all(f.clause == "5.9" for f in r.findings)


@pytest.mark.parametrize(
    ("share", "kk", "en"),
    [
        (Fraction(2, 3), "үштен екісі", "two thirds"),
        (Fraction(1, 2), "екіден бірі", "one half"),
        (Fraction(3, 4), "төрттен үші", "three quarters"),
        (Fraction(3, 5), "бестен үші", "three fifths"),
        (Fraction(7, 10), "оннан жетісі", "seven tenths"),
        (Fraction(13, 20), "65%", "65%"),
    ],
)
def test_the_quorum_is_worded_from_its_parameter(share: Fraction, kk: str, en: str) -> None:
    """5.9's "үштен екісі" is the dated parameter's value in words, not a fixed phrase: a
    regulation that changes the quorum changes what the finding and the protocol say."""
    from recognition.kazakh import share_in_words

    assert share_in_words(share) == (kk, en)
    members = 10
    short = Tally(
        members, quorum_needed(members, share) - 1, 0, 0, quorum_needed(members, share) - 1
    )
    [f] = count(short, share).findings
    assert f.status is Status.PENDING and f"({kk})" in f.reason_kk and f"({en})" in f.reason_en
