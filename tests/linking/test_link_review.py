"""Reviewed link decisions (policygraph links review / apply), on both stores.

The round trip a reviewer makes: write the review file from the linked seeds, mark it
with openpyxl (a rejected link, a confirmed one, two local measures given their city
measure -- by 上级序号 and by 上级措施编号), apply it, relink: the decisions hold.  Then
the district is reloaded with one clause dropped (item 16's ids shift by one): the
decisions follow the measures they were made on.  Bad files store nothing and name the
file, row and reason.  The pure rule (graph.linking.decisions.apply_decisions) is
tested on hand-made links: a confirmed link the matcher does not propose is created,
a rejected primary hands primary to the next best, the last decision wins.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from graph.linking import link_store, relink_store
from graph.linking.decisions import CONFIRMED, REJECTED, Decision, apply_decisions
from graph.linking.model import DocLink, Links, MeasureLink
from loaders import load_document
from policygraph.pipeline import load_and_link
from reports.link_review import (
    LINK_SHEET,
    LOCAL_SHEET,
    apply_review,
    build_review,
    parse_verdict,
    write_review,
    xlsx_bytes,
)
from tests.linking.conftest import DISTRICT_FILE

D = "西青区人民政府-2022-07-27"
C = "天津市人民政府-2022-05-06"
DROPPED_LINE = 61  # district 16.2 (做好2022届高校毕业生就业创业工作…): 16.3.. become 16.2..


def links_of(store: Any) -> dict[tuple[str, str], dict[str, Any]]:
    return {(r["lower_id"], r["upper_id"]): r for r in store.read("review_measure_links", {"document": ""})}


def mark(path: Path, sheet: str, lower: str, upper: str | None = None, **cells: str) -> None:
    """Write ``cells`` (column header -> value) into the row of ``lower`` (and ``upper``)."""
    wb = load_workbook(path)
    ws = wb[sheet]
    head = [c.value for c in ws[1]]
    col = {h: i + 1 for i, h in enumerate(head)}
    hits = [r for r in range(2, ws.max_row + 1)
            if ws.cell(r, col["下级措施编号"]).value == lower
            and (upper is None or ws.cell(r, col["上级措施编号"]).value == upper)]
    assert len(hits) == 1, (sheet, lower, upper, hits)
    for name, value in cells.items():
        ws.cell(hits[0], col[name]).value = value
    wb.save(path)


def shifted_district(tmp_path: Path) -> Any:
    lines = DISTRICT_FILE.read_text(encoding="utf-8").splitlines(keepends=True)
    assert lines[DROPPED_LINE - 1].lstrip("\t").startswith("做好2022届高校毕业生就业创业工作")
    del lines[DROPPED_LINE - 1]
    path = tmp_path / "v2" / DISTRICT_FILE.name
    path.parent.mkdir(parents=True)
    path.write_text("".join(lines), encoding="utf-8")
    return load_document(path)


@pytest.fixture
def seeded(store: Any, seeds: Any) -> Any:
    for p in seeds:
        store.load(p)
    link_store(store)
    return store


def choose(links: dict[tuple[str, str], dict[str, Any]]) -> dict[str, tuple[str, str]]:
    """The links the test decides on, picked from what the matcher made (not hard-coded):
    a primary link of a measure with several links outside item 16 (rejected), and the
    first link of 16.7 (confirmed)."""
    by_lower: dict[str, list[tuple[str, str]]] = {}
    for k in sorted(links):
        by_lower.setdefault(k[0], []).append(k)
    multi = [ks for lo, ks in by_lower.items() if len(ks) > 1 and ":16." not in lo]
    assert multi, "the seed has measures carrying several city measures"
    reject = next(k for k in multi[0] if links[k]["is_primary"])
    confirm = by_lower[f"{D}:16.7"][0]
    return {"reject": reject, "confirm": confirm}


def test_review_apply_relink_reload(seeded: Any, tmp_path: Path) -> None:
    store = seeded
    before = links_of(store)
    picked = choose(before)
    rej_lower, rej_upper = picked["reject"]
    others_of_rejected = [k for k in before if k[0] == rej_lower and k != picked["reject"]]
    review = build_review(store)
    assert len(review.links) == len(before) and review.local
    local_ids = [r["下级措施编号"] for r in review.local]
    assert f"{D}:16.6" in local_ids and f"{D}:39.1" in local_ids
    path = write_review(review, tmp_path / "review.xlsx")

    mark(path, LINK_SHEET, rej_lower, rej_upper, 判断="✗", 备注="not the same work")
    mark(path, LINK_SHEET, *picked["confirm"], 判断="正确")
    mark(path, LOCAL_SHEET, f"{D}:16.6", 上级序号="16.3")  # 女企业家 -> the city's item 16 (employment)
    city_upper = f"{C}:44.1"
    mark(path, LOCAL_SHEET, f"{D}:39.1", 上级措施编号=city_upper, 判断="对")

    result = apply_review(store, path.read_bytes(), path.name, "张三")
    assert result.errors == []
    assert result.counts()["stored"] == 4 and result.added == 2
    assert result.counts()["rejected"] == 1 and result.counts()["confirmed"] == 3
    stored = store.read("link_decisions")
    assert len(stored) == 4
    rej = next(r for r in stored if r["decision"] == REJECTED)
    assert (rej["lower_id"], rej["upper_id"], rej["decided_by"], rej["note"]) == (rej_lower, rej_upper, "张三",
                                                                                  "not the same work")
    assert rej["source"] == "review.xlsx" and rej["source_row"].startswith(f"{LINK_SHEET}!") and rej["at"]

    added_16 = (f"{D}:16.6", f"{C}:16.3")
    added_39 = (f"{D}:39.1", city_upper)

    def holds(ids: dict[str, tuple[str, str]], where: str) -> None:
        now = links_of(store)
        assert ids["reject"] not in now, where
        c = now[ids["confirm"]]
        assert c["method"] == "reviewed" and "confirmed by 张三" in c["evidence"], where
        for k in (ids["added_16"], ids["added_39"]):
            assert now[k]["method"] == "reviewed" and now[k]["evidence"] == "added by 张三", where
            assert now[k]["is_primary"], where  # the measure's only link
        for lo in {k[0] for k in now}:
            assert sum(1 for k, r in now.items() if k[0] == lo and r["is_primary"]) == 1, (where, lo)
        local = {r["id"] for r in store.read("local_initiatives", {"document": ""})}
        assert ids["added_16"][0] not in local and ids["added_39"][0] not in local, where

    ids = {**picked, "added_16": added_16, "added_39": added_39}
    link_store(store)  # a relink: the decisions are laid over the matcher again
    holds(ids, "relink")
    if others_of_rejected:  # the rejected primary handed primary to another link of its measure
        assert any(links_of(store)[k]["is_primary"] for k in others_of_rejected)

    review2 = build_review(store)
    decided = [r for r in review2.links if r["当前判断"]]
    assert {(r["下级措施编号"], r["上级措施编号"]) for r in decided} == {picked["confirm"], added_16, added_39}
    assert all("张三" in r["当前判断"] for r in decided)

    again = apply_review(store, path.read_bytes(), path.name, "张三")  # the same file again: nothing new
    assert again.errors == [] and again.counts()["stored"] == 0 and again.unchanged == 4
    assert len(store.read("link_decisions")) == 4

    # reload the district with 16.2 dropped, as an upload does (the load pipeline: only the
    # pairs touching the district are relinked, incrementally): item 16's ids shift down by one
    summary = load_and_link(store, [shifted_district(tmp_path)])
    assert summary["links"]["relinked_pairs"] >= 1

    def down(k: tuple[str, str]) -> tuple[str, str]:
        lo, up = k
        n, c = lo.rsplit(":", 1)[1].split(".")
        return (f"{D}:{n}.{int(c) - 1}" if n == "16" and int(c) > 2 else lo, up)

    holds({k: down(v) for k, v in ids.items()}, "reload with item 16 shifted")
    assert len(store.read("link_decisions")) == 4  # never rewritten, never dropped

    from tests.linking.conftest import DISTRICT_FILE as original

    store.load(load_document(original))  # and back: the decisions are at their first ids again
    relink_store(store, [D])
    holds(ids, "reload of the original")


def _write(path: Path, rows: list[list[Any]]) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = LINK_SHEET
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def test_bad_files_name_the_row_and_store_nothing(seeded: Any, tmp_path: Path) -> None:
    store = seeded
    path = write_review(build_review(store), tmp_path / "review.xlsx")
    first = sorted(links_of(store))[0]
    mark(path, LINK_SHEET, *first, 判断="也许")  # unreadable
    wb = load_workbook(path)
    ws = wb[LINK_SHEET]
    ws.append(["链接", f"{D}:99.9", f"{C}:1.1", "", "", "", "", "", "", "", "", "", "", "", "正确", "", "", ""])
    bad_row = ws.max_row
    wb.save(path)
    mark(path, LOCAL_SHEET, f"{D}:16.6", 上级序号="999.1")
    mark(path, LOCAL_SHEET, f"{D}:39.1", 判断="正确")  # a decision with no city measure
    result = apply_review(store, path.read_bytes(), path.name, "李四")
    reasons = {(e.sheet, e.column): e for e in result.errors}
    assert len(result.errors) == 4 and result.written == []
    assert "unreadable decision '也许'" in reasons[(LINK_SHEET, "判断")].reason
    unknown = reasons[(LINK_SHEET, "下级措施编号")]
    assert unknown.row == bad_row and f"unknown measure id '{D}:99.9'" in unknown.reason
    assert unknown.line("review.xlsx").startswith(f"review.xlsx:{LINK_SHEET}:{bad_row}: 下级措施编号: unknown")
    local = [e.reason for e in result.errors if e.sheet == LOCAL_SHEET]
    assert len(local) == 2 and all(e.column == "上级序号" for e in result.errors if e.sheet == LOCAL_SHEET)
    assert any("no measure 999.1 in the document(s)" in r for r in local)
    assert any("a decision on a local measure needs the 上级序号" in r for r in local)
    assert store.read("link_decisions") == []

    # conflicting decisions on one link, and a link between documents that are not linked
    csv_path = tmp_path / "review.csv"
    header = ["类型", "下级措施编号", "上级措施编号", "判断", "备注"]
    rows = [header, ["链接", *first, "正确", ""], ["链接", *first, "错误", ""],
            ["链接", first[1], first[0], "正确", ""]]
    buf = io.StringIO()
    csv.writer(buf).writerows(rows)
    csv_path.write_bytes(buf.getvalue().encode("utf-8-sig"))
    result = apply_review(store, csv_path.read_bytes(), csv_path.name, "李四")
    assert [(e.row, e.column) for e in result.errors] == [(3, "判断"), (4, "上级措施编号")]
    assert "with another decision" in result.errors[0].reason
    assert "is not in a document that" in result.errors[1].reason
    assert store.read("link_decisions") == []

    from graph.model import DocumentError, PolicyGraphError

    with pytest.raises(DocumentError, match="not an .xlsx workbook"):
        apply_review(store, b"not a workbook", "x.xlsx", "李四")
    with pytest.raises(DocumentError, match="no sheet has 下级措施编号 and 判断"):
        apply_review(store, _write(tmp_path / "other.xlsx", [["a", "b"], [1, 2]]).read_bytes(), "other.xlsx", "李四")
    with pytest.raises(PolicyGraphError, match="--by NAME is required"):
        apply_review(store, path.read_bytes(), path.name, " ")
    assert store.read("link_decisions") == []


def test_review_file_neutralises_formulas_and_reads_every_verdict_spelling(seeded: Any) -> None:
    review = build_review(seeded, D)
    review.links[0]["下级措施内容"] = "=HYPERLINK(\"http://x\")"
    wb = load_workbook(io.BytesIO(xlsx_bytes(review)))
    cell = wb[LINK_SHEET]["F2"]
    assert cell.data_type == "s" and cell.value.startswith("'=")
    assert [parse_verdict(x) for x in ("正确", "✓", "对", "YES", "y", "1")] == [CONFIRMED] * 6
    assert [parse_verdict(x) for x in ("错误", "✗", "错", "no", "N", "0")] == [REJECTED] * 6
    assert parse_verdict("") == "" and parse_verdict("maybe") is None


# -- the pure rule ------------------------------------------------------------------------


def _links() -> Links:
    return Links(
        documents=[DocLink("d", "c", "doc_number", 1.0)],
        measures=[
            MeasureLink("d:1.1", "c:1.1", "task", 0.9, True, "text=0.9"),
            MeasureLink("d:1.1", "c:1.2", "task", 0.5, False, "text=0.5"),
            MeasureLink("d:2.1", "c:2.1", "task", 0.4, True, "text=0.4"),
        ],
        local_measures=["d:3.1"],
    )


def test_apply_decisions_rule() -> None:
    links = _links()
    out = apply_decisions(links, [
        Decision("d:1.1", "c:1.1", REJECTED, "甲"),
        Decision("d:2.1", "c:2.1", REJECTED, "甲"),
        Decision("d:3.1", "c:3.1", CONFIRMED, "乙"),  # a local measure given its city measure
        Decision("d:4.1", "c:4.1", CONFIRMED, "乙"),  # not proposed, linked documents: created
        Decision("d:5.1", "x:5.1", CONFIRMED, "乙"),  # documents not linked in this run: not created
        Decision("d:1.2", "c:1.2", CONFIRMED, "乙"),
        Decision("d:1.2", "c:1.2", REJECTED, "丙"),  # the last decision wins
    ])
    got = {(m.lower, m.upper): m for m in out.measures}
    assert set(got) == {("d:1.1", "c:1.2"), ("d:3.1", "c:3.1"), ("d:4.1", "c:4.1")}
    assert got[("d:1.1", "c:1.2")].primary  # the rejected primary handed over
    assert got[("d:3.1", "c:3.1")].method == "reviewed" and got[("d:3.1", "c:3.1")].primary
    assert out.local_measures == ["d:2.1"]  # 3.1 has a link now; 2.1 lost its only one
    assert [m.lower for m in links.measures] == ["d:1.1", "d:1.1", "d:2.1"]  # the argument is unchanged

    kept = apply_decisions(links, [Decision("d:2.1", "c:2.1", CONFIRMED, "甲")])
    m = next(x for x in kept.measures if x.lower == "d:2.1")
    assert (m.method, m.score, m.primary) == ("reviewed", 0.4, True)
    assert m.evidence == "confirmed by 甲; matcher: task text=0.4"
    assert apply_decisions(links, []) is links
    with pytest.raises(ValueError, match="unknown link decision"):
        apply_decisions(links, [Decision("d:1.1", "c:1.1", "maybe", "甲")])


def test_cli_review_and_apply(tmp_path: Path, seeds: Any, capsys: pytest.CaptureFixture[str]) -> None:
    from graph.ladybug_store import LadybugStore
    from policygraph.cli import main

    db = tmp_path / "g.lbug"
    store = LadybugStore(db)
    try:
        for p in seeds:
            store.load(p)
        link_store(store)
    finally:
        store.close()
    out = tmp_path / "r.csv"
    assert main(["links", "review", "--db", str(db), "--out", str(out), "--document", D]) == 0
    assert "measure link(s)" in capsys.readouterr().out
    text = out.read_bytes().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    target = next(r for r in rows if r["类型"] == "链接")
    target["判断"] = "n"
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(rows[0]))
    w.writeheader()
    w.writerows(rows)
    out.write_bytes(buf.getvalue().encode("utf-8-sig"))
    assert main(["links", "apply", str(out), "--by", "王五", "--db", str(db), "--json"]) == 0
    import json

    done = json.loads(capsys.readouterr().out)
    assert (done["stored"], done["rejected"], done["by"]) == (1, 1, "王五")
    store = LadybugStore(db)
    try:
        assert (target["下级措施编号"], target["上级措施编号"]) not in links_of(store)
    finally:
        store.close()

    target["判断"] = "perhaps"
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(rows[0]))
    w.writeheader()
    w.writerows(rows)
    out.write_bytes(buf.getvalue().encode("utf-8-sig"))
    assert main(["links", "apply", str(out), "--by", "王五", "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert "r.csv:csv:" in err and "判断: unreadable decision 'perhaps'" in err and "nothing stored" in err
    assert main(["links", "review", "--db", str(db), "--out", str(tmp_path / "r.txt")]) == 2
    assert main(["links", "review", "--db", str(db), "--document", "nope"]) == 2


@pytest.mark.neo4j
def test_both_stores_give_the_same_review_after_the_same_decisions(
    ladybug_store: Any, neo4j_store: Any, seeds: Any, tmp_path: Path
) -> None:
    import datetime as dt

    from queries.link_review import link_review

    now = dt.datetime(2026, 12, 2, 8, 0, tzinfo=dt.UTC)
    answers = []
    for store in (ladybug_store, neo4j_store):
        for p in seeds:
            store.load(p)
        link_store(store)
        path = write_review(build_review(store), tmp_path / f"{store.engine}.xlsx")
        picked = choose(links_of(store))
        mark(path, LINK_SHEET, *picked["reject"], 判断="错误", 备注="不对应")
        mark(path, LINK_SHEET, *picked["confirm"], 判断="yes")
        mark(path, LOCAL_SHEET, f"{D}:16.6", 上级序号="16.3")
        assert apply_review(store, path.read_bytes(), "review.xlsx", "张三", now).errors == []
        link_store(store)
        answers.append(link_review(store))
    assert answers[0] == answers[1]
    assert len(answers[0]["decisions"]) == 3 and answers[0]["orphans"] == []
