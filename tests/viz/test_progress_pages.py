"""The progress pages in headless Chromium over a live server (issue 14, point 5): a status
updated in place on the workload page with a session token shows on the row, in the
history and on the board; an agency token cannot write another agency's row; the upload
page previews (unknown unit highlighted), cancels with nothing written, and loads.

These tests write (progress, a document), so they run on a store and server of their own,
never the session store the other page tests read.  Expectations: tests/expected/progress_pages.json."""

from __future__ import annotations

import json
from urllib.parse import quote

import httpx
import pytest
from live_server import ServerThread, free_port

from tests.viz.conftest import ROOT, open_loaded_store

pytestmark = pytest.mark.browser

EXPECTED = json.loads((ROOT / "tests" / "expected" / "progress_pages.json").read_text(encoding="utf-8"))
W = EXPECTED["workload"]
PILOT = ROOT / "tests" / "data" / "progress_pages" / EXPECTED["pilot"]["file"]
# given as bytes: the browser gets the file whatever the path's characters
PILOT_FILE = {"name": PILOT.name, "mimeType": "text/plain", "buffer": PILOT.read_bytes()}
AS_OF = "2022-10-01"
GOV = "西青区人民政府"


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    """A store of this module's own (both seeds), two tokens, the app with its caches on."""
    from api.app import create_app
    from graph.tokens import create_token

    settings, store = open_loaded_store(tmp_path_factory.mktemp("progress-pages") / "graph.lbug")
    agency = create_token(store, agency=W["unit"], name="财政-王")
    admin = create_token(store, admin=True, name="督查科")
    server = ServerThread(create_app(settings, store=store, cache=True), free_port())
    server.start()
    base = f"http://127.0.0.1:{server.server.config.port}"
    client = httpx.Client(base_url=base, timeout=60, headers={"Accept": "application/json"})
    try:
        yield {"base": base, "client": client, "agency": agency.secret, "admin": admin.secret}
    finally:
        client.close()
        server.stop()
        store.close()


def _row(page, oid: str) -> str:
    return f'#due-table tr.pg-ob[data-oid="{oid}"]'


def _enter_token(page, secret: str) -> None:
    page.fill("#token-input", secret)
    page.click("#token-save")
    page.wait_for_selector("#token-state")
    # kept for this browser session only: not in the page, the URL or localStorage
    assert page.evaluate("() => sessionStorage.getItem('policygraph.token')") == secret
    assert page.evaluate("() => JSON.stringify(localStorage)").find(secret) < 0
    assert secret not in page.content() and secret not in page.url


def _board_count(live, unit: str, status: str, **params) -> int:
    board = live["client"].get("/progress", params={"as_of": AS_OF, **params}).json()
    return next((a["counts"][status] for a in board["agencies"] if a["unit"] == unit), 0)


def test_update_in_place_then_history_and_board(page, live, screenshot):
    base, unit, oid = live["base"], W["unit"], W["measure"] + "|" + W["unit"]
    before = _board_count(live, unit, "in_progress", government=GOV)
    page.goto(f"{base}/agency/{quote(unit)}?as_of={AS_OF}")
    page.wait_for_selector("body[data-ready='1']", state="attached", timeout=20000)

    # own obligations and those reached through a collective, listed and counted apart
    own = page.eval_on_selector_all("#due-table tr.pg-ob", "els => els.map(e => e.dataset.oid)")
    shared = page.eval_on_selector_all("#shared-table tr.pg-ob", "els => els.map(e => e.dataset.oid)")
    assert len(own) == W["own"] == int(page.inner_text(".pg-kpi.lead .n")) + int(page.inner_text(".pg-kpi.support .n")) \
        + int(page.inner_text(".pg-kpi.joint .n"))
    number = lambda o: o.split("|")[0].rsplit(":", 1)[1]  # noqa: E731
    assert sorted(map(number, shared), key=lambda n: tuple(map(int, n.split(".")))) == W["shared"]
    assert int(page.inner_text(".pg-kpi.shared .n")) == len(W["shared"]) and not set(own) & set(shared)
    # responsible units in source order, the first named marked
    units = page.eval_on_selector_all(_row(page, oid) + " .pg-unit", "els => els.map(e => e.dataset.unit)")
    assert units == W["units_in_order"]
    assert page.get_attribute(_row(page, oid) + " .pg-unit.first", "data-unit") == W["units_in_order"][0]
    ongoing = W["ongoing_measure"] + "|" + unit
    assert page.get_attribute(_row(page, ongoing) + " .pg-unit.first", "data-unit") == W["ongoing_first"]
    # an ongoing obligation is a reporting cycle, never red
    assert "overdue" not in page.get_attribute(_row(page, ongoing), "class")
    assert "本季度待报送" in page.inner_text(_row(page, ongoing) + " td.status")
    # the timeline spans the documents' year, not 2022 to today
    assert (page.get_attribute("#timeline", "data-from"), page.get_attribute("#timeline", "data-to")) == ("2022-01", "2022-12")
    assert page.locator("#timeline rect.tl-cycle").count() == 4  # quarterly reporting of the ongoing items

    _enter_token(page, live["agency"])
    page.click(_row(page, oid) + " .act-update")
    form = f'tr.pg-edit[data-oid="{oid}"]'
    page.select_option(form + " select[name=status]", "in_progress")
    page.fill(form + " textarea[name=text]", "已拨付第一批直达资金（浏览器测试）")
    page.fill(form + " input[name=person]", "王某")
    page.click(form + " button[type=submit]")
    page.wait_for_selector(_row(page, oid) + "[data-updated='1']", timeout=20000)
    assert page.get_attribute(_row(page, oid), "data-status") == "in_progress"
    latest = page.inner_text(_row(page, oid) + " td.latest")
    assert "已拨付第一批直达资金（浏览器测试）" in latest and "王某" in latest and "财政-王" in latest
    assert page.inner_text(_row(page, oid) + " td.status .pg-status") == "推进中"
    assert int(page.inner_text('.pg-status-count[data-status="in_progress"] .n')) == 1

    page.click(_row(page, oid) + " .act-history")
    page.wait_for_selector("#history-panel[data-oid] #history-list li")
    assert page.get_attribute("#history-panel", "data-count") == "1"
    entry = page.inner_text("#history-list li")
    assert "推进中" in entry and "已拨付第一批直达资金（浏览器测试）" in entry and "财政-王" in entry
    screenshot(page, "workload-progress.png", full_page=True)

    # the API holds it (appended, with the token's name)
    hist = live["client"].get(f"/obligations/{quote(oid, safe='')}/progress").json()["history"]
    assert [(h["status"], h["token_name"], h["person"]) for h in hist] == [("in_progress", "财政-王", "王某")]

    # the board: 区财政局's 推进中 count one up; sortable; the government stays in the URL
    page.goto(f"{base}/board?government={quote(GOV)}&as_of={AS_OF}")
    page.wait_for_selector("body[data-ready='1']", state="attached", timeout=20000)
    cell = f'#board-table tr[data-unit="{unit}"] td[data-key="in_progress"]'
    assert int(page.inner_text(cell)) == before + 1 == _board_count(live, unit, "in_progress", government=GOV)
    assert "government=" + quote(GOV) in page.url or f"government={GOV}" in page.url
    page.click('#board-table th[data-key="in_progress"]')
    assert page.get_attribute("#board-table", "data-sort") == "in_progress:desc"
    assert page.get_attribute("#board-table tbody tr", "data-unit") == unit
    assert page.get_attribute(f'#board-table tr[data-unit="{unit}"] a', "href") == "/agency/" + quote(unit)
    rows = page.eval_on_selector_all("#board-table tbody tr", "els => els.map(e => e.dataset.unit)")
    assert len(rows) == len(live["client"].get("/progress", params={"government": GOV, "as_of": AS_OF}).json()["agencies"])
    screenshot(page, "board.png", full_page=True)

    # the city view: district progress rolled up on the city measure
    page.goto(f"{base}/board?government={quote('天津市人民政府')}&as_of={AS_OF}")
    page.wait_for_selector("body[data-rollup='1']", state="attached", timeout=60000)
    city = f'#rollup-table tr[data-measure="{W["city_measure"]}"]'
    got = {k: int(page.inner_text(f'{city} td[data-key="{k}"]')) for k in ("linked", "done", "in_progress", "not_started", "overdue")}
    assert got == {"linked": len(W["city_linked"]), "done": 0, "in_progress": 1, "not_started": 0, "overdue": 0}
    assert page.get_attribute("#government", "value") is None or page.eval_on_selector("#government", "e => e.value") == "天津市人民政府"


def test_agency_token_cannot_update_another_agency(page, live):
    other = W["units_in_order"][1]  # 区发展改革委, named on the same measure
    oid = W["measure"] + "|" + other
    page.goto(f"{live['base']}/agency/{quote(other)}?as_of={AS_OF}")
    page.wait_for_selector("body[data-ready='1']", state="attached", timeout=20000)
    _enter_token(page, live["agency"])
    page.click(_row(page, oid) + " .act-update")
    form = f'tr.pg-edit[data-oid="{oid}"]'
    page.fill(form + " textarea[name=text]", "不应写入")
    page.click(form + " button[type=submit]")
    page.wait_for_selector(form + "[data-error='403']")
    msg = page.inner_text(form + " .pg-form-error")
    assert "403" in msg and "无权更新" in msg and W["unit"] in msg and other in msg
    assert page.get_attribute(_row(page, oid), "data-status") == "not_started"
    assert live["client"].get(f"/obligations/{quote(oid, safe='')}/progress").json()["history"] == []


def _documents(live) -> list[str]:
    return sorted(d["id"] for d in live["client"].get("/documents").json()["data"])


def test_upload_preview_cancel_then_confirm(page, live, screenshot):
    pilot = EXPECTED["pilot"]
    before = _documents(live)
    page.goto(f"{live['base']}/upload")
    page.wait_for_selector("#token-input")
    # an agency token may not upload: the page says so, nothing is read or written
    _enter_token(page, live["agency"])
    page.set_input_files("#file", PILOT_FILE)
    page.click("#preview-btn")
    page.wait_for_selector("#error[data-status='403']:not([hidden])")
    assert "admin" in page.inner_text("#error")
    page.click("#token-clear")
    _enter_token(page, live["admin"])
    page.click("#preview-btn")
    page.wait_for_selector("body[data-preview='1']", state="attached", timeout=20000)
    unknown = page.eval_on_selector_all("#pv-units tr.unknown", "els => els.map(e => e.dataset.unit)")
    assert unknown == pilot["unknown_units"]
    assert page.locator("#pv-measures .pg-unit.unknown").count() == 1
    assert page.get_attribute("#pv-measures .pg-unit.unknown", "data-unit") == pilot["unknown_units"][0]
    assert page.eval_on_selector_all("#pv-measures tbody tr", "els => els.length") == len(pilot["measures"])
    lines = page.eval_on_selector_all("#pv-warnings li[data-line]", "els => els.map(e => +e.dataset.line)")
    assert lines == pilot["warning_lines"] and "第 10 行" in page.inner_text("#pv-warnings")
    assert [t.strip() for t in page.eval_on_selector_all("#pv-deadlines tbody tr td:nth-child(3)", "els => els.map(e => e.textContent)")] \
        == [m["deadline"]["date"] for m in pilot["measures"]]
    screenshot(page, "upload-preview.png", full_page=True)
    assert _documents(live) == before  # the preview wrote nothing

    page.click("#cancel")
    page.wait_for_selector("body[data-preview='cancelled']", state="attached")
    assert "未写入" in page.inner_text("#result")
    assert _documents(live) == before
    assert live["client"].get("/units/" + quote(pilot["unknown_units"][0])).status_code == 404

    page.set_input_files("#file", PILOT_FILE)
    page.click("#preview-btn")
    page.wait_for_selector("body[data-preview='1']", state="attached", timeout=20000)
    page.click("#confirm")
    page.wait_for_selector("body[data-preview='loaded']", state="attached", timeout=30000)
    assert pilot["document_id"] in page.inner_text("#result")
    assert _documents(live) == sorted(before + [pilot["document_id"]])
    assert live["client"].get("/units/" + quote(pilot["unknown_units"][0])).status_code == 200
