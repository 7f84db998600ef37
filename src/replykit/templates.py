"""Where a playbook's templates are and what they are given: the naming convention, the engine.

A playbook's template is ``<playbook>/<lang>.j2``, or ``<playbook>/<lang>.<channel>.j2`` to
target one channel (looked up first), and defines one block per step id. It extends
``layout``, the channel's frame ``layouts/<channel>.j2``. User template folders come first;
the built-ins are also reachable as ``builtin/…`` so an override can extend the original and
replace a single step's block. ``render`` and ``validate`` both take the names from here.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from jinja2 import (
    BaseLoader,
    BytecodeCache,
    ChoiceLoader,
    FileSystemBytecodeCache,
    FileSystemLoader,
    PrefixLoader,
)
from platformdirs import user_cache_path

from replykit.sandbox import SandboxEnvironment, new_environment

#: Names the engine gives every template besides the answers (see :func:`engine_context`).
ENGINE_NAMES = frozenset(
    {
        "lang",
        "locale",
        "channel",
        "steps",
        "layout",
        "playbook_id",
        "vary",
        "mark",
        "reply_date",
        "brief",
    }
)
#: Names Jinja itself defines inside a template.
JINJA_NAMES = frozenset({"self", "super", "loop"})


def template_name(playbook_id: str, lang: str, channel: str | None = None) -> str:
    """``<playbook>/<lang>.j2``, or ``<playbook>/<lang>.<channel>.j2`` for one channel."""
    return f"{playbook_id}/{lang}.{channel}.j2" if channel else f"{playbook_id}/{lang}.j2"


def template_names(playbook_id: str, lang: str, channel: str) -> list[str]:
    """The templates a letter may use, in lookup order: the channel's own, then the language's."""
    return [template_name(playbook_id, lang, channel), template_name(playbook_id, lang)]


def layout_name(channel: str) -> str:
    """The channel's frame: ``layouts/<channel>.j2``."""
    return f"layouts/{channel}.j2"


def engine_context(
    *,
    lang: str,
    channel: str,
    steps: tuple[str, ...],
    playbook_id: str,
    vary: Callable[..., str],
    mark: Callable[..., str],
    locale: str,
    reply_date: date,
    brief: bool,
) -> dict[str, Any]:
    """The names of :data:`ENGINE_NAMES`, as one render gives them to its template.

    ``locale`` is the language tag filters take ("ru", "en-GB", "en-US"); ``reply_date`` the
    day the reply is written, from which relative dates count; ``brief`` asks for the shortest
    wording of each step (``--max-chars``).
    """
    return {
        "lang": lang,
        "locale": locale,
        "channel": channel,
        "steps": steps,
        "layout": layout_name(channel),
        "playbook_id": playbook_id,
        "vary": vary,
        "mark": mark,
        "reply_date": reply_date,
        "brief": brief,
    }


def make_environment(
    user_template_dirs: Sequence[Path], builtin_templates: Path
) -> SandboxEnvironment:
    """The Jinja environment for one run: user folders first, built-ins also as ``builtin/``."""
    builtin = FileSystemLoader(str(builtin_templates), encoding="utf-8")
    loaders: list[BaseLoader] = [FileSystemLoader([str(d) for d in user_template_dirs])]
    loaders += [PrefixLoader({"builtin": builtin}), builtin]
    env = new_environment(ChoiceLoader(loaders))
    env.bytecode_cache = _bytecode_cache()
    return env


def _bytecode_cache() -> BytecodeCache | None:
    """Compiled templates kept in the user cache folder: a draft skips recompiling them.

    Jinja keys the cache by template name and source checksum, so an edited template is
    recompiled. Set ``REPLYKIT_NO_CACHE=1`` (or leave the folder unwritable) to go without.
    """
    if os.environ.get("REPLYKIT_NO_CACHE"):
        return None
    folder = user_cache_path("replykit", appauthor=False) / "templates"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return FileSystemBytecodeCache(str(folder))
