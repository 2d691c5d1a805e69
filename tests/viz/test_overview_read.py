"""The grouped neighbourhood (queries.neighbourhood.unit_overview) against the hand-checked
district expectations (tests/expected/district_measures.tsv), and its node budget."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

from queries.neighbourhood import OverviewOptions, unit_overview
from queries.units import unit_rows

EXPECTED = Path(__file__).resolve().parents[1] / "expected" / "district_measures.tsv"
AGENCIES = Path(__file__).resolve().parents[2] / "graph" / "data" / "agencies.csv"
UNIT = "区财政局"
DIRECT = ("lead", "support", "joint")


def hand_checked_rows() -> list[dict[str, str]]:
    with EXPECTED.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def canonical() -> dict[str, str]:
    """Alias -> canonical name, from the reviewed agency data file."""
    with AGENCIES.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return {a: r["name"] for r in rows for a in (r.get("aliases") or "").split(";") if a}


# collectives without a government of their own are named per region (README: 西青区有关部门)
CANON = {**canonical(), "有关部门": "西青区有关部门"}


def names(row: dict[str, str]) -> list[str]:
    return [CANON.get(n, n) for col in ("leads", "supports", "joints") for n in (row[col] or "").split("、") if n]


def test_direct_measures_and_partner_weights_match_the_paper(store):
    """区财政局's own (lead/support/joint) measures: as many as rows naming it in the
    hand-checked table; each partner's edge weight = rows naming both."""
    rows = [r for r in hand_checked_rows() if UNIT in names(r)]
    weights = Counter(n for r in rows for n in set(names(r)) if n != UNIT)
    answer = unit_overview(store, UNIT, options=OverviewOptions(roles=DIRECT))
    assert answer["total"] == len(rows) == 38
    assert sum(s["count"] for s in answer["sections"]) == answer["total"]
    got = {p["unit"]: p["weight"] for p in answer["partners"]}
    for name, weight in weights.items():
        assert got[name] == weight, name
    assert weights["区发展改革委"] == got["区发展改革委"] > 0
    # the drawn partner edges carry the same weights
    for e in answer["edges"]:
        if e["kind"] == "partner":
            assert e["weight"] == got[e["from"].split(":", 1)[1]]


def test_grouped_by_section_with_counts(store):
    answer = unit_overview(store, UNIT)
    assert answer["count"] == len(answer["nodes"]) <= answer["budget"] == 60
    sections = {n["id"]: n for n in answer["nodes"] if n["kind"] == "section"}
    finance = next(s for s in answer["sections"] if s["title"] == "提升积极的财政政策效能")
    # (三) of the district list: measures 7, 8, 9, all led by 区财政局 (lines 39-41 of the seed)
    assert finance["count"] == 3 and finance["roles"] == {"lead": 3}
    assert "提升积极的" in sections[finance["id"]]["label"] and "3 项" in sections[finance["id"]]["label"]
    assert not [n for n in answer["nodes"] if n["kind"] == "measure"]  # nothing expanded yet
    # expand it: its three measures, labelled with number and short text
    opened = unit_overview(store, UNIT, options=OverviewOptions(expand=(finance["id"],)))
    measures = [n for n in opened["nodes"] if n["kind"] == "measure"]
    assert sorted(n["label"].split(" ")[0] for n in measures) == ["7", "8", "9"]
    assert any(n["label"].replace("\n", "").startswith("8 用足用好专项债券") for n in measures)
    assert all(n["x"] < 0 for n in measures) and opened["count"] <= 60


def test_budget_summarises_instead_of_drawing(store):
    busiest = max((u for u in unit_rows(store) if not u.get("collective")),
                  key=lambda u: sum(int(u.get(k) or 0) for k in ("lead", "support", "joint", "shared")))
    for budget in (60, 20, 8):
        answer = unit_overview(store, busiest["name"], budget)
        assert answer["count"] == len(answer["nodes"]) <= budget
        drawn = [n for n in answer["nodes"] if n["kind"] == "section"]
        hidden = answer["summary"]["sections_hidden"]
        assert len(drawn) + hidden == len(answer["sections"])
        if hidden:  # what is not drawn is said
            node = next(n for n in answer["nodes"] if n["id"] == "summary:sections")
            assert f"其余 {hidden} 个任务" in node["label"]
            assert sum(n["count"] for n in drawn) + answer["summary"]["measures_in_hidden_sections"] == answer["total"]
    assert unit_overview(store, busiest["name"], 8)["summary"]["summarised"]


def test_pairs_on_demand(store):
    answer = unit_overview(store, UNIT)
    assert "unit:市财政局" not in {n["id"] for n in answer["nodes"]}
    finance = next(s for s in answer["sections"] if s["title"] == "提升积极的财政政策效能")
    paired = unit_overview(store, UNIT, options=OverviewOptions(expand=(finance["id"],), pairs=True))
    ids = {n["id"] for n in paired["nodes"]}
    assert "unit:市财政局" in ids
    pairs = [e for e in paired["edges"] if e["kind"] == "pair"]
    assert pairs and all(e["to"].startswith("measure:天津市人民政府-2022-05-06:") for e in pairs)
