"""GET /docs (Swagger UI) works offline: every src/href is served by the app itself."""

from __future__ import annotations

from html.parser import HTMLParser


class _Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.refs += [v for k, v in attrs if k in ("src", "href") and v]


def test_docs_reference_no_outside_url(api):
    r = api.get("/docs", headers={"Accept": "text/html"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    parser = _Refs()
    parser.feed(r.text)
    assert parser.refs, "no src/href found in /docs"
    outside = [u for u in parser.refs if "://" in u or u.startswith("//") or not u.startswith("/")]
    assert not outside, outside
    assert any("/static/vendor/swagger-ui-5.35.0/" in u for u in parser.refs)
    for url in parser.refs:  # and they are all served here
        assert api.get(url).status_code == 200, url
    assert "validatorUrl" in r.text  # the public validator (outside) is switched off
