"""Measures, documents, workload, deadlines, targets, network, graph and canned queries over HTTP."""

from __future__ import annotations

import re

import pytest
from seed_facts import DISTRICT_FINANCE, FINANCE_JOINT_NUMBERS, FINANCE_LEADS, FINANCE_SUPPORTS


def _docs(api) -> dict[str, dict]:
    return {d["level"]: d for d in api.get("/documents").json()["data"]}


def _measure_id(api, number: int, clause: int = 1) -> str:
    district = _docs(api)["district"]["id"]
    return f"{district}:{number}.{clause}"


# --- health ----------------------------------------------------------------------------

def test_healthz_reports_the_store(api):
    body = api.get("/healthz").json()
    assert body["ok"] is True
    assert body["store"] in {"ladybug", "neo4j"}
    assert body["documents"] == len(api.get("/documents", params={"include_stubs": "true"}).json()["data"])


# --- documents -------------------------------------------------------------------------

def test_documents_list_and_get(api):
    body = api.get("/documents").json()
    assert body["count"] == 2
    levels = sorted(d["level"] for d in body["data"])
    assert levels == ["city", "district"]
    for d in body["data"]:
        one = api.get(f"/documents/{d['id']}")
        assert one.status_code == 200
        assert one.json()["id"] == d["id"] and one.json()["measures"] == d["measures"] > 100
        assert api.get(f"/documents/{d['id']}.json").json()["id"] == d["id"]


def test_document_tasks(api):
    district = _docs(api)["district"]
    tasks = api.get(f"/documents/{district['id']}/tasks").json()
    assert tasks["count"] == len(tasks["data"]) > 10
    assert [t["number"] for t in tasks["data"]] == sorted(t["number"] for t in tasks["data"])
    assert sum(t["measures"] for t in tasks["data"]) == district["measures"]
    third = next(t for t in tasks["data"] if t["number"] == 3)
    assert "财政" in third["title"]


def test_unknown_document_404(api):
    r = api.get("/documents/no-such-doc/tasks")
    assert r.status_code == 404 and r.json()["ok"] is False


# --- measures --------------------------------------------------------------------------

def test_measures_search_chinese(api):
    body = api.get("/measures", params={"q": "专项债券", "limit": 100}).json()
    assert body["count"] >= 1
    assert all("专项债券" in m["text"] for m in body["data"])
    assert any(m["number"] == 8 and m["level"] == "district" for m in body["data"])


def test_measures_filters(api):
    district = _docs(api)["district"]["id"]
    body = api.get("/measures", params={"document": district, "task": 3, "limit": 100}).json()
    assert body["count"] == len(body["data"]) >= 3
    assert {m["number"] for m in body["data"]} >= {7, 8, 9}
    assert all(m["document_id"] == district and m["task"]["number"] == 3 for m in body["data"])
    by_unit = api.get("/measures", params={"unit": DISTRICT_FINANCE, "document": district, "limit": 500}).json()
    assert by_unit["count"] == len(FINANCE_LEADS) + len(FINANCE_SUPPORTS) + len(FINANCE_JOINT_NUMBERS)
    assert api.get("/measures", params={"unit": "区财政"}).status_code == 404


def test_measure_get_and_chain(api):
    mid = _measure_id(api, 7)
    m = api.get(f"/measures/{mid}").json()
    assert m["id"] == mid and m["number"] == 7
    roles = {r["unit"]: r["role"] for r in m["responsible"]}
    assert roles[DISTRICT_FINANCE] == "lead"
    assert api.get(f"/measures/{mid}.json").json()["id"] == mid
    chain = api.get(f"/measures/{mid}/chain").json()
    assert chain["measure"]["id"] == mid
    assert chain["count"] == len(chain["up"]) + len(chain["down"])
    for up in chain["up"]:
        assert up["level"] == "city" and up["depth"] >= 1


def test_unknown_measure_404(api):
    for path in ("/measures/nope:1.1", "/measures/nope:1.1/chain", "/graph/measures/nope:1.1"):
        r = api.get(path)
        assert r.status_code == 404, path
        assert r.json()["status"] == 404


# --- workload ----------------------------------------------------------------------------

def test_workload_by_role(api):
    district = _docs(api)["district"]["id"]
    body = api.get("/workload", params={"document": district}).json()
    row = next(r for r in body["data"] if r["unit"] == DISTRICT_FINANCE)
    assert (row["lead"], row["support"], row["joint"]) == (13, 6, 19)
    assert row["total"] == 38 + row["shared"]
    totals = [r["total"] for r in body["data"]]
    assert totals == sorted(totals, reverse=True)
    assert not any(r.get("collective") for r in body["data"])


def test_workload_by_month_and_task(api):
    district = _docs(api)["district"]["id"]
    months = api.get("/workload", params={"by": "month", "document": district}).json()["data"]
    fin = [r for r in months if r["unit"] == DISTRICT_FINANCE]
    assert sum(r["count"] for r in fin) == 38
    assert all(r["month"] is None or re.fullmatch(r"\d{4}-\d{2}", r["month"]) for r in fin)
    tasks = api.get("/workload", params={"by": "task", "document": district}).json()["data"]
    fin_t = {r["task"]: r["count"] for r in tasks if r["unit"] == DISTRICT_FINANCE}
    assert fin_t[3] == 3  # measures 7, 8, 9 of task (三) all name 区财政局
    assert api.get("/workload", params={"by": "week"}).status_code == 422


# --- deadlines -----------------------------------------------------------------------------

def test_deadlines_range_and_overdue(api):
    body = api.get("/deadlines", params={"from": "2022-01-01", "to": "2022-12-31", "as_of": "2022-12-01",
                                         "limit": 500}).json()
    assert body["count"] > 0 and body["as_of"] == "2022-12-01"
    for d in body["data"]:
        assert "2022-01-01" <= d["date"] <= "2022-12-31"
        assert d["overdue"] is (d["date"] < "2022-12-01")
    dates = [d["date"] for d in body["data"]]
    assert dates == sorted(dates)
    later = api.get("/deadlines", params={"as_of": "2023-06-01", "overdue": "true", "unit": DISTRICT_FINANCE,
                                          "limit": 500}).json()
    assert later["count"] >= 1
    assert all(d["overdue"] for d in later["data"])
    assert all(DISTRICT_FINANCE in d["owners"] + d["supporters"] + d["joint"] for d in later["data"])
    bad = api.get("/deadlines", params={"from": "2022-12-31", "to": "2022-01-01"})
    assert bad.status_code == 422 and bad.json()["errors"][0]["loc"] == ["query", "from"]


# --- targets ---------------------------------------------------------------------------------

def test_targets(api):
    body = api.get("/targets").json()
    assert body["count"] >= 1 and body["targets"] >= body["count"]
    levels = {t["level"] for g in body["data"] for t in g["targets"]}
    assert {"city", "district"} <= levels
    jobs = api.get("/targets", params={"indicator": "就业"}).json()
    assert jobs["data"] and all("就业" in g["indicator"] for g in jobs["data"])
    for g in body["data"]:
        for t in g["targets"]:
            for c in t["contributes_to"]:
                assert c["share"] is None or c["share"] > 0


# --- network ----------------------------------------------------------------------------------

def test_network_collaboration(api):
    body = api.get("/network/collaboration", params={"government": "西青区人民政府", "unit": DISTRICT_FINANCE,
                                                     "edges": "true"}).json()
    assert body["summary"]["nodes"] == body["count"] > 10
    names = {r["unit"] for r in body["data"]}
    assert DISTRICT_FINANCE in names
    assert all(0 <= r["betweenness"] <= 1 for r in body["data"])
    closest = body["unit"]["closest"]
    assert closest and closest[0]["shared_measures"] >= closest[-1]["shared_measures"]
    # measure 7: 区财政局 with 区发展改革委/区人社局/区税务局 -> they are collaborators
    assert {"区发展改革委", "区人社局", "区税务局"} <= {c["unit"] for c in
                                                    api.get("/network/collaboration", params={
                                                        "unit": DISTRICT_FINANCE, "top": 200}).json()["unit"]["closest"]}
    assert sorted(n for c in body["communities"] for n in c) == sorted(names)
    assert all(e["weight"] >= 1 for e in body["edges"])


# --- graph ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("depth", [1, 2, 3])
def test_graph_unit_depths(api, depth):
    body = api.get(f"/graph/units/{DISTRICT_FINANCE}", params={"depth": depth, "limit": 1000}).json()
    ids = {n["id"] for n in body["nodes"]}
    assert body["root"] == f"unit:{DISTRICT_FINANCE}" and body["root"] in ids
    assert all(e["from"] in ids and e["to"] in ids for e in body["edges"])
    measures = [n for n in body["nodes"] if n["group"] == "measure"]
    assert len(measures) >= 38
    if depth == 1:
        assert len(body["nodes"]) == 1 + 38
        assert sum(1 for e in body["edges"] if e["role"] == "lead") == 13


def test_graph_cap_and_measure(api):
    capped = api.get(f"/graph/units/{DISTRICT_FINANCE}", params={"depth": 3, "limit": 20}).json()
    assert len(capped["nodes"]) == 20 and capped["truncated"] is True
    mid = _measure_id(api, 7)
    body = api.get(f"/graph/measures/{mid}", params={"depth": 1}).json()
    units = {n["title"] for n in body["nodes"] if n["group"] in ("unit", "collective")}
    assert {DISTRICT_FINANCE, "区发展改革委", "区人社局", "区税务局"} <= units
    assert any(n["group"] == "task" for n in body["nodes"])
    assert api.get(f"/graph/measures/{mid}", params={"depth": 4}).status_code == 422


# --- canned queries -------------------------------------------------------------------------------

def test_queries_list_only_reads(api):
    body = api.get("/queries").json()
    names = {q["name"] for q in body["data"]}
    assert {"unit_obligations", "counts", "units_list"} <= names
    assert all(q["kind"] == "read" for q in body["data"])
    assert not any(n.startswith("load_") or n == "clear_all" for n in names)
    assert all(q["description"] for q in body["data"])


def test_queries_run(api):
    body = api.get("/queries/unit_obligations", params={"name": DISTRICT_FINANCE}).json()
    assert body["query"] == "unit_obligations" and body["count"] >= 38
    direct = [r for r in body["data"] if not r["shared"]]
    assert sum(1 for r in direct if r["role"] == "lead") == 13
    assert api.get("/queries/counts").json()["count"] > 5


def test_queries_errors(api):
    unknown = api.get("/queries/unit_obligations", params={"name": DISTRICT_FINANCE, "bogus": "1"})
    assert unknown.status_code == 422
    assert {"loc": ["query", "bogus"], "msg": "unknown parameter", "type": "extra_forbidden"} in unknown.json()["errors"]
    assert api.get("/queries/unit_obligations").status_code == 422  # missing name
    assert api.get("/queries/search_measures", params={"q": "财政", "limit": "many"}).status_code == 422
    write = api.get("/queries/clear_all")
    assert write.status_code == 404
    typo = api.get("/queries/unit_obligation")
    assert typo.status_code == 404 and "unit_obligations" in typo.json()["suggestions"]
