"""Units (agencies): list, one unit with aliases/counterparts/branches, and its obligations."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

import orjson
from fastapi import Path, Query, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from api.deps import StoreDep, store_of
from api.responses import JSON_UTF8
from api.routes.common import Limit, Offset, make_router, strip_json
from api.schemas import MEASURE_EXAMPLE, UNIT_EXAMPLE, ok
from queries import obligations as obligations_read
from queries import units as units_read
from queries.answers import Obligations, UnitDetail, UnitList
from queries.ownership import MeasureFilter

router = make_router("/units", "units")

UnitName = Annotated[str, Path(description="单位名称或别名", examples=["区财政局"])]
RoleFilter = Literal["lead", "support", "joint", "shared"]


@router.get("", responses=ok({"data": [UNIT_EXAMPLE], "count": 1}))
def list_units(
    store: StoreDep,
    level: Annotated[str | None, Query(description="层级 city / district", examples=["district"])] = None,
    government: Annotated[str | None, Query(description="所属政府", examples=["西青区人民政府"])] = None,
    kind: Annotated[str | None, Query(description="类型 department / collective …", examples=["department"])] = None,
    q: Annotated[str | None, Query(description="名称包含", examples=["财政"])] = None,
    limit: Limit = 500,
    offset: Offset = 0,
) -> UnitList:
    """List units with how many measures each leads, supports, shares jointly and through a collective."""
    return units_read.list_units(store, level, government, kind, q, limit, offset)


@router.get("/{name}.json", include_in_schema=False)
async def get_unit_json(name: UnitName, request: Request) -> UnitDetail:
    return await _detail_response(store_of(request), strip_json(name))


async def _detail_response(store: Any, name: str) -> UnitDetail:
    """The unit detail as the UTF-8 JSON it is sent, rendered once by orjson (the route's
    response_model still documents it; its validation pass would cost more than the
    keyed read of the stored detail).

    A fresh stored detail the store can read at once is read here, on the event loop
    (one keyed read of a small text: the thread hop cost more than the read); anything
    else -- a store whose reads travel, a writer at work, an alias, a stale record --
    goes to the thread pool as a plain route would."""
    detail = units_read.stored_unit_detail(store, name)
    if detail is None:
        detail = await run_in_threadpool(units_read.unit_detail, store, name)
    return Response(orjson.dumps(detail), media_type=JSON_UTF8)  # type: ignore[return-value]


@router.get("/{name}", responses=ok(UNIT_EXAMPLE | {"counterparts": [{"name": "市财政局", "level": "city"}], "branches": [], "collectives": ["区政府各部门"]}))
async def get_unit(name: UnitName, request: Request) -> UnitDetail:
    """One unit by canonical name or alias, with its counterpart(s) at the other level and its branches.

    Unknown names answer 404 with close matches (区财政 → 区财政局)."""
    return await _detail_response(store_of(request), strip_json(name))


@router.get(
    "/{name}/obligations",
    responses=ok({"unit": UNIT_EXAMPLE, "counts": {"lead": 12}, "data": [MEASURE_EXAMPLE], "count": 1}),
)
async def get_unit_obligations(
    name: UnitName,
    request: Request,
    role: Annotated[list[RoleFilter] | None, Query(description="只看某些角色（可重复）", examples=[["lead"]])] = None,
    include_shared: Annotated[bool, Query(description="包括通过“区政府各部门”等集体单位分担的措施")] = True,
    due_before: Annotated[date | None, Query(description="完成时限不晚于", examples=["2022-12-31"])] = None,
    due_after: Annotated[date | None, Query(description="完成时限不早于", examples=["2022-06-01"])] = None,
    task: Annotated[int | None, Query(ge=1, le=1000, description="任务序号", examples=[3])] = None,
    document: Annotated[str | None, Query(description="文件 id", max_length=200)] = None,
    limit: Limit = 100,
    offset: Offset = 0,
    status: Annotated[str | None, Query(description="状态（代码或中文）", max_length=20, examples=["推进中"])] = None,
    overdue: Annotated[bool | None, Query(description="只看逾期（true）或未逾期（false）")] = None,
    report_due: Annotated[bool | None, Query(description="只看本周期待报送（true）或已报送（false）")] = None,
    as_of: Annotated[date | None, Query(description="按此日期判断逾期/待报送（默认今天）", examples=["2022-10-01"])] = None,
) -> Obligations:
    """What the unit owns, grouped by role: lead / support / joint, and shared through a collective.

    Each row carries its progress: ``obligation_id``, ``status`` / ``status_label``,
    ``last_update``, ``overdue``, ``report_due`` on ``as_of``; filter with ``status``,
    ``overdue``, ``report_due``.

    Each measure carries its task, text, deadline, targets, co-responsible units and,
    where linked, the city measure above it and the district measures below it.
    Ordered by role, document, measure number, clause; paginated with limit/offset."""
    where = MeasureFilter.of(due_before, due_after, task, document)
    args = (store_of(request), name, where, role, include_shared, limit, offset)
    kw = {"status": status, "overdue": overdue, "report_due": report_due, "as_of": as_of}
    # a fresh record's first rows, readable at once: answered here on the event loop (see
    # _detail_response); anything else on the thread pool
    body = obligations_read.obligations_json_now(*args, **kw)
    if body is None:
        body = await run_in_threadpool(obligations_read.obligations_json, *args, **kw)
    return Response(body, media_type=JSON_UTF8)  # type: ignore[return-value]  (built in the shape it is sent)
