"""Helpers shared by the routers: negotiated routes, unit resolution, paging params."""

from __future__ import annotations

import difflib
import functools
import inspect
from collections.abc import Callable, Iterable
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.routing import APIRoute
from starlette.responses import Response
from starlette.routing import Match
from starlette.types import Scope

from api.responses import UTF8JSONResponse
from graph.model import NotFoundError
from graph.store import GraphStore

ROLES = ("lead", "support", "joint")
ROLE_ORDER = {"lead": 0, "support": 1, "joint": 2, "shared": 3}
ROLE_LABELS = {"lead": "牵头", "support": "配合", "joint": "共同负责", "shared": "作为集体单位成员"}

Limit = Annotated[int, Query(ge=1, le=500, description="每页条数 (page size)", examples=[50])]
Offset = Annotated[int, Query(ge=0, le=100000, description="跳过条数 (offset)", examples=[0])]

# Sentinels keep every parameter typed (no NULL parameters: LadybugDB cannot infer their type).
MIN_DATE = "0001-01-01"
MAX_DATE = "9999-12-31"


def _wants_html(scope: Scope) -> bool:
    for key, value in scope.get("headers", []):
        if key == b"accept":
            accept = value.decode("latin-1").lower()
            if "text/html" not in accept:
                return False
            json_at = accept.find("application/json")
            return json_at == -1 or accept.find("text/html") < json_at
    return False


class NegotiatedRoute(APIRoute):
    """A JSON route that yields to a page route (viz) when a browser asks for HTML.

    ``/units/区财政局`` with ``Accept: text/html`` goes to the viz page if one is
    mounted; programs (``Accept: application/json``, or ``/units/区财政局.json``)
    always get JSON.

    Handlers return plain dicts (the stores guarantee plain JSON values); they are
    rendered straight to UTF-8 JSON, skipping FastAPI's ``jsonable_encoder`` walk,
    which cost three times the queries on a 68-measure obligations answer."""

    def __init__(self, path: str, endpoint: Callable[..., Any], *, response_model: Any = None,
                 status_code: int | None = None, **kwargs: Any) -> None:
        if not inspect.iscoroutinefunction(endpoint):
            endpoint = _direct_json(endpoint, status_code or 200)
        super().__init__(path, endpoint, response_model=response_model, status_code=status_code, **kwargs)

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        match, child = super().matches(scope)
        if (match is Match.FULL and scope.get("type") == "http" and not scope.get("path", "").endswith(".json")
                and _wants_html(scope)):
            app = scope.get("app")
            pages = getattr(getattr(app, "state", None), "page_routes", None) or []
            for route in pages:
                if route.matches(scope)[0] is Match.FULL:
                    return Match.NONE, {}
        return match, child


def _direct_json(endpoint: Callable[..., Any], status: int) -> Callable[..., Any]:
    @functools.wraps(endpoint)
    def handler(*args: Any, **kwargs: Any) -> Any:
        out = endpoint(*args, **kwargs)
        return out if isinstance(out, Response) else UTF8JSONResponse(out, status_code=status)

    return handler


def make_router(prefix: str, tag: str) -> APIRouter:
    return APIRouter(prefix=prefix, tags=[tag], route_class=NegotiatedRoute)


def strip_json(value: str) -> str:
    return value[:-5] if value.endswith(".json") else value


def iso(d: date | None, default: str) -> str:
    return d.isoformat() if d else default


def suggest(name: str, candidates: list[str], n: int = 5) -> list[str]:
    """Close matches: difflib ratio plus substring containment (区财政 -> 区财政局)."""
    uniq = sorted(set(candidates))
    close = difflib.get_close_matches(name, uniq, n=n, cutoff=0.6)
    contains = [c for c in uniq if name and (name in c or c in name) and c not in close]
    contains.sort(key=lambda c: (abs(len(c) - len(name)), c))
    return (close + contains)[:n]


def resolve_unit(store: GraphStore, name: str) -> dict[str, Any]:
    """The unit row for a canonical name or alias, or NotFoundError with suggestions."""
    name = name.strip()
    rows = store.read("unit_by_name", {"name": name}) or store.read("unit_get", {"name": name})  # key first
    if rows:
        exact = [r for r in rows if r["name"] == name]
        return (exact or rows)[0]
    names = store.read("unit_names", {})
    canon = {}
    for r in names:
        canon[r["name"]] = r["name"]
        for a in r.get("aliases") or []:
            canon.setdefault(a, r["name"])
    seen: list[str] = []
    for c in suggest(name, list(canon)):
        if canon[c] not in seen:
            seen.append(canon[c])
    raise NotFoundError(f"未找到单位 (unknown unit): {name}", suggestions=seen)


def measure_or_404(store: GraphStore, measure_id: str) -> dict[str, Any]:
    rows = store.read("measure_detail", {"id": measure_id})
    if not rows:
        raise NotFoundError(f"未找到措施 (unknown measure): {measure_id}", suggestions=[])
    return rows[0]


def shape_measure(row: dict[str, Any]) -> dict[str, Any]:
    """Nest a flat measure row (as the named queries return it) for JSON."""
    out = {
        "id": row["id"],
        "number": row.get("number"),
        "clause": row.get("clause"),
        "text": row.get("text"),
        "open_ended": row.get("open_ended"),
        "document_id": row.get("document_id"),
        "document_title": row.get("document_title"),
        "level": row.get("level"),
        "task": {
            "id": row.get("task_id"),
            "seq": row.get("task_seq"),
            "number": row.get("task_number"),
            "title": row.get("task_title"),
        },
        "deadline": None,
    }
    if row.get("deadline_kind") is not None or row.get("deadline_date") is not None:
        out["deadline"] = {
            "text": row.get("deadline_text"),
            "kind": row.get("deadline_kind"),
            "date": row.get("deadline_date"),
        }
    for key in ("role", "via", "order", "depth"):
        if key in row:
            out[key] = row[key]
    return out


def _link(row: dict[str, Any], side: str, score: Any) -> dict[str, Any]:
    return {
        "id": row[f"{side}_id"],
        "document_id": row.get(f"{side}_document_id"),
        "number": row.get(f"{side}_number"),
        "clause": row.get(f"{side}_clause"),
        "text": row.get(f"{side}_text"),
        "score": score,
    }


def _rows_by_measure(
    sources: Iterable[list[dict[str, Any]]], key: str, ids: set[str]
) -> dict[str, list[dict[str, Any]]]:
    """Group rows by ``key`` (a measure id of the page).  Every source answers a measure
    whole, so the first source that has a measure gives all its rows (a measure held by
    a unit and by its collective comes from both: kept once)."""
    out: dict[str, list[dict[str, Any]]] = {}
    for rows in sources:
        got: dict[str, list[dict[str, Any]]] = {}
        for r in rows:
            if r[key] in ids and r[key] not in out:
                got.setdefault(r[key], []).append(r)
        out.update(got)
    return out


ANNOTATIONS = {  # kind: (query suffix, key column of the page's measure)
    "units": ("measures_units", "measure_id"),
    "targets": ("measures_targets", "measure_id"),
    "up": ("measures_links_up", "lower_id"),
    "down": ("measures_links_down", "upper_id"),
}


def _annotation_rows(
    store: GraphStore, measures: list[dict[str, Any]], holders: list[str] | None
) -> dict[str, dict[str, list[dict[str, Any]]]]:
    """Rows of units, targets, links up and links down of the page's measures, each
    grouped by measure id.  Every query is anchored on a unique key and narrowed to the
    page, so a page costs its anchors plus the page, never the size of the graph:

    * ``holders`` (the units whose obligations the page lists): ``unit_measures_*``,
      once per unit;
    * otherwise ``document_measures_*``, once per document the page draws from."""
    ids = sorted({m["id"] for m in measures})
    wanted = set(ids)
    if holders is not None:
        anchors = [("unit", {"name": h, "ids": ids}) for h in holders]
    else:
        docs = sorted({m["document_id"] for m in measures if m.get("document_id")})
        anchors = [("document", {"document": d, "ids": [m["id"] for m in measures if m.get("document_id") == d]})
                   for d in docs]
    return {
        kind: _rows_by_measure((store.read(f"{anchor}_{suffix}", params) for anchor, params in anchors), key, wanted)
        for kind, (suffix, key) in ANNOTATIONS.items()
    }


def enrich(
    store: GraphStore,
    measures: list[dict[str, Any]],
    exclude_unit: str | None = None,
    holders: list[str] | None = None,
) -> None:
    """Add co-responsible units, targets and the linked city/district measures, in place.

    ``holders``: the units through which the page's measures were found (a unit and the
    collectives it shares through); the annotations are then read from those units,
    otherwise from the page's documents (see _annotation_rows)."""
    if not measures:
        return
    rows = _annotation_rows(store, measures, holders)
    for m in measures:
        i = m["id"]
        m["co_responsible"] = [
            {"unit": r["unit"], "role": r["role"], "order": r.get("order"), "collective": r.get("collective")}
            for r in rows["units"].get(i, [])
            if r["unit"] != exclude_unit
        ]
        m["targets"] = [{k: v for k, v in r.items() if k != "measure_id"} for r in rows["targets"].get(i, [])]
        m["city_measures"] = [_link(r, "upper", r.get("score")) for r in rows["up"].get(i, [])]
        m["district_measures"] = [_link(r, "lower", r.get("score")) for r in rows["down"].get(i, [])]
