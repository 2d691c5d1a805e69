"""Measures: the answer shape of one measure, its annotations, search, one measure, its chain.

Why one shaping function: a measure appears in an agency's obligations, in search
results, on its own and in a chain; every one of those answers nests the flat row
of the named queries the same way (``shape_measure``) and annotates it the same way
(``enrich``: co-responsible units, targets, linked measures).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

import orjson

from graph import search_terms
from graph.model import NotFoundError
from graph.store import GraphStore
from queries import measure_records
from queries.answers import Chain, Measure, MeasureList
from queries.chain import MAX_DEPTH, measure_chain
from queries.ownership import MeasureFilter, unit_obligation_rows
from queries.paging import listing, page
from queries.progress import as_of_date, measure_rollups, rollup, shown_rollups
from queries.units import resolve_unit

# Search hits taken at most (a substring such as 的 matches nearly every measure).
SEARCH_MAX = 10000


def measure_row(store: GraphStore, measure_id: str) -> dict[str, Any]:
    """The flat row of one measure, or NotFoundError."""
    rows = store.read("measure_detail", {"id": measure_id})
    if not rows:
        raise NotFoundError(f"未找到措施 (unknown measure): {measure_id}", suggestions=[])
    return rows[0]


def shape_measure(row: dict[str, Any]) -> dict[str, Any]:
    """Nest a flat measure row (as the named queries return it) for JSON."""
    out = {
        "id": row["id"],
        "number": row.get("number"),
        "clause": row.get("clause"),
        "text": row.get("text"),
        "open_ended": row.get("open_ended"),
        "document_id": row.get("document_id"),
        "document_title": row.get("document_title"),
        "level": row.get("level"),
        "task": {
            "id": row.get("task_id"),
            "seq": row.get("task_seq"),
            "number": row.get("task_number"),
            "title": row.get("task_title"),
        },
        "deadline": None,
    }
    if row.get("deadline_kind") is not None or row.get("deadline_date") is not None:
        out["deadline"] = {
            "text": row.get("deadline_text"),
            "kind": row.get("deadline_kind"),
            "date": row.get("deadline_date"),
        }
    for key in ("role", "via", "order", "depth"):
        if key in row:
            out[key] = row[key]
    if "leaders" in row:  # only the reads that return the column: other answers keep their shape
        out["leaders"] = leaders(row["leaders"])
    return out


def leaders(stored: str | None) -> list[dict[str, Any]]:
    """The persons a measure names (责任领导 …) from the stored JSON text (graph/rows.py
    leaders_json): [{"name", "title", "label"}], [] when none or on a store loaded before
    the column existed (null)."""
    if not stored:
        return []
    return list(json.loads(stored))


def _link(row: dict[str, Any], side: str, score: Any) -> dict[str, Any]:
    return {
        "id": row[f"{side}_id"],
        "document_id": row.get(f"{side}_document_id"),
        "number": row.get(f"{side}_number"),
        "clause": row.get(f"{side}_clause"),
        "text": row.get(f"{side}_text"),
        "score": score,
    }


def _rows_by_measure(
    sources: Iterable[list[dict[str, Any]]], key: str, ids: set[str]
) -> dict[str, list[dict[str, Any]]]:
    """Group rows by ``key`` (a measure id of the page).  Every source answers a measure
    whole, so the first source that has a measure gives all its rows (a measure held by
    a unit and by its collective comes from both: kept once)."""
    out: dict[str, list[dict[str, Any]]] = {}
    for rows in sources:
        got: dict[str, list[dict[str, Any]]] = {}
        for r in rows:
            if r[key] in ids and r[key] not in out:
                got.setdefault(r[key], []).append(r)
        out.update(got)
    return out


ANNOTATIONS = {  # kind: (query suffix, key column of the page's measure)
    "units": ("measures_units", "measure_id"),
    "targets": ("measures_targets", "measure_id"),
    "up": ("measures_links_up", "lower_id"),
    "down": ("measures_links_down", "upper_id"),
}


def _annotation_rows(
    store: GraphStore, measures: list[dict[str, Any]], holders: list[str] | None
) -> dict[str, dict[str, list[dict[str, Any]]]]:
    """Rows of units, targets, links up and links down of the page's measures, each
    grouped by measure id.  Every query is anchored on unique keys and narrowed to the
    page, so a page costs its anchors plus the page, never the size of the graph:

    * ``holders`` (the units whose obligations the page lists): ``unit_measures_*``,
      once per unit (the unit's edges are read once for its whole page);
    * otherwise ``page_measures_*``: one primary-key lookup per measure of the page,
      one query per kind however many documents the page draws from (a search page)."""
    ids = sorted({m["id"] for m in measures})
    wanted = set(ids)
    if holders is not None:
        anchors = [("unit", {"name": h, "ids": ids}) for h in holders]
    else:
        anchors = [("page", {"ids": ids})]
    return {
        kind: _rows_by_measure((store.read(f"{anchor}_{suffix}", params) for anchor, params in anchors), key, wanted)
        for kind, (suffix, key) in ANNOTATIONS.items()
    }


def enrich(
    store: GraphStore,
    measures: list[dict[str, Any]],
    exclude_unit: str | None = None,
    holders: list[str] | None = None,
) -> None:
    """Add co-responsible units, targets and the linked city/district measures, in place.

    ``holders``: the units through which the page's measures were found (a unit and the
    collectives it shares through); the annotations are then read from those units,
    otherwise from the page's documents (see _annotation_rows)."""
    if not measures:
        return
    rows = _annotation_rows(store, measures, holders)
    for m in measures:
        i = m["id"]
        m["co_responsible"] = [
            {"unit": r["unit"], "role": r["role"], "order": r.get("order"), "collective": r.get("collective")}
            for r in rows["units"].get(i, [])
            if r["unit"] != exclude_unit
        ]
        m["targets"] = [{k: v for k, v in r.items() if k != "measure_id"} for r in rows["targets"].get(i, [])]
        m["city_measures"] = [_link(r, "upper", r.get("score")) for r in rows["up"].get(i, [])]
        m["district_measures"] = [_link(r, "lower", r.get("score")) for r in rows["down"].get(i, [])]


def search_hits(store: GraphStore, q: str, limit: int = SEARCH_MAX) -> list[dict[str, Any]]:
    """The measures whose text contains every word of ``q`` (space = AND), ranked: the
    phrase in the task or document title first, then the phrase in the text, then the
    words apart; each tier in document order.  Rows of keys and filter columns
    (id, document_id, number, clause, task_number, deadline_date, tier).

    The named query ``search_hits`` defines the answer; the embedded store answers it
    from its SQLite index when that is fresh (graph/search_index.py), Neo4j from this
    host's copy of that index when fresh (graph/search_replica.py), else from its
    full-text index (the query's .neo4j twin)."""
    words, phrase = search_terms.words(q), search_terms.phrase(q)
    index = getattr(store, "search_index", None)
    if index is not None:
        rows = index.hits(words, phrase, limit)
        if rows is not None:
            return rows
    params = {"q": phrase, "words": words, "lucene": search_terms.lucene_query(words), "limit": limit}
    return store.read("search_hits", params)


def _listing_rows(store: GraphStore, hits: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The listing rows of a page of search hits, in the page's order (a measure deleted
    since the search is left out)."""
    by_id: dict[str, dict[str, Any]] = {}
    for r in store.read("measure_rows", {"ids": [h["id"] for h in hits]}):
        by_id.setdefault(r["id"], r)
    return [by_id[h["id"]] for h in hits if h["id"] in by_id]


def _candidates(store: GraphStore, text: str, document: str | None, unit: str | None) -> list[dict[str, Any]]:
    """The measures a listing starts from, read from its narrowest anchor -- the search
    hits, the unit's own measures, or one document -- so a filtered listing costs its
    anchor, not every measure; the remaining filters are applied on these rows (search
    hits carry the filter columns only: the page's rows are read after paging)."""
    held: set[str] | None = None
    if unit:
        own = unit_obligation_rows(store, resolve_unit(store, unit)["name"], include_shared=False)  # document order
        held = {r["id"] for r in own}
    if text:
        rows = search_hits(store, text)
    elif unit:
        rows = [{k: v for k, v in r.items() if k not in ("role", "order", "via")} for r in own]
        rows = list({r["id"]: r for r in rows}.values())  # one row per measure, not per role
    elif document:
        rows = store.read("document_measures", {"document": document})
    else:
        rows = store.read("measures_list", {})
    return rows if held is None else [r for r in rows if r["id"] in held]


def search_measures(
    store: GraphStore, q: str | None = None, unit: str | None = None, where: MeasureFilter | None = None,
    limit: int = 50, offset: int = 0,
) -> MeasureList:
    """Measures whose text contains every word of ``q`` (``search_hits``: ranked), held
    by ``unit``, narrowed by ``where``; one page, annotated."""
    where = where or MeasureFilter()
    text = (q or "").strip()
    total, chosen = _listed_page(store, text, unit, where, limit, offset)
    if text:  # a search page: its measures as stored records (queries/measure_records.py)
        got = measure_records.shown(store, [h["id"] for h in chosen], _build)
        shaped = [got[h["id"]] for h in chosen if h["id"] in got]  # a measure deleted since: left out
    else:
        shaped = [shape_measure(r) for r in chosen]
        enrich(store, shaped)
    return listing(shaped, total=total, limit=limit, offset=offset)


def search_measures_json(
    store: GraphStore, q: str | None = None, unit: str | None = None, where: MeasureFilter | None = None,
    limit: int = 50, offset: int = 0,
) -> bytes:
    """``search_measures`` as the UTF-8 JSON the API sends (``orjson.dumps`` of it, byte
    for byte): a search page's records are spliced in as they are stored
    (``measure_records.shown_json``), never parsed and rendered again."""
    where = where or MeasureFilter()
    text = (q or "").strip()
    if not text:
        return orjson.dumps(search_measures(store, q, unit, where, limit, offset))
    total, chosen = _listed_page(store, text, unit, where, limit, offset)
    got = measure_records.shown_json(store, [h["id"] for h in chosen], _build)
    rows = b",".join(got[h["id"]] for h in chosen if h["id"] in got)  # a measure deleted since: left out
    return b'{"data":[%b],"count":%d,"limit":%d,"offset":%d}' % (rows, total, limit, offset)  # listing()'s keys


def _listed_page(
    store: GraphStore, text: str, unit: str | None, where: MeasureFilter, limit: int, offset: int,
) -> tuple[int, list[dict[str, Any]]]:
    """The total and the page's rows of a listing (``text``: a search, stripped): from
    the search index where nothing else narrows it, else from the listing's candidates."""
    quick = _indexed_page(store, text, limit, offset) if text and not unit and where == MeasureFilter() else None
    if quick is not None:
        return quick
    rows = [r for r in _candidates(store, text, where.document, unit) if where.keeps(r)]
    return len(rows), page(rows, limit, offset)


def search_measures_defined(
    store: GraphStore, q: str, limit: int = 50, offset: int = 0,
) -> MeasureList:
    """The definition of a search page (tests hold ``search_measures`` equal to it): the
    named ``search_hits`` paged, each measure read, shaped and annotated at every call."""
    rows = search_hits(store, q.strip())
    shaped = [shape_measure(r) for r in _listing_rows(store, page(rows, limit, offset))]
    enrich(store, shaped)
    return listing(shaped, total=len(rows), limit=limit, offset=offset)


def _build_listed(store: GraphStore, ids: list[str]) -> dict[str, dict[str, Any]]:
    """Measures as a search page shows them (``measure_rows``, shaped, annotated), by id."""
    shaped = [shape_measure(r) for r in _listing_rows(store, [{"id": i} for i in ids])]
    enrich(store, shaped)
    return {m["id"]: m for m in shaped}


def _build_chain_ids(store: GraphStore, keys: list[str], links: Links | None = None) -> dict[str, dict[str, Any]]:
    """The ids (and depths) of the measures above and below each measure, and the
    measure's own ``measure_detail`` row, by record key (``chain|id``): the walk of
    queries.chain, kept so a chain skips it, and the row, so a chain or a measure's page
    skips ``measure_detail`` (one read fewer each).  ``links`` (warming every measure):
    the IMPLEMENTS edges and the measures a chain may show, read once; the same walk is
    then made in memory.  A measure that does not exist gets no record (a request for a
    made-up id must not store one)."""
    mids = [key.removeprefix(CHAIN) for key in keys]
    rows = {r["id"]: r for r in store.read("measures_detail", {"ids": mids})} if mids else {}
    out: dict[str, dict[str, Any]] = {}
    for key, mid in zip(keys, mids, strict=True):
        if mid not in rows:
            continue
        walk = _walk(store, mid) if links is None else {d: links.walk(mid, d) for d in ("up", "down")}
        out[key] = {**walk, "row": rows[mid]}
    return out


def _walk(store: GraphStore, mid: str) -> dict[str, list[list[Any]]]:
    """The ids and depths of the measures above (up) and below (down) ``mid``: the walk
    of queries.chain, as a chain record keeps it."""
    return {d: [[r["id"], r["depth"]] for r in measure_chain(store, mid, d)] for d in ("up", "down")}


@dataclass
class Links:
    """Every IMPLEMENTS edge (``up``: lower -> uppers, ``down``: upper -> lowers) and the
    measures that have a task and a document (``shown``: what ``measure_row`` finds)."""

    up: dict[str, list[str]]
    down: dict[str, list[str]]
    shown: set[str]

    @classmethod
    def read(cls, store: GraphStore, ids: list[str]) -> Links:
        up: dict[str, list[str]] = {}
        down: dict[str, list[str]] = {}
        for r in store.read("quality_links"):
            up.setdefault(r["lower_id"], []).append(r["upper_id"])
            down.setdefault(r["upper_id"], []).append(r["lower_id"])
        return cls(up, down, set(ids))

    def walk(self, mid: str, direction: str) -> list[list[Any]]:
        """``queries.chain.measure_chain`` (ids and depths) on these edges: level by level,
        a measure once per depth it is reached at, one without task or document left out
        (but walked through)."""
        edges = self.up if direction == "up" else self.down
        out: list[list[Any]] = []
        frontier = [mid]
        for depth in range(1, MAX_DEPTH + 1):
            reached = sorted({x for m in frontier for x in edges.get(m, ())})
            out.extend([x, depth] for x in reached if x in self.shown)
            frontier = reached
            if not frontier:
                break
        return out


def _build(store: GraphStore, keys: list[str], links: Links | None = None) -> dict[str, dict[str, Any]]:
    """Records of any kind by key: ``chain|id`` (the chain's ids) or a measure id (listed)."""
    chains = [k for k in keys if k.startswith(CHAIN)]
    out = _build_chain_ids(store, chains, links) if chains else {}
    rest = [k for k in keys if not k.startswith(CHAIN)]
    if rest:
        out.update(_build_listed(store, rest))
    return out


CHAIN = "chain|"  # the key of a measure's chain record (its own record's key is its id)
ANNOTATIONS_SHOWN = ("co_responsible", "targets", "city_measures", "district_measures")  # what enrich adds


def warm_measures(store: GraphStore, ids: list[str] | None = None, progress: Any = None) -> dict[str, int]:
    """Build and store the records of every measure (``ids``: those only) and of its
    chain, where stale or missing, so search pages, measures and chains read them by
    key (``policygraph warm``).  ``progress(done, total)`` after each batch."""
    every = [r["id"] for r in store.read("measures_list", ALL_MEASURES)]
    links = Links.read(store, every)
    keys = [k for i in (every if ids is None else ids) for k in (i, CHAIN + i)]
    return measure_records.warm(store, keys, lambda st, ks: _build(st, ks, links), progress)


ALL_MEASURES = {"before": "9999-12-31", "after": "0001-01-01", "task": 0, "document": ""}


def _indexed_page(store: GraphStore, q: str, limit: int, offset: int) -> tuple[int, list[dict[str, Any]]] | None:
    """An unfiltered search's count and page, without carrying every hit out of the
    store: from the embedded store's SQLite index or a Neo4j store's copy of it on this
    host (graph/search_replica.py), else on Neo4j from its full-text index
    (``search_count`` + ``search_hits`` with SKIP/LIMIT: two small answers instead of up
    to SEARCH_MAX rows).  The same as paging ``search_hits``; None where neither applies
    (a stale embedded index: the caller pages the scan)."""
    words = search_terms.words(q)
    if not words:
        return None
    index = getattr(store, "search_index", None)
    if index is not None:
        got = index.page(words, search_terms.phrase(q), limit, offset, SEARCH_MAX)
        if got is not None or store.engine != "neo4j":
            return got
    if store.engine != "neo4j":  # Neo4j without a fresh copy on this host: its full-text index
        return None
    params = {"q": search_terms.phrase(q), "words": words, "lucene": search_terms.lucene_query(words)}
    total = int(store.read("search_count", {**params, "cap": SEARCH_MAX})[0]["total"])
    size = max(0, min(limit, SEARCH_MAX - offset))
    rows = store.read("search_hits", {**params, "skip": offset, "limit": size}) if total and size else []
    return total, rows


def measure_detail(store: GraphStore, measure_id: str) -> Measure:
    """One measure with its task, deadline, targets, responsible units and links (its
    stored record when fresh)."""
    m, _ = _detailed(store, measure_id)
    m["responsible"] = m.pop("co_responsible")
    return m


def _detailed(store: GraphStore, measure_id: str) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """The measure as its detail shows it -- its own row (``measure_detail``'s: leaders,
    clause text …, kept in its chain record) with the annotations of its stored record --
    and its chain record (None: none built, see ``_build_chain_ids``): one keyed read
    when both are fresh."""
    chain_key = CHAIN + measure_id  # its record holds the measure's own row (_build_chain_ids)
    got = measure_records.shown(store, [measure_id, chain_key], _build)
    row = (got.get(chain_key) or {}).get("row")  # None: no such measure, or a record stored before rows were
    m = shape_measure(row if row is not None else measure_row(store, measure_id))  # NotFoundError for an unknown id
    listed = got.get(measure_id)
    if listed is None:  # deleted between the two reads: annotate it as the definition does
        enrich(store, [m])
    else:
        m.update({k: listed[k] for k in ANNOTATIONS_SHOWN})
    return m, got.get(chain_key)


def measure_detail_defined(store: GraphStore, measure_id: str) -> Measure:
    """The definition of ``measure_detail`` (named queries at every call; tests)."""
    m = shape_measure(measure_row(store, measure_id))
    enrich(store, [m])
    m["responsible"] = m.pop("co_responsible")
    return m


def chain(store: GraphStore, measure_id: str, as_of: str | date | None = None) -> Chain:
    """The measure, the measures it implements (up) and those implementing it (down), annotated.

    Each of them carries ``progress``: its obligations' states and the roll-up (done /
    in_progress / not_started / overdue, ``queries.progress.measure_rollups``) on
    ``as_of``, so a city office sees how each district is doing on its measure;
    ``progress_totals`` sums the roll-ups of the measures below (down)."""
    m, record = _detailed(store, measure_id)
    ids = record or _walk(store, measure_id)  # no record: the measure's row and its record disagree
    got = measure_records.shown(store, [i for d in ("up", "down") for i, _ in ids[d]], _build)
    up, down = ([_at_depth(got[i], depth) for i, depth in ids[d] if i in got] for d in ("up", "down"))
    # the roll-ups from the records' deadlines and units (shown_rollups), not read again
    return _with_progress(m, up, down, shown_rollups(store, [m, *up, *down], as_of), as_of)


def _at_depth(m: dict[str, Any], depth: int) -> dict[str, Any]:
    """A listed measure with its chain depth, where ``shape_measure`` puts it (after the
    deadline): the answer keeps its key order."""
    out: dict[str, Any] = {}
    for k, v in m.items():
        out[k] = v
        if k == "deadline":
            out["depth"] = depth
    return out


def chain_defined(store: GraphStore, measure_id: str, as_of: str | date | None = None) -> Chain:
    """The definition of ``chain`` (named queries at every call; tests)."""
    m = shape_measure(measure_row(store, measure_id))
    up = [shape_measure(r) for r in measure_chain(store, m["id"], "up")]
    down = [shape_measure(r) for r in measure_chain(store, m["id"], "down")]
    enrich(store, [m, *up, *down])
    return _with_progress(m, up, down, measure_rollups(store, [x["id"] for x in (m, *up, *down)], as_of), as_of)


def _with_progress(
    m: dict[str, Any], up: list[dict[str, Any]], down: list[dict[str, Any]],
    rolls: dict[str, dict[str, Any]], as_of: str | date | None,
) -> Chain:
    """The chain's answer: each measure with its progress roll-up on ``as_of`` (``rolls``,
    by id), and the totals below."""
    for x in (m, *up, *down):
        x["progress"] = rolls.get(x["id"])
    totals = rollup([o for x in down for o in (x["progress"] or {}).get("obligations", []) if o["role"] != "shared"])
    return {"measure": m, "up": up, "down": down, "count": len(up) + len(down), "progress_totals": totals,
            "as_of": as_of_date(as_of).isoformat()}
