"""Old versions of the workspace's files read for the history: parsed with ``yamlio`` and the
models like today's files, but tolerant, since a version once committed may not validate (a
half-finished hand edit, a key since renamed): what does not validate is left out, item by item."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from kstthc_cli.load.models import (
    Indicator,
    IndicatorRecord,
    Model,
    Task,
    TaskRecord,
    Unit,
)
from kstthc_cli.load.yamlio import parse_text

_NAME = re.compile(r"^(plan|indicators|actuals|figures)_(\d{4})\.yaml$")
T = TypeVar("T", bound="Model")


@dataclass(frozen=True)
class SectionVersion:
    id: str
    title: str
    tasks: tuple[Task, ...]
    heading: str | None = None


@dataclass(frozen=True)
class PlanVersion:
    """A plan file as one commit had it; tasks that did not validate then are left out.
    ``values``: every other value of the plan (decision, reporting…) as written, by its path
    (``flat_values``)."""

    sections: tuple[SectionVersion, ...] = ()
    units: dict[str, str] = field(default_factory=dict)
    values: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class IndicatorsVersion:
    indicators: tuple[Indicator, ...] = ()
    #: the set's own values (source, title, the assignment rule) by path
    values: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class ActualsVersion:
    tasks: tuple[TaskRecord, ...] = ()
    indicators: tuple[IndicatorRecord, ...] = ()


@dataclass(frozen=True)
class FiguresVersion:
    """A figures file (``figures_N.yaml``) as one commit had it: each period's values by path,
    a dossier row under its field (``dossiers.Hộ tịch.received.total``), a late dossier under
    its code."""

    periods: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)


@dataclass(frozen=True)
class Version:
    """The workspace's files of every year as one commit (or the working folder) had them."""

    plans: dict[int, PlanVersion] = field(default_factory=dict)
    indicators: dict[int, IndicatorsVersion] = field(default_factory=dict)
    actuals: dict[int, ActualsVersion] = field(default_factory=dict)
    figures: dict[int, FiguresVersion] = field(default_factory=dict)


def version_of(files: Mapping[str, bytes]) -> Version:
    """The workspace as the given files (name → bytes) have it; other files are ignored."""
    plans: dict[int, PlanVersion] = {}
    indicators: dict[int, IndicatorsVersion] = {}
    actuals: dict[int, ActualsVersion] = {}
    figures: dict[int, FiguresVersion] = {}
    for name, raw in files.items():
        m = _NAME.match(name)
        if m is None:
            continue
        kind, year = m.group(1), int(m.group(2))
        data = _data(raw)
        if kind == "plan":
            plans[year] = plan_version(data)
        elif kind == "figures":
            figures[year] = figures_version(data)
        elif kind == "indicators":
            indicators[year] = IndicatorsVersion(
                tuple(_each(Indicator, data.get("indicators"))),
                flat_values(data, skip=("indicators",)),
            )
        else:
            actuals[year] = ActualsVersion(
                tuple(_each(TaskRecord, data.get("tasks"))),
                tuple(_each(IndicatorRecord, data.get("indicators"))),
            )
    return Version(plans, indicators, actuals, figures)


def figures_version(data: dict[str, Any]) -> FiguresVersion:
    periods: dict[str, dict[str, tuple[str, ...]]] = {}
    raw = data.get("periods")
    for item in raw if isinstance(raw, list) else []:
        if not isinstance(item, dict) or item.get("period") is None:
            continue
        rest = {k: v for k, v in item.items() if k not in ("period", "dossiers", "late_dossiers")}
        for key, by in (("dossiers", ("field", "source")), ("late_dossiers", ("code",))):
            rows = item.get(key)
            for row in rows if isinstance(rows, list) else []:
                if isinstance(row, dict):
                    name = " – ".join(str(row[k]) for k in by if row.get(k) is not None)
                    rest.setdefault(key, {})[name] = {k: v for k, v in row.items() if k not in by}
        periods[str(item["period"]).strip()] = flat_values(rest)
    return FiguresVersion(periods)


def _data(raw: bytes) -> dict[str, Any]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return {}
    doc = parse_text(text)
    return doc.data if isinstance(doc.data, dict) else {}


def _each(model: type[T], items: Any) -> list[T]:
    from pydantic import ValidationError

    out: list[T] = []
    for item in items if isinstance(items, list) else []:
        try:
            out.append(model.model_validate(item))
        except ValidationError:
            continue
    return out


def plan_version(data: dict[str, Any]) -> PlanVersion:
    sections: list[SectionVersion] = []
    raw_sections = data.get("sections")
    for s in raw_sections if isinstance(raw_sections, list) else []:
        if not isinstance(s, dict) or s.get("id") is None:
            continue
        title = s.get("title")
        heading = s.get("heading")
        sections.append(
            SectionVersion(
                id=str(s["id"]).strip(),
                title=str(title).strip() if title is not None else "",
                tasks=tuple(_each(Task, s.get("tasks"))),
                heading=None if heading is None else str(heading),
            )
        )
    units = {u.id: u.name for u in _each(Unit, data.get("units"))}
    return PlanVersion(tuple(sections), units, flat_values(data, skip=("sections", "units")))


#: Keys any item may carry that are about the data, not values of it: the warnings checked
#: (``acknowledge``) and the values still to confirm (``to_confirm``).
META_KEYS = ("acknowledge", "to_confirm")


def flat_values(data: dict[str, Any], *, skip: tuple[str, ...] = ()) -> dict[str, tuple[str, ...]]:
    """Every value of a file but the ``skip`` keys, as written, by its dotted path
    (``decision.number``, ``reporting.due.day_of_last_month``): a scalar as one word, a list
    as its items (a mapping item in one line: ``text (number: …, date: …)``). Tolerant: any
    shape is read, nothing is refused."""
    out: dict[str, tuple[str, ...]] = {}

    def walk(value: Any, path: str) -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                if str(k) not in META_KEYS:
                    walk(v, f"{path}.{k}" if path else str(k))
        elif isinstance(value, list):
            out[path] = tuple(_one_line(v) for v in value)
        else:
            out[path] = (_one_line(value),)

    walk({k: v for k, v in data.items() if str(k) not in skip}, "")
    return out


def _one_line(value: Any) -> str:
    if value is None:
        return "(không có)"
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, dict):
        items = {str(k): v for k, v in value.items() if str(k) not in META_KEYS}
        head = _one_line(items.pop("text")) if "text" in items else ""
        rest = ", ".join(f"{k}: {_one_line(v)}" for k, v in items.items())
        return f"{head} ({rest})" if head and rest else head or rest
    if isinstance(value, list):
        return "[" + "; ".join(_one_line(v) for v in value) + "]"
    return str(value)
