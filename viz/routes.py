"""HTML pages over the API: explorer, per-agency workload, overview, pyvis download, static files.

Why a separate router: the pages only read the JSON API (same origin), so a person sees
what a program can fetch.  ``/units/{name}`` is shared with the API: the API's
``NegotiatedRoute`` yields to the page route here when the client prefers
``text/html``; programs (``Accept: application/json`` or ``/units/{name}.json``) get JSON.
Everything the pages load comes from ``/static`` (vendored, versioned): no CDN.
"""

from __future__ import annotations

import mimetypes
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Path, Request
from fastapi.responses import FileResponse, HTMLResponse, Response
from fastapi.routing import APIRoute
from fastapi.templating import Jinja2Templates
from starlette.routing import Match
from starlette.types import Scope

from graph.model import ROLE_LABELS_ZH, ROLES, NotFoundError
from graph.progress import ADMIN_ONLY, FINISHED, STATUS_ZH
from viz.assets import STATIC_DIR, TEMPLATES_DIR, VIS_NETWORK_JS

templates = Jinja2Templates(directory=str(TEMPLATES_DIR))
templates.env.globals["static"] = lambda path: f"/static/{path}"
templates.env.policies["json.dumps_kwargs"] = {"ensure_ascii": False, "sort_keys": False}  # Chinese stays Chinese
templates.env.globals["roles"] = list(ROLES)
templates.env.globals["role_labels"] = ROLE_LABELS_ZH
templates.env.globals["status_labels"] = STATUS_ZH  # graph.progress: the one status vocabulary
templates.env.globals["status_finished"] = sorted(FINISHED)
templates.env.globals["status_admin_only"] = sorted(ADMIN_ONLY)


class PageRoute(APIRoute):
    """A page route that never claims ``*.json`` paths (those belong to the JSON API)."""

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        if scope.get("type") == "http" and scope.get("path", "").endswith(".json"):
            return Match.NONE, {}
        return super().matches(scope)


router = APIRouter(tags=["pages"], route_class=PageRoute, include_in_schema=False)

UnitName = Annotated[str, Path(description="单位名称或别名")]


def _page(request: Request, template: str, **context: Any) -> HTMLResponse:
    unit = context.get("unit")
    context.setdefault("workload_href", f"/agency/{quote(unit)}" if unit else "/agency/")
    context.setdefault("vis_js", VIS_NETWORK_JS)
    return templates.TemplateResponse(
        request, template, context, headers={"Content-Type": "text/html; charset=utf-8"}
    )


@router.get("/", response_class=HTMLResponse)
def explorer(request: Request) -> HTMLResponse:
    """Explorer: search an agency, draw its neighbourhood, read its measures."""
    return _page(request, "explorer.html", active="explorer", unit=request.query_params.get("unit"))


@router.get("/units/{name}", response_class=HTMLResponse)
def explorer_unit(request: Request, name: UnitName) -> HTMLResponse:
    """Deep link: the explorer opened on one agency (browsers; programs get the JSON twin)."""
    return _page(request, "explorer.html", active="explorer", unit=name)


@router.get("/agency/", response_class=HTMLResponse)
def workload_index(request: Request) -> Response:
    """Without a name: back to the explorer to pick one."""
    return _page(request, "explorer.html", active="explorer", unit=None)


@router.get("/agency/{name}", response_class=HTMLResponse)
def workload(request: Request, name: UnitName) -> HTMLResponse:
    """Workload of one agency: roles, task sections, deadlines, collaborators, counterpart."""
    return _page(request, "workload.html", active="workload", unit=name)


@router.get("/units/{name}/workload", response_class=HTMLResponse)
def workload_alias(request: Request, name: UnitName) -> HTMLResponse:
    return workload(request, name)


@router.get("/overview", response_class=HTMLResponse)
def overview(request: Request) -> HTMLResponse:
    """Agencies of a government ranked by workload, and a heat map agencies x task sections."""
    return _page(request, "overview.html", active="overview", government=request.query_params.get("government"))


@router.get("/board", response_class=HTMLResponse)
def board(request: Request) -> HTMLResponse:
    """督办看板: agencies x status counts, overdue and report-due lists, the city roll-up."""
    return _page(request, "board.html", active="board", government=request.query_params.get("government"))


@router.get("/upload", response_class=HTMLResponse)
def upload(request: Request) -> HTMLResponse:
    """Upload a document (admin token): preview what was read, then confirm or cancel."""
    return _page(request, "upload.html", active="upload")


@router.get("/units/{name}/network.html")
def network_download(request: Request, name: UnitName) -> Response:
    """A self-contained pyvis HTML network of the agency (offline: JavaScript inlined)."""
    from viz.pyvis_export import unit_network_html

    store = request.app.state.store
    unit, html = unit_network_html(store, name)
    filename = f"{unit}-network.html"
    disposition = f"attachment; filename=\"network.html\"; filename*=UTF-8''{quote(filename)}"
    return Response(
        html.encode("utf-8"),
        media_type="text/html; charset=utf-8",
        headers={"Content-Disposition": disposition},
    )


_MAX_STATIC_PATH = 255


@router.get("/static/{path:path}")
def static(path: str) -> Response:
    """Vendored and own static files (versioned names, so they may be cached long)."""
    missing = NotFoundError(f"未找到文件 (no such file): /static/{path[:200]}")
    if len(path) > _MAX_STATIC_PATH or any(ord(c) < 32 for c in path):
        raise missing  # NUL, control characters, absurd lengths: never a file of ours
    try:
        target = (STATIC_DIR / path).resolve()
        if STATIC_DIR.resolve() not in target.parents or not target.is_file():
            raise missing
    except (ValueError, OSError):  # a name the file system refuses (too long a component ...)
        raise missing from None
    media, _ = mimetypes.guess_type(target.name)
    if target.suffix == ".svg":
        media = "image/svg+xml"
    if media in ("text/javascript", "application/javascript", "text/css") or target.suffix in (".js", ".css"):
        media = ("text/css" if target.suffix == ".css" else "text/javascript") + "; charset=utf-8"
    return FileResponse(target, media_type=media, headers={"Cache-Control": "public, max-age=3600"})
