"""Reading figures out of a workbook (``kstthc import``): kstthc's own form, the one-stop
system's Biểu 06 / II.06a export, or its per-dossier list (Danh sách hồ sơ).

Each reader returns one period's figures and the problems found, every one located as
``FILE:'Sheet'!CELL``. Nothing here writes; ``write.figures`` does, after every check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal

from kstthc_cli.compute import figures as fig
from kstthc_cli.compute import periods
from kstthc_cli.errors import KstthcError
from kstthc_cli.load.figures_model import (
    Complaints,
    DossierRow,
    Egov,
    FiguresPeriod,
    InProgress,
    LateDossier,
    Procedures,
    Received,
    Resolved,
    Source,
)
from kstthc_cli.load.text import read_count
from kstthc_cli.messages import Said
from kstthc_cli.problems import Problem, Severity
from kstthc_cli.render import form_xlsx as form

Kind = Literal["form", "bieu06", "dossier-list"]
KIND_WORDS: dict[Kind, str] = {
    "form": "mẫu nhập số liệu của kstthc",
    "bieu06": "Biểu 06 / II.06a (tình hình, kết quả giải quyết TTHC)",
    "dossier-list": "Danh sách hồ sơ",
}


@dataclass(frozen=True)
class DirectFigure:
    """A figure of an indicator entered directly in the form's sheet ``form.DIRECT``, with the
    cell of its number (``where``, located as ``FILE:'Sheet'!A5``)."""

    indicator: str
    where: str
    numerator: int | None = None
    denominator: int | None = None
    value: float | None = None
    none: bool = False


@dataclass
class Imported:
    """One period's figures read from a workbook, and what is wrong in it."""

    kind: Kind
    pid: str | None
    year: int | None
    period: FiguresPeriod | None
    problems: list[Problem] = field(default_factory=list)
    #: How many dossiers of a list were counted, left out (not accepted) or outside the window.
    counted: int = 0
    #: The form's directly entered indicators that were filled in.
    direct: list[DirectFigure] = field(default_factory=list)


class Reader:
    """Locating problems in one workbook."""

    def __init__(self, display: str) -> None:
        self.display = display
        self.problems: list[Problem] = []

    def at(self, sheet: str, ref: str) -> str:
        quoted = f"'{sheet}'" if re.search(r"[^A-Za-z0-9_]", sheet) else sheet
        return f"{self.display}:{quoted}!{ref}"

    def add(
        self,
        sheet: str,
        ref: str,
        code: str | Said,
        message: str = "",
        hint: str = "",
        severity: Severity = "error",
    ) -> None:
        where = self.at(sheet, ref)
        self.problems.append(
            Problem.of(where, None, None, code, severity)
            if isinstance(code, Said)
            else Problem(where, None, None, code, severity, message, hint)
        )

    def count(self, sheet: str, ref: str, value: Any) -> int | None:
        """A count cell: empty, or a whole number ≥ 0 (``12`` as text accepted)."""
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, bool):
            value = str(value)
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, str) and (reading := read_count(value)).kind == "whole":
            value = reading.number
        if isinstance(value, int):
            if value < 0:
                self.add(
                    sheet,
                    ref,
                    "negative",
                    f"Số đếm không được âm (đang là {value}).",
                    "Ghi số nguyên từ 0 trở lên.",
                )
                return None
            return value
        shown = str(value)[:40]
        self.add(
            sheet,
            ref,
            "bad-value",
            f"Ô này phải là số nguyên từ 0 trở lên (đang là '{shown}').",
            "Ghi số hồ sơ bằng chữ số, không có dấu chấm hay phẩy, ví dụ 1000.",
        )
        return None


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def _folded(value: Any) -> str:
    return " ".join(periods.fold(str(value or "")).split())


_WINDOW = re.compile(
    r"tu ngay\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*den ngay\s*(\d{1,2})/(\d{1,2})/(\d{4})"
)


def _window_line(rows: list[tuple[Any, ...]], upto: int) -> tuple[date, date, int] | None:
    for i, row in enumerate(rows[:upto]):
        for value in row:
            m = _WINDOW.search(_folded(value))
            if m:
                d1, m1, y1, d2, m2, y2 = (int(x) for x in m.groups())
                try:
                    return date(y1, m1, d1), date(y2, m2, d2), i
                except ValueError:
                    return None
    return None


def period_of_window(start: date, end: date, rule: periods.CutoffRule) -> tuple[str, int] | None:
    """The period whose data window is exactly ``start``–``end`` (the plan's cut-off rule
    first, then the other)."""
    other: periods.CutoffRule = "calendar" if rule == "nd09" else "nd09"
    for r in (rule, other):
        for pid in periods.SPANS:
            if periods.window(pid, end.year, r) == (start, end):
                return pid, end.year
    return None


def _ref(row: int, col: int) -> str:
    return f"{form.col_letter(col)}{row}"


# ---------------------------------------------------------------- which reader


def read_workbook(
    path: Path, display: str, *, rule: periods.CutoffRule, period: tuple[str, int] | None
) -> Imported:
    """The workbook at ``path`` read by the reader its layout calls for; an unknown layout is
    a ``KstthcError`` saying what was expected. ``period``: the period asked for on the
    command line (needed by a dossier list without a "Từ ngày … đến ngày …" line)."""
    import zipfile

    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, data_only=False, read_only=False)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        from kstthc_cli.osfiles import os_words

        why = (
            os_words(exc)
            if isinstance(exc, OSError)
            else "tệp không phải dạng nén của .xlsx"
            if isinstance(exc, zipfile.BadZipFile)
            else "bên trong tệp thiếu hoặc sai phần mà một tệp .xlsx phải có"
        )
        raise KstthcError(
            f"Không đọc được '{display}' như một tệp Excel (.xlsx): {why}.",
            "Mở tệp bằng Excel, lưu lại dạng .xlsx rồi chạy lại.",
        ) from None
    if form.MARKER_SHEET in wb.sheetnames and wb[form.MARKER_SHEET]["A1"].value == form.MARKER:
        return _read_form(wb, display)
    for sheet in wb.worksheets:
        rows = [tuple(r) for r in sheet.iter_rows(values_only=True)]
        header = _numbered_row(rows)
        if header is not None:
            return _read_bieu06(sheet.title, rows, header, display, rule, path.name)
        found = _list_header(rows)
        if found is not None:
            return _read_list(sheet.title, rows, found, display, rule, period, path.name)
    raise KstthcError(
        f"Không nhận ra bố cục của '{display}'.",
        "kstthc đọc được: (a) mẫu do 'kstthc form' tạo; (b) Biểu 06 hoặc II.06a xuất từ Hệ "
        "thống thông tin giải quyết TTHC (có dòng đánh số cột (1)…(13)); (c) Danh sách hồ sơ "
        "có các cột Mã hồ sơ, Lĩnh vực, Trạng thái, Ngày nhận, Ngày hẹn trả, Ngày kết thúc "
        "xử lý.",
    )


# ---------------------------------------------------------------- (a) kstthc's own form


def _read_form(wb: Any, display: str) -> Imported:
    rd = Reader(display)
    marker = wb[form.MARKER_SHEET]
    year = marker["B1"].value
    pid = marker["C1"].value
    if not isinstance(year, int) or pid not in periods.SPANS:
        raise KstthcError(
            f"Trang '{form.MARKER_SHEET}' của '{display}' bị sửa; không biết mẫu của kỳ nào.",
            "Tạo lại mẫu bằng kstthc form và chép số liệu sang.",
        )
    for title in (form.DOSSIERS, *form.BLOCKS):
        if title not in wb.sheetnames:
            raise KstthcError(
                f"Mẫu '{display}' thiếu trang '{title}'.",
                "Không đổi tên hay xóa trang tính của mẫu; tạo lại mẫu bằng kstthc form.",
            )
    sh = wb[form.DOSSIERS]
    rows: list[DossierRow] = []
    for r in range(form.FIRST_ROW, form.FIRST_ROW + form.ROWS):
        name = _text(sh.cell(r, form.FIELD_COL).value)
        values: dict[int, int | None] = {}
        for k in range(len(fig.ROW_COUNTS)):
            c = form.FIRST_COUNT_COL + k
            raw = sh.cell(r, c).value
            if isinstance(raw, str) and raw.startswith("="):
                if k in form.FORMULA_COLS and raw.replace(" ", "") == form.row_formula(r, k):
                    values[k] = None  # filled in from its parts below
                    continue
                rd.add(
                    form.DOSSIERS,
                    _ref(r, c),
                    "formula",
                    f"Ô có công thức lạ '{raw[:40]}'.",
                    "Ghi số, hoặc để nguyên công thức của mẫu.",
                )
                values[k] = None
                continue
            values[k] = rd.count(form.DOSSIERS, _ref(r, c), raw)
        for k, parts in form.FORMULA_COLS.items():
            raw = sh.cell(r, form.FIRST_COUNT_COL + k).value
            if isinstance(raw, str) and raw.startswith("="):
                given = [values[p] for p in parts if values[p] is not None]
                values[k] = sum(v for v in given if v is not None) if given else None
        explanation = _text(sh.cell(r, form.EXPLANATION_COL).value)
        if name is None:
            if any(values[k] is not None for k in values if k not in form.FORMULA_COLS):
                rd.add(
                    form.DOSSIERS,
                    _ref(r, form.FIELD_COL),
                    "missing-field",
                    "Dòng có số liệu nhưng chưa ghi lĩnh vực.",
                    "Ghi tên lĩnh vực vào cột B.",
                )
            continue
        if all(v is None for v in values.values()):
            continue
        values = {k: 0 if v is None else v for k, v in values.items()}  # blank is none
        row = _row(name, _text(sh.cell(r, form.SOURCE_COL).value), values, explanation)
        _row_problems(rd, form.DOSSIERS, r, form.FIRST_COUNT_COL, row)
        rows.append(row)
    blocks: dict[str, dict[str, int | None]] = {}
    for title, block in form.BLOCKS.items():
        bs = wb[title]
        got: dict[str, int | None] = {}
        for i, name in enumerate(form.block_names(block)):
            r = form.BLOCK_FIRST_ROW + i
            if bs.cell(r, 2).value != name:
                rd.add(
                    title,
                    _ref(r, 2),
                    "form-changed",
                    f"Cột Tên ở đây phải là '{name}'.",
                    "Không sửa cột Tên của mẫu; tạo lại mẫu bằng kstthc form nếu cần.",
                )
                continue
            got[name.split(".", 1)[1]] = rd.count(title, _ref(r, 3), bs.cell(r, 3).value)
        blocks[block] = got
    period = FiguresPeriod(
        period=str(pid),
        source=Source(file=Path(display).name),
        dossiers=rows,
        complaints=_block(Complaints, blocks["complaints"]),
        procedures=_block(Procedures, blocks["procedures"]),
        egov=_block(Egov, blocks["egov"]),
    )
    direct = _read_direct(wb, rd) if form.DIRECT in wb.sheetnames else []
    return Imported("form", str(pid), year, period, rd.problems, direct=direct)


def _read_direct(wb: Any, rd: Reader) -> list[DirectFigure]:
    """The filled rows of the directly entered indicators' sheet: a ratio's numerator and
    denominator (whole numbers), a value (``92,5`` as text too), or an x for "không phát
    sinh"; an empty row is skipped."""
    sh = wb[form.DIRECT]
    out: list[DirectFigure] = []
    r = form.DIRECT_FIRST_ROW
    while (ind := _text(sh.cell(r, 1).value)) is not None:
        num = rd.count(form.DIRECT, _ref(r, 3), sh.cell(r, 3).value)
        den = rd.count(form.DIRECT, _ref(r, 4), sh.cell(r, 4).value)
        value = _direct_value(rd, r, sh.cell(r, 5).value)
        mark = _folded(sh.cell(r, 7).value)
        none = mark in ("x", "co", "kps", "khong phat sinh")
        if mark and not none:
            rd.add(
                form.DIRECT,
                _ref(r, 7),
                "bad-value",
                f"Cột Không phát sinh chỉ ghi x (đang là '{str(sh.cell(r, 7).value)[:40]}').",
                "Ghi x nếu kỳ này không có gì để đếm; để trống nếu có số liệu.",
            )
        if num is not None or den is not None or value is not None or none:
            out.append(DirectFigure(ind, rd.at(form.DIRECT, _ref(r, 1)), num, den, value, none))
        r += 1
    return out


def _direct_value(rd: Reader, r: int, raw: Any) -> float | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        return float(raw)
    if isinstance(raw, str) and re.fullmatch(r"\s*\d+(?:,\d+)?\s*", raw):
        return float(raw.strip().replace(",", "."))
    rd.add(
        form.DIRECT,
        _ref(r, 5),
        "bad-value",
        f"Giá trị phải là một số (đang là '{str(raw)[:40]}').",
        "Ghi số, ví dụ 92,5 hoặc 2.",
    )
    return None


def _block(model: Any, values: dict[str, int | None]) -> Any:
    given = {k: v for k, v in values.items() if v is not None}
    return model(**given) if given else None


def _row(
    name: str, source: str | None, values: dict[int, int | None], explanation: str | None
) -> DossierRow:
    v = [values.get(k) for k in range(len(fig.ROW_COUNTS))]
    return DossierRow(
        field=name,
        source=source,
        received=Received(total=v[0], online=v[1], direct=v[2], carried_over=v[3]),
        resolved=Resolved(total=v[4], early=v[5], on_time=v[6], late=v[7]),
        in_progress=InProgress(total=v[8], within=v[9], overdue=v[10]),
        explanation=explanation,
    )


def _row_problems(rd: Reader, sheet: str, r: int, first_col: int, row: DossierRow) -> None:
    from kstthc_cli.rules.figures import mismatch_words, severity_for

    for m in fig.row_mismatches(row):
        col = first_col + fig.ROW_COUNTS.index(m.where)
        rd.add(
            sheet, _ref(r, col), mismatch_words(row, m, workbook=True), severity=severity_for(row)
        )


# ---------------------------------------------------------------- (b) Biểu 06 / II.06a

#: Words (folded) each numbered column's headers must hold, as the systems word them.
_HEADER_WORDS: dict[int, tuple[str, ...]] = {
    2: ("linh vuc", "don vi", "noi dung", "ten"),
    4: ("truc tuyen",),
    5: ("truc tiep", "buu chinh"),
    6: ("ky truoc",),
    8: ("truoc han", "truoc thoi han"),
    9: ("dung han", "dung thoi han"),
    10: ("qua han", "tre han", "qua thoi han"),
    12: ("trong han",),
    13: ("qua han", "tre han"),
}


def _numbered_row(rows: list[tuple[Any, ...]]) -> tuple[int, int] | None:
    """The row numbering the columns (1)…(13) and the column of (1)."""
    for i, row in enumerate(rows):
        marks = [re.sub(r"[\s()]", "", str(v)) if v is not None else "" for v in row]
        for c in range(len(marks) - 12):
            if all(marks[c + k] == str(k + 1) for k in range(13)):
                wrapped = str(row[c]).strip().startswith("(")
                if wrapped or i >= 2:
                    return i, c
    return None


_SIGNATURE = ("nguoi lap bieu", "thu truong don vi", "nguoi lap")
_ROMAN = re.compile(r"^(?=[ivxlc]+$)m*(c[md]|d?c{0,3})(x[cl]|l?x{0,3})(i[xv]|v?i{0,3})$")


def _read_bieu06(
    sheet: str,
    rows: list[tuple[Any, ...]],
    header: tuple[int, int],
    display: str,
    rule: periods.CutoffRule,
    file_name: str,
) -> Imported:
    rd = Reader(display)
    hr, c0 = header
    heads = [rows[hr - 2] if hr >= 2 else (), rows[hr - 1] if hr >= 1 else ()]
    for k, words in _HEADER_WORDS.items():
        text = " ".join(_folded(h[c0 + k - 1]) for h in heads if len(h) > c0 + k - 1)
        if not any(w in text for w in words):
            rd.add(
                sheet,
                _ref(hr, c0 + k),
                "unknown-header",
                f"Cột ({k}) không có tiêu đề như Biểu 06 ('{words[0]}…').",
                "Hai dòng tiêu đề phải như Biểu 06/II.06a: Lĩnh vực; Trực tuyến; Trực tiếp, "
                "dịch vụ bưu chính; Từ kỳ trước; Trước hạn; Đúng hạn; Quá hạn; Trong hạn; "
                "Quá hạn.",
            )
    win = _window_line(rows, hr)
    pid: str | None = None
    year: int | None = None
    if win is None:
        rd.add(
            sheet,
            "A1",
            "no-window",
            "Không thấy dòng '(Từ ngày … đến ngày …)' của biểu.",
            "Xuất lại biểu từ hệ thống, giữ nguyên phần tiêu đề.",
        )
    else:
        found = period_of_window(win[0], win[1], rule)
        if found is None:
            rd.add(
                sheet,
                _ref(win[2] + 1, 1),
                "not-a-period",
                f"Khoảng {win[0]:%d/%m/%Y}–{win[1]:%d/%m/%Y} không phải một kỳ báo cáo.",
                "Xuất biểu đúng kỳ: ví dụ quý II là 15/03–14/06 (NĐ 09/2019).",
            )
        else:
            pid, year = found
    merged: dict[tuple[str, str | None], DossierRow] = {}
    section: str | None = None
    for i in range(hr + 1, len(rows)):
        row = rows[i]
        r = i + 1

        def get(k: int, row: tuple[Any, ...] = row) -> Any:
            return row[c0 + k - 1] if len(row) > c0 + k - 1 else None

        stt, name = _text(get(1)), _text(get(2))
        if any(w in _folded(v) for v in row for w in _SIGNATURE):
            break  # the signatures under the table
        raw = [get(k) for k in range(3, 14)]
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in raw):
            label = _folded(name or stt)
            if label.startswith(("tren he thong", "he thong")):
                section = name or stt
            continue
        if name is None and stt is not None and not stt.replace(".", "").isdigit():
            name, stt = stt, None
        if (
            name is None
            or _folded(name).startswith("tong")
            or _ROMAN.match(_folded(stt))
            or (stt is not None and re.fullmatch(r"[A-Za-z]", stt))
        ):
            continue  # a total or group row: derived from the rows under it
        values = {k: rd.count(sheet, _ref(r, c0 + 2 + k), v) for k, v in enumerate(raw)}
        new = _row(name, section, values, None)
        _row_problems(rd, sheet, r, c0 + 3, new)
        key = (_folded(name), section)
        if key in merged:
            new = _add_rows(merged[key], new)
        merged[key] = new
    period = None
    if pid is not None:
        period = FiguresPeriod(
            period=pid,
            source=Source(system=None, file=file_name),
            dossiers=list(merged.values()),
        )
    return Imported("bieu06", pid, year, period, rd.problems)


def _add_rows(a: DossierRow, b: DossierRow) -> DossierRow:
    values: dict[int, int | None] = {}
    for k, where in enumerate(fig.ROW_COUNTS):
        x, y = fig.cell(a, where), fig.cell(b, where)
        values[k] = None if x is None and y is None else (x or 0) + (y or 0)
    return _row(a.field, a.source, values, a.explanation)


# ---------------------------------------------------------------- (c) Danh sách hồ sơ

_LIST_COLUMNS: dict[str, tuple[str, ...]] = {
    "code": ("ma ho so",),
    "field": ("linh vuc",),
    "procedure": ("ten thu tuc", "thu tuc"),
    "status": ("trang thai",),
    "received": ("ngay nhan", "ngay tiep nhan"),
    "due": ("ngay hen tra", "hen tra"),
    "finished": ("ngay ket thuc xu ly", "ngay ket thuc", "ngay co ket qua"),
    "channel": ("kenh", "hinh thuc nop"),
}
_REQUIRED = ("code", "field", "status", "received", "due", "finished")
_LIST_WORDS = (
    "Mã hồ sơ, Lĩnh vực, Trạng thái, Ngày nhận, Ngày hẹn trả, Ngày kết thúc xử lý "
    "(Tên thủ tục, Kênh hoặc Hình thức nộp nếu có)"
)


def _list_header(rows: list[tuple[Any, ...]]) -> tuple[int, dict[str, int]] | None:
    for i, row in enumerate(rows[:30]):
        names = [_folded(v) for v in row]
        if "ma ho so" not in names:
            continue
        cols: dict[str, int] = {}
        for key, words in _LIST_COLUMNS.items():
            for w in words:
                hit = next((c for c, n in enumerate(names) if n == w), None)
                if hit is None:
                    hit = next((c for c, n in enumerate(names) if n.startswith(w)), None)
                if hit is not None and hit not in cols.values():
                    cols[key] = hit
                    break
        return i, cols
    return None


def _day(rd: Reader, sheet: str, ref: str, value: Any) -> tuple[bool, date | None]:
    if value is None or (isinstance(value, str) and not value.strip()):
        return True, None
    if isinstance(value, datetime):
        return True, value.date()
    if isinstance(value, date):
        return True, value
    m = re.fullmatch(
        r"\s*(\d{1,2})/(\d{1,2})/(\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*", str(value)
    )
    if m:
        d, mo, y = (int(x) for x in m.groups())
        try:
            return True, date(y, mo, d)
        except ValueError:
            pass
    rd.add(
        sheet,
        ref,
        "bad-date",
        f"Không đọc được ngày '{str(value)[:40]}'.",
        "Ngày viết dạng dd/mm/yyyy (có thể kèm giờ), hoặc ô ngày của Excel.",
    )
    return False, None


_EXCLUDED = ("khong tiep nhan", "tu choi tiep nhan", "tu choi")
_RETURNED = ("tra lai", "rut ho so", "da rut", "rut")
_WAITING = ("bo sung",)
_ONLINE = ("truc tuyen", "online", "dvc", "2")


def _read_list(
    sheet: str,
    rows: list[tuple[Any, ...]],
    found: tuple[int, dict[str, int]],
    display: str,
    rule: periods.CutoffRule,
    period: tuple[str, int] | None,
    file_name: str,
) -> Imported:
    rd = Reader(display)
    hr, cols = found
    missing = [k for k in _REQUIRED if k not in cols]
    if missing:
        raise KstthcError(
            f"Danh sách hồ sơ '{display}' (trang '{sheet}', dòng {hr + 1}) thiếu cột cần thiết.",
            f"Cần các cột: {_LIST_WORDS}.",
        )
    win = _window_line(rows, hr)
    if win is not None:
        start, end = win[0], win[1]
        got = period_of_window(start, end, rule)
        if got is None:
            raise KstthcError(
                f"Khoảng {start:%d/%m/%Y}–{end:%d/%m/%Y} của '{display}' không phải một kỳ "
                "báo cáo.",
                "Xuất danh sách đúng kỳ, hoặc bỏ dòng 'Từ ngày … đến ngày …' và cho biết kỳ.",
            )
        pid, year = got
        if period is not None and period[0] != pid:
            raise KstthcError(
                f"'{display}' là số liệu {periods.label(pid, year)}, khác kỳ đã ghi "
                f"({periods.label(*period)}).",
                "Không ghi kỳ, hoặc ghi đúng kỳ của tệp.",
            )
    elif period is not None:
        pid, year = period
        start, end = periods.window(pid, year, rule)
    else:
        raise KstthcError(
            f"Danh sách hồ sơ '{display}' không có dòng '(Từ ngày … đến ngày …)'.",
            "Cho biết kỳ của danh sách khi nhập (ví dụ kỳ q2).",
        )
    has_channel = "channel" in cols
    table: dict[str, dict[str, int]] = {}
    late: list[LateDossier] = []
    counted = 0
    for i in range(hr + 1, len(rows)):
        row = rows[i]
        r = i + 1

        def get(key: str, row: tuple[Any, ...] = row) -> Any:
            c = cols.get(key)
            return row[c] if c is not None and c < len(row) else None

        def ref(key: str, r: int = r) -> str:
            return _ref(r, cols[key] + 1)

        code = _text(get("code"))
        if code is None:
            continue
        status = _folded(get("status"))
        if any(w in status for w in _EXCLUDED):
            continue
        ok1, received = _day(rd, sheet, ref("received"), get("received"))
        ok2, due = _day(rd, sheet, ref("due"), get("due"))
        ok3, finished = _day(rd, sheet, ref("finished"), get("finished"))
        if not (ok1 and ok2 and ok3):
            continue
        if received is None:
            rd.add(
                sheet,
                ref("received"),
                "missing-date",
                f"Hồ sơ {code} không có ngày nhận.",
                "Mỗi hồ sơ cần ngày nhận để biết thuộc kỳ nào.",
            )
            continue
        returned = any(w in status for w in _RETURNED)
        if returned and finished is None:
            rd.add(
                sheet,
                ref("finished"),
                "missing-date",
                f"Hồ sơ {code} bị trả lại hoặc rút nhưng không có ngày kết thúc.",
                "Ghi ngày trả lại, rút hồ sơ vào cột Ngày kết thúc xử lý.",
            )
            continue
        if received > end or (finished is not None and finished < start):
            continue  # outside the window
        counted += 1
        name = _text(get("field")) or "Không rõ lĩnh vực"
        t = table.setdefault(
            name,
            dict.fromkeys(
                (
                    "online",
                    "direct",
                    "carried_over",
                    "early",
                    "on_time",
                    "late",
                    "within",
                    "overdue",
                ),
                0,
            ),
        )
        if received < start:
            t["carried_over"] += 1
        elif has_channel and (
            _folded(get("channel")) in _ONLINE or "truc tuyen" in _folded(get("channel"))
        ):
            t["online"] += 1
        else:
            t["direct"] += 1
        procedure = _text(get("procedure"))
        if finished is not None and finished <= end:
            if returned or due is None or finished == due:
                t["on_time"] += 1
            elif finished < due:
                t["early"] += 1
            else:
                t["late"] += 1
                late.append(
                    LateDossier(
                        code=code,
                        field=name,
                        procedure=procedure,
                        received=received,
                        due=due,
                        finished=finished,
                    )
                )
        elif any(w in status for w in _WAITING) or due is None or due >= end:
            t["within"] += 1
        else:
            t["overdue"] += 1
            late.append(
                LateDossier(code=code, field=name, procedure=procedure, received=received, due=due)
            )
    dossiers = [
        DossierRow(
            field=name,
            received=Received(
                total=t["online"] + t["direct"] + t["carried_over"],
                online=t["online"] if has_channel else None,
                direct=t["direct"] if has_channel else None,
                carried_over=t["carried_over"],
            ),
            resolved=Resolved(
                total=t["early"] + t["on_time"] + t["late"],
                early=t["early"],
                on_time=t["on_time"],
                late=t["late"],
            ),
            in_progress=InProgress(
                total=t["within"] + t["overdue"], within=t["within"], overdue=t["overdue"]
            ),
        )
        for name, t in table.items()
    ]
    result = FiguresPeriod(
        period=pid, source=Source(file=file_name), dossiers=dossiers, late_dossiers=late
    )
    return Imported("dossier-list", pid, year, result, rd.problems, counted)
