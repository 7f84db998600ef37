"""The problems found while a playbook file is read, each with ``file:line``, and the small
readers every part of a playbook shares (per-language texts, lists of strings)."""

from __future__ import annotations

from typing import Any

from replykit.errors import Problem, did_you_mean
from replykit.playbook.model import LANGUAGES
from replykit.yamlfile import line_of


class Collector:
    """Collects problems with ``file:line`` while a playbook is read."""

    def __init__(self, source: str, included: bool = False) -> None:
        self.source = source
        self.included = included  # reading an included file: its fields say where they are from
        self.problems: list[Problem] = []

    def add(self, line: int, message: str, source: str = "") -> None:
        source = source or self.source
        where = f"{source}:{line}" if line else source
        self.problems.append(Problem(message=message, where=where))

    def check_keys(self, data: dict[str, Any], allowed: tuple[str, ...], what: str) -> None:
        for key in data:
            if key not in allowed:
                tip = did_you_mean(str(key), allowed) or f"; allowed: {', '.join(allowed)}"
                self.add(line_of(data, key), f"unknown key '{key}' in {what}{tip}")


def read_texts(value: Any, line: int, what: str, out: Collector) -> dict[str, str]:
    """A per-language text: ``{ru: …, en: …}`` or one string for every language."""
    if value is None:
        return {}
    if isinstance(value, str):
        return {lang: value for lang in LANGUAGES}
    if isinstance(value, dict) and all(isinstance(v, str) for v in value.values()):
        unknown = [k for k in value if k not in LANGUAGES]
        if unknown:
            out.add(
                line,
                f"{what}: unknown language {unknown[0]!r}; use {', '.join(LANGUAGES)} "
                "(quote a text that contains a comma)",
            )
        return {str(k): v for k, v in value.items()}
    out.add(line, f"{what} must be text or a mapping of language to text")
    return {}


def read_str_list(value: Any, line: int, what: str, out: Collector) -> tuple[str, ...]:
    """A list of strings, or () with a problem."""
    if value is None:
        return ()
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    out.add(line, f"{what} must be a list of strings")
    return ()
