"""``replykit schema``: the JSON Schema of a playbook's answers is enough for an agent.

The agent test reads nothing but the schema: it builds answers from examples, defaults
and enums, then drafts through the real entry point, for every built-in playbook,
language and channel.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

from replykit.playbook import parse_playbook
from replykit.playbook.search import SearchPath
from replykit.playbook.values import to_plain
from replykit.schema import answers_schema

from .clihelp import run
from .conftest import GOLDEN

SEARCH = SearchPath.default()
BUILTINS = [(pid, lang) for pid in SEARCH.available_ids() for lang in ("ru", "en")]
GOLDEN_CASES = sorted(GOLDEN.glob("*/*.yaml"))


def validator(schema: dict[str, Any]) -> Draft202012Validator:
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def errors_of(schema: dict[str, Any], answers: dict[str, Any]) -> list[str]:
    """Each error as "KEYWORD /PATH: WHAT", from jsonschema's data, not its wording."""
    found = []
    for error in validator(schema).iter_errors(answers):
        where = "/" + "/".join(str(part) for part in error.absolute_path)
        if error.validator == "required":
            what = ", ".join(n for n in error.validator_value if n not in error.instance)
        elif error.validator == "additionalProperties":
            known = error.schema.get("properties", {})
            what = ", ".join(sorted(n for n in error.instance if n not in known))
        else:
            what = repr(error.instance)
        found.append(f"{error.validator} {where}: {what}")
    return sorted(found)


# --- an agent's answers, from the schema alone ---------------------------------------------


def sample(prop: dict[str, Any]) -> Any:
    """A value for one property: its example, else its default, else its first choice."""
    if prop.get("examples"):
        return prop["examples"][0]
    if "default" in prop:
        return prop["default"]
    if "oneOf" in prop:
        return prop["oneOf"][0]["const"]
    if prop.get("type") == "array" and isinstance(prop.get("items"), dict):
        items = prop["items"]
        if items.get("type") == "object":
            return [{k: sample(v) for k, v in items["properties"].items() if has_sample(v)}]
        if "oneOf" in items:
            return [items["oneOf"][0]["const"]]
    if prop.get("type") == "boolean":
        return True
    raise AssertionError(f"the schema gives no example, default or choice for {prop.get('title')}")


def has_sample(prop: dict[str, Any]) -> bool:
    try:
        sample(prop)
    except AssertionError:
        return False
    return True


def answers_from_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """Every required property, and every other one the schema gives a value for."""
    required = set(schema.get("required", []))
    for rule in schema.get("allOf", []):
        required.update(rule["then"]["required"])
    answers = {}
    for name, prop in schema["properties"].items():
        if name in required or has_sample(prop):
            answers[name] = sample(prop)
    return answers


@pytest.mark.parametrize(
    ("playbook", "lang"), BUILTINS, ids=[f"{p}-{lang}" for p, lang in BUILTINS]
)
def test_an_agent_drafts_every_channel_from_the_schema_alone(playbook: str, lang: str) -> None:
    result = run("schema", playbook, "--lang", lang)
    assert result.code == 0, result.stdout + result.stderr
    schema = json.loads(result.stdout)
    Draft202012Validator.check_schema(schema)
    answers = answers_from_schema(schema)
    assert errors_of(schema, answers) == []
    for channel in schema["x-replykit"]["channels"]:
        drafted = run(
            "draft", playbook, "--lang", lang, "--channel", channel,
            "--answers", "-", "--no-input", "--json", "--no-check",
            stdin=json.dumps(answers, ensure_ascii=False),
        )  # fmt: skip
        assert drafted.code == 0, f"{channel}: {drafted.stdout}{drafted.stderr}"
        letter = json.loads(drafted.stdout)
        assert (letter["playbook"], letter["lang"], letter["channel"]) == (playbook, lang, channel)


# --- the golden answers fit their playbook's schema -----------------------------------------


@pytest.mark.parametrize(
    "case", GOLDEN_CASES, ids=[f"{c.parent.name}/{c.stem}" for c in GOLDEN_CASES]
)
def test_golden_answers_validate_against_the_schema(case: Path) -> None:
    lang = case.stem.split("-", 1)[0]
    schema = answers_schema(SEARCH.load(case.parent.name), lang)
    answers = to_plain(yaml.safe_load(case.read_text(encoding="utf-8")))  # YAML dates as ISO
    assert errors_of(schema, answers) == []


# --- the shape of the schema, on a small playbook of our own ---------------------------------

TINY = """
id: tiny
title: {ru: Малый, en: Tiny}
description: {ru: Для проверки, en: For tests}
languages: [ru, en]
channels: [email]
fields:
  - name: customer_name
    type: person
    prompt: {ru: Имя, en: Name}
    help: {ru: Полностью, en: In full}
    example: {ru: Анна Петрова, en: Anna Smith}
  - name: due
    type: date
    prompt: {ru: Срок, en: Due}
    example: 25.11.2026
  - name: email
    type: email
    required: false
    prompt: {ru: Почта, en: E-mail}
  - name: fault
    type: choice
    prompt: {ru: Кто виноват, en: Who is at fault}
    choices: {us: {ru: мы, en: we are}, nobody: {ru: никто, en: nobody}}
    default: us
  - name: refund
    type: money
    when: fault != 'nobody'
    required: false
    prompt: {ru: Возврат, en: Refund}
  - name: findings
    type: text
    when: fault == 'nobody'
    prompt: {ru: Что показала проверка, en: What the check showed}
  - name: extra
    type: text
    when: findings
    prompt: {ru: Дополнительно, en: Extra}
  - name: tone
    type: text
    when: channel == 'email'
    prompt: {ru: Тон, en: Tone}
  - name: items
    type: list
    prompt: {ru: Пункты, en: Items}
    fields:
      - {name: title, type: text, prompt: {ru: Название, en: Title}}
      - {name: copies, type: int, min: 1, default: 1, prompt: {ru: Копий, en: Copies}}
steps: [greeting]
"""


@pytest.fixture(scope="module")
def tiny() -> dict[str, Any]:
    return answers_schema(parse_playbook(TINY, "tiny.yaml"), "en")


def test_schema_header_required_and_annotations(tiny: dict[str, Any]) -> None:
    assert tiny["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert (tiny["title"], tiny["description"]) == ("Tiny", "For tests")
    assert tiny["additionalProperties"] is False
    assert tiny["required"] == ["customer_name", "due", "items"]
    name = tiny["properties"]["customer_name"]
    assert (name["title"], name["description"], name["examples"]) == (
        "Name",
        "In full",
        ["Anna Smith"],
    )
    assert tiny["properties"]["due"]["examples"] == ["2026-11-25"]
    assert tiny["properties"]["email"]["format"] == "email"
    assert tiny["properties"]["fault"]["oneOf"] == [
        {"const": "us", "title": "we are"},
        {"const": "nobody", "title": "nobody"},
    ]
    assert tiny["properties"]["fault"]["default"] == "us"
    assert tiny["properties"]["tone"]["x-when"] == "channel == 'email'"
    items = tiny["properties"]["items"]["items"]
    assert (items["type"], items["additionalProperties"], items["required"]) == (
        "object",
        False,
        ["title"],
    )


def test_descriptions_follow_the_language() -> None:
    schema = answers_schema(parse_playbook(TINY, "tiny.yaml"), "ru")
    assert schema["title"] == "Малый"
    assert schema["properties"]["fault"]["oneOf"][0] == {"const": "us", "title": "мы"}
    assert schema["properties"]["customer_name"]["examples"] == ["Анна Петрова"]


BASE = {"customer_name": "Anna Smith", "due": "2026-11-25", "items": [{"title": "Act"}]}
VALIDITY = [
    ("minimal", {}, []),
    ("day-first date", {"due": "25.11.2026"}, []),
    (
        "bad date",
        {"due": "2026-13-45"},
        ["anyOf /due: '2026-13-45'"],
    ),
    ("bad e-mail", {"email": "nope"}, ["format /email: 'nope'"]),
    ("unknown choice", {"fault": "them"}, ["oneOf /fault: 'them'"]),
    ("unknown field", {"nmae": "x"}, ["additionalProperties /: nmae"]),
    ("money as text", {"refund": "125 000,50"}, []),
    ("money as number", {"refund": 125000.5}, []),
    ("nobody needs findings", {"fault": "nobody"}, ["required /: findings"]),
    ("nobody with findings", {"fault": "nobody", "findings": "ok", "extra": "more"}, []),
    (
        "findings need extra",
        {"fault": "nobody", "findings": "x"},
        ["required /: extra"],
    ),
    (
        "record with unknown key",
        {"items": [{"title": "Act", "pages": 2}]},
        ["additionalProperties /items/0: pages"],
    ),
    ("record without title", {"items": [{"copies": 2}]}, ["required /items/0: title"]),
]


@pytest.mark.parametrize(
    ("answers", "expected"), [v[1:] for v in VALIDITY], ids=[v[0] for v in VALIDITY]
)
def test_answers_against_the_schema(
    tiny: dict[str, Any], answers: dict[str, Any], expected: list[str]
) -> None:
    assert errors_of(tiny, {**BASE, **answers}) == expected


def test_a_when_over_a_field_becomes_if_then(tiny: dict[str, Any]) -> None:
    rules = {rule["then"]["required"][0]: rule["if"] for rule in tiny["allOf"]}
    assert rules["findings"] == {
        "properties": {"fault": {"const": "nobody"}},
        "required": ["fault"],
    }
    assert "tone" not in rules  # `channel == 'email'`: an annotation only
    assert "refund" not in rules  # optional: nothing to require


def test_schema_command_errors_are_json_with_exit_4() -> None:
    result = run("schema", "no-such-playbook", "--json")
    assert result.code == 4, result.stderr
    error = json.loads(result.stdout)["error"]
    assert (error["kind"], error["exit_code"], error["message"]) == (
        "playbook",
        4,
        "unknown playbook 'no-such-playbook'",
    )
