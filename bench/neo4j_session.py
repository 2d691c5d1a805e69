"""In-process cost of one answer on Neo4j with a session per read (as before issue 16)
and with the answer's reads in one session (``store.session_scope()``, what the API now
opens per GET request): the obligations of the busiest unit, a unit's detail, a chain.

    NEO4J_URI=... PYTHONPATH=. python -m bench.neo4j_session [--repeat 50]

Reads the database at NEO4J_URI as it is (load a corpus first, e.g. bench/api_workers.py);
writes nothing.  Alternates the two ways answer by answer, so machine load hits both alike.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from typing import Any

from bench.api_bench import pick_targets_from
from bench.common import machine
from bench.stores import open_neo4j
from queries.measures import chain
from queries.obligations import obligations
from queries.units import unit_detail


def run(repeat: int) -> list[dict[str, Any]]:
    store = open_neo4j()
    try:
        t = pick_targets_from(store, pool=50, seed=7)
        answers: dict[str, Callable[[], Any]] = {
            "obligations (busiest)": lambda: obligations(store, t["busiest"]),
            "unit detail": lambda: unit_detail(store, t["units"][0]),
        }
        if t["chain"]:
            answers["chain"] = lambda: chain(store, t["chain"][0])
        rows = []
        for name, fn in answers.items():
            fn()  # warm: plans cached on the server
            alone: list[float] = []
            scoped: list[float] = []
            for _ in range(repeat):
                t0 = time.perf_counter()
                fn()
                alone.append(time.perf_counter() - t0)
                t0 = time.perf_counter()
                with store.session_scope():
                    fn()
                scoped.append(time.perf_counter() - t0)
            a, s = statistics.median(alone) * 1000, statistics.median(scoped) * 1000
            rows.append({"answer": name, "per_read_ms": round(a, 2), "one_session_ms": round(s, 2),
                         "speedup": round(a / s, 2)})
            print(f"neo4j {name:<22} session per read p50 {a:7.2f} ms, one session {s:7.2f} ms: {a / s:.2f}x", flush=True)
        print(f"  ({t['documents']} documents; {machine()})", flush=True)
        return rows
    finally:
        store.close()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.neo4j_session")
    ap.add_argument("--repeat", type=int, default=50)
    run(ap.parse_args(argv).repeat)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
