"""The plan's timeframe words → schedules; unreadable wording is recognised as such."""

from __future__ import annotations

import pytest

from kstthc_cli.compute.timeframe import Deadline, Schedule, read, read_all

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
            Schedule(deadlines=(Deadline("Trước ngày 15/05", day=15, month=5),)),
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
