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


def click_node(page, node_id: str) -> None:
    """Click a node of the drawn network as the user would (vis-network's click event)."""
    page.evaluate(
        """(id) => { const dom = window.pgNetwork.canvasToDOM(window.pgNetwork.getPosition(id));
                     window.pgNetwork.body.emitter.emit('click', {nodes: [id], edges: [], pointer: {DOM: dom}}); }""",
        node_id,
    )


def drawn(page, kind: str) -> list[dict]:
    return page.evaluate(f"window.pgNetwork.body.data.nodes.get({{filter: n => n.kind === {kind!r}}})")


def test_search_open_expand_filter(page, base_url, requests_log, screenshot):
    page.goto(base_url + "/")
    page.wait_for_function("Number(document.body.dataset.unitsLoaded || 0) > 0")
    page.fill("#search", "财政")
    option = page.locator(f"#search-suggestions li[data-name='{UNIT}']")
    option.wait_for()
    assert UNIT in page.inner_text("#search-suggestions")
    option.click()
    wait_stable(page)

    # grouped: the agency, one node per task section with its count, weighted partners; within budget
    assert UNIT in page.inner_text("#side-head h2")
    items = page.locator("#measure-list li.measure")
    assert items.count() == 51
    assert 1 < node_count(page) <= 60 == int(page.get_attribute("#graph", "data-budget"))
    sections = drawn(page, "section")
    assert sum(n["count"] for n in sections) == 51  # every measure in one drawn section
    finance = next(n for n in sections if "提升积极的" in n["label"])
    assert finance["label"].endswith("3 项")
    assert not drawn(page, "measure")
    assert page.url.endswith("/units/" + quote(UNIT))
    # partner edges weighted by the measures shared, as the obligations list says
    weights = page.evaluate(
        """() => { const w = {}; window.pgState.obligations[window.pgState.root].forEach(m =>
                     new Set((m.co_responsible || []).map(c => c.unit)).forEach(u => { w[u] = (w[u] || 0) + 1; }));
                   return [w, window.pgNetwork.body.data.edges.get({filter: e => e.kind === 'partner'})
                                 .map(e => [e.from.slice(5), Number(e.label)])]; }"""
    )
    assert weights[1] and all(weights[0][u] == n for u, n in weights[1])

    # filter: drop "shared through a collective" -> fewer measures listed and drawn in the sections
    page.uncheck("input[data-role='shared']")
    page.wait_for_function("window.pgState.overview.total < 51")
    assert page.locator("#measure-list li.measure").count() == page.evaluate("window.pgState.overview.total") == 38
    page.check("input[data-role='shared']")
    page.wait_for_function("window.pgState.overview.total === 51")

    # expand a section on click: its measures, labelled with number and short text
    click_node(page, finance["id"])
    page.wait_for_function("window.pgState.overview.expand.length === 1")
    wait_stable(page)
    measures = drawn(page, "measure")
    assert sorted(n["label"].split(" ")[0] for n in measures) == ["7", "8", "9"]
    assert node_count(page) <= 60
    # a measure's full text in the panel
    eight = next(n for n in measures if n["label"].startswith("8 "))
    assert "用足用好专项债券" in eight["title"].replace("\n", "")
    click_node(page, eight["id"])
    page.wait_for_selector("#detail:not([hidden])")
    full = page.evaluate(f"window.pgState.obligations[window.pgState.root].find(m => m.id === {eight['measure_id']!r}).text")
    assert page.inner_text("#detail .text").strip() == full.strip() and len(full) > 60
    # collapse again
    click_node(page, finance["id"])
    page.wait_for_function("window.pgState.overview.expand.length === 0")
    assert not drawn(page, "measure")
    screenshot(page, "explorer.png")
    assert any("/graph/units/" in u and "/overview" in u for u in requests_log.urls)


def test_table_view_is_the_list_first_alternative(page, base_url):
    page.goto(base_url + "/units/" + quote(UNIT) + "?view=table")
    page.wait_for_selector("#table-body tr[data-id]")
    assert page.is_visible("#table-view") and not page.is_visible("#empty")
    assert page.locator("#table-body tr[data-id]").count() == 51
    page.uncheck("input[data-role='lead']")
    assert page.locator("#table-body tr[data-id]").count() == 51 - 13
    page.locator("#table-body tr[data-id]").first.click()
    page.wait_for_selector("#detail:not([hidden])")
    page.click("#view-graph")
    assert "view=table" not in page.url and page.is_visible("#graph")
    page.click("#view-table")
    assert "view=table" in page.url


def test_busiest_agency_stays_within_the_budget(page, base_url, store):
    from queries.units import unit_rows

    busiest = max((u for u in unit_rows(store) if not u.get("collective")),
                  key=lambda u: sum(int(u.get(k) or 0) for k in ("lead", "support", "joint", "shared")))["name"]
    for budget in (60, 16):
        page.goto(base_url + "/units/" + quote(busiest) + (f"?budget={budget}" if budget != 60 else ""))
        wait_stable(page)
        assert node_count(page) <= budget
        if budget == 16:  # past the budget the page summarises
            assert page.is_visible("#graph-summary") and "已汇总" in page.inner_text("#graph-summary")
            assert drawn(page, "summary")
        big = max(drawn(page, "section"), key=lambda n: n["count"])
        click_node(page, big["id"])
        page.wait_for_function("window.pgState.overview.expand.length === 1")
        wait_stable(page)
        assert node_count(page) <= budget
        assert drawn(page, "measure")


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
    """On demand (市区对应): the counterpart 市财政局 beside 区财政局, and the city measure above
    each drawn measure, in the chain style; the side panel's 上级措施 link opens the city measure."""
    page.goto(base_url + "/units/" + quote(UNIT))
    wait_stable(page)
    assert not page.evaluate("window.pgNetwork.body.data.nodes.get('unit:市财政局')")
    linked = page.evaluate(
        "() => window.pgState.obligations[window.pgState.root].find(m => (m.city_measures || []).length && m.role === 'lead')"
    )
    section = next(n for n in drawn(page, "section") if linked["task"]["title"] in n["title"])
    page.check("#pairs")
    page.wait_for_function("window.pgState.overview.pairs === true")
    click_node(page, section["id"])
    page.wait_for_function("window.pgState.overview.expand.length === 1")
    wait_stable(page)
    chain = page.evaluate(
        """() => window.pgNetwork.body.data.edges.get({filter: e => e.chain})
                  .map(e => ({from: e.from, to: e.to, dashes: !!e.dashes, color: e.color.color}))"""
    )
    assert any(e["to"] == "unit:市财政局" or e["from"] == "unit:市财政局" for e in chain)
    up = [e for e in chain if e["from"] == "measure:" + linked["id"]]
    assert {e["to"] for e in up} == {"measure:" + c["id"] for c in linked["city_measures"]}
    assert all(e["dashes"] and e["color"].lower() == "#b9770e" for e in chain)  # legend: dashed, city colour
    assert "pairs=1" in page.url

    # side panel: 上级措施 link opens the city measure, which links back down
    page.locator(f"#measure-list li.measure[data-id='{linked['id']}']").click()
    page.wait_for_selector("#detail:not([hidden])")
    assert "上级措施" in page.inner_text("#detail") and "下级措施" in page.inner_text("#detail")
    up_link = page.locator("#chain-up a[data-measure]").first
    city_id = up_link.get_attribute("data-measure")
    assert city_id.startswith("天津市人民政府")
    up_link.click()
    page.wait_for_function(f"window.pgState.selected === {city_id!r}")
    detail = page.inner_text("#detail")
    assert "市级" in detail and "市财政局" in detail
    assert page.locator(f"#chain-down a[data-measure='{linked['id']}']").count() == 1


NAV = ["/", "/agency/", "/overview", "/quality-report", "/board", "/upload"]


def nav_hrefs(page) -> list[str]:
    hrefs = page.eval_on_selector_all("nav.pg-nav a", "els => els.map(a => a.getAttribute('href'))")
    return [h.split("?")[0] if h.startswith(("/overview", "/board")) else ("/agency/" if h.startswith("/agency/") else h) for h in hrefs]


def test_every_page_has_the_nav_links(page, base_url):
    for path in ("/", f"/units/{quote(UNIT)}", f"/agency/{quote(UNIT)}", "/overview", "/quality-report", "/docs"):
        page.goto(base_url + path)
        page.wait_for_load_state("load")
        assert nav_hrefs(page) == NAV, path
        assert "数据质量" in page.inner_text("nav.pg-nav"), path
    # /docs: the way back works
    page.goto(base_url + "/docs")
    page.wait_for_selector(".swagger-ui .info")
    page.click("nav.pg-nav a[href='/']")
    page.wait_for_selector("#search")
    assert page.url.rstrip("/") == base_url


def test_overview_opens_where_the_user_came_from(page, base_url):
    # the query decides, and stays in the URL
    page.goto(base_url + "/overview?government=" + quote("西青区人民政府"))
    page.wait_for_selector("body[data-ready='1']", state="attached", timeout=20000)
    assert page.input_value("#government") == "西青区人民政府"
    assert page.evaluate("document.body.dataset.government") == "西青区人民政府"
    rows = page.eval_on_selector_all("#ranking .pg-bar-row", "els => els.map(e => e.dataset.unit)")
    assert rows and all(not r.startswith("市") or "西青" in r for r in rows[:10])
    page.goto(base_url + "/overview?government=" + quote("天津市人民政府"))
    page.wait_for_selector("body[data-ready='1']", state="attached", timeout=20000)
    assert page.input_value("#government") == "天津市人民政府"


def test_overview_asks_once_then_follows_the_agency(browser, base_url):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    try:
        page.goto(base_url + "/overview")  # a new user: asked once
        page.wait_for_selector("#ask:not([hidden])")
        assert not page.evaluate("document.body.dataset.ready")
        page.click("#ask-list button[data-gov='西青区人民政府']")
        page.wait_for_selector("body[data-ready='1']", state="attached", timeout=20000)
        assert "government=" + quote("西青区人民政府") in page.url
        # an agency of the city: the navigation's overview now opens on the city
        page.goto(base_url + "/units/" + quote("市财政局"))
        wait_stable(page)
        page.click("#nav-overview")
        page.wait_for_selector("body[data-ready='1']", state="attached", timeout=20000)
        assert page.input_value("#government") == "天津市人民政府"
        assert page.locator("#ask:not([hidden])").count() == 0
    finally:
        context.close()


def test_heat_map_fits_the_width(page, base_url):
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(base_url + "/overview?government=" + quote("西青区人民政府"))
    page.wait_for_selector("body[data-ready='1']", state="attached", timeout=20000)
    box = page.evaluate(
        """() => { const t = document.getElementById('heat'), w = t.parentNode;
                   const th = t.querySelector('th.col'), first = t.querySelector('tbody tr');
                   return {table: t.scrollWidth, wrap: w.clientWidth, mode: getComputedStyle(th).writingMode,
                           headBottom: th.getBoundingClientRect().bottom, rowTop: first.getBoundingClientRect().top,
                           cols: t.querySelectorAll('th.col').length, key: document.querySelectorAll('#heat-key li').length}; }"""
    )
    assert box["table"] <= box["wrap"] + 1, box            # no sideways scrolling
    assert box["mode"] == "horizontal-tb", box              # readable headers
    assert box["headBottom"] <= box["rowTop"] + 0.5, box    # nothing spills into the first row
    assert box["key"] in (0, box["cols"])                   # numbered columns are listed with their titles
