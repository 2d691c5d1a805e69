"""POST /documents: token-protected upload, parse and load in one transaction."""

from __future__ import annotations

from apiserver import SEEDS, TOKEN, ServerThread, free_port


def test_upload_requires_bearer_token(api):
    seed = SEEDS[0]
    files = {"file": (seed.name, seed.read_bytes(), "text/plain")}
    assert api.client.post("/documents", files=files).status_code == 401
    r = api.client.post("/documents", files=files, headers={"Authorization": "Bearer wrong"})
    assert r.status_code == 401 and r.json()["ok"] is False
    assert r.headers.get("www-authenticate") == "Bearer"


def test_upload_rejects_bad_files(api):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    bad = api.client.post("/documents", files={"file": ("x.exe", b"MZ", "application/octet-stream")}, headers=auth)
    assert bad.status_code == 415
    empty = api.client.post("/documents", files={"file": ("x.txt", b"  \n", "text/plain")}, headers=auth)
    assert empty.status_code == 422
    missing = api.client.post("/documents", headers=auth)
    assert missing.status_code == 422 and missing.json()["errors"]
    junk = api.client.post("/documents", files={"file": ("junk.txt", "这不是任务分工文件。\n".encode(), "text/plain")},
                           headers=auth)
    assert junk.status_code in (201, 422)
    assert junk.status_code != 500


def test_upload_reload_seed_is_idempotent(api):
    before = api.get("/queries/counts").json()["data"]
    seed = next(p for p in SEEDS if "xiqing" in p.name)
    r = api.client.post("/documents", files={"file": (seed.name, seed.read_bytes(), "text/plain")},
                        headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["ok"] is True and body["document"]["level"] == "district"
    assert isinstance(body["counts"], dict) and isinstance(body["warnings"], list)
    after = api.get("/queries/counts").json()["data"]
    assert sorted(map(str, before)) == sorted(map(str, after))
    assert api.get("/documents").json()["count"] == 2


def test_upload_disabled_without_token(api_store):
    import httpx

    from api.app import create_app
    from policygraph.settings import Settings

    server = ServerThread(create_app(Settings(store="ladybug", api_token=None), store=api_store), free_port())
    server.start()
    try:
        seed = SEEDS[0]
        r = httpx.post(f"http://127.0.0.1:{server.server.config.port}/documents",
                       files={"file": (seed.name, seed.read_bytes(), "text/plain")},
                       headers={"Authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 403
        assert r.json()["status"] == 403 and "POLICYGRAPH_API_TOKEN" in r.json()["error"]
    finally:
        server.stop()
