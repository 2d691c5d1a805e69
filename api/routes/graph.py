"""Nodes and edges around a unit or a measure, shaped for vis-network (depth 1..3, node cap)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import Path, Query

from api.deps import StoreDep
from api.routes.common import make_router
from api.schemas import ok
from queries import neighbourhood
from queries.answers import Neighbourhood
from queries.ownership import MeasureFilter

router = make_router("/graph", "graph")

Depth = Annotated[int, Query(ge=1, le=3, description="展开层数 (1..3)")]
Cap = Annotated[int, Query(ge=1, le=1000, description="最多节点数（超过则截断，truncated=true）")]

GRAPH_EXAMPLE = {
    "root": "unit:区财政局",
    "nodes": [
        {"id": "unit:区财政局", "label": "区财政局", "group": "unit", "title": "区财政局"},
        {"id": "measure:西青区人民政府-2022-07-27:7.1", "label": "7.1", "group": "measure", "title": "积极统筹中央…"},
    ],
    "edges": [{"from": "unit:区财政局", "to": "measure:西青区人民政府-2022-07-27:7.1", "label": "牵头", "role": "lead"}],
    "truncated": False,
    "depth": 1,
}


@router.get("/units/{name}", responses=ok(GRAPH_EXAMPLE))
def graph_unit(
    name: Annotated[str, Path(description="单位名称或别名", examples=["区财政局"])],
    store: StoreDep,
    depth: Depth = 1,
    limit: Cap = 300,
) -> Neighbourhood:
    """The unit, its measures (depth 1), their other units (depth 2), and those units' measures (depth 3)."""
    return neighbourhood.unit_neighbourhood(store, name, depth, limit)


@router.get("/measures/{measure_id}", responses=ok(GRAPH_EXAMPLE | {"root": "measure:西青区人民政府-2022-07-27:7.1"}))
def graph_measure(
    measure_id: Annotated[str, Path(description="措施 id", examples=["西青区人民政府-2022-07-27:7.1"])],
    store: StoreDep,
    depth: Depth = 1,
    limit: Cap = 300,
) -> Neighbourhood:
    """The measure, its task and units and linked measures (depth 1), then outward alternately."""
    return neighbourhood.measure_neighbourhood(store, measure_id, depth, limit)


OVERVIEW_EXAMPLE = {
    "root": "unit:区财政局", "budget": 60, "count": 43, "total": 51,
    "nodes": [
        {"id": "unit:区财政局", "group": "root", "kind": "unit", "label": "区财政局"},
        {"id": "section:西青区人民政府-2022-07-27:t3", "group": "section", "kind": "section",
         "label": "（三）提升积极的\n财政政策效能\n3 项", "count": 3},
        {"id": "unit:区发展改革委", "group": "partner", "kind": "unit", "label": "区发展改革委", "weight": 9},
    ],
    "edges": [{"from": "unit:区财政局", "to": "section:西青区人民政府-2022-07-27:t3", "kind": "section", "weight": 3},
              {"from": "unit:区发展改革委", "to": "unit:区财政局", "kind": "partner", "weight": 9}],
    "summary": {"summarised": True, "sections_hidden": 0, "partners_hidden": 21, "measures_hidden": 0},
}


@router.get("/units/{name}/overview", responses=ok(OVERVIEW_EXAMPLE))
def graph_unit_overview(
    name: Annotated[str, Path(description="单位名称或别名", examples=["区财政局"])],
    store: StoreDep,
    budget: Annotated[int, Query(ge=4, le=1000, description="最多节点数；超出则汇总（summary 节点）")] = 60,
    expand: Annotated[list[str] | None, Query(description="展开的任务节点 id（可重复）",
                                              examples=[["section:西青区人民政府-2022-07-27:t3"]])] = None,
    pairs: Annotated[bool, Query(description="显示市区对应：对口单位与上级/下级措施")] = False,
    role: Annotated[list[Literal["lead", "support", "joint", "shared"]] | None,
                    Query(description="只看某些角色（可重复）")] = None,
    level: Annotated[list[Literal["city", "district", "other"]] | None,
                     Query(description="只看某些层级的措施（可重复）")] = None,
    due_before: Annotated[date | None, Query(description="完成时限不晚于")] = None,
    due_after: Annotated[date | None, Query(description="完成时限不早于")] = None,
    document: Annotated[str | None, Query(description="文件 id", max_length=200)] = None,
) -> dict[str, Any]:
    """The agency's neighbourhood at a readable level of detail: one node per task section (with
    its count), co-responsible agencies as weighted edges, expanded sections' measures, the
    city/district pairs on demand; never more than ``budget`` nodes (the rest is summarised)."""
    opts = neighbourhood.OverviewOptions(
        budget=budget, expand=tuple(expand or ()), pairs=pairs,
        roles=tuple(role) if role else None, levels=tuple(level) if level else None,
        where=MeasureFilter.of(due_before, due_after, None, document),
    )
    return neighbourhood.unit_overview(store, name, budget, opts)
