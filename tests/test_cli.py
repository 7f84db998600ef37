"""The command line through its real entry point: exit codes, messages, files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .clihelp import run
from .conftest import GOLDEN

RU_CASE = GOLDEN / "complaint" / "ru-email-us.yaml"
EN_CASE = GOLDEN / "complaint" / "en-email-us.yaml"


def test_draft_russian_letter_from_an_answers_file_matches_the_golden_letter() -> None:
    result = run("draft", "complaint", "--lang", "ru", "--answers", str(RU_CASE), "--no-input")
    assert result.code == 0, result.output
    assert result.stdout == RU_CASE.with_suffix(".txt").read_text(encoding="utf-8")


def test_draft_english_letter_from_set_flags_only() -> None:
    result = run(
        "draft",
        "complaint",
        "--lang",
        "en",
        "--no-input",
        "--set",
        "customer_name=Anna Smith",
        "--set",
        "company_name=Lamp Store",
        "--set",
        "topic=order 4815",
        "--set",
        "problem=your order arrived three days late",
        "--set",
        "actions+=We have sent your order again by courier.",
        "--set",
        "actions+=We will check the other orders from that warehouse.",
        "--set",
        "actions_state=mixed",
        "--set",
        "actions_deadline=25.11.2026",
        "--set",
        "follow_up_date=2026-11-27",
        "--set",
        "contact=care@lampstore.co.uk",
        "--set",
        "signer_name=Emma Clarke",
        "--set",
        "signer_position=Head of Customer Care",
    )
    assert result.code == 0, result.output
    assert "Dear Anna Smith," in result.stdout
    assert "1. We have sent your order again by courier." in result.stdout
    assert "2. We will check the other orders from that warehouse." in result.stdout
    # The reply day is pinned to Friday 20 November 2026: the deadline five days on reads
    # as a weekday, the follow-up a week later as a date without the current year.
    assert " by Wednesday.\n" in result.stdout
    assert "on 27 November" in result.stdout


def test_set_overrides_the_answers_file() -> None:
    result = run(
        "draft",
        "complaint",
        "--answers",
        str(RU_CASE),
        "--no-input",
        "--set",
        "customer_name=Иванов Иван Петрович",
    )
    assert result.code == 0, result.output
    assert "Уважаемый Иван Петрович!" in result.stdout


def test_answers_from_stdin_as_json() -> None:
    import yaml

    answers = yaml.safe_load(EN_CASE.read_text(encoding="utf-8"))
    result = run(
        "draft",
        "complaint",
        "--lang",
        "en",
        "--answers",
        "-",
        "--no-input",
        stdin=json.dumps(answers, default=str),
    )
    assert result.code == 0, result.output
    assert result.stdout == EN_CASE.with_suffix(".txt").read_text(encoding="utf-8")


def test_missing_answers_without_a_terminal_exit_3_naming_every_field() -> None:
    result = run("draft", "complaint", "--lang", "ru", "--set", "customer_name=Анна Петрова")
    assert result.code == 3, result.output
    assert result.stdout == ""
    assert result.stderr.startswith("Error: 7 required answers missing:\n")
    assert (
        "  company_name: Название вашей компании — missing; pass --set company_name=…\n"
        in result.stderr
    )
    assert (
        "  signer_position: Должность подписанта — missing; pass --set signer_position=…\n"
        in result.stderr
    )
    assert "Hint: Give answers with --set KEY=VALUE or --answers FILE" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_answers_in_json_mode_is_a_json_error_on_stdout() -> None:
    result = run("draft", "complaint", "--json", "--set", "fault=nobody")
    assert result.code == 3, result.output
    error = json.loads(result.stdout)["error"]
    assert error["kind"] == "missing_answers"
    assert error["exit_code"] == 3
    missing = [p["field"] for p in error["problems"]]
    assert "findings" in missing and "compensation" not in missing


@pytest.mark.parametrize(
    ("flag", "message"),
    [
        (
            "follow_up_date=31.02.2026",
            "follow_up_date: '31.02.2026' is not a date (write 2026-11-22 or 22.11.2026)",
        ),
        (
            "fault=aliens",
            "fault: 'aliens' is not one of: us, staff, third_party, nobody, unknown\n",
        ),
        ("customer_nmae=Анна", "unknown field 'customer_nmae' (did you mean 'customer_name'?)"),
        ("compensation=refund", "refund_amount: Сумма возврата — missing"),
    ],
    ids=["impossible-date", "unknown-choice", "unknown-field", "branch-needs-its-answer"],
)
def test_bad_answers_exit_3_with_the_exact_problem(flag: str, message: str) -> None:
    result = run(
        "draft",
        "complaint",
        "--answers",
        str(RU_CASE),
        "--no-input",
        "--set",
        flag,
        "--set",
        "refund_amount=",
    )
    assert result.code == 3, result.output
    assert f"  {message}" in result.stderr


def test_a_skipped_question_contributes_nothing() -> None:
    """fault=nobody skips compensation: a value given for it is ignored, not rendered."""
    case = GOLDEN / "complaint" / "ru-email-nobody.yaml"
    result = run(
        "draft",
        "complaint",
        "--answers",
        str(case),
        "--no-input",
        "--json",
        "--set",
        "compensation=refund",
        "--set",
        "refund_amount=100",
    )
    assert result.code == 0, result.output
    letter = json.loads(result.stdout)
    assert "compensation" not in letter["answers"]
    assert "refund_amount" not in letter["answers"]
    assert "вернём" not in letter["text"]


def test_answers_are_data_not_template_code() -> None:
    result = run(
        "draft",
        "complaint",
        "--answers",
        str(RU_CASE),
        "--no-input",
        "--set",
        "problem={{ 7*7 }} {% raw %}",
        "--no-check",  # check rightly calls the braces a placeholder; this is about rendering
    )
    assert result.code == 0, result.output
    assert "{{ 7*7 }} {% raw %}." in result.stdout


def test_output_file_is_never_replaced_without_force(tmp_path: Path) -> None:
    target = tmp_path / "letter.txt"
    first = run("draft", "complaint", "--answers", str(RU_CASE), "--no-input", "-o", str(target))
    assert first.code == 0, first.output
    assert first.stdout == ""
    original = target.read_bytes()
    assert original == RU_CASE.with_suffix(".txt").read_bytes()

    second = run(
        "draft",
        "complaint",
        "--answers",
        str(EN_CASE),
        "--lang",
        "en",
        "--no-input",
        "-o",
        str(target),
    )
    assert second.code == 5, second.output
    assert f"Error: {target} already exists; it was left untouched" in second.stderr
    assert "Hint: Pass --force to replace it" in second.stderr
    assert target.read_bytes() == original

    third = run(
        "draft",
        "complaint",
        "--answers",
        str(EN_CASE),
        "--lang",
        "en",
        "--no-input",
        "-o",
        str(target),
        "--force",
    )
    assert third.code == 0, third.output
    assert target.read_bytes() == EN_CASE.with_suffix(".txt").read_bytes()
    assert [p.name for p in tmp_path.iterdir()] == ["letter.txt"]


def test_json_output_carries_the_letter_and_its_metadata() -> None:
    result = run("draft", "complaint", "--answers", str(RU_CASE), "--no-input", "--json")
    assert result.code == 0, result.output
    letter = json.loads(result.stdout)
    assert set(letter) >= {
        "playbook",
        "lang",
        "channel",
        "subject",
        "steps",
        "text",
        "parts",
        "answers",
    }
    assert letter["answers"]["refund_amount"] == "2490.00"
    assert letter["answers"]["actions_state"] == "done"
    assert "actions_deadline" not in letter["answers"]
    assert letter["answers"]["follow_up_date"] == "2026-11-27"
    assert letter["steps"][0] == "greeting"
    assert letter["parts"]["greeting"] == "Уважаемая Анна Сергеевна!"


def test_unknown_playbook_is_exit_4_listing_the_known_ones() -> None:
    result = run("draft", "complaints", "--no-input")
    assert result.code == 4, result.output
    assert "Error: unknown playbook 'complaints'" in result.stderr
    assert "Hint: Known playbooks: " in result.stderr and "complaint" in result.stderr


def test_unsupported_language_is_a_usage_error() -> None:
    result = run("draft", "complaint", "--lang", "de", "--no-input")
    assert result.code == 2, result.output
    assert "Error: unknown language or locale 'de'" in result.stderr


def test_unsupported_channel_names_the_supported_ones(tmp_path: Path) -> None:
    result = run("draft", "complaint", "--channel", "fax", "--no-input")
    assert result.code == 2, result.output
    assert "does not support the channel 'fax'" in result.stderr
    assert "Supported channels: email, letter, public, chat." in result.stderr


MALFORMED = {
    "bad-yaml": ("id: complaint\ntitle: [unclosed\n", ["complaint.yaml:3:1: malformed YAML"]),
    "unknown-keys": (
        "id: complaint\ntitle: T\nlanguages: [ru]\nchannels: [email]\nfields:\n"
        "  - nmae: x\n    type: text\n  - name: y\n    type: txt\n    prompt: Y\nsteps: [greeting]\n",
        [
            "complaint.yaml:6: unknown key 'nmae' in a field (did you mean 'name'?)",
            "complaint.yaml:6: field name None must be lower_snake_case",
            "complaint.yaml:9: field 'y': unknown type 'txt' (did you mean 'text'?)",
        ],
    ),
}


@pytest.mark.parametrize("case", sorted(MALFORMED), ids=sorted(MALFORMED))
def test_malformed_user_playbook_exits_4_naming_file_and_line(tmp_path: Path, case: str) -> None:
    text, expected = MALFORMED[case]
    (tmp_path / "complaint.yaml").write_text(text, encoding="utf-8")
    result = run("draft", "complaint", "--playbooks", str(tmp_path), "--no-input")
    assert result.code == 4, result.output
    for line in expected:
        assert line in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_user_override_replaces_one_step_and_keeps_the_rest(tmp_path: Path) -> None:
    folder = tmp_path / "templates" / "complaint"
    folder.mkdir(parents=True)
    (folder / "ru.j2").write_text(
        '{% extends "builtin/complaint/ru.j2" %}\n{% block thanks %}Спасибо, что написали!{% endblock %}\n',
        encoding="utf-8",
    )
    result = run(
        "draft", "complaint", "--answers", str(RU_CASE), "--no-input", "--playbooks", str(tmp_path)
    )
    assert result.code == 0, result.output
    expected = RU_CASE.with_suffix(".txt").read_text(encoding="utf-8").split("\n\n")
    expected[3] = "Спасибо, что написали!"
    assert result.stdout == "\n\n".join(expected)


def test_replykit_home_is_searched_before_the_builtins(tmp_path: Path) -> None:
    (tmp_path / "templates" / "complaint").mkdir(parents=True)
    (tmp_path / "templates" / "complaint" / "en.j2").write_text(
        '{% extends "builtin/complaint/en.j2" %}{% block closing %}Best,\n{{ signer_name }}{% endblock %}',
        encoding="utf-8",
    )
    result = run(
        "draft",
        "complaint",
        "--lang",
        "en",
        "--answers",
        str(EN_CASE),
        "--no-input",
        env={"REPLYKIT_HOME": str(tmp_path)},
    )
    assert result.code == 0, result.output
    assert result.stdout.endswith("Best,\nEmma Clarke\n")


def test_list_and_show() -> None:
    listed = run("list", "--json")
    assert listed.code == 0, listed.output
    ids = [p["id"] for p in json.loads(listed.stdout)["playbooks"]]
    assert "complaint" in ids
    shown = run("show", "complaint", "--lang", "ru")
    assert shown.code == 0, shown.output
    assert "  fault (choice) — Кто виноват в случившемся  [default: us]" in shown.stdout
    assert "  {id} (when fault != 'nobody')".format(id="apology") in shown.stdout.replace(
        "   (", " ("
    )


def test_help_lists_the_exit_codes() -> None:
    result = run("--help")
    assert result.code == 0, result.output
    flat = " ".join(result.stdout.split())
    assert "3 invalid or missing answers" in flat and "5 output refused" in flat


def test_usage_error_is_exit_2() -> None:
    result = run("draft")  # the wording of the usage message is Typer's
    assert result.code == 2, result.output
    assert "playbook" in result.stderr.lower(), result.output
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("case", "warned"),
    [("ru-letter-partial", True), ("ru-email-full", True), ("ru-letter-minimal", False)],
    ids=["partial-acknowledges", "full-acknowledges", "dispute-does-not"],
)
def test_draft_warns_on_stderr_when_the_reply_acknowledges_a_debt(case: str, warned: bool) -> None:
    path = GOLDEN / "debt-reply" / f"{case}.yaml"
    channel = case.split("-")[1]
    result = run(
        "draft",
        "debt-reply",
        "--answers",
        str(path),
        "--channel",
        channel,
        "--no-input",
        "--no-check",
    )
    assert result.code == 0, result.output
    warning = "Warning: письмо признаёт долг. Признание долга прерывает срок исковой давности"
    assert (warning in result.stderr) is warned, result.stderr
    assert "Warning" not in result.stdout


def test_list_shows_a_broken_user_playbook_without_hiding_the_others(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text("id: broken\ntitle: [x\n", encoding="utf-8")
    listed = run("list", "--playbooks", str(tmp_path), "--json")
    assert listed.code == 0, listed.output
    entries = {p["id"]: p for p in json.loads(listed.stdout)["playbooks"]}
    assert sorted(entries["broken"]) == ["error", "id"]
    # replykit's part: the file, the line and what is wrong; PyYAML's words follow.
    assert entries["broken"]["error"].startswith(
        f"{tmp_path / 'broken.yaml'}:3:1: malformed YAML: "
    )
    assert entries["complaint"]["channels"] == ["email", "letter", "public", "chat"]
    text = run("list", "--playbooks", str(tmp_path))
    assert "broken                 (does not load: `replykit validate` says why)\n" in text.stdout
    assert text.stderr.startswith("Warning: ")
