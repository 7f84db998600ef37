"""Dates as formal letters write them, date parsing, and deadlines.

babel is imported on first use, so importing this module is cheap.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from functools import lru_cache
from typing import Literal

__all__ = ["DateStyle", "add_days", "format_date", "normalise_lang", "parse_date"]

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
