"""The rollup for people: a terminal view (rich) and Markdown. Only formatting here; every figure
and state was computed in ``rollup``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from kstthc_cli.compute.rollup import Commune, CommuneFigure, PooledIndicator, Rollup
from kstthc_cli.problems import acknowledged_words, render
from kstthc_cli.render import textfmt as fmt

if TYPE_CHECKING:
    from rich.console import Console

#: In the terminal, at most this many communes are named behind each target (JSON, Markdown
#: and Excel name them all).
NAMED_BEHIND = 8
#: Errors printed per broken commune in the terminal (``check`` in its folder shows them all).
ERRORS_SHOWN = 3
#: A name column narrower than this goes under its row instead (narrow terminals).
BELOW_UNDER = 24
BELOW_INDENT = "      "


def title(r: Rollup) -> str:
    what = f"kỳ {r.period_label}" if r.period_label else f"lũy kế đến {fmt.d(r.as_of)}"
    return f"TỔNG HỢP KSTTHC NĂM {r.year} · {len(r.communes)} xã · {what}"


def figure_text(
    numerator: int | None, denominator: int | None, actual: float | None, unit: str
) -> str:
    if actual is None:
        return "—"
    text = fmt.amount(actual, unit)
    return f"{text} ({fmt.ratio(numerator, denominator)})" if denominator else text


def pooled_text(p: PooledIndicator) -> str:
    text = figure_text(p.numerator, p.denominator, p.actual, p.unit)
    if p.method in ("mean", "sum") and p.actual is not None:
        text += f" ({'trung bình' if p.method == 'mean' else 'tổng'} {p.communes} xã)"
    return text


def _method_words(p: PooledIndicator) -> str:
    """How a pooled figure without counts was made: the mean or the sum of the communes."""
    if p.actual is None or p.method not in ("mean", "sum"):
        return "—"
    return f"{'TB' if p.method == 'mean' else 'Tổng'} {p.communes} xã"


def target_text(p: PooledIndicator) -> str:
    return fmt.target(p.op, p.central, p.unit)


def commune_label(c: Commune) -> str:
    """The commune's name from its plan; "—" when its plan could not be read (the folder's own
    column names it, once)."""
    return (c.place or c.name) if named(c) else "—"


def named(c: Commune) -> bool:
    """The commune's name was read from its plan (not only its folder's name)."""
    return c.ok or c.place is not None or c.name != (c.dir.name or str(c.dir))


def missing_lines(r: Rollup, limit: int | None) -> tuple[str, list[str]]:
    """The communes with no figures for the period: a heading and its lines (none when every
    commune read has all its figures); at most ``limit`` communes named per line."""
    gaps = missing(r)
    what = f"kỳ {r.period_label}" if r.period_label else f"lũy kế đến {fmt.d(r.as_of)}"
    heading = f"XÃ CHƯA CÓ SỐ LIỆU ({what})"
    none = [c for c, absent in gaps if len(absent) == len(c.figures)]
    some = [(c, absent) for c, absent in gaps if len(absent) < len(c.figures)]

    def names(items: list[str]) -> str:
        shown = items if limit is None else items[:limit]
        more = len(items) - len(shown)
        return "; ".join(shown) + (f"; và {more} xã khác" if more else "")

    lines = []
    if none:
        lines.append(
            f"Không có số liệu chỉ tiêu nào ({len(none)} xã): "
            + names([commune_label(c) for c in none])
        )
    if some:
        lines.append(
            f"Thiếu số liệu một số chỉ tiêu ({len(some)} xã): "
            + names([f"{commune_label(c)} (CT {', '.join(a)})" for c, a in some])
        )
    return heading, lines


def missing(r: Rollup) -> list[tuple[Commune, list[str]]]:
    """The communes whose data was read that have no figures for some indicators of the
    period (or of the year to date), with those indicators' ids."""
    out = []
    for c in r.communes:
        if not c.ok:
            continue
        absent = [f.indicator_id for f in c.figures.values() if f.state == "no-data"]
        if absent:
            out.append((c, absent))
    return out


def _behind_list(p: PooledIndicator, limit: int | None) -> str:
    shown = p.behind if limit is None else p.behind[:limit]
    names = [f"{commune_label(c)} {_pct(f, p.unit)}" for c, f in shown]
    if limit is not None and len(p.behind) > limit:
        names.append(f"và {len(p.behind) - limit} xã khác")
    return "; ".join(names)


def _pct(f: CommuneFigure, unit: str) -> str:
    if f.actual is None:
        return "—"
    return fmt.amount(f.actual, unit)


def _fit(text: str, width: int, *, right: bool = False, keep_end: bool = False) -> str:
    """``text`` in exactly ``width`` cells: padded, or cut with "…" (at the start for paths)."""
    from rich.cells import cell_len, set_cell_size

    if cell_len(text) > width:
        if keep_end:
            cut = text
            while cell_len(cut) > width - 1:
                cut = cut[1:]
            text = "…" + cut
        else:
            text = set_cell_size(text, max(width - 1, 0)) + "…"
    pad = " " * max(width - cell_len(text), 0)
    return pad + text if right else text + pad


def _print_columns(
    console: Console,
    headers: Sequence[str],
    rows: Sequence[Sequence[tuple[str, str]]],
    *,
    right: Sequence[int],
    flex: Sequence[int],
    keep_end: Sequence[int] = (),
    below: int | None = None,
    after: Sequence[tuple[str, str]] = (),
) -> None:
    """A plain table fitted to the terminal: the flexible columns shrink, the figures never do.
    If the last column ``below`` would be left fewer than ``BELOW_UNDER`` cells, its text goes
    on a line of its own under each row instead of being cut to a few letters."""
    from rich.cells import cell_len
    from rich.text import Text

    if below is not None and below == len(headers) - 1:
        natural_below = max([cell_len(headers[below]), *(cell_len(r[below][0]) for r in rows)])
        others = [
            max([cell_len(headers[i]), *(cell_len(r[i][0]) for r in rows)]) for i in range(below)
        ]
        room = console.width - 1 - sum(others) - 2 * below
        if room < min(natural_below, BELOW_UNDER):
            _print_columns(
                console,
                headers[:below],
                [r[:below] for r in rows],
                right=right,
                flex=[i for i in flex if i != below],
                keep_end=keep_end,
                after=[r[below] for r in rows],
            )
            return
    n = len(headers)
    natural = [max([cell_len(headers[i]), *(cell_len(r[i][0]) for r in rows)]) for i in range(n)]
    widths = list(natural)
    fixed = sum(w for i, w in enumerate(widths) if i not in flex) + 2 * (n - 1)
    room = console.width - 1 - fixed
    left = sorted(flex, key=lambda i: natural[i])
    while left:  # the narrowest take what they need; the rest share what is left
        i = left.pop(0)
        widths[i] = max(min(natural[i], room // (len(left) + 1)), min(natural[i], 10))
        room -= widths[i]
    gap = "  "
    head = gap.join(_fit(h, widths[i], right=i in right) for i, h in enumerate(headers))
    console.print(Text(head.rstrip(), style="bold"), no_wrap=True, overflow="crop")
    for k, r in enumerate(rows):
        line = Text()
        for i, (cell, style) in enumerate(r):
            if i:
                line.append(gap)
            line.append(
                _fit(cell, widths[i], right=i in right, keep_end=i in keep_end), style=style
            )
        line.rstrip()
        console.print(line, no_wrap=True, overflow="crop")
        if after:
            text, style = after[k]
            console.print(
                Text(BELOW_INDENT + fmt.shorten(text, console.width - len(BELOW_INDENT) - 1)),
                style=style,
                no_wrap=True,
                overflow="crop",
            )


def print_rollup(console: Console, r: Rollup) -> None:
    _print_rollup(console, r)
    from kstthc_cli.render.rollup_dossiers import print_dossiers

    print_dossiers(console, r)


def _print_rollup(console: Console, r: Rollup) -> None:
    from rich.table import Table
    from rich.text import Text

    from kstthc_cli.render.views import STATE_STYLE

    console.print(Text(title(r), style="bold"))
    ok = [c for c in r.communes if c.ok]
    console.print(
        f"{len(ok)} xã tổng hợp được · [bold red]{len(r.broken)} xã dữ liệu có lỗi (bỏ qua)[/]"
        if r.broken
        else f"{len(ok)} xã tổng hợp được"
    )
    console.print()
    console.print(Text("CHỈ TIÊU GỘP CÁC XÃ", style="bold"))
    console.print(
        Text(
            "Tỷ lệ = Σ tử số / Σ mẫu số của các xã; chỉ tiêu nhập thẳng giá trị lấy trung bình "
            "các xã. So với chỉ tiêu Trung ương (TW).",
            style="dim",
        )
    )
    rows: list[list[tuple[str, str]]] = []
    for p in r.indicators:
        rate = fmt.amount(p.actual, p.unit)
        counts = fmt.ratio(p.numerator, p.denominator) if p.denominator else _method_words(p)
        rows.append(
            [
                (p.id, ""),
                (rate, "bold"),
                (counts, ""),
                (target_text(p), ""),
                (fmt.STATE_WORDS[p.state], STATE_STYLE[p.state]),
                (f"{len(p.behind)}/{p.communes}", "bold red" if p.behind else ""),
                (p.name, "dim"),
            ]
        )
    if rows:
        _print_columns(
            console,
            ["Số", "Gộp", "Tử số/Mẫu số", "Mục tiêu TW", "Đánh giá", "Xã chưa đạt", "Chỉ tiêu"],
            rows,
            right=(0, 1, 2, 3, 5),
            flex=(6,),
            below=6,
        )
    else:
        console.print(Text("  (không có)", style="dim"))

    console.print()
    console.print(Text("CÁC XÃ", style="bold"))
    rows = []
    for i, c in enumerate(r.communes, start=1):
        if c.ok:
            unmet = [f.indicator_id for f in c.figures.values() if f.state == "not-met"]
            rows.append(
                [
                    (str(i), ""),
                    (commune_label(c), ""),
                    (str(c.overdue), "bold red" if c.overdue else ""),
                    (", ".join(unmet) if unmet else "—", ""),
                    (c.shown, "dim"),
                ]
            )
        else:
            rows.append(
                [
                    (str(i), ""),
                    (commune_label(c), ""),
                    ("lỗi", "bold red"),
                    (f"dữ liệu có {c.errors} lỗi, không tính", "bold red"),
                    (c.shown, "dim"),
                ]
            )
    _print_columns(
        console,
        ["STT", "Xã", "Quá hạn", "Chỉ tiêu chưa đạt", "Thư mục"],
        rows,
        right=(0, 2),
        flex=(1, 3, 4),
        keep_end=(4,),
    )

    behind = [p for p in r.indicators if p.behind]
    if behind:
        console.print()
        console.print(Text("XÃ CHƯA ĐẠT CHỈ TIÊU GIAO", style="bold"))
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True, justify="right")
        grid.add_column(overflow="fold")
        for p in behind:
            grid.add_row(f"  CT {p.id}", f"({len(p.behind)} xã) {_behind_list(p, NAMED_BEHIND)}")
        console.print(grid)

    _print_left_out(console, r)
    heading, gaps = missing_lines(r, NAMED_BEHIND)
    if gaps:
        console.print()
        console.print(Text(heading, style="bold"))
        for line in gaps:
            console.print(Text("  " + line), width=max(console.width - 1, 20))

    errors = [(c, prob) for c, prob in r.problems if prob.is_error]
    warnings = len(r.problems) - len(errors) - len(r.left_out)
    if errors:
        console.print()
        console.print(Text("DỮ LIỆU CÓ LỖI (các xã này không được tính)", style="bold red"))
        shown: dict[str, int] = {}
        for c, prob in errors:
            seen = shown.get(c.shown, 0)
            shown[c.shown] = seen + 1
            if seen == 0 and named(c):  # an unnamed folder: its problem names it, once
                console.print(Text(f"[{commune_label(c)} · {c.shown}]", style="bold"))
            if seen < ERRORS_SHOWN:
                console.print(render(prob), markup=False)
            elif seen == ERRORS_SHOWN:
                console.print(
                    f"… và {c.errors - ERRORS_SHOWN} lỗi khác: kstthc check --data {c.shown}",
                    markup=False,
                )
    if warnings or r.acknowledged:
        console.print()
        told = f" ({acknowledged_words(r.acknowledged)})" if r.acknowledged else ""
        console.print(
            Text(
                f"Có {warnings} cảnh báo trong dữ liệu các xã{told} (xem bằng --json hoặc "
                "'kstthc check --data <thư mục xã>').",
                style="dim",
            )
        )


def _md_cell(text: object) -> str:
    from kstthc_cli.render.report_md import md_text

    return md_text(str(text), cell=True)


def to_markdown(r: Rollup) -> str:
    """The same views as Markdown tables, every commune named."""
    lines = [f"# {_md_cell(title(r))}", ""]
    ok = sum(1 for c in r.communes if c.ok)
    lines.append(
        f"{ok} xã tổng hợp được; {len(r.broken)} xã dữ liệu có lỗi, không được tính. "
        "Chỉ tiêu tỷ lệ gộp bằng Σ tử số / Σ mẫu số của các xã (không lấy trung bình các tỷ "
        "lệ); chỉ tiêu nhập thẳng giá trị (như mức độ hài lòng) lấy trung bình cộng giá trị các "
        "xã. Mỗi xã so với chỉ tiêu giao của xã; số gộp so với chỉ tiêu Trung ương."
    )
    lines += ["", "## Chỉ tiêu gộp các xã", ""]
    lines.append(
        "| Số | Chỉ tiêu | Tử số | Mẫu số | Tỷ lệ | Mục tiêu TW | Đánh giá | Xã chưa đạt |"
    )
    lines.append("|---:|---|---:|---:|---:|---:|---|---:|")
    for p in r.indicators:
        rate = fmt.amount(p.actual, p.unit)
        if p.method in ("mean", "sum") and p.actual is not None:
            rate += f" ({'trung bình' if p.method == 'mean' else 'tổng'} {p.communes} xã)"
        lines.append(
            f"| {_md_cell(p.id)} | {_md_cell(p.name)} | {_opt(p.numerator)} | "
            f"{_opt(p.denominator)} | "
            f"{rate} | {target_text(p)} | {fmt.STATE_WORDS[p.state]} | "
            f"{len(p.behind)}/{p.communes} |"
        )
    ids = [p.id for p in r.indicators]
    codes = [p.code for p in r.indicators]
    units = {p.code: p.unit for p in r.indicators}
    lines += ["", "## Các xã", ""]
    lines.append(
        "| STT | Xã | Thư mục | Việc quá hạn | "
        + " | ".join(f"CT {_md_cell(i)}" for i in ids)
        + " |"
    )
    lines.append("|---:|---|---|---:|" + "---:|" * len(ids))
    for n, c in enumerate(r.communes, start=1):
        if c.ok:
            cells = []
            for code in codes:
                f = c.figures.get(code)
                cells.append("" if f is None else _pct(f, units[code]) + _mark(f))
            lines.append(
                f"| {n} | {_md_cell(commune_label(c))} | {_md_cell(c.shown)} | {c.overdue} | "
                + " | ".join(cells)
                + " |"
            )
        else:
            lines.append(
                f"| {n} | {_md_cell(commune_label(c))} | {_md_cell(c.shown)} | "
                f"dữ liệu có {c.errors} lỗi |" + " |" * len(ids)
            )
    lines += ["", "(*) chưa đạt chỉ tiêu giao của xã.", "", "## Xã chưa đạt chỉ tiêu giao", ""]
    behind = [p for p in r.indicators if p.behind]
    for p in behind:
        lines.append(
            f"- **CT {_md_cell(p.id)}** ({len(p.behind)} xã): {_md_cell(_behind_list(p, None))}"
        )
    if not behind:
        lines.append("Không có.")
    lines += _left_out_lines(r)
    heading, _ = missing_lines(r, None)
    lines += ["", f"## {heading[0]}{heading[1:].lower()}", ""]
    gaps = missing(r)
    if gaps:
        lines.append("| Xã | Thư mục | Thiếu | Số CT chưa có số liệu | Các CT chưa có số liệu |")
        lines.append("|---|---|---|---:|---|")
        for c, absent in gaps:
            whole = "cả kỳ" if len(absent) == len(c.figures) else "một phần"
            lines.append(
                f"| {_md_cell(commune_label(c))} | {_md_cell(c.shown)} | {whole} | "
                f"{len(absent)}/{len(c.figures)} | {_md_cell(', '.join(absent))} |"
            )
    else:
        lines.append("Không có: mọi xã đọc được đều có đủ số liệu.")
    lines += ["", "## Lỗi và cảnh báo trong dữ liệu", ""]
    if r.problems:
        lines.append("| Xã | Tệp | Dòng | Mức | Mã | Nội dung |")
        lines.append("|---|---|---:|---|---|---|")
        for c, prob in r.problems:
            sev = "lỗi" if prob.is_error else "cảnh báo"
            lines.append(
                f"| {_md_cell(commune_label(c))} | {_md_cell(prob.file)} | {_opt(prob.line)} | "
                f"{sev} | {_md_cell(prob.code)} | {_md_cell(prob.message)} |"
            )
    else:
        lines.append("Không có.")
    if r.acknowledged:
        lines += [
            "",
            f"Ngoài ra: {acknowledged_words(r.acknowledged)} trong dữ liệu các xã (chỉ đếm).",
        ]
    lines += _dossier_lines(r)
    return "\n".join(lines) + "\n"


LEFT_OUT_TITLE = "CHỈ TIÊU KHÔNG GỘP ĐƯỢC (không tính vào số gộp)"


def _print_left_out(console: Console, r: Rollup) -> None:
    """The communes' indicators pooled with nothing, each with its place and reason."""
    from rich.text import Text

    if not r.left_out:
        return
    console.print()
    console.print(Text(LEFT_OUT_TITLE, style="bold"))
    for c, prob in r.left_out:
        where = f"{prob.file}:{prob.line}" if prob.line is not None else prob.file
        line = Text(f"  {commune_label(c)} · ", style="bold")
        line.append(f"{prob.message} ({where})")
        console.print(line, overflow="fold")


def _left_out_lines(r: Rollup) -> list[str]:
    if not r.left_out:
        return []
    lines = ["", "## Chỉ tiêu không gộp được", ""]
    lines.append("| Xã | Tệp | Dòng | Lý do |")
    lines.append("|---|---|---:|---|")
    for c, prob in r.left_out:
        lines.append(
            f"| {_md_cell(commune_label(c))} | {_md_cell(prob.file)} | {_opt(prob.line)} | "
            f"{_md_cell(prob.message)} |"
        )
    return lines


def _dossier_lines(r: Rollup) -> list[str]:
    from kstthc_cli.render.rollup_dossiers import markdown_dossiers

    return markdown_dossiers(r, commune_label)


def _opt(x: int | None) -> str:
    return "—" if x is None else str(x)


def _mark(f: CommuneFigure) -> str:
    return " (*)" if f.state == "not-met" else ""
