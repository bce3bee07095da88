"""The benchmark's synthetic communes are realistic enough to be valid workspaces."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from benchmarks.make_communes import make_communes
from tests.conftest import Result


def test_synthetic_communes_pass_check_and_roll_up(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    dirs = make_communes(tmp_path, 4, seed=7)
    assert [d.name for d in dirs] == ["xa-0001", "xa-0002", "xa-0003", "xa-0004"]
    for d in dirs:
        r = cli("check", "--data", str(d), "--json")
        assert r.code == 0, r.out
        assert "Hương Trà" not in (d / "plan_2024.yaml").read_text(encoding="utf-8")
    r = cli("rollup", *map(str, dirs), "--as-of", "2024-12-31", "--json")
    assert r.code == 0, r.err
    data = json.loads(r.out)
    names = {c["name"] for c in data["communes"]}
    assert len(names) == 4
    pooled = {i["id"]: i for i in data["indicators"]}
    assert pooled["3"]["denominator"] > 0 and pooled["10"]["method"] == "mean"
    again = make_communes(tmp_path / "again", 4, seed=7)
    assert (again[2] / "actuals_2024.yaml").read_bytes() == (
        dirs[2] / "actuals_2024.yaml"
    ).read_bytes()
