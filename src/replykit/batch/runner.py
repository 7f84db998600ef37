"""Batch runs: one letter per row, every row validated before anything is written.

:func:`run_batch` takes a :class:`BatchRequest` and works in two passes:

1. **Check.** Rows are read as a stream; each row's cells become answers (``--map``
   renames columns, ``--set`` constants win over cells, as ``--set`` wins over an answers
   file in ``draft``), which are resolved for the row's language and channel, and its file
   name is claimed. Every problem of every row is reported (row, field, value, message).
   The resolved answers go to an anonymous spool file, not to memory, so the second pass
   needs neither the input again (stdin works) nor a second parse. ``dry_run`` stops here.
2. **Render.** Spooled rows are rendered and written atomically, or streamed as JSONL.

Decisions a caller may rely on:

- ``on_error="skip"`` renders the good rows and reports the bad; ``"stop"`` writes nothing
  at all when the check finds a problem. A row that fails while rendering (a template
  error) is a failed row; with ``"stop"`` it ends the run after the rows already in flight.
- File names are claimed in row order by *every* row, failed ones included (from their raw
  cells), so a row's name never depends on which other rows failed, were skipped, or which
  process rendered them: a re-run with ``skip_existing`` finds exactly the files of the
  first run. Collisions get ``-2``, ``-3``…; names are sanitised by :mod:`.naming`.
- An existing file is never replaced without ``force``; when the check finds any, the run
  stops before writing (exit 5) unless ``skip_existing`` keeps them.
- ``jobs > 1`` checks and renders chunks of rows in worker processes; results come back in
  row order, so files, manifest and JSONL are byte-identical to ``jobs=1``.
- Memory stays flat: rows, answers and letters are never held for the whole file.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import pickle
import re
import signal
import tempfile
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence, Set
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, BinaryIO, NamedTuple, Protocol

from replykit.answers import AnswerSources, ResolvedAnswers
from replykit.assignments import merge_assignments
from replykit.batch.readers import (
    DEFAULT_MAX_FIELD_BYTES,
    RowSource,
    check_mapping,
    parse_mappings,
    read_rows,
)
from replykit.conditions import condition_context
from replykit.errors import (
    AnswerError,
    BatchInputError,
    BatchRowsFailedError,
    Interrupted,
    MissingAnswersError,
    OutputError,
    Problem,
    ReplykitError,
    UsageError,
    did_you_mean,
)
from replykit.targets import taken

__all__ = [
    "DEFAULT_NAME_PATTERN",
    "ON_ERROR",
    "BatchReporter",
    "BatchRequest",
    "BatchResult",
    "RowFailure",
    "run_batch",
]

ON_ERROR = ("skip", "stop")
DEFAULT_NAME_PATTERN = '{{ "%04d"|format(row_number) }}-{{ customer_name }}'
_FALLBACK_PATTERN = '{{ "%04d"|format(row_number) }}'
_PATTERN_NAMES = frozenset({"row_number", "lang", "channel"})
_CHUNK_ROWS = 32
_WINDOW_PER_JOB = 4


@dataclass(frozen=True)
class BatchRequest:
    """Everything ``replykit batch`` was asked to do, as one value."""

    playbook: str
    source: str
    mappings: tuple[str, ...] = ()
    assignments: tuple[str, ...] = ()
    lang: str = "ru"
    channel: str | None = None
    lang_column: str | None = None
    channel_column: str | None = None
    out_dir: Path | None = None
    name_pattern: str | None = None
    fmt: str | None = None
    jsonl: bool = False
    on_error: str = "skip"
    dry_run: bool = False
    skip_existing: bool = False
    force: bool = False
    limit: int | None = None
    jobs: int = 1
    encoding: str = "auto"
    delimiter: str = "auto"
    input_format: str = "auto"
    max_field_bytes: int = DEFAULT_MAX_FIELD_BYTES
    profile: Path | None = None  # the sender profile; None: the one in the config folder
    playbooks_dir: Path | None = None

    def check(self) -> None:
        """Raise UsageError listing every contradictory or out-of-range option."""
        found: list[str] = []
        if self.jsonl:
            if self.out_dir is not None:
                found.append("--jsonl prints the letters on stdout; drop --out-dir")
            for flag, given in (
                ("--name", self.name_pattern is not None),
                ("--format", self.fmt is not None),
                ("--skip-existing", self.skip_existing),
                ("--force", self.force),
            ):
                if given:
                    found.append(f"{flag} is for files; --jsonl prints the letters on stdout")
        elif self.out_dir is None:
            found.append("say where the letters go: --out-dir DIR, or --jsonl for stdout")
        if self.skip_existing and self.force:
            found.append("--skip-existing keeps existing files and --force replaces them; pick one")
        if self.on_error not in ON_ERROR:
            found.append(f"--on-error {self.on_error!r}: use skip or stop")
        if self.limit is not None and self.limit < 1:
            found.append(f"--limit must be at least 1, not {self.limit}")
        if self.jobs < 1:
            found.append(f"--jobs must be at least 1, not {self.jobs}")
        if found:
            raise UsageError(
                "; ".join(found),
                hint="See `replykit batch --help`.",
                problems=[Problem(message) for message in found],
            )


@dataclass(frozen=True)
class RowFailure:
    """A row that will not (or did not) become a letter, and why."""

    row: int
    where: str
    problems: tuple[Problem, ...]

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready: the row number and its problems."""
        return {"row": self.row, "problems": [p.as_dict() for p in self.problems]}


@dataclass
class BatchResult:
    """How a batch run went: counts, timing and where the output is."""

    source: str
    rows: int = 0
    rendered: int = 0
    skipped: int = 0
    failed: int = 0
    seconds: float = 0.0
    fmt: str = ""
    out_dir: Path | None = None
    manifest: Path | None = None
    dry_run: bool = False
    stopped: bool = False

    @property
    def rows_per_second(self) -> float:
        """Rows handled per second over the whole run (check and render)."""
        return self.rows / self.seconds if self.seconds > 0 else 0.0

    def error(self) -> BatchRowsFailedError | None:
        """The error to end with when rows failed (exit 6), else None."""
        if not self.failed:
            return None
        of = f"{self.failed} of {self.rows} {'row' if self.rows == 1 else 'rows'}"
        if self.dry_run or (self.stopped and not self.rendered):
            why = "--dry-run" if self.dry_run else "--on-error stop"
            return BatchRowsFailedError(
                f"{of} {'has' if self.failed == 1 else 'have'} problems; "
                f"nothing was written ({why})",
                hint="Fix the rows listed above and run the command again.",
            )
        where = f"above and in {self.manifest}" if self.manifest else "above"
        if self.out_dir is None:
            where = 'above and as "failed" lines of the JSONL'
        return BatchRowsFailedError(
            f"{of} failed; the other rows were rendered",
            hint=f"The problems are listed {where}. Fix those rows and re-run with "
            "--skip-existing to render only them."
            if self.out_dir is not None
            else f"The problems are listed {where}.",
        )

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready summary (see README, "Batch")."""
        return {
            "source": self.source,
            "rows": self.rows,
            "rendered": self.rendered,
            "skipped": self.skipped,
            "failed": self.failed,
            "seconds": round(self.seconds, 3),
            "rows_per_second": round(self.rows_per_second, 1),
            "format": self.fmt,
            "out_dir": str(self.out_dir) if self.out_dir else None,
            "manifest": str(self.manifest) if self.manifest else None,
            "dry_run": self.dry_run,
            "stopped": self.stopped,
        }


class BatchReporter(Protocol):
    """What the run tells its caller as it goes (the CLI prints it; the core never does)."""

    def note(self, message: str) -> None:
        """Something worth knowing that is not a problem (ignored columns, overrides)."""

    def row_failed(self, failure: RowFailure) -> None:
        """A row failed, in row order: reported during the check, or while rendering."""

    def start(self, phase: str, total: int | None) -> None:
        """A pass begins: ``checking`` (total unknown) or ``rendering`` (total known)."""

    def advance(self, rows: int) -> None:
        """``rows`` more rows are done in the current pass."""


class _Silent:
    def note(self, message: str) -> None:
        pass

    def row_failed(self, failure: RowFailure) -> None:
        pass

    def start(self, phase: str, total: int | None) -> None:
        pass

    def advance(self, rows: int) -> None:
        pass


# --- what travels between the passes and the processes ---------------------------------------


class _Raw(NamedTuple):
    number: int
    where: str
    values: dict[str, str]
    problems: tuple[Problem, ...]


class _Checked(NamedTuple):
    number: int
    where: str
    lang: str
    channel: str
    answers: dict[str, Any] | None  # None: the row failed
    problems: tuple[Problem, ...]
    stem: str


class _Planned(NamedTuple):
    number: int
    where: str
    status: str  # ok, exists, failed
    lang: str
    channel: str
    answers: dict[str, Any] | None
    problems: tuple[Problem, ...]
    name: str


class _Done(NamedTuple):
    number: int
    where: str
    status: str  # written, exists, failed
    name: str
    problems: tuple[Problem, ...]
    line: bytes  # the JSONL line, or b""
    new_failure: bool  # failed while rendering (not reported by the check)


@dataclass(frozen=True)
class _Setup:
    """What every process needs to check and render rows (picklable)."""

    playbook: str
    playbooks_dir: Path | None
    columns: tuple[tuple[str, str], ...]  # (column, field) pairs that give answers
    constants: dict[str, Any]
    profile: dict[str, Any]  # the sender profile's answers: below the cells, as in draft
    lang: str
    channel: str
    lang_column: str | None
    channel_column: str | None
    name_pattern: str | None  # None with --jsonl
    fmt: str
    out_dir: Path | None
    force: bool
    jsonl: bool
    covered: frozenset[str] = field(default_factory=frozenset)


# --- one process's work ----------------------------------------------------------------------


class _Worker:
    """Checks and renders rows; one per process, the playbook and templates loaded once."""

    def __init__(self, setup: _Setup) -> None:
        from replykit.composer import Composer

        self.setup = setup
        self.composer = Composer.open(setup.playbook, setup.playbooks_dir)
        self.playbook = self.composer.playbook
        self.field_names = self.playbook.field_names
        self.pattern = _compile_pattern(setup.name_pattern) if setup.name_pattern else None
        self.render_bytes: Callable[..., bytes] | None = None

    # pass 1

    def check(self, rows: list[_Raw]) -> list[_Checked]:
        return [self._check(raw) for raw in rows]

    def _check(self, raw: _Raw) -> _Checked:
        setup = self.setup
        if raw.problems:  # ragged, oversized, bad JSON: the cells cannot be trusted
            return self._failed(raw, setup.lang, setup.channel, raw.problems)
        values = raw.values
        cells = {name: values[column] for column, name in setup.columns if column in values}
        sources = AnswerSources(assignments=setup.constants, row=cells, profile=setup.profile)
        given = dict(sources.combined())
        problems: list[Problem] = []
        lang = self._target(raw, setup.lang_column, setup.lang, self.playbook.languages, problems)
        channel = self._target(
            raw, setup.channel_column, setup.channel, self.playbook.channels, problems
        )
        if problems:
            return self._failed(raw, lang, channel, tuple(problems), given)
        try:
            resolved = self.composer.resolve(given, lang, channel=channel)
        except AnswerError as err:
            found = tuple(self._row_problem(p, raw.where) for p in err.problems)
            return self._failed(raw, lang, channel, found, given)
        stem = ""
        if self.pattern is not None:
            context = resolved.context(self.playbook, lang, channel)
            context["row_number"] = raw.number
            try:
                stem = self.pattern.render(context)
            except Exception as err:  # a user's pattern may fail in any way Jinja can
                problem = Problem(f"--name: {err}", where=raw.where, value=setup.name_pattern)
                return self._failed(raw, lang, channel, (problem,), given)
        return _Checked(raw.number, raw.where, lang, channel, resolved.values, (), stem)

    def _target(
        self,
        raw: _Raw,
        column: str | None,
        default: str,
        allowed: Sequence[str],
        problems: list[Problem],
    ) -> str:
        """The row's language or channel: its cell in ``column`` when not empty, else the flag."""
        if column is None:
            return default
        cell = raw.values.get(column, "").strip()
        if not cell:
            return default
        value = cell.lower()
        if value not in allowed:
            problems.append(
                Problem(
                    f"{column}: '{cell}' is not one of: {', '.join(allowed)}",
                    where=raw.where,
                    field=column,
                    value=cell,
                    allowed=tuple(allowed),
                )
            )
            return default
        return value

    def _row_problem(self, problem: Problem, where: str) -> Problem:
        message = problem.message
        if problem.code == "missing":
            if problem.field in self.setup.covered:
                message = f"{problem.field}: required, but the cell is empty"
            else:
                message = f"{problem.field}: required for this row, but no column gives it"
        return Problem(
            message, where=where, field=problem.field, value=problem.value, allowed=problem.allowed
        )

    def _failed(
        self,
        raw: _Raw,
        lang: str,
        channel: str,
        problems: tuple[Problem, ...],
        given: dict[str, Any] | None = None,
    ) -> _Checked:
        return _Checked(
            raw.number, raw.where, lang, channel, None, problems, self._raw_stem(raw, given)
        )

    def _raw_stem(self, raw: _Raw, given: dict[str, Any] | None) -> str:
        """A failed row still claims a name (from its raw cells) so later names never shift."""
        if self.pattern is None:
            return ""
        if given is None:
            given = {name: raw.values[col] for col, name in self.setup.columns if col in raw.values}
        context = condition_context(self.field_names, given, self.setup.lang, self.setup.channel)
        context["row_number"] = raw.number
        try:
            return str(self.pattern.render(context))
        except Exception:
            return f"{raw.number:04d}"

    # pass 2

    def render(self, items: list[_Planned]) -> list[_Done]:
        return [self._render(item) for item in items]

    def _render(self, item: _Planned) -> _Done:
        setup = self.setup
        if item.status != "ok" or item.answers is None:
            line = _jsonl_failure(item.number, item.problems) if setup.jsonl else b""
            return _Done(
                item.number, item.where, item.status, item.name, item.problems, line, False
            )
        try:
            letter = self.composer.render(ResolvedAnswers(item.answers), item.lang, item.channel)
            if setup.jsonl:
                body = {"row": item.number, "status": "ok", "letter": letter.as_dict()}
                line = (json.dumps(body, ensure_ascii=False) + "\n").encode("utf-8")
                return _Done(item.number, item.where, "written", "", (), line, False)
            if self.render_bytes is None:
                from replykit.formats import render_bytes

                self.render_bytes = render_bytes
            data = self.render_bytes(letter, setup.fmt)
        except ReplykitError as err:
            return self._render_failed(item, f"cannot render: {err.message}")
        assert setup.out_dir is not None
        path = setup.out_dir / item.name
        from replykit.atomic import write_atomic

        try:
            write_atomic(path, data, force=setup.force, sync=False)
        except OutputError:
            if setup.force or not taken(path):
                raise  # disk full, permissions: the whole run stops (exit 5)
            return self._render_failed(
                item, f"{item.name} appeared meanwhile; it was left untouched"
            )
        return _Done(item.number, item.where, "written", item.name, (), b"", False)

    def _render_failed(self, item: _Planned, message: str) -> _Done:
        problems = (Problem(message, where=item.where),)
        line = _jsonl_failure(item.number, problems) if self.setup.jsonl else b""
        return _Done(item.number, item.where, "failed", item.name, problems, line, True)


def _jsonl_failure(number: int, problems: Sequence[Problem]) -> bytes:
    body = {"row": number, "status": "failed", "problems": [p.as_dict() for p in problems]}
    return (json.dumps(body, ensure_ascii=False) + "\n").encode("utf-8")


def _compile_pattern(source: str) -> Any:
    from replykit.sandbox import new_environment

    env = new_environment()
    # A name may use an unanswered field: it prints as nothing, never as "None".
    env.finalize = lambda value: "" if value is None else value
    return env.from_string(source)


# --- processes ------------------------------------------------------------------------------

_WORKER: _Worker | None = None


def _start_worker(setup: _Setup) -> None:
    global _WORKER
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and ends the pool
    _WORKER = _Worker(setup)


def _in_worker(method: str, chunk: list[Any]) -> list[Any]:
    assert _WORKER is not None
    result: list[Any] = getattr(_WORKER, method)(chunk)
    return result


class _Mapper:
    """Runs a worker method over chunks, here or in a pool, yielding results in order.

    At most a few chunks per process are in flight, so a fast reader never piles rows up in
    memory; :meth:`stop` stops sending new chunks while the ones in flight finish.
    """

    def __init__(self, setup: _Setup, jobs: int) -> None:
        self.jobs = jobs
        self.stopped = False
        self.pool: Any = None
        self.worker: _Worker | None = None
        if jobs > 1:
            import multiprocessing

            self.pool = multiprocessing.get_context().Pool(jobs, _start_worker, (setup,))
        else:
            self.worker = _Worker(setup)

    def map(self, method: str, chunks: Iterable[list[Any]]) -> Iterator[list[Any]]:
        self.stopped = False
        if self.worker is not None:
            call = getattr(self.worker, method)
            for chunk in chunks:
                if self.stopped:
                    return
                yield call(chunk)
            return
        window: deque[Any] = deque()
        limit = self.jobs * _WINDOW_PER_JOB
        for chunk in chunks:
            if self.stopped:
                break
            window.append(self.pool.apply_async(_in_worker, (method, chunk)))
            if len(window) >= limit:
                yield window.popleft().get()
        while window:
            yield window.popleft().get()

    def stop(self) -> None:
        self.stopped = True

    def close(self) -> None:
        if self.pool is not None:
            self.pool.close()
            self.pool.join()

    def terminate(self) -> None:
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()


def _chunks(items: Iterable[Any], size: int = _CHUNK_ROWS) -> Iterator[list[Any]]:
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


# --- the run --------------------------------------------------------------------------------


def run_batch(
    request: BatchRequest,
    reporter: BatchReporter | None = None,
    stdout: BinaryIO | None = None,
) -> BatchResult:
    """Check every row, then render the good ones; see the module docstring for the rules.

    JSONL goes to ``stdout`` (a binary stream). Raises UsageError, BatchInputError,
    AnswerError or OutputError before anything is written, Interrupted on Ctrl-C; failed
    rows are counted in the result, not raised.
    """
    started = time.perf_counter()
    report = reporter or _Silent()
    request.check()
    source, setup = _prepare(request, report)
    result = BatchResult(
        source=source.name,
        fmt="jsonl" if setup.jsonl else setup.fmt,
        out_dir=setup.out_dir,
        dry_run=request.dry_run,
    )
    with contextlib.ExitStack() as stack:
        stack.callback(source.close)
        spool = stack.enter_context(tempfile.TemporaryFile(prefix="replykit-batch-"))
        mapper = _Mapper(setup, request.jobs)
        try:
            planned = _check_rows(request, setup, source, mapper, spool, report, result)
            if (
                planned
                and not request.dry_run
                and not (result.failed and request.on_error == "stop")
            ):
                _render_rows(request, setup, mapper, spool, report, result, stdout)
            mapper.close()
        except KeyboardInterrupt:
            mapper.terminate()
            if result.rendered:
                raise Interrupted(
                    f"interrupted after {result.rendered} letters; every file written is complete",
                    hint="Re-run the same command with --skip-existing to render the rest.",
                ) from None
            raise Interrupted("interrupted; nothing was written") from None
        except BaseException:
            mapper.terminate()
            raise
    result.stopped = bool(result.failed and request.on_error == "stop")
    result.seconds = time.perf_counter() - started
    return result


def _prepare(request: BatchRequest, report: BatchReporter) -> tuple[RowSource, _Setup]:
    """Check the options against the playbook and the file's header; open the file."""
    from replykit.composer import Composer

    composer = Composer.open(request.playbook, request.playbooks_dir)
    playbook = composer.playbook
    channel = composer.choose_channel(request.lang, request.channel)
    fields = set(playbook.field_names)
    fmt = ""
    if not request.jsonl:
        from replykit.formats import format_for

        fmt = format_for(None, request.fmt)
    mapping = parse_mappings(request.mappings)
    constants = merge_assignments(list(request.assignments))
    _check_targets(playbook.id, fields, mapping, constants)
    from replykit.profile import answers_for, read_profile

    profile = answers_for(playbook, read_profile(request.profile))
    pattern = None
    if not request.jsonl:
        pattern = request.name_pattern or (
            DEFAULT_NAME_PATTERN if "customer_name" in fields else _FALLBACK_PATTERN
        )
        _check_pattern(pattern, fields)
    out_dir = None
    if request.out_dir is not None:
        out_dir = request.out_dir
        if out_dir.exists() and not out_dir.is_dir():
            raise OutputError(f"--out-dir {out_dir} is a file, not a folder")

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
        used: list[tuple[str, str]] = []
        ignored: list[str] = []
        for column in columns:
            target = mapping.get(column, column)
            if target in fields and not (column not in mapping and target in mapping.values()):
                used.append((column, target))
            elif column not in special:
                ignored.append(column)
        if ignored:
            names = ", ".join(ignored)
            report.note(
                f"ignoring columns that are not fields of {playbook.id}: {names} "
                "(use --map COLUMN=FIELD to use one)"
            )
        overridden = sorted(name for _column, name in used if name in constants)
        if overridden:
            report.note(f"--set overrides the column of {', '.join(overridden)} in every row")
        covered = frozenset(name for _column, name in used)
        _check_required(playbook, covered | set(constants) | set(profile), columns, source.name)
    except BaseException:
        source.close()
        raise
    setup = _Setup(
        playbook=request.playbook,
        playbooks_dir=request.playbooks_dir,
        columns=tuple(used),
        constants=constants,
        profile=profile,
        lang=request.lang,
        channel=channel,
        lang_column=request.lang_column,
        channel_column=request.channel_column,
        name_pattern=pattern,
        fmt=fmt,
        out_dir=out_dir,
        force=request.force,
        jsonl=request.jsonl,
        covered=covered,
    )
    return source, setup


def _check_targets(
    playbook_id: str, fields: set[str], mapping: dict[str, str], constants: dict[str, Any]
) -> None:
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


# A name pattern is fields and a few filters, no statements, calls or arithmetic: a pattern
# like {% for %}{% for %} or "x" * 10**10 would otherwise stall or swamp every row.
_NAME_FILTERS = frozenset(
    {"format", "lower", "upper", "title", "capitalize", "trim", "truncate", "default", "d"}
    | {"string", "date", "first", "last", "replace"}
)
_MAX_PATTERN_CHARS = 200
_MAX_CONST_INT = 999
_MAX_CONST_CHARS = 40
_WIDE_FORMAT = re.compile(r"%[-+ #0]*\d{3,}")


def _check_pattern(pattern: str, fields: set[str]) -> None:
    from jinja2 import TemplateSyntaxError, meta, nodes

    from replykit.sandbox import new_environment

    def refuse(why: str) -> UsageError:
        return UsageError(
            f"--name {pattern!r}: {why}",
            hint="A name pattern holds fields, row_number, lang and channel with simple filters, "
            "e.g. --name '{{ \"%04d\"|format(row_number) }}-{{ customer_name }}'.",
        )

    if len(pattern) > _MAX_PATTERN_CHARS:
        raise refuse(f"longer than {_MAX_PATTERN_CHARS} characters")
    try:
        tree = new_environment().parse(pattern)
    except TemplateSyntaxError as err:
        raise UsageError(f"--name {pattern!r}: {err.message}") from err
    allowed = (
        nodes.Output, nodes.TemplateData, nodes.Name, nodes.Const, nodes.Filter, nodes.Getattr,
        nodes.Getitem, nodes.Concat, nodes.CondExpr, nodes.Compare, nodes.Operand, nodes.And,
        nodes.Or, nodes.Not, nodes.Keyword,
    )  # fmt: skip
    for node in tree.find_all(nodes.Node):
        if not isinstance(node, allowed):
            raise refuse(f"only fields and filters are allowed, not {type(node).__name__.lower()}")
        if isinstance(node, nodes.Filter) and node.name not in _NAME_FILTERS:
            raise refuse(f"the filter '{node.name}' is not allowed in a name")
        if isinstance(node, nodes.Const):
            value = node.value
            too_big = isinstance(value, int | float) and abs(value) > _MAX_CONST_INT
            if too_big or (
                isinstance(value, str)
                and (len(value) > _MAX_CONST_CHARS or _WIDE_FORMAT.search(value))
            ):
                raise refuse(f"the constant {value!r} is too large for a name")
    unknown = sorted(meta.find_undeclared_variables(tree) - fields - _PATTERN_NAMES)
    if unknown:
        raise UsageError(
            f"--name {pattern!r} uses {', '.join(unknown)}, which "
            f"{'is not a field' if len(unknown) == 1 else 'are not fields'}",
            hint="A name pattern may use the playbook's fields, row_number, lang and channel.",
        )


def _check_required(playbook: Any, given: Set[str], columns: Sequence[str], source: str) -> None:
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


def _check_rows(
    request: BatchRequest,
    setup: _Setup,
    source: RowSource,
    mapper: _Mapper,
    spool: IO[bytes],
    report: BatchReporter,
    result: BatchResult,
) -> int:
    """Pass 1: check every row, claim its name, spool the plan; return the rows planned."""
    from replykit.batch.naming import OutputNamer

    report.start("checking", None)
    rows: Iterable[Any] = (
        source if request.limit is None else itertools.islice(source, request.limit)
    )
    raws = (_Raw(r.number, r.where, r.values, tuple(r.problems)) for r in rows)
    namer = OutputNamer(setup.out_dir, setup.fmt) if setup.out_dir is not None else None
    conflicts: list[str] = []
    conflict_count = 0
    dump = pickle.dump
    for checked in mapper.map("check", _chunks(raws)):
        for row in checked:
            result.rows += 1
            status = "ok" if row.answers is not None else "failed"
            name = ""
            if namer is not None:
                path = namer.claim(row.stem)
                name = path.name
                if status == "ok" and taken(path):
                    if request.skip_existing:
                        status = "exists"
                    elif not request.force:
                        conflict_count += 1
                        if len(conflicts) < 3:
                            conflicts.append(name)
            if status == "failed":
                result.failed += 1
                report.row_failed(RowFailure(row.number, row.where, row.problems))
            planned = _Planned(
                row.number,
                row.where,
                status,
                row.lang,
                row.channel,
                row.answers,
                row.problems,
                name,
            )
            dump(planned, spool, pickle.HIGHEST_PROTOCOL)
        report.advance(len(checked))
    if conflict_count:
        more = ", …" if conflict_count > len(conflicts) else ""
        raise OutputError(
            f"{conflict_count} {'letter' if conflict_count == 1 else 'letters'} would replace "
            f"files in {setup.out_dir}: {', '.join(conflicts)}{more}; nothing was written",
            hint="Pass --skip-existing to keep them (to resume an interrupted run), "
            "or --force to replace them.",
        )
    if result.rows == 0:
        raise BatchInputError(
            f"{source.name} has a header but no data rows",
            hint="Add one row per letter below the header.",
        )
    return result.rows


def _spooled(spool: IO[bytes]) -> Iterator[_Planned]:
    spool.seek(0)
    load = pickle.load
    while True:
        try:
            yield load(spool)
        except EOFError:
            return


def _render_rows(
    request: BatchRequest,
    setup: _Setup,
    mapper: _Mapper,
    spool: IO[bytes],
    report: BatchReporter,
    result: BatchResult,
    stdout: BinaryIO | None,
) -> None:
    """Pass 2: render the planned rows in order, write the files or the JSONL, and the manifest."""
    from replykit.batch.manifest import ManifestWriter

    manifest: ManifestWriter | None = None
    if setup.out_dir is not None:
        _make_folder(setup.out_dir)
        if request.skip_existing:
            from replykit.atomic import remove_stale_temp_files

            remove_stale_temp_files(setup.out_dir)
        manifest = ManifestWriter(setup.out_dir)
    out = stdout
    if setup.jsonl and out is None:
        import sys

        out = sys.stdout.buffer
    stop = request.on_error == "stop"
    report.start("rendering", result.rows)
    try:
        for done in mapper.map("render", _chunks(_spooled(spool))):
            for row in done:
                if row.status == "written":
                    result.rendered += 1
                elif row.status == "exists":
                    result.skipped += 1
                elif row.new_failure:
                    result.failed += 1
                    report.row_failed(RowFailure(row.number, row.where, row.problems))
                    if stop:
                        mapper.stop()
                if manifest is not None:
                    manifest.add(row.number, row.name, row.status, row.problems)
                if out is not None and row.line:
                    out.write(row.line)
            if out is not None:
                out.flush()
            report.advance(len(done))
    except BaseException:
        if manifest is not None:
            manifest.discard()
        raise
    if manifest is not None:
        # Letters are written without a per-file fsync (9 ms each on a plain disk): atomic
        # for a killed process all the same. One sync here makes the whole run durable.
        if hasattr(os, "sync"):
            os.sync()
        result.manifest = manifest.commit()


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise OutputError(f"--out-dir {folder} is a file, not a folder") from None
    except OSError as err:
        raise OutputError(
            f"cannot create the folder {folder}: {err.strerror}",
            hint="Check the path and that you may write there.",
        ) from err
