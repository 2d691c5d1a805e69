"""Neo4j API throughput with 1 and 2 worker processes on the endpoint mix (issue 16:
2 workers >= 1.6x one), caches off (what ``serve --store neo4j`` runs: use_cache is off
for Neo4j), each GET request in one store session (api/session.py).

    NEO4J_URI=bolt://127.0.0.1:7706 PYTHONPATH=. python -m bench.api_workers [--size 100]
        [--seconds 20] [--warmup 20] [--rounds 2] [--threads 2,4,8] [--workers 1,2]
        [--search-copy on|off] [--json F] [--reuse]

WARNING: this CLEARS the Neo4j database at NEO4J_URI and loads the n-document corpus
(batched) and links it, unless --reuse (the database already holds that corpus).  Point
it at a scratch server (.ci/neo4j/start.sh), never production.

The server: ``python -m policygraph.cli serve --store neo4j --workers N`` on a free
loopback port; the client: bench/api_load.py in its own process (bench/api_bench.py's
mix: hot obligations 20 %, other units' obligations 40 %, unit 15 %, chain 15 %, search
10 %).  On a 2-vCPU machine the client, the Neo4j server and the API workers share the
cores: the ratio is what the mix gains from a second worker there, not on a larger box.
Each process's CPU per request is printed (the API's workers, the Neo4j server found by
its Bolt port, the client): the server's share is what a second worker cannot add to.

What a server serves is its capacity: each server is measured at 2, 4 and 8 client
connections (``--threads``) and its best throughput counts.  One worker peaks at few
connections (more make its threads fight over one GIL); two workers need more to keep
both busy while their requests wait on Neo4j.  The ratio at each connection count is
printed too, and the machine's stolen CPU per run (a shared VM's neighbours): a run with
much of it measured a slower machine.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.api_bench import (
    ROOT,
    _stats,
    drive,
    free_port,
    machine_cpu,
    pick_targets_from,
    proc_cpu,
    stop_server,
    wait_ready,
    workload,
)
from bench.common import machine, parse_corpus, write_json


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


def bolt_pid() -> int | None:
    """The pid listening on NEO4J_URI's port (the Neo4j server), found through ``ss``; None
    when it is not on this machine or ``ss`` is missing.  Its CPU per request is part of
    what a second worker must share the cores with."""
    from urllib.parse import urlsplit

    port = urlsplit(os.environ.get("NEO4J_URI", "bolt://127.0.0.1:7687")).port or 7687
    try:
        out = subprocess.run(["ss", "-ltnpH", f"sport = :{port}"], capture_output=True, text=True,
                             timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    for part in out.split("pid=")[1:]:
        digits = part.split(",", 1)[0]
        if digits.isdigit():
            return int(digits)
    return None


def serve(workers: int, port: int, search_copy: bool) -> subprocess.Popen:
    """``policygraph serve --store neo4j --workers N``; its search copy (graph/search_replica.py)
    under bench/out/workers, or none (every search asks the server's full-text index)."""
    env = dict(os.environ, POLICYGRAPH_STORE="neo4j", PYTHONPATH=str(ROOT),
               POLICYGRAPH_DB_PATH=str(OUT / "graph.lbug"),
               POLICYGRAPH_NEO4J_SEARCH_COPY="true" if search_copy else "false")
    env.pop("POLICYGRAPH_API_TOKEN", None)
    cmd = [sys.executable, "-m", "policygraph.cli", "serve", "--store", "neo4j", "--host", "127.0.0.1",
           "--port", str(port), "--workers", str(workers)]
    return subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)


OUT = ROOT / "bench" / "out" / "workers"


def measure(n: int, warm: list[str], paths: list[str], threads: list[int], warmup: float, seconds: float,
            db: int | None, search_copy: bool) -> list[dict[str, Any]]:
    """One server of ``n`` workers: started, driven with the mix for ``warmup`` seconds
    (connections, Python's and Neo4j's JIT-compiled paths, the search copy), then
    measured for ``seconds`` at each number of client connections in ``threads``; the
    CPU each process spent per request."""
    port = free_port()
    proc = serve(n, port, search_copy)
    rows = []
    try:
        wait_ready(f"http://127.0.0.1:{port}", proc)
        drive(port, warm, max(threads), warmup)
        for t in threads:
            api0, db0, m0 = proc_cpu(proc.pid), proc_cpu(db) if db else 0.0, machine_cpu()
            res = drive(port, paths, t, seconds)
            api_cpu, db_cpu = proc_cpu(proc.pid) - api0, (proc_cpu(db) - db0) if db else 0.0
            m1 = machine_cpu()
            rows.append(_row(n, t, res, api_cpu, db_cpu, db is not None, (m1[0] - m0[0], m1[1] - m0[1])))
    finally:
        stop_server(proc)
    return rows


def _row(n: int, threads: int, res: dict[str, Any], api_cpu: float, db_cpu: float, has_db: bool,
         host: tuple[float, float]) -> dict[str, Any]:
    """One measured run: throughput, latency and each process's CPU per request, printed;
    ``host``: the machine's (busy, stolen) CPU seconds during the run."""
    done = max(1, len(res["lat"]))
    row = {"workers": n, "connections": threads, **_stats(res["lat"], res["status"], res["bytes"], res["wall"]),
           "load_avg": round(os.getloadavg()[0], 1),
           "api_cpu_ms": round(1000 * api_cpu / done, 2),
           "neo4j_cpu_ms": round(1000 * db_cpu / done, 2) if has_db else None,
           "client_cpu_ms": round(1000 * res["client_cpu"] / done, 2),
           "cpu_busy": round((api_cpu + db_cpu + res["client_cpu"]) / res["wall"], 2),
           "machine_busy": round(host[0] / res["wall"], 2), "stolen": round(host[1] / res["wall"], 2)}
    print(f"neo4j mix, {n} worker(s), {threads} connections: {row['req_s']} req/s, p50 {row['p50_ms']} ms, "
          f"p99 {row['p99_ms']} ms, non-200 {row['non200']}, load average {row['load_avg']}; CPU per request: API "
          f"{row['api_cpu_ms']} ms, Neo4j {row['neo4j_cpu_ms']} ms, client {row['client_cpu_ms']} ms "
          f"({row['cpu_busy']} cores busy; the machine {row['machine_busy']}, stolen {row['stolen']})", flush=True)
    return row


def run(size: int, requests: int, seconds: float, threads: list[int], workers: list[int], reuse: bool,
        rounds: int = 2, warmup: float = 20.0, search_copy: bool = True,
        kinds: frozenset[str] | None = None) -> list[dict[str, Any]]:
    """``rounds`` rounds, each measuring every worker count in turn (1, 2, 1, 2 …): on a
    shared 2-vCPU machine the speed drifts by tens of percent within minutes, so each
    ratio compares neighbours and the medians are reported.

    What a server serves is its capacity: its best throughput over the connection
    counts ``threads`` (one worker peaks at fewer connections than two: four
    connections leave two workers idle while their requests wait on Neo4j, eight make
    one worker's threads fight over its GIL).  Every run's figures are printed and kept."""
    targets = prepare(size, reuse)
    OUT.mkdir(parents=True, exist_ok=True)
    paths = [p for k, p in workload("mix", targets, requests, seed=7) if kinds is None or k in kinds]
    # other URLs than the measured ones
    warm = [p for k, p in workload("mix", targets, requests, seed=3) if kinds is None or k in kinds]
    db = bolt_pid()
    rows: list[dict[str, Any]] = []
    best: dict[int, list[float]] = {n: [] for n in workers}
    for r in range(rounds):
        for n in workers:
            got = [{"round": r + 1, **row} for row in measure(n, warm, paths, threads, warmup, seconds, db, search_copy)]
            rows += got
            best[n].append(max(x["req_s"] for x in got))
    if len(workers) > 1:
        first, last = workers[0], workers[-1]
        pairs = [b / a for a, b in zip(best[first], best[last], strict=True)]
        med = {n: statistics.median(best[n]) for n in (first, last)}
        for t in threads:
            at = {n: [x["req_s"] for x in rows if x["workers"] == n and x["connections"] == t] for n in (first, last)}
            print(f"  at {t} connections: {last} workers / {first}, round by round: "
                  f"{', '.join(f'{b / a:.2f}x' for a, b in zip(at[first], at[last], strict=True))}", flush=True)
        print(f"  -> capacity (best over {', '.join(map(str, threads))} connections), {last} workers / {first}, "
              f"round by round: {', '.join(f'{x:.2f}x' for x in pairs)}; medians {med[first]:.1f} -> "
              f"{med[last]:.1f} req/s = {med[last] / med[first]:.2f}x (goal >= 1.6x); "
              f"search copy {'on' if search_copy else 'off'}; {machine()}", flush=True)
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.api_workers")
    ap.add_argument("--size", type=int, default=100)
    ap.add_argument("--requests", type=int, default=20000, help="the mix's URLs (the time cap ends a run first)")
    ap.add_argument("--seconds", type=float, default=20.0, help="each measured run")
    ap.add_argument("--warmup", type=float, default=20.0, help="seconds of the mix before each measured run")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--threads", default="2,4,8",
                    help="client connections, comma-separated: each server is measured at each, its capacity the best")
    ap.add_argument("--workers", default="1,2")
    ap.add_argument("--search-copy", choices=("on", "off"), default="on",
                    help="the workers' search copy (graph/search_replica.py), or every search on the server")
    ap.add_argument("--kinds", help="only these kinds of the mix, comma-separated (each kind's CPU per "
                    "request on its own), e.g. chain or search")
    ap.add_argument("--json", type=Path, help="write the rows here")
    ap.add_argument("--reuse", action="store_true", help="the database already holds the corpus")
    a = ap.parse_args(argv)
    rows = run(a.size, a.requests, a.seconds, [int(x) for x in a.threads.split(",")],
               [int(x) for x in a.workers.split(",")], a.reuse,
               a.rounds, a.warmup, a.search_copy == "on", frozenset(a.kinds.split(",")) if a.kinds else None)
    write_json(a.json, rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
