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
            "indicator": "生猪存栏量",
            "levels": ["city", "district"],
            "targets": [
                {"level": "city", "op": "range", "value": 150.0, "value_max": 170.0, "unit": "万头",
                 "measure_id": "天津市人民政府-2022-05-06:29.8", "contributes_to": []},
                {"level": "district", "op": "=", "value": 4000.0, "unit": "头", "measure_id": "西青区人民政府-2022-07-27:28.8",
                 "contributes_to": [{"target_id": "天津市人民政府-2022-05-06:29.8:g1", "value": 150.0, "value_max": 170.0,
                                     "unit": "万头", "share": 0.002667,
                                     "conversion": "150–170万头 = 1,500,000–1,700,000头",
                                     "method": "same_indicator:linked_measure"}]},
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
    """Targets grouped by indicator; a district target linked to a city one carries its share
    of it in common units (4000头 of 150万头 = 0.002667; against a range, of its lower bound)
    and the conversion that made the units common, for a reader to check."""
    return targets_read.targets(store, indicator, level, document)
