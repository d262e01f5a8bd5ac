"""What each template may use: the fields the code provides, as typed models. ``tanu templates
check`` holds every template to these: no unknown name, no provided field left unused."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class _Ctx(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ApplicationContext(_Ctx):
    """Өтініш (Appendix 1 of the regulation), prefilled from the case."""

    university: str  # the form is addressed to its President
    full_name: str
    address: str
    phone: str
    education: str  # ресми / бейресми
    organisation: str
    document: str  # kind, number and date of issue
    purpose: str  # "6B06101 «…» (бакалавриат) — аудару", or "—" for re-registration
    disciplines: str  # the disciplines to re-register with their programme, or "—"
    attachments: list[str]
    signed_on: str


class Member(_Ctx):
    name: str
    position: str


class ProtocolCase(_Ctx):
    number: int
    learner: str
    programme: str
    discipline: str
    credits: str  # "6 (алты) кредит, 180 сағат"
    evidence: str
    verification: str
    review: str  # the 5.6 correspondence review as recorded: "қаралды", or that it was not said
    interview: str
    grade: str  # "87 балл, B+, 3,33, жақсы" or "—"
    votes: str  # "жақтап 7, қарсы 0, қалыс қалды 0"
    casting: str  # "; төрағаның дауысы шешуші болды" when the chair's vote decided, else ""
    decision: str
    clauses: str


class ProtocolContext(_Ctx):
    """Хаттама: the commission's sitting and its decisions (5.9)."""

    university: str
    city: str
    number: str
    date: str
    faculty: str
    order: str  # the dean's order that set up the commission
    members_total: int
    present: list[Member]
    absent: list[Member]
    quorum: str
    cases: list[ProtocolCase]
    chair: str
    secretary: str


class TranscriptRow(_Ctx):
    code: str
    name: str
    credits: int
    hours: int
    score: str
    letter: str
    gpa: str
    traditional: str
    ects: str
    basis: str


class TranscriptContext(_Ctx):
    """Транскриптке енгізу (5.10, 5.11)."""

    university: str
    learner: str
    learner_id: str
    programme: str
    rows: list[TranscriptRow]
    exemption: str
    date: str
    registrar: str


class RegisterRow(_Ctx):
    number: int
    learner: str
    programme: str
    discipline: str
    credits: int
    grade: str
    decision: str
    protocol: str


class RegisterContext(_Ctx):
    """Тіркеу кеңсесінің тізілімі: one row per decision of a batch."""

    university: str
    title: str
    date: str
    rows: list[RegisterRow]
    total_credits: int


class AgendaRow(_Ctx):
    number: int
    case: int
    learner: str  # "Сәдуақасова Әлия Нұрланқызы (L-0001)"
    discipline: str
    evidence: str  # each file and what its check found
    checks: str  # what the commission should look at, or "ескерту жоқ"


class AgendaContext(_Ctx):
    """Күн тәртібі: the sitting's agenda for the commission's members."""

    university: str
    commission: str
    title: str
    date: str
    rows: list[AgendaRow]


class CorrectionContext(_Ctx):
    """Түзету туралы үзінді: a decision annulled or amended, for the Registrar's Office."""

    university: str
    learner: str
    learner_id: str
    programme: str
    discipline: str
    original: str  # "хаттама № 16, 25.11.2026 ж.: танылды, 88 балл, B+"
    correction: str  # who decided what, with number and date
    reason: str
    transcript: str  # what changes in the transcript
    registrar: str
    date: str


CONTEXTS: dict[str, type[_Ctx]] = {
    "application": ApplicationContext,
    "protocol": ProtocolContext,
    "transcript": TranscriptContext,
    "register": RegisterContext,
    "agenda": AgendaContext,
    "correction": CorrectionContext,
}
