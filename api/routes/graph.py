"""Nodes and edges around a unit or a measure, shaped for vis-network (depth 1..3, node cap)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path, Query

from api.deps import StoreDep
from api.routes.common import make_router
from api.schemas import ok
from queries import neighbourhood
from queries.answers import Neighbourhood

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
