"""The ``draft`` workflow behind the CLI: gather answers, render, preview, write.

This is the edge between the library and a person: it may print the letter to
stdout and hand the terminal to :mod:`replykit.prompting`, but it never parses
command-line options (that is :mod:`replykit.cli`).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from replykit.answers import AskFunction, merge_assignments, read_answers_file
from replykit.composer import Composer
from replykit.errors import AnswerError, OutputError, UsageError
from replykit.message import read_message
from replykit.prefill import Prefill
from replykit.render import Letter

#: Formats written through the docx writer, which alone takes --docx-template.
DOCX_FORMATS = ("docx", "pdf")


@dataclass(frozen=True)
class DraftRequest:
    """Everything ``replykit draft`` was asked to do, as one value."""

    playbook: str
    lang: str = "ru"
    channel: str | None = None
    assignments: tuple[str, ...] = ()
    answers_file: str | None = None
    interactive: bool = False
    output: str | None = None
    fmt: str | None = None
    force: bool = False
    playbooks_dir: Path | None = None
    as_json: bool = False
    check: bool = True  # lint the letter and print the findings on stderr (issue 6)
    docx_template: Path | None = None  # a letterhead for docx and pdf (issue 4)
    profile: Path | None = None  # the sender profile; None: the one in the config folder
    save_answers: bool = False  # write NAME.answers.yml beside -o NAME.ext
    mkdir: bool = False  # create the output's missing parent folders
    message: str | None = None  # --from: the received message to prefill from and reply to


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
    request: DraftRequest, profile: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """The profile, then the answers file, then ``--set``; the later wins."""
    given: dict[str, Any] = dict(profile or {})
    if request.answers_file:
        given.update(read_answers_file(request.answers_file))
    return merge_assignments(list(request.assignments), given)


def answers_path_for(output: Path) -> Path:
    """``NAME.answers.yml`` beside ``NAME.ext``."""
    stem = output.stem if output.suffix else output.name
    return output.with_name(f"{stem}.answers.yml")


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
        from replykit.formats.pdf import require_converter

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
    check_targets(plan.files, request.force, request.mkdir)
    return plan


def check_targets(paths: list[Path], force: bool, mkdir: bool) -> None:
    """Refuse before writing any of ``paths``: a missing folder, a folder, an existing file."""
    for path in paths:
        folder = path.parent
        if not folder.is_dir():
            if folder.exists():
                raise OutputError(f"{folder} is not a folder; cannot write {path} into it")
            if not mkdir:
                raise OutputError(f"folder {folder} does not exist; create it or pass --mkdir")
        if path.is_dir():
            raise OutputError(f"{path} is a folder; choose a file name")
    if force:
        return
    existing = [path for path in paths if os.path.lexists(path)]
    if len(existing) == 1:
        refuse_existing(existing[0], force)
    elif existing:
        raise OutputError(
            f"{existing[0]} and {existing[1]} already exist; both were left untouched",
            hint="Pass --force to replace them, or choose another file with -o.",
        )


def run_draft(request: DraftRequest) -> Letter | None:
    """Draft one letter as ``request`` says; return it, or None when the person cancelled."""
    from replykit.formats import format_for
    from replykit.profile import answers_for, profile_path, read_profile

    mail = read_message(request.message) if request.message else None
    if not request.lang:
        request = replace(request, lang=mail.lang if mail else "ru")
    composer = Composer.open(request.playbook, request.playbooks_dir)
    channel = composer.check_target(request.lang, request.channel)
    fmt = format_for(request.output, request.fmt)
    plan = plan_outputs(request, fmt)
    profile = answers_for(composer.playbook, read_profile(request.profile))
    prefill = Prefill.build(mail, composer.playbook, request.lang) if mail else None
    layer = prefill.under(profile, request.interactive) if prefill else profile
    given = gather_answers(request, layer)
    if prefill and not request.as_json:
        prefill.report(given, sys.stderr)
    from_profile = {key for key, value in profile.items() if given.get(key) is value}

    try:
        if request.interactive:
            letter = _interactive(composer, given, request.lang, channel, prefill)
            if letter is None:
                return None
        else:
            resolved = composer.resolve(given, request.lang, channel=channel)
            letter = composer.render(resolved, request.lang, channel)
    except AnswerError as err:
        _blame_profile(err, from_profile, profile_path(request.profile))
        raise
    options: dict[str, Any] = {}
    if fmt in DOCX_FORMATS:
        options = {"docx_template": request.docx_template}
    elif fmt == "eml":
        options = {"reply_to": mail, "sender": read_profile(request.profile)}
    deliver(
        letter,
        request.output,
        fmt,
        request.force,
        request.as_json,
        answers_path=plan.answers,
        mkdir=request.mkdir,
        options=options,
        extra_json=prefill.as_dict(given) if prefill else None,
    )
    for caution in letter.warnings:  # the playbook's own cautions, e.g. a debt acknowledged
        sys.stderr.write(f"Warning: {caution}\n")
    if request.check:  # findings advise; they never change draft's exit code
        from replykit.check import check_letter, format_findings

        report = check_letter(letter, composer.playbook)
        if report.findings:
            sys.stderr.write(format_findings(report, "letter"))
    return letter


def _blame_profile(err: AnswerError, from_profile: set[str], path: Path) -> None:
    """Say which of the bad answers came from the profile, and how to correct them."""
    names = sorted({p.field for p in err.problems if p.field in from_profile})
    if names:
        note = (
            f"{', '.join(names)} came from the profile {path}: correct it with "
            "`replykit profile set KEY=VALUE`, or override it with --set."
        )
        err.hint = f"{err.hint}\n{note}" if err.hint else note


def _interactive(
    composer: Composer, given: dict[str, Any], lang: str, channel: str, prefill: Prefill | None
) -> Letter | None:
    from replykit.prompting import Prompter

    prompter = Prompter(lang)
    ask: AskFunction = prefill.asking(prompter.ask, sys.stderr) if prefill else prompter.ask
    resolved = composer.resolve(given, lang, ask, channel)
    while True:
        letter = composer.render(resolved, lang, channel)
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


def refuse_existing(path: Path, force: bool) -> None:
    """Refuse early (before any question is asked) when the output file exists."""
    if path.exists() and not force:
        raise OutputError(
            f"{path} already exists; it was left untouched",
            hint="Pass --force to replace it, or choose another file with -o.",
        )


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
    extra_json: Mapping[str, Any] | None = None,
) -> None:
    """Print the letter, or write it (and its answers file) to ``output`` atomically.

    Both files are checked before either is written: an existing one (without ``force``)
    or a missing folder (without ``mkdir``) leaves everything untouched.
    """
    from replykit.formats import render_bytes

    extra = dict(options or {})
    if not output or output == "-":
        if as_json:
            data = render_bytes(letter, "json")
            if extra_json:
                import json

                body = {**letter.as_dict(), **extra_json}
                data = (json.dumps(body, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
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
    from replykit.atomic import write_atomic

    path = Path(output)
    data = render_bytes(letter, fmt, **extra)  # a letter that fails to render writes nothing
    saved = saved_answers_text(letter, path, answers_path) if answers_path else None
    plan = OutputPlan(path, answers_path)
    check_targets(plan.files, force, mkdir)
    if mkdir:
        for target in plan.files:
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
            except OSError as err:
                raise OutputError(
                    f"cannot create the folder {target.parent}: {err.strerror or err}"
                ) from err
    write_atomic(path, data, force=force)
    if answers_path is not None and saved is not None:
        write_atomic(answers_path, saved, force=force)
    if as_json:
        body = {**letter.as_dict(), **(extra_json or {})}
        body["output"] = {"path": str(path), "format": fmt}
        if answers_path is not None:
            body["output"]["answers"] = str(answers_path)
        import json

        sys.stdout.write(json.dumps(body, ensure_ascii=False, indent=2) + "\n")
    else:
        for target in plan.files:
            sys.stderr.write(f"Wrote {target}\n")


def dump_answers(answers: Mapping[str, Any]) -> str:
    """Typed answers as YAML an answers file reads back to the same answers.

    Dates as ISO text, money as text (no float rounding), Cyrillic as is, several lines of
    text as a literal block; keys in the playbook's order.
    """
    import yaml

    from replykit.fields import to_plain

    class Dumper(yaml.SafeDumper):
        pass

    def text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
        style = "|" if "\n" in value else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    Dumper.add_representer(str, text)
    return yaml.dump(
        to_plain(dict(answers)),
        Dumper=Dumper,
        allow_unicode=True,
        sort_keys=False,
        width=1000,
    )


def saved_answers_text(letter: Letter, output: Path, answers_path: Path) -> str:
    """The answers file written beside ``output``: a two-line header, then the answers."""
    header = (
        f"# The answers behind {output.name}: replykit draft {letter.playbook} "
        f"--lang {letter.lang} --channel {letter.channel}\n"
        f"# Correct one and re-render: --answers {answers_path.name} -o {output.name} --force\n"
    )
    return header + dump_answers(letter.answers)
