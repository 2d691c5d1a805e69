"""POLICYGRAPH_READ_REQUIRES_TOKEN: every read answers only with a valid token, over real
HTTP on a server of its own; without the setting, reads are open (and the read guard is
not installed at all: an open read pays no dependency)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote, unquote

import httpx
import pytest
from apiserver import ServerThread, free_port
from fastapi import Request

import api.app
from api.auth import read_guard
from graph.ladybug_store import LadybugStore
from graph.tokens import create_token, revoke_token
from policygraph.settings import Settings
from tests.factories import city_document

READS = ["/units/" + quote("市财政局"), "/units/" + quote("市财政局") + "/obligations",
         "/measures?q=" + quote("财政"), "/documents", "/queries/counts"]


def _serve(store: LadybugStore, settings: Settings) -> tuple[ServerThread, str]:
    server = ServerThread(api.app.create_app(settings, store=store), free_port())
    server.start()
    return server, f"http://127.0.0.1:{server.server.config.port}"


@pytest.fixture
def store(tmp_path: Path):
    s = LadybugStore(tmp_path / "graph.lbug")
    s.load(city_document())
    try:
        yield s
    finally:
        s.close()


def test_reads_need_a_valid_token_when_required(store: LadybugStore) -> None:
    agency = create_token(store, agency="市财政局", name="市财政局-王")
    other = create_token(store, agency="市教委", name="市教委-李")
    revoke_token(store, "市教委-李")
    server, base = _serve(store, Settings(store="ladybug", read_requires_token=True))
    try:
        for path in READS:
            ok = httpx.get(base + path, headers={"Authorization": f"Bearer {agency.secret}"})
            assert ok.status_code == 200, (path, ok.text)
            for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Bearer {other.secret}"}):
                denied = httpx.get(base + path, headers=headers)  # also right after an answered request
                assert denied.status_code == 401, (path, headers, denied.text)
                assert denied.json()["ok"] is False and denied.headers.get("www-authenticate") == "Bearer"
    finally:
        server.stop()


def test_reads_are_open_by_default(store: LadybugStore, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []

    async def counted(request: Request, authorization: str | None = None) -> None:
        calls.append(request.url.path)
        await read_guard(request, authorization)

    monkeypatch.setattr(api.app, "read_guard", counted)
    server, base = _serve(store, Settings(store="ladybug"))
    try:
        for path in READS:
            assert httpx.get(base + path).status_code == 200, path
    finally:
        server.stop()
    assert calls == []  # no guard installed: an open read runs no dependency for it
    server, base = _serve(store, Settings(store="ladybug", read_requires_token=True))
    try:
        assert httpx.get(base + READS[0]).status_code == 401
    finally:
        server.stop()
    assert calls == [unquote(READS[0])]  # (the counter counts)
