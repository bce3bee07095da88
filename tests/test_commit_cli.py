"""``kstthc commit``: hand edits saved into the history without git (F17), an existing folder
given a history (F23), and the repository's bad states said truly with hints naming only the
command's own options (F19), with git hidden from PATH and in repositories made by git."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from kstthc_cli.write import vcs
from tests import vcs_support
from tests.conftest import Result
from tests.support import SHIPPED, snapshot
from tests.vcs_support import (
    AUTHOR,
    GIT,
    NEW_TIMEFRAME,
    OLD_TIMEFRAME,
    UNDO_UNSAVED,
    _copy,
)

clock, no_git, repo = vcs_support.clock, vcs_support.no_git, vcs_support.repo  # the fixtures


def _edit_timeframe(folder: Path) -> None:
    plan = folder / "plan_2024.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace(OLD_TIMEFRAME, NEW_TIMEFRAME), encoding="utf-8")


def _record(cli: Callable[..., Result], folder: Path, *more: str) -> Result:
    r = cli("record", "task", "20", "--period", "q1", "--date", "2024-03-14", *more,
            "--data", str(folder), "--as-of", "2024-06-20")  # fmt: skip
    assert r.code == 0, r.err
    return r


TIMEFRAME_LINE = f"  - Nhiệm vụ 20: sửa thời gian thực hiện “{OLD_TIMEFRAME}” → “{NEW_TIMEFRAME}”"


# ---------------------------------------------------------------- hand edits (F17)


def test_the_story_of_a_hand_edit_without_git(cli: Callable[..., Result], repo: Path) -> None:
    """Without git: a record, a hand edit of the plan and of the actuals; undo refuses and
    names kstthc commit; commit saves both as a hand edit; history lists it; undo works."""
    assert shutil.which("git") is None
    _record(cli, repo)
    r = cli("record", "task", "20", "--period", "q2", "--date", "2024-06-14",
            "--data", str(repo), "--as-of", "2024-06-20")  # fmt: skip
    assert r.code == 0, r.err
    _edit_timeframe(repo)
    actuals = repo / "actuals_2024.yaml"
    actuals.write_text(actuals.read_text(encoding="utf-8") + "# ghi chú tay\n", encoding="utf-8")
    before = snapshot(repo)
    r = cli("undo", "--yes", "--data", str(repo))
    assert r.code == 1
    assert r.err == UNDO_UNSAVED
    assert snapshot(repo) == before

    r = cli("commit", "--data", str(repo))
    assert (r.code, r.err) == (0, "")
    saved = vcs.revisions(folder=repo)[0]
    assert saved.info.title == "Sửa tay: nhiệm vụ 20 (thời gian thực hiện)"
    assert saved.info.command == "commit"
    assert sorted(saved.after) == ["actuals_2024.yaml", "plan_2024.yaml"]
    assert r.out == (
        f"Đã lưu vào lịch sử (lần ghi {saved.info.short}): Sửa tay: nhiệm vụ 20 (thời gian "
        "thực hiện)\n" + TIMEFRAME_LINE + "\n"
    )
    r = cli("history", "--data", str(repo))
    assert r.out.splitlines()[:3] == [
        f"{saved.info.short}  10/06/2024 13:16  {AUTHOR}  (sửa tay)",
        "  Sửa tay: nhiệm vụ 20 (thời gian thực hiện)",
        TIMEFRAME_LINE,
    ]
    r = cli("undo", "--yes", "--data", str(repo))  # the record, the hand edits kept
    assert r.code == 0, r.err
    assert "  - Nhiệm vụ 20, kỳ Quý II: bỏ bản ghi đã xong ngày 14/06/2024.\n" in r.out
    assert actuals.read_text(encoding="utf-8").endswith("# ghi chú tay\n")
    assert NEW_TIMEFRAME in (repo / "plan_2024.yaml").read_text(encoding="utf-8")


def test_commit_with_a_message_and_nothing_left_to_save(
    cli: Callable[..., Result], repo: Path
) -> None:
    _edit_timeframe(repo)
    r = cli("commit", "-m", "Điều chỉnh theo QĐ 45", "--data", str(repo))
    assert r.code == 0, r.err
    sha = vcs.revisions(folder=repo)[0].info.short
    assert r.out == (
        f"Đã lưu vào lịch sử (lần ghi {sha}): Điều chỉnh theo QĐ 45\n" + TIMEFRAME_LINE + "\n"
    )
    before = snapshot(repo)
    r = cli("commit", "--data", str(repo))
    assert (r.code, r.err) == (0, "")
    assert r.out == "Không có gì để lưu: các tệp dữ liệu vẫn như lần lưu cuối trong lịch sử.\n"
    assert snapshot(repo) == before


def test_commit_saves_only_the_data_files(cli: Callable[..., Result], repo: Path) -> None:
    (repo / "bao-cao-q2.docx").write_bytes(b"not committed")
    (repo / "assessment_2024_Q2.md").write_text("Đánh giá chung.\n", encoding="utf-8")
    (repo / "indicators_2024.yaml").unlink()  # a deletion is a change too
    r = cli("commit", "--data", str(repo))
    assert r.code == 0, r.err
    saved = vcs.revisions(folder=repo)[0]
    assert saved.info.title == "Sửa tay: xóa bộ chỉ tiêu năm 2024"
    names = vcs.committed_names(folder=repo)
    assert names == [".gitignore", "assessment_2024_Q2.md", "plan_2024.yaml"]


@pytest.mark.parametrize(
    ("message", "said"),
    [
        ("  ", "Lỗi: Lời ghi (-m) không được để trống.\n"
               '  → Viết lời ghi, ví dụ -m "Sửa thời gian nhiệm vụ 5", hoặc bỏ -m để kstthc '
               "tự ghi.\n"),
        ("Sửa\x1b[31m đỏ", "Lỗi: Lời ghi (-m) có ký tự điều khiển hoặc ký tự ẩn.\n"
                           "  → Gõ lại lời ghi bằng tay, không dán từ nơi khác.\n"),
        ("Sửa\u202e ngược", "Lỗi: Lời ghi (-m) có ký tự điều khiển hoặc ký tự ẩn.\n"
                            "  → Gõ lại lời ghi bằng tay, không dán từ nơi khác.\n"),
    ],
)  # fmt: skip
def test_a_bad_message_is_a_usage_error(
    cli: Callable[..., Result], repo: Path, message: str, said: str
) -> None:
    _edit_timeframe(repo)
    before = snapshot(repo)
    r = cli("commit", "-m", message, "--data", str(repo))
    assert (r.code, r.out, r.err) == (2, "", said)
    assert snapshot(repo) == before


def test_commit_refuses_the_bundled_sample(
    cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, no_git: None
) -> None:
    from kstthc_cli.load import workspace

    root = tmp_path / "_bundled"
    shutil.copytree(SHIPPED, root / "data", ignore=shutil.ignore_patterns(".*", "actuals_*"))
    monkeypatch.setattr(workspace, "bundled_root", lambda: root)
    before = snapshot(root)
    r = cli("commit", "--data", str(root / "data"))
    assert r.code == 1
    assert r.err.startswith(
        f"Lỗi: Thư mục '{root / 'data'}' là kế hoạch mẫu của xã Hương Trà (dữ liệu đi kèm "
        "kstthc); kstthc không ghi vào dữ liệu mẫu. Chưa ghi gì.\n"
    )
    assert snapshot(root) == before


@pytest.mark.skipif(GIT is None, reason="git is not installed on this machine")
def test_commit_in_a_repository_made_by_git(
    cli: Callable[..., Result], tmp_path: Path, no_git: None
) -> None:
    assert GIT is not None
    folder = _copy(tmp_path)
    (folder / "ghi-chu.txt").write_text("của cán bộ\n", encoding="utf-8")
    env = {"HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin"}
    ident = ["-c", "user.name=Lan", "-c", "user.email=lan@xa.example"]

    def git(*args: str) -> str:
        done = subprocess.run([GIT, *ident, *args], cwd=folder, check=True, env=env,
                              capture_output=True, text=True)  # fmt: skip
        return done.stdout

    git("init", "-q")
    git("config", "user.name", "Lan")
    git("config", "user.email", "lan@xa.example")
    git("add", "plan_2024.yaml", "indicators_2024.yaml")
    git("commit", "-qm", "Kế hoạch")
    _edit_timeframe(folder)
    r = cli("commit", "--data", str(folder))
    assert r.code == 0, r.err
    assert git("log", "--format=%an|%s").splitlines() == [
        "Lan|Sửa tay: nhiệm vụ 20 (thời gian thực hiện)",
        "Lan|Kế hoạch",
    ]
    assert git("status", "--porcelain") == "?? ghi-chu.txt\n"  # not a data file: left alone
    git("fsck", "--no-progress")


# ---------------------------------------------------------------- an existing folder (F23)


def test_an_existing_folder_gets_a_history_without_git(
    cli: Callable[..., Result], tmp_path: Path, no_git: None
) -> None:
    folder = _copy(tmp_path)
    _record(cli, folder, "--no-commit")
    r = cli("history", "--data", str(folder))
    assert (r.code, r.out) == (1, "")
    assert r.err == (
        f"Lỗi: Thư mục '{folder}' chưa có lịch sử (không nằm trong một kho git).\n"
        "  → Bắt đầu lịch sử bằng: kstthc commit (lưu các tệp dữ liệu hiện có làm lần ghi đầu "
        "tiên; không cần cài git).\n"
    )
    for command in ("diff", "undo"):
        r = cli(command, "--data", str(folder))
        assert r.code == 1 and "kstthc commit" in r.err, command
    data = {n: b for n, b in snapshot(folder).items() if not n.startswith(".")}
    r = cli("commit", "--data", str(folder))
    assert (r.code, r.err) == (0, "")
    first = vcs.revisions(folder=folder)[0]
    assert r.out == (
        f"Đã bắt đầu lịch sử của thư mục dữ liệu '{folder}' (lần ghi {first.info.short}): "
        "actuals_2024.yaml, indicators_2024.yaml, plan_2024.yaml.\n"
        "Từ nay mỗi lần ghi của kstthc tự lưu vào lịch sử và hoàn tác được (kstthc undo); sửa "
        "tay thì lưu bằng: kstthc commit\n"
        "  - Kế hoạch năm 2024: lập mới (20 nhiệm vụ).\n"
        "  - Bộ chỉ tiêu năm 2024: lập mới (11 chỉ tiêu).\n"
        "  - Nhiệm vụ 20, kỳ Quý I: ghi nhận đã xong ngày 14/03/2024.\n"
    )
    assert {n: b for n, b in snapshot(folder).items() if not n.startswith(".")} == data
    assert (folder / ".git").is_dir()
    assert first.info.title == (
        "Bắt đầu lịch sử của thư mục dữ liệu (actuals_2024.yaml, indicators_2024.yaml, "
        "plan_2024.yaml)"
    )
    # from now on each write commits, and undo takes back only what it wrote
    r = cli("record", "task", "20", "--period", "q2", "--date", "2024-06-14",
            "--data", str(folder), "--as-of", "2024-06-20")  # fmt: skip
    assert r.code == 0 and "Đã lưu vào lịch sử" in r.out
    assert cli("undo", "--yes", "--data", str(folder)).code == 0
    text = (folder / "actuals_2024.yaml").read_text(encoding="utf-8")
    assert 'period: "Q1"' in text and 'period: "Q2"' not in text


def test_init_on_a_folder_with_a_plan_names_commit(
    cli: Callable[..., Result], tmp_path: Path, no_git: None
) -> None:
    folder = tmp_path / "xa"
    shutil.copytree(SHIPPED, folder / "data", ignore=shutil.ignore_patterns(".*", "actuals_*"))
    before = snapshot(folder)
    r = cli("init", str(folder), "--commune", "Hương Trà", "--province", "Quảng Ngãi",
            "--year", "2024", "--signer", "Hồ Minh Hiếu", "--yes")  # fmt: skip
    assert r.code == 1
    assert r.err.endswith(
        "kstthc init không ghi đè. Chưa ghi gì.\n"
        "  → Dùng thư mục khác (kstthc init THƯ_MỤC_MỚI); kế hoạch năm sau thì lập bằng kstthc "
        "new-year NĂM. Thư mục đó chưa có lịch sử: bắt đầu lịch sử bằng kstthc commit.\n"
    )
    assert snapshot(folder) == before


# ---------------------------------------------------------------- bad states said truly (F19)

BROKEN_HEAD = (
    "Lỗi: Kho git của thư mục dữ liệu bị hỏng, không đọc được (tệp HEAD không chỉ tới nhánh "
    "nào hay lần ghi nào).\n"
)


@pytest.mark.parametrize("command", ["history", "diff", "undo", "commit"])
def test_a_broken_head_is_not_called_detached(
    cli: Callable[..., Result], repo: Path, command: str
) -> None:
    (repo / ".git" / "HEAD").write_text("garbage\n")
    before = snapshot(repo)
    r = cli(command, "--data", str(repo))
    assert (r.code, r.out) == (1, "")
    assert r.err == BROKEN_HEAD + (
        "  → Kho có thể bị hỏng; nhờ người phụ trách CNTT kiểm tra bằng 'git status'.\n"
    )
    assert snapshot(repo) == before


def test_a_broken_repository_on_a_write_offers_no_commit(
    cli: Callable[..., Result], repo: Path
) -> None:
    (repo / ".git" / "HEAD").write_text("garbage\n")
    before = snapshot(repo)
    r = cli("record", "task", "20", "--period", "q1", "--date", "2024-03-14",
            "--data", str(repo), "--as-of", "2024-06-20")  # fmt: skip
    assert r.code == 1
    assert r.err == BROKEN_HEAD + (
        "  → Kho có thể bị hỏng; nhờ người phụ trách CNTT kiểm tra bằng 'git status' (ghi kết "
        "quả mà không lưu lịch sử: --no-commit).\n"
    )
    assert snapshot(repo) == before


def test_a_git_file_pointing_to_a_missing_folder(
    cli: Callable[..., Result], tmp_path: Path, no_git: None
) -> None:
    folder = _copy(tmp_path)
    (folder / ".git").write_text(f"gitdir: {tmp_path / 'khong-co'}\n")
    before = snapshot(folder)
    for command in ("history", "commit"):
        r = cli(command, "--data", str(folder))
        assert r.code == 1
        assert r.err == (
            "Lỗi: Kho git của thư mục dữ liệu bị hỏng, không đọc được (thư mục kho "
            f"'{tmp_path / 'khong-co'}' không có).\n"
            "  → Kho có thể bị hỏng; nhờ người phụ trách CNTT kiểm tra bằng 'git status'.\n"
        )
    assert snapshot(folder) == before


def test_a_detached_head_read_or_saved_names_no_missing_option(
    cli: Callable[..., Result], repo: Path
) -> None:
    head = (repo / ".git" / "refs" / "heads" / "main").read_text().strip()
    (repo / ".git" / "HEAD").write_text(head + "\n")
    r = cli("history", "--data", str(repo))
    assert r.err == (
        "Lỗi: Kho git đang ở trạng thái 'detached HEAD' (không đứng trên nhánh nào); kstthc chỉ "
        "đọc lịch sử của một nhánh.\n"
        "  → Quay về nhánh chính (git switch main hoặc git checkout master).\n"
    )
    _edit_timeframe(repo)
    for command in ("commit", "undo"):
        r = cli(command, "--data", str(repo))
        assert r.code == 1
        assert r.err.endswith(
            "  → Quay về nhánh chính (git switch main hoặc git checkout master), rồi chạy lại.\n"
        ), command


def test_no_hint_names_an_option_its_command_has_not() -> None:
    """Every hint offering to run again with an option is said to a command that has it;
    other commands get its other words."""
    import re

    import typer

    from kstthc_cli.cli.app import _COMMANDS, make_app, options_of
    from kstthc_cli.cli.values import OPTION_HINTS, Rerun, hint_for

    reruns = [a for a, h in OPTION_HINTS.items() if isinstance(h, Rerun)]
    assert {"repository-damaged", "repository-busy", "repository-conflict"} <= set(reruns)
    for name in _COMMANDS:
        options = options_of(typer.main.get_command(make_app(name)), [name])
        for about in reruns:
            said = hint_for(about, options) or ""
            assert set(re.findall(r"--[a-z][a-z-]*", said)) - {"--abort"} <= options, (name, about)
    history = options_of(typer.main.get_command(make_app("history")), ["history"])
    record = options_of(typer.main.get_command(make_app("record")), ["record", "task"])
    assert "--no-commit" not in (hint_for("repository-busy", history) or "")
    assert "--no-commit" in (hint_for("repository-busy", record) or "")


# ---------------------------------------------------------------- diff of a day (F28)


def test_diff_of_an_impossible_day_is_a_usage_error(cli: Callable[..., Result], repo: Path) -> None:
    for word, shown in (("31/2", "31/2/2024"), ("2024-02-30", "2024-02-30")):
        r = cli("diff", word, "--data", str(repo), "--as-of", "2024-12-31")
        day = "31" if word == "31/2" else "30"
        assert (r.code, r.out) == (2, "")
        assert r.err == (
            f"Lỗi: Phiên bản '{shown}' không phải ngày có thật: ngày {day}/02/2024 không có thật "
            "trên lịch: tháng 2/2024 chỉ có 29 ngày.\n"
            "  → Viết ngày dạng 2024-04-20 hoặc 20/04/2024, hoặc HEAD, HEAD~1, mã lần ghi.\n"
        )


def test_undo_of_the_record_that_made_the_file_keeps_later_saved_edits(
    cli: Callable[..., Result], repo: Path
) -> None:
    _record(cli, repo)  # creates actuals_2024.yaml
    actuals = repo / "actuals_2024.yaml"
    actuals.write_text(actuals.read_text(encoding="utf-8") + "# ghi chú tay\n", encoding="utf-8")
    assert cli("commit", "--data", str(repo)).code == 0
    r = cli("undo", "--yes", "--data", str(repo))
    assert r.code == 0, r.err
    text = actuals.read_text(encoding="utf-8")
    assert text.endswith("indicators:\n# ghi chú tay\n") and 'task: "20"' not in text


def test_figures_edited_by_hand_are_saved_and_told(cli: Callable[..., Result], repo: Path) -> None:
    figures = repo / "figures_2024.yaml"
    figures.write_text(
        'year: 2024\nperiods:\n  - period: "Q2"\n    egov: {with_fee: 30, paid_online: 12}\n',
        encoding="utf-8",
    )
    r = cli("commit", "--data", str(repo))
    assert r.code == 0, r.err
    sha = vcs.revisions(folder=repo)[0].info.short
    assert r.out == (
        f"Đã lưu vào lịch sử (lần ghi {sha}): Sửa tay: số liệu kỳ Quý II\n"
        "  - Số liệu một cửa, kỳ Quý II: ghi mới (2 giá trị).\n"
    )
    figures.write_text(figures.read_text(encoding="utf-8").replace("12}", "13}"))
    assert cli("commit", "--data", str(repo)).code == 0
    r = cli("history", "--data", str(repo))
    assert r.out.splitlines()[2] == (
        "  - Số liệu một cửa, kỳ Quý II: sửa chính phủ số, thanh toán trực tuyến “12” → “13”"
    )
