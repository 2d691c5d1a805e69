"""Shared fixtures: a LadybugDB store in tmp_path, a Neo4j store (real server), and a
``store`` fixture parametrised over both.

Neo4j tests need a server: ``bash .ci/neo4j/start.sh`` then
``export NEO4J_URI=bolt://127.0.0.1:7687`` (NEO4J_USER / NEO4J_PASSWORD default to
neo4j / policygraph).  Without NEO4J_URI, or when it does not answer, they are skipped
with that hint -- unless POLICYGRAPH_REQUIRE_NEO4J=1 (CI), where they fail instead.
The Neo4j database is emptied before and after each test that uses it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.ladybug_store import LadybugStore
from graph.model import StoreError

NEO4J_HINT = (
    "Neo4j tests skipped: {why}. To run them: `bash .ci/neo4j/start.sh` then "
    "`export NEO4J_URI=bolt://127.0.0.1:7687` (NEO4J_USER/NEO4J_PASSWORD default to neo4j/policygraph)"
)

_neo4j_state: dict[str, str | None] = {}


@pytest.fixture(scope="session", autouse=True)
def _user_data_in_tmp(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The user data folder (XDG_DATA_HOME: where default settings keep the embedded
    store and a Neo4j store's search copy) is a temporary one for the whole run, servers
    started by tests included: the run leaves the user's home as it found it."""
    before = os.environ.get("XDG_DATA_HOME")
    folder = tmp_path_factory.mktemp("xdg-data")
    os.environ["XDG_DATA_HOME"] = str(folder)
    try:
        yield folder
    finally:
        if before is None:
            os.environ.pop("XDG_DATA_HOME", None)
        else:
            os.environ["XDG_DATA_HOME"] = before


def neo4j_env() -> dict[str, str]:
    return {
        "uri": os.environ.get("NEO4J_URI", ""),
        "user": os.environ.get("NEO4J_USER", "neo4j"),
        "password": os.environ.get("NEO4J_PASSWORD", "policygraph"),
        "database": os.environ.get("NEO4J_DATABASE", "neo4j"),
    }


def _neo4j_unavailable() -> str | None:
    """Why Neo4j cannot be used (None: it can).  Checked once per session."""
    if "why" not in _neo4j_state:
        env = neo4j_env()
        why: str | None = None
        if not env["uri"]:
            why = "NEO4J_URI is not set"
        else:
            from graph.neo4j_store import Neo4jStore

            try:
                Neo4jStore(env["uri"], env["user"], env["password"], env["database"]).close()
            except StoreError as e:
                why = f"{env['uri']} is not usable ({e})"
        _neo4j_state["why"] = why
    return _neo4j_state["why"]


def require_neo4j() -> None:
    why = _neo4j_unavailable()
    if why:
        msg = NEO4J_HINT.format(why=why)
        if os.environ.get("POLICYGRAPH_REQUIRE_NEO4J") == "1":
            pytest.fail(msg)
        pytest.skip(msg)


@pytest.fixture
def ladybug_path(tmp_path: Path) -> Path:
    return tmp_path / "store" / "graph.lbug"


@pytest.fixture
def ladybug_store(ladybug_path: Path) -> Iterator[LadybugStore]:
    store = LadybugStore(ladybug_path)
    try:
        yield store
    finally:
        store.close()


@pytest.fixture
def neo4j_store() -> Iterator:
    require_neo4j()
    from graph.neo4j_store import Neo4jStore

    env = neo4j_env()
    store = Neo4jStore(env["uri"], env["user"], env["password"], env["database"])
    store.clear()
    try:
        yield store
    finally:
        store.before_step = None
        try:
            store.clear()
        finally:
            store.close()


@pytest.fixture(params=["ladybug", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store(request: pytest.FixtureRequest):
    """Each test using it runs once on the embedded store and once on Neo4j."""
    return request.getfixturevalue(f"{request.param}_store")
