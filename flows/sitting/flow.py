"""The Prefect flow of a commission sitting (``tanu-sitting``): suspended until the secretary's
record arrives, then decided, written to the ledger, rendered and delivered. It orchestrates
:mod:`flows.sitting.record` and :mod:`flows.delivery.outbox`; no rule lives here.

The form in the Prefect UI shows the sitting's agenda and comes pre-filled with its cases (their
votes left at nought, which is refused until filled in). A record that is refused (a case not
ready, a vote that does not add up, a decision that outruns its evidence) writes nothing: the run
waits again, the reason at the top of the form. A resumed Prefect flow runs again from its start,
each earlier suspension handing back its earlier input, so each refusal is kept beside the run
(``refused-N``) and an earlier record is never taken on a later try."""

from __future__ import annotations

from datetime import date
from typing import Any

from prefect import flow, get_run_logger, suspend_flow_run
from prefect.input import RunInput
from prefect.input.actions import create_flow_run_input, read_flow_run_input
from pydantic import Field, ValidationError, create_model

from flows.delivery.outbox import close_sitting
from flows.documents.batch import agenda_document
from flows.errors import TanuError
from flows.runtime import work_context
from flows.sitting.agenda import agenda, agenda_markdown, commission_of
from flows.sitting.record import CaseDecision, SittingRecord, apply_record, check_record

context = work_context  # what a flow run needs, opened per run
MOST_TRIES = 20  # records refused before the run gives up (each try replays the earlier ones)


class SittingInput(RunInput):
    """The form the secretary fills in the Prefect UI (or `tanu sitting record`)."""

    held_on: date
    present: list[str]
    cases: list[CaseDecision]


def _form(commission_id: str, number: str, refused: str, opening: bool) -> type[SittingInput]:
    """The form with the agenda, pre-filled: today, every member present, each ready case
    with its vote blank (to be filled in). The agenda is the form's description and, as the
    Prefect UI squeezes a long form's description to nothing, the cases' field's too. When the
    sitting opens, its agenda document (Күн тәртібі) is rendered for the members."""
    with context() as ctx:
        commission = commission_of(ctx.catalog, commission_id)
        items = agenda(ctx.catalog, ctx.session, commission)
        folder = ctx.settings.var_dir / "sittings" / f"{commission_id}-{number}"
        if opening and not folder.exists():  # not again when a resumed run replays
            written = agenda_document(
                ctx.catalog, ctx.session, commission, number, ctx.settings.today(), folder
            )
            get_run_logger().info("the agenda for the members: %s", written[0])
        shown = agenda_markdown(commission, items, number, refused)
        cases = [{"case": i.case, "votes": {"against": 0, "abstained": 0}} for i in items]
        fields: dict[str, Any] = {
            "held_on": (date, Field(default=ctx.settings.today(), description=HELD_ON)),
            "present": (
                list[str],
                Field(default=[m.id for m in commission.members], description=PRESENT),
            ),
            "cases": (list[CaseDecision], Field(default=cases, description=shown)),
        }
    form = create_model("SittingInput", __base__=SittingInput, **fields)
    form._description = shown  # what RunInput.with_initial_data sets: shown above the form
    return form


HELD_ON = "отырыс күні / the sitting's date"
PRESENT = "қатысқан мүшелер: келмегендерін өшіріңіз / members present: delete those absent"


def _record(commission: str, number: str, given: SittingInput) -> SittingRecord:
    return SittingRecord(
        number=number,
        commission=commission,
        held_on=given.held_on,
        present=given.present,
        cases=given.cases,
    )


def _refusal(commission: str, number: str, given: SittingInput) -> str:
    """Why the record cannot be recorded, or "" (every check made, nothing kept)."""
    try:
        record = _record(commission, number, given)
        with context() as ctx:
            check_record(ctx.catalog, ctx.session, record)
    except ValidationError as exc:
        return "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
    except TanuError as exc:
        return str(exc)
    return ""


@flow(name="tanu-sitting")
def sitting_flow(commission: str, number: str, wait_days: int = 60) -> dict[str, Any]:
    """Opens a sitting and waits for its record without holding a process (suspended); then
    decides, writes the ledger, renders the documents and delivers them to the outbox."""
    log = get_run_logger()
    refused = ""
    for attempt in range(1, MOST_TRIES + 1):
        given = suspend_flow_run(
            wait_for_input=_form(commission, number, refused, attempt == 1),
            timeout=wait_days * 86400,
            key=f"record-{attempt}",
        )
        assert given is not None
        earlier: str | None = read_flow_run_input(f"refused-{attempt}")  # type: ignore[assignment]
        refused = earlier if earlier is not None else _refusal(commission, number, given)
        if not refused:
            break
        if earlier is None:  # a new refusal, not one replayed
            create_flow_run_input(f"refused-{attempt}", refused)
            log.warning("the record was refused (nothing written): %s", refused)
    else:
        raise TanuError(f"{MOST_TRIES} records of this sitting were refused; open it again")
    record = _record(commission, number, given)
    with context() as ctx:
        sitting, decisions = apply_record(ctx.catalog, ctx.session, record)
        ctx.session.commit()
        folder, _ = close_sitting(
            ctx.catalog, ctx.session, sitting, decisions, ctx.settings.var_dir, ctx.settings.smtp
        )
        outcomes = [
            {
                "learner": d.assessment.request.learner_id,
                "component": d.assessment.request.component,
                "outcome": d.outcome.value,
            }
            for d in decisions
        ]
    return {"outbox": str(folder), "decisions": outcomes}
