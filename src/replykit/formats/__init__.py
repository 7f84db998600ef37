"""Output formats: a :class:`~replykit.letter.Letter` as txt, md, html, json or docx bytes.

Each writer is imported only when its format is asked for, so ``draft`` to the
terminal never pays for docx.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from replykit.errors import UsageError

if TYPE_CHECKING:
    from replykit.letter import Letter

FORMATS = ("txt", "md", "html", "json", "docx", "pdf", "eml")
_EXTENSIONS = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".docx": "docx",
    ".pdf": "pdf",
    ".eml": "eml",
}


def format_for(path: str | None, explicit: str | None) -> str:
    """The output format: ``--format`` when given, else from the extension of ``-o``, else txt."""
    if explicit:
        chosen = explicit.lower().lstrip(".")
        if chosen not in FORMATS:
            raise UsageError(
                f"unknown format '{explicit}'", hint=f"Use one of: {', '.join(FORMATS)}."
            )
        return chosen
    if path and path != "-":
        suffix = Path(path).suffix.lower()
        if suffix in _EXTENSIONS:
            return _EXTENSIONS[suffix]
        if suffix:
            raise UsageError(
                f"cannot tell the format from the extension '{suffix}' of {path}",
                hint=f"Pass --format ({', '.join(FORMATS)}) or use one of the known extensions.",
            )
    return "txt"


def render_bytes(letter: Letter, fmt: str, **options: Any) -> bytes:
    """The letter encoded in ``fmt``."""
    writer = _writer(fmt)
    return writer(letter, **options)


def _writer(fmt: str) -> Callable[..., bytes]:
    if fmt == "txt":
        from replykit.formats.text import to_txt

        return to_txt
    if fmt == "md":
        from replykit.formats.text import to_md

        return to_md
    if fmt == "json":
        from replykit.formats.text import to_json

        return to_json
    if fmt == "html":
        from replykit.formats.html import to_html

        return to_html
    if fmt == "docx":
        from replykit.formats.docx import to_docx

        return to_docx
    if fmt == "pdf":
        from replykit.formats.pdf import to_pdf

        return to_pdf
    if fmt == "eml":
        from replykit.formats.eml import to_eml

        return to_eml
    raise UsageError(f"unknown format '{fmt}'", hint=f"Use one of: {', '.join(FORMATS)}.")
