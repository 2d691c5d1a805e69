"""Loading n measures held by ONE unit must scale linearly (issue 17): the time of one
document of 4,000 / 8,000 / 16,000 measures, all led by 区财政局 and supported by
区发展改革委, loaded into a fresh store (``store.load``: one transaction), on the
embedded store and (NEO4J_URI set) on Neo4j; the slowest steps are named.

    python -m bench.bench_one_unit [--sizes 4000,8000,16000] [--no-neo4j]

WARNING: with NEO4J_URI set this DELETES EVERYTHING in that database (store.clear()):
point it at a scratch server (.ci/neo4j/start.sh), never production.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.one_unit import one_unit_table
from bench.stores import neo4j_configured, open_ladybug, open_neo4j
from loaders import parse_text


def time_load(store: Any, n: int) -> tuple[float, dict[str, float]]:
    """Seconds to load the n-measure document into ``store`` and the seconds per step."""
    parsed = parse_text(one_unit_table(n), f"one_unit_{n}.tsv", "table")
    marks: list[tuple[str, float]] = []
    store.before_step = lambda _i, name: marks.append((name, time.perf_counter()))
    start = time.perf_counter()
    store.load(parsed)
    end = time.perf_counter()
    store.before_step = None
    steps: dict[str, float] = {}
    for i, (name, t) in enumerate(marks):  # a step of many rows runs as several statements
        steps[name] = steps.get(name, 0.0) + (marks[i + 1][1] if i + 1 < len(marks) else end) - t
    return end - start, steps


def run(engine: str, sizes: list[int]) -> list[tuple[int, float, dict[str, float]]]:
    out = []
    for n in sizes:
        if engine == "ladybug":
            tmp = Path(tempfile.mkdtemp(prefix="bench-one-unit-"))
            store = open_ladybug(tmp / "graph.lbug")
        else:
            tmp, store = None, open_neo4j()
            store.clear()
        try:
            total, steps = time_load(store, n)
        finally:
            if engine == "neo4j":
                store.clear()
            store.close()
            if tmp:
                shutil.rmtree(tmp, ignore_errors=True)
        out.append((n, total, steps))
    return out


def report(engine: str, results: list[tuple[int, float, dict[str, float]]]) -> None:
    base_n, base_t, _ = results[0]
    for n, total, steps in results:
        slow = sorted(steps.items(), key=lambda kv: -kv[1])[:3]
        ratio = total / base_t if base_t else float("nan")
        print(
            f"{engine:8} {n:6d} measures  {total:7.2f} s  ×{ratio:4.1f} of {base_n} (linear: ×{n / base_n:.0f})  "
            + ", ".join(f"{k} {v:.2f}" for k, v in slow),
            flush=True,
        )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="4000,8000,16000")
    ap.add_argument("--no-neo4j", action="store_true")
    args = ap.parse_args(argv)
    sizes = [int(x) for x in args.sizes.split(",")]
    report("ladybug", run("ladybug", sizes))
    if neo4j_configured() and not args.no_neo4j:
        report("neo4j", run("neo4j", sizes))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
