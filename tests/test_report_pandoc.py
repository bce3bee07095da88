"""The Markdown report as pandoc reads it, the way an officer converts it to Word
(``pandoc bao-cao.md -o bao-cao.docx``): every heading a heading, every table a table with all
its rows, no raw HTML, and the officer's own words come out exactly as written.

pandoc itself comes from the ``pypandoc-binary`` wheel (a test dependency); nothing is fetched.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import pytest

from tests.support import write
from tests.test_report import GOLDEN, q2_records, report_md

pypandoc = pytest.importorskip("pypandoc", reason="pandoc comes from the pypandoc-binary wheel")

#: pandoc's own Markdown (its default reader), GitHub's, and CommonMark with pandoc's extensions.
READERS = ["markdown", "gfm", "commonmark_x"]

#: Words an officer might type that mean something in one Markdown or another.
TRICKY = (
    r"Niêm yết *05* TTHC <mới> | số_1_2 _nghiêng_ `mã` [xem](http://x) ![a](b) "
    r"~~gạch~~ H~2~O x^2^ $5$ &amp; \ gạch ngược # không phải tiêu đề @trích"
)


def _ast(markdown: str, reader: str) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(pypandoc.convert_text(markdown, "json", format=reader))
    return result


def _nodes(tree: Any, kind: str) -> Iterator[dict[str, Any]]:
    if isinstance(tree, dict):
        if tree.get("t") == kind:
            yield tree
        for value in tree.values():
            yield from _nodes(value, kind)
    elif isinstance(tree, list):
        for value in tree:
            yield from _nodes(value, kind)


def _headings(markdown: str) -> list[int]:
    return [len(m.group(1)) for m in re.finditer(r"^(#{1,6}) ", markdown, re.MULTILINE)]


def _tables(markdown: str) -> list[int]:
    """Body rows of each pipe table (lines starting with ``|``, minus header and rule)."""
    tables: list[int] = []
    run = 0
    for line in [*markdown.splitlines(), ""]:
        if line.startswith("|"):
            run += 1
        elif run:
            tables.append(run - 2)
            run = 0
    return tables


def _body_rows(table: dict[str, Any]) -> int:
    # Table: attr, caption, colspecs, head, [bodies], foot; a body: attr, row-head cols,
    # head rows, body rows.
    bodies = table["c"][4]
    return sum(len(body[3]) for body in bodies)


@pytest.fixture
def tricky_report(cli, ws: Path) -> str:  # type: ignore[no-untyped-def]
    q2_records(ws)
    path = ws / "actuals_2024.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        'evidence: "Niêm yết 45 TTHC tại Bộ phận Một cửa"', f"evidence: {json.dumps(TRICKY)}"
    )
    text = text.replace(
        'note: "Tăng nhờ hướng dẫn người dân nộp hồ sơ trực tuyến"',
        'note: "Tăng | giảm *đậm* [x](y) <b>"',
    )
    write(path, text)
    plan = ws / "plan_2024.yaml"
    entries = "".join(f"    - {json.dumps(r, ensure_ascii=False)}\n" for r in OPENING)
    plan.write_text(
        plan.read_text(encoding="utf-8").replace('    - "Như trên"\n', entries), encoding="utf-8"
    )
    indicators = ws / "indicators_2024.yaml"
    text = indicators.read_text(encoding="utf-8")
    indicators.write_text(text.replace('unit: "%"', 'unit: "hồ sơ | %"', 1), encoding="utf-8")
    return report_md(cli, ws, "q2", "--as-of", "2024-06-20")


#: Nơi nhận entries whose first characters would start a block at the start of a line.
OPENING = (
    "1. Như trên",
    "> Ban Tiếp công dân",
    "a) Tổ một cửa",
    "(2) Công an xã",
    "IV. Lưu trữ",
    "# Không phải tiêu đề",
    "| Không phải khối dòng",
    "- Không phải gạch đầu dòng",
    ": Không phải định nghĩa",
    ":smile: không phải biểu tượng",
)


@pytest.mark.parametrize("reader", READERS)
def test_golden_report_structure_survives_pandoc(reader: str) -> None:
    markdown = (GOLDEN / "report_q2_2024.md").read_text(encoding="utf-8")
    ast = _ast(markdown, reader)
    assert [h["c"][0] for h in _nodes(ast, "Header")] == _headings(markdown)
    tables = list(_nodes(ast, "Table"))
    assert [_body_rows(t) for t in tables] == _tables(markdown)
    assert len(tables) == 2  # the header block and the indicator table
    assert list(_nodes(ast, "RawBlock")) == [] and list(_nodes(ast, "RawInline")) == []


def _inline_text(inlines: list[dict[str, Any]]) -> tuple[str, set[str]]:
    """The text of a run of inlines, and every kind of node in it."""
    kinds: set[str] = set()
    parts: list[str] = []
    for node in inlines:
        kinds.add(node["t"])
        if node["t"] == "Str":
            parts.append(node["c"])
        elif node["t"] in ("Space", "SoftBreak"):
            parts.append(" ")
    return "".join(parts), kinds


def _item_with(ast: dict[str, Any], words: str) -> tuple[str, set[str]]:
    for kind in ("Plain", "Para"):
        for block in _nodes(ast, kind):
            text, kinds = _inline_text(block["c"])
            if words in text:
                return text, kinds
    raise AssertionError(f"no paragraph with {words!r}")


@pytest.mark.parametrize("reader", READERS)
def test_officer_words_come_out_as_written(tricky_report: str, reader: str) -> None:
    ast = _ast(tricky_report, reader)
    text, kinds = _item_with(ast, "Niêm yết")
    assert TRICKY in text
    assert kinds <= {"Str", "Space", "SoftBreak"}, kinds
    text, kinds = _item_with(ast, "Tăng | giảm")
    assert "Tăng | giảm *đậm* [x](y) <b>" in text
    assert kinds <= {"Str", "Space", "SoftBreak"}, kinds
    for entry in OPENING:
        text, kinds = _item_with(ast, entry.split(maxsplit=1)[1])
        assert text == entry + ";", (reader, text)
        assert kinds <= {"Str", "Space", "SoftBreak"}, kinds
    for kind in ("BlockQuote", "LineBlock", "DefinitionList", "OrderedList", "CodeBlock"):
        assert list(_nodes(ast, kind)) == [], kind
    assert [h["c"][0] for h in _nodes(ast, "Header")] == _headings(tricky_report)
    assert [_body_rows(t) for t in _nodes(ast, "Table")] == _tables(tricky_report)


def test_word_file_from_pandoc_has_the_tables_and_words(tricky_report: str, tmp_path: Path) -> None:
    out = tmp_path / "bao-cao.docx"
    pypandoc.convert_text(tricky_report, "docx", format="markdown", outputfile=str(out))
    document = docx.Document(str(out))
    assert [len(t.rows) for t in document.tables] == [n + 1 for n in _tables(tricky_report)]
    texts = [p.text for p in document.paragraphs]
    texts += [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert any(TRICKY in " ".join(t.split()) for t in texts)
    assert not any("\\*" in t or "\\<" in t for t in texts)
    headings = [
        p for p in document.paragraphs if p.style is not None and p.style.name.startswith("Heading")
    ]
    assert len(headings) == len(_headings(tricky_report))
