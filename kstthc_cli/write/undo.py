"""``undo`` (hoàn tác): take back the last change kstthc committed, as a new commit. The files are
put back as they were before it, line by line: later changes to other lines of the same file
stay; a later change to the same lines, or an edit not yet committed, refuses the undo."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from kstthc_cli import messages
from kstthc_cli.compute.history import Change, brief, diff_versions
from kstthc_cli.load.versions import version_of
from kstthc_cli.load.workspace import refuse_bundled
from kstthc_cli.messages import said
from kstthc_cli.write import safewrite, vcs

#: Commands whose commits ``undo`` takes back (``init`` and ``undo`` itself are not).
UNDOABLE = ("record", "import", "new-year")


@dataclass(frozen=True)
class UndoPlan:
    """What ``undo`` will do: the commit taken back, what it changed, the files' new texts."""

    folder: Path
    target: vcs.CommitInfo
    changes: tuple[Change, ...]
    current: dict[str, bytes | None]
    restored: dict[str, bytes | None]

    @property
    def figures(self) -> dict[str, bytes | None]:
        """The figures files (``import``'s) put back, name → their text after the undo."""
        return {n: b for n, b in self.restored.items() if Path(n).name.startswith("figures_")}


def plan_undo(*, folder: Path) -> UndoPlan:
    """Find the change to take back and the files it leaves; refuses, saying why."""
    refuse_bundled(folder)  # the sample is never written, its repository never undone
    if not vcs.check_committable(folder=folder):
        raise vcs.RepositoryError(said("refused/undo-no-history", folder=folder))
    revisions = vcs.revisions(folder=folder)
    undone = {r.info.undoes for r in revisions if r.info.undoes}
    later: list[vcs.Revision] = []
    target: vcs.Revision | None = None
    for r in revisions:
        if r.info.command in UNDOABLE and r.info.id not in undone:
            target = r
            break
        later.append(r)
    if target is None:
        raise vcs.RepositoryError(said("refused/undo-nothing"))
    names = sorted(set(target.after) | set(target.before))
    head = vcs.head_files(folder=folder, names=names)
    restored: dict[str, bytes | None] = {}
    for name in names:
        working = safewrite.read_bytes(folder / name)
        if working != head[name]:
            raise vcs.RepositoryError(said("refused/undo-unsaved", name=name))
        restored[name] = _take_back(
            name, target.before.get(name), target.after.get(name), head[name], target, later
        )
    changes = diff_versions(
        version_of({n: b for n, b in head.items() if b is not None}),
        version_of({n: b for n, b in restored.items() if b is not None}),
    )
    return UndoPlan(folder, target.info, tuple(changes), head, restored)


def _take_back(
    name: str,
    before: bytes | None,
    after: bytes | None,
    now: bytes | None,
    target: vcs.Revision,
    later: list[vcs.Revision],
) -> bytes | None:
    """The file with the target's change reversed and every later change kept. A file the
    target's commit brought into the history is deleted only when the write made it: one
    that held records never saved before (written without committing, before the folder
    had a history) is refused, those records being in no other commit."""
    held = diff_versions(version_of({}), version_of({name: after})) if after else []
    if before is None and after is not None and not _made_by(target, name, held):
        held_words = "; ".join(dict.fromkeys(brief(c) for c in held)) or messages.text(
            "refused/undo-other-content"
        )
        raise vcs.RepositoryError(
            said(
                "refused/undo-whole-file",
                short=target.info.short,
                title=target.info.title,
                name=name,
                held=held_words,
            ),
            about="undo-whole-file",
        )
    if now == after:
        return before
    touched = [r for r in later if name in r.after or name in r.before]
    why = (
        messages.text("refused/undo-touched", who=_named(touched), name=name)
        if touched
        else messages.text("refused/undo-changed", name=name)
    )
    if before is None and after is not None and now is not None:
        before = _fresh(name)  # a record's new file: its lines out, later edits kept
    if before is None or after is None or now is None:
        raise _refused(target, why, whole=True)
    merged = _merge(after, before, now)
    if merged is None:
        raise _refused(target, why, whole=False)
    return merged


def _fresh(name: str) -> bytes | None:
    """What ``record`` starts a new actuals file with (None: another kind of file)."""
    from kstthc_cli.write.record import new_file_text

    m = re.fullmatch(r"actuals_(\d{4})\.yaml", name)
    return new_file_text(int(m.group(1))).encode("utf-8") if m else None


def _made_by(target: vcs.Revision, name: str, held: list[Change]) -> bool:
    """Whether the target's write created file ``name``: its commit says so; ``new-year``
    refuses to write over any file, so what it commits it made; a ``record`` committed before
    kstthc said so made the file if the file held nothing but one record (its own)."""
    if target.info.command == "new-year" or name in target.info.created:
        return True
    return target.info.command == "record" and len(held) == 1


def _named(revisions: list[vcs.Revision]) -> str:
    shown = [f"{r.info.short} “{r.info.title}”" for r in revisions[:3]]
    more = f" và {len(revisions) - 3} lần khác" if len(revisions) > 3 else ""
    return "lần ghi " + ", ".join(shown) + more


def _refused(target: vcs.Revision, why: str, *, whole: bool) -> vcs.RepositoryError:
    return vcs.RepositoryError(
        said(
            "refused/undo-whole" if whole else "refused/undo-lines",
            short=target.info.short,
            title=target.info.title,
            why=why,
        )
    )


def _merge(base: bytes, theirs: bytes, ours: bytes) -> bytes | None:
    """Both edits of ``base`` (``theirs``: the undo; ``ours``: what came later) applied, or
    None when they touch the same or neighbouring lines."""
    b, t, o = (x.decode("utf-8").splitlines(keepends=True) for x in (base, theirs, ours))
    undo = [op for op in difflib.SequenceMatcher(None, b, t, autojunk=False).get_opcodes()]
    kept = [op for op in difflib.SequenceMatcher(None, b, o, autojunk=False).get_opcodes()]
    edits = [(i1, i2, t[j1:j2]) for tag, i1, i2, j1, j2 in undo if tag != "equal"]
    others = [(i1, i2, o[j1:j2]) for tag, i1, i2, j1, j2 in kept if tag != "equal"]
    for a1, a2, _ in edits:
        for c1, c2, _ in others:
            if a1 <= c2 and c1 <= a2:  # overlapping or touching ranges of the base
                return None
    out: list[str] = []
    pos = 0
    for i1, i2, lines in sorted(edits + others, key=lambda e: (e[0], e[1])):
        out += b[pos:i1]
        out += lines
        pos = i2
    out += b[pos:]
    return "".join(out).encode("utf-8")


def apply_undo(plan: UndoPlan) -> str:
    """Write the files back and commit; the new commit's id."""
    refuse_bundled(plan.folder)
    paths: list[Path] = []
    for name, data in plan.restored.items():
        if data is not None:
            safewrite.refuse_too_large(name, data)  # every file before the first is written
    for name, data in plan.restored.items():
        path = plan.folder / name
        with safewrite.locked(path):
            expected = safewrite.fingerprint(plan.current[name])
            if data is None:
                if safewrite.fingerprint(safewrite.read_bytes(path)) != expected:
                    raise vcs.RepositoryError(said("refused/undo-changed-now", name=name))
                path.unlink(missing_ok=True)
            else:
                safewrite.replace_atomically(path, data, expected)
        paths.append(path)
    message = vcs.message(f"Hoàn tác: {plan.target.title}", "undo", undoes=plan.target.id)
    commit = vcs.commit_files(folder=plan.folder, paths=paths, message=message)
    if commit is None:
        raise vcs.RepositoryError(said("refused/undo-no-change"))
    return commit
