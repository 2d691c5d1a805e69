"""The embedded store's search index answers exactly what the named query ``search_hits``
(a check of every measure) answers, after every kind of write, and knows when it is stale.

Real parts: a LadybugDB store in tmp_path, the SQLite file beside it, the bundled seeds
and the factory documents through the real load paths (one by one, batched, bulk COPY)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from graph import search_index, search_terms
from graph.ladybug_store import LadybugStore
from graph.registry import get_registry
from queries.measures import search_hits, search_measures
from queries.ownership import MeasureFilter
from tests.factories import all_documents, city_document, district_document
from tests.search.cases import edited, queries
from tests.test_query_parity import seed_documents


class Unindexed:
    """A store seen without its index: searches run the named query."""

    search_index = None

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.engine = inner.engine

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


def scan(store: Any, q: str) -> list[dict[str, Any]]:
    ws = search_terms.words(q)
    return store.read("search_hits", {"q": search_terms.phrase(q), "words": ws, "limit": 100000})


def indexed(store: Any, q: str) -> list[dict[str, Any]] | None:
    return store.search_index.hits(search_terms.words(q), search_terms.phrase(q), 100000)


def assert_index_equals_scan(store: Any) -> int:
    """Every test query: the index's rows equal the scan's, in order; returns the hits compared."""
    assert store.search_index is not None and store.search_index.fresh()
    n = 0
    for q in queries(store):
        if not search_terms.words(q):
            continue
        want = scan(store, q)
        assert indexed(store, q) == want, q
        n += len(want)
    return n


@pytest.fixture(scope="module")
def docs() -> list[Any]:
    return all_documents() + seed_documents()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[LadybugStore]:
    s = LadybugStore(tmp_path / "graph.lbug")
    try:
        yield s
    finally:
        s.close()


def test_every_write_query_is_classified() -> None:
    """Each write says whether it changes what search reads: a new write query must be
    placed (an unplaced one rebuilds the whole index after every use)."""
    known = set(search_index.DOC_STEPS) | search_index.EVERYTHING | search_index.UNRELATED
    missing = sorted(set(get_registry().names("write")) - known)
    assert not missing, f"classify these writes in graph/search_index.py: {missing}"
    assert not set(search_index.DOC_STEPS) & search_index.UNRELATED
    assert not search_index.EVERYTHING & search_index.UNRELATED


def test_index_equals_scan_after_loads_and_reloads(store: LadybugStore, docs: list[Any]) -> None:
    for p in docs:
        store.load(p)
    assert assert_index_equals_scan(store) > 500
    store.load(edited(district_document()))  # one document reloaded: text, task title, title changed, one measure gone
    assert scan(store, "数字人民币试点")
    assert [r["tier"] for r in scan(store, "财政保障")] == [] and 0 in [r["tier"] for r in scan(store, "财政")]
    assert assert_index_equals_scan(store) > 500
    store.load_many([city_document(), district_document()])  # both back, in one batched transaction
    assert not scan(store, "数字人民币试点")
    assert assert_index_equals_scan(store) > 500


@pytest.mark.parametrize("chunk", [None, 7])
def test_index_after_bulk_load_and_clear(
    store: LadybugStore, docs: list[Any], chunk: int | None, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Also with the texts tokenised on the tokeniser thread in chunks of 7 (a full build
    of the seeds is one chunk otherwise): the rowids stay with their texts."""
    if chunk:
        monkeypatch.setattr(search_index, "TOKENISED", chunk)
    reads = spy_reads(store, monkeypatch)
    store.load_many(docs)  # an empty store: bulk COPY, the index built from the loaded rows beside it
    assert "search_index_all" not in reads  # ... not read back from the store
    assert assert_index_equals_scan(store) > 500
    store.clear()
    assert store.search_index.fresh() and indexed(store, "财政") == [] == scan(store, "财政")
    store.load(city_document())
    assert assert_index_equals_scan(store) > 0


def spy_reads(store: LadybugStore, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the store's reads from now on."""
    names: list[str] = []
    read = store.read

    def spied(name: str, *args: Any, **kwargs: Any) -> Any:
        names.append(name)
        return read(name, *args, **kwargs)

    monkeypatch.setattr(store, "read", spied)
    return names


def index_content(store: LadybugStore) -> list[tuple[Any, ...]]:
    """Every indexed measure with its keys, text and titles (rowids aside), sorted."""
    conn = store.search_index._reader()
    return sorted(conn.execute(
        "SELECT h.doc, h.id, h.document_id, h.number, h.clause, h.task_number, h.deadline_date, x.text,"
        " t.task_title, t.document_title FROM hit h JOIN hit_text x ON x.rid = h.rid JOIN title t ON t.tkey = h.tkey"
    ).fetchall(), key=repr)


def test_index_built_beside_a_bulk_load_equals_one_read_back(store: LadybugStore, docs: list[Any]) -> None:
    """The rows a first load hands the index (graph.ladybug_bulk.search_rows) are what the
    store answers to ``search_index_all`` after the COPY: the index rebuilt from the store
    holds the same measures, keys, texts and titles."""
    store.load_many(docs)
    beside = index_content(store)
    assert len(beside) == len(store.read("search_index_all")) > 300
    store.search_index.apply(search_index.Plan(everything=True, stamp=store.search_index.store_stamp()))
    assert index_content(store) == beside
    assert store.search_index.fresh()


def test_a_failed_bulk_load_leaves_the_index_as_it_was(store: LadybugStore, docs: list[Any]) -> None:
    """The store's COPY fails after the index began filling beside it: both roll back (the
    index keeps its stamp, so it is fresh and empty), and the next load indexes normally."""
    store.search_index.open_for_writes()
    stamp = store.search_index.store_stamp()

    def fail(i: int, name: str) -> None:
        if name == "bulk_copy_measure":
            raise RuntimeError("disk full")

    store.before_step = fail
    with pytest.raises(RuntimeError, match="disk full"):
        store.load_many(docs)
    store.before_step = None
    assert not any(store.counts().values())
    assert store.search_index.store_stamp() == stamp and store.search_index.fresh() and index_content(store) == []
    store.load_many(docs)
    assert assert_index_equals_scan(store) > 500


def test_a_failed_build_beside_the_load_reads_the_store(
    store: LadybugStore, docs: list[Any], monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The index's build beside a first load fails (here: rows it cannot take): the load
    stands and the index is rebuilt from the store after it."""
    from graph import ladybug_bulk

    monkeypatch.setattr(ladybug_bulk, "search_rows", lambda nodes, rels: [{"text": "no keys"}])
    reads = spy_reads(store, monkeypatch)
    store.load_many(docs)
    assert "search_index_all" in reads
    assert assert_index_equals_scan(store) > 500


def test_an_unusable_index_never_stops_a_first_load(
    store: LadybugStore, docs: list[Any], monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The index's file cannot be written when the load begins (and after it): the load
    commits, the index is left stale and searches scan."""
    import sqlite3

    store.search_index.open_for_writes()

    def unusable(self: Any) -> Any:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(search_index.SearchIndex, "_write", unusable)
    store.load_many(docs)
    monkeypatch.undo()
    assert store.counts()["Measure"] > 300
    assert not store.search_index.fresh()
    assert search_hits(store, "财政") == scan(store, "财政") != []


def test_ranking(store: LadybugStore, docs: list[Any]) -> None:
    """Phrase in the task or document title first, then the phrase in the text, then the words apart."""
    store.load_many(docs)
    rows = search_hits(store, "财政")
    tiers = [r["tier"] for r in rows]
    assert tiers == sorted(tiers) and 0 in tiers and 1 in tiers
    for r in rows:
        row = store.read("measure_row", {"id": r["id"]})[0]
        assert ("财政" in row["task_title"] or "财政" in row["document_title"]) == (r["tier"] == 0)
    two = search_hits(store, "财政 资金")
    assert two and all(r["tier"] in (0, 2) for r in two)  # "财政 资金" (with the space) is in no text
    for tier in (0, 1, 2):  # document order within a tier
        keys = [(r["document_id"], r["number"], r["clause"], r["id"]) for r in rows if r["tier"] == tier]
        assert keys == sorted(keys)


def test_stale_index_is_detected_and_rebuilt(store: LadybugStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store.load(city_document())
    # the store commits, the index update fails (as a crash between the two commits would leave it)
    monkeypatch.setattr(search_index.SearchIndex, "_apply", lambda self, p: (_ for _ in ()).throw(OSError("disk")))
    store.load(district_document())
    monkeypatch.undo()
    assert not store.search_index.fresh()
    word = district_document().measures[0].text[:4]
    assert indexed(store, word) is None  # stale: no answer from the index ...
    assert search_hits(store, word) == scan(store, word) != []  # ... the search scans instead
    store.close()
    reopened = LadybugStore(tmp_path / "graph.lbug")  # a read-write open rebuilds it
    try:
        assert reopened.search_index.fresh()
        assert assert_index_equals_scan(reopened) > 0
    finally:
        reopened.close()


def test_index_file_lost_or_from_another_store(store: LadybugStore, tmp_path: Path) -> None:
    store.load(city_document())
    store.close()
    index_file = search_index.index_path(tmp_path / "graph.lbug")
    for suffix in ("", "-wal", "-shm"):
        Path(str(index_file) + suffix).unlink(missing_ok=True)
    reopened = LadybugStore(tmp_path / "graph.lbug")
    try:
        assert reopened.search_index.fresh() and indexed(reopened, "财政") == scan(reopened, "财政") != []
    finally:
        reopened.close()
    other = LadybugStore(tmp_path / "other.lbug")  # a new store must not trust an index it did not write
    try:
        other.load(district_document())
    finally:
        other.close()
    index_file.replace(search_index.index_path(tmp_path / "other.lbug"))
    for suffix in ("-wal", "-shm"):
        Path(str(index_file) + suffix).unlink(missing_ok=True)
    swapped = LadybugStore(tmp_path / "other.lbug")
    try:
        assert swapped.search_index.fresh()
        word = city_document().measures[0].text[:4]
        assert indexed(swapped, word) == scan(swapped, word)
        assert not any(r["document_id"] == "tianjin-2022" for r in indexed(swapped, word))
    finally:
        swapped.close()


def test_read_only_open_uses_a_fresh_index(store: LadybugStore, tmp_path: Path) -> None:
    store.load(city_document())
    store.close()
    ro = LadybugStore(tmp_path / "graph.lbug", read_only=True)
    try:
        assert ro.search_index is not None and ro.search_index.fresh()
        assert indexed(ro, "财政") == scan(ro, "财政") != []
    finally:
        ro.close()


def test_search_answer_pages_the_ranked_hits(store: LadybugStore, docs: list[Any]) -> None:
    for p in docs:
        store.load(p)
    hits = search_hits(store, "财政")
    assert len(hits) > 5
    got = [m["id"] for off in range(0, len(hits), 4) for m in search_measures(store, q="财政", limit=4, offset=off)["data"]]
    assert got == [h["id"] for h in hits]
    answer = search_measures(store, q="财政", limit=3)
    assert answer["count"] == len(hits)
    scanning = Unindexed(store)  # the same answers through the named query's scan
    for kw in ({"q": "财政", "limit": 3, "offset": 2}, {"q": "政 的", "limit": 7}, {"q": "财政", "unit": "区财政局"},
               {"q": "财政", "where": MeasureFilter(document="tianjin-2022")}, {"q": "的", "offset": 9990}):
        assert search_measures(store, **kw) == search_measures(scanning, **kw), kw
    assert all("财政" in m["text"] and m["task"]["title"] is not None for m in answer["data"])
    assert search_measures(store, q="财政 不存在的词语")["count"] == 0


@pytest.mark.parametrize(
    ("word", "tokens"),
    [("财", ["8d22"]), ("财政", ["8d22g653f"]), ("财政政", ["8d22g653f", "653fg653f"]), ("A%", ["41g25"])],
)
def test_word_tokens(word: str, tokens: list[str]) -> None:
    assert search_terms.word_tokens(word) == tokens


@pytest.mark.parametrize(
    ("q", "lucene"),
    [
        ("财政", '"财政"'),
        ("政", "(政* OR *政)"),
        ("GDP增速", '*gdp* AND "增速"'),
        ("5.5%", "*5*"),
        ("the", ""),
        ("，", ""),
        ("2022年 财政", "*2022* AND (年* OR *年) AND \"财政\""),
    ],
)
def test_lucene_query(q: str, lucene: str) -> None:
    assert search_terms.lucene_query(search_terms.words(q)) == lucene


def test_words() -> None:
    assert search_terms.words("  财政　资金 财政 ") == ["财政", "资金"]
    assert search_terms.phrase("财政　 资金") == "财政 资金"
    assert search_terms.words(None) == [] and search_terms.words("   ") == []


@pytest.mark.parametrize("text", ["", "财", "财政", "财政 资金\n5.5%，GDP", "a\tb\u3000c  c", "𠀀字外扩展区", "重复重复重复"])
def test_text_tokens_are_every_one_and_two_character_gram(text: str) -> None:
    """The index's tokens of a text: exactly its distinct 1- and 2-grams (whitespace and
    characters beyond the BMP included), each spelled as search_terms.token spells it."""
    want = {search_terms.token(c) for c in text} | {search_terms.token(text[i : i + 2]) for i in range(len(text) - 1)}
    tokens = search_terms.text_tokens(text).split()
    assert set(tokens) == want and len(tokens) == len(want)  # each once


def test_a_page_under_a_cap_is_the_slice_of_the_ranked_hits(store: LadybugStore, docs: list[Any]) -> None:
    """``page`` (one word: ranked in numpy, graph/search_index.Order) answers the ranked
    scan's count (at most ``cap``) and its slice, at every offset, limit and cap -- also
    past the end, at the cap's edge, after a reload changed the order, and for words that
    must be checked in the text (3+ characters)."""
    store.load_many(docs)
    index = store.search_index

    def check() -> int:
        compared = 0
        for q in ("财政", "政", "财政资金", "就业", "的", "不存在的词语"):
            want = scan(store, q)
            for cap in (1, 7, 40, 100000):
                for limit, offset in ((1, 0), (5, 0), (5, 3), (50, 6), (3, 38), (10, len(want) - 2), (5, len(want) + 4)):
                    total, rows = index.page(search_terms.words(q), search_terms.phrase(q), limit, max(0, offset), cap)
                    start = max(0, offset)
                    assert total == min(len(want), cap), (q, cap)
                    assert rows == want[start : start + max(0, min(limit, cap - start))], (q, cap, limit, offset)
                    compared += len(rows)
        return compared

    assert check() > 300
    store.load(edited(district_document()))  # a reload: new rids, another order
    assert check() > 300
