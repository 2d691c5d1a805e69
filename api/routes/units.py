"""Units (agencies): list, one unit with aliases/counterparts/branches, and its obligations."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import Path, Query

from api.deps import StoreDep, listing
from api.routes.common import (
    ROLE_LABELS,
    ROLE_ORDER,
    Limit,
    Offset,
    enrich,
    make_router,
    resolve_unit,
    shape_measure,
    strip_json,
)
from api.schemas import MEASURE_EXAMPLE, UNIT_EXAMPLE, ok
from queries.ownership import MeasureFilter, unit_obligation_rows

router = make_router("/units", "units")

UnitName = Annotated[str, Path(description="单位名称或别名", examples=["区财政局"])]
RoleFilter = Literal["lead", "support", "joint", "shared"]


@router.get("", responses=ok({"data": [UNIT_EXAMPLE], "count": 1}))
def list_units(
    store: StoreDep,
    level: Annotated[str | None, Query(description="层级 city / district", examples=["district"])] = None,
    government: Annotated[str | None, Query(description="所属政府", examples=["西青区人民政府"])] = None,
    kind: Annotated[str | None, Query(description="类型 department / collective …", examples=["department"])] = None,
    q: Annotated[str | None, Query(description="名称包含", examples=["财政"])] = None,
    limit: Limit = 500,
    offset: Offset = 0,
) -> dict[str, Any]:
    """List units with how many measures each leads, supports, shares jointly and through a collective."""
    rows = store.read(
        "units_list",
        {"level": level or "", "government": government or "", "kind": kind or "", "q": (q or "").strip()},
    )
    return listing(rows[offset : offset + limit], total=len(rows))


def _unit_detail(store: StoreDep, name: str) -> dict[str, Any]:
    unit = resolve_unit(store, strip_json(name))
    out = dict(unit)
    out["aliases"] = list(unit.get("aliases") or [])
    out["requested"] = name
    out["counterparts"] = store.read("unit_counterparts", {"name": unit["name"]})
    branches = store.read("unit_branches", {"name": unit["name"]})
    out["branches"] = [r["branch"] for r in branches if r["parent"] == unit["name"]]
    out["branch_of"] = [r["parent"] for r in branches if r["branch"] == unit["name"]]
    out["collectives"] = [r["name"] for r in store.read("unit_collectives", {"name": unit["name"]})]
    return out


@router.get("/{name}.json", include_in_schema=False)
def get_unit_json(name: UnitName, store: StoreDep) -> dict[str, Any]:
    return _unit_detail(store, name)


@router.get("/{name}", responses=ok(UNIT_EXAMPLE | {"counterparts": [{"name": "市财政局", "level": "city"}], "branches": [], "collectives": ["区政府各部门"]}))
def get_unit(name: UnitName, store: StoreDep) -> dict[str, Any]:
    """One unit by canonical name or alias, with its counterpart(s) at the other level and its branches.

    Unknown names answer 404 with close matches (区财政 → 区财政局)."""
    return _unit_detail(store, name)


@router.get(
    "/{name}/obligations",
    responses=ok({"unit": UNIT_EXAMPLE, "counts": {"lead": 12}, "data": [MEASURE_EXAMPLE], "count": 1}),
)
def get_unit_obligations(
    name: UnitName,
    store: StoreDep,
    role: Annotated[list[RoleFilter] | None, Query(description="只看某些角色（可重复）", examples=[["lead"]])] = None,
    include_shared: Annotated[bool, Query(description="包括通过“区政府各部门”等集体单位分担的措施")] = True,
    due_before: Annotated[date | None, Query(description="完成时限不晚于", examples=["2022-12-31"])] = None,
    due_after: Annotated[date | None, Query(description="完成时限不早于", examples=["2022-06-01"])] = None,
    task: Annotated[int | None, Query(ge=1, le=1000, description="任务序号", examples=[3])] = None,
    document: Annotated[str | None, Query(description="文件 id", max_length=200)] = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> dict[str, Any]:
    """What the unit owns, grouped by role: lead / support / joint, and shared through a collective.

    Each measure carries its task, text, deadline, targets, co-responsible units and,
    where linked, the city measure above it and the district measures below it.
    Ordered by role, document, measure number, clause; paginated with limit/offset."""
    unit = resolve_unit(store, name)
    where = MeasureFilter.of(due_before, due_after, task, document)
    rows = unit_obligation_rows(store, unit["name"], include_shared=include_shared, where=where)
    wanted = set(role) if role else None
    rows = [r for r in rows if wanted is None or r["role"] in wanted]
    rows.sort(
        key=lambda r: (ROLE_ORDER.get(r["role"], 9), r.get("document_id") or "", r.get("number") or 0,
                       r.get("clause") or 0, r["id"])
    )
    counts = {k: 0 for k in ROLE_ORDER if k != "shared" or include_shared}
    for r in rows:
        counts[r["role"]] = counts.get(r["role"], 0) + 1
    page = [shape_measure(r) for r in rows[offset : offset + limit]]
    holders = [unit["name"]] + sorted({v["unit"] for r in page if r["role"] == "shared" for v in r.get("via") or []})
    enrich(store, page, exclude_unit=unit["name"], holders=holders)
    groups: dict[str, list[dict[str, Any]]] = {}
    for m in page:
        groups.setdefault(m["role"], []).append(m)
    return {
        "unit": unit,
        "counts": counts,
        "labels": ROLE_LABELS,
        "count": len(rows),
        "limit": limit,
        "offset": offset,
        "data": page,
        "groups": [{"role": k, "label": ROLE_LABELS[k], "data": v} for k, v in groups.items()],
    }
