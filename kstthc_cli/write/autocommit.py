"""Each write commits itself (tự lưu vào lịch sử): ``record`` and ``new-year`` commit exactly the
files they wrote, with a Vietnamese message naming what changed, when the data folder is inside a
git repository and the plan does not say ``reporting.auto_commit: false``."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from kstthc_cli.errors import UsageError

if TYPE_CHECKING:
    from kstthc_cli.write.newyear import NewYear
    from kstthc_cli.write.record import Change


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
    from kstthc_cli.compute.history import indicator_record_words
    from kstthc_cli.load.models import IndicatorRecord, TaskRecord

    def words(r: TaskRecord | IndicatorRecord) -> str:
        if isinstance(r, TaskRecord):
            state = "đã xong" if r.status == "done" else "đang thực hiện"
            return f"{state} ngày {r.date:%d/%m/%Y}"
        return indicator_record_words(r, change.unit)

    if change.deleted:
        return f"Xoá bản ghi {change.subject}: {words(change.record)}"
    title = f"Ghi nhận {change.subject}: {words(change.record)}"
    if change.replacing and change.replaced is not None:
        title += f" (thay {words(change.replaced)})"
    return title


def commit_record(change: Change, *, folder: Path) -> str | None:
    """Commit the actuals file ``record`` just wrote; the commit's id (None: nothing new)."""
    from kstthc_cli.write import vcs

    if not change.written:
        return None
    message = vcs.message(record_message(change), "record")
    return vcs.commit_files(folder=folder, paths=[change.path], message=message)


def commit_new_year(result: NewYear, *, folder: Path) -> str | None:
    from kstthc_cli.write import vcs

    if not result.written:
        return None
    paths = [result.plan_path, result.indicators_path]
    title = f"Lập kế hoạch năm {result.year} ({', '.join(p.name for p in paths)})"
    return vcs.commit_files(folder=folder, paths=paths, message=vcs.message(title, "new-year"))


def committed_line(commit: str | None) -> str | None:
    """What the officer reads after a committed write."""
    if commit is None:
        return None
    return f"Đã lưu vào lịch sử (lần ghi {commit[:7]}); hoàn tác bằng: kstthc undo"
