"""The letter as one printable HTML page: A4 print CSS, every answer escaped.

A formal Russian letter is laid out after ГОСТ Р 7.0.97: the sender and the outgoing number
on the left, the addressee block on the right, the title centred, the text justified with a
1.25 cm indent and no gaps, then the attachments and the signature row — position, signature
line, «И. О. Фамилия». An English letter is in block style: the sender on the right, the
references and the recipient on the left, left-aligned paragraphs with a gap between them, the
signature under the closing. Other channels (e-mail, chat) are laid out as an e-mail that can
be pasted into a mail client: the subject as the heading, left-aligned paragraphs with gaps, no
indents, no requisites grid.

The print CSS sets A4 with margins of 2 cm (top, bottom), 3 cm (left) and 1.5 cm (right), page
numbers from page 2, and the docx's line spacing and gaps, so a letter prints on the pages its
docx takes. On a narrow screen the requisites stack and nothing scrolls sideways.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from markupsafe import escape

from replykit.formats.blocks import LetterBlocks, letter_blocks
from replykit.letter import Letter

SIGNATURE_LINE = "_" * 16

# One line of the docx (Times New Roman 12 pt, single spacing) is 1.15 em; every gap below is
# the docx's own (an empty paragraph is one line), so the printed page breaks where the docx's
# does. A channel other than the paper letter (e-mail, chat) is laid out as an e-mail.
_CSS = """\
@page { size: A4; margin: 2cm 1.5cm 2cm 3cm; }
@page { @top-center { content: counter(page); font: 12pt "Times New Roman", serif; } }
@page :first { @top-center { content: none; } }
html { background: #fff; }
body { margin: 0; color: #000; overflow-wrap: break-word; }
.letter { box-sizing: border-box; max-width: 16.5cm; margin: 2cm auto; }
p { margin: 0; }
.paper {
  font: 12pt/1.15 "Times New Roman", Times, "Liberation Serif", serif;
  max-width: 16.5cm;
}
.paper .requisites { display: grid; grid-template-columns: 8.5cm 1fr; margin-bottom: 1.15em; }
.paper .sender, .paper .reference { grid-column: 1; padding-right: 0.5cm; }
.paper .sender { grid-row: 1; }
.paper .reference { grid-row: 2; margin-top: 1.15em; }
.paper .addressee { grid-column: 2; grid-row: 1 / span 2; }
.paper.lang-en .requisites { display: block; margin-bottom: 0; }
.paper.lang-en .sender { text-align: right; padding-right: 0; }
.paper.lang-en .reference, .paper.lang-en .addressee { margin-top: 1.15em; }
.paper .title { font-size: 1em; font-weight: bold; text-align: center; margin: 12pt 0; }
.paper.lang-en .title { text-align: left; }
.paper .greeting { text-align: center; margin-bottom: 6pt; }
.paper.lang-en .greeting { text-align: left; margin-bottom: 10pt; }
.paper .text p { text-align: justify; text-indent: 1.25cm; hyphens: manual; }
.paper.lang-en .text p { text-indent: 0; text-align: left; }
.paper.lang-en .text .paragraph { margin-bottom: 10pt; }
.paper .attachments { margin-top: 1.15em; }
.paper .attachments p { padding-left: 2.6cm; }
.paper .attachments p:first-child { text-indent: -2.6cm; }
.paper .attachments .label { display: inline-block; width: 2.6cm; text-indent: 0; }
.paper .signature { margin-top: 1.15em; }
.paper.lang-ru .closing-formula { margin-bottom: 12pt; }
.sign-row { display: flex; align-items: flex-end; }
.sign-row .position { flex: 0 1 8cm; }
.sign-row .sign-line { flex: 0 0 4cm; text-align: center; }
.sign-row .name { flex: 1 0 auto; text-align: right; white-space: nowrap; }
.paper.lang-en .sign-line { margin-top: 1.15em; }
.paper .closing { margin-top: 1.15em; }
.paper .executor { margin-top: 2.3em; font-size: 10pt; }
.text p, .attachments p { orphans: 2; widows: 2; }
.tail, .signature, h1, .greeting { break-inside: avoid; page-break-inside: avoid; }
h1, .greeting { break-after: avoid; page-break-after: avoid; }
@media print { .letter { max-width: none; margin: 0; } }
@media screen and (max-width: 40em) {
  .letter { margin: 1em; }
  .paper .requisites { display: block; }
  .paper .sender, .paper .reference { padding-right: 0; }
  .paper .addressee { margin-top: 1.15em; }
  .paper .text p { text-align: left; }
  .sign-row { flex-wrap: wrap; }
  .sign-row .position { flex-basis: 100%; }
  .sign-row .name { flex-grow: 0; margin-left: 1em; }
}
.mail { font: 11pt/1.4 Arial, Helvetica, sans-serif; max-width: 40em; }
.mail h1 { font-size: 1.1em; margin: 0 0 1em; }
.mail .requisites p, .mail .greeting, .mail .paragraph, .mail .closing, .mail .attachments,
.mail .signature { margin: 0 0 1em; }
.mail .requisites, .mail .requisites > div { margin: 0 0 1em; }
.mail .sign-row { display: block; }
.mail .executor { margin-top: 1em; font-size: 0.9em; }
@media screen and (max-width: 40em) { .mail { margin: 1em; } }
"""


def _e(text: str) -> str:
    return str(escape(text))


def _block(css_class: str, lines: Iterable[str]) -> str:
    inner = "\n".join(f"<p>{_e(line)}</p>" for line in lines)
    return f'<div class="{css_class}">\n{inner}\n</div>'


def _attachments(blocks: LetterBlocks) -> list[str]:
    lines = list(blocks.attachments)
    if not lines:
        return []
    label, _space, first = lines[0].partition(" ")
    inner = [f"<p>{_e(line)}</p>" for line in lines]
    if blocks.lang == "ru" and label.endswith(":") and first:  # the items hang under «1.»
        inner[0] = f'<p><span class="label">{_e(label)}</span>{_e(first)}</p>'
    return ['<div class="attachments">', *inner, "</div>"]


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
    look = "paper" if letter.channel == "letter" else "mail"
    body: list[str] = [f'<article class="letter {look} lang-{lang} channel-{_e(letter.channel)}">']
    body += _requisites(blocks)
    if blocks.title:
        body.append(f'<h1 class="title">{_e(blocks.title)}</h1>')
    elif blocks.subject:
        body.append(f'<h1 class="subject">{_e(blocks.subject)}</h1>')
    if blocks.greeting:
        body.append(f'<p class="greeting">{_e(blocks.greeting)}</p>')
    # The last paragraph, the attachments, the signature and the executor print as one
    # unbreakable block, as the docx keeps them: a signature never stands alone on a page.
    *paragraphs, last = blocks.body or ((),)
    if paragraphs:
        body.append('<section class="text">')
        body += [_block("paragraph", lines) for lines in paragraphs]
        body.append("</section>")
    body.append('<div class="tail">')
    if last:
        body += ['<section class="text">', _block("paragraph", last), "</section>"]
    body += _attachments(blocks)
    body += _signature(blocks)
    if blocks.executor:
        body.append(f'<p class="executor">{_e(blocks.executor)}</p>')
    body.append("</div>")
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
