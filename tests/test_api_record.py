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
