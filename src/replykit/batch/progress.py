"""What a batch run shows a person: notes, row problems, a progress bar and the summary.

stdout is the product (JSONL letters, or the ``--json`` summary); everything here goes to
stderr. The Rich progress bar appears only on a terminal and never with ``--quiet``; Rich is
imported only then, so scripts and pipes never pay for it.
"""

from __future__ import annotations

import json
import sys
from typing import Any, TextIO

from replykit.batch.result import BatchResult, RowFailure
from replykit.errors import ReplykitError

__all__ = ["TerminalReporter", "summary_text"]


class TerminalReporter:
    """A :class:`~replykit.batch.result.BatchReporter` for the command line."""

    def __init__(
        self, *, progress: bool, quiet: bool, as_json: bool, stream: TextIO | None = None
    ) -> None:
        self.stream = stream or sys.stderr
        self.show_progress = progress and not quiet
        self.quiet = quiet
        self.as_json = as_json
        self.failures: list[dict[str, Any]] = []  # failed rows only, for the --json summary
        self._progress: Any = None
        self._task: Any = None

    def note(self, message: str) -> None:
        if not self.quiet:
            self._say(f"Note: {message}")

    def row_failed(self, failure: RowFailure) -> None:
        if self.as_json:
            self.failures.append(failure.as_dict())
            return
        for problem in failure.problems:
            self._say(problem.describe() if problem.where else f"{failure.where}: {problem}")

    def start(self, phase: str, total: int | None) -> None:
        if not self.show_progress:
            return
        if self._progress is None:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeRemainingColumn,
            )

            self._progress = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                console=Console(file=self.stream),
                transient=True,
            )
            self._progress.start()
        elif self._task is not None:
            self._progress.remove_task(self._task)
        self._task = self._progress.add_task(phase.capitalize(), total=total)

    def advance(self, rows: int) -> None:
        if self._progress is not None:
            self._progress.advance(self._task, rows)

    def close(self) -> None:
        """Take the progress bar off the screen."""
        if self._progress is not None:
            self._progress.stop()
            self._progress = None

    def summary(self, result: BatchResult, error: ReplykitError | None) -> None:
        """The summary: a line on stderr, or with ``--json`` one JSON document on stdout."""
        self.close()
        if self.as_json:
            body = result.as_dict()
            body["failed_rows"] = self.failures
            if error is not None:
                body.update(error.as_dict())
            sys.stdout.write(json.dumps(body, ensure_ascii=False, indent=2) + "\n")
        elif not self.quiet:
            self._say(summary_text(result))

    def _say(self, line: str) -> None:
        if self._progress is not None:
            self._progress.console.print(line, markup=False, highlight=False)
        else:
            self.stream.write(line + "\n")


def summary_text(result: BatchResult) -> str:
    """One line: what was rendered, skipped and failed, in how long."""
    speed = f"{result.rows} rows in {result.seconds:.1f} s ({result.rows_per_second:,.0f} rows/s)"
    if result.dry_run or (result.stopped and not result.rendered):
        why = "--dry-run" if result.dry_run else "--on-error stop"
        ready = result.rows - result.failed
        return (
            f"Checked {speed}: {ready} ready, {result.failed} with problems; "
            f"nothing was written ({why})."
        )
    letters = f"{result.rendered} {'letter' if result.rendered == 1 else 'letters'}"
    if result.out_dir:
        done = (
            f"Rendered {letters} to {result.out_dir} ({result.fmt}), kept {result.skipped} existing"
        )
    else:
        done = f"Rendered {letters} as JSONL"
    text = f"{done}, {result.failed} failed; {speed}."
    if result.manifest:
        text += f" Manifest: {result.manifest}"
    return text
