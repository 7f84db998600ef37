"""Batch input readers: every fixture in tests/fixtures/csv/ against its expectation, then
encodings, delimiters, limits, XLSX, JSONL, --map, and hostile bytes."""

from __future__ import annotations

import csv
import datetime as dt
import io
import tracemalloc
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from replykit.batch.columns import check_mapping, parse_mapping, parse_mappings, plan_columns
from replykit.batch.input import Row, decoding, read_rows
from replykit.batch.input.cells import format_number
from replykit.batch.input.csv import detect_delimiter
from replykit.batch.input.options import parse_delimiter
from replykit.errors import BatchInputError, UsageError

FIXTURES = Path(__file__).parent / "fixtures" / "csv"
REVIEWS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "reviews"


@dataclass(frozen=True)
class Reads:
    """The fixture reads: its columns, how it was decoded, and (number, line, values, problems)."""

    columns: list[str]
    encoding: str | None
    delimiter: str | None
    rows: list[tuple[int, int | None, dict[str, str], list[str]]] = field(default_factory=list)


@dataclass(frozen=True)
class Fails:
    """The fixture is refused with exactly this message."""

    message: str


EXPECTED: dict[str, Reads | Fails] = {
    "blank-rows.csv": Reads(
        ["id", "name", "city"],
        "utf-8",
        ";",
        [
            (4, 4, {"id": "1", "name": "Anna", "city": "Riga"}, []),
            (7, 7, {"id": "2", "name": "Boris", "city": "Oslo"}, []),
        ],
    ),
    "control-chars.csv": Fails(
        "control-chars.csv is not a text CSV: it is full of control characters"
    ),
    "cp1251-semicolon.csv": Reads(
        ["id", "Имя клиента", "Сумма", "Дата"],
        "cp1251",
        ";",
        [
            (
                2,
                2,
                {
                    "id": "1",
                    "Имя клиента": "Смирнова Анна",
                    "Сумма": "125000,50",
                    "Дата": "22.11.2026",
                },
                [],
            ),
            (
                3,
                3,
                {"id": "2", "Имя клиента": "Ёжиков Пётр", "Сумма": "99,90", "Дата": "01.12.2026"},
                [],
            ),
            (
                4,
                4,
                {"id": "3", "Имя клиента": "Иванов; Иван", "Сумма": "7", "Дата": "02.12.2026"},
                [],
            ),
        ],
    ),
    "crlf-with-lf-in-cell.csv": Reads(
        ["id", "text", "channel"],
        "utf-8",
        ",",
        [
            (2, 2, {"id": "1", "text": "first line\nsecond line\nthird", "channel": "email"}, []),
            (3, 5, {"id": "2", "text": "plain", "channel": "chat"}, []),
            (4, 6, {"id": "3", "text": 'a "quoted" word', "channel": "letter"}, []),
        ],
    ),
    "decimal-commas.csv": Reads(
        ["id", "amount", "comment"],
        "utf-8",
        ";",
        [
            (2, 2, {"id": "1", "amount": "125000,50", "comment": "ok"}, []),
            (3, 3, {"id": "2", "amount": "7", "comment": ""}, []),
            (4, 4, {"id": "3", "amount": "1,5", "comment": "a, b, c"}, []),
        ],
    ),
    "duplicate-headers.csv": Fails(
        "duplicate-headers.csv:1: the header row needs a unique name for every column: "
        'column 2 has no name; "name" names columns 1 and 4'
    ),
    "empty.csv": Fails("empty.csv has no header row: the file is empty"),
    "header-blank-names.csv": Fails("header-blank-names.csv:1: the header row has no column names"),
    "header-only.csv": Reads(["id", "customer_name", "text"], "utf-8", ","),
    "injection.csv": Reads(
        ["id", "name"],
        "utf-8",
        ",",
        [
            (2, 2, {"id": "1", "name": "{{ 7*7 }}"}, []),
            (3, 3, {"id": "2", "name": "../../etc/passwd"}, []),
        ],
    ),
    "lone-cr.csv": Reads(
        ["id", "name"],
        "utf-8",
        ",",
        [(2, 2, {"id": "1", "name": "Anna"}, []), (3, 3, {"id": "2", "name": "Bo\rris"}, [])],
    ),
    "nul-byte.csv": Fails(
        "nul-byte.csv:3: contains a NUL byte; this is a binary file, not a text CSV"
    ),
    "quoted-semicolons.csv": Reads(
        ["id", "text"],
        "utf-8",
        ",",
        [
            (2, 2, {"id": "1", "text": "a; b; c"}, []),
            (3, 3, {"id": "2", "text": "d;e"}, []),
            (4, 4, {"id": "3", "text": "f"}, []),
        ],
    ),
    "ragged.csv": Reads(
        ["id", "name", "amount"],
        "utf-8",
        ",",
        [
            (2, 2, {"id": "1", "name": "Anna", "amount": "10"}, []),
            (3, 3, {"id": "2", "name": "Boris", "amount": "20"}, ["expected 3 fields, saw 4"]),
            (4, 4, {"id": "3", "name": "Vera", "amount": ""}, ["expected 3 fields, saw 2"]),
            (5, 5, {"id": "4", "name": "Gleb", "amount": "40"}, []),
        ],
    ),
    "rows.jsonl": Reads(
        ["id", "name", "amount", "vip", "tags", "note"],
        "utf-8",
        None,
        [
            (
                1,
                1,
                {
                    "id": "1",
                    "name": "Анна",
                    "amount": "125000.5",
                    "vip": "true",
                    "tags": '["a", "b"]',
                    "note": "",
                },
                [],
            ),
            (3, 3, {}, ["expected a JSON object, got an array"]),
            (4, 4, {}, ["invalid JSON: Expecting ',' delimiter (column 26)"]),
            (5, 5, {"id": "3", "name": "Вера", "amount": "7"}, []),
        ],
    ),
    "tabs.tsv": Reads(
        ["id", "name", "note"],
        "utf-8",
        "\t",
        [
            (2, 2, {"id": "1", "name": "Анна", "note": '5" screen, ok'}, []),
            (3, 3, {"id": "2", "name": "Борис", "note": ""}, []),
        ],
    ),
    "trailing-empty-columns.csv": Reads(
        ["id", "name"],
        "cp1251",
        ";",
        [
            (2, 2, {"id": "1", "name": "Анна"}, []),
            (3, 3, {"id": "2", "name": "Борис"}, []),
            (4, 4, {"id": "3", "name": "Вера"}, ["expected 2 fields, saw 4"]),
        ],
    ),
    "unclosed-quote.csv": Reads(
        ["id", "text"],
        "utf-8",
        ",",
        [
            (
                2,
                2,
                {"id": "1", "text": "never closed\n2,next\n3,last\n"},
                [
                    "a quote opened in this row is never closed; "
                    "the rest of the file became one cell"
                ],
            ),
        ],
    ),
    "undecodable.csv": Fails(
        "undecodable.csv: cannot decode as utf-8 (tried utf-16, utf-8, cp1251); pass --encoding"
    ),
    "utf16-bom.csv": Reads(
        ["id", "Имя", "Текст"],
        "utf-16",
        "\t",
        [
            (2, 2, {"id": "1", "Имя": "Анна", "Текст": "Всё хорошо, спасибо"}, []),
            (3, 3, {"id": "2", "Имя": "Пётр", "Текст": "Две\r\nстроки"}, []),
        ],
    ),
    "utf8-bom.csv": Reads(
        ["id", "customer_name"],
        "utf-8-sig",
        ",",
        [(2, 2, {"id": "1", "customer_name": "Анна Петрова"}, [])],
    ),
    "zip-named-csv.csv": Fails(
        "zip-named-csv.csv is a ZIP file (an XLSX workbook?), not a text CSV"
    ),
}


def _columns(path: Path, **options: str) -> list[str]:
    with read_rows(path, **options) as source:
        return source.columns


FIXTURE_NAMES = sorted(p.name for p in FIXTURES.iterdir())


def test_every_fixture_has_an_expectation() -> None:
    assert sorted(EXPECTED) == FIXTURE_NAMES


@pytest.mark.parametrize("name", FIXTURE_NAMES, ids=FIXTURE_NAMES)
def test_fixture(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(FIXTURES)
    expected = EXPECTED[name]
    if isinstance(expected, Fails):
        with pytest.raises(BatchInputError) as info, read_rows(name) as source:
            list(source)
        assert info.value.message == expected.message
        assert info.value.exit_code == 3
        return
    with read_rows(name) as source:
        got = [(r.number, r.line, r.values, [p.message for p in r.problems]) for r in source]
    assert (source.columns, source.encoding, source.delimiter) == (
        expected.columns,
        expected.encoding,
        expected.delimiter,
    )
    assert got == expected.rows


def test_problem_names_the_row_and_the_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(FIXTURES)
    rows = list(read_rows("ragged.csv"))
    assert rows[1].problems[0].describe() == "ragged.csv:3: expected 3 fields, saw 4"
    assert rows[1].problems and not rows[0].problems
    rows = list(read_rows("crlf-with-lf-in-cell.csv"))
    assert rows[1].where == "crlf-with-lf-in-cell.csv:3 (line 5)"


# --- the real exports in ../shared ---------------------------------------------------------

CP1251_LOSSY = {"RU-027", "RU-039", "RU-055", "RU-144", "RU-047", "RU-089", "RU-135"}


def _reviews(name: str) -> list[Row]:
    path = REVIEWS / name
    if not path.exists():
        pytest.skip(f"{path} is not here (the shared data folder is optional)")
    with read_rows(path) as source:
        return list(source)


@pytest.mark.parametrize(
    ("original", "copy", "lossy"),
    [
        ("reviews_ru.csv", "reviews_ru_excel.csv", CP1251_LOSSY),
        ("reviews_en.csv", "reviews_en_bom.csv", set()),
    ],
    ids=["ru-utf8-vs-cp1251-semicolon-crlf", "en-utf8-vs-bom-crlf"],
)
def test_real_exports_read_the_same(original: str, copy: str, lossy: set[str]) -> None:
    first, second = _reviews(original), _reviews(copy)
    assert len(first) == len(second) == 150
    assert not any(r.problems for r in first + second)
    differ = {a.values["id"] for a, b in zip(first, second, strict=True) if a.values != b.values}
    assert differ == lossy
    for a, b in zip(first, second, strict=True):
        assert a.number == b.number
        if a.values["id"] in lossy:
            assert "?" in b.values["text"]
            assert a.values["customer_name"] == b.values["customer_name"]


@pytest.mark.parametrize(
    ("name", "encoding", "delimiter"),
    [
        ("reviews_ru.csv", "utf-8", ","),
        ("reviews_ru_excel.csv", "cp1251", ";"),
        ("reviews_en.csv", "utf-8", ","),
        ("reviews_en_bom.csv", "utf-8-sig", ","),
    ],
    ids=["ru", "ru-excel", "en", "en-bom"],
)
def test_real_exports_are_detected(name: str, encoding: str, delimiter: str) -> None:
    path = REVIEWS / name
    if not path.exists():
        pytest.skip(f"{path} is not here")
    with read_rows(path) as source:
        assert (source.encoding, source.delimiter) == (encoding, delimiter)
        assert source.columns[:3] == ["id", "source", "text"]
        first = next(iter(source))
    assert first.number == 2
    assert first.values["id"] in ("RU-001", "EN-001")


# --- delimiter detection -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sample", "expected"),
    [
        ("a,b,c\n1,2,3\n", ","),
        ("a;b;c\n1;2,5;3\n4;5;6,75\n", ";"),
        ("id;amount\n1;125000,50\n2;7\n", ";"),
        ("a\tb\n1\t2,5\n", "\t"),
        ('a,b\n"x;y;z",1\n"p;q",2\n', ","),
        ('a;b\n"1,2,3";4\n', ";"),
        ("name\nAnna\n", ","),
        ("", ","),
        ("Имя, фамилия;Телефон\nАнна;+7\nБорис;+8\n", ";"),
        ('a,b\n"line\nbreak, with comma",2\n', ","),
        ("a;b;c\n1;2\n3;4;5\n6;7;8\n", ";"),
    ],
    ids=[
        "comma",
        "semicolon-decimal-commas",
        "decimal-commas-only-some-rows",
        "tab",
        "quoted-semicolons",
        "quoted-commas",
        "one-column",
        "empty",
        "comma-inside-header",
        "newline-in-quotes",
        "one-ragged-row",
    ],
)
def test_detect_delimiter(sample: str, expected: str) -> None:
    assert detect_delimiter(sample) == expected


def test_detect_delimiter_ignores_a_cut_last_record() -> None:
    assert detect_delimiter("a;b\n1;2\n3;4;5;6;7,8,9,10,11", complete=False) == ";"


@pytest.mark.parametrize(
    ("value", "expected"),
    [("auto", None), (",", ","), (";", ";"), ("tab", "\t"), ("TAB", "\t"), ("\\t", "\t"),
     ("\t", "\t"), ("|", "|")],
    ids=["auto", "comma", "semicolon", "tab-word", "tab-upper", "tab-escape", "tab-char", "pipe"],
)  # fmt: skip
def test_parse_delimiter(value: str, expected: str | None) -> None:
    assert parse_delimiter(value) == expected


def test_parse_delimiter_refuses_others() -> None:
    with pytest.raises(UsageError) as info:
        parse_delimiter("::")
    assert info.value.message == "--delimiter '::' is not supported; use auto, ',', ';', '|' or tab"


def test_delimiter_override(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("a;b,c\n1;2,3\n", encoding="utf-8")
    assert _columns(path, delimiter=",") == ["a;b", "c"]
    assert _columns(path, delimiter=";") == ["a", "b,c"]


# --- encodings -------------------------------------------------------------------------------


def test_a_bad_byte_after_the_sample_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "late.csv"
    good = b"".join(b"%d,\xd0\x90\xd0\xbd\xd0\xbd\xd0\xb0\n" % i for i in range(8000))
    path.write_bytes(b"id,name\n" + good + b"8001,\xc0\xed\xed\xe0\n")
    assert len(good) > decoding.SAMPLE_BYTES
    source = read_rows(path)
    assert source.encoding == "utf-8"
    with pytest.raises(BatchInputError) as info:
        list(source)
    assert info.value.message == (
        f"{path}:8002: cannot decode as utf-8 (tried utf-16, utf-8, cp1251); pass --encoding"
    )
    assert "--encoding cp1251" in info.value.hint


def test_a_multibyte_character_cut_by_the_sample_is_still_utf8(tmp_path: Path) -> None:
    path = tmp_path / "cut.csv"
    rows = "1,Ж\n" * 40_000
    # Pad the header so the 64 KiB boundary falls between the two bytes of a Ж.
    candidates = [f"id{'x' * pad},name\n{rows}".encode() for pad in range(5)]
    data = next(c for c in candidates if c[decoding.SAMPLE_BYTES - 1] == 0xD0)
    path.write_bytes(data)
    source = read_rows(path)
    assert source.encoding == "utf-8"
    assert sum(1 for _ in source) == 40_000


@pytest.mark.parametrize(
    ("encoding", "data", "message"),
    [
        ("utf-8", "id\nЖ\n".encode("cp1251"), "x.csv:2: cannot decode as utf-8"),
        ("ascii", b"id\n\xff\n", "x.csv:2: cannot decode as ascii"),
        ("utf-16", "id\nok\n".encode("utf-16") + b"\x00", "x.csv: near line 3: cannot decode as utf-16"),
        ("utf-16", "id\nok\n".encode("utf-16-le"), "x.csv: near line 1: cannot decode as utf-16"),
    ],
    ids=["utf8-given-cp1251-read", "ascii", "utf16-odd-length", "utf16-without-bom"],
)  # fmt: skip
def test_explicit_encoding_errors(
    encoding: str, data: bytes, message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("x.csv").write_bytes(data)
    with pytest.raises(BatchInputError) as info:
        list(read_rows("x.csv", encoding=encoding))
    assert info.value.message == message + "; pass the file's real --encoding"


def test_explicit_utf8_drops_a_bom(tmp_path: Path) -> None:
    path = tmp_path / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbfid,name\n1,x\n")
    with read_rows(path, encoding="utf-8") as source:
        assert (source.encoding, source.columns) == ("utf-8", ["id", "name"])


def test_explicit_koi8r(tmp_path: Path) -> None:
    path = tmp_path / "koi.csv"
    path.write_bytes("имя;город\nАнна;Рига\n".encode("koi8-r"))
    assert [r.values for r in read_rows(path, encoding="koi8-r")] == [
        {"имя": "Анна", "город": "Рига"}
    ]


def test_utf16_le_without_bom(tmp_path: Path) -> None:
    path = tmp_path / "u.csv"
    path.write_bytes("id\tимя\n1\tАнна\n".encode("utf-16-le"))
    with pytest.raises(BatchInputError, match="contains a NUL byte"):
        read_rows(path)
    assert [r.values for r in read_rows(path, encoding="utf-16-le")] == [{"id": "1", "имя": "Анна"}]


@pytest.mark.parametrize(
    ("encoding", "message"),
    [
        ("klingon", "--encoding 'klingon' is not an encoding Python knows"),
        ("base64", "--encoding 'base64' is not an encoding Python knows"),
    ],
    ids=["unknown", "bytes-codec"],
)  # fmt: skip
def test_unknown_encoding(encoding: str, message: str) -> None:
    with pytest.raises(UsageError) as info:
        read_rows(FIXTURES / "ragged.csv", encoding=encoding)
    assert info.value.message == message + "; try utf-8, cp1251, utf-16 or koi8-r"


# --- limits ------------------------------------------------------------------------------------


def test_a_30mb_cell_is_a_problem_on_its_row(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    path.write_text("id,text\n1,ok\n2," + "я" * 15_000_000 + "\n3,fine\n", encoding="utf-8")
    rows = list(read_rows(path))
    assert [r.number for r in rows] == [2, 3, 4]
    assert not rows[0].problems and not rows[2].problems
    [problem] = rows[1].problems
    assert problem.message == (
        'cell "text" is 30,000,000 bytes, over the 1,000,000-byte limit; '
        "pass --max-field-size to raise it"
    )
    assert problem.field == "text"
    assert problem.value == "я" * 40 + "…"


def test_max_field_bytes_counts_utf8_bytes(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("id,text\n1,ЖЖЖЖЖ\n2,ЖЖЖЖ\n", encoding="utf-8")
    rows = list(read_rows(path, max_field_bytes=9))
    assert [len(r.problems) for r in rows] == [1, 0]


def test_past_the_hard_cap_a_line_stops_the_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(decoding, "_HARD_CAP_MIN", 1000)
    monkeypatch.chdir(tmp_path)
    Path("x.csv").write_text("id,text\n1," + "x" * 2000 + "\n", encoding="utf-8")
    with pytest.raises(BatchInputError) as info:
        list(read_rows("x.csv", max_field_bytes=100))
    assert info.value.message == (
        "x.csv:2: a line is longer than 1,000 bytes (an unclosed quote, or not a CSV?)"
    )


@pytest.fixture
def small_csv_field_limit() -> Iterator[None]:
    old = csv.field_size_limit(1000)
    yield
    csv.field_size_limit(old)


@pytest.mark.usefixtures("small_csv_field_limit")
def test_past_the_hard_cap_a_cell_stops_the_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(decoding, "_HARD_CAP_MIN", 1000)
    monkeypatch.chdir(tmp_path)
    Path("x.csv").write_text('id,text\n1,"' + "line\n" * 400 + '"\n', encoding="utf-8")
    with pytest.raises(BatchInputError) as info:
        list(read_rows("x.csv", max_field_bytes=100))
    assert (
        info.value.message == "x.csv:2: a cell is larger than 1,000 characters (an unclosed quote?)"
    )


def test_max_field_bytes_must_be_positive() -> None:
    with pytest.raises(UsageError):
        read_rows(FIXTURES / "ragged.csv", max_field_bytes=0)


def test_memory_stays_flat(tmp_path: Path) -> None:
    def peak(rows: int) -> int:
        path = tmp_path / f"{rows}.csv"
        with path.open("w", encoding="utf-8", newline="") as f:
            f.write("id,customer_name,text,amount\n")
            f.writelines(f'{i},Анна Петрова,"Жалоба, длинная\nвторая строка",125000,50\n'
                         for i in range(rows))  # fmt: skip
        tracemalloc.start()
        try:
            for _ in read_rows(path):
                pass
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    small, large = peak(500), peak(20_000)
    assert large < small + 256 * 1024, (small, large)


# --- files, formats, stdin ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: None, "{p}: no such file"),
        (lambda p: p.mkdir(), "{p} is a folder, not a file"),
    ],
    ids=["missing", "folder"],
)
def test_cannot_open(make: Callable[[Path], None], message: str, tmp_path: Path) -> None:
    path = tmp_path / "answers.csv"
    make(path)
    with pytest.raises(BatchInputError) as info:
        read_rows(path)
    assert info.value.message == message.format(p=path)


def test_old_xls_is_refused(tmp_path: Path) -> None:
    with pytest.raises(BatchInputError) as info:
        read_rows(tmp_path / "old.xls")
    assert (
        info.value.message
        == f"{tmp_path / 'old.xls'} is an old Excel .xls workbook, which replykit cannot read"
    )


def test_unknown_format_option() -> None:
    with pytest.raises(UsageError) as info:
        read_rows("-", fmt="parquet", stdin=io.BytesIO(b""))
    assert (
        info.value.message
        == "--input-format 'parquet' is not an input format; use auto, csv, tsv, jsonl, xlsx"
    )


@pytest.mark.parametrize(
    ("data", "fmt", "columns"),
    [
        (b"id;name\n1;Anna\n", "csv", ["id", "name"]),
        (b'{"id": 1, "name": "Anna"}\n', "jsonl", ["id", "name"]),
        (b'\xef\xbb\xbf  {"id": 1}\n', "jsonl", ["id"]),
        (b"id\tname\n1\tAnna\n", "csv", ["id", "name"]),
    ],
    ids=["csv", "jsonl", "jsonl-bom", "tab-separated"],
)
def test_stdin_is_sniffed(data: bytes, fmt: str, columns: list[str]) -> None:
    source = read_rows("-", stdin=io.BytesIO(data))
    assert (source.name, source.fmt, source.columns) == ("<stdin>", fmt, columns)
    assert len(list(source)) == 1


def test_unknown_extension_is_sniffed(tmp_path: Path) -> None:
    path = tmp_path / "answers.data"
    path.write_bytes(b'{"a": "1"}\n')
    with read_rows(path) as source:
        assert source.fmt == "jsonl"


def test_tsv_format_forces_tab(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_text("a,b\tc\n1,2\t3\n", encoding="utf-8")
    assert _columns(path, fmt="tsv") == ["a,b", "c"]


def test_jsonl_arrays_are_json_text_and_kept_as_parsed() -> None:
    data = '{"tags": ["a", 2, {"x": null}], "name": "Anna", "meta": {"k": [1]}}\n'
    (row,) = read_rows("-", stdin=io.BytesIO(data.encode()))
    assert row.values["tags"] == '["a", 2, {"x": null}]'
    assert row.arrays == {"tags": ["a", 2, {"x": None}]}  # objects stay JSON text only


def test_jsonl_empty_and_not_jsonl(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("empty.jsonl").write_bytes(b"\n\n")
    with pytest.raises(BatchInputError) as info:
        read_rows("empty.jsonl")
    assert info.value.message == "empty.jsonl has no rows: the file is empty"
    Path("csv.jsonl").write_bytes(b"a,b\n" * 1001)
    with pytest.raises(BatchInputError) as info:
        read_rows("csv.jsonl")
    assert info.value.message == "csv.jsonl: no JSON object in the first 1,000 lines; is it JSONL?"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (125000.5, "125000.5"), (7.0, "7"), (0.1, "0.1"), (1e16, "10000000000000000"),
        (1.5e-7, "0.00000015"), (-2.0, "-2"), (float("nan"), "nan"),
    ],
    ids=["decimal", "whole", "tenth", "huge", "tiny", "negative", "nan"],
)  # fmt: skip
def test_numbers_without_float_noise(value: float, expected: str) -> None:
    assert format_number(value) == expected


def test_single_pass_and_close(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(FIXTURES)
    source = read_rows("ragged.csv")
    first = next(iter(source))
    assert first.number == 2
    source.close()
    assert list(source) == []
    source.close()
    with read_rows("ragged.csv") as again:
        assert len(list(again)) == 4
        assert len(list(again)) == 0


# --- XLSX --------------------------------------------------------------------------------------


def _workbook(path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([" Имя клиента ", "amount", "count", "when", "at", "vip", "note"])
    sheet.append(["Смирнова Анна", 125000.5, 7, dt.date(2026, 11, 22),
                  dt.datetime(2026, 11, 22, 10, 30), True, None])  # fmt: skip
    sheet.append([])
    sheet.append(["Петров Иван", 0.1, 7.0, None, None, False, "x"])
    sheet.cell(row=5, column=1, value="Ragged")
    sheet.cell(row=5, column=9, value="stray")
    book.create_sheet("second").append(["ignored"])
    book.save(path)


def test_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "answers.xlsx"
    _workbook(path)
    with read_rows(path) as source:
        rows = list(source)
    assert (source.fmt, source.encoding, source.delimiter) == ("xlsx", None, None)
    assert source.columns == ["Имя клиента", "amount", "count", "when", "at", "vip", "note"]
    assert [(r.number, r.values, [p.message for p in r.problems]) for r in rows] == [
        (2, {"Имя клиента": "Смирнова Анна", "amount": "125000.5", "count": "7",
             "when": "2026-11-22", "at": "2026-11-22 10:30:00", "vip": "true", "note": ""}, []),
        (4, {"Имя клиента": "Петров Иван", "amount": "0.1", "count": "7", "when": "",
             "at": "", "vip": "false", "note": "x"}, []),
        (5, {"Имя клиента": "Ragged", "amount": "", "count": "", "when": "", "at": "",
             "vip": "", "note": ""}, ["expected 7 fields, saw 9"]),
    ]  # fmt: skip
    assert rows[2].where == f"{path}:5"


def test_xlsx_from_stdin(tmp_path: Path) -> None:
    path = tmp_path / "answers.xlsx"
    _workbook(path)
    source = read_rows("-", stdin=io.BytesIO(path.read_bytes()))
    assert source.fmt == "xlsx"
    assert len(list(source)) == 3


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"not a zip", "{p}: cannot open as an XLSX workbook ("),
        (b"", "{p}: cannot open as an XLSX workbook ("),
    ],
    ids=["text", "empty"],
)
def test_broken_xlsx(data: bytes, message: str, tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(data)
    with pytest.raises(BatchInputError) as info:
        read_rows(path)
    # replykit's part; what follows in the brackets is openpyxl's (or zipfile's) own.
    assert info.value.message.startswith(message.format(p=path))
    assert info.value.hint == "check that it is a real .xlsx file, or pass --input-format csv"


def test_empty_xlsx(tmp_path: Path) -> None:
    import openpyxl

    path = tmp_path / "empty.xlsx"
    openpyxl.Workbook().save(path)
    with pytest.raises(BatchInputError) as info:
        read_rows(path)
    assert info.value.message == f"{path} has no header row: the first sheet is empty"


# --- --map -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("Имя клиента=customer_name", ("Имя клиента", "customer_name")),
        (" Имя = name ", ("Имя", "name")),
        ("a=b=c", ("a=b", "c")),
    ],
    ids=["cyrillic-with-space", "trimmed", "equals-in-column"],
)
def test_parse_mapping(spec: str, expected: tuple[str, str]) -> None:
    assert parse_mapping(spec) == expected


@pytest.mark.parametrize(
    "spec",
    ["customer_name", "=name", "Имя=", "="],
    ids=["no-equals", "no-column", "no-field", "bare"],
)
def test_parse_mapping_refuses(spec: str) -> None:  # fmt: skip
    with pytest.raises(UsageError) as info:
        parse_mapping(spec)
    assert info.value.message == (
        f'--map "{spec}": expected COLUMN=FIELD, e.g. --map "Имя клиента=customer_name"'
    )


def test_parse_mappings_reports_everything_at_once() -> None:
    with pytest.raises(UsageError) as info:
        parse_mappings(["a=x", "a=y", "b=z", "c=z", "oops"])
    assert [p.message for p in info.value.problems] == [
        '--map maps column "a" twice (to x and y)',
        '--map "oops": expected COLUMN=FIELD, e.g. --map "Имя клиента=customer_name"',
        '--map gives field z from "b", "c"',
    ]
    assert parse_mappings(["Имя=name", "Город=city"]) == {"Имя": "name", "Город": "city"}


def test_check_mapping_names_the_columns() -> None:
    check_mapping({"Имя": "name"}, ["Имя", "Город"])
    with pytest.raises(BatchInputError) as info:
        check_mapping({"Имя клиента": "name"}, ["id", "Имя  клиента"], source="answers.csv")
    assert info.value.message == (
        'answers.csv: --map names columns the file does not have: no column "Имя клиента" '
        '(did you mean "Имя  клиента"?); the columns are "id", "Имя  клиента"'
    )
    assert info.value.problems[0].allowed == ("id", "Имя  клиента")


@pytest.mark.parametrize(
    ("columns", "mapping", "cells", "answers", "ignored"),
    [
        (
            ["Имя", "text"],
            {"Имя": "name"},
            {"Имя": "Анна", "text": "t"},
            {"name": "Анна", "text": "t"},
            (),
        ),
        (["a", "name"], {"a": "name"}, {"a": "1", "name": "old"}, {"name": "1"}, ("name",)),
        (["name"], {}, {"name": "1"}, {"name": "1"}, ()),
        (["name", "text"], {}, {"name": "1"}, {"name": "1"}, ()),
        (["name", "extra"], {}, {"name": "1", "extra": "2"}, {"name": "1"}, ("extra",)),
    ],
    ids=["rename", "mapped-wins", "no-mapping", "absent-key-skipped", "not-a-field-ignored"],
)
def test_column_plan(
    columns: list[str],
    mapping: dict[str, str],
    cells: dict[str, str],
    answers: dict[str, str],
    ignored: tuple[str, ...],
) -> None:
    plan = plan_columns(columns, mapping, {"name", "text"})
    assert plan.answers(cells) == answers
    assert plan.ignored == ignored


# --- properties ----------------------------------------------------------------------------------


_PIECES = [b",", b";", b"\t", b'"', b"\n", b"\r", b"a", b"\xd0\x96", b"\xc6", b"\x98", b"{"]
_PIECES += [b"}", b"\x00", b"\xff\xfe", b"\xef\xbb\xbf", b"PK\x03\x04", b"[1]", b"1e5"]


def _read_all(data: bytes, **options: object) -> list[Row]:
    with read_rows("-", stdin=io.BytesIO(data), **options) as source:  # type: ignore[arg-type]
        return list(source)


@settings(max_examples=200, deadline=None)
@given(
    data=st.one_of(
        st.binary(max_size=400),
        st.lists(st.sampled_from(_PIECES), max_size=60).map(b"".join),
    ),
    fmt=st.sampled_from(["auto", "csv", "tsv", "jsonl", "xlsx"]),
    encoding=st.sampled_from(["auto", "utf-8", "cp1251", "utf-16"]),
    limit=st.sampled_from([4, 1_000_000]),
)  # fmt: skip
def test_random_bytes_never_crash(data: bytes, fmt: str, encoding: str, limit: int) -> None:
    try:
        rows = _read_all(data, fmt=fmt, encoding=encoding, max_field_bytes=limit)
    except BatchInputError as err:
        assert err.message
        return
    assert all(isinstance(r, Row) and r.number >= 1 for r in rows)


_CELL_CHARS = "abcXYZ019 жЖёЁщ\"'\n"
_cells = st.text(alphabet=_CELL_CHARS, max_size=8)
_names = st.text(alphabet="abcdefgxyzабвгд_0123", min_size=1, max_size=6)


@st.composite
def _tables(draw: st.DrawFn) -> tuple[list[str], list[list[str]]]:
    header = draw(st.lists(_names, min_size=1, max_size=4, unique=True))
    rows = draw(st.lists(st.lists(_cells, min_size=len(header), max_size=len(header)), max_size=6))
    return header, rows


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    table=_tables(),
    delimiter=st.sampled_from([",", ";", "\t"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1251"]),
    newline=st.sampled_from(["\n", "\r\n"]),
)
def test_written_csv_reads_back(
    table: tuple[list[str], list[list[str]]], delimiter: str, encoding: str, newline: str
) -> None:
    header, rows = table
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator=newline)
    writer.writerow(header)
    writer.writerows(rows)
    data = out.getvalue().encode(encoding)
    # Tiny cp1251 samples can also be valid UTF-8, so that one is named, as a person would.
    with read_rows(
        "-", stdin=io.BytesIO(data), encoding="cp1251" if encoding == "cp1251" else "auto"
    ) as source:
        got = [list(r.values.values()) for r in source if not r.problems]
    assert source.columns == header
    if len(header) > 1:
        assert source.delimiter == delimiter
    assert got == [r for r in rows if any(r)]
