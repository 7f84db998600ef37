"""XLSX: the first worksheet, read-only, values as a spreadsheet shows them."""

from __future__ import annotations

import tempfile
import warnings
from collections.abc import Callable, Iterator
from typing import IO, Any, BinaryIO

from replykit.batch.input.cells import RowMaker, read_header, xlsx_cell
from replykit.batch.input.source import Row, RowSource
from replykit.errors import BatchInputError

__all__ = ["open_xlsx"]


def open_xlsx(
    raw: BinaryIO,
    head: bytes,
    name: str,
    from_stdin: bool,
    max_field_bytes: int,
    close: Callable[[], None],
) -> RowSource:
    """The rows of the first worksheet, read-only; a pipe is spooled first (openpyxl seeks)."""
    try:
        # Here, not at the top: importing openpyxl takes 0.27-0.38 s (python -X importtime),
        # which every CSV and JSONL run would otherwise pay.
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
        columns = read_header(
            cells_by_row, name, empty="the first sheet", example="customer_name, text"
        )
    except BaseException:
        close_all()
        raise
    maker = RowMaker(name, columns, max_field_bytes, pad_short=True)

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
        yield number, [xlsx_cell(v) for v in values]
