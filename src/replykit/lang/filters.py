"""The one registry of Jinja filters templates use: language helpers and text filters."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from replykit.lang import address, agreement, amounts, contact, dates, en, locale, ru
from replykit.lang.dates import DateStyle, add_days, format_date, normalise_lang, parse_date
from replykit.lang.text import text_filters

Money = Decimal | int | str


def _as_date(value: date | str) -> date:
    return parse_date(value) if isinstance(value, str) else value


def _salutation(name: str, lang: str = "ru", title: str | None = None) -> str:
    """The greeting line: «Уважаемая Анна Сергеевна!» / "Dear Anna Smith,"."""
    if normalise_lang(lang) == "ru":
        return ru.salutation(name)
    return en.salutation_en(name, title)


def _money(amount: Money, lang: str = "ru", currency: str | None = None) -> str:
    """Figures: «125 000,50 руб.» / "USD 1,250.00" (currency defaults to RUB / USD)."""
    if normalise_lang(lang) == "ru":
        return ru.format_money_ru(amount, currency or "RUB")
    return en.format_money_en(amount, currency or "USD")


def _money_words(amount: Money, lang: str = "ru", currency: str | None = None) -> str:
    """Figures and words: «21,00 руб. (двадцать один рубль 00 копеек)»."""
    if normalise_lang(lang) == "ru":
        return ru.money_in_words_ru(amount, currency or "RUB")
    return en.money_in_words_en(amount, currency or "USD")


def _date(d: date | str, lang: str = "ru", style: DateStyle = "long") -> str:
    """«22 ноября 2026 г.» / "22 November 2026"; ``style="numeric"`` for 22.11.2026."""
    return format_date(_as_date(d), lang, style)


def _add_days(start: date | str, n: int, working: bool = False) -> date:
    """The deadline date *n* calendar (or working) days after *start*."""
    return add_days(_as_date(start), n, working)


def _days(n: int, lang: str = "ru", working: bool = False) -> str:
    """«10 рабочих дней» / "10 working days"."""
    if normalise_lang(lang) == "ru":
        return ru.days_ru(n, working)
    return en.days_en(n, working)


def _first_name(name: str, lang: str = "ru") -> str:
    """The first name alone, for short public and chat greetings («Анна, здравствуйте!»)."""
    if normalise_lang(lang) == "ru":
        person = ru.parse_person(name)
        if person.first and not person.first.endswith("."):
            return person.first
        return person.text or name
    words = name.split()
    return words[0] if words else name


def _initials_name(name: str, lang: str = "ru") -> str:
    """The name under a signature: «М. А. Соколова» (initials, then the surname); en as written.

    A Russian name without a recognisable surname is returned as written.
    """
    if normalise_lang(lang) != "ru":
        return " ".join(name.split())
    person = ru.parse_person(name)
    if not person.last:
        return person.text
    letters = ru.initials(person)
    return f"{letters} {person.last}" if letters else person.last


def template_filters() -> dict[str, Callable[..., Any]]:
    """Every filter replykit gives templates, by name: the one registry.

    The text filters of :mod:`replykit.lang.text` (``sentence``, ``bare``, ``numbered``,
    ``reach``), and thin wrappers over this package's helpers:

    ``salutation(name, lang, title=None)``, ``dative_short(name)``,
    ``dative_full(name)``, ``initials_name(name, lang)``, ``money(amount, lang, currency=None)``,
    ``money_words(amount, lang, currency=None)``, ``date(d, lang, style="long")``,
    ``plural_ru(n, one, few, many)``, ``count_ru(n, one, few, many)``,
    ``add_days(start, n, working=False)``, ``days(n, lang, working=False)``.
    The language modules' own ``FILTERS`` tables come first: greeting and closing
    (:mod:`~replykit.lang.address`), agreement, amounts per locale, contact phrases, relative
    and letter dates, and US spelling. Amounts may be Decimal, int or text (parsed by
    :func:`parse_money`); dates may be :class:`datetime.date` or text (parsed by
    :func:`parse_date`).
    """
    return {
        **address.FILTERS,
        **agreement.FILTERS,
        **amounts.FILTERS,
        **contact.FILTERS,
        **dates.FILTERS,
        **locale.FILTERS,
        **text_filters(),
        "add_days": _add_days,
        "count_ru": ru.count_ru,
        "date": _date,
        "dative_full": ru.dative_full,
        "first_name": _first_name,
        "formal_you": ru.formal_you,
        "initials_name": _initials_name,
        "dative_short": ru.dative_short,
        "days": _days,
        "money": _money,
        "money_words": _money_words,
        "plural_ru": ru.plural_ru,
        "salutation": _salutation,
    }
