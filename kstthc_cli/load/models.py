"""The workspace's files as data classes: plan, indicators (chỉ tiêu) and actuals (kết quả).

Models say what shape a file has; rules that look across fields or files live in ``validate``.
Text fields accept unquoted numbers as written (``id: 11.3`` is the text "11.3").

They are standard-library dataclasses that pydantic validates (``validate_as``), not pydantic
models: importing pydantic's model machinery costs more than the whole of ``kstthc status``
otherwise, and a workspace read from the cache (``wscache``) needs no validation at all. The
constraints sit in the annotations (``Limits``, ``Before``) and become pydantic's own only when a
file is validated.
"""

# No ``from __future__ import annotations`` here: pydantic reads the annotations as objects.
import dataclasses
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal, TypeVar

from kstthc_cli.compute.periods import fold

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler
    from pydantic_core import CoreSchema, PydanticCustomError

#: The pydantic error type of our own problems: ``ctx`` carries the code, message and hint that
#: ``workspace.translate`` shows as they are.
PROBLEM = "kstthc_problem"

T = TypeVar("T")


def problem(code: str, message: str, hint: str = "") -> "PydanticCustomError":
    """A located problem raised from a validator, worded by the model itself."""
    from pydantic_core import PydanticCustomError

    return PydanticCustomError(
        PROBLEM, "{message}", {"code": code, "message": message, "hint": hint}
    )


@functools.cache
def _adapter(model: object) -> Any:
    from pydantic import TypeAdapter

    kind: Any = model  # a model class (``object`` only to be a key of the cache)
    return TypeAdapter(kind)


def validate_as(model: type[T], data: Any) -> T:
    """``data`` (as read from YAML) checked and read as ``model``; raises pydantic's
    ``ValidationError``, which ``workspace.translate`` words in Vietnamese."""
    kind: object = model  # a class is hashable; mypy cannot see it through ``type[T]``
    result: T = _adapter(kind).validate_python(data)
    return result


class Before:
    """Run ``func`` on the value as written before its type is checked (pydantic's
    ``BeforeValidator``, known to pydantic only when a file is validated)."""

    __slots__ = ("func",)

    def __init__(self, func: Callable[[Any], Any]) -> None:
        self.func = func

    def __get_pydantic_core_schema__(
        self, source: Any, handler: "GetCoreSchemaHandler"
    ) -> "CoreSchema":
        from pydantic_core import core_schema

        return core_schema.no_info_before_validator_function(self.func, handler(source))


class Limits:
    """Bounds of a number (``ge``, ``gt``, ``le``) or length of a text or list
    (``min_length``, ``max_length``), as pydantic's ``Field`` takes them. Written straight
    after the type it bounds."""

    __slots__ = ("bounds",)

    _KINDS = frozenset({"int", "float", "str", "list"})

    def __init__(self, **bounds: float) -> None:
        self.bounds = bounds

    def __get_pydantic_core_schema__(
        self, source: Any, handler: "GetCoreSchemaHandler"
    ) -> "CoreSchema":
        schema = handler(source)
        if schema["type"] not in self._KINDS:
            raise TypeError(f"Limits apply to numbers, texts and lists, not {source!r}")
        return {**schema, **self.bounds}


@dataclass(frozen=True, kw_only=True)
class Model:
    """A model class: frozen, fields by keyword only, and (for pydantic) unknown keys refused."""

    __pydantic_config__: ClassVar[dict[str, Any]] = {"extra": "forbid"}


def field_types(model: type[Any]) -> dict[str, Any]:
    """A model's keys and their annotations (for hints about misspelled keys)."""
    if not dataclasses.is_dataclass(model):
        return {}
    return {f.name: f.type for f in dataclasses.fields(model)}


def _to_text(value: Any) -> Any:
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
        raise ValueError("phải là một ngày, ví dụ 2024-03-14 hoặc 14/03/2024")
    if m := _ISO.match(value):
        y, mo, d = (int(x) for x in m.groups())
    elif m := _DMY.match(value):
        d, mo, y = (int(x) for x in m.groups())
    else:
        raise ValueError(f"'{value}' không phải là ngày; viết 2024-03-14 hoặc 14/03/2024")
    try:
        return date(y, mo, d)
    except ValueError:
        raise ValueError(f"ngày {d:02d}/{mo:02d}/{y} không có thật trên lịch") from None


def _to_id(value: Any) -> Any:
    """An id (task, indicator, unit, section…) as text, NFKC-normalised (a full-width ``１`` is
    ``1``); an invisible character in it (zero-width space, joiner, direction mark: Unicode's
    format and control characters) is refused, so two ids that look alike are never two."""
    value = _to_text(value)
    if not isinstance(value, str):
        return value
    import unicodedata

    value = unicodedata.normalize("NFKC", value)
    hidden = [ch for ch in value if unicodedata.category(ch) in ("Cf", "Cc", "Co", "Cn")]
    if hidden:
        raise problem(
            "invisible-character",
            f"mã có ký tự ẩn U+{ord(hidden[0]):04X} (không nhìn thấy được)",
            "Gõ lại mã bằng tay, không dán từ Word hay trang web.",
        )
    return value


Text = Annotated[str, Limits(min_length=1), Before(_to_text)]
Id = Annotated[str, Limits(min_length=1, max_length=40), Before(_to_id)]
Day = Annotated[date, Before(parse_day)]
Year = Annotated[int, Limits(ge=2000, le=2100)]


# ---------------------------------------------------------------- plan_N.yaml


@dataclass(frozen=True, kw_only=True)
class LegalBasis(Model):
    """A cited legal basis (căn cứ pháp lý) of the decision."""

    text: Text
    number: Id | None = None
    date: Day | None = None
    group: int | None = None


@dataclass(frozen=True, kw_only=True)
class Article(Model):
    """An article (Điều) of the decision."""

    number: int
    text: Text


@dataclass(frozen=True, kw_only=True)
class Decision(Model):
    """The decision (quyết định) that issues the plan."""

    number: Text | None = None
    date: Day | None = None
    title: Text
    authority: Text | None = None
    signer: Text | None = None
    signer_title: Text | None = None
    proposed_by: Text | None = None
    legal_bases: list[LegalBasis] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    recipients: list[Text] = field(default_factory=list)


@dataclass(frozen=True, kw_only=True)
class Reporting(Model):
    """How and to whom periodic reports go (chế độ báo cáo)."""

    recipient: Text
    preparer: Id
    cutoff_rule: Literal["nd09", "calendar"] = "nd09"
    due_day: Annotated[int, Limits(ge=1, le=28)] = 17
    move_off_holidays: bool = True
    due_soon_days: Annotated[int, Limits(ge=0, le=90)] = 7
    report_number_suffix: Text = "BC-UBND"
    signer: Text | None = None
    signer_title: Text = "Chủ tịch"
    signing_on_behalf: Text | None = "TM. ỦY BAN NHÂN DÂN"
    report_recipients: list[Text] = field(default_factory=list)


@dataclass(frozen=True, kw_only=True)
class Unit(Model):
    """A responsible unit (cơ quan, đơn vị thực hiện)."""

    id: Id
    name: Text


@dataclass(frozen=True, kw_only=True)
class Milestone(Model):
    """A dated milestone (mốc) of a task whose timeframe is "Theo kế hoạch"."""

    date: Day
    label: Text
    id: Id | None = None


@dataclass(frozen=True, kw_only=True)
class Task(Model):
    """A task (nhiệm vụ) of the plan: one row of the plan's table."""

    id: Id
    content: Text
    outputs: list[Text] = field(default_factory=list)
    responsibility: Text | None = None
    lead: Annotated[list[Id], Limits(min_length=1)]
    support: list[Id] = field(default_factory=list)
    monitor: list[Id] = field(default_factory=list)
    timeframe: Text
    schedule: list[Text] | None = None
    milestones: list[Milestone] = field(default_factory=list)


@dataclass(frozen=True, kw_only=True)
class Section(Model):
    """A section (mục I…X) of the plan."""

    id: Id
    title: Text
    tasks: list[Task] = field(default_factory=list)


@dataclass(frozen=True, kw_only=True)
class Plan(Model):
    """``plan_N.yaml``: the decision, the reporting settings, units, sections and tasks."""

    year: Year
    title: Text
    issuing_body: Text
    parent_body: Text | None = None
    place: Text
    decision: Decision
    reporting: Reporting
    units: Annotated[list[Unit], Limits(min_length=1)]
    sections: Annotated[list[Section], Limits(min_length=1)]

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


@dataclass(frozen=True, kw_only=True)
class Target(Model):
    """A target (chỉ tiêu) as worded and as operator + value.

    Written as a block (``text``, ``op``, ``value``) or as the words alone, ``target: ">= 80%"``
    or ``target: "Tối thiểu 80"``, which are read into operator and value here.
    """

    text: Text
    op: Annotated[Op, Before(_op_sign)] = ">="
    value: Annotated[float, Limits(ge=0)]

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: "GetCoreSchemaHandler"
    ) -> "CoreSchema":
        """The one-line form is read into a block before the block is checked."""
        from pydantic_core import core_schema

        return core_schema.no_info_before_validator_function(cls._from_words, handler(source))

    @staticmethod
    def _from_words(data: Any) -> Any:
        if isinstance(data, bool) or not isinstance(data, (str, int, float)):
            return data
        text = _to_text(data)
        read = read_target(text) if text else None
        if read is None:
            raise problem("bad-value", f"Không đọc được chỉ tiêu '{text}'", TARGET_FORMS)
        op, value = read
        return {"text": text, "op": op, "value": value}


@dataclass(frozen=True, kw_only=True)
class AssignmentRule(Model):
    """The appendix's rule for assigning targets from last year's result."""

    text: Text | None = None
    increase: Annotated[float, Limits(ge=0, le=100)] = 10
    mode: Literal["points", "relative"] = "points"
    cap: Annotated[float, Limits(gt=0)] = 100


@dataclass(frozen=True, kw_only=True)
class Indicator(Model):
    """An indicator (chỉ tiêu) of the appendix."""

    id: Id
    name: Text
    unit: Text = "%"
    target: Target
    responsibility: Text | None = None
    units: list[Id] = field(default_factory=list)
    measure: Literal["ratio", "value"] = "ratio"
    numerator: Text | None = None
    denominator: Text | None = None
    baseline: Annotated[float, Limits(ge=0)] | None = None


@dataclass(frozen=True, kw_only=True)
class IndicatorSet(Model):
    """``indicators_N.yaml``."""

    year: Year
    source: Text | None = None
    title: Text | None = None
    assignment_rule: AssignmentRule = field(default_factory=AssignmentRule)
    indicators: list[Indicator] = field(default_factory=list)


# ---------------------------------------------------------------- actuals_N.yaml


@dataclass(frozen=True, kw_only=True)
class TaskRecord(Model):
    """What was done on a task (kết quả thực hiện nhiệm vụ)."""

    task: Id
    period: Text | None = None
    status: Literal["done", "in-progress"] = "done"
    date: Day
    evidence: Text | None = None
    note: Text | None = None


_DIGITS = re.compile(r"[-+]?\d+")
#: A count written with thousands grouped (``1.000``, ``12,500``): the Vietnamese way of
#: writing a thousand, never read as a decimal (shared with the command line).
GROUPED_COUNT = re.compile(r"\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*")


def _count(value: Any) -> Any:
    """A count of dossiers as written: whole digits only. ``1.000`` (which YAML reads as 1.0)
    and ``1,000`` are how a thousand is written in Vietnamese, so neither is guessed at."""
    if value is None:
        return value
    if isinstance(value, bool):
        raise problem(
            "bad-value",
            f"Số đếm phải là số nguyên, không phải {'true' if value else 'false'}",
            "Viết số hồ sơ bằng chữ số, ví dụ 40.",
        )
    raw = getattr(value, "raw", None)
    if raw is None:
        if isinstance(value, int):
            return value
        if not isinstance(value, (str, float)):
            return value
        raw = str(value)
    written = raw.strip()
    if _DIGITS.fullmatch(written):
        return int(written)
    if not any(c.isdigit() for c in written):
        return value  # words: pydantic's "phải là số nguyên"
    if "." in written or "," in written:
        message = f"Số đếm phải là số nguyên viết liền, không có dấu chấm hay phẩy: '{written}'"
        if GROUPED_COUNT.fullmatch(written):
            whole = re.sub(r"[.,]", "", written)
            hint = f"Nếu là {whole} hồ sơ, viết liền: {whole}."
        else:
            whole = re.split(r"[.,]", written, maxsplit=1)[0] or "0"
            hint = f"Số hồ sơ không có phần thập phân; viết số nguyên, ví dụ {whole}."
    else:
        message = f"Số đếm phải là số nguyên viết liền bằng chữ số: '{written}'"
        joined = "".join(written.split())
        if joined.isdigit():
            hint = f"Viết liền, không có dấu cách: {joined}."
        else:
            hint = "Viết số hồ sơ bằng các chữ số 0–9, ví dụ 1000."
    raise problem("bad-value", message, hint)


#: A count of dossiers (numerator, denominator): a whole number written without separators.
Count = Annotated[Annotated[int, Limits(ge=0)] | None, Before(_count)]


def _decimal_comma(value: Any) -> Any:
    """``92,5`` as a Vietnamese writes it (YAML reads it as text) is 92.5, as on the command
    line."""
    if isinstance(value, str) and re.fullmatch(r"\s*\d+,\d+\s*", value):
        return value.strip().replace(",", ".")
    return value


#: A percentage or other value entered directly (satisfaction…).
Value = Annotated[float | None, Before(_decimal_comma)]


@dataclass(frozen=True, kw_only=True)
class IndicatorRecord(Model):
    """An indicator's figures for one period (số liệu chỉ tiêu)."""

    indicator: Id
    period: Text
    numerator: Count = None
    denominator: Count = None
    value: Value = None
    note: Text | None = None


@dataclass(frozen=True, kw_only=True)
class Actuals(Model):
    """``actuals_N.yaml``: written by ``kstthc record``, editable by hand."""

    year: Year | None = None
    tasks: list[TaskRecord] = field(default_factory=list)
    indicators: list[IndicatorRecord] = field(default_factory=list)
