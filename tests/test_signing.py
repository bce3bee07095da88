"""The two documents of the year as an officer reads them before signing: the Q2 and year reports
(with a year of records, ``tests.year_support``) and the plan decision, read back from Word and,
where LibreOffice is installed, from the PDF it prints: NĐ 30's margins on every page, tables that
fit their page, rules clear of the line above, a plan section never alone at the foot of a page,
dossier codes on one line, the chart's appendix on one page, notes after their sentence; the NĐ 30
blocks in one module; the year report's Markdown golden file."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from kstthc_cli.cli.app import run
from kstthc_cli.compute.plandoc import build_plan_doc
from kstthc_cli.load.workspace import open_workspace
from kstthc_cli.render import nd30_docx as nd30
from kstthc_cli.render import plandoc_docx, report_docx
from tests.docx_support import needs_times_metrics, pdf_pages, to_pdf
from tests.support import SHIPPED
from tests.year_support import year_of_records

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("KSTTHC_UPDATE_GOLDEN") == "1"
YEAR = ("năm", "--as-of", "2024-12-16")
Q2 = ("q2", "--as-of", "2024-06-17")


@pytest.fixture(scope="module")
def year_ws(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("year") / "data"
    shutil.copytree(SHIPPED, target, ignore=shutil.ignore_patterns(".*", "actuals_*"))
    return year_of_records(target)


@pytest.fixture(scope="module")
def files(year_ws: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The Word files, made once: the Q2 report, the year report, the plan decision."""
    out = tmp_path_factory.mktemp("word")
    made = {"q2": out / "q2.docx", "year": out / "year.docx", "plan": out / "plan.docx"}
    assert run(["report", *Q2, "--data", str(year_ws), "-o", str(made["q2"])]) == 0
    assert run(["report", *YEAR, "--data", str(year_ws), "-o", str(made["year"])]) == 0
    assert run(["plan-doc", "--data", str(year_ws), "-o", str(made["plan"])]) == 0
    return made


@pytest.fixture(scope="module")
def pdfs(files: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("pdf")
    return {name: to_pdf(path, out) for name, path in files.items()}


def _sections_with_tables(doc: Any) -> Iterator[tuple[Any, list[Any]]]:
    """Each section of ``doc`` with the tables in it (a section ends at a paragraph holding
    its properties, the last one at the body's)."""
    tables: list[Any] = []
    k = 0
    for child in doc.element.body.iterchildren():
        if child.tag == qn("w:tbl"):
            tables.append(child)
        elif child.tag == qn("w:p") and child.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None:
            yield doc.sections[k], tables
            tables, k = [], k + 1
    yield doc.sections[k], tables


# ---------------------------------------------------------------- Word, read back


@pytest.mark.parametrize("name", ["q2", "year", "plan"])
def test_every_page_a4_inside_nd30_margins(files: dict[str, Path], name: str) -> None:
    """NĐ 30: top and bottom 20–25 mm, left 30–35, right 15–20, landscape pages too."""
    doc = docx.Document(str(files[name]))
    orientations = []
    for section in doc.sections:
        size = sorted((round(section.page_width.mm), round(section.page_height.mm)))
        assert size == [210, 297]
        orientations.append(section.page_width > section.page_height)
        assert 20 <= round(section.top_margin.mm, 1) <= 25
        assert 20 <= round(section.bottom_margin.mm, 1) <= 25
        assert 30 <= round(section.left_margin.mm, 1) <= 35
        assert 15 <= round(section.right_margin.mm, 1) <= 20
    assert orientations[0] is False and True in orientations  # portrait, then landscape


@pytest.mark.parametrize("name", ["q2", "year", "plan"])
def test_tables_fit_their_page(files: dict[str, Path], name: str) -> None:
    doc = docx.Document(str(files[name]))
    for section, tables in _sections_with_tables(doc):
        room = section.page_width - section.left_margin - section.right_margin
        for tbl in tables:
            grid = sum(int(c.get(qn("w:w"))) for c in tbl.tblGrid.findall(qn("w:gridCol")))
            assert grid * 635 <= room + Mm(0.5), (grid * 635 / 36000, room.mm)  # twips → EMU


def test_column_widths_fill_the_landscape_text_width() -> None:
    for columns in (
        report_docx.DOSSIER_COLUMNS_MM,
        report_docx.LATE_COLUMNS_MM,
        report_docx.INDICATOR_COLUMNS_MM,
        plandoc_docx.PLAN_COLUMNS_MM,
        plandoc_docx.INDICATOR_COLUMNS_MM,
    ):
        assert nd30.LANDSCAPE_WIDTH_MM - 2 <= sum(columns) <= nd30.LANDSCAPE_WIDTH_MM
    assert nd30.LANDSCAPE_WIDTH_MM == 297 - 30 - 16


def test_a_dossier_code_fits_its_column_on_one_line() -> None:
    code = "000.00.20.H55-240402-0007"
    inner = report_docx.LATE_COLUMNS_MM[1] - 3.8  # the cell's margins
    assert nd30.text_width_mm(code, report_docx.TABLE_PT) <= inner


@pytest.mark.parametrize("name", ["q2", "plan"])
def test_rules_stand_clear_of_the_line_above(files: dict[str, Path], name: str) -> None:
    """A rule right under a line of text (the summary, the plan's subtitle) has room above it:
    with none it reads as that line underlined."""
    doc = docx.Document(str(files[name]))
    under_text = 0
    for para in doc.paragraphs:
        if para._p.find(f"{qn('w:pPr')}/{qn('w:pBdr')}") is None:
            continue
        above = para._p.getprevious()
        if above is not None and above.tag == qn("w:p") and "".join(above.itertext()).strip():
            assert para.paragraph_format.space_before >= Pt(3), "".join(above.itertext())
            under_text += 1
    assert under_text == (1 if name == "q2" else 3)


def test_the_nd30_blocks_have_one_implementation() -> None:
    for name in (
        "styles",
        "portrait_page",
        "new_section",
        "properties",
        "header_block",
        "signature_block",
        "paragraph",
        "rule",
        "cell_text",
        "borderless_table",
    ):
        assert getattr(nd30, name).__module__ == nd30.__name__, name
    for module in (report_docx, plandoc_docx):
        own = {
            k for k, v in vars(module).items() if getattr(v, "__module__", "") == module.__name__
        }
        assert not own & {
            "header_block",
            "signature_block",
            "_styles",
            "_page",
            "_new_section",
            "_landscape",
            "_properties",
            "_rule",
            "_text",
        }, module.__name__


def test_a_plan_section_row_is_kept_with_its_first_task(files: dict[str, Path]) -> None:
    doc = docx.Document(str(files["plan"]))
    plan = doc.tables[2]  # header, signature, the plan
    assert plan.rows[0].cells[0].text == "STT"
    sections = 0
    for row in plan.rows[1:]:
        first = row.cells[0].text
        is_section = bool(re.fullmatch(r"[IVX]+", first))
        kept = all(p.paragraph_format.keep_with_next for c in row.cells for p in c.paragraphs)
        assert kept is is_section, first
        sections += is_section
    assert sections == 10


def test_the_chart_is_the_last_appendix_on_a_portrait_page(year_ws: Path, tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    target = tmp_path / "q2.docx"
    assert run(["report", *Q2, "--data", str(year_ws), "-o", str(target), "--charts"]) == 0
    doc = docx.Document(str(target))
    last = doc.sections[-1]
    assert last.page_width < last.page_height
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings[-1] == "PHỤ LỤC IV\nBIỂU ĐỒ CHỈ TIÊU"
    (shape,) = doc.inline_shapes
    assert shape.width.mm <= nd30.TEXT_WIDTH_MM + 0.1
    assert shape.height.mm <= nd30.TEXT_HEIGHT_MM - report_docx.CHART_TITLE_MM + 0.1
    # Markdown numbers it the same way
    md = tmp_path / "q2.md"
    assert run(["report", *Q2, "--data", str(year_ws), "-o", str(md), "--charts"]) == 0
    assert "\n## PHỤ LỤC IV. BIỂU ĐỒ CHỈ TIÊU\n" in md.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["q2", "year"])
def test_a_note_follows_its_sentence_with_a_label(files: dict[str, Path], name: str) -> None:
    text = "\n".join(p.text for p in docx.Document(str(files[name])).paragraphs)
    assert (
        "Kế hoạch số 20/KH-UBND ngày 05/04/2024 của UBND xã Hương Trà về rà soát, đánh giá "
        "TTHC năm 2024. Ghi chú: hoàn thành chậm do chờ hướng dẫn của huyện." in text
    )
    # no sentence of the report begins in lower case
    assert not [m.group(0) for m in re.finditer(r"\. (\w+)", text) if m.group(1)[0].islower()]


def test_the_year_report_counts_an_earlier_quarters_open_dossier_apart(
    files: dict[str, Path],
) -> None:
    """Listed in progress at the end of Q2, in no later list: at the end of the year it is not
    among those in progress (the figures say none), and the file gives no date for it."""
    doc = docx.Document(str(files["year"]))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Đang giải quyết 2 hồ sơ (trong hạn 2, quá hạn 0)." in text
    assert "hồ sơ đang giải quyết đã quá hạn" not in text
    assert "và 1 hồ sơ quá hạn chưa ghi ngày có kết quả; nguyên nhân: " in text
    late = doc.tables[-1]
    row = next(r for r in late.rows if r.cells[1].text == "000.00.20.H55-240605-0015")
    assert row.cells[5].text == "chưa ghi (hết Quý II: đang giải quyết)"
    q2 = docx.Document(str(files["q2"])).tables[-1]
    row = next(r for r in q2.rows if r.cells[1].text == "000.00.20.H55-240605-0015")
    assert row.cells[5].text == "đang giải quyết"


# ---------------------------------------------------------------- the printed pages


def test_pdf_no_plan_section_alone_at_the_foot_of_a_page(
    pdfs: dict[str, Path], year_ws: Path
) -> None:
    pages = [" ".join(p.split()) for p in pdf_pages(pdfs["plan"], layout=False)]
    ws = open_workspace(year_ws, 2024)
    plan = build_plan_doc(ws.plan, ws.indicators)
    rows = list(plan.rows)
    checked = 0
    for k, row in enumerate(rows[:-1]):
        if row.kind != "section":
            continue
        head = " ".join(row.content.split()[:4])
        after = " ".join(rows[k + 1].content.split()[:3])
        (page,) = [n for n, p in enumerate(pages) if head in p]
        assert after in pages[page], (row.id, page)
        checked += 1
    assert checked == 10


def test_pdf_dossier_codes_on_one_line(pdfs: dict[str, Path]) -> None:
    needs_times_metrics()
    pages = pdf_pages(pdfs["year"])
    (page,) = [p for p in pages if "DANH SÁCH HỒ SƠ GIẢI QUYẾT QUÁ HẠN" in p]
    codes = re.findall(r"000\.00\.20\.H55-\d{6}-\d{4}", page)
    assert len(codes) == 6


def test_pdf_the_chart_on_the_page_of_its_title(year_ws: Path, tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    if shutil.which("pdfimages") is None:
        pytest.skip("pdfimages (poppler-utils) không có trên máy này: bỏ qua phép thử PDF")
    target = tmp_path / "q2c.docx"
    assert run(["report", *Q2, "--data", str(year_ws), "-o", str(target), "--charts"]) == 0
    pdf = to_pdf(target, tmp_path)
    pages = pdf_pages(pdf)
    (title,) = [k + 1 for k, p in enumerate(pages) if "BIỂU ĐỒ CHỈ TIÊU" in p]
    assert title == len(pages)
    listing = subprocess.run(
        ["pdfimages", "-list", str(pdf)], check=True, capture_output=True, timeout=60
    ).stdout.decode()
    images = [line.split() for line in listing.splitlines()[2:] if line.strip()]
    assert [int(i[0]) for i in images if i[2] == "image"] == [title]


# ---------------------------------------------------------------- Markdown golden file


def test_golden_markdown_year(year_ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The year report on a year of records, as Markdown (``KSTTHC_UPDATE_GOLDEN=1`` rewrites
    it; review the diff)."""
    assert run(["report", *YEAR, "--data", str(year_ws)]) == 0
    out = capsys.readouterr().out
    golden = GOLDEN / "report_year_2024.md"
    if UPDATE:
        golden.write_text(out, encoding="utf-8", newline="\n")
    assert out == golden.read_text(encoding="utf-8")
