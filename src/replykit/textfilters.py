"""Language-neutral Jinja filters that fit a person's answer into a letter's sentence."""

from __future__ import annotations

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


def bare(text: Any) -> str:
    """An answer as a fragment inside a sentence: whitespace tidied, final full stop removed."""
    value = " ".join(str(text).split())
    while value.endswith((".", ";", ",")) and not value.endswith("..."):
        value = value[:-1].rstrip()
    return value


def numbered(items: Any) -> str:
    """A list of answers as numbered sentences, one per line."""
    return "\n".join(f"{number}. {sentence(item)}" for number, item in enumerate(items, start=1))


def text_filters() -> dict[str, Callable[..., Any]]:
    """The filters this module gives to templates."""
    return {"sentence": sentence, "bare": bare, "numbered": numbered}
