"""The batch runner as a library: what it reports, what it writes, what it refuses, and that
memory does not grow with the rows."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

import pytest
import yaml

from replykit.batch import BatchRequest, RowFailure, run_batch
from replykit.errors import MissingAnswersError, OutputError, UsageError

FIXTURES = Path(__file__).parent / "fixtures" / "batch"
CONSTANTS = (
    "company_name=Интернет-магазин «Лампа»",
    "actions+=Отправили заказ повторно курьером",
    "actions_deadline=25.11.2026",
    "follow_up_date=27.11.2026",
    "contact=care@lampa.ru",
    "signer_name=Мария Соколова",
    "signer_position=руководитель службы заботы о клиентах",
)


@dataclass
class Recorder:
    """A BatchReporter that remembers everything it is told."""

    notes: list[str] = field(default_factory=list)
    failures: list[RowFailure] = field(default_factory=list)
    phases: list[tuple[str, int | None]] = field(default_factory=list)
    advanced: int = 0

    def note(self, message: str) -> None:
        self.notes.append(message)

    def row_failed(self, failure: RowFailure) -> None:
        self.failures.append(failure)

    def start(self, phase: str, total: int | None) -> None:
        self.phases.append((phase, total))

    def advance(self, rows: int) -> None:
        self.advanced += rows


def request(fixture: str, **options: object) -> BatchRequest:
    base = BatchRequest(playbook="complaint", source=str(FIXTURES / fixture), assignments=CONSTANTS)
    return replace(base, **options)  # type: ignore[arg-type]


def test_reports_phases_failures_in_row_order_and_counts(tmp_path: Path) -> None:
    recorder = Recorder()
    result = run_batch(request("problems.csv", out_dir=tmp_path / "o"), recorder)
    assert (result.rows, result.rendered, result.skipped, result.failed) == (6, 2, 0, 4)
    assert recorder.phases == [("checking", None), ("rendering", 6)]
    assert recorder.advanced == 12
    assert [f.row for f in recorder.failures] == [3, 4, 5, 6]
    date = recorder.failures[2].problems[0]
    assert (date.field, date.value, date.where) == (
        "complaint_date",
        "31.02.2026",
        f"{FIXTURES / 'problems.csv'}:5",
    )
    assert recorder.notes == []
    assert result.manifest == tmp_path / "o" / "manifest.csv"
    error = result.error()
    assert error is not None and error.exit_code == 6


def test_columns_that_are_not_fields_are_noted_once(tmp_path: Path) -> None:
    recorder = Recorder()
    run_batch(
        request("lang-channel-columns.csv", jsonl=True, lang_column="язык"), recorder, io.BytesIO()
    )
    assert recorder.notes == [
        "ignoring columns that are not fields of complaint: канал "
        "(use --map COLUMN=FIELD to use one)"
    ]


def test_set_wins_over_a_column_and_says_so() -> None:
    recorder = Recorder()
    out = io.BytesIO()
    run_batch(
        request("good.csv", jsonl=True, assignments=(*CONSTANTS, "topic=обращение")), recorder, out
    )
    assert recorder.notes == ["--set overrides the column of topic in every row"]
    topics = {
        json.loads(line)["letter"]["answers"]["topic"] for line in out.getvalue().splitlines()
    }
    assert topics == {"обращение"}
    sources = json.loads(out.getvalue().splitlines()[0])["sources"]
    assert (sources["topic"], sources["customer_name"]) == ("--set", "row")


def test_a_conditional_field_no_column_gives_fails_each_row_with_a_clear_message() -> None:
    recorder = Recorder()
    options = {"jsonl": True, "assignments": (*CONSTANTS, "compensation=refund")}
    result = run_batch(request("good.csv", **options), recorder, io.BytesIO())
    assert result.failed == 3
    assert {f.problems[0].message for f in recorder.failures} == {
        "refund_amount: required for this row, but no column gives it"
    }


GOLDEN = Path(__file__).parent / "golden"


def _jsonl_rows(path: Path, rows: list[dict[str, object]]) -> str:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return str(path)


def _letters(out: io.BytesIO) -> list[dict[str, object]]:
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_a_jsonl_array_answers_a_multichoice_field_item_by_item(tmp_path: Path) -> None:
    answers = yaml.safe_load((GOLDEN / "objection-expensive/en-chat-unknown.yaml").read_text())
    assert answers["options"] == ["instalments", "trial"]  # a JSON array in the row below
    source = _jsonl_rows(tmp_path / "rows.jsonl", [answers])
    out = io.BytesIO()
    base = BatchRequest(playbook="objection-expensive", source=source, lang="en", channel="chat")
    result = run_batch(replace(base, jsonl=True), None, out)
    assert (result.rows, result.failed) == (1, 0)
    (line,) = _letters(out)
    assert line["letter"]["answers"]["options"] == ["instalments", "trial"]  # type: ignore[index]


def test_a_jsonl_array_answers_a_list_field_and_its_items_may_be_numbers(tmp_path: Path) -> None:
    constants = tuple(c for c in CONSTANTS if not c.startswith("actions+="))
    row = {"customer_name": "Петрова Анна", "topic": "заказ", "problem": "опоздал"}
    row["complaint_date"] = "18.11.2026"
    source = _jsonl_rows(tmp_path / "rows.jsonl", [{**row, "actions": ["Вернули деньги", 7, None]}])
    out = io.BytesIO()
    base = BatchRequest(playbook="complaint", source=source, assignments=constants, jsonl=True)
    assert run_batch(base, None, out).failed == 0
    (line,) = _letters(out)
    assert line["letter"]["answers"]["actions"] == ["Вернули деньги", "7"]  # type: ignore[index]


@pytest.mark.parametrize(
    ("item", "what"), [(["a"], "an array"), ({"a": 1}, "an object")], ids=["array", "object"]
)
def test_a_nested_value_in_a_jsonl_array_is_a_problem_of_its_row(
    tmp_path: Path, item: object, what: str
) -> None:
    constants = tuple(c for c in CONSTANTS if not c.startswith("actions+="))
    row = {"customer_name": "Петрова Анна", "topic": "заказ", "problem": "опоздал"}
    row["complaint_date"] = "18.11.2026"
    rows = [{**row, "actions": ["Вернули деньги"]}, {**row, "actions": ["Вернули деньги", item]}]
    source = _jsonl_rows(tmp_path / "rows.jsonl", rows)
    recorder = Recorder()
    base = BatchRequest(playbook="complaint", source=source, assignments=constants, jsonl=True)
    result = run_batch(base, recorder, io.BytesIO())
    assert (result.rows, result.rendered, result.failed) == (2, 1, 1)
    (failure,) = recorder.failures
    (problem,) = failure.problems
    assert (failure.row, problem.field, problem.where) == (2, "actions", f"{source}:2")
    assert problem.message == (
        f"actions: item 2 is {what}; a list field takes an array of plain values "
        "(text, numbers, true or false)"
    )


def test_required_fields_without_any_source_fail_before_reading_rows() -> None:
    with pytest.raises(MissingAnswersError) as caught:
        run_batch(request("good.csv", jsonl=True, assignments=()))
    assert [p.field for p in caught.value.problems] == [
        "company_name",
        "actions",
        "contact",
        "signer_name",
        "signer_position",
    ]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({}, "say where the letters go: --out-dir DIR, or --jsonl for stdout"),
        ({"jsonl": True, "jobs": 0}, "--jobs must be at least 1, not 0"),
        (
            {"jsonl": True, "name_pattern": "x", "force": True},
            "--name is for files; --jsonl prints the letters on stdout; "
            "--force is for files; --jsonl prints the letters on stdout",
        ),
    ],
    ids=["no-output", "zero-jobs", "file-options-with-jsonl"],
)
def test_contradictory_options(options: dict[str, object], message: str) -> None:
    with pytest.raises(UsageError) as caught:
        run_batch(request("good.csv", **options))
    assert caught.value.message == message


def test_out_dir_that_is_a_file_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "file"
    target.write_text("x", encoding="utf-8")
    with pytest.raises(OutputError, match="is not a folder; cannot write"):
        run_batch(request("good.csv", out_dir=target))


def test_header_only_file_is_an_input_error(tmp_path: Path) -> None:
    source = tmp_path / "header.csv"
    source.write_text("customer_name,topic,problem\n", encoding="utf-8")
    from replykit.errors import BatchInputError

    with pytest.raises(BatchInputError, match="has a header but no data rows"):
        run_batch(replace(request("good.csv", jsonl=True), source=str(source)), None, io.BytesIO())


def test_letters_are_written_without_a_sync_per_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []
    real = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (calls.append(fd), real(fd))[1])
    result = run_batch(request("good.csv", out_dir=tmp_path / "o"))
    assert result.rendered == 3
    assert calls == []  # one os.sync() at the end instead


def test_stale_temporary_files_are_cleared_when_resuming(tmp_path: Path) -> None:
    out = tmp_path / "o"
    out.mkdir()
    stale = out / ".0002-petrova-anna-sergeevna.txt.0123abcd.tmp"
    stale.write_text("half a letter", encoding="utf-8")
    result = run_batch(request("good.csv", out_dir=out, skip_existing=True))
    assert result.rendered == 3
    assert not stale.exists()
    assert sorted(p.name for p in out.iterdir())[0] == "0002-petrova-anna-sergeevna.txt"


def _rows(path: Path, count: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["customer_name", "topic", "problem"])
        for i in range(count):
            writer.writerow(["Петрова Анна", f"заказ № {i}", f"заказ {i} опоздал " * 120])


_PEAK = """
import os, sys, tracemalloc
from replykit.batch import BatchRequest, run_batch
request = BatchRequest(playbook="complaint", source=sys.argv[1], assignments=tuple(sys.argv[2:]),
                       jsonl=True)
with open(os.devnull, "wb") as sink:
    run_batch(request, None, sink)  # warm caches: templates, conditions, the grammar libraries
    tracemalloc.start()
    result = run_batch(request, None, sink)
    print(tracemalloc.get_traced_memory()[1], result.rendered)
"""


def _peak(source: Path) -> tuple[int, int]:
    """Peak traced memory of a batch run in a fresh interpreter, and the letters it rendered.

    A fresh process, because inside the test session the collector's schedule and whatever
    earlier tests left in caches move the peak by more than the rows would.
    """
    # A fresh interpreter, for the reason above.
    out = subprocess.run(
        [sys.executable, "-c", _PEAK, str(source), *CONSTANTS],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    ).stdout.split()
    return int(out[0]), int(out[1])


def test_memory_does_not_grow_with_the_rows(tmp_path: Path) -> None:
    small, large = tmp_path / "small.csv", tmp_path / "large.csv"
    _rows(small, 100)
    _rows(large, 1000)
    small_peak, _ = _peak(small)
    large_peak, rendered = _peak(large)
    assert rendered == 1000
    # Holding the rows would take over 2 MB more (1,000 problems of 2 KB); caches and the
    # garbage collector's timing move the peak by a few hundred KB either way.
    assert large_peak - small_peak < 1_000_000, (small_peak, large_peak)
