"""What every reader returns: :class:`RowSource`, an open input, and the :class:`Row` it yields."""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field
from typing import Any

from replykit.errors import Problem

__all__ = ["Row", "RowSource"]


@dataclass(frozen=True, slots=True)
class Row:
    """One data row: its spreadsheet row number, its cells by column, and what is wrong with it."""

    number: int
    values: dict[str, str]
    problems: list[Problem] = field(default_factory=list)
    line: int | None = None
    where: str = ""
    # JSONL: the arrays among the values, by column, as parsed (``values`` holds them as JSON
    # text), so a multichoice or list field can take them item by item.
    arrays: dict[str, list[Any]] = field(default_factory=dict)


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
