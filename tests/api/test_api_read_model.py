"""The read model over real HTTP (uvicorn on a loopback port, httpx), caches off, on both
stores: after an upload (a reload of the district seed, edited, relinked) and after
progress written through POST /obligations/{id}/progress, GET /units/{name}/obligations
and GET /units/{name} answer exactly what the named queries answer
(``obligations_defined`` / ``unit_detail_defined``), first from a rebuilt record, then
from the stored one; the bytes are UTF-8 with Chinese unescaped.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from live_server import ServerThread, free_port

from graph.tokens import create_token
from policygraph.samples import sample_paths
from policygraph.settings import Settings
from queries import read_model
from queries.obligations import obligations_defined, warm
from queries.ownership import MeasureFilter
from queries.units import unit_detail_defined
from tests.conftest import require_neo4j

TOKEN = "read-model-admin-token-0123456789"
UNIT = "区财政局"
DOC = "西青区人民政府-2022-07-27"
AS_OF = "2022-10-01"
# (query string, keyword arguments of the definition)
REQUESTS: list[tuple[str, dict[str, Any]]] = [
    (f"as_of={AS_OF}", {}),
    (f"as_of={AS_OF}&limit=5&offset=2&role=lead&role=shared", {"limit": 5, "offset": 2, "roles": ["lead", "shared"]}),
    (f"as_of={AS_OF}&include_shared=false&due_before=2022-12-31",
     {"include_shared": False, "where": MeasureFilter(due_before="2022-12-31")}),
    (f"as_of=2023-06-30&status={quote('推进中')}", {"as_of": "2023-06-30", "status": "推进中"}),
    (f"as_of={AS_OF}&report_due=true", {"report_due": True}),
    (f"as_of=2023-06-30&overdue=true&document={quote(DOC)}",
     {"as_of": "2023-06-30", "overdue": True, "where": MeasureFilter(document=DOC)}),
]


class Srv:
    def __init__(self, engine: str, client: httpx.Client, store: Any) -> None:
        self.engine, self.client, self.store = engine, client, store


@pytest.fixture(scope="module", params=["ladybug", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def srv(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Srv]:
    engine = request.param
    if engine == "neo4j":
        require_neo4j()
        settings = Settings(store="neo4j", api_token=TOKEN)
    else:
        settings = Settings(store="ladybug", db_path=tmp_path_factory.mktemp("read-model-http") / "g.lbug",
                            api_token=TOKEN)
    from api.app import create_app, load_seeds
    from graph.stores import open_store

    store = open_store(settings, read_only=False)
    if engine == "neo4j":
        store.clear()
    load_seeds(store)
    server = ServerThread(create_app(settings, store=store, cache=False), free_port())
    server.start()
    client = httpx.Client(base_url=f"http://127.0.0.1:{server.server.config.port}", timeout=120,
                          headers={"Accept": "application/json"})
    try:
        yield Srv(engine, client, store)
    finally:
        client.close()
        server.stop()
        read_model.settle()
        if engine == "neo4j":
            store.clear()
        store.close()


def _units(store: Any) -> list[str]:
    names = sorted(r["name"] for r in store.read("unit_names", {}))
    return sorted(set(names[::4]) | {UNIT, "区人社局", "市财政局", "区政府各部门"} & set(names) | {UNIT})


def _definitions(srv: Srv, units: list[str]) -> dict[tuple[str, str], Any]:
    """What the named queries answer for every sampled unit and request (and the unit
    detail, under ""), as JSON would carry it; each unit's reads in one store session."""
    out: dict[tuple[str, str], Any] = {}
    for u in units:
        with srv.store.session_scope():
            for qs, kw in REQUESTS:
                got = obligations_defined(srv.store, u, **({"as_of": AS_OF} | kw))
                out[(u, qs)] = json.loads(json.dumps(got, ensure_ascii=False))
            out[(u, "")] = unit_detail_defined(srv.store, u)
    return out


def _same_over_http(srv: Srv, units: list[str], wants: dict[tuple[str, str], Any]) -> None:
    for u in units:
        for qs, _kw in REQUESTS:
            r = srv.client.get(f"/units/{quote(u, safe='')}/obligations?{qs}")
            assert r.status_code == 200, r.text[:300]
            assert r.json() == wants[(u, qs)], f"{srv.engine}: {u} {qs}"
        d = srv.client.get(f"/units/{quote(u, safe='')}")
        assert d.status_code == 200 and d.json() == wants[(u, "")], u


def _round(srv: Srv) -> None:
    """Every sampled unit: from records rebuilt on the spot, then from the stored ones;
    both against the definitions, computed once (only read-model writes come between)."""
    units = _units(srv.store)
    wants = _definitions(srv, units)
    _same_over_http(srv, units, wants)
    read_model.settle()
    assert {read_model.state(srv.store, u) for u in units} == {"fresh"}
    _same_over_http(srv, units, wants)


def test_after_the_load(srv: Srv) -> None:
    _round(srv)
    raw = srv.client.get(f"/units/{quote(UNIT)}/obligations?as_of={AS_OF}").content
    assert UNIT.encode("utf-8") in raw and b"\\u" not in raw  # UTF-8 as is


def _fresh(srv: Srv) -> None:
    """The sampled units' records stored and fresh before a write (what test_after_the_load
    leaves; built here when a test runs alone), so the write's effect is what is seen."""
    units = _units(srv.store)
    warm(srv.store, units)
    assert {read_model.state(srv.store, u) for u in units} == {"fresh"}


def test_after_an_upload(srv: Srv, tmp_path: Path) -> None:
    _fresh(srv)
    src = next(p for p in sample_paths() if "xiqing" in p.name)
    text = src.read_text(encoding="utf-8").replace("坚持政府过紧日子", "坚持政府长期过紧日子")
    r = srv.client.post("/documents", files={"file": (src.name, text.encode("utf-8"), "text/plain")},
                        headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 201, r.text[:300]
    assert read_model.state(srv.store, UNIT) == "stale"
    _round(srv)
    got = srv.client.get(f"/units/{quote(UNIT)}/obligations?as_of={AS_OF}&limit=500").json()
    assert any("坚持政府长期过紧日子" in m["text"] for m in got["data"])


def test_after_progress_written_over_http(srv: Srv) -> None:
    _fresh(srv)
    fin = create_token(srv.store, agency=UNIT, name=f"{UNIT}-读模型").secret
    for clause, status in (("7.1", "推进中"), ("9.1", "已完成"), ("12.1", "持续推进")):
        oid = quote(f"{DOC}:{clause}|{UNIT}", safe="")
        r = srv.client.post(f"/obligations/{oid}/progress", json={"status": status, "text": "已拨付", "at": "2022-09-20"},
                            headers={"Authorization": f"Bearer {fin}"})
        assert r.status_code == 201, r.text[:300]
    assert read_model.state(srv.store, UNIT) == "stale"
    assert read_model.state(srv.store, "区人社局") == "fresh"  # another agency's record stays
    _round(srv)
    done = srv.client.get(f"/units/{quote(UNIT)}/obligations?status=done&as_of={AS_OF}").json()
    assert [m["obligation_id"] for m in done["data"]] == [f"{DOC}:9.1|{UNIT}"]
