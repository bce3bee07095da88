"""Write kstthc_cli/compute/vn_days_off.json, the Vietnamese days off kstthc ships, from the
``holidays`` package. Run it from the repository root at each release (and when ``holidays``
changes), then run the tests: ``tests/test_periods.py`` checks the table against ``holidays``.

    python scripts/gen_holidays.py [--first 2019] [--last 2035] [--output FILE]
"""

from __future__ import annotations

import argparse
import json
import sys
from importlib.metadata import version
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kstthc_cli.compute.periods import DAYS_OFF_TABLE, holidays_days_off

ABOUT = (
    "Ngày nghỉ lễ, Tết (days_off) và ngày làm việc bù (working_days) của Việt Nam, theo gói "
    "holidays; do scripts/gen_holidays.py viết ra, đừng sửa tay. Ngày nghỉ gồm cả ngày rơi vào "
    "thứ Bảy, Chủ nhật. Kế hoạch thêm hay bỏ ngày nghỉ của riêng mình trong reporting.days_off và "
    "reporting.working_days."
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--first", type=int, default=2019)
    parser.add_argument("--last", type=int, default=2035)
    parser.add_argument("--output", type=Path, default=DAYS_OFF_TABLE)
    args = parser.parse_args()
    table = holidays_days_off(range(args.first, args.last + 1))
    data = {
        "about": ABOUT,
        "source": f"holidays {version('holidays')}, country_holidays('VN', language='vi')",
        "first_year": args.first,
        "last_year": args.last,
        "days_off": {d.isoformat(): name for d, name in table.days_off.items()},
        "working_days": {d.isoformat(): name for d, name in table.working_days.items()},
    }
    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    args.output.write_text(text, encoding="utf-8", newline="\n")
    print(
        f"{args.output}: {args.first}–{args.last}, {len(table.days_off)} ngày nghỉ, "
        f"{len(table.working_days)} ngày làm bù"
    )


if __name__ == "__main__":
    main()
