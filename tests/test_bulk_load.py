"""The bulk COPY first load (graph/ladybug_bulk.py) leaves exactly the store the batched
load leaves: every node and edge, with every property, compared table by table."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from graph.ladybug_bulk import NODE_TABLES, REL_TABLES, NotBulkable, bulk_load
from graph.ladybug_store import LadybugStore
from graph.model import ParsedDocument, StoreError
from graph.values import plain
from tests.factories import all_documents


def seed_documents() -> list[ParsedDocument]:
    from policygraph.pipeline import parse_all
    from policygraph.samples import sample_paths

    return parse_all(sample_paths())


def corpus_documents(n: int = 6) -> list[ParsedDocument]:
    from bench.corpus import generate
    from loaders import parse_text

    return [parse_text(d.text, d.file) for d in generate(n, seed=11)]


def with_awkward_text(parsed: ParsedDocument) -> ParsedDocument:
    """The same document with quotes, commas, backslashes and an empty string in text
    fields: what a CSV writer most easily gets wrong."""
    m0 = parsed.measures[0]
    awkward = dataclasses.replace(m0, text='他说"推进，落实"\\n, 反斜杠\\ 与 \'单引号\'', clause_text="")
    return dataclasses.replace(parsed, measures=[awkward, *parsed.measures[1:]])


def layout_documents() -> list[ParsedDocument]:
    """The layout documents: leaders (责任领导 …) and units the data file does not know;
    one leader made awkward for CSV (a quote, a comma, a backslash, no title)."""
    from graph.model import Leader
    from loaders import load_document

    layouts = Path(__file__).resolve().parent / "data" / "layouts"
    docs = [load_document(p) for p in sorted(layouts.glob("*.txt"))]
    assert sum(1 for p in docs for m in p.measures if m.leaders) >= 5
    first = docs[0]
    m0 = first.measures[0]
    odd = dataclasses.replace(m0, leaders=[*m0.leaders, Leader(name='张"三", 李\\四', title=None, label="责任领导")])
    docs[0] = dataclasses.replace(first, measures=[odd, *first.measures[1:]])
    return docs


def snapshot(store: LadybugStore) -> dict[str, list]:
    """Every node (all properties) and every edge (ends + properties) of every table."""
    conn = store._conn  # noqa: SLF001  (a test of the engine-level layout itself)
    out: dict[str, list] = {}
    for t in NODE_TABLES:
        res = conn.execute(f"MATCH (n:{t}) RETURN n")
        out[t] = sorted(repr(sorted(plain(row[0]).items())) for row in res.get_all())
    for t in REL_TABLES:
        res = conn.execute(f"MATCH (a)-[r:{t}]->(b) RETURN a, r, b")
        rows = []
        for a, r, b in res.get_all():
            ends = [x["id"] if "id" in x else x["name"] for x in (plain(a), plain(b))]  # each table's key
            rows.append(repr((*ends, sorted(plain(r).items()))))
        out[t] = sorted(rows)
    return out


def stores_both_ways(tmp_path: Path, docs: list[ParsedDocument]) -> tuple[dict, dict]:
    batched = LadybugStore(tmp_path / "batched.lbug")
    bulk = LadybugStore(tmp_path / "bulk.lbug")
    try:
        for p in docs:
            batched.load(p)
        written = bulk_load(bulk, docs)
        assert written["Measure"] == len({m.id for p in docs for m in p.measures})
        return snapshot(batched), snapshot(bulk)
    finally:
        batched.close()
        bulk.close()


@pytest.mark.parametrize(
    "make_docs",
    [seed_documents, all_documents, corpus_documents, lambda: [with_awkward_text(seed_documents()[0])],
     layout_documents],
    ids=["seeds", "factories", "corpus", "awkward-text", "layouts-leaders"],
)
def test_bulk_first_load_equals_the_batched_load(tmp_path: Path, make_docs: Any) -> None:
    docs = make_docs()
    a, b = stores_both_ways(tmp_path, docs)
    assert sum(len(v) for v in a.values()) > len(docs) * 10  # a real graph, not two empty ones
    for table in NODE_TABLES + REL_TABLES:
        assert a[table] == b[table], table


def test_bulk_load_refuses_a_store_that_is_not_empty(tmp_path: Path) -> None:
    docs = seed_documents()
    with LadybugStore(tmp_path / "s.lbug") as store:
        store.load(docs[0])
        before = store.counts()
        with pytest.raises(ValueError, match="empty"):
            bulk_load(store, docs[1:])
        assert store.counts() == before


def test_a_value_csv_cannot_carry_writes_nothing(tmp_path: Path) -> None:
    parsed = seed_documents()[0]
    m0 = parsed.measures[0]
    broken = dataclasses.replace(parsed, measures=[dataclasses.replace(m0, text="两行\n文本"), *parsed.measures[1:]])
    with LadybugStore(tmp_path / "s.lbug") as store:
        with pytest.raises(NotBulkable):
            bulk_load(store, [broken])
        assert not any(store.counts().values())


def test_a_failing_copy_rolls_the_whole_first_load_back(tmp_path: Path) -> None:
    """All or nothing: a fault before the last COPY leaves the store empty."""
    docs = seed_documents()
    with LadybugStore(tmp_path / "s.lbug") as store:
        calls: list[str] = []

        def fail_late(i: int, name: str) -> None:
            calls.append(name)
            if name == "bulk_copy_collective_of":
                raise RuntimeError("injected")

        store.before_step = fail_late
        with pytest.raises(RuntimeError, match="injected"):
            bulk_load(store, docs)
        store.before_step = None
        assert "bulk_copy_measure" in calls  # the measures had been copied before the fault
        assert not any(store.counts().values())
        bulk_load(store, docs)  # and the store still takes the load
        assert store.counts()["Measure"] == sum(len(p.measures) for p in docs)


def test_a_cleared_store_takes_the_batched_load(tmp_path: Path) -> None:
    """A store that held documents and was cleared is empty but not new: its first load
    goes through the batched load, so a fault in it leaves a store that still loads
    (LadybugDB corrupts a cleared table's key index when a COPY into it rolls back)."""
    docs = seed_documents()
    with LadybugStore(tmp_path / "s.lbug") as store:
        assert store._never_written()
        store.load(docs[0])
        store.clear()
        assert not any(store.counts().values()) and not store._never_written()
        copies: list[str] = []

        def fail(i: int, name: str) -> None:
            copies.extend([name] if name.startswith("bulk_copy") else [])
            if name == "load_due":
                raise RuntimeError("injected")

        store.before_step = fail
        with pytest.raises(RuntimeError, match="injected"):
            store.load_many(docs)
        store.before_step = None
        assert copies == [] and not any(store.counts().values())
        store.load_many(docs)
        assert store.counts()["Measure"] == sum(len(p.measures) for p in docs)


def test_copy_refuses_a_folder_that_would_break_the_quoted_path(tmp_path: Path) -> None:
    with LadybugStore(tmp_path / "s.lbug") as store, pytest.raises(StoreError, match="quote"):
        store.copy_batch([], [("bulk_copy_unit", "Unit.csv")], tmp_path / "it's")


def _steps_seen(store: LadybugStore) -> list[str]:
    seen: list[str] = []
    store.before_step = lambda i, name: seen.append(name)
    return seen


def test_load_many_takes_bulk_copy_only_for_a_first_load(tmp_path: Path) -> None:
    """`policygraph load` / the API's first start (load_many) copy into an empty store,
    and the result equals one batched load per document; a second load_many into the
    same store (not empty any more) takes the batched path."""
    docs = seed_documents()
    with LadybugStore(tmp_path / "batched.lbug") as ref:
        for p in docs:
            ref.load(p)
        expected = snapshot(ref)
        expected_summaries = [ref.load(p) for p in docs]  # a reload reports the same counts
    with LadybugStore(tmp_path / "s.lbug") as store:
        seen = _steps_seen(store)
        summaries = store.load_many(docs)
        assert any(n.startswith("bulk_copy_") for n in seen)
        assert snapshot(store) == expected
        assert summaries == expected_summaries
        seen.clear()
        store.load_many(docs)
        assert seen and not any(n.startswith("bulk_copy_") for n in seen)
        assert snapshot(store) == expected


def test_load_many_with_a_document_twice_takes_the_batched_load(tmp_path: Path) -> None:
    docs = seed_documents()
    shorter = dataclasses.replace(docs[0], measures=docs[0].measures[:5])
    with LadybugStore(tmp_path / "s.lbug") as store:
        seen = _steps_seen(store)
        store.load_many([docs[0], docs[1], shorter])
        assert not any(n.startswith("bulk_copy_") for n in seen)
        assert store.counts()["Measure"] == len(docs[1].measures) + 5  # the later version won
