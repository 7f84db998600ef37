"""``--json`` on list, show and draft: the documented shapes (docs/json.md) and exit codes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from .clihelp import run
from .conftest import GOLDEN


def run_json(*args: str, stdin: str | None = None) -> tuple[int, Any]:
    result = run(*args, "--json", stdin=stdin)
    return result.code, json.loads(result.stdout)


def test_list_shape() -> None:
    code, data = run_json("list")
    assert code == 0
    assert list(data) == ["playbooks"]
    complaint = next(p for p in data["playbooks"] if p["id"] == "complaint")
    assert set(complaint) == {"id", "title", "languages", "channels", "builtin"}
    assert set(complaint["title"]) == {"ru", "en"}
    assert complaint["builtin"] is True


def test_show_shape() -> None:
    code, data = run_json("show", "complaint", "--lang", "en")
    assert code == 0
    assert list(data) == [
        "id", "title", "description", "languages", "channels", "steps", "fields", "rules", "source",
    ]  # fmt: skip
    assert data["fields"][0]["name"] == "customer_name"
    assert {"name", "type", "prompt", "required"} <= set(data["fields"][0])
    assert set(data["rules"]) == {"require", "avoid", "drop"}


def test_draft_shape() -> None:
    answers = (GOLDEN / "complaint" / "en-email-us.yaml").read_text(encoding="utf-8")
    code, data = run_json("draft", "complaint", "--lang", "en", "--answers", "-", stdin=answers)
    assert code == 0
    assert list(data) == [
        "playbook", "lang", "locale", "channel", "subject", "steps", "text", "parts", "warnings",
        "answers", "max_chars", "brief", "dropped", "sources", "check",
    ]  # fmt: skip
    assert (data["playbook"], data["lang"], data["channel"]) == ("complaint", "en", "email")
    assert list(data["parts"]) == data["steps"]
    assert data["sources"]["customer_name"] == "--answers"


ERRORS = [
    (
        "missing answers",
        ["draft", "complaint", "--lang", "en", "--no-input", "--set", "customer_name=Anna Smith"],
        3,
        "missing_answers",
    ),
    ("bad value", ["draft", "complaint", "--set", "fault=them", "--no-input"], 3, "answers"),
    ("unknown playbook", ["show", "nope"], 4, "playbook"),
    ("unknown language", ["draft", "complaint", "--lang", "de", "--no-input"], 2, "usage"),
]


@pytest.mark.parametrize(
    ("args", "code", "kind"), [e[1:] for e in ERRORS], ids=[e[0] for e in ERRORS]
)
def test_errors_are_json_on_stdout_with_the_same_exit_code(
    args: list[str], code: int, kind: str
) -> None:
    got, data = run_json(*args)
    assert got == code
    assert list(data) == ["error"]
    error = data["error"]
    assert (error["kind"], error["exit_code"]) == (kind, code)
    assert {"kind", "exit_code", "message", "problems"} <= set(error)


def test_missing_answers_name_every_field() -> None:
    _code, data = run_json(
        "draft", "complaint", "--lang", "en", "--no-input", "--set", "customer_name=Anna Smith"
    )
    fields = [p["field"] for p in data["error"]["problems"]]
    assert fields == [
        "company_name", "topic", "problem", "actions", "contact", "signer_name",
        "signer_position",
    ]  # fmt: skip
    assert data["error"]["problems"][0] == {
        "message": "company_name: Your company's name — missing; pass --set company_name=…",
        "field": "company_name",
        "hint": "--set company_name=…",
    }


def test_a_bad_choice_lists_the_allowed_values() -> None:
    _code, data = run_json("draft", "complaint", "--set", "fault=them", "--no-input")
    problem = next(p for p in data["error"]["problems"] if p.get("field") == "fault")
    assert problem == {
        "message": "fault: 'them' is not one of: us, staff, third_party, nobody, unknown",
        "field": "fault",
        "value": "them",
        "allowed": ["us", "staff", "third_party", "nobody", "unknown"],
    }


def test_draft_says_where_each_answer_came_from(tmp_path: Path) -> None:
    answers = (GOLDEN / "complaint" / "en-email-us.yaml").read_text(encoding="utf-8")
    profile = tmp_path / "profile.yaml"
    profile.write_text(
        "signer_name: Maria Sokolova\ncontact: care@lampa.example\n", encoding="utf-8"
    )
    code, data = run_json(
        "draft", "complaint", "--lang", "en", "--answers", "-", "--profile", str(profile),
        "--set", "signer_name=Anna Smith", stdin=answers.replace("contact:", "# contact:"),
    )  # fmt: skip
    assert code == 0, data
    assert data["sources"]["signer_name"] == "--set"
    assert data["sources"]["contact"] == "profile"
    assert data["sources"]["topic"] == "--answers"
