"""The periodic report (báo cáo định kỳ) as data: everything computed once, for any renderer.

``build_report`` returns plain dataclasses holding every figure and sentence of the report;
``report_md`` (Jinja) and ``report_docx`` (python-docx) only lay them out, so both formats say
the same thing and a template never holds a rule.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from kstthc_cli.compute import periods
from kstthc_cli.compute.evaluate import PeriodResult, YearState, reach
from kstthc_cli.compute.indicators import Figure, record_period
from kstthc_cli.compute.schedule import (
    URGENCY,
    OccurrenceStatus,
    TaskStatus,
    YearCalendar,
    known_on,
)
from kstthc_cli.errors import KstthcError
from kstthc_cli.load.models import Plan, Task, TaskRecord
from kstthc_cli.load.workspace import Workspace
from kstthc_cli.render import textfmt
from kstthc_cli.rules.validate import DISTRICTS_ENDED, district_mentions

COUNTRY = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
TITLE = "BÁO CÁO"
#: Shown in a figure cell with no figure; the table's note says what it means.
NO_FIGURE = "—"

#: The next period of the same length within the plan year; absent: the next year's plan.
NEXT_PERIOD: dict[str, str] = {
    "Q1": "Q2",
    "Q2": "Q3",
    "Q3": "Q4",
    "H1": "H2",
    "M9": "Q4",  # no second 9-month period: what is left of the year
    **{f"T{m:02d}": f"T{m + 1:02d}" for m in range(1, 12)},
}
#: For a period closing the year: the period of the same length that opens the next one.
FIRST_OF_NEXT_YEAR: dict[str, str] = {"Q4": "Q1", "H2": "H1", "Y": "Y", "T12": "T01"}

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")

#: What a completion shown after the period's cut-off (chốt số liệu) says.
AFTER_CUTOFF = " (hoàn thành sau ngày chốt số liệu)"

#: How long a task's content may run when it names the task in a sentence.
TASK_NAME_WIDTH = 120


# ---------------------------------------------------------------- the context


@dataclass(frozen=True)
class Header:
    """The NĐ 30 header: the issuing body's column and the national motto's column."""

    parent_body: str | None
    issuing_body: str
    number: str
    country: str
    motto: str
    place_date: str


@dataclass(frozen=True)
class Part:
    """A numbered part of the report body (I., II., …)."""

    number: str
    title: str


@dataclass(frozen=True)
class Entry:
    """One line about a task: a record of what was done, or an occurrence still open."""

    task_id: str
    task: str
    occurrence: str | None
    state: str
    date: str | None
    evidence: str | None
    note: str | None
    text: str
    #: The same sentence without the task's name, for a line under the task's own line.
    detail: str = ""


@dataclass(frozen=True)
class TaskResults:
    """What was recorded on one task in the period: ``text`` is the one line when there is a
    single record; with several, the task's name heads its records' ``detail`` lines."""

    task_id: str
    task: str
    entries: list[Entry]
    text: str | None


@dataclass(frozen=True)
class SectionPart:
    """A plan section (mục I…X) in part I: what was done in the period and what is open."""

    number: int
    id: str
    title: str
    done: list[TaskResults]
    pending: list[Entry]


@dataclass(frozen=True)
class IndicatorRow:
    """A row of the indicator table (chỉ tiêu): target, the period's figure, year to date."""

    id: str
    name: str
    unit: str
    target: str
    target_text: str
    period: str
    period_detail: str | None
    ytd: str
    ytd_detail: str | None
    state: str
    verdict: str
    notes: list[str]
    summary: str


@dataclass(frozen=True)
class Shortcomings:
    """Part "Tồn tại, hạn chế": overdue occurrences, idle ongoing tasks, unmet indicators."""

    overdue: list[Entry]
    idle: list[str]
    idle_text: str | None
    unmet: list[IndicatorRow]
    nothing: bool


@dataclass(frozen=True)
class NextPeriod:
    """Part "Nhiệm vụ kỳ tới": the next period of the same length and what falls due in it."""

    id: str
    year: int
    label: str
    in_plan: bool
    window: str | None
    due: str | None
    text: str
    tasks: list[Entry]
    actions: list[str]


@dataclass(frozen=True)
class Signature:
    """The signature block: "TM. ỦY BAN NHÂN DÂN" / "CHỦ TỊCH" / name."""

    on_behalf: str | None
    title: str
    name: str | None


@dataclass(frozen=True)
class Report:
    """Everything a periodic report says, computed; renderers only lay it out."""

    year: int
    period_id: str
    period_label: str
    period_title: str
    as_of: date
    report_date: date
    header: Header
    title: str
    summary: str
    recipient: str
    window_start: str
    window_end: str
    window: str
    intro: str
    parts: dict[str, Part]
    sections: list[SectionPart]
    indicators: list[IndicatorRow]
    indicator_intro: str
    indicator_note: str
    narrative: str | None
    narrative_file: str | None
    shortcomings: Shortcomings
    next_period: NextPeriod
    signature: Signature
    recipients: list[str]
    notes: list[str] = field(default_factory=list)
    #: The workspace's folder: where its own report template is looked for.
    data_dir: Path | None = None

    @property
    def file_stem(self) -> str:
        """A file name for the report: ``bao-cao-Q2-2024``."""
        return f"bao-cao-{self.period_id}-{self.year}"


# ---------------------------------------------------------------- words


def place_date(place: str, day: date) -> str:
    """The place and date line, e.g. "Hương Trà, ngày 05 tháng 01 năm 2024": NĐ 30 puts a zero
    before days below 10 and before months 1 and 2, and only there ("ngày 15 tháng 6")."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


def period_title(pid: str, year: int) -> str:
    """How the period is named in a sentence: "Quý II năm 2024", "6 tháng đầu năm 2024"."""
    if pid in periods.QUARTERS:
        return f"{periods.LABELS[pid]} năm {year}"
    if pid == "H1":
        return f"6 tháng đầu năm {year}"
    if pid == "H2":
        return f"6 tháng cuối năm {year}"
    if pid == "M9":
        return f"9 tháng đầu năm {year}"
    if pid == "Y":
        return f"năm {year}"
    month = periods.SPANS[pid][0]
    return f"tháng {month:02d} năm {year}" if month <= 2 else f"tháng {month} năm {year}"


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def task_name(task: Task) -> str:
    """How a sentence names a task: Nhiệm vụ 3 (Thực hiện công khai TTHC sau khi được công bố)."""
    return f"Nhiệm vụ {task.id} ({shorten(task.content, TASK_NAME_WIDTH)})"


def shorten(text: str, width: int) -> str:
    """At most ``width`` characters, cut between words, "…" where something was cut."""
    text = " ".join(text.split()).rstrip(" .;:")
    if len(text) <= width:
        return text
    cut = text[: width - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,.;:-–") + "…"


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?", "…", ":")) else text + "."


def _figure_text(fig: Figure | None, unit: str) -> tuple[str, str | None]:
    """(the figure, the counts it comes from) in Vietnamese style: ("75,00 %", "90/120")."""
    if fig is not None and fig.none and fig.actual is None:
        return "không phát sinh", None
    if fig is None or fig.actual is None:
        return NO_FIGURE, None
    value = fig.percent
    shown = textfmt.pct(value) if unit.strip() == "%" else f"{textfmt.num(value)} {unit}"
    if fig.value is not None:
        return shown, None
    assert fig.numerator is not None and fig.denominator is not None
    return shown, textfmt.ratio(fig.numerator, fig.denominator)


def recipients_lines(items: list[str], preparer: str | None = None) -> list[str]:
    """Nơi nhận as printed: "- …;" per line, the last "- Lưu: VT, ….". A list with no
    "Lưu" line gets "Lưu: VT", which NĐ 30 requires, and the unit that prepared the report
    (``reporting.preparer``: "Lưu: VT, VP-TK")."""
    names = [i.strip().rstrip(";.").strip() for i in items if i.strip().rstrip(";.").strip()]
    if not names:
        names = ["Như trên"]
    if not any(periods.fold(n).startswith("luu") for n in names):
        names.append("Lưu: VT" + (f", {preparer.upper()}" if preparer else ""))
    # "Lưu" closes the list whatever order the plan gave.
    kept = [n for n in names if not periods.fold(n).startswith("luu")]
    kept += [n for n in names if periods.fold(n).startswith("luu")]
    return [f"{n};" for n in kept[:-1]] + [f"{kept[-1]}."]


# ---------------------------------------------------------------- building


def _within(inner: str, outer: str) -> bool:
    a, b = periods.SPANS[inner]
    c, d = periods.SPANS[outer]
    return c <= a and b <= d


@dataclass(frozen=True)
class _Scope:
    """The period a report covers, and the day everything is judged by."""

    pid: str
    year: int
    start: date
    end: date
    first_day: date
    last_day: date
    as_of: date
    state: YearState

    def holds(self, r: TaskRecord, occ: OccurrenceStatus | None = None) -> bool:
        """A record the report shows, as the evaluation says (``evaluate.reach``)."""
        period = self.state.calendar.period(self.pid)
        return known_on(r, self.as_of) and (
            reach(period, r, occ.occurrence if occ is not None else None) is not None
        )


def _record_entry(
    ts: TaskStatus,
    r: TaskRecord,
    o: OccurrenceStatus | None,
    adhoc: bool,
    after_cutoff: bool = False,
) -> Entry:
    name = task_name(ts.task)
    label = None
    if o is not None and o.occurrence.kind != "activity":
        label = o.occurrence.label
    if r.status == "in-progress":
        verb = f"đang thực hiện (cập nhật ngày {textfmt.d(r.date)})"
    elif adhoc:
        verb = f"đã thực hiện đột xuất ngày {textfmt.d(r.date)}"
    elif label is None:
        verb = f"đã thực hiện ngày {textfmt.d(r.date)}"
    else:
        verb = f"đã hoàn thành ngày {textfmt.d(r.date)}"
        due = o.occurrence.due if o is not None else None
        if due is not None and r.date > due:
            verb += f" (trễ {(r.date - due).days} ngày so với hạn {textfmt.d(due)})"
    if after_cutoff and r.status == "done":
        verb += AFTER_CUTOFF
    core = f"{label}: {verb}" if label else verb
    tail = f"; kết quả: {r.evidence.strip().rstrip('.;')}" if r.evidence else ""
    note = " " + _sentence(r.note) if r.note else ""  # officer text as written
    text = _sentence(f"{name} - {core}{tail}" if label else f"{name}: {core}{tail}") + note
    detail = _sentence(_capitalised(core) + tail) + note
    return Entry(
        ts.task.id, name, label, r.status, textfmt.d(r.date), r.evidence, r.note, text, detail
    )


def _done_entries(ts: TaskStatus, scope: _Scope) -> list[Entry]:
    """What the evaluation says the period's report shows of the task (``reported_in``)."""
    return [
        _record_entry(ts, x.record, x.occurrence, x.adhoc, x.after_cutoff)
        for x in scope.state.reported_in(scope.pid, ts)
        if known_on(x.record, scope.as_of)
    ]


def _occurrence_words(o: OccurrenceStatus) -> str:
    """An owed occurrence in words: Quý I (hạn 31/03/2024) quá hạn 76 ngày."""
    occ = o.occurrence
    if o.state == "overdue":
        what = f"quá hạn {o.days_late} ngày" + (", đang thực hiện" if o.records else "")
    elif o.state == "in-progress":
        what = "đang thực hiện"
    elif o.state == "due-soon":
        what = f"sắp đến hạn (còn {o.days_left} ngày)"
    elif o.state == "done":
        what = "đã hoàn thành" + (f", trễ {o.days_late} ngày" if o.days_late else "")
    else:
        what = "chưa đến hạn"
    return f"{occ.label} (hạn {textfmt.d(occ.due)}) {what}"


def _open_entry(
    ts: TaskStatus,
    owed: list[OccurrenceStatus],
    words: bool = True,
    shown: _Scope | None = None,
) -> Entry:
    """One line for a task and the occurrences it still owes, most urgent state first. The
    officer's latest note on them follows, unless ``shown`` says it is already printed above."""
    name = task_name(ts.task)
    if words:
        body = "; ".join(_occurrence_words(o) for o in owed)
    else:
        body = "; ".join(f"{o.occurrence.label} (hạn {textfmt.d(o.occurrence.due)})" for o in owed)
    text = _sentence(f"{name}: {body}")
    notes = [
        r.note
        for o in owed
        for r in o.records
        if r.note and (shown is None or not shown.holds(r, o))
    ]
    if notes:
        text += " " + _sentence(notes[-1])
    state = min((o.state for o in owed), key=URGENCY.index)
    return Entry(
        ts.task.id,
        name,
        ", ".join(o.occurrence.label for o in owed),
        state,
        textfmt.d(owed[0].occurrence.due),
        None,
        notes[-1] if notes else None,
        text,
    )


def _pending_entries(ts: TaskStatus, scope: _Scope, has_done: bool) -> list[Entry]:
    out: list[Entry] = []
    owed = [
        o
        for o in ts.occurrences
        if o.occurrence.kind != "activity"
        and o.state != "done"
        and o.occurrence.due is not None
        and (o.occurrence.due <= scope.last_day or o.state == "overdue")
    ]
    if owed:
        out.append(_open_entry(ts, owed, shown=scope))
    name = task_name(ts.task)
    if ts.needs_milestones:
        text = _sentence(f"{name}: {ts.task.timeframe.lower()}, chưa có mốc thời gian cụ thể")
        out.append(Entry(ts.task.id, name, None, "no-milestones", None, None, None, text))
    if ts.schedule.ongoing and not has_done:
        text = _sentence(f"{name}: thường xuyên, chưa ghi nhận kết quả thực hiện trong kỳ")
        out.append(Entry(ts.task.id, name, None, "no-activity", None, None, None, text))
    return out


def _ids(items: list[str]) -> str:
    return ", ".join(items)


def _indicator_rows(results: tuple[PeriodResult, ...], scope: _Scope) -> list[IndicatorRow]:
    rows: list[IndicatorRow] = []
    for res in results:
        ind, s = res.indicator, res.ytd
        period, period_detail = _figure_text(res.figure, ind.unit)
        ytd, ytd_detail = _figure_text(s.ytd, ind.unit)
        target = textfmt.target(ind.target.op, s.target, ind.unit)
        verdict = textfmt.STATE_WORDS[s.state]
        notes = [
            _sentence(f"{periods.LABELS[p]}: {r.note.strip()}")
            for r in res.records
            if r.note and (p := record_period(r.period, scope.year)) is not None
        ]
        figure = ytd if ytd_detail is None else f"{ytd} ({ytd_detail})"
        summary = _sentence(
            f"Chỉ tiêu {ind.id} ({ind.name.rstrip(' .;')}): lũy kế {figure}, mục tiêu {target}"
        )
        rows.append(
            IndicatorRow(
                ind.id,
                ind.name.rstrip(" ."),
                ind.unit,
                target,
                ind.target.text,
                period,
                period_detail,
                ytd,
                ytd_detail,
                s.state,
                verdict,
                notes,
                summary,
            )
        )
    return rows


def _next_period(
    ws: Workspace,
    statuses: tuple[TaskStatus, ...],
    cal: YearCalendar,
    scope: _Scope,
    overdue_ids: list[str],
) -> NextPeriod:
    issuer = ws.plan.issuing_body
    carry = (
        [
            _sentence(
                f"Khẩn trương hoàn thành các nhiệm vụ còn quá hạn (nhiệm vụ {_ids(overdue_ids)})"
            )
        ]
        if overdue_ids
        else []
    )
    nxt = NEXT_PERIOD.get(scope.pid)
    if nxt is None:
        pid = FIRST_OF_NEXT_YEAR.get(scope.pid, scope.pid)
        year = scope.year + 1
        label = period_title(pid, year)
        text = _sentence(
            f"Kỳ tới ({label}) thuộc Kế hoạch hoạt động kiểm soát thủ tục hành chính năm {year}; "
            f"{issuer} triển khai các nhiệm vụ theo Kế hoạch năm {year}"
        )
        return NextPeriod(pid, year, label, False, None, None, text, [], carry)

    p = cal.period(nxt)
    first, last = periods.SPANS[nxt]
    first_day, last_day = date(scope.year, first, 1), periods.last_day(scope.year, last)
    label = period_title(nxt, scope.year)
    window = f"Số liệu tính từ ngày {textfmt.d(p.start)} đến ngày {textfmt.d(p.end)}"
    tasks: list[Entry] = []
    for ts in statuses:
        owed = [
            o
            for o in ts.occurrences
            if o.occurrence.kind != "activity"
            and o.occurrence.due is not None
            and o.state not in ("done", "overdue")
            and first_day <= o.occurrence.due <= last_day
        ]
        if owed:
            tasks.append(_open_entry(ts, owed, words=False))
    ongoing = [ts.task.id for ts in statuses if ts.schedule.ongoing]
    by_plan = [ts.task.id for ts in statuses if ts.needs_milestones]
    actions = list(carry)
    if ongoing:
        actions.append(
            _sentence(
                "Tiếp tục thực hiện thường xuyên các nhiệm vụ theo Kế hoạch "
                f"(nhiệm vụ {_ids(ongoing)})"
            )
        )
    if by_plan:
        actions.append(
            _sentence(
                "Xác định mốc thời gian cụ thể cho các nhiệm vụ thực hiện theo kế hoạch "
                f"(nhiệm vụ {_ids(by_plan)})"
            )
        )
    text = _sentence(
        f"{label[:1].upper() + label[1:]}: số liệu tính từ ngày {textfmt.d(p.start)} "
        f"đến ngày {textfmt.d(p.end)}, hạn gửi báo cáo ngày {textfmt.d(p.due)}"
    )
    return NextPeriod(nxt, scope.year, label, True, window, textfmt.d(p.due), text, tasks, actions)


def find_narrative(data_dir: Path, year: int, pid: str) -> Path | None:
    """The officer's own assessment for the period, kept in the workspace (never only in a
    generated file): ``narrative_<year>_<PERIOD>.md``."""
    path = data_dir / f"narrative_{year}_{pid}.md"
    return path if path.is_file() else None


def read_narrative(path: Path) -> str | None:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise KstthcError(
            f"Không đọc được tệp đánh giá {path}: {exc.strerror or exc}.",
            "Kiểm tra quyền đọc tệp.",
        ) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise KstthcError(
            f"Tệp đánh giá {path} không phải UTF-8 (byte lạ ở vị trí {exc.start}).",
            "Lưu lại tệp với bảng mã UTF-8 (trong Notepad: Lưu thành… → Mã hóa: UTF-8).",
        ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    return text or None


def _header(plan: Plan, number: str | None, day: date) -> Header:
    suffix = plan.reporting.report_number_suffix.strip().lstrip("/")
    return Header(
        parent_body=plan.parent_body.upper() if plan.parent_body else None,
        issuing_body=plan.issuing_body.upper(),
        number=f"Số: {(number or '').strip() or '…'}/{suffix}",
        country=COUNTRY,
        motto=MOTTO,
        place_date=place_date(plan.place, day),
    )


def _intro(plan: Plan, title: str) -> str:
    """The opening sentence, citing the decision that issued the plan."""
    d = plan.decision
    basis = plan.title
    if d.number:
        basis = f"Quyết định số {d.number}"
        if d.date:
            basis += f" ngày {textfmt.d(d.date)}"
        if d.authority:
            basis += f" của {d.authority}"
        basis += f" {_lower_first(d.title.rstrip(' .'))}"
    return (
        f"Thực hiện {basis}, {plan.issuing_body} báo cáo kết quả thực hiện công tác kiểm soát "
        f"thủ tục hành chính {title} như sau:"
    )


def _sections(
    plan: Plan, statuses: tuple[TaskStatus, ...], scope: _Scope
) -> tuple[list[SectionPart], list[str]]:
    """Part I, one entry per plan section even when nothing happened; and the ongoing tasks
    with nothing recorded in the period."""
    by_section: dict[str, list[TaskStatus]] = {}
    for ts in statuses:
        by_section.setdefault(ts.section_id, []).append(ts)
    sections: list[SectionPart] = []
    idle: list[str] = []
    for i, sec in enumerate(plan.sections, start=1):
        done: list[TaskResults] = []
        pending: list[Entry] = []
        for ts in by_section.get(sec.id, []):
            task_done = _done_entries(ts, scope)
            if task_done:
                one = task_done[0].text if len(task_done) == 1 else None
                done.append(TaskResults(ts.task.id, task_name(ts.task), task_done, one))
            pending += _pending_entries(ts, scope, bool(task_done))
            if ts.schedule.ongoing and not task_done:
                idle.append(ts.task.id)
        sections.append(SectionPart(i, sec.id, sec.title.rstrip(" ."), done, pending))
    return sections, idle


def _indicator_intro(title: str, starts: date | None) -> str:
    """The indicator table's lead-in: the year to date counts from a mid-year plan's start."""
    since = "đầu năm" if starts is None else f"ngày {textfmt.d(starts)} (Kế hoạch bắt đầu)"
    return f"Kết quả thực hiện các chỉ tiêu {title}; lũy kế tính từ {since} đến hết kỳ báo cáo:"


def build_report(
    state: YearState,
    *,
    pid: str,
    report_date: date | None = None,
    number: str | None = None,
) -> Report:
    """The report of period ``pid`` of an evaluated year, judged as of the state's day; what is
    the period's own (its figures, its records) comes from ``state`` too."""
    ws, as_of, cal = state.workspace, state.as_of, state.calendar
    plan, reporting = ws.plan, ws.plan.reporting
    year = ws.year
    period = cal.period(pid)
    first, last = periods.SPANS[pid]
    scope = _Scope(
        pid,
        year,
        period.start,
        period.end,
        date(year, first, 1),
        periods.last_day(year, last),
        as_of,
        state,
    )
    day = report_date or as_of
    title = period_title(pid, year)
    label = periods.LABELS[pid]

    header = _header(plan, number, day)
    window = f"Số liệu tính từ ngày {textfmt.d(period.start)} đến ngày {textfmt.d(period.end)}"
    intro = _intro(plan, title)

    statuses = state.tasks
    sections, idle = _sections(plan, statuses, scope)
    rows = _indicator_rows(state.indicators_in(pid), scope)

    overdue = []
    for ts in statuses:
        late = [o for o in ts.occurrences if o.state == "overdue"]
        if late:
            overdue.append(_open_entry(ts, late))
    overdue_ids = list(dict.fromkeys(e.task_id for e in overdue))
    unmet = [r for r in rows if r.state == "not-met"]
    idle_text = (
        _sentence(
            "Các nhiệm vụ thường xuyên chưa ghi nhận kết quả thực hiện trong kỳ: "
            f"nhiệm vụ {_ids(idle)}"
        )
        if idle
        else None
    )
    shortcomings = Shortcomings(overdue, idle, idle_text, unmet, not (overdue or idle or unmet))

    narrative_path = find_narrative(ws.data_dir, year, pid)
    narrative = read_narrative(narrative_path) if narrative_path is not None else None
    keys = ["tasks", "indicators", *(["narrative"] if narrative else []), "shortcomings", "next"]
    next_period = _next_period(ws, statuses, cal, scope, overdue_ids)
    titles = {
        "tasks": "KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ",
        "indicators": "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU",
        "narrative": "ĐÁNH GIÁ CHUNG",
        "shortcomings": "TỒN TẠI, HẠN CHẾ",
        "next": f"NHIỆM VỤ TRỌNG TÂM {next_period.label.upper()}",
    }
    parts = {k: Part(ROMAN[i], titles[k]) for i, k in enumerate(keys)}

    signer = reporting.signer or plan.decision.signer
    signature = Signature(
        on_behalf=reporting.signing_on_behalf.upper() if reporting.signing_on_behalf else None,
        title=reporting.signer_title.upper(),
        name=signer,
    )

    notes: list[str] = []
    if as_of < period.end:
        notes.append(
            f"Kỳ {title} chốt số liệu ngày {textfmt.d(period.end)}; ngày xét "
            f"{textfmt.d(as_of)} còn trước đó nên số liệu có thể chưa đủ."
        )
    if day >= DISTRICTS_ENDED:
        for path, value in district_mentions(plan):
            if path[0] == "decision":  # the decision's own Nơi nhận is not on the report
                continue
            line, _ = ws.docs["plan"].locate(path)
            where = f"plan_{year}.yaml" + (f", dòng {line}" if line else "")
            notes.append(
                f"Báo cáo ngày {textfmt.d(day)} còn ghi '{value}' ({where}), nhưng từ "
                f"{textfmt.d(DISTRICTS_ENDED)} không còn cấp huyện; sửa thành cơ quan cấp tỉnh "
                "hoặc xóa dòng đó."
            )
    return Report(
        year=year,
        period_id=pid,
        period_label=label,
        period_title=title,
        as_of=as_of,
        report_date=day,
        header=header,
        title=TITLE,
        summary=f"Kết quả thực hiện công tác kiểm soát thủ tục hành chính {title}",
        recipient=reporting.recipient.strip().rstrip("."),
        window_start=textfmt.d(period.start),
        window_end=textfmt.d(period.end),
        window=window,
        intro=intro,
        parts=parts,
        sections=sections,
        indicators=rows,
        indicator_intro=_indicator_intro(title, plan.starts),
        indicator_note=(
            "Ghi chú: lũy kế tính bằng tổng tử số / tổng mẫu số các kỳ (không lấy trung bình "
            "các tỷ lệ)"
            + (
                "; chỉ tiêu nhập thẳng giá trị (như mức độ hài lòng) lấy giá trị của kỳ gần nhất"
                if any(x.measure == "value" for x in ws.indicators.indicators)
                else ""
            )
            + f"; “{NO_FIGURE}” là chưa có số liệu."
        ),
        narrative=narrative,
        narrative_file=narrative_path.name if narrative_path is not None else None,
        shortcomings=shortcomings,
        next_period=next_period,
        signature=signature,
        recipients=recipients_lines(list(reporting.report_recipients), reporting.preparer),
        notes=notes,
        data_dir=ws.data_dir,
    )
