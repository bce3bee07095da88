"""A plan year driven through the library API alone (``kstthc_cli``), no command line."""

from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

import kstthc_cli
from kstthc_cli import PeriodId, ReportFormat
from kstthc_cli.errors import DataError

if TYPE_CHECKING:
    from kstthc_cli.compute.evaluate import IndicatorResult, YearState

# Records written as the officer's year goes (the record API is another module's): task 1's
# deadline (Quý I, 31/03) met late on 10/04; task 10's Q1 report on time, its Q2 report three
# days late; indicator 1 at 30/40 in Q1 and 58/60 in Q2; indicator 2 at 55/100 in Q1.
ACTUALS = """\
    year: 2024
    tasks:
      - task: "10"
        period: "q1"
        date: 2024-03-15
        evidence: "Báo cáo số 12/BC-UBND"
      - task: "1"
        date: 2024-04-10
        evidence: "Kế hoạch số 5/KH-UBND"
      - task: "10"
        period: "q2"
        date: 2024-06-20
        evidence: "Báo cáo số 40/BC-UBND"
    indicators:
      - indicator: "1"
        period: "q1"
        numerator: 30
        denominator: 40
      - indicator: "2"
        period: "q1"
        numerator: 55
        denominator: 100
      - indicator: "1"
        period: "q2"
        numerator: 58
        denominator: 60
    """


@pytest.fixture
def year_2024(ws: Path) -> Path:
    """The shipped workspace with a year of records, and last year's result of indicator 2
    (50 %, above the central 45 %: rule b assigns 50 + 10 points)."""
    (ws / "actuals_2024.yaml").write_text(textwrap.dedent(ACTUALS), encoding="utf-8")
    path = ws / "indicators_2024.yaml"
    text = path.read_text(encoding="utf-8")
    at = text.index('  - id: "2"')
    at = text.index("baseline: null", at)
    path.write_text(text[:at] + "baseline: 50" + text[at + len("baseline: null") :], "utf-8")
    return ws


def _task(state: YearState, task_id: str) -> dict[str, tuple[str, int]]:
    found = [t for t in state.tasks if t.task.id == task_id]
    assert len(found) == 1
    return {o.occurrence.key: (o.state, o.days_late) for o in found[0].occurrences}


def _indicator(state: YearState, ind_id: str) -> IndicatorResult:
    return next(i for i in state.indicators if i.indicator.id == ind_id)


def test_the_api_is_what_the_package_exposes() -> None:
    assert set(kstthc_cli.__all__) == set(kstthc_cli.api.__all__)
    assert all(callable(getattr(kstthc_cli, name)) for name in kstthc_cli.__all__)
    with pytest.raises(AttributeError):
        _ = kstthc_cli.no_such_name  # type: ignore[attr-defined]


def test_a_year_evaluated_at_several_days(year_2024: Path) -> None:
    ws = kstthc_cli.open_workspace(data=year_2024, as_of=date(2024, 3, 10))
    assert ws.year == 2024

    march = kstthc_cli.evaluate(workspace=ws, as_of=date(2024, 3, 10))
    assert _task(march, "1") == {"Q1": ("upcoming", 0)}
    assert _task(march, "10")["Q1"] == ("upcoming", 0)  # due 18/03: 8 days left, not yet 7
    assert _task(march, "10")["Q2"] == ("upcoming", 0)
    soon = kstthc_cli.evaluate(workspace=ws, as_of=date(2024, 3, 12))
    assert _task(soon, "10")["Q1"] == ("due-soon", 0)
    # Q1 (15/12/2023–14/03/2024 under NĐ 09) has begun, Q2 has not: only Q1's figure counts
    one = _indicator(march, "1")
    assert {p: (f.numerator, f.denominator) for p, f in one.figures.items()} == {"Q1": (30, 40)}
    assert (one.status.ytd.percent, one.state) == (75.0, "not-met")
    assert [p.id for p in march.periods] == ["Q1", "Q2", "Q3", "Q4", "H1", "H2", "M9", "Y"]
    assert march.periods[1].due == date(2024, 6, 17)


def test_states_follow_the_day(year_2024: Path) -> None:
    ws = kstthc_cli.open_workspace(data=year_2024)
    april = kstthc_cli.evaluate(workspace=ws, as_of=date(2024, 4, 5))
    assert _task(april, "1") == {"Q1": ("overdue", 5)}  # done on 10/04: not yet on 05/04
    assert _task(april, "10")["Q1"] == ("done", 0)
    assert _task(april, "10")["Q2"] == ("upcoming", 0)

    later = kstthc_cli.evaluate(workspace=ws, as_of=date(2024, 4, 20))
    assert _task(later, "1") == {"Q1": ("done", 10)}  # done, ten days after 31/03

    july = kstthc_cli.evaluate(workspace=ws, as_of=date(2024, 7, 1))
    assert _task(july, "10")["Q2"] == ("done", 3)  # due 17/06, done 20/06
    assert _task(july, "10")["Q3"] == ("upcoming", 0)


def test_figures_are_pooled_and_judged_against_the_assigned_target(year_2024: Path) -> None:
    ws = kstthc_cli.open_workspace(data=year_2024)
    state = kstthc_cli.evaluate(workspace=ws, as_of=date(2024, 7, 1))
    one = _indicator(state, "1")
    assert {p: (f.numerator, f.denominator) for p, f in one.figures.items()} == {
        "Q1": (30, 40),
        "Q2": (58, 60),
    }
    # Σ numerators / Σ denominators: 88/100, not the mean of 75 % and 96,67 %
    assert (one.status.ytd.numerator, one.status.ytd.denominator) == (88, 100)
    assert one.status.ytd.percent == 88.0
    assert (one.target.assigned, one.target.rule, one.state) == (80, "no-baseline", "met")

    two = _indicator(state, "2")
    assert (two.target.central, two.target.baseline) == (45, 50)
    assert (two.target.assigned, two.target.rule) == (60, "b")
    assert two.status.ytd.percent == 55.0
    assert two.state == "not-met"  # above the central 45 %, below the assigned 60 %
    assert [(t.indicator.id, t.assigned) for t in kstthc_cli.assigned_targets(workspace=ws)][
        :2
    ] == [("1", 80), ("2", 60)]

    # The period's own figures, from the same evaluation
    q2 = {p.indicator.id: p for p in state.indicators_in(PeriodId.Q2)}
    assert q2["1"].figure is not None
    assert (q2["1"].figure.numerator, q2["1"].figure.denominator) == (58, 60)
    assert q2["1"].state == "met"
    assert q2["2"].figure is None and q2["2"].state == "no-data"
    assert (q2["2"].ytd.ytd.numerator, q2["2"].ytd.state) == (55, "not-met")


def test_the_q2_report_built_and_rendered(year_2024: Path) -> None:
    ws = kstthc_cli.open_workspace(data=year_2024)
    report = kstthc_cli.build_report(
        workspace=ws, period=PeriodId.Q2, as_of=date(2024, 7, 1), number="07"
    )
    assert (report.period_id, report.period_title) == ("Q2", "Quý II năm 2024")
    assert report.file_stem == "bao-cao-Q2-2024"
    row = {r.id: r for r in report.indicators}["1"]
    assert (row.period, row.period_detail) == ("96,67 %", "58/60")
    assert (row.ytd, row.ytd_detail, row.state) == ("88,00 %", "88/100", "met")
    assert {r.id: r for r in report.indicators}["2"].state == "not-met"
    done = [e.text for h in report.headings for t in h.done for e in t.entries]
    assert any("Quý II: đã hoàn thành ngày 20/06/2024 (trễ 3 ngày" in text for text in done)

    text = kstthc_cli.render_report(report=report, format=ReportFormat.MARKDOWN).decode("utf-8")
    assert "Số: 07/" in text
    assert " | ≥ 80 % | 96,67 % (58/60) | 88,00 % (88/100) | đạt |" in text
    assert " | ≥ 60 % | — | 55,00 % (55/100) | chưa đạt |" in text  # the assigned target
    word = kstthc_cli.render_report(report=report, format=ReportFormat.DOCX)
    assert word[:2] == b"PK"  # a Word file is a zip archive


def test_a_report_is_judged_on_its_day_never_after_its_report_day(year_2024: Path) -> None:
    ws = kstthc_cli.open_workspace(data=year_2024)
    q1 = PeriodId.Q1
    # made months later: judged and dated on the Q1 report's due day (17/03 a Sunday: 18/03)
    late = kstthc_cli.report_days(workspace=ws, period=q1, today=date(2024, 9, 20))
    assert late == (date(2024, 3, 18), date(2024, 3, 18))
    early = kstthc_cli.report_days(workspace=ws, period=q1, today=date(2024, 3, 10))
    assert early == (date(2024, 3, 10), date(2024, 3, 10))
    dated = kstthc_cli.report_days(workspace=ws, period=q1, dated=date(2024, 3, 25))
    assert dated == (date(2024, 3, 25), date(2024, 3, 25))
    given = kstthc_cli.report_days(
        workspace=ws, period=q1, as_of=date(2024, 4, 2), dated=date(2024, 4, 5)
    )
    assert given == (date(2024, 4, 2), date(2024, 4, 5))
    # a year long over: judged by its last day at the latest (the year report's day, or 31/12)
    day, _ = kstthc_cli.report_days(workspace=ws, period=PeriodId.YEAR, today=date(2026, 1, 5))
    assert date(2024, 12, 1) <= day <= date(2024, 12, 31)


def test_a_workspace_with_errors_is_refused(year_2024: Path) -> None:
    (year_2024 / "actuals_2024.yaml").write_text(
        'year: 2024\nindicators:\n  - indicator: "99"\n    period: "q1"\n', encoding="utf-8"
    )
    with pytest.raises(DataError) as caught:
        kstthc_cli.open_workspace(data=year_2024)
    assert any(p.is_error for p in caught.value.problems)


def test_start_year_dry_run_uses_last_years_results(year_2024: Path) -> None:
    result = kstthc_cli.start_year(data=year_2024, year=2025, dry_run=True)
    assert result.written is False
    base = {b.indicator_id: (b.value, b.numerator, b.denominator) for b in result.baselines}
    assert base["1"] == (88.0, 88, 100)
    assert base["2"] == (55.0, 55, 100)
    assert not (year_2024 / "plan_2025.yaml").exists()


def test_rollup_of_two_communes(year_2024: Path, tmp_path: Path) -> None:
    import shutil

    other = tmp_path / "xa-2"
    shutil.copytree(year_2024, other)
    result = kstthc_cli.rollup(sources=[year_2024, other], as_of=date(2024, 7, 1))
    assert (result.year, result.as_of) == (2024, date(2024, 7, 1))
    pooled = {p.id: p for p in result.indicators}["1"]
    assert (pooled.numerator, pooled.denominator, pooled.state) == (176, 200, "met")
    only_q2 = kstthc_cli.rollup(
        sources=[year_2024, other], period=PeriodId.Q2, as_of=date(2024, 7, 1)
    )
    pooled = {p.id: p for p in only_q2.indicators}["1"]
    assert (only_q2.period, pooled.numerator, pooled.denominator) == ("Q2", 116, 120)
    # a period not begun by the day judged has no figures yet, as in the report of that period
    in_march = kstthc_cli.rollup(
        sources=[year_2024, other], period=PeriodId.Q2, as_of=date(2024, 3, 1)
    )
    assert {p.id: p for p in in_march.indicators}["1"].state == "no-data"
    in_march_q1 = kstthc_cli.rollup(
        sources=[year_2024, other], period=PeriodId.Q1, as_of=date(2024, 3, 1)
    )
    pooled = {p.id: p for p in in_march_q1.indicators}["1"]
    assert (pooled.numerator, pooled.denominator, pooled.state) == (60, 80, "not-met")
