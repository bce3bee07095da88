"""Reading a data file whole (``osfiles.read_regular``): all of it, however the reads come."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kstthc_cli import osfiles
from kstthc_cli.osfiles import NotReadable, read_regular


def test_a_file_is_read_whole_and_an_empty_one_is_empty(tmp_path: Path) -> None:
    body = "tên: Ủy ban nhân dân xã\n".encode() * 5000
    (tmp_path / "a.yaml").write_bytes(body)
    (tmp_path / "b.yaml").write_bytes(b"")
    assert read_regular(tmp_path / "a.yaml") == body
    assert read_regular(tmp_path / "b.yaml") == b""
    assert read_regular(tmp_path / "none.yaml") is None


def test_reads_that_stop_short_are_continued(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = bytes(range(256)) * 300
    (tmp_path / "a.yaml").write_bytes(body)
    real = os.read
    monkeypatch.setattr(osfiles.os, "read", lambda fd, n: real(fd, min(n, 1000)))
    assert read_regular(tmp_path / "a.yaml") == body


def test_a_file_that_grew_past_the_limit_while_read_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(b"x" * 100)
    real = os.read
    grown: list[int] = []

    def read(fd: int, n: int) -> bytes:
        if not grown:  # after the size was taken: the file is written on meanwhile
            grown.append(1)
            path.write_bytes(b"x" * 5000)
        return real(fd, n)

    monkeypatch.setattr(osfiles.os, "read", read)
    with pytest.raises(NotReadable) as caught:
        read_regular(path, limit=1000)
    assert caught.value.code == "file-too-large"
