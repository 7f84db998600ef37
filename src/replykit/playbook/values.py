"""Field types: turn what a person typed (or a file held) into a typed answer.

Parsing is forgiving where people are — dates ``2026-11-22`` and
``22.11.2026``, money ``125 000,50`` and ``125 000 ₽``, booleans ``да``/``no``,
a choice by value, label or number — and strict about what it accepts.
Every rejection carries a message in English and Russian, so the interactive
walk can ask again in the letter's language.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from replykit import limits
from replykit.errors import PlaybookError, RenderError
from replykit.lang import parse_date, parse_money
from replykit.limits import MAX_ANSWER_CHARS, render_limits
from replykit.playbook.model import Field

_TRUE = {"yes", "y", "true", "1", "on", "да", "д", "ага"}
_FALSE = {"no", "n", "false", "0", "off", "нет", "н"}
_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE_RE = re.compile(r"^\+?[\d\s().-]+(?:\s*(?:доб\.|ext\.?|x)\s*\d+)?$", re.IGNORECASE)
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_PERSON_RE = re.compile(r"^[^\W\d_]+(?:[-'’.][^\W\d_]*)*\.?$")


class FieldValueError(ValueError):
    """An answer does not fit its field; the message exists in English and Russian."""

    def __init__(self, en: str, ru: str) -> None:
        super().__init__(en)
        self.en = en
        self.ru = ru

    def text(self, lang: str) -> str:
        """The message in ``lang``."""
        return self.ru if lang == "ru" else self.en


def _text(raw: Any, fld: Field) -> str:
    if isinstance(raw, bool | list | dict):
        raise FieldValueError("expected text", "ожидается текст")
    value = str(raw).strip()
    if fld.type != "longtext":
        value = " ".join(value.split())
    if len(value) > MAX_ANSWER_CHARS:
        raise FieldValueError(
            f"too long: {len(value)} characters, at most {MAX_ANSWER_CHARS}",
            f"слишком длинно: {len(value)} символов, не больше {MAX_ANSWER_CHARS}",
        )
    if fld.min is not None and len(value) < int(fld.min):
        raise FieldValueError(
            f"too short: at least {fld.min} characters",
            f"слишком коротко: не меньше {fld.min} символов",
        )
    if fld.max is not None and len(value) > int(fld.max):
        raise FieldValueError(
            f"too long: at most {fld.max} characters",
            f"слишком длинно: не больше {fld.max} символов",
        )
    if fld.pattern and not _matches(fld, value):
        raise FieldValueError(
            f"does not match the expected form {fld.pattern}",
            f"не соответствует ожидаемому виду {fld.pattern}",
        )
    return value


def _matches(fld: Field, value: str) -> bool:
    """``fld.pattern`` matches all of ``value``, or PlaybookError if the pattern never ends."""
    assert fld.pattern is not None
    try:
        with render_limits(f"field '{fld.name}' pattern"):
            return re.fullmatch(fld.pattern, value) is not None
    except RenderError as err:  # catastrophic backtracking, e.g. (a+)+$ on "aaaa…!"
        raise PlaybookError(
            f"field '{fld.name}': the pattern {fld.pattern!r} ran past "
            f"{limits.MAX_RENDER_SECONDS:.0f} s on a {len(value)}-character answer and was stopped",
            hint="Rewrite the pattern without nested repetition such as (a+)+.",
        ) from err


def _choice(raw: Any, fld: Field) -> str:
    text = str(raw).strip()
    values = fld.choice_values()
    if text in values:
        return text
    folded = text.casefold()
    for choice in fld.choices:
        if choice.value.casefold() == folded or any(
            label.casefold() == folded for label in choice.labels.values()
        ):
            return choice.value
    if text.isdigit() and 1 <= int(text) <= len(values):
        return values[int(text) - 1]
    allowed = ", ".join(values)
    raise FieldValueError(
        f"'{text}' is not one of: {allowed}", f"«{text}» — нет среди вариантов: {allowed}"
    )


def _multichoice(raw: Any, fld: Field) -> list[str]:
    items = raw if isinstance(raw, list) else [p for p in re.split(r"[,;]", str(raw)) if p.strip()]
    result: list[str] = []
    for item in items:
        value = _choice(item, fld)
        if value not in result:
            result.append(value)
    return result


def _bool(raw: Any, fld: Field) -> bool:
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().casefold()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise FieldValueError(f"'{raw}' is not yes or no", f"«{raw}» — ответьте «да» или «нет»")


def _int(raw: Any, fld: Field) -> int:
    if isinstance(raw, bool):
        raise FieldValueError("expected a whole number", "ожидается целое число")
    if isinstance(raw, int):
        value = raw
    else:
        text = re.sub(r"[\s\u00a0\u202f]", "", str(raw))
        if not re.fullmatch(r"[+-]?\d{1,18}", text):
            raise FieldValueError(f"'{raw}' is not a whole number", f"«{raw}» — не целое число")
        value = int(text)
    if fld.min is not None and value < int(fld.min):
        raise FieldValueError(f"must be at least {fld.min}", f"должно быть не меньше {fld.min}")
    if fld.max is not None and value > int(fld.max):
        raise FieldValueError(f"must be at most {fld.max}", f"должно быть не больше {fld.max}")
    return value


def _money(raw: Any, fld: Field) -> Decimal:
    if isinstance(raw, bool):
        raise FieldValueError("expected an amount", "ожидается сумма")
    if isinstance(raw, float):  # YAML/JSON numbers: go through text so 0.1 stays 0.1
        raw = repr(raw)
    try:
        value = raw if isinstance(raw, Decimal) else parse_money(str(raw))
    except ValueError as err:
        raise FieldValueError(
            f"'{raw}' is not an amount (write e.g. 125 000,50 or 125000.50)",
            f"«{raw}» — не сумма (напишите, например, 125 000,50)",
        ) from err
    if value < 0:
        raise FieldValueError("an amount cannot be negative", "сумма не может быть отрицательной")
    if fld.min is not None and value < Decimal(str(fld.min)):
        raise FieldValueError(f"must be at least {fld.min}", f"должно быть не меньше {fld.min}")
    if fld.max is not None and value > Decimal(str(fld.max)):
        raise FieldValueError(f"must be at most {fld.max}", f"должно быть не больше {fld.max}")
    return value


def _date(raw: Any, fld: Field) -> date:
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    try:
        return parse_date(str(raw).strip())
    except ValueError as err:
        raise FieldValueError(
            f"'{raw}' is not a date (write 2026-11-22 or 22.11.2026)",
            f"«{raw}» — не дата (напишите 22.11.2026 или 2026-11-22)",
        ) from err


def _email(raw: Any, fld: Field) -> str:
    text = str(raw).strip()
    if not _EMAIL_RE.match(text):
        raise FieldValueError(
            f"'{text}' is not an e-mail address", f"«{text}» — не адрес электронной почты"
        )
    return text


def _phone(raw: Any, fld: Field) -> str:
    text = " ".join(str(raw).split())
    digits = re.sub(r"\D", "", text)
    if not _PHONE_RE.match(text) or not 5 <= len(digits) <= 20:
        raise FieldValueError(f"'{text}' is not a phone number", f"«{text}» — не номер телефона")
    return text


def _person(raw: Any, fld: Field) -> str:
    text = " ".join(str(raw).split())
    words = text.split()
    if not 1 <= len(words) <= 5 or not all(_PERSON_RE.match(w) for w in words):
        raise FieldValueError(
            f"'{text}' does not look like a person's name",
            f"«{text}» — не похоже на имя человека",
        )
    return text


def _list(raw: Any, fld: Field) -> list[Any]:
    if isinstance(raw, str):
        stripped = raw.strip()
        if stripped.startswith("["):
            try:
                raw = json.loads(stripped)
            except json.JSONDecodeError as err:
                raise FieldValueError(
                    f"not a JSON list: {err.msg}", f"не список JSON: {err.msg}"
                ) from err
        else:
            raw = [line for line in stripped.splitlines() if line.strip()]
    if not isinstance(raw, list):
        raise FieldValueError("expected a list", "ожидается список")
    if fld.is_record_list:
        return [parse_record(item, fld, index) for index, item in enumerate(raw, start=1)]
    return [_text(item, fld) for item in raw if str(item).strip()]


def parse_record(item: Any, fld: Field, index: int) -> dict[str, Any]:
    """One item of a record list: a mapping whose keys are the item fields."""
    if not isinstance(item, Mapping):
        raise FieldValueError(
            f"item {index} must be a mapping of {', '.join(f.name for f in fld.item_fields)}",
            f"элемент {index} должен содержать поля {', '.join(f.name for f in fld.item_fields)}",
        )
    known = {f.name for f in fld.item_fields}
    unknown = [str(k) for k in item if k not in known]
    if unknown:
        raise FieldValueError(
            f"item {index}: unknown field '{unknown[0]}'; allowed: {', '.join(sorted(known))}",
            f"элемент {index}: неизвестное поле «{unknown[0]}»; "
            f"допустимы: {', '.join(sorted(known))}",
        )
    record: dict[str, Any] = {}
    for sub in fld.item_fields:
        value = item.get(sub.name)
        if value is None or (isinstance(value, str) and not value.strip()):
            if sub.default is not None:
                value = sub.default
            elif sub.required:
                raise FieldValueError(
                    f"item {index}: '{sub.name}' is missing",
                    f"элемент {index}: не заполнено «{sub.name}»",
                )
            else:
                record[sub.name] = None
                continue
        try:
            record[sub.name] = parse_value(sub, value)
        except FieldValueError as err:
            raise FieldValueError(
                f"item {index}, {sub.name}: {err.en}", f"элемент {index}, {sub.name}: {err.ru}"
            ) from err
    return record


_PARSERS: dict[str, Callable[[Any, Field], Any]] = {
    "text": _text,
    "longtext": _text,
    "choice": _choice,
    "multichoice": _multichoice,
    "bool": _bool,
    "int": _int,
    "money": _money,
    "date": _date,
    "email": _email,
    "phone": _phone,
    "person": _person,
    "list": _list,
}


def is_blank(raw: Any) -> bool:
    """True when ``raw`` holds no answer at all (None, empty or blank text, empty list)."""
    if raw is None:
        return True
    if isinstance(raw, str):
        return not raw.strip()
    return isinstance(raw, list | dict) and not raw


def parse_value(fld: Field, raw: Any) -> Any:
    """Turn ``raw`` into the typed value ``fld`` expects; raise FieldValueError if it does not fit.

    Control characters (other than line breaks and tabs) are dropped from text first: they
    have no place in a letter, and the renderer uses some of them as invisible marks.
    """
    if isinstance(raw, str):
        raw = _CONTROL_CHARS.sub("", raw.replace("\r\n", "\n"))
    return _PARSERS[fld.type](raw, fld)


def format_value(fld: Field, value: Any, lang: str) -> str:
    """A typed value as a person would type it (for defaults shown in prompts and summaries)."""
    if value is None:
        return ""
    if fld.type == "bool":
        return ("да" if value else "нет") if lang == "ru" else ("yes" if value else "no")
    if fld.type == "date" and isinstance(value, date):
        return value.strftime("%d.%m.%Y") if lang == "ru" else value.isoformat()
    if fld.type == "multichoice" and isinstance(value, list):
        return ", ".join(value)
    if fld.type == "list" and isinstance(value, list):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def to_plain(value: Any) -> Any:
    """A typed answer as JSON/YAML-ready data: dates as ISO text, money as text."""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return [to_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: to_plain(v) for k, v in value.items()}
    return value
