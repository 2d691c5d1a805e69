"""One store session per GET request (api/session.py), over real HTTP: an answer made of
several reads opens one Neo4j session, and it is the answer a session per read gave."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import httpx
import pytest
from apiserver import ServerThread, free_port

from queries import read_model

# A chain: the measure's row, its stored records and its progress roll-ups (several reads).
URL = "/measures/" + quote("西青区人民政府-2022-07-27:7.1", safe="") + "/chain"


def _counting(monkeypatch: pytest.MonkeyPatch, store: Any) -> dict[str, int]:
    seen = {"sessions": 0, "reads": 0}
    real_session, real_read = store._session, store.read

    def session(read: bool) -> Any:
        seen["sessions"] += 1
        return real_session(read)

    def read(name: str, params: Any = None) -> Any:
        seen["reads"] += 1
        return real_read(name, params)

    monkeypatch.setattr(store, "_session", session)
    monkeypatch.setattr(store, "read", read)
    return seen


# Sessions are Neo4j's (the embedded store's scope is a no-op), so only the Neo4j leg runs.
@pytest.mark.parametrize("api", [pytest.param("neo4j", marks=pytest.mark.neo4j)], indirect=True)
def test_a_request_opens_one_neo4j_session(api, api_store, monkeypatch: pytest.MonkeyPatch) -> None:
    from api.app import create_app
    from policygraph.settings import Settings

    # a second app on the same store without caches: every request reads the store
    server = ServerThread(create_app(Settings(store="neo4j"), store=api_store, cache=False), free_port())
    server.start()
    try:
        base = f"http://127.0.0.1:{server.server.config.port}"
        with httpx.Client(base_url=base, timeout=60, headers={"Accept": "application/json"}) as client:
            assert client.get(URL).status_code == 200  # the read model's records built and stored first:
            read_model.settle()  # their background write would open a session of its own
            seen = _counting(monkeypatch, api_store)
            r = client.get(URL)
            assert r.status_code == 200 and r.json()["measure"] and r.json()["down"] is not None
            assert seen["reads"] > 1  # several reads made this answer ...
            assert seen["sessions"] == 1  # ... in one session
            assert r.json() == api.get(URL).json()  # the answer of the main app
    finally:
        server.stop()
