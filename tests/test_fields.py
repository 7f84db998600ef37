"""Field types: what each accepts, how it is typed, and the exact rejection."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from replykit.playbook import Choice, Field
from replykit.playbook.values import FieldValueError, parse_value


def field(ftype: str, **extra: Any) -> Field:
    return Field(name="x", type=ftype, prompt={"en": "X"}, **extra)


FAULT = field(
    "choice",
    choices=(
        Choice("us", {"ru": "мы", "en": "we are"}),
        Choice("nobody", {"ru": "никто", "en": "nobody"}),
    ),
)

ACCEPTED = [
    ("text", {}, "  Анна   Петрова ", "Анна Петрова"),
    ("longtext", {}, "line one\nline two ", "line one\nline two"),
    ("int", {}, "1 000", 1000),
    ("int", {"min": 1, "max": 100}, 15, 15),
    ("money", {}, "125 000,50", Decimal("125000.50")),
    ("money", {}, "125000.50", Decimal("125000.50")),
    ("money", {}, "125 000 ₽", Decimal("125000.00")),
    ("money", {}, 0.1, Decimal("0.10")),
    ("date", {}, "2026-11-22", date(2026, 11, 22)),
    ("date", {}, "22.11.2026", date(2026, 11, 22)),
    ("date", {}, date(2026, 11, 22), date(2026, 11, 22)),
    ("bool", {}, "да", True),
    ("bool", {}, "нет", False),
    ("bool", {}, "Yes", True),
    ("bool", {}, "no", False),
    ("email", {}, "care@lampa.ru", "care@lampa.ru"),
    ("phone", {}, "+7 (495) 123-45-67", "+7 (495) 123-45-67"),
    ("person", {}, "Петрова-Водкина Мария Ивановна", "Петрова-Водкина Мария Ивановна"),
    ("person", {}, "Sandra S. McAllister", "Sandra S. McAllister"),
    ("list", {}, "first\n\nsecond\n", ["first", "second"]),
    ("list", {}, '["a", "b"]', ["a", "b"]),
    ("text", {}, "bell\x07 and mark\x02", "bell and mark"),
]


@pytest.mark.parametrize(
    ("ftype", "extra", "raw", "expected"),
    ACCEPTED,
    ids=[f"{c[0]}-{i}" for i, c in enumerate(ACCEPTED)],
)
def test_accepted(ftype: str, extra: dict[str, Any], raw: Any, expected: Any) -> None:
    assert parse_value(field(ftype, **extra), raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("us", "us"), ("NOBODY", "nobody"), ("2", "nobody"), ("мы", "us"), ("we are", "us")],
    ids=["value", "case-insensitive", "number", "russian-label", "english-label"],
)
def test_choice_by_value_label_or_number(raw: str, expected: str) -> None:
    assert parse_value(FAULT, raw) == expected


REJECTED = [
    (
        "date",
        {},
        "31.02.2026",
        "'31.02.2026' is not a date (write 2026-11-22 or 22.11.2026)",
        "«31.02.2026» — не дата (напишите 22.11.2026 или 2026-11-22)",
    ),
    ("money", {}, "много", "'много' is not an amount (write e.g. 125 000,50 or 125000.50)", None),
    ("money", {}, "-5", "'-5' is not an amount (write e.g. 125 000,50 or 125000.50)", None),
    ("int", {"max": 100}, "150", "must be at most 100", "должно быть не больше 100"),
    ("int", {}, "1.5", "'1.5' is not a whole number", None),
    ("bool", {}, "maybe", "'maybe' is not yes or no", "«maybe» — ответьте «да» или «нет»"),
    ("email", {}, "anna@", "'anna@' is not an e-mail address", None),
    ("phone", {}, "12", "'12' is not a phone number", None),
    ("person", {}, "R2-D2 !", "'R2-D2 !' does not look like a person's name", None),
    ("text", {"pattern": r"\d+"}, "abc", r"does not match the expected form \d+", None),
    ("list", {}, "[oops", "not a JSON list: Expecting value", None),
]


@pytest.mark.parametrize(
    ("ftype", "extra", "raw", "message_en", "message_ru"),
    REJECTED,
    ids=[f"{c[0]}-{c[2]}" for c in REJECTED],
)
def test_rejected_with_a_message_in_both_languages(
    ftype: str, extra: dict[str, Any], raw: Any, message_en: str, message_ru: str | None
) -> None:
    with pytest.raises(FieldValueError) as caught:
        parse_value(field(ftype, **extra), raw)
    assert caught.value.text("en") == message_en
    if message_ru:
        assert caught.value.text("ru") == message_ru


def test_unknown_choice_lists_the_allowed_values() -> None:
    with pytest.raises(FieldValueError, match="'aliens' is not one of: us, nobody"):
        parse_value(FAULT, "aliens")


def test_record_list_types_each_item_and_names_the_bad_one() -> None:
    points = field(
        "list",
        item_fields=(
            Field(name="date", type="date", prompt={"en": "Date"}),
            Field(name="amount", type="money", prompt={"en": "Amount"}),
        ),
    )
    assert parse_value(points, [{"date": "01.12.2026", "amount": "1 000"}]) == [
        {"date": date(2026, 12, 1), "amount": Decimal("1000.00")}
    ]
    with pytest.raises(FieldValueError, match=r"item 2, date: '30.02.2026' is not a date"):
        parse_value(
            points, [{"date": "01.12.2026", "amount": 1}, {"date": "30.02.2026", "amount": 2}]
        )
    with pytest.raises(FieldValueError, match="item 1: unknown field 'sum'; allowed: amount, date"):
        parse_value(points, [{"date": "01.12.2026", "sum": 1}])
