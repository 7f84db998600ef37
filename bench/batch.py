"""Batch throughput and memory of ``replykit batch``, as ratios to a floor measured in the same run.

The floor is what any CSV + Jinja loop pays: ``csv.DictReader`` over the same file and one
precompiled Jinja template about as long as the letter, rendered into one stream and into
one file per row. ``replykit batch complaint`` then renders the same rows to ``--jsonl`` (one
stream) and to txt files, with ``--jobs 1`` and ``--jobs 2``. Peak memory (ru_maxrss of the
child process) is compared between a small and a large run: it must not grow with the rows.

    python bench/batch.py [--rows 100000] [--small 1000] [--keep DIR]

Issue 5's targets: one process at least half the floor's rows/s into one stream; ``--jobs 2``
at least 1.6x ``--jobs 1``; peak memory at the large run within 10% of the small one.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SURNAMES = [
    ("Петров", "Петрова"),
    ("Смирнов", "Смирнова"),
    ("Кузнецов", "Кузнецова"),
    ("Соколов", "Соколова"),
    ("Морозов", "Морозова"),
    ("Волков", "Волкова"),
    ("Лебедев", "Лебедева"),
    ("Козлов", "Козлова"),
]
MALE = [("Иван", "Петрович"), ("Олег", "Сергеевич"), ("Пётр", "Андреевич"), ("Артём", "Ильич")]
FEMALE = [
    ("Анна", "Сергеевна"),
    ("Мария", "Олеговна"),
    ("Ольга", "Ивановна"),
    ("Ксения", "Юрьевна"),
]
PROBLEMS = [
    "заказ привезли на три дня позже обещанного, и вы остались без подарка к празднику",
    "курьер не позвонил перед доставкой и оставил посылку у соседей",
    "в приложении дважды списали оплату за один и тот же заказ",
    "оператор горячей линии прервал разговор, не ответив на вопрос",
]
FAULTS = ["us", "third_party", "us", "staff"]
COMPENSATION = ["none", "bonus", "discount", "refund"]
HEADER = [
    "customer_name",
    "company_name",
    "topic",
    "complaint_date",
    "problem",
    "fault",
    "staff_measure",
    "third_party",
    "actions",
    "actions_deadline",
    "compensation",
    "bonus_points",
    "discount_percent",
    "refund_amount",
    "follow_up_date",
    "contact",
    "signer_name",
    "signer_position",
]

FLOOR = r"""
import csv, sys, time, os, jinja2
src, mode, out = sys.argv[1], sys.argv[2], sys.argv[3]
template = jinja2.Environment(undefined=jinja2.StrictUndefined).from_string(
    "Тема: Ответ на ваше обращение ({{ topic }})\n\nУважаемый(ая) {{ customer_name }}!\n\n"
    "Мы получили ваше обращение от {{ complaint_date }} и сразу взялись за него. " * 2
    + "Спасибо, что написали нам и подробно рассказали о случившемся: такие письма "
    "показывают, где мы работаем хуже, чем должны.\n\nВот как мы поняли случившееся: "
    "{{ problem }}.\n\nМы уже взялись за дело. {{ actions }} Мы доведём дело до конца не "
    "позднее {{ actions_deadline }}.\n\n" * 3
    + "{{ follow_up_date }} мы свяжемся с вами. Пишите мне напрямую: {{ contact }}.\n\n"
    "С уважением,\n{{ signer_name }}\n{{ signer_position }}\n{{ company_name }}\n"
)
n = 0
with open(src, encoding="utf-8", newline="") as f:
    if mode == "stream":
        write = sys.stdout.write
        for row in csv.DictReader(f):
            write(template.render(row)); n += 1
    else:
        for row in csv.DictReader(f):
            n += 1
            with open(os.path.join(out, "%06d.txt" % n), "w", encoding="utf-8") as o:
                o.write(template.render(row))
"""


def make_rows(path: Path, rows: int, seed: int = 5) -> None:
    """``rows`` complaint answers, varied the way real ones are (names, faults, compensation)."""
    rnd = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(HEADER)
        for i in range(rows):
            surname = rnd.choice(SURNAMES)
            female = rnd.random() < 0.5
            first, patronymic = rnd.choice(FEMALE if female else MALE)
            fault = rnd.choice(FAULTS)
            compensation = rnd.choice(COMPENSATION)
            writer.writerow(
                [
                    f"{surname[female]} {first} {patronymic}",
                    "Интернет-магазин «Лампа»",
                    f"заказ № {4800 + i}",
                    f"{rnd.randint(1, 28):02d}.11.2026",
                    rnd.choice(PROBLEMS),
                    fault,
                    "с сотрудником проведена беседа" if fault == "staff" else "",
                    "служба доставки" if fault == "third_party" else "",
                    "отправили заказ повторно курьером\nпроверили остальные заказы с этого склада",
                    "25.11.2026",
                    compensation,
                    str(rnd.randint(1, 9) * 100) if compensation == "bonus" else "",
                    str(rnd.choice([5, 10, 15])) if compensation == "discount" else "",
                    f"{rnd.randint(5, 90)}90" if compensation == "refund" else "",
                    "27.11.2026",
                    "+7 495 123-45-67, care@lampa.ru",
                    "Мария Соколова",
                    "руководитель службы заботы о клиентах",
                ]
            )


def timed(command: list[str], stdout_path: str = os.devnull) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of one child process; its stdout goes to a file."""
    with open(stdout_path, "wb") as out:
        started = time.perf_counter()
        proc = subprocess.Popen(command, stdout=out, stderr=subprocess.PIPE)
        _pid, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        stderr = proc.stderr.read().decode() if proc.stderr else ""
        proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({proc.returncode}):\n{stderr}")
    return seconds, usage.ru_maxrss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--small", type=int, default=1_000)
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="replykit-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    os.environ.update(env)
    py = sys.executable
    try:
        big, small = work / "big.csv", work / "small.csv"
        make_rows(big, args.rows)
        make_rows(small, args.small)
        n = args.rows
        print(f"{n:,} rows ({big.stat().st_size / 1e6:.1f} MB); small run {args.small:,} rows")

        def folder(name: str) -> str:
            path = work / name
            shutil.rmtree(path, ignore_errors=True)
            path.mkdir()
            return str(path)

        def batch(src: Path, *extra: str) -> list[str]:
            return [py, "-m", "replykit", "batch", "complaint", str(src), "--quiet", *extra]

        results: dict[str, tuple[float, int]] = {}
        results["floor, one stream"] = timed([py, "-c", FLOOR, str(big), "stream", "-"])
        results["floor, file per row"] = timed(
            [py, "-c", FLOOR, str(big), "files", folder("floor")]
        )
        for jobs in ("1", "2"):
            results[f"batch --jsonl --jobs {jobs}"] = timed(batch(big, "--jsonl", "--jobs", jobs))
            results[f"batch txt files --jobs {jobs}"] = timed(
                batch(big, "--out-dir", str(Path(folder(f"txt{jobs}")) / "out"), "--jobs", jobs)
            )
        small_jsonl = timed(batch(small, "--jsonl"))
        small_files = timed(batch(small, "--out-dir", str(Path(folder("small")) / "out")))

        print(f"\n{'run':<30} {'seconds':>8} {'rows/s':>9} {'x floor':>8} {'peak MiB':>9}")
        floors = {
            "stream": results["floor, one stream"][0],
            "files": results["floor, file per row"][0],
        }
        for name, (seconds, rss) in results.items():
            floor = floors["stream" if ("stream" in name or "jsonl" in name) else "files"]
            print(
                f"{name:<30} {seconds:8.1f} {n / seconds:9,.0f} {floor / seconds:8.3f} "
                f"{rss / 1024:9.1f}"
            )
        j1, j2 = results["batch --jsonl --jobs 1"][0], results["batch --jsonl --jobs 2"][0]
        f1, f2 = results["batch txt files --jobs 1"][0], results["batch txt files --jobs 2"][0]
        print(f"\n--jobs 2 vs --jobs 1: jsonl {j1 / j2:.2f}x, txt files {f1 / f2:.2f}x")
        big_jsonl, big_files = (
            results["batch --jsonl --jobs 1"][1],
            results["batch txt files --jobs 1"][1],
        )
        print(
            f"peak memory {args.small:,} vs {n:,} rows: jsonl {small_jsonl[1] / 1024:.1f} → "
            f"{big_jsonl / 1024:.1f} MiB ({big_jsonl / small_jsonl[1] - 1:+.1%}), txt files "
            f"{small_files[1] / 1024:.1f} → {big_files / 1024:.1f} MiB "
            f"({big_files / small_files[1] - 1:+.1%})"
        )
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
