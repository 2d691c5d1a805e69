"""Issue 14 over real HTTP (uvicorn on a loopback port, httpx), on both stores.

The flow of the issue: 区财政局 downloads its ledger, fills in three rows with openpyxl
the way a person would (changed cells, a deleted row, an inserted note column, a row
copied from another agency's ledger, a bad status), uploads it: refused whole, then
applied with valid_only; the three statuses show on its obligations, on the board
(/progress) and in the city chain; the history shows the token's name and the time.
Then token scopes, per-field errors, formula injection, a reload of the document with
one measure edited and one removed (the orphan listed by a read), and a rebuild from
an export giving identical answers.

The tests of this module run in order on one server per store (module fixture).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import openpyxl
import pytest
from live_server import ServerThread, free_port

from graph.progress_store import export_progress, import_progress
from graph.tokens import create_token, revoke_token
from policygraph.samples import sample_paths
from policygraph.settings import Settings
from reports.ledger import COLUMNS
from tests.conftest import require_neo4j

SETTINGS_TOKEN = "settings-admin-token-0123456789"
UNIT = "区财政局"
GOV = "西青区人民政府"
DOC = "西青区人民政府-2022-07-27"
CITY_DOC = "天津市人民政府-2022-05-06"
# Hand-checked in policygraph/samples/xiqing_district_2022_task_list.txt (区财政局牵头, each
# linked to the city measure of the same number: tests/api/test_api_linked.py):
ROW_A = f"{DOC}:7.1|{UNIT}"  # 7  积极统筹中央、市级转移支付… 12月底前完成  -> 推进中
ROW_B = f"{DOC}:9.1|{UNIT}"  # 9  坚持政府过紧日子…           年内持续推进  -> 已完成
ROW_C = f"{DOC}:12.1|{UNIT}"  # 12 积极创造条件做好隐性债务…   年内持续推进  -> 受阻
# 区财政局 is named directly on 13 + 6 + 19 = 38 measures (tests/api/seed_facts.py).
OWN_OBLIGATIONS = 38
# The city measure each implements (the city text: 7．积极统筹中央转移支付…, 9．坚持政府过紧日子…,
# 13．全力推动隐性债务缓释化解工作…).
CITY_OF = {ROW_A: f"{CITY_DOC}:7.1", ROW_B: f"{CITY_DOC}:9.1", ROW_C: f"{CITY_DOC}:13.1"}
OTHER = f"{DOC}:7.1|区人社局"  # 区人社局 supports measure 7: another agency's row


@dataclass
class Server:
    engine: str
    client: httpx.Client
    app: Any
    store: Any  # the raw store (the CLI's view: tokens are made here)
    tokens: dict[str, str]

    def auth(self, who: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[who]}"}

    def json(self, path: str, **kw: Any) -> Any:
        r = self.client.get(path, **kw)
        assert r.status_code == 200, r.text[:500]
        return r.json()


def _progress(oid: str) -> str:
    return f"/obligations/{quote(oid, safe='')}/progress"


@pytest.fixture(scope="module", params=["ladybug", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def srv(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    engine = request.param
    if engine == "neo4j":
        require_neo4j()
        settings = Settings(store="neo4j", api_token=SETTINGS_TOKEN)
    else:
        settings = Settings(store="ladybug", db_path=tmp_path_factory.mktemp("progress-http") / "g.lbug",
                            api_token=SETTINGS_TOKEN)
    from api.app import create_app, load_seeds
    from graph.stores import open_store

    store = open_store(settings, read_only=False)
    if engine == "neo4j":
        store.clear()
    load_seeds(store)
    tokens = {
        "fin": create_token(store, agency=UNIT, name="区财政局-王").secret,
        "hr": create_token(store, agency="区人社局", name="区人社局-李").secret,
        "admin": create_token(store, admin=True, name="督查科").secret,
        "gone": create_token(store, agency=UNIT, name="区财政局-旧").secret,
        "settings": SETTINGS_TOKEN,
    }
    revoke_token(store, "区财政局-旧")
    app = create_app(settings, store=store, cache=True)  # answer caches on: writes must invalidate them
    server = ServerThread(app, free_port())
    server.start()
    client = httpx.Client(base_url=f"http://127.0.0.1:{server.server.config.port}", timeout=120,
                          headers={"Accept": "application/json"})
    try:
        yield Server(engine, client, app, store, tokens)
    finally:
        client.close()
        server.stop()
        if engine == "neo4j":
            store.clear()
        store.close()


# -- the ledger round trip -----------------------------------------------------------------


def _sheet_index(ws: Any) -> tuple[dict[str, int], dict[str, int]]:
    """Column number by header, row number by 编号."""
    header = {c.value: c.column for c in ws[1] if c.value}
    ids = {ws.cell(r, header["编号"]).value: r for r in range(2, ws.max_row + 1)}
    return header, ids


def _filled_ledger(srv: Server, *, with_errors: bool) -> bytes:
    """The downloaded ledger, filled in as a person would in Excel."""
    r = srv.client.get(f"/units/{UNIT}/ledger.xlsx")
    assert r.status_code == 200
    wb = openpyxl.load_workbook(io.BytesIO(r.content))
    ws = wb["牵头"]
    header, ids = _sheet_index(ws)
    assert {ROW_A, ROW_B, ROW_C} <= set(ids)
    # an inserted note column before 状态 (columns move: the upload finds them by header)
    note_at = header["状态"]
    ws.insert_cols(note_at)
    ws.cell(1, note_at).value = "备注（科室自用）"
    header, ids = _sheet_index(ws)
    ws.cell(ids[ROW_A], note_at).value = "周五前报分管领导"
    # three rows filled in
    ws.cell(ids[ROW_A], header["状态"]).value = "推进中"
    ws.cell(ids[ROW_A], header["责任人"]).value = "王某"
    ws.cell(ids[ROW_A], header["进展情况"]).value = "已拨付第一批直达资金"
    ws.cell(ids[ROW_A], header["成果形式"]).value = "https://example.org/zhida.pdf"
    ws.cell(ids[ROW_B], header["状态"]).value = "done"  # a code works as well as 已完成
    ws.cell(ids[ROW_B], header["填报日期"]).value = dt.date(2022, 9, 30)
    ws.cell(ids[ROW_C], header["状态"]).value = "受阻"
    ws.cell(ids[ROW_C], header["进展情况"]).value = "=缓释政策待市里批复"  # would be a formula in Excel
    # a deleted row (one not filled in)
    other_rows = [r for oid, r in ids.items() if oid not in (ROW_A, ROW_B, ROW_C)]
    ws.delete_rows(other_rows[-1])
    if with_errors:
        header, ids = _sheet_index(ws)
        bad = [r for oid, r in ids.items() if oid not in (ROW_A, ROW_B, ROW_C)][0]
        ws.cell(bad, header["状态"]).value = "差不多了"  # not a status
        last = ws.max_row + 1  # a row copied from 区人社局's ledger
        ws.cell(last, header["编号"]).value = OTHER
        ws.cell(last, header["状态"]).value = "推进中"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _upload(srv: Server, data: bytes, who: str = "fin", **params: Any) -> httpx.Response:
    return srv.client.post(f"/units/{UNIT}/ledger.xlsx", params=params, headers=srv.auth(who),
                           files={"file": ("区财政局台账.xlsx", data, "application/octet-stream")})


def test_a_ledger_with_errors_applies_nothing(srv: Server) -> None:
    data = _filled_ledger(srv, with_errors=True)
    r = _upload(srv, data)
    assert r.status_code == 422, r.text[:300]
    body = r.json()
    assert body["ok"] is False and "nothing applied" in body["error"]
    errors = {(e["column"], e["reason"].split(" ")[0]): e for e in body["errors"]}
    bad_status = errors[("状态", "unknown")]
    assert bad_status["sheet"] == "牵头" and bad_status["row"] >= 2 and "差不多了" in bad_status["reason"]
    other = errors[("编号", "another")]
    assert other["obligation_id"] == OTHER and "区人社局" in other["reason"]
    assert len(body["errors"]) == 2
    for oid in (ROW_A, ROW_B, ROW_C):
        assert srv.json(_progress(oid))["history"] == []  # nothing applied
    # valid_only: the three good rows are applied, the two bad ones reported
    r = _upload(srv, data, valid_only="true")
    assert r.status_code == 200, r.text[:300]
    body = r.json()
    assert body["applied"] == 3 and len(body["errors"]) == 2
    assert {u["obligation_id"]: u["status"] for u in body["updates"]} == {
        ROW_A: "in_progress", ROW_B: "done", ROW_C: "blocked"}
    assert {u["token_name"] for u in body["updates"]} == {"区财政局-王"}


def test_reuploading_the_same_file_changes_nothing(srv: Server) -> None:
    r = _upload(srv, _filled_ledger(srv, with_errors=False))  # the cells now equal the stored state
    assert r.status_code == 200, r.text[:300]
    assert r.json()["applied"] == 0 and r.json()["unchanged"] >= 3 and r.json()["errors"] == []
    assert all(len(srv.json(_progress(oid))["history"]) == 1 for oid in (ROW_A, ROW_B, ROW_C))


def test_the_three_statuses_show_on_the_unit_page(srv: Server) -> None:
    body = srv.json(f"/units/{UNIT}/obligations", params={"limit": 500})
    rows = {m["obligation_id"]: m for m in body["data"]}
    assert (rows[ROW_A]["status"], rows[ROW_A]["status_label"]) == ("in_progress", "推进中")
    assert (rows[ROW_B]["status"], rows[ROW_B]["status_label"]) == ("done", "已完成")
    assert (rows[ROW_C]["status"], rows[ROW_C]["status_label"]) == ("blocked", "受阻")
    a = rows[ROW_A]["last_update"]
    assert (a["person"], a["text"], a["evidence"], a["agency"]) == (
        "王某", "已拨付第一批直达资金", "https://example.org/zhida.pdf", UNIT)
    assert rows[ROW_C]["last_update"]["text"] == "=缓释政策待市里批复"  # stored as typed (neutralised on output)
    assert rows[ROW_B]["last_update"]["at"].startswith("2022-09-30")  # its 填报日期
    assert sum(1 for m in body["data"] if m["status"] != "not_started") == 3
    assert body["status_counts"]["in_progress"] == 1 and body["status_counts"]["done"] == 1
    # filters
    only = srv.json(f"/units/{UNIT}/obligations", params={"status": "受阻", "limit": 500})
    assert [m["obligation_id"] for m in only["data"]] == [ROW_C] and only["count"] == 1
    late = srv.json(f"/units/{UNIT}/obligations", params={"overdue": "true", "as_of": "2023-01-05", "limit": 500})
    assert ROW_A in {m["obligation_id"] for m in late["data"]}  # due 2022-12-31, only 推进中
    assert all(m["overdue"] and m["status"] not in ("done", "closed") for m in late["data"])
    early = srv.json(f"/units/{UNIT}/obligations", params={"overdue": "true", "as_of": "2022-12-31", "limit": 500})
    assert early["count"] == 0  # on the day itself it is still on time
    today = dt.date.today()
    next_quarter = dt.date(today.year + (today.month > 9), (3 * ((today.month - 1) // 3) + 3) % 12 + 1, 15)
    due = srv.json(f"/units/{UNIT}/obligations", params={"report_due": "true", "as_of": next_quarter.isoformat(),
                                                        "limit": 500})
    assert ROW_C in {m["obligation_id"] for m in due["data"]}  # ongoing, updated today: next quarter owes a report
    now_due = srv.json(f"/units/{UNIT}/obligations", params={"report_due": "true", "limit": 500})
    assert ROW_C not in {m["obligation_id"] for m in now_due["data"]}  # reported this quarter
    # an ongoing obligation reports each cycle even when marked done: only 已销号 ends it (graph.progress)
    assert ROW_B in {m["obligation_id"] for m in due["data"]}
    assert srv.client.get(f"/units/{UNIT}/obligations", params={"status": "差不多"}).status_code == 422


def test_the_board_counts_them(srv: Server) -> None:
    board = srv.json("/progress", params={"government": GOV, "as_of": "2023-01-05"})
    fin = next(a for a in board["agencies"] if a["unit"] == UNIT)
    assert fin["total"] == OWN_OBLIGATIONS
    assert fin["counts"] == {"not_started": OWN_OBLIGATIONS - 3, "in_progress": 1, "done": 1, "ongoing": 0,
                             "blocked": 1, "closed": 0}
    overdue = [i["obligation_id"] for i in board["overdue"] if i["unit"] == UNIT]
    assert ROW_A in overdue and ROW_B not in overdue and fin["overdue"] == len(overdue)
    assert sum(a["total"] for a in board["agencies"]) == board["totals"]["total"] == board["count"]
    assert all(a["government"] == GOV for a in board["agencies"])
    done = srv.json("/progress", params={"government": GOV, "status": "已完成", "as_of": "2023-01-05"})
    assert [(a["unit"], a["total"]) for a in done["agencies"]] == [(UNIT, 1)]
    by_doc = srv.json("/progress", params={"document": DOC, "as_of": "2023-01-05"})
    assert next(a for a in by_doc["agencies"] if a["unit"] == UNIT)["counts"]["blocked"] == 1
    assert srv.client.get("/progress", params={"document": "no-such-doc"}).status_code == 404
    statuses = srv.json("/progress/statuses")
    assert [(s["code"], s["label"]) for s in statuses["data"]] == [
        ("not_started", "未启动"), ("in_progress", "推进中"), ("done", "已完成"), ("ongoing", "持续推进"),
        ("blocked", "受阻"), ("closed", "已销号")]


def test_the_city_chain_rolls_them_up(srv: Server) -> None:
    expected = {ROW_A: "in_progress", ROW_B: "done", ROW_C: "blocked"}
    for oid, status in expected.items():
        district = oid.split("|")[0]
        city = CITY_OF[oid]
        chain = srv.json(f"/measures/{quote(city, safe='')}/chain")
        below = {m["id"]: m for m in chain["down"]}
        assert district in below, f"{district} should implement {city}"
        ob = next(o for o in below[district]["progress"]["obligations"] if o["unit"] == UNIT)
        assert ob["status"] == status and ob["first"]  # 区财政局 is named first (牵头)
        roll = below[district]["progress"]
        assert roll["done"] == int(status == "done") and roll["in_progress"] == int(status != "done")
        assert roll["total"] == len([o for o in roll["obligations"] if o["role"] != "shared"])
        assert roll["not_started"] == roll["total"] - 1
        view = srv.json(f"/progress/chain/{quote(city, safe='')}")
        item = next(i for i in view["linked"] if i["id"] == district)
        assert item["progress"] == roll | {"obligations": item["progress"]["obligations"]}
        assert view["totals"]["done"] + view["totals"]["in_progress"] >= 1


def test_the_history_says_who_and_when(srv: Server) -> None:
    before = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=10)
    body = srv.json(_progress(ROW_A))
    assert body["orphan"] is False and body["state"]["status"] == "in_progress"
    (h,) = body["history"]
    assert (h["token_name"], h["agency"], h["person"], h["source"]) == ("区财政局-王", UNIT, "王某", "ledger")
    assert dt.datetime.fromisoformat(h["at"].replace("Z", "+00:00")) >= before
    assert "secret" not in str(body) and srv.tokens["fin"] not in str(body)
    # a second update over the API is appended; the first is kept
    r = srv.client.post(_progress(ROW_A), json={"status": "已完成", "text": "全部拨付", "percent": 100},
                        headers=srv.auth("fin"))
    assert r.status_code == 201, r.text[:300]
    assert r.json()["state"]["status"] == "done" and r.json()["update"]["token_name"] == "区财政局-王"
    hist = srv.json(_progress(ROW_A))["history"]
    assert [x["status"] for x in hist] == ["in_progress", "done"] and hist[0] == h
    assert hist[1]["percent"] == 100.0 and hist[1]["source"] == "api"


def test_the_downloaded_ledger_shows_the_latest_state_safely(srv: Server) -> None:
    wb = openpyxl.load_workbook(io.BytesIO(srv.client.get(f"/units/{UNIT}/ledger.xlsx").content))
    ws = wb["牵头"]
    header, ids = _sheet_index(ws)
    assert [c.value for c in ws[1]] == COLUMNS
    assert ws.cell(ids[ROW_A], header["状态"]).value == "已完成"
    assert ws.cell(ids[ROW_A], header["进展情况"]).value == "全部拨付"
    cell = ws.cell(ids[ROW_C], header["进展情况"])
    assert cell.value == "'=缓释政策待市里批复" and cell.data_type == "s"  # text, never a formula
    rows = list(csv.DictReader(io.StringIO(srv.client.get(f"/units/{UNIT}/ledger.csv").content.decode("utf-8-sig"))))
    row_c = next(r for r in rows if r["编号"] == ROW_C)
    assert row_c["进展情况"] == "'=缓释政策待市里批复" and row_c["状态"] == "受阻"


# -- tokens and errors over HTTP -------------------------------------------------------------


def test_token_scopes(srv: Server) -> None:
    body = {"status": "推进中", "text": "试"}
    assert srv.client.post(_progress(OTHER), json=body, headers=srv.auth("fin")).status_code == 403  # A cannot update B
    assert srv.client.post(_progress(OTHER), json=body, headers=srv.auth("hr")).status_code == 201  # B can
    gone = srv.client.post(_progress(ROW_C), json=body, headers=srv.auth("gone"))
    assert gone.status_code == 401 and "revoked" in gone.json()["error"]
    missing = srv.client.post(_progress(ROW_C), json=body)
    assert missing.status_code == 401 and missing.headers["www-authenticate"] == "Bearer"
    wrong = srv.client.post(_progress(ROW_C), json=body, headers={"Authorization": "Bearer pg_00000000_" + "x" * 43})
    assert wrong.status_code == 401
    close = {"status": "已销号"}
    assert srv.client.post(_progress(ROW_B), json=close, headers=srv.auth("fin")).status_code == 403
    by_admin = srv.client.post(_progress(ROW_B), json=close, headers=srv.auth("admin"))
    assert by_admin.status_code == 201 and by_admin.json()["update"]["token_name"] == "督查科"
    closed = by_admin.json()["state"]
    assert closed["status"] == "closed" and closed["status_label"] == "已销号" and closed["report_due"] is False
    by_settings = srv.client.post(_progress(OTHER), json={"status": "持续推进"}, headers=srv.auth("settings"))
    assert by_settings.status_code == 201 and by_settings.json()["update"]["token_name"] == "api-token"
    # a ledger of another agency cannot be uploaded with an agency token
    r = srv.client.post("/units/区人社局/ledger.csv", headers=srv.auth("fin"),
                        files={"file": ("x.csv", "编号,状态\r\n".encode(), "text/csv")})
    assert r.status_code == 403
    assert srv.client.post(f"/units/{UNIT}/ledger.csv", files={"file": ("x.csv", b"a", "text/csv")}).status_code == 401


def test_per_field_errors(srv: Server) -> None:
    cases = [
        ({"status": "差不多"}, "status"),
        ({"status": "推进中", "percent": 150}, "percent"),
        ({"status": "推进中", "at": "2999-01-01"}, "at"),
        ({"status": "推进中", "text": "长" * 2001}, "text"),
        ({"text": "no status"}, "status"),
    ]
    for body, field in cases:
        r = srv.client.post(_progress(ROW_C), json=body, headers=srv.auth("fin"))
        assert r.status_code == 422, (body, r.text[:200])
        assert [e["loc"] for e in r.json()["errors"]] == [["body", field]], r.json()["errors"]
    assert srv.client.post(_progress(f"{DOC}:99.1|{UNIT}"), json={"status": "推进中"},
                           headers=srv.auth("fin")).status_code == 404
    assert srv.client.get(_progress("not-an-obligation")).status_code == 422
    assert srv.client.get(_progress(f"{DOC}:99.1|{UNIT}")).status_code == 404


def test_a_ledger_csv_round_trip(srv: Server) -> None:
    text = srv.client.get(f"/units/{UNIT}/ledger.csv").content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    target = next(r for r in rows if r["状态"] == "未启动" and r["角色"] == "配合")
    target["状态"] = "推进中"
    target["进展情况"] = "+已对接"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    r = srv.client.post(f"/units/{UNIT}/ledger.csv", headers=srv.auth("fin"),
                        files={"file": ("台账.csv", out.getvalue().encode("utf-8-sig"), "text/csv")})
    assert r.status_code == 200, r.text[:300]
    assert r.json()["applied"] == 1 and r.json()["updates"][0]["obligation_id"] == target["编号"]
    assert r.json()["updates"][0]["text"] == "+已对接"


# -- reload and rebuild ----------------------------------------------------------------------


def _xiqing() -> Path:
    return next(p for p in sample_paths() if "xiqing" in p.name)


def test_progress_survives_a_reload_and_the_orphan_is_listed(srv: Server, tmp_path: Path) -> None:
    # measure 19: 19.1 街镇财政体制改革 (区财政局牵头) is edited; its last clause 19.4
    # 加大上市工作推动力度 (区金融局牵头) is removed.  (A clause is numbered by its place in
    # the measure, so removing a middle clause would renumber the ones after it.)
    edited_id, removed_id = f"{DOC}:19.1|{UNIT}", f"{DOC}:19.4|区金融局"
    for oid, who in ((edited_id, "fin"), (removed_id, "admin")):
        r = srv.client.post(_progress(oid), json={"status": "推进中", "text": "方案起草中"}, headers=srv.auth(who))
        assert r.status_code == 201, r.text[:300]
    text = _xiqing().read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    removed = [i for i, line in enumerate(lines) if line.lstrip("\t").startswith("加大上市工作推动力度")]
    assert len(removed) == 1
    del lines[removed[0]]
    changed = "".join(lines).replace("科学稳妥推进新一轮街镇财政体制改革工作。", "科学稳妥推进新一轮街镇财政体制改革工作，年内出台方案。")
    assert changed != "".join(lines)
    path = tmp_path / _xiqing().name
    path.write_text(changed, encoding="utf-8")
    r = srv.client.post("/documents", files={"file": (path.name, path.read_bytes(), "text/plain")},
                        headers=srv.auth("admin"))  # an admin token uploads documents
    assert r.status_code == 201, r.text[:300]
    kept = srv.json(_progress(edited_id))
    assert kept["orphan"] is False and kept["state"]["status"] == "in_progress" and len(kept["history"]) == 1
    assert "年内出台方案" in srv.json(f"/measures/{quote(edited_id.split('|')[0], safe='')}")["text"]
    gone = srv.json(_progress(removed_id))
    assert gone["orphan"] is True and gone["history"][0]["text"] == "方案起草中"
    orphans = srv.json("/progress/orphans")
    assert [o["obligation_id"] for o in orphans["data"]] == [removed_id]
    assert orphans["data"][0]["status"] == "in_progress"
    assert edited_id in {m["obligation_id"] for m in srv.json(f"/units/{UNIT}/obligations", params={"limit": 500})["data"]}
    assert removed_id not in {m["obligation_id"] for m in srv.json("/units/区金融局/obligations", params={"limit": 500})["data"]}
    # an agency token cannot upload documents
    assert srv.client.post("/documents", files={"file": (path.name, path.read_bytes(), "text/plain")},
                           headers=srv.auth("fin")).status_code == 403
    # the original again: the measure is back and so is its progress
    r = srv.client.post("/documents", files={"file": (_xiqing().name, _xiqing().read_bytes(), "text/plain")},
                        headers=srv.auth("settings"))
    assert r.status_code == 201
    assert srv.json("/progress/orphans")["count"] == 0
    assert srv.json(_progress(removed_id))["orphan"] is False


ANSWERS = [
    ("/progress", {"as_of": "2023-01-05"}),
    ("/progress", {"government": GOV, "as_of": "2022-10-15"}),
    ("/progress", {"document": CITY_DOC, "as_of": "2022-10-15"}),
    (f"/units/{UNIT}/obligations", {"limit": 500, "as_of": "2022-10-15"}),
    ("/units/区人社局/obligations", {"limit": 500, "as_of": "2022-10-15"}),
    (_progress(ROW_A), {"as_of": "2022-10-15"}),
]


def test_a_rebuild_from_an_export_gives_identical_answers(srv: Server) -> None:
    from api.app import load_seeds

    before = [srv.json(path, params=params) for path, params in ANSWERS]
    assert before[0]["count"] > 0 and sum(a["counts"]["in_progress"] for a in before[0]["agencies"]) >= 2
    lines = list(export_progress(srv.store))
    assert len(lines) >= 8
    live = srv.app.state.store  # the app's (cached) store: clearing it through the app drops its caches
    live.clear()  # a new, empty store
    assert srv.client.get(_progress(ROW_A)).status_code == 404  # nothing left
    load_seeds(live)  # the documents again
    result = import_progress(live, lines)
    assert result.errors == [] and result.added == len(lines) and result.skipped == 0
    after = [srv.json(path, params=params) for path, params in ANSWERS]
    assert after == before
    again = import_progress(live, lines)
    assert again.added == 0 and again.skipped == len(lines)
