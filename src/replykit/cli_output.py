"""Where a command's result or error becomes output: JSON on stdout, or text and an exit code."""

from __future__ import annotations

import functools
import json
import os
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import typer

from replykit.errors import EXIT_INTERNAL, EXIT_INTERRUPTED, ReplykitError

F = TypeVar("F", bound=Callable[..., Any])


def print_json(data: Any) -> None:
    """Print one JSON document on stdout (non-ASCII kept, dates as text)."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def report_error(err: ReplykitError, as_json: bool) -> None:
    """The one place that turns an error into output: JSON on stdout, or Error/Hint on stderr."""
    if as_json:
        print_json(err.as_dict())
        return
    sys.stderr.write(f"Error: {err.message}\n")
    if err.hint:
        sys.stderr.write(f"Hint: {err.hint}\n")


def handles_errors(func: F) -> F:
    """Run a command, turning replykit errors, Ctrl-C and crashes into messages and exit codes."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        as_json = bool(kwargs.get("as_json"))
        try:
            return func(*args, **kwargs)
        except ReplykitError as err:
            report_error(err, as_json)
            raise typer.Exit(err.exit_code) from None
        except KeyboardInterrupt:
            sys.stderr.write("\nInterrupted; nothing was written.\n")
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except EOFError:  # Ctrl-D at a prompt: the person walked away, like Ctrl-C
            sys.stderr.write("\nInterrupted (end of input); nothing was written.\n")
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except typer.Exit:
            raise
        except Exception as err:  # the last line of defence: no traceback, no local variables
            if os.environ.get("REPLYKIT_DEBUG"):
                raise
            report_error(ReplykitError.internal(err), as_json)
            raise typer.Exit(EXIT_INTERNAL) from None

    return wrapper  # type: ignore[return-value]
