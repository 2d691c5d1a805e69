"""The embedded store the API benchmark serves: the n-document corpus, bulk-loaded and
linked once, kept under bench/out/api-store-N/ and reused while it is complete.

    python -m bench.api_store --size 1000 [--rebuild]

Build: parse the corpus (bench.common.parse_corpus), ``graph.ladybug_bulk.bulk_load`` into a
fresh LadybugDB file (the batched load if the corpus is not bulkable), then the level
links written in one ``write_batch``: every document link and unit counterpart, and the
task/measure/target links of ``link_pairs`` document pairs spread over the corpus
(default 40).  Linking costs ~2 s of one core per pair (graph.linking scores measure
pairs): all ~1,900 pairs of the 1,000-document corpus would take about an hour, so by
default most district measures have no IMPLEMENTS edge (the chain scenario draws its
measures among the linked ones).  ``link_corpus_fast`` is ``link_corpus`` computed pair
by pair on two-document sub-corpora (``link_pair`` only looks at the pair's own tasks,
measures and targets), so no pass scans the whole corpus per pair.

"Complete" = ``build.json`` written after the store was closed, naming the same size,
corpus manifest and schema.  Anything else (an interrupted build, another size, a changed
schema) is deleted and rebuilt.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import time
from pathlib import Path
from typing import Any

from bench.common import OUT, corpus_files, parse_corpus

MARKER = "build.json"
DB_NAME = "graph.lbug"


def _print(msg: str) -> None:
    print(msg, flush=True)


def store_dir(size: int) -> Path:
    return OUT / f"api-store-{size}"


DEFAULT_LINK_PAIRS = 40  # ~2 s of linking each (graph.linking scores every measure pair)


def _fingerprint(size: int, link_pairs: int | None = DEFAULT_LINK_PAIRS) -> dict[str, Any]:
    """What the cached store depends on: the corpus manifest and the schema/queries used to load it."""
    from graph.registry import QUERIES_DIR

    _, manifest = corpus_files(size)
    h = hashlib.sha256()
    # the schema and the bulk COPY steps, by file name (wherever they live: they move
    # between queries/bench/write and queries/write), not every write query: the tree is
    # edited often and a changed upsert does not invalidate a bulk-loaded store (--rebuild does)
    files = sorted(QUERIES_DIR.glob("schema/*.cypher")) + sorted(QUERIES_DIR.rglob("bulk_copy_*.cypher"),
                                                                  key=lambda f: f.name)
    for f in files:
        h.update(f.name.encode())
        h.update(f.read_bytes())
    man = hashlib.sha256(json.dumps(manifest, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
    return {"size": size, "manifest": man[:16], "queries": h.hexdigest()[:16], "link_pairs": link_pairs}


def is_complete(size: int, link_pairs: int | None = DEFAULT_LINK_PAIRS) -> bool:
    marker = store_dir(size) / MARKER
    if not marker.exists() or not (store_dir(size) / DB_NAME).exists():
        return False
    try:
        info = json.loads(marker.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return all(info.get(k) == v for k, v in _fingerprint(size, link_pairs).items())


def link_corpus_fast(docs: list[Any], max_pairs: int | None = None) -> Any:
    """``graph.linking.link_corpus(corpus_from_parsed(docs))``, pair by pair on small
    sub-corpora.  ``max_pairs``: link the tasks/measures/targets of at most that many
    document pairs, spread evenly over the corpus (every document link and every unit
    counterpart is still written); None = every pair."""
    from graph.linking import Links, corpus_from_parsed, link_pair
    from graph.linking.documents import link_documents as link_document_refs
    from graph.linking.units import link_units

    whole = corpus_from_parsed(docs)
    links = Links()
    links.documents, links.stubs = link_document_refs(whole.docs)
    by_id = {p.document.id: p for p in docs}
    pairs = [dl for dl in links.documents if dl.upper in by_id]
    if max_pairs is not None and len(pairs) > max_pairs:
        step = len(pairs) / max(1, max_pairs)
        pairs = [pairs[int(i * step)] for i in range(max_pairs)]
    for dl in pairs:
        link_pair(corpus_from_parsed([by_id[dl.upper], by_id[dl.lower]]), dl.lower, dl.upper, links)
    links.counterparts, links.branches, links.no_counterpart = link_units(whole.units)
    return links


def build(size: int, link_pairs: int | None = DEFAULT_LINK_PAIRS, log: Any = _print) -> dict[str, Any]:
    """Build the store of ``size`` documents from scratch; returns the build info."""
    from bench.stores import open_ladybug
    from graph.ladybug_bulk import NotBulkable, bulk_load
    from graph.linking import write_steps

    out = store_dir(size)
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    info: dict[str, Any] = dict(_fingerprint(size, link_pairs))
    t0 = time.perf_counter()
    docs = parse_corpus(size)
    info["parse_s"] = round(time.perf_counter() - t0, 1)
    log(f"api store {size}: parsed {len(docs)} docs in {info['parse_s']} s")
    store = open_ladybug(out / DB_NAME)
    try:
        t0 = time.perf_counter()
        try:
            bulk_load(store, docs)
            info["load"] = "bulk"
        except NotBulkable:
            for p in docs:
                store.load(p)
            info["load"] = "batched"
        info["load_s"] = round(time.perf_counter() - t0, 1)
        log(f"api store {size}: {info['load']} load in {info['load_s']} s")
        t0 = time.perf_counter()
        links = link_corpus_fast(docs, link_pairs)
        store.write_batch(write_steps(links) + [("link_pending_clear", {})])  # linked (in part, on purpose): not pending, or a server start would relink it all
        info["link_s"] = round(time.perf_counter() - t0, 1)
        info["links"] = {k: v for k, v in links.summary().items() if isinstance(v, int | float)}
        log(f"api store {size}: linked in {info['link_s']} s {info['links']}")
        info["counts"] = store.counts()
    finally:
        store.close()
    (out / MARKER).write_text(json.dumps(info, ensure_ascii=False, indent=1), encoding="utf-8")
    return info


def ensure_store(size: int, rebuild: bool = False, link_pairs: int | None = DEFAULT_LINK_PAIRS,
                 log: Any = _print) -> tuple[Path, dict[str, Any]]:
    """The path of the complete store of ``size`` documents (built if missing) and its build info."""
    if rebuild or not is_complete(size, link_pairs):
        info = build(size, link_pairs, log)
        info["reused"] = False
    else:
        info = json.loads((store_dir(size) / MARKER).read_text(encoding="utf-8"))
        info["reused"] = True
        log(f"api store {size}: reusing {store_dir(size)}")
    return store_dir(size) / DB_NAME, info


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.api_store")
    ap.add_argument("--size", type=int, default=1000)
    ap.add_argument("--rebuild", action="store_true")
    ap.add_argument("--link-pairs", type=int, default=DEFAULT_LINK_PAIRS,
                    help="document pairs whose measures are linked (0 = all; ~2 s each)")
    a = ap.parse_args(argv)
    path, info = ensure_store(a.size, a.rebuild, a.link_pairs or None)
    print(path)
    print(json.dumps(info, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
