"""``kstthc record task|indicator``: what lands in the file, what status then says, and every
refusal (its message, its exit code, and that no file changed)."""

from __future__ import annotations

import difflib
import itertools
import json
from pathlib import Path
from typing import Any

import pytest

from tests.support import snapshot, write

AS_OF = ("--as-of", "2024-06-30")


def rec(cli, ws: Path, *args: str):  # type: ignore[no-untyped-def]
    return cli("record", *args, "--data", str(ws), *AS_OF)


def ok(cli, ws: Path, *args: str) -> str:  # type: ignore[no-untyped-def]
    r = rec(cli, ws, *args)
    assert r.code == 0, r.err
    return r.out  # type: ignore[no-any-return]


def status(cli, ws: Path, day: str) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    r = cli("status", "--data", str(ws), "--as-of", day, "--json")
    assert r.code == 0, r.err
    return json.loads(r.out)  # type: ignore[no-any-return]


def only_added(before: str, after: str) -> list[str]:
    """The lines ``after`` adds to ``before``; fails if any line of ``before`` changed."""
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    ops = difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    assert [op for op in ops if op[0] not in ("equal", "insert")] == []
    return [line for tag, _, _, j1, j2 in ops if tag == "insert" for line in new[j1:j2]]


# ---------------------------------------------------------------- the "done when"


def test_pooled_year_to_date_not_an_average_of_percentages(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    out = ok(cli, ws, "indicator", "3", "--period", "q1", "--num", "40", "--den", "80")
    assert "Đã tạo tệp" in out
    assert "Đã ghi số liệu chỉ tiêu 3, kỳ Quý I: 40/80 = 50,00 %." in out
    ok(cli, ws, "indicator", "3", "--period", "quý 2", "--num", "90", "--den", "120")
    ind = {i["id"]: i for i in status(cli, ws, "2024-06-30")["indicators"]}["3"]
    assert (ind["numerator"], ind["denominator"], ind["actual"]) == (130, 200, 65.0)
    assert ind["state"] == "met"
    assert ind["latest_period"] == "Q2"
    assert ind["latest"]["actual"] == 75.0


def test_doing_q2_does_not_excuse_q1(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    out = ok(
        cli, ws, "task", "20", "--period", "q2", "--date", "2024-06-14",
        "--evidence", "Báo cáo số 15/BC-UBND ngày 14/6/2024",
    )  # fmt: skip
    assert "Đã ghi nhiệm vụ 20, kỳ Quý II: đã xong, ngày 14/06/2024." in out
    assert "Văn bản: Báo cáo số 15/BC-UBND ngày 14/6/2024" in out
    task = {t["id"]: t for t in status(cli, ws, "2024-07-01")["tasks"]}["20"]
    occ = {o["key"]: o for o in task["occurrences"]}
    assert task["state"] == "overdue"
    assert occ["Q1"]["state"] == "overdue"
    assert occ["Q2"]["state"] == "done"
    assert occ["Q2"]["done_on"] == "2024-06-14"
    assert occ["Q2"]["evidence"] == "Báo cáo số 15/BC-UBND ngày 14/6/2024"


def test_a_hand_written_comment_survives_and_no_earlier_line_changes(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    ok(cli, ws, "task", "3", "--date", "2024-03-02", "--note", "tập huấn")
    path = ws / "actuals_2024.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("tasks:\n", "tasks:\n  # Ghi chú viết tay: hỏi lại anh Hùng\n")
    text = text.replace('"tập huấn"\n', '"tập huấn"  # bản giấy ở tủ số 2\n')
    path.write_text(text + "# cuối tệp: đừng xóa\n", encoding="utf-8")
    versions = [path.read_text(encoding="utf-8")]
    ok(cli, ws, "task", "20", "--period", "q1", "--date", "2024-03-20")
    versions.append(path.read_text(encoding="utf-8"))
    ok(cli, ws, "indicator", "10", "--period", "q1", "--value", "92,5")
    versions.append(path.read_text(encoding="utf-8"))
    ok(cli, ws, "task", "3", "--date", "2024-04-02", "--status", "in-progress")
    versions.append(path.read_text(encoding="utf-8"))
    for before, after in itertools.pairwise(versions):
        assert only_added(before, after)
    final = versions[-1]
    assert "  # Ghi chú viết tay: hỏi lại anh Hùng\n" in final
    assert '"tập huấn"  # bản giấy ở tủ số 2\n' in final
    assert final.endswith("# cuối tệp: đừng xóa\n")
    assert "    value: 92.5\n" in final


def test_twelve_records_in_a_row_all_land(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    for month in range(1, 7):
        ok(cli, ws, "task", "3", "--date", f"2024-{month:02d}-05", "--note", f"tháng {month}")
    for i, ind in enumerate(("1", "2", "3", "4", "5", "6")):
        ok(cli, ws, "indicator", ind, "--period", "q1", "--num", str(i), "--den", "10")
    data = status(cli, ws, "2024-06-30")
    task3 = {t["id"]: t for t in data["tasks"]}["3"]
    assert sum(o["records"] for o in task3["occurrences"]) == 6
    with_data = [i for i in data["indicators"] if i["denominator"] == 10]
    assert len(with_data) == 6


# ---------------------------------------------------------------- what lands in the file


def test_the_first_record_creates_the_file_with_a_header(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    ok(cli, ws, "task", "1", "--date", "2024-03-15", "--evidence", "Kế hoạch số 12/KH-UBND")
    text = (ws / "actuals_2024.yaml").read_text(encoding="utf-8")
    assert text.startswith("# Kết quả thực hiện Kế hoạch kiểm soát thủ tục hành chính năm 2024.")
    assert "\nyear: 2024\n" in text
    assert (
        'tasks:\n  - task: "1"\n    status: "done"\n    date: "2024-03-15"\n'
        '    evidence: "Kế hoạch số 12/KH-UBND"\n'
    ) in text
    assert text.endswith("indicators:\n")
    # the record was made on 30/06 (its `recorded` day): known from then on
    task = {t["id"]: t for t in status(cli, ws, "2024-06-30")["tasks"]}["1"]
    assert task["state"] == "done"
    assert cli("check", "--data", str(ws)).code == 0


def test_recording_the_same_period_again_replaces_and_shows_the_old_value(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    ok(cli, ws, "indicator", "3", "--period", "q1", "--num", "40", "--den", "80", "--note", "sổ")
    ok(cli, ws, "indicator", "3", "--period", "q2", "--num", "90", "--den", "120")
    path = ws / "actuals_2024.yaml"
    before = path.read_text(encoding="utf-8")
    out = ok(cli, ws, "indicator", "3", "--period", "Quý I", "--num", "41", "--den", "80")
    assert "Đã thay số liệu chỉ tiêu 3, kỳ Quý I: 41/80 = 51,25 % (số cũ: 40/80 = 50,00 %)." in out
    after = path.read_text(encoding="utf-8")
    diff = [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and line[:3] not in ("+++", "---")
    ]
    assert diff == ["-    numerator: 40", "+    numerator: 41"]
    assert after.count('period: "Q1"') == 1
    assert '    note: "sổ"\n' in after  # the note stays when no new one is given
    ind = {i["id"]: i for i in status(cli, ws, "2024-06-30")["indicators"]}["3"]
    assert (ind["numerator"], ind["denominator"]) == (131, 200)


def test_ongoing_task_takes_any_number_of_records_without_a_period(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    for day in ("2024-01-10", "2024-01-20", "2024-05-02"):
        ok(cli, ws, "task", "3", "--date", day)
    ok(cli, ws, "task", "3", "--period", "quý 3", "--date", "2024-06-20")
    text = (ws / "actuals_2024.yaml").read_text(encoding="utf-8")
    assert text.count('- task: "3"') == 4
    assert text.count('period: "Q3"') == 1
    task = {t["id"]: t for t in status(cli, ws, "2024-06-30")["tasks"]}["3"]
    records = {o["key"]: o["records"] for o in task["occurrences"]}
    assert records["Q1"] == 2  # 10/01 and 20/01 fall in Quý I (15/12–14/03)
    assert records["Q2"] == 1


def test_status_in_progress_and_adhoc_and_the_default_date(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    out = ok(cli, ws, "task", "20", "--period", "q3", "--status", "in-progress")
    assert "đang thực hiện, ngày 30/06/2024" in out
    ok(cli, ws, "task", "20", "--period", "đột xuất", "--date", "2024-05-05")
    text = (ws / "actuals_2024.yaml").read_text(encoding="utf-8")
    assert '    status: "in-progress"\n    date: "2024-06-30"\n' in text
    assert '    period: "Đột xuất"\n' in text
    task = {t["id"]: t for t in status(cli, ws, "2024-06-30")["tasks"]}["20"]
    assert {o["key"]: o["state"] for o in task["occurrences"]}["Q3"] == "in-progress"


def test_value_indicator_and_cumulative_periods(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    out = ok(cli, ws, "indicator", "10", "--period", "6t", "--value", "91.50")
    assert "Đã ghi số liệu chỉ tiêu 10, kỳ 6 tháng đầu năm: 91,50 %." in out
    ok(cli, ws, "indicator", "1", "--period", "9 tháng", "--num", "3", "--den", "4")
    text = (ws / "actuals_2024.yaml").read_text(encoding="utf-8")
    assert '  - indicator: "10"\n    period: "H1"\n    value: 91.5\n' in text
    assert '    period: "M9"\n' in text
    assert cli("check", "--data", str(ws)).code == 0


def test_crlf_file_stays_crlf_and_bom_stays(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    path = ws / "actuals_2024.yaml"
    original = b"\xef\xbb\xbf# ghi tay\r\nyear: 2024\r\ntasks:\r\n" + (
        b'  - task: "3"\r\n    date: "2024-02-01"\r\n'
    )
    path.write_bytes(original)
    ok(cli, ws, "task", "3", "--date", "2024-05-01")
    ok(cli, ws, "indicator", "3", "--period", "q2", "--num", "1", "--den", "2")
    data = path.read_bytes()
    assert data.startswith(original)
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert data.count(b"\xef\xbb\xbf") == 1
    assert data.endswith(
        b'\r\n    numerator: 1\r\n    denominator: 2\r\n    recorded: "2024-06-30"\r\n'
    )


def test_no_final_newline_and_a_missing_key(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    path = ws / "actuals_2024.yaml"
    path.write_bytes(b'year: 2024\ntasks:\n  - task: "3"\n    date: "2024-02-01"')
    ok(cli, ws, "indicator", "3", "--period", "q1", "--num", "1", "--den", "2")
    assert path.read_bytes() == (
        b'year: 2024\ntasks:\n  - task: "3"\n    date: "2024-02-01"\n'
        b'indicators:\n  - indicator: "3"\n    period: "Q1"\n    numerator: 1\n    denominator: 2\n'
        b'    recorded: "2024-06-30"\n'
    )


def test_dry_run_prints_the_diff_and_writes_nothing(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    ok(cli, ws, "task", "3", "--date", "2024-02-01")
    before = snapshot(ws)
    r = rec(cli, ws, "indicator", "3", "--period", "q1", "--num", "1", "--den", "2", "--dry-run")
    assert r.code == 0, r.err
    assert r.out.startswith("--- ")
    assert '+  - indicator: "3"\n' in r.out
    assert "+    numerator: 1\n" in r.out
    assert "chưa ghi gì" in r.err
    assert snapshot(ws) == before


def test_dry_run_on_a_new_file_shows_all_of_it(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    r = rec(cli, ws, "task", "3", "--dry-run")
    assert r.code == 0, r.err
    assert r.out.startswith("--- /dev/null\n")
    assert "+year: 2024\n" in r.out
    assert not (ws / "actuals_2024.yaml").exists()


def test_help_lists_both_commands(cli) -> None:  # type: ignore[no-untyped-def]
    r = cli("record", "--help")
    assert r.code == 0
    assert "task" in r.out
    assert "indicator" in r.out
    alone = cli("record")
    assert alone.code == 2
    assert "Thiếu lệnh: 'kstthc record task ID …' hoặc 'kstthc record indicator ID …'." in alone.err


# ---------------------------------------------------------------- refusals


EXISTING = """
    # ghi tay
    year: 2024
    tasks:
      - task: "3"
        date: "2024-02-01"
    indicators:
      - indicator: "3"
        period: "Q1"
        numerator: 40
        denominator: 80
"""

REFUSALS = [
    # (arguments, exit code, what the message says)
    (["task", "99"], 1, "Không có nhiệm vụ số '99' trong kế hoạch năm 2024. Có phải ý bạn là '9'?"),
    (["task", "20"], 1, "phải nộp nhiều lần: cần cho biết kỳ nào"),
    (["task", "20", "--period", "h1"], 1, "không có kỳ 'h1'"),
    (["task", "1", "--period", "q1"], 1, "chỉ thực hiện một lần, không theo kỳ"),
    (["task", "3", "--date", "2024-07-01"], 1, "còn ở sau ngày xét 30/06/2024"),
    (["task", "3", "--date", "2022-05-01"], 1, "nằm ngoài năm kế hoạch 2024"),
    (["task", "3", "--date", "2024-02-30"], 2, "không có thật trên lịch"),
    (["task", "3", "--date", "hôm qua"], 2, "--date không hợp lệ"),
    (["task", "20", "--period", "quý 5"], 2, "Không hiểu kỳ báo cáo 'quý 5'"),
    (["task", "3", "--status", "xong rồi"], 2, "Không hiểu tình trạng"),
    (["indicator", "33", "--period", "q1", "--num", "1", "--den", "2"], 1, "Có phải ý bạn là '3'?"),
    (
        ["indicator", "3", "--period", "q1", "--num", "90", "--den", "80"],
        1,
        "Tử số 90 lớn hơn mẫu số 80",
    ),
    # wrong command-line values: exit 2
    (["indicator", "3", "--period", "q1", "--num", "-1", "--den", "80"], 2, "Tử số không được âm"),
    (
        ["indicator", "3", "--period", "q1", "--num", "1.5", "--den", "80"],
        2,
        "Tử số phải là số nguyên",
    ),
    (["indicator", "3", "--period", "q1", "--num", "1", "--den", "-3"], 2, "Mẫu số không được âm"),
    (
        ["indicator", "3", "--period", "q1", "--num", "1.000", "--den", "2.000"],
        2,
        "Tử số phải viết liền, không có dấu chấm hay phẩy (đang là '1.000')",
    ),
    (["indicator", "3", "--period", "q1", "--num", "1", "--den", "2,000"], 2, "viết --den 2000"),
    (["indicator", "3", "--period", "q1", "--num", "0", "--den", "0"], 1, "Mẫu số bằng 0"),
    (["indicator", "3", "--period", "q1", "--num", "5"], 2, "Cần cả tử số"),
    (["indicator", "3", "--period", "q1", "--value", "50"], 2, "không nhập thẳng tỷ lệ"),
    (["indicator", "10", "--period", "q1", "--num", "1", "--den", "2"], 2, "nhập thẳng giá trị"),
    (["indicator", "10", "--period", "q1", "--value", "100.5"], 1, "nằm ngoài khoảng 0–100 %"),
    (["indicator", "10", "--period", "q1", "--value", "-1"], 1, "nằm ngoài khoảng 0–100 %"),
    (["indicator", "10", "--period", "q1", "--value", "150"], 1, "Tỷ lệ 150 nằm ngoài"),
    (["indicator", "10", "--period", "q1", "--value", "100.5"], 1, "Tỷ lệ 100,5 nằm ngoài"),
    (["indicator", "3", "--period", "q4", "--num", "1", "--den", "2"], 1, "chưa bắt đầu"),
    (["task", "20", "--period", "q4"], 1, "Kỳ Quý IV (từ 15/09/2024) chưa bắt đầu"),
    (
        ["task", "20", "--period", "q2", "--date", "2024-03-14"],
        1,
        "Ngày 14/03/2024 còn trước khi kỳ Quý II bắt đầu (15/03/2024)",
    ),
    (["indicator", "3", "--period", "q2/2023", "--num", "1", "--den", "2"], 1, "thuộc năm 2023"),
    (
        ["indicator", "3", "--period", "quý 7", "--num", "1", "--den", "2"],
        2,
        "Không hiểu kỳ báo cáo",
    ),
    (["indicator", "3", "--period", "q1", "--num", "bốn", "--den", "2"], 2, "--num phải là một số"),
    (["indicator", "3", "--num", "1", "--den", "2"], 2, "Thiếu --period"),
]


@pytest.mark.parametrize(("args", "code", "message"), REFUSALS, ids=lambda x: str(x))
def test_refusals_write_nothing(cli, ws: Path, args: list[str], code: int, message: str) -> None:  # type: ignore[no-untyped-def]
    write(ws / "actuals_2024.yaml", EXISTING)
    before = snapshot(ws)
    r = rec(cli, ws, *args)
    assert r.code == code, r.err
    assert message in r.err
    assert "Traceback" not in r.err
    assert r.out == ""
    assert snapshot(ws) == before  # nor a lock file


@pytest.mark.parametrize(("args", "code", "message"), REFUSALS[:3], ids=lambda x: str(x))
def test_refusals_without_an_actuals_file_create_nothing(
    cli, ws: Path, args: list[str], code: int, message: str
) -> None:  # type: ignore[no-untyped-def]
    before = snapshot(ws)
    r = rec(cli, ws, *args)
    assert (r.code, message in r.err) == (code, True), r.err
    assert snapshot(ws) == before


def test_an_actuals_file_with_errors_is_not_written_to(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    write(ws / "actuals_2024.yaml", EXISTING.replace('task: "3"', 'task: "33"'))
    before = snapshot(ws)
    r = rec(cli, ws, "task", "3")
    assert r.code == 1
    assert "actuals_2024.yaml:4:11: lỗi [unknown-task]" in r.err
    assert "Dữ liệu đang có lỗi nên chưa ghi gì" in r.err
    assert snapshot(ws) == before


def test_a_yaml_syntax_error_is_reported_in_the_file(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    write(ws / "actuals_2024.yaml", EXISTING + "      note: >= 80%\n")
    before = snapshot(ws)
    r = rec(cli, ws, "task", "3")
    assert r.code == 1
    assert "[yaml-syntax]" in r.err
    assert snapshot(ws) == before


def test_a_one_line_list_is_refused(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    write(ws / "actuals_2024.yaml", 'year: 2024\ntasks: [{task: "3", date: "2024-02-01"}]\n')
    before = snapshot(ws)
    r = rec(cli, ws, "task", "3")
    assert r.code == 1
    assert "Không thể tự thêm bản ghi vào tệp" in r.err
    assert "[ … ]" in r.err
    assert {k: v for k, v in snapshot(ws).items() if not k.startswith(".")} == before


def test_the_sample_data_installed_with_kstthc_is_not_written_to(
    cli, ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from kstthc_cli.load import workspace

    monkeypatch.setattr(workspace, "bundled_root", lambda: ws.parent / "_bundled")
    (ws.parent / "_bundled").mkdir()
    sample = ws.rename(ws.parent / "_bundled" / "data")
    before = snapshot(sample)
    r = rec(cli, sample, "task", "3")
    assert r.code == 1
    assert "kstthc không ghi vào dữ liệu mẫu. Chưa ghi gì." in r.err
    assert snapshot(sample) == before
    assert rec(cli, sample, "task", "3", "--dry-run").code == 0


def test_a_day_of_2024_is_recorded_for_2024_once_2025_is_planned(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    """With plan_2024 and plan_2025, the year of --as-of picks the file; --year always wins."""
    assert cli("new-year", "2025", "--data", str(ws)).code == 0
    base = ("--data", str(ws))
    figure = ("indicator", "3", "--period", "q4", "--num", "40", "--den", "80")
    r = cli("record", *figure, *base, "--as-of", "2024-12-20")
    assert r.code == 0, r.err
    assert 'period: "Q4"' in (ws / "actuals_2024.yaml").read_text(encoding="utf-8")
    assert not (ws / "actuals_2025.yaml").exists()
    r = cli("record", "task", "1", *base, "--as-of", "2025-03-20")
    assert r.code == 0, r.err
    assert 'date: "2025-03-20"' in (ws / "actuals_2025.yaml").read_text(encoding="utf-8")
    r = cli("record", "task", "2", *base, "--as-of", "2024-12-20", "--year", "2025")
    assert r.code == 0, r.err
    assert 'task: "2"' in (ws / "actuals_2025.yaml").read_text(encoding="utf-8")
    assert 'task: "2"' not in (ws / "actuals_2024.yaml").read_text(encoding="utf-8")


MILESTONES = (
    'timeframe: "Theo kế hoạch"\n        milestones:\n'
    '          - {date: "2024-05-31", label: "Ban hành kế hoạch rà soát"}\n'
    '          - {date: "2024-10-31", label: "Báo cáo kết quả", id: "Đợt 2"}'
)


def with_milestones(ws: Path) -> Path:
    """Task 5 ("Theo kế hoạch") with milestone M1 (no id given) and milestone "Đợt 2"."""
    path = ws / "plan_2024.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('timeframe: "Theo kế hoạch"', MILESTONES, 1), encoding="utf-8")
    return ws


@pytest.mark.parametrize(
    ("word", "written"),
    [("m1", "M1"), ("M1", "M1"), (" m 1 ", "M1"), ("dot 2", "Đợt 2"), ("ĐỢT 2", "Đợt 2")],
)
def test_milestone_ids_ignore_case_and_diacritics(cli, ws: Path, word: str, written: str) -> None:  # type: ignore[no-untyped-def]
    with_milestones(ws)
    r = rec(cli, ws, "task", "5", "--period", word, "--date", "2024-05-20")
    assert r.code == 0, r.err
    assert f'period: "{written}"' in (ws / "actuals_2024.yaml").read_text(encoding="utf-8")
    t5 = next(t for t in status(cli, ws, "2024-06-30")["tasks"] if t["id"] == "5")
    assert {o["key"]: o["state"] for o in t5["occurrences"]}[written] == "done"


def test_unknown_word_for_a_task_with_milestones_lists_them(ws: Path) -> None:
    from kstthc_cli.compute import schedule
    from kstthc_cli.errors import UsageError
    from kstthc_cli.load.workspace import open_workspace

    plan = open_workspace(with_milestones(ws), 2024).plan
    task = {t.id: t for _, t in plan.all_tasks()}["5"]
    cal = schedule.YearCalendar(2024, plan.reporting)
    with pytest.raises(UsageError) as caught:
        schedule.check_period_word(task, cal, "m5")
    assert caught.value.message == "Không hiểu kỳ báo cáo 'm5'."
    assert "M1 (Ban hành kế hoạch rà soát); Đợt 2 (Báo cáo kết quả)" in caught.value.hint
    schedule.check_period_word(task, cal, "q2")  # a period word: the caller says it is not owed
    plain = task.model_copy(update={"milestones": []})
    with pytest.raises(UsageError) as caught:
        schedule.check_period_word(plain, cal, "m5")
    assert "Các cách viết được chấp nhận" in caught.value.hint


def test_record_task_unknown_milestone_word_lists_the_milestones(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    with_milestones(ws)
    before = snapshot(ws)
    r = rec(cli, ws, "task", "5", "--period", "m5")
    assert r.code == 2
    assert "Không hiểu kỳ báo cáo 'm5'" in r.err
    assert "M1 (Ban hành kế hoạch rà soát); Đợt 2 (Báo cáo kết quả)" in r.err
    assert snapshot(ws) == before


def test_recording_a_done_occurrence_again_replaces_it(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    """Quý II's report recorded twice is one record, not two lines in the report."""
    first = rec(
        cli, ws, "task", "20", "--period", "q2", "--date", "2024-06-10", "--evidence", "BC 1"
    )
    assert first.code == 0, first.err
    again = rec(cli, ws, "task", "20", "--period", "quý 2", "--date", "2024-06-12", "--replace")
    assert again.code == 0, again.err
    assert "Đã thay bản ghi nhiệm vụ 20, kỳ Quý II: đã xong, ngày 12/06/2024" in again.out
    assert "(bản ghi cũ: ngày 10/06/2024)" in again.out
    text = (ws / "actuals_2024.yaml").read_text(encoding="utf-8")
    assert text.count('task: "20"') == 1
    assert 'evidence: "BC 1"' in text  # the officer's words stay unless new ones are given
    # an ongoing task's activities are a log: each is kept
    for day in ("2024-05-02", "2024-05-03"):
        assert rec(cli, ws, "task", "3", "--date", day).code == 0
    text = (ws / "actuals_2024.yaml").read_text(encoding="utf-8")
    assert text.count('task: "3"') == 2


def test_warnings_about_the_new_record_are_said_when_recording(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    """What ``check`` would warn about the record just written is said at once (and written)."""
    r = cli(
        "record", "task", "3", "--date", "2024-12-20", "--data", str(ws), "--as-of", "2024-12-28"
    )
    assert r.code == 0, r.err
    assert (
        "Lưu ý: Nhiệm vụ 3 hoàn thành ngày 20/12/2024, sau hạn của báo cáo cuối cùng trong năm"
        in r.out
    )
    assert "ghi vào tệp actuals_2025.yaml" in r.out
    for period, num, den in (("q1", "40", "80"), ("q2", "95", "120")):
        r = cli(
            "record", "indicator", "3", "--period", period, "--num", num, "--den", den,
            "--data", str(ws), "--as-of", "2024-12-28",
        )  # fmt: skip
        assert r.code == 0 and "Lưu ý" not in r.out
    r = cli(
        "record", "indicator", "3", "--period", "h1", "--num", "100", "--den", "200",
        "--data", str(ws), "--as-of", "2024-12-28",
    )  # fmt: skip
    assert r.code == 0
    assert "Lưu ý: Chỉ tiêu 3 kỳ 6 tháng đầu năm ghi 100/200" in r.out
    assert "h1" in (ws / "actuals_2024.yaml").read_text(encoding="utf-8").lower()


# ---------------------------------------------------------------- the officer's comments


def test_a_comment_in_the_way_refuses_the_replacement(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    path = write(
        ws / "actuals_2024.yaml",
        """
        year: 2024
        tasks:
          - {task: "20", period: "Q1", date: "2024-03-10"}  # gõ tay
        """,
    )
    before = snapshot(ws)
    r = rec(cli, ws, "task", "20", "--period", "q1", "--date", "2024-03-14", "--replace")
    assert (r.code, r.out) == (1, "")
    assert r.err == (
        f"Lỗi: Không thể thay bản ghi mà vẫn giữ ghi chú viết tay ở dòng 3 của tệp {path}: "
        "'# gõ tay'.\n"
        "  → Không ghi gì. Chuyển ghi chú đó ra một dòng riêng phía trên dấu '-' của bản ghi "
        "(hoặc xoá nó), rồi chạy lại.\n"
    )
    assert snapshot(ws) == before


def test_deleting_a_record_says_which_comments_stay(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    path = write(
        ws / "actuals_2024.yaml",
        """
        year: 2024
        indicators:
          - indicator: "3"
            period: "Q1"
            # theo sổ tiếp nhận
            numerator: 30
            denominator: 80  # cả hồ sơ trực tuyến
        """,
    )
    r = rec(cli, ws, "indicator", "3", "--period", "q1", "--delete", "--no-commit")
    assert r.code == 0, r.err
    assert r.out == (
        "Đã xoá bản ghi chỉ tiêu 3, kỳ Quý I: 30/80 = 37,50 %.\n"
        f"  Tệp: {path}\n"
        "  Giữ lại ghi chú viết tay trong bản ghi đó (dòng 5, 7 của tệp cũ).\n"
    )
    assert path.read_text(encoding="utf-8") == (
        "year: 2024\nindicators:\n    # theo sổ tiếp nhận\n    # cả hồ sơ trực tuyến\n"
    )


@pytest.mark.parametrize("word", ["quý 2", "  Q2 "])
def test_a_period_word_naming_no_occurrence_is_quoted_as_typed(cli, ws: Path, word: str) -> None:  # type: ignore[no-untyped-def]
    """The command line reads ``--period`` into a typed value (cli/values.parse_task_period)
    without losing the officer's word: the refusal quotes it as typed."""
    before = snapshot(ws)
    r = rec(cli, ws, "task", "19", "--period", word)
    assert r.code == 1
    assert r.err == (
        f"Lỗi: Nhiệm vụ 19 (Định kỳ 06 tháng và cuối năm) không có kỳ '{word.strip()}'.\n"
        "  → Các kỳ của nhiệm vụ này: H1 (6 tháng đầu năm); Y (Năm).\n"
    )
    assert snapshot(ws) == before


def test_another_years_figure_is_refused_quoting_the_word_typed(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    before = snapshot(ws)
    r = rec(cli, ws, "indicator", "3", "--period", "2025q1", "--num", "1", "--den", "2")
    assert r.code == 1
    assert r.err == (
        "Lỗi: Kỳ '2025q1' thuộc năm 2025, không phải năm kế hoạch 2024.\n"
        "  → Ghi số liệu năm 2025 bằng --year 2025 (tệp actuals_2025.yaml).\n"
    )
    assert snapshot(ws) == before
