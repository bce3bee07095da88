"""One of the rollup's tables as CSV (``rollup --format csv --table …``): the workbook's sheet of
that name, header and rows only, for scripts and spreadsheets.

Numbers are written plainly (a dot for decimals; percentages as percents, 65.5 for 65,5 %).
No cell ever starts a formula: a text beginning with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return is written with a leading ``'`` (OWASP's advice against CSV injection).
"""

from __future__ import annotations

import csv
import io

from kstthc_cli.compute.rollup import Rollup
from kstthc_cli.render import textfmt as fmt
from kstthc_cli.render.rollup_xlsx import PERCENT, WHOLE_PERCENT, all_sheets

#: ``--table`` words → the workbook's sheets.
TABLES = {
    "xa": "Xã",
    "chi-tieu-gop": "Chỉ tiêu gộp",
    "xa-chua-dat": "Xã chưa đạt",
    "chua-co-so-lieu": "Chưa có số liệu",
    "loi-du-lieu": "Lỗi dữ liệu",
    "chi-tiet": "Chi tiết",
    "theo-ky": "Theo kỳ",
    "ho-so": "Hồ sơ",
}
DEFAULT_TABLE = "theo-ky"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_text(text: str) -> str:
    """A text cell that no spreadsheet reads as a formula."""
    text = fmt.printable(text)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _cell(value: object, form: str | None) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return safe_text(value)
    if isinstance(value, float) and form in (PERCENT, WHOLE_PERCENT):
        value = round(value * 100, 4)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def csv_bytes(r: Rollup, table: str, *, bom: bool = False) -> bytes:
    """The table ``table`` (a key of ``TABLES``) as UTF-8 CSV; ``bom``: with a byte-order mark
    (for a file Excel opens); empty but for the header when it has no rows."""
    name = TABLES[table]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for sheet in all_sheets(r):
        if sheet.name != name:
            continue
        writer.writerow([safe_text(h) for h in sheet.header])
        for row in sheet.rows:
            writer.writerow([_cell(value, form) for value, form in row])
    return (("\ufeff" if bom else "") + out.getvalue()).encode("utf-8")
