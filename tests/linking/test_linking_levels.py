"""Links at any pair of levels: the family of tests/data/levels (national -> province ->
city -> district, a district implementing the national document directly, a city
department's plan implementing the city division) links at document, task and
measure level exactly as tests/expected/levels_links.tsv says, computed from the parsed
documents and on both stores; a parent loaded after its child links then."""

from __future__ import annotations

from typing import Any

import pytest

from graph.linking import corpus_from_parsed, link_corpus
from graph.model import ParsedDocument
from policygraph.pipeline import load_and_link
from tests.linking.conftest import FILES, read_tsv

LEVEL = {
    "national": "national",
    "province": "province",
    "city": "city",
    "district": "district",
    "district_direct": "district",
    "department": "city",
}


def expected(family: dict[str, ParsedDocument]) -> dict[str, set[tuple[str, str]]]:
    """The hand-checked links, with family keys turned into the documents' ids."""

    def full(ref: str) -> str:
        key, _, rest = ref.partition(":")
        doc = family[key].document.id
        return f"{doc}:{rest}" if rest else doc

    out: dict[str, set[tuple[str, str]]] = {"document": set(), "task": set(), "measure": set()}
    for r in read_tsv("levels_links.tsv"):
        out[r["kind"]].add((full(r["lower"]), full(r["upper"])))
    return out


def test_levels_read_from_the_preambles(family: dict[str, ParsedDocument]) -> None:
    assert {k: p.document.level for k, p in family.items()} == LEVEL
    assert family["department"].document.issuer == "石家庄市财政局"


def test_every_pair_links_at_every_level(family: dict[str, ParsedDocument]) -> None:
    links = link_corpus(corpus_from_parsed(list(family.values())))
    want = expected(family)
    assert {(d.lower, d.upper) for d in links.documents} == want["document"]
    assert not links.stubs  # every reference is loaded
    assert {(t.lower, t.upper) for t in links.tasks} == want["task"]
    assert {(m.lower, m.upper) for m in links.measures} == want["measure"]
    assert not links.local_measures and not links.unlinked_tasks


def store_links(store: Any) -> dict[str, set[tuple[str, str]]]:
    rows = store.read("bench_dump_links")
    kinds = {"document": "document", "task": "task", "measure": "measure"}
    return {k: {(r["a"], r["b"]) for r in rows if r["kind"] == kind} for k, kind in kinds.items()}


@pytest.mark.parametrize("parents_first", [True, False], ids=["parents_first", "children_first"])
def test_the_stores_link_the_family_in_any_order(
    store: Any, family: dict[str, ParsedDocument], parents_first: bool
) -> None:
    from bench.stores import bench_registry

    store.registry = bench_registry()
    names = list(FILES) if parents_first else list(FILES)[::-1]
    for name in names:  # one upload at a time: each one links then (a parent after its child too)
        load_and_link(store, [family[name]])
    assert store_links(store) == expected(family)
    assert not [d for d in store.read("document_list") if d["id"].startswith("stub:")]


@pytest.mark.parametrize(
    "child, level",
    [("province", "national"), ("city", "province"), ("district", "city"), ("district_direct", "national"),
     ("department", "city")],
)
def test_a_parent_not_loaded_is_a_stub_of_its_level(family: dict[str, ParsedDocument], child: str, level: str) -> None:
    links = link_corpus(corpus_from_parsed([family[child]]))
    assert [(s.doc_number, s.level) for s in links.stubs] == [(family[child].document.implements[0].doc_number, level)]
    assert [d.method for d in links.documents] == ["stub"]
