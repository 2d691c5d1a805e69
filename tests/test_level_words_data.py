"""graph/data/level_words.csv: every row is a reviewed pair of level words (issue 12:
regional word pairs live in a data file, not in code), checked one by one."""

from __future__ import annotations

import csv

import pytest

from graph.linking.text import LEVEL_WORDS_CSV, clean, level_words
from graph.normalize import directory

ROWS = list(csv.DictReader(LEVEL_WORDS_CSV.open(encoding="utf-8", newline="")))


@pytest.mark.parametrize("row", ROWS, ids=[f"{r['lower']}->{r['upper']}" for r in ROWS])
def test_level_word_row(row: dict[str, str]) -> None:
    lower, upper = row["lower"], row["upper"]
    assert lower and upper and lower != upper and row["note"].strip()
    # folding makes the district's phrase read as the city's
    assert clean(f"推进{lower}建设") == clean(f"推进{upper}建设")
    region_pair = [g for g in directory().governments if g.region and g.region.removesuffix("区") == lower]
    for district in region_pair:  # a region row names a district and the city it belongs to
        city = directory().resolve(district.government)
        assert city is not None and city.region.removesuffix("市") == upper


def test_rows_fold_in_file_order_longest_first_where_they_overlap() -> None:
    pairs = level_words()
    order = {lower: i for i, (lower, _) in enumerate(pairs)}
    for lower, _ in pairs:  # a word containing a shorter one is folded before it (全区 before 区)
        for other in order:
            if other != lower and other in lower:
                assert order[lower] < order[other], (lower, other)
