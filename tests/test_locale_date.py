"""``--lang`` takes a locale (ru, en, en-GB, en-US) and ``--date`` the day the reply is written."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from replykit import compose
from replykit.errors import UsageError
from replykit.render import reply_date

from .clihelp import run
from .conftest import GOLDEN

EN_CASE = GOLDEN / "complaint" / "en-email-us.yaml"


def en_answers() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(EN_CASE.read_text(encoding="utf-8"))
    return loaded


def test_en_is_en_gb_and_en_us_is_the_same_letter_re_spelt() -> None:
    given = {**en_answers(), "prevention": "we apologised and finalised the programme of checks"}
    plain = compose("complaint", given, lang="en")
    gb = compose("complaint", given, lang="en-GB")
    us = compose("complaint", given, lang="en-US")
    assert (plain.lang, plain.locale) == ("en", "en-GB")
    assert gb.text == plain.text
    assert (us.lang, us.locale) == ("en", "en-US")
    assert "apologised and finalised the programme" in gb.text
    assert "apologized and finalized the program" in us.text and "programme" not in us.text
    assert compose("complaint", given, lang="en-us").locale == "en-US"


def _showing(tmp_path: Path, name: str) -> Path:
    """A user folder whose en complaint e-mail prints the engine's ``name`` as its thanks."""
    folder = tmp_path / "templates" / "complaint"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "en.j2").write_text(
        '{% extends "builtin/complaint/en.j2" %}{% block thanks %}[{{ '
        + name
        + " }}]{% endblock %}",
        encoding="utf-8",
    )
    return tmp_path


def test_the_locale_reaches_the_templates(tmp_path: Path) -> None:
    _showing(tmp_path, "locale")
    letter = compose("complaint", en_answers(), lang="en-US", playbooks_dir=tmp_path)
    assert letter.parts["thanks"] == "[en-US]"
    assert compose("complaint", en_answers(), lang="en", playbooks_dir=tmp_path).parts[
        "thanks"
    ] == ("[en-GB]")


def test_an_unknown_locale_is_a_usage_error_listing_the_choices() -> None:
    with pytest.raises(UsageError) as caught:
        compose("complaint", en_answers(), lang="fr")
    assert caught.value.exit_code == 2
    assert "ru, en, en-GB, en-US" in (caught.value.hint or "")
    result = run("draft", "complaint", "--lang", "en-AU", "--no-input", "-a", str(EN_CASE))
    assert result.code == 2, result.output
    assert "Error: unknown language or locale 'en-AU'" in result.stderr
    assert "ru, en, en-GB, en-US" in result.stderr


def test_draft_json_reports_the_locale() -> None:
    args = ("draft", "complaint", "-a", str(EN_CASE), "--no-input", "--json", "--no-check")
    data = json.loads(run(*args, "--lang", "en-US").stdout)
    assert (data["lang"], data["locale"]) == ("en", "en-US")
    data = json.loads(run(*args, "--lang", "en").stdout)
    assert (data["lang"], data["locale"]) == ("en", "en-GB")


def test_the_profiles_locale_is_the_default_lang(tmp_path: Path) -> None:
    profile = tmp_path / "profile.yaml"
    profile.write_text("locale: en-US\n", encoding="utf-8")
    args = ("draft", "complaint", "-a", str(EN_CASE), "--no-input", "--no-check")
    data = json.loads(run(*args, "--json", "--profile", str(profile)).stdout)
    assert data["locale"] == "en-US"
    data = json.loads(run(*args, "--json", "--profile", str(profile), "--lang", "en-GB").stdout)
    assert data["locale"] == "en-GB"  # --lang wins
    profile.write_text("locale: klingon\n", encoding="utf-8")
    result = run(*args, "--profile", str(profile))
    assert result.code == 2, result.output
    assert "locale 'klingon' is not one of: ru, en, en-GB, en-US" in result.stderr


def test_profile_set_locale_is_not_an_unknown_key(tmp_path: Path) -> None:
    profile = tmp_path / "profile.yaml"
    result = run("profile", "set", "--profile", str(profile), "locale=en-US")
    assert result.code == 0, result.output
    assert "no playbook has a field" not in result.stderr


@pytest.mark.parametrize("command", ["schema", "show"])
def test_schema_and_show_take_a_locale(command: str) -> None:
    us = run(command, "complaint", "--lang", "en-US", *(["--json"] if command == "show" else []))
    gb = run(command, "complaint", "--lang", "en", *(["--json"] if command == "show" else []))
    assert us.code == 0 and us.stdout == gb.stdout, us.output
    bad = run(command, "complaint", "--lang", "xx")
    assert bad.code == 2 and "unknown language or locale 'xx'" in bad.stderr


def test_batch_lang_column_takes_a_locale(tmp_path: Path) -> None:
    given = en_answers()
    rows = [{**given, "lang": "en-US"}, {**given, "lang": "en"}]
    source = tmp_path / "rows.jsonl"
    source.write_text("".join(json.dumps(r, default=str) + "\n" for r in rows), encoding="utf-8")
    result = run("batch", "complaint", str(source), "--lang-column", "lang", "--jsonl")
    assert result.code == 0, result.output
    locales = [json.loads(line)["letter"]["locale"] for line in result.stdout.splitlines()]
    assert locales == ["en-US", "en-GB"]


def test_date_is_the_day_the_reply_is_written(tmp_path: Path) -> None:
    folder = _showing(tmp_path, "reply_date")
    given = en_answers()
    letter = compose("complaint", given, lang="en", today=date(2026, 11, 19), playbooks_dir=folder)
    assert letter.parts["thanks"] == "[2026-11-19]"
    assert reply_date({"letter_date": date(2026, 11, 2)}, date(2026, 11, 19)) == date(2026, 11, 2)
    args = ("draft", "complaint", "-l", "en", "--no-input", "--json", "--no-check")
    args += ("-a", str(EN_CASE), "--playbooks", str(folder))
    data = json.loads(run(*args, "--date", "2026-11-18").stdout)
    assert data["parts"]["thanks"] == "[2026-11-18]"
    data = json.loads(
        run(
            "batch",
            "complaint",
            "-",
            "-l",
            "en",
            "--jsonl",
            "--playbooks",
            str(folder),
            "--date",
            "2026-11-17",
            stdin=json.dumps(given, default=str) + "\n",
        ).stdout
    )
    assert data["letter"]["parts"]["thanks"] == "[2026-11-17]"


@pytest.mark.parametrize("value", ["19.11.2026", "2026-02-30", "tomorrow", "2026-1-9"])
def test_a_bad_date_is_exit_2_with_the_format(value: str) -> None:
    result = run(
        "draft", "complaint", "-l", "en", "--no-input", "-a", str(EN_CASE), "--date", value
    )
    assert result.code == 2, result.output
    assert f"--date {value}: not a date in the form YYYY-MM-DD" in result.stderr


def test_batch_bad_date_is_exit_2() -> None:
    result = run("batch", "complaint", "-", "-l", "en", "--jsonl", "--date", "19/11/2026", stdin="")
    assert result.code == 2 and "--date 19/11/2026: not a date in the form YYYY-MM-DD" in (
        result.stderr
    ), result.output
