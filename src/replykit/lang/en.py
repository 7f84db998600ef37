"""English helpers: the greeting, amounts in figures and words, day counts.

num2words is imported on first use, so importing this module is cheap.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import Any

from replykit.lang.money import as_money, group_thousands, split_money

__all__ = ["days_en", "format_money_en", "money_in_words_en", "salutation_en"]

# Currency code → (whole unit singular, plural), (hundredth singular, plural).
_CURRENCIES_EN: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "USD": (("dollar", "dollars"), ("cent", "cents")),
    "EUR": (("euro", "euros"), ("cent", "cents")),
    "GBP": (("pound", "pounds"), ("penny", "pence")),
    "RUB": (("rouble", "roubles"), ("kopeck", "kopecks")),
}


def salutation_en(full_name: str, title: str | None = None) -> str:
    """ "Dear Anna Smith," — or "Dear Ms Smith," when a title is given.

    Without a title the full name is used: guessing Mr or Ms from a name
    misgenders people, so we never do it. With a title the last word is
    taken as the surname.
    """
    name = " ".join(full_name.split())
    if not name:
        raise ValueError("the name is empty")
    if title and title.strip():
        return f"Dear {title.strip()} {name.split()[-1]},"
    return f"Dear {name},"


def _currency_en(currency: str) -> tuple[tuple[str, str], tuple[str, str]]:
    try:
        return _CURRENCIES_EN[currency.upper()]
    except KeyError:
        known = ", ".join(sorted(_CURRENCIES_EN))
        raise ValueError(f"unknown currency {currency!r}; known: {known}") from None


@lru_cache(maxsize=1)
def _num2words() -> Any:
    from num2words import num2words

    return num2words


def format_money_en(amount: Decimal | int | str, currency: str = "USD") -> str:
    """ "USD 1,250.00": the currency code, comma thousands, two decimals."""
    value = as_money(amount)
    _currency_en(currency)
    sign = "-" if value < 0 else ""
    units, cents = split_money(abs(value))
    return f"{currency.upper()} {sign}{group_thousands(units, ',')}.{cents:02d}"


def money_in_words_en(amount: Decimal | int | str, currency: str = "USD") -> str:
    """ "USD 1,250.00 (one thousand two hundred fifty dollars and 00 cents)".

    num2words' cardinal without its "and" and commas, as cheques write it;
    the cents in two figures ("one dollar and 01 cent").
    """
    value = as_money(amount)
    (whole_one, whole_many), (cent_one, cent_many) = _currency_en(currency)
    units, cents = split_money(value)
    spelt = _num2words()(units, lang="en").replace(",", "").split()
    words = " ".join(word for word in spelt if word != "and")
    whole = whole_one if units == 1 else whole_many
    cent = cent_one if cents == 1 else cent_many
    return f"{format_money_en(value, currency)} ({words} {whole} and {cents:02d} {cent})"


def days_en(n: int, working: bool = False) -> str:
    """ "10 working days", "1 working day", "3 calendar days"."""
    kind = "working" if working else "calendar"
    return f"{n} {kind} {'day' if abs(n) == 1 else 'days'}"
