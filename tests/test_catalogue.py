"""The national indicator catalogue: codes, ``check`` on codes, and rollup pooling by code."""

from __future__ import annotations

import io
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from kstthc_cli.compute import figures as fig
from kstthc_cli.load.catalogue import CATALOGUE_FILE, catalogue, name_key
from kstthc_cli.load.workspace import load_workspace
from tests.conftest import Result
from tests.support import SHIPPED, snapshot, write


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# ---------------------------------------------------------------- the catalogue itself


def test_catalogue_codes_names_and_formulas_are_sound() -> None:
    entries = catalogue()
    assert CATALOGUE_FILE.parent.name == "load"  # inside the package: ships in the wheel
    codes = list(entries.by_code)
    assert len(codes) == len(set(codes)) >= 17
    for code, e in entries.by_code.items():
        assert code.isascii() and code == code.lower() and " " not in code
        for name in (e.name, *e.aliases):
            assert entries.by_name[name_key(name)] is e, name  # no name is two entries
        if e.formula is not None:
            assert e.measure == "ratio"
            for side in (e.formula.numerator, e.formula.denominator):
                assert fig.unknown_names(side) == []
        assert (e.aggregate == "ratio") == (e.measure == "ratio")
        assert e.unit == "%" or e.aggregate in ("sum", "latest")


def test_name_key_ignores_case_diacritics_punctuation_and_spacing() -> None:
    assert name_key("Tỷ lệ hồ sơ trực tuyến.") == name_key("tỷ lệ  HỒ SƠ trực tuyến")
    assert name_key("Tỷ lệ hồ sơ trực tuyến") == "ty le ho so truc tuyen"


def test_shipped_indicators_carry_their_codes_matching_their_names() -> None:
    ws, problems = load_workspace(SHIPPED, 2024)
    assert ws is not None and not [p for p in problems if p.is_error]
    entries = catalogue()
    for ind in ws.indicators.indicators:
        assert ind.code is not None, ind.id
        entry = entries.by_code[ind.code]
        assert entries.by_name[name_key(ind.name)] is entry, ind.id
        assert (entry.measure, entry.unit) == (ind.measure, ind.unit)
        if ind.formula is not None:
            assert entry.formula == ind.formula


# ---------------------------------------------------------------- check


def test_unknown_code_is_an_error_with_the_nearest(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    path = ws / "indicators_2024.yaml"
    edit(path, 'code: "ho-so-truc-tuyen"', 'code: "ho-so-truc-tuyenn"')
    before = snapshot(ws)
    r = cli("check", "--data", str(ws))
    assert r.code == 1
    line = next(
        n
        for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "ho-so-truc-tuyenn" in text
    )
    assert r.err == (
        f"{path}:{line}:11: lỗi [unknown-indicator-code]: Mã 'ho-so-truc-tuyenn' của chỉ tiêu 3 "
        "không có trong danh mục chỉ tiêu quốc gia.\n"
        f'{line} |     code: "ho-so-truc-tuyenn"\n' + " " * (len(f"{line} | ") + 10) + "^\n"
        "  → Có phải ý bạn là 'ho-so-truc-tuyen'? Xem danh mục trong README (mục Mã chỉ tiêu), "
        "hoặc bỏ dòng code.\n"
        "\n"
        "1 lỗi, 0 cảnh báo (4 cảnh báo đã xác nhận).\n"
    )
    assert snapshot(ws) == before


def test_unknown_code_hint_by_name_when_the_code_is_far(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    edit(ws / "indicators_2024.yaml", 'code: "hai-long"', 'code: "CT10"')
    r = cli("check", "--data", str(ws))
    assert r.code == 1
    assert "Mã 'CT10' của chỉ tiêu 10 không có trong danh mục" in r.err
    assert "Có phải ý bạn là 'hai-long'?" in r.err


def test_same_code_twice_is_an_error(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    path = ws / "indicators_2024.yaml"
    edit(path, 'code: "so-hoa-ho-so"', 'code: "ho-so-truc-tuyen"')
    r = cli("check", "--data", str(ws), "--json")
    assert r.code == 1
    found = [p for p in json.loads(r.out)["problems"] if p["severity"] == "error"]
    assert [(p["code"], p["message"]) for p in found] == [
        (
            "duplicate-indicator-code",
            "Mã 'ho-so-truc-tuyen' của chỉ tiêu 4 đã dùng cho chỉ tiêu 3 (dòng "
            f"{_line(path, 'ho-so-truc-tuyen')}).",
        )
    ]


def _line(path: Path, words: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, text in enumerate(lines, 1) if words in text)


def test_a_code_measured_otherwise_is_a_warning(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    edit(ws / "indicators_2024.yaml", 'code: "dvc-toan-trinh"', 'code: "doi-thoai"')
    r = cli("check", "--data", str(ws), "--json")
    assert r.code == 0
    found = [p for p in json.loads(r.out)["problems"] if p["code"] == "indicator-code-mismatch"]
    assert [p["message"] for p in found] == [
        "Chỉ tiêu 1 (mã 'doi-thoai') có cách đo 'ratio', danh mục ghi 'value': khi tổng hợp "
        "nhiều xã, chỉ tiêu này không được gộp."
    ]


def test_aggregate_must_fit_the_measure(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    path = ws / "indicators_2024.yaml"
    edit(path, '    measure: "value"\n', '    measure: "value"\n    aggregate: "ratio"\n')
    edit(path, '    measure: "ratio"\n', '    measure: "ratio"\n    aggregate: "sum"\n')
    r = cli("check", "--data", str(ws), "--json")
    assert r.code == 1
    found = [p["message"] for p in json.loads(r.out)["problems"] if p["code"] == "bad-aggregate"]
    assert found == [
        "Chỉ tiêu 1 tính bằng tử số/mẫu số chỉ cộng qua các kỳ bằng Σ tử số / Σ mẫu số.",
        "Chỉ tiêu 10 nhập thẳng giá trị nên không có tử số, mẫu số để cộng (aggregate: ratio).",
    ]


# ---------------------------------------------------------------- rollup pools by code

#: Commune B numbers its appendix otherwise: its 2 is online dossiers, its 3 online payment;
#: its 4 has no code (matched by name), its 5 is no catalogue indicator, its 6 has the
#: satisfaction code but is a ratio.
COMMUNE_B = """
    year: 2024
    indicators:
      - id: "2"
        code: "ho-so-truc-tuyen"
        name: "Tỷ lệ hồ sơ tiếp nhận trực tuyến"
        target: "Tối thiểu 50"
      - id: "3"
        code: "thanh-toan-truc-tuyen"
        name: "Tỷ lệ thanh toán trực tuyến"
        target: "Tối thiểu 45"
      - id: "4"
        name: "Tỷ lệ số hóa hồ sơ, kết quả giải quyết TTHC"
        target: "Tối thiểu 80"
      - id: "5"
        name: "Tỷ lệ cán bộ được tập huấn"
        target: "100"
      - id: "6"
        code: "hai-long"
        name: "Mức độ hài lòng"
        target: "Tối thiểu 90"
"""

ACTUALS_A = """
    year: 2024
    indicators:
      - {indicator: "2", period: "Q1", numerator: 10, denominator: 100}
      - {indicator: "3", period: "Q1", numerator: 60, denominator: 100}
      - {indicator: "4", period: "Q1", numerator: 8, denominator: 10}
"""

ACTUALS_B = """
    year: 2024
    indicators:
      - {indicator: "2", period: "Q1", numerator: 40, denominator: 100}
      - {indicator: "3", period: "Q1", numerator: 20, denominator: 100}
      - {indicator: "4", period: "Q1", numerator: 2, denominator: 10}
      - {indicator: "5", period: "Q1", numerator: 3, denominator: 3}
      - {indicator: "6", period: "Q1", numerator: 9, denominator: 10}
"""


@pytest.fixture
def two(tmp_path: Path) -> list[Path]:
    a, b = tmp_path / "xa-a", tmp_path / "xa-b"
    for d in (a, b):
        d.mkdir()
        shutil.copy(SHIPPED / "plan_2024.yaml", d / "plan_2024.yaml")
    shutil.copy(SHIPPED / "indicators_2024.yaml", a / "indicators_2024.yaml")
    write(a / "actuals_2024.yaml", ACTUALS_A)
    write(b / "indicators_2024.yaml", COMMUNE_B)
    write(b / "actuals_2024.yaml", ACTUALS_B)
    return [a, b]


def _rollup_json(cli: Callable[..., Result], dirs: list[Path]) -> dict:  # type: ignore[type-arg]
    r = cli("rollup", *map(str, dirs), "--as-of", "2024-12-31", "--json")
    assert r.code == 0, r.err
    return json.loads(r.out)  # type: ignore[no-any-return]


def test_rollup_pools_by_code_not_by_number(cli, two: list[Path]) -> None:  # type: ignore[no-untyped-def]
    data = _rollup_json(cli, two)
    pooled = {p["code"]: p for p in data["indicators"]}
    online = pooled["ho-so-truc-tuyen"]  # A's 3 (60/100) with B's 2 (40/100)
    assert (online["id"], online["numerator"], online["denominator"]) == ("3", 100, 200)
    pay = pooled["thanh-toan-truc-tuyen"]  # A's 2 (10/100) with B's 3 (20/100)
    assert (pay["id"], pay["numerator"], pay["denominator"]) == ("2", 30, 200)
    digit = pooled["so-hoa-ho-so"]  # B's 4 has no code: matched by its name
    assert (digit["numerator"], digit["denominator"]) == (10, 20)
    assert pooled["hai-long"]["communes"] == 0  # B's ratio is not pooled with values
    b = data["communes"][1]
    assert {f["id"]: f["code"] for f in b["indicators"]} == {
        "2": "ho-so-truc-tuyen",
        "3": "thanh-toan-truc-tuyen",
        "4": "so-hoa-ho-so",
    }


def test_rollup_reports_what_it_leaves_out(cli, two: list[Path]) -> None:  # type: ignore[no-untyped-def]
    data = _rollup_json(cli, two)
    path = str(two[1] / "indicators_2024.yaml")
    left = [(p["file"], p["line"], p["code"], p["message"]) for p in data["left_out"]]
    assert left == [
        (
            path,
            14,
            "rollup-left-out",
            "Chỉ tiêu 5 (Tỷ lệ cán bộ được tập huấn) không được gộp với các xã khác: không "
            "ghi mã (code) và tên không có trong danh mục chỉ tiêu quốc gia.",
        ),
        (
            path,
            17,
            "rollup-left-out",
            "Chỉ tiêu 6 (Mức độ hài lòng) không được gộp với các xã khác: cách đo (tử số/mẫu "
            "số) khác danh mục (nhập thẳng giá trị) của mã 'hai-long'.",
        ),
    ]
    assert [p for p in data["problems"] if p["code"] == "rollup-left-out"] == data["left_out"]


def test_rollup_left_out_in_text_and_markdown(cli, two: list[Path], tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("rollup", *map(str, two), "--as-of", "2024-12-31")
    assert r.code == 0
    text = " ".join(r.out.split())
    at = text.index("CHỈ TIÊU KHÔNG GỘP ĐƯỢC (không tính vào số gộp)")
    path = two[1] / "indicators_2024.yaml"
    assert (
        "Hương Trà · Chỉ tiêu 5 (Tỷ lệ cán bộ được tập huấn) không được gộp với các xã khác: "
        f"không ghi mã (code) và tên không có trong danh mục chỉ tiêu quốc gia. ({path}:14)"
    ) in text[at:]
    assert f"khác danh mục (nhập thẳng giá trị) của mã 'hai-long'. ({path}:17)" in text[at:]
    data = _rollup_json(cli, two)
    others = [p for p in data["problems"] if p["code"] != "rollup-left-out"]
    assert f"Có {len(others)} cảnh báo trong dữ liệu các xã" in text  # not counted twice
    r = cli("rollup", *map(str, two), "--as-of", "2024-12-31", "--format", "md")
    md = r.out
    at = md.index("## Chỉ tiêu không gộp được")
    section = md[at : md.index("## Lỗi và cảnh báo")]
    assert section.count("rollup-left-out") == 0 and section.count("không được gộp") == 2
    assert "| 14 | Chỉ tiêu 5 (Tỷ lệ cán bộ được tập huấn)" in section


def test_rollup_left_out_in_excel(cli, two: list[Path], tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    out = tmp_path / "tong-hop.xlsx"
    r = cli("rollup", *map(str, two), "--as-of", "2024-12-31", "-o", str(out))
    assert r.code == 0
    wb = load_workbook(io.BytesIO(out.read_bytes()))
    rows = [[c.value for c in row] for row in wb["Lỗi dữ liệu"].iter_rows()]
    left = [row for row in rows if "rollup-left-out" in row]
    assert len(left) == 2
    assert "Chỉ tiêu 5 (Tỷ lệ cán bộ được tập huấn) không được gộp" in left[0][7]
    heads = [c.value for c in next(wb["Xã"].iter_rows())]
    assert heads is not None


def test_readme_lists_every_catalogue_code() -> None:
    from tests.support import REPO

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    at = readme.index("#### Mã chỉ tiêu")
    for code in catalogue().by_code:
        assert f"| `{code}` |" in readme[at:], code
