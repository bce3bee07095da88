"""Building plan decision Word files for tests (python-docx): from the shipped plan as the
decision's table, the seed decision's tables as printed (page-split rows, repeated headers,
merged cells, bullet lists), and small tables of given rows."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docx import Document

import kstthc_cli
from tests.support import REPO, SHIPPED

SEED = REPO / "tests" / "fixtures" / "qd27_2024_printed.txt"
PLAN_HEADER = [
    "STT",
    "Nội dung công việc",
    "Kết quả công việc",
    "Cơ quan, đơn vị thực hiện",
    "Thời gian thực hiện",
]
INDICATOR_HEADER = ["Stt", "Nội dung chỉ tiêu", "Đơn vị", "Chỉ tiêu năm 2024", "Cơ quan thực hiện"]
HEADER_ROW = [[w] for w in PLAN_HEADER]


# ---------------------------------------------------------------- building Word files


def fill(cell: Any, lines: list[str], style: str | None = None) -> None:
    """A cell with one paragraph per line (python-docx gives every cell one empty paragraph)."""
    first = cell.paragraphs[0]
    first.text = lines[0] if lines else ""
    if style and lines:
        first.style = style
    for line in lines[1:]:
        cell.add_paragraph(line, style=style)


def add_row(table: Any, cells: list[list[str]], *, merge_from: int | None = None) -> Any:
    """A row of paragraphs per cell; ``merge_from``: that cell and every one after it merged
    into one (a section row's title across the columns), as the decision's table has it."""
    row = table.add_row()
    for cell, lines in zip(row.cells, cells, strict=False):
        fill(cell, lines)
    if merge_from is not None:
        title = [line for lines in cells[merge_from:] for line in lines]
        merged = row.cells[merge_from].merge(row.cells[len(row.cells) - 1])
        merged.text = ""
        fill(merged, title)
    return row


def shipped_docx(
    path: Path,
    *,
    year: int = 2024,
    commune: str = "Hương Trà",
    decision: str = "27/QĐ-UBND ngày 06/03/2023",
) -> Path:
    """The shipped plan as the decision's table: a header row, section rows merged across the
    columns, task rows with the outputs as bullets ("- …" or Word's List Bullet style), then the
    appendix's indicator table; the heading prints ``year``, ``commune`` and ``decision``."""
    ws = kstthc_cli.open_workspace(data=SHIPPED, year=2024)
    doc = Document()
    doc.add_paragraph("KẾ HOẠCH")
    doc.add_paragraph(
        f"Hoạt động kiểm soát thủ tục hành chính năm {year} trên địa bàn xã {commune}"
    )
    doc.add_paragraph(
        f"(Ban hành kèm theo Quyết định số {decision} của Chủ tịch UBND xã {commune})"
    )
    table = doc.add_table(rows=0, cols=5)
    add_row(table, [[w] for w in PLAN_HEADER])
    for section in ws.plan.sections:
        add_row(table, [[section.id], [section.title]], merge_from=1)
        for task in section.tasks:
            row = add_row(
                table,
                [[task.id], [task.content], [], [task.responsibility], [task.timeframe]],
            )
            if int(task.id) % 2:
                fill(row.cells[2], [f"- {o}" for o in task.outputs])
            else:
                fill(row.cells[2], list(task.outputs), style="List Bullet")
    doc.add_paragraph("Phụ lục")
    table = doc.add_table(rows=0, cols=5)
    add_row(table, [[w] for w in INDICATOR_HEADER])
    for i in ws.indicators.indicators:
        add_row(table, [[i.id], [i.name], [i.unit], [i.target.text], [i.responsibility or ""]])
    doc.save(str(path))
    return path


_TAG = re.compile(r"</?(?:b|ul|p)(?: [^>]*)?>")


def seed_cell(text: str) -> list[str]:
    """A printed cell: its ``<li>`` and ``<p>`` items are paragraphs; bold marks dropped."""
    items = re.findall(r"<li>(.*?)</li>", text) or re.findall(r"<p>(.*?)</p>", text)
    lines = items or [text]
    return [s for s in (_TAG.sub("", x).strip() for x in lines) if s]


@dataclass
class SeedTable:
    """One page's table of the printed decision: its rows of cells (lists of paragraphs)."""

    kind: str
    rows: list[list[list[str]]]


def seed_pages() -> tuple[list[str], list[SeedTable], list[str], list[SeedTable]]:
    """The seed decision as printed: the paragraphs before the plan's table, the plan table's
    pages, the paragraphs between, and the appendix table's pages (a blank line ends a page)."""
    before: list[str] = []
    between: list[str] = []
    plan: list[SeedTable] = []
    appendix: list[SeedTable] = []
    pages, words = plan, before
    page: SeedTable | None = None
    for raw in SEED.read_text(encoding="utf-8").splitlines():
        if "\t" in raw:
            if page is None:
                page = SeedTable("plan" if pages is plan else "indicators", [])
                pages.append(page)
            page.rows.append([seed_cell(c) for c in raw.split("\t")])
            continue
        page = None
        line = re.sub(r"[*#]+", "", raw).strip()
        if line.startswith("Phụ lục"):
            pages, words = appendix, between
        if line:
            words.append(line)
    return before, plan, between, appendix


def merge_down(table: Any, row: int, column: int) -> None:
    """Cell (row, column) merged with the one below (Word's vMerge): the STT of a row that a
    page break split, as some decisions have it."""
    top = table.rows[row].cells[column]
    below = table.rows[row + 1].cells[column]
    below.text = ""
    top.merge(below)


def seed_docx(path: Path, *, one_table: bool = False) -> Path:
    """The seed decision's tables as printed: each page a table with its header row (or, with
    ``one_table``, one table with the page headers repeated inside and task 9's STT merged down
    over its page-split row); the continuation rows (empty STT) kept; section rows merged."""
    before, plan, between, appendix = seed_pages()
    doc = Document()
    for line in before:
        doc.add_paragraph(line)
    for pages in (plan, appendix):
        table = None
        for page in pages:
            if table is None or not one_table:
                table = doc.add_table(rows=0, cols=5)
            for cells in page.rows:
                stt = cells[0][0] if cells[0] else ""
                section = bool(re.fullmatch(r"[IVX]+", stt)) and not any(cells[2:])
                add_row(table, cells, merge_from=1 if section else None)
        if one_table and pages is plan and table is not None:
            rows = list(table.rows)
            nine = next(i for i, r in enumerate(rows) if r.cells[0].text == "9")
            # the next page's header goes: the two halves of task 9 meet, STT merged down
            assert rows[nine + 1].cells[0].text == "STT"
            rows[nine + 1]._tr.getparent().remove(rows[nine + 1]._tr)
            merge_down(table, nine, 0)
        if pages is plan:
            for line in between:
                doc.add_paragraph(line)
    doc.save(str(path))
    return path


def small_docx(path: Path, rows: list[list[list[str]]], header: list[str] = PLAN_HEADER) -> Path:
    doc = Document()
    table = doc.add_table(rows=0, cols=len(header))
    add_row(table, [[w] for w in header])
    for cells in rows:
        stt = cells[0][0] if cells[0] else ""
        add_row(table, cells, merge_from=1 if re.fullmatch(r"[IVX]+", stt) else None)
    doc.save(str(path))
    return path
