"""``--answers FILE|-``: answers from a YAML or JSON file, or from stdin."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, TextIO

from replykit.errors import AnswerError, UsageError
from replykit.limits import MAX_ANSWERS_BYTES
from replykit.yamlfile import YamlKind, parse, read_stream, read_text

ANSWERS_YAML = YamlKind(
    noun="answers file",
    contents="the answers expand",
    malformed="malformed answers file",
    error=AnswerError,
    max_bytes=MAX_ANSWERS_BYTES,
    syntax_hint="The answers file is YAML or JSON: a mapping of field name to answer.",
    size_hint="Answers are a mapping of field name to answer; is this the right file?",
    utf8_hint="Save the answers file as UTF-8.",
    values_hint="YAML aliases (*name) repeat a value; write the answers out plainly.",
    in_mib=True,
)


def read_answers_file(path: str, stdin: TextIO | None = None) -> dict[str, Any]:
    """Answers from a YAML or JSON file (``-`` reads stdin); JSON is valid YAML."""
    source = "<stdin>" if path == "-" else path
    try:
        if path == "-":
            text = read_stream(stdin or sys.stdin, source, ANSWERS_YAML)
        else:
            text = read_text(Path(path), ANSWERS_YAML)
    except FileNotFoundError as err:
        raise UsageError(f"--answers {path}: no such file", hint="Check the path.") from err
    except OSError as err:
        raise UsageError(f"--answers {path}: cannot read: {err.strerror}") from err
    data = parse(text, source, ANSWERS_YAML)
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise AnswerError(
            f"{source}: the answers must be a mapping of field name to answer",
            hint='For example, in JSON: {"customer_name": "Анна Петрова", "fault": "us"}',
        )
    return {str(k): v for k, v in data.items()}
