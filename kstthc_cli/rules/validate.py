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
from kstthc_cli.load.text import did_you_mean, whole
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
                        "duplicate-id",
                        f"Mã {what} '{value}' bị trùng (đã dùng ở dòng {line}).",
                        "Mỗi mã chỉ được dùng một lần; đổi một trong hai mã.",
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
            out.append(
                ws.docs[doc_key].problem(
                    path,
                    "unknown-unit",
                    f"Đơn vị '{unit}' không có trong danh sách units của plan_{ws.year}.yaml.",
                    did_you_mean(unit, known) or "Thêm đơn vị vào mục units hoặc sửa lại mã.",
                )
            )

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
                        reason = f": {bad.reason}" if bad.reason else ""
                        out.append(
                            doc.problem(
                                [*base, "schedule", k],
                                "bad-schedule",
                                f"Không hiểu lịch '{item}' của nhiệm vụ {t.id}{reason}.",
                                f"Dùng một cách viết kstthc hiểu, gần nhất là "
                                f"'{timeframe.nearest(item)}' (xem README)."
                                if not bad.reason
                                else bad.hint,
                            )
                        )
                continue
            if bad := timeframe.diagnose(t.timeframe, ws.year):
                reason = f": {bad.reason}" if bad.reason else ""
                out.append(
                    doc.problem(
                        [*base, "timeframe"],
                        "bad-timeframe",
                        f"Không đọc được thời gian thực hiện '{t.timeframe}' của nhiệm vụ "
                        f"{t.id}{reason}.",
                        bad.hint,
                    )
                )
            for k, m in enumerate(t.milestones):
                if m.date.year not in (ws.year, ws.year + 1):
                    out.append(
                        doc.problem(
                            [*base, "milestones", k, "date"],
                            "date-outside-year",
                            f"Mốc ngày {m.date:%d/%m/%Y} nằm ngoài năm kế hoạch {ws.year}.",
                            "Kiểm tra lại năm của mốc.",
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
                "decision-incomplete",
                f"Chưa điền {missing} của quyết định ban hành kế hoạch.",
                'Điền khi quyết định được ký (ví dụ number: "27/QĐ-UBND", date: "2025-03-06").',
                severity="warning",
            )
        )
    if d.date is not None:
        for i, b in enumerate(d.legal_bases):
            if b.date is not None and b.date > d.date:
                out.append(
                    doc.problem(
                        ["decision", "legal_bases", i, "date"],
                        "basis-after-decision",
                        f"Căn cứ '{b.number or b.text[:40]}' ngày {b.date:%d/%m/%Y} có sau ngày "
                        f"quyết định {d.date:%d/%m/%Y} đã viện dẫn nó.",
                        "Kiểm tra ngày của quyết định (decision.date) hoặc ngày của căn cứ; "
                        "nếu văn bản gốc in như vậy thì giữ nguyên.",
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
                "year-mismatch",
                f"Tệp plan_{ws.year}.yaml ghi năm {ws.plan.year}.",
                f"Sửa 'year: {ws.year}' hoặc đổi tên tệp.",
            )
        )
    starts = ws.plan.starts
    if starts is not None and starts.year != ws.plan.year:
        out.append(
            ws.docs["plan"].problem(
                ["starts"],
                "year-mismatch",
                f"Ngày bắt đầu của kế hoạch ({_d(starts)}) không thuộc năm {ws.plan.year}.",
                f"Ghi một ngày của năm {ws.plan.year}, ví dụ starts: {ws.plan.year}-07-01; "
                "kế hoạch áp dụng cả năm thì bỏ dòng starts.",
            )
        )
    if ws.indicators.year != ws.year:
        out.append(
            ws.docs["indicators"].problem(
                ["year"],
                "year-mismatch",
                f"Tệp indicators_{ws.year}.yaml ghi năm {ws.indicators.year}.",
                f"Sửa 'year: {ws.year}'.",
            )
        )
    if ws.actuals.year is not None and ws.actuals.year != ws.year and "actuals" in ws.docs:
        out.append(
            ws.docs["actuals"].problem(
                ["year"],
                "year-mismatch",
                f"Tệp actuals_{ws.year}.yaml ghi năm {ws.actuals.year}.",
                f"Sửa 'year: {ws.year}'.",
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
            "district-after-2025",
            f"Từ {DISTRICTS_ENDED:%d/%m/%Y} không còn cấp huyện (Nghị quyết 203/2025/QH15), "
            f"nhưng kế hoạch năm {ws.plan.year} còn ghi '{value}'.",
            "Xã báo cáo lên tỉnh: sửa thành cơ quan cấp tỉnh nhận báo cáo (ví dụ 'Văn phòng "
            "UBND tỉnh …'), hoặc xóa dòng này nếu không còn cần.",
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
                "to-confirm",
                "'to_confirm' phải là danh sách tên khóa của mục này.",
                'Ví dụ: to_confirm: ["due_day"]; đã xác nhận hết thì xóa cả dòng.',
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
                    "to-confirm",
                    f"'to_confirm' ghi '{key}' nhưng mục này không có khóa '{key}'.",
                    f"Xóa '{key}' khỏi to_confirm.",
                    severity="warning",
                )
            )
            continue
        out.append(
            doc.problem(
                [*path, key],
                "to-confirm",
                f"{where[0].upper()}{where[1:]} do kstthc init điền sẵn, chưa được xác nhận.",
                "Đối chiếu với văn bản của xã, sửa nếu cần, rồi xóa "
                f"'{key}' khỏi to_confirm của mục này.",
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
        for number, line in enumerate(doc.text.splitlines(), start=1):
            m = _UNREAD_LINE.match(line)
            if m is None:
                continue
            out.append(
                doc.problem_at(
                    number,
                    m.start(1) + 1,
                    "unread-left",
                    f"Phần ghi chú dưới dòng {UNREAD} này kstthc init chưa đọc được từ tệp "
                    "Word, nên chưa có trong dữ liệu.",
                    "Điền ô còn trống theo bản in, bỏ dấu # ở các dòng của nó, rồi xóa dòng "
                    f"{UNREAD} này.",
                    severity="warning",
                )
            )
    return out


def _dotted(path: Path_) -> str:
    """``decision.legal_bases[2].date``: where a value is, as the officer counts items."""
    text = ""
    for step in path:
        text += f"[{step + 1}]" if isinstance(step, int) else ("." if text else "") + str(step)
    return text


def _other_year_hint(year: int, step: int) -> str:
    other = year + step
    which = "năm sau" if step > 0 else "năm trước"
    return (
        f"Nếu là hoạt động của {which}, ghi vào tệp actuals_{other}.yaml (kế hoạch năm "
        f"{other}); nếu nhầm ngày, sửa lại ngày."
    )


def record_date_ok(day: date, year: int) -> bool:
    """A record of plan year ``year`` may be dated from 01/12 of the year before (the first
    window opens then) to 31/03 of the year after (the year's report is done by then)."""
    return date(year - 1, 12, 1) <= day <= date(year + 1, 3, 31)


def _d(day: date) -> str:
    return f"{day:%d/%m/%Y}"


def check_task_records(ctx: RuleContext) -> list[Problem]:
    ws = ctx.ws
    if "actuals" not in ws.docs:
        return []
    doc = ws.docs["actuals"]
    tasks = {t.id: t for _, t in ws.plan.all_tasks()}
    cal = schedule.YearCalendar(ws.year, ws.plan.reporting, ws.plan.starts)
    year_window = cal.period("Y")
    out: list[Problem] = []
    for i, r in zip(ws.task_rows, ws.actuals.tasks, strict=True):
        base: Path_ = ["tasks", i]
        task = tasks.get(r.task)
        if task is None:
            out.append(
                doc.problem(
                    [*base, "task"],
                    "unknown-task",
                    f"Không có nhiệm vụ số '{r.task}' trong kế hoạch năm {ws.year}."
                    + (f" {near}" if (near := did_you_mean(r.task, tasks)) else ""),
                    "Xem danh sách nhiệm vụ bằng lệnh: kstthc tasks",
                )
            )
            continue
        period_problems = _task_period_problems(doc, base, task, r.period, cal)
        out.extend(period_problems)
        if any(p.is_error for p in period_problems):
            continue
        date_ok = record_date_ok(r.date, ws.year)
        if not date_ok:
            out.append(
                doc.problem(
                    [*base, "date"],
                    "date-outside-year",
                    f"Ngày {_d(r.date)} nằm ngoài năm kế hoạch {ws.year}.",
                    f"Ngày thực hiện phải từ 01/12/{ws.year - 1} đến 31/03/{ws.year + 1}; "
                    "kiểm tra lại ngày.",
                    severity="warning",
                )
            )
        if ctx.as_of is not None and r.date > ctx.as_of:
            out.append(
                doc.problem(
                    [*base, "date"],
                    "after-as-of",
                    f"Ngày {_d(r.date)} còn ở sau ngày xét {_d(ctx.as_of)}: chưa thể ghi là "
                    "đã làm.",
                    "Kiểm tra ngày thực hiện, hoặc ngày xét.",
                    severity="warning",
                )
            )
        key = schedule.match_key(task, cal, r.period) if r.period is not None else None
        window = cal.period(key) if key in periods.SPANS else None
        if window is not None and ctx.as_of is not None and window.start > ctx.as_of:
            out.append(
                doc.problem(
                    [*base, "period"],
                    "period-not-begun",
                    f"Kỳ {window.label} (từ {_d(window.start)}) chưa bắt đầu tính đến ngày "
                    f"{_d(ctx.as_of)}: chưa thể ghi việc của kỳ này.",
                    "Kiểm tra kỳ (period), hoặc ngày xét.",
                    severity="warning",
                )
            )
        elif window is not None and r.date < window.start:
            out.append(
                doc.problem(
                    [*base, "date"],
                    "before-period",
                    f"Ngày {_d(r.date)} còn trước khi kỳ {window.label} bắt đầu "
                    f"({_d(window.start)}): việc của kỳ này chưa thể làm vào ngày đó.",
                    "Kiểm tra ngày, hoặc kỳ (period) của bản ghi.",
                    severity="warning",
                )
            )
        if _outside_windows(r, task, year_window) and date_ok:
            out.append(
                doc.problem(
                    [*base, "date"],
                    "outside-reporting-windows",
                    f"Ngày {_d(r.date)} nằm ngoài các kỳ báo cáo năm {ws.year} (số liệu "
                    f"tính từ {_d(year_window.start)} đến {_d(year_window.end)}): "
                    "hoạt động này không được tính vào kỳ nào của năm.",
                    _other_year_hint(ws.year, -1 if r.date < year_window.start else 1),
                    severity="warning",
                )
            )
    return out


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
    if "actuals" not in ws.docs or not any(r.status == "done" for r in ws.actuals.tasks):
        return []
    cal = schedule.YearCalendar(ws.year, ws.plan.reporting, ws.plan.starts)
    as_of = ctx.as_of or date(ws.year + 1, 12, 31)
    statuses = schedule.all_task_statuses(ws.plan, list(ws.actuals.tasks), as_of, cal)
    rows = {id(r): i for i, r in zip(ws.task_rows, ws.actuals.tasks, strict=True)}
    year_window = cal.period("Y")
    last = max(p.due for p in cal.report_periods())
    doc = ws.docs["actuals"]
    out: list[Problem] = []
    for ts, r in unreported(statuses, cal):
        if _outside_windows(r, ts.task, year_window) or not record_date_ok(r.date, ws.year):
            continue  # said already (outside-reporting-windows, date-outside-year)
        if r.date > last:
            why = f"sau hạn của báo cáo cuối cùng trong năm ({_d(last)})"
            hint = (
                f"Báo cáo năm xét tại ngày {_d(r.date)} (hoặc ngày muộn hơn) ghi việc này là "
                "hoàn thành sau ngày chốt số liệu; nếu là việc của năm "
                f"sau, ghi vào tệp actuals_{ws.year + 1}.yaml."
            )
        else:
            why = f"trước kỳ báo cáo đầu tiên của năm (từ {_d(year_window.start)})"
            hint = _other_year_hint(ws.year, -1)
        out.append(
            doc.problem(
                ["tasks", rows[id(r)], "date"],
                "unreported-completion",
                f"Nhiệm vụ {ts.task.id} hoàn thành ngày {_d(r.date)}, {why}: không báo cáo "
                f"nào của năm {ws.year} lập đúng hạn ghi nhận việc này.",
                hint,
                severity="warning",
            )
        )
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
    doc: Document, base: Path_, task: Task, period: str | None, cal: schedule.YearCalendar
) -> list[Problem]:
    named = f"Nhiệm vụ {task.id} ({task.timeframe})"
    if period is None:
        if schedule.needs_period(task, cal):
            return [
                doc.problem(
                    base,
                    "period-required",
                    f"{named} phải nộp nhiều lần: cần cho biết kỳ nào.",
                    f"Ghi kỳ (period), một trong: {period_choices(task, cal)}.",
                )
            ]
        return []
    key = schedule.match_key(task, cal, period)
    where = [*base, "period"]
    if key is not None and any(key == (m.id or f"M{i}") for i, m in enumerate(task.milestones, 1)):
        return []  # a milestone named by its id, even the only one
    if one_off(task, cal):
        return [
            doc.problem(
                where,
                "bad-period" if key is None else "period-not-needed",
                f"{named} chỉ thực hiện một lần, không theo kỳ.",
                "Xóa dòng period của bản ghi.",
                severity="error" if key is None else "warning",
            )
        ]
    if key is None:
        choices = period_choices(task, cal)
        return [
            doc.problem(
                where,
                "bad-period",
                f"{named} không có kỳ '{period}'.",
                f"Các kỳ của nhiệm vụ này: {choices}."
                if choices
                else "Nhiệm vụ này không theo kỳ: xóa dòng period.",
            )
        ]
    return []


def check_indicator_records(ctx: RuleContext) -> list[Problem]:
    ws = ctx.ws
    if "actuals" not in ws.docs:
        return []
    doc = ws.docs["actuals"]
    inds = {x.id: x for x in ws.indicators.indicators}
    cal = schedule.YearCalendar(ws.year, ws.plan.reporting, ws.plan.starts)
    out: list[Problem] = []
    seen: dict[tuple[str, str], int] = {}
    for i, r in zip(ws.indicator_rows, ws.actuals.indicators, strict=True):
        base: Path_ = ["indicators", i]
        ind = inds.get(r.indicator)
        if ind is None:
            out.append(
                doc.problem(
                    [*base, "indicator"],
                    "unknown-indicator",
                    f"Không có chỉ tiêu số '{r.indicator}' trong indicators_{ws.year}.yaml."
                    + (f" {near}" if (near := did_you_mean(r.indicator, inds)) else ""),
                    "Các chỉ tiêu: " + ", ".join(inds) + ".",
                )
            )
            continue
        try:
            pid, year = periods.parse_period(r.period, ws.year)
        except Exception:
            out.append(
                doc.problem(
                    [*base, "period"],
                    "bad-period",
                    f"Không hiểu kỳ '{r.period}'.",
                    f"Viết một trong: {periods.ACCEPTED_FORMS}.",
                )
            )
            continue
        if year != ws.year:
            out.append(
                doc.problem(
                    [*base, "period"],
                    "bad-period",
                    f"Kỳ '{r.period}' thuộc năm {year}, không phải năm kế hoạch {ws.year}.",
                    f"Ghi số liệu năm {year} vào tệp actuals_{year}.yaml.",
                )
            )
            continue
        window = cal.period(pid)
        if ctx.as_of is not None and window.start > ctx.as_of:
            out.append(
                doc.problem(
                    [*base, "period"],
                    "period-not-begun",
                    f"Kỳ {window.label} (từ {_d(window.start)}) chưa bắt đầu tính đến "
                    f"ngày {_d(ctx.as_of)}: chưa thể có số liệu.",
                    "Kiểm tra kỳ (period), hoặc ngày xét.",
                    severity="warning",
                )
            )
        if (r.indicator, pid) in seen:
            line, _ = doc.locate(["indicators", seen[(r.indicator, pid)]])
            out.append(
                doc.problem(
                    base,
                    "duplicate-figure",
                    f"Chỉ tiêu {r.indicator} đã có số liệu kỳ {periods.LABELS[pid]} ở dòng {line}.",
                    "Giữ một bản ghi cho mỗi chỉ tiêu và kỳ (kstthc record sẽ thay thế).",
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
                        "out-of-range",
                        f"{what} của chỉ tiêu {ind.id} là {_plain(value)} %, quá 100 %.",
                        "Tỷ lệ phần trăm nằm trong 0–100; kiểm tra lại số (có thể gõ thừa).",
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
                    "unknown-indicator-code",
                    f"Mã '{ind.code}' của chỉ tiêu {ind.id} không có trong danh mục chỉ tiêu "
                    "quốc gia.",
                    (f"Có phải ý bạn là '{near}'? " if near else "")
                    + "Xem danh mục trong README (mục Mã chỉ tiêu), hoặc bỏ dòng code.",
                )
            )
            continue
        if ind.code in seen:
            line, _ = doc.locate(["indicators", seen[ind.code], "code"])
            out.append(
                doc.problem(
                    path,
                    "duplicate-indicator-code",
                    f"Mã '{ind.code}' của chỉ tiêu {ind.id} đã dùng cho chỉ tiêu "
                    f"{ws.indicators.indicators[seen[ind.code]].id} (dòng {line}).",
                    "Mỗi mã danh mục chỉ dùng cho một chỉ tiêu; sửa hoặc bỏ một trong hai.",
                )
            )
            continue
        seen[ind.code] = i
        what = differs(ind, entry)
        if what is not None:
            said = (
                f"cách đo '{ind.measure}', danh mục ghi '{entry.measure}'"
                if what == "measure"
                else f"đơn vị '{ind.unit}', danh mục ghi '{entry.unit}'"
            )
            out.append(
                doc.problem(
                    ["indicators", i, what],
                    "indicator-code-mismatch",
                    f"Chỉ tiêu {ind.id} (mã '{ind.code}') có {said}: khi tổng hợp nhiều xã, "
                    "chỉ tiêu này không được gộp.",
                    "Sửa cho giống danh mục, hoặc bỏ mã nếu đây là chỉ tiêu khác.",
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
                "bad-aggregate",
                f"Chỉ tiêu {ind.id} tính bằng tử số/mẫu số chỉ cộng qua các kỳ bằng Σ tử số / "
                "Σ mẫu số."
                if ind.measure == "ratio"
                else f"Chỉ tiêu {ind.id} nhập thẳng giá trị nên không có tử số, mẫu số để "
                "cộng (aggregate: ratio).",
                'Bỏ aggregate, hoặc ghi "ratio" cho chỉ tiêu tử số/mẫu số; "sum" (cộng các kỳ) '
                'hay "latest" (lấy kỳ gần nhất) cho chỉ tiêu nhập thẳng giá trị.',
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
            said = f"Chỉ tiêu {ind_id} kỳ {label} ghi {whole.numerator}/{whole.denominator}"
            said += (
                f", nhưng cộng các kỳ trong đó ({names}) được {total.numerator}/{total.denominator}"
                if covered
                else f", nhỏ hơn tổng các kỳ đã ghi nằm trong nó ({names}: "
                f"{total.numerator}/{total.denominator})"
            )
            out.append(
                doc.problem(
                    ["indicators", row],
                    "cumulative-mismatch",
                    f"{said}; lũy kế dùng số của {label}.",
                    "Sửa cho khớp, hoặc xóa bản ghi không đúng.",
                    severity="warning",
                )
            )
        for first, second in indicators.overlapping(by_pid):
            row, _ = by_pid[second]
            out.append(
                doc.problem(
                    ["indicators", row],
                    "overlapping-figures",
                    f"Chỉ tiêu {ind_id} có số liệu {periods.LABELS[first]} và "
                    f"{periods.LABELS[second]}, hai kỳ chồng lên nhau; lũy kế chỉ dùng được "
                    "một trong hai.",
                    "Giữ số liệu các kỳ không chồng nhau (ví dụ các quý), xóa bản ghi thừa.",
                    severity="warning",
                )
            )
    return out


ProblemFactory = Callable[[str | None, str, str, str], Problem]


def _factory(doc: Document, base: Path_) -> ProblemFactory:
    def make(field: str | None, code: str, message: str, hint: str) -> Problem:
        return doc.problem([*base, field] if field else base, code, message, hint)

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
                "none-with-figure",
                "Kỳ ghi là không phát sinh (none: true) nhưng lại có số liệu.",
                "Bỏ none: true, hoặc bỏ số liệu của kỳ này.",
            )
        ]
    if measure == "ratio":
        if value is not None:
            return [
                make(
                    "value",
                    "wrong-measure",
                    "Chỉ tiêu này tính bằng tử số/mẫu số, không nhập thẳng tỷ lệ.",
                    "Ghi numerator (tử số) và denominator (mẫu số).",
                )
            ]
        if numerator is None or denominator is None:
            return [
                make(
                    None,
                    "missing-figure",
                    "Cần cả tử số (numerator) và mẫu số (denominator).",
                    "Ví dụ: numerator: 40, denominator: 80.",
                )
            ]
        if denominator == 0:
            return [
                make(
                    "denominator",
                    "zero-denominator",
                    "Mẫu số bằng 0: kỳ này không có số liệu để tính tỷ lệ.",
                    "Kỳ không phát sinh hồ sơ thì đừng ghi số liệu (sẽ hiện là chưa có số liệu).",
                )
            ]
        if numerator > denominator:
            return [
                make(
                    "numerator",
                    "numerator-above-denominator",
                    f"Tử số {numerator} lớn hơn mẫu số {denominator}.",
                    "Tử số là phần được đếm trong tổng số, nên không thể lớn hơn mẫu số.",
                )
            ]
        return []
    if numerator is not None or denominator is not None:
        return [
            make(
                None,
                "wrong-measure",
                "Chỉ tiêu này nhập thẳng giá trị (value), không dùng tử số/mẫu số.",
                "Ghi value, ví dụ value: 92.5.",
            )
        ]
    if value is None:
        return [make(None, "missing-figure", "Thiếu giá trị (value).", "Ví dụ: value: 92.5.")]
    if unit.strip() == "%" and not 0 <= value <= 100:
        return [
            make(
                "value",
                "out-of-range",
                f"Tỷ lệ {_plain(value)} nằm ngoài khoảng 0–100 %.",
                "Ghi tỷ lệ phần trăm, ví dụ 92.5.",
            )
        ]
    if value < 0:
        return [
            make(
                "value",
                "out-of-range",
                f"Số {_plain(value)} {unit} là số âm.",
                "Ghi số đã đếm được, ví dụ 2.",
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
