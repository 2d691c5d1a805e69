"""``store.session_scope()``: the reads of a block share one session on
Neo4j (one per API request, api/session.py), a no-op on the embedded store -- with the
same answers, writes inside the block, failures and the readers-writer lock kept."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from graph.model import NotFoundError, StoreError
from graph.registry import QueryError
from tests.factories import city_document, district_document

NAMES = ("区财政局", "市财政局", "区发展改革委")


def _answers(store: Any) -> list[Any]:
    out: list[Any] = [store.read("document_list")]
    out += [store.read("unit_obligations", {"name": n}) for n in NAMES]
    return out


def _count_sessions(store: Any, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the sessions the Neo4j store opens from now on."""
    opened = [0]
    real = store._session

    def counting(read: bool) -> Any:
        opened[0] += 1
        return real(read)

    monkeypatch.setattr(store, "_session", counting)
    return opened


def test_scope_reads_answer_as_alone(store: Any) -> None:
    store.load(district_document())
    store.load(city_document())
    alone = _answers(store)
    with store.session_scope():
        scoped = _answers(store)
        with store.session_scope():  # nested: joins the outer one
            nested = _answers(store)
    assert scoped == alone and nested == alone
    assert any(alone[1:])  # the units do hold obligations: the comparison is not of empties


@pytest.mark.neo4j
def test_neo4j_scope_opens_one_session(neo4j_store: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    neo4j_store.load(district_document())
    opened = _count_sessions(neo4j_store, monkeypatch)
    _answers(neo4j_store)
    alone = opened[0]
    opened[0] = 0
    with neo4j_store.session_scope():
        assert opened[0] == 0  # nothing opened before the first read
        _answers(neo4j_store)
    assert alone == len(NAMES) + 1 and opened[0] == 1


def test_write_inside_scope_is_seen_and_does_not_wait_for_itself(store: Any) -> None:
    store.load(district_document())
    done = threading.Event()
    seen: list[int] = []

    def work() -> None:
        with store.session_scope():
            before = store.counts()["Document"]
            store.load(city_document())  # the scope's read lock must not block its own write
            seen.extend([before, store.counts()["Document"]])
        done.set()

    t = threading.Thread(target=work, daemon=True)
    t.start()
    assert done.wait(120), "a write inside session_scope waited for the scope's own read lock"
    assert seen == [1, 2]


def test_failed_read_inside_scope_leaves_it_usable(store: Any) -> None:
    store.load(district_document())
    with store.session_scope():
        with pytest.raises(QueryError):
            store.read("unit_obligations", {"nom": "区财政局"})  # an unknown parameter
        with pytest.raises(NotFoundError):
            store.read("no_such_query")
        assert store.read("unit_obligations", {"name": "区财政局"})


@pytest.mark.neo4j
def test_neo4j_engine_error_inside_scope_leaves_it_usable(neo4j_store: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """A query the server refuses breaks the scope's transaction: the read is retried on
    its own (and fails there too, named), and the scope's next read opens a new one."""
    neo4j_store.load(district_document())
    real = neo4j_store.registry.readable

    class Broken:
        def __init__(self, q: Any) -> None:
            self.q = q

        def bind(self, params: Any) -> Any:
            return self.q.bind(params)

        def text(self, engine: str) -> str:
            return "RETURN 1 / 0 AS boom"

    monkeypatch.setattr(neo4j_store.registry, "readable",
                        lambda name: Broken(real(name)) if name == "document_list" else real(name))
    with neo4j_store.session_scope():
        first = neo4j_store.read("unit_obligations", {"name": "区财政局"})
        with pytest.raises(StoreError, match="document_list"):
            neo4j_store.read("document_list")
        assert neo4j_store.read("unit_obligations", {"name": "区财政局"}) == first and first


@pytest.mark.neo4j
def test_neo4j_writer_of_another_thread_waits_for_the_scope(neo4j_store: Any) -> None:
    """The scope holds this process's read lock from its first read to its end, so no
    reload of this process lands between the reads of one request (as each read alone
    was protected before)."""
    neo4j_store.load(district_document())
    wrote = threading.Event()

    def writer() -> None:
        neo4j_store.load(city_document())
        wrote.set()

    with neo4j_store.session_scope():
        before = neo4j_store.counts()["Document"]
        t = threading.Thread(target=writer, daemon=True)
        t.start()
        assert not wrote.wait(1.0)  # held off while the scope is open
        assert neo4j_store.counts()["Document"] == before == 1
    assert wrote.wait(120)
    t.join(10)
    assert neo4j_store.counts()["Document"] == 2
