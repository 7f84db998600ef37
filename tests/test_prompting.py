"""The interactive walk on a real pseudo-terminal: ask what is missing, re-ask bad input,
choose by number, preview, change one answer, accept or cancel."""

from __future__ import annotations

import os
import pty
import select
import sys
import time
from pathlib import Path

import pytest
import yaml

from .conftest import GOLDEN

pytestmark = pytest.mark.skipif(not hasattr(pty, "fork"), reason="needs a POSIX pseudo-terminal")


class Terminal:
    """replykit on a pseudo-terminal, driven like a person: wait for a prompt, type a line."""

    def __init__(self, args: list[str], cwd: Path) -> None:
        self.pid, self.fd = pty.fork()  # a real process: the test is about a real terminal
        if self.pid == 0:
            os.chdir(cwd)
            env = {**os.environ, "COLUMNS": "200", "TERM": "dumb"}
            os.execve(sys.executable, [sys.executable, "-m", "replykit", *args], env)
        self.seen = bytearray()

    def expect(self, text: str, seconds: float = 30) -> None:
        wanted = text.encode()
        deadline = time.monotonic() + seconds
        while wanted not in self.seen and time.monotonic() < deadline:
            ready, _, _ = select.select([self.fd], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(self.fd, 4096)
                except OSError:
                    break
                if not chunk:
                    break
                self.seen += chunk
        assert wanted in self.seen, f"never saw {text!r} in:\n{self.screen}"
        del self.seen[: self.seen.index(wanted) + len(wanted)]

    def type(self, line: str) -> None:
        time.sleep(0.1)
        os.write(self.fd, (line + "\r").encode())

    @property
    def screen(self) -> str:
        return self.seen.decode("utf-8", errors="replace")

    def wait(self) -> int:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.fd], [], [], 0.1)
            if ready:
                try:
                    chunk = os.read(self.fd, 4096)
                    self.seen += chunk
                except OSError:
                    pass
            done, status = os.waitpid(self.pid, os.WNOHANG)
            if done:
                os.close(self.fd)
                return os.waitstatus_to_exitcode(status)
        os.kill(self.pid, 9)
        pytest.fail("replykit did not end:\n" + self.screen)


def answers_without(tmp_path: Path, *names: str) -> Path:
    answers = yaml.safe_load(
        (GOLDEN / "complaint" / "ru-email-us.yaml").read_text(encoding="utf-8")
    )
    for name in names:
        answers.pop(name)
    path = tmp_path / "answers.yaml"
    path.write_text(yaml.safe_dump(answers, allow_unicode=True), encoding="utf-8")
    return path


def test_walk_asks_only_what_is_missing_reasks_bad_input_and_changes_one_answer(
    tmp_path: Path,
) -> None:
    answers = answers_without(tmp_path, "fault")
    term = Terminal(["draft", "complaint", "--answers", str(answers), "-o", "out.txt"], tmp_path)
    term.expect("2. staff — наш сотрудник")
    term.expect("Кто виноват в случившемся [us]: ")
    term.type("2")  # a choice by number
    term.expect("Какие меры приняты к сотруднику: ")  # applies only when fault is staff
    term.type("с сотрудником проведена беседа")
    term.expect("Эти шаги уже сделаны? [done]: ")
    term.type("3")  # mixed: part of it is still ahead, so a deadline applies
    term.expect("До какой даты будет сделано то, что ещё предстоит: ")
    term.type("31.02.2026")
    term.expect("«31.02.2026» — не дата (напишите 22.11.2026 или 2026-11-22)")
    term.type("25.11.2026")
    term.expect("Кто отвечает за исполнение (можно пропустить): ")
    term.type("руководитель службы доставки Олег Иванов")
    term.expect("Это ваш личный контакт, а не общая линия? [нет]: ")
    term.type("")
    term.expect("Приносим извинения за то, как наш сотрудник")  # the preview
    term.expect("[a] принять  [c] изменить ответ  [q] отменить: ")
    term.type("c")
    term.expect("Какой ответ изменить (номер или имя поля): ")
    term.type("fault")
    term.expect("Кто виноват в случившемся [us]: ")
    term.type("us")  # a choice by value; staff_measure no longer applies
    term.expect("[a] принять  [c] изменить ответ  [q] отменить: ")
    term.type("a")
    assert term.wait() == 0, term.screen
    letter = (tmp_path / "out.txt").read_text(encoding="utf-8")
    # The reply day is Friday 20 November 2026: the 25th reads as the coming Wednesday.
    assert " к среде. За это отвечает руководитель службы доставки Олег Иванов.\n" in letter
    assert "сотрудник" not in letter
    assert "Уважаемая Анна Сергеевна!" in letter


def test_cancel_at_the_preview_writes_nothing(tmp_path: Path) -> None:
    answers = answers_without(tmp_path, "follow_up_date")
    term = Terminal(["draft", "complaint", "--answers", str(answers), "-o", "out.txt"], tmp_path)
    term.expect("Эти шаги уже сделаны? [done]: ")
    term.type("")  # done: no deadline is asked
    term.expect("Когда вы свяжетесь с клиентом (можно пропустить): ")
    term.type("2026-11-27")
    term.expect("Это ваш личный контакт, а не общая линия? [нет]: ")
    term.type("")
    term.expect("[a] принять  [c] изменить ответ  [q] отменить: ")
    term.type("q")
    term.expect("Отменено, ничего не записано.")
    assert term.wait() == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["answers.yaml"]
