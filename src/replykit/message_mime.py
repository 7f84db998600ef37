"""Reading the bytes of a received message: charsets, mail headers and the MIME parts.

Russian and English mailboxes produce UTF-8 with or without a BOM, cp1251 and koi8-r, base64
or quoted-printable parts, multipart/alternative or HTML-only bodies and raw 8-bit headers;
this module turns each of them into text.
"""

from __future__ import annotations

import codecs
import contextlib
import email.header
import email.utils
import re
from email.message import EmailMessage
from email.message import Message as RawMessage
from html.parser import HTMLParser

# Headers only a mail message has: two header lines and one of these make an .eml.
_MAIL_HEADERS = frozenset(
    {
        "from",
        "to",
        "subject",
        "date",
        "message-id",
        "received",
        "return-path",
        "mime-version",
        "delivered-to",
        "reply-to",
        "content-type",
    }
)
_HEADER_LINE = re.compile(rb"^[A-Za-z][A-Za-z0-9-]*:[ \t]?")


def looks_like_mail(data: bytes) -> bool:
    """True when ``data`` opens with an RFC 5322 header block naming a mail header."""
    head = data.lstrip(b"\xef\xbb\xbf")[:16384]
    if head.startswith(b"From ") and b"\n" in head:  # an mbox "From " line before the headers
        head = head.split(b"\n", 1)[1]
    names: set[str] = set()
    lines = 0
    for line in head.splitlines():
        if not line.strip():
            break
        if line[:1] in (b" ", b"\t") and lines:
            continue
        match = _HEADER_LINE.match(line)
        if not match:
            return False
        names.add(match.group(0).split(b":")[0].decode("ascii").lower())
        lines += 1
    return lines >= 2 and bool(names & _MAIL_HEADERS)


def decode_text(raw: bytes, declared: str | None) -> str:
    """Bytes as text: a BOM, the declared charset if it fits, UTF-8, else cp1251 or koi8-r."""
    if raw.startswith(codecs.BOM_UTF8):
        return raw[3:].decode("utf-8", "replace")
    if declared:
        try:
            return raw.decode(codecs.lookup(declared).name)
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # A Russian text is mostly lower case: cp1251 puts it in E0–FF, koi8-r in C0–DF.
    upper_half = sum(1 for b in raw if b >= 0xE0)
    lower_half = sum(1 for b in raw if 0xC0 <= b < 0xE0)
    return raw.decode("cp1251" if upper_half >= lower_half else "koi8-r", "replace")


def normalise_newlines(text: str) -> str:
    """Windows and old-Mac line ends as ``\\n``, a leading BOM dropped."""
    return text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")


def header_text(raw: RawMessage, name: str) -> str:
    """A header's text: encoded words decoded, raw 8-bit bytes read by charset guess."""
    for key, value in raw.raw_items():
        if key.lower() != name.lower():
            continue
        text = str(value)
        if any("\udc80" <= ch <= "\udcff" for ch in text):
            text = decode_text(text.encode("ascii", "surrogateescape"), None)
        if "=?" in text:
            with contextlib.suppress(ValueError, LookupError, UnicodeDecodeError):
                text = str(email.header.make_header(email.header.decode_header(text)))
        return " ".join(text.split())
    return ""


def split_address(value: str) -> tuple[str, str]:
    """``Анна <anna@example.ru>`` → (name, address); a name that is the address is dropped."""
    name, address = email.utils.parseaddr(value)
    if "@" not in address:
        found = re.search(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", value)
        address = found.group(0) if found else ""
        name = name if address else ""
    name = name.strip().strip("\"'").strip()
    if name == address or "@" in name:
        name = ""
    return name, address


def message_body(raw: RawMessage) -> tuple[str, list[str], EmailMessage | None]:
    """The text of the first plain (else HTML) part, the attachments' names, an attached message."""
    plain: str | None = None
    html: str | None = None
    attachments: list[str] = []
    inner: EmailMessage | None = None
    for part in raw.walk():
        kind = part.get_content_type()
        if part.is_multipart():
            continue
        filename = part.get_filename()
        disposition = (part.get_content_disposition() or "").lower()
        if filename or disposition == "attachment":
            attachments.append(_decode_filename(filename) or kind)
            continue
        if kind not in ("text/plain", "text/html"):
            continue
        payload_bytes = part.get_payload(decode=True)
        if not isinstance(payload_bytes, bytes):
            continue
        text = decode_text(payload_bytes, part.get_content_charset())
        if kind == "text/plain" and plain is None:
            plain = text
        elif kind == "text/html" and html is None:
            html = text
    for part in raw.walk():  # a forward attached whole: the customer's message inside
        if part.get_content_type() == "message/rfc822":
            payload = part.get_payload()
            if isinstance(payload, list) and payload and isinstance(payload[0], EmailMessage):
                inner = payload[0]
                break
    if plain is not None and plain.strip():
        return plain, attachments, inner
    if html is not None:
        return html_to_text(html), attachments, inner
    return plain or "", attachments, inner


def _decode_filename(name: str | None) -> str:
    if not name:
        return ""
    if any("\udc80" <= ch <= "\udcff" for ch in name):
        return decode_text(name.encode("ascii", "surrogateescape"), None)
    return name


class _TextFromHtml(HTMLParser):
    _BREAKS = frozenset({"br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "blockquote"})
    _HIDDEN = frozenset({"style", "script", "head", "title"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._HIDDEN:
            self.hidden += 1
        elif tag in self._BREAKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in self._BREAKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(re.sub(r"\s+", " ", data))


def html_to_text(html: str) -> str:
    """The readable text of an HTML body: tags dropped, blocks as lines, entities decoded."""
    parser = _TextFromHtml()
    parser.feed(html)
    parser.close()
    lines = [line.strip() for line in "".join(parser.parts).split("\n")]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()
