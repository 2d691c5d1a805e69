"""Run the API for real: uvicorn on a free loopback port, a store loaded with both seeds
and the levels linked (``graph.linking.link_store``), as a fresh ``policygraph serve`` has them.

Every test in tests/api talks to it with httpx over HTTP.  The ``api`` fixture is
parametrised over the stores: the embedded LadybugDB one always (in a tmp dir),
Neo4j when NEO4J_URI is set (skipped with a message otherwise).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from apiserver import TOKEN, ServerThread, free_port

from policygraph.settings import Settings

STORES = [
    "ladybug",
    pytest.param("neo4j", marks=pytest.mark.neo4j),
]


@dataclass
class Api:
    engine: str
    base_url: str
    client: httpx.Client
    store: object

    def get(self, path: str, **kw) -> httpx.Response:
        return self.client.get(path, **kw)


def _settings(engine: str, tmp: Path) -> Settings:
    if engine == "neo4j":
        return Settings(store="neo4j", api_token=TOKEN)
    return Settings(store="ladybug", db_path=tmp / "graph.lbug", api_token=TOKEN)


def _open_loaded_store(settings: Settings):
    from api.app import load_seeds
    from graph.stores import open_store

    store = open_store(settings, read_only=False)
    if settings.store == "neo4j":
        store.clear()  # a shared server: start from exactly the two seeds
    load_seeds(store)  # the seeds in load order, then link_store
    return store


@pytest.fixture(scope="session", params=STORES)
def api(request, tmp_path_factory) -> Iterator[Api]:
    """The running API on one store with both seeds loaded and linked.  The answer caches
    are on for both stores (this test process is the only writer), so the Neo4j leg
    checks them too."""
    engine = request.param
    if engine == "neo4j" and not os.environ.get("NEO4J_URI"):
        why = "Neo4j API tests need a server: `bash .ci/neo4j/start.sh`, then set NEO4J_URI=bolt://127.0.0.1:7687"
        if os.environ.get("POLICYGRAPH_REQUIRE_NEO4J") == "1":
            pytest.fail(why)
        pytest.skip(why)
    from api.app import create_app

    settings = _settings(engine, tmp_path_factory.mktemp(f"api-{engine}"))
    store = _open_loaded_store(settings)
    port = free_port()
    server = ServerThread(create_app(settings, store=store, cache=True), port)
    server.start()
    base = f"http://127.0.0.1:{port}"
    client = httpx.Client(base_url=base, timeout=60, headers={"Accept": "application/json"})
    try:
        yield Api(engine, base, client, store)
    finally:
        client.close()
        server.stop()
        if engine == "neo4j":
            store.clear()
        store.close()


@pytest.fixture
def api_store(api):
    """The store behind the running API (to start a second app on it)."""
    return api.store
