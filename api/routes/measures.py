"""Measures: full-text search with filters, one measure, and its city <-> district chain."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import Path, Query

from api.deps import StoreDep, listing
from api.routes.common import (
    MAX_DATE,
    MIN_DATE,
    Limit,
    Offset,
    enrich,
    iso,
    make_router,
    measure_or_404,
    resolve_unit,
    shape_measure,
    strip_json,
)
from api.schemas import MEASURE_EXAMPLE, ok

router = make_router("/measures", "measures")

MeasureId = Annotated[str, Path(description="措施 id", examples=["西青区人民政府-2022-07-27:7.1"])]


@router.get("", responses=ok({"data": [MEASURE_EXAMPLE], "count": 1}))
def list_measures(
    store: StoreDep,
    q: Annotated[str | None, Query(description="全文检索（措施文本）", max_length=200, examples=["专项债券"])] = None,
    document: Annotated[str | None, Query(description="文件 id", max_length=200)] = None,
    task: Annotated[int | None, Query(ge=1, le=1000, description="任务序号", examples=[3])] = None,
    unit: Annotated[str | None, Query(description="责任单位（名称或别名）", examples=["区财政局"])] = None,
    due_before: Annotated[date | None, Query(description="完成时限不晚于", examples=["2022-12-31"])] = None,
    due_after: Annotated[date | None, Query(description="完成时限不早于")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Search measures (Chinese full text on Neo4j, substring on the embedded store) and filter them."""
    params = {
        "document": document or "",
        "task": task or 0,
        "before": iso(due_before, MAX_DATE),
        "after": iso(due_after, MIN_DATE),
    }
    rows = store.read("measures_list", params)
    if unit:
        held = {r["id"] for r in store.read("unit_obligations_direct", {"name": resolve_unit(store, unit)["name"]})}
        rows = [r for r in rows if r["id"] in held]
    text = (q or "").strip()
    if text:
        hits = {r["id"]: i for i, r in enumerate(store.read("search_measures", {"q": text, "limit": 10000}))}
        rows = [r for r in rows if r["id"] in hits]
        rows.sort(key=lambda r: (hits[r["id"]], r["id"]))
    page = [shape_measure(r) for r in rows[offset : offset + limit]]
    enrich(store, page)
    return listing(page, total=len(rows), limit=limit, offset=offset)


@router.get("/{measure_id}.json", include_in_schema=False)
def get_measure_json(measure_id: MeasureId, store: StoreDep) -> dict[str, Any]:
    return get_measure(measure_id, store)


@router.get("/{measure_id}", responses=ok(MEASURE_EXAMPLE))
def get_measure(measure_id: MeasureId, store: StoreDep) -> dict[str, Any]:
    """One measure with its task, deadline (and milestones), targets, responsible units and links."""
    m = shape_measure(measure_or_404(store, strip_json(measure_id)))
    enrich(store, [m])
    m["responsible"] = m.pop("co_responsible")
    return m


@router.get(
    "/{measure_id}/chain",
    responses=ok({"measure": MEASURE_EXAMPLE, "up": [], "down": [], "count": 0}),
)
def get_measure_chain(measure_id: MeasureId, store: StoreDep) -> dict[str, Any]:
    """The city <-> district chain: the measures this one implements (up) and those implementing it (down)."""
    m = shape_measure(measure_or_404(store, measure_id))
    up = [shape_measure(r) for r in store.read("measure_chain_up", {"id": m["id"]})]
    down = [shape_measure(r) for r in store.read("measure_chain_down", {"id": m["id"]})]
    enrich(store, [m, *up, *down])
    return {"measure": m, "up": up, "down": down, "count": len(up) + len(down)}
