"""One answer to "may I write here?" for draft, batch and atomic writes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from replykit.cli import app
from replykit.errors import OutputError
from replykit.targets import check_writable, taken

from .conftest import GOLDEN

runner = CliRunner()
RU_CASE = GOLDEN / "complaint" / "ru-email-us.yaml"


@pytest.fixture
def dangling(tmp_path: Path) -> Path:
    link = tmp_path / "reply.txt"
    os.symlink(tmp_path / "nowhere", link)
    return link


def test_a_dangling_symlink_is_a_taken_name(dangling: Path) -> None:
    assert taken(dangling)
    with pytest.raises(OutputError, match="already exists; it was left untouched"):
        check_writable([dangling])
    check_writable([dangling], force=True)


def test_draft_refuses_a_dangling_symlink_at_o_before_the_first_question(dangling: Path) -> None:
    # No answers at all: refusing the output first is what spares a person the questions.
    result = runner.invoke(app, ["draft", "complaint", "--no-input", "-o", str(dangling)])
    assert result.exit_code == 5, result.output
    assert result.stderr == (
        f"Error: {dangling} already exists; it was left untouched\n"
        "Hint: Pass --force to replace it, or choose another file with -o.\n"
    )
    assert dangling.is_symlink() and not (dangling.parent / "nowhere").exists()


def test_force_replaces_the_dangling_symlink_itself(dangling: Path) -> None:
    args = ["draft", "complaint", "--answers", str(RU_CASE), "--no-input", "-o", str(dangling)]
    result = runner.invoke(app, [*args, "--force"])
    assert result.exit_code == 0, result.output
    assert not dangling.is_symlink() and dangling.is_file()
    assert not (dangling.parent / "nowhere").exists()
