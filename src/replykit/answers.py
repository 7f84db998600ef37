"""Answer precedence, ``when`` conditions and the report of what is missing.

Precedence, lowest first: playbook defaults < answers file < ``--set`` < the
interactive prompt (asked only for what is still missing and applicable).

A question whose ``when`` is false is *skipped*: it is never asked, any value
given for it is ignored, and it contributes nothing — it is absent from the
resolved answers, and templates and later conditions see it as ``none``.
An optional question left unanswered is ``none`` in the same way.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

import yaml

from replykit.answer_checks import run_checks
from replykit.errors import AnswerError, MissingAnswersError, Problem, UsageError, summarise
from replykit.fields import FieldValueError, format_value, is_blank, parse_value
from replykit.playbook import Field, Playbook

#: An answers file larger than this is refused: it is a mistake (the wrong file), not answers.
MAX_ANSWERS_BYTES = 5 * 1024 * 1024
#: Values an answers file may expand to; YAML aliases can make a small file enormous.
MAX_ANSWERS_VALUES = 100_000

#: Called for a field nobody answered: (field, current default or None, last error) -> raw text.
AskFunction = Callable[[Field, Any, "FieldValueError | None"], Any]


@dataclass
class ResolvedAnswers:
    """The typed answers of every applicable field, and the names that were skipped."""

    values: dict[str, Any]
    skipped: list[str] = field(default_factory=list)

    def context(self, playbook: Playbook) -> dict[str, Any]:
        """Answers for templates: every field bound, unanswered and skipped ones as None."""
        return {name: self.values.get(name) for name in playbook.field_names}


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
    import sys

    source = "<stdin>" if path == "-" else path
    try:
        if path == "-":
            text = (stdin or sys.stdin).read(MAX_ANSWERS_BYTES + 1)
            size = len(text.encode("utf-8", "surrogatepass"))
        else:
            with Path(path).open("rb") as stream:  # read no more than the limit (/dev/zero)
                raw = stream.read(MAX_ANSWERS_BYTES + 1)
            size = len(raw)
            text = raw.decode("utf-8-sig")
        if size > MAX_ANSWERS_BYTES:
            raise AnswerError(
                f"{source}: the answers file is larger than {MAX_ANSWERS_BYTES // 2**20} MB",
                hint="Answers are a mapping of field name to answer; is this the right file?",
            )
    except FileNotFoundError as err:
        raise UsageError(f"--answers {path}: no such file", hint="Check the path.") from err
    except UnicodeDecodeError as err:
        raise AnswerError(
            f"{source}: not UTF-8 text", hint="Save the answers file as UTF-8."
        ) from err
    except OSError as err:
        raise UsageError(f"--answers {path}: cannot read: {err.strerror}") from err
    try:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        data = yaml.load(text, Loader=loader)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"{source}:{mark.line + 1}:{mark.column + 1}" if mark else source
        raise AnswerError(
            f"{where}: malformed answers file: {getattr(err, 'problem', None) or err}",
            hint="The answers file is YAML or JSON: a mapping of field name to answer.",
        ) from err
    except (ValueError, RecursionError) as err:  # e.g. a bad date, absurd nesting
        raise AnswerError(f"{source}: malformed answers file: {err}") from err
    if _count_values(data, MAX_ANSWERS_VALUES) > MAX_ANSWERS_VALUES:
        raise AnswerError(
            f"{source}: the answers expand to more than {MAX_ANSWERS_VALUES:,} values",
            hint="YAML aliases (*name) repeat a value; write the answers out plainly.",
        )
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise AnswerError(
            f"{source}: the answers must be a mapping of field name to answer",
            hint='For example, in JSON: {"customer_name": "Анна Петрова", "fault": "us"}',
        )
    return {str(k): v for k, v in data.items()}


def _count_values(data: Any, limit: int) -> int:
    """How many values ``data`` holds with aliases expanded, counting no further than ``limit``."""
    count, stack = 0, [data]
    while stack and count <= limit:
        item = stack.pop()
        count += 1
        if isinstance(item, dict):
            stack.extend(item.values())
            count += len(item)
        elif isinstance(item, list):
            stack.extend(item)
    return count


def dump_json(data: Any) -> str:
    """Deterministic JSON for answers and letters (UTF-8, sorted keys kept off)."""
    return json.dumps(data, ensure_ascii=False, indent=2, default=str)


def _flag_for(fld: Field) -> str:
    return f"--set {fld.name}=…"


def evaluate_when(
    expression: str | None,
    values: Mapping[str, Any],
    playbook: Playbook,
    target: Mapping[str, str] | None = None,
) -> bool:
    """True when ``expression`` holds over the answers so far (None when absent).

    ``target`` adds ``lang`` and ``channel``, so a question can be asked for one channel only.
    """
    if not expression:
        return True
    from replykit.sandbox import compile_condition

    context = {name: values.get(name) for name in playbook.field_names}
    context.update(target or {})
    return bool(compile_condition(expression)(**context))


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
            close = difflib.get_close_matches(key, sorted(known), n=1)
            tip = f" (did you mean '{close[0]}'?)" if close else ""
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
            applies = evaluate_when(fld.when, values, playbook, target)
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
    order costs one evaluation per conditional question (the bulk of a batch row's time).
    """
    from replykit.sandbox import compile_conditions

    conditional = [f for f in playbook.fields if f.when]
    if not conditional:
        return set()
    evaluate = compile_conditions(tuple(f.when for f in conditional))
    skipped: set[str] = set()
    for _ in range(len(conditional) + 1):
        context = {n: None if n in skipped else parsed[n][0] for n in playbook.field_names}
        context.update(target)
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
    "evaluate_when",
    "format_value",
    "merge_assignments",
    "parse_assignment",
    "read_answers_file",
    "resolve_answers",
]
