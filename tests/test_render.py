"""Rendering: sandbox, strict undefined, normalisation, determinism, variation."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from replykit import compose
from replykit.errors import RenderError
from replykit.render import make_vary, normalise

from .conftest import GOLDEN


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("a  \nb\t\n", "a\nb\n"),
        ("\n\nline\n\n\n\nnext\n\n", "line\n\nnext\n"),
        ("one  two", "one two\n"),
        ("руб.. end", "руб. end\n"),
        ("wait... ok", "wait... ok\n"),
        ("word , next", "word, next\n"),
    ],
    ids=[
        "trailing-space",
        "blank-runs",
        "double-space",
        "double-period",
        "ellipsis-kept",
        "space-before-comma",
    ],
)
def test_normalise(raw: str, expected: str) -> None:
    assert normalise(raw) == expected


def test_vary_is_deterministic_and_depends_on_the_answers() -> None:
    variants = ("a", "b", "c", "d")
    assert make_vary({"x": 1})("k", *variants) == make_vary({"x": 1})("k", *variants)
    picks = {make_vary({"x": i})("k", *variants) for i in range(40)}
    assert picks == set(variants)


def test_same_answers_give_the_same_letter_byte_for_byte() -> None:
    answers = yaml.safe_load(
        (GOLDEN / "complaint" / "ru-email-us.yaml").read_text(encoding="utf-8")
    )
    first = compose("complaint", answers, lang="ru")
    second = compose("complaint", dict(reversed(list(answers.items()))), lang="ru")
    assert first.text.encode() == second.text.encode()


def test_a_hundred_letters_do_not_read_identically() -> None:
    answers = yaml.safe_load(
        (GOLDEN / "complaint" / "ru-email-us.yaml").read_text(encoding="utf-8")
    )
    texts = set()
    for number in range(100):
        answers["case_number"] = f"2025-{number:03d}"
        letter = compose("complaint", answers, lang="ru")
        texts.add(
            (
                letter.parts["thanks"],
                letter.parts["apology"],
                letter.parts["closing"].split("\n")[0],
            )
        )
    assert len(texts) >= 10


def _user_folder(tmp_path: Path, template: str) -> Path:
    (tmp_path / "templates" / "complaint").mkdir(parents=True)
    (tmp_path / "templates" / "complaint" / "ru.j2").write_text(template, encoding="utf-8")
    return tmp_path


ANSWERS = yaml.safe_load((GOLDEN / "complaint" / "ru-email-us.yaml").read_text(encoding="utf-8"))
# replykit's hint for a name Jinja does not know; the message itself is Jinja's.
UNDEFINED = "The template uses a name that is neither a field nor a helper."


@pytest.mark.parametrize(
    ("block", "message"),
    [
        ("{{ ''.__class__.__mro__ }}", "the template tried something the sandbox forbids"),
        ("{{ no_such_answer }}", UNDEFINED),
        ("{{ explanation_missing }}", UNDEFINED),
        (
            "{% for i in range(100000) %}{% for j in range(100000) %}xxxxxxxxxx{% endfor %}{% endfor %}",
            "the letter grew past 1,000,000 characters",
        ),
        ("{{ lipsum(999999999) }}", UNDEFINED),
    ],
    ids=["python-internals", "undefined-name", "typo", "endless-growth", "no-lipsum"],
)
def test_hostile_or_broken_user_template_is_stopped(
    tmp_path: Path, block: str, message: str
) -> None:
    folder = _user_folder(
        tmp_path,
        '{% extends "builtin/complaint/ru.j2" %}{% block thanks %}' + block + "{% endblock %}",
    )
    with pytest.raises(RenderError) as caught:
        compose("complaint", ANSWERS, lang="ru", playbooks_dir=folder)
    if message == UNDEFINED:  # the rest of the message is Jinja's
        assert caught.value.message.startswith("complaint/ru.j2: "), caught.value.message
        assert caught.value.hint == UNDEFINED
    else:
        assert message in caught.value.message


def test_printing_a_skipped_answer_is_an_error_not_a_blank(tmp_path: Path) -> None:
    folder = _user_folder(
        tmp_path,
        '{% extends "builtin/complaint/ru.j2" %}{% block thanks %}[{{ staff_measure }}]{% endblock %}',
    )
    with pytest.raises(RenderError, match="a template printed an empty answer"):
        compose("complaint", ANSWERS, lang="ru", playbooks_dir=folder)


def test_the_engine_gives_templates_exactly_the_names_validate_allows() -> None:
    from replykit.render import mark
    from replykit.templates import ENGINE_NAMES, engine_context

    given = engine_context(
        lang="ru",
        channel="email",
        steps=(),
        playbook_id="x",
        vary=make_vary({}),
        mark=mark,
        locale="ru",
        reply_date=date(2026, 11, 20),
        brief=False,
    )
    assert set(given) == ENGINE_NAMES
    assert given["layout"] == "layouts/email.j2"
