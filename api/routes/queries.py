"""Canned queries (as datasette exposes them): list the named READ queries and run one.

Only queries under ``queries/read/`` are listed or run; write queries are never
reachable from here.  Parameters come from the query string, are checked against
the query's declared ``// params:`` header (unknown or missing -> 422) and passed
as Cypher parameters: user text is never spliced into a query.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import Path as PathParam
from fastapi import Request

from api.deps import StoreDep, listing
from api.errors import APIError
from api.routes.common import Limit, Offset, make_router
from api.schemas import ok
from graph.model import PolicyGraphError, StoreError
from graph.registry import Param, QueryError, Registry, get_registry

log = logging.getLogger("policygraph.api")

router = make_router("/queries", "queries")

_RESERVED = {"_limit", "_offset"}


def catalog() -> Registry:
    """The named queries (only their read ones are exposed here)."""
    return get_registry()


@router.get(
    "",
    responses=ok({"data": [{"name": "unit_obligations", "description": "某单位牵头、配合、共同负责的措施",
                            "params": [{"name": "name", "type": "str"}], "example": "name=区财政局"}],
                  "count": 1}),
)
def list_queries() -> dict[str, Any]:
    """The named read queries with their parameters and a one-line description."""
    rows = []
    for q in catalog().reads():
        row = q.describe()
        row["url"] = f"/queries/{q.name}"
        rows.append(row)
    return listing(rows)


@router.get("/{name}", responses=ok({"query": "unit_obligations", "params": {"name": "区财政局"},
                                     "data": [{"id": "西青区人民政府-2022-07-27:7.1", "role": "lead"}], "count": 1}))
def run_query(
    name: str = PathParam(..., description="查询名称", examples=["counts"]),
    *,
    request: Request,
    store: StoreDep,
    _limit: Limit = 500,
    _offset: Offset = 0,
) -> dict[str, Any]:
    """Run one named read query with ``?param=value`` (declared params only; unknown -> 422)."""
    query = catalog().get(name, "read")  # NotFoundError (404, with close names) for writes too
    given = {k: v for k, v in request.query_params.multi_items() if k not in _RESERVED}
    try:
        params = query.bind(given)
    except QueryError as exc:
        declared = {p.name for p in query.params}
        errors = [{"loc": ["query", k], "msg": "unknown parameter", "type": "extra_forbidden"}
                  for k in sorted(set(given) - declared)]
        errors += [{"loc": ["query", p.name], "msg": "missing parameter", "type": "missing"}
                   for p in query.params if p.required and p.name not in given]
        errors += _type_errors(query.name, query.params, given)
        raise APIError(422, f"参数无效 (invalid parameters): {exc}", errors=errors) from None
    try:
        rows = store.read(name, params)
    except StoreError as exc:  # logged in full; the engine's text is never sent back
        log.warning("canned query %s failed with %s: %s", name, params, exc)
        raise APIError(503, "图数据库不可用或查询失败 (store unavailable or query failed)") from None
    except PolicyGraphError:
        raise
    except Exception as exc:  # a value the query cannot use: the user's input, not a server fault
        log.info("canned query %s failed with %s: %s", name, params, exc)
        raise APIError(422, "查询无法以这些参数运行 (query failed with these parameters)") from None
    return listing(rows[_offset : _offset + _limit], total=len(rows), query=name, params=params)


def _type_errors(query: str, params: tuple[Param, ...], given: dict[str, str]) -> list[dict[str, Any]]:
    """One error per given parameter whose value does not fit its declared type."""
    out = []
    for p in params:
        if p.name in given:
            try:
                p.coerce(given[p.name], query)
            except QueryError as exc:
                out.append({"loc": ["query", p.name], "msg": str(exc), "type": f"{p.type}_parsing"})
    return out
