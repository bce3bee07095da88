"""Small helpers for tests: inline fixtures next to their assertions, and file snapshots."""

from __future__ import annotations

import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHIPPED = REPO / "data"


def write(path: Path, text: str) -> Path:
    """Write dedented text as UTF-8 (the way a test keeps its input beside its assertion)."""
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` with its bytes, to assert that nothing changed."""
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }
