"""Deadlines: measures due in a date range with their owners, and overdue as of a date."""

from __future__ import annotations

from datetime import date
from typing import Any

from graph.model import InvalidParameter
from graph.store import GraphStore
from queries.answers import Deadlines
from queries.paging import listing, page
from queries.units import resolve_unit

# Sentinels keep every parameter typed (no NULL parameters: LadybugDB cannot infer their type).
MIN_DATE = "0001-01-01"
MAX_DATE = "9999-12-31"
_HOLDERS = {"lead": "owners", "support": "supporters", "joint": "joint"}


def deadlines(
    store: GraphStore, start: date | None = None, end: date | None = None, as_of: date | None = None,
    kind: str | None = None, unit: str | None = None, document: str | None = None, overdue: bool | None = None,
    limit: int = 200, offset: int = 0,
) -> Deadlines:
    """Measures due between ``start`` and ``end`` (inclusive) with their lead, supporting
    and joint units; ``overdue`` is true when the date is before ``as_of`` (default today)."""
    if start and end and start > end:
        raise InvalidParameter("from", f"起始日期晚于截止日期 (from {start} is after to {end})")
    today = as_of or date.today()
    params = {
        "from": start.isoformat() if start else MIN_DATE,
        "to": end.isoformat() if end else MAX_DATE,
        "kind": kind or "",
        "document": document or "",
    }
    who = resolve_unit(store, unit)["name"] if unit else None
    by_id: dict[tuple[str, str, str], dict[str, Any]] = {}
    for r in store.read("deadlines_range", params):
        item = by_id.setdefault((r["measure_id"], r["date"], r["kind"]), {
            "measure_id": r["measure_id"],
            "document_id": r.get("document_id"),
            "number": r.get("number"),
            "clause": r.get("clause"),
            "measure_text": r.get("measure_text"),
            "date": r.get("date"),
            "kind": r.get("kind"),
            "text": r.get("text"),
            "milestone": bool(r.get("milestone")),
            "owners": [], "supporters": [], "joint": [],
        })
        key = _HOLDERS.get(r.get("role") or "")
        if key and r.get("unit") and r["unit"] not in item[key]:
            item[key].append(r["unit"])
    items = sorted(by_id.values(), key=lambda i: (i["date"] or MAX_DATE, i["document_id"] or "",
                                                  i["number"] or 0, i["clause"] or 0, i["measure_id"]))
    if who:
        items = [i for i in items if who in i["owners"] or who in i["supporters"] or who in i["joint"]]
    for i in items:
        i["overdue"] = bool(i["date"]) and i["date"] < today.isoformat()
    if overdue is not None:
        items = [i for i in items if i["overdue"] is overdue]
    return listing(page(items, limit, offset), total=len(items), as_of=today.isoformat())
