"""The workspace's files as pydantic models: plan, indicators (chỉ tiêu) and actuals (kết quả).

Models say what shape a file has; rules that look across fields or files live in ``validate``.
Text fields accept unquoted numbers as written (``id: 11.3`` is the text "11.3").
"""

# No ``from __future__ import annotations`` here: pydantic reads the annotations as objects.
import contextlib
import re
from datetime import date
from typing import Annotated, Any, Literal

from annotated_types import Ge, Gt, Le, MaxLen, MinLen
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from kstthc_cli.load.text import MAX_DIGITS, fold, read_count
from kstthc_cli.messages import Said, said

#: The pydantic error type of our own problems: ``ctx`` carries the catalogue's message (its
#: key, code, words and fields) that ``workspace.translate`` shows at its place.
PROBLEM = "kstthc_problem"


def problem(words: Said) -> PydanticCustomError:
    """A located problem raised from a validator, in the catalogue's words (``said(…)``)."""
    return PydanticCustomError(
        PROBLEM,
        "{message}",
        {
            "code": words.code,
            "message": words.message,
            "hint": words.hint,
            "key": words.key,
            "fields": dict(words.fields),
        },
    )


def empty_list() -> list[Any]:
    """A new empty list, the default of a list field. A function of ours rather than ``list``:
    pydantic reads a default factory's signature when it builds the class, and a builtin's is
    parsed from its text (``inspect._signature_fromstr``), a few milliseconds of every start."""
    return []


class Model(BaseModel):
    """A model class: frozen (so hashable when its values are), unknown keys refused."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    @model_validator(mode="before")
    @classmethod
    def _acknowledged_warnings(cls, data: Any) -> Any:
        """``acknowledge: [codes]`` on any item is about the warnings on it, and
        ``to_confirm: [keys]`` about the values still to confirm (``kstthc init``): not values."""
        if isinstance(data, dict) and ("acknowledge" in data or "to_confirm" in data):
            return {k: v for k, v in data.items() if k not in ("acknowledge", "to_confirm")}
        return data


def _to_text(value: Any) -> Any:
    if type(value) is str:  # almost every value: first, before looking for a ``raw``
        return value.strip()
    raw = getattr(value, "raw", None)
    if raw is not None:
        return raw
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, str):
        return value.strip()
    return value


_DMY = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$")
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")


def parse_day(value: Any) -> Any:
    """ISO ``2024-03-14`` or Vietnamese ``14/3/2024``; an impossible date is a clear error."""
    if isinstance(value, date) or value is None:
        return value
    if not isinstance(value, str):
        raise problem(said("bad-date/not-a-day"))
    if len(value) == 10 and value[4] == value[7] == "-" and value.isascii():
        with contextlib.suppress(ValueError):  # 2024-03-14, as almost every day is written
            return date.fromisoformat(value)
    if m := _ISO.match(value):
        y, mo, d = (int(x) for x in m.groups())
    elif m := _DMY.match(value):
        d, mo, y = (int(x) for x in m.groups())
    else:
        raise problem(said("bad-date", written=value))
    try:
        return date(y, mo, d)
    except ValueError:
        day = f"{d:02d}/{mo:02d}/{y}"
        if not 1 <= mo <= 12:
            raise problem(said("bad-date/no-month", day=day, month=mo)) from None
        if d > 0:
            import calendar

            days = calendar.monthrange(y, mo)[1]
            raise problem(
                said("bad-date/month-days", day=day, month=mo, year=y, days=days)
            ) from None
        raise problem(said("bad-date/no-day", day=day)) from None


class HiddenCharacter(ValueError):
    """An id holds a character that cannot be seen (``char``)."""

    def __init__(self, char: str) -> None:
        super().__init__(f"U+{ord(char):04X}")
        self.char = char


def normal_id(text: str) -> str:
    """The one form of an id, wherever it comes from (a data file, the command line, the API):
    trimmed and NFKC-normalised (a full-width ``１`` is ``1``, ``２`` is ``2``). An invisible
    character in it (zero-width space, joiner, soft hyphen, direction mark: Unicode's format,
    control, private and unassigned characters) raises ``HiddenCharacter``, so two ids that
    look alike are never two."""
    text = text.strip()
    if text.isascii() and text.isprintable():
        return text  # plain ASCII ids (almost all) are their own NFKC form, nothing hidden
    import unicodedata

    text = unicodedata.normalize("NFKC", text).strip()
    if text.isprintable():  # no "Other" character (Cc, Cf, Cs, Co, Cn): nothing hidden
        return text
    hidden = [ch for ch in text if unicodedata.category(ch) in ("Cf", "Cc", "Co", "Cn")]
    if hidden:
        raise HiddenCharacter(hidden[0])
    return text


_ID_WORDS = {"task": "nhiệm vụ", "indicator": "chỉ tiêu"}


def given_id(text: str, kind: Literal["task", "indicator"]) -> str:
    """A task's or an indicator's id as a person or a program gives it, in the form the files'
    ids have (``normal_id``): found and compared exactly as they are. Empty, or holding an
    invisible character, it is a usage error."""
    from kstthc_cli.errors import UsageError

    what = _ID_WORDS[kind]
    try:
        found = normal_id(text)
    except HiddenCharacter as exc:
        at = unicodedata_position(text, exc.char)
        raise UsageError(
            said("usage/id-hidden", what=what, character=f"U+{ord(exc.char):04X}", at=at)
        ) from None
    if not found:
        raise UsageError(said("usage/id-missing", what=what), about=f"{kind}-id-missing")
    return found


def unicodedata_position(text: str, char: str) -> int:
    """Where (1, 2, …) ``char`` is in ``text`` once normalised as ids are."""
    import unicodedata

    return unicodedata.normalize("NFKC", text.strip()).index(char) + 1


def _to_id(value: Any) -> Any:
    """An id (task, indicator, unit, section…) as ``normal_id`` gives it; an invisible
    character is a located problem."""
    value = _to_text(value)
    if not isinstance(value, str):
        return value
    if value.isascii() and value.isprintable():
        return value  # ``normal_id``'s own first answer, without a second call
    try:
        return normal_id(value)
    except HiddenCharacter as exc:
        raise problem(said("invisible-character", character=f"U+{ord(exc.char):04X}")) from None


Text = Annotated[str, MinLen(1), BeforeValidator(_to_text)]
Id = Annotated[str, MinLen(1), MaxLen(40), BeforeValidator(_to_id)]
Day = Annotated[date, BeforeValidator(parse_day)]
Year = Annotated[int, Ge(2000), Le(2100)]


# ---------------------------------------------------------------- plan_N.yaml


class LegalBasis(Model):
    """A cited legal basis (căn cứ pháp lý) of the decision."""

    text: Text
    number: Id | None = None
    date: Day | None = None
    group: int | None = None
    #: The word joining it to the basis before it in its paragraph: ";" (by default) or "và".
    joined_with: Text | None = None


class Article(Model):
    """An article (Điều) of the decision."""

    number: int
    text: Text


class Decision(Model):
    """The decision (quyết định) that issues the plan."""

    number: Text | None = None
    date: Day | None = None
    title: Text
    authority: Text | None = None
    signer: Text | None = None
    signer_title: Text | None = None
    proposed_by: Text | None = None
    legal_bases: list[LegalBasis] = Field(default_factory=empty_list)
    articles: list[Article] = Field(default_factory=empty_list)
    recipients: list[Text] = Field(default_factory=empty_list)


class Regime(Model):
    """A reporting regime (chế độ báo cáo) a report cites in its lead-in, from a day on."""

    since: Day | None = None
    text: Text


#: The KSTTHC reporting circulars: TT 01/2020/TT-VPCP, replaced by TT 05/2025/TT-VPCP from
#: 15/02/2026 (a report is under the one in force on its date).
DEFAULT_REGIMES: tuple[Regime, ...] = (
    Regime(
        text="Thông tư số 01/2020/TT-VPCP ngày 21/10/2020 của Bộ trưởng, Chủ nhiệm Văn phòng "
        "Chính phủ quy định chế độ báo cáo định kỳ và quản lý, sử dụng, khai thác Hệ thống "
        "thông tin báo cáo của Văn phòng Chính phủ"
    ),
    Regime(
        since=date(2026, 2, 15),
        text="Thông tư số 05/2025/TT-VPCP ngày 31/12/2025 của Bộ trưởng, Chủ nhiệm Văn phòng "
        "Chính phủ quy định chế độ báo cáo định kỳ và quản lý, sử dụng, khai thác Hệ thống "
        "thông tin báo cáo của Văn phòng Chính phủ",
    ),
)

#: Who signs: the chairman (TM. … / CHỦ TỊCH) or a deputy (TM. … / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH).
SignerCapacity = Literal["chu-tich", "pho-chu-tich"]


class DueRule(Model):
    """When a period's report is due (hạn gửi báo cáo) in a province that does not use
    ``due_day``: a day of the period's last month, or N working days after the cut-off."""

    day_of_last_month: Annotated[int, Ge(1), Le(31)] | None = None
    working_days_after_cutoff: Annotated[int, Ge(1), Le(30)] | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> "DueRule":
        if (self.day_of_last_month is None) == (self.working_days_after_cutoff is None):
            raise problem(said("bad-value/due-rule"))
        return self


class Reporting(Model):
    """How and to whom periodic reports go (chế độ báo cáo)."""

    recipient: Text
    preparer: Id
    cutoff_rule: Literal["nd09", "calendar"] = "nd09"
    due_day: Annotated[int, Ge(1), Le(28)] = 17
    #: another regime than ``due_day`` (a day of the last month, N working days after cut-off)
    due: DueRule | None = None
    move_off_holidays: bool = True
    due_soon_days: Annotated[int, Ge(0), Le(90)] = 7
    report_number_suffix: Text = "BC-UBND"
    signer: Text | None = None
    signer_title: Text = "Chủ tịch"
    signing_on_behalf: Text | None = "TM. ỦY BAN NHÂN DÂN"
    signer_capacity: SignerCapacity = "chu-tich"
    report_recipients: list[Text] = Field(default_factory=empty_list)
    #: The reporting regimes cited in the lead-in, each from its ``since`` day.
    regimes: list[Regime] = Field(default_factory=lambda: list(DEFAULT_REGIMES))
    #: The plans of the levels above the report executes (None: the plan's legal bases that
    #: issue a local plan, "… ban hành Kế hoạch …" by a UBND).
    plans_executed: list[Text] | None = None
    #: Days off the plan announces beyond the shipped table (a new holiday, a yearly bridge day).
    days_off: list[Day] = Field(default_factory=empty_list)
    #: Days worked although the table says off (a make-up Saturday, a cancelled day off).
    working_days: list[Day] = Field(default_factory=empty_list)
    auto_commit: bool = True


class Unit(Model):
    """A responsible unit (cơ quan, đơn vị thực hiện)."""

    id: Id
    name: Text


class Milestone(Model):
    """A dated milestone (mốc) of a task whose timeframe is "Theo kế hoạch"."""

    date: Day
    label: Text
    id: Id | None = None


class Task(Model):
    """A task (nhiệm vụ) of the plan: one row of the plan's table."""

    id: Id
    content: Text
    outputs: list[Text] = Field(default_factory=empty_list)
    responsibility: Text | None = None
    lead: Annotated[list[Id], MinLen(1)]
    support: list[Id] = Field(default_factory=empty_list)
    monitor: list[Id] = Field(default_factory=empty_list)
    timeframe: Text
    #: The "Thời gian thực hiện" cell as printed, when it differs from ``timeframe``.
    timeframe_text: Text | None = None
    schedule: list[Text] | None = None
    milestones: list[Milestone] = Field(default_factory=empty_list)
    #: a report to the level above (due on the reporting calendar's date)? None: from its words
    report: bool | None = None
    #: How a sentence names the task, used whole (None: the content's first clause).
    short: Text | None = None


#: The standard headings of a KSTTHC report, in their order (see ``compute.report.HEADINGS``).
Heading = Literal[
    "chi-dao", "cong-khai", "ra-soat", "phan-anh", "mot-cua", "dien-tu", "truyen-thong"
]


class Section(Model):
    """A section (mục I…X) of the plan."""

    id: Id
    title: Text
    #: The report's heading the section's tasks go under (None: from the section's title).
    heading: Heading | None = None
    tasks: list[Task] = Field(default_factory=empty_list)


class Plan(Model):
    """``plan_N.yaml``: the decision, the reporting settings, units, sections and tasks."""

    year: Year
    title: Text
    issuing_body: Text
    parent_body: Text | None = None
    place: Text
    #: the day a plan issued mid-year starts (re-issued after the 2025 merger): nothing is owed
    #: before it, and the year to date counts from it
    starts: Day | None = None
    decision: Decision
    reporting: Reporting
    units: Annotated[list[Unit], MinLen(1)]
    sections: Annotated[list[Section], MinLen(1)]

    def all_tasks(self) -> list[tuple[Section, Task]]:
        return [(s, t) for s in self.sections for t in s.tasks]

    def unit_names(self) -> dict[str, str]:
        return {u.id: u.name for u in self.units}


# ---------------------------------------------------------------- indicators_N.yaml

Op = Literal[">=", ">", "<=", "<", "=="]

_OP_SIGNS: dict[str, Op] = {
    ">=": ">=",
    "=>": ">=",
    "≥": ">=",
    ">": ">",
    "<=": "<=",
    "=<": "<=",
    "≤": "<=",
    "<": "<",
    "==": "==",
    "=": "==",
}


def _op_sign(value: Any) -> Any:
    """``op`` in a target block takes the same signs as the one-line form (``=``, ``≥``, ``=>``)."""
    if isinstance(value, str):
        return _OP_SIGNS.get(value.strip(), value)
    return value


#: Words before the number, folded (lower case, no diacritics); "đạt" may precede any of them.
_OP_WORDS: dict[str, Op] = {
    "toi thieu": ">=",
    "it nhat": ">=",
    "khong thap hon": ">=",
    "khong duoi": ">=",
    "khong nho hon": ">=",
    "toi da": "<=",
    "khong qua": "<=",
    "khong vuot qua": "<=",
    "khong cao hon": "<=",
    "khong lon hon": "<=",
    "tren": ">",
    "lon hon": ">",
    "cao hon": ">",
    "duoi": "<",
    "nho hon": "<",
    "thap hon": "<",
    "bang": "==",
}
_AFTER: dict[str, Op] = {"tro len": ">=", "tro xuong": "<="}
_TARGET = re.compile(
    r"^(?:(?P<sign>>=|=>|<=|=<|==|[≥≤><=])|(?P<dat>dat\b)?\s*(?P<words>[a-z ]*?))\s*"
    r"(?P<number>\d+(?:[.,]\d{1,2})?)\s*%?\s*(?P<after>tro len|tro xuong)?$"
)

TARGET_FORMS = (
    'Viết chỉ tiêu theo một trong các dạng: ">= 80%", "≥ 80 %", "> 50", "<= 5", "= 100", '
    '"Tối thiểu 80%", "Ít nhất 90%", "Tối đa 5", "Không quá 5", "Đạt 100%", "80% trở lên", '
    'hoặc chỉ một số như "100" (nghĩa là ≥ 100); số lẻ viết 92,5. Hoặc viết thành khối:\n'
    "      target:\n"
    '        text: "Tối thiểu 80"\n'
    '        op: ">="\n'
    "        value: 80"
)


def read_target(text: str) -> tuple[Op, float] | None:
    """The operator and value of a target as an officer words it: ">= 80%", "Tối thiểu 80",
    "Không quá 5", "100" (a bare number is "at least"); ``None`` when it cannot be read."""
    folded = " ".join(fold(text).split())
    m = _TARGET.match(folded)
    if m is None:
        return None
    value = float(m["number"].replace(",", "."))
    after = _AFTER.get(m["after"] or "")
    words = (m["words"] or "").strip()
    if m["sign"]:
        op = _OP_SIGNS[m["sign"]]
    elif words and words != "tu":  # "từ 80% (trở lên)": the words after the number decide
        if words not in _OP_WORDS:
            return None
        op = _OP_WORDS[words]
    else:
        op = after or ">="
    if after is not None and after != op:
        return None  # "tối đa 5 trở lên" says two things
    return op, value


class Target(Model):
    """A target (chỉ tiêu) as worded and as operator + value.

    Written as a block (``text``, ``op``, ``value``) or as the words alone, ``target: ">= 80%"``
    or ``target: "Tối thiểu 80"``, which are read into operator and value here.
    """

    text: Text
    op: Annotated[Op, BeforeValidator(_op_sign)] = ">="
    value: Annotated[float, Ge(0)]

    @model_validator(mode="before")
    @classmethod
    def _from_words(cls, data: Any) -> Any:
        """The one-line form is read into a block before the block is checked."""
        if isinstance(data, bool) or not isinstance(data, (str, int, float)):
            return data
        text = _to_text(data)
        read = read_target(text) if text else None
        if read is None:
            raise problem(said("bad-value/target", text=text, forms=TARGET_FORMS))
        op, value = read
        return {"text": text, "op": op, "value": value}


class AssignmentRule(Model):
    """The appendix's rule for assigning targets from last year's result."""

    text: Text | None = None
    increase: Annotated[float, Ge(0), Le(100)] = 10
    mode: Literal["points", "relative"] = "points"
    cap: Annotated[float, Gt(0)] = 100
    #: What rule (b) means for an indicator that counts things (unit other than ``%``), where
    #: "+10 points" means nothing: ``central`` = the central target as is; ``baseline`` = not
    #: below last year's result; ``relative`` = last year's result raised by ``increase`` %,
    #: rounded up to a whole number. ``cap`` (a percentage's bound) does not apply to counts.
    counts: Literal["central", "baseline", "relative"] = "central"


class Formula(Model):
    """How a derived indicator is computed from ``figures_N.yaml``: each side a count name of
    ``compute.figures.VOCABULARY`` or a sum of them (``dossiers.resolved.early+…``)."""

    numerator: Text
    denominator: Text


#: How an indicator's figures add up over periods: Σ numerators / Σ denominators (a ratio),
#: the periods' values summed (things that happen: dialogues held, documents issued), or the
#: latest period's value (what there is at the period's end: procedures in competence, a rate).
Aggregate = Literal["ratio", "sum", "latest"]


class Indicator(Model):
    """An indicator (chỉ tiêu) of the appendix."""

    id: Id
    #: Its code in the national catalogue (``load.catalogue``): how rollup pools communes.
    code: Id | None = None
    name: Text
    unit: Text = "%"
    target: Target
    responsibility: Text | None = None
    units: list[Id] = Field(default_factory=empty_list)
    measure: Literal["ratio", "value"] = "ratio"
    numerator: Text | None = None
    denominator: Text | None = None
    baseline: Annotated[float, Ge(0)] | None = None
    #: Computed from the figures file (never typed) when given.
    formula: Formula | None = None
    #: How its figures add up over periods; ``None``: the catalogue's for its code, else
    #: ``ratio`` for a ratio, ``latest`` for a percentage entered directly, ``sum`` for a count.
    aggregate: Aggregate | None = None

    @property
    def is_percent(self) -> bool:
        """A percentage (unit ``%``); anything else (``cuộc``, ``văn bản``, ``TTHC``) is a count
        or quantity: shown without ``%``, never judged or assigned as a percentage."""
        return self.unit.strip() == "%"


class IndicatorSet(Model):
    """``indicators_N.yaml``."""

    year: Year
    source: Text | None = None
    title: Text | None = None
    assignment_rule: AssignmentRule = Field(default_factory=AssignmentRule)
    indicators: list[Indicator] = Field(default_factory=empty_list)


# ---------------------------------------------------------------- actuals_N.yaml


class TaskRecord(Model):
    """What was done on a task (kết quả thực hiện nhiệm vụ)."""

    task: Id
    period: Text | None = None
    status: Literal["done", "in-progress"] = "done"
    date: Day
    evidence: Text | None = None
    note: Text | None = None
    #: The day the record was made (``kstthc record`` writes it); an old record has none.
    recorded: Day | None = None


def _count(value: Any) -> Any:
    """A count of dossiers as written: whole digits only. ``1.000`` (which YAML reads as 1.0)
    and ``1,000`` are how a thousand is written in Vietnamese, so neither is guessed at."""
    if value is None:
        return value
    if isinstance(value, bool):
        raise problem(said("bad-value/count-bool", written="true" if value else "false"))
    raw = getattr(value, "raw", None)
    if raw is not None and raw.isdigit() and raw.isascii() and len(raw) <= MAX_DIGITS:
        return int(value)  # whole digits, as almost every count is written
    if raw is None:
        if isinstance(value, int):
            return value
        if not isinstance(value, (str, float)):
            return value
        raw = str(value)
    written = raw.strip()
    reading = read_count(written)
    if reading.kind == "whole":
        return reading.number
    if reading.kind == "words":
        return value  # pydantic's "phải là số nguyên"
    if reading.kind == "long":
        digits = f"{len(reading.digits):,}".replace(",", ".")
        most = f"{MAX_DIGITS:,}".replace(",", ".")
        raise problem(said("number-too-long/count", digits=digits, most=most))
    if reading.kind == "grouped":
        raise problem(said("bad-value/count-grouped", written=written, digits=reading.digits))
    if reading.kind == "decimal":
        raise problem(said("bad-value/count-decimal", written=written, digits=reading.digits))
    if reading.kind == "spaced":
        raise problem(said("bad-value/count-spaced", written=written, digits=reading.digits))
    raise problem(said("bad-value/count", written=written))


#: A count of dossiers (numerator, denominator): a whole number written without separators.
Count = Annotated[Annotated[int, Ge(0)] | None, BeforeValidator(_count)]


def _decimal_comma(value: Any) -> Any:
    """``92,5`` as a Vietnamese writes it (YAML reads it as text) is 92.5, as on the command
    line."""
    if isinstance(value, str) and re.fullmatch(r"\s*\d+,\d+\s*", value):
        return value.strip().replace(",", ".")
    return value


#: A percentage or other value entered directly (satisfaction…).
Value = Annotated[float | None, BeforeValidator(_decimal_comma)]


class IndicatorRecord(Model):
    """An indicator's figures for one period (số liệu chỉ tiêu)."""

    indicator: Id
    period: Text
    numerator: Count = None
    denominator: Count = None
    value: Value = None
    #: nothing to count in the period (không phát sinh: no complaint in the quarter): no
    #: figure, never judged, never read as missing
    none: bool = False
    note: Text | None = None
    #: The day the figure was recorded (``kstthc record`` writes it); an old record has none.
    recorded: Day | None = None


class Actuals(Model):
    """``actuals_N.yaml``: written by ``kstthc record``, editable by hand."""

    year: Year | None = None
    tasks: list[TaskRecord] = Field(default_factory=empty_list)
    indicators: list[IndicatorRecord] = Field(default_factory=empty_list)
