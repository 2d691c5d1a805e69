"""Who is writing: the bearer token of a request, checked against graph.tokens.

Why here: every write route (progress, ledger uploads, document uploads) and, when
``POLICYGRAPH_READ_REQUIRES_TOKEN`` is set, every read asks the same question the same
way: ``Authorization: Bearer <token>`` (never a URL parameter, never logged), compared
in constant time.  ``POLICYGRAPH_API_TOKEN`` (settings.api_token), when set, stays an
admin token named ``api-token`` (the first token of an installation, and what the
existing upload clients send).
"""

from __future__ import annotations

import hmac
from typing import Annotated, Any

from fastapi import Depends, Header, Request
from starlette.concurrency import run_in_threadpool

from api.errors import APIError
from graph.progress import format_timestamp, now_utc
from graph.tokens import ADMIN, TokenError, TokenInfo, verify_token
from policygraph.settings import Settings

SETTINGS_TOKEN_NAME = "api-token"
_CHALLENGE = {"WWW-Authenticate": "Bearer"}


def bearer(authorization: str | None) -> str | None:
    """The token of an ``Authorization: Bearer …`` header (None if absent or another scheme)."""
    scheme, _, token = (authorization or "").partition(" ")
    return token.strip() or None if scheme.lower() == "bearer" else None


def _raw_store(store: Any) -> Any:
    """Tokens are read past the answer caches: a revoked token is refused at once."""
    return getattr(store, "inner", store)


def token_info(store: Any, settings: Settings, authorization: str | None) -> TokenInfo:
    """The live token of the request, or APIError 401 (missing, unknown, revoked)."""
    presented = bearer(authorization)
    if not presented:
        raise APIError(401, "需要令牌 (token required): send Authorization: Bearer <token>", headers=_CHALLENGE)
    if settings.api_token and hmac.compare_digest(presented.encode(), settings.api_token.encode()):
        return TokenInfo("settings", SETTINGS_TOKEN_NAME, ADMIN, format_timestamp(now_utc()))
    try:
        return verify_token(_raw_store(store), presented)
    except TokenError as e:
        raise APIError(401, f"令牌无效 (invalid token): {e}", headers=_CHALLENGE) from None


def require_admin(info: TokenInfo) -> TokenInfo:
    if not info.is_admin:
        raise APIError(403, f"需要督查（管理员）令牌 (admin token required): {info.name} is {info.scope}")
    return info


def writer(request: Request, authorization: Annotated[str | None, Header(description="Bearer <token>")] = None) -> TokenInfo:
    """Dependency: the token of a write (any scope; the route checks what it may write)."""
    return token_info(request.app.state.store, request.app.state.settings, authorization)


Writer = Annotated[TokenInfo, Depends(writer)]


async def read_guard(
    request: Request, authorization: Annotated[str | None, Header(include_in_schema=False)] = None
) -> None:
    """Dependency of every read route: a valid token (any scope) when
    ``settings.read_requires_token``; open otherwise.

    ``async`` so an open read costs no thread hop (FastAPI runs a plain ``def``
    dependency in the thread pool); the token check reads the store, so it runs there."""
    if request.app.state.settings.read_requires_token:
        await run_in_threadpool(token_info, request.app.state.store, request.app.state.settings, authorization)
