"""kstthc: kế hoạch kiểm soát thủ tục hành chính (KSTTHC) cấp xã, từ YAML đến báo cáo.

The library API (``kstthc_cli.api``) is exposed here lazily: ``import kstthc_cli`` loads only
the API module until a name of ``__all__`` is used."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kstthc_cli.api import __all__ as _api_names
from kstthc_cli.version import __version__ as __version__

if TYPE_CHECKING:
    from kstthc_cli.api import *  # noqa: F403 - the API's names, for type checkers

__all__ = list(_api_names)


def __getattr__(name: str) -> Any:
    if name in __all__:
        from kstthc_cli import api

        return getattr(api, name)
    raise AttributeError(f"module 'kstthc_cli' has no attribute {name!r}")
