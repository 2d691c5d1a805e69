"""Deadlines: measures due in a date range, with owners, and overdue as of a given date."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import Query

from api.deps import StoreDep
from api.routes.common import Limit, Offset, make_router
from api.schemas import ok
from queries import deadlines as deadlines_read
from queries.answers import Deadlines

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
) -> Deadlines:
    """Measures due between ``from`` and ``to`` with their lead and supporting units.

    ``overdue`` is true when the date is before ``as_of`` (default: today)."""
    return deadlines_read.deadlines(store, from_, to, as_of, kind, unit, document, overdue, limit, offset)
