"""The province's benchmark: ``kstthc rollup`` of 150 and 1,000 synthetic communes to JSON and to
Excel, side by side with a floor that only parses the same YAML files with PyYAML's C loader.

Goals (issue 17): ``rollup --json`` within 1.5× of the parse, ``rollup -o x.xlsx`` within 1.5×
of ``--json``, both linear in the communes. Every side is a fresh process (interpreter start-up
on each side); each size is measured ``--runs`` times, interleaved, and the median shown, with
the CPU seconds of the child (user + system) beside the wall time: on a shared machine the
wall time also holds other people's work. ``--packs`` also rolls up each commune as the pack
``kstthc pack`` makes of it (the packs are made once, in-process) to JSON, Markdown, CSV and
Excel, and checks the JSON is the folders' JSON.

    python benchmarks/bench_province.py [--dir DIR] [--sizes 150 1000] [--runs 3] [--packs]
                                        [--update BENCHMARKS.md]
    python benchmarks/bench_province.py --instructions 50   # counted by valgrind instead
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.bench_rollup import (  # noqa: E402
    PARSE,
    compile_package,
    ensure_communes,
    replace_section,
)

PY = sys.executable
AS_OF = "2024-12-31"
HEADING = "## province rollup: JSON and Excel"

#: Runs argv[1:] as the only child; prints its wall time and CPU seconds as JSON on stderr.
WRAP = """
import json, os, subprocess, sys, time
start = time.perf_counter()
code = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
wall = time.perf_counter() - start
t = os.times()
cpu = t.children_user + t.children_system
sys.stderr.write(json.dumps({"code": code, "wall": wall, "cpu": cpu}))
"""


def run(cmd: list[str], cwd: Path, ok: tuple[int, ...] = (0,)) -> tuple[float, float]:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    done = subprocess.run(
        [PY, "-c", WRAP, *cmd], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    out = json.loads(done.stderr.strip().splitlines()[-1])
    if out["code"] not in ok:
        raise SystemExit(f"failed ({out['code']}): {' '.join(cmd[:6])} …")
    return float(out["wall"]), float(out["cpu"])


def measure(root: Path, sizes: list[int], runs: int) -> list[dict[str, float]]:
    names = ensure_communes(root, max(sizes))
    rows: list[dict[str, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "tong-hop.xlsx"
        for n in sizes:
            dirs = names[:n]
            base = [PY, "-m", "kstthc_cli", "rollup", *dirs, "--as-of", AS_OF]
            cmds = {
                "parse": [PY, "-c", PARSE, *dirs],
                "json": [*base, "--json"],
                "xlsx": [*base, "-o", str(out)],
            }
            run(cmds["parse"], root)  # warm the file cache
            got: dict[str, list[tuple[float, float]]] = {k: [] for k in cmds}
            for _ in range(runs):
                for k, cmd in cmds.items():
                    got[k].append(run(cmd, root))
            row: dict[str, float] = {"communes": n, "rows": _rows(out)}
            for k, values in got.items():
                row[k] = statistics.median(w for w, _ in values)
                row[k + "_cpu"] = statistics.median(c for _, c in values)
            rows.append(row)
            print(
                f"{n:5d} communes: parse {row['parse']:.2f} s, json {row['json']:.2f} s, "
                f"xlsx {row['xlsx']:.2f} s (cpu {row['parse_cpu']:.2f} / {row['json_cpu']:.2f} / "
                f"{row['xlsx_cpu']:.2f})",
                file=sys.stderr,
            )
    return rows


def _rows(path: Path) -> float:
    """Rows in the workbook's sheets (read back in read-only mode)."""
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True)
    try:
        return float(sum(sum(1 for _ in ws.iter_rows(values_only=True)) for ws in wb.worksheets))
    finally:
        wb.close()


def table(rows: list[dict[str, float]]) -> str:
    lines = [
        "| communes | workbook rows | parse only, C loader (s) | `rollup --json` (s) "
        "| JSON ÷ parse | `rollup -o x.xlsx` (s) | xlsx ÷ JSON | CPU s: parse / JSON / xlsx "
        "| CPU ratios |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {int(r['communes']):,} | {int(r['rows']):,} | {r['parse']:.2f} | {r['json']:.2f} "
            f"| {r['json'] / r['parse']:.2f}× | {r['xlsx']:.2f} | {r['xlsx'] / r['json']:.2f}× "
            f"| {r['parse_cpu']:.2f} / {r['json_cpu']:.2f} / {r['xlsx_cpu']:.2f} "
            f"| {r['json_cpu'] / r['parse_cpu']:.2f}× / {r['xlsx_cpu'] / r['json_cpu']:.2f}× |"
        )
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        size = last["communes"] / first["communes"]
        lines += [
            "",
            f"Growth in CPU seconds from {int(first['communes']):,} to "
            f"{int(last['communes']):,} communes ({size:.1f}×): parse "
            f"{last['parse_cpu'] / first['parse_cpu']:.2f}×, JSON "
            f"{last['json_cpu'] / first['json_cpu']:.2f}×, xlsx "
            f"{last['xlsx_cpu'] / first['xlsx_cpu']:.2f}× (interpreter start-up is a fixed part "
            f"of each run, so a little below {size:.1f}× is linear).",
        ]
    return "\n".join(lines)


def _instructions(cmd: list[str], cwd: Path) -> int:
    """Instructions one run of ``cmd`` executes, counted by valgrind's callgrind (string
    hashing fixed, so two runs of the same command count the same)."""
    env = dict(os.environ, PYTHONPATH=str(REPO), PYTHONHASHSEED="0")
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *cmd],
        cwd=cwd, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    found = re.search(r"Collected : (\d+)", done.stderr)
    if found is None:
        raise SystemExit(f"valgrind counted nothing: {' '.join(cmd[:6])} …\n{done.stderr[-500:]}")
    return int(found.group(1))


def instructions(root: Path, count: int, sizes: list[int]) -> str:
    """The floor and ``rollup --json`` counted in instructions, which do not drift with the
    machine as its time does: each run on one commune and on ``count``, so the start-up and
    the cost of a commune come apart, and the whole runs of ``sizes`` follow from them."""
    if shutil.which("valgrind") is None:
        raise SystemExit("--instructions needs valgrind (apt-get install valgrind)")
    if count < 2:
        raise SystemExit("--instructions N: N is 2 communes or more")
    names = ensure_communes(root, count)
    counted: dict[str, tuple[float, float]] = {}
    for side in ("parse", "json"):
        runs = []
        for n in (1, count):
            dirs = names[:n]
            cmd = [PY, "-c", PARSE, *dirs] if side == "parse" else [
                PY, "-m", "kstthc_cli", "rollup", *dirs, "--as-of", AS_OF, "--json"
            ]  # fmt: skip
            runs.append(_instructions(cmd, root) / 1e6)
        each = (runs[1] - runs[0]) / (count - 1)
        counted[side] = (runs[0] - each, each)
        print(f"{side}: start-up {counted[side][0]:,.0f}M, {each:.1f}M a commune", file=sys.stderr)
    (p0, p1), (j0, j1) = counted["parse"], counted["json"]
    whole = " | ".join(f"{n:,} communes" for n in sizes)
    lines = [
        f"| millions of instructions | start-up | a commune | {whole} |",
        "|---|---:|---:|" + "---:|" * len(sizes),
        f"| parse only, C loader | {p0:,.0f} | {p1:.1f} | "
        + " | ".join(f"{p0 + n * p1:,.0f}" for n in sizes)
        + " |",
        f"| `rollup --json` | {j0:,.0f} | {j1:.1f} | "
        + " | ".join(f"{j0 + n * j1:,.0f}" for n in sizes)
        + " |",
        f"| JSON ÷ parse | {j0 / p0:.2f}× | {j1 / p1:.2f}× | "
        + " | ".join(f"{(j0 + n * j1) / (p0 + n * p1):.2f}×" for n in sizes)
        + " |",
    ]
    return "\n".join(lines)


def packs(root: Path, count: int) -> str:
    """Each commune packed (in-process, once), then the packs rolled up in every format; the
    JSON of the packs must be the JSON of the folders (paths aside)."""
    from kstthc_cli import api

    names = ensure_communes(root, count)
    where = root / f"packs-{count}"
    where.mkdir(exist_ok=True)
    for name in names[:count]:
        target = where / f"{name}.zip"
        if not target.exists():
            api.pack(data=root / name, as_of=date(2024, 12, 31), path=target)
    zips = sorted(str(p) for p in where.glob("*.zip"))[:count]
    with tempfile.TemporaryDirectory() as tmp:
        times = {}
        for kind, extra in (
            ("text", []),
            ("md", ["--format", "md"]),
            ("json", ["--json"]),
            ("csv", ["--format", "csv"]),
            ("xlsx", ["-o", str(Path(tmp) / "t.xlsx")]),
        ):
            cmd = [PY, "-m", "kstthc_cli", "rollup", *zips, "--as-of", AS_OF, *extra]
            times[kind] = run(cmd, root)[0]
    env = dict(os.environ, PYTHONPATH=str(REPO))
    base = [PY, "-m", "kstthc_cli", "rollup", "--as-of", AS_OF, "--json"]
    folders = subprocess.run([*base, *names[:count]], cwd=root, env=env, capture_output=True)
    packed = subprocess.run([*base, *zips], cwd=root, env=env, capture_output=True)
    a, b = json.loads(folders.stdout), json.loads(packed.stdout)

    def pooled(data: dict[str, list[dict[str, object]]]) -> list[dict[str, object]]:
        """The pooled indicators, communes named by name (their paths differ)."""
        return [
            {**i, "behind": [c["name"] for c in i["behind"]], "no_data": len(i["no_data"])}  # type: ignore[attr-defined, arg-type]
            for i in data["indicators"]
        ]

    same = pooled(a) == pooled(b) and len(a["communes"]) == len(b["communes"])
    shown = ", ".join(f"{k} {v:.2f} s" for k, v in times.items())
    return (
        f"{count} packs made by `kstthc pack` rolled up: {shown}; pooled indicators "
        f"{'identical to' if same else 'DIFFERENT from'} the folders' rollup."
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--dir", type=Path, default=None)
    ap.add_argument("--sizes", type=int, nargs="+", default=[150, 1000])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--packs", action="store_true")
    ap.add_argument("--update", type=Path, default=None)
    ap.add_argument(
        "--instructions",
        type=int,
        metavar="N",
        help="only count instructions (valgrind), of 1 and N communes, and print that table",
    )
    args = ap.parse_args()
    root = args.dir or Path(tempfile.gettempdir()) / "kstthc-bench-communes"
    root.mkdir(parents=True, exist_ok=True)
    compile_package()
    if args.instructions:
        print(instructions(root, args.instructions, args.sizes))
        return
    rows = measure(root, args.sizes, args.runs)
    body = table(rows)
    if args.packs:
        body += "\n\n" + packs(root, min(args.sizes))
    print(body)
    if args.update is not None:
        intro = (
            "Measured by `python benchmarks/bench_province.py --packs --update BENCHMARKS.md` "
            f"(median of {args.runs} interleaved runs, fresh processes; Python "
            f"{sys.version.split()[0]}, {sys.platform}, {os.cpu_count()} CPUs). Communes from "
            "`benchmarks/make_communes.py`; the floor parses the same YAML files with PyYAML's "
            "C loader. JSON and xlsx are judged as of 31/12/2024 (four quarters in the "
            "workbook's long sheet). The package is byte-compiled first, as an installed copy "
            "is.\n\n"
        )
        replace_section(args.update, HEADING, intro + body + "\n")


if __name__ == "__main__":
    main()
