"""Neo4j API throughput with 1 and 2 worker processes on the endpoint mix (issue 16:
2 workers >= 1.6x one), caches off (what ``serve --store neo4j`` runs: use_cache is off
for Neo4j), each GET request in one store session (api/session.py).

    NEO4J_URI=bolt://127.0.0.1:7706 PYTHONPATH=. python -m bench.api_workers [--size 100]
        [--requests 600] [--seconds 30] [--threads 4] [--workers 1,2] [--reuse]

WARNING: this CLEARS the Neo4j database at NEO4J_URI and loads the n-document corpus
(batched) and links it, unless --reuse (the database already holds that corpus).  Point
it at a scratch server (.ci/neo4j/start.sh), never production.

The server: ``python -m policygraph.cli serve --store neo4j --workers N`` on a free
loopback port; the client: bench/api_load.py in its own process (bench/api_bench.py's
mix: hot obligations 20 %, other units' obligations 40 %, unit 15 %, chain 15 %, search
10 %).  On a 2-vCPU machine the client, the Neo4j server and the API workers share the
cores: the ratio is what the mix gains from a second worker there, not on a larger box.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from typing import Any

from bench.api_bench import (
    ROOT,
    _stats,
    drive,
    free_port,
    pick_targets_from,
    stop_server,
    wait_ready,
    workload,
)
from bench.common import machine, parse_corpus


def prepare(size: int, reuse: bool) -> dict[str, Any]:
    from bench.stores import open_neo4j

    store = open_neo4j()
    try:
        if not reuse:
            from graph.linking import link_store

            store.clear()
            t0 = time.perf_counter()
            store.load_many(parse_corpus(size))
            t1 = time.perf_counter()
            link_store(store)
            print(f"neo4j: {size} documents loaded in {t1 - t0:.1f}s, linked in {time.perf_counter() - t1:.1f}s",
                  file=sys.stderr, flush=True)
        targets = pick_targets_from(store, pool=300, seed=7)
        t0 = time.perf_counter()  # the steady state: the read model warmed as `policygraph warm` does
        from queries.measures import warm_measures
        from queries.obligations import warm

        units = warm(store, sorted({targets["busiest"], *targets["units"], *targets["fresh_units"]}))
        measures = warm_measures(store)
        print(f"neo4j: read model warmed in {time.perf_counter() - t0:.1f}s: {units}, measures {measures}",
              file=sys.stderr, flush=True)
        return targets
    finally:
        store.close()


def serve(workers: int, port: int) -> subprocess.Popen:
    env = dict(os.environ, POLICYGRAPH_STORE="neo4j", PYTHONPATH=str(ROOT))
    env.pop("POLICYGRAPH_API_TOKEN", None)
    cmd = [sys.executable, "-m", "policygraph.cli", "serve", "--store", "neo4j", "--host", "127.0.0.1",
           "--port", str(port), "--workers", str(workers)]
    return subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)


def run(size: int, requests: int, seconds: float, threads: int, workers: list[int], reuse: bool) -> list[dict[str, Any]]:
    targets = prepare(size, reuse)
    paths = [p for _, p in workload("mix", targets, requests, seed=7)]
    rows = []
    for n in workers:
        port = free_port()
        proc = serve(n, port)
        try:
            wait_ready(f"http://127.0.0.1:{port}", proc)
            drive(port, paths[: max(20, requests // 20)], threads, seconds)  # warm-up (connections, plans)
            res = drive(port, paths, threads, seconds)
            row = {"workers": n, **_stats(res["lat"], res["status"], res["bytes"], res["wall"]),
                   "load_avg": round(os.getloadavg()[0], 1)}
            rows.append(row)
            print(f"neo4j mix, {n} worker(s): {row['req_s']} req/s, p50 {row['p50_ms']} ms, p99 {row['p99_ms']} ms, "
                  f"non-200 {row['non200']}, load average {row['load_avg']}", flush=True)
        finally:
            stop_server(proc)
    if len(rows) > 1:
        print(f"  -> {rows[-1]['workers']} workers / {rows[0]['workers']}: {rows[-1]['req_s'] / rows[0]['req_s']:.2f}x "
              f"(goal >= 1.6x); {machine()}", flush=True)
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.api_workers")
    ap.add_argument("--size", type=int, default=100)
    ap.add_argument("--requests", type=int, default=600)
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--threads", type=int, default=4)
    ap.add_argument("--workers", default="1,2")
    ap.add_argument("--reuse", action="store_true", help="the database already holds the corpus")
    a = ap.parse_args(argv)
    run(a.size, a.requests, a.seconds, a.threads, [int(x) for x in a.workers.split(",")], a.reuse)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
