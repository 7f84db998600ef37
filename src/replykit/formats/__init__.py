"""Output formats: a :class:`~replykit.letter.Letter` as txt, md, html, json or docx bytes.

Each writer is imported only when its format is asked for, so ``draft`` to the
terminal never pays for docx.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from replykit.errors import UsageError
from replykit.lang.typography import typeset

if TYPE_CHECKING:
    from replykit.letter import Letter

FORMATS = ("txt", "md", "html", "json", "docx", "pdf", "eml")
#: Formats that are typeset always: a page, where a line may end anywhere.
TYPESET_FORMATS = frozenset({"md", "html", "docx", "pdf"})
#: Whether txt and JSON are typeset when nobody says (``draft --typography/--no-typography``).
TXT_TYPOGRAPHY_DEFAULT = False
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


def typography_for(fmt: str, typography: bool | None = None) -> bool:
    """Whether a letter written as ``fmt`` is typeset; ``typography`` (None: the default)
    decides for txt and JSON only, the page formats are always typeset."""
    if fmt in TYPESET_FORMATS:
        return True
    return TXT_TYPOGRAPHY_DEFAULT if typography is None else typography


def typeset_letter(letter: Letter) -> Letter:
    """``letter`` with its text, subject and parts typeset for its language.

    Typesetting a typeset letter changes nothing, so a writer may do it whatever it is given.
    """
    lang = letter.lang
    return dataclasses.replace(
        letter,
        text=typeset(letter.text, lang),
        subject=typeset(letter.subject, lang),
        parts={step: typeset(text, lang) for step, text in letter.parts.items()},
    )


def render_bytes(
    letter: Letter, fmt: str, *, typography: bool | None = None, **options: Any
) -> bytes:
    """The letter encoded in ``fmt``, typeset when :func:`typography_for` says so."""
    writer = _writer(fmt)
    if typography_for(fmt, typography):
        letter = typeset_letter(letter)
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
