"""Streaming row readers for batch input: CSV, TSV, JSONL and XLSX.

:func:`read_rows` opens a file (or ``-`` for stdin), reads its header and returns a
:class:`RowSource`; iterating it yields one :class:`Row` at a time, so memory stays flat
however many rows the file has. A bad row never stops the reading: it comes back with
``problems`` (ragged, a cell over the size limit, bad JSON), so the caller can report every
problem at once. A file that cannot be read at all (undecodable, binary, empty, a broken
header) raises :class:`~replykit.errors.BatchInputError`.

Row numbers
    ``Row.number`` is the row as a person sees it in a spreadsheet: the header is row 1 and
    the first data row is row 2. A cell with line breaks still occupies one row, and blank
    rows count (they are skipped, never renumbered), so ``answers.csv:7`` is row 7 in Excel.
    For CSV/TSV ``Row.line`` is the physical line the record starts on (it differs from
    ``number`` after a multi-line cell). JSONL has no header: ``number`` and ``line`` are the
    line number. XLSX: ``number`` is the sheet's row number.

Decoding (CSV, TSV, JSONL)
    With ``encoding="auto"``: a UTF-16 BOM means UTF-16; otherwise the first 64 KiB decide
    between UTF-8 (a BOM is dropped) and cp1251, what Russian Excel writes. The rest is then
    decoded strictly; a later byte that does not decode is an error naming the line and
    asking for ``--encoding``. Files with NUL bytes or full of control characters are refused
    as "not a text CSV" (cp1251 decodes almost any bytes, so decoding alone proves nothing).

Delimiter
    With ``delimiter="auto"``, ``,`` ``;`` and tab are counted outside quotes on the first
    records; the one whose count is the same on every record wins (csv.Sniffer is fooled by
    decimal commas such as ``125000,50`` in a ``;`` file).

Limits
    A cell over ``max_field_bytes`` (UTF-8 bytes; default 1,000,000, the ``--max-field-size``
    flag) is a problem on its row. A line or cell over a hard cap (64 MiB or four times the
    limit) stops the reading: it is usually an unclosed quote swallowing the file.

Leniency, the way a spreadsheet shows the file
    Headers are trimmed; trailing header cells that are empty are dropped, and so are extra
    empty cells at the end of a row (Excel writes ``;;;`` after the last column). Rows whose
    cells are all empty are skipped. Cell values are passed on exactly as written.

Values are always strings
    XLSX: numbers as typed (``7``, ``125000.5``, never ``7.0`` or ``1e+16``), dates as ISO
    (``2026-11-22``; with a time ``2026-11-22 10:30:00``), booleans ``true``/``false``, empty
    cells ``""``. JSONL: the same for numbers and booleans, ``null`` → ``""``, arrays and
    objects as JSON text; a JSONL row holds only the keys its object has, and ``columns`` are
    the keys of the first object.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import json
import os
import re
import sys
import tempfile
import warnings
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import IO, Any, BinaryIO

from replykit.errors import BatchInputError, Problem, UsageError, did_you_mean
from replykit.limits import DEFAULT_MAX_FIELD_BYTES

__all__ = [
    "AUTO_ENCODINGS",
    "DEFAULT_MAX_FIELD_BYTES",
    "FORMATS",
    "Row",
    "RowSource",
    "apply_mapping",
    "check_mapping",
    "detect_delimiter",
    "parse_delimiter",
    "parse_mapping",
    "parse_mappings",
    "read_rows",
]

AUTO_ENCODINGS = ("utf-16", "utf-8", "cp1251")
FORMATS = ("csv", "tsv", "jsonl", "xlsx")

SAMPLE_BYTES = 64 * 1024
_HARD_CAP_MIN = 64 * 1024 * 1024
_JSONL_SCAN_LINES = 1000
_PREVIEW_CHARS = 40

_EXTENSIONS = {
    ".csv": "csv",
    ".txt": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
}
_DELIMITERS = {",": ",", ";": ";", "\t": "\t", "tab": "\t", "\\t": "\t", "|": "|"}
_CANDIDATES = (",", ";", "\t")
# Tie-break when two candidates are equally consistent: a tab or a ';' in a header is rarer
# than a comma, so seeing one consistently says more.
_PREFERENCE = {"\t": 2, ";": 1, ",": 0}
_ZIP_MAGIC = b"PK\x03\x04"
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_LONE_CR = re.compile(r"(?<=\r)(?!\n)")
_STATELESS_CODECS = frozenset(
    {"utf-8", "utf-8-sig", "cp1251", "cp1252", "cp866", "koi8-r", "koi8-u", "iso8859-1"}
    | {"iso8859-5", "iso8859-15", "mac-cyrillic", "ascii"}
)
_DELIM_TOKEN = re.compile(r'["\r\n,;\t]')


@dataclass(frozen=True, slots=True)
class Row:
    """One data row: its spreadsheet row number, its cells by column, and what is wrong with it."""

    number: int
    values: dict[str, str]
    problems: list[Problem] = field(default_factory=list)
    line: int | None = None
    where: str = ""

    @property
    def ok(self) -> bool:
        """True when the row has no problems."""
        return not self.problems


class RowSource:
    """An open batch input: ``columns`` known up front, rows read lazily, one pass like a file.

    Close it (or use it as a context manager) if you stop before the end; reading to the
    end closes it by itself.
    """

    def __init__(
        self,
        *,
        name: str,
        fmt: str,
        columns: list[str],
        rows: Iterator[Row],
        close: Callable[[], None],
        encoding: str | None = None,
        delimiter: str | None = None,
    ) -> None:
        self.name = name
        self.fmt = fmt
        self.columns = columns
        self.encoding = encoding
        self.delimiter = delimiter
        self._close = close
        self._rows = _closing(rows, close)

    def __iter__(self) -> Iterator[Row]:
        return self._rows

    def close(self) -> None:
        """Release the file; safe to call more than once."""
        self._rows.close()
        self._close()

    def __enter__(self) -> RowSource:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return (
            f"RowSource({self.name!r}, fmt={self.fmt!r}, encoding={self.encoding!r}, "
            f"delimiter={self.delimiter!r}, columns={self.columns!r})"
        )


def _closing(rows: Iterator[Row], close: Callable[[], None]) -> Generator[Row, None, None]:
    try:
        yield from rows
    finally:
        close()


def read_rows(
    path_or_dash: str | os.PathLike[str],
    *,
    encoding: str = "auto",
    delimiter: str = "auto",
    fmt: str = "auto",
    max_field_bytes: int = DEFAULT_MAX_FIELD_BYTES,
    stdin: BinaryIO | None = None,
) -> RowSource:
    """Open a CSV, TSV, JSONL or XLSX file (``-`` reads ``stdin``) and read its header.

    ``fmt`` is ``auto`` (by extension; otherwise sniffed: a ZIP is XLSX, a leading ``{`` is
    JSONL, anything else CSV) or one of :data:`FORMATS`. Raises BatchInputError when the file
    cannot be read and UsageError for a bad option value.
    """
    if max_field_bytes < 1:
        raise UsageError(
            f"--max-field-size must be a positive number of bytes, not {max_field_bytes}"
        )
    fmt = _check_fmt(fmt)
    sep = parse_delimiter(delimiter)
    codec = _check_encoding(encoding)
    from_stdin = isinstance(path_or_dash, str) and path_or_dash == "-"
    name = "<stdin>" if from_stdin else os.fspath(path_or_dash)
    if fmt == "auto" and not from_stdin:
        fmt = _format_from_extension(name)

    raw = _open_binary(name) if not from_stdin else stdin if stdin is not None else sys.stdin.buffer

    def close() -> None:
        if not from_stdin:
            raw.close()

    try:
        head = _read_head(raw, name)
        if fmt == "auto":
            fmt = _sniff_format(head)
        if fmt == "xlsx":
            return _open_xlsx(raw, head, name, from_stdin, max_field_bytes, close)
        return _open_text(raw, head, name, fmt, codec, sep, max_field_bytes, close)
    except BaseException:
        close()
        raise


# --- options -------------------------------------------------------------------------------


def parse_delimiter(value: str) -> str | None:
    """``--delimiter``: ``auto`` gives None; ``,`` ``;`` ``|`` or ``tab`` (``\\t``) a character."""
    if value == "auto":
        return None
    try:
        return _DELIMITERS[value.lower() if value.isalpha() else value]
    except KeyError:
        raise UsageError(
            f"--delimiter {value!r} is not supported; use auto, ',', ';', '|' or tab"
        ) from None


def _check_fmt(fmt: str) -> str:
    value = fmt.lower().lstrip(".")
    if value in ("auto", *FORMATS):
        return value
    raise UsageError(
        f"--input-format {fmt!r} is not an input format; use auto, {', '.join(FORMATS)}"
    )


def _check_encoding(encoding: str) -> str | None:
    if encoding == "auto":
        return None
    try:
        "".encode(encoding)  # LookupError for bytes-to-bytes codecs such as base64, too
        return codecs.lookup(encoding).name
    except LookupError:
        raise UsageError(
            f"--encoding {encoding!r} is not an encoding Python knows; "
            "try utf-8, cp1251, utf-16 or koi8-r"
        ) from None


def _format_from_extension(name: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix == ".xls":
        raise BatchInputError(
            f"{name} is an old Excel .xls workbook, which replykit cannot read",
            hint="save it from Excel as .xlsx or as CSV",
        )
    return _EXTENSIONS.get(suffix, "auto")


def _sniff_format(head: bytes) -> str:
    if head.startswith(_ZIP_MAGIC):
        return "xlsx"
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        return "jsonl"
    return "csv"


def _open_binary(name: str) -> BinaryIO:
    try:
        return open(name, "rb")
    except FileNotFoundError:
        raise BatchInputError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise BatchInputError(f"{name} is a folder, not a file") from None
    except PermissionError:
        raise BatchInputError(f"{name}: permission denied; cannot read it") from None
    except OSError as err:
        raise BatchInputError(f"{name}: cannot open it ({err.strerror or err})") from err


def _read_head(raw: BinaryIO, name: str) -> bytes:
    try:
        return raw.read(SAMPLE_BYTES) or b""
    except IsADirectoryError:
        raise BatchInputError(f"{name} is a folder, not a file") from None
    except OSError as err:
        raise BatchInputError(f"{name}: cannot read it ({err.strerror or err})") from err


def _hard_cap(max_field_bytes: int) -> int:
    return max(_HARD_CAP_MIN, 4 * max_field_bytes)


# --- decoding --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Decoding:
    codec: str  # what decodes the bytes
    label: str  # what we report as RowSource.encoding
    auto: bool


class _Prefixed(io.RawIOBase):
    """A binary stream whose first bytes were already read for sniffing."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._rest.read(len(buffer)) or b""
        buffer[: len(data)] = data
        return len(data)


def _choose_decoding(head: bytes, at_eof: bool, name: str, codec: str | None) -> _Decoding:
    if codec is not None:
        # utf-8-sig reads plain UTF-8 too and drops a BOM that would glue itself to a header.
        return _Decoding("utf-8-sig" if codec == "utf-8" else codec, codec, auto=False)
    if head.startswith(_UTF16_BOMS):
        return _Decoding("utf-16", "utf-16", auto=True)
    if head.startswith(codecs.BOM_UTF8):
        return _Decoding("utf-8-sig", "utf-8-sig", auto=True)
    try:
        # final=False lets the sample end inside a multibyte character.
        codecs.getincrementaldecoder("utf-8")().decode(head, final=at_eof)
    except UnicodeDecodeError:
        pass
    else:
        return _Decoding("utf-8-sig", "utf-8", auto=True)
    try:
        head.decode("cp1251")
    except UnicodeDecodeError as err:
        bad = head[err.start]
        line = head.count(b"\n", 0, err.start) + 1
        raise BatchInputError(
            f"{name}: cannot decode as utf-8 (tried {', '.join(AUTO_ENCODINGS)}); pass --encoding",
            hint=f"byte 0x{bad:02x} on line {line} is valid in none of them; "
            "pass the file's encoding, e.g. --encoding koi8-r",
        ) from None
    return _Decoding("cp1251", "cp1251", auto=True)


def _sample_text(head: bytes, dec: _Decoding) -> str:
    try:
        return codecs.getincrementaldecoder(dec.codec)(errors="replace").decode(head, final=False)
    except UnicodeError:  # utf-16 without a BOM; the streaming decode reports it with a line
        return ""


def _refuse_binary(head: bytes, sample: str, name: str, dec: _Decoding) -> None:
    if head.startswith(_ZIP_MAGIC):
        raise BatchInputError(
            f"{name} is a ZIP file (an XLSX workbook?), not a text CSV",
            hint="name it .xlsx or pass --input-format xlsx",
        )
    if _ascii_compatible(dec.codec) and b"\x00" in head:
        line = head.count(b"\n", 0, head.index(b"\x00")) + 1
        raise _nul_error(name, line)
    controls = len(_CONTROL.findall(sample))
    if controls and controls * 100 >= len(sample):
        raise BatchInputError(
            f"{name} is not a text CSV: it is full of control characters",
            hint="pass a CSV, TSV, JSONL or XLSX file; if it is text, pass its --encoding",
        )


def _nul_error(name: str, line: int) -> BatchInputError:
    return BatchInputError(
        f"{name}:{line}: contains a NUL byte; this is a binary file, not a text CSV",
        hint="export the data as CSV or XLSX; for UTF-16 without a BOM pass --encoding utf-16-le",
    )


def _ascii_compatible(codec: str) -> bool:
    """True when the codec writes ASCII as ASCII, so bytes can be split at ``\\n``."""
    probe = '\n\r,;\t"{}'
    try:
        # utf-8-sig writes a BOM before anything, which is not the point here.
        return (probe.encode(codec).removeprefix(codecs.BOM_UTF8)) == probe.encode("ascii")
    except (UnicodeError, LookupError):
        return False


class _Lines:
    """Decoded physical lines (ends kept, as ``newline=""`` gives them), counted as they go.

    For ASCII-compatible encodings the bytes are split at ``\\n`` before decoding, so a
    decode error names its exact line; UTF-16 goes through TextIOWrapper ("near line N").
    """

    def __init__(self, stream: IO[bytes], dec: _Decoding, name: str, cap: int) -> None:
        self.count = 0
        self.exhausted = False
        self._stream = stream
        self._dec = dec
        self._name = name
        self._cap = cap

    def __iter__(self) -> Iterator[str]:
        if _ascii_compatible(self._dec.codec):
            return self._byte_lines()
        return self._text_lines()

    def _byte_lines(self) -> Iterator[str]:
        codec = self._dec.codec
        # A line ends at a \n byte, which no character of these codecs contains, so each
        # line decodes on its own (bytes.decode is faster than an incremental decoder).
        whole_lines = codec in _STATELESS_CODECS
        plain = "utf-8" if codec == "utf-8-sig" else codec
        bom = codecs.BOM_UTF8 if codec == "utf-8-sig" else b""
        decode = codecs.getincrementaldecoder(codec)(errors="strict").decode
        readline = self._stream.readline
        cap = self._cap
        while True:
            chunk = self._read(readline, cap)
            if len(chunk) >= cap and not chunk.endswith(b"\n"):
                raise self._too_long(self.count + 1)
            try:
                if whole_lines:
                    if bom and self.count == 0:
                        chunk = chunk.removeprefix(bom)
                    text = chunk.decode(plain)
                else:
                    text = decode(chunk, final=not chunk)
            except UnicodeError:  # UnicodeDecodeError, or utf-16's missing BOM
                raise self._decode_error(max(self.count + (1 if chunk else 0), 1)) from None
            if not chunk:
                self.exhausted = True
                return
            cr = text.find("\r")
            pieces: Iterable[str] = (
                (p for p in _LONE_CR.split(text) if p) if -1 < cr < len(text) - 2 else (text,)
            )
            for piece in pieces:
                self.count += 1
                if "\x00" in piece:
                    raise _nul_error(self._name, self.count)
                yield piece

    def _text_lines(self) -> Iterator[str]:
        wrapper = io.TextIOWrapper(self._stream, encoding=self._dec.codec, newline="")
        cap = self._cap
        while True:
            try:
                line = wrapper.readline(cap)
            except UnicodeError:  # UnicodeDecodeError, or utf-16's missing BOM
                raise self._decode_error(self.count + 1, near=True) from None
            except OSError as err:
                raise BatchInputError(f"{self._name}: cannot read it ({err})") from err
            if not line:
                self.exhausted = True
                return
            if len(line) >= cap and not line.endswith(("\n", "\r")):
                raise self._too_long(self.count + 1)
            self.count += 1
            if "\x00" in line:
                raise _nul_error(self._name, self.count)
            yield line

    def _read(self, readline: Callable[[int], bytes], cap: int) -> bytes:
        try:
            return readline(cap)
        except OSError as err:
            raise BatchInputError(f"{self._name}: cannot read it ({err})") from err

    def _decode_error(self, line: int, *, near: bool = False) -> BatchInputError:
        where = f"{self._name}: near line {line}" if near else f"{self._name}:{line}"
        label = self._dec.label
        if self._dec.auto:
            return BatchInputError(
                f"{where}: cannot decode as {label} (tried {', '.join(AUTO_ENCODINGS)}); "
                "pass --encoding",
                hint=f"the start of the file reads as {label} but this line does not; "
                "pass the file's real encoding, e.g. --encoding cp1251",
            )
        return BatchInputError(
            f"{where}: cannot decode as {label}; pass the file's real --encoding",
            hint="common ones: utf-8, cp1251 (Russian Excel), utf-16, koi8-r",
        )

    def _too_long(self, line: int) -> BatchInputError:
        return BatchInputError(
            f"{self._name}:{line}: a line is longer than {self._cap:,} bytes "
            "(an unclosed quote, or not a CSV?)",
            hint="pass --max-field-size to raise the limit if the data is real",
        )


# --- CSV and TSV -----------------------------------------------------------------------------


def detect_delimiter(sample: str, *, complete: bool = True) -> str:
    """Guess ``,`` ``;`` or tab from the first records of ``sample`` (decoded text).

    Counts each candidate outside quotes per record; the one whose count matches the header's
    on the most records wins (then the higher count, then tab > ``;`` > ``,``). A sample with
    none in its header is one column: ``,``. ``complete=False`` drops the last, cut record.
    """
    records = _count_candidates(sample, complete=complete)
    if not records:
        return ","
    header, data = records[0], records[1:]
    best: tuple[float, int, int] | None = None
    choice = ","
    for cand in _CANDIDATES:
        if header[cand] == 0:
            continue
        agree = sum(1 for rec in data if rec[cand] == header[cand]) / len(data) if data else 1.0
        score = (agree, header[cand], _PREFERENCE[cand])
        if best is None or score > best:
            best, choice = score, cand
    return choice


def _count_candidates(sample: str, *, complete: bool, limit: int = 50) -> list[dict[str, int]]:
    records: list[dict[str, int]] = []
    counts = dict.fromkeys(_CANDIDATES, 0)
    in_quotes = False
    record_start = 0
    pos = 0
    search = _DELIM_TOKEN.search
    while len(records) < limit:
        m = search(sample, pos)
        if m is None:
            break
        char, at = m.group(), m.start()
        pos = m.end()
        if char == '"':
            if not in_quotes:
                in_quotes = True
            elif sample.startswith('"', pos):
                pos += 1  # a doubled quote inside a quoted field
            else:
                in_quotes = False
        elif in_quotes:
            continue
        elif char in "\r\n":
            if char == "\r" and sample.startswith("\n", pos):
                pos += 1
            if at > record_start:
                records.append(counts)
            counts = dict.fromkeys(_CANDIDATES, 0)
            record_start = pos
        else:
            counts[char] += 1
    else:
        return records
    if complete and len(sample) > record_start and sample[record_start:].strip():
        records.append(counts)
    return records


class _RowMaker:
    """Turns a list of cells into a Row: ragged check, size limit, padding."""

    def __init__(
        self, name: str, columns: list[str], max_field_bytes: int, *, pad_short: bool = False
    ) -> None:
        self.name = name
        self.columns = columns
        self.width = len(columns)
        self.limit = max_field_bytes
        # A cell of n characters has at most 4n UTF-8 bytes: shorter ones need no encoding.
        self.quick = max_field_bytes // 4
        self.pad_short = pad_short

    def where(self, number: int, line: int | None) -> str:
        if line is None or line == number:
            return f"{self.name}:{number}"
        return f"{self.name}:{number} (line {line})"

    def make(self, cells: list[str], number: int, line: int | None) -> Row:
        where = self.where(number, line)
        problems: list[Problem] = []
        width = self.width
        if len(cells) != width:
            if len(cells) > width and not any(cells[width:]):
                cells = cells[:width]
            elif len(cells) < width and self.pad_short:
                cells = cells + [""] * (width - len(cells))
            else:
                problems.append(Problem(f"expected {width} fields, saw {len(cells)}", where=where))
                cells = (cells + [""] * width)[:width]
        if cells and max(map(len, cells)) > self.quick:
            problems.extend(self.oversized(zip(self.columns, cells, strict=True), where))
        return Row(number, dict(zip(self.columns, cells, strict=True)), problems, line, where)

    def oversized(self, items: Iterable[tuple[str, str]], where: str) -> list[Problem]:
        found = []
        for column, cell in items:
            if len(cell) > self.quick:
                size = len(cell.encode("utf-8", "surrogatepass"))
                if size > self.limit:
                    found.append(
                        Problem(
                            f'cell "{column}" is {size:,} bytes, over the {self.limit:,}-byte '
                            "limit; pass --max-field-size to raise it",
                            where=where,
                            field=column,
                            value=_preview(cell),
                        )
                    )
        return found


def _preview(text: str) -> str:
    return text if len(text) <= _PREVIEW_CHARS else text[:_PREVIEW_CHARS] + "…"


def _check_header(cells: list[str], where: str) -> list[str]:
    names = [c.strip() for c in cells]
    if names:
        names[0] = names[0].lstrip("\ufeff").strip()
    while names and not names[-1]:
        names.pop()
    if not names:
        raise BatchInputError(
            f"{where}: the header row has no column names",
            hint="the first row must name the columns, e.g. customer_name,text",
        )
    problems: list[Problem] = []
    seen: dict[str, list[int]] = {}
    for index, column in enumerate(names, start=1):
        if not column:
            problems.append(Problem(f"column {index} has no name", where=where))
        else:
            seen.setdefault(column, []).append(index)
    for column, indexes in seen.items():
        if len(indexes) > 1:
            places = ", ".join(map(str, indexes[:-1])) + f" and {indexes[-1]}"
            problems.append(
                Problem(f'"{column}" names columns {places}', where=where, field=column)
            )
    if problems:
        raise BatchInputError(
            f"{where}: the header row needs a unique name for every column: "
            + "; ".join(p.message for p in problems),
            hint="fix the first row so each column has its own name",
            problems=problems,
        )
    return names


def _open_text(
    raw: BinaryIO,
    head: bytes,
    name: str,
    fmt: str,
    codec: str | None,
    sep: str | None,
    max_field_bytes: int,
    close: Callable[[], None],
) -> RowSource:
    at_eof = len(head) < SAMPLE_BYTES
    dec = _choose_decoding(head, at_eof, name, codec)
    sample = _sample_text(head, dec)
    _refuse_binary(head, sample, name, dec)
    cap = _hard_cap(max_field_bytes)
    lines = _Lines(io.BufferedReader(_Prefixed(head, raw), SAMPLE_BYTES), dec, name, cap)
    if fmt == "jsonl":
        return _open_jsonl(lines, name, dec.label, max_field_bytes, close)
    if sep is None:
        sep = "\t" if fmt == "tsv" else detect_delimiter(sample, complete=at_eof)
    return _open_csv(lines, name, fmt, dec.label, sep, max_field_bytes, cap, close)


def _open_csv(
    lines: _Lines,
    name: str,
    fmt: str,
    label: str,
    sep: str,
    max_field_bytes: int,
    cap: int,
    close: Callable[[], None],
) -> RowSource:
    # field_size_limit is process-wide: only ever raise it. We enforce our own, smaller
    # limit per cell, so an oversized cell is a row problem, not an _csv.Error.
    if csv.field_size_limit() < cap:
        csv.field_size_limit(cap)
    reader = csv.reader(iter(lines), delimiter=sep)
    records = _records(reader, lines, name, cap)
    header: list[str] | None = None
    header_number = 0
    for number, _line, cells, _unclosed in records:
        if any(cells):
            header, header_number = cells, number
            break
    if header is None:
        raise BatchInputError(
            f"{name} has no header row: the file is empty",
            hint="the first row must name the columns, e.g. customer_name,text",
        )
    columns = _check_header(header, f"{name}:{header_number}")
    maker = _RowMaker(name, columns, max_field_bytes)

    def rows() -> Iterator[Row]:
        for row_number, line, cells, unclosed in records:
            if any(cells):
                row = maker.make(cells, row_number, line)
                if unclosed:
                    row.problems.append(
                        Problem(
                            "a quote opened in this row is never closed; "
                            "the rest of the file became one cell",
                            where=row.where,
                        )
                    )
                yield row

    return RowSource(
        name=name,
        fmt=fmt,
        columns=columns,
        rows=rows(),
        close=close,
        encoding=label,
        delimiter=sep,
    )


def _records(
    reader: Iterator[list[str]], lines: _Lines, name: str, cap: int
) -> Iterator[tuple[int, int, list[str], bool]]:
    """(row number, first physical line, cells, unclosed quote) per record, blank ones too.

    csv returns a record after its input ran out only when the file ended inside a quoted
    cell: that is how an unclosed quote is noticed.
    """
    number = 0
    while True:
        start = lines.count + 1
        exhausted_before = lines.exhausted
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            if "field limit" in str(err):
                raise BatchInputError(
                    f"{name}:{start}: a cell is larger than {cap:,} characters "
                    "(an unclosed quote?)",
                    hint="pass --max-field-size to raise the limit if the data is real",
                ) from None
            raise BatchInputError(f"{name}:{lines.count}: not a readable CSV ({err})") from None
        number += 1
        yield number, start, cells, lines.exhausted and not exhausted_before


# --- JSONL -------------------------------------------------------------------------------------


def _open_jsonl(
    lines: _Lines, name: str, label: str, max_field_bytes: int, close: Callable[[], None]
) -> RowSource:
    maker = _RowMaker(name, [], max_field_bytes)
    numbered = _jsonl_lines(lines)
    pending: list[Row] = []
    columns: list[str] | None = None
    for number, text in numbered:
        row, obj = _jsonl_row(text, number, maker)
        pending.append(row)
        if obj is not None:
            columns = list(row.values)
            break
        if len(pending) >= _JSONL_SCAN_LINES:
            raise BatchInputError(
                f"{name}: no JSON object in the first {_JSONL_SCAN_LINES:,} lines; is it JSONL?",
                hint="JSONL holds one JSON object per line; otherwise pass --input-format",
            )
    if not pending:
        raise BatchInputError(
            f"{name} has no rows: the file is empty",
            hint='JSONL holds one JSON object per line, e.g. {"customer_name": "Anna"}',
        )

    def rows() -> Iterator[Row]:
        yield from pending
        pending.clear()
        for number, text in numbered:
            yield _jsonl_row(text, number, maker)[0]

    return RowSource(
        name=name, fmt="jsonl", columns=columns or [], rows=rows(), close=close, encoding=label
    )


def _jsonl_lines(lines: _Lines) -> Iterator[tuple[int, str]]:
    for text in lines:
        if text.strip():
            yield lines.count, text


def _jsonl_row(text: str, number: int, maker: _RowMaker) -> tuple[Row, dict[str, Any] | None]:
    where = maker.where(number, None)
    try:
        obj = json.loads(text.rstrip("\r\n"))
    except json.JSONDecodeError as err:
        problem = Problem(f"invalid JSON: {err.msg} (column {err.colno})", where=where)
        return Row(number, {}, [problem], number, where), None
    except (ValueError, RecursionError) as err:
        problem = Problem(f"invalid JSON: {err}", where=where)
        return Row(number, {}, [problem], number, where), None
    if not isinstance(obj, dict):
        kind = _json_kind(obj)
        problem = Problem(f"expected a JSON object, got {kind}", where=where)
        return Row(number, {}, [problem], number, where), None
    values = {str(k).strip(): _json_cell(v) for k, v in obj.items()}
    problems: list[Problem] = []
    if values and max(map(len, values.values())) > maker.quick:
        problems = maker.oversized(values.items(), where)
    return Row(number, values, problems, number, where), obj


def _json_kind(obj: object) -> str:
    if isinstance(obj, list):
        return "an array"
    if isinstance(obj, str):
        return "a string"
    if obj is None:
        return "null"
    if isinstance(obj, bool):
        return "true" if obj else "false"
    return "a number"


def _json_cell(value: object) -> str:
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _format_number(value)
    return json.dumps(value, ensure_ascii=False)


def _format_number(value: float) -> str:
    """A float as a person typed it: ``7.0`` → ``7``, ``125000.5`` stays, no ``1e+16``."""
    if value != value or value in (float("inf"), float("-inf")):
        return str(value)
    if value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    text = repr(value)
    if "e" in text:
        text = format(Decimal(text), "f")
    return text


# --- XLSX --------------------------------------------------------------------------------------


def _open_xlsx(
    raw: BinaryIO,
    head: bytes,
    name: str,
    from_stdin: bool,
    max_field_bytes: int,
    close: Callable[[], None],
) -> RowSource:
    try:
        import openpyxl
    except ImportError:  # pragma: no cover - openpyxl is a dependency
        raise BatchInputError(
            f"{name}: reading .xlsx needs openpyxl", hint="pip install openpyxl"
        ) from None
    source: IO[bytes]
    if from_stdin or not raw.seekable():
        # openpyxl needs to seek; spool a pipe (to disk past a few MB).
        spool = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115
        try:
            spool.write(head)
            while chunk := raw.read(1024 * 1024):
                spool.write(chunk)
        except OSError as err:
            spool.close()
            raise BatchInputError(f"{name}: cannot read it ({err.strerror or err})") from err
        spool.seek(0)
        source = spool
    else:
        raw.seek(0)
        source = raw
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(source, read_only=True, data_only=True)
    except Exception as err:
        # openpyxl raises anything from BadZipFile to KeyError on a broken file.
        source.close()
        raise BatchInputError(
            f"{name}: cannot open as an XLSX workbook ({type(err).__name__}: {err})",
            hint="check that it is a real .xlsx file, or pass --input-format csv",
        ) from None

    def close_all() -> None:
        book.close()
        source.close()
        close()

    try:
        if not book.worksheets:
            raise BatchInputError(f"{name} has no worksheets")
        sheet = book.worksheets[0]
        # Some writers store a wrong size; read what is there and pad rows ourselves.
        sheet.reset_dimensions()
        cells_by_row = _xlsx_rows(sheet.iter_rows(min_row=1, values_only=True), name)
        header: list[str] | None = None
        header_number = 0
        for number, cells in cells_by_row:
            if any(cells):
                header, header_number = cells, number
                break
        if header is None:
            raise BatchInputError(
                f"{name} has no header row: the first sheet is empty",
                hint="the first row must name the columns, e.g. customer_name, text",
            )
        columns = _check_header(header, f"{name}:{header_number}")
    except BaseException:
        close_all()
        raise
    maker = _RowMaker(name, columns, max_field_bytes, pad_short=True)

    def rows() -> Iterator[Row]:
        for row_number, cells in cells_by_row:
            if any(cells):
                yield maker.make(cells, row_number, None)

    return RowSource(name=name, fmt="xlsx", columns=columns, rows=rows(), close=close_all)


def _xlsx_rows(rows: Iterator[tuple[Any, ...]], name: str) -> Iterator[tuple[int, list[str]]]:
    number = 0
    while True:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                values = next(rows)
        except StopIteration:
            return
        except Exception as err:
            raise BatchInputError(
                f"{name}:{number + 1}: cannot read the workbook ({type(err).__name__}: {err})"
            ) from None
        number += 1
        yield number, [_xlsx_cell(v) for v in values]


def _xlsx_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _format_number(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0) and value.tzinfo is None:
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


# --- --map -------------------------------------------------------------------------------------


def parse_mapping(spec: str) -> tuple[str, str]:
    """``"Имя клиента=customer_name"`` → ``("Имя клиента", "customer_name")``.

    Splits at the last ``=`` (field names never hold one; column names might). Both sides are
    trimmed, as headers are.
    """
    column, sep, target = spec.rpartition("=")
    column, target = column.strip(), target.strip()
    if not sep or not column or not target:
        raise UsageError(
            f'--map "{spec}": expected COLUMN=FIELD, e.g. --map "Имя клиента=customer_name"'
        )
    return column, target


def parse_mappings(specs: Iterable[str]) -> dict[str, str]:
    """Every ``--map`` value into ``{column: field}``; all problems reported at once."""
    mapping: dict[str, str] = {}
    problems: list[Problem] = []
    for spec in specs:
        try:
            column, target = parse_mapping(spec)
        except UsageError as err:
            problems.append(Problem(err.message, value=spec))
            continue
        if column in mapping and mapping[column] != target:
            problems.append(
                Problem(
                    f'--map maps column "{column}" twice (to {mapping[column]} and {target})',
                    field=column,
                )
            )
        mapping[column] = target
    targets: dict[str, list[str]] = {}
    for column, target in mapping.items():
        targets.setdefault(target, []).append(column)
    for target, columns in targets.items():
        if len(columns) > 1:
            names = ", ".join(f'"{c}"' for c in columns)
            problems.append(Problem(f"--map gives field {target} from {names}", field=target))
    if problems:
        raise UsageError("; ".join(p.message for p in problems), problems=problems)
    return mapping


def check_mapping(mapping: Mapping[str, str], columns: Sequence[str], *, source: str = "") -> None:
    """Raise BatchInputError if ``mapping`` names a column the file does not have.

    Call once after :func:`read_rows`, before the rows; the message lists the columns there
    are and suggests the nearest name.
    """
    missing = [column for column in mapping if column not in columns]
    if not missing:
        return
    problems = []
    for column in missing:
        guess = did_you_mean(column, columns, quote='"')
        problems.append(
            Problem(
                f'no column "{column}"{guess}',
                where=source,
                field=column,
                allowed=tuple(columns),
            )
        )
    prefix = f"{source}: " if source else ""
    available = ", ".join(f'"{c}"' for c in columns) or "none"
    raise BatchInputError(
        f"{prefix}--map names columns the file does not have: "
        + "; ".join(p.message for p in problems)
        + f"; the columns are {available}",
        hint='copy the column name from the file\'s first row, e.g. --map "Имя=customer_name"',
        problems=problems,
    )


def apply_mapping(values: Mapping[str, str], mapping: Mapping[str, str]) -> dict[str, str]:
    """Rename mapped columns to their fields; other columns keep their names.

    A mapped column wins over an unmapped column of the same name. A mapped column missing
    from ``values`` is skipped (a JSONL row may omit a key): check the header once with
    :func:`check_mapping`.
    """
    if not mapping:
        return dict(values)
    renamed = {k: v for k, v in values.items() if k not in mapping}
    for column, target in mapping.items():
        if column in values:
            renamed[target] = values[column]
    return renamed
