"""Dates as letters write them, date parsing, and deadlines.

Two kinds of date: the formal date of a letter (:func:`letter_date`, always
with the year) and the informal date of a chat, a public reply or an e-mail
(:func:`when_date`, relative to the day of the reply: "today", "tomorrow",
"on Friday", no year within the reply's year).

babel is imported on first use, so importing this module is cheap.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from functools import lru_cache
from typing import Any, Literal

from replykit.lang.locale import Locale, get_locale

__all__ = [
    "FILTERS",
    "DateStyle",
    "add_days",
    "format_date",
    "letter_date",
    "normalise_lang",
    "parse_date",
    "short_date",
    "when_date",
]

DateStyle = Literal["long", "numeric"]
Lang = Literal["ru", "en"]

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DAY_FIRST = re.compile(r"(\d{1,2})([./])(\d{1,2})\2(\d{4})(?:\s*г\.?)?")


def normalise_lang(lang: str) -> Lang:
    """ "ru", "ru-RU", "ru_RU" → "ru"; likewise for "en"; anything else is a ValueError."""
    code = lang.strip().replace("_", "-").split("-")[0].lower()
    if code == "ru":
        return "ru"
    if code == "en":
        return "en"
    raise ValueError(f"unsupported language {lang!r}; use 'ru' or 'en'")


@lru_cache(maxsize=1)
def _babel_format_date() -> Callable[..., str]:
    from babel.dates import format_date as babel_format_date

    result: Callable[..., str] = babel_format_date
    return result


def format_date(d: date, lang: str = "ru", style: DateStyle = "long") -> str:
    """Write a date as a formal letter does.

    ======  ======================  ==========
    lang    long                    numeric
    ======  ======================  ==========
    ru      22 ноября 2026 г.       22.11.2026
    en      22 November 2026        2026-11-22
    ======  ======================  ==========

    The Russian long form is built from the pattern ``d MMMM y`` and a plain
    space before «г.» (babel's own long format puts a narrow no-break space
    there). English numeric is ISO 8601, which no reader can take for
    month-first.
    """
    code = normalise_lang(lang)
    if style == "numeric":
        return f"{d.day:02d}.{d.month:02d}.{d.year}" if code == "ru" else d.isoformat()
    if style != "long":
        raise ValueError(f"unknown date style {style!r}; use 'long' or 'numeric'")
    written = _babel_format_date()(d, "d MMMM y", locale=code)
    return f"{written} г." if code == "ru" else written


def parse_date(text: str) -> date:
    """Read "2026-11-22", "22.11.2026" or "22/11/2026" (day first; «22.11.2026 г.» too).

    Raises :class:`ValueError` saying what is wrong: "'31.02.2026' is not a
    date: day is out of range for month".
    """
    raw = text.strip()
    if match := _ISO.fullmatch(raw):
        year, month, day = match.group(1, 2, 3)
    elif match := _DAY_FIRST.fullmatch(raw):
        day, month, year = match.group(1, 3, 4)
    else:
        raise ValueError(f"{raw!r} is not a date: write it as 2026-11-22 or 22.11.2026 (day first)")
    try:
        return date(int(year), int(month), int(day))
    except ValueError as err:
        raise ValueError(f"{raw!r} is not a date: {err}") from err


def add_days(start: date, n: int, working: bool = False) -> date:
    """The date *n* days after *start* (before it when *n* is negative).

    With ``working=True`` only Monday to Friday count, so Friday plus one
    working day is Monday. Public holidays are not known here and are
    counted as working days.
    """
    if not working:
        return start + timedelta(days=n)
    step = timedelta(days=1 if n >= 0 else -1)
    current = start
    for _ in range(abs(n)):
        current += step
        while current.weekday() >= 5:
            current += step
    return current


def _as_date(value: date | str) -> date:
    return parse_date(value) if isinstance(value, str) else value


def letter_date(d: date | str, locale: str | Locale = "ru") -> str:
    """The date of a formal letter: «28 октября 2026 г.», "28 October 2026", "October 28, 2026".

    For ru and en-GB this is :func:`format_date` in its long style, unchanged.
    """
    loc = get_locale(locale)
    return str(_babel_format_date()(_as_date(d), loc.date_long, locale=loc.babel))


def short_date(d: date | str, reply_date: date | str, locale: str | Locale = "ru") -> str:
    """A date without its year when it falls in the reply's year: «14 ноября», "14 November",
    "November 14"; with the year otherwise, as :func:`letter_date` writes it.
    """
    loc = get_locale(locale)
    day, today = _as_date(d), _as_date(reply_date)
    if day.year != today.year:
        return letter_date(day, loc)
    return str(_babel_format_date()(day, loc.day_month, locale=loc.babel))


_WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# «в» + accusative for "on", «к» + dative for "by"; «во»/«ко» before the cluster of вторник.
_WEEKDAYS_RU_ON = (
    "в понедельник",
    "во вторник",
    "в среду",
    "в четверг",
    "в пятницу",
    "в субботу",
    "в воскресенье",
)
_WEEKDAYS_RU_BY = (
    "к понедельнику",
    "ко вторнику",
    "к среде",
    "к четвергу",
    "к пятнице",
    "к субботе",
    "к воскресенью",
)
# (on, by) for the reply day, the day after and the day before.
_RELATIVE = {
    "ru": {0: ("сегодня", "до конца дня"), 1: ("завтра", "к завтрашнему дню"), -1: ("вчера", "")},
    "en": {
        0: ("today", "by the end of today"),
        1: ("tomorrow", "by tomorrow"),
        -1: ("yesterday", ""),
    },
}


def when_date(
    d: date | str,
    reply_date: date | str,
    locale: str | Locale = "ru",
    by: bool = False,
    *,
    with_date: bool = False,
    capital: bool = False,
) -> str:
    """A date as people write it in a chat, a public reply or an e-mail, relative to *reply_date*.

    The result is an adverbial that fits "We will call you …" / «Мы позвоним …»:

    ==================  ==============  =====================  ========================
    the date is         en, on          en, ``by=True``        ru (on / ``by=True``)
    ==================  ==============  =====================  ========================
    the reply day       today           by the end of today    сегодня / до конца дня
    the next day        tomorrow        by tomorrow            завтра / к завтрашнему дню
    the day before      yesterday       by 27 October          вчера / к 27 октября
    2–6 days ahead      on Friday       by Friday              в пятницу / к пятнице
    later, same year    on 14 November  by 14 November         14 ноября / к 14 ноября
    another year        on 14 January   by 14 January 2027     14 января 2027 г. /
                        2027                                   к 14 января 2027 г.
    ==================  ==============  =====================  ========================

    en-US writes "on November 14" and "on January 14, 2027". Seven days or
    more ahead is a date, not "next Friday", which readers take two ways; a
    past date other than yesterday is a date too, because "on Tuesday" does
    not say which Tuesday. *with_date* adds the date to a relative word
    ("tomorrow, 29 October", "on Friday 30 October", en-US "on Friday,
    October 30", «в пятницу, 30 октября»); *capital* starts with a capital
    letter, for the start of a sentence.
    """
    loc = get_locale(locale)
    day, today = _as_date(d), _as_date(reply_date)
    offset = (day - today).days
    dated = short_date(day, today, loc)
    phrase = ""
    relative = _RELATIVE[loc.language].get(offset)
    if relative is not None:
        phrase = relative[1] if by else relative[0]
        if phrase and with_date:
            phrase = f"{phrase}, {dated}"
    elif 2 <= offset <= 6:
        weekday = day.weekday()
        if loc.language == "ru":
            phrase = (_WEEKDAYS_RU_BY if by else _WEEKDAYS_RU_ON)[weekday]
            if with_date:
                phrase = f"{phrase}, {dated}"
        else:
            phrase = f"{'by' if by else 'on'} {_WEEKDAYS_EN[weekday]}"
            if with_date:
                phrase = f"{phrase}, {dated}" if loc.is_us else f"{phrase} {dated}"
    if not phrase:
        if loc.language == "ru":
            phrase = f"к {dated}" if by else dated
        else:
            phrase = f"{'by' if by else 'on'} {dated}"
    return phrase[0].upper() + phrase[1:] if capital else phrase


#: Jinja filters from this module, by name (registered by the filter registry).
FILTERS: dict[str, Callable[..., Any]] = {
    "letter_date": letter_date,
    "short_date": short_date,
    "when_date": when_date,
}
