"""README's officer section: every kstthc command it shows runs as shown, in that order, on a
copy of the sample workspace (the way an officer would follow it)."""

from __future__ import annotations

import os
import re
import shlex
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Result
from tests.support import REPO

SECTION = re.compile(r"^## Một vòng công việc\n(.*?)^## ", re.S | re.M)
BLOCK = re.compile(r"```powershell\n(.*?)```", re.S)


def officer_commands() -> list[list[str]]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = SECTION.search(readme)
    assert section is not None, "README has no 'Một vòng công việc' section"
    lines = [line for block in BLOCK.findall(section[1]) for line in block.splitlines()]
    return [shlex.split(line)[1:] for line in lines if line.startswith("kstthc ")]


def test_the_section_shows_the_daily_round() -> None:
    shown = [args[0] if args[0] != "record" else " ".join(args[:2]) for args in officer_commands()]
    assert {"status", "record task", "record indicator", "report", "check"} <= set(shown)


def test_every_command_shown_runs(
    cli: Callable[..., Result], ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ws.parent)
    monkeypatch.setenv("KSTTHC_DATA", str(ws))
    for args in officer_commands():
        r = cli(*args)
        assert r.code == 0, (args, r.err)
    assert (ws.parent / "bao-cao-q1.docx").stat().st_size > 0
    assert "Báo cáo số 15/BC-UBND ngày 16/3/2024" in (ws.parent / "bao-cao-q1.md").read_text(
        encoding="utf-8"
    )
    assert os.path.exists(ws / "actuals_2024.yaml")
