"""Finding and loading a workspace: the plan, indicators and actuals of one year, validated.

(Workspace = thư mục dữ liệu.) ``load_workspace`` never raises for bad data: it returns the
problems it found; ``open_workspace`` raises ``DataError`` when any of them is an error.
"""

from __future__ import annotations

import copy
import os
import re
import typing
from collections.abc import Callable, Mapping, Sequence
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
from kstthc_cli.load.yamlio import (
    Document,
    display_in,
    display_path,
    document_from_bytes,
    parse_into,
    read_document,
)
from kstthc_cli.messages import Said, said
from kstthc_cli.problems import Problem, has_errors

if TYPE_CHECKING:
    from pydantic import ValidationError

    from kstthc_cli.compute.schedule import YearCalendar
    from kstthc_cli.load.figures_model import Figures

M = TypeVar("M", bound=Model)

PLAN_FILE = re.compile(r"^plan_(\d{4})\.yaml$")


def bundled_root() -> Path:
    """Where the shipped workspace and templates are: inside the wheel, or the source checkout."""
    package = Path(__file__).resolve().parent.parent
    inside = package / "_bundled"
    return inside if inside.is_dir() else package.parent


def is_source_checkout(folder: Path) -> bool:
    """``folder`` is the top of a kstthc source checkout (its ``pyproject.toml`` beside the
    package): its ``data/`` is the shipped sample and its repository the project's own."""
    return (folder / "pyproject.toml").is_file() and (folder / "kstthc_cli" / "api.py").is_file()


def is_sample(data_dir: Path) -> bool:
    """``data_dir`` is (or is inside) the sample shipped with kstthc: the package's
    ``_bundled/data``, or the ``data/`` of a source checkout (this one or another), however it
    was reached (the fallback, ``--data``, ``KSTTHC_DATA``, a link)."""
    try:
        here = data_dir.resolve()
        sample = (bundled_root() / "data").resolve()
    except (OSError, RuntimeError):  # a link loop: not the sample (the write says what is wrong)
        return False
    if here == sample or here.is_relative_to(sample):
        return True
    return any(p.name == "data" and is_source_checkout(p.parent) for p in (here, *here.parents))


def refuse_bundled(data_dir: Path) -> None:
    """The sample shipped with kstthc is never written (nor committed): installed, a file
    written there would vanish with the next upgrade; in a source checkout it would change the
    project's own sample and be committed to the project's repository."""
    if is_sample(data_dir):
        raise WriteRefused(
            said("refused/bundled", folder=data_dir),
            about="bundled",
            details={"folder": data_dir},
        )


def default_data_dir() -> Path:
    """``--data`` by default: ``KSTTHC_DATA``, else ``./data`` if it has a plan, else bundled."""
    env = os.environ.get("KSTTHC_DATA")
    if env:
        return Path(env)
    local = Path() / DATA_FOLDER
    if holds_plan(local):
        return local
    return bundled_root() / "data"


#: The folder inside a commune's folder that holds its data (``kstthc init xa-a`` makes
#: ``xa-a/data/``; ``./data`` is ``--data``'s default).
DATA_FOLDER = "data"


def holds_plan(folder: Path) -> bool:
    """``folder`` is a folder with a ``plan_<năm>.yaml`` in it (one it cannot list is not)."""
    try:
        return folder.is_dir() and any(PLAN_FILE.match(p.name) for p in folder.iterdir())
    except OSError:
        return False


def data_folder(folder: Path) -> Path:
    """The data folder a folder named on the command line stands for: the folder itself, or,
    when only the ``data/`` inside it holds a plan, that ``data/`` (a commune's folder as
    ``kstthc init`` makes it). Any other folder is itself (its load says what is missing)."""
    inner = folder / DATA_FOLDER
    return inner if not holds_plan(folder) and holds_plan(inner) else folder


def check_plan_year(year: int, example: int = 2025) -> None:
    """A plan year kstthc can plan (four digits, 2001–2100); another is a usage error, said
    alike by ``init``, ``new-year`` and ``--year``."""
    if not 2001 <= year <= 2100:
        shown = str(year) if len(str(year)) <= 40 else str(year)[:40] + "…"
        raise UsageError(said("usage/bad-year", shown=shown, example=example))


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
        raise UsageError(said("usage/no-data-folder", folder=data_dir), about="data-folder")
    if not data_dir.is_dir():
        raise UsageError(said("usage/data-folder-is-file", folder=data_dir), about="data-folder")
    years = plan_years(data_dir)
    if year is not None and year not in years:
        check_plan_year(year)  # no plan can be made for year 20250: not suggested below
        have = ", ".join(str(y) for y in years) or "không có năm nào"
        raise UsageError(said("usage/no-plan-of-year", folder=data_dir, year=year, have=have))
    if year is not None:
        return year
    if not years:
        raise UsageError(said("usage/no-plan", folder=data_dir), about="data-folder-example")
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
    #: The plan year's calendar, made once by ``schedule.calendar_of`` for the rules and the
    #: evaluation alike (it keeps each task's occurrences).
    calendar: YearCalendar | None = field(default=None, init=False, repr=False, compare=False)

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
    files: Mapping[str, bytes] | None = None,
    rules: bool = True,
) -> tuple[Workspace | None, list[Problem]]:
    """Load and validate a workspace of the year ``resolve_year`` picks (``as_of`` is the day
    the command judges by). ``actuals_text`` / ``figures_text`` replace those files (for
    writes). ``files`` (file name → bytes, with ``year`` given): the folder's files already
    read in memory (a pack's members), read instead of the disk; ``data_dir`` then only
    names them. ``rules=False``: the files read into their models only, the rules across them
    not run (``record`` runs them once, on the workspace as it will be)."""
    from kstthc_cli.rules import validate  # the rules need the models loaded first

    if files is None or year is None:
        year = resolve_year(data_dir, year, as_of)
    names = file_names(year)
    problems: list[Problem] = []
    docs: dict[str, Document] = {}

    folder = display_path(data_dir) if files is None else ""

    def read(name: str) -> Document:
        if files is None:
            return read_document(data_dir / name, display_in(folder, data_dir / name))
        raw = files.get(name)
        if raw is None:
            path = data_dir / name
            doc = Document(path=path, display=display_path(path), text="")
            doc.problems.append(doc.problem_at(None, None, said("file-missing/pack")))
            return doc
        return document_from_bytes(data_dir / name, raw)

    def there(name: str) -> bool:
        if files is not None:
            return name in files
        path = data_dir / name
        return path.exists() or path.is_symlink()  # a broken link is unreadable

    plan_doc = read(names["plan"])
    docs["plan"] = plan_doc
    ind_doc = read(names["indicators"])
    docs["indicators"] = ind_doc
    actuals_path = data_dir / names["actuals"]
    act_doc: Document | None = None
    if actuals_text is not None:
        act_doc = Document(path=actuals_path, display=display_path(actuals_path), text=actuals_text)
        parse_into(act_doc)
    elif there(names["actuals"]):
        act_doc = read(names["actuals"])
    if act_doc is not None:
        docs["actuals"] = act_doc
    figures_path = data_dir / names["figures"]
    fig_doc: Document | None = None
    if figures_text is not None:
        fig_doc = Document(path=figures_path, display=display_path(figures_path), text=figures_text)
        parse_into(fig_doc)
    elif there(names["figures"]) and (files is not None or figures_path.exists()):
        fig_doc = read(names["figures"])
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
        problems.append(doc.problem([], said("not-a-mapping")))
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
        problems.append(doc.problem([], said("not-a-mapping/actuals")))
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
            problems.append(doc.problem([key], said("bad-value/records", key=key)))
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

#: pydantic's error type → the catalogue's message (``messages.MESSAGES``), given where and
#: what was written.
_TYPE_MESSAGES: dict[str, Callable[[str, str], Said]] = {
    "string_type": lambda where, shown: said("bad-value/text", where=where, shown=shown),
    "int_type": lambda where, shown: said("bad-value/whole", where=where, shown=shown),
    "int_parsing": lambda where, shown: said("bad-value/whole", where=where, shown=shown),
    "int_from_float": lambda where, shown: said("bad-value/whole", where=where, shown=shown),
    "float_type": lambda where, shown: said("bad-value/number", where=where, shown=shown),
    "float_parsing": lambda where, shown: said("bad-value/number", where=where, shown=shown),
    "bool_type": lambda where, shown: said("bad-value/bool", where=where, shown=shown),
    "bool_parsing": lambda where, shown: said("bad-value/bool", where=where, shown=shown),
    "list_type": lambda where, shown: said("bad-value/list", where=where, shown=shown),
    "model_type": lambda where, shown: said("bad-value/mapping", where=where, shown=shown),
    "dict_type": lambda where, shown: said("bad-value/mapping", where=where, shown=shown),
    "date_type": lambda where, shown: said("bad-value/date", where=where, shown=shown),
    "date_from_datetime_parsing": lambda where, shown: said(
        "bad-value/date", where=where, shown=shown
    ),
    "string_too_short": lambda where, shown: said("bad-value/empty", where=where, shown=shown),
    "too_short": lambda where, shown: said("bad-value/no-items", where=where, shown=shown),
    "finite_number": lambda where, shown: said("bad-value/infinite", where=where, shown=shown),
}
_BOUND_MESSAGES: dict[str, Callable[[str, object, str], Said]] = {
    "greater_than_equal": lambda where, bound, shown: said(
        "out-of-range/at-least", where=where, bound=bound, shown=shown
    ),
    "greater_than": lambda where, bound, shown: said(
        "out-of-range/above", where=where, bound=bound, shown=shown
    ),
    "less_than_equal": lambda where, bound, shown: said(
        "out-of-range/at-most", where=where, bound=bound, shown=shown
    ),
    "less_than": lambda where, bound, shown: said(
        "out-of-range/below", where=where, bound=bound, shown=shown
    ),
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
                    said("missing-key/in", key=loc[-1], where=_dotted(loc[:-1]))
                    if loc[:-1]
                    else said("missing-key", key=loc[-1]),
                )
            )
        elif kind in _UNKNOWN_KEY:
            known = _fields_at(model, loc[:-1])
            near = did_you_mean(str(loc[-1]), known)
            words = (
                said("unknown-key/near", key=loc[-1], near=near)
                if near
                else said("unknown-key", key=loc[-1], known=", ".join(known))
            )
            out.append(doc.problem(loc, words, key=True))
        elif kind in _TYPE_MESSAGES:
            out.append(doc.problem(loc, _TYPE_MESSAGES[kind](where, _shown(err["input"]))))
        elif kind == "string_too_long":  # an id (mã) longer than the models allow
            most = err.get("ctx", {}).get("max_length", "")
            length = len(err["input"])
            out.append(
                doc.problem(loc, said("bad-value/too-long", where=where, most=most, length=length))
            )
        elif kind == "literal_error":
            expected = str(err.get("ctx", {}).get("expected", "")).replace(" or ", " hoặc ")
            shown = _shown(err["input"])
            out.append(
                doc.problem(
                    loc, said("bad-value/choice", where=where, shown=shown, expected=expected)
                )
            )
        elif kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
            ctx = err.get("ctx", {})
            bound = next(iter(ctx.values()), "")
            shown = _shown(err["input"])
            if kind == "greater_than_equal" and bound == 0:
                words = said("negative", where=where, bound=bound, shown=shown)
            else:
                words = _BOUND_MESSAGES[kind](where, bound, shown)
            out.append(doc.problem(loc, words))
        elif kind == PROBLEM:  # worded by the model itself (models.problem)
            ctx = err.get("ctx", {})
            message = f"{where}: {ctx['message']}."  # the catalogue's words, at their place
            out.append(doc.problem(loc, Said(ctx["key"], message, ctx["hint"], ctx["fields"])))
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
