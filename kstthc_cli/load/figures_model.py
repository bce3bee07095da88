"""``figures_N.yaml``: the one-stop system's figures (số liệu) per reporting period.

Dossiers by field (Biểu 06 / II.06a, columns 3–13), complaints and petitions, procedures,
e-government counts and the late dossiers. Every part is optional except ``period``; the
table's arithmetic and continuity are rules (``rules.figures``), not shapes.
"""

# No ``from __future__ import annotations`` here: pydantic reads the annotations as objects.
from typing import Annotated, Any, TypeVar

from pydantic import BeforeValidator, Field

from kstthc_cli.load.models import Count, Day, Model, Text, Year, empty_list

T = TypeVar("T")


def _empty(value: Any) -> Any:
    """``periods:`` with nothing under it (as a new file or the officer leaves it) is no items."""
    return [] if value is None else value


#: A list that may be written as a key with nothing under it.
Items = Annotated[list[T], BeforeValidator(_empty)]


class Source(Model):
    """Where the figures came from (nguồn số liệu): the system, the file, the day exported."""

    system: Text | None = None
    file: Text | None = None
    exported_on: Day | None = None


class Received(Model):
    """Số hồ sơ nhận giải quyết: columns 3 (total), 4 (online), 5 (in person, post), 6 (carried
    over from the previous period)."""

    total: Count = None
    online: Count = None
    direct: Count = None
    carried_over: Count = None


class Resolved(Model):
    """Số hồ sơ đã giải quyết: columns 7 (total), 8 (early), 9 (on time), 10 (late)."""

    total: Count = None
    early: Count = None
    on_time: Count = None
    late: Count = None


class InProgress(Model):
    """Số hồ sơ đang giải quyết: columns 11 (total), 12 (within the deadline), 13 (overdue)."""

    total: Count = None
    within: Count = None
    overdue: Count = None


class DossierRow(Model):
    """One row of the table: a field (lĩnh vực), from one source system if several."""

    field: Text
    source: Text | None = None
    received: Received | None = None
    resolved: Resolved | None = None
    in_progress: InProgress | None = None
    #: Why an export does not balance; a mismatch is then a warning, shown in the report.
    explanation: Text | None = None


class Complaints(Model):
    """Phản ánh, kiến nghị (PAKN) về quy định hành chính."""

    received: Count = None
    in_competence: Count = None
    handled: Count = None
    on_time: Count = None
    in_progress: Count = None
    published: Count = None


class Procedures(Model):
    """Thủ tục hành chính thuộc thẩm quyền: published, posted, at the one-stop office…"""

    in_competence: Count = None
    published: Count = None
    posted: Count = None
    at_one_stop: Count = None
    internal_issued: Count = None
    online_full: Count = None
    online_partial: Count = None


class Egov(Model):
    """Thực hiện TTHC trên môi trường điện tử: digitisation, electronic results, payment."""

    digitised_inputs: Count = None
    electronic_results: Count = None
    paper_result_dossiers: Count = None
    reused_data: Count = None
    with_fee: Count = None
    paid_online: Count = None


class LateDossier(Model):
    """A dossier resolved late or still overdue (hồ sơ trễ hạn), for the report's appendix."""

    code: Text
    field: Text | None = None
    procedure: Text | None = None
    received: Day | None = None
    due: Day | None = None
    finished: Day | None = None
    cause: Text | None = None


class FiguresPeriod(Model):
    """The figures of one reporting period (kỳ)."""

    period: Text
    source: Source | None = None
    dossiers: Items[DossierRow] = Field(default_factory=empty_list)
    complaints: Complaints | None = None
    procedures: Procedures | None = None
    egov: Egov | None = None
    late_dossiers: Items[LateDossier] = Field(default_factory=empty_list)


class Figures(Model):
    """``figures_N.yaml``: hand-edited, or written period by period by ``kstthc import``."""

    year: Year
    periods: Items[FiguresPeriod] = Field(default_factory=empty_list)
