"""Atomic writes: all or nothing, never over an existing file without force, no temp files left."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import textwrap
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from replykit.atomic import is_temp_file, remove_stale_temp_files, write_atomic
from replykit.errors import OutputError

SRC = Path(__file__).resolve().parents[1] / "src"


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.mark.parametrize(
    ("data", "encoding", "expected"),
    [
        ("Уважаемая Анна Сергеевна!\n", "utf-8", "Уважаемая Анна Сергеевна!\n".encode()),
        ("Уважаемая Анна!\r\n", "cp1251", "Уважаемая Анна!\r\n".encode("cp1251")),
        (b"\x00\x01binary", "utf-8", b"\x00\x01binary"),
        ("", "utf-8", b""),
    ],
    ids=["text", "other-encoding-crlf-kept", "bytes", "empty"],
)
def test_writes(data: bytes | str, encoding: str, expected: bytes, tmp_path: Path) -> None:
    path = tmp_path / "reply.txt"
    write_atomic(path, data, encoding=encoding)
    assert path.read_bytes() == expected
    assert leftovers(tmp_path) == []


def test_refuses_to_overwrite(tmp_path: Path) -> None:
    path = tmp_path / "reply.txt"
    path.write_text("old")
    with pytest.raises(OutputError) as info:
        write_atomic(path, "new")
    assert info.value.message == f"{path} already exists; it was left untouched"
    assert info.value.hint == "Pass --force to replace it."
    assert info.value.exit_code == 5
    assert path.read_text() == "old"
    assert leftovers(tmp_path) == []


def test_force_replaces(tmp_path: Path) -> None:
    path = tmp_path / "reply.txt"
    path.write_text("old")
    write_atomic(path, "new", force=True)
    assert path.read_text() == "new"
    assert leftovers(tmp_path) == []


def test_a_dangling_symlink_counts_as_existing(tmp_path: Path) -> None:
    path = tmp_path / "reply.txt"
    os.symlink(tmp_path / "nowhere", path)
    with pytest.raises(OutputError, match="already exists; it was left untouched"):
        write_atomic(path, "x")
    assert not (tmp_path / "nowhere").exists()


def test_force_replaces_a_symlink_not_its_target(tmp_path: Path) -> None:
    target = tmp_path / "target.txt"
    target.write_text("keep")
    path = tmp_path / "reply.txt"
    os.symlink(target, path)
    write_atomic(path, "new", force=True)
    assert not path.is_symlink()
    assert (path.read_text(), target.read_text()) == ("new", "keep")


def _missing_folder(d: Path) -> Path:
    return d / "missing" / "reply.txt"


def _path_is_a_folder(d: Path) -> Path:
    (d / "reply.txt").mkdir()
    return d / "reply.txt"


def _parent_is_a_file(d: Path) -> Path:
    (d / "f").write_text("")
    return d / "f" / "reply.txt"


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (_missing_folder, "folder {d}/missing does not exist; create it or pass --mkdir"),
        (_path_is_a_folder, "{d}/reply.txt is a folder; choose a file name"),
        (_parent_is_a_file, "{d}/f is not a folder; cannot write {d}/f/reply.txt into it"),
    ],
    ids=["missing-folder", "path-is-a-folder", "parent-is-a-file"],
)
def test_refused_paths(make: Callable[[Path], Path], message: str, tmp_path: Path) -> None:
    with pytest.raises(OutputError) as info:
        write_atomic(make(tmp_path), "x", force=True)
    assert info.value.message == message.format(d=tmp_path)


def _fail(code: int) -> Callable[..., None]:
    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(code, os.strerror(code))

    return fail


@pytest.mark.parametrize(
    ("target", "code", "message"),
    [
        ("fsync", errno.ENOSPC, "disk full while writing {p}; files already written are intact"),
        ("write", errno.ENOSPC, "disk full while writing {p}; files already written are intact"),
        ("write", errno.EDQUOT, "disk full while writing {p}; files already written are intact"),
        ("open", errno.EACCES, "cannot write to {p}: permission denied"),
        ("replace", errno.EPERM, "cannot write to {p}: permission denied"),
        ("open", errno.EROFS, "cannot write to {p}: the file system is read-only"),
        ("open", errno.ENOENT, "folder {d} does not exist; create it or pass --mkdir"),
        ("write", errno.EIO, "cannot write {p}: Input/output error"),
    ],
    ids=["disk-full-fsync", "disk-full-write", "quota", "permission-open", "permission-replace",
         "read-only", "folder-vanished", "io-error"],
)  # fmt: skip
def test_faults_are_clear_and_leave_nothing(
    target: str, code: int, message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    earlier = tmp_path / "0001-earlier.txt"
    write_atomic(earlier, "written before")
    path = tmp_path / "0002-reply.txt"
    monkeypatch.setattr(os, target, _fail(code))
    with pytest.raises(OutputError) as info:
        write_atomic(path, "x" * 10_000, force=True)
    monkeypatch.undo()
    assert info.value.message == message.format(p=path, d=tmp_path)
    assert info.value.exit_code == 5
    assert not path.exists()
    assert earlier.read_text() == "written before"
    assert leftovers(tmp_path) == []


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="root ignores permissions")
def test_a_read_only_folder(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(OutputError) as info:
            write_atomic(folder / "reply.txt", "x")
    finally:
        folder.chmod(0o700)
    assert info.value.message == f"cannot write to {folder / 'reply.txt'}: permission denied"


def test_an_interrupt_removes_the_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupt(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(tmp_path / "reply.txt", "x")
    assert list(tmp_path.iterdir()) == []


def test_without_hard_links_it_still_refuses_to_overwrite(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "link", _fail(errno.EPERM))
    path = tmp_path / "reply.txt"
    write_atomic(path, "first")
    with pytest.raises(OutputError, match="already exists; it was left untouched"):
        write_atomic(path, "second")
    assert path.read_text() == "first"
    assert leftovers(tmp_path) == []


def test_racing_writers_never_clobber(tmp_path: Path) -> None:
    path = tmp_path / "reply.txt"
    start = threading.Barrier(8)
    outcomes: dict[int, str] = {}

    def writer(n: int) -> None:
        start.wait()
        try:
            write_atomic(path, f"writer {n}\n" * 20_000)
            outcomes[n] = "wrote"
        except OutputError as err:
            outcomes[n] = err.message

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    winners = [n for n, outcome in outcomes.items() if outcome == "wrote"]
    assert len(winners) == 1
    assert path.read_text() == f"writer {winners[0]}\n" * 20_000
    assert leftovers(tmp_path) == []


def test_a_long_name_still_gets_a_temp_file(tmp_path: Path) -> None:
    path = tmp_path / ("я" * 120 + ".txt")  # 244 bytes; the temp name must stay under 255
    write_atomic(path, "x")
    assert path.read_text() == "x"


@pytest.mark.skipif(os.name == "nt", reason="SIGKILL")
def test_sigkill_mid_write_leaves_no_partial_file(tmp_path: Path) -> None:
    path = tmp_path / "reply.txt"
    script = textwrap.dedent(
        f"""
        import os, sys, time
        sys.path.insert(0, {str(SRC)!r})
        from pathlib import Path
        from replykit.atomic import write_atomic

        def stall(fd):
            print("writing", flush=True)
            time.sleep(30)

        os.fsync = stall
        write_atomic(Path({str(path)!r}), "x" * 1_000_000)
        """
    )
    # A real process: the test SIGKILLs it in the middle of a write.
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None
        assert child.stdout.readline() == "writing\n"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
        if child.stdout is not None:
            child.stdout.close()
    assert not path.exists()
    [temp] = leftovers(tmp_path)
    assert is_temp_file(temp) and temp.startswith(".reply.txt.")
    assert remove_stale_temp_files(tmp_path) == [tmp_path / temp]
    assert list(tmp_path.iterdir()) == []
    write_atomic(path, "complete")
    assert path.read_text() == "complete"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (".reply.txt.1a2b3c4d.tmp", True),
        (".0007-smirnova-anna.txt.00000000.tmp", True),
        ("reply.txt", False),
        (".reply.txt.tmp", False),
        ("reply.txt.1a2b3c4d.tmp", False),
        (".reply.txt.1A2B3C4D.tmp", False),
        (".gitignore", False),
    ],
    ids=["temp", "batch-temp", "letter", "no-token", "not-hidden", "upper-hex", "dotfile"],
)
def test_is_temp_file(name: str, expected: bool) -> None:
    assert is_temp_file(name) is expected


def test_remove_stale_temp_files_keeps_everything_else(tmp_path: Path) -> None:
    for name in [".a.txt.0123abcd.tmp", "a.txt", ".notes.tmp", "b.tmp"]:
        (tmp_path / name).write_text("x")
    (tmp_path / ".dir.0123abcd.tmp").mkdir()
    assert remove_stale_temp_files(tmp_path) == [tmp_path / ".a.txt.0123abcd.tmp"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".dir.0123abcd.tmp",
        ".notes.tmp",
        "a.txt",
        "b.tmp",
    ]
    assert remove_stale_temp_files(tmp_path / "missing") == []
