"""First loads into an EMPTY embedded store with LadybugDB's bulk ``COPY FROM`` files.

Why: ``COPY`` only appends, with no per-row lookup, so a first load of a large corpus
is far faster than the batched ``UNWIND``/``MERGE`` load (1,000 documents: about 30 s
against several minutes).  It is correct only where appending is: the store must be
empty, and every node and edge is written once.  So this module builds exactly the
rows the batched load would leave behind (``graph.rows.document_rows``; a node shared
by several documents takes the last document's properties, edges are a set), writes
one CSV file per table into a private temporary folder, and runs the
``queries/write/bulk_copy_*`` statements plus the ``load_document`` upserts in ONE
transaction: either the whole corpus is in the store, or nothing is.

Where CSV cannot carry a value faithfully (a newline inside a value, a list element
with a delimiter or quote), ``NotBulkable`` is raised before anything is written and
the caller falls back to the batched load.  ``tests/test_bulk_load.py`` checks that
both paths leave identical stores.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from graph.model import ParsedDocument
from graph.registry import Registry
from graph.rows import document_rows, document_steps


class NotBulkable(Exception):
    """A value the CSV files cannot carry faithfully: use the batched load instead."""


# Node tables first (COPY of an edge needs both ends), in the schema's table names.
NODE_TABLES = ["Document", "Task", "Measure", "Unit", "Government", "Deadline", "Target"]
REL_TABLES = [
    "HAS_TASK", "HAS_MEASURE", "LEADS", "SUPPORTS", "JOINTLY_RESPONSIBLE", "DUE",
    "HAS_TARGET", "MEMBER_OF", "COLLECTIVE_OF",
]
BULK_ORDER = NODE_TABLES + REL_TABLES

_TABLE = re.compile(r"CREATE (NODE|REL) TABLE IF NOT EXISTS (\w+)\((.*)\)\s*$", re.S)


def schema_columns(registry: Registry) -> dict[str, list[str]]:
    """Column order of every LadybugDB table, read from the schema DDL (the CSV files
    must follow it); for a rel table, the property columns after FROM/TO."""
    out: dict[str, list[str]] = {}
    for stmt in registry.get("schema", "schema").statements("ladybug"):
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


def csv_value(v: Any) -> str:
    """One CSV field as LadybugDB's COPY reads it back to the same value."""
    if type(v) is str:  # most fields (the first test: 5.5 million calls at 1,000 documents)
        if "\n" in v or "\r" in v:
            raise NotBulkable("newline inside a value")
        return '"' + v.replace('"', '""') + '"'
    if v is None:
        return ""  # an unquoted empty field is NULL
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


def bulk_tables(rows_of: Sequence[dict[str, Any]], columns: dict[str, list[str]]) -> dict[str, list[list[Any]]]:
    """Every table's rows for a first load of these documents (``document_rows`` of
    each), with the batched load's semantics (shared nodes: the last document's
    properties win; edges: a set)."""
    return _table_rows(*_graph_of(rows_of, columns), columns)


def _graph_of(
    rows_of: Sequence[dict[str, Any]], columns: dict[str, list[str]]
) -> tuple[dict[str, dict[Any, dict[str, Any]]], dict[str, dict[tuple, list[Any]]]]:
    """The nodes (table -> key -> properties) and edges (table -> key -> CSV row) a first
    load of these documents writes."""
    nodes: dict[str, dict[str, dict[str, Any]]] = {t: {} for t in NODE_TABLES}
    rels: dict[str, dict[tuple, list[Any]]] = {t: {} for t in REL_TABLES}
    for r in rows_of:
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
                rels[table][(x["unit"], x["measure"])] = [x["unit"], x["measure"]] + [x[c] for c in columns[table]]
        for x in r["due"]:
            rels["DUE"][(x["measure"], x["deadline"], x["seq"])] = [x["measure"], x["deadline"]] + [
                x[c] for c in columns["DUE"]
            ]
        for table, key in (("MEMBER_OF", "member_of"), ("COLLECTIVE_OF", "collective_of")):
            for x in r[key]:
                rels[table][(x["unit"], x["government"])] = [x["unit"], x["government"]]
    return nodes, rels


def _table_rows(
    nodes: dict[str, dict[Any, dict[str, Any]]], rels: dict[str, dict[tuple, list[Any]]], columns: dict[str, list[str]]
) -> dict[str, list[list[Any]]]:
    out: dict[str, list[list[Any]]] = {}
    for t, by_id in nodes.items():
        out[t] = [[row.get(c) for c in columns[t]] for row in by_id.values()]
    for t, by_key in rels.items():
        out[t] = list(by_key.values())
    return out


def bulk_load(store: Any, parsed_docs: Sequence[ParsedDocument]) -> dict[str, int]:
    """First load of ``parsed_docs`` into the EMPTY embedded ``store`` (a LadybugStore) in
    one transaction; returns rows written per table.  Raises NotBulkable (nothing
    written) when a value cannot travel through CSV or a document comes twice (the
    batched load would replace the first version; appending cannot), and ValueError if
    the store is not empty (COPY only appends: a reload must go through the batched load)."""
    return bulk_load_rows(store, [document_rows(p) for p in parsed_docs])


def search_rows(nodes: dict[str, dict[Any, dict[str, Any]]], rels: dict[str, dict[tuple, list[Any]]]) -> list[dict[str, Any]]:
    """What the named query ``search_index_all`` will answer once these nodes and edges
    are copied into an empty store: one row per Document-HAS_TASK-Task-HAS_MEASURE-Measure
    path (graph.search_index builds the index from them while the store copies)."""
    docs_of_task: dict[Any, list[Any]] = {}
    for doc_id, task_id in rels["HAS_TASK"]:
        docs_of_task.setdefault(task_id, []).append(doc_id)
    documents, tasks, measures = nodes["Document"], nodes["Task"], nodes["Measure"]
    out = []
    for task_id, measure_id in rels["HAS_MEASURE"]:
        m, task_title = measures[measure_id], tasks[task_id].get("title")
        for doc_id in docs_of_task.get(task_id, ()):
            out.append({
                "doc": doc_id, "id": measure_id, "document_id": m.get("document_id"), "number": m.get("number"),
                "clause": m.get("clause"), "task_number": m.get("task_number"), "deadline_date": m.get("deadline_date"),
                "text": m.get("text"), "task_title": task_title, "document_title": documents[doc_id].get("title"),
            })
    return out


def bulk_load_rows(store: Any, rows_of: Sequence[dict[str, Any]]) -> dict[str, int]:
    """``bulk_load`` from the ``document_rows`` of each document (already computed)."""
    ids = [r["document"]["id"] for r in rows_of]
    if len(set(ids)) != len(ids):
        raise NotBulkable("a document comes twice")
    if any(store.counts().values()):
        raise ValueError("bulk COPY is for first loads into an empty store")
    columns = schema_columns(store.registry)
    nodes, rels = _graph_of(rows_of, columns)
    tables = _table_rows(nodes, rels, columns)
    # Documents are few and carry lists that may hold empty strings (a reference without
    # a number), which CSV lists cannot: they go through the batched load's upsert steps
    # (graph.rows.document_steps), in the same transaction as the COPYs.
    doc_steps = [("link_pending_mark", {}), *document_steps(rows_of)]
    tables["Document"] = []
    files = {t: [",".join(map(csv_value, row)) for row in rows] for t, rows in tables.items() if rows}
    staging = Path(tempfile.mkdtemp(prefix="policygraph-bulk-"))
    try:
        for t, lines in files.items():
            (staging / f"{t}.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
        store.copy_batch(doc_steps, [(f"bulk_copy_{t.lower()}", f"{t}.csv") for t in BULK_ORDER if t in files], staging,
                         search_rows=lambda: search_rows(nodes, rels))
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return {t: len(rows) for t, rows in tables.items()} | {"Document": len(rows_of)}
