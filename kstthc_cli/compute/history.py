"""What changed between two versions of the workspace, in the domain's words (lịch sử thay đổi):
a record added or replaced, a task's timeframe or units changed, a target or baseline changed, a
task added or removed. Pure: it takes versions already parsed and returns change values."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from kstthc_cli.load.models import Indicator, IndicatorRecord, Task, TaskRecord
from kstthc_cli.load.versions import (
    ActualsVersion,
    FiguresVersion,
    IndicatorsVersion,
    PlanVersion,
    Version,
)

Kind = Literal["added", "removed", "changed", "replaced"]
Subject = Literal[
    "task",
    "indicator",
    "section",
    "task-record",
    "indicator-record",
    "plan",
    "indicator-set",
    "figures",
]


# ---------------------------------------------------------------- changes


@dataclass(frozen=True)
class Change:
    """One change to one thing. ``field`` names what changed on a task or indicator
    (``timeframe``, ``lead``, ``target``, ``baseline``…); ``before``/``after`` are worded."""

    kind: Kind
    subject: Subject
    year: int
    id: str
    field: str | None = None
    before: str | None = None
    after: str | None = None
    period: str | None = None
    section: str | None = None
    section_title: str | None = None

    @property
    def task_id(self) -> str | None:
        return self.id if self.subject in ("task", "task-record") else None

    @property
    def indicator_id(self) -> str | None:
        return self.id if self.subject in ("indicator", "indicator-record") else None


#: The task fields compared, in the order the plan's table shows them, with their names
#: (every field of ``Task`` but its id: ``tests/test_history.py`` checks it).
TASK_FIELDS: dict[str, str] = {
    "content": "nội dung",
    "short": "tên ngắn",
    "outputs": "sản phẩm",
    "responsibility": "trách nhiệm thực hiện",
    "lead": "đơn vị chủ trì",
    "support": "đơn vị phối hợp",
    "monitor": "đơn vị theo dõi",
    "timeframe": "thời gian thực hiện",
    "timeframe_text": "thời gian thực hiện in trong kế hoạch",
    "schedule": "các kỳ thực hiện",
    "milestones": "các mốc",
    "report": "là báo cáo gửi cấp trên",
}
#: Every field of ``Indicator`` but its id, with its name.
INDICATOR_FIELDS: dict[str, str] = {
    "code": "mã chỉ tiêu",
    "name": "nội dung",
    "unit": "đơn vị tính",
    "target": "chỉ tiêu",
    "baseline": "kết quả năm trước",
    "measure": "cách tính",
    "numerator": "tử số",
    "denominator": "mẫu số",
    "formula": "công thức tính từ số liệu một cửa",
    "aggregate": "cách cộng các kỳ",
    "responsibility": "cơ quan thực hiện",
    "units": "đơn vị thực hiện",
}
#: The names of the plan's own values (``flat_values`` paths), of its decision and reporting
#: settings; a path not here is named by its last key (``tests/test_history.py`` checks that
#: every field of ``Plan``, ``Decision``, ``Reporting`` and ``IndicatorSet`` has a name).
PLAN_FIELDS: dict[str, str] = {
    "year": "năm kế hoạch",
    "title": "tên kế hoạch",
    "issuing_body": "cơ quan ban hành",
    "parent_body": "cơ quan cấp trên",
    "place": "địa danh",
    "starts": "ngày bắt đầu thực hiện",
    "decision": "quyết định ban hành",
    "decision.number": "số quyết định",
    "decision.date": "ngày quyết định",
    "decision.title": "trích yếu quyết định",
    "decision.authority": "thẩm quyền ban hành",
    "decision.signer": "người ký quyết định",
    "decision.signer_title": "chức vụ người ký quyết định",
    "decision.proposed_by": "cơ quan đề nghị",
    "decision.legal_bases": "căn cứ ban hành",
    "decision.articles": "các điều của quyết định",
    "decision.recipients": "nơi nhận quyết định",
    "reporting": "chế độ báo cáo",
    "reporting.recipient": "nơi nhận báo cáo (kính gửi)",
    "reporting.preparer": "đơn vị lập báo cáo",
    "reporting.cutoff_rule": "cách chốt số liệu",
    "reporting.due_day": "ngày hạn gửi báo cáo",
    "reporting.due": "cách tính hạn gửi báo cáo",
    "reporting.due.day_of_last_month": "hạn gửi báo cáo: ngày của tháng cuối kỳ",
    "reporting.due.working_days_after_cutoff": "hạn gửi báo cáo: số ngày làm việc sau ngày chốt",
    "reporting.move_off_holidays": "lùi hạn rơi vào ngày nghỉ",
    "reporting.due_soon_days": "số ngày coi là sắp đến hạn",
    "reporting.report_number_suffix": "ký hiệu số báo cáo",
    "reporting.signer": "người ký báo cáo",
    "reporting.signer_title": "chức vụ người ký báo cáo",
    "reporting.signing_on_behalf": "dòng ký thay mặt",
    "reporting.signer_capacity": "tư cách người ký báo cáo",
    "reporting.report_recipients": "nơi nhận báo cáo",
    "reporting.regimes": "chế độ báo cáo viện dẫn",
    "reporting.plans_executed": "kế hoạch cấp trên được thực hiện",
    "reporting.days_off": "ngày nghỉ thêm",
    "reporting.working_days": "ngày làm việc bù",
    "reporting.auto_commit": "tự lưu vào lịch sử",
    "units": "đơn vị",
    # indicators_N.yaml
    "source": "văn bản giao chỉ tiêu",
    "assignment_rule": "nguyên tắc giao chỉ tiêu",
    "assignment_rule.text": "nguyên tắc giao chỉ tiêu",
    "assignment_rule.increase": "mức tăng chỉ tiêu",
    "assignment_rule.mode": "cách tăng chỉ tiêu",
    "assignment_rule.cap": "mức trần chỉ tiêu",
    "assignment_rule.counts": "cách giao chỉ tiêu đếm số lượng",
}
#: The words of a figures file's keys (``figures_N.yaml``), for its paths.
FIGURE_WORDS: dict[str, str] = {
    "dossiers": "hồ sơ",
    "late_dossiers": "hồ sơ trễ hạn",
    "received": "nhận",
    "resolved": "đã giải quyết",
    "in_progress": "đang giải quyết",
    "total": "tổng",
    "online": "trực tuyến",
    "direct": "trực tiếp, bưu chính",
    "carried_over": "từ kỳ trước",
    "early": "trước hạn",
    "on_time": "đúng hạn",
    "late": "quá hạn",
    "within": "trong hạn",
    "overdue": "quá hạn",
    "explanation": "giải thích",
    "complaints": "phản ánh, kiến nghị",
    "procedures": "thủ tục hành chính",
    "egov": "chính phủ số",
    "source": "nguồn",
    "system": "hệ thống",
    "file": "tệp",
    "exported_on": "ngày xuất",
    "field": "lĩnh vực",
    "procedure": "thủ tục",
    "due": "hẹn trả",
    "finished": "kết thúc",
    "cause": "nguyên nhân",
    "in_competence": "thuộc thẩm quyền",
    "handled": "đã xử lý",
    "published": "đã công khai",
    "posted": "đã niêm yết",
    "at_one_stop": "tại bộ phận một cửa",
    "internal_issued": "quy trình nội bộ đã ban hành",
    "online_full": "trực tuyến toàn trình",
    "online_partial": "trực tuyến một phần",
    "digitised_inputs": "số hóa hồ sơ",
    "electronic_results": "kết quả điện tử",
    "paper_result_dossiers": "hồ sơ trả kết quả giấy",
    "reused_data": "tái sử dụng dữ liệu",
    "with_fee": "có phí, lệ phí",
    "paid_online": "thanh toán trực tuyến",
}
SIGNS = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "==": "="}


def field_name(subject: str, name: str | None) -> str:
    """What a change's ``field`` is called: a task's or indicator's field, a section's title or
    heading, a plan's value (``decision.number``), a unit (``units.vp-tk``)."""
    if not name:
        return ""
    if subject == "section":
        return {"title": "tên mục", "heading": "đề mục của báo cáo"}.get(name, name)
    if subject == "task":
        return "thuộc mục" if name == "section" else TASK_FIELDS.get(name, name)
    if subject == "indicator":
        return INDICATOR_FIELDS.get(name, name)
    if subject == "figures":
        head, _, rest = name.partition(".")
        if head == "dossiers" and rest:  # dossiers.<field>.<part>.<count>
            row, _, keys = rest.partition(".")
        elif head == "late_dossiers" and rest:  # late_dossiers.<code, may hold dots>.<key>
            row, _, keys = rest.rpartition(".")
        else:
            row, keys = "", rest
        said = [
            FIGURE_WORDS.get(head, head),
            row,
            *(FIGURE_WORDS.get(k, k) for k in keys.split(".")),
        ]
        return ", ".join(w for w in said if w)
    if name.startswith("units."):
        return f"tên đơn vị {name.removeprefix('units.')}"
    return PLAN_FIELDS.get(name, name.rsplit(".", 1)[-1])


def _number(x: float | None, places: int = 2) -> str | None:
    if x is None:
        return None
    text = f"{x:.{places}f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def _exact(x: float | None) -> str | None:
    """A value of the plan as written (no rounding: 42,004 is not 42)."""
    return _number(x, 10)


def _units(ids: Sequence[str], names: dict[str, str]) -> str:
    return "; ".join(names.get(i, i) for i in ids) or "(không có)"


def _task_value(task: Task, name: str, units: dict[str, str]) -> str:
    if name in ("lead", "support", "monitor"):
        return _units(getattr(task, name), units)
    if name == "outputs":
        return "; ".join(task.outputs) or "(không có)"
    if name == "schedule":
        return "; ".join(task.schedule or []) or "(không có)"
    if name == "milestones":
        shown = [
            f"{m.date:%d/%m/%Y} {m.label}" + (f" ({m.id})" if m.id else "") for m in task.milestones
        ]
        return "; ".join(shown) or "(không có)"
    if name == "report":
        return {True: "có", False: "không", None: "kstthc tự xét"}[task.report]
    value = getattr(task, name)
    return "(không có)" if value is None else str(value)


def target_words(ind: Indicator) -> str:
    """The target as worded, with the rule it is judged by when the words do not say it
    (``Tối thiểu 50 (đánh giá theo ≥ 60)``): a changed number is never invisible."""
    from kstthc_cli.load.models import read_target

    t = ind.target
    if read_target(t.text) == (t.op, t.value):
        return t.text
    return f"{t.text} (đánh giá theo {SIGNS[t.op]} {_exact(t.value)})"


def _indicator_value(ind: Indicator, name: str) -> str:
    if name == "target":
        return target_words(ind)
    if name == "baseline":
        return _exact(ind.baseline) or "(chưa có)"
    if name == "formula":
        f = ind.formula
        return "(không có)" if f is None else f"{f.numerator} / {f.denominator}"
    if name == "aggregate":
        return {
            "ratio": "cộng tử số, cộng mẫu số",
            "sum": "cộng giá trị các kỳ",
            "latest": "lấy kỳ gần nhất",
            None: "theo mặc định",
        }[ind.aggregate]
    if name == "units":
        return "; ".join(ind.units) or "(không có)"
    if name == "measure":
        return "tử số/mẫu số" if ind.measure == "ratio" else "nhập thẳng giá trị"
    value = getattr(ind, name)
    return "(không có)" if value is None else str(value)


def task_record_words(r: TaskRecord) -> str:
    """``đã xong ngày 14/06/2024`` (the words of a commit message and of the history)."""
    state = "đã xong" if r.status == "done" else "đang thực hiện"
    words = f"{state} ngày {r.date:%d/%m/%Y}"
    if r.evidence:
        words += f" ({r.evidence})"
    if r.note:
        words += f", ghi chú: {r.note}"
    return words


def indicator_figure_words(r: IndicatorRecord, unit: str = "%") -> str:
    """``130/200`` for counts, ``92,5 %`` for a value entered directly (a commit's title)."""
    if r.none:
        return "không phát sinh"
    if r.value is not None:
        shown = _exact(float(r.value)) or ""
        return f"{shown} %" if unit.strip() == "%" else f"{shown} {unit}"
    if r.numerator is not None or r.denominator is not None:
        return f"{r.numerator if r.numerator is not None else '?'}/{r.denominator or '?'}"
    return "(không có số)"


def indicator_record_words(r: IndicatorRecord, unit: str = "%") -> str:
    """The figure and its note (the history compares both)."""
    words = indicator_figure_words(r, unit)
    return f"{words}, ghi chú: {r.note}" if r.note else words


def diff_plans(year: int, old: PlanVersion | None, new: PlanVersion | None) -> list[Change]:
    """Sections and tasks added, removed or changed, field by field, in the new plan's order."""
    old, new = old or PlanVersion(), new or PlanVersion()
    out: list[Change] = []
    old_sections = {s.id: s for s in old.sections}
    new_sections = {s.id: s for s in new.sections}
    old_tasks = {t.id: (s, t) for s in old.sections for t in s.tasks}
    new_tasks = {t.id: (s, t) for s in new.sections for t in s.tasks}
    for s in new.sections:
        before = old_sections.get(s.id)
        if before is None:
            out.append(Change("added", "section", year, s.id, after=s.title, section=s.id))
        elif before.title != s.title:
            out.append(
                Change(
                    "changed",
                    "section",
                    year,
                    s.id,
                    "title",
                    before.title,
                    s.title,
                    section=s.id,
                    section_title=s.title,
                )
            )
        if before is not None and before.heading != s.heading:
            out.append(
                Change(
                    "changed",
                    "section",
                    year,
                    s.id,
                    "heading",
                    before.heading or "theo tên mục",
                    s.heading or "theo tên mục",
                    section=s.id,
                    section_title=s.title,
                )
            )
        for t in s.tasks:
            was = old_tasks.get(t.id)
            where = {"section": s.id, "section_title": s.title}
            if was is None:
                out.append(Change("added", "task", year, t.id, after=t.content, **where))
                continue
            old_s, old_t = was
            if old_s.id != s.id:
                out.append(
                    Change("changed", "task", year, t.id, "section", old_s.title, s.title, **where)
                )
            names = {**old.units, **new.units}  # a unit renamed is one change, not one a task
            for name in TASK_FIELDS:
                a = _task_value(old_t, name, names)
                b = _task_value(t, name, names)
                if a != b:
                    out.append(Change("changed", "task", year, t.id, name, a, b, **where))
    for tid, (s, t) in old_tasks.items():
        if tid not in new_tasks:
            out.append(
                Change(
                    "removed",
                    "task",
                    year,
                    tid,
                    before=t.content,
                    section=s.id,
                    section_title=s.title,
                )
            )
    for sid, s in old_sections.items():
        if sid not in new_sections:
            out.append(Change("removed", "section", year, sid, before=s.title, section=sid))
    units = {f"units.{k}": (v,) for k, v in old.units.items()}
    new_units = {f"units.{k}": (v,) for k, v in new.units.items()}
    return (
        _values(year, "plan", old.values, new.values)
        + out
        + _values(year, "plan", units, new_units)
    )


def _values(
    year: int,
    subject: Literal["plan", "indicator-set"],
    old: Mapping[str, tuple[str, ...]],
    new: Mapping[str, tuple[str, ...]],
) -> list[Change]:
    """A file's own values changed, path by path; a list item by item (an item added has no
    before, one removed no after)."""
    out: list[Change] = []
    for path in [*new, *(p for p in old if p not in new)]:
        a, b = old.get(path, ()), new.get(path, ())
        if a == b:
            continue
        if len(a) <= 1 and len(b) <= 1:
            pairs = [(a[0] if a else None, b[0] if b else None)]
        else:
            pairs = []
            matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
            for tag, i1, i2, j1, j2 in matcher.get_opcodes():
                if tag == "equal":
                    continue
                gone, came = a[i1:i2], b[j1:j2]
                for k in range(max(len(gone), len(came))):
                    pairs.append(
                        (gone[k] if k < len(gone) else None, came[k] if k < len(came) else None)
                    )
        for x, y in pairs:
            out.append(Change("changed", subject, year, str(year), path, x, y))
    return out


def diff_indicators(
    year: int, old: IndicatorsVersion | None, new: IndicatorsVersion | None
) -> list[Change]:
    old, new = old or IndicatorsVersion(), new or IndicatorsVersion()
    before = {i.id: i for i in old.indicators}
    after = {i.id: i for i in new.indicators}
    out: list[Change] = []
    for ind in new.indicators:
        was = before.get(ind.id)
        if was is None:
            out.append(Change("added", "indicator", year, ind.id, after=ind.name))
            continue
        for name in INDICATOR_FIELDS:
            a, b = _indicator_value(was, name), _indicator_value(ind, name)
            if a != b:
                out.append(Change("changed", "indicator", year, ind.id, name, a, b))
    for iid, ind in before.items():
        if iid not in after:
            out.append(Change("removed", "indicator", year, iid, before=ind.name))
    return _values(year, "indicator-set", old.values, new.values) + out


def diff_actuals(
    year: int,
    old: ActualsVersion | None,
    new: ActualsVersion | None,
    units: dict[str, str] | None = None,
) -> list[Change]:
    """Records added, replaced or removed, per task (or indicator) and period; ``units`` maps an
    indicator to its unit of measure (``%``)."""
    old, new = old or ActualsVersion(), new or ActualsVersion()
    units = units or {}
    out: list[Change] = []
    pairs: list[
        tuple[
            Subject,
            dict[tuple[str, str | None], list[str]],
            dict[tuple[str, str | None], list[str]],
        ]
    ] = [
        ("task-record", _task_records(old.tasks), _task_records(new.tasks)),
        (
            "indicator-record",
            _indicator_records(old.indicators, units),
            _indicator_records(new.indicators, units),
        ),
    ]
    for subject, was, now in pairs:
        for key in _keys(was, now):
            a, b = was.get(key, []), now.get(key, [])
            if a == b:
                continue
            rid, period = key
            common = [x for x in a if x in b]
            gone = [x for x in a if x not in common]
            came = [x for x in b if x not in common]
            for i in range(max(len(gone), len(came))):
                g = gone[i] if i < len(gone) else None
                c = came[i] if i < len(came) else None
                kind: Kind = "replaced" if g and c else ("added" if c else "removed")
                out.append(Change(kind, subject, year, rid, None, g, c, period=period))
    return out


def diff_figures(year: int, old: FiguresVersion | None, new: FiguresVersion | None) -> list[Change]:
    """A figures file's periods added or removed, and each value changed (the one-stop system's
    counts, a row's explanation, a late dossier)."""
    old, new = old or FiguresVersion(), new or FiguresVersion()
    out: list[Change] = []
    for period in [*new.periods, *(p for p in old.periods if p not in new.periods)]:
        a, b = old.periods.get(period), new.periods.get(period)
        if a is None or b is None:
            kind: Kind = "added" if a is None else "removed"
            count = f"{len(b or a or {})} giá trị"
            shown = {"after": count} if a is None else {"before": count}
            out.append(Change(kind, "figures", year, period, period=period, **shown))
            continue
        for c in _values(year, "plan", a, b):
            out.append(
                Change("changed", "figures", year, period, c.field, c.before, c.after, period)
            )
    return out


def _keys(*maps: dict[tuple[str, str | None], list[str]]) -> list[tuple[str, str | None]]:
    seen: dict[tuple[str, str | None], None] = {}
    for m in maps:
        for k in m:
            seen.setdefault(k, None)
    return list(seen)


def _task_records(records: Iterable[TaskRecord]) -> dict[tuple[str, str | None], list[str]]:
    out: dict[tuple[str, str | None], list[str]] = {}
    for r in records:
        out.setdefault((r.task, r.period), []).append(task_record_words(r))
    return out


def _indicator_records(
    records: Iterable[IndicatorRecord], units: dict[str, str]
) -> dict[tuple[str, str | None], list[str]]:
    out: dict[tuple[str, str | None], list[str]] = {}
    for r in records:
        words = indicator_record_words(r, units.get(r.indicator, "%"))
        out.setdefault((r.indicator, r.period), []).append(words)
    return out


def diff_versions(old: Version, new: Version, *, records: bool = True) -> list[Change]:
    """Every change from ``old`` to ``new``, year by year: the plan, the indicators, and (when
    ``records``) the records."""
    out: list[Change] = []
    years = sorted(
        set(old.plans) | set(new.plans) | set(old.indicators) | set(new.indicators)
        | (set(old.actuals) | set(new.actuals) | set(old.figures) | set(new.figures)
           if records else set())
    )  # fmt: skip
    for y in years:
        out += _whole_file(y, "plan", old.plans.get(y), new.plans.get(y))
        if y in old.plans and y in new.plans:
            out += diff_plans(y, old.plans[y], new.plans[y])
        out += _whole_file(y, "indicator-set", old.indicators.get(y), new.indicators.get(y))
        if y in old.indicators and y in new.indicators:
            out += diff_indicators(y, old.indicators[y], new.indicators[y])
        if records:
            inds = new.indicators.get(y) or old.indicators.get(y) or IndicatorsVersion()
            units = {i.id: i.unit for i in inds.indicators}
            out += diff_actuals(y, old.actuals.get(y), new.actuals.get(y), units)
            out += diff_figures(y, old.figures.get(y), new.figures.get(y))
    return out


def _whole_file(
    year: int,
    subject: Literal["plan", "indicator-set"],
    old: PlanVersion | IndicatorsVersion | None,
    new: PlanVersion | IndicatorsVersion | None,
) -> list[Change]:
    """A year's plan (or indicators) made or deleted is one change, not one per task."""
    if (old is None) == (new is None):
        return []
    version = new if new is not None else old
    if isinstance(version, PlanVersion):
        count = f"{sum(len(s.tasks) for s in version.sections)} nhiệm vụ"
    else:
        count = f"{len(version.indicators) if version else 0} chỉ tiêu"
    if new is not None:
        return [Change("added", subject, year, str(year), after=count)]
    return [Change("removed", subject, year, str(year), before=count)]


def period_words(word: str | None, year: int) -> str:
    """``Q2`` as a person reads it: ``Quý II``."""
    if not word:
        return ""
    from kstthc_cli.compute import periods
    from kstthc_cli.errors import UsageError

    try:
        pid, _ = periods.parse_period(word, year)
    except UsageError:
        return word
    return periods.LABELS.get(pid, word)


def brief(c: Change) -> str:
    """A change in a few words, for a commit's title: ``nhiệm vụ 1 (thời gian thực hiện)``,
    ``thêm nhiệm vụ 21``, ``ghi nhận nhiệm vụ 20``, ``kế hoạch năm 2024 (số quyết định)``."""
    if c.subject in ("task-record", "indicator-record"):
        what = ("nhiệm vụ " if c.subject == "task-record" else "chỉ tiêu ") + c.id
        verb = {"added": "ghi nhận", "replaced": "sửa bản ghi", "removed": "bỏ bản ghi"}[c.kind]
        return f"{verb} {what}" + (f" kỳ {period_words(c.period, c.year)}" if c.period else "")
    if c.subject == "figures":
        return f"số liệu kỳ {period_words(c.period, c.year)}"
    if c.subject in ("plan", "indicator-set"):
        what = ("kế hoạch năm " if c.subject == "plan" else "bộ chỉ tiêu năm ") + str(c.year)
        if c.kind == "added":
            return f"lập {what}"
        if c.kind == "removed":
            return f"xóa {what}"
        return f"{what} ({field_name(c.subject, c.field)})"
    what = {"task": "nhiệm vụ", "indicator": "chỉ tiêu", "section": "mục"}[c.subject] + f" {c.id}"
    if c.kind == "added":
        return f"thêm {what}"
    if c.kind == "removed":
        return f"bỏ {what}"
    return f"{what} ({field_name(c.subject, c.field)})"


# ---------------------------------------------------------------- the history


@dataclass(frozen=True)
class Entry:
    """One commit in the history: who, when, by kstthc or by hand, and what it changed."""

    id: str
    author: str
    when: datetime
    title: str
    command: str | None
    changes: tuple[Change, ...]

    @property
    def by_hand(self) -> bool:
        """Edits made outside kstthc's writes: committed by git, or saved by ``kstthc commit``
        (and before a write, the edits not yet saved)."""
        return self.command is None or self.command == "commit"


def select(
    entries: Iterable[Entry],
    *,
    since: date | None = None,
    task: str | None = None,
    indicator: str | None = None,
    as_of: date | None = None,
) -> list[Entry]:
    """The entries on or after ``since`` (and, given the day judged ``as_of``, on or before it:
    what was known that day) whose changes touch ``task`` (or ``indicator``); their other
    changes are left out."""
    out: list[Entry] = []
    for e in entries:
        if since is not None and e.when.date() < since:
            continue
        if as_of is not None and e.when.date() > as_of:
            continue
        changes = e.changes
        if task is not None:
            changes = tuple(c for c in changes if c.task_id == task)
        if indicator is not None:
            changes = tuple(c for c in changes if c.indicator_id == indicator)
        if (task is not None or indicator is not None) and not changes:
            continue
        out.append(Entry(e.id, e.author, e.when, e.title, e.command, changes))
    return out
