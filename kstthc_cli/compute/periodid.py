"""The typed id of a reporting period (``PeriodId.Q2``) and of a task's own occurrence
(``Occurrence("M1")``), for the library API.

Its values are the ids ``periods`` uses everywhere (``"Q2"``, ``"H1"``, ``"M9"``, ``"Y"``,
``"T01"``…), so a ``PeriodId`` goes wherever a period id goes. Reading the officer's words
(``q2``, ``quý II``, ``6 tháng``) into one is the command line's business
(``periods.parse_period``).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import ClassVar


class PeriodId(str, Enum):
    """A period of a plan year: quarters, halves, nine months, the year, months."""

    Q1 = "Q1"
    Q2 = "Q2"
    Q3 = "Q3"
    Q4 = "Q4"
    H1 = "H1"
    H2 = "H2"
    M9 = "M9"
    YEAR = "Y"
    T01 = "T01"
    T02 = "T02"
    T03 = "T03"
    T04 = "T04"
    T05 = "T05"
    T06 = "T06"
    T07 = "T07"
    T08 = "T08"
    T09 = "T09"
    T10 = "T10"
    T11 = "T11"
    T12 = "T12"

    def __str__(self) -> str:
        return self.value

    def __hash__(self) -> int:  # as its value, so it finds the entries keyed by the plain id
        return hash(self.value)

    def __format__(self, spec: str) -> str:
        return format(self.value, spec)

    @property
    def months(self) -> tuple[int, int]:
        """The first and last month of the period."""
        from kstthc_cli.compute.periods import SPANS

        return SPANS[self.value]


@dataclass(frozen=True)
class Occurrence:
    """One of a task's own occurrences, by the key a record's ``period`` writes for it: a
    milestone's id (``Occurrence("M1")``), a dated deadline's day (``Occurrence("20/3")``), ad
    hoc work (``Occurrence.ADHOC``), a period of another year (``Occurrence("2025q1")``). A
    reporting period of the plan year is a ``PeriodId`` instead.

    Which occurrence the key names is decided against the task's schedule when the record is
    made (``m1`` is milestone ``M1``; a period key names the task's occurrence in it), and the
    occurrence's id is written. A key that names none of them is written and quoted in the
    refusal as given, so the command line passes the officer's word through unchanged there
    (``quý 2`` on an ongoing task is written ``quý 2``, as ``check`` reads it)."""

    key: str

    ADHOC: ClassVar[Occurrence]

    def __str__(self) -> str:
        return self.key


Occurrence.ADHOC = Occurrence("đột xuất")
