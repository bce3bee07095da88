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
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.formula import ArrayFormula

from kstthc_cli.write import vcs
from tests import vcs_support
from tests.conftest import Result
from tests.support import snapshot
from tests.test_figures import DOSSIERS, bieu06, dossier_list, fill, make_form, run

clock, no_git, repo = vcs_support.clock, vcs_support.no_git, vcs_support.repo  # the fixtures

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
    (2.5, "bad-value", "Ô này phải là số nguyên từ 0 trở lên (đang là '2,5')."),
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


def _field_row(path: Path, field: str) -> tuple[Any, Any, int]:
    """The workbook at ``path``, its sheet and the row of the field named ``field``."""
    wb = load_workbook(path)
    sh = wb.active
    return wb, sh, next(r for r in range(1, 30) if sh[f"B{r}"].value == field)


def test_every_bieu06_problem_is_at_the_cell_holding_its_value(
    cli: Callable[..., Result], ws: Path, tmp_path: Path
) -> None:
    path = bieu06(tmp_path / "b.xlsx")
    wb, sh, row = _field_row(path, "Chứng thực")
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
    wb, sh, row = _field_row(path, "Chứng thực")
    sh[f"A{row}"] = f"=A{row - 1}+1"
    wb.save(path)
    r = run(cli, ws, "import", str(path))
    assert r.code == 0, r.err


# ---------------------------------------------------------------- refused Biểu 06 layouts

H2 = ["Tổng số", "Trực tuyến", "Trực tiếp, dịch vụ bưu chính", "Từ kỳ trước", "Tổng số",
      "Trước hạn", "Đúng hạn", "Quá hạn", "Tổng số", "Trong hạn", "Quá hạn"]  # fmt: skip
Q2 = "(Từ ngày 15/03/2024 đến ngày 14/06/2024)"
GROUPS = ["Số hồ sơ nhận giải quyết", None, None, None, "Số hồ sơ đã giải quyết", None, None,
          None, "Số hồ sơ đang giải quyết"]  # fmt: skip


def b06(path: Path, window: str | None = Q2, heads: list[str] = H2, group: bool = False) -> Path:
    """A Biểu 06 of one field: the title, the window line (or none), a group row above the
    two header rows if ``group``, the column numbers, one row."""
    wb = Workbook()
    sh = wb.active
    sh.title = "Biểu 06"
    sh.append(["Biểu số 06/VPCP/KSTT"])
    sh.append([window] if window is not None else ["TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT TTHC"])
    if group:
        sh.append(["STT", "Lĩnh vực", "Tiếp nhận", None, None, None, "Kết quả giải quyết"])
        sh.append([None, None, *GROUPS])
    else:
        sh.append(["STT", "Lĩnh vực", *GROUPS])
    sh.append([None, None, *heads])
    sh.append([f"({k})" for k in range(1, 14)])
    sh.append([1, "Hộ tịch", 6, 3, 2, 1, 3, 1, 1, 1, 3, 2, 1])
    wb.save(path)
    return path


HOTICH = [("Hộ tịch", None, 6, 3, 2, 1, 3, 1, 1, 1, 3, 2, 1)]


def test_bieu06_without_its_window_line_is_refused_at_its_title(
    cli: Callable[..., Result], ws: Path, tmp_path: Path
) -> None:
    path = b06(tmp_path / "b.xlsx", window=None)
    r = refused(cli, ws, path)
    assert r.err == (
        f"{path}:'Biểu 06'!A1: lỗi [no-window]: Không thấy dòng '(Từ ngày … đến ngày …)' của "
        "biểu nên không biết số liệu của kỳ nào.\n"
        "  → Xuất lại biểu từ hệ thống, giữ nguyên phần tiêu đề; hoặc cho biết kỳ của biểu khi "
        "nhập (ví dụ --period q1).\n\n" + TAIL.format(path=path, n=1)
    )


def test_bieu06_without_its_window_line_takes_the_period_asked_for(
    cli: Callable[..., Result], ws: Path, tmp_path: Path
) -> None:
    from tests.test_figures import figures_of, table

    r = run(cli, ws, "import", str(b06(tmp_path / "b.xlsx", window=None)), "--period", "q2")
    assert r.code == 0, r.err
    assert table(figures_of(ws)) == HOTICH


def test_bieu06_of_another_period_than_asked_is_refused(
    cli: Callable[..., Result], ws: Path, tmp_path: Path
) -> None:
    path = b06(tmp_path / "b.xlsx")
    r = refused(cli, ws, path, "--period", "q1")
    assert r.err == (
        f"Lỗi: '{path}' là số liệu Quý II/2024, khác kỳ đã ghi (Quý I/2024).\n"
        "  → Không ghi --period, hoặc ghi đúng kỳ của tệp.\n"
    )


def test_bieu06_window_of_no_period_and_of_no_day(
    cli: Callable[..., Result], ws: Path, tmp_path: Path
) -> None:
    path = b06(tmp_path / "b.xlsx", window="(Từ ngày 15/03/2024 đến ngày 10/06/2024)")
    r = refused(cli, ws, path)
    assert r.err.startswith(
        f"{path}:'Biểu 06'!A2: lỗi [not-a-period]: Khoảng 15/03/2024–10/06/2024 không phải một "
        "kỳ báo cáo.\n"
        "  → Xuất biểu đúng kỳ: ví dụ quý II là 15/03–14/06 (NĐ 09/2019).\n"
    )
    path = b06(tmp_path / "c.xlsx", window="(Từ ngày 15/03/2024 đến ngày 31/06/2024)")
    r = refused(cli, ws, path)
    assert r.err.startswith(
        f"{path}:'Biểu 06'!A2: lỗi [bad-date]: Dòng '(Từ ngày 15/03/2024 đến ngày "
        "31/06/2024)' có ngày không có thật trên lịch.\n"
    )


def test_bieu06_header_of_another_table_is_refused_saying_what_was_expected(
    cli: Callable[..., Result], ws: Path, tmp_path: Path
) -> None:
    heads = [*H2[:6], "Số lượng", *H2[7:]]  # column (9) not "Đúng hạn"
    path = b06(tmp_path / "b.xlsx", heads=heads)
    r = refused(cli, ws, path)
    assert r.err == (
        f"{path}:'Biểu 06'!I4: lỗi [unknown-header]: Tiêu đề cột (9) là 'Số lượng', không "
        "phải 'Đúng hạn' như Biểu 06/II.06a.\n"
        "  → kstthc đọc các cột theo tiêu đề: (2) Lĩnh vực; (4) Trực tuyến; (5) Trực tiếp, "
        "dịch vụ bưu chính; (6) Từ kỳ trước; (8) Trước hạn; (9) Đúng hạn; (10) Quá hạn; (12) "
        "Trong hạn; (13) Quá hạn. Xuất lại biểu từ hệ thống, hoặc sửa tiêu đề cột đó cho "
        "đúng.\n\n" + TAIL.format(path=path, n=1)
    )


@pytest.mark.parametrize(
    ("heads", "group"),
    [
        ([*H2[:9], "Chưa đến hạn", "Đã quá hạn"], False),  # another system's words for (12)
        (H2, True),  # a group row "Kết quả giải quyết" above the two header rows
    ],
    ids=["chua-den-han", "three-header-rows"],
)
def test_bieu06_header_variations_are_read(
    cli: Callable[..., Result], ws: Path, tmp_path: Path, heads: list[str], group: bool
) -> None:
    from tests.test_figures import figures_of, table

    r = run(cli, ws, "import", str(b06(tmp_path / "b.xlsx", heads=heads, group=group)))
    assert r.code == 0, r.err
    assert table(figures_of(ws)) == HOTICH


# ---------------------------------------------------------------- the dossier list's own rules


def _list(path: Path, rows: list[list[Any]], head: list[str] | None = None) -> Path:
    wb = Workbook()
    sh = wb.active
    sh.title = "Danh sách hồ sơ"
    sh.append(["DANH SÁCH HỒ SƠ"])
    sh.append([Q2])
    sh.append(head or ["STT", "Lĩnh vực", "Tên thủ tục", "Mã hồ sơ", "Trạng thái", "Ngày nhận",
                       "Ngày hẹn trả", "Ngày kết thúc xử lý", "Kênh"])  # fmt: skip
    for i, row in enumerate(rows, 1):
        sh.append([i, "Hộ tịch", "Khai sinh", *row])
    wb.save(path)
    return path


def test_a_dossier_listed_twice_is_refused_at_its_second_row(
    cli: Callable[..., Result], ws: Path, tmp_path: Path
) -> None:
    done = ["Đã trả kết quả", "05/04/2024", "10/04/2024", "10/04/2024", "Trực tuyến"]
    path = _list(tmp_path / "ds.xlsx", [["H2", *done], ["H3", *done], ["h2", *done]])
    r = refused(cli, ws, path)
    assert r.err == (
        f"{path}:'Danh sách hồ sơ'!D6: lỗi [duplicate-dossier]: Hồ sơ h2 đã có ở dòng 4; mỗi "
        "hồ sơ chỉ được một dòng.\n"
        "  → Xóa dòng lặp (danh sách bị xuất hay dán hai lần?), rồi chạy lại.\n\n"
        + TAIL.format(path=path, n=1)
    )


def test_a_dossier_finished_or_due_before_it_was_received_is_refused(
    cli: Callable[..., Result], ws: Path, tmp_path: Path
) -> None:
    path = _list(
        tmp_path / "ds.xlsx",
        [
            ["H10", "Đã trả kết quả", datetime(2024, 4, 10), datetime(2024, 4, 12),
             datetime(2024, 4, 5), "Trực tiếp"],
            ["H11", "Đang xử lý", "10/04/2024", "09/04/2024", None, "Trực tiếp"],
        ],
    )  # fmt: skip
    r = refused(cli, ws, path)
    hint = (
        "  → Kiểm tra lại ngày trên hệ thống; một hồ sơ không thể hẹn trả hay kết thúc trước "
        "khi được nhận.\n\n"
    )
    assert r.err == (
        f"{path}:'Danh sách hồ sơ'!G5: lỗi [dates-out-of-order]: Hồ sơ H11 có ngày hẹn trả "
        "09/04/2024, trước ngày nhận 10/04/2024.\n"
        + hint
        + f"{path}:'Danh sách hồ sơ'!H4: lỗi [dates-out-of-order]: Hồ sơ H10 có ngày kết thúc "
        "xử lý 05/04/2024, trước ngày nhận 10/04/2024.\n" + hint + TAIL.format(path=path, n=2)
    )


def test_a_dossier_list_missing_columns_names_them(
    cli: Callable[..., Result], ws: Path, tmp_path: Path
) -> None:
    head = ["STT", "Lĩnh vực", "Tên thủ tục", "Mã hồ sơ", "Trạng thái", "Ngày nhận"]
    path = _list(tmp_path / "ds.xlsx", [], head=head)
    r = refused(cli, ws, path)
    assert r.err == (
        f"Lỗi: Danh sách hồ sơ '{path}' (trang 'Danh sách hồ sơ', dòng 3) thiếu cột Ngày hẹn "
        "trả, Ngày kết thúc xử lý.\n"
        "  → Cần các cột: Mã hồ sơ, Lĩnh vực, Trạng thái, Ngày nhận, Ngày hẹn trả, Ngày kết "
        "thúc xử lý (Tên thủ tục, Kênh hoặc Hình thức nộp nếu có).\n"
    )


# ---------------------------------------------------------------- directly entered indicators


@pytest.mark.parametrize(
    ("row", "given"),
    [((3, 20, None, "x"), "tử số 3, mẫu số 20"), ((None, None, "92,5", "X"), "giá trị 92,5")],
    ids=["ratio", "value"],
)
def test_a_figure_marked_none_too_is_refused_at_its_x(
    cli: Callable[..., Result], ws: Path, tmp_path: Path, row: tuple[Any, ...], given: str
) -> None:
    from tests.test_figures import DIRECT, fill_direct

    path = make_form(cli, ws, tmp_path)
    fill(path, {6: ("Hộ tịch", [80, 30, 10, 20, 85, 5, 9, 1], None)})
    ind = "4" if row[0] is not None else "10"
    fill_direct(path, {ind: row})
    cell = "G6" if ind == "4" else "G10"
    r = refused(cli, ws, path)
    assert r.err == (
        f"{path}:'{DIRECT}'!{cell}: lỗi [none-with-figure]: Chỉ tiêu {ind} ghi x ở cột Không "
        f"phát sinh mà vẫn có số liệu ({given}).\n"
        "  → Xóa x nếu kỳ này có số liệu; xóa các số nếu kỳ này không phát sinh.\n\n"
        + TAIL.format(path=path, n=1)
    )


# ---------------------------------------------------------------- committed like record (F9)


def _filled_form(cli: Callable[..., Result], folder: Path, tmp_path: Path, direct: bool) -> Path:
    from tests.test_figures import fill_direct

    path = make_form(cli, folder, tmp_path)
    fill(path, {6: ("Hộ tịch", [80, 30, 10, 20, 85, 5, 9, 1], None)})
    if direct:
        fill_direct(path, {"4": (45, 90, None, None)})
    return path


def _data_of(files: dict[str, bytes]) -> dict[str, bytes]:
    return {k: v for k, v in files.items() if "/" not in k and k.endswith(".yaml") and k[0] != "."}


def _data(folder: Path) -> dict[str, bytes]:
    return _data_of(snapshot(folder))


def _titles(folder: Path) -> list[tuple[str, str]]:
    return [(r.info.title, r.info.command) for r in vcs.revisions(folder=folder)]


def test_import_commits_both_files_and_undo_takes_it_back(
    cli: Callable[..., Result], repo: Path, tmp_path: Path
) -> None:
    before = snapshot(repo)
    path = _filled_form(cli, repo, tmp_path, direct=True)
    r = run(cli, repo, "import", str(path))
    assert r.code == 0, r.err
    head = vcs.revisions(folder=repo)[0]
    assert r.out == (
        "Đã ghi thêm số liệu Quý II/2024 (mẫu nhập số liệu của kstthc: 1 dòng lĩnh vực, 0 hồ sơ "
        f"trễ hạn) vào {repo / 'figures_2024.yaml'}.\n"
        "Đã ghi số liệu Quý II/2024 của chỉ tiêu 4 (trang Chỉ tiêu nhập trực tiếp) vào "
        f"{repo / 'actuals_2024.yaml'}.\n"
        f"Đã lưu vào lịch sử (lần ghi {head.info.short}); hoàn tác bằng: kstthc undo\n"
    )
    assert (head.info.title, head.info.command) == (
        "Nhập số liệu Quý II/2024 từ so-lieu-q2.xlsx (1 dòng lĩnh vực; chỉ tiêu 4)",
        "import",
    )
    assert sorted(head.after) == ["actuals_2024.yaml", "figures_2024.yaml"]
    assert vcs.head_files(folder=repo, names=["figures_2024.yaml"])["figures_2024.yaml"] == (
        (repo / "figures_2024.yaml").read_bytes()
    )
    undo = cli("undo", "--yes", "--data", str(repo))
    assert undo.code == 0, undo.err
    shown = undo.out.splitlines()
    assert shown[1:4] == [
        "  Nhập số liệu Quý II/2024 từ so-lieu-q2.xlsx (1 dòng lĩnh vực; chỉ tiêu 4)",
        "  - Chỉ tiêu 4, kỳ Quý II: bỏ số liệu 45/90.",
        "  - Số liệu một cửa, kỳ Quý II: bỏ (18 giá trị).",
    ]
    assert "  - Xóa tệp số liệu figures_2024.yaml (lần ghi đó tạo ra nó)." in shown
    assert _data(repo) == _data_of(before)


def test_a_second_import_of_the_period_is_undone_to_the_first(
    cli: Callable[..., Result], repo: Path, tmp_path: Path
) -> None:
    path = _filled_form(cli, repo, tmp_path, direct=False)
    assert run(cli, repo, "import", str(path)).code == 0
    first = (repo / "figures_2024.yaml").read_bytes()
    fill(path, {6: ("Hộ tịch", [1, 0, 0, 0, 1, 0, 0, 0], None)})
    r = run(cli, repo, "import", str(path))
    assert r.code == 0, r.err
    assert r.out.startswith("Đã thay số liệu Quý II/2024")
    undo = cli("undo", "--yes", "--data", str(repo))
    assert undo.code == 0, undo.err
    assert "  - Tệp số liệu figures_2024.yaml trở lại như trước lần ghi đó." in undo.out
    assert (repo / "figures_2024.yaml").read_bytes() == first


def test_import_no_commit_dry_run_and_refusals_make_no_commit(
    cli: Callable[..., Result], repo: Path, tmp_path: Path
) -> None:
    path = _filled_form(cli, repo, tmp_path, direct=False)
    commits = _titles(repo)
    assert run(cli, repo, "import", str(path), "--dry-run").code == 0
    wb = load_workbook(path)
    wb[DOSSIERS]["E6"] = "=1"
    wb.save(path)
    assert run(cli, repo, "import", str(path)).code == 1
    assert _titles(repo) == commits
    fill(path, {6: ("Hộ tịch", [80, 30, 10, 20, 85, 5, 9, 1], None)})
    r = run(cli, repo, "import", str(path), "--no-commit")
    assert r.code == 0, r.err
    assert "Đã lưu vào lịch sử" not in r.out
    assert _titles(repo) == commits


# ---------------------------------------------------------------- what reaches the report (F27)


def _report_texts(cli: Callable[..., Result], ws: Path, tmp_path: Path) -> tuple[str, str]:
    import docx

    md, word = tmp_path / "r.md", tmp_path / "r.docx"
    for out in (md, word):
        r = run(cli, ws, "report", "q2", "-o", str(out))
        assert r.code == 0, r.err
    d = docx.Document(str(word))
    paragraphs = [p.text for p in d.paragraphs]
    cells = [c.text for t in d.tables for row in t.rows for c in row.cells]
    return md.read_text(encoding="utf-8"), "\n".join(paragraphs + cells)


def test_the_explanation_of_an_unbalanced_row_reaches_the_report(
    cli: Callable[..., Result], ws: Path, tmp_path: Path
) -> None:
    path = make_form(cli, ws, tmp_path)
    why = "Hệ thống đếm trùng 1 hồ sơ *khai sinh*"
    fill(path, {6: ("Hộ tịch", [80, 30, 10, 20, 85, 5, 8, 1], why)})
    assert run(cli, ws, "import", str(path)).code == 0
    md, word = _report_texts(cli, ws, tmp_path)
    appendix = md.split("## PHỤ LỤC I. TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH")[1]
    assert appendix.split("## PHỤ LỤC II.")[0].endswith(
        "|  | **Tổng cộng** | **120** | **80** | **30** | **10** | **110** | **20** | **85** | "
        "**5** | **9** | **8** | **1** |\n\n"
        "Ghi chú (lý do số liệu của hệ thống không cân):\n\n"
        "- Lĩnh vực Hộ tịch, Quý II/2024: Hệ thống đếm trùng 1 hồ sơ \\*khai sinh\\*\n\n"
    )
    assert "- Lĩnh vực Hộ tịch, Quý II/2024: Hệ thống đếm trùng 1 hồ sơ *khai sinh*" in word


def test_the_dossier_table_and_the_late_dossiers_of_a_list_reach_the_report(
    cli: Callable[..., Result], ws: Path, tmp_path: Path
) -> None:
    assert run(cli, ws, "import", str(dossier_list(tmp_path / "ds.xlsx"))).code == 0
    md, word = _report_texts(cli, ws, tmp_path)
    assert "| 1 | Hộ tịch | 8 | 3 | 4 | 1 | 5 | 1 | 2 | 2 | 3 | 2 | 1 |" in md
    assert (
        "DANH SÁCH HỒ SƠ GIẢI QUYẾT QUÁ HẠN" in md and "DANH SÁCH HỒ SƠ GIẢI QUYẾT QUÁ HẠN" in word
    )
    for code in ("H-3", "H-4", "H-6"):
        assert f"| {code} |" in md.replace("\\-", "-") and code in word


# ---------------------------------------------------------------- wording of an import (F29)


def test_a_field_twice_in_the_form_is_located_at_its_sheet_row(
    cli: Callable[..., Result], ws: Path, tmp_path: Path
) -> None:
    path = make_form(cli, ws, tmp_path)
    counts = [80, 30, 10, 20, 85, 5, 9, 1]
    fill(path, {6: ("Hộ tịch", counts, None), 7: ("Chứng thực", counts, None)})
    fill(path, {8: (" hộ  TỊCH", counts, None)})
    r = refused(cli, ws, path)
    assert r.err == (
        f"{path}:'{DOSSIERS}'!B8: lỗi [duplicate-row]: Lĩnh vực 'hộ TỊCH' đã có ở dòng 6.\n"
        "  → Gộp hai dòng thành một (cộng số liệu), hoặc ghi nguồn (hệ thống) khác nhau ở "
        "cột C.\n\n" + TAIL.format(path=path, n=1)
    )


def test_an_import_says_only_its_own_warnings_once(
    cli: Callable[..., Result], ws: Path, tmp_path: Path
) -> None:
    """An explained row is one warning, at its cell, with a hint that fits; the workspace's
    own warnings (here quarter I's explained row) are check's to say."""
    from tests.support import write

    write(
        ws / "figures_2024.yaml",
        """
        year: 2024
        periods:
          - period: "Q1"
            dossiers:
              - field: "Hộ tịch"
                received: {total: 5, online: 1, direct: 1, carried_over: 0}
                explanation: "Số của hệ thống"
        """,
    )
    assert "cảnh báo [unbalanced-row]" in run(cli, ws, "check").err
    path = make_form(cli, ws, tmp_path)
    fill(path, {6: ("Hộ tịch", [80, 30, 10, 20, 85, 5, 8, 1], "Hệ thống đếm trùng 1 hồ sơ")})
    r = run(cli, ws, "import", str(path))
    assert r.code == 0, r.err
    assert r.err == (
        f"{path}:'{DOSSIERS}'!D6: cảnh báo [unbalanced-row]: Lĩnh vực 'Hộ tịch': cột (3) ghi 120 "
        "nhưng theo (3) = (7) + (11) phải là 119. Đã có giải thích: “Hệ thống đếm trùng 1 hồ "
        "sơ”.\n"
        "  → Dòng được nhận kèm lời giải thích; lời giải thích hiện trong phụ lục số liệu của "
        "báo cáo.\n\n"
    )
