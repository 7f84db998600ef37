"""replykit: compose replies to complaints, claims, reviews and objections.

Library use::

    from replykit import compose
    letter = compose("complaint", {"customer_name": "Анна Петрова", ...}, lang="ru")
    print(letter.text)

Names are imported on first use, so ``replykit --help`` does not pay for Jinja and YAML.

Modules import only from their own layer or a lower one (``tests/test_layers.py``):

7. ``cli`` (with ``cli_options``, ``cli_output``, ``cli_profile``)
6. ``draft``, ``prompting``, ``batch``
5. ``formats``, ``check``, ``validate``, ``catalog``, ``schema``, ``saved_answers``, the batch
   readers, naming and manifest, ``message`` (with ``message_mime``, ``message_facts``),
   ``prefill``, ``triage``
4. ``templates``, ``letter``, ``render``, ``answers``, ``assignments``, ``answers_file``,
   ``composer``, ``profile``
3. ``playbook`` (``model``, ``values``, ``parse``, ``checks``, ``search``)
2. ``sandbox``, ``conditions``
1. ``lang``, ``yamlfile``, ``atomic``, ``targets``
0. ``errors``, ``limits``
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from replykit.composer import Composer, compose
    from replykit.errors import (
        AnswerError,
        MissingAnswersError,
        OutputError,
        PlaybookError,
        RenderError,
        ReplykitError,
        UsageError,
    )
    from replykit.letter import Letter
    from replykit.playbook import Playbook, load_playbook

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

_HOMES = {
    "Composer": "replykit.composer",
    "compose": "replykit.composer",
    "Letter": "replykit.letter",
    "Playbook": "replykit.playbook",
    "load_playbook": "replykit.playbook",
    "AnswerError": "replykit.errors",
    "MissingAnswersError": "replykit.errors",
    "OutputError": "replykit.errors",
    "PlaybookError": "replykit.errors",
    "RenderError": "replykit.errors",
    "ReplykitError": "replykit.errors",
    "UsageError": "replykit.errors",
}


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        return getattr(import_module(_HOMES[name]), name)
    raise AttributeError(f"module 'replykit' has no attribute {name!r}")
