"""Each write commits itself (tự lưu vào lịch sử): ``record``, ``new-year`` and any later write
(``import``…) commit exactly the files they wrote, with a Vietnamese message naming what changed,
when the data folder is inside a git repository and the plan does not say
``reporting.auto_commit: false``. A write's commit holds only what the write did: the officer's
edits of the same file not yet saved are saved first, as their own commit (``Sửa tay: …``).

The one way a write commits: ``gate`` before writing, then ``commit_write`` with the files and
what each held when the write started."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from kstthc_cli.errors import UsageError

if TYPE_CHECKING:
    from kstthc_cli.compute.history import Change as PlanChange
    from kstthc_cli.write.figures import FiguresChange
    from kstthc_cli.write.newyear import NewYear
    from kstthc_cli.write.record import Batch, Change

_BOM = b"\xef\xbb\xbf"


def enabled(folder: Path, year: int) -> bool:
    """The plan's ``reporting.auto_commit`` (true when not written); ``check`` validates it."""
    from kstthc_cli.load.workspace import file_names
    from kstthc_cli.load.yamlio import read_document

    data = read_document(folder / file_names(year)["plan"]).data
    reporting = data.get("reporting") if isinstance(data, dict) else None
    return not (isinstance(reporting, dict) and reporting.get("auto_commit") is False)


def gate(folder: Path, *, year: int | None, day: date, no_commit: bool) -> bool:
    """Whether the write about to happen will be committed. A repository in a bad state
    (detached, mid-merge, locked) refuses here, before anything is written."""
    from kstthc_cli.load.workspace import resolve_year
    from kstthc_cli.write import vcs

    if no_commit or not folder.is_dir() or vcs.own_repository(folder) is None:
        return False
    try:
        plan_year = resolve_year(folder, year, day)
    except UsageError:
        return False  # the write itself says what is wrong
    if not enabled(folder, plan_year):
        return False
    return vcs.check_committable(folder=folder)


def record_message(change: Change) -> str:
    """``Ghi nhận nhiệm vụ 20, kỳ Quý II: đã xong ngày 14/06/2024``;
    ``Ghi nhận chỉ tiêu 3, kỳ Quý II: 130/200``; a replaced record says what it replaced."""
    from kstthc_cli.compute.history import indicator_figure_words
    from kstthc_cli.load.models import IndicatorRecord, TaskRecord

    def words(r: TaskRecord | IndicatorRecord) -> str:
        if isinstance(r, TaskRecord):
            state = "đã xong" if r.status == "done" else "đang thực hiện"
            return f"{state} ngày {r.date:%d/%m/%Y}"
        return indicator_figure_words(r, change.unit)

    if change.deleted:
        return f"Xoá bản ghi {change.subject}: {words(change.record)}"
    title = f"Ghi nhận {change.subject}: {words(change.record)}"
    if change.replacing and change.replaced is not None:
        title += f" (thay {words(change.replaced)})"
    return title


def commit_write(
    folder: Path,
    *,
    started_from: Mapping[Path, bytes | None],
    title: str,
    command: str,
) -> str | None:
    """Commit the files a write just wrote (the keys of ``started_from``, each mapped to what
    it held when the write started, None: it did not exist) with the title ``title`` and the
    trailer of ``command``; the commit's id (None: nothing new). Where a file's start differs
    from the last commit, that difference (the officer's unsaved edits) is committed first on
    its own, so that ``undo`` of this write takes back only what the write did; the files the
    write created are named in the commit, the only ones ``undo`` may delete."""
    from kstthc_cli.write import vcs

    paths = list(started_from)
    save_hand_edits(folder, started_from)
    created = [p.name for p, was in started_from.items() if was is None and p.is_file()]
    message = vcs.message(title, command, created=created)
    return vcs.commit_files(folder=folder, paths=paths, message=message)


def save_hand_edits(
    folder: Path,
    contents: Mapping[Path, bytes | None],
    title: str | None = None,
    *,
    prefix: str = "Thay đổi chưa lưu trước đó",
) -> str | None:
    """Commit ``contents`` (path → bytes, None: no such file) where they differ from the last
    commit, as a hand edit (``<prefix>: …`` naming what changed, or ``title``); None when
    nothing differs. The working files and the index are left alone."""
    from kstthc_cli.write import vcs

    names = {p: p.name for p in contents}
    head = vcs.head_files(folder=folder, names=list(names.values()))
    differ = {p: data for p, data in contents.items() if head.get(p.name) != data}
    if not differ:
        return None
    words = title or hand_title(
        {p.name: head.get(p.name) for p in differ},
        {p.name: data for p, data in differ.items()},
        prefix,
    )
    message = vcs.message(words, "commit")
    return vcs.commit_files(folder=folder, paths=list(differ), message=message, contents=differ)


def hand_title(
    before: Mapping[str, bytes | None], after: Mapping[str, bytes | None], prefix: str = "Sửa tay"
) -> str:
    """``Sửa tay: nhiệm vụ 1 (thời gian thực hiện); chỉ tiêu 3 (chỉ tiêu)``: what the officer's
    edits changed in the domain's words, or which files when no plan, indicator or record
    changed (a comment, a file kstthc does not read)."""
    from kstthc_cli.compute.history import brief, diff_versions
    from kstthc_cli.load.versions import version_of

    changes: list[PlanChange] = diff_versions(
        version_of({n: b for n, b in before.items() if b is not None}),
        version_of({n: b for n, b in after.items() if b is not None}),
    )
    if not changes:
        names = ", ".join(sorted(set(before) | set(after)))
        return f"{prefix}: {names} (không đổi nội dung kế hoạch, chỉ tiêu hay kết quả)"
    said = list(dict.fromkeys(brief(c) for c in changes))
    more = f" và {len(said) - 3} thay đổi khác" if len(said) > 3 else ""
    return f"{prefix}: " + "; ".join(said[:3]) + more


def _started(path: Path, text: str, existed: bool) -> bytes | None:
    """What a file held before a write that read it as ``text`` (its BOM, kept by the write, is
    on the file now)."""
    if not existed:
        return None
    now = path.read_bytes() if path.is_file() else b""
    return (_BOM if now.startswith(_BOM) else b"") + text.encode("utf-8")


def commit_record(change: Change, *, folder: Path) -> str | None:
    """Commit the actuals file ``record`` just wrote; the commit's id (None: nothing new)."""
    if not change.written:
        return None
    started = {change.path: _started(change.path, change.before, not change.created)}
    title = record_message(change)
    return commit_write(folder, started_from=started, title=title, command="record")


def commit_batch(batch: Batch, *, folder: Path) -> str | None:
    """Commit the actuals file ``record indicators`` just wrote (one commit for the batch)."""
    if not batch.written:
        return None
    first = batch.changes[0].subject.split(", kỳ ", 1)[-1]
    ids = ", ".join(c.subject.split(",", 1)[0].removeprefix("chỉ tiêu ") for c in batch.changes)
    started = {batch.path: _started(batch.path, batch.before, not batch.created)}
    title = f"Ghi nhận số liệu kỳ {first}: chỉ tiêu {ids}"
    return commit_write(folder, started_from=started, title=title, command="record")


def import_message(change: FiguresChange) -> str:
    """``Nhập số liệu Quý I/2025 từ so-lieu-q1.xlsx (2 dòng lĩnh vực; chỉ tiêu 1, 4)``."""
    from kstthc_cli.compute import periods

    parts = [f"{change.rows} dòng lĩnh vực"]
    if change.late:
        parts.append(f"{change.late} hồ sơ trễ hạn")
    if change.direct is not None and change.direct.written:
        parts.append("chỉ tiêu " + ", ".join(change.direct_ids))
    label = periods.label(change.pid, change.year)
    return f"Nhập số liệu {label} từ {change.source} ({'; '.join(parts)})"


def commit_import(change: FiguresChange, *, folder: Path) -> str | None:
    """Commit the figures file (and the actuals file) ``import`` just wrote."""
    if not change.written:
        return None
    started = {change.path: _started(change.path, change.before, not change.created)}
    direct = change.direct
    if direct is not None and direct.written:
        started[direct.path] = _started(direct.path, direct.before, not direct.created)
    return commit_write(
        folder, started_from=started, title=import_message(change), command="import"
    )


def commit_new_year(result: NewYear, *, folder: Path) -> str | None:
    if not result.written:
        return None
    paths = [result.plan_path, result.indicators_path]
    title = f"Lập kế hoạch năm {result.year} ({', '.join(p.name for p in paths)})"
    return commit_write(folder, started_from=dict.fromkeys(paths), title=title, command="new-year")


def committed_line(commit: str | None) -> str | None:
    """What the officer reads after a committed write."""
    if commit is None:
        return None
    return f"Đã lưu vào lịch sử (lần ghi {commit[:7]}); hoàn tác bằng: kstthc undo"


# ---------------------------------------------------------------- kstthc commit: hand edits

#: The files of a data folder that are the officer's data: the YAML files and the officer's own
#: words for reports (``load.officer``); reports, forms and anything else are never committed.
_DATA_FILE = re.compile(
    r"^(?:[^.].*\.yaml|(?:assessment|causes|proposals)_\d{4}_[^.]+\.(?:docx|md)"
    r"|narrative_\d{4}_[^.]+\.md)$"
)


@dataclass(frozen=True)
class Saved:
    """What ``kstthc commit`` saved: the commit (None: nothing to save), whether the folder's
    history was started by it, its title, the files and what changed in them."""

    commit: str | None
    started: bool
    title: str
    files: tuple[str, ...]
    changes: tuple[PlanChange, ...]


def data_files(folder: Path) -> list[Path]:
    """The data folder's data files present (regular files, not links)."""
    return [
        p
        for p in sorted(folder.iterdir())
        if _DATA_FILE.match(p.name) and p.is_file() and not p.is_symlink()
    ]


def save_workspace(folder: Path, *, message: str | None = None) -> Saved:
    """Commit the data files' edits not yet in the history (hand edits, writes made without
    committing), titled ``message`` or ``Sửa tay: …`` naming what changed; a folder with no
    history gets one (a git repository in the data folder, its first commit holding the data
    files as they are). Other files, and other folders of the repository, are left alone."""
    from kstthc_cli.compute.history import diff_versions
    from kstthc_cli.load.versions import version_of
    from kstthc_cli.load.workspace import refuse_bundled
    from kstthc_cli.write import vcs

    refuse_bundled(folder)
    present = data_files(folder)
    if vcs.find_repository(folder) is None:
        listed = ", ".join(p.name for p in present) or "chưa có tệp dữ liệu nào"
        title = message or f"Bắt đầu lịch sử của thư mục dữ liệu ({listed})"
        _, sha = vcs.init_repository(folder=folder, paths=present, title=title, command="commit")
        files = {p.name: p.read_bytes() for p in present}
        changes = diff_versions(version_of({}), version_of(files))
        return Saved(sha, True, title, tuple(files), tuple(changes))
    vcs.check_committable(folder=folder)
    committed = vcs.committed_names(folder=folder)
    names = sorted({p.name for p in present} | {n for n in committed if _DATA_FILE.match(n)})
    head = vcs.head_files(folder=folder, names=names)
    now = {n: (folder / n).read_bytes() if (folder / n) in present else None for n in names}
    differ = [n for n in names if head[n] != now[n]]
    before = {n: head[n] for n in differ}
    after = {n: now[n] for n in differ}
    title = message or hand_title(before, after)
    changes = diff_versions(
        version_of({n: b for n, b in before.items() if b is not None}),
        version_of({n: b for n, b in after.items() if b is not None}),
    )
    if not differ:
        return Saved(None, False, "", (), ())
    sha = vcs.commit_files(
        folder=folder, paths=[folder / n for n in differ], message=vcs.message(title, "commit")
    )
    return Saved(sha, False, title, tuple(differ), tuple(changes))
