"""Answer precedence, when-conditions and the report of what is missing."""

from __future__ import annotations

from typing import Any

import pytest

from replykit.answers import resolve_answers
from replykit.assignments import merge_assignments
from replykit.errors import AnswerError, MissingAnswersError, PlaybookError, UsageError
from replykit.playbook import parse_playbook

CHAIN = parse_playbook(
    """\
id: chain
title: Chain
languages: [en]
channels: [email]
fields:
  - {name: kind, type: choice, prompt: Kind, choices: [refund, none], default: none}
  - {name: amount, type: money, prompt: Amount, when: "kind == 'refund'"}
  - {name: big, type: bool, prompt: Big, when: "amount and amount > 100"}
  - {name: reason, type: text, prompt: Reason, when: big}
  - {name: note, type: text, prompt: Note, required: false}
steps: [greeting]
""",
    "chain.yaml",
)


def resolve(given: dict[str, Any], ask: Any = None) -> dict[str, Any]:
    return resolve_answers(CHAIN, given, "en", ask).values


CASES = [
    ({}, {"kind": "none"}),
    ({"kind": "refund", "amount": "50"}, {"kind": "refund", "amount": 50}),
    (
        {"kind": "refund", "amount": "500", "big": "no"},
        {"kind": "refund", "amount": 500, "big": False},
    ),
    (
        {"kind": "refund", "amount": "500", "big": "yes", "reason": "lost parcel"},
        {"kind": "refund", "amount": 500, "big": True, "reason": "lost parcel"},
    ),
    # kind=none skips amount, so big and reason are skipped too, whatever was given for them
    ({"kind": "none", "amount": "500", "big": "yes", "reason": "x"}, {"kind": "none"}),
    ({"kind": "none", "amount": "not money"}, {"kind": "none"}),
]


@pytest.mark.parametrize(("given", "expected"), CASES, ids=[str(i) for i in range(len(CASES))])
def test_skipped_questions_contribute_nothing_and_skip_what_depends_on_them(
    given: dict[str, Any], expected: dict[str, Any]
) -> None:
    assert resolve(given) == expected


def test_asking_in_order_and_resolving_in_rounds_agree() -> None:
    for given, expected in CASES:
        remaining = dict(given)

        def ask(fld: Any, default: Any, error: Any, remaining: dict[str, Any] = remaining) -> Any:
            return remaining.pop(fld.name, "")

        asked = resolve_answers(CHAIN, {}, "en", ask).values
        assert asked == expected, given


def test_every_problem_at_once() -> None:
    with pytest.raises(AnswerError) as caught:
        resolve({"kind": "refund", "amount": "lots", "colour": "red"})
    messages = [p.message for p in caught.value.problems]
    assert messages == [
        "unknown field 'colour'",
        "amount: 'lots' is not an amount (write e.g. 125 000,50 or 125000.50)",
    ]


def test_missing_answers_name_the_flag() -> None:
    with pytest.raises(MissingAnswersError) as caught:
        resolve({"kind": "refund"})
    assert [p.message for p in caught.value.problems] == [
        "amount: Amount — missing; pass --set amount=…"
    ]


def test_a_condition_may_only_use_earlier_answers() -> None:
    with pytest.raises(PlaybookError) as caught:
        parse_playbook(
            "id: x\ntitle: X\nlanguages: [en]\nchannels: [email]\nfields:\n"
            "  - {name: a, type: text, prompt: A, when: b}\n"
            "  - {name: b, type: bool, prompt: B}\nsteps: [greeting]\n",
            "x.yaml",
        )
    assert [p.describe() for p in caught.value.problems] == [
        "x.yaml:6: field 'a': when names 'b', which is asked after it; a condition may use "
        "only the answers asked before it, lang and channel"
    ]


@pytest.mark.parametrize(
    ("flags", "expected"),
    [
        (["a=1", "b=two words"], {"a": "1", "b": "two words"}),
        (["a=1", "a=2"], {"a": "2"}),
        (["items+=one", "items+=two"], {"items": ["one", "two"]}),
        (["eq=a=b"], {"eq": "a=b"}),
    ],
    ids=["plain", "last-wins", "append", "value-with-equals"],
)
def test_set_flags(flags: list[str], expected: dict[str, Any]) -> None:
    assert merge_assignments(flags) == expected


def test_set_flag_without_equals_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="--set 'oops': expected KEY=VALUE"):
        merge_assignments(["oops"])
