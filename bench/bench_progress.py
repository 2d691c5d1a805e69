"""Progress writes: append 1,000 updates in ONE batch on the embedded store (issue 14:
"writing progress for 1,000 obligations in one ledger upload takes under 2 s").

    python -m bench.bench_progress [--updates 1000] [--repeat 3] [--neo4j]

The store holds the two bundled seeds (305 measures); the updates go to distinct
(measure, unit) obligations taken from the seeds' responsibilities, cycling through them
once there are more updates than obligations.  The figure is the wall time of
``graph.progress_store.append_progress`` (validate every row, check the obligations
against the graph, number them, write them in one transaction) with an admin token;
later repeats append to a store that already holds the earlier batches.  Also shown:
the current statuses of one unit, and the export of the whole history.  Figures, not a
timed test.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

GOAL_S = 2.0


def _obligations(docs: list[Any]) -> list[str]:
    from graph.progress import obligation_id

    return [obligation_id(m.id, r.unit) for p in docs for m in p.measures for r in m.responsibilities]


def _batch(oids: list[str], n: int, round_: int) -> list[Any]:
    from graph.progress import ProgressUpdate

    statuses = ["推进中", "已完成", "持续推进", "受阻"]
    return [
        ProgressUpdate(oids[i % len(oids)], statuses[(i + round_) % 4], text=f"第{round_ + 1}轮进展{i}", percent=i % 101)
        for i in range(n)
    ]


def run(store: Any, docs: list[Any], n: int, repeat: int) -> None:
    from graph.progress_store import append_progress, export_progress, latest_status
    from graph.tokens import create_token

    for p in docs:
        store.load(p)
    admin = create_token(store, admin=True).info
    oids = _obligations(docs)
    print(f"{store.engine}: {len(oids)} obligations in the seeds; {n} updates per batch")
    for r in range(repeat):
        batch = _batch(oids, n, r)
        t0 = time.perf_counter()
        res = append_progress(store, batch, admin)
        dt_s = time.perf_counter() - t0
        assert not res.errors and len(res.written) == n, res.errors[:3]
        mark = "ok" if dt_s < GOAL_S else "OVER GOAL"
        print(f"  append {n} updates (batch {r + 1}): {dt_s:.3f} s  [goal < {GOAL_S:.0f} s: {mark}]")
    t0 = time.perf_counter()
    cur = latest_status(store, unit="区财政局")
    print(f"  latest statuses of 区财政局 ({len(cur)} obligations): {1000 * (time.perf_counter() - t0):.1f} ms")
    t0 = time.perf_counter()
    lines = sum(1 for _ in export_progress(store))
    print(f"  export {lines} updates: {time.perf_counter() - t0:.3f} s")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--updates", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--neo4j", action="store_true", help="also on NEO4J_URI (its database is CLEARED)")
    args = ap.parse_args(argv)
    from bench.stores import neo4j_configured, open_ladybug, open_neo4j
    from policygraph.pipeline import parse_all
    from policygraph.samples import sample_paths

    docs = parse_all(sample_paths())
    tmp = Path(tempfile.mkdtemp(prefix="pg-bench-progress-"))
    try:
        store = open_ladybug(tmp / "db.lbug")
        try:
            run(store, docs, args.updates, args.repeat)
        finally:
            store.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if args.neo4j and neo4j_configured():
        store = open_neo4j()
        try:
            store.clear()
            run(store, docs, args.updates, args.repeat)
            store.clear()
        finally:
            store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
