"""The documents' contents, gathered from the ledger and the data files."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from flows.datafiles import Catalog
from flows.documents.contexts import (
    AgendaContext,
    AgendaRow,
    ApplicationContext,
    Member,
    ProtocolCase,
    ProtocolContext,
    RegisterContext,
    RegisterRow,
    TranscriptContext,
    TranscriptRow,
)
from flows.errors import UsageError
from flows.sitting.agenda import VERDICT_KK, AgendaItem
from flows.store import ledger
from flows.store.db.models import (
    CaseRow,
    DecisionRow,
    EvidenceRow,
    RecognisedCreditRow,
    SittingRow,
    VerdictRow,
)
from recognition.assessment import Outcome
from recognition.case import DocumentKind, Education, Purpose
from recognition.catalog import Commission, Programme
from recognition.grading import Band
from recognition.kazakh import (
    decimal,
    in_words,
    initials,
    long_date,
    numeric_date,
    share_in_words,
)
from recognition.vote import quorum_needed

_PURPOSE = {
    Purpose.ADMISSION: "түсу",  # the form's "түсу/аудару/қалпына келтіру үшін"
    Purpose.TRANSFER: "аудару",
    Purpose.READMISSION: "қалпына келтіру",
}


BODY_OF = {"appeals": "апелляциялық комиссияның", "commission": "факультет комиссиясының"}
_BODY = {body: f"{of} шешімі" for body, of in BODY_OF.items()}


def case_row(session: Session, case_id: int) -> CaseRow:
    case = session.get(CaseRow, case_id)
    if case is None:
        raise UsageError(f"no case #{case_id} in the database")
    return case


def _documents(case: CaseRow) -> list[DocumentKind]:
    return [DocumentKind(k) for k in (case.documents or "").split(",") if k]


def application(catalog: Catalog, session: Session, case_id: int) -> ApplicationContext:
    case = case_row(session, case_id)
    learner = catalog.learners[case.learner_id]
    programme = catalog.programmes[case.programme]
    component = programme.component(case.component)
    platform = catalog.platforms.get(case.platform or "")
    evidence = session.scalar(
        select(VerdictRow)
        .where(VerdictRow.learner_id == learner.id, VerdictRow.component == component.code)
        .order_by(VerdictRow.id.desc())
    )
    kinds = _documents(case)
    confirming = next(
        (k for k in kinds if k in (DocumentKind.CERTIFICATE, DocumentKind.TRANSCRIPT)), None
    )
    document = (
        "—"
        if confirming is None
        else {DocumentKind.CERTIFICATE: "сертификат", DocumentKind.TRANSCRIPT: "транскрипт"}[
            confirming
        ]
    )
    if evidence is not None:
        row = session.get(EvidenceRow, evidence.evidence_id)
        if row is not None and row.certificate_id:
            document += f", № {row.certificate_id}"
            if row.issued_on:
                document += f", берілген күні {numeric_date(row.issued_on)}"
    purpose = Purpose(case.purpose)
    formal = Education(case.education).formal
    programme_text = f"{programme.code} «{programme.name_kk}» ({programme.level.kk})"
    return ApplicationContext(
        university=catalog.university.name_kk,
        full_name=learner.full_name,
        address=learner.address or "—",
        phone=learner.phone or "—",
        education="ресми" if formal else "бейресми",
        organisation=(platform.name + f" ({platform.organisation})") if platform else "—",
        document=document,
        purpose=f"{programme_text} — {_PURPOSE[purpose]}" if purpose in _PURPOSE else "—",
        disciplines="—"
        if purpose in _PURPOSE
        else f"{component.code} «{component.name_kk}», {programme_text}",
        attachments=[
            "жеке басын куәландыратын құжаттың көшірмесі",
            "оқу нәтижелерін растайтын құжат",
        ],
        signed_on=long_date(case.submitted_on, attributive=False),
    )


def protocol(catalog: Catalog, session: Session, sitting_id: int) -> ProtocolContext:
    sitting = session.get(SittingRow, sitting_id)
    if sitting is None:
        raise UsageError(f"no sitting #{sitting_id} in the database")
    commission = next(c for c in catalog.commissions.values() if c.id == sitting.commission_id)
    present_ids = [m for m in (sitting.present_members or "").split(",") if m]
    present = [
        Member(name=m.name, position=m.position_kk)
        for m in commission.members
        if m.id in present_ids
    ]
    absent = [
        Member(name=m.name, position=m.position_kk)
        for m in commission.members
        if m.id not in present_ids
    ]
    quota = catalog.parameters.at(sitting.held_on).quorum_share
    need = quorum_needed(len(commission.members), quota)
    quorum = (
        f"Комиссияның {len(commission.members)} мүшесінің {len(present)}-і қатысты; "
        f"шешім қабылдау үшін кемінде {need} мүше қажет ({share_in_words(quota)[0]}): "
        + (
            "кворум бар, отырыс заңды (5.9-тармақ)."
            if len(present) >= need
            else "кворум жоқ, шешім заңды емес (5.9-тармақ)."
        )
    )
    decisions = session.scalars(
        select(DecisionRow).where(DecisionRow.sitting_id == sitting.id).order_by(DecisionRow.id)
    ).all()
    cases = [_protocol_case(catalog, session, n, d) for n, d in enumerate(decisions, start=1)]
    secretary = (
        commission.member(commission.secretary).name
        if commission.secretary in {m.id for m in commission.members}
        else commission.secretary
    )
    return ProtocolContext(
        university=catalog.university.name_kk,
        city=catalog.university.city_kk,
        number=sitting.number,
        date=long_date(sitting.held_on, attributive=False),
        faculty=commission.faculty_name_kk,
        order=f"факультет деканының {long_date(commission.dean_order.date)} "
        f"№ {commission.dean_order.number} өкімі",
        members_total=len(commission.members),
        present=present,
        absent=absent,
        quorum=quorum,
        cases=cases,
        chair=initials(commission.member(commission.chair).name),
        secretary=initials(secretary),
    )


def band_of(catalog: Catalog, programme: Programme, day: date, points: int) -> Band:
    """The band of the commission's grading scale in force on ``day`` (5.7): what the letter
    reads as traditionally and in ECTS."""
    return catalog.scale_for(programme, day).band_for(points)


def _protocol_case(
    catalog: Catalog, session: Session, number: int, decision: DecisionRow
) -> ProtocolCase:
    case = case_row(session, decision.case_id)
    learner = catalog.learners[case.learner_id]
    programme = catalog.programmes[case.programme]
    component = programme.component(case.component)
    platform = catalog.platforms.get(case.platform or "")
    kinds = [
        k.kk
        for k in _documents(case)
        if k not in (DocumentKind.APPLICATION, DocumentKind.IDENTITY_DOCUMENT)
    ]
    evidence = ", ".join(kinds) or "—"
    if platform:
        evidence += f" ({platform.name})"
    verdict = session.scalar(
        select(VerdictRow)
        .where(VerdictRow.learner_id == learner.id, VerdictRow.component == component.code)
        .order_by(VerdictRow.id.desc())
    )
    grade = "—"
    if decision.points is not None:
        band = band_of(catalog, programme, decision.decided_on, decision.points)
        grade = (
            f"{decision.points} балл, {decision.letter}, {decimal(decision.gpa)}, "
            f"{decision.traditional_kk}, ECTS {band.ects}"
        )
    votes = "—"
    if decision.votes_for is not None:
        votes = (
            f"жақтап {decision.votes_for}, қарсы {decision.votes_against}, "
            f"қалыс қалды {decision.abstained}"
        )
    return ProtocolCase(
        number=number,
        learner=learner.full_name,
        programme=f"{programme.code} «{programme.name_kk}»",
        discipline=f"{component.code} «{component.name_kk}»",
        credits=f"{component.credits} ({in_words(component.credits)}) кредит, "
        f"{component.hours} ({in_words(component.hours)}) сағат",
        evidence=evidence,
        verification=(
            VERDICT_KK.get(verdict.status, verdict.status)
            if verdict
            else "онлайн тексеру жүргізілмеген"
        )
        + (
            f"; комиссия тексеру нәтижесіне қарамастан таныды, негізі: {decision.override}"
            if decision.override
            else ""
        ),
        review={
            True: "қаралды",
            False: "қаралмады",
            None: "отырыс жазбасында көрсетілмеген",
        }[decision.reviewed],
        interview=decision.interview or "өткізілмеді",
        grade=grade,
        votes=votes,
        casting="; төрағаның дауысы шешуші болды" if decision.casting_vote else "",
        decision=Outcome(decision.outcome).kk,
        clauses=", ".join(sorted(decision.clauses.split(","), key=_clause_order)),
    )


def transcript(
    catalog: Catalog, session: Session, learner_id: str, sitting_id: int | None = None
) -> TranscriptContext:
    learner = catalog.learners.get(learner_id)
    if learner is None:
        raise UsageError(f"no learner {learner_id!r}")
    programme = catalog.programmes[learner.programme]
    query = select(RecognisedCreditRow).where(
        RecognisedCreditRow.learner_id == learner_id,
        RecognisedCreditRow.programme == programme.code,
        ledger.current(),  # an annulled decision's row is not copied into the transcript
    )
    if sitting_id is not None:
        ids = session.scalars(select(DecisionRow.id).where(DecisionRow.sitting_id == sitting_id))
        query = query.where(RecognisedCreditRow.decision_id.in_(list(ids)))
    rows = session.scalars(query.order_by(RecognisedCreditRow.id)).all()
    if not rows:
        raise UsageError(f"nothing recognised for {learner_id} to put in a transcript insert")
    out = []
    for r in rows:
        component = programme.component(r.component)
        points, letter, gpa, basis = r.points, r.letter, r.gpa, r.source or "—"
        last = ledger.amendment_of(session, r)
        if last is not None:  # the grade an amendment gave replaces the decision's
            assert last.points is not None and last.letter and last.gpa is not None
            points, letter, gpa = last.points, last.letter, last.gpa
            basis += f"; {_BODY[last.body]} № {last.number}, {numeric_date(last.decided_on)} ж."
        band = band_of(catalog, programme, r.recognised_on, points)
        letter, gpa = band.letter, band.gpa  # read on this programme's scale (5.8)
        out.append(
            TranscriptRow(
                code=r.component,
                name=component.name_kk,
                credits=r.credits,
                hours=r.hours,
                score=str(points),
                letter=letter,
                gpa=decimal(gpa),
                traditional=band.traditional_kk,
                ects=band.ects,
                basis=basis,
            )
        )
    names = ", ".join(f"«{programme.component(r.component).name_kk}»" for r in rows)
    return TranscriptContext(
        university=catalog.university.name_kk,
        learner=learner.full_name,
        learner_id=learner.id,
        programme=f"{programme.code} «{programme.name_kk}» ({programme.level.kk})",
        rows=out,
        exemption=f"Білім алушы келесі семестрлерде қайта есептелген {names} "
        f"{'пәнін' if len(rows) == 1 else 'пәндерін'} оқудан босатылады (5.11-тармақ).",
        date=long_date(rows[-1].recognised_on, attributive=False),
        registrar=initials(catalog.university.registrar_head) or "—",
    )


def register(catalog: Catalog, session: Session, sitting_ids: Sequence[int]) -> RegisterContext:
    rows = []
    total = 0
    decisions = session.scalars(
        select(DecisionRow)
        .where(DecisionRow.sitting_id.in_(list(sitting_ids)))
        .order_by(DecisionRow.sitting_id, DecisionRow.id)
    ).all()
    if not decisions:
        raise UsageError("no decisions in those sittings")
    for n, d in enumerate(decisions, start=1):
        case = case_row(session, d.case_id)
        sitting = session.get(SittingRow, d.sitting_id) if d.sitting_id else None
        programme = catalog.programmes[case.programme]
        component = programme.component(case.component)
        recognised = d.outcome == Outcome.RECOGNISED.value
        total += component.credits if recognised else 0
        rows.append(
            RegisterRow(
                number=n,
                learner=initials(catalog.learners[case.learner_id].full_name),
                programme=programme.code,
                discipline=f"{component.code} «{component.name_kk}»",
                credits=component.credits,
                grade=f"{d.points} ({d.letter})" if d.points is not None else "—",
                decision=Outcome(d.outcome).kk,
                protocol=f"№ {sitting.number}, {numeric_date(sitting.held_on)}" if sitting else "—",
            )
        )
    held = max(session.get(SittingRow, i).held_on for i in sitting_ids)  # type: ignore[union-attr]
    return RegisterContext(
        university=catalog.university.name_kk,
        title="Бейресми білім беру нәтижелерін тану туралы шешімдердің тізілімі",
        date=long_date(held, attributive=False),
        rows=rows,
        total_credits=total,
    )


def _clause_order(clause: str) -> tuple[int, ...]:
    return tuple(int(n) for n in clause.replace("(", ".").replace(")", "").split(".") if n)


def agenda(
    catalog: Catalog, commission: Commission, items: list[AgendaItem], number: str, day: date
) -> AgendaContext:
    """Күн тәртібі: the sitting's agenda for the commission's members, each ready case with its
    evidence, what its checks found and what to look at (rendered when the sitting opens)."""
    rows = []
    for n, item in enumerate(items, start=1):
        programme = catalog.programmes[item.programme]
        component = programme.component(item.component)
        rows.append(
            AgendaRow(
                number=n,
                case=item.case,
                learner=f"{item.name} ({item.learner})",
                discipline=f"{component.code} «{component.name_kk}», {component.credits} кредит",
                evidence="; ".join(item.evidence_kk) or "қағаз түрінде тапсырылған құжаттар",
                checks="; ".join(item.warnings_kk) or "ескерту жоқ",
            )
        )
    return AgendaContext(
        university=catalog.university.name_kk,
        commission=f"{commission.faculty_name_kk} комиссиясы",
        title=f"№ {number} отырыстың күн тәртібі",
        date=long_date(day, attributive=False),
        rows=rows,
    )
