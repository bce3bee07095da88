"""Reading the plan's timeframe words (thời gian thực hiện) into a schedule.

"Quý I" is one deadline, "Định kỳ 3 tháng/lần" owes one deliverable per quarter, "Thường
xuyên" is ongoing… Each recognised phrase is consumed; if words remain that mean nothing to us,
the wording is unreadable and ``read`` returns ``None`` (a ``check`` error at that line).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from kstthc_cli.compute.periods import QUARTERS, fold

ROMAN_NUM = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


@dataclass(frozen=True)
class Deadline:
    """A one-off deadline: a period's end ("Quý I", "Tháng 6") or a date ("trước ngày 15/5")."""

    label: str
    pid: str | None = None
    day: int | None = None
    month: int | None = None
    year: int | None = None


@dataclass(frozen=True)
class Schedule:
    """What a task owes: one-off deadlines, a deliverable per reporting period, or activity."""

    deadlines: tuple[Deadline, ...] = ()
    reports: tuple[str, ...] = ()
    ongoing: bool = False
    adhoc: bool = False
    by_plan: bool = False

    def merge(self, other: Schedule) -> Schedule:
        reports = self.reports + tuple(p for p in other.reports if p not in self.reports)
        return Schedule(
            self.deadlines + other.deadlines,
            reports,
            self.ongoing or other.ongoing,
            self.adhoc or other.adhoc,
            self.by_plan or other.by_plan,
        )


_Handler = Callable[[re.Match[str]], Schedule]


def _reports(*pids: str) -> _Handler:
    return lambda m: Schedule(reports=pids)


def _year(m: re.Match[str]) -> int | None:
    y = m.groupdict().get("year")
    return int(y) if y else None


def _quarter(m: re.Match[str]) -> Schedule:
    q = m.group("q")
    k = int(q) if q.isdigit() else ROMAN_NUM[q]
    roman = ["I", "II", "III", "IV"][k - 1]
    year = _year(m)
    lab = f"Quý {roman}" + (f"/{year}" if year else "")
    return Schedule(deadlines=(Deadline(lab, pid=f"Q{k}", year=year),))


def _month(m: re.Match[str]) -> Schedule:
    month = int(m.group("m"))
    if not 1 <= month <= 12:
        raise _Unreadable
    year = _year(m)
    lab = f"Tháng {month}" + (f"/{year}" if year else "")
    return Schedule(deadlines=(Deadline(lab, pid=f"T{month:02d}", year=year),))


def _date(m: re.Match[str]) -> Schedule:
    day, month, year = int(m.group("d")), int(m.group("m")), _year(m)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        raise _Unreadable
    before = m.group("w").startswith("truoc")
    text = f"{day:02d}/{month:02d}" + (f"/{year}" if year else "")
    lab = ("Trước ngày " if before else "Ngày ") + text
    return Schedule(deadlines=(Deadline(lab, day=day, month=month, year=year),))


class _Unreadable(Exception):
    pass


_YEAR = r"(?:\s*/\s*|\s+nam\s+)(?P<year>20\d\d)"
_RULES: list[tuple[re.Pattern[str], _Handler]] = [
    (re.compile(r"thuong xuyen"), lambda m: Schedule(ongoing=True)),
    (
        re.compile(r"dot xuat(?: theo (?:thoi diem )?yeu cau)?|theo yeu cau"),
        lambda m: Schedule(adhoc=True),
    ),
    (re.compile(r"theo ke hoach"), lambda m: Schedule(by_plan=True)),
    (re.compile(r"(?:hang|moi) qu[yi]\s*/\s*nam"), _reports(*QUARTERS, "Y")),
    (re.compile(r"(?:0?3 thang\s*/\s*lan|(?:hang|moi) qu[yi]|quarterly)"), _reports(*QUARTERS)),
    (re.compile(r"0?6 thang (?:va|,) cuoi nam"), _reports("H1", "Y")),
    (re.compile(r"0?6 thang dau nam"), _reports("H1")),
    (re.compile(r"0?6 thang cuoi nam"), _reports("H2")),
    (re.compile(r"0?6 thang(?:\s*/\s*lan)?|half-yearly"), _reports("H1", "H2")),
    (re.compile(r"0?9 thang"), _reports("M9")),
    (
        re.compile(r"(?:hang|moi) thang|monthly"),
        _reports(*(f"T{m:02d}" for m in range(1, 13))),
    ),
    (re.compile(r"(?:hang|moi) nam|cuoi nam|yearly"), _reports("Y")),
    (re.compile(r"ongoing"), lambda m: Schedule(ongoing=True)),
    (re.compile(r"ad ?hoc"), lambda m: Schedule(adhoc=True)),
    (re.compile(r"\bqu[yi] (?P<q>iv|i{1,3}|[1-4])\b(?:" + _YEAR + ")?"), _quarter),
    (
        re.compile(
            r"(?P<w>truoc ngay|truoc|cham nhat (?:la )?(?:ngay )?|han (?:chot )?(?:ngay )?|ngay )"
            r"\s*(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})(?:\s*/\s*(?P<year>20\d\d))?"
        ),
        _date,
    ),
    (re.compile(r"\bthang (?P<m>\d{1,2})\b(?:" + _YEAR + ")?"), _month),
]

_FILLER = re.compile(r"\b(?:dinh ky|va|hoac|lan|thuc hien|trong nam|trien khai)\b|[\W_]")


@lru_cache(maxsize=4096)  # pure, and called for every record of every commune in a rollup
def read(wording: str) -> Schedule | None:
    """The schedule a wording means, or ``None`` when some of its words cannot be read."""
    text = " " + re.sub(r"\s+", " ", fold(wording)) + " "
    schedule = Schedule()
    try:
        for pattern, handler in _RULES:
            while m := pattern.search(text):
                schedule = schedule.merge(handler(m))
                text = text[: m.start()] + " ; " + text[m.end() :]
    except _Unreadable:
        return None
    if _FILLER.sub("", text).strip():
        return None
    if schedule == Schedule():
        return None
    return schedule


def read_all(wordings: list[str]) -> Schedule | None:
    """An explicit ``schedule:`` list: each item read on its own, then merged."""
    result = Schedule()
    for w in wordings:
        part = read(w)
        if part is None:
            return None
        result = result.merge(part)
    return result
