"""Live servers for the hardening tests: a real uvicorn on a loopback port, over a store
loaded with both seeds (as tests/api does), with small, explicit limits."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from hardening_server import STORES, Live, ServerThread, free_port, need_neo4j, open_seeded, settings_for  # noqa: E402


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
