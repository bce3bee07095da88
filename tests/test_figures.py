# ruff: noqa: E501  (the dossier lists are tables: one dossier a line)
"""Figures: the form round trip, the one-stop system's exports, and the checks of the file."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from kstthc_cli.compute import figures as fig
from kstthc_cli.load.figures_model import Figures
from kstthc_cli.load.models import Indicator
from kstthc_cli.load.workspace import load_workspace
from tests.conftest import Result
from tests.support import snapshot, write

AS_OF = ("--as-of", "2024-06-20")
DOSSIERS = "Hồ sơ theo lĩnh vực"


def run(cli: Callable[..., Result], ws: Path, *args: str) -> Result:
    return cli(*args, "--data", str(ws), *AS_OF)


def figures_of(ws: Path) -> Figures:
    loaded, problems = load_workspace(ws, 2024)
    assert loaded is not None and loaded.figures is not None, problems
    return loaded.figures


def table(figures: Figures, pid: str = "Q2") -> list[tuple[Any, ...]]:
    fp = fig.by_period(figures)[pid]
    return sorted(
        (r.field, r.source, *(fig.cell(r, w) for w in fig.ROW_COUNTS)) for r in fp.dossiers
    )


# ---------------------------------------------------------------- the form round trip


def make_form(cli: Callable[..., Result], ws: Path, tmp_path: Path) -> Path:
    path = tmp_path / "so-lieu-q2.xlsx"
    r = run(cli, ws, "form", "q2", "-o", str(path))
    assert r.code == 0, r.err
    assert r.out == (
        f"Đã ghi mẫu số liệu Quý II/2024 vào {path}. Điền xong, chạy: kstthc import {path}\n"
    )
    return path


def fill(path: Path, rows: dict[int, tuple[str, list[int | None], str | None]]) -> None:
    wb = load_workbook(path)
    sh = wb[DOSSIERS]
    for r, (name, counts, explanation) in rows.items():
        sh[f"B{r}"] = name
        # (4)(5)(6) in E–G, (8)(9)(10) in I–K, (12)(13) in M–N; D, H, L keep their formulas
        for col, value in zip("EFGIJKMN", counts, strict=True):
            sh[f"{col}{r}"] = value
        if explanation:
            sh[f"O{r}"] = explanation
    egov = wb["Dịch vụ công trực tuyến"]
    for i, value in enumerate([90, 70, 80, 40, 30, 12]):
        egov[f"C{5 + i}"] = value
    wb.save(path)


def test_form_fill_import_check_clean(cli: Callable[..., Result], ws: Path, tmp_path: Path) -> None:
    path = make_form(cli, ws, tmp_path)
    wb = load_workbook(path)
    sh = wb[DOSSIERS]
    assert sh["D6"].value == "=E6+F6+G6" and sh["L6"].value == "=M6+N6"
    assert sh["D36"].value == "=SUM(D6:D35)"
    assert sh.data_validations.dataValidation[0].type == "whole"
    fill(
        path,
        {
            6: ("Hộ tịch", [80, 30, 10, 20, 85, 5, 9, 1], None),
            7: ("Chứng thực", [5, 5, 0, 2, 8, 0, 0, 0], None),
        },
    )
    r = run(cli, ws, "import", str(path))
    assert r.code == 0, r.err
    assert r.out == (
        "Đã ghi thêm số liệu Quý II/2024 (mẫu nhập số liệu của kstthc: 2 dòng lĩnh vực, "
        f"0 hồ sơ trễ hạn) vào {ws / 'figures_2024.yaml'}.\n"
    )
    check = run(cli, ws, "check")
    assert check.code == 0, check.err
    assert "0 lỗi" in check.out and "figures_2024" not in check.err
    figures = figures_of(ws)
    assert table(figures) == [
        ("Chứng thực", None, 10, 5, 5, 0, 10, 2, 8, 0, 0, 0, 0),
        ("Hộ tịch", None, 120, 80, 30, 10, 110, 20, 85, 5, 10, 9, 1),
    ]
    loaded, _ = load_workspace(ws, 2024)
    assert loaded is not None
    online = next(i for i in loaded.indicators.indicators if i.id == "3")
    assert fig.derived_figure(figures, online, ["Q2"]) == (85, 120)
    # the next quarter's form shows these figures beside its empty cells
    q3 = tmp_path / "q3.xlsx"
    assert run(cli, ws, "form", "q3", "-o", str(q3)).code == 0
    nxt = load_workbook(q3)[DOSSIERS]
    assert (nxt["B6"].value, nxt["Q6"].value, nxt["Y6"].value) == ("Hộ tịch", 120, 10)
    assert nxt["Q5"].value == "Quý II/2024: (3) Tổng số nhận"


def test_unbalanced_row_refused_with_its_cell(
    cli: Callable[..., Result], ws: Path, tmp_path: Path
) -> None:
    path = make_form(cli, ws, tmp_path)
    # received 120 = 80 + 30 + 10, but resolved 110 + in progress 9 = 119
    fill(path, {6: ("Hộ tịch", [80, 30, 10, 20, 85, 5, 8, 1], None)})
    before = snapshot(ws)
    r = run(cli, ws, "import", str(path))
    assert r.code == 1
    assert r.err == (
        f"{path}:'{DOSSIERS}'!D6: lỗi [unbalanced-row]: Lĩnh vực 'Hộ tịch': cột (3) ghi 120 "
        "nhưng theo (3) = (7) + (11) phải là 119.\n"
        "  → Kiểm tra lại số liệu xuất từ hệ thống; nếu số liệu của hệ thống đúng là vậy, ghi "
        "lý do vào cột Giải thích của dòng này.\n\n"
        f"Tệp {path} có lỗi; chưa ghi gì vào tệp số liệu. 1 lỗi, 0 cảnh báo.\n"
    )
    assert snapshot(ws) == before


def test_unbalanced_row_accepted_with_an_explanation(
    cli: Callable[..., Result], ws: Path, tmp_path: Path
) -> None:
    path = make_form(cli, ws, tmp_path)
    fill(path, {6: ("Hộ tịch", [80, 30, 10, 20, 85, 5, 8, 1], "Hệ thống đếm trùng 1 hồ sơ")})
    r = run(cli, ws, "import", str(path))
    assert r.code == 0, r.err
    assert f"{path}:'{DOSSIERS}'!D6: cảnh báo [unbalanced-row]" in r.err
    assert "Đã có giải thích: “Hệ thống đếm trùng 1 hồ sơ”." in r.err
    text = (ws / "figures_2024.yaml").read_text(encoding="utf-8")
    assert 'explanation: "Hệ thống đếm trùng 1 hồ sơ"' in text
    check = run(cli, ws, "check")
    assert check.code == 0
    assert "figures_2024.yaml:" in check.err and "cảnh báo [unbalanced-row]" in check.err


def test_bad_cells_located(cli: Callable[..., Result], ws: Path, tmp_path: Path) -> None:
    path = make_form(cli, ws, tmp_path)
    wb = load_workbook(path)
    sh = wb[DOSSIERS]
    sh["E6"] = -1
    sh["F6"] = "1.000"
    sh["B7"] = None
    sh["I7"] = 3
    wb.save(path)
    before = snapshot(ws)
    r = run(cli, ws, "import", str(path))
    assert r.code == 1
    assert f"{path}:'{DOSSIERS}'!E6: lỗi [negative]: Số đếm không được âm (đang là -1)." in r.err
    assert f"{path}:'{DOSSIERS}'!F6: lỗi [bad-value]" in r.err
    assert f"{path}:'{DOSSIERS}'!B7: lỗi [missing-field]" in r.err
    assert snapshot(ws) == before


def test_form_text_from_data_stays_text(
    cli: Callable[..., Result], ws: Path, tmp_path: Path
) -> None:
    write(
        ws / "figures_2024.yaml",
        """
        year: 2024
        periods:
          - period: "Q1"
            dossiers:
              - field: "=HYPERLINK(\\"http://x\\")"
                received: {total: 1, online: 1, direct: 0, carried_over: 0}
        """,
    )
    path = tmp_path / "q2.xlsx"
    assert run(cli, ws, "form", "q2", "-o", str(path)).code == 0
    cell = load_workbook(path)[DOSSIERS]["B6"]
    assert cell.data_type == "s" and cell.value == '=HYPERLINK("http://x")'


def test_dry_run_shows_the_change_and_writes_nothing(
    cli: Callable[..., Result], ws: Path, tmp_path: Path
) -> None:
    path = make_form(cli, ws, tmp_path)
    fill(path, {6: ("Hộ tịch", [1, 0, 0, 0, 1, 0, 0, 0], None)})
    before = snapshot(ws)
    r = run(cli, ws, "import", str(path), "--dry-run")
    assert r.code == 0, r.err
    assert "+        received: {total: 1, online: 1, direct: 0, carried_over: 0}" in r.out
    assert "Chạy thử (--dry-run)" in r.err
    assert snapshot(ws) == before


def test_import_replaces_the_period_and_keeps_other_lines(
    cli: Callable[..., Result], ws: Path, tmp_path: Path
) -> None:
    original = write(
        ws / "figures_2024.yaml",
        """
        # Số liệu của xã, ghi tay.
        year: 2024
        periods:
          # quý I, chép từ báo cáo
          - period: "quý I"
            complaints: {received: 1, handled: 1, on_time: 1}
          - period: "Q2"
            complaints: {received: 9}
        # cuối tệp
        """,
    ).read_text(encoding="utf-8")
    path = make_form(cli, ws, tmp_path)
    fill(path, {6: ("Hộ tịch", [1, 0, 0, 0, 1, 0, 0, 0], None)})
    assert run(cli, ws, "import", str(path)).code == 0
    text = (ws / "figures_2024.yaml").read_text(encoding="utf-8")
    assert text.startswith(original.split('  - period: "Q2"')[0])
    assert text.endswith("# cuối tệp\n")
    assert "received: 9" not in text
    assert table(figures_of(ws)) == [("Hộ tịch", None, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0, 0)]


# ---------------------------------------------------------------- the one-stop system's exports

#: (code, field, procedure, channel, received, due, finished, status): Q2/2024 (15/03–14/06).
LIST = [
    ("H-1", "Hộ tịch", "Đăng ký khai sinh", "Trực tuyến", "01/04/2024", "05/04/2024", "03/04/2024", "Đã trả kết quả"),
    ("H-2", "Hộ tịch", "Đăng ký kết hôn", "Trực tiếp", "10/04/2024", "12/04/2024", "12/04/2024", "Đã trả kết quả"),
    ("H-3", "Hộ tịch", "Đăng ký khai tử", "Trực tuyến", "01/05/2024", "06/05/2024", "09/05/2024 10:15", "Đã trả kết quả"),
    ("H-4", "Hộ tịch", "Đăng ký khai sinh", "Trực tiếp", "10/03/2024", "20/03/2024", "25/03/2024", "Đã trả kết quả"),
    ("H-5", "Hộ tịch", "Đăng ký kết hôn", "Trực tiếp", "10/06/2024", "20/06/2024", None, "Đang xử lý"),
    ("H-6", "Hộ tịch", "Đăng ký khai sinh", "Bưu chính", "01/06/2024", "05/06/2024", None, "Đang xử lý"),
    ("H-7", "Hộ tịch", "Đăng ký khai sinh", "Trực tuyến", "20/05/2024", "25/05/2024", "22/05/2024", "Trả lại hồ sơ"),
    ("H-8", "Hộ tịch", "Đăng ký khai sinh", "Trực tuyến", "21/05/2024", "25/05/2024", None, "Không tiếp nhận"),
    ("H-9", "Hộ tịch", "Đăng ký khai sinh", "Trực tiếp", "20/06/2024", "25/06/2024", None, "Đang xử lý"),
    ("H-10", "Hộ tịch", "Đăng ký khai sinh", "Trực tiếp", "12/06/2024", "14/06/2024", None, "Đang xử lý"),
    ("C-1", "Chứng thực", "Chứng thực bản sao", "Trực tiếp", "02/04/2024", "02/04/2024", "02/04/2024", "Đã trả kết quả"),
    ("C-2", "Chứng thực", "Chứng thực chữ ký", "Trực tuyến", "05/05/2024", "10/05/2024", None, "Chờ bổ sung"),
    ("C-3", "Chứng thực", "Chứng thực bản sao", "Trực tiếp", "01/03/2024", "02/03/2024", "02/03/2024", "Đã trả kết quả"),
]  # fmt: skip

#: The Biểu 06 rows the same dossiers give: field, (3)…(13).
BIEU = [
    ("Hộ tịch", [8, 3, 4, 1, 5, 1, 2, 2, 3, 2, 1]),
    ("Chứng thực", [2, 1, 1, 0, 1, 0, 1, 0, 1, 1, 0]),
]
EXPECTED = [
    ("Chứng thực", None, 2, 1, 1, 0, 1, 0, 1, 0, 1, 1, 0),
    ("Hộ tịch", None, 8, 3, 4, 1, 5, 1, 2, 2, 3, 2, 1),
]


def dossier_list(path: Path, *, window: bool = True, channel: str = "Kênh") -> Path:
    wb = Workbook()
    sh = wb.active
    sh.append(["DANH SÁCH HỒ SƠ"])
    if window:
        sh.append(["(Từ ngày 15/03/2024 đến ngày 14/06/2024)"])
    sh.append([])
    head = ["STT", "Đơn vị tiếp nhận", "Lĩnh vực", "Tên thủ tục hành chính", "Mã hồ sơ",
            "Trạng thái", "Chủ hồ sơ", "Ngày nhận", "Ngày hẹn trả", "Ngày kết thúc xử lý", channel]  # fmt: skip
    sh.append(head)
    for i, (code, field, proc, chan, rec, due, fin, status) in enumerate(LIST, 1):
        sh.append([i, "UBND xã", field, proc, code, status, "Nguyễn Văn A", rec, due, fin, chan])
    wb.save(path)
    return path


def bieu06(path: Path, rows: list[tuple[str, list[int]]] = BIEU, sections: bool = False) -> Path:
    wb = Workbook()
    sh = wb.active
    sh.append(["Biểu số II.06a/VPCP/KSTT"])
    sh.append(["TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT TTHC TẠI TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG"])
    sh.append(["(Từ ngày 15/03/2024 đến ngày 14/06/2024)"])
    sh.append(["Đơn vị báo cáo: UBND xã Hương Trà", None, None, None, None, None, None, None, "Đơn vị nhận báo cáo: UBND huyện"])  # fmt: skip
    sh.append(["Đơn vị tính: Số hồ sơ TTHC"])
    sh.append(["STT", "Lĩnh vực giải quyết", "Số hồ sơ nhận giải quyết", None, None, None,
               "Số lượng hồ sơ đã giải quyết", None, None, None, "Số lượng hồ sơ đang giải quyết"])  # fmt: skip
    sh.append([None, None, "Tổng số", "Trong đó: Trực tuyến", "Trực tiếp, dịch vụ bưu chính công ích",
               "Từ kỳ trước", "Tổng số", "Trả trước thời hạn", "Trả đúng thời hạn", "Trả quá hạn",
               "Tổng số", "Trong hạn", "Quá hạn"])  # fmt: skip
    sh.append([f"({k})" for k in range(1, 14)])
    groups = (
        [("Trên Hệ thống thông tin giải quyết TTHC tỉnh", rows)]
        if not sections
        else [
            ("Trên Hệ thống thông tin giải quyết TTHC tỉnh", rows[:1]),
            ("Trên Hệ thống các Bộ", rows[1:]),
        ]
    )
    if not sections:
        groups = [("", rows)]
    for title, part in groups:
        if title:
            sh.append([title])
        sums = [sum(c[k] for _, c in part) for k in range(11)]
        sh.append(["I", "Cấp xã", *sums])
        for i, (name, counts) in enumerate(part, 1):
            sh.append([str(i), name, *counts])
    total = [sum(c[k] for _, c in rows) for k in range(11)]
    sh.append(["", "Tổng cộng", *total])
    sh.append([])
    sh.append([None, "Người lập biểu", None, None, None, None, None, None, "Thủ trưởng đơn vị"])
    wb.save(path)
    return path


def test_bieu06_and_dossier_list_give_the_same_table(
    cli: Callable[..., Result], ws: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other"
    import shutil

    shutil.copytree(ws, other)
    r = run(cli, ws, "import", str(bieu06(tmp_path / "bieu06.xlsx")))
    assert r.code == 0, r.err
    assert "Biểu 06 / II.06a" in r.out
    r = run(cli, other, "import", str(dossier_list(tmp_path / "ds.xlsx")))
    assert r.code == 0, r.err
    assert r.out == (
        "Đã ghi thêm số liệu Quý II/2024 (Danh sách hồ sơ: 2 dòng lĩnh vực, 3 hồ sơ trễ hạn) "
        f"vào {other / 'figures_2024.yaml'}.\n"
    )
    assert table(figures_of(ws)) == table(figures_of(other)) == EXPECTED
    late = fig.by_period(figures_of(other))["Q2"].late_dossiers
    assert [(d.code, d.finished) for d in late] == [
        ("H-3", date(2024, 5, 9)),
        ("H-4", date(2024, 3, 25)),
        ("H-6", None),
    ]
    assert run(cli, other, "check").code == 0


def test_bieu06_sections_per_source(cli: Callable[..., Result], ws: Path, tmp_path: Path) -> None:
    r = run(cli, ws, "import", str(bieu06(tmp_path / "b.xlsx", sections=True)))
    assert r.code == 0, r.err
    sources = {row[0]: row[1] for row in table(figures_of(ws))}
    assert sources == {
        "Hộ tịch": "Trên Hệ thống thông tin giải quyết TTHC tỉnh",
        "Chứng thực": "Trên Hệ thống các Bộ",
    }


def test_bieu06_unbalanced_row_located(
    cli: Callable[..., Result], ws: Path, tmp_path: Path
) -> None:
    rows = [("Hộ tịch", [8, 9, 4, 1, 5, 1, 2, 2, 3, 2, 1])]  # online 9 > total
    before = snapshot(ws)
    r = run(cli, ws, "import", str(bieu06(tmp_path / "b.xlsx", rows)))
    assert r.code == 1
    assert (
        f"{tmp_path / 'b.xlsx'}:Sheet!C10: lỗi [unbalanced-row]: Lĩnh vực 'Hộ tịch': cột (3) ghi 8 "
        "nhưng theo (3) = (4) + (5) + (6) phải là 14." in r.err
    )
    assert snapshot(ws) == before


def test_dossier_list_without_window_needs_the_period(
    cli: Callable[..., Result], ws: Path, tmp_path: Path
) -> None:
    path = dossier_list(tmp_path / "ds.xlsx", window=False, channel="Hình thức nộp")
    r = run(cli, ws, "import", str(path))
    assert r.code == 1
    assert "không có dòng '(Từ ngày … đến ngày …)'" in r.err
    r = run(cli, ws, "import", str(path), "--period", "q2")
    assert r.code == 0, r.err
    assert table(figures_of(ws)) == EXPECTED


def test_unknown_layout_refused(cli: Callable[..., Result], ws: Path, tmp_path: Path) -> None:
    wb = Workbook()
    wb.active.append(["Tên", "Tuổi"])
    wb.save(tmp_path / "x.xlsx")
    r = run(cli, ws, "import", str(tmp_path / "x.xlsx"))
    assert r.code == 1
    assert f"Không nhận ra bố cục của '{tmp_path / 'x.xlsx'}'." in r.err
    assert "(1)…(13)" in r.err and "Mã hồ sơ" in r.err


# ---------------------------------------------------------------- checks of the file


def check_err(cli: Callable[..., Result], ws: Path) -> Result:
    return run(cli, ws, "check")


def test_checks_of_the_figures_file(cli: Callable[..., Result], ws: Path) -> None:
    write(
        ws / "figures_2024.yaml",
        """
        year: 2024
        periods:
          - period: "Q1"
            dossiers:
              - field: "Hộ tịch"
                in_progress: {total: 4, within: 4, overdue: 0}
          - period: "Q2"
            dossiers:
              - field: "Hộ tịch"
                received: {total: 10, online: 5, direct: 2, carried_over: 3}
                resolved: {total: 7, early: 1, on_time: 6, late: 0}
                in_progress: {total: 3, within: 3, overdue: 0}
              - field: "Tổng cộng"
                received: {total: 11}
          - period: "quý 2"
        """,
    )
    r = check_err(cli, ws)
    assert r.code == 1
    assert "figures_2024.yaml:10:67: lỗi [carried-over-mismatch]" in r.err
    assert "cuối Quý I/2024 còn 4 hồ sơ đang giải quyết" in r.err
    assert (
        "figures_2024.yaml:14:27: lỗi [total-mismatch]: Dòng 'Tổng cộng': cột (3) ghi 11 nhưng cộng các lĩnh vực được 10."
        in r.err
    )
    assert (
        "figures_2024.yaml:15:13: lỗi [duplicate-period]: Kỳ Quý II/2024 đã có số liệu ở dòng 7."
        in r.err
    )


def test_row_sum_in_the_file_at_its_line(cli: Callable[..., Result], ws: Path) -> None:
    write(
        ws / "figures_2024.yaml",
        """
        year: 2024
        periods:
          - period: "Q2"
            dossiers:
              - field: "Hộ tịch"
                resolved: {total: 7, early: 1, on_time: 5, late: 0}
        """,
    )
    r = check_err(cli, ws)
    assert r.code == 1
    assert (
        "figures_2024.yaml:6:27: lỗi [unbalanced-row]: Lĩnh vực 'Hộ tịch': cột (7) ghi 7 nhưng "
        "theo (7) = (8) + (9) + (10) phải là 6.\n"
        "6 |         resolved: {total: 7, early: 1, on_time: 5, late: 0}\n"
    ) in r.err
    write(
        ws / "figures_2024.yaml",
        """
        year: 2024
        periods:
          - period: "Q2"
            dossiers:
              - field: "Hộ tịch"
                resolved: {total: 7, early: 1, on_time: 5, late: 0}
                explanation: "Hệ thống tính cả 1 hồ sơ rút"
        """,
    )
    r = check_err(cli, ws)
    assert r.code == 0
    assert "cảnh báo [unbalanced-row]" in r.err and "Hệ thống tính cả 1 hồ sơ rút" in r.err


def test_grouped_thousands_refused_in_the_file(cli: Callable[..., Result], ws: Path) -> None:
    write(
        ws / "figures_2024.yaml",
        'year: 2024\nperiods:\n  - period: "Q2"\n    egov: {with_fee: 1.000}\n',
    )
    r = check_err(cli, ws)
    assert r.code == 1
    assert "Nếu là 1000 hồ sơ, viết liền: 1000." in r.err


def test_unknown_count_name_suggests_the_nearest(cli: Callable[..., Result], ws: Path) -> None:
    path = ws / "indicators_2024.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace('numerator: "egov.paid_online"', 'numerator: "egov.paid_onlin"'),
        encoding="utf-8",
    )
    r = check_err(cli, ws)
    assert r.code == 1
    assert "lỗi [unknown-count]: Chỉ tiêu 2: 'egov.paid_onlin' không phải tên một số đếm." in r.err
    assert "Có phải ý bạn là 'egov.paid_online'?" in r.err


def test_typed_figure_of_a_derived_indicator_refused(cli: Callable[..., Result], ws: Path) -> None:
    write(
        ws / "figures_2024.yaml",
        """
        year: 2024
        periods:
          - period: "Q2"
            dossiers:
              - field: "Hộ tịch"
                received: {total: 10, online: 5, direct: 5, carried_over: 0}
        """,
    )
    before = snapshot(ws)
    r = run(cli, ws, "record", "indicator", "3", "--period", "q2", "--num", "1", "--den", "2")
    assert r.code == 1
    assert r.err == (
        "Lỗi: Chỉ tiêu 3 được tính từ số liệu figures_2024.yaml (Hồ sơ nhận trực tuyến (cột 4) / "
        "Hồ sơ nhận trực tuyến (cột 4) + Hồ sơ nhận trực tiếp, dịch vụ bưu chính (cột 5)) đã có cho "
        "Quý II/2024; không nhập tay số liệu này.\n"
        "  → Xóa bản ghi này; sửa số liệu trong tệp số liệu (hoặc kstthc import) nếu cần.\n"
    )
    assert snapshot(ws) == before
    # a period the figures do not hold is still typed
    r = run(cli, ws, "record", "indicator", "3", "--period", "q1", "--num", "1", "--den", "2")
    assert r.code == 0, r.err


# ---------------------------------------------------------------- pooling


def _figures(periods_: list[tuple[str, int, int, int, int]]) -> Figures:
    return Figures.model_validate(
        {
            "year": 2024,
            "periods": [
                {
                    "period": p,
                    "dossiers": [
                        {
                            "field": "Hộ tịch",
                            "received": {
                                "total": o + d + c,
                                "online": o,
                                "direct": d,
                                "carried_over": c,
                            },
                            "in_progress": {"total": ip},
                        }
                    ],
                }
                for p, o, d, c, ip in periods_
            ],
        }
    )


ONLINE = Indicator.model_validate(
    {
        "id": "3",
        "name": "Hồ sơ trực tuyến",
        "target": ">= 50",
        "formula": {
            "numerator": "dossiers.received.online",
            "denominator": "dossiers.received.online+dossiers.received.direct",
        },
    }
)

counts = st.integers(min_value=0, max_value=10_000)


@given(st.lists(st.tuples(counts, counts, counts, counts), min_size=1, max_size=4))
def test_pooling_sums_flows_and_keeps_the_stocks(quarters: list[tuple[int, int, int, int]]) -> None:
    pids = [f"Q{k + 1}" for k in range(len(quarters))]
    figures = _figures([(p, *q) for p, q in zip(pids, quarters, strict=True)])
    num, den = fig.derived_figure(figures, ONLINE, pids) or (None, None)
    assert num == sum(q[0] for q in quarters)
    assert den == sum(q[0] + q[1] for q in quarters)
    assert fig.pooled_count(figures, "dossiers.received.carried_over", pids) == quarters[0][2]
    assert fig.pooled_count(figures, "dossiers.in_progress.total", pids) == quarters[-1][3]
    total = fig.pooled_count(figures, "dossiers.received.total", pids)
    assert total == sum(q[0] + q[1] for q in quarters) + quarters[0][2]


def test_derived_figure_without_the_counts_is_none() -> None:
    figures = _figures([("Q1", 1, 2, 0, 0)])
    assert fig.derived_figure(figures, ONLINE, ["Q1", "Q2"]) is None
    assert fig.derived_figure(None, ONLINE, ["Q1"]) is None
    assert fig.derived_figure(figures, ONLINE, ["Q1"]) == (1, 3)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("dossiers.received.onlin", "dossiers.received.online"),
        ("egov.x", "egov.with_fee"),
        ("abc", ""),
    ],
)
def test_unknown_names(word: str, expected: str) -> None:
    assert fig.unknown_names(f"dossiers.received.direct+ {word}") == [(word, expected)]


def test_form_refuses_a_missing_folder_and_an_input_file(
    cli: Callable[..., Result], ws: Path, tmp_path: Path
) -> None:
    before = snapshot(ws)
    r = run(cli, ws, "form", "q2", "-o", str(tmp_path / "none" / "f.xlsx"))
    assert r.code == 2
    assert f"Không ghi được mẫu vào '{tmp_path / 'none' / 'f.xlsx'}': không có thư mục" in r.err
    r = run(cli, ws, "form", "q2", "-o", str(ws / "figures_2024.xlsx"))
    assert r.code == 0, r.err  # not an input name: only figures_N.yaml is
    r = run(cli, ws, "form", "q9", "-o", str(tmp_path / "f.xlsx"))
    assert r.code == 2 and "Không hiểu kỳ báo cáo 'q9'." in r.err
    (ws / "figures_2024.xlsx").unlink()
    assert snapshot(ws) == before


def test_bieu06_other_wording_offset_and_total_first(
    cli: Callable[..., Result], ws: Path, tmp_path: Path
) -> None:
    """Another system's export: the table starts in column B, words differ, the total row comes
    first and a blank line separates the signatures; the file has CRLF and a BOM kept."""
    wb = Workbook()
    sh = wb.active
    sh.title = "Biểu 06"
    sh.append([None, "Biểu số 06/VPCP/KSTT"])
    sh.append([None, "Từ ngày 15/03/2024 đến ngày 14/06/2024"])
    sh.append(
        [None, "STT", "Tên lĩnh vực", "Số hồ sơ tiếp nhận", None, None, None, "Kết quả giải quyết"]
    )
    sh.append([None, None, None, "Tổng", "Tiếp nhận trực tuyến", "Trực tiếp hoặc qua bưu chính",
               "Kỳ trước chuyển qua", "Tổng", "Trước hạn", "Đúng hạn", "Trễ hạn", "Tổng", "Trong hạn", "Trễ hạn"])  # fmt: skip
    sh.append([None, *[str(k) for k in range(1, 14)]])
    sh.append([None, None, "Tổng số", 10, 4, 5, 1, 7, 1, 6, 0, 3, 3, 0])
    sh.append([None, "1", "Hộ tịch", 10, 4, 5, 1, 7, 1, 6, 0, 3, 3, 0])
    wb.save(tmp_path / "b.xlsx")
    (ws / "figures_2024.yaml").write_bytes(b"\xef\xbb\xbf# tay\r\nyear: 2024\r\nperiods:\r\n")
    r = run(cli, ws, "import", str(tmp_path / "b.xlsx"))
    assert r.code == 0, r.err
    assert table(figures_of(ws)) == [("Hộ tịch", None, 10, 4, 5, 1, 7, 1, 6, 0, 3, 3, 0)]
    raw = (ws / "figures_2024.yaml").read_bytes()
    assert raw.startswith(b'\xef\xbb\xbf# tay\r\nyear: 2024\r\nperiods:\r\n  - period: "Q2"\r\n')
    assert b"\n" not in raw.replace(b"\r\n", b"")


# ---------------------------------------------------------------- derived indicators judged


def test_form_import_then_status_shows_the_derived_indicator(
    cli: Callable[..., Result], ws: Path, tmp_path: Path
) -> None:
    path = make_form(cli, ws, tmp_path)
    fill(
        path,
        {
            6: ("Hộ tịch", [80, 30, 10, 20, 85, 5, 9, 1], None),
            7: ("Chứng thực", [5, 5, 0, 2, 8, 0, 0, 0], None),
        },
    )
    assert run(cli, ws, "import", str(path)).code == 0
    check = run(cli, ws, "check")
    assert check.code == 0, check.err
    r = run(cli, ws, "status", "--json")
    assert r.code == 0, r.err
    three = next(i for i in json.loads(r.out)["indicators"] if i["id"] == "3")
    assert (three["numerator"], three["denominator"], three["actual"]) == (85, 120, 70.83)
    assert three["state"] == "met" and three["periods"] == ["Q2"]
    assert three["source"] == "figures" and three["derived_periods"] == ["Q2"]
    assert three["formula"] == {
        "numerator": "dossiers.received.online",
        "denominator": "dossiers.received.online+dossiers.received.direct",
        "numerator_text": "Hồ sơ nhận trực tuyến (cột 4)",
        "denominator_text": (
            "Hồ sơ nhận trực tuyến (cột 4) + Hồ sơ nhận trực tiếp, dịch vụ bưu chính (cột 5)"
        ),
    }
    # an indicator without a formula keeps its typed figures and says so
    four = next(i for i in json.loads(r.out)["indicators"] if i["id"] == "4")
    assert four["source"] == "records" and four["formula"] is None
    text = run(cli, ws, "status")
    assert text.code == 0, text.err
    assert "(85/120)" in text.out
    assert (
        "Chỉ tiêu 3 tính từ số liệu (Q2): Hồ sơ nhận trực tuyến (cột 4) / Hồ sơ nhận trực "
        "tuyến (cột 4) + Hồ sơ nhận trực tiếp, dịch vụ bưu chính (cột 5)"
    ) in " ".join(text.out.split())


def _two_quarters(ws: Path) -> None:
    write(
        ws / "figures_2024.yaml",
        """
        year: 2024
        periods:
          - period: "Q1"
            dossiers:
              - field: "Hộ tịch"
                received: {total: 50, online: 20, direct: 30, carried_over: 0}
                resolved: {total: 45, early: 5, on_time: 35, late: 5}
                in_progress: {total: 5, within: 5, overdue: 0}
          - period: "Q2"
            dossiers:
              - field: "Hộ tịch"
                received: {total: 65, online: 40, direct: 20, carried_over: 5}
                resolved: {total: 60, early: 10, on_time: 45, late: 5}
                in_progress: {total: 5, within: 4, overdue: 1}
        """,
    )


def test_year_to_date_of_a_derived_indicator_pools_the_counts(ws: Path) -> None:
    from kstthc_cli.compute.evaluate import evaluate_year

    _two_quarters(ws)
    loaded, problems = load_workspace(ws, 2024)
    assert loaded is not None, problems
    state = evaluate_year(loaded, as_of=date(2024, 6, 20))
    three = next(i for i in state.indicators if i.indicator.id == "3")
    assert three.derived == frozenset({"Q1", "Q2"}) and three.source == "figures"
    assert (three.status.ytd.numerator, three.status.ytd.denominator) == (60, 110)
    assert three.figures["Q1"].numerator == 20 and three.figures["Q2"].denominator == 60
    q2 = next(p for p in state.indicators_in("Q2") if p.indicator.id == "3")
    assert q2.derived and q2.figure is not None
    assert (q2.figure.numerator, q2.figure.denominator) == (40, 60)
    assert (q2.ytd.ytd.numerator, q2.ytd.ytd.denominator) == (60, 110)
    # before Q2 begins only Q1's counts count
    early = evaluate_year(loaded, as_of=date(2024, 2, 20))
    three = next(i for i in early.indicators if i.indicator.id == "3")
    assert (three.status.ytd.numerator, three.status.ytd.denominator) == (20, 50)


def test_a_period_without_figures_keeps_its_typed_record(
    cli: Callable[..., Result], ws: Path
) -> None:
    from kstthc_cli.compute.evaluate import evaluate_year

    _two_quarters(ws)
    r = run(cli, ws, "record", "indicator", "3", "--period", "q3", "--num", "7", "--den", "10")
    assert r.code == 0, r.err
    loaded, problems = load_workspace(ws, 2024)
    assert loaded is not None, problems
    state = evaluate_year(loaded, as_of=date(2024, 9, 20))
    three = next(i for i in state.indicators if i.indicator.id == "3")
    assert three.status.ytd_periods == ("Q1", "Q2", "Q3")
    assert three.source == "mixed" and three.status.derived_periods == ("Q1", "Q2")
    assert (three.status.ytd.numerator, three.status.ytd.denominator) == (67, 120)


# ---------------------------------------------------------------- directly entered indicators


DIRECT = "Chỉ tiêu nhập trực tiếp"


def fill_direct(path: Path, rows: dict[str, tuple[Any, Any, Any, Any]]) -> None:
    """Indicator number → (numerator, denominator, value, không phát sinh) in its row."""
    wb = load_workbook(path)
    sh = wb[DIRECT]
    for r in range(5, 5 + 20):
        ind = sh[f"A{r}"].value
        if ind in rows:
            for col, v in zip("CDEG", rows[ind], strict=True):
                sh[f"{col}{r}"] = v
    wb.save(path)


def test_form_direct_indicators_round_trip(
    cli: Callable[..., Result], ws: Path, tmp_path: Path
) -> None:
    path = make_form(cli, ws, tmp_path)
    sh = load_workbook(path)[DIRECT]
    listed = [sh[f"A{r}"].value for r in range(5, 5 + 7)]
    assert listed == ["1", "4", "6", "8", "9", "10", "11.3"]  # the ones without a formula
    assert [c.value for c in sh[4]][:7] == [
        "Số", "Chỉ tiêu", "Tử số", "Mẫu số", "Giá trị", "Đơn vị", "Không phát sinh (x)",
    ]  # fmt: skip
    fill(path, {6: ("Hộ tịch", [80, 30, 10, 20, 85, 5, 9, 1], None)})
    fill_direct(
        path,
        {"4": (45, 90, None, None), "10": (None, None, "92,5", None), "9": (None, None, None, "x")},
    )
    dry = run(cli, ws, "import", str(path), "--dry-run")
    assert dry.code == 0, dry.err
    assert '+  - indicator: "4"' in dry.out and "figures_2024.yaml" in dry.out
    assert not (ws / "actuals_2024.yaml").exists()
    r = run(cli, ws, "import", str(path))
    assert r.code == 0, r.err
    assert r.out.splitlines()[1] == (
        "Đã ghi số liệu Quý II/2024 của chỉ tiêu 4, 9, 10 (trang Chỉ tiêu nhập trực tiếp) "
        f"vào {ws / 'actuals_2024.yaml'}."
    )
    assert run(cli, ws, "check").code == 0
    status = json.loads(run(cli, ws, "status", "--json").out)
    got = {i["id"]: i for i in status["indicators"]}
    assert (got["4"]["numerator"], got["4"]["denominator"]) == (45, 90)
    assert got["10"]["actual"] == 92.5
    assert got["9"]["state"] == "none"


def test_form_direct_indicator_problems_located_nothing_written(
    cli: Callable[..., Result], ws: Path, tmp_path: Path
) -> None:
    path = make_form(cli, ws, tmp_path)
    fill(path, {6: ("Hộ tịch", [80, 30, 10, 20, 85, 5, 9, 1], None)})
    fill_direct(path, {"4": (None, None, 50, None), "10": (None, None, "nhiều", None)})
    before = snapshot(ws)
    r = run(cli, ws, "import", str(path))
    assert r.code == 1
    assert (
        f"{path}:'{DIRECT}'!E10: lỗi [bad-value]: Giá trị phải là một số (đang là 'nhiều')."
        in r.err
    )
    assert snapshot(ws) == before
    fill_direct(path, {"4": (None, None, 50, None), "10": (None, None, None, None)})
    r = run(cli, ws, "import", str(path))
    assert r.code == 1
    assert (
        f"{path}:'{DIRECT}'!A6: lỗi [wrong-measure]: Chỉ tiêu 4 tính bằng tử số / mẫu số" in r.err
    )
    assert snapshot(ws) == before
