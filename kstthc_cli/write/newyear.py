"""Starting next year's plan (lập kế hoạch năm mới) from this year's files.

The new files are built from the old files' *text*, so the officer's comments, order and layout
survive: only year-bound wording moves to the new year, the decision's number and date are left
empty for the officer (``check`` warns until they are filled), and each indicator's baseline
becomes last year's year-to-date result. Legal bases and central targets stay as they were: the
officer updates them from the new year's documents.
"""

from __future__ import annotations

import contextlib
import dataclasses
import difflib
import re
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from kstthc_cli.compute.targets import AssignedTarget, assigned_targets
from kstthc_cli.errors import DataError, KstthcError, UsageError, WriteRefused
from kstthc_cli.load.models import parse_day
from kstthc_cli.load.workspace import Workspace, file_names, load_workspace, refuse_bundled
from kstthc_cli.load.yamlio import Document, display_path
from kstthc_cli.problems import Problem, has_errors
from kstthc_cli.write import safewrite

if TYPE_CHECKING:
    from rich.console import Console

#: "năm 2024", "Năm 2024", "NĂM 2024" (also with a decomposed ă, as some editors save it).
_YEAR_WORDING = re.compile(r"(?<!\w)(n(?:ă|a\u0306)m\s+)(\d{4})()(?!\d)", re.IGNORECASE)
_BARE_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")
#: The workspace's own file names, as comments cite them ("xem plan_2024.yaml").
_FILE_NAME = re.compile(r"(?<!\w)((?:plan|indicators|actuals)_)(\d{4})(\.yaml)")


@dataclass(frozen=True)
class Baseline:
    """Last year's result of one indicator, next year's baseline (kết quả năm trước)."""

    indicator_id: str
    value: float | None
    numerator: int | None
    denominator: int | None


@dataclass(frozen=True)
class NewYear:
    """What ``new-year`` produced: the two texts, where they go, and what they mean."""

    year: int
    plan_path: Path
    indicators_path: Path
    plan_text: str
    indicators_text: str
    old_plan_text: str
    old_indicators_text: str
    baselines: list[Baseline]
    targets: list[AssignedTarget]
    warnings: list[Problem]
    written: bool


def start_year(data_dir: Path, year: int, *, dry_run: bool = False) -> NewYear:
    """Build, validate and (unless ``dry_run``) write ``plan_N.yaml`` and ``indicators_N.yaml``
    from year N−1; nothing is written when anything is wrong."""
    if not 2001 <= year <= 2100:
        raise UsageError(f"Năm {year} không hợp lệ.", "Ghi năm bốn chữ số, ví dụ: 2025.")
    if not data_dir.is_dir():
        raise UsageError(
            f"Không tìm thấy thư mục dữ liệu '{data_dir}'.",
            "Dùng --data để chỉ tới thư mục chứa plan_<năm>.yaml.",
        )
    prev = year - 1
    new_names, old_names = file_names(year), file_names(prev)
    plan_path = data_dir / new_names["plan"]
    indicators_path = data_dir / new_names["indicators"]
    _refuse_existing(year, [plan_path, indicators_path])
    if not (data_dir / old_names["plan"]).exists():
        raise KstthcError(
            f"Không có kế hoạch năm {prev} ({old_names['plan']}) trong thư mục '{data_dir}'.",
            f"new-year {year} lập kế hoạch năm {year} từ kế hoạch năm {prev}; "
            "kiểm tra lại năm hoặc tùy chọn --data.",
        )
    old, problems = load_workspace(data_dir, prev)
    if old is None or has_errors(problems):
        raise DataError(
            problems,
            f"Dữ liệu năm {prev} có lỗi; sửa xong rồi mới lập kế hoạch năm {year}. Chưa ghi gì.",
        )

    baselines = last_year_results(old)
    plan_text = next_plan_text(old.docs["plan"], prev, year)
    indicators_text = next_indicators_text(old.docs["indicators"], prev, year, baselines)
    ws, warnings = _validate(data_dir, year, plan_text, indicators_text)
    result = NewYear(
        year=year,
        plan_path=plan_path,
        indicators_path=indicators_path,
        plan_text=plan_text,
        indicators_text=indicators_text,
        old_plan_text=old.docs["plan"].text,
        old_indicators_text=old.docs["indicators"].text,
        baselines=baselines,
        targets=assigned_targets(ws.indicators),
        warnings=warnings,
        written=False,
    )
    if dry_run:
        return result
    refuse_bundled(data_dir)
    _write_both(year, plan_path, plan_text, indicators_path, indicators_text)
    return dataclasses.replace(result, written=True)


def _refuse_existing(year: int, paths: Sequence[Path]) -> None:
    found = [p for p in paths if p.exists()]
    if found:
        names = " và ".join(p.name for p in found)
        raise WriteRefused(
            f"Đã có {names}: kế hoạch năm {year} đã được lập, không ghi đè. Chưa ghi gì.",
            "Sửa trực tiếp các tệp đó; muốn lập lại từ đầu thì xóa hoặc đổi tên chúng trước.",
        )


def last_year_results(ws: Workspace) -> list[Baseline]:
    """Each indicator's year-to-date result as of 31/12 (pooled Σnumerator / Σdenominator)."""
    from kstthc_cli.compute.status import judge_indicators

    out: list[Baseline] = []
    for s in judge_indicators(ws, date(ws.year, 12, 31)):
        value = s.ytd.percent if s.state != "no-data" else None
        out.append(Baseline(s.indicator.id, value, s.ytd.numerator, s.ytd.denominator))
    return out


# ---------------------------------------------------------------- text edits


@dataclass(frozen=True)
class _Edit:
    """Replace ``text[start:end]``; ``keep`` spans are copied untouched (no year wording moved)."""

    start: int
    end: int
    new: str | None = None

    @property
    def keep(self) -> bool:
        return self.new is None


def _rewrite(text: str, edits: Iterable[_Edit], moves: dict[int, int]) -> str:
    """Apply the edits; everywhere else, move year-bound wording ("năm 2024") forward."""
    out: list[str] = []
    pos = 0
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        if e.start < pos:  # nested inside a span already handled (e.g. inside legal bases)
            continue
        out.append(shift_wording(text[pos : e.start], moves))
        out.append(text[e.start : e.end] if e.new is None else e.new)
        pos = e.end
    out.append(shift_wording(text[pos:], moves))
    return "".join(out)


def shift_wording(text: str, moves: dict[int, int]) -> str:
    """ "năm 2024" → "năm 2025" for each year in ``moves``; other numbers and dates untouched."""

    def move(m: re.Match[str]) -> str:
        y = int(m.group(2))
        return m.group(1) + str(moves[y]) + m.group(3) if y in moves else m.group(0)

    return _FILE_NAME.sub(move, _YEAR_WORDING.sub(move, text))


def _shift_bare(raw: str, moves: dict[int, int]) -> str:
    return _BARE_YEAR.sub(lambda m: str(moves.get(int(m.group(1)), m.group(1))), raw)


def _child(node: yaml.Node | None, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    if not isinstance(node, yaml.MappingNode):
        return None
    for k, v in node.value:
        if isinstance(k, yaml.ScalarNode) and k.value == key:
            return k, v
    return None


def _value(node: yaml.Node | None, key: str) -> yaml.Node | None:
    found = _child(node, key)
    return found[1] if found else None


def _items(node: yaml.Node | None) -> list[yaml.Node]:
    return list(node.value) if isinstance(node, yaml.SequenceNode) else []


def _span(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.index, node.end_mark.index


def _scalar(node: yaml.Node | None, new: str) -> list[_Edit]:
    if not isinstance(node, yaml.ScalarNode):
        return []
    start, end = _span(node)
    return [_Edit(start, end, new)]


def next_plan_text(doc: Document, prev: int, year: int) -> str:
    """Next year's plan text: year moved, decision number and date emptied, legal bases kept."""
    root = doc.root
    text = doc.text
    edits: list[_Edit] = []
    edits += _scalar(_value(root, "year"), str(year))
    decision = _value(root, "decision")
    for key in ("number", "date"):
        node = _value(decision, key)
        if isinstance(node, yaml.ScalarNode) and node.tag != "tag:yaml.org,2002:null":
            edits += _scalar(node, "null")
    bases = _value(decision, "legal_bases")
    if bases is not None:
        edits.append(_Edit(*_span(bases)))
    moves_bare = {prev: year, prev + 1: year + 1}
    for section in _items(_value(root, "sections")):
        for task in _items(_value(section, "tasks")):
            for node in [_value(task, "timeframe"), *_items(_value(task, "schedule"))]:
                if isinstance(node, yaml.ScalarNode):
                    start, end = _span(node)
                    edits.append(_Edit(start, end, _shift_bare(text[start:end], moves_bare)))
            for milestone in _items(_value(task, "milestones")):
                node = _value(milestone, "date")
                if isinstance(node, yaml.ScalarNode):
                    edits.append(_milestone_date(text, node, moves_bare))
    return _rewrite(text, edits, {prev: year})


def _milestone_date(text: str, node: yaml.ScalarNode, moves: dict[int, int]) -> _Edit:
    """A sub-plan's milestone moves one year on; 29/02 becomes 28/02 in a common year."""
    start, end = _span(node)
    raw = _shift_bare(text[start:end], moves)
    try:
        parse_day(raw.strip("\"'"))
    except ValueError:
        with contextlib.suppress(ValueError):
            old = parse_day(node.value)
            if old is not None:
                raw = f'"{date(moves.get(old.year, old.year + 1), old.month, 28).isoformat()}"'
    return _Edit(start, end, raw)


def _number(x: float | None) -> str:
    if x is None:
        return "null"
    return str(int(x)) if float(x).is_integer() else repr(round(x, 2))


def next_indicators_text(doc: Document, prev: int, year: int, baselines: Sequence[Baseline]) -> str:
    """Next year's indicators text: year moved, each baseline set to last year's result.

    Here "năm N−2" is the baseline year of the old file (the rule's "kết quả năm 2023"), so it
    moves too; the source document (Nghị quyết) stays for the officer to update.
    """
    root = doc.root
    text = doc.text
    by_id = {b.indicator_id: b for b in baselines}
    edits: list[_Edit] = []
    edits += _scalar(_value(root, "year"), str(year))
    source = _value(root, "source")
    if source is not None:
        edits.append(_Edit(*_span(source)))
    for item in _items(_value(root, "indicators")):
        id_node = _value(item, "id")
        if not isinstance(id_node, yaml.ScalarNode) or id_node.value not in by_id:
            continue
        new = _number(by_id[id_node.value].value)
        found = _child(item, "baseline")
        if found is not None:
            edits += _scalar(found[1], new)
        elif isinstance(item, yaml.MappingNode) and item.value:
            edits.append(_insert_key(text, item, "baseline", new))
    return _rewrite(text, edits, {prev - 1: prev, prev: year})


def _insert_key(text: str, mapping: yaml.MappingNode, key: str, value: str) -> _Edit:
    """A new ``key: value`` line at the end of a block mapping, aligned with its keys."""
    last = mapping.value[-1][1]
    while isinstance(last, (yaml.MappingNode, yaml.SequenceNode)) and last.value:
        if last.flow_style:
            break
        # a block collection ends where the next key starts: its text ends with its last child
        child = last.value[-1]
        last = child[1] if isinstance(child, tuple) else child
    if mapping.flow_style:
        end = mapping.end_mark.index - 1
        return _Edit(end, end, f", {key}: {value}")
    indent = " " * mapping.value[0][0].start_mark.column
    pos = last.end_mark.index
    if pos > 0 and text[pos - 1] == "\n":
        return _Edit(pos, pos, f"{indent}{key}: {value}\n")
    newline = text.find("\n", pos)
    if newline < 0:
        return _Edit(len(text), len(text), f"\n{indent}{key}: {value}\n")
    return _Edit(newline + 1, newline + 1, f"{indent}{key}: {value}\n")


# ---------------------------------------------------------------- validate, then write


def _validate(
    data_dir: Path, year: int, plan_text: str, indicators_text: str
) -> tuple[Workspace, list[Problem]]:
    """Load the new texts as a workspace in a scratch folder, with every model and rule."""
    names = file_names(year)
    with tempfile.TemporaryDirectory(prefix="kstthc-new-year-") as tmp:
        scratch = Path(tmp)
        (scratch / names["plan"]).write_text(plan_text, encoding="utf-8")
        (scratch / names["indicators"]).write_text(indicators_text, encoding="utf-8")
        if (data_dir / names["actuals"]).exists():
            shutil.copyfile(data_dir / names["actuals"], scratch / names["actuals"])
        ws, problems = load_workspace(scratch, year)
        shown = [_relocate(p, scratch, data_dir) for p in problems]
    if ws is None or has_errors(shown):
        raise DataError(
            shown,
            f"Kế hoạch năm {year} tạo ra từ năm {year - 1} chưa hợp lệ nên chưa ghi gì "
            "(đây là lỗi của kstthc, xin báo lại kèm tệp).",
        )
    return ws, shown


def _relocate(p: Problem, scratch: Path, data_dir: Path) -> Problem:
    if scratch.name in p.file:
        return dataclasses.replace(p, file=display_path(data_dir / Path(p.file).name))
    return p


def _write_both(
    year: int, plan_path: Path, plan_text: str, indicators_path: Path, indicators_text: str
) -> None:
    """Both files or neither: if the second cannot be written, the first is removed."""
    with safewrite.locked(plan_path), safewrite.locked(indicators_path):
        _refuse_existing(year, [plan_path, indicators_path])
        safewrite.create_new(plan_path, plan_text.encode("utf-8"))
        try:
            safewrite.create_new(indicators_path, indicators_text.encode("utf-8"))
        except BaseException:
            with contextlib.suppress(OSError):
                plan_path.unlink()
            raise


def diff(result: NewYear) -> str:
    """What ``--dry-run`` shows: each new file against last year's, line by line."""
    out: list[str] = []
    for old_text, new_text, path in (
        (result.old_plan_text, result.plan_text, result.plan_path),
        (result.old_indicators_text, result.indicators_text, result.indicators_path),
    ):
        old_name = path.name.replace(str(result.year), str(result.year - 1))
        out.extend(
            difflib.unified_diff(
                old_text.splitlines(keepends=True),
                new_text.splitlines(keepends=True),
                fromfile=old_name,
                tofile=path.name,
            )
        )
    return "".join(line if line.endswith("\n") else line + "\n" for line in out)


def print_summary(console: Console, result: NewYear) -> None:
    """What was written, last year's results that became baselines, and what is left to do."""
    from rich.table import Table
    from rich.text import Text

    from kstthc_cli.problems import summary
    from kstthc_cli.render import textfmt as fmt

    year, prev = result.year, result.year - 1
    console.print(Text(f"Đã lập kế hoạch năm {year}:", style="bold"))
    for path in (result.plan_path, result.indicators_path):
        console.print(f"  {display_path(path)}", markup=False)
    console.print()
    console.print(
        Text(f"Kết quả năm {prev} (lũy kế đến 31/12/{prev}) và chỉ tiêu giao năm {year}:")
    )
    baselines = {b.indicator_id: b for b in result.baselines}
    for t in result.targets:
        b = baselines.get(t.indicator.id)
        got = "chưa có số liệu"
        if b is not None and b.value is not None:
            got = fmt.pct(b.value) if t.indicator.unit.strip() == "%" else fmt.num(b.value)
            if b.denominator:
                got += f" ({b.numerator}/{b.denominator})"
        assigned = fmt.target(t.indicator.target.op, t.assigned, t.indicator.unit)
        console.print(f"  CT {t.indicator.id:<5} {got:<26} → giao {assigned}", markup=False)
    console.print()
    console.print(Text("Việc cần làm tiếp:", style="bold"))
    todo = Table.grid(padding=(0, 1))
    todo.add_column(no_wrap=True)
    todo.add_column(overflow="fold")
    for line in (
        "Điền số và ngày quyết định ban hành (decision.number, decision.date) khi quyết định "
        "được ký; trước đó 'kstthc check' còn cảnh báo.",
        "Cập nhật căn cứ pháp lý (decision.legal_bases), nơi nhận, và nơi nhận báo cáo "
        "(reporting.recipient) nếu cấp trên đã thay đổi.",
        f"Cập nhật chỉ tiêu Trung ương (target) và văn bản giao chỉ tiêu (source) theo Nghị "
        f"quyết năm {year}; chỉ tiêu giao tự tính lại: kstthc targets --year {year}.",
        "Xem lại các nhiệm vụ và thời gian thực hiện; các ngày ghi trong nội dung nhiệm vụ "
        "được giữ nguyên.",
    ):
        todo.add_row("  -", Text(line))
    console.print(todo)
    console.print()
    console.print(
        f"Kiểm tra: kstthc check --year {year} ({summary(result.warnings)})", markup=False
    )
