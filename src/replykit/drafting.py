"""The ``draft`` workflow behind the CLI: gather answers, render, preview, write.

This is the edge between the library and a person: it may print the letter to
stdout and hand the terminal to :mod:`replykit.prompting`, but it never parses
command-line options (that is :mod:`replykit.cli`).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from replykit.answers import AskFunction, merge_assignments, read_answers_file
from replykit.composer import Composer
from replykit.errors import OutputError
from replykit.render import Letter


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


def gather_answers(request: DraftRequest) -> dict[str, Any]:
    """The answers file merged with ``--set`` (``--set`` wins)."""
    given: dict[str, Any] = {}
    if request.answers_file:
        given = read_answers_file(request.answers_file)
    return merge_assignments(list(request.assignments), given)


def run_draft(request: DraftRequest) -> Letter | None:
    """Draft one letter as ``request`` says; return it, or None when the person cancelled."""
    from replykit.formats import format_for

    composer = Composer.open(request.playbook, request.playbooks_dir)
    channel = composer.check_target(request.lang, request.channel)
    fmt = format_for(request.output, request.fmt)
    if request.output and request.output != "-":
        refuse_existing(Path(request.output), request.force)
    given = gather_answers(request)

    if request.interactive:
        letter = _interactive(composer, given, request.lang, channel)
        if letter is None:
            return None
    else:
        resolved = composer.resolve(given, request.lang, channel=channel)
        letter = composer.render(resolved, request.lang, channel)
    deliver(letter, request.output, fmt, request.force, request.as_json)
    for caution in letter.warnings:  # the playbook's own cautions, e.g. a debt acknowledged
        sys.stderr.write(f"Warning: {caution}\n")
    if request.check:  # findings advise; they never change draft's exit code
        from replykit.check import check_letter, format_findings

        report = check_letter(letter, composer.playbook)
        if report.findings:
            sys.stderr.write(format_findings(report, "letter"))
    return letter


def _interactive(
    composer: Composer, given: dict[str, Any], lang: str, channel: str
) -> Letter | None:
    from replykit.prompting import Prompter

    prompter = Prompter(lang)
    ask: AskFunction = prompter.ask
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


def deliver(letter: Letter, output: str | None, fmt: str, force: bool, as_json: bool) -> None:
    """Print the letter, or write it to ``output`` atomically."""
    from replykit.formats import render_bytes

    if not output or output == "-":
        if as_json:
            data = render_bytes(letter, "json")
        elif fmt in ("docx", "pdf") and sys.stdout.isatty():
            raise OutputError(
                f"{fmt} is a binary format and stdout is a terminal",
                hint=f"Write it to a file: -o reply.{fmt}",
            )
        else:
            data = render_bytes(letter, fmt)
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    from replykit.atomic import write_atomic

    path = Path(output)
    write_atomic(path, render_bytes(letter, fmt), force=force)
    if as_json:
        body = letter.as_dict()
        body["output"] = {"path": str(path), "format": fmt}
        import json

        sys.stdout.write(json.dumps(body, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stderr.write(f"Wrote {path}\n")
