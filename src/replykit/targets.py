"""May replykit write here? The one answer for ``draft -o``, batch letters and atomic writes.

A name is taken when anything has it: a file, a folder, or a symlink, even one that points
nowhere (writing through it would create a file somewhere else). ``draft`` asks before the
first question, :func:`~replykit.atomic.write_atomic` asks again just before it writes, and
batch asks for every letter's name; all three ask :func:`taken` and :func:`check_writable`.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from replykit.errors import OutputError


def taken(path: Path) -> bool:
    """True when something has the name ``path``, a dangling symlink included."""
    return os.path.lexists(path)


def check_writable(
    paths: Sequence[Path], *, force: bool = False, mkdir: bool = False, alternative: str = ""
) -> None:
    """Refuse before writing any of ``paths``: a missing folder, a folder, a name taken.

    ``mkdir`` lets a missing folder pass (:func:`make_folders` creates it); ``force`` lets a
    taken name pass (it is replaced). ``alternative`` ends the hint, e.g. ``", or choose
    another file with -o"``.
    """
    for path in paths:
        folder = path.parent
        if not folder.is_dir():
            if folder.exists():
                raise OutputError(f"{folder} is not a folder; cannot write {path} into it")
            if not mkdir:
                raise missing_folder(folder)
        if path.is_dir():
            raise OutputError(f"{path} is a folder; choose a file name")
    if force:
        return
    existing = [path for path in paths if taken(path)]
    if existing:
        raise exists_error(existing, alternative)


def exists_error(existing: Sequence[Path], alternative: str = "") -> OutputError:
    """The refusal for names already taken (one, or two: a letter and its answers file)."""
    if len(existing) == 1:
        return OutputError(
            f"{existing[0]} already exists; it was left untouched",
            hint=f"Pass --force to replace it{alternative}.",
        )
    return OutputError(
        f"{existing[0]} and {existing[1]} already exist; both were left untouched",
        hint=f"Pass --force to replace them{alternative}.",
    )


def missing_folder(folder: Path) -> OutputError:
    """The refusal for a folder that does not exist."""
    return OutputError(f"folder {folder} does not exist; create it or pass --mkdir")


def make_folders(paths: Sequence[Path]) -> None:
    """Create the missing parent folders of ``paths`` (``--mkdir``)."""
    for path in paths:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise OutputError(
                f"cannot create the folder {path.parent}: {err.strerror or err}",
                hint="Check the path and that you may write there.",
            ) from err
