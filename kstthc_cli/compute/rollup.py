"""Many communes in one view (tổng hợp nhiều xã), for the province.

Each commune's folder is loaded and judged on its own, then pooled: a ratio indicator across
communes is Σnumerator / Σdenominator, never an average of percentages. An indicator entered as
a value (satisfaction, a survey result) has no counts to pool: the rollup shows the plain mean of
the communes' values and says so (``method: "mean"``); a count (unit other than ``%``) is the
communes' sum (``method: "sum"``). Each commune is judged against its own
assigned target; the pooled figure against the central target. A folder with any error is
reported under problems and left out of the pooled figures; the others are still rolled up.

Communes are pooled by indicator, not by number: each indicator is the national catalogue's
entry its ``code`` names (``load.catalogue``), or, without a code, the entry its name is. An
indicator that is no entry, or is measured otherwise than its entry (measure or unit), is
reported (``Rollup.left_out``, a ``rollup-left-out`` warning) and pooled with nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Any

from kstthc_cli import messages
from kstthc_cli.compute import periods
from kstthc_cli.compute.dossiers import CommuneDossiers, commune_dossiers, dossiers_json
from kstthc_cli.compute.evaluate import YearState, evaluate_year
from kstthc_cli.compute.indicators import Figure, IndicatorState, meets, round2
from kstthc_cli.compute.targets import target_json
from kstthc_cli.errors import KstthcError, UsageError
from kstthc_cli.load.models import Indicator
from kstthc_cli.load.pack import PackProblem, is_pack, load_source, source_years
from kstthc_cli.load.workspace import Workspace, check_plan_year
from kstthc_cli.load.yamlio import display_path, gc_paused
from kstthc_cli.messages import said
from kstthc_cli.problems import Problem


@dataclass(frozen=True)
class CommuneFigure:
    """One commune's figure for one indicator, judged against the commune's assigned target."""

    #: the commune's own number of the indicator (its appendix's)
    indicator_id: str
    numerator: int | None
    denominator: int | None
    value: float | None
    actual: float | None
    target: float
    state: IndicatorState
    #: the catalogue code the indicator is pooled under
    code: str = ""


@dataclass(frozen=True)
class PoolMeta:
    """What a pooled indicator is shown with: the first commune's number, name and central
    target, the catalogue's unit and measure."""

    id: str
    name: str
    unit: str
    op: str
    central: float
    measure: str


@dataclass
class Commune:
    """One commune's folder (thư mục dữ liệu của một xã) as the rollup saw it."""

    dir: Path
    shown: str
    name: str
    place: str | None = None
    ok: bool = False
    errors: int = 0
    #: the warnings the commune has not acknowledged (listed under the rollup's problems)
    warnings: int = 0
    #: the warnings it acknowledged in its data (``acknowledge: [code]``): only counted, as
    #: ``check`` does
    acknowledged: int = 0
    overdue: int = 0
    due_soon: int = 0
    done: int = 0
    #: catalogue code → the commune's figure
    figures: dict[str, CommuneFigure] = field(default_factory=dict)
    #: The commune's dossier table from its figures file (``compute.dossiers``), if any.
    dossiers: CommuneDossiers | None = None
    #: Each quarter begun by the day judged → each indicator's own figure in it (only when the
    #: rollup is asked ``by_period``: the workbook's long sheet).
    by_period: dict[str, dict[str, CommuneFigure]] = field(default_factory=dict)


@dataclass(frozen=True)
class PooledIndicator:
    """One indicator across communes, with the communes behind their target."""

    id: str  # the first commune's number of it
    name: str
    unit: str
    op: str
    central: float
    method: str  # "pooled" (Σnum/Σden), "mean" (percentages entered directly), "sum" (counts)
    numerator: int | None
    denominator: int | None
    actual: float | None
    state: IndicatorState
    communes: int  # with data
    behind: list[tuple[Commune, CommuneFigure]]
    no_data: list[Commune]
    #: the catalogue code the communes' indicators are pooled by
    code: str = ""


@dataclass
class Rollup:
    """Everything the views print: the communes as loaded, the pooled indicators, the problems."""

    year: int
    as_of: date
    period: str | None
    communes: list[Commune]
    indicators: list[PooledIndicator]
    problems: list[tuple[Commune, Problem]]
    #: The communes' indicators pooled with nothing (no catalogue entry, or measured
    #: otherwise), each a ``rollup-left-out`` warning located in the commune's file; they are
    #: among ``problems`` too.
    left_out: list[tuple[Commune, Problem]] = field(default_factory=list)

    @property
    def broken(self) -> list[Commune]:
        return [c for c in self.communes if not c.ok]

    @property
    def acknowledged(self) -> int:
        """The warnings the communes acknowledged in their data: counted, never listed."""
        return sum(c.acknowledged for c in self.communes)

    @property
    def period_label(self) -> str | None:
        return None if self.period is None else periods.label(self.period, self.year)


def expand(args: Sequence[Path]) -> list[Path]:
    """Folder patterns such as ``xa-*`` expanded here too (packs ``*.zip`` as well), since
    Windows shells do not; a folder named twice (overlapping patterns) is counted once."""
    out: list[Path] = []
    seen: set[Path] = set()
    for a in args:
        text = str(a)
        found = [a]
        if not a.exists() and any(ch in text for ch in "*?["):
            base = Path(a.anchor) if a.is_absolute() else Path()
            pattern = str(a.relative_to(a.anchor)) if a.is_absolute() else text
            found = sorted(p for p in base.glob(pattern) if p.is_dir() or is_pack(p)) or [a]
        for p in found:
            key = p.resolve()
            if key not in seen:
                seen.add(key)
                out.append(p)
    return out


def rollup(
    dirs: Sequence[Path],
    *,
    year: int | None,
    as_of: date | None,
    today: date,
    period: str | None = None,
    progress: Callable[[Path], None] | None = None,
    by_period: bool = False,
) -> Rollup:
    """Load, evaluate and pool every commune, all for the one plan year ``rollup_year`` picks;
    ``period``: a period id (only its figures); ``by_period``: also each quarter's own figures
    (``Commune.by_period``)."""
    from kstthc_cli.compute.status import effective_as_of

    chosen = rollup_year(folder_years(dirs), year, as_of or today)
    pid = period
    day, _ = effective_as_of(chosen, as_of, today)
    communes: list[Commune] = []
    problems: list[tuple[Commune, Problem]] = []
    left_out: list[tuple[Commune, Problem]] = []
    names: dict[str, PoolMeta] = {}  # catalogue code → how the pooled indicator is shown
    # The cyclic collector is paused over the communes: each commune's parsed trees die by
    # reference count once it is judged (a collection over 1,000 communes found 5 objects), and
    # collections would rescan every commune's results kept so far, again and again.
    with gc_paused():
        for d in dirs:
            commune, found_problems, unpooled = _commune(d, chosen, day, pid, names, by_period)
            communes.append(commune)
            problems.extend((commune, p) for p in [*found_problems, *unpooled])
            left_out.extend((commune, p) for p in unpooled)
            if progress is not None:
                progress(d)
    pooled = [_pool(code, meta, communes) for code, meta in names.items()]
    return Rollup(chosen, day, pid, communes, pooled, problems, left_out)


def folder_years(dirs: Sequence[Path]) -> list[int]:
    """The plan years any of the folders holds, in order."""
    return sorted({y for d in dirs for y in source_years(d)})


def rollup_year(have: Sequence[int], year: int | None, day: date) -> int:
    """The one plan year every commune is judged for, so that years are never mixed: ``--year``;
    else the year of the day judged by (``--as-of``, or today) when any folder has that year's
    plan; else the latest year any folder has. ``have``: the plan years the folders hold. A
    commune without that year's plan is reported as broken, never judged on another year."""
    if year is not None:
        check_plan_year(year)  # a year no commune can have (20250, 0) is a usage error
        return year
    if not have:
        raise UsageError(said("usage/rollup-no-plan"), about="rollup-year")
    return day.year if day.year in have else max(have)


def _commune(
    d: Path,
    year: int,
    day: date,
    pid: str | None,
    names: dict[str, PoolMeta],
    by_period: bool = False,
) -> tuple[Commune, list[Problem], list[Problem]]:
    """The commune as loaded and judged, its problems, and its indicators left out."""
    commune = Commune(dir=d, shown=display_path(d), name=d.name or str(d))
    try:
        ws, problems = load_source(d, year)
    except PackProblem as exc:  # a damaged, unsafe or altered pack: left out, said where
        commune.errors = 1
        return commune, [exc.problem], []
    except KstthcError as exc:  # the folder is missing, is a file, or has no plan of that year
        commune.errors = 1
        return commune, [_unusable(commune.shown, d, year, exc)], []
    commune.acknowledged = sum(1 for p in problems if p.acknowledged)
    problems = [p for p in problems if not p.acknowledged]
    commune.errors = sum(1 for p in problems if p.is_error)
    commune.warnings = len(problems) - commune.errors
    if ws is not None:
        commune.name, commune.place = ws.plan.issuing_body, ws.plan.place
    if ws is None or commune.errors:
        return commune, problems, []
    commune.ok = True
    return commune, problems, _judge_commune(commune, ws, day, pid, names, by_period)


def pool_code(ind: Indicator) -> tuple[str | None, str]:
    """The catalogue code ``ind`` is pooled under, or ``None`` and why it cannot be pooled."""
    from kstthc_cli.load.catalogue import catalogue, differs

    entry = catalogue().match(ind)
    if entry is None:
        if ind.code is not None:
            return None, messages.text("rollup-left-out/code-unknown", code=ind.code)
        return None, messages.text("rollup-left-out/no-code")
    what = differs(ind, entry)
    if what == "measure":
        words = {"ratio": "tử số/mẫu số", "value": "nhập thẳng giá trị"}
        return None, messages.text(
            "rollup-left-out/measure",
            measure=words[ind.measure],
            theirs=words[entry.measure],
            code=entry.code,
        )
    if what == "unit":
        return None, messages.text(
            "rollup-left-out/unit", unit=ind.unit, theirs=entry.unit, code=entry.code
        )
    return entry.code, ""


def left_out_problem(ws: Workspace, index: int, ind: Indicator, why: str) -> Problem:
    """A commune's indicator pooled with nothing, located at it in the commune's file."""
    return ws.docs["indicators"].problem(
        ["indicators", index, "id"],
        said("rollup-left-out", indicator=ind.id, name=ind.name, why=why),
        severity="warning",
    )


def _unusable(shown: str, d: Path, year: int, exc: KstthcError) -> Problem:
    """Why a folder could not be read at all, said without naming it again (the problem's
    place already does)."""
    if d.is_dir():
        words = said("file-missing/rollup-year", year=year, hint=exc.hint)
    else:
        words = said("folder-missing/rollup-file" if d.exists() else "folder-missing/rollup")
    return Problem.of(shown, None, None, words)


def _judge_commune(
    commune: Commune,
    ws: Workspace,
    day: date,
    pid: str | None,
    names: dict[str, PoolMeta],
    by_period: bool = False,
) -> list[Problem]:
    """Judges the commune into ``commune``; returns its indicators left out of the pool."""
    state = evaluate_year(ws, as_of=day)
    codes = [pool_code(i.indicator) for i in state.indicators]  # in the plan's order
    if by_period:
        commune.by_period = _period_figures(state, day, [code for code, _ in codes])
    commune.dossiers = commune_dossiers(ws, state.calendar, day, pid)
    for t in state.tasks:
        if t.state == "overdue":
            commune.overdue += 1
        elif t.state == "due-soon":
            commune.due_soon += 1
        elif t.state == "done":
            commune.done += 1
    if pid is None:
        judged = [(i.indicator, i.status.ytd, i.target.assigned, i.state) for i in state.indicators]
    else:
        judged = [
            (p.indicator, p.figure or Figure(), p.target.assigned, p.state)
            for p in state.own_in(pid)
        ]
    left_out: list[Problem] = []
    for index, ((ind, f, target, verdict), (code, why)) in enumerate(
        zip(judged, codes, strict=True)
    ):
        if code is None or code in commune.figures:
            why = why or messages.text("rollup-left-out/taken", code=code)
            left_out.append(left_out_problem(ws, index, ind, why))
            continue
        meta = PoolMeta(ind.id, ind.name, ind.unit, ind.target.op, ind.target.value, ind.measure)
        names.setdefault(code, meta)
        commune.figures[code] = CommuneFigure(
            ind.id, f.numerator, f.denominator, f.value, f.percent, target, verdict, code
        )
    return left_out


def _period_figures(
    state: YearState, day: date, codes: Sequence[str | None]
) -> dict[str, dict[str, CommuneFigure]]:
    """Each quarter begun by ``day`` (by the plan's cut-off windows): every pooled indicator's
    own figure in it (by catalogue code; ``codes``: each indicator's, in the plan's order),
    judged against the commune's assigned target."""
    out: dict[str, dict[str, CommuneFigure]] = {}
    for rp in state.periods:
        if rp.id not in periods.QUARTERS or rp.start > day:
            continue
        here = out[rp.id] = {}
        for p, code in zip(state.own_in(rp.id), codes, strict=True):
            if code is None or code in here:
                continue  # left out of the pool (said once, by the year's judgment)
            f = p.figure or Figure()
            here[code] = CommuneFigure(
                p.indicator.id, f.numerator, f.denominator, f.value, f.percent,
                p.target.assigned, p.state, code,
            )  # fmt: skip
    return out


def _pool(code: str, meta: PoolMeta, communes: list[Commune]) -> PooledIndicator:
    name, unit, op, central = meta.name, meta.unit, meta.op, meta.central
    figures = [(c, c.figures[code]) for c in communes if c.ok and code in c.figures]
    with_data = [(c, f) for c, f in figures if f.state not in ("no-data", "none")]
    behind = [(c, f) for c, f in with_data if f.state == "not-met"]
    no_data = [c for c, f in figures if f.state == "no-data"]
    values = [f.value for _, f in with_data if f.value is not None]
    num = sum(f.numerator or 0 for _, f in with_data if f.denominator)
    den = sum(f.denominator or 0 for _, f in with_data if f.denominator)
    exact: Fraction | None
    if den:
        method, exact = "pooled", Fraction(100 * num, den)
    elif values:
        method, exact = pool_values(values, unit)
    else:
        method, exact = ("mean" if any(f.value is not None for _, f in figures) else "pooled"), None
    state: IndicatorState = "no-data"
    if exact is not None:
        state = "met" if meets(exact, op, central) else "not-met"
    return PooledIndicator(
        code=code,
        id=meta.id,
        name=name,
        unit=unit,
        op=op,
        central=central,
        method=method,
        numerator=num if den else None,
        denominator=den if den else None,
        actual=None if exact is None else round2(exact),
        state=state,
        communes=len(with_data),
        behind=behind,
        no_data=no_data,
    )


def pool_values(values: Sequence[float], unit: str) -> tuple[str, Fraction]:
    """Values entered directly, across communes: counts (dialogues held, procedures in
    competence) add up (``sum``); a percentage entered as such (satisfaction) has no counts to
    pool, so the plain mean is taken and said to be one (``mean``)."""
    total = sum((Fraction(str(v)) for v in values), Fraction(0))
    if unit.strip() != "%":
        return "sum", total
    return "mean", total / len(values)


# ---------------------------------------------------------------- JSON (stable, for scripts)


def _n(x: float | None) -> float | int | None:
    if x is None:
        return None
    return int(x) if float(x).is_integer() else x


def commune_json(c: Commune, kinds: dict[str, tuple[str, str]] | None = None) -> dict[str, Any]:
    """One commune; ``kinds``: each indicator's operator and unit (for its targets' shape)."""
    kinds = kinds or {}

    def target(f: CommuneFigure) -> dict[str, Any]:
        op, unit = kinds.get(f.code, (">=", "%"))
        return target_json(op, f.target, unit)

    return {
        "dir": str(c.dir),
        "name": c.name,
        "place": c.place,
        "ok": c.ok,
        "errors": c.errors,
        "warnings": c.warnings,
        "acknowledged": c.acknowledged,
        "overdue": c.overdue if c.ok else None,
        "due_soon": c.due_soon if c.ok else None,
        "indicators": [
            {
                "id": f.indicator_id,
                "code": f.code,
                "numerator": f.numerator,
                "denominator": f.denominator,
                "value": f.value,
                "actual": f.actual,
                "target": target(f),
                "state": f.state,
            }
            for f in c.figures.values()
        ],
    }


def indicator_json(p: PooledIndicator) -> dict[str, Any]:
    return {
        "id": p.id,
        "code": p.code,
        "name": p.name,
        "unit": p.unit,
        "method": p.method,
        "numerator": p.numerator,
        "denominator": p.denominator,
        "actual": p.actual,
        "target": target_json(p.op, p.central, p.unit),
        "state": p.state,
        "communes": p.communes,
        "behind": [
            {
                "dir": str(c.dir),
                "name": c.name,
                "actual": f.actual,
                "target": target_json(p.op, f.target, p.unit),
            }
            for c, f in p.behind
        ],
        "no_data": [str(c.dir) for c in p.no_data],
    }


def left_out_json(r: Rollup) -> list[dict[str, Any]]:
    """The communes' indicators pooled with nothing: where, and why (the problem's words)."""
    return [{**p.as_json(), "commune": c.name, "dir": str(c.dir)} for c, p in r.left_out]


def rollup_json(r: Rollup) -> dict[str, Any]:
    kinds = {p.code: (p.op, p.unit) for p in r.indicators}
    return {
        "year": r.year,
        "as_of": r.as_of.isoformat(),
        "period": r.period,
        "communes": [commune_json(c, kinds) for c in r.communes],
        "indicators": [indicator_json(p) for p in r.indicators],
        "problems": [{**p.as_json(), "commune": c.name, "dir": str(c.dir)} for c, p in r.problems],
        "left_out": left_out_json(r),
        "dossiers": dossiers_json(r),
    }
