"""Small helpers for tests: inline fixtures next to their assertions, and file snapshots."""

from __future__ import annotations

import difflib
import textwrap
from pathlib import Path
from typing import Any

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


def dedent(text: str) -> str:
    """Inline YAML as the file holds it: dedented, without the first blank line."""
    return textwrap.dedent(text).lstrip("\n")


def removed_lines(before: str, after: str) -> list[str]:
    """Lines of ``before`` that ``after`` no longer has, in order (what git shows with '-')."""
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    ops = difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    gone = [old[i1:i2] for tag, i1, i2, _, _ in ops if tag in ("delete", "replace")]
    return [line for lines in gone for line in lines]


#: A task record's fields as ``splice.put_item`` takes them.
TASK = (("task", '"3"'), ("date", '"2024-05-02"'))


def added(before: str, section: str = "tasks", fields: Any = TASK, **kw: Any) -> str:
    """``before`` with one item put into ``section`` (``replace=i``: in place of item i)."""
    from kstthc_cli.load.yamlio import parse_text
    from kstthc_cli.write.splice import put_item

    return put_item(before, parse_text(before).root, section, fields, **kw)


def quarter_records(q1: tuple[int, int], q2: tuple[int, int], satisfaction: float = 85.5) -> str:
    """An actuals file: indicator 3's Q1 and Q2 counts, indicator 10's Q1 value."""
    return f"""
        year: 2024
        indicators:
          - indicator: "3"
            period: "q1"
            numerator: {q1[0]}
            denominator: {q1[1]}
          - indicator: "3"
            period: "q2"
            numerator: {q2[0]}
            denominator: {q2[1]}
          - indicator: "10"
            period: "q1"
            value: {satisfaction}
    """


def numbered_commune(root: Path, k: int, records: str | None) -> Path:
    """``root/xa-K``: the shipped 2024 plan and indicators as "Xã Số K", with ``records`` as its
    actuals file (none when ``None``)."""
    d = root / f"xa-{k}"
    d.mkdir()
    for name in ("plan_2024.yaml", "indicators_2024.yaml"):
        text = (SHIPPED / name).read_text(encoding="utf-8")
        (d / name).write_text(text.replace("Hương Trà", f"Xã Số {k}"), encoding="utf-8")
    if records is not None:
        write(d / "actuals_2024.yaml", records)
    return d
