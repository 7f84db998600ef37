"""Faults: a full disk, an unwritable folder, Ctrl-C and Ctrl-D at a prompt.

Each ends with a clear message and its documented exit code (5 output refused, 130
interrupted), leaves no partial file and never touches files written before. The SIGKILLed
batch and ``--skip-existing`` are tested with the batch command (``test_batch_cli.py``).
"""

from __future__ import annotations

import errno
import os
import pty
import select
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from replykit.cli import app

from .clihelp import COMPLAINT_CONSTANTS, run
from .conftest import GOLDEN

ANSWERS = GOLDEN / "complaint" / "ru-email-us.yaml"
DRAFT = ["draft", "complaint", "--answers", str(ANSWERS), "--no-input", "--no-check"]
BATCH_CSV = Path(__file__).parent / "fixtures" / "batch" / "good.csv"
CONSTANTS = COMPLAINT_CONSTANTS


def _everything(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _disk_full_after(writes: int) -> Callable[[int, bytes], int]:
    """``os.write`` that writes ``writes`` times, then fails with ENOSPC."""
    real = os.write
    left = [writes]

    def write(fd: int, data: bytes) -> int:
        if left[0] <= 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        left[0] -= 1
        return real(fd, data[:512])  # short writes, so a letter takes several

    return write


# --- draft -o -------------------------------------------------------------------------------


@pytest.mark.parametrize("writes", [0, 1], ids=["at-the-first-byte", "half-way"])
def test_draft_on_a_full_disk(writes: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    earlier = tmp_path / "earlier.txt"
    earlier.write_text("a letter written before", encoding="utf-8")
    target = tmp_path / "reply.txt"
    monkeypatch.setattr(os, "write", _disk_full_after(writes))
    result = CliRunner().invoke(app, [*DRAFT, "-o", str(target)])
    monkeypatch.undo()
    assert result.exit_code == 5, result.output
    assert f"Error: disk full while writing {target}; files already written are intact" in (
        result.output
    )
    assert "Traceback" not in result.output
    assert _everything(tmp_path) == {"earlier.txt": b"a letter written before"}


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d / "file.txt" / "letter.txt", "{d}/file.txt is not a folder; cannot write"),
        (lambda d: d / "missing" / "letter.txt", "folder {d}/missing does not exist"),
        (lambda d: Path("/proc/replykit-test/letter.txt"), "folder /proc/replykit-test does"),
        (lambda d: Path("/proc/self/status"), "/proc/self/status already exists"),
        (lambda d: d, "{d} is a folder; choose a file name"),
    ],
    ids=["under-a-file", "missing-folder", "under-proc", "a-proc-file", "a-folder"],
)
def test_draft_to_an_unwritable_place(
    make: Callable[[Path], Path], message: str, tmp_path: Path
) -> None:
    (tmp_path / "file.txt").write_text("keep me", encoding="utf-8")
    target = make(tmp_path)
    if str(target).startswith("/proc") and not Path("/proc/self").is_dir():
        pytest.skip("no /proc here")
    result = run(*DRAFT, "-o", str(target))
    assert result.code == 5, result.output
    assert f"Error: {message.format(d=tmp_path)}" in result.stderr, result.output
    assert "Traceback" not in result.stderr
    assert _everything(tmp_path) == {"file.txt": b"keep me"}


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="root ignores permission bits")
def test_draft_into_a_read_only_folder(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        result = run(*DRAFT, "-o", str(folder / "letter.txt"))
    finally:
        folder.chmod(0o700)
    assert result.code == 5, result.output
    assert f"cannot write to {folder / 'letter.txt'}: permission denied" in result.stderr
    assert list(folder.iterdir()) == []


# --- batch ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("out_dir", "message"),
    [
        ("file.txt/letters", "cannot create the folder {d}/file.txt/letters: Not a directory"),
        ("file.txt", "is not a folder; cannot write"),
    ],
    ids=["under-a-file", "a-file"],
)
def test_batch_to_an_unwritable_folder(out_dir: str, message: str, tmp_path: Path) -> None:
    (tmp_path / "file.txt").write_text("keep me", encoding="utf-8")
    result = run(
        "batch", "complaint", str(BATCH_CSV), *CONSTANTS, "--out-dir", str(tmp_path / out_dir)
    )
    assert result.code == 5, result.output
    assert message.format(d=tmp_path) in result.stderr, result.output
    assert "Traceback" not in result.stderr
    assert _everything(tmp_path) == {"file.txt": b"keep me"}


def test_batch_on_a_disk_that_fills_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    args = ["batch", "complaint", str(BATCH_CSV), *CONSTANTS, "--out-dir", str(out), "-q"]
    first = CliRunner().invoke(app, [*args, "--limit", "1"])
    assert first.exit_code == 0, first.output
    written = _everything(out)
    monkeypatch.setattr(os, "write", _disk_full_after(0))
    result = CliRunner().invoke(app, [*args, "--skip-existing"])
    monkeypatch.undo()
    assert result.exit_code == 5, result.output  # a full disk stops the batch: every row would fail
    assert "files already written are intact" in result.output, result.output
    assert "Hint: free some space and re-run with --skip-existing" in result.output
    assert "Traceback" not in result.output
    after = _everything(out)
    for name, data in written.items():  # the letters written before are intact
        if name.endswith(".txt"):
            assert after[name] == data
    assert not [n for n in after if n.endswith(".tmp")]
    assert {n for n in after if n.endswith(".txt")} == {n for n in written if n.endswith(".txt")}


# --- the interactive walk on a terminal -----------------------------------------------------


def _read_until(fd: int, wanted: bytes, seen: bytearray, seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while wanted not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:  # EIO: the child closed the terminal
                return wanted in seen
            if not chunk:
                break
            seen += chunk
    return wanted in seen


def _draft_on_a_terminal(keys: bytes, cwd: Path) -> tuple[int, str]:
    """Run ``draft complaint -o out.txt`` on a pseudo-terminal, type ``keys`` at the first
    question, and return the exit code and everything the terminal showed."""
    pid, fd = pty.fork()  # a real process on a real terminal: Ctrl-C is a signal to it
    if pid == 0:  # the child: replykit, with the terminal as stdin, stdout and stderr
        os.chdir(cwd)
        env = {**os.environ, "COLUMNS": "100", "TERM": "dumb"}
        env.pop("REPLYKIT_DEBUG", None)
        args = [sys.executable, "-m", "replykit", "draft", "complaint", "--lang", "en"]
        os.execve(sys.executable, [*args, "-o", "out.txt"], env)
    seen = bytearray()
    try:
        assert _read_until(fd, b"Customer's full name: ", seen), seen.decode(errors="replace")
        time.sleep(0.2)  # the prompt is drawn; now the keys reach input()
        os.write(fd, keys)
        _read_until(fd, b"\x00never", seen, seconds=20)  # read until the child exits
        waited, status = 0, 0
        deadline = time.monotonic() + 20
        while not waited and time.monotonic() < deadline:
            waited, status = os.waitpid(pid, os.WNOHANG)
            time.sleep(0.05)
        if not waited:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            pytest.fail("replykit did not end: " + seen.decode(errors="replace"))
    finally:
        os.close(fd)
    return os.waitstatus_to_exitcode(status), seen.decode("utf-8", errors="replace")


@pytest.mark.skipif(not hasattr(pty, "fork"), reason="needs a POSIX pseudo-terminal")
@pytest.mark.parametrize(
    ("keys", "message"),
    [
        (b"\x03", "Interrupted; nothing was written."),  # Ctrl-C: SIGINT from the terminal
        (b"\x04", "Interrupted (end of input); nothing was written."),  # Ctrl-D: end of input
    ],
    ids=["ctrl-c", "ctrl-d"],
)
def test_interrupting_the_walk_writes_nothing(keys: bytes, message: str, tmp_path: Path) -> None:
    code, shown = _draft_on_a_terminal(keys, tmp_path)
    assert code == 130, shown
    assert message in shown
    assert "Traceback" not in shown
    assert not (tmp_path / "out.txt").exists()
    assert list(tmp_path.iterdir()) == []
