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


def test_agent_session_in_readme_runs_verbatim(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json
    import os
    import subprocess
    import sys

    section = README.split("## For scripts and agents", 1)[1].split("\n## ", 1)[0]
    (script,) = re.findall(r"```bash\n(.+?)\n```", section, re.DOTALL)
    env = {
        **os.environ,
        "PATH": f"{os.path.dirname(sys.executable)}{os.pathsep}{os.environ['PATH']}",
    }
    # A real shell: the README's session runs the installed console script verbatim.
    result = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", script],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "exit code 3\n"
    assert "complaint" in [
        p["id"] for p in json.loads((tmp_path / "playbooks.json").read_text())["playbooks"]
    ]
    letter = json.loads((tmp_path / "letter.json").read_text())
    assert letter["text"].startswith(
        "Subject: Your complaint about order 4815\n\nDear Anna Smith,\n"
    )
    assert json.loads((tmp_path / "findings.json").read_text())
    error = json.loads((tmp_path / "error.json").read_text())["error"]
    assert error["exit_code"] == 3 and [p["field"] for p in error["problems"]] == [
        "company_name", "topic", "problem", "actions", "contact", "signer_name", "signer_position",
    ]  # fmt: skip
    schema = json.loads((tmp_path / "complaint.schema.json").read_text())
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
