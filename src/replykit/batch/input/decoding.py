"""Decoding a text input (CSV, TSV, JSONL): choosing a codec, refusing binaries, counted lines.

With ``encoding="auto"``: a UTF-16 BOM means UTF-16; otherwise the first 64 KiB decide between
UTF-8 (a BOM is dropped) and cp1251, what Russian Excel writes. The rest is then decoded
strictly; a later byte that does not decode is an error naming the line and asking for
``--encoding``. Files with NUL bytes or full of control characters are refused as "not a text
CSV" (cp1251 decodes almost any bytes, so decoding alone proves nothing).
"""

from __future__ import annotations

import codecs
import io
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import IO, Any, BinaryIO

from replykit.batch.input.options import ZIP_MAGIC
from replykit.errors import BatchInputError

__all__ = [
    "AUTO_ENCODINGS",
    "SAMPLE_BYTES",
    "Decoding",
    "Lines",
    "Prefixed",
    "choose_decoding",
    "hard_cap",
    "refuse_binary",
    "sample_text",
]


AUTO_ENCODINGS = ("utf-16", "utf-8", "cp1251")
SAMPLE_BYTES = 64 * 1024
_HARD_CAP_MIN = 64 * 1024 * 1024
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_LONE_CR = re.compile(r"(?<=\r)(?!\n)")
_STATELESS_CODECS = frozenset(
    {"utf-8", "utf-8-sig", "cp1251", "cp1252", "cp866", "koi8-r", "koi8-u", "iso8859-1"}
    | {"iso8859-5", "iso8859-15", "mac-cyrillic", "ascii"}
)


def hard_cap(max_field_bytes: int) -> int:
    """The longest line or cell read at all: past it the file is refused, not one row."""
    return max(_HARD_CAP_MIN, 4 * max_field_bytes)


@dataclass(frozen=True)
class Decoding:
    """How a text file is decoded, and what to call its encoding in messages."""

    codec: str  # what decodes the bytes
    label: str  # what we report as RowSource.encoding
    auto: bool


class Prefixed(io.RawIOBase):
    """A binary stream whose first bytes were already read for sniffing."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._rest.read(len(buffer)) or b""
        buffer[: len(data)] = data
        return len(data)


def choose_decoding(head: bytes, at_eof: bool, name: str, codec: str | None) -> Decoding:
    """The ``--encoding`` given, else the one the first bytes read as (see the module docstring)."""
    if codec is not None:
        # utf-8-sig reads plain UTF-8 too and drops a BOM that would glue itself to a header.
        return Decoding("utf-8-sig" if codec == "utf-8" else codec, codec, auto=False)
    if head.startswith(_UTF16_BOMS):
        return Decoding("utf-16", "utf-16", auto=True)
    if head.startswith(codecs.BOM_UTF8):
        return Decoding("utf-8-sig", "utf-8-sig", auto=True)
    try:
        # final=False lets the sample end inside a multibyte character.
        codecs.getincrementaldecoder("utf-8")().decode(head, final=at_eof)
    except UnicodeDecodeError:
        pass
    else:
        return Decoding("utf-8-sig", "utf-8", auto=True)
    try:
        head.decode("cp1251")
    except UnicodeDecodeError as err:
        bad = head[err.start]
        line = head.count(b"\n", 0, err.start) + 1
        raise BatchInputError(
            f"{name}: cannot decode as utf-8 (tried {', '.join(AUTO_ENCODINGS)}); pass --encoding",
            hint=f"byte 0x{bad:02x} on line {line} is valid in none of them; "
            "pass the file's encoding, e.g. --encoding koi8-r",
        ) from None
    return Decoding("cp1251", "cp1251", auto=True)


def sample_text(head: bytes, dec: Decoding) -> str:
    """The first bytes as text, for sniffing; a character cut at the end is dropped."""
    try:
        return codecs.getincrementaldecoder(dec.codec)(errors="replace").decode(head, final=False)
    except UnicodeError:  # utf-16 without a BOM; the streaming decode reports it with a line
        return ""


def refuse_binary(head: bytes, sample: str, name: str, dec: Decoding) -> None:
    """Raise BatchInputError for a ZIP, NUL bytes or a sample full of control characters."""
    if head.startswith(ZIP_MAGIC):
        raise BatchInputError(
            f"{name} is a ZIP file (an XLSX workbook?), not a text CSV",
            hint="name it .xlsx or pass --input-format xlsx",
        )
    if _ascii_compatible(dec.codec) and b"\x00" in head:
        line = head.count(b"\n", 0, head.index(b"\x00")) + 1
        raise _nul_error(name, line)
    controls = len(_CONTROL.findall(sample))
    if controls and controls * 100 >= len(sample):
        raise BatchInputError(
            f"{name} is not a text CSV: it is full of control characters",
            hint="pass a CSV, TSV, JSONL or XLSX file; if it is text, pass its --encoding",
        )


def _nul_error(name: str, line: int) -> BatchInputError:
    return BatchInputError(
        f"{name}:{line}: contains a NUL byte; this is a binary file, not a text CSV",
        hint="export the data as CSV or XLSX; for UTF-16 without a BOM pass --encoding utf-16-le",
    )


def _ascii_compatible(codec: str) -> bool:
    """True when the codec writes ASCII as ASCII, so bytes can be split at ``\\n``."""
    probe = '\n\r,;\t"{}'
    try:
        # utf-8-sig writes a BOM before anything, which is not the point here.
        return (probe.encode(codec).removeprefix(codecs.BOM_UTF8)) == probe.encode("ascii")
    except (UnicodeError, LookupError):
        return False


class Lines:
    """Decoded physical lines (ends kept, as ``newline=""`` gives them), counted as they go.

    For ASCII-compatible encodings the bytes are split at ``\\n`` before decoding, so a
    decode error names its exact line; UTF-16 goes through TextIOWrapper ("near line N").
    """

    def __init__(self, stream: IO[bytes], dec: Decoding, name: str, cap: int) -> None:
        self.count = 0
        self.exhausted = False
        self._stream = stream
        self._dec = dec
        self._name = name
        self._cap = cap

    def __iter__(self) -> Iterator[str]:
        if _ascii_compatible(self._dec.codec):
            return self._byte_lines()
        return self._text_lines()

    def _byte_lines(self) -> Iterator[str]:
        codec = self._dec.codec
        # A line ends at a \n byte, which no character of these codecs contains, so each
        # line decodes on its own (bytes.decode is faster than an incremental decoder).
        whole_lines = codec in _STATELESS_CODECS
        plain = "utf-8" if codec == "utf-8-sig" else codec
        bom = codecs.BOM_UTF8 if codec == "utf-8-sig" else b""
        decode = codecs.getincrementaldecoder(codec)(errors="strict").decode
        readline = self._stream.readline
        cap = self._cap
        while True:
            chunk = self._read(readline, cap)
            if len(chunk) >= cap and not chunk.endswith(b"\n"):
                raise self._too_long(self.count + 1)
            try:
                if whole_lines:
                    if bom and self.count == 0:
                        chunk = chunk.removeprefix(bom)
                    text = chunk.decode(plain)
                else:
                    text = decode(chunk, final=not chunk)
            except UnicodeError:  # UnicodeDecodeError, or utf-16's missing BOM
                raise self._decode_error(max(self.count + (1 if chunk else 0), 1)) from None
            if not chunk:
                self.exhausted = True
                return
            cr = text.find("\r")
            pieces: Iterable[str] = (
                (p for p in _LONE_CR.split(text) if p) if -1 < cr < len(text) - 2 else (text,)
            )
            for piece in pieces:
                self.count += 1
                if "\x00" in piece:
                    raise _nul_error(self._name, self.count)
                yield piece

    def _text_lines(self) -> Iterator[str]:
        wrapper = io.TextIOWrapper(self._stream, encoding=self._dec.codec, newline="")
        cap = self._cap
        while True:
            try:
                line = wrapper.readline(cap)
            except UnicodeError:  # UnicodeDecodeError, or utf-16's missing BOM
                raise self._decode_error(self.count + 1, near=True) from None
            except OSError as err:
                raise BatchInputError(f"{self._name}: cannot read it ({err})") from err
            if not line:
                self.exhausted = True
                return
            if len(line) >= cap and not line.endswith(("\n", "\r")):
                raise self._too_long(self.count + 1)
            self.count += 1
            if "\x00" in line:
                raise _nul_error(self._name, self.count)
            yield line

    def _read(self, readline: Callable[[int], bytes], cap: int) -> bytes:
        try:
            return readline(cap)
        except OSError as err:
            raise BatchInputError(f"{self._name}: cannot read it ({err})") from err

    def _decode_error(self, line: int, *, near: bool = False) -> BatchInputError:
        where = f"{self._name}: near line {line}" if near else f"{self._name}:{line}"
        label = self._dec.label
        if self._dec.auto:
            return BatchInputError(
                f"{where}: cannot decode as {label} (tried {', '.join(AUTO_ENCODINGS)}); "
                "pass --encoding",
                hint=f"the start of the file reads as {label} but this line does not; "
                "pass the file's real encoding, e.g. --encoding cp1251",
            )
        return BatchInputError(
            f"{where}: cannot decode as {label}; pass the file's real --encoding",
            hint="common ones: utf-8, cp1251 (Russian Excel), utf-16, koi8-r",
        )

    def _too_long(self, line: int) -> BatchInputError:
        return BatchInputError(
            f"{self._name}:{line}: a line is longer than {self._cap:,} bytes "
            "(an unclosed quote, or not a CSV?)",
            hint="pass --max-field-size to raise the limit if the data is real",
        )
