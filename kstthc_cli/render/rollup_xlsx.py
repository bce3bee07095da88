"""The rollup as an Excel workbook, streamed a row at a time by ``xlsx_writer`` (the cost is
linear in the rows: about what the workbook's text costs, no object per cell).

Every sheet starts with the title, the period and the day judged in cells (rows 1–3), then a
header row (``HEADER_ROW``) and the rows, as an Excel table with filters; "chưa đạt" is marked
by conditional formatting; printing is landscape, fitted to the page's width, the header row
repeated on every page. Numbers are numbers (percentages are numbers with a percent format,
never text); every text is a text cell, whatever it begins with (a commune's ``=HYPERLINK(…)``
never becomes a formula). The sheet "Theo kỳ" is the pivot-ready one: one row per commune ×
indicator × quarter begun by the day judged, the quarter as a column.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from kstthc_cli.compute import periods
from kstthc_cli.compute.rollup import CommuneFigure, PooledIndicator, Rollup
from kstthc_cli.render import textfmt as fmt
from kstthc_cli.render.rollup_views import commune_label, missing, named, title
from kstthc_cli.render.xlsx_writer import Cell, Table, write_workbook

SHEETS = (
    "Xã",
    "Chỉ tiêu gộp",
    "Xã chưa đạt",
    "Chưa có số liệu",
    "Lỗi dữ liệu",
    "Chi tiết",
    "Theo kỳ",
)
PERCENT = "0.00%"
WHOLE_PERCENT = "0%"
NUMBER = "#,##0.00"
COUNT = "#,##0"
DAY = "dd/mm/yyyy"
#: The header row of every sheet (rows 1–3: title, period, day judged).
HEADER_ROW = 5
#: The least width of columns A and B, whatever the sheet's own: row 3 holds "Ngày xét" in A
#: and the day judged (dd/mm/yyyy) in B; narrower (STT, Số CT), Calc and Excel show ### for
#: the day and cut the word.
LEAD_WIDTHS = {1: 10.0, 2: 12.0}
NOT_MET = fmt.STATE_WORDS["not-met"]
BROKEN = "có lỗi, không tính"

Rows = Iterable[Sequence[Cell]]
#: Called with (rows written, rows in all): the progress bar while the workbook is written.
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Sheet:
    """One sheet: its name, the table's name, headers, widths, how many rows and the rows;
    ``marks``: the columns (headers) whose cells equal one of the words are marked red."""

    name: str
    table: str
    header: Sequence[str]
    widths: Sequence[float]
    count: int
    rows: Rows
    marks: Sequence[tuple[str, str]] = ()


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


def _value(x: float | None) -> Cell:
    return x, (NUMBER if x is not None else None)


def _figure(f: CommuneFigure, unit: str) -> list[Cell]:
    """A commune's figure: numerator, denominator, value, result, assigned target, verdict."""
    return [
        _count(f.numerator),
        _count(f.denominator),
        _value(f.value),
        _ratio(f.actual, unit),
        _target(f.target, unit),
        _text(fmt.STATE_WORDS[f.state]),
    ]


#: How a pooled indicator adds the communes' figures up, in words.
METHOD_WORDS = {
    "pooled": "Σ tử số / Σ mẫu số",
    "mean": "trung bình giá trị",
    "sum": "tổng các xã",
}


def indicator_code(p: PooledIndicator) -> str | None:
    """The indicator's code in the national catalogue (what the communes are pooled by)."""
    return p.code or None


def workbook_bytes(r: Rollup, progress: Progress | None = None) -> bytes:
    """The whole workbook, ready to write atomically."""
    chosen = all_sheets(r)
    total = sum(s.count for s in chosen)
    buffer = io.BytesIO()
    shown = (lambda done: progress(done, total)) if progress is not None else None
    write_workbook(buffer, [_table(r, sheet) for sheet in chosen], shown)
    return buffer.getvalue()


def all_sheets(r: Rollup) -> list[Sheet]:
    """Every sheet of the workbook, "Hồ sơ" last when any commune has figures."""
    from kstthc_cli.render.rollup_dossiers import dossier_sheet

    out = list(sheets(r))
    dossiers = dossier_sheet(r, commune_label)
    if dossiers is not None:
        out.append(Sheet(*dossiers))
    return out


def sheets(r: Rollup) -> Iterator[Sheet]:
    """The workbook's sheets but "Hồ sơ", in order (also the tables of ``rollup --format csv``)."""
    # A commune's figures are keyed by the catalogue code its indicator is pooled under.
    units = {p.code: p.unit for p in r.indicators}
    by_code = {p.code: p for p in r.indicators}
    codes = [p.code for p in r.indicators]
    ids = [p.id for p in r.indicators]

    def communes() -> Rows:
        for n, c in enumerate(r.communes, start=1):
            unmet = [f.indicator_id for f in c.figures.values() if f.state == "not-met"]
            gaps = [f.indicator_id for f in c.figures.values() if f.state == "no-data"]
            yield [
                _count(n),
                _text(commune_label(c)),
                _text(c.name if named(c) else None),
                _text(c.shown),
                _text("hợp lệ" if c.ok else BROKEN),
                _count(c.errors),
                _count(c.warnings),
                _count(c.acknowledged),
                _count(c.overdue if c.ok else None),
                _count(c.due_soon if c.ok else None),
                _text(", ".join(unmet) if c.ok else None),
                _count(len(gaps) if c.ok else None),
                *(_ratio(f.actual if (f := c.figures.get(k)) else None, units[k]) for k in codes),
            ]

    yield Sheet(
        SHEETS[0],
        "tblXa",
        [
            "STT",
            "Xã",
            "Cơ quan",
            "Thư mục",
            "Dữ liệu",
            "Số lỗi",
            "Số cảnh báo",
            "Cảnh báo đã xác nhận",
            "Việc quá hạn",
            "Việc sắp đến hạn",
            "Chỉ tiêu chưa đạt",
            "Số CT chưa có số liệu",
            *(f"CT {i}" for i in ids),
        ],
        [6, 22, 34, 30, 18, 8, 11, 12, 12, 15, 18, 12, *(10 for _ in ids)],
        len(r.communes),
        communes(),
        marks=[("Dữ liệu", BROKEN)],
    )

    def pooled() -> Rows:
        for p in r.indicators:
            yield [
                _text(indicator_code(p)),
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
                _count(len(p.no_data)),
            ]

    yield Sheet(
        SHEETS[1],
        "tblChiTieuGop",
        [
            "Mã chỉ tiêu",
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
            "Số xã chưa có số liệu",
        ],
        [12, 6, 60, 8, 20, 10, 10, 10, 9, 12, 16, 16, 15, 18],
        len(r.indicators),
        pooled(),
        marks=[("Đánh giá", NOT_MET)],
    )

    def behind() -> Rows:
        for p in r.indicators:
            for c, f in p.behind:
                yield [
                    _text(indicator_code(p)),
                    _text(p.id),
                    _text(p.name),
                    _text(commune_label(c)),
                    _text(c.shown),
                    _count(f.numerator),
                    _count(f.denominator),
                    _ratio(f.actual, p.unit),
                    _target(f.target, p.unit),
                ]

    yield Sheet(
        SHEETS[2],
        "tblXaChuaDat",
        [
            "Mã chỉ tiêu",
            "Số CT",
            "Chỉ tiêu",
            "Xã",
            "Thư mục",
            "Tử số",
            "Mẫu số",
            "Kết quả",
            "Chỉ tiêu giao",
        ],
        [12, 7, 50, 22, 30, 10, 10, 10, 13],
        sum(len(p.behind) for p in r.indicators),
        behind(),
    )

    gaps = missing(r)

    def no_data() -> Rows:
        for c, absent in gaps:
            yield [
                _text(commune_label(c)),
                _text(c.shown),
                _count(len(absent)),
                _count(len(c.figures)),
                _text("cả kỳ" if len(absent) == len(c.figures) else "một phần"),
                _text(", ".join(absent)),
            ]

    yield Sheet(
        SHEETS[3],
        "tblChuaCoSoLieu",
        ["Xã", "Thư mục", "Số CT chưa có số liệu", "Số CT", "Thiếu", "Các CT chưa có số liệu"],
        [22, 30, 12, 8, 10, 60],
        len(gaps),
        no_data(),
    )

    def problems() -> Rows:
        for c, prob in r.problems:
            yield [
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

    yield Sheet(
        SHEETS[4],
        "tblLoiDuLieu",
        ["Xã", "Thư mục", "Tệp", "Dòng", "Cột", "Mức", "Mã", "Nội dung", "Cách sửa"],
        [22, 30, 36, 7, 6, 10, 24, 70, 60],
        len(r.problems),
        problems(),
        marks=[("Mức", "lỗi")],
    )

    def detail() -> Rows:
        for c in r.communes:
            for f in c.figures.values():
                unit = units.get(f.code, "%")
                p = by_code.get(f.code)
                yield [
                    _text(commune_label(c)),
                    _text(c.shown),
                    _text(indicator_code(p) if p else None),
                    _text(f.indicator_id),
                    *_figure(f, unit),
                ]

    yield Sheet(
        SHEETS[5],
        "tblChiTiet",
        [
            "Xã",
            "Thư mục",
            "Mã chỉ tiêu",
            "Số CT",
            "Tử số",
            "Mẫu số",
            "Giá trị",
            "Kết quả",
            "Chỉ tiêu giao",
            "Đánh giá",
        ],
        [22, 30, 12, 7, 10, 10, 10, 10, 13, 16],
        sum(len(c.figures) for c in r.communes),
        detail(),
        marks=[("Đánh giá", NOT_MET)],
    )

    def by_period() -> Rows:
        for c in r.communes:
            label, place = commune_label(c), c.shown
            for order, (pid, figures) in enumerate(c.by_period.items(), start=1):
                when = periods.label(pid, r.year)
                for f in figures.values():
                    p = by_code.get(f.code)
                    unit = units.get(f.code, "%")
                    yield [
                        _text(label),
                        _text(place),
                        _text(pid),
                        _text(when),
                        (int(pid[1:]) if pid[1:].isdigit() else order, None),
                        _text(indicator_code(p) if p else None),
                        _text(f.indicator_id),
                        _text(p.name if p else None),
                        _text(unit),
                        *_figure(f, unit),
                    ]

    yield Sheet(
        SHEETS[6],
        "tblTheoKy",
        ["Xã", "Thư mục", "Kỳ", "Tên kỳ", "Thứ tự kỳ", "Mã chỉ tiêu", "Số CT", "Chỉ tiêu",
         "Đơn vị", "Tử số", "Mẫu số", "Giá trị", "Kết quả", "Chỉ tiêu giao", "Đánh giá"],
        [22, 30, 6, 12, 9, 12, 7, 50, 7, 10, 10, 10, 10, 13, 16],
        sum(len(f) for c in r.communes for f in c.by_period.values()),
        by_period(),
        marks=[("Đánh giá", NOT_MET)],
    )  # fmt: skip


def _table(r: Rollup, sheet: Sheet) -> Table:
    """A sheet as the workbook writer takes it: title, period and day judged above the header;
    every text printable (no control character reaches Excel)."""

    def cells(row: Sequence[Cell]) -> list[Cell]:
        return [
            (fmt.printable(value), None) if isinstance(value, str) else (value, form)
            for value, form in row
        ]

    top: list[list[Cell]] = [
        [(fmt.printable(title(r)), "title")],
        [("Kỳ", "bold"), (fmt.printable(_period_text(r)), None)],
        [("Ngày xét", "bold"), (r.as_of, DAY)],
        [],
    ]
    return Table(
        name=sheet.name,
        table=sheet.table,
        top=top,
        header=[fmt.printable(h) for h in sheet.header],
        widths=[max(w, LEAD_WIDTHS.get(i, 0)) for i, w in enumerate(sheet.widths, start=1)],
        rows=(cells(row) for row in sheet.rows),
        marks=sheet.marks,
        page_header=fmt.printable(title(r)).replace("&", "&&"),
        empty=[("(không có)", None)],
    )


def _period_text(r: Rollup) -> str:
    if r.period_label:
        return r.period_label
    return f"lũy kế từ đầu năm {r.year} đến {fmt.d(r.as_of)}"
