"""Hostile and broken inputs: nothing lost, nothing run, no traceback (issue 12). Each class of
failure has its tests here: the whole message, the exit code, that no file changed."""

from __future__ import annotations

import errno
import io
import os
import stat
import sys
import threading
from pathlib import Path

import pytest

from kstthc_cli.osfiles import MAX_FILE_BYTES
from kstthc_cli.write import safewrite
from tests.support import snapshot, write

EXISTING = """
    year: 2024
    tasks:
      - task: "3"
        date: "2024-02-01"
"""
MP = pytest.MonkeyPatch
RECORD = ("record", "task", "3", "--as-of", "2024-06-30")


def problems_of(out: str) -> list[str]:
    return [line for line in out.splitlines() if "lỗi [" in line]


def files(folder: Path) -> dict[str, bytes]:
    """The folder's files but the lock files (a lock file is made before a write is refused)."""
    return {k: v for k, v in snapshot(folder).items() if not k.endswith(".lock")}


# ---------------------------------------------------------------- pipes, devices, loops, size


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
@pytest.mark.parametrize("command", [("check",), ("status", "--as-of", "2024-04-20")])
def test_a_named_pipe_as_a_data_file_is_refused_without_waiting(cli, ws: Path, command) -> None:  # type: ignore[no-untyped-def]
    os.mkfifo(ws / "actuals_2024.yaml")
    before = snapshot(ws)
    r = cli(*command, "--data", str(ws))
    assert r.code == 1
    shown = f"{ws / 'actuals_2024.yaml'}: lỗi [file-not-regular]: Đây là một đường ống (named "
    assert shown + "pipe), không phải tệp dữ liệu; kstthc không đọc từ đó." in r.err
    assert "  → Dữ liệu phải là một tệp văn bản thường; thay nó bằng tệp .yaml thật." in (
        r.out + r.err
    )
    assert snapshot(ws) == before


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_record_refuses_a_named_pipe_without_waiting(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    os.mkfifo(ws / "actuals_2024.yaml")
    r = cli(*RECORD, "--data", str(ws))
    assert r.code == 1
    assert r.err == (
        f"Lỗi: {ws / 'actuals_2024.yaml'}: Đây là một đường ống (named pipe), không phải tệp dữ "
        "liệu; kstthc không đọc từ đó.\n"
        "  → Dữ liệu phải là một tệp văn bản thường; thay nó bằng tệp .yaml thật.\n"
    )
    assert stat.S_ISFIFO(os.lstat(ws / "actuals_2024.yaml").st_mode)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="a device")
def test_an_actuals_file_linked_to_a_device_is_refused_before_reading(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    (ws / "actuals_2024.yaml").symlink_to("/dev/zero")
    r = cli("check", "--data", str(ws))
    assert r.code == 1
    assert (
        f"{ws / 'actuals_2024.yaml'}: lỗi [file-not-regular]: Đây là một thiết bị, không phải "
        "tệp dữ liệu; kstthc không đọc từ đó." in r.err
    )
    r = cli(*RECORD, "--data", str(ws))
    assert r.code == 1
    assert "Đây là một thiết bị" in r.err
    assert os.readlink(ws / "actuals_2024.yaml") == "/dev/zero"


def test_a_loop_of_links_is_an_unreadable_file_not_an_absent_one(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    (ws / "actuals_2024.yaml").symlink_to("loop.yaml")
    (ws / "loop.yaml").symlink_to("actuals_2024.yaml")
    r = cli("check", "--data", str(ws))
    assert r.code == 1
    assert (
        f"{ws / 'actuals_2024.yaml'}: lỗi [file-unreadable]: Không đọc được tệp (các liên kết "
        "(symlink) trỏ vòng vào nhau)." in r.err
    )
    r = cli(*RECORD, "--data", str(ws))
    assert r.code == 1
    assert "Lỗi: " in r.err and "trỏ vòng vào nhau" in r.err
    assert "Traceback" not in r.err


def test_a_loop_of_links_on_the_plan_is_located_not_a_traceback(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    plan = ws / "plan_2024.yaml"
    plan.unlink()
    plan.symlink_to("plan_2024.yaml")
    r = cli("check", "--data", str(ws))
    assert r.code == 1
    assert "lỗi [file-unreadable]: Không đọc được tệp (các liên kết (symlink) trỏ vòng" in r.err


def test_a_file_too_large_is_one_clear_problem(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    record = '  - task: "3"\n    date: "2024-02-01"\n'
    path = ws / "actuals_2024.yaml"
    path.write_text("year: 2024\ntasks:\n" + record * (MAX_FILE_BYTES // len(record) + 1))
    before = snapshot(ws)
    r = cli("check", "--data", str(ws))
    assert r.code == 1
    assert problems_of(r.err) == [
        f"{path}: lỗi [file-too-large]: Tệp quá lớn (5,0 MB); kstthc chỉ đọc tệp dữ liệu tới "
        "5,0 MB."
    ]
    r = cli(*RECORD, "--data", str(ws))
    assert r.code == 1
    assert "Tệp quá lớn (5,0 MB)" in r.err
    assert snapshot(ws) == before


# ---------------------------------------------------------------- values no program reads


@pytest.mark.parametrize(
    ("quote", "where"), [("", ""), ("'", "'indicators[1].numerator': ")]
)  # a number, and a text of digits (read as a count): both said in Vietnamese
def test_an_integer_of_five_thousand_digits_is_located(
    cli, ws: Path, quote: str, where: str
) -> None:  # type: ignore[no-untyped-def]
    number = f"{quote}{'9' * 5000}{quote}"
    write(ws / "actuals_2024.yaml", f"year: 2024\nindicators:\n  - indicator: '1'\n"
          f"    period: Q1\n    numerator: {number}\n    denominator: 10\n")  # fmt: skip
    before = snapshot(ws)
    r = cli("check", "--data", str(ws))
    assert r.code == 1
    assert problems_of(r.err) == [
        f"{ws / 'actuals_2024.yaml'}:5:16: lỗi [number-too-long]: {where}Số có 5.000 chữ số; "
        "kstthc chỉ đọc số tới 4.300 chữ số."
    ]
    assert "Exceeds" not in r.err
    r = cli("rollup", str(ws), "--as-of", "2024-04-20")
    assert "Traceback" not in r.err and r.code == 1
    assert snapshot(ws) == before


@pytest.mark.parametrize("escape", ["\\x01", "\\e]0;pwned\\a", "\\e[2J", "\\u0085"])
def test_a_control_character_written_as_an_escape_is_refused(cli, ws: Path, escape: str) -> None:  # type: ignore[no-untyped-def]
    write(ws / "actuals_2024.yaml", f'year: 2024\ntasks:\n  - task: "3"\n'
          f'    date: "2024-02-01"\n    note: "a{escape}b"\n')  # fmt: skip
    r = cli("check", "--data", str(ws))
    assert r.code == 1
    (line,) = problems_of(r.err)
    assert line.startswith(f"{ws / 'actuals_2024.yaml'}:5:11: lỗi [bad-character]: Giá trị có ")
    assert "\x1b" not in r.err and "\x07" not in r.err


def test_record_note_with_a_control_character_is_refused_and_nothing_written(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    write(ws / "actuals_2024.yaml", EXISTING)
    before = snapshot(ws)
    r = cli(*RECORD, "--data", str(ws), "--note", "xong\x1b[2J")
    assert r.code == 2
    assert r.err == (
        "Lỗi: Giá trị của --note có ký tự điều khiển U+001B (không in được).\n"
        "  → Gõ lại nội dung bằng tay; không dán kèm ký tự lạ từ cửa sổ lệnh hay trang web.\n"
    )
    assert "\x1b" not in r.err
    assert snapshot(ws) == before


def test_a_windows_path_in_double_quotes_is_a_bad_escape(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    write(ws / "actuals_2024.yaml", 'year: 2024\ntasks:\n  - task: "3"\n'
          '    date: "2024-02-01"\n    evidence: "Lưu tại D:\\hoso\\2024"\n')  # fmt: skip
    r = cli("check", "--data", str(ws))
    assert r.code == 1
    assert (
        f"{ws / 'actuals_2024.yaml'}:5:26: lỗi [yaml-syntax]: Trong ngoặc kép, '\\h' không phải "
        "một ký tự hợp lệ: YAML đọc dấu '\\' là bắt đầu một ký tự đặc biệt (như đường dẫn "
        "Windows D:\\hoso).\n"
        '5 |     evidence: "Lưu tại D:\\hoso\\2024"\n'
        "                             ^\n"
        "  → Đặt giá trị trong ngoặc đơn '...' hoặc viết '\\\\' thay cho mỗi '\\', ví dụ: "
        "evidence: 'Lưu tại D:\\hoso\\2024'.\n"
    ) in r.err
    assert "thiếu" not in r.err


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("%FOO bar\n---\nyear: 2024\n", "Dòng bắt đầu bằng '%' bị YAML hiểu là một chỉ thị"),
        ("year: 2024\ntasks: " + "[" * 100 + "]" * 100 + "\n", "lồng vào nhau quá sâu"),
        ("year: 2024\nx: !<tag:x\n", "YAML sai cú pháp ở đây."),
    ],
)
def test_the_parser_english_never_reaches_the_officer(
    cli, ws: Path, text: str, message: str
) -> None:  # type: ignore[no-untyped-def]
    (ws / "actuals_2024.yaml").write_text(text, encoding="utf-8")
    r = cli("check", "--data", str(ws))
    assert r.code == 1
    assert message in r.err
    for english in ("while", "found", "expected", "exceeded", "directive name"):
        assert english not in r.err


# ---------------------------------------------------------------- writes that lose nothing


def test_an_editor_save_at_the_moment_of_the_swap_is_put_back(
    cli, ws: Path, monkeypatch: MP
) -> None:  # type: ignore[no-untyped-def]
    path = write(ws / "actuals_2024.yaml", EXISTING)
    edited = path.read_bytes() + "# chị Lan vừa lưu\n".encode()
    real = safewrite._exchange
    calls: list[int] = []

    def save_first(a: Path, b: Path) -> bool:
        if not calls:  # the worst moment: after every check, just before the swap
            (b.parent / "editor.tmp").write_bytes(edited)
            os.replace(b.parent / "editor.tmp", b)  # an editor's atomic save
        calls.append(1)
        return real(a, b)

    monkeypatch.setattr(safewrite, "_exchange", save_first)
    r = cli(*RECORD, "--data", str(ws))
    assert r.code == 1
    assert r.err == (
        "Lỗi: Tệp actuals_2024.yaml vừa bị thay đổi bởi người hoặc chương trình khác trong lúc "
        "ghi.\n  → Không ghi gì; bản vừa lưu vẫn nguyên. Hãy lưu tệp trong trình soạn thảo rồi "
        "chạy lại lệnh.\n"
    )
    assert path.read_bytes() == edited
    assert len(calls) == 2  # swapped back
    assert not list(ws.glob("*.tmp")) and not list(ws.glob(".*.tmp"))


def test_without_a_swap_a_later_save_is_not_claimed_written(cli, ws: Path, monkeypatch: MP) -> None:  # type: ignore[no-untyped-def]
    path = write(ws / "actuals_2024.yaml", EXISTING)
    edited = path.read_bytes() + "# chị Lan vừa lưu\n".encode()
    real = os.replace
    monkeypatch.setattr(safewrite, "_exchange", lambda a, b: False)

    def then_save(src: object, dst: object) -> None:
        real(src, dst)  # type: ignore[arg-type]
        if str(dst) == str(path):
            path.write_bytes(edited)

    monkeypatch.setattr(os, "replace", then_save)
    r = cli(*RECORD, "--data", str(ws))
    assert r.code == 1
    assert "vừa bị thay đổi" in r.err
    assert path.read_bytes() == edited


def test_a_new_file_made_meanwhile_is_never_overwritten(tmp_path: Path, monkeypatch: MP) -> None:
    target = tmp_path / "actuals_2024.yaml"
    real = os.link

    def meanwhile(src: object, dst: object) -> None:
        target.write_text("# của người khác\n")
        real(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "link", meanwhile)
    with pytest.raises(safewrite.WriteRefused, match="vừa bị thay đổi"):
        safewrite.replace_atomically(target, b"year: 2024\n", None)
    assert target.read_text() == "# của người khác\n"


def test_a_linked_actuals_file_gets_the_record_and_stays_linked(
    cli, ws: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    shared = write(tmp_path / "shared.yaml", EXISTING)
    link = ws / "actuals_2024.yaml"
    link.symlink_to(shared)
    r = cli(*RECORD, "--data", str(ws), "--note", "qua liên kết")
    assert r.code == 0, r.err
    assert link.is_symlink() and os.readlink(link) == str(shared)
    assert 'note: "qua liên kết"' in shared.read_text(encoding="utf-8")
    assert not (ws / ".actuals_2024.yaml.lock").exists()  # the lock sits by the real file
    assert (tmp_path / ".shared.yaml.lock").exists()


def test_a_read_only_actuals_file_is_refused_not_replaced(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    path = write(ws / "actuals_2024.yaml", EXISTING)
    path.chmod(0o444)
    before = files(ws)
    inode = path.stat().st_ino
    r = cli(*RECORD, "--data", str(ws))
    assert r.code == 1
    assert r.err == (
        f"Lỗi: Tệp {path} chỉ cho đọc (read-only); kstthc không ghi đè lên nó.\n"
        "  → Nếu đúng là được phép sửa, bỏ thuộc tính chỉ đọc của tệp (Properties → bỏ chọn "
        "Read-only, hoặc chmod u+w) rồi chạy lại.\n"
    )
    assert files(ws) == before and path.stat().st_ino == inode
    assert stat.S_IMODE(path.stat().st_mode) == 0o444


def test_a_read_only_report_is_refused(cli, ws: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "bao-cao.md"
    out.write_text("bản đã ký\n", encoding="utf-8")
    out.chmod(0o444)
    r = cli("report", "q1", "--data", str(ws), "--as-of", "2024-04-20", "-o", str(out))
    assert r.code == 1
    assert f"Tệp {out} chỉ cho đọc (read-only)" in r.err
    assert out.read_text(encoding="utf-8") == "bản đã ký\n"


# ------------------------------------------------------------- the system's refusals, in Vietnamese

_DISK = {
    errno.ENOSPC: ("No space left on device", "ổ đĩa đã hết chỗ trống"),
    errno.EACCES: ("Permission denied", "không có quyền truy cập"),
}
_FIGURE = ("record", "indicator", "3", "--period", "q1", "--no-commit", "--as-of", "2024-04-20")


def _refusing(monkeypatch: MP, code: int) -> None:
    """Every atomic write of kstthc fails as the system would (disk full, no permission)."""

    def refuse(path: Path, data: bytes, expected: object, **_: object) -> None:
        raise OSError(code, _DISK[code][0], str(path))

    monkeypatch.setattr(safewrite, "replace_atomically", refuse)


@pytest.mark.parametrize("code", sorted(_DISK))
@pytest.mark.parametrize("how", ["task", "delete", "indicators"])
def test_a_write_the_system_refuses_is_said_in_vietnamese(
    cli, ws: Path, monkeypatch: MP, code: int, how: str
) -> None:  # type: ignore[no-untyped-def]
    assert cli(*_FIGURE, "--num", "40", "--den", "80", "--data", str(ws)).code == 0
    path = ws / "actuals_2024.yaml"
    before = snapshot(ws)
    _refusing(monkeypatch, code)
    if how == "task":
        r = cli(*RECORD, "--no-commit", "--data", str(ws))
    elif how == "delete":
        r = cli(*_FIGURE, "--delete", "--data", str(ws))
    else:
        monkeypatch.setattr(sys, "stdin", io.StringIO("41/80\n" + "-\n" * 12))
        r = cli("record", "indicators", *_FIGURE[3:], "--data", str(ws))
    assert r.code == 1
    assert r.err.endswith(
        f"Lỗi: Không ghi được tệp {path} ({_DISK[code][1]}); tệp cũ vẫn nguyên vẹn.\n"
        "  → Kiểm tra chỗ trống trên đĩa và quyền ghi thư mục dữ liệu, rồi chạy lại.\n"
    )
    assert _DISK[code][0] not in r.err
    assert snapshot(ws) == before


@pytest.mark.parametrize("code", sorted(_DISK))
def test_a_form_the_system_refuses_to_write_is_said_in_vietnamese(
    cli, ws: Path, monkeypatch: MP, code: int, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    _refusing(monkeypatch, code)
    out = tmp_path / "mau.xlsx"
    r = cli("form", "q2", "-o", str(out), "--data", str(ws), "--as-of", "2024-04-20")
    assert r.code == 1
    assert r.err == (
        f"Lỗi: Không ghi được {out}: {_DISK[code][1]}.\n"
        "  → Nếu tệp đang mở trong Excel, đóng nó rồi chạy lại.\n"
    )
    assert not out.exists()


# ---------------------------------------------------------------- locks


def test_the_lock_file_is_writable_by_the_next_officer(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    write(ws / "actuals_2024.yaml", EXISTING)
    old = os.umask(0o022)
    try:
        assert cli(*RECORD, "--data", str(ws)).code == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE((ws / ".actuals_2024.yaml.lock").stat().st_mode) == 0o666


def test_another_users_lock_file_is_locked_read_only(ws: Path, monkeypatch: MP) -> None:
    target = write(ws / "actuals_2024.yaml", EXISTING)
    lock = safewrite.lock_path(target)
    lock.touch()
    real = os.open

    def not_ours(path: object, flags: int, *rest: int) -> int:
        if str(path) == str(lock) and flags & os.O_RDWR:
            raise PermissionError(13, "Permission denied", str(lock))
        return real(path, flags, *rest)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", not_ours)
    held = threading.Event()
    release = threading.Event()
    order: list[str] = []

    def first() -> None:
        with safewrite.locked(target):
            held.set()
            release.wait(5)
            order.append("first")

    thread = threading.Thread(target=first)
    thread.start()
    held.wait(5)
    release.set()
    with safewrite.locked(target, timeout=5):
        order.append("second")
    thread.join()
    assert order == ["first", "second"]  # a read-only handle still excludes


def test_a_lock_that_cannot_be_taken_names_the_lock_file(cli, ws: Path, monkeypatch: MP) -> None:  # type: ignore[no-untyped-def]
    write(ws / "actuals_2024.yaml", EXISTING)
    lock = ws / ".actuals_2024.yaml.lock"
    real = os.open

    def refused(path: object, flags: int, *rest: int) -> int:
        if str(path) == str(lock):
            raise PermissionError(13, "Permission denied", str(lock))
        return real(path, flags, *rest)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", refused)
    before = snapshot(ws)
    r = cli(*RECORD, "--data", str(ws))
    assert r.code == 1
    assert r.err == (
        f"Lỗi: Không lấy được khóa ghi: không mở được tệp khóa {lock} (không có quyền truy cập). "
        "Không ghi gì.\n"
        "  → Nếu không có lệnh kstthc nào đang chạy, nhờ người tạo ra tệp khóa "
        ".actuals_2024.yaml.lock (hoặc quản trị máy) xóa nó, rồi chạy lại.\n"
    )
    assert snapshot(ws) == before


# ---------------------------------------------------------------- what comes out


def _hostile_commune(ws: Path, place: str, name: str = "Chỉ tiêu") -> None:
    plan = ws / "plan_2024.yaml"
    text = plan.read_text(encoding="utf-8").replace('place: "Hương Trà"', f"place: '{place}'")
    plan.write_text(text, encoding="utf-8")


FORMULA = '=HYPERLINK("http://x.example","bấm")'


def test_text_beginning_with_a_formula_sign_is_a_text_cell_in_excel(
    cli, ws: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    import openpyxl

    _hostile_commune(ws, FORMULA)
    out = tmp_path / "tong-hop.xlsx"
    r = cli("rollup", str(ws), "--as-of", "2024-04-20", "-o", str(out))
    assert r.code == 0, r.err
    wb = openpyxl.load_workbook(out)
    cells = [c for sheet in wb.worksheets for row in sheet.iter_rows() for c in row]
    assert any(
        c.value == FORMULA or (isinstance(c.value, str) and FORMULA in c.value) for c in cells
    )
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    texts = [
        c for c in cells if isinstance(c.value, str) and c.value.startswith(("=", "+", "-", "@"))
    ]
    assert texts and all(c.data_type == "s" for c in texts)


def test_commune_text_in_the_markdown_rollup_is_literal(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    _hostile_commune(ws, "<img src=x onerror=alert(1)> [x](javascript:alert(1)) **to**")
    r = cli("rollup", str(ws), "--as-of", "2024-04-20", "--format", "md")
    assert r.code == 0, r.err
    assert " <img" not in r.out and " [x]" not in r.out and " **to**" not in r.out
    assert "| \\<img src=x onerror=alert(1)> \\[x](javascript:alert(1)) \\*\\*to\\*\\* |" in r.out


def test_escape_sequences_never_reach_the_terminal(cli, ws: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import shutil

    odd = tmp_path / "xa\x1b]0;pwned\x07\x1b[2J"
    shutil.copytree(ws, odd)
    r = cli("rollup", str(odd), "--as-of", "2024-04-20")
    assert r.code == 0, r.err
    assert "\x1b" not in r.out + r.err and "\x07" not in r.out + r.err
    assert "xa" in r.out


def test_the_sanitising_console_keeps_text_and_drops_controls(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from rich.text import Text

    from kstthc_cli.render import console

    c = console.out()
    c.print("a\x1b[2Jb\x01c\x9bd", markup=False)
    c.print(Text("x\x1b]0;t\x1b\\y", style="bold"))
    assert capsys.readouterr().out == "abc\nxy\n"  # \x9bd is a C1 escape sequence


def test_notes_are_printed_as_written(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    write(ws / "actuals_2024.yaml", 'year: 2024\ntasks:\n  - task: "3"\n    date: "2024-03-01"\n'
          '    evidence: "iPhone 15 chụp biên bản"\n    note: "eKYC đã bật"\n')  # fmt: skip
    r = cli("report", "q1", "--data", str(ws), "--as-of", "2024-04-20")
    assert r.code == 0, r.err
    assert "iPhone 15 chụp biên bản" in r.out and "eKYC đã bật" in r.out
    assert "IPhone" not in r.out and "EKYC" not in r.out


# ---------------------------------------------------------------- look-alike ids


@pytest.mark.parametrize("twin", ["２", "2\u200b", "\u20602"])
def test_a_look_alike_task_id_is_never_a_second_task(cli, ws: Path, twin: str) -> None:  # type: ignore[no-untyped-def]
    plan = ws / "plan_2024.yaml"
    text = plan.read_text(encoding="utf-8")
    assert text.count('- id: "2"\n') == 1
    plan.write_text(text.replace('- id: "3"\n', f'- id: "{twin}"\n', 1), encoding="utf-8")
    before = snapshot(ws)
    r = cli("check", "--data", str(ws))
    assert r.code == 1
    if twin == "２":  # NFKC: the same id as "2", so a duplicate
        assert "lỗi [duplicate-id]: Mã nhiệm vụ '2' bị trùng (đã dùng ở dòng 220)." in r.err
    else:
        (line,) = [x for x in problems_of(r.err) if "invisible-character" in x]
        assert "mã có ký tự ẩn U+" in line
    assert snapshot(ws) == before


# ---------------------------------------------------------------- templates


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ("{{ 'x' * 10**9 }}", "phép nhân '*' tạo ra văn bản hay danh sách quá dài"),
        ("{% set n = 9 %}{{ 10 ** (n * 1000) }}", "lũy thừa quá lớn (số mũ 9000"),
        ("{{ 'x' * 1000000000 }}", "phép nhân '*' tạo ra văn bản hay danh sách quá dài"),
        ("{{ ('x' * 100000) * 100000 }}", "phép nhân '*' tạo ra văn bản hay danh sách quá dài"),
        ("{% for i in range(99999) %}{% for j in range(99999) %}ab{% endfor %}{% endfor %}",
         "báo cáo sinh ra quá dài (quá 5.000.000 ký tự)"),
        ("{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}", "mẫu gọi lồng nhau quá sâu"),
    ],
)  # fmt: skip
def test_a_runaway_template_is_stopped_with_its_line(
    cli, ws: Path, tmp_path: Path, body: str, words: str
) -> None:  # type: ignore[no-untyped-def]
    template = tmp_path / "mau.md.j2"
    template.write_text("# Báo cáo\n" + body + "\n", encoding="utf-8")
    out = tmp_path / "bao-cao.md"
    r = cli("report", "q1", "--data", str(ws), "--as-of", "2024-04-20", "--template",
            str(template), "-o", str(out))  # fmt: skip
    assert r.code == 1
    where = "" if "quá dài (quá 5" in words else ":2"  # the whole output: no one line
    assert f"Lỗi: {template}{where}: mẫu báo cáo có lỗi: {words}" in r.err
    assert "Error" not in r.err and "Traceback" not in r.err
    assert not out.exists()


def test_a_path_of_five_thousand_characters_is_a_usage_error(cli) -> None:  # type: ignore[no-untyped-def]
    r = cli("check", "--data", "a" * 5000)
    assert r.code == 2
    assert r.err == (
        "Lỗi: Đường dẫn quá dài (tên tệp hay đường dẫn quá dài).\n"
        "  → Kiểm tra lại --data, -o và các đường dẫn đã gõ.\n"
    )


def test_a_count_of_five_thousand_digits_on_the_command_line_is_a_usage_error(
    cli, ws: Path
) -> None:  # type: ignore[no-untyped-def]
    before = snapshot(ws)
    r = cli("record", "indicator", "1", "--period", "q1", "--num", "9" * 5000, "--den", "10",
            "--data", str(ws), "--as-of", "2024-04-20")  # fmt: skip
    assert r.code == 2
    assert r.err == (
        "Lỗi: Tử số dài 5.000 ký tự; số đếm được không dài quá 4.300 chữ số.\n"
        "  → Kiểm tra lại giá trị của --num (có lẽ bị dán lặp).\n"
    )
    assert snapshot(ws) == before
