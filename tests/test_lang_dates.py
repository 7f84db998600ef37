"""Dates in letters, date parsing and deadlines (replykit.lang.dates)."""

from __future__ import annotations

from datetime import date

import pytest

from replykit.lang.dates import DateStyle, add_days, format_date, parse_date


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
