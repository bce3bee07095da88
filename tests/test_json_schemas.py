"""Every command's ``--json`` against the JSON Schema shipped for it (``kstthc_cli/schemas``), and
the one vocabulary: an object at the top with ``year`` and ``as_of``, snake_case keys, one shape
for a target; a failed run still prints a JSON object with its problems."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from tests import vcs_support
from tests.conftest import Result
from tests.support import REPO, SHIPPED, write
from tests.test_rollup_dossiers import A as FIGURES

clock, no_git, repo = vcs_support.clock, vcs_support.no_git, vcs_support.repo  # the fixtures

SCHEMAS = REPO / "kstthc_cli" / "schemas"
KEY = re.compile(r"^[a-z][a-z0-9_]*$")
AS_OF = "2024-04-20"
RECORDS = """
year: 2024
tasks:
  - task: "1"
    date: 2024-03-10
    evidence: "Quyết định số 1/QĐ-UBND"
indicators:
  - indicator: "1"
    period: "q1"
    numerator: 30
    denominator: 80
  - indicator: "10"
    period: "q1"
    value: 85.5
"""


def validate(name: str, data: Any) -> None:
    schema = json.loads((SCHEMAS / f"{name}.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:5])


def keys(data: Any, path: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(data, dict):
        for k, v in data.items():
            yield path, k
            yield from keys(v, f"{path}.{k}")
    elif isinstance(data, list):
        for v in data:
            yield from keys(v, f"{path}[]")


def targets(data: Any) -> Iterator[Any]:
    if isinstance(data, dict):
        for k, v in data.items():
            if k in ("target", "central", "assigned"):
                yield v
            yield from targets(v)
    elif isinstance(data, list):
        for v in data:
            yield from targets(v)


def check_vocabulary(name: str, data: Any) -> None:
    validate(name, data)
    assert isinstance(data, dict) and {"year", "as_of"} <= set(data)
    bad = [f"{p}.{k}" for p, k in keys(data) if not KEY.match(k)]
    assert bad == []
    for t in targets(data):
        assert set(t) == {"op", "value", "text"}, t


@pytest.fixture
def commune(ws: Path) -> Path:
    write(ws / "actuals_2024.yaml", RECORDS)
    write(ws / "figures_2024.yaml", FIGURES)
    return ws


def _json(cli: Callable[..., Result], *args: str, code: int = 0) -> Any:
    r = cli(*args, "--json")
    assert r.code == code, r.err
    return json.loads(r.out)


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("status", ["status"]),
        ("status", ["status", "--unit", "vp-tk"]),
        ("tasks", ["tasks"]),
        ("tasks", ["tasks", "--overdue", "--period", "q1"]),
        ("calendar", ["calendar"]),
        ("targets", ["targets"]),
        ("check", ["check"]),
    ],
)
def test_workspace_commands(
    cli: Callable[..., Result], commune: Path, name: str, args: list[str]
) -> None:
    data = _json(cli, *args, "--data", str(commune), "--as-of", AS_OF)
    check_vocabulary(name, data)
    assert (data["year"], data["as_of"]) == (2024, AS_OF)


def test_status_targets_and_keys(cli: Callable[..., Result], commune: Path) -> None:
    data = _json(cli, "status", "--data", str(commune), "--as-of", AS_OF)
    assert set(data["summary"]) == {"overdue", "due_soon", "in_progress", "upcoming", "ongoing",
                                    "done"}  # fmt: skip
    three = {i["id"]: i for i in data["indicators"]}["3"]
    assert three["target"] == {"op": ">=", "value": 50, "text": "≥ 50 %"}
    assert three["central"] == {"op": ">=", "value": 50, "text": "≥ 50 %"}
    assert three["target_wording"]


def test_check_with_errors(cli: Callable[..., Result], commune: Path) -> None:
    write(commune / "actuals_2024.yaml", RECORDS.replace("numerator: 30", "numerator: 90"))
    data = _json(cli, "check", "--data", str(commune), "--as-of", AS_OF, code=1)
    check_vocabulary("check", data)
    assert data["problems"][0]["code"] == "numerator-above-denominator"


def test_rollup(cli: Callable[..., Result], commune: Path, tmp_path: Path) -> None:
    pack = tmp_path / "goi.zip"
    assert cli("pack", "--data", str(commune), "--as-of", AS_OF, "-o", str(pack)).code == 0
    broken = tmp_path / "hong.zip"
    broken.write_bytes(pack.read_bytes()[:100])
    empty = tmp_path / "trong"
    empty.mkdir()
    for extra in ([], ["--period", "q1"]):
        data = _json(cli, "rollup", str(commune), str(pack), str(broken), str(empty), "--as-of",
                     AS_OF, *extra, code=1)  # fmt: skip
        check_vocabulary("rollup", data)
    assert data["dossiers"]["total"]["received_total"] == 2 * 50  # the folder and its pack
    three = {i["id"]: i for i in data["indicators"]}["3"]
    assert three["target"] == {"op": ">=", "value": 50, "text": "≥ 50 %"}
    assert {f["id"]: f for f in data["communes"][0]["indicators"]}["3"]["target"]["value"] == 50


def test_rollup_json_to_a_file_is_utf8(
    cli: Callable[..., Result], commune: Path, tmp_path: Path
) -> None:
    out = tmp_path / "tong-hop.json"
    printed = cli("rollup", str(commune), "--as-of", AS_OF, "--json")
    r = cli("rollup", str(commune), "--as-of", AS_OF, "--json", "-o", str(out))
    assert r.code == 0, r.err
    assert r.out == "" and r.err == f"Đã ghi {out} (1 xã).\n"
    assert out.read_bytes() == printed.out.encode("utf-8")
    assert "Hương Trà".encode() in out.read_bytes()
    r = cli("rollup", str(commune), "--as-of", AS_OF, "-o", str(tmp_path / "b.json"))
    assert r.code == 0 and json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))


def test_history_and_diff(cli: Callable[..., Result], repo: Path) -> None:
    r = cli("record", "indicator", "3", "--period", "q1", "--num", "3", "--den", "8", "--data",
            str(repo), "--as-of", AS_OF)  # fmt: skip
    assert r.code == 0, r.err
    data = _json(cli, "history", "--data", str(repo))
    check_vocabulary("history", data)
    assert data["entries"] and (data["year"], data["as_of"]) == (None, None)
    plan = repo / "plan_2024.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(
        text.replace(vcs_support.OLD_TIMEFRAME, vcs_support.NEW_TIMEFRAME), encoding="utf-8"
    )
    data = _json(cli, "diff", "--data", str(repo))
    check_vocabulary("diff", data)
    assert data["changes"]


@pytest.mark.parametrize(
    ("args", "code", "problem"),
    [
        (["status", "--as-of", "31/02/2024"], 2, "command-line"),
        (["tasks", "--periodd", "q1"], 2, "command-line"),
        (["status", "--data", "{missing}"], 2, "command-line"),
        (["status"], 1, "numerator-above-denominator"),
        (["calendar"], 1, "numerator-above-denominator"),
        (["targets", "--unit", "x"], 2, "command-line"),
        (["status", "--unit"], 2, "command-line"),  # --unit swallowing --json
    ],
)
def test_a_failed_run_still_prints_json(
    cli: Callable[..., Result],
    commune: Path,
    tmp_path: Path,
    args: list[str],
    code: int,
    problem: str,
) -> None:
    write(commune / "actuals_2024.yaml", RECORDS.replace("numerator: 30", "numerator: 90"))
    args = [a.format(missing=tmp_path / "khong-co") for a in args]
    if "--data" not in args:
        args += ["--data", str(commune)]
    r = cli(*args, "--json")
    assert r.code == code
    data = json.loads(r.out)
    check_vocabulary("error", data)
    assert data["problems"][0]["code"] == problem
    assert r.err  # the person still reads why on stderr


def test_every_command_with_json_has_a_schema() -> None:
    import typer

    from kstthc_cli.cli.app import make_app
    from tests.test_readme_commands import COMMANDS

    group = typer.main.get_command(make_app())
    with_json = []
    for name in COMMANDS:
        command: Any = group
        for part in name.split():
            command = command.commands[part]
        if any("--json" in p.opts for p in getattr(command, "params", [])):
            with_json.append(name)
    assert sorted(with_json) == sorted(p.stem for p in SCHEMAS.glob("*.json") if p.stem != "error")


def test_shipped_sample_validates(cli: Callable[..., Result]) -> None:
    data = _json(cli, "status", "--data", str(SHIPPED), "--as-of", AS_OF)
    check_vocabulary("status", data)


# ---------------------------------------------------------------- --json -o FILE

WORKSPACE_COMMANDS = [
    ("status", ["status"]),
    ("tasks", ["tasks"]),
    ("calendar", ["calendar"]),
    ("targets", ["targets"]),
    ("check", ["check"]),
]


@pytest.mark.parametrize(("name", "args"), WORKSPACE_COMMANDS)
def test_json_to_a_file_is_what_stdout_has_in_utf8(
    cli: Callable[..., Result], commune: Path, tmp_path: Path, name: str, args: list[str]
) -> None:
    out = tmp_path / "ket-qua.json"
    given = [*args, "--data", str(commune), "--as-of", AS_OF, "--json"]
    printed = cli(*given)
    r = cli(*given, "-o", str(out))
    assert (r.code, r.out, r.err) == (0, "", f"Đã ghi JSON vào {out}.\n")
    raw = out.read_bytes()
    assert raw == printed.out.encode("utf-8")
    assert not raw.startswith(b"\xef\xbb\xbf") and raw.endswith(b"}\n")
    assert re.search("[À-ỹ]", raw.decode("utf-8"))  # Vietnamese as it is, not \u escapes
    check_vocabulary(name, json.loads(raw.decode("utf-8")))


def test_json_to_a_file_of_history_and_diff(
    cli: Callable[..., Result], repo: Path, tmp_path: Path
) -> None:
    r = cli("record", "indicator", "3", "--period", "q1", "--num", "3", "--den", "8", "--data",
            str(repo), "--as-of", AS_OF)  # fmt: skip
    assert r.code == 0, r.err
    for name in ("history", "diff"):
        out = tmp_path / f"{name}.json"
        printed = cli(name, "--data", str(repo), "--json")
        r = cli(name, "--data", str(repo), "--json", "--output", str(out))
        assert (r.code, r.out, r.err) == (0, "", f"Đã ghi JSON vào {out}.\n")
        assert out.read_bytes() == printed.out.encode("utf-8")
        check_vocabulary(name, json.loads(out.read_text(encoding="utf-8")))


def test_a_failed_run_writes_its_json_to_the_file(
    cli: Callable[..., Result], commune: Path, tmp_path: Path
) -> None:
    write(commune / "actuals_2024.yaml", RECORDS.replace("numerator: 30", "numerator: 90"))
    out = tmp_path / "ket-qua.json"
    for args, code, name in (
        (["status"], 1, "error"),  # the data has errors: stopped
        (["tasks", "--period", "q9"], 2, "error"),  # a wrong command line, once -o is checked
        (["check"], 1, "check"),  # check says the errors: its own JSON
    ):
        printed = cli(*args, "--data", str(commune), "--as-of", AS_OF, "--json")
        r = cli(*args, "--data", str(commune), "--as-of", AS_OF, "--json", "-o", str(out))
        assert r.code == printed.code == code
        assert r.out == "" and f"Đã ghi JSON vào {out}.\n" in r.err
        assert out.read_bytes() == printed.out.encode("utf-8")
        data = json.loads(out.read_text(encoding="utf-8"))
        check_vocabulary(name, data)
        first = data["problems"][0]["code"]
        assert first == ("command-line" if code == 2 else "numerator-above-denominator")
        out.unlink()


@pytest.mark.parametrize("command", ["status", "tasks", "calendar", "targets", "check",
                                     "history", "diff"])  # fmt: skip
def test_output_without_json_is_a_usage_error(
    cli: Callable[..., Result], commune: Path, tmp_path: Path, command: str
) -> None:
    out = tmp_path / "ket-qua.json"
    r = cli(command, "--data", str(commune), "--as-of", AS_OF, "-o", str(out))
    assert (r.code, r.out) == (2, "")
    assert r.err == (
        "Lỗi: Tùy chọn -o của lệnh này chỉ dùng để ghi kết quả dạng JSON ra tệp.\n"
        "  → Thêm --json, ví dụ: --json -o ket-qua.json; hoặc bỏ -o để xem kết quả trên màn "
        "hình.\n"
    )
    assert not out.exists()


def test_a_refused_output_writes_nothing(
    cli: Callable[..., Result], commune: Path, tmp_path: Path
) -> None:
    from tests.support import snapshot

    plan = commune / "plan_2024.yaml"
    link = tmp_path / "lien-ket.json"
    link.symlink_to(plan)
    before = snapshot(commune)
    missing = tmp_path / "khong-co"
    for target, message in (
        (plan, f"'{plan}' là tệp dữ liệu của xã; tệp JSON sinh ra không được ghi đè lên nó."),
        (link, f"'{link}' là tệp dữ liệu của xã; tệp JSON sinh ra không được ghi đè lên nó."),
        (tmp_path, f"'{tmp_path}' là một thư mục."),
        (missing / "a.json", f"Không có thư mục '{missing}' để ghi tệp."),
    ):
        for command in ("status", "check"):
            r = cli(command, "--data", str(commune), "--as-of", AS_OF, "--json", "-o", str(target))
            assert r.code == 2
            assert r.err.startswith(f"Lỗi: {message}\n"), r.err
            data = json.loads(r.out)  # said on stdout: the file was not usable
            check_vocabulary("error", data)
            assert data["problems"][0]["message"] == message
    assert snapshot(commune) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["data", "lien-ket.json"])
