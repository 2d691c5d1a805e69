"""Link the levels: district documents, tasks, measures, agencies and targets to the
city ones they implement.

    from graph.linking import link_store, link_documents, relink_store
    summary = link_store(store)                 # read, link, write (one transaction)
    summary = relink_store(store, {doc_id})     # only the pairs touching doc_id (graph/linking/incremental.py)
    links = link_documents(city, district)      # pure: two ParsedDocuments -> Links

``link_store`` reads its inputs through named read queries (queries/read/linking_*),
computes the links with plain functions (documents, tasks, measures, units, targets)
and writes them through named write queries (queries/write/link_*) in ONE
``write_batch``: the old link edges and stub documents are deleted first, so running
it again replaces them (idempotent).  Which documents are linked is decided by the
documents themselves: a lower document is linked to every loaded document it says
it implements (津政发〔2022〕9号 ...).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graph.linking.decision_store import decisions_for_linking
from graph.linking.decisions import apply_decisions
from graph.linking.documents import link_documents as link_document_refs
from graph.linking.measures import PreparedDocs, Scorer, link_measures, prepared_docs
from graph.linking.model import (
    Corpus,
    Doc,
    DocLink,
    DocRef,
    Links,
    MeasureRec,
    StubDoc,
    TargetRec,
    TaskRec,
    UnitRec,
)
from graph.linking.targets import link_targets
from graph.linking.tasks import link_tasks
from graph.linking.units import link_units
from graph.model import ParsedDocument
from graph.rows import task_id

__all__ = [
    "Links",
    "corpus_from_parsed",
    "link_corpus",
    "link_documents",
    "link_pair",
    "link_store",
    "relink_store",
]


# -- inputs ------------------------------------------------------------------------


def responsible(named: list[tuple[str, str]]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(leads, every unit) of a measure from its (role, unit) pairs, collectives left
    out; a measure with no lead (A、B按职责分工负责) counts its joint units as leads."""
    leads = [n for role, n in named if role == "lead"] or [n for role, n in named if role == "joint"]
    return tuple(dict.fromkeys(leads)), tuple(dict.fromkeys(n for _r, n in named))


def corpus_from_parsed(docs: list[ParsedDocument]) -> Corpus:
    """The linking inputs of parsed documents (the same ids the stores use)."""
    c = Corpus()
    for p in docs:
        d = p.document
        c.docs.append(
            Doc(
                d.id,
                d.title,
                d.doc_number or "",
                d.level,
                d.year,
                tuple(DocRef(r.doc_number or "", r.title or "") for r in d.implements),
            )
        )
        tasks = {task_id(d.id, t): t for t in p.tasks + [m.task for m in p.measures]}
        c.tasks += [TaskRec(tid, d.id, t.number, t.seq, t.title) for tid, t in tasks.items()]
        for m in p.measures:
            named = [(r.role, r.unit) for r in m.responsibilities if not r.collective]
            c.measures.append(
                MeasureRec(m.id, d.id, task_id(d.id, m.task), m.number, m.clause, m.text, *responsible(named))
            )
            for i, t in enumerate(m.targets, start=1):
                c.targets.append(
                    TargetRec(
                        f"{m.id}:g{i}", m.id, d.id, t.indicator, t.op, float(t.value), t.unit, t.value_max
                    )
                )
        seen = {u.name for u in c.units}
        c.units += [UnitRec(u.name, u.level, u.kind, u.collective) for u in p.units if u.name not in seen]
    return c


def corpus_from_store(store: Any, ids: list[str] | None = None) -> Corpus:
    """The linking inputs, read through the named ``linking_*`` queries.  With ``ids``
    only the tasks, measures and targets of those documents are read (the
    ``linking_*_of`` queries: incremental relinking reads the pairs it relinks, not the
    corpus); the documents and the units are always all read (document refs and agency
    counterparts are decided over the whole store, and both are one small row each)."""
    c = Corpus()
    for r in store.read("linking_documents"):
        numbers = r.get("implements_doc_numbers") or []
        titles = r.get("implements_titles") or []
        refs = tuple(DocRef(n or "", t or "") for n, t in zip(numbers, titles, strict=False))
        c.docs.append(
            Doc(r["id"], r["title"] or "", r["doc_number"] or "", r["level"] or "unknown", r["year"], refs)
        )
    c.units = [
        UnitRec(r["name"], r["level"] or "unknown", r["kind"] or "unknown", bool(r["collective"]))
        for r in store.read("linking_units")
    ]
    read_parts(store, c, ids)
    return c


def read_parts(store: Any, c: Corpus, ids: list[str] | None) -> None:
    """Fill ``c`` with the tasks, measures and targets of the documents ``ids`` (None:
    every document)."""

    def rows(name: str) -> list[dict[str, Any]]:
        if ids is None:
            return store.read(name)
        return store.read(f"{name}_of", {"ids": list(ids)}) if ids else []

    c.tasks = [
        TaskRec(r["id"], r["document_id"], int(r["number"]), r["seq"] or "", r["title"] or "")
        for r in rows("linking_tasks")
    ]
    named: dict[str, list[tuple[str, str]]] = {}
    for r in rows("linking_measure_units"):
        if not r["collective"]:
            named.setdefault(r["measure_id"], []).append((r["role"] or "", r["name"]))
    c.measures = [
        MeasureRec(
            r["id"],
            r["document_id"],
            r["task_id"],
            int(r["number"]),
            int(r["clause"]),
            r["text"] or "",
            *responsible(named.get(r["id"], [])),
        )
        for r in rows("linking_measures")
    ]
    c.targets = [
        TargetRec(
            r["id"],
            r["measure_id"],
            r["document_id"],
            r["indicator"] or "",
            r["op"] or "",
            float(r["value"]),
            r["unit"] or "",
            r["value_max"],
        )
        for r in rows("linking_targets")
        if r["value"] is not None
    ]


# -- linking (pure) ----------------------------------------------------------------


@dataclass
class DocParts:
    """One document's share of a corpus: what ``link_pair`` reads of it."""

    tasks: list[TaskRec] = field(default_factory=list)
    measures: list[MeasureRec] = field(default_factory=list)
    targets: list[TargetRec] = field(default_factory=list)


def index_corpus(c: Corpus) -> dict[str, DocParts]:
    """Tasks, measures and targets grouped by document, in corpus order.  Built once per
    run so that linking a pair costs the size of the pair, not of the whole corpus."""
    out: dict[str, DocParts] = {}
    for t in c.tasks:
        out.setdefault(t.document_id, DocParts()).tasks.append(t)
    for m in c.measures:
        out.setdefault(m.document_id, DocParts()).measures.append(m)
    for g in c.targets:
        out.setdefault(g.document_id, DocParts()).targets.append(g)
    return out


def link_pair(
    c: Corpus,
    lower_id: str,
    upper_id: str,
    links: Links,
    index: dict[str, DocParts] | None = None,
    prepared: PreparedDocs | None = None,
) -> None:
    """Tasks, measures and targets of one lower document to one upper document.  Only
    the two documents are read (``index``: ``index_corpus(c)``, pass it when linking
    many pairs of one corpus; ``prepared``: one ``PreparedDocs`` per run, so an upper
    document's text is prepared once for all the documents implementing it)."""
    index = index_corpus(c) if index is None else index
    lower, upper = index.get(lower_id, DocParts()), index.get(upper_id, DocParts())
    scorer = Scorer(lower.measures, upper.measures, prepared)
    tlinks, unlinked = link_tasks(
        lower.tasks, upper.tasks, lower.measures, upper.measures, scorer.measure_score
    )
    mlinks, local = link_measures(lower.measures, upper.measures, {t.lower: t.upper for t in tlinks}, scorer)
    links.tasks += tlinks
    links.unlinked_tasks += unlinked
    links.measures += mlinks
    links.local_measures += local
    links.targets += link_targets(lower.targets, upper.targets, mlinks)


def link_corpus(c: Corpus) -> Links:
    """Every link among the documents of ``c`` (pairs chosen by the documents' own refs)."""
    doc_links, stubs = link_document_refs(c.docs)
    return link_some_pairs(c, doc_links, stubs, None)


def link_some_pairs(
    c: Corpus,
    doc_links: list[DocLink],
    stubs: list[StubDoc],
    pairs: set[tuple[str, str]] | None,
) -> Links:
    """The links of the document pairs ``pairs`` (None: every pair of ``doc_links``), the
    stubs, and every agency link.  ``c`` must hold the tasks, measures and targets of both
    documents of each pair.  Why one function for the full and the incremental run: a
    pair's task, measure and target links read only that pair (``link_pair``), so the
    same pairs computed in either run give the same links."""
    links = Links()
    links.stubs = list(stubs)
    links.documents = [d for d in doc_links if pairs is None or (d.lower, d.upper) in pairs]
    loaded = {d.id for d in c.docs}
    index = index_corpus(c)
    prepared = prepared_docs()
    for dl in links.documents:
        if dl.upper in loaded:
            link_pair(c, dl.lower, dl.upper, links, index, prepared)
    links.counterparts, links.branches, links.no_counterpart = link_units(c.units)
    return links


def link_documents(city: ParsedDocument, district: ParsedDocument) -> Links:
    """Links of ``district`` to ``city`` (pure; no store).  The document link is the one
    the district's preamble gives, else a ``given`` link (the caller paired them)."""
    c = corpus_from_parsed([city, district])
    links = Links()
    doc_links, links.stubs = link_document_refs(c.docs)
    links.documents = [d for d in doc_links if d.lower == district.document.id]
    if not any(d.upper == city.document.id for d in links.documents):
        links.documents.append(DocLink(district.document.id, city.document.id, "given", 1.0))
    link_pair(c, district.document.id, city.document.id, links)
    links.counterparts, links.branches, links.no_counterpart = link_units(c.units)
    return links


# -- store -------------------------------------------------------------------------

CLEAR_STEPS = [
    "link_clear_documents",
    "link_clear_stubs",
    "link_clear_tasks",
    "link_clear_measures",
    "link_clear_counterparts",
    "link_clear_branches",
    "link_clear_targets",
]


def write_steps(links: Links) -> list[tuple[str, dict[str, Any]]]:
    """The named write steps that replace every link edge (run in one transaction)."""
    return [(name, {}) for name in CLEAR_STEPS] + create_steps(links)


def create_steps(links: Links) -> list[tuple[str, dict[str, Any]]]:
    """The named write steps that create the edges and stubs of ``links`` (the full run
    after clearing everything, the incremental run after clearing its pairs).  Steps
    with no rows are left out (LadybugDB cannot type an empty ``$rows``)."""
    rows: list[tuple[str, list[dict[str, Any]]]] = [
        (
            "link_stubs",
            [
                {"id": s.id, "title": s.title, "doc_number": s.doc_number, "level": s.level}
                for s in links.stubs
            ],
        ),
        ("link_documents", _scored_rows(links.documents)),
        ("link_tasks", _scored_rows(links.tasks)),
        (
            "link_measures",
            [
                {**row, "is_primary": bool(x.primary), "evidence": x.evidence}
                for row, x in zip(_scored_rows(links.measures), links.measures, strict=True)
            ],
        ),
        ("link_counterparts", _scored_rows(links.counterparts)),
        ("link_branches", _scored_rows(links.branches)),
        (
            "link_targets",
            [
                {"lower": x.lower, "upper": x.upper, "method": x.method, "share": float(x.share),
                 "conversion": x.conversion}
                for x in links.targets
            ],
        ),
    ]
    return [(name, {"rows": r}) for name, r in rows if r]


def _scored_rows(links: list[Any]) -> list[dict[str, Any]]:
    """Rows for the link_* write queries of links scored by a method (lower -> upper)."""
    return [{"lower": x.lower, "upper": x.upper, "method": x.method, "score": float(x.score)} for x in links]


def link_store(store: Any) -> dict[str, Any]:
    """Read the loaded documents, link the levels, lay the reviewed decisions over the
    measure links, replace the link edges in one transaction; return a summary (counts,
    and agencies with no counterpart)."""
    links = link_corpus(corpus_from_store(store))
    # Reviewed decisions (policygraph links apply) beat the matcher: graph/linking/decisions.py
    links = apply_decisions(links, decisions_for_linking(store))
    store.write_batch(write_steps(links) + [("link_pending_clear", {})])  # done: no longer pending
    return links.summary() | {"relinked_pairs": len(links.documents)}


from graph.linking.incremental import relink_store  # noqa: E402  (it builds on the functions above)
