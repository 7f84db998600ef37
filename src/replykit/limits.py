"""Every limit replykit puts on its inputs and on a render, and the guard that enforces them.

README "Limits" and SECURITY.md list the same numbers (a test keeps them equal). Each limit
stops a mistake or a hostile file with a clear message before it fills a disk, the memory or
the clock. :func:`render_limits` bounds the time and memory of a render on the main thread;
:func:`bounded_join` caps what a template outputs, on any thread.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache

from replykit.errors import RenderError

#: A playbook holds structure and questions; long text belongs in templates.
MAX_PLAYBOOK_BYTES = 512 * 1024
#: An answers file (or a sender profile) larger than this is the wrong file, not answers.
MAX_ANSWERS_BYTES = 5 * 1024 * 1024
#: Values a YAML file (answers, profile, playbook) may expand to; aliases make a small file huge.
MAX_YAML_VALUES = 100_000
#: Files a playbook's ``include:`` may read, counting the files they include in turn.
MAX_INCLUDED_FILES = 16
#: A received message (``--from``, ``triage``): replies answer its text, not its attachments,
#: and a mailbox export passed by mistake would otherwise be read whole.
MAX_MESSAGE_BYTES = 10 * 1024 * 1024
#: One answer, after its whitespace is tidied.
MAX_ANSWER_CHARS = 20_000
#: One batch cell, unless ``--max-field-size`` says otherwise.
DEFAULT_MAX_FIELD_BYTES = 1_000_000
#: A ``--name`` pattern, the number and the text constants in it: fields and filters make a
#: name; a huge constant or a wide format (``"%0999d"``) would only swamp every row.
MAX_NAME_PATTERN_CHARS = 200
MAX_NAME_NUMBER = 999
MAX_NAME_TEXT_CHARS = 40
#: A letter, and anything a template builds on the way (a repetition, a join, a macro).
MAX_LETTER_CHARS = 1_000_000
#: One render: a letter, a ``--name`` pattern, a field's ``pattern``.
MAX_RENDER_SECONDS = 10.0
#: Extra address space a render may claim.
MAX_RENDER_MEMORY = 1024 * 1024 * 1024


class _RenderTimeout(BaseException):
    """Raised by the render timer; a BaseException so no ``except Exception`` swallows it."""


_timer_armed = False


def inside_render() -> bool:
    """True while :func:`render_limits` is in force (nested renders share its limits)."""
    return _timer_armed


def _can_arm_timer() -> bool:
    return (
        hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_REAL)[0] == 0  # never displace someone's alarm
    )


@lru_cache(maxsize=1)
def _memory_cap() -> int | None:
    """The address-space limit that leaves a render MAX_RENDER_MEMORY, or None (no cap).

    Measured once per process (a batch renders thousands of letters in one).
    """
    try:
        import resource  # POSIX only

        with open("/proc/self/statm", encoding="ascii") as statm:
            in_use = int(statm.read().split()[0]) * resource.getpagesize()
    except (ImportError, OSError, ValueError):
        return None
    return in_use + MAX_RENDER_MEMORY


@contextmanager
def render_limits(name: str = "template") -> Iterator[None]:
    """Stop a render that runs past MAX_RENDER_SECONDS or claims MAX_RENDER_MEMORY more.

    The deadline is a ``SIGALRM`` timer and the memory cap a soft ``RLIMIT_AS``, so a
    loop that prints nothing, or one huge allocation, is stopped mid-step, not between
    output chunks. Both need the main thread of a POSIX process (the CLI and batch workers
    run there); elsewhere only the output-size checks and :func:`bounded_join`'s clock apply.
    Nested uses share the outer limits. The previous handler and limit are restored.
    """
    global _timer_armed
    if _timer_armed or not _can_arm_timer():
        yield
        return
    import resource  # POSIX only; _can_arm_timer has checked for it

    fired = False

    def on_timer(signum: int, frame: object) -> None:
        nonlocal fired
        if not fired:  # once only: the clean-up below must never be interrupted twice
            fired = True
            raise _RenderTimeout

    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = _memory_cap()
    if cap is not None and hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    capped = cap is not None and (soft == resource.RLIM_INFINITY or cap < soft)
    previous = signal.signal(signal.SIGALRM, on_timer)
    _timer_armed = True
    done = False

    def clean_up() -> None:
        nonlocal done
        if done:
            return
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if capped:
            resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
        done = True

    try:
        try:
            if cap is not None and capped:
                resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
            signal.setitimer(signal.ITIMER_REAL, MAX_RENDER_SECONDS)
            yield
        finally:
            clean_up()
    except _RenderTimeout:
        raise RenderError(
            f"{name}: rendering took longer than {MAX_RENDER_SECONDS:.0f} s and was stopped",
            hint="A template loops without end; check its for-loops.",
        ) from None
    except MemoryError:
        raise RenderError(
            f"{name}: rendering needed more than {MAX_RENDER_MEMORY // 2**20} MiB and was stopped",
            hint="A template builds something huge; check its loops and repetitions.",
        ) from None
    finally:
        clean_up()
        _timer_armed = False


def refuse_size(size: int, what: str) -> None:
    """Refuse an operation whose result would pass MAX_LETTER_CHARS, before it allocates."""
    if size > MAX_LETTER_CHARS:
        raise RenderError(
            f"a template's {what} would make {size:,} characters, "
            f"over the {MAX_LETTER_CHARS:,} limit; rendering stopped",
            hint="A template repeats or pads something without bound; check it.",
        )


def bounded_join(chunks: Iterable[str], name: str) -> str:
    """Join rendered output, stopping a template that grows or runs without end.

    The clock is read every 256 chunks: the render timer (:func:`render_limits`) is what
    stops a runaway on the main thread; this is the backstop elsewhere.
    """
    started = time.monotonic()
    parts: list[str] = []
    size = 0
    for count, chunk in enumerate(chunks):
        size += len(chunk)
        parts.append(chunk)
        if size > MAX_LETTER_CHARS:
            raise RenderError(
                f"{name}: the letter grew past {MAX_LETTER_CHARS:,} characters; rendering stopped",
                hint="A template loops or repeats without end; check its for-loops.",
            )
        if count & 255 == 255 and time.monotonic() - started > MAX_RENDER_SECONDS:
            raise RenderError(
                f"{name}: rendering took longer than {MAX_RENDER_SECONDS:.0f} s and was stopped",
                hint="A template loops without end; check its for-loops.",
            )
    return "".join(parts)
