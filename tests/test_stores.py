"""Both stores: load, reload (update, never duplicate; removed measures go), atomic loads
under injected faults, LadybugDB locking and read-only opens."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from graph.ladybug_store import LadybugStore
from graph.model import StoreError
from graph.rows import expected_counts, load_steps
from graph.stores import open_store
from policygraph.settings import Settings
from tests.factories import all_documents, city_document, district_document, without_measure

LINK_TYPES = ["IMPLEMENTS", "FOLLOWS", "COUNTERPART_OF", "BRANCH_OF", "CONTRIBUTES_TO"]


class Boom(Exception):
    pass


def snapshot(store: Any) -> dict[str, Any]:
    """Counts plus the content the core reads return."""
    snap: dict[str, Any] = {"counts": store.counts(), "documents": store.read("document_list")}
    for name in ("区财政局", "市财政局", "区发展改革委", "人民银行天津分行"):
        snap[name] = store.read("unit_obligations", {"name": name})
    snap["search"] = store.read("search_measures", {"q": "", "limit": 1000})
    for row in snap["search"]:
        snap[row["id"]] = store.read("measure_get", {"id": row["id"]})
    return snap


def test_load_counts_match_rows(store: Any) -> None:
    docs = all_documents()
    for p in docs:
        summary = store.load(p)
        assert summary["measures"] == len(p.measures)
    counts = store.counts()
    expected = expected_counts(docs)
    assert {k: counts[k] for k in expected} == expected
    assert all(counts[t] == 0 for t in LINK_TYPES)
    # the numbers behind them, by hand: 9 measures, shared units/deadlines merged
    assert counts["Document"] == 2 and counts["Measure"] == 9 and counts["Government"] == 2
    assert counts["Deadline"] == 4  # ongoing/due 2022-12-31, milestones 04-30 and 06-30


def test_reload_twice_changes_nothing(store: Any) -> None:
    for p in all_documents():
        store.load(p)
    before = snapshot(store)
    for _ in range(2):
        for p in all_documents():
            store.load(p)
    assert snapshot(store) == before


def test_reload_removes_what_the_new_version_lacks(store: Any) -> None:
    store.load(city_document())
    store.load(district_document())
    before = store.counts()
    store.load(without_measure(city_document(), "tianjin-2022:7.1"))
    after = store.counts()
    assert after["Measure"] == before["Measure"] - 1
    assert after["LEADS"] == before["LEADS"] - 1 and after["SUPPORTS"] == before["SUPPORTS"] - 1
    assert after["DUE"] == before["DUE"] - 2  # final deadline + its milestone
    assert after["Deadline"] == before["Deadline"] - 1  # milestone:2022-04-30 no longer used
    assert after["Unit"] == before["Unit"]  # units are shared, never dropped by a reload
    assert store.read("measure_get", {"id": "tianjin-2022:7.1"}) == []
    ids = [r["measure_id"] for r in store.read("unit_obligations", {"name": "市财政局"})]
    assert "tianjin-2022:7.1" not in ids and "tianjin-2022:7.2" in ids


def test_reload_updates_in_place(store: Any) -> None:
    store.load(city_document())
    changed = city_document()
    changed.measures[2].text = "落实积极的财政政策（修订）。"
    changed.measures[2].responsibilities = changed.measures[2].responsibilities[:1]  # only the lead stays
    changed.document.title = "新标题"
    before = store.counts()
    store.load(changed)
    after = store.counts()
    assert after["Measure"] == before["Measure"]
    assert after["SUPPORTS"] == before["SUPPORTS"] - 2
    rows = store.read("measure_get", {"id": "tianjin-2022:4.1"})
    assert [r["unit"] for r in rows] == ["市财政局"] and rows[0]["text"] == "落实积极的财政政策（修订）。"
    assert store.read("document_list")[0]["title"] == "新标题"


def test_shared_obligations_through_collectives(store: Any) -> None:
    for p in all_documents():
        store.load(p)
    rows = store.read("unit_obligations", {"name": "区财政局"})
    assert [(r["measure_id"], r["role"], r["via"], r["shared"]) for r in rows] == [
        ("xiqing-2022:1.1", "joint", "区政府各部门", True),
        ("xiqing-2022:4.1", "joint", "区财政局", False),
        ("xiqing-2022:11.1", "support", "有关部门", True),
    ]
    assert rows[0]["deadline_kind"] == "ongoing" and rows[0]["deadline_date"] == "2022-12-31"
    assert rows[1]["task_seq"] == "二" and rows[1]["document_id"] == "xiqing-2022"
    city = store.read("unit_obligations", {"name": "市财政局"})
    assert {r["via"] for r in city} == {"市财政局", "市政府各部门"}  # 有关部门 here is the district's


@pytest.mark.parametrize(
    "fail_at", ["load_prune_measures", "load_document", "load_measures", "load_due", "load_gc_deadlines"]
)
def test_fault_half_way_leaves_store_unchanged(store: Any, fail_at: str) -> None:
    for p in all_documents():
        store.load(p)
    before = snapshot(store)
    new_version = without_measure(city_document(), "tianjin-2022:2.1")
    new_version.measures[0].text = "改过的文字"
    seen: list[str] = []

    def hook(i: int, name: str) -> None:
        seen.append(name)
        if name == fail_at:
            raise Boom(f"injected at step {i} {name}")

    store.before_step = hook
    with pytest.raises(Boom):
        store.load(new_version)
    store.before_step = None
    assert seen[-1] == fail_at and len(seen) > 1  # some statements did run inside the transaction
    assert snapshot(store) == before
    store.load(new_version)  # and the store still takes writes
    assert store.counts()["Measure"] == before["counts"]["Measure"] - 1


def test_engine_error_half_way_rolls_back(store: Any) -> None:
    """A bad row (null key) fails inside the engine after earlier steps wrote."""
    store.load(district_document())
    before = snapshot(store)
    steps = load_steps(city_document())
    bad = {
        "name": None,
        "level": "city",
        "kind": "department",
        "government": None,
        "collective": False,
        "aliases": [],
    }
    with pytest.raises(StoreError, match="load_units"):
        store.write_batch(steps[:-3] + [("load_units", {"rows": [bad]})])
    assert snapshot(store) == before


def test_first_load_failing_leaves_store_empty(store: Any) -> None:
    store.before_step = lambda i, name: (_ for _ in ()).throw(Boom()) if name == "load_targets" else None
    with pytest.raises(Boom):
        store.load(city_document())
    store.before_step = None
    assert all(n == 0 for n in store.counts().values())


def _plain_only(value: Any) -> bool:
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain_only(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_plain_only(v) for v in value)
    return value is None or (isinstance(value, bool | int | float | str) and not isinstance(value, Decimal))


def test_reads_return_plain_python(store: Any) -> None:
    for p in all_documents():
        store.load(p)
    for q in store.registry.reads():
        if any(p.required and p.name not in q.example for p in q.params):
            continue  # no sample values declared: the parity test reports those
        assert _plain_only(store.read(q.name, q.example)), q.name


def test_read_rejects_unknown_names_and_params(store: Any) -> None:
    from graph.model import NotFoundError
    from graph.registry import QueryError

    with pytest.raises(NotFoundError):
        store.read("no_such_query")
    with pytest.raises(NotFoundError):
        store.read("load_units")  # a write query is not a read
    with pytest.raises(QueryError):
        store.read("unit_obligations", {"name": "x", "evil": "MATCH (n) DETACH DELETE n"})
    with pytest.raises(QueryError):
        store.read("unit_obligations", {})


# -- LadybugDB specifics --------------------------------------------------------------

HOLDER = textwrap.dedent(
    """
    import sys
    from graph.ladybug_store import LadybugStore
    s = LadybugStore(sys.argv[1])
    print("ready", flush=True)
    sys.stdin.readline()
    s.close()
    """
)


def _hold(path: Path) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[1],
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready", (
        proc.stderr and proc.stderr.read()
    )
    return proc


def _release(proc: subprocess.Popen[str]) -> None:
    assert proc.stdin is not None
    proc.stdin.write("\n")
    proc.stdin.flush()
    proc.wait(timeout=30)


def test_ladybug_second_writer_gets_one_line_lock_error(ladybug_path: Path) -> None:
    with LadybugStore(ladybug_path) as s:
        s.load(district_document())
    proc = _hold(ladybug_path)
    try:
        with pytest.raises(StoreError) as err:
            LadybugStore(ladybug_path)
        msg = str(err.value)
        assert "\n" not in msg and "another PolicyGraph process" in msg and "server" in msg
        assert f"PID {proc.pid}" in msg
        # read-only opens are allowed while the writer holds the file, and see its data
        with LadybugStore(ladybug_path, read_only=True) as ro:
            assert ro.counts()["Measure"] == 4
            with pytest.raises(StoreError, match="read-only"):
                ro.load(city_document())
    finally:
        _release(proc)
    with LadybugStore(ladybug_path) as s:  # released: read-write works again
        assert s.counts()["Measure"] == 4


def test_ladybug_read_only_open_of_missing_store(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="policygraph load"):
        LadybugStore(tmp_path / "nothing" / "graph.lbug", read_only=True)


def test_ladybug_data_survives_reopen(ladybug_path: Path) -> None:
    with LadybugStore(ladybug_path) as s:
        for p in all_documents():
            s.load(p)
        before = snapshot(s)
    with LadybugStore(ladybug_path, read_only=True) as s:
        assert snapshot(s) == before


def test_open_store_factory(tmp_path: Path) -> None:
    settings = Settings(store="ladybug", db_path=tmp_path / "x" / "graph.lbug")
    store = open_store(settings)
    try:
        assert store.engine == "ladybug"
        store.load(city_document())
    finally:
        store.close()
    ro = open_store(settings, read_only=True)
    try:
        assert ro.counts()["Measure"] == 5
    finally:
        ro.close()


@pytest.mark.neo4j
def test_open_store_factory_neo4j(neo4j_store: Any) -> None:
    from tests.conftest import neo4j_env

    env = neo4j_env()
    settings = Settings(
        store="neo4j", NEO4J_URI=env["uri"], NEO4J_USER=env["user"], NEO4J_PASSWORD=env["password"]
    )
    store = open_store(settings)
    try:
        assert store.engine == "neo4j"
        store.load(district_document())
        assert store.counts()["Measure"] == 4
    finally:
        store.close()


def test_neo4j_unreachable_is_a_store_error() -> None:
    from graph.neo4j_store import Neo4jStore

    with pytest.raises(StoreError, match="not reachable"):
        Neo4jStore("bolt://127.0.0.1:1", "neo4j", "x")


def test_seed_counts_match_what_the_loaders_produce(store: Any) -> None:
    """Documents, tasks, measures, units, lead/support/joint edges, deadlines, targets."""
    from tests.test_query_parity import seed_documents

    seeds = seed_documents()
    assert len(seeds) == 2
    for p in seeds:
        store.load(p)
    counts = store.counts()
    expected = expected_counts(seeds)
    assert {k: counts[k] for k in expected} == expected
    assert counts["Measure"] == sum(len(p.measures) for p in seeds)
    assert counts["LEADS"] + counts["SUPPORTS"] + counts["JOINTLY_RESPONSIBLE"] == len(
        {(r.unit, m.id, r.role) for p in seeds for m in p.measures for r in m.responsibilities}
    )
