"""Hostile input through the command line: a clear message and a documented exit code.

Every file under ``tests/fixtures/hostile/`` is one case, picked up by glob; a new case is a
new file. Its kind comes from its name:

==========================  =====================================================
``*.playbook.yaml``         a user playbook, saved as ``hostile.yaml``: ``validate``
``*.j2``                    a user template for ``complaint/ru.j2``: ``draft -o``
``*.answers.yaml``          an answers file: ``draft complaint --answers FILE``
``*.csv``                   a batch input: ``batch complaint FILE --out-dir``
``*.name``                  a batch ``--name`` pattern (one row of a good CSV)
==========================  =====================================================

Each states what must happen in header lines (``# exit: 4``, ``# expect: text`` — in a Jinja
comment for templates and name patterns), or, for a binary file, in ``FILE.expect``. A
``run:`` line replaces the command (``{file}``, ``{dir}`` are filled in). Whatever the case,
the run never prints a traceback, never leaves a partial letter, never writes outside the
folder it was given.
"""

from __future__ import annotations

import re
import signal
import threading
import time
from pathlib import Path

import pytest
import yaml

from replykit import compose, limits
from replykit.errors import PlaybookError, RenderError
from replykit.playbook import Field
from replykit.playbook.values import parse_value

from .clihelp import COMPLAINT_CONSTANTS, run, run_process
from .conftest import GOLDEN, REPO

HOSTILE = REPO / "tests" / "fixtures" / "hostile"
KINDS = (".playbook.yaml", ".j2", ".answers.yaml", ".csv", ".name")
GOOD_CSV = REPO / "tests" / "fixtures" / "batch" / "good.csv"
ANSWERS = GOLDEN / "complaint" / "ru-email-us.yaml"
CONSTANTS = COMPLAINT_CONSTANTS
# Documents the YAML parser nests through in C: a stack overflow there would end the process,
# so these run in their own, not in the test runner's.
OWN_PROCESS = {"deep-mapping.playbook.yaml", "deep-nesting.playbook.yaml"}
_HEADER = re.compile(r"^\s*(?:#|\{#)\s*(exit|expect|run):\s*(.*?)\s*(?:#\})?\s*$")
# A stub wording for fixture playbooks: their steps are a and b.
_STUB = "{% extends layout %}{% block a %}A{% endblock %}{% block b %}B{% endblock %}\n"


def _cases() -> list[Path]:
    return sorted(p for p in HOSTILE.iterdir() if p.name.endswith(KINDS))


def _expectations(case: Path) -> tuple[int, list[str], str, str]:
    """(exit code, expected texts, run line, the file's body without its header)."""
    sidecar = case.with_name(case.name + ".expect")
    source = sidecar if sidecar.exists() else case
    lines = source.read_text(encoding="utf-8", errors="replace").splitlines()
    code, texts, command, body = None, [], "", []
    for line in lines:
        found = _HEADER.match(line)
        if found and found.group(1) == "exit":
            code = int(found.group(2))
        elif found and found.group(1) == "expect":
            texts.append(found.group(2))
        elif found:
            command = found.group(2)
        else:
            body.append(line)
    assert code is not None, f"{source.name}: give the exit code in an 'exit:' line"
    return code, texts, command, "\n".join(body)


def _arguments(case: Path, body: str, work: Path, out: Path) -> tuple[list[str], Path]:
    """The command line for ``case``, and the file a draft would write (or the out folder)."""
    name = case.name
    if name.endswith(".playbook.yaml"):
        (work / "hostile.yaml").write_bytes(case.read_bytes())
        for lang in ("en", "ru"):
            (work / "templates" / "hostile").mkdir(parents=True, exist_ok=True)
            (work / "templates" / "hostile" / f"{lang}.j2").write_text(_STUB, encoding="utf-8")
        return ["validate", str(work / "hostile.yaml")], out
    if name.endswith(".j2"):
        folder = work / "templates" / "complaint"
        folder.mkdir(parents=True)
        (folder / "ru.j2").write_text(body, encoding="utf-8")
        letter = out / "letter.txt"
        args = ["draft", "complaint", "--answers", str(ANSWERS), "--no-input"]
        return [*args, "--playbooks", str(work), "-o", str(letter)], letter
    if name.endswith(".answers.yaml"):
        letter = out / "letter.txt"
        return [
            "draft",
            "complaint",
            "--answers",
            str(case),
            "--no-input",
            "-o",
            str(letter),
        ], letter
    if name.endswith(".csv"):
        return ["batch", "complaint", str(case), *CONSTANTS, "--out-dir", str(out), "-q"], out
    assert name.endswith(".name")
    pattern = body.strip("\n")
    args = ["batch", "complaint", str(GOOD_CSV), *CONSTANTS, "--limit", "1", "-q"]
    return [*args, "--out-dir", str(out), "--name", pattern], out


def test_every_case_states_its_exit_code() -> None:
    assert _cases(), "no hostile fixtures found"
    for case in _cases():
        assert _expectations(case)[0] in (0, 2, 3, 4, 5, 6), case.name


@pytest.mark.parametrize("case", _cases(), ids=lambda p: p.name)
def test_hostile_input_ends_cleanly(case: Path, tmp_path: Path) -> None:
    code, texts, command, body = _expectations(case)
    work, out = tmp_path / "work", tmp_path / "out"
    work.mkdir()
    if not case.name.endswith((".csv", ".name")):
        out.mkdir()  # draft writes into a folder that exists; batch creates its own
    args, target = _arguments(case, body, work, out)
    if command:
        args = command.format(file=work / "hostile.yaml", dir=work).split()
    before = sorted(p.name for p in tmp_path.parent.iterdir())
    result = (run_process if case.name in OWN_PROCESS else run)(*args, cwd=work)
    assert result.code == code, result.output
    assert "Traceback" not in result.stdout + result.stderr, result.output
    for text in texts:
        assert text in result.stdout + result.stderr, result.output
    if code != 0:
        assert result.stderr.startswith("Error: ") or "\nError: " in result.stderr, result.output
        if target.suffix == ".txt":
            assert not target.exists(), "a failed draft left a letter behind"
    # Nothing lands beside the folders the run was given, and no temporary file is left.
    assert sorted(p.name for p in tmp_path.parent.iterdir()) == before
    leftovers = [p for p in tmp_path.rglob("*") if p.name.endswith(".tmp")]
    assert leftovers == []
    if out.is_dir():
        assert all(p.parent == out for p in out.rglob("*")), list(out.rglob("*"))


def _user_template(tmp_path: Path, block: str) -> Path:
    folder = tmp_path / "templates" / "complaint"
    folder.mkdir(parents=True)
    (folder / "ru.j2").write_text(
        '{% extends "builtin/complaint/ru.j2" %}{% block thanks %}' + block + "{% endblock %}",
        encoding="utf-8",
    )
    return tmp_path


def _answers() -> dict[str, object]:
    return yaml.safe_load(ANSWERS.read_text(encoding="utf-8"))


def test_a_loop_that_prints_nothing_is_stopped_by_the_clock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Before the timer, output size and time were checked only between output chunks, so
    # this loop never yielded and hung for ever.
    monkeypatch.setattr(limits, "MAX_RENDER_SECONDS", 0.3)
    silent = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
    started = time.monotonic()
    with pytest.raises(RenderError, match=r"rendering took longer than 0 s and was stopped"):
        compose("complaint", _answers(), lang="ru", playbooks_dir=_user_template(tmp_path, silent))
    assert time.monotonic() - started < 5


def test_the_clock_leaves_the_signal_handler_as_it_was(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_RENDER_SECONDS", 0.2)
    mine = signal.signal(signal.SIGALRM, signal.default_int_handler)
    try:
        with pytest.raises(RenderError), limits.render_limits("test"):
            while True:
                pass
        assert signal.getsignal(signal.SIGALRM) is signal.default_int_handler
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    finally:
        signal.signal(signal.SIGALRM, mine)


def test_someone_elses_alarm_is_never_displaced() -> None:
    signal.signal(signal.SIGALRM, lambda *_: None)
    signal.setitimer(signal.ITIMER_REAL, 30)
    try:
        with limits.render_limits("test"):
            pass
        assert 0 < signal.getitimer(signal.ITIMER_REAL)[0] <= 30
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, signal.SIG_DFL)


def test_outside_the_main_thread_sizes_are_still_checked(tmp_path: Path) -> None:
    folder = _user_template(tmp_path, "{{ 'x' * 10**9 }}")
    caught: list[BaseException] = []

    def draft() -> None:
        try:
            compose("complaint", _answers(), lang="ru", playbooks_dir=folder)
        except BaseException as err:  # the test inspects whatever it was
            caught.append(err)

    worker = threading.Thread(target=draft)
    worker.start()
    worker.join(60)
    assert len(caught) == 1 and isinstance(caught[0], RenderError), caught
    assert "repetition would make 1,000,000,000 characters" in str(caught[0])


def test_a_catastrophic_pattern_is_the_playbooks_fault(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_RENDER_SECONDS", 0.3)
    fld = Field(name="code", type="text", prompt={"en": "Code"}, pattern="(a+)+$")
    with pytest.raises(PlaybookError, match=r"pattern '\(a\+\)\+\$' ran past 0 s"):
        parse_value(fld, "a" * 40 + "!")


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ([], ':3: cell "problem" is 30,000,000 bytes, over the 1,000,000-byte limit; '
         "pass --max-field-size to raise it"),
        (["--max-field-size", "40000000"], ":3: problem: too long: 30000000 characters"),
    ],
    ids=["default-limit", "raised-limit-then-the-answer-limit"],
)  # fmt: skip
def test_a_30_mb_cell_fails_its_row_only(extra: list[str], message: str, tmp_path: Path) -> None:
    source = tmp_path / "big.csv"
    with source.open("w", encoding="utf-8") as f:
        f.write("customer_name,topic,problem\n")
        f.write("Петрова Анна,заказ № 1,заказ опоздал\n")
        f.write("Иванов Иван,заказ № 2," + "x" * 30_000_000 + "\n")
    out = tmp_path / "out"
    result = run("batch", "complaint", str(source), *CONSTANTS, "--out-dir", str(out), "-q", *extra)
    assert result.code == 6, result.output
    assert "Traceback" not in result.stderr
    assert f"{source}{message}" in result.stderr, result.output
    assert len(list(out.glob("*.txt"))) == 1  # the good row was written


def test_the_documented_limits_are_the_limits_in_the_code() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8").split("## Limits", 1)[1]
    security = (REPO / "SECURITY.md").read_text(encoding="utf-8")
    documented = {
        f"| playbook file | {limits.MAX_PLAYBOOK_BYTES // 1024} KiB; "
        f"{limits.MAX_YAML_VALUES:,} values": True,
        f"| answers file or sender profile | {limits.MAX_ANSWERS_BYTES // 2**20} MB; "
        f"{limits.MAX_YAML_VALUES:,} values": True,
        f"| one answer | {limits.MAX_ANSWER_CHARS:,} characters |": True,
        f"`triage`) | {limits.MAX_MESSAGE_BYTES // 2**20} MB |": True,
        f"| batch cell | {limits.DEFAULT_MAX_FIELD_BYTES:,} bytes |": True,
        f"| {limits.MAX_LETTER_CHARS:,} characters |": True,
        f"| {limits.MAX_RENDER_SECONDS:.0f} s |": True,
        f"| render memory | {limits.MAX_RENDER_MEMORY // 2**30} GiB more": True,
        f"| files a playbook's `include:` reads | {limits.MAX_INCLUDED_FILES} |": True,
        f"| `--name` pattern | {limits.MAX_NAME_PATTERN_CHARS} characters; a number in it up to "
        f"{limits.MAX_NAME_NUMBER}, a text up to {limits.MAX_NAME_TEXT_CHARS} characters |": True,
    }
    for row in documented:
        assert row in readme, row
    names = [name for name in vars(limits) if name.isupper() and not name.startswith("_")]
    assert len(names) == 13, names  # a new limit goes into README "Limits" and SECURITY.md too
    for name in names:
        assert name in security, name
