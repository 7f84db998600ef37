"""A message the user received — an ``.eml`` or pasted text — read into one value.

The reply side of a complaint starts from the customer's message. This module reads it
whatever a Russian or English mailbox produced (UTF-8 with or without a BOM, cp1251,
koi8-r; base64 or quoted-printable parts; multipart/alternative or HTML-only bodies;
raw 8-bit headers), and states only what the message says: who wrote, when, about what,
the new text without quoted history, and the numbers, amounts and dates in it.
"""

from __future__ import annotations

import codecs
import contextlib
import email
import email.header
import email.utils
import re
import sys
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal
from email import policy
from email.message import EmailMessage
from email.message import Message as RawMessage
from html.parser import HTMLParser
from pathlib import Path
from typing import BinaryIO

from replykit.check.reply import guess_language
from replykit.errors import AnswerError, UsageError
from replykit.limits import MAX_MESSAGE_BYTES

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
class Amount:
    """An amount of money the message names, with its currency code when it says one."""

    value: Decimal
    currency: str


@dataclass(frozen=True)
class Facts:
    """What the text of a message states, each in the order it appears."""

    orders: tuple[str, ...] = ()
    contracts: tuple[str, ...] = ()
    invoices: tuple[str, ...] = ()
    claims: tuple[str, ...] = ()
    amounts: tuple[Amount, ...] = ()
    dates: tuple[date, ...] = ()
    inn: tuple[str, ...] = ()
    ogrn: tuple[str, ...] = ()
    demands: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, list[str]]:
        """JSON-ready: every non-empty kind as a list of text."""
        data: dict[str, list[str]] = {}
        for name in self.__dataclass_fields__:
            items = getattr(self, name)
            if items:
                data[name] = [
                    f"{i.value} {i.currency}".strip() if isinstance(i, Amount) else str(i)
                    for i in items
                ]
        return data


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
        text = _normalise(decode_text(data, None))
        message = _from_text(text, source)
    if not message.body.strip() and not message.subject:
        raise MessageError(
            f"{source}: the message has no text to answer",
            hint="Its body may be only attachments; paste the customer's words into a text file.",
        )
    return message


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


def _normalise(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")


def _header(raw: RawMessage, name: str) -> str:
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


def _address(value: str) -> tuple[str, str]:
    name, address = email.utils.parseaddr(value)
    if "@" not in address:
        found = re.search(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", value)
        address = found.group(0) if found else ""
        name = name if address else ""
    name = name.strip().strip("\"'").strip()
    if name == address or "@" in name:
        name = ""
    return name, address


def _from_mail(raw: RawMessage, source: str) -> Message:
    sender_name, sender_address = _address(_header(raw, "From"))
    _reply_name, reply_to = _address(_header(raw, "Reply-To"))
    subject = _header(raw, "Subject")
    try:
        when = email.utils.parsedate_to_datetime(_header(raw, "Date"))
    except (TypeError, ValueError, IndexError):
        when = None
    message_id = _header(raw, "Message-ID")
    message_id = message_id if re.fullmatch(r"<[^<>\s]+>", message_id) else ""
    references = tuple(re.findall(r"<[^<>\s]+>", _header(raw, "References")))
    text, attachments, inner = _body(raw)
    text = _normalise(text)
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
    name, address = _address(values["from"])
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


def _body(raw: RawMessage) -> tuple[str, list[str], EmailMessage | None]:
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


# --- facts from the text -------------------------------------------------------------------

_NUMBER = r"(?:№|#|N|No\.?|nr\.?|номер|number)?\s*:?\s*([A-Za-zА-Яа-яЁё]{0,6}[-/]?\d[\w/-]*)"
_ORDER = re.compile(r"(?<!\w)(?:заказ[а-я]*|order)\s*" + _NUMBER, re.IGNORECASE)
_SIGNED = r"\s*(?:№|#|N|No\.?|номер|number)\s*:?\s*([A-Za-zА-Яа-яЁё]{0,6}[-/]?\d[\w/-]*)"
_CONTRACT = re.compile(r"(?<!\w)(?:договор[а-я]*|contract|agreement)" + _SIGNED, re.IGNORECASE)
_INVOICE = re.compile(
    r"(?<!\w)(?:сч[её]т[а-я]*(?:[- ]фактур[а-я]*)?|invoice)" + _SIGNED, re.IGNORECASE
)
_CLAIM = re.compile(
    r"(?<!\w)(?:претензи[а-я]*|обращени[а-я]*|заявк[а-я]*|claim|ticket|case|complaint)" + _SIGNED,
    re.IGNORECASE,
)
_INN = re.compile(r"(?<!\w)ИНН\s*:?\s*(\d{12}|\d{10})(?!\d)")
_OGRN = re.compile(r"(?<!\w)ОГРН(?:ИП)?\s*:?\s*(\d{15}|\d{13})(?!\d)")
_AMOUNT_AFTER = re.compile(
    r"(?<![\d.,])(\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:[.,](\d{1,2}))?(?![\d])\s*"
    r"(руб(?:л[а-я]*|\.)?|р\.|₽|rub|rur|usd|eur|\$|€|долл(?:ар[а-я]*|\.)?|евро|dollars?|euros?)",
    re.IGNORECASE,
)
_AMOUNT_BEFORE = re.compile(r"([$€₽])\s?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?(?!\d)")
_CURRENCIES = {"$": "USD", "€": "EUR", "₽": "RUB", "rub": "RUB", "rur": "RUB", "usd": "USD"}
_RU_MONTHS = (
    "январ",
    "феврал",
    "март",
    "апрел",
    "ма",
    "июн",
    "июл",
    "август",
    "сентябр",
    "октябр",
    "ноябр",
    "декабр",
)
_EN_MONTHS = (
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "oct",
    "nov",
    "dec",
)
_DATE_NUMERIC = re.compile(
    r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})(?![\d])|(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)"
)
_DATE_RU = re.compile(
    r"(?<!\d)(\d{1,2})\s+(января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|"
    r"ноября|декабря)(?:\s+(\d{4}))?",
    re.IGNORECASE,
)
_DATE_EN = re.compile(
    r"(?:(?<!\d)(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})|([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4}))"
)
_DEMAND = re.compile(
    r"(?<!\w)(?:требую|требуем|прошу|просим|верните|вернуть|возместить|компенсировать|"
    r"i demand|we demand|i request|i want|i expect|please refund|refund me|i insist)",
    re.IGNORECASE,
)


def _money_currency(word: str) -> str:
    low = word.lower()
    if low in _CURRENCIES:
        return _CURRENCIES[low]
    if low.startswith(("руб", "р.")):
        return "RUB"
    if low.startswith(("долл", "dollar")):
        return "USD"
    if low.startswith(("евро", "euro", "eur", "€")):
        return "EUR"
    return ""


def _unique(items: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(item.rstrip(".,;:)/-") for item in items if item))


def _valid_date(year: int, month: int, day: int) -> date | None:
    if year < 100:
        year += 2000
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _dates(text: str) -> tuple[date, ...]:
    found: list[tuple[int, date]] = []
    for match in _DATE_NUMERIC.finditer(text):
        if match.group(1):
            day, month, year = int(match.group(1)), int(match.group(2)), int(match.group(3))
        else:
            year, month, day = int(match.group(4)), int(match.group(5)), int(match.group(6))
        value = _valid_date(year, month, day)
        if value:
            found.append((match.start(), value))
    for match in _DATE_RU.finditer(text):
        if not match.group(3):
            continue  # «5 марта» without a year: which year is a guess
        word = match.group(2).lower()
        month = next(i for i, stem in enumerate(_RU_MONTHS, 1) if word.startswith(stem))
        value = _valid_date(int(match.group(3)), month, int(match.group(1)))
        if value:
            found.append((match.start(), value))
    for match in _DATE_EN.finditer(text):
        if match.group(1):
            day_text, word, year_text = match.group(1), match.group(2), match.group(3)
        else:
            word, day_text, year_text = match.group(4), match.group(5), match.group(6)
        key = word[:3].lower()
        if key not in _EN_MONTHS:
            continue
        value = _valid_date(int(year_text), _EN_MONTHS.index(key) + 1, int(day_text))
        if value:
            found.append((match.start(), value))
    return tuple(dict.fromkeys(value for _start, value in sorted(found)))


def _amounts(text: str) -> tuple[Amount, ...]:
    found: list[tuple[int, Amount]] = []
    for match in _AMOUNT_AFTER.finditer(text):
        whole = re.sub(r"[ \u00a0\u202f]", "", match.group(1))
        value = Decimal(f"{whole}.{match.group(2)}" if match.group(2) else whole)
        found.append((match.start(), Amount(value, _money_currency(match.group(3)))))
    for match in _AMOUNT_BEFORE.finditer(text):
        whole = match.group(2).replace(",", "")
        value = Decimal(f"{whole}.{match.group(3)}" if match.group(3) else whole)
        found.append((match.start(), Amount(value, _CURRENCIES[match.group(1)])))
    return tuple(dict.fromkeys(amount for _start, amount in sorted(found, key=lambda x: x[0])))


def _sentences_with(pattern: re.Pattern[str], text: str) -> tuple[str, ...]:
    sentences = re.split(r"(?<=[.!?])\s+|\n+", text)
    return tuple(s.strip()[:300] for s in sentences if pattern.search(s) and len(s.strip()) > 5)


def extract_facts(text: str) -> Facts:
    """Order, contract, invoice and claim numbers, amounts, dates, INN/OGRN and demands."""
    dates_as_numbers = {m.group(0) for m in _DATE_NUMERIC.finditer(text)}

    def numbers(pattern: re.Pattern[str]) -> tuple[str, ...]:
        return _unique(
            [m.group(1) for m in pattern.finditer(text) if m.group(1) not in dates_as_numbers]
        )

    return Facts(
        orders=tuple(n for n in numbers(_ORDER) if sum(c.isdigit() for c in n) >= 3),
        contracts=numbers(_CONTRACT),
        invoices=numbers(_INVOICE),
        claims=numbers(_CLAIM),
        amounts=_amounts(text),
        dates=_dates(text),
        inn=_unique(_INN.findall(text)),
        ogrn=_unique(_OGRN.findall(text)),
        demands=_sentences_with(_DEMAND, text),
    )
