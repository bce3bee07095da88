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

from kstthc_cli import messages
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
from kstthc_cli.messages import Said, said
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


#: What Excel shows in a cell whose formula failed (openpyxl reads them as text).
EXCEL_ERRORS = (
    "#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#SPILL!", "#CALC!",
    "#GETTING_DATA", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!",
)  # fmt: skip
#: The largest count a cell may hold: Excel keeps 15 significant digits, a larger number is
#: no longer the one typed (10^30 comes back as 1000000000000000019884624838656).
MAX_COUNT = 10**15 - 1
_BAD_CHARACTER = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


class _Refused:
    """A cell already reported (a formula, an Excel error): its value is not read."""


REFUSED = _Refused()


def digits(number: int) -> int:
    """How many digits a whole number has (even one Python refuses to turn into text)."""
    try:
        return len(str(abs(number)))
    except ValueError:
        return int(abs(number).bit_length() * 0.30103) + 1


def shown(value: Any) -> str:
    """A cell's value as the officer sees it (a decimal comma), cut to 40 characters."""
    if isinstance(value, datetime):
        text = f"{value:%d/%m/%Y %H:%M}".removesuffix(" 00:00")
    elif isinstance(value, date):
        text = f"{value:%d/%m/%Y}"
    elif isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_COUNT:
        text = f"số {digits(value)} chữ số"  # never str() of a number Python may refuse
    elif isinstance(value, float):
        text = (f"{value:.0f}" if value.is_integer() else repr(value)).replace(".", ",")
    else:
        text = getattr(value, "text", None) or str(value)
    text = _BAD_CHARACTER.sub("?", " ".join(text.split()))
    return text if len(text) <= 40 else text[:39] + "…"


class Reader:
    """Every cell of a workbook is read here, through ``cell`` (one gate): a formula, an
    Excel error value or a control character is a located problem, never a value; ``count``,
    ``text``, ``day`` and ``number`` then read what the cell must hold. Each problem is
    located as ``FILE:'Sheet'!CELL`` at the cell that holds the value."""

    def __init__(self, display: str) -> None:
        self.display = display
        self.problems: list[Problem] = []

    def at(self, sheet: str, ref: str) -> str:
        quoted = f"'{sheet}'" if re.search(r"[^A-Za-z0-9_]", sheet) else sheet
        return f"{self.display}:{quoted}!{ref}"

    def problem(
        self,
        sheet: str,
        ref: str,
        code: str | Said,
        message: str = "",
        hint: str = "",
        severity: Severity = "error",
        *,
        about: str = "",
    ) -> None:
        where = self.at(sheet, ref)
        self.problems.append(
            Problem.of(where, None, None, code, severity, about=about)
            if isinstance(code, Said)
            else Problem(where, None, None, code, severity, message, hint, about=about)
        )

    def refused(self, sheet: str, ref: str) -> bool:
        """Whether a problem was already found at this cell."""
        where = self.at(sheet, ref)
        return any(p.file == where for p in self.problems)

    def cell(self, sheet: str, ref: str, value: Any) -> Any:
        """The cell's value, or ``REFUSED`` when it holds a formula (its result is not in the
        file kstthc reads, and a formula is never run), an Excel error, or a control
        character; blank text is ``None``."""
        from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula

        if isinstance(value, (ArrayFormula, DataTableFormula)) or (
            isinstance(value, str) and value.startswith("=") and len(value) > 1
        ):
            formula = getattr(value, "text", None) or str(value)
            self.problem(
                sheet,
                ref,
                said("formula/cell", formula=shown(formula)),
            )
            return REFUSED
        if isinstance(value, str) and value.strip() in EXCEL_ERRORS:
            self.problem(
                sheet,
                ref,
                said("excel-error/cell", error=value.strip()),
            )
            return REFUSED
        if isinstance(value, str) and (bad := _BAD_CHARACTER.search(value)) is not None:
            self.problem(
                sheet,
                ref,
                said("bad-character/cell", point=ord(bad.group())),
            )
            return REFUSED
        if isinstance(value, str) and not value.strip():
            return None
        return value

    def count(self, sheet: str, ref: str, value: Any) -> int | None:
        """A count cell: empty, or a whole number from 0 to ``MAX_COUNT`` (``12`` as text
        accepted)."""
        value = self.cell(sheet, ref, value)
        if value is None or value is REFUSED:
            return None
        number: int | None = None
        if isinstance(value, int) and not isinstance(value, bool):
            number = value
        elif isinstance(value, float) and value.is_integer():
            number = int(value)
        elif isinstance(value, str):
            reading = read_count(value)
            if reading.kind == "whole":
                number = reading.number
            elif reading.kind == "long":
                many = f"{len(reading.digits):,}".replace(",", ".")
                self.problem(
                    sheet,
                    ref,
                    said("number-too-long/cell", many=many),
                )
                return None
        if number is None:
            self.problem(
                sheet,
                ref,
                said("bad-value/cell-count", value=shown(value)),
            )
            return None
        if number < 0:
            self.problem(
                sheet,
                ref,
                said("negative/cell", value=shown(number)),
            )
            return None
        if number > MAX_COUNT:
            self.problem(
                sheet,
                ref,
                said("out-of-range/cell", digits=digits(number)),
            )
            return None
        return number

    def text(self, sheet: str, ref: str, value: Any) -> str | None:
        """A text cell (a field's name, a dossier's code, a status): its words, spaces
        collapsed; a number or a date is taken as it is shown."""
        value = self.cell(sheet, ref, value)
        if value is None or value is REFUSED:
            return None
        if isinstance(value, (date, datetime)) or (
            isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_COUNT
        ):
            words = shown(value)
        elif isinstance(value, float) and value.is_integer() and abs(value) <= MAX_COUNT:
            words = str(int(value))
        else:
            words = str(value)
        return " ".join(words.split()) or None

    def day(self, sheet: str, ref: str, value: Any) -> tuple[bool, date | None]:
        """A date cell: an Excel date, or ``dd/mm/yyyy`` (with a time) as text; whether it
        was readable, and the day."""
        value = self.cell(sheet, ref, value)
        if value is REFUSED:
            return False, None
        if value is None:
            return True, None
        if isinstance(value, datetime):
            return True, value.date()
        if isinstance(value, date):
            return True, value
        m = re.fullmatch(
            r"\s*(\d{1,2})/(\d{1,2})/(\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*",
            value if isinstance(value, str) else "",
        )
        if m:
            d, mo, y = (int(x) for x in m.groups())
            try:
                return True, date(y, mo, d)
            except ValueError:
                pass
        self.problem(
            sheet,
            ref,
            said("bad-date/cell", value=shown(value)),
        )
        return False, None

    def number(self, sheet: str, ref: str, value: Any) -> float | None:
        """A value cell (92,5 or 92.5, as a number or as text); empty is ``None``."""
        value = self.cell(sheet, ref, value)
        if value is None or value is REFUSED:
            return None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            if abs(value) <= MAX_COUNT and value == value:  # not NaN
                return float(value)
        elif isinstance(value, str) and re.fullmatch(r"\s*\d{1,15}(?:,\d{1,15})?\s*", value):
            return float(value.strip().replace(",", "."))
        self.problem(
            sheet,
            ref,
            said("bad-value/cell-number", value=shown(value)),
        )
        return None


def _folded(value: Any) -> str:
    return " ".join(periods.fold(str(value or "")).split())


_WINDOW = re.compile(
    r"tu ngay\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*den ngay\s*(\d{1,2})/(\d{1,2})/(\d{4})"
)


@dataclass(frozen=True)
class Window:
    """The "(Từ ngày … đến ngày …)" line above a table: its cell (row and column, 1-based),
    and its two days (``None`` when one is not a day of the calendar)."""

    row: int
    col: int
    text: str
    days: tuple[date, date] | None


def _window_line(rows: list[tuple[Any, ...]], upto: int) -> Window | None:
    for i, row in enumerate(rows[:upto]):
        for c, value in enumerate(row):
            m = _WINDOW.search(_folded(value))
            if m:
                d1, m1, y1, d2, m2, y2 = (int(x) for x in m.groups())
                try:
                    days: tuple[date, date] | None = date(y1, m1, d1), date(y2, m2, d2)
                except ValueError:
                    days = None
                return Window(i + 1, c + 1, shown(value), days)
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
            else messages.text("failed/xlsx-not-zip")
            if isinstance(exc, zipfile.BadZipFile)
            else messages.text("failed/xlsx-parts")
        )
        raise KstthcError(said("failed/xlsx-unreadable", display=display, why=why)) from None
    if form.MARKER_SHEET in wb.sheetnames and wb[form.MARKER_SHEET]["A1"].value == form.MARKER:
        return _read_form(wb, display)
    for sheet in wb.worksheets:
        rows = [tuple(r) for r in sheet.iter_rows(values_only=True)]
        header = _numbered_row(rows)
        if header is not None:
            return _read_bieu06(sheet.title, rows, header, display, rule, period, path.name)
        found = _list_header(rows)
        if found is not None:
            return _read_list(sheet.title, rows, found, display, rule, period, path.name)
    raise KstthcError(said("failed/xlsx-layout", display=display))


# ---------------------------------------------------------------- (a) kstthc's own form


def _read_form(wb: Any, display: str) -> Imported:
    rd = Reader(display)
    marker = wb[form.MARKER_SHEET]
    year = marker["B1"].value
    pid = marker["C1"].value
    if not isinstance(year, int) or pid not in periods.SPANS:
        raise KstthcError(said("failed/form-marker", sheet=form.MARKER_SHEET, display=display))
    for title in (form.DOSSIERS, *form.BLOCKS):
        if title not in wb.sheetnames:
            raise KstthcError(said("failed/form-sheet", display=display, title=title))
    sh = wb[form.DOSSIERS]
    rows: list[DossierRow] = []
    seen: dict[tuple[str, str | None], int] = {}  # (field, source) folded → its row
    for r in range(form.FIRST_ROW, form.FIRST_ROW + form.ROWS):
        name = rd.text(form.DOSSIERS, _ref(r, form.FIELD_COL), sh.cell(r, form.FIELD_COL).value)
        values: dict[int, int | None] = {}
        own: list[int] = []  # the columns that keep the form's own formula
        before = len(rd.problems)
        for k in range(len(fig.ROW_COUNTS)):
            c = form.FIRST_COUNT_COL + k
            raw = sh.cell(r, c).value
            if (
                k in form.FORMULA_COLS
                and isinstance(raw, str)
                and raw.replace(" ", "") == form.row_formula(r, k)
            ):
                own.append(k)  # filled in from its parts below
                values[k] = None
                continue
            values[k] = rd.count(form.DOSSIERS, _ref(r, c), raw)
        for k in own:
            given = [values[p] for p in form.FORMULA_COLS[k] if values[p] is not None]
            values[k] = sum(v for v in given if v is not None) if given else None
        explanation = rd.text(
            form.DOSSIERS, _ref(r, form.EXPLANATION_COL), sh.cell(r, form.EXPLANATION_COL).value
        )
        if name is None:
            if rd.refused(form.DOSSIERS, _ref(r, form.FIELD_COL)):
                continue
            if any(values[k] is not None for k in values if k not in form.FORMULA_COLS):
                rd.problem(
                    form.DOSSIERS,
                    _ref(r, form.FIELD_COL),
                    said("missing-field/form-field"),
                )
            continue
        if all(v is None for v in values.values()):
            continue
        values = {k: 0 if v is None else v for k, v in values.items()}  # blank is none
        source = rd.text(form.DOSSIERS, _ref(r, form.SOURCE_COL), sh.cell(r, form.SOURCE_COL).value)
        row = _row(name, source, values, explanation)
        key = (_folded(name), _folded(source) or None)
        if (first := seen.setdefault(key, r)) != r:
            rd.problem(
                form.DOSSIERS,
                _ref(r, form.FIELD_COL),
                said("duplicate-row/form-source", name=name, source=source, first=first)
                if source
                else said("duplicate-row/form", name=name, first=first),
            )
            continue
        if len(rd.problems) == before:  # a row with a cell refused is not added up
            _row_problems(rd, form.DOSSIERS, r, form.FIRST_COUNT_COL, row)
        rows.append(row)
    blocks: dict[str, dict[str, int | None]] = {}
    for title, block in form.BLOCKS.items():
        bs = wb[title]
        got: dict[str, int | None] = {}
        for i, name in enumerate(form.block_names(block)):
            r = form.BLOCK_FIRST_ROW + i
            if bs.cell(r, 2).value != name:
                rd.problem(
                    title,
                    _ref(r, 2),
                    said("form-changed/name", name=name),
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
    while (ind := rd.text(form.DIRECT, _ref(r, 1), sh.cell(r, 1).value)) is not None:
        num = rd.count(form.DIRECT, _ref(r, 3), sh.cell(r, 3).value)
        den = rd.count(form.DIRECT, _ref(r, 4), sh.cell(r, 4).value)
        value = rd.number(form.DIRECT, _ref(r, 5), sh.cell(r, 5).value)
        written = rd.text(form.DIRECT, _ref(r, 7), sh.cell(r, 7).value)
        mark = _folded(written)
        none = mark in ("x", "co", "kps", "khong phat sinh")
        if written is not None and not none:
            rd.problem(
                form.DIRECT,
                _ref(r, 7),
                said("bad-value/form-none", value=shown(written)),
            )
        given = [
            f"{what} {shown(v)}"
            for what, v in (("tử số", num), ("mẫu số", den), ("giá trị", value))
            if v is not None
        ]
        if none and given:
            rd.problem(
                form.DIRECT,
                _ref(r, 7),
                said("none-with-figure/form", id=ind, given=", ".join(given)),
            )
            none = False  # judged no further: the sheet is refused
        if num is not None or den is not None or value is not None or none:
            out.append(DirectFigure(ind, rd.at(form.DIRECT, _ref(r, 1)), num, den, value, none))
        r += 1
    return out


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
        rd.problem(
            sheet, _ref(r, col), mismatch_words(row, m, workbook=True), severity=severity_for(row)
        )


# ---------------------------------------------------------------- (b) Biểu 06 / II.06a

#: Each numbered column's heading as Biểu 06 words it, and the words (folded) its header
#: rows must hold, as the systems word them.
_HEADER_WORDS: dict[int, tuple[str, tuple[str, ...]]] = {
    2: ("Lĩnh vực", ("linh vuc", "don vi", "noi dung", "ten")),
    4: ("Trực tuyến", ("truc tuyen",)),
    5: ("Trực tiếp, dịch vụ bưu chính", ("truc tiep", "buu chinh")),
    6: ("Từ kỳ trước", ("ky truoc",)),
    8: ("Trước hạn", ("truoc han", "truoc thoi han")),
    9: ("Đúng hạn", ("dung han", "dung thoi han")),
    10: ("Quá hạn", ("qua han", "tre han", "qua thoi han")),
    12: ("Trong hạn", ("trong han", "chua den han", "chua qua han", "con han")),
    13: ("Quá hạn", ("qua han", "tre han")),
}
#: How many rows above the column numbers hold the headers (a group row such as "Kết quả
#: giải quyết" may sit above the two of the official table).
_HEADER_ROWS = 3
_EXPECTED_HEADERS = "; ".join(f"({k}) {w}" for k, (w, _) in _HEADER_WORDS.items())


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
    asked: tuple[str, int] | None,
    file_name: str,
) -> Imported:
    rd = Reader(display)
    hr, c0 = header
    win = _window_line(rows, hr)
    top = max(0, hr - _HEADER_ROWS, win.row if win is not None else 0)
    heads = rows[top:hr]
    for k, (word, words) in _HEADER_WORDS.items():
        cells = [h[c0 + k - 1] for h in heads if len(h) > c0 + k - 1]
        text = " ".join(_folded(v) for v in cells if isinstance(v, str))
        if not any(w in text for w in words):
            found = " / ".join(shown(v) for v in cells if isinstance(v, str) and v.strip())
            rd.problem(
                sheet,
                _ref(hr, c0 + k),
                said(
                    "unknown-header/bieu06",
                    k=k,
                    found=found or messages.text("unknown-header/empty"),
                    word=word,
                    expected=_EXPECTED_HEADERS,
                ),
            )
    pid, year = _bieu06_period(rd, sheet, win, c0, rule, asked, display)
    merged: dict[tuple[str, str | None], DossierRow] = {}
    section: str | None = None
    for i in range(hr + 1, len(rows)):
        row = rows[i]
        r = i + 1

        def get(k: int, row: tuple[Any, ...] = row) -> Any:
            return row[c0 + k - 1] if len(row) > c0 + k - 1 else None

        if any(w in _folded(v) for v in row for w in _SIGNATURE):
            break  # the signatures under the table
        raw = [get(k) for k in range(3, 14)]
        first = get(1)
        # the STT is not a figure: a numbering formula (=A8+1) is a numbered row
        stt = None if isinstance(first, str) and first.startswith("=") else first
        stt, name = rd.text(sheet, _ref(r, c0 + 1), stt), rd.text(sheet, _ref(r, c0 + 2), get(2))
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
        # column (k) is the sheet's column c0 + k (1-based): (3) … (13)
        before = len(rd.problems)
        values = {k: rd.count(sheet, _ref(r, c0 + 3 + k), v) for k, v in enumerate(raw)}
        new = _row(name, section, values, None)
        if len(rd.problems) == before:  # a row with a cell refused is not added up
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


def _bieu06_period(
    rd: Reader,
    sheet: str,
    win: Window | None,
    c0: int,
    rule: periods.CutoffRule,
    asked: tuple[str, int] | None,
    display: str,
) -> tuple[str | None, int | None]:
    """The period of a Biểu 06: its "(Từ ngày … đến ngày …)" line, else the one asked for."""
    if win is None:
        if asked is not None:
            return asked
        rd.problem(
            sheet,
            _ref(1, c0 + 1),
            said("no-window/bieu06"),
            about="import-period-bieu06",
        )
        return None, None
    if win.days is None:
        rd.problem(
            sheet,
            _ref(win.row, win.col),
            said("bad-date/window", text=win.text),
        )
        return None, None
    start, end = win.days
    found = period_of_window(start, end, rule)
    if found is None:
        rd.problem(
            sheet,
            _ref(win.row, win.col),
            said("not-a-period/bieu06", start=start, end=end),
        )
        return None, None
    _same_period(found, asked, display)
    return found


def _same_period(found: tuple[str, int], asked: tuple[str, int] | None, display: str) -> None:
    """A file that says its period, imported with another period asked for, is refused."""
    if asked is not None and asked != found:
        raise KstthcError(
            said(
                "failed/import-other-period",
                display=display,
                found=periods.label(*found),
                asked=periods.label(*asked),
            ),
            about="import-period-other",
        )


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
_LIST_NAMES = {
    "code": "Mã hồ sơ",
    "field": "Lĩnh vực",
    "status": "Trạng thái",
    "received": "Ngày nhận",
    "due": "Ngày hẹn trả",
    "finished": "Ngày kết thúc xử lý",
}
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
            said(
                "failed/list-columns",
                display=display,
                sheet=sheet,
                row=hr + 1,
                missing=", ".join(_LIST_NAMES[k] for k in missing),
                needed=_LIST_WORDS,
            )
        )
    win = _window_line(rows, hr)
    if win is not None:
        if win.days is None:
            raise KstthcError(said("failed/list-window-date", text=win.text, display=display))
        start, end = win.days
        got = period_of_window(start, end, rule)
        if got is None:
            raise KstthcError(
                said("failed/list-not-a-period", start=start, end=end, display=display)
            )
        _same_period(got, period, display)
        pid, year = got
    elif period is not None:
        pid, year = period
        start, end = periods.window(pid, year, rule)
    else:
        raise KstthcError(
            said("failed/list-no-window", display=display), about="import-period-list"
        )
    has_channel = "channel" in cols
    table: dict[str, dict[str, int]] = {}
    late: list[LateDossier] = []
    counted = 0
    seen: dict[str, int] = {}  # a dossier's code (case folded) → its row
    for i in range(hr + 1, len(rows)):
        row = rows[i]
        r = i + 1

        def get(key: str, row: tuple[Any, ...] = row) -> Any:
            c = cols.get(key)
            return row[c] if c is not None and c < len(row) else None

        def ref(key: str, r: int = r) -> str:
            return _ref(r, cols[key] + 1)

        def text(key: str) -> str | None:
            return rd.text(sheet, ref(key), get(key)) if key in cols else None

        code = text("code")
        if code is None:
            continue
        if (first := seen.setdefault(code.casefold(), r)) != r:
            rd.problem(
                sheet,
                ref("code"),
                said("duplicate-dossier/list", code=code, first=first),
            )
            continue
        status = _folded(text("status"))
        if any(w in status for w in _EXCLUDED):
            continue
        ok1, received = rd.day(sheet, ref("received"), get("received"))
        ok2, due = rd.day(sheet, ref("due"), get("due"))
        ok3, finished = rd.day(sheet, ref("finished"), get("finished"))
        if not (ok1 and ok2 and ok3):
            continue
        if received is None:
            rd.problem(
                sheet,
                ref("received"),
                said("missing-date/received", code=code),
            )
            continue
        wrong = [
            (key, day, words)
            for key, day, words in (
                ("due", due, "hẹn trả"),
                ("finished", finished, "kết thúc xử lý"),
            )
            if day is not None and day < received
        ]
        for key, day, words in wrong:
            rd.problem(
                sheet,
                ref(key),
                said("dates-out-of-order/list", code=code, words=words, day=day, received=received),
            )
        if wrong:
            continue
        returned = any(w in status for w in _RETURNED)
        if returned and finished is None:
            rd.problem(
                sheet,
                ref("finished"),
                said("missing-date/finished", code=code),
            )
            continue
        if received > end or (finished is not None and finished < start):
            continue  # outside the window
        counted += 1
        name = text("field") or "Không rõ lĩnh vực"
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
            (channel := _folded(text("channel"))) in _ONLINE or "truc tuyen" in channel
        ):
            t["online"] += 1
        else:
            t["direct"] += 1
        procedure = text("procedure")
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
