"""Rollup benchmark: ``kstthc rollup`` of N synthetic communes against merely parsing their YAML
files with PyYAML's C loader, side by side in one run, at 250, 500 and 1,000 communes.

Goals (issue 6): rollup within 2× of the parse, growing linearly, peak memory under 500 MB.
Both sides run as fresh processes (interpreter start-up included on both sides); each size is
measured several times, interleaved, and the median is shown. Peak memory is the child's
maximum resident set size (``resource.getrusage(RUSAGE_CHILDREN)`` in a wrapper process whose
only child is the measured command; POSIX only).

    python benchmarks/bench_rollup.py [--dir DIR] [--sizes 250 500 1000] [--runs 3]
                                      [--profile] [--update BENCHMARKS.md]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

PY = sys.executable

PARSE = """
import sys, yaml
from pathlib import Path
for d in sys.argv[1:]:
    for f in sorted(Path(d).glob("*.yaml")):
        yaml.load(f.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
"""

#: Runs argv[1:] as the only child; prints its wall time and peak memory as JSON on stderr.
WRAP = """
import json, subprocess, sys, time
start = time.perf_counter()
code = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL)
wall = time.perf_counter() - start
try:
    import resource
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    peak = peak / 1024 if sys.platform != "darwin" else peak / 1024 / 1024
except ImportError:
    peak = None
sys.stderr.write(json.dumps({"code": code, "wall": wall, "peak_mb": peak}))
"""


def compile_package() -> None:
    """The package byte-compiled, as ``pip install`` leaves it and as the floor's PyYAML is:
    with ``PYTHONDONTWRITEBYTECODE`` set (as on the machines these numbers come from) no run
    writes its ``__pycache__``, and every run would compile the modules from source again."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "kstthc_cli")], check=True)


def run(cmd: list[str], cwd: Path) -> tuple[float, float | None]:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    done = subprocess.run(
        [PY, "-c", WRAP, *cmd], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    out = json.loads(done.stderr.strip().splitlines()[-1])
    if out["code"] != 0:
        raise SystemExit(f"failed ({out['code']}): {' '.join(cmd[:6])} …")
    return out["wall"], out["peak_mb"]


def ensure_communes(root: Path, count: int) -> list[str]:
    from benchmarks.make_communes import make_communes

    have = sorted(p.name for p in root.glob("xa-*") if p.is_dir())
    if len(have) < count:
        make_communes(root, count)
        have = sorted(p.name for p in root.glob("xa-*") if p.is_dir())
    return have[:count]


def measure(root: Path, sizes: list[int], runs: int) -> list[dict[str, float | int | None]]:
    names = ensure_communes(root, max(sizes))
    rows: list[dict[str, float | int | None]] = []
    for n in sizes:
        dirs = names[:n]
        rollup_cmd = [PY, "-m", "kstthc_cli", "rollup", *dirs, "--as-of", "2024-12-31"]
        json_cmd = [*rollup_cmd, "--json"]
        parse_cmd = [PY, "-c", PARSE, *dirs]
        run(parse_cmd, root)  # warm the file cache
        parse, roll, as_json, peaks, parse_peaks = [], [], [], [], []
        for _ in range(runs):
            t, p = run(parse_cmd, root)
            parse.append(t)
            parse_peaks.append(p)
            t, p = run(rollup_cmd, root)
            roll.append(t)
            peaks.append(p)
            t, _ = run(json_cmd, root)
            as_json.append(t)
        rows.append(
            {
                "communes": n,
                "files": 3 * n,
                "mb": sum(f.stat().st_size for d in dirs for f in (root / d).glob("*.yaml")) / 1e6,
                "parse": statistics.median(parse),
                "rollup": statistics.median(roll),
                "json": statistics.median(as_json),
                "peak": max((p for p in peaks if p is not None), default=None),
                "parse_peak": max((p for p in parse_peaks if p is not None), default=None),
            }
        )
        r = rows[-1]
        print(
            f"{n:5d} communes: parse {r['parse']:.2f} s, rollup {r['rollup']:.2f} s "
            f"(--json {r['json']:.2f} s), ratio {r['rollup'] / r['parse']:.2f}×",  # type: ignore[operator]
            file=sys.stderr,
        )
    return rows


def table(rows: list[dict[str, float | int | None]]) -> str:
    lines = [
        "| communes | YAML files (MB) | parse only, C loader (s) | `kstthc rollup` (s) | ratio "
        "| `rollup --json` (s) | ratio | rollup ms per commune | peak memory rollup / parse (MB) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        n, parse, roll, js = r["communes"], r["parse"], r["rollup"], r["json"]
        assert isinstance(n, int) and isinstance(parse, float)
        assert isinstance(roll, float) and isinstance(js, float)
        peak = "—" if r["peak"] is None else f"{r['peak']:.0f} / {r['parse_peak']:.0f}"
        lines.append(
            f"| {n:,} | {r['files']:,} ({r['mb']:.1f}) | {parse:.2f} | {roll:.2f} | "
            f"{roll / parse:.2f}× | {js:.2f} | {js / parse:.2f}× | {1000 * roll / n:.1f} | {peak} |"
        )
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        grow = float(last["rollup"]) / float(first["rollup"])  # type: ignore[arg-type]
        size = int(last["communes"] or 0) / int(first["communes"] or 1)
        lines.append("")
        lines.append(
            f"Growth: {size:.0f}× the communes took {grow:.2f}× the time "
            f"(linear would be {size:.0f}×; interpreter start-up is a fixed part of each run). "
            "On this machine the ratios move by about ±0.15× from one run of the script to the "
            "next (1,000 communes measured 1.30×, 1.57× and 1.34× in three runs on one day)."
        )
    return "\n".join(lines)


def profile(root: Path, count: int) -> str:
    """Where an in-process rollup spends its time (cProfile, top functions by own time)."""
    import cProfile
    import io
    import pstats
    from datetime import date

    from kstthc_cli.compute.rollup import rollup

    dirs = [root / d for d in ensure_communes(root, count)]
    prof = cProfile.Profile()
    prof.enable()
    rollup(dirs, year=2024, as_of=date(2024, 12, 31), today=date(2024, 12, 31))
    prof.disable()
    out = io.StringIO()
    pstats.Stats(prof, stream=out).sort_stats("tottime").print_stats(15)
    return out.getvalue()


FINDINGS = """\
What the profile showed (`--profile`), and what was changed:

- `yamlio` meant to use libyaml but `from yaml import CParser` always failed (PyYAML does not
  export it there), so every file went through the pure-Python parser: ~6× slower than the
  C loader. Now `from yaml.cyaml import CParser`.
- PyYAML's generic `resolve` / `descend_resolver` / `ascend_resolver` run once per node (2 million
  calls for 1,000 communes); the YAML 1.2 resolver now has its own short versions.
- `timeframe.read` (regular expressions over the plan's wording) ran for every record of every
  commune, `periods.fold` likewise: both are pure and now cached; a workspace's occurrence keys
  are computed once per task (`YearCalendar`), not three times per record.
- The actuals file is validated by pydantic in one call; record by record (to report every bad
  record) only when that call fails.
- The tab scan is skipped when a file has no tab.

What is left is mostly parsing itself: libyaml composing nodes, the resolver and our walk that
keeps positions (≈ 60 % of the run), then pydantic (≈ 13 %) and the schedule and indicator
computations (≈ 10 %). Memory stays flat because each commune is reduced to a small summary
(counts and figures) before the next one is read.
"""


def replace_section(path: Path, heading: str, body: str) -> None:
    """Rewrite one ``## …`` section of a Markdown file, leaving the others as they are."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    lines = text.splitlines(keepends=True)
    start = next((i for i, ln in enumerate(lines) if ln.rstrip() == heading), None)
    block = [heading + "\n", "\n", body if body.endswith("\n") else body + "\n"]
    if start is None:
        if lines and lines[-1].strip():
            lines.append("\n")
        lines += block
    else:
        end = next(
            (i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines)
        )
        tail = lines[end:]
        lines = [*lines[:start], *block, *(["\n"] if tail else []), *tail]
    path.write_text("".join(lines), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", type=Path, help="reuse (or fill) this folder of communes")
    parser.add_argument("--sizes", type=int, nargs="+", default=[250, 500, 1000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--update", type=Path, help="rewrite the '## rollup' section of FILE")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kstthc-bench-") as tmp:
        root = args.dir or Path(tmp)
        root.mkdir(parents=True, exist_ok=True)
        compile_package()
        rows = measure(root, sorted(args.sizes), args.runs)
        result = table(rows)
        print(result)
        if args.profile:
            print()
            print(profile(root, max(args.sizes)))
    if args.update:
        import platform

        body = (
            "Measured by `python benchmarks/bench_rollup.py --update BENCHMARKS.md` "
            f"(median of {args.runs} interleaved runs; Python {platform.python_version()}, "
            f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs, "
            f"{'virtual environment' if sys.prefix != sys.base_prefix else 'system Python'}). "
            "Communes from "
            "`benchmarks/make_communes.py`: the shipped plan with names varied, baselines for "
            "about 60 % of indicators, and a year of records each (about 55 task records and "
            "42 indicator figures, ~50 KB of YAML per commune). Both sides are fresh "
            "processes; `rollup` prints its text view to /dev/null.\n\n"
            + result
            + "\n\n"
            + FINDINGS
        )
        replace_section(args.update, "## rollup", body)


if __name__ == "__main__":
    main()
