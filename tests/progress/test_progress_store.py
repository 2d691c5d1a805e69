"""Progress in the store, on both engines (the ``store`` fixture): append-only history,
all-or-nothing batches with per-row errors, token scopes, progress surviving reloads,
other documents and relinking, orphans, reporting cycles, export -> clear -> import."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import pytest

from graph.linking import link_store
from graph.model import NotFoundError
from graph.progress import ProgressError, ProgressUpdate
from graph.progress_store import (
    append_progress,
    export_progress,
    import_progress,
    latest_status,
    obligation_states,
    progress_history,
    progress_orphans,
    set_report_cycle,
)
from graph.tokens import create_token
from tests.factories import all_documents, city_document, without_measure

NOW = dt.datetime(2023, 1, 10, 2, 0, tzinfo=dt.UTC)
FIN = "xiqing-2022:4.1|区财政局"  # ongoing (年内持续推进), 区财政局 named jointly
CITY_71 = "tianjin-2022:7.1|市财政局"  # due 2022-12-31, 市财政局 leads
CITY_41 = "tianjin-2022:4.1|市财政局"  # ongoing, 市财政局 leads
CITY_72 = "tianjin-2022:7.2|市财政局"  # no deadline


@pytest.fixture
def loaded(store: Any) -> Any:
    for p in all_documents():
        store.load(p)
    return store


def _u(oid: str, status: str, at: str, **kw: Any) -> ProgressUpdate:
    return ProgressUpdate(oid, status, at=at, **kw)


def _strip(rows: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return [(r["obligation_id"], r["seq"], r["at"], r["status"], r["text"], r["percent"]) for r in rows]


def test_history_is_appended_in_time_order(loaded: Any) -> None:
    fin = create_token(loaded, agency="区财政局", name="区财政局-王").info
    first = append_progress(loaded, [_u(FIN, "推进中", "2022-08-01T01:00:00Z", text="制定方案", percent=20)], fin, now=NOW)
    assert first.errors == [] and len(first.written) == 1
    before = progress_history(loaded, FIN)
    # one batch: an older update given after a newer one -- the history sorts by time, then seq
    second = append_progress(
        loaded,
        [_u(FIN, "受阻", "2022-10-09T01:00:00Z", text="资金未到位"), _u(FIN, "持续推进", "2022-09-01T01:00:00Z")],
        fin,
        now=NOW,
    )
    assert second.errors == []
    hist = progress_history(loaded, FIN)
    assert _strip(hist) == [
        (FIN, 1, "2022-08-01T01:00:00.000000Z", "in_progress", "制定方案", 20.0),
        (FIN, 3, "2022-09-01T01:00:00.000000Z", "ongoing", None, None),
        (FIN, 2, "2022-10-09T01:00:00.000000Z", "blocked", "资金未到位", None),
    ]
    assert hist[0] == before[0]  # the first update is untouched (append-only)
    assert {r["token_name"] for r in hist} == {"区财政局-王"} and {r["agency"] for r in hist} == {"区财政局"}
    assert latest_status(loaded, unit="区财政局")[FIN]["status"] == "blocked"
    assert latest_status(loaded, measure_ids=["xiqing-2022:4.1"])[FIN] == hist[-1]
    assert latest_status(loaded, measure_ids=["tianjin-2022:7.1"]) == {}


def test_a_batch_with_a_bad_row_applies_nothing(loaded: Any) -> None:
    fin = create_token(loaded, agency="区财政局").info
    batch = [
        _u(FIN, "推进中", "2022-08-01"),  # 0: fine
        _u(FIN, "差不多了", "2022-08-01"),  # 1: unknown status
        _u(FIN, "推进中", "2023-02-01"),  # 2: in the future (NOW is 2023-01-10)
        _u("xiqing-2022:2.1|区人社局", "推进中", "2022-08-01"),  # 3: another agency's row
        _u("xiqing-2022:99.1|区财政局", "推进中", "2022-08-01"),  # 4: no such measure
        _u("xiqing-2022:2.1|区财政局", "推进中", "2022-08-01"),  # 5: 区财政局 is not named on 2.1
        _u(FIN, "已销号", "2022-08-01"),  # 6: only the supervising office closes
    ]
    res = append_progress(loaded, batch, fin, now=NOW)
    assert res.written == [] and [e.row for e in res.errors] == [1, 2, 3, 4, 5, 6]
    reasons = [e.reason for e in res.errors]
    assert "unknown status" in reasons[0] and "in the future" in reasons[1]
    assert "only 区财政局's obligations" in reasons[2] and "no measure xiqing-2022:99.1" in reasons[3]
    assert "not responsible" in reasons[4] and "supervising office" in reasons[5]
    assert loaded.read("progress_all", {}) == []
    only = append_progress(loaded, batch, fin, now=NOW, valid_only=True)
    assert len(only.written) == 1 and len(only.errors) == 6
    assert _strip(progress_history(loaded, FIN)) == [(FIN, 1, "2022-07-31T16:00:00.000000Z", "in_progress", None, None)]


def test_scopes_collectives_and_closing(loaded: Any) -> None:
    fin = create_token(loaded, agency="区财政局").info
    admin = create_token(loaded, admin=True, name="督查科").info
    # 区政府各部门 holds xiqing-2022:1.1: it reaches 区财政局, a member department
    via = append_progress(loaded, [_u("xiqing-2022:1.1|区财政局", "持续推进", "2022-08-01")], fin, now=NOW)
    assert via.errors == [] and len(via.written) == 1
    # ... but the collective's own obligation is not 区财政局's to report
    own = append_progress(loaded, [_u("xiqing-2022:1.1|区政府各部门", "持续推进", "2022-08-01")], fin, now=NOW)
    assert own.written == [] and "only 区财政局's" in own.errors[0].reason
    # 有关部门 in a district document is the district's: it reaches 区财政局 too
    rel = append_progress(loaded, [_u("xiqing-2022:11.1|区财政局", "推进中", "2022-08-01")], fin, now=NOW)
    assert rel.errors == []
    # 市政府各部门 (the city's collective) does not reach a district department
    none = append_progress(loaded, [_u("tianjin-2022:1.1|区财政局", "推进中", "2022-08-01")], fin, now=NOW)
    assert "not responsible" in none.errors[0].reason
    closed = append_progress(loaded, [_u(FIN, "已销号", "2022-12-31"), _u("xiqing-2022:1.1|区政府各部门", "done", "2022-12-31")], admin, now=NOW)
    assert closed.errors == [] and [r["token_name"] for r in closed.written] == ["督查科", "督查科"]
    assert closed.written[0]["agency"] is None  # an admin reports as itself unless told


def test_states_overdue_and_report_due(loaded: Any) -> None:
    fin = create_token(loaded, agency="市财政局").info
    append_progress(loaded, [_u(CITY_41, "持续推进", "2022-11-02T01:00:00Z")], fin, now=NOW)
    ids = [CITY_71, CITY_41, CITY_72]
    s = obligation_states(loaded, ids, "2022-12-31")
    assert [s[i]["overdue"] for i in ids] == [False, False, False]  # due on 12-31 itself: on time
    assert s[CITY_41]["ongoing"] and not s[CITY_41]["report_due"] and s[CITY_41]["cycle"] == "2022-Q4"
    s = obligation_states(loaded, ids, "2023-01-01")
    assert s[CITY_71]["overdue"] and s[CITY_71]["status"] == "not_started"
    assert not s[CITY_72]["overdue"]  # no deadline
    assert not s[CITY_41]["overdue"] and s[CITY_41]["report_due"]  # a new quarter, no report in it
    set_report_cycle(loaded, "tianjin-2022", "每月")
    s = obligation_states(loaded, [CITY_41], "2022-12-15")
    assert s[CITY_41]["report_cycle"] == "monthly" and s[CITY_41]["report_due"]  # November's does not cover December
    append_progress(loaded, [_u(CITY_71, "已完成", "2022-12-20")], fin, now=NOW)
    assert not obligation_states(loaded, [CITY_71], "2023-01-01")[CITY_71]["overdue"]


def test_report_cycle_setting(loaded: Any) -> None:
    assert loaded.read("document_report_cycle", {"id": "xiqing-2022"}) == [{"id": "xiqing-2022", "report_cycle": "quarterly"}]
    assert set_report_cycle(loaded, "xiqing-2022", "monthly") == "monthly"
    loaded.load(all_documents()[1])  # a reload keeps the setting
    assert loaded.read("document_report_cycle", {"id": "xiqing-2022"})[0]["report_cycle"] == "monthly"
    with pytest.raises(ProgressError):
        set_report_cycle(loaded, "xiqing-2022", "weekly")
    with pytest.raises(NotFoundError):
        set_report_cycle(loaded, "no-such-document", "monthly")


def test_progress_survives_a_reload_with_a_measure_edited_and_one_removed(loaded: Any) -> None:
    fin = create_token(loaded, agency="市财政局").info
    res = append_progress(
        loaded,
        [_u(CITY_71, "推进中", "2022-06-01"), _u(CITY_41, "持续推进", "2022-06-02"), _u(CITY_72, "已完成", "2022-06-03")],
        fin,
        now=NOW,
    )
    assert res.errors == []
    before = {oid: progress_history(loaded, oid) for oid in (CITY_71, CITY_41, CITY_72)}
    edited = without_measure(city_document(), "tianjin-2022:7.1")
    m41 = next(m for m in edited.measures if m.id == "tianjin-2022:4.1")
    m41.text += "（修订）"
    loaded.load(edited)
    assert loaded.read("measure_get", {"id": "tianjin-2022:7.1"}) == []
    assert {oid: progress_history(loaded, oid) for oid in before} == before  # nothing lost
    orphans = progress_orphans(loaded)
    assert [r["obligation_id"] for r in orphans] == [CITY_71] and orphans == before[CITY_71]
    assert obligation_states(loaded, [CITY_71], "2023-01-01")[CITY_71]["missing"] is True
    # an edited measure keeps its id and so its obligations: still writable
    assert append_progress(loaded, [_u(CITY_41, "持续推进", "2022-12-01")], fin, now=NOW).errors == []
    # the removed one is not
    assert "no measure" in append_progress(loaded, [_u(CITY_71, "已完成", "2022-12-01")], fin, now=NOW).errors[0].reason
    loaded.load(city_document())  # the measure comes back: its history is whole again, no orphan
    assert progress_orphans(loaded) == [] and progress_history(loaded, CITY_71) == before[CITY_71]


def test_progress_survives_other_documents_and_relinking(loaded: Any) -> None:
    fin = create_token(loaded, agency="区财政局").info
    city = create_token(loaded, agency="市财政局").info
    append_progress(loaded, [_u(FIN, "推进中", "2022-08-01")], fin, now=NOW)
    append_progress(loaded, [_u(CITY_71, "推进中", "2022-08-02")], city, now=NOW)
    before = export_lines(loaded)
    link_store(loaded)
    other = copy.deepcopy(city_document("tianjin-2023"))
    loaded.load(other)
    loaded.load_many(all_documents())  # a `policygraph load` of the same documents again
    link_store(loaded)
    assert export_lines(loaded) == before and progress_orphans(loaded) == []


def export_lines(store: Any) -> list[str]:
    return list(export_progress(store))


def test_export_clear_reload_import_gives_the_same_history(loaded: Any) -> None:
    fin = create_token(loaded, agency="区财政局").info
    city = create_token(loaded, agency="市财政局").info
    append_progress(loaded, [_u(FIN, "推进中", "2022-08-01", percent=10, evidence="http://x/1", person="王某")], fin, now=NOW)
    append_progress(loaded, [_u(FIN, "持续推进", "2022-11-01"), _u("xiqing-2022:1.1|区财政局", "推进中", "2022-11-01")], fin, now=NOW)
    append_progress(loaded, [_u(CITY_71, "已完成", "2022-12-01", text="已出台政策")], city, now=NOW)
    lines = export_lines(loaded)
    assert len(lines) == 4
    answers = (progress_history(loaded, FIN), latest_status(loaded, unit="区财政局"), progress_orphans(loaded))
    loaded.clear()
    assert loaded.read("progress_all", {}) == []  # a full clear is the one thing that removes progress
    for p in all_documents():
        loaded.load(p)
    res = import_progress(loaded, lines, now=NOW)
    assert (res.added, res.skipped, res.errors) == (4, 0, [])
    assert export_lines(loaded) == lines
    assert (progress_history(loaded, FIN), latest_status(loaded, unit="区财政局"), progress_orphans(loaded)) == answers
    again = import_progress(loaded, lines + lines[:1], now=NOW)  # idempotent by id
    assert (again.added, again.skipped) == (0, 4) and export_lines(loaded) == lines


def test_import_refuses_a_bad_file_whole(loaded: Any) -> None:
    good = (
        '{"id": "a1", "obligation_id": "xiqing-2022:4.1|区财政局", "seq": 1, "at": "2022-08-01T00:00:00.000000Z",'
        ' "status": "in_progress", "token_name": "old", "source": "ledger"}'
    )
    bad = [
        "not json",
        '{"id": "a2", "obligation_id": "xiqing-2022:4.1|区财政局", "seq": 2, "at": "2022-08-02T00:00:00Z"}',
        '{"id": "a3", "obligation_id": "xiqing-2022:4.1|区财政局", "seq": 3, "at": "2022-08-02T00:00:00Z", "status": "x"}',
        '{"id": "a4", "obligation_id": "xiqing-2022:4.1|区财政局", "measure_id": "xiqing-2022:2.1", "seq": 4, "at": "2022-08-02T00:00:00Z", "status": "done"}',
        '{"id": "a5", "obligation_id": "xiqing-2022:4.1|区财政局", "seq": 0, "at": "2022-08-02T00:00:00Z", "status": "done"}',
    ]
    res = import_progress(loaded, [good, *bad], now=NOW)
    assert res.added == 0 and [e.row for e in res.errors] == [1, 2, 3, 4, 5]
    assert "missing status" in res.errors[1].reason and "does not match" in res.errors[3].reason
    assert loaded.read("progress_all", {}) == []
    ok = import_progress(loaded, [good, '{"id": "o1", "obligation_id": "gone:1.1|区财政局", "seq": 1, '
                                       '"at": "2022-08-01T00:00:00Z", "status": "done"}'], now=NOW)
    assert ok.added == 2  # an update of a measure not loaded is kept, as an orphan
    assert [r["id"] for r in progress_orphans(loaded)] == ["o1"]
    assert progress_history(loaded, FIN)[0]["token_name"] == "old"


def test_export_pages_in_order(loaded: Any) -> None:
    fin = create_token(loaded, agency="区财政局").info
    batch = [_u(FIN, "推进中", f"2022-08-01T00:00:{i:02d}Z") for i in range(7)]
    append_progress(loaded, batch, fin, now=NOW)
    from graph import progress_store

    whole = [r["id"] for r in progress_store._all_rows(loaded, page=100)]
    assert [r["id"] for r in progress_store._all_rows(loaded, page=3)] == whole and len(whole) == 7
