"""README promises that code keeps: the quick start, CI's command, the sample letter."""

from __future__ import annotations

import re

from .conftest import GOLDEN, REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def quick_start_commands() -> list[str]:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```bash\n(.+?)\n```", section, re.DOTALL)


def test_quick_start_has_exactly_two_commands_install_and_draft_then_tests() -> None:
    commands = quick_start_commands()
    assert len(commands) == 2, commands
    assert "pip install" in commands[0] and "replykit draft complaint" in commands[0]
    assert "pip install" in commands[1] and "pytest" in commands[1]


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert f"readme_test_command='{quick_start_commands()[1]}'" in ci
    assert 'bash -euo pipefail -c "$readme_test_command"' in ci


def test_sample_letter_in_readme_is_the_golden_letter() -> None:
    sample = README.split("ru-email-staff.yaml`:\n\n```text\n", 1)[1].split("```", 1)[0]
    assert sample == (GOLDEN / "complaint" / "ru-email-staff.txt").read_text(encoding="utf-8")


def test_readme_documents_every_exit_code() -> None:
    for code in ("| 0 |", "| 1 |", "| 2 |", "| 3 |", "| 4 |", "| 5 |", "| 6 |", "| 130 |"):
        assert code in README
