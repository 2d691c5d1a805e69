"""One store session per GET request (ASGI middleware).

Why: an answer is several store reads (rows, then the annotations of those rows), and on
Neo4j each read used to open its own session and transaction -- a pool checkout plus
BEGIN and COMMIT round trips per read.  This middleware runs every GET request inside the
store's ``session_scope()``, so the request's reads share one session and one read
transaction (graph.neo4j_store.Neo4jStore.session_scope); on the embedded store the scope
is a no-op.  Routes stay as they are: they call one read function, which reads through
the store as before.

Nothing is opened until the first read, so an answer from the response cache (mounted
outside this middleware) costs nothing here.  The scope is ended in a worker thread: on
Neo4j that closes a transaction (a round trip), which must not hold up the event loop.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import nullcontext
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Receive, Scope, Send

READ_METHODS = frozenset({"GET", "HEAD"})


class ReadSession:
    """ASGI middleware: each GET/HEAD request runs in ``store.session_scope()``."""

    def __init__(self, app: ASGIApp, store_of: Callable[[], Any]) -> None:
        self.app = app
        self.store_of = store_of

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        store = self.store_of() if scope["type"] == "http" and scope["method"] in READ_METHODS else None
        opener = getattr(store, "session_scope", None)
        if opener is None:
            await self.app(scope, receive, send)
            return
        block = opener()
        if isinstance(block, nullcontext):  # the embedded store: nothing to share, no thread hop
            await self.app(scope, receive, send)
            return
        block.__enter__()  # here, so the route's worker thread inherits the scope (contextvars)
        try:
            await self.app(scope, receive, send)
        finally:
            await run_in_threadpool(block.__exit__, None, None, None)
