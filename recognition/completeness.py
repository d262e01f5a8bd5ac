"""Are the documents complete? (3(3), 4.4, 5.2, 5.3)"""

from __future__ import annotations

from datetime import date

from recognition.case import CaseRequest, DocumentKind, Education
from recognition.catalog import Syllabus
from recognition.findings import Finding, Status, finding
from recognition.kazakh import numeric_date


def check_documents(request: CaseRequest) -> list[Finding]:
    """5.2: an application, a copy of the identity document and a confirming document.

    The confirming document of non-formal learning is a certificate (3(3), 4.4): a screenshot
    alone never completes a case. Formal outcomes are confirmed by a transcript or a certificate.
    """
    findings: list[Finding] = []
    for kind in (DocumentKind.APPLICATION, DocumentKind.IDENTITY_DOCUMENT):
        findings.append(_presence(request, kind, "5.2"))

    if request.education is Education.NON_FORMAL:
        if request.has(DocumentKind.CERTIFICATE):
            findings.append(_present("4.4", DocumentKind.CERTIFICATE))
        else:
            only_screenshot = request.has(DocumentKind.SCREENSHOT)
            findings.append(
                finding(
                    "4.4",
                    "documents.certificate",
                    Status.MISSING,
                    "Оқу нәтижелерін растайтын құжат (оқуды аяқтау туралы сертификат) жоқ"
                    + ("; скриншот оны алмастырмайды." if only_screenshot else "."),
                    "No confirming document (certificate of completion)"
                    + ("; a screenshot does not replace it." if only_screenshot else "."),
                )
            )
    elif request.has(DocumentKind.TRANSCRIPT) or request.has(DocumentKind.CERTIFICATE):
        findings.append(
            finding(
                "5.2",
                "documents.confirming",
                Status.OK,
                "Оқу нәтижелерін растайтын құжат бар.",
                "The confirming document is on file.",
            )
        )
    else:
        findings.append(
            finding(
                "5.2",
                "documents.confirming",
                Status.MISSING,
                "Оқу нәтижелерін растайтын құжат (транскрипт немесе сертификат) жоқ.",
                "No confirming document (transcript or certificate).",
            )
        )
    return findings


def check_partial_replacement(request: CaseRequest, syllabus: Syllabus | None) -> list[Finding]:
    """5.3: for partial replacement by a MOOC, a screenshot of the graded assignment and a
    certificate issued no later than the end of the syllabus period."""
    if request.education is not Education.NON_FORMAL or not request.purpose.partial_mooc:
        return []
    findings = [_presence(request, DocumentKind.SCREENSHOT, "5.3")]
    certificate = request.first(DocumentKind.CERTIFICATE)
    if certificate is None:
        return findings  # reported once, by check_documents (4.4)
    findings.append(certificate_deadline(certificate.issued_on, syllabus, request.component))
    return findings


def certificate_deadline(
    issued_on: date | None, syllabus: Syllabus | None, component: str = ""
) -> Finding:
    """5.3: for partial replacement by a MOOC, the certificate is issued no later than the end
    of the syllabus period. The one place of this rule: the case's assessment and the verdict on
    a certificate both ask it."""
    if syllabus is None:
        return finding(
            "5.3",
            "deadline.syllabus",
            Status.MISSING,
            f"{component or 'Пәннің'} силлабусы (кезеңнің аяқталу күні) деректерде жоқ.",
            f"No syllabus (end of period) is on file for {component or 'the component'}.",
        )
    if issued_on is None:
        return finding(
            "5.3",
            "deadline.certificate",
            Status.MISSING,
            "Сертификаттың берілген күні белгісіз.",
            "The certificate's date of issue is unknown.",
        )
    if issued_on > syllabus.ends_on:
        return finding(
            "5.3",
            "deadline.certificate",
            Status.REFUSED,
            f"Сертификат {numeric_date(issued_on)} берілген, силлабуста көрсетілген кезең "
            f"{numeric_date(syllabus.ends_on)} аяқталған.",
            f"The certificate was issued on {issued_on.isoformat()}, after the syllabus period "
            f"ended on {syllabus.ends_on.isoformat()}.",
        )
    return finding(
        "5.3",
        "deadline.certificate",
        Status.OK,
        f"Сертификат силлабус кезеңі аяқталғанға дейін ({numeric_date(syllabus.ends_on)}) "
        "берілген.",
        f"The certificate was issued by the end of the syllabus period "
        f"({syllabus.ends_on.isoformat()}).",
    )


def _present(clause: str, kind: DocumentKind) -> Finding:
    return finding(
        clause,
        f"documents.{kind.value}",
        Status.OK,
        f"Бар: {kind.kk}.",
        f"On file: {kind.value}.",
    )


def _presence(request: CaseRequest, kind: DocumentKind, clause: str) -> Finding:
    if request.has(kind):
        return _present(clause, kind)
    return finding(
        clause,
        f"documents.{kind.value}",
        Status.MISSING,
        f"Жетіспейді: {kind.kk}.",
        f"Missing: {kind.value}.",
    )


def check_progress(
    progress_percent: float | None, submitted_on: date, syllabus: Syllabus | None
) -> Finding:
    """5.3: a screenshot's MOOC progress must meet the syllabus checkpoints that have passed by
    the day it was submitted (the day the file arrived)."""
    if syllabus is None:
        return finding(
            "5.3",
            "deadline.progress",
            Status.MISSING,
            "Силлабус (бақылау нүктелері) деректерде жоқ.",
            "No syllabus (checkpoints) is on file.",
        )
    passed = [c for c in syllabus.checkpoints if c.due <= submitted_on]
    needed = max((c.min_progress_percent for c in passed), default=0)
    if progress_percent is None:
        return finding(
            "5.3",
            "deadline.progress",
            Status.MISSING,
            "Скриншоттан MOOC игерудің пайызы оқылмады.",
            "The screenshot's progress percentage could not be read.",
        )
    shown = f"{progress_percent:g}%"
    if progress_percent < needed:
        return finding(
            "5.3",
            "deadline.progress",
            Status.REFUSED,
            f"MOOC игеру {shown}, {numeric_date(submitted_on)} дейін кемінде {needed}% қажет.",
            f"MOOC progress {shown}; at least {needed}% was due by {submitted_on.isoformat()}.",
        )
    return finding(
        "5.3",
        "deadline.progress",
        Status.OK,
        f"MOOC игеру {shown}, бақылау нүктелері бойынша қажеті {needed}%.",
        f"MOOC progress {shown} meets the {needed}% due by the checkpoints passed.",
    )
