"""The report as a Word file laid out by Nghị định 30/2020 (Phụ lục I), written with python-docx.

No template .docx and no external program: page, fonts, the two-column header with its rules,
page numbers from page 2, the indicator table and the signature block are built here from the
same ``Report`` context the Markdown template formats.
"""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kstthc_cli.compute.report import Header, Report, Signature

FONT = "Times New Roman"
BODY_PT = 14
#: Inside NĐ 30's ranges (top and bottom 20–25 mm, left 30–35, right 15–20) even after Word
#: rounds them to twentieths of a point.
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 16}
PAGE_MM = (210, 297)
TEXT_WIDTH_MM = PAGE_MM[0] - MARGINS_MM["left"] - MARGINS_MM["right"]
FIRST_LINE_CM = 1.27
HEADER_COLUMNS_MM = (68, 96)
SIGNATURE_COLUMNS_MM = (80, 84)
#: Số · Chỉ tiêu · Tử số / mẫu số · Mục tiêu · Kỳ này · Lũy kế · Đánh giá (landscape width).
INDICATOR_COLUMNS_MM = (12, 70, 80, 20, 28, 28, 24)
#: Heading 1–3 restyled to NĐ 30: (size in pt, bold, italic).
HEADING_STYLES = {1: (BODY_PT, True, False), 2: (BODY_PT, True, False), 3: (BODY_PT, True, True)}
#: A landscape page for the dossier table: margins and the text width left.
LANDSCAPE_MARGINS_MM = {"top": 20, "bottom": 20, "left": 20, "right": 15}
LANDSCAPE_WIDTH_MM = PAGE_MM[1] - LANDSCAPE_MARGINS_MM["left"] - LANDSCAPE_MARGINS_MM["right"]
#: STT · Lĩnh vực · the eleven counts (3)…(13).
DOSSIER_COLUMNS_MM = (12, 52, *(18,) * 11)
#: STT · Mã hồ sơ · Lĩnh vực, thủ tục · Ngày tiếp nhận · hẹn trả · có kết quả · Nguyên nhân.
LATE_COLUMNS_MM = (12, 35, 80, 27, 27, 27, 54)


def docx_bytes(report: Report) -> bytes:
    """The Word file's bytes (written whole by the caller)."""
    from docx import Document

    doc = Document()
    _styles(doc)
    _page(doc)
    _properties(doc, report)
    header_block(doc, report.header)
    _title(doc, report)
    _body(doc, report)
    signature_block(doc, report.signature, report.recipients)
    _appendices(doc, report)
    chart_appendix(doc, report.chart)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


# ---------------------------------------------------------------- page and styles


def _set_fonts(rpr: Any) -> None:
    """Times New Roman for every script, theme fonts removed (they would win over it)."""
    from docx.oxml.ns import qn

    fonts = rpr.get_or_add_rFonts()  # python-docx keeps the schema's element order
    for attr in list(fonts.attrib):
        if attr.endswith("Theme") or attr.endswith("theme"):
            del fonts.attrib[attr]
    for name in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{name}"), FONT)


def _styles(doc: Any) -> None:
    from docx.enum.text import WD_LINE_SPACING
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    styles_el = doc.styles.element
    defaults = styles_el.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(rpr)
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
        _set_fonts(style_rpr)
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
    _heading_styles(doc)


def _heading_styles(doc: Any) -> None:
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
        _set_fonts(style.element.get_or_add_rPr())
        fmt = style.paragraph_format
        fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        fmt.first_line_indent = Cm(FIRST_LINE_CM)
        fmt.left_indent = Pt(0)
        fmt.space_before = Pt(6)
        fmt.space_after = Pt(6)
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
        fmt.keep_with_next = True
        fmt.keep_together = True


def _page(doc: Any) -> None:
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
    _centre(para)
    _page_field(para)


def _page_field(para: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def piece(kind: str | None = None, instr: str | None = None, text: str | None = None) -> None:
        run = para.add_run()
        _font(run, BODY_PT)
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


def _properties(doc: Any, report: Report) -> None:
    import datetime as dt

    props = doc.core_properties
    from kstthc_cli.render.textfmt import printable

    props.title = printable(f"{report.title} {report.summary}")
    props.subject = printable(report.summary)
    props.author = printable(report.header.issuing_body)
    props.language = "vi-VN"
    props.keywords = "kiểm soát thủ tục hành chính; báo cáo định kỳ"
    props.comments = "Lập bằng kstthc"
    moment = dt.datetime.combine(report.report_date, dt.time(8, 0))
    props.created = props.modified = moment
    props.last_modified_by = printable(report.header.issuing_body)
    props.revision = 1


# ---------------------------------------------------------------- small helpers


def _font(run: Any, size: float, bold: bool = False, italic: bool = False) -> None:
    from docx.shared import Pt

    run.font.name = FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    _set_fonts(run._r.get_or_add_rPr())


def _centre(para: Any) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    para.paragraph_format.first_line_indent = Pt(0)


def _text(
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
        _runs(para, text, size, bold=bold, italic=italic)
    return para


_INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*\s][^*]*\*)")


def _runs(para: Any, text: str, size: float, *, bold: bool = False, italic: bool = False) -> None:
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
            _font(para.add_run(piece[2:-2]), size, bold=True, italic=italic)
        elif piece.startswith("*") and piece.endswith("*") and len(piece) > 2:
            _font(para.add_run(piece[1:-1]), size, bold=bold, italic=True)
        else:
            _font(para.add_run(piece), size, bold=bold, italic=italic)


def _rule(container: Any, length_mm: float, width_mm: float, after: float = 0) -> Any:
    """A short horizontal rule, centred in ``width_mm``: the bottom border of an empty, tiny
    paragraph indented from both sides."""
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
    fmt.space_before = Pt(0)
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
    _insert_before(ppr, borders, ("w:shd", "w:tabs", "w:spacing", "w:ind", "w:jc", "w:rPr"))
    mark = OxmlElement("w:rPr")
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "4")
    mark.append(size)
    ppr.append(mark)
    return para


def _insert_before(parent: Any, child: Any, later: tuple[str, ...]) -> None:
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


def _borderless_table(doc: Any, widths_mm: tuple[float, ...]) -> Any:
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
    _insert_before(tbl_pr, borders, ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook"))
    _widths(table, widths_mm)
    for cell, width in zip(table.rows[0].cells, widths_mm, strict=True):
        cell.width = Mm(width)
    return table


def _widths(table: Any, widths_mm: tuple[float, ...]) -> None:
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


def _cell_text(
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
    _runs(para, text, size, bold=bold, italic=italic)
    return para


# ---------------------------------------------------------------- the document's parts


def header_block(doc: Any, h: Header) -> None:
    """The two columns of NĐ 30's header, each rule as long as NĐ 30 asks."""
    table = _borderless_table(doc, HEADER_COLUMNS_MM)
    left, right = table.rows[0].cells
    inner_left = HEADER_COLUMNS_MM[0] - 3.8  # cell margins 0.19 cm each side
    inner_right = HEADER_COLUMNS_MM[1] - 3.8

    first = True
    if h.parent_body:
        _cell_text(left, balanced(h.parent_body, 13, False, inner_left), 13, first=True)
        first = False
    issuer = balanced(h.issuing_body, 13, True, inner_left)
    _cell_text(left, issuer, 13, first=first, bold=True)
    # "Short rule": a third to a half of the line of text above it.
    last_line = issuer.split("\n")[-1]
    longest = min(text_width_mm(last_line, 13, bold=True), inner_left)
    _rule(left, max(longest * 0.45, 12), inner_left, after=6)
    _cell_text(left, h.number, 13, first=False)

    _cell_text(right, h.country, 12.5, first=True, bold=True)
    _cell_text(right, h.motto, 13.5, first=False, bold=True)
    # Under the motto, a rule as long as the motto.
    _rule(right, min(text_width_mm(h.motto, 13.5, bold=True), inner_right), inner_right, after=6)
    _cell_text(right, h.place_date, 14, first=False, italic=True)


def _title(doc: Any, report: Report) -> None:
    _text(doc, report.title, BODY_PT, bold=True, align="center", indent=False, before=18, after=0)
    _text(doc, report.summary, BODY_PT, bold=True, align="center", indent=False, after=0)
    width = min(text_width_mm(report.summary, BODY_PT, bold=True), TEXT_WIDTH_MM)
    _rule(doc, max(width / 3, 25), TEXT_WIDTH_MM, after=6)
    window = report.window
    if report.estimate:
        window += f" ({report.estimate[:1].lower()}{report.estimate[1:]})"
    _text(doc, window, BODY_PT, italic=True, align="center", indent=False, after=12)
    _text(doc, f"Kính gửi: {report.recipient}.", BODY_PT, align="center", indent=False, after=12)
    _text(doc, report.intro)


def _heading(doc: Any, text: str, level: int) -> Any:
    """A heading in Word's Heading ``level`` style (restyled to NĐ 30 in ``_heading_styles``),
    so the navigation pane and a table of contents list it."""
    para = doc.add_paragraph(style=f"Heading {level}")
    size, bold, italic = HEADING_STYLES[level]
    _runs(para, text, size, bold=bold, italic=italic)
    return para


def _label(doc: Any, text: str) -> None:
    _text(doc, text, BODY_PT, italic=True, keep_next=True)


def _items(doc: Any, lines: list[str]) -> None:
    for line in lines:
        _text(doc, f"- {line}")


def _task_lines(doc: Any, lines: list[Any]) -> None:
    """Each task once: its one line, or its name and a "+" line per thing said of it."""
    for t in lines:
        if t.text is not None:
            _text(doc, f"- {t.text}")
            continue
        _text(doc, f"- {t.task}:", keep_next=True)
        for line in t.lines:
            _text(doc, f"+ {line}")


def _body(doc: Any, report: Report) -> None:
    parts = report.parts
    _heading(doc, f"{parts['results'].number}. {parts['results'].title}", 1)
    for h in report.headings:
        _heading(doc, f"{h.number}. {h.title}", 2)
        for sentence in h.figures:
            _text(doc, sentence)
        if h.done:
            _label(doc, "Kết quả thực hiện trong kỳ:")
            _task_lines(doc, h.done)
        if h.open:
            _label(doc, "Việc chưa hoàn thành:")
            _task_lines(doc, h.open)
        if h.ongoing_text:
            _text(doc, h.ongoing_text)
        if h.empty:
            _text(doc, "Trong kỳ chưa ghi nhận kết quả thực hiện.")

    if report.assessment is not None and "assessment" in parts:
        _heading(doc, f"{parts['assessment'].number}. {parts['assessment'].title}", 1)
        _officer(doc, report.assessment)

    short = report.shortcomings
    _heading(doc, f"{parts['shortcomings'].number}. {parts['shortcomings'].title}", 1)
    if short.nothing:
        _text(
            doc,
            "Trong kỳ không có nhiệm vụ quá hạn, không có chỉ tiêu chưa đạt, không có hồ sơ "
            "quá hạn.",
        )
    else:
        if short.overdue:
            _label(doc, "Nhiệm vụ quá hạn:")
            _items(doc, [e.text for e in short.overdue])
        else:
            _text(doc, "Không có nhiệm vụ quá hạn.")
        if short.unmet:
            _label(doc, "Chỉ tiêu chưa đạt:")
            _items(doc, [i.summary for i in short.unmet])
        else:
            _text(doc, "Không có chỉ tiêu chưa đạt.")
        if short.late_text:
            _text(doc, short.late_text)
        if short.causes is not None:
            _label(doc, "Nguyên nhân:")
            _officer(doc, short.causes)

    nxt = report.next_period
    _heading(doc, f"{parts['next'].number}. {parts['next'].title}", 1)
    _text(doc, nxt.text)
    _items(doc, [e.text for e in nxt.tasks] + list(nxt.actions))

    _heading(doc, f"{parts['proposals'].number}. {parts['proposals'].title}", 1)
    if report.proposals is not None:
        _officer(doc, report.proposals)
    else:
        _text(doc, "Không có đề xuất, kiến nghị.")
    # The closing sentence, kept with the signature block that follows (keep-with-next chain).
    _text(doc, report.closing, keep_next=True)


def _officer(doc: Any, words: Any) -> None:
    """The officer's paragraphs, items and headings, bold and italic kept, nothing cut."""
    for block in words.blocks:
        if block.kind == "heading":
            para = doc.add_paragraph(style="Heading 3")
        else:
            para = _text(doc, "- " if block.kind == "item" else "")
        for run in block.runs:
            bold = run.bold or block.kind == "heading"
            italic = run.italic or block.kind == "heading"
            _font(para.add_run(_clean(run.text)), BODY_PT, bold=bold, italic=italic)


def _clean(text: str) -> str:
    from kstthc_cli.render.textfmt import printable

    return printable(text).replace("\n", " ")


def _no_split() -> Any:
    from docx.oxml import OxmlElement

    return OxmlElement("w:cantSplit")


def _keep_rows(table: Any, header_rows: int) -> None:
    """No row splits across pages; the first ``header_rows`` repeat on each page."""
    from docx.oxml import OxmlElement

    for k, row in enumerate(table.rows):
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.append(_no_split())
        if k < header_rows:
            tr_pr.append(OxmlElement("w:tblHeader"))


def signature_block(doc: Any, sig: Signature, recipients: list[str]) -> None:
    """Nơi nhận at left, level with the signer's title at right, on one page with the
    closing sentence: every paragraph up to the table's last is kept with the next."""
    _text(doc, "", after=6, keep_next=True)
    table = _borderless_table(doc, SIGNATURE_COLUMNS_MM)
    table.rows[0]._tr.get_or_add_trPr().append(_no_split())
    left, right = table.rows[0].cells
    _cell_text(left, "Nơi nhận:", 12, first=True, bold=True, italic=True, align="left")
    for line in recipients:
        _cell_text(left, f"- {line}", 11, first=False, align="left")
    first = True
    for line in sig.lines:
        _cell_text(right, line, BODY_PT, first=first, bold=True)
        first = False
    for _ in range(4):  # room for the signature and the seal
        _cell_text(right, "", BODY_PT, first=False)
    if sig.name:
        _cell_text(right, sig.name, BODY_PT, first=False, bold=True)
    for cell in (left, right):
        for para in cell.paragraphs:
            para.paragraph_format.keep_with_next = True
            para.paragraph_format.keep_together = True


def chart_appendix(doc: Any, png: bytes | None) -> None:
    """The indicators' chart (``report --charts``) on a page of its own after Nơi nhận."""
    if png is None:
        return
    from docx.shared import Mm

    label = _text(doc, "Phụ lục", BODY_PT, bold=True, align="center", indent=False, after=0)
    label.paragraph_format.page_break_before = True
    _text(doc, "BIỂU ĐỒ CHỈ TIÊU", BODY_PT, bold=True, align="center", indent=False, after=6)
    picture = _text(doc, "", align="center", indent=False)
    picture.add_run().add_picture(io.BytesIO(png), width=Mm(TEXT_WIDTH_MM))


# ---------------------------------------------------------------- appendices


def _appendices(doc: Any, report: Report) -> None:
    """The appendices after the signature, on landscape pages (the dossier table's thirteen
    columns), each from a new page."""
    _new_section(doc, landscape=True)
    first = True
    if report.dossiers is not None:
        _dossier_table(doc, report.dossiers, first)
        first = False
    _indicator_appendix(doc, report, first)
    if report.late is not None:
        from kstthc_cli.compute.report import LATE_COLUMNS

        late = report.late
        _appendix_title(doc, late.number, late.title, late.subtitle, False)
        rows = [list(r) for r in late.rows]
        _grid(doc, [list(LATE_COLUMNS)], rows, LATE_COLUMNS_MM, left_columns=(1, 2, 6))


def _new_section(doc: Any, *, landscape: bool) -> None:
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.shared import Mm

    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.different_first_page_header_footer = False  # numbered from its first page
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(PAGE_MM[1]), Mm(PAGE_MM[0])
        margins = LANDSCAPE_MARGINS_MM
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
        margins = MARGINS_MM
    section.top_margin = Mm(margins["top"])
    section.bottom_margin = Mm(margins["bottom"])
    section.left_margin = Mm(margins["left"])
    section.right_margin = Mm(margins["right"])


def _appendix_title(doc: Any, number: str, title: str, subtitle: str, first: bool) -> None:
    para = doc.add_paragraph(style="Heading 1")
    _centre(para)
    para.paragraph_format.page_break_before = not first
    _runs(para, f"PHỤ LỤC {number}\n{title}", BODY_PT, bold=True)
    _text(doc, subtitle, 13, italic=True, align="center", indent=False, after=6, keep_next=True)


def _grid(
    doc: Any,
    heads: list[list[str]],
    rows: list[list[str]],
    widths_mm: tuple[float, ...],
    *,
    size: float = 12,
    left_columns: tuple[int, ...] = (1,),
    bold_last: bool = False,
) -> Any:
    """A bordered table: its header rows bold and repeated on each page, no row split."""
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
    from docx.shared import Mm

    table = doc.add_table(rows=0, cols=len(widths_mm))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _widths(table, widths_mm)
    for k, values in enumerate([*heads, *rows]):
        cells = table.add_row().cells
        head = k < len(heads)
        bold = head or (bold_last and k == len(heads) + len(rows) - 1)
        for c, (cell, value) in enumerate(zip(cells, values, strict=True)):
            align = "left" if (c in left_columns and not head) else "center"
            _cell_text(cell, value, size, first=True, bold=bold, align=align, before=2, after=2)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    _keep_rows(table, len(heads))
    return table


def _dossier_table(doc: Any, a: Any, first: bool) -> None:
    """Biểu 06's layout: STT and Lĩnh vực over two header rows, the three groups over their
    columns, then the columns' numbers (1)…(13)."""
    _appendix_title(doc, a.number, a.title, a.subtitle, first)
    top_row = ["STT", "Lĩnh vực"]
    for label, span in a.groups:
        top_row += [label] * span
    second = ["STT", "Lĩnh vực", *a.columns]
    numbers = [f"({k})" for k in range(1, len(second) + 1)]
    rows = [[stt, name, *counts] for stt, name, counts in a.rows]
    rows.append(["", "Tổng cộng", *a.total])
    table = _grid(
        doc, [top_row, second, numbers], rows, DOSSIER_COLUMNS_MM, size=11, bold_last=True
    )
    # Merge the repeated labels: STT and Lĩnh vực down two rows, each group across its columns.
    top, sub = table.rows[0].cells, table.rows[1].cells
    for col in (0, 1):
        text = top[col].text
        merged = top[col].merge(sub[col])
        _reset(merged, text, bold=True)
    start = 2
    for label, span in a.groups:
        merged = top[start].merge(top[start + span - 1])
        _reset(merged, label, bold=True)
        start += span
    if a.notes:
        _text(doc, "Ghi chú (lý do số liệu của hệ thống không cân):", 12, italic=True, before=6)
        from kstthc_cli.render.textfmt import printable

        for note in a.notes:  # the officer's words as written: no * read as italics
            para = _text(doc, "", 12, after=3)
            _font(para.add_run(printable(f"- {note}")), 12, italic=True)


def _reset(cell: Any, text: str, *, bold: bool) -> None:
    """A merged cell keeps each part's paragraph: one paragraph of ``text`` instead."""
    for extra in cell.paragraphs[1:]:
        extra._p.getparent().remove(extra._p)
    para = cell.paragraphs[0]
    for run in list(para.runs):
        run._r.getparent().remove(run._r)
    _runs(para, text, 11, bold=bold)


def _indicator_appendix(doc: Any, report: Report, first: bool) -> None:
    a = report.indicator_appendix
    _appendix_title(doc, a.number, a.title, a.subtitle, first)
    heads = ["Số", "Chỉ tiêu", "Tử số / mẫu số (cách tính)", "Mục tiêu", "Kỳ này", "Lũy kế"]
    heads.append("Đánh giá")
    rows = []
    for ind in report.indicators:
        ratio = f"{ind.numerator} / {ind.denominator}" if ind.numerator else ""
        if ind.formula:
            ratio += ("\n" if ratio else "") + f"Cách tính: {ind.formula}"
        period = ind.period + (f"\n({ind.period_detail})" if ind.period_detail else "")
        ytd = ind.ytd + (f"\n({ind.ytd_detail})" if ind.ytd_detail else "")
        rows.append([ind.id, ind.name, ratio, ind.target, period, ytd, ind.verdict])
    _grid(doc, [heads], rows, INDICATOR_COLUMNS_MM, size=11, left_columns=(1, 2))
    _text(doc, a.note, 12, italic=True, before=6)
