"""CSV and TSV: delimiter detection, records with their row numbers, unclosed quotes.

With ``delimiter="auto"``, ``,`` ``;`` and tab are counted outside quotes on the first
records; the one whose count is the same on every record wins (csv.Sniffer is fooled by
decimal commas such as ``125000,50`` in a ``;`` file).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterator

from replykit.batch.input.cells import RowMaker, read_header
from replykit.batch.input.decoding import Lines
from replykit.batch.input.source import Row, RowSource
from replykit.errors import BatchInputError, Problem

__all__ = ["detect_delimiter", "open_csv"]


_CANDIDATES = (",", ";", "\t")
# Tie-break when two candidates are equally consistent: a tab or a ';' in a header is rarer
# than a comma, so seeing one consistently says more.
_PREFERENCE = {"\t": 2, ";": 1, ",": 0}
_DELIM_TOKEN = re.compile(r'["\r\n,;\t]')


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


def open_csv(
    lines: Lines,
    name: str,
    fmt: str,
    label: str,
    sep: str,
    max_field_bytes: int,
    cap: int,
    close: Callable[[], None],
) -> RowSource:
    """The CSV or TSV rows of ``lines``, after its header (the first row with a cell)."""
    # field_size_limit is process-wide: only ever raise it. We enforce our own, smaller
    # limit per cell, so an oversized cell is a row problem, not an _csv.Error.
    if csv.field_size_limit() < cap:
        csv.field_size_limit(cap)
    reader = csv.reader(iter(lines), delimiter=sep)
    records = _records(reader, lines, name, cap)
    numbered = ((number, cells) for number, _line, cells, _open in records)
    columns = read_header(numbered, name, empty="the file", example="customer_name,text")
    maker = RowMaker(name, columns, max_field_bytes)

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
    reader: Iterator[list[str]], lines: Lines, name: str, cap: int
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
