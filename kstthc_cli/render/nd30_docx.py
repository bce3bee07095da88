"""The building blocks of a Word document laid out by Nghị định 30/2020 (Phụ lục I), shared by
every document kstthc writes in Word (the periodic report, the decision issuing the plan).

They are defined in ``report_docx`` for now, where the report first needed them; this module is
their public name, so a second document reuses them instead of copying them.
"""

from __future__ import annotations

from kstthc_cli.render.report_docx import (
    BODY_PT,
    FONT,
    MARGINS_MM,
    PAGE_MM,
    TEXT_WIDTH_MM,
    _borderless_table,
    _cell_text,
    _font,
    _insert_before,
    _no_split,
    _page,
    _rule,
    _styles,
    _text,
    _widths,
    balanced,
    header_block,
    signature_block,
    text_width_mm,
)

styles = _styles
portrait_page = _page
paragraph = _text
rule = _rule
cell_text = _cell_text
font = _font
widths = _widths
borderless_table = _borderless_table
no_split = _no_split
insert_before = _insert_before

__all__ = [
    "BODY_PT",
    "FONT",
    "MARGINS_MM",
    "PAGE_MM",
    "TEXT_WIDTH_MM",
    "balanced",
    "borderless_table",
    "cell_text",
    "font",
    "header_block",
    "insert_before",
    "no_split",
    "paragraph",
    "portrait_page",
    "rule",
    "signature_block",
    "styles",
    "text_width_mm",
    "widths",
]
