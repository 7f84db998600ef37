"""One YAML reader for playbooks, answers files and the profile: the same guards for all."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from replykit.cli import app
from replykit.errors import AnswerError, PlaybookError
from replykit.playbook import parse_playbook
from replykit.profile import read_profile

from .conftest import GOLDEN

runner = CliRunner()
RU_CASE = GOLDEN / "complaint" / "ru-email-us.yaml"


def test_a_key_given_twice_in_an_answers_file_is_an_error_with_its_line(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    text = RU_CASE.read_text(encoding="utf-8")
    answers.write_text(text + "fault: them\n", encoding="utf-8")
    line = text.count("\n") + 1
    result = runner.invoke(app, ["draft", "complaint", "--answers", str(answers), "--no-input"])
    assert result.exit_code == 3, result.output
    first = next(n for n, row in enumerate(text.splitlines(), 1) if row.startswith("fault:"))
    assert (
        f"Error: {answers}:{line}:1: malformed answers file: "
        f"'fault' is given twice (first on line {first})\n"
    ) in result.stderr


def test_a_key_given_twice_in_a_playbook_is_an_error_with_its_line(tmp_path: Path) -> None:
    builtin = Path(__file__).resolve().parents[1] / "playbooks" / "complaint.yaml"
    (tmp_path / "complaint.yaml").write_text(
        builtin.read_text(encoding="utf-8") + "languages: [ru]\n", encoding="utf-8"
    )
    result = runner.invoke(app, ["draft", "complaint", "--playbooks", str(tmp_path), "--no-input"])
    assert result.exit_code == 4, result.output
    assert "malformed YAML: 'languages' is given twice (first on line " in result.stderr
    assert f"{tmp_path / 'complaint.yaml'}:" in result.stderr


@pytest.mark.parametrize(
    "text",
    ["a: 1\nb: 2\na: 3\n", "{a: 1, a: 2}\n", "items:\n  - {name: x, name: y}\n"],
    ids=["block", "flow", "nested"],
)
def test_every_mapping_is_checked_for_duplicate_keys(text: str, tmp_path: Path) -> None:
    profile = tmp_path / "profile.yaml"
    profile.write_text(text, encoding="utf-8")
    with pytest.raises(AnswerError, match=r"malformed profile: '\w+' is given twice"):
        read_profile(profile)


def test_a_merge_key_may_repeat_what_it_merges() -> None:
    text = "id: x\nbase: &b {a: 1}\nother:\n  <<: *b\n  a: 2\n"
    with pytest.raises(PlaybookError) as caught:
        parse_playbook(text, "demo.yaml")
    assert "given twice" not in caught.value.message


def test_the_profile_has_the_answers_files_limits(tmp_path: Path) -> None:
    profile = tmp_path / "profile.yaml"
    profile.write_text(
        "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        + "".join(
            f"{k}: &{k} [{', '.join([f'*{p}'] * 10)}]\n"
            for p, k in zip("abcd", "bcde", strict=True)
        )
        + "f: [*e, *e]\n",
        encoding="utf-8",
    )
    with pytest.raises(AnswerError, match="the profile expands to more than 100,000 values"):
        read_profile(profile)


def test_a_bad_date_in_the_profile_is_an_answers_error(tmp_path: Path) -> None:
    profile = tmp_path / "profile.yaml"
    profile.write_text("letter_date: 2026-13-40\n", encoding="utf-8")
    with pytest.raises(AnswerError, match=r"malformed profile: month must be in 1\.\.12"):
        read_profile(profile)
