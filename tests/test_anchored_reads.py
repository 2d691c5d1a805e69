"""Reads anchored on a unique key give what the plain one-query readings give.

The two ways a page of measures is annotated (queries.measures._annotation_rows):
anchored on the units that hold them, or on the page's measures by their keys.  Both must
give exactly what the plain id-list queries (`measures_*`, which LadybugDB answers by a
scan of every measure) give, on both stores."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from queries import measures as common
from queries.measures import enrich, shape_measure
from queries.ownership import unit_obligation_rows


@pytest.fixture
def linked(store: Any) -> Any:
    from policygraph.pipeline import load_samples

    load_samples(store)
    return store


def _page(store: Any, unit: str) -> tuple[list[dict[str, Any]], list[str]]:
    rows = unit_obligation_rows(store, unit)
    holders = [unit] + sorted({v["unit"] for r in rows if r["role"] == "shared" for v in r["via"]})
    return [shape_measure(r) for r in rows], holders


def reference_enrich(store: Any, measures: list[dict[str, Any]], exclude_unit: str | None) -> None:
    """The annotations by id list: the straightforward reading, kept as the reference."""
    ids = sorted({m["id"] for m in measures})
    units = store.read("measures_units", {"ids": ids})
    targets = store.read("measures_targets", {"ids": ids})
    links = store.read("measures_links", {"ids": ids})
    for m in measures:
        m["co_responsible"] = [
            {"unit": r["unit"], "role": r["role"], "order": r.get("order"), "collective": r.get("collective")}
            for r in units if r["measure_id"] == m["id"] and r["unit"] != exclude_unit
        ]
        m["targets"] = [{k: v for k, v in r.items() if k != "measure_id"} for r in targets if r["measure_id"] == m["id"]]
        m["city_measures"] = [common._link(r, "upper", r.get("score")) for r in links if r["lower_id"] == m["id"]]
        m["district_measures"] = [common._link(r, "lower", r.get("score")) for r in links if r["upper_id"] == m["id"]]


@pytest.mark.parametrize("unit", ["区财政局", "区发展改革委", "市财政局", "区政府各部门"])
def test_unit_and_page_anchors_agree_with_the_id_list_reading(linked: Any, unit: str) -> None:
    page, holders = _page(linked, unit)
    expected = copy.deepcopy(page)
    reference_enrich(linked, expected, exclude_unit=unit)
    by_unit = copy.deepcopy(page)
    enrich(linked, by_unit, exclude_unit=unit, holders=holders)
    by_page = copy.deepcopy(page)
    enrich(linked, by_page, exclude_unit=unit)
    assert len({m["document_id"] for m in page}) >= 1
    assert by_unit == expected
    assert by_page == expected
    annotated = [m for m in expected if m["co_responsible"] or m["targets"] or m["city_measures"] or m["district_measures"]]
    assert annotated  # the comparison is over real annotations, not empty lists
    assert all(c["unit"] != unit for m in by_unit for c in m["co_responsible"])


def test_a_page_across_documents_is_annotated_in_one_read_per_kind(linked: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """A page mixing city and district measures (a search page) matches the reference,
    with four reads (one per kind of annotation), not four per document."""
    rows = linked.read("measures_list", {})
    page = [shape_measure(r) for r in rows[:3] + rows[-3:]]
    assert len({m["document_id"] for m in page}) == 2
    expected = copy.deepcopy(page)
    reference_enrich(linked, expected, exclude_unit=None)
    names: list[str] = []
    real_read = linked.read

    def counting_read(name: str, params: Any = None) -> Any:
        names.append(name)
        return real_read(name, params)

    monkeypatch.setattr(linked, "read", counting_read)
    enrich(linked, page)
    monkeypatch.undo()
    assert page == expected
    assert sorted(names) == sorted(f"page_{suffix}" for suffix, _ in common.ANNOTATIONS.values())


def test_links_are_annotated_both_ways(linked: Any) -> None:
    """A linked district measure shows its city measure and that city measure shows it."""
    page, holders = _page(linked, "区财政局")
    enrich(linked, page, exclude_unit="区财政局", holders=holders)
    up = next(m for m in page if m["city_measures"])
    city_id = up["city_measures"][0]["id"]
    city = [shape_measure(r) for r in linked.read("measure_detail", {"id": city_id})][:1]
    enrich(linked, city)
    assert up["id"] in {d["id"] for d in city[0]["district_measures"]}


def test_walked_chain_equals_the_one_query_chain(linked: Any) -> None:
    """queries/chain.py (one IMPLEMENTS hop at a time) returns exactly the rows of
    measure_chain_up / measure_chain_down (IMPLEMENTS*1..3), for every seed measure."""
    from queries.chain import measure_chain

    ids = [r["id"] for r in linked.read("measures_list", {})]
    nonempty = {"up": 0, "down": 0}
    for mid in ids:
        for direction in ("up", "down"):
            expected = linked.read(f"measure_chain_{direction}", {"id": mid})
            assert measure_chain(linked, mid, direction) == expected, (mid, direction)
            nonempty[direction] += bool(expected)
    assert nonempty["up"] > 100 and nonempty["down"] > 50, nonempty  # the seeds' 122 links, both ways
