"""``kstthc form``: the workbook an officer fills in with one period's figures.

One sheet per kind; the previous period's figures beside the empty cells; the totals as Excel
formulas; whole numbers ≥ 0 by data validation. Every text cell is a string cell (never a
formula, whatever the data says). ``load.imports`` reads the same layout back.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kstthc_cli.compute import figures as fig
from kstthc_cli.compute import periods
from kstthc_cli.load.figures_model import FiguresPeriod

if TYPE_CHECKING:
    from kstthc_cli.load.workspace import Workspace

MARKER_SHEET = "kstthc"
MARKER = "kstthc-form-1"
DOSSIERS = "Hồ sơ theo lĩnh vực"
COMPLAINTS = "Phản ánh kiến nghị"
PROCEDURES = "Thủ tục"
EGOV = "Dịch vụ công trực tuyến"
DIRECT = "Chỉ tiêu nhập trực tiếp"

#: Dossier sheet: header row, first data row, number of rows offered, the columns.
HEADER_ROW = 5
FIRST_ROW = 6
ROWS = 30
FIELD_COL, SOURCE_COL, FIRST_COUNT_COL = 2, 3, 4  # B, C, D…N (columns 3–13 of the table)
EXPLANATION_COL = FIRST_COUNT_COL + len(fig.ROW_COUNTS)  # O
PREVIOUS_COL = EXPLANATION_COL + 2  # Q…AA: the previous period's (3)…(13)
#: Count-block sheets: label in A, name in B, value in C, previous period in D; from row 5.
BLOCK_FIRST_ROW = 5
BLOCKS: dict[str, str] = {COMPLAINTS: "complaints", PROCEDURES: "procedures", EGOV: "egov"}
#: Directly entered indicators: number in A, name in B, numerator C, denominator D, value E,
#: unit F, "không phát sinh" G (an x); from row 5. ``kstthc import`` records them as
#: ``record indicators`` would.
DIRECT_FIRST_ROW = 5
DIRECT_HEADERS = ("Số", "Chỉ tiêu", "Tử số", "Mẫu số", "Giá trị", "Đơn vị", "Không phát sinh (x)")

_HEADERS = (
    "(3) Tổng số nhận",
    "(4) Trực tuyến",
    "(5) Trực tiếp, bưu chính",
    "(6) Từ kỳ trước",
    "(7) Tổng số đã giải quyết",
    "(8) Trước hạn",
    "(9) Đúng hạn",
    "(10) Quá hạn",
    "(11) Tổng số đang giải quyết",
    "(12) Trong hạn",
    "(13) Quá hạn",
)
#: Columns holding a formula of others (3 = 4+5+6, 7 = 8+9+10, 11 = 12+13), as offsets.
FORMULA_COLS: dict[int, tuple[int, ...]] = {0: (1, 2, 3), 4: (5, 6, 7), 8: (9, 10)}


@dataclass(frozen=True)
class FormLayout:
    """What the form holds, for reading it back: the year and period it was written for."""

    year: int
    period: str


def block_names(block: str) -> list[str]:
    return [n for n in fig.VOCABULARY if n.startswith(block + ".")]


def col_letter(col: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(col))


def row_formula(row: int, offset: int) -> str:
    """The formula the form puts in a total column of ``row`` (also recognised on import)."""
    cells = [f"{col_letter(FIRST_COUNT_COL + k)}{row}" for k in FORMULA_COLS[offset]]
    return "=" + "+".join(cells)


def sum_formula(col: int) -> str:
    letter = col_letter(col)
    return f"=SUM({letter}{FIRST_ROW}:{letter}{FIRST_ROW + ROWS - 1})"


def _text(ws: Any, ref: str, value: str, bold: bool = False) -> None:
    """A string cell whatever the text (``=…`` from a data file stays text)."""
    from openpyxl.styles import Font

    c = ws[ref]
    c.value = value
    c.data_type = "s"
    if bold:
        c.font = Font(bold=True)


def write_form(ws_: Workspace, pid: str) -> bytes:
    """The workbook for period ``pid`` of the workspace's year, as bytes."""
    from openpyxl import Workbook
    from openpyxl.styles import PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    year = ws_.year
    label = periods.label(pid, year)
    before = fig.previous(pid)
    held = fig.by_period(ws_.figures) if ws_.figures is not None else {}
    prev: FiguresPeriod | None = held.get(before) if before else None
    prev_label = periods.label(before, year) if before else "kỳ trước"
    grey = PatternFill("solid", fgColor="EEEEEE")
    wb = Workbook()
    sheet = wb.active
    sheet.title = DOSSIERS

    def validation(sh: Any, ref: str) -> None:
        dv = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0")
        dv.allow_blank = True
        dv.error = "Ghi số nguyên, từ 0 trở lên."
        dv.errorTitle = "Số không hợp lệ"
        sh.add_data_validation(dv)
        dv.add(ref)

    # ---- dossiers by field
    _text(sheet, "A1", f"Tình hình, kết quả giải quyết TTHC — {label}", bold=True)
    _text(
        sheet,
        "A2",
        "Hướng dẫn: mỗi lĩnh vực một dòng; ghi số nguyên từ 0 trở lên vào các cột (4)–(6), "
        "(8)–(10), (12)–(13); các cột (3), (7), (11) và dòng Tổng cộng tự cộng. Nếu số liệu "
        "của hệ thống không cân, ghi lý do vào cột Giải thích. Các cột xám là số liệu "
        f"{prev_label} để đối chiếu. Xong thì chạy: kstthc import <tệp này>.",
    )
    _text(sheet, "A3", f"Năm {year}, kỳ {pid}; không sửa tên các trang tính.")
    _text(sheet, f"A{HEADER_ROW}", "STT", bold=True)
    _text(sheet, f"{col_letter(FIELD_COL)}{HEADER_ROW}", "Lĩnh vực", bold=True)
    _text(sheet, f"{col_letter(SOURCE_COL)}{HEADER_ROW}", "Nguồn (hệ thống)", bold=True)
    for k, head in enumerate(_HEADERS):
        _text(sheet, f"{col_letter(FIRST_COUNT_COL + k)}{HEADER_ROW}", head, bold=True)
        _text(sheet, f"{col_letter(PREVIOUS_COL + k)}{HEADER_ROW}", f"{prev_label}: {head}")
    _text(sheet, f"{col_letter(EXPLANATION_COL)}{HEADER_ROW}", "Giải thích", bold=True)
    rows = [r for r in prev.dossiers if not fig.is_total_row(r)] if prev else []
    for i in range(ROWS):
        r = FIRST_ROW + i
        sheet[f"A{r}"] = i + 1
        for offset in FORMULA_COLS:
            sheet[f"{col_letter(FIRST_COUNT_COL + offset)}{r}"] = row_formula(r, offset)
        if i < len(rows):
            row = rows[i]
            _text(sheet, f"{col_letter(FIELD_COL)}{r}", row.field)
            if row.source:
                _text(sheet, f"{col_letter(SOURCE_COL)}{r}", row.source)
            for k, where in enumerate(fig.ROW_COUNTS):
                c = sheet[f"{col_letter(PREVIOUS_COL + k)}{r}"]
                c.value = fig.cell(row, where)
                c.fill = grey
    total = FIRST_ROW + ROWS
    _text(sheet, f"{col_letter(FIELD_COL)}{total}", "Tổng cộng", bold=True)
    for k in range(len(_HEADERS)):
        sheet[f"{col_letter(FIRST_COUNT_COL + k)}{total}"] = sum_formula(FIRST_COUNT_COL + k)
    first, last = col_letter(FIRST_COUNT_COL), col_letter(EXPLANATION_COL - 1)
    validation(sheet, f"{first}{FIRST_ROW}:{last}{FIRST_ROW + ROWS - 1}")
    sheet.column_dimensions[col_letter(FIELD_COL)].width = 32

    # ---- count blocks
    for title, block in BLOCKS.items():
        sh = wb.create_sheet(title)
        _text(sh, "A1", f"{title} — {label}", bold=True)
        _text(
            sh,
            "A2",
            "Hướng dẫn: ghi số nguyên từ 0 trở lên vào cột Số liệu; để trống nếu không có. "
            f"Cột D là số liệu {prev_label} để đối chiếu. Không sửa cột Tên.",
        )
        for ref, head in (("A4", "Nội dung"), ("B4", "Tên"), ("C4", "Số liệu"), ("D4", prev_label)):
            _text(sh, ref, head, bold=True)
        old = getattr(prev, block) if prev else None
        names = block_names(block)
        for i, name in enumerate(names):
            r = BLOCK_FIRST_ROW + i
            _text(sh, f"A{r}", fig.VOCABULARY[name][1])
            _text(sh, f"B{r}", name)
            d = sh[f"D{r}"]
            d.value = getattr(old, name.split(".", 1)[1]) if old is not None else None
            d.fill = grey
        validation(sh, f"C{BLOCK_FIRST_ROW}:C{BLOCK_FIRST_ROW + len(names) - 1}")
        sh.column_dimensions["A"].width = 48

    # ---- indicators entered directly (kstthc import records them, as record indicators)
    sh = wb.create_sheet(DIRECT)
    _text(sh, "A1", f"Chỉ tiêu nhập trực tiếp — {label}", bold=True)
    _text(
        sh,
        "A2",
        "Các chỉ tiêu không tính được từ số liệu trên. Chỉ tiêu tỷ lệ: ghi tử số và mẫu số "
        "(số nguyên); chỉ tiêu nhập thẳng: ghi giá trị (tỷ lệ % hoặc số đếm theo cột Đơn vị); "
        "kỳ không có gì để đếm: ghi x ở cột Không phát sinh; để trống cả dòng nếu chưa có. "
        "kstthc import ghi các số này vào tệp kết quả (như kstthc record indicator). Không sửa "
        "cột Số.",
    )
    for k, head in enumerate(DIRECT_HEADERS):
        _text(sh, f"{col_letter(k + 1)}4", head, bold=True)
    direct = [i for i in ws_.indicators.indicators if i.formula is None]
    for k, ind in enumerate(direct):
        r = DIRECT_FIRST_ROW + k
        _text(sh, f"A{r}", ind.id)
        _text(sh, f"B{r}", ind.name)
        _text(sh, f"F{r}", ind.unit)
    if direct:
        validation(sh, f"C{DIRECT_FIRST_ROW}:D{DIRECT_FIRST_ROW + len(direct) - 1}")
    sh.column_dimensions["B"].width = 60

    marker = wb.create_sheet(MARKER_SHEET)
    _text(marker, "A1", MARKER)
    marker["B1"] = year
    _text(marker, "C1", pid)
    marker.sheet_state = "hidden"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
