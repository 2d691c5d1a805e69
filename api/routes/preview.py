"""POST /documents/preview: parse an uploaded document and answer what was read, writing nothing.

Why a route of its own: the upload page shows the supervising office what the parser
read (measures, responsible units with the unknown ones flagged, deadlines, warnings
with their line numbers) before anything enters the graph; confirming then sends the
same file to ``POST /documents``.  The same admin token as an upload is required (the
preview reads a file a person chose to load), checked by ``api.routes.upload.require_token``.

Nothing is written: the file is parsed in a temporary directory (``loaders``) and the
store is only read (does this document exist already? is each unit known to the graph?).
Warnings and errors name the uploaded file, never the temporary path.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Request
from starlette.concurrency import run_in_threadpool

from api.deps import SettingsDep, StoreDep
from api.routes.common import make_router
from api.routes.upload import _UPLOAD_BODY, read_and_parse, require_token
from api.schemas import ErrorBody
from graph.model import Measure, ParsedDocument

router = make_router("/documents", "documents")

PREVIEW_EXAMPLE = {
    "ok": True, "written": False, "file": "督办试点.txt",
    "document": {"id": "西青区人民政府办公室-2022-08-01", "title": "…任务分工的通知", "level": "district",
                 "year": 2022, "exists": False},
    "counts": {"tasks": 1, "measures": 2, "units": 5, "unknown_units": 1, "deadlines": 2, "warnings": 1},
    "measures": [{"id": "西青区人民政府办公室-2022-08-01:1.1", "number": 1, "clause": 1, "line": 10,
                  "units": [{"unit": "区财政局", "as_written": "区财政局", "role": "lead", "order": 1,
                             "first": True, "kind": "department", "unknown": False}]}],
    "units": [{"name": "区数据资源小组", "kind": "unknown", "unknown": True, "in_graph": False, "measures": 1}],
    "deadlines": [{"measure_id": "西青区人民政府办公室-2022-08-01:1.1", "line": 10, "text": "10月底前完成",
                   "kind": "due", "date": "2022-10-31"}],
    "warnings": [{"file": "督办试点.txt", "line": 10,
                  "message": "measure 1.1: unknown unit 区数据资源小组 (not in agencies.csv); kept as written"}],
}


def _deadline(m: Measure) -> dict[str, Any] | None:
    d = m.deadline
    if d is None:
        return None
    return {"text": d.text, "kind": d.kind, "date": d.date, "before_publication": d.before_publication,
            "milestones": [{"text": x.text, "date": x.date, "action": x.action} for x in d.milestones]}


def _known_units(store: Any) -> set[str]:
    """Every canonical unit name the graph holds (one read): a unit of the file that is
    not among them enters the graph with the upload."""
    return {r["name"] for r in store.read("unit_names", {})}


def _exists(store: Any, doc_id: str) -> dict[str, Any] | None:
    rows = store.read("document_get", {"id": doc_id})
    return rows[0] if rows else None


def preview_answer(store: Any, parsed: ParsedDocument, name: str) -> dict[str, Any]:
    """What was read, shaped for the upload page: the document, its measures (units in
    source order, the first named marked), the units (unknown ones flagged), the
    deadlines and the warnings with their line numbers."""
    kinds = {u.name: u for u in parsed.units}
    known = _known_units(store)
    per_unit: dict[str, int] = {}
    measures, deadlines = [], []
    for m in parsed.measures:
        units = []
        for i, r in enumerate(sorted(m.responsibilities, key=lambda r: (r.order or 1 << 30))):
            u = kinds.get(r.unit)
            kind = u.kind if u else "unknown"
            units.append({"unit": r.unit, "as_written": r.as_written, "role": r.role, "order": r.order,
                          "first": i == 0, "collective": r.collective, "kind": kind, "unknown": kind == "unknown"})
            per_unit[r.unit] = per_unit.get(r.unit, 0) + 1
        d = _deadline(m)
        measures.append({"id": m.id, "number": m.number, "clause": m.clause, "line": m.line,
                         "task": {"seq": m.task.seq, "number": m.task.number, "title": m.task.title},
                         "text": m.text, "clause_text": m.clause_text, "open_ended": m.open_ended,
                         "units": units, "deadline": d, "targets": len(m.targets)})
        if d is not None:
            deadlines.append({"measure_id": m.id, "number": m.number, "clause": m.clause, "line": m.line, **d})
    units_out = [{"name": u.name, "level": u.level, "kind": u.kind, "government": u.government,
                  "collective": u.collective, "unknown": u.kind == "unknown", "in_graph": u.name in known,
                  "measures": per_unit.get(u.name, 0)} for u in parsed.units]
    units_out.sort(key=lambda u: (not u["unknown"], -u["measures"], u["name"]))
    doc = parsed.document
    existing = _exists(store, doc.id)
    warnings = [{"file": name, "line": w.line, "message": w.message, "text": w.text} for w in parsed.warnings]
    return {
        "ok": True, "written": False, "file": name,
        "document": {"id": doc.id, "title": doc.title, "issuer": doc.issuer, "doc_number": doc.doc_number,
                     "level": doc.level, "region": doc.region, "published": doc.published, "year": doc.year,
                     "format": doc.format, "exists": existing is not None,
                     "existing_measures": existing.get("measures") if existing else None},
        "counts": {"tasks": len(parsed.tasks), "measures": len(measures), "units": len(units_out),
                   "unknown_units": sum(1 for u in units_out if u["unknown"]), "deadlines": len(deadlines),
                   "warnings": len(warnings)},
        "measures": measures, "units": units_out, "deadlines": deadlines, "warnings": warnings,
    }


@router.post(
    "/preview",
    openapi_extra=_UPLOAD_BODY,
    responses={
        200: {"description": "解析结果（未写入）", "content": {"application/json": {"example": PREVIEW_EXAMPLE}}},
        401: {"description": "缺少或错误的令牌", "model": ErrorBody},
        403: {"description": "需要督查（管理员）令牌 / 上传未启用", "model": ErrorBody},
        413: {"description": "文件过大", "model": ErrorBody},
        415: {"description": "不支持的文件类型", "model": ErrorBody},
        422: {"description": "无法解析的文件（文件、行号、原因）", "model": ErrorBody},
    },
)
async def preview_document(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    _auth: Annotated[None, Depends(require_token)],
) -> dict[str, Any]:
    """Parse an uploaded document and answer what was read, writing nothing.

    The measures (units in source order, the first named marked), the units (``kind``
    ``unknown`` and ``unknown: true`` for a name not in the agency list, kept as
    written), the deadlines and the warnings with their line numbers.  Confirm by
    sending the same file to ``POST /documents``.  Needs the admin token, as an upload."""
    parsed = await read_and_parse(request, settings)
    return await run_in_threadpool(preview_answer, store, parsed, parsed.document.source or "upload")
