"""Query latency at each corpus size: the ownership lookup (``queries/ownership.py``, the
two answer-sized reads the read model is built from), the one-query definition
``unit_obligations`` it is tested against, the obligations answer the API sends from the
agency's stored record (``obligations_json``) next to its floor (the same answer in a
dict, rendered by json.dumps), and the chain query, p50/p99 over repeated calls on a loaded store, and the ratio of the largest
to the smallest corpus (a lookup must cost the size of its answer, not of the graph, so
the ratio should stay near 1).

    python -m bench.bench_queries [--sizes 10,100,1000] [--repeat 300] [--no-neo4j]

The parameters are taken from the FIRST documents of the corpus (the corpora nest, so
they are the same at every size): the unit with the most responsibilities in the first
district document, and that document's first measure for the chain.  The answer size is
printed next to the timings: if it grows with the corpus, the store merges what should
be distinct (e.g. every district's 区财政局 into one unit) and the figure says so.
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.common import latencies, parse_corpus, parse_sizes, summary_ms
from bench.stores import neo4j_configured, open_ladybug, open_neo4j
from graph.ladybug_bulk import NotBulkable, bulk_load
from queries.chain import measure_chain
from queries.obligations import obligations, obligations_json, warm
from queries.ownership import unit_obligation_rows

CHAIN_CANDIDATES = ("measure_chain_up", "measure_chain", "chain_above")  # from a district measure upwards


def chain_query_name(store: Any) -> str | None:
    names = store.registry.names("read")
    for n in CHAIN_CANDIDATES:
        if n in names:
            return n
    return next((n for n in names if "chain" in n), None)


def pick_params(docs: list[Any]) -> tuple[str, str]:
    district = next((p for p in docs if p.document.level == "district"), docs[min(1, len(docs) - 1)])
    units = Counter(r.unit for m in district.measures for r in m.responsibilities if not r.collective)
    unit = units.most_common(1)[0][0]
    return unit, district.measures[0].id


def _chain_params(store: Any, name: str, measure_id: str) -> dict[str, Any]:
    q = store.registry.get(name, "read")
    p = q.params[0].name if q.params else "id"
    return {p: measure_id}


def _load(engine: str, store: Any, docs: list[Any]) -> str:
    """Fill the store: LadybugDB by bulk COPY when the corpus allows it (same graph as the
    batched load: bench_load checks that), else the batched load.  Returns the method."""
    if engine == "ladybug":
        try:
            bulk_load(store, docs)
            return "bulk"
        except NotBulkable:
            pass
    for p in docs:
        store.load(p)
    return "batched"


def link_steps_of(docs: list[Any]) -> tuple[list[tuple[str, dict[str, Any]]], str]:
    """The level links (IMPLEMENTS, FOLLOWS, ...) among ``docs``, computed once by
    graph.linking on a scratch embedded store, as write steps to replay into each store.
    (link_store over a whole corpus costs ~60 s at 100 docs: the benchmark links the
    smallest corpus, whose documents every larger corpus contains, so every size holds
    the same links and the chain answer is the same.)"""
    from graph.linking import corpus_from_store, link_corpus, write_steps

    tmp = Path(tempfile.mkdtemp(prefix="pg-q-link-"))
    store = open_ladybug(tmp / "db.lbug")
    try:
        _load("ladybug", store, docs)
        t0 = time.perf_counter()
        links = link_corpus(corpus_from_store(store))
        return write_steps(links), f"links of the first {len(docs)} docs ({time.perf_counter() - t0:.1f} s to link)"
    finally:
        store.close()
        shutil.rmtree(tmp, ignore_errors=True)


def _linked_measure(store: Any, docs: list[Any], fallback: str) -> str:
    """The first district measure (of the first district document) that implements
    something, so the chain answer is non-empty; the same at every size (corpora nest)."""
    district = next((p for p in docs if p.document.level == "district"), None)
    chain = chain_query_name(store)
    if district is None or chain is None:
        return fallback
    for m in district.measures:
        if store.read(chain, _chain_params(store, chain, m.id)):
            return m.id
    return fallback


def _in_session(store: Any, fn: Callable[..., Any], *args: Any) -> Any:
    """``fn(store, *args)`` inside one store session (Neo4j: one session and read
    transaction for its reads, as api/session.py gives every GET request)."""
    with store.session_scope():
        return fn(store, *args)


def run(sizes: list[int], repeat: int = 300, neo4j: bool | None = None,
        engines: list[str] | None = None) -> list[dict[str, Any]]:
    if engines is None:
        engines = ["ladybug"] + (["neo4j"] if (neo4j if neo4j is not None else neo4j_configured()) else [])
    rows: list[dict[str, Any]] = []
    for engine in engines:
        per_query: dict[str, list[dict[str, Any]]] = {}
        chain_measure: str | None = None
        steps, note = link_steps_of(parse_corpus(min(sizes)))
        for n in sizes:
            docs = parse_corpus(n)
            unit, measure_id = pick_params(docs)
            tmp = Path(tempfile.mkdtemp(prefix="pg-q-")) if engine == "ladybug" else None
            store = open_ladybug(tmp / "db.lbug") if tmp else open_neo4j()
            try:
                if engine == "neo4j":
                    store.clear()
                t0 = time.perf_counter()
                method = _load(engine, store, docs)
                store.write_batch(steps)
                print(f"query {engine:<7} {n:>5} docs: {method} load + links {time.perf_counter() - t0:.1f} s ({note})",
                      flush=True)
                if chain_measure is None:  # chosen on the smallest corpus, kept for every size
                    chain_measure = _linked_measure(store, docs, measure_id)
                # the ownership lookup the API runs (queries/ownership.py: two answer-sized
                # reads), then the one-query definition it is tested against, then the chain
                queries: list[tuple[str, dict[str, Any], Callable[[], list]]] = [
                    ("ownership", {"name": unit},
                     lambda store=store, unit=unit: unit_obligation_rows(store, unit)),
                    ("unit_obligations", {"name": unit},
                     lambda store=store, unit=unit: store.read("unit_obligations", {"name": unit})),
                ]
                # what GET /units/{name}/obligations runs now: the agency's stored record
                # (queries/read_model.py, built once here), against the floor of the same
                # answer kept in a dict and rendered by json.dumps
                warm(store, [unit])
                answer_dict = obligations(store, unit)
                floor: dict[str, Any] = {unit: answer_dict}
                n_rows = len(answer_dict["data"])
                queries += [
                    ("obligations_read_model", {"name": unit},  # in one session, as the API's ReadSession
                     lambda store=store, unit=unit, n=n_rows: [_in_session(store, obligations_json, unit)] * n),
                    ("floor_dict_json", {"name": unit},  # one answer of n rows, counted as n rows
                     lambda floor=floor, unit=unit, n=n_rows:
                     [json.dumps(floor[unit], ensure_ascii=False)] * n),
                ]
                chain = chain_query_name(store)
                if chain:  # the walk the API runs (queries/chain.py), then the one-query form
                    cp = _chain_params(store, chain, chain_measure)
                    queries.append(("chain", cp, lambda store=store, m=chain_measure: measure_chain(store, m, "up")))
                    queries.append((chain, cp, lambda store=store, chain=chain, cp=cp: store.read(chain, cp)))
                for name, params, call in queries:
                    answer = len(call())
                    lat = latencies(call, repeat)
                    r = {"engine": engine, "query": name, "docs": n, "answer_rows": answer,
                         "params": params, "load": method, "links": note, **summary_ms(lat)}
                    rows.append(r)
                    per_query.setdefault(name, []).append(r)
                    print(
                        f"query {engine:<7} {name:<18} {n:>5} docs: p50 {r['p50_ms']:7.2f} ms  "
                        f"p99 {r['p99_ms']:7.2f} ms  ({answer} rows, {params})",
                        flush=True,
                    )
                if not chain:
                    print(f"query {engine}: no chain query in queries/read yet: skipped")
            finally:
                if engine == "neo4j":
                    store.clear()
                store.close()
                if tmp:
                    shutil.rmtree(tmp, ignore_errors=True)
        for name, rs in per_query.items():
            if len(rs) > 1:
                lo, hi = rs[0], rs[-1]
                ratio50 = hi["p50_ms"] / lo["p50_ms"] if lo["p50_ms"] else float("inf")
                ratio99 = hi["p99_ms"] / lo["p99_ms"] if lo["p99_ms"] else float("inf")
                # the same ratio from the smallest corpus whose answer is as large as the
                # largest's (the corpora nest: a district has more years in larger ones)
                same = next((r for r in rs if r["answer_rows"] == hi["answer_rows"]), hi)
                ratio_same = hi["p50_ms"] / same["p50_ms"] if same is not hi and same["p50_ms"] else None
                for r in rs:
                    r["ratio_p50"] = ratio50
                    r["ratio_p99"] = ratio99
                    if ratio_same is not None:
                        r["ratio_same_answer"] = f"{ratio_same:.2f} ({hi['docs']}/{same['docs']})"
                print(
                    f"query {engine:<7} {name:<18} largest/smallest ({hi['docs']}/{lo['docs']} docs): "
                    f"p50 {ratio50:.2f}x, p99 {ratio99:.2f}x"
                    + (f"; same answer ({hi['docs']}/{same['docs']}): p50 {ratio_same:.2f}x" if ratio_same else ""),
                    flush=True,
                )
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.bench_queries")
    ap.add_argument("--sizes", default=None, help="comma-separated corpus sizes (default 10,100,1000)")
    ap.add_argument("--repeat", type=int, default=300)
    ap.add_argument("--no-neo4j", action="store_true", help="skip Neo4j even if NEO4J_URI is set")
    a = ap.parse_args(argv)
    run(parse_sizes(a.sizes), a.repeat, neo4j=False if a.no_neo4j else None)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
