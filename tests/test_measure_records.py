"""Per-measure records (queries/measure_records.py) answer exactly what the named queries
answer, after every kind of write, on both stores.

``search_measures`` (a text search), ``measure_detail`` and ``chain`` read stored
records (``MeasureRecord``): each measure's listed form keyed by its id (a search page,
the measures a chain lists, the annotations of a detail and of a chain's head) and each
chain's ids keyed ``chain|<id>``.  ``search_measures_defined``,
``measure_detail_defined`` and ``chain_defined`` compose the same answers from the named
queries at every call (the definitions).  Each test writes the way the project writes --
a load, a reload with an edited document, a relink, a reporting cycle, progress, a clear
and a load again -- then checks which records went stale (their ``built_generation``
against the graph's generation now), and that the two answers are equal byte for byte
(``orjson.dumps``: key order too), first from records built on the spot and then, after
``read_model.settle()``, from the stored records (checked fresh first, so the second
answer really is read from the store; a control shows a fresh record IS served).

The search words are derived from the seeds' own texts (the most frequent two-character
words, some rarer ones, one from the task titles) plus fixed ones: a multi-word query,
punctuation, a word with no hits.  The measures compared are bounded samples of the two
seeds' (the city's 津政发〔2022〕9号 and 西青区's list implementing it): see
``_compared``; after ``warm_measures`` every linked measure on the embedded store.
"""

from __future__ import annotations

import collections
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest

from api.app import load_seeds
from api.cache import CachedStore
from graph.linking import link_store
from graph.model import NotFoundError
from graph.progress import ProgressUpdate
from graph.progress_store import append_progress, set_report_cycle
from graph.tokens import create_token
from queries import measure_records, read_model
from queries.chain import measure_chain
from queries.measures import (
    ANNOTATIONS_SHOWN,
    CHAIN,
    _build_listed,
    chain,
    chain_defined,
    measure_detail,
    measure_detail_defined,
    search_measures,
    search_measures_defined,
    warm_measures,
)
from queries.ownership import MeasureFilter
from tests.test_read_model import AS_OF, CITY_DOC, DOC, NOW, UNIT, _edited_seed

# (limit, offset) of the pages compared: the default page, a small page, a middle page,
# a page past the end.
PAGES = [(50, 0), (7, 3), (20, 40), (5, 10_000)]
FIXED_WORDS = [
    "财政", "就业", "项目",
    "财政 资金",  # two words (AND), ranked: phrase in the text before the words apart
    "推进\u3000项目",  # the full-width space separates words too
    "“六稳”",  # punctuation in the word
    "量子纠缠态",  # no hits
]
HAN_PAIR = re.compile(r"(?=([\u4e00-\u9fff]{2}))")
EDITED = "坚持政府长期过紧日子"  # the reload's new text (tests/test_read_model.py _edited_seed)


def _dump(x: Any) -> bytes:
    return orjson.dumps(x)


@pytest.fixture
def seeded(store: Any) -> Iterator[Any]:
    read_model.settle()  # no write of an earlier test lands in this one's store
    load_seeds(store)
    yield store
    read_model.settle()  # ... nor in the next one's (Neo4j: the same database)


# -- what the store holds --------------------------------------------------------------


def _records(store: Any, keys: list[str]) -> tuple[str | None, dict[str, dict[str, Any]]]:
    """The graph generation now and the stored record of each key (None where none)."""
    rows = store.read("read_model_measures", {"ids": keys})
    generation = rows[0]["generation"] if rows else None
    return generation, {r["id"]: r for r in rows if r["body"] is not None}


def _generation(store: Any) -> str | None:
    return _records(store, ["-"])[0]


def _assert_fresh(store: Any, keys: list[str]) -> dict[str, Any]:
    """Every key has a stored record built at the generation now; their bodies (parsed)."""
    assert keys
    generation, got = _records(store, keys)
    assert generation is not None
    missing = [k for k in keys if k not in got]
    assert not missing, f"{store.engine}: not stored: {missing[:5]}"
    stale = [k for k in keys if got[k]["built_generation"] != generation]
    assert not stale, f"{store.engine}: stored stale: {stale[:5]}"
    return {k: orjson.loads(got[k]["body"]) for k in keys}


def _assert_stale(store: Any, keys: list[str]) -> None:
    """Every key has a stored record, none built at the generation now."""
    assert keys
    generation, got = _records(store, keys)
    assert len(got) == len(keys), f"{store.engine}: records lost"
    fresh = [k for k in keys if got[k]["built_generation"] == generation]
    assert not fresh, f"{store.engine}: still fresh after the write: {fresh[:5]}"


def _assert_missing(store: Any, keys: list[str]) -> None:
    assert not _records(store, keys)[1]


# -- what is compared ------------------------------------------------------------------


def _measures(store: Any) -> list[dict[str, Any]]:
    return store.read("measures_list", {})


def _words(store: Any) -> list[str]:
    """Search words taken from the seeds' texts: the six most frequent two-character
    words (by measures holding them), five rarer ones, the most frequent word of the task
    titles that their own measures' texts hold (phrase-in-title ranking), and FIXED_WORDS."""
    rows = _measures(store)
    freq: collections.Counter[str] = collections.Counter()
    for r in rows:
        freq.update(set(HAN_PAIR.findall(r["text"] or "")))
    ranked = [w for w, _ in sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))]
    titled: collections.Counter[str] = collections.Counter()
    for r in rows:
        titled.update(w for w in set(HAN_PAIR.findall(r["task_title"] or "")) if w in (r["text"] or ""))
    assert titled, "some task title shares a word with its measures"
    title_word = min(titled.items(), key=lambda kv: (-kv[1], kv[0]))[0]
    words = ranked[:6] + [ranked[i] for i in (40, 150, 400, 1000, len(ranked) - 1) if i < len(ranked)]
    return list(dict.fromkeys([*words, title_word, *FIXED_WORDS]))


def _sample_words(store: Any) -> list[str]:
    """The words searched after each write: the three most frequent, the reload's edited
    phrase, two words, no hits."""
    return [*_words(store)[:3], "过紧日子", "财政 资金", "量子纠缠态"]


def _linked(store: Any) -> list[str]:
    """The measures with a link up or down (IMPLEMENTS), in id order."""
    ids = [r["id"] for r in _measures(store)]
    rows = store.read("measures_links", {"ids": ids})
    return sorted({r["lower_id"] for r in rows} | {r["upper_id"] for r in rows})


def _compared(store: Any, steps: tuple[int, int] = (12, 40)) -> list[str]:
    """The measures whose detail and chain are compared: every nth linked measure
    (``steps``: n on the embedded store, on Neo4j), the ones with the most links up and
    down, the reload's edited measure and the city measure it implements, and a few
    unlinked ones.  Why a sample: a chain costs a dozen reads each way (~0.1 s built, on
    either store), so every measure after every write would take minutes; the record and
    the definition are the same Python over either store's rows, and the named queries'
    rows are held equal across the stores by tests/test_query_parity.py."""
    ids = [r["id"] for r in _measures(store)]
    linked = _linked(store)
    assert linked and len(linked) < len(ids)
    others = [i for i in ids if i not in set(linked)]
    rows = store.read("measures_links", {"ids": linked})
    busiest: set[str] = set()
    for side in ("upper_id", "lower_id"):
        fan = collections.Counter(r[side] for r in rows)
        busiest |= {i for i, _ in sorted(fan.items(), key=lambda kv: (-kv[1], kv[0]))[:2]}
    edited = {i for i in ids if i.startswith((f"{DOC}:9.", f"{CITY_DOC}:9."))}
    n = steps[store.engine == "neo4j"]
    return sorted(set(linked[::n]) | busiest | edited | set(others[:: min(2 * n, 12)]))


Answers = dict[tuple[Any, ...], bytes]


def _answers(store: Any, words: list[str], ids: list[str], pages: list[tuple[int, int]], *,
             defined: bool, as_of: str | None = AS_OF) -> Answers:
    """Every search page of ``words`` x ``pages`` and every detail and chain of ``ids``,
    as orjson bytes (key order counts): the record-backed answers, or the definitions."""
    search, detail, walk = ((search_measures_defined, measure_detail_defined, chain_defined) if defined
                            else (search_measures, measure_detail, chain))
    out: Answers = {}
    for q in words:
        for limit, offset in pages:
            out["search", q, limit, offset] = _dump(search(store, q, limit=limit, offset=offset))
    for i in ids:
        out["detail", i] = _dump(detail(store, i))
        out["chain", i] = _dump(walk(store, i, as_of))
    return out


def _assert_equal(store: Any, got: Answers, want: Answers) -> None:
    assert got.keys() == want.keys()
    differ = [k for k in want if got[k] != want[k]]
    assert not differ, f"{store.engine}: {len(differ)} answers differ from the definition, e.g. {differ[:3]}"


def _keys(want: Answers) -> list[str]:
    """The record keys the answers read: each search page's measures, each detail and
    chain, and the measures each chain lists."""
    keys: list[str] = []
    for k, body in want.items():
        answer = orjson.loads(body)
        if k[0] == "search":
            keys += [m["id"] for m in answer["data"]]
        elif k[0] == "detail":
            keys.append(k[1])
        else:
            keys += [k[1], CHAIN + k[1]] + [m["id"] for d in ("up", "down") for m in answer[d]]
    return list(dict.fromkeys(keys))


def _parity(store: Any, words: list[str], ids: list[str], pages: list[tuple[int, int]] | None = None,
            as_of: str | None = AS_OF) -> tuple[Answers, dict[str, Any]]:
    """The record-backed answers equal the definitions, first built on the spot, then
    (settled, checked fresh) read from the stored records; the definitions and the
    stored records' bodies.  (The definitions are computed once: storing records is no
    graph write.)"""
    pages = pages or PAGES[:1]
    want = _answers(store, words, ids, pages, defined=True, as_of=as_of)
    _assert_equal(store, _answers(store, words, ids, pages, defined=False, as_of=as_of), want)  # built
    read_model.settle()
    bodies = _assert_fresh(store, _keys(want))
    _assert_equal(store, _answers(store, words, ids, pages, defined=False, as_of=as_of), want)  # stored
    return want, bodies


def _fill(store: Any, words: list[str], ids: list[str]) -> list[str]:
    """Records of the words' first pages and of the ids' details and chains built,
    stored and fresh (set-up: no comparison); their keys."""
    keys: list[str] = []
    for q in words:
        keys += [m["id"] for m in search_measures(store, q)["data"]]
    for i in ids:
        c = chain(store, i, AS_OF)
        keys += [i, CHAIN + i] + [m["id"] for d in ("up", "down") for m in c[d]]
    keys = list(dict.fromkeys(keys))
    read_model.settle()
    _assert_fresh(store, keys)
    assert len(keys) > 2 * len(ids)
    return keys


# -- after the load --------------------------------------------------------------------


def test_search_pages_after_the_load(seeded: Any) -> None:
    words = _words(seeded)
    assert len(words) >= 15
    _assert_missing(seeded, [r["id"] for r in _measures(seeded)])  # no reader yet: built on the spot
    want, bodies = _parity(seeded, words, [], PAGES)
    for k, body in want.items():  # the stored bodies are the definition's measures
        for m in orjson.loads(body)["data"]:
            assert _dump(bodies[m["id"]]) == _dump(m), f"{seeded.engine}: stored {m['id']} ({k})"
    # the words exercise what they should: hits beyond a page, two words, a title tier, none
    totals = {q: orjson.loads(want["search", q, 50, 0])["count"] for q in words}
    assert totals["量子纠缠态"] == 0 and all(totals[q] > 0 for q in words if q != "量子纠缠态"), totals
    assert max(totals.values()) > 50
    assert any(orjson.loads(want["search", q, 20, 40])["data"] for q in words)  # a later page holds measures
    assert not any(orjson.loads(want["search", q, 5, 10_000])["data"] for q in words)
    assert all(orjson.loads(want["search", q, 5, 10_000])["count"] == totals[q] for q in words)
    assert {m["id"] for m in search_measures(seeded, "财政 资金", limit=500)["data"]} == {
        r["id"] for r in _measures(seeded) if "财政" in r["text"] and "资金" in r["text"]}
    # a filtered search pages other hits, but shows them as the records do: the
    # definition's measures, narrowed
    for q in words[:3]:
        for where in (MeasureFilter(document=DOC), MeasureFilter(due_before="2022-12-31")):
            everything = orjson.loads(_dump(search_measures_defined(seeded, q, limit=500)))["data"]
            kept = [m for m in everything if where.document in (None, m["document_id"])
                    and (where.due_before is None or ((m["deadline"] or {}).get("date") or "9") <= where.due_before)]
            got = search_measures(seeded, q, where=where, limit=500)
            assert _dump(got["data"]) == _dump(kept) and got["count"] == len(kept), (q, where)
    # a bogus record at the generation now IS served (the control: the second pass above
    # read the stored records, so the parity could fail)
    some = next(m["id"] for m in orjson.loads(want["search", words[0], 50, 0])["data"])
    rows = [{"id": some, "body": _dump(dict(bodies[some], text="篡改")).decode()}]
    seeded.write_batch([("read_model_put_measures", {"generation": _generation(seeded), "rows": rows})])
    got = search_measures(seeded, words[0])
    assert [m["text"] for m in got["data"] if m["id"] == some] == ["篡改"]
    assert _dump(got) != want["search", words[0], 50, 0]


def test_detail_and_chain_after_the_load(seeded: Any) -> None:
    ids = _compared(seeded, (4, 20))
    linked = set(_linked(seeded))
    assert {i.split(":")[0] for i in linked} == {CITY_DOC, DOC}  # the two seeds are linked
    assert len(ids) > 20 and len(set(ids) - linked) >= 2
    _assert_missing(seeded, [k for i in ids for k in (i, CHAIN + i)])
    want, bodies = _parity(seeded, [], ids)
    for i in ids:  # what is stored is the definition's: a chain's ids and depths, its measure_detail row, the annotations
        defined = orjson.loads(want["chain", i])
        assert bodies[CHAIN + i] == {**{d: [[m["id"], m["depth"]] for m in defined[d]] for d in ("up", "down")},
                                     "row": orjson.loads(_dump(seeded.read("measure_detail", {"id": i})[0]))}
        assert {k: bodies[i][k] for k in ANNOTATIONS_SHOWN} == {k: defined["measure"][k] for k in ANNOTATIONS_SHOWN}
    assert sum(bool(orjson.loads(want["chain", i])["count"]) for i in ids) == len(set(ids) & linked)
    # other days (progress is computed apart from the records): today, and a later day
    for as_of in (None, "2023-06-30"):
        _assert_equal(seeded, _answers(seeded, [], ids[:4], [], defined=False, as_of=as_of),
                      _answers(seeded, [], ids[:4], [], defined=True, as_of=as_of))
    # the chains walk both ways: a district measure lists its city measure up, and back
    some = next(i for i in ids if i.startswith(DOC) and i in linked)
    up = chain(seeded, some, AS_OF)["up"]
    assert up and any(some in [m["id"] for m in chain(seeded, u["id"], AS_OF)["down"]] for u in up)


def test_warm_stores_every_record(seeded: Any) -> None:
    """``policygraph warm`` (warm_measures: the chains walked in memory) stores every
    record fresh, each equal to the definition; a second warm builds nothing."""
    every = [r["id"] for r in _measures(seeded)]
    keys = [k for i in every for k in (i, CHAIN + i)]
    _assert_missing(seeded, keys)
    assert warm_measures(seeded) == {"records": len(keys), "built": len(keys), "fresh": 0}
    bodies = _assert_fresh(seeded, keys)
    linked = _linked(seeded)
    walked = linked if seeded.engine != "neo4j" else linked[::6]
    def row(i: str) -> dict[str, Any]:  # measure_detail's row, as stored (JSON)
        return orjson.loads(_dump(seeded.read("measure_detail", {"id": i})[0]))

    for i in walked:  # the in-memory walk is queries.chain's; the row is measure_detail's
        assert bodies[CHAIN + i] == {**{d: [[r["id"], r["depth"]] for r in measure_chain(seeded, i, d)]
                                        for d in ("up", "down")}, "row": row(i)}, i
    unlinked = [i for i in every if i not in set(linked)]
    assert all({d: bodies[CHAIN + i][d] for d in ("up", "down")} == {"up": [], "down": []} for i in unlinked)
    assert all(bodies[CHAIN + i]["row"] == row(i) for i in unlinked[:: 1 if seeded.engine != "neo4j" else 6])
    listed = _build_listed(seeded, every)
    assert all(_dump(bodies[i]) == _dump(listed[i]) for i in every)
    # every linked measure (a sample on Neo4j) answered from the warmed records
    ids = linked if seeded.engine != "neo4j" else _compared(seeded)
    _assert_equal(seeded, _answers(seeded, _sample_words(seeded), ids, PAGES[:1], defined=False),
                  _answers(seeded, _sample_words(seeded), ids, PAGES[:1], defined=True))
    assert warm_measures(seeded, every[:10]) == {"records": 20, "built": 0, "fresh": 20}
    link_store(seeded)
    assert warm_measures(seeded, every[:10]) == {"records": 20, "built": 20, "fresh": 0}


def test_an_unknown_measure_is_not_found_both_ways(seeded: Any) -> None:
    unknown = f"{DOC}:999.9"
    for i in (unknown, "", CHAIN + f"{DOC}:7.1"):
        for read in (measure_detail, measure_detail_defined, chain, chain_defined):
            with pytest.raises(NotFoundError) as e:
                read(seeded, i)
            assert i in str(e.value)
    read_model.settle()
    _assert_missing(seeded, [unknown, CHAIN + unknown])  # nothing stored for it


# -- after each kind of write ----------------------------------------------------------


def test_a_reload_with_an_edited_text(seeded: Any, tmp_path: Path) -> None:
    words, ids = _sample_words(seeded), _compared(seeded)
    before = {r["id"]: r["text"] for r in _measures(seeded)}
    edited = next(i for i, t in before.items() if i.startswith(DOC) and "坚持政府过紧日子" in t)
    assert edited in ids
    keys = _fill(seeded, words, ids)
    generation = _generation(seeded)
    seeded.load(_edited_seed(tmp_path))  # a reload: a text changes, a line goes
    assert _generation(seeded) != generation
    _assert_stale(seeded, keys)
    after = {r["id"]: r["text"] for r in _measures(seeded)}
    assert EDITED in after[edited] and EDITED not in before[edited]
    # the new text shows (not the stale record's), in the detail, the chain and a search
    assert EDITED in measure_detail(seeded, edited)["text"]
    assert EDITED in chain(seeded, edited, AS_OF)["measure"]["text"]
    hit = search_measures(seeded, "长期过紧日子")
    assert [m["id"] for m in hit["data"]] == [edited] and EDITED in hit["data"][0]["text"]
    gone = sorted(set(before) - set(after))
    for i in gone:  # a measure gone: its stale records are not served
        for read in (measure_detail, chain):
            with pytest.raises(NotFoundError):
                read(seeded, i)
    _, bodies = _parity(seeded, [*words, "长期过紧日子"], [i for i in ids if i in after], PAGES[:2])
    assert EDITED in bodies[edited]["text"]


def test_a_relink(seeded: Any) -> None:
    words, ids = _sample_words(seeded), _compared(seeded)
    keys = _fill(seeded, words, ids)
    link_store(seeded)  # a relink rewrites the links every record carries
    _assert_stale(seeded, keys)
    _parity(seeded, words, ids, PAGES[:2])


def test_a_reporting_cycle(seeded: Any) -> None:
    words, ids = _sample_words(seeded), _compared(seeded)
    keys = _fill(seeded, words, ids)
    set_report_cycle(seeded, DOC, "monthly")
    _assert_stale(seeded, keys)
    _parity(seeded, words, ids)
    some = next(i for i in ids if i.startswith(DOC) and chain_defined(seeded, i, AS_OF)["up"])
    got = chain(seeded, some, AS_OF)
    assert {o["report_cycle"] for o in got["measure"]["progress"]["obligations"]} == {"monthly"}
    assert {o["report_cycle"] for u in got["up"] for o in u["progress"]["obligations"]} == {"quarterly"}


def test_a_progress_write_leaves_the_records_fresh(seeded: Any) -> None:
    words, ids = _sample_words(seeded), _compared(seeded)
    measure = f"{DOC}:7.1"
    city = [m["id"] for m in chain_defined(seeded, measure, AS_OF)["up"]]
    assert city, "the district measure implements a city measure"
    ids = sorted({*ids, measure, *city})
    keys = _fill(seeded, words, ids)
    generation = _generation(seeded)
    before = chain(seeded, city[0], AS_OF)
    admin = create_token(seeded, admin=True, name="督查科").info
    res = append_progress(seeded, [
        ProgressUpdate(f"{measure}|{UNIT}", "in_progress", text="已拨付第一批资金", percent=40, at="2022-09-20"),
        ProgressUpdate(f"{DOC}:9.1|{UNIT}", "done", at="2022-09-25"),
    ], admin, now=NOW)
    assert not res.errors
    assert _generation(seeded) == generation
    _assert_fresh(seeded, keys)  # progress is not in a measure record: nothing went stale
    # ...the chains read it apart, from the fresh records: equal to the definition
    _assert_equal(seeded, _answers(seeded, words, ids, PAGES[:1], defined=False),
                  _answers(seeded, words, ids, PAGES[:1], defined=True))
    for as_of in (None, "2023-06-30"):
        _assert_equal(seeded, _answers(seeded, [], [measure, *city], [], defined=False, as_of=as_of),
                      _answers(seeded, [], [measure, *city], [], defined=True, as_of=as_of))
    after = chain(seeded, city[0], AS_OF)
    assert after["progress_totals"]["in_progress"] == before["progress_totals"]["in_progress"] + 1
    mine = chain(seeded, measure, AS_OF)["measure"]["progress"]["obligations"]
    assert [o["status"] for o in mine if o["unit"] == UNIT] == ["in_progress"]
    read_model.settle()
    assert {r["built_generation"] for r in _records(seeded, keys)[1].values()} == {generation}  # none rebuilt


def test_a_clear_and_a_load_again(seeded: Any) -> None:
    words, ids = _sample_words(seeded), _compared(seeded)
    keys = _fill(seeded, words, ids)
    seeded.clear()
    _assert_missing(seeded, keys)
    load_seeds(seeded)
    _assert_missing(seeded, keys)
    _parity(seeded, words, ids)


# -- records that must not be served ---------------------------------------------------


def test_a_record_of_an_old_generation_is_never_served(seeded: Any) -> None:
    measure = f"{DOC}:7.1"
    keys = [measure, CHAIN + measure]
    bogus = [{"id": k, "body": '{"id": "bogus"}'} for k in keys]
    seeded.write_batch([("read_model_put_measures", {"generation": "old", "rows": bogus})])
    assert {r["built_generation"] for r in _records(seeded, keys)[1].values()} == {"old"}
    _assert_stale(seeded, keys)
    words = ["过紧日子", "财政"]
    assert measure in [m["id"] for m in search_measures_defined(seeded, "财政", limit=500)["data"]]
    _, bodies = _parity(seeded, words, [measure], [(500, 0)])  # built over the bogus ones, then stored
    assert bodies[measure]["id"] == measure and bodies[CHAIN + measure]["up"]
    # the control: a record at the generation NOW is served as stored (so the parity
    # above could fail): its annotations in the detail, its ids in the chain
    rows = [{"id": measure, "body": _dump(dict(bodies[measure], targets=[{"name": "篡改"}])).decode()},
            {"id": CHAIN + measure, "body": '{"up": [], "down": []}'}]
    seeded.write_batch([("read_model_put_measures", {"generation": _generation(seeded), "rows": rows})])
    assert measure_detail(seeded, measure)["targets"] == [{"name": "篡改"}]
    assert chain(seeded, measure, AS_OF)["up"] == []
    assert _dump(chain(seeded, measure, AS_OF)) != _dump(chain_defined(seeded, measure, AS_OF))


def test_a_build_raced_by_a_write_is_stored_stale(seeded: Any) -> None:
    """The generation is read before the build: a write landing while records are built
    leaves them stale, and the next reader sees the write."""
    ids = [r["id"] for r in _measures(seeded) if r["id"].startswith(DOC)][:5]

    def racing_build(store: Any, wanted: list[str]) -> Any:
        out = _build_listed(store, wanted)
        set_report_cycle(store, DOC, "monthly")  # a graph write: a new generation
        return out

    generation = _generation(seeded)
    built = measure_records.shown(seeded, ids, racing_build)
    assert sorted(built) == sorted(ids)
    read_model.settle()
    assert _generation(seeded) != generation
    _assert_stale(seeded, ids)
    assert {r["built_generation"] for r in _records(seeded, ids)[1].values()} == {generation}
    _parity(seeded, ["过紧日子"], ids[:2])


def test_behind_the_api_read_cache(ladybug_store: Any) -> None:
    """The API wraps the embedded store in a read cache (api/cache.py): the records are
    read and written behind it, and a write through it makes them stale."""
    read_model.settle()
    cached = CachedStore(ladybug_store)
    load_seeds(cached)
    words, ids = ["过紧日子", "财政 资金"], [f"{DOC}:7.1", f"{DOC}:9.1", f"{CITY_DOC}:9.1"]

    def check() -> None:
        got = _answers(cached, words, ids, PAGES[:2], defined=False)
        _assert_equal(ladybug_store, got, _answers(ladybug_store, words, ids, PAGES[:2], defined=True))

    check()  # built
    read_model.settle()
    keys = _fill(ladybug_store, [], ids)
    check()  # stored
    generation = _generation(ladybug_store)
    set_report_cycle(cached, DOC, "monthly")
    assert _generation(ladybug_store) != generation
    _assert_stale(ladybug_store, keys)
    check()  # built again
    read_model.settle()
    _assert_fresh(ladybug_store, keys)
    check()


def test_warmed_chains_across_three_levels(store: Any) -> None:
    """A family of six documents over four levels (tests/data/levels: national, province,
    city, district, a district implementing the national list directly, a department):
    the chains ``warm_measures`` walks in memory are ``queries.chain``'s walk at every
    depth, and each chain answers as its definition (the seeds link one level only)."""
    from loaders import load_document
    from policygraph.pipeline import load_and_link
    from tests.linking.conftest import FILES, LEVELS

    load_and_link(store, [load_document(LEVELS / f) for f in FILES.values()])
    every = [r["id"] for r in _measures(store)]
    warm_measures(store)
    keys = [CHAIN + i for i in every]
    bodies = _assert_fresh(store, keys)
    walks = {i: {d: [[r["id"], r["depth"]] for r in measure_chain(store, i, d)] for d in ("up", "down")}
             for i in every}
    assert {i: {d: bodies[CHAIN + i][d] for d in ("up", "down")} for i in every} == walks
    assert all(bodies[CHAIN + i]["row"]["id"] == i for i in every)  # each with its own measure's row
    deepest = max((depth for w in walks.values() for d in w.values() for _, depth in d), default=0)
    assert deepest >= 3, deepest  # district -> city -> province -> national
    for i in [i for i in every if any(w for w in walks[i].values())][::3]:
        assert _dump(chain(store, i, AS_OF)) == _dump(chain_defined(store, i, AS_OF)), i
