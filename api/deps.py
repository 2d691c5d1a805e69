"""Typed dependencies: handlers ask for the store and settings, never build them."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Request

from graph.store import GraphStore
from policygraph.settings import Settings


def store_of(request: Request) -> GraphStore:
    """The store, for the few hot keyed routes that take ``request: Request`` instead of
    ``StoreDep``.

    Why: FastAPI resolves a ``Depends`` as a nested dependency (its own solve pass, a
    sub-request scope), about 140 us of a 450 us ``GET /units/{name}`` in process --
    as much as the store's keyed read.  A route that only needs the store reads it here."""
    return request.app.state.store


async def get_store(request: Request) -> GraphStore:
    """The store opened once in the app lifespan.

    ``async`` on purpose: it only reads app state, and FastAPI runs a plain ``def``
    dependency in the thread pool -- one thread hop per request for nothing (with the
    read guard's, two of a small answer's three hops)."""
    return store_of(request)


async def get_settings_dep(request: Request) -> Settings:
    """The settings (``async``: no thread hop, see get_store)."""
    return request.app.state.settings


StoreDep = Annotated[GraphStore, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_settings_dep)]


def listing(rows: list[Any], total: int | None = None, **extra: Any) -> dict[str, Any]:
    """The list envelope: ``{"data": [...], "count": N}`` (count = total before paging)."""
    out: dict[str, Any] = {"data": rows, "count": len(rows) if total is None else total}
    out.update(extra)
    return out
