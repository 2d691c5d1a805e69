"""Nodes and edges around a unit or a measure, shaped for vis-network (depth 1..3, node cap).

Why in the read layer: the explorer page draws it through the API, and any other
picture of an agency's neighbourhood starts from the same nodes and edges.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graph.model import ROLE_HEADINGS_ZH, ROLE_LABELS_ZH
from graph.store import GraphStore
from queries.answers import Neighbourhood
from queries.measures import measure_row
from queries.obligations import ALL as ALL_ROWS
from queries.obligations import obligations
from queries.ownership import MeasureFilter
from queries.units import resolve_unit, unit_detail


def wrap(text: str, width: int = 6, max_lines: int | None = None) -> str:
    """vis-network wraps only at spaces: break Chinese labels explicitly (at most
    ``max_lines`` lines, the last one ending in … when cut)."""
    lines = [text[i : i + width] for i in range(0, len(text), width)]
    if max_lines and len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: width - 1] + "…"
    return "\n".join(lines) or text


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


# ---- level of detail: an agency's neighbourhood grouped by task section -----------------------
#
# Why grouped: a busy agency's measures drawn one node each (with every co-responsible agency)
# make a hairball of 100+ nodes that says nothing.  The overview draws one node per task
# section (with its count), the co-responsible agencies as weighted edges (how many measures
# they share with the agency), and expands a section's measures, or the city <-> district
# pairs, only when asked -- never more than ``budget`` nodes; past the budget it summarises.
# The explorer page and the pyvis file both draw this one answer.

DEFAULT_BUDGET = 60
PARTNER_MAX = 14          # co-responsible agencies drawn at most (the heaviest first)
MIN_PARTNERS = 4          # drawn even when expanded sections fill the budget
MEASURE_LABEL_CHARS = 14  # short measure text on a measure node's label


def short_text(text: str | None, n: int = MEASURE_LABEL_CHARS) -> str:
    """The first ``n`` characters of a measure's text, with an ellipsis when cut."""
    t = (text or "").strip()
    return t if len(t) <= n else t[: n - 1] + "…"


def measure_number(m: dict[str, Any]) -> str:
    """7 / 7.2 as the documents number their measures (clause 1 is the item itself)."""
    num, clause = m.get("number"), m.get("clause")
    if num is None:
        return str(m.get("id", "")).rsplit(":", 1)[-1]
    return f"{num}.{clause}" if clause and clause > 1 else str(num)


def _level(value: Any) -> str:
    return value if value in ("city", "district") else "other"


@dataclass
class OverviewOptions:
    """What the caller asked for: the node budget, sections to expand, pairs on demand, filters."""

    budget: int = DEFAULT_BUDGET
    expand: tuple[str, ...] = ()
    pairs: bool = False
    roles: tuple[str, ...] | None = None
    levels: tuple[str, ...] | None = None
    where: MeasureFilter = field(default_factory=MeasureFilter)


def _sections(measures: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Group the agency's measures by task section, in document and section order.

    A section is keyed by its title: the same section in several documents (a list
    renewed every year, the same district list in many districts) is one group, with
    the number of documents it comes from; a section without a title stays its own."""
    out: dict[str, dict[str, Any]] = {}
    for m in measures:
        task = m.get("task") or {}
        title = (task.get("title") or "").strip()
        key = title or (task.get("id") or f"{m.get('document_id')}:?")
        s = out.get(key)
        if s is None:
            s = out[key] = {
                "id": f"section:{key}", "task_id": task.get("id"), "task_ids": [], "seq": task.get("seq") or "",
                "number": task.get("number"), "title": title or "（未分节 no section）",
                "document_id": m.get("document_id"), "document_title": m.get("document_title"), "documents": [],
                "level": _level(m.get("level")), "count": 0, "roles": {}, "measures": [],
            }
        if task.get("id") and task["id"] not in s["task_ids"]:
            s["task_ids"].append(task["id"])
        if m.get("document_id") not in s["documents"]:
            s["documents"].append(m.get("document_id"))
        s["count"] += 1
        role = m.get("role") or "shared"
        s["roles"][role] = s["roles"].get(role, 0) + 1
        s["measures"].append(m["id"])
    for s in out.values():
        s["label"] = (f"（{s['seq']}）" if s["seq"] and len(s["documents"]) == 1 else "") + s["title"]
    return sorted(out.values(), key=lambda s: (str(s["document_id"]), s["number"] or 0, s["id"]))


def _partners(name: str, measures: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Co-responsible agencies with how many of the agency's measures each shares (the weight)."""
    out: dict[str, dict[str, Any]] = {}
    for m in measures:
        for c in m.get("co_responsible") or []:
            if c["unit"] == name:
                continue
            p = out.setdefault(c["unit"], {"unit": c["unit"], "collective": bool(c.get("collective")),
                                           "weight": 0, "roles": {}, "levels": {}, "measures": []})
            if m["id"] in p["measures"]:
                continue
            p["weight"] += 1
            p["roles"][c.get("role") or "support"] = p["roles"].get(c.get("role") or "support", 0) + 1
            lvl = _level(m.get("level"))
            p["levels"][lvl] = p["levels"].get(lvl, 0) + 1
            p["measures"].append(m["id"])
    for p in out.values():  # an agency named on a measure belongs to that measure's government level
        p["level"] = max(p["levels"], key=lambda k: (p["levels"][k], k))
    return sorted(out.values(), key=lambda p: (-p["weight"], p["unit"]))


class _Picture:
    """Nodes and edges for vis-network under a node budget (the budget is never exceeded)."""

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.nodes: dict[str, dict[str, Any]] = {}
        self.edges: list[dict[str, Any]] = []

    def room(self) -> int:
        return self.budget - len(self.nodes)

    def node(self, node_id: str, **attrs: Any) -> bool:
        if node_id in self.nodes:
            return True
        if self.room() <= 0:
            return False
        self.nodes[node_id] = {"id": node_id, **attrs}
        return True

    def edge(self, a: str, b: str, kind: str, **attrs: Any) -> None:
        if a in self.nodes and b in self.nodes:
            self.edges.append({"id": f"{a}>{b}", "from": a, "to": b, "kind": kind, **attrs})


def _measure_node(m: dict[str, Any], section: str | None) -> dict[str, Any]:
    lvl = _level(m.get("level"))
    deadline = m.get("deadline") or {}
    return {
        "group": "measure", "kind": "measure", "measure_id": m["id"], "section": section,
        "label": wrap(f"{measure_number(m)} {short_text(m.get('text'))}", 8, 2), "text": short_text(m.get("text"), 60),
        "title": wrap(str(m.get("text") or ""), 28)
        + (f"\n时限：{deadline.get('text') or deadline.get('date')}" if deadline.get("text") or deadline.get("date") else ""),
        "role": m.get("role") or "shared", "level": lvl,
        "due": deadline.get("date"),
    }


def _keep(m: dict[str, Any], opts: OverviewOptions) -> bool:
    if opts.roles is not None and (m.get("role") or "shared") not in opts.roles:
        return False
    return opts.levels is None or _level(m.get("level")) in opts.levels


def unit_overview(store: GraphStore, name: str, budget: int = DEFAULT_BUDGET,
                  options: OverviewOptions | None = None) -> dict[str, Any]:
    """An agency's neighbourhood at a readable level of detail, at most ``budget`` nodes.

    Drawn: the agency; one node per task section (label: section title, count); the
    heaviest co-responsible agencies, each with one edge weighted by the measures it
    shares; the measures of the sections in ``options.expand`` (label: number and short
    text); with ``options.pairs`` the counterpart agency and the linked city/district
    measure of each drawn measure.  What does not fit is counted in ``summary`` and in
    summary nodes ("其余 12 个任务 · 40 项"), so nothing is dropped silently.
    ``sections``, ``partners`` and ``measures`` hold the whole answer (for lists and panels)."""
    opts = options or OverviewOptions(budget=budget)
    budget = max(4, opts.budget)
    unit = unit_detail(store, name)
    root_name = unit["name"]
    answer = obligations(store, root_name, where=opts.where, limit=ALL_ROWS)
    all_measures = answer["data"]
    measures = [m for m in all_measures if _keep(m, opts)]
    sections = _sections(measures)
    partners = _partners(root_name, measures)
    by_id = {m["id"]: m for m in measures}
    counterparts = [c["name"] if isinstance(c, dict) else c for c in unit.get("counterparts") or []]
    counterparts = [c for c in counterparts if c and c != root_name]

    pic = _Picture(budget)
    root = f"unit:{root_name}"
    pic.node(root, group="root", kind="unit", unit=root_name, label=wrap(root_name, 6, 3), level=_level(unit.get("level")),
             collective=bool(unit.get("collective")), title=f"{root_name}\n{unit.get('government') or ''}")
    if opts.pairs:
        for cp in counterparts:
            if pic.node(f"unit:{cp}", group="counterpart", kind="unit", unit=cp, label=wrap(cp, 6, 3), title=f"{cp}\n对口单位 counterpart",
                        level="city" if _level(unit.get("level")) == "district" else "district"):
                pic.edge(root, f"unit:{cp}", "counterpart", label="对口")

    # sections: the largest first when they do not all fit; one node left for the summary
    expand = [e if e.startswith("section:") else f"section:{e}" for e in opts.expand]
    partner_room = min(PARTNER_MAX, len(partners))
    # an expanded section's measures come before the other sections: room is made for them
    expanding = sum(len(s["measures"]) + 1 for s in sections if s["id"] in expand)
    expand_room = min(expanding, max(1, (pic.room() - 2) // 2))
    fit = max(1, pic.room() - min(partner_room, max(0, pic.room() // 4)) - 1 - expand_room)
    many_partners = 1 if len(partners) > PARTNER_MAX else 0
    ranked = sorted(sections, key=lambda s: (s["id"] not in expand, -s["count"], str(s["document_id"]),
                                              s["number"] or 0))
    shown_sections = ranked if len(sections) <= fit + 1 else ranked[:fit]
    shown_ids = {s["id"] for s in shown_sections}
    for s in sections:  # in document order, so the ring reads like the document
        if s["id"] not in shown_ids:
            continue
        roles = " · ".join(f"{ROLE_LABELS_ZH.get(r, r)} {n}" for r, n in s["roles"].items())
        docs = len(s["documents"])
        tag = f"{docs} 份文件 · " if docs > 1 else (f"{s['seq']} · " if s["seq"] else "")
        if pic.node(s["id"], group="section", kind="section", label=f"{wrap(s['title'], 7, 2)}\n{tag}{s['count']} 项",
                    name=s["label"], count=s["count"],
                    task_id=s["task_id"], level=s["level"], roles=s["roles"], expanded=s["id"] in expand,
                    title=f"{s['label']}\n{s['document_title'] or s['document_id'] or ''}"
                          + (f" 等 {docs} 份文件" if docs > 1 else "") + f"\n{s['count']} 项：{roles}"):
            pic.edge(root, s["id"], "section", label=str(s["count"]), weight=s["count"])
    hidden_sections = [s for s in sections if s["id"] not in pic.nodes]
    # what expansions and pairs may use: keep a node for each summary and a few partners
    keep = (1 if hidden_sections else 0) + many_partners + min(MIN_PARTNERS, len(partners), budget // 10)

    def spare() -> int:
        return max(0, pic.room() - keep)

    # the measures of the expanded sections (and, on demand, each one's city/district pair)
    hidden_measures = 0
    for sid in expand:
        sec = next((s for s in sections if s["id"] == sid and s["id"] in pic.nodes), None)
        if sec is None:
            continue
        ids = sec["measures"]
        room = spare() - (1 if len(ids) > spare() else 0)
        for mid in ids[: max(0, room)]:
            m = by_id[mid]
            if pic.node(f"measure:{mid}", **_measure_node(m, sid)):
                pic.edge(sid, f"measure:{mid}", m.get("role") or "shared", label=ROLE_LABELS_ZH.get(m.get("role") or "shared"))
        rest = [mid for mid in ids if f"measure:{mid}" not in pic.nodes]
        if rest:
            hidden_measures += len(rest)
            more = f"more:{sid}"
            if pic.node(more, group="summary", kind="more", section=sid, label=f"还有 {len(rest)} 项\n见列表 list",
                        title=f"{sec['label']}：另有 {len(rest)} 项未画出（节点上限 {budget}），见右侧列表"):
                pic.edge(sid, more, "summary")
    if opts.pairs:
        for node_id in [n for n in pic.nodes if n.startswith("measure:")]:
            m = by_id[node_id.split(":", 1)[1]]
            for key, lvl in (("city_measures", "city"), ("district_measures", "district")):
                for link in m.get(key) or []:
                    linked = {"level": lvl, **link}
                    if f"measure:{link['id']}" not in pic.nodes and spare() <= 0:
                        continue
                    if pic.node(f"measure:{link['id']}", **{**_measure_node(linked, None), "group": "pair",
                                                            "kind": "pair", "role": None}):
                        pic.edge(node_id, f"measure:{link['id']}", "pair",
                                 title="上级措施 city measure above" if lvl == "city" else "下级措施 district measure below")

    # partners: the heaviest, while room is left (one node kept for the summary)
    drawn_partners = []
    for p in partners:
        reserve = (1 if hidden_sections else 0) + (1 if len(partners) > len(drawn_partners) + 1 else 0)
        if len(drawn_partners) >= PARTNER_MAX or pic.room() <= reserve:
            break
        pid = f"unit:{p['unit']}"
        if pid in pic.nodes:  # a counterpart already drawn
            pic.edge(pid, root, "partner", label=str(p["weight"]), weight=p["weight"])
            drawn_partners.append(p)
            continue
        roles = " · ".join(f"{ROLE_LABELS_ZH.get(r, r)} {n}" for r, n in p["roles"].items())
        if pic.node(pid, group="partner", kind="unit", unit=p["unit"], label=wrap(p["unit"], 6, 3), level=p["level"],
                    collective=p["collective"], weight=p["weight"],
                    title=f"{p['unit']}\n与 {root_name} 共同负责 {p['weight']} 项（{roles}）"):
            pic.edge(pid, root, "partner", label=str(p["weight"]), weight=p["weight"])
            drawn_partners.append(p)
    for node_id, n in list(pic.nodes.items()):  # partners on the drawn measures: thin edges, no new nodes
        if n.get("kind") == "measure":
            for c in by_id[n["measure_id"]].get("co_responsible") or []:
                pic.edge(f"unit:{c['unit']}", node_id, "co", role=c.get("role"))

    def summary_node(node_id: str, label: str, title: str) -> None:
        if pic.room() > 0 or _evict(pic):
            pic.node(node_id, group="summary", kind="summary", label=label, title=title)
            pic.edge(root, node_id, "summary")

    if hidden_sections:
        n = sum(s["count"] for s in hidden_sections)
        summary_node("summary:sections", f"其余 {len(hidden_sections)} 个任务\n{n} 项 · 见列表",
                     f"另有 {len(hidden_sections)} 个任务、{n} 项措施未画出（节点上限 {budget}），见列表")
    if len(partners) > len(drawn_partners):
        summary_node("summary:partners", "其他单位", "")  # room first: it may evict a partner
        hidden = [p for p in partners if f"unit:{p['unit']}" not in pic.nodes]
        if "summary:partners" in pic.nodes:
            pic.nodes["summary:partners"].update(
                label=f"其他 {len(hidden)} 个单位", count=len(hidden),
                title="、".join(p["unit"] for p in hidden[:30]) + ("…" if len(hidden) > 30 else ""))
    hidden_partners = [p for p in partners if f"unit:{p['unit']}" not in pic.nodes]

    nodes = list(pic.nodes.values())
    edges = [e for e in pic.edges if e["from"] in pic.nodes and e["to"] in pic.nodes]
    layout(nodes, edges)
    return {
        "root": root,
        "unit": {k: unit.get(k) for k in ("name", "level", "government", "kind", "collective", "aliases")},
        "counterparts": counterparts,
        "budget": budget,
        "count": len(nodes),
        "nodes": nodes,
        "edges": edges,
        "counts": {r: sum(1 for m in measures if (m.get("role") or "shared") == r) for r in answer["counts"]},
        "total": len(measures),
        "sections": sections,
        "partners": partners,
        "summary": {
            "summarised": bool(hidden_sections or hidden_partners or hidden_measures),
            "sections_hidden": len(hidden_sections),
            "measures_in_hidden_sections": sum(s["count"] for s in hidden_sections),
            "partners_hidden": len(hidden_partners),
            "measures_hidden": hidden_measures,
        },
        "expand": [e for e in expand if e in pic.nodes],
        "pairs": opts.pairs,
    }


def _evict(pic: _Picture) -> bool:
    """Make room for a summary node by dropping the lightest partner drawn (never the root,
    a section or a measure): a summary must always say what is not drawn."""
    partners = [n for n in pic.nodes.values() if n.get("group") == "partner"]
    if not partners:
        return False
    victim = min(partners, key=lambda n: (n.get("weight") or 0, n["id"]))
    del pic.nodes[victim["id"]]
    return True


# ---- a deterministic grid layout (the page and the pyvis file draw the same picture) ---------
COL, ROW, MAX_ROWS = 128, 64, 15


def _column(ids: list[str], x: float, y_centre: float, pos: dict[str, tuple[float, float]], row: float = ROW) -> None:
    top = y_centre - (len(ids) - 1) * row / 2
    for i, node_id in enumerate(ids):
        pos[node_id] = (x, top + i * row)


def layout(nodes: list[dict[str, Any]], edges: list[dict[str, Any]]) -> None:
    """Set ``x``/``y`` on every node, in place: the agency in the middle, its counterpart above
    it, the task sections in a compact grid to its left (document order, column by column),
    an expanded section's measures in a column further left level with their section, each
    one's city/district pair beside it, the co-responsible agencies in a column to the right,
    the summaries under their groups.  Same answer, same picture; no physics needed."""
    pos: dict[str, tuple[float, float]] = {}
    by_kind: dict[str, list[str]] = {}
    for n in nodes:
        by_kind.setdefault(n.get("group") or "", []).append(n["id"])
    root = by_kind.get("root", [""])[0]
    pos[root] = (0.0, 0.0)
    for i, cp in enumerate(by_kind.get("counterpart", [])):
        pos[cp] = (0.0, -(i + 1) * 1.6 * ROW)
    sections = by_kind.get("section", [])
    rows = min(MAX_ROWS, max(1, len(sections)))
    cols = -(-len(sections) // rows) if sections else 0
    rows = -(-len(sections) // cols) if cols else 0
    for c in range(cols):
        _column(sections[c * rows : (c + 1) * rows], -(c + 1.3) * COL, 0.0, pos)
    left = -(cols + 1.3) * COL
    bottom = rows * ROW / 2
    # expanded measures (and a section's "more" node) in a column per section, left of the grid
    members: dict[str, list[str]] = {}
    for n in nodes:
        if n.get("kind") in ("measure", "more") and n.get("section"):
            members.setdefault(n["section"], []).append(n["id"])
    pairs: dict[str, list[str]] = {}
    for e in edges:
        if e.get("kind") == "pair":
            pairs.setdefault(e["from"], []).append(e["to"])
    x = left
    for sid, ids in members.items():
        y = pos.get(sid, (0.0, 0.0))[1]
        y = max(-bottom + (len(ids) - 1) * ROW * 0.45, min(bottom - (len(ids) - 1) * ROW * 0.45, y))
        _column(ids, x, y, pos, row=ROW * 0.9)
        has_pairs = False
        for mid in ids:
            for j, pid in enumerate(pairs.get(mid, [])):
                if pid not in pos:
                    pos[pid] = (x - 1.15 * COL * (j + 1), pos[mid][1])
                    has_pairs = True
        x -= COL * (2.3 if has_pairs else 1.15)
        bottom = max(bottom, (len(ids) + 1) * ROW * 0.45)
    partners = by_kind.get("partner", [])
    prow = min(MAX_ROWS, max(1, len(partners)))
    pcols = -(-len(partners) // prow) if partners else 0
    for c in range(pcols):
        _column(partners[c * prow : (c + 1) * prow], (c + 1.5) * COL, 0.0, pos)
    for node_id in by_kind.get("summary", []):
        if node_id == "summary:partners":
            pos[node_id] = (1.5 * COL + (pcols - 1) * COL / 2, prow * ROW / 2 + ROW)
        elif node_id == "summary:sections":
            pos[node_id] = (-(1.3 + (cols - 1) / 2) * COL, rows * ROW / 2 + ROW)
    stray = [n["id"] for n in nodes if n["id"] not in pos]  # pairs of pairs, anything unforeseen
    _column(stray, x, 0.0, pos)
    for n in nodes:
        n["x"], n["y"] = round(pos[n["id"]][0], 1), round(pos[n["id"]][1], 1)
