"""Measures: full-text search with filters, one measure, and its city <-> district chain."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import Path, Query, Request
from fastapi.responses import Response

from api.deps import StoreDep, store_of
from api.responses import JSON_UTF8
from api.routes.common import Limit, Offset, make_router, strip_json
from api.schemas import MEASURE_EXAMPLE, ok
from queries import measures as measures_read
from queries.answers import Chain, Measure, MeasureList
from queries.ownership import MeasureFilter

router = make_router("/measures", "measures")

MeasureId = Annotated[str, Path(description="措施 id", examples=["西青区人民政府-2022-07-27:7.1"])]


@router.get("", responses=ok({"data": [MEASURE_EXAMPLE], "count": 1}))
def list_measures(
    request: Request,
    q: Annotated[str | None, Query(description="全文检索（措施文本）", max_length=200, examples=["专项债券"])] = None,
    document: Annotated[str | None, Query(description="文件 id", max_length=200)] = None,
    task: Annotated[int | None, Query(ge=1, le=1000, description="任务序号", examples=[3])] = None,
    unit: Annotated[str | None, Query(description="责任单位（名称或别名）", examples=["区财政局"])] = None,
    due_before: Annotated[date | None, Query(description="完成时限不晚于", examples=["2022-12-31"])] = None,
    due_after: Annotated[date | None, Query(description="完成时限不早于")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> MeasureList:
    """Search measures (Chinese full text on Neo4j, substring on the embedded store) and filter them."""
    # request.app.state.store, not StoreDep: a nested dependency cost ~140 us a request (api/deps.py store_of)
    where = MeasureFilter.of(due_before, due_after, task, document)
    # sent as built (a search page: its stored records spliced in); the response_model documents it
    body = measures_read.search_measures_json(store_of(request), q, unit, where, limit, offset)
    return Response(body, media_type=JSON_UTF8)  # type: ignore[return-value]


@router.get("/{measure_id}.json", include_in_schema=False)
def get_measure_json(measure_id: MeasureId, store: StoreDep) -> Measure:
    return measures_read.measure_detail(store, strip_json(measure_id))


@router.get("/{measure_id}", responses=ok(MEASURE_EXAMPLE))
def get_measure(measure_id: MeasureId, store: StoreDep) -> Measure:
    """One measure with its task, deadline (and milestones), targets, responsible units and links."""
    return measures_read.measure_detail(store, strip_json(measure_id))


@router.get(
    "/{measure_id}/chain",
    responses=ok({"measure": MEASURE_EXAMPLE, "up": [], "down": [], "count": 0}),
)
def get_measure_chain(
    measure_id: MeasureId,
    store: StoreDep,
    as_of: Annotated[date | None, Query(description="按此日期判断逾期（默认今天）", examples=["2022-10-01"])] = None,
) -> Chain:
    """The city <-> district chain: the measures this one implements (up) and those implementing it (down).

    Each carries ``progress``: its obligations' statuses and the roll-up (done / in
    progress / not started / overdue); ``progress_totals`` sums the measures below."""
    return measures_read.chain(store, measure_id, as_of)
