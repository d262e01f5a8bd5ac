"""One verdict per evidence item: every check's finding with its clause, and an overall status.

Statuses: ``verified`` (every check passed), ``needs-review`` (warnings for the commission:
tampering signals, a probable name, an issuer that cannot be asked), ``pending`` (the issuer was
unreachable: the nightly batch asks again), ``refused`` (a check refutes the evidence: another
person's certificate, a reused one, a late one).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from extractors.model import EvidenceKind, Extraction
from recognition.catalog import Learner, Syllabus
from recognition.completeness import certificate_deadline, check_progress
from recognition.findings import Finding, Status, finding
from verifiers.identity import NameMatch, match_name
from verifiers.issuers import IssuerOutcome, IssuerResult


class VerdictStatus(StrEnum):
    VERIFIED = "verified"
    NEEDS_REVIEW = "needs-review"
    PENDING = "pending"
    REFUSED = "refused"


@dataclass(frozen=True, slots=True)
class Verdict:
    extraction: Extraction
    issuer: IssuerResult | None
    findings: tuple[Finding, ...]

    @property
    def status(self) -> VerdictStatus:
        statuses = {f.status for f in self.findings}
        if Status.REFUSED in statuses:
            return VerdictStatus.REFUSED
        if Status.PENDING in statuses:
            return VerdictStatus.PENDING
        if statuses & {Status.WARNING, Status.MISSING}:
            return VerdictStatus.NEEDS_REVIEW
        return VerdictStatus.VERIFIED


def issuer_finding(result: IssuerResult | None, extraction: Extraction) -> Finding:
    if result is None:
        if extraction.certificate_id is None:
            return finding(
                "4.4",
                "issuer",
                Status.WARNING,
                "Сертификат нөмірі оқылмады: эмитентте тексеру мүмкін емес.",
                "No certificate ID was read: the issuer cannot be asked.",
            )
        return finding(
            "4.4", "issuer", Status.WARNING, "Платформа белгісіз.", "The platform is not known."
        )
    o = result.outcome
    if o is IssuerOutcome.VERIFIED:
        return finding(
            "4.4",
            "issuer",
            Status.OK,
            "Эмитент сертификатты растады.",
            f"The issuer confirms the certificate ({result.url}).",
        )
    if o is IssuerOutcome.MISMATCH:
        diff = "; ".join(result.differences)
        return finding(
            "4.4",
            "issuer",
            Status.REFUSED,
            f"Эмитенттегі деректер құжатпен сәйкес келмейді: {diff}.",
            f"The issuer's record differs from the document: {diff}.",
        )
    if o is IssuerOutcome.NOT_FOUND:
        return finding(
            "4.4",
            "issuer",
            Status.WARNING,
            "Эмитентте мұндай сертификат табылмады (нөмір қате оқылуы мүмкін).",
            f"The issuer has no such certificate ({result.reason}); the ID may be "
            "misread: check by hand.",
        )
    if o is IssuerOutcome.UNREACHABLE:
        return finding(
            "4.4",
            "issuer",
            Status.PENDING,
            "Эмитент қолжетімсіз; кейінірек қайта тексеріледі.",
            f"The issuer could not be reached ({result.reason}); asked again later.",
        )
    if o is IssuerOutcome.UNUSABLE:
        return finding(
            "4.4",
            "issuer",
            Status.WARNING,
            "Эмитенттің жауабын автоматты түрде тексеру мүмкін емес: қолмен тексеріледі.",
            f"The issuer's answer cannot be checked automatically ({result.reason}): check by "
            "hand.",
        )
    if o is IssuerOutcome.REFUSED:
        return finding(
            "4.4",
            "issuer",
            Status.WARNING,
            "Тексеру мекенжайы рұқсат етілмеген.",
            f"The verification address was not allowed ({result.reason}).",
        )
    return finding(
        "4.4",
        "issuer",
        Status.WARNING,
        "Бұл платформаның онлайн тексеруі жоқ: қолмен тексеріледі.",
        f"No online check for this platform ({result.reason}): check by hand.",
    )


def identity_finding(extraction: Extraction, learner: Learner) -> Finding:
    if extraction.learner_name is None:
        return finding(
            "4.4",
            "identity",
            Status.MISSING,
            "Құжаттағы аты-жөні оқылмады.",
            "No name was read on the document.",
        )
    result = match_name(extraction.learner_name, learner.full_name, learner.name_latin)
    if result.outcome is NameMatch.MATCH:
        return finding(
            "4.4",
            "identity",
            Status.OK,
            f"Құжаттағы аты-жөні білім алушыныкі: {extraction.learner_name}.",
            f"The name on the document is the learner's ({result.reason}).",
        )
    if result.outcome is NameMatch.PROBABLE:
        return finding(
            "4.4",
            "identity",
            Status.WARNING,
            f"Аты-жөні ықтимал сәйкес: {extraction.learner_name}; комиссия шешеді.",
            f"The name {extraction.learner_name!r} probably is the learner's "
            f"({result.reason}); for the commission.",
        )
    return finding(
        "4.4",
        "identity",
        Status.REFUSED,
        f"Құжаттағы аты-жөні ({extraction.learner_name}) білім алушыныкі емес.",
        f"The name on the document ({extraction.learner_name!r}) is not the "
        f"learner's ({result.reason}).",
    )


def deadline_findings(
    extraction: Extraction, syllabus: Syllabus | None, submitted_on: date, partial: bool
) -> list[Finding]:
    """5.3: for partial replacement the certificate must be issued by the end of the syllabus
    period; a screenshot's progress must meet the checkpoints passed by its submission."""
    if extraction.kind is EvidenceKind.SCREENSHOT:
        return [check_progress(extraction.progress_percent, submitted_on, syllabus)]
    if extraction.kind is not EvidenceKind.CERTIFICATE or not partial:
        return []
    return [certificate_deadline(extraction.issued_on, syllabus)]


def build_verdict(
    extraction: Extraction,
    learner: Learner,
    *,
    issuer: IssuerResult | None,
    syllabus: Syllabus | None,
    submitted_on: date,
    partial: bool,
    reuse: Finding,
    tampering: Sequence[Finding],
) -> Verdict:
    findings: list[Finding] = []
    if extraction.kind in (EvidenceKind.CERTIFICATE, EvidenceKind.SCREENSHOT):
        findings.append(
            finding(
                "4.4",
                "evidence.kind",
                Status.OK,
                f"Дәлел түрі: {extraction.kind.value}.",
                f"Evidence kind: {extraction.kind.value}.",
            )
        )
    else:
        findings.append(
            finding(
                "4.4",
                "evidence.kind",
                Status.WARNING,
                "Файл сертификат немесе скриншот ретінде танылмады.",
                f"Not read as a certificate or screenshot ({extraction.kind}).",
            )
        )
    if extraction.kind is EvidenceKind.CERTIFICATE:
        findings.append(issuer_finding(issuer, extraction))
        findings.append(identity_finding(extraction, learner))
    findings += deadline_findings(extraction, syllabus, submitted_on, partial)
    findings.append(reuse)
    findings += tampering
    return Verdict(extraction, issuer, tuple(findings))
