"""The acceptance tester's findings on the daily commands and hostile input (issues 12 and 14),
each as a class: the whole message, the exit code, that no file changed."""

from __future__ import annotations

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
