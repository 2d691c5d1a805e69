"""Stores for the benchmarks and the hardening tests: the project's stores, opened with
a registry that also knows the bench-only named queries in ``queries/bench/`` (the
naive one-row-per-statement loader, the bulk COPY steps, snapshot reads)."""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from graph.rows import document_rows
from queries.registry import QUERIES_DIR, Registry

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


def clear_store(store: Any, slice_: int = 10000) -> None:
    """Empty a store.  Neo4j: in slices of ``slice_`` nodes, one transaction each --
    ``clear_all`` in ONE transaction exceeds dbms.memory.transaction.total.max (716.8 MiB
    on the CI launcher) from the 100-document corpus on."""
    if getattr(store, "engine", "") != "neo4j":
        store.write("clear_all")
        return
    while True:
        counts = {r["name"]: int(r["n"]) for r in store.read("counts")}
        if not any(counts.values()):
            return
        rels = any(v for k, v in counts.items() if k.isupper())  # relationship types are UPPER_CASE
        store.write("bench_clear_some_rels" if rels else "bench_clear_some", {"limit": slice_})


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


# ----------------------------------------------------------------------------- bulk COPY

class NotBulkable(Exception):
    """A value the CSV files cannot carry faithfully (use the batched load instead)."""


_TABLE = re.compile(r"CREATE (NODE|REL) TABLE IF NOT EXISTS (\w+)\((.*)\)\s*$", re.S)


def schema_columns() -> dict[str, list[str]]:
    """Column order of every LadybugDB table, read from the schema DDL (rel tables: the
    property columns after FROM/TO)."""
    out: dict[str, list[str]] = {}
    for stmt in bench_registry().get("schema", "schema").statements("ladybug"):
        m = _TABLE.match(stmt.strip())
        if not m:
            continue
        cols = []
        for part in re.split(r",\s*(?![^()]*\))", m.group(3)):
            part = part.strip()
            if not part or part.startswith(("PRIMARY KEY", "FROM ")):
                continue
            cols.append(part.split()[0].strip("`"))
        out[m.group(2)] = cols
    return out


def _csv_value(v: Any) -> str:
    if v is None:
        return ""  # unquoted empty field: NULL
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int | float):
        return repr(v)
    if isinstance(v, list):
        for x in v:
            if not isinstance(x, str) or any(c in x for c in ',[]"{}\n\r\\\'') or not x.strip():
                raise NotBulkable(f"list element {x!r}")
        return '"[' + ",".join(v) + ']"'
    s = str(v)
    if "\n" in s or "\r" in s:
        raise NotBulkable("newline inside a value")
    return '"' + s.replace('"', '""') + '"'  # quoted: an empty string stays an empty string


BULK_ORDER = [
    "Document", "Task", "Measure", "Unit", "Government", "Deadline", "Target",
    "HAS_TASK", "HAS_MEASURE", "LEADS", "SUPPORTS", "JOINTLY_RESPONSIBLE", "DUE",
    "HAS_TARGET", "MEMBER_OF", "COLLECTIVE_OF",
]


def bulk_tables(parsed_docs: list[Any]) -> dict[str, list[list[Any]]]:
    """Every table's rows for a first load of these documents, with the batched load's
    semantics (shared nodes: the last document's properties win; edges: a set)."""
    cols = schema_columns()
    nodes: dict[str, dict[str, dict[str, Any]]] = {t: {} for t in BULK_ORDER[:7]}
    rels: dict[str, dict[tuple, list[Any]]] = {t: {} for t in BULK_ORDER[7:]}
    for p in parsed_docs:
        r = document_rows(p)
        d = r["document"]
        nodes["Document"][d["id"]] = d
        for t in r["tasks"]:
            nodes["Task"][t["id"]] = t
            rels["HAS_TASK"][(t["document_id"], t["id"])] = [t["document_id"], t["id"]]
        for m in r["measures"]:
            nodes["Measure"][m["id"]] = m
            rels["HAS_MEASURE"][(m["task_id"], m["id"])] = [m["task_id"], m["id"]]
        for u in r["units"]:
            nodes["Unit"][u["name"]] = u
        for g in r["governments"]:
            nodes["Government"][g["name"]] = g
        for dl in r["deadlines"]:
            nodes["Deadline"][dl["id"]] = dl
        ranges = {x["id"]: x["value_max"] for x in r["target_ranges"]}
        for g in r["targets"]:
            nodes["Target"][g["id"]] = {**g, "value_max": ranges.get(g["id"])}
            rels["HAS_TARGET"][(g["measure_id"], g["id"])] = [g["measure_id"], g["id"]]
        for table, key in (("LEADS", "leads"), ("SUPPORTS", "supports"), ("JOINTLY_RESPONSIBLE", "joint")):
            for x in r[key]:
                rels[table][(x["unit"], x["measure"])] = [x["unit"], x["measure"]] + [x[c] for c in cols[table]]
        for x in r["due"]:
            rels["DUE"][(x["measure"], x["deadline"], x["seq"])] = [x["measure"], x["deadline"]] + [
                x[c] for c in cols["DUE"]
            ]
        for table, key in (("MEMBER_OF", "member_of"), ("COLLECTIVE_OF", "collective_of")):
            for x in r[key]:
                rels[table][(x["unit"], x["government"])] = [x["unit"], x["government"]]
    out: dict[str, list[list[Any]]] = {}
    for t, by_id in nodes.items():
        out[t] = [[row.get(c) for c in cols[t]] for row in by_id.values()]
    for t, by_key in rels.items():
        out[t] = list(by_key.values())
    return out


def bulk_load(store: Any, parsed_docs: list[Any], staging: Path) -> dict[str, int]:
    """First load of many documents into an EMPTY embedded store with COPY FROM files:
    write one CSV per table into ``staging``, then run the bulk_copy_* named queries in
    one transaction.  Raises NotBulkable (nothing written) if a value cannot travel
    through CSV faithfully, and ValueError if the store is not empty (COPY only appends)."""
    counts = {r["name"]: int(r["n"]) for r in store.read("counts")}
    if any(counts.values()):
        raise ValueError("bulk COPY is for first loads into an empty store")
    tables = bulk_tables(parsed_docs)
    # Documents are few and carry lists that may hold empty strings (a reference without
    # a number), which CSV lists cannot: they go through the ordinary upsert step, in the
    # same transaction as the COPYs.
    doc_steps = [("load_document", document_rows(p)["document"]) for p in parsed_docs]
    tables["Document"] = []
    staging.mkdir(parents=True, exist_ok=True)
    for t, rows in tables.items():
        with open(staging / f"{t}.csv", "w", encoding="utf-8") as f:
            for row in rows:
                f.write(",".join(_csv_value(v) for v in row) + "\n")
    steps = doc_steps + [(f"bulk_copy_{t.lower()}", {}) for t in BULK_ORDER if tables[t]]
    cwd = os.getcwd()
    os.chdir(staging)  # the COPY files name their CSV relative to the working directory
    try:
        store.write_batch(steps)
    finally:
        os.chdir(cwd)
    return {t: len(rows) for t, rows in tables.items()} | {"Document": len(doc_steps)}
