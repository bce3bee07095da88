"""``kstthc init`` through the CLI: asked at a terminal (scripted answers), given as options,
refused, and the workspace it makes used at once; the sample's notice; and issue 18's story
from ``init`` on, without git and in a repository made by git."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from kstthc_cli.cli.commands.common import SAMPLE_NOTICE
from kstthc_cli.write import vcs
from tests import vcs_support
from tests.conftest import Result
from tests.support import SHIPPED, snapshot

clock, no_git = vcs_support.clock, vcs_support.no_git  # the fixtures

OPTIONS = (
    "--commune", "Tân Phú", "--province", "Quảng Ngãi", "--year", "2026",
    "--decision-number", "12/QĐ-UBND", "--decision-date", "05/01/2026",
    "--signer", "Nguyễn Văn An",
)  # fmt: skip
AS_OF = ("--as-of", "2026-04-20")


class _Typed(io.StringIO):
    """What a person types at a terminal (stdin is a terminal, answers scripted)."""

    def isatty(self) -> bool:
        return True


def _done(folder: str, commit: str | None, confirm: int = 29) -> str:
    lines = [
        "Đã lập thư mục dữ liệu của xã Tân Phú, kế hoạch năm 2026:",
        f"  {folder}/data/plan_2026.yaml",
        f"  {folder}/data/indicators_2026.yaml",
    ]
    if commit is not None:
        lines.append(f"Đã tạo kho lịch sử (git) và lưu vào lịch sử (lần ghi {commit}).")
    lines += [
        f"Còn {confirm} giá trị kstthc điền sẵn cần xác nhận (đánh dấu to_confirm); xem từng "
        "giá trị bằng: kstthc check",
        f"Tiếp theo: cd {folder}, rồi kstthc check, kstthc status.",
    ]
    return "\n".join(lines) + "\n"


def _head(folder: Path) -> str:
    return vcs.revisions(folder=folder / "data")[0].info.short


def test_asked_at_a_terminal(
    cli: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_git: None
) -> None:
    monkeypatch.chdir(tmp_path)
    answers = [
        "Tân Phú", "Quảng Ngãi", "20x6", "2026", "12/QĐ-UBND", "31/6/2026", "05/01/2026",
        "Nguyễn Văn An", "",
    ]  # fmt: skip
    monkeypatch.setattr(sys, "stdin", _Typed("\n".join(answers) + "\n"))
    r = cli("init", "xa")
    assert r.code == 0, r.err
    assert r.err == (
        "  Năm kế hoạch phải là năm bốn chữ số (đang là '20x6').\n"
        "  Giá trị của --decision-date không hợp lệ: ngày 31/06/2026 không có thật trên lịch: "
        "tháng 6/2026 chỉ có 30 ngày.\n"
    )
    assert r.out == (
        "Tên xã (ví dụ: Tân Phú): Tỉnh (ví dụ: Quảng Ngãi): Năm kế hoạch (ví dụ: 2026): "
        "Năm kế hoạch (ví dụ: 2026): Số quyết định ban hành kế hoạch (Enter: chưa có): "
        "Ngày quyết định (ví dụ: 05/01/2026; Enter: chưa có): "
        "Ngày quyết định (ví dụ: 05/01/2026; Enter: chưa có): Người ký (họ tên): "
        "Chức vụ người ký [Chủ tịch]: " + _done("xa", _head(tmp_path / "xa"))
    )
    plan = (tmp_path / "xa" / "data" / "plan_2026.yaml").read_text(encoding="utf-8")
    assert '  number: "12/QĐ-UBND"\n  # Ngày' in plan
    assert '  date: "2026-01-05"\n' in plan
    assert '  signer_title: "Chủ tịch"\n' in plan


def test_options_ask_nothing(
    cli: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_git: None
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "stdin", _Typed(""))  # a terminal, but nothing is asked
    r = cli("init", "xa", *OPTIONS, "--capacity", "Phó Chủ tịch")
    assert (r.code, r.err) == (0, "")
    assert r.out == _done("xa", _head(tmp_path / "xa"))
    plan = (tmp_path / "xa" / "data" / "plan_2026.yaml").read_text(encoding="utf-8")
    assert (
        '  signer_title: "Phó Chủ tịch"\n  signing_on_behalf: "TM. ỦY BAN NHÂN DÂN"\n'
        '  signer_capacity: "pho-chu-tich"  # Phó Chủ tịch ký thay: KT. CHỦ TỊCH\n'
    ) in plan


def test_in_the_current_folder_without_a_commit(
    cli: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    r = cli("init", *OPTIONS, "--no-commit", "--yes")
    assert (r.code, r.err) == (0, "")
    assert r.out == _done("xa", None).replace("  xa/", "  ").replace("cd xa, rồi ", "")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]


def test_missing_options_without_a_terminal(cli: Callable[..., Result], tmp_path: Path) -> None:
    r = cli("init", str(tmp_path / "xa"), "--commune", "Tân Phú", "--year", "2026")
    assert r == Result(
        2,
        "",
        "Lỗi: Thiếu --province, --signer (không hỏi được vì đầu vào không phải cửa sổ lệnh).\n"
        '  → Ví dụ: kstthc init xa-moi --commune "Tân Phú" --province "Quảng Ngãi" --year 2026 '
        '--signer "Nguyễn Văn A"\n',
    )
    assert not (tmp_path / "xa").exists()


def test_yes_asks_nothing_even_at_a_terminal(
    cli: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", _Typed("Tân Phú\n"))
    r = cli("init", str(tmp_path / "xa"), "--yes")
    assert r.code == 2
    assert r.err.startswith(
        "Lỗi: Thiếu --commune, --province, --year, --signer (với --yes kstthc không hỏi).\n"
    )
    assert not (tmp_path / "xa").exists()


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--decision-date", "31/6", "Lỗi: Giá trị của --decision-date không hợp lệ: ngày "
         "31/06/2026 không có thật trên lịch: tháng 6/2026 chỉ có 30 ngày.\n"
         "  → Viết ngày dạng 2024-04-20 hoặc 20/04/2024.\n"),
        ("--year", "26", "Lỗi: Năm kế hoạch phải là năm bốn chữ số (đang là '26').\n"
         "  → Ví dụ: --year 2026.\n"),
        ("--signer", "An\x07", "Lỗi: Giá trị của --signer có ký tự điều khiển U+0007 (không in "
         "được).\n  → Gõ lại nội dung bằng tay; không dán kèm ký tự lạ từ cửa sổ lệnh hay trang "
         "web.\n"),
    ],
)  # fmt: skip
def test_a_bad_value_exits_2(
    cli: Callable[..., Result], tmp_path: Path, option: str, value: str, message: str
) -> None:
    args = list(OPTIONS)
    args[args.index(option) + 1] = value
    r = cli("init", str(tmp_path / "xa"), *args)
    assert r == Result(2, "", message)
    assert not (tmp_path / "xa").exists()


def test_a_folder_with_a_plan_is_refused(cli: Callable[..., Result], ws: Path) -> None:
    folder = ws.parent
    before = snapshot(folder)
    r = cli("init", str(folder), *OPTIONS)
    assert r == Result(
        1,
        "",
        f"Lỗi: Thư mục '{folder}' đã có kế hoạch ({ws}/plan_2024.yaml); kstthc init không ghi "
        "đè. Chưa ghi gì.\n"
        "  → Dùng thư mục khác (kstthc init THƯ_MỤC_MỚI); kế hoạch năm sau thì lập bằng kstthc "
        "new-year NĂM. Thư mục đó chưa có lịch sử: bắt đầu lịch sử bằng kstthc commit.\n",
    )
    assert snapshot(folder) == before


def test_a_file_is_no_folder(cli: Callable[..., Result], tmp_path: Path) -> None:
    (tmp_path / "xa").write_text("", encoding="utf-8")
    r = cli("init", str(tmp_path / "xa"), *OPTIONS)
    assert r == Result(
        2, "", f"Lỗi: '{tmp_path / 'xa'}' là một tệp, không phải thư mục.\n  → Chọn một thư mục.\n"
    )


# ---------------------------------------------------------------- the workspace, used at once


def _init(cli: Callable[..., Result], folder: Path, *more: str) -> Path:
    r = cli("init", str(folder), *OPTIONS, *more)
    assert r.code == 0, r.err
    return folder / "data"


def test_check_warns_until_confirmed(cli: Callable[..., Result], tmp_path: Path) -> None:
    data = _init(cli, tmp_path / "xa", "--no-commit")
    r = cli("check", "--data", str(data), *AS_OF)
    assert r.code == 0 and r.out == ""
    assert r.err.endswith("\n0 lỗi, 29 cảnh báo.\n")
    assert (
        f"{data}/plan_2026.yaml:142:12: cảnh báo [to-confirm]: 'reporting.due_day' do kstthc "
        "init điền sẵn, chưa được xác nhận.\n"
        "142 |   due_day: 17\n"
        "                 ^\n"
        "  → Đối chiếu với văn bản của xã, sửa nếu cần, rồi xóa 'due_day' khỏi to_confirm của "
        "mục này.\n"
    ) in r.err
    found = json.loads(cli("check", "--json", "--data", str(data), *AS_OF).out)["problems"]
    assert [p["code"] for p in found] == ["to-confirm"] * 29
    for path in data.glob("*.yaml"):
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        path.write_text("".join(x for x in lines if "to_confirm:" not in x), encoding="utf-8")
    assert cli("check", "--data", str(data), *AS_OF) == Result(
        0, "Không có lỗi nào. Dữ liệu hợp lệ.\n", ""
    )


def test_status_record_report_at_once(cli: Callable[..., Result], tmp_path: Path) -> None:
    data = _init(cli, tmp_path / "xa", "--no-commit")
    r = cli("status", "--data", str(data), *AS_OF)
    assert (r.code, r.err) == (0, "")
    assert r.out.startswith("KSTTHC NĂM 2026 · Ủy ban nhân dân xã Tân Phú · tính đến 20/04/2026\n")
    r = cli("record", "task", "1", "--date", "10/3", "--evidence", "Quyết định số 15/QĐ-UBND",
            "--data", str(data), *AS_OF)  # fmt: skip
    assert (r.code, r.err) == (0, "")
    assert r.out == (
        f"Đã tạo tệp {data}/actuals_2026.yaml.\n"
        "Đã ghi nhiệm vụ 1: đã xong, ngày 10/03/2026.\n"
        "  Văn bản: Quyết định số 15/QĐ-UBND\n"
    )
    r = cli("record", "indicator", "3", "--period", "q1", "--num", "40", "--den", "80",
            "--data", str(data), *AS_OF)  # fmt: skip
    assert r.code == 0, r.err
    out = tmp_path / "bao-cao-q1.md"
    r = cli("report", "q1", "--data", str(data), *AS_OF, "-o", str(out))
    assert r.code == 0, r.err
    text = out.read_text(encoding="utf-8")
    assert "Kính gửi: Văn phòng UBND tỉnh Quảng Ngãi." in text
    assert "thực hiện Quyết định số 12/QĐ-UBND ngày 05/01/2026 của Chủ tịch" in text
    assert "Quyết định số 15/QĐ-UBND" in text
    r = cli("report", "q1", "--data", str(data), *AS_OF, "--format", "docx",
            "-o", str(tmp_path / "bao-cao-q1.docx"))  # fmt: skip
    assert r.code == 0, r.err


# ---------------------------------------------------------------- the sample says so


def test_the_sample_says_it_is_the_sample(
    cli: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    r = cli("status", "--json", "--as-of", "2024-04-20")
    assert r.code == 0
    assert r.err == SAMPLE_NOTICE + "\n"
    assert json.loads(r.out)["year"] == 2024  # stdout stays pure JSON
    assert SAMPLE_NOTICE == (
        "Đây là kế hoạch mẫu của xã Hương Trà (dữ liệu đi kèm kstthc); lập kế hoạch của xã "
        "mình bằng: kstthc init"
    )
    r = cli("check", "--as-of", "2024-04-20")
    assert r.err.splitlines()[0] == SAMPLE_NOTICE
    assert r.err.count(SAMPLE_NOTICE) == 1
    r = cli("record", "task", "1", "--date", "14/3", "--dry-run", "--as-of", "2024-04-20")
    assert r.code == 0, r.err
    assert r.err.count(SAMPLE_NOTICE) == 1  # once a run, however often the folder is asked for


def test_no_notice_on_ones_own_data(
    cli: Callable[..., Result], ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cli("status", "--data", str(ws), "--as-of", "2024-04-20").err == ""
    monkeypatch.chdir(ws.parent)  # ./data
    assert cli("status", "--as-of", "2024-04-20").err == ""
    monkeypatch.setenv("KSTTHC_DATA", str(SHIPPED))
    assert cli("status", "--as-of", "2024-04-20").err == ""


# ---------------------------------------------------------------- issue 18's story, from init

OLD_TIMEFRAME = "Định kỳ 3 tháng/lần; Đột xuất theo thời điểm yêu cầu."
NEW_TIMEFRAME = "Định kỳ 3 tháng/lần."
RECORDS_AS_OF = ("--as-of", "2026-06-20")


def _story(cli: Callable[..., Result], folder: Path, author: str, *, no_git: bool) -> None:
    """init → three records → a hand edit of a task's timeframe committed → history lists the
    four changes in words; diff shows the timeframe change; undo takes back the last record and
    status no longer shows it."""
    from dulwich import porcelain

    data = _init(cli, folder)
    d = ("--data", str(data))
    runs = [
        cli("record", "task", "20", "--period", "q1", "--date", "2026-03-13", *d, *RECORDS_AS_OF),
        cli("record", "indicator", "3", "--period", "q2", "--num", "130", "--den", "200", *d,
            *RECORDS_AS_OF),
        cli("record", "task", "20", "--period", "q2", "--date", "2026-06-12", *d, *RECORDS_AS_OF),
    ]  # fmt: skip
    assert [r.code for r in runs] == [0, 0, 0], [r.err for r in runs]
    plan = data / "plan_2026.yaml"
    text = plan.read_text(encoding="utf-8")
    assert text.count(OLD_TIMEFRAME) == 1
    plan.write_text(text.replace(OLD_TIMEFRAME, NEW_TIMEFRAME), encoding="utf-8")
    porcelain.add(str(folder), paths=[str(plan)])
    porcelain.commit(
        str(folder), message="Điều chỉnh thời gian nhiệm vụ 20".encode(),
        author=author.encode(), committer=author.encode(),
    )  # fmt: skip
    ids = [r.info.short for r in vcs.revisions(folder=data)]
    assert len(ids) == 5

    r = cli("history", *d)
    assert (r.code, r.err) == (0, "")
    hand = re.sub(r"^(\w+  )\d\d/\d\d/\d{4} \d\d:\d\d", r"\1(lúc sửa)", r.out)
    kstthc = vcs_support.AUTHOR
    assert hand == (
        f"{ids[0]}  (lúc sửa)  {author}  (sửa tay)\n"
        "  Điều chỉnh thời gian nhiệm vụ 20\n"
        f"  - Nhiệm vụ 20: sửa thời gian thực hiện “{OLD_TIMEFRAME}” → “{NEW_TIMEFRAME}”\n"
        "\n"
        f"{ids[1]}  10/06/2024 13:16  {kstthc if no_git else author}  (kstthc record)\n"
        "  - Nhiệm vụ 20, kỳ Quý II: ghi nhận đã xong ngày 12/06/2026.\n"
        "\n"
        f"{ids[2]}  10/06/2024 13:15  {kstthc if no_git else author}  (kstthc record)\n"
        "  - Chỉ tiêu 3, kỳ Quý II: ghi số liệu 130/200.\n"
        "\n"
        f"{ids[3]}  10/06/2024 13:14  {kstthc if no_git else author}  (kstthc record)\n"
        "  - Nhiệm vụ 20, kỳ Quý I: ghi nhận đã xong ngày 13/03/2026.\n"
        "\n"
        f"{ids[4]}  10/06/2024 13:13  {kstthc if no_git else author}  (kstthc init)\n"
        "  - Kế hoạch năm 2026: lập mới (20 nhiệm vụ).\n"
        "  - Bộ chỉ tiêu năm 2026: lập mới (11 chỉ tiêu).\n"
    )

    r = cli("diff", "HEAD~1", "HEAD", *d)
    assert r.code == 0, r.err
    assert r.out.endswith(
        "Mục X. Công tác thông tin, báo cáo\n"
        "1. Sửa đổi thời gian thực hiện của nhiệm vụ 20:\n"
        f"   Trước: “{OLD_TIMEFRAME}”\n"
        f"   Sau:   “{NEW_TIMEFRAME}”\n"
    )

    def q2_done() -> str | None:
        r = cli("status", "--json", *d, *RECORDS_AS_OF)
        assert r.code == 0, r.err
        task = next(t for t in json.loads(r.out)["tasks"] if t["id"] == "20")
        done: str | None = next(o for o in task["occurrences"] if o["key"] == "Q2")["done_on"]
        return done

    assert q2_done() == "2026-06-12"
    r = cli("undo", "--yes", *d)
    assert r.code == 0, r.err
    assert r.out == (
        f"Sẽ hoàn tác lần ghi {ids[1]} (10/06/2024 13:16, "
        f"{kstthc if no_git else author}):\n"
        "  Ghi nhận nhiệm vụ 20, kỳ Quý II: đã xong ngày 12/06/2026\n"
        "  - Nhiệm vụ 20, kỳ Quý II: bỏ bản ghi đã xong ngày 12/06/2026.\n"
        f"Đã hoàn tác (lần ghi mới {vcs.revisions(folder=data)[0].info.short}).\n"
    )
    assert q2_done() is None
    assert NEW_TIMEFRAME in plan.read_text(encoding="utf-8")  # the later hand edit stays


def test_the_story_without_git(cli: Callable[..., Result], tmp_path: Path, no_git: None) -> None:
    assert shutil.which("git") is None
    _story(cli, tmp_path / "xa", "Cán bộ Tư pháp <tuphap@xa.example>", no_git=True)


@pytest.mark.skipif(vcs_support.GIT is None, reason="git is not installed on this machine")
def test_the_story_in_a_repository_made_by_git(
    cli: Callable[..., Result], tmp_path: Path, no_git: None
) -> None:
    assert vcs_support.GIT is not None
    folder = tmp_path / "xa"
    folder.mkdir()

    def git(*args: str) -> str:
        done = subprocess.run(
            [vcs_support.GIT, *args], cwd=folder, check=True, capture_output=True, text=True,
            env={"HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin"},
        )  # fmt: skip
        return done.stdout

    git("init", "-q")
    git("config", "user.name", "Cán bộ Tư pháp")
    git("config", "user.email", "tuphap@xa.example")
    _story(cli, folder, "Cán bộ Tư pháp <tuphap@xa.example>", no_git=False)
    assert git("status", "--porcelain") == ""  # the index follows every commit
    git("fsck", "--no-progress")
    assert git("log", "--format=%an|%s").splitlines()[-1] == (
        "Cán bộ Tư pháp|Lập kế hoạch KSTTHC năm 2026 của xã Tân Phú "
        "(data/plan_2026.yaml, data/indicators_2026.yaml)"
    )


# ---------------------------------------------------------------- README's start


def test_the_readme_start_runs_as_shown(
    cli: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_git: None
) -> None:
    import shlex

    from tests.docx_build import shipped_docx
    from tests.support import REPO

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = re.search(r"^## Lập kế hoạch của xã mình\n(.*?)^## ", readme, re.S | re.M)
    assert section is not None
    blocks = re.findall(r"```powershell\n(.*?)```", section[1], re.S)
    lines = [line for block in blocks for line in block.splitlines()]
    assert [line.split()[:2] for line in lines][:3] == [["kstthc", "init"], ["cd", "D:\\KSTTHC"],
                                                        ["kstthc", "check"]]  # fmt: skip
    monkeypatch.chdir(tmp_path)
    # the decision's Word file the README reads from: the commune, year and decision printed
    shipped_docx(
        tmp_path / "ke-hoach-2026.docx",
        year=2026,
        commune="Tân Phú",
        decision="12/QĐ-UBND ngày 05/01/2026",
    )
    typed = "Tân Phú\nQuảng Ngãi\n2026\n\n\nNguyễn Văn An\n\n"
    from_docx = "Quảng Ngãi\nNguyễn Văn An\n\n"  # what the Word file does not say
    assert any("--from-docx" in line for line in lines)
    for line in lines:
        args = shlex.split(line.replace("D:\\", f"{tmp_path}/"))
        if args[0] == "cd":
            monkeypatch.chdir(args[1])
            continue
        monkeypatch.setattr(sys, "stdin", _Typed(from_docx if "--from-docx" in args else typed))
        r = cli(*args[1:], *(AS_OF if args[1] in ("check", "status") else ()))
        assert r.code == 0, (line, r.err)
    assert (tmp_path / "KSTTHC" / "data" / "plan_2026.yaml").exists()
    assert (tmp_path / "KSTTHC" / "xa-tan-phu" / "data" / "plan_2026.yaml").exists()
    plan = (tmp_path / "KSTTHC-Word" / "data" / "plan_2026.yaml").read_text(encoding="utf-8")
    assert '  number: "12/QĐ-UBND"\n  date: "2026-01-05"\n' in plan
