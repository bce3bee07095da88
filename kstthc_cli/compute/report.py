"""The periodic report (báo cáo định kỳ) as data: everything computed once, for any renderer.

``build_report`` returns plain dataclasses holding every figure and sentence of the report, in
the outline real commune reports follow (``regulations.md`` §9): the subject line, the lead-in
citing the reporting regime and the plans executed, the standard headings (each plan section
mapped onto one) with their figures, what was done and what is open, the shortcomings and their
causes, next period's tasks, proposals, the closing sentence, signature, Nơi nhận, and the
appendices (dossier table, indicators, late dossiers). ``report_md`` (Jinja) and
``report_docx`` (python-docx) only lay them out, so both formats say the same thing and a
template never holds a rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from kstthc_cli.compute import dossiers as dossier_table
from kstthc_cli.compute import figures as figs
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
from kstthc_cli.load import officer
from kstthc_cli.load.figures_model import Figures, LateDossier
from kstthc_cli.load.models import Formula, Indicator, Plan, Reporting, Section, Task, TaskRecord
from kstthc_cli.load.officer import OfficerText
from kstthc_cli.load.workspace import Workspace
from kstthc_cli.render import textfmt
from kstthc_cli.rules.validate import DISTRICTS_ENDED, district_mentions

COUNTRY = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
TITLE = "BÁO CÁO"
#: Shown in a figure cell with no figure; the table's note says what it means.
NO_FIGURE = "—"
#: What the report is about, before its period (the subject line of real reports).
SUBJECT = (
    "Tình hình, kết quả thực hiện công tác kiểm soát thủ tục hành chính, triển khai cơ chế "
    "một cửa, một cửa liên thông và thực hiện thủ tục hành chính trên môi trường điện tử"
)

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

#: The standard headings of part I, in the order real reports use (key → title).
HEADINGS: dict[str, str] = {
    "chi-dao": "Công tác chỉ đạo, điều hành",
    "cong-khai": "Công bố, công khai thủ tục hành chính",
    "ra-soat": "Rà soát, đơn giản hóa thủ tục hành chính",
    "phan-anh": "Tiếp nhận, xử lý phản ánh, kiến nghị về quy định hành chính, thủ tục hành chính",
    "mot-cua": "Kết quả giải quyết thủ tục hành chính theo cơ chế một cửa, một cửa liên thông",
    "dien-tu": "Thực hiện thủ tục hành chính trên môi trường điện tử",
    "truyen-thong": "Công tác truyền thông, kiểm tra",
}

#: A section's heading when the plan gives none: the first rule whose words its title holds.
_SECTION_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("phan-anh", ("phan anh", "kien nghi")),
    ("ra-soat", ("ra soat", "don gian hoa")),
    ("truyen-thong", ("kiem tra", "truyen thong", "tuyen truyen")),
    ("cong-khai", ("cong bo", "cong khai")),
    ("dien-tu", ("dien tu", "truc tuyen", "so hoa")),
    ("mot-cua", ("mot cua",)),
)
#: An indicator's heading, from the words of its name (else e-government).
_INDICATOR_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("phan-anh", ("phan anh", "kien nghi")),
    ("cong-khai", ("cong bo", "cong khai")),
    ("mot-cua", ("hai long", "dung han", "mot cua")),
)


#: The dossier table's header rows (Biểu 06, TT 01/2020/TT-VPCP).
DOSSIER_GROUPS: tuple[tuple[str, int], ...] = (
    ("Số hồ sơ nhận giải quyết", 4),
    ("Số hồ sơ đã giải quyết", 4),
    ("Số hồ sơ đang giải quyết", 3),
)
DOSSIER_COLUMNS: tuple[str, ...] = (
    "Tổng số",
    "Trực tuyến",
    "Trực tiếp, dịch vụ bưu chính",
    "Từ kỳ trước",
    "Tổng số",
    "Trước hạn",
    "Đúng hạn",
    "Quá hạn",
    "Tổng số",
    "Trong hạn",
    "Quá hạn",
)
#: The late-dossier list's columns.
LATE_COLUMNS: tuple[str, ...] = (
    "STT",
    "Mã hồ sơ",
    "Lĩnh vực, thủ tục",
    "Ngày tiếp nhận",
    "Ngày hẹn trả",
    "Ngày có kết quả",
    "Nguyên nhân",
)

#: What a completion shown after the period's cut-off (chốt số liệu) says.
AFTER_CUTOFF = " (hoàn thành sau ngày chốt số liệu)"


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
class TaskLine:
    """A task under a heading, once: ``text`` is its one line; with several things to say (two
    records, a record and what is still open), ``text`` is ``None`` and the task's name heads
    its ``lines``."""

    task_id: str
    task: str
    entries: list[Entry]
    open: str | None
    text: str | None
    lines: list[str]


@dataclass(frozen=True)
class HeadingPart:
    """A standard heading of part I: its figures in sentences, the tasks done (with their
    evidence in full, and what they still owe), the tasks open, and one sentence for the
    ongoing tasks with nothing recorded."""

    number: int
    key: str
    title: str
    sections: list[str]
    figures: list[str]
    done: list[TaskLine]
    open: list[TaskLine]
    ongoing: list[str]
    ongoing_text: str | None
    empty: bool


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
    numerator: str
    denominator: str
    formula: str | None
    heading: str
    sentence: str


@dataclass(frozen=True)
class Shortcomings:
    """Part "Tồn tại, hạn chế và nguyên nhân": overdue occurrences, unmet indicators, late
    dossiers with their causes, and the officer's causes."""

    overdue: list[Entry]
    unmet: list[IndicatorRow]
    late_text: str | None
    causes: OfficerText | None
    nothing: bool


@dataclass(frozen=True)
class NextPeriod:
    """Part "Phương hướng, nhiệm vụ kỳ tới": the next period of the same length and what falls
    due in it."""

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
    """The signature block, NĐ 30: "TM. ỦY BAN NHÂN DÂN" / "CHỦ TỊCH", or with a deputy
    "TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH"; then the signer's name."""

    lines: tuple[str, ...]
    name: str | None

    @property
    def on_behalf(self) -> str | None:
        """The first line when there are several (the "TM." line)."""
        return self.lines[0] if len(self.lines) > 1 else None

    @property
    def title(self) -> str:
        """The signer's own title (the last line)."""
        return self.lines[-1]


@dataclass(frozen=True)
class DossierAppendix:
    """Appendix: the dossier table (Biểu 06 columns 3–13) by field and in total."""

    number: str
    title: str
    subtitle: str
    headers: tuple[str, ...]
    rows: list[tuple[str, str, tuple[str, ...]]]
    total: tuple[str, ...]
    #: The table's two header rows: the groups (label, columns spanned), then each column.
    groups: tuple[tuple[str, int], ...] = DOSSIER_GROUPS
    columns: tuple[str, ...] = DOSSIER_COLUMNS
    #: The officer's explanations beside the rows (why the system's figures do not balance):
    #: "Lĩnh vực Chứng thực, Quý I/2025: Hệ thống tính trùng 1 hồ sơ".
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class LateAppendix:
    """Appendix: the dossiers resolved late or still overdue, with their causes."""

    number: str
    title: str
    subtitle: str
    rows: list[tuple[str, ...]]


@dataclass(frozen=True)
class IndicatorAppendix:
    """Appendix: the indicators with numerator, denominator and formula."""

    number: str
    title: str
    subtitle: str
    note: str


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
    #: "Số liệu ước tính đến ngày …" when the report is dated before the window ends.
    estimate: str | None
    intro: str
    parts: dict[str, Part]
    headings: list[HeadingPart]
    indicators: list[IndicatorRow]
    assessment: OfficerText | None
    shortcomings: Shortcomings
    next_period: NextPeriod
    proposals: OfficerText | None
    closing: str
    signature: Signature
    recipients: list[str]
    dossiers: DossierAppendix | None
    indicator_appendix: IndicatorAppendix
    late: LateAppendix | None
    #: The officer's files looked for and not found, one line per part.
    missing: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: The workspace's folder: where its own report template is looked for.
    data_dir: Path | None = None
    #: The indicators' chart (PNG, ``render.charts``) when asked for, from the same evaluation.
    chart: bytes | None = None

    @property
    def file_stem(self) -> str:
        """A file name for the report: ``bao-cao-Q2-2024``."""
        return f"bao-cao-{self.period_id}-{self.year}"

    @property
    def appendices(self) -> list[DossierAppendix | IndicatorAppendix | LateAppendix]:
        found = [self.dossiers, self.indicator_appendix, self.late]
        return [a for a in found if a is not None]

    @property
    def chart_number(self) -> str:
        """The chart's appendix (``report --charts``) comes after the others: its number."""
        return ROMAN[len(self.appendices)]


# ---------------------------------------------------------------- words


def judged_days(
    ws: Workspace, pid: str, *, as_of: date | None, dated: date | None, today: date
) -> tuple[date, date]:
    """The day a report of period ``pid`` is judged by, and the day it is dated: ``as_of``,
    else ``dated``, else ``today`` (the plan's last day once its year is over) but never after
    the period's report day (its due date): a quarter's report made months later reads as it
    did on its day, not with what fell due after it."""
    from kstthc_cli.compute.schedule import calendar_of
    from kstthc_cli.compute.status import effective_as_of

    if as_of is not None:
        return as_of, dated or as_of
    if dated is not None:
        return dated, dated
    due = calendar_of(ws).period(pid).due
    day = min(effective_as_of(ws.year, None, today)[0], due)
    return day, day


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


#: Where a clause ends: ";", ":", an opening parenthesis, a sentence's end.
_CLAUSE_END = re.compile(r"\s*(?:[;:(]|\.(?:\s|$))")


def short_title(task: Task) -> str:
    """The task's short title, used whole: the plan's ``short``, else the content's first
    clause (up to ";", ":", "(" or a full stop). Words are never cut and no parenthesis is
    left open."""
    if task.short:
        return " ".join(task.short.split()).rstrip(" .;:")
    text = " ".join(task.content.split())
    m = _CLAUSE_END.search(text)
    return (text[: m.start()] if m and m.start() > 0 else text).rstrip(" .;:,")


def task_name(task: Task) -> str:
    """How a sentence names a task: Nhiệm vụ 3 (Thực hiện công khai TTHC sau khi được công bố)."""
    return f"Nhiệm vụ {task.id} ({short_title(task)})"


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?", "…", ":")) else text + "."


def _note_sentence(note: str) -> str:
    """The officer's note as written, after a label: it follows a sentence and may begin in
    lower case ("… năm 2024. Ghi chú: hoàn thành chậm do …")."""
    return "Ghi chú: " + _sentence(note.strip())


def _figure_text(fig: Figure | None, unit: str) -> tuple[str, str | None]:
    """(the figure, the counts it comes from) in Vietnamese style: ("75,00 %", "90/120")."""
    if fig is not None and fig.none and fig.actual is None:
        return "không phát sinh", None
    if fig is None or fig.actual is None:
        return NO_FIGURE, None
    value = fig.percent
    shown = textfmt.amount(value, unit)
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


def _count(value: int | None) -> str:
    return textfmt.num(value, 0)


def _ids(items: list[str]) -> str:
    return ", ".join(items)


# ---------------------------------------------------------------- the period


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


# ---------------------------------------------------------------- tasks


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
    # The evidence as the officer wrote it, whole (type, number, date, issuer, summary).
    tail = f"; kết quả: {r.evidence.strip().rstrip('.;')}" if r.evidence else ""
    note = " " + _note_sentence(r.note) if r.note else ""  # officer text as written
    text = _sentence(f"{name} - {core}{tail}" if label else f"{name}: {core}{tail}") + note
    detail = _sentence(_capitalised(core) + tail) + note
    return Entry(
        ts.task.id, name, label, r.status, textfmt.d(r.date), r.evidence, r.note, text, detail
    )


def _done_entries(ts: TaskStatus, scope: _Scope) -> list[Entry]:
    """The task's records that the period's report shows (the evaluation's ``reported_in``),
    oldest first: what was done, and the progress of an ongoing task; a progress note on a
    deliverable belongs to its open line instead, and one superseded by the record that
    completed it is left out."""
    reported = [
        x for x in scope.state.reported_in(scope.pid, ts) if known_on(x.record, scope.as_of)
    ]
    done_days = [x.record.date for x in reported if x.record.status == "done"]

    def shown(r: TaskRecord, o: OccurrenceStatus | None) -> bool:
        if r.status == "done":
            return True
        if o is not None and o.occurrence.kind != "activity":
            return False  # said on the deliverable's open line, or done since
        return not any(day >= r.date for day in done_days)

    return [
        _record_entry(ts, x.record, x.occurrence, x.adhoc, x.after_cutoff)
        for x in reported
        if shown(x.record, x.occurrence)
    ]


def _occurrence_words(o: OccurrenceStatus) -> str:
    """An owed occurrence in words: Quý I (hạn 31/03/2024) quá hạn 76 ngày."""
    occ = o.occurrence
    progress = [r for r in o.records if r.status == "in-progress"]
    since = f" (cập nhật ngày {textfmt.d(progress[-1].date)})" if progress else ""
    if o.state == "overdue":
        what = f"quá hạn {o.days_late} ngày" + (f", đang thực hiện{since}" if o.records else "")
    elif o.state == "in-progress":
        what = f"đang thực hiện{since}"
    elif o.state == "due-soon":
        what = f"sắp đến hạn (còn {o.days_left} ngày)"
    elif o.state == "done":
        what = "đã hoàn thành" + (f", trễ {o.days_late} ngày" if o.days_late else "")
    else:
        what = "chưa đến hạn"
    return f"{occ.label} (hạn {textfmt.d(occ.due)}) {what}"


def _owed(ts: TaskStatus, scope: _Scope) -> list[OccurrenceStatus]:
    """The deliverables the task still owes by the period's end (or overdue)."""
    return [
        o
        for o in ts.occurrences
        if o.occurrence.kind != "activity"
        and o.state != "done"
        and o.occurrence.due is not None
        and (o.occurrence.due <= scope.last_day or o.state == "overdue")
    ]


def _latest_note(owed: list[OccurrenceStatus], as_of: date) -> str | None:
    notes = [r.note for o in owed for r in o.records if r.note and known_on(r, as_of)]
    return _note_sentence(notes[-1]) if notes else None


def _open_entry(ts: TaskStatus, owed: list[OccurrenceStatus], words: bool = True) -> Entry:
    """One line for a task and the occurrences it still owes, most urgent state first, with
    the officer's latest note on them."""
    name = task_name(ts.task)
    if words:
        body = "; ".join(_occurrence_words(o) for o in owed)
    else:
        body = "; ".join(f"{o.occurrence.label} (hạn {textfmt.d(o.occurrence.due)})" for o in owed)
    text = _sentence(f"{name}: {body}")
    note = _latest_note(owed, date.max) if words else None
    if note:
        text += " " + note
    state = min((o.state for o in owed), key=URGENCY.index)
    return Entry(
        ts.task.id,
        name,
        ", ".join(o.occurrence.label for o in owed),
        state,
        textfmt.d(owed[0].occurrence.due),
        None,
        note,
        text,
    )


def task_line(ts: TaskStatus, scope: _Scope) -> TaskLine | None:
    """What the report says of one task in the period, once: its records, then what it still
    owes; ``None`` when there is nothing to say (an ongoing task with no record: summed up)."""
    entries = _done_entries(ts, scope)
    owed = _owed(ts, scope)
    open_words: str | None = None
    if owed:
        open_words = "; ".join(_occurrence_words(o) for o in owed)
        note = _latest_note(owed, scope.as_of)
        if note:
            open_words = _sentence(open_words) + " " + note
    elif ts.needs_milestones and not entries:
        open_words = f"{ts.task.timeframe.lower()}, chưa có mốc thời gian cụ thể"
    if not entries and open_words is None:
        return None
    name = task_name(ts.task)
    if not entries:
        assert open_words is not None
        return TaskLine(ts.task.id, name, [], open_words, _sentence(f"{name}: {open_words}"), [])
    if len(entries) == 1 and open_words is None:
        return TaskLine(ts.task.id, name, entries, None, entries[0].text, [])
    lines = [e.detail for e in entries]
    if open_words is not None:
        lines.append(_sentence(f"Còn lại: {open_words}"))
    return TaskLine(ts.task.id, name, entries, open_words, None, lines)


def heading_of(section: Section) -> str:
    """The standard heading a plan section goes under: its ``heading``, else from its title."""
    if section.heading:
        return section.heading
    words = " ".join(periods.fold(section.title).split())
    for key, marks in _SECTION_WORDS:
        if any(m in words for m in marks):
            return key
    return "chi-dao"


def indicator_heading(ind: Indicator) -> str:
    """The heading an indicator's figure is stated under (from its formula or its name)."""
    if ind.formula is not None:
        group = ind.formula.numerator.split(".", 1)[0]
        if group == "complaints":
            return "phan-anh"
        if group == "procedures" and "online" not in ind.formula.numerator:
            return "cong-khai"
    words = " ".join(periods.fold(ind.name).split())
    for key, marks in _INDICATOR_WORDS:
        if any(m in words for m in marks):
            return key
    return "dien-tu"


def _ongoing_text(ids: list[str], after_done: bool) -> str | None:
    if not ids:
        return None
    which = "khác " if after_done else ""
    if len(ids) == 1:
        return _sentence(
            f"Nhiệm vụ thực hiện thường xuyên {which}(nhiệm vụ {ids[0]}) chưa ghi nhận kết quả "
            "cụ thể trong kỳ"
        )
    return _sentence(
        f"Các nhiệm vụ thực hiện thường xuyên {which}(nhiệm vụ {_ids(ids)}) tiếp tục được triển "
        "khai, chưa ghi nhận kết quả cụ thể trong kỳ"
    )


def _headings(
    plan: Plan,
    statuses: tuple[TaskStatus, ...],
    scope: _Scope,
    figure_words: dict[str, list[str]],
    indicators: list[IndicatorRow],
    appendix: str,
) -> list[HeadingPart]:
    """Part I: every standard heading, each with the plan sections mapped onto it."""
    by_section: dict[str, list[TaskStatus]] = {}
    for ts in statuses:
        by_section.setdefault(ts.section_id, []).append(ts)
    out: list[HeadingPart] = []
    for number, (key, title) in enumerate(HEADINGS.items(), start=1):
        sections = [s for s in plan.sections if heading_of(s) == key]
        done: list[TaskLine] = []
        open_: list[TaskLine] = []
        ongoing: list[str] = []
        for sec in sections:
            for ts in by_section.get(sec.id, []):
                line = task_line(ts, scope)
                if line is None:
                    if ts.schedule.ongoing:
                        ongoing.append(ts.task.id)
                elif line.entries:
                    done.append(line)
                else:
                    open_.append(line)
        words = list(figure_words.get(key, []))
        words += _indicator_sentences([i for i in indicators if i.heading == key], appendix)
        out.append(
            HeadingPart(
                number,
                key,
                title,
                [s.id for s in sections],
                words,
                done,
                open_,
                ongoing,
                _ongoing_text(ongoing, bool(done or open_)),
                not (words or done or open_ or ongoing),
            )
        )
    return out


# ---------------------------------------------------------------- figures


def _parts(items: list[tuple[str, int | None]]) -> str:
    """ "trực tuyến 90, trực tiếp 30": the given counts only."""
    return ", ".join(f"{words} {_count(v)}" for words, v in items if v is not None)


def _rate(num: int | None, den: int | None) -> str | None:
    if num is None or not den:
        return None
    return textfmt.pct(round(num * 100 / den, 2))


def figure_sentences(figures: Figures | None, pids: tuple[str, ...]) -> dict[str, list[str]]:
    """The figures file's counts over ``pids``, in sentences under their headings."""
    if figures is None or not pids:
        return {}

    def c(name: str) -> int | None:
        return figs.pooled_count(figures, name, pids)

    out: dict[str, list[str]] = {}
    proc = {
        k: c(f"procedures.{k}")
        for k in ("in_competence", "published", "posted", "at_one_stop", "internal_issued")
    }
    if any(v is not None for v in proc.values()):
        said = []
        if proc["in_competence"] is not None:
            total = _count(proc["in_competence"])
            said.append(f"Tổng số TTHC thuộc thẩm quyền giải quyết của cấp xã: {total}")
        rest = _parts(
            [
                ("đã công bố", proc["published"]),
                ("đã công khai tại Bộ phận Một cửa", proc["posted"]),
                ("thực hiện theo cơ chế một cửa, một cửa liên thông", proc["at_one_stop"]),
                ("đã ban hành quy trình nội bộ", proc["internal_issued"]),
            ]
        )
        if rest:
            said.append(rest)
        out["cong-khai"] = [_sentence("; ".join(said))]

    comp = {
        k: c(f"complaints.{k}")
        for k in ("received", "in_competence", "handled", "on_time", "in_progress", "published")
    }
    if comp["received"] == 0:
        out["phan-anh"] = ["Trong kỳ không tiếp nhận phản ánh, kiến nghị nào."]
    elif any(v is not None for v in comp.values()):
        said = []
        if comp["received"] is not None:
            inside = comp["in_competence"]
            said.append(
                f"Trong kỳ tiếp nhận {_count(comp['received'])} phản ánh, kiến nghị"
                + (f" ({_count(inside)} thuộc thẩm quyền)" if inside is not None else "")
            )
        rest = _parts(
            [
                ("đã xử lý", comp["handled"]),
                ("xử lý đúng hạn", comp["on_time"]),
                ("đang xử lý", comp["in_progress"]),
                ("đã công khai kết quả xử lý", comp["published"]),
            ]
        )
        if rest:
            said.append(rest)
        out["phan-anh"] = [_sentence("; ".join(said))]

    d = {name: c(name) for name in dossier_table.COLUMNS}
    received, online, direct, carried = (
        d["dossiers.received.total"],
        d["dossiers.received.online"],
        d["dossiers.received.direct"],
        d["dossiers.received.carried_over"],
    )
    resolved, early, on_time, late = (
        d["dossiers.resolved.total"],
        d["dossiers.resolved.early"],
        d["dossiers.resolved.on_time"],
        d["dossiers.resolved.late"],
    )
    in_progress, within, overdue = (
        d["dossiers.in_progress.total"],
        d["dossiers.in_progress.within"],
        d["dossiers.in_progress.overdue"],
    )
    one_stop: list[str] = []
    if received is not None:
        detail = _parts(
            [
                ("trực tuyến", online),
                ("trực tiếp và qua dịch vụ bưu chính", direct),
                ("từ kỳ trước chuyển sang", carried),
            ]
        )
        one_stop.append(
            _sentence(
                f"Tổng số hồ sơ TTHC tiếp nhận giải quyết: {_count(received)} hồ sơ"
                + (f" ({detail})" if detail else "")
            )
        )
    if resolved is not None:
        detail = _parts([("trước hạn", early), ("đúng hạn", on_time), ("quá hạn", late)])
        rate = _rate(
            None if early is None or on_time is None else early + on_time, resolved or None
        )
        one_stop.append(
            _sentence(
                f"Đã giải quyết {_count(resolved)} hồ sơ"
                + (f" ({detail})" if detail else "")
                + (
                    f"; tỷ lệ giải quyết trước hạn và đúng hạn đạt {rate} "
                    "(trên tổng số hồ sơ đã giải quyết)"
                    if rate
                    else ""
                )
            )
        )
    if in_progress is not None:
        detail = _parts([("trong hạn", within), ("quá hạn", overdue)])
        one_stop.append(
            _sentence(
                f"Đang giải quyết {_count(in_progress)} hồ sơ" + (f" ({detail})" if detail else "")
            )
        )
    if one_stop:
        out["mot-cua"] = one_stop

    eg = {
        k: c(f"egov.{k}")
        for k in (
            "digitised_inputs",
            "electronic_results",
            "paper_result_dossiers",
            "reused_data",
            "with_fee",
            "paid_online",
        )
    }
    electronic: list[str] = []
    full, partial = c("procedures.online_full"), c("procedures.online_partial")
    services = _parts([("toàn trình", full), ("một phần", partial)])
    if services:
        electronic.append(_sentence(f"Dịch vụ công trực tuyến: {services}"))
    if online is not None and direct is not None:
        rate = _rate(online, online + direct)
        electronic.append(
            _sentence(
                f"Hồ sơ nộp trực tuyến: {_count(online)}/{_count(online + direct)} hồ sơ tiếp "
                "nhận mới" + (f" (đạt {rate})" if rate else "")
            )
        )

    def pair(words: str, num: int | None, den: int | None, of: str) -> None:
        if num is None:
            return
        rate = _rate(num, den)
        tail = f"/{_count(den)} {of}" if den is not None else ""
        electronic.append(
            _sentence(f"{words}: {_count(num)}{tail}" + (f" (đạt {rate})" if rate else ""))
        )

    pair("Hồ sơ được số hóa thành phần hồ sơ", eg["digitised_inputs"], received, "hồ sơ")
    pair(
        "Hồ sơ được cấp kết quả điện tử",
        eg["electronic_results"],
        eg["paper_result_dossiers"],
        "hồ sơ có trả kết quả bằng giấy",
    )
    pair("Hồ sơ sử dụng lại dữ liệu đã số hóa", eg["reused_data"], None, "")
    pair("Hồ sơ thanh toán trực tuyến", eg["paid_online"], eg["with_fee"], "hồ sơ có phí, lệ phí")
    if electronic:
        out["dien-tu"] = electronic
    return out


def _late_dossiers(
    figures: Figures | None, pids: tuple[str, ...]
) -> list[tuple[LateDossier, str | None]]:
    """The late dossiers of the periods ``pids``, each with the period it was last listed in
    while still in progress when that is not the last of them (``None`` otherwise): by the end
    of the report's window it has left the in-progress count, but the file gives no date."""
    if figures is None:
        return []
    last = max(pids, key=lambda p: periods.SPANS[p][1]) if pids else None
    return [
        (ld, pid if ld.finished is None and pid != last else None)
        for fp in figures.periods
        if (pid := figs.period_id(fp.period, figures.year)) in pids
        for ld in fp.late_dossiers
    ]


def late_sentence(
    late: list[LateDossier],
    resolved_late: int | None,
    open_late: int | None,
    appendix: str | None,
    earlier: int = 0,
) -> str | None:
    """Late dossiers in a sentence, counted by cause ("chờ xác minh (3 trường hợp)");
    ``earlier`` of the unfinished ones were listed in progress in an earlier period of the
    window only (``_late_dossiers``): not among those still in progress at its end."""
    listed_done = sum(1 for ld in late if ld.finished is not None)
    listed_open = len(late) - listed_done - earlier
    done = max(resolved_late or 0, listed_done)
    still = max(open_late or 0, listed_open)
    if not done and not still and not earlier:
        return None
    said = []
    if done:
        said.append(f"{_count(done)} hồ sơ giải quyết quá hạn")
    if still:
        said.append(f"{_count(still)} hồ sơ đang giải quyết đã quá hạn")
    if earlier:
        said.append(f"{_count(earlier)} hồ sơ quá hạn chưa ghi ngày có kết quả")
    text = "Trong kỳ có " + " và ".join(said)
    causes: dict[str, int] = {}
    for ld in late:
        cause = (ld.cause or "chưa ghi nguyên nhân").strip().rstrip(".;")
        causes[cause] = causes.get(cause, 0) + 1
    if causes:
        text += "; nguyên nhân: " + "; ".join(f"{k} ({v} trường hợp)" for k, v in causes.items())
    if appendix and late:
        text += f" (danh sách tại Phụ lục {appendix})"
    return _sentence(text)


# ---------------------------------------------------------------- indicators


def formula_note(formula: Formula, *, derived: bool) -> str:
    """How a derived indicator is computed, its denominator said in words (provinces differ
    on it): "Cách tính: tử số là …; mẫu số là …"."""
    from kstthc_cli.compute import figures as figs

    source = " (kỳ này tính từ số liệu Hệ thống thông tin giải quyết TTHC)" if derived else ""
    return _sentence(
        f"Cách tính{source}: tử số là {figs.describe(formula.numerator)}; "
        f"mẫu số là {figs.describe(formula.denominator)}"
    )


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
        if ind.formula is not None:
            notes.append(formula_note(ind.formula, derived=res.derived))
        figure = ytd if ytd_detail is None else f"{ytd} ({ytd_detail})"
        name = ind.name.rstrip(" .;")
        summary = _sentence(f"Chỉ tiêu {ind.id} ({name}): lũy kế {figure}, mục tiêu {target}")
        formula = None
        if ind.formula is not None:
            formula = (
                f"{_operand(ind.formula.numerator)} / {_operand(ind.formula.denominator)} × 100"
            )
        shown = period if period_detail is None else f"{period} ({period_detail})"
        if period == NO_FIGURE:
            shown = "chưa có số liệu"
        sentence = _sentence(
            f"Chỉ tiêu {ind.id} ({name}): kỳ này {shown}, lũy kế {figure}, mục tiêu {target}, "
            f"{verdict}"
        )
        if notes:
            sentence += " " + " ".join(notes)
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
                (ind.numerator or "").strip(),
                (ind.denominator or "").strip(),
                formula,
                indicator_heading(ind),
                sentence,
            )
        )
    return rows


def _operand(text: str) -> str:
    """A formula side in words, in parentheses when it is a sum."""
    words = figs.describe(text)
    return f"({words})" if len(figs.parse_sum(text)) > 1 else words


def _indicator_sentences(rows: list[IndicatorRow], appendix: str) -> list[str]:
    """The indicators of a heading: one sentence each with a figure, one for those without."""
    said = [r.sentence for r in rows if r.state not in ("no-data",)]
    waiting = [r.id for r in rows if r.state == "no-data"]
    if waiting:
        said.append(
            _sentence(
                ("Chỉ tiêu " if len(waiting) == 1 else "Các chỉ tiêu ")
                + f"{_ids(waiting)} chưa có số liệu trong kỳ (Phụ lục {appendix})"
            )
        )
    return said


def indicator_note(ws: Workspace) -> str:
    return (
        "Ghi chú: lũy kế tính bằng tổng tử số / tổng mẫu số các kỳ (không lấy trung bình "
        "các tỷ lệ)"
        + (
            "; chỉ tiêu nhập thẳng giá trị (như mức độ hài lòng) lấy giá trị của kỳ gần nhất"
            if any(x.measure == "value" for x in ws.indicators.indicators)
            else ""
        )
        + f"; “{NO_FIGURE}” là chưa có số liệu."
    )


# ---------------------------------------------------------------- next period


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


# ---------------------------------------------------------------- the lead-in, signature


def regime(reporting: Reporting, day: date) -> str:
    """The reporting regime in force on ``day``: the latest whose ``since`` has come."""
    in_force = [r for r in reporting.regimes if r.since is None or r.since <= day]
    if not in_force:
        in_force = list(reporting.regimes[:1])
    return max(in_force, key=lambda r: r.since or date.min).text if in_force else ""


def plans_executed(plan: Plan) -> list[str]:
    """The plans above the commune's the report executes: the setting, else the legal bases
    that issue a plan of a UBND ("… ban hành Kế hoạch …")."""
    if plan.reporting.plans_executed is not None:
        return [p.strip().rstrip(" .;") for p in plan.reporting.plans_executed]
    out = []
    for b in plan.decision.legal_bases:
        words = periods.fold(b.text)
        if "ke hoach" in words and b.number and "UBND" in b.number.upper():
            out.append(b.text.strip().rstrip(" .;"))
    return out


def _own_plan(plan: Plan) -> str:
    d = plan.decision
    if not d.number:
        return plan.title
    basis = f"Quyết định số {d.number}"
    if d.date:
        basis += f" ngày {textfmt.d(d.date)}"
    if d.authority:
        basis += f" của {d.authority}"
    return basis + f" {_lower_first(d.title.rstrip(' .'))}"


def _intro(plan: Plan, title: str, day: date) -> str:
    """The lead-in: the regime in force on the report's date, the plans executed, then
    "… báo cáo … như sau:"."""
    cited = regime(plan.reporting, day)
    lead = (
        f"Thực hiện chế độ báo cáo định kỳ về công tác kiểm soát thủ tục hành chính tại {cited}"
        if cited
        else "Thực hiện chế độ báo cáo định kỳ về công tác kiểm soát thủ tục hành chính"
    )
    executed = [*plans_executed(plan), _own_plan(plan)]
    return (
        f"{lead}; thực hiện {'; '.join(executed)}, {plan.issuing_body} báo cáo "
        f"{_lower_first(SUBJECT)} {title} như sau:"
    )


def signature(reporting: Reporting, plan: Plan) -> Signature:
    """NĐ 30's signature lines for the chairman, or for a deputy signing for him (KT.): the
    deputy's ``signer_capacity``, or when the plan gives none a ``signer_title`` "Phó …". The
    title may name the chairman ("Chủ tịch") or the deputy ("Phó Chủ tịch"): either way the
    lines are "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH", never "PHÓ PHÓ CHỦ TỊCH"."""
    on_behalf = reporting.signing_on_behalf.upper() if reporting.signing_on_behalf else None
    title = " ".join(reporting.signer_title.split())
    named_deputy = periods.fold(title).startswith("pho ")
    deputy = reporting.signer_capacity == "pho-chu-tich" or (
        "signer_capacity" not in reporting.model_fields_set and named_deputy
    )
    own: tuple[str, ...] = (title.upper(),)
    if deputy:
        head = (title.split(None, 1)[1] if named_deputy else title).upper()
        own = ("KT. " + head, "PHÓ " + head)
    # an older plan wrote the KT. line as its on-behalf line: said once
    lines = (on_behalf, *own) if on_behalf and on_behalf not in own else own
    return Signature(tuple(lines), reporting.signer or plan.decision.signer)


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


# ---------------------------------------------------------------- appendices


def _dossier_appendix(
    ws: Workspace, state: YearState, scope: _Scope, number: str, title: str
) -> DossierAppendix | None:
    table = dossier_table.commune_dossiers(ws, state.calendar, scope.as_of, scope.pid)
    if table is None:
        return None
    rows = [
        (str(k), name, tuple(_count(v) if v is not None else "" for v in counts))
        for k, (name, counts) in enumerate(table.fields, start=1)
    ]
    total = tuple(_count(v) if v is not None else "" for v in table.total)
    figures = ws.figures
    assert figures is not None  # the table was made from it
    notes = tuple(
        f"Lĩnh vực {r.field.strip()}{f' ({r.source})' if r.source else ''}, "
        f"{periods.label(pid, figures.year)}: {r.explanation}"
        for fp in figures.periods
        if (pid := figs.period_id(fp.period, figures.year)) in table.periods
        for r in fp.dossiers
        if r.explanation
    )
    return DossierAppendix(
        number,
        "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH",
        f"{_capitalised(title)} (đơn vị tính: hồ sơ)",
        dossier_table.HEADERS,
        rows,
        total,
        notes=notes,
    )


def _late_appendix(
    late: list[tuple[LateDossier, str | None]], number: str, title: str
) -> LateAppendix | None:
    if not late:
        return None

    def finished(ld: LateDossier, earlier: str | None) -> str:
        if ld.finished:
            return textfmt.d(ld.finished)
        if earlier:  # in progress when that period ended; the file says nothing since
            return f"chưa ghi (hết {periods.LABELS[earlier]}: đang giải quyết)"
        return "đang giải quyết"

    rows: list[tuple[str, ...]] = [
        (
            str(k),
            ld.code,
            " - ".join(x for x in (ld.field, ld.procedure) if x) or "",
            textfmt.d(ld.received) if ld.received else "",
            textfmt.d(ld.due) if ld.due else "",
            finished(ld, earlier),
            (ld.cause or "").strip(),
        )
        for k, (ld, earlier) in enumerate(late, start=1)
    ]
    return LateAppendix(
        number,
        "DANH SÁCH HỒ SƠ GIẢI QUYẾT QUÁ HẠN",
        f"{_capitalised(title)}: hồ sơ giải quyết quá hạn và hồ sơ đang giải quyết quá hạn",
        rows,
    )


# ---------------------------------------------------------------- the officer's words


def officer_words(
    data_dir: Path, year: int, pid: str
) -> tuple[dict[str, OfficerText | None], list[str]]:
    """Each part the officer writes, and for each missing one the files looked for."""
    found: dict[str, OfficerText | None] = {}
    missing: list[str] = []
    for part in officer.PARTS:
        text = officer.read_part(data_dir, part, year, pid)
        found[part] = text
        if text is None:
            names = [p.name for p in officer.candidates(data_dir, part, year, pid)]
            missing.append(
                f"Chưa có phần {officer.PART_WORDS[part]} do cán bộ viết: không thấy tệp "
                + " hay ".join(names)
                + f" trong thư mục {data_dir.name or data_dir}."
            )
    return found, missing


# ---------------------------------------------------------------- building


def _ytd_since(starts: date | None) -> str:
    """Where the year to date counts from: a mid-year plan's start, else the year's."""
    since = "đầu năm" if starts is None else f"ngày {textfmt.d(starts)} (Kế hoạch bắt đầu)"
    return f"lũy kế tính từ {since} đến hết kỳ báo cáo"


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
    estimate = f"Số liệu ước tính đến ngày {textfmt.d(day)}" if day < period.end else None

    statuses = state.tasks
    rows = _indicator_rows(state.indicators_in(pid), scope)
    pids = (
        dossier_table.chosen_periods(ws.figures, cal, as_of, pid) if ws.figures is not None else ()
    )

    # Appendices first: the body refers to them by number.
    numbers = iter(ROMAN)
    dossiers = _dossier_appendix(ws, state, scope, "", title)
    dossiers = None if dossiers is None else _renumbered(dossiers, next(numbers))
    indicator_appendix = IndicatorAppendix(
        next(numbers),
        "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU",
        f"{_capitalised(title)}; {_ytd_since(plan.starts)}",
        indicator_note(ws),
    )
    late_list = _late_dossiers(ws.figures, pids)
    late = _late_appendix(late_list, next(numbers), title) if late_list else None

    words = figure_sentences(ws.figures, pids)
    if dossiers is not None:
        words.setdefault("mot-cua", []).append(
            f"Chi tiết tại Phụ lục {dossiers.number} kèm theo báo cáo này."
        )

    def pooled(name: str) -> int | None:
        if ws.figures is None or not pids:
            return None
        return figs.pooled_count(ws.figures, name, pids)

    late_text = late_sentence(
        [ld for ld, _ in late_list],
        pooled("dossiers.resolved.late"),
        pooled("dossiers.in_progress.overdue"),
        late.number if late else None,
        sum(1 for _, earlier in late_list if earlier),
    )
    headings = _headings(plan, statuses, scope, words, rows, indicator_appendix.number)

    overdue = []
    for ts in statuses:
        late_occ = [o for o in ts.occurrences if o.state == "overdue"]
        if late_occ:
            overdue.append(_open_entry(ts, late_occ))
    overdue_ids = list(dict.fromkeys(e.task_id for e in overdue))
    unmet = [r for r in rows if r.state == "not-met"]

    texts, missing = officer_words(ws.data_dir, year, pid)
    shortcomings = Shortcomings(
        overdue,
        unmet,
        late_text,
        texts["causes"],
        not (overdue or unmet or late_text or texts["causes"]),
    )
    next_period = _next_period(ws, statuses, cal, scope, overdue_ids)
    keys = [
        "results",
        *(["assessment"] if texts["assessment"] else []),
        "shortcomings",
        "next",
        "proposals",
    ]
    titles = {
        "results": "TÌNH HÌNH, KẾT QUẢ THỰC HIỆN",
        "assessment": "ĐÁNH GIÁ CHUNG",
        "shortcomings": "TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN",
        "next": f"PHƯƠNG HƯỚNG, NHIỆM VỤ TRỌNG TÂM {next_period.label.upper()}",
        "proposals": "ĐỀ XUẤT, KIẾN NGHỊ",
    }
    parts = {k: Part(ROMAN[i], titles[k]) for i, k in enumerate(keys)}
    recipient = reporting.recipient.strip().rstrip(".")
    closing = (
        f"Trên đây là báo cáo {_lower_first(SUBJECT)} {title} của {plan.issuing_body}, "
        f"kính báo cáo {recipient} xem xét, chỉ đạo./."
    )

    notes: list[str] = list(missing)
    if as_of < period.end:
        notes.append(
            f"Kỳ {title} chốt số liệu ngày {textfmt.d(period.end)}; ngày xét "
            f"{textfmt.d(as_of)} còn trước đó nên số liệu có thể chưa đủ."
        )
    notes += _district_notes(ws, plan, day)
    return Report(
        year=year,
        period_id=pid,
        period_label=label,
        period_title=title,
        as_of=as_of,
        report_date=day,
        header=header,
        title=TITLE,
        summary=f"{SUBJECT} {title}",
        recipient=recipient,
        window_start=textfmt.d(period.start),
        window_end=textfmt.d(period.end),
        window=window,
        estimate=estimate,
        intro=_intro(plan, title, day),
        parts=parts,
        headings=headings,
        indicators=rows,
        assessment=texts["assessment"],
        shortcomings=shortcomings,
        next_period=next_period,
        proposals=texts["proposals"],
        closing=closing,
        signature=signature(reporting, plan),
        recipients=recipients_lines(list(reporting.report_recipients), reporting.preparer),
        dossiers=dossiers,
        indicator_appendix=indicator_appendix,
        late=late,
        missing=missing,
        notes=notes,
        data_dir=ws.data_dir,
    )


def _renumbered(a: DossierAppendix, number: str) -> DossierAppendix:
    import dataclasses

    return dataclasses.replace(a, number=number)


def _district_notes(ws: Workspace, plan: Plan, day: date) -> list[str]:
    notes: list[str] = []
    if day < DISTRICTS_ENDED:
        return notes
    for path, value in district_mentions(plan):
        if path[0] == "decision":  # the decision's own Nơi nhận is not on the report
            continue
        line, _ = ws.docs["plan"].locate(path)
        where = f"plan_{ws.year}.yaml" + (f", dòng {line}" if line else "")
        notes.append(
            f"Báo cáo ngày {textfmt.d(day)} còn ghi '{value}' ({where}), nhưng từ "
            f"{textfmt.d(DISTRICTS_ENDED)} không còn cấp huyện; sửa thành cơ quan cấp tỉnh "
            "hoặc xóa dòng đó."
        )
    return notes
