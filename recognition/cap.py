"""The cap on non-formal recognition (4.6, counted over the lifelong ledger of 4.3).

Credits recognised from non-formal learning for one learner in one programme, all earlier
decisions plus this batch, stay within ``share`` (20%) of the curriculum's total credits. A
component is recognised whole or not at all.

**Order when a batch would cross the cap:** requests are taken first come, first served: by the
day the documents were submitted, then by component code (a stable tie-break that anyone can
check by hand). Each request that still fits is granted; one that does not is refused, and later,
smaller requests are still considered. Exact arithmetic: ``20% × 125 = 25`` credits exactly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from recognition.findings import Finding, Status, finding


@dataclass(frozen=True, slots=True)
class CapRequest:
    component: str
    credits: int
    submitted_on: date


@dataclass(frozen=True, slots=True)
class CapItem:
    request: CapRequest
    fits: bool
    used_before: int  # non-formal credits already counted when this request was considered
    finding: Finding


def cap_credits(total_credits: int, share: Fraction) -> Fraction:
    return total_credits * share


def _fmt(value: Fraction) -> str:
    return str(value.numerator) if value.denominator == 1 else f"{float(value):.2f}"


def allocate(
    requests: Sequence[CapRequest],
    *,
    total_credits: int,
    share: Fraction,
    already_recognised: int,
) -> list[CapItem]:
    """Decide which requests fit under the cap, in the documented order (module docstring)."""
    cap = cap_credits(total_credits, share)
    percent = _fmt(share * 100)
    used = already_recognised
    items: list[CapItem] = []
    for req in sorted(requests, key=lambda r: (r.submitted_on, r.component)):
        after = used + req.credits
        if after <= cap:
            f = finding(
                "4.6",
                "cap.within",
                Status.OK,
                f"Бейресми оқыту бойынша кредиттер: бұрын {used}, осы {req.credits}, барлығы "
                f"{after}; шегі {_fmt(cap)} ({total_credits} кредиттің {percent}%-ы).",
                f"Non-formal credits: {used} earlier + {req.credits} now = {after}, within the "
                f"cap of {_fmt(cap)} ({percent}% of {total_credits}).",
            )
            items.append(CapItem(req, True, used, f))
            used = after
        else:
            f = finding(
                "4.6",
                "cap.within",
                Status.REFUSED,
                f"Бейресми оқыту бойынша кредиттер шектен асады: бұрын {used}, осы {req.credits}, "
                f"барлығы {after}; шегі {_fmt(cap)} ({total_credits} кредиттің {percent}%-ы).",
                f"Non-formal credits would exceed the cap: {used} earlier + {req.credits} now = "
                f"{after} > {_fmt(cap)} ({percent}% of {total_credits}).",
            )
            items.append(CapItem(req, False, used, f))
    return items
