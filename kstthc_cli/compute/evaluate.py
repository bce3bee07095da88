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
from typing import TYPE_CHECKING, Literal

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
from kstthc_cli.compute.schedule import (
    Occurrence,
    OccurrenceStatus,
    TaskStatus,
    YearCalendar,
    all_task_statuses,
    calendar_of,
)
from kstthc_cli.compute.targets import AssignedTarget, assigned_targets
from kstthc_cli.load.models import Indicator, IndicatorRecord, TaskRecord
from kstthc_cli.load.workspace import Workspace

if TYPE_CHECKING:
    from kstthc_cli.load.figures_model import Figures


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
class PeriodFigure:
    """One indicator's own figure in one period, judged against the assigned target (a
    ``PeriodResult`` without the year to date)."""

    indicator: Indicator
    target: AssignedTarget
    records: tuple[IndicatorRecord, ...]
    figure: Figure | None
    state: IndicatorState
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

    def reported_in(self, pid: str, ts: TaskStatus) -> list[Reported]:
        """The records of task ``ts`` that the report of period ``pid`` shows, as of the
        state's day (``reach``), oldest first."""
        p = self.calendar.period(pid)
        out = [
            Reported(r, o, adhoc, how == "after-cutoff")
            for r, o, adhoc in task_records(ts)
            if (how := reach(p, r, o.occurrence if o is not None else None)) is not None
        ]
        return sorted(out, key=lambda x: x.record.date)

    def unreported(self) -> list[tuple[TaskStatus, TaskRecord]]:
        """The completions known on the state's day that no report of the year shows when
        made on its report day (``unreported``)."""
        return unreported(self.tasks, self.calendar)

    def own_in(self, pid: str) -> tuple[PeriodFigure, ...]:
        """Each indicator's own figure in period ``pid`` and its verdict, without the year to
        date (``indicators_in`` has both): what a table of periods side by side needs."""
        return tuple(self._own(i, pid) for i in self.indicators)

    def _own(self, result: IndicatorResult, pid: str) -> PeriodFigure:
        ind, cal = result.indicator, self.calendar
        inside = tuple(
            r
            for r in result.records
            if (p := record_period(r.period, self.year)) is not None
            and _within(p, pid)
            and counts_on(r, p, cal, self.as_of)  # known on the day: begun and recorded
        )
        assigned = (result.target.assigned, result.target.rule)
        last = periods.SPANS[pid][1]
        fig_file, derived = self.workspace.figures, result.derived
        own = _judge(ind, inside, cal, self.as_of, assigned, last, fig_file, derived)
        figure = own.ytd if own.ytd.actual is not None else None
        if own.state == "none":
            figure = Figure(none=True)  # nothing to count: said so, not "no figure yet"
        return PeriodFigure(ind, result.target, inside, figure, own.state, own.source == "figures")

    def _in_period(self, result: IndicatorResult, pid: str) -> PeriodResult:
        own = self._own(result, pid)
        assigned = (result.target.assigned, result.target.rule)
        last = periods.SPANS[pid][1]
        ytd = _judge(
            result.indicator,
            result.records,
            self.calendar,
            self.as_of,
            assigned,
            last,
            self.workspace.figures,
            result.derived,
        )
        return PeriodResult(
            own.indicator, own.target, own.records, own.figure, own.state, ytd, own.derived
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
    cal = calendar_of(ws)
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


# ---------------------------------------------------------------- what each report shows


Reach = Literal["window", "after-cutoff"]


@dataclass(frozen=True)
class Reported:
    """A task record a period's report shows: with the occurrence it is for (``None``: ad hoc
    or tied to none), and whether it came after the period's cut-off (``after_cutoff``: shown
    as "hoàn thành sau ngày chốt số liệu")."""

    record: TaskRecord
    occurrence: OccurrenceStatus | None
    adhoc: bool
    after_cutoff: bool


def task_records(ts: TaskStatus) -> list[tuple[TaskRecord, OccurrenceStatus | None, bool]]:
    """Each record of a task once: (record, its occurrence or ``None``, ad hoc?)."""
    found: dict[int, tuple[TaskRecord, OccurrenceStatus | None, bool]] = {}
    for o in ts.occurrences:
        for r in o.records:
            found.setdefault(id(r), (r, o, False))
    for r in ts.adhoc_records:
        found.setdefault(id(r), (r, None, True))
    for r in ts.unkeyed_records:
        found.setdefault(id(r), (r, None, False))
    return list(found.values())


def belongs(occ: Occurrence, p: ReportingPeriod) -> bool:
    """The occurrence is owed within period ``p``: its period lies inside ``p`` (Quý II in 6
    tháng đầu năm), or, a dated deadline or milestone, its due date falls in ``p``'s months."""
    if occ.kind != "milestone" and occ.key in periods.SPANS:
        return _within(occ.key, p.id)
    first, last = periods.SPANS[p.id]
    return occ.due is not None and occ.due.year == p.year and first <= occ.due.month <= last


def reach(p: ReportingPeriod, r: TaskRecord, occ: Occurrence | None) -> Reach | None:
    """Whether the report of period ``p`` shows record ``r`` (of occurrence ``occ``), and how.

    Nothing done goes unreported: a record dated in the data window is the period's; one for
    an occurrence owed within the period is shown by it whenever it was done (after the
    window's end: done after the cut-off, e.g. a one-off "6 tháng đầu năm" done on 18/06); and
    a period closing the year (Quý IV, 6 tháng cuối năm, năm) also shows what was done after
    its cut-off up to 31/12, which no window of the year holds under NĐ 09 (15/12–31/12). The
    report's day bounds it all: only what was known then is judged at all."""
    if p.start <= r.date <= p.end:
        return "window"
    named = periods.period_of_year(r.period, p.year)
    if (occ is not None and belongs(occ, p)) or (named is not None and _within(named, p.id)):
        return "after-cutoff" if r.date > p.end else "window"
    if periods.SPANS[p.id][1] == 12 and p.end < r.date <= date(p.year, 12, 31):
        return "after-cutoff"
    return None


def unreported(
    tasks: Sequence[TaskStatus], cal: YearCalendar
) -> list[tuple[TaskStatus, TaskRecord]]:
    """The completions (records ``done``) that no report of the year shows when each report
    is made on its report day (its due date): done before the year's first window without
    naming a period of the year, or after the last report of the year was due."""
    out: list[tuple[TaskStatus, TaskRecord]] = []
    reports = cal.report_periods()
    for ts in tasks:
        for r, o, _ in task_records(ts):
            if r.status != "done" or (cal.starts is not None and r.date < cal.starts):
                continue  # (done before a mid-year plan started: the plan before's)
            occ = o.occurrence if o is not None else None
            if not any(r.date <= p.due and reach(p, r, occ) is not None for p in reports):
                out.append((ts, r))
    return sorted(out, key=lambda x: x[1].date)
