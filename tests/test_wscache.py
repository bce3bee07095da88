"""The validated workspace kept between runs: used only while the files are unchanged."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from kstthc_cli.errors import DataError
from kstthc_cli.load import workspace, wscache
from tests.support import write


def _fresh_only(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the times the files are really read and validated."""
    calls: list[int] = []
    real = workspace.load_workspace

    def counting(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(workspace, "load_workspace", counting)
    return calls


def test_an_unchanged_workspace_is_validated_once(
    ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _fresh_only(monkeypatch)
    first = workspace.open_workspace(ws, 2024, cached=True)
    second = workspace.open_workspace(ws, 2024, cached=True)
    assert len(calls) == 1
    assert (second.plan, second.indicators, second.actuals) == (
        first.plan,
        first.indicators,
        first.actuals,
    )
    assert second.problems == first.problems
    assert second.data_dir == ws and second.year == 2024
    assert second.docs == {}  # no source positions: only for commands that read


def test_a_changed_file_is_read_again(ws: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _fresh_only(monkeypatch)
    workspace.open_workspace(ws, 2024, cached=True)
    write(
        ws / "actuals_2024.yaml",
        """\
        year: 2024
        indicators:
          - indicator: "3"
            period: Q1
            numerator: 13
            denominator: 20
        """,
    )
    again = workspace.open_workspace(ws, 2024, cached=True)
    assert len(calls) == 2
    assert again.actuals.indicators[0].numerator == 13
    (ws / "actuals_2024.yaml").unlink()
    assert workspace.open_workspace(ws, 2024, cached=True).actuals.indicators == []
    assert len(calls) == 3


def test_a_workspace_with_errors_is_never_kept(ws: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plan = ws / "plan_2024.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("year: 2024", "year: 1999", 1))
    calls = _fresh_only(monkeypatch)
    for _ in range(2):
        with pytest.raises(DataError):
            workspace.open_workspace(ws, 2024, cached=True)
    assert len(calls) == 2


def test_a_damaged_entry_is_ignored(ws: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    workspace.open_workspace(ws, 2024, cached=True)
    entry = wscache._entry(ws, 2024)
    key, _, payload = entry.read_bytes().partition(b"\n")
    entry.write_bytes(key + b"\n" + payload[: len(payload) // 2])
    calls = _fresh_only(monkeypatch)
    assert workspace.open_workspace(ws, 2024, cached=True).year == 2024
    assert len(calls) == 1


def test_an_unwritable_cache_only_costs_time(
    ws: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("x")
    monkeypatch.setenv("KSTTHC_CACHE_DIR", str(blocked))
    calls = _fresh_only(monkeypatch)
    for _ in range(2):
        assert len(workspace.open_workspace(ws, 2024, cached=True).plan.all_tasks()) == 20
    assert len(calls) == 2
    assert blocked.read_text() == "x"


def test_the_same_files_in_another_folder_are_that_folder(ws: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    shutil.copytree(ws, other)
    workspace.open_workspace(ws, 2024, cached=True)
    assert workspace.open_workspace(other, 2024, cached=True).data_dir == other


def test_status_reads_the_same_from_the_cache(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    args = ("status", "--data", str(ws), "--as-of", "2024-04-20", "--json")
    cold = cli(*args)
    assert wscache._entry(ws, 2024).exists()
    warm = cli(*args)
    assert (cold.code, warm.code) == (0, 0)
    assert json.loads(warm.out) == json.loads(cold.out)
    text = ("status", "--data", str(ws), "--as-of", "2024-04-20")
    assert cli(*text).out == cli(*text).out


def test_check_always_reads_the_files(cli, ws: Path) -> None:  # type: ignore[no-untyped-def]
    assert cli("status", "--data", str(ws), "--as-of", "2024-04-20").code == 0
    plan = ws / "plan_2024.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("year: 2024", "year: 1999", 1))
    result = cli("check", "--data", str(ws))
    assert result.code == 1
    assert "1999" in result.err + result.out


def test_a_file_changed_while_read_is_kept_for_what_was_read(
    ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The entry is keyed on the very bytes validated: a file that changes during a run and then
    goes back to what it was is never answered with what it held in between."""
    actuals = ws / "actuals_2024.yaml"
    first = (
        'year: 2024\nindicators:\n  - indicator: "3"\n    period: Q1\n'
        "    numerator: 40\n    denominator: 80\n"
    )
    between = first.replace("numerator: 40", "numerator: 41")
    actuals.write_text(first, encoding="utf-8")
    real = workspace.load_workspace

    def edited_meanwhile(*args: object, **kwargs: object) -> object:
        actuals.write_text(between, encoding="utf-8")  # a record lands while status reads
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(workspace, "load_workspace", edited_meanwhile)
    assert workspace.open_workspace(ws, 2024, cached=True).actuals.indicators[0].numerator == 41
    monkeypatch.setattr(workspace, "load_workspace", real)
    actuals.write_text(first, encoding="utf-8")  # put back as it was
    assert workspace.open_workspace(ws, 2024, cached=True).actuals.indicators[0].numerator == 40
    calls = _fresh_only(monkeypatch)
    actuals.write_text(between, encoding="utf-8")
    assert workspace.open_workspace(ws, 2024, cached=True).actuals.indicators[0].numerator == 41
    assert len(calls) == 1


def test_a_folder_where_the_actuals_file_should_be_is_not_an_absent_file(
    ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An actuals file that cannot be read is an error for ``check``; read as absent for the
    key, it found the workspace kept while the file was really absent."""
    workspace.open_workspace(ws, 2024, cached=True)
    (ws / "actuals_2024.yaml").mkdir()
    with pytest.raises(DataError):
        workspace.open_workspace(ws, 2024, cached=True)


def test_a_folder_where_the_entry_should_be_only_costs_time(
    ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    wscache._entry(ws, 2024).mkdir(parents=True)
    calls = _fresh_only(monkeypatch)
    for _ in range(2):
        assert workspace.open_workspace(ws, 2024, cached=True).year == 2024
    assert len(calls) == 2
    assert wscache._entry(ws, 2024).is_dir()
    assert list(wscache._entry(ws, 2024).parent.glob("*.tmp")) == []


def test_a_new_yaml_reader_reads_the_files_again(
    ws: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PyYAML judges the files' syntax: another version may refuse what this one accepted."""
    import importlib.machinery

    fake = tmp_path / "yaml_init.py"
    fake.write_text("")
    real = wscache.importlib.util.find_spec

    def find_spec(name: str, *args: object) -> object:
        if name == "yaml":
            return importlib.machinery.ModuleSpec("yaml", None, origin=str(fake))
        return real(name, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(wscache.importlib.util, "find_spec", find_spec)
    before = wscache.key(ws, 2024)
    os.utime(fake, ns=(0, 10**18))
    assert wscache.key(ws, 2024) != before
