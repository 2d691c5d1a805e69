"""Workload: agencies x counts (by role, by deadline month, by task) for a government or
document, and one agency beside its counterpart(s) task by linked task."""

from __future__ import annotations

from typing import Any, Literal

from graph.model import ROLES
from graph.normalize import LEVELS
from graph.store import GraphStore
from queries.answers import CounterpartComparison, Workload
from queries.ownership import unit_obligation_rows
from queries.paging import listing
from queries.units import resolve_unit

LEVEL_ORDER = {level: i for i, level in enumerate(LEVELS)}

By = Literal["role", "month", "task"]
QUERY_BY = {"role": "workload_by_role", "month": "workload_by_month", "task": "workload_by_task"}


def workload(
    store: GraphStore, by: By = "role", government: str | None = None, document: str | None = None,
    include_collective: bool = False,
) -> Workload:
    """One row per (unit[, month | task]) with counts.

    ``by=role`` gives lead/support/joint/shared/total columns per unit (sorted by total);
    ``by=month`` and ``by=task`` give long-format rows ``{unit, month|task, count}``."""
    params = {"government": government or "", "document": document or ""}
    rows = store.read(QUERY_BY[by], params)
    if by == "role":
        shared = {r["unit"]: r for r in store.read("workload_shared", params)}
        for r in rows:
            r["shared"] = int(shared.pop(r["unit"], {}).get("shared") or 0)
        rows += [{"unit": u, "collective": r.get("collective"), "lead": 0, "support": 0, "joint": 0,
                  "shared": int(r["shared"] or 0)} for u, r in sorted(shared.items())]
    if not include_collective:
        rows = [r for r in rows if not r.get("collective")]
    if by == "role":
        for r in rows:
            r["total"] = sum(int(r.get(k) or 0) for k in ROLES)
        rows.sort(key=lambda r: (-r["total"], -int(r.get("lead") or 0), r["unit"]))
    return listing(rows, by=by, government=government, document=document)


# -- an agency beside its counterpart, keyed by the links ---------------------------------

ROLE_KEYS = ("lead", "support", "joint", "shared")


def counterpart_comparison(store: GraphStore, name: str) -> CounterpartComparison:
    """An agency's obligations beside its counterpart's, task by linked task.

    Why by link and not by section number: the district's （四） 强化就业优先政策 is the
    city's （五）, so a table keyed by section puts 市财政局's work on another row and shows
    0 where it has work.  A row here is a district task and the city task(s) it FOLLOWS
    (tasks with no link get a row of their own, marked ``linked: false``); each compared
    agency's measures in the row's tasks are counted by role, and ``links`` are the
    IMPLEMENTS pairs between the two sides' measures in the row (a district measure of
    区财政局 carrying a city measure of 市财政局)."""
    unit = resolve_unit(store, name)
    me = unit["name"]
    counterparts = store.read("unit_counterparts", {"name": me})
    names = [me] + [c["name"] for c in counterparts if c["name"] != me]
    level_of = {me: unit.get("level")} | {c["name"]: c.get("level") for c in counterparts}
    held = {n: unit_obligation_rows(store, n) for n in names}
    tasks: dict[str, dict[str, Any]] = {}
    for rows in held.values():
        for r in rows:
            tasks.setdefault(r["task_id"], _task(r["task_id"], r.get("document_id"), r.get("task_seq"),
                                                 r.get("task_number"), r.get("task_title"), r.get("level")))
    edges = store.read("workload_task_links", {"ids": sorted(tasks)}) if tasks else []
    lower_ids: set[str] = set()
    for e in edges:
        for side in ("lower", "upper"):
            tasks.setdefault(e[f"{side}_id"], _task(e[f"{side}_id"], e[f"{side}_document_id"], e[f"{side}_seq"],
                                                    e[f"{side}_number"], e[f"{side}_title"], None))
        lower_ids.add(e["lower_id"])
    groups = _components(list(tasks), [(e["lower_id"], e["upper_id"]) for e in edges])
    upper_ids = {e["upper_id"] for e in edges}
    top = min((LEVEL_ORDER.get(level_of.get(n) or "unknown", 9) for n in names), default=9)

    def side(tid: str) -> str:
        """lower or upper: by the links, or for a task with none by its document's level."""
        if tid in lower_ids or tid in upper_ids:
            return "lower" if tid in lower_ids else "upper"
        return "upper" if LEVEL_ORDER.get(tasks[tid]["_level"] or "unknown", 9) <= top else "lower"

    measure_ids = sorted({r["id"] for rows in held.values() for r in rows})
    pairs = [(lk["lower_id"], lk["upper_id"]) for lk in store.read("measures_links", {"ids": measure_ids})] \
        if measure_ids else []
    holders: dict[str, set[str]] = {}
    for n, rows in held.items():
        for r in rows:
            holders.setdefault(r["id"], set()).add(n)
    data = []
    for group in groups:
        members = set(group)
        counts = {n: _count([r for r in held[n] if r["task_id"] in members]) for n in names}
        if not any(c["total"] for c in counts.values()):
            continue
        in_row = {m["id"] for n in names for m in counts[n]["measures"]}
        data.append({
            "lower": [_public(tasks[t]) for t in group if side(t) == "lower"],
            "upper": [_public(tasks[t]) for t in group if side(t) == "upper"],
            "linked": len(group) > 1,
            "counts": counts,
            "links": [{"lower": lo, "upper": up, "lower_units": sorted(holders.get(lo, ())),
                       "upper_units": sorted(holders.get(up, ()))}
                      for lo, up in pairs if lo in in_row and up in in_row
                      and holders.get(lo, set()) - holders.get(up, set())],
        })
    data.sort(key=_row_order)
    return listing(data, unit=me, level=unit.get("level"),
                   counterparts=[{"name": c["name"], "level": c.get("level")} for c in counterparts],
                   summary={n: _count(held[n], ids=False) for n in names})


def _task(tid: str, document_id: Any, seq: Any, number: Any, title: Any, level: Any) -> dict[str, Any]:
    return {"id": tid, "document_id": document_id, "seq": seq, "number": number, "title": title, "_level": level}


def _public(task: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in task.items() if not k.startswith("_")}


def _count(rows: list[dict[str, Any]], ids: bool = True) -> dict[str, Any]:
    """Measures by role (one per measure: its own role first, 'shared' through a collective)."""
    seen: dict[str, str] = {}
    for r in rows:
        seen.setdefault(r["id"], r.get("role") or "shared")
    out: dict[str, Any] = {k: sum(1 for v in seen.values() if v == k) for k in ROLE_KEYS}
    out["total"] = len(seen)
    if ids:
        out["measures"] = [{"id": m, "role": seen[m]} for m in sorted(seen)]
    return out


def _components(nodes: list[str], edges: list[tuple[str, str]]) -> list[list[str]]:
    """Connected groups of tasks (union-find over FOLLOWS), each sorted, in node order."""
    parent = {n: n for n in nodes}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        parent[find(a)] = find(b)
    groups: dict[str, list[str]] = {}
    for n in nodes:
        groups.setdefault(find(n), []).append(n)
    return [sorted(g) for g in groups.values()]


def _row_order(row: dict[str, Any]) -> tuple[int, int, str]:
    """District rows in task order first (their city tasks beside them), then city-only rows."""
    lo, up = row["lower"], row["upper"]
    first = (lo or up)[0]
    return (0 if lo else 1, int(first.get("number") or 0), first["id"])
