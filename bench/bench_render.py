"""Time to render the largest agency's neighbourhood in headless Chromium.

The largest agency is the one with most measures (lead + support + joint + shared, from
GET /units).  The app runs in-process (uvicorn on a free loopback port) over an embedded
store loaded with the bundled seeds (or ``--db`` pointing at an existing one).  For each
run the explorer is opened on that agency; we report

  render  = data fetched -> layout stabilised, physics off (what issue 6 bounds: < 1 s)
  total   = navigation start -> layout stabilised (includes fetching /units and obligations)

  nodes   = nodes drawn on the first picture (the explorer's node budget bounds it)
  export  = GET /units/{name}/network.html (the pyvis file), server time

Usage: python bench/bench_render.py [--runs 5] [--db PATH] [--unit NAME] [--chromium /usr/bin/chromium]
(``--unit`` picks the agency; default: the busiest non-collective agency.)
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--lang=zh-CN",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _store(db: Path | None):
    from graph.stores import open_store
    from loaders import load_document
    from policygraph.settings import Settings

    fresh = db is None
    db = db or Path(tempfile.mkdtemp(prefix="pg-bench-")) / "graph.lbug"
    settings = Settings(store="ladybug", db_path=db)
    store = open_store(settings, read_only=not fresh)
    if fresh:
        for path in sorted((ROOT / "policygraph" / "samples").glob("*.txt")):
            store.load(load_document(path))
        try:
            from graph.linking import link_store
        except ImportError:
            pass
        else:
            link_store(store)
    return settings, store


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--db", type=Path)
    ap.add_argument("--unit", help="agency to open (default: the busiest one)")
    ap.add_argument("--chromium", default=os.environ.get("POLICYGRAPH_CHROMIUM") or "/usr/bin/chromium")
    args = ap.parse_args()

    import uvicorn
    from playwright.sync_api import sync_playwright

    from api.app import create_app

    settings, store = _store(args.db)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(settings, store=store), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    try:
        units: list[dict] = []
        while True:  # page through GET /units (500 a page)
            got = httpx.get(f"{base}/units", params={"limit": 500, "offset": len(units)},
                            headers={"Accept": "application/json"}, timeout=120).json()["data"]
            units += got
            if len(got) < 500:
                break
        units = [u for u in units if not u.get("collective")]
        if args.unit:
            largest = next(u for u in units if u["name"] == args.unit)
        else:
            largest = max(units, key=lambda u: (sum(int(u.get(k) or 0) for k in ("lead", "support", "joint", "shared")),
                                                u["name"]))
        measures = sum(int(largest.get(k) or 0) for k in ("lead", "support", "joint", "shared"))
        renders, totals, draws, nodes = [], [], [], 0
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=args.chromium, args=ARGS, headless=True)
            for _ in range(args.runs):
                page = browser.new_page(viewport={"width": 1440, "height": 900})
                page.goto(f"{base}/units/{quote(largest['name'])}")
                page.wait_for_selector("#graph[data-stable='1']", state="attached", timeout=60000)
                t = page.evaluate("window.pgState.timings")
                renders.append(t["stabilized"] - t["fetched"])
                draws.append(t.get("draw") or 0)
                totals.append(t["stabilized"])
                nodes = int(page.get_attribute("#graph", "data-nodes") or 0)
                page.close()
            version = browser.version
            browser.close()
        exports = []
        for _ in range(max(1, min(args.runs, 3))):
            t0 = time.perf_counter()
            r = httpx.get(f"{base}/units/{quote(largest['name'])}/network.html", timeout=300)
            r.raise_for_status()
            exports.append((time.perf_counter() - t0) * 1000)
    finally:
        server.should_exit = True
        thread.join(timeout=15)
        store.close()
    print(f"agency: {largest['name']} ({measures} measures), {nodes} nodes drawn")
    print(f"chromium {version}, {args.runs} runs")
    print(f"render (data -> stable, physics off): median {statistics.median(renders):.0f} ms, "
          f"max {max(renders):.0f} ms")
    print(f"draw (nodes handed to vis-network, fitted): median {statistics.median(draws):.0f} ms")
    print(f"total (navigation -> stable): median {statistics.median(totals):.0f} ms, max {max(totals):.0f} ms")
    print(f"export (network.html): median {statistics.median(exports):.0f} ms, {len(r.content) // 1024} KiB")
    return 0 if statistics.median(renders) < 1000 else 1


if __name__ == "__main__":
    sys.exit(main())
