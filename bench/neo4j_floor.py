"""The Neo4j server's CPU for one Bolt round trip: the floor under every API request on
Neo4j with caches off (issue 16's "2 workers >= 1.6x one").

    NEO4J_URI=... PYTHONPATH=. python -m bench.neo4j_floor [--seconds 10] [--pause-ms 3] [--json F]

Why: a second API worker can only add what the cores left over from the Neo4j server
(and the load client) allow.  Each API request on Neo4j costs the server at least one
round trip; this measures what one costs the server's process (its CPU seconds, found by
its Bolt port) for the smallest keyed read an answer makes (``read_model_unit_detail``,
a unit's stored detail: ~400 bytes) and for ``RETURN 1``:

- back to back (the server's threads never sleep), and
- paced: a pause between round trips, as requests arrive at an API serving ~200 req/s
  per worker.  The server's threads then park and wake for every request, which costs
  more than the query.

Reads the database at NEO4J_URI as it is (any loaded corpus); writes nothing.  Each way
runs ``--seconds`` after as long a warm-up, in alternating rounds.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.api_bench import machine_cpu, proc_cpu
from bench.api_workers import bolt_pid
from bench.common import machine, write_json
from bench.stores import open_neo4j


def _own_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def _measure(fn: Callable[[], None], seconds: float, server: int) -> dict[str, float]:
    """Round trips of ``fn`` for ``seconds``: the server's and this client's CPU per trip."""
    s0, c0, m0, t0, n = proc_cpu(server), _own_cpu(), machine_cpu(), time.perf_counter(), 0
    while time.perf_counter() - t0 < seconds:
        fn()
        n += 1
    wall = time.perf_counter() - t0
    return {"trips": n, "server_ms": 1000 * (proc_cpu(server) - s0) / n,
            "client_ms": 1000 * (_own_cpu() - c0) / n, "wall_ms": 1000 * wall / n,
            "stolen": (machine_cpu()[1] - m0[1]) / wall}


def run(seconds: float, pause_ms: float, rounds: int) -> list[dict[str, Any]]:
    server = bolt_pid()
    if server is None:
        raise SystemExit("neo4j_floor: no Neo4j server listening on NEO4J_URI's port on this machine")
    store = open_neo4j()
    try:
        units = store.read("units_list", {"level": "", "government": "", "kind": "", "q": ""})
        if not units:
            raise SystemExit("neo4j_floor: the database holds no units: load a corpus first")
        name = units[len(units) // 2]["name"]

        def detail() -> None:
            with store.session_scope():  # as the API's ReadSession opens one per request
                store.read("read_model_unit_detail", {"name": name})

        def paced(fn: Callable[[], None]) -> Callable[[], None]:
            def go() -> None:
                fn()
                time.sleep(pause_ms / 1000)
            return go

        with store._driver.session(database=store.database) as session:  # noqa: SLF001  (the bare trip)
            def ret1() -> None:
                list(session.run("RETURN 1 AS x"))

            ways = {"unit detail, back to back": detail, "RETURN 1, back to back": ret1,
                    f"unit detail, {pause_ms:g} ms apart": paced(detail), f"RETURN 1, {pause_ms:g} ms apart": paced(ret1)}
            for fn in ways.values():  # warm: plans cached, the server's JIT compiled
                _measure(fn, seconds, server)
            got: dict[str, list[dict[str, float]]] = {w: [] for w in ways}
            for _ in range(rounds):
                for w, fn in ways.items():
                    got[w].append(_measure(fn, seconds, server))
    finally:
        store.close()
    rows = []
    for w, runs in got.items():
        row = {"way": w, **{k: round(statistics.median(r[k] for r in runs), 3)
                            for k in ("server_ms", "client_ms", "wall_ms", "stolen")},
               "server_ms_runs": [round(r["server_ms"], 3) for r in runs]}
        print(f"{w}: the server's CPU {row['server_ms']} ms per round trip (runs "
              f"{', '.join(map(str, row['server_ms_runs']))}), the client's {row['client_ms']} ms, "
              f"wall {row['wall_ms']} ms; cores stolen by the host {row['stolen']}", flush=True)
        rows.append(row)
    print(f"  ({machine()}; NEO4J_URI={os.environ.get('NEO4J_URI')})", flush=True)
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.neo4j_floor")
    ap.add_argument("--seconds", type=float, default=10.0, help="each measured run (and each warm-up)")
    ap.add_argument("--pause-ms", type=float, default=3.0, help="the pause between paced round trips")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--json", type=Path, help="write the rows here")
    a = ap.parse_args(argv)
    rows = run(a.seconds, a.pause_ms, a.rounds)
    write_json(a.json, rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
