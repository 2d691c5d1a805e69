"""The data-quality report: each case the issue names on the seeds, the categories the
seeds do not exhibit on a synthetic document with those defects, and nothing on a clean one."""

from __future__ import annotations

import json

import pytest

from graph.ladybug_store import LadybugStore
from loaders import load_document
from policygraph.cli import main
from reports.quality import QualityData, build_report, check_city_not_carried, files_report, store_report

CITY_DOC = "天津市人民政府-2022-05-06"
DISTRICT_DOC = "西青区人民政府-2022-07-27"


@pytest.fixture
def report(api) -> dict:
    return api.json("/quality")


def findings(report: dict, key: str) -> list[dict]:
    cat = next(c for c in report["categories"] if c["key"] == key)
    assert cat["count"] == len(cat["findings"])
    return cat["findings"]


def assert_located(f: dict) -> None:
    assert f["document"] and f["line"] > 0 and f["text"]


def test_variant_agriculture_bureau(report):
    hits = [f for f in findings(report, "unit_variants") if "区农业农村局" in f["message"]]
    assert len(hits) == 1 and "区农业农村委" in hits[0]["message"]
    assert hits[0]["document"] == DISTRICT_DOC
    assert {r["as_written"] for r in hits[0]["related"]} == {"区农业农村局", "区农业农村委"}
    assert all(r["line"] > 0 for r in hits[0]["related"])
    assert_located(hits[0])


def test_variant_planning_branch(report):
    hits = [f for f in findings(report, "unit_variants") if "区规划局西青分局" in f["message"]]
    assert len(hits) == 1 and "市规划资源局西青分局" in hits[0]["message"]
    assert hits[0]["line"] > 0 and "区规划局西青分局" in hits[0]["text"]


def test_agencies_without_counterpart(report):
    hits = findings(report, "no_counterpart")
    named = {f["related"][0]["unit"] for f in hits}
    assert "区协同办" in named
    assert "区财政局" not in named
    for f in hits:
        assert_located(f)
        assert f["related"][0]["unit"] in f["text"]


def test_deadline_before_publication(report):
    hits = findings(report, "before_publication")
    march = [f for f in hits if "3月底前出台相关政策" in f["text"]]
    assert len(march) == 1
    assert march[0]["document"] == CITY_DOC and march[0]["line"] == 161
    assert "2022-05-06" in march[0]["message"]
    assert any("4月底前出台相关政策" in f["text"] for f in hits)


def test_seeds_report_is_complete_and_located(report):
    assert [c["key"] for c in report["categories"]] == [
        "unit_variants", "no_counterpart", "unreadable_clauses", "no_responsible_unit",
        "before_publication", "city_not_carried", "duplicate_measures", "unknown_units",
    ]
    assert report["total"] == sum(report["summary"].values())
    for c in report["categories"]:
        for f in c["findings"]:
            assert_located(f)


def test_city_not_carried_needs_linking(report, api):
    links = api.store.read("quality_links", {})
    cat = next(c for c in report["categories"] if c["key"] == "city_not_carried")
    if not links:
        assert cat["count"] == 0 and "IMPLEMENTS" in cat["note"]
    else:
        carried = {r["upper_id"] for r in links}
        assert cat["count"] > 0 and all(f["measure"] not in carried for f in cat["findings"])


def test_city_not_carried_with_links():
    measures = [
        {"id": "c:1.1", "document_id": "c", "number": 1, "clause": 1, "line": 5, "text": "城市措施一", "units": 1},
        {"id": "c:2.1", "document_id": "c", "number": 2, "clause": 1, "line": 7, "text": "城市措施二", "units": 1},
        {"id": "d:1.1", "document_id": "d", "number": 1, "clause": 1, "line": 3, "text": "区措施一", "units": 1},
    ]
    data = QualityData(
        documents=[{"id": "c", "title": "市文件"}, {"id": "d", "title": "区文件"}], measures=measures,
        responsibilities=[], milestones=[],
        links=[{"lower_id": "d:1.1", "lower_document_id": "d", "upper_id": "c:1.1", "upper_document_id": "c"}],
    )
    out, _note = check_city_not_carried(data)
    assert [(f.measure, f.line, f.text) for f in out] == [("c:2.1", 7, "城市措施二")]


def test_linked_seeds_report_uncarried_city_measures(tmp_path):
    from policygraph.pipeline import load_samples

    store = LadybugStore(tmp_path / "g.lbug")
    try:
        load_samples(store)
        links = store.read("quality_links", {})
        assert links, "the level linking made no IMPLEMENTS link"
        hits = findings(store_report(store), "city_not_carried")
        assert hits and all(f["document"] == CITY_DOC for f in hits)
        assert not {f["measure"] for f in hits} & {r["upper_id"] for r in links}
    finally:
        store.close()


def test_unreadable_clause_on_synthetic_document(doc_files):
    hits = findings(files_report([load_document(doc_files["defects"])]), "unreadable_clauses")
    assert len(hits) == 1
    assert hits[0]["line"] == 22 and "健全社区养老服务网络" in hits[0]["text"]


def test_measure_without_units_on_synthetic_document(doc_files):
    hits = findings(files_report([load_document(doc_files["defects"])]), "no_responsible_unit")
    assert [(f["line"], f["measure"]) for f in hits] == [(22, "西青区人民政府-2022-08-01:6.1")]


def test_duplicate_measures_on_synthetic_document(doc_files):
    hits = findings(files_report([load_document(doc_files["defects"])]), "duplicate_measures")
    assert len(hits) == 1
    assert hits[0]["line"] == 20 and hits[0]["related"][0]["line"] == 18
    assert "完善就业服务体系" in hits[0]["text"]


def test_store_report_reads_warnings_kept_with_the_document(doc_files, tmp_path):
    store = LadybugStore(tmp_path / "g.lbug")
    try:
        store.load(load_document(doc_files["defects"]))
        from_graph = store_report(store)  # no source file given: the warnings were kept at load
        hits = findings(from_graph, "unreadable_clauses")
        assert len(hits) == 1 and hits[0]["line"] == 22
        for key in ("unit_variants", "no_counterpart", "no_responsible_unit", "before_publication",
                    "duplicate_measures"):
            assert findings(from_graph, key), key
        with_source = store_report(store, [load_document(doc_files["defects"])])
        assert with_source == from_graph
        cat = next(c for c in from_graph["categories"] if c["key"] == "unreadable_clauses")
        assert "西青区人民政府-2022-08-01" not in cat["note"]
    finally:
        store.close()


def test_clean_document_reports_nothing(doc_files, tmp_path):
    assert files_report([load_document(doc_files["clean"])])["total"] == 0
    store = LadybugStore(tmp_path / "g.lbug")
    try:
        store.load(load_document(doc_files["clean"]))
        report = store_report(store)
        assert report["total"] == 0, json.dumps(report["summary"], ensure_ascii=False)
    finally:
        store.close()


def test_empty_data_reports_nothing():
    assert build_report(QualityData([], [], [], []))["total"] == 0


def test_cli_check_json_exit_zero(seed_db, capsys):
    assert main(["check", "--json", "--db", str(seed_db)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["summary"]["unit_variants"] >= 2
    assert main(["check", "--db", str(seed_db)]) == 0
    out = capsys.readouterr().out
    assert "区农业农村局" in out and "3月底前出台相关政策" in out


def test_quality_page(api):
    r = api.get("/quality-report", headers={"Accept": "text/html"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "数据质量报告" in r.text and "区农业农村局" in r.text
    assert "cdn" not in r.text.lower() and "https://" not in r.text
