"""Dates in letters, date parsing and deadlines (replykit.lang.dates)."""

from __future__ import annotations

from datetime import date

import pytest

from replykit.lang.dates import FILTERS as DATE_FILTERS
from replykit.lang.dates import (
    DateStyle,
    add_days,
    format_date,
    letter_date,
    parse_date,
    short_date,
    when_date,
)


@pytest.mark.parametrize(
    ("d", "lang", "style", "expected"),
    [
        (date(2026, 11, 22), "ru", "long", "22 ноября 2026 г."),
        (date(2026, 5, 1), "ru", "long", "1 мая 2026 г."),
        (date(2026, 3, 8), "ru-RU", "long", "8 марта 2026 г."),
        (date(2026, 11, 22), "ru", "numeric", "22.11.2026"),
        (date(2026, 1, 5), "ru", "numeric", "05.01.2026"),
        (date(2026, 11, 22), "en", "long", "22 November 2026"),
        (date(2026, 5, 1), "en_GB", "long", "1 May 2026"),
        (date(2026, 11, 22), "en", "numeric", "2026-11-22"),
    ],
    ids=[
        "ru long",
        "ru genitive month",
        "ru-RU",
        "ru numeric",
        "ru leading zeros",
        "en long",
        "en_GB",
        "en ISO",
    ],
)
def test_format_date(d: date, lang: str, style: DateStyle, expected: str) -> None:
    assert format_date(d, lang, style) == expected


def test_format_date_uses_plain_spaces() -> None:
    assert "\u202f" not in format_date(date(2026, 11, 22), "ru")
    assert "\u00a0" not in format_date(date(2026, 11, 22), "ru")


@pytest.mark.parametrize(
    ("lang", "style", "message"),
    [("de", "long", "unsupported language 'de'"), ("ru", "short", "unknown date style 'short'")],
    ids=["language", "style"],
)
def test_format_date_rejects(lang: str, style: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        format_date(date(2026, 11, 22), lang, style)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-22", date(2026, 11, 22)),
        ("22.11.2026", date(2026, 11, 22)),
        ("22/11/2026", date(2026, 11, 22)),
        ("1.5.2026", date(2026, 5, 1)),
        (" 22.11.2026 г. ", date(2026, 11, 22)),
        ("29.02.2028", date(2028, 2, 29)),
    ],
    ids=["ISO", "dots", "slashes", "no leading zeros", "with г.", "leap day"],
)
def test_parse_date(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "31.02.2026",
        "29.02.2026",
        "2026-13-01",
        "22.11.26",
        "22-11-2026",
        "22.11/2026",
        "завтра",
        "",
    ],
    ids=[
        "31 February",
        "not a leap year",
        "month 13",
        "two-digit year",
        "dashes day first",
        "mixed marks",
        "word",
        "empty",
    ],
)
def test_parse_date_rejects(text: str) -> None:
    with pytest.raises(ValueError, match="is not a date"):
        parse_date(text)


@pytest.mark.parametrize(
    ("start", "n", "working", "expected"),
    [
        (date(2026, 11, 22), 10, False, date(2026, 12, 2)),
        (date(2026, 12, 25), 10, False, date(2027, 1, 4)),
        (date(2026, 11, 20), 1, True, date(2026, 11, 23)),
        (date(2026, 11, 16), 10, True, date(2026, 11, 30)),
        (date(2026, 11, 21), 1, True, date(2026, 11, 23)),
        (date(2026, 11, 21), 0, True, date(2026, 11, 21)),
        (date(2026, 11, 23), -1, True, date(2026, 11, 20)),
        (date(2026, 11, 22), -3, False, date(2026, 11, 19)),
    ],
    ids=[
        "calendar",
        "over new year",
        "Friday + 1 working = Monday",
        "Monday + 10 working = Monday two weeks on",
        "Saturday + 1 working = Monday",
        "zero working days",
        "back one working day",
        "back three days",
    ],
)
def test_add_days(start: date, n: int, working: bool, expected: date) -> None:
    assert add_days(start, n, working) == expected


# The reply is written on Wednesday 28 October 2026.
REPLY = date(2026, 10, 28)


@pytest.mark.parametrize(
    ("d", "locale", "expected"),
    [
        (date(2026, 10, 28), "ru", "28 октября 2026 г."),
        (date(2026, 10, 28), "en", "28 October 2026"),
        (date(2026, 10, 28), "en-GB", "28 October 2026"),
        (date(2026, 10, 28), "en-US", "October 28, 2026"),
        (date(2026, 5, 1), "en-US", "May 1, 2026"),
        ("2026-03-08", "ru-RU", "8 марта 2026 г."),
    ],
)
def test_letter_date(d: date | str, locale: str, expected: str) -> None:
    assert letter_date(d, locale) == expected


@pytest.mark.parametrize("d", [date(2026, 11, 22), date(2026, 5, 1), date(2027, 1, 9)])
@pytest.mark.parametrize("lang", ["ru", "en"])
def test_letter_date_keeps_format_date_output(d: date, lang: str) -> None:
    assert letter_date(d, lang) == format_date(d, lang, "long")


@pytest.mark.parametrize(
    ("d", "locale", "expected"),
    [
        (date(2026, 11, 14), "ru", "14 ноября"),
        (date(2026, 11, 14), "en-GB", "14 November"),
        (date(2026, 11, 14), "en-US", "November 14"),
        (date(2027, 1, 14), "ru", "14 января 2027 г."),
        (date(2027, 1, 14), "en-GB", "14 January 2027"),
        (date(2027, 1, 14), "en-US", "January 14, 2027"),
        (date(2025, 12, 30), "en-GB", "30 December 2025"),
    ],
)
def test_short_date(d: date, locale: str, expected: str) -> None:
    assert short_date(d, REPLY, locale) == expected


WHEN = [
    # (date, locale, by, expected)
    (date(2026, 10, 28), "en-GB", False, "today"),
    (date(2026, 10, 28), "en-GB", True, "by the end of today"),
    (date(2026, 10, 29), "en-GB", False, "tomorrow"),
    (date(2026, 10, 29), "en-US", True, "by tomorrow"),
    (date(2026, 10, 27), "en-GB", False, "yesterday"),
    (date(2026, 10, 27), "en-GB", True, "by 27 October"),
    (date(2026, 10, 30), "en-GB", False, "on Friday"),
    (date(2026, 10, 30), "en-US", True, "by Friday"),
    (date(2026, 11, 2), "en-GB", False, "on Monday"),
    (date(2026, 11, 3), "en-GB", False, "on Tuesday"),
    (date(2026, 11, 4), "en-GB", False, "on 4 November"),
    (date(2026, 11, 4), "en-US", False, "on November 4"),
    (date(2026, 11, 14), "en-GB", True, "by 14 November"),
    (date(2026, 10, 20), "en-GB", False, "on 20 October"),
    (date(2027, 1, 14), "en-GB", False, "on 14 January 2027"),
    (date(2027, 1, 14), "en-US", True, "by January 14, 2027"),
    (date(2026, 10, 28), "ru", False, "сегодня"),
    (date(2026, 10, 28), "ru", True, "до конца дня"),
    (date(2026, 10, 29), "ru", False, "завтра"),
    (date(2026, 10, 29), "ru", True, "к завтрашнему дню"),
    (date(2026, 10, 27), "ru", False, "вчера"),
    (date(2026, 10, 27), "ru", True, "к 27 октября"),
    (date(2026, 10, 30), "ru", False, "в пятницу"),
    (date(2026, 10, 30), "ru", True, "к пятнице"),
    (date(2026, 10, 31), "ru", False, "в субботу"),
    (date(2026, 10, 31), "ru", True, "к субботе"),
    (date(2026, 11, 1), "ru", False, "в воскресенье"),
    (date(2026, 11, 1), "ru", True, "к воскресенью"),
    (date(2026, 11, 2), "ru", False, "в понедельник"),
    (date(2026, 11, 2), "ru", True, "к понедельнику"),
    (date(2026, 11, 3), "ru", False, "во вторник"),
    (date(2026, 11, 3), "ru", True, "ко вторнику"),
    (date(2026, 11, 4), "ru", False, "4 ноября"),
    (date(2026, 11, 4), "ru", True, "к 4 ноября"),
    (date(2027, 1, 14), "ru", False, "14 января 2027 г."),
    (date(2027, 1, 14), "ru", True, "к 14 января 2027 г."),
]


@pytest.mark.parametrize(("d", "locale", "by", "expected"), WHEN, ids=[w[3] for w in WHEN])
def test_when_date(d: date, locale: str, by: bool, expected: str) -> None:
    assert when_date(d, REPLY, locale, by=by) == expected


@pytest.mark.parametrize(
    ("reply", "d", "expected"),
    [
        (date(2026, 10, 29), date(2026, 11, 4), "в среду"),  # Thursday → next Wednesday
        (date(2026, 10, 29), date(2026, 10, 31), "в субботу"),
        (date(2026, 12, 30), date(2027, 1, 1), "в пятницу"),  # a weekday across the new year
        (date(2026, 12, 31), date(2027, 1, 1), "завтра"),
        (date(2026, 12, 20), date(2027, 1, 1), "1 января 2027 г."),
    ],
)
def test_when_date_other_reply_days(reply: date, d: date, expected: str) -> None:
    assert when_date(d, reply, "ru") == expected


@pytest.mark.parametrize(
    ("d", "locale", "by", "expected"),
    [
        (date(2026, 10, 29), "en-GB", False, "tomorrow, 29 October"),
        (date(2026, 10, 29), "en-US", False, "tomorrow, October 29"),
        (date(2026, 10, 30), "en-GB", False, "on Friday 30 October"),
        (date(2026, 10, 30), "en-US", True, "by Friday, October 30"),
        (date(2026, 10, 29), "ru", False, "завтра, 29 октября"),
        (date(2026, 10, 30), "ru", True, "к пятнице, 30 октября"),
        (date(2026, 11, 14), "ru", False, "14 ноября"),
        (date(2026, 11, 14), "en-GB", False, "on 14 November"),
    ],
)
def test_when_date_with_date(d: date, locale: str, by: bool, expected: str) -> None:
    assert when_date(d, REPLY, locale, by=by, with_date=True) == expected


@pytest.mark.parametrize(
    ("d", "locale", "expected"),
    [
        (date(2026, 10, 28), "ru", "Сегодня"),
        (date(2026, 10, 30), "ru", "В пятницу"),
        (date(2026, 11, 14), "en-US", "On November 14"),
    ],
)
def test_when_date_capital(d: date, locale: str, expected: str) -> None:
    assert when_date(d, REPLY, locale, capital=True) == expected


def test_when_date_takes_text_dates_and_rejects_bad_locale() -> None:
    assert when_date("30.10.2026", "2026-10-28", "en") == "on Friday"
    with pytest.raises(ValueError, match="unknown locale 'de'"):
        when_date(REPLY, REPLY, "de")


def test_date_filters() -> None:
    assert set(DATE_FILTERS) == {"letter_date", "short_date", "when_date"}
    assert DATE_FILTERS["when_date"](date(2026, 10, 30), REPLY, "ru", True) == "к пятнице"
