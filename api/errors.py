"""One error envelope for every error the API returns.

Why one shape: a dashboard (or a generated client) handles failures in one place.
Every error, whether FastAPI's own (unknown route, wrong method, validation) or one
of ours (``PolicyGraphError`` subclasses), is answered as::

    {"ok": false, "status": 404, "error": "未找到单位：区财政",
     "errors": [], "suggestions": ["区财政局"]}

``errors`` lists field-level problems (validation), ``suggestions`` close matches.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.responses import UTF8JSONResponse
from graph.model import DocumentError, InvalidParameter, NotFoundError, PolicyGraphError, StoreError

log = logging.getLogger("policygraph.api")

_STATUS_TEXT = {
    400: "请求无效 (bad request)",
    401: "需要认证 (authentication required)",
    403: "无权访问 (forbidden)",
    404: "未找到 (not found)",
    405: "不支持的请求方法 (method not allowed)",
    413: "请求体过大 (payload too large)",
    415: "不支持的媒体类型 (unsupported media type)",
    422: "参数无效 (invalid parameters)",
    500: "服务器内部错误 (internal server error)",
    503: "服务暂不可用 (service unavailable)",
}


class APIError(PolicyGraphError):
    """An error raised by a route with an explicit HTTP status."""

    def __init__(
        self,
        status: int,
        message: str,
        errors: list[dict[str, Any]] | None = None,
        suggestions: list[str] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.status = status
        self.message = message
        self.errors = errors or []
        self.suggestions = suggestions or []
        self.headers = headers
        super().__init__(message)


def envelope(
    status: int,
    error: str,
    errors: list[dict[str, Any]] | None = None,
    suggestions: list[str] | None = None,
    headers: dict[str, str] | None = None,
) -> UTF8JSONResponse:
    """Build the one error response shape."""
    body = {
        "ok": False,
        "status": status,
        "error": error,
        "errors": errors or [],
        "suggestions": suggestions or [],
    }
    return UTF8JSONResponse(body, status_code=status, headers=headers)


def _clean_validation_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    out = []
    for err in exc.errors():
        loc = [str(p) for p in err.get("loc", ())]
        item: dict[str, Any] = {"loc": loc, "msg": str(err.get("msg", "")), "type": str(err.get("type", ""))}
        if "input" in err and isinstance(err["input"], str | int | float | bool) and err["input"] is not None:
            item["input"] = err["input"]
        out.append(item)
    return out


def _readable(errors: list[dict[str, Any]]) -> str:
    parts = []
    for e in errors:
        where = ".".join(p for p in e["loc"] if p not in ("query", "path", "body"))
        parts.append(f"{where or e['loc'][-1] if e['loc'] else '?'}: {e['msg']}")
    return "参数无效 (invalid parameters): " + "; ".join(parts) if parts else _STATUS_TEXT[422]


async def _http_exception(request: Request, exc: StarletteHTTPException) -> UTF8JSONResponse:
    detail = exc.detail if isinstance(exc.detail, str) else None
    if detail is None or detail in ("Not Found", "Method Not Allowed") or not detail.strip():
        detail = _STATUS_TEXT.get(exc.status_code, detail or str(exc.status_code))
        if exc.status_code == 404:
            detail = f"未找到 (not found): {request.url.path}"
    return envelope(exc.status_code, detail, headers=getattr(exc, "headers", None))


async def _validation(request: Request, exc: RequestValidationError) -> UTF8JSONResponse:
    errors = _clean_validation_errors(exc)
    return envelope(422, _readable(errors), errors=errors)


async def _policygraph(request: Request, exc: PolicyGraphError) -> UTF8JSONResponse:
    if isinstance(exc, APIError):
        return envelope(exc.status, exc.message, exc.errors, exc.suggestions, exc.headers)
    from graph.registry import QueryError

    if isinstance(exc, QueryError):
        return envelope(422, f"参数无效 (invalid parameters): {exc}")
    if isinstance(exc, InvalidParameter):
        errors = [{"loc": ["query", exc.param], "msg": exc.message, "type": "value_error"}]
        return envelope(422, exc.message, errors=errors)
    if isinstance(exc, NotFoundError):
        return envelope(404, str(exc), suggestions=exc.suggestions)
    if isinstance(exc, DocumentError):
        return envelope(422, str(exc), errors=[{"loc": ["body", "file"], "msg": exc.reason, "type": "document"}])
    if isinstance(exc, StoreError):
        log.error("store error on %s: %s", request.url.path, exc)
        return envelope(503, f"图数据库不可用 (store unavailable): {exc}")
    log.exception("unhandled PolicyGraphError on %s", request.url.path)
    return envelope(500, _STATUS_TEXT[500])


async def _unexpected(request: Request, exc: Exception) -> UTF8JSONResponse:
    log.exception("unhandled error on %s", request.url.path, exc_info=exc)
    return envelope(500, _STATUS_TEXT[500])


def install_error_handlers(app: FastAPI) -> None:
    """Map every error to the envelope."""
    app.add_exception_handler(StarletteHTTPException, _http_exception)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _validation)  # type: ignore[arg-type]
    app.add_exception_handler(PolicyGraphError, _policygraph)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _unexpected)

