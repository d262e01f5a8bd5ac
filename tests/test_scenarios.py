"""Scenario files (tests/scenarios/*.yaml and the demo's) on every database engine, and a check
that every rule clause of the regulation has at least one scenario that checks it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from flows.datafiles import Catalog
from flows.demo.scenarios import Scenario, load_scenarios, run_scenario

PROJECT = Path(__file__).resolve().parent.parent
FILES = [
    *sorted((PROJECT / "tests" / "scenarios").glob("*.yaml")),
    PROJECT / "data" / "demo" / "scenarios.yaml",
]
SCENARIOS: list[tuple[str, Scenario]] = [
    (f"{path.stem}: {s.name}", s) for path in FILES for s in load_scenarios(path)
]


@pytest.mark.parametrize("scenario", [s for _, s in SCENARIOS], ids=[n for n, _ in SCENARIOS])
def test_scenario(scenario: Scenario, catalog: Catalog, session: Session) -> None:
    run = run_scenario(scenario, catalog, session)
    session.commit()
    problems = run.problems()
    assert not problems, "\n".join(problems)
    assert all(r.spec.expect is not None for r in run.cases), "every case states what it expects"


# Clauses of the table in rules-en.md that are about software rules, not about the process the
# university runs by itself: 5.4 (the MOOC instruction) and 5.5 (hand-over of documents) have no
# decision of their own. 5.10 and 5.11 produce the transcript insert, checked by 5.11 findings.
def _rule_clauses() -> set[str]:
    text = (PROJECT / "docs" / "regulation" / "rules-en.md").read_text(encoding="utf-8")
    table = text.split("## What the software must do with each clause", 1)[1]
    clauses: set[str] = set()
    for line in table.splitlines():
        m = re.match(r"\|\s*([0-9().,\s–-]+?)\s*\|", line)
        if not m or not re.search(r"\d", m.group(1)):
            continue
        for part in re.split(r",\s*", m.group(1)):
            part = part.strip()
            if "–" in part:  # a range such as 5.12–5.14
                head, tail = part.split("–")
                major, low = head.split(".")
                clauses |= {f"{major}.{n}" for n in range(int(low), int(tail.split(".")[-1]) + 1)}
            elif part:
                clauses.add(part)
    return clauses


def test_every_rule_clause_has_a_scenario_that_checks_it() -> None:
    checked = {
        f.clause
        for _, s in SCENARIOS
        for case in s.cases
        if case.expect
        for f in case.expect.findings
    } | {e.clause for _, s in SCENARIOS if s.recount for e in s.recount.expect if e.clause}
    table = _rule_clauses()
    assert {"1.1", "3(3)", "4.6", "4.7", "5.9", "5.13", "5.14"} <= table  # the parse works
    # Clauses whose effect is not a finding of their own, checked by the scenarios that name
    # them: 3(3) with 4.4's certificate, 4.3 by the ledger's history under 4.6, 4.5 by the
    # commission's membership under 5.9, 5.10 by the transcript insert of 5.11.
    by_declaration = {"3(3)", "4.3", "4.5", "5.10"}
    declared = {c for _, s in SCENARIOS for c in s.clauses if any(x.expect for x in s.cases)}
    missing = sorted((table - by_declaration - checked) | (by_declaration - declared - checked))
    assert not missing, f"clauses without a scenario that checks them: {missing}"
