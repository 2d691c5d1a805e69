"""Measures: full-text search with filters, one measure, and its city <-> district chain."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import Path, Query

from api.deps import StoreDep, listing
from api.routes.common import (
    Limit,
    Offset,
    enrich,
    make_router,
    measure_or_404,
    resolve_unit,
    shape_measure,
    strip_json,
)
from api.schemas import MEASURE_EXAMPLE, ok
from graph.store import GraphStore
from queries.chain import measure_chain
from queries.ownership import MeasureFilter, unit_obligation_rows

router = make_router("/measures", "measures")

MeasureId = Annotated[str, Path(description="措施 id", examples=["西青区人民政府-2022-07-27:7.1"])]


# Search hits taken at most (a substring such as 的 matches nearly every measure).
SEARCH_MAX = 10000


def _candidates(store: GraphStore, text: str, document: str | None, unit: str | None) -> list[dict[str, Any]]:
    """The measures a listing starts from, read from its narrowest anchor -- the search
    hits, the unit's own measures, or one document -- so a filtered listing costs its
    anchor, not every measure; the remaining filters are applied on these rows."""
    held: set[str] | None = None
    if unit:
        own = unit_obligation_rows(store, resolve_unit(store, unit)["name"], include_shared=False)  # document order
        held = {r["id"] for r in own}
    if text:
        rows = store.read("search_measures", {"q": text, "limit": SEARCH_MAX})
    elif unit:
        rows = [{k: v for k, v in r.items() if k not in ("role", "order", "via")} for r in own]
        rows = list({r["id"]: r for r in rows}.values())  # one row per measure, not per role
    elif document:
        rows = store.read("document_measures", {"document": document})
    else:
        rows = store.read("measures_list", {})
    return rows if held is None else [r for r in rows if r["id"] in held]


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
    where = MeasureFilter.of(due_before, due_after, task, document)
    rows = [r for r in _candidates(store, (q or "").strip(), document, unit) if where.keeps(r)]
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
    up = [shape_measure(r) for r in measure_chain(store, m["id"], "up")]
    down = [shape_measure(r) for r in measure_chain(store, m["id"], "down")]
    enrich(store, [m, *up, *down])
    return {"measure": m, "up": up, "down": down, "count": len(up) + len(down)}
