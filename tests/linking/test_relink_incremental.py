"""Incremental relinking (``relink_store``, run by every load through ``load_and_link``)
gives the same link edges as a full ``link_store``, edge by edge with every property,
whatever the order documents arrive in, on both stores; and it leaves the edges of
pairs that do not touch the loaded document alone (not deleted and rewritten).

Documents: the level family of tests/data/levels (national -> province -> city ->
district, a district implementing the national document directly, a city
department's plan implementing the city division) and the two seeds (agency
counterparts: 区财政局 -> 市财政局 appear when the city arrives)."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from bench.stores import bench_registry
from graph.linking import link_store, relink_store
from graph.model import ParsedDocument
from policygraph.pipeline import link_pending, load_and_link
from tests.linking.conftest import CITY_FILE, DISTRICT_FILE

ORDERS = {
    "parents_first": ["national", "province", "city", "district", "district_direct", "department"],
    "children_first": ["department", "district", "district_direct", "city", "province", "national"],
    "middle_last": ["national", "district", "department", "district_direct", "city", "province"],
}


@pytest.fixture
def bstore(store: Any) -> Any:
    """The conftest ``store`` (both engines) with the bench snapshot queries known."""
    store.registry = bench_registry()
    return store


def links_dump(store: Any) -> list[tuple]:
    """Every link edge and stub with every property linking writes, sorted."""
    return sorted(
        (r["kind"], r["a"], r["b"], r["method"], r["score"], r["is_primary"], r["evidence"])
        for r in store.read("bench_dump_links")
    )


def assert_incremental_is_full(store: Any, when: str) -> list[tuple]:
    """The store as incremental relinking left it == the store after a full relink."""
    incremental = links_dump(store)
    link_store(store)
    full = links_dump(store)
    assert incremental == full, f"{when}: incremental {set(incremental) ^ set(full)}"
    return full


def edited(p: ParsedDocument, measure: int, text: str) -> ParsedDocument:
    """``p`` with the text of its ``measure``-th measure replaced (a reload that changes it)."""
    measures = list(p.measures)
    measures[measure] = dataclasses.replace(measures[measure], text=text)
    return dataclasses.replace(p, measures=measures)


@pytest.mark.parametrize("order", list(ORDERS))
def test_incremental_equals_full_in_any_order(bstore: Any, family: dict[str, ParsedDocument], order: str) -> None:
    for name in ORDERS[order]:
        summary = load_and_link(bstore, [family[name]])["links"]
        assert isinstance(summary["relinked_pairs"], int) and not link_pending(bstore)
        assert_incremental_is_full(bstore, f"after loading {name}")
    # reload a middle level with a measure rewritten: its pairs above and below change
    city = edited(family["city"], 4, "严格落实耕地保护制度，全市永久基本农田保护面积不减少。")
    load_and_link(bstore, [city])
    after_edit = assert_incremental_is_full(bstore, "after reloading the city, edited")
    load_and_link(bstore, [family["city"]])
    assert_incremental_is_full(bstore, "after reloading the city as it was")
    assert links_dump(bstore) != after_edit  # the edit did change the links (the test can fail)
    # a reload that changes what a document says it implements (the province now too)
    direct = family["district_direct"]
    refs = [*direct.document.implements, *family["city"].document.implements]
    load_and_link(bstore, [dataclasses.replace(direct, document=dataclasses.replace(direct.document, implements=refs))])
    assert_incremental_is_full(bstore, "after the direct district cites the province as well")


def test_parent_loaded_after_child_replaces_the_stub(bstore: Any, family: dict[str, ParsedDocument]) -> None:
    district, city = family["district"], family["city"]
    load_and_link(bstore, [district])
    stub = "stub:" + city.document.doc_number
    assert [(r["upper_id"], r["upper_stub"]) for r in bstore.read("document_links")] == [(stub, True)]
    summary = load_and_link(bstore, [city])["links"]
    uppers = {(r["lower_id"], r["upper_id"], r["upper_stub"]) for r in bstore.read("document_links")}
    assert (district.document.id, city.document.id, False) in uppers
    assert all(u != stub for _l, u, _s in uppers)  # the child's stub is gone
    assert summary["tasks"] == len(district.tasks) and summary["measures_linked"] == len(district.measures)
    assert_incremental_is_full(bstore, "parent after child")


def kept(store: Any, lower_doc: str) -> tuple[int, int]:
    """(link edges of a lower document's tasks and measures, of them still marked)."""
    rows = [
        r
        for r in store.read("bench_dump_links")
        if r["kind"] in ("task", "measure") and r["a"].split(":", 1)[0] == lower_doc
    ]
    return len(rows), sum(r["method"].endswith("#kept") for r in rows)


def test_untouched_pairs_are_not_rewritten(bstore: Any, family: dict[str, ParsedDocument]) -> None:
    for name in ["national", "province", "city", "district", "department"]:
        load_and_link(bstore, [family[name]])
    ids = {name: p.document.id for name, p in family.items()}
    for name in ("province", "city", "district", "department"):
        bstore.write("bench_mark_links", {"lower": ids[name]})
        n, marked = kept(bstore, ids[name])
        assert n > 0 and marked == n
    steps: list[str] = []
    bstore.before_step = lambda _i, name: steps.append(name)
    load_and_link(bstore, [family["department"]])  # touches department -> city only
    bstore.before_step = None
    assert "link_clear_measures" not in steps and "link_clear_pair_measures" in steps
    assert kept(bstore, ids["department"])[1] == 0  # its own pair: rewritten
    for name in ("province", "city", "district"):
        n, marked = kept(bstore, ids[name])
        assert n > 0 and marked == n, name  # the others: the very same edges
    load_and_link(bstore, [family["city"]])  # lower of city -> province, upper of two pairs
    for name in ("city", "district"):
        n, marked = kept(bstore, ids[name])
        assert n > 0 and marked == 0, name
    n, marked = kept(bstore, ids["province"])
    assert n > 0 and marked == n  # province -> national does not touch the city


def test_seeds_counterparts_arrive_with_the_city(bstore: Any) -> None:
    from loaders import load_document

    district, city = load_document(DISTRICT_FILE), load_document(CITY_FILE)
    load_and_link(bstore, [district])
    before = {r for r in links_dump(bstore) if r[0] == "counterpart"}
    assert_incremental_is_full(bstore, "district seed alone")
    load_and_link(bstore, [city])
    after = assert_incremental_is_full(bstore, "city seed after the district seed")
    counterparts = {r for r in after if r[0] == "counterpart"}
    assert ("counterpart", "区财政局", "市财政局", "data_file", 1.0, True, "") in counterparts - before
    assert sum(r[0] == "task" for r in after) == 38
    load_and_link(bstore, [district])  # a reload: same links
    assert links_dump(bstore) == after


def test_a_pending_load_makes_the_next_load_relink_everything(
    bstore: Any, family: dict[str, ParsedDocument]
) -> None:
    for name in ["national", "province"]:
        load_and_link(bstore, [family[name]])
    bstore.load(family["city"])  # a load whose linking never ran (a crash): the mark stays
    assert link_pending(bstore)
    summary = load_and_link(bstore, [family["district"]])["links"]
    assert not link_pending(bstore)
    assert summary["relinked_pairs"] == 3  # province->national, city->province, district->city
    assert_incremental_is_full(bstore, "after a pending load")
    assert relink_store(bstore, [])["relinked_pairs"] == 0  # nothing touched: nothing relinked
