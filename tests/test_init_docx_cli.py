"""``kstthc init --from-docx`` through the CLI, on Word files built here with python-docx: the
shipped plan and the seed decision as printed give a workspace that passes ``check`` (warnings
only) and that ``status``, ``record`` and ``report`` use at once; what the file prints is asked
for no more, options override it; a cell that cannot be read is printed with its place and left
for the officer (commented out, warned by ``check``); a file that is no plan writes nothing."""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from kstthc_cli.write import vcs
from tests import vcs_support
from tests.conftest import Result
from tests.docx_build import seed_docx, shipped_docx, small_docx
from tests.support import SHIPPED, snapshot

clock, no_git = vcs_support.clock, vcs_support.no_git  # the fixtures

NAMES = ("--province", "Quảng Ngãi", "--signer", "Hồ Minh Hiếu")
AS_OF = ("--as-of", "2024-04-20")
#: What kstthc fills in a plan read from Word, and ``check`` warns about until confirmed.
FILLED = 6


class _Typed(io.StringIO):
    """What a person types at a terminal (stdin is a terminal, answers scripted)."""

    def isatty(self) -> bool:
        return True


def _head(folder: Path) -> str:
    return vcs.revisions(folder=folder / "data")[0].info.short


def _read(what: str = "năm 2024 của xã Hương Trà") -> str:
    return (
        f"Đọc từ tệp Word: 10 mục, 20 nhiệm vụ, 11 chỉ tiêu (kế hoạch {what}; Quyết định số "
        "27/QĐ-UBND ngày 06/03/2023).\n"
    )


def _done(
    folder: str,
    commit: str | None,
    *,
    year: int = 2024,
    commune: str = "xã Hương Trà",
    confirm: int = FILLED,
    unread: int = 0,
) -> str:
    lines = [
        f"Đã lập thư mục dữ liệu của {commune}, kế hoạch năm {year}:",
        f"  {folder}/data/plan_{year}.yaml",
        f"  {folder}/data/indicators_{year}.yaml",
    ]
    if commit is not None:
        lines.append(f"Đã tạo kho lịch sử (git) và lưu vào lịch sử (lần ghi {commit}).")
    lines.append(
        f"Còn {confirm} giá trị kstthc điền sẵn hay đọc chưa chắc cần xác nhận (đánh dấu "
        "to_confirm); xem từng giá trị bằng: kstthc check"
    )
    if unread:
        lines.append(
            f"Còn {unread} nhiệm vụ, chỉ tiêu chưa đọc được từ tệp Word, để dưới dạng ghi chú "
            "(CHƯA ĐỌC ĐƯỢC) cho cán bộ điền; kstthc check chỉ từng chỗ."
        )
    lines.append(f"Tiếp theo: cd {folder}, rồi kstthc check, kstthc status.")
    return "\n".join(lines) + "\n"


def _confirm(file: str, line: int, key: str, value: str, within: str = "reporting.") -> str:
    """``check``'s warning about a value of a mapping's ``to_confirm``, as printed."""
    gutter = f"{line} | "
    source = f"  {key}: {value}"
    return (
        f"{file}:{line}:{len(key) + 5}: cảnh báo [to-confirm]: '{within}{key}' do kstthc init "
        "điền sẵn, chưa được xác nhận.\n"
        f"{gutter}{source}\n" + " " * (len(gutter) + len(key) + 4) + "^\n"
        f"  → Đối chiếu với văn bản của xã, sửa nếu cần, rồi xóa '{key}' khỏi to_confirm của "
        "mục này.\n\n"
    )


def _status_json(cli: Callable[..., Result], data: Path, *as_of: str) -> dict[str, object]:
    r = cli("status", "--json", "--data", str(data), *as_of)
    assert (r.code, r.err) == (0, "")
    found: dict[str, object] = json.loads(r.out)
    return found


# ---------------------------------------------------------------- the shipped plan as Word


def test_the_shipped_plan_as_word_from_an_empty_folder(
    cli: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_git: None
) -> None:
    monkeypatch.chdir(tmp_path)
    shipped_docx(tmp_path / "ke-hoach.docx")
    r = cli("init", "xa", "--from-docx", "ke-hoach.docx", *NAMES, "--yes")
    assert (r.code, r.err) == (0, "")
    assert r.out == _read() + _done("xa", _head(tmp_path / "xa"))
    data = tmp_path / "xa" / "data"
    assert sorted(p.name for p in data.glob("*.yaml")) == [
        "indicators_2024.yaml",
        "plan_2024.yaml",
    ]

    r = cli("check", "--data", str(data), *AS_OF)
    plan = "xa/data/plan_2024.yaml"
    assert r == Result(
        0,
        "",
        _confirm(plan, 31, "authority", '"Chủ tịch Ủy ban nhân dân xã Hương Trà"', "decision.")
        + _confirm(plan, 39, "recipient", '"Văn phòng UBND tỉnh Quảng Ngãi"')
        + _confirm(plan, 40, "preparer", '"vp-tk"')
        + _confirm(plan, 42, "due_day", "17")
        + _confirm(plan, 46, "signer", '"Hồ Minh Hiếu"')
        + _confirm(plan, 49, "report_recipients", '["Như trên", "Lưu: VT"]')
        + f"0 lỗi, {FILLED} cảnh báo.\n",
    )
    # the same tasks, due dates and states as the sample plan the Word file was made from
    ours = _status_json(cli, data, *AS_OF)
    sample = _status_json(cli, SHIPPED, *AS_OF)
    assert (ours["tasks"], ours["summary"]) == (sample["tasks"], sample["summary"])

    r = cli("record", "task", "10", "--period", "q1", "--date", "16/3", "--evidence",
            "Báo cáo số 15/BC-UBND ngày 16/3/2024", "--data", str(data), *AS_OF)  # fmt: skip
    assert (r.code, r.err) == (0, "")
    assert r.out == (
        "Đã tạo tệp xa/data/actuals_2024.yaml.\n"
        "Đã ghi nhiệm vụ 10, kỳ Quý I: đã xong, ngày 16/03/2024.\n"
        "  Văn bản: Báo cáo số 15/BC-UBND ngày 16/3/2024\n"
        f"Đã lưu vào lịch sử (lần ghi {_head(tmp_path / 'xa')}); hoàn tác bằng: kstthc undo\n"
    )
    r = cli("record", "indicator", "3", "--period", "q1", "--num", "130", "--den", "200",
            "--data", str(data), *AS_OF)  # fmt: skip
    assert r.code == 0, r.err
    r = cli("report", "q1", "--data", str(data), *AS_OF, "-o", "bao-cao-q1.md")
    assert r.code == 0, r.err
    text = (tmp_path / "bao-cao-q1.md").read_text(encoding="utf-8")
    assert "Kính gửi: Văn phòng UBND tỉnh Quảng Ngãi." in text
    assert "thực hiện Quyết định số 27/QĐ-UBND ngày 06/03/2023" in text
    assert "Báo cáo số 15/BC-UBND ngày 16/3/2024" in text
    r = cli("report", "q1", "--data", str(data), *AS_OF, "--format", "docx",
            "-o", "bao-cao-q1.docx")  # fmt: skip
    assert r.code == 0, r.err
    assert (tmp_path / "bao-cao-q1.docx").stat().st_size > 0


def test_what_the_file_prints_is_not_asked_again(
    cli: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The seed decision as printed (page-split rows, repeated headers, merged cells): its
    commune, year, decision number and date are read; the province, signer and capacity are
    what is asked."""
    monkeypatch.chdir(tmp_path)
    seed_docx(tmp_path / "qd27.docx", one_table=True)
    monkeypatch.setattr(sys, "stdin", _Typed("Quảng Ngãi\nHồ Minh Hiếu\n\n"))
    r = cli("init", "xa", "--from-docx", "qd27.docx", "--no-commit")
    assert (r.code, r.err) == (0, "")
    assert r.out == (
        "Tỉnh (ví dụ: Quảng Ngãi): Người ký (họ tên): Chức vụ người ký [Chủ tịch]: "
        + _read()
        + _done("xa", None)
    )
    assert not (tmp_path / "xa" / ".git").exists()
    plan = (tmp_path / "xa" / "data" / "plan_2024.yaml").read_text(encoding="utf-8")
    assert '  number: "27/QĐ-UBND"\n  date: "2023-03-06"\n' in plan
    r = cli("check", "--data", "xa/data", *AS_OF)
    assert r.code == 0 and r.err.endswith(f"\n0 lỗi, {FILLED} cảnh báo.\n")
    ours = _status_json(cli, tmp_path / "xa" / "data", *AS_OF)
    sample = _status_json(cli, SHIPPED, *AS_OF)
    assert ours["tasks"] == sample["tasks"]


def test_options_override_the_commune_and_year_the_file_prints(
    cli: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A neighbour's plan as a start: the year words move, the commune's name is replaced, the
    printed title is rebuilt and marked to confirm."""
    monkeypatch.chdir(tmp_path)
    shipped_docx(tmp_path / "ke-hoach.docx")
    r = cli("init", "xa", "--from-docx", "ke-hoach.docx", "--commune", "Tân Phú", "--year",
            "2026", "--decision-number", "12/QĐ-UBND", "--decision-date", "05/01/2026",
            *NAMES, "--no-commit", "--yes")  # fmt: skip
    assert (r.code, r.err) == (0, "")
    assert r.out == (
        _read() + 'Kế hoạch lập cho năm 2026: chữ "năm 2024" trong các mục, nhiệm vụ, chỉ tiêu đã '
        'chuyển thành "năm 2026" (năm 2023 thành 2025).\n'
        "Tên xã Hương Trà trong tệp Word đã thay bằng xã Tân Phú.\n"
        + _done("xa", None, year=2026, commune="xã Tân Phú", confirm=FILLED + 1)
    )
    data = tmp_path / "xa" / "data"
    plan = (data / "plan_2026.yaml").read_text(encoding="utf-8")
    assert (
        'to_confirm: ["title"]  # tệp Word không in tên kế hoạch\n'
        'title: "Kế hoạch hoạt động kiểm soát thủ tục hành chính năm 2026 trên địa bàn xã Tân '
        'Phú"\n'
    ) in plan
    assert '  number: "12/QĐ-UBND"\n  date: "2026-01-05"\n' in plan
    assert "Hương Trà" not in plan and "năm 2024" not in plan
    assert 'content: "Xây dựng, ban hành các văn bản về kiểm soát TTHC năm 2026."' in plan
    as_of = ("--as-of", "2026-04-20")
    r = cli("check", "--data", str(data), *as_of)
    assert r.code == 0 and r.err.endswith(f"\n0 lỗi, {FILLED + 1} cảnh báo.\n")
    status = _status_json(cli, data, *as_of)
    assert status["year"] == 2026
    r = cli("record", "task", "1", "--date", "10/3", "--evidence", "Quyết định số 15/QĐ-UBND",
            "--data", str(data), *as_of)  # fmt: skip
    assert r.out == (
        "Đã tạo tệp xa/data/actuals_2026.yaml.\n"
        "Đã ghi nhiệm vụ 1: đã xong, ngày 10/03/2026.\n"
        "  Văn bản: Quyết định số 15/QĐ-UBND\n"
    )
    r = cli("report", "q1", "--data", str(data), *as_of, "-o", "bao-cao-q1.md")
    assert r.code == 0, r.err
    text = (tmp_path / "bao-cao-q1.md").read_text(encoding="utf-8")
    assert "thực hiện Quyết định số 12/QĐ-UBND ngày 05/01/2026" in text


# ---------------------------------------------------------------- what cannot be read

UNREADABLE = [
    [["I"], ["Công bố, công khai TTHC"]],
    [["1"], ["Công khai TTHC."], ["- Niêm yết."], ["Bộ phận Một cửa xã"], ["Quý I"]],
    [["2"], ["Niêm yết TTHC."], [], ["Bộ phận Một cửa xã"], []],
    [["3"], ["Kiểm tra việc niêm yết."], [], ["Công an xã phối hợp"], ["Quý II"]],
]


def test_an_unreadable_cell_is_printed_and_its_task_left_for_the_officer(
    cli: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    small_docx(tmp_path / "k.docx", UNREADABLE)
    r = cli("init", "xa", "--from-docx", "k.docx", "--commune", "Tân Phú", "--year", "2026",
            *NAMES, "--no-commit", "--yes")  # fmt: skip
    assert r.code == 0
    assert r.err == (
        "k.docx: cảnh báo [docx-no-indicator-table]: Không tìm thấy bảng chỉ tiêu của Phụ lục "
        "(có các cột Stt, Nội dung chỉ tiêu, Chỉ tiêu năm …).\n"
        "  → Các chỉ tiêu để trống; ghi chúng vào indicators_NĂM.yaml theo Phụ lục.\n"
        "\n"
        "k.docx: lỗi [docx-unread-cell]: Bảng 1, dòng 4, cột 5: Nhiệm vụ 2: không đọc được ô "
        "Thời gian thực hiện (ô trống).\n"
        "  → Nhiệm vụ được để lại dưới dạng ghi chú (#) trong plan_NĂM.yaml: điền ô này theo "
        "bản in rồi bỏ dấu #.\n"
        "\n"
        "k.docx: cảnh báo [unit-to-confirm]: Bảng 1, dòng 5, cột 4: Đơn vị 'Công an xã' không "
        "có trong danh sách đơn vị đã biết; đã thêm đơn vị mới mã 'cong-an-xa'.\n"
        "  → Xác nhận tên và mã đơn vị trong units của plan_NĂM.yaml (hoặc đổi thành một đơn "
        "vị đã có).\n"
        "\n"
        "k.docx: cảnh báo [unit-to-confirm]: Bảng 1, dòng 5, cột 4: Nhiệm vụ 3: không thấy đơn "
        "vị chủ trì; đã ghi đơn vị phối hợp là đơn vị chủ trì.\n"
        "  → Xác nhận lead (chủ trì) và support (phối hợp) của nhiệm vụ trong plan_NĂM.yaml.\n"
        "\n"
        "Đọc tệp Word: 1 lỗi, 3 cảnh báo.\n"
    )
    # the title, the empty appendix, the new unit's name and task 3's lead are to confirm
    assert r.out == (
        "Đọc từ tệp Word: 1 mục, 2 nhiệm vụ, 0 chỉ tiêu.\n"
        + _done("xa", None, year=2026, commune="xã Tân Phú", confirm=FILLED + 4, unread=1)
    )
    plan = (tmp_path / "xa" / "data" / "plan_2026.yaml").read_text(encoding="utf-8")
    assert plan.endswith(
        '        timeframe: "Quý I"\n'
        "      # CHƯA ĐỌC ĐƯỢC (nhiệm vụ 2, Bảng 1, dòng 4 của tệp Word): điền ô còn trống theo "
        "bản in, bỏ dấu #.\n"
        '      # - id: "2"\n'
        '      #   content: "Niêm yết TTHC."\n'
        '      #   responsibility: "Bộ phận Một cửa xã"\n'
        '      #   lead: ["mot-cua"]\n'
        '      #   timeframe: ""\n'
        '      - id: "3"\n'
        '        content: "Kiểm tra việc niêm yết."\n'
        '        responsibility: "Công an xã phối hợp"\n'
        '        to_confirm: ["lead"]  # bảng không ghi đơn vị chủ trì: đã ghi đơn vị phối hợp\n'
        '        lead: ["cong-an-xa"]\n'
        '        timeframe: "Quý II"\n'
    )
    as_of = ("--as-of", "2026-04-20")
    r = cli("check", "--data", "xa/data", *as_of)
    assert (r.code, r.out) == (0, "")
    assert r.err.endswith(f"\n0 lỗi, {FILLED + 6} cảnh báo.\n")  # and the decision's number
    assert (
        "xa/data/plan_2026.yaml:70:7: cảnh báo [unread-left]: Phần ghi chú dưới dòng CHƯA ĐỌC "
        "ĐƯỢC này kstthc init chưa đọc được từ tệp Word, nên chưa có trong dữ liệu.\n"
        "70 |       # CHƯA ĐỌC ĐƯỢC (nhiệm vụ 2, Bảng 1, dòng 4 của tệp Word): điền ô còn trống "
        "theo bản in, bỏ dấu #.\n"
        "           ^\n"
        "  → Điền ô còn trống theo bản in, bỏ dấu # ở các dòng của nó, rồi xóa dòng CHƯA ĐỌC "
        "ĐƯỢC này.\n"
    ) in r.err
    assert (
        "xa/data/plan_2026.yaml:80:15: cảnh báo [to-confirm]: 'lead' của nhiệm vụ 3 do kstthc "
        "init điền sẵn, chưa được xác nhận.\n"
    ) in r.err
    # the officer fills the cell in, takes the '#' away and the line above: no more warning
    path = tmp_path / "xa" / "data" / "plan_2026.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    done = [
        x.replace("      # ", "      ", 1).replace('timeframe: ""', 'timeframe: "Quý I"')
        for x in lines
        if "CHƯA ĐỌC ĐƯỢC (" not in x
    ]
    path.write_text("".join(done), encoding="utf-8")
    found = json.loads(cli("check", "--json", "--data", "xa/data", *as_of).out)["problems"]
    assert "unread-left" not in [p["code"] for p in found]
    assert [t["id"] for t in _status_json(cli, path.parent, *as_of)["tasks"]] == ["1", "2", "3"]  # type: ignore[union-attr]
    r = cli("record", "task", "2", "--date", "20/3", "--data", "xa/data", *as_of)
    assert r.code == 0, r.err


@pytest.mark.parametrize(
    ("content", "why", "said"),
    [
        (b"{\\rtf1 not a docx}", "không đọc được bảng kế hoạch",
         "k.docx: lỗi [docx-unreadable]: Không mở được tệp này như một tệp Word (.docx).\n"
         "  → Mở tệp bằng Word và lưu lại dưới dạng .docx (tệp .doc cũ, .pdf hay ảnh quét "
         "không đọc được).\n"),
        (None, "không đọc được bảng kế hoạch",
         "k.docx: lỗi [file-missing]: Không có tệp Word này.\n"
         "  → Kiểm tra tên và đường dẫn tệp KẾ_HOẠCH.docx.\n"),
    ],
)  # fmt: skip
def test_a_file_that_is_no_word_plan_writes_nothing(
    cli: Callable[..., Result],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    content: bytes | None,
    why: str,
    said: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    if content is not None:
        (tmp_path / "k.docx").write_bytes(content)
    before = snapshot(tmp_path)
    r = cli("init", "xa", "--from-docx", "k.docx", *NAMES, "--yes")
    assert r == Result(
        1,
        "",
        said + "\n"
        "Đọc tệp Word: 1 lỗi, 0 cảnh báo.\n"
        f"Lỗi: Không lập được kế hoạch từ tệp 'k.docx': {why}. Chưa ghi gì.\n"
        "  → Xem các lỗi ở trên: kiểm tra đúng tệp Kế hoạch kèm Quyết định (.docx), bảng kế "
        "hoạch là bảng của Word; hoặc bỏ --from-docx để lập từ kế hoạch mẫu rồi sửa theo bản "
        "in.\n",
    )
    assert snapshot(tmp_path) == before
    assert not (tmp_path / "xa").exists()


def test_a_table_without_a_whole_task_writes_nothing(
    cli: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    small_docx(tmp_path / "k.docx", [[["I"], ["Công bố"]], [["1"], ["Công khai."], [], [], []]])
    r = cli("init", "xa", "--from-docx", "k.docx", "--commune", "Tân Phú", "--year", "2026",
            *NAMES, "--yes")  # fmt: skip
    assert r.code == 1
    assert r.err.endswith(
        "Đọc tệp Word: 2 lỗi, 1 cảnh báo.\n"
        "Lỗi: Không lập được kế hoạch từ tệp 'k.docx': không đọc được trọn vẹn nhiệm vụ nào. "
        "Chưa ghi gì.\n"
        "  → Xem các lỗi ở trên: kiểm tra đúng tệp Kế hoạch kèm Quyết định (.docx), bảng kế "
        "hoạch là bảng của Word; hoặc bỏ --from-docx để lập từ kế hoạch mẫu rồi sửa theo bản "
        "in.\n"
    )
    assert not (tmp_path / "xa").exists()


def test_what_neither_the_file_nor_the_options_give_exits_2_without_a_terminal(
    cli: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Word file has no heading (no commune, no year): those options are still needed."""
    monkeypatch.chdir(tmp_path)
    small_docx(tmp_path / "k.docx", UNREADABLE[:2])
    r = cli("init", "xa", "--from-docx", "k.docx", "--province", "Quảng Ngãi")
    assert r.code == 2
    assert r.err.endswith(
        "Lỗi: Thiếu --commune, --year, --signer (không hỏi được vì đầu vào không phải cửa sổ "
        "lệnh).\n"
        '  → Ví dụ: kstthc init xa-moi --commune "Tân Phú" --province "Quảng Ngãi" --year 2026 '
        '--signer "Nguyễn Văn A"\n'
    )
    assert not (tmp_path / "xa").exists()


def test_a_folder_with_a_plan_is_refused(
    cli: Callable[..., Result], ws: Path, tmp_path: Path
) -> None:
    shipped_docx(tmp_path / "k.docx")
    before = snapshot(ws.parent)
    r = cli("init", str(ws.parent), "--from-docx", str(tmp_path / "k.docx"), *NAMES, "--yes")
    assert r == Result(
        1,
        "",
        f"Lỗi: Thư mục '{ws.parent}' đã có kế hoạch ({ws}/plan_2024.yaml); kstthc init không "
        "ghi đè. Chưa ghi gì.\n"
        "  → Dùng thư mục khác (kstthc init THƯ_MỤC_MỚI); kế hoạch năm sau thì lập bằng kstthc "
        "new-year NĂM. Thư mục đó chưa có lịch sử: bắt đầu lịch sử bằng kstthc commit.\n",
    )
    assert snapshot(ws.parent) == before


def test_a_timeframe_kstthc_does_not_understand_leaves_its_task_for_the_officer(
    cli: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``check`` would refuse the plan for it (``bad-timeframe``): the task is left commented
    out instead, with where it was and the nearest wording kstthc understands."""
    monkeypatch.chdir(tmp_path)
    small_docx(
        tmp_path / "k.docx",
        [*UNREADABLE[:2], [["2"], ["Niêm yết."], [], ["Bộ phận Một cửa xã"], ["Khi trời mưa"]]],
    )
    r = cli("init", "xa", "--from-docx", "k.docx", "--commune", "Tân Phú", "--year", "2026",
            *NAMES, "--no-commit", "--yes")  # fmt: skip
    assert r.code == 0
    assert r.err.endswith(
        "Đọc tệp Word: 0 lỗi, 1 cảnh báo.\n"
        "k.docx: lỗi [docx-unread-cell]: Bảng 1, dòng 4, cột 5: Nhiệm vụ 2: kstthc chưa hiểu "
        "thời gian thực hiện 'Khi trời mưa'.\n"
        "  → Nhiệm vụ được để lại dưới dạng ghi chú (#) trong plan_NĂM.yaml. Cách viết gần "
        "nhất kstthc hiểu: 'Khi phát sinh'. Giữ nguyên lời văn và thêm schedule: [\"Khi phát "
        'sinh"] với cách viết đúng ý (xem README).\n'
        "\n"
    )
    assert r.out.endswith(
        "Còn 1 nhiệm vụ, chỉ tiêu chưa đọc được từ tệp Word, để dưới dạng ghi chú (CHƯA ĐỌC "
        "ĐƯỢC) cho cán bộ điền; kstthc check chỉ từng chỗ.\n"
        "Tiếp theo: cd xa, rồi kstthc check, kstthc status.\n"
    )
    plan = (tmp_path / "xa" / "data" / "plan_2026.yaml").read_text(encoding="utf-8")
    assert plan.endswith(
        "      # CHƯA ĐỌC ĐƯỢC (nhiệm vụ 2, Bảng 1, dòng 4 của tệp Word): kstthc chưa hiểu thời "
        "gian thực hiện: viết lại hoặc thêm schedule (xem README), rồi bỏ dấu #.\n"
        '      # - id: "2"\n'
        '      #   content: "Niêm yết."\n'
        '      #   responsibility: "Bộ phận Một cửa xã"\n'
        '      #   lead: ["mot-cua"]\n'
        '      #   timeframe: "Khi trời mưa"\n'
    )
    r = cli("check", "--data", "xa/data", "--as-of", "2026-04-20")
    assert r.code == 0 and "[unread-left]" in r.err
