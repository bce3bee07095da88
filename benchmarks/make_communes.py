"""Synthetic but realistic communes for the rollup benchmark.

Each commune is the shipped plan with its names varied (commune, district, signer), the shipped
indicators with some baselines filled, and a year of records: the one-off tasks done (some late
or missing), each periodic report filed or not, activity on the ongoing tasks, and every
indicator's quarterly figures. Records use the occurrence keys kstthc itself computes, so every
commune passes ``kstthc check``. Deterministic for a given seed.

    python benchmarks/make_communes.py OUT_DIR --count 1000 [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from kstthc_cli.compute.schedule import (  # noqa: E402
    YearCalendar,
    occurrences,
    task_schedule,
)
from kstthc_cli.load.workspace import load_workspace  # noqa: E402

YEAR = 2024
FIRST = [
    "An",
    "Bình",
    "Cẩm",
    "Đức",
    "Hòa",
    "Hương",
    "Kim",
    "Long",
    "Minh",
    "Nghĩa",
    "Phú",
    "Phước",
    "Quang",
    "Sơn",
    "Tân",
    "Thạnh",
    "Thanh",
    "Tịnh",
    "Trà",
    "Trung",
    "Vĩnh",
    "Xuân",
    "Bảo",
    "Châu",
    "Diên",
    "Gia",
    "Hải",
    "Hiệp",
    "Hưng",
    "Lạc",
    "Lâm",
    "Mỹ",
    "Ninh",
    "Phong",
    "Thái",
    "Thọ",
]
SECOND = [
    "An",
    "Bình",
    "Đông",
    "Tây",
    "Nam",
    "Bắc",
    "Hiệp",
    "Hòa",
    "Lộc",
    "Lợi",
    "Long",
    "Mỹ",
    "Phong",
    "Phú",
    "Phước",
    "Thành",
    "Thắng",
    "Thịnh",
    "Thuận",
    "Tiến",
    "Trung",
    "Vinh",
    "Xuân",
    "Yên",
    "Hà",
    "Sơn",
    "Lâm",
    "Hải",
    "Khánh",
    "Quang",
]
SURNAMES = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
]
MIDDLE = ["Văn", "Thị", "Minh", "Đức", "Thanh", "Quốc", "Hữu", "Ngọc", "Xuân", "Công"]
GIVEN = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Hà",
    "Hải",
    "Hiếu",
    "Hùng",
    "Khoa",
    "Lan",
    "Long",
    "Mai",
    "Nam",
    "Phúc",
    "Quân",
    "Sơn",
    "Tâm",
    "Vy",
]
DISTRICTS = [
    "Trà Bồng",
    "Sơn Tịnh",
    "Bình Sơn",
    "Tư Nghĩa",
    "Mộ Đức",
    "Đức Phổ",
    "Ba Tơ",
    "Minh Long",
]


@dataclass(frozen=True)
class Names:
    commune: str
    district: str
    signer: str


def commune_names(count: int, rng: random.Random) -> list[Names]:
    pairs = [f"{a} {b}" for a in FIRST for b in SECOND if a != b]
    rng.shuffle(pairs)
    out: list[Names] = []
    for i in range(count):
        name = pairs[i % len(pairs)]
        if i >= len(pairs):
            name += f" {i // len(pairs) + 1}"
        signer = f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        out.append(Names(name, rng.choice(DISTRICTS), signer))
    return out


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _day_in(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randint(0, max((end - start).days, 0)))


def actuals_text(plan: object, indicators: object, rng: random.Random, diligence: float) -> str:
    """A year of records as ``kstthc record`` writes them; ``diligence`` is the share filed."""
    from kstthc_cli.load.models import IndicatorSet, Plan

    assert isinstance(plan, Plan) and isinstance(indicators, IndicatorSet)
    cal = YearCalendar(YEAR, plan.reporting)
    lines = [f"year: {YEAR}", "", "tasks:"]
    number = rng.randint(1, 20)
    for _, task in plan.all_tasks():
        schedule = task_schedule(task)
        if schedule is None:
            continue
        occ = occurrences(task, schedule, cal)
        owed = [o for o in occ if o.kind != "activity"]
        for o in owed:
            if rng.random() > diligence or o.due is None:
                continue
            done = o.due - timedelta(days=rng.randint(-6, 20))
            done = min(max(done, date(YEAR, 1, 2)), date(YEAR, 12, 31))
            number += rng.randint(1, 4)
            lines.append(f"  - task: {_q(task.id)}")
            if len(owed) > 1:
                lines.append(f"    period: {_q(o.key)}")
            lines.append("    status: done")
            lines.append(f"    date: {done.isoformat()}")
            lines.append(f"    evidence: {_q(f'Báo cáo số {number}/BC-UBND ngày {done:%d/%m/%Y}')}")
        for o in occ:
            if o.kind != "activity" or rng.random() > diligence:
                continue
            assert o.start is not None and o.end is not None
            day = _day_in(rng, max(o.start, date(YEAR, 1, 2)), o.end)
            lines.append(f"  - task: {_q(task.id)}")
            lines.append(f"    period: {_q(o.key)}")
            lines.append("    status: done")
            lines.append(f"    date: {day.isoformat()}")
            lines.append(f"    note: {_q('Đã niêm yết, cập nhật trên Cổng Dịch vụ công')}")
        if schedule.adhoc and rng.random() < 0.3:
            lines += [
                f"  - task: {_q(task.id)}",
                '    period: "đột xuất"',
                "    status: done",
                f"    date: {_day_in(rng, date(YEAR, 2, 1), date(YEAR, 11, 30)).isoformat()}",
                f"    evidence: {_q('Báo cáo đột xuất theo yêu cầu của Văn phòng UBND huyện')}",
            ]
    lines += ["", "indicators:"]
    for ind in indicators.indicators:
        level = rng.uniform(0.35, 1.0)
        for q in ("Q1", "Q2", "Q3", "Q4"):
            if rng.random() > diligence + 0.1:
                continue
            lines.append(f"  - indicator: {_q(ind.id)}")
            lines.append(f"    period: {_q(q.lower())}")
            if ind.measure == "value":
                lines.append(f"    value: {round(rng.uniform(80, 99.5), 1)}")
            else:
                den = rng.randint(15, 320)
                num = min(den, max(0, round(den * rng.gauss(level, 0.05))))
                lines.append(f"    numerator: {num}")
                lines.append(f"    denominator: {den}")
            if rng.random() < 0.2:
                lines.append(
                    f"    note: {_q('Số liệu trích từ Hệ thống thông tin giải quyết TTHC')}"
                )
    return "\n".join(lines) + "\n"


def _with_baselines(text: str, rng: random.Random) -> str:
    out: list[str] = []
    for line in text.splitlines(keepends=True):
        if line.strip() == "baseline: null" and rng.random() < 0.6:
            indent = line[: len(line) - len(line.lstrip())]
            line = f"{indent}baseline: {round(rng.uniform(30, 99), 2)}\n"
        out.append(line)
    return "".join(out)


def make_communes(root: Path, count: int, seed: int = 1) -> list[Path]:
    """Write ``count`` commune folders below ``root``; returns them in order."""
    rng = random.Random(seed)
    shipped = REPO / "data"
    plan_text = (shipped / f"plan_{YEAR}.yaml").read_text(encoding="utf-8")
    ind_text = (shipped / f"indicators_{YEAR}.yaml").read_text(encoding="utf-8")
    ws, _ = load_workspace(shipped, YEAR)
    assert ws is not None
    folders: list[Path] = []
    for i, names in enumerate(commune_names(count, rng)):
        folder = root / f"xa-{i + 1:04d}"
        folder.mkdir(parents=True, exist_ok=True)

        def vary(text: str, names: Names = names) -> str:
            return (
                text.replace("Hương Trà", names.commune)
                .replace("Trà Bồng", names.district)
                .replace("Hồ Minh Hiếu", names.signer)
            )

        (folder / f"plan_{YEAR}.yaml").write_text(vary(plan_text), encoding="utf-8")
        (folder / f"indicators_{YEAR}.yaml").write_text(
            vary(_with_baselines(ind_text, rng)), encoding="utf-8"
        )
        diligence = rng.uniform(0.75, 1.0)
        (folder / f"actuals_{YEAR}.yaml").write_text(
            actuals_text(ws.plan, ws.indicators, rng, diligence), encoding="utf-8"
        )
        folders.append(folder)
    return folders


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    folders = make_communes(args.out, args.count, args.seed)
    print(f"{len(folders)} xã trong {args.out}")


if __name__ == "__main__":
    main()
