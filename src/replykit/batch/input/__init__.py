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

Limits
    A cell over ``max_field_bytes`` (UTF-8 bytes; default 1,000,000, the ``--max-field-size``
    flag) is a problem on its row. A line or cell over a hard cap (64 MiB or four times the
    limit) stops the reading: it is usually an unclosed quote swallowing the file.

Leniency, the way a spreadsheet shows the file
    Rows whose cells are all empty are skipped; see :mod:`.cells` for headers and values.
    A JSONL row holds only the keys its object has, and ``columns`` are the keys of the
    first object.

The modules: :mod:`.options` (the flags, format by extension or magic), :mod:`.decoding`
(codec, binaries, counted lines), :mod:`.cells`, then one per format: :mod:`.csv` (CSV and
TSV), :mod:`.jsonl`, :mod:`.xlsx`.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable
from typing import BinaryIO

from replykit.batch.input.csv import detect_delimiter, open_csv
from replykit.batch.input.decoding import (
    SAMPLE_BYTES,
    Lines,
    Prefixed,
    choose_decoding,
    hard_cap,
    refuse_binary,
    sample_text,
)
from replykit.batch.input.jsonl import open_jsonl
from replykit.batch.input.options import (
    DEFAULT_MAX_FIELD_BYTES,
    FORMATS,
    check_encoding,
    check_format,
    format_from_extension,
    parse_delimiter,
    sniff_format,
)
from replykit.batch.input.source import Row, RowSource
from replykit.batch.input.xlsx import open_xlsx
from replykit.errors import BatchInputError, UsageError

__all__ = ["DEFAULT_MAX_FIELD_BYTES", "FORMATS", "Row", "RowSource", "read_rows"]


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
    fmt = check_format(fmt)
    sep = parse_delimiter(delimiter)
    codec = check_encoding(encoding)
    from_stdin = isinstance(path_or_dash, str) and path_or_dash == "-"
    name = "<stdin>" if from_stdin else os.fspath(path_or_dash)
    if fmt == "auto" and not from_stdin:
        fmt = format_from_extension(name)

    raw = _open_binary(name) if not from_stdin else stdin if stdin is not None else sys.stdin.buffer

    def close() -> None:
        if not from_stdin:
            raw.close()

    try:
        head = _read_head(raw, name)
        if fmt == "auto":
            fmt = sniff_format(head)
        if fmt == "xlsx":
            return open_xlsx(raw, head, name, from_stdin, max_field_bytes, close)
        return _open_text(raw, head, name, fmt, codec, sep, max_field_bytes, close)
    except BaseException:
        close()
        raise


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
    dec = choose_decoding(head, at_eof, name, codec)
    sample = sample_text(head, dec)
    refuse_binary(head, sample, name, dec)
    cap = hard_cap(max_field_bytes)
    lines = Lines(io.BufferedReader(Prefixed(head, raw), SAMPLE_BYTES), dec, name, cap)
    if fmt == "jsonl":
        return open_jsonl(lines, name, dec.label, max_field_bytes, close)
    if sep is None:
        sep = "\t" if fmt == "tsv" else detect_delimiter(sample, complete=at_eof)
    return open_csv(lines, name, fmt, dec.label, sep, max_field_bytes, cap, close)
