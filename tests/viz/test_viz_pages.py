"""Workload and overview pages render with data, offline."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

import pytest

UNIT = "区财政局"
pytestmark = pytest.mark.browser


def test_workload_page(page, base_url, screenshot):
    page.goto(base_url + "/agency/" + quote(UNIT))
    page.wait_for_selector("body[data-ready='1']", state="attached", timeout=20000)
    assert UNIT in page.inner_text("h1")
    counts = [int(page.inner_text(f".pg-kpi.{r} .n")) for r in ("lead", "support", "joint", "shared")]
    assert sum(counts) > 0
    assert page.locator("#by-task .pg-bar-row").count() > 0
    assert page.locator("#collab .pg-bar-row").count() > 0
    # top collaborators from /network/collaboration, weighted by shared measures
    assert page.get_attribute("#collab", "data-source") == "network"
    weights = [int(w) for w in page.eval_on_selector_all("#collab .pg-bar-row", "els => els.map(e => e.dataset.weight)")]
    assert weights and weights == sorted(weights, reverse=True) and weights[0] > 0
    # every counterpart's workload beside the agency's
    assert "市财政局" in page.inner_text("#cp-title")
    cp_rows = page.eval_on_selector_all("#cp-bars .pg-bar-row", "els => els.map(e => e.dataset.name)")
    assert cp_rows[0] == UNIT and "市财政局" in cp_rows
    assert "市财政局" in page.inner_text("#cp-table thead")
    # rows keyed by the task links, not the section number: the district's （四） beside the
    # city's （五）, where 市财政局 has one measure (tests/expected/counterpart_comparison.tsv)
    heads = page.eval_on_selector_all("#cp-table thead th", "els => els.map(e => e.textContent)")
    row = page.locator("#cp-table tbody tr[data-lower='4'][data-upper='5']")
    assert row.count() == 1
    cells = row.locator("td").all_inner_texts()
    assert cells[heads.index("市财政局")] == "1" and cells[heads.index(UNIT)] == "1"
    assert "强化就业优先政策" in cells[0] and "（五）" in cells[1]
    assert page.locator("a[href$='/deadlines.ics']").count() == 1
    assert "日历" in page.inner_text("a[href$='/deadlines.ics']")
    assert page.locator("#timeline rect.tl-bar").count() > 0
    assert page.locator("a[href$='/ledger.xlsx']").count() == 1
    assert page.locator("a[href$='/ledger.csv']").count() == 1
    assert page.locator("a[href$='/network.html']").count() == 1
    # overdue as of a chosen date: later date -> at least as many overdue
    page.fill("#as-of", "2022-01-01")
    page.dispatch_event("#as-of", "change")
    early = int(page.inner_text("#kpi-overdue .n"))
    page.fill("#as-of", "2023-01-01")
    page.dispatch_event("#as-of", "change")
    late = int(page.inner_text("#kpi-overdue .n"))
    assert late >= early and late > 0
    page.fill("#as-of", "2022-07-01")
    page.dispatch_event("#as-of", "change")
    # dates as YYYY-MM-DD in the table and the timeline
    first_due = page.inner_text("#due-table tbody tr td").split("\n")[0].strip()
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", first_due), first_due
    assert "截至 2022-07-01" in page.inner_text("#timeline") and "as of 2022-07-01" in page.inner_text("#tl-note")
    assert page.get_attribute("#as-of", "lang") == "zh-CN"
    page.set_viewport_size({"width": 1440, "height": 900})
    screenshot(page, "workload.png", full_page=True)


DOWNLOADS = {
    "ledger.xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ledger.csv": "text/csv",
    "deadlines.ics": "text/calendar",
}


@pytest.mark.parametrize("suffix", sorted(DOWNLOADS))
def test_download_buttons(page, base_url, suffix):
    """The ledger and calendar buttons: clicked, the browser downloads the file; fetched from the
    page, the answer is 200 with the right content type."""
    page.goto(base_url + "/agency/" + quote(UNIT))
    page.wait_for_selector("body[data-ready='1']", state="attached", timeout=20000)
    link = page.locator(f"a[href$='/{suffix}']")
    href = link.get_attribute("href")
    answer = page.evaluate(
        "async (h) => { const r = await fetch(h); const b = await r.arrayBuffer();"
        " return {status: r.status, type: r.headers.get('content-type'), size: b.byteLength}; }",
        href,
    )
    assert answer["status"] == 200 and answer["size"] > 0, answer
    assert answer["type"].startswith(DOWNLOADS[suffix]), answer
    with page.expect_download() as info:
        link.click()
    download = info.value
    assert download.url.endswith("/" + suffix) and not download.failure(), download.url
    data = Path(download.path()).read_bytes()
    if suffix == "deadlines.ics":
        assert data.startswith(b"BEGIN:VCALENDAR") and b"BEGIN:VEVENT" in data
    elif suffix == "ledger.csv":
        assert data.startswith(b"\xef\xbb\xbf") and "序号".encode() in data
    else:
        assert data[:2] == b"PK"


def test_quality_page(page, base_url, requests_log):
    page.goto(base_url + "/quality-report")
    page.wait_for_load_state("load")
    assert "数据质量" in page.inner_text("h1")
    assert page.locator("tr.q-finding").count() > 0
    assert int(page.inner_text("#q-total")) > 0
    assert page.locator("nav.pg-nav a.active[href='/quality-report']").count() == 1
    # the page's own stylesheet and script, nothing from outside (the fixture checks every request)
    assert any(u.endswith("/static/css/pg.css") for u in requests_log.urls)
    assert not requests_log.outside()


def test_overview_page(page, base_url, screenshot):
    page.goto(base_url + "/overview?government=" + quote("西青区人民政府"))
    page.wait_for_selector("body[data-ready='1']", state="attached", timeout=20000)
    assert page.locator("#ranking .pg-bar-row").count() > 1
    assert page.locator("#heat tbody tr").count() > 1
    assert page.locator("#heat td").count() > 1
    page.select_option("#top", "20")
    page.wait_for_selector("#ranking .pg-bar-row >> nth=19")
    page.set_viewport_size({"width": 1440, "height": 1300})
    screenshot(page, "overview.png")
