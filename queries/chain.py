"""The city <-> district chain of a measure, walked one level at a time.

Why not one query: ``measure_chain_up`` / ``measure_chain_down`` say it in one Cypher
pattern (``IMPLEMENTS*1..3``), but LadybugDB sizes a variable-length match by the whole
IMPLEMENTS table (17 ms at 20,000 links for a one-row answer, growing with every
document loaded).  Walking it -- one ``measure_implements`` hop per measure reached,
then ``measure_row`` for each -- costs a few unique-key lookups per level on either
engine, so the chain stays as cheap at 1,000 documents as at 10.  The rows are those of
the one-query definition (one per measure and depth, ordered by depth then id): the
tests compare the two on both stores.
"""

from __future__ import annotations

from typing import Any, Literal

from graph.store import GraphStore

Direction = Literal["up", "down"]
HOP = {"up": "measure_implements", "down": "measure_implemented_by"}
MAX_DEPTH = 3  # district -> city -> State Council: three levels at most


def measure_chain(store: GraphStore, measure_id: str, direction: Direction, max_depth: int = MAX_DEPTH) -> list[dict[str, Any]]:
    """Measures reachable from ``measure_id`` by 1..max_depth IMPLEMENTS hops up (the
    measures it implements) or down (those implementing it), each with its ``depth``."""
    rows: dict[str, dict[str, Any]] = {}
    out: list[dict[str, Any]] = []
    frontier = [measure_id]
    for depth in range(1, max_depth + 1):
        reached = sorted({r["id"] for m in frontier for r in store.read(HOP[direction], {"id": m})})
        for mid in reached:
            if mid not in rows:
                found = store.read("measure_row", {"id": mid})
                if not found:
                    continue  # a measure without task/document: the one-query form skips it too
                rows[mid] = found[0]
            out.append(dict(rows[mid], depth=depth))
        frontier = reached
        if not frontier:
            break
    return out
