"""Cross-record rules of ``validate`` that need a whole workspace (the others are exercised
through ``kstthc check`` in test_check_cli.py)."""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kstthc_cli.load.workspace import load_workspace
from tests.support import SHIPPED, snapshot, write


def test_a_cumulative_figure_that_differs_from_its_quarters_is_flagged(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    write(
        ws / "actuals_2024.yaml",
        """
        indicators:
          - indicator: "3"
            period: "Q1"
            numerator: 40
            denominator: 80
          - indicator: "3"
            period: "Q2"
            numerator: 95
            denominator: 120
          - indicator: "3"
            period: "6 tháng"
            numerator: 100
            denominator: 200
          - indicator: "4"
            period: "Q1"
            numerator: 10
            denominator: 20
          - indicator: "4"
            period: "H1"
            numerator: 10
            denominator: 20
        """,
    )
    before = snapshot(ws)
    r = cli("check", "--data", str(ws), "--json")
    assert r.code == 0  # a warning: the officer decides which figure is right
    found = [p for p in json.loads(r.out)["problems"] if p["code"] == "cumulative-mismatch"]
    assert [(p["line"], p["severity"]) for p in found] == [(10, "warning")]
    assert "6 tháng đầu năm ghi 100/200" in found[0]["message"]
    assert "(Quý I, Quý II) được 135/200" in found[0]["message"]
    assert snapshot(ws) == before


def test_matching_cumulative_figures_are_fine(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    write(
        ws / "actuals_2024.yaml",
        """
        indicators:
          - indicator: "3"
            period: "Q1"
            numerator: 40
            denominator: 80
          - indicator: "3"
            period: "Q2"
            numerator: 95
            denominator: 120
          - indicator: "3"
            period: "H1"
            numerator: 135
            denominator: 200
        """,
    )
    r = cli("check", "--data", str(ws), "--json")
    assert r.code == 0
    assert "cumulative-mismatch" not in {p["code"] for p in json.loads(r.out)["problems"]}


def test_activity_outside_the_year_points_at_the_right_years_file(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    write(
        ws / "actuals_2024.yaml",
        """
        tasks:
          - task: "3"
            date: "2023-12-05"
          - task: "3"
            date: "2024-12-20"
        """,
    )
    r = cli("check", "--data", str(ws), "--json")
    assert r.code == 0
    hints = {
        p["line"]: p["hint"]
        for p in json.loads(r.out)["problems"]
        if p["code"] in ("outside-reporting-windows", "unreported-completion")
    }
    assert "năm trước, ghi vào tệp actuals_2023.yaml" in hints[3]
    assert "năm sau, ghi vào tệp actuals_2025.yaml" in hints[5]


def test_a_percentage_above_100_is_an_error(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    path = ws / "indicators_2024.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("baseline: null", "baseline: 120", 1)
    path.write_text(text, encoding="utf-8")
    before = snapshot(ws)
    r = cli("check", "--data", str(ws), "--json")
    assert r.code == 1
    found = [p for p in json.loads(r.out)["problems"] if p["code"] == "out-of-range"]
    assert len(found) == 1
    assert "Kết quả năm trước của chỉ tiêu 1 là 120 %, quá 100 %." in found[0]["message"]
    assert text.splitlines()[found[0]["line"] - 1].strip() == "baseline: 120"
    assert snapshot(ws) == before


def test_a_record_dated_before_its_period_is_flagged(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    write(
        ws / "actuals_2024.yaml",
        """
        tasks:
          - task: "20"
            period: "Q2"
            date: "2024-03-14"
          - task: "20"
            period: "Q1"
            date: "2024-03-14"
        """,
    )
    r = cli("check", "--data", str(ws), "--json")
    assert r.code == 0
    found = [
        (p["line"], p["code"])
        for p in json.loads(r.out)["problems"]
        if p["code"] == "before-period"
    ]
    assert found == [(4, "before-period")]  # the date line of the Quý II record


def test_overlapping_cumulative_figures_are_flagged(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    write(
        ws / "actuals_2024.yaml",
        """
        indicators:
          - indicator: "3"
            period: "9 tháng"
            numerator: 100
            denominator: 150
          - indicator: "3"
            period: "H2"
            numerator: 60
            denominator: 90
        """,
    )
    r = cli("check", "--data", str(ws), "--json")
    assert r.code == 0
    found = [p for p in json.loads(r.out)["problems"] if p["code"] == "overlapping-figures"]
    assert [p["line"] for p in found] == [6]
    assert "9 tháng và 6 tháng cuối năm, hai kỳ chồng lên nhau" in found[0]["message"]


@pytest.mark.parametrize("key", ["to_confirm", "to\\x5fconfirm", "\\x74o_confirm"])
def test_a_to_confirm_key_is_seen_however_it_is_written(ws: Path, key: str) -> None:
    """``check_to_confirm`` looks at a file only when its text could name the key: as written,
    or with an escape in double quotes (the shipped plan has neither, and is not walked)."""
    path = ws / "indicators_2024.yaml"
    text = path.read_text(encoding="utf-8")
    assert "to_confirm" not in text and "\\" not in text
    path.write_text(
        text.replace('  - id: "1"\n', f'  - id: "1"\n    "{key}": ["name"]\n', 1), encoding="utf-8"
    )
    _, problems = load_workspace(ws, 2024)
    assert [(p.code, p.line) for p in problems if p.code.startswith("to-confirm")] == [
        ("to-confirm", 44)
    ]


_SAMPLE, _ = load_workspace(SHIPPED, 2024, rules=False)
assert _SAMPLE is not None
_TASK_IDS = [t.id for _, t in _SAMPLE.plan.all_tasks()]
_WORDS = [None, "Q1", "Q2", "Q3", "Q4", "6 tháng đầu năm", "6 tháng cuối năm", "năm", "đột xuất"]


@settings(max_examples=150)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(_TASK_IDS),
            st.dates(date(2023, 10, 1), date(2025, 3, 31)),
            st.sampled_from(_WORDS),
            st.sampled_from(["done", "done", "in-progress"]),
        ),
        max_size=10,
    )
)
def test_the_unreported_completions_are_those_no_report_of_the_year_shows(
    rows: list[tuple[str, date, str | None, str]],
) -> None:
    """``check_unreported`` works out statuses only for tasks with a completion outside every
    report's window: what it says is what judging every task's records says."""
    from kstthc_cli.compute import schedule
    from kstthc_cli.compute.evaluate import unreported
    from kstthc_cli.load.models import Actuals, TaskRecord
    from kstthc_cli.load.yamlio import parse_text
    from kstthc_cli.rules import validate

    assert _SAMPLE is not None
    records = [
        TaskRecord(task=t, date=d, period=p, status=s)  # type: ignore[arg-type]
        for t, d, p, s in rows
    ]
    ws = dataclasses.replace(
        _SAMPLE,
        actuals=Actuals(year=2024, tasks=records),
        docs={**_SAMPLE.docs, "actuals": parse_text("tasks: []\n")},
        task_rows=list(range(len(records))),
        indicator_rows=[],
    )
    found = validate.check_unreported(validate.RuleContext(ws, None))
    cal = schedule.calendar_of(ws)
    statuses = schedule.all_task_statuses(ws.plan, records, date(2025, 12, 31), cal)
    year_window = cal.period("Y")
    expected = [
        (ts.task.id, r.date)
        for ts, r in unreported(statuses, cal)
        if not validate._outside_windows(r, ts.task, year_window)
        and validate.record_date_ok(r.date, 2024)
    ]
    assert [(p.fields["task"], p.fields["day"]) for p in found] == expected
