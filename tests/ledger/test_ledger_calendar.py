"""The deadline calendar parses with the icalendar library and holds one event per dated
obligation that is not ongoing, one per milestone, and ONE recurring reporting reminder
(RRULE) per document with ongoing obligations (年内持续推进: reported each cycle, not
a wall of events on 12-31), counted independently from the API."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from icalendar import Calendar


def expected_events(api, unit: str) -> int:
    body = api.json(f"/units/{unit}/obligations", params={"limit": 500})
    dated = [m for m in body["data"] if (m.get("deadline") or {}).get("date") and not m["ongoing"]]
    ids = {m["id"] for m in body["data"]}
    milestones = api.json("/deadlines", params={"kind": "milestone", "limit": 500})["data"]
    reminders = {m["document_id"] for m in body["data"] if m["ongoing"]}
    return len(dated) + sum(1 for d in milestones if d["measure_id"] in ids) + len(reminders)


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


def test_ongoing_obligations_are_one_recurring_reminder(api):
    body = api.json("/units/区财政局/obligations", params={"limit": 500})
    ongoing = [m for m in body["data"] if m["ongoing"]]
    assert len(ongoing) >= 40  # most of 区财政局's obligations are 年内持续推进 / 长期坚持
    # every ongoing one is dated 12-31 by the grammar: none of them becomes an event that day
    year_end = [m for m in body["data"] if (m.get("deadline") or {}).get("date") == "2022-12-31" and not m["ongoing"]]
    events = list(calendar(api, "区财政局").walk("VEVENT"))
    assert sum(1 for e in events if e.decoded("DTSTART") == date(2022, 12, 31)) == len(year_end)
    recurring = [e for e in events if "RRULE" in e]
    assert len(recurring) == len({m["document_id"] for m in ongoing}) == 1
    rule = recurring[0]["RRULE"]
    assert rule["FREQ"] == ["MONTHLY"] and rule["INTERVAL"] == [3] and rule["BYMONTHDAY"] == [-1]  # quarterly
    assert rule["UNTIL"] == [date(2022, 12, 31)]
    assert recurring[0].decoded("DTSTART") == date(2022, 9, 30)  # published 2022-07-27: first quarter end after it
    text = str(recurring[0]["DESCRIPTION"])
    assert f"{len(ongoing)} 项持续推进" in text and all(m["id"] in text for m in ongoing)
