"""Language-neutral Jinja filters that fit a person's answer into a letter's sentence."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

_END_PUNCTUATION = (".", "!", "?", "…", ":")


def sentence(text: Any) -> str:
    """An answer as a whole sentence: first letter capitalised, final full stop ensured."""
    value = " ".join(str(text).split())
    if not value:
        return ""
    value = value[0].upper() + value[1:]
    if value.endswith(_END_PUNCTUATION) or value.endswith((".»", '."', ".)")):
        return value
    return value + "."


# Words whose full stop belongs to them, not to the sentence: «г.», «руб.», an initial «П.».
_ABBREVIATIONS = frozenset(
    [
        "г",
        "гг",
        "руб",
        "коп",
        "долл",
        "тыс",
        "млн",
        "млрд",
        "д",
        "кв",
        "ул",
        "пр",
        "пер",
        "корп",
        "стр",
        "обл",
        "экз",
        "л",
        "с",
        "см",
        "т",
        "п",
        "ст",
        "ч",
        "им",
        "etc",
        "inc",
        "ltd",
        "co",
        "corp",
        "jr",
        "sr",
        "st",
        "no",
    ]
)
_INITIAL = re.compile(r"^[^\W\d_]$")
_GLUED_YEAR = re.compile(r"\d+гг?")  # «2026г.»: a year with its «г.» written without a space


def _ends_with_abbreviation(value: str) -> bool:
    last = value.rsplit(" ", 1)[-1].rstrip(".")
    last = last.rsplit(".", 1)[-1] if "." in last else last  # «т.д.», «01.03.2026 г.»
    return (
        bool(_INITIAL.match(last))
        or last.casefold() in _ABBREVIATIONS
        or _GLUED_YEAR.fullmatch(last) is not None
    )


def bare(text: Any) -> str:
    """An answer as a fragment inside a sentence: whitespace tidied, final full stop removed.

    The full stop of an abbreviation or an initial stays («до 01.03.2026 г.», «Иванова Е. П.»,
    «2026г.»).
    """
    value = " ".join(str(text).split())
    while value.endswith((";", ",")) or (
        value.endswith(".") and not value.endswith("...") and not _ends_with_abbreviation(value)
    ):
        value = value[:-1].rstrip()
    return value


def numbered(items: Any) -> str:
    """A list of answers as numbered sentences, one per line."""
    return "\n".join(f"{number}. {sentence(item)}" for number, item in enumerate(items, start=1))


def reach(contact: Any, lang: str = "ru", me: bool = False) -> str:
    """How to use a contact: «пишите или звоните» for a phone and an e-mail, «звоните», «пишите»."""
    text = str(contact)
    phone = sum(ch.isdigit() for ch in text) >= 7
    mail = "@" in text or not phone
    if lang == "ru":
        return "пишите или звоните" if phone and mail else ("звоните" if phone else "пишите")
    who = "me" if me else "us"
    if phone and mail:
        return f"write to {who} or call {who}"
    return f"call {who}" if phone else f"write to {who}"


def text_filters() -> dict[str, Callable[..., Any]]:
    """The filters this module gives to templates."""
    return {"sentence": sentence, "bare": bare, "numbered": numbered, "reach": reach}
