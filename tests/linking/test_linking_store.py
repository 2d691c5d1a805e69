"""link_store on a loaded store: the edges written, idempotence, and the analyst queries
(gaps, local initiatives, chains, counterpart asks) against the hand-made lists.
The Neo4j leg runs when NEO4J_URI is set and must write the same edges."""

from __future__ import annotations

from typing import Any

import pytest

from graph.linking import link_store
from graph.registry import get_registry
from tests.linking.conftest import read_list, read_tsv, short

CITY = "天津市人民政府-2022-05-06"
DISTRICT = "西青区人民政府-2022-07-27"
ANALYST_QUERIES = [
    "chain_below",
    "chain_above",
    "unit_counterpart_asks",
    "gaps_city_uncarried",
    "local_initiatives",
    "counterpart_untouched",
    "document_links",
]
LINK_TYPES = ["IMPLEMENTS", "FOLLOWS", "COUNTERPART_OF", "BRANCH_OF", "CONTRIBUTES_TO"]


def edges(store: Any) -> dict[str, set]:
    """Every link edge, as plain tuples, read through named queries."""
    out: dict[str, set] = {}
    out["documents"] = {
        (r["lower_id"], r["upper_id"], r["method"], r["upper_stub"]) for r in store.read("document_links")
    }
    rows = store.read("measures_links", {"ids": [m["id"] for m in store.read("linking_measures")]})
    out["measures"] = {(r["lower_id"], r["upper_id"], round(r["score"], 4)) for r in rows}
    out["counterparts"] = {
        (u["name"], o["name"])
        for u in store.read("linking_units")
        for o in store.read("unit_counterparts", {"name": u["name"]})
        if u["level"] == "district"
    }
    out["targets"] = {
        (r["target_id"], r["city_target_id"], round(r["share"], 6))
        for r in store.read("target_contributions")
    }
    out["gaps"] = {r["id"] for r in store.read("gaps_city_uncarried")}
    out["local"] = {r["id"] for r in store.read("local_initiatives")}
    return out


def test_edges_written_match_the_pure_links(linked_store, links) -> None:
    counts = linked_store.counts()
    assert counts["FOLLOWS"] == len(links.tasks) == 38
    assert counts["COUNTERPART_OF"] == len(links.counterparts)
    assert counts["BRANCH_OF"] == len(links.branches)
    assert counts["CONTRIBUTES_TO"] == len(links.targets)
    got = edges(linked_store)
    assert {(a, b) for a, b, _ in got["measures"]} == {(m.lower, m.upper) for m in links.measures}
    assert got["local"] == set(links.local_measures)


def test_relinking_replaces_not_duplicates(linked_store) -> None:
    before = (linked_store.counts(), edges(linked_store))
    summary = link_store(linked_store)
    assert (linked_store.counts(), edges(linked_store)) == before
    assert summary["tasks"] == 38 and summary["stub_documents"] == 1


def test_document_links_and_stub(linked_store) -> None:
    docs = {d["id"]: d for d in linked_store.read("document_list")}
    stub = docs["stub:国发〔2022〕9号"]
    assert stub["tasks"] == 0 and stub["doc_number"] == "国发〔2022〕9号" and stub["level"] == "national"
    assert [r["id"] for r in linked_store.read("linking_documents")] == [CITY, DISTRICT]  # stubs excluded
    assert edges(linked_store)["documents"] == {
        (CITY, "stub:国发〔2022〕9号", "stub", True),
        (DISTRICT, "stub:国发〔2022〕9号", "stub", True),
        (DISTRICT, CITY, "title", False),  # 津政发〔2022〕9号: the city text does not state its number
    }
    rows = linked_store.read("chain_above", {"id": f"{DISTRICT}:16.1"})
    assert {r["id"] for r in rows} == {f"{CITY}:17.1"}


def test_gap_query_returns_the_hand_checked_gaps(linked_store) -> None:
    gaps = {short(r["id"]): r for r in linked_store.read("gaps_city_uncarried", {"document": CITY})}
    expected = read_list("gaps.txt")
    missing = [g for g in expected if g not in gaps]
    assert not missing, missing
    assert gaps["10.1"]["followed"] is False  # the district skips the whole monetary-policy task
    assert gaps["12.3"]["followed"] is True


def test_local_query_returns_the_hand_checked_locals(linked_store) -> None:
    local = {short(r["id"]) for r in linked_store.read("local_initiatives", {"document": DISTRICT})}
    expected = [r["district"] for r in read_tsv("measure_links.tsv") if r["expected"] == "local"]
    assert set(expected) <= local, sorted(set(expected) - local)
    assert all(r["document_id"] == DISTRICT for r in linked_store.read("local_initiatives"))


def test_chain_below_lists_district_owners(linked_store) -> None:
    rows = linked_store.read("chain_below", {"id": f"{CITY}:17.1"})
    assert {short(r["id"]) for r in rows} == {"16.1"}
    assert {(r["unit"], r["role"]) for r in rows} == {
        ("区人社局", "lead"),
        ("区财政局", "lead"),
        ("区税务局", "lead"),
    }


def test_counterpart_asks(linked_store) -> None:
    rows = linked_store.read("unit_counterpart_asks", {"name": "区财政局"})
    assert {r["unit"] for r in rows} == {"区财政局", "市财政局"}
    assert {r["side"] for r in rows if r["unit"] == "市财政局"} == {"counterpart"}
    assert any(
        r["side"] == "counterpart" and r["role"] == "lead" and short(r["measure_id"]) == "7.1" for r in rows
    )


def test_counterpart_untouched(linked_store) -> None:
    rows = linked_store.read("counterpart_untouched", {"name": "区财政局"})
    got = {short(r["city_measure_id"]): r["carried"] for r in rows}
    assert all(r["counterpart"] == "市财政局" for r in rows)
    # 市财政局 leads 20.1 (预算绩效); 区财政局 leads 19.2 which implements it: not listed
    assert "20.1" not in got
    # 市财政局 co-leads 17.2 (稳岗返还); no district measure carries it
    assert got.get("17.2") == 0
    for r in linked_store.read("counterpart_untouched", {"name": ""}):
        assert r["unit"] != r["counterpart"]


@pytest.mark.neo4j
def test_neo4j_writes_the_same_edges(seeds, linked_store, neo4j_store) -> None:
    for p in seeds:
        neo4j_store.load(p)
    first = link_store(neo4j_store)
    assert link_store(neo4j_store) == first  # idempotent there too
    assert edges(neo4j_store) == edges(linked_store)
    for name in ANALYST_QUERIES:
        example = get_registry().get(name, "read").example
        assert neo4j_store.read(name, example) == linked_store.read(name, example), name
    a, b = neo4j_store.counts(), linked_store.counts()
    assert {k: a[k] for k in LINK_TYPES + ["Document"]} == {k: b[k] for k in LINK_TYPES + ["Document"]}
