"""The deadline calendar parses with the icalendar library and holds one event per dated
obligation (milestones included), counted independently from the API."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from icalendar import Calendar


def expected_events(api, unit: str) -> int:
    body = api.json(f"/units/{unit}/obligations", params={"limit": 500})
    dated = [m for m in body["data"] if (m.get("deadline") or {}).get("date")]
    ids = {m["id"] for m in body["data"]}
    milestones = api.json("/deadlines", params={"kind": "milestone", "limit": 500})["data"]
    return len(dated) + sum(1 for d in milestones if d["measure_id"] in ids)


def calendar(api, unit: str) -> Calendar:
    r = api.get(f"/units/{unit}/deadlines.ics")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/calendar")
    return Calendar.from_ical(r.content)


@pytest.mark.parametrize("unit", ["区财政局", "市财政局"])
def test_one_event_per_dated_obligation(api, unit):
    events = list(calendar(api, unit).walk("VEVENT"))
    assert len(events) == expected_events(api, unit) > 0
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids)
    for e in events:
        start = e.decoded("DTSTART")
        assert isinstance(start, date) and not isinstance(start, datetime)  # all-day
        assert str(e["SUMMARY"]).startswith("【")


def test_milestones_are_events(api):
    events = list(calendar(api, "市财政局").walk("VEVENT"))
    milestones = [e for e in events if "节点" in str(e["SUMMARY"])]
    assert any(e.decoded("DTSTART") == date(2022, 4, 30) for e in milestones)  # 4月底前出台相关政策
    assert any("4月底前出台相关政策" in str(e["SUMMARY"]) for e in milestones)


def test_chinese_summary_and_stable_uids(api):
    first = calendar(api, "区财政局")
    again = calendar(api, "区财政局")
    assert [str(e["UID"]) for e in first.walk("VEVENT")] == [str(e["UID"]) for e in again.walk("VEVENT")]
    summaries = [str(e["SUMMARY"]) for e in first.walk("VEVENT")]
    assert any("财政" in s for s in summaries)
    assert str(first["X-WR-CALNAME"]) == "区财政局完成时限"
