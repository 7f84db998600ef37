"""Money shared by both languages: a forgiving parser and digit grouping.

Money is :class:`decimal.Decimal` throughout, never ``float``; amounts are
rounded to whole kopecks/cents (half up) before they are printed.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

__all__ = ["CENT", "as_money", "group_thousands", "parse_money", "split_money"]

CENT = Decimal("0.01")

# Currency marks allowed before or after the figures; compared lower-cased,
# with the spaces inside them removed.
_CURRENCY_MARKS = frozenset(
    {
        "₽",
        "р",
        "р.",
        "руб",
        "руб.",
        "рубль",
        "рубля",
        "рублей",
        "rub",
        "rur",
        "$",
        "us$",
        "usd",
        "долл.",
        "долл.сша",
        "€",
        "eur",
        "евро",
        "£",
        "gbp",
    }
)
# Every kind of space people and spreadsheets put between thousands.
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009\u2007']+")
_FIGURES = re.compile(r"\d[\d\s\u00a0\u202f\u2009\u2007'.,]*")
_GROUPED = re.compile(r"[1-9]\d{0,2}(?:[.,]\d{3})+")


def parse_money(text: str) -> Decimal:
    """Read an amount such as ``125 000,50``, ``125 000 руб.`` or ``USD 1,250.00``.

    Spaces (plain, no-break, thin) and apostrophes group thousands. With both
    ``,`` and ``.`` present the last one is the decimal mark. With one kind of
    mark only, a mark followed by exactly three digits groups thousands
    (``1,250`` is 1250) and one followed by one or two digits is the decimal
    mark (``125000,50``); money never has three decimal places.

    Raises :class:`ValueError` with a message meant for a person.
    """
    raw = text.strip()
    if not raw:
        raise ValueError("the amount is empty: write it in figures, e.g. 125 000,50")
    found = _FIGURES.search(raw)
    if found is None:
        raise ValueError(f"{raw!r} is not an amount of money: write it in figures, e.g. 125 000,50")
    before, after = raw[: found.start()], raw[found.end() :]
    # A dot or comma right after the figures ends a sentence, it is not a decimal mark.
    figures = _SPACES.sub("", found.group()).rstrip(".,")
    for mark in (before, after):
        squeezed = _SPACES.sub("", mark).lower()
        if squeezed.startswith("-") or squeezed.endswith("-"):
            raise ValueError(f"{raw!r}: an amount of money cannot be negative")
        if squeezed and squeezed not in _CURRENCY_MARKS:
            raise ValueError(
                f"{raw!r} is not an amount of money: {mark.strip()!r} is not a currency "
                "(write e.g. 125 000,50 руб. or USD 1,250.00)"
            )
    return _read_figures(figures, raw)


def _read_figures(figures: str, raw: str) -> Decimal:
    """Turn digits with ``.``/``,`` marks into a Decimal rounded to kopecks."""
    if "," in figures and "." in figures:
        decimal_mark = "," if figures.rfind(",") > figures.rfind(".") else "."
        whole, _, fraction = figures.rpartition(decimal_mark)
        if not _GROUPED.fullmatch(whole) and not whole.isdigit():
            raise ValueError(f"{raw!r}: the thousands are not grouped by three")
        whole = whole.replace(",", "").replace(".", "")
    elif _GROUPED.fullmatch(figures) and len({c for c in figures if c in ".,"}) == 1:
        whole, fraction = figures.replace(",", "").replace(".", ""), ""
    else:
        whole, _, fraction = figures.replace(",", ".").partition(".")
    if not whole.isdigit() or (fraction and not fraction.isdigit()):
        raise ValueError(f"{raw!r} is not an amount of money: write it like 125 000,50")
    if len(fraction) > 2:
        raise ValueError(f"{raw!r}: an amount has at most two digits after the decimal mark")
    try:
        return Decimal(f"{whole}.{fraction or '0'}").quantize(CENT)
    except InvalidOperation as err:  # pragma: no cover - guarded by the checks above
        raise ValueError(f"{raw!r} is not an amount of money") from err


def as_money(amount: Decimal | int | str) -> Decimal:
    """Coerce an amount to a Decimal rounded half up to kopecks/cents.

    Strings go through :func:`parse_money`; ``float`` is refused because it
    cannot hold kopecks exactly.
    """
    if isinstance(amount, bool | float):
        raise TypeError("money must be a Decimal, an int or a string, not float or bool")
    if isinstance(amount, str):
        return parse_money(amount)
    value = Decimal(amount)
    if not value.is_finite():
        raise ValueError(f"{amount!r} is not an amount of money")
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def split_money(amount: Decimal) -> tuple[int, int]:
    """Split a non-negative amount into whole units and hundredths: 125000.5 → (125000, 50)."""
    if amount < 0:
        raise ValueError(f"{amount}: an amount in words cannot be negative")
    cents = int(amount.quantize(CENT, rounding=ROUND_HALF_UP) * 100)
    return divmod(cents, 100)


def group_thousands(units: int, separator: str) -> str:
    """Write a whole number with a thousands separator: ``group_thousands(125000, " ")``."""
    return f"{units:,}".replace(",", separator)
