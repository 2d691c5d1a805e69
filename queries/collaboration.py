"""The agency x agency co-responsibility network (networkx).

Two agencies are linked when they answer for the same measure (in any role);
the edge weight is the number of measures they share.  The analytics are pure
functions that take plain rows or a graph and return plain data (no store, no I/O);
``collaboration`` is the one answer that reads the rows from a store.

>>> G = build_collaboration_graph([
...     {"source": "区财政局", "target": "区人社局", "weight": 3},
...     {"source": "区人社局", "target": "区税务局", "weight": 1},
... ])
>>> sorted(G.nodes)
['区人社局', '区税务局', '区财政局']
>>> closest_collaborators(G, "区人社局")[0]["unit"]
'区财政局'
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx
from networkx.algorithms.community import greedy_modularity_communities

from graph.store import GraphStore
from queries.answers import Collaboration
from queries.units import resolve_unit


def build_collaboration_graph(rows: Iterable[dict[str, Any]]) -> nx.Graph:
    """Undirected weighted graph from ``{source, target, weight}`` rows.

    Repeated pairs (in either direction) add up; self-pairs are ignored.
    ``distance`` (1/weight) is kept for path-based measures, so that agencies
    sharing many measures count as close.
    """
    G = nx.Graph()
    for row in sorted(rows, key=lambda r: (str(r["source"]), str(r["target"]))):
        a, b, w = str(row["source"]), str(row["target"]), int(row.get("weight") or 1)
        if a == b:
            continue
        if G.has_edge(a, b):
            G[a][b]["weight"] += w
        else:
            G.add_edge(a, b, weight=w)
    for _, _, d in G.edges(data=True):
        d["distance"] = 1.0 / d["weight"]
    return G


def centrality(G: nx.Graph) -> list[dict[str, Any]]:
    """Per agency: neighbours, shared-measure strength, degree and betweenness centrality.

    Sorted by betweenness, then strength, then name (stable).

    >>> G = build_collaboration_graph([{"source": "甲", "target": "乙", "weight": 1},
    ...                                {"source": "乙", "target": "丙", "weight": 1}])
    >>> centrality(G)[0]["unit"]
    '乙'
    """
    if G.number_of_nodes() == 0:
        return []
    degree = nx.degree_centrality(G)
    between = nx.betweenness_centrality(G, weight="distance", normalized=True)
    out = [
        {
            "unit": n,
            "neighbours": G.degree(n),
            "strength": int(G.degree(n, weight="weight")),
            "degree_centrality": round(degree[n], 6),
            "betweenness": round(between[n], 6),
        }
        for n in G.nodes
    ]
    out.sort(key=lambda r: (-r["betweenness"], -r["strength"], r["unit"]))
    return out


def communities(G: nx.Graph) -> list[list[str]]:
    """Groups of agencies that work together (greedy modularity), largest first.

    >>> G = build_collaboration_graph([{"source": "甲", "target": "乙", "weight": 5},
    ...                                {"source": "丙", "target": "丁", "weight": 5}])
    >>> communities(G)
    [['丁', '丙'], ['乙', '甲']]
    """
    if G.number_of_edges() == 0:
        return [[n] for n in sorted(G.nodes)]
    groups = greedy_modularity_communities(G, weight="weight")
    out = [sorted(g) for g in groups]
    out.sort(key=lambda g: (-len(g), g))
    return out


def closest_collaborators(G: nx.Graph, unit: str, limit: int = 10) -> list[dict[str, Any]]:
    """The agencies that share most measures with ``unit`` (ties by name)."""
    if unit not in G:
        return []
    out = [{"unit": other, "shared_measures": int(G[unit][other]["weight"])} for other in G.neighbors(unit)]
    out.sort(key=lambda r: (-r["shared_measures"], r["unit"]))
    return out[:limit]


def summarize(G: nx.Graph) -> dict[str, Any]:
    """Size and density of the network."""
    return {
        "nodes": G.number_of_nodes(),
        "edges": G.number_of_edges(),
        "density": round(nx.density(G), 6) if G.number_of_nodes() > 1 else 0.0,
    }


def collaboration(
    store: GraphStore, government: str | None = None, document: str | None = None, unit: str | None = None,
    top: int = 10, edges: bool = False,
) -> Collaboration:
    """Which agencies carry the coordination load: degree and betweenness centrality,
    communities, and (for ``unit``) its closest collaborators by shared measures."""
    rows = store.read("collaboration_edges", {"government": government or "", "document": document or ""})
    G = build_collaboration_graph(rows)
    cent = centrality(G)
    out: dict[str, Any] = {
        "summary": summarize(G),
        "data": cent,
        "count": len(cent),
        "communities": communities(G),
    }
    if unit:
        name = resolve_unit(store, unit)["name"]
        out["unit"] = {"name": name, "closest": closest_collaborators(G, name, top)}
    if edges:
        out["edges"] = [{"source": a, "target": b, "weight": d["weight"]} for a, b, d in sorted(G.edges(data=True))]
    return out
