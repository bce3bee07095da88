"""Writing a workspace file without ever losing data: a cross-platform lock, a check that nobody
changed the file since it was read, a temporary file in the same folder, fsync, then replace."""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from kstthc_cli.errors import WriteRefused

LOCK_TIMEOUT_SECONDS = 60.0


def lock_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.lock")


@contextlib.contextmanager
def locked(path: Path, timeout: float = LOCK_TIMEOUT_SECONDS) -> Iterator[None]:
    """Hold the lock of ``path`` (a ``.<name>.lock`` file beside it) for the block."""
    from filelock import FileLock, Timeout

    lock = FileLock(str(lock_path(path)), timeout=timeout)
    try:
        with lock:
            yield
    except Timeout:
        raise WriteRefused(
            f"Tệp {path.name} đang được một lệnh kstthc khác ghi, đã chờ {timeout:.0f} giây.",
            "Chờ lệnh kia xong rồi chạy lại.",
        ) from None


def fingerprint(data: bytes | None) -> str | None:
    return None if data is None else hashlib.sha256(data).hexdigest()


def read_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def replace_atomically(path: Path, data: bytes, expected: str | None) -> None:
    """Write ``data`` to ``path`` atomically, refusing if the file is no longer what was read
    (``expected`` is the fingerprint of what was read, ``None`` if it did not exist)."""
    if fingerprint(read_bytes(path)) != expected:
        raise WriteRefused(
            f"Tệp {path.name} vừa bị thay đổi bởi người hoặc chương trình khác trong lúc ghi.",
            "Không ghi gì. Hãy lưu tệp trong trình soạn thảo rồi chạy lại lệnh.",
        )
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(OSError):  # mkstemp makes 0600; a new file gets the usual mode
            mode = path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_umask()
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _fsync_dir(path.parent)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def create_new(path: Path, data: bytes) -> None:
    """Write a file that must not exist yet (atomically, same as ``replace_atomically``)."""
    if path.exists():
        raise WriteRefused(
            f"Tệp {path.name} đã có; không ghi đè.",
            "Xóa hoặc đổi tên tệp cũ nếu thật sự muốn làm lại.",
        )
    replace_atomically(path, data, None)
