"""The answer caches never serve a stale answer: a document changed through POST
/documents is seen by the very next request (read cache and response cache alike)."""

from __future__ import annotations

import threading

from apiserver import SEEDS, TOKEN
from seed_facts import DISTRICT_FINANCE

from api.cache import LRU, CachedStore

DISTRICT = "西青区人民政府-2022-07-27"
OLD_RESP = "区财政局牵头，区政务服务办、区机关事务管理局等按职责分工负责"
NEW_RESP = "区审计局牵头，区财政局、区政务服务办、区机关事务管理局等按职责分工负责"
OLD_TEXT = "坚持政府过紧日子，"
NEW_TEXT = "坚持政府过紧日子（修订），"


def _post(api, name: str, text: str):
    r = api.client.post("/documents", files={"file": (name, text.encode("utf-8"), "text/plain")},
                        headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 201, r.text
    return r.json()


def _state(api) -> tuple[dict, dict, dict]:
    obligations = api.get(f"/units/{DISTRICT_FINANCE}/obligations", params={"include_shared": "false"}).json()
    measure = api.get(f"/measures/{DISTRICT}:9.1").json()
    workload = api.get("/workload", params={"document": DISTRICT}).json()
    fin = next(r for r in workload["data"] if r["unit"] == DISTRICT_FINANCE)
    return obligations, measure, fin


def test_changed_document_is_served_at_once(api):
    seed = next(p for p in SEEDS if "xiqing" in p.name)
    original = seed.read_text(encoding="utf-8")
    assert original.count(OLD_RESP) == 1 and original.count(OLD_TEXT) == 1
    changed = original.replace(OLD_RESP, NEW_RESP).replace(OLD_TEXT, NEW_TEXT)
    for _ in range(2):  # twice: the second answers come from the caches
        before = _state(api)
    assert before[0]["counts"] == {"lead": 13, "support": 6, "joint": 19}
    assert before[1]["text"].startswith(OLD_TEXT)
    try:
        body = _post(api, seed.name, changed)
        assert body["links"]["ok"] is True and body["links"]["tasks"] == 38
        obligations, measure, fin = _state(api)
        assert obligations["counts"] == {"lead": 12, "support": 7, "joint": 19}
        m9 = next(m for m in obligations["data"] if m["id"] == f"{DISTRICT}:9.1")
        assert m9["role"] == "support" and m9["text"].startswith(NEW_TEXT)
        assert measure["text"].startswith(NEW_TEXT)
        assert {r["unit"]: r["role"] for r in measure["responsible"]}["区审计局"] == "lead"
        assert (fin["lead"], fin["support"]) == (12, 7)
        # the changed measure is linked again (same city measure above)
        assert [c["id"] for c in m9["city_measures"]] == ["天津市人民政府-2022-05-06:9.1"]
    finally:
        _post(api, seed.name, original)
    after = _state(api)
    assert after[0]["counts"] == {"lead": 13, "support": 6, "joint": 19}
    assert after[1]["text"].startswith(OLD_TEXT)
    assert after[0]["data"] == before[0]["data"]


class _SlowStore:
    """A fake store whose read can be held open while a write commits."""

    engine = "ladybug"

    def __init__(self) -> None:
        self.value = 1
        self.gate = threading.Event()
        self.entered = threading.Event()
        self.hold = False

    def read(self, name, params=None):
        value = self.value
        if self.hold:
            self.entered.set()
            self.gate.wait(5)
        return [{"v": value, "tags": ["a"]}]

    def write(self, name, params=None):
        self.value += 1


def test_cached_store_drops_a_read_that_raced_a_write():
    inner = _SlowStore()
    store = CachedStore(inner)
    assert store.read("q") == [{"v": 1, "tags": ["a"]}]
    rows = store.read("q")
    rows[0]["tags"].append("mutated")  # callers may mutate: the cache keeps its own copy
    assert store.read("q") == [{"v": 1, "tags": ["a"]}] and store.hits == 2
    inner.hold = True
    got: list = []
    t = threading.Thread(target=lambda: got.append(store.read("q", {"x": 1})))
    t.start()
    assert inner.entered.wait(5)
    store.write("w")  # commits while the read above still holds the old value
    inner.hold = False
    inner.gate.set()
    t.join(5)
    assert got == [[{"v": 1, "tags": ["a"]}]]  # the racing read answers once ...
    assert store.read("q", {"x": 1}) == [{"v": 2, "tags": ["a"]}]  # ... and is never served again
    assert store.read("q") == [{"v": 2, "tags": ["a"]}]


def test_lru_is_bounded():
    lru = LRU(max_entries=3, max_bytes=100)
    for i in range(5):
        lru.put(i, str(i), 10)
    assert len(lru) == 3 and lru.get(0) is None and lru.get(4) == "4"
    lru.put("big", "x", 60)  # larger than a quarter of the budget: not kept
    assert lru.get("big") is None
