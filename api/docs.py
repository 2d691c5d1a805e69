"""Interactive API docs (/docs) served offline.

Why: FastAPI's default /docs page loads Swagger UI from a CDN, which a closed
government network cannot reach.  We serve the same Swagger UI from the copy vendored
under viz/static/vendor (with its licence) instead.  The page carries the same navigation
bar as every other page (NAV_LINKS, the links of viz/templates/base.html), so a reader of
/docs has a way back into the app.
"""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse

SWAGGER_DIR = "/static/vendor/swagger-ui-5.35.0"

# The pages' navigation (viz/templates/base.html holds the same links; a test compares them).
NAV_LINKS = (
    ("/", "图谱浏览 Explorer"),
    ("/agency/", "工作量 Workload"),
    ("/overview", "总览 Overview"),
    ("/quality-report", "数据质量 Quality"),
    ("/board", "督办看板 Board"),
    ("/upload", "上传 Upload"),
)

OVERVIEW_ID = ' id="nav-overview"'
NAV_HTML = (
    '<link rel="stylesheet" href="/static/css/pg.css">'
    '<style>body{height:auto}.pg-header{position:sticky;top:0;z-index:100}.swagger-ui .topbar{display:none}</style>'
    '<header class="pg-header"><div class="pg-brand">PolicyGraph 政策任务分工图谱<small>API 文档</small></div>'
    '<nav class="pg-nav" aria-label="页面导航 pages">'
    + "".join(
        f'<a href="{href}"{OVERVIEW_ID if href == "/overview" else ""}>{label}</a>' for href, label in NAV_LINKS
    )
    + '</nav><div class="spacer"></div><a class="api-link active" href="/docs">API 文档 /docs</a></header>'
    # the overview opens on the government this browser last worked in (as on the other pages)
    "<script>(function(){try{var g=localStorage.getItem('policygraph.government');"
    "if(g)document.getElementById('nav-overview').href='/overview?government='+encodeURIComponent(g);}catch(e){}})();"
    "</script>"
)


def install_offline_docs(app: FastAPI) -> None:
    """Add GET /docs rendering Swagger UI from vendored files only."""

    @app.get("/docs", include_in_schema=False)
    def swagger_ui() -> HTMLResponse:
        page = get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title="PolicyGraph API 文档",
            swagger_js_url=f"{SWAGGER_DIR}/swagger-ui-bundle.js",
            swagger_css_url=f"{SWAGGER_DIR}/swagger-ui.css",
            swagger_favicon_url="/static/favicon.svg",
            swagger_ui_parameters={"validatorUrl": None},  # the public validator is outside
        )
        html = bytes(page.body).decode("utf-8").replace("<body>", "<body>" + NAV_HTML, 1)
        return HTMLResponse(html)
