"""Helpers of the hardening tests (a module of its own: ``conftest`` is ambiguous when
several test folders run together): settings with small limits, a seeded store."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/live_server.py

from live_server import ServerThread, free_port  # noqa: E402,F401 (re-exported to the tests)

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
