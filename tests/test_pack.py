"""``kstthc pack`` on the commune side; ``rollup`` of packs on the province side: digests checked,
members read in memory with limits, nothing ever written outside the output."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Result
from tests.support import snapshot, write

AS_OF = "2024-07-01"


def _records(ws: Path, num: int) -> None:
    write(
        ws / "actuals_2024.yaml",
        f"""
        year: 2024
        indicators:
          - indicator: "3"
            period: "q1"
            numerator: {num}
            denominator: 80
        """,
    )


def _pack(cli: Callable[..., Result], ws: Path, out: Path, *extra: str) -> Result:
    return cli("pack", "--data", str(ws), "--as-of", AS_OF, "-o", str(out), *extra)


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def _rezip(path: Path, members: dict[str, bytes]) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    path.write_bytes(buffer.getvalue())


def test_pack_holds_the_files_byte_for_byte_and_a_manifest(
    cli: Callable[..., Result], ws: Path, tmp_path: Path
) -> None:
    _records(ws, 40)
    (ws / "narrative_2024_Q2.md").write_text("Đánh giá quý II.", encoding="utf-8")
    out = tmp_path / "goi.zip"
    r = _pack(cli, ws, out)
    assert r.code == 0, r.err
    assert r.err.startswith(f"Đã đóng gói {out}: Hương Trà, Quý II/2024 (4 tệp, ")
    members = _members(out)
    assert sorted(members) == [
        "actuals_2024.yaml",
        "indicators_2024.yaml",
        "manifest.json",
        "narrative_2024_Q2.md",
        "plan_2024.yaml",
    ]
    for name, data in members.items():
        if name != "manifest.json":
            assert data == (ws / name).read_bytes()
    manifest = json.loads(members["manifest.json"])
    assert manifest["format"] == "kstthc-pack" and manifest["format_version"] == 1
    assert (manifest["year"], manifest["period"], manifest["as_of"]) == (2024, "Q2", AS_OF)
    assert manifest["commune"] == "Ủy ban nhân dân xã Hương Trà"
    assert manifest["kstthc"]
    listed = {f["name"]: f for f in manifest["files"]}
    assert set(listed) == set(members) - {"manifest.json"}
    for name, f in listed.items():
        assert f["sha256"] == hashlib.sha256(members[name]).hexdigest()
        assert f["size"] == len(members[name])


def test_pack_defaults(
    cli: Callable[..., Result], ws: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    r = cli("pack", "--data", str(ws), "--as-of", "2024-04-20")
    assert r.code == 0, r.err
    assert (tmp_path / "goi-huong-tra-2024-q1.zip").is_file()  # Q1 ended on 14/03
    r = cli("pack", "--data", str(ws), "--as-of", "2024-04-20", "--period", "6t")
    assert r.code == 0, r.err
    assert (
        json.loads(_members(tmp_path / "goi-huong-tra-2024-h1.zip")["manifest.json"])["period"]
        == "H1"
    )


def test_pack_refuses_a_workspace_with_errors(
    cli: Callable[..., Result], ws: Path, tmp_path: Path
) -> None:
    write(ws / "actuals_2024.yaml", "year: 2024\nindicators:\n  - indicator: '3'\n    period: q1\n"
          "    numerator: 90\n    denominator: 80\n")  # fmt: skip
    before = snapshot(tmp_path)
    r = _pack(cli, ws, tmp_path / "goi.zip")
    assert r.code == 1
    assert "[numerator-above-denominator]" in r.err
    assert "Chưa đóng gói: dữ liệu của xã còn lỗi." in r.err
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("goi.txt", "Tệp gói '{out}' phải có đuôi .zip."),
        ("data/plan_2024.zip", None),
    ],
)
def test_pack_bad_outputs(
    cli: Callable[..., Result], ws: Path, tmp_path: Path, name: str, message: str | None
) -> None:
    out = tmp_path / name
    r = _pack(cli, ws, out)
    if message is None:  # a zip beside the data files is fine: it is not one of them
        assert r.code == 0, r.err
        return
    assert r.code == 2
    assert f"Lỗi: {message.format(out=out)}" in r.err


def test_packs_roll_up_as_their_folders(
    cli: Callable[..., Result], ws: Path, tmp_path: Path
) -> None:
    _records(ws, 40)
    out = tmp_path / "goi.zip"
    assert _pack(cli, ws, out).code == 0
    folder = cli("rollup", str(ws), "--as-of", AS_OF, "--json")
    packed = cli("rollup", str(out), "--as-of", AS_OF, "--json")
    assert (folder.code, packed.code) == (0, 0), packed.err
    same = folder.out.replace(str(ws), "XA")
    assert packed.out.replace(str(out), "XA") == same
    text = cli("rollup", str(out), "--as-of", AS_OF)
    assert text.code == 0 and "goi.zip" in text.out


def test_zip_patterns_are_expanded(
    cli: Callable[..., Result], ws: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for k in (1, 2):
        assert _pack(cli, ws, tmp_path / f"goi-{k}.zip").code == 0
    monkeypatch.chdir(tmp_path)
    r = cli("rollup", "goi-*.zip", "--as-of", AS_OF, "--json")
    assert r.code == 0, r.err
    assert [c["dir"] for c in json.loads(r.out)["communes"]] == ["goi-1.zip", "goi-2.zip"]


def _broken_pack(kind: str, good: Path, target: Path) -> None:
    members = _members(good)
    if kind == "altered":
        members["actuals_2024.yaml"] = members["actuals_2024.yaml"].replace(b"40", b"70")
        _rezip(target, members)
    elif kind == "truncated":
        target.write_bytes(good.read_bytes()[:-200])
    elif kind == "not-a-zip":
        target.write_bytes(b"PK\x03\x04 but nothing else")
    elif kind == "traversal":
        _rezip(target, {**members, "../x": b"owned"})
    elif kind == "folder-member":
        _rezip(target, {**members, "data/plan_2024.yaml": members["plan_2024.yaml"]})
    elif kind == "no-manifest":
        members.pop("manifest.json")
        _rezip(target, members)
    elif kind == "unlisted":
        _rezip(target, {**members, "figures_2024.yaml": b"year: 2024\nperiods: []\n"})
    elif kind == "missing-member":
        members.pop("actuals_2024.yaml")
        _rezip(target, members)
    elif kind == "bomb":
        _rezip(target, {**members, "figures_2024.yaml": b" " * (6 * 1024 * 1024)})
    elif kind == "corrupt-member":
        raw = bytearray(good.read_bytes())
        start = raw.index(b"PK\x03\x04", 1)  # the second member's local header
        for i in range(start + 60, start + 90):
            raw[i] ^= 0x5A
        target.write_bytes(bytes(raw))
    elif kind == "encrypted":  # every member's flags say "encrypted" (zipfile cannot write one)
        raw = bytearray(good.read_bytes())
        for signature, at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
            i = raw.find(signature)
            while i >= 0:
                raw[i + at] |= 0x01
                i = raw.find(signature, i + 4)
        target.write_bytes(bytes(raw))
    elif kind == "bad-manifest":
        _rezip(target, {**members, "manifest.json": b"{not json"})


BROKEN = {
    "altered": (
        "pack-altered",
        "Tệp 'actuals_2024.yaml' trong gói đã bị thay đổi sau khi đóng gói (mã SHA-256 không "
        "khớp).",
    ),
    "truncated": (
        "pack-damaged",
        "Tệp gói bị hỏng hoặc không trọn vẹn (không đọc được như tệp .zip).",
    ),
    "not-a-zip": (
        "pack-damaged",
        "Tệp gói bị hỏng hoặc không trọn vẹn (không đọc được như tệp .zip).",
    ),
    "traversal": (
        "pack-unsafe",
        "Gói chứa tệp '../x' không phải tệp dữ liệu của xã (chỉ nhận plan_, indicators_, "
        "actuals_, figures_NĂM.yaml, narrative_…md và manifest.json, không có thư mục hay "
        "đường dẫn); không đọc gói này.",
    ),
    "folder-member": ("pack-unsafe", "Gói chứa tệp 'data/plan_2024.yaml' không phải"),
    "no-manifest": ("pack-altered", "Gói không có manifest.json (không do kstthc pack làm)."),
    "unlisted": (
        "pack-altered",
        "Tệp 'figures_2024.yaml' có trong gói mà không có trong manifest.json.",
    ),
    "missing-member": ("pack-altered", "Gói thiếu tệp 'actuals_2024.yaml' mà manifest.json kê."),
    "bomb": ("pack-unsafe", "Tệp 'figures_2024.yaml' trong gói lớn quá giới hạn đọc."),
    "bad-manifest": ("pack-altered", "manifest.json của gói không đúng mẫu của kstthc pack."),
    "corrupt-member": ("pack-damaged", "Tệp '"),
    "encrypted": ("pack-unsafe", "Tệp 'manifest.json' trong gói có mật khẩu; không đọc được."),
}


@pytest.mark.parametrize("kind", list(BROKEN))
def test_a_bad_pack_is_a_located_problem_and_left_out(
    cli: Callable[..., Result], ws: Path, tmp_path: Path, kind: str
) -> None:
    _records(ws, 40)
    good = tmp_path / "tot.zip"
    assert _pack(cli, ws, good).code == 0
    bad = tmp_path / "hong.zip"
    _broken_pack(kind, good, bad)
    before = snapshot(tmp_path.parent)
    r = cli("rollup", str(good), str(bad), "--as-of", AS_OF, "--json")
    assert r.code == 1
    assert snapshot(tmp_path.parent) == before  # nothing extracted, nothing written
    data = json.loads(r.out)
    code, message = BROKEN[kind]
    (problem,) = [p for p in data["problems"] if p["severity"] == "error"]
    assert problem["code"] == code
    assert problem["message"].startswith(message)
    assert problem["file"] == str(bad) and problem["dir"] == str(bad)
    assert problem["hint"].startswith("Nhờ xã chạy lại 'kstthc pack'")
    assert [c["ok"] for c in data["communes"]] == [True, False]
    p3 = {i["id"]: i for i in data["indicators"]}["3"]
    assert (p3["numerator"], p3["denominator"], p3["communes"]) == (40, 80, 1)

    text = cli("rollup", str(good), str(bad), "--as-of", AS_OF)
    assert text.code == 1
    assert f"{bad}: lỗi [{code}]: {message}" in " ".join(text.out.split())


def test_a_pack_of_another_year(cli: Callable[..., Result], ws: Path, tmp_path: Path) -> None:
    out = tmp_path / "goi.zip"
    assert _pack(cli, ws, out).code == 0
    r = cli("rollup", str(out), "--year", "2025", "--as-of", "2025-04-01", "--json")
    assert r.code == 1
    (problem,) = json.loads(r.out)["problems"]
    assert problem["code"] == "file-missing"
    assert problem["message"] == "Gói là dữ liệu năm 2024, không có kế hoạch năm 2025."


def test_rollup_never_writes_over_a_pack(
    cli: Callable[..., Result], ws: Path, tmp_path: Path
) -> None:
    out = tmp_path / "goi.md"
    assert _pack(cli, ws, tmp_path / "goi.zip").code == 0
    (tmp_path / "goi.zip").rename(out.with_suffix(".zip"))
    before = (tmp_path / "goi.zip").read_bytes()
    r = cli("rollup", str(tmp_path / "goi.zip"), "--as-of", AS_OF, "--format", "md", "-o",
            str(tmp_path / "goi.zip"))  # fmt: skip
    assert r.code == 2
    assert (tmp_path / "goi.zip").read_bytes() == before


def test_missing_pack(cli: Callable[..., Result], ws: Path, tmp_path: Path) -> None:
    r = cli("rollup", str(ws), str(tmp_path / "khong-co.zip"), "--as-of", AS_OF, "--json")
    assert r.code == 1
    problem = json.loads(r.out)["problems"][-1]
    assert (problem["code"], problem["message"]) == ("folder-missing", "Không có tệp gói này.")
