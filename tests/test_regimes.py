"""Other reporting regimes (issue 13, item 8): a report due on a day of the period's last month
or N working days after the cut-off (``reporting.due``), and a plan that starts mid-year
(``starts``): nothing is owed before its start and the year to date counts from it."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from kstthc_cli.compute import periods
from kstthc_cli.compute.evaluate import evaluate_year
from kstthc_cli.compute.report import build_report
from kstthc_cli.compute.schedule import YearCalendar
from kstthc_cli.load.models import DueRule, Reporting
from kstthc_cli.load.workspace import open_workspace
from tests.support import snapshot, write


def dues(year: int, **reporting: object) -> dict[str, date]:
    cal = YearCalendar(year, Reporting(recipient="UBND tỉnh", preparer="vp", **reporting))  # type: ignore[arg-type]
    return {pid: cal.period(pid).due for pid in periods.REPORT_PERIODS}


def test_due_on_a_day_of_the_last_month() -> None:
    got = dues(2026, due=DueRule(day_of_last_month=20))
    assert got["Q1"] == date(2026, 3, 20)  # a Friday
    assert got["Q2"] == date(2026, 6, 22)  # 20/06 is a Saturday: the Monday after
    assert got["M9"] == date(2026, 9, 21)  # 20/09 is a Sunday
    assert got["Y"] == date(2026, 12, 21)
    # without moving off days off, the day as written; the 31st of a 30-day month is its last
    assert dues(2026, due=DueRule(day_of_last_month=20), move_off_holidays=False)["Q2"] == date(
        2026, 6, 20
    )
    assert dues(2026, due=DueRule(day_of_last_month=31))["Q2"] == date(2026, 6, 30)


def test_due_n_working_days_after_the_cut_off() -> None:
    got = dues(2026, due=DueRule(working_days_after_cutoff=3))
    assert got["Q1"] == date(2026, 3, 18)  # cut-off Saturday 14/03: Mon 16, Tue 17, Wed 18
    assert got["Q2"] == date(2026, 6, 17)  # cut-off Sunday 14/06
    assert got["Y"] == date(2026, 12, 17)  # cut-off Monday 14/12
    # the plan's own days off and working days count
    off = dues(2026, due=DueRule(working_days_after_cutoff=3), days_off=[date(2026, 3, 17)])
    assert off["Q1"] == date(2026, 3, 19)
    worked = dues(2026, due=DueRule(working_days_after_cutoff=1), working_days=[date(2026, 3, 15)])
    assert worked["Q1"] == date(2026, 3, 15)  # a Sunday worked in make-up
    # calendar quarters: Q2 closes on 30/06, the next working day is 01/07; public holidays
    # count (30/04, 01/05 and 02/05/2025 off, then a weekend)
    april = dues(2026, due=DueRule(working_days_after_cutoff=1), cutoff_rule="calendar")
    assert april["Q2"] == date(2026, 7, 1)
    cal = YearCalendar(
        2025,
        Reporting(
            recipient="x",
            preparer="vp",
            cutoff_rule="calendar",
            due=DueRule(working_days_after_cutoff=2),
        ),
    )
    assert cal.period("T04").due == date(2025, 5, 6)  # 30/04, 01/05, 02/05 off; Sat, Sun


def _set_reporting(ws: Path, lines: str) -> None:
    path = ws / "plan_2024.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("reporting:\n", "reporting:\n" + lines, 1)
    path.write_text(text, encoding="utf-8")


def test_the_plan_sets_the_regime_and_every_view_uses_it(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    _set_reporting(ws, "  due: {working_days_after_cutoff: 2}\n")
    r = cli("calendar", "--data", str(ws), "--json")
    assert r.code == 0, r.err
    got = {p["id"]: p["due"] for p in json.loads(r.out)["periods"]}
    assert got["Q1"] == "2024-03-18"  # cut-off Thursday 14/03: Fri 15, Mon 18
    assert got["Q2"] == "2024-06-18"  # cut-off Friday 14/06: Mon 17, Tue 18
    r = cli("status", "--data", str(ws), "--as-of", "2024-04-01", "--json")
    tasks = {t["id"]: t for t in json.loads(r.out)["tasks"]}
    assert tasks["20"]["occurrences"][0]["due"] == "2024-03-18"  # a report: the calendar's day


def test_a_regime_must_say_one_rule(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    _set_reporting(ws, "  due: {working_days_after_cutoff: 2, day_of_last_month: 20}\n")
    before = snapshot(ws)
    r = cli("check", "--data", str(ws), "--json")
    assert r.code == 1
    found = [p for p in json.loads(r.out)["problems"] if p["severity"] == "error"]
    assert [(p["code"], p["message"]) for p in found] == [
        ("bad-value", "'reporting.due': hạn gửi báo cáo (due) ghi đúng một cách tính.")
    ]
    assert snapshot(ws) == before
    path = ws / "plan_2024.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "  due: {working_days_after_cutoff: 2, day_of_last_month: 20}\n",
            "  due: {working_days_after_cutoff: 0}\n",
        ),
        encoding="utf-8",
    )
    r = cli("check", "--data", str(ws), "--json")
    assert r.code == 1
    assert [p["code"] for p in json.loads(r.out)["problems"] if p["severity"] == "error"] == [
        "out-of-range"
    ]


# ---------------------------------------------------------------- a plan that starts mid-year


def mid_year(ws: Path) -> None:
    path = ws / "plan_2024.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace('place: "Hương Trà"\n', 'place: "Hương Trà"\nstarts: "2024-07-01"\n'),
        encoding="utf-8",
    )
    write(
        ws / "actuals_2024.yaml",
        """
        indicators:
          - indicator: "3"
            period: "Q1"
            numerator: 10
            denominator: 100
          - indicator: "3"
            period: "Q3"
            numerator: 60
            denominator: 100
        """,
    )


def test_nothing_is_owed_before_a_mid_year_plan_starts(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    mid_year(ws)
    r = cli("status", "--data", str(ws), "--as-of", "2024-08-01", "--json")
    assert r.code == 0, r.err
    data = json.loads(r.out)
    tasks = {t["id"]: t for t in data["tasks"]}
    assert tasks["1"]["occurrences"] == []  # "Quý I": the plan before's
    assert [o["key"] for o in tasks["20"]["occurrences"]] == ["Q3", "Q4"]  # Q2 was due 17/06
    assert [o["key"] for o in tasks["19"]["occurrences"]] == ["Y"]  # the 6-month one was due 17/06
    assert [o["key"] for o in tasks["3"]["occurrences"]] == ["Q3", "Q4"]  # no idle Q1, Q2
    assert data["summary"]["overdue"] == 0
    r = cli("calendar", "--data", str(ws), "--json")
    assert [p["id"] for p in json.loads(r.out)["periods"]] == ["Q3", "Q4", "H2", "M9", "Y"]
    # one deliverable left of "Định kỳ 06 tháng và cuối năm": a record needs no period
    r = cli(
        "record", "task", "19", "--date", "2024-12-10", "--data", str(ws), "--as-of", "2024-12-10"
    )
    assert r.code == 0, r.err


def test_the_year_to_date_counts_from_the_plans_start(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    mid_year(ws)
    state = evaluate_year(open_workspace(ws, 2024), as_of=date(2024, 10, 1))
    ind3 = next(i for i in state.indicators if i.indicator.id == "3").status
    assert (ind3.ytd.numerator, ind3.ytd.denominator, ind3.ytd_periods) == (60, 100, ("Q3",))
    rep = build_report(state, pid="Q3")
    assert rep.indicator_appendix.subtitle == (
        "Quý III năm 2024; lũy kế tính từ ngày 01/07/2024 (Kế hoạch bắt đầu) đến hết kỳ báo cáo"
    )


def test_a_start_outside_the_plan_year_is_an_error(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    path = ws / "plan_2024.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace('place: "Hương Trà"\n', 'place: "Hương Trà"\nstarts: "2023-07-01"\n'),
        encoding="utf-8",
    )
    r = cli("check", "--data", str(ws), "--json")
    assert r.code == 1
    found = [p for p in json.loads(r.out)["problems"] if p["code"] == "year-mismatch"]
    assert [(p["line"], p["message"]) for p in found] == [
        (20, "Ngày bắt đầu của kế hoạch (01/07/2023) không thuộc năm 2024.")
    ]
