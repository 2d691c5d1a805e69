"""Deadlines: measures due in a date range, with owners, and overdue as of a given date."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import Query

from api.deps import StoreDep, listing
from api.errors import BadParameter
from api.routes.common import MAX_DATE, MIN_DATE, Limit, Offset, iso, make_router, resolve_unit
from api.schemas import ok

router = make_router("/deadlines", "deadlines")


@router.get(
    "",
    responses=ok({
        "data": [{
            "measure_id": "西青区人民政府-2022-07-27:7.1", "date": "2022-12-31", "kind": "due",
            "text": "12月底前完成", "owners": ["区财政局"], "supporters": ["区发展改革委"], "overdue": False,
        }],
        "count": 1, "as_of": "2022-09-01",
    }),
)
def get_deadlines(
    store: StoreDep,
    from_: Annotated[date | None, Query(alias="from", description="起始日期（含）", examples=["2022-06-01"])] = None,
    to: Annotated[date | None, Query(description="截止日期（含）", examples=["2022-12-31"])] = None,
    as_of: Annotated[date | None, Query(description="以该日期判断是否逾期（默认今天）", examples=["2022-09-01"])] = None,
    kind: Annotated[str | None, Query(description="due / milestone / ongoing", examples=["due"])] = None,
    unit: Annotated[str | None, Query(description="责任单位", examples=["区财政局"])] = None,
    document: Annotated[str | None, Query(description="文件 id", max_length=200)] = None,
    overdue: Annotated[bool | None, Query(description="只看逾期 / 未逾期")] = None,
    limit: Limit = 200,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Measures due between ``from`` and ``to`` with their lead and supporting units.

    ``overdue`` is true when the date is before ``as_of`` (default: today)."""
    if from_ and to and from_ > to:
        raise BadParameter("from", f"起始日期晚于截止日期 (from {from_} is after to {to})")
    today = as_of or date.today()
    params = {
        "from": iso(from_, MIN_DATE),
        "to": iso(to, MAX_DATE),
        "kind": kind or "",
        "document": document or "",
    }
    who = resolve_unit(store, unit)["name"] if unit else None
    rows = store.read("deadlines_range", params)
    by_id: dict[tuple[str, str, str], dict[str, Any]] = {}
    for r in rows:
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
        key = {"lead": "owners", "support": "supporters", "joint": "joint"}.get(r.get("role") or "")
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
    return listing(items[offset : offset + limit], total=len(items), as_of=today.isoformat())
