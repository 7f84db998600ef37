"""``replykit batch`` through the real entry point: real Russian data, bad rows, a killed run,
options, names, formats and exit codes."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .clihelp import COMPLAINT_CONSTANTS, Result, run, run_process
from .conftest import REPO

FIXTURES = Path("tests") / "fixtures" / "batch"  # relative: messages name the file as given
REVIEWS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "reviews"

# Answers every complaint row shares, given once for the whole batch.
CONSTANTS = COMPLAINT_CONSTANTS
# The real reviews: the review text is what happened; the id, source, rating, channel and
# domain columns are not answers and are ignored.
REVIEW_ARGS = [
    "--map=text=problem",
    "--map=order_id=topic",
    "--map=received_date=complaint_date",
    *CONSTANTS,
]
# RU rows whose text holds characters cp1251 cannot (SOURCES.md): Excel wrote "?" for them.
NOT_IN_CP1251 = {"RU-027", "RU-039", "RU-055", "RU-144", "RU-047", "RU-089", "RU-135"}


def batch(*args: str, stdin: str | None = None) -> Result:
    """``replykit batch ARGS`` from the repository root; with ``--jobs 2``, in a subprocess."""
    jobs = args[args.index("--jobs") + 1] if "--jobs" in args else "1"
    # A process pool forks workers: run it from a real process, not from the test runner.
    runner = run if jobs == "1" else run_process
    return runner("batch", *args, stdin=stdin, cwd=REPO)


def letters(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.suffix == ".txt"}


def everything_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*"))


# --- Done when (a): 150 real Russian reviews from three encodings ------------------------------


def test_real_russian_reviews_render_identically_from_cp1251_utf8_and_bom(tmp_path: Path) -> None:
    if not REVIEWS.is_dir():
        pytest.skip("../shared/data/reviews is not beside this checkout")
    bom = tmp_path / "reviews_ru_bom.csv"
    bom.write_bytes(b"\xef\xbb\xbf" + (REVIEWS / "reviews_ru.csv").read_bytes())
    sources = {
        "cp1251": REVIEWS / "reviews_ru_excel.csv",
        "utf8": REVIEWS / "reviews_ru.csv",
        "bom": bom,
    }
    rendered = {}
    for label, source in sources.items():
        out = tmp_path / label
        result = batch("complaint", str(source), *REVIEW_ARGS, "--out-dir", str(out))
        assert result.code == 0, result.output
        assert "Rendered 150 letters" in result.stderr
        assert result.stderr.startswith(
            "Note: ignoring columns that are not fields of complaint: "
            "id, source, rating, channel, domain (use --map COLUMN=FIELD to use one)\n"
        )
        rendered[label] = letters(out)
        assert len(rendered[label]) == 150

    assert rendered["bom"] == rendered["utf8"]
    with (REVIEWS / "reviews_ru.csv").open(encoding="utf-8", newline="") as f:
        ids = {f"{n:04d}": row["id"] for n, row in enumerate(csv.DictReader(f), start=2)}
    differing = set()
    for name, utf8 in rendered["utf8"].items():
        cp1251 = rendered["cp1251"][name]
        if cp1251 != utf8:
            differing.add(ids[name[:4]])
            # Excel wrote "?" for what cp1251 cannot hold; the stock phrases may vary with it,
            # since vary() picks them from the answers.
            assert "?" in cp1251.decode() and "Уважаем" in cp1251.decode(), name
    assert differing == NOT_IN_CP1251

    first = rendered["cp1251"]["0002-mironov-konstantin-ivanovich.txt"].decode()
    assert "Уважаемый Константин Иванович!" in first
    assert "Исходящий перевод не дошел" in first
    assert "ОБР-2025-504483" in first


# --- Done when (b): bad rows are reported, good rows render, nothing escapes --------------------


def test_bad_rows_are_reported_with_their_row_and_good_rows_render(tmp_path: Path) -> None:
    out = tmp_path / "replies"
    source = FIXTURES / "problems.csv"
    before = everything_under(REPO / "tests" / "fixtures")
    result = batch("complaint", str(source), *CONSTANTS, "--out-dir", str(out))

    assert result.code == 6, result.output
    assert "Traceback" not in result.output
    f = str(source)
    assert result.stderr.splitlines()[:4] == [
        f"{f}:3: expected 4 fields, saw 5",
        f"{f}:4: problem: required, but the cell is empty",
        f"{f}:5: complaint_date: '31.02.2026' is not a date (write 2026-11-22 or 22.11.2026)",
        f"{f}:6: customer_name: '../../etc/passwd' does not look like a person's name",
    ]
    assert "Error: 4 of 6 rows failed; the other rows were rendered\n" in result.stderr
    assert sorted(p.name for p in out.iterdir()) == [
        "0002-petrova-anna-sergeevna.txt",
        "0007-volkov-oleg-sergeevich.txt",
        "manifest.csv",
    ]
    assert everything_under(tmp_path) == [out, *sorted(out.iterdir())]
    assert everything_under(REPO / "tests" / "fixtures") == before
    with (out / "manifest.csv").open(encoding="utf-8-sig", newline="") as fh:
        manifest = list(csv.DictReader(fh))
    assert [(m["row"], m["status"]) for m in manifest] == [
        ("2", "written"),
        ("3", "failed"),
        ("4", "failed"),
        ("5", "failed"),
        ("6", "failed"),
        ("7", "written"),
    ]
    assert manifest[3]["problems"] == (
        "complaint_date: '31.02.2026' is not a date (write 2026-11-22 or 22.11.2026)"
    )


def test_names_built_from_hostile_cells_stay_inside_the_folder(tmp_path: Path) -> None:
    out = tmp_path / "deep" / "replies"
    result = batch(
        "complaint",
        str(FIXTURES / "traversal-topics.csv"),
        *CONSTANTS,
        "--name",
        "{{ topic }}",
        "--out-dir",
        str(out),
    )
    assert result.code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "_con.txt",
        "etc-passwd.txt",
        "letter.txt",
        "manifest.csv",
        "tmp-evil.txt",
    ]
    assert everything_under(tmp_path) == [tmp_path / "deep", out, *sorted(out.iterdir())]


# --- Done when (c): a SIGKILLed run resumes to exactly one complete letter per row ---------------


def _many_rows(path: Path, rows: int) -> None:
    names = ["Петрова Анна", "Иванов Иван", "Smith John", "Козлова Мария", "Волков Олег"]
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["customer_name", "topic", "problem"])
        for i in range(rows):
            writer.writerow([names[i % 5], f"заказ № {i}", f"заказ {i} привезли с опозданием"])


@pytest.mark.parametrize("jobs", ["1", "2"], ids=["one-process", "two-processes"])
def test_a_killed_run_resumes_with_skip_existing(jobs: str, tmp_path: Path) -> None:
    source = tmp_path / "many.csv"
    _many_rows(source, 1500)
    out = tmp_path / "out"
    args = ["complaint", str(source), *CONSTANTS, "--jobs", jobs, "--quiet"]
    command = [sys.executable, "-m", "replykit", "batch", *args, "--out-dir", str(out)]
    # A real process: the test SIGKILLs it (and its workers) half-way through.
    proc = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None:
            if out.is_dir() and len(os.listdir(out)) >= 20:
                break
            time.sleep(0.005)
        assert proc.poll() is None, "the batch ended before it could be killed"
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)  # the batch and its workers, as a crash would
        proc.wait()
    assert not (out / "manifest.csv").exists()
    assert 0 < len(letters(out)) < 1500

    resumed = batch(*args, "--out-dir", str(out), "--skip-existing")
    assert resumed.code == 0, resumed.output
    clean = batch(*args, "--out-dir", str(tmp_path / "clean"))
    assert clean.code == 0, clean.output

    assert sorted(os.listdir(out)) == sorted(os.listdir(tmp_path / "clean"))  # no .tmp left
    assert len(letters(out)) == 1500
    assert letters(out) == letters(tmp_path / "clean")


# --- options and their errors --------------------------------------------------------------------

USAGE_CASES = [
    ([], 2, "Error: say where the letters go: --out-dir DIR, or --jsonl for stdout"),
    (
        ["--jsonl", "--out-dir", "x"],
        2,
        "Error: --jsonl prints the letters on stdout; drop --out-dir",
    ),
    (
        ["--out-dir", "x", "--skip-existing", "--force"],
        2,
        "Error: --skip-existing keeps existing files and --force replaces them; pick one",
    ),
    (["--jsonl", "--on-error", "maybe"], 2, "Error: --on-error 'maybe': use skip or stop"),
    (["--jsonl", "--limit", "0"], 2, "Error: --limit must be at least 1, not 0"),
    (
        ["--jsonl", "--map", "problem=problm"],
        2,
        "Error: --map: complaint has no field 'problm' (did you mean 'problem'?)",
    ),
    (
        ["--jsonl", "--map", "Проблема=problem"],
        3,
        "Error: tests/fixtures/batch/good.csv: --map names columns the file does not have: "
        'no column "Проблема"; the columns are "customer_name", "topic", "problem", '
        '"complaint_date"',
    ),
    (
        ["--out-dir", "x", "--name", "{{ client }}"],
        2,
        "Error: --name '{{ client }}' uses client, which is not a field",
    ),
    (["--out-dir", "x", "--name", "{{ topic"], 2, "Error: --name '{{ topic': "),
    (
        [
            "--out-dir",
            "x",
            "--name",
            "{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}",
        ],
        2,
        "Error: --name '{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}"
        "{% endfor %}': only fields and filters are allowed, not for",
    ),
    (
        ["--out-dir", "x", "--name", "{{ customer_name|center(999999999) }}"],
        2,
        "Error: --name '{{ customer_name|center(999999999) }}': "
        "the filter 'center' is not allowed in a name",
    ),
    (["--out-dir", "x", "--format", "rtf"], 2, "Error: unknown format 'rtf'"),
    (["--jsonl", "--lang", "de"], 2, "Error: unknown language or locale 'de'"),
    (["--jsonl", "--json"], 2, "{"),
]


@pytest.mark.parametrize(
    ("extra", "code", "message"),
    USAGE_CASES,
    ids=[
        "no-output",
        "jsonl-and-out-dir",
        "skip-existing-and-force",
        "bad-on-error",
        "zero-limit",
        "map-to-unknown-field",
        "map-from-missing-column",
        "name-unknown-variable",
        "name-syntax-error",
        "name-nested-loops",
        "name-amplifying-filter",
        "unknown-format",
        "unknown-language",
        "json-and-jsonl",
    ],
)
def test_option_errors(extra: list[str], code: int, message: str, tmp_path: Path) -> None:
    result = batch("complaint", str(FIXTURES / "good.csv"), *CONSTANTS, *extra)
    assert result.code == code, result.output
    if "--json" in extra:  # the error is a JSON document on stdout
        error = json.loads(result.stdout)["error"]
        assert (error["exit_code"], error["message"]) == (
            2,
            "--json and --jsonl both print on stdout; pick one",
        )
    elif message.endswith(": "):  # replykit's part of a message that goes on in Jinja's words
        assert result.stderr.splitlines()[0].startswith(message), result.output
    else:
        assert result.stderr.splitlines()[0] == message
    assert "Traceback" not in result.stderr
    assert not (REPO / "x").exists()


def test_required_fields_no_column_gives_are_reported_once(tmp_path: Path) -> None:
    result = batch("complaint", str(FIXTURES / "good.csv"), "--out-dir", str(tmp_path / "o"))
    assert result.code == 3, result.output
    assert result.stderr.splitlines()[0] == (
        "Error: tests/fixtures/batch/good.csv: no column gives the required fields "
        "company_name, actions, contact, signer_name, signer_position"
    )
    assert not (tmp_path / "o").exists()


@pytest.mark.parametrize(
    ("flag", "summary"),
    [
        ("--dry-run", "Checked 6 rows in"),
        ("--on-error=stop", "Checked 6 rows in"),
    ],
    ids=["dry-run", "on-error-stop"],
)
def test_dry_run_and_stop_write_nothing_when_rows_are_bad(
    flag: str, summary: str, tmp_path: Path
) -> None:
    out = tmp_path / "replies"
    result = batch(
        "complaint", str(FIXTURES / "problems.csv"), *CONSTANTS, flag, "--out-dir", str(out)
    )
    assert result.code == 6, result.output
    why = "--dry-run" if flag == "--dry-run" else "--on-error stop"
    assert f": 2 ready, 4 with problems; nothing was written ({why}).\n" in result.stderr
    assert summary in result.stderr
    assert f"Error: 4 of 6 rows have problems; nothing was written ({why})\n" in result.stderr
    assert not out.exists()


def test_dry_run_of_a_clean_file_exits_0_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "replies"
    result = batch("complaint", str(FIXTURES / "good.csv"), *CONSTANTS, "--dry-run", "-o", str(out))
    assert result.code == 0, result.output
    assert ": 3 ready, 0 with problems; nothing was written (--dry-run)." in result.stderr
    assert not out.exists()


def test_existing_letters_are_never_replaced_without_force(tmp_path: Path) -> None:
    out = tmp_path / "replies"
    args = ["complaint", str(FIXTURES / "good.csv"), *CONSTANTS, "--out-dir", str(out)]
    assert batch(*args).code == 0
    (out / "0003-ivanov-ivan-petrovich.txt").write_text("edited by hand\n", encoding="utf-8")

    again = batch(*args)
    assert again.code == 5, again.output
    assert again.stderr.splitlines() == [
        f"Error: 3 letters would replace files in {out}: 0002-petrova-anna-sergeevna.txt, "
        "0003-ivanov-ivan-petrovich.txt, 0004-smith-john.txt; nothing was written",
        "Hint: Pass --skip-existing to keep them (to resume an interrupted run), "
        "or --force to replace them.",
    ]
    kept = batch(*args, "--skip-existing")
    assert kept.code == 0, kept.output
    assert "Rendered 0 letters" in kept.stderr and "kept 3 existing" in kept.stderr
    assert (out / "0003-ivanov-ivan-petrovich.txt").read_text(
        encoding="utf-8"
    ) == "edited by hand\n"

    forced = batch(*args, "--force")
    assert forced.code == 0, forced.output
    assert "Уважаемый Иван Петрович!" in (out / "0003-ivanov-ivan-petrovich.txt").read_text(
        encoding="utf-8"
    )


def test_jsonl_streams_one_object_per_row_in_row_order() -> None:
    result = batch("complaint", str(FIXTURES / "problems.csv"), *CONSTANTS, "--jsonl")
    assert result.code == 6, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(line["row"], line["status"]) for line in lines] == [
        (2, "ok"),
        (3, "failed"),
        (4, "failed"),
        (5, "failed"),
        (6, "failed"),
        (7, "ok"),
    ]
    assert lines[0]["letter"]["answers"]["customer_name"] == "Петрова Анна Сергеевна"
    assert lines[0]["letter"]["text"].startswith("Тема: ")
    assert lines[3]["problems"] == [
        {
            "message": "complaint_date: '31.02.2026' is not a date (write 2026-11-22 or 22.11.2026)",
            "where": "tests/fixtures/batch/problems.csv:5",
            "field": "complaint_date",
            "value": "31.02.2026",
        }
    ]


def test_stdin_works_like_a_file() -> None:
    text = (REPO / FIXTURES / "good.csv").read_text(encoding="utf-8")
    from_stdin = batch("complaint", "-", *CONSTANTS, "--jsonl", stdin=text)
    from_file = batch("complaint", str(FIXTURES / "good.csv"), *CONSTANTS, "--jsonl")
    assert from_stdin.code == 0, from_stdin.output
    assert from_stdin.stdout == from_file.stdout
    assert len(from_stdin.stdout.splitlines()) == 3


def test_jobs_2_gives_the_same_bytes_as_jobs_1(tmp_path: Path) -> None:
    source = tmp_path / "rows.csv"
    _many_rows(source, 200)
    outputs = {}
    for jobs in ("1", "2"):
        args = ["complaint", str(source), *CONSTANTS, "--jobs", jobs]
        files = batch(*args, "--out-dir", str(tmp_path / jobs), "--name", "{{ customer_name }}")
        assert files.code == 0, files.output
        stream = batch(*args, "--jsonl")
        assert stream.code == 0, stream.output
        manifest = (tmp_path / jobs / "manifest.csv").read_bytes()
        outputs[jobs] = (letters(tmp_path / jobs), manifest, stream.stdout)
    assert outputs["1"] == outputs["2"]
    assert "smith-john-40.txt" in outputs["1"][0]  # collisions numbered in row order


def test_limit_takes_the_first_rows(tmp_path: Path) -> None:
    result = batch("complaint", str(FIXTURES / "good.csv"), *CONSTANTS, "--limit", "2", "--jsonl")
    assert result.code == 0, result.output
    assert [json.loads(line)["row"] for line in result.stdout.splitlines()] == [2, 3]


NAME_CASES = [
    ("same-names.csv", ["petrova-anna.txt", "petrova-anna-2.txt", "petrova-anna-3.txt"]),
    # Row 3 fails (an empty cell), yet it still claims its name: row 4 keeps "-3" either way.
    ("same-names-one-bad.csv", ["petrova-anna.txt", "petrova-anna-3.txt"]),
]


@pytest.mark.parametrize(("fixture", "names"), NAME_CASES, ids=["all-good", "middle-row-bad"])
def test_collisions_get_suffixes_that_do_not_depend_on_failed_rows(
    fixture: str, names: list[str], tmp_path: Path
) -> None:
    out = tmp_path / "o"
    result = batch(
        "complaint",
        str(FIXTURES / fixture),
        *CONSTANTS,
        "--name",
        "{{ customer_name }}",
        "--out-dir",
        str(out),
    )
    assert result.code in (0, 6), result.output
    assert sorted(letters(out)) == sorted(names)


def test_language_and_channel_per_row_from_columns() -> None:
    result = batch(
        "complaint",
        str(FIXTURES / "lang-channel-columns.csv"),
        *CONSTANTS,
        "--lang-column",
        "язык",
        "--channel-column",
        "канал",
        "--jsonl",
    )
    assert result.code == 6, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["letter"]["lang"], r["letter"]["channel"]) for r in rows[:2]] == [
        ("ru", "email"),
        ("en", "chat"),
    ]
    f = FIXTURES / "lang-channel-columns.csv"
    assert result.stderr.splitlines()[:2] == [
        f"{f}:4: язык: unknown language or locale 'de' (one of: ru, en, en-GB, en-US)",
        f"{f}:5: канал: playbook 'complaint' does not support the channel 'fax' "
        "(one of: email, letter, public, chat)",
    ]


@pytest.mark.parametrize(
    ("fmt", "check"),
    [
        ("md", lambda data: data.startswith(b"# ")),
        ("json", lambda data: json.loads(data)["playbook"] == "complaint"),
        ("txt", lambda data: data.startswith("Тема: ".encode())),
    ],
    ids=["md", "json", "txt"],
)
def test_formats(fmt: str, check: object, tmp_path: Path) -> None:
    out = tmp_path / "o"
    result = batch(
        "complaint", str(FIXTURES / "good.csv"), *CONSTANTS, "--format", fmt, "--out-dir", str(out)
    )
    assert result.code == 0, result.output
    files = sorted(out.glob(f"*.{fmt}"))
    assert len(files) == 3
    assert all(check(p.read_bytes()) for p in files)  # type: ignore[operator]


def test_docx_dispatches_to_the_docx_writer(tmp_path: Path) -> None:
    out = tmp_path / "o"
    result = batch(
        "complaint", str(FIXTURES / "good.csv"), *CONSTANTS, "-f", "docx", "--out-dir", str(out)
    )
    assert result.code == 0, result.output
    assert all(p.read_bytes().startswith(b"PK") for p in out.glob("*.docx"))
    assert len(list(out.glob("*.docx"))) == 3


def test_json_summary_on_stdout(tmp_path: Path) -> None:
    out = tmp_path / "o"
    result = batch(
        "complaint", str(FIXTURES / "problems.csv"), *CONSTANTS, "--json", "--out-dir", str(out)
    )
    assert result.code == 6, result.output
    summary = json.loads(result.stdout)
    assert {k: summary[k] for k in ("rows", "rendered", "skipped", "failed", "stopped")} == {
        "rows": 6,
        "rendered": 2,
        "skipped": 0,
        "failed": 4,
        "stopped": False,
    }
    assert summary["manifest"] == str(out / "manifest.csv")
    assert [r["row"] for r in summary["failed_rows"]] == [3, 4, 5, 6]
    assert summary["error"]["exit_code"] == 6
    assert "problems.csv:" not in result.stderr  # the problems are in the JSON


def test_quiet_prints_no_notes_progress_or_summary(tmp_path: Path) -> None:
    source = REPO / FIXTURES / "good.csv"
    result = batch("complaint", str(source), *CONSTANTS, "-q", "--out-dir", str(tmp_path / "o"))
    assert result.code == 0, result.output
    assert result.stderr == ""


def test_the_sender_profile_fills_every_row_and_set_still_wins(tmp_path: Path) -> None:
    profile = tmp_path / "profile.yaml"
    profile.write_text(
        "company_name: Интернет-магазин «Лампа»\n"
        "contact: care@lampa.ru\n"
        "signer_name: Мария Соколова\n"
        "signer_position: руководитель службы заботы о клиентах\n"
        "sender_inn: '7701234567'\n",  # no complaint field: ignored, as in draft
        encoding="utf-8",
    )
    result = run(
        "batch",
        "complaint",
        str(FIXTURES / "good.csv"),
        "--profile",
        str(profile),
        "--jsonl",
        "--set=actions+=Отправили заказ повторно курьером",
        "--set=actions_deadline=25.11.2026",
        "--set=follow_up_date=27.11.2026",
        "--set=signer_name=Ольга Миронова",
    )
    assert result.code == 0, result.output
    letters = [json.loads(line)["letter"] for line in result.stdout.splitlines()]
    assert letters and all(letter["answers"]["contact"] == "care@lampa.ru" for letter in letters)
    assert all(
        letter["text"].endswith(
            "Ольга Миронова\nРуководитель службы заботы о клиентах\nИнтернет-магазин «Лампа»\n"
        )
        for letter in letters
    )
