"""The rollup workbook read back with openpyxl: title, period and day on every sheet, tables with
filters, "chưa đạt" marked, print setup, and the pivot-ready sheet "Theo kỳ"."""

from __future__ import annotations

import datetime
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Result
from tests.support import SHIPPED, numbered_commune, quarter_records

AS_OF = "2024-07-01"


@pytest.fixture(scope="module")
def dirs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Four communes (one with no figures at all) and a folder with no plan."""
    root = tmp_path_factory.mktemp("xlsx")
    out = [
        numbered_commune(root, 1, quarter_records((30, 40), (10, 40))),
        numbered_commune(root, 2, quarter_records((45, 50), (40, 50))),
        numbered_commune(root, 3, None),
        numbered_commune(root, 4, quarter_records((1, 2), (3, 4))),
        root / "trong",
    ]
    out[-1].mkdir()
    return out


@pytest.fixture(scope="module")
def workbook(dirs: list[Path]) -> Any:
    from openpyxl import load_workbook

    from kstthc_cli.cli.app import run

    out = dirs[0].parent / "tong-hop.xlsx"
    code = run(["rollup", *map(str, dirs), "--as-of", AS_OF, "-o", str(out)])
    assert code == 1  # the folder without a plan
    return load_workbook(out)


def _rows(ws: Any) -> list[tuple[Any, ...]]:
    return list(ws.iter_rows(min_row=6, values_only=True))


def test_every_sheet_says_title_period_and_day(workbook: Any) -> None:
    assert workbook.sheetnames == [
        "Xã", "Chỉ tiêu gộp", "Xã chưa đạt", "Chưa có số liệu", "Lỗi dữ liệu", "Chi tiết",
        "Theo kỳ",
    ]  # fmt: skip
    for ws in workbook.worksheets:
        assert ws["A1"].value == "TỔNG HỢP KSTTHC NĂM 2024 · 5 xã · lũy kế đến 01/07/2024"
        assert ws["A1"].font.bold
        assert (ws["A2"].value, ws["B2"].value) == ("Kỳ", "lũy kế từ đầu năm 2024 đến 01/07/2024")
        assert ws["A3"].value == "Ngày xét"
        assert ws["B3"].value == datetime.datetime(2024, 7, 1)
        assert ws["B3"].number_format == "dd/mm/yyyy"


def test_tables_with_filters_and_print_setup(workbook: Any) -> None:
    for ws in workbook.worksheets:
        header = [c.value for c in ws[5]]
        assert all(isinstance(h, str) and h for h in header)
        assert all(c.font.bold for c in ws[5])
        assert ws.freeze_panes == "A6"
        assert ws.page_setup.orientation == "landscape"
        assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
        assert ws.sheet_properties.pageSetUpPr.fitToPage is True
        assert ws.print_title_rows == "$5:$5"
        rows = _rows(ws)
        if ws.title == "Xã chưa đạt" and rows == [("(không có)", *[None] * (len(header) - 1))]:
            assert not ws.tables
            continue
        (table,) = ws.tables.values()
        last = ws.cell(row=5, column=len(header)).column_letter
        assert table.ref == f"A5:{last}{5 + len(rows)}"
        assert table.autoFilter.ref == table.ref
        assert [c.name for c in table.tableColumns] == header


def test_not_met_is_marked(workbook: Any) -> None:
    for name in ("Chỉ tiêu gộp", "Chi tiết", "Theo kỳ"):
        ws = workbook[name]
        header = [c.value for c in ws[5]]
        col = ws.cell(row=5, column=header.index("Đánh giá") + 1).column_letter
        rules = [
            (str(cf.sqref), rule.operator, rule.formula)
            for cf in ws.conditional_formatting
            for rule in cf.rules
        ]
        assert (f"{col}6:{col}{5 + len(_rows(ws))}", "equal", ['"chưa đạt"']) in rules
        marked = ws.conditional_formatting
        assert all(rule.dxf.fill is not None for cf in marked for rule in cf.rules)


def test_the_pivot_sheet_has_one_row_per_commune_indicator_and_quarter(workbook: Any) -> None:
    ws = workbook["Theo kỳ"]
    header = [c.value for c in ws[5]]
    assert header[:8] == [
        "Xã", "Thư mục", "Kỳ", "Tên kỳ", "Thứ tự kỳ", "Mã chỉ tiêu", "Số CT", "Chỉ tiêu",
    ]  # fmt: skip
    rows = [dict(zip(header, row, strict=True)) for row in _rows(ws)]
    indicators = {r["Số CT"] for r in rows}
    # 4 communes read × Q1, Q2, Q3 (begun 15/06 under NĐ 09) × every indicator
    assert len(rows) == 4 * 3 * len(indicators)
    assert {r["Kỳ"] for r in rows} == {"Q1", "Q2", "Q3"}
    assert all(isinstance(r["Số CT"], str) for r in rows)  # ids stay text: "11.3", "01"
    assert all(isinstance(r["Thứ tự kỳ"], int) for r in rows)
    one = {(r["Kỳ"], r["Số CT"]): r for r in rows if r["Xã"] == "Xã Số 1"}
    q1, q2 = one[("Q1", "3")], one[("Q2", "3")]
    assert (q1["Tử số"], q1["Mẫu số"], q1["Kết quả"]) == (30, 40, 0.75)
    assert (q2["Tử số"], q2["Mẫu số"], q2["Kết quả"], q2["Đánh giá"]) == (10, 40, 0.25, "chưa đạt")
    assert q1["Tên kỳ"] == "Quý I/2024" and q1["Đơn vị"] == "%"
    assert one[("Q1", "10")]["Giá trị"] == 85.5
    assert one[("Q3", "3")]["Đánh giá"] == "chưa có số liệu"
    cells = {c.value: c for c in next(ws.iter_rows(min_row=6, max_row=6))}
    assert cells["Q1"].data_type == "s"


def test_communes_without_figures_are_listed(workbook: Any) -> None:
    ws = workbook["Chưa có số liệu"]
    rows = {row[0]: row for row in _rows(ws)}
    assert rows["Xã Số 3"][4] == "cả kỳ"
    assert rows["Xã Số 3"][2] == rows["Xã Số 3"][3]
    assert rows["Xã Số 1"][4] == "một phần" and "3" not in rows["Xã Số 1"][5].split(", ")
    communes = {row[3].rsplit("/", 1)[-1]: row for row in _rows(workbook["Xã"])}
    assert communes["trong"][1] == "—" and communes["trong"][2] is None  # named once


def test_text_and_markdown_name_the_communes_without_figures(
    cli: Callable[..., Result], dirs: list[Path]
) -> None:
    r = cli("rollup", *map(str, dirs), "--as-of", AS_OF)
    assert r.code == 1
    out = " ".join(r.out.split())
    assert "XÃ CHƯA CÓ SỐ LIỆU (lũy kế đến 01/07/2024)" in out
    assert "Không có số liệu chỉ tiêu nào (1 xã): Xã Số 3" in out
    assert "Thiếu số liệu một số chỉ tiêu (3 xã): Xã Số 1 (CT 1, 2, 4," in out
    trong = str(dirs[-1])
    assert r.out.count(trong) == 2  # once in the communes' table, once before its problem
    assert (
        f"{trong}: lỗi [file-missing]: Thư mục không có kế hoạch năm 2024 (plan_2024.yaml)." in out
    )
    assert f"[— · {trong}]" not in r.out and f"[trong · {trong}]" not in r.out

    md = cli("rollup", *map(str, dirs), "--as-of", AS_OF, "--format", "md")
    assert "## Xã chưa có số liệu (lũy kế đến 01/07/2024)" in md.out
    assert (
        f"| Xã Số 3 | {dirs[2]} | cả kỳ | 11/11 | 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11.3 |" in md.out
    )
    assert "| Xã Số 1 |" in md.out.split("## Xã chưa có số liệu")[1].split("##")[0]
    assert f"| — | {trong} |" in md.out


def test_missing_communes_for_a_period(cli: Callable[..., Result], dirs: list[Path]) -> None:
    r = cli("rollup", *map(str, dirs[:4]), "--as-of", AS_OF, "--period", "q2")
    assert r.code == 0
    assert "XÃ CHƯA CÓ SỐ LIỆU (kỳ Quý II/2024)" in r.out


def test_progress_covers_the_rows_written(tmp_path: Path) -> None:
    from kstthc_cli import api
    from kstthc_cli.render.rollup_xlsx import workbook_bytes

    dirs = []
    for k in range(3):
        d = tmp_path / f"xa-{k}"
        shutil.copytree(SHIPPED, d, ignore=shutil.ignore_patterns(".*", "actuals_*"))
        dirs.append(d)
    r = api.rollup(sources=dirs, as_of=datetime.date(2024, 7, 1), by_period=True)
    seen: list[tuple[int, int]] = []
    workbook_bytes(r, lambda done, total: seen.append((done, total)))
    assert seen and seen[-1][0] == seen[-1][1] > 3 * 11 * 3
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_csv_like_text_never_becomes_a_formula(cli: Callable[..., Result], tmp_path: Path) -> None:
    d = numbered_commune(tmp_path, 1, quarter_records((1, 2), (1, 2)))
    plan = d / "plan_2024.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("Xã Số 1", "=1+1"), encoding="utf-8")
    out = tmp_path / "t.xlsx"
    r = cli("rollup", str(d), "--as-of", AS_OF, "-o", str(out))
    assert r.code == 0, r.err
    from openpyxl import load_workbook

    cells = [c for ws in load_workbook(out).worksheets for row in ws.iter_rows() for c in row]
    assert [c for c in cells if c.data_type == "f"] == []
    assert any(c.value == "=1+1" and c.data_type == "s" for c in cells)
