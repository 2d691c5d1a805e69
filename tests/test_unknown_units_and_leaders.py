"""What the new grammar reads reaches every answer, on both stores:

* agencies the data file does not know (Unit kind 'unknown', kept as written) are counted
  by the unit list, the workload and the obligations like any other agency, and flagged
  by the quality report (category ``unknown_units``, with document, line and text);
* the persons a measure names (责任领导 …) are stored on the Measure and shown by the
  measure answer (``leaders``), and by nothing else (other answers keep their shape).

The expectations come from the parse of tests/data/layouts/district_mixed.txt, whose
measures are hand-checked in tests/expected/layouts/district_mixed.tsv; the hand-checked
facts this test leans on are asserted first (区大数据中心 leads 1 measure and is unknown;
measure 2.1 names 刘洋, 副区长)."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict
from pathlib import Path

import pytest

from graph.model import ParsedDocument
from loaders import load_document
from queries.measures import measure_detail, search_measures
from queries.obligations import all_obligations
from queries.units import unit_rows
from queries.workload import workload
from reports.quality import store_report

DOC = Path(__file__).resolve().parent / "data" / "layouts" / "district_mixed.txt"


@pytest.fixture(scope="module")
def parsed() -> ParsedDocument:
    return load_document(DOC)


def _unknown(parsed: ParsedDocument) -> list[str]:
    return sorted(u.name for u in parsed.units if u.kind == "unknown" and not u.collective)


def _roles(parsed: ParsedDocument, unit: str) -> Counter[str]:
    return Counter(r.role for m in parsed.measures for r in m.responsibilities if r.unit == unit)


def test_the_document_names_unknown_units_and_leaders(parsed: ParsedDocument) -> None:
    assert "区大数据中心" in _unknown(parsed) and _roles(parsed, "区大数据中心") == {"lead": 1}
    m21 = next(m for m in parsed.measures if m.id == "南政发〔2023〕5号:2.1")
    assert [(x.name, x.title) for x in m21.leaders] == [("刘洋", "副区长")]


def test_unknown_units_are_counted_in_every_answer(store, parsed: ParsedDocument) -> None:
    store.load(parsed)
    unknown = _unknown(parsed)
    assert len(unknown) >= 5
    units = {r["name"]: r for r in unit_rows(store)}
    by_role = {r["unit"]: r for r in workload(store, "role", document=parsed.document.id)["data"]}
    gov = {r["unit"]: r for r in workload(store, "role", government="南湖区人民政府")["data"]}
    for name in unknown:
        want = _roles(parsed, name)
        assert units[name]["kind"] == "unknown", name
        for role in ("lead", "support", "joint"):
            assert int(units[name][role] or 0) == want[role], (name, role)
            assert int(by_role[name][role] or 0) == want[role], (name, role)
            assert int(gov[name][role] or 0) == want[role], (name, role)
        ob = all_obligations(store, name)
        assert Counter(m["role"] for m in ob["data"] if m["role"] != "shared") == want, name
        # a member of the document's government: it also shares what its collectives
        # (南湖区政府各部门 …) are asked, like a known department
        assert ob["counts"]["shared"] == int(units[name]["shared"] or 0) == int(gov[name]["shared"]) > 0, name


def test_quality_report_flags_unknown_units(store, parsed: ParsedDocument) -> None:
    store.load(parsed)
    cat = next(c for c in store_report(store)["categories"] if c["key"] == "unknown_units")
    assert cat["title"] == "单位不在机构名录中"
    flagged = sorted(f["related"][0]["unit"] for f in cat["findings"])
    assert flagged == _unknown(parsed)
    big_data = next(f for f in cat["findings"] if f["related"][0]["unit"] == "区大数据中心")
    m = next(m for m in parsed.measures if any(r.unit == "区大数据中心" for r in m.responsibilities))
    assert (big_data["document"], big_data["line"], big_data["measure"]) == (parsed.document.id, m.line, m.id)
    assert big_data["text"] == m.clause_text and "区大数据中心" in big_data["text"]
    # the loader's "unknown unit" warnings have their own category now, not unreadable_clauses
    unreadable = next(c for c in store_report(store)["categories"] if c["key"] == "unreadable_clauses")
    assert not any("not in agencies.csv" in f["message"] for f in unreadable["findings"])


def test_measure_answer_shows_leaders(store, parsed: ParsedDocument) -> None:
    store.load(parsed)
    with_leaders = [m for m in parsed.measures if m.leaders]
    assert len(with_leaders) >= 2
    for m in with_leaders:
        assert measure_detail(store, m.id)["leaders"] == [asdict(x) for x in m.leaders], m.id
    plain = next(m for m in parsed.measures if not m.leaders)
    assert measure_detail(store, plain.id)["leaders"] == []
    hits = search_measures(store, q=plain.text[:4], limit=5)["data"]
    assert hits and all("leaders" not in h for h in hits)  # other answers keep their shape
