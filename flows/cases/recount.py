"""The Registrar's re-count against the catalog and the ledger (4.2, 4.3, 5.13).

A transfer is recorded where the learner's programme lives, ``data/learners.yaml``; the re-count
then carries the learner's earlier recognitions, made in other programmes, into the matching
components of that programme by the rules of :mod:`recognition.recount`. The learner's
undecided cases filed for another programme are assessed again at once: they say that they are
to be filed again for the new programme (4.2), and leave the commission's agenda.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from flows.cases.casework import assess_case
from flows.cases.credits import component_name
from flows.datafiles import Catalog
from flows.errors import UsageError
from flows.store import ledger
from flows.store.db.models import CaseRow, RecognisedCreditRow
from recognition.case import Education
from recognition.catalog import Programme
from recognition.recount import Conclusion, Earlier, RecountItem, recount


@dataclass(frozen=True)
class Recount:
    learner: str
    programme: Programme
    items: list[RecountItem]
    already: int  # earlier recognitions carried into this programme by an earlier re-count
    recount_id: int | None  # the stored re-count, when recorded
    # undecided cases filed for another programme, assessed again: (case, component, status)
    left: list[tuple[int, str, str]]

    @property
    def carried(self) -> list[RecountItem]:
        return [i for i in self.items if i.carried]


def recount_learner(
    catalog: Catalog,
    session: Session,
    learner_id: str,
    *,
    to: str,
    day: date,
    basis: str,
    conclusions: Sequence[Conclusion] = (),
    record: bool,
) -> Recount:
    """Re-count ``learner_id``'s earlier recognitions into ``to``, the programme
    data/learners.yaml now gives the learner; with ``record`` the carried rows enter the
    ledger in the caller's transaction."""
    learner = catalog.learners.get(learner_id)
    if learner is None:
        raise UsageError(f"no learner {learner_id!r} in data/learners.yaml")
    if learner.programme != to:
        raise UsageError(
            f"data/learners.yaml gives {learner_id} the programme {learner.programme}, not {to}: "
            f"record the transfer there first (programme: {to}), then re-count"
        )
    programme = catalog.programmes[to]
    rows = ledger.learner_ledger(session, learner_id)
    done = {r.carried_from for r in rows if r.programme == to and r.carried_from is not None}
    originals = [
        r for r in rows if r.programme != to and r.carried_from is None and r.id not in done
    ]
    earlier = []
    for r in originals:
        amendment = ledger.amendment_of(session, r)
        earlier.append(
            Earlier(
                ref=r.id,
                programme=r.programme,
                component=r.component,
                name_kk=component_name(catalog, r),
                credits=r.credits,
                education=Education(r.education),
                recognised_on=r.recognised_on,
                points=r.points if amendment is None or amendment.points is None
                else amendment.points,
            )
        )  # fmt: skip
    scale = catalog.scale_for(programme, day)
    try:
        items = recount(
            earlier,
            programme,
            conclusions=conclusions,
            recognised=ledger.recognised_components(session, learner_id, to),
            non_formal_credits=ledger.prior_non_formal_credits(session, learner_id, to),
            share=catalog.parameters.at(day).cap_share,
            scale=scale,
        )
    except KeyError as exc:
        raise UsageError(f"{exc.args[0]}; see `tanu learner credits {learner_id}`") from exc
    recount_id = None
    if record and items:
        by_id = {r.id: r for r in originals}
        carried = []
        for item in items:
            if not item.carried:
                continue
            assert item.component is not None and item.band is not None
            carried.append(
                (
                    by_id[item.earlier.ref],
                    RecognisedCreditRow(
                        component=item.component.code,
                        education=item.earlier.education.value,
                        credits=item.component.credits,
                        hours=item.component.hours,
                        points=item.earlier.points,
                        letter=item.band.letter,
                        gpa=item.band.gpa,
                        recognised_on=day,
                        source=_basis(by_id[item.earlier.ref], basis, item),
                    ),
                )
            )
        recount_id = ledger.record_recount(
            session, learner_id, to, day, basis, [i.finding for i in items], carried
        ).id
    left = _cases_left_behind(catalog, session, learner_id, to, day, record)
    return Recount(learner_id, programme, items, len(done), recount_id, left)


def _cases_left_behind(
    catalog: Catalog, session: Session, learner_id: str, to: str, day: date, record: bool
) -> list[tuple[int, str, str]]:
    """The learner's undecided cases of other programmes, assessed on ``day`` (4.2: to be
    filed again for ``to``); with ``record`` their new status is stored."""
    out = []
    for case_id in ledger.open_cases(session, learner_id):
        case = session.get(CaseRow, case_id)
        if case is None or case.programme == to:
            continue
        assessment = assess_case(catalog, session, case, day)
        if record:
            ledger.record_assessment(session, assessment, case)
        out.append((case.id, f"{case.programme} {case.component}", assessment.status.value))
    return out


def _basis(earlier: RecognisedCreditRow, basis: str, item: RecountItem) -> str:
    """What the transcript insert prints as the row's basis: where it was recognised, and the
    re-count's order (with the department's conclusion under 5.13)."""
    text = f"{earlier.programme} {earlier.component}"
    if earlier.source:
        text += f", {earlier.source}"
    text += f"; қайта есептеу: {basis}"
    if item.conclusion is not None:
        text += f"; кафедраның қорытындысы: {item.conclusion.text} (5.13)"
    return text
