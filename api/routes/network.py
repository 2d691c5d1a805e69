"""The agency x agency co-responsibility network (networkx), from a named query."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from api.deps import StoreDep
from api.routes.common import make_router
from api.schemas import ok
from queries import collaboration as collaboration_read
from queries.answers import Collaboration

router = make_router("/network", "network")


@router.get(
    "/collaboration",
    responses=ok({
        "summary": {"nodes": 80, "edges": 600, "density": 0.19},
        "data": [{"unit": "区财政局", "neighbours": 40, "strength": 90, "degree_centrality": 0.5,
                  "betweenness": 0.12}],
        "count": 1,
        "communities": [["区人社局", "区财政局", "区税务局"]],
        "unit": {"name": "区财政局", "closest": [{"unit": "区发展改革委", "shared_measures": 12}]},
        "edges": [{"source": "区人社局", "target": "区财政局", "weight": 9}],
    }),
)
def get_collaboration(
    store: StoreDep,
    government: Annotated[str | None, Query(description="所属政府", examples=["西青区人民政府"])] = None,
    document: Annotated[str | None, Query(description="文件 id", max_length=200)] = None,
    unit: Annotated[str | None, Query(description="给出该单位最密切的协作单位", examples=["区财政局"])] = None,
    top: Annotated[int, Query(ge=1, le=200, description="最密切协作单位个数")] = 10,
    edges: Annotated[bool, Query(description="同时返回边列表")] = False,
) -> Collaboration:
    """Which agencies carry the coordination load: degree and betweenness centrality, communities,
    and (for ``unit``) its closest collaborators by number of shared measures."""
    return collaboration_read.collaboration(store, government, document, unit, top, edges)
