"""Fit a letter to ``--max-chars``: the shortest wording first, then optional steps left out.

The order is the playbook's data (``rules.drop``, per channel), so a playbook says what its
reader can do without; a step in ``rules.require`` is never dropped. When even the shortest
letter is too long, the answers are what must change: an :class:`AnswerError` (exit 3) says
how long that letter is and which steps take the room.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from replykit.errors import AnswerError, UsageError
from replykit.lang.locale import Locale
from replykit.letter import Letter
from replykit.render import Renderer


def check_max_chars(max_chars: int | None) -> None:
    """UsageError (exit 2) unless ``max_chars`` is None or a positive number."""
    if max_chars is not None and max_chars < 1:
        raise UsageError(
            f"--max-chars must be at least 1, not {max_chars}",
            hint="For a post of 280 characters: --max-chars 280.",
        )


def fit_letter(
    renderer: Renderer,
    answers: dict[str, Any],
    locale: Locale,
    channel: str,
    *,
    max_chars: int,
    today: date | None = None,
) -> Letter:
    """The letter in at most ``max_chars`` characters (:attr:`Letter.length`).

    Rendered as usual first; if too long, with ``brief`` (each step's shortest wording); then
    without the channel's ``rules.drop`` steps, one more at a time, first listed first.
    """
    check_max_chars(max_chars)

    def attempt(brief: bool, skip: tuple[str, ...]) -> Letter:
        letter = renderer.render(
            answers,
            locale.language,
            channel,
            today=today,
            locale=locale.tag,
            brief=brief,
            skip=frozenset(skip),
        )
        return replace(letter, dropped=skip, max_chars=max_chars)

    letter = attempt(False, ())
    if letter.length <= max_chars:
        return letter
    letter = attempt(True, ())
    dropped: tuple[str, ...] = ()
    for step in renderer.playbook.rules.drop_order(channel):
        if letter.length <= max_chars:
            return letter
        if step not in letter.steps:  # not in this letter: dropping it saves nothing
            continue
        dropped += (step,)
        letter = attempt(True, dropped)
    if letter.length <= max_chars:
        return letter
    raise _too_long(letter, max_chars)


def _too_long(letter: Letter, max_chars: int) -> AnswerError:
    """The exit-3 error for a letter that does not fit even at its shortest."""
    room = ", ".join(f"{step} {len(text)}" for step, text in letter.parts.items() if text)
    gone = f" (already without {', '.join(letter.dropped)})" if letter.dropped else ""
    return AnswerError(
        f"the shortest {letter.channel} letter is {letter.length} characters{gone}, "
        f"more than --max-chars {max_chars}; the steps that stay take the room: {room}: "
        "shorten the answers or raise --max-chars",
        hint="The playbook's rules.drop lists the steps a letter may lose to fit.",
    )
