"""Start-up cost of replykit, as ratios to a floor measured in the same run.

The floor is what any Jinja + YAML tool pays: a Python process that imports jinja2 and yaml,
loads a small YAML file and renders one letter-sized template. We report the median wall time
of `replykit --help` and of a non-interactive `replykit draft` as multiples of that floor, so
the figures hold on a noisy machine.

    python bench/startup.py [--runs 15]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CASE = REPO / "tests" / "golden" / "complaint" / "ru-email-us.yaml"

FLOOR = """
import jinja2, yaml
answers = yaml.safe_load(open({case!r}, encoding="utf-8"))
template = jinja2.Environment(undefined=jinja2.StrictUndefined).from_string(
    "{{{{ customer_name }}}}\\n" + "Мы получили ваше обращение {{{{ case_number }}}}. " * 40
)
print(template.render(**answers))
"""


# As installed, replykit's modules are byte-compiled like jinja2's and yaml's; a source checkout
# gets its .pyc on the warm-up run, unless PYTHONDONTWRITEBYTECODE forbids it (then every run
# would recompile replykit from source while the floor's libraries come precompiled).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def wall(command: list[str]) -> float:
    """Seconds one run of ``command`` takes, output discarded."""
    started = time.perf_counter()
    subprocess.run(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, env=ENV
    )
    return time.perf_counter() - started


def median_of(command: list[str], runs: int) -> float:
    """Median wall time over ``runs`` runs, after one warm-up run (disk cache, bytecode)."""
    wall(command)
    return statistics.median(wall(command) for _ in range(runs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    python = sys.executable
    commands = {
        "floor (python: import jinja2, yaml; render one letter)": [
            python,
            "-c",
            FLOOR.format(case=str(CASE)),
        ],
        "replykit --help": [python, "-m", "replykit", "--help"],
        "replykit draft complaint --no-input": [
            python,
            "-m",
            "replykit",
            "draft",
            "complaint",
            "--answers",
            str(CASE),
            "--no-input",
        ],
    }
    results = {name: median_of(cmd, args.runs) for name, cmd in commands.items()}
    floor = next(iter(results.values()))
    print(f"median of {args.runs} runs each")
    for name, seconds in results.items():
        print(f"{name:<58} {seconds * 1000:7.1f} ms  {seconds / floor:5.2f}x floor")


if __name__ == "__main__":
    main()
