"""The same row work here or in N worker processes, in row order, with a bounded backlog.

``jobs=1`` runs the :class:`~replykit.batch.rows.Worker` in this process; ``jobs > 1`` starts
a pool whose processes each build their own worker from the picklable
:class:`~replykit.batch.preflight.Setup`. Chunks come back in the order they were sent, so
files, manifest and JSONL are byte-identical whatever ``jobs`` is.
"""

from __future__ import annotations

import itertools
import multiprocessing
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from replykit.batch.preflight import Setup
from replykit.batch.rows import RowPlan, Worker

__all__ = ["RowPool", "chunks"]

_CHUNK_ROWS = 32
_WINDOW_PER_JOB = 4

_WORKER: Worker | None = None  # this process's worker, in a pool process


def _start_worker(setup: Setup) -> None:
    global _WORKER
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and ends the pool
    _WORKER = Worker(setup)


def _in_worker(method: str, chunk: list[RowPlan]) -> list[RowPlan]:
    assert _WORKER is not None
    result: list[RowPlan] = getattr(_WORKER, method)(chunk)
    return result


class RowPool:
    """Runs a worker method over chunks, here or in a pool, yielding results in order.

    At most a few chunks per process are in flight, so a fast reader never piles rows up in
    memory; :meth:`stop` stops sending new chunks while the ones in flight finish.
    """

    def __init__(self, setup: Setup, jobs: int) -> None:
        self.jobs = jobs
        self.stopped = False
        self.pool: Any = None
        self.worker: Worker | None = None
        if jobs > 1:
            self.pool = multiprocessing.get_context().Pool(jobs, _start_worker, (setup,))
        else:
            self.worker = Worker(setup)

    def map(self, method: str, work: Iterable[list[RowPlan]]) -> Iterator[list[RowPlan]]:
        """``Worker.<method>`` of each chunk of ``work``, in order, until it ends or stops."""
        self.stopped = False
        if self.worker is not None:
            call = getattr(self.worker, method)
            for chunk in work:
                if self.stopped:
                    return
                yield call(chunk)
            return
        window: deque[Any] = deque()
        limit = self.jobs * _WINDOW_PER_JOB
        for chunk in work:
            if self.stopped:
                break
            window.append(self.pool.apply_async(_in_worker, (method, chunk)))
            if len(window) >= limit:
                yield window.popleft().get()
        while window:
            yield window.popleft().get()

    def stop(self) -> None:
        """Send no more chunks; those in flight still come back."""
        self.stopped = True

    def close(self) -> None:
        """Wait for the pool's processes to finish and end."""
        if self.pool is not None:
            self.pool.close()
            self.pool.join()

    def terminate(self) -> None:
        """End the pool's processes now (an error or Ctrl-C)."""
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()


def chunks(items: Iterable[RowPlan], size: int = _CHUNK_ROWS) -> Iterator[list[RowPlan]]:
    """``items`` in lists of ``size``, the unit of work sent to a process."""
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk
