"""Түзету туралы үзінді: the extract for the Registrar's Office when a decision is annulled or
amended afterwards (the correction beside it in the ledger)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from flows.datafiles import Catalog
from flows.documents.assemble import BODY_OF, band_of, case_row
from flows.documents.contexts import CorrectionContext
from flows.errors import UsageError
from flows.store import ledger
from flows.store.db.models import CorrectionRow, DecisionRow, SittingRow
from recognition.assessment import Outcome
from recognition.kazakh import decimal, initials, long_date, numeric_date


def correction(catalog: Catalog, session: Session, correction_id: int) -> CorrectionContext:
    """Түзету туралы үзінді: the decision as it was, the correction, what the transcript does."""
    fix = session.get(CorrectionRow, correction_id)
    if fix is None:
        raise UsageError(f"no correction #{correction_id}")
    decision = session.get(DecisionRow, fix.decision_id)
    assert decision is not None
    case = case_row(session, decision.case_id)
    learner = catalog.learners[case.learner_id]
    programme = catalog.programmes[case.programme]
    component = programme.component(case.component)
    sitting = session.get(SittingRow, decision.sitting_id) if decision.sitting_id else None
    where = (
        f"хаттама № {sitting.number}, {numeric_date(sitting.held_on)} ж."
        if sitting
        else f"{numeric_date(decision.decided_on)} ж."
    )
    grade = f", {decision.points} балл, {decision.letter}" if decision.points is not None else ""
    who = f"{BODY_OF[fix.body]} {long_date(fix.decided_on)} № {fix.number} шешімі"
    if fix.kind == ledger.ANNULLED:
        correction = f"{who}: шешімнің күші жойылды"
        transcript = (
            f"пән транскрипттен алынады; {component.credits} кредит танылғандар қатарынан "
            "шығарылады (4.6-тармақ)"
            if decision.outcome == "recognised"
            else "өзгеріс жоқ"
        )
    else:
        assert fix.points is not None and fix.gpa is not None
        band = band_of(catalog, programme, decision.decided_on, fix.points)
        correction = f"{who}: баға өзгертілді"
        transcript = (
            f"баға {fix.points} балл, {fix.letter}, {decimal(fix.gpa)}, {band.traditional_kk}, "
            f"ECTS {band.ects} болып өзгертіледі"
        )
    return CorrectionContext(
        university=catalog.university.name_kk,
        learner=learner.full_name,
        learner_id=learner.id,
        programme=f"{programme.code} «{programme.name_kk}»",
        discipline=f"{component.code} «{component.name_kk}», {component.credits} кредит",
        original=f"{where}: {Outcome(decision.outcome).kk}{grade}",
        correction=correction,
        reason=fix.reason,
        transcript=transcript,
        registrar=initials(catalog.university.registrar_head) or "—",
        date=long_date(fix.decided_on, attributive=False),
    )
