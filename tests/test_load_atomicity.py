"""A load is all or nothing, on both stores, at real document sizes; and readers never
see a half-loaded document while it is being re-loaded.

tests/test_stores.py injects faults at a few named steps of small hand-built documents.
Here the documents are the real seeds (through the loaders, when they are importable;
otherwise the hand-built factories), and:

* a fault is injected before EVERY step of a reload in turn, and the whole store
  (every measure's text and deadline, every responsibility / DUE / target / government
  edge, every node id) must be exactly as before;
* the fault may also be a BaseException (KeyboardInterrupt-like), raised mid-batch;
* in a multi-document load, a failure of document k leaves documents 1..k-1 intact;
* reader threads count a document's measures (through the store, and through the API
  when it is importable) while a writer re-loads it between two versions with
  different measure counts: every read sees the full old or the full new version.
"""

from __future__ import annotations

import copy
import dataclasses
import threading
import time
from typing import Any

import pytest

from bench.stores import bench_registry
from graph.model import ParsedDocument
from graph.rows import load_steps


class Injected(Exception):
    pass


class InjectedInterrupt(BaseException):  # not an Exception: like KeyboardInterrupt
    pass


def real_documents() -> list[ParsedDocument]:
    """The two seeds through the loaders, or the hand-built factories without them."""
    try:
        from loaders import load_document
        from policygraph.samples import sample_paths

        return [load_document(p) for p in sample_paths()]
    except ImportError:
        from tests.factories import all_documents

        return all_documents()


def shrunk(parsed: ParsedDocument, keep_every: int = 2, edit: bool = True) -> ParsedDocument:
    """A new version of the same document: every other measure gone, one text edited."""
    p = copy.deepcopy(parsed)
    p.measures = [m for i, m in enumerate(p.measures) if i % keep_every == 0]
    used = {m.task.number for m in p.measures}
    p.tasks = [t for t in p.tasks if t.number in used]
    if edit and p.measures:
        p.measures[0] = dataclasses.replace(p.measures[0], text=p.measures[0].text + "（修订）")
    return p


def dump(store: Any) -> dict[str, Any]:
    """The whole store, as plain sorted data."""
    def rows(name: str) -> list:
        return sorted(tuple(sorted(r.items())) for r in store.read(name, {}))

    return {
        "counts": store.counts(),
        "measures": rows("bench_dump_measures"),
        "edges": rows("bench_dump_edges"),
        "nodes": rows("bench_dump_nodes"),
    }


@pytest.fixture
def bstore(store: Any) -> Any:
    """The conftest ``store`` (both engines) with the bench snapshot queries known."""
    store.registry = bench_registry()
    return store


def test_fault_before_every_step_of_a_reload(bstore: Any) -> None:
    docs = real_documents()
    for p in docs:
        bstore.load(p)
    before = dump(bstore)
    new_version = shrunk(docs[0])
    steps = load_steps(new_version)
    assert len(steps) > 5
    for k in range(len(steps)):
        seen: list[str] = []

        def hook(i: int, name: str, k: int = k, seen: list[str] = seen) -> None:
            seen.append(name)
            if i == k:
                raise (InjectedInterrupt if k % 2 else Injected)(f"step {i} {name}")

        bstore.before_step = hook
        with pytest.raises((Injected, InjectedInterrupt)):
            bstore.load(new_version)
        bstore.before_step = None
        assert len(seen) == k + 1
        assert dump(bstore) == before, f"store changed by a reload that failed before step {k} ({steps[k][0]})"
    bstore.load(new_version)  # and it still takes the write
    assert bstore.counts()["Measure"] == before["counts"]["Measure"] - (len(docs[0].measures) - len(new_version.measures))


def test_failure_in_the_middle_of_a_corpus_keeps_the_earlier_documents(bstore: Any) -> None:
    """Documents 1..k-1 of a multi-document load stay whole when document k fails."""
    from bench.corpus import generate
    from loaders import parse_text

    docs = [parse_text(d.text, d.file) for d in generate(4, seed=3)]
    for p in docs[:2]:
        bstore.load(p)
    before = dump(bstore)
    bstore.before_step = lambda i, name: (_ for _ in ()).throw(Injected(name)) if name == "load_due" else None
    with pytest.raises(Injected):
        bstore.load(docs[2])
    bstore.before_step = None
    assert dump(bstore) == before
    for p in docs[2:]:
        bstore.load(p)
    assert bstore.counts()["Document"] == 4


def _reload_while_reading(load: Any, read_count: Any, versions: list[ParsedDocument], seconds: float) -> tuple[set, int]:
    """Writer alternates the versions for ``seconds``; 3 readers count; returns what they saw."""
    seen: set[int] = set()
    reads = [0]
    errors: list[BaseException] = []
    stop = threading.Event()

    def reader() -> None:
        while not stop.is_set():
            try:
                seen.add(read_count())
                reads[0] += 1
            except BaseException as e:  # noqa: BLE001  (reported below)
                errors.append(e)
                return

    threads = [threading.Thread(target=reader, daemon=True) for _ in range(3)]
    for t in threads:
        t.start()
    deadline = time.monotonic() + seconds
    i = 0
    try:
        while time.monotonic() < deadline or i < 4:
            load(versions[i % 2])
            i += 1
    finally:
        stop.set()
        for t in threads:
            t.join(10)
    assert not errors, f"a reader failed: {errors[0]!r}"
    return seen, reads[0]


def test_readers_never_see_a_half_loaded_document(bstore: Any) -> None:
    full = real_documents()[0]
    half = shrunk(full, keep_every=3, edit=False)
    bstore.load(full)
    doc_id = full.document.id
    allowed = {len(full.measures), len(half.measures)}

    def count() -> int:
        return int(bstore.read("bench_document_measure_count", {"document_id": doc_id})[0]["measures"])

    seen, reads = _reload_while_reading(bstore.load, count, [half, full], seconds=3.0)
    assert reads > 10
    assert seen <= allowed, f"half-loaded states seen: {sorted(seen - allowed)} (allowed {sorted(allowed)})"


def test_api_readers_never_see_a_half_loaded_document(bstore: Any) -> None:
    from fastapi.testclient import TestClient

    from api.app import create_app

    full = real_documents()[0]
    half = shrunk(full, keep_every=3, edit=False)
    bstore.load(full)
    doc_id = full.document.id
    client = TestClient(create_app(store=bstore))
    first = client.get(f"/documents/{doc_id}")
    assert first.status_code == 200 and first.json()["measures"] == len(full.measures)
    allowed = {len(full.measures), len(half.measures)}

    def count() -> int:
        r = client.get(f"/documents/{doc_id}")
        assert r.status_code == 200, r.text
        return int(r.json()["measures"])

    seen, reads = _reload_while_reading(bstore.load, count, [half, full], seconds=3.0)
    assert reads > 10
    assert seen <= allowed, f"API returned half-loaded states: {sorted(seen - allowed)} (allowed {sorted(allowed)})"
