"""Atomic file writes: whoever opens the file sees nothing, or all of it, never a part.

:func:`write_atomic` writes into a hidden temporary file in the same folder
(``.NAME.1a2b3c4d.tmp``), flushes it to disk, then moves it into place in one step. Without
``force`` the move is a hard link, which fails if the name exists, so two writers racing
for one name never clobber each other. A failure removes the temporary file. A process
killed outright (SIGKILL, power loss) can still leave one behind: a re-run clears them with
:func:`remove_stale_temp_files`.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
from pathlib import Path

from replykit.errors import OutputError
from replykit.targets import check_writable, exists_error, missing_folder, taken

__all__ = ["is_temp_file", "remove_stale_temp_files", "write_atomic"]

_TEMP_NAME = re.compile(r"\..+\.[0-9a-f]{8}\.tmp")
_NAME_BYTES_IN_TEMP = 200  # keeps ".NAME.XXXXXXXX.tmp" under the usual 255-byte limit
# errno values meaning "this file system has no hard links" (FAT, exFAT, some shares).
_NO_HARD_LINKS = frozenset(
    getattr(errno, name)
    for name in ("EPERM", "ENOTSUP", "EOPNOTSUPP", "EXDEV", "ENOSYS", "EMLINK")
    if hasattr(errno, name)
)


def write_atomic(
    path: Path,
    data: bytes | str,
    *,
    force: bool = False,
    encoding: str = "utf-8",
    sync: bool = True,
) -> None:
    """Write ``data`` to ``path`` atomically; refuse to replace an existing file unless ``force``.

    Raises OutputError (exit 5) when the file exists, the folder is missing or unwritable,
    or the disk fills up; files written before stay intact and no temporary file is left.
    ``sync=False`` skips the two fsyncs (about 9 ms a file on an ordinary disk): the write is
    still atomic for any process that is killed, only a power cut may lose it. Batch writes
    thousands of files that way and syncs once at the end.
    """
    payload = data.encode(encoding) if isinstance(data, str) else bytes(data)
    path = Path(path)
    folder = path.parent
    check_writable([path], force=force)
    temp: str | None = None
    try:
        temp, fd = _create_temp(folder, path.name)
        try:
            view = memoryview(payload)
            while view:
                view = view[os.write(fd, view) :]
            if sync:
                os.fsync(fd)
        finally:
            os.close(fd)
        if force:
            os.replace(temp, path)
            temp = None
        else:
            temp = _link_into_place(temp, path)
        if sync:
            _fsync_folder(folder)
    except OSError as err:
        raise _output_error(err, path, folder) from err
    finally:
        if temp is not None:
            _remove_quietly(temp)


def is_temp_file(name: str) -> bool:
    """True for a name :func:`write_atomic` uses for its temporary files."""
    return _TEMP_NAME.fullmatch(name) is not None


def remove_stale_temp_files(folder: Path) -> list[Path]:
    """Delete temporary files a killed run left in ``folder``; return what was removed.

    Call it only when no other replykit run is writing into the same folder.
    """
    removed = []
    try:
        entries = list(os.scandir(folder))
    except FileNotFoundError:
        return []
    except OSError as err:
        raise _output_error(err, folder, folder) from err
    for entry in entries:
        if is_temp_file(entry.name) and entry.is_file(follow_symlinks=False):
            try:
                os.unlink(entry.path)
            except FileNotFoundError:
                continue
            except OSError as err:
                raise _output_error(err, Path(entry.path), folder) from err
            removed.append(Path(entry.path))
    return removed


def _create_temp(folder: Path, name: str) -> tuple[str, int]:
    short = name.encode("utf-8")[:_NAME_BYTES_IN_TEMP].decode("utf-8", "ignore")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        temp = os.path.join(folder, f".{short}.{secrets.token_hex(4)}.tmp")
        try:
            # 0o666 and the umask, like any new file (mkstemp would force 0o600).
            return temp, os.open(temp, flags, 0o666)
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary name", os.fspath(folder))


def _link_into_place(temp: str, path: Path) -> str | None:
    """Give ``temp`` the name ``path`` only if nothing has it; return what is left to remove."""
    try:
        os.link(temp, path)
    except FileExistsError:
        raise exists_error([path]) from None
    except OSError as err:
        if err.errno not in _NO_HARD_LINKS:
            raise
        # No hard links here: check, then rename. Two writers could race in between, which
        # only --force-less runs into the same folder on such file systems could meet.
        if taken(path):
            raise exists_error([path]) from None
        os.replace(temp, path)
        return None
    return temp


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); best effort."""
    if os.name == "nt":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _remove_quietly(temp: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(temp)


def _output_error(err: OSError, path: Path, folder: Path) -> OutputError:
    code = err.errno
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return OutputError(
            f"disk full while writing {path}; files already written are intact",
            hint="free some space and re-run with --skip-existing",
        )
    if code in (errno.EACCES, errno.EPERM):
        return OutputError(
            f"cannot write to {path}: permission denied",
            hint=f"check that you may write in {folder}, or choose another place",
        )
    if code == errno.EROFS:
        return OutputError(f"cannot write to {path}: the file system is read-only")
    if code == errno.ENOENT:
        return missing_folder(folder)
    if code == errno.ENAMETOOLONG:
        return OutputError(f"cannot write {path}: the file name is too long")
    if code == errno.EISDIR:
        return OutputError(f"{path} is a folder; choose a file name")
    return OutputError(f"cannot write {path}: {err.strerror or err}")
