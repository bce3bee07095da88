"""``history``, ``diff``, ``undo`` and the commits of ``record``/``new-year``, through the CLI, in
a fresh folder with git hidden from PATH (dulwich only), and in a repository made by git."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from kstthc_cli.write import vcs
from tests import vcs_support
from tests.conftest import Result
from tests.support import snapshot
from tests.vcs_support import (
    AUTHOR,
    GIT,
    NEW_TIMEFRAME,
    OLD_TIMEFRAME,
    UNDO_UNSAVED,
    _copy,
)

clock, no_git, repo = vcs_support.clock, vcs_support.no_git, vcs_support.repo  # the fixtures


def _hand_edit(folder: Path, old: str = OLD_TIMEFRAME, new: str = NEW_TIMEFRAME) -> str:
    """The officer edits a task's timeframe in the plan by hand and commits it."""
    plan = folder / "plan_2024.yaml"
    text = plan.read_text(encoding="utf-8")
    assert text.count(old) == 1
    plan.write_text(text.replace(old, new), encoding="utf-8")
    commit = vcs.commit_files(
        folder=folder, paths=[plan], message="Điều chỉnh thời gian nhiệm vụ 20\n"
    )
    assert commit is not None
    return commit


def _three_records(cli: Callable[..., Result], folder: Path) -> list[Result]:
    runs = [
        cli("record", "task", "20", "--period", "q1", "--date", "2024-03-14", "--data",
            str(folder), "--as-of", "2024-06-20"),
        cli("record", "indicator", "3", "--period", "q2", "--num", "130", "--den", "200",
            "--data", str(folder), "--as-of", "2024-06-20"),
        cli("record", "task", "20", "--period", "q2", "--date", "2024-06-14", "--data",
            str(folder), "--as-of", "2024-06-20"),
    ]  # fmt: skip
    assert [r.code for r in runs] == [0, 0, 0], [r.err for r in runs]
    return runs


def _ids(folder: Path) -> list[str]:
    return [r.info.short for r in vcs.revisions(folder=folder)]


def _task_20_q2(cli: Callable[..., Result], folder: Path) -> str | None:
    r = cli("status", "--json", "--data", str(folder), "--as-of", "2024-06-20")
    assert r.code == 0, r.err
    task = next(t for t in json.loads(r.out)["tasks"] if t["id"] == "20")
    q2 = next(o for o in task["occurrences"] if o["key"] == "Q2")
    done: str | None = q2["done_on"]
    return done


def _scenario(cli: Callable[..., Result], folder: Path, author: str) -> None:
    """The issue's story: three records, a hand edit, history, diff, undo, status."""
    runs = _three_records(cli, folder)
    ids = _ids(folder)
    assert runs[2].out.endswith(
        f"Đã lưu vào lịch sử (lần ghi {ids[0]}); hoàn tác bằng: kstthc undo\n"
    )
    _hand_edit(folder)
    ids = _ids(folder)

    r = cli("history", "--data", str(folder))
    assert r.code == 0, r.err
    assert r.err == ""
    first, rest = r.out.split(f"\n\n{ids[4]}  ")
    assert rest.endswith("  - Kế hoạch năm 2024: lập mới (20 nhiệm vụ).\n"
                         "  - Bộ chỉ tiêu năm 2024: lập mới (11 chỉ tiêu).\n")  # fmt: skip
    assert first + "\n" == (
        f"{ids[0]}  10/06/2024 13:17  {author}  (sửa tay)\n"
        "  Điều chỉnh thời gian nhiệm vụ 20\n"
        f"  - Nhiệm vụ 20: sửa thời gian thực hiện “{OLD_TIMEFRAME}” → “{NEW_TIMEFRAME}”\n"
        "\n"
        f"{ids[1]}  10/06/2024 13:16  {author}  (kstthc record)\n"
        "  - Nhiệm vụ 20, kỳ Quý II: ghi nhận đã xong ngày 14/06/2024.\n"
        "\n"
        f"{ids[2]}  10/06/2024 13:15  {author}  (kstthc record)\n"
        "  - Chỉ tiêu 3, kỳ Quý II: ghi số liệu 130/200.\n"
        "\n"
        f"{ids[3]}  10/06/2024 13:14  {author}  (kstthc record)\n"
        "  - Nhiệm vụ 20, kỳ Quý I: ghi nhận đã xong ngày 14/03/2024.\n"
    )

    r = cli("diff", "HEAD~1", "HEAD", "--data", str(folder))
    assert r.code == 0, r.err
    assert r.out == (
        f"Các nội dung điều chỉnh (từ HEAD~1 ({ids[1]}, 10/06/2024) đến HEAD ({ids[0]}, "
        "10/06/2024)):\n"
        "\n"
        "Mục X. Công tác thông tin, báo cáo\n"
        "1. Sửa đổi thời gian thực hiện của nhiệm vụ 20:\n"
        f"   Trước: “{OLD_TIMEFRAME}”\n"
        f"   Sau:   “{NEW_TIMEFRAME}”\n"
    )

    assert _task_20_q2(cli, folder) == "2024-06-14"
    r = cli("undo", "--yes", "--data", str(folder))
    assert r.code == 0, r.err
    new = _ids(folder)[0]
    assert r.out == (
        f"Sẽ hoàn tác lần ghi {ids[1]} (10/06/2024 13:16, {author}):\n"
        "  Ghi nhận nhiệm vụ 20, kỳ Quý II: đã xong ngày 14/06/2024\n"
        "  - Nhiệm vụ 20, kỳ Quý II: bỏ bản ghi đã xong ngày 14/06/2024.\n"
        f"Đã hoàn tác (lần ghi mới {new}).\n"
    )
    assert _task_20_q2(cli, folder) is None
    # the hand edit made after the undone record stays
    assert NEW_TIMEFRAME in (folder / "plan_2024.yaml").read_text(encoding="utf-8")


def test_the_story_without_git(cli: Callable[..., Result], repo: Path) -> None:
    assert shutil.which("git") is None
    _scenario(cli, repo, AUTHOR)


@pytest.mark.skipif(GIT is None, reason="git is not installed on this machine")
def test_the_story_in_a_repository_made_by_git(
    cli: Callable[..., Result], tmp_path: Path, no_git: None
) -> None:
    assert GIT is not None
    folder = _copy(tmp_path)
    ident = ["-c", "user.name=Cán bộ Tư pháp", "-c", "user.email=tuphap@xa.example"]

    def git(*args: str) -> str:
        done = subprocess.run(
            [GIT, *ident, *args], cwd=folder, check=True, capture_output=True, text=True,
            env={"HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin"},
        )  # fmt: skip
        return done.stdout

    git("init", "-q")
    git("config", "user.name", "Cán bộ Tư pháp")
    git("config", "user.email", "tuphap@xa.example")
    git("add", ".")
    git("commit", "-q", "-m", "Kế hoạch năm 2024")
    vcs.init_repository(folder=folder)  # what ``kstthc init`` does in a repository: .gitignore
    assert git("log", "--format=%s") == "Khởi tạo thư mục dữ liệu kstthc\nKế hoạch năm 2024\n"
    _scenario(cli, folder, "Cán bộ Tư pháp <tuphap@xa.example>")
    assert git("status", "--porcelain") == ""  # the index follows kstthc's commits
    git("fsck", "--no-progress")
    log = git("log", "--format=%s").splitlines()
    assert log[:2] == [
        "Hoàn tác: Ghi nhận nhiệm vụ 20, kỳ Quý II: đã xong ngày 14/06/2024",
        "Điều chỉnh thời gian nhiệm vụ 20",
    ]


# ---------------------------------------------------------------- the commits of writes


def test_record_commits_only_its_file(cli: Callable[..., Result], repo: Path) -> None:
    plan = repo / "plan_2024.yaml"
    plan.write_text(plan.read_text(encoding="utf-8") + "# ghi chú riêng\n", encoding="utf-8")
    r = cli("record", "indicator", "3", "--period", "q2", "--num", "130", "--den", "200",
            "--data", str(repo), "--as-of", "2024-06-20")  # fmt: skip
    assert r.code == 0, r.err
    last = vcs.revisions(folder=repo)[0]
    assert last.info.title == "Ghi nhận chỉ tiêu 3, kỳ Quý II: 130/200"
    assert list(last.after) == ["actuals_2024.yaml"]
    assert vcs.head_files(folder=repo, names=["plan_2024.yaml"])["plan_2024.yaml"] != (
        plan.read_bytes()
    )  # the officer's edit is still only in the working file


def test_replacing_a_figure_says_what_it_replaced(cli: Callable[..., Result], repo: Path) -> None:
    for num in ("130", "140"):
        r = cli("record", "indicator", "3", "--period", "q2", "--num", num, "--den", "200",
                "--data", str(repo), "--as-of", "2024-06-20")  # fmt: skip
        assert r.code == 0, r.err
    assert vcs.revisions(folder=repo)[0].info.title == (
        "Ghi nhận chỉ tiêu 3, kỳ Quý II: 140/200 (thay 130/200)"
    )
    r = cli("history", "--indicator", "3", "--data", str(repo))
    assert "  - Chỉ tiêu 3, kỳ Quý II: thay số liệu 130/200 → 140/200.\n" in r.out
    assert "ghi số liệu 130/200" in r.out and "Kế hoạch năm 2024" not in r.out


def test_no_commit_and_the_plan_setting(cli: Callable[..., Result], repo: Path) -> None:
    before = _ids(repo)
    r = cli("record", "task", "20", "--period", "q1", "--date", "2024-03-14", "--no-commit",
            "--data", str(repo), "--as-of", "2024-06-20")  # fmt: skip
    assert r.code == 0, r.err
    assert "lịch sử" not in r.out
    assert _ids(repo) == before
    plan = repo / "plan_2024.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("  due_day: 17\n", "  due_day: 17\n  auto_commit: false\n"))
    assert "auto_commit: false" in plan.read_text(encoding="utf-8")
    r = cli("record", "task", "20", "--period", "q2", "--date", "2024-06-14",
            "--data", str(repo), "--as-of", "2024-06-20")  # fmt: skip
    assert r.code == 0, r.err
    assert _ids(repo) == before


def test_no_repository_no_commit(cli: Callable[..., Result], tmp_path: Path, no_git: None) -> None:
    folder = _copy(tmp_path)
    r = cli("record", "task", "20", "--period", "q1", "--date", "2024-03-14",
            "--data", str(folder), "--as-of", "2024-06-20")  # fmt: skip
    assert r.code == 0, r.err
    assert "lịch sử" not in r.out
    assert not (folder / ".git").exists()


def test_new_year_commits_both_files(cli: Callable[..., Result], repo: Path) -> None:
    r = cli("new-year", "2025", "--data", str(repo))
    assert r.code == 0, r.err
    last = vcs.revisions(folder=repo)[0]
    assert last.info.title == "Lập kế hoạch năm 2025 (plan_2025.yaml, indicators_2025.yaml)"
    assert sorted(last.after) == ["indicators_2025.yaml", "plan_2025.yaml"]
    assert f"Đã lưu vào lịch sử (lần ghi {last.info.short})" in r.out
    r = cli("history", "--data", str(repo), "--since", "2024-06-10")
    assert r.out.splitlines()[1:3] == [
        "  - Kế hoạch năm 2025: lập mới (20 nhiệm vụ).",
        "  - Bộ chỉ tiêu năm 2025: lập mới (11 chỉ tiêu).",
    ]


def test_a_record_in_a_detached_repository_writes_nothing(
    cli: Callable[..., Result], repo: Path
) -> None:
    _detach(repo)
    before = snapshot(repo)
    r = cli("record", "task", "20", "--period", "q1", "--date", "2024-03-14",
            "--data", str(repo), "--as-of", "2024-06-20")  # fmt: skip
    assert r.code == 1
    assert r.err == (
        "Lỗi: Kho git đang ở trạng thái 'detached HEAD' (không đứng trên nhánh nào); "
        "kstthc không ghi hay hoàn tác lịch sử lúc này.\n"
        "  → Quay về nhánh chính (git switch main hoặc git checkout master), "
        "hoặc chạy lại với --no-commit.\n"
    )
    assert snapshot(repo) == before


def _detach(folder: Path) -> None:
    head = (folder / ".git" / "refs" / "heads" / "main").read_text().strip()
    (folder / ".git" / "HEAD").write_text(head + "\n")


# ---------------------------------------------------------------- history, diff: details


def test_history_json(cli: Callable[..., Result], repo: Path) -> None:
    _three_records(cli, repo)
    r = cli("history", "--json", "--task", "20", "--data", str(repo))
    assert r.code == 0, r.err
    whole = json.loads(r.out)
    assert (whole["year"], whole["as_of"]) == (None, None)
    data = whole["entries"]
    assert [e["message"] for e in data] == [
        "Ghi nhận nhiệm vụ 20, kỳ Quý II: đã xong ngày 14/06/2024",
        "Ghi nhận nhiệm vụ 20, kỳ Quý I: đã xong ngày 14/03/2024",
    ]
    assert data[0]["author"] == AUTHOR
    assert data[0]["when"] == "2024-06-10T13:16:20+07:00"
    assert data[0]["command"] == "record" and data[0]["by_hand"] is False
    assert data[0]["changes"] == [
        {
            "kind": "added",
            "subject": "task-record",
            "year": 2024,
            "id": "20",
            "field": None,
            "period": "Q2",
            "section": None,
            "before": None,
            "after": "đã xong ngày 14/06/2024",
            "text": "Nhiệm vụ 20, kỳ Quý II: ghi nhận đã xong ngày 14/06/2024.",
        }
    ]


def test_history_reads_only(cli: Callable[..., Result], repo: Path) -> None:
    _three_records(cli, repo)
    before = snapshot(repo)
    for args in (("history",), ("history", "--json"), ("diff",), ("diff", "HEAD~2", "HEAD")):
        r = cli(*args, "--data", str(repo))
        assert r.code == 0, r.err
    assert snapshot(repo) == before


def test_history_task_and_indicator_together_is_a_usage_error(
    cli: Callable[..., Result], repo: Path
) -> None:
    r = cli("history", "--task", "1", "--indicator", "1", "--data", str(repo))
    assert r.code == 2
    assert r.err == (
        "Lỗi: Chỉ dùng một trong hai: --task hoặc --indicator.\n"
        "  → Xem hướng dẫn: kstthc history --help\n"
    )


def test_diff_of_working_files_by_default(cli: Callable[..., Result], repo: Path) -> None:
    plan = repo / "plan_2024.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace(OLD_TIMEFRAME, NEW_TIMEFRAME), encoding="utf-8")
    ind = repo / "indicators_2024.yaml"
    text = ind.read_text(encoding="utf-8")
    ind.write_text(
        text.replace('text: "Tối thiểu 80"\n      op: ">="\n      value: 80',
                     'text: "Tối thiểu 85"\n      op: ">="\n      value: 85', 1)
    )  # fmt: skip
    r = cli("diff", "--data", str(repo))
    assert r.code == 0, r.err
    head = _ids(repo)[0]
    assert r.out == (
        f"Các nội dung điều chỉnh (từ HEAD ({head}, 10/06/2024) đến các tệp hiện tại):\n"
        "\n"
        "Mục X. Công tác thông tin, báo cáo\n"
        "1. Sửa đổi thời gian thực hiện của nhiệm vụ 20:\n"
        f"   Trước: “{OLD_TIMEFRAME}”\n"
        f"   Sau:   “{NEW_TIMEFRAME}”\n"
        "\n"
        "Phụ lục chỉ tiêu\n"
        "2. Sửa đổi chỉ tiêu của chỉ tiêu 1:\n"
        "   Trước: “Tối thiểu 80”\n"
        "   Sau:   “Tối thiểu 85”\n"
    )


def test_diff_of_an_unknown_version(cli: Callable[..., Result], repo: Path) -> None:
    r = cli("diff", "HEAD~5", "--data", str(repo))
    assert r.code == 1
    assert r.err == (
        "Lỗi: Không tìm thấy phiên bản 'HEAD~5' trong lịch sử: lịch sử không có lần ghi nào cũ "
        "đến thế.\n"
        "  → Viết HEAD (lần ghi cuối), HEAD~1 (lần trước nữa), mã lần ghi như trong "
        "'kstthc history', hoặc một ngày, ví dụ 2024-05-01.\n"
    )
    r = cli("diff", "khong-co", "--data", str(repo))
    assert r.code == 1
    assert r.err.startswith("Lỗi: Không tìm thấy phiên bản 'khong-co' trong lịch sử.\n")


def test_history_outside_a_repository(
    cli: Callable[..., Result], tmp_path: Path, no_git: None
) -> None:
    folder = _copy(tmp_path)
    for command in ("history", "diff", "undo"):
        r = cli(command, "--data", str(folder))
        assert r.code == 1, command
        assert r.out == ""
        assert "chưa có lịch sử (không nằm trong một kho git)" in r.err
        assert "Traceback" not in r.err


def test_history_of_a_detached_repository(cli: Callable[..., Result], repo: Path) -> None:
    _detach(repo)
    r = cli("history", "--data", str(repo))
    assert r.code == 1
    assert r.err.startswith("Lỗi: Kho git đang ở trạng thái 'detached HEAD'")


def test_history_mid_merge(cli: Callable[..., Result], repo: Path) -> None:
    head = (repo / ".git" / "refs" / "heads" / "main").read_text()
    (repo / ".git" / "MERGE_HEAD").write_text(head)
    r = cli("history", "--data", str(repo))
    assert r.code == 1
    assert r.err == (
        "Lỗi: Kho git của thư mục dữ liệu đang dở một lần hợp nhất (merge).\n"
        "  → Hoàn tất (git commit) hoặc hủy (git merge --abort) trước.\n"
    )


# ---------------------------------------------------------------- undo refusals


def test_undo_refuses_uncommitted_edits(cli: Callable[..., Result], repo: Path) -> None:
    _three_records(cli, repo)
    actuals = repo / "actuals_2024.yaml"
    actuals.write_text(actuals.read_text(encoding="utf-8") + "# sửa dở\n", encoding="utf-8")
    before = snapshot(repo)
    r = cli("undo", "--yes", "--data", str(repo))
    assert r.code == 1
    assert r.err == UNDO_UNSAVED
    assert snapshot(repo) == before


def test_undo_refuses_when_a_later_change_touched_the_same_lines(
    cli: Callable[..., Result], repo: Path
) -> None:
    _three_records(cli, repo)
    target = _ids(repo)[0]
    actuals = repo / "actuals_2024.yaml"
    text = actuals.read_text(encoding="utf-8")
    actuals.write_text(text.replace('date: "2024-06-14"', 'date: "2024-06-13"'))
    fix = vcs.commit_files(folder=repo, paths=[actuals], message="Sửa ngày\n")
    assert fix is not None
    before = snapshot(repo)
    r = cli("undo", "--yes", "--data", str(repo))
    assert r.code == 1
    assert r.err == (
        f"Lỗi: Không hoàn tác được lần ghi {target} “Ghi nhận nhiệm vụ 20, kỳ Quý II: đã xong "
        f"ngày 14/06/2024”: sau lần ghi đó, lần ghi {fix[:7]} “Sửa ngày” đã sửa tệp "
        "actuals_2024.yaml ở cùng những dòng.\n"
        "  → Sửa lại bằng tay (kstthc record … hoặc sửa tệp), rồi kiểm tra bằng kstthc check.\n"
    )
    assert snapshot(repo) == before


def test_undo_keeps_later_edits_of_other_lines(cli: Callable[..., Result], repo: Path) -> None:
    _three_records(cli, repo)
    actuals = repo / "actuals_2024.yaml"
    text = actuals.read_text(encoding="utf-8")
    actuals.write_text(text.replace("# Năm của kế hoạch.", "# Năm của kế hoạch (đã xem)."))
    assert vcs.commit_files(folder=repo, paths=[actuals], message="Ghi chú\n")
    r = cli("undo", "--yes", "--data", str(repo))
    assert r.code == 0, r.err
    after = actuals.read_text(encoding="utf-8")
    assert "# Năm của kế hoạch (đã xem)." in after
    assert 'date: "2024-06-14"' not in after and 'date: "2024-03-14"' in after


def test_undo_twice_takes_back_two_records(cli: Callable[..., Result], repo: Path) -> None:
    _three_records(cli, repo)
    for _ in range(2):
        r = cli("undo", "--yes", "--data", str(repo))
        assert r.code == 0, r.err
    assert "Ghi nhận chỉ tiêu 3, kỳ Quý II: 130/200" in r.out
    text = (repo / "actuals_2024.yaml").read_text(encoding="utf-8")
    assert 'period: "Q1"' in text and "indicator:" not in text.split("indicators:")[-1]


def test_undo_of_the_first_record_removes_the_file(cli: Callable[..., Result], repo: Path) -> None:
    r = cli("record", "task", "20", "--period", "q1", "--date", "2024-03-14",
            "--data", str(repo), "--as-of", "2024-06-20")  # fmt: skip
    assert r.code == 0, r.err
    r = cli("undo", "--yes", "--data", str(repo))
    assert r.code == 0, r.err
    assert not (repo / "actuals_2024.yaml").exists()
    r = cli("undo", "--yes", "--data", str(repo))
    assert r.code == 1
    assert r.err == (
        "Lỗi: Trong lịch sử không còn lần ghi nào của kstthc (record, import, new-year) để hoàn "
        "tác.\n"
        "  → Xem lịch sử bằng: kstthc history\n"
    )


def test_undo_asks_for_confirmation(cli: Callable[..., Result], repo: Path) -> None:
    _three_records(cli, repo)
    before = snapshot(repo)
    r = cli("undo", "--data", str(repo))  # stdin is not a terminal under pytest
    assert r.code == 1
    assert r.out.startswith("Sẽ hoàn tác lần ghi ")
    assert r.err == (
        "Lỗi: Chưa hoàn tác: cần xác nhận.\n  → Chạy lại với --yes để hoàn tác không cần hỏi.\n"
    )
    assert snapshot(repo) == before


def test_a_record_in_a_locked_repository_writes_nothing(
    cli: Callable[..., Result], repo: Path
) -> None:
    (repo / ".git" / "index.lock").write_bytes(b"")
    before = snapshot(repo)
    r = cli("record", "task", "20", "--period", "q1", "--date", "2024-03-14",
            "--data", str(repo), "--as-of", "2024-06-20")  # fmt: skip
    assert r.code == 1
    assert r.err == (
        "Lỗi: Kho git đang bị một chương trình khác khóa (tệp .git/index.lock).\n"
        "  → Chờ chương trình kia (git, trình soạn thảo) xong; nếu không còn chương trình nào "
        "chạy, xóa tệp .git/index.lock rồi chạy lại.\n"
    )
    assert snapshot(repo) == before
    r = cli("record", "task", "20", "--period", "q1", "--date", "2024-03-14", "--no-commit",
            "--data", str(repo), "--as-of", "2024-06-20")  # fmt: skip
    assert r.code == 0, r.err  # the officer can still write, without the history


def test_diff_json(cli: Callable[..., Result], repo: Path) -> None:
    _hand_edit(repo)
    r = cli("diff", "HEAD~1", "HEAD", "--json", "--data", str(repo))
    assert r.code == 0, r.err
    data = json.loads(r.out)
    assert data["from"].startswith("HEAD~1 (") and data["to"].startswith("HEAD (")
    assert [
        (c["kind"], c["subject"], c["id"], c["field"], c["section"]) for c in data["changes"]
    ] == [("changed", "task", "20", "timeframe", "X")]
    assert data["changes"][0]["before"] == OLD_TIMEFRAME
    assert data["changes"][0]["after"] == NEW_TIMEFRAME


def test_a_deletion_is_committed_and_undone(cli: Callable[..., Result], repo: Path) -> None:
    fig = (
        "record",
        "indicator",
        "3",
        "--period",
        "q2",
        "--data",
        str(repo),
        "--as-of",
        "2024-06-20",
    )
    assert cli(*fig, "--num", "130", "--den", "200").code == 0
    with_record = (repo / "actuals_2024.yaml").read_bytes()
    r = cli(*fig, "--delete")
    assert r.code == 0, r.err
    assert vcs.revisions(folder=repo)[0].info.title == "Xoá bản ghi chỉ tiêu 3, kỳ Quý II: 130/200"
    assert cli("undo", "--yes", "--data", str(repo)).code == 0
    assert (repo / "actuals_2024.yaml").read_bytes() == with_record


# ---------------------------------------------------------------- --as-of, the day judged

#: 01/03/2024, 15/03/2024 and 20/06/2024 at 09:00 (UTC+7): one commit a day, never today.
DAYS = [1709258400, 1710468000, 1718848800]


@pytest.fixture
def dated(tmp_path: Path, no_git: None, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``init`` on 01/03, a record on 15/03, a hand edit of task 20's timeframe on 20/06."""
    ticks = iter(DAYS)
    monkeypatch.setattr(vcs, "_now", lambda: (next(ticks), 7 * 3600))
    folder = _copy(tmp_path)
    vcs.init_repository(folder=folder)
    return folder


def _dated_story(cli: Callable[..., Result], folder: Path) -> list[str]:
    r = cli("record", "task", "20", "--period", "q1", "--date", "2024-03-14", "--data",
            str(folder), "--as-of", "2024-03-15")  # fmt: skip
    assert r.code == 0, r.err
    _hand_edit(folder)
    return _ids(folder)


def test_history_as_of_a_day_shows_what_was_known_then(
    cli: Callable[..., Result], dated: Path
) -> None:
    ids = _dated_story(cli, dated)
    r = cli("history", "--data", str(dated), "--as-of", "2024-03-31", "--since", "10/3")
    assert (r.code, r.err) == (0, "")
    assert r.out == (  # --since 10/3 is a day of the year judged, not of this year
        f"{ids[1]}  15/03/2024 09:00  {AUTHOR}  (kstthc record)\n"
        "  - Nhiệm vụ 20, kỳ Quý I: ghi nhận đã xong ngày 14/03/2024.\n"
    )
    everything = cli("history", "--data", str(dated), "--json").out
    assert [e["commit"][:7] for e in json.loads(everything)["entries"]] == ids
    r = cli("--as-of", "2024-02-29", "history", "--data", str(dated), "--json")
    assert (r.code, json.loads(r.out)) == (0, {"year": None, "as_of": None, "entries": []})
    r = cli("history", "--data", str(dated), "--as-of", "31/2/2024")
    assert (r.code, r.out) == (2, "")
    assert r.err.startswith("Lỗi: Giá trị của --as-of không hợp lệ:")


def test_diff_as_of_a_day_starts_from_the_version_of_that_day(
    cli: Callable[..., Result], dated: Path
) -> None:
    ids = _dated_story(cli, dated)
    amended = (
        "Mục X. Công tác thông tin, báo cáo\n"
        "1. Sửa đổi thời gian thực hiện của nhiệm vụ 20:\n"
        f"   Trước: “{OLD_TIMEFRAME}”\n"
        f"   Sau:   “{NEW_TIMEFRAME}”\n"
    )
    r = cli("diff", "--data", str(dated), "--as-of", "2024-03-31")
    assert (r.code, r.err) == (0, "")
    assert r.out == (
        f"Các nội dung điều chỉnh (từ HEAD ({ids[1]}, 15/03/2024) đến các tệp hiện tại):\n"
        "\n" + amended
    )
    r = cli("diff", "15/3", "HEAD", "--data", str(dated), "--as-of", "2024-06-30")
    assert r.code == 0, r.err
    assert r.out == (
        f"Các nội dung điều chỉnh (từ 15/3/2024 ({ids[1]}, 15/03/2024) đến HEAD ({ids[0]}, "
        "20/06/2024)):\n\n" + amended
    )
    r = cli("diff", "--data", str(dated), "--as-of", "2024-02-29")
    assert (r.code, r.out) == (1, "")
    assert r.err == (
        "Lỗi: Không tìm thấy phiên bản 'HEAD' trong lịch sử: chưa có lần ghi nào vào hoặc "
        "trước ngày đó.\n"
        "  → Viết HEAD (lần ghi cuối), HEAD~1 (lần trước nữa), mã lần ghi như trong "
        "'kstthc history', hoặc một ngày, ví dụ 2024-05-01.\n"
    )


def test_undo_accepts_as_of_and_takes_back_the_last_write(
    cli: Callable[..., Result], dated: Path
) -> None:
    r = cli("record", "task", "20", "--period", "q1", "--date", "2024-03-14", "--data",
            str(dated), "--as-of", "2024-03-15")  # fmt: skip
    assert r.code == 0, r.err
    before = snapshot(dated)
    bad = cli("undo", "--yes", "--data", str(dated), "--as-of", "31/4/2024")
    assert (bad.code, bad.out) == (2, "")
    assert snapshot(dated) == before
    r = cli("undo", "--yes", "--data", str(dated), "--as-of", "2024-01-01")
    assert r.code == 0, r.err
    assert r.out.endswith(f"Đã hoàn tác (lần ghi mới {_ids(dated)[0]}).\n")
    assert not (dated / "actuals_2024.yaml").exists()  # the record had made it


# ---------------------------------------------------------------- every value shows (F16)


def _raise_target_3(folder: Path) -> None:
    ind = folder / "indicators_2024.yaml"
    text = ind.read_text(encoding="utf-8")
    ind.write_text(text.replace("      value: 50\n", "      value: 60\n", 1), encoding="utf-8")


TARGET_3 = (
    "1. Sửa đổi chỉ tiêu của chỉ tiêu 3:\n"
    "   Trước: “Tối thiểu 50”\n"
    "   Sau:   “Tối thiểu 50 (đánh giá theo ≥ 60)”\n"
)


def test_a_targets_number_changed_by_hand_shows_in_diff_and_history(
    cli: Callable[..., Result], repo: Path
) -> None:
    _raise_target_3(repo)
    head = _ids(repo)[0]
    before = snapshot(repo)
    r = cli("diff", "--data", str(repo))
    assert (r.code, r.err) == (0, "")
    assert r.out == (
        f"Các nội dung điều chỉnh (từ HEAD ({head}, 10/06/2024) đến các tệp hiện tại):\n"
        "\nPhụ lục chỉ tiêu\n" + TARGET_3
    )
    assert snapshot(repo) == before
    ind = repo / "indicators_2024.yaml"
    assert vcs.commit_files(folder=repo, paths=[ind], message="Sửa mục tiêu\n")
    r = cli("history", "--indicator", "3", "--data", str(repo))
    assert r.code == 0, r.err
    assert r.out.splitlines()[1:] == [
        "  Sửa mục tiêu",
        "  - Chỉ tiêu 3: sửa chỉ tiêu “Tối thiểu 50” → “Tối thiểu 50 (đánh giá theo ≥ 60)”",
    ]
    r = cli("diff", "HEAD~1", "HEAD", "--data", str(repo))
    assert r.code == 0, r.err
    assert r.out.endswith("\n\nPhụ lục chỉ tiêu\n" + TARGET_3)


@pytest.mark.skipif(GIT is None, reason="git is not installed on this machine")
def test_a_targets_number_committed_with_git_shows_in_history(
    cli: Callable[..., Result], tmp_path: Path, no_git: None
) -> None:
    assert GIT is not None
    folder = _copy(tmp_path)
    env = {"HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin"}
    ident = ["-c", "user.name=Lan", "-c", "user.email=lan@xa.example"]
    for args in (["init", "-q"], ["add", "."], ["commit", "-qm", "Kế hoạch"]):
        subprocess.run([GIT, *ident, *args], cwd=folder, check=True, env=env)
    _raise_target_3(folder)
    subprocess.run([GIT, *ident, "commit", "-qam", "sửa mục tiêu"], cwd=folder, check=True, env=env)
    r = cli("history", "--data", str(folder))
    assert r.code == 0, r.err
    assert r.out.splitlines()[:3] == [
        r.out.splitlines()[0],
        "  sửa mục tiêu",
        "  - Chỉ tiêu 3: sửa chỉ tiêu “Tối thiểu 50” → “Tối thiểu 50 (đánh giá theo ≥ 60)”",
    ]
    assert r.out.splitlines()[0].endswith("  Lan <lan@xa.example>  (sửa tay)")
    r = cli("diff", "HEAD~1", "HEAD", "--data", str(folder))
    assert r.out.endswith("\n\nPhụ lục chỉ tiêu\n" + TARGET_3)


# ---------------------------------------------------------------- undo never loses records (F18)

NO_COMMIT_RECORDS = (
    ("record", "task", "1", "--date", "2024-03-14", "--no-commit"),
    ("record", "indicator", "3", "--period", "q1", "--num", "5", "--den", "10", "--no-commit"),
)


def test_records_written_without_committing_are_saved_before_the_next_commit(
    cli: Callable[..., Result], repo: Path
) -> None:
    for args in NO_COMMIT_RECORDS:
        assert cli(*args, "--data", str(repo), "--as-of", "2024-06-20").code == 0
    r = cli("record", "task", "20", "--period", "q1", "--date", "2024-03-16",
            "--data", str(repo), "--as-of", "2024-06-20")  # fmt: skip
    assert r.code == 0, r.err
    last, saved = vcs.revisions(folder=repo)[:2]
    assert saved.info.title == (
        "Thay đổi chưa lưu trước đó: ghi nhận nhiệm vụ 1; ghi nhận chỉ tiêu 3 kỳ Quý I"
    )
    assert saved.info.command == "commit" and list(saved.after) == ["actuals_2024.yaml"]
    assert last.info.title == "Ghi nhận nhiệm vụ 20, kỳ Quý I: đã xong ngày 16/03/2024"
    assert last.info.created == ()  # the file was there before the write
    r = cli("history", "--data", str(repo))
    assert r.out.splitlines()[:7] == [
        f"{last.info.short}  10/06/2024 13:15  {AUTHOR}  (kstthc record)",
        "  - Nhiệm vụ 20, kỳ Quý I: ghi nhận đã xong ngày 16/03/2024.",
        "",
        f"{saved.info.short}  10/06/2024 13:14  {AUTHOR}  (sửa tay)",
        "  Thay đổi chưa lưu trước đó: ghi nhận nhiệm vụ 1; ghi nhận chỉ tiêu 3 kỳ Quý I",
        "  - Nhiệm vụ 1: ghi nhận đã xong ngày 14/03/2024.",
        "  - Chỉ tiêu 3, kỳ Quý I: ghi số liệu 5/10.",
    ]
    r = cli("undo", "--yes", "--data", str(repo))
    assert r.code == 0, r.err
    assert r.out.splitlines()[2:] == [
        "  - Nhiệm vụ 20, kỳ Quý I: bỏ bản ghi đã xong ngày 16/03/2024.",
        f"Đã hoàn tác (lần ghi mới {_ids(repo)[0]}).",
    ]
    text = (repo / "actuals_2024.yaml").read_text(encoding="utf-8")
    assert 'task: "1"' in text and 'indicator: "3"' in text and 'task: "20"' not in text
    # the saved records are the officer's: undo does not take them back
    r = cli("undo", "--yes", "--data", str(repo))
    assert r.code == 1
    assert (repo / "actuals_2024.yaml").read_text(encoding="utf-8") == text


def test_undo_refuses_a_commit_that_brought_in_records_never_saved(
    cli: Callable[..., Result], repo: Path
) -> None:
    """A history made before kstthc saved earlier edits first: the record's commit added the
    whole file, with records written without committing. Undo would delete them."""
    for args in NO_COMMIT_RECORDS:
        assert cli(*args, "--data", str(repo), "--as-of", "2024-06-20").code == 0
    r = cli("record", "task", "20", "--period", "q1", "--date", "2024-03-16", "--no-commit",
            "--data", str(repo), "--as-of", "2024-06-20")  # fmt: skip
    assert r.code == 0, r.err
    actuals = repo / "actuals_2024.yaml"
    title = "Ghi nhận nhiệm vụ 20, kỳ Quý I: đã xong ngày 16/03/2024"
    old = vcs.commit_files(folder=repo, paths=[actuals], message=vcs.message(title, "record"))
    assert old is not None
    before = snapshot(repo)
    r = cli("undo", "--yes", "--data", str(repo))
    assert r.code == 1
    assert r.out == ""
    assert r.err == (
        f"Lỗi: Không hoàn tác được lần ghi {old[:7]} “{title}”: đó là lần đầu tệp "
        "actuals_2024.yaml được lưu vào lịch sử, cùng những gì tệp đã có từ trước mà chưa từng "
        "lưu (ghi nhận nhiệm vụ 1; ghi nhận nhiệm vụ 20 kỳ Quý I; ghi nhận chỉ tiêu 3 kỳ Quý I); "
        "hoàn tác sẽ xóa cả tệp.\n"
        "  → Bỏ riêng bản ghi đó bằng: kstthc record … --delete (xem kstthc record task "
        "--help), rồi kiểm tra bằng kstthc status.\n"
    )
    assert snapshot(repo) == before


def test_a_hand_edit_of_the_file_is_not_swept_into_a_records_commit(
    cli: Callable[..., Result], repo: Path
) -> None:
    _three_records(cli, repo)
    actuals = repo / "actuals_2024.yaml"
    actuals.write_text(actuals.read_text(encoding="utf-8") + "# ghi chú tay\n", encoding="utf-8")
    r = cli("record", "indicator", "5", "--period", "q2", "--num", "9", "--den", "10",
            "--data", str(repo), "--as-of", "2024-06-20")  # fmt: skip
    assert r.code == 0, r.err
    last, saved = vcs.revisions(folder=repo)[:2]
    assert saved.info.title == (
        "Thay đổi chưa lưu trước đó: actuals_2024.yaml (không đổi nội dung kế hoạch, chỉ tiêu "
        "hay kết quả)"
    )
    assert saved.after["actuals_2024.yaml"].endswith(b"# ghi ch\xc3\xba tay\n")
    assert b'indicator: "5"' not in saved.after["actuals_2024.yaml"]
    assert last.info.title == "Ghi nhận chỉ tiêu 5, kỳ Quý II: 9/10"
    assert cli("undo", "--yes", "--data", str(repo)).code == 0
    text = actuals.read_text(encoding="utf-8")
    assert text.endswith("# ghi chú tay\n") and 'indicator: "5"' not in text


@pytest.mark.skipif(GIT is None, reason="git is not installed on this machine")
def test_saving_earlier_edits_first_keeps_a_git_repository_clean(
    cli: Callable[..., Result], tmp_path: Path, no_git: None
) -> None:
    assert GIT is not None
    folder = _copy(tmp_path)
    env = {"HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin"}
    ident = ["-c", "user.name=Lan", "-c", "user.email=lan@xa.example"]

    def git(*args: str) -> str:
        done = subprocess.run([GIT, *ident, *args], cwd=folder, check=True, env=env,
                              capture_output=True, text=True)  # fmt: skip
        return done.stdout

    git("init", "-q")
    git("add", ".")
    git("commit", "-qm", "Kế hoạch")
    for args in NO_COMMIT_RECORDS:
        assert cli(*args, "--data", str(folder), "--as-of", "2024-06-20").code == 0
    r = cli("record", "task", "20", "--period", "q1", "--date", "2024-03-16",
            "--data", str(folder), "--as-of", "2024-06-20")  # fmt: skip
    assert r.code == 0, r.err
    assert git("status", "--porcelain") == "?? .gitignore\n"  # kstthc's lock files' rules
    git("fsck", "--no-progress")
    assert git("log", "--format=%s").splitlines() == [
        "Ghi nhận nhiệm vụ 20, kỳ Quý I: đã xong ngày 16/03/2024",
        "Thay đổi chưa lưu trước đó: ghi nhận nhiệm vụ 1; ghi nhận chỉ tiêu 3 kỳ Quý I",
        "Kế hoạch",
    ]
    assert cli("undo", "--yes", "--data", str(folder)).code == 0
    assert 'task: "1"' in (folder / "actuals_2024.yaml").read_text(encoding="utf-8")
    assert git("status", "--porcelain") == "?? .gitignore\n"  # kstthc's lock files' rules
