"""The small shared rules on words and numbers (load/text.py), and the one column fitter."""

from __future__ import annotations

from kstthc_cli.load.text import CountReading, closest, did_you_mean, read_count, whole
from kstthc_cli.render.textfmt import fit, plain


def test_whole_numbers_are_ints_and_none_stays_none() -> None:
    assert whole(150.0) == 150 and isinstance(whole(150.0), int)
    assert whole(92.5) == 92.5
    assert whole(None) is None


def test_one_nearest_name_rule_with_its_cutoff() -> None:
    assert closest("stauts", ["status", "tasks"]) == "status"
    assert closest("zzz", ["status", "tasks"]) is None
    assert did_you_mean("chek", ["check", "calendar"]) == "Có phải ý bạn là 'check'?"
    assert did_you_mean("vp", ["vp-tk", "mc"], cutoff=0.6) == ""
    assert did_you_mean("vp-t", ["vp-tk", "mc"], cutoff=0.6) == "Có phải ý bạn là 'vp-tk'?"


def test_a_count_of_more_digits_than_python_reads_is_long_not_a_crash() -> None:
    assert read_count("9" * 4300) == CountReading("whole", int("9" * 4300))
    assert read_count("9" * 4301) == CountReading("long", digits="9" * 4301)
    assert read_count("1.000") == CountReading("grouped", digits="1000")


def test_one_column_fitter_by_terminal_cells() -> None:
    assert fit("Quý II", 8) == "Quý II  "
    assert fit("12", 5, right=True) == "   12"
    assert fit("Chỉ tiêu dài", 6) == "Chỉ t…"
    assert fit("中文", 6) == "中文  "  # two cells a character
    assert (plain(1313.0), plain(2.5)) == ("1.313", "2,50")
