"""``replykit validate``: every problem of user playbooks and templates at once, exit 4.

A case under ``tests/fixtures/playbooks/`` is a playbook file whose ``# expect:`` lines
are the exact problems, or a folder laid out like the repository (``playbooks/``,
``templates/``) with the exact problems in ``expect.txt``; ``good/`` has none.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .clihelp import Result, run
from .conftest import REPO

FIXTURES = REPO / "tests" / "fixtures" / "playbooks"
FILE_CASES = sorted(FIXTURES.glob("*.yaml"))
FOLDER_CASES = sorted(p for p in FIXTURES.iterdir() if (p / "expect.txt").is_file())
HINT = "Hint: Fix each line above and run `replykit validate` again.\n"


def validate(*args: str) -> Result:
    """``replykit validate ARGS`` run from the fixtures folder (paths stay short)."""
    return run("validate", *args, cwd=FIXTURES)


def expected_problems(case: Path) -> list[str]:
    if case.is_dir():
        return (case / "expect.txt").read_text(encoding="utf-8").splitlines()
    lines = case.read_text(encoding="utf-8").splitlines()
    return [line.removeprefix("# expect: ") for line in lines if line.startswith("# expect: ")]


def stderr_for(problems: list[str]) -> str:
    count = len(problems)
    listing = "".join(f"  {p}\n" for p in problems)
    noun = "problem" if count == 1 else "problems"
    return f"Error: {count} {noun} in playbooks and templates:\n{listing}{HINT}"


CASES = FILE_CASES + FOLDER_CASES


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_each_bad_playbook_is_reported_exactly(case: Path) -> None:
    problems = expected_problems(case)
    assert problems, f"{case.name}: no expected problems written down"
    result = validate(case.name)
    assert (result.code, result.stdout) == (4, ""), result.stderr
    assert result.stderr == stderr_for(problems)


def test_every_problem_of_every_path_at_once() -> None:
    names = [c.name for c in CASES]
    result = validate(*names)
    assert result.code == 4
    assert result.stderr == stderr_for([p for c in CASES for p in expected_problems(c)])


def test_problems_as_json() -> None:
    result = validate("unknown-field", "--json")
    assert result.code == 4, result.stderr
    error = json.loads(result.stdout)["error"]
    assert (error["kind"], error["exit_code"]) == ("playbook", 4)
    assert error["problems"] == [
        {
            "message": "the template uses 'signer', which is not a field of the playbook",
            "where": "unknown-field/templates/tiny/en.j2:3",
            "field": "signer",
        },
        {
            "message": "the template uses 'topik', which is not a field of the playbook "
            "(did you mean 'topic'?)",
            "where": "unknown-field/templates/tiny/en.j2:3",
            "field": "topik",
        },
    ]


@pytest.mark.parametrize(
    "target", ["good", "good/playbooks/tiny.yaml"], ids=["folder", "playbook-file"]
)
def test_a_good_folder_or_file_passes(target: str) -> None:
    result = validate(target)
    assert (result.code, result.stdout) == (0, "ok: 1 playbooks, 2 templates\n"), result.stderr


def test_good_as_json() -> None:
    result = validate("good", "--json")
    assert result.code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["ok"] is True
    assert report["playbooks"] == ["good/playbooks/tiny.yaml"]
    assert [Path(t).name for t in report["templates"]] == ["ru.j2", "en.j2"]


def test_a_missing_path_is_a_problem() -> None:
    result = validate("no-such-folder")
    assert result.code == 4
    assert result.stderr == stderr_for(["no-such-folder: no such file or folder"])


def test_the_builtin_playbooks_and_templates_pass() -> None:
    result = validate()
    assert result.code == 0, result.stderr
    assert result.stdout.startswith("ok: ")


def test_a_user_folder_with_a_sender_profile_validates(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """profile.yaml sits in the same folder as user playbooks but is not one."""
    import shutil

    from replykit.validate import validate_paths

    from .conftest import REPO

    shutil.copy(REPO / "playbooks" / "complaint.yaml", tmp_path / "complaint.yaml")
    shutil.copytree(REPO / "templates", tmp_path / "templates")
    (tmp_path / "profile.yaml").write_text("company_name: Лампа\n", encoding="utf-8")
    report = validate_paths([tmp_path])
    assert [p.rsplit("/", 1)[-1] for p in report.playbooks] == ["complaint.yaml"]


def test_a_typo_in_a_words_file_is_reported(tmp_path: Path) -> None:
    """words.<lang>.j2 is no entry file: validate reaches it through the import of ru.j2."""
    import shutil

    shutil.copy(REPO / "playbooks" / "complaint.yaml", tmp_path / "complaint.yaml")
    shutil.copytree(REPO / "templates", tmp_path / "templates")
    words = tmp_path / "templates" / "complaint" / "words.ru.j2"
    text = words.read_text(encoding="utf-8")
    assert "{{ topic|bare }}" in text
    words.write_text(text.replace("{{ topic|bare }}", "{{ topik|bare }}", 1), encoding="utf-8")
    line = text[: text.index("{{ topic|bare }}")].count("\n") + 1
    result = run("validate", str(tmp_path))
    assert result.code == 4, result.output
    assert (
        f"{words}:{line}: the template uses 'topik', which is not a field of the playbook "
        "(did you mean 'topic'?)"
    ) in result.stderr


def test_a_template_named_by_a_missing_literal_is_reported(tmp_path: Path) -> None:
    import shutil

    shutil.copy(REPO / "playbooks" / "complaint.yaml", tmp_path / "complaint.yaml")
    shutil.copytree(REPO / "templates", tmp_path / "templates")
    entry = tmp_path / "templates" / "complaint" / "ru.j2"
    text = entry.read_text(encoding="utf-8")
    entry.write_text(
        text.replace("complaint/words.ru.j2", "complaint/wrods.ru.j2"), encoding="utf-8"
    )
    result = run("validate", str(tmp_path))
    assert result.code == 4, result.output
    assert f"{entry}:2: no template named 'complaint/wrods.ru.j2'" in result.stderr
