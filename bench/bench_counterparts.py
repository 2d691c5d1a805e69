"""Latency of the counterpart comparison (queries.workload.counterpart_comparison, GET
/workload/counterparts) at each corpus size, p50/p99, and the ratio of the largest to the
smallest corpus: the comparison reads the agency's and its counterpart's obligations and
the links touching them, so it should cost the size of that answer, not of the graph.

    python -m bench.bench_counterparts [--sizes 10,100] [--repeat 50] [--no-neo4j]

The agency is the one with the most responsibilities in the first district document that
has a counterpart; every size holds the links of the smallest corpus (as bench_queries).
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from bench.bench_queries import _load, link_steps_of
from bench.common import latencies, parse_corpus, parse_sizes, summary_ms
from bench.stores import neo4j_configured, open_ladybug, open_neo4j
from queries.workload import counterpart_comparison


def pick_unit(store: Any, docs: list[Any]) -> str:
    """The busiest agency of the first district document that has a counterpart."""
    district = next(p for p in docs if p.document.level == "district")
    units = Counter(r.unit for m in district.measures for r in m.responsibilities if not r.collective)
    for unit, _n in units.most_common():
        if store.read("unit_counterparts", {"name": unit}):
            return unit
    return units.most_common(1)[0][0]


def run(sizes: list[int], repeat: int, engines: list[str]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    steps, note = link_steps_of(parse_corpus(min(sizes)))
    for engine in engines:
        mine: list[dict[str, Any]] = []
        unit: str | None = None
        for n in sizes:
            docs = parse_corpus(n)
            tmp = Path(tempfile.mkdtemp(prefix="pg-cp-")) if engine == "ladybug" else None
            store = open_ladybug(tmp / "db.lbug") if tmp else open_neo4j()
            try:
                if engine == "neo4j":
                    store.clear()
                t0 = time.perf_counter()
                _load(engine, store, docs)
                store.write_batch(steps)
                print(f"counterparts {engine:<7} {n:>5} docs: loaded and linked in {time.perf_counter() - t0:.1f} s "
                      f"({note})", flush=True)
                unit = unit or pick_unit(store, docs)
                answer = counterpart_comparison(store, unit)
                lat = latencies(lambda store=store, unit=unit: counterpart_comparison(store, unit), repeat)
                r = {"engine": engine, "docs": n, "unit": unit, "rows": answer["count"],
                     "counterparts": [c["name"] for c in answer["counterparts"]], **summary_ms(lat)}
                rows.append(r)
                mine.append(r)
                print(f"counterparts {engine:<7} {n:>5} docs: p50 {r['p50_ms']:7.2f} ms  p99 {r['p99_ms']:7.2f} ms  "
                      f"({r['rows']} rows, {unit} beside {'、'.join(r['counterparts'])})", flush=True)
            finally:
                if engine == "neo4j":
                    store.clear()
                store.close()
                if tmp:
                    shutil.rmtree(tmp, ignore_errors=True)
        if len(mine) > 1 and mine[0]["p50_ms"]:
            print(f"counterparts {engine:<7} largest/smallest ({mine[-1]['docs']}/{mine[0]['docs']} docs): "
                  f"p50 {mine[-1]['p50_ms'] / mine[0]['p50_ms']:.2f}x, "
                  f"p99 {mine[-1]['p99_ms'] / mine[0]['p99_ms']:.2f}x", flush=True)
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10,100")
    ap.add_argument("--repeat", type=int, default=50)
    ap.add_argument("--no-neo4j", action="store_true")
    a = ap.parse_args(argv)
    engines = ["ladybug"] + (["neo4j"] if neo4j_configured() and not a.no_neo4j else [])
    run(parse_sizes(a.sizes), a.repeat, engines)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
