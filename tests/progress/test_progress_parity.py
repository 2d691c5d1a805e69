"""The same progress history gives the same answers on LadybugDB and Neo4j: every
progress read, the current statuses, the states on a date, orphans and the export."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from graph.progress_store import (
    export_progress,
    import_progress,
    latest_status,
    obligation_states,
    progress_history,
    progress_orphans,
    set_report_cycle,
)
from tests.factories import all_documents

NOW = dt.datetime(2023, 3, 1, tzinfo=dt.UTC)


def _line(i: int, oid: str, seq: int, at: str, status: str, **kw: Any) -> str:
    m, _, u = oid.rpartition("|")
    row = {"id": f"p{i:02d}", "obligation_id": oid, "measure_id": m, "unit": u, "seq": seq, "at": at,
           "status": status, "text": None, "evidence": None, "percent": None, "person": None,
           "agency": u, "token_name": f"{u}-t", "source": "api"} | kw
    return json.dumps(row, ensure_ascii=False)


HISTORY = [
    _line(1, "xiqing-2022:4.1|区财政局", 1, "2022-08-01T00:00:00.000000Z", "in_progress", percent=25.0, text="制定方案"),
    _line(2, "xiqing-2022:4.1|区财政局", 2, "2022-08-01T00:00:00.000000Z", "blocked", text="资金未到位"),
    _line(3, "xiqing-2022:4.1|区财政局", 3, "2022-11-20T03:00:00.000000Z", "ongoing", evidence="https://example.org/r.pdf"),
    _line(4, "xiqing-2022:2.1|区人社局", 1, "2022-09-01T00:00:00.000000Z", "in_progress", person="张三"),
    _line(5, "xiqing-2022:1.1|区财政局", 1, "2022-09-02T00:00:00.000000Z", "ongoing"),
    _line(6, "tianjin-2022:7.1|市财政局", 1, "2022-04-20T00:00:00.000000Z", "done", source="ledger"),
    _line(7, "tianjin-2022:7.1|市财政局", 2, "2022-05-20T00:00:00.000000Z", "closed", agency="督查科", token_name="admin-t"),
    _line(8, "tianjin-2021:3.1|市财政局", 1, "2021-06-01T00:00:00.000000Z", "done"),  # an orphan
]
OBLIGATIONS = [
    "xiqing-2022:4.1|区财政局", "xiqing-2022:2.1|区人社局", "xiqing-2022:2.1|区发展改革委",
    "xiqing-2022:1.1|区财政局", "tianjin-2022:7.1|市财政局", "tianjin-2022:4.1|市财政局", "tianjin-2021:3.1|市财政局",
]


def _answers(store: Any) -> dict[str, Any]:
    for p in all_documents():
        store.load(p)
    res = import_progress(store, HISTORY, now=NOW)
    assert (res.added, res.errors) == (8, [])
    set_report_cycle(store, "tianjin-2022", "monthly")
    out: dict[str, Any] = {
        "export": list(export_progress(store)),
        "orphans": progress_orphans(store),
        "unit": latest_status(store, unit="区财政局"),
        "measures": latest_status(store, measure_ids=["xiqing-2022:4.1", "tianjin-2022:7.1"]),
        "last_seq": store.read("progress_last_seq", {"ids": OBLIGATIONS}),
        "units": store.read("obligation_units", {"ids": ["xiqing-2022:1.1", "xiqing-2022:11.1", "tianjin-2022:2.1"]}),
        "collectives": store.read("units_collectives", {"names": ["区财政局", "市财政局", "有关部门"]}),
        "measure_rows": store.read("obligation_measures", {"ids": [o.split("|")[0] for o in OBLIGATIONS]}),
    }
    for oid in OBLIGATIONS:
        out[oid] = progress_history(store, oid)
    for day in ("2022-09-30", "2022-10-01", "2022-12-31", "2023-01-01"):
        out[day] = obligation_states(store, OBLIGATIONS, day)
    return out


@pytest.mark.neo4j
def test_same_answers_on_both_stores(ladybug_store: Any, neo4j_store: Any) -> None:
    a, b = _answers(ladybug_store), _answers(neo4j_store)
    assert a == b
    # and they are the right answers (by hand, from HISTORY)
    assert [r["id"] for r in a["orphans"]] == ["p08"]
    assert a["unit"]["xiqing-2022:4.1|区财政局"]["id"] == "p03"
    assert [r["id"] for r in a["xiqing-2022:4.1|区财政局"]] == ["p01", "p02", "p03"]  # same at: by seq
    assert a["measures"]["tianjin-2022:7.1|市财政局"]["status"] == "closed"
    s = a["2023-01-01"]
    assert s["xiqing-2022:2.1|区人社局"]["overdue"] and s["xiqing-2022:2.1|区发展改革委"]["overdue"]
    assert not s["tianjin-2022:7.1|市财政局"]["overdue"]  # closed
    assert s["xiqing-2022:4.1|区财政局"]["report_due"]  # Q4's report does not cover Q1
    assert not a["2022-12-31"]["xiqing-2022:4.1|区财政局"]["report_due"]
    assert a["2022-10-01"]["xiqing-2022:1.1|区财政局"]["report_due"]  # last report in Q3
    assert a["2022-09-30"]["tianjin-2022:4.1|市财政局"]["report_due"]  # monthly, never reported
    assert s["tianjin-2021:3.1|市财政局"]["missing"]
    assert {r["seq"] for r in a["last_seq"]} == {1, 2, 3}
