"""replykit: compose replies to complaints, claims, reviews and objections.

Library use::

    from replykit import compose
    letter = compose("complaint", {"customer_name": "Анна Петрова", ...}, lang="ru")
    print(letter.text)
"""

from __future__ import annotations

from replykit.compose import Composer, compose
from replykit.errors import (
    AnswerError,
    MissingAnswersError,
    OutputError,
    PlaybookError,
    RenderError,
    ReplykitError,
    UsageError,
)
from replykit.playbook import Playbook, load_playbook
from replykit.render import Letter

__all__ = [
    "AnswerError",
    "Composer",
    "Letter",
    "MissingAnswersError",
    "OutputError",
    "Playbook",
    "PlaybookError",
    "RenderError",
    "ReplykitError",
    "UsageError",
    "compose",
    "load_playbook",
]
__version__ = "0.1.0"
