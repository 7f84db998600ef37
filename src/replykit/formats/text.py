"""Plain-text, Markdown and JSON writers."""

from __future__ import annotations

import json
from typing import Any

from replykit.letter import Letter


def to_txt(letter: Letter, **_: Any) -> bytes:
    """The letter as UTF-8 text, exactly as printed to the terminal."""
    return letter.text.encode("utf-8")


def _md_escape(line: str) -> str:
    """Escape what Markdown would otherwise read as structure at a line's start."""
    stripped = line.lstrip()
    if stripped[:1] in ("#", ">", "-", "+", "*", "|") or stripped.startswith("```"):
        return "\\" + line
    return line.replace("<", "&lt;")


def to_md(letter: Letter, **_: Any) -> bytes:
    """The letter as Markdown: the subject as a heading, paragraphs kept, lines hard-broken."""
    out: list[str] = []
    body = letter.text
    if letter.subject:
        out += [f"# {letter.subject}", ""]
        first, _sep, rest = body.partition("\n\n")
        if letter.subject in first:
            body = rest
    for paragraph in body.strip("\n").split("\n\n"):
        lines = [_md_escape(line) for line in paragraph.split("\n")]
        # Numbered items keep their own lines; other line breaks become hard breaks.
        out.append("  \n".join(lines) if not lines[0][:1].isdigit() else "\n".join(lines))
        out.append("")
    return ("\n".join(out).rstrip("\n") + "\n").encode("utf-8")


def to_json(letter: Letter, **_: Any) -> bytes:
    """The letter plus its metadata (playbook, language, channel, answers) as JSON."""
    return (json.dumps(letter.as_dict(), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
