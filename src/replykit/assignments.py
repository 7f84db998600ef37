"""``--set KEY=VALUE`` and ``--set KEY+=VALUE``: answers on the command line."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from replykit.errors import UsageError


def parse_assignment(text: str) -> tuple[str, str, bool]:
    """``KEY=VALUE`` (or ``KEY+=VALUE`` to append to a list) from ``--set``."""
    key, sep, value = text.partition("=")
    if not sep or not key.strip():
        raise UsageError(
            f"--set {text!r}: expected KEY=VALUE",
            hint="For example: --set customer_name='Анна Петрова' --set fault=us",
        )
    append = key.endswith("+")
    return key.rstrip("+").strip(), value, append


def assigned(assignments: Iterable[str], base: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The answers ``assignments`` give, and only those; ``KEY+=V`` extends ``base``'s list."""
    given: dict[str, Any] = {}
    for text in assignments:
        key, value, append = parse_assignment(text)
        if append:
            current = given[key] if key in given else (base or {}).get(key)
            items = list(current) if isinstance(current, list) else []
            items.append(value)
            given[key] = items
        else:
            given[key] = value
    return given


def merge_assignments(
    assignments: Iterable[str], base: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """``base`` with ``assignments`` applied over it (``KEY+=V`` builds a list)."""
    return {**(base or {}), **assigned(assignments, base)}
