"""Cells and rows the same way for every format: the header check, :class:`RowMaker`, and one
JSON or XLSX value as the text a spreadsheet would show.

Headers are trimmed; trailing header cells that are empty are dropped, and so are extra empty
cells at the end of a row (Excel writes ``;;;`` after the last column). Cell values are passed
on exactly as written. XLSX: numbers as typed (``7``, ``125000.5``, never ``7.0`` or
``1e+16``), dates as ISO (``2026-11-22``; with a time ``2026-11-22 10:30:00``), booleans
``true``/``false``, empty cells ``""``. JSON: the same for numbers and booleans, ``null`` →
``""``, arrays and objects as JSON text.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from decimal import Decimal

from replykit.batch.input.source import Row
from replykit.errors import BatchInputError, Problem

__all__ = ["RowMaker", "check_header", "format_number", "json_cell", "read_header", "xlsx_cell"]


_PREVIEW_CHARS = 40


class RowMaker:
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
        """``name:number``, with the physical line when it differs."""
        if line is None or line == number:
            return f"{self.name}:{number}"
        return f"{self.name}:{number} (line {line})"

    def make(self, cells: list[str], number: int, line: int | None) -> Row:
        """The Row of these cells, with its ragged and oversized-cell problems."""
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
        """A problem for each cell over the size limit."""
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


def read_header(
    rows: Iterator[tuple[int, list[str]]], name: str, *, empty: str, example: str
) -> list[str]:
    """The checked column names of the first row that has a cell, read from ``rows``.

    ``empty`` says what is empty when no row has one ("the file", "the first sheet") and
    ``example`` shows a header in that format; the rows after the header stay in ``rows``.
    """
    for number, cells in rows:
        if any(cells):
            return check_header(cells, f"{name}:{number}")
    raise BatchInputError(
        f"{name} has no header row: {empty} is empty",
        hint=f"the first row must name the columns, e.g. {example}",
    )


def check_header(cells: list[str], where: str) -> list[str]:
    """The column names of a header row, trimmed; BatchInputError if one is empty or repeated."""
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


def json_cell(value: object) -> str:
    """A JSON value as a cell: numbers as typed, ``null`` empty, arrays and objects as JSON."""
    text = _scalar_cell(value)
    return json.dumps(value, ensure_ascii=False) if text is None else text


def _scalar_cell(value: object) -> str | None:
    """Text, empty, a boolean or a number as a cell; None for anything else."""
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return format_number(value)
    return None


def format_number(value: float) -> str:
    """A float as a person typed it: ``7.0`` → ``7``, ``125000.5`` stays, no ``1e+16``."""
    if value != value or value in (float("inf"), float("-inf")):
        return str(value)
    if value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    text = repr(value)
    if "e" in text:
        text = format(Decimal(text), "f")
    return text


def xlsx_cell(value: object) -> str:
    """A worksheet value as a cell: numbers as typed, dates as ISO, booleans true/false."""
    text = _scalar_cell(value)
    if text is not None:
        return text
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0) and value.tzinfo is None:
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)
