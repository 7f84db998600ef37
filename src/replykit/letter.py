"""The rendered letter: the one noun every output format and the lint take."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from replykit.playbook.values import to_plain


@dataclass(frozen=True)
class Letter:
    """A rendered reply: its text, subject and the data that produced it."""

    playbook: str
    lang: str
    channel: str
    text: str
    subject: str = ""
    steps: tuple[str, ...] = ()
    answers: dict[str, Any] = field(default_factory=dict)
    title: str = ""
    parts: dict[str, str] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    locale: str = ""  # the locale tag ("ru", "en-GB", "en-US"); "" means the language's own
    brief: bool = False  # rendered in each step's shortest wording (--max-chars)
    dropped: tuple[str, ...] = ()  # optional steps left out to fit --max-chars
    max_chars: int | None = None  # the --max-chars the letter was fitted to

    @property
    def length(self) -> int:
        """The text's length in characters, as ``--max-chars`` counts it (no final newline)."""
        return len(self.text.rstrip("\n"))

    def as_dict(self) -> dict[str, Any]:
        """The letter and its metadata as JSON-ready data (see README, "JSON shapes")."""
        return {
            "playbook": self.playbook,
            "lang": self.lang,
            "locale": self.locale or self.lang,
            "channel": self.channel,
            "subject": self.subject,
            "steps": list(self.steps),
            "text": self.text,
            "parts": dict(self.parts),
            "warnings": list(self.warnings),
            "answers": to_plain(self.answers),
            "max_chars": self.max_chars,
            "brief": self.brief,
            "dropped": list(self.dropped),
        }
