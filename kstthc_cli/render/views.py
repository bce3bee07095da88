"""Terminal views for people: tables in Vietnamese, drawn with rich. Only formatting here."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text

from kstthc_cli.compute.indicators import IndicatorStatus
from kstthc_cli.compute.periods import ReportingPeriod
from kstthc_cli.compute.schedule import OccurrenceStatus, TaskStatus
from kstthc_cli.compute.status import Dashboard, by_urgency, due_in_current
from kstthc_cli.render import textfmt as fmt

if TYPE_CHECKING:
    from rich.console import Console

STATE_STYLE = {
    "overdue": "bold red",
    "due-soon": "yellow",
    "in-progress": "cyan",
    "upcoming": "",
    "ongoing": "dim",
    "done": "green",
    "met": "green",
    "not-met": "bold red",
    "no-data": "dim",
    "none": "dim",
}


def _units(names: dict[str, str], ids: list[str]) -> str:
    return "; ".join(names.get(i, i) for i in ids)


def _bar(status: IndicatorStatus, width: int = 12) -> Text:
    actual = status.ytd.percent
    if actual is None:
        return Text("·" * width, style="dim")
    whole = (
        100.0 if status.indicator.is_percent else max(status.target, 1.0)
    )  # a count: of its target
    filled = max(0, min(width, round(actual / whole * width)))
    return Text("█" * filled + "░" * (width - filled), style=STATE_STYLE[status.state])


def print_indicators(console: Console, items: list[IndicatorStatus]) -> None:
    """One line per indicator, fitted to the terminal: the name shrinks, the figures never do."""
    wide = console.width >= 110
    rows = []
    for s in items:
        ind = s.indicator
        ytd = fmt.amount(s.ytd.percent, ind.unit)
        if ind.measure == "ratio" and s.ytd.denominator:
            ytd += f" ({fmt.ratio(s.ytd.numerator, s.ytd.denominator)})"
        latest = "—"
        if s.latest is not None and s.latest_period is not None:
            shown = "không phát sinh" if s.latest.none else fmt.amount(s.latest.percent, ind.unit)
            latest = f"{shown} {s.latest_period}"
        rows.append((s, ytd, latest, fmt.target(ind.target.op, s.target, ind.unit)))
    w_id = max([3, *(cell_len(r[0].indicator.id) for r in rows)])
    w_ytd = max([6, *(cell_len(r[1]) for r in rows)])
    w_latest = max([11, *(cell_len(r[2]) for r in rows)])
    w_target = max([8, *(cell_len(r[3]) for r in rows)])
    w_state = max(cell_len(fmt.STATE_WORDS[r[0].state]) for r in rows) if rows else 8
    fixed = w_id + w_ytd + w_target + w_state + 8 + ((w_latest + 14 + 4) if wide else 0)
    w_name = max(console.width - fixed - 1, 12)
    header = Text(
        fmt.fit("Số", w_id, True)
        + "  "
        + fmt.fit("Chỉ tiêu", w_name)
        + "  "
        + fmt.fit("Lũy kế", w_ytd, True),
        style="bold",
    )
    if wide:
        header.append("  " + fmt.fit("Kỳ gần nhất", w_latest, True))
    header.append("  " + fmt.fit("Mục tiêu", w_target, True) + "  ")
    if wide:
        header.append(" " * 14)
    header.append("Đánh giá")
    console.print(header, no_wrap=True)
    for s, ytd, latest, target in rows:
        line = Text(
            fmt.fit(s.indicator.id, w_id, True)
            + "  "
            + fmt.fit(s.indicator.name, w_name)
            + "  "
            + fmt.fit(ytd, w_ytd, True)
        )
        if wide:
            line.append("  " + fmt.fit(latest, w_latest, True))
        line.append("  " + fmt.fit(target, w_target, True) + "  ")
        if wide:
            line.append_text(_bar(s))
            line.append("  ")
        line.append(fmt.STATE_WORDS[s.state], style=STATE_STYLE[s.state])
        console.print(line, no_wrap=True)


def _occ_line(o: OccurrenceStatus) -> str:
    due = fmt.d(o.occurrence.due)
    if o.state == "overdue":
        return f"{o.occurrence.label}: hạn {due}, trễ {o.days_late} ngày"
    if o.state in ("due-soon", "upcoming", "in-progress"):
        left = o.days_left if o.days_left is not None else 0
        when = "hôm nay" if left == 0 else f"còn {left} ngày"
        return f"{o.occurrence.label}: hạn {due}, {when}"
    return f"{o.occurrence.label}: {fmt.STATE_WORDS[o.state]}"


def _task_lines(
    console: Console, tasks: list[TaskStatus], names: dict[str, str], d: Dashboard, state: str
) -> None:
    width = max(console.width, 60)
    for t in tasks:
        occ = [o for o in t.occurrences if o.state == state and o.occurrence.kind != "activity"]
        who = "chủ trì: " + _units(names, list(t.task.lead))
        roles = d.roles(t)
        if roles:
            who = {"lead": "đơn vị chủ trì", "support": "đơn vị phối hợp"}.get(
                roles[0], "đơn vị theo dõi"
            )
        head = Text(f" NV {t.task.id:<3}", style="bold")
        head.append(" · ".join(_occ_line(o) for o in occ), style=STATE_STYLE[state])
        head.append(" · " + who, style="dim")
        head.truncate(width, overflow="ellipsis")
        console.print(head, no_wrap=True)
        console.print("        " + fmt.shorten(t.task.content, width - 9), no_wrap=True)
        for o in occ if state == "overdue" else ():  # what is under way stays in sight
            for r in o.records:
                if r.status == "in-progress":
                    said = f": {' '.join(r.note.split())}" if r.note else ""
                    line = f"Đang thực hiện (ghi ngày {fmt.d(r.date)}){said}"
                    text = Text("        " + fmt.shorten(line, width - 9), style="cyan")
                    console.print(text, no_wrap=True)


def print_dashboard(console: Console, d: Dashboard, names: dict[str, str], issuer: str) -> None:
    title = f"KSTTHC NĂM {d.year} · {issuer} · tính đến {fmt.d(d.as_of)}"
    if d.unit:
        title += f" · đơn vị: {names.get(d.unit, d.unit)}"
    console.print(Text(title, style="bold"))
    if d.year_over_note:
        console.print(
            Text(f"(Năm {d.year} đã qua: xét tại ngày cuối năm 31/12/{d.year}.)", style="dim")
        )
    console.print(
        f"[bold red]Quá hạn {d.count('overdue')}[/], [yellow]sắp đến hạn {d.count('due-soon')}[/]"
        f", [cyan]đang làm {d.count('in-progress')}[/], chưa đến hạn {d.count('upcoming')}"
        f", [green]xong {d.count('done')}[/], thường xuyên {d.count('ongoing')}"
    )
    tasks = by_urgency(d.tasks)
    for state, heading in (
        ("overdue", "QUÁ HẠN"),
        ("due-soon", "SẮP ĐẾN HẠN"),
        ("in-progress", "ĐANG THỰC HIỆN"),
    ):
        chosen = [t for t in tasks if any(o.state == state for o in t.occurrences)]
        console.print()
        console.print(Text(heading, style=STATE_STYLE[state] or "bold"))
        if not chosen:
            console.print(Text("  (không có)", style="dim"))
            continue
        _task_lines(console, chosen, names, d, state)
    if d.current is not None:
        p = d.current
        left = (p.due - d.as_of).days
        console.print()
        console.print(
            Text(
                f"KỲ HIỆN TẠI: {p.label.upper()} (số liệu {fmt.d(p.start)}–{fmt.d(p.end)}, "
                f"hạn gửi báo cáo {fmt.d(p.due)}, còn {left} ngày)",
                style="bold",
            )
        )
        owed = due_in_current(d)
        if not owed:
            console.print(Text("  (không còn việc nào phải nộp trong kỳ)", style="dim"))
        for t, o in owed:
            console.print(f"  NV {t.task.id:<3} {_occ_line(o)}", markup=False)
    idle = [t for t in d.tasks if t.idle_periods]
    waiting = [t for t in d.tasks if t.needs_milestones]
    if idle or waiting:
        console.print()
        console.print(Text("THƯỜNG XUYÊN CHƯA GHI NHẬN HOẠT ĐỘNG", style="bold"))
        # Every period that passed without activity, earliest first: each is owed on its own.
        by_period: dict[str, list[str]] = {}
        order: dict[str, tuple[date | None, str]] = {}
        for t in idle:
            for o in t.idle_periods:
                label = o.occurrence.label
                by_period.setdefault(label, []).append(t.task.id)
                order.setdefault(label, (o.occurrence.due, o.occurrence.key))
        for label in sorted(by_period, key=lambda k: (order[k][0] or date.max, order[k][1])):
            console.print(f"  {label} (kỳ đã qua): nhiệm vụ {', '.join(by_period[label])}")
        if waiting:
            ids = ", ".join(t.task.id for t in waiting)
            console.print(f"  Theo kế hoạch, chưa có mốc thời gian: nhiệm vụ {ids}")
    console.print()
    console.print(Text("CHỈ TIÊU (lũy kế từ đầu năm)", style="bold"))
    if d.indicators:
        print_indicators(console, d.indicators)
        print_derived(console, d.indicators)
    else:
        console.print(Text("  (không có)", style="dim"))


def _due_words(t: TaskStatus) -> str:
    """``31/03 (trễ 20 ngày)``, ``30/06 (còn 5 ngày)``, ``hôm nay``: the next due date."""
    from kstthc_cli.compute.status import next_due

    o = next_due(t)
    if o is None or o.occurrence.due is None:
        return "—"
    day = f"{o.occurrence.due:%d/%m}"
    if o.state == "overdue":
        return f"{day} (trễ {o.days_late} ngày)"
    if o.days_left == 0:
        return f"{day} (hôm nay)"
    return f"{day} (còn {o.days_left} ngày)" if o.days_left is not None else day


def print_derived(console: Console, items: list[IndicatorStatus]) -> None:
    """Under the indicators: which figures are computed from the figures file, and over what
    denominator (provinces count "on time" over different ones)."""
    from kstthc_cli.compute.figures import describe

    for s in items:
        f = s.indicator.formula
        if f is None or s.source == "records":
            continue
        where = ", ".join(s.derived_periods)
        console.print(
            Text(
                f"  Chỉ tiêu {s.indicator.id} tính từ số liệu ({where}): "
                f"{describe(f.numerator)} / {describe(f.denominator)}",
                style="dim",
            ),
            soft_wrap=True,
        )


def print_tasks(console: Console, tasks: list[TaskStatus], names: dict[str, str]) -> None:
    """One line per task, fitted to the terminal: the content shrinks, the state never does."""
    if not tasks:
        console.print(Text("Không có nhiệm vụ nào khớp bộ lọc.", style="dim"))
        return
    wide = console.width >= 110
    rows = []
    for t in tasks:
        detail = fmt.STATE_WORDS[t.state]
        late = [o for o in t.occurrences if o.state == "overdue"]
        if late:
            detail += " (" + ", ".join(o.occurrence.key for o in late) + ")"
        elif t.needs_milestones:
            detail = "chưa có mốc"
        elif t.state == "ongoing" and not t.schedule.ongoing:
            detail = "đột xuất"
        rows.append((t, detail))
    dues = [_due_words(t) for t, _ in rows]
    w_due = max(3, *(cell_len(d) for d in dues))
    w_state = max(cell_len(d) for _, d in rows)
    w_section = max(4, *(cell_len(t.section_id) for t, _ in rows))
    w_time, w_lead = (22, 26) if wide else (0, 0)
    fixed = 3 + 2 + w_section + 2 + w_state + 2 + w_due + 2
    fixed += (w_time + 2 + w_lead + 2) if wide else 0
    w_content = max(console.width - fixed - 1, 16)
    header = Text(
        fmt.fit("NV", 3, True)
        + "  "
        + fmt.fit("Mục", w_section)
        + "  "
        + fmt.fit("Tình trạng", w_state)
        + "  "
        + fmt.fit("Hạn", w_due),
        style="bold",
    )
    header.append("  " + fmt.fit("Nội dung", w_content))
    if wide:
        header.append("  " + fmt.fit("Thời gian", w_time) + "  " + "Chủ trì")
    console.print(header, no_wrap=True)
    for (t, detail), due in zip(rows, dues, strict=True):
        line = Text(fmt.fit(t.task.id, 3, True) + "  " + fmt.fit(t.section_id, w_section) + "  ")
        line.append(fmt.fit(detail, w_state), style=STATE_STYLE[t.state])
        line.append("  " + fmt.fit(due, w_due), style=STATE_STYLE[t.state])
        line.append("  " + fmt.fit(" ".join(t.task.content.split()), w_content))
        if wide:
            lead = _units(names, list(t.task.lead))
            line.append("  " + fmt.fit(t.task.timeframe, w_time) + "  ")
            line.append(fmt.fit(lead, w_lead), style="dim")
        console.print(line, no_wrap=True)


def print_calendar(
    console: Console,
    year: int,
    rule: str,
    items: list[ReportingPeriod],
    as_of: date | None = None,
) -> None:
    """The year's reporting periods; with ``as_of``, the periods under way are marked with the
    days left to their report."""
    rule_text = (
        "chốt số liệu theo Nghị định 09/2019/NĐ-CP (ngày 15 tháng trước đến ngày 14)"
        if rule == "nd09"
        else "theo quý dương lịch"
    )
    from rich.table import Table  # the calendar's alone: status and tasks draw lines

    console.print(Text(f"LỊCH BÁO CÁO NĂM {year} · {rule_text}", style="bold"))
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("Mã")
    table.add_column("Kỳ báo cáo")
    table.add_column("Số liệu từ ngày", justify="right")
    table.add_column("đến ngày", justify="right")
    table.add_column("Hạn gửi báo cáo", justify="right")
    marks = [_under_way(p, as_of) for p in items]
    if any(marks):
        table.add_column("")
    for p, mark in zip(items, marks, strict=True):
        row = [p.id, p.label, fmt.d(p.start), fmt.d(p.end), fmt.d(p.due)]
        style = "bold" if mark else None
        table.add_row(*row, *([mark] if any(marks) else []), style=style)
    console.print(table)


def _under_way(p: ReportingPeriod, as_of: date | None) -> str:
    """``◀ kỳ hiện tại, còn 58 ngày đến hạn gửi`` for a period under way on ``as_of``."""
    if as_of is None or not p.start <= as_of <= p.due:
        return ""
    left = (p.due - as_of).days
    when = "hôm nay là hạn gửi" if left == 0 else f"còn {left} ngày đến hạn gửi"
    what = "kỳ hiện tại" if as_of <= p.end else "đã chốt số liệu"
    return f"◀ {what}, {when}"
