"""Recording what was done (ghi nhận kết quả): task progress and indicator figures, written into
``actuals_<year>.yaml`` so that ``git diff`` shows only the added or replaced lines.

The file is never re-dumped: the new record's lines are spliced into the text at the end of its
list (or over the record it replaces), using the node positions of the parsed file. The result is
validated as a whole workspace, and checked to load back as exactly the old records plus the new
one, before it atomically replaces the file under a lock.
"""

from __future__ import annotations

import contextlib
import dataclasses
import difflib
import json
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import ValidationError

from kstthc_cli.compute import periods, schedule
from kstthc_cli.compute.indicators import Figure
from kstthc_cli.errors import DataError, UsageError, WriteRefused
from kstthc_cli.load.models import GROUPED_COUNT, IndicatorRecord, Task, TaskRecord
from kstthc_cli.load.workspace import (
    Workspace,
    file_names,
    load_workspace,
    refuse_bundled,
    resolve_year,
)
from kstthc_cli.load.yamlio import NULL, Document, display_path, gc_paused, parse_text
from kstthc_cli.problems import Problem, has_errors
from kstthc_cli.render import textfmt
from kstthc_cli.rules.validate import _record_date_ok, figure_problems
from kstthc_cli.write import safewrite

Section = Literal["tasks", "indicators"]
Number = Decimal | int | float

BOM = b"\xef\xbb\xbf"
ADHOC_WORD = "Đột xuất"


# ---------------------------------------------------------------- results


@dataclass(frozen=True)
class Change:
    """What one ``record`` did (or, with ``--dry-run``, would do) to the actuals file."""

    path: Path
    display: str
    before: str
    after: str
    created: bool
    written: bool
    subject: str
    record: TaskRecord | IndicatorRecord
    replaced: TaskRecord | IndicatorRecord | None = None
    replacing: bool = False
    unit: str = "%"
    warnings: tuple[Problem, ...] = ()

    def diff(self) -> str:
        """The unified diff of the file, as ``git diff`` would show it."""
        lines = difflib.unified_diff(
            _split(self.before),
            _split(self.after),
            fromfile="/dev/null" if self.created else _side("a", self.display),
            tofile=_side("b", self.display),
        )
        return "".join(line.rstrip("\r\n") + "\n" for line in lines)  # the console's own line ends

    def summary(self) -> list[str]:
        """The confirmation a person reads, in Vietnamese."""
        out: list[str] = []
        if self.created:
            out.append(f"Đã tạo tệp {self.display}.")
        r = self.record
        if isinstance(r, TaskRecord):
            state = "đã xong" if r.status == "done" else "đang thực hiện"
            if self.replacing:
                before = (
                    f"ngày {textfmt.d(self.replaced.date)}"
                    if isinstance(self.replaced, TaskRecord)
                    else "không đọc được"
                )
                out.append(
                    f"Đã thay bản ghi {self.subject}: {state}, ngày {textfmt.d(r.date)} "
                    f"(bản ghi cũ: {before})."
                )
            else:
                out.append(f"Đã ghi {self.subject}: {state}, ngày {textfmt.d(r.date)}.")
            if r.evidence:
                out.append(f"  Văn bản: {r.evidence}")
        else:
            new = describe_figure(r, self.unit)
            if self.replacing:
                old = "không đọc được"
                if isinstance(self.replaced, IndicatorRecord):
                    old = describe_figure(self.replaced, self.unit)
                out.append(f"Đã thay số liệu {self.subject}: {new} (số cũ: {old}).")
            else:
                out.append(f"Đã ghi số liệu {self.subject}: {new}.")
        if r.note:
            out.append(f"  Ghi chú: {r.note}")
        if not self.created:
            out.append(f"  Tệp: {self.display}")
        for p in self.warnings:
            out.append(f"Lưu ý: {p.message}")
            if p.hint:
                out.append(f"  → {p.hint}")
        return out


def describe_figure(r: IndicatorRecord, unit: str = "%") -> str:
    """``40/80 = 50,00 %`` for a ratio, ``92,50 %`` for a value entered directly."""
    if r.value is not None:
        shown = textfmt.num(Figure(value=r.value).percent)
        return f"{shown} %" if unit.strip() == "%" else f"{shown} {unit}"
    if r.numerator is None or not r.denominator:
        return "—"
    shown = textfmt.pct(Figure(r.numerator, r.denominator).percent)
    return f"{r.numerator}/{r.denominator} = {shown}"


def _side(prefix: str, display: str) -> str:
    return display if Path(display).is_absolute() else f"{prefix}/{display}"


def _split(text: str) -> list[str]:
    return text.splitlines(keepends=True)


# ---------------------------------------------------------------- entry points


def record_task(
    data_dir: Path,
    *,
    task: str,
    year: int | None = None,
    period: str | None = None,
    status: str = "done",
    day: date | None = None,
    evidence: str | None = None,
    note: str | None = None,
    as_of: date | None = None,
    today: date | None = None,
    dry_run: bool = False,
) -> Change:
    """Add one task record (progress on task ``task``); ongoing tasks take any number of them."""
    state = parse_status(status)
    texts = (_clean(evidence, "--evidence"), _clean(note, "--note"))
    limit = as_of or today or date.today()
    when = day or limit

    def build(ws: Workspace, data: Any) -> _Entry:
        existing = _items(data, "tasks")
        return _task_entry(ws, existing, task, period, state, when, limit, texts[0], texts[1])

    with gc_paused():  # re-enabled only once the parsed trees are gone
        return _record(data_dir, year, limit, build, dry_run)


def record_indicator(
    data_dir: Path,
    *,
    indicator: str,
    period: str,
    year: int | None = None,
    numerator: Number | None = None,
    denominator: Number | None = None,
    value: Number | None = None,
    note: str | None = None,
    as_of: date | None = None,
    today: date | None = None,
    dry_run: bool = False,
) -> Change:
    """Set an indicator's figure for a period; an existing figure for that period is replaced."""
    periods.parse_period(period, year or 2000)  # an unknown period word is a usage error first
    text = _clean(note, "--note")
    limit = as_of or today or date.today()
    figure = (numerator, denominator, value)

    def build(ws: Workspace, data: Any) -> _Entry:
        existing = _items(data, "indicators")
        return _indicator_entry(ws, existing, indicator, period, figure, text, limit)

    with gc_paused():  # re-enabled only once the parsed trees are gone
        return _record(data_dir, year, limit, build, dry_run)


# ---------------------------------------------------------------- command-line values


_STATUS_WORDS = {
    "done": "done",
    "xong": "done",
    "daxong": "done",
    "hoanthanh": "done",
    "inprogress": "in-progress",
    "danglam": "in-progress",
    "dangthuchien": "in-progress",
}


def parse_status(word: str) -> Literal["done", "in-progress"]:
    """``done``/``in-progress`` (or ``xong``, ``đang làm``); anything else is a usage error."""
    key = re.sub(r"[\s_\-]+", "", periods.fold(word))
    found = _STATUS_WORDS.get(key)
    if found is None:
        raise UsageError(
            f"Không hiểu tình trạng '{word}'.",
            "Dùng --status done (đã xong) hoặc --status in-progress (đang thực hiện).",
        )
    return "done" if found == "done" else "in-progress"


def parse_number(text: str, option: str) -> Decimal:
    """A number as typed (``40``, ``92.5``, ``92,5``); something that is no number exits 2."""
    cleaned = text.strip().replace(" ", "")
    if cleaned.count(",") == 1 and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        number = Decimal("NaN")
    if not number.is_finite() or not math.isfinite(float(number)):
        raise UsageError(
            f"Giá trị của {option} phải là một số (đang là '{text}').",
            "Ví dụ: --num 40 --den 80, hoặc --value 92.5.",
        )
    return number


def parse_count(text: str, option: str) -> int:
    """A count as typed (``40``): whole, written without separators, so ``1.000`` (a thousand,
    the Vietnamese way, or one with three decimals?) is asked about rather than guessed."""
    cleaned = text.strip()
    if re.fullmatch(r"\+?\d+", cleaned):
        return int(cleaned)
    label = {"--num": "Tử số", "--den": "Mẫu số"}.get(option, option)
    if GROUPED_COUNT.fullmatch(cleaned.lstrip("+")):
        whole = re.sub(r"[.,+]", "", cleaned)
        raise UsageError(
            f"{label} phải viết liền, không có dấu chấm hay phẩy (đang là '{text}').",
            f"Nếu là {int(whole):,} hồ sơ thì viết {option} {whole}.".replace(",", "."),
        )
    number = parse_number(text, option)  # no number at all: exits 2 there
    if number < 0:
        raise UsageError(
            f"{label} không được âm (đang là {text}).",
            f"{option} là số hồ sơ/văn bản đếm được, từ 0 trở lên.",
        )
    raise UsageError(
        f"{label} phải là số nguyên (đang là {text}).",
        f"{option} là số hồ sơ/văn bản đếm được, không có phần thập phân.",
    )


def _clean(text: str | None, option: str) -> str | None:
    """Text as the file will keep it (trimmed; empty means absent); no broken characters."""
    if text is None:
        return None
    if any("\ud800" <= ch <= "\udfff" for ch in text):
        raise UsageError(
            f"Giá trị của {option} có ký tự không đọc được (không phải UTF-8).",
            "Gõ lại nội dung, hoặc đặt bảng mã của cửa sổ lệnh là UTF-8.",
        )
    text = text.strip()
    return text or None


# ---------------------------------------------------------------- what to write


@dataclass(frozen=True)
class _Entry:
    """A validated record, its YAML lines' fields, and the record it replaces (if any)."""

    section: Section
    fields: tuple[tuple[str, str], ...]
    raw: dict[str, Any]  # the item as the file will read back
    record: TaskRecord | IndicatorRecord
    subject: str
    replace: int | None = None  # which item of the file's list it replaces
    replaced: TaskRecord | IndicatorRecord | None = None
    unit: str = "%"


def _suggest(value: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(value, list(known), n=1, cutoff=0.5)
    return f" Có phải ý bạn là '{close[0]}'?" if close else ""


def _task_entry(
    ws: Workspace,
    existing: Sequence[Any],
    task_id: str,
    period: str | None,
    status: Literal["done", "in-progress"],
    day: date,
    limit: date,
    evidence: str | None,
    note: str | None,
) -> _Entry:
    tasks = {t.id: t for _, t in ws.plan.all_tasks()}
    tid = task_id.strip()
    task = tasks.get(tid)
    if task is None:
        raise WriteRefused(
            f"Không có nhiệm vụ số '{tid}' trong kế hoạch năm {ws.year}." + _suggest(tid, tasks),
            "Xem danh sách nhiệm vụ bằng lệnh: kstthc tasks",
        )
    cal = schedule.YearCalendar(ws.year, ws.plan.reporting)
    sched = schedule.task_schedule(task)
    if sched is None:  # pragma: no cover - an unreadable timeframe is a check error, refused above
        raise WriteRefused(f"Không đọc được thời gian thực hiện của nhiệm vụ {tid}.")
    labels = {o.key: o.label for o in schedule.occurrences(task, sched, cal)}
    if sched.adhoc:
        labels[schedule.ADHOC] = ADHOC_WORD
    choices = "; ".join(
        "đột xuất" if k == schedule.ADHOC else (f"{k} ({v})" if k != v else k)
        for k, v in labels.items()
    )
    subject = f"nhiệm vụ {tid}"
    one_off = not schedule.needs_period(task, cal) and not sched.ongoing and not sched.adhoc
    key: str | None = None
    if period is not None:
        key = schedule.match_key(task, cal, period)
        if key is None and periods.fold(period).replace(" ", "") not in ("dotxuat", "adhoc"):
            schedule.check_period_word(task, cal, period)  # not a period word at all: exit 2
        if one_off:
            raise WriteRefused(
                f"Nhiệm vụ {tid} ({task.timeframe}) chỉ thực hiện một lần, không theo kỳ.",
                "Bỏ tùy chọn --period.",
            )
        if key is None:
            raise WriteRefused(
                f"Nhiệm vụ {tid} ({task.timeframe}) không có kỳ '{period}'.",
                f"Các kỳ của nhiệm vụ này: {choices}.",
            )
    elif schedule.needs_period(task, cal):
        raise WriteRefused(
            f"Nhiệm vụ {tid} ({task.timeframe}) phải nộp nhiều lần: cần cho biết kỳ nào.",
            f"Thêm --period, một trong: {choices}.",
        )
    elif sched.adhoc and not sched.ongoing and not labels.keys() - {schedule.ADHOC}:
        key = schedule.ADHOC
    if not _record_date_ok(day, ws.year):
        raise WriteRefused(
            f"Ngày {textfmt.d(day)} nằm ngoài năm kế hoạch {ws.year}.",
            f"Ngày thực hiện phải từ 01/12/{ws.year - 1} đến 31/03/{ws.year + 1}; "
            "kiểm tra --date (hoặc --as-of).",
        )
    if day > limit:
        raise WriteRefused(
            f"Ngày {textfmt.d(day)} còn ở sau ngày xét {textfmt.d(limit)}: chưa thể ghi là đã làm.",
            "Kiểm tra --date, hoặc đặt --as-of là ngày hôm nay.",
        )
    if key in periods.SPANS and cal.period(key).start > limit:
        window = cal.period(key)
        raise WriteRefused(
            f"Kỳ {window.label} (từ {textfmt.d(window.start)}) chưa bắt đầu tính đến ngày "
            f"{textfmt.d(limit)}: chưa thể ghi việc của kỳ này.",
            "Kiểm tra --period, hoặc đặt --as-of là ngày hôm nay.",
        )
    if key in periods.SPANS and day < cal.period(key).start:
        window = cal.period(key)
        raise WriteRefused(
            f"Ngày {textfmt.d(day)} còn trước khi kỳ {window.label} bắt đầu "
            f"({textfmt.d(window.start)}): việc của kỳ này chưa thể làm vào ngày đó.",
            "Kiểm tra --date hoặc --period.",
        )
    replace, replaced = None, None
    if status == "done" and (key is not None or one_off) and key != schedule.ADHOC:
        replace = _done_before(existing, task, cal, key)
    if replace is not None:
        old = existing[replace]
        with contextlib.suppress(ValidationError):
            replaced = TaskRecord.model_validate(old)
        # the officer's words stay unless new ones are given
        evidence = evidence if evidence is not None else _text(old.get("evidence"))
        note = note if note is not None else _text(old.get("note"))
    written_period = None if key is None else (ADHOC_WORD if key == schedule.ADHOC else key)
    record = TaskRecord.model_validate(
        {
            "task": tid,
            "period": written_period,
            "status": status,
            "date": day,
            "evidence": evidence,
            "note": note,
            "recorded": limit,
        }
    )
    if key is not None:
        subject += f", kỳ {labels.get(key, key)}"
    raw: dict[str, Any] = {"task": tid}
    if written_period is not None:
        raw["period"] = written_period
    raw |= {"status": status, "date": day.isoformat()}
    if evidence is not None:
        raw["evidence"] = evidence
    if note is not None:
        raw["note"] = note
    raw["recorded"] = limit.isoformat()
    fields = tuple((k, quote(v)) for k, v in raw.items())
    return _Entry("tasks", fields, raw, record, subject, replace, replaced)


def _done_before(
    existing: Sequence[Any], task: Task, cal: schedule.YearCalendar, key: str | None
) -> int | None:
    """The record that already says this occurrence (this period, or the one-off task) is done:
    recording it done again replaces it rather than listing the task twice."""
    for i, item in enumerate(existing):
        if not isinstance(item, dict) or _text(item.get("task")) != task.id:
            continue
        if (_text(item.get("status")) or "done") != "done":
            continue
        written = _text(item.get("period"))
        if key is None and written is None:
            return i
        if (
            key is not None
            and written is not None
            and schedule.match_key(task, cal, written) == key
        ):
            return i
    return None


_COUNT_NAMES = {"numerator": ("Tử số", "--num"), "denominator": ("Mẫu số", "--den")}

_FIGURE_HINTS = {
    "wrong-measure": {
        "ratio": "Chỉ tiêu này ghi bằng --num (tử số) và --den (mẫu số).",
        "value": "Chỉ tiêu này ghi bằng --value, ví dụ --value 92.5.",
    },
    "missing-figure": {
        "ratio": "Ghi cả --num (tử số) và --den (mẫu số), ví dụ --num 40 --den 80.",
        "value": "Ghi --value, ví dụ --value 92.5.",
    },
}


def _count(number: Number | None, name: str) -> int | None:
    if number is None:
        return None
    label, option = _COUNT_NAMES[name]
    exact = Decimal(str(number)) if isinstance(number, float) else Decimal(number)
    if exact < 0:
        raise WriteRefused(
            f"{label} không được âm (đang là {number}).",
            f"{option} là số hồ sơ/văn bản đếm được, từ 0 trở lên.",
        )
    if exact != exact.to_integral_value():
        raise WriteRefused(
            f"{label} phải là số nguyên (đang là {number}).",
            f"{option} là số hồ sơ/văn bản đếm được, không có phần thập phân.",
        )
    return int(exact)


def _indicator_entry(
    ws: Workspace,
    existing: Sequence[Any],
    indicator_id: str,
    period: str,
    figure: tuple[Number | None, Number | None, Number | None],
    note: str | None,
    limit: date,
) -> _Entry:
    inds = {x.id: x for x in ws.indicators.indicators}
    iid = indicator_id.strip()
    ind = inds.get(iid)
    if ind is None:
        raise WriteRefused(
            f"Không có chỉ tiêu số '{iid}' trong indicators_{ws.year}.yaml." + _suggest(iid, inds),
            "Các chỉ tiêu: " + ", ".join(inds) + ".",
        )
    pid, pyear = periods.parse_period(period, ws.year)
    if pyear != ws.year:
        raise WriteRefused(
            f"Kỳ '{period}' thuộc năm {pyear}, không phải năm kế hoạch {ws.year}.",
            f"Ghi số liệu năm {pyear} bằng --year {pyear} (tệp actuals_{pyear}.yaml).",
        )
    window = schedule.YearCalendar(ws.year, ws.plan.reporting).period(pid)
    if window.start > limit:
        raise WriteRefused(
            f"Kỳ {window.label} (từ {textfmt.d(window.start)}) chưa bắt đầu tính đến "
            f"ngày {textfmt.d(limit)}: chưa thể có số liệu.",
            "Kiểm tra --period, hoặc đặt --as-of là ngày hôm nay.",
        )
    numerator, denominator = _count(figure[0], "numerator"), _count(figure[1], "denominator")
    value = None if figure[2] is None else Decimal(str(figure[2]))
    problems = figure_problems(
        ind.measure,
        ind.unit,
        numerator,
        denominator,
        None if value is None else float(value),
        lambda field, code, message, hint: Problem("", None, None, code, "error", message, hint),
    )
    if problems:
        p = problems[0]
        hint = _FIGURE_HINTS.get(p.code, {}).get(ind.measure, p.hint)
        if p.code in _FIGURE_HINTS:  # the wrong options for this indicator: a command-line slip
            raise UsageError(p.message, hint)
        raise WriteRefused(p.message, hint)
    replace = next(
        (
            i
            for i, item in enumerate(existing)
            if isinstance(item, dict)
            and _text(item.get("indicator")) == iid
            and _pid(_text(item.get("period")) or "", ws.year) == pid
        ),
        None,
    )
    replaced: IndicatorRecord | None = None
    if replace is not None:
        old = existing[replace]
        with contextlib.suppress(ValidationError):
            replaced = IndicatorRecord.model_validate(old)
        if note is None:
            note = _text(old.get("note"))  # the officer's words stay unless new ones are given
    raw: dict[str, Any] = {"indicator": iid, "period": pid}
    fields = [("indicator", quote(iid)), ("period", quote(pid))]
    if numerator is not None and denominator is not None:
        raw |= {"numerator": numerator, "denominator": denominator}
        fields += [("numerator", str(numerator)), ("denominator", str(denominator))]
    if value is not None:
        shown = _decimal_text(value)
        raw["value"] = float(shown) if "." in shown else int(shown)
        fields.append(("value", shown))
    if note is not None:
        raw["note"] = note
        fields.append(("note", quote(note)))
    raw["recorded"] = limit.isoformat()
    fields.append(("recorded", quote(raw["recorded"])))
    record = IndicatorRecord.model_validate(raw)
    subject = f"chỉ tiêu {iid}, kỳ {window.label}"
    return _Entry("indicators", tuple(fields), raw, record, subject, replace, replaced, ind.unit)


def _text(value: Any) -> str | None:
    """A value of the file as the models read text (``3`` and ``"3"`` are the same id)."""
    if value is None or isinstance(value, (dict, list, bool)):
        return None
    text = str(getattr(value, "raw", value)).strip()
    return text or None


def _pid(word: str, year: int) -> str | None:
    try:
        pid, y = periods.parse_period(word, year)
    except UsageError:
        return None
    return pid if y == year else None


def _decimal_text(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text if text not in ("-0", "") else "0"


# ---------------------------------------------------------------- YAML text


#: Characters YAML may not hold raw inside a double-quoted scalar (non-printable, or read as a
#: line break), escaped the JSON way, which YAML 1.2 reads back the same.
_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


def quote(text: str) -> str:
    """A string as a JSON-style double-quoted YAML scalar (valid YAML 1.2, reads back exactly)."""
    out = json.dumps(text, ensure_ascii=False)
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", out)


_BREAK = re.compile(r"\r\n|\r|\n")


def line_ending(text: str) -> str:
    """The file's own line ending (that of its first line), ``\\n`` for a one-line file."""
    m = _BREAK.search(text)
    return m.group() if m else "\n"


def _line_start(text: str, pos: int) -> int:
    return max(text.rfind("\n", 0, pos), text.rfind("\r", 0, pos)) + 1


def _line_end(text: str, pos: int) -> int:
    """Just after the line break that ends the line holding ``pos`` (the text's end if none)."""
    m = _BREAK.search(text, pos)
    return m.end() if m else len(text)


def _content_end(node: yaml.Node) -> int:
    """Where a node's own text ends (block collections end at their last child's text, not at
    the next key, so comments after them stay where they are)."""
    if isinstance(node, yaml.MappingNode) and not node.flow_style and node.value:
        return max(max(int(k.end_mark.index), _content_end(v)) for k, v in node.value)
    if isinstance(node, yaml.SequenceNode) and not node.flow_style and node.value:
        return max(_content_end(v) for v in node.value)
    index: int = node.end_mark.index
    return index


def _after(text: str, node: yaml.Node) -> int:
    """The start of the line after a node's last line."""
    end = _content_end(node)
    if end > 0 and text[end - 1] in "\r\n":  # a block scalar ends at the start of a line
        return end
    return _line_end(text, end)


def _dash(text: str, item: yaml.Node) -> int | None:
    """Where the ``-`` of a block sequence item is (``None`` if something else stands there)."""
    i = item.start_mark.index - 1
    while i >= 0 and text[i] in " \r\n":
        i -= 1
    return i if i >= 0 and text[i] == "-" else None


def _columns(text: str, item: yaml.Node) -> tuple[int, int] | None:
    """The column of an item's ``-`` and of its first key."""
    dash = _dash(text, item)
    if dash is None:
        return None
    dash_col = dash - _line_start(text, dash)
    start = item.start_mark.index
    same_line = _BREAK.search(text, dash, start) is None
    key_col = start - _line_start(text, start) if same_line else dash_col + 2
    return dash_col, max(key_col, dash_col + 2)


def _column(text: str, node: yaml.Node) -> int:
    index: int = node.start_mark.index
    return index - _line_start(text, index)


def _style(text: str, root: yaml.MappingNode) -> tuple[int, int]:
    """How this file indents a list (dash after its key, key after the dash); ``(2, 2)``."""
    for k, v in root.value:
        if isinstance(v, yaml.SequenceNode) and not v.flow_style and v.value:
            cols = _columns(text, v.value[0])
            if cols is not None:
                return max(cols[0] - _column(text, k), 0), cols[1] - cols[0]
    return 2, 2


def _item(fields: Sequence[tuple[str, str]], dash_col: int, key_col: int, eol: str) -> str:
    first = " " * dash_col + "-" + " " * (key_col - dash_col - 1)
    pad = " " * key_col
    return "".join(
        (first if i == 0 else pad) + f"{key}: {value}" + eol
        for i, (key, value) in enumerate(fields)
    )


def _cannot(reason: str) -> WriteRefused:
    return WriteRefused(
        f"Không thể tự thêm bản ghi vào tệp: {reason}",
        "Không ghi gì. Sửa phần đó thành danh sách mỗi mục một dòng '- ' (như README), "
        "rồi chạy lại; hoặc thêm bản ghi bằng tay.",
    )


def splice(
    text: str,
    root: yaml.Node | None,
    section: Section,
    fields: Sequence[tuple[str, str]],
    replace: int | None = None,
) -> str:
    """The text with one record added at the end of ``section`` (or put in place of item
    ``replace``); every other line is kept byte for byte."""
    eol = line_ending(text)
    if not isinstance(root, yaml.MappingNode) or root.flow_style or not root.value:
        raise _cannot("cấp ngoài cùng của tệp không phải dạng 'khóa: giá trị' mỗi khóa một dòng.")
    dash_off, key_off = _style(text, root)
    found = [(k, v) for k, v in root.value if isinstance(k, yaml.ScalarNode) and k.value == section]
    if not found:
        col = _column(text, root.value[0][0])
        head = text if not text or text[-1] in "\r\n" else text + eol
        body = _item(fields, col + dash_off, col + dash_off + key_off, eol)
        return head + " " * col + f"{section}:" + eol + body
    key, value = found[0]
    col = _column(text, key)
    if isinstance(value, yaml.SequenceNode) and not value.flow_style and value.value:
        if replace is not None:
            item = value.value[replace]
            cols, dash = _columns(text, item), _dash(text, item)
            if cols is None or dash is None:
                raise _cannot(
                    f"không tìm thấy dấu '-' của mục thứ {replace + 1} trong '{section}'."
                )
            start, end = _line_start(text, dash), _after(text, item)
            return text[:start] + _item(fields, *cols, eol) + text[end:]
        last = value.value[-1]
        cols = _columns(text, last)
        if cols is None:
            raise _cannot(f"không tìm thấy dấu '-' của mục cuối trong '{section}'.")
        pos = _absorb_comments(text, _after(text, last), col)
        head = text[:pos] if pos == 0 or text[pos - 1] in "\r\n" else text[:pos] + eol
        return head + _item(fields, *cols, eol) + text[pos:]
    empty_flow = isinstance(value, yaml.SequenceNode) and value.flow_style and not value.value
    null = isinstance(value, yaml.ScalarNode) and value.tag == NULL and not value.style
    if not (empty_flow or null):
        raise _cannot(
            f"'{section}' viết trên một dòng dạng [ … ]; kstthc chỉ ghi thêm vào danh sách "
            "mỗi mục một dòng '- '."
        )
    start = _line_start(text, key.start_mark.index)
    end = _line_end(text, value.end_mark.index)
    head = text[start : value.start_mark.index].rstrip()
    tail = text[value.end_mark.index : end].strip()
    line = head + (f" {tail}" if tail else "") + eol
    body = _item(fields, col + dash_off, col + dash_off + key_off, eol)
    return text[:start] + line + body + text[end:]


def _absorb_comments(text: str, pos: int, key_col: int) -> int:
    """Comment lines indented under the list, right after its last item, belong to that item."""
    while pos < len(text):
        end = _line_end(text, pos)
        line = text[pos:end].rstrip("\r\n")
        stripped = line.lstrip(" ")
        if not stripped.startswith("#") or len(line) - len(stripped) <= key_col:
            break
        pos = end
    return pos


def new_file_text(year: int) -> str:
    """A fresh actuals file: what it is for, in Vietnamese, then empty lists."""
    return (
        f"# Kết quả thực hiện Kế hoạch kiểm soát thủ tục hành chính năm {year}.\n"
        "# Tệp do lệnh 'kstthc record' ghi thêm; có thể sửa bằng tay. Khi sửa: thụt lề bằng\n"
        '# dấu cách, chữ đặt trong ngoặc kép "…", ngày viết dạng "năm-tháng-ngày" (2024-03-14).\n'
        "# Mỗi lần ghi, kstthc chỉ thêm (hoặc thay) các dòng của một bản ghi; các dòng khác,\n"
        "# kể cả ghi chú viết tay như dòng này, được giữ nguyên.\n"
        "\n"
        "# Năm của kế hoạch.\n"
        f"year: {year}\n"
        "\n"
        "# Nhiệm vụ đã làm. task: số thứ tự nhiệm vụ; period: kỳ (Q1…Q4, H1, Y…) với nhiệm vụ\n"
        "# định kỳ; status: done (đã xong) hoặc in-progress (đang thực hiện); date: ngày;\n"
        "# evidence: văn bản chứng minh; note: ghi chú.\n"
        "tasks:\n"
        "\n"
        "# Số liệu chỉ tiêu theo kỳ. indicator: số chỉ tiêu; period: kỳ; numerator, denominator:\n"
        "# tử số, mẫu số (hoặc value: tỷ lệ % nhập thẳng); note: ghi chú.\n"
        "indicators:\n"
    )


# ---------------------------------------------------------------- reading, checking, writing


@dataclass(frozen=True)
class _Loaded:
    """The actuals file as read: its bytes' fingerprint, BOM, and parsed text (a new file's
    text when there is none yet)."""

    path: Path
    fingerprint: str | None
    bom: bool
    exists: bool
    doc: Document


Build = Callable[[Workspace, Any], _Entry]

_BROKEN = "Dữ liệu đang có lỗi nên chưa ghi gì; sửa các lỗi trên rồi chạy lại."


def _base(data_dir: Path, year: int) -> Workspace:
    """The plan and indicators, validated; the records are validated later, with the new one."""
    ws, problems = load_workspace(data_dir, year, actuals_text=new_file_text(year))
    if ws is None or has_errors(problems):
        raise DataError(problems, _BROKEN)
    return ws


def _broken(data_dir: Path, year: int, text: str | None = None) -> DataError:
    """The actuals file's own problems, located in it, as ``check`` reports them."""
    _, problems = load_workspace(data_dir, year, actuals_text=text)
    return DataError(problems, _BROKEN)


def _read(data_dir: Path, year: int) -> _Loaded:
    path = data_dir / file_names(year)["actuals"]
    raw = safewrite.read_bytes(path)
    if raw is None:
        return _Loaded(path, None, False, False, parse_text(new_file_text(year)))
    bom = raw.startswith(BOM)
    try:
        text = raw[3 if bom else 0 :].decode("utf-8")
    except UnicodeDecodeError:
        raise _broken(data_dir, year) from None
    if "\x00" in text:
        raise _broken(data_dir, year)
    doc = parse_text(text, display_path(path))
    if doc.problems or not isinstance(doc.data, dict):
        raise _broken(data_dir, year, text)
    return _Loaded(path, safewrite.fingerprint(raw), bom, True, doc)


def _items(data: Any, section: Section) -> list[Any]:
    items = data.get(section) if isinstance(data, dict) else None
    return items if isinstance(items, list) else []


def _record(data_dir: Path, year: int | None, as_of: date, build: Build, dry_run: bool) -> Change:
    plan_year = resolve_year(data_dir, year, as_of)  # a day of 2024 writes to the 2024 plan's file
    base = _base(data_dir, plan_year)
    loaded = _read(data_dir, plan_year)
    # Every refusal happens here, before any lock or file is touched.
    entry = build(base, loaded.doc.data)
    change = _apply(base, loaded, entry)
    if dry_run:
        return change
    refuse_bundled(data_dir)
    try:
        return _write(base, loaded, change, build)
    except OSError as exc:  # disk full, no permission…: the old file is still whole
        raise WriteRefused(
            f"Không ghi được tệp {display_path(loaded.path)} ({exc.strerror or exc}); "
            "tệp cũ vẫn nguyên vẹn.",
            "Kiểm tra chỗ trống trên đĩa và quyền ghi thư mục dữ liệu, rồi chạy lại.",
        ) from None


def _write(base: Workspace, loaded: _Loaded, change: Change, build: Build) -> Change:
    """Under the lock: if another record landed since the file was read, start again from it;
    the write itself still refuses if the file changes under our feet."""
    with safewrite.locked(loaded.path):
        now = safewrite.fingerprint(safewrite.read_bytes(loaded.path))
        if now != loaded.fingerprint:
            loaded = _read(base.data_dir, base.year)
            entry = build(base, loaded.doc.data)
            change = _apply(base, loaded, entry)
        data = (BOM if loaded.bom else b"") + change.after.encode("utf-8")
        safewrite.replace_atomically(loaded.path, data, loaded.fingerprint)
    return dataclasses.replace(change, written=True)


def _apply(base: Workspace, loaded: _Loaded, entry: _Entry) -> Change:
    """Splice the entry into the text, then prove the result: the whole workspace is valid, and
    the file reads back as before plus the new record (or with the replaced one changed)."""
    before = loaded.doc.text
    after = splice(before, loaded.doc.root, entry.section, entry.fields, entry.replace)
    new_ws, problems = load_workspace(base.data_dir, base.year, actuals_text=after)
    if new_ws is None or has_errors(problems):
        if loaded.exists:
            old = _broken(base.data_dir, base.year, before)
            if has_errors(old.problems):
                raise old
        raise DataError(
            problems,
            f"Ghi bản ghi này sẽ làm tệp {display_path(loaded.path)} có lỗi; không ghi gì.",
        )
    if new_ws.docs["actuals"].data != _expected(loaded.doc.data, entry):
        raise _cannot("sau khi ghép, tệp không đọc lại đúng như dự kiến (cách trình bày lạ).")
    return Change(
        warnings=_warnings_about(new_ws, problems, entry, loaded),
        path=loaded.path,
        display=display_path(loaded.path),
        before=before if loaded.exists else "",
        after=after,
        created=not loaded.exists,
        written=False,
        subject=entry.subject,
        record=entry.record,
        replaced=entry.replaced,
        replacing=entry.replace is not None,
        unit=entry.unit,
    )


def _warnings_about(
    ws: Workspace, problems: Sequence[Problem], entry: _Entry, loaded: _Loaded
) -> tuple[Problem, ...]:
    """The warnings ``check`` would give about the record just written (a date outside every
    reporting window, a 6-month figure that differs from its quarters…), said at once."""
    doc = ws.docs["actuals"]
    index = entry.replace
    if index is None:
        index = len(_items(loaded.doc.data, entry.section))
    first, _ = doc.locate([entry.section, index])
    if first is None:
        return ()
    last = first + len(entry.fields) - 1
    return tuple(
        p
        for p in problems
        if not p.is_error
        and p.file == doc.display
        and p.line is not None
        and first <= p.line <= last
    )


def _expected(data: dict[str, Any], entry: _Entry) -> dict[str, Any]:
    items = list(_items(data, entry.section))
    if entry.replace is None:
        items.append(entry.raw)
    else:
        items[entry.replace] = entry.raw
    return {**data, entry.section: items}
