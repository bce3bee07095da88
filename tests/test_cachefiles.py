"""The cache folder: where it is, and that having none, or one that cannot be written, only
costs time."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kstthc_cli.load import cachefiles


def _no_cache_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("KSTTHC_CACHE_DIR", "XDG_CACHE_HOME", "LOCALAPPDATA"):
        monkeypatch.delenv(name, raising=False)


def test_the_cache_folder_follows_the_setting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KSTTHC_CACHE_DIR", str(tmp_path / "c"))
    assert cachefiles.cache_dir() == tmp_path / "c"


@pytest.mark.skipif(os.name == "nt", reason="the POSIX layout")
def test_the_usual_cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _no_cache_settings(monkeypatch)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert cachefiles.cache_dir() == tmp_path / ".cache" / "kstthc"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cachefiles.cache_dir() == tmp_path / "xdg" / "kstthc"


def test_without_a_home_folder_nothing_is_kept(
    cli,  # type: ignore[no-untyped-def]
    ws: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _no_cache_settings(monkeypatch)

    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", no_home)
    assert cachefiles.cache_dir() is None
    for _ in range(2):
        result = cli("status", "--data", str(ws), "--as-of", "2024-04-20")
        assert result.code == 0, result.err
        assert "QUÁ HẠN" in result.out


def test_a_write_replaces_the_file_and_leaves_nothing_else(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "entry.bin"
    cachefiles.write(target, b"one")
    cachefiles.write(target, b"two")
    assert target.read_bytes() == b"two"
    assert [p.name for p in target.parent.iterdir()] == ["entry.bin"]


def test_a_write_that_cannot_happen_leaves_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "f"
    folder.mkdir()
    target = folder / "entry.bin"
    target.mkdir()  # a folder where the file should be: os.replace fails
    cachefiles.write(target, b"data")
    assert target.is_dir()
    assert sorted(p.name for p in folder.iterdir()) == ["entry.bin"]
    blocked = tmp_path / "file"
    blocked.write_text("x")
    cachefiles.write(blocked / "entry.bin", b"data")  # its folder is a file
    assert blocked.read_text() == "x"
