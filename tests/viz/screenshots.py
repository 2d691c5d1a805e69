"""Refresh the README's screenshots (docs/screenshots/) on purpose, never as a side effect of a test run.

    python -m tests.viz.screenshots                       # seeds: explorer (区财政局), workload, overview
    python -m tests.viz.screenshots --busy-db PATH        # also the busiest agency of a (synthetic) store
    python -m tests.viz.screenshots --out tests/artifacts/screenshots   # somewhere else

The busy store is any embedded store, e.g. the synthetic corpus loaded by
``python -m bench.corpus --docs 100 --out /tmp/c100`` and ``policygraph load /tmp/c100/*.txt --db PATH``.
The app runs on loopback over a fresh embedded store with both seeds; headless Chromium at
$POLICYGRAPH_CHROMIUM (or /usr/bin/chromium) takes the pictures at 1400x1000.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from live_server import ServerThread, free_port  # noqa: E402

DOCS = ROOT / "docs" / "screenshots"
VIEWPORT = {"width": 1400, "height": 1000}
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--lang=zh-CN",
]


def save(page, path: Path, full_page: bool = False) -> Path:
    """One screenshot (focus removed so no caret or focus ring shows)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    page.screenshot(path=str(path), full_page=full_page)
    return path


def explorer_picture(page, base: str, unit: str, path: Path) -> dict:
    """The explorer on ``unit``: the grouped picture, the largest drawn section expanded, its
    first measure's text in the panel."""
    page.goto(f"{base}/units/{quote(unit)}")
    page.wait_for_selector("#graph[data-stable='1']", state="attached", timeout=60000)
    section = page.evaluate(
        """() => window.pgNetwork.body.data.nodes.get({filter: n => n.kind === 'section'})
                  .sort((a, b) => b.count - a.count || (a.id < b.id ? -1 : 1))[0].id"""
    )
    page.evaluate("(id) => window.pgNetwork.body.emitter.emit('click', {nodes: [id], edges: []})", section)
    page.wait_for_function("window.pgState.overview && window.pgState.overview.expand.length === 1")
    page.wait_for_selector("#graph[data-stable='1']", state="attached", timeout=60000)
    first = page.evaluate("() => window.pgNetwork.body.data.nodes.get({filter: n => n.kind === 'measure'})[0].id")
    page.evaluate("(id) => window.pgNetwork.body.emitter.emit('click', {nodes: [id], edges: []})", first)
    page.wait_for_selector("#detail:not([hidden])")
    page.wait_for_timeout(300)
    save(page, path)
    return {"unit": unit, "nodes": int(page.get_attribute("#graph", "data-nodes") or 0)}


def busiest(store) -> str:
    from queries.units import unit_rows

    rows = [u for u in unit_rows(store) if not u.get("collective")]
    return max(rows, key=lambda u: (sum(int(u.get(k) or 0) for k in ("lead", "support", "joint", "shared")),
                                    u["name"]))["name"]


def serve(settings, store):
    from api.app import create_app

    server = ServerThread(create_app(settings, store=store), free_port())
    server.start()
    return server, f"http://127.0.0.1:{server.server.config.port}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tests.viz.screenshots", description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=DOCS, help="folder for the pictures (default docs/screenshots)")
    ap.add_argument("--busy-db", type=Path, help="an embedded store whose busiest agency is pictured too")
    ap.add_argument("--chromium", default=os.environ.get("POLICYGRAPH_CHROMIUM") or "/usr/bin/chromium")
    args = ap.parse_args(argv)

    from playwright.sync_api import sync_playwright

    from graph.stores import open_store
    from policygraph.pipeline import load_samples
    from policygraph.settings import Settings

    settings = Settings(store="ladybug", db_path=Path(tempfile.mkdtemp(prefix="pg-shots-")) / "graph.lbug")
    store = open_store(settings, read_only=False)
    load_samples(store)
    server, base = serve(settings, store)
    busy_server = busy_store = None
    try:
        with sync_playwright() as pw:
            env = dict(os.environ, LANG="zh_CN.UTF-8", LANGUAGE="zh_CN:zh")
            browser = pw.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS, headless=True, env=env)
            context = browser.new_context(locale="zh-CN", viewport=VIEWPORT, timezone_id="Asia/Shanghai")
            page = context.new_page()
            print(explorer_picture(page, base, "区财政局", args.out / "explorer.png"))
            page.goto(f"{base}/agency/{quote('区财政局')}")
            page.wait_for_selector("body[data-ready='1']", state="attached", timeout=60000)
            save(page, args.out / "workload.png", full_page=True)
            page.goto(f"{base}/overview?government={quote('西青区人民政府')}")
            page.wait_for_selector("body[data-ready='1']", state="attached", timeout=60000)
            save(page, args.out / "overview.png", full_page=True)
            if args.busy_db:
                busy_settings = Settings(store="ladybug", db_path=args.busy_db)
                busy_store = open_store(busy_settings, read_only=True)
                busy_server, busy_base = serve(busy_settings, busy_store)
                print(explorer_picture(page, busy_base, busiest(busy_store), args.out / "explorer-busy.png"))
            browser.close()
    finally:
        for srv in (busy_server, server):
            if srv:
                srv.stop()
        for st in (busy_store, store):
            if st:
                st.close()
    print(f"screenshots in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
