"""Build the built-in docx letter template, ``templates/docx/letter.docx``, with python-docx.

Run ``python scripts/make_docx_template.py`` after changing this script and commit both; a test
checks that the committed file is what this script makes (byte for byte: fixed dates, fixed
zip timestamps). The template is a docxtpl document: Jinja tags in plain paragraphs,
``{%p … %}`` tags that remove their own paragraph, and the variables README lists under
"Formal letters and files".

Page after ГОСТ Р 7.0.97-2025 (which sets minimum margins of 20/10/20/20 mm): A4, margins top
20 mm, bottom 20 mm, left 30 mm (room to file the letter in a case binder), right 15 mm; Times
New Roman 12 pt, single spacing; the executor note in 10 pt. Russian letters: the sender and
outgoing number on the left, the addressee block on the right (a borderless table), the title
centred in bold, the greeting centred, the text justified with a 1.25 cm first-line indent, the
signature row «position — signature line — И. О. Фамилия». English letters (block style): the
sender on the right, the references and the recipient on the left, the subject in bold, the
paragraphs left-aligned with a gap between them, the closing, a signature line, name, position.
Page numbers from page 2, centred in the top margin (a different first-page header); the last
paragraph, the attachments (hanging under «Приложение:»), the closing, the signature and the
executor line are kept together, so a signature never stands alone on a page.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from replykit.formats.docx import stable_zip

OUT = Path(__file__).resolve().parents[1] / "templates" / "docx" / "letter.docx"
FONT = "Times New Roman"
FIXED_TIME = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
#: The hanging indent of the attachments list: room for «Приложение:» (or "Enclosures:")
#: in Times New Roman 12 pt, so every item starts at the same place.
HANG = 2.6  # cm


def _set_fonts(style_element: object, name: str) -> None:
    rpr = style_element.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), name)


def _tag(container: DocxDocument | _Cell, text: str) -> None:
    """A paragraph holding only a ``{%p … %}`` tag; docxtpl removes it when rendering."""
    container.add_paragraph(text)


def _para(
    container: DocxDocument | _Cell,
    text: str,
    *,
    align: WD_ALIGN_PARAGRAPH | None = None,
    bold: bool = False,
    size: float | None = None,
    indent: float | None = None,
    right_indent: float | None = None,
    space_before: float | None = None,
    space_after: float | None = None,
    left_indent: float | None = None,
    keep: bool = False,
) -> Paragraph:
    """A paragraph of ``text``; ``keep`` keeps it on the page of the next one and unsplit."""
    paragraph = container.add_paragraph()
    run = paragraph.add_run(text)
    run.bold = bold or None
    if size:
        run.font.size = Pt(size)
    fmt = paragraph.paragraph_format
    if align is not None:
        paragraph.alignment = align
    if indent is not None:
        fmt.first_line_indent = Cm(indent)
    if right_indent is not None:
        fmt.right_indent = Cm(right_indent)
    if space_before is not None:
        fmt.space_before = Pt(space_before)
    if space_after is not None:
        fmt.space_after = Pt(space_after)
    if left_indent is not None:
        fmt.left_indent = Cm(left_indent)
    if keep:
        fmt.keep_with_next = True
        fmt.keep_together = True
    return paragraph


def _page_numbers(doc: DocxDocument) -> None:
    """Page numbers from page 2, centred in the top margin (ГОСТ Р 7.0.97): the first page
    has a header of its own, left empty; the others a centred PAGE field."""
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    section.header_distance = Mm(10)
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "2")):
        if kind is not None:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            shown = OxmlElement("w:t")
            shown.text = text
            run._r.append(shown)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run._r.append(end)
    section.first_page_header.paragraphs[0].text = ""


def _lines(container: DocxDocument | _Cell, var: str, **style: object) -> None:
    """One paragraph per line of a block: ``{%p for line in var %}{{ line }}{%p endfor %}``."""
    _tag(container, f"{{%p for line in {var} %}}")
    _para(container, "{{ line }}", **style)  # type: ignore[arg-type]
    _tag(container, "{%p endfor %}")


def _borderless(table: object, widths: list[float]) -> None:
    tbl = table._tbl  # type: ignore[attr-defined]
    table.alignment = WD_TABLE_ALIGNMENT.LEFT  # type: ignore[attr-defined]
    table.autofit = False  # type: ignore[attr-defined]
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    tbl.tblPr.append(borders)
    margins = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), "0")
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    tbl.tblPr.append(margins)
    for row in table.rows:  # type: ignore[attr-defined]
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Cm(width)
    for column, width in zip(table.columns, widths, strict=True):  # type: ignore[attr-defined]
        column.width = Cm(width)


def _cant_split(table: object) -> None:
    """No row of ``table`` breaks across pages."""
    for row in table.rows:  # type: ignore[attr-defined]
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:cantSplit"))


def _drop_first_paragraph(cell: _Cell) -> None:
    """A new cell holds an empty paragraph; the tags go first, so remove it."""
    first = cell.paragraphs[0]
    first._element.getparent().remove(first._element)


def build() -> bytes:
    """The template's bytes."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    text_width = 21.0 - 3.0 - 1.5  # cm

    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(12)
    _set_fonts(normal.element, FONT)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    normal.paragraph_format.widow_control = True  # no first or last line alone on a page

    props = doc.core_properties
    props.author = ""
    props.last_modified_by = ""
    props.title = ""
    props.subject = ""
    props.comments = "replykit letter template (docxtpl); see README, Formal letters and files"
    props.keywords = ""
    props.category = ""
    props.revision = 1
    props.created = FIXED_TIME
    props.modified = FIXED_TIME
    props.last_printed = FIXED_TIME

    # --- requisites -------------------------------------------------------------------
    _tag(doc, "{%p if requisites and lang == 'ru' %}")
    table = doc.add_table(rows=1, cols=2)
    left_width = 8.5  # the last 0.5 cm is the gap before the addressee block
    _borderless(table, [left_width, text_width - left_width])
    left, right = table.rows[0].cells
    for cell in (left, right):
        _drop_first_paragraph(cell)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
    gap = {"right_indent": 0.5}
    _lines(left, "sender_lines", align=WD_ALIGN_PARAGRAPH.LEFT, **gap)
    _tag(left, "{%p if reference_lines %}")
    _para(left, "")
    _lines(left, "reference_lines", align=WD_ALIGN_PARAGRAPH.LEFT, **gap)
    _tag(left, "{%p endif %}")
    _para(left, "")
    _lines(right, "addressee_lines", align=WD_ALIGN_PARAGRAPH.LEFT)
    _para(right, "")
    _tag(doc, "{%p elif requisites %}")
    _lines(doc, "sender_lines", align=WD_ALIGN_PARAGRAPH.RIGHT)
    _tag(doc, "{%p if reference_lines %}")
    _para(doc, "")
    _lines(doc, "reference_lines", align=WD_ALIGN_PARAGRAPH.LEFT)
    _tag(doc, "{%p endif %}")
    _tag(doc, "{%p if addressee_lines %}")
    _para(doc, "")
    _lines(doc, "addressee_lines", align=WD_ALIGN_PARAGRAPH.LEFT)
    _tag(doc, "{%p endif %}")
    _tag(doc, "{%p endif %}")

    # --- title, greeting, text --------------------------------------------------------
    _tag(doc, "{%p if heading and lang == 'ru' %}")
    _para(
        doc,
        "{{ heading }}",
        bold=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        space_before=12,
        space_after=12,
        keep=True,
    )
    _tag(doc, "{%p elif heading %}")
    _para(doc, "{{ heading }}", bold=True, space_before=12, space_after=12, keep=True)
    _tag(doc, "{%p endif %}")
    _tag(doc, "{%p if greeting and lang == 'ru' %}")
    _para(doc, "{{ greeting }}", align=WD_ALIGN_PARAGRAPH.CENTER, space_after=6, keep=True)
    _tag(doc, "{%p elif greeting %}")
    _para(doc, "{{ greeting }}", align=WD_ALIGN_PARAGRAPH.LEFT, space_after=10, keep=True)
    _tag(doc, "{%p endif %}")
    # Russian: one paragraph per line, justified, 1.25 cm indent, no gaps (ГОСТ practice);
    # English: block paragraphs, left-aligned, a gap between them.
    # The last paragraph stays whole and on the page of what follows it (attachments,
    # closing, signature, executor, each kept with the next): a signature never stands alone.
    _tag(doc, "{%p if lang == 'ru' %}")
    _lines(doc, "body_lines_but_last", align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=1.25)
    _tag(doc, "{%p if body_last_line %}")
    _para(doc, "{{ body_last_line }}", align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=1.25, keep=True)
    _tag(doc, "{%p endif %}")
    _tag(doc, "{%p else %}")
    _tag(doc, "{%p for paragraph in body_paragraphs_but_last %}")
    _para(doc, "{{ paragraph }}", align=WD_ALIGN_PARAGRAPH.LEFT, space_after=10)
    _tag(doc, "{%p endfor %}")
    _tag(doc, "{%p if body_last_paragraph %}")
    _para(
        doc, "{{ body_last_paragraph }}", align=WD_ALIGN_PARAGRAPH.LEFT, space_after=10, keep=True
    )
    _tag(doc, "{%p endif %}")
    _tag(doc, "{%p endif %}")

    # --- attachments ------------------------------------------------------------------
    # «Приложение:» hangs: the first item after a tab at the hanging indent, the others and
    # every wrapped line aligned under it.
    _tag(doc, "{%p if attachments_label and lang == 'ru' %}")
    _para(doc, "", keep=True)
    first = _para(
        doc, "{{ attachments_label }}", align=WD_ALIGN_PARAGRAPH.LEFT, keep=True, left_indent=HANG
    )
    first.paragraph_format.first_line_indent = Cm(-HANG)
    first.paragraph_format.tab_stops.add_tab_stop(Cm(HANG))
    first.add_run().add_tab()
    first.add_run("{{ attachments_first }}")
    _lines(doc, "attachments_rest", align=WD_ALIGN_PARAGRAPH.LEFT, keep=True, left_indent=HANG)
    _tag(doc, "{%p elif attachments_lines %}")
    _para(doc, "", keep=True)
    _lines(doc, "attachments_lines", align=WD_ALIGN_PARAGRAPH.LEFT, keep=True)
    _tag(doc, "{%p endif %}")

    # --- signature --------------------------------------------------------------------
    _tag(doc, "{%p if signature_name and lang == 'ru' %}")
    _para(doc, "", keep=True)
    _para(doc, "{{ closing }}", space_after=12, keep=True)
    sign = doc.add_table(rows=1, cols=3)
    position_width, line_width = 8.0, 4.0
    _borderless(sign, [position_width, line_width, text_width - position_width - line_width])
    position, line, name = sign.rows[0].cells
    for cell in (position, line, name):
        _drop_first_paragraph(cell)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
    # The signature row stays with the executor line below it (Word and LibreOffice keep a
    # table row with the next paragraph when its paragraphs are kept with the next).
    keep = {"keep": True}
    _lines(position, "signature_position", align=WD_ALIGN_PARAGRAPH.LEFT, **keep)
    _para(line, "{{ signature_line }}", align=WD_ALIGN_PARAGRAPH.CENTER, **keep)
    _para(name, "{{ signature_name }}", align=WD_ALIGN_PARAGRAPH.RIGHT, **keep)
    _cant_split(sign)
    _tag(doc, "{%p elif signature_name %}")
    _para(doc, "", **keep)
    _para(doc, "{{ closing }}", **keep)
    _para(doc, "", **keep)
    _para(doc, "{{ signature_line }}", **keep)
    _para(doc, "{{ signature_name }}", **keep)
    _lines(doc, "signature_position", align=WD_ALIGN_PARAGRAPH.LEFT, **keep)
    _tag(doc, "{%p elif signature_lines %}")
    _para(doc, "", **keep)
    _lines(doc, "signature_lines", align=WD_ALIGN_PARAGRAPH.LEFT, **keep)
    _tag(doc, "{%p endif %}")

    # --- executor ---------------------------------------------------------------------
    _tag(doc, "{%p if executor %}")
    _para(doc, "", **keep)
    _para(doc, "", **keep)
    _para(doc, "{{ executor }}", size=10)
    _tag(doc, "{%p endif %}")

    _page_numbers(doc)

    # A line break inside a justified paragraph must not stretch the line before it.
    compat = doc.settings.element.find(qn("w:compat"))
    if compat is None:
        compat = OxmlElement("w:compat")
        doc.settings.element.append(compat)
    compat.insert(0, OxmlElement("w:doNotExpandShiftReturn"))

    raw = io.BytesIO()
    doc.save(raw)
    return stable_zip(raw.getvalue())


def main(argv: list[str]) -> int:
    """Write the template (to ``argv[0]`` when given, else ``templates/docx/letter.docx``)."""
    target = Path(argv[0]) if argv else OUT
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(build())
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
