"""Load throughput: the batched transactional ``store.load_many`` (``--batch`` documents
per transaction) against a naive one-statement-per-row MERGE loader, on the embedded
store and (NEO4J_URI set) on Neo4j; plus LadybugDB's bulk COPY FROM files for a first
load into an empty embedded store.  With a size of 1,000, also the last 100 documents
batched into a store already holding the first 900 (bulk) against the same 100 into an
empty store: the ratio is how much a batch's cost grows with what is stored (issue 16:
goal <= 1.3).

    python -m bench.bench_load [--sizes 10,100,1000] [--naive-docs 10] [--no-neo4j] [--batch 50]

The naive baseline runs the named queries in queries/bench/write/naive_*.cypher, one row
per statement and per transaction.  It is measured on the first ``--naive-docs``
documents (the corpora nest, so that subset is the same at every size) against the
batched load of the same documents in a fresh store; the ratio is the speed-up.

WARNING: with NEO4J_URI set this DELETES EVERYTHING in that database (store.clear()) before
and after each run: point it at a scratch server (.ci/neo4j/start.sh), never production.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.common import parse_corpus, parse_sizes
from bench.stores import naive_load, neo4j_configured, open_ladybug, open_neo4j
from graph.ladybug_bulk import NotBulkable, bulk_load
from graph.store_ops import LOAD_BATCH, StoreOperations


class _Fresh:
    """A fresh, empty store of one engine (a new folder, or a cleared Neo4j database)."""

    def __init__(self, engine: str) -> None:
        self.engine = engine
        self.tmp: Path | None = None
        self.store: Any = None

    def __enter__(self) -> Any:
        if self.engine == "ladybug":
            self.tmp = Path(tempfile.mkdtemp(prefix="pg-bench-"))
            self.store = open_ladybug(self.tmp / "db.lbug")
        else:
            self.store = open_neo4j()
            self.store.clear()
        return self.store

    def __exit__(self, *exc: object) -> None:
        try:
            if self.engine == "neo4j":
                self.store.clear()
        finally:
            self.store.close()
            if self.tmp:
                shutil.rmtree(self.tmp, ignore_errors=True)


def _counts(store: Any) -> dict[str, int]:
    return {r["name"]: int(r["n"]) for r in store.read("counts")}


def _batched(store: Any, docs: list[Any], batch: int = LOAD_BATCH) -> float:
    """The batched transactional load, ``batch`` documents per transaction.  Called as
    StoreOperations.load_many: LadybugStore.load_many sends a first load into an empty
    store through bulk COPY, which the "bulk" rows measure."""
    t0 = time.perf_counter()
    StoreOperations.load_many(store, docs, batch=batch)
    return time.perf_counter() - t0


def _row(engine: str, method: str, docs: list[Any], seconds: float, **extra: Any) -> dict[str, Any]:
    measures = sum(len(p.measures) for p in docs)
    r = {
        "engine": engine,
        "method": method,
        "docs": len(docs),
        "measures": measures,
        "seconds": seconds,
        "docs_per_s": len(docs) / seconds if seconds else 0.0,
        "measures_per_s": measures / seconds if seconds else 0.0,
        **extra,
    }
    note = "".join(f", {k}={v}" for k, v in extra.items())
    print(
        f"load {engine:<7} {method:<8} {len(docs):>5} docs {measures:>7} measures: {seconds:8.2f} s "
        f"= {r['measures_per_s']:>9,.0f} measures/s{note}",
        flush=True,
    )
    return r


def run(sizes: list[int], naive_docs: int = 10, neo4j: bool | None = None,
        engines: list[str] | None = None, batch: int = LOAD_BATCH) -> list[dict[str, Any]]:
    if engines is None:
        engines = ["ladybug"] + (["neo4j"] if (neo4j if neo4j is not None else neo4j_configured()) else [])
    rows: list[dict[str, Any]] = []
    corpora = {n: parse_corpus(n) for n in sizes}
    subset = corpora[min(sizes)][:naive_docs]
    for engine in engines:
        # the baseline ratio, once per engine, on the same documents
        with _Fresh(engine) as store:
            t_b = _batched(store, subset, batch)
        with _Fresh(engine) as store:
            t0 = time.perf_counter()
            statements = sum(naive_load(store, p) for p in subset)
            t_n = time.perf_counter() - t0
            naive_counts = _counts(store)
        with _Fresh(engine) as store:
            _batched(store, subset, batch)
            same = _counts(store) == naive_counts
        rows.append(_row(engine, "naive", subset, t_n, statements=statements, same_graph=same))
        rows.append(_row(engine, "batched", subset, t_b, speedup=round(t_n / t_b, 1)))
        print(f"  -> batched/naive on {engine}: {t_n / t_b:.1f}x (same graph: {same})", flush=True)
        for docs in corpora.values():
            with _Fresh(engine) as store:
                t = _batched(store, docs, batch)
                batched_counts = _counts(store)
            rows.append(_row(engine, "batched", docs, t, batch=batch))
            if engine == "ladybug":
                with _Fresh(engine) as store:
                    try:
                        t0 = time.perf_counter()
                        bulk_load(store, docs)
                        t_bulk = time.perf_counter() - t0
                        same = _counts(store) == batched_counts
                        rows.append(_row(engine, "bulk", docs, t_bulk, speedup=round(t / t_bulk, 1), same_graph=same))
                    except NotBulkable as exc:
                        print(f"load ladybug bulk: not usable for this corpus ({exc}); batched load stands")
    if 1000 in corpora and "ladybug" in engines:
        rows += growth(corpora[1000], batch)
    return rows


def growth(docs: list[Any], batch: int = LOAD_BATCH, held: int = 900) -> list[dict[str, Any]]:
    """The last ``len(docs) - held`` documents, batched into an empty embedded store and
    into one holding the first ``held`` (bulk-loaded, not timed); the ratio of the two."""
    first, last = docs[:held], docs[held:]
    with _Fresh("ladybug") as store:
        t_empty = _batched(store, last, batch)
    with _Fresh("ladybug") as store:
        bulk_load(store, first)
        t_full = _batched(store, last, batch)
    ratio = round(t_full / t_empty, 2)
    out = [_row("ladybug", "batched", last, t_empty, into="empty"),
           _row("ladybug", "batched", last, t_full, into=f"holding {held}", ratio=ratio)]
    print(f"  -> {len(last)} documents into a store holding {held} / into an empty store: {ratio}x (goal <= 1.3)",
          flush=True)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.bench_load")
    ap.add_argument("--sizes", default=None, help="comma-separated corpus sizes (default 10,100,1000)")
    ap.add_argument("--naive-docs", type=int, default=10, help="documents the naive baseline loads (default 10)")
    ap.add_argument("--no-neo4j", action="store_true", help="skip Neo4j even if NEO4J_URI is set")
    ap.add_argument("--batch", type=int, default=LOAD_BATCH,
                    help=f"documents per transaction of the batched load (default {LOAD_BATCH}; 1 = one each)")
    a = ap.parse_args(argv)
    run(parse_sizes(a.sizes), a.naive_docs, neo4j=False if a.no_neo4j else None, batch=a.batch)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
