"""``--max-chars``: the shortest wording, then the playbook's ``rules.drop`` steps, else exit 3."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from replykit import compose
from replykit.composer import Composer
from replykit.errors import AnswerError, PlaybookError
from replykit.playbook import parse_playbook
from replykit.playbook.search import SearchPath
from replykit.templates import template_names

from .clihelp import run
from .conftest import GOLDEN

CASES = {
    "ru": GOLDEN / "complaint" / "ru-public-us.yaml",
    "en": GOLDEN / "complaint" / "en-chat-us.yaml",
}


def answers(lang: str) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(CASES[lang].read_text(encoding="utf-8"))
    return loaded


# Short wordings a content helper might give (under `{% if brief %}`), so the engine's fitting
# is tested whatever the built-in templates say today.
_BRIEF = {
    "ru": {
        "thanks": "Спасибо, что написали.",
        "empathy": "Понимаем, как это неприятно.",
        "apology": "Простите нас.",
        "actions": "{{ actions[0] }}",
        "compensation": "Деньги вернём.",
        "follow_up": "Напишите нам: {{ contact }}.",
    },
    "en": {
        "thanks": "Thanks for telling us.",
        "empathy": "We know how annoying this is.",
        "apology": "We are sorry.",
        "actions": "{{ actions[0] }}",
        "compensation": "We will refund you.",
        "follow_up": "Write to us at {{ contact }}.",
    },
}


def _brief_folder(tmp_path: Path, lang: str, channel: str) -> Path:
    """A user folder whose complaint template, the one this letter uses, has brief forms."""
    blocks = "".join(
        f"{{% block {step} %}}{{% if brief %}}{text}{{% else %}}{{{{ super() }}}}{{% endif %}}"
        "{% endblock %}"
        for step, text in _BRIEF[lang].items()
    )
    builtin = SearchPath.default().builtin_templates / "complaint"
    name = next(
        n for n in template_names("complaint", lang, channel) if (builtin.parent / n).is_file()
    )
    folder = tmp_path / "templates" / "complaint"
    folder.mkdir(parents=True)
    (tmp_path / "templates" / name).write_text(
        f'{{% extends "builtin/{name}" %}}{blocks}', encoding="utf-8"
    )
    return tmp_path


# Words of an apology or a regret, by language.
REGRET = {"ru": ("извин", "прости", "жаль"), "en": ("sorry", "apologise")}


def _assert_essentials(lang: str, text: str, given: dict[str, Any]) -> None:
    """The customer's name, an apology or regret and how to reach us (the step: by the caller)."""
    assert any(part in text for part in str(given["customer_name"]).split()), text
    assert any(word in text.lower() for word in REGRET[lang]), text
    assert str(given["contact"]) in text, text


@pytest.mark.parametrize("channel", ["chat", "public"])
@pytest.mark.parametrize("lang", ["ru", "en"])
def test_with_brief_wordings_a_complaint_fits_280_and_keeps_its_essentials(
    tmp_path: Path, lang: str, channel: str
) -> None:
    given = answers(lang)
    full = compose("complaint", given, lang=lang, channel=channel)
    letter = compose(
        "complaint",
        given,
        lang=lang,
        channel=channel,
        max_chars=280,
        playbooks_dir=_brief_folder(tmp_path, lang, channel),
    )
    assert letter.length <= 280, letter.text
    assert letter.max_chars == 280
    assert letter.brief == (full.length > 280)  # brief wording only when the full one is too long
    _assert_essentials(lang, letter.text, given)
    assert "actions" in letter.steps and letter.parts["actions"].strip()  # a concrete step
    assert "apology" in letter.steps
    assert set(letter.dropped) <= {"receipt", "summary", "explanation", "evidence", "prevention"}


@pytest.mark.parametrize("channel", ["chat", "public"])
@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_builtin_complaint_fits_280(lang: str, channel: str) -> None:
    given = answers(lang)
    letter = compose("complaint", given, lang=lang, channel=channel, max_chars=280)
    assert letter.length <= 280
    _assert_essentials(lang, letter.text, given)


def test_a_letter_that_fits_is_left_as_it_is() -> None:
    given = answers("en")
    full = compose("complaint", given, lang="en", channel="chat")
    fitted = compose("complaint", given, lang="en", channel="chat", max_chars=full.length)
    assert fitted.text == full.text
    assert (fitted.brief, fitted.dropped, fitted.max_chars) == (False, (), full.length)


def test_steps_are_dropped_in_the_playbooks_order_until_the_letter_fits() -> None:
    given = {
        **answers("en"),
        "evidence": "the log of the reset",
        "prevention": "a new check",
        "explanation": "a sorting error sent the parcel to the wrong depot",
    }
    composer = Composer.open("complaint")
    resolved = composer.resolve(given, "en", channel="chat")
    brief = composer.renderer.render(resolved.values, "en", "chat", brief=True)
    order = [s for s in composer.playbook.rules.drop_order("chat") if brief.parts.get(s)]
    assert len(order) >= 2, brief.steps
    one = compose("complaint", given, lang="en", channel="chat", max_chars=brief.length - 1)
    assert one.dropped == (order[0],) and order[0] not in one.steps
    assert one.brief and one.length < brief.length
    two = compose("complaint", given, lang="en", channel="chat", max_chars=one.length - 1)
    assert two.dropped == tuple(order[:2])


def test_even_the_shortest_letter_too_long_is_exit_3_naming_the_steps() -> None:
    given = answers("en")
    with pytest.raises(AnswerError) as caught:
        compose("complaint", given, lang="en", channel="chat", max_chars=100)
    message = caught.value.message
    assert "the shortest chat letter is" in message and "--max-chars 100" in message
    assert "greeting " in message and "apology " in message
    assert message.endswith("shorten the answers or raise --max-chars")
    assert caught.value.exit_code == 3


def test_draft_max_chars_cli_exit_3_and_json_fields() -> None:
    stdin = CASES["en"].read_text(encoding="utf-8")
    args = ("draft", "complaint", "-l", "en", "-c", "chat", "-a", "-", "--no-check")
    result = run(*args, "--max-chars", "100", stdin=stdin)
    assert result.code == 3, result.output
    assert "more than --max-chars 100" in result.stderr
    assert "shorten the answers or raise --max-chars" in result.stderr
    result = run(*args, "--max-chars", "5000", "--json", stdin=stdin)
    assert result.code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["max_chars"], data["brief"], data["dropped"]) == (5000, False, [])
    result = run(*args, "--max-chars", "0", stdin=stdin)
    assert result.code == 2 and "--max-chars must be at least 1" in result.stderr


def test_batch_row_that_cannot_fit_fails_with_the_message(tmp_path: Path) -> None:
    given = answers("en")
    # Row 1's one concrete step is too long for any wording; row 2's letter sets the limit.
    long_step = "We have reset your settings" + ", checked every device on your account" * 12 + "."
    rows = [
        {**given, "actions": [long_step]},
        {**given, "actions": ["We have reset your settings."], "compensation": "none"},
    ]
    source = tmp_path / "rows.jsonl"
    source.write_text("".join(json.dumps(r, default=str) + "\n" for r in rows), encoding="utf-8")
    limit = str(compose("complaint", rows[1], lang="en", channel="chat").length)
    with pytest.raises(AnswerError):  # row 2 fits as it is, row 1 does not fit at all
        compose("complaint", rows[0], lang="en", channel="chat", max_chars=int(limit))
    result = run(
        "batch", "complaint", str(source), "-l", "en", "-c", "chat", "--jsonl", "--max-chars", limit
    )
    assert result.code == 6, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert lines[0]["status"] == "failed"
    assert f"more than --max-chars {limit}" in lines[0]["problems"][0]["message"]
    assert lines[1]["status"] == "ok" and lines[1]["letter"]["max_chars"] == int(limit)


_PLAYBOOK = """\
id: tiny
version: 1
title: {en: Tiny}
languages: [en]
channels: [email, chat]
fields:
  - {name: name, type: text, prompt: {en: Name}}
steps: [greeting, thanks, main]
rules:
  require: [greeting, main]
  drop: %s
"""


@pytest.mark.parametrize(
    ("drop", "message"),
    [
        ("{default: [thanks, nothing]}", "rules.drop.default names step 'nothing'"),
        ("{chat: [main]}", "rules.drop.chat names step 'main', which rules.require keeps"),
        ("{tweet: [thanks]}", "rules.drop: unknown channel 'tweet'"),
        ("[thanks]", "rules.drop must map a channel (or default) to a list of step ids"),
    ],
    ids=["unknown-step", "required-step", "unknown-channel", "not-a-mapping"],
)
def test_bad_drop_lists_are_playbook_errors_with_their_line(drop: str, message: str) -> None:
    with pytest.raises(PlaybookError) as caught:
        parse_playbook(_PLAYBOOK % drop, "tiny.yaml")
    assert message in caught.value.message
    assert "tiny.yaml:11" in caught.value.message


def test_drop_order_per_channel_with_default() -> None:
    playbook = parse_playbook(_PLAYBOOK % "{chat: [thanks], default: []}", "tiny.yaml")
    assert playbook.rules.drop_order("chat") == ("thanks",)
    assert playbook.rules.drop_order("email") == ()
    no_drop = parse_playbook(_PLAYBOOK.replace("  drop: %s\n", ""), "tiny.yaml")
    assert no_drop.rules.drop_order("chat") == ()
