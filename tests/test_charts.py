"""Charts of the indicators (``render.charts``): the year to date at each quarter's end against the
target, from the one evaluation; ``kstthc status --chart FILE.png`` and ``kstthc report
--charts``. matplotlib is optional: the drawing tests skip, saying so, where it is missing."""

from __future__ import annotations

import importlib.util
import struct
import sys
from datetime import date
from pathlib import Path

import pytest

from kstthc_cli.compute.evaluate import evaluate_year
from kstthc_cli.load.workspace import open_workspace
from kstthc_cli.render import charts
from kstthc_cli.render.nd30_docx import TEXT_WIDTH_MM
from tests.docx_support import open_docx
from tests.support import snapshot
from tests.test_report import q2_records

AS_OF = "2024-06-15"
needs_matplotlib = pytest.mark.skipif(
    importlib.util.find_spec("matplotlib") is None,
    reason="matplotlib is not installed (pip install 'kstthc[charts]')",
)


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's header (its IHDR chunk)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def chunks(data: bytes) -> list[bytes]:
    kinds, at = [], 8
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kinds.append(data[at + 4 : at + 8])
        at += 12 + length
    return kinds


# ---------------------------------------------------------------- the series, from the evaluation


def test_series_are_the_evaluations_year_to_date_by_quarter(ws: Path) -> None:
    q2_records(ws)
    state = evaluate_year(open_workspace(ws, 2024), as_of=date(2024, 6, 15))
    series = {s.id: s for s in charts.chart_series(state, through="Q2")}
    assert list(series) == ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11.3"]
    three = series["3"]
    assert [(p.label, p.value, p.met, p.shown) for p in three.points] == [
        ("Quý I", 50.0, True, True),
        ("Quý II", 65.0, True, True),  # (40 + 90) / (80 + 120), pooled
        ("Quý III", None, False, False),
        ("Quý IV", None, False, False),
    ]
    assert (three.target, three.op) == (50.0, ">=")
    q2 = {r.indicator.id: r for r in state.indicators_in("Q2")}
    for s in series.values():
        assert s.points[1].value == q2[s.id].ytd.ytd.percent
    one = series["1"]
    assert [p.value for p in one.points[:2]] == [None, 60.0]
    assert not one.points[1].met


def test_series_of_a_unit(ws: Path) -> None:
    state = evaluate_year(open_workspace(ws, 2024), as_of=date(2024, 6, 15))
    ids = [s.id for s in charts.chart_series(state, unit="cong-chuc")]
    assert ids == ["11.3"]


def test_size_grows_by_rows_of_three() -> None:
    assert charts.size_px(11) == (936, 1020)
    assert charts.size_px(3) == (936, 300)
    assert charts.size_px(0) == charts.size_px(1)


# ---------------------------------------------------------------- the picture


@needs_matplotlib
def test_png_of_the_expected_size_the_same_every_time(ws: Path) -> None:
    q2_records(ws)
    state = evaluate_year(open_workspace(ws, 2024), as_of=date(2024, 6, 15))
    data = charts.indicator_chart(state, through="Q2")
    assert png_size(data) == charts.size_px(11)
    assert data == charts.indicator_chart(state, through="Q2")  # deterministic
    assert b"tEXt" not in chunks(data) and b"iTXt" not in chunks(data)  # no metadata
    assert b"matplotlib" not in data.lower()


def test_without_matplotlib_a_clear_error(cli, ws: Path, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    for name in [m for m in sys.modules if m == "matplotlib" or m.startswith("matplotlib.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib → ImportError
    target = tmp_path / "bieu-do.png"
    r = cli("status", "--data", str(ws), "--as-of", AS_OF, "--chart", str(target))
    assert r.code == 1
    assert r.err == (
        "Lỗi: Chưa cài matplotlib nên không vẽ được biểu đồ.\n"
        "  → Cài gói vẽ biểu đồ: pip install 'kstthc[charts]' (hoặc pip install matplotlib).\n"
    )
    assert not target.exists()


# ---------------------------------------------------------------- kstthc status --chart


@needs_matplotlib
def test_status_writes_the_chart(cli, ws: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "bieu-do.png"
    r = cli("status", "--data", str(ws), "--as-of", AS_OF, "--chart", str(target))
    assert r.code == 0, r.err
    assert r.err == f"Đã ghi biểu đồ chỉ tiêu vào {target}.\n"
    assert "Chỉ tiêu" in r.out  # the dashboard is printed as ever
    assert png_size(target.read_bytes()) == charts.size_px(11)


@needs_matplotlib
def test_status_chart_of_a_unit(cli, ws: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "cong-chuc.png"
    r = cli(
        "status", "--data", str(ws), "--as-of", AS_OF, "--unit", "cong-chuc", "--chart", str(target)
    )
    assert r.code == 0, r.err
    assert png_size(target.read_bytes()) == charts.size_px(1)


def test_status_chart_must_be_a_png(cli, ws: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "bieu-do.jpg"
    r = cli("status", "--data", str(ws), "--chart", str(target))
    assert (r.code, r.out) == (2, "")
    assert r.err == (
        f"Lỗi: Tệp '{target}' có đuôi .jpg; biểu đồ được ghi ra tệp ảnh .png.\n"
        "  → Ví dụ: kstthc status --chart bieu-do.png\n"
    )
    assert not target.exists()


@needs_matplotlib
def test_status_chart_never_over_a_read_only_file(cli, ws: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "bieu-do.png"
    target.write_bytes(b"old")
    target.chmod(0o444)
    try:
        r = cli("status", "--data", str(ws), "--as-of", AS_OF, "--chart", str(target))
    finally:
        target.chmod(0o644)
    assert r.code == 1
    assert "chỉ cho đọc (read-only); kstthc không ghi đè lên nó." in r.err
    assert target.read_bytes() == b"old"


# ---------------------------------------------------------------- kstthc report --charts


@needs_matplotlib
def test_word_report_carries_the_chart_as_an_appendix(cli, ws: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    q2_records(ws)
    plain, with_chart = tmp_path / "a.docx", tmp_path / "b.docx"
    for target, extra in ((plain, []), (with_chart, ["--charts"])):
        r = cli("report", "q2", "--data", str(ws), "--as-of", AS_OF, "-o", str(target), *extra)
        assert r.code == 0, r.err
    assert len(open_docx(plain.read_bytes()).inline_shapes) == 0
    document = open_docx(with_chart.read_bytes())
    (shape,) = document.inline_shapes
    assert round(shape.width.mm) == round(TEXT_WIDTH_MM)
    texts = [p.text for p in document.paragraphs]
    # the last appendix, numbered after the others, a Heading 1 on a portrait page of its own
    title = "PHỤ LỤC II\nBIỂU ĐỒ CHỈ TIÊU"  # after the indicators (no figures file)
    at = texts.index(title)
    assert document.paragraphs[at].style.name == "Heading 1"
    assert at == len(texts) - 2 and document.paragraphs[at + 1]._p.xpath(".//w:drawing")
    last = document.sections[-1]
    assert len(document.sections) == 3 and last.page_width < last.page_height
    # everything else is the report as without the chart
    assert [t for t in texts if t not in (title, "")] == [
        t for t in (p.text for p in open_docx(plain.read_bytes()).paragraphs) if t
    ]


@needs_matplotlib
def test_markdown_report_links_the_chart_beside_it(cli, ws: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    q2_records(ws)
    target = tmp_path / "bao cao (q2).md"
    r = cli("report", "q2", "--data", str(ws), "--as-of", AS_OF, "--charts", "-o", str(target))
    assert r.code == 0, r.err
    picture = tmp_path / "bao cao (q2)-bieu-do.png"
    assert png_size(picture.read_bytes()) == charts.size_px(11)
    assert target.read_text(encoding="utf-8").endswith(
        "\n## PHỤ LỤC II. BIỂU ĐỒ CHỈ TIÊU\n\n"
        "![Biểu đồ chỉ tiêu: lũy kế theo quý so với mục tiêu](bao%20cao%20%28q2%29-bieu-do.png)\n"
    )


def test_markdown_report_with_charts_needs_a_file(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    before = snapshot(ws)
    r = cli("report", "q2", "--data", str(ws), "--as-of", AS_OF, "--charts")
    assert (r.code, r.out) == (2, "")
    assert r.err == (
        "Lỗi: --charts với Markdown cần -o TỆP: ảnh biểu đồ được ghi cạnh tệp Markdown.\n"
        "  → Ví dụ: kstthc report q2 --charts -o bao-cao-q2.md (hoặc --format docx).\n"
    )
    assert snapshot(ws) == before


@needs_matplotlib
def test_refused_markdown_report_leaves_no_picture(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    target = ws / "narrative_2024_Q2.md"
    r = cli("report", "q2", "--data", str(ws), "--as-of", AS_OF, "--charts", "-o", str(target))
    assert r.code == 2
    assert "là tệp dữ liệu của xã; báo cáo sinh ra không được ghi đè lên nó" in r.err
    assert not target.exists()
    assert not (ws / "narrative_2024_Q2-bieu-do.png").exists()
