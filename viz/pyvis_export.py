"""A self-contained pyvis HTML network of one agency's neighbourhood (opens offline from a file).

Why our own template: pyvis 0.3.2's template pulls Bootstrap from a CDN even with
``cdn_resources='in_line'`` (pyvis #228/#229).  We render pyvis' nodes/edges/options
through ``viz/templates/pyvis_network.html`` (``set_template_dir``), which inlines the
vendored vis-network build and names a CJK font stack; Chinese labels are broken with
``\\n`` (vis-network wraps only at spaces); no ``select_menu`` (it garbles Chinese);
the file is written as UTF-8 explicitly.  The picture is the explorer's: the grouped
neighbourhood of ``queries.neighbourhood.unit_overview`` (task sections, weighted partners,
the same node budget), at its positions, physics off.
"""

from __future__ import annotations

import html
import math
from pathlib import Path
from typing import Any

from pyvis.network import Network

from graph.model import ROLE_LABELS_ZH
from graph.store import GraphStore
from queries.neighbourhood import DEFAULT_BUDGET, unit_overview
from viz.assets import CJK_FONT_STACK, TEMPLATES_DIR, vis_network_js

COLORS = {
    "lead": "#c0392b", "support": "#2471a3", "joint": "#7d3c98", "shared": "#7f8c8d",
    "city": "#b9770e", "district": "#148f77", "other": "#95a5a6",
}


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


def _node_style(n: dict[str, Any]) -> dict[str, Any]:
    """vis-network attributes for one node of the overview, by what it is (as the explorer draws it)."""
    lvl = _level(n.get("level"))
    group = n.get("group")
    font = {"face": CJK_FONT_STACK, "size": 12, "color": "#1f2d3d"}
    if group == "root":
        bg = "#dfe4ea" if n.get("collective") else COLORS[lvl]
        return {"color": {"background": bg, "border": "#12355b"}, "borderWidth": 3, "margin": 10,
                "font": {**font, "size": 16, "color": "#ffffff"}}
    if group == "section":
        return {"color": {"background": "#eef3f9", "border": COLORS[lvl]}, "borderWidth": 1.5, "font": {**font, "size": 13}}
    if group in ("measure", "pair"):
        return {"color": {"background": "#ffffff", "border": COLORS["city"] if group == "pair" else
                          COLORS.get(n.get("role") or "shared", COLORS["other"])}, "borderWidth": 2,
                "shapeProperties": {"borderRadius": 10, "borderDashes": [5, 3] if group == "pair" else False},
                "font": font}
    if group in ("partner", "counterpart"):
        bg = "#dfe4ea" if n.get("collective") else COLORS[lvl]
        return {"color": {"background": bg, "border": "#7a4f09" if group == "counterpart" else bg},
                "borderWidth": 3 if group == "counterpart" else 1,
                "font": {**font, "color": "#1f2d3d" if n.get("collective") else "#ffffff"}}
    return {"color": {"background": "#f4f6f8", "border": "#95a5a6"}, "shapeProperties": {"borderDashes": [4, 3]},
            "font": {**font, "color": "#4a5663"}}


def _edge_style(e: dict[str, Any]) -> dict[str, Any]:
    kind = e.get("kind")
    if kind == "section":
        return {"color": "#aab6c3", "width": 1 + min(4, math.log2(1 + (e.get("weight") or 1))), "title": f"{e.get('weight')} 项"}
    if kind == "partner":
        w = e.get("weight") or 1
        return {"color": "#7f8fa3", "width": min(9, 1 + math.sqrt(w) * 1.2), "label": str(w),
                "title": f"共同负责 {w} 项 measures shared", "font": {"size": 13, "color": "#12355b", "strokeWidth": 4}}
    if kind in ("pair", "counterpart"):
        return {"color": COLORS["city"], "dashes": True, "width": 2, **({"label": "对口"} if kind == "counterpart" else {})}
    if kind == "co":
        return {"color": {"color": COLORS.get(e.get("role") or "", COLORS["other"]), "opacity": 0.35}, "width": 1}
    if kind == "summary":
        return {"color": "#c3ccd5", "dashes": True, "width": 1}
    return {"color": COLORS.get(kind or "", COLORS["other"]), "width": 2.2 if kind == "lead" else 1.4,
            "dashes": kind == "shared", "title": ROLE_LABELS_ZH.get(kind or "", kind)}


def build_network(overview: dict[str, Any]) -> Network:
    """pyvis Network of the agency's grouped neighbourhood (``queries.neighbourhood.unit_overview``):
    the same nodes, budget and positions as the explorer page; physics off."""
    net = Network(height="100%", width="100%", bgcolor="#fbfcfd", font_color="#1f2d3d",
                  cdn_resources="remote", select_menu=False, filter_menu=False)
    for n in overview["nodes"]:
        net.add_node(n["id"], label=n["label"], title=n.get("title") or "", shape="box", x=n["x"], y=n["y"],
                     physics=False, widthConstraint={"maximum": 128}, **_node_style(n))
    for e in overview["edges"]:
        net.add_edge(e["from"], e["to"], **_edge_style(e))
    net.options = {
        "autoResize": True,
        "layout": {"improvedLayout": False},
        "nodes": {"font": {"face": CJK_FONT_STACK}, "shapeProperties": {"borderRadius": 4}, "margin": 7},
        "edges": {"smooth": False, "font": {"face": CJK_FONT_STACK, "size": 11, "strokeWidth": 3}},
        "interaction": {"hover": True, "tooltipDelay": 120},
        "physics": {"enabled": False, "stabilization": {"enabled": False}},
    }
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


def unit_network_html(store: GraphStore, name: str, budget: int = DEFAULT_BUDGET) -> tuple[str, str]:
    """(canonical unit name, HTML) for one agency's neighbourhood, grouped as the explorer shows it."""
    overview = unit_overview(store, name, budget)
    net = build_network(overview)
    counts = overview["counts"]
    sub = " · ".join(f"{ROLE_LABELS_ZH[r]} {counts[r]}" for r in ROLE_LABELS_ZH if counts.get(r))
    sub += f" · 节点 {overview['count']} / 上限 {overview['budget']}"
    summary = overview["summary"]
    hidden = []
    if summary["sections_hidden"]:
        hidden.append(f"{summary['sections_hidden']} 个任务（{summary['measures_in_hidden_sections']} 项）")
    if summary["partners_hidden"]:
        hidden.append(f"{summary['partners_hidden']} 个单位")
    if hidden:
        sub += "（已汇总：" + "、".join(hidden) + " 未画出）"
    unit = overview["unit"]["name"]
    return unit, render_html(net, f"{unit} · 职责网络 PolicyGraph", sub)


def write_unit_network(store: GraphStore, name: str, path: Path) -> Path:
    """Write the agency's network to ``path`` as UTF-8."""
    _, text = unit_network_html(store, name)
    path = Path(path)
    path.write_text(text, encoding="utf-8")
    return path
