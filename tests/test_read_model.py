"""The read model (queries/read_model.py) answers exactly what the named queries answer,
after every kind of write, on both stores.

``obligations`` reads an agency's record; ``obligations_defined`` composes the same
answer from the named queries at every call (the definition).  Each test writes the way
the project writes -- a load, a reload with an edited document, a relink, a reporting
cycle, progress -- then checks which records went stale, and that for every one of the
seeds' 118 units the two answers are equal, first from a record rebuilt on the spot and
then from the stored record (``state == 'fresh'``), under filters, roles, paging, status
filters and two ``as_of`` dates.  The API legs (upload and progress through real HTTP)
are in tests/api/test_api_read_model.py.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import orjson
import pytest

from api.app import load_seeds
from graph.linking import link_store
from graph.model import NotFoundError
from graph.progress import ProgressUpdate
from graph.progress_store import append_progress, set_report_cycle
from graph.read_model_stamp import stamped
from graph.tokens import create_token
from loaders import load_document
from policygraph.samples import sample_paths
from queries import read_model
from queries.obligations import (
    build_record,
    obligations,
    obligations_defined,
    obligations_json,
    obligations_json_now,
    warm,
)
from queries.ownership import MeasureFilter, unit_obligation_rows

AS_OF = "2022-10-01"
NOW = dt.datetime(2022, 9, 30, 2, 0, tzinfo=dt.UTC)
UNIT = "区财政局"
DOC = "西青区人民政府-2022-07-27"
CITY_DOC = "天津市人民政府-2022-05-06"

# Every request shape the API takes (as_of AS_OF unless given).
PARAMS: list[dict[str, Any]] = [
    {},
    {"as_of": "2023-06-30"},
    {"limit": 5, "offset": 3},
    {"limit": 1, "offset": 10_000},
    {"roles": ["lead"], "include_shared": False},
    {"roles": ["support", "shared"]},
    {"include_shared": False},
    {"where": MeasureFilter(due_before="2022-12-31")},
    {"where": MeasureFilter(due_after="2022-09-01", task=2)},
    {"where": MeasureFilter(document=DOC)},
    {"status": "not_started"},
    {"status": "推进中"},
    {"overdue": True, "as_of": "2023-06-30"},
    {"overdue": False},
    {"report_due": True},
    {"report_due": False, "limit": 3},
]
# Cheaper shapes, run for every unit after every write.
QUICK = [{}, {"as_of": "2023-06-30", "limit": 7, "offset": 2}, {"roles": ["lead", "joint"], "report_due": True}]


def _units(store: Any) -> list[str]:
    return sorted(r["name"] for r in store.read("unit_names", {}))


Wants = dict[tuple[str, str], Any]


def _parity(store: Any, units: list[str], params: list[dict[str, Any]], wants: Wants | None = None) -> None:
    """``obligations`` equals ``obligations_defined`` for these units and request shapes.
    ``wants``: definitions already computed on the same graph (a second pass after the
    records were stored: only read-model writes happened since), reused, else filled.
    Each unit's reads share one store session, as an API request's do."""
    for u in units:
        with store.session_scope():
            for p in params:
                kw = {"as_of": AS_OF} | p
                key = (u, repr(sorted(kw.items())))
                want = wants.get(key) if wants is not None else None
                if want is None:
                    want = obligations_defined(store, u, **kw)
                    if wants is not None:
                        wants[key] = want
                assert obligations(store, u, **kw) == want, f"{store.engine}: {u} {p}"


def _states(store: Any, units: list[str]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for u in units:
        out.setdefault(read_model.state(store, u), set()).add(u)
    return out


def _compared(store: Any, units: list[str]) -> list[str]:
    """The units whose two answers are compared after a write: all of them on the
    embedded store; on Neo4j every fourth and the five busiest.  Why not all on Neo4j:
    the record and the definition are the same Python over either store's rows, the rows
    of every unit are proved equal across the stores by tests/test_query_parity.py, and
    the whole comparison costs minutes on a Neo4j server.  The STATES (stale / fresh) of
    every unit are checked on both stores after every write."""
    if store.engine != "neo4j":
        return units
    return sorted(set(units[::4]) | set(_busiest(store, units)))


def _warm(store: Any, units: list[str]) -> None:
    """Every unit's record rebuilt and stored; the compared units' parity checked on the
    rebuilt answer first."""
    _parity(store, _compared(store, units), QUICK[:1])
    read_model.settle()
    warm(store, units)  # the others (and any whose background store failed)
    assert _states(store, units) == {"fresh": set(units)}


def _fill(store: Any, units: list[str]) -> None:
    """Every unit's record built and stored (set-up: no parity check)."""
    warm(store, units)
    assert _states(store, units) == {"fresh": set(units)}


_SIZES: dict[tuple[int, str], dict[str, int]] = {}


def _busiest(store: Any, units: list[str], n: int = 5) -> list[str]:
    """The units with the most obligations (by the ownership lookup); the sizes are read
    once per graph generation (a write that changes the graph makes a new one)."""
    generation = store.read("read_model_stamps", {"name": ""})[0]["generation"]
    key = (id(store), generation)
    if key not in _SIZES or not generation or not set(units) <= _SIZES[key].keys():
        _SIZES.clear()
        _SIZES[key] = {u: len(unit_obligation_rows(store, u)) for u in units}
    sizes = _SIZES[key]
    return sorted(units, key=lambda u: (-sizes[u], u))[:n]


def _sample(store: Any, units: list[str]) -> list[str]:
    """A third of the units, and the busiest: the parity checked after each further write."""
    return sorted(set(units[::3]) | set(_busiest(store, units)))


@pytest.fixture
def seeded(store: Any) -> Any:
    load_seeds(store)
    return store


def _edited_seed(tmp_path: Path) -> Any:
    """The district seed as a person would correct it: one measure's text changed and one
    line dropped (read by the real loader): a reload that changes and removes measures."""
    src = next(p for p in sample_paths() if "xiqing" in p.name)
    lines = src.read_text(encoding="utf-8").splitlines(keepends=True)
    i = next(i for i, line in enumerate(lines) if "坚持政府过紧日子" in line)
    lines[i] = lines[i].replace("坚持政府过紧日子", "坚持政府长期过紧日子")
    j = next(j for j, line in enumerate(lines) if j > i + 2 and "区财政局" in line)
    del lines[j]
    path = tmp_path / "edited" / src.name
    path.parent.mkdir(parents=True)
    path.write_text("".join(lines), encoding="utf-8")
    return load_document(path)


def test_every_unit_after_the_load(seeded: Any) -> None:
    units = _units(seeded)
    assert len(units) == 118
    assert _states(seeded, units) == {"missing": set(units)}
    _warm(seeded, units)  # records built from the definition (parity on the rebuilt answer)
    _parity(seeded, _compared(seeded, units), QUICK[1:])  # ...and read back from the store
    _parity(seeded, _busiest(seeded, units), PARAMS)
    assert obligations(seeded, UNIT, as_of=AS_OF)["count"] > 0


def test_a_reload_and_a_relink_make_every_record_stale(seeded: Any, tmp_path: Path) -> None:
    units = _units(seeded)
    _fill(seeded, units)
    before = obligations_defined(seeded, UNIT, as_of=AS_OF, limit=1000)
    seeded.load(_edited_seed(tmp_path))  # a reload: texts change, a measure goes
    assert _states(seeded, units) == {"stale": set(units)}
    after = obligations(seeded, UNIT, as_of=AS_OF, limit=1000)
    assert after != before  # the edit shows (the record did not serve the old answer)
    assert after == obligations_defined(seeded, UNIT, as_of=AS_OF, limit=1000)
    _warm(seeded, units)  # every unit after the reload: rebuilt, then stored
    some = _sample(seeded, units)
    link_store(seeded)  # a relink rewrites the links every answer annotates
    assert _states(seeded, units) == {"stale": set(units)}
    wants: Wants = {}
    _parity(seeded, some, QUICK[:1], wants)  # rebuilt
    read_model.settle()
    _parity(seeded, some, QUICK, wants)  # stored
    _parity(seeded, _busiest(seeded, units, 2), PARAMS)


def test_a_progress_write_makes_only_its_units_stale(seeded: Any) -> None:
    units = _units(seeded)
    assert warm(seeded) == {"units": len(units), "rebuilt": len(units), "fresh": 0}  # policygraph warm
    assert _states(seeded, units) == {"fresh": set(units)}
    admin = create_token(seeded, admin=True, name="督查科").info
    res = append_progress(seeded, [
        ProgressUpdate(f"{DOC}:7.1|{UNIT}", "in_progress", text="已拨付第一批资金", percent=40, at="2022-09-20"),
        ProgressUpdate(f"{DOC}:9.1|{UNIT}", "done", at="2022-09-25"),
        ProgressUpdate(f"{DOC}:12.1|{UNIT}", "ongoing", at="2022-08-01"),
        ProgressUpdate(f"{DOC}:7.1|区人社局", "blocked", at="2022-09-21"),
    ], admin, now=NOW)
    assert not res.errors
    assert _states(seeded, units) == {"stale": {UNIT, "区人社局"}, "fresh": set(units) - {UNIT, "区人社局"}}
    wants: Wants = {}
    _parity(seeded, [UNIT, "区人社局"], PARAMS, wants)  # rebuilt, then stored
    read_model.settle()
    assert _states(seeded, units) == {"fresh": set(units)}
    _parity(seeded, [UNIT, "区人社局"], PARAMS, wants)
    got = obligations(seeded, UNIT, status="已完成", as_of=AS_OF)
    assert [m["obligation_id"] for m in got["data"]] == [f"{DOC}:9.1|{UNIT}"]
    # the date-dependent fields follow as_of on a stored record: 12.1 reported in Q3
    for day, due in (("2022-09-30", False), ("2022-10-01", True)):
        row = next(m for m in obligations(seeded, UNIT, as_of=day, limit=500)["data"]
                   if m["obligation_id"] == f"{DOC}:12.1|{UNIT}")
        assert (row["report_due"], row["cycle"]) == (due, "2022-Q3" if day < "2022-10" else "2022-Q4")
    later = append_progress(seeded, [ProgressUpdate(f"{DOC}:7.1|{UNIT}", "done", at="2022-09-28")], admin, now=NOW)
    assert not later.errors
    # warming rebuilds the stale record only (the others named are fresh), and stores it
    assert warm(seeded, [UNIT, "区人社局", "区发展改革委"]) == {"units": 3, "rebuilt": 1, "fresh": 2}
    assert _states(seeded, units) == {"fresh": set(units)}
    _parity(seeded, [UNIT], PARAMS[:1])


def test_a_reporting_cycle_makes_every_record_stale(seeded: Any) -> None:
    units = _units(seeded)
    _fill(seeded, units)
    some = _sample(seeded, units)
    set_report_cycle(seeded, DOC, "monthly")
    assert _states(seeded, units) == {"stale": set(units)}
    wants: Wants = {}
    _parity(seeded, some, QUICK[:1], wants)
    read_model.settle()
    _parity(seeded, some, QUICK[1:], wants)
    assert {m["report_cycle"] for m in obligations(seeded, UNIT, as_of=AS_OF, limit=500)["data"]
            if m["document_id"] == DOC} == {"monthly"}


def test_a_build_raced_by_a_write_is_never_taken_for_fresh(seeded: Any) -> None:
    """The stamps are read before the build: a write landing while a record is built
    leaves the stored record stale, and the next reader sees the write."""
    admin = create_token(seeded, admin=True, name="督查科").info

    def racing_build(store: Any, name: str) -> Any:
        out = build_record(store, name)
        append_progress(store, [ProgressUpdate(f"{DOC}:7.1|{UNIT}", "done", at="2022-09-20")], admin, now=NOW)
        return out

    read_model.rebuild(seeded, UNIT, racing_build)
    read_model.settle()
    assert read_model.state(seeded, UNIT) == "stale"
    got = obligations(seeded, UNIT, status="done", as_of=AS_OF)
    assert got == obligations_defined(seeded, UNIT, status="done", as_of=AS_OF) and got["count"] == 1

    def graph_racing_build(store: Any, name: str) -> Any:
        out = build_record(store, name)
        set_report_cycle(store, DOC, "monthly")
        return out

    read_model.settle()
    read_model.rebuild(seeded, UNIT, graph_racing_build)
    read_model.settle()
    assert read_model.state(seeded, UNIT) == "stale"


def test_a_record_rebuilt_between_two_reads_is_read_again(seeded: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """A reader holding a head whose chunks another build replaced meanwhile (another
    worker) sees the other build's token and reads the record again.  The first rows,
    read with the head, are its own build's: they stay readable."""
    monkeypatch.setattr(read_model, "FIRST", 1)  # row 0 with the head, the others in chunks
    obligations(seeded, UNIT, as_of=AS_OF)
    read_model.settle()
    old = read_model.fetch(seeded, UNIT)
    assert old is not None and old.first is not None and len(old.first) == 1
    first = read_model.rows_at(seeded, old, [0])
    read_model.rebuild(seeded, UNIT, build_record)  # another reader rebuilds (same stamps)
    read_model.settle()
    assert read_model.rows_at(seeded, old, [0]) == first
    with pytest.raises(read_model.Stale):
        read_model.rows_at(seeded, old, [0, 1])
    monkeypatch.undo()
    read_model.rebuild(seeded, UNIT, build_record)
    read_model.settle()
    assert obligations(seeded, UNIT, as_of=AS_OF) == obligations_defined(seeded, UNIT, as_of=AS_OF)


def test_aliases_and_unknown_names_answer_as_the_definition(seeded: Any) -> None:
    aliases = [(r["name"], a) for r in seeded.read("unit_names", {}) for a in r.get("aliases") or []]
    assert aliases, "the seeds name units by aliases"
    for _, alias in aliases[:5]:
        assert obligations(seeded, alias, as_of=AS_OF) == obligations_defined(seeded, alias, as_of=AS_OF)
    assert obligations(seeded, f"  {UNIT} ", as_of=AS_OF) == obligations_defined(seeded, UNIT, as_of=AS_OF)
    with pytest.raises(NotFoundError) as got:
        obligations(seeded, "区财政", as_of=AS_OF)
    with pytest.raises(NotFoundError) as want:
        obligations_defined(seeded, "区财政", as_of=AS_OF)
    assert (str(got.value), got.value.suggestions) == (str(want.value), want.value.suggestions)


def test_a_store_cleared_and_loaded_again_rebuilds(seeded: Any) -> None:
    obligations(seeded, UNIT, as_of=AS_OF)
    read_model.settle()
    seeded.clear()
    assert read_model.state(seeded, UNIT) == "missing"
    load_seeds(seeded)
    assert obligations(seeded, UNIT, as_of=AS_OF) == obligations_defined(seeded, UNIT, as_of=AS_OF)


# -- which writes stamp what (no store) --------------------------------------------------


def test_stamps_of_each_kind_of_write() -> None:
    assert stamped([]) == []
    tokens = [("token_create", {"id": "t"}), ("token_revoke", {"name": "x"})]
    assert stamped(tokens) == tokens
    load = stamped([("load_document", {}), ("load_measures", {})])
    assert [n for n, _ in load] == ["load_document", "load_measures", "read_model_bump"]
    assert len(load[-1][1]["token"]) == 32
    assert load[-1][1]["token"] != stamped([("link_measures", {})])[-1][1]["token"]  # never reused
    progress = stamped([("progress_append", {"rows": [{"unit": "区财政局"}, {"unit": "区人社局"}, {"unit": "区财政局"}]}),
                        ("progress_set_percent", {"rows": []})])
    assert progress[-1][0] == "read_model_touch_units"
    assert progress[-1][1]["units"] == ["区人社局", "区财政局"]
    imported = stamped([("progress_append", {"rows": [{"unit": "区财政局"}]}), ("progress_anchor_write", {})])
    assert imported[-1][0] == "read_model_bump"  # anchors move progress between measures: every record
    cycle = stamped([("document_set_report_cycle", {"id": "d", "cycle": "monthly"})])
    assert cycle[-1][0] == "read_model_bump"
    own = [("read_model_put_unit", {}), ("read_model_meta_init", {}), ("read_model_drop_chunks", {})]
    assert stamped(own) == own


def test_unit_detail_from_the_record_equals_the_definition(seeded: Any) -> None:
    from queries.units import stored_unit_detail, unit_detail, unit_detail_defined

    units = _units(seeded)
    assert all(stored_unit_detail(seeded, u) is None for u in units)  # no record: the API takes the thread path
    wants = {}
    for u in units:  # no record yet: defined, and the record rebuilt in the background
        with seeded.session_scope():
            wants[u] = unit_detail_defined(seeded, u)
            assert unit_detail(seeded, u) == wants[u]
    embedded = seeded.engine == "ladybug"  # reads at once (the API's event loop), or never there
    read_model.settle()
    assert _states(seeded, units) == {"fresh": set(units)}
    for u in units:  # from the record (the definitions: the same graph, only records stored since)
        assert unit_detail(seeded, u) == wants[u]
        assert stored_unit_detail(seeded, u) == (wants[u] if embedded else None)
        if not embedded:  # a read that travels never runs on the event loop
            assert obligations_json_now(seeded, u, as_of=AS_OF, limit=1) is None
    alias = next(a for r in seeded.read("unit_names", {}) for a in r.get("aliases") or [])
    assert unit_detail(seeded, alias) == unit_detail_defined(seeded, alias)
    assert stored_unit_detail(seeded, alias) is None  # an alias is resolved on the thread path
    if embedded:
        with seeded._rw.writing():  # a writer at work: never a wait on the event loop
            assert stored_unit_detail(seeded, units[0]) is None
    link_store(seeded)  # counterparts and branches come from the links
    assert _states(seeded, units) == {"stale": set(units)}
    assert all(stored_unit_detail(seeded, u) is None for u in units)  # stale: never served
    assert all(unit_detail(seeded, u) == unit_detail_defined(seeded, u) for u in units)


def test_an_unfiltered_answer_counts_from_the_summary_as_the_rows_do_on_every_day(ladybug_store: Any) -> None:
    """A request without filters takes its counts from the record's summary (two
    bisections against its day) instead of visiting every row: on days across two years,
    around the quarter boundaries, with progress of every kind, its answer equals the
    definition and the row-by-row selection (every role asked: the same rows)."""
    store = ladybug_store
    load_seeds(store)
    admin = create_token(store, admin=True, name="督查科").info
    used = {f"{DOC}:{n}" for n in ("7.1", "9.1", "12.1")}
    a, b = [r["id"] for r in unit_obligation_rows(store, UNIT) if r["id"] not in used][:2]
    res = append_progress(store, [
        ProgressUpdate(f"{DOC}:7.1|{UNIT}", "in_progress", percent=40, at="2022-09-20"),
        ProgressUpdate(f"{DOC}:9.1|{UNIT}", "done", at="2022-09-25"),
        ProgressUpdate(f"{DOC}:12.1|{UNIT}", "ongoing", at="2022-08-01"),
        ProgressUpdate(f"{a}|{UNIT}", "ongoing", at="2022-06-15"),
        ProgressUpdate(f"{b}|{UNIT}", "not_started", at="2022-09-29"),
        ProgressUpdate(f"{DOC}:7.1|区人社局", "blocked", at="2022-09-21"),
    ], admin, now=NOW)
    assert not res.errors
    units = sorted({UNIT, "区人社局", *_busiest(store, _units(store), 3)})
    warm(store, units)
    days = [f"{y}-{m:02d}-01" for y in (2022, 2023) for m in range(1, 13, 2)] + [
        "2022-09-30", "2022-10-01", "2022-12-31", "2023-03-31", "2023-04-01"]
    every_role = sorted({r["role"] for u in units for r in unit_obligation_rows(store, u, include_shared=True)})
    seen_late = seen_due = 0
    for u in units:
        record = read_model.fetch(store, u)
        assert record is not None and "summary" in record.head
        for day in days:
            got = obligations(store, u, as_of=day, limit=1000)
            assert got == obligations_defined(store, u, as_of=day, limit=1000), (u, day)
            by_rows = obligations(store, u, roles=every_role, as_of=day, limit=1000)  # row by row
            assert {k: v for k, v in got.items() if k != "counts"} == {k: v for k, v in by_rows.items() if k != "counts"}
            assert {k: v for k, v in got["counts"].items() if v} == {k: v for k, v in by_rows["counts"].items() if v}
            page = obligations(store, u, as_of=day, limit=3, offset=2)
            assert page == obligations_defined(store, u, as_of=day, limit=3, offset=2), (u, day)
            seen_late += got["overdue_count"] > 0
            seen_due += got["report_due_count"] > 0
    assert seen_late and seen_due  # the days tried make both counts move


def test_a_record_of_another_format_is_stale_and_warm_rebuilds_it(ladybug_store: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """After an upgrade that changes the record's shape, the stored records read as stale
    (not fresh: ``policygraph warm`` would skip them and every first reader pay), and
    warming rebuilds them in the new format."""
    store = ladybug_store
    load_seeds(store)
    units = [UNIT, "区人社局"]
    warm(store, units)
    assert _states(store, units) == {"fresh": set(units)}
    monkeypatch.setattr(read_model, "FORMAT", read_model.FORMAT + 1)  # the next release's shape
    assert _states(store, units) == {"stale": set(units)}
    assert read_model.fetch(store, UNIT) is None
    assert warm(store, units) == {"units": 2, "rebuilt": 2, "fresh": 0}
    assert _states(store, units) == {"fresh": set(units)}
    assert obligations(store, UNIT, as_of=AS_OF) == obligations_defined(store, UNIT, as_of=AS_OF)


def test_an_answer_read_at_once_equals_the_thread_path(ladybug_store: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """``obligations_json_now`` (what the API answers on its event loop) is byte for byte
    ``obligations_json`` for a fresh record's pages within the rows kept with its head,
    and None wherever it would wait or read more: no record, a page reaching the chunks,
    a writer at work, a stale record."""
    monkeypatch.setattr(read_model, "FIRST", 3)
    monkeypatch.setattr(read_model, "CHUNK", 2)
    store = ladybug_store
    load_seeds(store)
    units = _busiest(store, _units(store), 3)
    assert all(obligations_json_now(store, u, as_of=AS_OF) is None for u in units)  # no record yet
    warm(store, units)
    filtered = 0
    for u in units:
        for kw in ({"limit": 3}, {"limit": 2, "offset": 1}, {"limit": 1, "offset": 2}):
            kw = {"as_of": AS_OF} | kw
            assert obligations_json_now(store, u, **kw) == obligations_json(store, u, **kw), (u, kw)
        for kw in ({"roles": ["lead"], "limit": 1}, {"overdue": False, "limit": 2}, {"include_shared": False, "limit": 1},
                   {"as_of": "2023-03-01", "report_due": True, "limit": 1}):
            kw = {"as_of": AS_OF} | kw
            now = obligations_json_now(store, u, **kw)
            assert now is None or now == obligations_json(store, u, **kw), (u, kw)
            filtered += now is not None
        assert obligations_json_now(store, u, as_of=AS_OF, limit=4) is None  # the fourth row is in a chunk
        assert obligations_json_now(store, u, as_of=AS_OF, limit=1, offset=3) is None
    assert filtered > 0
    with store._rw.writing():  # never a wait on the event loop
        assert obligations_json_now(store, units[0], as_of=AS_OF, limit=3) is None
    link_store(store)  # a write: every record stale, never served
    assert all(obligations_json_now(store, u, as_of=AS_OF, limit=3) is None for u in units)


def test_pages_across_the_head_rows_and_the_chunks(ladybug_store: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """With 3 rows kept with the head and chunks of 2 (the seeds' agencies have fewer rows
    than a real first page), pages that start in the head and end in a chunk, pages of
    chunks only, and filtered pages of scattered rows all equal the definition, read
    from stored records; each row is stored once."""
    monkeypatch.setattr(read_model, "FIRST", 3)
    monkeypatch.setattr(read_model, "CHUNK", 2)
    store = ladybug_store
    load_seeds(store)
    units = _busiest(store, _units(store), 3)
    warm(store, units)
    assert _states(store, units) == {"fresh": set(units)}
    for u in units:
        record = read_model.fetch(store, u)
        n = obligations_defined(store, u, as_of=AS_OF, limit=1000)["count"]
        assert record is not None and record.head["first"] == 3 and len(record.first or []) == 3
        assert record.chunks == -(-(n - 3) // 2)  # the rows after the first three, two a chunk
        for limit, offset in ((2, 0), (3, 0), (5, 1), (4, 3), (3, 6), (1000, 0), (7, n - 2), (2, n + 5)):
            kw = {"as_of": AS_OF, "limit": limit, "offset": offset}
            assert obligations(store, u, **kw) == obligations_defined(store, u, **kw), (u, limit, offset)
        for kw in ({"roles": ["support"]}, {"roles": ["lead"], "limit": 3, "offset": 1}, {"include_shared": False}):
            kw = {"as_of": AS_OF} | kw
            assert obligations(store, u, **kw) == obligations_defined(store, u, **kw), (u, kw)


# -- the stored bytes (format 5) and the upgrade from text (format 4) ---------------------


def test_a_head_packs_and_unpacks_and_a_damaged_one_reads_as_none() -> None:
    """The head with its first rows, stored as UTF-8 bytes, reads back as the head and a
    view of each row as stored; a head cut anywhere, lengthened, of another format or
    missing reads as None (the record is rebuilt), never as wrong rows."""
    for rows in ([], [{"text": "区财政局\n牵头"}], [{"a": 1}, {"b": "𠀀二\u2028"}, {}]):
        head, stored = read_model.pack_head({"format": read_model.FORMAT, "first": len(rows), "unit": "区"}, rows)
        got = read_model.unpack_head(stored)
        assert got is not None and got[0] == head and len(head["ends"]) == len(rows)
        assert [bytes(r) for r in got[1]] == [orjson.dumps(r) for r in rows]
        assert all(read_model.unpack_head(stored[:k]) is None for k in range(len(stored)))
        assert read_model.unpack_head(stored + b"\n{}") is None
        other = stored.replace(b'{"format":%d,' % read_model.FORMAT, b'{"format":4,', 1)
        assert read_model.unpack_head(other) is None
    assert read_model.unpack_head(None) is None and read_model.unpack_head(b"") is None


def test_stored_bytes_round_trip_chinese_text(store: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Rows with Chinese (a character outside the BMP too), a newline and U+2028 go into
    the BLOB head and chunks (LadybugDB) / byte arrays (Neo4j) and come back byte for
    byte, as rows and as the JSON sent."""
    monkeypatch.setattr(read_model, "FIRST", 2)
    monkeypatch.setattr(read_model, "CHUNK", 2)
    rows = [{"id": i, "text": f"区财政局牵头𠀀第{i}项\n\u2028", "via": [{"unit": "区政府各部门"}]} for i in range(5)]

    def build(_: Any, name: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        return {"unit": {"name": name, "aliases": ["财政局"]}}, [dict(r) for r in rows]

    read_model.rebuild(store, "测试单位", build, store_now=True)
    assert read_model.state(store, "测试单位") == "fresh"
    record = read_model.fetch(store, "测试单位")
    assert record is not None and record.head["unit"] == {"name": "测试单位", "aliases": ["财政局"]}
    assert record.head["first"] == 2 and record.chunks == 2
    every = list(range(5))
    assert read_model.rows_at(store, record, every) == rows
    assert [bytes(b) for b in read_model.raw_rows_at(store, record, every)] == [orjson.dumps(r) for r in rows]
    stored = store.read("read_model_unit", {"name": "测试单位"})[0]["head"]
    assert type(stored) is bytes and "𠀀".encode() in stored  # bytes, the characters unescaped


def _as_format_4(head: bytes) -> str:
    """A format-5 head as the release before stored it: text, no row ends, format 4."""
    got = read_model.unpack_head(head)
    assert got is not None
    meta = {k: v for k, v in got[0].items() if k != "ends"} | {"format": 4}
    return "\n".join([orjson.dumps(meta).decode(), *(bytes(r).decode() for r in got[1])])


def test_a_store_of_the_release_before_upgrades_on_open(ladybug_path: Path) -> None:
    """A LadybugDB store written by the release before (records as text: UnitRecord.head,
    UnitRecordChunk.body) answers as the definition when opened read-only (no upgrade:
    its records are not read), and a read-write open upgrades it: the schema drops the
    text columns and adds the BLOBs, its records read as stale (never served), every
    answer equals the definition, ``warm`` rebuilds them, and a second open changes
    nothing."""
    import ladybug

    from graph.ladybug_store import LadybugStore

    units = [UNIT, "区人社局"]
    store = LadybugStore(ladybug_path)
    try:
        load_seeds(store)
        warm(store, units)
        heads = {u: _as_format_4(store.read("read_model_unit", {"name": u})[0]["head"]) for u in units}
        bodies = {r["key"]: r["body"].decode() for r in store.read("read_model_chunks", {"keys": [f"{UNIT}|0"]})}
    finally:
        store.close()
    db = ladybug.Database(str(ladybug_path))  # what the release before left: text columns
    conn = ladybug.Connection(db)
    for stmt in ("ALTER TABLE UnitRecord DROP head_utf8", "ALTER TABLE UnitRecord ADD head STRING",
                 "ALTER TABLE UnitRecordChunk DROP body_utf8", "ALTER TABLE UnitRecordChunk ADD body STRING"):
        conn.execute(stmt)
    for u, text in heads.items():
        conn.execute("MATCH (r:UnitRecord {name: $n}) SET r.head = $t", {"n": u, "t": text})
    for k, text in bodies.items():
        conn.execute("MATCH (x:UnitRecordChunk {key: $k}) SET x.body = $t", {"k": k, "t": text})
    conn.close()
    db.close()

    store = LadybugStore(ladybug_path, read_only=True)  # a reader first (a ledger, the CLI): no upgrade
    try:
        assert read_model.fetch(store, UNIT) is None
        assert obligations(store, UNIT, as_of=AS_OF) == obligations_defined(store, UNIT, as_of=AS_OF)
    finally:
        store.close()
    store = LadybugStore(ladybug_path)
    try:
        for table, blob, text in (("UnitRecord", "head_utf8", "head"), ("UnitRecordChunk", "body_utf8", "body")):
            columns = {r["name"]: r["type"] for r in store._read(
                "t", f"CALL table_info('{table}') RETURN name, type", {})}
            assert columns.get(blob) == "BLOB" and text not in columns, (table, columns)
        assert _states(store, units) == {"stale": set(units)}
        assert read_model.fetch(store, UNIT) is None
        for u in units:
            assert obligations(store, u, as_of=AS_OF) == obligations_defined(store, u, as_of=AS_OF)
        read_model.settle()
        assert warm(store, units) == {"units": 2, "rebuilt": 0, "fresh": 2}  # the readers stored them
        assert orjson.loads(obligations_json(store, UNIT, as_of=AS_OF)) == obligations_defined(store, UNIT, as_of=AS_OF)
    finally:
        store.close()
    store = LadybugStore(ladybug_path)  # the upgrade ran once: records stay fresh
    try:
        assert _states(store, units) == {"fresh": set(units)}
        assert warm(store, units) == {"units": 2, "rebuilt": 0, "fresh": 2}
    finally:
        store.close()


def test_a_record_of_the_release_before_is_stale_and_replaced_on_neo4j(neo4j_store: Any) -> None:
    """On Neo4j (no schema) a record the release before stored as text (r.head, x.body)
    reads as stale, ``warm`` rebuilds it, and the rebuild removes the old texts."""
    store = neo4j_store
    load_seeds(store)
    warm(store, [UNIT])
    head = _as_format_4(store.read("read_model_unit", {"name": UNIT})[0]["head"])
    with store._session(read=False) as session:  # what the release before left
        session.run("MATCH (r:UnitRecord {name: $n}) SET r.head = $t REMOVE r.head_utf8", n=UNIT, t=head).consume()
        session.run("MATCH (x:UnitRecordChunk) WHERE x.key STARTS WITH $p SET x.body = 'old' REMOVE x.body_utf8",
                    p=f"{UNIT}|").consume()
    assert read_model.state(store, UNIT) == "stale" and read_model.fetch(store, UNIT) is None
    assert warm(store, [UNIT]) == {"units": 1, "rebuilt": 1, "fresh": 0}
    assert read_model.state(store, UNIT) == "fresh"
    assert obligations(store, UNIT, as_of=AS_OF) == obligations_defined(store, UNIT, as_of=AS_OF)
    with store._session(read=True) as session:
        left = session.run("MATCH (r:UnitRecord {name: $n}) OPTIONAL MATCH (x:UnitRecordChunk) WHERE x.key STARTS WITH $p "
                           "RETURN r.head IS NULL AS gone, collect(x.body) AS bodies", n=UNIT, p=f"{UNIT}|").single()
    assert left["gone"] and left["bodies"] == []


def test_the_embedded_fetch_reads_what_the_one_query_reads(ladybug_store: Any) -> None:
    """The embedded store's fetch reads the record, then the generation (two keyed reads,
    cheaper in process than the join): the row is ``read_model_unit``'s, whether the
    record is missing, fresh, stale after a progress write or after a graph write, and
    there is no row before any generation exists."""
    store = ladybug_store
    assert read_model._head_row(store, UNIT, False) is None  # an empty store: no generation, no record
    load_seeds(store)
    admin = create_token(store, admin=True, name="督查科").info

    def same() -> None:
        for u in (UNIT, "区人社局", "不存在的单位"):
            one = store.read("read_model_unit", {"name": u})
            assert read_model._head_row(store, u, False) == (one[0] if one else None), u
            assert read_model._head_row(store, u, True) == (one[0] if one else None), u

    same()  # missing
    warm(store, [UNIT, "区人社局"])
    same()  # fresh
    assert read_model.fetch(store, UNIT) is not None
    assert not append_progress(store, [ProgressUpdate(f"{DOC}:7.1|{UNIT}", "done", at="2022-09-20")], admin, now=NOW).errors
    same()  # stale (the unit's version)
    assert read_model.fetch(store, UNIT) is None and read_model.fetch(store, "区人社局") is not None
    set_report_cycle(store, DOC, "monthly")
    same()  # stale (the generation)
    assert read_model.fetch(store, "区人社局") is None


def test_the_record_write_takes_bytes_and_text_as_its_utf8() -> None:
    """The head is a ``bytes`` parameter (graph/registry.py): bytes pass as they are, a
    text (the CLI's) is sent as its UTF-8, anything else is refused."""
    from graph.registry import QueryError, get_registry

    q = get_registry().get("read_model_put_unit", "write")
    base = {"name": UNIT, "generation": "g", "version": "", "token": "t", "detail": "", "chunks": []}
    assert q.bind(base | {"head": "区财政局".encode()})["head"] == "区财政局".encode()
    assert q.bind(base | {"head": "区财政局"})["head"] == "区财政局".encode()
    with pytest.raises(QueryError):
        q.bind(base | {"head": 5})


def test_the_embedded_store_keeps_its_heap_top(ladybug_store: Any) -> None:
    """Opening the embedded store asks glibc to keep free memory at the heap's top
    (graph/heap.py: a large head read no longer faults its pages in again): set where
    the C library is glibc, a no-op elsewhere."""
    import platform

    from graph.heap import keep_heap_top

    assert keep_heap_top() is (platform.libc_ver()[0] == "glibc")
