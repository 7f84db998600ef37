"""One exception base for replykit; the exit code lives on the class.

The core raises these and never prints or exits. The CLI turns them into an
``Error:`` / ``Hint:`` paragraph on stderr (or a JSON object with ``--json``)
in one place, and exits with :attr:`ReplykitError.exit_code`.
"""

from __future__ import annotations

import difflib
import reprlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

EXIT_OK = 0
EXIT_CHECK = 1  # check found a finding at the --fail-on level (errors by default)
EXIT_USAGE = 2
EXIT_ANSWERS = 3
EXIT_PLAYBOOK = 4
EXIT_OUTPUT = 5
EXIT_BATCH_ROWS = 6
EXIT_INTERNAL = 70  # EX_SOFTWARE: a bug in replykit
EXIT_INTERRUPTED = 130


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input: where it is, what is wrong, what is allowed.

    ``code`` says what kind of problem it is, for code that decides by it (batch words a
    missing answer for its row): ``missing`` (a required answer nobody gave), ``invalid`` (an
    answer that does not fit its field), ``unknown_field`` (an answer for no field), or empty.
    """

    message: str
    where: str = ""
    field: str = ""
    value: Any = None
    allowed: tuple[str, ...] = ()
    hint: str = ""
    code: str = ""

    def describe(self) -> str:
        """The problem as one line: ``where: message``."""
        return f"{self.where}: {self.message}" if self.where else self.message

    def as_dict(self) -> dict[str, Any]:
        """The problem as a JSON-ready mapping (stable keys, see README)."""
        data: dict[str, Any] = {"message": self.message}
        if self.where:
            data["where"] = self.where
        if self.field:
            data["field"] = self.field
        if self.value is not None:
            data["value"] = (
                self.value if isinstance(self.value, str | int | float | bool) else str(self.value)
            )
        if self.allowed:
            data["allowed"] = list(self.allowed)
        if self.hint:
            data["hint"] = self.hint
        return data


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The one of ``choices`` closest to ``word`` (a likely typo), or None when none is close."""
    return next(iter(difflib.get_close_matches(word, list(choices), n=1)), None)


def did_you_mean(word: str, choices: Iterable[str], quote: str = "'") -> str:
    """`` (did you mean 'x'?)`` for the closest of ``choices``, or ``""`` when none is close."""
    near = closest(word, choices)
    return f" (did you mean {quote}{near}{quote}?)" if near is not None else ""


_SHORT = reprlib.Repr()
_SHORT.maxstring = _SHORT.maxother = 60
_SHORT.maxlevel = 2


def shown(value: Any) -> str:
    """A value from an input, quoted and cut short: a YAML alias bomb must not print as 1 GB."""
    return _SHORT.repr(value)


def summarise(
    problems: list[Problem],
    what: str,
    nouns: tuple[str, str] = ("problem", "problems"),
    with_place: bool = False,
) -> str:
    """«3 problems in the playbook:» and one indented line per problem (with its place)."""
    count = len(problems)
    lines = "\n".join(f"  {p.describe() if with_place else p.message}" for p in problems)
    return f"{count} {nouns[count != 1]} {what}:\n{lines}"


@dataclass
class ReplykitError(Exception):
    """Base of every error replykit reports to a person; ``exit_code`` says how it ends."""

    message: str
    hint: str = ""
    problems: list[Problem] = field(default_factory=list)

    exit_code = EXIT_INTERNAL
    kind = "error"

    def __post_init__(self) -> None:
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message

    @classmethod
    def internal(cls, err: Exception) -> ReplykitError:
        """A crash as an error a person can report (exit 1, no traceback)."""
        return cls(
            f"internal error: {type(err).__name__}: {err}",
            hint="This is a bug in replykit. Please report it with the command you ran "
            "(without personal data); set REPLYKIT_DEBUG=1 to see the traceback.",
        )

    def as_dict(self) -> dict[str, Any]:
        """The error as a JSON-ready mapping: ``{"error": {...}}`` (see README)."""
        body: dict[str, Any] = {
            "kind": self.kind,
            "exit_code": self.exit_code,
            "message": self.message,
            "problems": [p.as_dict() for p in self.problems],
        }
        if self.hint:
            body["hint"] = self.hint
        return {"error": body}


class UsageError(ReplykitError):
    """The command line itself is wrong: an unknown option value, a bad combination."""

    exit_code = EXIT_USAGE
    kind = "usage"


class AnswerError(ReplykitError):
    """Answers are missing, of the wrong type, or not among the allowed choices."""

    exit_code = EXIT_ANSWERS
    kind = "answers"


class MissingAnswersError(AnswerError):
    """Required answers are missing and nobody can be asked for them."""

    kind = "missing_answers"


class PlaybookError(ReplykitError):
    """A playbook or template is malformed, unknown, or fails to render."""

    exit_code = EXIT_PLAYBOOK
    kind = "playbook"


class RenderError(PlaybookError):
    """A template failed while rendering (a template bug, a sandbox stop, a size limit)."""

    kind = "render"


class OutputError(ReplykitError):
    """Output was refused: the file exists, or the folder is missing, unwritable or full."""

    exit_code = EXIT_OUTPUT
    kind = "output"


class BatchInputError(ReplykitError):
    """A batch input file cannot be read: undecodable, empty, malformed, over a limit."""

    exit_code = EXIT_ANSWERS
    kind = "batch_input"


class BatchRowsFailedError(ReplykitError):
    """A batch finished, but some rows failed; the good rows were rendered."""

    exit_code = EXIT_BATCH_ROWS
    kind = "batch_rows_failed"


class Interrupted(ReplykitError):
    """The person pressed Ctrl-C; nothing was written."""

    exit_code = EXIT_INTERRUPTED
    kind = "interrupted"
