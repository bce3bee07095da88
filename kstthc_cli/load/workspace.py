"""Finding and loading a workspace: the plan, indicators and actuals of one year, validated.

(Workspace = thư mục dữ liệu.) ``load_workspace`` never raises for bad data: it returns the
problems it found; ``open_workspace`` raises ``DataError`` when any of them is an error.
"""

from __future__ import annotations

import copy
import os
import re
import typing
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from kstthc_cli.errors import DataError, UsageError, WriteRefused
from kstthc_cli.load.models import (
    PROBLEM,
    Actuals,
    IndicatorRecord,
    IndicatorSet,
    Model,
    Plan,
    TaskRecord,
)
from kstthc_cli.load.text import closest, did_you_mean
from kstthc_cli.load.yamlio import Document, display_path, parse_into, read_document
from kstthc_cli.problems import Problem, has_errors

if TYPE_CHECKING:
    from pydantic import ValidationError

    from kstthc_cli.load.figures_model import Figures

M = TypeVar("M", bound=Model)

PLAN_FILE = re.compile(r"^plan_(\d{4})\.yaml$")


def bundled_root() -> Path:
    """Where the shipped workspace and templates are: inside the wheel, or the source checkout."""
    package = Path(__file__).resolve().parent.parent
    inside = package / "_bundled"
    return inside if inside.is_dir() else package.parent


def refuse_bundled(data_dir: Path) -> None:
    """The sample data installed with kstthc is read-only: a file written there would vanish
    with the next upgrade (in a source checkout, ``data/`` is the officer's own workspace)."""
    root = bundled_root()
    if root.name == "_bundled" and data_dir.resolve().is_relative_to(root.resolve()):
        raise WriteRefused(
            "Đang dùng bộ dữ liệu mẫu cài kèm kstthc; không ghi vào đó.",
            f"Sao chép thư mục {data_dir} thành thư mục data của mình và dùng bản sao đó.",
            about="bundled",
            details={"folder": data_dir},
        )


def default_data_dir() -> Path:
    """``--data`` by default: ``KSTTHC_DATA``, else ``./data`` if it has a plan, else bundled."""
    env = os.environ.get("KSTTHC_DATA")
    if env:
        return Path(env)
    local = Path("data")
    if local.is_dir() and any(PLAN_FILE.match(p.name) for p in local.iterdir()):
        return local
    return bundled_root() / "data"


def new_year_journal(year: int) -> str:
    """The name of the note ``new-year`` keeps while it moves a year's two files in (a hidden
    temporary file, which the folder's ``.gitignore`` leaves out)."""
    return f".new-year_{year}.tmp"


def plan_years(data_dir: Path) -> list[int]:
    """The years the folder has a plan of. A year ``new-year`` was still moving in when it
    stopped (its note is there, one of its two files is not) is not one yet."""
    if not data_dir.is_dir():
        return []
    names = {p.name for p in data_dir.iterdir()}
    years = [int(m.group(1)) for name in names if (m := PLAN_FILE.match(name))]
    return sorted(
        y for y in years if new_year_journal(y) not in names or file_names(y)["indicators"] in names
    )


def resolve_year(data_dir: Path, year: int | None, as_of: date | None = None) -> int:
    """The plan year a command opens: ``year`` (``--year``) if given; else the year of ``as_of``
    (the day the command judges by) when the folder has that year's plan, so a day of 2024 opens
    the 2024 plan even once the 2025 plan is made; else the latest plan in the folder."""
    if not data_dir.exists():
        raise UsageError(
            f"Không tìm thấy thư mục dữ liệu '{data_dir}'.",
            "Chỉ ra đúng thư mục chứa plan_<năm>.yaml.",
            about="data-folder",
        )
    if not data_dir.is_dir():
        raise UsageError(
            f"'{data_dir}' là một tệp, không phải thư mục dữ liệu.",
            "Chỉ ra đúng thư mục chứa plan_<năm>.yaml.",
            about="data-folder",
        )
    years = plan_years(data_dir)
    if year is not None and year not in years:
        have = ", ".join(str(y) for y in years) or "không có năm nào"
        raise UsageError(
            f"Thư mục '{data_dir}' không có kế hoạch năm {year} (plan_{year}.yaml).",
            f"Các năm có kế hoạch: {have}. Lập kế hoạch năm mới bằng: kstthc new-year {year}.",
        )
    if year is not None:
        return year
    if not years:
        raise UsageError(
            f"Thư mục '{data_dir}' không có tệp kế hoạch plan_<năm>.yaml nào.",
            "Chỉ ra đúng thư mục dữ liệu (thư mục chứa plan_<năm>.yaml).",
            about="data-folder-example",
        )
    if as_of is not None and as_of.year in years:
        return as_of.year
    return years[-1]


@dataclass
class Workspace:
    """One year of one commune: the three files, parsed and validated."""

    data_dir: Path
    year: int
    plan: Plan
    indicators: IndicatorSet
    actuals: Actuals
    #: The files as read ("plan", "indicators", and "actuals" when that file exists).
    docs: dict[str, Document]
    problems: list[Problem] = field(default_factory=list)
    #: Where each valid record stands in the actuals file (records with errors are left out).
    task_rows: list[int] = field(default_factory=list)
    indicator_rows: list[int] = field(default_factory=list)
    #: ``figures_N.yaml`` (số liệu), ``None`` when the folder has none.
    figures: Figures | None = None

    def __post_init__(self) -> None:
        if len(self.task_rows) != len(self.actuals.tasks):
            self.task_rows = list(range(len(self.actuals.tasks)))
        if len(self.indicator_rows) != len(self.actuals.indicators):
            self.indicator_rows = list(range(len(self.actuals.indicators)))

    @property
    def actuals_path(self) -> Path:
        return self.data_dir / f"actuals_{self.year}.yaml"


#: The officer's own files in a data folder: what a generated report must never overwrite.
_INPUT_FILE = re.compile(
    r"^(?:(?:plan|indicators|actuals|figures)_\d{4}\.yaml|narrative_.+\.md"
    r"|(?:assessment|causes|proposals)_.+\.(?:md|docx))$"
)


def is_input_file(path: Path, data_dir: Path) -> bool:
    """``path`` is (or would be) one of the officer's files in ``data_dir``: a plan, indicators,
    records, a narrative, or a report template under ``templates/``."""
    target, folder = Path(os.path.realpath(path)), Path(os.path.realpath(data_dir))
    return (target.parent == folder and bool(_INPUT_FILE.match(target.name))) or (
        target.parent == folder / "templates"
    )


def file_names(year: int) -> dict[str, str]:
    return {
        "plan": f"plan_{year}.yaml",
        "indicators": f"indicators_{year}.yaml",
        "actuals": f"actuals_{year}.yaml",
        "figures": f"figures_{year}.yaml",
    }


def load_workspace(
    data_dir: Path,
    year: int | None = None,
    *,
    as_of: date | None = None,
    actuals_text: str | None = None,
    figures_text: str | None = None,
    rules: bool = True,
) -> tuple[Workspace | None, list[Problem]]:
    """Load and validate a workspace of the year ``resolve_year`` picks (``as_of`` is the day
    the command judges by). ``actuals_text`` / ``figures_text`` replace those files (for
    writes). ``rules=False``: the files read into their models only, the rules across them
    not run (``record`` runs them once, on the workspace as it will be)."""
    from kstthc_cli.rules import validate  # the rules need the models loaded first

    year = resolve_year(data_dir, year, as_of)
    names = file_names(year)
    problems: list[Problem] = []
    docs: dict[str, Document] = {}

    plan_doc = read_document(data_dir / names["plan"])
    docs["plan"] = plan_doc
    ind_doc = read_document(data_dir / names["indicators"])
    docs["indicators"] = ind_doc
    actuals_path = data_dir / names["actuals"]
    act_doc: Document | None = None
    if actuals_text is not None:
        act_doc = Document(path=actuals_path, display=display_path(actuals_path), text=actuals_text)
        parse_into(act_doc)
    elif actuals_path.exists() or actuals_path.is_symlink():  # a broken link is unreadable
        act_doc = read_document(actuals_path)
    if act_doc is not None:
        docs["actuals"] = act_doc
    figures_path = data_dir / names["figures"]
    fig_doc: Document | None = None
    if figures_text is not None:
        fig_doc = Document(path=figures_path, display=display_path(figures_path), text=figures_text)
        parse_into(fig_doc)
    elif figures_path.exists():
        fig_doc = read_document(figures_path)
    if fig_doc is not None:
        docs["figures"] = fig_doc

    dropped: set[tuple[str, int | None, int | None]] = set()
    plan = _model(plan_doc, Plan, problems, dropped)
    indicators = _model(ind_doc, IndicatorSet, problems, dropped)
    loaded = _actuals(act_doc, problems) if act_doc is not None else (Actuals(), [], [])
    if plan is None or indicators is None or loaded is None:
        return None, problems
    actuals, task_rows, indicator_rows = loaded
    figures = None
    if fig_doc is not None:  # the figures models are imported only by a folder that has figures
        from kstthc_cli.load.figures_model import Figures

        figures = _model(fig_doc, Figures, problems, dropped)

    ws = Workspace(
        data_dir, year, plan, indicators, actuals, docs, [], task_rows, indicator_rows, figures
    )
    if not rules:
        ws.problems = problems
        return ws, problems
    # A rule's finding at the very spot of a value read without (its error is already there,
    # e.g. "no decision date" beside "impossible decision date") would only repeat it.
    found = validate.validate(ws, as_of=as_of)
    problems.extend(p for p in found if (p.file, p.line, p.column) not in dropped)
    ws.problems = problems
    return ws, problems


def open_workspace(
    data_dir: Path, year: int | None = None, *, as_of: date | None = None
) -> Workspace:
    """Load a workspace for a command that needs valid data; errors stop the run."""
    ws, problems = load_workspace(data_dir, year, as_of=as_of)
    if ws is None or has_errors(problems):
        raise DataError(problems)
    return ws


def _model(
    doc: Document | None,
    model: type[M],
    problems: list[Problem],
    dropped: set[tuple[str, int | None, int | None]],
) -> M | None:
    """The file read as ``model``; its problems added to ``problems``. With errors the file is
    still read if ``_salvaged`` can, so the rules across files run (the spots of the values it
    read without go to ``dropped``); the workspace stays invalid."""
    if doc is None:
        return None
    problems.extend(doc.problems)
    if doc.problems and doc.data is None:
        return None
    data = doc.data
    if data is None:
        data = {}
    if not isinstance(data, dict):
        problems.append(
            doc.problem(
                [],
                "not-a-mapping",
                "Tệp phải là một khối 'khóa: giá trị' ở cấp ngoài cùng.",
                "Xem ví dụ trong README; mỗi dòng cấp ngoài cùng bắt đầu bằng một khóa.",
            )
        )
        return None
    from pydantic import ValidationError

    try:
        result = model.model_validate(data)
    except ValidationError as exc:
        problems.extend(translate(doc, model, exc))
        salvaged = _salvaged(data, model, exc)
        if salvaged is None:
            return None
        result, locs = salvaged
        for loc in locs:
            dropped.add((doc.display, *doc.locate(list(loc))))
        return result
    return None if doc.problems else result


def _salvaged(
    data: dict[str, Any], model: type[M], exc: ValidationError
) -> tuple[M, list[tuple[Any, ...]]] | None:
    """The file read past its errors (already reported), so the rules that look across files
    still run and ``check`` shows every problem at once: unknown keys left out (a misspelled
    required key read as the key it resembles), and a bad value of a key that may be left out
    (a date, a due day, a baseline) read as if it were. A bad required value, or a bad item
    of a list, stops it: reading on without it would invent problems (records of a task that
    seems not to exist). Returns the model and where values were left out."""
    from pydantic import ValidationError

    errors = exc.errors()
    optional: list[tuple[Any, ...]] = []
    for e in errors:
        if e["type"] in (*_UNKNOWN_KEY, "missing"):
            continue
        field = _optional_field(model, e["loc"])
        if field is None:
            return None
        optional.append(field)
    cleaned = copy.deepcopy(data)

    def parent(loc: tuple[Any, ...]) -> Any:
        node: Any = cleaned
        for part in loc[:-1]:
            node = node[part]
        return node

    extra = [e["loc"] for e in errors if e["type"] in _UNKNOWN_KEY]
    for e in errors:
        if e["type"] != "missing":
            continue
        *where, wanted = e["loc"]
        near = [loc for loc in extra if list(loc[:-1]) == where and isinstance(loc[-1], str)]
        close = closest(str(wanted), [str(loc[-1]) for loc in near], cutoff=0.6)
        if close is None:
            return None  # a key truly missing: reading on would invent problems
        node = parent(e["loc"])
        node[wanted] = node.pop(close)
        extra = [loc for loc in extra if not (list(loc[:-1]) == where and loc[-1] == close)]
    for loc in [*extra, *optional]:
        try:
            node = parent(loc)
        except (KeyError, IndexError, TypeError):
            return None
        if isinstance(node, dict):
            node.pop(loc[-1], None)
    try:
        return model.model_validate(cleaned), optional
    except ValidationError:
        return None


def _optional_field(model: type[Model], loc: Sequence[Any]) -> tuple[Any, ...] | None:
    """Where the key that holds the value at ``loc`` is, if its model lets it be left out:
    ``("decision", "date")`` for an impossible decision date; ``None`` for a required key or
    an item of a list."""
    current: type[Model] | None = model
    found: tuple[Any, ...] | None = None
    for i, step in enumerate(loc):
        if isinstance(step, int):
            found = None  # inside a list: an item, not a key
            continue
        fields = current.model_fields if current else {}
        if step not in fields:
            break
        f = fields[step]
        found = tuple(loc[: i + 1]) if not f.is_required() else None
        current = _inner_model(f.annotation)
    return found


def _actuals(doc: Document, problems: list[Problem]) -> tuple[Actuals, list[int], list[int]] | None:
    """Actuals record by record, so one bad record does not hide the problems of the others."""
    problems.extend(doc.problems)
    if doc.problems and doc.data is None:
        return None
    data = doc.data if doc.data is not None else {}
    if not isinstance(data, dict):
        problems.append(
            doc.problem(
                [],
                "not-a-mapping",
                "Tệp phải là một khối 'khóa: giá trị' ở cấp ngoài cùng.",
                "Xem ví dụ trong README: year, tasks, indicators.",
            )
        )
        return None
    from pydantic import ValidationError

    try:  # the usual case, every record valid, in one call (record by record costs 2× more)
        whole = Actuals.model_validate(data)
    except ValidationError:
        pass
    else:
        return whole, list(range(len(whole.tasks))), list(range(len(whole.indicators)))
    shell = {k: ([] if k in ("tasks", "indicators") else v) for k, v in data.items()}
    try:
        base = Actuals.model_validate(shell)
    except ValidationError as exc:
        problems.extend(translate(doc, Actuals, exc))
        return None
    kept: dict[str, tuple[list[Any], list[int]]] = {}
    model: type[Model]
    for key, model in (("tasks", TaskRecord), ("indicators", IndicatorRecord)):
        items = data.get(key)
        records: list[Any] = []
        rows: list[int] = []
        if items is not None and not isinstance(items, list):
            problems.append(
                doc.problem(
                    [key],
                    "bad-value",
                    f"'{key}' phải là một danh sách.",
                    "Mỗi bản ghi một mục, bắt đầu bằng '- '.",
                )
            )
            items = []
        for i, item in enumerate(items or []):
            try:
                records.append(model.model_validate(item))
                rows.append(i)
            except ValidationError as exc:
                problems.extend(translate(doc, Actuals, exc, prefix=[key, i]))
        kept[key] = (records, rows)
    actuals = base.model_copy(
        update={"tasks": kept["tasks"][0], "indicators": kept["indicators"][0]}
    )
    return actuals, kept["tasks"][1], kept["indicators"][1]


# ---------------------------------------------------------------- pydantic → Vietnamese

#: A key the model does not have (``extra="forbid"``).
_UNKNOWN_KEY = ("extra_forbidden",)

_TYPE_MESSAGES = {
    "string_type": ("phải là văn bản", 'Đặt giá trị trong ngoặc kép, ví dụ: "Quý I".'),
    "int_type": ("phải là số nguyên", "Viết một số không có phần thập phân, ví dụ 130."),
    "int_parsing": ("phải là số nguyên", "Viết một số không có phần thập phân, ví dụ 130."),
    "int_from_float": ("phải là số nguyên", "Viết một số không có phần thập phân, ví dụ 130."),
    "float_type": ("phải là một số", "Viết số với dấu chấm thập phân, ví dụ 62.5."),
    "float_parsing": ("phải là một số", "Viết số với dấu chấm thập phân, ví dụ 62.5."),
    "bool_type": ("phải là true hoặc false", "Viết true (có) hoặc false (không)."),
    "bool_parsing": ("phải là true hoặc false", "Viết true (có) hoặc false (không)."),
    "list_type": ("phải là một danh sách", "Mỗi mục một dòng, bắt đầu bằng '- '."),
    "model_type": ("phải là một khối 'khóa: giá trị'", "Thụt lề các khóa con dưới khóa này."),
    "dict_type": ("phải là một khối 'khóa: giá trị'", "Thụt lề các khóa con dưới khóa này."),
    "date_type": ("phải là một ngày", "Viết 2024-03-14 hoặc 14/03/2024."),
    "date_from_datetime_parsing": ("phải là một ngày", "Viết 2024-03-14 hoặc 14/03/2024."),
    "string_too_short": ("không được để trống", "Điền nội dung, hoặc xóa cả dòng nếu không dùng."),
    "too_short": ("không được để trống", "Thêm ít nhất một mục."),
    "finite_number": ("phải là một số hữu hạn", ""),
}


def translate(
    doc: Document,
    model: type[Model],
    exc: ValidationError,
    prefix: Sequence[str | int] = (),
) -> list[Problem]:
    """Turn pydantic's errors into located Vietnamese problems."""
    out: list[Problem] = []
    for err in exc.errors(include_url=False):
        loc = [*prefix, *(x for x in err["loc"] if isinstance(x, (str, int)))]
        kind = err["type"]
        where = _dotted(loc)
        if kind == "missing":
            out.append(
                doc.problem(
                    loc[:-1],
                    "missing-key",
                    f"Thiếu khóa bắt buộc '{loc[-1]}'"
                    + (f" trong {_dotted(loc[:-1])}." if loc[:-1] else "."),
                    f"Thêm dòng '{loc[-1]}: …' (xem ví dụ trong README).",
                )
            )
        elif kind in _UNKNOWN_KEY:
            known = _fields_at(model, loc[:-1])
            hint = did_you_mean(str(loc[-1]), known) or (
                "Các khóa được dùng ở đây: " + ", ".join(known) + "."
            )
            out.append(
                doc.problem(
                    loc, "unknown-key", f"Khóa '{loc[-1]}' không có trong mẫu.", hint, key=True
                )
            )
        elif kind in _TYPE_MESSAGES:
            what, hint = _TYPE_MESSAGES[kind]
            out.append(
                doc.problem(
                    loc, "bad-value", f"{where} {what} (đang là {_shown(err['input'])}).", hint
                )
            )
        elif kind == "string_too_long":  # an id (mã) longer than the models allow
            most = err.get("ctx", {}).get("max_length", "")
            out.append(
                doc.problem(
                    loc,
                    "bad-value",
                    f"{where} dài quá {most} ký tự (đang có {len(err['input'])} ký tự).",
                    f"Viết mã ngắn gọn hơn, tối đa {most} ký tự.",
                )
            )
        elif kind == "literal_error":
            expected = str(err.get("ctx", {}).get("expected", "")).replace(" or ", " hoặc ")
            out.append(
                doc.problem(
                    loc,
                    "bad-value",
                    f"{where} không hợp lệ (đang là {_shown(err['input'])}).",
                    f"Chọn một trong: {expected}.",
                )
            )
        elif kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
            ctx = err.get("ctx", {})
            bound = next(iter(ctx.values()), "")
            word = {
                "greater_than_equal": "không được nhỏ hơn",
                "greater_than": "phải lớn hơn",
                "less_than_equal": "không được lớn hơn",
                "less_than": "phải nhỏ hơn",
            }[kind]
            code = "negative" if kind == "greater_than_equal" and bound == 0 else "out-of-range"
            out.append(
                doc.problem(
                    loc, code, f"{where} {word} {bound} (đang là {_shown(err['input'])}).", ""
                )
            )
        elif kind == PROBLEM:  # worded by the model itself (models.problem)
            ctx = err.get("ctx", {})
            out.append(
                doc.problem(
                    loc, str(ctx["code"]), f"{where}: {ctx['message']}.", str(ctx.get("hint", ""))
                )
            )
        elif kind == "value_error":
            msg = str(err.get("ctx", {}).get("error", err["msg"]))
            code = "bad-date" if "ngày" in msg else "bad-value"
            out.append(doc.problem(loc, code, f"{where}: {msg}.", ""))
        else:
            out.append(doc.problem(loc, "bad-value", f"{where}: {err['msg']}.", ""))
    return out


def _dotted(loc: Sequence[str | int]) -> str:
    parts: list[str] = []
    for step in loc:
        if isinstance(step, int):
            parts.append(f"[{step + 1}]")
        else:
            parts.append(("." if parts else "") + step)
    return "'" + "".join(parts) + "'" if parts else "Tệp"


def _shown(value: Any) -> str:
    if value is None:
        return "trống"
    if isinstance(value, bool):  # as YAML writes it, not Python
        return "'true'" if value else "'false'"
    if isinstance(value, (dict, list)):
        return "một khối" if isinstance(value, dict) else "một danh sách"
    text = str(getattr(value, "raw", value))
    return f"'{text[:40]}'"


def _fields_at(model: type[Model], loc: Sequence[str | int]) -> list[str]:
    current: type[Model] | None = model
    for step in loc:
        if isinstance(step, int):
            continue
        if current is None or step not in current.model_fields:
            return []
        current = _inner_model(current.model_fields[step].annotation)
    return list(current.model_fields) if current is not None else []


def _inner_model(annotation: Any) -> type[Model] | None:
    """The model a field holds, itself or as the items of a list or an optional value."""
    if isinstance(annotation, type) and issubclass(annotation, Model):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None
