"""Query latency at each corpus size: the ownership query (``unit_obligations``) and the
chain query, p50/p99 over repeated calls on a loaded store, and the ratio of the largest
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
import shutil
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from bench.common import latencies, parse_corpus, parse_sizes, summary_ms
from bench.stores import neo4j_configured, open_ladybug, open_neo4j

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


def run(sizes: list[int], repeat: int = 300, neo4j: bool | None = None) -> list[dict[str, Any]]:
    engines = ["ladybug"] + (["neo4j"] if (neo4j if neo4j is not None else neo4j_configured()) else [])
    rows: list[dict[str, Any]] = []
    for engine in engines:
        per_query: dict[str, list[dict[str, Any]]] = {}
        for n in sizes:
            docs = parse_corpus(n)
            unit, measure_id = pick_params(docs)
            tmp = Path(tempfile.mkdtemp(prefix="pg-q-")) if engine == "ladybug" else None
            store = open_ladybug(tmp / "db.lbug") if tmp else open_neo4j()
            try:
                if engine == "neo4j":
                    store.write("clear_all")
                for p in docs:
                    store.load(p)
                queries = [("unit_obligations", {"name": unit})]
                chain = chain_query_name(store)
                if chain:
                    queries.append((chain, _chain_params(store, chain, measure_id)))
                for name, params in queries:
                    answer = len(store.read(name, params))
                    lat = latencies(lambda name=name, params=params, store=store: store.read(name, params), repeat)
                    r = {"engine": engine, "query": name, "docs": n, "answer_rows": answer,
                         "params": params, **summary_ms(lat)}
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
                    store.write("clear_all")
                store.close()
                if tmp:
                    shutil.rmtree(tmp, ignore_errors=True)
        for name, rs in per_query.items():
            if len(rs) > 1:
                lo, hi = rs[0], rs[-1]
                ratio50 = hi["p50_ms"] / lo["p50_ms"] if lo["p50_ms"] else float("inf")
                ratio99 = hi["p99_ms"] / lo["p99_ms"] if lo["p99_ms"] else float("inf")
                for r in rs:
                    r["ratio_p50"] = ratio50
                    r["ratio_p99"] = ratio99
                print(
                    f"query {engine:<7} {name:<18} largest/smallest ({hi['docs']}/{lo['docs']} docs): "
                    f"p50 {ratio50:.2f}x, p99 {ratio99:.2f}x",
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
