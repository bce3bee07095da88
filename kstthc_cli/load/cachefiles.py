"""The cache folder: what kstthc can work out again (holidays per year, the validated workspace),
kept between runs. Losing it, or having none, only costs time."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


def cache_dir() -> Path | None:
    """``KSTTHC_CACHE_DIR``, else the system's usual cache folder; ``None`` when there is no home
    folder to put it in (a service account without one): then nothing is kept."""
    env = os.environ.get("KSTTHC_CACHE_DIR")
    if env:
        return Path(env)
    if os.name == "nt":
        base = os.environ.get("LOCALAPPDATA")
        if base:
            return Path(base) / "kstthc" / "cache"
    elif os.environ.get("XDG_CACHE_HOME"):
        return Path(os.environ["XDG_CACHE_HOME"]) / "kstthc"
    try:
        home = Path.home()
    except RuntimeError:
        return None
    if os.name == "nt":
        return home / "AppData" / "Local" / "kstthc" / "cache"
    return home / ".cache" / "kstthc"


def write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` at once (a reader sees the old file or the new one, never
    half of it), through a temporary file of a name no other writer uses; a cache that cannot
    be written is left as it is."""
    import tempfile

    tmp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, path)
    except OSError:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
