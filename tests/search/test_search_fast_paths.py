"""The search page's fast paths give exactly the answers of the paths they replace.

* ``search_index.Texts`` (every text in memory, per index state) checks a word of 3+
  characters as SQLite's ``instr`` does -- also for texts beside each other in its one
  string, NULL, empty and NUL-holding texts, characters beyond the BMP -- and is read
  again after every write (a store cleared and loaded again reuses rowids for other
  texts: texts kept from before would answer wrongly);
* ``search_measures_json`` (the stored records spliced in as stored) is
  ``orjson.dumps(search_measures(...))`` byte for byte, with records missing, fresh and
  stale, on both stores, and the route sends it with the same headers;
* the page's keys read ``PAGE_KEYS`` rowids at a time give the same rows.

Real parts: SQLite, a LadybugDB store in tmp_path with the factory documents and seeds,
Neo4j (the ``store`` fixture), the FastAPI app through Starlette's TestClient.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import numpy as np
import orjson
import pytest
from fastapi.testclient import TestClient

from api.app import create_app, load_seeds
from graph import search_index, search_terms
from graph.ladybug_store import LadybugStore
from queries import measures as measures_read
from queries import read_model
from queries.measures import search_measures, search_measures_defined, search_measures_json
from queries.ownership import MeasureFilter
from tests.factories import all_documents, district_document
from tests.search.cases import edited, queries
from tests.search.test_search_index import assert_index_equals_scan, scan
from tests.test_query_parity import seed_documents
from tests.test_read_model import DOC, UNIT

# rid -> text: gaps (rows deleted), NULL, empty, Latin case, characters beyond the BMP,
# and neighbours whose end and start make a word together ("区财" spans 9 and 10).
TEXTS: dict[int, str | None] = {
    3: "财政资金保障", 4: None, 5: "", 7: "GDP增速5.5%", 9: "𠀀字外扩展区", 10: "财政政策", 11: "资金",
    14: "落实积极的财政政策，提升效能", 15: "政资金政资金",
}
WORDS = ["财政资", "政资金", "资金", "区财", "区财政", "展区财", "𠀀字外", "字外扩", "GDP", "gdp", "增速5", "5.5%",
         "财政政策，", "策财政", "效能", "不存在", "资金政资", "\x00b", "b财政"]


def _texts_db(texts: dict[int, str | None]) -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE hit_text(rid INTEGER PRIMARY KEY, text TEXT)")
    conn.executemany("INSERT INTO hit_text VALUES (?, ?)", list(texts.items()))
    return conn


def _instr(conn: sqlite3.Connection, words: list[str]) -> list[int]:
    where = " AND ".join("instr(text, ?)" for _ in words)
    return [r for (r,) in conn.execute(f"SELECT rid FROM hit_text WHERE {where} ORDER BY rid", words)]  # noqa: S608


@pytest.mark.parametrize("nul", [False, True], ids=["aggregate", "nul-rows"])
def test_texts_check_is_instr(nul: bool) -> None:
    """Each word (and pairs of words) finds exactly the rows ``instr`` finds, never one
    made of two neighbouring texts.  With a text holding NUL (SQLite's ``length`` stops
    there) the texts are read row by row; its neighbours still line up."""
    texts = {**TEXTS, 12: "a\x00b财政资金"} if nul else TEXTS
    conn = _texts_db(texts)
    loaded = search_index.Texts.load(conn, "s")
    assert (len(loaded.joined) == sum(len(t or "") for t in texts.values())) and ("\x00" in loaded.joined) == nul
    rids = np.array(sorted(texts), dtype=np.int64)
    for w in WORDS:
        assert loaded.holding(rids, [w]).tolist() == _instr(conn, [w]), w
    for pair in (["财政", "资金"], ["资金", "财政资"], ["GDP", "5.5%"], ["区财", "资金"]):
        assert loaded.holding(rids, pair).tolist() == _instr(conn, pair), pair
    assert loaded.holding(rids[::-1], ["资金"]).tolist() == _instr(conn, ["资金"])[::-1]  # the caller's order
    assert loaded.holding(np.zeros(0, dtype=np.int64), ["资金"]).tolist() == []
    assert "区财" not in [t for t in texts.values() if t] and _instr(conn, ["区财"]) == []  # the straddle is real


def test_texts_of_an_empty_index() -> None:
    loaded = search_index.Texts.load(_texts_db({}), "s")
    assert loaded.joined == "" and loaded.holding(np.zeros(0, dtype=np.int64), ["资金"]).tolist() == []


@pytest.fixture
def store(tmp_path: Path) -> Any:
    s = LadybugStore(tmp_path / "graph.lbug")
    try:
        yield s
    finally:
        s.close()


def _checked_queries(store: Any) -> list[str]:
    """The test queries of one word that must be checked in the text (3+ characters)."""
    return [q for q in queries(store) if len(search_terms.words(q)) == 1 and search_terms.needs_check(q.strip())]


def _page(store: Any, q: str) -> tuple[int, list[dict[str, Any]]]:
    got = store.search_index.page(search_terms.words(q), search_terms.phrase(q), 100000, 0, 100000)
    assert got is not None
    return got


def test_texts_follow_each_index_state(store: LadybugStore, monkeypatch: pytest.MonkeyPatch) -> None:
    """Loaded once per index state (two searches, one load), again after every write: a
    reload's new text is found; after a clear and a load in another order the same
    rowids hold other texts, and every checked word still answers what the scan does."""
    loads: list[str] = []
    real = search_index.Texts.load

    def spied(conn: sqlite3.Connection, stamp: str) -> search_index.Texts:
        loads.append(stamp)
        return real(conn, stamp)

    monkeypatch.setattr(search_index.Texts, "load", spied)
    docs = all_documents() + seed_documents()
    store.load_many(docs)
    words = _checked_queries(store)
    assert len(words) > 50
    for q in words:
        assert _page(store, q) == (len(scan(store, q)), scan(store, q)), q
    first = store.search_index._texts
    assert first is not None and len(loads) == 1  # once for every checked word of this state

    store.load(edited(district_document()))  # text changed: 数字人民币试点 added
    assert _page(store, "数字人民币试点")[0] == len(scan(store, "数字人民币试点")) > 0
    assert len(loads) == 2 and loads[0] != loads[1]

    store.clear()
    store.load_many(docs[::-1])  # rowids from 1 again, for other texts
    last = store.search_index._texts
    assert last is not None and last.stamp != first.stamp
    common = min(len(first.start), len(last.start))
    assert any(first.joined[first.start[r]:first.end[r]] != last.joined[last.start[r]:last.end[r]] for r in range(common))
    for q in words:
        assert _page(store, q) == (len(scan(store, q)), scan(store, q)), q


def test_page_keys_read_in_parts(store: LadybugStore, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search_index, "PAGE_KEYS", 7)
    store.load_many(all_documents() + seed_documents())
    assert assert_index_equals_scan(store) > 500


# -- the answer as sent ----------------------------------------------------------------

PAGES = [(50, 0), (7, 3), (5, 10_000)]
SEARCHES = ["财政", "就业", "项目", "政", "财政资金", "过紧日子", "财政 资金", "“六稳”", "量子纠缠态"]
FILTERED: list[dict[str, Any]] = [{"unit": UNIT}, {"where": MeasureFilter(document=DOC)}, {"unit": UNIT, "limit": 3}]


def _same_bytes(store: Any) -> int:
    """``search_measures_json`` equals ``orjson.dumps(search_measures(...))`` for every
    search and page, and the definition where it applies; the bytes compared."""
    n = 0
    for q in SEARCHES:
        for limit, offset in PAGES:
            sent = search_measures_json(store, q, limit=limit, offset=offset)
            assert sent == orjson.dumps(search_measures(store, q, limit=limit, offset=offset)), (q, limit, offset)
            assert sent == orjson.dumps(search_measures_defined(store, q, limit=limit, offset=offset)), (q, limit, offset)
            n += len(sent)
        for kw in FILTERED:
            assert search_measures_json(store, q, **kw) == orjson.dumps(search_measures(store, q, **kw)), (q, kw)
    return n


@pytest.fixture
def seeded(request: pytest.FixtureRequest) -> Any:
    """Both seeds loaded and linked, on each store (tests/conftest.py ``store``)."""
    engine = request.param
    s = request.getfixturevalue(f"{engine}_store")
    read_model.settle()
    load_seeds(s)
    yield s
    read_model.settle()


@pytest.mark.parametrize("seeded", ["ladybug", pytest.param("neo4j", marks=pytest.mark.neo4j)], indirect=True)
def test_search_json_is_the_answer_byte_for_byte(seeded: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With every record missing (built on the spot), then stored and fresh (spliced in
    as stored: nothing built), then stale after a reload."""
    store = seeded
    assert _same_bytes(store) > 10_000
    read_model.settle()
    built: list[list[str]] = []
    real = measures_read._build

    def spied(st: Any, keys: list[str], links: Any = None) -> Any:
        built.append(keys)
        return real(st, keys, links)

    monkeypatch.setattr(measures_read, "_build", spied)
    for q in SEARCHES:
        search_measures_json(store, q, limit=50)
    assert built == []  # every record read as stored
    monkeypatch.undo()
    assert _same_bytes(store) > 10_000

    from tests.test_read_model import _edited_seed

    store.load(_edited_seed(tmp_path))  # the graph's generation moves on: every record stale
    assert b"\xe9\x95\xbf\xe6\x9c\x9f" in search_measures_json(store, "过紧日子")  # 长期: the edited text
    assert _same_bytes(store) > 10_000
    read_model.settle()


def test_route_sends_the_answer(store: LadybugStore) -> None:
    """GET /measures?q= sends ``search_measures``'s answer as UTF8JSONResponse renders it
    (body and headers); without a search it is the listing as before."""
    read_model.settle()
    load_seeds(store)
    app = create_app(store=store, cache=False)
    with TestClient(app) as client:
        for params in ({"q": "财政"}, {"q": "财政资金", "limit": 3, "offset": 2}, {"q": "财政", "unit": UNIT},
                       {"q": "量子纠缠态"}, {"q": "  "}, {"document": DOC, "limit": 5}):
            r = client.get("/measures", params=params, headers={"accept": "application/json"})
            assert r.status_code == 200, r.text
            kw = {"limit": params.get("limit", 50), "offset": params.get("offset", 0)}
            want = search_measures(store, params.get("q"), params.get("unit"),
                                   MeasureFilter(document=params.get("document")), **kw)
            assert r.content == orjson.dumps(want), params
            assert r.headers["content-type"] == "application/json; charset=utf-8"
            assert int(r.headers["content-length"]) == len(r.content)
    read_model.settle()
