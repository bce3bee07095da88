"""The honest floor of ``kstthc status`` on this stack (issue 11): a Typer command with the
same options as ``kstthc status``, which reads the workspace's three files with PyYAML's C
loader, validates them into kstthc's own pydantic models (the same shapes ``status`` uses) and
prints one line. No kstthc code runs but the models (and the small modules they import).

    python benchmarks/floor_status.py [--data FOLDER] [--year N] [--as-of DAY] [--unit ID] [--json]

``benchmarks/bench_startup.py`` times it beside ``kstthc status``. Run from the ``benchmarks``
folder (as a script), it imports the installed ``kstthc_cli``, not the source tree's, when the
current folder is not the repository.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
import yaml

from kstthc_cli.load import models


def _validate(kind: Any, data: Any) -> Any:
    """``data`` as ``kind``: ``model_validate`` of a pydantic ``BaseModel``, or (models still
    written as dataclasses) the same validation through a ``TypeAdapter``."""
    import pydantic

    if isinstance(kind, type) and issubclass(kind, pydantic.BaseModel):
        return kind.model_validate(data)
    return pydantic.TypeAdapter(kind).validate_python(data)


def _read(path: Path) -> Any:
    with path.open("rb") as stream:
        return yaml.load(stream, Loader=yaml.CSafeLoader)


def _year(folder: Path, year: int | None) -> int:
    if year is not None:
        return year
    plans = (re.fullmatch(r"plan_(\d{4})\.yaml", p.name) for p in folder.iterdir())
    return max(int(m[1]) for m in plans if m)


def status(
    data: Annotated[
        Optional[Path],  # noqa: UP045 - typer reads the annotation at runtime on Python 3.10
        typer.Option("--data", envvar="KSTTHC_DATA", metavar="THƯ_MỤC", show_default=False),
    ] = None,
    year: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option("--year", metavar="NĂM", show_default=False),
    ] = None,
    as_of: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--as-of", metavar="NGÀY", show_default=False),
    ] = None,
    unit: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--unit", metavar="MÃ", show_default=False),
    ] = None,
    json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Đọc và kiểm tra ba tệp của năm, in một dòng."""
    folder = data or Path("data")
    n = _year(folder, year)
    plan = _validate(models.Plan, _read(folder / f"plan_{n}.yaml"))
    indicators = _validate(models.IndicatorSet, _read(folder / f"indicators_{n}.yaml"))
    actuals_path = folder / f"actuals_{n}.yaml"
    raw = _read(actuals_path) if actuals_path.exists() else None
    actuals = _validate(models.Actuals, raw or {})
    print(
        f"{n}: {len(plan.all_tasks())} nhiệm vụ, {len(indicators.indicators)} chỉ tiêu, "
        f"{len(actuals.tasks) + len(actuals.indicators)} bản ghi"
    )


def main() -> None:
    app = typer.Typer(add_completion=False, rich_markup_mode=None)
    app.command()(status)
    app()


if __name__ == "__main__":
    main()
