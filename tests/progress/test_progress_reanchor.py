"""Progress follows the measure a person reported on when a document is reloaded
(graph.progress_anchor), on both stores.

The document (tests/data/progress/finance_19_2023.txt) has item 19 with four clauses,
区财政局 named on each.  Progress is entered on 19.2 and 19.3; the reloaded versions
drop 19.2 (so the old 19.3 becomes 19.2), fix one character, or both.  What must show
where is hand-checked in tests/expected/progress_reanchor.json.  Every load goes
through the one load path (policygraph.pipeline.load_and_link), with the factory city
document beside it so a reload is a batch of two (the batched transaction)."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from graph.model import NotFoundError, ParsedDocument
from graph.progress import ProgressUpdate
from graph.progress_anchor import SIMILAR, Group, dice, fingerprint, resolve, snippet
from graph.progress_store import (
    append_progress,
    export_progress,
    import_progress,
    latest_status,
    progress_history,
    progress_orphans,
)
from graph.tokens import create_token
from loaders import load_document
from policygraph.pipeline import load_and_link
from queries import progress as progress_read
from queries.obligations import obligations
from tests.factories import city_document

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "tests" / "data" / "progress" / "finance_19_2023.txt"
EXPECTED = json.loads((ROOT / "tests" / "expected" / "progress_reanchor.json").read_text(encoding="utf-8"))
DOC, UNIT = EXPECTED["document"], EXPECTED["unit"]
SCENARIOS = EXPECTED["scenarios"]
NOW = dt.datetime(2023, 6, 30, 2, 0, tzinfo=dt.UTC)
AS_OF = "2023-06-30"


def oid(clause: str) -> str:
    return f"{DOC}:{clause}|{UNIT}"


def version(tmp_path: Path, edit: dict[str, Any]) -> ParsedDocument:
    """The document as a person would correct it: a clause's line dropped, a phrase
    replaced; read by the real loader."""
    lines = SOURCE.read_text(encoding="utf-8").splitlines(keepends=True)
    if "drop" in edit:
        hit = [i for i, line in enumerate(lines) if line.lstrip("\t").startswith(edit["drop"])]
        assert len(hit) == 1
        del lines[hit[0]]
    text = "".join(lines)
    if "replace" in edit:
        old, new = edit["replace"]
        assert text.count(old) == 1
        text = text.replace(old, new)
    path = tmp_path / f"v{len(list(tmp_path.glob('v*')))}" / SOURCE.name
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    return load_document(path)


def load(store: Any, parsed: ParsedDocument) -> None:
    load_and_link(store, [city_document(), parsed])


def measure_text(store: Any, clause: str) -> str:
    rows = store.read("measure_get", {"id": f"{DOC}:{clause}"})
    return rows[0]["text"] if rows else ""


@pytest.fixture
def reported(store: Any, tmp_path: Path) -> Any:
    """The original document loaded, 区财政局's progress on 19.2 and 19.3."""
    load(store, version(tmp_path, {}))
    token = create_token(store, agency=UNIT, name="区财政局-李").info
    updates = [ProgressUpdate(oid(c), status, at=f"2023-04-0{i + 1}", text=f"{c} 进展")
               for i, (c, status) in enumerate(EXPECTED["progress_on"].items())]
    res = append_progress(store, updates, token, now=NOW)
    assert res.errors == [] and len(res.written) == 2
    assert {r["measure_text"] for r in res.written} == {measure_text(store, c) for c in EXPECTED["progress_on"]}
    return store


def states(store: Any) -> dict[str, str]:
    """Status per obligation of 区财政局 on the document, as GET /units/{name}/obligations gives it."""
    page = obligations(store, UNIT, limit=500, as_of=AS_OF)
    return {r["obligation_id"]: r["status"] for r in page["data"] if r["document_id"] == DOC}


def answers(store: Any) -> dict[str, Any]:
    """Everything a reader sees of the document's progress."""
    page = obligations(store, UNIT, limit=500, as_of=AS_OF)
    ids = sorted(r["obligation_id"] for r in page["data"] if r["document_id"] == DOC)
    return {
        "obligations": page,
        "histories": {i: progress_history(store, i) for i in ids},
        "latest": latest_status(store, unit=UNIT),
        "orphans": progress_orphans(store),
        "orphan_report": progress_read.orphans(store),
        "board": progress_read.progress_board(store, document=DOC, as_of=AS_OF),
    }


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_progress_shows_under_the_measure_it_was_reported_on(reported: Any, tmp_path: Path, name: str) -> None:
    case = SCENARIOS[name]
    before = {c: progress_history(reported, oid(c)) for c in EXPECTED["progress_on"]}
    assert all(len(h) == 1 for h in before.values())
    load(reported, version(tmp_path, case["edit"]))
    for clause, text in case.get("texts", {}).items():
        assert text in measure_text(reported, clause)  # the reload did move / fix the text
    now = states(reported)
    orphans = progress_orphans(reported)
    for old, new in case["after"].items():
        ids = [r["id"] for r in before[old]]
        if new is None:  # orphaned: listed with what it was written against, nowhere else
            assert [r["id"] for r in orphans if r["id"] in ids] == ids
            assert all(r["obligation_id"] == oid(old) for r in orphans if r["id"] in ids)
            assert all(r["id"] not in ids for h in map(lambda i: progress_history(reported, i), now) for r in h)
            report = [o for o in progress_read.orphans(reported)["data"] if o["obligation_id"] == oid(old)]
            assert len(report) == 1 and report[0]["measure_snippet"] == case["orphan_snippet"]
            assert report[0]["status"] == before[old][0]["status"] and report[0]["updates"] == 1
        else:
            hist = progress_history(reported, oid(new))
            assert [r["id"] for r in hist] == ids
            assert [r["anchored_from"] for r in hist] == [None if new == old else oid(old)]
            assert now[oid(new)] == before[old][0]["status"]
            assert latest_status(reported, measure_ids=[f"{DOC}:{new}"])[oid(new)]["id"] == ids[-1]
    for clause in case["empty"]:
        assert progress_history(reported, oid(clause)) == []
        assert now[oid(clause)] == "not_started"
    placed = {new for new in case["after"].values() if new}
    assert {i for i, s in now.items() if s != "not_started"} == {oid(c) for c in placed}
    if all(new is not None for new in case["after"].values()):
        assert orphans == []


def test_an_unchanged_reload_gives_identical_answers(reported: Any, tmp_path: Path) -> None:
    load(reported, version(tmp_path, SCENARIOS["drop_19_2"]["edit"]))
    first = answers(reported)
    assert first["orphan_report"]["count"] == 1
    load(reported, version(tmp_path, SCENARIOS["drop_19_2"]["edit"]))
    assert answers(reported) == first


@pytest.mark.parametrize("name", ["drop_19_2", "drop_19_2_and_fix_19_3"])
@pytest.mark.parametrize("order", ["load_then_import", "import_then_load"])
def test_export_clear_load_import_keeps_the_mapping(reported: Any, tmp_path: Path, name: str, order: str) -> None:
    edited = version(tmp_path, SCENARIOS[name]["edit"])
    load(reported, edited)
    before = answers(reported)
    lines = list(export_progress(reported))
    assert len(lines) == 2 and all(json.loads(line)["measure_fp"] for line in lines)
    reported.clear()
    if order == "load_then_import":
        load(reported, edited)
        res = import_progress(reported, lines, now=NOW)
    else:  # an export taken back before the documents: the load re-anchors it
        res = import_progress(reported, lines, now=NOW)
        load(reported, copy.deepcopy(edited))
    assert (res.added, res.errors) == (2, [])
    assert answers(reported) == before
    assert list(export_progress(reported)) == lines  # nothing rewritten


def test_updates_after_a_move_and_the_original_back(reported: Any, tmp_path: Path) -> None:
    token = create_token(reported, agency=UNIT).info
    old_22, old_23 = progress_history(reported, oid("19.2")), progress_history(reported, oid("19.3"))
    load(reported, version(tmp_path, SCENARIOS["drop_19_2"]["edit"]))
    # a new update on the new 19.2 (the old 19.3's text) joins the old 19.3's history
    res = append_progress(reported, [ProgressUpdate(oid("19.2"), "已完成", at="2023-05-01")], token, now=NOW)
    assert res.errors == []
    assert [r["id"] for r in progress_history(reported, oid("19.2"))] == [old_23[0]["id"], res.written[0]["id"]]
    assert states(reported)[oid("19.2")] == "done"
    # the original again: the old 19.2's progress is back at 19.2; the old 19.3's and the
    # update written on the new 19.2 (same text) are both at 19.3
    load(reported, version(tmp_path, {}))
    assert progress_orphans(reported) == []
    assert [r["id"] for r in progress_history(reported, oid("19.2"))] == [old_22[0]["id"]]
    assert [r["id"] for r in progress_history(reported, oid("19.3"))] == [old_23[0]["id"], res.written[0]["id"]]
    assert states(reported)[oid("19.3")] == "done" and states(reported)[oid("19.2")] == "in_progress"


def test_a_moved_obligation_id_points_to_where_it_went(reported: Any, tmp_path: Path) -> None:
    token = create_token(reported, agency=UNIT).info
    assert append_progress(reported, [ProgressUpdate(oid("19.4"), "推进中", at="2023-04-10")], token, now=NOW).errors == []
    load(reported, version(tmp_path, SCENARIOS["drop_19_2"]["edit"]))
    with pytest.raises(NotFoundError) as e:  # 19.4 is no more; its progress is on 19.3
        progress_read.obligation_progress(reported, oid("19.4"), AS_OF)
    assert e.value.suggestions == [oid("19.3")]
    got = progress_read.obligation_progress(reported, oid("19.3"), AS_OF)
    assert got["orphan"] is False and got["state"]["status"] == "in_progress" and len(got["history"]) == 1
    gone = progress_read.obligation_progress(reported, oid("19.2"), AS_OF)  # the new 19.2: the old 19.3's
    assert [h["text"] for h in gone["history"]] == ["19.3 进展"]


def test_updates_without_a_fingerprint_are_taken_as_matching(reported: Any, tmp_path: Path) -> None:
    legacy = json.dumps({"id": "legacy-1", "obligation_id": oid("19.2"), "seq": 9, "at": "2023-01-05T00:00:00Z",
                         "status": "blocked", "source": "import"}, ensure_ascii=False)
    assert import_progress(reported, [legacy], now=NOW).added == 1
    load(reported, version(tmp_path, SCENARIOS["drop_19_2"]["edit"]))
    # written before fingerprints: it stays at its id, whatever text is there now
    assert "legacy-1" in {r["id"] for r in progress_history(reported, oid("19.2"))}
    assert "legacy-1" not in {r["id"] for r in progress_orphans(reported)}


# -- the pure rules ----------------------------------------------------------------------

TEXT = "运用税务软件分析筛选数据，发现逃避税线索，及时进行风险应对，对情节严重的严肃查处。"


def _m(clause: int, text: str, number: int = 19) -> dict[str, Any]:
    return {"id": f"d:{number}.{clause}", "number": number, "clause": clause, "text": text}


def test_fingerprints_ignore_width_and_spaces() -> None:
    assert fingerprint(TEXT) == fingerprint(" ".join(TEXT)) == fingerprint(TEXT.replace("，", ","))
    assert fingerprint(TEXT) != fingerprint(TEXT.replace("严肃", "严厉")) and fingerprint("") == ""
    assert snippet(TEXT) == TEXT[:40] + "…" and snippet("短") == "短"


def test_resolve() -> None:
    g = Group("d:19.3", fingerprint(TEXT), TEXT)
    assert resolve(g, [_m(3, TEXT)]) is None  # at its id
    moved = resolve(g, [_m(2, TEXT), _m(3, "别的内容")])
    assert moved is not None and (moved.target, moved.method, moved.score) == ("d:19.2", "text", 1.0)
    # the same text twice: the nearest clause of the same item
    assert resolve(g, [_m(1, TEXT), _m(4, TEXT), _m(3, TEXT, number=20)]).target == "d:19.4"  # type: ignore[union-attr]
    fixed = TEXT.replace("严肃", "严厉")
    assert dice(TEXT, fixed) >= SIMILAR
    assert resolve(g, [_m(3, fixed)]) is None  # corrected in place: stays
    assert resolve(g, [_m(2, fixed), _m(3, "别的内容")]).target == "d:19.2"  # type: ignore[union-attr]
    assert resolve(g, [_m(2, fixed, number=20)]).target == ""  # type: ignore[union-attr]  # similar, other item: no
    halved = TEXT[: len(TEXT) // 2]
    assert dice(TEXT, halved) < SIMILAR and resolve(g, [_m(3, halved)]).target == ""  # type: ignore[union-attr]
    assert resolve(Group("d:19.3", "", ""), [_m(3, "别的内容")]) is None  # no fingerprint: taken as matching
