"""The library entry point: from a playbook id and answers to a :class:`Letter`.

The module is `composer`, not `compose`: importing a submodule named `compose` would replace
the lazily imported `replykit.compose` function with the module.

:meth:`Composer.choose_channel` is the one check of a language and channel against the
playbook (exit 2); the renderer trusts it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from replykit.answers import AskFunction, ResolvedAnswers, resolve_answers
from replykit.errors import UsageError
from replykit.fitting import fit_letter
from replykit.lang.locale import Locale, get_locale
from replykit.letter import Letter
from replykit.playbook import Playbook
from replykit.playbook.search import SearchPath
from replykit.render import Renderer
from replykit.templates import make_environment


def choose_locale(value: str) -> Locale:
    """The :class:`Locale` a ``--lang`` value names ("ru", "en", "en-GB", "en-US"); exit 2 if none.

    The language picks the templates; the locale the spelling, dates and money format.
    """
    try:
        return get_locale(value)
    except ValueError:
        raise UsageError(
            f"unknown language or locale '{value}'",
            hint=f"Use --lang {', '.join(LANG_CHOICES)} (plain en is en-GB).",
        ) from None


#: What ``--lang`` accepts, as the help and the errors list it.
LANG_CHOICES = ("ru", "en", "en-GB", "en-US")


def default_channel(playbook: Playbook) -> str:
    """``email`` when the playbook supports it, else its first channel."""
    return "email" if "email" in playbook.channels else playbook.channels[0]


@dataclass
class Composer:
    """A loaded playbook with its renderer: resolve answers and render letters."""

    playbook: Playbook
    renderer: Renderer

    @classmethod
    def open(cls, playbook_id: str, playbooks_dir: Path | None = None) -> Composer:
        """Find ``playbook_id`` on the search path and prepare its templates."""
        search = SearchPath.default(playbooks_dir)
        playbook = search.load(playbook_id)
        env = make_environment(search.template_dirs(), search.builtin_templates)
        return cls(playbook, Renderer(playbook, env))

    def choose_channel(self, lang: str, channel: str | None) -> str:
        """The channel to use (``channel``, or the default); UsageError if ``lang`` (a language
        or a locale) or it is not the playbook's."""
        pb = self.playbook
        lang = choose_locale(lang).language
        if lang not in pb.languages:
            raise UsageError(
                f"playbook '{pb.id}' is not available in '{lang}'",
                hint=f"Use --lang {' or --lang '.join(pb.languages)}.",
            )
        chosen = channel or default_channel(pb)
        if chosen not in pb.channels:
            raise UsageError(
                f"playbook '{pb.id}' does not support the channel '{chosen}'",
                hint=f"Supported channels: {', '.join(pb.channels)}.",
            )
        return chosen

    def resolve(
        self,
        given: Mapping[str, Any],
        lang: str,
        ask: AskFunction | None = None,
        channel: str | None = None,
    ) -> ResolvedAnswers:
        """Typed answers from ``given`` (and ``ask`` for what is missing) for ``channel``;
        ``lang`` is a language or a locale."""
        return resolve_answers(self.playbook, given, choose_locale(lang).language, ask, channel)

    def render(
        self,
        answers: ResolvedAnswers,
        lang: str,
        channel: str,
        *,
        today: date | None = None,
        max_chars: int | None = None,
    ) -> Letter:
        """The letter for resolved answers, written on ``today`` (default: the clock);
        UsageError if ``lang`` (a language or a locale) or ``channel`` is not the playbook's.

        With ``max_chars`` the letter is fitted to that many characters (:func:`fit_letter`).
        """
        chosen = self.choose_channel(lang, channel)
        loc = choose_locale(lang)
        if max_chars is not None:
            return fit_letter(
                self.renderer, answers.values, loc, chosen, max_chars=max_chars, today=today
            )
        return self.renderer.render(
            answers.values, loc.language, chosen, today=today, locale=loc.tag
        )


def compose(
    playbook_id: str,
    answers: Mapping[str, Any],
    *,
    lang: str = "ru",
    channel: str | None = None,
    playbooks_dir: Path | None = None,
    today: date | None = None,
    max_chars: int | None = None,
) -> Letter:
    """Render one letter of ``playbook_id`` from ``answers``; raise ReplykitError on any problem.

    ``lang`` is a language or a locale ("ru", "en", "en-GB", "en-US"; en is en-GB).
    ``today`` is the day the reply is written, from which "tomorrow" and "on Friday" count;
    a ``letter_date`` answer wins over it. ``max_chars`` fits the letter to that many
    characters: the shortest wording, then the playbook's ``rules.drop`` steps left out one by
    one; an AnswerError (exit 3) when even that is too long.
    """
    composer = Composer.open(playbook_id, playbooks_dir)
    chosen = composer.choose_channel(lang, channel)
    resolved = composer.resolve(answers, lang, channel=chosen)
    return composer.render(resolved, lang, chosen, today=today, max_chars=max_chars)
