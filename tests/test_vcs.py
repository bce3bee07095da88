"""``write/vcs``: the data folder as a git repository through dulwich (git hidden from PATH)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from dulwich.repo import Repo

from kstthc_cli.write import vcs
from tests import vcs_support
from tests.support import SHIPPED, snapshot, write
from tests.vcs_support import GIT, _copy

clock, no_git, repo = vcs_support.clock, vcs_support.no_git, vcs_support.repo  # the fixtures

pytestmark = pytest.mark.usefixtures("no_git")


def _tree_files(folder: Path, sha: str | None = None) -> dict[str, bytes]:
    with Repo(str(folder)) as repo:
        commit = repo[(sha or "HEAD").encode()] if sha else repo[repo.head()]
        tree = repo[commit.tree]  # type: ignore[attr-defined]
        return {
            e.path.decode(): repo[e.sha].as_raw_string()  # type: ignore[attr-defined]
            for e in tree.iteritems()  # type: ignore[attr-defined]
        }


def test_init_makes_a_repository_and_commits_the_files(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    assert vcs.find_repository(folder) is None
    vcs.init_repository(folder=folder)
    assert vcs.find_repository(folder) == folder.resolve()
    assert (folder / ".gitignore").read_text(encoding="utf-8") == vcs.GITIGNORE
    files = _tree_files(folder)
    assert sorted(files) == [".gitignore", "indicators_2024.yaml", "plan_2024.yaml"]
    assert files["plan_2024.yaml"] == (SHIPPED / "plan_2024.yaml").read_bytes()
    (info,) = [r.info for r in vcs.revisions(folder=folder)]
    assert info.title == "Khởi tạo thư mục dữ liệu kstthc"
    assert info.command == "init"
    assert info.author == "kstthc <kstthc@localhost>"
    with Repo(str(folder)) as repo:
        assert repo.refs.read_ref(b"HEAD") == b"ref: refs/heads/main"


def test_init_again_changes_nothing(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    vcs.init_repository(folder=folder)
    before = snapshot(folder)
    vcs.init_repository(folder=folder)
    assert snapshot(folder) == before


def test_init_inside_a_repository_makes_none_of_its_own(tmp_path: Path) -> None:
    outer = tmp_path / "office"
    outer.mkdir()
    Repo.init(str(outer)).close()
    folder = outer / "data"
    shutil.copytree(tmp_path / "xa" if (tmp_path / "xa").exists() else _copy(tmp_path), folder)
    vcs.init_repository(folder=folder)
    assert not (folder / ".git").exists()
    assert vcs.find_repository(folder) == outer.resolve()
    revision = vcs.revisions(folder=folder)[0]
    assert sorted(revision.after) == ["indicators_2024.yaml", "plan_2024.yaml"]


def test_init_keeps_the_officers_gitignore(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    write(folder / ".gitignore", "*.docx\n")
    (folder / "bao-cao.docx").write_bytes(b"x")
    vcs.init_repository(folder=folder)
    assert (folder / ".gitignore").read_text(encoding="utf-8") == "*.docx\n.*.lock\n.*.tmp\n"
    assert "bao-cao.docx" not in _tree_files(folder)


def test_commit_files_takes_exactly_those_files(tmp_path: Path) -> None:
    """The officer's staged edit of another file stays staged and out of the commit."""
    folder = _copy(tmp_path)
    vcs.init_repository(folder=folder)
    plan, indicators = folder / "plan_2024.yaml", folder / "indicators_2024.yaml"
    indicators.write_bytes(indicators.read_bytes() + b"# staged by the officer\n")
    from dulwich import porcelain

    porcelain.add(str(folder), paths=[str(indicators)])
    plan.write_bytes(plan.read_bytes() + b"# by kstthc\n")
    sha = vcs.commit_files(folder=folder, paths=[plan], message="Thử\n")
    assert sha is not None
    files = _tree_files(folder)
    assert files["plan_2024.yaml"] == plan.read_bytes()
    assert files["indicators_2024.yaml"] == (SHIPPED / "indicators_2024.yaml").read_bytes()
    with Repo(str(folder)) as repo:
        index = repo.open_index()
        staged = repo[index[b"indicators_2024.yaml"].sha].as_raw_string()  # type: ignore[attr-defined]
    assert staged == indicators.read_bytes()


def test_commit_of_unchanged_files_is_none(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    vcs.init_repository(folder=folder)
    assert vcs.commit_files(folder=folder, paths=[folder / "plan_2024.yaml"], message="x") is None


def test_a_missing_file_is_a_deletion(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    vcs.init_repository(folder=folder)
    (folder / "indicators_2024.yaml").unlink()
    vcs.commit_files(folder=folder, paths=[folder / "indicators_2024.yaml"], message="Xóa\n")
    assert "indicators_2024.yaml" not in _tree_files(folder)


def test_author_from_git_config(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    vcs.init_repository(folder=folder)
    with Repo(str(folder)) as repo:
        config = repo.get_config()
        config.set((b"user",), b"name", "Nguyễn Thị Lan".encode())
        config.set((b"user",), b"email", b"lan@xa.example")
        config.write_to_path()
    plan = folder / "plan_2024.yaml"
    plan.write_bytes(plan.read_bytes() + b"#\n")
    vcs.commit_files(folder=folder, paths=[plan], message="Sửa\n")
    assert vcs.revisions(folder=folder)[0].info.author == "Nguyễn Thị Lan <lan@xa.example>"


def test_commit_message_trailers() -> None:
    text = vcs.message("Hoàn tác: x", "undo", undoes="abc")
    assert text == "Hoàn tác: x\n\nKstthc: undo\nKstthc-Hoàn-tác: abc\n"
    info = vcs.CommitInfo("a" * 40, "kstthc", None, text, None)  # type: ignore[arg-type]
    assert (info.title, info.command, info.undoes) == ("Hoàn tác: x", "undo", "abc")
    hand = vcs.CommitInfo("b" * 40, "x", None, "Sửa tay\n", None)  # type: ignore[arg-type]
    assert (hand.command, hand.undoes) == (None, None)


# ---------------------------------------------------------------- bad states


def _repo(tmp_path: Path) -> tuple[Path, Path]:
    folder = _copy(tmp_path)
    vcs.init_repository(folder=folder)
    plan = folder / "plan_2024.yaml"
    plan.write_bytes(plan.read_bytes() + b"#\n")
    return folder, plan


def _refused(folder: Path, plan: Path) -> vcs.RepositoryError:
    before = snapshot(folder)
    with pytest.raises(vcs.RepositoryError) as caught:
        vcs.commit_files(folder=folder, paths=[plan], message="x")
    assert snapshot(folder) == before
    assert caught.value.exit_code == 1
    return caught.value


def test_not_a_repository(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    error = _refused(folder, folder / "plan_2024.yaml")
    assert error.message == f"Thư mục '{folder}' chưa có lịch sử (không nằm trong một kho git)."
    assert error.hint == (
        "Bắt đầu lịch sử bằng: kstthc commit (lưu các tệp dữ liệu hiện có làm lần ghi "
        "đầu tiên; không cần cài git)."
    )
    assert vcs.check_committable(folder=folder) is False


def test_detached_head(tmp_path: Path) -> None:
    folder, plan = _repo(tmp_path)
    head = (folder / ".git" / "refs" / "heads" / "main").read_text()
    (folder / ".git" / "HEAD").write_text(head)
    assert _refused(folder, plan).message == (
        "Kho git đang ở trạng thái 'detached HEAD' (không đứng trên nhánh nào); "
        "kstthc không ghi hay hoàn tác lịch sử lúc này."
    )


def test_mid_merge(tmp_path: Path) -> None:
    folder, plan = _repo(tmp_path)
    (folder / ".git" / "MERGE_HEAD").write_text((folder / ".git/refs/heads/main").read_text())
    error = _refused(folder, plan)
    assert error.message == (
        "Kho git của thư mục dữ liệu đang dở một lần hợp nhất (merge); "
        "kstthc không ghi vào lịch sử lúc này."
    )


def test_locked_index(tmp_path: Path) -> None:
    folder, plan = _repo(tmp_path)
    (folder / ".git" / "index.lock").write_bytes(b"")
    error = _refused(folder, plan)
    assert error.message == "Kho git đang bị một chương trình khác khóa (tệp .git/index.lock)."


def test_a_file_outside_the_repository(tmp_path: Path) -> None:
    folder, _ = _repo(tmp_path)
    other = write(tmp_path / "khac.yaml", "year: 2024\n")
    error = _refused(folder, other)
    assert error.message == f"Tệp '{other}' nằm ngoài kho git '{folder.resolve()}'."


@pytest.mark.skipif(GIT is None, reason="git is not installed on this machine")
def test_merge_conflicts_made_by_git(tmp_path: Path) -> None:
    assert GIT is not None
    folder = _copy(tmp_path)
    env = {"HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin"}

    def git(*args: str, check: bool = True) -> None:
        subprocess.run(
            [GIT, "-c", "user.name=A", "-c", "user.email=a@x", *args],
            cwd=folder, check=check, capture_output=True, env=env,
        )  # fmt: skip

    git("init", "-q", "-b", "main")
    git("add", ".")
    git("commit", "-q", "-m", "một")
    plan = folder / "plan_2024.yaml"
    original = plan.read_bytes()
    git("checkout", "-q", "-b", "khac")
    plan.write_bytes(original.replace(b"year: 2024", b"year: 2024 # khac"))
    git("commit", "-q", "-am", "khác")
    git("checkout", "-q", "main")
    plan.write_bytes(original.replace(b"year: 2024", b"year: 2024 # chinh"))
    git("commit", "-q", "-am", "chính")
    git("merge", "khac", check=False)
    assert (folder / ".git" / "MERGE_HEAD").exists()
    (folder / ".git" / "MERGE_HEAD").unlink()  # the conflicted index alone still refuses
    error = _refused(folder, folder / "indicators_2024.yaml")
    assert error.message == "Kho git có xung đột chưa giải quyết ở: plan_2024.yaml."


def test_a_damaged_repository(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    (folder / ".git").write_text("rác\n", encoding="utf-8")
    with pytest.raises(vcs.RepositoryError) as caught:
        vcs.find_repository(folder)
    assert caught.value.message.startswith(f"Không đọc được kho git của thư mục '{folder}' (")
    assert caught.value.hint == (  # the library's words; the command line names its option
        "Kho có thể bị hỏng; nhờ người phụ trách CNTT kiểm tra bằng 'git status' "
        "(ghi kết quả mà không lưu lịch sử vẫn được)."
    )
    from kstthc_cli.cli.values import with_options

    assert with_options(caught.value).hint == (
        "Kho có thể bị hỏng; nhờ người phụ trách CNTT kiểm tra bằng 'git status' "
        "(ghi kết quả mà không lưu lịch sử: --no-commit)."
    )
