"""The PolicyGraph HTTP API: FastAPI app factory, lifespan and wiring.

Why a factory: tests, the CLI (``policygraph serve``) and ``uvicorn --factory
api.app:create_app`` all build the app the same way; nothing (settings, store) is
built at import time.  The store is opened once in the lifespan and closed at
shutdown; on the embedded default an empty store is filled with the bundled seeds.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import Depends, FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.routing import APIRoute

from api.auth import read_guard
from api.cache import CachedStore, ResponseCache
from api.docs import install_offline_docs
from api.errors import install_error_handlers
from api.guard import WriteGuard
from api.responses import UTF8JSONResponse
from api.routes import ROUTERS
from api.routes.ledger import router as ledger_router
from api.session import ReadSession
from graph.store import GraphStore
from policygraph.pipeline import load_samples, repair_links
from policygraph.settings import Settings, get_settings
from viz.quality_page import router as quality_page_router
from viz.routes import router as pages_router

log = logging.getLogger("policygraph.api")

DESCRIPTION = """
政策任务分工知识图谱 API：谁牵头、谁配合、何时完成。

*PolicyGraph* answers "what does 区财政局 own" over HTTP. Every endpoint runs a named,
parameterised Cypher query from `queries/` on the configured store (embedded
LadybugDB or Neo4j). Lists come as `{"data": [...], "count": N}`; every error as
`{"ok": false, "status": …, "error": "…", "errors": […], "suggestions": […]}`.
"""


def load_seeds(store: GraphStore) -> dict[str, Any]:
    """Load the bundled seeds, then link the levels (district -> city); return what was done."""
    return load_samples(store)


def load_seeds_if_empty(store: GraphStore) -> dict[str, Any]:
    """Load and link the bundled seeds into an empty store; return what was done (or {})."""
    if store.counts().get("Document", 0):
        return {}
    return load_seeds(store)


def use_cache(settings: Settings, store: GraphStore) -> bool:
    """Cache reads and answers only when this process sees every write: the embedded
    store opened read-write here.  Neo4j may be written by other workers or the CLI, a
    read-only embedded store by the process holding it."""
    return store.engine == "ladybug" and not settings.read_only and not getattr(store, "read_only", False)


def operation_id(route: APIRoute) -> str:
    """Stable operation ids: ``<tag>-<function name>`` (e.g. ``units-get_unit``)."""
    tag = str(route.tags[0]) if route.tags else "api"
    return f"{tag}-{route.name}"


def create_app(
    settings: Settings | None = None, store: GraphStore | None = None, *, cache: bool | None = None
) -> FastAPI:
    """Build the app.  ``store`` (tests) is used as given and not closed by the app.

    ``cache``: cache read results and whole JSON answers (``api.cache``), invalidated by
    every write made through the app.  Default: on for a read-write embedded store the
    app opens itself (see ``use_cache``); off for a given ``store`` (its owner may write
    to it directly): pass True only if every write goes through the app."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        owned = store is None
        if store is None:
            from graph.stores import open_store

            opened = open_store(settings, read_only=settings.read_only)
        else:
            opened = store
        try:
            if owned and settings.store == "ladybug" and not settings.read_only:
                load_seeds_if_empty(opened)
            if not settings.read_only:
                repair_links(opened)  # a load cut off before its linking (crash, kill) is finished now
            cached = (owned and use_cache(settings, opened)) if cache is None else cache
            app.state.store = CachedStore(opened) if cached else opened
            yield
        finally:
            if owned:
                opened.close()

    app = FastAPI(
        title="PolicyGraph API",
        version="0.1.0",
        description=DESCRIPTION,
        lifespan=lifespan,
        default_response_class=UTF8JSONResponse,
        docs_url=None,  # served offline by install_offline_docs
        redoc_url=None,
        generate_unique_id_function=operation_id,
        openapi_tags=[
            {"name": "units", "description": "单位（部门）：名称、别名、职责"},
            {"name": "measures", "description": "落实措施：全文检索、上下级链条"},
            {"name": "documents", "description": "任务分工文件与任务"},
            {"name": "workload", "description": "工作量统计（图表数据）"},
            {"name": "deadlines", "description": "完成时限与逾期"},
            {"name": "targets", "description": "量化目标（指标、数值、层级）"},
            {"name": "network", "description": "协同网络（networkx）"},
            {"name": "graph", "description": "节点与边（供浏览器图形库）"},
            {"name": "links", "description": "链接审核：人工确认或否决的上下级措施链接 (reviewed link decisions)"},
            {"name": "queries", "description": "命名只读查询（canned queries）"},
            {"name": "progress", "description": "督办：任务进展、历史、看板、台账回传"},
        ],
    )
    app.state.settings = settings
    app.state.store = store
    install_error_handlers(app)
    install_offline_docs(app)
    # innermost: a GET request's store reads share one session (Neo4j); a cached answer opens none
    app.add_middleware(ReadSession, store_of=lambda: app.state.store)
    # inside CORS (added later = outer): a cached answer still gets per-request CORS headers
    if not settings.read_requires_token:  # a cached answer would skip the token check
        app.add_middleware(ResponseCache, store_of=lambda: app.state.store)
    # writes: read-only, bearer presence and body size checked before any body is read
    app.add_middleware(
        WriteGuard,
        settings_of=lambda: app.state.settings,
        store_of=lambda: app.state.store,
        routes_of=lambda: app.router.routes,
    )
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "OPTIONS"],
            allow_headers=["Authorization", "Content-Type"],
        )
    # a token for reads when settings.read_requires_token; none installed otherwise (an
    # open read then pays no dependency: 0.2-0.3 ms of a 1 ms unit answer in process)
    guard = [Depends(read_guard)] if settings.read_requires_token else []
    for router in ROUTERS:
        app.include_router(router, dependencies=guard)
    app.include_router(ledger_router, dependencies=guard)  # ledgers, .ics, /quality
    app.include_router(pages_router)
    app.state.page_routes = list(pages_router.routes)  # NegotiatedRoute yields to these for browsers
    app.include_router(quality_page_router)  # /quality-report page
    return app

