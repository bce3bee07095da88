"""The acceptance tester's findings on the daily commands and hostile input (issues 12 and 14),
each as a class: the whole message, the exit code, that no file changed."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Result
from tests.support import snapshot

# ---------------------------------------------------------------- F24: years no plan can have


@pytest.mark.parametrize("year", ["20250", "0", "2101", "99999999999999999999999"])
def test_new_year_with_an_impossible_year_is_a_usage_error(
    cli: Callable[..., Result], ws: Path, year: str
) -> None:
    before = snapshot(ws.parent)
    for extra in ((), ("--dry-run",)):
        r = cli("new-year", year, "--data", str(ws), *extra)
        assert (r.code, r.out) == (2, "")
        assert r.err == f"Lỗi: Năm {year} không hợp lệ.\n  → Ghi năm bốn chữ số, ví dụ: 2025.\n"
    assert snapshot(ws.parent) == before


@pytest.mark.parametrize(
    "command",
    [
        ("status",),
        ("tasks",),
        ("calendar",),
        ("report", "q2"),
        ("record", "task", "1"),
        ("new-year", "2025"),
    ],
)
def test_year_option_with_an_impossible_year_suggests_nothing_impossible(
    cli: Callable[..., Result], ws: Path, command: tuple[str, ...]
) -> None:
    """``status --year 20250`` used to suggest ``kstthc new-year 20250``, which cannot work."""
    if command[0] == "new-year":
        r = cli("status", "--year", "20250", "--data", str(ws), "--as-of", "2024-04-20")
    else:
        before = snapshot(ws.parent)
        r = cli(*command, "--year", "20250", "--data", str(ws), "--as-of", "2024-04-20")
        assert snapshot(ws.parent) == before
    assert (r.code, r.out) == (2, "")
    assert r.err == "Lỗi: Năm 20250 không hợp lệ.\n  → Ghi năm bốn chữ số, ví dụ: 2025.\n"


@pytest.mark.parametrize("year", ["20250", "0"])
def test_rollup_with_an_impossible_year_is_a_usage_error(
    cli: Callable[..., Result], ws: Path, year: str
) -> None:
    r = cli("rollup", str(ws), "--year", year, "--as-of", "2024-04-20")
    assert (r.code, r.out) == (2, "")
    assert r.err == f"Lỗi: Năm {year} không hợp lệ.\n  → Ghi năm bốn chữ số, ví dụ: 2025.\n"


def test_a_year_that_can_be_planned_is_still_suggested(
    cli: Callable[..., Result], ws: Path
) -> None:
    r = cli("status", "--year", "2030", "--data", str(ws), "--as-of", "2024-04-20")
    assert r.code == 2
    assert r.err == (
        f"Lỗi: Thư mục '{ws}' không có kế hoạch năm 2030 (plan_2030.yaml).\n"
        "  → Các năm có kế hoạch: 2024. Lập kế hoạch năm mới bằng: kstthc new-year 2030.\n"
    )


# ---------------------------------------------------------------- F2: the sample is never written

SAMPLE_REFUSED = (
    "Lỗi: Thư mục '{folder}' là kế hoạch mẫu của xã Hương Trà (dữ liệu đi kèm kstthc); kstthc "
    "không ghi vào dữ liệu mẫu. Chưa ghi gì.\n"
    "  → Lập kế hoạch của xã mình bằng: kstthc init, rồi chạy lệnh trong thư mục đó; hoặc dùng "
    "--data THƯ_MỤC (hay biến môi trường KSTTHC_DATA) chỉ tới thư mục dữ liệu của xã.\n"
)

#: Every command that writes into the data folder, as the officer types it.
WRITES = [
    ("record", "task", "1", "--date", "14/3"),
    ("record", "task", "20", "--period", "q1", "--status", "in-progress", "--note", "x"),
    ("record", "indicator", "3", "--period", "q1", "--num", "4", "--den", "8"),
    ("record", "indicator", "3", "--period", "q1", "--delete"),
    ("record", "indicators", "--period", "q1"),
    ("new-year", "2025"),
    ("import", "so-lieu.xlsx"),
    ("undo", "--yes"),
]


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A kstthc source checkout (``pip install -e .``, PYTHONPATH): its ``data/`` is the sample,
    its repository the project's; one commit."""
    import shutil

    from kstthc_cli.write import vcs
    from tests.support import SHIPPED

    root = tmp_path / "kstthc"
    (root / "kstthc_cli").mkdir(parents=True)
    (root / "kstthc_cli" / "api.py").write_text("", encoding="utf-8")
    (root / "pyproject.toml").write_text("[project]\nname = 'kstthc'\n", encoding="utf-8")
    shutil.copytree(SHIPPED, root / "data", ignore=shutil.ignore_patterns(".*", "actuals_*"))
    vcs.init_repository(folder=root)
    return root


def _head(folder: Path) -> bytes:
    return (folder / ".git" / "refs" / "heads" / "main").read_bytes()


@pytest.mark.parametrize("command", WRITES, ids=lambda c: " ".join(c[:3]))
def test_a_write_into_a_checkouts_sample_is_refused(
    cli: Callable[..., Result], checkout: Path, command: tuple[str, ...]
) -> None:
    """However the sample was reached (--data, KSTTHC_DATA), nothing is written or committed."""
    import os

    sample = checkout / "data"
    book = checkout.parent / "so-lieu.xlsx"
    book.write_bytes(b"PK")  # refused before the workbook is even read
    command = tuple(str(book) if c == "so-lieu.xlsx" else c for c in command)
    before, head = snapshot(checkout), _head(checkout)
    r = cli(*command, "--data", str(sample), "--as-of", "2024-04-20")
    assert (r.code, r.out) == (1, "")
    assert r.err == SAMPLE_REFUSED.format(folder=sample)
    os.environ["KSTTHC_DATA"] = str(sample)
    try:
        r = cli(*command, "--as-of", "2024-04-20")
    finally:
        del os.environ["KSTTHC_DATA"]
    assert (r.code, r.err) == (1, SAMPLE_REFUSED.format(folder=sample))
    assert snapshot(checkout) == before
    assert _head(checkout) == head


def test_the_fallback_sample_is_refused_from_a_folder_without_data(
    cli: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """F2 as found: from a folder without data/, ``record`` wrote into the checkout running the
    tests and committed to its branch. Now the sample says so and is left alone."""
    from kstthc_cli.cli.commands.common import SAMPLE_NOTICE
    from kstthc_cli.load.workspace import bundled_root
    from tests.support import SHIPPED

    monkeypatch.chdir(tmp_path)
    before = snapshot(SHIPPED)
    r = cli("record", "task", "1", "--date", "15/3", "--as-of", "2024-04-20")
    sample = bundled_root() / "data"
    assert (r.code, r.out) == (1, "")
    assert r.err == SAMPLE_NOTICE + "\n" + SAMPLE_REFUSED.format(folder=sample)
    assert snapshot(SHIPPED) == before
    r = cli("record", "task", "1", "--date", "15/3", "--as-of", "2024-04-20", "--dry-run")
    assert r.code == 0, r.err  # trying it out writes nothing: allowed
    assert snapshot(SHIPPED) == before


def test_a_folder_inside_a_checkout_is_written_but_never_committed_there(
    cli: Callable[..., Result], checkout: Path
) -> None:
    """A commune folder made inside the source checkout (not its sample) is the officer's: the
    record is written, but the project's repository gets no commit; ``init`` there makes the
    folder a repository of its own."""
    import shutil

    mine = checkout / "xa" / "data"
    shutil.copytree(checkout / "data", mine)
    head = _head(checkout)
    r = cli("record", "task", "1", "--date", "14/3", "--data", str(mine), "--as-of", "2024-04-20")
    assert r.code == 0, r.err
    assert (
        r.out
        == f"Đã tạo tệp {mine}/actuals_2024.yaml.\nĐã ghi nhiệm vụ 1: đã xong, ngày 14/03/2024.\n"
    )
    assert (mine / "actuals_2024.yaml").exists()
    assert _head(checkout) == head
    r = cli(
        "init", str(checkout / "xb"), "--commune", "Tân Phú", "--province", "Quảng Ngãi",
        "--year", "2026", "--signer", "A", "--yes",
    )  # fmt: skip
    assert r.code == 0, r.err
    assert (checkout / "xb" / ".git").is_dir()
    assert _head(checkout) == head


# ---------------------------------------------------------------- F6: too large → refused first


def _near_the_limit(ws: Path, room: int = 600) -> Path:
    """An actuals file ``room`` bytes short of the 5 MB read limit (it reads, check says 0)."""
    from kstthc_cli.osfiles import MAX_FILE_BYTES

    head = 'year: 2024\ntasks:\n  - task: "3"\n    status: "done"\n    date: "2024-03-14"\n'
    head += '    note: "'
    tail = '"\nindicators:\n'
    path = ws / "actuals_2024.yaml"
    path.write_text(head + "x" * (MAX_FILE_BYTES - room - len(head) - len(tail)) + tail)
    return path


def _too_large(shown: str, size: int) -> str:
    grouped = f"{size:,}".replace(",", ".")
    return (
        f"Lỗi: Không ghi: sau lần ghi này tệp {shown} sẽ lớn {grouped} byte, quá giới hạn 5,0 MB "
        "(5.242.880 byte) mà kstthc đọc được. Chưa ghi gì; tệp cũ vẫn nguyên vẹn.\n"
        "  → Một năm dữ liệu của một xã chỉ vài trăm KB: xem trong tệp có phần nào bị dán lặp "
        "hay ghi chú quá dài, sửa lại rồi chạy lại lệnh.\n"
    )


@pytest.mark.parametrize(
    "command",
    [
        ("task", "3", "--date", "16/3", "--replace", "--note", "ghi chú " * 80),
        ("task", "20", "--period", "q1", "--note", "ghi chú " * 80),
        ("indicator", "3", "--period", "q1", "--num", "4", "--den", "8", "--note", "x" * 700),
    ],
    ids=["replace", "add", "indicator"],
)
def test_a_record_that_would_pass_the_read_limit_is_refused_before_writing(
    cli: Callable[..., Result], ws: Path, command: tuple[str, ...]
) -> None:
    """F6: the record was appended, then the re-read said "Tệp quá lớn" and every later command
    failed. Now the candidate's size is checked first: no byte written, no lock file made."""
    path = _near_the_limit(ws)
    assert cli("check", "--data", str(ws), "--as-of", "2024-07-20").code == 0
    before = snapshot(ws)
    r = cli("record", *command, "--data", str(ws), "--as-of", "2024-07-20")
    assert (r.code, r.out) == (1, "")
    size = int(r.err.split("sẽ lớn ")[1].split(" byte")[0].replace(".", ""))
    assert size > 5 * 1024 * 1024
    assert r.err == _too_large(str(path), size)
    assert snapshot(ws) == before  # the lock file and .gitignore included
    assert cli("status", "--data", str(ws), "--as-of", "2024-07-20").code == 0


def test_every_data_file_write_checks_the_size_first(tmp_path: Path) -> None:
    """The class: ``replace_atomically`` (record, import, undo, init, .gitignore) and
    ``write_temp`` (new-year) refuse a data file kstthc could not read back; a report or
    workbook (``limit=None``) is not a data file."""
    from kstthc_cli.errors import WriteRefused
    from kstthc_cli.osfiles import MAX_FILE_BYTES
    from kstthc_cli.write import safewrite

    path = tmp_path / "actuals_2024.yaml"
    path.write_bytes(b"year: 2024\n")
    big = b"#" * (MAX_FILE_BYTES + 1)
    for write in (
        lambda: safewrite.replace_atomically(path, big, safewrite.fingerprint(b"year: 2024\n")),
        lambda: safewrite.write_temp(path, big),
        lambda: safewrite.create_new(tmp_path / "plan_2025.yaml", big),
    ):
        with pytest.raises(WriteRefused, match="quá giới hạn 5,0 MB"):
            write()
        assert sorted(p.name for p in tmp_path.iterdir()) == ["actuals_2024.yaml"]
        assert path.read_bytes() == b"year: 2024\n"
    report = tmp_path / "bao-cao.docx"  # written, then written over: never "Tệp quá lớn"
    safewrite.replace_atomically(report, big, None, limit=None)
    old = safewrite.fingerprint(safewrite.read_bytes(report, safewrite.OUTPUT_BYTES))
    safewrite.replace_atomically(report, big + b"#", old, limit=None)
    assert report.stat().st_size == MAX_FILE_BYTES + 2


def test_a_report_larger_than_a_data_file_is_written_and_written_over(
    cli: Callable[..., Result], ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Word report with pictures may pass 5 MB: it was written, then said "Tệp quá lớn"."""
    from kstthc_cli.render import report_docx

    real = report_docx.docx_bytes
    monkeypatch.setattr(report_docx, "docx_bytes", lambda rep: real(rep) + b"\0" * 6_000_000)
    out = ws.parent / "bao-cao.docx"
    for _ in range(2):
        r = cli(
            "report",
            "q1",
            "--format",
            "docx",
            "-o",
            str(out),
            "--data",
            str(ws),
            "--as-of",
            "2024-04-20",
        )
        assert r.code == 0, r.err
    assert out.stat().st_size > 6_000_000


# ---------------------------------------------------------------- F7: replacing keeps the rest

AS_OF = ("--as-of", "2024-07-20")


def _rec(cli: Callable[..., Result], ws: Path, *args: str) -> Result:
    return cli("record", *args, "--no-commit", "--data", str(ws), *AS_OF)


def test_adding_a_note_to_a_done_record_keeps_its_date(
    cli: Callable[..., Result], ws: Path
) -> None:
    """F7: ``--note X --replace`` moved the done date to the day judged (task 1, due 31/03, done
    14/03, became 111 days late). Now the date, the evidence and the day recorded stay."""
    path = ws / "actuals_2024.yaml"
    r = cli("record", "task", "1", "--date", "14/3", "--evidence", "QĐ 5", "--no-commit",
            "--data", str(ws), "--as-of", "2024-03-20")  # fmt: skip
    assert r.code == 0, r.err
    for note, extra in (("ghi chú", ()), ("bổ sung ghi chú", ("--replace",))):
        r = _rec(cli, ws, "task", "1", "--note", note, *extra)  # same date, evidence: not asked
        assert r == Result(
            0,
            "Đã thay bản ghi nhiệm vụ 1: đã xong, ngày 14/03/2024 (bản ghi cũ: ngày 14/03/2024).\n"
            f"  Văn bản: QĐ 5\n  Ghi chú: {note}\n"
            f"  Tệp: {path}\n",
            "",
        )
    text = path.read_text(encoding="utf-8")
    assert (
        '  - task: "1"\n    status: "done"\n    date: "2024-03-14"\n    evidence: "QĐ 5"\n'
        '    note: "bổ sung ghi chú"\n    recorded: "2024-03-20"\n'
    ) in text
    assert text.count('task: "1"') == 1
    tasks = json.loads(cli("tasks", "--json", "--data", str(ws), *AS_OF).out)["tasks"]
    (one,) = [t for t in tasks if t["id"] == "1"]
    assert [(o["done_on"], o["days_late"]) for o in one["occurrences"]] == [("2024-03-14", 0)]


def test_a_new_date_still_asks_and_says_what_it_would_become(
    cli: Callable[..., Result], ws: Path
) -> None:
    assert _rec(cli, ws, "task", "1", "--date", "14/3", "--evidence", "QĐ 5").code == 0
    before = snapshot(ws)
    r = _rec(cli, ws, "task", "1", "--date", "20/3", "--note", "x")
    assert r == Result(
        1,
        "",
        "Lỗi: Đã có bản ghi nhiệm vụ 1 (đã xong, ngày 14/03/2024, văn bản: QĐ 5); chưa thay bằng "
        "bản ghi mới (đã xong, ngày 20/03/2024, văn bản: QĐ 5).\n"
        "  → Thêm --replace để thay bản ghi cũ; điều gì không ghi trong lệnh (ngày, văn bản, ghi "
        "chú) thì giữ như bản ghi cũ.\n",
    )
    assert snapshot(ws) == before
    r = _rec(cli, ws, "task", "1", "--date", "20/3", "--replace")
    assert r.code == 0, r.err
    assert 'date: "2024-03-20"\n    evidence: "QĐ 5"\n    recorded: "2024-07-20"' in (
        ws / "actuals_2024.yaml"
    ).read_text(encoding="utf-8")


def test_a_figure_replaced_keeps_what_is_not_given(cli: Callable[..., Result], ws: Path) -> None:
    """The same class for indicators: a note alone keeps the figure (and the day recorded);
    a figure given replaces the figure whole (one count alone is refused: test_record_cli)."""
    path = ws / "actuals_2024.yaml"
    r = cli("record", "indicator", "3", "--period", "q1", "--num", "40", "--den", "80",
            "--no-commit", "--data", str(ws), "--as-of", "2024-04-10")  # fmt: skip
    assert r.code == 0, r.err
    r = _rec(cli, ws, "indicator", "3", "--period", "q1", "--note", "theo sổ tiếp nhận")
    assert r.code == 0, r.err
    assert r.out.startswith(
        "Đã thay số liệu chỉ tiêu 3, kỳ Quý I: 40/80 = 50,00 % (số cũ: 40/80 = 50,00 %).\n"
    )
    item = (
        '  - indicator: "3"\n    period: "Q1"\n    numerator: {n}\n    denominator: 80\n'
        '    note: "theo sổ tiếp nhận"\n    recorded: "{day}"\n'
    )
    assert item.format(n=40, day="2024-04-10") in path.read_text(encoding="utf-8")
    r = _rec(cli, ws, "indicator", "3", "--period", "q1", "--num", "41", "--den", "80")
    assert r.code == 0, r.err
    assert r.out.startswith(
        "Đã thay số liệu chỉ tiêu 3, kỳ Quý I: 41/80 = 51,25 % (số cũ: 40/80 = 50,00 %).\n"
    )
    assert item.format(n=41, day="2024-07-20") in path.read_text(encoding="utf-8")
    r = _rec(cli, ws, "indicator", "3", "--period", "q1", "--none")
    assert r.code == 0, r.err
    assert (
        '  - indicator: "3"\n    period: "Q1"\n    none: true\n    note: "theo sổ tiếp nhận"\n'
    ) in path.read_text(encoding="utf-8")


def test_a_new_figure_without_both_counts_is_still_refused(
    cli: Callable[..., Result], ws: Path
) -> None:
    before = snapshot(ws)
    r = _rec(cli, ws, "indicator", "3", "--period", "q2", "--num", "5")
    assert r == Result(
        2,
        "",
        "Lỗi: Cần cả tử số (numerator) và mẫu số (denominator).\n"
        "  → Ghi cả --num (tử số) và --den (mẫu số), ví dụ --num 40 --den 80.\n",
    )
    assert snapshot(ws) == before


# ---------------------------------------------------------------- F3/F4: ids from the command line


@pytest.mark.parametrize(
    ("typed", "kind"),
    [("２", "task"), ("nv ２", "task"), (" 2 ", "task"), ("３", "indicator")],
)
def test_an_id_on_the_command_line_is_the_files_id(
    cli: Callable[..., Result], ws: Path, typed: str, kind: str
) -> None:
    """F3: a full-width ``２`` was written raw beside ``"2"`` and bypassed "replace asks
    first". One normaliser (models.normal_id) serves the files and the command line."""
    path = ws / "actuals_2024.yaml"
    if kind == "task":
        assert _rec(cli, ws, "task", "2", "--date", "15/3").code == 0
        before = snapshot(ws)
        r = _rec(cli, ws, "task", typed, "--date", "18/3")
        assert r == Result(
            1,
            "",
            "Lỗi: Đã có bản ghi nhiệm vụ 2 (đã xong, ngày 15/03/2024); chưa thay bằng bản ghi "
            "mới (đã xong, ngày 18/03/2024).\n"
            "  → Thêm --replace để thay bản ghi cũ; điều gì không ghi trong lệnh (ngày, văn bản, "
            "ghi chú) thì giữ như bản ghi cũ.\n",
        )
        assert snapshot(ws) == before
        r = _rec(cli, ws, "task", typed, "--date", "18/3", "--replace")
        assert r.out.startswith(
            "Đã thay bản ghi nhiệm vụ 2: đã xong, ngày 18/03/2024 (bản ghi cũ: ngày 15/03/2024).\n"
        )
        assert path.read_text(encoding="utf-8").count('task: "2"') == 1
    else:
        assert (
            _rec(cli, ws, "indicator", "3", "--period", "q1", "--num", "4", "--den", "8").code == 0
        )
        r = _rec(cli, ws, "indicator", typed, "--period", "q1", "--num", "5", "--den", "8")
        assert r.out.startswith(
            "Đã thay số liệu chỉ tiêu 3, kỳ Quý I: 5/8 = 62,50 % (số cũ: 4/8 = 50,00 %).\n"
        )
        assert path.read_text(encoding="utf-8").count('indicator: "3"') == 1
    assert "２" not in path.read_text(encoding="utf-8")
    assert "３" not in path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "char", "at", "what"),
    [
        (("task", "2\u200b", "--date", "15/3"), "200B", 2, "nhiệm vụ"),
        (("task", "\u202e2", "--period", "q1", "--delete"), "202E", 1, "nhiệm vụ"),
        (
            ("indicator", "\u00ad3", "--period", "q1", "--num", "1", "--den", "2"),
            "00AD",
            1,
            "chỉ tiêu",
        ),
        (("indicator", "3\u2066", "--period", "q1", "--delete"), "2066", 2, "chỉ tiêu"),
    ],
)
def test_an_id_with_an_invisible_character_is_refused_as_in_the_files(
    cli: Callable[..., Result], ws: Path, args: tuple[str, ...], char: str, at: int, what: str
) -> None:
    before = snapshot(ws)
    r = _rec(cli, ws, *args)
    assert r == Result(
        2,
        "",
        f"Lỗi: Số {what} có ký tự ẩn U+{char} (không nhìn thấy được) ở vị trí {at}.\n"
        "  → Gõ lại số bằng tay, không dán từ Word hay trang web.\n",
    )
    assert snapshot(ws) == before


def test_the_api_normalises_ids_too(ws: Path) -> None:
    from datetime import date

    from kstthc_cli import api
    from kstthc_cli.errors import UsageError

    day = date(2024, 4, 20)
    change = api.record_task(data=ws, task="２", as_of=day, commit=False)
    assert (change.subject, change.record.task) == ("nhiệm vụ 2", "2")
    with pytest.raises(UsageError, match="ký tự ẩn U\\+200B"):
        api.record_task(data=ws, task="2\u200b", as_of=day, commit=False)


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("task", ""), "Thiếu số nhiệm vụ.\n  → Ghi số nhiệm vụ ngay sau lệnh, ví dụ: kstthc "
         "record task 1 --date 14/3.\n"),
        (("task", "  ", "--delete"), "Thiếu số nhiệm vụ.\n  → Ghi số nhiệm vụ ngay sau lệnh, ví "
         "dụ: kstthc record task 1 --date 14/3.\n"),
        (("indicator", "", "--period", "q1", "--num", "1", "--den", "2"), "Thiếu số chỉ tiêu.\n"
         "  → Ghi số chỉ tiêu ngay sau lệnh, ví dụ: kstthc record indicator 3 --period q1 --num "
         "40 --den 80.\n"),
    ],
)  # fmt: skip
def test_an_empty_id_is_a_usage_error(
    cli: Callable[..., Result], ws: Path, args: tuple[str, ...], said: str
) -> None:
    """F4: ``record task ""`` was exit 1 with a hint about deleting a YAML line."""
    before = snapshot(ws)
    assert _rec(cli, ws, *args) == Result(2, "", "Lỗi: " + said)
    assert snapshot(ws) == before


def test_two_done_records_of_one_occurrence_are_said_by_check(
    cli: Callable[..., Result], ws: Path
) -> None:
    """Written by hand (or ``２`` beside ``2`` before ids were one form): the later counts."""
    from tests.support import write

    write(
        ws / "actuals_2024.yaml",
        """
        year: 2024
        tasks:
          - task: "２"
            date: "2024-03-10"
          - task: "2"
            date: "2024-03-15"
          - task: "20"
            period: "Q1"
            date: "2024-03-10"
          - task: "20"
            period: "quý 1"
            date: "2024-03-12"
          - task: "20"
            period: "Q2"
            date: "2024-06-10"
        """,
    )
    r = cli("check", "--data", str(ws), "--as-of", "2024-07-20")
    assert r.code == 0
    path = ws / "actuals_2024.yaml"
    assert r.err.split("\n\n")[0] == (
        f"{path}:5:5: cảnh báo [duplicate-done]: Nhiệm vụ 2 đã có bản ghi đã xong ở dòng 3 (ngày "
        "10/03/2024); bản ghi này ghi xong lần nữa (ngày 15/03/2024), kstthc tính theo bản ghi "
        "sau.\n"
        '5 |   - task: "2"\n'
        "        ^\n"
        "  → Giữ một bản ghi đã xong cho mỗi kỳ: xóa bản ghi thừa (kstthc record … thay bản ghi "
        "cũ thay vì ghi thêm)."
    )
    assert r.err.count("[duplicate-done]") == 2
    assert "Nhiệm vụ 20, kỳ Quý I đã có bản ghi đã xong ở dòng 7" in r.err


# ---------------------------------------------------------------- F8: bidi and invisible characters

HIDDEN = "\u202e\u202a\u2066\u200f\u061c\u200b\u00ad\u2060\ufeff"


@pytest.mark.parametrize(
    ("option", "value", "char", "at"),
    [
        ("--note", "tiền \u202etrả lại", "202E", 6),
        ("--evidence", "QĐ \u2066số 5", "2066", 4),
        ("--note", "\u200fghi chú", "200F", 1),
    ],
)
def test_a_direction_control_in_typed_text_is_refused(
    cli: Callable[..., Result], ws: Path, option: str, value: str, char: str, at: int
) -> None:
    """F8: U+202E in --note was written and echoed raw: the terminal (and Word) showed the rest
    of the line reversed."""
    before = snapshot(ws)
    r = _rec(cli, ws, "task", "1", "--date", "14/3", option, value)
    assert r == Result(
        2,
        "",
        f"Lỗi: Giá trị của {option} có ký tự đổi chiều chữ U+{char} (không nhìn thấy được, làm "
        f"chữ hiện ngược) ở vị trí {at}.\n"
        "  → Gõ lại nội dung bằng tay; không dán kèm ký tự lạ từ Word hay trang web.\n",
    )
    assert snapshot(ws) == before


def test_invisible_characters_in_data_text_never_reach_the_terminal(
    cli: Callable[..., Result], ws: Path
) -> None:
    """A note written by hand with direction controls and zero-width characters: every output
    (terminal, Markdown, the record's own echo) shows the words without them."""
    from tests.support import write

    write(
        ws / "actuals_2024.yaml",
        f"""
        year: 2024
        tasks:
          - task: "1"
            date: "2024-03-14"
            note: "tiền {HIDDEN}trả lại"
        """,
    )
    r = cli("report", "q1", "--data", str(ws), "--as-of", "2024-04-20")
    assert r.code == 0, r.err
    assert "tiền trả lại." in r.out
    r = _rec(cli, ws, "task", "1", "--evidence", "QĐ 5", "--replace")
    assert r.code == 0, r.err
    assert "  Ghi chú: tiền trả lại\n" in r.out
    for c in HIDDEN:
        assert c not in r.out + r.err


def test_the_one_neutraliser_and_json_escapes() -> None:
    import io
    import json
    import sys

    from kstthc_cli.render import console
    from kstthc_cli.render.textfmt import printable

    assert printable(f"a{HIDDEN}\x1b[2Jb\tc\n\u200dd") == "ab\tc\n\u200dd"  # joiners shape emoji
    assert printable("Nguyễn Văn A") == "Nguyễn Văn A"
    buffer = io.StringIO()
    real, sys.stdout = sys.stdout, buffer
    try:
        console.print_json({"note": f"x{HIDDEN}y\x85"})
    finally:
        sys.stdout = real
    shown = buffer.getvalue()
    assert all(c not in shown for c in HIDDEN + "\x85")
    assert "\\u202e" in shown
    assert json.loads(shown) == {"note": f"x{HIDDEN}y\x85"}  # a script still reads the text


# ---------------------------------------------------------------- F5: a unit name matching several


@pytest.mark.parametrize("command", ["status", "tasks"])
def test_a_unit_name_found_in_several_units_says_which(
    cli: Callable[..., Result], ws: Path, command: str
) -> None:
    r = cli(command, "--unit", "UBND", "--data", str(ws), "--as-of", "2024-04-20")
    assert r == Result(
        2,
        "",
        "Lỗi: 'UBND' khớp nhiều đơn vị: ban-nganh (Các ban, ngành thuộc UBND xã), cong-chuc "
        "(Công chức chuyên môn thuộc UBND xã); chưa biết chọn đơn vị nào.\n"
        "  → Ghi rõ hơn tên đơn vị, hoặc dùng mã đơn vị, ví dụ --unit ban-nganh.\n",
    )
    assert cli(command, "--unit", "ngành", "--data", str(ws), "--as-of", "2024-04-20").code == 0


def test_mot_cua_finds_the_centre_that_replaced_it(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    """README's ``--unit "một cửa"`` in a workspace ``init`` made, whose one-stop body is the
    Trung tâm Phục vụ hành chính công xã."""
    r = cli(
        "init", str(tmp_path / "xa"), "--commune", "Tân Phú", "--province", "Quảng Ngãi",
        "--year", "2026", "--signer", "A", "--yes", "--no-commit",
    )  # fmt: skip
    assert r.code == 0, r.err
    data = str(tmp_path / "xa" / "data")
    by_words = cli("tasks", "--unit", "một cửa", "--data", data, "--as-of", "2026-04-20")
    by_id = cli("tasks", "--unit", "tt-hcc", "--data", data, "--as-of", "2026-04-20")
    assert by_words.code == 0, by_words.err
    assert by_words == by_id


# ---------------------------------------------------------------- F26: a wrong KSTTHC_DATA


@pytest.mark.parametrize(
    ("where", "why"),
    [
        ("missing", "không có thư mục này"),
        ("file", "đó là một tệp, không phải thư mục"),
        ("empty", "thư mục này không có tệp kế hoạch plan_<năm>.yaml nào"),
    ],
)
@pytest.mark.parametrize("command", [("status",), ("record", "task", "1"), ("new-year", "2025")])
def test_a_wrong_kstthc_data_names_the_variable(
    cli: Callable[..., Result],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    where: str,
    why: str,
    command: tuple[str, ...],
) -> None:
    """F26: a typo in ``setx KSTTHC_DATA`` was blamed on --data, which the officer never typed."""
    folder = tmp_path / "dta"
    if where == "file":
        folder.write_text("x")
    elif where == "empty":
        folder.mkdir()
    monkeypatch.chdir(tmp_path)
    before = snapshot(tmp_path)
    monkeypatch.setenv("KSTTHC_DATA", str(folder))
    import contextlib
    import io

    from kstthc_cli.cli.app import run

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = run([*command, "--as-of", "2024-04-20"])
    assert (code, out.getvalue()) == (2, "")
    assert err.getvalue() == (
        f"Lỗi: Biến môi trường KSTTHC_DATA chỉ tới '{folder}': {why}.\n"
        '  → Sửa biến đó cho đúng thư mục dữ liệu (Windows: setx KSTTHC_DATA "D:\\KSTTHC\\data" '
        "rồi mở lại cửa sổ lệnh), hoặc ghi --data THƯ_MỤC cho lệnh này.\n"
    )
    assert snapshot(tmp_path) == before


def test_data_typed_wins_over_a_wrong_kstthc_data(
    cli: Callable[..., Result], ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KSTTHC_DATA", str(ws.parent / "dta"))
    from kstthc_cli.cli.app import run

    assert run(["status", "--data", str(ws), "--as-of", "2024-04-20"]) == 0


# ---------------------------------------------------------------- F22: each answer judged at once


def test_record_indicators_judges_each_answer_at_its_prompt(
    cli: Callable[..., Result], ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """F22: 50/40 and 10/0 were accepted at the prompt, then the whole batch was refused with
    one message naming no indicator, every answer lost. Now each is judged as the write will
    judge it, said at once with its reason, and asked again; the other answers stay."""
    import io
    import sys

    answers = "\n41/80\n50/40\n30/40\n10/0\n1.000/2000\nkps\n-\n30/60\n\n\n\nabc\n92,5\n-\n"
    monkeypatch.setattr(sys, "stdin", io.StringIO(answers))
    r = _rec(cli, ws, "indicators", "--period", "q2")
    assert r.code == 0, r.err
    assert r.err == (
        "  Chỉ tiêu 3: Tử số 50 lớn hơn mẫu số 40. Tử số là phần được đếm trong tổng số, nên "
        "không thể lớn hơn mẫu số.\n"
        "  Mẫu số phải lớn hơn 0 (đang là '10/0'). Kỳ này không có gì để đếm thì gõ kps (không "
        "phát sinh).\n"
        "  Tử số phải viết liền, không có dấu chấm hay phẩy (đang là '1.000'). Nếu là 1.000 hồ sơ "
        "thì viết 1000.\n"
        "  Cần một số, ví dụ 92.5 (đang là 'abc'). Enter: giữ số đang có; -: bỏ qua; kps: không "
        "phát sinh.\n"
    )
    path = ws / "actuals_2024.yaml"
    assert r.out.endswith(
        "\nĐã tạo tệp " + str(path) + ".\n"
        "Đã ghi số liệu chỉ tiêu 2, kỳ Quý II: 41/80 = 51,25 %.\n"
        "Đã ghi số liệu chỉ tiêu 3, kỳ Quý II: 30/40 = 75,00 %.\n"
        "Đã ghi số liệu chỉ tiêu 4, kỳ Quý II: không phát sinh.\n"
        "Đã ghi số liệu chỉ tiêu 6, kỳ Quý II: 30/60 = 50,00 %.\n"
        "Đã ghi số liệu chỉ tiêu 10, kỳ Quý II: 92,50 %.\n"
        f"  Tệp: {path}\n"
    )


# ---------------------------------------------------------------- F25: the true reason, in words


def test_a_template_number_too_large_is_said_in_vietnamese(
    cli: Callable[..., Result], ws: Path, tmp_path: Path
) -> None:
    tpl = tmp_path / "t.md.j2"
    tpl.write_text(
        "{% set x = 10**999 %}{% set y = x*x %}{% set z = y*y %}{% set w = z*z %}{{ w*w*w*w }}"
    )
    out = tmp_path / "o.md"
    r = cli("report", "q2", "--template", str(tpl), "-o", str(out), "--data", str(ws),
            "--as-of", "2024-07-20")  # fmt: skip
    assert (r.code, r.out) == (1, "")
    assert (
        f"Lỗi: {tpl}:1: mẫu báo cáo có lỗi: con số quá lớn để in ra (quá 4.300 chữ số).\n"
    ) in r.err
    assert "Exceeds" not in r.err and "sys." not in r.err
    assert not out.exists()


@pytest.mark.parametrize("command", [("report", "q2"), ("form", "q2")])
def test_an_output_that_is_a_pipe_or_device_is_a_usage_error(
    cli: Callable[..., Result], ws: Path, tmp_path: Path, command: tuple[str, ...]
) -> None:
    """``-o /dev/stdout`` (a pipe): "không có tệp hay thư mục này" rc 1; it exists, it is a
    pipe. A link to a pipe is the same."""
    import os

    end = ".xlsx" if command[0] == "form" else ""  # a report without an extension is Markdown
    fifo = tmp_path / f"pipe{end}"
    os.mkfifo(fifo)
    link = tmp_path / f"link{end}"
    link.symlink_to(fifo)
    for target in (fifo, link):
        r = cli(*command, "-o", str(target), "--data", str(ws), "--as-of", "2024-07-20")
        assert r.code == 2, r.err
        assert (
            f"Lỗi: '{target}' không phải một tệp thường (thiết bị hay đường ống); không ghi vào "
            "đó.\n"
        ) in r.err


def test_a_lock_file_that_is_a_link_is_said_as_a_link(cli: Callable[..., Result], ws: Path) -> None:
    """A dangling link as the lock file was called a loop of links (O_NOFOLLOW's ELOOP)."""
    (ws / ".actuals_2024.yaml.lock").symlink_to("/nonexistent")
    before = snapshot(ws)
    r = _rec(cli, ws, "task", "1", "--date", "14/3")
    assert r == Result(
        1,
        "",
        f"Lỗi: Không lấy được khóa ghi: tệp khóa {ws}/.actuals_2024.yaml.lock là một liên kết "
        "(symlink); kstthc không mở tệp khóa qua liên kết. Không ghi gì.\n"
        "  → Xóa liên kết .actuals_2024.yaml.lock (kstthc tự tạo lại tệp khóa), rồi chạy lại.\n",
    )
    assert snapshot(ws) == before


def test_a_looping_data_file_gets_a_hint_about_links(cli: Callable[..., Result], ws: Path) -> None:
    (ws / "actuals_2024.yaml").symlink_to("actuals_2024.yaml")
    r = cli("check", "--data", str(ws), "--as-of", "2024-07-20")
    assert r.code == 1
    assert r.err.startswith(
        f"{ws}/actuals_2024.yaml: lỗi [file-unreadable]: Không đọc được tệp (các liên kết "
        "(symlink) trỏ vòng vào nhau).\n"
        "  → Sửa liên kết (symlink) cho trỏ tới tệp thật, hoặc thay nó bằng chính tệp dữ liệu.\n"
    )


def test_recording_a_done_record_again_without_news_changes_nothing(
    cli: Callable[..., Result], ws: Path
) -> None:
    """With what is not given kept, ``record task 1`` again says so rather than "Đã thay"."""
    assert _rec(cli, ws, "task", "1", "--date", "14/3", "--note", "x").code == 0
    before = snapshot(ws)
    r = _rec(cli, ws, "task", "1")
    assert r == Result(
        0,
        "Bản ghi nhiệm vụ 1 đã có đúng như vậy; không có gì thay đổi.\n"
        f"  Tệp: {ws / 'actuals_2024.yaml'}\n",
        "",
    )
    assert snapshot(ws) == before
