"""Facts a received message states: order, contract, invoice and claim numbers, amounts,
dates, INN/OGRN and demands — each in the order the text gives it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class Amount:
    """An amount of money the message names, with its currency code when it says one."""

    value: Decimal
    currency: str


@dataclass(frozen=True)
class Facts:
    """What the text of a message states, each in the order it appears."""

    orders: tuple[str, ...] = ()
    contracts: tuple[str, ...] = ()
    invoices: tuple[str, ...] = ()
    claims: tuple[str, ...] = ()
    amounts: tuple[Amount, ...] = ()
    dates: tuple[date, ...] = ()
    inn: tuple[str, ...] = ()
    ogrn: tuple[str, ...] = ()
    demands: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, list[str]]:
        """JSON-ready: every non-empty kind as a list of text."""
        data: dict[str, list[str]] = {}
        for name in self.__dataclass_fields__:
            items = getattr(self, name)
            if items:
                data[name] = [
                    f"{i.value} {i.currency}".strip() if isinstance(i, Amount) else str(i)
                    for i in items
                ]
        return data


_NUMBER = r"(?:№|#|N|No\.?|nr\.?|номер|number)?\s*:?\s*([A-Za-zА-Яа-яЁё]{0,6}[-/]?\d[\w/-]*)"
_ORDER = re.compile(r"(?<!\w)(?:заказ[а-я]*|order)\s*" + _NUMBER, re.IGNORECASE)
_SIGNED = r"\s*(?:№|#|N|No\.?|номер|number)\s*:?\s*([A-Za-zА-Яа-яЁё]{0,6}[-/]?\d[\w/-]*)"
_CONTRACT = re.compile(r"(?<!\w)(?:договор[а-я]*|contract|agreement)" + _SIGNED, re.IGNORECASE)
_INVOICE = re.compile(
    r"(?<!\w)(?:сч[её]т[а-я]*(?:[- ]фактур[а-я]*)?|invoice)" + _SIGNED, re.IGNORECASE
)
_CLAIM = re.compile(
    r"(?<!\w)(?:претензи[а-я]*|обращени[а-я]*|заявк[а-я]*|claim|ticket|case|complaint)" + _SIGNED,
    re.IGNORECASE,
)
_INN = re.compile(r"(?<!\w)ИНН\s*:?\s*(\d{12}|\d{10})(?!\d)")
_OGRN = re.compile(r"(?<!\w)ОГРН(?:ИП)?\s*:?\s*(\d{15}|\d{13})(?!\d)")
_AMOUNT_AFTER = re.compile(
    r"(?<![\d.,])(\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:[.,](\d{1,2}))?(?![\d])\s*"
    r"(руб(?:л[а-я]*|\.)?|р\.|₽|rub|rur|usd|eur|\$|€|долл(?:ар[а-я]*|\.)?|евро|dollars?|euros?)",
    re.IGNORECASE,
)
_AMOUNT_BEFORE = re.compile(r"([$€₽])\s?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?(?!\d)")
_CURRENCIES = {"$": "USD", "€": "EUR", "₽": "RUB", "rub": "RUB", "rur": "RUB", "usd": "USD"}
_RU_MONTHS = (
    "январ",
    "феврал",
    "март",
    "апрел",
    "ма",
    "июн",
    "июл",
    "август",
    "сентябр",
    "октябр",
    "ноябр",
    "декабр",
)
_EN_MONTHS = (
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "oct",
    "nov",
    "dec",
)
_DATE_NUMERIC = re.compile(
    r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})(?![\d])|(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)"
)
_DATE_RU = re.compile(
    r"(?<!\d)(\d{1,2})\s+(января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|"
    r"ноября|декабря)(?:\s+(\d{4}))?",
    re.IGNORECASE,
)
_DATE_EN = re.compile(
    r"(?:(?<!\d)(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})|([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4}))"
)
_DEMAND = re.compile(
    r"(?<!\w)(?:требую|требуем|прошу|просим|верните|вернуть|возместить|компенсировать|"
    r"i demand|we demand|i request|i want|i expect|please refund|refund me|i insist)",
    re.IGNORECASE,
)


def _money_currency(word: str) -> str:
    low = word.lower()
    if low in _CURRENCIES:
        return _CURRENCIES[low]
    if low.startswith(("руб", "р.")):
        return "RUB"
    if low.startswith(("долл", "dollar")):
        return "USD"
    if low.startswith(("евро", "euro", "eur", "€")):
        return "EUR"
    return ""


def _unique(items: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(item.rstrip(".,;:)/-") for item in items if item))


def _valid_date(year: int, month: int, day: int) -> date | None:
    if year < 100:
        year += 2000
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _dates(text: str) -> tuple[date, ...]:
    found: list[tuple[int, date]] = []
    for match in _DATE_NUMERIC.finditer(text):
        if match.group(1):
            day, month, year = int(match.group(1)), int(match.group(2)), int(match.group(3))
        else:
            year, month, day = int(match.group(4)), int(match.group(5)), int(match.group(6))
        value = _valid_date(year, month, day)
        if value:
            found.append((match.start(), value))
    for match in _DATE_RU.finditer(text):
        if not match.group(3):
            continue  # «5 марта» without a year: which year is a guess
        word = match.group(2).lower()
        month = next(i for i, stem in enumerate(_RU_MONTHS, 1) if word.startswith(stem))
        value = _valid_date(int(match.group(3)), month, int(match.group(1)))
        if value:
            found.append((match.start(), value))
    for match in _DATE_EN.finditer(text):
        if match.group(1):
            day_text, word, year_text = match.group(1), match.group(2), match.group(3)
        else:
            word, day_text, year_text = match.group(4), match.group(5), match.group(6)
        key = word[:3].lower()
        if key not in _EN_MONTHS:
            continue
        value = _valid_date(int(year_text), _EN_MONTHS.index(key) + 1, int(day_text))
        if value:
            found.append((match.start(), value))
    return tuple(dict.fromkeys(value for _start, value in sorted(found)))


def _amounts(text: str) -> tuple[Amount, ...]:
    found: list[tuple[int, Amount]] = []
    for match in _AMOUNT_AFTER.finditer(text):
        whole = re.sub(r"[ \u00a0\u202f]", "", match.group(1))
        value = Decimal(f"{whole}.{match.group(2)}" if match.group(2) else whole)
        found.append((match.start(), Amount(value, _money_currency(match.group(3)))))
    for match in _AMOUNT_BEFORE.finditer(text):
        whole = match.group(2).replace(",", "")
        value = Decimal(f"{whole}.{match.group(3)}" if match.group(3) else whole)
        found.append((match.start(), Amount(value, _CURRENCIES[match.group(1)])))
    return tuple(dict.fromkeys(amount for _start, amount in sorted(found, key=lambda x: x[0])))


def _sentences_with(pattern: re.Pattern[str], text: str) -> tuple[str, ...]:
    sentences = re.split(r"(?<=[.!?])\s+|\n+", text)
    return tuple(s.strip()[:300] for s in sentences if pattern.search(s) and len(s.strip()) > 5)


def extract_facts(text: str) -> Facts:
    """Order, contract, invoice and claim numbers, amounts, dates, INN/OGRN and demands."""
    dates_as_numbers = {m.group(0) for m in _DATE_NUMERIC.finditer(text)}

    def numbers(pattern: re.Pattern[str]) -> tuple[str, ...]:
        return _unique(
            [m.group(1) for m in pattern.finditer(text) if m.group(1) not in dates_as_numbers]
        )

    return Facts(
        orders=tuple(n for n in numbers(_ORDER) if sum(c.isdigit() for c in n) >= 3),
        contracts=numbers(_CONTRACT),
        invoices=numbers(_INVOICE),
        claims=numbers(_CLAIM),
        amounts=_amounts(text),
        dates=_dates(text),
        inn=_unique(_INN.findall(text)),
        ogrn=_unique(_OGRN.findall(text)),
        demands=_sentences_with(_DEMAND, text),
    )
