"""Stores for the benchmarks and the hardening tests: the project's stores, opened with
a registry that also knows the bench-only named queries in ``queries/bench/`` (the
naive one-row-per-statement loader, snapshot reads)."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any

from graph.registry import QUERIES_DIR, Registry
from graph.rows import document_rows

BENCH_QUERIES = QUERIES_DIR / "bench"


@lru_cache(maxsize=1)
def bench_registry() -> Registry:
    """The bundled queries plus queries/bench (names do not overlap: naive_*, bulk_*, bench_*)."""
    reg = Registry()
    extra = Registry(BENCH_QUERIES)
    clash = set(reg.names()) & set(extra.names())
    if clash:
        raise RuntimeError(f"queries/bench redefines {sorted(clash)}")
    reg._queries.update(extra._queries)  # noqa: SLF001  (a merged view; the registry has no public merge)
    return reg


def open_ladybug(path: Path) -> Any:
    from graph.ladybug_store import LadybugStore

    return LadybugStore(path, registry=bench_registry())


def neo4j_configured() -> bool:
    return bool(os.environ.get("NEO4J_URI"))


def open_neo4j() -> Any:
    from graph.neo4j_store import Neo4jStore

    return Neo4jStore(
        os.environ["NEO4J_URI"],
        os.environ.get("NEO4J_USER", "neo4j"),
        os.environ.get("NEO4J_PASSWORD", "policygraph"),
        os.environ.get("NEO4J_DATABASE", "neo4j"),
        registry=bench_registry(),
    )


# ----------------------------------------------------------------------------- naive loader

# (bench query, row key of graph.rows.document_rows) in dependency order: one statement
# and one transaction per row -- the classic loader the batched UNWIND load replaces.
NAIVE_STEPS = [
    ("naive_government", "governments"),
    ("naive_unit", "units"),
    ("naive_member_of", "member_of"),
    ("naive_collective_of", "collective_of"),
    ("naive_task", "tasks"),
    ("naive_measure", "measures"),
    ("naive_leads", "leads"),
    ("naive_supports", "supports"),
    ("naive_jointly_responsible", "joint"),
    ("naive_deadline", "deadlines"),
    ("naive_due", "due"),
    ("naive_target", "targets"),
    ("naive_target_range", "target_ranges"),
]


def naive_load(store: Any, parsed: Any) -> int:
    """Load one document row by row; returns the number of statements run."""
    rows = document_rows(parsed)
    store.write("load_document", rows["document"])
    n = 1
    for name, key in NAIVE_STEPS:
        for row in rows[key]:
            if "order" in row:  # `order` is reserved: the naive files take it as $ord
                row = {k if k != "order" else "ord": v for k, v in row.items()}
            store.write(name, row)
            n += 1
    return n
