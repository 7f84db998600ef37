"""A message the user received — an ``.eml`` or pasted text — read into one value.

The reply side of a complaint starts from the customer's message. This module reads it and
states only what the message says: who wrote, when, about what, the new text without quoted
history or a forward's wrapper, and the facts in it. Charsets, headers and MIME parts are
read in :mod:`replykit.message_mime`; the numbers, amounts and dates in
:mod:`replykit.message_facts`.
"""

from __future__ import annotations

import codecs
import email
import email.utils
import re
import sys
from dataclasses import dataclass, field, replace
from datetime import datetime
from email import policy
from email.message import EmailMessage
from email.message import Message as RawMessage
from pathlib import Path
from typing import BinaryIO

from replykit.check.reply import guess_language
from replykit.errors import AnswerError, UsageError
from replykit.limits import MAX_MESSAGE_BYTES
from replykit.message_facts import Facts, extract_facts
from replykit.message_mime import (
    decode_text,
    header_text,
    looks_like_mail,
    message_body,
    normalise_newlines,
    split_address,
)

_REPLY_PREFIX = re.compile(
    r"^\s*(?:(?:re|fwd?|отв|ответ|пересл|aw|sv|wg)\s*(?:\[\d+\]|\(\d+\))?\s*:\s*)+",
    re.IGNORECASE,
)
_FORWARD_SUBJECT = re.compile(r"^\s*(?:fwd?|пересл|wg)\s*:", re.IGNORECASE)
_FORWARD_MARKER = re.compile(
    r"^\s*(?:-{2,}\s*(?:forwarded message|original message|пересылаемое сообщение|"
    r"исходное сообщение|переадресованное сообщение|начало переадресованного сообщения)"
    r"\s*-*\s*|begin forwarded message:)\s*$",
    re.IGNORECASE | re.MULTILINE,
)
_FORWARD_FIELD = re.compile(
    r"^\s*(from|от|date|дата|sent|отправлено|subject|тема|to|кому|cc)\s*:\s*(.*)$", re.IGNORECASE
)
_QUOTE_INTRO = re.compile(
    r"^(?:on .{4,200} wrote:|.{4,200} (?:написал|написала|написал\(а\)|пишет):)\s*$",
    re.IGNORECASE,
)


class MessageError(AnswerError):
    """The received message cannot be used: empty, binary, over the size limit, no text."""

    kind = "message"


@dataclass(frozen=True)
class Message:
    """A received message: its sender, date, subject, threading ids and its new text."""

    source: str
    is_email: bool = False
    sender_name: str = ""
    sender_address: str = ""
    reply_address: str = ""  # Reply-To when given, else the sender's address
    subject: str = ""
    date: datetime | None = None
    message_id: str = ""
    references: tuple[str, ...] = ()
    body: str = ""  # what the customer wrote: quoted history and signature cut off
    lang: str = "en"
    attachments: tuple[str, ...] = ()
    forwarded: bool = False  # a colleague forwarded it: the sender is the customer inside
    facts: Facts = field(default_factory=Facts)

    @property
    def topic(self) -> str:
        """The subject without Re:/Fwd:/Отв: prefixes."""
        return strip_reply_prefixes(self.subject)

    def as_dict(self) -> dict[str, object]:
        """JSON-ready summary (dates as ISO text)."""
        return {
            "source": self.source,
            "is_email": self.is_email,
            "sender_name": self.sender_name,
            "sender_address": self.sender_address,
            "reply_address": self.reply_address,
            "subject": self.subject,
            "date": self.date.isoformat() if self.date else None,
            "message_id": self.message_id,
            "lang": self.lang,
            "attachments": list(self.attachments),
            "forwarded": self.forwarded,
            "facts": self.facts.as_dict(),
        }


def strip_reply_prefixes(subject: str) -> str:
    """``Re: Fwd: Отв: Заказ`` → ``Заказ``."""
    return _REPLY_PREFIX.sub("", subject).strip()


def read_message(path: str, stdin: BinaryIO | None = None) -> Message:
    """Read the message at ``path`` (``-``: stdin); refuse what is not a readable message."""
    source = "<stdin>" if path == "-" else path
    try:
        if path == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            data = stream.read(MAX_MESSAGE_BYTES + 1)
        else:
            with Path(path).open("rb") as handle:  # no more than the limit (/dev/zero)
                data = handle.read(MAX_MESSAGE_BYTES + 1)
    except FileNotFoundError as err:
        raise UsageError(f"--from {path}: no such file", hint="Check the path.") from err
    except IsADirectoryError as err:
        raise UsageError(
            f"--from {path} is a folder; give one message (.eml or text)",
            hint="Give the path of one .eml file (or of a text file) in it.",
        ) from err
    except OSError as err:
        raise UsageError(f"--from {path}: cannot read: {err.strerror or err}") from err
    return parse_message(data, source)


def parse_message(data: bytes, source: str = "<message>") -> Message:
    """A :class:`Message` from the bytes of an ``.eml`` or of plain text."""
    if len(data) > MAX_MESSAGE_BYTES:
        raise MessageError(
            f"{source}: the message is larger than {MAX_MESSAGE_BYTES // 2**20} MB",
            hint="replykit reads the text of a message, not its attachments: save the message "
            "without attachments, or paste its text into a file.",
        )
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf"):
        raise MessageError(
            f"{source}: the message is empty",
            hint="Save the message you received (.eml) or paste its text.",
        )
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        data = data.decode("utf-16", "replace").encode("utf-8")
    if b"\x00" in data[:65536]:
        raise MessageError(
            f"{source}: this is not a mail message or text (it holds binary data)",
            hint="Give an .eml file (in most mail clients: Save as / Download message) or text.",
        )
    if looks_like_mail(data):
        raw = email.message_from_bytes(data, policy=policy.default)
        message = _from_mail(raw, source)
    else:
        text = normalise_newlines(decode_text(data, None))
        message = _from_text(text, source)
    if not message.body.strip() and not message.subject:
        raise MessageError(
            f"{source}: the message has no text to answer",
            hint="Its body may be only attachments; paste the customer's words into a text file.",
        )
    return message


def _from_mail(raw: RawMessage, source: str) -> Message:
    sender_name, sender_address = split_address(header_text(raw, "From"))
    _reply_name, reply_to = split_address(header_text(raw, "Reply-To"))
    subject = header_text(raw, "Subject")
    try:
        when = email.utils.parsedate_to_datetime(header_text(raw, "Date"))
    except (TypeError, ValueError, IndexError):
        when = None
    message_id = header_text(raw, "Message-ID")
    message_id = message_id if re.fullmatch(r"<[^<>\s]+>", message_id) else ""
    references = tuple(re.findall(r"<[^<>\s]+>", header_text(raw, "References")))
    text, attachments, inner = message_body(raw)
    text = normalise_newlines(text)
    base = Message(
        source=source,
        is_email=True,
        sender_name=sender_name,
        sender_address=sender_address,
        reply_address=reply_to or sender_address,
        subject=subject,
        date=when,
        message_id=message_id,
        references=references,
        attachments=tuple(attachments),
    )
    if _FORWARD_SUBJECT.match(subject) or _FORWARD_MARKER.search(text) or inner is not None:
        forwarded = _forwarded(base, text, inner)
        if forwarded is not None:
            return forwarded
    body = cut_quotes(text)
    return _with_text(base, body)


def _with_text(message: Message, body: str) -> Message:
    lang = guess_language(f"{message.subject}\n{body}")
    return replace(message, body=body, lang=lang, facts=extract_facts(body))


def _forwarded(base: Message, text: str, inner: EmailMessage | None) -> Message | None:
    """The customer's message inside a forward: attached as message/rfc822, or quoted inline."""
    if inner is not None:
        inside = _from_mail(inner, base.source)
        return replace(inside, forwarded=True, attachments=base.attachments)
    marker = _FORWARD_MARKER.search(text)
    if marker is None:
        return None
    block = text[marker.end() :].lstrip("\n").split("\n")
    values: dict[str, str] = {}
    start = 0
    for number, line in enumerate(block):
        match = _FORWARD_FIELD.match(line)
        if match:
            values.setdefault(_FIELD_NAMES[match.group(1).lower()], match.group(2).strip())
            start = number + 1
        elif line.strip() or values:
            break
    if "from" not in values:
        return None
    name, address = split_address(values["from"])
    when = None
    if "date" in values:
        try:
            when = email.utils.parsedate_to_datetime(values["date"])
        except (TypeError, ValueError, IndexError):
            when = None
    subject = values.get("subject") or strip_reply_prefixes(base.subject)
    body = cut_quotes("\n".join(block[start:]))
    inside = replace(
        base,
        sender_name=name,
        sender_address=address,
        reply_address=address,
        subject=subject,
        date=when,
        message_id="",
        references=(),
        forwarded=True,
    )
    return _with_text(inside, body)


_FIELD_NAMES = {
    "from": "from",
    "от": "from",
    "date": "date",
    "дата": "date",
    "sent": "date",
    "отправлено": "date",
    "subject": "subject",
    "тема": "subject",
    "to": "to",
    "кому": "to",
    "cc": "cc",
}


def cut_quotes(text: str) -> str:
    """What the writer added: the quoted history ("On … wrote:", "> …") and signature cut off."""
    kept: list[str] = []
    for line in text.split("\n"):
        if line.rstrip() == "--" or line == "-- ":
            break
        if _QUOTE_INTRO.match(line.strip()) or _FORWARD_MARKER.match(line):
            break
        if line.lstrip().startswith(">"):
            continue
        kept.append(line.rstrip())
    return "\n".join(kept).strip()


def _from_text(text: str, source: str) -> Message:
    base = Message(source=source, subject="")
    marker = _FORWARD_MARKER.search(text)
    if marker is not None:
        forwarded = _forwarded(base, text, None)
        if forwarded is not None:
            return forwarded
    return _with_text(base, cut_quotes(text))
