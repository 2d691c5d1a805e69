"""Documents: the list, one document, and its tasks."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path, Query

from api.deps import StoreDep
from api.routes.common import Limit, Offset, make_router, strip_json
from api.schemas import ok
from queries import documents as documents_read
from queries.answers import DocumentDetail, DocumentList, TaskList

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


IncludeStubs = Annotated[
    bool, Query(description="包括仅被引用、未载入的文件（stub，如 国发〔2022〕9号）", examples=[False])
]


@router.get("", responses=ok({"data": [DOC_EXAMPLE | {"stub": False}], "count": 1}))
def list_documents(
    store: StoreDep, include_stubs: IncludeStubs = False, limit: Limit = 100, offset: Offset = 0
) -> DocumentList:
    """Every loaded task-division document with its counts of tasks and measures.

    Documents that loaded ones only cite (stubs, ``stub: true``, made by level linking)
    are left out unless ``include_stubs=true``."""
    return documents_read.list_documents(store, include_stubs, limit, offset)


@router.get("/{doc_id}.json", include_in_schema=False)
def get_document_json(doc_id: DocId, store: StoreDep) -> DocumentDetail:
    return documents_read.document_detail(store, strip_json(doc_id))


@router.get("/{doc_id}", responses=ok(DOC_EXAMPLE))
def get_document(doc_id: DocId, store: StoreDep) -> DocumentDetail:
    """One document: title, issuer, number, level, publication date and counts, with the
    documents it implements (``implements``: IMPLEMENTS, e.g. the city list a district
    list carries out; stubs are cited documents not loaded) and those implementing it."""
    return documents_read.document_detail(store, strip_json(doc_id))


@router.get(
    "/{doc_id}/tasks",
    responses=ok({"data": [{"seq": "三", "number": 3, "title": "提升积极的财政政策效能", "measures": 3}], "count": 1}),
)
def get_document_tasks(doc_id: DocId, store: StoreDep) -> TaskList:
    """The document's tasks in order, each with its number of measures."""
    return documents_read.document_tasks(store, doc_id)
