"""The letter as one printable HTML page: A4 print CSS, every answer escaped.

A formal Russian letter is laid out after ГОСТ Р 7.0.97: the sender and the outgoing number
on the left, the addressee block on the right, the title centred, the text justified with a
1.25 cm indent and no gaps, then the attachments and the signature row — position, signature
line, «И. О. Фамилия». An English letter is in block style: the sender on the right, the
references and the recipient on the left, left-aligned paragraphs with a gap between them, the
signature under the closing. Other channels (e-mail, chat) get the subject as the heading and
the text. The print CSS sets A4 with margins of 2 cm (top, bottom), 3 cm (left) and 1.5 cm
(right), as the docx template does.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from markupsafe import escape

from replykit.formats.blocks import LetterBlocks, letter_blocks
from replykit.letter import Letter

SIGNATURE_LINE = "_" * 16

_CSS = """\
@page { size: A4; margin: 2cm 1.5cm 2cm 3cm; }
html { background: #fff; }
body {
  margin: 0;
  color: #000;
  font: 12pt/1.35 "Times New Roman", Times, "Liberation Serif", serif;
}
.letter { max-width: 16.5cm; margin: 2cm auto; padding: 0 1cm; }
@media print { .letter { max-width: none; margin: 0; padding: 0; } }
p { margin: 0; }
.requisites {
  display: grid;
  grid-template-columns: 1fr 1fr;
  column-gap: 1.5cm;
  margin-bottom: 1.5em;
}
.sender { grid-column: 1; grid-row: 1; }
.reference { grid-column: 1; grid-row: 2; margin-top: 1em; }
.addressee { grid-column: 2; grid-row: 1 / span 2; }
.lang-en .requisites { display: block; }
.lang-en .sender { text-align: right; }
.lang-en .reference, .lang-en .addressee { margin-top: 1em; }
.title { font-size: 1em; font-weight: bold; text-align: center; margin: 1.5em 0 1em; }
.lang-en .title { text-align: left; }
.subject { font-size: 1em; font-weight: bold; margin: 0 0 1em; }
.greeting { text-align: center; margin-bottom: 0.8em; }
.lang-en .greeting { text-align: left; }
.text p { text-align: justify; text-indent: 1.25cm; hyphens: auto; }
.lang-en .text p { text-indent: 0; text-align: left; }
.lang-en .text .paragraph + .paragraph { margin-top: 0.8em; }
.attachments { margin-top: 1.2em; }
.signature { margin-top: 1.5em; page-break-inside: avoid; break-inside: avoid; }
.sign-row { display: flex; align-items: flex-end; gap: 1cm; }
.sign-row .position { flex: 1 1 auto; }
.sign-row .sign-line { flex: 0 0 auto; }
.sign-row .name { flex: 0 0 auto; margin-left: auto; white-space: nowrap; }
.lang-en .sign-line { margin: 1.5em 0 0.2em; }
.closing { margin-top: 1.2em; }
.executor { margin-top: 2.5em; font-size: 10pt; }
"""


def _e(text: str) -> str:
    return str(escape(text))


def _block(css_class: str, lines: Iterable[str]) -> str:
    inner = "\n".join(f"<p>{_e(line)}</p>" for line in lines)
    return f'<div class="{css_class}">\n{inner}\n</div>'


def _requisites(blocks: LetterBlocks) -> list[str]:
    if not blocks.has_requisites:
        return []
    out = ['<header class="requisites">']
    for name in ("sender", "reference", "addressee"):
        lines = getattr(blocks, name)
        if lines:
            out.append(_block(name, lines))
    out.append("</header>")
    return out


def _signature(blocks: LetterBlocks) -> list[str]:
    sig = blocks.signature
    if sig is None:
        return [_block("closing", blocks.closing)] if blocks.closing else []
    out = ['<div class="signature">', f'<p class="closing-formula">{_e(sig.closing)}</p>']
    if blocks.lang == "ru":
        position = "".join(f"<p>{_e(line)}</p>" for line in sig.position)
        out += [
            '<div class="sign-row">',
            f'<div class="position">{position}</div>',
            f'<div class="sign-line">{SIGNATURE_LINE}</div>',
            f'<div class="name">{_e(sig.name)}</div>',
            "</div>",
        ]
    else:
        out.append(f'<p class="sign-line">{SIGNATURE_LINE}</p>')
        out.append(f'<p class="name">{_e(sig.name)}</p>')
        out += [f'<p class="position">{_e(line)}</p>' for line in sig.position]
    out.append("</div>")
    return out


def html_page(letter: Letter) -> str:
    """The complete HTML document for ``letter``."""
    blocks = letter_blocks(letter)
    lang = "ru" if letter.lang == "ru" else "en"
    page_title = letter.subject or blocks.heading or letter.title or letter.playbook
    body: list[str] = [f'<article class="letter lang-{lang} channel-{_e(letter.channel)}">']
    body += _requisites(blocks)
    if blocks.title:
        body.append(f'<h1 class="title">{_e(blocks.title)}</h1>')
    elif blocks.subject:
        body.append(f'<h1 class="subject">{_e(blocks.subject)}</h1>')
    if blocks.greeting:
        body.append(f'<p class="greeting">{_e(blocks.greeting)}</p>')
    if blocks.body:
        body.append('<section class="text">')
        body += [_block("paragraph", lines) for lines in blocks.body]
        body.append("</section>")
    if blocks.attachments:
        body.append(_block("attachments", blocks.attachments))
    body += _signature(blocks)
    if blocks.executor:
        body.append(f'<p class="executor">{_e(blocks.executor)}</p>')
    body.append("</article>")
    head = [
        "<!doctype html>",
        f'<html lang="{lang}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="replykit">',
        f"<title>{_e(page_title)}</title>",
        "<style>",
        _CSS.rstrip("\n"),
        "</style>",
        "</head>",
        "<body>",
    ]
    return "\n".join([*head, *body, "</body>", "</html>"]) + "\n"


def to_html(letter: Letter, **_: Any) -> bytes:
    """The letter as a complete, printable UTF-8 HTML page."""
    return html_page(letter).encode("utf-8")
