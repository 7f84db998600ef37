"""A reply to check: reading it from bytes, a file or stdin, and guessing its language."""

from __future__ import annotations

import codecs
import json
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from replykit.errors import UsageError

#: Codecs tried, in order, on bytes that carry no byte-order mark.
FALLBACK_ENCODINGS = ("utf-8", "cp1251")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True)
class Reply:
    """A reply to check: its text and, for replykit's own letters, what produced it."""

    text: str
    playbook: str | None = None
    lang: str | None = None
    channel: str | None = None
    steps: tuple[str, ...] | None = None
    answers: Mapping[str, Any] = field(default_factory=dict)


def guess_language(text: str) -> str:
    """``ru`` when Cyrillic letters outnumber Latin ones, else ``en``."""
    cyrillic = len(re.findall(r"[А-Яа-яЁё]", text))
    latin = len(re.findall(r"[A-Za-z]", text))
    return "ru" if cyrillic > latin else "en"


def decode_reply(data: bytes, source: str) -> tuple[str, str]:
    """The text and the codec it was read with: a BOM's, else UTF-8, else cp1251.

    Bytes with NUL in them and no UTF-16/32 mark are a binary file, not a reply.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), codec.removesuffix("-sig")
            except UnicodeDecodeError as err:
                raise _undecodable(source, codec, err) from err
    if b"\x00" in data:
        raise UsageError(
            f"{source}: this looks like a binary file, not a reply",
            hint="Give check the reply as text (.txt) or a `draft --format json` letter.",
        )
    last: UnicodeDecodeError | None = None
    for codec in FALLBACK_ENCODINGS:
        try:
            return data.decode(codec), codec
        except UnicodeDecodeError as err:
            last = err
    assert last is not None  # cp1251 maps all but five bytes, so this is rare
    raise _undecodable(source, "/".join(FALLBACK_ENCODINGS), last)


def _undecodable(source: str, codec: str, err: UnicodeDecodeError) -> UsageError:
    return UsageError(
        f"{source}: cannot read the reply as {codec} (byte {err.start})",
        hint="Save the reply as UTF-8 and run check again.",
    )


def read_reply_file(file: str, stdin: BinaryIO | None = None) -> tuple[Reply, str, str]:
    """The reply in ``file`` (``-``: stdin), its name for messages, and the codec used."""
    if file == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        data, source = stream.read(), "<stdin>"
    else:
        try:
            data, source = Path(file).read_bytes(), file
        except OSError as err:
            raise UsageError(
                f"{file}: cannot read the reply: {err.strerror or err}",
                hint="Check the path; give - to read the reply from stdin.",
            ) from err
    text, encoding = decode_reply(data, source)
    return read_reply(text), source, encoding


def read_reply(data: str) -> Reply:
    """A reply from file contents: a ``draft --format json`` letter, or plain text."""
    stripped = data.lstrip("\ufeff")
    if stripped.lstrip().startswith("{"):
        try:
            loaded = json.loads(stripped)
        except json.JSONDecodeError:
            loaded = None
        if isinstance(loaded, dict) and isinstance(loaded.get("text"), str):
            steps = loaded.get("steps")
            if steps is None and isinstance(loaded.get("parts"), dict):
                steps = list(loaded["parts"])
            return Reply(
                text=loaded["text"],
                playbook=_str_or_none(loaded.get("playbook")),
                lang=_str_or_none(loaded.get("lang")),
                channel=_str_or_none(loaded.get("channel")),
                steps=tuple(str(s) for s in steps) if isinstance(steps, list) else None,
                answers=answers if isinstance(answers := loaded.get("answers"), dict) else {},
            )
    return Reply(text=stripped)


def _str_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None
