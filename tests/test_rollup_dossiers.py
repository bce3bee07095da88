"""``kstthc rollup`` pools the communes' figures files: the dossier table by commune and by
field (Σ counts), and the derived indicators recomputed from the summed counts."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Result
from tests.support import SHIPPED, write

A = """
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
      - field: "Chứng thực"
        received: {total: 10, online: 6, direct: 4, carried_over: 0}
        resolved: {total: 10, early: 2, on_time: 8, late: 0}
        in_progress: {total: 0, within: 0, overdue: 0}
"""
B = """
year: 2024
periods:
  - period: "Q2"
    dossiers:
      - field: "Hộ tịch"
        received: {total: 30, online: 20, direct: 10, carried_over: 0}
        resolved: {total: 28, early: 3, on_time: 20, late: 5}
        in_progress: {total: 2, within: 1, overdue: 1}
      - field: "=HYPERLINK(\\"x\\")"
        received: {total: 8, online: 0, direct: 8, carried_over: 0}
        resolved: {total: 8, early: 0, on_time: 8, late: 0}
        in_progress: {total: 0, within: 0, overdue: 0}
"""


@pytest.fixture
def communes(tmp_path: Path) -> list[Path]:
    """Commune A with Q1 and Q2, commune B with Q2 only, commune C without figures."""
    dirs = []
    for name, figures in (("xa-a", A), ("xa-b", B), ("xa-c", None)):
        d = tmp_path / name
        d.mkdir()
        for f in ("plan_2024.yaml", "indicators_2024.yaml"):
            text = (SHIPPED / f).read_text(encoding="utf-8")
            (d / f).write_text(text.replace("Hương Trà", f"Xã {name[-1].upper()}"), "utf-8")
        write(d / "actuals_2024.yaml", "year: 2024\ntasks: []\nindicators: []\n")
        if figures is not None:
            (d / "figures_2024.yaml").write_text(figures, encoding="utf-8")
        dirs.append(d)
    return dirs


def _rollup(cli: Callable[..., Result], dirs: list[Path], *extra: str) -> Result:
    return cli("rollup", *map(str, dirs), "--as-of", "2024-06-20", *extra)


def test_json_sums_the_counts_and_recomputes_the_derived(
    cli: Callable[..., Result], communes: list[Path]
) -> None:
    r = _rollup(cli, communes, "--json")
    assert r.code == 0, r.err
    data = json.loads(r.out)
    d = data["dossiers"]
    assert d["columns"][:4] == [
        "received_total",
        "received_online",
        "received_direct",
        "received_carried_over",
    ]
    a, b = d["communes"]
    assert a["periods"] == ["Q1", "Q2"] and b["periods"] == ["Q2"]
    # flows summed over the quarters, the carried-over stock of the first, stocks of the last
    hotich_a = a["fields"][0]
    assert hotich_a["field"] == "Hộ tịch"
    assert [hotich_a[k] for k in d["columns"]] == [110, 60, 50, 0, 105, 15, 80, 10, 5, 4, 1]
    assert [a["total"][k] for k in d["columns"]] == [120, 66, 54, 0, 115, 17, 88, 10, 5, 4, 1]
    assert {x["id"]: x for x in a["derived"]}["3"] == {
        "id": "3",
        "numerator": 66,
        "denominator": 120,
    }
    fields = {f["field"]: [f[k] for k in d["columns"]] for f in d["fields"]}
    assert fields["Hộ tịch"] == [140, 80, 60, 0, 133, 18, 100, 15, 7, 5, 2]
    assert fields["Chứng thực"] == [10, 6, 4, 0, 10, 2, 8, 0, 0, 0, 0]
    assert [d["total"][k] for k in d["columns"]] == [158, 86, 72, 0, 151, 20, 116, 15, 7, 5, 2]
    three = next(p for p in d["derived"] if p["id"] == "3")
    assert (three["numerator"], three["denominator"], three["communes"]) == (86, 158, 2)
    assert three["actual"] == 54.43 and three["state"] == "met"
    assert three["formula"]["numerator"] == "dossiers.received.online"
    # the pooled indicator agrees: each commune's figure is its own pooled counts
    pooled = next(p for p in data["indicators"] if p["id"] == "3")
    assert (pooled["numerator"], pooled["denominator"]) == (86, 158)


def test_a_period_restricts_the_table(cli: Callable[..., Result], communes: list[Path]) -> None:
    r = _rollup(cli, communes, "--period", "q1", "--json")
    assert r.code == 0, r.err
    d = json.loads(r.out)["dossiers"]
    assert [c["name"] for c in d["communes"]] == [json.loads(r.out)["communes"][0]["name"]]
    assert d["total"]["received_total"] == 50


def test_text_and_markdown(cli: Callable[..., Result], communes: list[Path]) -> None:
    r = _rollup(cli, communes)
    assert r.code == 0, r.err
    assert "HỒ SƠ TTHC CÁC XÃ (cộng số liệu các xã)" in r.out
    assert "CT 3: 54,43 % (86/158, 2 xã), đạt" in " ".join(r.out.split())
    md = _rollup(cli, communes, "--format", "md")
    assert md.code == 0, md.err
    assert "## Hồ sơ TTHC các xã (Biểu 06, cộng số liệu các xã)" in md.out
    assert "| Hộ tịch | 140 | 80 | 60 | 0 | 133 | 18 | 100 | 15 | 7 | 5 | 2 |" in md.out
    assert "| **Tổng cộng** | 158 | 86 | 72 | 0 | 151 | 20 | 116 | 15 | 7 | 5 | 2 |" in md.out


def test_excel_sheet_one_row_per_commune_and_field(
    cli: Callable[..., Result], communes: list[Path], tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "tong-hop.xlsx"
    r = _rollup(cli, communes, "--format", "xlsx", "-o", str(out))
    assert r.code == 0, r.err
    wb = load_workbook(out)
    assert wb.sheetnames[-1] == "Hồ sơ"
    sh = wb["Hồ sơ"]
    assert [c.value for c in sh[5]][:5] == ["Xã", "Thư mục", "Kỳ", "Lĩnh vực", "(3) Tổng nhận"]
    rows = list(sh.iter_rows(min_row=6))
    assert [(row[2].value, row[3].value) for row in rows] == [
        ("Q1, Q2", "Hộ tịch"),
        ("Q1, Q2", "Chứng thực"),
        ("Q2", "Hộ tịch"),
        ("Q2", '=HYPERLINK("x")'),
    ]
    assert rows[0][4].value == 110 and rows[0][4].data_type == "n"
    assert rows[3][3].data_type == "s"  # a field's name is text, never a formula


def test_no_figures_no_table(cli: Callable[..., Result], communes: list[Path]) -> None:
    r = _rollup(cli, communes[2:], "--json")
    assert r.code == 0, r.err
    d = json.loads(r.out)["dossiers"]
    assert d["communes"] == [] and d["total"] is None and d["derived"] == []
    assert "HỒ SƠ TTHC" not in _rollup(cli, communes[2:]).out
