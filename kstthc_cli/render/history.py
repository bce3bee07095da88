"""The history and the plan's amendments in words an officer reads (and pastes into a "Quyết
định điều chỉnh Kế hoạch"), and their JSON shapes."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from kstthc_cli.compute.history import Change, Entry, field_name, period_words

if TYPE_CHECKING:
    from pathlib import Path

    from kstthc_cli.write.autocommit import Saved
    from kstthc_cli.write.vcs import CommitInfo

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def clean(text: str) -> str:
    """Text from a commit (author, message) is anyone's: no control characters on a terminal."""
    return _CONTROL.sub("?", text)


def _quoted(text: str | None) -> str:
    return f"“{text}”" if text is not None else "(không có)"


def _subject(c: Change) -> str:
    if c.subject in ("task", "task-record"):
        name = f"Nhiệm vụ {c.id}"
    elif c.subject in ("indicator", "indicator-record"):
        name = f"Chỉ tiêu {c.id}"
    elif c.subject == "section":
        name = f"Mục {c.id}"
    elif c.subject == "plan":
        name = f"Kế hoạch năm {c.year}"
    elif c.subject == "figures":
        name = "Số liệu một cửa"
    else:
        name = f"Bộ chỉ tiêu năm {c.year}"
    period = period_words(c.period, c.year)
    return f"{name}, kỳ {period}" if period else name


def _field_name(c: Change) -> str:
    return field_name(c.subject, c.field)


def describe(c: Change) -> str:
    """One change as one sentence."""
    who = _subject(c)
    if c.subject == "task-record":
        if c.kind == "added":
            return f"{who}: ghi nhận {c.after}."
        if c.kind == "replaced":
            return f"{who}: thay bản ghi {c.before} → {c.after}."
        return f"{who}: bỏ bản ghi {c.before}."
    if c.subject == "indicator-record":
        if c.kind == "added":
            return f"{who}: ghi số liệu {c.after}."
        if c.kind == "replaced":
            return f"{who}: thay số liệu {c.before} → {c.after}."
        return f"{who}: bỏ số liệu {c.before}."
    if c.subject == "figures" and c.kind != "changed":
        return f"{who}: {'ghi mới' if c.kind == 'added' else 'bỏ'} ({c.after or c.before})."
    if c.subject in ("plan", "indicator-set") and c.kind != "changed":
        return f"{who}: {'lập mới' if c.kind == 'added' else 'xóa'} ({c.after or c.before})."
    if c.kind == "added":
        return f"Thêm {who[0].lower() + who[1:]}: {_quoted(c.after)}"
    if c.kind == "removed":
        return f"Bỏ {who[0].lower() + who[1:]}: {_quoted(c.before)}"
    return f"{who}: sửa {_field_name(c)} {_quoted(c.before)} → {_quoted(c.after)}"


def history_lines(entries: Sequence[Entry]) -> list[str]:
    if not entries:
        return ["Chưa có thay đổi nào trong lịch sử."]
    out: list[str] = []
    for e in entries:
        how = "sửa tay" if e.by_hand else f"kstthc {e.command}"
        out.append(f"{e.id[:7]}  {e.when:%d/%m/%Y %H:%M}  {clean(e.author)}  ({how})")
        if e.by_hand and e.title:
            out.append(f"  {clean(e.title)}")
        out += [f"  - {describe(c)}" for c in e.changes]
        if not e.changes:
            out.append("  (không đọc được thay đổi nào trong kế hoạch, chỉ tiêu hay kết quả)")
        out.append("")
    return out[:-1]


def change_json(c: Change) -> dict[str, Any]:
    return {
        "kind": c.kind,
        "subject": c.subject,
        "year": c.year,
        "id": c.id,
        "field": c.field,
        "period": c.period,
        "section": c.section,
        "before": c.before,
        "after": c.after,
        "text": describe(c),
    }


def history_json(entries: Sequence[Entry]) -> dict[str, Any]:
    """``history --json``: not one plan year nor a day judged (both ``null``), the entries."""
    return {
        "year": None,
        "as_of": None,
        "entries": [
            {
                "commit": e.id,
                "author": e.author,
                "when": e.when.isoformat(),
                "by_hand": e.by_hand,
                "command": e.command,
                "message": e.title,
                "changes": [change_json(c) for c in e.changes],
            }
            for e in entries
        ],
    }


def amendment_lines(changes: Sequence[Change], old_name: str, new_name: str) -> list[str]:
    """The plan's and indicators' changes as a list of amendments, per section and task, with
    the wording before and after (for a "Quyết định điều chỉnh Kế hoạch")."""
    out = [f"Các nội dung điều chỉnh (từ {old_name} đến {new_name}):"]
    if not changes:
        return [*out, "", "Không có nội dung nào của kế hoạch hay chỉ tiêu thay đổi."]
    n = 0
    years = sorted({c.year for c in changes})
    for year in years:
        here = [c for c in changes if c.year == year]
        if len(years) > 1:
            out += ["", f"NĂM {year}"]
        groups: dict[str, list[Change]] = {}
        for c in here:
            if c.subject in ("indicator", "indicator-set"):
                key = "Phụ lục chỉ tiêu"
            elif c.section:
                key = f"Mục {c.section}" + (f". {c.section_title}" if c.section_title else "")
            else:
                key = "Kế hoạch"
            groups.setdefault(key, []).append(c)
        for key, items in groups.items():
            out += ["", key]
            for c in items:
                n += 1
                out += _amendment(n, c)
    return out


def _amendment(n: int, c: Change) -> list[str]:
    who = _subject(c)
    if c.kind == "added":
        return [f"{n}. Bổ sung {who[0].lower() + who[1:]}:", f"   {_quoted(c.after)}"]
    if c.kind == "removed":
        return [f"{n}. Bãi bỏ {who[0].lower() + who[1:]}:", f"   {_quoted(c.before)}"]
    return [
        f"{n}. Sửa đổi {_field_name(c)} của {who[0].lower() + who[1:]}:",
        f"   Trước: {_quoted(c.before)}",
        f"   Sau:   {_quoted(c.after)}",
    ]


def amendments_json(changes: Sequence[Change], old_name: str, new_name: str) -> dict[str, Any]:
    return {
        "year": None,
        "as_of": None,
        "from": old_name,
        "to": new_name,
        "changes": [change_json(c) for c in changes],
    }


def undo_lines(
    target: CommitInfo, changes: Sequence[Change], figures: Mapping[str, bytes | None] = {}
) -> list[str]:
    """What ``undo`` is about to take back; ``figures``: the figures files put back (an
    import's), name → their text after the undo (``None``: removed)."""
    when = f"{target.when:%d/%m/%Y %H:%M}"
    out = [
        f"Sẽ hoàn tác lần ghi {target.short} ({when}, {clean(target.author)}):",
        f"  {clean(target.title)}",
    ]
    out += [f"  - {describe(c)}" for c in changes]
    out += [
        f"  - Xóa tệp số liệu {clean(name)} (lần ghi đó tạo ra nó)."
        if text is None
        else f"  - Tệp số liệu {clean(name)} trở lại như trước lần ghi đó."
        for name, text in figures.items()
    ]
    return out


def saved_lines(saved: Saved, folder: Path) -> list[str]:
    """What ``kstthc commit`` saved, or that there was nothing to save."""
    if saved.commit is None:
        if saved.started:
            return [f"Đã bắt đầu lịch sử của thư mục dữ liệu '{folder}'; chưa có tệp dữ liệu nào."]
        return ["Không có gì để lưu: các tệp dữ liệu vẫn như lần lưu cuối trong lịch sử."]
    short = saved.commit[:7]
    if saved.started:
        out = [
            f"Đã bắt đầu lịch sử của thư mục dữ liệu '{folder}' (lần ghi {short}): "
            f"{', '.join(saved.files)}.",
            "Từ nay mỗi lần ghi của kstthc tự lưu vào lịch sử và hoàn tác được (kstthc undo); "
            "sửa tay thì lưu bằng: kstthc commit",
        ]
    else:
        out = [f"Đã lưu vào lịch sử (lần ghi {short}): {clean(saved.title)}"]
    out += [f"  - {describe(c)}" for c in saved.changes]
    return out
