"""Live servers for the hardening tests: a real uvicorn on a loopback port, over a store
loaded with both seeds (as tests/api does), with small, explicit limits."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/live_server.py
from live_server import ServerThread, free_port  # noqa: E402

from policygraph.settings import Settings  # noqa: E402

TOKEN = "hardening-token-0123456789"
STORES = ["ladybug", pytest.param("neo4j", marks=pytest.mark.neo4j)]


@dataclass
class Live:
    engine: str
    base_url: str
    port: int
    client: httpx.Client
    store: object
    settings: Settings

    @property
    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {TOKEN}"}


def need_neo4j(engine: str) -> None:
    if engine == "neo4j" and not os.environ.get("NEO4J_URI"):
        why = "Neo4j hardening tests need a server: `bash .ci/neo4j/start.sh`, then set NEO4J_URI"
        if os.environ.get("POLICYGRAPH_REQUIRE_NEO4J") == "1":
            pytest.fail(why)
        pytest.skip(why)


def settings_for(engine: str, tmp: Path, **extra: object) -> Settings:
    if engine == "neo4j":
        return Settings(store="neo4j", api_token=TOKEN, **extra)
    return Settings(store="ladybug", db_path=tmp / "graph.lbug", api_token=TOKEN, **extra)


def open_seeded(settings: Settings):
    from api.app import load_seeds
    from graph.stores import open_store

    store = open_store(settings, read_only=False)
    if settings.store == "neo4j":
        store.clear()
    load_seeds(store)
    return store


@pytest.fixture(scope="module", params=STORES)
def live(request, tmp_path_factory) -> Iterator[Live]:
    """The API on one store with the seeds loaded, limits: 1 MiB body, 500 measures."""
    engine = request.param
    need_neo4j(engine)
    from api.app import create_app

    settings = settings_for(
        engine, tmp_path_factory.mktemp(f"hard-{engine}"), max_upload_bytes=1024 * 1024, max_upload_measures=500
    )
    store = open_seeded(settings)
    port = free_port()
    server = ServerThread(create_app(settings, store=store, cache=True), port)
    server.start()
    base = f"http://127.0.0.1:{port}"
    client = httpx.Client(base_url=base, timeout=60, headers={"Accept": "application/json"})
    try:
        yield Live(engine, base, port, client, store, settings)
    finally:
        client.close()
        server.stop()
        if engine == "neo4j":
            store.clear()
        store.close()
