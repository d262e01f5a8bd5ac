"""The Registrar's re-count of credits into another programme (4.2, 4.3, 5.13).

Recognised credits accumulate for life (4.3): they belong to the learner, not to a programme.
When a learner is transferred or re-admitted to another programme (4.2), each earlier
recognition is re-counted into the new programme's curriculum:

1. **Which component.** A discipline of the same name (spaces and letter case aside) is the same
   discipline (4.2). A discipline of another name but matching content is re-counted only on the
   department's reasoned conclusion (5.13), which the Registrar names for that pair; without one
   the recognition is not carried and the finding says what is missing.
2. **Whole or not at all.** The earlier recognition must cover the new component's credits; a
   component needing more is not re-counted from it (several passed disciplines summed into one,
   5.14, is the department's call and is not automated here).
3. **Once.** A component already recognised in the new programme, or carried by an earlier
   recognition in the same re-count, is not recognised twice (5.11). When the earliest
   claimant is non-formal and over the cap (step 5), a later formal claimant, outside the cap,
   carries it.
4. **Diploma work** is never recognised from non-formal learning (4.7).
5. **The new programme's cap.** Non-formal credits re-counted count against the new programme's
   share (4.6), with what is already recognised in it, in the order of :mod:`recognition.cap`
   (earliest recognition first); formal credits do not count (5.8).

The grade is kept as the commission gave it (its points); only its reading on the new
programme's scale is the new programme's (5.8), and only a positive grade is carried (4.2).
Nothing here reads a file or a database.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from recognition.cap import CapRequest, allocate
from recognition.case import Education
from recognition.catalog import Component, ComponentKind, Programme
from recognition.findings import Finding, Status, finding
from recognition.grading import Band, ScaleVersion


@dataclass(frozen=True, slots=True)
class Earlier:
    """One recognition in the learner's ledger, in the programme it was made in."""

    ref: int  # the ledger row it is
    programme: str
    component: str
    name_kk: str
    credits: int
    education: Education
    recognised_on: date
    points: int  # as recognised, or as an amendment gave it


@dataclass(frozen=True, slots=True)
class Conclusion:
    """The department's reasoned conclusion that ``earlier`` matches ``component`` (5.13)."""

    earlier: str  # component code in the programme the recognition was made in
    component: str  # component code in the new programme
    text: str  # its number, date and department, as the Registrar names it


@dataclass(frozen=True, slots=True)
class RecountItem:
    earlier: Earlier
    component: Component | None  # where it goes in the new programme, when anywhere
    carried: bool
    finding: Finding
    band: Band | None = None  # the grade read on the new programme's scale, when carried
    conclusion: Conclusion | None = None  # the department's, when it was carried under 5.13


def _same_name(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def _target(
    earlier: Earlier, programme: Programme, conclusions: Mapping[str, Conclusion]
) -> tuple[Component | None, Conclusion | None]:
    conclusion = conclusions.get(earlier.component)
    if conclusion is not None:
        return programme.component(conclusion.component), conclusion
    for c in programme.components:
        if _same_name(c.name_kk, earlier.name_kk):
            return c, None
    return None, None


def recount(
    earlier: Sequence[Earlier],
    programme: Programme,
    *,
    conclusions: Sequence[Conclusion] = (),
    recognised: frozenset[str],
    non_formal_credits: int,
    share: Fraction,
    scale: ScaleVersion,
) -> list[RecountItem]:
    """Re-count ``earlier`` recognitions into ``programme`` (module docstring), where
    ``recognised`` are the components already recognised in it and ``non_formal_credits``
    what they count towards its cap. A conclusion naming a component the programme does not
    have is a :class:`KeyError` (the Registrar's mistake, not a finding)."""
    by_code = {c.earlier: c for c in conclusions}
    unknown = set(by_code) - {e.component for e in earlier}
    if unknown:
        raise KeyError(f"no earlier recognition of {', '.join(sorted(unknown))} to re-count")
    taken = set(recognised)
    items: dict[int, RecountItem] = {}
    candidates: list[tuple[Earlier, Component, Conclusion | None]] = []
    for e in sorted(earlier, key=lambda e: (e.recognised_on, e.ref)):
        target, conclusion = _target(e, programme, by_code)
        source = f"{e.programme} {e.component} «{e.name_kk}»"
        if target is None:
            items[e.ref] = RecountItem(e, None, False, finding(
                "5.13", "recount.match", Status.MISSING,
                f"{source}: {programme.code} бағдарламасында осы атаудағы пән жоқ; мазмұны "
                "сәйкес пәнге қайта есептеу үшін кафедраның дәлелді қорытындысы қажет.",
                f"{source}: no discipline of that name in {programme.code}; re-counting it "
                "into a discipline of matching content needs the department's reasoned "
                "conclusion.",
            ))  # fmt: skip
            continue
        where = f"{programme.code} {target.code} «{target.name_kk}»"
        if target.code in taken:
            items[e.ref] = _once(e, target, source, where)
            continue
        if target.kind is ComponentKind.DIPLOMA and e.education is Education.NON_FORMAL:
            items[e.ref] = RecountItem(e, target, False, finding(
                "4.7", "recount.diploma", Status.REFUSED,
                f"{source}: дипломдық жұмыс (жоба) бейресми оқыту нәтижелерімен танылмайды.",
                f"{source}: diploma work is never recognised from non-formal learning.",
            ))  # fmt: skip
            continue
        if e.credits < target.credits:
            items[e.ref] = RecountItem(e, target, False, finding(
                "4.2", "recount.credits", Status.REFUSED,
                f"{source}: {e.credits} кредит {where} пәнінің {target.credits} кредитін "
                "толық жаппайды; пән тек толық қайта есептеледі.",
                f"{source}: {e.credits} credits do not cover the {target.credits} credits of "
                f"{where}; a discipline is re-counted whole or not at all.",
            ))  # fmt: skip
            continue
        band = scale.band_for(e.points)
        if not band.positive:
            items[e.ref] = RecountItem(e, target, False, finding(
                "4.2", "recount.grade", Status.REFUSED,
                f"{source}: {e.points} балл жаңа бағдарламаның шкаласы бойынша оң баға емес "
                f"({band.letter}); ауыстыруда тек оң бағалар танылады.",
                f"{source}: {e.points} points is not a positive grade on the new programme's "
                f"scale ({band.letter}); a transfer recognises positive grades only.",
            ))  # fmt: skip
            continue
        candidates.append((e, target, conclusion))

    # 5.11: the earliest claimant of a component takes it; when the cap refuses a non-formal
    # claimant, a later formal one (outside the cap) still may
    first: dict[str, tuple[Earlier, Component, Conclusion | None]] = {}
    for e, target, conclusion in candidates:
        first.setdefault(target.code, (e, target, conclusion))
    non_formal = [(e, t) for e, t, _ in first.values() if e.education is Education.NON_FORMAL]
    cap = allocate(
        [CapRequest(t.code, t.credits, e.recognised_on) for e, t in non_formal],
        total_credits=programme.total_credits,
        share=share,
        already_recognised=non_formal_credits,
    )
    over = {item.request.component: item.finding for item in cap if not item.fits}
    for e, target, conclusion in candidates:
        source = f"{e.programme} {e.component} «{e.name_kk}»"
        where = f"{programme.code} {target.code} «{target.name_kk}»"
        if target.code in taken:
            items[e.ref] = _once(e, target, source, where)
            continue
        if target.code in over and e.education is Education.NON_FORMAL:
            items[e.ref] = RecountItem(e, target, False, over[target.code])
            continue
        taken.add(target.code)
        if conclusion is None:
            f = finding(
                "4.2", "recount.carried", Status.OK,
                f"{source} {where} ретінде қайта есептелді (атауы бірдей).",
                f"{source} re-counted as {where} (same name).",
            )  # fmt: skip
        else:
            f = finding(
                "5.13", "recount.carried", Status.OK,
                f"{source} {where} ретінде қайта есептелді, кафедраның дәлелді қорытындысы: "
                f"{conclusion.text}.",
                f"{source} re-counted as {where} on the department's reasoned conclusion: "
                f"{conclusion.text}.",
            )  # fmt: skip
        items[e.ref] = RecountItem(e, target, True, f, scale.band_for(e.points), conclusion)
    return [items[e.ref] for e in sorted(earlier, key=lambda e: (e.recognised_on, e.ref))]


def _once(e: Earlier, target: Component, source: str, where: str) -> RecountItem:
    return RecountItem(e, target, False, finding(
        "5.11", "recount.once", Status.REFUSED,
        f"{source}: {where} пәні бұл бағдарламада бұрын танылған.",
        f"{source}: {where} is already recognised in this programme.",
    ))  # fmt: skip
