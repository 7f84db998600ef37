"""The letter as an e-mail draft (``.eml``): threaded to the message it answers.

Built with the standard library's :mod:`email` package, never by joining strings: the
headers are encoded as RFC 2047 words where they hold Cyrillic, the body is UTF-8
``text/plain`` with the HTML page as an alternative, and ``X-Unsent: 1`` makes Outlook
(and clients that follow it) open the file as a draft to edit and send.

The ``Date`` is now, or ``SOURCE_DATE_EPOCH`` when set (reproducible output); the
``Message-ID`` is derived from the reply's content and date, so the same reply written
twice is the same file.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Mapping
from datetime import UTC, datetime
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime
from typing import Any

from replykit.formats.html import html_page
from replykit.letter import Letter
from replykit.message import Message, strip_reply_prefixes

#: Profile keys that may hold the sender's e-mail address, the first one with an address wins.
ADDRESS_KEYS = ("sender_email", "contact", "sender_contacts")
#: Profile keys naming the sender, the first one given wins.
NAME_KEYS = ("sender_org", "company_name", "signer_name")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_MAX_REFERENCES = 20
_SMTP = policy.SMTP.clone(max_line_length=998)


def now() -> datetime:
    """The draft's date: ``SOURCE_DATE_EPOCH`` when set, else the clock (local time)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    return datetime.now().astimezone()


def reply_subject(original: str) -> str:
    """``Re:`` once, whatever Re:/Fwd:/Отв: the original carried."""
    bare = strip_reply_prefixes(original)
    return f"Re: {bare}" if bare else ""


def _address(name: str, addr: str) -> Address | str:
    try:
        return Address(display_name=name, addr_spec=addr)
    except (ValueError, IndexError, TypeError):  # an address the header model refuses
        return addr


def sender_of(details: Mapping[str, Any]) -> Address | str | None:
    """The ``From`` for the draft: a name and address found in the profile or the answers."""
    addr = ""
    for key in ADDRESS_KEYS:
        found = _EMAIL.search(str(details.get(key) or ""))
        if found:
            addr = found.group(0)
            break
    if not addr:
        return None
    name = next((str(details[k]) for k in NAME_KEYS if details.get(k)), "")
    return _address(name, addr)


def build_eml(
    letter: Letter,
    *,
    reply_to: Message | None = None,
    sender: Mapping[str, Any] | None = None,
    date: datetime | None = None,
) -> EmailMessage:
    """The draft as an :class:`~email.message.EmailMessage` (see the module's docstring)."""
    msg = EmailMessage(policy=policy.default)
    details = {**letter.answers, **(sender or {})}
    from_ = sender_of(details)
    if from_ is not None:
        msg["From"] = from_
    if reply_to is not None and reply_to.reply_address:
        msg["To"] = _address(reply_to.sender_name, reply_to.reply_address)
    subject = reply_subject(reply_to.subject) if reply_to is not None else ""
    msg["Subject"] = subject or letter.subject or str(letter.answers.get("topic") or letter.title)
    when = date or now()
    msg["Date"] = format_datetime(when)
    if reply_to is not None and reply_to.message_id:
        msg["In-Reply-To"] = reply_to.message_id
        chain = [*reply_to.references, reply_to.message_id][-_MAX_REFERENCES:]
        msg["References"] = " ".join(chain)
    msg["Message-ID"] = _message_id(letter, msg, from_)
    msg["X-Unsent"] = "1"
    msg["Content-Language"] = letter.lang
    msg.set_content(letter.text, subtype="plain", charset="utf-8", cte="quoted-printable")
    msg.add_alternative(html_page(letter), subtype="html", charset="utf-8", cte="quoted-printable")
    msg.set_boundary(f"=_replykit_{msg['Message-ID'].split('.', 1)[0].lstrip('<')}")  # not random
    return msg


def _message_id(letter: Letter, msg: EmailMessage, sender: Address | str | None) -> str:
    domain = sender.domain if isinstance(sender, Address) and sender.domain else "replykit.invalid"
    seed = "\n".join(str(msg.get(h, "")) for h in ("Date", "To", "Subject", "In-Reply-To"))
    digest = hashlib.sha256(f"{seed}\n{letter.text}".encode()).hexdigest()[:24]
    return f"<{digest}.replykit@{domain}>"


def to_eml(
    letter: Letter,
    *,
    reply_to: Message | None = None,
    sender: Mapping[str, Any] | None = None,
    date: datetime | None = None,
    **_: Any,
) -> bytes:
    """The draft's bytes, lines ending in CRLF as mail requires."""
    msg = build_eml(letter, reply_to=reply_to, sender=sender, date=date)
    # Folding a Cyrillic display name at 78 columns splits it into a base64 and a q-encoded
    # word, which Python's own parser (and some clients) read back with a stray space
    # («Лампа »); RFC 5322's hard limit of 998 keeps each header one encoded word.
    return msg.as_bytes(policy=_SMTP)
