"""A plan read from the decision's Word file (``load.plan_docx``) → the text of ``plan_N.yaml``
and ``indicators_N.yaml`` in the documented layout.

Every value is written by hand as a JSON-style double-quoted scalar (``splice.quote``), never
through ``yaml.dump``: the officer's words come back exactly, whatever quotes, colons, ``#`` or
``%`` they hold. What the reader could not read is never invented. What it is unsure of (a unit
made from the words of a cell, a target worded in a way kstthc cannot count, a task without a
lead unit, a section without a title) and what the Word file does not say (the reporting
settings) are named in a ``to_confirm: [keys]`` line of their item, as ``kstthc init`` marks
what it guessed: ``check`` warns (``to-confirm``) at each value until the officer removes the
key. A task or indicator with an empty required cell is written commented out under a
``# CHƯA ĐỌC ĐƯỢC`` line, which ``check`` also reports (``unread-left``) until it is gone; so the
files always pass ``check`` with warnings only.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from kstthc_cli.load.plan_docx import DocxDraft, DraftIndicator, DraftTask, DraftUnit, Where
from kstthc_cli.load.text import whole
from kstthc_cli.rules.validate import UNREAD
from kstthc_cli.write.splice import quote


@dataclass(frozen=True)
class DraftHead:
    """What the Word table does not say and ``init`` asks for (or takes as options)."""

    year: int
    commune: str
    recipient: str
    #: the commune's level as written before its name: xã, phường, đặc khu
    level: str = "xã"
    issuing_body: str | None = None
    parent_body: str | None = None
    place: str | None = None
    title: str | None = None
    decision_number: str | None = None
    decision_date: date | None = None
    signer: str | None = None
    signer_title: str = "Chủ tịch"
    signing_on_behalf: str = "TM. ỦY BAN NHÂN DÂN"
    preparer: str | None = None
    proposed_by: str | None = None

    @property
    def full(self) -> str:
        return f"{self.level} {self.commune}"


def _list(values: Iterable[str]) -> str:
    return "[" + ", ".join(quote(v) for v in values) + "]"


def _opt(key: str, value: str | None, indent: str) -> list[str]:
    return [f"{indent}{key}: {quote(value)}"] if value else []


def _confirm(keys: Iterable[str], why: str, indent: str) -> list[str]:
    """``to_confirm: [keys]  # why``: the keys of this item to confirm, and why."""
    listed = list(keys)
    if not listed:
        return []
    line = f"{indent}to_confirm: {_list(listed)}"
    if not why:
        return [line]
    if len(f"{line}  # {why}") <= 100:
        return [f"{line}  # {why}"]
    return [f"{indent}# {why[:1].upper()}{why[1:]}.", line]


def plan_title(draft: DocxDraft, year: int, commune: str, level: str = "xã") -> str:
    """The plan's title as printed above its table ("Kế hoạch hoạt động …")."""
    printed = draft.title
    if printed and printed.lower().startswith("kế hoạch"):
        return printed
    if printed:
        return f"Kế hoạch {printed[:1].lower()}{printed[1:]}"
    return (
        f"Kế hoạch hoạt động kiểm soát thủ tục hành chính năm {year} trên địa bàn {level} {commune}"
    )


def preparer(draft: DocxDraft) -> str:
    """The unit that prepares the reports: the commune's public service centre (from 07/2025)
    or the office (Văn phòng – Thống kê) when the plan names it, else the first unit."""
    ids = [u.id for u in draft.units]
    for uid in ("tt-phvhcc", "vp-tk"):
        if uid in ids:
            return uid
    return ids[0] if ids else "vp-tk"


def units_yaml(units: Iterable[DraftUnit]) -> str:
    """The ``units:`` key; a new unit (not one kstthc knows) has its name to confirm."""
    lines = ["units:"]
    for unit in units:
        lines.append(f"  - id: {quote(unit.id)}")
        if unit.to_confirm:
            said = f" (đọc từ {unit.where.words()})" if unit.where is not None else ""
            why = f"đơn vị mới{said}: sửa tên cho đúng (đổi mã thì đổi cả ở các nhiệm vụ)"
            lines += _confirm(["name"], why, "    ")
        lines.append(f"    name: {quote(unit.name)}")
    return "\n".join(lines) + "\n"


def _task_lines(task: DraftTask) -> list[str]:
    lines = [f"- id: {quote(task.id)}", f"  content: {quote(task.content)}"]
    if task.outputs:
        lines.append("  outputs:")
        lines.extend(f"    - {quote(o)}" for o in task.outputs)
    lines += _opt("responsibility", task.responsibility, "  ")
    lines += _confirm(task.to_confirm, task.why, "  ")
    lines.append(f"  lead: {_list(task.lead)}")
    if task.support:
        lines.append(f"  support: {_list(task.support)}")
    if task.monitor:
        lines.append(f"  monitor: {_list(task.monitor)}")
    lines.append(f"  timeframe: {quote(task.timeframe)}")
    return lines


def _unread(what: str, where: Where, why: str = "") -> str:
    """The line above a task or indicator left commented out (``check``: ``unread-left``)."""
    row = Where(where.table, where.row).words()
    todo = why or "điền ô còn trống theo bản in, bỏ dấu #."
    return f"# {UNREAD} ({what}, {row} của tệp Word): {todo}"


def sections_yaml(draft: DocxDraft) -> str:
    """The ``sections:`` key; a task with an unread cell is written as comments."""
    lines = ["sections:"]
    for section in draft.sections:
        lines.append(f"  - id: {quote(section.id)}")
        lines += _confirm(section.to_confirm, section.why, "    ")
        lines.append(f"    title: {quote(section.title or section.id)}")
        complete = [t for t in section.tasks if t.complete]
        lines.append("    tasks:" if complete else "    tasks: []")
        for task in section.tasks:
            if task.complete:
                lines.extend(f"      {x}" for x in _task_lines(task))
            else:
                lines.append("      " + _unread(f"nhiệm vụ {task.id}", task.where, task.unread))
                lines.extend(f"      # {x}" for x in _task_lines(task))
    return "\n".join(lines) + "\n"


def _header(year: int, full: str | None, what: str) -> list[str]:
    return [
        f"# {what} năm {year}" + (f" của {full}." if full else "."),
        "# Lập bằng `kstthc init --from-docx` từ tệp Word của Quyết định ban hành Kế hoạch:",
        "# các mục, nhiệm vụ, đơn vị và chỉ tiêu đọc từ các bảng của tệp; đối chiếu với bản in.",
        "#",
        '# CẦN XÁC NHẬN: dòng "to_confirm: [...]" trong một mục kể tên các khóa của mục đó mà',
        "# kstthc điền sẵn hay đọc chưa chắc. `kstthc check` nhắc từng giá trị ấy (cảnh báo",
        "# to-confirm) cho đến khi được xác nhận: đối chiếu, sửa nếu cần, rồi xóa tên khóa khỏi",
        "# to_confirm (hết tên thì xóa cả dòng).",
        f'# Phần ghi "{UNREAD}" là nhiệm vụ, chỉ tiêu mà tệp Word thiếu ô bắt buộc, để dưới',
        "# dạng ghi chú (#): điền ô còn trống, bỏ dấu # rồi xóa dòng ấy (`kstthc check` nhắc",
        "# cho đến khi đó).",
        "#",
        '# Khi sửa: giữ nguyên thụt lề 2 dấu cách, mọi chữ đặt trong dấu ngoặc kép "…",',
        f'# ngày viết theo dạng "năm-tháng-ngày", ví dụ "{year}-03-04".',
        "",
    ]


def plan_text(draft: DocxDraft, head: DraftHead) -> str:
    """The whole ``plan_N.yaml``; ``draft`` has at least one section (``ValueError`` if not)."""
    if not draft.sections:
        raise ValueError("a plan has at least one section")
    title = head.title or plan_title(draft, head.year, head.commune, head.level)
    title_guessed = head.title is None and not draft.title
    issuing = head.issuing_body or f"Ủy ban nhân dân {head.full}"
    number = head.decision_number or draft.decision_number
    day = head.decision_date or draft.decision_date
    reporting = ["recipient", "preparer", "due_day", "report_recipients"]
    if head.signer:
        reporting.insert(3, "signer")
    lines = [
        *_header(head.year, head.full, "Kế hoạch kiểm soát thủ tục hành chính (KSTTHC)"),
        "# Năm của kế hoạch (chỉ ghi số, không đặt trong ngoặc kép).",
        f"year: {head.year}",
        "# Tên kế hoạch, ghi đúng như trên văn bản.",
        *_confirm(["title"] if title_guessed else [], "tệp Word không in tên kế hoạch", ""),
        f"title: {quote(title)}",
        f"issuing_body: {quote(issuing)}",
        *_opt("parent_body", head.parent_body, ""),
        f"place: {quote(head.place or head.commune)}",
        "",
        "# Quyết định ban hành kế hoạch. Căn cứ (legal_bases), các điều (articles) và nơi nhận",
        "# (recipients) của Quyết định kstthc không đọc từ tệp Word: chép thêm nếu cần.",
        "decision:",
        *_opt("number", number, "  "),
        *_opt("date", day.isoformat() if day else None, "  "),
        f"  title: {quote('Ban hành ' + title[:1].lower() + title[1:])}",
        *_confirm(["authority"], "kstthc điền theo cơ quan ban hành", "  "),
        f"  authority: {quote('Chủ tịch ' + issuing)}",
        *_opt("signer", head.signer, "  "),
        f"  signer_title: {quote(head.signer_title)}",
        *_opt("proposed_by", head.proposed_by, "  "),
        "",
        "# Thiết lập cho báo cáo định kỳ gửi cấp trên (tệp Word không ghi; kstthc điền sẵn).",
        "reporting:",
        *_confirm(reporting, "các khóa do tỉnh quy định hay kstthc đoán, cần xác nhận", "  "),
        f"  recipient: {quote(head.recipient)}",
        f"  preparer: {quote(head.preparer or preparer(draft))}",
        '  cutoff_rule: "nd09"',
        "  due_day: 17",
        "  move_off_holidays: true",
        "  due_soon_days: 7",
        '  report_number_suffix: "BC-UBND"',
        *_opt("signer", head.signer, "  "),
        f"  signer_title: {quote(head.signer_title)}",
        f"  signing_on_behalf: {quote(head.signing_on_behalf)}",
        '  report_recipients: ["Như trên", "Lưu: VT"]',
        "",
        "# Cơ quan, đơn vị thực hiện; nhiệm vụ và chỉ tiêu ghi mã (id) của đơn vị.",
    ]
    return "\n".join(lines) + "\n" + units_yaml(draft.units) + "\n" + sections_yaml(draft)


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
        why = "chỉ tiêu ghi bằng lời: ghi con số (value) theo lời văn trên; tới khi đó là 0"
        lines += _confirm(["value"], why, "    ")
    lines.append(f"    value: {_number(value)}")
    lines += _opt("responsibility", item.responsibility, "  ")
    lines.append(f"  units: {_list(item.units)}")
    lines.append(f"  measure: {quote(item.measure)}")
    lines.append("  baseline: null")
    return lines


def indicators_yaml(draft: DocxDraft) -> str:
    """The ``indicators:`` key; an indicator with an unread cell is written as comments; no
    appendix table found: an empty list to confirm."""
    if not draft.indicators:
        why = "không thấy bảng chỉ tiêu của Phụ lục trong tệp Word: ghi chỉ tiêu theo Phụ lục"
        keys = [] if draft.indicator_table else ["indicators"]
        return "\n".join([*_confirm(keys, why, ""), "indicators: []"]) + "\n"
    lines = ["indicators:"]
    for item in draft.indicators:
        if item.complete:
            lines.extend(f"  {x}" for x in _indicator_lines(item))
        else:
            lines.append("  " + _unread(f"chỉ tiêu {item.id}", item.where))
            lines.extend(f"  # {x}" for x in _indicator_lines(item))
    return "\n".join(lines) + "\n"


def indicators_text(
    draft: DocxDraft, *, year: int, source: str | None = None, full: str | None = None
) -> str:
    """The whole ``indicators_N.yaml`` (the appendix's rule as the shipped sample's)."""
    lines = [
        *_header(year, full, "Chỉ tiêu liên quan cải cách thủ tục hành chính (TTHC)"),
        "# Kết quả năm trước (baseline) để null cho tới khi có số liệu.",
        f"year: {year}",
        *_opt("source", source, ""),
        "assignment_rule:",
        "  increase: 10",
        '  mode: "points"',
        "  cap: 100",
    ]
    return "\n".join(lines) + "\n" + indicators_yaml(draft)
