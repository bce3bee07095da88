"""Opening a workspace: every run reads and validates the files, and keeps nothing for the next."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kstthc_cli.errors import DataError
from kstthc_cli.load import workspace
from tests.support import REPO, snapshot, write

ACTUALS = """\
year: 2024
indicators:
  - indicator: "3"
    period: Q1
    numerator: {n}
    denominator: 20
"""


def test_every_open_reads_the_files_as_they_are_now(ws: Path) -> None:
    assert workspace.open_workspace(ws, 2024).actuals.indicators == []
    write(ws / "actuals_2024.yaml", ACTUALS.format(n=13))
    first = workspace.open_workspace(ws, 2024)
    assert first.actuals.indicators[0].numerator == 13
    write(ws / "actuals_2024.yaml", ACTUALS.format(n=14))
    assert workspace.open_workspace(ws, 2024).actuals.indicators[0].numerator == 14
    (ws / "actuals_2024.yaml").unlink()
    assert workspace.open_workspace(ws, 2024).actuals.indicators == []
    # one shape: the files as read are always there, with their source positions
    assert set(first.docs) == {"plan", "indicators", "actuals"}
    assert first.docs["plan"].locate(["reporting", "due_day"])[0] is not None


def test_a_workspace_with_errors_stops_every_run(ws: Path) -> None:
    plan = ws / "plan_2024.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("year: 2024", "year: 1999", 1))
    for _ in range(2):
        with pytest.raises(DataError):
            workspace.open_workspace(ws, 2024)


def test_a_folder_where_the_actuals_file_should_be_is_an_error(ws: Path) -> None:
    workspace.open_workspace(ws, 2024)
    (ws / "actuals_2024.yaml").mkdir()
    with pytest.raises(DataError):
        workspace.open_workspace(ws, 2024)


def test_a_run_writes_nothing_outside_what_it_was_asked_to(ws: Path, tmp_path: Path) -> None:
    """No cache folder anywhere: the home folder, the usual cache folders and the data folder
    are as they were after ``status``, ``tasks`` and ``calendar``."""
    home = tmp_path / "home"
    for folder in (home, home / "xdg-cache", home / "localappdata"):
        folder.mkdir(parents=True, exist_ok=True)
    env = dict(
        os.environ,
        HOME=str(home),
        XDG_CACHE_HOME=str(home / "xdg-cache"),
        LOCALAPPDATA=str(home / "localappdata"),
        KSTTHC_CACHE_DIR=str(home / "kstthc-cache"),  # the variable of the old cache: ignored
        PYTHONPATH=str(REPO),
    )
    before = snapshot(ws)
    for command in ("status", "tasks", "calendar"):
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "kstthc_cli",
                command,
                "--data",
                str(ws),
                "--as-of",
                "2024-04-20",
            ],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr
    assert sorted(p.relative_to(home).as_posix() for p in home.rglob("*")) == [
        "localappdata",
        "xdg-cache",
    ]
    assert snapshot(ws) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "home"]


def test_no_module_can_unpickle() -> None:
    """Nothing kstthc reads may run code: no module imports a deserialiser that can."""
    banned = {"pickle", "cPickle", "_pickle", "shelve", "marshal", "dill", "cloudpickle"}
    found = []
    for path in sorted((REPO / "kstthc_cli").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            found += [f"{path.name}: {n}" for n in names if n.split(".")[0] in banned]
    assert found == []
