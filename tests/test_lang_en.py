"""English helpers: greeting, amounts, day counts (replykit.lang.en)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from replykit.lang.en import days_en, format_money_en, money_in_words_en, salutation_en


@pytest.mark.parametrize(
    ("name", "title", "expected"),
    [
        ("Anna Smith", None, "Dear Anna Smith,"),
        ("  Anna   Smith ", None, "Dear Anna Smith,"),
        ("Anna Smith", "Ms", "Dear Ms Smith,"),
        ("John Ronald Tolkien", "Prof.", "Dear Prof. Tolkien,"),
        ("Anna Smith", " ", "Dear Anna Smith,"),
        ("Иванов Иван", None, "Dear Иванов Иван,"),
    ],
    ids=["full name", "spaces", "title", "title, three words", "blank title", "cyrillic"],
)
def test_salutation_en(name: str, title: str | None, expected: str) -> None:
    assert salutation_en(name, title) == expected


def test_salutation_en_rejects_empty_name() -> None:
    with pytest.raises(ValueError, match="empty"):
        salutation_en("  ")


@pytest.mark.parametrize(
    ("amount", "currency", "expected"),
    [
        ("1250", "USD", "USD 1,250.00"),
        ("125000.5", "usd", "USD 125,000.50"),
        ("0.005", "EUR", "EUR 0.01"),
        ("-3", "GBP", "GBP -3.00"),
        ("1000000", "RUB", "RUB 1,000,000.00"),
    ],
    ids=["thousands", "lower-case code", "rounds half up", "negative", "roubles"],
)
def test_format_money_en(amount: str, currency: str, expected: str) -> None:
    assert format_money_en(Decimal(amount), currency) == expected


@pytest.mark.parametrize(
    ("amount", "currency", "expected"),
    [
        ("1250", "USD", "USD 1,250.00 (one thousand two hundred fifty dollars and 00 cents)"),
        ("1", "USD", "USD 1.00 (one dollar and 00 cents)"),
        ("1.01", "USD", "USD 1.01 (one dollar and 01 cent)"),
        ("21.50", "USD", "USD 21.50 (twenty-one dollars and 50 cents)"),
        ("1001001", "USD", "USD 1,001,001.00 (one million one thousand one dollars and 00 cents)"),
        ("0.99", "EUR", "EUR 0.99 (zero euros and 99 cents)"),
        ("2.01", "GBP", "GBP 2.01 (two pounds and 01 penny)"),
        ("5", "RUB", "RUB 5.00 (five roubles and 00 kopecks)"),
    ],
    ids=[
        "design example",
        "one dollar",
        "one cent",
        "hyphen kept",
        "no commas",
        "euro",
        "pounds",
        "roubles",
    ],
)
def test_money_in_words_en(amount: str, currency: str, expected: str) -> None:
    assert money_in_words_en(Decimal(amount), currency) == expected


def test_money_in_words_en_rejects() -> None:
    with pytest.raises(ValueError, match="unknown currency 'XYZ'"):
        money_in_words_en(Decimal(1), "XYZ")
    with pytest.raises(TypeError, match="float"):
        money_in_words_en(0.1)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("n", "working", "expected"),
    [
        (10, True, "10 working days"),
        (1, True, "1 working day"),
        (3, False, "3 calendar days"),
        (1, False, "1 calendar day"),
    ],
    ids=["10 working", "1 working", "3 calendar", "1 calendar"],
)
def test_days_en(n: int, working: bool, expected: str) -> None:
    assert days_en(n, working) == expected
