"""``kstthc new-year N``: next year's plan from this year's, text kept, baselines from results."""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from kstthc_cli.errors import WriteRefused
from kstthc_cli.write import safewrite
from tests.conftest import Result
from tests.support import snapshot, write

ACTUALS_2024 = """
    year: 2024
    tasks:
      - task: "1"
        date: 2024-03-20
        evidence: "Quyết định số 12/QĐ-UBND ngày 20/3/2024"
    indicators:
      # chỉ tiêu 3: 60/100 và 70/100 → 130/200 = 65 %
      - indicator: "3"
        period: "q1"
        numerator: 60
        denominator: 100
      - indicator: "3"
        period: "q2"
        numerator: 70
        denominator: 100
      # chỉ tiêu 4: 85 %
      - indicator: "4"
        period: "6 tháng"
        numerator: 170
        denominator: 200
      - indicator: "10"
        period: "năm"
        value: 91.5
"""


@pytest.fixture
def ws24(ws: Path) -> Path:
    write(ws / "actuals_2024.yaml", ACTUALS_2024)
    return ws


def test_done_when(cli: Callable[..., Result], ws24: Path) -> None:
    r = cli("new-year", "2025", "--data", str(ws24))
    assert r.code == 0, r.err
    assert (ws24 / "plan_2025.yaml").is_file() and (ws24 / "indicators_2025.yaml").is_file()
    assert "Đã lập kế hoạch năm 2025" in r.out
    assert "65,00 % (130/200)" in r.out

    r = cli("targets", "--data", str(ws24), "--year", "2025", "--json")
    assert r.code == 0, r.err
    rows = {
        t["id"]: {**t, "assigned": t["assigned"]["value"]} for t in json.loads(r.out)["targets"]
    }
    assert (rows["3"]["baseline"], rows["3"]["assigned"], rows["3"]["rule"]) == (65, 75, "b")
    assert (rows["4"]["baseline"], rows["4"]["assigned"], rows["4"]["rule"]) == (85, 95, "b")
    assert (rows["1"]["baseline"], rows["1"]["assigned"], rows["1"]["rule"]) == (
        None,
        80,
        "no-baseline",
    )
    assert rows["10"]["baseline"] == 91.5  # a value entered directly carries over as is

    r = cli("check", "--data", str(ws24), "--year", "2025", "--json")
    assert r.code == 0, r.err
    codes = [(p["code"], p["severity"]) for p in json.loads(r.out)["problems"]]
    assert ("decision-incomplete", "warning") in codes
    assert all(sev == "warning" for _, sev in codes)

    r = cli("status", "--data", str(ws24), "--year", "2025", "--as-of", "2025-04-20", "--json")
    assert r.code == 0, r.err
    board = json.loads(r.out)
    assert board["year"] == 2025
    assert {i["id"]: i["target"]["value"] for i in board["indicators"]}["3"] == 75

    before = snapshot(ws24)
    r = cli("new-year", "2025", "--data", str(ws24))
    assert r.code == 1
    assert "Đã có plan_2025.yaml và indicators_2025.yaml" in r.err
    assert "không ghi đè" in r.err
    assert snapshot(ws24) == before


def test_text_survives_only_year_wording_moves(cli: Callable[..., Result], ws24: Path) -> None:
    assert cli("new-year", "2025", "--data", str(ws24)).code == 0
    old = (ws24 / "plan_2024.yaml").read_text(encoding="utf-8").splitlines()
    new = (ws24 / "plan_2025.yaml").read_text(encoding="utf-8").splitlines()
    assert len(old) == len(new)
    changed = [(a, b) for a, b in zip(old, new, strict=True) if a != b]
    for a, _ in changed:
        assert "2024" in a or "number:" in a or "date:" in a, a
    pairs = dict(changed)
    assert pairs["year: 2024"] == "year: 2025"
    assert pairs['  number: "27/QĐ-UBND"'] == "  number: null"
    assert pairs['  date: "2023-03-06"'] == "  date: null"
    # comments survive, with the year moved
    assert "# Kế hoạch hoạt động kiểm soát thủ tục hành chính (KSTTHC) năm 2025" in new[0]
    # task text: "năm 2024" moves, a dated document cited in it does not
    assert any("Kế hoạch rà soát, đánh giá TTHC năm 2025" in ln for ln in new)
    assert any("Kế hoạch số 4265/KH-UBND ngày 28/12/2021" in ln for ln in new)
    # legal bases are left for the officer: "trọng tâm năm 2024" stays
    assert any("cải cách thủ tục hành chính trọng tâm năm 2024" in ln for ln in new)
    assert any('date: "2024-03-04"' in ln for ln in new)

    old_i = (ws24 / "indicators_2024.yaml").read_text(encoding="utf-8")
    new_i = (ws24 / "indicators_2025.yaml").read_text(encoding="utf-8")
    diff = [
        ln
        for ln in difflib.unified_diff(old_i.splitlines(), new_i.splitlines(), lineterm="", n=0)
        if ln.startswith(("+", "-")) and not ln.startswith(("+++", "---"))
    ]
    added = [ln for ln in diff if ln.startswith("+")]
    assert "+    baseline: 65" in added
    assert "+    baseline: 85" in added
    assert "+    baseline: 91.5" in added
    assert "+year: 2025" in added
    # the rule's "kết quả năm 2023" is last year's result: it becomes 2024
    assert "trên cơ sở kết quả thực hiện trong năm 2024" in new_i
    assert "giao trong năm 2025" in new_i
    # the source document is left for the officer to update
    assert 'source: "Nghị quyết số 01/NQ-CP, 02/NQ-CP ngày 05/01/2024"' in new_i
    assert "# baseline: kết quả năm 2024" in new_i
    assert "(xem plan_2025.yaml)" in new_i


def test_baseline_key_added_where_missing(cli: Callable[..., Result], ws24: Path) -> None:
    path = ws24 / "indicators_2024.yaml"
    text = path.read_text(encoding="utf-8").replace("    baseline: null\n", "")
    path.write_text(text, encoding="utf-8")
    assert cli("new-year", "2025", "--data", str(ws24)).code == 0
    new = (ws24 / "indicators_2025.yaml").read_text(encoding="utf-8")
    assert new.count("    baseline: ") == 11
    assert new.count("    baseline: null") == 8
    r = cli("targets", "--data", str(ws24), "--year", "2025", "--json")
    rows = {t["id"]: t["assigned"]["value"] for t in json.loads(r.out)["targets"]}
    assert (rows["3"], rows["4"], rows["1"]) == (75, 95, 80)


def test_year_bound_schedules_and_milestones_move(cli: Callable[..., Result], ws24: Path) -> None:
    path = ws24 / "plan_2024.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        'timeframe: "Theo Kế hoạch"',
        'timeframe: "Theo Kế hoạch"\n'
        "        milestones:\n"
        '          - date: "2024-02-29"\n'
        '            label: "Kiểm tra đợt 1"\n'
        '          - date: "15/10/2024"\n'
        '            label: "Kiểm tra đợt 2"',
        1,
    )
    text = text.replace(
        '        timeframe: "Quý I"\n      - id: "2"',
        '        timeframe: "Quý II/2024"\n      - id: "2"',
    )
    path.write_text(text, encoding="utf-8")
    assert cli("check", "--data", str(ws24)).code == 0
    r = cli("new-year", "2025", "--data", str(ws24))
    assert r.code == 0, r.err
    new = (ws24 / "plan_2025.yaml").read_text(encoding="utf-8")
    assert 'timeframe: "Quý II/2025"' in new
    assert 'date: "2025-02-28"' in new  # 29/02 does not exist in 2025
    assert 'date: "15/10/2025"' in new
    r = cli("status", "--data", str(ws24), "--year", "2025", "--as-of", "2025-04-20", "--json")
    tasks = {t["id"]: t for t in json.loads(r.out)["tasks"]}
    assert tasks["1"]["occurrences"][0]["due"] == "2025-06-30"
    assert [o["due"] for o in tasks["16"]["occurrences"]] == ["2025-02-28", "2025-10-15"]


def test_refuses_when_either_file_exists(cli: Callable[..., Result], ws24: Path) -> None:
    write(ws24 / "indicators_2025.yaml", "year: 2025\n")
    before = snapshot(ws24)
    r = cli("new-year", "2025", "--data", str(ws24))
    assert r.code == 1
    assert "Đã có indicators_2025.yaml" in r.err
    assert snapshot(ws24) == before


def test_refuses_when_last_year_has_errors(cli: Callable[..., Result], ws24: Path) -> None:
    write(
        ws24 / "actuals_2024.yaml",
        """
        indicators:
          - indicator: "3"
            period: "q1"
            numerator: 120
            denominator: 100
        """,
    )
    before = snapshot(ws24)
    r = cli("new-year", "2025", "--data", str(ws24))
    assert r.code == 1
    assert "Dữ liệu năm 2024 có lỗi" in r.err
    assert "actuals_2024.yaml:4:" in r.err  # the problem itself, located
    assert snapshot(ws24) == before


def test_refuses_without_last_years_plan(cli: Callable[..., Result], ws24: Path) -> None:
    before = snapshot(ws24)
    r = cli("new-year", "2030", "--data", str(ws24))
    assert r.code == 1
    assert "Không có kế hoạch năm 2029 (plan_2029.yaml)" in r.err
    assert snapshot(ws24) == before


def test_bad_year_is_a_usage_error(cli: Callable[..., Result], ws24: Path) -> None:
    assert cli("new-year", "25", "--data", str(ws24)).code == 2
    assert cli("new-year", "năm sau", "--data", str(ws24)).code == 2


def test_dry_run_prints_the_diff_and_writes_nothing(cli: Callable[..., Result], ws24: Path) -> None:
    before = snapshot(ws24)
    r = cli("new-year", "2025", "--data", str(ws24), "--dry-run")
    assert r.code == 0, r.err
    assert "+++ plan_2025.yaml" in r.out
    assert "-year: 2024\n+year: 2025" in r.out
    assert "+    baseline: 65" in r.out
    assert snapshot(ws24) == before


def test_second_file_failing_removes_the_first(
    cli: Callable[..., Result], ws24: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = safewrite.create_new

    def flaky(path: Path, data: bytes) -> None:
        if path.name.startswith("indicators_"):
            raise WriteRefused("Ổ đĩa đầy.", "")
        real(path, data)

    monkeypatch.setattr(safewrite, "create_new", flaky)
    before = snapshot(ws24)
    r = cli("new-year", "2025", "--data", str(ws24))
    assert r.code == 1
    assert "Ổ đĩa đầy" in r.err
    after = {k: v for k, v in snapshot(ws24).items() if not k.endswith(".lock")}
    assert after == before


def test_refuses_to_write_into_the_bundled_sample(
    cli: Callable[..., Result], ws24: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Installed from a wheel, the sample data lives inside the package: a plan written there
    would vanish with the next upgrade (and become every later command's default year)."""
    from kstthc_cli.load import workspace

    monkeypatch.setattr(workspace, "bundled_root", lambda: ws24.parent / "_bundled")
    (ws24.parent / "_bundled").mkdir()
    sample = ws24.rename(ws24.parent / "_bundled" / "data")
    before = snapshot(sample)
    r = cli("new-year", "2025", "--data", str(sample))
    assert r.code == 1
    assert "bộ dữ liệu mẫu cài kèm kstthc" in r.err
    assert snapshot(sample) == before
    assert cli("new-year", "2025", "--data", str(sample), "--dry-run").code == 0


def test_accepts_the_shared_as_of_option(cli: Callable[..., Result], ws24: Path) -> None:
    """Every command takes --as-of (README), before or after its name; new-year has no use for
    it but must not call the command line wrong; a bad date is still a bad command line."""
    r = cli("--as-of", "2024-12-31", "new-year", "2025", "--data", str(ws24), "--dry-run")
    assert r.code == 0, r.err
    r = cli("new-year", "2025", "--data", str(ws24), "--as-of", "31/4/2024")
    assert r.code == 2
    assert not (ws24 / "plan_2025.yaml").exists()
