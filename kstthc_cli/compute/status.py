"""The dashboard (bảng theo dõi): tasks by urgency and indicators against target, as of a day."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from kstthc_cli.compute import periods
from kstthc_cli.compute.indicators import Figure, IndicatorStatus
from kstthc_cli.compute.periods import ReportingPeriod
from kstthc_cli.compute.schedule import ADHOC, URGENCY, OccurrenceStatus, TaskStatus
from kstthc_cli.compute.targets import target_json
from kstthc_cli.load.models import Indicator

if TYPE_CHECKING:
    from kstthc_cli.compute.evaluate import YearState


@dataclass
class Dashboard:
    year: int
    as_of: date
    year_over_note: bool
    tasks: list[TaskStatus]
    indicators: list[IndicatorStatus]
    unit: str | None = None
    #: the quarter under way on ``as_of`` (its data window holds the day), if any
    current: ReportingPeriod | None = None

    def count(self, state: str) -> int:
        return sum(1 for t in self.tasks if t.state == state)

    def roles(self, t: TaskStatus) -> list[str]:
        if self.unit is None:
            return []
        return [r for r in ("lead", "support", "monitor") if self.unit in getattr(t.task, r)]


def effective_as_of(year: int, as_of: date | None, today: date) -> tuple[date, bool]:
    """``--as-of`` as given; by default today, or the plan's last day once its year is over."""
    if as_of is not None:
        return as_of, False
    if today.year > year:
        return date(year, 12, 31), True
    return today, False


def dashboard(state: YearState, *, unit: str | None = None, note: bool = False) -> Dashboard:
    """The dashboard of an evaluated year, for one unit's tasks and indicators if ``unit``."""
    tasks = state.tasks_of(unit)
    inds = [i.status for i in state.indicators_of(unit)]
    current = next(
        (
            p
            for p in state.periods
            if p.id in ("Q1", "Q2", "Q3", "Q4") and p.start <= state.as_of <= p.end
        ),
        None,
    )
    return Dashboard(state.year, state.as_of, note, tasks, inds, unit, current)


def due_in_current(d: Dashboard) -> list[tuple[TaskStatus, OccurrenceStatus]]:
    """What the current quarter still owes: each deliverable not done nor late, due by the
    quarter's report, soonest first."""
    if d.current is None:
        return []
    owed = [
        (t, o)
        for t in d.tasks
        for o in t.occurrences
        if o.occurrence.kind != "activity"
        and o.state in ("due-soon", "upcoming", "in-progress")
        and o.occurrence.due is not None
        and o.occurrence.due <= d.current.due
    ]
    return sorted(owed, key=lambda to: (to[1].occurrence.due or date.max, to[0].task.id))


def by_urgency(tasks: list[TaskStatus]) -> list[TaskStatus]:
    return sorted(tasks, key=lambda t: (URGENCY.index(t.state), -t.days_late))


def next_due(t: TaskStatus) -> OccurrenceStatus | None:
    """The occurrence of a task to see to next: the most urgent one not done that has a due
    date (the most days late, or the fewest days left)."""
    open_ = [
        o
        for o in t.occurrences
        if o.occurrence.kind != "activity" and o.state != "done" and o.occurrence.due is not None
    ]
    if not open_:
        return None
    return min(open_, key=lambda o: (URGENCY.index(o.state), o.occurrence.due))


def next_first(tasks: list[TaskStatus]) -> list[TaskStatus]:
    """Most urgent first, as Taskwarrior's ``next``: overdue (the longest late first), due soon,
    in progress, not yet due (the nearest due date first), ongoing, done; the plan's order
    otherwise."""

    def key(pair: tuple[int, TaskStatus]) -> tuple[int, date, int]:
        i, t = pair
        o = next_due(t)
        return (URGENCY.index(t.state), o.occurrence.due if o and o.occurrence.due else date.max, i)

    return [t for _, t in sorted(enumerate(tasks), key=key)]


# ---------------------------------------------------------------- JSON (stable, for scripts)


def select_tasks(
    tasks: list[TaskStatus],
    year: int,
    *,
    states: frozenset[str] = frozenset(),
    pid: str | None = None,
) -> list[TaskStatus]:
    """The tasks a filtered list shows. With a period, each task keeps only what it owes in that
    period (a deadline in it, or the period's own deliverable), so the state shown is its state
    there; ``states`` then keeps the tasks with an occurrence in one of them. ``pid`` ``ADHOC``
    ("đột xuất") keeps the tasks done on demand."""
    chosen: list[TaskStatus] = []
    for t in tasks:
        if pid == ADHOC:  # "đột xuất": the tasks done on demand, as they stand
            if not t.schedule.adhoc:
                continue
        elif pid is not None:
            start, end = periods.window(pid, year, "calendar")  # the months the period names
            inside = [
                o
                for o in t.occurrences
                if o.occurrence.kind != "activity"
                and (
                    o.occurrence.key == pid
                    or (o.occurrence.due is not None and start <= o.occurrence.due <= end)
                )
            ]
            if not inside:
                continue
            t = dataclasses.replace(t, occurrences=inside)
        if states and not any(o.state in states for o in t.occurrences):
            continue
        chosen.append(t)
    return chosen


def _occurrence_json(o: OccurrenceStatus) -> dict[str, Any]:
    occ = o.occurrence
    data: dict[str, Any] = {
        "key": occ.key,
        "label": occ.label,
        "kind": occ.kind,
        "due": occ.due.isoformat() if occ.due else None,
        "state": o.state,
        "done_on": o.done_on.isoformat() if o.done_on else None,
        "evidence": o.evidence,
    }
    if occ.kind == "activity":
        data["from"] = occ.start.isoformat() if occ.start else None
        data["to"] = occ.end.isoformat() if occ.end else None
        data["records"] = len(o.records)
        data["no_activity"] = o.no_activity
    else:
        data["days_late"] = o.days_late
    return data


def task_json(t: TaskStatus) -> dict[str, Any]:
    return {
        "id": t.task.id,
        "section": t.section_id,
        "content": t.task.content,
        "timeframe": t.task.timeframe,
        "lead": list(t.task.lead),
        "support": list(t.task.support),
        "monitor": list(t.task.monitor),
        "state": t.state,
        "adhoc": t.schedule.adhoc,
        "needs_milestones": t.needs_milestones,
        "idle_periods": [o.occurrence.key for o in t.idle_periods],
        "occurrences": [_occurrence_json(o) for o in t.occurrences],
    }


def _num(x: float | None) -> float | int | None:
    if x is None:
        return None
    return int(x) if float(x).is_integer() else x


def _figure_json(f: Figure | None) -> dict[str, Any] | None:
    if f is None:
        return None
    return {
        "numerator": f.numerator,
        "denominator": f.denominator,
        "value": f.value,
        "actual": f.percent,
    }


def indicator_json(s: IndicatorStatus) -> dict[str, Any]:
    ind = s.indicator
    return {
        "id": ind.id,
        "name": ind.name,
        "unit": ind.unit,
        "target": target_json(ind.target.op, s.target, ind.unit),
        "central": target_json(ind.target.op, ind.target.value, ind.unit),
        "target_wording": ind.target.text,
        "baseline": _num(ind.baseline),
        "measure": ind.measure,
        "numerator": s.ytd.numerator,
        "denominator": s.ytd.denominator,
        "actual": s.ytd.percent,
        "state": s.state,
        "periods": list(s.ytd_periods),
        "latest_period": s.latest_period,
        "latest": _figure_json(s.latest),
        "source": s.source,
        "derived_periods": list(s.derived_periods),
        "formula": formula_json(ind),
    }


def formula_json(ind: Indicator) -> dict[str, str] | None:
    """A derived indicator's formula: the count names and, in words, what they count."""
    if ind.formula is None:
        return None
    from kstthc_cli.compute.figures import describe

    return {
        "numerator": ind.formula.numerator,
        "denominator": ind.formula.denominator,
        "numerator_text": describe(ind.formula.numerator),
        "denominator_text": describe(ind.formula.denominator),
    }


def dashboard_json(d: Dashboard) -> dict[str, Any]:
    return {
        "year": d.year,
        "as_of": d.as_of.isoformat(),
        "unit": d.unit,
        "summary": {json_key(s): d.count(s) for s in URGENCY},
        "tasks": [task_json(t) for t in d.tasks],
        "indicators": [indicator_json(s) for s in d.indicators],
    }


def tasks_json(year: int, as_of: date, tasks: list[TaskStatus]) -> dict[str, Any]:
    """``tasks --json``: the tasks chosen, with the plan year and the day judged."""
    return {"year": year, "as_of": as_of.isoformat(), "tasks": [task_json(t) for t in tasks]}


def json_key(word: str) -> str:
    """A state or name as a JSON key: snake_case (``due-soon`` → ``due_soon``)."""
    return word.replace("-", "_")


def calendar_json(state: YearState) -> dict[str, Any]:
    """The year's reporting periods: windows and due dates."""
    return {
        "year": state.year,
        "as_of": state.as_of.isoformat(),
        "rule": state.workspace.plan.reporting.cutoff_rule,
        "periods": [
            {
                "id": p.id,
                "label": p.label,
                "from": p.start.isoformat(),
                "to": p.end.isoformat(),
                "due": p.due.isoformat(),
            }
            for p in state.periods
        ],
    }
