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

    def as_dict(self) -> dict[str, Any]:
        """The letter and its metadata as JSON-ready data (see README, "JSON shapes")."""
        return {
            "playbook": self.playbook,
            "lang": self.lang,
            "channel": self.channel,
            "subject": self.subject,
            "steps": list(self.steps),
            "text": self.text,
            "parts": dict(self.parts),
            "warnings": list(self.warnings),
            "answers": to_plain(self.answers),
        }
