"""The data-quality page (/quality-report): the report of GET /quality, rendered for people.

A separate router (mounted next to the API's ledger router) so the pages module stays
untouched; it reuses the pages' templates (base.html, /static, no CDN).
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from viz.routes import templates

router = APIRouter(tags=["pages"], include_in_schema=False)


@router.get("/quality-report", response_class=HTMLResponse)
def quality_page(request: Request) -> HTMLResponse:
    """数据质量报告 Data-quality report: each finding with its document, line and text."""
    from reports.quality import store_report

    report = store_report(request.app.state.store)
    return templates.TemplateResponse(
        request,
        "quality.html",
        {"active": "quality", "unit": None, "workload_href": "/agency/", "report": report},
        headers={"Content-Type": "text/html; charset=utf-8"},
    )
