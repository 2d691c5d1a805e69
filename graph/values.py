"""Driver values -> plain Python, so rows compare equal across engines and dump to JSON."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any


def plain(value: Any) -> Any:
    """Decimal -> int/float, dates -> ISO text, nodes/relationships -> property dicts."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dict):
        # LadybugDB returns nodes/rels as dicts with _id/_label/_src/_dst keys
        return {k: plain(v) for k, v in value.items() if not (isinstance(k, str) and k.startswith("_"))}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    iso = getattr(value, "iso_format", None)  # neo4j.time.Date/DateTime/Time/Duration
    if callable(iso):
        return iso()
    items = getattr(value, "items", None)  # neo4j Node / Relationship
    if callable(items):
        return {k: plain(v) for k, v in items()}
    return value
