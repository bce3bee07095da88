"""Start-up benchmark (issue 11): ``kstthc status``, ``status --json``, ``--help`` and
``status --help`` against the honest floor of ``status`` on this stack,
``benchmarks/floor_status.py`` (a Typer command with the same options that reads the three
files with PyYAML's C loader, validates them into kstthc's pydantic models and prints a line).

Goals: ``status`` ≤ 1.1× the floor, ``status --json`` ≤ 1.0×, ``--help`` and ``status --help``
≤ 0.5×. Everything runs in a clean virtual environment with kstthc installed by pip from this
repository (as an officer installs it; a global Python's extra packages and ``.pth`` files
would add the same milliseconds to both sides and flatter every ratio), each command in a
fresh interpreter, interleaved (the order rotates every round), many times; ratios are of
medians. Both sides read the same workspace: a copy of the shipped plan and indicators with an
actuals file written by ``kstthc record``.

    python benchmarks/bench_startup.py [--runs 30] [--venv DIR] [--here] [--importtime]
        [--update FILE]

``--venv DIR`` keeps (and reuses) the environment in DIR, reinstalling kstthc into it;
without it a temporary one is made and thrown away. ``--here`` measures with this interpreter
and the source tree instead (quick, not comparable to the goals).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.bench_rollup import replace_section  # noqa: E402

FLOOR = REPO / "benchmarks" / "floor_status.py"
AS_OF = "2024-04-20"

#: The floor again, ending the process as kstthc's console script does (``os._exit`` once the
#: output is flushed, no interpreter teardown): a reference row, not the floor.
_FLOOR_NO_TEARDOWN = """\
import os, sys
sys.argv = sys.argv[1:]
sys.path.insert(0, os.path.dirname(sys.argv[0]))
import floor_status
try:
    floor_status.main()
except SystemExit as exc:
    sys.stdout.flush()
    os._exit(exc.code or 0)
"""


@dataclass(frozen=True)
class Stack:
    """Where the commands run: a Python, how to call kstthc, the environment, the folder."""

    python: str
    kstthc: list[str]
    env: dict[str, str]
    cwd: Path
    where: str


def _base_env() -> dict[str, str]:
    env = dict(os.environ, COLUMNS="100")
    for name in ("PYTHONPATH", "KSTTHC_DATA", "VIRTUAL_ENV", "PYTHONSTARTUP"):
        env.pop(name, None)
    # As installed by pip, kstthc runs from compiled bytecode; a machine that forbids writing
    # it (PYTHONDONTWRITEBYTECODE) would otherwise recompile every module on every run here.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def clean_venv(folder: Path, work: Path) -> Stack:
    """A virtual environment without the system's packages, kstthc installed into it by pip
    from this repository (a wheel, as an officer installs it)."""
    bindir = "Scripts" if sys.platform == "win32" else "bin"
    python = folder / bindir / ("python.exe" if sys.platform == "win32" else "python")
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True)
    pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    for extra in (["--force-reinstall", "--no-deps"], []):  # kstthc afresh; then its dependencies
        done = subprocess.run([*pip, *extra, str(REPO)], cwd=work, capture_output=True, text=True)
        if done.returncode != 0:
            raise SystemExit(f"pip install {REPO} failed:\n{done.stdout}{done.stderr}")
    kstthc = folder / bindir / ("kstthc.exe" if sys.platform == "win32" else "kstthc")
    return Stack(str(python), [str(kstthc)], _base_env(), work, "clean virtual environment")


def source_tree() -> Stack:
    env = _base_env()
    env["PYTHONPATH"] = str(REPO)
    return Stack(sys.executable, [sys.executable, "-m", "kstthc_cli"], env, REPO, _where())


def workspace(stack: Stack, folder: Path) -> Path:
    """The shipped plan and indicators, and an actuals file with a few records written by
    ``kstthc record``: the three files both sides read."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("plan_2024.yaml", "indicators_2024.yaml"):
        shutil.copyfile(REPO / "data" / name, folder / name)
    records = [
        ["task", "1", "--evidence", "Báo cáo số 1/BC-UBND"],
        ["task", "5", "--status", "in-progress", "--note", "đang làm"],
        ["indicator", "1", "--period", "q1", "--num", "40", "--den", "80"],
        ["indicator", "2", "--period", "q1", "--num", "3", "--den", "4"],
    ]
    for record in records:
        done = subprocess.run(
            [*stack.kstthc, "record", *record, "--data", str(folder), "--as-of", AS_OF],
            cwd=stack.cwd, env=stack.env, capture_output=True, text=True,
        )  # fmt: skip
        if done.returncode != 0:
            raise SystemExit(f"kstthc record {' '.join(record)} failed:\n{done.stderr}")
    return folder


def commands(stack: Stack, data: Path) -> dict[str, list[str]]:
    shared = ["--data", str(data), "--as-of", AS_OF]
    status = [*stack.kstthc, "status", *shared]
    floor = [str(FLOOR), *shared]
    return {
        "floor": [stack.python, *floor],
        "status": status,
        "status --json": [*status, "--json"],
        "--help": [*stack.kstthc, "--help"],
        "status --help": [*stack.kstthc, "status", "--help"],
        "floor, no teardown": [stack.python, "-c", _FLOOR_NO_TEARDOWN, *floor],
    }


LABELS = {
    "floor": "`benchmarks/floor_status.py` (the floor)",
    "status": "`kstthc status`",
    "status --json": "`kstthc status --json`",
    "--help": "`kstthc --help`",
    "status --help": "`kstthc status --help`",
    "floor, no teardown": "the floor, ending as kstthc does (no teardown; reference)",
}
GOALS = {"status": 1.1, "status --json": 1.0, "--help": 0.5, "status --help": 0.5}


#: Wall-clock seconds and CPU seconds (user + system, ``None`` where the OS does not say) of
#: each run of each command.
Times = dict[str, list[tuple[float, float | None]]]


def measure(stack: Stack, cmds: dict[str, list[str]], runs: int) -> Times:
    times: Times = {k: [] for k in cmds}
    names = list(cmds)
    for cmd in cmds.values():  # warm the file cache (and check that every command works)
        _run(stack, cmd)
    for i in range(runs):
        for k in names[i % len(names) :] + names[: i % len(names)]:
            times[k].append(_run(stack, cmds[k]))
    return times


def _run(stack: Stack, cmd: list[str]) -> tuple[float, float | None]:
    """The run's wall-clock time and the CPU time the process used (``os.wait4``: on a busy
    machine the wall clock also counts the time spent waiting for a CPU, the CPU time not)."""
    start = time.perf_counter()
    child = subprocess.Popen(
        cmd, cwd=stack.cwd, env=stack.env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    assert child.stderr is not None
    err = child.stderr.read()
    cpu: float | None = None
    if hasattr(os, "wait4"):
        _, status, usage = os.wait4(child.pid, 0)
        code = os.waitstatus_to_exitcode(status)
        cpu = usage.ru_utime + usage.ru_stime
        child.returncode = code
    else:
        code = child.wait()
    took = time.perf_counter() - start
    child.stderr.close()
    if code != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{err.decode(errors='replace')}")
    return took, cpu


def table(times: Times) -> str:
    wall = {k: [w for w, _ in v] for k, v in times.items()}
    cpu = {k: [c for _, c in v if c is not None] for k, v in times.items()}
    floor = statistics.median(wall["floor"])
    floor_cpu = statistics.median(cpu["floor"]) if cpu["floor"] else None
    lines = [
        "| command | median (ms) | min (ms) | × the floor (medians) | goal "
        "| CPU median (ms) | × the floor (CPU) |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for k, v in wall.items():
        med = statistics.median(v)
        goal = GOALS.get(k)
        met = goal is not None and med / floor <= goal
        verdict = "" if goal is None else f"≤ {goal}× ({'met' if met else 'not met'})"
        on_cpu = "| |"
        if floor_cpu and cpu[k]:
            c = statistics.median(cpu[k])
            on_cpu = f"| {c * 1000:.0f} | {c / floor_cpu:.2f}× |"
        lines.append(
            f"| {LABELS[k]} | {med * 1000:.0f} | {min(v) * 1000:.0f} | {med / floor:.2f}× | "
            f"{verdict} {on_cpu}"
        )
    return "\n".join(lines)


def importtime(stack: Stack, data: Path) -> str:
    """The biggest imports of ``kstthc status`` (``python -X importtime``), cumulative ms."""
    cmd = [stack.python, "-X", "importtime", "-c", "from kstthc_cli.cli.app import main; main()"]
    cmd += ["status", "--data", str(data), "--as-of", AS_OF]
    err = subprocess.run(cmd, cwd=stack.cwd, env=stack.env, capture_output=True, text=True).stderr
    rows = []
    for line in err.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        _, cum, name = line.split("|")
        if not cum.strip().isdigit():
            continue
        depth = (len(name) - len(name.lstrip())) // 2
        if depth <= 1:
            rows.append((int(cum) / 1000, "  " * depth + name.strip()))
    return "\n".join(f"{ms:7.1f} ms  {name}" for ms, name in rows if ms >= 3)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--venv", type=Path, help="keep the clean environment in this folder")
    parser.add_argument("--here", action="store_true", help="this Python and the source tree")
    parser.add_argument("--importtime", action="store_true")
    parser.add_argument("--update", type=Path, help="rewrite the '## start-up' section of FILE")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kstthc-bench-") as tmp:
        root = Path(tmp)
        (root / "work").mkdir()
        if args.here:
            stack = source_tree()
        else:
            stack = clean_venv(args.venv or root / "venv", root / "work")
        data = workspace(stack, root / "work" / "data")
        result = table(measure(stack, commands(stack, data), args.runs))
        print(result)
        if args.importtime:
            print()
            print(importtime(stack, data))
        machine = _machine(stack)
    print()
    print(f"({args.runs} interleaved runs of each; {machine})")
    if args.update:
        replace_section(args.update, "## start-up", _section(result, args.runs, machine))


FINDINGS = """\
The floor is `benchmarks/floor_status.py`: a Typer command with the options of `kstthc status`
(`--data`, `--year`, `--as-of`, `--unit`, `--json`), which reads `plan_2024.yaml`,
`indicators_2024.yaml` and `actuals_2024.yaml` with PyYAML's C loader, validates them into
kstthc's own pydantic models and prints one line; it ends as any Python program does. The last
row is the same program ending as kstthc's console script does (`os._exit` after flushing),
to show how much of a ratio is interpreter teardown. The CPU columns are the user + system
time of each process (`os.wait4`): on a busy machine the wall clock also counts the time spent
waiting for a CPU, so they are the steadier of the two; the goals are judged on the wall-clock
medians, as issue 11 states them.

What `status` does beyond the floor, and what was taken out of it (issue 11's speed work, by
doing less, no cache): `status` also runs every rule of `check` (the national indicator
catalogue read for the indicators' codes), reads every task's timeframe words (≈ 30 regular
expressions compiled) and evaluates the year, and the text view imports rich. No longer done:
importing the figures models (`load/figures_model`, ~9 ms) when the folder has no figures file;
importing `rich.table` (only the calendar draws a table); building the catalogue's index by name
when every indicator carries a known code; measuring the terminal at every `print`. With the
floor's teardown saved (`os._exit`), that leaves `status --json` just under the floor and the
text view, whose rich import and drawing cost ≈ 25 ms, within 1.1× of it.
"""


def _section(result: str, runs: int, machine: str) -> str:
    return (
        "Measured by `benchmarks/bench_startup.py --update BENCHMARKS.md` "
        f"({runs} interleaved runs of each, fresh interpreter each time, {machine}).\n\n"
        + result
        + "\n\n"
        + FINDINGS
    )


def _machine(stack: Stack) -> str:
    probe = (
        "import platform; from importlib.metadata import version; "
        "print(f'Python {platform.python_version()}, {platform.system()} {platform.machine()}; '"
        " + ', '.join(f'{n} {version(n)}' for n in "
        "('typer', 'pydantic', 'pydantic-core', 'rich', 'PyYAML')))"
    )
    out = subprocess.run(
        [stack.python, "-c", probe], cwd=stack.cwd, env=stack.env, capture_output=True, text=True
    )
    return f"{stack.where}; {out.stdout.strip()}"


def _where() -> str:
    return "virtual environment" if sys.prefix != sys.base_prefix else "system Python, source tree"


if __name__ == "__main__":
    main()
