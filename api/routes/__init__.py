"""One router per resource; ``ROUTERS`` is the order they are mounted in."""

from __future__ import annotations

from api.routes import (
    deadlines,
    documents,
    graph,
    health,
    links,
    measures,
    network,
    preview,
    progress,
    queries,
    targets,
    units,
    upload,
    workload,
)

ROUTERS = [
    units.router,
    measures.router,
    preview.router,
    upload.router,
    documents.router,
    workload.router,
    deadlines.router,
    targets.router,
    network.router,
    graph.router,
    links.router,
    *progress.ROUTERS,
    queries.router,
    health.router,
]
