"""The ``replykit`` command line: options in, one library call, output out.

Exit codes are listed once, in ``cli_options.EPILOG`` (the values live in
:mod:`replykit.errors`). Shared options are in :mod:`replykit.cli_options`, the error boundary
and JSON output in :mod:`replykit.cli_output`, ``replykit profile`` in :mod:`replykit.cli_profile`.
With ``--json`` every command prints one JSON document on stdout, errors too (docs/json.md).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from replykit.cli_options import (
    EPILOG,
    TYPER_SETTINGS,
    ChannelOpt,
    DateOpt,
    JsonOpt,
    LangOpt,
    LetterLangOpt,
    MaxCharsOpt,
    PlaybooksOpt,
    ProfileOpt,
    SetOpt,
    parse_day,
)
from replykit.cli_output import handles_errors, print_json
from replykit.cli_profile import profile_app
from replykit.errors import UsageError

app = typer.Typer(
    name="replykit",
    help="Compose replies to complaints, claims, reviews and objections from playbooks.",
    epilog=EPILOG,
    **TYPER_SETTINGS,
)

# Each command imports the library when it runs: importing replykit.draft up here would make
# every `replykit --help` about 2.7 times slower (368 ms -> 998 ms, best of 5, loaded machine).


@app.command("list")
@handles_errors
def list_command(playbooks: PlaybooksOpt = None, as_json: JsonOpt = False) -> None:
    """List the playbooks: id, title, languages and channels."""
    from replykit.catalog import list_playbooks

    entries = list_playbooks(playbooks)
    if as_json:
        print_json({"playbooks": entries})
        return
    for entry in entries:
        if "error" in entry:
            sys.stdout.write(f"{entry['id']:<22} (does not load: `replykit validate` says why)\n")
            sys.stderr.write(f"Warning: {entry['error']}\n")
            continue
        langs = ",".join(entry["languages"])
        channels = ",".join(entry["channels"])
        sys.stdout.write(f"{entry['id']:<22} {entry['title']['en']}  [{langs}] [{channels}]\n")


@app.command("show")
@handles_errors
def show_command(
    playbook: Annotated[str, typer.Argument(help="Playbook id, e.g. complaint.")],
    lang: LangOpt = "en",
    playbooks: PlaybooksOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Show a playbook: its steps and fields (type, choices, when, default)."""
    from replykit.catalog import describe_playbook, playbook_as_text
    from replykit.composer import choose_locale

    description = describe_playbook(playbook, choose_locale(lang).language, playbooks)
    if as_json:
        print_json(description)
    else:
        sys.stdout.write(playbook_as_text(description))


@app.command("draft")
@handles_errors
def draft_command(
    playbook: Annotated[str, typer.Argument(help="Playbook id, e.g. complaint.")],
    lang: LetterLangOpt = None,
    channel: ChannelOpt = None,
    assignments: SetOpt = None,
    message: Annotated[
        str | None,
        typer.Option(
            "--from", help="The message you received (.eml or text; - for stdin): prefill from it."
        ),
    ] = None,
    answers_file: Annotated[
        str | None,
        typer.Option("--answers", "-a", help="Answers file (YAML or JSON); - for stdin."),
    ] = None,
    no_input: Annotated[
        bool, typer.Option("--no-input", help="Never ask; fail (exit 3) if answers are missing.")
    ] = False,
    output: Annotated[
        str | None, typer.Option("--output", "-o", help="Write to FILE (- for stdout).")
    ] = None,
    fmt: Annotated[
        str | None, typer.Option("--format", "-f", help="txt, md, html, json, docx, pdf or eml.")
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace an existing output file.")
    ] = False,
    check: Annotated[
        bool, typer.Option("--check/--no-check", help="Lint the letter; findings go to stderr.")
    ] = True,
    fail_on: Annotated[
        str,
        typer.Option(
            "--fail-on", help="Exit 1 when the check finds this or worse: error, warning, never."
        ),
    ] = "error",
    docx_template: Annotated[
        Path | None,
        typer.Option(
            "--docx-template", help="Your letterhead (.docx with docxtpl tags) for docx and pdf."
        ),
    ] = None,
    profile: ProfileOpt = None,
    save_answers: Annotated[
        bool,
        typer.Option("--save-answers", help="Also write NAME.answers.yml beside -o NAME.ext."),
    ] = False,
    mkdir: Annotated[
        bool, typer.Option("--mkdir", help="Create the output's missing parent folders.")
    ] = False,
    max_chars: MaxCharsOpt = None,
    day: DateOpt = None,
    typography: Annotated[
        bool | None,
        typer.Option(
            "--typography/--no-typography",
            help="Non-breaking spaces (№ 17, 64 000 руб.) in txt and JSON too; "
            "md, html, docx and pdf always have them.",
            show_default=False,
        ),
    ] = None,
    playbooks: PlaybooksOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Draft one letter: ask what is missing (on a terminal), show it, print or save it."""
    from replykit.check import LetterCheckError
    from replykit.draft import DraftRequest, run_draft

    if message == "-" and answers_file == "-":
        raise UsageError("--from - and --answers - both read stdin; give one of them a file")
    request = DraftRequest(
        playbook=playbook,
        lang=lang,
        message=message,
        channel=channel,
        assignments=tuple(assignments or ()),
        answers_file=answers_file,
        interactive=not no_input and not as_json and sys.stdin.isatty() and sys.stdout.isatty(),
        output=output,
        fmt=fmt,
        force=force,
        playbooks_dir=playbooks,
        as_json=as_json,
        check=check,
        fail_on=fail_on,
        docx_template=docx_template,
        profile=profile,
        save_answers=save_answers,
        mkdir=mkdir,
        max_chars=max_chars,
        today=parse_day(day),
        typography=typography,
    )
    try:
        run_draft(request)
    except LetterCheckError as err:
        if as_json:  # the letter's JSON already carries the findings under "check"
            raise typer.Exit(err.exit_code) from None
        raise


@app.command("batch")
@handles_errors
def batch_command(
    playbook: Annotated[str, typer.Argument(help="Playbook id, e.g. complaint.")],
    file: Annotated[
        str, typer.Argument(help="CSV, TSV, JSONL or XLSX, one letter per row; - for stdin.")
    ],
    mappings: Annotated[
        list[str] | None,
        typer.Option("--map", "-m", help='A column to a field: "COLUMN=FIELD" (repeatable).'),
    ] = None,
    assignments: SetOpt = None,
    lang: LetterLangOpt = None,
    channel: ChannelOpt = None,
    lang_column: Annotated[
        str | None, typer.Option("--lang-column", help="A column giving each row's language.")
    ] = None,
    channel_column: Annotated[
        str | None, typer.Option("--channel-column", help="A column giving each row's channel.")
    ] = None,
    out_dir: Annotated[
        Path | None, typer.Option("--out-dir", "-o", help="Folder for the letters (created).")
    ] = None,
    name_pattern: Annotated[
        str | None,
        typer.Option("--name", help="File name pattern (Jinja over the answers and row_number)."),
    ] = None,
    fmt: Annotated[
        str | None, typer.Option("--format", "-f", help="txt (default), md, html, json or docx.")
    ] = None,
    jsonl: Annotated[
        bool, typer.Option("--jsonl", help="Print one JSON object per row on stdout, no files.")
    ] = False,
    on_error: Annotated[
        str,
        typer.Option("--on-error", help="skip: render the good rows; stop: write nothing."),
    ] = "skip",
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Check every row, report, write nothing.")
    ] = False,
    skip_existing: Annotated[
        bool, typer.Option("--skip-existing", help="Keep letters already written (resume).")
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Replace existing letters.")] = False,
    limit: Annotated[
        int | None, typer.Option("--limit", help="Only the first N rows.", metavar="N")
    ] = None,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", help="Render in N processes.", metavar="N")
    ] = 1,
    encoding: Annotated[
        str, typer.Option("--encoding", help="auto (utf-16 BOM, utf-8, cp1251) or a codec.")
    ] = "auto",
    delimiter: Annotated[
        str, typer.Option("--delimiter", help="auto, ',', ';', '|' or tab.")
    ] = "auto",
    input_format: Annotated[
        str, typer.Option("--input-format", help="auto, csv, tsv, jsonl or xlsx.")
    ] = "auto",
    max_field_size: Annotated[
        int, typer.Option("--max-field-size", help="Largest cell in bytes.", metavar="BYTES")
    ] = 1_000_000,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress, notes or summary.")
    ] = False,
    profile: ProfileOpt = None,
    max_chars: MaxCharsOpt = None,
    day: DateOpt = None,
    playbooks: PlaybooksOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """One letter per row of a spreadsheet: check every row, then render. Exit 6 if rows fail."""
    from replykit.batch import BatchRequest, run_batch
    from replykit.batch.progress import TerminalReporter

    request = BatchRequest(
        playbook=playbook,
        source=file,
        mappings=tuple(mappings or ()),
        assignments=tuple(assignments or ()),
        lang=lang,
        channel=channel,
        lang_column=lang_column,
        channel_column=channel_column,
        out_dir=out_dir,
        name_pattern=name_pattern,
        fmt=fmt,
        jsonl=jsonl,
        on_error=on_error,
        dry_run=dry_run,
        skip_existing=skip_existing,
        force=force,
        limit=limit,
        jobs=jobs,
        encoding=encoding,
        delimiter=delimiter,
        input_format=input_format,
        max_field_bytes=max_field_size,
        playbooks_dir=playbooks,
        profile=profile,
        max_chars=max_chars,
        today=parse_day(day),
    )
    if as_json and jsonl:
        raise UsageError(
            "--json and --jsonl both print on stdout; pick one",
            hint="--jsonl prints one object per row; its summary goes to stderr.",
        )
    reporter = TerminalReporter(progress=sys.stderr.isatty(), quiet=quiet, as_json=as_json)
    try:
        result = run_batch(request, reporter)
    finally:
        reporter.close()
    error = result.error()
    reporter.summary(result, error)
    if error is not None:
        if as_json:  # the summary above already carries the error
            raise typer.Exit(error.exit_code)
        raise error


@app.command("triage")
@handles_errors
def triage_command(
    file: Annotated[
        str, typer.Argument(help="The message you received: .eml or text; - for stdin.")
    ],
    as_json: JsonOpt = False,
) -> None:
    """Say which playbook and channel fit a message, and the flags its reply must respect."""
    from replykit.message import read_message
    from replykit.triage import triage_message

    message = read_message(file)
    result = triage_message(message)
    if as_json:
        print_json({"file": message.source, **result.as_dict(), "message": message.as_dict()})
    else:
        sys.stdout.write(result.as_text())


@app.command("schema")
@handles_errors
def schema_command(
    playbook: Annotated[str, typer.Argument(help="Playbook id, e.g. complaint.")],
    lang: LangOpt = "en",
    playbooks: PlaybooksOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Print the JSON Schema (draft 2020-12) of a playbook's answers, for agents and editors."""
    from replykit.composer import choose_locale
    from replykit.playbook.search import SearchPath
    from replykit.schema import answers_schema

    language = choose_locale(lang).language
    print_json(answers_schema(SearchPath.default(playbooks).load(playbook), language))


@app.command("check")
@handles_errors
def check_command(
    file: Annotated[str, typer.Argument(help="The reply: a text file, a draft's .json, or -.")],
    playbook: Annotated[
        str | None, typer.Option("--playbook", "-p", help="Check against this playbook's rules.")
    ] = None,
    lang: Annotated[
        str | None, typer.Option("--lang", "-l", help="ru or en (guessed from the text if absent).")
    ] = None,
    channel: ChannelOpt = None,
    playbooks: PlaybooksOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Lint a reply: required steps, phrases to avoid, placeholders, dates. Exit 1 on an error."""
    from replykit.check import check_reply, format_findings, read_reply_file
    from replykit.errors import EXIT_CHECK
    from replykit.playbook.search import SearchPath

    reply, source, encoding = read_reply_file(file)
    if encoding != "utf-8" and not as_json:
        sys.stderr.write(f"Note: {source} was read as {encoding}.\n")
    playbook_id = playbook or reply.playbook
    loaded = SearchPath.default(playbooks).load(playbook_id) if playbook_id else None
    report = check_reply(reply, loaded, lang=lang, channel=channel)
    if as_json:
        print_json({"file": source, "encoding": encoding, **report.as_dict()})
    else:
        sys.stdout.write(format_findings(report, source))
    if report.has_errors:
        raise typer.Exit(EXIT_CHECK)


@app.command("validate")
@handles_errors
def validate_command(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Playbook files or folders (playbooks/, templates/); none: built-ins."),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Check playbooks and templates: schema, step blocks, fields used, conditions. Exit 4."""
    from replykit.validate import validate_paths

    report = validate_paths(paths or [])
    if as_json:
        print_json(report.as_dict())
    else:
        sys.stdout.write(
            f"ok: {len(report.playbooks)} playbooks, {len(report.templates)} templates\n"
        )


app.add_typer(profile_app)


def main() -> None:
    """Console-script entry point."""
    app(prog_name="replykit")


if __name__ == "__main__":  # pragma: no cover
    main()
