"""Every district agency in the seeds has a tested counterpart or is on the tested list
of agencies with none; BRANCH_OF for branches."""

from __future__ import annotations

from graph.linking.model import UnitRec
from graph.linking.units import link_units
from tests.linking.conftest import read_list, read_tsv


def test_counterparts_match_the_hand_made_list(links) -> None:
    expected = {(r["district"], r["city"]) for r in read_tsv("counterparts.tsv")}
    assert {(u.lower, u.upper) for u in links.counterparts} == expected
    assert all(u.method == "data_file" for u in links.counterparts)


def test_issue_examples(links) -> None:
    got = {u.lower: u.upper for u in links.counterparts}
    for low, up in {
        "区财政局": "市财政局",
        "区工信局": "市工业和信息化局",
        "区卫健委": "市卫生健康委",
        "区教育局": "市教委",
        "公安西青分局": "市公安局",
        "团区委": "团市委",
    }.items():
        assert got[low] == up
    assert ("市规划资源局西青分局", "市规划资源局") in {(b.lower, b.upper) for b in links.branches}


def test_branches_match_the_hand_made_list(links) -> None:
    expected = {(r["district"], r["city"]) for r in read_tsv("counterparts.tsv") if r["branch"] == "1"}
    assert {(b.lower, b.upper) for b in links.branches} == expected


def test_every_district_agency_is_accounted_for(links, district) -> None:
    agencies = {u.name for u in district.units if not u.collective}
    with_counterpart = {r["district"] for r in read_tsv("counterparts.tsv")}
    none = set(read_list("no_counterpart.txt"))
    assert not with_counterpart & none
    assert agencies == with_counterpart | none
    assert set(links.no_counterpart) == none


def test_collectives_and_unknown_units_are_not_forced() -> None:
    units = [
        UnitRec("区政府各部门", "district", "collective", True),
        UnitRec("市政府各部门", "city", "collective", True),
        UnitRec("区某某办", "district", "department", False),  # not in the data file
        UnitRec("区财政局", "district", "department", False),  # counterpart not loaded
    ]
    counterparts, branches, none = link_units(units)
    assert counterparts == [] and branches == []
    assert none == ["区某某办", "区财政局"]
