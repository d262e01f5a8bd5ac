"""Scenarios written as YAML that a registrar can read and check (OpenFisca style).

A scenario gives earlier decisions (``history``, recorded in the ledger first), the cases of one
commission sitting with their scores and votes, and what the regulation should decide. The same
format drives ``make demo`` (``data/demo/scenarios.yaml``) and the scenario tests
(``tests/scenarios/*.yaml``). Documents default to a complete set (application, identity document,
certificate issued on the day of submission) unless a case lists its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from sqlalchemy.orm import Session

from flows.cases.casework import (
    SittingItem,
    assess_request,
    case_request,
    commission_tally,
    decide_sitting,
)
from flows.datafiles import Catalog, load_yaml
from flows.demo.scenario_steps import (
    HistorySpec,
    RecountSpec,
    record_history,
    recount_mismatches,
    run_recount,
)
from flows.errors import DataError, Problem, UsageError
from recognition.assessment import (
    Assessment,
    CaseStatus,
    CommissionInput,
    Decision,
    Outcome,
)
from recognition.case import (
    CaseRequest,
    Correspondence,
    Document,
    DocumentKind,
    Education,
    Purpose,
)
from recognition.findings import Finding, Status
from recognition.vote import Ballot


class _Spec(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class DocSpec(_Spec):
    kind: DocumentKind
    issued_on: date | None = None

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, value: Any) -> Any:
        return {"kind": value} if isinstance(value, str) else value


class VoteSpec(_Spec):
    votes_for: int = Field(alias="for", ge=0)
    against: int = Field(default=0, ge=0)
    abstained: int = Field(default=0, ge=0)
    chair: Ballot | None = None


class FindingSpec(_Spec):
    clause: str
    status: Status
    rule: str | None = None

    def matches(self, f: Finding) -> bool:
        return (
            f.clause == self.clause
            and f.status is self.status
            and (self.rule is None or f.rule == self.rule)
        )

    def __str__(self) -> str:
        return f"{self.clause} {self.status.value}" + (f" ({self.rule})" if self.rule else "")


class Expect(_Spec):
    status: CaseStatus | None = None
    outcome: Outcome | None = None
    letter: str | None = None
    ects: str | None = None  # 5.7: the ECTS grade beside the letter
    points: int | None = None
    findings: list[FindingSpec] = []


class CaseSpec(_Spec):
    learner: str
    component: str
    purpose: Purpose = Purpose.FULL_REPLACEMENT
    education: Education = Education.NON_FORMAL
    platform: str | None = None
    submitted_on: date
    documents: list[DocSpec] | None = None
    correspondence: Correspondence = Correspondence.SAME
    earlier_score: Decimal | None = None
    score: Decimal | None = None
    interview: str | None = None
    reviewed: bool | None = True  # 5.6 as the record says; the scenarios record it unless told
    vote: VoteSpec | None = None
    expect: Expect | None = None

    def request(self, catalog: Catalog) -> CaseRequest:
        return case_request(
            catalog,
            self.learner,
            self.component,
            self.submitted_on,
            purpose=self.purpose,
            education=self.education,
            documents=(
                None
                if self.documents is None
                else [Document(d.kind, d.issued_on) for d in self.documents]
            ),
            platform=self.platform,
            correspondence=self.correspondence,
            earlier_score=self.earlier_score,
        )


class SittingSpec(_Spec):
    number: str = "1"
    held_on: date
    present: int | None = None  # default: every member
    chair_present: bool = True


class Scenario(_Spec):
    name: str
    clauses: list[str] = []
    description: str = ""
    today: date | None = None
    history: list[HistorySpec] = []
    recount: RecountSpec | None = None
    sitting: SittingSpec | None = None
    cases: list[CaseSpec] = []

    @model_validator(mode="after")
    def _checks_something(self) -> Scenario:
        if not self.cases and self.recount is None:
            raise ValueError("a scenario needs cases or a recount")
        return self


class ScenarioFile(_Spec):
    scenarios: list[Scenario] = Field(min_length=1)


def load_scenarios(path: Path) -> list[Scenario]:
    try:
        raw = load_yaml(path.read_text(encoding="utf-8"))
        return ScenarioFile.model_validate(raw).scenarios
    except yaml.YAMLError as exc:
        raise DataError([Problem(path, "", "", f"not valid YAML: {exc}")]) from exc
    except ValidationError as exc:
        raise DataError(
            [Problem(path, "", ".".join(str(p) for p in e["loc"]), e["msg"]) for e in exc.errors()]
        ) from exc


@dataclass(frozen=True)
class CaseResult:
    spec: CaseSpec
    assessment: Assessment
    decision: Decision | None

    @property
    def findings(self) -> tuple[Finding, ...]:
        return self.assessment.findings if self.decision is None else self.decision.all_findings

    def mismatches(self) -> list[str]:
        """How the result differs from the scenario's expectation (empty when it holds)."""
        expect = self.spec.expect
        if expect is None:
            return []
        wrong: list[str] = []
        if expect.status is not None and self.assessment.status is not expect.status:
            wrong.append(f"status {self.assessment.status.value}, expected {expect.status.value}")
        outcome = None if self.decision is None else self.decision.outcome
        if expect.outcome is not None and outcome is not expect.outcome:
            got = "no sitting" if outcome is None else outcome.value
            wrong.append(f"outcome {got}, expected {expect.outcome.value}")
        grade = None if self.decision is None else self.decision.grade
        if expect.letter is not None and (grade is None or grade.letter != expect.letter):
            wrong.append(f"letter {grade and grade.letter}, expected {expect.letter}")
        if expect.ects is not None and (grade is None or grade.ects != expect.ects):
            wrong.append(f"ECTS {grade and grade.ects}, expected {expect.ects}")
        if expect.points is not None and (grade is None or grade.points != expect.points):
            wrong.append(f"points {grade and grade.points}, expected {expect.points}")
        for want in expect.findings:
            if not any(want.matches(f) for f in self.findings):
                wrong.append(f"no finding {want}")
        return wrong


@dataclass(frozen=True)
class ScenarioRun:
    cases: list[CaseResult]
    recount: list[str]  # how the re-count differs from the expectation

    def problems(self) -> list[str]:
        return self.recount + [
            f"{r.spec.learner} {r.spec.component}: {wrong}"
            for r in self.cases
            for wrong in r.mismatches()
        ]


def run_scenario(scenario: Scenario, catalog: Catalog, session: Session) -> ScenarioRun:
    """Record the history (with its corrections), re-count after a transfer, assess the cases,
    hold the sitting; everything goes to the ledger."""
    for h in scenario.history:
        record_history(h, catalog, session)
    recount = []
    if scenario.recount is not None:
        result = run_recount(scenario.recount, catalog, session)
        recount = recount_mismatches(scenario.recount, result)

    assessed: list[tuple[CaseSpec, Assessment, Any]] = []
    for spec in scenario.cases:
        day = scenario.today or (
            scenario.sitting.held_on if scenario.sitting else spec.submitted_on
        )
        assessment, row = assess_request(catalog, session, spec.request(catalog), day, record=True)
        assessed.append((spec, assessment, row))

    decisions: dict[int, Decision] = {}
    voted = [(i, a) for i, a in enumerate(assessed) if a[0].vote is not None]
    if voted:
        if scenario.sitting is None:
            raise UsageError(f"scenario {scenario.name!r}: votes are given but no sitting")
        sitting = scenario.sitting
        first_programme = catalog.programmes[assessed[voted[0][0]][1].request.programme]
        commission = catalog.commission_for(first_programme)
        members = len(commission.members)
        present = members if sitting.present is None else sitting.present
        items = []
        for _, (spec, assessment, row) in voted:
            assert spec.vote is not None
            tally = commission_tally(
                commission,
                spec.vote.votes_for,
                spec.vote.against,
                spec.vote.abstained,
                present=present,
                chair_present=sitting.chair_present,
                chair_vote=spec.vote.chair,
            )
            items.append(
                SittingItem(
                    assessment,
                    CommissionInput(tally, spec.score, spec.interview, spec.reviewed),
                    row,
                )
            )
        made = decide_sitting(
            catalog,
            session,
            commission,
            items,
            number=sitting.number,
            held_on=sitting.held_on,
            present=present,
            record=True,
            chair_present=sitting.chair_present,
        )
        for (index, _), decision in zip(voted, made, strict=True):
            decisions[index] = decision
    session.flush()
    return ScenarioRun(
        [
            CaseResult(spec, assessment, decisions.get(i))
            for i, (spec, assessment, _) in enumerate(assessed)
        ],
        recount,
    )
