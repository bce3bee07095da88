"""Files as the operating system hands them over: its error words said in Vietnamese, and the
one way kstthc reads a data file (a regular file only, never a pipe or a device, never more
than ``MAX_FILE_BYTES``; a link is followed, a loop of links is an unreadable file)."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from kstthc_cli.messages import Said, said

#: The largest data file read: the biggest real plan or year of records is a few hundred
#: kilobytes; past this a file is refused whole instead of being read for minutes.
MAX_FILE_BYTES = 5 * 1024 * 1024

#: The operating system's reasons (``strerror``), in the officer's words.
_WORDS = {
    errno.EACCES: "không có quyền truy cập",
    errno.EPERM: "không được phép",
    errno.ENOENT: "không có tệp hay thư mục này",
    errno.ENOSPC: "ổ đĩa đã hết chỗ trống",
    errno.EDQUOT: "đã hết hạn mức dung lượng trên ổ đĩa",
    errno.EROFS: "ổ đĩa chỉ cho đọc",
    errno.EISDIR: "đây là một thư mục",
    errno.ENOTDIR: "một phần của đường dẫn không phải thư mục",
    errno.ENAMETOOLONG: "tên tệp hay đường dẫn quá dài",
    errno.ELOOP: "các liên kết (symlink) trỏ vòng vào nhau",
    errno.EIO: "lỗi đọc ghi của ổ đĩa",
    errno.EBUSY: "tệp đang bị chương trình khác giữ",
    errno.ETXTBSY: "tệp đang bị chương trình khác giữ",
    errno.EAGAIN: "tệp tạm thời chưa dùng được",
    errno.EEXIST: "tệp đã có",
    errno.EMFILE: "mở quá nhiều tệp cùng lúc",
    errno.ENFILE: "hệ thống mở quá nhiều tệp cùng lúc",
    errno.EFBIG: "tệp quá lớn",
    errno.ENXIO: "không có thiết bị này",
    errno.ENODEV: "không có thiết bị này",
    errno.EXDEV: "không chuyển được tệp sang ổ đĩa khác",
    errno.ESTALE: "ổ đĩa mạng đã mất kết nối",
    errno.ETIMEDOUT: "hết thời gian chờ ổ đĩa mạng",
    errno.ENOMEM: "không đủ bộ nhớ",
    errno.EINVAL: "thao tác không hợp lệ với tệp này",
}


def os_words(exc: OSError) -> str:
    """Why an operation on a file failed, in Vietnamese (the errno's English words never)."""
    if exc.errno in _WORDS:
        return _WORDS[exc.errno]
    if isinstance(exc, PermissionError):
        return _WORDS[errno.EACCES]
    if isinstance(exc, FileNotFoundError):
        return _WORDS[errno.ENOENT]
    return f"lỗi hệ thống số {exc.errno}" if exc.errno else "lỗi hệ thống"


class NotReadable(Exception):
    """A data file that cannot be read as one: ``code`` is the problem's code."""

    def __init__(self, words: Said) -> None:
        super().__init__(words.message)
        self.code = words.code
        self.message = words.message
        self.hint = words.hint
        #: the catalogue's message that says it, and its fields
        self.words = words


def read_regular(path: Path, limit: int = MAX_FILE_BYTES) -> bytes | None:
    """The bytes of the data file ``path`` (``None`` if there is none): refused with
    ``NotReadable`` before anything is read when it is a folder, a named pipe, a device or a
    socket (a pipe never hangs the run: it is opened without waiting), a loop of links, or
    larger than ``limit``."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):  # a link to nothing
            raise NotReadable(said("file-unreadable/dangling")) from None
        return None
    except OSError as exc:
        raise _unreadable(exc) from None
    _check(st, limit)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise _unreadable(exc) from None
    try:
        opened = os.fstat(fd)
        _check(opened, limit)  # the very file opened, should it have been swapped
        data = _read_all(fd, opened.st_size, limit + 1)
    except OSError as exc:
        raise _unreadable(exc) from None
    finally:
        os.close(fd)
    if len(data) > limit:  # it grew while being read
        raise _too_large(len(data), limit)
    return data


def _read_all(fd: int, size: int, most: int) -> bytes:
    """Up to ``most`` bytes of the open file, ``size`` of them expected: asked for in one
    read (a buffer of the file's size, 64 KB at least, not of ``most``), then again until the
    end, should a read stop short or the file grow."""
    parts: list[bytes] = []
    got = 0
    while got < most:
        chunk = os.read(fd, min(most - got, max(size - got + 1, 64 * 1024)))
        if not chunk:
            break
        parts.append(chunk)
        got += len(chunk)
    return parts[0] if len(parts) == 1 else b"".join(parts)


def _unreadable(exc: OSError) -> NotReadable:
    return NotReadable(
        said(
            "file-unreadable/loop" if exc.errno == errno.ELOOP else "file-unreadable/os",
            why=os_words(exc),
        )
    )


def _too_large(size: int, limit: int) -> NotReadable:
    return NotReadable(said("file-too-large/read", size=megabytes(size), limit=megabytes(limit)))


def megabytes(size: int) -> str:
    """``5,0 MB``: a size as the officer reads it."""
    return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")


def _check(st: os.stat_result, limit: int) -> None:
    mode = st.st_mode
    if stat.S_ISDIR(mode):
        raise NotReadable(said("file-is-folder/read"))
    if not stat.S_ISREG(mode):
        kind = (
            "một đường ống (named pipe)"
            if stat.S_ISFIFO(mode)
            else "một thiết bị"
            if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
            else "một socket"
            if stat.S_ISSOCK(mode)
            else "không phải tệp thường"
        )
        raise NotReadable(said("file-not-regular/read", kind=kind))
    if st.st_size > limit:
        raise _too_large(st.st_size, limit)
