"""The sender profile: `replykit profile show|set|unset|path`, `--profile`, and its precedence."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from .clihelp import run
from .conftest import GOLDEN

CLAIM_RU = GOLDEN / "claim-reply" / "ru-letter-partial.yaml"
COMPLAINT_RU = GOLDEN / "complaint" / "ru-email-us.yaml"
HEADER = (
    '# replykit sender profile: answers every letter shares (README, "Sender profile").\n'
    "# Precedence: playbook defaults < this file < --answers < --set < questions asked.\n"
    "# Keys a playbook has no field for are ignored. `replykit profile set` rewrites this file.\n"
)
#: What a profile holds for the claim reply: the sender, the signer, the executor.
SENDER_KEYS = (
    "sender_org", "sender_address", "sender_contacts", "sender_inn", "sender_ogrn",
    "signer_name", "signer_position", "executor", "executor_phone",
)  # fmt: skip


def default_profile(home: Path) -> Path:
    return home / ".config" / "replykit" / "profile.yaml"


def write_yaml(path: Path, data: dict[str, Any]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def load(case: Path) -> dict[str, Any]:
    data = yaml.safe_load(case.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


# --- the profile commands ---------------------------------------------------------------


def test_path_is_profile_yaml_in_the_user_config_folder(isolated_user_folders: Path) -> None:
    result = run("profile", "path")
    assert (result.code, result.stdout) == (0, f"{default_profile(isolated_user_folders)}\n")


def test_show_without_a_profile_says_how_to_make_one(isolated_user_folders: Path) -> None:
    result = run("profile", "show")
    assert (result.code, result.stdout) == (0, "")
    assert result.stderr == (
        f"No profile yet ({default_profile(isolated_user_folders)}).\n"
        "Hint: replykit profile set sender_org='ООО «Лампа»' signer_name='Мария Соколова'\n"
    )


def test_set_show_and_unset(isolated_user_folders: Path) -> None:
    path = default_profile(isolated_user_folders)
    made = run(
        "profile", "set", "sender_org=ООО «Лампа»", "signer_name=Соколова Мария Александровна"
    )
    assert (made.code, made.stdout, made.stderr) == (0, "", f"Saved {path}\n")
    assert path.read_text(encoding="utf-8") == HEADER + (
        "sender_org: ООО «Лампа»\nsigner_name: Соколова Мария Александровна\n"
    )
    again = run("profile", "set", "signer_position=генеральный директор", "sender_inn=7701234567")
    assert again.code == 0, again.output
    shown = run("profile", "show")
    assert shown.stdout == (
        "sender_org: ООО «Лампа»\nsigner_name: Соколова Мария Александровна\n"
        "signer_position: генеральный директор\nsender_inn: '7701234567'\n"
    )
    removed = run("profile", "unset", "signer_position", "nope")
    assert removed.code == 0, removed.output
    assert removed.stderr == f"Note: the profile had no 'nope'.\nSaved {path}\n"
    as_json = json.loads(run("profile", "show", "--json").stdout)
    assert as_json == {
        "path": str(path),
        "exists": True,
        "profile": {
            "sender_org": "ООО «Лампа»",
            "signer_name": "Соколова Мария Александровна",
            "sender_inn": "7701234567",
        },
    }


def test_set_notes_a_key_no_playbook_has_and_keeps_it(isolated_user_folders: Path) -> None:
    result = run("profile", "set", "sender_ogn=1027700123456", "closing=С уважением,")
    assert result.code == 0, result.output
    assert result.stderr == (
        "Note: no playbook has a field 'sender_ogn' (did you mean 'sender_ogrn'?); "
        "it is kept anyway.\n"
        "Note: no playbook has a field 'closing'; it is kept anyway.\n"
        f"Saved {default_profile(isolated_user_folders)}\n"
    )
    assert "sender_ogn: '1027700123456'" in run("profile", "show").stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["Sender Org=ООО"], "Error: not a field name: 'Sender Org'\n"),
        (["sender_org"], "Error: --set 'sender_org': expected KEY=VALUE\n"),
    ],
    ids=["not-snake-case", "no-value"],
)
def test_set_refuses_what_is_not_an_answer(
    isolated_user_folders: Path, args: list[str], message: str
) -> None:
    result = run("profile", "set", *args)
    assert result.code == 2
    assert result.stderr.startswith(message)
    assert not default_profile(isolated_user_folders).exists()


def test_profile_commands_take_another_file_with_profile(tmp_path: Path) -> None:
    other = tmp_path / "legal.yaml"
    assert run("profile", "set", "--profile", str(other), "sender_org=ООО «Лампа»").code == 0
    assert run("profile", "path", "--profile", str(other)).stdout == f"{other}\n"
    assert run("profile", "show", "--profile", str(other)).stdout == "sender_org: ООО «Лампа»\n"


def test_the_profile_is_not_taken_for_a_playbook(isolated_user_folders: Path) -> None:
    write_yaml(default_profile(isolated_user_folders), {"sender_org": "ООО «Лампа»"})
    result = run("list")
    assert result.code == 0, result.output
    assert "profile" not in result.stdout


# --- the profile in a draft -------------------------------------------------------------


def test_precedence_defaults_profile_answers_file_set(
    tmp_path: Path, isolated_user_folders: Path
) -> None:
    write_yaml(
        default_profile(isolated_user_folders),
        {
            "company_name": "Кофейни «Из профиля»",
            "contact": "profile@example.ru",
            "signer_position": "из профиля",
            "feeling": "angry",  # the playbook's default is disappointed
            "sender_inn": "7701234567",  # not a complaint field: ignored without a word
            "anything_else": "ignored too",
        },
    )
    answers = load(COMPLAINT_RU)
    for key in ("company_name", "contact", "feeling"):
        answers.pop(key, None)
    answers["signer_position"] = "из файла ответов"
    answers_file = write_yaml(tmp_path / "a.yaml", answers)
    result = run(
        "draft", "complaint", "--answers", str(answers_file), "--set", "contact=from-set@example.ru",
        "--no-input", "--no-check", "--json",
    )  # fmt: skip
    assert result.code == 0, result.output
    assert result.stderr == ""
    used = json.loads(result.stdout)["answers"]
    assert used["company_name"] == "Кофейни «Из профиля»"  # profile over nothing
    assert used["feeling"] == "angry"  # profile over the playbook's default
    assert used["signer_position"] == "из файла ответов"  # answers file over profile
    assert used["contact"] == "from-set@example.ru"  # --set over profile
    assert "sender_inn" not in used and "anything_else" not in used


def test_unknown_keys_are_errors_in_an_answers_file_but_not_in_a_profile(tmp_path: Path) -> None:
    answers = load(COMPLAINT_RU) | {"sender_inn": "7701234567"}
    result = run(
        "draft", "complaint", "--answers", str(write_yaml(tmp_path / "a.yaml", answers)),
        "--no-input", "--no-check",
    )  # fmt: skip
    assert result.code == 3
    assert "  unknown field 'sender_inn'" in result.stderr


def test_a_profile_fills_the_requisites_of_a_formal_letter(
    tmp_path: Path, isolated_user_folders: Path
) -> None:
    answers = load(CLAIM_RU)
    write_yaml(default_profile(isolated_user_folders), {k: answers.pop(k) for k in SENDER_KEYS})
    answers_file = write_yaml(tmp_path / "a.yaml", answers)
    result = run(
        "draft", "claim-reply", "-c", "letter", "--answers", str(answers_file),
        "--no-input", "--no-check",
    )  # fmt: skip
    assert result.code == 0, result.output
    assert result.stdout == CLAIM_RU.with_suffix(".txt").read_text(encoding="utf-8")


def test_profile_option_chooses_another_profile(
    tmp_path: Path, isolated_user_folders: Path
) -> None:
    answers = load(CLAIM_RU)
    legal = {k: answers.pop(k) for k in SENDER_KEYS}
    write_yaml(default_profile(isolated_user_folders), {**legal, "sender_org": "ООО «Не то»"})
    other = write_yaml(tmp_path / "legal.yaml", legal)
    answers_file = write_yaml(tmp_path / "a.yaml", answers)
    result = run(
        "draft", "claim-reply", "-c", "letter", "--answers", str(answers_file),
        "--profile", str(other), "--no-input", "--no-check",
    )  # fmt: skip
    assert result.code == 0, result.output
    assert result.stdout.startswith("ООО «Лампа»\n")


def test_a_missing_profile_option_file_is_a_usage_error(tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    result = run(
        "draft", "complaint", "--answers", str(COMPLAINT_RU), "--profile", str(missing),
        "--no-input",
    )  # fmt: skip
    assert result.code == 2
    assert result.stderr == (
        f"Error: --profile {missing}: no such file\n"
        "Hint: Check the path, or create it: replykit profile set --profile FILE KEY=VALUE\n"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("sender_org: [unclosed\n", ":2:1: malformed profile: "),
        ("- a list\n", ": the profile must be a mapping of field name to answer"),
        ("Sender Org: x\n", ": 1 bad key in the profile:\n  'Sender Org' is not a field name"),
    ],
    ids=["malformed", "not-a-mapping", "bad-key"],
)
def test_a_broken_profile_is_reported_with_where(
    isolated_user_folders: Path, text: str, message: str
) -> None:
    path = default_profile(isolated_user_folders)
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    result = run("draft", "complaint", "--answers", str(COMPLAINT_RU), "--no-input")
    assert result.code == 3
    assert result.stderr.startswith(f"Error: {path}{message}")


def test_a_bad_answer_from_the_profile_is_blamed_on_it(
    tmp_path: Path, isolated_user_folders: Path
) -> None:
    answers = load(CLAIM_RU)
    answers.pop("sender_inn")
    path = write_yaml(default_profile(isolated_user_folders), {"sender_inn": "12"})
    result = run(
        "draft", "claim-reply", "-c", "letter",
        "--answers", str(write_yaml(tmp_path / "a.yaml", answers)), "--no-input",
    )  # fmt: skip
    assert result.code == 3
    assert result.stderr.startswith("Error: 1 problem with the answers:\n  sender_inn: ")
    assert result.stderr.endswith(
        f"sender_inn came from the profile {path}: correct it with "
        "`replykit profile set KEY=VALUE`, or override it with --set.\n"
    )
