"""Run the ``replykit`` command line as a person or an agent would, with no terminal attached.

``run`` calls the console script's ``main()`` in this process, so exit codes and messages
match the real command at a tenth of a subprocess's cost. ``run_process`` starts ``python -m replykit`` for
the tests that are about the process itself (process pools, a killed run).
"""

from __future__ import annotations

import os
import subprocess
import sys
import traceback
from dataclasses import dataclass
from pathlib import Path

from typer.testing import CliRunner

from replykit.cli import main

# click's help formatter, as the test runner's module imported it (typer vendors click in
# newer releases, older ones use click itself).
_FORMATTING = getattr(sys.modules[CliRunner.isolation.__module__], "formatting", None)

# Answers every complaint row of a batch shares, given once with --set.
COMPLAINT_CONSTANTS = [
    "--set=company_name=Интернет-магазин «Лампа»",
    "--set=actions+=Отправили заказ повторно курьером",
    "--set=actions_deadline=25.11.2026",
    "--set=follow_up_date=27.11.2026",
    "--set=contact=care@lampa.ru",
    "--set=signer_name=Мария Соколова",
    "--set=signer_position=руководитель службы заботы о клиентах",
]


@dataclass
class Result:
    """What a replykit run printed and how it ended."""

    code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return f"--- stdout\n{self.stdout}\n--- stderr\n{self.stderr}"


def run(
    *args: str, stdin: str | None = None, cwd: Path | None = None, env: dict[str, str] | None = None
) -> Result:
    """``replykit ARGS`` in this process: stdin only when given, ``env`` over os.environ.

    Calls the console script's own ``main()`` with ``sys.argv`` set, so whatever it does
    around the Typer app applies here too. The working folder, the environment, sys.argv
    and the exception hook are restored afterwards. An exception that escapes ``main()``
    is printed as a traceback on stderr with exit 1, as Python would print it.
    """
    # A pipe has no width: a real run wraps --help at COLUMNS, else at 80 columns.
    overrides: dict[str, str | None] = {
        "REPLYKIT_DEBUG": None,
        "COLUMNS": os.environ.get("COLUMNS", "80"),
        **(env or {}),
    }
    saved = os.getcwd(), sys.argv, sys.excepthook
    code = 0
    with CliRunner().isolation(input=stdin, env=overrides) as (out, err, _mixed):
        if _FORMATTING is not None:  # the runner pins --help to 80 columns; a real run does not
            _FORMATTING.FORCED_WIDTH = None  # the runner restores it
        try:
            if cwd is not None:
                os.chdir(cwd)
            sys.argv = ["replykit", *args]
            main()
        except SystemExit as done:
            if isinstance(done.code, int) or done.code is None:
                code = done.code or 0
            else:  # sys.exit("text"): Python prints the text and exits 1
                sys.stderr.write(f"{done.code}\n")
                code = 1
        except Exception:
            traceback.print_exc(file=sys.stderr)
            code = 1
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os.chdir(saved[0])
            sys.argv, sys.excepthook = saved[1], saved[2]
        stdout, stderr = out.getvalue(), err.getvalue()
    return Result(code, _text(stdout), _text(stderr))


def _text(data: bytes) -> str:
    """Bytes as ``subprocess.run(text=True)`` gives them: UTF-8, universal newlines."""
    return data.decode("utf-8", errors="replace").replace("\r\n", "\n").replace("\r", "\n")


def run_process(
    *args: str, stdin: str | None = None, cwd: Path | None = None, env: dict[str, str] | None = None
) -> Result:
    """``python -m replykit ARGS`` in a subprocess; for tests about the process itself."""
    full_env = {**os.environ, **(env or {})}
    full_env.pop("REPLYKIT_DEBUG", None)
    proc = subprocess.run(
        [sys.executable, "-m", "replykit", *args],
        input=stdin if stdin is not None else "",
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        env=full_env,
        timeout=60,
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)
