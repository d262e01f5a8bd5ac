"""All the documents of one sitting, DOCX and PDF, into one folder."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from flows.datafiles import Catalog
from flows.documents import assemble
from flows.documents.render import render, soffice, to_pdf
from flows.sitting.agenda import agenda
from flows.store.db.models import CaseRow, DecisionRow, SittingRow
from recognition.catalog import Commission


def sitting_documents(
    catalog: Catalog, session: Session, sitting: SittingRow, out: Path, pdf: bool = True
) -> tuple[list[Path], list[Path], str | None]:
    """The protocol, the register, an application and a transcript insert per learner decided.
    Returns the DOCX files, the PDF files, and a note when PDFs could not be made."""
    folder = out / f"hattama-{sitting.number}"
    docs = [
        render(
            "protocol",
            assemble.protocol(catalog, session, sitting.id),
            folder / f"hattama-{sitting.number}.docx",
        ),
        render(
            "register",
            assemble.register(catalog, session, [sitting.id]),
            folder / f"tizilim-{sitting.number}.docx",
        ),
    ]
    decisions = session.scalars(select(DecisionRow).where(DecisionRow.sitting_id == sitting.id))
    learners: dict[str, int] = {}
    for d in decisions:
        case = session.get(CaseRow, d.case_id)
        assert case is not None
        docs.append(
            render(
                "application",
                assemble.application(catalog, session, case.id),
                folder / f"otinish-{case.learner_id}-{case.component}.docx",
            )
        )
        if d.outcome == "recognised":
            learners.setdefault(case.learner_id, d.id)
    for learner in learners:
        docs.append(
            render(
                "transcript",
                assemble.transcript(catalog, session, learner, sitting.id),
                folder / f"transcript-{learner}.docx",
            )
        )
    if not pdf:
        return docs, [], None
    if soffice() is None:
        return (
            docs,
            [],
            (
                "LibreOffice is not installed: the DOCX files are kept, without PDF "
                "copies (apt-get install libreoffice-writer-nogui)"
            ),
        )
    return docs, to_pdf(docs, folder), None


def agenda_document(
    catalog: Catalog,
    session: Session,
    commission: Commission,
    number: str,
    day: date,
    folder: Path,
    pdf: bool = True,
) -> list[Path]:
    """Күн тәртібі of a sitting, DOCX (and PDF when LibreOffice is there), for the members."""
    items = agenda(catalog, session, commission)
    docx = render(
        "agenda",
        assemble.agenda(catalog, commission, items, number, day),
        folder / f"kun-tartibi-{number}.docx",
    )
    return [docx, *(to_pdf([docx], folder) if pdf and soffice() is not None else [])]
