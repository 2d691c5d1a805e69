"""The quality page and GET /quality over a store holding a document that names agencies
the data file does not know: the generic category rendering shows the new
``unknown_units`` category (title, count, each finding with document, line and text)."""

from __future__ import annotations

import html
from pathlib import Path

import httpx
from live_server import ServerThread, free_port

from loaders import load_document
from policygraph.settings import Settings
from tests.ledger.conftest import open_seeded_store

DOC = Path(__file__).resolve().parents[1] / "data" / "layouts" / "district_mixed.txt"


def test_quality_page_renders_unknown_units(tmp_path: Path) -> None:
    from api.app import create_app

    parsed = load_document(DOC)
    unknown = sorted(u.name for u in parsed.units if u.kind == "unknown" and not u.collective)
    settings = Settings(store="ladybug", db_path=tmp_path / "graph.lbug")
    store = open_seeded_store(settings, paths=[DOC])
    server = ServerThread(create_app(settings, store=store), free_port())
    server.start()
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{server.server.config.port}", timeout=60) as client:
            report = client.get("/quality", headers={"Accept": "application/json"}).json()
            cat = next(c for c in report["categories"] if c["key"] == "unknown_units")
            assert cat["count"] == len(unknown) and report["summary"]["unknown_units"] == len(unknown)
            page = client.get("/quality-report", headers={"Accept": "text/html"})
    finally:
        server.stop()
        store.close()
    assert page.status_code == 200
    text = page.text
    start = text.index('data-category="unknown_units"')
    section = text[start : text.index("</section>", start)]
    assert f'data-count="{len(unknown)}"' in section and "单位不在机构名录中" in section
    assert section.count('class="q-finding"') == len(unknown)
    for f in cat["findings"]:
        assert html.escape(f["message"]) in section or f["message"] in section
        assert f'<td class="q-where">{f["line"]}</td>' in section
        assert html.escape(f["text"]) in section
    assert 'href="#unknown_units"' in text  # the summary chip links to it
