"""Reporting periods (kỳ báo cáo): their cut-off windows, due dates, and the words that name them.

Pure functions. NĐ 09/2019 windows run from the 15th of the month before the period to the 14th of
its last month; ``calendar`` windows are calendar quarters. Due dates fall on the plan's due day
after the window closes, moved off weekends and public holidays when the plan says so.
"""

from __future__ import annotations

import calendar as _calendar
import importlib.util
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Literal

from kstthc_cli.errors import UsageError
from kstthc_cli.load import cachefiles
from kstthc_cli.load.cachefiles import cache_dir
from kstthc_cli.load.text import fold as fold  # period words fold as every other word

CutoffRule = Literal["nd09", "calendar"]

#: A period's id (a key of ``SPANS``): ``Q1``…``Q4``, ``H1``, ``H2``, ``M9``, ``Y``, ``T01``….
PeriodId = str

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


@lru_cache(maxsize=16)
def _vn_calendar(year: int) -> tuple[frozenset[date], frozenset[date]]:
    """(weekday days off, weekend working days) of ``year``, from the ``holidays`` package.

    Importing ``holidays`` costs ~90 ms, more than the rest of ``status``; the answer per year
    is kept in a small cache file, recomputed whenever the installed package changes.
    """
    stamp = _holidays_stamp()
    folder = cache_dir()
    cache = folder / f"vn-holidays-{year}.json" if folder is not None else None
    try:
        saved = json.loads(cache.read_text(encoding="utf-8")) if cache is not None else {}
        if saved.get("stamp") == stamp:
            return (
                frozenset(date.fromisoformat(x) for x in saved["off"]),
                frozenset(date.fromisoformat(x) for x in saved["work"]),
            )
    except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        pass  # no cache, or a damaged one: work it out again
    import holidays

    cal = holidays.country_holidays("VN", years=[year])
    off = frozenset(d for d in cal if d.weekday() < 5)
    work = frozenset(d for d in getattr(cal, "weekend_workdays", ()) if d.year == year)
    if cache is not None:
        data = {
            "stamp": stamp,
            "off": sorted(d.isoformat() for d in off),
            "work": sorted(d.isoformat() for d in work),
        }
        cachefiles.write(cache, json.dumps(data).encode("utf-8"))
    return off, work


def _holidays_stamp() -> str:
    """Which ``holidays`` is installed, without importing it: its location and modification time."""
    spec = importlib.util.find_spec("holidays")
    origin = spec.origin if spec is not None and spec.origin else ""
    try:
        mtime = os.stat(origin).st_mtime_ns if origin else 0
    except OSError:
        mtime = 0
    return f"{origin}:{mtime}"


def vn_working_day(day: date) -> bool:
    """Monday–Friday and not a Vietnamese public holiday (Tết, substituted days included)."""
    off, work = _vn_calendar(day.year)
    return day in work or (day.weekday() < 5 and day not in off)


def reporting_period(
    pid: str,
    year: int,
    *,
    rule: CutoffRule = "nd09",
    due_day: int = 17,
    move_off: bool = True,
    is_working_day: Callable[[date], bool] = vn_working_day,
) -> ReportingPeriod:
    start, end = window(pid, year, rule)
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

_YEAR_AFTER = re.compile(r"^(?P<core>.+?)(?P<year>(?:19|20|21)\d\d)$")
_YEAR_BEFORE = re.compile(r"^(?P<year>(?:19|20|21)\d\d)[/\-.]?(?P<core>.+)$")

ACCEPTED_FORMS = (
    "q1…q4, quý 2, quý II, h1, h2, 6t, 6 tháng, 9t, 9 tháng, năm, cả năm, year; "
    "có thể kèm năm: 2024q2, q2/2024"
)


def parse_period(word: str, default_year: int) -> tuple[str, int]:
    """A period word → (period id, year). Unknown words raise ``UsageError`` (exit 2)."""
    key = re.sub(r"[\s_]+", "", fold(word.strip()))
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
    if pid is None:
        raise UsageError(
            f"Không hiểu kỳ báo cáo '{word}'.",
            f"Các cách viết được chấp nhận: {ACCEPTED_FORMS}.",
        )
    return pid, year


def period_of_year(word: str | None, year: int) -> PeriodId | None:
    """The period a word names within plan year ``year``; ``None`` for no word, a word that is
    no period, or a period of another year (``q2/2023`` in the 2024 plan)."""
    if word is None:
        return None
    try:
        pid, y = parse_period(word, year)
    except UsageError:
        return None
    return pid if y == year else None


def label(pid: str, year: int | None = None) -> str:
    text = LABELS[pid]
    if year is None:
        return text
    return (
        f"{text} năm {year}"
        if pid in ("H1", "H2", "M9")
        else (f"Năm {year}" if pid == "Y" else f"{text}/{year}")
    )
