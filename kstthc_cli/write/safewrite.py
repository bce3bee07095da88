"""Writing a workspace file without ever losing data: a cross-platform lock, a check that nobody
changed the file since it was read, a temporary file in the same folder, fsync, then replace.

The check is made again right before the new file is moved in and right after. Where the system
can swap two files in one step (Linux ``renameat2``, macOS ``renamex_np``), the file moved out
is the very one that was there, so an editor's save that landed in between is seen and put
back; elsewhere ``os.replace`` is used and only the moments around it are watched.

A link (symlink) is written through: the file linked to gets the new text and the link stays.
A read-only file, a pipe, a device or a loop of links is refused, never replaced."""

from __future__ import annotations

import contextlib
import ctypes
import errno
import hashlib
import os
import stat
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from kstthc_cli.errors import WriteRefused
from kstthc_cli.messages import said
from kstthc_cli.osfiles import MAX_FILE_BYTES, NotReadable, megabytes, os_words, read_regular

LOCK_TIMEOUT_SECONDS = 60.0
#: A data folder's ``.gitignore``: kstthc's lock and temporary files stay out of any history.
GITIGNORE = "# Tệp tạm và tệp khóa của kstthc (không đưa vào lịch sử)\n.*.lock\n.*.tmp\n"


def lock_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.lock")


def real_target(path: Path) -> Path:
    """The file a write of ``path`` lands in: the file linked to when ``path`` is a link."""
    if not os.path.islink(path):
        return path
    try:
        os.stat(path)
    except FileNotFoundError:  # a link to a file not made yet: the write makes it
        pass
    except OSError as exc:
        raise WriteRefused(said("refused/link", path=path, why=os_words(exc))) from None
    return Path(os.path.realpath(path))


@contextlib.contextmanager
def locked(
    path: Path, timeout: float = LOCK_TIMEOUT_SECONDS, *, ignore_files: bool = True
) -> Iterator[None]:
    """Hold the lock of ``path`` (a ``.<name>.lock`` file beside the file written) for the
    block. The lock file is made writable by everyone, and one left by another user (not
    writable by this one) is still locked through a read-only handle: a lock file never locks
    out the next officer. Then (``ignore_files``) a ``.gitignore`` beside it, if needed."""
    lock = lock_path(real_target(path))
    if os.name != "posix":  # pragma: no cover - Windows: filelock's msvcrt lock
        yield from _filelock(path, lock, timeout)
        if ignore_files:
            ignore_kstthc_files(lock.parent)
        return
    import fcntl

    fd = _open_lock(lock)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise _busy(path, timeout) from None
                time.sleep(0.02)
            except OSError as exc:
                raise _no_lock(lock, exc) from None
        yield
    finally:
        os.close(fd)  # closing the handle lets the lock go
    if ignore_files:  # after a write that went through, never a refused one
        ignore_kstthc_files(lock.parent)


def ignore_kstthc_files(folder: Path) -> None:
    """Beside a lock file, after a write went through: a ``.gitignore`` listing kstthc's lock
    and temporary files, unless the folder has one or lies in a repository that already ignores
    them. Never a reason not to write: a folder where it cannot be made simply goes without."""
    ignore = folder / ".gitignore"
    if ignore.exists() or ignore.is_symlink() or _repository_ignores(folder):
        return
    with contextlib.suppress(OSError):
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
        fd = os.open(ignore, flags, 0o644)
        try:
            os.write(fd, GITIGNORE.encode("utf-8"))
        finally:
            os.close(fd)


def _repository_ignores(folder: Path) -> bool:
    """The folder lies in a git repository whose rules ignore kstthc's lock files."""
    start = folder.resolve()
    if not any((p / ".git").exists() for p in (start, *start.parents)):
        return False  # without importing dulwich: most folders are in no repository
    try:
        from dulwich.ignore import IgnoreFilterManager
        from dulwich.repo import Repo

        with Repo.discover(str(start)) as repo:
            root = Path(repo.path).resolve()
            rel = (start / ".plan_2024.yaml.lock").relative_to(root).as_posix()
            return bool(IgnoreFilterManager.from_repo(repo).is_ignored(rel))
    except Exception:  # no repository after all, or a damaged one: vcs says so when it matters
        return False


def _open_lock(lock: Path) -> int:
    if os.path.islink(lock):  # never followed (O_NOFOLLOW): said as what it is, not as a loop
        raise WriteRefused(said("refused/lock-link", lock=lock, name=lock.name))
    try:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o666)
    except PermissionError:
        try:  # another user's lock file: a read-only handle locks it just as well
            return os.open(lock, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except OSError as exc:
            raise _no_lock(lock, exc) from None
    except OSError as exc:
        raise _no_lock(lock, exc) from None
    with contextlib.suppress(OSError):  # the umask took write from the others: give it back
        if os.fstat(fd).st_uid == os.geteuid():
            os.fchmod(fd, 0o666)
    return fd


def _busy(path: Path, timeout: float) -> WriteRefused:
    return WriteRefused(said("refused/busy", name=path.name, waited=f"{timeout:.0f}"))


def _no_lock(lock: Path, exc: OSError) -> WriteRefused:
    return WriteRefused(said("refused/no-lock", lock=lock, why=os_words(exc), name=lock.name))


def _filelock(path: Path, lock: Path, timeout: float) -> Iterator[None]:  # pragma: no cover
    from filelock import FileLock, Timeout

    try:
        with FileLock(str(lock), timeout=timeout, mode=0o666):
            yield
    except Timeout:
        raise _busy(path, timeout) from None


def fingerprint(data: bytes | None) -> str | None:
    return None if data is None else hashlib.sha256(data).hexdigest()


#: What a report or workbook kstthc writes (not a data file) may weigh: read only to check it.
OUTPUT_BYTES = 1024 * 1024 * 1024


def read_bytes(path: Path, limit: int = MAX_FILE_BYTES) -> bytes | None:
    """The file's bytes, ``None`` if there is none; a file that cannot be read as a data file
    (a pipe, a device, a loop of links, larger than ``limit``, no permission) is refused, as a
    read."""
    try:
        return read_regular(path, limit)
    except NotReadable as exc:
        raise WriteRefused(
            said("refused/unreadable", path=path, why=exc.message, hint=exc.hint)
        ) from None


def refuse_too_large(shown: str | Path, data: bytes | str, limit: int = MAX_FILE_BYTES) -> None:
    """A data file kstthc would write but could not read back (larger than the read limit) is
    refused before anything is written: the old file stays, every later command still works."""
    size = len(data.encode("utf-8")) if isinstance(data, str) else len(data)
    if size > limit:
        raise WriteRefused(
            said(
                "refused/too-large",
                shown=shown,
                size=_bytes(size),
                limit=megabytes(limit),
                limit_bytes=_bytes(limit),
            ),
        )


def _bytes(size: int) -> str:
    return f"{size:,} byte".replace(",", ".")


def not_written(shown: str, exc: OSError) -> WriteRefused:
    """A write the operating system refused (disk full, no permission…), said in Vietnamese;
    the old file is still whole."""
    return WriteRefused(said("refused/not-written", shown=shown, why=os_words(exc)))


def _changed(path: Path) -> WriteRefused:
    return WriteRefused(said("refused/changed", name=path.name))


def _refuse_unwritable(target: Path, shown: Path) -> None:
    try:
        st = os.stat(target)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise WriteRefused(said("refused/stat", shown=shown, why=os_words(exc))) from None
    if not stat.S_ISREG(st.st_mode):
        raise WriteRefused(said("refused/not-regular", shown=shown))
    if not st.st_mode & 0o222 or not os.access(target, os.W_OK):
        raise WriteRefused(said("refused/read-only", shown=shown))


def replace_atomically(
    path: Path, data: bytes, expected: str | None, *, limit: int | None = MAX_FILE_BYTES
) -> None:
    """Write ``data`` to ``path`` atomically, refusing if the file is no longer what was read
    (``expected`` is the fingerprint of what was read, ``None`` if it did not exist), or if it
    would be larger than ``limit`` (a data file kstthc could not read back; ``None``: a report
    or workbook, which kstthc does not read as data)."""
    if limit is not None:
        refuse_too_large(path, data, limit)
    reading = limit if limit is not None else OUTPUT_BYTES
    target = real_target(path)
    _refuse_unwritable(target, path)
    if fingerprint(read_bytes(target, reading)) != expected:
        raise _changed(path)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(OSError):  # mkstemp makes 0600; a new file gets the usual mode
            mode = target.stat().st_mode & 0o777 if target.exists() else 0o666 & ~_umask()
            os.chmod(tmp, mode)
        _move_in(tmp, target, path, (expected, fingerprint(data)), reading)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
    _fsync_dir(target.parent)


def _move_in(
    tmp: Path, target: Path, shown: Path, prints: tuple[str | None, str | None], limit: int
) -> None:
    """Move ``tmp`` in as ``target`` if it still is what was read (``prints``: the fingerprints
    of what was read and of what is written)."""
    expected, ours = prints
    if fingerprint(read_bytes(target, limit)) != expected:  # right before
        raise _changed(shown)
    if expected is None:
        try:  # a new file: a hard link never lands on a file someone made meanwhile
            os.link(tmp, target)
        except FileExistsError:
            raise _changed(shown) from None
        except OSError:  # links not supported here
            os.replace(tmp, target)
    elif _exchange(tmp, target):
        # ``tmp`` now holds the very file moved out: if it is not what was read, an edit
        # landed in the meantime; it goes back, ours goes away
        if fingerprint(read_bytes(tmp, limit)) != expected:
            _exchange(tmp, target)
            raise _changed(shown)
    else:
        os.replace(tmp, target)
    if fingerprint(read_bytes(target, limit)) != ours:  # right after: a save on top of ours stands
        raise _changed(shown)


#: Swap two files of one folder in one step; None where the system cannot.
_swap: Callable[[bytes, bytes], int] | None = None
_swap_looked = False


def _exchange(a: Path, b: Path) -> bool:
    """Swap the files ``a`` and ``b`` atomically; False (nothing done) if the system or the
    file system cannot."""
    global _swap, _swap_looked
    if not _swap_looked:
        _swap_looked = True
        _swap = _find_swap()
    if _swap is None:
        return False
    if _swap(os.fsencode(a), os.fsencode(b)) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.EXDEV):  # not here
        return False
    raise OSError(code, os.strerror(code), str(b))


def _find_swap() -> Callable[[bytes, bytes], int] | None:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
    except OSError:  # pragma: no cover
        return None
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is not None:  # Linux: RENAME_EXCHANGE
        return lambda a, b: int(renameat2(-100, a, -100, b, 2))
    renamex = getattr(libc, "renamex_np", None)
    if renamex is not None:  # pragma: no cover - macOS: RENAME_SWAP
        return lambda a, b: int(renamex(a, b, 2))
    return None  # pragma: no cover


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


def write_temp(target: Path, data: bytes) -> Path:
    """``data`` in a new temporary file beside ``target`` (``.<name>.<random>.tmp``, which the
    folder's ``.gitignore`` leaves out), on the disk (fsync), with the mode a new file gets;
    a data file larger than kstthc reads is refused first."""
    refuse_too_large(target, data)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(OSError):
            os.chmod(tmp, 0o666 & ~_umask())
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    return tmp


def move_new(tmp: Path, target: Path) -> None:
    """Put the temporary file ``tmp`` in place as ``target``, a file that must not exist: a
    hard link never lands on a file someone made meanwhile (refused). ``tmp`` stays."""
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise _changed(target) from None
    except OSError:  # links not supported here: a copy of it is moved in, in one step
        copy = write_temp(target, tmp.read_bytes())
        try:
            if target.exists() or target.is_symlink():
                raise _changed(target) from None
            os.replace(copy, target)
        finally:
            with contextlib.suppress(OSError):
                copy.unlink()


def fsync_dir(folder: Path) -> None:
    """Make the folder's new names durable (POSIX; nothing elsewhere)."""
    _fsync_dir(folder)


def replace_output(path: Path, data: bytes) -> None:
    """A generated file (report, workbook, JSON) written over whatever ``path`` holds now,
    atomically; a file someone saves there meanwhile is still not lost (``replace_atomically``)."""
    replace_atomically(path, data, fingerprint(read_bytes(path, OUTPUT_BYTES)), limit=None)


def create_new(path: Path, data: bytes) -> None:
    """Write a file that must not exist yet (atomically, same as ``replace_atomically``)."""
    if path.exists() or path.is_symlink():
        raise WriteRefused(said("refused/exists", name=path.name))
    replace_atomically(path, data, None)
