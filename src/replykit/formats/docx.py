"""The letter as a Word document, through docxtpl: the built-in template or your letterhead.

The built-in template (``templates/docx/letter.docx``, made by
``scripts/make_docx_template.py``) lays a formal letter out after ГОСТ Р 7.0.97;
``--docx-template FILE`` puts the same letter on an organisation's own letterhead
(фирменный бланк). Either template gets the variables of :func:`docx_context`.

Rendering runs in Jinja's sandbox with autoescape on: without it an ``&`` or a ``<…>`` in an
answer would break the document's XML and silently vanish from the letter.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

from replykit.errors import OutputError, PlaybookError, UsageError
from replykit.formats.blocks import letter_blocks
from replykit.letter import Letter
from replykit.playbook.search import builtin_root
from replykit.playbook.values import to_plain

SIGNATURE_LINE = "_" * 16
_ZIP_TIME = (2026, 1, 1, 0, 0, 0)
# Characters XML 1.0 forbids, and the ones docxtpl turns into breaks (\a, \f); \t and \n stay.
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def builtin_template() -> Path:
    """The docx template shipped with replykit."""
    return builtin_root() / "templates" / "docx" / "letter.docx"


def _clean(text: str) -> str:
    return _NOT_IN_XML.sub("", text)


def _clean_lines(lines: tuple[str, ...] | list[str]) -> list[str]:
    return [_clean(line) for line in lines]


_LABELLED = re.compile(r"^([^\s:][^:]{0,40}:)\s+(\S.*)$")


def _attachments(lines: tuple[str, ...]) -> tuple[str, str, list[str]]:
    """«Приложение: 1. …», «2. …» as the label, the first item and the rest; no label, no split."""
    found = _LABELLED.match(lines[0]) if lines else None
    if found is None:
        return "", "", []
    return found.group(1), found.group(2), list(lines[1:])


def docx_context(letter: Letter) -> dict[str, Any]:
    """The variables a docx template gets (README, "Formal letters and files", lists them).

    Text blocks come twice: as text (lines joined by line breaks, for one paragraph) and as
    ``…_lines`` (a list, one paragraph per line). An absent block is ``""`` or ``[]``, never
    none, so a letterhead may print any of them unguarded.
    """
    blocks = letter_blocks(letter)
    sig = blocks.signature
    signature_lines = (
        [sig.closing, *sig.position, sig.name] if sig is not None else list(blocks.closing)
    )
    body_lines = [line for paragraph in blocks.body for line in paragraph]
    paragraphs = ["\n".join(lines) for lines in blocks.body]
    label, first, rest = _attachments(blocks.attachments)
    context: dict[str, Any] = {
        "lang": letter.lang,
        "channel": letter.channel,
        "playbook": letter.playbook,
        "subject": _clean(letter.subject),
        "text": _clean(letter.text),
        "parts": {step: _clean(text) for step, text in letter.parts.items()},
        "requisites": blocks.has_requisites,
        "sender": _clean("\n".join(blocks.sender)),
        "sender_lines": _clean_lines(blocks.sender),
        "reference": _clean("\n".join(blocks.reference)),
        "reference_lines": _clean_lines(blocks.reference),
        "addressee": _clean("\n".join(blocks.addressee)),
        "addressee_lines": _clean_lines(blocks.addressee),
        "title": _clean(blocks.title),
        "heading": _clean(blocks.heading),
        "greeting": _clean(blocks.greeting),
        "body": _clean("\n\n".join("\n".join(lines) for lines in blocks.body)),
        "body_paragraphs": _clean_lines(paragraphs),
        "body_paragraphs_but_last": _clean_lines(paragraphs[:-1]),
        "body_last_paragraph": _clean(paragraphs[-1] if paragraphs else ""),
        "body_lines": _clean_lines(body_lines),
        "body_lines_but_last": _clean_lines(body_lines[:-1]),
        "body_last_line": _clean(body_lines[-1] if body_lines else ""),
        "attachments": _clean("\n".join(blocks.attachments)),
        "attachments_lines": _clean_lines(blocks.attachments),
        "attachments_label": _clean(label),
        "attachments_first": _clean(first),
        "attachments_rest": _clean_lines(rest),
        "signature": _clean("\n".join(signature_lines)),
        "signature_lines": _clean_lines(signature_lines),
        "closing": _clean(sig.closing if sig else ""),
        "signature_position": _clean_lines(sig.position if sig else ()),
        "signature_name": _clean(sig.name if sig else ""),
        "signature_line": SIGNATURE_LINE,
        "executor": _clean(blocks.executor),
        "answers": to_plain(letter.answers),
    }
    return context


def _load_template(path: Path) -> Any:
    from docxtpl import DocxTemplate

    try:
        data = path.read_bytes()
    except FileNotFoundError as err:
        raise UsageError(
            f"--docx-template {path}: no such file",
            hint="Pass a .docx file (your letterhead with docxtpl tags), or leave the option out.",
        ) from err
    except OSError as err:
        raise UsageError(f"--docx-template {path}: cannot read: {err.strerror}") from err
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise UsageError(
            f"--docx-template {path}: not a .docx file",
            hint="Save the letterhead from Word or LibreOffice as .docx (not .doc or .odt).",
        )
    try:
        return DocxTemplate(io.BytesIO(data))
    except (KeyError, ValueError, zipfile.BadZipFile) as err:
        raise UsageError(f"--docx-template {path}: not a Word document: {err}") from err


def _environment() -> Any:
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    return SandboxedEnvironment(autoescape=True, undefined=StrictUndefined)


def render_docx(letter: Letter, template: Path | None = None) -> bytes:
    """The letter rendered into ``template`` (the built-in one when None), as .docx bytes."""
    from jinja2 import TemplateError, TemplateSyntaxError, UndefinedError

    path = template or builtin_template()
    tpl = _load_template(path)
    where = f"--docx-template {path}" if template else str(path)
    try:
        tpl.render(docx_context(letter), jinja_env=_environment(), autoescape=True)
    except UndefinedError as err:
        raise PlaybookError(
            f"{where}: {err.message}",
            hint="The template uses a name replykit does not give; README, "
            '"Formal letters and files", lists the variables.',
        ) from err
    except TemplateSyntaxError as err:
        raise PlaybookError(
            f"{where}: template syntax error: {err.message}",
            hint="A Jinja tag is malformed or split by formatting: retype it in one go, "
            "without changing fonts inside it.",
        ) from err
    except TemplateError as err:
        raise PlaybookError(f"{where}: {err}") from err
    props = tpl.docx.core_properties
    props.title = _clean(letter.subject or letter.title)[:255]
    props.subject = _clean(letter.title)[:255]
    props.language = letter.lang
    raw = io.BytesIO()
    try:
        tpl.save(raw)
    except (ValueError, OSError) as err:
        raise OutputError(f"cannot build the .docx: {err}") from err
    return stable_zip(raw.getvalue())


def stable_zip(data: bytes) -> bytes:
    """The archive with fixed timestamps, so the same document gives the same bytes.

    Also used by ``scripts/make_docx_template.py`` for the built-in template.
    """
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, _ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def to_docx(letter: Letter, *, docx_template: Path | None = None, **_: Any) -> bytes:
    """The letter as .docx bytes (``docx_template``: a letterhead instead of the built-in)."""
    return render_docx(letter, docx_template)
