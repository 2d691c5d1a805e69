"""Targets: quantified goals by indicator across levels, with district contribution shares."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Query

from api.deps import StoreDep, listing
from api.routes.common import make_router
from api.schemas import ok

router = make_router("/targets", "targets")

LEVEL_ORDER = {"national": 0, "province": 1, "city": 2, "district": 3, "unknown": 4}


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
) -> dict[str, Any]:
    """Targets grouped by indicator; a district target linked to a city one carries its share of it."""
    params = {"indicator": (indicator or "").strip(), "level": level or "", "document": document or ""}
    rows = store.read("targets_list", params)
    contrib: dict[str, list[dict[str, Any]]] = {}
    for c in store.read("target_contributions", {}):
        share = None
        if c.get("unit") == c.get("city_unit") and c.get("city_value"):
            share = round(float(c["value"]) / float(c["city_value"]), 6)
        contrib.setdefault(c["target_id"], []).append(
            {"target_id": c["city_target_id"], "indicator": c.get("city_indicator"),
             "value": c.get("city_value"), "unit": c.get("city_unit"), "share": share}
        )
    groups: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        r = dict(r)
        r["contributes_to"] = contrib.get(r["id"], [])
        groups.setdefault(r["indicator"], []).append(r)
    data = []
    for ind in sorted(groups):
        ts = sorted(groups[ind], key=lambda t: (LEVEL_ORDER.get(t.get("level") or "unknown", 9), t["id"]))
        data.append({"indicator": ind, "levels": sorted({t.get("level") or "unknown" for t in ts},
                                                          key=lambda x: LEVEL_ORDER.get(x, 9)), "targets": ts})
    return listing(data, targets=len(rows))
