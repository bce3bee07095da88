"""A workbook of tables streamed straight into its Office Open XML parts (ECMA-376,
SpreadsheetML), for the rollup of hundreds of communes.

openpyxl makes an object for every cell (about 10–15 µs each even in write-only mode): the
province's workbook of 1,000 communes holds some 900,000 cells. Here a row is one string
joined from its cells' XML, so the workbook costs about what its text does. It writes only what
the rollup uses: text, numbers and a date, a few number formats and fonts, column widths, a
frozen header, an Excel table with filters per sheet, "cell equals" conditional marks, and
print setup (landscape, fitted to the page's width, the header row repeated, a page header and
footer). Everything else (reading, the commune's Excel form) stays with openpyxl.

Safe by construction: every text is an inline string cell (``t="inlineStr"``), never a formula
or an error value, whatever it begins with; XML's special characters are escaped and the
characters XML 1.0 cannot hold are dropped (``printable`` has already removed control
characters from the officer's words).
"""

from __future__ import annotations

import math
import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import IO, Any
from xml.sax.saxutils import escape, quoteattr

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

#: Cell styles, by the name a cell asks for: (number format id, font id). Ids 3, 4, 9 and 10
#: are built-in formats (#,##0 · #,##0.00 · 0% · 0.00%); 164 is ours (dd/mm/yyyy).
STYLES: dict[str | None, int] = {
    None: 0,
    "bold": 1,
    "title": 2,
    "0.00%": 3,
    "0%": 4,
    "#,##0.00": 5,
    "#,##0": 6,
    "dd/mm/yyyy": 7,
}
_XFS = ((0, 0), (0, 1), (0, 2), (10, 0), (9, 0), (4, 0), (3, 0), (164, 0))
#: Characters XML 1.0 cannot carry at all (a lone surrogate, U+FFFE/U+FFFF, C0 controls).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_EXCEL_EPOCH = date(1899, 12, 30)

#: A cell: its value (text, number, date or ``None``) and its style's name (``STYLES``).
Cell = tuple[Any, str | None]


@dataclass(frozen=True)
class Table:
    """One sheet: ``top`` rows written above the header (title, period…), the header row (an
    Excel table with filters named ``table`` over it and the rows), ``marks``: (header, word)
    pairs whose cells equal to the word are filled red; ``empty``: the row written (with no
    table) when there are no rows. ``page_header`` and ``page_footer`` are in Excel's header
    language (``&P`` the page, ``&N`` the pages): a literal ``&`` must be written ``&&``."""

    name: str
    table: str
    top: Sequence[Sequence[Cell]]
    header: Sequence[str]
    widths: Sequence[float]
    rows: Iterable[Sequence[Cell]]
    marks: Sequence[tuple[str, str]] = ()
    page_header: str = ""
    page_footer: str = "Trang &P/&N"
    empty: Sequence[Cell] = ()


def unique(header: Sequence[str]) -> list[str]:
    """The header's names made unique as an Excel table needs them (ignoring case): a name
    seen before gets " (2)", " (3)"…; the characters XML cannot hold dropped."""
    seen: set[str] = set()
    out: list[str] = []
    for h in header:
        name, n = _NOT_XML.sub("", h), 1
        while (name if n == 1 else f"{name} ({n})").casefold() in seen:
            n += 1
        name = name if n == 1 else f"{name} ({n})"
        seen.add(name.casefold())
        out.append(name)
    return out


def column_letter(n: int) -> str:
    """1 → A, 27 → AA."""
    out = ""
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def xml_text(text: str) -> str:
    return escape(_NOT_XML.sub("", text))


def _cell(ref: str, value: Any, style: str | None) -> str:
    s = STYLES[style]
    at = f' r="{ref}"' + (f' s="{s}"' if s else "")
    if isinstance(value, str):
        text = _NOT_XML.sub("", value)
        space = ' xml:space="preserve"' if text != text.strip() else ""
        return f'<c{at} t="inlineStr"><is><t{space}>{escape(text)}</t></is></c>'
    if isinstance(value, bool):
        raise TypeError("a cell is text, a number or a date")
    if isinstance(value, int):
        return f"<c{at}><v>{value}</v></c>"
    if isinstance(value, float):
        if not math.isfinite(value):  # no such number in a sheet: left empty
            return ""
        # a whole number is written as one (1, not 1.0), as Excel and Calc write it
        shown = str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
        return f"<c{at}><v>{shown}</v></c>"
    if isinstance(value, datetime):  # days since Excel's epoch, the time as a fraction of one
        since = value - datetime.combine(_EXCEL_EPOCH, time())
        return f"<c{at}><v>{since / timedelta(days=1)!r}</v></c>"
    if isinstance(value, date):
        return f"<c{at}><v>{(value - _EXCEL_EPOCH).days}</v></c>"
    raise TypeError(f"a cell cannot hold {type(value).__name__}")


class _Rows:
    """Rows numbered as they are written, each joined into one string."""

    def __init__(self, out: IO[bytes], width: int) -> None:
        self.out = out
        self.n = 0
        self.letters = [column_letter(i) for i in range(1, max(width, 1) + 1)]

    def write(self, cells: Sequence[Cell]) -> None:
        self.n += 1
        n, letters = self.n, self.letters
        while len(letters) < len(cells):
            letters.append(column_letter(len(letters) + 1))
        body = "".join(
            _cell(f"{letters[i]}{n}", value, style)
            for i, (value, style) in enumerate(cells)
            if value is not None and value != ""  # an empty text is no cell (as Calc keeps it)
        )
        self.out.write(f'<row r="{n}">{body}</row>'.encode())


def write_workbook(
    out: IO[bytes], tables: Sequence[Table], progress: Callable[[int], None] | None = None
) -> None:
    """The workbook of ``tables`` into ``out`` (a zip); ``progress`` is called with the rows
    written so far (every few hundred rows, and at each sheet's end)."""
    written = 0
    step = 250
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        names: list[str] = []
        header_rows: list[int] = []
        table_ids: list[int | None] = []
        for k, t in enumerate(tables, start=1):
            header = unique(t.header)
            header_row = len(t.top) + 1
            last = column_letter(len(t.header))
            count = 0
            with z.open(f"xl/worksheets/sheet{k}.xml", "w") as part:
                part.write(_sheet_start(t, header_row).encode())
                rows = _Rows(part, len(t.header))
                for top in t.top:
                    rows.write(top)
                rows.write([(h, "bold") for h in header])
                for row in t.rows:
                    rows.write(row)
                    count += 1
                    if progress is not None and (written + count) % step == 0:
                        progress(written + count)
                if not count and t.empty:
                    rows.write(t.empty)
                part.write(_sheet_end(t, header_row, count, bool(count)).encode())
            written += count
            if progress is not None:
                progress(written)
            names.append(t.name)
            header_rows.append(header_row)
            table_ids.append(k if count else None)
            if count:
                ref = f"A{header_row}:{last}{header_row + count}"
                z.writestr(f"xl/tables/table{k}.xml", _table(k, t.table, header, ref))
                z.writestr(f"xl/worksheets/_rels/sheet{k}.xml.rels", _sheet_rels(k))
        z.writestr("xl/workbook.xml", _workbook(names, header_rows))
        z.writestr("xl/_rels/workbook.xml.rels", _workbook_rels(len(tables)))
        z.writestr("xl/styles.xml", _styles())
        z.writestr("docProps/app.xml", _app())
        z.writestr("_rels/.rels", _root_rels())
        z.writestr("[Content_Types].xml", _content_types(len(tables), table_ids))


def _sheet_start(t: Table, header_row: int) -> str:
    cols = "".join(
        f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>'
        for i, w in enumerate(t.widths, start=1)
    )
    below = f"A{header_row + 1}"
    return (
        f'{_DECL}<worksheet xmlns="{MAIN}" xmlns:r="{REL}">'
        '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>'
        '<sheetViews><sheetView workbookViewId="0">'
        f'<pane ySplit="{header_row}" topLeftCell="{below}" activePane="bottomLeft" '
        'state="frozen"/>'
        f'<selection pane="bottomLeft" activeCell="{below}" sqref="{below}"/>'
        "</sheetView></sheetViews>"
        '<sheetFormatPr defaultRowHeight="15"/>'
        f"<cols>{cols}</cols><sheetData>"
    )


def _sheet_end(t: Table, header_row: int, count: int, has_table: bool) -> str:
    marks = ""
    if count:
        for priority, (column, word) in enumerate(t.marks, start=1):
            col = column_letter(list(t.header).index(column) + 1)
            sqref = f"{col}{header_row + 1}:{col}{header_row + count}"
            formula = xml_text('"' + word.replace('"', '""') + '"')
            marks += (
                f'<conditionalFormatting sqref="{sqref}">'
                f'<cfRule type="cellIs" dxfId="0" priority="{priority}" operator="equal">'
                f"<formula>{formula}</formula></cfRule></conditionalFormatting>"
            )
    head = f"<oddHeader>{xml_text('&C' + t.page_header)}</oddHeader>" if t.page_header else ""
    foot = f"<oddFooter>{xml_text('&C' + t.page_footer)}</oddFooter>" if t.page_footer else ""
    parts = '<tableParts count="1"><tablePart r:id="rId1"/></tableParts>' if has_table else ""
    return (
        f"</sheetData>{marks}"
        '<pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.3" '
        'footer="0.3"/>'
        '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>'
        f"<headerFooter>{head}{foot}</headerFooter>{parts}</worksheet>"
    )


def _table(k: int, name: str, header: Sequence[str], ref: str) -> str:
    columns = "".join(
        f'<tableColumn id="{i}" name={quoteattr(h)}/>' for i, h in enumerate(header, start=1)
    )
    return (
        f'{_DECL}<table xmlns="{MAIN}" id="{k}" name={quoteattr(name)} '
        f'displayName={quoteattr(name)} ref="{ref}" totalsRowShown="0">'
        f'<autoFilter ref="{ref}"/>'
        f'<tableColumns count="{len(header)}">{columns}</tableColumns>'
        '<tableStyleInfo name="TableStyleLight9" showFirstColumn="0" showLastColumn="0" '
        'showRowStripes="1" showColumnStripes="0"/></table>'
    )


def _sheet_rels(k: int) -> str:
    kind = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/table"
    return (
        f'{_DECL}<Relationships xmlns="{PKG_REL}">'
        f'<Relationship Id="rId1" Type="{kind}" Target="../tables/table{k}.xml"/>'
        "</Relationships>"
    )


def _sheet_name(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"


def _workbook(names: Sequence[str], header_rows: Sequence[int]) -> str:
    sheets = "".join(
        f'<sheet name={quoteattr(n)} sheetId="{k}" r:id="rId{k}"/>'
        for k, n in enumerate(names, start=1)
    )
    titles = "".join(
        f'<definedName name="_xlnm.Print_Titles" localSheetId="{k}">'
        f"{xml_text(_sheet_name(n))}!${row}:${row}</definedName>"
        for k, (n, row) in enumerate(zip(names, header_rows, strict=True))
    )
    return (
        f'{_DECL}<workbook xmlns="{MAIN}" xmlns:r="{REL}">'
        '<bookViews><workbookView activeTab="0"/></bookViews>'
        f"<sheets>{sheets}</sheets><definedNames>{titles}</definedNames>"
        '<calcPr calcId="124519" fullCalcOnLoad="1"/></workbook>'
    )


def _workbook_rels(n: int) -> str:
    base = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    sheets = "".join(
        f'<Relationship Id="rId{k}" Type="{base}/worksheet" Target="worksheets/sheet{k}.xml"/>'
        for k in range(1, n + 1)
    )
    return (
        f'{_DECL}<Relationships xmlns="{PKG_REL}">{sheets}'
        f'<Relationship Id="rId{n + 1}" Type="{base}/styles" Target="styles.xml"/>'
        "</Relationships>"
    )


def _styles() -> str:
    font = '<sz val="11"/><name val="Calibri"/><family val="2"/>'
    xfs = "".join(
        f'<xf numFmtId="{f}" fontId="{t}" fillId="0" borderId="0" xfId="0"'
        + (' applyNumberFormat="1"' if f else "")
        + (' applyFont="1"' if t else "")
        + "/>"
        for f, t in _XFS
    )
    red = '<fgColor rgb="FFFFC7CE"/><bgColor rgb="FFFFC7CE"/>'
    return (
        f'{_DECL}<styleSheet xmlns="{MAIN}">'
        '<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>'
        f'<fonts count="3"><font>{font}</font><font><b/>{font}</font>'
        '<font><b/><sz val="13"/><name val="Calibri"/><family val="2"/></font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
        f'</cellStyleXfs><cellXfs count="{len(_XFS)}">{xfs}</cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
        '<dxfs count="1"><dxf><font><color rgb="FF9C0006"/></font>'
        f'<fill><patternFill patternType="solid">{red}</patternFill></fill></dxf></dxfs>'
        "</styleSheet>"
    )


def _app() -> str:
    props = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
    return f'{_DECL}<Properties xmlns="{props}"><Application>kstthc</Application></Properties>'


def _root_rels() -> str:
    base = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    return (
        f'{_DECL}<Relationships xmlns="{PKG_REL}">'
        f'<Relationship Id="rId1" Type="{base}/officeDocument" Target="xl/workbook.xml"/>'
        f'<Relationship Id="rId2" Type="{base}/extended-properties" Target="docProps/app.xml"/>'
        "</Relationships>"
    )


def _content_types(n: int, tables: Sequence[int | None]) -> str:
    ml = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    sheets = "".join(
        f'<Override PartName="/xl/worksheets/sheet{k}.xml" ContentType="{ml}.worksheet+xml"/>'
        for k in range(1, n + 1)
    )
    parts = "".join(
        f'<Override PartName="/xl/tables/table{k}.xml" ContentType="{ml}.table+xml"/>'
        for k in tables
        if k is not None
    )
    app = "application/vnd.openxmlformats-officedocument.extended-properties+xml"
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{ml}.sheet.main+xml"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{ml}.styles+xml"/>'
        f'<Override PartName="/docProps/app.xml" ContentType="{app}"/>'
        f"{sheets}{parts}</Types>"
    )
