"""The plan's timeframe words → schedules; unreadable wording is recognised as such."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kstthc_cli.compute import periods
from kstthc_cli.compute.schedule import YearCalendar, occurrences
from kstthc_cli.compute.timeframe import (
    Deadline,
    Schedule,
    Unread,
    diagnose,
    is_report,
    nearest,
    read,
    read_all,
)
from kstthc_cli.load.models import Reporting, Task

QUARTERS = ("Q1", "Q2", "Q3", "Q4")


@pytest.mark.parametrize(
    ("wording", "expected"),
    [
        ("Quý I", Schedule(deadlines=(Deadline("Quý I", pid="Q1"),))),
        ("Quý II/2024", Schedule(deadlines=(Deadline("Quý II/2024", pid="Q2", year=2024),))),
        ("Thường xuyên", Schedule(ongoing=True)),
        ("Theo kế hoạch", Schedule(by_plan=True)),
        ("Theo Kế hoạch", Schedule(by_plan=True)),
        ("Hàng quý/năm", Schedule(reports=(*QUARTERS, "Y"))),
        ("Định kỳ 06 tháng và cuối năm", Schedule(reports=("H1", "Y"))),
        ("Định kỳ 3 tháng/lần", Schedule(reports=QUARTERS)),
        (
            "Định kỳ 3 tháng/lần; Đột xuất theo thời điểm yêu cầu.",
            Schedule(reports=QUARTERS, adhoc=True),
        ),
        ("Đột xuất", Schedule(adhoc=True)),
        ("Tháng 6", Schedule(deadlines=(Deadline("Tháng 6", pid="T06"),))),
        (
            "Trước ngày 15/5",
            Schedule(deadlines=(Deadline("Trước ngày 15/05", day=15, month=5, before=True),)),
        ),
        ("6 tháng đầu năm", Schedule(reports=("H1",))),
        ("Cuối năm", Schedule(reports=("Y",))),
        ("9 tháng", Schedule(reports=("M9",))),
        ("Hàng tháng", Schedule(reports=tuple(f"T{m:02d}" for m in range(1, 13)))),
        ("THƯỜNG XUYÊN", Schedule(ongoing=True)),
        ("thuong xuyen", Schedule(ongoing=True)),
        # "quí", the older spelling still common in offices
        ("Quí I", Schedule(deadlines=(Deadline("Quý I", pid="Q1"),))),
        ("Hàng quí", Schedule(reports=QUARTERS)),
    ],
)
def test_wordings(wording: str, expected: Schedule) -> None:
    assert read(wording) == expected


@pytest.mark.parametrize("wording", ["", "Khi nào rảnh", "Quý V", "Tháng 13", "Quý I và sau đó"])
def test_unreadable(wording: str) -> None:
    assert read(wording) is None


def test_every_wording_of_the_shipped_plan_is_readable() -> None:
    from pathlib import Path

    from kstthc_cli.load.workspace import load_workspace

    ws, _ = load_workspace(Path(__file__).parent.parent / "data", 2024)
    assert ws is not None
    assert all(read(t.timeframe) is not None for _, t in ws.plan.all_tasks())


def test_explicit_schedule_list() -> None:
    assert read_all(["Quý I", "Quý III"]) == Schedule(
        deadlines=(Deadline("Quý I", pid="Q1"), Deadline("Quý III", pid="Q3"))
    )
    assert read_all(["quarterly"]) == Schedule(reports=QUARTERS)
    assert read_all(["Quý I", "mai"]) is None


# ------------------------------------------------ the families of issue 13 (real wordings)

MONTHS = tuple(f"T{m:02d}" for m in range(1, 13))
Y26 = Deadline("Năm 2026", pid="Y", year=2026)


@pytest.mark.parametrize(
    ("wording", "expected"),
    [
        # the whole year
        ("Năm 2026", Schedule(deadlines=(Y26,))),
        ("năm 2026", Schedule(deadlines=(Y26,))),
        ("Trong năm 2026", Schedule(deadlines=(Y26,))),
        ("Cả năm 2026", Schedule(deadlines=(Y26,))),
        ("Cả năm", Schedule(reports=("Y",))),
        ("ca nam", Schedule(reports=("Y",))),
        ("Cuối năm 2026", Schedule(deadlines=(Deadline("Cuối năm 2026", pid="Y", year=2026),))),
        ("cuối năm/2026", Schedule(deadlines=(Deadline("Cuối năm 2026", pid="Y", year=2026),))),
        ("Hằng năm", Schedule(reports=("Y",))),
        ("Thường xuyên cả năm", Schedule(ongoing=True)),
        ("Thường xuyên trong năm 2026", Schedule(ongoing=True)),
        # when it happens, on instruction: ad hoc
        ("Khi phát sinh", Schedule(adhoc=True)),
        ("khi co phat sinh", Schedule(adhoc=True)),
        ("Khi có yêu cầu", Schedule(adhoc=True)),
        ("Theo tiến độ của tỉnh", Schedule(adhoc=True)),
        ("Theo chỉ đạo của UBND tỉnh", Schedule(adhoc=True)),
        ("THEO CHỈ ĐẠO CỦA UBND TỈNH QUẢNG NGÃI", Schedule(adhoc=True)),
        ("Đột xuất theo yêu cầu của UBND tỉnh", Schedule(adhoc=True)),
        ("Dot xuat theo yeu cau cua Van phong UBND huyen", Schedule(adhoc=True)),
        ("Theo hướng dẫn của cấp trên", Schedule(adhoc=True)),
        ("Theo kế hoạch của UBND tỉnh", Schedule(by_plan=True)),
        # within a period
        ("Trong Quý I", Schedule(deadlines=(Deadline("Quý I", pid="Q1"),))),
        ("trong quy 1", Schedule(deadlines=(Deadline("Quý I", pid="Q1"),))),
        ("Trong tháng 3", Schedule(deadlines=(Deadline("Tháng 3", pid="T03"),))),
        ("Quý I năm 2026", Schedule(deadlines=(Deadline("Quý I/2026", pid="Q1", year=2026),))),
        # spans: ONE deliverable at the span's end
        (
            "Từ tháng 3 đến tháng 6",
            Schedule(deadlines=(Deadline("Từ tháng 3 đến tháng 6", pid="T06"),)),
        ),
        (
            "tu thang 3 den thang 6",
            Schedule(deadlines=(Deadline("Từ tháng 3 đến tháng 6", pid="T06"),)),
        ),
        ("Tháng 3 - 6", Schedule(deadlines=(Deadline("Từ tháng 3 đến tháng 6", pid="T06"),))),
        (
            "Quý I - Quý II/2026",
            Schedule(deadlines=(Deadline("Quý I – Quý II/2026", pid="Q2", year=2026),)),
        ),
        (
            "quý 1 – quý 2 năm 2026",
            Schedule(deadlines=(Deadline("Quý I – Quý II/2026", pid="Q2", year=2026),)),
        ),
        ("Từ Quý I đến Quý III", Schedule(deadlines=(Deadline("Quý I – Quý III", pid="Q3"),))),
        # lists sharing words
        (
            "Quý I, II năm 2026",
            Schedule(
                deadlines=(
                    Deadline("Quý I/2026", pid="Q1", year=2026),
                    Deadline("Quý II/2026", pid="Q2", year=2026),
                )
            ),
        ),
        (
            "Quí 1 và 3/2026",
            Schedule(
                deadlines=(
                    Deadline("Quý I/2026", pid="Q1", year=2026),
                    Deadline("Quý III/2026", pid="Q3", year=2026),
                )
            ),
        ),
        (
            "Tháng 3, 6",
            Schedule(deadlines=(Deadline("Tháng 3", pid="T03"), Deadline("Tháng 6", pid="T06"))),
        ),
        ("Hằng quý, năm", Schedule(reports=(*QUARTERS, "Y"))),
        ("Hàng quý, năm", Schedule(reports=(*QUARTERS, "Y"))),
        ("hang quy va hang nam", Schedule(reports=(*QUARTERS, "Y"))),
        ("Định kỳ hằng quý, 6 tháng, năm", Schedule(reports=(*QUARTERS, "H1", "Y"))),
        ("Định kỳ hằng quý, 6 tháng", Schedule(reports=(*QUARTERS, "H1", "H2"))),
        ("Định kỳ 6 tháng, năm", Schedule(reports=("H1", "Y"))),
        ("Hàng quý năm 2026", Schedule(reports=QUARTERS)),
        ("Hằng tháng", Schedule(reports=MONTHS)),
        # six and nine months
        ("9 tháng đầu năm", Schedule(reports=("M9",))),
        ("09 tháng đầu năm", Schedule(reports=("M9",))),
        (
            "9 tháng đầu năm 2026",
            Schedule(deadlines=(Deadline("9 tháng đầu năm 2026", pid="M9", year=2026),)),
        ),
        ("6 tháng đầu năm", Schedule(reports=("H1",))),
        (
            "6 tháng đầu năm 2026",
            Schedule(deadlines=(Deadline("6 tháng đầu năm 2026", pid="H1", year=2026),)),
        ),
        # recurring deadlines
        (
            "Trước ngày 20/3, 20/6, 20/9, 20/12",
            Schedule(
                deadlines=tuple(
                    Deadline(f"Trước ngày 20/{m:02d}", day=20, month=m, before=True)
                    for m in (3, 6, 9, 12)
                )
            ),
        ),
    ],
)
def test_issue_13_families(wording: str, expected: Schedule) -> None:
    assert read(wording) == expected


@pytest.mark.parametrize(
    "wording", ["Trước ngày 20 hằng tháng", "trước ngày 20 hàng tháng", "TRUOC NGAY 20 HANG THANG"]
)
def test_before_the_20th_of_every_month(wording: str) -> None:
    sched = read(wording)
    assert sched is not None
    assert [d.pid for d in sched.deadlines] == list(MONTHS)
    assert all((d.day, d.before) == (20, True) for d in sched.deadlines)
    assert sched.deadlines[3] == Deadline(
        "Trước ngày 20/04", pid="T04", day=20, month=4, before=True
    )


@pytest.mark.parametrize(
    "wording",
    [
        "Quý II - Quý I",  # a span that ends before it starts
        "Từ tháng 6 đến tháng 3",
        "Từ tháng 3 đến tháng 13",
        "Quý I, V",
        "Trước ngày 20 hằng tuần",
        "Theo chỉ đạo và sau đó",
        "Năm",
    ],
)
def test_unreadable_new_shapes(wording: str) -> None:
    assert read(wording) is None


# ------------------------------------------------ what check says


def test_an_impossible_date_is_an_error_not_a_silent_27_february() -> None:
    assert read("Trước ngày 31/2") is None
    assert diagnose("Trước ngày 31/2", 2026) == Unread(
        "ngày 31/02 năm 2026 không có thật trên lịch",
        "Tháng 2 năm 2026 có 28 ngày: sửa lại ngày theo văn bản gốc (ví dụ 'Trước ngày 28/02').",
    )
    assert diagnose("Trước ngày 31/4", 2026) == Unread(
        "ngày 31/04 không có thật trên lịch",
        "Tháng 4 có 30 ngày: sửa lại ngày theo văn bản gốc (ví dụ 'Trước ngày 30/04').",
    )
    assert diagnose("Trước ngày 20/3, 31/6", 2026) is not None


def test_29_february_only_in_a_leap_year() -> None:
    assert diagnose("Trước ngày 29/2", 2024) is None
    bad = diagnose("Trước ngày 29/2", 2026)
    assert bad is not None and bad.reason == "ngày 29/02 năm 2026 không có thật trên lịch"
    assert diagnose("Ngày 29/02/2025", 2024) is not None  # the year written wins


def test_readable_wordings_have_nothing_to_say() -> None:
    assert diagnose("Quý I - Quý II/2026", 2026) is None
    assert diagnose("Trước ngày 20 hằng tháng", 2026) is None


@pytest.mark.parametrize(
    ("wording", "close"),
    [
        ("Khi nào rảnh", "Khi phát sinh"),
        ("Hằng tuần", "Hàng tháng"),
        ("Quý II - Quý I", "Quý I - Quý II/2026"),
        ("Trước ngày 20 hằng tuần", "Trước ngày 20 hằng tháng"),
        ("Theo chỉ thị của UBND tỉnh", "Theo chỉ đạo của UBND tỉnh"),
        ("Cả năm học", "Cả năm"),
    ],
)
def test_the_hint_proposes_the_nearest_known_wording(wording: str, close: str) -> None:
    assert nearest(wording) == close
    bad = diagnose(wording, 2026)
    assert bad is not None and bad.reason == ""
    assert bad.hint == (
        f"Cách viết gần nhất kstthc hiểu: '{close}'. Giữ nguyên lời văn và thêm "
        f'schedule: ["{close}"] với cách viết đúng ý (xem README).'
    )


def test_every_example_of_the_hint_is_readable() -> None:
    from kstthc_cli.compute.timeframe import EXAMPLES

    assert all(diagnose(w, 2026) is None for w in EXAMPLES)


# ------------------------------------------------ due dates: reports and other deliverables


REPORT = "Báo cáo UBND tỉnh về kết quả kiểm soát TTHC."
WORK = "Ban hành kế hoạch rà soát TTHC."


def task(timeframe: str, content: str = WORK, report: bool | None = None) -> Task:
    return Task(id="1", content=content, lead=["vp"], timeframe=timeframe, report=report)


def dues(t: Task, year: int = 2026, move_off: bool = True) -> dict[str, date | None]:
    cal = YearCalendar(
        year, Reporting(recipient="UBND tỉnh", preparer="vp", move_off_holidays=move_off)
    )
    sched = read(t.timeframe)
    assert sched is not None
    return {o.key: o.due for o in occurrences(t, sched, cal) if o.kind != "activity"}


def test_a_report_is_due_on_the_reporting_calendar_other_work_at_the_period_end() -> None:
    # the same words, two kinds of deliverable (calendar: 17th after the cut-off on the 14th)
    assert dues(task("Quý I", REPORT)) == {"Q1": date(2026, 3, 17)}
    assert dues(task("Quý I", WORK)) == {"Q1": date(2026, 3, 31)}
    assert dues(task("6 tháng đầu năm", REPORT)) == {"H1": date(2026, 6, 17)}
    assert dues(task("6 tháng đầu năm", WORK)) == {"H1": date(2026, 6, 30)}
    assert dues(task("Cuối năm", REPORT)) == {"Y": date(2026, 12, 17)}
    assert dues(task("Cuối năm 2026", WORK)) == {"Y": date(2026, 12, 31)}
    assert dues(task("Năm 2026", WORK)) == {"Y": date(2026, 12, 31)}
    assert dues(task("Hằng quý, năm", WORK)) == {
        "Q1": date(2026, 3, 31),
        "Q2": date(2026, 6, 30),
        "Q3": date(2026, 9, 30),
        "Q4": date(2026, 12, 31),
        "Y": date(2026, 12, 31),
    }


def test_a_span_owes_one_deliverable_at_its_end() -> None:
    assert dues(task("Quý I - Quý II/2026", WORK)) == {"Q2": date(2026, 6, 30)}
    assert dues(task("Quý I - Quý II/2026", REPORT)) == {"Q2": date(2026, 6, 17)}
    assert dues(task("Từ tháng 3 đến tháng 6", WORK)) == {"T06": date(2026, 6, 30)}


def test_the_report_key_overrides_the_words() -> None:
    assert dues(task("Quý I", REPORT, report=False)) == {"Q1": date(2026, 3, 31)}
    assert dues(task("Quý I", WORK, report=True)) == {"Q1": date(2026, 3, 17)}


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("Báo cáo UBND tỉnh kết quả thực hiện.", True),
        ("Gửi báo cáo về Văn phòng UBND huyện.", True),
        ("Báo cáo cơ quan cấp trên trực tiếp về kết quả tự kiểm tra.", True),
        ("Báo cáo Chủ tịch UBND xã.", False),  # a report inside the commune
        ("Ban hành kế hoạch. Niêm yết tại Cổng Dịch vụ công tỉnh.", False),
        ("Rà soát số liệu của tỉnh.", False),
    ],
)
def test_is_report_from_the_words(content: str, expected: bool) -> None:
    assert is_report(task("Quý I", content)) is expected


def test_the_shipped_plan_reports_and_their_unchanged_due_dates() -> None:
    from pathlib import Path

    from kstthc_cli.load.workspace import load_workspace

    ws, _ = load_workspace(Path(__file__).parent.parent / "data", 2024)
    assert ws is not None
    tasks = {t.id: t for _, t in ws.plan.all_tasks()}
    assert [i for i, t in tasks.items() if is_report(t)] == ["5", "8", "10", "17", "19", "20"]
    cal = YearCalendar(2024, ws.plan.reporting)

    def due(tid: str) -> dict[str, date | None]:
        t = tasks[tid]
        sched = read(t.timeframe)
        assert sched is not None
        return {o.key: o.due for o in occurrences(t, sched, cal) if o.kind != "activity"}

    assert due("1") == {"Q1": date(2024, 3, 31)}  # a decision: at the quarter's end
    assert due("19") == {"H1": date(2024, 6, 17), "Y": date(2024, 12, 17)}  # reports
    assert due("20")["Q1"] == cal.period("Q1").due


def test_before_the_20th_moves_earlier_never_later() -> None:
    got = dues(task("Trước ngày 20 hằng tháng"))
    assert got["T01"] == date(2026, 1, 19)  # a Monday
    assert got["T04"] == date(2026, 4, 17)  # 19/04 is a Sunday: the Friday before
    assert got["T09"] == date(2026, 9, 18)  # 19/09 is a Saturday
    assert dues(task("Trước ngày 20 hằng tháng"), move_off=False)["T04"] == date(2026, 4, 19)
    assert dues(task("Trước ngày 20/3, 20/6, 20/9, 20/12")) == {
        "2026-03-19": date(2026, 3, 19),
        "2026-06-19": date(2026, 6, 19),
        "2026-09-19": date(2026, 9, 18),
        "2026-12-19": date(2026, 12, 18),
    }


@given(year=st.integers(2024, 2030), day=st.integers(2, 28))
def test_before_day_d_is_the_last_working_day_before_it(year: int, day: int) -> None:
    for month, due in enumerate(dues(task(f"Trước ngày {day} hằng tháng"), year).values(), 1):
        assert due is not None
        limit = date(year, month, day)
        assert due < limit
        assert periods.vn_working_day(due)
        between = (due + timedelta(days=k) for k in range(1, (limit - due).days))
        assert not any(periods.vn_working_day(d) for d in between)


def test_before_day_d_counts_the_plans_own_days_off_and_working_days() -> None:
    """ "Trước ngày 20 hằng tháng" moves off the days off the plan announces (a bridge day)
    and stays on a day the plan works, as the reporting calendar does."""
    reporting = Reporting(
        recipient="UBND tỉnh",
        preparer="vp",
        days_off=[date(2026, 1, 19)],  # a Monday the province gives off
        working_days=[date(2026, 4, 19)],  # a Sunday worked in make-up
    )
    t = task("Trước ngày 20 hằng tháng")
    sched = read(t.timeframe)
    assert sched is not None
    got = {o.key: o.due for o in occurrences(t, sched, YearCalendar(2026, reporting))}
    assert got["T01"] == date(2026, 1, 16)  # the Friday before the Monday off
    assert got["T04"] == date(2026, 4, 19)  # worked: no move
