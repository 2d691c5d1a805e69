"""A self-contained pyvis HTML network of one agency's neighbourhood (opens offline from a file).

Why our own template: pyvis 0.3.2's template pulls Bootstrap from a CDN even with
``cdn_resources='in_line'`` (pyvis #228/#229).  We render pyvis' nodes/edges/options
through ``viz/templates/pyvis_network.html`` (``set_template_dir``), which inlines the
vendored vis-network build and names a CJK font stack; Chinese labels are broken with
``\\n`` (vis-network wraps only at spaces); no ``select_menu`` (it garbles Chinese);
the file is written as UTF-8 explicitly.  Layout: bounded stabilisation, then physics off.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from pyvis.network import Network

from graph.model import ROLE_LABELS_ZH
from graph.store import GraphStore
from queries.obligations import all_obligations
from queries.units import unit_detail, units_by_name
from viz.assets import CJK_FONT_STACK, TEMPLATES_DIR, vis_network_js

COLORS = {
    "lead": "#c0392b", "support": "#2471a3", "joint": "#7d3c98", "shared": "#7f8c8d",
    "city": "#b9770e", "district": "#148f77", "other": "#95a5a6",
}
LEVEL_PREFIX = {"city": "市", "district": "区"}
MAX_NODES = 400
STABILIZATION_ITERATIONS = 200


def wrap(text: str, width: int = 6, max_lines: int | None = None) -> str:
    """Break a Chinese label every ``width`` characters.

    >>> wrap("西青区人民政府办公室", 6)
    '西青区人民政\\n府办公室'
    """
    lines = [text[i : i + width] for i in range(0, len(text), width)] or [text]
    if max_lines and len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: width - 1] + "…"
    return "\n".join(lines)


def _level(value: Any) -> str:
    return value if value in ("city", "district") else "other"


def unit_levels(store: GraphStore) -> dict[str, dict[str, Any]]:
    """Every unit by name (level, collective), from the read layer."""
    return units_by_name(store)


def fetch_neighbourhood(store: GraphStore, name: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The unit (canonical, with counterparts) and all its obligations, in the API's JSON shape.

    Read through the same read-layer functions the API serves, so the file and the
    pages show the same data."""
    unit = unit_detail(store, name)
    return unit, all_obligations(store, unit["name"])["data"]


def build_network(
    unit: dict[str, Any],
    measures: list[dict[str, Any]],
    units: dict[str, dict[str, Any]] | None = None,
    max_nodes: int = MAX_NODES,
) -> Network:
    """pyvis Network: agency -> measures -> co-responsible agencies, plus linked city/district measures.

    ``units`` (name -> unit row) gives the other agencies' levels for their colours."""
    net = Network(height="100%", width="100%", bgcolor="#fbfcfd", font_color="#1f2d3d",
                  cdn_resources="remote", select_menu=False, filter_menu=False)
    truncated = False
    units_by_name: dict[str, dict[str, Any]] = {**(units or {}), unit["name"]: unit}

    def add_unit(name: str, root: bool = False, level: Any = None, collective: bool = False) -> bool:
        nonlocal truncated
        node_id = f"u:{name}"
        if node_id in net.node_ids:
            return True
        if len(net.node_ids) >= max_nodes:
            truncated = True
            return False
        lvl = _level(level if level is not None else units_by_name.get(name, {}).get("level"))
        bg = "#dfe4ea" if collective else COLORS[lvl]
        net.add_node(
            node_id, label=wrap(name, 6, 3), title=name, shape="box",
            color={"background": bg, "border": "#12355b" if root else bg},
            font={"color": "#1f2d3d" if collective else "#ffffff", "size": 16 if root else 13, "face": CJK_FONT_STACK},
            borderWidth=3 if root else 1,
        )
        return True

    def add_measure(m: dict[str, Any]) -> bool:
        nonlocal truncated
        node_id = f"m:{m['id']}"
        if node_id in net.node_ids:
            return True
        if len(net.node_ids) >= max_nodes:
            truncated = True
            return False
        lvl = _level(m.get("level"))
        number = m.get("number")
        clause = m.get("clause")
        label = str(number if number is not None else str(m["id"]).rsplit(":", 1)[-1])
        if clause and clause > 1 and number is not None:
            label += f".{clause}"
        deadline = m.get("deadline") or {}
        title = wrap(str(m.get("text") or ""), 28, 6)
        if deadline.get("text") or deadline.get("date"):
            title += f"\n时限：{deadline.get('text') or deadline.get('date')}"
        net.add_node(
            node_id, label=LEVEL_PREFIX.get(lvl, "") + label, title=title, shape="dot", size=9,
            color={"background": "#ffffff", "border": COLORS[lvl]}, borderWidth=2,
            font={"size": 11, "color": "#4a5663", "face": CJK_FONT_STACK},
        )
        return True

    def edge(a: str, b: str, role: str) -> None:
        net.add_edge(a, b, color=COLORS.get(role, COLORS["other"]), width=2.2 if role == "lead" else 1.4,
                     dashes=role == "shared", title=ROLE_LABELS_ZH.get(role, role))

    add_unit(unit["name"], root=True, level=unit.get("level"), collective=bool(unit.get("collective")))
    order = {"lead": 0, "joint": 1, "support": 2, "shared": 3}
    for m in sorted(measures, key=lambda m: (order.get(m.get("role"), 9), str(m.get("document_id")),
                                             m.get("number") or 0, m.get("clause") or 0)):
        if not add_measure(m):
            break
        edge(f"u:{unit['name']}", f"m:{m['id']}", m.get("role") or "shared")
        for c in m.get("co_responsible") or []:
            if add_unit(c["unit"], collective=bool(c.get("collective"))):
                edge(f"u:{c['unit']}", f"m:{m['id']}", c.get("role") or "support")
        for key, lvl in (("city_measures", "city"), ("district_measures", "district")):
            for link in m.get(key) or []:
                if add_measure({"level": lvl, **link}):
                    net.add_edge(f"m:{m['id']}", f"m:{link['id']}", color=COLORS["city"], dashes=True, width=2,
                                 title="对应市级措施" if lvl == "city" else "对应区级措施")
    n = len(net.node_ids)
    net.options = {
        "autoResize": True,
        "layout": {"improvedLayout": n <= 150, "randomSeed": 7},
        "nodes": {"font": {"face": CJK_FONT_STACK}, "shapeProperties": {"borderRadius": 4}, "margin": 6},
        "edges": {"smooth": False},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": n > 200},
        "physics": {
            "enabled": True, "solver": "barnesHut",
            "barnesHut": {"gravitationalConstant": -5200, "centralGravity": 0.25, "springLength": 110,
                          "springConstant": 0.035, "damping": 0.2, "avoidOverlap": 0.25},
            "stabilization": {"enabled": True, "iterations": STABILIZATION_ITERATIONS, "updateInterval": 50, "fit": True},
        },
    }
    net.pg_truncated = truncated  # type: ignore[attr-defined]
    return net


def render_html(net: Network, heading: str, subheading: str = "") -> str:
    """The network as one self-contained HTML document (no outside src/href)."""
    net.set_template_dir(str(TEMPLATES_DIR), "pyvis_network.html")
    env = net.templateEnv
    env.globals["vis_network_js"] = vis_network_js()
    env.globals["font_stack"] = CJK_FONT_STACK
    env.globals["subheading"] = html.escape(subheading)
    net.heading = html.escape(heading)
    return net.generate_html()


def unit_network_html(store: GraphStore, name: str) -> tuple[str, str]:
    """(canonical unit name, HTML) for one agency's neighbourhood."""
    unit, measures = fetch_neighbourhood(store, name)
    net = build_network(unit, measures, unit_levels(store))
    counts: dict[str, int] = {}
    for m in measures:
        counts[m.get("role") or "shared"] = counts.get(m.get("role") or "shared", 0) + 1
    sub = " · ".join(f"{ROLE_LABELS_ZH[r]} {counts[r]}" for r in ROLE_LABELS_ZH if counts.get(r))
    sub += f" · 节点 {len(net.node_ids)}" + ("（已截断 truncated）" if getattr(net, "pg_truncated", False) else "")
    heading = f"{unit['name']} · 职责网络 PolicyGraph"
    return unit["name"], render_html(net, heading, sub)


def write_unit_network(store: GraphStore, name: str, path: Path) -> Path:
    """Write the agency's network to ``path`` as UTF-8."""
    _, text = unit_network_html(store, name)
    path = Path(path)
    path.write_text(text, encoding="utf-8")
    return path
