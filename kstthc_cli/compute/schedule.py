"""Occurrences (lần phải nộp) of each task and their states as of a day.

Schedules are computed from the plan's words, never stored. Each occurrence is owed on its own:
doing Q2's report does not excuse a missing Q1 report.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Literal

from kstthc_cli.compute import periods, timeframe
from kstthc_cli.compute.periods import QUARTERS, ReportingPeriod
from kstthc_cli.compute.timeframe import Schedule
from kstthc_cli.errors import UsageError
from kstthc_cli.load.models import Plan, Reporting, Task, TaskRecord
from kstthc_cli.messages import said

if TYPE_CHECKING:
    from kstthc_cli.load.workspace import Workspace

State = Literal["done", "in-progress", "overdue", "due-soon", "upcoming", "ongoing"]

#: Most urgent first: a task is as urgent as its most urgent occurrence.
URGENCY: tuple[State, ...] = ("overdue", "due-soon", "in-progress", "upcoming", "ongoing", "done")

ADHOC = "ADHOC"


class YearCalendar:
    """The reporting periods of one plan year under the plan's reporting settings."""

    def __init__(self, year: int, reporting: Reporting, starts: date | None = None) -> None:
        self.year = year
        self.reporting = reporting
        #: the day a plan issued mid-year starts: nothing is owed before it (``owed``)
        self.starts = starts
        self._cache: dict[tuple[str, int], ReportingPeriod] = {}
        self._days_off = frozenset(reporting.days_off)
        self._working_days = frozenset(reporting.working_days)
        #: occurrence keys per task (by identity): asked for every record a workspace holds
        self._keys: dict[int, tuple[Task, tuple[str, ...]]] = {}
        #: whether a record of the task must name its occurrence (by identity), likewise
        self._needs: dict[int, tuple[Task, bool]] = {}
        #: each task's occurrences (by identity of the task and its schedule): the rules and
        #: every status of the task ask for them
        self._occurrences: dict[int, tuple[Task, Schedule, tuple[Occurrence, ...]]] = {}
        #: the occurrence a period word names, per task (by identity) and word: the rules and
        #: each status ask it of every record
        self._matches: dict[tuple[int, str], tuple[Task, str | None]] = {}

    def period(self, pid: str, year: int | None = None) -> ReportingPeriod:
        key = (pid, year or self.year)
        if key not in self._cache:
            r = self.reporting
            kind, n = _due_regime(r)
            self._cache[key] = periods.reporting_period(
                pid,
                key[1],
                rule=r.cutoff_rule,
                due_day=r.due_day,
                move_off=r.move_off_holidays,
                days_off=self._days_off,
                working_days=self._working_days,
                due_kind=kind,
                due_n=n,
            )
        return self._cache[key]

    def is_working_day(self, day: date) -> bool:
        """A working day as the plan counts them (its own ``days_off`` and ``working_days``)."""
        return periods.working_day(day, days_off=self._days_off, working_days=self._working_days)

    def report_periods(self) -> list[ReportingPeriod]:
        """The periods reported on, those due before a mid-year plan's start left out."""
        found = [self.period(pid) for pid in periods.REPORT_PERIODS]
        return [p for p in found if self.starts is None or p.due >= self.starts]

    def counts(self, pid: str) -> bool:
        """Whether period ``pid`` counts in the plan's year to date: not a period whose
        window closed before a mid-year plan's start."""
        return self.starts is None or self.period(pid).end >= self.starts

    def current_quarter(self, day: date) -> ReportingPeriod | None:
        for pid in QUARTERS:
            p = self.period(pid)
            if p.contains(day):
                return p
        return None


def calendar_of(ws: Workspace) -> YearCalendar:
    """The workspace's plan-year calendar, made once (``Workspace.calendar``): the rules, the
    evaluation and the writes ask it for the same periods and occurrences."""
    if ws.calendar is None:
        ws.calendar = YearCalendar(ws.year, ws.plan.reporting, ws.plan.starts)
    return ws.calendar


def _due_regime(r: Reporting) -> tuple[periods.DueKind, int | None]:
    """The plan's ``reporting.due`` as (kind, number); ``due_day`` when it gives none."""
    if r.due is not None and r.due.day_of_last_month is not None:
        return "day-of-last-month", r.due.day_of_last_month
    if r.due is not None and r.due.working_days_after_cutoff is not None:
        return "working-days-after-cutoff", r.due.working_days_after_cutoff
    return "due-day", None


@dataclass(frozen=True)
class Occurrence:
    """One thing a task owes (a deadline, a period's deliverable, a milestone) or, for an
    ongoing task, one reporting period in which activity is expected."""

    key: str
    label: str
    kind: Literal["deadline", "report", "milestone", "activity"]
    due: date | None
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True)
class OccurrenceStatus:
    occurrence: Occurrence
    state: State
    records: tuple[TaskRecord, ...] = ()
    days_late: int = 0
    days_left: int | None = None
    no_activity: bool = False

    @property
    def done_on(self) -> date | None:
        done = [r.date for r in self.records if r.status == "done"]
        return max(done) if done else None

    @property
    def evidence(self) -> str | None:
        found = [r.evidence for r in self.records if r.evidence]
        return found[-1] if found else None


@dataclass
class TaskStatus:
    task: Task
    section_id: str
    schedule: Schedule
    occurrences: list[OccurrenceStatus]
    adhoc_records: list[TaskRecord] = field(default_factory=list)
    unkeyed_records: list[TaskRecord] = field(default_factory=list)

    @cached_property
    def state(self) -> State:
        states = [o.state for o in self.occurrences if o.occurrence.kind != "activity"]
        if not states:
            return "ongoing"
        return min(states, key=URGENCY.index)

    @property
    def needs_milestones(self) -> bool:
        return self.schedule.by_plan and not self.task.milestones

    @property
    def idle_periods(self) -> list[OccurrenceStatus]:
        return [o for o in self.occurrences if o.no_activity]

    @property
    def days_late(self) -> int:
        """How late the task is now: its most overdue occurrence still owed."""
        return max((o.days_late for o in self.occurrences if o.state == "overdue"), default=0)


def known_on(r: TaskRecord, as_of: date) -> bool:
    """A task record counts on ``as_of`` when it was done and recorded by then (an old record
    without ``recorded``: by its date)."""
    return r.date <= as_of and (r.recorded is None or r.recorded <= as_of)


def task_schedule(task: Task) -> Schedule | None:
    """The schedule of a task: an explicit ``schedule`` list wins over the timeframe words."""
    if task.schedule:
        return timeframe.read_all(task.schedule)
    return timeframe.read(task.timeframe)


def occurrences(task: Task, schedule: Schedule, cal: YearCalendar) -> list[Occurrence]:
    """What ``task`` owes in the calendar's year under ``schedule``, in the plan's order."""
    hit = cal._occurrences.get(id(task))
    if hit is not None and hit[0] is task and (hit[1] is schedule or hit[1] == schedule):
        return list(hit[2])
    out = _occurrences(task, schedule, cal)
    cal._occurrences[id(task)] = (task, schedule, tuple(out))
    return out


def _occurrences(task: Task, schedule: Schedule, cal: YearCalendar) -> list[Occurrence]:
    out: list[Occurrence] = []
    report = timeframe.is_report(task)  # due on the reporting calendar's date, else period end
    working = cal.is_working_day if cal.reporting.move_off_holidays else None

    def reporting_due(pid: str, year: int) -> date:
        return cal.period(pid, year).due

    for d in schedule.deadlines:
        due, key = timeframe.deadline_due(
            d, cal.year, report=report, reporting_due=reporting_due, is_working_day=working
        )
        out.append(Occurrence(key, d.label, "deadline", due))
    for pid in schedule.reports:
        p = cal.period(pid)
        due = timeframe.period_due(pid, cal.year, report=report, reporting_due=reporting_due)
        out.append(Occurrence(pid, p.label, "report", due, p.start, p.end))
    for i, m in enumerate(task.milestones, start=1):
        out.append(Occurrence(m.id or f"M{i}", m.label, "milestone", m.date))
    if schedule.ongoing:
        for pid in QUARTERS:
            p = cal.period(pid)
            out.append(Occurrence(pid, p.label, "activity", None, p.start, p.end))
    return out


def owed(o: Occurrence, cal: YearCalendar) -> bool:
    """Whether the occurrence is owed under the plan: nothing due before a mid-year plan's
    start (``plan.starts``), no activity expected in a period that closed before it."""
    if cal.starts is None:
        return True
    if o.kind == "activity":
        return o.end is None or o.end >= cal.starts
    return o.due is None or o.due >= cal.starts


def occurrence_keys(task: Task, cal: YearCalendar) -> list[str]:
    hit = cal._keys.get(id(task))
    if hit is not None and hit[0] is task:
        return list(hit[1])
    schedule = task_schedule(task)
    if schedule is None:
        return []
    keys = [o.key for o in occurrences(task, schedule, cal)]
    if schedule.adhoc:
        keys.append(ADHOC)
    cal._keys[id(task)] = (task, tuple(keys))
    return keys


def needs_period(task: Task, cal: YearCalendar) -> bool:
    """A record of this task must say which occurrence it is for (recurring tasks)."""
    hit = cal._needs.get(id(task))
    if hit is not None and hit[0] is task:
        return hit[1]
    schedule = task_schedule(task)
    due: list[Occurrence] = []
    if schedule is not None:
        due = [o for o in occurrences(task, schedule, cal) if o.kind != "activity" and owed(o, cal)]
    cal._needs[id(task)] = (task, len(due) > 1)
    return len(due) > 1


def match_key(task: Task, cal: YearCalendar, period: str | None) -> str | None:
    """The occurrence a record's ``period`` names; ``None`` when it names none of them. Ids are
    matched as period words are: in any case, with or without diacritics ("m1" is milestone
    "M1", "dot 1" is "Đợt 1")."""
    if period is None:
        return None
    hit = cal._matches.get((id(task), period))
    if hit is not None and hit[0] is task:
        return hit[1]
    key = _match_key(task, cal, period)
    cal._matches[(id(task), period)] = (task, key)
    return key


def _match_key(task: Task, cal: YearCalendar, period: str) -> str | None:
    keys = occurrence_keys(task, cal)
    if period in keys:
        return period
    if is_adhoc_word(period) and ADHOC in keys:
        return ADHOC
    try:
        pid, year = periods.parse_period(period, cal.year)
    except Exception:
        pid = None
    if pid is not None:
        for candidate in (pid, f"{pid}/{year}"):
            if candidate in keys and (year == cal.year or "/" in candidate):
                return candidate
    wanted = _folded(period)
    alike = [k for k in keys if _folded(k) == wanted]
    if len(alike) == 1:
        return alike[0]
    return _dated_key(task, cal, period)


_DAY_WORD = re.compile(r"^\s*(\d{1,2})\s*/\s*(\d{1,2})(?:\s*/\s*(\d{4}))?\s*$")


def _dated_key(task: Task, cal: YearCalendar, period: str) -> str | None:
    """The dated deadline a day written as in the wording names: "20/3" (or "20/03/2026") is
    "Trước ngày 20/3, 20/6…"'s first deadline (keyed by the day before, 2026-03-19), "20/4" of
    "Trước ngày 20 hằng tháng" is T04."""
    m = _DAY_WORD.match(period)
    schedule = task_schedule(task) if m else None
    if m is None or schedule is None:
        return None
    day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3) or 0)
    for d in schedule.deadlines:
        y = d.year or cal.year
        if (d.day, d.month) != (day, month) or year not in (0, y):
            continue
        _, key = timeframe.deadline_due(
            d,
            cal.year,
            report=False,
            reporting_due=lambda pid, yr: cal.period(pid, yr).due,
            is_working_day=None,
        )
        return key if key in occurrence_keys(task, cal) else None
    return None


def is_adhoc_word(word: str) -> bool:
    """``đột xuất`` (in any case, with or without diacritics) or ``ad hoc``: on demand."""
    return periods.fold(word).replace(" ", "") in ("dotxuat", "adhoc")


def check_period_word(task: Task, cal: YearCalendar, word: str) -> None:
    """Exit 2 for a ``--period`` that names none of the task's occurrences and is no period word
    at all; for a task with milestones the hint lists their ids (the word was meant as one)."""
    try:
        periods.parse_period(word, cal.year)
    except UsageError as exc:
        if not task.milestones:
            raise
        ids = [m.id or f"M{i}" for i, m in enumerate(task.milestones, start=1)]
        listed = "; ".join(f"{k} ({m.label})" for k, m in zip(ids, task.milestones, strict=True))
        raise UsageError(
            said("usage/milestone-period", message=exc.message, task=task.id, listed=listed),
            about="milestones",
            details={"task": task.id, "listed": listed, "first": ids[0]},
        ) from None


@lru_cache(maxsize=4096)  # pure; the same ids and words come back for every record
def _folded(word: str) -> str:
    return re.sub(r"[\s_]+", "", periods.fold(word.strip()))


def task_status(
    task: Task,
    section_id: str,
    cal: YearCalendar,
    records: Iterable[TaskRecord],
    as_of: date,
) -> TaskStatus | None:
    schedule = task_schedule(task)
    if schedule is None:
        return None
    occ = [o for o in occurrences(task, schedule, cal) if owed(o, cal)]
    due = [o for o in occ if o.kind != "activity"]
    by_key: dict[str, list[TaskRecord]] = {}
    adhoc: list[TaskRecord] = []
    loose: list[TaskRecord] = []
    for r in sorted(records, key=lambda r: r.date):
        if not known_on(r, as_of):
            continue  # judged as of a day: what was done or recorded later had not happened yet
        key = match_key(task, cal, r.period)
        if key == ADHOC:
            adhoc.append(r)
        elif key is not None:
            by_key.setdefault(key, []).append(r)
        elif len(due) == 1 and r.period is None:
            by_key.setdefault(due[0].key, []).append(r)
        else:
            loose.append(r)
    soon = cal.reporting.due_soon_days
    statuses: list[OccurrenceStatus] = []
    for o in occ:
        recs = tuple(by_key.get(o.key, ()))
        if o.kind == "activity":
            assert o.start is not None and o.end is not None
            start, end = o.start, o.end
            inside = recs + tuple(r for r in loose if start <= r.date <= end)
            idle = end < as_of and not inside
            statuses.append(OccurrenceStatus(o, "ongoing", inside, no_activity=idle))
            continue
        statuses.append(_judge(o, recs, as_of, soon))
    return TaskStatus(task, section_id, schedule, statuses, adhoc, loose)


def _judge(o: Occurrence, recs: tuple[TaskRecord, ...], as_of: date, soon: int) -> OccurrenceStatus:
    assert o.due is not None
    done = [r.date for r in recs if r.status == "done"]
    if done:  # how late it was done, if it was: a late report is still late
        return OccurrenceStatus(o, "done", recs, days_late=max((max(done) - o.due).days, 0))
    left = (o.due - as_of).days
    if left < 0:
        return OccurrenceStatus(o, "overdue", recs, days_late=-left, days_left=left)
    if recs:
        return OccurrenceStatus(o, "in-progress", recs, days_left=left)
    if left <= soon:
        return OccurrenceStatus(o, "due-soon", recs, days_left=left)
    return OccurrenceStatus(o, "upcoming", recs, days_left=left)


def all_task_statuses(
    plan: Plan,
    records: list[TaskRecord],
    as_of: date,
    cal: YearCalendar | None = None,
    *,
    only: Collection[str] | None = None,
) -> list[TaskStatus]:
    """Each task's status as of ``as_of``, in the plan's order (``only``: of these task ids)."""
    cal = cal or YearCalendar(plan.year, plan.reporting, plan.starts)
    by_task: dict[str, list[TaskRecord]] = {}
    for r in records:
        by_task.setdefault(r.task, []).append(r)
    out: list[TaskStatus] = []
    for section, task in plan.all_tasks():
        if only is not None and task.id not in only:
            continue
        status = task_status(task, section.id, cal, by_task.get(task.id, []), as_of)
        if status is not None:
            out.append(status)
    return out
