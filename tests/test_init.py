"""``write.init`` and ``api.init_workspace``: a commune's workspace from the bundled sample, its
``to_confirm`` markers, the refusal of a folder with a plan, and the repository it makes."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from kstthc_cli import api
from kstthc_cli.errors import DataError, UsageError, WriteRefused
from kstthc_cli.load.workspace import load_workspace
from kstthc_cli.write import init, vcs
from tests import vcs_support
from tests.support import SHIPPED, snapshot

clock, no_git = vcs_support.clock, vcs_support.no_git  # the fixtures

ANSWERS = init.Answers(
    commune="Tân Phú",
    province="Quảng Ngãi",
    year=2026,
    decision_number="12/QĐ-UBND",
    decision_date=date(2026, 1, 5),
    signer="Nguyễn Văn An",
    signer_title="Chủ tịch",
)


def _started(folder: Path, answers: init.Answers = ANSWERS, **kw: object) -> init.Started:
    return api.init_workspace(folder=folder, answers=answers, commit=False, **kw)  # type: ignore[arg-type]


def _codes(folder: Path) -> list[str]:
    _, problems = load_workspace(folder / "data", 2026)
    return [p.code for p in problems]


def test_the_sample_names_what_init_replaces() -> None:
    plan = (SHIPPED / "plan_2024.yaml").read_text(encoding="utf-8")
    for name in (init.SAMPLE_COMMUNE, init.SAMPLE_DISTRICT, init.SAMPLE_PROVINCE):
        assert name in plan
    assert f'"{init.SAMPLE_ONE_STOP}"' in plan


@pytest.mark.parametrize(
    ("commune", "province", "full", "province_full"),
    [
        ("Tân Phú", "Quảng Ngãi", "xã Tân Phú", "tỉnh Quảng Ngãi"),
        ("Xã  Tân Phú ", "Tỉnh Quảng Ngãi", "xã Tân Phú", "tỉnh Quảng Ngãi"),
        ("phường An Hòa", "thành phố Huế", "phường An Hòa", "thành phố Huế"),
        ("đặc khu Lý Sơn", "Quảng Ngãi", "đặc khu Lý Sơn", "tỉnh Quảng Ngãi"),
    ],
)
def test_names(commune: str, province: str, full: str, province_full: str) -> None:
    import dataclasses

    n = init.names(dataclasses.replace(ANSWERS, commune=commune, province=province))
    assert (n.full, n.province) == (full, province_full)


def test_a_workspace_that_passes_check(tmp_path: Path) -> None:
    started = _started(tmp_path / "xa")
    assert started.plan_path == tmp_path / "xa" / "data" / "plan_2026.yaml"
    ws, problems = load_workspace(tmp_path / "xa" / "data", 2026)
    assert ws is not None
    assert [p for p in problems if p.is_error] == []
    assert {p.code for p in problems} == {"to-confirm"}
    assert len(problems) == started.to_confirm == 29
    plan = ws.plan
    assert plan.title == (
        "Kế hoạch hoạt động kiểm soát thủ tục hành chính năm 2026 trên địa bàn xã Tân Phú"
    )
    assert (plan.issuing_body, plan.parent_body, plan.place) == (
        "Ủy ban nhân dân xã Tân Phú",
        "Ủy ban nhân dân tỉnh Quảng Ngãi",
        "Tân Phú",
    )
    d = plan.decision
    assert (d.number, d.date, d.signer, d.signer_title) == (
        "12/QĐ-UBND",
        date(2026, 1, 5),
        "Nguyễn Văn An",
        "Chủ tịch",
    )
    r = plan.reporting
    assert (r.recipient, r.preparer, r.cutoff_rule, r.due_day) == (
        "Văn phòng UBND tỉnh Quảng Ngãi",
        "tt-hcc",
        "nd09",
        17,
    )
    assert plan.unit_names()["tt-hcc"] == "Trung tâm Phục vụ hành chính công xã"
    assert "mot-cua" not in plan.unit_names()
    # the sample's sections and tasks, year words moved
    sample, _ = load_workspace(SHIPPED, 2024)
    assert sample is not None
    assert [(s.id, [t.id for t in s.tasks]) for s in plan.sections] == [
        (s.id, [t.id for t in s.tasks]) for s in sample.plan.sections
    ]
    assert plan.sections[0].tasks[0].content == (
        "Xây dựng, ban hành các văn bản về kiểm soát TTHC năm 2026."
    )
    assert [t.timeframe for _, t in plan.all_tasks()] == [
        t.timeframe for _, t in sample.plan.all_tasks()
    ]
    # the sample's indicators as they are, their units the new commune's
    assert [i.id for i in ws.indicators.indicators] == [i.id for i in sample.indicators.indicators]
    assert ws.indicators.indicators[1].units == ["tt-hcc"]
    assert ws.indicators.year == 2026
    # nothing of the sample's locality is left but what is marked to confirm
    text = started.plan_path.read_text(encoding="utf-8")
    assert "Hương Trà" not in text.split("\n", 2)[2]  # only the header says whose sample it is
    assert "Trà Bồng" not in text
    assert "UBND huyện" not in text


def test_the_legal_bases_are_the_national_ones(tmp_path: Path) -> None:
    _started(tmp_path / "xa")
    ws, _ = load_workspace(tmp_path / "xa" / "data", 2026)
    assert ws is not None
    bases = ws.plan.decision.legal_bases
    numbers = [b.number for b in bases]
    assert "63/2010/NĐ-CP" in numbers and "766/QĐ-TTg" in numbers
    # the province's and district's documents, and the sample year's, are left out
    assert not {"1201/QĐ-UBND", "44/2022/QĐ-UBND", "104/QĐ-TTg", "20/QĐ-VPCP"} & set(numbers)
    assert sorted({b.group for b in bases}) == list(range(1, 8))


def test_each_warning_is_at_its_value(tmp_path: Path) -> None:
    _started(tmp_path / "xa")
    _, problems = load_workspace(tmp_path / "xa" / "data", 2026)
    by_file = {p.file: p for p in problems}
    assert len(by_file) == 2
    for p in problems:
        line = (Path(p.file).read_text(encoding="utf-8").splitlines())[p.line - 1]
        assert p.source == line
    shown = {(Path(p.file).name, p.message, (p.source or "").strip()) for p in problems}
    assert (
        "plan_2026.yaml",
        "'reporting.due_day' do kstthc init điền sẵn, chưa được xác nhận.",
        "due_day: 17",
    ) in shown
    assert (
        "indicators_2026.yaml",
        "'target' của chỉ tiêu 3 do kstthc init điền sẵn, chưa được xác nhận.",
        'text: "Tối thiểu 50"',
    ) in shown
    twelve = next(p for p in problems if "nhiệm vụ 12" in p.message)
    assert (
        twelve.message == "'content' của nhiệm vụ 12 do kstthc init điền sẵn, chưa được xác nhận."
    )
    assert twelve.hint == (
        "Đối chiếu với văn bản của xã, sửa nếu cần, rồi xóa 'content' khỏi to_confirm của mục này."
    )
    assert twelve.source is not None and "4265/KH-UBND" in twelve.source


def test_confirming_takes_the_warnings_away(tmp_path: Path) -> None:
    started = _started(tmp_path / "xa")
    plan = started.plan_path
    text = plan.read_text(encoding="utf-8")
    one = '  to_confirm: ["recipient", "due_day", "signer", "report_recipients"]\n'
    assert one in text
    plan.write_text(
        text.replace(one, '  to_confirm: ["recipient", "signer", "report_recipients"]\n'),
        encoding="utf-8",
    )
    assert _codes(tmp_path / "xa").count("to-confirm") == 28
    for path in (started.plan_path, started.indicators_path):
        kept = [
            line
            for line in path.read_text(encoding="utf-8").splitlines(keepends=True)
            if not line.lstrip().startswith("to_confirm:")
        ]
        path.write_text("".join(kept), encoding="utf-8")
    assert _codes(tmp_path / "xa") == []


def test_a_marker_that_names_no_key(tmp_path: Path) -> None:
    started = _started(tmp_path / "xa")
    text = started.plan_path.read_text(encoding="utf-8")
    started.plan_path.write_text(
        text.replace('to_confirm: ["units"]', 'to_confirm: ["unit"]'), encoding="utf-8"
    )
    _, problems = load_workspace(tmp_path / "xa" / "data", 2026)
    wrong = [p for p in problems if "'unit'" in p.message]
    assert [(p.message, p.hint, p.severity) for p in wrong] == [
        (
            "'to_confirm' ghi 'unit' nhưng mục này không có khóa 'unit'.",
            "Xóa 'unit' khỏi to_confirm.",
            "warning",
        )
    ]
    started.plan_path.write_text(
        text.replace('to_confirm: ["units"]', "to_confirm: {units: 1}"), encoding="utf-8"
    )
    _, problems = load_workspace(tmp_path / "xa" / "data", 2026)
    assert "'to_confirm' phải là danh sách tên khóa của mục này." in [p.message for p in problems]


def test_names_are_quoted_whatever_they_hold(tmp_path: Path) -> None:
    import dataclasses

    odd = dataclasses.replace(
        ANSWERS, commune='Tân "Phú" \\ # : x', signer="Lê Thị 'B' #1", decision_number=None,
        decision_date=None,
    )  # fmt: skip
    _started(tmp_path / "xa", odd)
    ws, problems = load_workspace(tmp_path / "xa" / "data", 2026)
    assert ws is not None and not any(p.is_error for p in problems)
    assert ws.plan.issuing_body == 'Ủy ban nhân dân xã Tân "Phú" \\ # : x'
    assert ws.plan.decision.signer == "Lê Thị 'B' #1"
    assert ws.plan.decision.number is None
    assert "decision-incomplete" in [p.code for p in problems]


def test_a_ward_says_phuong(tmp_path: Path) -> None:
    import dataclasses

    _started(tmp_path / "xa", dataclasses.replace(ANSWERS, commune="phường An Hòa"))
    ws, _ = load_workspace(tmp_path / "xa" / "data", 2026)
    assert ws is not None
    assert ws.plan.issuing_body == "Ủy ban nhân dân phường An Hòa"
    assert ws.plan.unit_names()["tt-hcc"] == "Trung tâm Phục vụ hành chính công phường"
    assert (
        ws.plan.sections[2]
        .tasks[0]
        .content.startswith("Xây dựng và trình Chủ tịch UBND phường phê duyệt")
    )


def test_a_vice_chairman_signs_for_the_chairman(tmp_path: Path) -> None:
    import dataclasses

    _started(tmp_path / "xa", dataclasses.replace(ANSWERS, signer_title="Phó Chủ tịch"))
    ws, _ = load_workspace(tmp_path / "xa" / "data", 2026)
    assert ws is not None
    # NĐ 30: TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH (the collective's line kept)
    assert ws.plan.reporting.signing_on_behalf == "TM. ỦY BAN NHÂN DÂN"
    assert ws.plan.reporting.signer_capacity == "pho-chu-tich"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"year": 1999}, "Năm 1999 không hợp lệ."),
        ({"commune": "Tân\nPhú"}, "Tên xã có ký tự điều khiển hoặc xuống dòng."),
        ({"signer": "  "}, "Chưa ghi người ký."),
        ({"commune": "xã "}, "Chưa ghi tên xã."),
    ],
)
def test_bad_answers(tmp_path: Path, change: dict[str, object], message: str) -> None:
    import dataclasses

    with pytest.raises(UsageError) as exc:
        _started(tmp_path / "xa", dataclasses.replace(ANSWERS, **change))  # type: ignore[arg-type]
    assert exc.value.message == message
    assert not (tmp_path / "xa").exists()


@pytest.mark.parametrize("where", ["data/plan_2024.yaml", "plan_2025.yaml"])
def test_a_folder_with_a_plan_is_refused(tmp_path: Path, where: str) -> None:
    folder = tmp_path / "xa"
    (folder / where).parent.mkdir(parents=True)
    shutil.copy(SHIPPED / "plan_2024.yaml", folder / where)
    before = snapshot(folder)
    with pytest.raises(WriteRefused) as exc:
        api.init_workspace(folder=folder, answers=ANSWERS)
    assert "kstthc init không ghi đè. Chưa ghi gì." in exc.value.message
    assert snapshot(folder) == before
    assert not (folder / ".git").exists()


def test_a_draft_with_errors_writes_nothing(tmp_path: Path) -> None:
    with pytest.raises(DataError) as exc:
        _started(tmp_path / "xa", plan_text="year: 2026\n")
    assert exc.value.message == "Bản nháp kế hoạch có lỗi nên chưa ghi gì."
    assert not (tmp_path / "xa").exists()


def test_a_draft_plugs_in(tmp_path: Path) -> None:
    """What ``init --from-docx`` will hand over: the plan's and indicators' texts."""
    plan = init.plan_text(ANSWERS).replace("Tân Phú", "Tân Lộc")
    started = _started(tmp_path / "xa", plan_text=plan)
    assert started.plan_path.read_text(encoding="utf-8") == plan


# ---------------------------------------------------------------- the repository


def test_a_repository_with_one_commit_without_git(tmp_path: Path, no_git: None) -> None:
    assert shutil.which("git") is None
    folder = tmp_path / "xa"
    started = api.init_workspace(folder=folder, answers=ANSWERS)
    assert started.repository_created and started.commit is not None
    assert (folder / ".git").is_dir()
    assert (folder / ".gitignore").read_text(encoding="utf-8") == vcs.GITIGNORE
    revisions = vcs.revisions(folder=folder / "data")
    assert len(revisions) == 1
    info = revisions[0].info
    assert info.id == started.commit
    assert info.message == (
        "Lập kế hoạch KSTTHC năm 2026 của xã Tân Phú "
        "(data/plan_2026.yaml, data/indicators_2026.yaml)\n\nKstthc: init\n"
    )
    assert sorted(revisions[0].after) == ["indicators_2026.yaml", "plan_2026.yaml"]
    from dulwich import porcelain

    status = porcelain.status(str(folder))
    assert status.untracked == [] and not any(status.staged.values())
    assert status.unstaged == []


def test_no_commit_makes_no_repository(tmp_path: Path, no_git: None) -> None:
    started = api.init_workspace(folder=tmp_path / "xa", answers=ANSWERS, commit=False)
    assert started.commit is None and not started.repository_created
    assert not (tmp_path / "xa" / ".git").exists()
    assert not (tmp_path / "xa" / ".gitignore").exists()


@pytest.mark.skipif(vcs_support.GIT is None, reason="git is not installed on this machine")
def test_a_repository_made_by_git_gets_just_the_new_files(tmp_path: Path, clock: None) -> None:
    assert vcs_support.GIT is not None
    folder = tmp_path / "xa"
    folder.mkdir()
    env = {"HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin"}

    def git(*args: str) -> str:
        ident = ["-c", "user.name=Cán bộ", "-c", "user.email=canbo@xa.example"]
        done = subprocess.run(
            [vcs_support.GIT, *ident, *args], cwd=folder, check=True, capture_output=True,
            text=True, env=env,
        )  # fmt: skip
        return done.stdout

    git("init", "-q")
    (folder / "ghi-chu.txt").write_text("việc riêng của cán bộ\n", encoding="utf-8")
    started = api.init_workspace(folder=folder, answers=ANSWERS)
    assert not started.repository_created and started.commit is not None
    assert git("log", "--format=%s") == (
        "Lập kế hoạch KSTTHC năm 2026 của xã Tân Phú "
        "(data/plan_2026.yaml, data/indicators_2026.yaml)\n"
    )
    assert git("show", "--name-only", "--format=", "HEAD").split() == [
        ".gitignore",
        "data/indicators_2026.yaml",
        "data/plan_2026.yaml",
    ]
    assert git("status", "--porcelain") == "?? ghi-chu.txt\n"  # the officer's file stays out
    git("fsck", "--no-progress")


def test_the_commit_title() -> None:
    started = init.Started(
        Path("xa"), Path("xa/data"), 2026, Path("xa/data/plan_2026.yaml"),
        Path("xa/data/indicators_2026.yaml"), [],
    )  # fmt: skip
    assert re.fullmatch(
        r"Lập kế hoạch KSTTHC năm 2026 của xã X \(.+\)", init.commit_title(started, "xã X")
    )


def test_a_repository_in_a_bad_state_is_refused_before_writing(
    tmp_path: Path, no_git: None
) -> None:
    from dulwich.repo import Repo

    folder = tmp_path / "xa"
    folder.mkdir()
    Repo.init(str(folder), default_branch=b"main").close()
    (folder / ".git" / "MERGE_HEAD").write_text("0" * 40 + "\n", encoding="utf-8")
    before = snapshot(folder)
    with pytest.raises(vcs.RepositoryError) as exc:
        api.init_workspace(folder=folder, answers=ANSWERS)
    assert exc.value.message == (
        "Kho git của thư mục dữ liệu đang dở một lần hợp nhất (merge); kstthc không ghi vào "
        "lịch sử lúc này."
    )
    assert snapshot(folder) == before
