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

    # back to the root's neighbourhood for the screenshot (a larger canvas for the README)
    page.set_viewport_size({"width": 1680, "height": 1050})
    page.evaluate("(name) => window.pgOpenUnit(name)", UNIT)
    wait_stable(page)
    page.locator("#measure-list li.measure").first.click()
    page.wait_for_selector("#chain-up a[data-measure]")
    page.evaluate("window.pgNetwork.fit({animation: false})")
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
        for path in ("/", "/overview", f"/agency/{UNIT}", f"/units/{UNIT}", "/quality-report"):
            text = client.get(path, headers={"Accept": "text/html"}).text
            assert "http://" not in text and "https://" not in text and "//cdn" not in text, path


def test_city_district_chain(page, base_url):
    """区财政局's measures carry the city measure above and the city counterpart agency, in the
    chain style; the side panel's 上级措施 link opens the city measure."""
    page.goto(base_url + "/units/" + quote(UNIT))
    wait_stable(page)
    chain = page.evaluate(
        """() => {
             const data = window.pgNetwork.body.data, s = window.pgState;
             const mine = new Set((s.obligations[s.root] || []).map(m => 'm:' + m.id));
             const cityMeasure = id => id.startsWith('m:') && (data.nodes.get(id) || {}).level === 'city';
             const links = data.edges.get().filter(e =>
               (mine.has(e.from) && cityMeasure(e.to)) || (mine.has(e.to) && cityMeasure(e.from)));
             const cp = data.edges.get().filter(e => [e.from, e.to].includes('u:' + s.root) &&
                                                     [e.from, e.to].includes('u:市财政局'));
             return {links: links.map(e => ({from: e.from, to: e.to, dashes: e.dashes, color: e.color.color})),
                     counterparts: s.counterparts, cityAgency: !!data.nodes.get('u:市财政局'),
                     cpEdge: cp.map(e => ({dashes: e.dashes, color: e.color.color}))};
           }"""
    )
    assert chain["links"], "a city measure node is linked to one of 区财政局's measures"
    assert all(e["dashes"] and e["color"].lower() == "#b9770e" for e in chain["links"])  # legend: dashed, city colour
    assert chain["counterparts"] == ["市财政局"] and chain["cityAgency"]
    assert chain["cpEdge"] and chain["cpEdge"][0]["dashes"]

    # side panel: a measure with a city measure above -> 上级措施 link opens it
    linked = page.evaluate(
        "() => window.pgState.obligations[window.pgState.root].find(m => (m.city_measures || []).length).id"
    )
    page.locator(f"#measure-list li.measure[data-id='{linked}']").click()
    page.wait_for_selector("#detail:not([hidden])")
    assert "上级措施" in page.inner_text("#detail") and "下级措施" in page.inner_text("#detail")
    up = page.locator("#chain-up a[data-measure]").first
    city_id = up.get_attribute("data-measure")
    assert city_id.startswith("天津市人民政府")
    up.click()
    page.wait_for_function(f"window.pgState.selected === {city_id!r}")
    detail = page.inner_text("#detail")
    assert "市级" in detail and "市财政局" in detail
    # and the city measure links back down to 区财政局's measure
    assert page.locator(f"#chain-down a[data-measure='{linked}']").count() == 1


def test_every_page_has_the_nav_links(page, base_url):
    for path in ("/", f"/units/{quote(UNIT)}", f"/agency/{quote(UNIT)}", "/overview", "/quality-report"):
        page.goto(base_url + path)
        page.wait_for_load_state("load")
        hrefs = page.eval_on_selector_all("nav.pg-nav a", "els => els.map(a => a.getAttribute('href'))")
        assert "/" in hrefs and "/overview" in hrefs and "/quality-report" in hrefs, (path, hrefs)
        assert any(h.startswith("/agency/") for h in hrefs), (path, hrefs)
        assert "数据质量" in page.inner_text("nav.pg-nav"), path
