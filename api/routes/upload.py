"""POST /documents: upload, parse and load one document (token-protected, off by default)."""

from __future__ import annotations

import hmac
import tempfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, File, Header, UploadFile

from api.auth import bearer, require_admin, token_info
from api.deps import SettingsDep, StoreDep
from api.errors import APIError
from api.routes.common import make_router
from api.schemas import ErrorBody
from graph.model import PolicyGraphError
from policygraph.pipeline import load_and_link

router = make_router("/documents", "documents")

MAX_UPLOAD = 10 * 1024 * 1024
ALLOWED_SUFFIXES = {".txt", ".csv", ".tsv", ".xlsx", ".md", ".html", ".htm"}


def require_token(
    settings: SettingsDep,
    store: StoreDep,
    authorization: Annotated[str | None, Header(description="Bearer <API token>")] = None,
) -> None:
    """Uploads need an admin token (checked before the body): one created with
    ``policygraph token create --admin`` (pg_…), or POLICYGRAPH_API_TOKEN when set.
    With neither configured nor presented, uploads are off (403)."""
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


@router.post(
    "",
    status_code=201,
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
        422: {"description": "无法解析的文件", "model": ErrorBody},
    },
)
def upload_document(
    store: StoreDep,
    _auth: Annotated[None, Depends(require_token)],
    file: Annotated[UploadFile, File(description="任务分工文件（.txt / .csv / .xlsx …）")],
) -> dict[str, Any]:
    """Parse an uploaded task-division document and load it in one transaction.

    Disabled unless ``POLICYGRAPH_API_TOKEN`` is set; send it as ``Authorization: Bearer …``.
    Reloading the same document updates it (stable ids) instead of duplicating it.
    The levels are then linked again (a second transaction), so the new document's
    measures are tied to the city ones at once; ``links`` summarises the links."""
    name = Path(file.filename or "upload.txt").name
    suffix = Path(name).suffix.lower() or ".txt"
    if suffix not in ALLOWED_SUFFIXES:
        raise APIError(415, f"不支持的文件类型 (unsupported file type): {suffix}")
    data = file.file.read(MAX_UPLOAD + 1)
    if len(data) > MAX_UPLOAD:
        raise APIError(413, f"文件过大 (file too large): > {MAX_UPLOAD} bytes")
    if not data.strip():
        raise APIError(422, "空文件 (empty file)")
    from loaders import load_document

    with tempfile.TemporaryDirectory(prefix="policygraph-upload-") as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        try:
            parsed = load_document(path)
        except PolicyGraphError:
            raise
        except (ValueError, UnicodeError, LookupError) as exc:  # unreadable user input, not a server fault
            raise APIError(422, f"无法解析文件 (cannot read document): {name}: {exc}") from None
    loaded = load_and_link(store, [parsed])  # the one load path (CLI, first start, uploads)
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
