"""POST /documents: upload, parse and load one document (token-protected, off by default)."""

from __future__ import annotations

import hmac
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, Header, Request
from starlette.concurrency import run_in_threadpool

from api.auth import bearer, require_admin, token_info
from api.deps import SettingsDep, StoreDep
from api.errors import APIError
from api.guard import read_upload, safe_filename
from api.routes.common import make_router
from api.schemas import ErrorBody
from graph.model import ParsedDocument
from loaders.detect import SUPPORTED_SUFFIXES
from policygraph.bounded_parse import UploadTimeout, UploadTooLarge, parse_upload
from policygraph.pipeline import load_and_link

router = make_router("/documents", "documents")

ALLOWED_SUFFIXES = set(SUPPORTED_SUFFIXES)  # every format the loaders read (loaders.detect)


def require_token(
    settings: SettingsDep,
    store: StoreDep,
    authorization: Annotated[str | None, Header(description="Bearer <API token>")] = None,
) -> None:
    """Uploads need an admin token: one created with ``policygraph token create --admin``
    (pg_…), or POLICYGRAPH_API_TOKEN when set.  With neither configured nor presented,
    uploads are off (403).  Checked before the body is read: api.guard.WriteGuard refuses
    a request without a bearer token at once, and the route reads its body only after
    this dependency ran."""
    presented = bearer(authorization)
    if presented and presented.startswith("pg_"):
        require_admin(token_info(store, settings, authorization))
        return
    _check_token(settings.api_token, authorization)


def _check_token(configured: str | None, authorization: str | None) -> None:
    if not configured:
        raise APIError(403, "上传已关闭：未配置 API 令牌 (uploads disabled: set POLICYGRAPH_API_TOKEN)")
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise APIError(401, "需要 Bearer 令牌 (bearer token required)", headers={"WWW-Authenticate": "Bearer"})
    if not hmac.compare_digest(token.strip().encode(), configured.encode()):
        raise APIError(401, "令牌无效 (invalid token)", headers={"WWW-Authenticate": "Bearer"})


_UPLOAD_BODY = {
    "requestBody": {
        "required": True,
        "content": {"multipart/form-data": {"schema": {
            "type": "object", "required": ["file"],
            "properties": {"file": {"type": "string", "format": "binary",
                                    "description": "任务分工文件（.txt / .csv / .xlsx …）"}},
        }}},
    }
}


async def read_and_parse(request: Request, settings: Any) -> ParsedDocument:
    """The uploaded file, read and parsed as every upload route does: the body only after
    the route's token check, a safe file name, a supported type, and the parse in a child
    process outside any store lock, within the time and measure limits."""
    given, data = await read_upload(request, limit=settings.max_upload_bytes)  # after the token check
    name = safe_filename(given)
    suffix = Path(name).suffix.lower() or ".txt"
    if suffix not in ALLOWED_SUFFIXES:
        raise APIError(415, f"不支持的文件类型 (unsupported file type): {suffix}")
    if not data.strip():
        raise APIError(422, "空文件 (empty file)")
    try:  # in a child process, outside any store lock, within the time and measure limits
        parsed = await run_in_threadpool(
            parse_upload, data, name,
            timeout=settings.upload_timeout, max_measures=settings.max_upload_measures,
        )
    except UploadTooLarge as exc:
        raise APIError(413, f"文档过大 (document too large): {exc}") from None
    except UploadTimeout as exc:
        raise APIError(422, f"解析超时 (parse time limit): {exc}") from None
    return parsed


@router.post(
    "",
    status_code=201,
    openapi_extra=_UPLOAD_BODY,
    responses={
        201: {
            "description": "已解析并载入（一个事务）",
            "content": {"application/json": {"example": {
                "ok": True, "document": {"id": "西青区人民政府-2022-07-27", "title": "西青区…任务清单"},
                "counts": {"measures": 120}, "warnings": [],
            }}},
        },
        401: {"description": "缺少或错误的令牌", "model": ErrorBody},
        403: {"description": "上传未启用", "model": ErrorBody},
        413: {"description": "请求体或文档过大（字节数、措施数）", "model": ErrorBody},
        503: {"description": "只读服务器", "model": ErrorBody},
        422: {"description": "无法解析的文件", "model": ErrorBody},
    },
)
async def upload_document(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    _auth: Annotated[None, Depends(require_token)],
) -> dict[str, Any]:
    """Parse an uploaded task-division document and load it in one transaction.

    Needs an admin token (``policygraph token create --admin``, or ``POLICYGRAPH_API_TOKEN``),
    sent as ``Authorization: Bearer …``.
    Reloading the same document updates it (stable ids) instead of duplicating it.
    The levels are then linked again (a second transaction), so the new document's
    measures are tied to the city ones at once; ``links`` summarises the links."""
    parsed = await read_and_parse(request, settings)  # after the token check
    loaded = await run_in_threadpool(load_and_link, store, [parsed])  # the one load path (CLI, first start, uploads)
    counts = loaded[parsed.document.source or parsed.document.id]
    links = {"ok": True} | {k: v for k, v in loaded["links"].items() if not isinstance(v, list)}
    return {
        "ok": True,
        "links": links,
        "document": {"id": parsed.document.id, "title": parsed.document.title, "level": parsed.document.level},
        "counts": counts,
        "warnings": [
            {"file": w.file, "line": w.line, "message": w.message, "text": w.text} for w in parsed.warnings
        ],
    }
