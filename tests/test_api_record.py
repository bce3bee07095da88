"""``kstthc_cli.api``: check and record through the library alone, with typed values."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kstthc_cli import api
from kstthc_cli.write.progress import Progress
from kstthc_cli.write.record import RecordRefused
from tests.support import snapshot


def test_record_then_check(ws: Path) -> None:
    day = date(2024, 6, 30)
    change = api.record_task(
        data=ws, task="20", period=api.PeriodId.Q2, status=Progress.DONE, day=date(2024, 6, 14),
        evidence="Báo cáo số 15/BC-UBND", as_of=day,
    )  # fmt: skip
    assert change.written and change.created
    figure = api.record_indicator(
        data=ws, indicator="3", period=api.PeriodId.Q1, numerator=40, denominator=80, as_of=day
    )
    assert figure.subject == "chỉ tiêu 3, kỳ Quý I"
    text = (ws / "actuals_2024.yaml").read_text(encoding="utf-8")
    assert 'task: "20"\n    period: "Q2"\n    status: "done"\n    date: "2024-06-14"\n' in text
    assert [p for p in api.check(data=ws, as_of=day) if "actuals" in p.file] == []


def test_a_refusal_is_a_typed_finding_in_the_files_words(ws: Path) -> None:
    before = snapshot(ws)
    with pytest.raises(RecordRefused) as caught:
        api.record_indicator(
            data=ws, indicator="3", period=api.PeriodId.Q4, numerator=1, denominator=2,
            as_of=date(2024, 6, 30),
        )  # fmt: skip
    assert (caught.value.code, caught.value.field) == ("period-not-begun", "period")
    assert caught.value.hint == "Kiểm tra kỳ (period), hoặc ngày xét."  # no option named
    with pytest.raises(RecordRefused) as caught:
        api.record_indicator(
            data=ws, indicator="3", period=api.PeriodId.Q1, numerator=-1, denominator=2,
            as_of=date(2024, 6, 30),
        )  # fmt: skip
    assert caught.value.code == "negative"
    assert snapshot(ws) == before


def test_dry_run_writes_nothing(ws: Path) -> None:
    before = snapshot(ws)
    change = api.record_task(data=ws, task="3", as_of=date(2024, 6, 30), dry_run=True)
    assert not change.written
    assert '+  - task: "3"\n' in change.diff()
    assert snapshot(ws) == before


def test_record_task_takes_typed_periods_only(ws: Path) -> None:
    """A whole task year through the API with typed values only: a reporting period
    (``PeriodId``), a milestone and ad hoc work (``Occurrence``); a period word is refused."""
    from tests.test_record_cli import with_milestones

    with_milestones(ws)
    day = date(2024, 6, 30)
    q2 = api.record_task(
        data=ws, task="20", period=api.PeriodId.Q2, day=date(2024, 6, 10), as_of=day,
        commit=False,
    )  # fmt: skip
    assert q2.subject == "nhiệm vụ 20, kỳ Quý II"
    adhoc = api.record_task(
        data=ws, task="20", period=api.Occurrence.ADHOC, day=date(2024, 5, 5), as_of=day,
        commit=False,
    )  # fmt: skip
    assert adhoc.subject == "nhiệm vụ 20, kỳ Đột xuất"
    m1 = api.record_task(
        data=ws, task="5", period=api.Occurrence("m1"), day=date(2024, 5, 20), as_of=day,
        commit=False,
    )  # fmt: skip
    assert m1.record.period == "M1"  # the occurrence's id is written
    text = (ws / "actuals_2024.yaml").read_text(encoding="utf-8")
    for written in ('period: "Q2"', 'period: "Đột xuất"', 'period: "M1"'):
        assert written in text
    before = snapshot(ws)
    for word in ("Q2", "quý 2", "M1"):
        with pytest.raises(TypeError, match="PeriodId or an Occurrence"):
            api.record_task(data=ws, task="20", period=word, as_of=day, commit=False)  # type: ignore[arg-type]
        with pytest.raises(TypeError):
            api.delete_record(data=ws, indicator="3", period=api.Occurrence(word), as_of=day)
        with pytest.raises(TypeError):
            api.record_indicator(
                data=ws, indicator="3", period=word, numerator=1, denominator=2, as_of=day,  # type: ignore[arg-type]
                commit=False,
            )  # fmt: skip
    assert snapshot(ws) == before


def test_another_years_period_is_typed_and_refused(ws: Path) -> None:
    before = snapshot(ws)
    with pytest.raises(RecordRefused) as caught:
        api.record_indicator(
            data=ws, indicator="3", period=(api.PeriodId.Q1, 2025), numerator=1, denominator=2,
            as_of=date(2024, 6, 30), commit=False,
        )  # fmt: skip
    assert caught.value.message == "Kỳ 'Q1/2025' thuộc năm 2025, không phải năm kế hoạch 2024."
    assert snapshot(ws) == before


def _annotation_parts(annotation: object) -> set[str]:
    """``PeriodId | Occurrence | None`` → {"PeriodId", "Occurrence", "None"} (annotations are
    strings here: the modules use ``from __future__ import annotations``)."""
    import re

    return set(re.findall(r"[A-Za-z_][A-Za-z_0-9.]*", str(annotation)))


def test_no_api_function_takes_a_period_word() -> None:
    """Periods are typed values (``PeriodId``, ``Occurrence``, a period and its year); reading
    the officer's words is the command line's business (cli/values.py)."""
    import inspect

    periodic = []
    for name in api.__all__:
        fn = getattr(api, name)
        if not inspect.isfunction(fn):
            continue
        for param in inspect.signature(fn).parameters.values():
            assert param.kind is inspect.Parameter.KEYWORD_ONLY, (name, param.name)
            if ("period" in param.name and param.annotation != "bool") or param.name == "through":
                periodic.append(name)
                parts = _annotation_parts(param.annotation)
                assert "str" not in parts, (name, param.name, param.annotation)
                assert parts & {"PeriodId", "Occurrence"}, (name, param.name, param.annotation)
    assert {"record_task", "record_indicator", "record_indicators", "delete_record"} <= set(
        periodic
    )
    assert "indicator_chart" in periodic  # ``through``: a period too
