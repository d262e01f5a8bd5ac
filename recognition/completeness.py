"""Are the documents complete? (3(3), 4.4, 5.2, 5.3)"""

from __future__ import annotations

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
    if syllabus is None:
        findings.append(
            finding(
                "5.3",
                "deadline.syllabus",
                Status.MISSING,
                f"{request.component} пәнінің силлабусы (кезеңнің аяқталу күні) деректерде жоқ.",
                f"No syllabus (end of period) is on file for {request.component}.",
            )
        )
    elif certificate.issued_on is None:
        findings.append(
            finding(
                "5.3",
                "deadline.certificate",
                Status.MISSING,
                "Сертификаттың берілген күні белгісіз.",
                "The certificate's date of issue is unknown.",
            )
        )
    elif certificate.issued_on > syllabus.ends_on:
        findings.append(
            finding(
                "5.3",
                "deadline.certificate",
                Status.REFUSED,
                f"Сертификат {numeric_date(certificate.issued_on)} берілген, силлабуста "
                f"көрсетілген кезең {numeric_date(syllabus.ends_on)} аяқталған.",
                f"The certificate was issued on {certificate.issued_on.isoformat()}, after the "
                f"syllabus period ended on {syllabus.ends_on.isoformat()}.",
            )
        )
    else:
        findings.append(
            finding(
                "5.3",
                "deadline.certificate",
                Status.OK,
                f"Сертификат силлабус кезеңі аяқталғанға дейін ({numeric_date(syllabus.ends_on)}) "
                "берілген.",
                f"The certificate was issued by the end of the syllabus period "
                f"({syllabus.ends_on.isoformat()}).",
            )
        )
    return findings


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
