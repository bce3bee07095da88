"""The decision issuing the plan as a Word file laid out by Nghị định 30/2020, with python-docx.

Portrait A4 for the decision (NĐ 30 header, title, authority, legal bases, articles, signature and
Nơi nhận, the blocks the report uses too, from ``nd30_docx``), then a landscape section for the
plan's table and the appendix of indicators. The plan's words are put in as plain runs: nothing
in them is read as markup.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import TYPE_CHECKING, Any

from kstthc_cli.render import nd30_docx as nd30

if TYPE_CHECKING:
    from kstthc_cli.compute.plandoc import PlanDoc

TABLE_PT = 12
#: Landscape A4 keeps NĐ 30's margins: the text is 297 − 30 − 16 mm wide.
LANDSCAPE_WIDTH_MM = nd30.LANDSCAPE_WIDTH_MM
#: STT · Nội dung công việc · Kết quả công việc · Cơ quan, đơn vị thực hiện · Thời gian thực hiện.
PLAN_COLUMNS_MM = (16, 76, 71, 56, 32)
#: Stt · Nội dung chỉ tiêu · Đơn vị · Chỉ tiêu năm N · Cơ quan thực hiện.
INDICATOR_COLUMNS_MM = (15, 112, 20, 34, 70)


def docx_bytes(doc: PlanDoc) -> bytes:
    """The Word file's bytes (written whole by the caller)."""
    from docx import Document

    word = Document()
    nd30.styles(word)
    nd30.portrait_page(word)
    nd30.properties(
        word,
        title=f"{doc.title} {doc.summary}",
        subject=doc.summary,
        author=doc.header.issuing_body,
        keywords="kiểm soát thủ tục hành chính; kế hoạch",
        day=doc.decision_date or dt.date(doc.year, 1, 1),
    )
    nd30.header_block(word, doc.header)
    _decision(word, doc)
    nd30.signature_block(word, doc.signature, doc.recipients)
    nd30.new_section(word, landscape=True)
    _plan(word, doc)
    _appendix(word, doc)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


# ---------------------------------------------------------------- helpers


def _plain(para: Any, text: str, size: float, *, bold: bool = False, italic: bool = False) -> Any:
    """``text`` as runs of one style (a newline is a line break), never read as markup."""
    from kstthc_cli.render.textfmt import printable

    for k, line in enumerate(printable(text).split("\n")):
        if k:
            para.add_run().add_break()
        if line:
            nd30.font(para.add_run(line), size, bold=bold, italic=italic)
    return para


def _para(
    container: Any,
    text: str,
    size: float = nd30.BODY_PT,
    *,
    bold: bool = False,
    italic: bool = False,
    align: str = "justify",
    indent: bool = True,
    after: float = 6,
    before: float = 0,
    keep_next: bool = False,
    outline: int | None = None,
) -> Any:
    para = nd30.paragraph(
        container,
        "",
        size,
        align=align,
        indent=indent,
        after=after,
        before=before,
        keep_next=keep_next,
    )
    if outline is not None:  # Word's navigation pane lists it
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        level = OxmlElement("w:outlineLvl")
        level.set(qn("w:val"), str(outline))
        para._p.get_or_add_pPr().append(level)
    return _plain(para, text, size, bold=bold, italic=italic)


def _centred(container: Any, text: str, *, after: float = 0, **kwargs: Any) -> Any:
    return _para(container, text, bold=True, align="center", indent=False, after=after, **kwargs)


# ---------------------------------------------------------------- the decision


def _decision(word: Any, doc: PlanDoc) -> None:
    width = nd30.TEXT_WIDTH_MM
    _centred(word, doc.title, before=18, outline=0, keep_next=True)
    _centred(word, doc.summary, keep_next=True)
    summary_width = min(nd30.text_width_mm(doc.summary, nd30.BODY_PT, bold=True), width)
    nd30.rule(word, max(summary_width / 3, 25), width, after=12, before=3)
    _centred(word, doc.authority, after=12)
    for basis in doc.bases:
        _para(word, basis, italic=True)
    if doc.proposal:
        _para(word, doc.proposal, italic=True)
    _centred(word, doc.decides, before=6, after=6, keep_next=True)
    for article in doc.articles:
        para = _para(word, "")
        _plain(para, article.label, nd30.BODY_PT, bold=True)
        _plain(para, f" {article.text}", nd30.BODY_PT)


# ---------------------------------------------------------------- the plan and the appendix


def _grid(word: Any, heads: tuple[str, ...], widths_mm: tuple[float, ...]) -> Any:
    """A bordered table whose header row repeats on each page."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.oxml import OxmlElement

    table = word.add_table(rows=1, cols=len(heads))
    table.style = word.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    nd30.widths(table, widths_mm)
    head = table.rows[0]
    head._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for cell, text in zip(head.cells, heads, strict=True):
        _cell(cell, [text], bold=True)
    return table


def _cell(cell: Any, lines: list[str], *, bold: bool = False, align: str = "center") -> None:
    """The cell's text, a paragraph a line."""
    for k, line in enumerate(lines or [""]):
        para = nd30.cell_text(cell, "", TABLE_PT, first=k == 0, align=align, before=2, after=2)
        _plain(para, line, TABLE_PT, bold=bold)


def _finish(table: Any, widths_mm: tuple[float, ...]) -> None:
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
    from docx.shared import Mm

    for row in table.rows:
        row._tr.get_or_add_trPr().append(nd30.no_split())
        spans: dict[Any, tuple[Any, float]] = {}  # a merged cell is as wide as its columns
        for cell, width in zip(row.cells, widths_mm, strict=True):
            spans[cell._tc] = (cell, spans.get(cell._tc, (cell, 0.0))[1] + width)
        for cell, width in spans.values():
            cell.width = Mm(width)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


def _keep_with_next_row(*cells: Any) -> None:
    """A section's row stays on the page of its first task (Word and LibreOffice keep a row
    with the next one when each of its paragraphs is kept with the next)."""
    for cell in cells:
        for para in cell.paragraphs:
            para.paragraph_format.keep_with_next = True


def _plan(word: Any, doc: PlanDoc) -> None:
    width = LANDSCAPE_WIDTH_MM
    _centred(word, doc.plan_title, outline=0, keep_next=True)
    _centred(word, doc.plan_subtitle, keep_next=True)
    _para(word, doc.plan_attached, italic=True, align="center", indent=False, after=0)
    nd30.rule(word, 40, width, after=12, before=3)
    table = _grid(word, doc.plan_columns, PLAN_COLUMNS_MM)
    for r in doc.rows:
        cells = table.add_row().cells
        if r.kind == "section":
            _cell(cells[0], [r.id], bold=True)
            merged = cells[1].merge(cells[-1])
            _cell(merged, [r.content], bold=True, align="left")
            _keep_with_next_row(cells[0], merged)
            continue
        _cell(cells[0], [r.id])
        _cell(cells[1], [r.content], align="justify")
        _cell(cells[2], r.outputs, align="justify")
        _cell(cells[3], [r.responsibility], align="justify")
        _cell(cells[4], [r.timeframe])
    _finish(table, PLAN_COLUMNS_MM)


def _appendix(word: Any, doc: PlanDoc) -> None:
    width = LANDSCAPE_WIDTH_MM
    label = _centred(word, doc.appendix, outline=0, keep_next=True)
    label.paragraph_format.page_break_before = True
    _centred(word, doc.appendix_title, keep_next=True)
    nd30.rule(word, 40, width, after=12, before=3)
    _para(word, doc.rule_heading, bold=True, keep_next=True, outline=1)
    for paragraph in doc.rule:
        _para(word, paragraph)
    _para(word, doc.list_heading, bold=True, keep_next=True, outline=1)
    table = _grid(word, doc.indicator_columns, INDICATOR_COLUMNS_MM)
    for i in doc.indicators:
        cells = table.add_row().cells
        _cell(cells[0], [i.id])
        _cell(cells[1], [i.name], align="justify")
        _cell(cells[2], [i.unit])
        _cell(cells[3], [i.target])
        _cell(cells[4], [i.responsibility], align="justify")
    _finish(table, INDICATOR_COLUMNS_MM)
