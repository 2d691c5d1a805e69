"""The rows the data-quality report checks, read from the store.

Why a read function: the report (``reports.quality``) is a pure set of checks over
plain rows; where the rows come from -- this store, or parsed files -- is decided by
its caller.  Parse warnings are kept with each document at load time (Document
``warnings``, JSON text), so nothing here re-reads a source file.
"""

from __future__ import annotations

import json
from typing import Any

from graph.store import GraphStore


def stored_warnings(
    store: GraphStore, documents: list[dict[str, Any]]
) -> tuple[dict[str, list[dict[str, Any]]], list[str]]:
    """Warnings of each loaded document; and the ids of loaded documents whose warnings
    are unknown (loaded before warnings were kept)."""
    kept = {r["id"]: r.get("warnings") for r in store.read("document_warnings", {})}
    by_id: dict[str, list[dict[str, Any]]] = {}
    missing = []
    for d in documents:
        if d.get("measures") == 0:  # stub documents (cited, not loaded) have no warnings
            continue
        text = kept.get(d["id"])
        if text:
            by_id[d["id"]] = json.loads(text)
        else:
            missing.append(d["id"])
    return by_id, missing


def quality_rows(store: GraphStore) -> dict[str, Any]:
    """documents, measures, responsibilities, milestones, links, counterparts (None when
    the levels are not linked), warnings by document id and missing_warnings."""
    documents = store.read("document_list", {})
    warnings, missing = stored_warnings(store, documents)
    return {
        "documents": documents,
        "measures": store.read("quality_measures", {}),
        "responsibilities": store.read("quality_responsibilities", {}),
        "milestones": store.read("quality_milestones", {}),
        "links": store.read("quality_links", {}) or None,
        "counterparts": store.read("quality_counterparts", {}) or None,
        "warnings": warnings,
        "missing_warnings": missing,
    }
