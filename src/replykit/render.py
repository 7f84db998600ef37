"""Render a letter: the template lookup, channel layouts, the step parts and normalisation.

Templates live at ``templates/<playbook>/<lang>.j2`` (or, to target one channel,
``templates/<playbook>/<lang>.<channel>.j2``) and define one block per step id.
Each starts with ``{% extends layout %}``; the layout
(``templates/layouts/<channel>.j2``) frames the active steps, rendering each
with ``self[step]()``. User template folders come first; the built-ins are also
reachable as ``builtin/…`` so an override can extend the original and replace
a single step's block.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import (
    BaseLoader,
    BytecodeCache,
    ChoiceLoader,
    FileSystemBytecodeCache,
    FileSystemLoader,
    PrefixLoader,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
    UndefinedError,
)
from jinja2.exceptions import SecurityError

from replykit.errors import PlaybookError, RenderError
from replykit.limits import bounded_join, render_limits
from replykit.playbook import Playbook
from replykit.sandbox import (
    _Environment,
    _new_environment,
    compile_conditions,
)


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
        from replykit.playbook.values import to_plain

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


def make_environment(user_template_dirs: Sequence[Path], builtin_templates: Path) -> _Environment:
    """The Jinja environment for one run: user folders first, built-ins also as ``builtin/``."""
    builtin = FileSystemLoader(str(builtin_templates), encoding="utf-8")
    loaders: list[BaseLoader] = [FileSystemLoader([str(d) for d in user_template_dirs])]
    loaders += [PrefixLoader({"builtin": builtin}), builtin]
    env = _new_environment(ChoiceLoader(loaders))
    env.bytecode_cache = _bytecode_cache()
    return env


def _bytecode_cache() -> BytecodeCache | None:
    """Compiled templates kept in the user cache folder: a draft skips recompiling them.

    Jinja keys the cache by template name and source checksum, so an edited template is
    recompiled. Set ``REPLYKIT_NO_CACHE=1`` (or leave the folder unwritable) to go without.
    """
    if os.environ.get("REPLYKIT_NO_CACHE"):
        return None
    from platformdirs import user_cache_path

    folder = user_cache_path("replykit", appauthor=False) / "templates"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return FileSystemBytecodeCache(str(folder))


def _stable_seed(answers: dict[str, Any]) -> str:
    from replykit.playbook.values import to_plain

    return json.dumps(to_plain(answers), sort_keys=True, ensure_ascii=False, default=str)


def make_vary(answers: dict[str, Any]) -> Callable[..., str]:
    """``vary(key, a, b, c)``: one of the variants, chosen from the answers, always the same."""
    seed = _stable_seed(answers)

    def vary(key: str, *variants: str) -> str:
        if not variants:
            raise RenderError(f"vary({key!r}) was given no variants")
        digest = hashlib.sha256(f"{key}\0{seed}".encode()).digest()
        return variants[int.from_bytes(digest[:4], "big") % len(variants)]

    return vary


# The layout wraps each step's text in these marks so one render yields both the letter and
# each step's part (for docx/html layout and for `check`); they never reach the output.
_MARK_OPEN, _MARK_MID, _MARK_CLOSE = "\x02", "\x03", "\x04"
_PART_RE = re.compile("\x02([a-z0-9_]+)\x03(.*?)\x04", re.DOTALL)


def mark(step: str | None = None) -> str:
    """The invisible mark that opens (``mark(step)``) or closes (``mark()``) a step's text."""
    return f"{_MARK_OPEN}{step}{_MARK_MID}" if step else _MARK_CLOSE


_OPEN_MARK_RE = re.compile("\x02[a-z0-9_]+\x03")


def split_parts(raw: str) -> tuple[str, dict[str, str]]:
    """The normalised letter without marks, and each marked step's text.

    Normalising once, with the marks still in, serves the letter and every part: the layout
    puts a mark right against trimmed text, so no space or blank line hides behind one.
    """
    text = normalise(raw)
    parts = {m.group(1): m.group(2).strip("\n") for m in _PART_RE.finditer(text)}
    return _OPEN_MARK_RE.sub("", text.replace(_MARK_CLOSE, "")), parts


_TRAILING_SPACE = re.compile(r"[ \t]+$", re.MULTILINE)
_INNER_SPACES = re.compile(r"(?<=\S)[ \t]{2,}(?=\S)")
_BLANK_RUNS = re.compile(r"\n{3,}")
_SPACE_BEFORE_PUNCT = re.compile(r"(?<=\S) +(?=[,.;:!?)](?:\s|$))")
_DOUBLE_PERIOD = re.compile(r"(?<!\.)\.\.(?!\.)")  # "руб." + "." at a sentence's end


def normalise(text: str) -> str:
    """No trailing spaces, no double spaces, no runs of blank lines, one final newline.

    Each regular expression runs only when a plain substring test says it can match: most
    letters need none of them, and scanning a letter six times was a batch row's largest cost.
    """
    text = text.replace("\r\n", "\n")
    if " \n" in text or "\t\n" in text or text.endswith((" ", "\t")):
        text = _TRAILING_SPACE.sub("", text)
    if "  " in text or "\t" in text:
        text = _INNER_SPACES.sub(" ", text)
    if (
        " ," in text
        or " ." in text
        or " ;" in text
        or " :" in text
        or " !" in text
        or " ?" in text
        or " )" in text
    ):
        text = _SPACE_BEFORE_PUNCT.sub("", text)
    if ".." in text:
        text = _DOUBLE_PERIOD.sub(".", text)
    if "\n\n\n" in text:
        text = _BLANK_RUNS.sub("\n\n", text)
    return text.strip("\n") + "\n"


class Renderer:
    """Renders letters of one playbook; reuse it for many letters (batch)."""

    def __init__(self, playbook: Playbook, env: _Environment) -> None:
        self.playbook = playbook
        self.env = env
        self._templates: dict[tuple[str, str], Any] = {}

    def template_for(self, lang: str, channel: str) -> Any:
        """The compiled template for ``lang`` and ``channel`` (cached)."""
        key = (lang, channel)
        if key not in self._templates:
            pid = self.playbook.id
            names = [f"{pid}/{lang}.{channel}.j2", f"{pid}/{lang}.j2"]
            try:
                self._templates[key] = self.env.select_template(names)
            except TemplateNotFound as err:
                raise PlaybookError(
                    f"playbook '{pid}' has no template for language '{lang}'",
                    hint=f"Create templates/{pid}/{lang}.j2 with one block per step.",
                ) from err
            except TemplateSyntaxError as err:
                raise PlaybookError(
                    f"{err.filename or err.name}:{err.lineno}: "
                    f"template syntax error: {err.message}",
                    hint="Fix the template at that line.",
                ) from err
        return self._templates[key]

    def active_steps(self, context: dict[str, Any]) -> tuple[str, ...]:
        """Step ids whose ``when`` holds for these answers, in playbook order."""
        steps = self.playbook.steps
        holds = compile_conditions(tuple(s.when for s in steps))(**context)
        return tuple(step.id for step, true in zip(steps, holds, strict=True) if true)

    def render(self, answers: dict[str, Any], lang: str, channel: str) -> Letter:
        """Render one letter from resolved answers."""
        pb = self.playbook
        if lang not in pb.languages:
            raise PlaybookError(
                f"playbook '{pb.id}' has no language '{lang}'",
                hint=f"Use --lang {' or --lang '.join(pb.languages)}.",
            )
        if channel not in pb.channels:
            raise PlaybookError(
                f"playbook '{pb.id}' does not support the channel '{channel}'",
                hint=f"Supported channels: {', '.join(pb.channels)}.",
            )
        template = self.template_for(lang, channel)
        context = {name: answers.get(name) for name in pb.field_names}
        steps = self.active_steps({**context, "lang": lang, "channel": channel})
        context.update(
            lang=lang,
            channel=channel,
            steps=steps,
            layout=f"layouts/{channel}.j2",
            playbook_id=pb.id,
            vary=make_vary(answers),
            mark=mark,
        )
        name = template.name or pb.id
        try:
            with render_limits(name):
                jinja_context = template.new_context(context)
                text = bounded_join(template.root_render_func(jinja_context), name)
                subject = ""
                if "subject" in jinja_context.blocks:
                    block = jinja_context.blocks["subject"][0]
                    subject = " ".join(bounded_join(block(jinja_context), name).split())
        except RenderError as err:
            if not err.message.startswith(name):  # a size limit, raised deep in the sandbox
                err.message = f"{name}: {err.message}"
            raise
        except UndefinedError as err:
            raise RenderError(
                f"{name}: {err.message}",
                hint="The template uses a name that is neither a field nor a helper.",
            ) from err
        except SecurityError as err:
            raise RenderError(
                f"{name}: the template tried something the sandbox forbids: {err}",
                hint="Templates may use answers and filters only, not Python internals.",
            ) from err
        except TemplateNotFound as err:
            raise PlaybookError(f"{name}: template {err.name!r} not found") from err
        except TemplateSyntaxError as err:
            raise PlaybookError(
                f"{err.filename or err.name}:{err.lineno}: template syntax error: {err.message}"
            ) from err
        except TemplateError as err:
            raise RenderError(f"{name}: {err}") from err
        except (ArithmeticError, ValueError, TypeError, LookupError, RecursionError) as err:
            raise RenderError(f"{name}: rendering failed: {err}") from err
        except MemoryError as err:  # without render_limits' cap (another thread, not POSIX)
            raise RenderError(f"{name}: rendering ran out of memory and was stopped") from err
        text, parts = split_parts(text)
        condition_context = {**context, "lang": lang, "channel": channel}
        holds = compile_conditions(tuple(w.when for w in pb.warnings))(**condition_context)
        cautions = tuple(w.text(lang) for w, true in zip(pb.warnings, holds, strict=True) if true)
        return Letter(
            playbook=pb.id,
            lang=lang,
            channel=channel,
            text=text,
            parts=parts,
            warnings=cautions,
            subject=subject,
            steps=tuple(parts),
            answers=dict(answers),
            title=pb.title_text(lang),
        )
