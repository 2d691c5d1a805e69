"""Workload and overview pages render with data, offline."""

from __future__ import annotations

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
    screenshot(page, "workload.png")


def test_overview_page(page, base_url):
    page.goto(base_url + "/overview")
    page.wait_for_selector("body[data-ready='1']", state="attached", timeout=20000)
    assert page.locator("#ranking .pg-bar-row").count() > 1
    assert page.locator("#heat tbody tr").count() > 1
    assert page.locator("#heat td").count() > 1
