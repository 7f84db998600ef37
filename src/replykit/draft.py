"""The ``draft`` workflow behind the CLI: gather answers, render, preview, write, lint.

This is the edge between the library and a person: it may print the letter to
stdout and hand the terminal to :mod:`replykit.prompting`, but it never parses
command-line options (that is :mod:`replykit.cli`).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from replykit.answers import AnswerSources, AskFunction
from replykit.answers_file import read_answers_file
from replykit.assignments import assigned
from replykit.atomic import write_atomic
from replykit.check import FAIL_ON, LetterCheckError, check_letter, format_findings
from replykit.composer import Composer, choose_locale
from replykit.errors import AnswerError, OutputError, UsageError
from replykit.fitting import check_max_chars
from replykit.formats import format_for, render_bytes, typeset_letter, typography_for
from replykit.formats.pdf import require_converter
from replykit.letter import Letter
from replykit.message import Message, read_message
from replykit.prefill import Prefill
from replykit.profile import answers_for, profile_locale, profile_path, read_profile
from replykit.saved_answers import answers_path_for, saved_answers_text
from replykit.targets import check_writable, make_folders

#: Formats written through the docx writer, which alone takes --docx-template.
DOCX_FORMATS = ("docx", "pdf")
_OR_OTHER = ", or choose another file with -o"


@dataclass(frozen=True)
class DraftRequest:
    """Everything ``replykit draft`` was asked to do, as one value."""

    playbook: str
    lang: str | None = None  # a language or locale; None: the profile's locale, else ru
    channel: str | None = None
    assignments: tuple[str, ...] = ()
    answers_file: str | None = None
    interactive: bool = False
    output: str | None = None
    fmt: str | None = None
    force: bool = False
    playbooks_dir: Path | None = None
    as_json: bool = False
    check: bool = True  # lint the letter and print the findings on stderr
    fail_on: str = "error"  # the lowest finding severity that makes draft exit 1; never: none
    docx_template: Path | None = None  # a letterhead (docxtpl tags) for docx and pdf
    profile: Path | None = None  # the sender profile; None: the one in the config folder
    save_answers: bool = False  # write NAME.answers.yml beside -o NAME.ext
    mkdir: bool = False  # create the output's missing parent folders
    message: str | None = None  # --from: the received message to prefill from and reply to
    max_chars: int | None = None  # fit the letter in this many characters
    today: date | None = None  # the day the reply is written; None: the clock
    typography: bool | None = None  # non-breaking spaces in txt and JSON; None: the default


@dataclass(frozen=True)
class OutputPlan:
    """Where a draft goes: the letter's file (None: stdout) and the answers file, if any."""

    letter: Path | None = None
    answers: Path | None = None

    @property
    def files(self) -> list[Path]:
        """The files to write, the letter first."""
        return [p for p in (self.letter, self.answers) if p is not None]


def gather_answers(
    request: DraftRequest,
    profile: Mapping[str, Any] | None = None,
    message: Mapping[str, Any] | None = None,
) -> AnswerSources:
    """The answers ``request`` gives, by source (:class:`AnswerSources` says which wins).

    ``message`` holds the answers read from the received message (``--from``).
    """
    file = read_answers_file(request.answers_file) if request.answers_file else {}
    below = {**(profile or {}), **(message or {}), **file}  # what KEY+=VALUE extends
    return AnswerSources(
        assignments=assigned(request.assignments, below),
        file=file,
        message=message or {},
        profile=profile or {},
    )


def plan_outputs(request: DraftRequest, fmt: str) -> OutputPlan:
    """Check the output options before any question is asked; say where the draft goes."""
    if request.docx_template is not None:
        if fmt not in DOCX_FORMATS:
            raise UsageError(
                f"--docx-template is for docx and pdf output, not {fmt}",
                hint="Write -o reply.docx (or pass --format docx).",
            )
        if not request.docx_template.is_file():
            raise UsageError(
                f"--docx-template {request.docx_template}: no such file",
                hint="Pass a .docx file: your letterhead with docxtpl tags.",
            )
    if fmt == "pdf":
        require_converter()
    to_file = bool(request.output) and request.output != "-"
    if request.save_answers and not to_file:
        raise UsageError(
            "--save-answers needs -o FILE: the answers are saved beside the letter",
            hint="For example, -o reply.docx --save-answers also writes reply.answers.yml.",
        )
    if not to_file:
        return OutputPlan()
    letter = Path(str(request.output))
    plan = OutputPlan(letter, answers_path_for(letter) if request.save_answers else None)
    check_writable(plan.files, force=request.force, mkdir=request.mkdir, alternative=_OR_OTHER)
    return plan


def run_draft(request: DraftRequest) -> Letter | None:
    """Draft one letter as ``request`` says; return it, or None when the person cancelled."""
    if request.fail_on not in FAIL_ON:
        raise UsageError(
            f"--fail-on {request.fail_on}: not one of {', '.join(FAIL_ON)}",
            hint="--fail-on error (the default) exits 1 on an error finding; never: exit 0.",
        )
    check_max_chars(request.max_chars)
    mail = read_message(request.message) if request.message else None
    composer = Composer.open(request.playbook, request.playbooks_dir)
    saved_profile = read_profile(request.profile)
    # --lang, else the message's language (--from), else the profile's locale, else Russian.
    lang = (
        request.lang
        or (mail.lang if mail else None)
        or profile_locale(saved_profile, request.profile)
        or "ru"
    )
    channel = composer.choose_channel(lang, request.channel)
    fmt = format_for(request.output, request.fmt)
    plan = plan_outputs(request, fmt)
    profile = answers_for(composer.playbook, saved_profile)
    language = choose_locale(lang).language
    prefill = Prefill.build(mail, composer.playbook, language) if mail else None
    prefilled = prefill.answers(request.interactive) if prefill else {}
    sources = gather_answers(request, profile, prefilled)
    given = dict(sources.combined())
    if prefill and not request.as_json:
        prefill.report(sources, sys.stderr)

    try:
        if request.interactive:
            letter = _interactive(composer, given, lang, channel, request, prefill)
            if letter is None:
                return None
        else:
            resolved = composer.resolve(given, lang, channel=channel)
            letter = composer.render(
                resolved, lang, channel, today=request.today, max_chars=request.max_chars
            )
    except AnswerError as err:
        _blame_profile(err, sources, profile_path(request.profile))
        raise
    options = _format_options(request, fmt, mail)
    report = check_letter(letter, composer.playbook) if request.check else None
    # The page formats are typeset by their writers; txt and JSON when the switch says so.
    shown = typeset_letter(letter) if typography_for("txt", request.typography) else letter
    deliver(
        shown,
        request.output,
        fmt,
        request.force,
        request.as_json,
        answers_path=plan.answers,
        mkdir=request.mkdir,
        options=options,
        check=report.as_dict() if report is not None else None,
        sources=sources,
        extra_json=prefill.as_dict(sources) if prefill else None,
    )
    for caution in letter.warnings:  # the playbook's own cautions, e.g. a debt acknowledged
        sys.stderr.write(f"Warning: {caution}\n")
    if report is not None and report.findings:
        sys.stderr.write(format_findings(report, "letter"))
    if report is not None and report.fails(request.fail_on):
        raise LetterCheckError.for_report(report, request.fail_on, written=bool(request.output))
    return letter


def _format_options(request: DraftRequest, fmt: str, mail: Message | None) -> dict[str, Any]:
    """What the writer of ``fmt`` takes besides the letter: a letterhead, or whom eml answers."""
    if fmt in DOCX_FORMATS:
        return {"docx_template": request.docx_template}
    if fmt == "eml":
        return {"reply_to": mail, "sender": read_profile(request.profile)}
    return {}


def _blame_profile(err: AnswerError, sources: AnswerSources, path: Path) -> None:
    """Say which of the bad answers came from the profile, and how to correct them."""
    names = sorted({p.field for p in err.problems if sources.source_of(p.field) == "profile"})
    if names:
        note = (
            f"{', '.join(names)} came from the profile {path}: correct it with "
            "`replykit profile set KEY=VALUE`, or override it with --set."
        )
        err.hint = f"{err.hint}\n{note}" if err.hint else note


def _interactive(
    composer: Composer,
    given: dict[str, Any],
    lang: str,
    channel: str,
    request: DraftRequest,
    prefill: Prefill | None,
) -> Letter | None:
    from replykit.prompting import Prompter  # rich costs ~60 ms; only a terminal walk needs it

    prompter = Prompter(choose_locale(lang).language)
    ask: AskFunction = prefill.asking(prompter.ask, sys.stderr) if prefill else prompter.ask
    resolved = composer.resolve(given, lang, ask, channel)
    while True:
        letter = composer.render(
            resolved, lang, channel, today=request.today, max_chars=request.max_chars
        )
        prompter.preview(letter.text)
        action = prompter.choose_action()
        if action == "accept":
            return letter
        if action == "cancel":
            prompter.say_cancelled()
            return None
        name = prompter.choose_field(composer.playbook, list(resolved.values))
        changed = {k: v for k, v in resolved.values.items() if k != name}
        resolved = composer.resolve(changed, lang, ask, channel)


def deliver(
    letter: Letter,
    output: str | None,
    fmt: str,
    force: bool,
    as_json: bool,
    *,
    answers_path: Path | None = None,
    mkdir: bool = False,
    options: Mapping[str, Any] | None = None,
    check: Mapping[str, Any] | None = None,
    sources: AnswerSources | None = None,
    extra_json: Mapping[str, Any] | None = None,
) -> None:
    """Print the letter, or write it (and its answers file) to ``output`` atomically.

    ``check`` is the lint report, added to the JSON output as ``"check"``; ``extra_json``
    adds more keys to it (the received message and what was prefilled from it).

    Both files are checked before either is written: an existing one (without ``force``)
    or a missing folder (without ``mkdir``) leaves everything untouched. With ``as_json``
    the letter's JSON also says where each answer came from (``sources``).
    """
    extra = dict(options or {})
    provenance = {}
    if sources is not None:
        provenance = {name: sources.source_of(name) for name in letter.answers}
        provenance = {name: source for name, source in provenance.items() if source}
    if not output or output == "-":
        if as_json:
            body = {**letter.as_dict(), **(extra_json or {}), "sources": provenance}
            if check is not None:
                body["check"] = dict(check)
            data = _json_bytes(body)
        elif fmt in DOCX_FORMATS and sys.stdout.isatty():
            raise OutputError(
                f"{fmt} is a binary format and stdout is a terminal",
                hint=f"Write it to a file: -o reply.{fmt}",
            )
        else:
            data = render_bytes(letter, fmt, **extra)
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    path = Path(output)
    data = render_bytes(letter, fmt, **extra)  # a letter that fails to render writes nothing
    saved = saved_answers_text(letter, path, answers_path) if answers_path else None
    plan = OutputPlan(path, answers_path)
    check_writable(plan.files, force=force, mkdir=mkdir, alternative=_OR_OTHER)
    if mkdir:
        make_folders(plan.files)
    write_atomic(path, data, force=force)
    if answers_path is not None and saved is not None:
        write_atomic(answers_path, saved, force=force)
    if as_json:
        body = {**letter.as_dict(), **(extra_json or {}), "sources": provenance}
        body["output"] = {"path": str(path), "format": fmt}
        if answers_path is not None:
            body["output"]["answers"] = str(answers_path)
        if check is not None:
            body["check"] = dict(check)
        sys.stdout.buffer.write(_json_bytes(body))
        sys.stdout.flush()
    else:
        for target in plan.files:
            sys.stderr.write(f"Wrote {target}\n")


def _json_bytes(body: Mapping[str, Any]) -> bytes:
    return (json.dumps(body, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
