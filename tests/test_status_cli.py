"""``kstthc status``, ``tasks`` and ``calendar`` on the shipped plan, judged on fixed days."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.support import write


def status(cli, ws: Path, day: str, *extra: str) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    r = cli("status", "--data", str(ws), "--as-of", day, "--json", *extra)
    assert r.code == 0, r.err
    return json.loads(r.out)  # type: ignore[no-any-return]


def by_id(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {t["id"]: t for t in data["tasks"]}


def test_as_of_20_april_with_no_records(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    data = status(cli, ws, "2024-04-20")
    assert data["year"] == 2024
    assert data["as_of"] == "2024-04-20"
    tasks = by_id(data)
    for one_off in ("1", "2", "4"):
        task = tasks[one_off]
        assert task["state"] == "overdue"
        assert task["timeframe"] == "Quý I"
        assert len(task["occurrences"]) == 1
        occ = task["occurrences"][0]
        assert (occ["label"], occ["due"], occ["state"]) == ("Quý I", "2024-03-31", "overdue")
        assert occ["done_on"] is None
        assert occ["evidence"] is None
    for ongoing in ("3", "6", "7", "8", "9", "11", "12", "13", "14", "15", "17", "18"):
        assert tasks[ongoing]["state"] == "ongoing"
    # task 20 owes one report per quarter; Q1's is overdue
    t20 = [o for o in tasks["20"]["occurrences"] if o["kind"] == "report"]
    assert [o["key"] for o in t20] == ["Q1", "Q2", "Q3", "Q4"]
    assert [o["state"] for o in t20] == ["overdue", "upcoming", "upcoming", "upcoming"]
    assert tasks["20"]["state"] == "overdue"
    assert tasks["20"]["adhoc"] is True
    # task 10 owes one result per quarter (and the year's)
    t10 = [o["key"] for o in tasks["10"]["occurrences"]]
    assert t10[:4] == ["Q1", "Q2", "Q3", "Q4"]
    # task 19 owes two: half-year and year end, and is not overdue
    t19 = tasks["19"]["occurrences"]
    assert [o["key"] for o in t19] == ["H1", "Y"]
    assert tasks["19"]["state"] == "upcoming"
    # every indicator: no data, with its target as operator and value
    assert len(data["indicators"]) == 11
    for ind in data["indicators"]:
        assert ind["state"] == "no-data"
        assert ind["actual"] is None
        assert ind["target"]["op"] == ">="
        assert isinstance(ind["target"]["value"], (int, float))
    assert {i["id"]: i["target"]["value"] for i in data["indicators"]}["3"] == 50


def test_task_1_upcoming_then_due_soon(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    assert by_id(status(cli, ws, "2024-03-01"))["1"]["state"] == "upcoming"
    assert by_id(status(cli, ws, "2024-03-28"))["1"]["state"] == "due-soon"


def test_all_four_reports_of_task_20_overdue_at_year_end(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    t20 = by_id(status(cli, ws, "2024-12-31"))["20"]
    assert [o["state"] for o in t20["occurrences"]] == ["overdue"] * 4


def test_each_occurrence_is_owed_on_its_own(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    write(
        ws / "actuals_2024.yaml",
        """
        year: 2024
        tasks:
          - task: "20"
            period: "Q2"
            status: "done"
            date: "2024-06-17"
            evidence: "Báo cáo số 45/BC-UBND ngày 17/6/2024"
          - task: "1"
            date: "2024-03-20"
            evidence: "Quyết định số 30/QĐ-UBND"
          - task: "3"
            date: "2024-02-01"
            note: "Niêm yết TTHC mới công bố"
        """,
    )
    tasks = by_id(status(cli, ws, "2024-07-01"))
    t20 = {o["key"]: o for o in tasks["20"]["occurrences"]}
    assert t20["Q2"]["state"] == "done"
    assert t20["Q2"]["evidence"] == "Báo cáo số 45/BC-UBND ngày 17/6/2024"
    assert t20["Q2"]["done_on"] == "2024-06-17"
    assert t20["Q1"]["state"] == "overdue"
    assert tasks["20"]["state"] == "overdue"
    assert tasks["1"]["state"] == "done"
    # ongoing task 3 had activity in Q1 but none in Q2 (15/03–14/06)
    assert tasks["3"]["idle_periods"] == ["Q2"]
    assert tasks["6"]["idle_periods"] == ["Q1", "Q2"]


def test_records_after_the_as_of_day_do_not_count_yet(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    write(
        ws / "actuals_2024.yaml",
        """
        tasks:
          - task: "1"
            date: "2024-03-20"
        """,
    )
    assert by_id(status(cli, ws, "2024-03-10"))["1"]["state"] == "upcoming"
    assert by_id(status(cli, ws, "2024-03-25"))["1"]["state"] == "done"


def test_in_progress_then_overdue(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    write(
        ws / "actuals_2024.yaml",
        """
        tasks:
          - task: "4"
            status: "in-progress"
            date: "2024-02-01"
            note: "Đang dự thảo"
        """,
    )
    assert by_id(status(cli, ws, "2024-02-10"))["4"]["state"] == "in-progress"
    assert by_id(status(cli, ws, "2024-04-02"))["4"]["state"] == "overdue"


def test_unit_filter(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    data = status(cli, ws, "2024-04-20", "--unit", "mot-cua")
    ids = {t["id"] for t in data["tasks"]}
    assert {"10", "13", "14", "15"} <= ids
    assert "1" not in ids
    assert all("mot-cua" in (t["lead"] + t["support"] + t["monitor"]) for t in data["tasks"])
    r = cli("status", "--as-of", "2024-04-20", "--unit", "mot-cua", "--data", str(ws))
    assert r.code == 0
    assert "đơn vị chủ trì" in r.out


def test_status_text_fits_one_screen(cli, ws: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("COLUMNS", "100")
    r = cli("status", "--data", str(ws), "--as-of", "2024-04-20")
    assert r.code == 0
    lines = r.out.splitlines()
    assert len(lines) <= 50
    assert all(len(line) <= 100 for line in lines)
    assert lines[1].startswith("Quá hạn 5")
    assert "QUÁ HẠN" in r.out
    assert "NV 1" in r.out
    assert "trễ 20 ngày" in r.out
    assert "chưa có số liệu" in r.out
    assert "≥ 50 %" in r.out


def test_year_over_is_judged_on_its_last_day(cli, ws: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    import kstthc_cli.cli.commands.common as common

    monkeypatch.setattr(common, "today", lambda: dt.date(2026, 11, 29))
    r = cli("status", "--data", str(ws))
    assert r.code == 0
    assert "31/12/2024" in r.out
    assert "đã qua" in r.out
    r = cli("status", "--data", str(ws), "--json")
    assert json.loads(r.out)["as_of"] == "2024-12-31"


def test_bad_command_lines(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("status", "--data", str(ws), "--as-of", "2024-02-30")
    assert (r.code, "không có thật" in r.err) == (2, True)
    r = cli("tasks", "--data", str(ws), "--period", "quý 5")
    assert r.code == 2
    assert "Không hiểu kỳ báo cáo 'quý 5'" in r.err
    assert "q1…q4" in r.err
    r = cli("status", "--data", str(ws), "--unit", "mot-cu")
    assert r.code == 2
    assert "Có phải ý bạn là 'mot-cua'" in r.err


def test_tasks_filters(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("tasks", "--data", str(ws), "--as-of", "2024-04-20", "--overdue", "--json")
    assert r.code == 0
    assert sorted(t["id"] for t in json.loads(r.out)["tasks"]) == ["1", "10", "2", "20", "4"]
    r = cli("tasks", "--data", str(ws), "--as-of", "2024-03-28", "--due-soon", "--json")
    assert sorted(t["id"] for t in json.loads(r.out)["tasks"]) == ["1", "2", "4"]
    r = cli("tasks", "--data", str(ws), "--as-of", "2024-04-20", "--period", "6 tháng", "--json")
    ids = {t["id"] for t in json.loads(r.out)["tasks"]}
    assert {"1", "10", "19", "20"} <= ids
    assert "3" not in ids
    r = cli("tasks", "--data", str(ws), "--as-of", "2024-04-20", "--unit", "vp-tk")
    assert r.code == 0
    assert "Xây dựng, ban hành" in r.out


def test_calendar(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("calendar", "--data", str(ws), "--json")
    assert r.code == 0
    data = json.loads(r.out)
    assert (data["year"], data["rule"]) == (2024, "nd09")
    periods = {p["id"]: p for p in data["periods"]}
    assert (periods["Q1"]["from"], periods["Q1"]["to"]) == ("2023-12-15", "2024-03-14")
    assert (periods["Q2"]["from"], periods["Q2"]["to"]) == ("2024-03-15", "2024-06-14")
    assert periods["Q2"]["label"] == "Quý II"
    assert periods["Q1"]["due"] == "2024-03-18"
    r = cli("calendar", "--data", str(ws))
    assert "15/03/2024" in r.out
    assert "Nghị định 09/2019" in r.out


def test_calendar_rule(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    path = ws / "plan_2024.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace('cutoff_rule: "nd09"', 'cutoff_rule: "calendar"'),
        encoding="utf-8",
    )
    data = json.loads(cli("calendar", "--data", str(ws), "--json").out)
    q1 = data["periods"][0]
    assert (q1["from"], q1["to"], q1["due"]) == ("2024-01-01", "2024-03-31", "2024-04-17")


def _reporting(ws: Path, old: str, new: str) -> None:
    path = ws / "plan_2024.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _due(cli, ws: Path, pid: str) -> str:  # type: ignore[no-untyped-def]
    r = cli("calendar", "--data", str(ws), "--json")
    assert r.code == 0, r.err
    return str(next(p["due"] for p in json.loads(r.out)["periods"] if p["id"] == pid))


def test_a_day_off_the_plan_adds_moves_a_due_date(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    assert _due(cli, ws, "Q1") == "2024-03-18"
    _reporting(ws, "move_off_holidays: true", 'move_off_holidays: true\n  days_off: ["18/03/2024"]')
    assert _due(cli, ws, "Q1") == "2024-03-19"
    r = cli("check", "--data", str(ws))
    assert (r.code, "0 lỗi" in r.out) == (0, True), r.err
    # on 19/03 task 20's Q1 report is due that day, not a day late
    r = cli("tasks", "--data", str(ws), "--as-of", "2024-03-19", "--json")
    assert r.code == 0, r.err
    task = next(t for t in json.loads(r.out)["tasks"] if t["id"] == "20")
    q1 = next(o for o in task["occurrences"] if o["key"] == "Q1")
    assert (q1["due"], q1["state"], q1["days_late"]) == ("2024-03-19", "due-soon", 0)


def test_a_day_off_the_plan_cancels_no_longer_moves_a_due_date(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    # calendar quarters, due on the 1st: Q4's report would be due on 01/01/2025, Tết Dương lịch
    _reporting(ws, 'cutoff_rule: "nd09"', 'cutoff_rule: "calendar"')
    _reporting(ws, "due_day: 17", "due_day: 1")
    assert _due(cli, ws, "Q4") == "2025-01-02"
    _reporting(
        ws, "move_off_holidays: true", "move_off_holidays: true\n  working_days: [2025-01-01]"
    )
    assert _due(cli, ws, "Q4") == "2025-01-01"


def test_milestones_make_theo_ke_hoach_dated(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    path = ws / "plan_2024.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        'timeframe: "Theo kế hoạch"',
        'timeframe: "Theo kế hoạch"\n        milestones:\n'
        '          - {date: "2024-05-31", label: "Rà soát đợt 1"}\n'
        '          - {date: "2024-10-31", label: "Rà soát đợt 2"}',
    )
    path.write_text(text, encoding="utf-8")
    t5 = by_id(status(cli, ws, "2024-06-05"))["5"]
    assert [o["state"] for o in t5["occurrences"]] == ["overdue", "upcoming"]
    assert t5["needs_milestones"] is False
    assert by_id(status(cli, ws, "2024-06-05"))["16"]["needs_milestones"] is True


def test_shared_options_may_come_before_the_command(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("--data", str(ws), "--as-of=2024-04-20", "tasks", "--overdue", "--json")
    assert r.code == 0, r.err
    assert sorted(t["id"] for t in json.loads(r.out)["tasks"]) == ["1", "10", "2", "20", "4"]


def test_tasks_period_of_another_year(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    """'2025q1' is not the 2024 plan's Q1: without a 2025 plan it is a bad command line, with
    one the 2025 plan is listed (as ``report`` does)."""
    base = ("tasks", "--data", str(ws), "--as-of", "2024-04-20", "--json")
    r = cli(*base, "--period", "2025q1")
    assert r.code == 2
    assert "2025" in r.err
    assert json.loads(r.out)["problems"][0]["code"] == "command-line"  # --json: still an object
    r = cli(*base, "--period", "q1/2024", "--year", "2025")
    assert r.code == 2
    assert cli("new-year", "2025", "--data", str(ws)).code == 0
    r = cli(*base, "--period", "2025q1")
    assert r.code == 0, r.err
    assert {t["id"] for t in json.loads(r.out)["tasks"]} >= {"1", "2", "4"}
    assert all(
        o["due"].startswith("2025")
        for t in json.loads(r.out)["tasks"]
        for o in t["occurrences"]
        if o["kind"] != "activity" and o["key"] == "Q1"
    )


def test_a_year_without_a_plan_is_a_command_line_error(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("status", "--data", str(ws), "--year", "2023")
    assert r.code == 2
    assert "không có kế hoạch năm 2023" in r.err
    assert "2024" in r.err


def test_unit_ids_ignore_case(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    data = status(cli, ws, "2024-04-20", "--unit", "MOT-CUA")
    assert data["unit"] == "mot-cua"
    assert {"10", "13"} <= {t["id"] for t in data["tasks"]}


def test_the_plan_year_follows_as_of(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    """Once the 2025 plan is made, a day of 2024 still opens the 2024 plan; a day of a year
    without a plan opens the latest; ``--year`` always wins."""
    assert cli("new-year", "2025", "--data", str(ws)).code == 0
    assert status(cli, ws, "2024-06-14")["year"] == 2024
    assert status(cli, ws, "2025-04-20")["year"] == 2025
    assert status(cli, ws, "2026-02-01")["year"] == 2025
    assert status(cli, ws, "2023-12-20")["year"] == 2025
    assert status(cli, ws, "2024-06-14", "--year", "2025")["year"] == 2025
    assert status(cli, ws, "2025-04-20", "--year", "2024")["year"] == 2024
    r = cli("status", "--data", str(ws), "--as-of", "2024-06-14")
    assert r.code == 0, r.err
    assert r.out.startswith("KSTTHC NĂM 2024 ")


def test_every_command_with_as_of_follows_its_year(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    assert cli("new-year", "2025", "--data", str(ws)).code == 0
    for day, year in (("2024-06-14", 2024), ("2025-04-20", 2025)):
        base = ("--data", str(ws), "--as-of", day, "--json")
        r = cli("calendar", *base)
        assert r.code == 0 and json.loads(r.out)["year"] == year, r.err
        r = cli("targets", *base)
        assert r.code == 0 and json.loads(r.out)["year"] == year, r.err
        r = cli("tasks", *base, "--period", "q1")
        assert r.code == 0, r.err
        dues = [o["due"] for t in json.loads(r.out)["tasks"] for o in t["occurrences"] if o["due"]]
        assert dues and all(d.startswith(str(year)) for d in dues)
    # check reads the 2024 files for a day of 2024: an error in the 2025 plan is not its concern
    plan = ws / "plan_2025.yaml"
    plan.write_text(plan.read_text(encoding="utf-8") + "bogus_key: 1\n", encoding="utf-8")
    assert cli("check", "--data", str(ws), "--as-of", "2024-06-14").code == 0
    r = cli("check", "--data", str(ws), "--as-of", "2025-04-20", "--json")
    assert r.code == 1
    assert any(p["file"].endswith("plan_2025.yaml") for p in json.loads(r.out)["problems"])


def test_milestone_ids_in_the_file_ignore_case(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    """A record written by hand as 'm1' or 'dot 2' counts for milestone M1 or 'Đợt 2'."""
    path = ws / "plan_2024.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            'timeframe: "Theo kế hoạch"',
            'timeframe: "Theo kế hoạch"\n        milestones:\n'
            '          - {date: "2024-05-31", label: "Ban hành kế hoạch rà soát"}\n'
            '          - {date: "2024-10-31", label: "Báo cáo kết quả", id: "Đợt 2"}',
            1,
        ),
        encoding="utf-8",
    )
    write(
        ws / "actuals_2024.yaml",
        """
        year: 2024
        tasks:
          - {task: "5", period: "m1", date: 2024-05-20, evidence: "Kế hoạch số 3/KH-UBND"}
          - {task: "5", period: "dot 2", date: 2024-10-20, evidence: "Báo cáo số 9/BC-UBND"}
        """,
    )
    assert cli("check", "--data", str(ws), "--as-of", "2024-11-01").code == 0
    t5 = by_id(status(cli, ws, "2024-11-01"))["5"]
    assert [(o["key"], o["state"]) for o in t5["occurrences"]] == [
        ("M1", "done"),
        ("Đợt 2", "done"),
    ]


def test_a_task_done_after_its_deadline_says_how_late(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    """Task 2 is due at the end of Quý I; done on 10/04 it is done, 10 days late."""
    write(
        ws / "actuals_2024.yaml",
        """
        tasks:
          - task: "2"
            date: "2024-04-10"
        """,
    )
    r = cli("tasks", "--data", str(ws), "--as-of", "2024-04-20", "--json")
    assert r.code == 0
    task = next(t for t in json.loads(r.out)["tasks"] if t["id"] == "2")
    occ = task["occurrences"][0]
    assert (task["state"], occ["state"], occ["due"], occ["days_late"]) == (
        "done",
        "done",
        "2024-03-31",
        10,
    )
    report = cli("report", "q2", "--data", str(ws), "--as-of", "2024-06-20")
    assert report.code == 0
    assert "đã hoàn thành ngày 10/04/2024 (trễ 10 ngày so với hạn 31/03/2024)" in report.out


def test_tasks_of_a_period_show_their_state_in_that_period(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    """On 10/06 task 10's Quý II deliverable is due soon; in the Quý III list it is not yet due."""
    r = cli("tasks", "--data", str(ws), "--as-of", "2024-06-10", "--period", "q3", "--json")
    assert r.code == 0
    task = next(t for t in json.loads(r.out)["tasks"] if t["id"] == "10")
    assert task["state"] == "upcoming"
    assert [o["label"] for o in task["occurrences"]] == ["Quý III"]
    r = cli("tasks", "--data", str(ws), "--as-of", "2024-06-10", "--period", "q2", "--json")
    task = next(t for t in json.loads(r.out)["tasks"] if t["id"] == "10")
    assert task["state"] == "due-soon"
    r = cli("tasks", "--data", str(ws), "--as-of", "2024-06-10", "--period", "q3", "--due-soon")
    assert r.code == 0
    assert "Không có nhiệm vụ nào khớp bộ lọc." in r.out
