"""Incremental relinking: after documents are loaded (an upload, a reload), relink only
the document pairs that touch them; every other link edge stays as it is.

    from graph.linking import relink_store
    summary = relink_store(store, {"西青区人民政府-2022-07-27"})

Why it gives the same links as a full ``link_store``: which document implements which
is decided over ALL loaded documents (``linking_documents`` is one small row per
document, and a newly loaded document can turn another document's stub into a real
parent); the task, measure and target links of a pair read only that pair
(``link_pair``); the agency links read only the units (all read, one row each).  So the
pairs to relink are

* every pair whose lower or upper document is one of the loaded documents, and
* every pair whose document link changed (appeared, disappeared, or changed method or
  score: a parent loaded after its child replaces the child's stub link),

and those pairs are computed with exactly the functions of the full run
(``link_some_pairs``) over the tasks, measures and targets of their documents only
(``linking_*_of`` queries).  Their old edges are cleared pair by pair
(``link_clear_pair_*``), stubs no longer referred to are deleted, changed stubs
rewritten, and the agency links (COUNTERPART_OF, BRANCH_OF) are written as a
difference: only the edges the units a document brings add (or that vanished).

Shape: compute a ``Links`` (the relinked pairs, the stubs, every agency link) ->
``writable`` (what differs from the store) -> write steps, in ONE transaction with the
pending-link mark cleared.  A stored-decisions filter applied to the computed Links
before ``writable`` fits here as it fits in ``link_store``.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from graph.linking.documents import link_documents as link_document_refs
from graph.linking.model import DocLink, Links, StubDoc, UnitLink

Pair = tuple[str, str]

PAIR_CLEAR_STEPS = [
    "link_clear_pair_documents",
    "link_clear_pair_tasks",
    "link_clear_pair_measures",
    "link_clear_pair_targets",
]


@dataclass
class LinkState:
    """The link edges a store holds now (what the incremental run compares against)."""

    documents: dict[Pair, DocLink] = field(default_factory=dict)
    stubs: dict[str, StubDoc] = field(default_factory=dict)
    counterparts: set[UnitLink] = field(default_factory=set)
    branches: set[UnitLink] = field(default_factory=set)


def read_state(store: Any) -> LinkState:
    """Document links, stubs and agency links as stored (``linking_*`` state reads)."""
    s = LinkState()
    for r in store.read("linking_document_edges"):
        s.documents[(r["lower"], r["upper"])] = DocLink(
            r["lower"], r["upper"], r["method"] or "", float(r["score"] or 0.0)
        )
    for r in store.read("linking_stubs"):
        s.stubs[r["id"]] = StubDoc(r["id"], r["title"] or "", r["doc_number"] or "", r["level"] or "unknown")
    for r in store.read("linking_unit_edges"):
        link = UnitLink(r["lower"], r["upper"], r["method"] or "", float(r["score"] or 0.0))
        (s.counterparts if r["kind"] == "counterpart" else s.branches).add(link)
    return s


def pairs_to_relink(old: dict[Pair, DocLink], new: Iterable[DocLink], touched: set[str]) -> set[Pair]:
    """The document pairs whose links must be recomputed: those touching a loaded
    document, and those whose document link is new, gone or changed."""
    new_by_pair = {(d.lower, d.upper): d for d in new}
    every = old.keys() | new_by_pair.keys()
    return {p for p in every if p[0] in touched or p[1] in touched or old.get(p) != new_by_pair.get(p)}


def _plain_stub(s: StubDoc) -> StubDoc:
    """A stub as the store gives it back (no None: the writes store "" for a missing number)."""
    return StubDoc(s.id, s.title or "", s.doc_number or "", s.level or "unknown")


def writable(links: Links, state: LinkState) -> tuple[Links, list[str]]:
    """(what to create, stub ids to delete) for ``links`` over ``state``: the relinked
    pairs' edges all, stubs only when new or changed, agency links only when new.
    Also the agency links to delete come from ``unit_deletions``."""
    stubs_now = {s.id: s for s in links.stubs}
    gone = sorted(set(state.stubs) - set(stubs_now))
    changed = [s for s in links.stubs if state.stubs.get(s.id) != _plain_stub(s)]
    out = dataclasses.replace(
        links,
        stubs=changed,
        counterparts=[u for u in links.counterparts if u not in state.counterparts],
        branches=[u for u in links.branches if u not in state.branches],
    )
    return out, gone


def unit_deletions(links: Links, state: LinkState) -> list[tuple[str, dict[str, Any]]]:
    """Steps deleting the agency links that change: those the units no longer give, and
    those about to be created (so that two uploads linking at once never leave an edge
    twice: the later one replaces it)."""
    steps: list[tuple[str, dict[str, Any]]] = []
    for name, old, new in (
        ("link_clear_unit_counterparts", state.counterparts, set(links.counterparts)),
        ("link_clear_unit_branches", state.branches, set(links.branches)),
    ):
        rows = [{"lower": a, "upper": b} for a, b in sorted({(u.lower, u.upper) for u in old ^ new})]
        if rows:
            steps.append((name, {"rows": rows}))
    return steps


_LOCK = threading.Lock()


def relink_store(store: Any, touched: Iterable[str]) -> dict[str, Any]:
    """Relink the pairs touching the documents ``touched`` (ids just loaded or reloaded)
    in one transaction; the summary counts the relinked pairs' links (agency links:
    all), plus ``relinked_pairs``."""
    with _LOCK:  # read, compute and write as one step (two uploads of one server relink in turn)
        return _relink(store, set(touched))


def _relink(store: Any, touched: set[str]) -> dict[str, Any]:
    from graph.linking import corpus_from_store, create_steps, link_some_pairs, read_parts
    from graph.linking.decision_store import decisions_for_linking
    from graph.linking.decisions import apply_decisions

    corpus = corpus_from_store(store, ids=[])  # documents and units: no per-document reads yet
    doc_links, stubs = link_document_refs(corpus.docs)
    state = read_state(store)
    pairs = pairs_to_relink(state.documents, doc_links, touched)
    loaded = {d.id for d in corpus.docs}
    read_parts(store, corpus, sorted({d for p in pairs for d in p if d in loaded}))
    links = link_some_pairs(corpus, doc_links, stubs, pairs)
    # Reviewed decisions beat the matcher here too; they only touch the pairs relinked now
    # (links.documents), whose old edges the steps below clear (graph/linking/decisions.py).
    links = apply_decisions(links, decisions_for_linking(store))
    create, gone_stubs = writable(links, state)
    rows = [{"lower": a, "upper": b} for a, b in sorted(pairs)]
    steps: list[tuple[str, dict[str, Any]]] = [(name, {"pairs": rows}) for name in PAIR_CLEAR_STEPS if rows]
    if gone_stubs:
        steps.append(("link_clear_stub_ids", {"ids": gone_stubs}))
    steps += unit_deletions(links, state)
    steps += create_steps(create)
    store.write_batch(steps + [("link_pending_clear", {})])  # done: no longer pending
    return links.summary() | {"relinked_pairs": len(pairs)}
