"""Rules that look across fields and files. Each is a small function returning problems.

To add a check: write ``def check_x(ctx: RuleContext) -> list[Problem]`` and list it in
``RULES``. ``check`` runs them on the files; ``record`` runs the same rules on the workspace
with the new record in it, and refuses a record they find wrong.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from kstthc_cli.compute import indicators, periods, schedule, timeframe
from kstthc_cli.load.models import Plan, Task, TaskRecord
from kstthc_cli.load.text import closest, whole
from kstthc_cli.messages import Said, said
from kstthc_cli.problems import Problem
from kstthc_cli.rules import figures as figures_rules

if TYPE_CHECKING:
    from kstthc_cli.load.workspace import Workspace
    from kstthc_cli.load.yamlio import Document

Path_ = list[str | int]


@dataclass(frozen=True)
class RuleContext:
    """What the rules judge: one workspace, and the day judged (ngày xét). Without a day, the
    rules about it (a record dated later, a period not begun) have nothing to say."""

    ws: Workspace
    as_of: date | None = None

    @property
    def calendar(self) -> schedule.YearCalendar:
        """The plan year's calendar, one for every rule and the evaluation after them."""
        return schedule.calendar_of(self.ws)


Rule = Callable[[RuleContext], list[Problem]]

#: What ``check`` only warns about in a record already in the file (written by hand, perhaps
#: on purpose), but ``record`` refuses to write.
REFUSED_IN_NEW_RECORDS = frozenset(
    {"date-outside-year", "after-as-of", "period-not-begun", "before-period", "period-not-needed"}
)


def check_unique_ids(ctx: RuleContext) -> list[Problem]:
    ws = ctx.ws
    out: list[Problem] = []

    def dupes(items: Iterable[tuple[str, Path_]], what: str, doc_key: str) -> None:
        seen: dict[str, Path_] = {}
        doc = ws.docs[doc_key]
        for value, path in items:
            if value in seen:
                line, _ = doc.locate(seen[value])
                out.append(
                    doc.problem(
                        path,
                        said("duplicate-id", what=what, value=value, line=line),
                    )
                )
            else:
                seen[value] = path

    dupes(((u.id, ["units", i, "id"]) for i, u in enumerate(ws.plan.units)), "đơn vị", "plan")
    dupes(((s.id, ["sections", i, "id"]) for i, s in enumerate(ws.plan.sections)), "mục", "plan")
    dupes(
        (
            (t.id, ["sections", i, "tasks", j, "id"])
            for i, s in enumerate(ws.plan.sections)
            for j, t in enumerate(s.tasks)
        ),
        "nhiệm vụ",
        "plan",
    )
    dupes(
        ((x.id, ["indicators", i, "id"]) for i, x in enumerate(ws.indicators.indicators)),
        "chỉ tiêu",
        "indicators",
    )
    return out


def check_unit_refs(ctx: RuleContext) -> list[Problem]:
    ws = ctx.ws
    known = {u.id for u in ws.plan.units}
    out: list[Problem] = []

    def ref(doc_key: str, unit: str, path: Path_) -> None:
        if unit not in known:
            near = closest(unit, known)
            found = said("unknown-unit/near", unit=unit, year=ws.year, near=near) if near else (
                said("unknown-unit", unit=unit, year=ws.year)
            )  # fmt: skip
            out.append(ws.docs[doc_key].problem(path, found))

    ref("plan", ws.plan.reporting.preparer, ["reporting", "preparer"])
    for i, s in enumerate(ws.plan.sections):
        for j, t in enumerate(s.tasks):
            for role in ("lead", "support", "monitor"):
                for k, unit in enumerate(getattr(t, role)):
                    ref("plan", unit, ["sections", i, "tasks", j, role, k])
    for i, ind in enumerate(ws.indicators.indicators):
        for k, unit in enumerate(ind.units):
            ref("indicators", unit, ["indicators", i, "units", k])
    return out


def check_timeframes(ctx: RuleContext) -> list[Problem]:
    ws = ctx.ws
    out: list[Problem] = []
    doc = ws.docs["plan"]
    for i, s in enumerate(ws.plan.sections):
        for j, t in enumerate(s.tasks):
            base: Path_ = ["sections", i, "tasks", j]
            if t.schedule:
                for k, item in enumerate(t.schedule):
                    if bad := timeframe.diagnose(item, ws.year):
                        found = (
                            said("bad-schedule/reason", item=item, task=t.id, reason=bad.reason,
                                 hint=bad.hint)
                            if bad.reason
                            else said("bad-schedule", item=item, task=t.id,
                                      nearest=timeframe.nearest(item))
                        )  # fmt: skip
                        out.append(doc.problem([*base, "schedule", k], found))
                continue
            if bad := timeframe.diagnose(t.timeframe, ws.year):
                found = (
                    said("bad-timeframe/reason", timeframe=t.timeframe, task=t.id,
                         reason=bad.reason, hint=bad.hint)
                    if bad.reason
                    else said("bad-timeframe", timeframe=t.timeframe, task=t.id, hint=bad.hint)
                )  # fmt: skip
                out.append(doc.problem([*base, "timeframe"], found))
            for k, m in enumerate(t.milestones):
                if m.date.year not in (ws.year, ws.year + 1):
                    out.append(
                        doc.problem(
                            [*base, "milestones", k, "date"],
                            said("date-outside-year/milestone", day=m.date, year=ws.year),
                            severity="warning",
                        )
                    )
    return out


def check_decision(ctx: RuleContext) -> list[Problem]:
    ws = ctx.ws
    out: list[Problem] = []
    doc = ws.docs["plan"]
    d = ws.plan.decision
    if not d.number or d.date is None:
        missing = "số" if not d.number else "ngày"
        out.append(
            doc.problem(
                ["decision", "number" if not d.number else "date"],
                said("decision-incomplete", missing=missing),
                severity="warning",
            )
        )
    if d.date is not None:
        for i, b in enumerate(d.legal_bases):
            if b.date is not None and b.date > d.date:
                out.append(
                    doc.problem(
                        ["decision", "legal_bases", i, "date"],
                        said(
                            "basis-after-decision",
                            basis=b.number or b.text[:40],
                            day=b.date,
                            decided=d.date,
                        ),
                        severity="warning",
                    )
                )
    return out


def check_years(ctx: RuleContext) -> list[Problem]:
    ws = ctx.ws
    out: list[Problem] = []
    if ws.plan.year != ws.year:
        out.append(
            ws.docs["plan"].problem(
                ["year"],
                said("year-mismatch", year=ws.year, written=ws.plan.year),
            )
        )
    starts = ws.plan.starts
    if starts is not None and starts.year != ws.plan.year:
        out.append(
            ws.docs["plan"].problem(
                ["starts"],
                said("year-mismatch/starts", starts=starts, year=ws.plan.year),
            )
        )
    if ws.indicators.year != ws.year:
        out.append(
            ws.docs["indicators"].problem(
                ["year"],
                said(
                    "year-mismatch/data",
                    name="indicators",
                    year=ws.year,
                    written=ws.indicators.year,
                ),
            )
        )
    if ws.actuals.year is not None and ws.actuals.year != ws.year and "actuals" in ws.docs:
        out.append(
            ws.docs["actuals"].problem(
                ["year"],
                said("year-mismatch/data", name="actuals", year=ws.year, written=ws.actuals.year),
            )
        )
    return out


#: From this day there are no district-level units (Nghị quyết 203/2025/QH15): communes report
#: to the province. A later plan or report that still names one was most likely copied forward.
DISTRICTS_ENDED = date(2025, 7, 1)
#: Huyện, quận and thị xã were district-level only; "thành phố" is left out, as many cities are
#: provinces in their own right.
_DISTRICT = re.compile(r"\b(?:huyện|quận|thị xã)\b")


def names_district(text: str) -> bool:
    """``text`` names a district-level unit (huyện, quận, thị xã), in any case."""
    return bool(_DISTRICT.search(unicodedata.normalize("NFC", text).casefold()))


def district_mentions(plan: Plan) -> list[tuple[list[str | int], str]]:
    """Where the plan names a district-level unit as a body it reports to or sends to."""
    reporting = plan.reporting
    fields: list[tuple[list[str | int], str | None]] = [
        (["parent_body"], plan.parent_body),
        (["reporting", "recipient"], reporting.recipient),
    ]
    fields += [
        (["reporting", "report_recipients", i], r)
        for i, r in enumerate(reporting.report_recipients)
    ]
    fields += [(["decision", "recipients", i], r) for i, r in enumerate(plan.decision.recipients)]
    return [(path, value) for path, value in fields if value is not None and names_district(value)]


def check_district_level(ctx: RuleContext) -> list[Problem]:
    ws = ctx.ws
    if date(ws.plan.year, 1, 1) < DISTRICTS_ENDED:
        return []
    return [
        ws.docs["plan"].problem(
            path,
            said("district-after-2025", ended=DISTRICTS_ENDED, year=ws.plan.year, value=value),
            severity="warning",
        )
        for path, value in district_mentions(ws.plan)
    ]


#: The key any mapping item may carry to list its keys whose values are still to confirm: the
#: values ``kstthc init`` filled in from the sample, until the officer has checked them.
TO_CONFIRM = "to_confirm"


def check_to_confirm(ctx: RuleContext) -> list[Problem]:
    """One ``to-confirm`` warning per key a ``to_confirm: [keys]`` lists, at that key's value."""
    out: list[Problem] = []
    for doc in ctx.ws.docs.values():
        # a key named so is written so, or with escapes in double quotes ("to\x5fconfirm")
        if TO_CONFIRM in doc.text or "\\" in doc.text:
            out += _to_confirm(doc, doc.data, [], ("", 0))
    return out


#: Items named by their id in the warnings: "'content' của nhiệm vụ 12".
_ITEM_WORDS = {"sections": "mục", "tasks": "nhiệm vụ", "indicators": "chỉ tiêu", "units": "đơn vị"}


def _to_confirm(doc: Document, node: object, path: Path_, owner: tuple[str, int]) -> list[Problem]:
    """``owner``: the item the path is in (``nhiệm vụ 12``) and where in ``path`` it starts."""
    out: list[Problem] = []
    if isinstance(node, list):
        word = _ITEM_WORDS.get(str(path[-1])) if path else None
        for i, item in enumerate(node):
            ident = item.get("id") if isinstance(item, dict) else None
            inner = (f"{word} {ident}", len(path) + 1) if word and ident is not None else owner
            out += _to_confirm(doc, item, [*path, i], inner)
        return out
    if not isinstance(node, dict):
        return out
    listed = node.get(TO_CONFIRM)
    keys = [listed] if isinstance(listed, str) else listed
    if listed is not None and not (
        isinstance(keys, list) and all(isinstance(k, str) for k in keys)
    ):
        out.append(
            doc.problem(
                [*path, TO_CONFIRM],
                said("to-confirm/not-a-list"),
                severity="warning",
            )
        )
        keys = []
    label, start = owner
    for key in keys or []:
        where = f"'{_dotted([*path, key][start:])}'" + (f" của {label}" if label else "")
        if key not in node:
            out.append(
                doc.problem(
                    [*path, TO_CONFIRM],
                    said("to-confirm/no-such-key", key=key),
                    severity="warning",
                )
            )
            continue
        out.append(
            doc.problem(
                [*path, key],
                said("to-confirm", where=f"{where[0].upper()}{where[1:]}", key=key),
                severity="warning",
            )
        )
    for key, value in node.items():
        if key != TO_CONFIRM:
            out += _to_confirm(doc, value, [*path, key], owner)
    return out


#: The comment word above a task or indicator ``init --from-docx`` could not read and left
#: commented out (``write.draft``): ``check`` reports each such line until it is gone.
UNREAD = "CHƯA ĐỌC ĐƯỢC"
_UNREAD_LINE = re.compile(rf"^[ \t]*(#)[ \t]*{UNREAD}\b")


def check_unread_left(ctx: RuleContext) -> list[Problem]:
    """One ``unread-left`` warning per ``# CHƯA ĐỌC ĐƯỢC`` line: what is under it (a task or
    an indicator commented out) is not in the data yet."""
    out: list[Problem] = []
    for doc in ctx.ws.docs.values():
        if UNREAD not in doc.text:  # the words no line of it can then start with
            continue
        for number, line in enumerate(doc.text.splitlines(), start=1):
            m = _UNREAD_LINE.match(line)
            if m is None:
                continue
            out.append(
                doc.problem_at(
                    number, m.start(1) + 1, said("unread-left", marker=UNREAD), severity="warning"
                )
            )
    return out


def _dotted(path: Path_) -> str:
    """``decision.legal_bases[2].date``: where a value is, as the officer counts items."""
    text = ""
    for step in path:
        text += f"[{step + 1}]" if isinstance(step, int) else ("." if text else "") + str(step)
    return text


def record_date_ok(day: date, year: int) -> bool:
    """A record of plan year ``year`` may be dated from 01/12 of the year before (the first
    window opens then) to 31/03 of the year after (the year's report is done by then)."""
    return date(year - 1, 12, 1) <= day <= date(year + 1, 3, 31)


def check_task_records(ctx: RuleContext) -> list[Problem]:
    ws = ctx.ws
    if "actuals" not in ws.docs:
        return []
    doc = ws.docs["actuals"]
    tasks = {t.id: t for _, t in ws.plan.all_tasks()}
    cal = ctx.calendar
    year_window = cal.period("Y")
    out: list[Problem] = []
    done: dict[tuple[str, str | None], tuple[int, TaskRecord]] = {}
    for i, r in zip(ws.task_rows, ws.actuals.tasks, strict=True):
        base: Path_ = ["tasks", i]
        task = tasks.get(r.task)
        if task is None:
            near = closest(r.task, tasks)
            found = said("unknown-task/near", task=r.task, year=ws.year, near=near) if near else (
                said("unknown-task", task=r.task, year=ws.year)
            )  # fmt: skip
            out.append(doc.problem([*base, "task"], found))
            continue
        key = schedule.match_key(task, cal, r.period)  # None without a period
        period_problems = _task_period_problems(doc, base, task, r.period, key, cal)
        out.extend(period_problems)
        if any(p.is_error for p in period_problems):
            continue
        date_ok = record_date_ok(r.date, ws.year)
        if not date_ok:
            out.append(
                doc.problem(
                    [*base, "date"],
                    said(
                        "date-outside-year",
                        day=r.date,
                        year=ws.year,
                        before=ws.year - 1,
                        after=ws.year + 1,
                    ),
                    severity="warning",
                )
            )
        if ctx.as_of is not None and r.date > ctx.as_of:
            out.append(
                doc.problem(
                    [*base, "date"],
                    said("after-as-of", day=r.date, as_of=ctx.as_of),
                    severity="warning",
                )
            )
        out.extend(_done_again(doc, base, task, r, key, cal, done))
        window = cal.period(key) if key in periods.SPANS else None
        if window is not None and ctx.as_of is not None and window.start > ctx.as_of:
            out.append(
                doc.problem(
                    [*base, "period"],
                    said(
                        "period-not-begun", label=window.label, start=window.start, as_of=ctx.as_of
                    ),
                    severity="warning",
                )
            )
        elif window is not None and r.date < window.start:
            out.append(
                doc.problem(
                    [*base, "date"],
                    said("before-period", day=r.date, label=window.label, start=window.start),
                    severity="warning",
                )
            )
        if _outside_windows(r, task, year_window) and date_ok:
            out.append(
                doc.problem(
                    [*base, "date"],
                    said(
                        "outside-reporting-windows",
                        day=r.date,
                        year=ws.year,
                        start=year_window.start,
                        end=year_window.end,
                        which="năm trước" if r.date < year_window.start else "năm sau",
                        other=ws.year + (-1 if r.date < year_window.start else 1),
                    ),
                    severity="warning",
                )
            )
    return out


def _done_again(
    doc: Document,
    base: Path_,
    task: Task,
    r: TaskRecord,
    key: str | None,
    cal: schedule.YearCalendar,
    done: dict[tuple[str, str | None], tuple[int, TaskRecord]],
) -> list[Problem]:
    """A second done record of the same occurrence (the one-off task, or one period of a
    periodic task; an ongoing task's activities are many by nature): the later one counts, so
    it is said (written by hand, or ``２`` beside ``2`` before ids were one form)."""
    if r.status != "done" or key == schedule.ADHOC or (key is None and not one_off(task, cal)):
        return []
    before = done.get((task.id, key))
    done[(task.id, key)] = (int(base[1]), r)
    if before is None:
        return []
    line, _ = doc.locate(["tasks", before[0]])
    label = f", kỳ {cal.period(key).label}" if key in periods.SPANS else (f", {key}" if key else "")
    found = said(
        "duplicate-done", task=task.id, label=label, line=line, first=before[1].date, day=r.date
    )
    return [doc.problem(base, found, severity="warning")]


def _outside_windows(r: TaskRecord, task: Task, year_window: periods.ReportingPeriod) -> bool:
    """An ongoing task's activity dated outside every window of the year, counting the days
    after the last cut-off up to 31/12 (the year's closing reports show them)."""
    sched = schedule.task_schedule(task)
    return (
        r.period is None
        and sched is not None
        and sched.ongoing
        and not year_window.start <= r.date <= date(year_window.year, 12, 31)
    )


def check_unreported(ctx: RuleContext) -> list[Problem]:
    """A completion no report of the year shows when made on its report day (its due date):
    done after the last report of the year was due, or before the year's first window."""
    from kstthc_cli.compute.evaluate import unreported

    ws = ctx.ws
    if "actuals" not in ws.docs:
        return []
    cal = ctx.calendar
    reports = cal.report_periods()
    # A completion dated inside a report's data window, by that report's day, is one that
    # report shows (``reach``: "window", whatever it is for); only the tasks with another
    # completion have their statuses worked out.
    doubtful = {
        r.task
        for r in ws.actuals.tasks
        if r.status == "done"
        and not any(p.start <= r.date <= p.end and r.date <= p.due for p in reports)
    }
    if not doubtful:
        return []
    as_of = ctx.as_of or date(ws.year + 1, 12, 31)
    statuses = schedule.all_task_statuses(
        ws.plan, list(ws.actuals.tasks), as_of, cal, only=doubtful
    )
    rows = {id(r): i for i, r in zip(ws.task_rows, ws.actuals.tasks, strict=True)}
    year_window = cal.period("Y")
    last = max(p.due for p in reports)
    doc = ws.docs["actuals"]
    out: list[Problem] = []
    for ts, r in unreported(statuses, cal):
        if _outside_windows(r, ts.task, year_window) or not record_date_ok(r.date, ws.year):
            continue  # said already (outside-reporting-windows, date-outside-year)
        if r.date > last:
            words = said(
                "unreported-completion/late",
                task=ts.task.id,
                day=r.date,
                last=last,
                year=ws.year,
                next=ws.year + 1,
            )
        else:
            words = said(
                "unreported-completion/early",
                task=ts.task.id,
                day=r.date,
                start=year_window.start,
                year=ws.year,
                before=ws.year - 1,
            )
        out.append(doc.problem(["tasks", rows[id(r)], "date"], words, severity="warning"))
    return out


#: The word a record's ``period`` takes for an ad hoc occurrence (đột xuất).
ADHOC_WORD = "Đột xuất"


def period_choices(task: Task, cal: schedule.YearCalendar) -> str:
    """The occurrences a record of ``task`` may name: ``Q1 (Quý I); …; đột xuất``."""
    sched = schedule.task_schedule(task)
    if sched is None:
        return ""
    labels = {o.key: o.label for o in schedule.occurrences(task, sched, cal)}
    if sched.adhoc:
        labels[schedule.ADHOC] = ADHOC_WORD
    return "; ".join(
        "đột xuất" if k == schedule.ADHOC else (f"{k} ({v})" if k != v else k)
        for k, v in labels.items()
    )


def one_off(task: Task, cal: schedule.YearCalendar) -> bool:
    """The task is done once in the year (not by period, not ongoing, not ad hoc)."""
    sched = schedule.task_schedule(task)
    return (
        sched is not None
        and not schedule.needs_period(task, cal)
        and not sched.ongoing
        and not sched.adhoc
    )


def _task_period_problems(
    doc: Document,
    base: Path_,
    task: Task,
    period: str | None,
    key: str | None,
    cal: schedule.YearCalendar,
) -> list[Problem]:
    """What is wrong with a record's ``period`` (``key``: the occurrence it names)."""
    named = f"Nhiệm vụ {task.id} ({task.timeframe})"
    if period is None:
        if schedule.needs_period(task, cal):
            return [
                doc.problem(
                    base,
                    said("period-required", named=named, choices=period_choices(task, cal)),
                )
            ]
        return []
    where = [*base, "period"]
    if key is not None and any(key == (m.id or f"M{i}") for i, m in enumerate(task.milestones, 1)):
        return []  # a milestone named by its id, even the only one
    if one_off(task, cal):
        return [
            doc.problem(
                where,
                said("bad-period/one-off" if key is None else "period-not-needed", named=named),
                severity="error" if key is None else "warning",
            )
        ]
    if key is None:
        choices = period_choices(task, cal)
        return [
            doc.problem(
                where,
                (
                    said("bad-period/task", named=named, period=period, choices=choices)
                    if choices
                    else said("bad-period/task-without-periods", named=named, period=period)
                ),
            )
        ]
    return []


def check_indicator_records(ctx: RuleContext) -> list[Problem]:
    ws = ctx.ws
    if "actuals" not in ws.docs:
        return []
    doc = ws.docs["actuals"]
    inds = {x.id: x for x in ws.indicators.indicators}
    cal = ctx.calendar
    out: list[Problem] = []
    seen: dict[tuple[str, str], int] = {}
    for i, r in zip(ws.indicator_rows, ws.actuals.indicators, strict=True):
        base: Path_ = ["indicators", i]
        ind = inds.get(r.indicator)
        if ind is None:
            near = closest(r.indicator, inds)
            listed = ", ".join(inds)
            found = (
                said("unknown-indicator/near", indicator=r.indicator, year=ws.year, near=near,
                     listed=listed)
                if near
                else said("unknown-indicator", indicator=r.indicator, year=ws.year, listed=listed)
            )  # fmt: skip
            out.append(doc.problem([*base, "indicator"], found))
            continue
        try:
            pid, year = periods.parse_period(r.period, ws.year)
        except Exception:
            out.append(
                doc.problem(
                    [*base, "period"],
                    said("bad-period", period=r.period, forms=periods.ACCEPTED_FORMS),
                )
            )
            continue
        if year != ws.year:
            out.append(
                doc.problem(
                    [*base, "period"],
                    said("bad-period/other-year", period=r.period, other=year, year=ws.year),
                )
            )
            continue
        window = cal.period(pid)
        if ctx.as_of is not None and window.start > ctx.as_of:
            out.append(
                doc.problem(
                    [*base, "period"],
                    said(
                        "period-not-begun/figure",
                        label=window.label,
                        start=window.start,
                        as_of=ctx.as_of,
                    ),
                    severity="warning",
                )
            )
        if (r.indicator, pid) in seen:
            line, _ = doc.locate(["indicators", seen[(r.indicator, pid)]])
            out.append(
                doc.problem(
                    base,
                    said(
                        "duplicate-figure",
                        indicator=r.indicator,
                        label=periods.LABELS[pid],
                        line=line,
                    ),
                )
            )
        seen[(r.indicator, pid)] = i
        out.extend(
            figure_problems(
                ind.measure,
                ind.unit,
                r.numerator,
                r.denominator,
                r.value,
                _factory(doc, base),
                none=r.none,
            )
        )
    return out


def check_percentages(ctx: RuleContext) -> list[Problem]:
    """A percentage indicator's target and last year's result cannot pass 100 %."""
    ws = ctx.ws
    doc = ws.docs["indicators"]
    out: list[Problem] = []
    for i, ind in enumerate(ws.indicators.indicators):
        if ind.unit.strip() != "%":
            continue
        checked: list[tuple[Path_, str, float | None]] = [
            (["indicators", i, "baseline"], "Kết quả năm trước", ind.baseline),
            (["indicators", i, "target", "value"], "Chỉ tiêu", ind.target.value),
        ]
        for path, what, value in checked:
            if value is not None and value > 100:
                out.append(
                    doc.problem(
                        path,
                        said(
                            "out-of-range/over-100",
                            what=what,
                            indicator=ind.id,
                            value=_plain(value),
                        ),
                    )
                )
    return out


def check_indicator_codes(ctx: RuleContext) -> list[Problem]:
    """An indicator's ``code`` is one of the national catalogue's, used once, and the
    indicator is measured as the catalogue's (else rollup cannot pool it with other communes)."""
    from kstthc_cli.load.catalogue import catalogue, differs, name_key

    ws = ctx.ws
    doc = ws.docs["indicators"]
    entries = catalogue()
    out: list[Problem] = []
    seen: dict[str, int] = {}
    for i, ind in enumerate(ws.indicators.indicators):
        if ind.code is None:
            continue
        path: Path_ = ["indicators", i, "code"]
        entry = entries.by_code.get(ind.code)
        if entry is None:
            by_name = entries.by_name.get(name_key(ind.name))
            near = by_name.code if by_name is not None else entries.nearest_code(ind.code)
            out.append(
                doc.problem(
                    path,
                    (
                        said(
                            "unknown-indicator-code/near",
                            given=ind.code,
                            indicator=ind.id,
                            near=near,
                        )
                        if near
                        else said("unknown-indicator-code", given=ind.code, indicator=ind.id)
                    ),
                )
            )
            continue
        if ind.code in seen:
            line, _ = doc.locate(["indicators", seen[ind.code], "code"])
            out.append(
                doc.problem(
                    path,
                    said(
                        "duplicate-indicator-code",
                        given=ind.code,
                        indicator=ind.id,
                        other=ws.indicators.indicators[seen[ind.code]].id,
                        line=line,
                    ),
                )
            )
            continue
        seen[ind.code] = i
        what = differs(ind, entry)
        if what is not None:
            mine, theirs = (
                (ind.measure, entry.measure) if what == "measure" else (ind.unit, entry.unit)
            )
            out.append(
                doc.problem(
                    ["indicators", i, what],
                    said(
                        f"indicator-code-mismatch/{what}",
                        indicator=ind.id,
                        given=ind.code,
                        mine=mine,
                        theirs=theirs,
                    ),
                    severity="warning",
                )
            )
    return out


def check_aggregates(ctx: RuleContext) -> list[Problem]:
    """``aggregate: ratio`` belongs to a ratio; a ratio adds up only as Σ/Σ."""
    ws = ctx.ws
    doc = ws.docs["indicators"]
    out: list[Problem] = []
    for i, ind in enumerate(ws.indicators.indicators):
        if ind.aggregate is None or (ind.aggregate == "ratio") == (ind.measure == "ratio"):
            continue
        out.append(
            doc.problem(
                ["indicators", i, "aggregate"],
                said(
                    "bad-aggregate/ratio" if ind.measure == "ratio" else "bad-aggregate",
                    indicator=ind.id,
                ),
            )
        )
    return out


def check_cumulative_figures(ctx: RuleContext) -> list[Problem]:
    """A 6-month (or 9-month, year) figure recorded beside the quarters it contains should be
    their sum: the year to date takes the longer period's figure, so a slip there is silent."""
    ws = ctx.ws
    if "actuals" not in ws.docs:
        return []
    doc = ws.docs["actuals"]
    ratio = {x.id for x in ws.indicators.indicators if x.measure == "ratio"}
    figures: dict[str, dict[str, tuple[int, indicators.Figure]]] = {}
    for i, r in zip(ws.indicator_rows, ws.actuals.indicators, strict=True):
        if r.indicator not in ratio or r.numerator is None or not r.denominator:
            continue
        pid = periods.period_of_year(r.period, ws.year)
        if pid is not None:
            figures.setdefault(r.indicator, {}).setdefault(pid, (i, indicators.figure_of(r)))
    out: list[Problem] = []
    for ind_id, by_pid in figures.items():
        plain = {pid: f for pid, (_, f) in by_pid.items()}
        for pid, parts, total, covered in indicators.parts_disagreeing(plain):
            row, whole = by_pid[pid]
            names = ", ".join(periods.LABELS[q] for q in parts)
            label = periods.LABELS[pid]
            figure = f"{whole.numerator}/{whole.denominator}"
            total_figure = f"{total.numerator}/{total.denominator}"
            out.append(
                doc.problem(
                    ["indicators", row],
                    said(
                        "cumulative-mismatch" if covered else "cumulative-mismatch/below",
                        indicator=ind_id,
                        label=label,
                        figure=figure,
                        parts=names,
                        total=total_figure,
                    ),
                    severity="warning",
                )
            )
        for first, second in indicators.overlapping(by_pid):
            row, _ = by_pid[second]
            out.append(
                doc.problem(
                    ["indicators", row],
                    said(
                        "overlapping-figures",
                        indicator=ind_id,
                        first=periods.LABELS[first],
                        second=periods.LABELS[second],
                    ),
                    severity="warning",
                )
            )
    return out


ProblemFactory = Callable[[str | None, Said], Problem]


def _factory(doc: Document, base: Path_) -> ProblemFactory:
    def make(field: str | None, words: Said) -> Problem:
        return doc.problem([*base, field] if field else base, words)

    return make


def _plain(x: float) -> str:
    """A number as typed, the Vietnamese way: 150, 100,5 (not 150.0, 100.5)."""
    return str(whole(float(x))).replace(".", ",")


def figure_problems(
    measure: str,
    unit: str,
    numerator: int | None,
    denominator: int | None,
    value: float | None,
    make: ProblemFactory,
    *,
    none: bool = False,
) -> list[Problem]:
    """The rules a figure obeys, shared by ``check`` and ``record``; a period with nothing to
    count (``none``) has no figure at all."""
    if none:
        if numerator is None and denominator is None and value is None:
            return []
        return [
            make(
                "none",
                said("none-with-figure"),
            )
        ]
    if measure == "ratio":
        if value is not None:
            return [
                make(
                    "value",
                    said("wrong-measure/ratio"),
                )
            ]
        if numerator is None or denominator is None:
            return [
                make(
                    None,
                    said("missing-figure/ratio"),
                )
            ]
        if denominator == 0:
            return [
                make(
                    "denominator",
                    said("zero-denominator"),
                )
            ]
        if numerator > denominator:
            return [
                make(
                    "numerator",
                    said(
                        "numerator-above-denominator",
                        numerator=numerator,
                        denominator=denominator,
                    ),
                )
            ]
        return []
    if numerator is not None or denominator is not None:
        return [
            make(
                None,
                said("wrong-measure"),
            )
        ]
    if value is None:
        return [make(None, said("missing-figure"))]
    if unit.strip() == "%" and not 0 <= value <= 100:
        return [
            make(
                "value",
                said("out-of-range", value=_plain(value)),
            )
        ]
    if value < 0:
        return [
            make(
                "value",
                said("out-of-range/negative", value=_plain(value), unit=unit),
            )
        ]
    return []


def _of_workspace(rule: Callable[[Workspace], list[Problem]]) -> Rule:
    """A rule that needs only the workspace (not the day judged), as a rule of the context."""

    def judged(ctx: RuleContext) -> list[Problem]:
        return rule(ctx.ws)

    judged.__name__ = rule.__name__
    return judged


RULES: tuple[Rule, ...] = (
    check_years,
    check_unique_ids,
    check_unit_refs,
    check_timeframes,
    check_decision,
    check_district_level,
    check_to_confirm,
    check_unread_left,
    check_task_records,
    check_unreported,
    check_indicator_records,
    check_cumulative_figures,
    check_percentages,
    check_indicator_codes,
    check_aggregates,
    *(_of_workspace(r) for r in figures_rules.RULES),
)


def validate(ws: Workspace, *, as_of: date | None = None) -> list[Problem]:
    """Every rule's findings about ``ws``, judged as of ``as_of`` (the day judged)."""
    ctx = RuleContext(ws, as_of)
    return [p for rule in RULES for p in rule(ctx)]
