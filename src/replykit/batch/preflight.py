"""Everything a batch run decides before row 1, and refuses before anything is written: the
options against the playbook, the file's header against ``--map``, ``--set`` and the required
fields, and the :class:`Setup` every process then works from."""

from __future__ import annotations

from collections.abc import Set
from dataclasses import dataclass, replace
from typing import Any

from replykit.assignments import merge_assignments
from replykit.batch.columns import ColumnPlan, check_mapping, parse_mappings, plan_columns
from replykit.batch.input import RowSource, read_rows
from replykit.batch.manifest import MANIFEST_NAME
from replykit.batch.naming import check_pattern, default_pattern
from replykit.batch.request import BatchRequest
from replykit.batch.result import BatchReporter
from replykit.composer import Composer
from replykit.errors import MissingAnswersError, Problem, UsageError, did_you_mean
from replykit.formats import format_for
from replykit.playbook import Playbook
from replykit.profile import answers_for, profile_locale, read_profile
from replykit.targets import check_writable

__all__ = ["Setup", "prepare"]


@dataclass(frozen=True)
class Setup:
    """The request and what was decided from it before row 1 (picklable, for ``--jobs``)."""

    request: BatchRequest
    columns: ColumnPlan
    constants: dict[str, Any]  # --set, the same in every row
    profile: dict[str, Any]  # the sender profile's answers for this playbook
    channel: str  # --channel, or the playbook's first
    fmt: str  # the file format; "" with --jsonl
    name_pattern: str | None  # None with --jsonl


def prepare(request: BatchRequest, report: BatchReporter) -> tuple[RowSource, Setup]:
    """Check the options against the playbook and the file's header; open the file."""
    composer = Composer.open(request.playbook, request.playbooks_dir)
    playbook = composer.playbook
    saved_profile = read_profile(request.profile)
    lang = request.lang or profile_locale(saved_profile, request.profile) or "ru"
    request = replace(request, lang=lang)  # every row's default from here on
    channel = composer.choose_channel(lang, request.channel)
    fields = set(playbook.field_names)
    fmt = "" if request.jsonl else format_for(None, request.fmt)
    mapping = parse_mappings(request.mappings)
    constants = merge_assignments(list(request.assignments))
    _check_field_names(playbook.id, fields, mapping, constants)
    profile = answers_for(playbook, saved_profile)
    pattern = None
    if not request.jsonl:
        pattern = request.name_pattern or default_pattern(fields)
        check_pattern(pattern, fields)
    out_dir = request.out_dir
    if out_dir is not None:  # the manifest is the one file every run writes into the folder
        check_writable([out_dir / MANIFEST_NAME], force=True, mkdir=True)

    source = read_rows(
        request.source,
        encoding=request.encoding,
        delimiter=request.delimiter,
        fmt=request.input_format,
        max_field_bytes=request.max_field_bytes,
    )
    try:
        columns = source.columns
        check_mapping(mapping, columns, source=source.name)
        special = [c for c in (request.lang_column, request.channel_column) if c is not None]
        check_mapping({c: c for c in special}, columns, source=source.name)
        plan = plan_columns(columns, mapping, fields, special)
        if plan.ignored:
            names = ", ".join(plan.ignored)
            report.note(
                f"ignoring columns that are not fields of {playbook.id}: {names} "
                "(use --map COLUMN=FIELD to use one)"
            )
        overridden = sorted(name for _column, name in plan.used if name in constants)
        if overridden:
            report.note(f"--set overrides the column of {', '.join(overridden)} in every row")
        given = plan.covered | set(constants) | set(profile)
        _check_required(playbook, given, columns, source.name)
    except BaseException:
        source.close()
        raise
    setup = Setup(request, plan, constants, profile, channel, fmt, pattern)
    return source, setup


def _check_field_names(
    playbook_id: str, fields: set[str], mapping: dict[str, str], constants: dict[str, Any]
) -> None:
    """Every field that --map and --set name must be one of the playbook's."""
    problems = []
    for flag, names in (("--map", mapping.values()), ("--set", constants.keys())):
        for name in names:
            if name not in fields:
                tip = did_you_mean(name, sorted(fields))
                problems.append(
                    Problem(
                        f"{flag}: {playbook_id} has no field '{name}'{tip}",
                        field=name,
                        allowed=tuple(sorted(fields)),
                    )
                )
    if problems:
        raise UsageError(
            "; ".join(p.message for p in problems),
            hint=f"`replykit show {playbook_id}` lists the fields.",
            problems=problems,
        )


def _check_required(playbook: Playbook, given: Set[str], columns: list[str], source: str) -> None:
    """A required field that no column, --set or default gives would fail every row: say so once."""
    missing = [
        f.name
        for f in playbook.fields
        if f.required and f.when is None and f.default is None and f.name not in given
    ]
    if not missing:
        return
    problems = [
        Problem(f"{name}: no column gives it", where=source, field=name, hint=f"--set {name}=…")
        for name in missing
    ]
    raise MissingAnswersError(
        f"{source}: no column gives the required "
        f"{'field' if len(missing) == 1 else 'fields'} {', '.join(missing)}",
        hint="Add a column named after the field, map one with --map COLUMN=FIELD, or give every "
        f"row the same value with --set FIELD=VALUE. The file's columns: {', '.join(columns)}.",
        problems=problems,
    )
