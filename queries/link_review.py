"""Links as a reviewer reads them: every measure link with its evidence and the decision
in force, the task links, and the local measures a reviewer may give a city measure.

Why a read function of its own: the review file (``policygraph links review``,
reports/link_review.py) and any page or route that shows decisions must read the same
links the same way; the decisions are read under today's measure ids
(graph.linking.decision_store), so a decision made before a reload shows on the link it
was made on.

The answer::

    {"document": ID | None,
     "measure_links": [{lower_id, lower_document_id, lower_document_title, lower_doc_number,
                        lower_number, lower_clause, lower_text, upper_… (the same),
                        method, score, is_primary, evidence, decision: {...} | None}],
     "local_measures": [{id, document_id, document_title, number, clause, text, task_number,
                         task_title, uppers: [{id, title, doc_number}], decision: None}],
     "task_links": [{lower_id, …, upper_title, method, score}],
     "decisions": [{lower, upper, decision, decided_by, at, source, source_row, note}],
     "orphans": [... decisions whose measure is gone ...]}
"""

from __future__ import annotations

from typing import Any

from graph.linking.decision_store import stored_decisions
from graph.model import NotFoundError


def _decision(row: dict[str, Any] | None) -> dict[str, Any] | None:
    if row is None:
        return None
    keys = ("decision", "decided_by", "at", "source", "source_row", "note")
    return {k: row.get(k) or "" for k in keys}


def document_uppers(store: Any) -> dict[str, list[dict[str, Any]]]:
    """The loaded documents each document implements (lower id -> [{id, title, doc_number}])."""
    out: dict[str, list[dict[str, Any]]] = {}
    for r in store.read("document_links"):
        if not r["upper_stub"]:
            out.setdefault(r["lower_id"], []).append(
                {"id": r["upper_id"], "title": r["upper_title"] or "", "doc_number": r["upper_doc_number"] or ""}
            )
    return out


def link_review(store: Any, document: str | None = None) -> dict[str, Any]:
    """Every link (of ``document`` as the lower or the upper side, or of all documents)
    with what a person needs to judge it; raises NotFoundError for an unknown document."""
    doc = (document or "").strip()
    if doc and not store.read("document_get", {"id": doc}):
        raise NotFoundError(f"no document {doc!r}")
    resolved = stored_decisions(store)
    force = resolved.in_force()
    links = store.read("review_measure_links", {"document": doc})
    for r in links:
        r["decision"] = _decision(force.get((r["lower_id"], r["upper_id"])))
    uppers = document_uppers(store)
    titles = {d["id"]: d for ups in uppers.values() for d in ups}
    titles.update({r["lower_document_id"]: {"title": r["lower_document_title"]} for r in links})
    local = []
    for r in store.read("local_initiatives", {"document": ""}):
        ups = uppers.get(r["document_id"], [])
        if doc and r["document_id"] != doc and doc not in {u["id"] for u in ups}:
            continue
        title = (titles.get(r["document_id"]) or {}).get("title") or ""
        if not title:
            got = store.read("document_get", {"id": r["document_id"]})
            title = (got[0].get("title") if got else "") or ""
            titles[r["document_id"]] = {"title": title}
        local.append({**r, "document_title": title, "uppers": ups, "decision": None})
    shown = {(r["lower_id"], r["upper_id"]) for r in links}
    decisions = [
        {"lower": r["lower"], "upper": r["upper"], **(_decision(r) or {}), "linked": k in shown}
        for k, r in sorted(force.items())
        if not doc or doc in (r["lower"].rpartition(":")[0], r["upper"].rpartition(":")[0])
    ]
    return {
        "document": doc or None,
        "measure_links": links,
        "local_measures": local,
        "task_links": store.read("review_task_links", {"document": doc}),
        "decisions": decisions,
        "orphans": sorted(
            ({k: r.get(k) for k in ("lower_id", "upper_id", "decision", "decided_by", "at", "source", "source_row",
                                     "note")} for r in resolved.orphans),
            key=lambda r: (r["at"] or "", r["lower_id"], r["upper_id"]),
        ),
    }


def link_decisions(store: Any, document: str | None = None) -> dict[str, Any]:
    """The reviewed decisions in force (of ``document`` as the lower or the upper side, or
    all), under today's measure ids, with the orphans (decisions whose measure is gone):
    what GET /links/decisions answers.  Raises NotFoundError for an unknown document."""
    doc = (document or "").strip()
    if doc and not store.read("document_get", {"id": doc}):
        raise NotFoundError(f"no document {doc!r}")
    resolved = stored_decisions(store)
    linked = {(r["lower_id"], r["upper_id"]) for r in store.read("review_measure_links", {"document": doc})}

    def touches(lower: str, upper: str) -> bool:
        return not doc or doc in (lower.rpartition(":")[0], upper.rpartition(":")[0])

    data = [
        {"lower": k[0], "upper": k[1], **(_decision(r) or {}), "linked": k in linked}
        for k, r in sorted(resolved.in_force().items())
        if touches(*k)
    ]
    orphans = [
        {k: r.get(k) or "" for k in ("lower_id", "upper_id", "decision", "decided_by", "at", "source", "source_row",
                                     "note")}
        for r in resolved.orphans
        if touches(r["lower_id"], r["upper_id"])
    ]
    orphans.sort(key=lambda r: (r["at"], r["lower_id"], r["upper_id"]))
    return {"document": doc or None, "data": data, "count": len(data), "orphans": orphans}
