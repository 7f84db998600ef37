"""The batch manifest: one line per row (row, file, status, problems) in ``DIR/manifest.csv``.

Lines are streamed into a hidden temporary file in the output folder while the run goes and
moved into place at the end, so the manifest is always whole: a killed run leaves the
previous manifest (or none) and a temporary file that the next ``--skip-existing`` run
clears. The letters themselves are the state a resumed run reads, not the manifest.

UTF-8 with a BOM, so Excel shows the Cyrillic correctly; problems of one row are joined by
``"; "``. Statuses: ``written``, ``exists`` (kept by ``--skip-existing``), ``failed``.
"""

from __future__ import annotations

import contextlib
import csv
import os
import secrets
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from replykit.errors import OutputError, Problem

__all__ = ["MANIFEST_NAME", "ManifestWriter"]

MANIFEST_NAME = "manifest.csv"
COLUMNS = ("row", "file", "status", "problems")


class ManifestWriter:
    """Streams manifest lines to a temporary file in ``folder``; :meth:`commit` publishes it."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / MANIFEST_NAME
        # Named like write_atomic's temporary files, so remove_stale_temp_files clears it.
        self._temp = folder / f".{MANIFEST_NAME}.{secrets.token_hex(4)}.tmp"
        try:
            self._file: TextIO = open(self._temp, "x", encoding="utf-8-sig", newline="")  # noqa: SIM115
        except OSError as err:
            raise OutputError(f"cannot write the manifest in {folder}: {err.strerror}") from err
        self._writer = csv.writer(self._file)
        self._writer.writerow(COLUMNS)

    def add(self, row: int, file: str, status: str, problems: Sequence[Problem] = ()) -> None:
        """One row's line."""
        self._writer.writerow((row, file, status, "; ".join(p.message for p in problems)))

    def commit(self) -> Path:
        """Move the finished manifest into place (replacing the previous run's) and return it."""
        self._file.close()
        os.replace(self._temp, self.path)
        return self.path

    def discard(self) -> None:
        """Drop the unfinished manifest (the run stopped with an error)."""
        self._file.close()
        with contextlib.suppress(OSError):
            os.unlink(self._temp)
