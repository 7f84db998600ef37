"""Amounts of money per locale: figures by babel, words on request.

* English prose writes the symbol: "£1,250.00", "$1,250.00", "€1,250.00"
  (both English locales write "$" for US dollars: it is the only dollar
  replykit knows, so it cannot be misread); roubles as "RUB 1,250.00".
  ``code=True`` gives "GBP 1,250.00" for tables and international B2B.
* A formal Russian letter keeps the form it has always had, «1 250,00 руб.»
  (:func:`replykit.lang.ru.format_money_ru`); a chat, public reply or e-mail
  in Russian (``formal=False``) writes the symbol, «1 250,00 ₽», «1 250,00 €».
* Spaces are plain spaces, not babel's no-break ones, as everywhere in
  replykit, so files and tests stay predictable.
* Amounts in words: in English only when a letter asks for them, in the
  locale's style ("one hundred and twenty-five pounds" in en-GB, "one hundred
  twenty-five dollars" in en-US), and never cheque-style: no "and 00 cents",
  and the pence or cents only when there are some.

babel and num2words are imported on first use.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from functools import lru_cache
from typing import Any

from replykit.lang import ru
from replykit.lang.locale import Locale, get_locale
from replykit.lang.money import as_money, split_money

__all__ = ["CURRENCIES", "FILTERS", "amount_in_words", "format_money", "money_with_words"]

Money = Decimal | int | str

#: The currencies every locale can write.
CURRENCIES = ("GBP", "USD", "EUR", "RUB")

# Currency → (whole unit singular, plural), (hundredth singular, plural), in British spelling.
_NAMES_EN: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "GBP": (("pound", "pounds"), ("penny", "pence")),
    "USD": (("dollar", "dollars"), ("cent", "cents")),
    "EUR": (("euro", "euros"), ("cent", "cents")),
    "RUB": (("rouble", "roubles"), ("kopeck", "kopecks")),
}
_NAMES_EN_US = {**_NAMES_EN, "RUB": (("ruble", "rubles"), ("kopeck", "kopecks"))}
_SPACES = re.compile(r"[\u00a0\u202f]")
_CODE_THEN_DIGIT = re.compile(r"([A-Z]{3})(?=[\d-])")


def _currency(currency: str | None, loc: Locale) -> str:
    code = (currency or loc.currency).strip().upper()
    if code not in CURRENCIES:
        raise ValueError(f"unknown currency {currency!r}; known: {', '.join(CURRENCIES)}")
    return code


@lru_cache(maxsize=1)
def _babel() -> tuple[Callable[..., str], Callable[..., str], Any]:
    from babel import Locale as BabelLocale
    from babel.numbers import format_currency, format_decimal

    return format_currency, format_decimal, BabelLocale


def format_money(
    amount: Money,
    locale: str | Locale = "ru",
    currency: str | None = None,
    *,
    formal: bool = True,
    code: bool = False,
    trim: bool = False,
) -> str:
    """An amount in figures as *locale* writes it; *currency* defaults to the locale's.

    ==========  ================  ===================  ===============
    currency    en-GB / en-US     ru, formal (letter)  ru, informal
    ==========  ================  ===================  ===============
    GBP         £1,250.00         1 250,00 ф. ст.      1 250,00 £
    USD         $1,250.00         1 250,00 долл. США   1 250,00 $
    EUR         €1,250.00         1 250,00 евро        1 250,00 €
    RUB         RUB 1,250.00      1 250,00 руб.        1 250,00 ₽
    ==========  ================  ===================  ===============

    *formal* matters in Russian only. *code* writes the ISO code instead of
    the symbol ("GBP 1,250.00", «1 250,00 RUB»); *trim* drops the zero pence
    of a whole amount for short replies ("£49", «350 ₽»), never the pence of
    "£49.50".
    """
    loc = get_locale(locale)
    cur = _currency(currency, loc)
    value = as_money(amount)
    if loc.language == "ru" and formal and not code:
        written = ru.format_money_ru(value, cur)
        return written.replace(",00 ", " ", 1) if trim else written
    format_currency, format_decimal, babel_locale = _babel()
    whole = trim and value == value.to_integral_value()
    if code:
        figures = format_decimal(value, "#,##0" if whole else "#,##0.00", locale=loc.babel)
        written = f"{figures} {cur}" if loc.language == "ru" else f"{cur} {figures}"
    else:
        # "$" in en-GB too: en_GB's CLDR data writes "US$", a distinction for readers who also
        # see other dollars, which replykit never prints.
        babel_name = "en_US" if cur == "USD" and loc.language == "en" else loc.babel
        pattern = babel_locale.parse(babel_name).currency_formats["standard"].pattern
        if whole:
            pattern = pattern.replace(".00", "")
        written = format_currency(
            value, cur, format=pattern, locale=babel_name, currency_digits=False
        )
        written = _CODE_THEN_DIGIT.sub(r"\1 ", written)
    return _SPACES.sub(" ", written)


@lru_cache(maxsize=1)
def _num2words() -> Any:
    from num2words import num2words

    return num2words


def _cardinal_en(n: int, us: bool) -> str:
    """ "one thousand two hundred and fifty" (en-GB) / "one thousand two hundred fifty" (en-US)."""
    words = str(_num2words()(n, lang="en")).replace(",", "").split()
    if us:
        words = [w for w in words if w != "and"]
    return " ".join(words)


def amount_in_words(amount: Money, locale: str | Locale = "ru", currency: str | None = None) -> str:
    """An amount in words only, in *locale*'s style.

    en-GB: "one hundred and twenty-five pounds", "two pounds and fifty pence",
    "one penny"; en-US: "one thousand two hundred fifty dollars and five
    cents"; zero pence or cents are not written. ru: «сто двадцать пять
    рублей 00 копеек», the words a formal Russian letter puts in brackets
    (kopecks in figures, always). A negative amount is a ValueError.
    """
    loc = get_locale(locale)
    cur = _currency(currency, loc)
    value = as_money(amount)
    units, cents = split_money(value)
    if loc.language == "ru":
        return ru.money_in_words_ru(value, cur).split(" (", 1)[1][:-1]
    (whole_one, whole_many), (cent_one, cent_many) = (_NAMES_EN_US if loc.is_us else _NAMES_EN)[cur]
    parts = []
    if units or not cents:
        parts.append(f"{_cardinal_en(units, loc.is_us)} {whole_one if units == 1 else whole_many}")
    if cents:
        parts.append(f"{_cardinal_en(cents, loc.is_us)} {cent_one if cents == 1 else cent_many}")
    return " and ".join(parts)


def money_with_words(
    amount: Money, locale: str | Locale = "ru", currency: str | None = None
) -> str:
    """Figures, then words in brackets, for the one place a letter states the amount.

    ru keeps today's formal form, «125 000,50 руб. (сто двадцать пять тысяч
    рублей 50 копеек)»; English writes "£125.00 (one hundred and twenty-five
    pounds)".
    """
    loc = get_locale(locale)
    cur = _currency(currency, loc)
    if loc.language == "ru":
        return ru.money_in_words_ru(amount, cur)
    return f"{format_money(amount, loc, cur)} ({amount_in_words(amount, loc, cur)})"


#: Jinja filters from this module, by name (registered by the filter registry).
FILTERS: dict[str, Callable[..., Any]] = {
    "amount_in_words": amount_in_words,
    "format_money": format_money,
    "money_with_words": money_with_words,
}
