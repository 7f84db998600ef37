"""JSON Lines: one object per line; a line that is not an object is a problem on its row.

An array value is a cell of JSON text, as every reader's cells are text, and is also kept as
parsed in ``Row.arrays``: a multichoice or list field then takes its items one by one.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

from replykit.batch.input.cells import RowMaker, json_cell
from replykit.batch.input.decoding import Lines
from replykit.batch.input.source import Row, RowSource
from replykit.errors import BatchInputError, Problem

__all__ = ["open_jsonl"]


_JSONL_SCAN_LINES = 1000


def open_jsonl(
    lines: Lines, name: str, label: str, max_field_bytes: int, close: Callable[[], None]
) -> RowSource:
    """The rows of a JSON Lines text; ``columns`` are the keys of the first object."""
    maker = RowMaker(name, [], max_field_bytes)
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


def _jsonl_lines(lines: Lines) -> Iterator[tuple[int, str]]:
    for text in lines:
        if text.strip():
            yield lines.count, text


def _jsonl_row(text: str, number: int, maker: RowMaker) -> tuple[Row, dict[str, Any] | None]:
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
        kind = json_kind(obj)
        problem = Problem(f"expected a JSON object, got {kind}", where=where)
        return Row(number, {}, [problem], number, where), None
    values = {str(k).strip(): json_cell(v) for k, v in obj.items()}
    arrays = {str(k).strip(): v for k, v in obj.items() if isinstance(v, list)}
    problems: list[Problem] = []
    if values and max(map(len, values.values())) > maker.quick:
        problems = maker.oversized(values.items(), where)
    return Row(number, values, problems, number, where, arrays), obj


def json_kind(obj: object) -> str:
    if isinstance(obj, list):
        return "an array"
    if isinstance(obj, str):
        return "a string"
    if obj is None:
        return "null"
    if isinstance(obj, bool):
        return "true" if obj else "false"
    return "a number"
