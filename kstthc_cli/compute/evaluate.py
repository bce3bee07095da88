"""One evaluation of a plan year as of a day (đánh giá năm kế hoạch tại một ngày).

``evaluate_year`` computes, once, everything the views judge by: the year's reporting calendar,
each task's occurrences and their states, each indicator's figures (each recorded period's own
figure and the year to date, pooled Σnumerator / Σdenominator) and its verdict against the
target the appendix's rule assigns. ``status``, ``tasks``, ``calendar``, ``report``, ``rollup``,
``targets`` and ``new-year`` read a ``YearState``; none of them derives a schedule or a verdict
on its own. What a view needs per period (a report's own figures) the state gives
(``YearState.indicators_in``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType

from kstthc_cli.compute import periods
from kstthc_cli.compute.indicators import (
    Figure,
    IndicatorState,
    IndicatorStatus,
    counts_on,
    figure_of,
    judge,
    record_period,
)
from kstthc_cli.compute.periods import ReportingPeriod
from kstthc_cli.compute.schedule import TaskStatus, YearCalendar, all_task_statuses
from kstthc_cli.compute.targets import AssignedTarget, assigned_targets
from kstthc_cli.load.models import Indicator, IndicatorRecord
from kstthc_cli.load.workspace import Workspace


@dataclass(frozen=True)
class IndicatorResult:
    """One indicator as of the day: its assigned target, the figure of each recorded period
    begun by then, the year to date and the verdict (``status``)."""

    indicator: Indicator
    target: AssignedTarget
    #: Every record of the indicator in the year, as the actuals file holds them.
    records: tuple[IndicatorRecord, ...]
    #: Each recorded period begun by the day → its own figure (period id → figure).
    figures: Mapping[str, Figure]
    #: The year to date (pooled, without overlap) judged against the assigned target.
    status: IndicatorStatus

    @property
    def state(self) -> IndicatorState:
        return self.status.state


@dataclass(frozen=True)
class PeriodResult:
    """One indicator in one period: the period's own figure (its record, or the records of the
    periods inside it, pooled) judged against the assigned target, and the year to date up to
    the period's last month."""

    indicator: Indicator
    target: AssignedTarget
    #: The records of the periods inside this one, begun by the day.
    records: tuple[IndicatorRecord, ...]
    figure: Figure | None
    state: IndicatorState
    ytd: IndicatorStatus


@dataclass(frozen=True)
class YearState:
    """A plan year as of a day: calendar, tasks, indicators and targets, each computed once."""

    workspace: Workspace
    year: int
    as_of: date
    calendar: YearCalendar
    #: The reporting periods of the year (Q1…Q4, H1, H2, 9 tháng, năm): windows and due dates.
    periods: tuple[ReportingPeriod, ...]
    tasks: tuple[TaskStatus, ...]
    indicators: tuple[IndicatorResult, ...]
    targets: tuple[AssignedTarget, ...]
    #: ``indicators_in``'s answers, one per period asked for.
    _by_period: dict[str, tuple[PeriodResult, ...]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def tasks_of(self, unit: str | None) -> list[TaskStatus]:
        """The tasks the unit leads, supports or monitors (all of them for ``None``)."""
        if unit is None:
            return list(self.tasks)
        return [
            t
            for t in self.tasks
            if unit in t.task.lead or unit in t.task.support or unit in t.task.monitor
        ]

    def indicators_of(self, unit: str | None) -> list[IndicatorResult]:
        """The indicators the unit reports on (all of them for ``None``)."""
        if unit is None:
            return list(self.indicators)
        return [i for i in self.indicators if unit in i.indicator.units]

    def indicators_in(self, pid: str) -> tuple[PeriodResult, ...]:
        """Each indicator in period ``pid``, as of the state's day (computed once per period)."""
        found = self._by_period.get(pid)
        if found is None:
            found = tuple(self._in_period(i, pid) for i in self.indicators)
            self._by_period[pid] = found
        return found

    def _in_period(self, result: IndicatorResult, pid: str) -> PeriodResult:
        ind, cal = result.indicator, self.calendar
        last = periods.SPANS[pid][1]
        assigned = (result.target.assigned, result.target.rule)
        inside = [
            r
            for r in result.records
            if (p := record_period(r.period, self.year)) is not None
            and _within(p, pid)
            and counts_on(r, p, cal, self.as_of)  # known on the day: begun and recorded
        ]
        own = judge(ind, inside, cal, self.as_of, assigned=assigned, through_month=last)
        ytd = judge(ind, result.records, cal, self.as_of, assigned=assigned, through_month=last)
        figure = own.ytd if own.ytd.actual is not None else None
        if own.state == "none":
            figure = Figure(none=True)  # nothing to count: said so, not "no figure yet"
        return PeriodResult(ind, result.target, tuple(inside), figure, own.state, ytd)


def _within(inner: str, outer: str) -> bool:
    a, b = periods.SPANS[inner]
    c, d = periods.SPANS[outer]
    return c <= a and b <= d


def evaluate_year(ws: Workspace, *, as_of: date) -> YearState:
    """The workspace's plan year judged as of ``as_of``: what was recorded after that day had
    not happened yet, and a period not begun by then has no figures (``counts_on``)."""
    cal = YearCalendar(ws.year, ws.plan.reporting)
    tasks = all_task_statuses(ws.plan, list(ws.actuals.tasks), as_of, cal)
    records: dict[str, list[IndicatorRecord]] = {}
    for r in ws.actuals.indicators:
        records.setdefault(r.indicator, []).append(r)
    targets = tuple(assigned_targets(ws.indicators))
    results: list[IndicatorResult] = []
    for ind, target in zip(ws.indicators.indicators, targets, strict=True):
        mine = tuple(records.get(ind.id, ()))
        figures: dict[str, Figure] = {}
        for r in mine:
            pid = record_period(r.period, ws.year)
            if pid is not None and pid not in figures and counts_on(r, pid, cal, as_of):
                figures[pid] = figure_of(r)
        status = judge(ind, mine, cal, as_of, assigned=(target.assigned, target.rule))
        results.append(IndicatorResult(ind, target, mine, MappingProxyType(figures), status))
    return YearState(
        workspace=ws,
        year=ws.year,
        as_of=as_of,
        calendar=cal,
        periods=tuple(cal.report_periods()),
        tasks=tuple(tasks),
        indicators=tuple(results),
        targets=targets,
    )
