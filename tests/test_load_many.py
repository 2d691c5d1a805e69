"""``load_many``: several documents per transaction must leave exactly the graph that
loading them one by one leaves (first loads, reloads, shrunk versions, shared deadlines,
one document twice in a corpus), and keep the atomicity of a plain loop over ``load``:
a failing document leaves the documents before it committed and whole, itself rolled
back, and the ones after it unloaded.  Also: the Neo4j store's ``clear()`` in slices.
"""

from __future__ import annotations

from typing import Any

import pytest

from graph.model import ParsedDocument, StoreError
from graph.rows import batch_steps, document_rows, load_batches, load_steps
from graph.store_ops import StoreOperations
from tests.test_load_atomicity import Injected, InjectedInterrupt, dump, shrunk


@pytest.fixture
def bstore(store: Any) -> Any:
    from bench.stores import bench_registry

    store.registry = bench_registry()
    return store


def corpus(n: int = 7, seed: int = 11) -> list[ParsedDocument]:
    from bench.corpus import generate
    from loaders import parse_text

    return [parse_text(d.text, d.file) for d in generate(n, seed=seed)]


def load_many(store: Any, docs: list[ParsedDocument], batch: int = 50) -> list[dict[str, int]]:
    return StoreOperations.load_many(store, docs, batch=batch)


def sequential(store: Any, docs: list[ParsedDocument]) -> dict[str, Any]:
    """What loading the documents one per transaction leaves (the store is cleared first)."""
    store.clear()
    for p in docs:
        store.load(p)
    return dump(store)


def batched(store: Any, docs: list[ParsedDocument], batch: int) -> dict[str, Any]:
    store.clear()
    summaries = load_many(store, docs, batch=batch)
    assert summaries == [{"documents": 1, **_sizes(p)} for p in docs]
    return dump(store)


def _sizes(p: ParsedDocument) -> dict[str, int]:
    from graph.rows import load_summary

    return {k: v for k, v in load_summary(load_steps(p)).items() if k != "documents"}


BAD_UNIT = {"name": None, "level": "city", "kind": "department", "government": None,
            "collective": False, "aliases": []}


def fail_in_engine(store: Any, doc_id: str) -> None:
    """Any transaction that loads ``doc_id`` ends with a step the engine refuses (a unit
    without a name), after every real step of it has run."""
    write_batch = store.write_batch

    def patched(steps: list[tuple[str, dict[str, Any]]]) -> None:
        ids = {p.get("id") for n, p in steps if n == "load_document"}
        ids |= {r["id"] for n, p in steps if n == "load_documents" for r in p["rows"]}
        write_batch(steps + [("load_units", {"rows": [BAD_UNIT]})] if doc_id in ids else steps)

    store.write_batch = patched


def test_batches_split_on_size_and_repeated_documents() -> None:
    docs = corpus(5)
    assert [len(b) for b in load_batches(docs, 2)] == [2, 2, 1]
    again = docs[:3] + [shrunk(docs[1])] + docs[3:]
    assert [[r["document"]["id"] for r in b] for b in load_batches(again, 10)] == [
        [p.document.id for p in docs[:3]],
        [docs[1].document.id] + [p.document.id for p in docs[3:]],
    ]


def test_one_document_batch_is_the_single_load() -> None:
    p = corpus(1)[0]
    assert batch_steps([document_rows(p)]) == load_steps(p)


@pytest.mark.parametrize("batch", [3, 50])
def test_load_many_equals_one_by_one(bstore: Any, batch: int) -> None:
    docs = corpus(7)
    want = sequential(bstore, docs)
    assert batched(bstore, docs, batch) == want
    # a reload of a changed corpus: shrunk versions (pruned measures, tasks, deadlines), a
    # document given twice (the later wins), all in batches over the loaded graph
    changed = [shrunk(p) if i % 2 else p for i, p in enumerate(docs)] + [shrunk(docs[0], keep_every=3)]
    sequential(bstore, docs)
    for p in changed:
        bstore.load(p)
    want_reload = dump(bstore)
    batched(bstore, docs, batch)
    load_many(bstore, changed, batch=batch)
    assert dump(bstore) == want_reload


def test_failing_document_keeps_the_earlier_ones(bstore: Any) -> None:
    docs = corpus(6)
    bad = docs[4]
    want = sequential(bstore, docs[:4])  # what must stay: the good documents before the bad one
    bstore.clear()
    fail_in_engine(bstore, bad.document.id)
    with pytest.raises(StoreError, match=f"document {bad.document.source or bad.document.id}: query load_units"):
        load_many(bstore, docs, batch=3)  # batches [0 1 2] [3 bad 5]
    del bstore.write_batch
    assert dump(bstore) == want
    load_many(bstore, docs[4:])  # and it takes the write afterwards
    assert dump(bstore) == sequential(bstore, docs)


def test_interrupted_batch_is_rolled_back_whole(bstore: Any) -> None:
    """A BaseException is not retried: the batch in flight is rolled back, earlier stay."""
    docs = corpus(6)
    want = sequential(bstore, docs[:3])
    bstore.clear()
    calls = {"load_due": 0}

    def hook(i: int, name: str) -> None:
        if name == "load_due":
            calls["load_due"] += 1
            if calls["load_due"] == 2:  # in the second batch's transaction
                raise InjectedInterrupt(name)

    bstore.before_step = hook
    with pytest.raises(InjectedInterrupt):
        load_many(bstore, docs, batch=3)
    bstore.before_step = None
    assert dump(bstore) == want


def test_exception_in_a_batch_retries_one_by_one(bstore: Any) -> None:
    """An Exception fails the batch, then each document loads in its own transaction."""
    docs = corpus(4)
    seen: list[str] = []
    failed = [False]

    def hook(i: int, name: str) -> None:
        seen.append(name)
        if name == "load_documents" and not failed[0]:
            failed[0] = True
            raise Injected(name)

    bstore.before_step = hook
    load_many(bstore, docs, batch=4)
    bstore.before_step = None
    assert seen.count("load_document") == 4  # the retry: one scalar load per document
    assert dump(bstore) == sequential(bstore, docs)


@pytest.mark.neo4j
def test_neo4j_clear_in_slices(neo4j_store: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import graph.neo4j_store as mod

    load_many(neo4j_store, corpus(3))
    counts = neo4j_store.counts()
    assert counts["Measure"] > 50 and counts["LEADS"] > 50
    monkeypatch.setattr(mod, "CLEAR_SLICE", 37)  # many slices, one transaction each
    slices: list[str] = []
    neo4j_store.before_step = lambda i, name: slices.append(name)
    neo4j_store.clear()
    neo4j_store.before_step = None
    assert not any(neo4j_store.counts().values())
    assert slices[0] == "clear_some_rels" and slices[-2] == "clear_some"
    assert slices[-1] == "search_stamp_set" and slices.count("search_stamp_set") == 1  # once, after the slices
    assert len(slices) > sum(counts.values()) // 37
