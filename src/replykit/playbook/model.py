"""What a playbook is: its steps, fields (questions), rules and cautions, as frozen objects.

A playbook says which steps a reply has, in which order and under which conditions, which
answers (fields) it needs, and which rules a finished reply obeys. Texts a person reads
(titles, prompts, help, labels, cautions) are given per language; :func:`in_language` is the
one rule for picking one.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

FIELD_TYPES = (
    "text",
    "longtext",
    "choice",
    "multichoice",
    "bool",
    "int",
    "money",
    "date",
    "email",
    "phone",
    "person",
    "list",
)
CHANNELS = ("letter", "email", "public", "chat")
LANGUAGES = ("ru", "en")
RESERVED_BLOCKS = ("subject", "header", "body", "footer")

_T = TypeVar("_T")


def in_language(texts: Mapping[str, _T], lang: str, fallback: _T) -> _T:
    """``texts`` in ``lang``; else in the first language given; else ``fallback``."""
    return texts.get(lang) or next(iter(texts.values()), fallback)


@dataclass(frozen=True)
class Choice:
    """One allowed value of a ``choice`` or ``multichoice`` field, with its labels."""

    value: str
    labels: Mapping[str, str]

    def label(self, lang: str) -> str:
        """The label in ``lang``, falling back to any label, then to the value."""
        return in_language(self.labels, lang, self.value)


@dataclass(frozen=True)
class Field:
    """A question the playbook asks; its answer is typed and validated."""

    name: str
    type: str
    prompt: Mapping[str, str]
    help: Mapping[str, str] = field(default_factory=dict)
    required: bool = True
    default: Any = None
    example: Any = None
    choices: tuple[Choice, ...] = ()
    when: str | None = None
    min: Any = None
    max: Any = None
    pattern: str | None = None
    item_fields: tuple[Field, ...] = ()
    line: int = 0
    when_line: int = 0
    source: str = ""  # the included file that defines the field; "" for the playbook itself

    def prompt_text(self, lang: str) -> str:
        """The question in ``lang`` (falls back to any language, then the name)."""
        return in_language(self.prompt, lang, self.name)

    def help_text(self, lang: str) -> str:
        """The help line in ``lang``, or an empty string."""
        return in_language(self.help, lang, "")

    def example_in(self, lang: str) -> Any:
        """The example answer: in ``lang`` when it is given per language, else as it is."""
        if isinstance(self.example, dict):
            return in_language(self.example, lang, None)
        return self.example

    def choice_values(self) -> tuple[str, ...]:
        """The allowed values, in the playbook's order."""
        return tuple(c.value for c in self.choices)

    @property
    def is_record_list(self) -> bool:
        """True for a ``list`` whose items are records with their own fields."""
        return self.type == "list" and bool(self.item_fields)


@dataclass(frozen=True)
class Step:
    """One part of the reply, rendered from the template block of the same id."""

    id: str
    when: str | None = None
    line: int = 0
    when_line: int = 0


@dataclass(frozen=True)
class PlaybookWarning:
    """A caution ``draft`` prints on stderr when its condition holds for the answers."""

    when: str
    message: Mapping[str, str]
    line: int = 0

    def text(self, lang: str) -> str:
        """The caution in ``lang`` (falls back to any language)."""
        return in_language(self.message, lang, "")


@dataclass(frozen=True)
class Rules:
    """What ``replykit check`` enforces on a finished reply, and what ``--max-chars`` may drop.

    ``drop`` maps a channel (or ``default``, for the channels not listed) to the optional
    steps a letter too long for ``--max-chars`` loses, first dropped first; a step in
    ``require`` is never among them.
    """

    require: tuple[str, ...] = ()
    avoid: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    drop: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def drop_order(self, channel: str) -> tuple[str, ...]:
        """The steps ``--max-chars`` may drop on ``channel``, first dropped first."""
        if channel in self.drop:
            return self.drop[channel]
        return self.drop.get("default", ())


@dataclass(frozen=True)
class Playbook:
    """A reply structure: steps, fields (questions), rules, languages and channels."""

    id: str
    title: Mapping[str, str]
    languages: tuple[str, ...]
    channels: tuple[str, ...]
    fields: tuple[Field, ...]
    steps: tuple[Step, ...]
    rules: Rules
    description: Mapping[str, str] = field(default_factory=dict)
    path: Path | None = None
    warnings: tuple[PlaybookWarning, ...] = ()

    def title_text(self, lang: str) -> str:
        """The title in ``lang`` (falls back to any language, then the id)."""
        return in_language(self.title, lang, self.id)

    def description_text(self, lang: str) -> str:
        """The description in ``lang`` (falls back to any language), or an empty string."""
        return in_language(self.description, lang, "")

    @functools.cached_property
    def field_names(self) -> tuple[str, ...]:
        """Names of every field, in order (computed once: answers and render ask per field)."""
        return tuple(f.name for f in self.fields)


def iter_fields(fields: tuple[Field, ...]) -> Iterator[Field]:
    """Every field, with a record list's item fields after it."""
    for fld in fields:
        yield fld
        yield from fld.item_fields
