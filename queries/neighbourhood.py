"""Nodes and edges around a unit or a measure, shaped for vis-network (depth 1..3, node cap).

Why in the read layer: the explorer page draws it through the API, and any other
picture of an agency's neighbourhood starts from the same nodes and edges.
"""

from __future__ import annotations

from typing import Any

from graph.model import ROLE_HEADINGS_ZH
from graph.store import GraphStore
from queries.answers import Neighbourhood
from queries.measures import measure_row
from queries.units import resolve_unit


def wrap(text: str, width: int = 6) -> str:
    """vis-network wraps only at spaces: break Chinese labels explicitly."""
    return "\n".join(text[i : i + width] for i in range(0, len(text), width)) or text


class _Builder:
    def __init__(self, cap: int) -> None:
        self.cap = cap
        self.nodes: dict[str, dict[str, Any]] = {}
        self.edges: dict[tuple[str, str, str], dict[str, Any]] = {}
        self.truncated = False

    def node(self, node_id: str, label: str, group: str, title: str, **extra: Any) -> bool:
        if node_id in self.nodes:
            return True
        if len(self.nodes) >= self.cap:
            self.truncated = True
            return False
        self.nodes[node_id] = {"id": node_id, "label": label, "group": group, "title": title, **extra}
        return True

    def edge(self, a: str, b: str, role: str, label: str | None = None) -> None:
        if a in self.nodes and b in self.nodes:
            self.edges.setdefault((a, b, role), {"from": a, "to": b, "role": role, "label": label or role})

    def unit(self, name: str, collective: bool | None = None) -> bool:
        return self.node(f"unit:{name}", wrap(name), "collective" if collective else "unit", name)

    def measure(self, mid: str, number: Any, clause: Any, text: str | None, document_id: str | None) -> bool:
        short = (text or "")[:60]
        return self.node(
            f"measure:{mid}", f"{number}.{clause}", "measure", short, document_id=document_id
        )

    def result(self, root: str, depth: int) -> dict[str, Any]:
        return {
            "root": root,
            "depth": depth,
            "nodes": list(self.nodes.values()),
            "edges": list(self.edges.values()),
            "truncated": self.truncated,
            "count": len(self.nodes),
        }


def _expand_units(store: GraphStore, b: _Builder, names: list[str]) -> list[str]:
    """Add the measures of ``names``; return the new measure ids."""
    new: list[str] = []
    if not names:
        return new
    for r in store.read("graph_unit_measures", {"names": sorted(names)}):
        key = f"measure:{r['measure_id']}"
        fresh = key not in b.nodes
        if b.measure(r["measure_id"], r.get("number"), r.get("clause"), r.get("text"), r.get("document_id")):
            b.edge(f"unit:{r['unit']}", key, r["role"], ROLE_HEADINGS_ZH.get(r["role"]))
            if fresh:
                new.append(r["measure_id"])
    return new


def _expand_measures(store: GraphStore, b: _Builder, ids: list[str]) -> list[str]:
    """Add the units of measures ``ids`` and their linked measures; return new unit names."""
    new: list[str] = []
    if not ids:
        return new
    for r in store.read("measures_units", {"ids": sorted(ids)}):
        key = f"unit:{r['unit']}"
        fresh = key not in b.nodes
        if b.unit(r["unit"], r.get("collective")):
            b.edge(key, f"measure:{r['measure_id']}", r["role"], ROLE_HEADINGS_ZH.get(r["role"]))
            if fresh:
                new.append(r["unit"])
    for r in store.read("measures_links", {"ids": sorted(ids)}):
        for side in ("lower", "upper"):
            b.measure(r[f"{side}_id"], r.get(f"{side}_number"), r.get(f"{side}_clause"), r.get(f"{side}_text"),
                      r.get(f"{side}_document_id"))
        b.edge(f"measure:{r['lower_id']}", f"measure:{r['upper_id']}", "implements", "落实")
    return new


def _grow(store: GraphStore, b: _Builder, units: list[str], measures: list[str], depth: int, units_first: bool) -> None:
    """Grow the picture ``depth`` levels outwards from the root, alternating between the
    measures of the units reached and the units of the measures reached."""
    expand_units = units_first
    for _ in range(depth):
        if expand_units:
            measures = _expand_units(store, b, units)
        else:
            units = _expand_measures(store, b, measures)
        expand_units = not expand_units


def unit_neighbourhood(store: GraphStore, name: str, depth: int = 1, limit: int = 300) -> Neighbourhood:
    """The unit, its measures (depth 1), their other units (depth 2), and those units' measures (depth 3)."""
    unit = resolve_unit(store, name)
    b = _Builder(limit)
    b.unit(unit["name"], unit.get("collective"))
    _grow(store, b, [unit["name"]], [], depth, units_first=True)
    return b.result(f"unit:{unit['name']}", depth)


def measure_neighbourhood(store: GraphStore, measure_id: str, depth: int = 1, limit: int = 300) -> Neighbourhood:
    """The measure, its task and units and linked measures (depth 1), then outward alternately."""
    m = measure_row(store, measure_id)
    b = _Builder(limit)
    b.measure(m["id"], m.get("number"), m.get("clause"), m.get("text"), m.get("document_id"))
    if m.get("task_id") and b.node(f"task:{m['task_id']}", wrap(m.get("task_title") or ""), "task",
                                   m.get("task_title") or ""):
        b.edge(f"task:{m['task_id']}", f"measure:{m['id']}", "has_measure", "任务")
    _grow(store, b, [], [m["id"]], depth, units_first=False)
    return b.result(f"measure:{m['id']}", depth)
