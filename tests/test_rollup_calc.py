"""The rollup workbook opened by LibreOffice Calc, headless: Calc re-saves it as .xlsx (it must
load it to do so), prints it to PDF and exports its sheets as CSV; each is read back.

What Calc 7.4 keeps when it re-saves the workbook (asserted below): every sheet in order, every
cell's value, type and number format (numbers stay numbers, the day judged a date, ids text),
the bold title and header row, the conditional formatting marking "chưa đạt" (with its red
fill and font), landscape A4, fit to one page wide, the repeated header row (print titles),
the page header and footer, and each sheet's table with its columns and its filter.
What it drops (not asserted, so a later Calc that keeps them does not fail the test): the
tables' style (``TableStyleLight9``: Calc has no table styles, the banded rows go) and, in a
headless conversion, the frozen header (view settings need a view; a workbook Calc itself
froze loses it the same way: see unoconv/unoconv#245).

Skipped, with the reason, where LibreOffice Calc or poppler's tools are absent (``.ci/run``
installs them: Writer alone cannot load an .xlsx).
"""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.docx_support import pdf_pages, soffice_with
from tests.support import numbered_commune, quarter_records, write

AS_OF = "2024-07-01"
TITLE = "TỔNG HỢP KSTTHC NĂM 2024 · 7 xã · lũy kế đến 01/07/2024"
SHEETS = [
    "Xã", "Chỉ tiêu gộp", "Xã chưa đạt", "Chưa có số liệu", "Lỗi dữ liệu", "Chi tiết", "Theo kỳ",
    "Hồ sơ",
]  # fmt: skip
#: Xã Số 7's dossiers (the sheet "Hồ sơ"); a field named like a formula must stay a text.
DOSSIERS = """
    year: 2024
    periods:
      - period: "Q1"
        dossiers:
          - field: "Hộ tịch"
            received: {total: 50, online: 20, direct: 30, carried_over: 0}
            resolved: {total: 45, early: 5, on_time: 35, late: 5}
            in_progress: {total: 5, within: 5, overdue: 0}
          - field: "=HYPERLINK(\\"http://x\\")"
            received: {total: 8, online: 0, direct: 8, carried_over: 0}
            resolved: {total: 8, early: 0, on_time: 8, late: 0}
            in_progress: {total: 0, within: 0, overdue: 0}
"""
FORMULA_LIKE = '=HYPERLINK("http://x")'
#: Calc's sheet-by-sheet CSV export (every sheet, LibreOffice ≥ 7.2), cells unformatted: a day
#: comes out in the locale's own form (07/01/2024 under C/en-US), a fraction with its decimal
#: sign, so the CSV test asserts only texts and whole numbers.
CSV_ALL_SHEETS = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"


def _convert(source: Path, target: str, out: Path) -> None:
    """``source`` converted by Calc (headless, a profile of its own) into the folder ``out``."""
    out.mkdir()
    done = subprocess.run(
        [
            soffice_with("Calc", "mở bảng tính bằng Calc"),
            f"-env:UserInstallation={(out / 'lo-profile').as_uri()}",
            "--headless",
            "--convert-to",
            target,
            "--outdir",
            str(out),
            str(source),
        ],
        capture_output=True,
        timeout=240,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Seven communes: Xã Số 1 behind on indicator 3 in Q2 (10/40 against ≥ 50 %) and on 10 (85.5
    against ≥ 90), Xã Số 3 with no figures, Xã Số 4 broken (a numerator above its
    denominator), Xã Số 7 with only a dossier table
    (indicator 3 derived from it); written by ``kstthc rollup -o``."""
    from kstthc_cli.cli.app import run

    root = tmp_path_factory.mktemp("calc")
    dirs = [
        numbered_commune(root, 1, quarter_records((30, 40), (10, 40), 85.5)),
        numbered_commune(root, 2, quarter_records((45, 50), (40, 50), 95)),
        numbered_commune(root, 3, None),
        numbered_commune(root, 4, quarter_records((50, 40), (3, 4), 92)),
        numbered_commune(root, 5, quarter_records((7, 10), (8, 10), 91)),
        numbered_commune(root, 6, quarter_records((60, 100), (70, 100), 93.25)),
        numbered_commune(root, 7, None),
    ]
    write(dirs[6] / "figures_2024.yaml", DOSSIERS)
    out = root / "tong-hop.xlsx"
    code = run(["rollup", *map(str, dirs), "--as-of", AS_OF, "-o", str(out)])
    assert code == 1  # the broken commune
    return out


@pytest.fixture(scope="module")
def resaved(workbook: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, Any]:
    """(the workbook as kstthc wrote it, the same once Calc has loaded and re-saved it)."""
    from openpyxl import load_workbook

    out = tmp_path_factory.mktemp("calc-xlsx") / "out"
    _convert(workbook, "xlsx", out)
    return load_workbook(workbook), load_workbook(out / workbook.name)


@pytest.fixture(scope="module")
def pdf(workbook: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None:
        pytest.skip("pdftotext, pdfinfo (poppler-utils) không có trên máy này: bỏ qua phép thử PDF")
    out = tmp_path_factory.mktemp("calc-pdf") / "out"
    _convert(workbook, "pdf", out)
    return out / f"{workbook.stem}.pdf"


def _cells(ws: Any) -> list[list[tuple[Any, str, str | None]]]:
    """Every row's cells as (value, its Python type, number format where there is a value)."""
    return [
        [
            (c.value, type(c.value).__name__, None if c.value is None else c.number_format)
            for c in row
        ]
        for row in ws.iter_rows()
    ]


def _records_of(ws: Any) -> list[dict[str, Any]]:
    header = [c.value for c in ws[5]]
    return [
        dict(zip(header, row, strict=True)) for row in ws.iter_rows(min_row=6, values_only=True)
    ]


def test_calc_keeps_every_sheet_and_every_cell(resaved: tuple[Any, Any]) -> None:
    ours, calc = resaved
    assert ours.sheetnames == SHEETS
    assert calc.sheetnames == SHEETS
    for name in SHEETS:
        assert _cells(calc[name]) == _cells(ours[name]), name
        ws = calc[name]
        assert ws["A1"].value == TITLE and ws["A1"].font.bold
        assert all(c.font.bold for c in ws[5])
    texts = [c for row in calc["Hồ sơ"].iter_rows() for c in row if c.value == FORMULA_LIKE]
    assert texts and all(c.data_type == "s" for c in texts)  # never a formula, in Calc either
    cells = [c for ws in calc.worksheets for row in ws.iter_rows() for c in row]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []


def test_calc_keeps_the_pivot_sheets_numbers(resaved: tuple[Any, Any]) -> None:
    ws = resaved[1]["Theo kỳ"]
    rows = _records_of(ws)
    # 6 communes read (not the broken one) × Q1, Q2, Q3 (begun by 01/07) × 11 indicators
    assert len(rows) == 6 * 3 * 11
    assert {r["Xã"] for r in rows} == {f"Xã Số {k}" for k in (1, 2, 3, 5, 6, 7)}
    assert {(r["Kỳ"], r["Thứ tự kỳ"]) for r in rows} == {("Q1", 1), ("Q2", 2), ("Q3", 3)}
    assert all(type(r["Thứ tự kỳ"]) is int and isinstance(r["Số CT"], str) for r in rows)
    one = {(r["Xã"], r["Kỳ"], r["Số CT"]): r for r in rows}
    q2 = one[("Xã Số 1", "Q2", "3")]
    assert (q2["Tử số"], q2["Mẫu số"], q2["Kết quả"], q2["Chỉ tiêu giao"]) == (10, 40, 0.25, 0.5)
    assert type(q2["Tử số"]) is int and type(q2["Kết quả"]) is float
    assert q2["Đánh giá"] == "chưa đạt"
    assert one[("Xã Số 6", "Q1", "10")]["Giá trị"] == 93.25
    assert one[("Xã Số 1", "Q1", "10")]["Đánh giá"] == "chưa đạt"
    header = [c.value for c in ws[5]]
    first = ws[6]
    forms = {h: first[i].number_format for i, h in enumerate(header)}
    assert forms["Chỉ tiêu giao"] in ("0%", "0.00%")
    assert ws["B3"].number_format == "dd/mm/yyyy"


def test_calc_keeps_the_marks(resaved: tuple[Any, Any]) -> None:
    ours, calc = resaved

    def rules(ws: Any) -> list[tuple[str, str, list[str]]]:
        return sorted(
            (str(cf.sqref), rule.operator, rule.formula)
            for cf in ws.conditional_formatting
            for rule in cf.rules
        )

    for name in SHEETS:
        assert rules(calc[name]) == rules(ours[name]), name
    for name in ("Chỉ tiêu gộp", "Chi tiết", "Theo kỳ"):
        ws = calc[name]
        header = [c.value for c in ws[5]]
        col = ws.cell(row=5, column=header.index("Đánh giá") + 1).column_letter
        last = 5 + len(_records_of(ws))
        assert (f"{col}6:{col}{last}", "equal", ['"chưa đạt"']) in rules(ws)
        for cf in ws.conditional_formatting:
            for rule in cf.rules:
                fill = rule.dxf.fill  # Calc keeps the colour as the pattern's background
                assert "FFC7CE" in {str(fill.fgColor.rgb)[-6:], str(fill.bgColor.rgb)[-6:]}
                assert str(rule.dxf.font.color.rgb)[-6:] == "9C0006"


def test_calc_keeps_the_print_setup(resaved: tuple[Any, Any]) -> None:
    for ws in resaved[1].worksheets:
        assert ws.page_setup.orientation == "landscape", ws.title
        assert str(ws.page_setup.paperSize) == "9"  # A4
        assert (int(ws.page_setup.fitToWidth), int(ws.page_setup.fitToHeight)) == (1, 0)
        assert ws.sheet_properties.pageSetUpPr.fitToPage is True
        assert ws.print_title_rows == "$5:$5"
        assert ws.oddHeader.center.text == TITLE
        assert ws.oddFooter.center.text == "Trang &P/&N"


def test_calc_keeps_the_tables_and_their_filters(resaved: tuple[Any, Any]) -> None:
    ours, calc = resaved
    for name in SHEETS:
        mine = {t.displayName: t for t in ours[name].tables.values()}
        kept = {t.displayName: t for t in calc[name].tables.values()}
        assert kept.keys() == mine.keys(), name
        for key, table in kept.items():
            assert table.ref == mine[key].ref
            assert table.autoFilter is not None and table.autoFilter.ref == table.ref
            assert [c.name for c in table.tableColumns] == [c.name for c in mine[key].tableColumns]
    assert {t.displayName for t in calc["Theo kỳ"].tables.values()} == {"tblTheoKy"}


def test_calc_prints_it_landscape_with_every_cell_readable(pdf: Path) -> None:
    info = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "1000", str(pdf)],
        check=True,
        capture_output=True,
        timeout=60,
    ).stdout.decode("utf-8")
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info)
    assert len(sizes) >= len(SHEETS)
    assert all(float(w) > float(h) for w, h in sizes)  # landscape, every page
    pages = pdf_pages(pdf)
    assert len(pages) == len(sizes)
    text = "\n".join(pages)
    assert TITLE in text
    assert all(f"Xã Số {k}" in text for k in range(1, 8))
    assert "có lỗi, không tính" in text and "chưa đạt" in text
    assert FORMULA_LIKE in text  # printed as written, never worked out
    # Every sheet's day judged is printed as a date, never as ### (a column too narrow for it).
    assert "###" not in text
    assert text.count("01/07/2024") >= 2 * len(SHEETS)  # in the title and in the day's cell
    # "Theo kỳ" takes more than a page; its header row is printed again on each.
    pivot = [p for p in pages if "Quý II/2024" in p]
    assert len(pivot) >= 2
    assert all("Thứ tự kỳ" in p for p in pivot)


def test_calc_exports_the_pivot_sheet_as_csv(workbook: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    _convert(workbook, CSV_ALL_SHEETS, out)
    pivot = out / f"{workbook.stem}-Theo kỳ.csv"
    if not pivot.exists():  # LibreOffice < 7.2: only the first sheet, in tong-hop.csv
        pytest.skip("LibreOffice này không xuất được từng trang tính ra CSV (cần bản ≥ 7.2)")
    assert sorted(p.name for p in out.glob("*.csv")) == sorted(
        f"{workbook.stem}-{name}.csv" for name in SHEETS
    )
    with pivot.open(encoding="utf-8", newline="") as f:
        lines = list(csv.reader(f))
    assert lines[0][0] == TITLE
    header = lines[4]
    assert header[:7] == ["Xã", "Thư mục", "Kỳ", "Tên kỳ", "Thứ tự kỳ", "Mã chỉ tiêu", "Số CT"]
    rows = [dict(zip(header, line, strict=True)) for line in lines[5:]]
    assert len(rows) == 6 * 3 * 11
    assert {(r["Kỳ"], r["Tên kỳ"], r["Thứ tự kỳ"]) for r in rows} == {
        ("Q1", "Quý I/2024", "1"),
        ("Q2", "Quý II/2024", "2"),
        ("Q3", "Quý III/2024", "3"),
    }
    one = {(r["Xã"], r["Kỳ"], r["Số CT"]): r for r in rows}
    q2 = one[("Xã Số 1", "Q2", "3")]
    assert (q2["Mã chỉ tiêu"], q2["Tử số"], q2["Mẫu số"], q2["Đánh giá"]) == (
        "ho-so-truc-tuyen",
        "10",
        "40",
        "chưa đạt",
    )
    assert one[("Xã Số 3", "Q1", "3")]["Đánh giá"] == "chưa có số liệu"
    assert "11.3" in {r["Số CT"] for r in rows}  # an id stays as written, never 11.30


def test_the_day_judged_has_room_without_calc(workbook: Path) -> None:
    """What the PDF test sees, checked where Calc is absent too: on every sheet column A holds
    "Ngày xét" and column B the day as dd/mm/yyyy (narrower, both print ### or cut)."""
    from openpyxl import load_workbook

    for ws in load_workbook(workbook).worksheets:
        assert ws.column_dimensions["A"].width >= len("Ngày xét") + 1, ws.title
        assert ws.column_dimensions["B"].width >= len("dd/mm/yyyy") + 1, ws.title
