"""``replykit check``: findings on crafted replies, the golden letters and real company replies.

A case is ``tests/fixtures/check/<name>.yaml``: the command's ``args``, the reply ``text``,
the ``exit`` code and the exact ``findings`` (rule, severity, line, message).
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from replykit.check import RULES, Reply, check_reply, guess_language, read_reply
from replykit.cli import app
from replykit.playbook.search import SearchPath

from .conftest import GOLDEN, REPO

FIXTURES = REPO / "tests" / "fixtures" / "check"
CASES = sorted(FIXTURES.glob("*.yaml"))
GOLDEN_LETTERS = sorted(GOLDEN.glob("*/*.txt"))
SEARCH = SearchPath.default()
runner = CliRunner()


def load_case(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), path
    return data


def check_cli(tmp_path: Path, text: str, *args: str) -> tuple[int, dict[str, Any]]:
    reply = tmp_path / "reply.txt"
    reply.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["check", str(reply), *args, "--json"])
    return result.exit_code, json.loads(result.stdout)


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_check_case(case: Path, tmp_path: Path) -> None:
    data = load_case(case)
    code, report = check_cli(tmp_path, data["text"], *data["args"])
    found = [[f["rule"], f["severity"], f["line"], f["message"]] for f in report["findings"]]
    assert found == data["findings"]
    assert code == data["exit"]
    assert report["ok"] is (code == 0)


def test_the_crafted_bad_reply_reports_each_fault_in_text(tmp_path: Path) -> None:
    data = load_case(FIXTURES / "bad-reply-ru.yaml")
    reply = tmp_path / "reply.txt"
    reply.write_text(data["text"], encoding="utf-8")
    result = runner.invoke(app, ["check", str(reply), "--playbook", "complaint"])
    assert result.exit_code == 1, result.output
    rules = {line.split("[")[1].split("]")[0] for line in result.stdout.splitlines() if "[" in line}
    assert {
        "placeholder",
        "avoid-phrase",
        "blame-shifting",
        "closing-slang",
    } <= rules
    assert result.stdout.endswith(f"{reply}: 5 errors\n")  # and the missing apology


def test_check_reads_stdin_and_reports_clean_text() -> None:
    result = runner.invoke(app, ["check", "-"], input="Dear Anna Smith,\n\nThank you.\n")
    assert (result.exit_code, result.stdout) == (0, "<stdin>: no problems found\n")


def test_check_json_shape(tmp_path: Path) -> None:
    code, report = check_cli(tmp_path, "Hello,\n\nWe will reply soon.\n", "--lang", "en")
    assert code == 0
    assert report == {
        "file": str(tmp_path / "reply.txt"),
        "encoding": "utf-8",
        "playbook": None,
        "lang": "en",
        "channel": None,
        "ok": True,
        "counts": {"error": 0, "warning": 2, "info": 0},
        "findings": [
            {
                "rule": "nameless-greeting",
                "severity": "warning",
                "line": 1,
                "message": "the greeting «Hello,» names nobody",
                "suggestion": "Address the person by name: 'Dear Ms Smith,'.",
            },
            {
                "rule": "vague-time",
                "severity": "warning",
                "line": 3,
                "message": "vague time «soon» instead of a date",
                "suggestion": "Give a real date or deadline: 25 November 2026, 'within 3 "
                "working days'.",
            },
        ],
    }


def test_check_errors_are_json_too(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", str(tmp_path / "missing.txt"), "--json"])
    assert result.exit_code == 2
    error = json.loads(result.stdout)["error"]
    assert (error["kind"], error["exit_code"]) == ("usage", 2)
    assert error["message"].startswith(f"{tmp_path / 'missing.txt'}: cannot read the reply: ")


def test_every_rule_has_a_known_severity() -> None:
    assert set(RULES.values()) <= {"error", "warning", "info"}


LANGUAGES = [
    ("Здравствуйте, Анна!", "ru"),
    ("Dear Anna,", "en"),
    ("Заказ order 4815 доставлен", "ru"),
]


@pytest.mark.parametrize(
    ("text", "lang"), LANGUAGES, ids=[v[1] + str(i) for i, v in enumerate(LANGUAGES)]
)
def test_guess_language(text: str, lang: str) -> None:
    assert guess_language(text) == lang


def test_read_reply_takes_steps_and_target_from_a_json_letter() -> None:
    reply = read_reply(
        json.dumps({"text": "Hi", "steps": ["greeting"], "lang": "en", "channel": "chat"})
    )
    assert reply == Reply(text="Hi", lang="en", channel="chat", steps=("greeting",))
    assert read_reply("{not json").text == "{not json"


# --- golden letters pass ------------------------------------------------------------------


@pytest.mark.parametrize(
    "letter", GOLDEN_LETTERS, ids=[f"{c.parent.name}/{c.stem}" for c in GOLDEN_LETTERS]
)
def test_every_golden_letter_passes_check(letter: Path) -> None:
    lang, channel, _branch = letter.stem.split("-", 2)
    result = runner.invoke(
        app,
        ["check", str(letter), "--playbook", letter.parent.name, "--lang", lang,
         "--channel", channel],
    )  # fmt: skip
    assert result.exit_code == 0, result.stdout


# --- the 21 real company replies -------------------------------------------------------------


def test_check_runs_cleanly_on_real_company_replies(shared_reviews: Path) -> None:
    path = shared_reviews / "company_replies_en.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 21
    complaint = SEARCH.load("complaint")
    tally: Counter[str] = Counter()
    for row in rows:
        for playbook in (None, complaint):
            report = check_reply(row["company_reply"], playbook, channel="public")
            assert report.lang == "en", row["id"]
            tally.update(f"{f.rule}{'+pb' if playbook else ''}" for f in report.findings)
    # The placeholders are real: the dataset's replies carry "[name]" and "[agent]".
    assert tally["placeholder"] == 11
