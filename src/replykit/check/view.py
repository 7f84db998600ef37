"""The reply as every rule reads it: lines, paragraphs, language, and the steps it shows.

Which steps a reply must have is decided here, in :meth:`ReplyView.missing_steps`, and
whether a step's ``when`` holds in one function, :meth:`ReplyView.condition_holds`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from replykit.check import phrases as P
from replykit.check import signs as S
from replykit.check.reply import Reply
from replykit.conditions import condition_context, condition_names, holds
from replykit.playbook import Playbook


def search(pattern: str, text: str) -> re.Match[str] | None:
    """The first case-insensitive match of ``pattern`` in ``text`` (``^`` at each line)."""
    return re.search(pattern, text, re.IGNORECASE | re.MULTILINE)


def without_mentions(text: str) -> str:
    """The text without the @handles a social-media reply starts its lines with."""
    return re.sub(r"^([ \t]*@\w+[ \t]+)+", "", text, flags=re.MULTILINE)


@dataclass(frozen=True)
class Paragraph:
    """Lines with no blank line between them; ``line`` is the first one's number."""

    line: int
    text: str


@dataclass
class ReplyView:
    """One reply prepared for the rules, with the playbook, language and channel it is checked
    against (``channel`` is None when nobody said)."""

    reply: Reply
    playbook: Playbook | None
    lang: str
    channel: str | None

    @cached_property
    def lines(self) -> list[str]:
        """The reply's lines, as written."""
        return self.reply.text.splitlines()

    def numbered(self) -> Iterator[tuple[int, str]]:
        """(1-based number, line) for every line that is not blank."""
        return ((n, line) for n, line in enumerate(self.lines, start=1) if line.strip())

    @cached_property
    def paragraphs(self) -> list[Paragraph]:
        """The reply cut at blank lines."""
        found: list[Paragraph] = []
        start, chunk = 0, []
        for number, line in enumerate([*self.lines, ""], start=1):
            if line.strip():
                start = start or number
                chunk.append(line)
            elif chunk:
                found.append(Paragraph(start, "\n".join(chunk)))
                start, chunk = 0, []
        return found

    @cached_property
    def signature_block(self) -> list[tuple[int, str]]:
        """The last paragraph when it is short: where a closing and a signature sit."""
        if not self.paragraphs:
            return []
        last = self.paragraphs[-1]
        lines = last.text.splitlines()
        if len(lines) > 6 or any(len(line) > 80 for line in lines):
            return []
        return [(last.line + i, line) for i, line in enumerate(lines)]

    def say(self, ru: str, en: str) -> str:
        """The text in the reply's language."""
        return ru if self.lang == "ru" else en

    def step_name(self, step_id: str) -> str:
        """The step as a reader would name it, in the reply's language."""
        names = S.STEP_NAMES.get(step_id, {})
        return names.get(self.lang) or names.get("en") or step_id.replace("_", " ")

    def step_pattern(self, step_id: str) -> str | None:
        """The words that show ``step_id`` in plain text (the playbook's own entry first)."""
        own = S.STEP_PATTERNS.get(f"{self.playbook.id}:{step_id}") if self.playbook else None
        return (own or S.STEP_PATTERNS.get(step_id, {})).get(self.lang)

    @property
    def answers_known(self) -> bool:
        """A ``draft --format json`` letter: its steps and answers are known, not guessed."""
        return self.reply.steps is not None

    # --- steps ---------------------------------------------------------------------------

    def condition_holds(self, expression: str | None, channel: str | None) -> bool | None:
        """Whether ``expression`` holds for this reply on ``channel``; None: cannot tell.

        The answers come from a JSON letter; in plain text, from the signs the text gives
        (``signs.FIELD_SIGNS``). A condition reading an answer with no sign is undecided.
        """
        if not expression:
            return True
        assert self.playbook is not None
        fields = set(self.playbook.field_names)
        values: dict[str, Any] = {}
        for name in condition_names(expression):
            if name not in fields:  # lang, channel
                continue
            if self.answers_known:
                values[name] = self.reply.answers.get(name)
                continue
            sign = S.FIELD_SIGNS.get(f"{self.playbook.id}:{name}")
            if sign is None:
                return None
            values[name] = self._read_sign(sign)
        context = condition_context(self.playbook.field_names, values, self.lang, channel or "")
        try:
            return holds(expression, context)
        except Exception:  # an answer the condition cannot read: cannot tell
            return None

    def _read_sign(self, sign: tuple[Mapping[str, tuple[tuple[str, object], ...]], object]) -> Any:
        by_lang, otherwise = sign
        text = self.reply.text
        for pattern, value in by_lang.get(self.lang, ()):
            if search(pattern, text):
                return value
        return otherwise

    def shows_step(self, step_id: str) -> bool | None:
        """Whether the text shows ``step_id``; None when there is no pattern to tell by."""
        if self.answers_known:
            return step_id in (self.reply.steps or ())
        pattern = self.step_pattern(step_id)
        if pattern is None:
            return None
        if search(pattern, without_mentions(self.reply.text)):
            return True
        return step_id in ("closing", "signature") and self.signed

    @cached_property
    def signed(self) -> bool:
        """One of the last lines reads like a signature: «Мария Соколова, руководитель…»."""
        tail = [line.strip() for line in self.lines if line.strip()][-3:]
        return any(
            re.match(P.PERSON, line) and not line.endswith((".", "!", "?", ":")) for line in tail
        )

    def missing_steps(self) -> list[str]:
        """The required steps the reply lacks, judged on the channel that fits it best.

        With no channel given, a plain-text reply is measured against each of the playbook's
        channels and the one with the fewest missing steps counts: a reply signed like a
        letter is not also asked for a chat's closing.
        """
        if self.playbook is None:
            return []
        channels: list[str | None] = [self.channel] if self.channel else [*self.playbook.channels]
        channels = channels or [None]
        whens = {step.id: step.when for step in self.playbook.steps}
        best: list[str] | None = None
        for channel in channels:
            missing = [
                step_id
                for step_id in self.playbook.rules.require
                if self.condition_holds(whens.get(step_id), channel) is True
                and self.shows_step(step_id) is False
            ]
            if best is None or len(missing) < len(best):
                best = missing
        return best or []

    def needs_deadline(self) -> bool:
        """The playbook asks for a date: a required date field whose condition holds."""
        if self.playbook is None:
            return False
        channels = [self.channel] if self.channel else list(self.playbook.channels)
        for fld in self.playbook.fields:
            if fld.type != "date" or not fld.required:
                continue
            if not fld.when:
                return True
            if condition_names(fld.when) <= {"lang", "channel"}:
                continue  # a letter's own date line, not a deadline
            # Without a channel, a date is asked for only if every channel would ask for it.
            decide = any if self.channel else all
            if decide(self.condition_holds(fld.when, ch) is True for ch in channels):
                return True
        return False
