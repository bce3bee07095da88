"""The dossier table across communes (bảng hồ sơ tổng hợp các xã), for the rollup.

Each commune's figures file gives, over the periods the rollup looks at, its counts of the
Biểu 06 table by field, pooled as ``compute.figures`` pools them (flows summed, the carried-over
stock of the first period, the in-progress stocks of the last). The province's table is the sum
of the communes' counts; a derived indicator across communes is recomputed from the summed
counts (Σ numerators / Σ denominators), never an average of the communes' rates.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from kstthc_cli.compute import figures as figs
from kstthc_cli.compute import periods
from kstthc_cli.compute.indicators import IndicatorState, meets, round2, select_ytd
from kstthc_cli.compute.schedule import YearCalendar
from kstthc_cli.load.models import IndicatorRecord
from kstthc_cli.load.workspace import Workspace

if TYPE_CHECKING:
    from kstthc_cli.compute.rollup import Commune, Rollup
    from kstthc_cli.load.figures_model import Figures, FiguresPeriod  # a folder's figures only

#: The table's counts in column order (3 … 13), as formula names.
COLUMNS: tuple[str, ...] = tuple(f"dossiers.{a}.{b}" for a, b in figs.ROW_COUNTS)
#: Short Vietnamese headers of the columns, for tables.
HEADERS: tuple[str, ...] = (
    "(3) Tổng nhận",
    "(4) Trực tuyến",
    "(5) Trực tiếp, BCCI",
    "(6) Kỳ trước chuyển sang",
    "(7) Tổng đã giải quyết",
    "(8) Trước hạn",
    "(9) Đúng hạn",
    "(10) Quá hạn",
    "(11) Tổng đang giải quyết",
    "(12) Trong hạn",
    "(13) Quá hạn",
)

Counts = tuple[int | None, ...]  # one value per column of ``COLUMNS``


@dataclass(frozen=True)
class CommuneDossiers:
    """One commune's table over ``periods``: by field, its total, and its derived indicators'
    numerator and denominator (indicator id → (num, den)) from the same counts."""

    periods: tuple[str, ...]
    fields: tuple[tuple[str, Counts], ...]
    total: Counts
    derived: dict[str, tuple[int, int]] = field(default_factory=dict)
    #: indicator id → its formula's (numerator, denominator) count names.
    formulas: dict[str, tuple[str, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class DerivedPooled:
    """A derived indicator across communes, from the summed counts."""

    id: str
    name: str
    unit: str
    numerator_text: str
    denominator_text: str
    numerator: int
    denominator: int
    actual: float | None
    op: str
    central: float
    state: IndicatorState
    communes: int


def chosen_periods(
    figures: Figures, cal: YearCalendar, as_of: date, pid: str | None
) -> tuple[str, ...]:
    """The periods of the figures file the rollup pools: those begun by ``as_of`` (inside
    ``pid`` if given), without overlap, a cumulative period replacing the ones it holds."""
    first, last = periods.SPANS[pid] if pid is not None else (1, 12)
    marks = [
        IndicatorRecord(indicator="_", period=p)
        for p in figs.by_period(figures)
        if first <= periods.SPANS[p][0] and periods.SPANS[p][1] <= last
    ]
    return tuple(p for p, _ in select_ytd(marks, cal, as_of, last))


def _only_field(figures: Figures, name: str) -> tuple[Figures, list[str]]:
    """The figures with only the rows of field ``name`` (the periods that have it)."""
    kept: list[FiguresPeriod] = []
    for fp in figures.periods:
        rows = [r for r in fp.dossiers if r.field.strip() == name and not figs.is_total_row(r)]
        if rows:
            kept.append(fp.model_copy(update={"dossiers": rows}))
    out = figures.model_copy(update={"periods": kept})
    return out, list(figs.by_period(out))


def _counts(figures: Figures, pids: Sequence[str]) -> Counts:
    return tuple(figs.pooled_count(figures, name, pids) for name in COLUMNS)


def commune_dossiers(
    ws: Workspace, cal: YearCalendar, as_of: date, pid: str | None
) -> CommuneDossiers | None:
    """A commune's dossier table for the rollup; ``None`` without a figures file or without
    figures for the periods looked at."""
    figures = ws.figures
    if figures is None:
        return None
    pids = chosen_periods(figures, cal, as_of, pid)
    if not pids:
        return None
    names: list[str] = []
    for fp in figures.periods:
        if figs.period_id(fp.period, figures.year) in pids:
            for r in fp.dossiers:
                if not figs.is_total_row(r) and r.field.strip() not in names:
                    names.append(r.field.strip())
    rows: list[tuple[str, Counts]] = []
    for name in names:
        only, have = _only_field(figures, name)
        rows.append((name, _counts(only, [p for p in pids if p in have])))
    derived: dict[str, tuple[int, int]] = {}
    formulas: dict[str, tuple[str, str]] = {}
    for ind in ws.indicators.indicators:
        nd = figs.derived_figure(figures, ind, pids)
        if nd is not None and ind.formula is not None:
            derived[ind.id] = nd
            formulas[ind.id] = (ind.formula.numerator, ind.formula.denominator)
    return CommuneDossiers(pids, tuple(rows), _counts(figures, pids), derived, formulas)


def add(rows: Sequence[Counts]) -> Counts:
    """Column sums over communes (or fields); a column no one gives stays ``None``."""
    out: list[int | None] = []
    for i in range(len(COLUMNS)):
        given = [r[i] for r in rows if r[i] is not None]
        out.append(sum(v for v in given if v is not None) if given else None)
    return tuple(out)


def province_by_field(r: Rollup) -> list[tuple[str, Counts]]:
    """Each field across the communes, in the order first seen."""
    by: dict[str, list[Counts]] = {}
    for c in r.communes:
        if c.ok and c.dossiers is not None:
            for name, counts in c.dossiers.fields:
                by.setdefault(name, []).append(counts)
    return [(name, add(rows)) for name, rows in by.items()]


def province_total(r: Rollup) -> Counts | None:
    totals = [c.dossiers.total for c in r.communes if c.ok and c.dossiers is not None]
    return add(totals) if totals else None


def province_derived(r: Rollup) -> list[DerivedPooled]:
    """Each derived indicator across communes: Σ numerators / Σ denominators of the counts."""
    from kstthc_cli.compute.indicators import Figure

    out: list[DerivedPooled] = []
    inds: dict[str, Commune] = {}
    for c in r.communes:
        if c.ok and c.dossiers is not None:
            for ind_id in c.dossiers.derived:
                inds.setdefault(ind_id, c)
    meta = {p.id: p for p in r.indicators}
    for ind_id, first in inds.items():
        pairs = [
            c.dossiers.derived[ind_id]
            for c in r.communes
            if c.ok and c.dossiers is not None and ind_id in c.dossiers.derived
        ]
        num, den = sum(n for n, _ in pairs), sum(d for _, d in pairs)
        exact = Figure(num, den).actual
        p = meta.get(ind_id)
        formula = first.dossiers.formulas.get(ind_id) if first.dossiers else None
        op, central = (p.op, p.central) if p is not None else (">=", 0.0)
        state: IndicatorState = "no-data"
        if exact is not None:
            state = "met" if meets(exact, op, central) else "not-met"
        out.append(
            DerivedPooled(
                id=ind_id,
                name=p.name if p is not None else ind_id,
                unit=p.unit if p is not None else "%",
                numerator_text=formula[0] if formula else "",
                denominator_text=formula[1] if formula else "",
                numerator=num,
                denominator=den,
                actual=None if exact is None else round2(exact),
                op=op,
                central=central,
                state=state,
                communes=len(pairs),
            )
        )
    return out


def _counts_json(counts: Counts) -> dict[str, int | None]:
    return {_key(name): v for name, v in zip(COLUMNS, counts, strict=True)}


def _key(column: str) -> str:
    """A column as a JSON key, snake_case: ``dossiers.received.total`` → ``received_total``."""
    return column.removeprefix("dossiers.").replace(".", "_")


def dossiers_json(r: Rollup) -> dict[str, Any]:
    """The rollup's ``dossiers`` key: each commune's table by field, the province's by field
    and in total, and the derived indicators from the summed counts."""
    communes = []
    for c in r.communes:
        if not c.ok or c.dossiers is None:
            continue
        d = c.dossiers
        communes.append(
            {
                "dir": str(c.dir),
                "name": c.name,
                "periods": list(d.periods),
                "fields": [{"field": f, **_counts_json(v)} for f, v in d.fields],
                "total": _counts_json(d.total),
                "derived": [
                    {"id": i, "numerator": n, "denominator": m} for i, (n, m) in d.derived.items()
                ],
            }
        )
    total = province_total(r)
    return {
        "columns": [_key(name) for name in COLUMNS],
        "communes": communes,
        "fields": [{"field": f, **_counts_json(v)} for f, v in province_by_field(r)],
        "total": None if total is None else _counts_json(total),
        "derived": [
            {
                "id": p.id,
                "numerator": p.numerator,
                "denominator": p.denominator,
                "actual": p.actual,
                "state": p.state,
                "communes": p.communes,
                "formula": {"numerator": p.numerator_text, "denominator": p.denominator_text},
            }
            for p in province_derived(r)
        ],
    }
