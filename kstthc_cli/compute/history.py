"""What changed between two versions of the workspace, in the domain's words (lịch sử thay đổi):
a record added or replaced, a task's timeframe or units changed, a target or baseline changed, a
task added or removed. Pure: it takes versions already parsed and returns change values."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from kstthc_cli.load.models import Indicator, IndicatorRecord, Task, TaskRecord
from kstthc_cli.load.versions import (
    ActualsVersion,
    IndicatorsVersion,
    PlanVersion,
    Version,
)

Kind = Literal["added", "removed", "changed", "replaced"]
Subject = Literal[
    "task", "indicator", "section", "task-record", "indicator-record", "plan", "indicator-set"
]


# ---------------------------------------------------------------- changes


@dataclass(frozen=True)
class Change:
    """One change to one thing. ``field`` names what changed on a task or indicator
    (``timeframe``, ``lead``, ``target``, ``baseline``…); ``before``/``after`` are worded."""

    kind: Kind
    subject: Subject
    year: int
    id: str
    field: str | None = None
    before: str | None = None
    after: str | None = None
    period: str | None = None
    section: str | None = None
    section_title: str | None = None

    @property
    def task_id(self) -> str | None:
        return self.id if self.subject in ("task", "task-record") else None

    @property
    def indicator_id(self) -> str | None:
        return self.id if self.subject in ("indicator", "indicator-record") else None


#: The task fields compared, in the order the plan's table shows them, with their names.
TASK_FIELDS: dict[str, str] = {
    "content": "nội dung",
    "outputs": "sản phẩm",
    "responsibility": "trách nhiệm thực hiện",
    "lead": "đơn vị chủ trì",
    "support": "đơn vị phối hợp",
    "monitor": "đơn vị theo dõi",
    "timeframe": "thời gian thực hiện",
    "schedule": "các kỳ thực hiện",
    "milestones": "các mốc",
}
INDICATOR_FIELDS: dict[str, str] = {
    "name": "nội dung",
    "unit": "đơn vị tính",
    "target": "chỉ tiêu",
    "baseline": "kết quả năm trước",
    "measure": "cách tính",
    "numerator": "tử số",
    "denominator": "mẫu số",
    "responsibility": "cơ quan thực hiện",
    "units": "đơn vị thực hiện",
}


def _number(x: float | None) -> str | None:
    if x is None:
        return None
    text = f"{x:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def _units(ids: Sequence[str], names: dict[str, str]) -> str:
    return "; ".join(names.get(i, i) for i in ids) or "(không có)"


def _task_value(task: Task, name: str, units: dict[str, str]) -> str:
    if name in ("lead", "support", "monitor"):
        return _units(getattr(task, name), units)
    if name == "outputs":
        return "; ".join(task.outputs) or "(không có)"
    if name == "schedule":
        return "; ".join(task.schedule or []) or "(không có)"
    if name == "milestones":
        shown = [f"{m.date:%d/%m/%Y} {m.label}" for m in task.milestones]
        return "; ".join(shown) or "(không có)"
    value = getattr(task, name)
    return "(không có)" if value is None else str(value)


def _indicator_value(ind: Indicator, name: str) -> str:
    if name == "target":
        return ind.target.text
    if name == "baseline":
        return _number(ind.baseline) or "(chưa có)"
    if name == "units":
        return "; ".join(ind.units) or "(không có)"
    if name == "measure":
        return "tử số/mẫu số" if ind.measure == "ratio" else "nhập thẳng giá trị"
    value = getattr(ind, name)
    return "(không có)" if value is None else str(value)


def task_record_words(r: TaskRecord) -> str:
    """``đã xong ngày 14/06/2024`` (the words of a commit message and of the history)."""
    state = "đã xong" if r.status == "done" else "đang thực hiện"
    words = f"{state} ngày {r.date:%d/%m/%Y}"
    if r.evidence:
        words += f" ({r.evidence})"
    return words


def indicator_record_words(r: IndicatorRecord, unit: str = "%") -> str:
    """``130/200`` for counts, ``92,5 %`` for a value entered directly."""
    if r.none:
        return "không phát sinh"
    if r.value is not None:
        shown = _number(r.value) or ""
        return f"{shown} %" if unit.strip() == "%" else f"{shown} {unit}"
    if r.numerator is not None or r.denominator is not None:
        return f"{r.numerator if r.numerator is not None else '?'}/{r.denominator or '?'}"
    return "(không có số)"


def diff_plans(year: int, old: PlanVersion | None, new: PlanVersion | None) -> list[Change]:
    """Sections and tasks added, removed or changed, field by field, in the new plan's order."""
    old, new = old or PlanVersion(), new or PlanVersion()
    out: list[Change] = []
    old_sections = {s.id: s for s in old.sections}
    new_sections = {s.id: s for s in new.sections}
    old_tasks = {t.id: (s, t) for s in old.sections for t in s.tasks}
    new_tasks = {t.id: (s, t) for s in new.sections for t in s.tasks}
    for s in new.sections:
        before = old_sections.get(s.id)
        if before is None:
            out.append(Change("added", "section", year, s.id, after=s.title, section=s.id))
        elif before.title != s.title:
            out.append(
                Change(
                    "changed",
                    "section",
                    year,
                    s.id,
                    "title",
                    before.title,
                    s.title,
                    section=s.id,
                    section_title=s.title,
                )
            )
        for t in s.tasks:
            was = old_tasks.get(t.id)
            where = {"section": s.id, "section_title": s.title}
            if was is None:
                out.append(Change("added", "task", year, t.id, after=t.content, **where))
                continue
            old_s, old_t = was
            if old_s.id != s.id:
                out.append(
                    Change("changed", "task", year, t.id, "section", old_s.title, s.title, **where)
                )
            for name in TASK_FIELDS:
                a = _task_value(old_t, name, old.units)
                b = _task_value(t, name, new.units)
                if a != b:
                    out.append(Change("changed", "task", year, t.id, name, a, b, **where))
    for tid, (s, t) in old_tasks.items():
        if tid not in new_tasks:
            out.append(
                Change(
                    "removed",
                    "task",
                    year,
                    tid,
                    before=t.content,
                    section=s.id,
                    section_title=s.title,
                )
            )
    for sid, s in old_sections.items():
        if sid not in new_sections:
            out.append(Change("removed", "section", year, sid, before=s.title, section=sid))
    return out


def diff_indicators(
    year: int, old: IndicatorsVersion | None, new: IndicatorsVersion | None
) -> list[Change]:
    old, new = old or IndicatorsVersion(), new or IndicatorsVersion()
    before = {i.id: i for i in old.indicators}
    after = {i.id: i for i in new.indicators}
    out: list[Change] = []
    for ind in new.indicators:
        was = before.get(ind.id)
        if was is None:
            out.append(Change("added", "indicator", year, ind.id, after=ind.name))
            continue
        for name in INDICATOR_FIELDS:
            a, b = _indicator_value(was, name), _indicator_value(ind, name)
            if a != b:
                out.append(Change("changed", "indicator", year, ind.id, name, a, b))
    for iid, ind in before.items():
        if iid not in after:
            out.append(Change("removed", "indicator", year, iid, before=ind.name))
    return out


def diff_actuals(
    year: int,
    old: ActualsVersion | None,
    new: ActualsVersion | None,
    units: dict[str, str] | None = None,
) -> list[Change]:
    """Records added, replaced or removed, per task (or indicator) and period; ``units`` maps an
    indicator to its unit of measure (``%``)."""
    old, new = old or ActualsVersion(), new or ActualsVersion()
    units = units or {}
    out: list[Change] = []
    pairs: list[
        tuple[
            Subject,
            dict[tuple[str, str | None], list[str]],
            dict[tuple[str, str | None], list[str]],
        ]
    ] = [
        ("task-record", _task_records(old.tasks), _task_records(new.tasks)),
        (
            "indicator-record",
            _indicator_records(old.indicators, units),
            _indicator_records(new.indicators, units),
        ),
    ]
    for subject, was, now in pairs:
        for key in _keys(was, now):
            a, b = was.get(key, []), now.get(key, [])
            if a == b:
                continue
            rid, period = key
            common = [x for x in a if x in b]
            gone = [x for x in a if x not in common]
            came = [x for x in b if x not in common]
            for i in range(max(len(gone), len(came))):
                g = gone[i] if i < len(gone) else None
                c = came[i] if i < len(came) else None
                kind: Kind = "replaced" if g and c else ("added" if c else "removed")
                out.append(Change(kind, subject, year, rid, None, g, c, period=period))
    return out


def _keys(*maps: dict[tuple[str, str | None], list[str]]) -> list[tuple[str, str | None]]:
    seen: dict[tuple[str, str | None], None] = {}
    for m in maps:
        for k in m:
            seen.setdefault(k, None)
    return list(seen)


def _task_records(records: Iterable[TaskRecord]) -> dict[tuple[str, str | None], list[str]]:
    out: dict[tuple[str, str | None], list[str]] = {}
    for r in records:
        out.setdefault((r.task, r.period), []).append(task_record_words(r))
    return out


def _indicator_records(
    records: Iterable[IndicatorRecord], units: dict[str, str]
) -> dict[tuple[str, str | None], list[str]]:
    out: dict[tuple[str, str | None], list[str]] = {}
    for r in records:
        words = indicator_record_words(r, units.get(r.indicator, "%"))
        out.setdefault((r.indicator, r.period), []).append(words)
    return out


def diff_versions(old: Version, new: Version, *, records: bool = True) -> list[Change]:
    """Every change from ``old`` to ``new``, year by year: the plan, the indicators, and (when
    ``records``) the records."""
    out: list[Change] = []
    years = sorted(
        set(old.plans) | set(new.plans) | set(old.indicators) | set(new.indicators)
        | (set(old.actuals) | set(new.actuals) if records else set())
    )  # fmt: skip
    for y in years:
        out += _whole_file(y, "plan", old.plans.get(y), new.plans.get(y))
        if y in old.plans and y in new.plans:
            out += diff_plans(y, old.plans[y], new.plans[y])
        out += _whole_file(y, "indicator-set", old.indicators.get(y), new.indicators.get(y))
        if y in old.indicators and y in new.indicators:
            out += diff_indicators(y, old.indicators[y], new.indicators[y])
        if records:
            inds = new.indicators.get(y) or old.indicators.get(y) or IndicatorsVersion()
            units = {i.id: i.unit for i in inds.indicators}
            out += diff_actuals(y, old.actuals.get(y), new.actuals.get(y), units)
    return out


def _whole_file(
    year: int,
    subject: Literal["plan", "indicator-set"],
    old: PlanVersion | IndicatorsVersion | None,
    new: PlanVersion | IndicatorsVersion | None,
) -> list[Change]:
    """A year's plan (or indicators) made or deleted is one change, not one per task."""
    if (old is None) == (new is None):
        return []
    version = new if new is not None else old
    if isinstance(version, PlanVersion):
        count = f"{sum(len(s.tasks) for s in version.sections)} nhiệm vụ"
    else:
        count = f"{len(version.indicators) if version else 0} chỉ tiêu"
    if new is not None:
        return [Change("added", subject, year, str(year), after=count)]
    return [Change("removed", subject, year, str(year), before=count)]


# ---------------------------------------------------------------- the history


@dataclass(frozen=True)
class Entry:
    """One commit in the history: who, when, by kstthc or by hand, and what it changed."""

    id: str
    author: str
    when: datetime
    title: str
    command: str | None
    changes: tuple[Change, ...]

    @property
    def by_hand(self) -> bool:
        return self.command is None


def select(
    entries: Iterable[Entry],
    *,
    since: date | None = None,
    task: str | None = None,
    indicator: str | None = None,
    as_of: date | None = None,
) -> list[Entry]:
    """The entries on or after ``since`` (and, given the day judged ``as_of``, on or before it:
    what was known that day) whose changes touch ``task`` (or ``indicator``); their other
    changes are left out."""
    out: list[Entry] = []
    for e in entries:
        if since is not None and e.when.date() < since:
            continue
        if as_of is not None and e.when.date() > as_of:
            continue
        changes = e.changes
        if task is not None:
            changes = tuple(c for c in changes if c.task_id == task)
        if indicator is not None:
            changes = tuple(c for c in changes if c.indicator_id == indicator)
        if (task is not None or indicator is not None) and not changes:
            continue
        out.append(Entry(e.id, e.author, e.when, e.title, e.command, changes))
    return out
