"""The shipped workspace is the source plan as data: everything in the seed can be found in it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kstthc_cli.load.models import read_target
from kstthc_cli.load.workspace import load_workspace
from tests.support import SHIPPED

SEED = SHIPPED.parent.parent / "shared" / "seed" / "000_48a1a193d31f62ea.txt"

pytestmark = pytest.mark.skipif(not SEED.exists(), reason="the seed lives in ../shared")


def plain(text: str) -> str:
    text = re.sub(r"<[^>]+>", " ", text)
    text = text.replace("**", "")
    return " ".join(text.split())


def rows(text: str) -> list[list[str]]:
    return [
        [plain(cell) for cell in line.split("\t")] for line in text.splitlines() if "\t" in line
    ]


@pytest.fixture(scope="module")
def plan_rows() -> list[list[str]]:
    return rows(SEED.read_text(encoding="utf-8").split("**Phụ lục**")[0])


@pytest.fixture(scope="module")
def appendix_rows() -> list[list[str]]:
    return rows(SEED.read_text(encoding="utf-8").split("**Phụ lục**")[1])


@pytest.fixture(scope="module")
def shipped():  # type: ignore[no-untyped-def]
    ws, problems = load_workspace(SHIPPED, 2024)
    assert ws is not None
    assert not [p for p in problems if p.is_error]
    return ws


def test_every_section_and_task(shipped, plan_rows) -> None:  # type: ignore[no-untyped-def]
    sections = {s.id: s for s in shipped.plan.sections}
    tasks = {t.id: t for _, t in shipped.plan.all_tasks()}
    assert list(sections) == ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
    assert list(tasks) == [str(n) for n in range(1, 21)]
    checked = set()
    for row in plan_rows:
        key = row[0]
        checked.add(key)
        if key in sections:
            assert sections[key].title == row[1]
        elif key in tasks and len(row) >= 5:
            task = tasks[key]
            assert task.content.startswith(row[1]), key
            assert row[4].lstrip("- ").split(";")[0].strip() in task.timeframe, key
            outputs = " ".join(task.outputs)
            first_output = row[2].lstrip("- ").split(" - ")[0][:40]
            assert first_output in outputs, key
    assert checked >= set(sections) | set(tasks)


def test_every_indicator(shipped, appendix_rows) -> None:  # type: ignore[no-untyped-def]
    indicators = {i.id: i for i in shipped.indicators.indicators}
    assert list(indicators) == [*(str(n) for n in range(1, 11)), "11.3"]
    seen = set()
    for row in appendix_rows:
        if row[0] in indicators and len(row) == 5 and row[2] == "%":
            ind = indicators[row[0]]
            assert ind.name.startswith(row[1])
            assert ind.target.text == row[3]
            # the appendix's wording reads to the operator and value the block gives
            assert read_target(row[3]) == (ind.target.op, ind.target.value)
            seen.add(row[0])
    assert seen == set(indicators)


def test_every_legal_basis(shipped) -> None:  # type: ignore[no-untyped-def]
    text = SEED.read_text(encoding="utf-8")
    bases = [plain(line) for line in text.splitlines() if "Căn cứ" in line]
    cited = set()
    for line in bases:
        cited.update(re.findall(r"số (\d+/(?:\d{4}/)?[A-ZĐa-z-]+)", line))
    numbers = {b.number for b in shipped.plan.decision.legal_bases if b.number}
    assert cited - numbers == set()
    assert len(shipped.plan.decision.legal_bases) >= len(cited)


def test_decision_as_printed(shipped) -> None:  # type: ignore[no-untyped-def]
    d = shipped.plan.decision
    assert (d.number, d.date.isoformat(), d.signer) == ("27/QĐ-UBND", "2023-03-06", "Hồ Minh Hiếu")
    assert [a.number for a in d.articles] == [1, 2, 3, 4]
    assert d.recipients[0] == "Như Điều 4"
    assert d.recipients[-1].startswith("Lưu: VT")
    assert shipped.plan.reporting.recipient == "Văn phòng UBND huyện Trà Bồng"
    assert shipped.plan.reporting.cutoff_rule == "nd09"


def test_page_breaks_are_joined(shipped) -> None:  # type: ignore[no-untyped-def]
    tasks = {t.id: t for _, t in shipped.plan.all_tasks()}
    assert "mức độ 4, tham mưu UBND xã" in tasks["9"].content
    assert "trên địa bàn tỉnh Quảng Ngãi" in tasks["14"].content
    assert "Công văn số 2720/UBND-NC" in tasks["19"].content


def test_no_unexpected_files() -> None:
    names = sorted(p.name for p in Path(SHIPPED).iterdir() if not p.name.startswith("."))
    assert names[:2] == ["indicators_2024.yaml", "plan_2024.yaml"]
