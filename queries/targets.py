"""Targets: quantified goals by indicator across levels, with district contribution shares."""

from __future__ import annotations

from typing import Any

from graph.normalize import LEVELS
from graph.store import GraphStore
from queries.answers import Targets
from queries.paging import listing

LEVEL_ORDER = {level: i for i, level in enumerate(LEVELS)}


def targets(
    store: GraphStore, indicator: str | None = None, level: str | None = None, document: str | None = None
) -> Targets:
    """Targets grouped by indicator; a district target linked to a city one carries its share
    of it in common units and the conversion that made the units common."""
    params = {"indicator": (indicator or "").strip(), "level": level or "", "document": document or ""}
    rows = store.read("targets_list", params)
    contrib: dict[str, list[dict[str, Any]]] = {}
    for c in store.read("target_contributions", {}):
        # the share as linking computed it, in common units, with the conversion shown
        # (4000头 of 150万头: "150–170万头 = 1,500,000–1,700,000头"); never recomputed here,
        # where only equal unit strings could be compared
        share = c.get("share")
        contrib.setdefault(c["target_id"], []).append(
            {"target_id": c["city_target_id"], "indicator": c.get("city_indicator"),
             "value": c.get("city_value"), "value_max": c.get("city_value_max"), "unit": c.get("city_unit"),
             "share": None if share is None else round(float(share), 6),
             "conversion": c.get("conversion") or "", "method": c.get("method")}
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
