"""``kstthc rollup``: 40 communes, one broken; pooled Σnumerator / Σdenominator, never a mean."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

import pytest

from tests.conftest import Result
from tests.support import SHIPPED, snapshot, write

COUNT = 40
BROKEN = 17


def _actuals(k: int) -> str:
    """Commune k's records: indicator 3 at (10+k)/(40+k) in Q1 and (20+k)/(50+2k) in Q2,
    indicator 4 at k/(2k+10) in Q1, satisfaction 80 + k/4; even communes did task 1."""
    task = (
        f"""
          - task: "1"
            date: 2024-03-{10 + k % 15:02d}
            evidence: "Quyết định số {k}/QĐ-UBND"
        """
        if k % 2 == 0
        else ""
    )
    return f"""
        year: 2024
        tasks:{task or " []"}
        indicators:
          - indicator: "3"
            period: "q1"
            numerator: {10 + k}
            denominator: {40 + k}
          - indicator: "3"
            period: "quý 2"
            numerator: {20 + k}
            denominator: {50 + 2 * k}
          - indicator: "4"
            period: "q1"
            numerator: {k}
            denominator: {2 * k + 10}
          - indicator: "10"
            period: "q1"
            value: {80 + k / 4}
    """


@pytest.fixture(scope="module")
def communes(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """40 copies of the shipped plan, each with its own figures; commune 17 is broken."""
    root = tmp_path_factory.mktemp("communes")
    dirs = []
    for k in range(1, COUNT + 1):
        d = root / f"xa-{k:02d}"
        d.mkdir()
        for name in ("plan_2024.yaml", "indicators_2024.yaml"):
            text = (SHIPPED / name).read_text(encoding="utf-8")
            (d / name).write_text(text.replace("Hương Trà", f"Xã Số {k}"), encoding="utf-8")
        write(d / "actuals_2024.yaml", _actuals(k))
        dirs.append(d)
    broken = dirs[BROKEN - 1] / "actuals_2024.yaml"
    broken.write_text(
        broken.read_text(encoding="utf-8").replace(f"numerator: {10 + BROKEN}", "numerator: 500"),
        encoding="utf-8",
    )
    return dirs


VALID = [k for k in range(1, COUNT + 1) if k != BROKEN]


def _json(cli: Callable[..., Result], dirs: list[Path], *extra: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    r = cli("rollup", *map(str, dirs), "--as-of", "2024-12-31", "--json", *extra)
    return r.code, json.loads(r.out)


def test_pools_the_valid_communes(cli: Callable[..., Result], communes: list[Path]) -> None:
    code, data = _json(cli, communes)
    assert code == 1
    pooled = {i["id"]: i for i in data["indicators"]}

    num3 = sum((10 + k) + (20 + k) for k in VALID)
    den3 = sum((40 + k) + (50 + 2 * k) for k in VALID)
    p3 = pooled["3"]
    assert (p3["numerator"], p3["denominator"]) == (num3, den3)
    assert p3["actual"] == round(float(Fraction(100 * num3, den3)), 2)
    assert p3["method"] == "pooled"
    assert p3["communes"] == COUNT - 1
    # pooled is not the mean of the communes' percentages
    mean = sum(Fraction(100 * (30 + 2 * k), 90 + 3 * k) for k in VALID) / len(VALID)
    assert p3["actual"] != round(float(mean), 2)
    # behind target 50 %: (30+2k)/(90+3k) < 1/2 exactly when k < 30
    behind = sorted(Path(b["dir"]).name for b in p3["behind"])
    assert behind == [f"xa-{k:02d}" for k in VALID if k < 30]
    assert p3["target"] == {"op": ">=", "value": 50, "text": "≥ 50 %"}
    assert p3["state"] == "not-met"  # 2776/5919 = 46,90 % < 50 %

    p4 = pooled["4"]
    assert (p4["numerator"], p4["denominator"]) == (
        sum(VALID),
        sum(2 * k + 10 for k in VALID),
    )

    p10 = pooled["10"]  # satisfaction is entered as a value: the mean, said to be one
    assert p10["method"] == "mean"
    assert p10["numerator"] is None and p10["denominator"] is None
    assert p10["actual"] == round(float(sum(Fraction(str(80 + k / 4)) for k in VALID) / 39), 2)

    assert pooled["1"]["state"] == "no-data" and pooled["1"]["communes"] == 0


def test_reports_the_broken_commune(cli: Callable[..., Result], communes: list[Path]) -> None:
    _, data = _json(cli, communes)
    assert len(data["communes"]) == COUNT
    by_dir = {Path(c["dir"]).name: c for c in data["communes"]}
    bad = by_dir[f"xa-{BROKEN}"]
    assert bad["ok"] is False and bad["errors"] == 1 and bad["indicators"] == []
    assert bad["name"] == f"Ủy ban nhân dân xã Xã Số {BROKEN}"
    errors = [p for p in data["problems"] if p["severity"] == "error"]
    assert len(errors) == 1
    e = errors[0]
    assert e["code"] == "numerator-above-denominator"
    assert Path(e["dir"]).name == f"xa-{BROKEN}"
    assert e["commune"] == bad["name"]
    assert e["file"].endswith("actuals_2024.yaml") and e["line"] == 6
    assert set(e) >= {"file", "line", "column", "code", "severity", "message", "commune", "dir"}
    good = by_dir["xa-02"]
    assert good["ok"] is True
    fig3 = {f["id"]: f for f in good["indicators"]}["3"]
    assert (fig3["numerator"], fig3["denominator"], fig3["state"]) == (34, 96, "not-met")


def test_overdue_counts(cli: Callable[..., Result], communes: list[Path]) -> None:
    r = cli("rollup", *map(str, communes[:2]), "--as-of", "2024-04-20", "--json")
    assert r.code == 0, r.err
    odd, even = json.loads(r.out)["communes"]
    assert odd["overdue"] == even["overdue"] + 1  # commune 2 did task 1, commune 1 did not
    status = cli("status", "--data", str(communes[0]), "--as-of", "2024-04-20", "--json")
    assert odd["overdue"] == json.loads(status.out)["summary"]["overdue"]


def test_period_restricts_the_figures(cli: Callable[..., Result], communes: list[Path]) -> None:
    _, data = _json(cli, communes, "--period", "quý 1")
    assert data["period"] == "Q1"
    p3 = {i["id"]: i for i in data["indicators"]}["3"]
    assert (p3["numerator"], p3["denominator"]) == (
        sum(10 + k for k in VALID),
        sum(40 + k for k in VALID),
    )
    _, data = _json(cli, communes, "--period", "q3")
    assert {i["id"]: i for i in data["indicators"]}["3"]["state"] == "no-data"


def test_excel_lists_every_commune(
    cli: Callable[..., Result], communes: list[Path], tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "tong-hop.xlsx"
    r = cli(
        "rollup", *map(str, communes), "--as-of", "2024-12-31", "--format", "xlsx", "-o", str(out)
    )
    assert r.code == 1
    assert "Đã ghi" in r.err
    wb = load_workbook(out)
    assert wb.sheetnames == [
        "Xã", "Chỉ tiêu gộp", "Xã chưa đạt", "Chưa có số liệu", "Lỗi dữ liệu", "Chi tiết",
        "Theo kỳ",
    ]  # fmt: skip

    ws = wb["Xã"]
    header = [c.value for c in ws[5]]
    assert header[:5] == ["STT", "Xã", "Cơ quan", "Thư mục", "Dữ liệu"]
    assert all(c.font.bold for c in ws[5])
    assert ws.column_dimensions["B"].width == 22
    rows = list(ws.iter_rows(min_row=6, values_only=True))
    assert len(rows) == COUNT
    assert [Path(str(row[3])).name for row in rows] == [d.name for d in communes]
    status = {Path(str(row[3])).name: row[4] for row in rows}
    assert status[f"xa-{BROKEN}"] == "có lỗi, không tính"
    assert sum(1 for s in status.values() if s == "hợp lệ") == COUNT - 1
    col3 = header.index("CT 3")
    second = next(ws.iter_rows(min_row=7, max_row=7))
    assert isinstance(second[7].value, int)  # overdue count
    assert second[col3].value == pytest.approx(34 / 96, abs=1e-4)
    assert second[col3].number_format == "0.00%"

    ind = wb["Chỉ tiêu gộp"]
    by_id = {row[1]: row for row in ind.iter_rows(min_row=6, values_only=True)}
    num3 = sum(30 + 2 * k for k in VALID)
    den3 = sum(90 + 3 * k for k in VALID)
    assert by_id["3"][5:8] == (num3, den3, pytest.approx(num3 / den3, abs=1e-4))
    assert by_id["3"][9] == 0.5
    cells = {row[1].value: row for row in ind.iter_rows(min_row=6)}
    assert cells["3"][7].number_format == "0.00%" and cells["3"][9].number_format == "0%"

    behind = wb["Xã chưa đạt"]
    assert sum(1 for row in behind.iter_rows(min_row=6, values_only=True) if row[1] == "3") == 28
    problems = list(wb["Lỗi dữ liệu"].iter_rows(min_row=6, values_only=True))
    assert any(p[5] == "lỗi" and p[6] == "numerator-above-denominator" for p in problems)
    assert all(isinstance(p[3], int) for p in problems if p[3] is not None)


def test_text_and_markdown(cli: Callable[..., Result], communes: list[Path]) -> None:
    r = cli("rollup", *map(str, communes), "--as-of", "2024-12-31")
    assert r.code == 1
    assert "TỔNG HỢP KSTTHC NĂM 2024 · 40 xã · lũy kế đến 31/12/2024" in r.out
    assert "39 xã tổng hợp được · 1 xã dữ liệu có lỗi (bỏ qua)" in r.out
    assert "numerator-above-denominator" in r.out
    assert "Đang đọc" not in r.err  # no progress bar when stderr is not a terminal

    r = cli("rollup", *map(str, communes), "--as-of", "2024-12-31", "--format", "md")
    assert r.code == 1
    assert r.out.startswith("# TỔNG HỢP KSTTHC NĂM 2024")
    assert "| Số | Chỉ tiêu | Tử số | Mẫu số | Tỷ lệ |" in r.out
    for k in range(1, COUNT + 1):
        assert f"| Xã Số {k} |" in r.out
    assert "dữ liệu có 1 lỗi" in r.out
    assert "(trung bình 39 xã)" in r.out


@pytest.mark.parametrize("columns", [80, 160])
def test_indicator_names_stay_readable_on_narrow_terminals(
    cli: Callable[..., Result], communes: list[Path], monkeypatch: pytest.MonkeyPatch, columns: int
) -> None:
    """At 80 columns the names would be cut to a few letters: they go under their row."""
    monkeypatch.setenv("COLUMNS", str(columns))
    r = cli("rollup", *map(str, communes[:3]), "--as-of", "2024-12-31")
    assert r.code == 0
    lines = r.out.splitlines()
    assert all(len(line) < columns for line in lines)
    header = next(line for line in lines if "Tử số/Mẫu số" in line and "Mục tiêu TW" in line)
    row = lines.index(header) + 1
    name = "Tỷ lệ cung cấp dịch vụ công trực tuyến toàn trình"
    if columns == 80:
        assert header.rstrip().endswith("Xã chưa đạt")
        assert lines[row + 1].startswith("      " + name)
    else:
        assert header.rstrip().endswith("Chỉ tiêu")
        assert name in lines[row]


def test_all_valid_exits_zero(cli: Callable[..., Result], communes: list[Path]) -> None:
    r = cli("rollup", *map(str, communes[:3]), "--as-of", "2024-12-31", "--json")
    assert r.code == 0
    assert [p for p in json.loads(r.out)["problems"] if p["severity"] == "error"] == []


def test_missing_folder_is_a_broken_commune(
    cli: Callable[..., Result], communes: list[Path], tmp_path: Path
) -> None:
    code, data = _json(cli, [communes[0], tmp_path / "khong-co"])
    assert code == 1
    assert data["problems"][-1]["code"] == "folder-missing"
    assert "--data" not in data["problems"][-1]["hint"]  # not a rollup option
    assert data["communes"][1]["ok"] is False
    assert {i["id"]: i for i in data["indicators"]}["3"]["communes"] == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--format", "xlsx"), "Định dạng xlsx cần tên tệp"),
        (("--format", "pdf"), "Không có định dạng 'pdf'"),
        (("--period", "quý 5"), "Không hiểu kỳ báo cáo 'quý 5'"),
        (("--json", "--format", "md"), "--json đã chọn định dạng JSON"),
        (("--as-of", "31/02/2024"), "--as-of"),
    ],
)
def test_bad_command_lines(
    cli: Callable[..., Result], communes: list[Path], args: tuple[str, ...], message: str
) -> None:
    r = cli("rollup", str(communes[0]), *args)
    assert r.code == 2
    assert message in r.err


def test_year_defaults_to_the_latest(
    cli: Callable[..., Result], communes: list[Path], tmp_path: Path
) -> None:
    newer = tmp_path / "moi"
    shutil.copytree(communes[0], newer)
    for name in ("plan", "indicators"):
        text = (newer / f"{name}_2024.yaml").read_text(encoding="utf-8")
        (newer / f"{name}_2025.yaml").write_text(
            text.replace("year: 2024", "year: 2025"), encoding="utf-8"
        )
    r = cli("rollup", str(newer), str(communes[1]), "--as-of", "2025-04-20", "--json")
    data = json.loads(r.out)
    assert data["year"] == 2025
    assert r.code == 1  # the second commune has no 2025 plan yet
    assert any(p["code"] == "file-missing" for p in data["problems"])
    r = cli("rollup", str(newer), str(communes[1]), "--year", "2024", "--as-of", "2024-12-31")
    assert r.code == 0


def _with_2025(commune: Path, target: Path) -> Path:
    """A copy of ``commune`` that has made its 2025 plan too."""
    shutil.copytree(commune, target)
    for name in ("plan", "indicators"):
        text = (target / f"{name}_2024.yaml").read_text(encoding="utf-8")
        (target / f"{name}_2025.yaml").write_text(
            text.replace("year: 2024", "year: 2025"), encoding="utf-8"
        )
    return target


def test_year_follows_as_of_for_every_commune(
    cli: Callable[..., Result], communes: list[Path], tmp_path: Path
) -> None:
    """A commune that already has its 2025 plan does not turn a rollup as of 31/12/2024 into
    year 2025: both communes are judged for 2024 and pooled."""
    newer = _with_2025(communes[0], tmp_path / "moi")
    code, data = _json(cli, [newer, communes[1]])
    assert code == 0
    assert data["year"] == 2024
    assert [c["ok"] for c in data["communes"]] == [True, True]
    p3 = {i["id"]: i for i in data["indicators"]}["3"]
    assert p3["communes"] == 2
    assert (p3["numerator"], p3["denominator"]) == ((11 + 21) + (12 + 22), (41 + 52) + (42 + 54))


def test_a_period_with_its_year_picks_the_year(
    cli: Callable[..., Result], communes: list[Path], tmp_path: Path
) -> None:
    newer = _with_2025(communes[0], tmp_path / "moi")
    base = ("rollup", str(newer), str(communes[1]), "--json")
    r = cli(*base, "--as-of", "2025-04-20", "--period", "2024q2")
    assert r.code == 0, r.err
    data = json.loads(r.out)
    assert (data["year"], data["period"]) == (2024, "Q2")
    r = cli(*base, "--as-of", "2025-04-20", "--period", "2024q2", "--year", "2025")
    assert r.code == 2 and "khác --year 2025" in r.err
    r = cli(*base, "--as-of", "2024-12-31", "--period", "2023q2")
    assert r.code == 2 and "không thư mục nào có plan_2023.yaml" in r.err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("-o", "x.docx"), "Tệp '{dir}/x.docx' có đuôi .docx, không hợp với định dạng nào"),
        (("-o", "x.pdf"), "có đuôi .pdf, không hợp với định dạng nào"),
        (("-o", "x.xls"), "có đuôi .xls, không hợp với định dạng nào"),
        (("--format", "xlsx", "-o", "x.md"), "có đuôi .md, không hợp với định dạng xlsx"),
        (("--format", "md", "-o", "x.xlsx"), "có đuôi .xlsx, không hợp với định dạng md"),
        (("--format", "markdown", "-o", "x.docx"), "có đuôi .docx, không hợp với định dạng md"),
    ],
)
def test_output_extension_must_fit_the_format(
    cli: Callable[..., Result],
    communes: list[Path],
    tmp_path: Path,
    args: tuple[str, ...],
    message: str,
) -> None:
    args = tuple(str(tmp_path / a) if a.startswith("x.") else a for a in args)
    before = snapshot(tmp_path)
    r = cli("rollup", str(communes[0]), "--as-of", "2024-12-31", *args)
    assert r.code == 2
    assert message.format(dir=tmp_path) in r.err
    assert "Bản tổng hợp ghi ra tệp .md (Markdown), .xlsx (Excel), .csv hoặc .json." in r.err
    assert r.out == ""
    assert snapshot(tmp_path) == before


def test_output_extension_picks_the_format(
    cli: Callable[..., Result], communes: list[Path], tmp_path: Path
) -> None:
    for name in ("tong-hop.xlsx", "TONG-HOP.XLSX", "tong-hop.md", "tong-hop"):
        target = tmp_path / name
        r = cli("rollup", str(communes[0]), "--as-of", "2024-12-31", "-o", str(target))
        assert r.code == 0, r.err
        data = target.read_bytes()
        if name.lower().endswith(".xlsx"):
            assert data.startswith(b"PK")  # a zip: the Excel workbook
        else:
            assert data.decode("utf-8").startswith("# TỔNG HỢP KSTTHC NĂM 2024")


def test_folder_patterns_are_expanded(
    cli: Callable[..., Result], communes: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(communes[0].parent)
    r = cli("rollup", "xa-0*", "--as-of", "2024-12-31", "--json")
    assert r.code == 0, r.err
    assert [Path(c["dir"]).name for c in json.loads(r.out)["communes"]] == [
        f"xa-0{k}" for k in range(1, 10)
    ]
    r = cli("rollup", str(communes[0].parent / "xa-1*"), "--as-of", "2024-12-31", "--json")
    assert len(json.loads(r.out)["communes"]) == 10


def test_a_commune_named_twice_counts_once(
    cli: Callable[..., Result], communes: list[Path]
) -> None:
    code, data = _json(cli, [communes[0], communes[1], communes[0]])
    assert code == 0
    assert len(data["communes"]) == 2
    p4 = {i["id"]: i for i in data["indicators"]}["4"]
    assert (p4["numerator"], p4["denominator"]) == (1 + 2, 12 + 14)


def test_pooled_figure_rounds_half_up(cli: Callable[..., Result], tmp_path: Path) -> None:
    """5/80 and 8/80 pool to 13/160 = 8,125 %: shown 8,13 % as Excel's ROUND would."""
    dirs = []
    for k, num in ((1, 5), (2, 8)):
        d = tmp_path / f"xa-{k}"
        shutil.copytree(SHIPPED, d, ignore=shutil.ignore_patterns(".*", "actuals_*"))
        write(
            d / "actuals_2024.yaml",
            f"""
            year: 2024
            indicators:
              - indicator: "3"
                period: "q1"
                numerator: {num}
                denominator: 80
            """,
        )
        dirs.append(str(d))
    r = cli("rollup", *dirs, "--as-of", "2024-04-20", "--json")
    assert r.code == 0, r.err
    pooled = {p["id"]: p for p in json.loads(r.out)["indicators"]}["3"]
    assert (pooled["numerator"], pooled["denominator"], pooled["actual"]) == (13, 160, 8.13)


def test_acknowledged_warnings_are_counted_not_listed(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    """The shipped plan acknowledges four dates of its bases (``acknowledge:``): rollup counts
    them per commune, as ``check`` does, and lists only the warning left unacknowledged."""
    import csv
    import io

    from openpyxl import load_workbook

    a, b = tmp_path / "xa-a", tmp_path / "xa-b"
    for d in (a, b):
        shutil.copytree(SHIPPED, d, ignore=shutil.ignore_patterns(".*", "actuals_*"))
    plan = b / "plan_2024.yaml"
    ack = '      acknowledge: ["basis-after-decision"]\n'
    plan.write_text(plan.read_text(encoding="utf-8").replace(ack, "", 1), encoding="utf-8")
    assert cli("check", "--data", str(b), "--as-of", "2024-04-20").err.endswith(
        "0 lỗi, 1 cảnh báo (3 cảnh báo đã xác nhận).\n"
    )
    args = ["rollup", str(a), str(b), "--as-of", "2024-04-20"]

    r = cli(*args, "--json")
    assert r.code == 0
    data = json.loads(r.out)
    counts = [(c["warnings"], c["acknowledged"]) for c in data["communes"]]
    assert counts == [(0, 4), (1, 3)]
    assert [(p["code"], Path(p["dir"]).name) for p in data["problems"]] == [
        ("basis-after-decision", "xa-b")
    ]
    assert not any(p["acknowledged"] for p in data["problems"])

    r = cli(*args)
    assert "Có 1 cảnh báo trong dữ liệu các xã (7 cảnh báo đã xác nhận)" in r.out
    md = cli(*args, "--format", "md").out
    assert md.count("| basis-after-decision |") == 1
    assert "Ngoài ra: 7 cảnh báo đã xác nhận trong dữ liệu các xã (chỉ đếm)." in md

    rows = list(csv.reader(io.StringIO(cli(*args, "--format", "csv", "--table", "xa").out)))
    at = rows[0].index("Số cảnh báo")
    assert rows[0][at + 1] == "Cảnh báo đã xác nhận"
    assert [(row[at], row[at + 1]) for row in rows[1:]] == [("0", "4"), ("1", "3")]
    problems = cli(*args, "--format", "csv", "--table", "loi-du-lieu").out.splitlines()
    assert len(problems) == 2 and "basis-after-decision" in problems[1]

    out = tmp_path / "tong-hop.xlsx"
    assert cli(*args, "-o", str(out)).code == 0
    wb = load_workbook(out)
    listed = [row for row in wb["Lỗi dữ liệu"].iter_rows(min_row=6, values_only=True) if row[0]]
    assert [row[6] for row in listed] == ["basis-after-decision"]
    header = [c.value for c in wb["Xã"][5]]
    at = header.index("Số cảnh báo")
    cells = [row[at : at + 2] for row in wb["Xã"].iter_rows(min_row=6, values_only=True) if row[0]]
    assert cells == [(0, 4), (1, 3)]


def _init(cli: Callable[..., Result], folder: Path, commune: str) -> Path:
    """A commune's folder as ``kstthc init`` makes it: its files in ``folder/data/``."""
    r = cli("init", str(folder), "--commune", commune, "--province", "Quảng Ngãi", "--year",
            "2026", "--decision-number", "12/QĐ-UBND", "--decision-date", "05/01/2026",
            "--signer", "Nguyễn Văn An", "--yes", "--no-commit")  # fmt: skip
    assert r.code == 0, r.err
    assert (folder / "data" / "plan_2026.yaml").is_file()
    return folder


def test_folders_made_by_init_are_communes(
    cli: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``rollup xa-a xa-b`` takes the folders ``kstthc init xa-a`` made (data in ``data/``),
    named as the reviewer named them, with a flat folder and a pack beside them (F21)."""
    monkeypatch.chdir(tmp_path)
    a, b = _init(cli, Path("xa-a"), "An Phú"), _init(cli, Path("xa-b"), "Bình Minh")
    flat = Path("phang")
    shutil.copytree(_init(cli, Path("c"), "Cát Tiên") / "data", flat)
    pack = Path("goi-d.zip")
    r = cli("pack", "--data", str(_init(cli, Path("d"), "Đông Sơn")), "--as-of", "2026-04-20",
            "-o", str(pack))  # fmt: skip
    assert r.code == 0, r.err  # pack too takes the commune's folder for --data
    as_of = ("--as-of", "2026-04-20")

    r = cli("rollup", str(a), str(b), *as_of, "--json")
    assert r.code == 0, r.err
    data = json.loads(r.out)
    assert [(c["dir"], c["name"], c["ok"]) for c in data["communes"]] == [
        ("xa-a", "Ủy ban nhân dân xã An Phú", True),
        ("xa-b", "Ủy ban nhân dân xã Bình Minh", True),
    ]
    assert {p["file"] for p in data["problems"]} <= {
        f"{d}/data/{n}"
        for d in ("xa-a", "xa-b")
        for n in ("plan_2026.yaml", "indicators_2026.yaml")
    }  # the files' own places

    r = cli("rollup", "xa-*", str(flat), str(pack), *as_of, "--json")
    assert r.code == 0, r.err
    communes = json.loads(r.out)["communes"]
    assert [(c["dir"], c["place"], c["ok"]) for c in communes] == [
        ("xa-a", "An Phú", True),
        ("xa-b", "Bình Minh", True),
        ("phang", "Cát Tiên", True),
        ("goi-d.zip", "Đông Sơn", True),
    ]
    text = cli("rollup", "xa-*", *as_of).out
    assert "4 xã" not in text and "2 xã tổng hợp được" in text
    assert " xa-a\n" in text and "xa-a/data" not in text

    narrative = a / "data" / "narrative_2026_Q1.md"  # the commune's own file, in its data/
    r = cli("rollup", "xa-*", *as_of, "-o", str(narrative))
    assert r.code == 2
    assert r.err.startswith(f"Lỗi: '{narrative}' là tệp dữ liệu của xã; báo cáo sinh ra không")
    assert not narrative.exists()
