"""The report as a Word file laid out by Nghị định 30/2020 (Phụ lục I), written with python-docx.

No template .docx and no external program: the page, fonts, header and signature blocks are
``nd30_docx``'s (shared with the plan decision); the title, body and appendices are laid out here
from the same ``Report`` context the Markdown template formats.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from kstthc_cli.render import nd30_docx as nd30

if TYPE_CHECKING:
    from kstthc_cli.compute.report import Report

#: The appendices' tables fill a landscape page inside NĐ 30's margins (``LANDSCAPE_WIDTH_MM``).
#: Số · Chỉ tiêu · Tử số / mẫu số · Mục tiêu · Kỳ này · Lũy kế · Đánh giá.
INDICATOR_COLUMNS_MM = (12, 64, 75, 20, 28, 28, 24)
#: STT · Lĩnh vực · the eleven counts (3)…(13).
DOSSIER_COLUMNS_MM = (12, 46, *(17.5,) * 11)
#: STT · Mã hồ sơ · Lĩnh vực, thủ tục · Ngày tiếp nhận · hẹn trả · có kết quả · Nguyên nhân: the
#: code's column holds a one-stop code (000.00.20.H55-240402-0007) on one line at 11 pt.
LATE_COLUMNS_MM = (12, 52, 65, 24, 24, 24, 50)
TABLE_PT = 11


def docx_bytes(report: Report) -> bytes:
    """The Word file's bytes (written whole by the caller)."""
    from docx import Document

    doc = Document()
    nd30.styles(doc)
    nd30.portrait_page(doc)
    nd30.properties(
        doc,
        title=f"{report.title} {report.summary}",
        subject=report.summary,
        author=report.header.issuing_body,
        keywords="kiểm soát thủ tục hành chính; báo cáo định kỳ",
        day=report.report_date,
    )
    nd30.header_block(doc, report.header)
    _title(doc, report)
    _body(doc, report)
    nd30.signature_block(doc, report.signature, report.recipients)
    _appendices(doc, report)
    chart_appendix(doc, report.chart, report.chart_number)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


# ---------------------------------------------------------------- the document's parts


def _title(doc: Any, report: Report) -> None:
    nd30.paragraph(
        doc, report.title, nd30.BODY_PT, bold=True, align="center", indent=False, before=18, after=0
    )
    nd30.paragraph(
        doc, report.summary, nd30.BODY_PT, bold=True, align="center", indent=False, after=0
    )
    width = min(nd30.text_width_mm(report.summary, nd30.BODY_PT, bold=True), nd30.TEXT_WIDTH_MM)
    nd30.rule(doc, max(width / 3, 25), nd30.TEXT_WIDTH_MM, after=6, before=3)
    window = report.window
    if report.estimate:
        window += f" ({report.estimate[:1].lower()}{report.estimate[1:]})"
    nd30.paragraph(doc, window, nd30.BODY_PT, italic=True, align="center", indent=False, after=12)
    nd30.paragraph(
        doc, f"Kính gửi: {report.recipient}.", nd30.BODY_PT, align="center", indent=False, after=12
    )
    nd30.paragraph(doc, report.intro)


def _heading(doc: Any, text: str, level: int) -> Any:
    """A heading in Word's Heading ``level`` style (restyled to NĐ 30 in ``nd30.heading_styles``),
    so the navigation pane and a table of contents list it."""
    para = doc.add_paragraph(style=f"Heading {level}")
    size, bold, italic = nd30.HEADING_STYLES[level]
    nd30.runs(para, text, size, bold=bold, italic=italic)
    return para


def _label(doc: Any, text: str) -> None:
    nd30.paragraph(doc, text, nd30.BODY_PT, italic=True, keep_next=True)


def _items(doc: Any, lines: list[str]) -> None:
    for line in lines:
        nd30.paragraph(doc, f"- {line}")


def _task_lines(doc: Any, lines: list[Any]) -> None:
    """Each task once: its one line, or its name and a "+" line per thing said of it."""
    for t in lines:
        if t.text is not None:
            nd30.paragraph(doc, f"- {t.text}")
            continue
        nd30.paragraph(doc, f"- {t.task}:", keep_next=True)
        for line in t.lines:
            nd30.paragraph(doc, f"+ {line}")


def _body(doc: Any, report: Report) -> None:
    parts = report.parts
    _heading(doc, f"{parts['results'].number}. {parts['results'].title}", 1)
    for h in report.headings:
        _heading(doc, f"{h.number}. {h.title}", 2)
        for sentence in h.figures:
            nd30.paragraph(doc, sentence)
        if h.done:
            _label(doc, "Kết quả thực hiện trong kỳ:")
            _task_lines(doc, h.done)
        if h.open:
            _label(doc, "Việc chưa hoàn thành:")
            _task_lines(doc, h.open)
        if h.ongoing_text:
            nd30.paragraph(doc, h.ongoing_text)
        if h.empty:
            nd30.paragraph(doc, "Trong kỳ chưa ghi nhận kết quả thực hiện.")

    if report.assessment is not None and "assessment" in parts:
        _heading(doc, f"{parts['assessment'].number}. {parts['assessment'].title}", 1)
        _officer(doc, report.assessment)

    short = report.shortcomings
    _heading(doc, f"{parts['shortcomings'].number}. {parts['shortcomings'].title}", 1)
    if short.nothing:
        nd30.paragraph(
            doc,
            "Trong kỳ không có nhiệm vụ quá hạn, không có chỉ tiêu chưa đạt, không có hồ sơ "
            "quá hạn.",
        )
    else:
        if short.overdue:
            _label(doc, "Nhiệm vụ quá hạn:")
            _items(doc, [e.text for e in short.overdue])
        else:
            nd30.paragraph(doc, "Không có nhiệm vụ quá hạn.")
        if short.unmet:
            _label(doc, "Chỉ tiêu chưa đạt:")
            _items(doc, [i.summary for i in short.unmet])
        else:
            nd30.paragraph(doc, "Không có chỉ tiêu chưa đạt.")
        if short.late_text:
            nd30.paragraph(doc, short.late_text)
        if short.causes is not None:
            _label(doc, "Nguyên nhân:")
            _officer(doc, short.causes)

    nxt = report.next_period
    _heading(doc, f"{parts['next'].number}. {parts['next'].title}", 1)
    nd30.paragraph(doc, nxt.text)
    _items(doc, [e.text for e in nxt.tasks] + list(nxt.actions))

    _heading(doc, f"{parts['proposals'].number}. {parts['proposals'].title}", 1)
    if report.proposals is not None:
        _officer(doc, report.proposals)
    else:
        nd30.paragraph(doc, "Không có đề xuất, kiến nghị.")
    # The closing sentence, kept with the signature block that follows (keep-with-next chain).
    nd30.paragraph(doc, report.closing, keep_next=True)


def _officer(doc: Any, words: Any) -> None:
    """The officer's paragraphs, items and headings, bold and italic kept, nothing cut."""
    for block in words.blocks:
        if block.kind == "heading":
            para = doc.add_paragraph(style="Heading 3")
        else:
            para = nd30.paragraph(doc, "- " if block.kind == "item" else "")
        for run in block.runs:
            bold = run.bold or block.kind == "heading"
            italic = run.italic or block.kind == "heading"
            nd30.font(para.add_run(_clean(run.text)), nd30.BODY_PT, bold=bold, italic=italic)


def _clean(text: str) -> str:
    from kstthc_cli.render.textfmt import printable

    return printable(text).replace("\n", " ")


def chart_appendix(doc: Any, png: bytes | None, number: str) -> None:
    """The indicators' chart (``report --charts``), the last appendix, numbered after the
    others, on a portrait page of its own: the picture is tall, and sized to fit the page
    under its title, so the title never stands alone on a page."""
    if png is None:
        return
    from docx.shared import Mm

    nd30.new_section(doc, landscape=False)
    _appendix_title(doc, number, CHART_TITLE, "", True)
    width_px, height_px = png_size(png)
    room_mm = nd30.TEXT_HEIGHT_MM - CHART_TITLE_MM
    width = min(nd30.TEXT_WIDTH_MM, room_mm * width_px / height_px)
    picture = nd30.paragraph(doc, "", align="center", indent=False, after=0)
    picture.add_run().add_picture(io.BytesIO(png), width=Mm(width))


CHART_TITLE = "BIỂU ĐỒ CHỈ TIÊU"
#: Room kept above the picture for its two title lines, their spacing and the page's number.
CHART_TITLE_MM = 25


def png_size(png: bytes) -> tuple[int, int]:
    """A PNG's width and height in pixels, from its header (IHDR)."""
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


# ---------------------------------------------------------------- appendices


def _appendices(doc: Any, report: Report) -> None:
    """The appendices after the signature, on landscape pages (the dossier table's thirteen
    columns), each from a new page."""
    nd30.new_section(doc, landscape=True)
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
        _grid(
            doc, [list(LATE_COLUMNS)], rows, LATE_COLUMNS_MM, size=TABLE_PT, left_columns=(1, 2, 6)
        )


def _appendix_title(doc: Any, number: str, title: str, subtitle: str, first: bool) -> None:
    para = doc.add_paragraph(style="Heading 1")
    nd30.centre(para)
    para.paragraph_format.page_break_before = not first
    nd30.runs(para, f"PHỤ LỤC {number}\n{title}", nd30.BODY_PT, bold=True)
    if subtitle:
        nd30.paragraph(
            doc, subtitle, 13, italic=True, align="center", indent=False, after=6, keep_next=True
        )


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
    nd30.widths(table, widths_mm)
    for k, values in enumerate([*heads, *rows]):
        cells = table.add_row().cells
        head = k < len(heads)
        bold = head or (bold_last and k == len(heads) + len(rows) - 1)
        for c, (cell, value) in enumerate(zip(cells, values, strict=True)):
            align = "left" if (c in left_columns and not head) else "center"
            nd30.cell_text(cell, value, size, first=True, bold=bold, align=align, before=2, after=2)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    nd30.keep_rows(table, len(heads))
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
        doc, [top_row, second, numbers], rows, DOSSIER_COLUMNS_MM, size=TABLE_PT, bold_last=True
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
        nd30.paragraph(
            doc, "Ghi chú (lý do số liệu của hệ thống không cân):", 12, italic=True, before=6
        )
        from kstthc_cli.render.textfmt import printable

        for note in a.notes:  # the officer's words as written: no * read as italics
            para = nd30.paragraph(doc, "", 12, after=3)
            nd30.font(para.add_run(printable(f"- {note}")), 12, italic=True)


def _reset(cell: Any, text: str, *, bold: bool) -> None:
    """A merged cell keeps each part's nd30.paragraph: one nd30.paragraph of ``text`` instead."""
    for extra in cell.paragraphs[1:]:
        extra._p.getparent().remove(extra._p)
    para = cell.paragraphs[0]
    for run in list(para.runs):
        run._r.getparent().remove(run._r)
    nd30.runs(para, text, TABLE_PT, bold=bold)


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
    _grid(doc, [heads], rows, INDICATOR_COLUMNS_MM, size=TABLE_PT, left_columns=(1, 2))
    nd30.paragraph(doc, a.note, 12, italic=True, before=6)
