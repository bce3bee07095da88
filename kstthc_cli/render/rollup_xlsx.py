"""The rollup as an Excel workbook: one sheet per view, real numbers (percentages are numbers
with a percent format, never text), bold header rows, set column widths, frozen headers."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from kstthc_cli.compute.rollup import Rollup
from kstthc_cli.render import textfmt as fmt
from kstthc_cli.render.rollup_views import commune_label, title

SHEETS = ("Xã", "Chỉ tiêu gộp", "Xã chưa đạt", "Lỗi dữ liệu", "Chi tiết")
PERCENT = "0.00%"
WHOLE_PERCENT = "0%"
NUMBER = "#,##0.00"
COUNT = "#,##0"

Cell = tuple[Any, str | None]  # a value and its number format
METHOD_WORDS = {
    "pooled": "Σ tử số / Σ mẫu số",
    "mean": "trung bình giá trị",
    "sum": "tổng các xã",
}


def _ratio(x: float | None, unit: str) -> Cell:
    """A figure as Excel keeps it: 65 % is the number 0.65 shown as 65.00%."""
    if x is None:
        return None, None
    if unit.strip() != "%":
        return x, (COUNT if float(x).is_integer() else NUMBER)
    return round(x / 100, 6), PERCENT


def _target(x: float, unit: str) -> Cell:
    if unit.strip() != "%":
        return x, (COUNT if float(x).is_integer() else NUMBER)
    return round(x / 100, 6), (WHOLE_PERCENT if float(x).is_integer() else PERCENT)


def _count(x: int | None) -> Cell:
    return x, (COUNT if x is not None else None)


def _text(x: str | None) -> Cell:
    return x, None


def workbook_bytes(r: Rollup) -> bytes:
    """The whole workbook, ready to write atomically."""
    from openpyxl import Workbook

    wb = Workbook()
    first = wb.active
    if first is not None:
        wb.remove(first)
    units = {p.code: p.unit for p in r.indicators}
    codes = [p.code for p in r.indicators]
    ids = [p.id for p in r.indicators]

    rows: list[list[Cell]] = []
    for n, c in enumerate(r.communes, start=1):
        row: list[Cell] = [
            _count(n),
            _text(commune_label(c)),
            _text(c.name),
            _text(c.shown),
            _text("hợp lệ" if c.ok else "có lỗi, không tính"),
            _count(c.errors),
            _count(c.warnings),
            _count(c.overdue if c.ok else None),
            _count(c.due_soon if c.ok else None),
        ]
        for code in codes:
            f = c.figures.get(code)
            row.append(_ratio(f.actual if f else None, units[code]))
        rows.append(row)
    _sheet(
        wb,
        SHEETS[0],
        title(r),
        [
            "STT",
            "Xã",
            "Cơ quan",
            "Thư mục",
            "Dữ liệu",
            "Số lỗi",
            "Số cảnh báo",
            "Việc quá hạn",
            "Việc sắp đến hạn",
            *(f"CT {i}" for i in ids),
        ],
        rows,
        [6, 22, 34, 30, 18, 8, 11, 12, 15, *(10 for _ in ids)],
    )

    rows = []
    for p in r.indicators:
        rows.append(
            [
                _text(p.id),
                _text(p.name),
                _text(p.unit),
                _text(METHOD_WORDS.get(p.method, p.method)),
                _count(p.numerator),
                _count(p.denominator),
                _ratio(p.actual, p.unit),
                _text(fmt.OP_WORDS.get(p.op, p.op)),
                _target(p.central, p.unit),
                _text(fmt.STATE_WORDS[p.state]),
                _count(p.communes),
                _count(len(p.behind)),
            ]
        )
    _sheet(
        wb,
        SHEETS[1],
        title(r),
        [
            "Số",
            "Chỉ tiêu",
            "Đơn vị",
            "Cách gộp",
            "Tử số",
            "Mẫu số",
            "Kết quả",
            "So sánh",
            "Chỉ tiêu TW",
            "Đánh giá",
            "Số xã có số liệu",
            "Số xã chưa đạt",
        ],
        rows,
        [6, 60, 8, 20, 10, 10, 10, 9, 12, 16, 16, 15],
    )

    rows = []
    for p in r.indicators:
        for c, f in p.behind:
            rows.append(
                [
                    _text(p.id),
                    _text(p.name),
                    _text(commune_label(c)),
                    _text(c.shown),
                    _count(f.numerator),
                    _count(f.denominator),
                    _ratio(f.actual, p.unit),
                    _target(f.target, p.unit),
                ]
            )
    _sheet(
        wb,
        SHEETS[2],
        title(r),
        ["CT", "Chỉ tiêu", "Xã", "Thư mục", "Tử số", "Mẫu số", "Kết quả", "Chỉ tiêu giao"],
        rows,
        [6, 50, 22, 30, 10, 10, 10, 13],
    )

    rows = []
    for c, prob in r.problems:
        rows.append(
            [
                _text(commune_label(c)),
                _text(c.shown),
                _text(prob.file),
                _count(prob.line),
                _count(prob.column),
                _text("lỗi" if prob.is_error else "cảnh báo"),
                _text(prob.code),
                _text(prob.message),
                _text(prob.hint or None),
            ]
        )
    _sheet(
        wb,
        SHEETS[3],
        title(r),
        ["Xã", "Thư mục", "Tệp", "Dòng", "Cột", "Mức", "Mã", "Nội dung", "Cách sửa"],
        rows,
        [22, 30, 36, 7, 6, 10, 24, 70, 60],
    )

    rows = []
    for c in r.communes:
        for f in c.figures.values():
            unit = units.get(f.code, "%")
            rows.append(
                [
                    _text(commune_label(c)),
                    _text(c.shown),
                    _text(f.indicator_id),
                    _count(f.numerator),
                    _count(f.denominator),
                    (f.value, NUMBER if f.value is not None else None),
                    _ratio(f.actual, unit),
                    _target(f.target, unit),
                    _text(fmt.STATE_WORDS[f.state]),
                ]
            )
    _sheet(
        wb,
        SHEETS[4],
        title(r),
        [
            "Xã",
            "Thư mục",
            "CT",
            "Tử số",
            "Mẫu số",
            "Giá trị",
            "Kết quả",
            "Chỉ tiêu giao",
            "Đánh giá",
        ],
        rows,
        [22, 30, 6, 10, 10, 10, 10, 13, 16],
    )

    _dossier_sheet(wb, r)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _dossier_sheet(wb: Any, r: Rollup) -> None:
    from kstthc_cli.render.rollup_dossiers import dossier_sheet

    dossier_sheet(wb, r, commune_label)


def _sheet(
    wb: Any,
    name: str,
    heading: str,
    header: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    widths: Sequence[float],
) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(name)
    _append(ws, list(header))
    bold = Font(bold=True)
    for cell in ws[1]:
        cell.font = bold
    for row in rows:
        _append(ws, [value for value, _ in row])
        number_formats = [f for _, f in row]
        if any(number_formats):
            for cell, form in zip(ws[ws.max_row], number_formats, strict=False):
                if form is not None:
                    cell.number_format = form
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"
    if rows:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(rows) + 1}"
    ws.oddHeader.center.text = fmt.printable(heading)


def _append(ws: Any, values: list[Any]) -> None:
    """A row in which every text is a text cell, whatever it begins with: openpyxl would make
    ``=HYPERLINK(…)`` or ``=cmd|' /C calc'!A0`` from a commune's file a live formula. Control
    characters (which Excel refuses) are left out."""
    ws.append([fmt.printable(v) if isinstance(v, str) else v for v in values])
    for cell in ws[ws.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"
