"""An agency beside its counterpart, keyed by the links (FOLLOWS / IMPLEMENTS), not by section
number (issue 15): 区财政局 and 市财政局 on both stores, against the hand-derived
tests/expected/counterpart_comparison.tsv."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest

from queries.workload import counterpart_comparison

EXPECTED = Path(__file__).resolve().parent / "expected" / "counterpart_comparison.tsv"
DIRECT = ("lead", "support", "joint")


Pairs = set[tuple[str, str]]  # (short measure id, role)


def expected_rows() -> dict[tuple[str, str], tuple[Pairs, Pairs]]:
    """(district task, city task) -> (district measures, city measures) with their roles."""
    lines = [ln for ln in EXPECTED.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    out = {}
    for r in csv.DictReader(lines, delimiter="\t"):
        d, c = ({tuple(x.split(":")) for x in r[k].split(";") if x} for k in ("district_measures", "city_measures"))
        out[(r["district_task"], r["city_task"])] = (d, c)
    return out


def direct_rows(answer: dict[str, Any], lower: str, upper: str) -> dict[tuple[str, str], tuple[Pairs, Pairs]]:
    """The answer's rows as (district task, city task) -> the measures each agency is named
    on directly, with the role (held only through a collective: left out, as in the file)."""
    out = {}
    for row in answer["data"]:
        key = (",".join(str(t["number"]) for t in row["lower"]) or "-",
               ",".join(str(t["number"]) for t in row["upper"]) or "-")
        sides = []
        for unit in (lower, upper):
            c = row["counts"][unit]
            assert c["total"] == len(c["measures"]) == sum(c[k] for k in (*DIRECT, "shared"))
            assert all(sum(1 for m in c["measures"] if m["role"] == k) == c[k] for k in (*DIRECT, "shared"))
            sides.append({(m["id"].rsplit(":", 1)[1], m["role"]) for m in c["measures"] if m["role"] in DIRECT})
        out[key] = (sides[0], sides[1])
    return out


@pytest.fixture
def linked(store: Any) -> Any:
    from policygraph.pipeline import load_samples

    load_samples(store)
    return store


def test_finance_beside_its_city_counterpart_by_linked_task(linked: Any) -> None:
    answer = counterpart_comparison(linked, "区财政局")
    assert answer["unit"] == "区财政局" and [c["name"] for c in answer["counterparts"]] == ["市财政局"]
    got = {k: v for k, v in direct_rows(answer, "区财政局", "市财政局").items() if v[0] or v[1]}
    assert got == expected_rows()


def test_the_issue_case_district_four_is_city_five(linked: Any) -> None:
    """（四） 强化就业优先政策 sits beside the city's （五）, where 市财政局 has work."""
    answer = counterpart_comparison(linked, "区财政局")
    [row] = [r for r in answer["data"] if [t["number"] for t in r["lower"]] == [4]]
    assert [t["number"] for t in row["upper"]] == [5] and row["linked"]
    assert row["lower"][0]["title"] == row["upper"][0]["title"] == "强化就业优先政策"
    assert row["counts"]["市财政局"]["total"] == 1 and row["counts"]["区财政局"]["total"] == 1
    assert [(x["lower"].rsplit(":", 1)[1], x["upper"].rsplit(":", 1)[1]) for x in row["links"]] == [("10.1", "11.1")]


def test_from_the_city_side_the_same_rows(linked: Any) -> None:
    """Read from 市财政局's page, the rows and numbers are the same ones."""
    down = direct_rows(counterpart_comparison(linked, "区财政局"), "区财政局", "市财政局")
    up = direct_rows(counterpart_comparison(linked, "市财政局"), "区财政局", "市财政局")
    assert down == up and len(down) >= 30
