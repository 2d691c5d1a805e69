"""Documents: the list, one document with the documents it implements, and its tasks."""

from __future__ import annotations

from typing import Any

from graph.model import NotFoundError
from graph.store import GraphStore
from queries.answers import DocumentDetail, DocumentList, TaskList
from queries.paging import listing, page


def document_row(store: GraphStore, doc_id: str) -> dict[str, Any]:
    """One document's row, or NotFoundError suggesting the loaded ones."""
    rows = store.read("document_get", {"id": doc_id})
    if not rows:
        known = [r["id"] for r in store.read("document_list", {"include_stubs": False})]
        raise NotFoundError(f"未找到文件 (unknown document): {doc_id}", suggestions=known)
    return rows[0]


def list_documents(store: GraphStore, include_stubs: bool = False, limit: int = 100, offset: int = 0) -> DocumentList:
    """Loaded documents with their counts of tasks and measures (stubs: cited, not loaded)."""
    rows = store.read("document_list", {"include_stubs": include_stubs})
    return listing(page(rows, limit, offset), total=len(rows))


def document_detail(store: GraphStore, doc_id: str) -> DocumentDetail:
    """One document with ``implements`` (the documents it carries out) and ``implemented_by``."""
    doc = dict(document_row(store, doc_id))
    links = store.read("api_document_links", {"id": doc["id"]})
    links.sort(key=lambda r: (r["direction"], r["id"]))
    strip = ("direction",)
    doc["implements"] = [{k: v for k, v in r.items() if k not in strip} for r in links if r["direction"] == "up"]
    doc["implemented_by"] = [{k: v for k, v in r.items() if k not in strip} for r in links if r["direction"] == "down"]
    return doc


def document_tasks(store: GraphStore, doc_id: str) -> TaskList:
    """The document's tasks in order, each with its number of measures."""
    doc = document_row(store, doc_id)
    return listing(store.read("document_tasks", {"id": doc["id"]}), document=doc["id"])
