"""The daily commands forgive a person's habits (issue 14, items 5-11), driven through the CLI."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from kstthc_cli import __version__
from tests import vcs_support
from tests.conftest import Result

clock, no_git, repo = vcs_support.clock, vcs_support.no_git, vcs_support.repo  # the fixtures

AS_OF = ("--as-of", "2024-04-20")


def test_version(cli: Callable[..., Result]) -> None:
    assert cli("--version") == Result(0, f"kstthc {__version__}\n", "")


def test_a_misspelt_command_gets_a_suggestion(cli: Callable[..., Result]) -> None:
    assert cli("stauts") == Result(
        2, "", "Lỗi: Không có lệnh 'stauts'. Có phải ý bạn là 'status'?\n"
        "  → Xem các lệnh: kstthc --help\n"
    )  # fmt: skip


def test_status_overdue_points_to_tasks(cli: Callable[..., Result]) -> None:
    assert cli("status", "--overdue") == Result(
        2, "", "Lỗi: Lệnh status không có tùy chọn --overdue.\n"
        "  → Xem việc quá hạn: kstthc tasks --overdue\n"
    )  # fmt: skip


def test_every_help_ends_with_examples(cli: Callable[..., Result]) -> None:
    for args in (
        (), ("status",), ("tasks",), ("report",), ("record",), ("record", "task"),
        ("record", "indicator"), ("check",), ("undo",),
    ):  # fmt: skip
        r = cli(*args, "--help")
        assert r.code == 0
        tail = r.out.rstrip().split("\n\n")[-1]
        assert tail.lstrip().startswith("Ví dụ:\n"), args
        assert all(line.strip().startswith("kstthc ") for line in tail.splitlines()[1:]), args


def test_help_uses_the_window_width(cli: Callable[..., Result], monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("COLUMNS", "160")
    r = cli("record", "task", "--help")
    assert (
        "  --date NGÀY          Ngày thực hiện (YYYY-MM-DD hoặc dd/mm/yyyy; mặc định: --as-of "
        "hoặc hôm nay).\n" in r.out
    )


def test_report_period_as_an_option(cli: Callable[..., Result], ws: Path) -> None:
    by_argument = cli("report", "q1", "--data", str(ws), *AS_OF)
    by_option = cli("report", "--period", "q1", "--data", str(ws), *AS_OF)
    assert by_option.code == 0 and by_option == by_argument
    assert cli("report", "q1", "--period", "q2", "--data", str(ws), *AS_OF) == Result(
        2, "", "Lỗi: Hai kỳ khác nhau: 'q1' và --period 'q2'.\n  → Chỉ ghi một kỳ.\n"
    )


def _record_line(ws: Path, *args: str) -> str:
    text = (ws / "actuals_2024.yaml").read_text(encoding="utf-8")
    return text.split("tasks:\n", 1)[1].split("\n\n", 1)[0]


def test_a_day_without_year_is_of_the_plan_year(cli: Callable[..., Result], ws: Path) -> None:
    r = cli("record", "task", "1", "--date", "14/3", "--no-commit", "--data", str(ws), *AS_OF)
    assert r.code == 0, r.err
    assert _record_line(ws) == (
        '  - task: "1"\n    status: "done"\n    date: "2024-03-14"\n    recorded: "2024-04-20"'
    )


def test_an_impossible_day_says_why(cli: Callable[..., Result], ws: Path) -> None:
    r = cli("record", "task", "1", "--date", "31/6/2024", "--data", str(ws), *AS_OF)
    assert r == Result(
        2, "", "Lỗi: Giá trị của --date không hợp lệ: ngày 31/06/2024 không có thật trên lịch: "
        "tháng 6/2024 chỉ có 30 ngày.\n  → Viết ngày dạng 2024-04-20 hoặc 20/04/2024.\n"
    )  # fmt: skip
    assert not (ws / "actuals_2024.yaml").exists()


def test_task_numbers_as_people_write_them(cli: Callable[..., Result], ws: Path) -> None:
    for word in ("NV1", "nv 1", "01", "Nhiệm vụ 1"):
        r = cli("record", "task", word, "--date", "14/3", "--dry-run", "--data", str(ws), *AS_OF)
        assert r.code == 0, (word, r.err)
        assert '+  - task: "1"\n' in r.out


def test_a_unit_by_its_name(cli: Callable[..., Result], ws: Path) -> None:
    by_name = cli("status", "--unit", "một cửa", "--data", str(ws), *AS_OF)
    by_plain_name = cli("status", "--unit", "MOT CUA", "--data", str(ws), *AS_OF)
    by_id = cli("status", "--unit", "mot-cua", "--data", str(ws), *AS_OF)
    assert by_name.code == 0 and by_name == by_id == by_plain_name
    assert "Bộ phận Một cửa xã" in by_name.out


class _Typed(io.StringIO):
    """What a person types at a terminal (stdin is a terminal, answers scripted)."""

    def isatty(self) -> bool:
        return True


def _task_one(cli: Callable[..., Result], ws: Path, *more: str) -> Result:
    return cli("record", "task", "1", "--no-commit", "--data", str(ws), *AS_OF, *more)


def test_replacing_a_done_record_needs_replace(cli: Callable[..., Result], ws: Path) -> None:
    assert _task_one(cli, ws, "--date", "14/3", "--evidence", "QĐ 12").code == 0
    before = (ws / "actuals_2024.yaml").read_text(encoding="utf-8")
    assert _task_one(cli, ws, "--date", "15/3") == Result(
        1, "", "Lỗi: Đã có bản ghi nhiệm vụ 1 (đã xong, ngày 14/03/2024, văn bản: QĐ 12); "
        "chưa thay bằng bản ghi mới (đã xong, ngày 15/03/2024, văn bản: QĐ 12).\n"
        "  → Thêm --replace để thay bản ghi cũ; điều gì không ghi trong lệnh (ngày, văn bản, "
        "ghi chú) thì giữ như bản ghi cũ.\n"
    )  # fmt: skip
    assert (ws / "actuals_2024.yaml").read_text(encoding="utf-8") == before
    # the same day and evidence again: nothing to ask
    assert _task_one(cli, ws, "--date", "14/3").code == 0
    r = _task_one(cli, ws, "--date", "15/3", "--replace")
    assert r.code == 0, r.err
    assert r.out.startswith(
        "Đã thay bản ghi nhiệm vụ 1: đã xong, ngày 15/03/2024 (bản ghi cũ: ngày 14/03/2024).\n"
    )


def test_replacing_asks_at_a_terminal(
    cli: Callable[..., Result], ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _task_one(cli, ws, "--date", "14/3", "--evidence", "QĐ 12").code == 0
    before = (ws / "actuals_2024.yaml").read_text(encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", _Typed("n\n"))
    r = _task_one(cli, ws, "--date", "15/3")
    assert r == Result(
        1, "Thay bằng bản ghi mới? [y/N]: ",
        "Bản ghi cũ của nhiệm vụ 1: đã xong, ngày 14/03/2024, văn bản: QĐ 12.\n"
        "Bản ghi mới: đã xong, ngày 15/03/2024, văn bản: QĐ 12.\n"
        "Lỗi: Chưa ghi gì: giữ bản ghi cũ.\n",
    )  # fmt: skip
    assert (ws / "actuals_2024.yaml").read_text(encoding="utf-8") == before
    monkeypatch.setattr(sys, "stdin", _Typed("y\n"))
    r = _task_one(cli, ws, "--date", "15/3")
    assert r.code == 0, r.err
    assert "Đã thay bản ghi nhiệm vụ 1: đã xong, ngày 15/03/2024" in r.out
    assert 'date: "2024-03-15"' in (ws / "actuals_2024.yaml").read_text(encoding="utf-8")


def test_delete_a_record(cli: Callable[..., Result], ws: Path) -> None:
    assert _task_one(cli, ws, "--date", "14/3").code == 0
    fig = ("record", "indicator", "3", "--period", "q1", "--no-commit", "--data", str(ws), *AS_OF)
    assert cli(*fig, "--num", "40", "--den", "80").code == 0
    path = ws / "actuals_2024.yaml"
    before = path.read_text(encoding="utf-8")
    dry = cli(*fig, "--delete", "--dry-run")
    assert dry.code == 0
    assert dry.err == (
        "Sẽ xoá bản ghi chỉ tiêu 3, kỳ Quý I: 40/80 = 50,00 %.\n"
        f"  Tệp: {path}\n"
        "Chạy thử (--dry-run): chưa ghi gì vào tệp.\n"
    )
    assert dry.out.endswith(
        ' indicators:\n-  - indicator: "3"\n-    period: "Q1"\n-    numerator: 40\n'
        '-    denominator: 80\n-    recorded: "2024-04-20"\n'
    )
    assert path.read_text(encoding="utf-8") == before
    assert cli(*fig, "--delete") == Result(
        0, f"Đã xoá bản ghi chỉ tiêu 3, kỳ Quý I: 40/80 = 50,00 %.\n  Tệp: {path}\n", ""
    )
    assert cli(*fig, "--delete") == Result(
        1, "", f"Lỗi: Không có bản ghi chỉ tiêu 3, kỳ Quý I trong tệp {path} để xoá.\n"
        "  → Xem các bản ghi: kstthc history, hoặc mở tệp actuals.\n"
    )  # fmt: skip
    r = _task_one(cli, ws, "--delete")
    assert r.code == 0, r.err
    assert r.out.startswith("Đã xoá bản ghi nhiệm vụ 1: đã xong, ngày 14/03/2024.\n")
    after = path.read_text(encoding="utf-8")
    assert "- task:" not in after and "- indicator:" not in after
    assert after.splitlines()[:12] == before.splitlines()[:12]  # the file's own words stay


def test_record_dry_run_says_what_would_change(cli: Callable[..., Result], ws: Path) -> None:
    r = _task_one(cli, ws, "--date", "14/3", "--dry-run")
    assert r.err == (
        f"Sẽ tạo tệp {ws / 'actuals_2024.yaml'}.\n"
        "Sẽ ghi nhiệm vụ 1: đã xong, ngày 14/03/2024.\n"
        "Chạy thử (--dry-run): chưa ghi gì vào tệp.\n"
    )
    assert r.out.startswith("--- /dev/null\n")


def test_tasks_show_the_due_date_most_urgent_first(
    cli: Callable[..., Result], ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    r = cli("tasks", "--data", str(ws), *AS_OF)
    assert r.code == 0
    lines = r.out.splitlines()
    assert lines[0].split() == ["NV", "Mục", "Tình", "trạng", "Hạn", "Nội", "dung"]
    assert [line[:45].rstrip() for line in lines[1:8]] == [
        " 10  V     quá hạn (Q1)  18/03 (trễ 33 ngày)",
        " 20  X     quá hạn (Q1)  18/03 (trễ 33 ngày)",
        "  1  I     quá hạn (Q1)  31/03 (trễ 20 ngày)",
        "  2  I     quá hạn (Q1)  31/03 (trễ 20 ngày)",
        "  4  III   quá hạn (Q1)  31/03 (trễ 20 ngày)",
        " 19  IX    chưa đến hạn  17/06 (còn 58 ngày)",
        "  3  II    thường xuyên  —",
    ]
    # done at last: task 1 goes to the end of the list of the dated ones
    assert _task_one(cli, ws, "--date", "14/3").code == 0
    r = cli("tasks", "--data", str(ws), *AS_OF)
    assert lines[-1] != r.out.splitlines()[-1]
    assert r.out.splitlines()[-1].startswith("  1  I     đã xong       —")


def test_record_indicator_says_the_verdict(cli: Callable[..., Result], ws: Path) -> None:
    fig = ("record", "indicator", "3", "--no-commit", "--data", str(ws), *AS_OF)
    path = ws / "actuals_2024.yaml"
    assert cli(*fig, "--period", "q1", "--num", "40", "--den", "80") == Result(
        0, f"Đã tạo tệp {path}.\nĐã ghi số liệu chỉ tiêu 3, kỳ Quý I: 40/80 = 50,00 %.\n"
        "  Mục tiêu giao: ≥ 50 %. Kỳ này: 50,00 % — đạt; lũy kế từ đầu năm: 50,00 % — đạt.\n",
        "",
    )  # fmt: skip
    r = cli(*fig, "--period", "q2", "--num", "10", "--den", "80", "--dry-run")
    assert r.err == (
        "Sẽ ghi số liệu chỉ tiêu 3, kỳ Quý II: 10/80 = 12,50 %.\n"
        f"  Tệp: {path}\n"
        "  Mục tiêu giao: ≥ 50 %. Kỳ này: 12,50 % — chưa đạt; lũy kế từ đầu năm: 31,25 % — "
        "chưa đạt.\n"
        "Chạy thử (--dry-run): chưa ghi gì vào tệp.\n"
    )


def test_a_period_with_nothing_to_count(cli: Callable[..., Result], ws: Path) -> None:
    fig = ("record", "indicator", "9", "--period", "q1", "--no-commit", "--data", str(ws), *AS_OF)
    path = ws / "actuals_2024.yaml"
    bad = cli(*fig, "--none", "--num", "3", "--den", "3")
    assert bad == Result(
        2, "", "Lỗi: Kỳ ghi là không phát sinh (none: true) nhưng lại có số liệu.\n"
        "  → Bỏ --none, hoặc bỏ --num/--den/--value.\n"
    )  # fmt: skip
    assert not path.exists()
    assert cli(*fig, "--none") == Result(
        0, f"Đã tạo tệp {path}.\nĐã ghi số liệu chỉ tiêu 9, kỳ Quý I: không phát sinh.\n"
        "  Mục tiêu giao: ≥ 100 %. Kỳ này: không phát sinh; lũy kế từ đầu năm: không phát sinh.\n",
        "",
    )  # fmt: skip
    assert path.read_text(encoding="utf-8").endswith(
        'indicators:\n  - indicator: "9"\n    period: "Q1"\n    none: true\n'
        '    recorded: "2024-04-20"\n'
    )
    assert cli("check", "--data", str(ws), *AS_OF).out == (
        "0 lỗi, 0 cảnh báo (4 cảnh báo đã xác nhận).\n"
    )
    status = cli("status", "--data", str(ws), *AS_OF).out
    row = next(line for line in status.splitlines() if line.startswith("   9  "))
    assert row.rstrip().endswith("—  không phát sinh Q1   ≥ 100 %  ············  không phát sinh")
    report = cli("report", "q1", "--data", str(ws), *AS_OF).out
    assert (
        "| 9 | Tỷ lệ xử lý phản ánh, kiến nghị đúng hạn | Số phản ánh, kiến nghị được xử lý đúng "
        "hạn / Tổng số phản ánh, kiến nghị phải xử lý | ≥ 100 % | không phát sinh | — | "
        "không phát sinh |" in report
    )
    # a later period with figures: the year to date is judged on those alone
    r = cli(*fig[:4], "q2", *fig[5:], "--num", "4", "--den", "4")
    assert r.code == 0, r.err
    assert r.out.endswith(
        "  Mục tiêu giao: ≥ 100 %. Kỳ này: 100,00 % — đạt; lũy kế từ đầu năm: 100,00 % — đạt.\n"
    )


def test_record_indicators_asks_each_in_turn(
    cli: Callable[..., Result], ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = ws / "actuals_2024.yaml"
    one = ("--no-commit", "--data", str(ws), *AS_OF)
    assert cli("record", "indicator", "3", "--period", "q1", "--num", "40", "--den", "80", *one)
    assert cli("record", "indicator", "4", "--period", "q2", "--num", "1", "--den", "2", *one)
    before = path.read_text(encoding="utf-8")
    # 1: a figure; 2: Enter (nothing there: skipped); 3: a typo asked again, then a figure;
    # 4: Enter keeps 1/2; 5: "7 9"; 6-8: skipped; 9: không phát sinh; 10: a value; 11.3: skipped
    answers = "40/90\n\nx\n50/80\n\n7 9\n-\n-\n-\nkps\n95\n-\n"
    monkeypatch.setattr(sys, "stdin", io.StringIO(answers))
    r = cli("record", "indicators", "--period", "q2", *one)
    assert r.code == 0, r.err
    assert r.out.startswith(
        "Số liệu kỳ Quý II năm 2024. Enter: giữ; -: bỏ qua; kps: không phát sinh.\n"
    )
    assert (
        "Chỉ tiêu 3. Tỷ lệ hồ sơ trực tuyến trên tổng số hồ sơ tiếp nhận, giải quyết TTHC.\n"
        "  Mục tiêu: ≥ 50 %; kỳ trước (Quý I): 40/80 = 50,00 %; kỳ này đang có: —\n"
    ) in r.out
    assert "  Mục tiêu: ≥ 80 %; kỳ trước: —; kỳ này đang có: 1/2 = 50,00 %\n" in r.out
    assert r.err == (
        "  Cần tử số/mẫu số, ví dụ 40/80 (đang là 'x'). Enter: giữ số đang có; -: bỏ qua; "
        "kps: không phát sinh.\n"
    )
    assert r.out.endswith(
        "\nĐã ghi số liệu chỉ tiêu 1, kỳ Quý II: 40/90 = 44,44 %.\n"
        "Đã ghi số liệu chỉ tiêu 3, kỳ Quý II: 50/80 = 62,50 %.\n"
        "Đã ghi số liệu chỉ tiêu 5, kỳ Quý II: 7/9 = 77,78 %.\n"
        "Đã ghi số liệu chỉ tiêu 9, kỳ Quý II: không phát sinh.\n"
        "Đã ghi số liệu chỉ tiêu 10, kỳ Quý II: 95,00 %.\n"
        f"  Tệp: {path}\n"
    )
    after = path.read_text(encoding="utf-8")
    assert after.startswith(before)  # written once, at the end, after the old records
    assert after[len(before) :] == (
        '  - indicator: "1"\n    period: "Q2"\n    numerator: 40\n    denominator: 90\n'
        '    recorded: "2024-04-20"\n'
        '  - indicator: "3"\n    period: "Q2"\n    numerator: 50\n    denominator: 80\n'
        '    recorded: "2024-04-20"\n'
        '  - indicator: "5"\n    period: "Q2"\n    numerator: 7\n    denominator: 9\n'
        '    recorded: "2024-04-20"\n'
        '  - indicator: "9"\n    period: "Q2"\n    none: true\n    recorded: "2024-04-20"\n'
        '  - indicator: "10"\n    period: "Q2"\n    value: 95\n    recorded: "2024-04-20"\n'
    )


def test_record_indicators_refuses_all_when_one_is_wrong(ws: Path) -> None:
    """One figure refused, none is written; the refusal names its indicator (the batch holds
    many). At the prompt the same refusal is said at once and asked again (test_qa_daily)."""
    from kstthc_cli import api
    from kstthc_cli.write.record import FigureInput, RecordRefused

    figures = [FigureInput("1", 40, 90), FigureInput("2", 9, 3)]
    with pytest.raises(RecordRefused) as refused:
        api.record_indicators(
            data=ws, period=api.PeriodId.Q2, figures=figures, as_of=date(2024, 4, 20), commit=False
        )
    assert refused.value.message == "Chỉ tiêu 2: Tử số 9 lớn hơn mẫu số 3."
    assert not (ws / "actuals_2024.yaml").exists()


def test_record_indicators_in_one_commit(
    cli: Callable[..., Result], repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kstthc_cli.write import vcs

    monkeypatch.setattr(sys, "stdin", io.StringIO("40/90\n-\n50/80\n" + "-\n" * 8))
    r = cli("record", "indicators", "--period", "q2", "--data", str(repo), "--as-of", "2024-06-20")
    assert r.code == 0, r.err
    assert vcs.revisions(folder=repo)[0].info.title == "Ghi nhận số liệu kỳ Quý II: chỉ tiêu 1, 3"
    assert "Đã lưu vào lịch sử (lần ghi " in r.out


def test_status_shows_the_current_quarter_and_work_under_way(
    cli: Callable[..., Result], ws: Path
) -> None:
    r = cli(
        "record", "task", "20", "--period", "q1", "--status", "in-progress", "--date", "10/4",
        "--note", "Đang tổng hợp số liệu", "--no-commit", "--data", str(ws), *AS_OF,
    )  # fmt: skip
    assert r.code == 0, r.err
    out = cli("status", "--data", str(ws), *AS_OF).out
    assert (
        " NV 20 Quý I: hạn 18/03/2024, trễ 33 ngày · chủ trì: Văn phòng – Thống kê xã\n"
        "        Báo cáo Văn phòng UBND huyện về tình hình, kết quả kiểm soát TTHC và thực hiện cơ "
        "chế một cửa, một cửa liên th…\n"
        "        Đang thực hiện (ghi ngày 10/04/2024): Đang tổng hợp số liệu\n"
    ) in out
    assert (
        "KỲ HIỆN TẠI: QUÝ II (số liệu 15/03/2024–14/06/2024, hạn gửi báo cáo 17/06/2024, còn 58 "
        "ngày)\n"
        "  NV 10  Quý II: hạn 17/06/2024, còn 58 ngày\n"
        "  NV 19  6 tháng đầu năm: hạn 17/06/2024, còn 58 ngày\n"
        "  NV 20  Quý II: hạn 17/06/2024, còn 58 ngày\n"
    ) in out


def test_calendar_marks_the_periods_under_way(cli: Callable[..., Result], ws: Path) -> None:
    lines = cli("calendar", "--data", str(ws), *AS_OF).out.splitlines()
    marked = [line.split()[0] + " " + line.split("◀ ")[1].rstrip() for line in lines if "◀" in line]
    assert marked == [
        "Q2 kỳ hiện tại, còn 58 ngày đến hạn gửi",
        "H1 kỳ hiện tại, còn 58 ngày đến hạn gửi",
        "M9 kỳ hiện tại, còn 150 ngày đến hạn gửi",
        "Y kỳ hiện tại, còn 241 ngày đến hạn gửi",
    ]
    after_cutoff = cli("calendar", "--data", str(ws), "--as-of", "2024-06-15").out
    assert "◀ đã chốt số liệu, còn 2 ngày đến hạn gửi" in after_cutoff


def test_shell_completion(cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch) -> None:
    import shellingham

    # typer finds the shell by walking this process's parents (shellingham), which depends on
    # how the test run was started (no shell among the first ten parents: "Shell  not
    # supported."); the shell is set here, so the test holds whatever started it
    monkeypatch.setattr(shellingham, "detect_shell", lambda *a, **k: ("bash", "/bin/bash"))
    r = cli("--help")
    assert "  --install-completion  Cài tự hoàn thành lệnh (phím Tab) cho shell.\n" in r.out
    assert "  --show-completion     In mã tự hoàn thành lệnh cho shell (để tự cài).\n" in r.out
    shown = cli("--show-completion", "bash")
    assert shown.code == 0 and "_KSTTHC_COMPLETE=complete_bash" in shown.out
    monkeypatch.setenv("_KSTTHC_COMPLETE", "complete_bash")
    monkeypatch.setenv("COMP_WORDS", "kstthc sta")
    monkeypatch.setenv("COMP_CWORD", "1")
    assert cli() == Result(0, "status\n", "")
