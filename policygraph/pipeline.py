"""File -> loader -> model -> store, then link the levels: the one load path.

Why one function: the CLI (`policygraph load`), the API's first start and the tests all
load documents the same way -- every file parsed before anything is written (a bad
file stops the run before the store is touched), each document in its own
transaction, then one linking pass so district measures point at the city ones.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from graph.model import ParsedDocument, StoreError
from graph.store import GraphStore
from policygraph.samples import sample_paths

log = logging.getLogger("policygraph.pipeline")


def parse_all(paths: Sequence[Path]) -> list[ParsedDocument]:
    """Parse every file first; raises DocumentError naming the first bad file."""
    from loaders import load_document

    return [load_document(p) for p in paths]


def load_and_link(
    store: GraphStore,
    parsed_docs: Sequence[ParsedDocument],
    on_stage: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """Load the documents (batches of several per transaction, see
    StoreOperations.load_many), then relink the levels once: only the document pairs
    that touch the loaded documents (``relink_store``), or everything (``link_store``)
    when an earlier load was left without its linking -- the pending mark tells, and
    which documents that load brought is not recorded.  ``on_stage`` hears "loading"
    and "linking" as each begins (the CLI's progress line)."""
    from graph.linking import link_store, relink_store

    loaded: dict[str, Any] = {}
    docs = list(parsed_docs)
    pending_before = link_pending(store)
    if on_stage:
        on_stage("loading")
    summaries = store.load_many(docs)
    for parsed, summary in zip(docs, summaries, strict=True):
        name = base = parsed.document.source or parsed.document.id
        n = 1
        while name in loaded:  # two files of one name in different folders
            n += 1
            name = f"{base} ({n})"
        loaded[name] = summary
        log.info("loaded %s: %s", name, summary)
    if on_stage:
        on_stage("linking")
    if pending_before:
        loaded["links"] = link_store(store)
    else:
        loaded["links"] = relink_store(store, [p.document.id for p in docs])
    log.info("linked the levels: %s", loaded["links"])
    return loaded


def load_samples(store: GraphStore) -> dict[str, Any]:
    """The bundled seeds (the city first, then the district implementing it), linked."""
    return load_and_link(store, parse_all(sample_paths()))


def link_pending(store: GraphStore) -> bool:
    """Whether a load was committed and the linking after it never ran (a crash, a kill):
    every load writes the mark in its own transaction, link_store clears it in its."""
    try:
        return bool(store.read("link_pending"))
    except StoreError:  # a read-only store made before the mark existed: nothing recorded
        return False


def repair_links(store: GraphStore) -> dict[str, Any] | None:
    """Finish an interrupted load: relink the levels if a load is pending its linking;
    the link summary, or None when there was nothing to do.  Run by `policygraph load`,
    the server's start and `policygraph doctor`."""
    if getattr(store, "read_only", False) or not link_pending(store):
        return None
    from graph.linking import link_store

    log.warning("a load was not followed by its linking (interrupted): linking the levels now")
    return link_store(store)
