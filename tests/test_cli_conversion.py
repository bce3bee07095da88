"""Command-line values are converted without pydantic (``cli._convert_plain_values``): the
same values and the same errors as Typer's own conversion, and no TypeAdapter imported."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
from hypothesis import given
from hypothesis import strategies as st
from typer._click import Context
from typer._coercion import build_runtime_param
from typer.core import _TyperParameter

from kstthc_cli.cli.app import _convert_plain_values, make_app
from tests.conftest import Result
from tests.support import REPO, snapshot

# ------------------------------------------------------------------ through the command line


def test_year_is_read_as_a_whole_number(cli: Callable[..., Result], ws: Path) -> None:
    r = cli("status", "--data", str(ws), "--year", "2024", "--as-of", "2024-04-20", "--json")
    assert r.code == 0, r.err
    assert json.loads(r.out)["year"] == 2024


@pytest.mark.parametrize("year", ["abc", "20.5", "", "２０２４"])
def test_a_year_that_is_not_a_whole_number_is_refused_and_nothing_is_written(
    cli: Callable[..., Result], ws: Path, year: str
) -> None:
    before = snapshot(ws)
    r = cli(
        "record", "indicator", "3", "--period", "q1", "--num", "1", "--den", "2",
        "--data", str(ws), "--as-of", "2024-06-30", "--year", year,
    )  # fmt: skip
    assert r.code == 2
    assert "Lỗi: Giá trị của --year phải là một số.\n" in r.err
    assert "→ Xem hướng dẫn: kstthc record indicator --help" in r.err
    assert "Traceback" not in r.err
    assert snapshot(ws) == before


def test_the_data_folder_may_come_from_kstthc_data(
    cli: Callable[..., Result], ws: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    given_option = cli("status", "--data", str(ws), "--as-of", "2024-04-20", "--json")
    monkeypatch.setenv("KSTTHC_DATA", str(ws))
    from_environment = cli("status", "--as-of", "2024-04-20", "--json")
    assert (from_environment.code, from_environment.out) == (0, given_option.out)


def test_figures_and_flags_reach_the_command_as_written(
    cli: Callable[..., Result], ws: Path
) -> None:
    """``--num``/``--den`` stay text for the command to read; ``--dry-run`` is a flag."""
    before = snapshot(ws)
    r = cli(
        "record", "indicator", "1", "--period", "q1", "--num", "1234", "--den", "2000",
        "--dry-run", "--data", str(ws), "--as-of", "2024-06-30",
    )  # fmt: skip
    assert r.code == 0, r.err
    assert "+    numerator: 1234\n+    denominator: 2000\n" in r.out
    assert snapshot(ws) == before


@pytest.mark.parametrize("written", ["--json=yes", "--json="])
def test_a_flag_given_a_value_is_refused_in_vietnamese(
    cli: Callable[..., Result], ws: Path, written: str
) -> None:
    """click's "Option '--json' does not take a value." reached the officer as it was."""
    r = cli("status", "--data", str(ws), "--as-of", "2024-04-20", written)
    assert r.code == 2
    assert r.err.startswith("Lỗi: Tùy chọn --json không đi kèm giá trị; viết --json.\n")
    assert "take" not in r.err


# --------------------------------------------------------------------- against Typer's own


def _params(command: Any) -> Iterator[Any]:
    """Every parameter of the command tree, each command's help option included."""
    yield from command.params
    if command._help_option is not None:
        yield command._help_option
    for sub in getattr(command, "commands", {}).values():
        yield from _params(sub)


@pytest.fixture(scope="module")
def app() -> Any:
    command = typer.main.get_command(make_app())
    _convert_plain_values(command)
    return command


def test_every_parameter_of_every_command_is_converted_without_pydantic(app: Any) -> None:
    """A new option of a kind the fast path does not know (a float, a choice, a parser…)
    would import pydantic on every run of its command: this says so."""
    slow = [p.name for p in _params(app) if p._runtime_param is None]
    assert slow == []


def _param(app: Any, kind: object) -> Any:
    return next(
        p for p in _params(app) if isinstance(p, _TyperParameter)
        and p.type_descriptor.annotation == kind
    )  # fmt: skip


def _outcome(runtime: Any, value: object, param: Any, ctx: Context) -> tuple[str, object]:
    try:
        return "ok", runtime.coerce(value, param=param, ctx=ctx)
    except Exception as exc:
        return type(exc).__qualname__, getattr(exc, "message", str(exc))


TRICKY = [
    "2024", " 2024 ", "+2_024", "-5", "02024", "2024.0", "2024.00", "20.5", "2024.", ".0",
    "1e3", "0x10", "1__0", "_1", "1_", "", " ", "\t7\n", "\x1c7", "7\x1f", "\x857", "\xa07",
    "\u30007", "\u200b7", "２０２４", "٣", "abc", "a\x00b", "yes", "No", " TRUE ", "off", "t",
    "F", "Y", "n", "1", "0", "on ", "\u3000yes", "tru", "2", "data", "./data/", "~", "-",
    "0-9", "+0-9", "-0-9", "0__9", "0_", "00.0", "1" * 4301, "-" + "1" * 4300, "1" * 4301 + "x",
]  # fmt: skip
TEXT = st.sampled_from(TRICKY) | st.text(
    st.sampled_from(list("0123456789_+-.eExyn \t\n\x1c\x85\xa0\u3000\u200b٣２\x00")), max_size=8
)
ODD = st.sampled_from([None, 2024, 20.5, True, b"2024", Path("data")])


@pytest.mark.parametrize("kind", [str, int, bool, Path], ids=lambda k: k.__name__)
@given(value=TEXT | ODD)
def test_a_value_converts_as_typer_would_convert_it(app: Any, kind: type, value: object) -> None:
    param = _param(app, kind)
    ctx = Context(app)
    ours = _outcome(param._runtime_param, value, param, ctx)
    assert ours == _outcome(build_runtime_param(param.type_descriptor), value, param, ctx)


@given(value=st.lists(TEXT, max_size=3).map(tuple) | st.lists(TEXT | ODD, max_size=3))
def test_a_list_of_folders_converts_as_typer_would_convert_it(app: Any, value: object) -> None:
    param = _param(app, list[Path])
    ctx = Context(app)
    ours = _outcome(param._runtime_param, value, param, ctx)
    assert ours == _outcome(build_runtime_param(param.type_descriptor), value, param, ctx)


# ------------------------------------------------------------------------ no TypeAdapter


def test_a_run_imports_no_type_adapter(tmp_path: Path) -> None:
    """Typer would build a pydantic TypeAdapter to convert ``--year`` (and the absent
    ``--help``); these runs stop before any data is read, so nothing else would import it."""
    missing = str(tmp_path / "missing")
    child = textwrap.dedent(
        f"""
        import json, sys
        from kstthc_cli.cli.app import run
        codes = [run(["status", "--data", {missing!r}, "--year", year]) for year in ("2024", "abc")]
        seen = [name in sys.modules for name in ("pydantic.type_adapter", "typer._adapters")]
        print(json.dumps([codes, seen]))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", child], capture_output=True, text=True, cwd=REPO, timeout=120
    )
    assert done.returncode == 0, done.stderr
    codes, imported = json.loads(done.stdout.splitlines()[-1])
    assert codes[0] in (1, 2) and codes[1] == 2, done.stderr
    assert imported == [False, False]
