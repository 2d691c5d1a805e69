"""Search gives the same answer on both stores: the embedded store's SQLite index, the
embedded store's scan (the named query ``search_hits``) and Neo4j's full-text path, for
every test query (tests/search/cases.py), after loads and after a reload.

Real parts: a LadybugDB store in tmp_path and the Neo4j server of NEO4J_URI."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from graph import search_terms
from graph.ladybug_store import LadybugStore
from queries.measures import search_hits, search_measures
from tests.conftest import neo4j_env, require_neo4j
from tests.factories import all_documents, district_document
from tests.search.cases import edited, queries
from tests.search.test_search_index import Unindexed, indexed, scan
from tests.test_query_parity import seed_documents

pytestmark = pytest.mark.neo4j


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, Any]]:
    require_neo4j()
    from graph.neo4j_store import Neo4jStore

    env = neo4j_env()
    lb = LadybugStore(Path(tmp_path_factory.mktemp("search")) / "graph.lbug")
    nj = Neo4jStore(env["uri"], env["user"], env["password"], env["database"])
    try:
        nj.clear()
        docs = all_documents() + seed_documents()
        lb.load_many(docs)
        nj.load_many(docs)
        yield lb, nj
    finally:
        try:
            nj.clear()
        finally:
            nj.close()
            lb.close()


def compare(lb: Any, nj: Any) -> int:
    """Index, scan and Neo4j give the same ranked rows for every query; the hits compared."""
    n = 0
    for q in queries(lb):
        if not search_terms.words(q):
            continue
        want = scan(lb, q)
        assert indexed(lb, q) == want, q
        assert search_hits(nj, q) == want, q
        assert all(all(w in lb.read("measure_row", {"id": r["id"]})[0]["text"] for w in search_terms.words(q))
                   for r in want[:3]), q
        n += len(want)
    return n


def test_same_hits_on_both_stores(stores: tuple[Any, Any]) -> None:
    lb, nj = stores
    assert compare(lb, nj) > 1000


def test_same_answers_on_both_stores(stores: tuple[Any, Any]) -> None:
    lb, nj = stores
    for q in ("财政", "政 的", "5.5%", "GDP", "，", "不存在的词语"):
        for kw in ({"limit": 5}, {"limit": 5, "offset": 3}, {"unit": "区财政局"}):
            a = search_measures(lb, q=q, **kw)
            assert a == search_measures(nj, q=q, **kw) == search_measures(Unindexed(lb), q=q, **kw), (q, kw)


def test_same_hits_after_a_reload(stores: tuple[Any, Any]) -> None:
    lb, nj = stores
    new = edited(district_document())
    lb.load(new)
    nj.load(new)
    try:
        assert scan(lb, "数字人民币试点")
        assert compare(lb, nj) > 1000
    finally:
        lb.load(district_document())
        nj.load(district_document())


def test_neo4j_pages_a_search_in_the_server(stores: tuple[Any, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    """On Neo4j an unfiltered search page is counted and sliced by the server (SKIP/LIMIT):
    only the page's keys leave it, not every hit."""
    _, nj = stores
    seen: list[tuple[str, dict[str, Any]]] = []
    real_read = nj.read

    def read(name: str, params: Any = None) -> Any:
        rows = real_read(name, params)
        seen.append((name, {**(params or {}), "rows": len(rows)}))
        return rows

    monkeypatch.setattr(nj, "read", read)
    got = search_measures(nj, q="财政", limit=5, offset=3)
    monkeypatch.undo()
    hits = [(n, p) for n, p in seen if n == "search_hits"]
    assert [n for n, _ in seen if n.startswith("search_")] == ["search_count", "search_hits"]
    assert hits[0][1]["skip"] == 3 and hits[0][1]["rows"] == 5
    assert got["count"] == len(search_hits(nj, "财政")) > 8
