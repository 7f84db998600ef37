"""Checks across the parts of a parsed playbook: conditions, defaults and rules.

They need the model, the value parsers and the condition reader, and nothing needs them but
the parser, which runs them once the parts are read; so the model and the value parsers
never import each other.
"""

from __future__ import annotations

from replykit.conditions import condition_names
from replykit.errors import PlaybookError, shown
from replykit.playbook.model import Field, Playbook, iter_fields
from replykit.playbook.values import FieldValueError, parse_value

#: A problem found: the file it is in ("" for the playbook's own), its line (0 when unknown),
#: and what is wrong.
Found = tuple[str, int, str]


def cross_check(playbook: Playbook) -> list[Found]:
    """Every problem across the playbook's parts, in the order a reader meets them."""
    found = _check_conditions(playbook)
    found += _check_defaults(playbook.fields)
    steps = {step.id for step in playbook.steps}
    for step_id in playbook.rules.require:
        if step_id not in steps:
            found.append(
                ("", 0, f"rules.require names step '{step_id}', which the playbook does not have")
            )
    return found


def _check_conditions(playbook: Playbook) -> list[Found]:
    """Every ``when`` reads, and a field's refers only to fields asked before it."""
    found: list[Found] = []

    def names(expression: str, line: int, what: str, source: str = "") -> frozenset[str]:
        try:
            return condition_names(expression)
        except PlaybookError as err:
            found.append((source, line, f"{what}: when: {err.message}"))
            return frozenset()

    earlier: set[str] = {"lang", "channel"}
    everything = set(playbook.field_names)
    for fld in playbook.fields:
        if fld.when:
            what = f"field '{fld.name}'"
            for name in sorted(names(fld.when, fld.when_line, what, fld.source) - earlier):
                where = "is asked after it" if name in everything else "is not a field"
                found.append(
                    (
                        fld.source,
                        fld.when_line,
                        f"field '{fld.name}': when names '{name}', which {where}; "
                        "a condition may use only the answers asked before it, lang and channel",
                    )
                )
        earlier.add(fld.name)
    known = everything | {"lang", "channel"}
    later = [(s.when, s.when_line, f"step '{s.id}'") for s in playbook.steps if s.when]
    later += [(w.when, w.line, "warning") for w in playbook.warnings]
    for expression, line, what in later:
        for name in sorted(names(expression, line, what) - known):
            found.append(("", line, f"{what}: when names '{name}', which is not a field"))
    return found


def _check_defaults(fields: tuple[Field, ...]) -> list[Found]:
    """Every ``default`` fits its field, so a draft never fails on the playbook's own value."""
    found: list[Found] = []
    for fld in iter_fields(fields):
        if fld.default is None:
            continue
        try:
            parse_value(fld, fld.default)
        except FieldValueError as err:
            message = f"field '{fld.name}': default {shown(fld.default)}: {err.en}"
            found.append((fld.source, fld.line, message))
    return found
