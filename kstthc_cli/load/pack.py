"""A commune's pack (gói dữ liệu của xã): one zip file made by ``kstthc pack``, read in memory.

The pack holds the workspace's files of one plan year (plan, indicators, records, figures, the
period's narrative) and ``manifest.json``: the commune, the plan year, the period, kstthc's
version and the SHA-256 of each file. Reading one never writes anything and never extracts to
disk: the zip is read whole (at most ``MAX_PACK_BYTES``), each member is read into memory
(at most the size of a data file, however its header lies: no zip bombs), only plain file
names of the workspace's kinds are accepted (no ``../x``, no folders, no absolute paths), and
every member must be listed in the manifest with its digest. A pack that fails any of these is
one located problem (``pack-damaged``, ``pack-unsafe``, ``pack-altered``) and is left out.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
import zlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kstthc_cli.errors import KstthcError
from kstthc_cli.load.yamlio import display_path
from kstthc_cli.messages import Said, said
from kstthc_cli.osfiles import MAX_FILE_BYTES, NotReadable, read_regular
from kstthc_cli.problems import Problem

if TYPE_CHECKING:
    from kstthc_cli.load.workspace import Workspace

MANIFEST = "manifest.json"
FORMAT = "kstthc-pack"
FORMAT_VERSION = 1
#: The largest pack read: the files of one commune's year are well under a megabyte.
MAX_PACK_BYTES = 4 * MAX_FILE_BYTES
#: The most members a pack may hold (four data files, a few narratives, the manifest).
MAX_MEMBERS = 32
MAX_MANIFEST_BYTES = 64 * 1024
#: The names a member may have: a workspace's own files, never a path.
MEMBER = re.compile(
    r"^(?:(?:plan|indicators|actuals|figures)_\d{4}\.yaml|narrative_\d{4}_[A-Z0-9]{1,3}\.md)$"
)
PLAN_MEMBER = re.compile(r"^plan_(\d{4})\.yaml$")


@dataclass(frozen=True)
class Pack:
    """A pack as read: its manifest and its members' bytes (file name → bytes)."""

    path: Path
    manifest: dict[str, Any]
    files: dict[str, bytes]

    @property
    def year(self) -> int:
        return int(self.manifest["year"])


class PackProblem(KstthcError):
    """A pack that cannot be used; ``problem`` says where and why."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message, problem.hint)
        self.problem = problem


def is_pack(path: Path) -> bool:
    """``path`` names a pack rather than a folder: a ``.zip`` that is not a folder."""
    return path.suffix.lower() == ".zip" and not path.is_dir()


def _problem(path: Path, words: Said) -> PackProblem:
    return PackProblem(Problem.of(display_path(path), None, None, words))


def plan_years(path: Path) -> list[int]:
    """The plan years a pack holds, from its members' names (nothing verified yet; an
    unreadable pack holds none, and says why when it is read)."""
    try:
        raw = read_regular(path, MAX_PACK_BYTES)
        if raw is None:
            return []
        with zipfile.ZipFile(io.BytesIO(raw)) as zf:
            names = zf.namelist()[: MAX_MEMBERS + 1]
    except (NotReadable, zipfile.BadZipFile, OSError, ValueError, EOFError):
        return []
    return sorted({int(m.group(1)) for n in names if (m := PLAN_MEMBER.match(n))})


def read_pack(path: Path) -> Pack:
    """The pack at ``path``, checked whole: raises ``PackProblem`` for a missing, unreadable,
    damaged, unsafe or altered pack."""
    try:
        raw = read_regular(path, MAX_PACK_BYTES)
    except NotReadable as exc:
        code = "file-too-large" if exc.code == "file-too-large" else exc.code
        problem = Problem(display_path(path), None, None, code, "error", exc.message, exc.hint)
        raise PackProblem(problem) from None
    if raw is None:
        raise _problem(path, said("folder-missing/pack"))
    try:
        zf = zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise _problem(path, said("pack-damaged")) from None
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_MEMBERS:
            raise _problem(path, said("pack-unsafe/many", count=len(infos)))
        for info in infos:
            if info.filename != MANIFEST and not MEMBER.match(info.filename):
                raise _problem(path, said("pack-unsafe/member", name=_shown(info.filename)))
        members = {info.filename: _member(zf, info, path) for info in infos}
    if len(members) != len(infos):
        raise _problem(path, said("pack-unsafe/same-name"))
    manifest = _manifest(members.pop(MANIFEST, None), path)
    _verify(manifest, members, path)
    return Pack(path, manifest, members)


def _shown(name: str) -> str:
    """A member's name as printed: short, without control characters."""
    clean = "".join(ch if ch.isprintable() else "?" for ch in name)
    return clean if len(clean) <= 80 else clean[:79] + "…"


def _member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path) -> bytes:
    """One member's bytes, never more than a data file may hold, whatever its header says."""
    limit = MAX_MANIFEST_BYTES if info.filename == MANIFEST else MAX_FILE_BYTES
    if info.file_size > limit:
        raise _problem(path, said("pack-unsafe/large", name=info.filename))
    try:
        with zf.open(info) as handle:
            data = handle.read(limit + 1)
    except (zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError, NotImplementedError):
        raise _problem(path, said("pack-damaged/member", name=info.filename)) from None
    except RuntimeError:  # an encrypted member: kstthc pack never makes one
        raise _problem(path, said("pack-unsafe/password", name=info.filename)) from None
    if len(data) > limit:
        raise _problem(path, said("pack-unsafe/large", name=info.filename))
    return data


def _manifest(raw: bytes | None, path: Path) -> dict[str, Any]:
    if raw is None:
        raise _problem(path, said("pack-altered/no-manifest", manifest=MANIFEST))
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        data = None
    files = data.get("files") if isinstance(data, dict) else None
    shaped = (
        isinstance(data, dict)
        and data.get("format") == FORMAT
        and isinstance(data.get("year"), int)
        and isinstance(files, list)
        and all(
            isinstance(f, dict)
            and isinstance(f.get("name"), str)
            and isinstance(f.get("sha256"), str)
            and isinstance(f.get("size"), int)
            for f in files
        )
    )
    if not shaped or not isinstance(data, dict):
        raise _problem(path, said("pack-altered/manifest", manifest=MANIFEST))
    if data.get("format_version") != FORMAT_VERSION:
        raise _problem(
            path,
            said(
                "pack-altered/version",
                version=str(data.get("format_version")),
                ours=FORMAT_VERSION,
            ),
        )
    return data


def _verify(manifest: dict[str, Any], members: dict[str, bytes], path: Path) -> None:
    """Every member listed with its size and digest, and nothing listed missing."""
    listed = {f["name"]: f for f in manifest["files"]}
    extra = sorted(set(members) - set(listed))
    if extra:
        raise _problem(path, said("pack-altered/extra", name=extra[0], manifest=MANIFEST))
    for name, entry in listed.items():
        data = members.get(name)
        if data is None:
            raise _problem(path, said("pack-altered/missing", name=_shown(name), manifest=MANIFEST))
        if len(data) != entry["size"] or hashlib.sha256(data).hexdigest() != entry["sha256"]:
            raise _problem(path, said("pack-altered/digest", name=name))
    year = manifest["year"]
    if f"plan_{year}.yaml" not in members:
        raise _problem(path, said("pack-altered/no-plan", year=year))


def source_years(path: Path) -> list[int]:
    """The plan years a commune's source holds: a folder's plans, or a pack's."""
    from kstthc_cli.load.workspace import data_folder
    from kstthc_cli.load.workspace import plan_years as folder_years

    return plan_years(path) if is_pack(path) else folder_years(data_folder(path))


def load_source(
    path: Path, year: int, *, as_of: date | None = None
) -> tuple[Workspace | None, list[Problem]]:
    """A commune's folder or pack loaded for plan year ``year``, as ``load_workspace`` loads a
    folder (a commune's folder made by ``kstthc init``: its ``data/``). A pack that cannot be
    used, or holds another year, raises ``PackProblem``; a folder's failures raise as
    ``load_workspace``'s do."""
    from kstthc_cli.load.workspace import data_folder, load_workspace

    if not is_pack(path):
        return load_workspace(data_folder(path), year, as_of=as_of)
    pack = read_pack(path)
    if pack.year != year:
        raise _problem(path, said("file-missing/pack-year", held=pack.year, year=year))
    return load_workspace(path, year, as_of=as_of, files=pack.files)
