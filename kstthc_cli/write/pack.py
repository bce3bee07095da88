"""``kstthc pack``: the commune's workspace of one plan year as one zip file for the province.

The files are read once, validated from those very bytes, and packed as read (byte for byte,
never re-dumped) with ``manifest.json`` (``load.pack`` reads it back). A workspace with errors is
refused: the province would only leave it out.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from kstthc_cli import messages
from kstthc_cli.errors import DataError, UsageError
from kstthc_cli.load.pack import FORMAT, FORMAT_VERSION, MANIFEST
from kstthc_cli.load.workspace import file_names, is_input_file, load_workspace, resolve_year
from kstthc_cli.messages import said
from kstthc_cli.osfiles import NotReadable, read_regular
from kstthc_cli.problems import Problem, has_errors

if TYPE_CHECKING:
    from kstthc_cli.compute.periods import CutoffRule


@dataclass(frozen=True)
class PackResult:
    """What ``pack`` wrote: where, for which year and period, and the files inside."""

    path: Path
    year: int
    period: str
    commune: str
    files: tuple[str, ...]
    size: int


def _read(path: Path) -> bytes | None:
    try:
        return read_regular(path)
    except NotReadable as exc:
        raise DataError(
            [Problem(str(path), None, None, exc.code, "error", exc.message, exc.hint)]
        ) from None


def build_pack(
    data_dir: Path, *, year: int | None, period: str | None, as_of: date, version: str
) -> tuple[bytes, int, str, str, tuple[str, ...]]:
    """The pack's bytes, its year, period, commune and member names; ``DataError`` when the
    workspace has errors."""
    year = resolve_year(data_dir, year, as_of)
    names = file_names(year)
    files: dict[str, bytes] = {}
    for kind in ("plan", "indicators", "actuals", "figures"):
        raw = _read(data_dir / names[kind])
        if raw is not None:
            files[names[kind]] = raw
    ws, problems = load_workspace(data_dir, year, as_of=as_of, files=files)
    if ws is None or has_errors(problems):
        raise DataError(problems, messages.text("failed/pack-data-errors"))
    from kstthc_cli.compute import periods

    pid = period or default_period_of(ws.plan.reporting.cutoff_rule, year, as_of)
    narrative = data_dir / f"narrative_{year}_{pid}.md"
    if narrative.is_file():
        raw = _read(narrative)
        if raw is not None:
            files[narrative.name] = raw
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "kstthc": version,
        "commune": ws.plan.issuing_body,
        "place": ws.plan.place,
        "year": year,
        "period": pid,
        "period_label": periods.label(pid, year),
        "as_of": as_of.isoformat(),
        "files": [
            {"name": n, "size": len(b), "sha256": hashlib.sha256(b).hexdigest()}
            for n, b in files.items()
        ],
    }
    stamp = (max(as_of.year, 1980), as_of.month, as_of.day, 0, 0, 0)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        body = json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"
        for name, data in [(MANIFEST, body), *files.items()]:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)
    return buffer.getvalue(), year, pid, ws.plan.place or ws.plan.issuing_body, tuple(files)


def default_period_of(rule: CutoffRule, year: int, as_of: date) -> str:
    """The period a pack is for when none is named: the last quarter whose cut-off window has
    ended by ``as_of`` (Q2 on 20/06 under NĐ 09), else the first."""
    from kstthc_cli.compute import periods

    ended = [q for q in periods.QUARTERS if periods.window(q, year, rule)[1] < as_of]
    return ended[-1] if ended else periods.QUARTERS[0]


def default_name(commune: str, year: int, pid: str) -> str:
    """``goi-huong-tra-2024-q2.zip``: the commune's name without diacritics."""
    from kstthc_cli.load.text import fold

    slug = re.sub(r"[^a-z0-9]+", "-", fold(commune)).strip("-")[:40] or "xa"
    return f"goi-{slug}-{year}-{pid.lower()}.zip"


def write_pack(
    data_dir: Path,
    *,
    path: Path | None,
    year: int | None,
    period: str | None,
    as_of: date,
    version: str,
) -> PackResult:
    """Build the pack and write it atomically to ``path`` (default: ``default_name`` in the
    current folder); never over one of the workspace's own files, a folder or a device."""
    import os
    import stat

    from kstthc_cli.errors import KstthcError
    from kstthc_cli.osfiles import os_words
    from kstthc_cli.write import safewrite

    data, year, pid, commune, members = build_pack(
        data_dir, year=year, period=period, as_of=as_of, version=version
    )
    target = path if path is not None else Path(default_name(commune, year, pid))
    example = default_name(commune, year, pid)
    if target.suffix.lower() != ".zip":
        raise UsageError(said("usage/pack-not-zip", target=target, example=example))
    real = Path(os.path.realpath(target))
    if real.is_dir():
        raise UsageError(said("usage/pack-is-folder", target=target, example=example))
    if real.exists() and not stat.S_ISREG(os.stat(real).st_mode):
        raise UsageError(said("usage/pack-not-regular", target=target, example=example))
    if is_input_file(real, data_dir):
        raise UsageError(said("usage/pack-input-file", target=target, example=example))
    if not real.parent.is_dir():
        raise UsageError(said("usage/pack-no-folder", folder=real.parent))
    try:
        safewrite.replace_atomically(real, data, safewrite.fingerprint(safewrite.read_bytes(real)))
    except OSError as exc:
        raise KstthcError(
            said("failed/pack-not-written", target=target, why=os_words(exc))
        ) from None
    return PackResult(target, year, pid, commune, members, len(data))
