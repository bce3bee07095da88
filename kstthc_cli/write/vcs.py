"""The data folder under version control (kho lịch sử git), through dulwich: it works on a
laptop with no git installed, and in a repository made by git itself the same way.

A commit made here holds EXACTLY the files it is given: its tree is HEAD's tree with those
files' new contents, so the officer's other edits (staged or not) stay out of it; only those
files' index entries are updated afterwards. Commits made by kstthc end with a trailer line
``Kstthc: <lệnh>`` so ``undo`` and ``history`` can tell them from hand edits.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kstthc_cli import messages
from kstthc_cli.errors import KstthcError
from kstthc_cli.messages import said
from kstthc_cli.osfiles import os_words
from kstthc_cli.write.safewrite import GITIGNORE  # kstthc's lock and temp files: one text

if TYPE_CHECKING:
    from dulwich.objects import Commit as GitCommit
    from dulwich.repo import Repo

INIT_MESSAGE = "Khởi tạo thư mục dữ liệu kstthc"
TRAILER = "Kstthc: "
UNDO_TRAILER = "Kstthc-Hoàn-tác: "
#: The files the write created (they did not exist before it): ``undo`` may delete only these.
CREATED_TRAILER = "Kstthc-Tạo-tệp: "
DEFAULT_AUTHOR = "kstthc <kstthc@localhost>"

_IN_PROGRESS = {
    "MERGE_HEAD": "đang dở một lần hợp nhất (merge)",
    "CHERRY_PICK_HEAD": "đang dở một lần cherry-pick",
    "REVERT_HEAD": "đang dở một lần revert",
    "rebase-merge": "đang dở một lần rebase",
    "rebase-apply": "đang dở một lần rebase",
}


class RepositoryError(KstthcError):
    """The data folder's git repository cannot be read or written as asked (exit 1)."""


@dataclass(frozen=True)
class CommitInfo:
    """One commit as the history shows it."""

    id: str
    author: str
    when: datetime
    message: str
    parent: str | None

    @property
    def short(self) -> str:
        return self.id[:7]

    @property
    def title(self) -> str:
        return self.message.strip().splitlines()[0] if self.message.strip() else ""

    @property
    def command(self) -> str | None:
        """The kstthc command that made this commit (``record``, ``undo``…); None: by hand."""
        for line in self.message.splitlines():
            if line.startswith(TRAILER):
                return line[len(TRAILER) :].strip()
        return None

    @property
    def undoes(self) -> str | None:
        for line in self.message.splitlines():
            if line.startswith(UNDO_TRAILER):
                return line[len(UNDO_TRAILER) :].strip()
        return None

    @property
    def created(self) -> tuple[str, ...]:
        """The data files the write created (named in its trailer); others existed before."""
        for line in self.message.splitlines():
            if line.startswith(CREATED_TRAILER):
                return tuple(n.strip() for n in line[len(CREATED_TRAILER) :].split(",") if n)
        return ()


# ---------------------------------------------------------------- opening


def find_repository(folder: Path) -> Path | None:
    """The top folder of the repository that holds ``folder``, or None when there is none."""
    start = folder.resolve()
    if not any((p / ".git").exists() for p in (start, *start.parents)):
        return None  # without importing dulwich (50 ms): most folders are in no repository
    from dulwich.errors import NotGitRepository
    from dulwich.repo import Repo

    try:
        with Repo.discover(str(folder)) as repo:
            return Path(repo.path).resolve()
    except NotGitRepository:
        return None
    except Exception as exc:  # a damaged .git: dulwich's own errors vary by version
        raise _damaged(folder, exc) from None


def own_repository(folder: Path) -> Path | None:
    """The repository a write in ``folder`` commits to: the one holding it, unless that is a
    kstthc source checkout (the project's own history is never written to; ``init`` then makes
    the folder a repository of its own)."""
    from kstthc_cli.load.workspace import is_source_checkout

    found = find_repository(folder)
    return None if found is None or is_source_checkout(found) else found


@contextlib.contextmanager
def _opened(folder: Path) -> Iterator[Repo]:
    from dulwich.errors import NotGitRepository
    from dulwich.repo import Repo

    if not folder.is_dir():
        raise RepositoryError(said("failed/repo-no-folder", folder=folder), about="data-folder")
    try:
        repo = Repo.discover(str(folder))
    except NotGitRepository:
        raise RepositoryError(said("failed/repo-none", folder=folder)) from None
    except Exception as exc:  # a damaged .git: dulwich's own errors vary by version
        raise _damaged(folder, exc) from None
    try:
        yield repo
    finally:
        repo.close()


def _why(exc: BaseException) -> str:
    """Why the repository could not be read: the system's reason in Vietnamese, or dulwich's
    own words (for the IT person the hint sends the officer to), marked as such."""
    if isinstance(exc, OSError):
        return os_words(exc)
    return f"chi tiết cho người phụ trách CNTT: {type(exc).__name__}: {exc}"


def _damaged(folder: Path, exc: BaseException) -> RepositoryError:
    return RepositoryError(
        said("failed/repo-unreadable", folder=folder, why=_why(exc)), about="repository-damaged"
    )


def _check_writable(repo: Repo) -> None:
    """Refuse a repository whose state a commit would make worse: detached, mid-merge,
    conflicted, or locked by another program."""
    control = Path(repo.controldir())
    for name, what in _IN_PROGRESS.items():
        if (control / name).exists():
            raise RepositoryError(said("failed/repo-busy", what=what), about="repository-busy")
    _check_attached(repo)
    if (control / "index.lock").exists():
        raise _locked()
    with contextlib.suppress(FileNotFoundError):
        conflicted = _conflicted(repo)
        if conflicted:
            raise RepositoryError(
                said("failed/repo-conflict", files=", ".join(conflicted)),
                about="repository-conflict",
            )


def _check_attached(repo: Repo, *, reading: bool = False) -> None:
    """On a branch: a HEAD naming a commit directly is detached; one that names neither a
    branch nor a commit there is (a ``.git`` pointing to a folder gone, a HEAD file
    overwritten) is a broken repository, said as such."""
    control = Path(repo.controldir())
    if not control.is_dir():
        raise _broken(control, messages.text("failed/repo-no-control", control=control))
    container: Any = repo.refs  # dulwich's ref and id types vary by version
    try:
        refs, sha = container.follow(b"HEAD")
    except Exception as exc:  # a HEAD dulwich cannot read at all
        raise _broken(control, _why(exc)) from None
    if len(refs) >= 2:
        return
    if sha is None or not re.fullmatch(rb"[0-9a-f]{40}", bytes(sha)) or sha not in repo:
        raise _broken(control, messages.text("failed/repo-bad-head"))
    if reading:
        raise RepositoryError(said("failed/repo-detached-reading"))
    raise RepositoryError(said("failed/repo-detached"), about="repository-detached")


def _broken(control: Path, why: str) -> RepositoryError:
    return RepositoryError(
        said("failed/repo-broken", why=why, control=control),
        about="repository-damaged",
        details={"control": control},
    )


def _conflicted(repo: Repo) -> list[str]:
    from dulwich import index as git_index

    kind = getattr(git_index, "ConflictedIndexEntry", None)
    found: list[str] = []
    idx = repo.open_index()
    for path in idx:
        entry = idx[path]
        if (kind is not None and isinstance(entry, kind)) or (getattr(entry, "flags", 0) & 0x3000):
            found.append(path.decode("utf-8", "replace"))
    return found


def _locked() -> RepositoryError:
    return RepositoryError(said("failed/repo-locked"))


def check_committable(*, folder: Path) -> bool:
    """True when ``folder`` is inside a repository a commit can go into; False when it is in
    none; a RepositoryError when it is in one that is in a bad state."""
    if own_repository(folder) is None:
        return False
    with _opened(folder) as repo:
        _check_writable(repo)
    return True


# ---------------------------------------------------------------- writing


def init_repository(
    *,
    folder: Path,
    paths: Sequence[Path] | None = None,
    title: str = INIT_MESSAGE,
    command: str = "init",
) -> tuple[bool, str | None]:
    """Make ``folder`` a repository unless it is inside one already, ignore kstthc's lock and
    temporary files (``.gitignore``), and commit the files present (or just ``paths`` and the
    ``.gitignore``: a repository's other files are left alone). Returns whether a repository
    was made, and the commit (None: nothing new to commit)."""
    from dulwich.repo import Repo

    if not folder.is_dir():
        raise RepositoryError(said("failed/repo-no-folder", folder=folder), about="data-folder")
    created = own_repository(folder) is None
    if created:
        try:
            Repo.init(str(folder), default_branch=b"main").close()
        except OSError as exc:
            raise RepositoryError(
                said("failed/repo-not-created", folder=folder, why=os_words(exc))
            ) from None
    ignore = folder / ".gitignore"
    old = ignore.read_text(encoding="utf-8") if ignore.exists() else ""
    missing = [line for line in GITIGNORE.splitlines()[1:] if line not in old.splitlines()]
    if missing:
        from kstthc_cli.write import safewrite

        text = GITIGNORE if not old else old.rstrip("\n") + "\n" + "\n".join(missing) + "\n"
        safewrite.replace_atomically(
            ignore, text.encode("utf-8"), safewrite.fingerprint(safewrite.read_bytes(ignore))
        )
    files = _present(folder) if paths is None else [ignore, *paths]
    return created, commit_files(folder=folder, paths=files, message=message(title, command))


def _present(folder: Path) -> list[Path]:
    """The files in ``folder`` that are not ignored (kstthc's own, or the officer's rules)."""
    from dulwich.ignore import IgnoreFilterManager

    with _opened(folder) as repo:
        root = Path(repo.path).resolve()
        ignored = IgnoreFilterManager.from_repo(repo)
        found = []
        for path in sorted(folder.resolve().rglob("*")):
            rel = path.relative_to(root)
            if ".git" in rel.parts or not path.is_file() or path.is_symlink():
                continue
            if ignored.is_ignored(rel.as_posix()):
                continue
            found.append(path)
    return found


def message(
    title: str, command: str, *, undoes: str | None = None, created: Sequence[str] = ()
) -> str:
    """A commit message kstthc writes: the Vietnamese title, then its trailer lines."""
    lines = [title, "", f"{TRAILER}{command}"]
    if undoes:
        lines.append(f"{UNDO_TRAILER}{undoes}")
    if created:
        lines.append(CREATED_TRAILER + ", ".join(created))
    return "\n".join(lines) + "\n"


def commit_files(
    *,
    folder: Path,
    paths: Sequence[Path],
    message: str,
    contents: Mapping[Path, bytes | None] | None = None,
) -> str | None:
    """Commit exactly ``paths`` (a missing file is a deletion) on the current branch of the
    repository holding ``folder``; returns the new commit's id, or None when nothing changed.
    ``contents``: what to commit for each path instead of the file on disk (None: a deletion);
    the index is then left alone, since the working files hold something else."""
    from dulwich.file import FileLocked
    from dulwich.object_store import commit_tree_changes
    from dulwich.objects import Blob, Commit, Tree

    with _opened(folder) as repo:
        _check_writable(repo)
        root = Path(repo.path).resolve()
        store = repo.object_store
        head = _head(repo)
        if head is None:
            empty = Tree()
            store.add_object(empty)
            base_tree = empty.id
        else:
            base_tree = _commit(repo, head).tree
        changes: list[Any] = []
        staged: list[tuple[bytes, Path, bytes | None]] = []
        for path in paths:
            rel = _relative(path, root)
            data = path.read_bytes() if contents is None and path.is_file() else None
            if contents is not None:
                data = contents.get(path)
            if data is not None:
                blob = Blob.from_string(data)
                store.add_object(blob)
                executable = path.is_file() and os.stat(path).st_mode & stat.S_IXUSR
                changes.append((rel, 0o100755 if executable else 0o100644, blob.id))
                staged.append((rel, path, blob.id))
            elif _lookup(repo, base_tree, rel) is not None:
                changes.append((rel, None, None))
                staged.append((rel, path, None))
        tree = commit_tree_changes(store, base_tree, changes) if changes else base_tree
        if tree == base_tree and head is not None:
            return None
        if head is None and not changes:
            return None
        commit = Commit()
        commit.tree = tree
        parents: list[Any] = [] if head is None else [head]
        commit.parents = parents
        commit.author = commit.committer = _identity(repo)
        now, offset = _now()
        commit.author_time = commit.commit_time = now
        commit.author_timezone = commit.commit_timezone = offset
        commit.encoding = b"UTF-8"
        commit.message = message.encode("utf-8")
        store.add_object(commit)
        try:
            refs: Any = repo.refs
            branch = refs.follow(b"HEAD")[0][-1]
            if head is None:
                moved = refs.add_if_new(branch, commit.id)
            else:
                moved = refs.set_if_equals(branch, head, commit.id)
            if not moved:
                raise RepositoryError(said("failed/repo-moved"))
            if contents is None:
                _restage(repo, staged)
        except FileLocked:
            raise _locked() from None
        return commit.id.decode("ascii")


def _relative(path: Path, root: Path) -> bytes:
    try:
        rel = path.resolve().relative_to(root)
    except ValueError:
        raise RepositoryError(said("failed/repo-outside", path=path, root=root)) from None
    return rel.as_posix().encode("utf-8")


def _restage(repo: Repo, staged: Sequence[tuple[bytes, Path, bytes | None]]) -> None:
    """The index entries of the committed files follow the commit; the others stay."""
    from dulwich.index import index_entry_from_stat

    idx = repo.open_index()
    for rel, path, blob in staged:
        if blob is None:
            if rel in idx:
                del idx[rel]
        else:
            idx[rel] = index_entry_from_stat(os.stat(path), blob)
    idx.write()


def _now() -> tuple[int, int]:
    """The commit's time: seconds since 1970 and the local offset from UTC in seconds."""
    now = int(time.time())
    return now, int(time.localtime(now).tm_gmtoff or 0)


def _identity(repo: Repo) -> bytes:
    """``user.name <user.email>`` from git's configuration, or kstthc's own name."""
    config = repo.get_config_stack()
    try:
        name = config.get((b"user",), b"name")
    except KeyError:
        return DEFAULT_AUTHOR.encode("utf-8")
    try:
        email = config.get((b"user",), b"email")
    except KeyError:
        email = b""
    return bytes(name) + b" <" + bytes(email) + b">"


def _head(repo: Repo) -> bytes | None:
    refs: Any = repo.refs
    try:
        return bytes(refs[b"HEAD"])
    except KeyError:
        return None


def _commit(repo: Repo, sha: bytes) -> GitCommit:
    from dulwich.objects import Commit

    obj = repo[sha]
    if not isinstance(obj, Commit):
        raise RepositoryError(said("failed/repo-not-commit", sha=sha.decode()))
    return obj


def _lookup(repo: Repo, tree: Any, rel: bytes) -> bytes | None:
    from dulwich.object_store import tree_lookup_path

    try:
        _, sha = tree_lookup_path(repo.object_store.__getitem__, tree, rel)
    except KeyError:
        return None
    return bytes(sha)


# ---------------------------------------------------------------- reading


def _info(c: GitCommit) -> CommitInfo:
    tz = timezone(timedelta(seconds=c.author_timezone))
    author = c.author.decode("utf-8", "replace")
    return CommitInfo(
        id=c.id.decode("ascii"),
        author=author,
        when=datetime.fromtimestamp(c.author_time, tz),
        message=c.message.decode("utf-8", "replace"),
        parent=c.parents[0].decode("ascii") if c.parents else None,
    )


def _folder_prefix(repo: Repo, folder: Path) -> bytes:
    rel = folder.resolve().relative_to(Path(repo.path).resolve()).as_posix()
    return b"" if rel == "." else rel.encode("utf-8") + b"/"


def _yaml_files(repo: Repo, tree: bytes | None, prefix: bytes) -> dict[str, bytes]:
    """The data folder's ``*.yaml`` files at a tree: name → blob id."""
    from dulwich.objects import Tree

    if tree is None:
        return {}
    sub: bytes | None = tree
    if prefix:
        sub = _lookup(repo, tree, prefix.rstrip(b"/"))
    if sub is None:
        return {}
    obj = repo[sub]
    if not isinstance(obj, Tree):
        return {}
    return {
        entry.path.decode("utf-8", "replace"): bytes(entry.sha)
        for entry in obj.iteritems()
        if entry.path.endswith(b".yaml") and stat.S_ISREG(entry.mode)
    }


@dataclass(frozen=True)
class Revision:
    """One commit and the data folder's YAML files as they were after it and before it."""

    info: CommitInfo
    after: dict[str, bytes]
    before: dict[str, bytes]


def revisions(*, folder: Path, limit: int | None = None) -> list[Revision]:
    """The commits of the current branch (first parents, newest first) that changed the data
    folder's YAML files, each with those files' contents before and after."""
    with _opened(folder) as repo:
        prefix = _folder_prefix(repo, folder)
        head = _head(repo)
        out: list[Revision] = []
        sha = head
        try:
            while sha is not None and (limit is None or len(out) < limit):
                c = _commit(repo, sha)
                parent = c.parents[0] if c.parents else None
                now = _yaml_files(repo, c.tree, prefix)
                was = _yaml_files(repo, _commit(repo, parent).tree if parent else None, prefix)
                names = sorted(n for n in set(now) | set(was) if now.get(n) != was.get(n))
                if names:
                    out.append(
                        Revision(
                            _info(c),
                            {n: _blob(repo, now[n]) for n in names if n in now},
                            {n: _blob(repo, was[n]) for n in names if n in was},
                        )
                    )
                sha = parent
        except KeyError as exc:  # an object missing: a shallow or damaged repository
            raise _damaged(folder, exc) from None
        return out


def _blob(repo: Repo, sha: bytes) -> bytes:
    data: Any = repo[sha].as_raw_string()
    return bytes(data)


def resolve(repo: Repo, rev: str, folder: Path, as_of: date | None = None) -> bytes:
    """A revision as the officer writes it: HEAD, HEAD~2, a commit id (or its start), a branch
    or tag, or a day (the last commit on or before it). Given the day judged ``as_of``, HEAD is
    the last commit on or before that day."""
    from dulwich.objectspec import parse_commit

    base, tilde, steps = rev.partition("~")
    if tilde and steps and not steps.isdigit():
        raise _unknown_rev(rev)
    count = (int(steps) if steps else 1) if tilde else 0
    day = _as_day(base)
    try:
        if day is not None:
            sha = _on_day(repo, day, rev)
        elif as_of is not None and base.upper() == "HEAD":
            sha = _on_day(repo, as_of, rev)
        else:
            sha = parse_commit(repo, base.encode("utf-8")).id
    except (KeyError, ValueError):
        raise _unknown_rev(rev) from None
    except Exception as exc:
        if type(exc).__name__ in ("AmbiguousShortId", "NotCommitError"):
            raise _unknown_rev(rev) from None
        raise
    for _step in range(count):
        parents = _commit(repo, sha).parents
        if not parents:
            raise _unknown_rev(rev, messages.text("failed/unknown-rev-too-old"))
        sha = parents[0]
    return bytes(sha)


def _as_day(text: str) -> Any:
    from kstthc_cli.load.models import parse_day

    if not any(c in text for c in "-/") or not text[:1].isdigit():
        return None
    try:
        return parse_day(text)
    except ValueError:
        return None


def _on_day(repo: Repo, day: Any, rev: str) -> bytes:
    sha = _head(repo)
    while sha is not None:
        c = _commit(repo, sha)
        if _info(c).when.date() <= day:
            return sha
        sha = c.parents[0] if c.parents else None
    raise _unknown_rev(rev, messages.text("failed/unknown-rev-day"))


def _unknown_rev(rev: str, why: str = "") -> RepositoryError:
    if why:
        return RepositoryError(said("failed/unknown-rev-why", rev=rev, why=why))
    return RepositoryError(said("failed/unknown-rev", rev=rev))


def files_at(
    *, folder: Path, rev: str | None, as_of: date | None = None
) -> tuple[str, dict[str, bytes]]:
    """The data folder's YAML files at ``rev`` (None: the working files), with how the
    version is named for a person; ``as_of`` bounds HEAD (``resolve``)."""
    if rev is None:
        files = {p.name: p.read_bytes() for p in sorted(folder.glob("*.yaml")) if p.is_file()}
        return "các tệp hiện tại", files
    with _opened(folder) as repo:
        sha = resolve(repo, rev, folder, as_of)
        c = _commit(repo, sha)
        prefix = _folder_prefix(repo, folder)
        found = {n: _blob(repo, s) for n, s in _yaml_files(repo, c.tree, prefix).items()}
        return f"{rev} ({sha.decode()[:7]}, {_info(c).when:%d/%m/%Y})", found


def head_files(*, folder: Path, names: Sequence[str]) -> dict[str, bytes | None]:
    """The given data-folder files as HEAD has them (None: not in HEAD)."""
    with _opened(folder) as repo:
        prefix = _folder_prefix(repo, folder)
        head = _head(repo)
        tree = _commit(repo, head).tree if head is not None else None
        out: dict[str, bytes | None] = {}
        for name in names:
            sha = _lookup(repo, tree, prefix + name.encode("utf-8")) if tree else None
            out[name] = None if sha is None else _blob(repo, sha)
        return out


def committed_names(*, folder: Path) -> list[str]:
    """The names of the files the last commit holds directly in the data folder."""
    with _opened(folder) as repo:
        prefix = _folder_prefix(repo, folder)
        head = _head(repo)
        if head is None:
            return []
        tree: bytes | None = _commit(repo, head).tree
        if prefix:
            tree = _lookup(repo, tree, prefix.rstrip(b"/"))
        obj = repo[tree] if tree is not None else None
        from dulwich.objects import Tree

        if not isinstance(obj, Tree):
            return []
        return [e.path.decode("utf-8", "replace") for e in obj.iteritems() if stat.S_ISREG(e.mode)]


def check_readable(*, folder: Path) -> None:
    """Reading the history needs a repository that is on a branch."""
    with _opened(folder) as repo:
        _check_attached(repo, reading=True)
        if (Path(repo.controldir()) / "MERGE_HEAD").exists():
            raise RepositoryError(said("failed/repo-merging"))
