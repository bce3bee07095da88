"""Smaller defects of issue 13, item 9: each with the test that failed before its fix."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from kstthc_cli.compute import periods
from kstthc_cli.render import textfmt
from kstthc_cli.write import safewrite
from tests.support import snapshot, write


def one_milestone(ws: Path) -> None:
    path = ws / "plan_2024.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        'timeframe: "Theo kế hoạch"',
        'timeframe: "Theo kế hoạch"\n        milestones:\n'
        '          - {date: "2024-05-31", label: "Ban hành kế hoạch rà soát"}',
        1,
    )
    path.write_text(text, encoding="utf-8")


def test_a_single_milestone_takes_its_own_id(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    one_milestone(ws)
    r = cli(
        "record", "task", "5", "--period", "M1", "--date", "2024-05-30",
        "--data", str(ws), "--as-of", "2024-06-01", "--no-commit",
    )  # fmt: skip
    assert r.code == 0, r.err
    assert 'period: "M1"' in (ws / "actuals_2024.yaml").read_text(encoding="utf-8")
    r = cli("check", "--data", str(ws), "--json")
    assert [
        p["code"] for p in json.loads(r.out)["problems"] if p["code"].startswith("period")
    ] == []
    # and without --period, as before
    r = cli(
        "record", "task", "5", "--date", "2024-05-31", "--replace",
        "--data", str(ws), "--as-of", "2024-06-01", "--no-commit",
    )  # fmt: skip
    assert r.code == 0, r.err


def test_a_period_label_with_its_year_says_nam_once() -> None:
    assert periods.label("H1", 2026) == "6 tháng đầu năm 2026"
    assert periods.label("H2", 2026) == "6 tháng cuối năm 2026"
    assert periods.label("M9", 2026) == "9 tháng năm 2026"
    assert periods.label("Y", 2026) == "Năm 2026"
    assert periods.label("Q2", 2026) == "Quý II/2026"


def test_the_rollup_title_of_a_half_year(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("rollup", str(ws), "--period", "6t", "--as-of", "2024-07-01")
    assert r.code == 0, r.err
    assert r.out.splitlines()[0] == "TỔNG HỢP KSTTHC NĂM 2024 · 1 xã · kỳ 6 tháng đầu năm 2024"


def test_the_preparer_is_on_the_storage_line_when_the_plan_gives_none(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    path = ws / "plan_2024.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('    - "Lưu: VT, VP-TK"\n', ""), encoding="utf-8")
    r = cli("report", "q2", "--data", str(ws), "--as-of", "2024-06-20")
    assert r.code == 0, r.err
    assert "- Lưu: VT, VP-TK." in r.out


def test_counts_read_the_same_everywhere(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    assert textfmt.ratio(1313, 1820) == "1.313/1.820"
    write(
        ws / "actuals_2024.yaml",
        """
        indicators:
          - indicator: "3"
            period: "Q1"
            numerator: 1313
            denominator: 1820
        """,
    )
    r = cli("status", "--data", str(ws), "--as-of", "2024-04-20")
    assert r.code == 0, r.err
    assert "(1.313/1.820)" in r.out and "1313/1820" not in r.out
    r = cli("report", "q1", "--data", str(ws), "--as-of", "2024-04-20")
    assert "1.313/1.820" in r.out


def test_a_baseline_reads_as_every_percentage(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    path = ws / "indicators_2024.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("baseline: null", "baseline: 42.0", 1), encoding="utf-8")
    r = cli("targets", "--data", str(ws))
    assert r.code == 0, r.err
    assert "42,00 %" in r.out and " 42 %" not in r.out


def test_the_all_clear_goes_to_stdout(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("check", "--data", str(ws))
    assert (r.code, r.out, r.err) == (0, "0 lỗi, 0 cảnh báo (4 cảnh báo đã xác nhận).\n", "")


def test_a_new_data_folder_gets_a_gitignore_beside_its_lock(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    assert not (ws / ".gitignore").exists()
    r = cli("record", "task", "1", "--data", str(ws), "--as-of", "2024-03-20", "--no-commit")
    assert r.code == 0, r.err
    assert (ws / ".gitignore").read_text(encoding="utf-8") == safewrite.GITIGNORE
    # the officer's own is kept as it is
    (ws / ".gitignore").write_text("*.docx\n", encoding="utf-8")
    (ws / ".actuals_2024.yaml.lock").unlink()
    cli("record", "task", "2", "--data", str(ws), "--as-of", "2024-03-20", "--no-commit")
    assert (ws / ".gitignore").read_text(encoding="utf-8") == "*.docx\n"


def test_no_gitignore_in_a_repository_that_ignores_the_lock_files(tmp_path: Path) -> None:
    from dulwich.repo import Repo

    Repo.init(str(tmp_path)).close()
    (tmp_path / ".gitignore").write_text(".*.lock\n.*.tmp\n", encoding="utf-8")
    folder = tmp_path / "xa"
    folder.mkdir()
    target = folder / "actuals_2024.yaml"
    with safewrite.locked(target):
        pass
    assert not (folder / ".gitignore").exists()
    other = tmp_path / "khac"
    other.mkdir()
    (tmp_path / ".gitignore").write_text("*.docx\n", encoding="utf-8")
    with safewrite.locked(other / "actuals_2024.yaml"):
        pass
    assert (other / ".gitignore").read_text(encoding="utf-8") == safewrite.GITIGNORE


def test_tasks_of_the_on_demand_kind(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("tasks", "--period", "đột xuất", "--data", str(ws), "--as-of", "2024-04-20", "--json")
    assert r.code == 0, r.err
    assert [t["id"] for t in json.loads(r.out)["tasks"]] == ["20"]
    r = cli("tasks", "--period", "dot xuat", "--data", str(ws), "--as-of", "2024-04-20", "--json")
    assert [t["id"] for t in json.loads(r.out)["tasks"]] == ["20"]


def test_a_late_quarter_report_is_judged_on_its_report_day(cli, ws: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from kstthc_cli.cli.commands import common

    monkeypatch.setattr(common, "today", lambda: date(2024, 9, 20))
    before = snapshot(ws)
    late = cli("report", "q1", "--data", str(ws))
    on_day = cli("report", "q1", "--data", str(ws), "--as-of", "2024-03-18")
    assert late.code == 0, late.err
    assert late.out == on_day.out  # the Q1 report's due day (17/03 is a Sunday: 18/03)
    assert "Hương Trà, ngày 18 tháng 3 năm 2024" in late.out
    # a report made before its due day is judged on the day it is made
    monkeypatch.setattr(common, "today", lambda: date(2024, 3, 10))
    early = cli("report", "q1", "--data", str(ws))
    assert early.out == cli("report", "q1", "--data", str(ws), "--as-of", "2024-03-10").out
    # a report dated later (--date) is judged on its date
    dated = cli("report", "q1", "--data", str(ws), "--date", "2024-03-25")
    assert dated.out == cli("report", "q1", "--data", str(ws), "--as-of", "2024-03-25").out
    assert snapshot(ws) == before


def test_init_and_the_first_write_list_the_same_files() -> None:
    from kstthc_cli.write import vcs

    assert vcs.GITIGNORE == safewrite.GITIGNORE
