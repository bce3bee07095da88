"""Recording what was done (ghi nhận kết quả): task progress and indicator figures, written into
``actuals_<year>.yaml`` so that ``git diff`` shows only the added or replaced lines.

The workspace is read and validated once. The new record is put into it (a candidate
workspace), judged by the same rules ``check`` runs, and refused if they find it wrong; its
lines are spliced into the text (``splice``), the text is proved to read back as exactly the
old records plus the new one, and it atomically replaces the file under a lock.
"""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal, TypeVar

from kstthc_cli import messages
from kstthc_cli.compute import periods, schedule
from kstthc_cli.errors import DataError, WriteRefused
from kstthc_cli.load.models import (
    Actuals,
    HiddenCharacter,
    IndicatorRecord,
    Task,
    TaskRecord,
    given_id,
    normal_id,
)
from kstthc_cli.load.workspace import (
    Workspace,
    file_names,
    load_workspace,
    refuse_bundled,
    resolve_year,
    translate,
)
from kstthc_cli.load.yamlio import Document, display_path, gc_paused, parse_text
from kstthc_cli.messages import Said, said
from kstthc_cli.problems import Problem, Severity, has_errors
from kstthc_cli.rules.validate import ADHOC_WORD, REFUSED_IN_NEW_RECORDS, one_off, validate
from kstthc_cli.write import safewrite, splice
from kstthc_cli.write.progress import Progress
from kstthc_cli.write.splice import CannotSplice, quote

Section = Literal["tasks", "indicators"]
Status = Literal["done", "in-progress"]


Number = Decimal | int | float
R = TypeVar("R")

BOM = b"\xef\xbb\xbf"


# ---------------------------------------------------------------- results


@dataclass(frozen=True)
class Change:
    """What one ``record`` did (or, with ``dry_run``, would do) to the actuals file."""

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
    #: the commit that saved the write in the folder's history (None: not committed)
    commit: str | None = None
    #: the write removed ``record`` (``record … --delete``) rather than adding it
    deleted: bool = False
    #: the lines (in the old text) of the comments the removed record held, kept in the file
    kept_comments: tuple[int, ...] = ()

    def diff(self) -> str:
        """The unified diff of the file, as ``git diff`` would show it."""
        lines = difflib.unified_diff(
            _split(self.before),
            _split(self.after),
            fromfile="/dev/null" if self.created else _side("a", self.display),
            tofile=_side("b", self.display),
        )
        return "".join(line.rstrip("\r\n") + "\n" for line in lines)  # the console's own line ends


class RecordRefused(WriteRefused):
    """The rules find the new record wrong: ``problem`` is their finding, in the file's words
    (its ``code`` says which), ``field`` the record's key it is about (``None``: the whole
    record). Nothing was written."""

    def __init__(self, problem: Problem, field: str | None) -> None:
        super().__init__(problem.message, problem.hint)
        self.problem = problem
        self.code = problem.code
        self.field = field


class ReplaceNeeded(WriteRefused):
    """Recording a done occurrence again with another date or evidence would replace the
    record ``old`` by ``new``: asked for with ``replace=True`` only. Nothing was written."""

    def __init__(self, old: TaskRecord, subject: str, new: TaskRecord | None = None) -> None:
        super().__init__(f"Đã có bản ghi {subject} (đã xong, ngày {old.date:%d/%m/%Y}).", "")
        self.old = old
        self.subject = subject
        self.new = new


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
    status: Status | Progress = "done",
    day: date | None = None,
    evidence: str | None = None,
    note: str | None = None,
    as_of: date | None = None,
    today: date | None = None,
    dry_run: bool = False,
    replace: bool = True,
) -> Change:
    """Add one task record (progress on task ``task``); ongoing tasks take any number of them.
    ``period`` is a period word or an occurrence's id; ``as_of`` the day judged (the day's
    date by default, or ``today``). With ``replace=False`` a done record of the same
    occurrence with another date or evidence is not replaced: ``ReplaceNeeded`` says so.
    Replacing a done record keeps what is not given: its date (unless ``day``), evidence and
    note, and the day it was recorded when its date stays."""
    state: Status = "done" if Progress(status) is Progress.DONE else "in-progress"
    texts = (_clean(evidence, "Văn bản chứng minh"), _clean(note, "Ghi chú"))
    limit = as_of or today or date.today()

    def build(ws: Workspace, data: Any) -> _Entry:
        entry = _task_entry(
            ws, _items(data, "tasks"), task, period, state, day, *texts, recorded=limit
        )
        old = entry.replaced
        if not replace and isinstance(old, TaskRecord) and isinstance(entry.record, TaskRecord):
            new = entry.record
            if old.date != new.date or (old.evidence or None) != (new.evidence or None):
                raise ReplaceNeeded(old, entry.subject, new)
        return entry

    with gc_paused():  # re-enabled only once the parsed trees are gone
        return _record(data_dir, year, limit, build, dry_run)


def record_indicator(
    data_dir: Path,
    *,
    indicator: str,
    period: str,
    year: int | None = None,
    numerator: int | None = None,
    denominator: int | None = None,
    value: Number | None = None,
    none: bool = False,
    note: str | None = None,
    as_of: date | None = None,
    today: date | None = None,
    dry_run: bool = False,
) -> Change:
    """Set an indicator's figure for a period; an existing figure for that period is replaced.
    ``none``: the period had nothing to count (không phát sinh), recorded as ``none: true``."""
    periods.parse_period(period, year or 2000)  # an unknown period word is a usage error first
    text = _clean(note, "Ghi chú")
    limit = as_of or today or date.today()
    figure = (numerator, denominator, value)

    def build(ws: Workspace, data: Any) -> _Entry:
        items = _items(data, "indicators")
        return _indicator_entry(
            ws, items, indicator, period, figure, text, none=none, recorded=limit
        )

    with gc_paused():  # re-enabled only once the parsed trees are gone
        return _record(data_dir, year, limit, build, dry_run)


def delete_record(
    data_dir: Path,
    *,
    section: Section,
    subject: str,
    period: str | None = None,
    year: int | None = None,
    as_of: date | None = None,
    today: date | None = None,
    dry_run: bool = False,
) -> Change:
    """Remove the record of task or indicator ``subject`` (``section`` says which) for
    ``period``: the last one the file lists for it. Only its lines go; the rest of the file
    stays as written. Nothing there to remove is refused."""
    limit = as_of or today or date.today()
    plan_year = resolve_year(data_dir, year, limit)
    if not dry_run:
        refuse_bundled(data_dir)
    loaded = _read(data_dir, plan_year, limit)
    sid = given_id(subject, "task" if section == "tasks" else "indicator")
    change = _removal(loaded, section, sid, period)
    if dry_run:
        return change

    def again() -> tuple[_Loaded, Change]:
        reloaded = _read(data_dir, plan_year, limit)
        return reloaded, _removal(reloaded, section, sid, period)

    try:
        return _write(loaded, change, again)
    except OSError as exc:  # disk full, no permission…: the old file is still whole
        raise safewrite.not_written(display_path(loaded.path), exc) from None


def _removal(loaded: _Loaded, section: Section, sid: str, period: str | None) -> Change:
    ws, doc = loaded.ws, loaded.doc
    existing = _items(doc.data, section)
    cal = schedule.calendar_of(ws)
    key_name = "task" if section == "tasks" else "indicator"
    word = period.strip() if period is not None else None
    label = word
    matches: Callable[[Any], bool]
    if section == "tasks":
        task = {t.id: t for _, t in ws.plan.all_tasks()}.get(sid)
        key = schedule.match_key(task, cal, word) if task is not None and word else None
        if task is not None and word and key is None:
            schedule.check_period_word(task, cal, word)  # no period word at all: exit 2
        if key is not None:
            sched = schedule.task_schedule(task) if task is not None else None
            if task is not None and sched is not None:
                labels = {o.key: o.label for o in schedule.occurrences(task, sched, cal)}
                label = labels.get(key, key)

        def matches(item: Any) -> bool:
            written = _text(item.get("period"))
            if word is None:
                return written is None
            if task is None or written is None:
                return written == word
            return schedule.match_key(task, cal, written) == key

    else:
        pid, _ = periods.parse_period(word or "", ws.year)
        label = cal.period(pid).label

        def matches(item: Any) -> bool:
            return periods.period_of_year(_text(item.get("period")), ws.year) == pid

    what = f"{'nhiệm vụ' if section == 'tasks' else 'chỉ tiêu'} {sid}"
    subject = what + (f", kỳ {label}" if label else "")
    found = [
        i
        for i, item in enumerate(existing)
        if isinstance(item, dict) and _id(item.get(key_name)) == sid and matches(item)
    ]
    if not found:
        raise WriteRefused(
            said("refused/record-none", subject=subject, shown=display_path(loaded.path))
        )
    index = found[-1]
    model: type[Any] = TaskRecord if section == "tasks" else IndicatorRecord
    old = _valid(model, existing[index])
    after = splice.remove_item(doc.text, doc.root, section, index)
    kept = tuple(c.line for c in splice.item_comments(doc.text, doc.root, section, index))
    items = [x for i, x in enumerate(existing) if i != index]
    back = parse_text(after)
    data = doc.data if isinstance(doc.data, dict) else {}
    got = back.data.get(section) if isinstance(back.data, dict) else None
    others = {k: v for k, v in data.items() if k != section}
    if (
        back.problems
        or (got or []) != items
        or {k: v for k, v in back.data.items() if k != section} != others
    ):
        raise CannotSplice(said("refused/splice-reread-removed"))
    unit = "%"
    if section == "indicators":
        ind = {x.id: x for x in ws.indicators.indicators}.get(sid)
        unit = ind.unit if ind is not None else "%"
    return Change(
        path=loaded.path,
        display=display_path(loaded.path),
        before=doc.text,
        after=after,
        created=False,
        written=False,
        subject=subject,
        record=old,
        unit=unit,
        deleted=True,
        kept_comments=kept,
    )


def _clean(text: str | None, what: str) -> str | None:
    """Text as the file will keep it (trimmed; empty means absent); no broken characters."""
    if text is None:
        return None
    if any("\ud800" <= ch <= "\udfff" for ch in text):
        raise WriteRefused(said("refused/record-not-utf8", what=what))
    text = text.strip()
    return text or None


# ---------------------------------------------------------------- what to write


@dataclass(frozen=True)
class _Entry:
    """A record, its YAML lines' fields, and the record it replaces (if any)."""

    section: Section
    fields: tuple[tuple[str, str], ...]
    raw: dict[str, Any]  # the item as the file will read back
    record: TaskRecord | IndicatorRecord
    subject: str
    replace: int | None = None  # which item of the file's list it replaces
    replaced: TaskRecord | IndicatorRecord | None = None
    unit: str = "%"


def _task_entry(
    ws: Workspace,
    existing: Sequence[Any],
    task_id: str,
    period: str | None,
    status: Status,
    day: date | None,
    evidence: str | None,
    note: str | None,
    *,
    recorded: date,
) -> _Entry:
    """The record as asked for (``recorded``: the day it is made, kept so that a day judged
    earlier does not count it; ``day``: the day done, by default ``recorded``): the period word
    becomes the occurrence's id where it names one (the rules judge the rest, on the candidate
    workspace). A done record it replaces keeps each field not given: the date, the evidence,
    the note; and, when its date stays, the day it was recorded (only words were added)."""
    tid = given_id(task_id, "task")
    task = {t.id: t for _, t in ws.plan.all_tasks()}.get(tid)
    cal = schedule.calendar_of(ws)
    word = period.strip() if period is not None else None
    key: str | None = None
    labels: dict[str, str] = {}
    replace: int | None = None
    if task is not None:
        sched = schedule.task_schedule(task)
        if sched is not None:
            labels = {o.key: o.label for o in schedule.occurrences(task, sched, cal)}
        if word is not None:
            key = schedule.match_key(task, cal, word)
            if key is None and periods.fold(word).replace(" ", "") not in ("dotxuat", "adhoc"):
                schedule.check_period_word(task, cal, word)  # no period word at all: exit 2
        elif sched is not None and sched.adhoc and not sched.ongoing and not labels:
            key = schedule.ADHOC
        once = one_off(task, cal)
        if status == "done" and (key is not None or once) and key != schedule.ADHOC:
            replace = _done_before(existing, task, cal, key)
    written_period = word if key is None else (ADHOC_WORD if key == schedule.ADHOC else key)
    replaced = None
    if replace is not None:
        old = existing[replace]
        replaced = _valid(TaskRecord, old)
        # the officer's words stay unless new ones are given
        evidence = evidence if evidence is not None else _kept_text(old.get("evidence"))
        note = note if note is not None else _kept_text(old.get("note"))
        if day is None and replaced is not None:  # so does the day it was done
            day = replaced.date
            if replaced.recorded is not None:
                recorded = replaced.recorded
    day = day or recorded
    raw: dict[str, Any] = {"task": tid}
    if written_period is not None:
        raw["period"] = written_period
    raw |= {"status": status, "date": day.isoformat()}
    if evidence is not None:
        raw["evidence"] = evidence
    if note is not None:
        raw["note"] = note
    raw["recorded"] = recorded.isoformat()
    subject = f"nhiệm vụ {tid}"
    if key is not None:
        subject += f", kỳ {ADHOC_WORD if key == schedule.ADHOC else labels.get(key, key)}"
    fields = tuple((k, quote(v)) for k, v in raw.items())
    return _Entry("tasks", fields, raw, _new(TaskRecord, raw), subject, replace, replaced)


def _done_before(
    existing: Sequence[Any], task: Task, cal: schedule.YearCalendar, key: str | None
) -> int | None:
    """The record that already says this occurrence (this period, or the one-off task) is done:
    recording it done again replaces it rather than listing the task twice."""
    for i, item in enumerate(existing):
        if not isinstance(item, dict) or _id(item.get("task")) != task.id:
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


def _indicator_entry(
    ws: Workspace,
    existing: Sequence[Any],
    indicator_id: str,
    period: str,
    figure: tuple[int | None, int | None, Number | None],
    note: str | None,
    *,
    none: bool = False,
    recorded: date | None = None,
) -> _Entry:
    iid = given_id(indicator_id, "indicator")
    ind = {x.id: x for x in ws.indicators.indicators}.get(iid)
    pid, pyear = periods.parse_period(period, ws.year)
    this_year = pyear == ws.year
    replace = None
    if this_year:
        replace = next(
            (
                i
                for i, item in enumerate(existing)
                if isinstance(item, dict)
                and _id(item.get("indicator")) == iid
                and periods.period_of_year(_text(item.get("period")), ws.year) == pid
            ),
            None,
        )
    replaced = None
    if replace is not None:
        old = existing[replace]
        replaced = _valid(IndicatorRecord, old)
        if note is None:
            note = _kept_text(old.get("note"))  # the officer's words stay unless new ones given
        if replaced is not None:
            figure, none = _kept_figure(replaced, figure, none)
            same = figure == (replaced.numerator, replaced.denominator, replaced.value)
            if same and none == replaced.none and replaced.recorded is not None:
                recorded = replaced.recorded  # only the note changed: recorded as before
    written_period = pid if this_year else period.strip()
    raw: dict[str, Any] = {"indicator": iid, "period": written_period}
    fields = [("indicator", quote(iid)), ("period", quote(written_period))]
    numerator, denominator, value = figure
    for key, count in (("numerator", numerator), ("denominator", denominator)):
        if count is not None:
            raw[key] = count
            fields.append((key, str(count)))
    if value is not None:
        shown = _decimal_text(Decimal(str(value)) if isinstance(value, float) else Decimal(value))
        raw["value"] = float(shown) if "." in shown else int(shown)
        fields.append(("value", shown))
    if none:
        raw["none"] = True
        fields.append(("none", "true"))
    if note is not None:
        raw["note"] = note
        fields.append(("note", quote(note)))
    if recorded is not None:
        raw["recorded"] = recorded.isoformat()
        fields.append(("recorded", quote(raw["recorded"])))
    label = schedule.calendar_of(ws).period(pid).label
    subject = f"chỉ tiêu {iid}, kỳ {label if this_year else written_period}"
    unit = ind.unit if ind is not None else "%"
    record = _new(IndicatorRecord, raw)
    return _Entry("indicators", tuple(fields), raw, record, subject, replace, replaced, unit)


def _kept_figure(
    old: IndicatorRecord, figure: tuple[int | None, int | None, Number | None], none: bool
) -> tuple[tuple[int | None, int | None, Number | None], bool]:
    """The figure a replaced record keeps from the old one: all of it when no part of it is
    given (only the note changes). The figure is one field: any part given (a count, a value,
    ``none``) replaces it whole, so one count alone is still refused, never paired with the
    old record's other count."""
    if figure == (None, None, None) and not none:
        return (old.numerator, old.denominator, old.value), bool(old.none)
    return figure, none


def _valid(model: type[Any], item: Any) -> Any:
    """An item of the file as its model, or ``None`` if it is not a valid one."""
    from pydantic import ValidationError

    try:
        return model.model_validate(item)
    except ValidationError:
        return None


def _new(model: type[Any], raw: dict[str, Any]) -> Any:
    """The new record as its model; a value the model refuses (a count below 0, an id too long)
    is refused in the model's words."""
    from pydantic import ValidationError

    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        blank = Document(path=Path(), display="", text="")
        found = translate(blank, model, exc)
        field = next((str(e["loc"][0]) for e in exc.errors() if e["loc"]), None)
        raise RecordRefused(found[0], field) from None


def _text(value: Any) -> str | None:
    """A value of the file as the models read text (``3`` and ``"3"`` are the same id)."""
    if value is None or isinstance(value, (dict, list, bool)):
        return None
    text = str(getattr(value, "raw", value)).strip()
    return text or None


def _id(value: Any) -> str | None:
    """An id of the file in the form the models give it (``２`` is ``2``), to compare with one
    given (an id with an invisible character stays as written: it matches none)."""
    text = _text(value)
    if text is None:
        return None
    try:
        return normal_id(text)
    except HiddenCharacter:
        return text


def _kept_text(value: Any) -> str | None:
    """An old record's text carried into the new one exactly as the file holds it (a block
    scalar's last line break too), so that its lines stay as the officer wrote them."""
    if type(value) is str and value.strip():
        return value
    return _text(value)


def _decimal_text(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text if text not in ("-0", "") else "0"


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
    """The actuals file as read: its bytes' fingerprint, BOM and text (a new file's text when
    there is none yet), and the workspace validated with it: the file's one parse."""

    path: Path
    fingerprint: str | None
    bom: bool
    exists: bool
    ws: Workspace
    #: the rules were run on ``ws`` (and found no error); else only its models were validated,
    #: and the rules run once, on the candidate (``_apply``)
    judged: bool = True

    @property
    def doc(self) -> Document:
        return self.ws.docs["actuals"]


Build = Callable[[Workspace, Any], _Entry]

_BROKEN = "Dữ liệu đang có lỗi nên chưa ghi gì; sửa các lỗi trên rồi chạy lại."


def _broken(data_dir: Path, year: int, text: str | None = None) -> DataError:
    """The actuals file's own problems, located in it, as ``check`` reports them."""
    _, problems = load_workspace(data_dir, year, actuals_text=text)
    return DataError(problems, _BROKEN)


def _read(data_dir: Path, year: int, as_of: date, *, judged: bool = True) -> _Loaded:
    """Read the file's bytes and load the workspace with them (the records validated once);
    ``judged=False``: the rules are left for the candidate (``_apply``)."""
    path = data_dir / file_names(year)["actuals"]
    raw = safewrite.read_bytes(path)
    bom = raw is not None and raw.startswith(BOM)
    if raw is None:
        text = new_file_text(year)
    else:
        try:
            text = raw[3 if bom else 0 :].decode("utf-8")
        except UnicodeDecodeError:
            raise _broken(data_dir, year) from None
        if "\x00" in text:
            raise _broken(data_dir, year)
    ws, problems = load_workspace(data_dir, year, as_of=as_of, actuals_text=text, rules=judged)
    if ws is None or has_errors(problems):
        if not judged:  # said as check says it, with what the rules find too
            _, problems = load_workspace(data_dir, year, as_of=as_of, actuals_text=text)
        raise DataError(problems, _BROKEN)
    fingerprint = None if raw is None else safewrite.fingerprint(raw)
    return _Loaded(path, fingerprint, bom, raw is not None, ws, judged)


def _judge_as_read(loaded: _Loaded, as_of: date) -> None:
    """The rules on the files as read (``loaded`` was not judged): their errors refuse the
    write as ``check`` reports them, before anything is said about the new record."""
    ws = loaded.ws
    _, problems = load_workspace(ws.data_dir, ws.year, as_of=as_of, actuals_text=loaded.doc.text)
    if has_errors(problems):
        raise DataError(problems, _BROKEN)


def _items(data: Any, section: Section) -> list[Any]:
    items = data.get(section) if isinstance(data, dict) else None
    return items if isinstance(items, list) else []


def _record(data_dir: Path, year: int | None, as_of: date, build: Build, dry_run: bool) -> Change:
    plan_year = resolve_year(data_dir, year, as_of)  # a day of 2024 writes to the 2024 plan's file
    if not dry_run:
        refuse_bundled(data_dir)
    loaded = _read(data_dir, plan_year, as_of, judged=False)
    # Every refusal happens here, before any lock or file is touched.
    change = _apply(loaded, build, as_of)
    if dry_run:
        return change
    safewrite.refuse_too_large(change.display, change.after)  # before the lock: nothing made

    def again() -> tuple[_Loaded, Change]:
        reloaded = _read(data_dir, plan_year, as_of, judged=False)
        return reloaded, _apply(reloaded, build, as_of)

    try:
        return _write(loaded, change, again)
    except OSError as exc:  # disk full, no permission…: the old file is still whole
        raise safewrite.not_written(display_path(loaded.path), exc) from None


def _write(loaded: _Loaded, change: Change, again: Callable[[], tuple[_Loaded, Change]]) -> Change:
    """Under the lock: if another record landed since the file was read, start ``again`` from
    it; the write itself still refuses if the file changes under our feet."""
    with safewrite.locked(loaded.path):
        now = safewrite.fingerprint(safewrite.read_bytes(loaded.path))
        if now != loaded.fingerprint:
            loaded, change = again()
        data = (BOM if loaded.bom else b"") + change.after.encode("utf-8")
        safewrite.replace_atomically(loaded.path, data, loaded.fingerprint)
    return dataclasses.replace(change, written=True)


@dataclass
class _Watched(Document):
    """The actuals document of the candidate workspace: it locates the old records as before,
    and keeps apart what the rules find about the new record (item ``at``), with its key."""

    at: tuple[str, int] = ("tasks", 0)
    about_new: list[tuple[Problem, str | None]] = field(default_factory=list)

    def problem(
        self,
        path: Sequence[str | int],
        code: str | Said,
        message: str = "",
        hint: str = "",
        severity: Severity = "error",
        key: bool = False,
    ) -> Problem:
        found = super().problem(path, code, message, hint, severity, key)
        if tuple(path[:2]) == self.at:
            self.about_new.append((found, str(path[2]) if len(path) > 2 else None))
        return found


def _candidate(ws: Workspace, entry: _Entry, index: int) -> tuple[Workspace, _Watched]:
    """The workspace as it will be with the new record (the other records as validated)."""
    doc = ws.docs["actuals"]
    watched = _Watched(
        path=doc.path, display=doc.display, text=doc.text, root=doc.root, data=doc.data,
        at=(entry.section, index),
    )  # fmt: skip
    tasks, task_rows = list(ws.actuals.tasks), list(ws.task_rows)
    inds, ind_rows = list(ws.actuals.indicators), list(ws.indicator_rows)
    if isinstance(entry.record, TaskRecord):
        _put(tasks, task_rows, entry.record, index)
    else:
        _put(inds, ind_rows, entry.record, index)
    actuals = Actuals(year=ws.actuals.year, tasks=tasks, indicators=inds)
    candidate = dataclasses.replace(
        ws,
        actuals=actuals,
        docs={**ws.docs, "actuals": watched},
        problems=[],
        task_rows=task_rows,
        indicator_rows=ind_rows,
    )
    return candidate, watched


def _put(records: list[R], rows: list[int], record: R, index: int) -> None:
    """Item ``index`` of the file's list is ``record`` (in place of the one there, if any)."""
    if index in rows:
        records[rows.index(index)] = record
    else:
        records.append(record)
        rows.append(index)


def _apply(loaded: _Loaded, build: Build, as_of: date) -> Change:
    """Judge the new record with the rules, in the workspace as it will be; splice it into the
    text; prove the text reads back as before plus the new record (or the replaced one)."""
    ws, doc = loaded.ws, loaded.doc
    entry = build(ws, doc.data)
    existing = _items(doc.data, entry.section)
    index = entry.replace if entry.replace is not None else len(existing)
    candidate, watched = _candidate(ws, entry, index)
    found = validate(candidate, as_of=as_of)
    refused = any(p.is_error or p.code in REFUSED_IN_NEW_RECORDS for p, _ in watched.about_new)
    if not loaded.judged and (refused or has_errors(found)):
        _judge_as_read(loaded, as_of)  # errors already in the files are said as such first
    for p, key in watched.about_new:
        if p.is_error or p.code in REFUSED_IN_NEW_RECORDS:
            raise RecordRefused(p, key)
    mine = {id(p) for p, _ in watched.about_new}
    if has_errors(p for p in found if id(p) not in mine):
        raise DataError(
            [p for p in found if id(p) not in mine],
            messages.text("failed/record-would-break", shown=display_path(loaded.path)),
        )
    before = doc.text
    try:
        after, window = splice.put_item_at(
            before, doc.root, entry.section, entry.fields, entry.replace
        )
    except splice.CommentInTheWay as exc:  # said with the file's name
        raise splice.CommentInTheWay(exc.comment, display_path(loaded.path)) from None
    _reads_back(after, window, doc.data, entry)
    return Change(
        warnings=tuple(p for p, _ in watched.about_new if not p.is_error),
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


def _reads_back(after: str, window: splice.Window | None, data: Any, entry: _Entry) -> None:
    """The spliced text reads as the old data with the new record in place, so a layout the
    splice misread cannot slip through. The lines outside ``window`` are the old text's, read
    once already: the window, parsed on its own, is proof enough; where it is not (anchors,
    directives, a window the splice could not give), the whole text is parsed."""
    items = list(_items(data, entry.section))
    if entry.replace is None:
        items.append(entry.raw)
    else:
        items[entry.replace] = entry.raw
    if window is not None:
        part = parse_text(after[window.start : window.end])
        if window.first is None:
            wanted: Any = {entry.section: items} if len(items) == 1 else None
        else:
            wanted = items[window.first : window.first + window.count]
        if not part.problems and wanted is not None and part.data == wanted:
            return
    expected = {**(data if isinstance(data, dict) else {}), entry.section: items}
    doc = parse_text(after)
    if doc.problems or doc.data != expected:
        raise CannotSplice(said("refused/splice-reread-joined"))


# ---------------------------------------------------------------- a period's figures at once


@dataclass(frozen=True)
class FigureInput:
    """One indicator's figure as entered for ``record_indicators``."""

    indicator: str
    numerator: int | None = None
    denominator: int | None = None
    value: Number | None = None
    none: bool = False


@dataclass(frozen=True)
class Batch:
    """What one ``record_indicators`` did (or would do): each record's change in turn, and the
    file before the first and after the last; written once."""

    path: Path
    display: str
    before: str
    after: str
    created: bool
    written: bool
    changes: tuple[Change, ...]
    commit: str | None = None

    def diff(self) -> str:
        lines = difflib.unified_diff(
            _split(self.before),
            _split(self.after),
            fromfile="/dev/null" if self.created else _side("a", self.display),
            tofile=_side("b", self.display),
        )
        return "".join(line.rstrip("\r\n") + "\n" for line in lines)


def record_indicators(
    data_dir: Path,
    *,
    period: str,
    figures: Sequence[FigureInput],
    year: int | None = None,
    as_of: date | None = None,
    today: date | None = None,
    dry_run: bool = False,
) -> Batch:
    """Set several indicators' figures for one period: each is judged by the rules as if
    recorded one after the other, and the file is written once with all of them (or, if one
    is refused, not at all)."""
    periods.parse_period(period, year or 2000)
    limit = as_of or today or date.today()
    plan_year = resolve_year(data_dir, year, limit)
    if not dry_run:
        refuse_bundled(data_dir)
    first = loaded = _read(data_dir, plan_year, limit, judged=False)
    changes: list[Change] = []
    for f in figures:
        figure = (f.numerator, f.denominator, f.value)

        def build(ws: Workspace, data: Any, f: FigureInput = f, figure: Any = figure) -> _Entry:
            items = _items(data, "indicators")
            return _indicator_entry(
                ws, items, f.indicator, period, figure, None, none=f.none, recorded=limit
            )

        try:
            change = _apply(loaded, build, limit)
        except RecordRefused as exc:  # said of its indicator: the batch holds many
            named = f"Chỉ tiêu {given_id(f.indicator, 'indicator')}: {exc.problem.message}"
            raise RecordRefused(
                dataclasses.replace(exc.problem, message=named), exc.field
            ) from None
        changes.append(change)
        # the text with this figure in, read again for the next one's positions; the rules
        # judged it already (as this figure's candidate workspace)
        ws, problems = load_workspace(
            data_dir, plan_year, as_of=limit, actuals_text=change.after, rules=False
        )
        if ws is None or has_errors(problems):
            raise DataError(problems, _BROKEN)
        loaded = dataclasses.replace(loaded, ws=ws)
    after = changes[-1].after if changes else first.doc.text
    batch = Batch(
        path=first.path,
        display=display_path(first.path),
        before=first.doc.text if first.exists else "",
        after=after,
        created=not first.exists,
        written=False,
        changes=tuple(changes),
    )
    if dry_run or not changes:
        return batch
    safewrite.refuse_too_large(batch.display, after)
    try:
        with safewrite.locked(first.path):
            data = (BOM if first.bom else b"") + after.encode("utf-8")
            safewrite.replace_atomically(first.path, data, first.fingerprint)
    except OSError as exc:
        raise safewrite.not_written(display_path(first.path), exc) from None
    return dataclasses.replace(batch, written=True)
