"""The rollup's dossier table (bảng hồ sơ các xã) in text, Markdown and as an Excel sheet.

Counts are summed across communes; the derived indicators are recomputed from the summed
counts (``compute.dossiers``). Nothing here when no commune has a figures file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from kstthc_cli.compute import figures as figs
from kstthc_cli.compute.dossiers import (
    HEADERS,
    Counts,
    province_by_field,
    province_derived,
    province_total,
)
from kstthc_cli.compute.rollup import Commune, Rollup
from kstthc_cli.render import textfmt as fmt

if TYPE_CHECKING:
    from rich.console import Console

SHEET = "Hồ sơ"
#: The columns the terminal shows (indexes into ``COLUMNS``): (3) (4) (7) (8) (9) (10) (11) (13).
_SHOWN = (0, 1, 4, 5, 6, 7, 8, 10)


def _n(x: int | None) -> str:
    return "—" if x is None else str(x)


def _derived_line(p: Any) -> str:
    rate = "—" if p.actual is None else fmt.pct(p.actual)
    return (
        f"CT {p.id}: {rate} ({fmt.ratio(p.numerator, p.denominator)}, {p.communes} xã), "
        f"{fmt.STATE_WORDS[p.state]}; mẫu số: {figs.describe(p.denominator_text)}"
    )


def print_dossiers(console: Console, r: Rollup) -> None:
    """The province's table by field and its total, then the derived indicators."""
    from rich.table import Table  # the terminal's table only: the workbook's sheet needs no rich
    from rich.text import Text

    total = province_total(r)
    if total is None:
        return
    console.print()
    console.print(Text("HỒ SƠ TTHC CÁC XÃ (cộng số liệu các xã)", style="bold"))
    table = Table(box=None, padding=(0, 1), show_edge=False)
    table.add_column("Lĩnh vực", overflow="fold")
    for i in _SHOWN:
        table.add_column(HEADERS[i], justify="right")
    for name, counts in [*province_by_field(r), ("Tổng cộng", total)]:
        table.add_row(Text(name), *(_n(counts[i]) for i in _SHOWN))
    console.print(table)
    for p in province_derived(r):
        console.print(Text("  " + _derived_line(p)), soft_wrap=True)


def markdown_dossiers(r: Rollup, commune_label: Callable[[Commune], str]) -> list[str]:
    """The same as Markdown: by field, by commune, the derived indicators (no lines if none)."""
    from kstthc_cli.render.report_md import md_text

    total = province_total(r)
    if total is None:
        return []

    def cell(text: object) -> str:
        return md_text(str(text), cell=True)

    def row(first: list[str], counts: Counts) -> str:
        return "| " + " | ".join([*first, *(_n(v) for v in counts)]) + " |"

    head = "| Lĩnh vực | " + " | ".join(HEADERS) + " |"
    rule = "|---|" + "---:|" * len(HEADERS)
    lines = ["", "## Hồ sơ TTHC các xã (Biểu 06, cộng số liệu các xã)", "", head, rule]
    for name, counts in province_by_field(r):
        lines.append(row([cell(name)], counts))
    lines.append(row(["**Tổng cộng**"], total))
    lines += ["", "| Xã | Kỳ | " + " | ".join(HEADERS) + " |", "|---|---|" + "---:|" * len(HEADERS)]
    for c in r.communes:
        if c.ok and c.dossiers is not None:
            when = ", ".join(c.dossiers.periods)
            lines.append(row([cell(commune_label(c)), cell(when)], c.dossiers.total))
    derived = province_derived(r)
    if derived:
        lines += ["", "Chỉ tiêu tính từ số liệu, gộp bằng Σ tử số / Σ mẫu số các xã:", ""]
        lines += [f"- {cell(_derived_line(p))}" for p in derived]
    return lines


def dossier_sheet(
    r: Rollup, commune_label: Callable[[Commune], str]
) -> tuple[str, str, list[str], list[float], int, Iterator[list[tuple[Any, str | None]]]] | None:
    """The sheet "Hồ sơ" for ``rollup_xlsx``: its name, table name, header, widths, row count
    and rows (one per commune × field; counts as numbers, texts as text). ``None`` when no
    commune has figures."""
    if province_total(r) is None:
        return None
    header = ["Xã", "Thư mục", "Kỳ", "Lĩnh vực", *HEADERS]
    widths: list[float] = [22, 30, 10, 28, *([12] * len(HEADERS))]
    chosen = [c for c in r.communes if c.ok and c.dossiers is not None]

    def rows() -> Iterator[list[tuple[Any, str | None]]]:
        for c in chosen:
            assert c.dossiers is not None
            when = ", ".join(c.dossiers.periods)
            for name, counts in c.dossiers.fields:
                yield [
                    (commune_label(c), None),
                    (c.shown, None),
                    (when, None),
                    (name, None),
                    *((v, None if v is None else "#,##0") for v in counts),
                ]

    count = sum(len(c.dossiers.fields) for c in chosen if c.dossiers is not None)
    return SHEET, "tblHoSo", header, widths, count, rows()
