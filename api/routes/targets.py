"""Targets: quantified goals by indicator across levels, with district contribution shares."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from api.deps import StoreDep
from api.routes.common import make_router
from api.schemas import ok
from queries import targets as targets_read
from queries.answers import Targets

router = make_router("/targets", "targets")


@router.get(
    "",
    responses=ok({
        "data": [{
            "indicator": "城镇新增就业",
            "targets": [
                {"level": "city", "op": ">=", "value": 35.0, "unit": "万人", "measure_id": "天津市人民政府-2022-05-06:2.1"},
                {"level": "district", "op": "=", "value": 2.3, "unit": "万人", "measure_id": "西青区人民政府-2022-07-27:2.1",
                 "contributes_to": [{"target_id": "…", "share": 0.0657}]},
            ],
        }],
        "count": 1,
    }),
)
def list_targets(
    store: StoreDep,
    indicator: Annotated[str | None, Query(description="指标名称包含", max_length=100, examples=["就业"])] = None,
    level: Annotated[str | None, Query(description="city / district", examples=["district"])] = None,
    document: Annotated[str | None, Query(description="文件 id", max_length=200)] = None,
) -> Targets:
    """Targets grouped by indicator; a district target linked to a city one carries its share of it."""
    return targets_read.targets(store, indicator, level, document)
