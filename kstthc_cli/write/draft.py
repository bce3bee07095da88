"""A plan read from the decision's Word file (``load.plan_docx``) → the text of ``plan_N.yaml``
and ``indicators_N.yaml`` in the documented layout.

Every value is written by hand as a JSON-style double-quoted scalar (``splice.quote``), never
through ``yaml.dump``: the officer's words come back exactly, whatever quotes, colons, ``#`` or
``%`` they hold. What the reader could not read is never invented: a unit made from the words of
a cell carries a ``# CẦN XÁC NHẬN`` comment, a task or indicator with an empty required cell is
written commented out (``# CHƯA ĐỌC ĐƯỢC``) for the officer to complete, so the files always pass
``kstthc check``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from kstthc_cli.load.plan_docx import DocxDraft, DraftIndicator, DraftTask, DraftUnit, Where
from kstthc_cli.load.text import whole
from kstthc_cli.write.splice import quote

#: The comment word on a value the officer must still confirm.
TO_CONFIRM = "CẦN XÁC NHẬN"
#: The comment word on a task or indicator left commented out.
UNREAD = "CHƯA ĐỌC ĐƯỢC"


@dataclass(frozen=True)
class DraftHead:
    """What the Word table does not say and ``init`` asks for (or takes as options)."""

    year: int
    commune: str
    recipient: str
    issuing_body: str | None = None
    parent_body: str | None = None
    place: str | None = None
    title: str | None = None
    decision_number: str | None = None
    decision_date: date | None = None
    signer: str | None = None
    signer_title: str = "Chủ tịch"
    preparer: str | None = None
    proposed_by: str | None = None


def _list(values: Iterable[str]) -> str:
    return "[" + ", ".join(quote(v) for v in values) + "]"


def _opt(key: str, value: str | None, indent: str) -> list[str]:
    return [f"{indent}{key}: {quote(value)}"] if value else []


def plan_title(draft: DocxDraft, year: int, commune: str) -> str:
    """The plan's title as printed above its table ("Kế hoạch hoạt động …")."""
    printed = draft.title
    if printed and printed.lower().startswith("kế hoạch"):
        return printed
    if printed:
        return f"Kế hoạch {printed[:1].lower()}{printed[1:]}"
    return f"Kế hoạch hoạt động kiểm soát thủ tục hành chính năm {year} trên địa bàn xã {commune}"


def preparer(draft: DocxDraft) -> str:
    """The unit that prepares the reports: the commune's public service centre (from 07/2025)
    or the office (Văn phòng – Thống kê) when the plan names it, else the first unit."""
    ids = [u.id for u in draft.units]
    for uid in ("tt-phvhcc", "vp-tk"):
        if uid in ids:
            return uid
    return ids[0] if ids else "vp-tk"


def units_yaml(units: Iterable[DraftUnit]) -> str:
    """The ``units:`` key."""
    lines = ["units:"]
    for unit in units:
        if unit.to_confirm:
            said = f" (đọc từ {unit.where.words()})" if unit.where is not None else ""
            lines.append(f"  # {TO_CONFIRM}: đơn vị mới{said}; sửa tên, mã cho đúng.")
        lines.append(f"  - id: {quote(unit.id)}")
        lines.append(f"    name: {quote(unit.name)}")
    return "\n".join(lines) + "\n"


def _task_lines(task: DraftTask) -> list[str]:
    lines = [f"- id: {quote(task.id)}", f"  content: {quote(task.content)}"]
    if task.outputs:
        lines.append("  outputs:")
        lines.extend(f"    - {quote(o)}" for o in task.outputs)
    lines += _opt("responsibility", task.responsibility, "  ")
    lines.append(f"  lead: {_list(task.lead)}")
    if task.support:
        lines.append(f"  support: {_list(task.support)}")
    if task.monitor:
        lines.append(f"  monitor: {_list(task.monitor)}")
    lines.append(f"  timeframe: {quote(task.timeframe)}")
    return lines


def sections_yaml(draft: DocxDraft) -> str:
    """The ``sections:`` key; a task with an unread cell is written as comments."""
    lines = ["sections:"]
    for section in draft.sections:
        lines.append(f"  - id: {quote(section.id)}")
        lines.append(f"    title: {quote(section.title or section.id)}")
        complete = [t for t in section.tasks if t.complete]
        lines.append("    tasks:" if complete else "    tasks: []")
        for task in section.tasks:
            if task.complete:
                lines.extend(f"      {x}" for x in _task_lines(task))
            else:
                row = Where(task.where.table, task.where.row).words()
                lines.append(f"      # {UNREAD} ({row}): điền ô còn trống rồi bỏ dấu #.")
                lines.extend(f"      # {x}" for x in _task_lines(task))
    return "\n".join(lines) + "\n"


def plan_text(draft: DocxDraft, head: DraftHead) -> str:
    """The whole ``plan_N.yaml``; ``draft`` has at least one section (``ValueError`` if not)."""
    if not draft.sections:
        raise ValueError("a plan has at least one section")
    title = head.title or plan_title(draft, head.year, head.commune)
    issuing = head.issuing_body or f"Ủy ban nhân dân xã {head.commune}"
    number = head.decision_number or draft.decision_number
    day = head.decision_date or draft.decision_date
    lines = [
        f"# Kế hoạch kiểm soát thủ tục hành chính năm {head.year} của xã {head.commune}.",
        "# Các mục, nhiệm vụ và đơn vị đọc từ tệp Word của Quyết định ban hành Kế hoạch;",
        f'# chỗ ghi "{TO_CONFIRM}" hay "{UNREAD}" cần cán bộ đối chiếu với bản in.',
        f"year: {head.year}",
        f"title: {quote(title)}",
        f"issuing_body: {quote(issuing)}",
        *_opt("parent_body", head.parent_body, ""),
        f"place: {quote(head.place or head.commune)}",
        "decision:",
        *_opt("number", number, "  "),
        *_opt("date", day.isoformat() if day else None, "  "),
        f"  title: {quote('Ban hành ' + title[:1].lower() + title[1:])}",
        f"  authority: {quote('Chủ tịch ' + issuing)}",
        *_opt("signer", head.signer, "  "),
        f"  signer_title: {quote(head.signer_title)}",
        *_opt("proposed_by", head.proposed_by, "  "),
        "reporting:",
        f"  recipient: {quote(head.recipient)}",
        f"  preparer: {quote(head.preparer or preparer(draft))}",
        '  cutoff_rule: "nd09"',
        "  due_day: 17",
        "  move_off_holidays: true",
        "  due_soon_days: 7",
        '  report_number_suffix: "BC-UBND"',
        *_opt("signer", head.signer, "  "),
        f"  signer_title: {quote(head.signer_title)}",
        '  signing_on_behalf: "TM. ỦY BAN NHÂN DÂN"',
        '  report_recipients: ["Như trên", "Lưu: VT"]',
    ]
    return "\n".join(lines) + "\n" + units_yaml(draft.units) + sections_yaml(draft)


def _number(x: float) -> str:
    return str(whole(x))


def _indicator_lines(item: DraftIndicator) -> list[str]:
    op, value = item.target if item.target is not None else (">=", 0.0)
    lines = [
        f"- id: {quote(item.id)}",
        f"  name: {quote(item.name)}",
        f"  unit: {quote(item.unit)}",
        "  target:",
        f"    text: {quote(item.target_text)}",
        f"    op: {quote(op)}",
    ]
    if item.target is None and item.target_text:
        lines.append(f"    # {TO_CONFIRM}: ghi con số chỉ tiêu (value) theo lời văn trên.")
    lines.append(f"    value: {_number(value)}")
    lines += _opt("responsibility", item.responsibility, "  ")
    lines.append(f"  units: {_list(item.units)}")
    lines.append(f"  measure: {quote(item.measure)}")
    lines.append("  baseline: null")
    return lines


def indicators_yaml(draft: DocxDraft) -> str:
    """The ``indicators:`` key; an indicator with an unread cell is written as comments."""
    if not draft.indicators:
        return "indicators: []\n"
    lines = ["indicators:"]
    for item in draft.indicators:
        if item.complete:
            lines.extend(f"  {x}" for x in _indicator_lines(item))
        else:
            row = Where(item.where.table, item.where.row).words()
            lines.append(f"  # {UNREAD} ({row}): điền ô còn trống rồi bỏ dấu #.")
            lines.extend(f"  # {x}" for x in _indicator_lines(item))
    return "\n".join(lines) + "\n"


def indicators_text(draft: DocxDraft, *, year: int, source: str | None = None) -> str:
    """The whole ``indicators_N.yaml`` (the appendix's rule as the shipped sample's)."""
    lines = [
        f"# Chỉ tiêu năm {year}, đọc từ Phụ lục của Kế hoạch (tệp Word);",
        "# kết quả năm trước (baseline) để null cho tới khi có số liệu.",
        f"year: {year}",
        *_opt("source", source, ""),
        "assignment_rule:",
        "  increase: 10",
        '  mode: "points"',
        "  cap: 100",
    ]
    return "\n".join(lines) + "\n" + indicators_yaml(draft)
