"""Batch runs: one letter per row, every row validated before anything is written.

:func:`run_batch` takes a :class:`~replykit.batch.request.BatchRequest` and works in two passes:

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
import os
import pickle
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from typing import IO, BinaryIO

from replykit.atomic import remove_stale_temp_files
from replykit.batch.input import Row, RowSource
from replykit.batch.manifest import MANIFEST_NAME, ManifestWriter
from replykit.batch.naming import OutputNamer
from replykit.batch.pool import RowPool, chunks
from replykit.batch.preflight import Setup, prepare
from replykit.batch.request import BatchRequest
from replykit.batch.result import BatchReporter, BatchResult, RowFailure, SilentReporter
from replykit.batch.rows import RowPlan
from replykit.errors import BatchInputError, Interrupted, OutputError
from replykit.targets import make_folders, taken

__all__ = ["run_batch"]


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
    report = reporter or SilentReporter()
    request.check()
    source, setup = prepare(request, report)
    result = BatchResult(
        source=source.name,
        fmt="jsonl" if request.jsonl else setup.fmt,
        out_dir=request.out_dir,
        dry_run=request.dry_run,
    )
    with contextlib.ExitStack() as stack:
        stack.callback(source.close)
        spool = stack.enter_context(tempfile.TemporaryFile(prefix="replykit-batch-"))
        pool = RowPool(setup, request.jobs)
        try:
            planned = _check_rows(setup, source, pool, spool, report, result)
            if (
                planned
                and not request.dry_run
                and not (result.failed and request.on_error == "stop")
            ):
                _render_rows(setup, pool, spool, report, result, stdout)
            pool.close()
        except KeyboardInterrupt:
            pool.terminate()
            if result.rendered:
                raise Interrupted(
                    f"interrupted after {result.rendered} letters; every file written is complete",
                    hint="Re-run the same command with --skip-existing to render the rest.",
                ) from None
            raise Interrupted("interrupted; nothing was written") from None
        except BaseException:
            pool.terminate()
            raise
    result.stopped = bool(result.failed and request.on_error == "stop")
    result.seconds = time.perf_counter() - started
    return result


def _check_rows(
    setup: Setup,
    source: RowSource,
    pool: RowPool,
    spool: IO[bytes],
    report: BatchReporter,
    result: BatchResult,
) -> int:
    """Pass 1: check every row, claim its name, spool the plan; return the rows planned."""
    request = setup.request
    report.start("checking", None)
    rows: Iterable[Row] = (
        source if request.limit is None else itertools.islice(source, request.limit)
    )
    out_dir = request.out_dir
    namer = OutputNamer(out_dir, setup.fmt) if out_dir is not None else None
    conflicts: list[str] = []
    conflict_count = 0
    dump = pickle.dump
    for checked in pool.map("check", chunks(RowPlan.read(row) for row in rows)):
        for plan in checked:
            result.rows += 1
            if namer is not None:
                path = namer.claim(plan.stem)
                plan.name = path.name
                if plan.status == "ok" and taken(path):
                    if request.skip_existing:
                        plan.status = "exists"
                    elif not request.force:
                        conflict_count += 1
                        if len(conflicts) < 3:
                            conflicts.append(plan.name)
            if plan.status == "failed":
                result.failed += 1
                report.row_failed(RowFailure(plan.number, plan.where, plan.problems))
            dump(plan, spool, pickle.HIGHEST_PROTOCOL)
        report.advance(len(checked))
    if conflict_count:
        more = ", …" if conflict_count > len(conflicts) else ""
        raise OutputError(
            f"{conflict_count} {'letter' if conflict_count == 1 else 'letters'} would replace "
            f"files in {out_dir}: {', '.join(conflicts)}{more}; nothing was written",
            hint="Pass --skip-existing to keep them (to resume an interrupted run), "
            "or --force to replace them.",
        )
    if result.rows == 0:
        raise BatchInputError(
            f"{source.name} has a header but no data rows",
            hint="Add one row per letter below the header.",
        )
    return result.rows


def _spooled(spool: IO[bytes]) -> Iterator[RowPlan]:
    spool.seek(0)
    load = pickle.load
    while True:
        try:
            yield load(spool)
        except EOFError:
            return


def _render_rows(
    setup: Setup,
    pool: RowPool,
    spool: IO[bytes],
    report: BatchReporter,
    result: BatchResult,
    stdout: BinaryIO | None,
) -> None:
    """Pass 2: render the planned rows in order, write the files or the JSONL, and the manifest."""
    request = setup.request
    manifest: ManifestWriter | None = None
    if request.out_dir is not None:
        make_folders([request.out_dir / MANIFEST_NAME])
        if request.skip_existing:
            remove_stale_temp_files(request.out_dir)
        manifest = ManifestWriter(request.out_dir)
    out = stdout
    if request.jsonl and out is None:
        out = sys.stdout.buffer
    stop = request.on_error == "stop"
    report.start("rendering", result.rows)
    try:
        for done in pool.map("render", chunks(_spooled(spool))):
            for plan in done:
                if plan.status == "written":
                    result.rendered += 1
                elif plan.status == "exists":
                    result.skipped += 1
                elif plan.failed_rendering:
                    result.failed += 1
                    report.row_failed(RowFailure(plan.number, plan.where, plan.problems))
                    if stop:
                        pool.stop()
                if manifest is not None:
                    manifest.add(plan.number, plan.name, plan.status, plan.problems)
                if out is not None and plan.line:
                    out.write(plan.line)
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
