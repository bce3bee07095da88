"""kstthc: kế hoạch kiểm soát thủ tục hành chính (KSTTHC) cấp xã, từ YAML đến báo cáo.

The library API (``kstthc_cli.api``) is exposed here lazily: ``import kstthc_cli`` loads nothing
else until a name of ``__all__`` is used."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from kstthc_cli.api import (
        PeriodId,
        Progress,
        ReportFormat,
        assigned_targets,
        build_report,
        check,
        evaluate,
        open_workspace,
        record_indicator,
        record_task,
        render_report,
        rollup,
        start_year,
    )

__all__ = [
    "PeriodId",
    "Progress",
    "ReportFormat",
    "assigned_targets",
    "build_report",
    "check",
    "evaluate",
    "open_workspace",
    "record_indicator",
    "record_task",
    "render_report",
    "rollup",
    "start_year",
]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from kstthc_cli import api

        return getattr(api, name)
    raise AttributeError(f"module 'kstthc_cli' has no attribute {name!r}")
