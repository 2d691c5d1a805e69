"""Health: is the app up and can it reach its store (for docker-compose and load balancers)."""

from __future__ import annotations

from typing import Any

from api.deps import StoreDep
from api.routes.common import make_router

router = make_router("/healthz", "health")


@router.get("")
def health(store: StoreDep) -> dict[str, Any]:
    """200 with the store engine and its document count when the store answers; a store
    that does not answer gives the usual error envelope (503)."""
    counts = store.counts()
    return {"ok": True, "store": store.engine, "documents": counts.get("Document", 0)}
