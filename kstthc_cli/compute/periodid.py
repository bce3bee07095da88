"""The typed id of a reporting period (``PeriodId.Q2``), for the library API.

Its values are the ids ``periods`` uses everywhere (``"Q2"``, ``"H1"``, ``"M9"``, ``"Y"``,
``"T01"``…), so a ``PeriodId`` goes wherever a period id goes. Reading the officer's words
(``q2``, ``quý II``, ``6 tháng``) into one is the command line's business
(``periods.parse_period``).
"""

from __future__ import annotations

from enum import Enum


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
