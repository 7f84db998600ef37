"""Render a letter: the active steps, the step parts and normalisation.

:mod:`replykit.templates` says which template a letter uses and what the engine gives it;
the layout frames the active steps, rendering each with ``self[step]()`` between invisible
marks, so one render yields both the letter and each step's part. The caller
(:class:`~replykit.composer.Composer`) has checked the language and channel.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

from jinja2 import TemplateError, TemplateNotFound, TemplateSyntaxError, UndefinedError
from jinja2.exceptions import SecurityError

from replykit.conditions import compile_conditions, condition_context
from replykit.errors import PlaybookError, RenderError
from replykit.lang.locale import get_locale, localise
from replykit.letter import Letter
from replykit.limits import bounded_join, render_limits
from replykit.playbook import Playbook
from replykit.playbook.values import to_plain
from replykit.sandbox import SandboxEnvironment
from replykit.templates import engine_context, template_name, template_names


def _stable_seed(answers: dict[str, Any]) -> str:
    return json.dumps(to_plain(answers), sort_keys=True, ensure_ascii=False, default=str)


def reply_date(answers: dict[str, Any], today: date | None = None) -> date:
    """The day the reply is written: its ``letter_date`` answer, else ``today``, else the clock.

    Relative dates («завтра», "on Friday") are counted from it. ``SOURCE_DATE_EPOCH`` (the
    reproducible-builds convention) stands in for the clock, so a letter can be rebuilt exactly.
    """
    given = answers.get("letter_date")
    if isinstance(given, date):
        return given
    if today is not None:
        return today
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC).date()
    return date.today()


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
    letters need none of them, and a substring test costs far less than a scan.
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

    def __init__(self, playbook: Playbook, env: SandboxEnvironment) -> None:
        self.playbook = playbook
        self.env = env
        self._templates: dict[tuple[str, str], Any] = {}

    def template_for(self, lang: str, channel: str) -> Any:
        """The compiled template for ``lang`` and ``channel`` (cached)."""
        key = (lang, channel)
        if key not in self._templates:
            pid = self.playbook.id
            try:
                self._templates[key] = self.env.select_template(template_names(pid, lang, channel))
            except TemplateNotFound as err:
                raise PlaybookError(
                    f"playbook '{pid}' has no template for language '{lang}'",
                    hint=f"Create templates/{template_name(pid, lang)} with one block per step.",
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

    def render(
        self,
        answers: dict[str, Any],
        lang: str,
        channel: str,
        *,
        today: date | None = None,
        locale: str | None = None,
        brief: bool = False,
        skip: frozenset[str] = frozenset(),
    ) -> Letter:
        """Render one letter from resolved answers, in a language and channel the playbook has,
        dated ``today`` (see :func:`reply_date`).

        ``locale`` is the tag the filters get ("ru", "en-GB", "en-US"; default: ``lang``), and
        an en-US letter's text passes through :func:`~replykit.lang.locale.localise`;
        ``brief`` asks for each step's shortest wording; the steps in ``skip`` are left out.
        """
        pb = self.playbook
        loc = get_locale(locale or lang)
        tag = loc.tag
        template = self.template_for(lang, channel)
        conditions = condition_context(pb.field_names, answers, lang, channel)
        steps = self.active_steps(conditions)
        if skip:
            steps = tuple(step for step in steps if step not in skip)
        context = conditions | engine_context(
            lang=lang,
            channel=channel,
            steps=steps,
            playbook_id=pb.id,
            vary=make_vary(answers),
            mark=mark,
            locale=tag,
            reply_date=reply_date(answers, today),
            brief=brief,
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
        if loc.spelling:  # the templates write British English; en-US re-spells the result
            text, subject = localise(text, tag), localise(subject, tag)
            parts = {step: localise(part, tag) for step, part in parts.items()}
        holds = compile_conditions(tuple(w.when for w in pb.warnings))(**conditions)
        cautions = tuple(w.text(lang) for w, true in zip(pb.warnings, holds, strict=True) if true)
        return Letter(
            playbook=pb.id,
            lang=lang,
            locale=tag,
            channel=channel,
            text=text,
            parts=parts,
            warnings=cautions,
            subject=subject,
            steps=tuple(parts),
            answers=dict(answers),
            title=pb.title_text(lang),
            brief=brief,
        )
