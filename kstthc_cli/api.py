"""kstthc as a library: what the commands do, as keyword-only functions a script can call."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kstthc_cli.compute.history import Change, Entry
    from kstthc_cli.write.undo import UndoPlan


# ---------------------------------------------------------------- history, diff, undo


def history(
    *,
    folder: Path,
    since: date | None = None,
    task: str | None = None,
    indicator: str | None = None,
) -> list[Entry]:
    """The data folder's history in the domain's words, newest first (hand edits included);
    reads the repository only."""
    from kstthc_cli.compute.history import Entry, diff_versions, select
    from kstthc_cli.load.versions import version_of
    from kstthc_cli.write import vcs

    vcs.check_readable(folder=folder)
    entries = [
        Entry(
            r.info.id,
            r.info.author,
            r.info.when,
            r.info.title,
            r.info.command,
            tuple(diff_versions(version_of(r.before), version_of(r.after))),
        )
        for r in vcs.revisions(folder=folder)
    ]
    return select(entries, since=since, task=task, indicator=indicator)


def amendments(
    *, folder: Path, old: str | None = None, new: str | None = None
) -> tuple[list[Change], str, str]:
    """The plan's and indicators' changes from version ``old`` (default HEAD, the last commit)
    to ``new`` (default: the working files), and how the two versions are named."""
    from kstthc_cli.compute.history import diff_versions
    from kstthc_cli.load.versions import version_of
    from kstthc_cli.write import vcs

    vcs.check_readable(folder=folder)
    old_name, old_files = vcs.files_at(folder=folder, rev=old or "HEAD")
    new_name, new_files = vcs.files_at(folder=folder, rev=new)
    changes = diff_versions(version_of(old_files), version_of(new_files), records=False)
    return changes, old_name, new_name


def plan_undo(*, folder: Path) -> UndoPlan:
    """What ``undo`` would take back; refuses (RepositoryError) when it cannot."""
    from kstthc_cli.write import undo

    return undo.plan_undo(folder=folder)


def apply_undo(*, plan: UndoPlan) -> str:
    """Take the change back as a new commit; its id."""
    from kstthc_cli.write import undo

    return undo.apply_undo(plan)
