"""Rules one at a time: routing (5.1), documents (3(3), 4.4, 5.2, 5.3), eligibility (1.1, 4.7),
formal outcomes (5.8, 5.12) and department conclusions (5.13, 5.14)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from flows.datafiles import Catalog
from recognition.case import (
    CaseRequest,
    Correspondence,
    Document,
    DocumentKind,
    Education,
    Purpose,
)
from recognition.completeness import check_documents, check_partial_replacement
from recognition.eligibility import check_component, check_platform
from recognition.findings import Status
from recognition.formal import check_department_conclusion, check_vacation
from recognition.routing import Destination, route

APP = Document(DocumentKind.APPLICATION)
ID = Document(DocumentKind.IDENTITY_DOCUMENT)
CERT = Document(DocumentKind.CERTIFICATE, date(2026, 11, 1))
SHOT = Document(DocumentKind.SCREENSHOT)

REQ = CaseRequest(
    learner_id="L-0001",
    programme="6B06101",
    component="MLB3215",
    purpose=Purpose.FULL_REPLACEMENT,
    education=Education.NON_FORMAL,
    submitted_on=date(2026, 11, 10),
    platform="coursera",
    documents=(APP, ID, CERT),
)


@pytest.mark.parametrize(
    ("purpose", "destination"),
    [
        (Purpose.ADMISSION, Destination.ADMISSIONS_COMMITTEE),
        (Purpose.TRANSFER, Destination.REGISTRAR),
        (Purpose.READMISSION, Destination.REGISTRAR),
        (Purpose.ORIENTATION_PLAN, Destination.REGISTRAR),
        (Purpose.FULL_REPLACEMENT, Destination.REGISTRAR),
        (Purpose.PARTIAL_REPLACEMENT, Destination.TEACHER),
        (Purpose.PARTIAL_TOPICS, Destination.TEACHER),
        (Purpose.ALONGSIDE_LECTURES, Destination.TEACHER),
        (Purpose.INDEPENDENT_WORK, Destination.TEACHER),
    ],
)
def test_routing_5_1(purpose: Purpose, destination: Destination) -> None:
    got, f = route(purpose)
    assert got is destination
    assert f.clause == "5.1" and destination.kk in f.reason_kk


def _statuses(findings: list) -> dict[str, Status]:  # type: ignore[type-arg]
    return {f.rule: f.status for f in findings}


def test_complete_documents_5_2() -> None:
    assert all(f.status is Status.OK for f in check_documents(REQ))


@pytest.mark.parametrize("missing", [DocumentKind.APPLICATION, DocumentKind.IDENTITY_DOCUMENT])
def test_each_missing_document_is_named_5_2(missing: DocumentKind) -> None:
    docs = tuple(d for d in REQ.documents if d.kind is not missing)
    found = _statuses(check_documents(replace(REQ, documents=docs)))
    assert found[f"documents.{missing.value}"] is Status.MISSING


def test_a_screenshot_never_replaces_the_certificate_4_4() -> None:
    [*_, f] = check_documents(replace(REQ, documents=(APP, ID, SHOT)))
    assert (f.clause, f.status) == ("4.4", Status.MISSING)
    assert "скриншот" in f.reason_kk


def test_formal_outcomes_are_confirmed_by_a_transcript() -> None:
    req = replace(
        REQ, education=Education.FORMAL, documents=(APP, ID, Document(DocumentKind.TRANSCRIPT))
    )
    assert all(f.status is Status.OK for f in check_documents(req))


def test_partial_replacement_deadline_5_3(catalog: Catalog) -> None:
    syllabus = catalog.syllabi[("6B06101", "MLB3215")][0]
    partial = replace(REQ, purpose=Purpose.PARTIAL_REPLACEMENT, documents=(APP, ID, SHOT, CERT))
    assert all(f.status is Status.OK for f in check_partial_replacement(partial, syllabus))
    on_last_day = replace(
        partial, documents=(APP, ID, SHOT, Document(DocumentKind.CERTIFICATE, syllabus.ends_on))
    )
    assert (
        _statuses(check_partial_replacement(on_last_day, syllabus))["deadline.certificate"]
        is Status.OK
    )
    late = replace(
        partial, documents=(APP, ID, SHOT, Document(DocumentKind.CERTIFICATE, date(2026, 12, 21)))
    )
    assert (
        _statuses(check_partial_replacement(late, syllabus))["deadline.certificate"]
        is Status.REFUSED
    )
    undated = replace(partial, documents=(APP, ID, SHOT, Document(DocumentKind.CERTIFICATE)))
    assert (
        _statuses(check_partial_replacement(undated, syllabus))["deadline.certificate"]
        is Status.MISSING
    )
    no_shot = replace(partial, documents=(APP, ID, CERT))
    assert (
        _statuses(check_partial_replacement(no_shot, syllabus))["documents.screenshot"]
        is Status.MISSING
    )
    assert (
        _statuses(check_partial_replacement(partial, None))["deadline.syllabus"] is Status.MISSING
    )


def test_5_3_does_not_apply_to_full_replacement_or_independent_work(catalog: Catalog) -> None:
    syllabus = catalog.syllabi[("6B06101", "MLB3215")][0]
    assert check_partial_replacement(REQ, syllabus) == []
    assert check_partial_replacement(replace(REQ, purpose=Purpose.INDEPENDENT_WORK), syllabus) == []


def test_recognised_list_is_dated_1_1(catalog: Catalog) -> None:
    intuit = catalog.platforms["intuit"]
    req = replace(REQ, platform="intuit")
    assert check_platform(req, intuit, date(2025, 6, 30))[0].status is Status.OK
    assert check_platform(req, intuit, date(2025, 7, 1))[0].status is Status.REFUSED
    assert (
        check_platform(replace(REQ, platform="unknown"), None, REQ.submitted_on)[0].status
        is Status.REFUSED
    )
    assert (
        check_platform(replace(REQ, platform=None), None, REQ.submitted_on)[0].status
        is Status.MISSING
    )
    assert check_platform(replace(REQ, education=Education.FORMAL), None, REQ.submitted_on) == []


@pytest.mark.parametrize(
    ("code", "status"),
    [
        ("HMK1101", Status.OK),  # compulsory
        ("PRG1205", Status.OK),  # university
        ("MLB3215", Status.OK),  # elective
        ("DIP4401", Status.REFUSED),  # diploma
    ],
)
def test_component_kinds_4_7(catalog: Catalog, code: str, status: Status) -> None:
    component = catalog.programmes["6B06101"].component(code)
    [f] = check_component(replace(REQ, component=code), component)
    assert (f.clause, f.status) == ("4.7", status)


def test_vacation_scheduling_5_12(catalog: Catalog) -> None:
    req = replace(REQ, education=Education.FORMAL_PREVIOUS_LEVEL)
    [inside] = check_vacation(req, catalog.calendar, date(2027, 1, 20))
    [outside] = check_vacation(req, catalog.calendar, date(2026, 11, 25))
    [beyond] = check_vacation(req, catalog.calendar, date(2027, 9, 1))
    assert inside.status is Status.OK
    assert outside.status is Status.PENDING and "18.01.2027" in outside.reason_kk
    assert beyond.status is Status.MISSING
    assert check_vacation(REQ, catalog.calendar, date(2026, 11, 25)) == []


@pytest.mark.parametrize(
    ("corr", "clause"), [(Correspondence.OTHER_NAME, "5.13"), (Correspondence.COMPOSITE, "5.14")]
)
def test_department_conclusion_5_13_5_14(corr: Correspondence, clause: str) -> None:
    [missing] = check_department_conclusion(replace(REQ, correspondence=corr))
    assert (missing.clause, missing.status) == (clause, Status.MISSING)
    with_conclusion = replace(
        REQ,
        correspondence=corr,
        documents=(*REQ.documents, Document(DocumentKind.DEPARTMENT_CONCLUSION)),
    )
    [ok] = check_department_conclusion(with_conclusion)
    assert (ok.clause, ok.status) == (clause, Status.OK)
    assert check_department_conclusion(REQ) == []
