"""The pyvis export: self-contained, UTF-8, opens from disk in Chromium with the network drawn."""

from __future__ import annotations

import re
from urllib.parse import quote

import httpx
import pytest

from viz.pyvis_export import write_unit_network

UNIT = "区财政局"
SCRIPT_BODY = re.compile(r"(<script[^>]*>).*?</script>", re.S | re.I)
ATTR = re.compile(r"""\s(?:src|href|srcset|action)\s*=\s*["']?([^"'\s>]*)""", re.I)


def outside_refs(text: str) -> list[str]:
    """src/href attributes in the markup (script bodies removed) that point anywhere but the page."""
    markup = SCRIPT_BODY.sub(r"\1</script>", text)
    refs = [m.group(1) for m in ATTR.finditer(markup)]
    refs += re.findall(r"@import|url\(\s*['\"]?https?:", markup)
    return [r for r in refs if not r.startswith(("#", "data:"))]


def test_export_is_self_contained(store, tmp_path):
    out = write_unit_network(store, UNIT, tmp_path / "net.html")
    text = out.read_bytes().decode("utf-8")
    assert UNIT in text
    assert not outside_refs(text), outside_refs(text)[:5]
    assert "cdn.jsdelivr" not in text and "cdnjs.cloudflare" not in text
    assert "bootstrap" not in text.lower()
    assert "tom-select" not in text.lower()
    assert "WenQuanYi Micro Hei" in text
    assert "vis-network" in text  # inlined library banner


@pytest.mark.browser
def test_export_opens_offline_in_chromium(store, tmp_path, page, requests_log):
    out = write_unit_network(store, UNIT, tmp_path / "net.html")
    page.goto(out.as_uri())
    page.wait_for_selector("#mynetwork[data-stable='1']", state="attached", timeout=20000)
    assert page.evaluate("window.pgNetwork.body.data.nodes.length") > 1
    assert page.locator("#mynetwork canvas").count() == 1
    # the explorer's picture: the same grouped nodes, the same budget, the same positions
    from queries.neighbourhood import unit_overview

    overview = unit_overview(store, UNIT)
    got = page.evaluate("window.pgNetwork.body.data.nodes.get().map(n => [n.id, n.label, n.x, n.y])")
    assert sorted(got) == sorted([n["id"], n["label"], n["x"], n["y"]] for n in overview["nodes"])
    assert len(got) <= overview["budget"] == 60
    assert all(u.startswith(("file:", "data:", "about:")) for u in requests_log.urls), requests_log.urls


def test_download_route(base_url):
    r = httpx.get(f"{base_url}/units/{quote(UNIT)}/network.html", timeout=60)
    assert r.status_code == 200
    assert "attachment" in r.headers["content-disposition"]
    assert r.headers["content-type"].startswith("text/html")
    assert UNIT in r.content.decode("utf-8")


def test_cli_writes_the_file(tmp_path, loaded_db):
    """``policygraph viz 区财政局 -o FILE`` on its own embedded store (opened read-only)."""
    from policygraph.cli import main

    db = loaded_db(tmp_path / "graph.lbug")
    out = tmp_path / "out.html"
    assert main(["viz", UNIT, "-o", str(out), "--store", "ladybug", "--db", str(db)]) == 0
    assert UNIT in out.read_text(encoding="utf-8")
