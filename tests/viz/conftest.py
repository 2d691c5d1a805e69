"""Browser tests of the pages: the real app on loopback, a store loaded with both seeds,
headless Debian Chromium driven by Playwright (sync API).

Chromium is ``$POLICYGRAPH_CHROMIUM`` or ``/usr/bin/chromium``.  Without it the tests are
skipped with a message, unless ``POLICYGRAPH_REQUIRE_BROWSER=1`` (CI), where that fails.
Every request a page makes is recorded; one that leaves localhost fails the test.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from live_server import ServerThread, free_port

ROOT = Path(__file__).resolve().parents[2]
# Test runs save pictures here (ignored by git); `python -m tests.viz.screenshots` refreshes docs/screenshots/.
SCREENSHOTS = ROOT / "tests" / "artifacts" / "screenshots"
CHROMIUM = os.environ.get("POLICYGRAPH_CHROMIUM") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--lang=zh-CN",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
LOCAL_SCHEMES = {"data", "blob", "about", "file"}


def _require_browser() -> None:
    if Path(CHROMIUM).exists():
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            pass
        else:
            return
    message = (
        f"browser tests need headless Chromium at {CHROMIUM} (apt-get install chromium fonts-wqy-microhei, "
        "or set POLICYGRAPH_CHROMIUM) and the Python playwright package"
    )
    if os.environ.get("POLICYGRAPH_REQUIRE_BROWSER") == "1":
        pytest.fail(message + " (POLICYGRAPH_REQUIRE_BROWSER=1)")
    pytest.skip(message)


def is_local(url: str) -> bool:
    parsed = urlparse(url)
    if parsed.scheme in LOCAL_SCHEMES:
        return True
    return parsed.scheme in ("http", "https", "ws", "wss") and (parsed.hostname or "") in LOCAL_HOSTS




def open_loaded_store(db_path: Path):
    """An embedded store in ``db_path`` with both seeds loaded (and levels linked if available)."""
    from graph.stores import open_store
    from policygraph.pipeline import load_samples
    from policygraph.settings import Settings

    settings = Settings(store="ladybug", db_path=db_path)
    store = open_store(settings, read_only=False)
    load_samples(store)
    return settings, store


@pytest.fixture(scope="session")
def store_and_settings(tmp_path_factory):
    settings, store = open_loaded_store(tmp_path_factory.mktemp("viz-store") / "graph.lbug")
    try:
        yield settings, store
    finally:
        store.close()


@pytest.fixture
def loaded_db():
    """Build a closed embedded store with the seeds at a path (for commands that open it)."""

    def build(db_path: Path) -> Path:
        _, st = open_loaded_store(db_path)
        st.close()
        return db_path

    return build


@pytest.fixture(scope="session")
def store(store_and_settings):
    return store_and_settings[1]


@pytest.fixture(scope="session")
def base_url(store_and_settings) -> Iterator[str]:
    """The real app (API + pages) on a free loopback port."""
    from api.app import create_app

    settings, store = store_and_settings
    port = free_port()
    server = ServerThread(create_app(settings, store=store), port)
    server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()


@pytest.fixture(scope="session")
def browser():
    _require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        # zh-CN UI locale (LANG for Linux Chromium, --lang elsewhere): date fields read YYYY/MM/DD, not mm/dd/yyyy
        env = dict(os.environ, LANG="zh_CN.UTF-8", LANGUAGE="zh_CN:zh")
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True, env=env)
        try:
            yield b
        finally:
            b.close()


class RequestLog:
    def __init__(self) -> None:
        self.urls: list[str] = []
        self.errors: list[str] = []

    def outside(self) -> list[str]:
        return [u for u in self.urls if not is_local(u)]


@pytest.fixture
def requests_log() -> RequestLog:
    return RequestLog()


@pytest.fixture
def page(browser, requests_log):
    """A fresh page (zh-CN, 1440x900) recording every request; fails on any outside request."""
    context = browser.new_context(locale="zh-CN", viewport={"width": 1440, "height": 900}, timezone_id="Asia/Shanghai")
    pg = context.new_page()
    pg.on("request", lambda r: requests_log.urls.append(r.url))
    pg.on("pageerror", lambda e: requests_log.errors.append(str(e)))
    try:
        yield pg
    finally:
        context.close()
    assert not requests_log.outside(), f"requests left localhost: {requests_log.outside()}"
    assert not requests_log.errors, f"JavaScript errors on the page: {requests_log.errors}"


@pytest.fixture
def screenshot():
    """Save a page screenshot under tests/artifacts/screenshots/ (never the tracked docs/screenshots/)."""

    def take(pg, name: str, full_page: bool = False) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / name
        pg.evaluate("() => document.activeElement && document.activeElement.blur()")
        pg.screenshot(path=str(path), full_page=full_page)
        return path

    return take
