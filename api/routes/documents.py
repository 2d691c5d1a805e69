"""Documents: the list, one document, and its tasks."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Path

from api.deps import StoreDep, listing
from api.routes.common import Limit, Offset, make_router, strip_json
from api.schemas import ok
from graph.model import NotFoundError

router = make_router("/documents", "documents")

DocId = Annotated[str, Path(description="文件 id", examples=["西青区人民政府-2022-07-27"])]

DOC_EXAMPLE = {
    "id": "西青区人民政府-2022-07-27",
    "title": "西青区人民政府关于落实国务院《政府工作报告》重点工作任务清单",
    "issuer": "西青区人民政府",
    "level": "district",
    "region": "西青区",
    "published": "2022-07-27",
    "tasks": 36,
    "measures": 120,
}


def _document(store: StoreDep, doc_id: str) -> dict[str, Any]:
    rows = store.read("document_get", {"id": doc_id})
    if not rows:
        known = [r["id"] for r in store.read("document_list", {})]
        raise NotFoundError(f"未找到文件 (unknown document): {doc_id}", suggestions=known)
    return rows[0]


@router.get("", responses=ok({"data": [DOC_EXAMPLE], "count": 1}))
def list_documents(store: StoreDep, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    """Every loaded task-division document with its counts of tasks and measures."""
    rows = store.read("document_list", {})
    return listing(rows[offset : offset + limit], total=len(rows))


@router.get("/{doc_id}.json", include_in_schema=False)
def get_document_json(doc_id: DocId, store: StoreDep) -> dict[str, Any]:
    return get_document(doc_id, store)


@router.get("/{doc_id}", responses=ok(DOC_EXAMPLE))
def get_document(doc_id: DocId, store: StoreDep) -> dict[str, Any]:
    """One document: title, issuer, number, level, publication date and counts."""
    return _document(store, strip_json(doc_id))


@router.get(
    "/{doc_id}/tasks",
    responses=ok({"data": [{"seq": "三", "number": 3, "title": "提升积极的财政政策效能", "measures": 3}], "count": 1}),
)
def get_document_tasks(doc_id: DocId, store: StoreDep) -> dict[str, Any]:
    """The document's tasks in order, each with its number of measures."""
    doc = _document(store, doc_id)
    rows = store.read("document_tasks", {"id": doc["id"]})
    return listing(rows, document=doc["id"])
