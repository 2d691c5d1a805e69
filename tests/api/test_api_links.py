"""GET /links/decisions over real HTTP, on both stores: the reviewed decisions in force,
under today's measure ids, with whether each pair is linked now; unknown documents 404.

Decisions are appended to the served store directly (graph.linking.decision_store)
and the server is session-wide, so they are chosen to leave every other test's links as
the seeds make them, even after an upload relinks: a confirmation of a link the matcher
makes, a rejection of a pair it never proposes (district 16.6 is local), an orphan."""

from __future__ import annotations

from urllib.parse import quote

from pydantic import TypeAdapter

from graph.linking.decision_store import DecisionRecord, append_decisions
from queries import answers as A

D = "西青区人民政府-2022-07-27"
C = "天津市人民政府-2022-05-06"


def test_link_decisions_route(api) -> None:
    store = api.store
    linked = store.read("review_measure_links", {"document": D})[0]
    lower = store.read("review_measures", {"ids": [linked["lower_id"], f"{D}:16.6", f"{C}:16.3"]})
    text = {m["id"]: m["text"] for m in lower}
    at = "2026-12-02T08:00:00.000000Z"
    append_decisions(store, [
        DecisionRecord(linked["lower_id"], linked["upper_id"], text[linked["lower_id"]], linked["upper_text"],
                       "confirmed", "张三", at, "review.xlsx", "措施链接!2", "核对无误"),
        DecisionRecord(f"{D}:16.6", f"{C}:16.3", text[f"{D}:16.6"], text[f"{C}:16.3"], "rejected", "张三", at,
                       "review.xlsx", "本地措施!3"),
        DecisionRecord(f"{D}:16.6", "天津市人民政府-2022-05-06:99.1", "已删除的措施", "不存在", "rejected", "李四", at,
                       "review.xlsx", "本地措施!4"),
    ])
    r = api.get(f"/links/decisions?document={quote(D)}")
    assert r.status_code == 200, r.text
    body = r.json()
    TypeAdapter(A.LinkDecisions).validate_python(body)
    got = {(d["lower"], d["upper"]): d for d in body["data"]}
    assert body["count"] == 2 and set(got) == {(linked["lower_id"], linked["upper_id"]), (f"{D}:16.6", f"{C}:16.3")}
    first = got[(linked["lower_id"], linked["upper_id"])]
    assert (first["decision"], first["decided_by"], first["note"], first["linked"]) == ("confirmed", "张三", "核对无误", True)
    assert got[(f"{D}:16.6", f"{C}:16.3")]["decision"] == "rejected"
    assert got[(f"{D}:16.6", f"{C}:16.3")]["linked"] is False
    assert [(o["upper_id"], o["decided_by"]) for o in body["orphans"]] == [("天津市人民政府-2022-05-06:99.1", "李四")]
    assert api.get("/links/decisions?document=nope").status_code == 404
