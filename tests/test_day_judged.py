"""The day judged (issue 13, item 2): at a day D only what was known on D counts: a figure of a
period not begun by D, or recorded after D, does not; a year or half-year figure replaces its
quarters only once it counts. Records made by ``kstthc record`` keep the day they were made."""

from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path

import kstthc_cli
from kstthc_cli.compute.evaluate import IndicatorResult, YearState

ACTUALS = """\
    year: 2024
    tasks:
      - task: "1"
        date: 2024-03-20
        recorded: 2024-04-25
    indicators:
      - indicator: "1"
        period: "q1"
        numerator: 30
        denominator: 40
        recorded: 2024-03-16
      - indicator: "1"
        period: "q2"
        numerator: 58
        denominator: 60
        recorded: 2024-06-15
      - indicator: "1"
        period: "năm"
        numerator: 200
        denominator: 210
        recorded: 2024-12-15
      - indicator: "2"
        period: "năm"
        numerator: 90
        denominator: 100
    """


def _state(ws: Path, day: date) -> YearState:
    (ws / "actuals_2024.yaml").write_text(textwrap.dedent(ACTUALS), encoding="utf-8")
    workspace = kstthc_cli.open_workspace(data=ws)
    return kstthc_cli.evaluate(workspace=workspace, as_of=day)


def _ind(state: YearState, iid: str) -> IndicatorResult:
    return next(i for i in state.indicators if i.indicator.id == iid)


def _counts(r: IndicatorResult) -> tuple[int | None, int | None]:
    return r.status.ytd.numerator, r.status.ytd.denominator


def test_a_year_figure_recorded_in_december_does_not_count_in_february(ws: Path) -> None:
    state = _state(ws, date(2024, 2, 10))
    one = _ind(state, "1")
    assert set(one.figures) == set()  # Q1's figure was recorded on 16/03
    assert one.state == "no-data"
    # an old record without `recorded` counts from its period's first day (01/01), never from
    # the cut-off window's start in the year before
    assert _counts(_ind(state, "2")) == (90, 100)
    assert _counts(_ind(_state(ws, date(2023, 12, 20)), "2")) == (None, None)


def test_a_quarter_recorded_later_does_not_count_before(ws: Path) -> None:
    april = _ind(_state(ws, date(2024, 4, 20)), "1")
    assert set(april.figures) == {"Q1"}  # Q2 has begun, but its figure came on 15/06
    assert _counts(april) == (30, 40)
    june = _ind(_state(ws, date(2024, 6, 20)), "1")
    assert _counts(june) == (88, 100)


def test_the_year_figure_replaces_its_quarters_only_once_it_counts(ws: Path) -> None:
    assert _counts(_ind(_state(ws, date(2024, 12, 14)), "1")) == (88, 100)
    december = _ind(_state(ws, date(2024, 12, 15)), "1")
    assert _counts(december) == (200, 210)
    assert december.status.ytd_periods == ("Y",)


def test_a_task_done_before_but_recorded_after_the_day_is_not_done_yet(ws: Path) -> None:
    def q1(state: YearState) -> str:
        task = next(t for t in state.tasks if t.task.id == "1")
        return task.occurrences[0].state

    assert q1(_state(ws, date(2024, 4, 20))) == "overdue"
    assert q1(_state(ws, date(2024, 4, 25))) == "done"


def test_a_record_keeps_the_day_it_was_made(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("record", "indicator", "1", "--period", "q1", "--num", "3", "--den", "4",
            "--data", str(ws), "--as-of", "2024-03-20")  # fmt: skip
    assert r.code == 0, r.err
    r = cli("record", "task", "1", "--date", "2024-03-18", "--data", str(ws),
            "--as-of", "2024-03-20")  # fmt: skip
    assert r.code == 0, r.err
    text = (ws / "actuals_2024.yaml").read_text(encoding="utf-8")
    assert '    date: "2024-03-18"\n    recorded: "2024-03-20"\n' in text
    assert '    denominator: 4\n    recorded: "2024-03-20"\n' in text
    workspace = kstthc_cli.open_workspace(data=ws)
    before = kstthc_cli.evaluate(workspace=workspace, as_of=date(2024, 3, 19))
    assert set(_ind(before, "1").figures) == set()
    after = kstthc_cli.evaluate(workspace=workspace, as_of=date(2024, 3, 20))
    assert set(_ind(after, "1").figures) == {"Q1"}
