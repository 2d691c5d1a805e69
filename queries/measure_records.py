"""Per-measure records: a measure as search pages and chains show it, kept IN the store.

Why: a search page or a chain shows each measure shaped and annotated -- its units,
targets and the city/district measures it is linked to -- and those annotations cost
four reads per page (10-20 ms for a 50-measure page at 1,000 documents on LadybugDB),
more than finding the page in the search index.  So each measure's shown form is stored
once, as ``MeasureRecord {id, built_generation, body}``, and a page reads its records by
key in one read.  The chain's ids (the measures above and below) are in the record too:
the chain of a measure is then two keyed reads plus its progress.

Freshness is the read model's graph generation (queries/read_model.py,
graph/read_model_stamp.py): every write that changes the graph -- loads, links, clears --
sets a new one in its own transaction, and a record is fresh only when built at the
generation current now.  Progress is not in the record (its roll-ups depend on the day
asked and on every progress write; the chain reads them apart), so progress writes never
make a record stale.

A reader builds the missing or stale records of its page from the named queries (which
stay the definition: the tests hold the two equal after every kind of write), answers
with them, and stores them in the background, stamped with the generation it read
BEFORE building.  The records are read and written behind any caching wrapper.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import orjson

from graph.store import GraphStore
from queries import read_model

Shown = dict[str, Any]
# Builds the shown form of some measure ids (those it cannot build -- a measure deleted
# since -- are left out): the named queries' answer, which the record must equal.
Builder = Callable[[GraphStore, list[str]], dict[str, Shown]]

MAX_STORED = 500  # records stored per background write (a huge page is stored in parts)


def shown(store: GraphStore, ids: list[str], build: Builder) -> dict[str, Shown]:
    """The shown form of each of ``ids`` (by id; a measure that no longer exists is
    absent), each a fresh dict the caller may change: from fresh records, the rest built
    by ``build`` and stored for the next reader."""
    bodies, built = _read(store, ids, build)
    out = {i: orjson.loads(body) for i, body in bodies.items()}
    out.update(built)
    return out


def shown_json(store: GraphStore, ids: list[str], build: Builder) -> dict[str, bytes]:
    """``shown`` as the UTF-8 JSON of each record (what ``orjson.dumps`` makes of it):
    a fresh record's stored text as it is, never parsed.  Why: parsing 50 records and
    rendering them again cost a search page 0.6 ms, a tenth of its work; the stored text
    is orjson's rendering of the same value, so the bytes are those of the answer."""
    bodies, built = _read(store, ids, build)
    out = {i: body.encode("utf-8") for i, body in bodies.items()}
    out.update((i, orjson.dumps(m)) for i, m in built.items())
    return out


def _read(store: GraphStore, ids: list[str], build: Builder) -> tuple[dict[str, str], dict[str, Shown]]:
    """The stored text of each of ``ids`` whose record is fresh, and the others built by
    ``build`` (stored for the next reader)."""
    if not ids:
        return {}, {}
    raw = read_model.backing(store)
    wanted = list(dict.fromkeys(ids))
    rows = raw.read("read_model_measures", {"ids": wanted})
    generation = rows[0]["generation"] if rows else None
    bodies = _fresh_bodies(rows, generation)
    missing = [i for i in wanted if i not in bodies]
    built: dict[str, Shown] = {}
    if missing:
        built = build(store, missing)
        _store_later(raw, generation, built)
    return bodies, built


def _store_later(raw: GraphStore, generation: str | None, built: dict[str, Shown]) -> None:
    """Store built records off the request's path.  No generation yet (a store no write
    has stamped since the read model existed): a new one is created with the records,
    unless a write sets one first (then they read as stale)."""
    if not built or getattr(raw, "read_only", False):
        return
    stamp = generation if generation is not None else uuid.uuid4().hex
    rows = _put_rows(built)
    for start in range(0, len(rows), MAX_STORED):
        part = rows[start : start + MAX_STORED]
        read_model.submit_write(raw, f"measures:{part[0]['id']}:{len(part)}",
                                [("read_model_put_measures", {"generation": stamp, "rows": part})])


def warm(
    store: GraphStore, keys: list[str], build: Builder, progress: Callable[[int, int], None] | None = None,
    batch: int = MAX_STORED,
) -> dict[str, int]:
    """Build and store now the records of ``keys`` that are stale or missing, ``batch``
    at a time (``policygraph warm``).  The generation is read once, BEFORE anything is
    built: a write landing during the warm leaves what was built stale, never wrongly
    fresh.  Returns counts: records, built, fresh (already)."""
    raw = read_model.backing(store)
    stamps = raw.read("read_model_stamps", {"name": ""})
    generation = (stamps[0]["generation"] if stamps else "") or uuid.uuid4().hex
    built = fresh = 0
    for start in range(0, len(keys), batch):
        part = keys[start : start + batch]
        rows = raw.read("read_model_measures", {"ids": part})
        have = _fresh_bodies(rows, generation)
        fresh += len(have)
        todo = [k for k in part if k not in have]
        if todo:
            made = build(store, todo)
            if made and not getattr(raw, "read_only", False):
                raw.write_batch([("read_model_put_measures", {"generation": generation, "rows": _put_rows(made)})])
            built += len(made)
        if progress is not None:
            progress(min(start + batch, len(keys)), len(keys))
    return {"records": len(keys), "built": built, "fresh": fresh}


def _fresh_bodies(rows: list[dict[str, Any]], generation: str | None) -> dict[str, str]:
    """The stored bodies of ``read_model_measures`` rows built at ``generation``, by key."""
    return {r["id"]: r["body"] for r in rows if r["body"] is not None and r["built_generation"] == generation}


def _put_rows(built: dict[str, Shown]) -> list[dict[str, str]]:
    """``read_model_put_measures`` rows of built records (their JSON as stored)."""
    return [{"id": i, "body": orjson.dumps(m).decode("utf-8")} for i, m in built.items()]
