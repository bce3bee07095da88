"""The plan-doc Markdown as pandoc reads it (``pandoc ke-hoach.md -o ke-hoach.docx``): every heading
a heading, every table a table with all its rows, no raw HTML, and the seed's every passage in the
text pandoc reads. pandoc comes from the ``pypandoc-binary`` wheel (a test dependency)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.test_plandoc import GOLDEN, seed_passages
from tests.test_report_pandoc import READERS, _ast, _body_rows, _headings, _nodes, _tables


def _text(tree: Any) -> str:
    """Every word pandoc read, in order, spaces between; a list item with its "- "."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("t") == "Str":
                parts.append(node["c"])
                return
            if node.get("t") in ("Space", "SoftBreak", "LineBreak"):
                parts.append(" ")
                return
            if node.get("t") == "BulletList":  # a list item reads "- …", as printed
                for item in node["c"]:
                    parts.append(" - ")
                    walk(item)
                return
            if node.get("t") in ("Para", "Plain", "Header"):
                parts.append(" ")
            for value in node.values():
                walk(value)
            if node.get("t") in ("Para", "Plain", "Header"):
                parts.append(" ")
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(tree)
    return " ".join("".join(parts).split())


@pytest.mark.parametrize("reader", READERS)
def test_plan_doc_structure_survives_pandoc(reader: str) -> None:
    markdown = (GOLDEN / "plan_doc_2024.md").read_text(encoding="utf-8")
    ast = _ast(markdown, reader)
    assert [h["c"][0] for h in _nodes(ast, "Header")] == _headings(markdown)
    tables = list(_nodes(ast, "Table"))
    assert [_body_rows(t) for t in tables] == _tables(markdown)
    assert [_body_rows(t) for t in tables] == [2, 30, 11]  # header, plan, appendix
    assert list(_nodes(ast, "RawBlock")) == [] and list(_nodes(ast, "RawInline")) == []


def test_pandoc_reads_every_passage_of_the_seed() -> None:
    """GitHub's reader (no typographic quotes: pandoc's own turns "..." into "…")."""
    text = _text(_ast((GOLDEN / "plan_doc_2024.md").read_text(encoding="utf-8"), "gfm"))
    assert [p for p in seed_passages() if p not in text] == []
