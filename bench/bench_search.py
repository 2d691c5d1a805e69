"""Search without a scan: ``/measures?q=`` through the index against the named query's scan.

    PYTHONPATH=. python -m bench.bench_search [--size 1000] [--n 5] [--neo4j]

On the API benchmark's store (bench/api_store.py: the corpus bulk-loaded and partly
linked), in process, caches off:

* index build: the SQLite index rebuilt from the store (what a read-write open of a
  store without a fresh index pays, and a bulk load's last step);
* the texts a one-word search of 3+ characters checks in memory
  (graph/search_index.py ``Texts``): their load (once per index state) and size;
* ``search_hits`` (the ranked keys) through the index and through the scan -- the floor
  this change is measured against is the scan (``search_hits`` as the named query runs
  it on LadybugDB), per query kind;
* the whole answer ``GET /measures?q=`` (Starlette TestClient, no network, cache off):
  p50 / p99 over the API benchmark's search words and over words of 1, 3+ characters and
  two words, index and scan;
* with ``--neo4j`` (NEO4J_URI set): the same corpus loaded into Neo4j, ``search_hits``
  through the full-text index there, checked equal to the embedded answer.

Every timed search is also checked to give the same rows by index and by scan.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from bench.common import latencies, machine, summary_ms

# The API benchmark's words (bench/api_bench.py SEARCH_WORDS) and other kinds of query.
KINDS = {
    "api_words": ["专项债券", "中小企业", "就业", "减税降费", "消费", "融资", "物流", "项目", "安全", "财政",
                  "数字", "绿色", "外贸", "科技", "农业", "乡村振兴", "招商", "投资", "人才", "服务"],
    "one_char": ["税", "港", "链", "碳", "医"],
    "long": ["高质量发展", "营商环境", "优化营商环境", "专精特新", "2023年底前"],
    "two_words": ["财政 资金", "就业 服务", "绿色 低碳", "数字 经济", "科技 创新"],
    "no_hit": ["不存在的词语", "量子引力"],
}


class ScanOnly:
    """The store without its index: every search runs the named query's scan."""

    search_index = None

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.engine = inner.engine

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


def index_build_s(store: Any) -> float:
    from graph.search_index import Plan

    t0 = time.perf_counter()
    store.search_index.apply(Plan(everything=True, stamp=store.search_index.store_stamp()))
    return time.perf_counter() - t0


def texts_figures(store: Any) -> dict[str, float]:
    """What the in-memory texts cost: the load (the first such search after a write pays
    it) and the bytes held (the joined string and the bounds)."""
    import sys

    from graph.search_index import Texts

    conn = store.search_index._reader()
    t0 = time.perf_counter()
    conn.execute("BEGIN")
    try:
        texts = Texts.load(conn, store.search_index.store_stamp())
    finally:
        conn.execute("COMMIT")
    held = sys.getsizeof(texts.joined) + texts.start.nbytes + texts.end.nbytes
    return {"load_s": time.perf_counter() - t0, "chars": len(texts.joined), "mb": held / 1e6}


def cpu_ms(fn: Any, n: int) -> list[float]:
    """CPU seconds of the calling process per call (the work itself: on a loaded
    machine, wall time also counts the time other processes held the cores)."""
    out = []
    for _ in range(n):
        t0 = time.process_time()
        fn()
        out.append(time.process_time() - t0)
    return out


def hits_figures(store: Any, n: int) -> dict[str, Any]:
    """The search as the API runs it without filters (count + first page of 50 keys,
    queries.measures._indexed_page) against the scan (every ranked key, then paged)."""
    from queries.measures import SEARCH_MAX, _indexed_page, search_hits

    scan = ScanOnly(store)
    out: dict[str, Any] = {}
    for kind, words in KINDS.items():
        idx_t: list[float] = []
        idx_cpu: list[float] = []
        scan_t: list[float] = []
        scan_cpu: list[float] = []
        hits = []
        for w in words:
            b = search_hits(scan, w)
            got = _indexed_page(store, w, 50, 0)
            assert got == (len(b[:SEARCH_MAX]), b[:50]), f"index and scan differ for {w!r}"
            hits.append(len(b))
            idx_t += latencies(lambda w=w: _indexed_page(store, w, 50, 0), n, warmup=1)
            idx_cpu += cpu_ms(lambda w=w: _indexed_page(store, w, 50, 0), n)
            scan_t += latencies(lambda w=w: search_hits(scan, w), max(1, n // 5), warmup=0)
            scan_cpu += cpu_ms(lambda w=w: search_hits(scan, w), 1)
        i, s = summary_ms(idx_t), summary_ms(scan_t)
        out[kind] = {"hits_median": sorted(hits)[len(hits) // 2], "index": i, "scan": s,
                     "index_cpu": summary_ms(idx_cpu), "scan_cpu": summary_ms(scan_cpu),
                     "scan_over_index_p50": s["p50_ms"] / max(i["p50_ms"], 1e-6)}
    return out


def api_figures(store: Any, n: int) -> dict[str, Any]:
    from starlette.testclient import TestClient

    from api.app import create_app

    out: dict[str, Any] = {}
    for label, s in (("index", store), ("scan", ScanOnly(store))):
        app = create_app(store=s, cache=False)
        walls: dict[str, list[float]] = {}
        with TestClient(app) as client:
            for kind, words in KINDS.items():
                reps = n if label == "index" else max(1, n // 5)
                for _ in range(reps):
                    for w in words:
                        t0 = time.perf_counter()
                        r = client.get("/measures?" + urlencode({"q": w}), headers={"accept": "application/json"})
                        walls.setdefault(kind, []).append(time.perf_counter() - t0)
                        assert r.status_code == 200, (w, r.status_code, r.text[:200])
        out[label] = {kind: summary_ms(v) for kind, v in walls.items()}
        out[label]["all"] = summary_ms([x for v in walls.values() for x in v])
    return out


def neo4j_figures(size: int, store: Any, n: int) -> dict[str, Any]:
    from bench.common import parse_corpus
    from bench.stores import open_neo4j
    from queries.measures import search_hits

    nj = open_neo4j()
    try:
        nj.clear()
        t0 = time.perf_counter()
        nj.load_many(parse_corpus(size))
        load_s = time.perf_counter() - t0
        out: dict[str, Any] = {"load_s": load_s}
        for kind, words in KINDS.items():
            t: list[float] = []
            for w in words:
                assert search_hits(nj, w) == search_hits(store, w), f"neo4j differs for {w!r}"
                t += latencies(lambda w=w: search_hits(nj, w), n, warmup=1)
            out[kind] = summary_ms(t)
        return out
    finally:
        nj.clear()
        nj.close()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.bench_search")
    ap.add_argument("--size", type=int, default=1000)
    ap.add_argument("--n", type=int, default=5, help="repetitions per query (the scan runs n/5)")
    ap.add_argument("--neo4j", action="store_true", help="also load the corpus into NEO4J_URI and time it there")
    ap.add_argument("--json", type=Path, help="write the figures to this file")
    ap.add_argument("--no-api", action="store_true", help="skip the whole-answer figures (GET /measures?q=)")
    a = ap.parse_args(argv)
    from bench.api_store import ensure_store
    from bench.stores import open_ladybug

    db, _ = ensure_store(a.size)
    store = open_ladybug(db)
    try:
        measures = store.counts()["Measure"]
        figures: dict[str, Any] = {"size": a.size, "measures": measures, "machine": machine(),
                                   "index_build_s": index_build_s(store), "texts": texts_figures(store),
                                   "hits": hits_figures(store, a.n)}
        if not a.no_api:
            figures["api"] = api_figures(store, a.n)
        if a.neo4j:
            figures["neo4j"] = neo4j_figures(a.size, store, a.n)
    finally:
        store.close()
    print(f"search at {a.size} documents ({measures} measures); {figures['machine']}")
    print(f"index build from the store: {figures['index_build_s']:.1f} s")
    t = figures["texts"]
    print(f"texts in memory (3+ character words): {t['chars']:,} characters, {t['mb']:.1f} MB, loaded in {t['load_s']:.2f} s")
    print(f"{'count+page':<12} {'hits':>6} {'index p50':>10} {'p99':>8} {'cpu p50':>8} {'scan p50':>10} "
          f"{'cpu p50':>8} {'ratio':>7}")
    for kind, f in figures["hits"].items():
        print(f"{kind:<12} {f['hits_median']:>6} {f['index']['p50_ms']:>8.2f}ms {f['index']['p99_ms']:>6.1f}ms "
              f"{f['index_cpu']['p50_ms']:>6.2f}ms {f['scan']['p50_ms']:>8.1f}ms {f['scan_cpu']['p50_ms']:>6.1f}ms "
              f"{f['scan_over_index_p50']:>6.0f}x")
    print(f"{'GET /measures?q=':<17} {'index p50':>10} {'p99':>8} {'scan p50':>10} {'p99':>8}")
    for kind in [*KINDS, "all"] if "api" in figures else []:
        i, s = figures["api"]["index"][kind], figures["api"]["scan"][kind]
        print(f"{kind:<17} {i['p50_ms']:>8.1f}ms {i['p99_ms']:>6.1f}ms {s['p50_ms']:>8.1f}ms {s['p99_ms']:>6.1f}ms")
    if "neo4j" in figures:
        print(f"neo4j search_hits (load {figures['neo4j']['load_s']:.0f} s; same rows as the embedded store):")
        for kind in KINDS:
            f = figures["neo4j"][kind]
            print(f"  {kind:<12} p50 {f['p50_ms']:7.2f} ms  p99 {f['p99_ms']:7.1f} ms")
    if a.json:
        a.json.write_text(json.dumps(figures, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
