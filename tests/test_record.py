"""``kstthc_cli.write.record``: splicing a record into the text, and records that round-trip."""

from __future__ import annotations

import shutil
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kstthc_cli.compute import periods, schedule
from kstthc_cli.errors import WriteRefused
from kstthc_cli.load.models import IndicatorRecord, TaskRecord
from kstthc_cli.load.workspace import load_workspace
from kstthc_cli.problems import has_errors
from kstthc_cli.write.record import delete_record, new_file_text, record_indicator, record_task
from tests.support import SHIPPED, dedent, removed_lines
from tests.test_splice import WRITABLE

# ---------------------------------------------------------------- any sequence of records


def fresh_copy() -> Path:
    root = Path(tempfile.mkdtemp(prefix="kstthc-record-"))
    shutil.copytree(SHIPPED, root / "data", ignore=shutil.ignore_patterns(".*", "actuals_*"))
    return root / "data"


#: Starting files an officer might have: none yet, CRLF, a BOM with a list at column 0 and no
#: indicators key, wide indentation with a block scalar and ``tasks: ~``, no final newline.
STARTS: list[bytes | None] = [
    None,
    new_file_text(2024).replace("\n", "\r\n").encode(),
    b'\xef\xbb\xbfyear: 2024\ntasks:\n- task: "3"\n  date: "2024-02-01"\n# cu\xe1\xbb\x91i\n',
    dedent(
        """
        year: 2024
        indicators:
            -   indicator: "1"
                period: "Q1"
                numerator: 1
                denominator: 2
                note: |
                  dòng

        tasks: ~
        """
    ).encode(),
    b"# \xc4\x91\xe1\xba\xa7u\nyear: 2024\ntasks: []  # ch\xc6\xb0a\nindicators:   # s\xe1\xbb\x91",
]

AS_OF = date(2024, 12, 31)
TASK_PERIODS = {"3": [None, "q2", "Quý 4"], "20": ["q1", "Q3", "đột xuất"], "19": ["6t", "năm"]}
texts = st.none() | st.text(WRITABLE, max_size=25)
days = st.dates(date(2023, 12, 1), AS_OF)

task_op = st.tuples(
    st.just("task"),
    st.sampled_from([(t, p) for t, ps in TASK_PERIODS.items() for p in ps] + [("1", None)]),
    st.sampled_from(["done", "in-progress"]),
    days,
    texts,
    texts,
)
ratio = st.integers(1, 10_000).flatmap(lambda d: st.tuples(st.integers(0, d), st.just(d)))
indicator_op = st.tuples(
    st.just("indicator"),
    st.sampled_from(["1", "3", "11.3", "10"]),
    st.sampled_from(["q1", "Q2", "quý 3", "h1", "9t", "năm"]),
    ratio,
    st.decimals(0, 100, places=2),
    texts,
)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.sampled_from(STARTS), st.lists(st.one_of(task_op, indicator_op), min_size=1, max_size=5))
def test_any_sequence_of_records_round_trips(start: bytes | None, ops: list[Any]) -> None:
    data = fresh_copy()
    path = data / "actuals_2024.yaml"
    try:
        if start is not None:
            path.write_bytes(start)
        ws, problems = load_workspace(data, 2024)
        assert ws is not None and not has_errors(problems)
        tasks = list(ws.actuals.tasks)
        indicators = list(ws.actuals.indicators)
        cal = schedule.YearCalendar(2024, ws.plan.reporting)
        plan_tasks = {t.id: t for _, t in ws.plan.all_tasks()}
        for op in ops:
            before = path.read_bytes() if path.exists() else b""
            if op[0] == "task":
                _, (tid, period), status, day, evidence, note = op
                key = None if period is None else schedule.match_key(plan_tasks[tid], cal, period)
                if key in periods.SPANS and day < cal.period(key).start:
                    with pytest.raises(WriteRefused, match="còn trước khi kỳ"):
                        record_task(
                            data, task=tid, period=period, status=status, day=day, as_of=AS_OF
                        )
                    assert (path.read_bytes() if path.exists() else b"") == before
                    continue
                change = record_task(
                    data, task=tid, period=period, status=status, day=day,
                    evidence=evidence, note=note, as_of=AS_OF,
                )  # fmt: skip
                rec = change.record
                assert isinstance(rec, TaskRecord)
                assert (rec.task, rec.status, rec.date) == (tid, status, day)
                task = plan_tasks[tid]
                wanted = None if period is None else schedule.match_key(task, cal, period)
                if period is not None:
                    assert schedule.match_key(task, cal, rec.period) == wanted
                # Done again for the same occurrence (a period, or a one-off task) replaces it.
                one_off = not schedule.needs_period(task, cal) and not _ongoing_or_adhoc(task)
                same = [
                    i
                    for i, r in enumerate(tasks)
                    if status == "done"
                    and (period is not None or one_off)
                    and wanted != schedule.ADHOC
                    and r.task == tid
                    and r.status == "done"
                    and (
                        (r.period is None and wanted is None)
                        if period is None
                        else r.period is not None
                        and schedule.match_key(task, cal, r.period) == wanted
                    )
                ]
                assert change.replacing == bool(same)
                old = tasks[same[0]] if same else None
                new_evidence = (evidence or "").strip() or None
                new_note = (note or "").strip() or None
                assert rec.evidence == (
                    new_evidence if old is None or new_evidence else old.evidence
                )
                assert rec.note == (new_note if old is None or new_note else old.note)
                if same:
                    tasks[same[0]] = rec
                else:
                    tasks.append(rec)
            else:
                _, iid, period, (num, den), value, note = op
                figure: dict[str, Any] = (
                    {"value": value} if iid == "10" else {"numerator": num, "denominator": den}
                )
                change = record_indicator(
                    data, indicator=iid, period=period, note=note, as_of=AS_OF, **figure
                )
                rec = change.record
                assert isinstance(rec, IndicatorRecord)
                if iid == "10":
                    assert rec.value == float(value)
                else:
                    assert (rec.numerator, rec.denominator) == (num, den)
                same = [
                    i
                    for i, r in enumerate(indicators)
                    if r.indicator == iid and r.period == rec.period
                ]
                assert change.replacing == bool(same)
                if same:
                    if note is None or not note.strip():
                        assert rec.note == indicators[same[0]].note
                    indicators[same[0]] = rec
                else:
                    indicators.append(rec)
            after = path.read_bytes()
            assert after.startswith(b"\xef\xbb\xbf") == before.startswith(b"\xef\xbb\xbf")
            if before and not change.replacing:  # an append changes at most the line it follows
                assert len(removed_lines(before.decode(), after.decode())) <= 1
            if b"\r\n" in before:
                assert b"\n" not in after.replace(b"\r\n", b"")
            ws, problems = load_workspace(data, 2024)
            assert ws is not None and not has_errors(problems), problems
            assert ws.actuals.tasks == tasks
            assert ws.actuals.indicators == indicators
    finally:
        shutil.rmtree(data.parent, ignore_errors=True)


def _ongoing_or_adhoc(task: Any) -> bool:
    sched = schedule.task_schedule(task)
    return sched is None or sched.ongoing or sched.adhoc


def test_core_refusals_keep_the_file(ws: Path) -> None:
    with pytest.raises(WriteRefused, match="chưa bắt đầu"):
        record_indicator(
            ws, indicator="3", period="q4", numerator=1, denominator=2, as_of=date(2024, 4, 1)
        )
    with pytest.raises(WriteRefused, match="sau ngày xét"):
        record_task(ws, task="3", day=date(2024, 4, 2), as_of=date(2024, 4, 1))
    assert not (ws / "actuals_2024.yaml").exists()
    assert not any(p.name.startswith(".") for p in ws.iterdir())


# ---------------------------------------------------------------- the officer's comments survive

COMMENTED = dedent(
    """
    # Kết quả năm 2024 (ghi tay)
    year: 2024
    tasks:
      # quý I
      - task: "20"   # báo cáo quý
        # kỳ nào
        period: "Q1"

        status: done  # xong
        date: "2024-03-10"
        evidence: "Số 12/BC-UBND" # văn bản
        note: |  # ghi chú dài
          dòng một

        # sau ghi chú
        recorded: "2024-03-10"
    indicators:
      - # chỉ tiêu 3
        indicator: "3"
        period: "Q1"
        numerator: 30   # theo sổ
        # mẫu số
        denominator: 80
    """
)


def test_replacing_records_keeps_every_comment_byte_for_byte(ws: Path) -> None:
    path = ws / "actuals_2024.yaml"
    path.write_text(COMMENTED, encoding="utf-8")
    day = date(2024, 4, 1)
    record_task(ws, task="20", period="q1", day=date(2024, 3, 14), as_of=day)
    record_indicator(ws, indicator="3", period="q1", numerator=40, denominator=80, as_of=day)
    assert path.read_text(encoding="utf-8") == COMMENTED.replace(
        'date: "2024-03-10"', 'date: "2024-03-14"'
    ).replace('recorded: "2024-03-10"', 'recorded: "2024-04-01"').replace(
        "numerator: 30   # theo sổ", "numerator: 40   # theo sổ"
    ).replace("denominator: 80\n", 'denominator: 80\n    recorded: "2024-04-01"\n')
    ws_after, problems = load_workspace(ws, 2024)
    assert ws_after is not None and not has_errors(problems)
    assert ws_after.actuals.tasks[0].note == "dòng một"


def test_a_comment_that_cannot_be_kept_refuses_the_record(ws: Path) -> None:
    path = ws / "actuals_2024.yaml"
    text = 'year: 2024\ntasks:\n  - {task: "20", period: "Q1", date: "2024-03-10"}  # gõ tay\n'
    path.write_text(text, encoding="utf-8")
    with pytest.raises(WriteRefused) as caught:
        record_task(ws, task="20", period="q1", day=date(2024, 3, 14), as_of=date(2024, 4, 1))
    assert caught.value.message == (
        f"Không thể thay bản ghi mà vẫn giữ ghi chú viết tay ở dòng 3 của tệp {path}: '# gõ tay'."
    )
    assert path.read_text(encoding="utf-8") == text


def test_deleting_a_record_keeps_its_comments(ws: Path) -> None:
    path = ws / "actuals_2024.yaml"
    path.write_text(COMMENTED, encoding="utf-8")
    change = delete_record(
        ws, section="indicators", subject="3", period="q1", as_of=date(2024, 4, 1)
    )
    assert change.kept_comments == (18, 21, 22)
    assert path.read_text(encoding="utf-8") == COMMENTED.split("  - # chỉ tiêu 3")[0] + (
        "  # chỉ tiêu 3\n    # theo sổ\n    # mẫu số\n"
    )


BROKEN = dedent(
    """
    year: 2024
    tasks:
      - task: "33"
        date: "2024-02-01"
    """
)


def test_the_rules_run_once_on_the_file_as_it_will_be(
    ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A record that the rules accept is judged once, in the candidate workspace (the old
    records and the new one), not also in the file as read."""
    from kstthc_cli.rules import validate as rules
    from kstthc_cli.write import record as module

    (ws / "actuals_2024.yaml").write_text(COMMENTED, encoding="utf-8")
    judged: list[int] = []
    real = rules.validate

    def counted(candidate: Any, *, as_of: date | None = None) -> Any:
        judged.append(len(candidate.actuals.tasks))
        return real(candidate, as_of=as_of)

    monkeypatch.setattr(module, "validate", counted)
    monkeypatch.setattr(rules, "validate", counted)  # as load_workspace calls it
    record_task(ws, task="3", day=date(2024, 4, 1), as_of=date(2024, 4, 1))
    assert judged == [2]  # the record of task 20 and the new one, once


@pytest.mark.parametrize("task", ["3", "99"])
def test_errors_already_in_the_file_refuse_first(ws: Path, task: str) -> None:
    """The file as read has an error: it is said (as check says it) before anything about the
    new record, whether the new record is fine ("3") or wrong too ("99")."""
    from kstthc_cli.errors import DataError

    path = ws / "actuals_2024.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        record_task(ws, task=task, day=date(2024, 4, 1), as_of=date(2024, 4, 1))
    assert (
        caught.value.message
        == "Dữ liệu đang có lỗi nên chưa ghi gì; sửa các lỗi trên rồi chạy lại."
    )
    assert [(p.code, p.line) for p in caught.value.problems if p.is_error] == [("unknown-task", 3)]
    assert path.read_text(encoding="utf-8") == BROKEN
