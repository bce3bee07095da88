"""``rollup --format csv``: one of the rollup's tables, no cell ever starting a formula."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import pytest

from kstthc_cli.render.rollup_csv import TABLES, safe_text
from tests.conftest import Result
from tests.support import write

AS_OF = "2024-07-01"


@pytest.fixture
def hostile(ws: Path) -> Path:
    plan = ws / "plan_2024.yaml"
    text = plan.read_text(encoding="utf-8").replace("Hương Trà", '=HYPERLINK(\\"x\\")')
    plan.write_text(text, encoding="utf-8")
    write(ws / "actuals_2024.yaml", 'year: 2024\nindicators:\n  - indicator: "1"\n'
          '    period: "q1"\n    numerator: 30\n    denominator: 40\n')  # fmt: skip
    return ws


@pytest.mark.parametrize(
    ("text", "safe"),
    [("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@SUM(A1)", "'@SUM(A1)"),
     ("\tx", "'\tx"), ("\rx", "x"), ("Xã 1", "Xã 1")],
)  # fmt: skip
def test_safe_text(text: str, safe: str) -> None:
    assert safe_text(text) == safe  # (a carriage return is a control character: dropped)


def test_the_pivot_table_by_default(cli: Callable[..., Result], hostile: Path) -> None:
    r = cli("rollup", str(hostile), "--as-of", AS_OF, "--format", "csv")
    assert r.code == 0, r.err
    rows = list(csv.reader(io.StringIO(r.out)))
    assert rows[0][:4] == ["Xã", "Thư mục", "Kỳ", "Tên kỳ"]
    by = {(row[2], row[6]): dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    q1 = by[("Q1", "1")]
    assert (q1["Tử số"], q1["Mẫu số"], q1["Kết quả"], q1["Chỉ tiêu giao"]) == (
        "30",
        "40",
        "75",
        "80",
    )
    assert q1["Xã"] == '\'=HYPERLINK("x")'
    cells = [c for row in rows for c in row]
    assert not any(c.startswith(("=", "+", "-", "@", "\t", "\r")) for c in cells)


@pytest.mark.parametrize("table", [t for t in TABLES if t != "ho-so"])
def test_every_table(cli: Callable[..., Result], hostile: Path, tmp_path: Path, table: str) -> None:
    out = tmp_path / "bang.csv"
    r = cli("rollup", str(hostile), "--as-of", AS_OF, "--format", "csv", "--table", table, "-o",
            str(out))  # fmt: skip
    assert r.code == 0, r.err
    data = out.read_bytes()
    assert data.startswith("\ufeff".encode())  # a file: with a BOM, so Excel reads it as UTF-8
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows and all(h for h in rows[0])
    assert not any(c.startswith(("=", "+", "-", "@")) for row in rows for c in row)


def test_bad_tables(cli: Callable[..., Result], hostile: Path) -> None:
    r = cli("rollup", str(hostile), "--as-of", AS_OF, "--format", "csv", "--table", "khac")
    assert r.code == 2
    assert "Lỗi: Không có bảng 'khac'." in r.err
    r = cli("rollup", str(hostile), "--as-of", AS_OF, "--table", "xa")
    assert (r.code, r.err.splitlines()[0]) == (2, "Lỗi: --table chỉ dùng với --format csv.")
