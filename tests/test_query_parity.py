"""Every named read query gives the same rows on LadybugDB and on Neo4j.

Both stores get the same documents (the factory documents, plus the bundled seeds once
the loaders can read them); each read query runs with the sample values its header
declares (``// example:``).  Rows must be identical, in order when the query has an
ORDER BY.  Also checks the registry itself (headers, engine overrides, load steps)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from graph.ladybug_store import LadybugStore
from graph.model import ParsedDocument
from graph.registry import ENGINES, QueryError, Registry, get_registry
from graph.rows import load_steps
from tests.conftest import neo4j_env, require_neo4j
from tests.factories import all_documents

SEEDS = Path(__file__).resolve().parents[1] / "policygraph" / "samples"
REGISTRY = get_registry()
READS = REGISTRY.names("read")
CORE_READS = ["counts", "document_list", "measure_get", "search_measures", "unit_obligations"]


def seed_documents() -> list[ParsedDocument]:
    """The bundled seeds through the loaders (the city first, then the district)."""
    from policygraph.pipeline import parse_all
    from policygraph.samples import sample_paths

    return parse_all(sample_paths())


def documents() -> list[ParsedDocument]:
    return all_documents() + seed_documents()


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, Any]]:
    require_neo4j()
    from graph.neo4j_store import Neo4jStore

    env = neo4j_env()
    docs = documents()
    lb = LadybugStore(tmp_path_factory.mktemp("parity") / "graph.lbug")
    nj = Neo4jStore(env["uri"], env["user"], env["password"], env["database"])
    try:
        nj.clear()
        for p in docs:
            lb.load(p)
            nj.load(p)
        from graph.linking import link_store

        assert link_store(lb) == link_store(nj)  # the same links, so link queries compare real rows
        yield lb, nj
    finally:
        try:
            nj.clear()
        finally:
            nj.close()
            lb.close()


def sample_params(store: Any, name: str) -> dict[str, Any]:
    q = REGISTRY.get(name, "read")
    params = dict(q.example)
    missing = [p.name for p in q.params if p.required and p.name not in params]
    assert not missing, f"query {name}: declare sample values for {missing} in a '// example:' header line"
    return params


def ordered(name: str) -> bool:
    q = REGISTRY.get(name, "read")
    return all("ORDER BY" in q.text(e).upper() for e in ENGINES)


def canonical(rows: list[dict[str, Any]], keep_order: bool) -> list[str]:
    out = [json.dumps(r, ensure_ascii=False, sort_keys=True) for r in rows]
    return out if keep_order else sorted(out)


@pytest.mark.neo4j
@pytest.mark.parametrize("name", READS)
def test_read_query_parity(stores: tuple[Any, Any], name: str) -> None:
    lb, nj = stores
    params = sample_params(lb, name)
    a, b = lb.read(name, params), nj.read(name, params)
    assert canonical(a, ordered(name)) == canonical(b, ordered(name))
    if name in CORE_READS:
        assert a, f"{name} {params} returned no rows: its example does not hit the test data"


@pytest.mark.neo4j
@pytest.mark.parametrize(
    "q",
    [
        "财政",
        "财政政策",
        "就业",
        "政",
        "5.5%",
        "GDP",
        '"财政',
        "落实积极的财政政策，提升",
        "",
        "不存在的词语",
    ],
)
def test_search_parity(stores: tuple[Any, Any], q: str) -> None:
    """Neo4j's full-text path (CJK bigrams) and the scan return exactly what CONTAINS does."""
    lb, nj = stores
    a = lb.read("search_measures", {"q": q, "limit": 1000})
    assert a == nj.read("search_measures", {"q": q, "limit": 1000})
    assert all(q in r["text"] for r in a)


@pytest.mark.neo4j
def test_unit_obligations_parity_for_every_unit(stores: tuple[Any, Any]) -> None:
    lb, nj = stores
    names = sorted({u.name for p in documents() for u in p.units})
    assert len(names) > 10
    for n in names:
        assert lb.read("unit_obligations", {"name": n}) == nj.read("unit_obligations", {"name": n}), n


@pytest.mark.neo4j
def test_counts_parity(stores: tuple[Any, Any]) -> None:
    lb, nj = stores
    assert lb.counts() == nj.counts()


# -- the registry ----------------------------------------------------------------------


def test_core_reads_exist_and_describe_themselves() -> None:
    for name in CORE_READS:
        d = REGISTRY.get(name, "read").describe()
        assert d["description"] and d["kind"] == "read"
    assert REGISTRY.get("search_measures").engines == ["neo4j"]
    assert REGISTRY.get("schema").engines == ["ladybug", "neo4j"]


@pytest.mark.parametrize("name", READS)
def test_read_examples_bind(name: str) -> None:
    q = REGISTRY.get(name, "read")
    assert q.description, f"{name}: missing '// description:'"
    q.bind(q.example)  # sample values have the declared types


def test_load_steps_are_registered_writes() -> None:
    for p in all_documents():
        for name, params in load_steps(p):
            REGISTRY.get(name, "write").bind(params)


def test_bind_coerces_cli_strings() -> None:
    q = REGISTRY.get("search_measures", "read")
    assert q.bind({"q": "财政", "limit": "5"}) == {"q": "财政", "limit": 5}
    assert q.bind({"q": "财政"})["limit"] == 50
    with pytest.raises(QueryError):
        q.bind({"q": "x", "limit": "many"})


def test_registry_rejects_bad_files(tmp_path: Path) -> None:
    (tmp_path / "read").mkdir()
    (tmp_path / "read" / "x.cypher").write_text("MATCH (n) RETURN n\n", encoding="utf-8")
    with pytest.raises(QueryError, match="description"):
        Registry(tmp_path)
    (tmp_path / "read" / "x.cypher").write_text(
        "// description: d\n// params: a:int\n// example: a=1\nRETURN $a AS a\n"
    )
    (tmp_path / "read" / "x.oracle.cypher").write_text("RETURN 1\n")
    with pytest.raises(QueryError, match="file name"):
        Registry(tmp_path)
    (tmp_path / "read" / "x.oracle.cypher").unlink()
    reg = Registry(tmp_path)
    assert reg.get("x").example == {"a": 1} and reg.get("x").params[0].type == "int"


def _ownership_key(rows: list[dict[str, Any]]) -> set[tuple[Any, ...]]:
    """(measure, role, via) of the ownership answer, whichever way it was computed."""
    out = set()
    for r in rows:
        if r.get("shared") or r.get("role") == "shared":
            vias = r["via"] if isinstance(r["via"], list) else [{"unit": r["via"], "role": r["role"]}]
            out |= {(r.get("id") or r.get("measure_id"), "shared", v["unit"], v["role"]) for v in vias}
        else:
            out.add((r.get("id") or r.get("measure_id"), r["role"], "", ""))
    return out


def _owned_directly(rows: list[dict[str, Any]]) -> set[str]:
    return {r.get("id") or r.get("measure_id") for r in rows if not (r.get("shared") or r.get("role") == "shared")}


@pytest.mark.neo4j
def test_ownership_lookup_equals_the_one_query_definition(stores: tuple[Any, Any]) -> None:
    """queries/ownership.py (two answer-sized reads, filters in Python) answers exactly what
    the single `unit_obligations` query defines, for every unit, on both stores -- minus
    the shared rows of measures the unit also holds directly, which the lookup drops."""
    from queries.ownership import unit_obligation_rows

    names = sorted({u.name for p in documents() for u in p.units})
    checked_shared = 0
    for store in stores:
        for n in names:
            one = store.read("unit_obligations", {"name": n})
            own = _owned_directly(one)
            expected = {k for k in _ownership_key(one) if k[1] != "shared" or k[0] not in own}
            got = unit_obligation_rows(store, n)
            assert _ownership_key(got) == expected, (store.engine, n)
            checked_shared += sum(1 for r in got if r["role"] == "shared")
    assert checked_shared > 0  # the seeds exercise the collective path


@pytest.mark.neo4j
def test_named_query_and_api_answer_agree_on_the_row_count(stores: tuple[Any, Any]) -> None:
    """`policygraph query unit_obligations name=X` and GET /units/X/obligations list the same
    number of obligations for every unit (a measure held directly is not listed again as
    shared), on both stores."""
    from queries.obligations import obligations

    names = sorted({u.name for p in documents() for u in p.units})
    for store in stores:
        for n in names:
            one = store.read("unit_obligations", {"name": n})
            assert len(one) == obligations(store, n, limit=10**6)["count"], (store.engine, n)
            ids = [r["measure_id"] for r in one if r["shared"]]
            assert not set(ids) & _owned_directly(one), (store.engine, n)


def _expected_by_filter(rows: list[dict[str, Any]], field: str, op: str, value: Any) -> list[dict[str, Any]]:
    """The rows a filter must keep, written out independently of MeasureFilter."""
    if op == "<=":
        return [r for r in rows if r[field] is not None and r[field] <= value]
    if op == ">=":
        return [r for r in rows if r[field] is not None and r[field] >= value]
    return [r for r in rows if r[field] == value]


@pytest.mark.neo4j
def test_ownership_filters_match_a_filter_over_the_whole_answer(stores: tuple[Any, Any]) -> None:
    """Each filter keeps exactly the rows of the unfiltered answer that satisfy it."""
    from queries.ownership import MeasureFilter, unit_obligation_rows

    for store in stores:
        everything = unit_obligation_rows(store, "区财政局")
        dates = sorted({r["deadline_date"] for r in everything if r["deadline_date"]})
        tasks = sorted({r["task_number"] for r in everything})
        cases = [
            (MeasureFilter(due_before=dates[0]), "deadline_date", "<=", dates[0]),
            (MeasureFilter(due_before="2000-01-01"), "deadline_date", "<=", "2000-01-01"),
            (MeasureFilter(due_after=dates[-1]), "deadline_date", ">=", dates[-1]),
            (MeasureFilter(due_after="2999-01-01"), "deadline_date", ">=", "2999-01-01"),
        ] + [(MeasureFilter(task=t), "task_number", "==", t) for t in tasks] + [
            (MeasureFilter(document=d), "document_id", "==", d) for d in {r["document_id"] for r in everything}
        ]
        sizes = []
        for where, field, op, value in cases:
            got = unit_obligation_rows(store, "区财政局", where=where)
            assert got == _expected_by_filter(everything, field, op, value), (store.engine, where)
            sizes.append(len(got))
        assert 0 in sizes and any(0 < n < len(everything) for n in sizes), sizes  # filters really narrow

