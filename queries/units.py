"""Agencies: resolve a name or alias, one agency with its relations, the list with counts.

Why here and not in a route: the API, the CLI, the pyvis export and the ledgers all
start from "which agency is 财政局?" and must answer it the same way, with the same
suggestions for a name the graph does not know.
"""

from __future__ import annotations

import difflib
from typing import Any

from graph.model import NotFoundError
from graph.store import GraphStore
from queries import read_model
from queries.answers import UnitDetail, UnitList
from queries.paging import listing, page


def suggest(name: str, candidates: list[str], n: int = 5) -> list[str]:
    """Close matches: difflib ratio plus substring containment (区财政 -> 区财政局)."""
    uniq = sorted(set(candidates))
    close = difflib.get_close_matches(name, uniq, n=n, cutoff=0.6)
    contains = [c for c in uniq if name and (name in c or c in name) and c not in close]
    contains.sort(key=lambda c: (abs(len(c) - len(name)), c))
    return (close + contains)[:n]


def unit_suggestions(store: GraphStore, name: str) -> list[str]:
    """Canonical names close to ``name`` (matched over names and aliases)."""
    canon: dict[str, str] = {}
    for r in store.read("unit_names", {}):
        canon[r["name"]] = r["name"]
        for a in r.get("aliases") or []:
            canon.setdefault(a, r["name"])
    seen: list[str] = []
    for c in suggest(name, list(canon)):
        if canon[c] not in seen:
            seen.append(canon[c])
    return seen


def resolve_unit(store: GraphStore, name: str) -> dict[str, Any]:
    """The unit row for a canonical name or alias, or NotFoundError with suggestions."""
    name = name.strip()
    rows = store.read("unit_by_name", {"name": name}) or store.read("unit_get", {"name": name})  # key first
    if rows:
        exact = [r for r in rows if r["name"] == name]
        return (exact or rows)[0]
    raise NotFoundError(f"未找到单位 (unknown unit): {name}", suggestions=unit_suggestions(store, name))


def unit_detail(store: GraphStore, name: str) -> UnitDetail:
    """One unit with its aliases, counterparts at the other level, branches and
    collectives: ``unit_detail_defined``, read from the unit's read-model record (one
    keyed read) when it is fresh; otherwise defined, and the record rebuilt."""
    key = name.strip()
    detail = read_model.fetch_detail(store, key)
    if detail is None:
        unit = resolve_unit(store, name)
        if unit["name"] != key:  # an alias: the record is under the canonical name
            detail = read_model.fetch_detail(store, unit["name"])
        if detail is None:
            from queries.obligations import build_record  # the record is the obligations answer's

            read_model.rebuild_later(store, unit["name"], build_record)
            detail = detail_of(store, unit)
    return _as_requested(detail, name)


def stored_unit_detail(store: GraphStore, name: str) -> UnitDetail | None:
    """``unit_detail`` when it is one keyed read that needs no wait (a fresh record under
    the name as given, on a store that can read at once: ``read_model.fetch_detail(now=True)``),
    else None: the caller runs ``unit_detail`` on a thread."""
    detail = read_model.fetch_detail(store, name.strip(), now=True)
    return None if detail is None else _as_requested(detail, name)


def _as_requested(detail: dict[str, Any], name: str) -> UnitDetail:
    """A stored or built detail as answered: without the record's format, with the name asked."""
    detail.pop("format", None)
    detail["requested"] = name
    return detail  # type: ignore[return-value]


def detail_of(store: GraphStore, unit: dict[str, Any]) -> dict[str, Any]:
    """The detail of a resolved unit row, without ``requested`` (what the record stores)."""
    out = dict(unit)
    out["aliases"] = list(unit.get("aliases") or [])
    out["counterparts"] = store.read("unit_counterparts", {"name": unit["name"]})
    branches = store.read("unit_branches", {"name": unit["name"]})
    out["branches"] = [r["branch"] for r in branches if r["parent"] == unit["name"]]
    out["branch_of"] = [r["parent"] for r in branches if r["branch"] == unit["name"]]
    out["collectives"] = [r["name"] for r in store.read("unit_collectives", {"name": unit["name"]})]
    return out


def unit_detail_defined(store: GraphStore, name: str) -> UnitDetail:
    """The definition of ``unit_detail``: the named queries at every call (the tests
    hold ``unit_detail`` equal to it)."""
    unit = resolve_unit(store, name)
    out = detail_of(store, unit)
    out["requested"] = name
    return out  # type: ignore[return-value]


def unit_rows(
    store: GraphStore, level: str | None = None, government: str | None = None, kind: str | None = None,
    q: str | None = None,
) -> list[dict[str, Any]]:
    """Units with how many measures each leads, supports, shares jointly and through a collective."""
    return store.read(
        "units_list",
        {"level": level or "", "government": government or "", "kind": kind or "", "q": (q or "").strip()},
    )


def list_units(
    store: GraphStore, level: str | None = None, government: str | None = None, kind: str | None = None,
    q: str | None = None, limit: int = 500, offset: int = 0,
) -> UnitList:
    """One page of ``unit_rows`` in the list envelope."""
    rows = unit_rows(store, level, government, kind, q)
    return listing(page(rows, limit, offset), total=len(rows))


def units_by_name(store: GraphStore) -> dict[str, dict[str, Any]]:
    """Every unit row by canonical name (level, collective, counts)."""
    return {u["name"]: u for u in unit_rows(store)}
