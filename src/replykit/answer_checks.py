"""Checks across the answers of one playbook that no single field's type can express.

A check takes the resolved answers (every field typed, defaults filled) and returns the
problems it finds; :func:`replykit.answers.resolve_answers` runs the checks registered for
the playbook's id once every field has a value and reports their problems as answer errors
(exit 3), so a letter is never drawn from figures that contradict each other.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from replykit.errors import Problem

AnswerCheck = Callable[[Mapping[str, Any]], list[Problem]]

CHECKS: dict[str, list[AnswerCheck]] = {}


def answer_check(playbook_id: str) -> Callable[[AnswerCheck], AnswerCheck]:
    """Register the decorated function as a check of ``playbook_id``'s answers."""

    def register(check: AnswerCheck) -> AnswerCheck:
        CHECKS.setdefault(playbook_id, []).append(check)
        return check

    return register


def run_checks(playbook_id: str, values: Mapping[str, Any]) -> list[Problem]:
    """Every problem the checks of ``playbook_id`` find in ``values`` (none registered: [])."""
    return [problem for check in CHECKS.get(playbook_id, []) for problem in check(values)]


def _figure(amount: Decimal) -> str:
    return f"{amount:,.2f}"


@answer_check("debt-reply")
def debt_figures(values: Mapping[str, Any]) -> list[Problem]:
    """A partial acknowledgement is less than the claim, and the schedule adds up to it."""
    position = values.get("position")
    claimed = values.get("claimed_amount")
    if position not in ("full", "partial") or claimed is None:
        return []
    acknowledged = claimed if position == "full" else values.get("acknowledged_amount")
    if acknowledged is None:
        return []
    if position == "partial" and acknowledged > claimed:
        return [
            Problem(
                message=f"acknowledged_amount {_figure(acknowledged)} is more than "
                f"claimed_amount {_figure(claimed)}",
                field="acknowledged_amount",
                value=str(acknowledged),
                hint="Acknowledge at most the sum claimed.",
            )
        ]
    if position == "partial" and acknowledged == claimed:
        return [
            Problem(
                message=f"acknowledged_amount {_figure(acknowledged)} is the whole "
                f"claimed_amount: that is not a partial acknowledgement (position=full)",
                field="acknowledged_amount",
                value=str(acknowledged),
                hint="Set position=full, or acknowledge less than the sum claimed.",
            )
        ]
    plan = values.get("repayment_plan") or []
    total = sum((Decimal(p["amount"]) for p in plan), Decimal(0))
    if plan and total != acknowledged:
        gap = acknowledged - total
        return [
            Problem(
                message=f"repayment_plan adds up to {_figure(total)}, but the acknowledged sum "
                f"is {_figure(acknowledged)} ({'short by' if gap > 0 else 'over by'} "
                f"{_figure(abs(gap))})",
                field="repayment_plan",
                hint="Make the payments add up to the acknowledged sum.",
            )
        ]
    return []
