"""Money per locale, in figures and in words (replykit.lang.amounts)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from replykit.lang.amounts import FILTERS, amount_in_words, format_money, money_with_words
from replykit.lang.en import format_money_en, money_in_words_en
from replykit.lang.ru import format_money_ru, money_in_words_ru

FIGURES = [
    # (amount, locale, currency, formal, expected)
    ("1250", "en-GB", "GBP", True, "£1,250.00"),
    ("1250", "en-GB", "USD", True, "$1,250.00"),
    ("1250", "en-GB", "EUR", True, "€1,250.00"),
    ("1250", "en-GB", "RUB", True, "RUB 1,250.00"),
    ("1250", "en-US", "USD", True, "$1,250.00"),
    ("1250", "en-US", "GBP", True, "£1,250.00"),
    ("1250", "en-US", "EUR", True, "€1,250.00"),
    ("0.5", "en-GB", "GBP", True, "£0.50"),
    ("1234567.89", "en-US", "USD", True, "$1,234,567.89"),
    ("1250", "en", None, True, "£1,250.00"),
    ("1250", "en-US", None, True, "$1,250.00"),
    ("1250", "ru", "RUB", True, "1 250,00 руб."),
    ("1250", "ru", "USD", True, "1 250,00 долл. США"),
    ("1250", "ru", "EUR", True, "1 250,00 евро"),
    ("1250", "ru", "GBP", True, "1 250,00 ф. ст."),
    ("1250", "ru", None, True, "1 250,00 руб."),
    ("1250", "ru", "RUB", False, "1 250,00 ₽"),
    ("1250", "ru", "EUR", False, "1 250,00 €"),
    ("1250", "ru", "GBP", False, "1 250,00 £"),
    ("1250", "ru", "USD", False, "1 250,00 $"),
    ("125 000,50", "ru", None, False, "125 000,50 ₽"),
    ("125 000,50", "en", "gbp", True, "£125,000.50"),
]


@pytest.mark.parametrize(("amount", "locale", "currency", "formal", "expected"), FIGURES)
def test_format_money(
    amount: str, locale: str, currency: str | None, formal: bool, expected: str
) -> None:
    assert format_money(amount, locale, currency, formal=formal) == expected


@pytest.mark.parametrize(
    ("amount", "locale", "currency", "kwargs", "expected"),
    [
        ("1250", "en-GB", "GBP", {"code": True}, "GBP 1,250.00"),
        ("1250", "en-US", "USD", {"code": True}, "USD 1,250.00"),
        ("1250", "ru", "RUB", {"code": True}, "1 250,00 RUB"),
        ("49", "en-GB", "GBP", {"trim": True}, "£49"),
        ("49.50", "en-GB", "GBP", {"trim": True}, "£49.50"),
        ("650", "en-US", "USD", {"trim": True}, "$650"),
        ("350", "ru", "RUB", {"trim": True, "formal": False}, "350 ₽"),
        ("1250", "ru", "RUB", {"trim": True}, "1 250 руб."),
        ("1250.5", "ru", "RUB", {"trim": True}, "1 250,50 руб."),
        ("1250", "ru", "EUR", {"trim": True, "code": True}, "1 250 EUR"),
    ],
)
def test_format_money_options(
    amount: str, locale: str, currency: str, kwargs: dict[str, bool], expected: str
) -> None:
    assert format_money(amount, locale, currency, **kwargs) == expected


def test_format_money_uses_plain_spaces() -> None:
    written = format_money("1250000", "ru", "EUR", formal=False)
    assert "\u00a0" not in written and "\u202f" not in written


@pytest.mark.parametrize(
    "amount", [Decimal("125000.50"), Decimal("1"), Decimal("21"), Decimal("0.01"), 1001]
)
@pytest.mark.parametrize("currency", ["RUB", "USD", "EUR"])
def test_russian_formal_output_is_todays(amount: Decimal | int, currency: str) -> None:
    assert format_money(amount, "ru", currency) == format_money_ru(amount, currency)
    assert money_with_words(amount, "ru", currency) == money_in_words_ru(amount, currency)


def test_old_english_functions_are_unchanged() -> None:
    assert format_money_en(Decimal("1250"), "USD") == "USD 1,250.00"
    assert money_in_words_en(Decimal("2.01"), "GBP") == "GBP 2.01 (two pounds and 01 penny)"


WORDS = [
    ("125", "en-GB", "GBP", "one hundred and twenty-five pounds"),
    ("125", "en-US", "USD", "one hundred twenty-five dollars"),
    ("1250", "en-GB", "GBP", "one thousand two hundred and fifty pounds"),
    ("1250", "en-US", "USD", "one thousand two hundred fifty dollars"),
    ("5680", "en-GB", "EUR", "five thousand six hundred and eighty euros"),
    ("1", "en-GB", "GBP", "one pound"),
    ("1", "en-US", "EUR", "one euro"),
    ("2.50", "en-GB", "GBP", "two pounds and fifty pence"),
    ("2.01", "en-GB", "GBP", "two pounds and one penny"),
    ("0.50", "en-GB", "GBP", "fifty pence"),
    ("0.01", "en-US", "USD", "one cent"),
    ("0", "en-GB", "GBP", "zero pounds"),
    ("1250.05", "en-US", "USD", "one thousand two hundred fifty dollars and five cents"),
    ("1000001", "en-GB", "GBP", "one million and one pounds"),
    ("1000001", "en-US", "USD", "one million one dollars"),
    ("100", "en-GB", "RUB", "one hundred roubles"),
    ("100", "en-US", "RUB", "one hundred rubles"),
    ("125", "en", None, "one hundred and twenty-five pounds"),
    ("125", "en-US", None, "one hundred twenty-five dollars"),
    ("125000.50", "ru", None, "сто двадцать пять тысяч рублей 50 копеек"),
    ("21", "ru", "USD", "двадцать один доллар США 00 центов"),
    ("2", "ru", "GBP", "два фунта стерлингов 00 пенсов"),
    ("5", "ru", "GBP", "пять фунтов стерлингов 00 пенсов"),
    ("1.01", "ru", "GBP", "один фунт стерлингов 01 пенс"),
]


@pytest.mark.parametrize(("amount", "locale", "currency", "expected"), WORDS)
def test_amount_in_words(amount: str, locale: str, currency: str | None, expected: str) -> None:
    assert amount_in_words(amount, locale, currency) == expected


@pytest.mark.parametrize("locale", ["en-GB", "en-US"])
@pytest.mark.parametrize("amount", ["680", "5680", "1250.00", "12", "1000000"])
def test_english_words_are_never_cheque_style(locale: str, amount: str) -> None:
    words = amount_in_words(amount, locale, "EUR")
    assert "00" not in words and "cents" not in words and "," not in words


@pytest.mark.parametrize(
    ("amount", "locale", "currency", "expected"),
    [
        ("125", "en-GB", "GBP", "£125.00 (one hundred and twenty-five pounds)"),
        ("680", "en-US", "USD", "$680.00 (six hundred eighty dollars)"),
        ("5680", "en", "EUR", "€5,680.00 (five thousand six hundred and eighty euros)"),
        ("21", "ru", "RUB", "21,00 руб. (двадцать один рубль 00 копеек)"),
    ],
)
def test_money_with_words(amount: str, locale: str, currency: str, expected: str) -> None:
    assert money_with_words(amount, locale, currency) == expected


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: format_money("1", "en", "JPY"), ValueError, "unknown currency 'JPY'"),
        (lambda: amount_in_words("1", "ru", "XYZ"), ValueError, "unknown currency 'XYZ'"),
        (lambda: amount_in_words(Decimal(-1), "en"), ValueError, "negative"),
        (lambda: format_money(1.5, "en"), TypeError, "float"),
        (lambda: format_money("1", "fr"), ValueError, "unknown locale 'fr'"),
    ],
    ids=["currency", "currency ru", "negative words", "float", "locale"],
)
def test_money_rejects(call: object, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        call()  # type: ignore[operator]


def test_amount_filters() -> None:
    assert set(FILTERS) == {"amount_in_words", "format_money", "money_with_words"}
    assert FILTERS["format_money"]("49", "en-GB") == "£49.00"
