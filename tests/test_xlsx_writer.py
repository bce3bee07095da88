"""The streamed workbook read back with openpyxl: cells keep their kinds and styles, text is
never a formula, what XML cannot hold is dropped, the table and the print setup are there."""

from __future__ import annotations

import datetime
import io
import zipfile
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from kstthc_cli.render.xlsx_writer import Table, column_letter, unique, write_workbook


def _book(*tables: Table) -> Any:
    buffer = io.BytesIO()
    write_workbook(buffer, list(tables))
    return load_workbook(io.BytesIO(buffer.getvalue()))


def _table(rows: list[list[Any]], **kw: Any) -> Table:
    base: dict[str, Any] = {
        "name": "Trang",
        "table": "tblTrang",
        "top": [[("Tiêu đề", "title")], []],
        "header": ["Xã", "Số", "Tỷ lệ"],
        "widths": [20, 8, 10],
        "rows": rows,
    }
    return Table(**{**base, **kw})


def test_cells_keep_their_kind_and_number_format() -> None:
    wb = _book(
        _table(
            [
                [("=1+1", None), (12, "#,##0"), (0.655, "0.00%")],
                [("  lề  ", None), (None, None), (datetime.date(2024, 7, 1), "dd/mm/yyyy")],
            ]
        )
    )
    ws = wb["Trang"]
    assert ws["A1"].value == "Tiêu đề" and ws["A1"].font.bold and ws["A1"].font.size == 13
    assert [c.value for c in ws[3]] == ["Xã", "Số", "Tỷ lệ"] and ws["A3"].font.bold
    a, b, c = ws[4]
    assert (a.value, a.data_type) == ("=1+1", "s")  # text, never a formula
    assert (b.value, b.number_format) == (12, "#,##0")
    assert (c.value, c.number_format) == (0.655, "0.00%")
    assert ws["A5"].value == "  lề  "  # spaces kept
    assert ws["B5"].value is None
    assert (
        ws["C5"].value == datetime.datetime(2024, 7, 1) and ws["C5"].number_format == "dd/mm/yyyy"
    )


def test_a_moment_is_a_day_and_its_fraction() -> None:
    wb = _book(_table([[(datetime.datetime(2024, 7, 1, 18, 0), "dd/mm/yyyy")]]))
    assert wb["Trang"]["A4"].value == datetime.datetime(2024, 7, 1, 18, 0)


def test_table_marks_and_print_setup() -> None:
    rows = [
        [(f"Xã {i}", None), (i, None), ("chưa đạt" if i % 2 else "đạt", None)] for i in range(5)
    ]
    wb = _book(_table(rows, marks=[("Tỷ lệ", "chưa đạt")], page_header="Tổng hợp && kỳ"))
    ws = wb["Trang"]
    (table,) = ws.tables.values()
    assert table.ref == "A3:C8" and table.autoFilter.ref == "A3:C8"
    assert [c.name for c in table.tableColumns] == ["Xã", "Số", "Tỷ lệ"]
    (cf,) = list(ws.conditional_formatting)
    (rule,) = cf.rules
    assert (str(cf.sqref), rule.operator, rule.formula) == ("C4:C8", "equal", ['"chưa đạt"'])
    assert rule.dxf.fill is not None
    assert ws.freeze_panes == "A4"
    assert ws.page_setup.orientation == "landscape"
    assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert ws.print_title_rows == "$3:$3"
    assert ws.oddHeader.center.text == "Tổng hợp && kỳ"
    assert ws.column_dimensions["A"].width == 20


def test_an_empty_sheet_has_its_line_and_no_table() -> None:
    wb = _book(_table([], empty=[("(không có)", None)]))
    ws = wb["Trang"]
    assert ws["A4"].value == "(không có)" and not ws.tables
    with zipfile.ZipFile(io.BytesIO(_bytes(_table([])))) as z:
        assert not [n for n in z.namelist() if n.startswith("xl/tables/")]


def _bytes(t: Table) -> bytes:
    buffer = io.BytesIO()
    write_workbook(buffer, [t])
    return buffer.getvalue()


def test_what_xml_cannot_hold_is_dropped_and_the_rest_escaped() -> None:
    wb = _book(_table([[("a\x01b\ufffe<&>\"'", None), (float("nan"), None), (1, None)]]))
    a, b, c = wb["Trang"][4]
    assert a.value == "ab<&>\"'"
    assert b.value is None and c.value == 1


def test_a_cell_of_another_kind_is_refused() -> None:
    with pytest.raises(TypeError):
        _bytes(_table([[(True, None)]]))
    with pytest.raises(TypeError):
        _bytes(_table([[(object(), None)]]))


def test_header_names_are_made_unique_for_the_table() -> None:
    assert unique(["CT 1", "ct 1", "CT 1", "Xã"]) == ["CT 1", "ct 1 (2)", "CT 1 (3)", "Xã"]
    wb = _book(_table([[("x", None), (1, None), (2, None)]], header=["A", "a", "A"]))
    ws = wb["Trang"]
    assert [c.value for c in ws[3]] == ["A", "a (2)", "A (3)"]
    (table,) = ws.tables.values()
    assert [c.name for c in table.tableColumns] == ["A", "a (2)", "A (3)"]


@given(st.integers(min_value=1, max_value=16384))
@settings(max_examples=200)
def test_column_letters_are_excels(n: int) -> None:
    from openpyxl.utils import get_column_letter

    assert column_letter(n) == get_column_letter(n)


def test_progress_counts_the_rows() -> None:
    seen: list[int] = []
    rows = [[("x", None)] for _ in range(600)]
    write_workbook(io.BytesIO(), [_table(rows), _table(rows[:3], name="Hai", table="tblHai")],
                   seen.append)  # fmt: skip
    assert seen == sorted(seen) and seen[-1] == 603 and 250 in seen and 600 in seen
