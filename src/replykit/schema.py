"""The JSON Schema (draft 2020-12) of a playbook's answers, for agents and editors.

An agent that reads only ``replykit schema PLAYBOOK`` can fill the answers: every
field is a property with its type, format, choices (``oneOf`` of ``const`` with a
``title`` label), default, examples and the question as ``title``/``description``
in the chosen language. A field asked only under a condition carries the
expression as ``x-when``; where the expression is simple (``field == 'v'``,
``field != 'v'``, ``field``, joined by ``and``) it also becomes a real
``if``/``then`` in ``allOf``, so a validator knows when the field is required.

The schema describes the canonical forms. The parser (:mod:`replykit.playbook.values`) is
more forgiving — a choice by label or number, ``да``/``no`` — and the schema
admits only the forgiving forms people commonly write in files: a date as
``22.11.2026``, money as text (``125 000,50``) or a number, a plain list as one
item per line.
"""

from __future__ import annotations

import re
from typing import Any

from replykit.playbook import Field, Playbook, in_language
from replykit.playbook.values import FieldValueError, parse_value, to_plain

DIALECT = "https://json-schema.org/draft/2020-12/schema"
#: 22.11.2026 or 22/11/2026, day first, as :func:`replykit.lang.parse_date` reads it.
DAY_FIRST_PATTERN = r"^\d{1,2}([./])\d{1,2}\1\d{4}(\s*г\.?)?$"
#: What :func:`replykit.lang.parse_money` reads: figures grouped by spaces, a decimal
#: mark, an optional currency mark before or after.
MONEY_PATTERN = r"^\s*[^\d\s-]{0,10}\s*\d[\d\s\u00a0\u202f'.,]*\s*[^\d\s]{0,12}\s*$"
PHONE_PATTERN = r"^\+?[\d\s().-]+(?:\s*(?:доб\.|ext\.?|x)\s*\d+)?$"

_ATOM_RE = re.compile(
    r"""^\s*(?P<name>[a-z][a-z0-9_]*)\s*
        (?:(?P<op>==|!=)\s*(?:'(?P<sq>[^'\\]*)'|"(?P<dq>[^"\\]*)"))?\s*$""",
    re.VERBOSE,
)
_FALSY: list[Any] = [None, False, "", 0, []]


def _text(mapping: Any, lang: str) -> Any:
    """A per-language value (``{ru: …, en: …}``) in ``lang``; other values as they are."""
    if isinstance(mapping, dict) and mapping and set(mapping) <= {"ru", "en"}:
        return in_language(mapping, lang, None)
    return mapping


def _canonical(fld: Field, raw: Any) -> Any:
    """``raw`` as the parser reads it, in JSON form (dates ISO, money as text); raw if it fails."""
    if raw is None:
        return None
    try:
        value = to_plain(parse_value(fld, raw))
    except (FieldValueError, ValueError, TypeError):
        return raw  # shown as written; the schema test catches an example that does not parse
    return value


def _choices(fld: Field, lang: str) -> list[dict[str, Any]]:
    return [{"const": c.value, "title": c.label(lang)} for c in fld.choices]


def _type_schema(fld: Field, lang: str) -> dict[str, Any]:
    """The type part of a field's schema."""
    kind = fld.type
    if kind in ("text", "longtext", "person"):
        out: dict[str, Any] = {"type": "string", "minLength": 1}
        if fld.min is not None:
            out["minLength"] = max(1, int(fld.min))
        if fld.max is not None:
            out["maxLength"] = int(fld.max)
        if fld.pattern:
            out["pattern"] = f"^(?:{fld.pattern})$"
        return out
    if kind == "choice":
        return {"type": "string", "oneOf": _choices(fld, lang)}
    if kind == "multichoice":
        return {"type": "array", "items": {"oneOf": _choices(fld, lang)}, "uniqueItems": True}
    if kind == "bool":
        return {"type": "boolean"}
    if kind == "int":
        out = {"type": "integer"}
        if fld.min is not None:
            out["minimum"] = int(fld.min)
        if fld.max is not None:
            out["maximum"] = int(fld.max)
        return out
    if kind == "money":
        out = {
            "type": ["string", "number"],
            "pattern": MONEY_PATTERN,
            "minimum": 0,
            "x-format": "money",
        }
        if fld.min is not None:
            out["minimum"] = fld.min
        if fld.max is not None:
            out["maximum"] = fld.max
        return out
    if kind == "date":
        return {
            "type": "string",
            "anyOf": [{"format": "date"}, {"pattern": DAY_FIRST_PATTERN}],
            "x-format": "date (YYYY-MM-DD, or DD.MM.YYYY)",
        }
    if kind == "email":
        return {"type": "string", "format": "email"}
    if kind == "phone":
        return {"type": "string", "pattern": PHONE_PATTERN}
    if kind == "list" and fld.item_fields:
        return {
            "type": "array",
            "minItems": 1,
            "items": _object_schema(fld.item_fields, lang, conditions=False),
        }
    # a plain list: an array of strings, or one text with one item per line
    return {
        "anyOf": [
            {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1},
            {"type": "string", "minLength": 1, "description": "one item per line"},
        ]
    }


def field_schema(fld: Field, lang: str) -> dict[str, Any]:
    """The schema of one field's answer, with its question, help, default and examples."""
    out: dict[str, Any] = {"title": fld.prompt_text(lang)}
    if fld.help_text(lang):
        out["description"] = fld.help_text(lang)
    out.update(_type_schema(fld, lang))
    out["x-type"] = fld.type
    if fld.default is not None:
        out["default"] = _canonical(fld, fld.default)
    example = _text(fld.example, lang)
    if example is not None:
        out["examples"] = [_canonical(fld, example)]
    if fld.when:
        out["x-when"] = fld.when
    if not fld.required:
        out["x-optional"] = True
    return out


def _is_required(fld: Field) -> bool:
    """Required unconditionally: an answer must be given (no default fills it in)."""
    return fld.required and fld.default is None and not fld.when


def _object_schema(fields: tuple[Field, ...], lang: str, conditions: bool) -> dict[str, Any]:
    out: dict[str, Any] = {
        "type": "object",
        "properties": {f.name: field_schema(f, lang) for f in fields},
        "additionalProperties": False,
    }
    required = [f.name for f in fields if _is_required(f)]
    if required:
        out["required"] = required
    if conditions:
        rules = [rule for f in fields if (rule := _conditional_rule(f, fields)) is not None]
        if rules:
            out["allOf"] = rules
    return out


def _atoms(expression: str) -> list[tuple[str, str | None, str | None]] | None:
    """``a == 'x' and b`` as [(name, op, value)], or None when the expression is not that simple."""
    atoms = []
    for part in re.split(r"\s+and\s+", expression.strip()):
        match = _ATOM_RE.match(part)
        if not match:
            return None
        value = match.group("sq") if match.group("sq") is not None else match.group("dq")
        atoms.append((match.group("name"), match.group("op"), value))
    return atoms


def _condition(expression: str, fields: tuple[Field, ...], depth: int = 0) -> dict[str, Any] | None:
    """A schema that holds exactly when ``expression`` does, or None if it cannot say.

    A condition sees the answer, else the field's default; a field that is itself
    skipped (its own ``when`` false) is none, so its ``when`` joins the condition.
    """
    atoms = _atoms(expression)
    by_name = {f.name: f for f in fields}
    if atoms is None or depth > 8:
        return None
    tests: list[dict[str, Any]] = []
    for name, op, value in atoms:
        ref = by_name.get(name)
        if ref is None:  # lang, channel, or a name the schema cannot see
            return None
        test = _atom_schema(name, op, value, ref.default)
        if ref.when:
            asked = _condition(ref.when, fields, depth + 1)
            if asked is None:
                return None
            if op == "!=":  # a skipped field is none, and none != 'v' holds
                test = {"anyOf": [{"allOf": [asked, test]}, {"not": asked}]}
            else:
                test = {"allOf": [asked, test]}
        tests.append(test)
    return tests[0] if len(tests) == 1 else {"allOf": tests}


def _atom_schema(name: str, op: str | None, value: str | None, default: Any) -> dict[str, Any]:
    """``name == 'v'`` / ``name != 'v'`` / ``name`` over the answer, or the default when absent."""
    if op == "==":
        test: dict[str, Any] = {"properties": {name: {"const": value}}}
        absent_holds = default == value
    elif op == "!=":
        test = {"properties": {name: {"not": {"const": value}}}}
        absent_holds = default != value
    else:
        test = {"properties": {name: {"not": {"enum": _FALSY}}}}
        absent_holds = default not in _FALSY
    if not absent_holds:
        test["required"] = [name]
    return test


def _conditional_rule(fld: Field, fields: tuple[Field, ...]) -> dict[str, Any] | None:
    """``if`` the field's simple ``when`` holds ``then`` the field is required."""
    if not fld.when or not fld.required or fld.default is not None:
        return None
    condition = _condition(fld.when, fields)
    if condition is None:
        return None
    return {"if": condition, "then": {"required": [fld.name]}}


def answers_schema(playbook: Playbook, lang: str = "en") -> dict[str, Any]:
    """The JSON Schema of ``playbook``'s answers, with texts in ``lang``."""
    body = _object_schema(playbook.fields, lang, conditions=True)
    schema: dict[str, Any] = {
        "$schema": DIALECT,
        "$id": f"urn:replykit:playbook:{playbook.id}:answers",
        "title": playbook.title_text(lang),
    }
    description = playbook.description_text(lang)
    if description:
        schema["description"] = description
    schema.update(body)
    schema["x-replykit"] = {
        "playbook": playbook.id,
        "lang": lang,
        "languages": list(playbook.languages),
        "channels": list(playbook.channels),
        "when": "x-when holds a Jinja expression over earlier answers (and lang, channel); "
        "a field whose x-when is false is not asked and its answer is ignored",
    }
    return schema
