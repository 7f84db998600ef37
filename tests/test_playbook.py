"""Playbook loading: typed objects, unknown keys rejected, every problem with file:line."""

from __future__ import annotations

from pathlib import Path

import pytest

from replykit.errors import PlaybookError
from replykit.playbook import parse_playbook
from replykit.playbook.search import SearchPath

VALID = """\
id: demo
title: {ru: Демо, en: Demo}
languages: [ru, en]
channels: [email]
fields:
  - name: who
    type: person
    prompt: {ru: Кто, en: Who}
  - name: kind
    type: choice
    prompt: Kind
    choices: [a, b]
    default: a
  - name: extra
    type: text
    prompt: Extra
    when: kind == 'b'
steps:
  - greeting
  - {id: extra, when: extra}
rules:
  require: [greeting]
  avoid: {ru: [к сожалению], en: [unfortunately]}
"""


def test_valid_playbook_becomes_typed_objects() -> None:
    pb = parse_playbook(VALID, "demo.yaml")
    assert pb.id == "demo"
    assert pb.field_names == ("who", "kind", "extra")
    assert pb.fields[1].choice_values() == ("a", "b")
    assert pb.fields[2].when == "kind == 'b'"
    assert [s.id for s in pb.steps] == ["greeting", "extra"]
    assert pb.rules.avoid["ru"] == ("к сожалению",)
    assert pb.fields[0].prompt_text("en") == "Who"
    assert pb.fields[1].prompt_text("ru") == "Kind"


BROKEN = {
    "unknown-top-key": (
        VALID.replace("channels:", "chanels: [email]\nchannels:"),
        ["demo.yaml:4: unknown key 'chanels' in the playbook (did you mean 'channels'?)"],
    ),
    "unknown-field-key": (
        VALID.replace("    type: person", "    type: person\n    requird: false"),
        ["demo.yaml:8: unknown key 'requird' in a field (did you mean 'required'?)"],
    ),
    "unknown-type": (
        VALID.replace("type: person", "type: persn"),
        ["demo.yaml:7: field 'who': unknown type 'persn' (did you mean 'person'?)"],
    ),
    "bad-when": (
        VALID.replace("when: kind == 'b'", "when: kind == = 'b'"),
        ["demo.yaml:17: field 'extra': when: cannot read \"kind == = 'b'\""],
    ),
    "unknown-channel": (
        VALID.replace("channels: [email]", "channels: [emial]"),
        ["demo.yaml:4: unknown channel 'emial' (did you mean 'email'?)"],
    ),
    "reserved-step": (
        VALID.replace("  - greeting\n", "  - greeting\n  - body\n"),
        ["step id 'body' is reserved for layouts"],
    ),
    "duplicate-field": (
        VALID.replace("name: extra", "name: who"),
        ["field 'who' is defined twice"],
    ),
    "require-unknown-step": (
        VALID.replace("require: [greeting]", "require: [greting]"),
        ["rules.require names step 'greting'"],
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN), ids=sorted(BROKEN))
def test_every_problem_is_reported_with_file_and_line(case: str) -> None:
    text, expected = BROKEN[case]
    with pytest.raises(PlaybookError) as caught:
        parse_playbook(text, "demo.yaml")
    described = [p.describe() for p in caught.value.problems]
    for line in expected:
        assert any(line in d for d in described), described


def test_all_problems_of_a_file_come_at_once() -> None:
    text = VALID.replace("type: person", "type: persn").replace(
        "channels: [email]", "channels: [fax]"
    )
    with pytest.raises(PlaybookError) as caught:
        parse_playbook(text, "demo.yaml")
    assert len(caught.value.problems) == 2
    assert caught.value.message.startswith("demo.yaml: 2 problems in the playbook:\n")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("id: x\ntitle: [a\n", "demo.yaml:3:1: malformed YAML: "),
        (
            "- a\n- b\n",
            "demo.yaml: a playbook must be a YAML mapping with id, title, fields and steps",
        ),
        (
            "!!python/object:os.system {}\n",
            "demo.yaml:1:1: malformed YAML: ",
        ),
    ],
    ids=["unclosed-list", "not-a-mapping", "python-tag-refused"],
)
def test_malformed_yaml(text: str, message: str) -> None:
    """replykit's part of the message: the file, the position and what is wrong; PyYAML's
    own words after it vary with its version."""
    with pytest.raises(PlaybookError) as caught:
        parse_playbook(text, "demo.yaml")
    assert caught.value.message.startswith(message)


def test_oversized_playbook_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_text("# " + "x" * 600_000 + "\n" + VALID, encoding="utf-8")
    from replykit.playbook import load_playbook

    with pytest.raises(
        PlaybookError, match=r"big.yaml: the playbook is 586 KiB, over the 512 KiB limit"
    ):
        load_playbook(big)


def test_every_builtin_playbook_loads() -> None:
    search = SearchPath.default()
    ids = search.available_ids()
    assert "complaint" in ids
    for playbook_id in ids:
        assert search.load(playbook_id).id == playbook_id


def test_a_condition_the_sandbox_refuses_while_folding_constants_is_a_playbook_error() -> None:
    """''.__class__ and x fails inside Jinja's optimizer, before anything is evaluated."""
    text = VALID.replace("when: kind == 'b'", "when: \"''.__class__ and kind\"")
    with pytest.raises(PlaybookError) as caught:
        parse_playbook(text, "demo.yaml")
    assert (
        caught.value.problems[0]
        .describe()
        .startswith(
            "demo.yaml:17: field 'extra': when: \"''.__class__ and kind\": the sandbox forbids it"
        )
    )
