"""Reading the plan's timeframe words (thời gian thực hiện) into a schedule.

"Quý I" is one deadline, "Định kỳ 3 tháng/lần" owes one deliverable per quarter, "Thường
xuyên" is ongoing… Each recognised phrase is consumed; if words remain that mean nothing to us,
the wording is unreadable and ``read`` returns ``None`` (a ``check`` error at that line, worded by
``diagnose`` with the nearest wording kstthc reads).

What a period-named deliverable is due on (``period_due``): a report to the level above
(``is_report``) on the reporting calendar's due date; anything else at the period's end.
"""

from __future__ import annotations

import calendar as _calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

from kstthc_cli.compute.periods import QUARTERS, SPANS, calendar_end, fold

if TYPE_CHECKING:
    from kstthc_cli.load.models import Task

ROMAN_NUM = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
ROMAN = ["I", "II", "III", "IV"]
MONTHS = tuple(f"T{m:02d}" for m in range(1, 13))


@dataclass(frozen=True)
class Deadline:
    """A one-off deadline: a period's end ("Quý I", "Tháng 6"), a date ("Ngày 15/5") or the day
    before one ("Trước ngày 15/5", ``before``). A dated deadline with a ``pid`` belongs to that
    period ("Trước ngày 20 hằng tháng" owes one per month, keyed T01…T12)."""

    label: str
    pid: str | None = None
    day: int | None = None
    month: int | None = None
    year: int | None = None
    before: bool = False


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


class _Unreadable(Exception):
    pass


class _NoSuchDay(_Unreadable):
    """A date that is on no calendar (31/02, 31/04)."""

    def __init__(self, day: int, month: int, year: int | None) -> None:
        super().__init__(day, month, year)
        self.day, self.month, self.year = day, month, year


def _reports(*pids: str) -> _Handler:
    return lambda m: Schedule(reports=pids)


def _year(m: re.Match[str], group: str = "year") -> int | None:
    y = m.groupdict().get(group)
    return int(y) if y else None


def _qnum(text: str) -> int:
    return int(text) if text.isdigit() else ROMAN_NUM[text]


def _qlabel(k: int, year: int | None) -> str:
    return f"Quý {ROMAN[k - 1]}" + (f"/{year}" if year else "")


def _mnum(text: str) -> int:
    month = int(text)
    if not 1 <= month <= 12:
        raise _Unreadable
    return month


def _mlabel(month: int, year: int | None) -> str:
    return f"Tháng {month}" + (f"/{year}" if year else "")


def _quarter(m: re.Match[str]) -> Schedule:
    k, year = _qnum(m.group("q")), _year(m)
    return Schedule(deadlines=(Deadline(_qlabel(k, year), pid=f"Q{k}", year=year),))


def _month(m: re.Match[str]) -> Schedule:
    month, year = _mnum(m.group("m")), _year(m)
    return Schedule(deadlines=(Deadline(_mlabel(month, year), pid=f"T{month:02d}", year=year),))


def _quarter_span(m: re.Match[str]) -> Schedule:
    """ "Quý I - Quý II/2026": one deliverable, due at the span's end."""
    k1, k2 = _qnum(m.group("q1")), _qnum(m.group("q2"))
    y1, y2 = _year(m, "y1"), _year(m)
    year = y2 or y1
    if (y1 or year or 0, k1) >= (year or 0, k2):
        raise _Unreadable
    label = f"{_qlabel(k1, y1 if y1 != year else None)} – {_qlabel(k2, year)}"
    return Schedule(deadlines=(Deadline(label, pid=f"Q{k2}", year=year),))


def _month_span(m: re.Match[str]) -> Schedule:
    """ "Từ tháng 3 đến tháng 6": one deliverable, due at the span's end."""
    m1, m2 = _mnum(m.group("m1")), _mnum(m.group("m2"))
    y1, y2 = _year(m, "y1"), _year(m)
    year = y2 or y1
    if (y1 or year or 0, m1) >= (year or 0, m2):
        raise _Unreadable
    first = _mlabel(m1, y1 if y1 != year else None).lower()
    label = f"Từ {first} đến {_mlabel(m2, year).lower()}"
    return Schedule(deadlines=(Deadline(label, pid=f"T{m2:02d}", year=year),))


_QTOKEN = re.compile(r"\b(iv|i{1,3}|[1-4])\b")
_MTOKEN = re.compile(r"\b(\d{1,2})\b")


def _quarter_list(m: re.Match[str]) -> Schedule:
    """ "Quý I, II năm 2026": each quarter of the list, the year shared."""
    year = _year(m)
    body = m.group(0)[: m.start("year") - m.start()] if year else m.group(0)
    ks = [_qnum(t) for t in _QTOKEN.findall(body)]
    return Schedule(deadlines=tuple(Deadline(_qlabel(k, year), pid=f"Q{k}", year=year) for k in ks))


def _month_list(m: re.Match[str]) -> Schedule:
    year = _year(m)
    body = m.group(0)[: m.start("year") - m.start()] if year else m.group(0)
    months = [_mnum(t) for t in _MTOKEN.findall(body)]
    return Schedule(
        deadlines=tuple(Deadline(_mlabel(mo, year), pid=f"T{mo:02d}", year=year) for mo in months)
    )


_UNITS = re.compile(r"0?6\s+thang|thang|qu[yi]|nam")


def _recurring_list(m: re.Match[str]) -> Schedule:
    """ "Hằng quý, 6 tháng, năm": the words of each period share "hằng". "6 tháng" beside "năm"
    is the half-year (the year's own deliverable covers the second half)."""
    units = [re.sub(r"\s+", " ", u).lstrip("0") for u in _UNITS.findall(m.group("units"))]
    pids: list[str] = []
    for unit in units:
        if unit == "thang":
            pids += MONTHS
        elif unit in ("quy", "qui"):
            pids += QUARTERS
        elif unit == "6 thang":
            pids += ["H1"] if "nam" in units else ["H1", "H2"]
        else:
            pids.append("Y")
    return Schedule(reports=tuple(dict.fromkeys(pids)))


def _period_named(pid: str, label: str) -> _Handler:
    """A period named once ("6 tháng đầu năm", "Cuối năm"): that period's deliverable; with a
    year ("6 tháng đầu năm 2026") a deadline of that year."""

    def handler(m: re.Match[str]) -> Schedule:
        year = _year(m)
        if year is None:
            return Schedule(reports=(pid,))
        return Schedule(deadlines=(Deadline(f"{label} {year}", pid=pid, year=year),))

    return handler


def _whole_year(m: re.Match[str]) -> Schedule:
    year = _year(m)
    word = "Cuối năm" if m.group("w") == "cuoi" else "Năm"
    return Schedule(deadlines=(Deadline(f"{word} {year}", pid="Y", year=year),))


def _days_in(month: int, year: int | None) -> int:
    return _calendar.monthrange(year or 2024, month)[1]  # 2024: a leap year, 29/02 possible


def _check_day(day: int, month: int, year: int | None) -> None:
    if not 1 <= month <= 12:
        raise _Unreadable
    if not 1 <= day <= _days_in(month, year):
        raise _NoSuchDay(day, month, year)


_DATE_ITEM = re.compile(r"(\d{1,2})\s*/\s*(\d{1,2})(?:\s*/\s*(20\d\d))?")


def _dates(m: re.Match[str]) -> Schedule:
    """ "Trước ngày 20/3, 20/6, 20/9, 20/12": one deadline per date, the first words shared."""
    before = m.group("w").startswith("truoc")
    out: list[Deadline] = []
    for d, mo, y in _DATE_ITEM.findall(m.group("dates")):
        day, month, year = int(d), int(mo), int(y) if y else None
        _check_day(day, month, year)
        text = f"{day:02d}/{month:02d}" + (f"/{year}" if year else "")
        label = ("Trước ngày " if before else "Ngày ") + text
        out.append(Deadline(label, day=day, month=month, year=year, before=before))
    return Schedule(deadlines=tuple(out))


def _monthly_day(m: re.Match[str]) -> Schedule:
    """ "Trước ngày 20 hằng tháng": one deadline a month, the 19th (or earlier, off a day off)."""
    day = int(m.group("d"))
    before = m.group("w").startswith("truoc")
    if not 1 <= day <= 31:
        raise _Unreadable
    out = []
    for month in range(1, 13):
        label = f"{'Trước ngày' if before else 'Ngày'} {day:02d}/{month:02d}"
        out.append(Deadline(label, pid=f"T{month:02d}", day=day, month=month, before=before))
    return Schedule(deadlines=tuple(out))


_YEAR = r"(?:\s*/\s*|\s+nam\s+)(?P<year>20\d\d)"
#: a year written straight after a word that ends in "năm" ("6 tháng đầu năm 2026")
_YEAR_NAM = r"(?:\s*/\s*|\s+)(?P<year>20\d\d)"
#: a year after a recurring word ("Hằng quý năm 2026"): the plan's year, read and set aside
_ANY_YEAR = r"(?:(?:\s*/\s*|\s+nam\s+|\s+)20\d\d)?"
_NOT_YEAR = r"(?!(?:\s*/\s*|\s+)20\d\d)"
_Q = r"(?:iv|i{1,3}|[1-4])\b"
_M = r"\d{1,2}\b"
_TO = r"\s*(?:-|–|—|den|toi)\s*(?:het\s+)?"
_AND = r"\s*(?:,|va|&)\s*"
#: who instructs or sets the pace ("của UBND tỉnh", "Văn phòng UBND huyện"): any words up to one
#: that starts another wording
_WHO = (
    r"(?:\s+(?:cua|tu))?(?:\s+(?!(?:va|hoac|hang|moi|dinh|quy|qui|thang|truoc|ngay|nam|"
    r"thuong|dot|khi|theo|cham|han|ca|cuoi|trong)\b)[a-z0-9]+)*"
)
_SAYS = r"(?:thoi diem\s+)?(?:yeu cau|chi dao|huong dan|de nghi|tien do)"
_DATE_WORD = r"(?P<w>truoc ngay|truoc|cham nhat (?:la )?(?:ngay )?|han (?:chot )?(?:ngay )?|ngay )"
_DATE = r"\d{1,2}\s*/\s*\d{1,2}(?:\s*/\s*20\d\d)?"

_RULES: list[tuple[re.Pattern[str], _Handler]] = [
    (
        # "Thường xuyên cả năm" is ongoing, not also a year's deliverable
        re.compile(r"thuong xuyen(?:\s*,?\s*(?:trong|ca|suot)\s+nam(?:\s*/?\s*20\d\d)?)?"),
        lambda m: Schedule(ongoing=True),
    ),
    # when it happens, on instruction: recorded when it happens, never overdue
    (
        re.compile(r"khi (?:co )?(?:phat sinh|yeu cau|co yeu cau)" + _WHO),
        lambda m: Schedule(adhoc=True),
    ),
    (
        re.compile(rf"dot xuat(?:\s+theo\s+{_SAYS}{_WHO})?|theo\s+{_SAYS}{_WHO}"),
        lambda m: Schedule(adhoc=True),
    ),
    (re.compile(r"theo ke hoach" + _WHO), lambda m: Schedule(by_plan=True)),
    # recurring deadlines: "Trước ngày 20 hằng tháng", "Trước ngày 20/3, 20/6, 20/9, 20/12"
    (
        re.compile(_DATE_WORD + r"\s*(?P<d>\d{1,2})\s+(?:cua\s+)?(?:hang|moi)\s+thang" + _ANY_YEAR),
        _monthly_day,
    ),
    (
        re.compile(_DATE_WORD + rf"\s*(?P<dates>{_DATE}(?:\s*(?:,|;|va)\s*(?:ngay\s+)?{_DATE})*)"),
        _dates,
    ),
    # lists sharing "hằng": "Hằng quý, năm", "Định kỳ hằng quý, 6 tháng, năm"
    (
        re.compile(
            r"(?:hang|moi)\s+(?P<units>(?:0?6\s+thang|thang|qu[yi]|nam)"
            r"(?:\s*(?:,|/|va)\s*(?:hang\s+|moi\s+)?(?:0?6\s+thang|thang|qu[yi]|nam))+)" + _ANY_YEAR
        ),
        _recurring_list,
    ),
    (
        re.compile(r"(?:0?3 thang\s*/\s*lan|(?:hang|moi) qu[yi]|quarterly)" + _ANY_YEAR),
        _reports(*QUARTERS),
    ),
    (re.compile(r"0?6 thang\s*(?:va|,|/)\s*(?:cuoi |hang )?nam" + _ANY_YEAR), _reports("H1", "Y")),
    (
        re.compile(r"0?6 thang dau nam(?:" + _YEAR_NAM + ")?"),
        _period_named("H1", "6 tháng đầu năm"),
    ),
    (
        re.compile(r"0?6 thang cuoi nam(?:" + _YEAR_NAM + ")?"),
        _period_named("H2", "6 tháng cuối năm"),
    ),
    (re.compile(r"0?6 thang(?:\s*/\s*lan)?" + _ANY_YEAR + "|half-yearly"), _reports("H1", "H2")),
    (
        re.compile(r"0?9 thang dau nam(?:" + _YEAR_NAM + ")?"),
        _period_named("M9", "9 tháng đầu năm"),
    ),
    (re.compile(r"0?9 thang(?:" + _YEAR + ")?"), _period_named("M9", "9 tháng năm")),
    (
        re.compile(r"(?:hang|moi) thang" + _ANY_YEAR + "|monthly"),
        _reports(*MONTHS),
    ),
    (
        re.compile(r"(?:hang|moi) nam" + _ANY_YEAR + r"|(?:cuoi|ca) nam" + _NOT_YEAR + "|yearly"),
        _reports("Y"),
    ),
    (re.compile(r"ongoing"), lambda m: Schedule(ongoing=True)),
    (re.compile(r"ad ?hoc"), lambda m: Schedule(adhoc=True)),
    # spans: one deliverable at the span's end
    (
        re.compile(
            rf"(?:tu\s+)?\bqu[yi]\s+(?P<q1>{_Q})(?:(?:\s*/\s*|\s+nam\s+)(?P<y1>20\d\d))?"
            rf"{_TO}(?:qu[yi]\s+)?(?P<q2>{_Q})(?:{_YEAR})?"
        ),
        _quarter_span,
    ),
    (
        re.compile(
            rf"(?:tu\s+)?\bthang\s+(?P<m1>{_M})(?:(?:\s*/\s*|\s+nam\s+)(?P<y1>20\d\d))?"
            rf"{_TO}(?:thang\s+)?(?P<m2>{_M})(?:{_YEAR})?"
        ),
        _month_span,
    ),
    # lists sharing words: "Quý I, II năm 2026", "Tháng 3, 6"
    (
        re.compile(rf"\bqu[yi]\s+{_Q}(?:{_AND}(?:qu[yi]\s+)?{_Q})+(?:{_YEAR})?"),
        _quarter_list,
    ),
    (
        re.compile(rf"\bthang\s+{_M}(?:{_AND}(?:thang\s+)?{_M})+(?:{_YEAR})?"),
        _month_list,
    ),
    (re.compile(r"\bqu[yi] (?P<q>iv|i{1,3}|[1-4])\b(?:" + _YEAR + ")?"), _quarter),
    (re.compile(r"\bthang (?P<m>\d{1,2})\b(?:" + _YEAR + ")?"), _month),
    # the whole year: "Năm 2026", "Cả năm 2026", "Cuối năm 2026"
    (re.compile(r"\b(?:(?P<w>ca|cuoi)\s+)?nam" + _YEAR_NAM), _whole_year),
]

_FILLER = re.compile(r"\b(?:dinh ky|va|hoac|lan|thuc hien|trong nam|trong|trien khai)\b|[\W_]")


def _read(wording: str) -> Schedule:
    text = " " + re.sub(r"\s+", " ", fold(wording)) + " "
    schedule = Schedule()
    for pattern, handler in _RULES:
        while m := pattern.search(text):
            schedule = schedule.merge(handler(m))
            text = text[: m.start()] + " ; " + text[m.end() :]
    if _FILLER.sub("", text).strip() or schedule == Schedule():
        raise _Unreadable
    return schedule


@lru_cache(maxsize=4096)  # pure, and called for every record of every commune in a rollup
def read(wording: str) -> Schedule | None:
    """The schedule a wording means, or ``None`` when some of its words cannot be read."""
    try:
        return _read(wording)
    except _Unreadable:
        return None


def read_all(wordings: list[str]) -> Schedule | None:
    """An explicit ``schedule:`` list: each item read on its own, then merged."""
    result = Schedule()
    for w in wordings:
        part = read(w)
        if part is None:
            return None
        result = result.merge(part)
    return result


# ---------------------------------------------------------------- what check says


#: One example of each family kstthc reads: the hint for an unread wording is the nearest.
EXAMPLES = (
    "Quý I",
    "Quý II/2026",
    "Trong Quý I",
    "Tháng 6",
    "Trong tháng 3",
    "Từ tháng 3 đến tháng 6",
    "Quý I - Quý II/2026",
    "Quý I, II năm 2026",
    "Hàng quý",
    "Hàng quý/năm",
    "Hằng quý, 6 tháng, năm",
    "Định kỳ 3 tháng/lần",
    "Định kỳ 6 tháng",
    "Định kỳ 06 tháng và cuối năm",
    "6 tháng đầu năm",
    "9 tháng đầu năm",
    "Hàng tháng",
    "Hằng năm",
    "Cuối năm",
    "Cả năm",
    "Năm 2026",
    "Trước ngày 15/5",
    "Trước ngày 20 hằng tháng",
    "Trước ngày 20/3, 20/6, 20/9, 20/12",
    "Thường xuyên",
    "Đột xuất",
    "Khi phát sinh",
    "Theo chỉ đạo của UBND tỉnh",
    "Theo kế hoạch",
)


def nearest(wording: str) -> str:
    """The example wording most like ``wording`` (by their letters, without diacritics)."""
    import difflib  # only when check has something to say

    folded = re.sub(r"\s+", " ", fold(wording)).strip()
    scored = [
        (difflib.SequenceMatcher(None, folded, fold(example)).ratio(), -i, example)
        for i, example in enumerate(EXAMPLES)
    ]
    return max(scored)[2]


@dataclass(frozen=True)
class Unread:
    """Why a wording gives no schedule in a plan year, and how to write it so that it does."""

    reason: str  # "" when the words are simply not known; else what is wrong with them
    hint: str


@lru_cache(maxsize=4096)  # pure; the communes of a province word their plans alike
def diagnose(wording: str, year: int) -> Unread | None:
    """``None`` when ``wording`` gives a schedule in plan ``year``; else what ``check`` says: an
    impossible date (31/02, or 29/02 of a year that has none) or the nearest known wording."""
    try:
        schedule = _read(wording)
    except _NoSuchDay as bad:
        return _no_such_day(bad.day, bad.month, bad.year or year)
    except _Unreadable:
        close = nearest(wording)
        return Unread(
            "",
            f"Cách viết gần nhất kstthc hiểu: '{close}'. Giữ nguyên lời văn và thêm "
            f'schedule: ["{close}"] với cách viết đúng ý (xem README).',
        )
    for d in schedule.deadlines:
        if d.day is not None and d.month is not None and d.day > _days_in(d.month, d.year or year):
            return _no_such_day(d.day, d.month, d.year or year)
    return None


def _no_such_day(day: int, month: int, year: int) -> Unread:
    last = _days_in(month, year)
    of_year = f" năm {year}" if month == 2 else ""
    return Unread(
        f"ngày {day:02d}/{month:02d}{of_year} không có thật trên lịch",
        f"Tháng {month}{of_year} có {last} ngày: sửa lại ngày theo văn bản gốc "
        f"(ví dụ 'Trước ngày {last:02d}/{month:02d}').",
    )


# ---------------------------------------------------------------- due dates


_REPORT = re.compile(r"\bbao cao\b")
#: the level above a commune, named in the same clause as "báo cáo"
_ABOVE = re.compile(
    r"\bbao cao\b[^;.]*?\b(?:cap tren|huyen|tinh|trung uong|chinh phu|thu tuong"
    r"|trung tam phuc vu hanh chinh cong)\b"
)


def is_report(task: Task) -> bool:
    """Whether the task is a report to the level above: its ``report`` key when the plan gives
    one, else whether its content, outputs or responsibility say "báo cáo" to the level above
    (cấp trên, huyện, tỉnh, Trung ương…) in one clause."""
    if task.report is not None:
        return task.report
    return _reports_above((task.content, *task.outputs, task.responsibility or ""))


@lru_cache(maxsize=4096)
def _reports_above(texts: tuple[str, ...]) -> bool:
    return any(_ABOVE.search(fold(t)) for t in texts if _REPORT.search(fold(t)))


def period_due(
    pid: str, year: int, *, report: bool, reporting_due: Callable[[str, int], date]
) -> date:
    """The due date of a deliverable named by period ``pid`` of ``year``: a report to the level
    above on the reporting calendar's due date (``reporting_due(pid, year)``), any other
    deliverable at the period's end (a decision "Quý I" by 31/03, a review "Cuối năm" by 31/12)."""
    return reporting_due(pid, year) if report else calendar_end(pid, year)


def deadline_due(
    d: Deadline,
    year: int,
    *,
    report: bool,
    reporting_due: Callable[[str, int], date],
    is_working_day: Callable[[date], bool] | None,
) -> tuple[date, str]:
    """The due date of a deadline and its occurrence key, in plan ``year``. "Trước ngày 20" is
    due the 19th, moved EARLIER off a day off when ``is_working_day`` is given (moving later
    would miss "before the 20th")."""
    y = d.year or year
    if d.day is None:
        assert d.pid is not None and d.pid in SPANS
        key = d.pid if y == year else f"{d.pid}/{y}"
        return period_due(d.pid, y, report=report, reporting_due=reporting_due), key
    assert d.month is not None
    due = date(y, d.month, min(d.day, _days_in(d.month, y)))  # 29/02 of 2025: a check error
    if d.before:
        due -= timedelta(days=1)
    key = d.pid if d.pid is not None else due.isoformat()
    if d.before and is_working_day is not None:
        while not is_working_day(due):
            due -= timedelta(days=1)
    return due, key
