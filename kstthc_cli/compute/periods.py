"""Reporting periods (kỳ báo cáo): their cut-off windows, due dates, and the words that name them.

Pure functions. NĐ 09/2019 windows run from the 15th of the month before the period to the 14th of
its last month; ``calendar`` windows are calendar quarters. Due dates fall on the plan's due day
after the window closes, moved off weekends and public holidays when the plan says so: the
Vietnamese days off come from a table shipped with kstthc (``vn_days_off.json``, the ``holidays``
package only for a year outside it), adjusted by the plan's own ``days_off`` and ``working_days``.
"""

from __future__ import annotations

import calendar as _calendar
import json
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Literal

from kstthc_cli.errors import UsageError
from kstthc_cli.load.text import fold as fold  # period words fold as every other word
from kstthc_cli.messages import said

CutoffRule = Literal["nd09", "calendar"]

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}

#: Period ids, in the order a year unfolds (within a length), with their first and last month.
SPANS: dict[str, tuple[int, int]] = {
    "Q1": (1, 3),
    "Q2": (4, 6),
    "Q3": (7, 9),
    "Q4": (10, 12),
    "H1": (1, 6),
    "H2": (7, 12),
    "M9": (1, 9),
    "Y": (1, 12),
    **{f"T{m:02d}": (m, m) for m in range(1, 13)},
}

LABELS: dict[str, str] = {
    **{f"Q{k}": f"Quý {ROMAN[k]}" for k in range(1, 5)},
    "H1": "6 tháng đầu năm",
    "H2": "6 tháng cuối năm",
    "M9": "9 tháng",
    "Y": "Năm",
    **{f"T{m:02d}": f"Tháng {m}" for m in range(1, 13)},
}

#: The periods ``calendar`` lists and reports are written for.
REPORT_PERIODS = ("Q1", "Q2", "Q3", "Q4", "H1", "H2", "M9", "Y")
QUARTERS = ("Q1", "Q2", "Q3", "Q4")


@dataclass(frozen=True)
class ReportingPeriod:
    """A period of a year with its data window and the date its report is due."""

    id: str
    year: int
    label: str
    start: date
    end: date
    due: date

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


def last_day(year: int, month: int) -> date:
    return date(year, month, _calendar.monthrange(year, month)[1])


def window(pid: str, year: int, rule: CutoffRule) -> tuple[date, date]:
    """The data window of period ``pid`` of ``year`` under the cut-off ``rule``."""
    first, last = SPANS[pid]
    if rule == "calendar":
        return date(year, first, 1), last_day(year, last)
    start = date(year - 1, 12, 15) if first == 1 else date(year, first - 1, 15)
    return start, date(year, last, 14)


def calendar_end(pid: str, year: int) -> date:
    """The last calendar day of the period (a one-off "Quý I" task is due on 31/03)."""
    return last_day(year, SPANS[pid][1])


def due_date(
    end: date, due_day: int, move_off: bool, is_working_day: Callable[[date], bool]
) -> date:
    """The first ``due_day`` after ``end``, moved to the next working day if asked."""
    due = date(end.year, end.month, min(due_day, _calendar.monthrange(end.year, end.month)[1]))
    if due <= end:
        y, m = (end.year + 1, 1) if end.month == 12 else (end.year, end.month + 1)
        due = date(y, m, min(due_day, _calendar.monthrange(y, m)[1]))
    if move_off:
        while not is_working_day(due):
            due += timedelta(days=1)
    return due


#: Vietnamese days off and make-up working days, shipped with kstthc (``scripts/gen_holidays.py``
#: writes it from the ``holidays`` package); plain JSON, read with the standard library.
DAYS_OFF_TABLE = Path(__file__).with_name("vn_days_off.json")


@dataclass(frozen=True)
class DaysOffTable:
    """Vietnamese days off (with their names) and make-up working days of the years it covers."""

    years: range
    days_off: dict[date, str]
    working_days: dict[date, str]


@lru_cache(maxsize=1)
def days_off_table() -> DaysOffTable:
    """The shipped table (``DAYS_OFF_TABLE``)."""
    data = json.loads(DAYS_OFF_TABLE.read_text(encoding="utf-8"))
    return DaysOffTable(
        years=range(int(data["first_year"]), int(data["last_year"]) + 1),
        days_off={date.fromisoformat(k): str(v) for k, v in data["days_off"].items()},
        working_days={date.fromisoformat(k): str(v) for k, v in data["working_days"].items()},
    )


def holidays_days_off(years: range) -> DaysOffTable:
    """The days off and make-up working days of ``years`` as the ``holidays`` package says
    (names in Vietnamese). Importing it costs ~90 ms (all its countries): only for a year the
    shipped table does not cover, and for ``scripts/gen_holidays.py``."""
    import holidays

    # a make-up Saturday may serve a day off of the year after (27/12/2014 for 02/01/2015), and
    # ``weekend_workdays`` only knows it once that year is worked out: ask for one year more on
    # each side, keep the asked years
    cal = holidays.country_holidays(
        "VN", years=range(years.start - 1, years.stop + 1), language="vi"
    )
    days_off = {d: str(name) for d, name in sorted(cal.items()) if d.year in years}
    working_days: dict[date, str] = {}
    for d in sorted(cal.weekend_workdays):
        if d.year not in years:
            continue
        written = d.strftime("%d/%m/%Y")  # the day off it makes up for names it: "thay cho ngày …"
        instead = [o for o, name in cal.items() if written in str(name)]
        working_days[d] = (
            f"Làm bù cho ngày nghỉ {min(instead).strftime('%d/%m/%Y')}" if instead else "Làm bù"
        )
    return DaysOffTable(years, days_off, working_days)


@lru_cache(maxsize=16)
def _vn_year(year: int) -> tuple[frozenset[date], frozenset[date]]:
    """(days off, make-up working days) of ``year``: from the shipped table when it covers the
    year, else from ``holidays``."""
    table = days_off_table()
    if year not in table.years:
        table = holidays_days_off(range(year, year + 1))
    return (
        frozenset(d for d in table.days_off if d.year == year),
        frozenset(d for d in table.working_days if d.year == year),
    )


def vn_working_day(day: date) -> bool:
    """Monday–Friday and not a Vietnamese public holiday (Tết, substituted days included), or a
    make-up working Saturday."""
    off, work = _vn_year(day.year)
    return day in work or (day.weekday() < 5 and day not in off)


def working_day(
    day: date,
    *,
    days_off: Collection[date] = frozenset(),
    working_days: Collection[date] = frozenset(),
) -> bool:
    """``vn_working_day`` as a plan adjusts it (``reporting.days_off``, ``reporting.working_days``):
    a day the plan adds is off, a day the plan names a working day works (a day in both is off)."""
    if day in days_off:
        return False
    return day in working_days or vn_working_day(day)


def day_of_last_month(
    pid: str, year: int, day: int, move_off: bool, is_working_day: Callable[[date], bool]
) -> date:
    """Day ``day`` of the period's last month (the 31st of a 30-day month is its last day),
    moved to the next working day if asked; a province may set it before the cut-off (figures
    estimated to that day)."""
    month = SPANS[pid][1]
    due = date(year, month, min(day, _calendar.monthrange(year, month)[1]))
    if move_off:
        while not is_working_day(due):
            due += timedelta(days=1)
    return due


def working_days_after(end: date, n: int, is_working_day: Callable[[date], bool]) -> date:
    """The ``n``-th working day after ``end`` (the cut-off): "02 ngày làm việc sau ngày chốt"."""
    due = end
    for _ in range(n):
        due += timedelta(days=1)
        while not is_working_day(due):
            due += timedelta(days=1)
    return due


#: How a report's due date is set: the first ``due_day`` after the cut-off (default), a day of
#: the period's last month, or N working days after the cut-off.
DueKind = Literal["due-day", "day-of-last-month", "working-days-after-cutoff"]


def reporting_period(
    pid: str,
    year: int,
    *,
    rule: CutoffRule = "nd09",
    due_day: int = 17,
    move_off: bool = True,
    days_off: Collection[date] = frozenset(),
    working_days: Collection[date] = frozenset(),
    due_kind: DueKind = "due-day",
    due_n: int | None = None,
) -> ReportingPeriod:
    """Period ``pid`` of ``year``; its due date moved off weekends and days off if ``move_off``,
    the plan's own ``days_off`` and ``working_days`` counted. ``due_kind`` and ``due_n`` set
    another regime than ``due_day`` (``day_of_last_month``, ``working_days_after``)."""
    start, end = window(pid, year, rule)

    def is_working_day(day: date) -> bool:
        return working_day(day, days_off=days_off, working_days=working_days)

    if due_kind == "day-of-last-month" and due_n is not None:
        due = day_of_last_month(pid, year, due_n, move_off, is_working_day)
    elif due_kind == "working-days-after-cutoff" and due_n is not None:
        due = working_days_after(end, due_n, is_working_day)
    else:
        due = due_date(end, due_day, move_off, is_working_day)
    return ReportingPeriod(pid, year, LABELS[pid], start, end, due)


# ---------------------------------------------------------------- period words


_WORDS: dict[str, str] = {
    **{f"q{k}": f"Q{k}" for k in range(1, 5)},
    **{f"quy{k}": f"Q{k}" for k in range(1, 5)},
    **{f"quy{ROMAN[k].lower()}": f"Q{k}" for k in range(1, 5)},
    **{f"q{ROMAN[k].lower()}": f"Q{k}" for k in range(1, 5)},
    **{f"qui{k}": f"Q{k}" for k in range(1, 5)},  # "quí", the older spelling
    **{f"qui{ROMAN[k].lower()}": f"Q{k}" for k in range(1, 5)},
    "h1": "H1",
    "h2": "H2",
    "6t": "H1",
    "6m": "H1",
    "6thang": "H1",
    "6thangdaunam": "H1",
    "6thangcuoinam": "H2",
    "9m": "M9",
    "9t": "M9",
    "9thang": "M9",
    "m9": "M9",  # the ids themselves, as kstthc writes them (M9, T01…T12)
    **{f"t{m:02d}": f"T{m:02d}" for m in range(1, 13)},
    "year": "Y",
    "y": "Y",
    "nam": "Y",
    "canam": "Y",
    "cuoinam": "Y",
    **{f"thang{m}": f"T{m:02d}" for m in range(1, 13)},
    **{f"thang{m:02d}": f"T{m:02d}" for m in range(1, 10)},
}

_SPACES = re.compile(r"[\s_]+")
_YEAR_AFTER = re.compile(r"^(?P<core>.+?)(?P<year>(?:19|20|21)\d\d)$")
_YEAR_BEFORE = re.compile(r"^(?P<year>(?:19|20|21)\d\d)[/\-.]?(?P<core>.+)$")

ACCEPTED_FORMS = (
    "q1…q4, quý 2, quý II, h1, h2, 6t, 6 tháng, 9t, 9 tháng, năm, cả năm, year; "
    "có thể kèm năm: 2024q2, q2/2024"
)


def parse_period(word: str, default_year: int) -> tuple[str, int]:
    """A period word → (period id, year). Unknown words raise ``UsageError`` (exit 2)."""
    found = _period_word(word, default_year)
    if found is None:
        raise UsageError(said("usage/unknown-period", word=word, forms=ACCEPTED_FORMS))
    return found


@lru_cache(maxsize=4096)  # pure; every record of a commune names one of a few words
def _period_word(word: str, default_year: int) -> tuple[str, int] | None:
    key = _SPACES.sub("", fold(word.strip()))
    year = default_year
    core = key
    if core not in _WORDS:
        if m := _YEAR_AFTER.match(key):
            # the year after the word, perhaps after "/", "-" or "năm": "6 tháng đầu năm 2024"
            # is the word "6thangdaunam" then 2024, "quý 2 năm 2024" is "quy2" then 2024
            rest = m.group("core")
            candidates = [rest]
            if rest[-1] in "/-.,":
                candidates.append(rest[:-1])
            if rest.endswith("nam"):
                candidates.append(rest[: -len("nam")])
            for candidate in candidates:
                if candidate in _WORDS:
                    core, year = candidate, int(m.group("year"))
                    break
        if core not in _WORDS and (m := _YEAR_BEFORE.match(key)) and m.group("core") in _WORDS:
            core, year = m.group("core"), int(m.group("year"))
    pid = _WORDS.get(core)
    return None if pid is None else (pid, year)


def period_of_year(word: str | None, year: int) -> str | None:
    """The period a word names within plan year ``year``; ``None`` for no word, a word that is
    no period, or a period of another year (``q2/2023`` in the 2024 plan)."""
    found = None if word is None else _period_word(word, year)
    return found[0] if found is not None and found[1] == year else None


def label(pid: str, year: int | None = None) -> str:
    text = LABELS[pid]
    if year is None:
        return text
    if text.endswith("năm"):
        return f"{text} {year}"  # "6 tháng đầu năm 2026", never "… năm năm 2026"
    return (
        f"{text} năm {year}"
        if pid in ("H1", "H2", "M9")
        else (f"Năm {year}" if pid == "Y" else f"{text}/{year}")
    )
