"""The words of a recognition case: purposes, kinds of education and of documents.

Values only; the rules that use them live in the modules named for their clauses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum


class Purpose(StrEnum):
    """Why the applicant asks for recognition; decides where documents go (5.1)."""

    ADMISSION = "admission"
    TRANSFER = "transfer"
    READMISSION = "readmission"
    ORIENTATION_PLAN = "orientation-plan"
    FULL_REPLACEMENT = "full-replacement"
    PARTIAL_REPLACEMENT = "partial-replacement"
    PARTIAL_TOPICS = "partial-topics"
    ALONGSIDE_LECTURES = "alongside-lectures"
    INDEPENDENT_WORK = "independent-work"

    @property
    def kk(self) -> str:
        return _PURPOSE_KK[self]

    @property
    def partial_mooc(self) -> bool:
        """Partial replacement of sessions by a MOOC, the case of 5.3.

        Re-counting separate topics and keeping some lectures beside the MOOC are forms of
        partial replacement; a MOOC used only as material for independent work replaces nothing.
        """
        return self in (
            Purpose.PARTIAL_REPLACEMENT,
            Purpose.PARTIAL_TOPICS,
            Purpose.ALONGSIDE_LECTURES,
        )


_PURPOSE_KK = {
    Purpose.ADMISSION: "Есенов Университетіне түсу",
    Purpose.TRANSFER: "ауыстыру",
    Purpose.READMISSION: "қайта қабылдау (қалпына келтіру)",
    Purpose.ORIENTATION_PLAN: "бағдарлау аптасында жеке оқу жоспарын қалыптастыру",
    Purpose.FULL_REPLACEMENT: "оқу жоспарының пәнін MOOC-пен толық ауыстыру",
    Purpose.PARTIAL_REPLACEMENT: "аудиториялық сабақтарды MOOC-пен ішінара ауыстыру",
    Purpose.PARTIAL_TOPICS: "MOOC жекелеген тақырыптарын ішінара қайта есептеу",
    Purpose.ALONGSIDE_LECTURES: "сабақтарды ішінара сақтай отырып MOOC-ты пайдалану",
    Purpose.INDEPENDENT_WORK: "MOOC-ты өзіндік жұмыс үшін қосымша материал ретінде пайдалану",
}


class Education(StrEnum):
    NON_FORMAL = "non-formal"  # бейресми білім беру (MOOC, courses)
    FORMAL = "formal"  # ресми білім беру (another university, another programme)
    FORMAL_PREVIOUS_LEVEL = "formal-previous-level"  # a previous level of formal education (5.12)

    @property
    def formal(self) -> bool:
        return self is not Education.NON_FORMAL


class DocumentKind(StrEnum):
    APPLICATION = "application"  # өтініш (Appendix 1)
    IDENTITY_DOCUMENT = "identity-document"  # жеке басын куәландыратын құжаттың көшірмесі
    CERTIFICATE = "certificate"  # сертификат (куәлік), 4.4
    SCREENSHOT = "screenshot"  # орындалған тапсырманың скриншоты, 5.3
    TRANSCRIPT = "transcript"  # транскрипт, for formal outcomes
    DEPARTMENT_CONCLUSION = "department-conclusion"  # кафедраның дәлелді қорытындысы, 5.13–5.14

    @property
    def kk(self) -> str:
        return _DOCUMENT_KK[self]


_DOCUMENT_KK = {
    DocumentKind.APPLICATION: "өтініш",
    DocumentKind.IDENTITY_DOCUMENT: "жеке басын куәландыратын құжаттың көшірмесі",
    DocumentKind.CERTIFICATE: "оқуды аяқтау туралы сертификат",
    DocumentKind.SCREENSHOT: "бағасы көрсетілген орындалған тапсырманың скриншоты",
    DocumentKind.TRANSCRIPT: "транскрипт",
    DocumentKind.DEPARTMENT_CONCLUSION: "кафедраның дәлелді қорытындысы",
}


class Correspondence(StrEnum):
    """How the learned discipline relates to the component (5.13, 5.14)."""

    SAME = "same"  # same name and content
    OTHER_NAME = "other-name"  # another name, matching content (5.13)
    COMPOSITE = "composite"  # several passed disciplines make up this one (5.14)


@dataclass(frozen=True, slots=True)
class Document:
    kind: DocumentKind
    issued_on: date | None = None


def complete_documents(education: Education, issued_on: date) -> tuple[Document, ...]:
    """The set 5.2 asks for: application, identity document copy and the confirming document
    (a certificate for non-formal learning, 4.4; a transcript for formal outcomes)."""
    confirming = DocumentKind.TRANSCRIPT if education.formal else DocumentKind.CERTIFICATE
    return (
        Document(DocumentKind.APPLICATION),
        Document(DocumentKind.IDENTITY_DOCUMENT),
        Document(confirming, issued_on),
    )


@dataclass(frozen=True, slots=True)
class CaseRequest:
    """What the applicant asks: one component of one programme, with the documents given."""

    learner_id: str
    programme: str
    component: str
    purpose: Purpose
    education: Education
    submitted_on: date
    platform: str | None = None  # the organisation or platform, for non-formal outcomes
    documents: tuple[Document, ...] = ()
    correspondence: Correspondence = Correspondence.SAME
    earlier_score: Decimal | None = None  # the grade already earned, for formal outcomes (5.8)
    already_recognised: frozenset[str] = field(default_factory=frozenset)

    def has(self, kind: DocumentKind) -> bool:
        return any(d.kind is kind for d in self.documents)

    def first(self, kind: DocumentKind) -> Document | None:
        return next((d for d in self.documents if d.kind is kind), None)
