"""A validated workspace kept between runs, for the commands that only read (``status``,
``tasks``, ``calendar``).

Reading and validating the three files needs pydantic, whose machinery costs more than the rest
of ``kstthc status``; when the files are byte for byte what was validated last time, the answer
is taken from here instead. An entry holds its key (the files' contents, where they were read
from, kstthc's code and the libraries that judged them) and is used only when every part of the
key matches; only workspaces without errors are kept. The entry is a pickle in the officer's own
cache folder (``KSTTHC_CACHE_DIR``), trusted as kstthc's own installed code is.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import os
import pickle
import sys
from pathlib import Path

from kstthc_cli.load import cachefiles
from kstthc_cli.load.cachefiles import cache_dir
from kstthc_cli.load.workspace import Workspace, file_names
from kstthc_cli.osfiles import NotReadable, read_regular

#: Bumped when what an entry holds changes shape.
FORMAT = "kstthc-workspace-2"


def load(data_dir: Path, year: int, key: bytes) -> Workspace | None:
    """The workspace as last validated, if its files have not changed since (the entry was kept
    under the same ``key()``); else ``None``."""
    entry = _entry(data_dir, year)
    if entry is None:
        return None
    try:
        raw = entry.read_bytes()
    except OSError:
        return None
    kept, _, payload = raw.partition(b"\n")
    if kept != key:
        return None
    try:
        plan, indicators, actuals, problems, task_rows, indicator_rows = pickle.loads(payload)
    except Exception:  # a damaged entry of a cache, whatever the damage: validate again
        return None
    return Workspace(
        data_dir, year, plan, indicators, actuals, {}, problems, task_rows, indicator_rows
    )


def store(ws: Workspace) -> None:
    """Keep a workspace without errors for the next run, under the key of the very bytes that
    were validated (a file changed while they were read is then simply a miss next time); a
    cache that cannot be written (a read-only home folder) only costs time."""
    entry = _entry(ws.data_dir, ws.year)
    validated = _key_of(ws)
    if entry is None or validated is None or any(p.is_error for p in ws.problems):
        return
    parts = (ws.plan, ws.indicators, ws.actuals, ws.problems, ws.task_rows, ws.indicator_rows)
    cachefiles.write(
        entry, validated + b"\n" + pickle.dumps(parts, protocol=pickle.HIGHEST_PROTOCOL)
    )


def _entry(data_dir: Path, year: int) -> Path | None:
    """One entry per data folder and year, replaced when the files change (none without a
    cache folder)."""
    folder = cache_dir()
    if folder is None:
        return None
    where = hashlib.sha256(f"{data_dir.resolve()}\0{year}".encode()).hexdigest()[:24]
    return folder / "workspaces" / f"{where}.pickle"


#: The digest of a file that is not there (an actuals file not written yet).
_ABSENT = b"absent"


def key(data_dir: Path, year: int) -> bytes:
    """The key of the workspace's files as they are on disk now."""
    digests = []
    for name in file_names(year).values():
        try:  # a pipe or a device is never read here (it would hang or never end)
            raw = read_regular(data_dir / name)
            digests.append(_ABSENT if raw is None else hashlib.sha256(raw).digest())
        except NotReadable:  # a folder, a file that cannot be read: an error, never a kept answer
            digests.append(os.urandom(16))
    return _key(data_dir, year, digests)


def _key_of(ws: Workspace) -> bytes | None:
    """The key of the bytes ``ws`` was validated from (``None`` if they are not all known)."""
    digests = []
    for kind in file_names(ws.year):
        doc = ws.docs.get(kind)
        if doc is None and kind == "actuals":
            digests.append(_ABSENT)
        elif doc is None or doc.digest is None:
            return None
        else:
            digests.append(doc.digest)
    return _key(ws.data_dir, ws.year, digests)


def _key(data_dir: Path, year: int, digests: list[bytes]) -> bytes:
    """Everything the validated workspace depends on: the files' digests, the folder as given
    and the current folder (problems name files relative to it), kstthc's code, pydantic,
    PyYAML and Python."""
    digest = hashlib.sha256()
    digest.update(f"{FORMAT}\0{data_dir}\0{Path.cwd()}\0{sys.version}\0{year}\0".encode())
    for one in digests:
        digest.update(len(one).to_bytes(4, "big") + one)
    digest.update(_code_stamp().encode())
    return digest.hexdigest().encode()


def _code_stamp() -> str:
    """kstthc's modules by name, size and modification time, and where pydantic and PyYAML
    (which judge the files) are installed and when: a new version or an edited source file
    makes every entry stale."""
    here = Path(__file__).resolve().parent
    parts: list[str] = []
    for folder in (here, here / "commands"):
        with contextlib.suppress(OSError):
            for item in sorted(os.scandir(folder), key=lambda e: e.name):
                if item.name.endswith(".py"):
                    st = item.stat()
                    parts.append(f"{item.name}:{st.st_size}:{st.st_mtime_ns}")
    for package in ("pydantic", "pydantic_core", "yaml"):
        spec = importlib.util.find_spec(package)
        origin = spec.origin if spec is not None and spec.origin else ""
        try:
            parts.append(f"{origin}:{os.stat(origin).st_mtime_ns}")
        except OSError:
            parts.append(origin)
    return "\0".join(parts)
