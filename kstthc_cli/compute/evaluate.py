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

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType

from kstthc_cli.compute import figures as figs
from kstthc_cli.compute import periods
from kstthc_cli.compute.indicators import (
    Figure,
    IndicatorState,
    IndicatorStatus,
    counts_on,
    figure_of,
    judge,
    meets,
    record_period,
)
from kstthc_cli.compute.periods import ReportingPeriod
from kstthc_cli.compute.schedule import TaskStatus, YearCalendar, all_task_statuses
from kstthc_cli.compute.targets import AssignedTarget, assigned_targets
from kstthc_cli.load.figures_model import Figures
from kstthc_cli.load.models import Indicator, IndicatorRecord
from kstthc_cli.load.workspace import Workspace


@dataclass(frozen=True)
class IndicatorResult:
    """One indicator as of the day: its assigned target, the figure of each recorded period
    begun by then, the year to date and the verdict (``status``)."""

    indicator: Indicator
    target: AssignedTarget
    #: Every record of the indicator in the year, as the actuals file holds them; for an
    #: indicator with a ``formula``, each period of the figures file instead gives one record
    #: (its numerator and denominator derived from the counts, see ``derived``).
    records: tuple[IndicatorRecord, ...]
    #: Each recorded period begun by the day → its own figure (period id → figure).
    figures: Mapping[str, Figure]
    #: The year to date (pooled, without overlap) judged against the assigned target.
    status: IndicatorStatus
    #: The periods whose figure is derived from ``figures_N.yaml`` (never typed twice).
    derived: frozenset[str] = frozenset()

    @property
    def source(self) -> str:
        """``figures``, ``records`` or ``mixed``: where the year to date comes from."""
        return self.status.source

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
    #: The period's own figure is derived from the figures file's pooled counts.
    derived: bool = False


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
        fig_file, derived = self.workspace.figures, result.derived
        own = _judge(ind, inside, cal, self.as_of, assigned, last, fig_file, derived)
        ytd = _judge(ind, result.records, cal, self.as_of, assigned, last, fig_file, derived)
        figure = own.ytd if own.ytd.actual is not None else None
        if own.state == "none":
            figure = Figure(none=True)  # nothing to count: said so, not "no figure yet"
        return PeriodResult(
            ind, result.target, tuple(inside), figure, own.state, ytd, own.source == "figures"
        )


def _within(inner: str, outer: str) -> bool:
    a, b = periods.SPANS[inner]
    c, d = periods.SPANS[outer]
    return c <= a and b <= d


def _derived_records(
    ws: Workspace, ind: Indicator, typed: tuple[IndicatorRecord, ...]
) -> tuple[tuple[IndicatorRecord, ...], frozenset[str]]:
    """An indicator with a ``formula`` takes each period's figure from the figures file's
    counts; a typed record stands only for a period the file does not give (``check``
    refuses a typed one where the figures exist)."""
    if ind.formula is None or ws.figures is None:
        return typed, frozenset()
    derived: dict[str, IndicatorRecord] = {}
    for pid in figs.by_period(ws.figures):
        nd = figs.derived_figure(ws.figures, ind, [pid])
        if nd is not None:
            derived[pid] = IndicatorRecord(
                indicator=ind.id, period=pid, numerator=nd[0], denominator=nd[1]
            )
    kept = tuple(r for r in typed if record_period(r.period, ws.year) not in derived)
    return kept + tuple(derived.values()), frozenset(derived)


def _judge(
    ind: Indicator,
    records: Sequence[IndicatorRecord],
    cal: YearCalendar,
    as_of: date,
    assigned: tuple[float, str],
    through_month: int,
    figures: Figures | None,
    derived: frozenset[str],
) -> IndicatorStatus:
    """``judge``, with a year to date made only of derived periods taken from the pooled counts
    (flows summed, the carried-over stock of the first period, the stocks of the last), not
    from the periods' ratios added up."""
    s = judge(ind, records, cal, as_of, assigned=assigned, through_month=through_month)
    if not derived:
        return s
    s = dataclasses.replace(s, derived_periods=tuple(p for p in s.ytd_periods if p in derived))
    if s.source != "figures" or len(s.ytd_periods) < 2:
        return s
    nd = figs.derived_figure(figures, ind, s.ytd_periods)
    if nd is None:
        return s
    ytd = Figure(nd[0], nd[1])
    state: IndicatorState = "no-data"
    if ytd.actual is not None:
        state = "met" if meets(ytd.actual, ind.target.op, s.target) else "not-met"
    return dataclasses.replace(s, ytd=ytd, state=state)


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
        mine, derived = _derived_records(ws, ind, tuple(records.get(ind.id, ())))
        figures: dict[str, Figure] = {}
        for r in mine:
            pid = record_period(r.period, ws.year)
            if pid is not None and pid not in figures and counts_on(r, pid, cal, as_of):
                figures[pid] = figure_of(r)
        assigned = (target.assigned, target.rule)
        status = _judge(ind, mine, cal, as_of, assigned, 12, ws.figures, derived)
        results.append(
            IndicatorResult(ind, target, mine, MappingProxyType(figures), status, derived)
        )
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
