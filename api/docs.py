"""Interactive API docs (/docs) served offline.

Why: FastAPI's default /docs page loads Swagger UI from a CDN, which a closed
government network cannot reach.  We serve the same Swagger UI from the copy vendored
under viz/static/vendor (with its licence) instead.
"""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse

SWAGGER_DIR = "/static/vendor/swagger-ui-5.35.0"


def install_offline_docs(app: FastAPI) -> None:
    """Add GET /docs rendering Swagger UI from vendored files only."""

    @app.get("/docs", include_in_schema=False)
    def swagger_ui() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title="PolicyGraph API 文档",
            swagger_js_url=f"{SWAGGER_DIR}/swagger-ui-bundle.js",
            swagger_css_url=f"{SWAGGER_DIR}/swagger-ui.css",
            swagger_favicon_url="/static/favicon.svg",
            swagger_ui_parameters={"validatorUrl": None},  # the public validator is outside
        )
