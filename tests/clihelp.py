"""Run the real ``replykit`` entry point in a subprocess, as a person or an agent would."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

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
    """``python -m replykit ARGS`` with no terminal attached; stdin only when given."""
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
