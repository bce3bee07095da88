"""Issue 13's "Done when" on another commune and year: ``tests/fixtures/xa_khac_2026`` is the
plan of a commune of another province (xã Hòa Thịnh, tỉnh Đắk Lắk), plan year 2026, two-level
government: it reports to the province (Văn phòng UBND tỉnh), its Trung tâm Phục vụ hành chính
công prepares the reports, a deputy signs. Its 25 tasks use every timeframe wording family of
item 1, its 11 indicators are percentages by ratio, a percentage entered directly and counts in
cuộc, văn bản and TTHC, each with its catalogue code, numbered otherwise than the shipped plan.

The due dates below are worked out by hand, the way a careful officer would, from:
- the NĐ 09/2019 cut-off: Q1 15/12/2025–14/03/2026, Q2 to 14/06, Q3 to 14/09, Q4 and the year
  to 14/12; 6 tháng to 14/06, 9 tháng to 14/09;
- the province's regime ``due: {working_days_after_cutoff: 2}``: the 2nd working day after the
  cut-off. 14/03/2026 is a Saturday: Mon 16/03 is the 1st, Tue 17/03 the 2nd. 14/06 is a
  Sunday: 15/06, 16/06. 14/09 and 14/12 are Mondays: 16/09, 16/12;
- a report to the level above is due on that date; any other deliverable named by a period at
  the period's (calendar) end: 31/03, 30/06, 30/09, 31/12;
- "Trước ngày 20" is due the 19th, moved EARLIER off a day off: 19/02/2026 falls in Tết (days
  off 14/02–22/02) → Fri 13/02; 19/04 a Sunday → Fri 17/04; 19/07 a Sunday → 17/07; 19/09 and
  19/12 Saturdays → 18/09, 18/12.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

import kstthc_cli
from kstthc_cli.compute.evaluate import YearState
from tests.conftest import Result
from tests.support import REPO, snapshot, write

FIXTURE = REPO / "tests" / "fixtures" / "xa_khac_2026"

D = date


@pytest.fixture
def xk(tmp_path: Path) -> Path:
    """A fresh copy of the other commune's folder."""
    target = tmp_path / "xa-hoa-thinh"
    shutil.copytree(FIXTURE, target)
    return target


def _state(folder: Path, day: date, year: int = 2026) -> YearState:
    workspace = kstthc_cli.open_workspace(data=folder, year=year)
    return kstthc_cli.evaluate(workspace=workspace, as_of=day)


# ---------------------------------------------------------------- the plan passes check


def test_the_other_communes_plan_passes_check(cli: Callable[..., Result]) -> None:
    before = snapshot(FIXTURE)
    r = cli("check", "--data", str(FIXTURE), "--as-of", "2026-01-15")
    assert (r.code, r.out, r.err) == (0, "Không có lỗi nào. Dữ liệu hợp lệ.\n", "")
    r = cli("check", "--data", str(FIXTURE), "--as-of", "2026-01-15", "--json")
    assert json.loads(r.out)["problems"] == []
    assert snapshot(FIXTURE) == before


#: Every wording family of issue 13, item 1, and the task of the plan that uses it.
FAMILIES = {
    "the whole year": {"18": "Năm 2026", "17": "Cả năm", "23": "Cuối năm 2026", "25": "Cuối năm"},
    "on instruction, when it happens": {
        "6": "Khi phát sinh",
        "4": "Theo tiến độ của tỉnh",
        "3": "Theo chỉ đạo của UBND tỉnh",
        "15": "Đột xuất theo yêu cầu của UBND tỉnh",
    },
    "within a period": {"1": "Trong Quý I", "2": "Trong tháng 3"},
    "spans": {"8": "Từ tháng 3 đến tháng 6", "9": "Quý I - Quý II/2026"},
    "lists sharing words": {
        "7": "Quý I, II năm 2026",
        "12": "Hằng quý, năm",
        "24": "Định kỳ hằng quý, 6 tháng, năm",
    },
    "recurring deadlines": {
        "13": "Trước ngày 20 hằng tháng",
        "14": "Trước ngày 20/3, 20/6, 20/9, 20/12",
    },
    "6 and 9 months": {"10": "9 tháng đầu năm", "21": "6 tháng đầu năm"},
    "as before": {
        "5": "Thường xuyên",
        "11": "Thường xuyên",
        "16": "Hằng quý",
        "19": "Quý II/2026",
        "20": "Theo kế hoạch",
        "22": "Định kỳ 06 tháng và cuối năm",
    },
}


def test_the_plan_uses_every_wording_family() -> None:
    workspace = kstthc_cli.open_workspace(data=FIXTURE, year=2026)
    wordings = {t.id: t.timeframe for _, t in workspace.plan.all_tasks()}
    assert len(wordings) == 25
    used = {tid: w for family in FAMILIES.values() for tid, w in family.items()}
    assert used == wordings
    assert all(t.schedule is None for _, t in workspace.plan.all_tasks())  # read from the words


#: (key, due) of each task's occurrences, worked out by hand (see the module's docstring).
EXPECTED: dict[str, list[tuple[str, date]]] = {
    # within a period: not reports, due at the period's end
    "1": [("Q1", D(2026, 3, 31))],
    "2": [("T03", D(2026, 3, 31))],
    # a list sharing "Quý … năm 2026": each quarter named, at its end
    "7": [("Q1", D(2026, 3, 31)), ("Q2", D(2026, 6, 30))],
    # spans: one deliverable, at the span's end (not one per month or quarter)
    "8": [("T06", D(2026, 6, 30))],
    "9": [("Q2", D(2026, 6, 30))],
    # 9 tháng đầu năm, a report (its `report: true` key): 9 months' due date, 16/09
    "10": [("M9", D(2026, 9, 16))],
    # a report to the province "Hằng quý, năm": the four quarters' and the year's due dates
    "12": [
        ("Q1", D(2026, 3, 17)),
        ("Q2", D(2026, 6, 16)),
        ("Q3", D(2026, 9, 16)),
        ("Q4", D(2026, 12, 16)),
        ("Y", D(2026, 12, 16)),
    ],
    # before the 20th of every month: the 19th, or the working day before it
    "13": [
        ("T01", D(2026, 1, 19)),  # a Monday
        ("T02", D(2026, 2, 13)),  # 19/02 is in Tết (14/02–22/02): Friday 13/02
        ("T03", D(2026, 3, 19)),
        ("T04", D(2026, 4, 17)),  # 19/04 a Sunday
        ("T05", D(2026, 5, 19)),
        ("T06", D(2026, 6, 19)),
        ("T07", D(2026, 7, 17)),  # 19/07 a Sunday
        ("T08", D(2026, 8, 19)),
        ("T09", D(2026, 9, 18)),  # 19/09 a Saturday
        ("T10", D(2026, 10, 19)),
        ("T11", D(2026, 11, 19)),
        ("T12", D(2026, 12, 18)),  # 19/12 a Saturday
    ],
    "14": [
        ("2026-03-19", D(2026, 3, 19)),
        ("2026-06-19", D(2026, 6, 19)),
        ("2026-09-19", D(2026, 9, 18)),
        ("2026-12-19", D(2026, 12, 18)),
    ],
    # not a report, every quarter: at each quarter's end
    "16": [
        ("Q1", D(2026, 3, 31)),
        ("Q2", D(2026, 6, 30)),
        ("Q3", D(2026, 9, 30)),
        ("Q4", D(2026, 12, 31)),
    ],
    # the whole year, not reports: 31/12
    "17": [("Y", D(2026, 12, 31))],
    "18": [("Y", D(2026, 12, 31))],
    "19": [("Q2", D(2026, 6, 30))],
    "20": [("M1", D(2026, 4, 30)), ("M2", D(2026, 10, 30))],
    "21": [("H1", D(2026, 6, 30))],
    # "báo cáo kết quả đối thoại gửi UBND tỉnh" in its outputs, but `report: false`: the
    # dialogue is the deliverable, due at each period's end
    "22": [("H1", D(2026, 6, 30)), ("Y", D(2026, 12, 31))],
    "23": [("Y", D(2026, 12, 31))],
    # the periodic report: every quarter, 6 months and the year, on the province's due dates
    "24": [
        ("Q1", D(2026, 3, 17)),
        ("Q2", D(2026, 6, 16)),
        ("Q3", D(2026, 9, 16)),
        ("Q4", D(2026, 12, 16)),
        ("H1", D(2026, 6, 16)),
        ("Y", D(2026, 12, 16)),
    ],
    # the year's summary report ("Cuối năm", a report to UBND tỉnh): the year's due date
    "25": [("Y", D(2026, 12, 16))],
}

#: Recorded when it happens, never overdue; ongoing all year.
ADHOC = {"3", "4", "6", "15"}
ONGOING = {"5", "11"}


def test_every_family_is_due_when_a_careful_officer_expects() -> None:
    state = _state(FIXTURE, D(2026, 1, 5))
    got = {
        ts.task.id: [(o.occurrence.key, o.occurrence.due) for o in ts.occurrences]
        for ts in state.tasks
        if ts.task.id not in ADHOC | ONGOING
    }
    assert got == EXPECTED
    rest = {ts.task.id: ts for ts in state.tasks if ts.task.id in ADHOC | ONGOING}
    assert {tid for tid, ts in rest.items() if ts.schedule.adhoc} == ADHOC
    assert all(not ts.occurrences for tid, ts in rest.items() if tid in ADHOC)
    for tid in ONGOING:  # activity expected in every quarter's window, no deadline
        assert [(o.occurrence.kind, o.occurrence.start) for o in rest[tid].occurrences] == [
            ("activity", D(2025, 12, 15)),
            ("activity", D(2026, 3, 15)),
            ("activity", D(2026, 6, 15)),
            ("activity", D(2026, 9, 15)),
        ]


def test_the_reporting_calendar_of_the_province(cli: Callable[..., Result]) -> None:
    r = cli("calendar", "--data", str(FIXTURE), "--as-of", "2026-01-05", "--json")
    assert r.code == 0, r.err
    got = {p["id"]: (p["from"], p["to"], p["due"]) for p in json.loads(r.out)["periods"]}
    assert got == {
        "Q1": ("2025-12-15", "2026-03-14", "2026-03-17"),
        "Q2": ("2026-03-15", "2026-06-14", "2026-06-16"),
        "Q3": ("2026-06-15", "2026-09-14", "2026-09-16"),
        "Q4": ("2026-09-15", "2026-12-14", "2026-12-16"),
        "H1": ("2025-12-15", "2026-06-14", "2026-06-16"),
        "H2": ("2026-06-15", "2026-12-14", "2026-12-16"),
        "M9": ("2025-12-15", "2026-09-14", "2026-09-16"),
        "Y": ("2025-12-15", "2026-12-14", "2026-12-16"),
    }


def test_nothing_on_demand_is_ever_overdue(cli: Callable[..., Result]) -> None:
    r = cli("tasks", "--data", str(FIXTURE), "--as-of", "2026-12-31", "--json")
    assert r.code == 0, r.err
    states = {t["id"]: t["state"] for t in json.loads(r.out)["tasks"]}
    assert {tid: states[tid] for tid in sorted(ADHOC | ONGOING)} == dict.fromkeys(
        sorted(ADHOC | ONGOING), "ongoing"
    )
    # on 31/12 what is due that day is due soon, everything else of the year is overdue
    assert {tid for tid, s in states.items() if s == "due-soon"} == {"17", "18", "23"}
    assert {tid for tid, s in states.items() if s == "overdue"} == set(EXPECTED) - {
        "17",
        "18",
        "23",
    }
    r = cli("tasks", "--period", "đột xuất", "--data", str(FIXTURE), "--as-of", "2026-12-31")
    assert r.code == 0, r.err


def test_an_impossible_date_in_a_wording_is_a_check_error(
    cli: Callable[..., Result], xk: Path
) -> None:
    path = xk / "plan_2026.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Trước ngày 20/3, 20/6,", "Trước ngày 31/2, 20/6,"), "utf-8")
    before = snapshot(xk)
    r = cli("check", "--data", str(xk), "--as-of", "2026-01-15", "--json")
    assert r.code == 1
    [bad] = [p for p in json.loads(r.out)["problems"] if p["severity"] == "error"]
    line = next(i for i, s in enumerate(path.read_text("utf-8").splitlines(), 1) if "31/2" in s)
    assert (bad["line"], bad["code"]) == (line, "bad-timeframe")
    assert "ngày 31/02 năm 2026 không có thật trên lịch" in bad["message"]
    assert bad["hint"] == (
        "Tháng 2 năm 2026 có 28 ngày: sửa lại ngày theo văn bản gốc (ví dụ 'Trước ngày 28/02')."
    )
    assert snapshot(xk) == before


def test_an_unread_wording_is_hinted_with_the_nearest_one(
    cli: Callable[..., Result], xk: Path
) -> None:
    path = xk / "plan_2026.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace('"Theo tiến độ của tỉnh"', '"Theo chỉ thị của UBND tỉnh"'), "utf-8"
    )
    r = cli("check", "--data", str(xk), "--as-of", "2026-01-15", "--json")
    assert r.code == 1
    [bad] = [p for p in json.loads(r.out)["problems"] if p["severity"] == "error"]
    assert bad["hint"] == (
        "Cách viết gần nhất kstthc hiểu: 'Theo chỉ đạo của UBND tỉnh'. Giữ nguyên lời văn và "
        'thêm schedule: ["Theo chỉ đạo của UBND tỉnh"] với cách viết đúng ý (xem README).'
    )


# ---------------------------------------------------------------- item 2: the day judged

DAY_JUDGED = """
    year: 2026
    tasks:
      - task: "1"
        date: "2026-03-10"
      - task: "24"
        period: "Q1"
        date: "2026-03-16"
        evidence: "Báo cáo số 12/BC-UBND ngày 16/03/2026"
        recorded: "2026-03-19"
    indicators:
      - {indicator: "2", period: "Q1", numerator: 60, denominator: 100, recorded: "2026-03-16"}
      - {indicator: "2", period: "Q2", numerator: 70, denominator: 100, recorded: "2026-06-15"}
      - {indicator: "2", period: "Y", numerator: 300, denominator: 400, recorded: "2026-12-15"}
      - {indicator: "3", period: "Q1", numerator: 50, denominator: 100, recorded: "2026-03-16"}
      - {indicator: "3", period: "H1", numerator: 120, denominator: 200, recorded: "2026-06-20"}
      - {indicator: "6", period: "Q2", numerator: 95, denominator: 100}
      - {indicator: "9", period: "Q1", value: 1, recorded: "2026-03-20"}
      - {indicator: "9", period: "Q2", value: 1, recorded: "2026-06-20"}
    """


@pytest.fixture
def judged(xk: Path) -> Path:
    write(xk / "actuals_2026.yaml", DAY_JUDGED)
    return xk


def _status(cli: Callable[..., Result], folder: Path, day: str) -> dict[str, tuple[object, ...]]:
    r = cli("status", "--data", str(folder), "--as-of", day, "--json")
    assert r.code == 0, r.err
    return {
        i["id"]: (tuple(i["periods"]), i["numerator"], i["denominator"], i["actual"])
        for i in json.loads(r.out)["indicators"]
        if i["id"] in ("2", "3", "6", "9")
    }


NONE = ((), None, None, None)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        # the year's figure recorded on 15/12 is not known on 10/02, nor Q1's (recorded 16/03)
        ("2026-02-10", {"2": NONE, "3": NONE, "6": NONE, "9": NONE}),
        # an old record without `recorded` counts from its period's first day: Q2 from 01/04
        ("2026-03-31", {"2": (("Q1",), 60, 100, 60.0), "3": (("Q1",), 50, 100, 50.0),
                        "6": NONE, "9": (("Q1",), None, None, 1.0)}),
        ("2026-04-01", {"2": (("Q1",), 60, 100, 60.0), "3": (("Q1",), 50, 100, 50.0),
                        "6": (("Q2",), 95, 100, 95.0), "9": (("Q1",), None, None, 1.0)}),
        # Q2 has begun but its figure (recorded 15/06) is not known on 20/04
        ("2026-04-20", {"2": (("Q1",), 60, 100, 60.0), "3": (("Q1",), 50, 100, 50.0),
                        "6": (("Q2",), 95, 100, 95.0), "9": (("Q1",), None, None, 1.0)}),
        # the 6 months' figure replaces Q1 from the day it was recorded (20/06), not before
        ("2026-06-19", {"2": (("Q1", "Q2"), 130, 200, 65.0), "3": (("Q1",), 50, 100, 50.0),
                        "6": (("Q2",), 95, 100, 95.0), "9": (("Q1",), None, None, 1.0)}),
        ("2026-06-20", {"2": (("Q1", "Q2"), 130, 200, 65.0), "3": (("H1",), 120, 200, 60.0),
                        "6": (("Q2",), 95, 100, 95.0), "9": (("Q1", "Q2"), None, None, 2.0)}),
        # the year's figure replaces its quarters once recorded, on 15/12
        ("2026-12-14", {"2": (("Q1", "Q2"), 130, 200, 65.0), "3": (("H1",), 120, 200, 60.0),
                        "6": (("Q2",), 95, 100, 95.0), "9": (("Q1", "Q2"), None, None, 2.0)}),
        ("2026-12-15", {"2": (("Y",), 300, 400, 75.0), "3": (("H1",), 120, 200, 60.0),
                        "6": (("Q2",), 95, 100, 95.0), "9": (("Q1", "Q2"), None, None, 2.0)}),
    ],
)  # fmt: skip
def test_status_shows_what_was_known_on_the_day(
    cli: Callable[..., Result], judged: Path, day: str, expected: dict[str, tuple[object, ...]]
) -> None:
    assert _status(cli, judged, day) == expected


def test_check_has_nothing_to_say_about_these_records(
    cli: Callable[..., Result], judged: Path
) -> None:
    r = cli("check", "--data", str(judged), "--as-of", "2026-12-31", "--json")
    assert (r.code, json.loads(r.out)["problems"]) == (0, [])


def _occurrence(cli: Callable[..., Result], folder: Path, day: str, tid: str, key: str) -> dict:  # type: ignore[type-arg]
    r = cli("tasks", "--data", str(folder), "--as-of", day, "--json")
    assert r.code == 0, r.err
    task = next(t for t in json.loads(r.out)["tasks"] if t["id"] == tid)
    return next(o for o in task["occurrences"] if o["key"] == key)  # type: ignore[no-any-return]


def test_tasks_show_a_report_as_done_from_the_day_it_was_recorded(
    cli: Callable[..., Result], judged: Path
) -> None:
    # the Q1 report was sent on 16/03 but recorded on 19/03: on 18/03 kstthc knew nothing of it
    q1 = _occurrence(cli, judged, "2026-03-18", "24", "Q1")
    assert (q1["due"], q1["state"], q1["days_late"], q1["done_on"]) == (
        "2026-03-17",
        "overdue",
        1,
        None,
    )
    q1 = _occurrence(cli, judged, "2026-03-19", "24", "Q1")
    assert (q1["state"], q1["done_on"], q1["days_late"]) == ("done", "2026-03-16", 0)
    # an old record without `recorded` is known from its date
    assert _occurrence(cli, judged, "2026-03-09", "1", "Q1")["state"] == "upcoming"
    assert _occurrence(cli, judged, "2026-03-10", "1", "Q1")["state"] == "done"


def _pooled(
    cli: Callable[..., Result], folder: Path, day: str, *period: str
) -> dict[str, tuple[object, ...]]:
    r = cli("rollup", str(folder), "--as-of", day, "--json", *period)
    assert r.code == 0, r.err
    return {
        i["code"]: (i["numerator"], i["denominator"], i["actual"], i["state"])
        for i in json.loads(r.out)["indicators"]
        if i["code"] in ("ho-so-truc-tuyen", "doi-thoai")
    }


def test_rollup_pools_what_was_known_on_the_day(cli: Callable[..., Result], judged: Path) -> None:
    assert _pooled(cli, judged, "2026-02-10") == {
        "ho-so-truc-tuyen": (None, None, None, "no-data"),
        "doi-thoai": (None, None, None, "no-data"),
    }
    assert _pooled(cli, judged, "2026-04-20") == {
        "ho-so-truc-tuyen": (60, 100, 60.0, "met"),
        "doi-thoai": (None, None, 1.0, "not-met"),
    }
    assert _pooled(cli, judged, "2026-12-15") == {
        "ho-so-truc-tuyen": (300, 400, 75.0, "met"),
        "doi-thoai": (None, None, 2.0, "met"),
    }
    # a period's own figures: Q2 has begun on 20/04, but nothing of it was recorded yet
    assert _pooled(cli, judged, "2026-04-20", "--period", "q2")["ho-so-truc-tuyen"] == (
        None,
        None,
        None,
        "no-data",
    )
    assert _pooled(cli, judged, "2026-02-10", "--period", "năm")["ho-so-truc-tuyen"] == (
        None,
        None,
        None,
        "no-data",
    )


def test_counts_print_as_counts(cli: Callable[..., Result], judged: Path) -> None:
    r = cli("status", "--data", str(judged), "--as-of", "2026-06-20")
    assert r.code == 0, r.err
    row = next(line for line in r.out.splitlines() if line.lstrip().startswith("9 "))
    assert "2 cuộc" in row and "1 cuộc Q2" in row and "≥ 2 cuộc" in row and "%" not in row


# ---------------------------------------------------------------- item 3: nothing unreported

AFTER = "(hoàn thành sau ngày chốt số liệu)"

YEAR_END = """
    year: 2026
    tasks:
      - task: "21"
        date: "2026-06-15"
        evidence: "Biên bản tự kiểm tra ngày 15/06/2026"
        recorded: "2026-06-15"
      - task: "25"
        date: "2026-12-16"
        evidence: "Báo cáo số 98/BC-UBND ngày 16/12/2026"
        recorded: "2026-12-16"
      - task: "23"
        date: "2026-12-28"
        evidence: "Văn bản đánh giá số 101/UBND ngày 28/12/2026"
        recorded: "2026-12-28"
    """


def _done(folder: Path, pid: str, day: date) -> dict[str, str]:
    from kstthc_cli.compute.report import build_report

    rep = build_report(_state(folder, day), pid=pid)
    texts = [e.text for s in rep.headings for t in s.done for e in t.entries]
    return {t.split()[2]: t for t in texts if t.startswith("Nhiệm vụ ")}


def test_a_completion_after_the_cut_off_reaches_a_report_of_its_year(xk: Path) -> None:
    write(xk / "actuals_2026.yaml", YEAR_END)
    # the year's summary report itself, sent on its due date 16/12, after the 14/12 cut-off
    on_time = _done(xk, "Y", D(2026, 12, 16))
    assert f"đã hoàn thành ngày 16/12/2026 {AFTER}" in on_time["25"]
    assert "23" not in on_time  # the chairman's evaluation of 28/12 was not done yet
    # a year report made on 31/12 shows it, done after the cut-off
    late = _done(xk, "Y", D(2026, 12, 31))
    assert f"đã hoàn thành ngày 28/12/2026 {AFTER}" in late["23"]
    # a one-off "6 tháng đầu năm" done on 15/06, after the 14/06 cut-off: in the 6-month report
    assert f"đã hoàn thành ngày 15/06/2026 {AFTER}" in _done(xk, "H1", D(2026, 6, 16))["21"]


def test_check_warns_where_no_report_would_show_a_completion(
    cli: Callable[..., Result], xk: Path
) -> None:
    write(xk / "actuals_2026.yaml", YEAR_END)
    r = cli("check", "--data", str(xk), "--as-of", "2026-12-31", "--json")
    assert r.code == 0, r.err
    found = [p for p in json.loads(r.out)["problems"] if p["code"] == "unreported-completion"]
    assert [(p["line"], p["severity"], p["message"]) for p in found] == [
        (
            12,
            "warning",
            "Nhiệm vụ 23 hoàn thành ngày 28/12/2026, sau hạn của báo cáo cuối cùng trong năm "
            "(16/12/2026): không báo cáo nào của năm 2026 lập đúng hạn ghi nhận việc này.",
        )
    ]


# ---------------------------------------------------------------- the reports read right for 2026


def test_the_report_goes_to_the_province_signed_by_a_deputy(
    cli: Callable[..., Result], xk: Path, tmp_path: Path
) -> None:
    import docx

    r = cli("report", "q1", "--data", str(xk), "--as-of", "2026-03-17")
    assert r.code == 0, r.err
    md = r.out
    assert "Kính gửi: Văn phòng UBND tỉnh Đắk Lắk" in md
    assert "Thông tư số 05/2025/TT-VPCP" in md  # the regime in force on 17/03/2026
    assert "từ ngày 15/12/2025 đến ngày 14/03/2026" in md
    assert "**TM. ỦY BAN NHÂN DÂN**\\\n**KT. CHỦ TỊCH**\\\n**PHÓ CHỦ TỊCH**\n\n**Lê Thị Mai**" in md
    target = tmp_path / "q1.docx"
    r = cli("report", "q1", "--data", str(xk), "--as-of", "2026-03-17", "-o", str(target))
    assert r.code == 0, r.err
    right = docx.Document(str(target)).tables[1].rows[0].cells[1]
    assert [p.text for p in right.paragraphs if p.text] == [
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Lê Thị Mai",
    ]


# ---------------------------------------------------------------- a dated deadline named by its day


def test_a_dated_deadline_is_named_by_the_day_its_wording_says(
    cli: Callable[..., Result], xk: Path
) -> None:
    """ "Trước ngày 20/3, 20/6, …": the officer names the occurrence as the plan does, 20/3
    (kstthc keys it by the day it is due before moving, 2026-03-19); a record written by hand
    with "20/06" counts too."""
    r = cli(
        "record", "task", "14", "--period", "20/3", "--date", "2026-03-18",
        "--data", str(xk), "--as-of", "2026-03-18", "--no-commit",
    )  # fmt: skip
    assert r.code == 0, r.err
    text = (xk / "actuals_2026.yaml").read_text(encoding="utf-8")
    assert '    period: "2026-03-19"\n' in text
    r = cli(
        "record", "task", "13", "--period", "20/02/2026", "--date", "2026-02-12",
        "--data", str(xk), "--as-of", "2026-03-18", "--no-commit",
    )  # fmt: skip
    assert r.code == 0, r.err
    assert '    period: "T02"\n' in (xk / "actuals_2026.yaml").read_text(encoding="utf-8")
    path = xk / "actuals_2026.yaml"
    by_hand = '  - task: "14"\n    period: "20/06"\n    date: "2026-06-18"\n'
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\n\n# Số liệu", "\n" + by_hand + "\n# Số liệu", 1), "utf-8")
    assert _occurrence(cli, xk, "2026-06-30", "14", "2026-03-19")["state"] == "done"
    assert _occurrence(cli, xk, "2026-06-30", "14", "2026-06-19")["state"] == "done"
    assert _occurrence(cli, xk, "2026-06-30", "13", "T02")["state"] == "done"
    r = cli("check", "--data", str(xk), "--as-of", "2026-06-30", "--json")
    assert [p["code"] for p in json.loads(r.out)["problems"]] == []
    # a day the wording does not say is still no period of the task (exit 2, nothing written)
    before = snapshot(xk)
    r = cli(
        "record", "task", "14", "--period", "21/3", "--date", "2026-03-18",
        "--data", str(xk), "--as-of", "2026-03-18", "--no-commit",
    )  # fmt: skip
    assert r.code == 2
    assert snapshot(xk) == before


# ---------------------------------------------------------------- item 7: the next year


def test_new_year_moves_every_year_of_the_plan_alike(cli: Callable[..., Result], xk: Path) -> None:
    r = cli("new-year", "2027", "--data", str(xk), "--as-of", "2026-12-31", "--dry-run")
    assert r.code == 0, r.err
    assert not (xk / "plan_2027.yaml").exists()
    moved = [line for line in r.out.splitlines() if line.startswith("+") and "2027" in line]
    for wording in (
        'timeframe: "Quý I, II năm 2027"',
        'timeframe: "Quý I - Quý II/2027"',
        'timeframe: "Năm 2027"',
        'timeframe: "Quý II/2027"',
        'timeframe: "Cuối năm 2027"',
        '{date: "2027-04-30", label: "Tuyên truyền đợt 1"}',
        'content: "Tổng kết công tác kiểm soát thủ tục hành chính năm 2027, báo cáo UBND tỉnh."',
        # a span of years moves as a whole, never "năm 2026–2026"
        "# viết theo các kế hoạch thật năm 2026–2027 của các xã sau sáp nhập: chính quyền hai",
    ):
        assert any(wording in line for line in moved), wording
    assert "2026–2026" not in r.out
    # the legal bases keep their years
    assert "Luật Tổ chức chính quyền địa phương ngày 16/6/2025" not in "\n".join(
        line for line in r.out.splitlines() if line.startswith(("+", "-"))
    )
    assert cli("new-year", "2027", "--data", str(xk), "--as-of", "2026-12-31").code == 0
    r = cli("check", "--data", str(xk), "--year", "2027", "--as-of", "2027-01-05", "--json")
    assert r.code == 0, r.err
    assert [p["code"] for p in json.loads(r.out)["problems"]] == ["decision-incomplete"]
    state = _state(xk, D(2027, 1, 5), 2027)
    dues = {
        ts.task.id: {o.occurrence.key: o.occurrence.due for o in ts.occurrences}
        for ts in state.tasks
    }
    # 14/03/2027 is a Sunday: Mon 15/03, Tue 16/03; 14/06/2027 a Monday: 16/06
    assert (dues["24"]["Q1"], dues["24"]["Q2"]) == (D(2027, 3, 16), D(2027, 6, 16))
    assert dues["9"] == {"Q2": D(2027, 6, 30)}
    # 19/06/2027 a Saturday, 19/09 and 19/12/2027 Sundays: the Friday before
    assert (dues["13"]["T06"], dues["13"]["T09"], dues["13"]["T12"]) == (
        D(2027, 6, 18),
        D(2027, 9, 17),
        D(2027, 12, 17),
    )
    assert dues["20"] == {"M1": D(2027, 4, 30), "M2": D(2027, 10, 30)}


# ---------------------------------------------------------------- item 5: rollup by code


@pytest.fixture
def two_communes(tmp_path: Path) -> list[Path]:
    """Hòa Thịnh (this plan: its 2 is online dossiers, its 3 online payment, its 9 dialogues
    in cuộc) and a commune numbering its appendix as the shipped one (its 2 is online payment,
    its 3 online dossiers) that counts dialogues in "buổi"."""
    a, b = tmp_path / "xa-hoa-thinh", tmp_path / "xa-hoa-phu"
    shutil.copytree(FIXTURE, a)
    b.mkdir()
    plan = (FIXTURE / "plan_2026.yaml").read_text(encoding="utf-8")
    (b / "plan_2026.yaml").write_text(plan.replace("Hòa Thịnh", "Hòa Phú"), encoding="utf-8")
    shipped = (REPO / "data" / "indicators_2024.yaml").read_text(encoding="utf-8")
    kept = [line for line in shipped.splitlines() if not line.startswith("    units:")]
    indicators = "\n".join(kept).replace("\nyear: 2024\n", "\nyear: 2026\n") + "\n"
    indicators += (
        '  - id: "12"\n    code: "doi-thoai"\n    name: "Số buổi đối thoại với người dân"\n'
        '    unit: "buổi"\n    target: "Tối thiểu 2"\n    measure: "value"\n'
    )
    (b / "indicators_2026.yaml").write_text(indicators, encoding="utf-8")
    write(
        a / "actuals_2026.yaml",
        """
        indicators:
          - {indicator: "2", period: "Q1", numerator: 60, denominator: 100}
          - {indicator: "3", period: "Q1", numerator: 10, denominator: 20}
          - {indicator: "9", period: "Q1", value: 1}
        """,
    )
    write(
        b / "actuals_2026.yaml",
        """
        indicators:
          - {indicator: "3", period: "Q1", numerator: 40, denominator: 100}
          - {indicator: "2", period: "Q1", numerator: 20, denominator: 80}
          - {indicator: "12", period: "Q1", value: 2}
        """,
    )
    return [a, b]


def test_rollup_pools_the_two_communes_by_code(
    cli: Callable[..., Result], two_communes: list[Path], tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    dirs = [str(d) for d in two_communes]
    r = cli("rollup", *dirs, "--as-of", "2026-04-20", "--json")
    assert r.code == 0, r.err
    data = json.loads(r.out)
    pooled = {
        i["code"]: (i["numerator"], i["denominator"], i["actual"], i["communes"])
        for i in data["indicators"]
    }
    assert pooled["ho-so-truc-tuyen"] == (100, 200, 50.0, 2)  # A's 2 (60/100) + B's 3 (40/100)
    assert pooled["thanh-toan-truc-tuyen"] == (30, 100, 30.0, 2)  # A's 3 (10/20) + B's 2
    assert pooled["doi-thoai"] == (None, None, 1.0, 1)  # B's "buổi" is left out
    message = (
        "Chỉ tiêu 12 (Số buổi đối thoại với người dân) không được gộp với các xã khác: đơn vị "
        "'buổi' khác đơn vị 'cuộc' của mã 'doi-thoai'."
    )
    assert [(p["commune"], p["message"]) for p in data["left_out"]] == [
        ("Ủy ban nhân dân xã Hòa Phú", message)
    ]
    text = " ".join(cli("rollup", *dirs, "--as-of", "2026-04-20").out.split())
    assert message in text
    md = cli("rollup", *dirs, "--as-of", "2026-04-20", "--format", "md").out
    assert "## Chỉ tiêu không gộp được" in md
    assert "Chỉ tiêu 12 (Số buổi đối thoại với người dân) không được gộp" in md
    out = tmp_path / "tong-hop.xlsx"
    assert cli("rollup", *dirs, "--as-of", "2026-04-20", "-o", str(out)).code == 0
    rows = [[c.value for c in row] for row in load_workbook(out)["Lỗi dữ liệu"].iter_rows()]
    assert [row for row in rows if "rollup-left-out" in row and message in row]


# ---------------------------------------------------------------- item 4: the targets of every kind


def test_targets_of_percentages_and_counts(cli: Callable[..., Result]) -> None:
    r = cli("targets", "--data", str(FIXTURE), "--as-of", "2026-01-05", "--json")
    assert r.code == 0, r.err
    got = {
        t["id"]: (
            t["unit"],
            t["central"]["value"],
            t["baseline"],
            t["assigned"]["value"],
            t["rule"],
        )
        for t in json.loads(r.out)["targets"]
        if t["id"] in ("6", "8", "9", "11")
    }
    assert got == {
        "6": ("%", 98, 97.5, 98, "a"),  # last year below the province's 98 %: 98 %
        "8": ("%", 90, 92, 100, "b"),  # 92 % + 10 points, at most 100 %
        "9": ("cuộc", 2, 3, 2, "count-central"),  # a count: no "+10", the central target
        "11": ("TTHC", 300, None, 300, "no-baseline"),
    }


# ---------------------------------------------------------------- item 8: a plan re-issued in July


def test_a_plan_starting_in_july_owes_nothing_before(cli: Callable[..., Result], xk: Path) -> None:
    path = xk / "plan_2026.yaml"
    text = path.read_text(encoding="utf-8")
    started = text.replace('place: "Hòa Thịnh"\n', 'place: "Hòa Thịnh"\nstarts: "2026-07-01"\n')
    path.write_text(started, encoding="utf-8")
    write(
        xk / "actuals_2026.yaml",
        """
        indicators:
          - {indicator: "2", period: "Q2", numerator: 10, denominator: 100}
          - {indicator: "2", period: "Q3", numerator: 80, denominator: 100}
          - {indicator: "9", period: "Q2", value: 1}
          - {indicator: "9", period: "Q3", value: 1}
        """,
    )
    r = cli("check", "--data", str(xk), "--as-of", "2026-10-01")
    assert (r.code, r.out) == (0, "Không có lỗi nào. Dữ liệu hợp lệ.\n")
    state = _state(xk, D(2026, 10, 1))
    dues = {ts.task.id: [o.occurrence.key for o in ts.occurrences] for ts in state.tasks}
    assert dues["1"] == dues["9"] == []  # due 31/03 and 30/06: before the plan
    assert dues["13"] == ["T07", "T08", "T09", "T10", "T11", "T12"]
    assert dues["24"] == ["Q3", "Q4", "Y"]  # Q1, Q2 and the 6 months' reports were due before
    assert dues["22"] == ["Y"]
    ytd = {i.indicator.id: i.status.ytd_periods for i in state.indicators}
    assert ytd["2"] == ytd["9"] == ("Q3",)  # Q2's window closed before the plan started
