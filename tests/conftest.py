"""Shared fixtures: a copy of the shipped workspace, a CLI runner, and a snapshot of files."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings

from kstthc_cli.cli.app import run
from tests.support import SHIPPED

# CI machines are shared and slow at times: no per-example deadline, never a flaky failure.
settings.register_profile("kstthc", deadline=None)
settings.load_profile("kstthc")


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Callable[..., Result]:
    """Run ``kstthc`` in-process: ``cli("status", "--as-of", "2024-04-20")``."""
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.delenv("KSTTHC_DATA", raising=False)

    def invoke(*args: str) -> Result:
        capsys.readouterr()
        code = run(list(args))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return invoke


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    """A fresh copy of the shipped data folder; returns its path."""
    target = tmp_path / "data"
    shutil.copytree(SHIPPED, target, ignore=shutil.ignore_patterns(".*", "actuals_*"))
    return target
