"""The indicators as a picture: each one's year to date against its target, quarter by quarter.

``chart_series`` reads the one evaluation (``YearState.indicators_in`` for each quarter: the year
to date up to that quarter's last month, judged against the assigned target); nothing is
computed again here. ``chart_png`` draws them as one small-multiples figure (a panel an
indicator) with matplotlib, imported only inside it: the Agg renderer, no pyplot, a fixed font
shipped with matplotlib (DejaVu Sans, which has every Vietnamese letter), a fixed size and no
metadata, so the same data gives the same bytes. matplotlib is the optional ``charts`` extra.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kstthc_cli.compute import periods
from kstthc_cli.errors import KstthcError
from kstthc_cli.messages import said
from kstthc_cli.render import textfmt

if TYPE_CHECKING:
    from kstthc_cli.compute.evaluate import YearState

QUARTERS = periods.QUARTERS
QUARTER_WORDS = {"Q1": "Quý I", "Q2": "Quý II", "Q3": "Quý III", "Q4": "Quý IV"}
COLUMNS = 3
#: One panel's size in inches and the resolution: the figure is COLUMNS × rows panels.
PANEL_IN = (2.6, 2.0)
TITLE_IN = 0.5
DPI = 120
FONT = "DejaVu Sans"
MET, NOT_MET, TARGET = "#2e7d32", "#c62828", "#000000"
#: How long a panel's subtitle (the indicator's name) may run, on two lines.
NAME_WIDTH = 70


@dataclass(frozen=True)
class Point:
    quarter: str
    label: str
    #: The year to date at the quarter's end (two decimals); None: no figure, or not shown.
    value: float | None
    met: bool
    #: The quarter has begun by the day and ends by the period charted.
    shown: bool = True


@dataclass(frozen=True)
class Series:
    id: str
    name: str
    unit: str
    target: float
    op: str
    points: tuple[Point, ...]


def chart_series(
    state: YearState, *, through: str | None = None, unit: str | None = None
) -> list[Series]:
    """Each indicator (of ``unit``, or all) with its year to date at the end of each quarter
    begun by the state's day and ending by ``through``'s last month (the whole year without)."""
    last_month = periods.SPANS[through][1] if through else 12
    wanted = {r.indicator.id for r in state.indicators_of(unit)}
    by_quarter = {
        q: {r.indicator.id: r for r in state.indicators_in(q)}
        for q in QUARTERS
        if periods.SPANS[q][1] <= last_month and state.calendar.period(q).start <= state.as_of
    }
    out: list[Series] = []
    for result in state.indicators:
        ind = result.indicator
        if ind.id not in wanted:
            continue
        points = []
        for q in QUARTERS:
            r = by_quarter.get(q, {}).get(ind.id)
            value = r.ytd.ytd.percent if r is not None else None
            met = r is not None and r.ytd.state == "met"
            points.append(Point(q, QUARTER_WORDS[q], value, met, q in by_quarter))
        out.append(
            Series(ind.id, ind.name, ind.unit, result.status.target, ind.target.op, tuple(points))
        )
    return out


def size_px(count: int) -> tuple[int, int]:
    """The picture's width and height in pixels for ``count`` indicators."""
    rows = max(math.ceil(count / COLUMNS), 1)
    return round(COLUMNS * PANEL_IN[0] * DPI), round((rows * PANEL_IN[1] + TITLE_IN) * DPI)


def _wrapped(text: str, width: int) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(textfmt.printable(text), width))


def _subtitle(name: str) -> str:
    return _wrapped(textfmt.shorten(name.rstrip(" ."), NAME_WIDTH), 38)


def chart_png(series: list[Series], title: str) -> bytes:
    """The figure as PNG bytes; raises ``KstthcError`` when matplotlib is not installed."""
    try:
        import matplotlib
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
    except ImportError:
        raise KstthcError(said("failed/no-matplotlib")) from None

    width, height = size_px(len(series))
    rows = max(math.ceil(len(series) / COLUMNS), 1)
    with matplotlib.rc_context({"font.family": FONT, "font.size": 7, "axes.titlesize": 7.5}):
        figure = Figure(figsize=(width / DPI, height / DPI), dpi=DPI, layout="constrained")
        FigureCanvasAgg(figure)
        axes = figure.subplots(rows, COLUMNS, squeeze=False)
        figure.suptitle(_wrapped(title, 90), fontsize=8.5, fontweight="bold")
        flat = list(axes.flat)
        for ax, s in zip(flat, series, strict=False):
            _panel(ax, s)
        for ax in flat[len(series) :]:
            ax.set_visible(False)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    return buffer.getvalue()


def _panel(ax: object, s: Series) -> None:
    from matplotlib.axes import Axes

    assert isinstance(ax, Axes)
    xs = list(range(len(s.points)))
    values = [p.value for p in s.points]
    percent = s.unit.strip() == "%"
    top = 100.0 if percent else max([s.target, *[v for v in values if v is not None]], default=1)
    ax.set_ylim(0, top * 1.18 or 1)
    ax.set_xlim(-0.6, len(xs) - 0.4)
    ax.set_xticks(xs, [p.label for p in s.points])
    ax.tick_params(length=2, pad=1.5)
    for x, p in zip(xs, s.points, strict=True):
        if p.value is None:
            if p.shown:  # begun, no figure yet
                ax.text(x, top * 0.04, "—", ha="center", va="bottom", color="#777777")
            continue
        ax.bar(x, p.value, width=0.6, color=MET if p.met else NOT_MET)
        ax.text(x, p.value + top * 0.02, textfmt.num(p.value), ha="center", va="bottom")
    ax.axhline(s.target, color=TARGET, linestyle="--", linewidth=0.8)
    sign = textfmt.OP_WORDS.get(s.op, s.op)
    ax.text(
        len(xs) - 0.45,
        s.target,
        f"mục tiêu {sign} {textfmt.num(s.target, 0 if float(s.target).is_integer() else 2)}",
        ha="right",
        va="bottom",
        fontsize=6,
    )
    ax.set_title(
        f"Chỉ tiêu {textfmt.printable(s.id)}\n{_subtitle(s.name)}",
        loc="left",
        pad=3,
    )
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def chart_title(state: YearState, through: str | None = None) -> str:
    """The figure's title: the year, up to which period, figures known on which day."""
    upto = f"hết {periods.LABELS[through]}, " if through else ""
    return (
        f"Chỉ tiêu năm {state.year}: lũy kế từ đầu năm theo quý so với mục tiêu "
        f"({upto}số liệu đến ngày {textfmt.d(state.as_of)})"
    )


def indicator_chart(
    state: YearState, *, through: str | None = None, unit: str | None = None
) -> bytes:
    """The PNG of ``state``'s indicators (of ``unit``) up to the end of period ``through``."""
    return chart_png(chart_series(state, through=through, unit=unit), chart_title(state, through))


def markdown_appendix(file_name: str, number: str) -> str:
    """The Markdown of the chart's appendix (numbered after the report's others), the image
    beside the ``.md`` file."""
    from urllib.parse import quote

    link = quote(file_name)  # a link, whatever the name holds (spaces, brackets, diacritics)
    return (
        f"\n## PHỤ LỤC {number}. BIỂU ĐỒ CHỈ TIÊU\n\n"
        f"![Biểu đồ chỉ tiêu: lũy kế theo quý so với mục tiêu]({link})\n"
    )
