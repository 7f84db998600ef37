"""Where answers come from, which one wins, and resolving them against a playbook.

:class:`AnswerSources` is the precedence, written once; every other mention cites it.
:func:`resolve_answers` types the answers, fills defaults, asks (on a terminal) or reports
what is missing.

A question whose ``when`` is false is *skipped*: it is never asked, any value
given for it is ignored, and it contributes nothing — it is absent from the
resolved answers, and templates and later conditions see it as ``none``.
An optional question left unanswered is ``none`` in the same way.
"""

from __future__ import annotations

import json
from collections import ChainMap
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from replykit.answer_checks import run_checks
from replykit.conditions import compile_conditions, condition_context, holds
from replykit.errors import (
    AnswerError,
    MissingAnswersError,
    Problem,
    did_you_mean,
    summarise,
)
from replykit.playbook import Field, Playbook
from replykit.playbook.values import FieldValueError, format_value, is_blank, parse_value

#: Called for a field nobody answered: (field, current default or None, last error) -> raw text.
AskFunction = Callable[[Field, Any, "FieldValueError | None"], Any]


@dataclass(frozen=True)
class AnswerSources:
    """Answers by where they came from; each source wins over the ones below it.

    Precedence, highest first: ``--set`` (draft and batch) > a batch row's cells >
    ``--answers`` > answers read from the customer's message > the sender profile (its keys
    this playbook has fields for) > the playbook's defaults. On a terminal, the questions ask
    only for what is still missing and applies.
    """

    assignments: Mapping[str, Any] = field(default_factory=dict)  # --set
    row: Mapping[str, Any] = field(default_factory=dict)  # a batch row's cells
    file: Mapping[str, Any] = field(default_factory=dict)  # --answers
    message: Mapping[str, Any] = field(default_factory=dict)  # read from the customer's message
    profile: Mapping[str, Any] = field(default_factory=dict)  # profile.yaml

    _LABELS = (
        ("assignments", "--set"),
        ("row", "row"),
        ("file", "--answers"),
        ("message", "message"),
        ("profile", "profile"),
    )

    def combined(self) -> ChainMap[str, Any]:
        """All answers as one mapping, the winning source's answer for each name."""
        return ChainMap(
            dict(self.assignments),
            dict(self.row),
            dict(self.file),
            dict(self.message),
            dict(self.profile),
        )

    def source_of(self, name: str) -> str:
        """Where the answer for ``name`` comes from: ``--set``, ``row``, ``--answers``,
        ``message`` or ``profile``; ``""`` when no source gives it (a default, or asked)."""
        for attribute, label in self._LABELS:
            if name in getattr(self, attribute):
                return label
        return ""


@dataclass
class ResolvedAnswers:
    """The typed answers of every applicable field."""

    values: dict[str, Any]

    def context(self, playbook: Playbook, lang: str, channel: str) -> dict[str, Any]:
        """What a condition or template sees: every field bound (unanswered and skipped ones
        as None), ``lang`` and ``channel``."""
        return condition_context(playbook.field_names, self.values, lang, channel)


def _flag_for(fld: Field) -> str:
    return f"--set {fld.name}=…"


def resolve_answers(
    playbook: Playbook,
    given: Mapping[str, Any],
    lang: str,
    ask: AskFunction | None = None,
    channel: str | None = None,
) -> ResolvedAnswers:
    """Type-check ``given`` against the playbook, fill defaults, ask or report what is missing.

    ``given`` is every source's answers combined (:meth:`AnswerSources.combined`). With ``ask``
    (an interactive terminal), every applicable field not given is asked, its default
    offered; without it, defaults apply and any missing required answer is reported.
    Raises AnswerError listing every problem at once (MissingAnswersError when only
    answers are missing).
    """
    problems: list[Problem] = []
    missing: list[Problem] = []
    known = set(playbook.field_names)
    for key in given:
        if key not in known:
            tip = did_you_mean(key, sorted(known))
            problems.append(
                Problem(
                    message=f"unknown field '{key}'{tip}",
                    field=key,
                    allowed=tuple(playbook.field_names),
                    hint=f"`replykit show {playbook.id}` lists the fields.",
                    code="unknown_field",
                )
            )

    values: dict[str, Any] = {}
    target = {"lang": lang, "channel": channel or ""}
    parsed = _parse_given(playbook, given)
    skipped_up_front = None if ask is not None else _skipped_in_rounds(playbook, parsed, target)
    for fld in playbook.fields:
        if skipped_up_front is not None:
            applies = fld.name not in skipped_up_front
        else:  # on a terminal, earlier answers are only known once asked
            applies = holds(fld.when, condition_context(playbook.field_names, values, **target))
        if not applies:
            continue
        raw = given.get(fld.name)
        if not is_blank(raw):
            value, err = parsed[fld.name]
            if err is None:
                values[fld.name] = value
            else:
                problems.append(_value_problem(fld, raw, err))
            continue
        default = _parsed_default(fld)
        if ask is not None:
            values[fld.name] = _ask_until_valid(fld, default, ask)
        elif default is not None:
            values[fld.name] = default
        elif fld.required:
            missing.append(
                Problem(
                    message=f"{fld.name}: {fld.prompt_text(lang)} — missing; pass {_flag_for(fld)}",
                    field=fld.name,
                    allowed=fld.choice_values(),
                    hint=_flag_for(fld),
                    code="missing",
                )
            )
        else:
            values[fld.name] = None

    if not problems and not missing:
        problems = run_checks(playbook.id, values)
    if problems or missing:
        everything = problems + missing
        if problems:
            message = summarise(everything, "with the answers")
            error: AnswerError = AnswerError(message, problems=everything)
        else:
            message = summarise(missing, "missing", ("required answer", "required answers"))
            error = MissingAnswersError(message, problems=everything)
        error.hint = (
            "Give answers with --set KEY=VALUE or --answers FILE (YAML or JSON), or run in a "
            f"terminal to be asked. `replykit show {playbook.id}` lists every field."
        )
        raise error
    return ResolvedAnswers({k: v for k, v in values.items() if v is not None})


def _parse_given(
    playbook: Playbook, given: Mapping[str, Any]
) -> dict[str, tuple[Any, FieldValueError | None]]:
    """Every given answer typed once: (value, None), or (None, the reason it does not fit)."""
    parsed: dict[str, tuple[Any, FieldValueError | None]] = {}
    for fld in playbook.fields:
        raw = given.get(fld.name)
        if is_blank(raw):
            parsed[fld.name] = (_parsed_default(fld), None)
            continue
        try:
            parsed[fld.name] = (parse_value(fld, raw), None)
        except FieldValueError as err:
            parsed[fld.name] = (None, err)
    return parsed


def _skipped_in_rounds(
    playbook: Playbook,
    parsed: Mapping[str, tuple[Any, FieldValueError | None]],
    target: Mapping[str, str],
) -> set[str]:
    """The questions whose ``when`` is false, found with one joint evaluation per round.

    Asking in order, a question sees the earlier answers, a skipped one as none. A ``when``
    may name only earlier questions (the playbook loader checks it), so evaluating every
    condition at once over the answers as given, then again with the skipped ones blanked,
    settles in as many rounds as conditions are nested — usually one or two, where asking in
    order costs one evaluation per conditional question.
    """
    conditional = [f for f in playbook.fields if f.when]
    if not conditional:
        return set()
    evaluate = compile_conditions(tuple(f.when for f in conditional))
    skipped: set[str] = set()
    for _ in range(len(conditional) + 1):
        values = {n: parsed[n][0] for n in playbook.field_names if n not in skipped}
        context = condition_context(playbook.field_names, values, **target)
        now = {f.name for f, true in zip(conditional, evaluate(**context), strict=True) if not true}
        if now == skipped:
            break
        skipped = now
    return skipped


def _value_problem(fld: Field, raw: Any, err: FieldValueError) -> Problem:
    shown = raw if isinstance(raw, str | int | float | bool) else json.dumps(raw, default=str)
    return Problem(
        message=f"{fld.name}: {err.en}",
        field=fld.name,
        value=shown,
        allowed=fld.choice_values(),
        code="invalid",
    )


def _parsed_default(fld: Field) -> Any:
    if fld.default is None:
        return None
    return parse_value(fld, fld.default)


def _ask_until_valid(fld: Field, default: Any, ask: AskFunction) -> Any:
    error: FieldValueError | None = None
    while True:
        raw = ask(fld, default, error)
        if is_blank(raw):
            if default is not None:
                return default
            if not fld.required:
                return None
            error = FieldValueError("an answer is required", "нужен ответ")
            continue
        try:
            return parse_value(fld, raw)
        except FieldValueError as err:
            error = err


__all__ = [
    "AnswerSources",
    "AskFunction",
    "ResolvedAnswers",
    "format_value",
    "resolve_answers",
]
