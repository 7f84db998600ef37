"""A rendered letter cut into the blocks a page lays out: requisites, title, body, signature.

The html and docx writers place blocks, not lines, so both read a :class:`Letter` through
:func:`letter_blocks`. A block comes from the step of the same id (``sender``, ``reference``,
``addressee``, ``title``, ``greeting``, ``attachments``, ``signature``, ``executor``, and
``closing`` for the informal signature of e-mails); every other active step is body text, in
the playbook's order. A letter rendered by a layout that marks no steps is all body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from replykit.letter import Letter

#: Steps laid out by themselves; every other step is body text.
PLACED_STEPS = frozenset(
    {
        "sender",
        "reference",
        "addressee",
        "title",
        "greeting",
        "attachments",
        "signature",
        "closing",
        "executor",
    }
)

_SUBJECT_LINE = re.compile(r"^(Тема|Subject): .*$")


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line for line in text.split("\n") if line.strip())


def _paragraphs(text: str) -> list[tuple[str, ...]]:
    return [lines for chunk in text.split("\n\n") if (lines := _lines(chunk))]


@dataclass(frozen=True)
class Signature:
    """A formal signature: the closing formula, the position lines and the signer's name.

    Russian (ГОСТ Р 7.0.97): position on the left, the signature line, «И. О. Фамилия» on the
    right. English: the closing, room to sign, the name, then the position.
    """

    closing: str = ""
    position: tuple[str, ...] = ()
    name: str = ""


@dataclass(frozen=True)
class LetterBlocks:
    """A letter as placed blocks; absent blocks are empty."""

    lang: str
    channel: str
    subject: str = ""
    sender: tuple[str, ...] = ()
    reference: tuple[str, ...] = ()
    addressee: tuple[str, ...] = ()
    title: str = ""
    greeting: str = ""
    body: tuple[tuple[str, ...], ...] = ()
    attachments: tuple[str, ...] = ()
    signature: Signature | None = None
    closing: tuple[str, ...] = ()
    executor: str = ""
    parts: dict[str, str] = field(default_factory=dict)

    @property
    def has_requisites(self) -> bool:
        """True when the letter has a sender, reference or addressee block."""
        return bool(self.sender or self.reference or self.addressee)

    @property
    def heading(self) -> str:
        """The line above the text: the title, else (an e-mail, a chat) the subject."""
        return self.title or self.subject


def _signature(text: str, lang: str) -> Signature | None:
    lines = _lines(text)
    if len(lines) < 3 or not lines[0].rstrip().endswith(","):
        return None  # not the shape the requisites macro gives; laid out as plain lines
    closing, rest = lines[0], lines[1:]
    if lang == "ru":
        return Signature(closing, rest[:-1], rest[-1])
    return Signature(closing, rest[1:], rest[0])


def letter_blocks(letter: Letter) -> LetterBlocks:
    """Cut ``letter`` into blocks by its steps' parts."""
    parts = dict(letter.parts)
    if not parts:
        paragraphs = _paragraphs(letter.text)
        if paragraphs and letter.subject and _SUBJECT_LINE.match(paragraphs[0][0]):
            paragraphs = paragraphs[1:]
        return LetterBlocks(
            lang=letter.lang,
            channel=letter.channel,
            subject=letter.subject,
            body=tuple(paragraphs),
            parts=parts,
        )
    body: list[tuple[str, ...]] = []
    for step in letter.steps:
        if step not in PLACED_STEPS and step in parts:
            body += _paragraphs(parts[step])
    signature_text = parts.get("signature", "")
    signature = _signature(signature_text, letter.lang) if signature_text else None
    closing = _lines(parts.get("closing", ""))
    if signature_text and signature is None:
        closing += _lines(signature_text)
    return LetterBlocks(
        lang=letter.lang,
        channel=letter.channel,
        subject=letter.subject,
        sender=_lines(parts.get("sender", "")),
        reference=_lines(parts.get("reference", "")),
        addressee=_lines(parts.get("addressee", "")),
        title=" ".join(_lines(parts.get("title", ""))),
        greeting=" ".join(_lines(parts.get("greeting", ""))),
        body=tuple(body),
        attachments=_lines(parts.get("attachments", "")),
        signature=signature,
        closing=closing,
        executor=" ".join(_lines(parts.get("executor", ""))),
        parts=parts,
    )
