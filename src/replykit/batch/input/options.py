"""The input options: ``--input-format``, ``--encoding``, ``--delimiter``, and the format a
file has when ``--input-format`` is ``auto`` (by its extension, else by its first bytes)."""

from __future__ import annotations

import codecs
from pathlib import Path

from replykit.errors import BatchInputError, UsageError
from replykit.limits import DEFAULT_MAX_FIELD_BYTES

__all__ = [
    "DEFAULT_MAX_FIELD_BYTES",
    "FORMATS",
    "ZIP_MAGIC",
    "check_encoding",
    "check_format",
    "format_from_extension",
    "parse_delimiter",
    "sniff_format",
]

FORMATS = ("csv", "tsv", "jsonl", "xlsx")
ZIP_MAGIC = b"PK\x03\x04"

_EXTENSIONS = {
    ".csv": "csv",
    ".txt": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
}
_DELIMITERS = {",": ",", ";": ";", "\t": "\t", "tab": "\t", "\\t": "\t", "|": "|"}


def parse_delimiter(value: str) -> str | None:
    """``--delimiter``: ``auto`` gives None; ``,`` ``;`` ``|`` or ``tab`` (``\\t``) a character."""
    if value == "auto":
        return None
    try:
        return _DELIMITERS[value.lower() if value.isalpha() else value]
    except KeyError:
        raise UsageError(
            f"--delimiter {value!r} is not supported; use auto, ',', ';', '|' or tab"
        ) from None


def check_format(fmt: str) -> str:
    """``--input-format``: ``auto`` or one of :data:`FORMATS`, lower-cased."""
    value = fmt.lower().lstrip(".")
    if value in ("auto", *FORMATS):
        return value
    raise UsageError(
        f"--input-format {fmt!r} is not an input format; use auto, {', '.join(FORMATS)}"
    )


def check_encoding(encoding: str) -> str | None:
    """``--encoding``: None for ``auto``, else the codec's canonical name."""
    if encoding == "auto":
        return None
    try:
        "".encode(encoding)  # LookupError for bytes-to-bytes codecs such as base64, too
        return codecs.lookup(encoding).name
    except LookupError:
        raise UsageError(
            f"--encoding {encoding!r} is not an encoding Python knows; "
            "try utf-8, cp1251, utf-16 or koi8-r"
        ) from None


def format_from_extension(name: str) -> str:
    """The format a file name says, or ``auto``; an old ``.xls`` is refused."""
    suffix = Path(name).suffix.lower()
    if suffix == ".xls":
        raise BatchInputError(
            f"{name} is an old Excel .xls workbook, which replykit cannot read",
            hint="save it from Excel as .xlsx or as CSV",
        )
    return _EXTENSIONS.get(suffix, "auto")


def sniff_format(head: bytes) -> str:
    """The format of the first bytes: a ZIP is XLSX, a leading ``{`` JSONL, else CSV."""
    if head.startswith(ZIP_MAGIC):
        return "xlsx"
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        return "jsonl"
    return "csv"
