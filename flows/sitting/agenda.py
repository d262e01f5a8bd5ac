"""A sitting's agenda: the cases ready for one commission, each with what the secretary needs at
hand (learner, component, evidence and its checks, warnings), and the decisions file the
secretary fills in (``tanu sitting template``), every field explained in Kazakh and English.

The file is written so that it cannot be recorded unfilled: the votes are left blank, and a
blank vote is refused when the record is read (``tanu sitting record`` checks the whole record
before anything is resumed or written)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from flows.datafiles import Catalog
from flows.errors import UsageError
from flows.store import ledger
from flows.store.db.models import CaseRow, EvidenceRow
from recognition.assessment import CaseStatus
from recognition.catalog import Commission

VERDICT_KK = {  # a certificate's verdict as the commission reads it
    "verified": "эмитент растады",
    "needs-review": "комиссияның қарауына ескертулер бар",
    "pending": "эмитент жауап бермеді, қайта тексеріледі",
    "refused": "тексеруден өтпеді",
    "not checked": "тексерілмеген",
}


@dataclass(frozen=True, slots=True)
class AgendaItem:
    case: int
    learner: str
    name: str
    programme: str
    component: str
    evidence: list[str]  # "file: verdict"
    warnings: list[str]  # the checks the commission should look at ("5.3 warning: …")
    evidence_kk: list[str]  # the same in Kazakh, for the agenda document
    warnings_kk: list[str]


def commission_of(catalog: Catalog, commission_id: str) -> Commission:
    found = next((c for c in catalog.commissions.values() if c.id == commission_id), None)
    if found is None:
        known = ", ".join(sorted(c.id for c in catalog.commissions.values()))
        raise UsageError(f"no commission {commission_id!r} in data/commissions.yaml ({known})")
    return found


def agenda(catalog: Catalog, session: Session, commission: Commission) -> list[AgendaItem]:
    """The cases ready for the commission (``tanu status`` says *ready*), oldest first."""
    items = []
    for case in session.scalars(
        select(CaseRow).where(CaseRow.status == CaseStatus.READY.value).order_by(CaseRow.id)
    ):
        programme = catalog.programmes.get(case.programme)
        if programme is None or catalog.commission_for(programme).id != commission.id:
            continue
        learner = catalog.learners.get(case.learner_id)
        evidence, warnings, evidence_kk, warnings_kk = [], [], [], []
        for row in session.scalars(select(EvidenceRow).where(EvidenceRow.case_id == case.id)):
            verdict = ledger.latest_verdict(session, row.id)
            status = verdict.status if verdict else "not checked"
            evidence.append(f"{row.original_name}: {status}")
            evidence_kk.append(f"{row.original_name}: {VERDICT_KK.get(status, status)}")
            for check in json.loads(verdict.findings) if verdict else []:
                if check["status"] not in ("ok",):
                    warnings.append(f"{check['clause']} {check['status']}: {check['reason_en']}")
                    warnings_kk.append(f"{check['clause']}: {check['reason_kk']}")
        items.append(
            AgendaItem(
                case.id,
                case.learner_id,
                learner.full_name if learner else "",
                case.programme,
                case.component,
                evidence,
                warnings,
                evidence_kk,
                warnings_kk,
            )
        )
    return items


def template(commission: Commission, items: list[AgendaItem], number: str, held_on: date) -> str:
    """The decisions file for a sitting, pre-filled with its agenda."""
    members = ", ".join(f"{m.id} {m.name}" for m in commission.members)
    lines = [
        "# Комиссия отырысының шешімдері / The decisions of a commission sitting",
        "# Толтырып болған соң / when filled in:  tanu sitting record --file THIS_FILE",
        "",
        f'number: "{number}"  # хаттама нөмірі / protocol number',
        f"commission: {commission.id}  # комиссия / commission",
        f"held_on: {held_on.isoformat()}  # отырыс күні / the sitting's date (YYYY-MM-DD)",
        "# қатысқан мүшелер: келмегендерін өшіріңіз / members present: delete those absent",
        f"# ({members}; төраға / chair: {commission.chair})",
        "present:",
        *(f"  - {m.id}" for m in commission.members),
        "cases:",
    ]
    if not items:
        lines.append("  []  # комиссияға дайын іс жоқ / no case is ready for this commission")
    for item in items:
        lines += [
            f"  # {item.learner} {item.name} — {item.component} ({item.programme})",
            *(f"  #   дәлел / evidence: {e}" for e in item.evidence),
            *(f"  #   назар аударыңыз / look at: {w}" for w in item.warnings),
            f"  - case: {item.case}",
            "    # құжаттардың пән бағдарламасына сәйкестігі қаралды ма (5.6): true | false /",
            "    # was the documents' correspondence to the programme reviewed (5.6)",
            "    reviewed:",
            "    # сұхбат не жазбаша бақылау өткізілсе, қайсысы және нәтижесі (5.6) / the",
            "    # interview or written test held, and its result; empty when none was held",
            "    interview:",
            "    # 100 балдық шкала бойынша балл (5.7) / the score out of 100",
            "    score:",
            "    # дауыс беру (5.9): жақтағандар, қарсылар, қалыс қалғандар / the vote:",
            "    # for, against, abstained (a blank is refused)",
            "    votes: {for: , against: 0, abstained: 0}",
            "    # төрағаның өз дауысы (тең болса шешеді) / the chair's own vote, which decides",
            "    # a tie: for | against | abstained",
            "    # chair: for",
            "    # дәлел тексерістен өтпесе де танылса, комиссияның негіздемесі (хаттамаға",
            "    # жазылады) / the commission's reason for recognising although the evidence",
            "    # did not pass its checks (printed in the protocol)",
            "    # override: ",
        ]
    return "\n".join(lines) + "\n"


def agenda_markdown(
    commission: Commission, items: list[AgendaItem], number: str, refused: str = ""
) -> str:
    """The agenda as the Prefect UI shows it above the sitting's form (Markdown): each case with
    its learner, component, evidence and checks, and why the last record was refused."""
    members = ", ".join(f"`{m.id}` {m.name}" for m in commission.members)
    lines = [
        f"## {commission.id}: №{number} отырыс / sitting {number}",
        "",
    ]
    if refused:
        lines += [
            f"**Жазба қабылданбады / the record was refused:** {refused}",
            "",
            "Түзетіп, қайта жіберіңіз; ештеңе жазылған жоқ / correct it and send it again; "
            "nothing was recorded.",
            "",
        ]
    lines += [
        f"Мүшелер / members: {members}; төраға / chair: `{commission.chair}`.",
        "",
        "Әр іс үшін: балл (5.7), дауыстар (5.9: жақтағандар + қарсылар + қалыс қалғандар = "
        "қатысқандар), сәйкестікті қарау және сұхбат болса (5.6) / for each case: the score "
        "(5.7), the votes (for + against + abstained = those present), whether the "
        "correspondence was reviewed and the interview if one was held (5.6).",
        "",
    ]
    if not items:
        lines.append("Комиссияға дайын іс жоқ / no case is ready for this commission.")
    for item in items:  # one item each: the UI's Markdown has no nested lists
        evidence = item.evidence or ["файл жоқ / no file (documents on paper)"]
        lines.append(
            f"- **case {item.case}**: {item.learner} {item.name} — {item.component} "
            f"({item.programme}); дәлел / evidence: {'; '.join(evidence)}"
            + "".join(f"; **назар аударыңыз / look at**: {w}" for w in item.warnings)
        )
    return "\n".join(lines) + "\n"
