"""One error envelope for every error, on every endpoint (datasette-style, locked by one test)."""

from __future__ import annotations

import pytest

ENVELOPE_KEYS = {"ok", "status", "error", "errors", "suggestions"}

# (method, path, params, expected status): one failing request per endpoint, plus FastAPI's own errors.
BAD_REQUESTS = [
    ("GET", "/units", {"limit": "0"}, 422),
    ("GET", "/units/区财政", {}, 404),
    ("GET", "/units/区财政.json", {}, 404),
    ("GET", "/units/区财政/obligations", {}, 404),
    ("GET", "/units/区财政局/obligations", {"due_before": "2022-13-45"}, 422),
    ("GET", "/units/区财政/ledger.xlsx", {}, 404),
    ("GET", "/units/区财政/ledger.csv", {}, 404),
    ("GET", "/units/区财政/deadlines.ics", {}, 404),
    ("GET", "/quality", {}, None),
    ("GET", "/workload", {"by": "year"}, 422),
    ("GET", "/workload/counterparts", {"unit": "没有这个单位"}, 404),
    ("GET", "/workload/counterparts", {}, 422),
    ("GET", "/measures", {"task": "第三"}, 422),
    ("GET", "/measures/none:9.9", {}, 404),
    ("GET", "/measures/none:9.9.json", {}, 404),
    ("GET", "/measures/none:9.9/chain", {}, 404),
    ("GET", "/documents", {"offset": "-1"}, 422),
    ("GET", "/documents/none", {}, 404),
    ("GET", "/documents/none.json", {}, 404),
    ("GET", "/documents/none/tasks", {}, 404),
    ("POST", "/documents", {}, 401),
    ("POST", "/documents/preview", {}, 401),
    ("GET", "/deadlines", {"from": "2022-12-31", "to": "2022-01-01"}, 422),
    ("GET", "/deadlines", {"as_of": "yesterday"}, 422),
    ("GET", "/targets", {"indicator": "x" * 300}, 422),
    ("GET", "/network/collaboration", {"unit": "区财政"}, 404),
    ("GET", "/network/collaboration", {"top": "0"}, 422),
    ("GET", "/graph/units/区财政", {}, 404),
    ("GET", "/graph/units/区财政局", {"depth": "9"}, 422),
    ("GET", "/graph/units/区财政/overview", {}, 404),
    ("GET", "/graph/units/区财政局/overview", {"budget": "2"}, 422),
    ("GET", "/graph/units/区财政局/overview", {"role": "boss"}, 422),
    ("GET", "/graph/measures/none:1.1", {}, 404),
    ("GET", "/graph/measures/none:1.1", {"limit": "0"}, 422),
    ("GET", "/links/decisions", {"document": "none"}, 404),
    ("GET", "/healthz", {}, None),  # no user input: listed to show it was considered
    ("GET", "/queries", {}, None),  # no error possible: listed to show it was considered
    ("GET", "/queries/no_such_query", {}, 404),
    ("GET", "/queries/unit_get", {"nope": "1"}, 422),
    ("GET", "/obligations/not-an-obligation/progress", {}, 422),
    ("GET", "/obligations/none:9.9|区财政局/progress", {}, 404),
    ("POST", "/obligations/none:9.9|区财政局/progress", {}, 401),
    ("GET", "/progress", {"as_of": "2022-13-45"}, 422),
    ("GET", "/progress", {"status": "差不多"}, 422),
    ("GET", "/progress", {"document": "none"}, 404),
    ("GET", "/progress/statuses", {}, None),  # no user input
    ("GET", "/progress/orphans", {}, None),  # no user input
    ("GET", "/progress/chain/none:9.9", {}, 404),
    ("POST", "/units/区财政局/ledger.xlsx", {}, 401),
    ("POST", "/units/区财政局/ledger.csv", {}, 401),
    ("GET", "/units/区财政局/obligations", {"status": "差不多"}, 422),
    ("GET", "/no/such/route", {}, 404),
    ("DELETE", "/units", {}, 405),
    ("PUT", "/documents", {}, 405),
]


@pytest.mark.parametrize(("method", "path", "params", "status"), BAD_REQUESTS,
                         ids=[f"{m} {p} {s}" for m, p, _, s in BAD_REQUESTS])
def test_error_envelope(api, method, path, params, status):
    r = api.client.request(method, path, params=params)
    if status is None:
        assert r.status_code == 200
        return
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert set(body) == ENVELOPE_KEYS
    assert body["ok"] is False and body["status"] == status
    assert isinstance(body["error"], str) and body["error"]
    assert isinstance(body["errors"], list) and isinstance(body["suggestions"], list)
    if status == 422 and path != "/queries/unit_get":
        assert body["errors"] and all({"loc", "msg", "type"} <= set(e) for e in body["errors"])


def test_every_endpoint_has_an_error_case(api):
    """A new endpoint must be added to BAD_REQUESTS (and so get its envelope checked)."""
    spec = api.get("/openapi.json").json()
    covered = set()
    for method, path, _, _ in BAD_REQUESTS:
        for template in spec["paths"]:
            parts, got = template.strip("/").split("/"), path.strip("/").split("/")
            if len(parts) == len(got) and all(a.startswith("{") or a == b for a, b in zip(parts, got, strict=True)):
                covered.add((method.lower(), template))
    operations = {(m, p) for p, ops in spec["paths"].items() for m in ops}
    assert operations <= covered, sorted(operations - covered)


def test_openapi_has_chinese_examples_and_stable_ids(api):
    spec = api.get("/openapi.json").json()
    ids = [op["operationId"] for ops in spec["paths"].values() for op in ops.values()]
    assert len(ids) == len(set(ids))
    assert "units-get_unit_obligations" in ids and "units-get_unit" in ids
    text = api.get("/openapi.json").content.decode("utf-8")
    assert "区财政局" in text and "error" in spec["components"]["schemas"]["ErrorBody"]["properties"]
    assert api.get("/docs").status_code == 200


def test_cors_not_open_by_default(api):
    r = api.client.options("/units", headers={"Origin": "http://evil.example", "Access-Control-Request-Method": "GET"})
    assert "access-control-allow-origin" not in r.headers
