"""POST /documents/preview: the admin token, what was read (unknown units flagged, deadlines,
warnings with their lines), and nothing written."""

from __future__ import annotations

import json
from pathlib import Path

from apiserver import ROOT, TOKEN

PILOT = ROOT / "tests" / "data" / "progress_pages" / "督办试点.txt"
EXPECTED = json.loads((ROOT / "tests" / "expected" / "progress_pages.json").read_text(encoding="utf-8"))["pilot"]


def _files(path: Path = PILOT) -> dict:
    return {"file": (path.name, path.read_bytes(), "text/plain")}


def _snapshot(api) -> tuple:
    docs = api.get("/documents").json()
    counts = api.get("/queries/counts").json()["data"]
    return docs["count"], sorted(d["id"] for d in docs["data"]), sorted(map(str, counts))


def test_preview_needs_the_admin_token(api):
    from graph.tokens import create_token

    agency = create_token(api.store, agency="区财政局", name="preview-agency")
    assert api.client.post("/documents/preview", files=_files()).status_code == 401
    assert api.client.post("/documents/preview", files=_files(), headers={"Authorization": "Bearer wrong"}).status_code == 401
    r = api.client.post("/documents/preview", files=_files(), headers={"Authorization": f"Bearer {agency.secret}"})
    assert r.status_code == 403 and "admin" in r.json()["error"]
    admin = create_token(api.store, admin=True, name="preview-admin")
    ok = api.client.post("/documents/preview", files=_files(), headers={"Authorization": f"Bearer {admin.secret}"})
    assert ok.status_code == 200, ok.text


def test_preview_reads_and_writes_nothing(api):
    before = _snapshot(api)
    r = api.client.post("/documents/preview", files=_files(), headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["ok"] is True and body["written"] is False and body["file"] == EXPECTED["file"]
    assert body["document"]["id"] == EXPECTED["document_id"] and body["document"]["exists"] is False
    assert body["document"]["published"] == EXPECTED["published"]
    got = [(m["number"], m["clause"], m["line"], [u["unit"] for u in m["units"]], [u["role"] for u in m["units"]], m["deadline"])
           for m in body["measures"]]
    want = [(m["number"], m["clause"], m["line"], m["units"], m["roles"], m["deadline"]) for m in EXPECTED["measures"]]
    assert [g[:5] for g in got] == [w[:5] for w in want]
    assert [{k: g[5][k] for k in ("text", "kind", "date")} for g in got] == [w[5] for w in want]
    # the first named unit of each measure is marked; the unknown one is flagged where it is named
    assert [[u["first"] for u in m["units"]] for m in body["measures"]] == [[True, False, False], [True, False]]
    flagged = sorted({u["unit"] for m in body["measures"] for u in m["units"] if u["unknown"]})
    assert flagged == EXPECTED["unknown_units"]
    units = {u["name"]: u for u in body["units"]}
    assert sorted(n for n, u in units.items() if u["unknown"]) == EXPECTED["unknown_units"]
    assert all(units[n]["kind"] == "unknown" and units[n]["in_graph"] is False for n in EXPECTED["unknown_units"])
    assert [n for n, u in units.items() if u["collective"]] == EXPECTED["collectives"]
    assert units["区财政局"]["in_graph"] is True and units["区财政局"]["unknown"] is False
    assert body["counts"]["unknown_units"] == len(EXPECTED["unknown_units"])
    assert [(d["line"], d["date"]) for d in body["deadlines"]] == [(m["line"], m["deadline"]["date"]) for m in EXPECTED["measures"]]
    assert [w["line"] for w in body["warnings"]] == EXPECTED["warning_lines"]
    assert all(w["file"] == EXPECTED["file"] and "区数据资源小组" in w["message"] for w in body["warnings"])
    assert _snapshot(api) == before  # nothing written
    assert api.get("/units/区数据资源小组").status_code == 404


def test_preview_of_a_loaded_document_says_so(api):
    from apiserver import SEEDS

    seed = next(p for p in SEEDS if "xiqing" in p.name)
    before = _snapshot(api)
    r = api.client.post("/documents/preview", files=_files(seed), headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 200, r.text
    doc = r.json()["document"]
    assert doc["exists"] is True and doc["existing_measures"] == r.json()["counts"]["measures"] == 135
    assert _snapshot(api) == before


def test_preview_bad_files_name_the_upload(api):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    assert api.client.post("/documents/preview", files={"file": ("x.exe", b"MZ", "application/octet-stream")},
                           headers=auth).status_code == 415
    assert api.client.post("/documents/preview", files={"file": ("x.txt", b" \n", "text/plain")}, headers=auth).status_code == 422
    bad = api.client.post("/documents/preview", files={"file": ("坏表.xlsx", b"not a workbook", "application/octet-stream")},
                          headers=auth)
    assert bad.status_code == 422 and bad.json()["error"].startswith("坏表.xlsx")
    assert "policygraph-preview" not in bad.text
