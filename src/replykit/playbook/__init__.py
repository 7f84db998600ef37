"""Playbooks: the model, its values, the YAML reader, the checks across parts, the search path.

* :mod:`~replykit.playbook.model`: the frozen objects and the one language-fallback rule;
* :mod:`~replykit.playbook.values`: what a person typed, as the typed answer a field expects;
* :mod:`~replykit.playbook.parse`: YAML into the model, every problem with ``file:line``;
* :mod:`~replykit.playbook.checks`: conditions, defaults and rules across the parts;
* :mod:`~replykit.playbook.search`: where playbooks and templates are found.
"""

from __future__ import annotations

from replykit.playbook.model import (
    CHANNELS,
    FIELD_TYPES,
    LANGUAGES,
    RESERVED_BLOCKS,
    Choice,
    Field,
    Playbook,
    PlaybookWarning,
    Rules,
    Step,
    in_language,
    iter_fields,
)
from replykit.playbook.parse import load_playbook, parse_playbook

__all__ = [
    "CHANNELS",
    "FIELD_TYPES",
    "LANGUAGES",
    "RESERVED_BLOCKS",
    "Choice",
    "Field",
    "Playbook",
    "PlaybookWarning",
    "Rules",
    "Step",
    "in_language",
    "iter_fields",
    "load_playbook",
    "parse_playbook",
]
