"""Hostile and broken workbooks for ``kstthc import``: every cell is read through one reader
(formulas, Excel errors, huge numbers, text, dates, control characters), every problem is
located at the cell that holds it, nothing is written and nothing is run."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.formula import ArrayFormula

from tests.conftest import Result
from tests.support import snapshot
from tests.test_figures import DOSSIERS, bieu06, dossier_list, fill, make_form, run

TAIL = "Tệp {path} có lỗi; chưa ghi gì vào tệp số liệu. {n} lỗi, 0 cảnh báo.\n"


def refused(cli: Callable[..., Result], ws: Path, path: Path, *args: str) -> Result:
    """``import`` of a bad workbook: exit 1, no traceback, not a byte of the folder changed."""
    before = snapshot(ws)
    r = run(cli, ws, "import", str(path), *args)
    assert r.code == 1, r.err
    assert "Traceback" not in r.err + r.out and r.out == ""
    assert snapshot(ws) == before
    return r


def problems_at(err: str, path: Path) -> list[tuple[str, str, str, str]]:
    """Each problem printed located in the workbook at ``path``: (sheet, cell, code, message)."""
    found = []
    for line in err.splitlines():
        if line.startswith(f"{path}:"):
            m = re.fullmatch(
                r"('[^']+'|\w+)!([A-Z]+\d+): lỗi \[([a-z-]+)\]: (.*)", line[len(f"{path}:") :]
            )
            assert m is not None, line
            found.append((m[1].strip("'"), m[2], m[3], m[4]))
    return found


def with_raw_number(path: Path, placeholder: int, digits: str) -> None:
    """Put a number Excel itself could hold only in its XML (``digits``) in place of
    ``placeholder``: openpyxl never writes one."""
    tmp = path.with_suffix(".tmp.xlsx")
    path.rename(tmp)
    with zipfile.ZipFile(tmp) as zin, zipfile.ZipFile(path, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            zout.writestr(item, data.replace(str(placeholder).encode(), digits.encode()))
    tmp.unlink()


# ---------------------------------------------------------------- one cell of the form

HOSTILE: list[tuple[Any, str, str]] = [
    ("=40*2", "formula", "Ô này là công thức '=40*2'; kstthc không tính công thức."),
    ("=E7", "formula", "Ô này là công thức '=E7'; kstthc không tính công thức."),
    (
        "=cmd|' /C calc'!A0",
        "formula",
        "Ô này là công thức '=cmd|' /C calc'!A0'; kstthc không tính công thức.",
    ),
    (
        ArrayFormula("E6", "=SUM(E7:E8)"),
        "formula",
        "Ô này là công thức '=SUM(E7:E8)'; kstthc không tính công thức.",
    ),
    ("#DIV/0!", "excel-error", "Ô này báo lỗi của Excel '#DIV/0!', không có giá trị."),
    ("#N/A", "excel-error", "Ô này báo lỗi của Excel '#N/A', không có giá trị."),
    (
        "9" * 5000,
        "number-too-long",
        "Số có 5.000 chữ số; số hồ sơ không thể lớn như vậy.",
    ),
    (
        10**30,
        "out-of-range",
        "Ô này ghi số có 31 chữ số, quá lớn cho một số hồ sơ (Excel chỉ giữ đúng 15 chữ số).",
    ),
    (
        "12345678901234567890",
        "out-of-range",
        "Ô này ghi số có 20 chữ số, quá lớn cho một số hồ sơ (Excel chỉ giữ đúng 15 chữ số).",
    ),
    (-3, "negative", "Số đếm không được âm (đang là -3)."),
    (2.5, "bad-value", "Ô này phải là số nguyên từ 0 trở lên (đang là '2.5')."),
    (True, "bad-value", "Ô này phải là số nguyên từ 0 trở lên (đang là 'True')."),
    ("mười", "bad-value", "Ô này phải là số nguyên từ 0 trở lên (đang là 'mười')."),
    (
        datetime(2024, 5, 1),
        "bad-value",
        "Ô này phải là số nguyên từ 0 trở lên (đang là '01/05/2024').",
    ),
    (
        "4\x9b2J",
        "bad-character",
        "Ô này có ký tự điều khiển U+009B (không nhìn thấy được).",
    ),
]


@pytest.mark.parametrize(("value", "code", "message"), HOSTILE, ids=[h[1] for h in HOSTILE])
def test_a_hostile_count_cell_of_the_form_is_one_located_problem(
    cli: Callable[..., Result], ws: Path, tmp_path: Path, value: Any, code: str, message: str
) -> None:
    path = make_form(cli, ws, tmp_path)
    fill(path, {6: ("Hộ tịch", [80, 30, 10, 20, 85, 5, 9, 1], None)})
    wb = load_workbook(path)
    wb[DOSSIERS]["E6"] = value
    wb.save(path)
    r = refused(cli, ws, path)
    # one problem, at the cell: the row is not added up with a value it could not read
    assert problems_at(r.err, path) == [(DOSSIERS, "E6", code, message)]
    assert r.err.endswith(TAIL.format(path=path, n=1))


def test_a_formula_anywhere_in_the_form_is_refused(
    cli: Callable[..., Result], ws: Path, tmp_path: Path
) -> None:
    """The field name, the explanation, a block's count, a directly entered figure: every
    cell kstthc reads goes through the same reader."""
    path = make_form(cli, ws, tmp_path)
    fill(path, {6: ("Hộ tịch", [80, 30, 10, 20, 85, 5, 9, 1], None)})
    wb = load_workbook(path)
    wb[DOSSIERS]["B7"] = '=HYPERLINK("http://x","Hộ tịch")'
    wb[DOSSIERS]["O6"] = "=B6"
    wb["Phản ánh kiến nghị"]["C5"] = "=1+1"
    direct = wb["Chỉ tiêu nhập trực tiếp"]
    direct["C5"], direct["D5"], direct["E6"] = "=2", 10, "#VALUE!"
    wb.save(path)
    r = refused(cli, ws, path)
    assert sorted((s, c, code) for s, c, code, _ in problems_at(r.err, path)) == [
        ("Chỉ tiêu nhập trực tiếp", "C5", "formula"),
        ("Chỉ tiêu nhập trực tiếp", "E6", "excel-error"),
        (DOSSIERS, "B7", "formula"),
        (DOSSIERS, "O6", "formula"),
        ("Phản ánh kiến nghị", "C5", "formula"),
    ]


def test_the_forms_own_formulas_are_still_read(
    cli: Callable[..., Result], ws: Path, tmp_path: Path
) -> None:
    path = make_form(cli, ws, tmp_path)
    fill(path, {6: ("Hộ tịch", [80, 30, 10, 20, 85, 5, 9, 1], None)})
    assert load_workbook(path)[DOSSIERS]["D6"].value == "=E6+F6+G6"
    r = run(cli, ws, "import", str(path))
    assert r.code == 0, r.err


def test_a_number_too_long_for_python_in_the_xml_is_refused_whole(
    cli: Callable[..., Result], ws: Path, tmp_path: Path
) -> None:
    """A 5,000-digit number written in the workbook's XML (openpyxl cannot even read it)."""
    path = make_form(cli, ws, tmp_path)
    fill(path, {6: ("Hộ tịch", [80, 30, 10, 20, 85, 5, 9, 1], None)})
    wb = load_workbook(path)
    wb[DOSSIERS]["E6"] = 123456787654321
    wb.save(path)
    with_raw_number(path, 123456787654321, "9" * 5000)
    r = refused(cli, ws, path)
    assert r.err == (
        f"Lỗi: Không đọc được '{path}' như một tệp Excel (.xlsx): bên trong tệp thiếu hoặc sai "
        "phần mà một tệp .xlsx phải có.\n"
        "  → Mở tệp bằng Excel, lưu lại dạng .xlsx rồi chạy lại.\n"
    )


# ---------------------------------------------------------------- located where the value is


def _value_at(path: Path, sheet: str, cell: str) -> Any:
    return load_workbook(path)[sheet][cell].value


def test_every_bieu06_problem_is_at_the_cell_holding_its_value(
    cli: Callable[..., Result], ws: Path, tmp_path: Path
) -> None:
    path = bieu06(tmp_path / "b.xlsx")
    wb = load_workbook(path)
    sh = wb.active
    row = next(r for r in range(1, 30) if sh[f"B{r}"].value == "Chứng thực")
    bad = {"C": -1, "E": "=1", "G": "hai", "I": -1, "K": 10**20, "M": "#REF!"}
    for col, value in bad.items():
        sh[f"{col}{row}"] = value
    wb.save(path)
    r = refused(cli, ws, path)
    found = problems_at(r.err, path)
    assert sorted(c for _, c, _, _ in found) == sorted(f"{col}{row}" for col in bad)
    for sheet, cell, _, _ in found:
        assert _value_at(path, sheet, cell) == bad[cell[0]]


def test_the_negative_count_of_the_qa_finding_is_at_its_own_cell(
    cli: Callable[..., Result], ws: Path, tmp_path: Path
) -> None:
    path = bieu06(tmp_path / "neg.xlsx", [("Chứng thực", [-1, 0, -1, 0, -1, 0, -1, 0, 0, 0, 0])])
    r = refused(cli, ws, path)
    row = 10  # after the group row "I Cấp xã"
    assert [(c, code) for _, c, code, _ in problems_at(r.err, path)] == [
        (f"C{row}", "negative"),
        (f"E{row}", "negative"),
        (f"G{row}", "negative"),
        (f"I{row}", "negative"),
    ]
    assert f"{path}:Sheet!C{row}: lỗi [negative]: Số đếm không được âm (đang là -1).\n" in r.err


def test_every_dossier_list_problem_is_at_the_cell_holding_its_value(
    cli: Callable[..., Result], ws: Path, tmp_path: Path
) -> None:
    path = dossier_list(tmp_path / "ds.xlsx")
    wb = load_workbook(path)
    sh = wb.active
    bad = {"H6": "=TODAY()", "I7": "32/01/2024", "J8": "#N/A", "C9": "=A1", "F10": "=X"}
    for cell, value in bad.items():
        sh[cell] = value
    wb.save(path)
    r = refused(cli, ws, path)
    found = problems_at(r.err, path)
    assert sorted(c for _, c, _, _ in found) == sorted(bad)
    for sheet, cell, _, _ in found:
        assert _value_at(path, sheet, cell) == bad[cell]
    assert "lỗi [bad-date]: Không đọc được ngày '32/01/2024'." in r.err


def test_a_numbering_formula_in_the_stt_column_is_not_a_figure(
    cli: Callable[..., Result], ws: Path, tmp_path: Path
) -> None:
    path = bieu06(tmp_path / "b.xlsx")
    wb = load_workbook(path)
    sh = wb.active
    row = next(r for r in range(1, 30) if sh[f"B{r}"].value == "Chứng thực")
    sh[f"A{row}"] = f"=A{row - 1}+1"
    wb.save(path)
    r = run(cli, ws, "import", str(path))
    assert r.code == 0, r.err
