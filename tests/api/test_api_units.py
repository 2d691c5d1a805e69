"""Units and obligations over real HTTP, checked against facts counted by hand from the seed."""

from __future__ import annotations

import re

from seed_facts import (
    DISTRICT_FINANCE,
    FINANCE_JOINT_NUMBERS,
    FINANCE_LEADS,
    FINANCE_SUPPORTS,
    MEASURE_7_SUPPORTS,
    SHARED_COLLECTIVE,
    SHARED_NUMBERS_AT_LEAST,
)


def _plain(text: str) -> str:
    return re.sub(r"<[^>]+>", "", text or "").strip()


def _matches(measures: list[dict], expected: list[tuple[int, str]]) -> bool:
    """Every expected (number, text start) found exactly once, and nothing else."""
    remaining = list(measures)
    for number, start in expected:
        hit = [m for m in remaining if m["number"] == number and _plain(m["text"]).startswith(start)]
        if len(hit) != 1:
            return False
        remaining.remove(hit[0])
    return not remaining


def _obligations(api, **params) -> dict:
    r = api.get(f"/units/{DISTRICT_FINANCE}/obligations", params={"limit": 500, **params})
    assert r.status_code == 200, r.text
    return r.json()


def test_units_list_counts_for_finance(api):
    r = api.get("/units", params={"q": "财政"})
    assert r.status_code == 200
    body = r.json()
    assert body["count"] == len(body["data"]) >= 2
    row = next(u for u in body["data"] if u["name"] == DISTRICT_FINANCE)
    assert (row["lead"], row["support"], row["joint"]) == (
        len(FINANCE_LEADS), len(FINANCE_SUPPORTS), len(FINANCE_JOINT_NUMBERS))
    assert row["shared"] >= len(SHARED_NUMBERS_AT_LEAST)
    assert row["government"] == "西青区人民政府"


def test_units_list_filters(api):
    district = api.get("/units", params={"government": "西青区人民政府", "limit": 500}).json()
    assert district["count"] > 10
    assert all(u["government"] == "西青区人民政府" for u in district["data"])
    names = [u["name"] for u in district["data"]]
    assert names == sorted(names)
    page = api.get("/units", params={"government": "西青区人民政府", "limit": 5, "offset": 5}).json()
    assert [u["name"] for u in page["data"]] == names[5:10]
    assert page["count"] == district["count"]


def test_unit_get_canonical_json_suffix_and_alias(api):
    r = api.get(f"/units/{DISTRICT_FINANCE}")
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/json; charset=utf-8"
    assert "区财政局" in r.content.decode("utf-8")  # not \\u-escaped
    body = r.json()
    assert body["name"] == DISTRICT_FINANCE
    assert SHARED_COLLECTIVE in body["collectives"]
    assert isinstance(body["counterparts"], list) and isinstance(body["branches"], list)
    assert api.get(f"/units/{DISTRICT_FINANCE}.json").json()["name"] == DISTRICT_FINANCE
    for alias in body["aliases"]:
        assert api.get(f"/units/{alias}").json()["name"] == DISTRICT_FINANCE


def test_unknown_unit_suggests_close_match(api):
    r = api.get("/units/区财政")
    assert r.status_code == 404
    body = r.json()
    assert body["ok"] is False and body["status"] == 404
    assert DISTRICT_FINANCE in body["suggestions"]


def test_obligations_lead_support_joint_match_seed(api):
    body = _obligations(api, include_shared="false")
    by_role: dict[str, list[dict]] = {}
    for m in body["data"]:
        by_role.setdefault(m["role"], []).append(m)
    assert _matches(by_role.get("lead", []), FINANCE_LEADS)
    assert _matches(by_role.get("support", []), FINANCE_SUPPORTS)
    assert sorted(m["number"] for m in by_role.get("joint", [])) == FINANCE_JOINT_NUMBERS
    assert "shared" not in by_role
    assert body["counts"] == {"lead": 13, "support": 6, "joint": 19}
    assert body["count"] == 38
    assert [g["role"] for g in body["groups"]] == ["lead", "support", "joint"]


def test_obligations_measure_detail(api):
    body = _obligations(api, role="lead", task=3)
    m7 = next(m for m in body["data"] if m["number"] == 7)
    assert _plain(m7["text"]).startswith("积极统筹中央")
    assert m7["task"]["number"] == 3 and m7["task"]["title"]
    assert m7["deadline"]["kind"] == "due" and m7["deadline"]["date"] == "2022-12-31"
    supports = [c["unit"] for c in m7["co_responsible"] if c["role"] == "support"]
    assert supports == MEASURE_7_SUPPORTS
    assert DISTRICT_FINANCE not in [c["unit"] for c in m7["co_responsible"]]
    assert isinstance(m7["targets"], list)
    assert m7["city_measures"] == [] or all("id" in x for x in m7["city_measures"])
    assert isinstance(m7["district_measures"], list)


def test_obligations_shared_through_collective(api):
    body = _obligations(api, role="shared")
    assert body["data"] and all(m["role"] == "shared" for m in body["data"])
    district = [m for m in body["data"] if m["level"] == "district"]
    via = {v["unit"] for m in district for v in m["via"]}
    assert SHARED_COLLECTIVE in via
    numbers = {m["number"] for m in district if any(v["unit"] == SHARED_COLLECTIVE for v in m["via"])}
    assert set(SHARED_NUMBERS_AT_LEAST) <= numbers
    direct = {m["id"] for m in _obligations(api, include_shared="false")["data"]}
    assert not direct & {m["id"] for m in body["data"]}


def test_obligations_filters_and_paging(api):
    full = _obligations(api)
    ids = [m["id"] for m in full["data"]]
    assert len(ids) == full["count"] == len(set(ids))
    roles = [m["role"] for m in full["data"]]
    order = {"lead": 0, "support": 1, "joint": 2, "shared": 3}
    assert roles == sorted(roles, key=order.__getitem__)
    p1 = api.get(f"/units/{DISTRICT_FINANCE}/obligations", params={"limit": 7}).json()
    p2 = api.get(f"/units/{DISTRICT_FINANCE}/obligations", params={"limit": 7, "offset": 7}).json()
    assert [m["id"] for m in p1["data"] + p2["data"]] == ids[:14]
    early = _obligations(api, due_before="2022-06-30", include_shared="false")
    assert all(m["deadline"] and m["deadline"]["date"] <= "2022-06-30" for m in early["data"])
    late = _obligations(api, due_after="2022-12-01", include_shared="false")
    assert all(m["deadline"]["date"] >= "2022-12-01" for m in late["data"])
    assert early["count"] + late["count"] <= 38
    docs = api.get("/documents").json()["data"]
    district = next(d["id"] for d in docs if d["level"] == "district")
    by_doc = _obligations(api, document=district, include_shared="false")
    assert by_doc["count"] == 38
    city = next(d["id"] for d in docs if d["level"] == "city")
    assert _obligations(api, document=city, include_shared="false")["count"] == 0
    two = _obligations(api, role=["lead", "support"])
    assert two["count"] == 19


def test_obligations_bad_params(api):
    for params in ({"role": "boss"}, {"due_before": "not-a-date"}, {"limit": 0}, {"task": "x"}):
        r = api.get(f"/units/{DISTRICT_FINANCE}/obligations", params=params)
        assert r.status_code == 422, params
        assert r.json()["errors"]
