"""A Neo4j store's search copy on the API's host (graph/search_replica.py): the same
ranked rows as the server's full-text path for every test query, stale as soon as any
process changes what search reads (and answered by the server meantime), caught up by
a refresh, shared by the workers of one host.

Real parts: the Neo4j server of NEO4J_URI and SQLite files in tmp_path."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from graph import search_terms
from graph.linking import link_store
from graph.search_replica import ReplicaIndex, replica_path
from graph.stores import open_store
from queries.measures import _indexed_page, search_measures
from tests.conftest import neo4j_env, require_neo4j
from tests.factories import all_documents, district_document
from tests.search.cases import edited, queries
from tests.search.test_search_index import Unindexed, indexed, scan
from tests.test_query_parity import seed_documents

pytestmark = pytest.mark.neo4j


def _neo4j(copy: Path | None) -> Any:
    from graph.neo4j_store import Neo4jStore

    env = neo4j_env()
    return Neo4jStore(env["uri"], env["user"], env["password"], env["database"], search_copy=copy)


def stamp(store: Any) -> str:
    rows = store.read("search_stamp")
    return rows[0]["stamp"] if rows else ""


def test_clear_leaves_only_a_new_stamp(neo4j_store: Any) -> None:
    """clear() deletes every node in slices, then sets one stamp: a copy of what was there
    is stale, and the stamp is not a node a slice keeps deleting."""
    neo4j_store.load_many(all_documents()[:2])
    before = stamp(neo4j_store)
    assert before
    neo4j_store.clear()
    assert neo4j_store.read("search_stamp")[0]["stamp"] not in ("", before)
    assert all(r["n"] == 0 for r in neo4j_store.read("counts"))


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, Path]]:
    """A Neo4j store holding the test corpus, with its copy in tmp; the copy's path."""
    require_neo4j()
    copy = Path(tmp_path_factory.mktemp("replica")) / "copy.search.sqlite"
    plain = _neo4j(None)
    try:
        plain.clear()
        plain.load_many(all_documents() + seed_documents())
    finally:
        plain.close()
    nj = _neo4j(copy)
    try:
        assert isinstance(nj.search_index, ReplicaIndex)
        nj.search_index.wait()
        yield nj, copy
    finally:
        try:
            nj.clear()
        finally:
            nj.close()


def test_copy_equals_the_server_for_every_query(stores: tuple[Any, Path]) -> None:
    nj, _ = stores
    assert nj.search_index.fresh()
    n = 0
    for q in queries(nj):
        if not search_terms.words(q):
            continue
        want = scan(nj, q)  # the server's full-text spelling of search_hits
        assert indexed(nj, q) == want, q
        n += len(want)
    assert n > 1000


def test_pages_and_answers_equal_the_server(stores: tuple[Any, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    nj, _ = stores
    asked: list[str] = []
    real = nj.read
    monkeypatch.setattr(nj, "read", lambda name, params=None: asked.append(name) or real(name, params))
    for q in ("财政", "政 的", "5.5%", "GDP", "，", "不存在的词语", "就业"):
        for kw in ({"limit": 5}, {"limit": 5, "offset": 3}, {"limit": 50, "offset": 0}, {"unit": "区财政局"}):
            assert search_measures(nj, q=q, **kw) == search_measures(Unindexed(nj), q=q, **kw), (q, kw)
        words = search_terms.words(q)
        if words:
            asked.clear()
            got = _indexed_page(nj, q, 20, 0)
            assert "search_hits" not in asked and "search_count" not in asked  # answered on this host
            assert asked == ["search_stamp"]
            assert got == _indexed_page(Unindexed(nj), q, 20, 0)


def test_a_write_by_another_process_is_seen_and_caught_up(stores: tuple[Any, Path]) -> None:
    """Another worker (its own store object, no copy) reloads a document: this copy is
    stale at once, searches are answered by the server (the new text found), a refresh
    copies the change, and the copy answers again -- the same rows as the server."""
    nj, _ = stores
    other = _neo4j(None)
    try:
        before = stamp(nj)
        other.load(edited(district_document()))
        assert stamp(nj) != before
        assert not nj.search_index.fresh()
        refreshes = nj.search_index.refreshes
        got = _indexed_page(nj, "数字人民币试点", 50, 0)  # stale: the server answers
        assert got is not None and got[0] >= 1
        assert got == _indexed_page(Unindexed(nj), "数字人民币试点", 50, 0)
        nj.search_index.wait(60)  # the search started a refresh
        assert nj.search_index.refreshes == refreshes + 1 and nj.search_index.fresh()
        for q in ("数字人民币试点", "金融", "修订", "财政"):
            assert indexed(nj, q) == scan(nj, q), q
    finally:
        other.load(district_document())
        other.close()
    nj.search_index.refresh()
    assert nj.search_index.fresh()


def test_writes_search_does_not_read_keep_the_stamp(stores: tuple[Any, Path]) -> None:
    """Linking (every write of it leaves texts and titles alone) keeps the copy fresh."""
    nj, _ = stores
    nj.search_index.refresh()
    before = stamp(nj)
    link_store(nj)
    assert stamp(nj) == before and nj.search_index.fresh()


def test_workers_of_one_host_share_the_copy(stores: tuple[Any, Path]) -> None:
    """A second worker opening the same file finds it fresh: nothing copied twice."""
    nj, copy = stores
    nj.search_index.refresh()
    second = _neo4j(copy)
    try:
        second.search_index.wait(60)
        assert second.search_index.refreshes == 0 and second.search_index.fresh()
        assert indexed(second, "财政") == scan(nj, "财政")
    finally:
        second.close()


def test_a_lost_copy_is_rebuilt_and_the_server_answers_meantime(stores: tuple[Any, Path], tmp_path: Path) -> None:
    nj, _ = stores
    fresh_file = tmp_path / "elsewhere" / "copy.sqlite"
    third = _neo4j(fresh_file)
    try:
        third.search_index.wait(60)
        assert third.search_index.refreshes == 1 and fresh_file.exists()
        third.search_index.close()
        for suffix in ("", "-wal", "-shm"):
            Path(str(fresh_file) + suffix).unlink(missing_ok=True)
        third.search_index = ReplicaIndex(fresh_file, third)
        assert _indexed_page(third, "财政", 10, 0) == _indexed_page(Unindexed(nj), "财政", 10, 0)
        third.search_index.wait(60)
        assert third.search_index.fresh()
    finally:
        third.close()


def test_open_store_keeps_the_copy_beside_the_data(tmp_path: Path) -> None:
    require_neo4j()
    env = neo4j_env()
    config = SimpleNamespace(store="neo4j", db_path=tmp_path / "data" / "graph.lbug", neo4j_uri=env["uri"],
                             neo4j_user=env["user"], neo4j_password=env["password"],
                             neo4j_database=env["database"], neo4j_search_copy=True)
    store = open_store(config)
    try:
        assert store.search_index is not None
        assert store.search_index.path == replica_path(tmp_path / "data", env["uri"], env["database"])
        assert store.search_index.path.parent == tmp_path / "data"
    finally:
        store.close()
    config.neo4j_search_copy = False
    store = open_store(config)
    try:
        assert store.search_index is None
    finally:
        store.close()


def test_replica_paths_differ_per_server_and_database(tmp_path: Path) -> None:
    a = replica_path(tmp_path, "bolt://a:7687", "neo4j")
    assert a != replica_path(tmp_path, "bolt://b:7687", "neo4j") != replica_path(tmp_path, "bolt://a:7687", "other")
    assert a == replica_path(tmp_path, "bolt://a:7687", "neo4j") and a.parent == tmp_path
