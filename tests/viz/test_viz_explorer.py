"""The explorer in headless Chromium: search, open, side panel, graph, expand, filter; offline."""

from __future__ import annotations

from urllib.parse import quote

import httpx
import pytest

UNIT = "区财政局"
pytestmark = pytest.mark.browser


def node_count(page) -> int:
    return int(page.get_attribute("#graph", "data-nodes") or 0)


def wait_stable(page, timeout: int = 20000) -> None:
    page.wait_for_selector("#graph[data-stable='1']", state="attached", timeout=timeout)


def test_search_open_expand_filter(page, base_url, requests_log, screenshot):
    page.goto(base_url + "/")
    page.wait_for_function("Number(document.body.dataset.unitsLoaded || 0) > 0")
    page.fill("#search", "财政")
    option = page.locator(f"#search-suggestions li[data-name='{UNIT}']")
    option.wait_for()
    assert UNIT in page.inner_text("#search-suggestions")
    option.click()
    wait_stable(page)

    # the side panel lists its measures, the graph is drawn
    assert UNIT in page.inner_text("#side-head h2")
    items = page.locator("#measure-list li.measure")
    assert items.count() > 0
    drawn = node_count(page)
    assert drawn > 1
    assert page.evaluate("window.pgNetwork.body.data.nodes.length") == drawn
    assert page.url.endswith("/units/" + quote(UNIT))

    # filter: drop the "shared through a collective" role -> fewer measures listed and drawn
    listed = items.count()
    page.uncheck("input[data-role='shared']")
    page.wait_for_function(f"Number(document.querySelector('#graph').dataset.nodes) < {drawn}")
    assert node_count(page) < drawn
    assert page.locator("#measure-list li.measure").count() < listed
    page.check("input[data-role='shared']")
    page.wait_for_function(f"Number(document.querySelector('#graph').dataset.nodes) == {drawn}")

    # a measure's full text in the detail panel
    first_text = items.first.locator(".m-text").inner_text()
    items.first.click()
    page.wait_for_selector("#detail:not([hidden])")
    assert first_text.rstrip("…")[:20] in page.inner_text("#detail .text")

    # expand: click a co-responsible agency node -> its measures join the graph
    other = page.evaluate(
        """() => {
             const s = window.pgState, total = u => u ? (u.lead || 0) + (u.support || 0) + (u.joint || 0) : 0;
             return window.pgNetwork.body.data.nodes.getIds()
               .filter(id => id.startsWith('u:') && id !== 'u:' + s.root)
               .sort((a, b) => total(s.byName[b.slice(2)]) - total(s.byName[a.slice(2)]));
           }"""
    )
    assert other, "the neighbourhood holds other agencies"
    before = node_count(page)
    expand_id = other[0]
    page.evaluate(
        """(id) => { const p = window.pgNetwork.getPosition(id);
                     const dom = window.pgNetwork.canvasToDOM(p);
                     window.pgNetwork.selectNodes([id]);
                     window.pgNetwork.body.emitter.emit('click', {nodes: [id], edges: [], pointer: {DOM: dom}}); }""",
        expand_id,
    )
    page.wait_for_function(f"window.pgState.expanded.includes({expand_id[2:]!r})")
    wait_stable(page)
    page.wait_for_function(f"Number(document.querySelector('#graph').dataset.nodes) > {before}")
    expanded = node_count(page)
    assert expanded > before

    # back to the root's neighbourhood for the screenshot
    page.evaluate("(name) => window.pgOpenUnit(name)", UNIT)
    wait_stable(page)
    page.locator("#measure-list li.measure").first.click()
    page.wait_for_timeout(300)
    screenshot(page, "explorer.png")
    assert any("/units" in u for u in requests_log.urls)


def test_deep_link_opens_the_agency(page, base_url):
    page.goto(base_url + "/units/" + quote(UNIT))
    wait_stable(page)
    assert UNIT in page.inner_text("#side-head h2")
    assert node_count(page) > 1


def test_deep_link_keeps_its_json_twin(base_url):
    with httpx.Client(base_url=base_url, timeout=30) as client:
        html = client.get("/units/" + UNIT, headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
        assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
        assert "explorer.js" in html.text
        as_json = client.get("/units/" + UNIT, headers={"Accept": "application/json"})
        assert as_json.json()["name"] == UNIT
        dot_json = client.get(f"/units/{UNIT}.json", headers={"Accept": "text/html"})
        assert dot_json.json()["name"] == UNIT


def test_pages_reference_nothing_outside(base_url):
    with httpx.Client(base_url=base_url, timeout=30) as client:
        for path in ("/", "/overview", f"/agency/{UNIT}", f"/units/{UNIT}"):
            text = client.get(path, headers={"Accept": "text/html"}).text
            assert "http://" not in text and "https://" not in text and "//cdn" not in text, path
