"""The building blocks of a Word document laid out by Nghị định 30/2020 (Phụ lục I), shared by
every document kstthc writes in Word (the periodic report, the decision issuing the plan): page
setup and styles, paragraphs and runs, rules, the two-column header, the signature block with
Nơi nhận, landscape sections. One implementation, so both documents look alike.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from datetime import date

    from kstthc_cli.compute.report import Header, Signature

FONT = "Times New Roman"
BODY_PT = 14
#: Inside NĐ 30's ranges (top and bottom 20–25 mm, left 30–35, right 15–20) even after Word
#: rounds them to twentieths of a point.
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 16}
PAGE_MM = (210, 297)
TEXT_WIDTH_MM = PAGE_MM[0] - MARGINS_MM["left"] - MARGINS_MM["right"]
TEXT_HEIGHT_MM = PAGE_MM[1] - MARGINS_MM["top"] - MARGINS_MM["bottom"]
#: A landscape page keeps NĐ 30's margins (left 30–35 mm, right 15–20): 297 − 30 − 16 mm wide.
LANDSCAPE_WIDTH_MM = PAGE_MM[1] - MARGINS_MM["left"] - MARGINS_MM["right"]
FIRST_LINE_CM = 1.27
HEADER_COLUMNS_MM = (68, 96)
SIGNATURE_COLUMNS_MM = (80, 84)
#: Heading 1–3 restyled to NĐ 30: (size in pt, bold, italic).
HEADING_STYLES = {1: (BODY_PT, True, False), 2: (BODY_PT, True, False), 3: (BODY_PT, True, True)}


# ---------------------------------------------------------------- page and styles


def set_fonts(rpr: Any) -> None:
    """Times New Roman for every script, theme fonts removed (they would win over it)."""
    from docx.oxml.ns import qn

    fonts = rpr.get_or_add_rFonts()  # python-docx keeps the schema's element order
    for attr in list(fonts.attrib):
        if attr.endswith("Theme") or attr.endswith("theme"):
            del fonts.attrib[attr]
    for name in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{name}"), FONT)


def styles(doc: Any) -> None:
    from docx.enum.text import WD_LINE_SPACING
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    styles_el = doc.styles.element
    defaults = styles_el.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_fonts(rpr)
    for tag in ("w:sz", "w:szCs"):
        el = rpr.find(qn(tag))
        if el is not None:
            el.set(qn("w:val"), str(BODY_PT * 2))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "vi-VN")
    lang.set(qn("w:eastAsia"), "vi-VN")
    ppr_default = defaults.find(qn("w:pPrDefault"))
    spacing = (
        ppr_default.find(qn("w:pPr")).find(qn("w:spacing")) if ppr_default is not None else None
    )
    if spacing is not None:  # the template's 10 pt after and 1.15 lines: single, none after
        spacing.set(qn("w:after"), "0")
        spacing.set(qn("w:line"), "240")
    # Every style names Times New Roman itself, so no style falls back to a theme font.
    for style_el in styles_el.findall(qn("w:style")):
        style_rpr = style_el.get_or_add_rPr()
        set_fonts(style_rpr)
        color = style_rpr.find(qn("w:color"))
        if color is not None:
            color.set(qn("w:val"), "000000")
            for attr in list(color.attrib):
                if attr.endswith("themeColor") or attr.endswith("themeShade"):
                    del color.attrib[attr]

    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    fmt = normal.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    heading_styles(doc)


def heading_styles(doc: Any) -> None:
    """Word's Heading 1–3 as NĐ 30 wants the report's headings: Times New Roman, black, bold
    (level 3 bold italic), the body's size, justified with the body's first-line indent, kept
    with what follows; their outline levels keep Word's navigation pane and table of contents."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Cm, Pt, RGBColor

    for level, (size, bold, italic) in HEADING_STYLES.items():
        style = doc.styles[f"Heading {level}"]
        style.font.name = FONT
        style.font.size = Pt(size)
        style.font.bold = bold
        style.font.italic = italic
        style.font.color.rgb = RGBColor(0, 0, 0)
        set_fonts(style.element.get_or_add_rPr())
        fmt = style.paragraph_format
        fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        fmt.first_line_indent = Cm(FIRST_LINE_CM)
        fmt.left_indent = Pt(0)
        fmt.space_before = Pt(6)
        fmt.space_after = Pt(6)
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
        fmt.keep_with_next = True
        fmt.keep_together = True


def portrait_page(doc: Any) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    section.top_margin = Mm(MARGINS_MM["top"])
    section.bottom_margin = Mm(MARGINS_MM["bottom"])
    section.left_margin = Mm(MARGINS_MM["left"])
    section.right_margin = Mm(MARGINS_MM["right"])
    section.header_distance = Mm(10)
    section.footer_distance = Mm(10)
    # Page numbers centred in the top margin, none on page 1.
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False
    header = section.header
    header.is_linked_to_previous = False
    para = header.paragraphs[0] if header.paragraphs else header.add_paragraph()
    centre(para)
    _page_field(para)


def _page_field(para: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def piece(kind: str | None = None, instr: str | None = None, text: str | None = None) -> None:
        run = para.add_run()
        font(run, BODY_PT)
        if kind is not None:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
            run._r.append(el)
        elif instr is not None:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = instr
            run._r.append(el)
        elif text is not None:
            run.text = text

    piece("begin")
    piece(instr=" PAGE ")
    piece("separate")
    piece(text="2")
    piece("end")


# ---------------------------------------------------------------- small helpers


def properties(
    doc: Any, *, title: str, subject: str, author: str, keywords: str, day: date
) -> None:
    """The file's properties: its title and subject, the issuing body as author, Vietnamese,
    made and modified at 08:00 on ``day`` (so a file says the same every time it is made)."""
    import datetime as dt

    from kstthc_cli.render.textfmt import printable

    props = doc.core_properties
    props.title = printable(title)
    props.subject = printable(subject)
    props.author = printable(author)
    props.language = "vi-VN"
    props.keywords = keywords
    props.comments = "Lập bằng kstthc"
    props.created = props.modified = dt.datetime.combine(day, dt.time(8, 0))
    props.last_modified_by = printable(author)
    props.revision = 1


def font(run: Any, size: float, bold: bool = False, italic: bool = False) -> None:
    from docx.shared import Pt

    run.font.name = FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    set_fonts(run._r.get_or_add_rPr())


def centre(para: Any) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    para.paragraph_format.first_line_indent = Pt(0)


def paragraph(
    container: Any,
    text: str,
    size: float = BODY_PT,
    *,
    bold: bool = False,
    italic: bool = False,
    align: str = "justify",
    indent: bool = True,
    after: float = 6,
    before: float = 0,
    keep_next: bool = False,
) -> Any:
    """A paragraph of one style of text (body by default: justified, first-line indent)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Cm, Pt

    para = container.add_paragraph()
    para.alignment = {
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "left": WD_ALIGN_PARAGRAPH.LEFT,
    }[align]
    fmt = para.paragraph_format
    fmt.first_line_indent = Cm(FIRST_LINE_CM) if indent else Pt(0)
    fmt.space_after = Pt(after)
    fmt.space_before = Pt(before)
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    fmt.keep_with_next = keep_next
    if text:
        runs(para, text, size, bold=bold, italic=italic)
    return para


_INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*\s][^*]*\*)")


def runs(para: Any, text: str, size: float, *, bold: bool = False, italic: bool = False) -> None:
    """Text as runs; ``**bold**`` and ``*italic*`` of the officer's narrative become real,
    a newline a line break; control characters (which Word refuses) are left out."""
    from kstthc_cli.render.textfmt import printable

    for k, line in enumerate(printable(text).split("\n")):
        if k:
            para.add_run().add_break()
        _inline(para, line, size, bold=bold, italic=italic)


def _inline(para: Any, text: str, size: float, *, bold: bool, italic: bool) -> None:
    for piece in _INLINE.split(text):
        if not piece:
            continue
        if piece.startswith("**") and piece.endswith("**") and len(piece) > 4:
            font(para.add_run(piece[2:-2]), size, bold=True, italic=italic)
        elif piece.startswith("*") and piece.endswith("*") and len(piece) > 2:
            font(para.add_run(piece[1:-1]), size, bold=bold, italic=True)
        else:
            font(para.add_run(piece), size, bold=bold, italic=italic)


def rule(
    container: Any, length_mm: float, width_mm: float, after: float = 0, before: float = 0
) -> Any:
    """A short horizontal rule, centred in ``width_mm``: the bottom border of an empty, tiny
    paragraph indented from both sides; ``before`` keeps it off the descenders of the line above
    (with none it reads as an underline of that line)."""
    from docx.enum.text import WD_LINE_SPACING
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    para = container.add_paragraph()
    fmt = para.paragraph_format
    side = max((width_mm - length_mm) / 2, 0)
    fmt.left_indent = Mm(side)
    fmt.right_indent = Mm(side)
    fmt.first_line_indent = Pt(0)
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(2)
    ppr = para._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    bottom.set(qn("w:val"), "single")
    bottom.set(qn("w:sz"), "6")
    bottom.set(qn("w:space"), "1")
    bottom.set(qn("w:color"), "000000")
    borders.append(bottom)
    insert_before(ppr, borders, ("w:shd", "w:tabs", "w:spacing", "w:ind", "w:jc", "w:rPr"))
    mark = OxmlElement("w:rPr")
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "4")
    mark.append(size)
    ppr.append(mark)
    return para


def insert_before(parent: Any, child: Any, later: tuple[str, ...]) -> None:
    """Insert ``child`` where the schema's order wants it: before the first of ``later``
    present (Word refuses a file whose elements are out of order)."""
    from docx.oxml.ns import qn

    for tag in later:
        found = parent.find(qn(tag))
        if found is not None:
            found.addprevious(child)
            return
    parent.append(child)


def balanced(text: str, size: float, bold: bool, width_mm: float) -> str:
    """A name too long for its column, broken where its two lines come out most even
    ("ỦY BAN NHÂN DÂN / HUYỆN TRÀ BỒNG") rather than wherever Word runs out of room."""
    if text_width_mm(text, size, bold) <= width_mm or " " not in text:
        return text
    words = text.split()
    best = min(
        range(1, len(words)),
        key=lambda k: max(
            text_width_mm(" ".join(words[:k]), size, bold),
            text_width_mm(" ".join(words[k:]), size, bold),
        ),
    )
    return " ".join(words[:best]) + "\n" + " ".join(words[best:])


def text_width_mm(text: str, size: float, bold: bool = False) -> float:
    """Roughly how wide ``text`` prints in Times New Roman (for the length of a rule)."""
    em = 0.0
    for ch in text:
        if ch == " ":
            em += 0.25
        elif ch in "-.,:;'|!":
            em += 0.3
        elif ch.isupper():
            em += 0.72 if bold else 0.68
        elif ch.isdigit():
            em += 0.5
        else:
            em += 0.47 if bold else 0.44
    return em * size * 25.4 / 72


def borderless_table(doc: Any, widths_mm: tuple[float, ...]) -> Any:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm

    table = doc.add_table(rows=1, cols=len(widths_mm))
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    insert_before(tbl_pr, borders, ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook"))
    widths(table, widths_mm)
    for cell, width in zip(table.rows[0].cells, widths_mm, strict=True):
        cell.width = Mm(width)
    return table


def widths(table: Any, widths_mm: tuple[float, ...]) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Mm

    grid = table._tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths_mm, strict=True):
        col.set(qn("w:w"), str(int(Mm(width).twips)))
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)


def _cell_paragraph(cell: Any, first: bool) -> Any:
    """The cell's own empty paragraph for its first line, a new one after."""
    return cell.paragraphs[0] if first else cell.add_paragraph()


def cell_text(
    cell: Any,
    text: str,
    size: float,
    *,
    first: bool,
    bold: bool = False,
    italic: bool = False,
    align: str = "center",
    after: float = 0,
    before: float = 0,
) -> Any:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    para = _cell_paragraph(cell, first)
    para.alignment = {
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    }[align]
    fmt = para.paragraph_format
    fmt.first_line_indent = Pt(0)
    fmt.space_after = Pt(after)
    fmt.space_before = Pt(before)
    runs(para, text, size, bold=bold, italic=italic)
    return para


def header_block(doc: Any, h: Header) -> None:
    """The two columns of NĐ 30's header, each rule as long as NĐ 30 asks."""
    table = borderless_table(doc, HEADER_COLUMNS_MM)
    left, right = table.rows[0].cells
    inner_left = HEADER_COLUMNS_MM[0] - 3.8  # cell margins 0.19 cm each side
    inner_right = HEADER_COLUMNS_MM[1] - 3.8

    first = True
    if h.parent_body:
        cell_text(left, balanced(h.parent_body, 13, False, inner_left), 13, first=True)
        first = False
    issuer = balanced(h.issuing_body, 13, True, inner_left)
    cell_text(left, issuer, 13, first=first, bold=True)
    # "Short rule": a third to a half of the line of text above it.
    last_line = issuer.split("\n")[-1]
    longest = min(text_width_mm(last_line, 13, bold=True), inner_left)
    rule(left, max(longest * 0.45, 12), inner_left, after=6)
    cell_text(left, h.number, 13, first=False)

    cell_text(right, h.country, 12.5, first=True, bold=True)
    cell_text(right, h.motto, 13.5, first=False, bold=True)
    # Under the motto, a rule as long as the motto.
    rule(right, min(text_width_mm(h.motto, 13.5, bold=True), inner_right), inner_right, after=6)
    cell_text(right, h.place_date, 14, first=False, italic=True)


def no_split() -> Any:
    from docx.oxml import OxmlElement

    return OxmlElement("w:cantSplit")


def keep_rows(table: Any, header_rows: int) -> None:
    """No row splits across pages; the first ``header_rows`` repeat on each page."""
    from docx.oxml import OxmlElement

    for k, row in enumerate(table.rows):
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.append(no_split())
        if k < header_rows:
            tr_pr.append(OxmlElement("w:tblHeader"))


def signature_block(doc: Any, sig: Signature, recipients: list[str]) -> None:
    """Nơi nhận at left, level with the signer's title at right, on one page with the
    closing sentence: every paragraph up to the table's last is kept with the next."""
    paragraph(doc, "", after=6, keep_next=True)
    table = borderless_table(doc, SIGNATURE_COLUMNS_MM)
    table.rows[0]._tr.get_or_add_trPr().append(no_split())
    left, right = table.rows[0].cells
    cell_text(left, "Nơi nhận:", 12, first=True, bold=True, italic=True, align="left")
    for line in recipients:
        cell_text(left, f"- {line}", 11, first=False, align="left")
    first = True
    for line in sig.lines:
        cell_text(right, line, BODY_PT, first=first, bold=True)
        first = False
    for _ in range(4):  # room for the signature and the seal
        cell_text(right, "", BODY_PT, first=False)
    if sig.name:
        cell_text(right, sig.name, BODY_PT, first=False, bold=True)
    for cell in (left, right):
        for para in cell.paragraphs:
            para.paragraph_format.keep_with_next = True
            para.paragraph_format.keep_together = True


def new_section(doc: Any, *, landscape: bool) -> None:
    """A new section on a new page, A4 portrait or landscape, numbered from its first page."""
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.shared import Mm

    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.different_first_page_header_footer = False  # numbered from its first page
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(PAGE_MM[1]), Mm(PAGE_MM[0])
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    # NĐ 30's margins on every page, landscape too (left is the bound edge either way).
    section.top_margin = Mm(MARGINS_MM["top"])
    section.bottom_margin = Mm(MARGINS_MM["bottom"])
    section.left_margin = Mm(MARGINS_MM["left"])
    section.right_margin = Mm(MARGINS_MM["right"])
