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
    """A failure between the two files' moves: the first is taken back, nothing is left."""
    real = safewrite.move_new
    moved: list[str] = []

    def flaky(tmp: Path, target: Path) -> None:
        if moved:
            raise WriteRefused("Ổ đĩa đầy.", "")
        real(tmp, target)
        moved.append(target.name)

    monkeypatch.setattr(safewrite, "move_new", flaky)
    before = snapshot(ws24)
    r = cli("new-year", "2025", "--data", str(ws24))
    assert (r.code, r.out, r.err) == (1, "", "Lỗi: Ổ đĩa đầy.\n")
    assert moved == ["indicators_2025.yaml"]  # the plan, which makes the year, goes in last
    after = {k: v for k, v in snapshot(ws24).items() if not k.endswith(".lock")}
    assert after == before
    monkeypatch.setattr(safewrite, "move_new", real)
    assert cli("new-year", "2025", "--data", str(ws24)).code == 0


#: Stops the program dead (no ``finally``, no clean-up) right before the plan is moved in.
_CRASH = """
import os, sys
from pathlib import Path
from kstthc_cli.write import safewrite
real = safewrite.move_new
def crash(tmp, target):
    if target.name.startswith("plan_"):
        os._exit(137)
    real(tmp, target)
safewrite.move_new = crash
from kstthc_cli.api import start_year
start_year(data=Path(sys.argv[1]), year=2025, commit=False)
"""


def test_a_new_year_stopped_between_its_files(cli: Callable[..., Result], ws24: Path) -> None:
    """Killed between the two moves: the half-made year is no year for the other commands, and
    ``new-year`` again takes back what was left and makes both files."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    done = subprocess.run(
        [sys.executable, "-c", _CRASH, str(ws24)], env=env, capture_output=True, check=False
    )
    assert done.returncode == 137, done.stderr
    left = sorted(p.name for p in ws24.iterdir() if p.name.startswith("."))
    assert "indicators_2025.yaml" in {p.name for p in ws24.iterdir()}
    assert not (ws24 / "plan_2025.yaml").exists()
    assert ".new-year_2025.tmp" in left
    assert any(n.startswith(".plan_2025.yaml.") and n.endswith(".tmp") for n in left)

    r = cli("status", "--data", str(ws24), "--as-of", "2025-01-10")  # not a day of 2024
    assert r.code == 0, r.err
    assert r.out.startswith("KSTTHC NĂM 2024 ·")
    assert cli("check", "--data", str(ws24), "--as-of", "2025-01-10").code == 0
    dry = cli("new-year", "2025", "--data", str(ws24), "--dry-run")
    assert dry.code == 0, dry.err
    assert "indicators_2025.yaml" in {p.name for p in ws24.iterdir()}  # a dry run changes nothing

    r = cli("new-year", "2025", "--data", str(ws24), "--no-commit")
    assert r.code == 0, r.err
    assert (ws24 / "plan_2025.yaml").exists() and (ws24 / "indicators_2025.yaml").exists()
    assert [p.name for p in ws24.iterdir() if p.name.endswith(".tmp")] == []
    r = cli("status", "--data", str(ws24), "--as-of", "2025-01-10")
    assert r.code == 0 and r.out.startswith("KSTTHC NĂM 2025 ·")


def test_a_new_year_stopped_after_both_files_is_whole(
    cli: Callable[..., Result], ws24: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Stopped after both moves, before its note went: the year is whole and stays; the next
    new-year of it refuses as for any made year, and takes the note away."""
    assert cli("new-year", "2025", "--data", str(ws24), "--no-commit").code == 0
    made = snapshot(ws24)
    note = {
        "files": [
            {"name": n, "temp": f".{n}.x.tmp", "sha256": safewrite.fingerprint(made[n])}
            for n in ("indicators_2025.yaml", "plan_2025.yaml")
        ]
    }
    (ws24 / ".new-year_2025.tmp").write_text(json.dumps(note), encoding="utf-8")
    r = cli("status", "--data", str(ws24), "--as-of", "2025-01-10")
    assert r.code == 0 and r.out.startswith("KSTTHC NĂM 2025 ·")
    r = cli("new-year", "2025", "--data", str(ws24))
    assert r.code == 1
    assert "Đã có plan_2025.yaml và indicators_2025.yaml" in r.err
    assert {k: v for k, v in snapshot(ws24).items() if k.endswith(".yaml")} == {
        k: v for k, v in made.items() if k.endswith(".yaml")
    }


def test_a_half_year_left_with_its_plan_is_no_year(cli: Callable[..., Result], ws24: Path) -> None:
    """A note beside a plan without its indicators (taken back half-way): the year does not
    count until new-year makes it again."""
    assert cli("new-year", "2025", "--data", str(ws24), "--no-commit").code == 0
    plan = (ws24 / "plan_2025.yaml").read_bytes()
    (ws24 / "indicators_2025.yaml").unlink()
    note = {
        "files": [
            {"name": "indicators_2025.yaml", "temp": ".i.tmp", "sha256": "0" * 64},
            {"name": "plan_2025.yaml", "temp": ".p.tmp", "sha256": safewrite.fingerprint(plan)},
        ]
    }
    (ws24 / ".new-year_2025.tmp").write_text(json.dumps(note), encoding="utf-8")
    r = cli("status", "--data", str(ws24), "--as-of", "2025-01-10")
    assert r.code == 0 and r.out.startswith("KSTTHC NĂM 2024 ·"), r.err
    r = cli("new-year", "2025", "--data", str(ws24), "--no-commit")
    assert r.code == 0, r.err
    assert (ws24 / "indicators_2025.yaml").exists()
    assert not (ws24 / ".new-year_2025.tmp").exists()


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
    assert "kstthc không ghi vào dữ liệu mẫu. Chưa ghi gì." in r.err
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


def test_every_year_of_plan_wording_moves_by_the_same_step(
    cli: Callable[..., Result], ws24: Path
) -> None:
    """Issue 13, item 7: "Tổng kết năm 2023, làm cơ sở xây dựng chỉ tiêu năm 2024" of the 2024
    plan is "… năm 2024 … năm 2025" in 2025's, never "… năm 2023 … năm 2025"; a dated document
    cited in the wording keeps its own words; the dry run shows every moved year."""
    path = ws24 / "plan_2024.yaml"
    text = path.read_text(encoding="utf-8")
    content = (
        "Tổng kết năm 2023, làm cơ sở xây dựng chỉ tiêu năm 2024; chuẩn bị Kế hoạch năm 2025. "
        "Thực hiện Kế hoạch số 12/KH-UBND ngày 10/01/2024 của UBND tỉnh về kiểm soát TTHC năm "
        "2024; Quyết định số 5/QĐ-UBND năm 2023 của UBND huyện."
    )
    text = text.replace(
        'content: "Xây dựng, ban hành các văn bản về kiểm soát TTHC năm 2024."',
        f'content: "{content}"',
    )
    path.write_text(text, encoding="utf-8")
    r = cli("new-year", "2025", "--data", str(ws24), "--dry-run")
    assert r.code == 0, r.err
    moved = (
        "Tổng kết năm 2024, làm cơ sở xây dựng chỉ tiêu năm 2025; chuẩn bị Kế hoạch năm 2026. "
        "Thực hiện Kế hoạch số 12/KH-UBND ngày 10/01/2024 của UBND tỉnh về kiểm soát TTHC năm "
        "2024; Quyết định số 5/QĐ-UBND năm 2023 của UBND huyện."
    )
    assert f'-        content: "{content}"\n+        content: "{moved}"\n' in r.out
    assert cli("new-year", "2025", "--data", str(ws24)).code == 0
    new = (ws24 / "plan_2025.yaml").read_text(encoding="utf-8")
    assert f'content: "{moved}"' in new
    # the legal bases stay as they are, year and all
    assert "Kế hoạch cải cách thủ tục hành chính trọng tâm năm 2024" in new


def test_a_span_of_years_moves_as_a_whole() -> None:
    """ "năm 2025–2026" of a 2026 plan is "năm 2026–2027" in 2027's, never "năm 2026–2026";
    a span reaching outside the years that move (a programme's "năm 2021 - 2025") stays."""
    from kstthc_cli.write.newyear import shift_wording, year_moves

    moves = year_moves(2026, 2027)
    assert shift_wording("Tổng hợp kết quả năm 2025–2026.", moves) == (
        "Tổng hợp kết quả năm 2026–2027."
    )
    assert shift_wording("năm 2026 - 2027", moves) == "năm 2027 - 2028"
    assert shift_wording("Đề án năm 2021 - 2025; năm 2025-2030", moves) == (
        "Đề án năm 2021 - 2025; năm 2025-2030"
    )
    assert shift_wording("năm 2026, năm 2025", moves) == "năm 2027, năm 2026"
