"""Batch mode: one letter per row of a CSV, TSV, JSONL or XLSX file.

:func:`run_batch` checks every row before it writes anything; see :mod:`.passes` for the
rules a caller may rely on. The parts, from the options down to one row:

- :mod:`.request` (what was asked) and :mod:`.result` (what happened, and the reporter);
- :mod:`.preflight`: everything decided before row 1;
- :mod:`.passes`: the check pass, the spool and the render pass;
- :mod:`.rows`: a row's :class:`~replykit.batch.rows.RowPlan` and the worker that checks and
  renders it; :mod:`.pool`: the same work in N processes, in row order;
- :mod:`.input` (streaming rows), :mod:`.columns` (``--map``), :mod:`.naming` (safe file
  names, ``--name``), :mod:`.manifest`, :mod:`.progress` (the terminal).

Atomic writes live in :mod:`replykit.atomic`, shared with ``draft -o``.
"""

from replykit.batch.passes import run_batch
from replykit.batch.request import BatchRequest
from replykit.batch.result import BatchReporter, BatchResult, RowFailure

__all__ = ["BatchReporter", "BatchRequest", "BatchResult", "RowFailure", "run_batch"]
