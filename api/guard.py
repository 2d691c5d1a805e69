"""Refuse a write request before its body is read (issue 17).

Why a pure-ASGI middleware: FastAPI reads (and spools to disk) a multipart body before
any dependency of the route runs, so a token check in a dependency comes too late: an
anonymous client could make the server write 1 GB to its temp folder and only then be
told 401.  ``WriteGuard`` sees the request line and headers only.  For every write
method (POST, PUT, PATCH, DELETE) it answers at once, without reading a byte of body:

* 503 when the server is read-only (``POLICYGRAPH_READ_ONLY`` or a read-only store);
* 401 when there is no ``Authorization: Bearer …`` header (the token itself is verified
  by the route's own dependency, e.g. ``api.routes.upload.require_token``, which the
  route runs before it parses its body: see ``read_upload``);
* 413 when ``Content-Length`` is above ``max_upload_bytes``;
* 411/400 on a malformed length;

and a body sent without a length (chunked) is counted as it streams: past the limit
the route sees a 413 instead of more bytes.  The route then parses the body itself
with ``read_upload`` (after its token dependency), with bounded form limits.

Every write endpoint -- uploads now, progress reports and ledger uploads later -- gets
this by being a write method on the app: nothing to register.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from pathlib import PurePosixPath
from typing import Any

from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import APIError, envelope

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
MAX_NAME_BYTES = 255  # a file name longer than this is refused (ext4/NTFS limit)


class WriteGuard:
    """ASGI middleware: authenticate (presence), size-check and read-only-check writes
    before the body is read; cap bodies streamed without a length."""

    def __init__(
        self,
        app: ASGIApp,
        settings_of: Callable[[], Any],
        store_of: Callable[[], Any],
        routes_of: Callable[[], list[Any]],
    ) -> None:
        self.app = app
        self.settings_of = settings_of
        self.store_of = store_of
        self.routes_of = routes_of

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in WRITE_METHODS or not self._routed(scope):
            await self.app(scope, receive, send)  # no write route: 404/405 without reading a body
            return
        settings = self.settings_of()
        limit = int(settings.max_upload_bytes)
        refusal = self._refusal(scope, settings, limit)
        if refusal is not None:
            status, message, headers = refusal
            # Connection: close -- the unread body must not be taken for the next request
            await envelope(status, message, headers={**(headers or {}), "Connection": "close"})(scope, receive, send)
            return
        await self.app(scope, _capped(receive, limit), send)

    def _routed(self, scope: Scope) -> bool:
        """Whether a route takes this method on this path (else routing answers 404/405)."""
        return any(route.matches(scope)[0] == Match.FULL for route in self.routes_of())

    def _refusal(self, scope: Scope, settings: Any, limit: int) -> tuple[int, str, dict[str, str] | None] | None:
        store = self.store_of()
        if settings.read_only or getattr(store, "read_only", False) or getattr(
            getattr(store, "inner", None), "read_only", False
        ):
            return 503, "只读服务器，不接受写入 (read-only server: writes are refused)", None
        headers = {k.lower(): v for k, v in scope.get("headers", [])}
        scheme, _, token = headers.get(b"authorization", b"").decode("latin-1").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            if not settings.api_token:
                return 403, "上传已关闭：未配置 API 令牌 (uploads disabled: set POLICYGRAPH_API_TOKEN)", None
            return 401, "需要 Bearer 令牌 (bearer token required)", {"WWW-Authenticate": "Bearer"}
        length = headers.get(b"content-length")
        if length is not None:
            try:
                size = int(length)
            except ValueError:
                return 400, "Content-Length 无效 (bad Content-Length)", None
            if size < 0:
                return 400, "Content-Length 无效 (bad Content-Length)", None
            if size > limit:
                return 413, f"请求体过大 (request body too large): {size} > {limit} bytes (POLICYGRAPH_MAX_UPLOAD_BYTES)", None
        return None


def _capped(receive: Receive, limit: int) -> Receive:
    """``receive`` that fails with 413 once more than ``limit`` body bytes arrived."""
    seen = 0

    async def wrapped() -> Message:
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit:
                raise HTTPException(413, f"请求体过大 (request body too large): > {limit} bytes")
        return message

    return wrapped


def safe_filename(given: str | None) -> str:
    """The uploaded file's name if it is a plain, short file name; else 422.

    Why refuse rather than repair: the name becomes the document's source (and, when the
    text has no issuer and date, its id), so a silently changed name would load a
    different document than the user meant.  No separators, no NUL or control
    characters, not ``.``/``..``, at most 255 bytes; only its base name is ever used as
    a path, inside a fresh temporary folder."""
    name = given if given is not None else ""
    problem = None
    if not name.strip():
        problem = "empty file name"
    elif any(unicodedata.category(c) == "Cc" for c in name):
        problem = "control character in file name"
    elif "/" in name or "\\" in name:
        problem = "file name holds a path separator"
    elif name.strip() in (".", ".."):
        problem = "file name is . or .."
    elif len(name.encode("utf-8")) > MAX_NAME_BYTES:
        problem = f"file name longer than {MAX_NAME_BYTES} bytes"
    if problem:
        raise APIError(
            422,
            f"文件名无效 (invalid file name): {problem}",
            errors=[{"loc": ["body", "file"], "msg": problem, "type": "value_error"}],
        )
    return PurePosixPath(name.strip()).name


async def read_upload(request: Request, field: str = "file", *, limit: int) -> tuple[str, bytes]:
    """The one file of a multipart upload: (given name, bytes).  Call it after the
    route's token check: this is where the body is read.  At most one file and a few
    fields are accepted; the body is already capped by ``WriteGuard``."""
    try:
        form = await request.form(max_files=1, max_fields=8)
    except HTTPException:
        raise
    except Exception as exc:  # noqa: BLE001  (a malformed multipart body is the client's)
        raise APIError(400, f"无法读取上传内容 (cannot read the upload): {type(exc).__name__}") from None
    try:
        upload = form.get(field)
        if not isinstance(upload, UploadFile):
            raise APIError(
                422,
                f"缺少文件字段 (missing file field): {field}",
                errors=[{"loc": ["body", field], "msg": "Field required", "type": "missing"}],
            )
        data = await upload.read(limit + 1)
        if len(data) > limit:
            raise APIError(413, f"文件过大 (file too large): > {limit} bytes")
        return upload.filename or "", data
    finally:
        await form.close()
