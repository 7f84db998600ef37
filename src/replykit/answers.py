"""Answer precedence, ``when`` conditions and the report of what is missing.

Precedence, lowest first: playbook defaults < answers file < ``--set`` < the
interactive prompt (asked only for what is still missing and applicable).

A question whose ``when`` is false is *skipped*: it is never asked, any value
given for it is ignored, and it contributes nothing — it is absent from the
resolved answers, and templates and later conditions see it as ``none``.
An optional question left unanswered is ``none`` in the same way.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from replykit.conditions import compile_conditions, condition_context, holds
from replykit.errors import (
    AnswerError,
    MissingAnswersError,
    Problem,
    UsageError,
    did_you_mean,
    summarise,
)
from replykit.limits import MAX_ANSWERS_BYTES
from replykit.playbook import Field, Playbook
from replykit.playbook.values import FieldValueError, format_value, is_blank, parse_value
from replykit.yamlfile import YamlKind, parse, read_stream, read_text

ANSWERS_YAML = YamlKind(
    noun="answers file",
    contents="the answers expand",
    malformed="malformed answers file",
    error=AnswerError,
    max_bytes=MAX_ANSWERS_BYTES,
    syntax_hint="The answers file is YAML or JSON: a mapping of field name to answer.",
    size_hint="Answers are a mapping of field name to answer; is this the right file?",
    utf8_hint="Save the answers file as UTF-8.",
    values_hint="YAML aliases (*name) repeat a value; write the answers out plainly.",
    in_mib=True,
)

#: Called for a field nobody answered: (field, current default or None, last error) -> raw text.
AskFunction = Callable[[Field, Any, "FieldValueError | None"], Any]


@dataclass
class ResolvedAnswers:
    """The typed answers of every applicable field, and the names that were skipped."""

    values: dict[str, Any]
    skipped: list[str] = field(default_factory=list)

    def context(self, playbook: Playbook, lang: str, channel: str) -> dict[str, Any]:
        """What a condition or template sees: every field bound (unanswered and skipped ones
        as None), ``lang`` and ``channel``."""
        return condition_context(playbook.field_names, self.values, lang, channel)


def parse_assignment(text: str) -> tuple[str, str, bool]:
    """``KEY=VALUE`` (or ``KEY+=VALUE`` to append to a list) from ``--set``."""
    key, sep, value = text.partition("=")
    if not sep or not key.strip():
        raise UsageError(
            f"--set {text!r}: expected KEY=VALUE",
            hint="For example: --set customer_name='Анна Петрова' --set fault=us",
        )
    append = key.endswith("+")
    return key.rstrip("+").strip(), value, append


def merge_assignments(
    assignments: list[str], base: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """Fold repeated ``--set`` options into a mapping; ``KEY+=V`` builds a list."""
    merged: dict[str, Any] = dict(base or {})
    for text in assignments:
        key, value, append = parse_assignment(text)
        if append:
            current = merged.get(key)
            items = list(current) if isinstance(current, list) else []
            items.append(value)
            merged[key] = items
        else:
            merged[key] = value
    return merged


def read_answers_file(path: str, stdin: TextIO | None = None) -> dict[str, Any]:
    """Answers from a YAML or JSON file (``-`` reads stdin); JSON is valid YAML."""
    source = "<stdin>" if path == "-" else path
    try:
        if path == "-":
            text = read_stream(stdin or sys.stdin, source, ANSWERS_YAML)
        else:
            text = read_text(Path(path), ANSWERS_YAML)
    except FileNotFoundError as err:
        raise UsageError(f"--answers {path}: no such file", hint="Check the path.") from err
    except OSError as err:
        raise UsageError(f"--answers {path}: cannot read: {err.strerror}") from err
    data = parse(text, source, ANSWERS_YAML)
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise AnswerError(
            f"{source}: the answers must be a mapping of field name to answer",
            hint='For example, in JSON: {"customer_name": "Анна Петрова", "fault": "us"}',
        )
    return {str(k): v for k, v in data.items()}


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

    ``given`` is the merge of the answers file and ``--set`` (later wins). With ``ask``
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
                )
            )

    values: dict[str, Any] = {}
    skipped: list[str] = []
    target = {"lang": lang, "channel": channel or ""}
    parsed = _parse_given(playbook, given)
    skipped_up_front = None if ask is not None else _skipped_in_rounds(playbook, parsed, target)
    for fld in playbook.fields:
        if skipped_up_front is not None:
            applies = fld.name not in skipped_up_front
        else:  # on a terminal, earlier answers are only known once asked
            applies = holds(fld.when, condition_context(playbook.field_names, values, **target))
        if not applies:
            skipped.append(fld.name)
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
                )
            )
        else:
            values[fld.name] = None

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
    return ResolvedAnswers({k: v for k, v in values.items() if v is not None}, skipped)


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
    "AskFunction",
    "ResolvedAnswers",
    "format_value",
    "merge_assignments",
    "parse_assignment",
    "read_answers_file",
    "resolve_answers",
]
