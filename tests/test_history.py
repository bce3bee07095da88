"""``compute/history`` (what changed, in domain words), ``load/versions`` (old versions read
tolerantly), the line merge of ``undo`` and the commit messages of writes."""

from __future__ import annotations

import textwrap
from datetime import date, datetime, timezone
from pathlib import Path

from kstthc_cli.compute.history import (
    Change,
    Entry,
    diff_actuals,
    diff_indicators,
    diff_plans,
    diff_versions,
    select,
)
from kstthc_cli.load.models import IndicatorRecord, TaskRecord
from kstthc_cli.load.versions import version_of
from kstthc_cli.render.history import amendment_lines, describe
from kstthc_cli.write.undo import _merge
from tests.support import SHIPPED

PLAN = (SHIPPED / "plan_2024.yaml").read_bytes()
INDICATORS = (SHIPPED / "indicators_2024.yaml").read_bytes()


def _actuals(text: str) -> dict[str, bytes]:
    return {"actuals_2024.yaml": textwrap.dedent(text).encode("utf-8")}


def test_a_timeframe_and_a_lead_unit_changed() -> None:
    new = PLAN.replace(
        'timeframe: "Định kỳ 3 tháng/lần; Đột xuất theo thời điểm yêu cầu."'.encode(),
        'timeframe: "Định kỳ 6 tháng/lần."'.encode(),
    )
    new = new.replace(b'lead: ["vp-tk"]\n        support: ["ban-nganh", "don-vi-lien-quan"]\n'
                      b'        timeframe: "\xc4\x90\xe1\xbb\x8bnh k\xe1\xbb\xb3 6',
                      b'lead: ["tu-phap"]\n        support: ["ban-nganh", "don-vi-lien-quan"]\n'
                      b'        timeframe: "\xc4\x90\xe1\xbb\x8bnh k\xe1\xbb\xb3 6')  # fmt: skip
    old_v = version_of({"plan_2024.yaml": PLAN}).plans[2024]
    new_v = version_of({"plan_2024.yaml": new}).plans[2024]
    changes = diff_plans(2024, old_v, new_v)
    assert [(c.id, c.field) for c in changes] == [("20", "lead"), ("20", "timeframe")]
    lead, timeframe = changes
    assert lead.before == "Văn phòng – Thống kê xã" and lead.section == "X"
    assert describe(timeframe) == (
        "Nhiệm vụ 20: sửa thời gian thực hiện "
        "“Định kỳ 3 tháng/lần; Đột xuất theo thời điểm yêu cầu.” → “Định kỳ 6 tháng/lần.”"
    )


def test_a_task_added_and_one_removed() -> None:
    old_v = version_of({"plan_2024.yaml": PLAN}).plans[2024]
    new = PLAN.replace(b'- id: "20"', b'- id: "21"')
    new_v = version_of({"plan_2024.yaml": new}).plans[2024]
    changes = diff_plans(2024, old_v, new_v)
    assert [(c.kind, c.id) for c in changes] == [("added", "21"), ("removed", "20")]
    lines = amendment_lines(changes, "A", "B")
    assert lines[0] == "Các nội dung điều chỉnh (từ A đến B):"
    assert lines[2:4] == ["Mục X. Công tác thông tin, báo cáo", "1. Bổ sung nhiệm vụ 21:"]
    assert lines[5] == "2. Bãi bỏ nhiệm vụ 20:"


def test_a_target_and_a_baseline_changed() -> None:
    new = INDICATORS.replace(b'text: "T\xe1\xbb\x91i thi\xe1\xbb\x83u 80"', b'text: ">= 85%"', 1)
    new = new.replace(b"baseline: null", b"baseline: 75.5", 1)
    old_v = version_of({"indicators_2024.yaml": INDICATORS}).indicators[2024]
    new_v = version_of({"indicators_2024.yaml": new}).indicators[2024]
    changes = diff_indicators(2024, old_v, new_v)
    assert [(c.id, c.field, c.before, c.after) for c in changes] == [
        # only the words changed: the block's value still judges by 80, and the history says so
        ("1", "target", "Tối thiểu 80", ">= 85% (đánh giá theo ≥ 80)"),
        ("1", "baseline", "(chưa có)", "75,5"),
    ]
    assert describe(changes[1]) == "Chỉ tiêu 1: sửa kết quả năm trước “(chưa có)” → “75,5”"


def test_records_added_replaced_and_removed() -> None:
    old = (
        TaskRecord(task="20", period="Q1", date=date(2024, 3, 14)),
        IndicatorRecord(indicator="3", period="Q2", numerator=120, denominator=200),
        IndicatorRecord(indicator="4", period="Q2", value=92.5),
    )
    new = (
        TaskRecord(task="20", period="Q1", date=date(2024, 3, 14)),
        TaskRecord(task="20", period="Q2", status="in-progress", date=date(2024, 6, 1)),
        IndicatorRecord(indicator="3", period="Q2", numerator=130, denominator=200),
    )
    from kstthc_cli.load.versions import ActualsVersion

    def split(records: tuple[TaskRecord | IndicatorRecord, ...]) -> ActualsVersion:
        return ActualsVersion(
            tuple(r for r in records if isinstance(r, TaskRecord)),
            tuple(r for r in records if isinstance(r, IndicatorRecord)),
        )

    changes = diff_actuals(2024, split(old), split(new), {"4": "%"})
    assert [describe(c) for c in changes] == [
        "Nhiệm vụ 20, kỳ Quý II: ghi nhận đang thực hiện ngày 01/06/2024.",
        "Chỉ tiêu 3, kỳ Quý II: thay số liệu 120/200 → 130/200.",
        "Chỉ tiêu 4, kỳ Quý II: bỏ số liệu 92,5 %.",
    ]


def test_invalid_old_versions_are_read_as_far_as_they_go() -> None:
    broken_plan = PLAN.replace(b'lead: ["vp-tk"]', b"lead: []", 1)  # needs a unit
    version = version_of(
        {
            "plan_2024.yaml": broken_plan,
            "indicators_2024.yaml": b"indicators: [: nope",
            "actuals_2024.yaml": textwrap.dedent("""\
                tasks:
                  - task: "1"
                    date: "31/02/2024"
                  - task: "2"
                    date: "2024-03-01"
                """).encode(),
            "ghi-chu.yaml": b"x: 1",
            "plan_2023.yaml": b"\xff\xfe not utf-8",
        }
    )
    tasks = [t.id for s in version.plans[2024].sections for t in s.tasks]
    assert len(tasks) == 19  # the task without a lead unit is left out, the others are read
    assert version.indicators[2024].indicators == ()
    assert [r.task for r in version.actuals[2024].tasks] == ["2"]
    assert version.plans[2023].sections == ()


def test_a_new_years_plan_is_one_change() -> None:
    changes = diff_versions(
        version_of({}), version_of({"plan_2025.yaml": PLAN, "indicators_2025.yaml": INDICATORS})
    )
    assert [describe(c) for c in changes] == [
        "Kế hoạch năm 2025: lập mới (20 nhiệm vụ).",
        "Bộ chỉ tiêu năm 2025: lập mới (11 chỉ tiêu).",
    ]


def test_diff_leaves_records_out_when_asked() -> None:
    old = version_of({"plan_2024.yaml": PLAN})
    new = version_of(
        {"plan_2024.yaml": PLAN, **_actuals('tasks:\n  - task: "1"\n    date: "2024-03-01"\n')}
    )
    assert len(diff_versions(old, new)) == 1
    assert diff_versions(old, new, records=False) == []


def _entry(day: int, *changes: Change) -> Entry:
    when = datetime(2024, 6, day, tzinfo=timezone.utc)
    return Entry(f"{day:040d}", "A <a@x>", when, "t", "record", changes)


def test_select_by_day_task_and_indicator() -> None:
    task = Change("added", "task-record", 2024, "20", after="đã xong ngày 14/06/2024")
    figure = Change("added", "indicator-record", 2024, "20", after="1/2")
    entries = [_entry(20, task, figure), _entry(10, figure)]
    assert [e.when.day for e in select(entries, since=date(2024, 6, 11))] == [20]
    only = select(entries, task="20")
    assert [(e.when.day, e.changes) for e in only] == [(20, (task,))]
    assert [e.when.day for e in select(entries, indicator="20")] == [20, 10]
    assert select(entries, task="99") == []


def test_the_undo_merge_keeps_other_lines_and_refuses_the_same() -> None:
    base = b"a\nb\nc\nd\ne\n"
    undo = b"a\nb\nc\nd\n"  # taking back the last line
    later = b"A\nb\nc\nd\ne\n"  # someone changed the first line since
    assert _merge(base, undo, later) == b"A\nb\nc\nd\n"
    assert _merge(base, undo, b"a\nb\nc\nd\nE\n") is None
    assert _merge(base, undo, b"a\nb\nc\nD\ne\n") is None  # a neighbouring line


def test_commit_messages_of_records(tmp_path: Path) -> None:
    from kstthc_cli.write.autocommit import record_message
    from kstthc_cli.write.record import Change as Written

    task = TaskRecord(task="20", period="Q2", date=date(2024, 6, 14))
    written = Written(tmp_path, "a", "", "", False, True, "nhiệm vụ 20, kỳ Quý II", task)
    assert record_message(written) == "Ghi nhận nhiệm vụ 20, kỳ Quý II: đã xong ngày 14/06/2024"
    figure = IndicatorRecord(indicator="3", period="Q2", numerator=130, denominator=200)
    old = IndicatorRecord(indicator="3", period="Q2", numerator=120, denominator=200)
    written = Written(tmp_path, "a", "", "", False, True, "chỉ tiêu 3, kỳ Quý II", figure)
    assert record_message(written) == "Ghi nhận chỉ tiêu 3, kỳ Quý II: 130/200"
    replacing = Written(
        tmp_path, "a", "", "", False, True, "chỉ tiêu 3, kỳ Quý II", figure, old, True
    )
    assert record_message(replacing) == "Ghi nhận chỉ tiêu 3, kỳ Quý II: 130/200 (thay 120/200)"


# ---------------------------------------------------------------- every value that matters (F16)


def _indicators(old: bytes, new: bytes) -> list[Change]:
    return diff_indicators(
        2024,
        version_of({"indicators_2024.yaml": old}).indicators[2024],
        version_of({"indicators_2024.yaml": new}).indicators[2024],
    )


def _plans(new: bytes) -> list[Change]:
    return diff_plans(
        2024,
        version_of({"plan_2024.yaml": PLAN}).plans[2024],
        version_of({"plan_2024.yaml": new}).plans[2024],
    )


def test_a_targets_number_changed_with_its_words_kept_is_a_change() -> None:
    new = INDICATORS.replace(b"      value: 50\n", b"      value: 60\n", 1)
    changes = _indicators(INDICATORS, new)
    assert [(c.id, c.field, c.before, c.after) for c in changes] == [
        ("3", "target", "Tối thiểu 50", "Tối thiểu 50 (đánh giá theo ≥ 60)")
    ]
    assert amendment_lines(changes, "A", "B")[2:] == [
        "Phụ lục chỉ tiêu",
        "1. Sửa đổi chỉ tiêu của chỉ tiêu 3:",
        "   Trước: “Tối thiểu 50”",
        "   Sau:   “Tối thiểu 50 (đánh giá theo ≥ 60)”",
    ]
    # the operator too, and a value that differs only after the second decimal
    op = INDICATORS.replace(b'op: ">="\n      value: 50\n', b'op: ">"\n      value: 50\n', 1)
    assert [c.after for c in _indicators(INDICATORS, op)] == ["Tối thiểu 50 (đánh giá theo > 50)"]
    fine = INDICATORS.replace(b"      value: 50\n", b"      value: 50.004\n", 1)
    assert [c.after for c in _indicators(INDICATORS, fine)] == [
        "Tối thiểu 50 (đánh giá theo ≥ 50,004)"
    ]


def test_an_indicators_code_formula_aggregate_and_exact_baseline_are_compared() -> None:
    new = INDICATORS.replace(b'code: "ho-so-truc-tuyen"', b'code: "ho-so-truc-tuyen-2"', 1)
    new = new.replace(b'denominator: "egov.with_fee"', b'denominator: "egov.total"', 1)
    code = b'    code: "dvc-toan-trinh"\n'
    new = new.replace(code, code + b'    aggregate: "latest"\n', 1)
    changes = _indicators(INDICATORS, new)
    assert [(c.id, c.field, c.before, c.after) for c in changes] == [
        ("1", "aggregate", "theo mặc định", "lấy kỳ gần nhất"),
        ("2", "formula", "egov.paid_online / egov.with_fee", "egov.paid_online / egov.total"),
        ("3", "code", "ho-so-truc-tuyen", "ho-so-truc-tuyen-2"),
    ]
    assert describe(changes[1]) == (
        "Chỉ tiêu 2: sửa công thức tính từ số liệu một cửa “egov.paid_online / egov.with_fee” "
        "→ “egov.paid_online / egov.total”"
    )
    a = INDICATORS.replace(b"baseline: null", b"baseline: 42.001", 1)
    b = INDICATORS.replace(b"baseline: null", b"baseline: 42.004", 1)
    assert [(c.before, c.after) for c in _indicators(a, b)] == [("42,001", "42,004")]


def test_the_plans_decision_reporting_units_and_headings_are_compared() -> None:
    new = PLAN.replace(b'number: "27/Q\xc4\x90-UBND"', b'number: "28/Q\xc4\x90-UBND"', 1)
    new = new.replace(b"  due_day: 17\n", b"  due_day: 20\n", 1)
    name, renamed = 'name: "Văn phòng – Thống kê xã"', 'name: "Văn phòng xã"'
    new = new.replace(name.encode(), renamed.encode(), 1)
    party = '    - "Thường trực Đảng ủy"\n'
    new = new.replace(party.encode(), ('    - "Sở Tư pháp"\n' + party).encode(), 1)
    changes = _plans(new)
    assert [(c.subject, c.field, c.before, c.after) for c in changes] == [
        ("plan", "decision.number", "27/QĐ-UBND", "28/QĐ-UBND"),
        ("plan", "decision.recipients", None, "Sở Tư pháp"),
        ("plan", "reporting.due_day", "17", "20"),
        ("plan", "units.vp-tk", "Văn phòng – Thống kê xã", "Văn phòng xã"),
    ]
    assert [describe(c) for c in changes] == [
        "Kế hoạch năm 2024: sửa số quyết định “27/QĐ-UBND” → “28/QĐ-UBND”",
        "Kế hoạch năm 2024: sửa nơi nhận quyết định (không có) → “Sở Tư pháp”",
        "Kế hoạch năm 2024: sửa ngày hạn gửi báo cáo “17” → “20”",
        "Kế hoạch năm 2024: sửa tên đơn vị vp-tk “Văn phòng – Thống kê xã” → “Văn phòng xã”",
    ]
    assert amendment_lines(changes, "A", "B")[2:5] == [
        "Kế hoạch",
        "1. Sửa đổi số quyết định của kế hoạch năm 2024:",
        "   Trước: “27/QĐ-UBND”",
    ]
    heading = PLAN.replace(b'  - id: "I"\n', b'  - id: "I"\n    heading: "chi-dao"\n', 1)
    assert [(c.subject, c.field, c.before, c.after) for c in _plans(heading)] == [
        ("section", "heading", "theo tên mục", "chi-dao")
    ]


def test_a_tasks_report_flag_and_short_name_are_compared() -> None:
    task = b'      - id: "1"\n'
    added = '        report: false\n        short: "ban hành"\n'.encode()
    new = PLAN.replace(task, task + added, 1)
    changes = _plans(new)
    assert [(c.id, c.field, c.before, c.after) for c in changes] == [
        ("1", "short", "(không có)", "ban hành"),
        ("1", "report", "kstthc tự xét", "không"),
    ]


def test_acknowledged_warnings_and_values_to_confirm_are_not_plan_values() -> None:
    new = PLAN.replace(b"  due_day: 17\n", b"  due_day: 17\n  to_confirm: [due_day]\n", 1)
    new = new.replace(b"decision:\n", b"decision:\n  acknowledge: [basis-after-decision]\n", 1)
    assert _plans(new) == []


def test_every_field_of_the_models_has_a_name_in_the_history() -> None:
    """A new field of the plan or indicators is never invisible to history and diff: it must
    be named here (and compared: the plan's values by path, tasks and indicators by field)."""
    from kstthc_cli.compute.history import INDICATOR_FIELDS, PLAN_FIELDS, TASK_FIELDS
    from kstthc_cli.load import models

    assert set(models.Task.model_fields) - {"id"} == set(TASK_FIELDS)
    assert set(models.Indicator.model_fields) - {"id"} == set(INDICATOR_FIELDS)
    nested = {
        "decision": models.Decision,
        "reporting": models.Reporting,
        "reporting.due": models.DueRule,
        "assignment_rule": models.AssignmentRule,
    }
    wanted = {f for f in models.Plan.model_fields if f != "sections"}
    wanted |= {f for f in models.IndicatorSet.model_fields if f not in ("indicators", "year")}
    for prefix, model in nested.items():
        wanted |= {f"{prefix}.{f}" for f in model.model_fields}
    assert sorted(wanted - set(PLAN_FIELDS)) == []


def test_a_records_note_changed_is_a_change() -> None:
    from kstthc_cli.load.versions import ActualsVersion

    old = ActualsVersion((TaskRecord(task="20", period="Q1", date=date(2024, 3, 14)),), ())
    new = ActualsVersion(
        (TaskRecord(task="20", period="Q1", date=date(2024, 3, 14), note="đã gửi huyện"),), ()
    )
    changes = diff_actuals(2024, old, new)
    assert [describe(c) for c in changes] == [
        "Nhiệm vụ 20, kỳ Quý I: thay bản ghi đã xong ngày 14/03/2024 → đã xong ngày 14/03/2024, "
        "ghi chú: đã gửi huyện."
    ]


FIGURES = b"""year: 2024
periods:
  - period: "Q2"
    dossiers:
      - field: "H\xe1\xbb\x99 t\xe1\xbb\x8bch"
        received: {total: 120, online: 80, direct: 30, carried_over: 10}
    late_dossiers:
      - {code: "H12.34-1", cause: "thi\xe1\xba\xbfu h\xe1\xbb\x93 s\xc6\xa1"}
"""


def test_the_one_stop_figures_are_compared() -> None:
    """An import's commit (figures_N.yaml) says what it changed."""
    new = FIGURES.replace(b"total: 120, online: 80", b"total: 121, online: 81")
    new = new.replace(
        b"thi\xe1\xba\xbfu h\xe1\xbb\x93 s\xc6\xa1", b"m\xe1\xba\xa5t \xc4\x91i\xe1\xbb\x87n"
    )
    new += b'  - period: "Q3"\n    egov: {with_fee: 3}\n'
    changes = diff_versions(
        version_of({"figures_2024.yaml": FIGURES}), version_of({"figures_2024.yaml": new})
    )
    assert [describe(c) for c in changes] == [
        "Số liệu một cửa, kỳ Quý II: sửa hồ sơ, Hộ tịch, nhận, tổng “120” → “121”",
        "Số liệu một cửa, kỳ Quý II: sửa hồ sơ, Hộ tịch, nhận, trực tuyến “80” → “81”",
        "Số liệu một cửa, kỳ Quý II: sửa hồ sơ trễ hạn, H12.34-1, nguyên nhân “thiếu hồ sơ” "
        "→ “mất điện”",
        "Số liệu một cửa, kỳ Quý III: ghi mới (1 giá trị).",
    ]
    from kstthc_cli.compute.history import brief

    assert brief(changes[0]) == "số liệu kỳ Quý II"
    assert (
        diff_versions(version_of({"figures_2024.yaml": FIGURES}), version_of({}), records=False)
        == []
    )


def test_every_key_of_the_figures_file_has_words() -> None:
    from kstthc_cli.compute.history import FIGURE_WORDS
    from kstthc_cli.load import figures_model as fm

    models = (fm.Source, fm.Received, fm.Resolved, fm.InProgress, fm.DossierRow, fm.Complaints,
              fm.Procedures, fm.Egov, fm.LateDossier, fm.FiguresPeriod)  # fmt: skip
    keys = {f for m in models for f in m.model_fields} - {"period", "code"}
    assert sorted(keys - set(FIGURE_WORDS)) == []
