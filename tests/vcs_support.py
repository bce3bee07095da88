"""Fixtures of the history tests: a workspace in a fresh folder with git hidden from PATH and a
clock that gives every commit its own minute."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from kstthc_cli.write import vcs
from tests.support import SHIPPED

GIT = shutil.which("git")
AUTHOR = "kstthc <kstthc@localhost>"
OLD_TIMEFRAME = "Định kỳ 3 tháng/lần; Đột xuất theo thời điểm yêu cầu."
NEW_TIMEFRAME = "Định kỳ 3 tháng/lần."
#: What ``undo`` says, whole, when the file has edits not saved in the history.
UNDO_UNSAVED = (
    "Lỗi: Tệp actuals_2024.yaml có thay đổi chưa lưu vào lịch sử; chưa hoàn tác để khỏi "
    "mất chúng.\n"
    "  → Lưu các thay đổi đó vào lịch sử bằng: kstthc commit (hoặc bỏ chúng đi), rồi chạy "
    "lại kstthc undo.\n"
)
START = 1718000000  # 10/06/2024 06:13:20 UTC


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Commits one minute apart from 10/06/2024 13:13 (UTC+7), so the history reads the same
    on every run."""
    ticks = iter(range(START, START + 60 * 1000, 60))
    monkeypatch.setattr(vcs, "_now", lambda: (next(ticks), 7 * 3600))
    yield


@pytest.fixture
def no_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clock: None) -> None:
    """No git on PATH and no personal git configuration: kstthc alone, as on a commune laptop."""
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "home" / ".config"))
    monkeypatch.delenv("GIT_CONFIG_GLOBAL", raising=False)


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "xa"
    folder.mkdir()
    for p in SHIPPED.glob("*.yaml"):
        if not p.name.startswith("actuals_"):
            shutil.copy(p, folder / p.name)
    return folder


@pytest.fixture
def repo(tmp_path: Path, no_git: None) -> Path:
    """A workspace made a repository by kstthc (``init`` does this)."""
    folder = _copy(tmp_path)
    vcs.init_repository(folder=folder)
    return folder
