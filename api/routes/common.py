"""What every router shares: the negotiated route class and the paging parameters.

The answers themselves come from the read layer (``queries``); a route parses its
parameters, calls one read function and returns its answer."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.routing import APIRoute
from starlette.responses import Response
from starlette.routing import Match
from starlette.types import Scope

from api.responses import UTF8JSONResponse

Limit = Annotated[int, Query(ge=1, le=500, description="每页条数 (page size)", examples=[50])]
Offset = Annotated[int, Query(ge=0, le=100000, description="跳过条数 (offset)", examples=[0])]


def _wants_html(scope: Scope) -> bool:
    for key, value in scope.get("headers", []):
        if key == b"accept":
            accept = value.decode("latin-1").lower()
            if "text/html" not in accept:
                return False
            json_at = accept.find("application/json")
            return json_at == -1 or accept.find("text/html") < json_at
    return False


class NegotiatedRoute(APIRoute):
    """A JSON route that yields to a page route (viz) when a browser asks for HTML.

    ``/units/区财政局`` with ``Accept: text/html`` goes to the viz page if one is
    mounted; programs (``Accept: application/json``, or ``/units/区财政局.json``)
    always get JSON.

    Handlers return plain dicts (the stores guarantee plain JSON values); they are
    rendered straight to UTF-8 JSON, skipping FastAPI's ``jsonable_encoder`` walk,
    which cost three times the queries on a 68-measure obligations answer."""

    def __init__(self, path: str, endpoint: Callable[..., Any], *, response_model: Any = None,
                 status_code: int | None = None, **kwargs: Any) -> None:
        if not inspect.iscoroutinefunction(endpoint):
            endpoint = _direct_json(endpoint, status_code or 200)
        super().__init__(path, endpoint, response_model=response_model, status_code=status_code, **kwargs)

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        match, child = super().matches(scope)
        if (match is Match.FULL and scope.get("type") == "http" and not scope.get("path", "").endswith(".json")
                and _wants_html(scope)):
            app = scope.get("app")
            pages = getattr(getattr(app, "state", None), "page_routes", None) or []
            for route in pages:
                if route.matches(scope)[0] is Match.FULL:
                    return Match.NONE, {}
        return match, child


def _direct_json(endpoint: Callable[..., Any], status: int) -> Callable[..., Any]:
    @functools.wraps(endpoint)
    def handler(*args: Any, **kwargs: Any) -> Any:
        out = endpoint(*args, **kwargs)
        return out if isinstance(out, Response) else UTF8JSONResponse(out, status_code=status)

    return handler


def make_router(prefix: str, tag: str) -> APIRouter:
    return APIRouter(prefix=prefix, tags=[tag], route_class=NegotiatedRoute)


def strip_json(value: str) -> str:
    return value[:-5] if value.endswith(".json") else value
