"""Nothing done goes unreported (issue 13, item 3): every completion of plan year N reaches a
report of year N; after the window's end (chốt số liệu) and up to the report's day it is shown
as done after the cut-off; ``check`` warns about a completion no report would show."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

from kstthc_cli.compute.evaluate import evaluate_year
from kstthc_cli.compute.report import build_report
from kstthc_cli.load.workspace import open_workspace
from tests.support import write

AFTER = "(hoàn thành sau ngày chốt số liệu)"


def set_timeframe(ws: Path, task_id: str, wording: str) -> None:
    """The timeframe of task ``task_id`` of the 2024 plan rewritten to ``wording``."""
    path = ws / "plan_2024.yaml"
    text = path.read_text(encoding="utf-8")
    pattern = rf'(- id: "{task_id}"\n(?:(?!      - id:).*\n)*?        timeframe: )"[^"]*"'
    new, n = re.subn(pattern, rf'\1"{wording}"', text, count=1)
    assert n == 1
    path.write_text(new, encoding="utf-8")


def year_end(ws: Path) -> None:
    set_timeframe(ws, "1", "Cuối năm")  # a one-off year's deliverable, due 31/12
    set_timeframe(ws, "2", "6 tháng đầu năm")  # a one-off half-year deliverable, due 30/06
    write(
        ws / "actuals_2024.yaml",
        """
        year: 2024
        tasks:
          - task: "1"
            date: "2024-12-16"
            evidence: "Báo cáo tổng kết năm 2024"
          - task: "2"
            date: "2024-06-18"
            evidence: "Kế hoạch số 40/KH-UBND"
          - task: "3"
            date: "2024-12-20"
            evidence: "Chủ tịch UBND xã đánh giá cuối năm"
        """,
    )


def done_texts(ws: Path, pid: str, as_of: date) -> list[str]:
    rep = build_report(evaluate_year(open_workspace(ws, 2024), as_of=as_of), pid=pid)
    return [e.text for s in rep.headings for t in s.done for e in t.entries]


def test_done_after_the_year_cut_off_is_in_the_year_report(ws: Path) -> None:
    year_end(ws)
    texts = done_texts(ws, "Y", date(2024, 12, 17))
    ours = [t for t in texts if t.startswith("Nhiệm vụ 1 ")]
    assert ours == [
        "Nhiệm vụ 1 (Xây dựng, ban hành các văn bản về kiểm soát TTHC năm 2024) - Năm: "
        f"đã hoàn thành ngày 16/12/2024 {AFTER}; kết quả: Báo cáo tổng kết năm 2024."
    ]
    # the ongoing task's year-end activity of 20/12 is not known yet on 17/12 …
    assert not [t for t in texts if t.startswith("Nhiệm vụ 3 ")]
    # … and a year report made on 31/12 shows it, after the cut-off too
    late = done_texts(ws, "Y", date(2024, 12, 31))
    assert [t for t in late if t.startswith("Nhiệm vụ 3 ")] == [
        "Nhiệm vụ 3 (Thực hiện công khai TTHC sau khi được công bố): đã thực hiện ngày "
        f"20/12/2024 {AFTER}; kết quả: Chủ tịch UBND xã đánh giá cuối năm."
    ]
    # so does the report of the last quarter, whose window also closes on 14/12
    assert any(t.startswith("Nhiệm vụ 1 ") for t in done_texts(ws, "Q4", date(2024, 12, 17)))


def test_a_half_year_deliverable_done_after_its_cut_off_is_in_the_half_year_report(
    ws: Path,
) -> None:
    year_end(ws)
    texts = [t for t in done_texts(ws, "H1", date(2024, 6, 20)) if t.startswith("Nhiệm vụ 2 ")]
    assert len(texts) == 1 and f"đã hoàn thành ngày 18/06/2024 {AFTER}" in texts[0]
    # not the second quarter's: the deliverable is the half-year's, done after Q2's window
    assert not [t for t in done_texts(ws, "Q2", date(2024, 6, 20)) if t.startswith("Nhiệm vụ 2 ")]
    # dated in the third quarter's window, it is one of its results too, without the mark
    q3 = [t for t in done_texts(ws, "Q3", date(2024, 9, 20)) if t.startswith("Nhiệm vụ 2 ")]
    assert len(q3) == 1 and AFTER not in q3[0]


def test_every_view_agrees_on_what_a_report_shows(ws: Path) -> None:
    year_end(ws)
    state = evaluate_year(open_workspace(ws, 2024), as_of=date(2024, 12, 31))
    shown = {
        ts.task.id: [(x.record.date, x.after_cutoff) for x in state.reported_in("Y", ts)]
        for ts in state.tasks
    }
    assert shown["1"] == [(date(2024, 12, 16), True)]
    assert shown["2"] == [(date(2024, 6, 18), False)]  # inside the year's window
    assert shown["3"] == [(date(2024, 12, 20), True)]
    assert [(ts.task.id, r.date) for ts, r in state.unreported()] == [("3", date(2024, 12, 20))]


def test_check_warns_about_a_completion_no_report_made_on_its_day_shows(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    year_end(ws)
    r = cli("check", "--data", str(ws), "--json")
    assert r.code == 0
    found = [p for p in json.loads(r.out)["problems"] if p["code"] == "unreported-completion"]
    assert [(p["line"], p["severity"]) for p in found] == [(10, "warning")]
    assert found[0]["message"] == (
        "Nhiệm vụ 3 hoàn thành ngày 20/12/2024, sau hạn của báo cáo cuối cùng trong năm "
        "(17/12/2024): không báo cáo nào của năm 2024 lập đúng hạn ghi nhận việc này."
    )
    assert found[0]["hint"] == (
        "Báo cáo năm xét tại ngày 20/12/2024 (hoặc ngày muộn hơn) ghi việc này là hoàn thành "
        "sau ngày chốt số liệu; nếu là việc của năm sau, ghi vào tệp actuals_2025.yaml."
    )


def test_check_warns_about_a_completion_before_the_years_first_window(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    write(
        ws / "actuals_2024.yaml",
        """
        tasks:
          - task: "20"
            period: "đột xuất"
            date: "2023-12-05"
          - task: "1"
            date: "2023-12-05"
        """,
    )
    r = cli("check", "--data", str(ws), "--json")
    found = [
        (p["line"], p["message"])
        for p in json.loads(r.out)["problems"]
        if p["code"] == "unreported-completion"
    ]
    # the Quý I decision done early is Q1's; the ad hoc report of 05/12/2023 is no one's
    assert found == [
        (
            4,
            "Nhiệm vụ 20 hoàn thành ngày 05/12/2023, trước kỳ báo cáo đầu tiên của năm (từ "
            "15/12/2023): không báo cáo nào của năm 2024 lập đúng hạn ghi nhận việc này.",
        )
    ]
