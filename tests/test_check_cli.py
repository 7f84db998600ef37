"""How ``check`` ends a command: draft's exit code, --fail-on, internal errors, encodings."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from replykit.check import rules as check_rules
from replykit.check.rules import REGISTRY, Hit, Rule
from replykit.check.view import ReplyView
from replykit.cli import app

from .conftest import GOLDEN

runner = CliRunner()
GOOD = GOLDEN / "complaint" / "ru-email-us.yaml"
DRAFT = ["draft", "complaint", "--answers", str(GOOD), "--no-input"]
BAD = ["--set", "problem=к сожалению, заказ опоздал"]  # an avoid-phrase: an error finding
REPLY_RU = "Уважаемая Анна Сергеевна!\n\nСпасибо, что написали. Исправим до 25.11.2026.\n"


def test_draft_exits_1_when_its_check_finds_an_error_and_still_prints_the_letter() -> None:
    result = runner.invoke(app, [*DRAFT, *BAD])
    assert result.exit_code == 1, result.output
    assert "к сожалению, заказ опоздал." in result.stdout
    assert result.stderr.startswith(
        "letter:11: error: [avoid-phrase] лучше не писать «к сожалению» (так советуют источники)\n"
        "    suggestion: Скажите, что вы делаете, без «к сожалению».\n"
        "letter: 1 error\n"
        "Error: the letter was printed, but its check found 1 error (listed above)"
    )


@pytest.mark.parametrize(("option", "code"), [("never", 0), ("error", 1), ("warning", 1)])
def test_fail_on_sets_the_threshold(option: str, code: int) -> None:
    result = runner.invoke(app, [*DRAFT, *BAD, "--fail-on", option])
    assert result.exit_code == code, result.output


def test_fail_on_warning_fails_a_letter_with_only_a_warning() -> None:
    vague = ["--set", "problem=заказ опоздал на неделю!!"]
    assert runner.invoke(app, [*DRAFT, *vague]).exit_code == 0
    result = runner.invoke(app, [*DRAFT, *vague, "--fail-on", "warning"])
    assert result.exit_code == 1, result.output
    assert "1 error" not in result.stderr and "0 errors, 1 warning" in result.stderr


def test_no_check_keeps_exit_0_and_stderr_empty() -> None:
    result = runner.invoke(app, [*DRAFT, *BAD, "--no-check"])
    assert (result.exit_code, result.stderr) == (0, "")


def test_an_unknown_fail_on_is_a_usage_error() -> None:
    result = runner.invoke(app, [*DRAFT, "--fail-on", "sometimes"])
    assert result.exit_code == 2
    assert "Error: --fail-on sometimes: not one of error, warning, never" in result.stderr


def test_draft_json_carries_the_check_and_prints_one_document(tmp_path: Path) -> None:
    result = runner.invoke(app, [*DRAFT, *BAD, "--json"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)  # one document: no error object after the letter
    assert data["check"]["ok"] is False
    assert [f["rule"] for f in data["check"]["findings"]] == ["avoid-phrase"]
    out = tmp_path / "reply.txt"
    written = runner.invoke(app, [*DRAFT, *BAD, "--json", "-o", str(out)])
    assert written.exit_code == 1 and out.exists()
    assert json.loads(written.stdout)["check"]["counts"]["error"] == 1


def test_a_written_letter_that_fails_says_so(tmp_path: Path) -> None:
    out = tmp_path / "reply.txt"
    result = runner.invoke(app, [*DRAFT, *BAD, "-o", str(out)])
    assert result.exit_code == 1 and out.exists()
    assert "Error: the letter was written, but its check found 1 error" in result.stderr


@pytest.fixture
def crashing_rule() -> Iterator[None]:
    def crash(view: ReplyView) -> Iterator[Hit]:
        raise ZeroDivisionError("division by zero")

    REGISTRY["crash"] = Rule("crash", check_rules.ERROR, crash)
    try:
        yield
    finally:
        del REGISTRY["crash"]


@pytest.mark.usefixtures("crashing_rule")
def test_a_rule_that_crashes_exits_70_with_a_message_not_a_traceback(tmp_path: Path) -> None:
    reply = tmp_path / "reply.txt"
    reply.write_text(REPLY_RU, encoding="utf-8")
    result = runner.invoke(app, ["check", str(reply)])
    assert result.exit_code == 70
    assert result.stderr.startswith(
        "Error: internal error: the check rule 'crash' failed on this reply: "
        "ZeroDivisionError: division by zero\nHint: This is a bug in replykit."
    )
    assert "Traceback" not in result.output
    drafted = runner.invoke(app, DRAFT)
    assert drafted.exit_code == 70 and "the check rule 'crash' failed" in drafted.stderr
    assert runner.invoke(app, [*DRAFT, "--no-check"]).exit_code == 0


CP1251_BAD = "Здравствуйте!\n\nК сожалению, заказ задержался по вине курьера.\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (CP1251_BAD.encode("cp1251"), "cp1251"),
        (CP1251_BAD.encode("utf-8-sig"), "utf-8"),
        (CP1251_BAD.encode("utf-16"), "utf-16"),
        (CP1251_BAD.encode("utf-8"), "utf-8"),
    ],
    ids=["cp1251", "utf-8-bom", "utf-16", "utf-8"],
)
def test_check_decodes_stdin_and_files_as_batch_does(
    data: bytes, encoding: str, tmp_path: Path
) -> None:
    piped = runner.invoke(app, ["check", "-", "--json"], input=data)
    assert piped.exit_code == 1, piped.output
    report = json.loads(piped.stdout)
    assert (report["encoding"], report["lang"]) == (encoding, "ru")
    assert {"avoid-phrase", "blame-shifting"} <= {f["rule"] for f in report["findings"]}
    path = tmp_path / "reply.txt"
    path.write_bytes(data)
    text = runner.invoke(app, ["check", str(path)])
    assert text.exit_code == 1
    note = f"Note: {path} was read as {encoding}.\n"
    assert (note in text.stderr) is (encoding != "utf-8")


def test_a_binary_file_is_refused_with_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "reply.docx"
    path.write_bytes(b"PK\x03\x04\x00\x00binary")
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 2
    assert f"Error: {path}: this looks like a binary file, not a reply" in result.stderr
