"""``kstthc record`` under pressure: many processes at once, a failing disk, a file edited by hand
while a record is being written. No record is lost and the old file is never damaged."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kstthc_cli.load.workspace import load_workspace
from kstthc_cli.problems import has_errors
from kstthc_cli.write import safewrite
from tests.support import REPO, write

EXISTING = """
    year: 2024
    tasks:
      - task: "3"
        date: "2024-02-01"
"""


def test_twenty_processes_at_once_leave_twenty_records(ws: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "KSTTHC_DATA"}
    env["PYTHONIOENCODING"] = "utf-8"
    common = ["--data", str(ws), "--as-of", "2024-06-30"]
    jobs = []
    for i in range(20):
        if i % 2:
            ind = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "11.3")[i // 2]
            args = ["indicator", ind, "--period", "q1", "--num", str(i), "--den", "20"]
        else:
            args = ["task", "3", "--date", f"2024-05-{i + 1:02d}", "--note", f"lần {i}"]
        jobs.append(
            subprocess.Popen(
                [sys.executable, "-m", "kstthc_cli", "record", *args, *common],
                cwd=REPO,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
        )
    results = [(job.wait(timeout=120), job.stderr.read().decode()) for job in jobs]  # type: ignore[union-attr]
    for job in jobs:
        for stream in (job.stdout, job.stderr):
            if stream is not None:
                stream.close()
    assert [code for code, _ in results] == [0] * 20, [err for _, err in results]
    loaded, problems = load_workspace(ws, 2024)
    assert loaded is not None and not has_errors(problems)
    notes = sorted(r.note or "" for r in loaded.actuals.tasks)
    assert notes == sorted(f"lần {i}" for i in range(0, 20, 2))
    figures = sorted((r.indicator, r.numerator) for r in loaded.actuals.indicators)
    assert len(figures) == 10
    assert sorted(n or 0 for _, n in figures) == list(range(1, 20, 2))
    assert not list(ws.glob("*.tmp"))


@pytest.mark.parametrize("move", ["replace", "exchange"])
def test_a_failure_between_writing_and_replacing_keeps_the_old_file(
    cli, ws: Path, monkeypatch: pytest.MonkeyPatch, move: str
) -> None:  # type: ignore[no-untyped-def]
    path = write(ws / "actuals_2024.yaml", EXISTING)
    old = path.read_bytes()

    def disk_full(src: object, dst: object) -> bool:
        assert Path(str(src)).read_bytes().startswith(old)  # the new text was written in full
        raise OSError(28, "No space left on device")

    if move == "replace":  # a system that cannot swap two files in one step
        monkeypatch.setattr(safewrite, "_exchange", lambda a, b: False)
        monkeypatch.setattr(os, "replace", disk_full)
    else:
        monkeypatch.setattr(safewrite, "_exchange", disk_full)
    r = cli("record", "task", "3", "--data", str(ws), "--as-of", "2024-06-30")
    assert r.code == 1
    assert "Không ghi được tệp" in r.err
    assert "ổ đĩa đã hết chỗ trống" in r.err
    assert "No space" not in r.err
    assert "tệp cũ vẫn nguyên vẹn" in r.err
    assert path.read_bytes() == old
    assert sorted(p.name for p in ws.iterdir() if p.name.startswith(".")) == [
        ".actuals_2024.yaml.lock"
    ]


def test_an_edit_made_while_writing_is_never_overwritten(
    cli, ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    path = write(ws / "actuals_2024.yaml", EXISTING)
    real = safewrite.replace_atomically
    edited = path.read_bytes() + "# anh Hùng vừa sửa tay\n".encode()

    def meanwhile(target: Path, data: bytes, expected: str | None) -> None:
        target.write_bytes(edited)  # saved in an editor after kstthc read the file
        real(target, data, expected)

    monkeypatch.setattr(safewrite, "replace_atomically", meanwhile)
    r = cli("record", "task", "3", "--data", str(ws), "--as-of", "2024-06-30")
    assert r.code == 1
    assert "vừa bị thay đổi" in r.err
    assert path.read_bytes() == edited


def test_an_edit_made_before_the_lock_is_kept_and_the_record_added_to_it(
    cli, ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    path = write(ws / "actuals_2024.yaml", EXISTING)
    real = safewrite.locked
    edited = path.read_bytes() + "# ghi chú thêm lúc đang chạy\n".encode()

    @contextlib.contextmanager
    def slow_lock(target: Path, timeout: float = 60.0) -> Iterator[None]:
        target.write_bytes(edited)  # another record (or a person) got there first
        with real(target, timeout):
            yield

    monkeypatch.setattr(safewrite, "locked", slow_lock)
    r = cli("record", "task", "3", "--data", str(ws), "--as-of", "2024-06-30", "--note", "mới")
    assert r.code == 0, r.err
    text = path.read_text(encoding="utf-8")
    assert text == edited.decode().replace(
        "# ghi chú", '  - task: "3"\n    status: "done"\n    date: "2024-06-30"\n'
        '    note: "mới"\n    recorded: "2024-06-30"\n# ghi chú'
    )  # fmt: skip
