"""Figures (số liệu) as counts: the count names formulas use, the table's arithmetic, pooling.

Pure functions over ``load.figures_model``. A period's dossier counts are the sum of its
field rows (a "Tổng cộng" row is derived and left out when rows are given). Pooled over
several periods, flows are summed, the carried-over stock is the first period's and the
in-progress stocks (and the procedures' counts, which are stocks) are the last period's.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from kstthc_cli.compute import periods
from kstthc_cli.load.text import closest

if TYPE_CHECKING:  # the figures models are imported only where a folder has figures
    from kstthc_cli.load.figures_model import DossierRow, Figures, FiguresPeriod
    from kstthc_cli.load.models import Indicator

Kind = Literal["flow", "opening", "closing"]

#: Every count a formula may name, with how it pools over periods and its Vietnamese label.
VOCABULARY: dict[str, tuple[Kind, str]] = {
    "dossiers.received.total": ("flow", "Hồ sơ nhận giải quyết: tổng số (cột 3)"),
    "dossiers.received.online": ("flow", "Hồ sơ nhận trực tuyến (cột 4)"),
    "dossiers.received.direct": ("flow", "Hồ sơ nhận trực tiếp, dịch vụ bưu chính (cột 5)"),
    "dossiers.received.carried_over": ("opening", "Hồ sơ từ kỳ trước chuyển sang (cột 6)"),
    "dossiers.resolved.total": ("flow", "Hồ sơ đã giải quyết: tổng số (cột 7)"),
    "dossiers.resolved.early": ("flow", "Hồ sơ giải quyết trước hạn (cột 8)"),
    "dossiers.resolved.on_time": ("flow", "Hồ sơ giải quyết đúng hạn (cột 9)"),
    "dossiers.resolved.late": ("flow", "Hồ sơ giải quyết quá hạn (cột 10)"),
    "dossiers.in_progress.total": ("closing", "Hồ sơ đang giải quyết: tổng số (cột 11)"),
    "dossiers.in_progress.within": ("closing", "Hồ sơ đang giải quyết trong hạn (cột 12)"),
    "dossiers.in_progress.overdue": ("closing", "Hồ sơ đang giải quyết quá hạn (cột 13)"),
    "complaints.received": ("flow", "Phản ánh, kiến nghị tiếp nhận"),
    "complaints.in_competence": ("flow", "Phản ánh, kiến nghị thuộc thẩm quyền"),
    "complaints.handled": ("flow", "Phản ánh, kiến nghị đã xử lý"),
    "complaints.on_time": ("flow", "Phản ánh, kiến nghị xử lý đúng hạn"),
    "complaints.in_progress": ("closing", "Phản ánh, kiến nghị đang xử lý"),
    "complaints.published": ("flow", "Kết quả xử lý phản ánh, kiến nghị đã công khai"),
    "procedures.in_competence": ("closing", "TTHC thuộc thẩm quyền giải quyết của xã"),
    "procedures.published": ("closing", "TTHC đã công bố"),
    "procedures.posted": ("closing", "TTHC đã công khai tại Bộ phận Một cửa"),
    "procedures.at_one_stop": ("closing", "TTHC thực hiện theo cơ chế một cửa"),
    "procedures.internal_issued": ("closing", "Quy trình nội bộ đã ban hành"),
    "procedures.online_full": ("closing", "Dịch vụ công trực tuyến toàn trình"),
    "procedures.online_partial": ("closing", "Dịch vụ công trực tuyến một phần"),
    "egov.digitised_inputs": ("flow", "Hồ sơ được số hóa thành phần hồ sơ"),
    "egov.electronic_results": ("flow", "Hồ sơ được cấp kết quả điện tử"),
    "egov.paper_result_dossiers": ("flow", "Hồ sơ của TTHC có trả kết quả bằng giấy"),
    "egov.reused_data": ("flow", "Hồ sơ sử dụng lại dữ liệu đã số hóa"),
    "egov.with_fee": ("flow", "Hồ sơ của TTHC có phí, lệ phí"),
    "egov.paid_online": ("flow", "Hồ sơ thanh toán trực tuyến"),
}

#: The field names of a derived total row (hàng tổng), folded.
TOTAL_WORDS = frozenset({"tong", "tong cong", "tong so", "cong"})


def is_total_row(row: DossierRow) -> bool:
    return " ".join(periods.fold(row.field).split()) in TOTAL_WORDS


def parse_sum(text: str) -> list[str]:
    """``a+b`` → ``["a", "b"]`` (spaces ignored)."""
    return [part.strip() for part in text.split("+")]


def unknown_names(text: str) -> list[tuple[str, str]]:
    """The names in ``text`` that are not counts, each with the nearest known name (or "")."""
    out: list[tuple[str, str]] = []
    for name in parse_sum(text):
        if name not in VOCABULARY:
            out.append((name, closest(name, VOCABULARY) or ""))
    return out


def period_id(word: str, year: int) -> str | None:
    """The period id a figures period word names in ``year``; ``None`` if it names none (or
    a period of another year)."""
    return periods.period_of_year(word, year)


# ---------------------------------------------------------------- the table's arithmetic


@dataclass(frozen=True)
class Mismatch:
    """A row's sum that does not hold: at ``where`` (``("received", "total")``) the value
    ``shown`` differs from ``expected``, the sum of ``parts``."""

    where: tuple[str, str]
    shown: int
    expected: int
    rule: str


#: (where, parts, rule as the table numbers its columns)
_SUMS: tuple[tuple[tuple[str, str], tuple[tuple[str, str], ...], str], ...] = (
    (
        ("received", "total"),
        (("received", "online"), ("received", "direct"), ("received", "carried_over")),
        "(3) = (4) + (5) + (6)",
    ),
    (
        ("resolved", "total"),
        (("resolved", "early"), ("resolved", "on_time"), ("resolved", "late")),
        "(7) = (8) + (9) + (10)",
    ),
    (
        ("in_progress", "total"),
        (("in_progress", "within"), ("in_progress", "overdue")),
        "(11) = (12) + (13)",
    ),
    (("received", "total"), (("resolved", "total"), ("in_progress", "total")), "(3) = (7) + (11)"),
)

#: Every count of a row, in the table's column order (3 … 13).
ROW_COUNTS: tuple[tuple[str, str], ...] = (
    ("received", "total"),
    ("received", "online"),
    ("received", "direct"),
    ("received", "carried_over"),
    ("resolved", "total"),
    ("resolved", "early"),
    ("resolved", "on_time"),
    ("resolved", "late"),
    ("in_progress", "total"),
    ("in_progress", "within"),
    ("in_progress", "overdue"),
)


def cell(row: DossierRow, where: tuple[str, str]) -> int | None:
    group = getattr(row, where[0])
    value: int | None = None if group is None else getattr(group, where[1])
    return value


def row_mismatches(row: DossierRow) -> list[Mismatch]:
    """The sums of the table (§5) that ``row`` breaks; a sum with a part left out is not
    judged."""
    out: list[Mismatch] = []
    for where, parts, rule in _SUMS:
        shown = cell(row, where)
        values = [cell(row, p) for p in parts]
        if shown is None or any(v is None for v in values):
            continue
        expected = sum(v for v in values if v is not None)
        if shown != expected:
            out.append(Mismatch(where, shown, expected, rule))
    return out


def rows_total(rows: Iterable[DossierRow], where: tuple[str, str]) -> int | None:
    """The sum of one column over ``rows``; ``None`` when no row gives it."""
    values = [v for r in rows if (v := cell(r, where)) is not None]
    return sum(values) if values else None


# ---------------------------------------------------------------- counts and pooling


def _period_rows(fp: FiguresPeriod) -> list[DossierRow]:
    rows = [r for r in fp.dossiers if not is_total_row(r)]
    return rows or list(fp.dossiers)


def period_count(fp: FiguresPeriod, name: str) -> int | None:
    """One count of one period (``None`` if the period does not give it)."""
    group, _, rest = name.partition(".")
    if group == "dossiers":
        part, _, key = rest.partition(".")
        return rows_total(_period_rows(fp), (part, key))
    block = getattr(fp, group, None)
    return None if block is None else getattr(block, rest, None)


def by_period(figures: Figures) -> dict[str, FiguresPeriod]:
    """The periods of the file by id (the first of a period recorded twice; ``check`` says)."""
    out: dict[str, FiguresPeriod] = {}
    for fp in figures.periods:
        pid = period_id(fp.period, figures.year)
        if pid is not None and pid not in out:
            out[pid] = fp
    return out


def pooled_count(figures: Figures, name: str, pids: Sequence[str]) -> int | None:
    """A count over the periods ``pids`` (in the year's order): flows summed, the opening stock
    of the first, the closing stock of the last; ``None`` if a period lacks it."""
    known = by_period(figures)
    if not pids or any(p not in known for p in pids):
        return None
    ordered = sorted(pids, key=lambda p: periods.SPANS[p])
    kind = VOCABULARY[name][0]
    if name == "dossiers.received.total" and len(ordered) > 1:
        parts = [
            pooled_count(figures, n, ordered)
            for n in (
                "dossiers.received.online",
                "dossiers.received.direct",
                "dossiers.received.carried_over",
            )
        ]
        if any(p is None for p in parts):
            return None
        return sum(p for p in parts if p is not None)
    if kind == "opening":
        return period_count(known[ordered[0]], name)
    if kind == "closing":
        return period_count(known[ordered[-1]], name)
    values = [period_count(known[p], name) for p in ordered]
    if any(v is None for v in values):
        return None
    return sum(v for v in values if v is not None)


def pooled_sum(figures: Figures, text: str, pids: Sequence[str]) -> int | None:
    """A formula side (``a`` or ``a+b``) over ``pids``; ``None`` if a name is unknown or a
    count is not given."""
    total = 0
    for name in parse_sum(text):
        if name not in VOCABULARY:
            return None
        value = pooled_count(figures, name, pids)
        if value is None:
            return None
        total += value
    return total


def derived_figure(
    figures: Figures | None, indicator: Indicator, pids: Sequence[str]
) -> tuple[int, int] | None:
    """The numerator and denominator of a derived indicator over the periods ``pids`` pooled
    (Σ of counts, never an average of rates); ``None`` without a formula, without figures, or
    when a period lacks a count. A zero denominator is returned as is (no data, not 0 %)."""
    if figures is None or indicator.formula is None:
        return None
    num = pooled_sum(figures, indicator.formula.numerator, pids)
    den = pooled_sum(figures, indicator.formula.denominator, pids)
    if num is None or den is None:
        return None
    return num, den


def describe(text: str) -> str:
    """A formula side in Vietnamese, for the report ("Hồ sơ nhận trực tuyến (cột 4) + …")."""
    return " + ".join(VOCABULARY[n][1] if n in VOCABULARY else n for n in parse_sum(text))


def previous(pid: str) -> str | None:
    """The period just before ``pid`` of the same length (Q1 → None, Q3 → Q2, H2 → H1)."""
    if pid.startswith("Q") and pid != "Q1":
        return f"Q{int(pid[1]) - 1}"
    if pid == "H2":
        return "H1"
    if pid.startswith("T") and pid != "T01":
        return f"T{int(pid[1:]) - 1:02d}"
    return None
