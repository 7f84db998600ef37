"""What a batch run reports: the :class:`BatchResult`, each :class:`RowFailure`, and the
:class:`BatchReporter` it tells as it goes (the CLI prints; the core never does)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from replykit.errors import BatchRowsFailedError, Problem

__all__ = ["BatchReporter", "BatchResult", "RowFailure", "SilentReporter"]


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


class SilentReporter:
    """A reporter that tells no one: what :func:`~replykit.batch.run_batch` uses by default."""

    def note(self, message: str) -> None:
        pass

    def row_failed(self, failure: RowFailure) -> None:
        pass

    def start(self, phase: str, total: int | None) -> None:
        pass

    def advance(self, rows: int) -> None:
        pass
